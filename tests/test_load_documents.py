"""Prose documents (Word, LibreOffice, PDF, RTF, Markdown) and the registry of formats."""

from __future__ import annotations

from datetime import datetime

import pytest

from corpus_tools.load import load_corpus, load_file
from corpus_tools.load.formats import ACCEPTED, FORMATS
from corpus_tools.load.prose import author_property, date_line, title_property
from corpus_tools.load.records import LoadError
from tests import documents as make

STORY = ("J’ai découvert Twitter en 2013 grâce au #TwittMOOC : au début je suivais @twittmooc et "
         "quelques collègues de Lyon, sans oser écrire.")
SECOND = ("Ensuite Sophie Martin m’a montré Tweetdeck et j’ai délaissé Facebook pour ma veille "
          "professionnelle.")


def load_one(path):
    corpus = load_corpus(path.parent)
    assert corpus.errors.empty, corpus.errors.to_dict("records")
    (row,) = corpus.documents.to_dict("records")
    return row, corpus


# Word ---------------------------------------------------------------------------------------

def test_docx_title_byline_table_and_date(tmp_path):
    make.write_docx(tmp_path / "marie.docx", [
        ("h1", "Mon année avec Twitter"), ("", "Par Marie Dupont (@Marie_Dupont)"), ("", STORY),
        ("table", "Outil|Usage\nTweetdeck|veille"), ("", SECOND), ("", "Lyon, le 12 mars 2015")],
        author="Secrétariat du collège", header="Collège Jean Moulin", footer="Page 1 sur 1")
    row, _ = load_one(tmp_path / "marie.docx")
    assert row["format"] == "docx"
    assert (row["title"], row["author"], row["handle"]) == (
        "Mon année avec Twitter", "Marie Dupont", "@marie_dupont")
    assert row["published"] == datetime(2015, 3, 12)
    assert row["text"].startswith(STORY)
    assert "Tweetdeck\n\nveille" in row["text"]  # table cells are text, in reading order
    for furniture in ("Collège Jean Moulin", "Page 1", "Mon année", "Par Marie", "12 mars"):
        assert furniture not in row["text"]


def test_docx_signature_wins_over_the_author_property(tmp_path):
    make.write_docx(tmp_path / "a.docx", [("", STORY), ("", "— Nadia Belkacem @nadia_b")],
                    author="Utilisateur Windows", title="Témoignage de Nadia")
    row, _ = load_one(tmp_path / "a.docx")
    assert (row["title"], row["author"], row["handle"]) == (
        "Témoignage de Nadia", "Nadia Belkacem", "@nadia_b")
    assert row["text"] == STORY


@pytest.mark.parametrize("author, expected", [("Jeanne Petit", "Jeanne Petit"),
                                              ("python-docx", None)])
def test_docx_author_property_unless_a_program_wrote_it(tmp_path, author, expected):
    make.write_docx(tmp_path / "a.docx", [("h0", "Apprendre à tweeter"), ("", STORY)],
                    author=author)
    row, _ = load_one(tmp_path / "a.docx")
    assert row["title"] == "Apprendre à tweeter"
    assert (row["author"] if isinstance(row["author"], str) else None) == expected
    assert row["published"] is None or row["published"] != row["published"]  # no template date


def test_docx_tracked_changes_are_left_out_with_a_warning(tmp_path):
    path = make.write_docx(tmp_path / "a.docx", [("", STORY), ("", SECOND)])
    make.add_tracked_changes(path, inserted="PHRASE AJOUTÉE", deleted="PHRASE SUPPRIMÉE")
    row, corpus = load_one(path)
    assert "AJOUTÉE" not in row["text"] and "SUPPRIMÉE" not in row["text"]
    assert row["text"].endswith("veille professionnelle.")
    assert corpus.warnings["warning"].str.contains("modification").any()


