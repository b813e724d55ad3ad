"""The classroom report: self-contained, escaped, every chart with its reading."""

from __future__ import annotations

import re

import pytest

from corpus_tools.analysis import analyze
from corpus_tools.cli import main
from corpus_tools.load import load_corpus
from corpus_tools.report import CHARTS, build_report

HOSTILE = (
    "Capture4\n\n<script>alert('pirate')</script> J’ai découvert Twitter à Lyon "
    "avec #twittmooc & @ana.\n\nTitre <b>gras</b>\n\nSuite.\n\nPar Zoé\n\nUne réponse\n\n"
    "  1. Léo dit :\n\n    <i>Bravo</i>\n"
)


@pytest.fixture(scope="module")
def report(tmp_path_factory, sample_analysis):
    out = tmp_path_factory.mktemp("report")
    return build_report(sample_analysis.tables, out, source="data/processed")


def test_report_has_every_chart_embedded_with_its_reading(report, sample_analysis):
    html = report.read_text(encoding="utf-8")
    for chart in CHARTS:
        assert f'id="{chart.name}"' in html
        assert chart.title in html
        assert (report.parent / "figures" / f"{chart.name}.png").stat().st_size > 1000
        assert (report.parent / "figures" / f"{chart.name}.svg").exists()
    assert html.count('src="data:image/png;base64,') == len(CHARTS)
    assert "Twitter est la plateforme la plus citée" in html


def test_report_needs_no_network(report):
    html = report.read_text(encoding="utf-8")
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html)
    assert "<link" not in html and "<script" not in html


def test_report_summary_counts(report, sample_analysis):
    html = report.read_text(encoding="utf-8")
    assert f"<strong>{len(sample_analysis.documents)}</strong>témoignages" in html
    assert f"<strong>{len(sample_analysis.comments)}</strong>commentaires" in html
    words = int(sample_analysis.texts["n_words"].sum())
    assert words >= 1000  # written with a narrow no-break space between thousands
    assert f"<strong>{words // 1000}\u202f{words % 1000:03d}</strong>mots" in html


@pytest.mark.slow
def test_corpus_text_is_escaped(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (raw / "<img src=x onerror=alert(1)>.txt").write_text("", encoding="utf-8")
    result = analyze(load_corpus(raw))
    html = build_report(result.tables, tmp_path / "out").read_text(encoding="utf-8")
    assert "<script>" not in html and "<b>gras" not in html and "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;.txt" in html
    assert "« <script>alert" not in html
    assert "« Titre &lt;b&gt;gras&lt;/b&gt; » est le témoignage le plus commenté" in html


def _reading(name, **tables):
    """The reading of one chart over tables of the contract, built from a few columns."""
    import pandas as pd

    from corpus_tools.schema import TABLES

    full = {}
    for table_name, table in tables.items():
        empty = TABLES[table_name].empty()
        full[table_name] = pd.DataFrame({
            column: table[column] if column in table
            else pd.Series([None] * len(table), index=table.index, dtype=object)
            for column in empty.columns})
    return next(chart for chart in CHARTS if chart.name == name).reading(full)


def _entities(*pairs):
    import pandas as pd

    return pd.DataFrame([(text, label) for text, label, times in pairs for _ in range(times)],
                        columns=["text", "label"])


def test_a_reading_names_every_leader_tied_at_the_top():
    entities = _entities(("Lyon", "LOC", 3), ("Toulouse", "LOC", 3), ("Brest", "LOC", 1),
                         ("Léa", "PER", 2), ("Zoé", "PER", 1))
    assert _reading("lieux", entities=entities) == (
        "Lyon et Toulouse sont les lieux les plus cités (3 occurrences chacun) ; "
        "3 lieux différents en tout.")
    assert _reading("personnes", entities=entities) == (
        "Léa est la personne la plus citée (2 occurrences) ; 2 personnes différentes en tout.")


def test_a_reading_says_when_all_tie_or_only_one_is_there():
    entities = _entities(("SNCF", "ORG", 1), ("RFI", "ORG", 1), ("Brest", "LOC", 1))
    assert _reading("organisations", entities=entities) == (
        "2 organisations différentes, à égalité (1 occurrence chacune).")
    assert _reading("lieux", entities=entities) == "Brest est le seul lieu cité (1 occurrence)."
    assert _reading("types-entites", entities=entities) == (
        "Le corpus compte 3 entités nommées : 2 organisations et 1 lieu.")


def test_leaders_tied_are_named_in_french_alphabetical_order():
    entities = _entities(("Sophie", "PER", 2), ("Élodie", "PER", 2), ("Zoé", "PER", 1))
    assert _reading("personnes", entities=entities).startswith("Élodie et Sophie sont")


def test_a_reading_names_three_leaders_at_most():
    entities = _entities(*[(city, "LOC", 2) for city in ("Brest", "Dijon", "Lyon", "Nancy",
                                                          "Rouen")], ("Sète", "LOC", 1))
    assert _reading("lieux", entities=entities) == (
        "Brest, Dijon, Lyon et 2 autres sont les lieux les plus cités (2 occurrences chacun) ; "
        "6 lieux différents en tout.")


def test_readings_of_ties_in_comments_and_months():
    import pandas as pd

    documents = pd.DataFrame({"title": ["Débuts", None, "Fin"], "source": ["a", "b.txt", "c"],
                              "n_comments": [2, 2, 1]})
    assert _reading("commentaires", documents=documents) == (
        "« b.txt » et « Débuts » sont les témoignages les plus commentés (2 commentaires "
        "chacun) ; 5 commentaires en tout.")
    texts = pd.DataFrame({"published": pd.to_datetime(["2014-05-02", "2014-05-09",
                                                       "2013-11-20", "2013-11-21"]),
                          "kind": ["testimonial", "comment", "testimonial", "comment"]})
    assert _reading("chronologie", texts=texts) == (
        "4 textes datés, de 11/2013 à 05/2014 ; les mois les plus actifs sont 11/2013 et "
        "05/2014 (2 textes chacun).")


@pytest.mark.slow
def test_cli_report(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "one.txt").write_text(HOSTILE, encoding="utf-8")
    assert main(["run", str(raw), "--out", str(tmp_path / "processed"), "--quiet"]) == 0
    status = main(["report", str(tmp_path / "processed"), "--out", str(tmp_path / "reports"),
                   "--title", "Ma classe"])
    assert status == 0
    html = (tmp_path / "reports" / "report.html").read_text(encoding="utf-8")
    assert "<title>Ma classe</title>" in html
    assert "report.html" in capsys.readouterr().out


@pytest.mark.slow
def test_cli_report_to_an_html_file_puts_the_figures_beside_it(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "one.txt").write_text(HOSTILE, encoding="utf-8")
    assert main(["run", str(raw), "--out", str(tmp_path / "processed"), "--quiet"]) == 0
    target = tmp_path / "classe" / "rapport-4e.html"
    assert main(["report", str(tmp_path / "processed"), "--out", str(target)]) == 0
    assert target.is_file() and "<html" in target.read_text(encoding="utf-8")
    assert (target.parent / "figures" / "plateformes.png").is_file()
    assert str(target) in capsys.readouterr().out
