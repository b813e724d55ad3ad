"""Saved blog pages of every common platform: the post's text, title, author, date, and each
reader's comment with its author, date and parent (fixtures in :mod:`tests.pages`)."""

from __future__ import annotations

from datetime import datetime

import pytest

from corpus_tools.load import load_corpus
from corpus_tools.load.comments import clean_author
from corpus_tools.load.html import parse_html_page
from tests import pages

BODY = "\n\n".join(pages.PARAGRAPHS)

# platform: (comments as (key, author, date, parent key), the post's date)
EXPECTED = {
    "wordpress_classic": ([("11", "Lucie Martin", datetime(2014, 3, 2, 18, 40), None),
                           ("12", "Claire Dubois", datetime(2014, 3, 2, 21, 5), "11"),
                           ("14", "Paul", datetime(2014, 3, 3, 7, 15), None)],
                          datetime(2014, 3, 1, 9, 30)),
    "wordpress_block_theme": ([("21", "Lucie", datetime(2015, 1, 10, 20, 0), None),
                               ("22", "Claire", datetime(2015, 1, 11, 10, 0), "21")],
                              datetime(2015, 1, 10, 8, 0)),
    "blogger": ([("111", None, datetime(2014, 2, 20, 17, 0), None),
                 ("222", "Claire Dubois", datetime(2014, 2, 21, 13, 0), "111")],
                datetime(2014, 2, 20)),
    "blogger_classic": ([("555", "Marc Leroy", datetime(2014, 3, 15, 9, 12), None)],
                        datetime(2014, 3, 14)),
    "spip_forum": ([("901", "Julien", datetime(2014, 3, 12, 11, 13), None),
                    ("902", "Claire", datetime(2014, 3, 12, 18, 2), "901"),
                    ("903", None, datetime(2014, 3, 13, 7, 40), None)],
                   datetime(2014, 3, 11, 8, 0)),
    "drupal": ([("71", "JPA", datetime(2015, 5, 7, 12, 38), None),
                ("72", "Claire", datetime(2015, 5, 7, 15, 39), "71"),
                ("73", "Binh", datetime(2015, 5, 8, 8, 1), None)],
               datetime(2015, 5, 7)),
    "disqus_static": ([("5001", "Sonia", None, None), ("5002", "Hugo", None, None)], None),
    "overblog": ([("301", "Nadia", datetime(2014, 6, 3, 8, 15), None),
                  ("302", "Bernard", datetime(2014, 6, 4, 19, 40), None)],
                 datetime(2014, 6, 2, 10, 0)),
    "canalblog": ([("10001", "Mamie Jo", datetime(2014, 4, 12, 21, 2), None),
                   ("10002", "Anne", datetime(2014, 4, 13, 8, 30), None)],
                  datetime(2014, 4, 12)),
    "tumblr": ([], datetime(2015, 2, 2)),
    "medium": ([], datetime(2016, 9, 12, 7, 30)),
}


@pytest.mark.parametrize("platform", sorted(EXPECTED))
def test_each_platform_gives_the_post_alone_and_its_comments(platform):
    notes: list[str] = []
    document = parse_html_page(getattr(pages, platform)(), warnings=notes)
    comments, published = EXPECTED[platform]
    assert document.title == pages.TITLE
    assert document.text == BODY  # no title, date, byline, share box, notes or comment in it
    assert [(c.key, c.author, c.published, c.parent_key) for c in document.comments] == comments
    assert document.published == published
    assert all(c.text and "Répondre" not in c.text for c in document.comments)


def test_wordpress_byline_categories_tags_and_pingbacks():
    notes: list[str] = []
    document = parse_html_page(pages.wordpress_classic(), warnings=notes)
    assert document.author == "Claire Dubois"
    assert (document.categories, document.tags) == (["Témoignages"], ["twittclasse"])
    assert notes == ["1 rétrolien (pingback, trackback) laissé de côté : ce ne sont pas des "
                     "commentaires"]
    assert "Revue de presse" not in " ".join(c.text for c in document.comments)


def test_blogger_keeps_the_post_inside_its_widget_and_its_author():
    document = parse_html_page(pages.blogger())
    assert document.author == "Claire Dubois"  # not « Publié par Claire Dubois »
    assert "Archives du blog" not in document.text


