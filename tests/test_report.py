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
    assert "« Titre &lt;b&gt;gras&lt;/b&gt; » est le plus commenté" in html


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
