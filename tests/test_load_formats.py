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


def _workbook(path, rows, *, title="Réponses au formulaire 1", more_sheets=()):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = title
    for row in rows:
        book.active.append(row)
    for name in more_sheets:
        book.create_sheet(name)
    book.save(path)
    return path


def test_xlsx_survey_loads_with_its_form_questions_as_columns(tmp_path):
    from corpus_tools import load_corpus

    _workbook(tmp_path / "enquete.xlsx", [
        ["Horodateur", "Votre prénom", "Votre témoignage", "Votre compte Twitter", "Note"],
        [datetime(2014, 3, 1, 10, 20, 30), "Zoé", "J’ai découvert #Twitter\r\navec @Ana.",
         "@Zoe_Doc", 4],
        [datetime(2014, 3, 2), "Léo", None, None, 3],
        [None] * 5,  # a blank row: not an error
        [datetime(2014, 3, 3), "Inès", "Le MOOC m’a appris à tweeter.", None, 5.0],
    ], more_sheets=["Graphiques"])
    corpus = load_corpus(tmp_path)
    documents = corpus.documents
    assert documents["author"].tolist() == ["Zoé", "Inès"]
    assert documents["handle"].tolist()[0] == "@zoe_doc"
    assert documents["published"].tolist()[0] == datetime(2014, 3, 1, 10, 20, 30)
    assert documents["text"].tolist()[0] == "J’ai découvert #Twitter\navec @Ana."
    assert set(documents["format"]) == {"xlsx"}
    # the row as the spreadsheet numbers it
    assert corpus.errors.values.tolist() == [
        ["enquete.xlsx:3", "ligne 3 : la colonne « Votre témoignage » est vide"]]
    assert "seule la première feuille (« Réponses au formulaire 1 »)" in corpus.warnings[
        "warning"].iloc[0]


def _hostile_workbook(path, sheet_xml: bytes):
    """A valid workbook whose first sheet's XML is replaced by ``sheet_xml``."""
    import io
    import zipfile

    valid = io.BytesIO()
    _workbook(valid, [["texte"], ["Bonjour"]])
    with zipfile.ZipFile(valid) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info, sheet_xml if info.filename.endswith("sheet1.xml") else data)
    return path


LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
          b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>'
          b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>texte</t></is></c></row>'
          b'<row r="2"><c r="A2" t="inlineStr"><is><t>&c;</t></is></c></row></sheetData>'
          b'</worksheet>')


def test_hostile_or_broken_workbooks_are_refused_and_the_rest_loads(tmp_path, monkeypatch):
    from corpus_tools import load_corpus

    _hostile_workbook(tmp_path / "laughs.xlsx", LAUGHS)
    (tmp_path / "not-a-zip.xlsx").write_text("texte;auteur\nBonjour;Zoé\n", encoding="utf-8")
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0" + bytes(500))
    _workbook(tmp_path / "empty.xlsx", [])
    _workbook(tmp_path / "good.xlsx", [["témoignage"], ["J’ai appris Twitter en 2014."]])
    (tmp_path / "~$good.xlsx").write_bytes(b"\x05Zo\xe9" + bytes(160))  # Excel's lock file
    corpus = load_corpus(tmp_path)
    assert corpus.documents["source"].tolist() == ["good.xlsx"]
    errors = corpus.errors.set_index("source")["error"]
    assert sorted(errors.index) == ["empty.xlsx", "laughs.xlsx", "not-a-zip.xlsx", "old.xls"]
    assert "entités" in errors["laughs.xlsx"]
    assert "pas un fichier .xlsx valide" in errors["not-a-zip.xlsx"]
    assert "enregistrez-le au format .xlsx ou .csv" in errors["old.xls"]
    assert "est vide" in errors["empty.xlsx"]

    monkeypatch.setattr("corpus_tools.load.sources.MAX_UNPACKED", 1000)
    refused = load_corpus(tmp_path / "good.xlsx").errors["error"].tolist()
    assert len(refused) == 1 and "trop grand une fois décompressé" in refused[0]