def test_a_page_of_the_wayback_machine_loses_its_toolbar_and_names_its_origin():
    notes: list[str] = []
    document = parse_html_page(pages.wayback(), warnings=notes)
    assert document.text == BODY
    assert len(document.comments) == 3
    assert notes[-1] == ("page enregistrée par la Wayback Machine le 15/03/2014 à 10:14 : "
                         "adresse d’origine http://carnet.example.fr/2014/03/tweeter/")


def test_the_title_is_never_the_sites_name():
    html = (pages.head().replace(f'content="{pages.TITLE}"', f'content="{pages.SITE}"')
            .replace(f"<title>{pages.TITLE} | ", "<title>")
            + f"<body>{pages.site_header()}<article><h1>{pages.TITLE}</h1>{pages.body()}"
            "</article></body></html>")
    assert parse_html_page(html).title == pages.TITLE


def test_a_blog_name_after_the_title_is_taken_off():
    html = pages.head(og=False) + f"<body><div>{pages.body()}</div></body></html>"
    assert parse_html_page(html).title == pages.TITLE


def test_soft_hyphens_and_zero_width_spaces_leave_the_stored_text(tmp_path):
    (tmp_path / "page.html").write_text(pages.soft_hyphens(), encoding="utf-8")
    (row,) = load_corpus(tmp_path).documents.to_dict("records")
    assert "\u00ad" not in row["text"] and "\u200b" not in row["text"]
    assert "septembre" in row["text"] and "collègues" in row["text"]
    assert "communauté" in row["text"]


