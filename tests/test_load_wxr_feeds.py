"""WordPress exports of every version and spelling, and RSS and Atom feeds.

The cases are those of the WordPress importer's own fixtures (``WordPress/wordpress-importer``,
``phpunit/data``), rebuilt in French by :mod:`tests.feeds`.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from corpus_tools.load import load_corpus
from tests.feeds import Item, Reply, atom, rss, wxr

STORY = "<p>J’ai découvert Twitter avec le #TwittMOOC en 2014.</p><p>Depuis, je tweete.</p>"


def load(tmp_path, text, name="export.xml", encoding="utf-8"):
    (tmp_path / name).write_bytes(text.encode(encoding))
    return load_corpus(tmp_path)


@pytest.mark.parametrize("version", ["1.0", "1.1", "1.2"])
@pytest.mark.parametrize("scheme", ["http", "https"])
def test_every_version_and_scheme_gives_posts_dates_and_comments(tmp_path, version, scheme):
    items = [Item("10", "Mon premier tweet", STORY, comments=[
        Reply("3", "Lucie", "<p>Bravo pour ce premier pas !</p>")])]
    corpus = load(tmp_path, wxr(items, version=version, scheme=scheme))
    assert corpus.errors.empty, corpus.errors.to_dict("records")
    (row,) = corpus.documents.to_dict("records")
    assert row["format"] == "wxr"
    assert row["title"] == "Mon premier tweet"
    assert row["published"] == datetime(2014, 3, 1, 9, 30)
    assert row["text"] == ("J’ai découvert Twitter avec le #TwittMOOC en 2014.\n\n"
                           "Depuis, je tweete.")
    assert corpus.comments.author.tolist() == ["Lucie"]


def test_only_published_posts_and_pages_with_one_warning_counting_the_others(tmp_path):
    items = [
        Item("1", "Billet publié"),
        Item("2", "Page publiée", kind="page"),
        *[Item(str(n), f"Brouillon {n}", status="draft", date="0000-00-00 00:00:00")
          for n in range(3, 15)],
        *[Item(str(n), f"Privé {n}", status="private") for n in range(15, 18)],
        Item("18", "Programmé", status="future"),
        Item("19", "À la corbeille", status="trash"),
        Item("20", "photo.jpg", status="inherit", kind="attachment"),
        Item("21", "Accueil", kind="nav_menu_item"),
    ]
    corpus = load(tmp_path, wxr(items))
    assert corpus.documents.title.tolist() == ["Billet publié", "Page publiée"]
    (warning,) = corpus.warnings.warning.tolist()
    assert warning.startswith("12 brouillons, 3 billets privés, 1 billet programmé et 1 billet "
                              "à la corbeille laissés de côté")
    assert "1 pièce jointe" in warning and "1 élément de menu" in warning


def test_an_export_without_a_published_post_is_a_warning_saying_what_it_holds(tmp_path):
    corpus = load(tmp_path, wxr([Item("1", "Brouillon", status="draft")]))
    assert corpus.documents.empty and corpus.errors.empty  # the file is not broken
    (warning,) = corpus.warnings.warning.tolist()
    assert warning == ("l’export WordPress ne contient aucun billet publié "
                       "(1 brouillon laissé de côté)")


def test_only_approved_comments_without_pings_and_replies_to_kept_ones(tmp_path):
    comments = [
        Reply("1", "Lucie", "Merci pour ce billet."),
        Reply("2", "Marc", "En attente de modération.", approved="0"),
        Reply("3", "Vendeur", "Achetez !", approved="spam"),
        Reply("4", "Autre blog", "[…] lu chez vous […]", kind="pingback"),
        Reply("5", "Annuaire", "Lien vers ce billet", kind="trackback"),
        Reply("6", "Paul", "Je réponds à Lucie.", parent="1"),
        Reply("7", "Zoé", "Je réponds à Marc.", parent="2"),
    ]
    corpus = load(tmp_path, wxr([Item("1", "Billet", comments=comments)]))
    assert corpus.comments.author.tolist() == ["Lucie", "Paul", "Zoé"]
    parents = dict(zip(corpus.comments.author, corpus.comments.parent_id, strict=True))
    lucie = corpus.comments.comment_id[corpus.comments.author == "Lucie"].item()
    assert parents["Paul"] == lucie
    assert pd.isna(parents["Zoé"])  # it replies to a comment left out
    assert corpus.documents.n_comments.tolist() == [3]


def test_tags_and_categories_of_every_version(tmp_path):
    items = [Item("1", "Billet", terms=[("category", "Témoignages"), ("tag", "débuter"),
                                        ("post_tag", "veille"), ("post_format", "aside")])]
    (row,) = load(tmp_path, wxr(items, version="1.0")).documents.to_dict("records")
    assert row["categories"] == ["Témoignages"]
    assert row["tags"] == ["débuter", "veille"]


@pytest.mark.parametrize("version", [None, "abc"])
def test_a_missing_or_invalid_wxr_version_is_refused(tmp_path, version):
    corpus = load(tmp_path, wxr([Item("1", "Billet")], version=version))
    (error,) = corpus.errors.error.tolist()
    assert "numéro de version WXR absent ou invalide" in error


def test_a_duplicated_id_keeps_both_items_and_names_them(tmp_path):
    items = [Item("156", "Page avec commentaires", kind="page"),
             Item("156", "Page sans commentaires", kind="page", text="<p>Autre texte.</p>")]
    corpus = load(tmp_path, wxr(items))
    assert corpus.documents.title.tolist() == ["Page avec commentaires", "Page sans commentaires"]
    (warning,) = corpus.warnings.warning.tolist()
    assert "156" in warning and "« Page avec commentaires »" in warning
    assert "« Page sans commentaires »" in warning


@pytest.mark.parametrize("encoding", ["ISO-8859-1", "windows-1252"])
def test_the_declared_encoding_is_honoured(tmp_path, encoding):
    items = [Item("1", "Première découverte", "<p>Ça m’a plu : « élève », cœur.</p>"
                  if encoding == "windows-1252" else "<p>Ça a plu : « élève ».</p>")]
    corpus = load(tmp_path, wxr(items, encoding=encoding), encoding=encoding)
    (row,) = corpus.documents.to_dict("records")
    assert row["title"] == "Première découverte"
    assert "élève" in row["text"] and "Ã" not in row["text"]


def test_namespaces_are_matched_by_meaning_not_by_prefix(tmp_path):
    hijacked = Item("2", "Espace de noms détourné", prefix="pirate")
    text = wxr([Item("1", "Billet", prefix="wp2"), hijacked],
               extra_namespaces='xmlns:wp2="http://wordpress.org/export/1.1/" '
                                'xmlns:pirate="http://malveillant.example.com/wp/"')
    corpus = load(tmp_path, text)
    assert corpus.documents.title.tolist() == ["Billet"]
    assert corpus.warnings.warning.tolist() == ["1 billet sans statut laissé de côté"]


def test_the_date_falls_back_to_pubdate(tmp_path):
    items = [Item("1", "Billet", date="0000-00-00 00:00:00",
                  pub_date="Sat, 15 Mar 2014 08:05:00 +0000")]
    (row,) = load(tmp_path, wxr(items)).documents.to_dict("records")
    assert row["published"] == datetime(2014, 3, 15, 8, 5)


def test_author_display_names_from_the_export(tmp_path):
    corpus = load(tmp_path, wxr([Item("1", "Billet", creator="sdv")],
                                authors={"sdv": "Stéphanie de Vanssay"}))
    assert corpus.documents.author.tolist() == ["Stéphanie de Vanssay"]


# feeds ---------------------------------------------------------------------------------------

ENTRIES = [
    {"title": "Twitter en classe de CM1", "link": "https://classe.example.fr/2014/twitter-cm1/",
     "author": "Claire Dubois", "date": "Tue, 14 Oct 2014 18:30:00 +0200",
     "categories": ["Témoignages", "Twittclasse"],
     "summary": "Cette année, ma classe a ouvert un compte Twitter [&#8230;]",
     "content": "<p>Cette année, ma classe a ouvert un compte Twitter.</p>"
                "<p>Les élèves écrivent un tweet par jour.</p>"},
    {"title": "Bilan du TwittMOOC", "link": "https://classe.example.fr/2015/bilan/",
     "author": "Claire Dubois", "date": "Sun, 01 Feb 2015 09:00:00 +0100",
     "summary": "Six semaines pour apprendre [&#8230;]",
     "content": "<p>Six semaines pour apprendre à tweeter, et une communauté.</p>"},
]


def test_an_rss_feed_gives_one_testimonial_per_entry_with_its_full_content(tmp_path):
    corpus = load(tmp_path, rss(ENTRIES), name="feed.xml")
    assert corpus.errors.empty, corpus.errors.to_dict("records")
    assert corpus.warnings.empty, corpus.warnings.to_dict("records")
    first, second = corpus.documents.to_dict("records")
    assert first["format"] == "feed"
    assert first["title"] == "Twitter en classe de CM1"
    assert first["author"] == "Claire Dubois"
    assert first["published"] == datetime(2014, 10, 14, 18, 30)  # as written, local time
    assert first["categories"] == ["Témoignages", "Twittclasse"]
    assert first["text"] == ("Cette année, ma classe a ouvert un compte Twitter.\n\n"
                             "Les élèves écrivent un tweet par jour.")
    assert second["published"] == datetime(2015, 2, 1, 9, 0)


def test_a_feed_of_summaries_gives_them_with_a_warning(tmp_path):
    corpus = load(tmp_path, rss(ENTRIES, full=False), name="feed.rss")
    assert corpus.documents.text.tolist()[0].startswith("Cette année, ma classe a ouvert")
    (warning,) = corpus.warnings.warning.tolist()
    assert "résumé de 2 billets sur 2" in warning


def test_an_atom_feed_of_blogger(tmp_path):
    entries = [dict(ENTRIES[0], date="2014-10-14T18:30:00.000+02:00")]
    corpus = load(tmp_path, atom(entries), name="atom.xml")
    (row,) = corpus.documents.to_dict("records")
    assert row["format"] == "feed"
    assert row["title"] == "Twitter en classe de CM1"
    assert row["author"] == "Claire Dubois"
    assert row["published"] == datetime(2014, 10, 14, 18, 30)
    assert row["categories"] == ["Témoignages", "Twittclasse"]
    assert "Les élèves écrivent un tweet par jour." in row["text"]


def test_a_feed_declaring_entities_is_refused(tmp_path):
    bomb = rss(ENTRIES).replace(
        "<rss ", '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n<rss ', 1)
    (error,) = load(tmp_path, bomb, name="feed.xml").errors.error.tolist()
    assert error.startswith("refusé")


def test_bidirectional_overrides_and_invisible_characters_leave_the_texts(tmp_path):
    # the cases of the importer's « UTF-8 challenges » fixture, in French
    items = [Item("1", "Mon \u202epremier\u202c tweet \u2063🌲",
                  "<p>J’ai tweeté \u200e\u202dau\u202c CDI\u2064 avec \u200dles élèves.</p>")]
    (row,) = load(tmp_path, wxr(items)).documents.to_dict("records")
    assert row["title"] == "Mon premier tweet 🌲"
    assert row["text"] == "J’ai tweeté au CDI avec \u200dles élèves."  # the joiner stays
