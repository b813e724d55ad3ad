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
    # one script, the page's own (figures enlarge on click), inline
    assert "<link" not in html and html.count("<script") == 1 and "<script src" not in html


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
    assert "<script>alert" not in html and html.count("<script") == 1
    assert "<b>gras" not in html and "<img src=x" not in html
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


def test_a_reading_agrees_with_one_other():
    entities = _entities(*[(city, "LOC", 2) for city in ("Brest", "Dijon", "Lyon", "Nancy")],
                         ("Sète", "LOC", 1))
    assert _reading("lieux", entities=entities).startswith(
        "Brest, Dijon, Lyon et 1 autre sont les lieux")


def test_the_time_line_says_how_many_texts_have_no_date():
    import pandas as pd

    texts = pd.DataFrame({"published": pd.to_datetime(["2014-05-02", None, None]),
                          "kind": ["testimonial", "testimonial", "comment"]})
    assert _reading("chronologie", texts=texts).endswith(
        "; 2 textes sans date ne sont pas sur la courbe.")
    undated = texts.assign(published=pd.NaT)
    assert _reading("chronologie", texts=undated).startswith("Aucun texte n’est daté (3 textes")


def test_each_table_counts_what_its_chart_counts_in_the_same_order(sample_analysis):
    from corpus_tools import chartdata
    from corpus_tools.french import number
    from corpus_tools.report import _top_tables

    tables = {table["title"]: table for table in _top_tables(sample_analysis.tables)}
    expected = {
        "Plateformes": chartdata.platform_summary(sample_analysis.platforms)["documents"],
        "Thèmes (codebook)": chartdata.theme_spread(sample_analysis.themes),
        "Hashtags": chartdata.hashtag_counts(sample_analysis.hashtags),
    }
    for title, counts in expected.items():
        rows = [(str(label), number(int(n))) for label, n in counts.head(10).items()]
        assert tables[title]["rows"] == rows, title
    assert tables["Plateformes"]["count_header"] == "témoignages qui la citent"
    assert tables["Thèmes (codebook)"]["count_header"] == "témoignages où il apparaît"
    assert any("TF-IDF" in title for title in tables)


def _contrast(first, second) -> float:
    from matplotlib.colors import to_rgba

    def luminance(color):
        red, green, blue, alpha = to_rgba(color)
        channels = [1 - alpha * (1 - c) for c in (red, green, blue)]  # over white
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_text_in_coloured_boxes_has_a_contrast_of_at_least_4_5(sample_analysis):
    from corpus_tools import plots

    ax = plots.keyterms(sample_analysis.keyterms, sample_analysis.documents)
    boxes = [text for text in ax.texts if text.get_bbox_patch() is not None]
    assert len(boxes) > 10
    for text in boxes:
        assert _contrast(text.get_color(), text.get_bbox_patch().get_facecolor()) >= 4.5
    plots.close(ax)
    ax = plots.theme_heatmap(sample_analysis.themes, sample_analysis.documents)
    image = ax.images[0]
    cells = [text for text in ax.texts if text.get_text().isdigit()]
    assert cells
    for text in cells:
        fill = image.cmap(image.norm(float(text.get_text())))
        assert _contrast(text.get_color(), fill) >= 4.5
    plots.close(ax)


def test_the_svg_figures_keep_their_text_as_text(report):
    svg = (report.parent / "figures" / "plateformes.svg").read_text(encoding="utf-8")
    assert "<text" in svg and "Twitter" in svg


def test_kinds_are_named_in_french_in_chart_titles():
    import pandas as pd

    from corpus_tools import plots

    table = pd.DataFrame({"part": "comment", "term": ["merci", "bravo"], "score": [3.0, -2.5]})
    ax = plots.specificities(table, "comment")
    assert ax.get_title(loc="left") == "Spécificités : commentaires"
    plots.close(ax)


