"""WordPress exports, saved HTML pages and survey tables."""

from __future__ import annotations

from datetime import datetime

import pytest

from corpus_tools.load import LoadError
from corpus_tools.load.html import fragment_to_text, parse_html_page
from corpus_tools.load.tables import find_columns, parse_table, read_csv, read_jsonl
from corpus_tools.load.wxr import parse_wxr
from tests.conftest import DATA, RAW


@pytest.fixture(scope="module")
def wxr_posts():
    return parse_wxr((RAW / "twittmooc-export.xml").read_bytes())


def test_wxr_keeps_published_posts_only(wxr_posts):
    assert [post.title for post in wxr_posts] == [
        "Twitter en salle des professeurs",
        "De LinkedIn à Twitter : mon parcours de recruteuse",
    ]
    assert [post.key for post in wxr_posts] == ["412", "418"]


def test_wxr_fields(wxr_posts):
    post = wxr_posts[0]
    assert post.published == datetime(2014, 1, 15, 18, 30)
    assert post.categories == ["Témoignages", "Enseignement"]
    assert post.tags == ["lycée"]
    assert (post.author, post.handle) == ("Frédéric Aubert", "@fred_histgeo")
    assert "Un MOOC entre collègues\n\nAvec trois collègues" in post.text
    assert "<p>" not in post.text and "@fred_histgeo" not in post.text


def test_wxr_signature_by_par_and_paragraphs_without_tags(wxr_posts):
    post = wxr_posts[1]
    assert post.author == "Camille Durand"
    assert post.text.count("\n\n") == 2
    assert not post.text.endswith("Camille Durand")


def test_wxr_comments_replies_and_spam(wxr_posts):
    comments = wxr_posts[0].comments
    assert [(c.key, c.author, c.parent_key) for c in comments] == [
        ("901", "Isabelle Roche", None),
        ("905", "Frédéric Aubert", "901"),
    ]
    assert comments[1].published == datetime(2014, 1, 16, 20, 12)


def test_wxr_author_falls_back_to_display_name():
    data = (RAW / "twittmooc-export.xml").read_bytes().replace(
        b"<p>Fr\xc3\xa9d\xc3\xa9ric Aubert (@fred_histgeo)</p>", b""
    )
    assert parse_wxr(data)[0].author == "Stéphanie"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("bomb.xml", "refusé"),
        ("xxe.xml", "refusé"),
        ("truncated.xml", "tronqué"),
        ("not_wordpress.xml", "pas un export WordPress"),
    ],
)
def test_hostile_or_broken_xml_is_refused(name, message):
    with pytest.raises(LoadError, match=message):
        parse_wxr((DATA / name).read_bytes())


@pytest.fixture(scope="module")
def html_page():
    return parse_html_page((RAW / "temoignage-karine.html").read_text(encoding="utf-8"))


def test_html_fields(html_page):
    assert html_page.title == "Twitter, ma salle des profs virtuelle"
    assert (html_page.author, html_page.handle) == ("Karine Vidal", "@karine_cantal")
    assert html_page.categories == ["Témoignages", "École"]
    assert html_page.tags == []
    assert html_page.published == datetime(2014, 5, 20, 8, 0)


def test_html_body_drops_page_furniture(html_page):
    text = html_page.text
    assert text.startswith("Je suis professeure des écoles")
    assert "Ce que Twitter a changé\n\nMa classe" in text
    for furniture in ("_wpemojiSettings", "font-family", "Accueil", "Les défis", "Partager",
                      "Articles similaires", "Laisser un commentaire", "Jeanne", "propulsé"):
        assert furniture not in text
    assert "une débutante <très> bavarde" in text


def test_html_comments_and_replies(html_page):
    comments = html_page.comments
    assert [(c.key, c.author, c.parent_key) for c in comments] == [
        ("1201", "Jeanne Morel", None),
        ("1202", "Karine Vidal", "1201"),
    ]
    assert comments[0].text == "Classe unique aussi, dans le Jura ! On se retrouve sur " \
                               "#classeunique mercredi ?"
    assert comments[1].published == datetime(2014, 5, 21, 6, 48)


def test_fragment_to_text_keeps_line_breaks_and_paragraphs():
    assert fragment_to_text("Un<br>deux<p>trois</p>") == "Un\ndeux\n\ntrois"
    assert fragment_to_text("Sans balise\n\nDeux paragraphes & un") == (
        "Sans balise\n\nDeux paragraphes & un"
    )


def test_csv_columns_found_by_english_names():
    table = read_csv((DATA / "survey_comma.csv").read_text(encoding="utf-8"))
    documents, errors = parse_table(table, "survey_comma.csv")
    assert len(documents) == 2
    first = documents[0]
    assert (first.author, first.handle, first.categories) == ("Ana Lopez", "@analopez",
                                                             ["Témoignages"])
    assert first.published == datetime(2015, 3, 20, 9, 0)
    assert documents[0].key != documents[1].key
    assert errors == [("survey_comma.csv:2", "ligne 2 : la colonne « Your testimony » est vide")]


def test_csv_french_survey_with_semicolons():
    table = read_csv((RAW / "enquete-2015.csv").read_text(encoding="utf-8"))
    assert find_columns(list(table.columns)) == {
        "text": "Votre témoignage", "author": "Nom", "handle": "Compte Twitter",
        "date": "Horodateur", "categories": "Thème",
    }


def test_csv_explicit_columns():
    table = read_csv((DATA / "survey_custom.csv").read_text(encoding="utf-8"))
    with pytest.raises(LoadError, match="aucune colonne de texte"):
        parse_table(table, "survey_custom.csv")
    documents, _ = parse_table(table, "survey_custom.csv",
                               {"text": "Q3", "author": "Q1", "date": "Q2"})
    assert (documents[0].text, documents[0].author) == ("J’ai découvert Twitter grâce au MOOC.",
                                                        "Pauline")
    with pytest.raises(LoadError, match="Q9"):
        parse_table(table, "survey_custom.csv", {"text": "Q9"})


def test_jsonl_bad_lines_are_reported_and_the_rest_loads():
    table, errors = read_jsonl((DATA / "mixed.jsonl").read_text(encoding="utf-8"), "mixed.jsonl")
    documents, more = parse_table(table, "mixed.jsonl")
    assert [d.author for d in documents] == ["Inès", "Hugo"]
    assert [source for source, _ in errors + more] == ["mixed.jsonl:2", "mixed.jsonl:3"]