def test_a_broken_docx_is_an_error_naming_the_file(tmp_path):
    (tmp_path / "bon.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "abime.docx").write_bytes(b"PK\x03\x04 pas vraiment un zip")
    corpus = load_corpus(tmp_path)
    assert corpus.errors["source"].tolist() == ["abime.docx"]
    assert "illisible" in corpus.errors["error"].item()
    assert len(corpus.documents) == 1


# LibreOffice --------------------------------------------------------------------------------

ODT_BODY = (
    '<text:h text:outline-level="1">Twitter au <text:span>CDI</text:span></text:h>'
    f"<text:p>{STORY}</text:p>"
    "<text:list><text:list-item><text:p>les listes,</text:p></text:list-item>"
    "<text:list-item><text:p>les hashtags<text:s text:c=\"2\"/>de ma discipline.</text:p>"
    "</text:list-item></text:list>"
    "<table:table><table:table-row><table:table-cell><text:p>Tweetdeck</text:p>"
    "</table:table-cell></table:table-row></table:table>"
    "<text:p>Une remarque<office:annotation><text:p>COMMENTAIRE DU RELECTEUR</text:p>"
    "</office:annotation> et un mot<text:change-start text:change-id=\"c1\"/> INSÉRÉ"
    "<text:change-end text:change-id=\"c1\"/> final.</text:p>"
    "<text:p>Claire Morel (@claire_doc)</text:p>"
)


def test_odt_fields_and_what_is_left_out(tmp_path):
    make.write_odt(tmp_path / "claire.odt", ODT_BODY, title="Sans rapport", creator="Claire M.",
                   created="2014-11-03T09:15:00.12")
    row, corpus = load_one(tmp_path / "claire.odt")
    assert row["format"] == "odt"
    assert (row["title"], row["author"], row["handle"]) == (
        "Twitter au CDI", "Claire Morel", "@claire_doc")
    assert row["published"] == datetime(2014, 11, 3, 9, 15)
    assert "les hashtags  de ma discipline." in row["text"]
    assert "Tweetdeck" in row["text"]
    assert "Une remarque et un mot final." in row["text"]
    assert "COMMENTAIRE" not in row["text"] and "INSÉRÉ" not in row["text"]
    assert corpus.warnings["warning"].str.contains("commentaire").any()


def test_odt_entity_declarations_are_refused(tmp_path):
    body = "<text:p>&rire;&rire;</text:p>"
    prolog = '<!DOCTYPE x [<!ENTITY rire "ha">]>'
    make.write_odt(tmp_path / "bombe.odt", body, prolog=prolog)
    corpus = load_corpus(tmp_path)
    assert "entités" in corpus.errors["error"].item()


# PDF ----------------------------------------------------------------------------------------

PAGE_ONE = [
    "Twitter en classe de CM2",
    "Avec mes élèves, nous avons ouvert un compte de classe en septembre 2014 et nous avons "
    "appris à écrire des messages courts, à vérifier une information et à répondre poliment aux "
    "autres classes qui participaient au projet. Les parents suivaient @cm2_girard depuis chez "
    "eux, et chaque réponse reçue rendait les élèves très fiers de leur travail d’écriture.",
]
PAGE_TWO = [
    "Au printemps, nous avons rencontré une classe de Montréal sur Twitter grâce au mot-dièse "
    "#twittclasse, puis nous avons écrit ensemble une histoire en cent tweets que nous avons "
    "imprimée pour la fête de l’école. Cette année a changé ma façon d’enseigner l’écrit.",
    "Paul Girard (@paul_girard)",
]


def test_pdf_pages_paragraphs_running_header_and_page_numbers(tmp_path):
    make.write_pdf(tmp_path / "paul.pdf", [PAGE_ONE, PAGE_TWO],
                   header="Revue des témoignages 2015", numbered=True)
    row, _ = load_one(tmp_path / "paul.pdf")
    assert row["format"] == "pdf"
    assert (row["title"], row["author"], row["handle"]) == (
        "Twitter en classe de CM2", "Paul Girard", "@paul_girard")
    paragraphs = row["text"].split("\n\n")
    assert len(paragraphs) == 2, paragraphs
    assert paragraphs[0].startswith("Avec mes élèves") and paragraphs[0].endswith("d’écriture.")
    assert paragraphs[1].endswith("l’écrit.")
    assert "Revue des" not in row["text"]
    assert not any(word.isdigit() and len(word) == 1 for word in row["text"].split())


def test_pdf_word_cut_at_the_line_end_is_joined(tmp_path):
    text = ("Nous avons suivi le cours en ligne tous les soirs pendant six semaines et cette "
            "expé-\nrience collective a changé notre façon de travailler avec les collègues.")
    make.write_pdf(tmp_path / "a.pdf", [[text]], title="Le MOOC", author="Anne Roy")
    row, _ = load_one(tmp_path / "a.pdf")
    assert "expérience collective" in row["text"]
    assert (row["title"], row["author"]) == ("Le MOOC", "Anne Roy")


def test_pdf_without_a_text_layer_says_to_run_ocr(tmp_path):
    make.write_scanned_pdf(tmp_path / "scan.pdf")
    corpus = load_corpus(tmp_path)
    assert "OCR" in corpus.errors["error"].item()


def test_pdf_protected_by_a_password_says_so(tmp_path):
    make.write_pdf(tmp_path / "secret.pdf", [PAGE_ONE], password="motdepasse")
    corpus = load_corpus(tmp_path)
    assert "mot de passe" in corpus.errors["error"].item()


# RTF ----------------------------------------------------------------------------------------

RTF = (r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Times New Roman;}}"
       r"{\info{\title Premi\'e8re ann\'e9e sur Twitter}{\author Lucie Fabre}"
       r"{\creatim\yr2015\mo3\dy2\hr10\min5}}"
       r"\f0 J\u8217?ai ouvert mon compte en 2012 et je n\u8217?\'e9tais pas convaincue.\par "
       r"Gr\'e2ce au #TwittMOOC, j\u8217?ai trouv\'e9 ma communaut\'e9.\par}")