@pytest.mark.slow
def test_an_empty_corpus_gives_a_short_page_and_status_1(tmp_path, capsys):
    (tmp_path / "raw").mkdir()
    assert main(["run", str(tmp_path / "raw"), "--out", str(tmp_path / "processed"),
                 "--quiet"]) == 0
    assert main(["report", str(tmp_path / "processed"), "--out", str(tmp_path / "r")]) == 1
    assert "corpus vide" in capsys.readouterr().err
    html = (tmp_path / "r" / "report.html").read_text(encoding="utf-8")
    assert "Le corpus est vide" in html and "aucune donnée" not in html
    assert not (tmp_path / "r" / "figures").exists()


@pytest.mark.slow
def test_the_pdf_has_one_a4_landscape_page_per_chart_with_its_reading(tmp_path,
                                                                      sample_analysis, capsys):
    from pypdf import PdfReader

    from corpus_tools.report import read_tables
    from corpus_tools.store import write_tables

    processed = tmp_path / "processed"
    write_tables(sample_analysis.tables, processed)
    assert main(["report", str(processed), "--format", "pdf",
                 "--out", str(tmp_path / "rapport.pdf")]) == 0
    assert "rapport PDF" in capsys.readouterr().out
    pages = PdfReader(tmp_path / "rapport.pdf").pages
    assert len(pages) == len(CHARTS) + 1
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height)))
            for p in pages} == {(842, 595)}
    tables = read_tables(processed)
    for page, chart in zip(pages[1:], CHARTS, strict=True):
        text = " ".join(page.extract_text().split())
        assert " ".join(f"{chart.title}. {chart.reading(tables)}".split())[:60] in text


CONTRAST = """
// every element holding text: its colour against the first opaque background behind it
function rgba(text) {
  const [r, g, b, a] = text.match(/[\\d.]+/g).map(Number);
  return [r, g, b, a === undefined ? 1 : a];
}
function luminance([r, g, b]) {
  const linear = [r, g, b].map((c) => {
    c /= 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
}
function background(node) {
  for (; node && node.nodeType === 1; node = node.parentElement) {
    const colour = rgba(getComputedStyle(node).backgroundColor);
    if (colour[3] > 0.99) return colour;
  }
  return [255, 255, 255, 1];
}
const found = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  if (!node.textContent.trim() || !node.parentElement.getClientRects().length) continue;
  const element = node.parentElement;
  const [high, low] = [luminance(rgba(getComputedStyle(element).color)),
                       luminance(background(element))].sort((a, b) => b - a);
  found.push([node.textContent.trim().slice(0, 40), (high + 0.05) / (low + 0.05)]);
}
return found;
"""


@pytest.mark.slow
@pytest.mark.parametrize("width", [1280, 1920])
def test_the_report_in_chromium_is_legible_and_fills_the_screen(browser, report, width):
    from selenium.webdriver.common.by import By

    browser.set_window_size(width, 1000)
    browser.get(report.as_uri())
    texts = browser.execute_script(CONTRAST)
    assert len(texts) > 100
    low = [(text, round(ratio, 2)) for text, ratio in texts if ratio < 4.5]
    assert not low
    page = browser.execute_script(
        "return [document.documentElement.scrollWidth, innerWidth,"
        " document.querySelector('.charts').getBoundingClientRect().width]")
    assert page[0] <= page[1]  # no sideways scrolling
    assert page[2] > 0.85 * width  # the charts take the screen's width
    columns = browser.execute_script(
        "return new Set([...document.querySelectorAll('figure')].map("
        "(f) => Math.round(f.getBoundingClientRect().left))).size")
    assert columns == (2 if width >= 1900 else 1)
    browser.save_screenshot(str(report.parent / f"report-{width}.png"))
    # a figure enlarges to the window on a click, and comes back on Escape
    figure = browser.find_element(By.CSS_SELECTOR, "figure")
    small = figure.find_element(By.TAG_NAME, "img").size["width"]
    browser.execute_script("arguments[0].scrollIntoView()", figure)
    figure.click()
    assert "zoomed" in figure.get_attribute("class")
    assert figure.find_element(By.TAG_NAME, "img").size["width"] > small
    from selenium.webdriver.common.keys import Keys

    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
    assert "zoomed" not in figure.get_attribute("class")