def test_html_pages_load_through_the_corpus_with_their_comments(tmp_path):
    for name in ("wordpress_classic", "spip_forum", "blogger"):
        (tmp_path / f"{name}.html").write_text(getattr(pages, name)(), encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert corpus.errors.empty
    assert corpus.documents.n_comments.tolist() == [2, 3, 3]
    assert corpus.documents["format"].unique().tolist() == ["html"]


@pytest.mark.parametrize(("line", "name"), [
    ("Marie dit :", "Marie"),
    ("Rafael sagt:", "Rafael"),
    ("John says:", "John"),
    ("Lucía dice:", "Lucía"),
    ("Jan zegt:", "Jan"),
    ("1009 schreibt", "1009"),
    ("photobix 11. Dezember 2012 um 11:07", "photobix"),
    ("Maria 6. August 2018 um 17:20 Uhr - Antworten", "Maria"),
    ("Jean-Pierre le 3 mars 2014 à 10 h 12 min", "Jean-Pierre"),
    ("Posté par Mamie Jo, 12 avril 2014 à 21:02", "Mamie Jo"),
    ("Marianne", "Marianne"),
    ("Mai Tran", "Mai Tran"),
    ("Unknown", None),
])
def test_a_commenters_name_without_verb_of_saying_or_date(line, name):
    assert clean_author(line) == name


def _page_with(comments: str) -> str:
    return (pages.head() + f"<body><article class='post'><h1 class='entry-title'>{pages.TITLE}"
            f"</h1><div class='entry-content'>{pages.body()}</div></article>{comments}"
            "</body></html>")


def test_an_old_theme_numbers_its_comments_only_in_their_ids():
    comments = ("<ol id='commentlist'>"
                "<li id='comment-9257'><p>Très juste.</p><p><cite>Comment by <a href='#'>Mirko"
                "</a> — 17 juillet 2011 à 13:04</cite></p></li>"
                "<li id='comment-9258'><p>Merci !</p><p><cite>Comment by Daniel — 18 juillet "
                "2011 à 08:00</cite></p></li></ol><form id='comment-form'></form>")
    document = parse_html_page(_page_with(comments))
    assert [(c.key, c.author, c.text) for c in document.comments] == [
        ("9257", "Mirko", "Très juste."), ("9258", "Daniel", "Merci !")]
    assert document.comments[1].published == datetime(2011, 7, 18, 8, 0)


def test_wpdiscuz_comments_and_their_replies():
    def comment(key, name, text, replies=""):
        return (f"<div id='wc-comm-{key}_0' class='wc-comment wc_comment_level-1'>"
                f"<div class='wc-comment-left'><img alt='{name}'></div>"
                f"<div id='comment-{key}' class='wc-comment-right'><div class='wc-comment-header'>"
                f"<div class='wc-comment-author'>{name}</div></div><div class='wc-comment-text'>"
                f"<p>{text}</p></div><div class='wc-comment-footer'><div class='wc-comment-date'>"
                f"19. Februar 2017 20:00</div></div></div>{replies}</div>")
    html = _page_with("<div id='wcThreadWrapper' class='wc-thread-wrapper'>"
                      + comment("52842", "Alexandra", "Une question.",
                                comment("52845", "Claire", "Une réponse."))
                      + "</div>")
    document = parse_html_page(html)
    assert [(c.key, c.author, c.parent_key) for c in document.comments] == [
        ("52842", "Alexandra", None), ("52845", "Claire", "52842")]
    assert document.comments[0].published == datetime(2017, 2, 19, 20, 0)


def test_a_pingback_without_its_class_is_known_by_its_words():
    comments = ("<ol class='commentlist'><li class='comment' id='comment-1'><p>Pingback von "
                "<a href='#'>Lesezeichen</a></p></li><li class='comment' id='comment-2'>"
                "<cite class='fn'>Zoé</cite><p>Bravo.</p></li></ol>")
    notes: list[str] = []
    document = parse_html_page(_page_with(comments), warnings=notes)
    assert [c.author for c in document.comments] == ["Zoé"]
    assert notes == ["1 rétrolien (pingback, trackback) laissé de côté : ce ne sont pas des "
                     "commentaires"]


@pytest.mark.parametrize("shown", ["il y a 3 jours", "vor 1 Jahr", "2 years ago", "hier à 10:12"])
def test_a_relative_date_is_no_date(shown):
    comments = (f"<ol class='commentlist'><li class='comment' id='comment-1'><div "
                f"class='comment-author'><cite class='fn'>Zoé</cite></div><div "
                f"class='comment-meta'>{shown}</div><div class='comment-content'><p>Bravo.</p>"
                "</div></li></ol>")
    (comment,) = parse_html_page(_page_with(comments)).comments
    assert comment.published is None  # not counted from the day the page is read


def test_a_page_in_the_encoding_its_meta_declares(tmp_path):
    html = (pages.head().replace('<meta charset="utf-8">', '<meta charset="macintosh">')
            + f"<body><article class='post'><h1 class='entry-title'>{pages.TITLE}</h1>"
            f"<div class='entry-content'>{pages.body()}</div></article></body></html>")
    (tmp_path / "mac.html").write_bytes(html.encode("mac_roman"))
    corpus = load_corpus(tmp_path)
    (row,) = corpus.documents.to_dict("records")
    assert row["title"] == pages.TITLE and row["text"] == BODY  # « é », not « Ž »
    assert corpus.warnings.warning.tolist() == [
        "la page n’est pas en UTF-8 : lue dans l’encodage qu’elle déclare (mac-roman)"]


def test_the_posts_own_header_is_not_taken_for_the_sites_name():
    html = (pages.head(og=False).replace(f"{pages.TITLE} | ", "")  # <title> is the site's name
            + "<body class='single'><header id='masthead'><h1 "
            "id='site-title'><span>Carnet</span></h1></header><div id='content'>"
            f"<header class='entry-header'><h1 class='entry-title'><a href='#'>{pages.TITLE}</a>"
            f"</h1></header><div class='entry-content'>{pages.body()}</div></div></body></html>")
    assert parse_html_page(html).title == pages.TITLE


def test_a_menus_teaser_title_is_not_the_posts():
    teaser = ("<nav class='megamenu'><article class='views-row'><h1 class='title'>Les "
              "zoos, modèle du passé ?</h1></article></nav>")
    html = (pages.head() + f"<body>{teaser}<div id='content'><article class='node'>"
            f"<h1 class='node-title'>{pages.TITLE}</h1><div class='content'>{pages.body()}"
            "</div></article></div></body></html>")
    assert parse_html_page(html).title == pages.TITLE