def test_rtf_escapes_and_info(tmp_path):
    (tmp_path / "lucie.rtf").write_text(RTF, encoding="ascii")
    row, _ = load_one(tmp_path / "lucie.rtf")
    assert row["format"] == "rtf"
    assert (row["title"], row["author"]) == ("Première année sur Twitter", "Lucie Fabre")
    assert row["published"] == datetime(2015, 3, 2, 10, 5)
    assert row["text"] == ("J’ai ouvert mon compte en 2012 et je n’étais pas convaincue.\n\n"
                           "Grâce au #TwittMOOC, j’ai trouvé ma communauté.")


# Markdown -----------------------------------------------------------------------------------

YAML_POST = """---
layout: post
title: "Comment j’ai appris à twitter"
author: Hugo Lambert
date: 2014-05-12 21:32:00 +0200
categories: [Témoignages, Formation]
tags:
  - twittmooc
  - veille
---
J’ai **enfin** compris [Twitter](https://twitter.com) grâce au MOOC.
![capture](/img/capture.png)

{% include signature.html %}
## Ce que j’en retiens

- les listes ;
- les *hashtags*.
"""


def test_markdown_front_matter_and_markup(tmp_path):
    (tmp_path / "2014-05-12-twitter.md").write_text(YAML_POST, encoding="utf-8")
    row, _ = load_one(tmp_path / "2014-05-12-twitter.md")
    assert row["format"] == "markdown"
    assert (row["title"], row["author"]) == ("Comment j’ai appris à twitter", "Hugo Lambert")
    assert row["published"] == datetime(2014, 5, 12, 21, 32)
    assert list(row["categories"]) == ["Témoignages", "Formation"]
    assert list(row["tags"]) == ["twittmooc", "veille"]
    assert row["text"] == ("J’ai enfin compris Twitter grâce au MOOC.\n\nCe que j’en retiens"
                           "\n\nles listes ;\n\nles hashtags.")


def test_markdown_toml_front_matter_first_heading_and_drafts(tmp_path):
    (tmp_path / "hugo.md").write_text(
        '+++\ndate = 2015-01-20\ntags = ["classe"]\nauthor = "Inès Caron (@ines_c)"\n+++\n'
        "# Un compte pour la classe\n\nNous tweetons chaque vendredi.\n", encoding="utf-8")
    (tmp_path / "brouillon.md").write_text("---\ntitle: Pas fini\ndraft: true\n---\nTexte.\n",
                                           encoding="utf-8")
    corpus = load_corpus(tmp_path)
    (row,) = corpus.documents.to_dict("records")
    assert (row["title"], row["author"], row["handle"]) == (
        "Un compte pour la classe", "Inès Caron", "@ines_c")
    assert row["text"] == "Nous tweetons chaque vendredi."
    assert row["published"] == datetime(2015, 1, 20)
    assert corpus.warnings.loc[corpus.warnings["source"] == "brouillon.md", "warning"].item() \
        == "brouillon (draft) laissé de côté"


# The registry -------------------------------------------------------------------------------

def test_doc_and_old_formats_say_what_to_save_them_as(tmp_path):
    (tmp_path / "vieux.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    (tmp_path / "calc.ods").write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    corpus = load_corpus(tmp_path)
    errors = dict(zip(corpus.errors["source"], corpus.errors["error"], strict=True))
    assert ".docx ou .odt" in errors["vieux.doc"]
    assert ".xlsx ou .csv" in errors["calc.ods"]


def test_unknown_formats_list_the_formats_read(tmp_path):
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "notes.log").write_text("bonjour", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    for message in corpus.errors["error"]:
        assert ACCEPTED in message
    for entry in FORMATS:
        if entry.parse is not None:
            assert entry.label in ACCEPTED


def test_every_read_format_has_extensions_or_a_recogniser():
    for entry in FORMATS:
        assert entry.extensions or entry.recognise, entry.name
        assert (entry.parse is None) == bool(entry.advice), entry.name


def test_a_rtf_is_not_read_as_json(tmp_path):
    path = tmp_path / "sans_extension"
    path.write_text(RTF, encoding="ascii")
    assert load_file(path, "sans_extension")[0] == "rtf"


@pytest.mark.parametrize("value, expected", [
    ("Microsoft Word - temoignage.docx", None), ("temoignage_final.pdf", None),
    ("Mon année sur Twitter", "Mon année sur Twitter"), ("", None)])
def test_title_property(value, expected):
    assert title_property(value) == expected


@pytest.mark.parametrize("value", ["Microsoft Office User", "python-docx", " ", None])
def test_author_property_of_programs(value):
    assert author_property(value) is None


@pytest.mark.parametrize("line, expected", [
    ("Le 3 juin 2014", datetime(2014, 6, 3)), ("Saint-Brieuc, le 12/03/2015",
                                               datetime(2015, 3, 12)),
    ("En 2014, tout a changé", None)])
def test_date_line(line, expected):
    assert date_line(line) == expected


def test_load_error_is_the_error_type():
    assert issubclass(LoadError, Exception)


def test_pdf_ligatures_are_letters_and_a_short_text_is_text(tmp_path):
    make.write_pdf(tmp_path / "court.pdf", [["Bonjour à tous, je suis sur Twitter."]])
    row, _ = load_one(tmp_path / "court.pdf")
    assert row["text"] == "Bonjour à tous, je suis sur Twitter."

    from corpus_tools.load.pdf import _LIGATURES

    assert "la ﬁn du ﬂux".translate(_LIGATURES) == "la fin du flux"


def test_content_decides_only_where_it_can(tmp_path):
    (tmp_path / "page.txt").write_text("{Capture}\n\nJ’ai découvert Twitter en 2013.\n", "utf-8")
    (tmp_path / "lignes.data").write_text('{"texte": "J’ai découvert Twitter."}\n', "utf-8")
    assert load_file(tmp_path / "page.txt", "page.txt")[0] == "text"
    assert load_file(tmp_path / "lignes.data", "lignes.data")[0] == "jsonl"
