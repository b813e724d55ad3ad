"""Charts: every one draws on the sample, on empty tables, on one document and on 500."""

from __future__ import annotations

import itertools

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from corpus_tools import plots
from corpus_tools.analysis import analyze
from corpus_tools.load import load_corpus
from corpus_tools.report import CHARTS
from tests.conftest import SEED


def texts_of(ax) -> list[str]:
    return [t.get_text() for t in ax.texts] + [ax.get_title(loc="left")]


def assert_readable(ax) -> None:
    """No two tick labels overlap, and every label is inside the figure."""
    figure = ax.figure
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    inside = figure.bbox.expanded(1.01, 1.01)
    for axis in (ax.xaxis, ax.yaxis) if ax.axison else ():
        low, high = sorted(axis.get_view_interval())
        boxes = [label.get_window_extent(renderer)
                 for location, label in zip(axis.get_ticklocs(), axis.get_ticklabels(),
                                            strict=False)
                 if label.get_text() and label.get_visible() and low <= location <= high]
        for a, b in itertools.combinations(boxes, 2):
            assert not a.overlaps(b) or a.width * a.height == 0, (a, b)
        for box in boxes:
            assert inside.contains(box.x0, box.y0) and inside.contains(box.x1, box.y1)
    title = ax.title if ax.get_title() else ax._left_title
    box = title.get_window_extent(renderer)
    assert inside.contains(box.x0, box.y0) and inside.contains(box.x1, box.y1)


@pytest.fixture(scope="module")
def tables(sample_analysis):
    return sample_analysis.tables


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.name)
def test_every_chart_draws_the_sample_readably(chart, tables):
    ax = chart.draw(tables)
    try:
        assert ax.get_title(loc="left")
        assert plots.NO_DATA not in texts_of(ax)
        assert_readable(ax)
        assert ax.figure.get_size_inches()[0] >= 10  # made for a projector
    finally:
        plots.close(ax)


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.name)
def test_every_chart_survives_empty_tables(chart, tables):
    empty = {name: table.iloc[:0] for name, table in tables.items()}
    ax = chart.draw(empty)
    try:
        assert any("aucun" in text for text in texts_of(ax))
        assert chart.reading(empty)
    finally:
        plots.close(ax)


@pytest.fixture(scope="module")
def one_document():
    return analyze(load_corpus(SEED)).tables


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.name)
def test_every_chart_draws_a_corpus_of_one_document(chart, one_document):
    ax = chart.draw(one_document)
    try:
        assert ax.get_title(loc="left")
        assert chart.reading(one_document).endswith(".")
    finally:
        plots.close(ax)


_LABELLED = ("title", "author", "text", "term", "lemma", "tag", "handle", "surface", "theme",
             "platform")


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.name)
def test_dollars_in_the_corpus_are_drawn_as_typed(chart, tables):
    # between two "$" matplotlib reads mathematics: "0$ à 100$" lost its dollars, and an
    # unknown command stopped the drawing (and with it the whole report)
    odd = " 0$ à $\\oops{x}$"
    priced = {name: table.assign(**{
        column: table[column] + odd for column in _LABELLED
        if column in table and pd.api.types.is_string_dtype(table[column])
    }) for name, table in tables.items()}
    ax = chart.draw(priced)
    try:
        ax.figure.canvas.draw()
        shown = [*ax.get_yticklabels(), *ax.get_xticklabels(), *ax.texts]
        assert not any("oops" in label.get_text() and label._preprocess_math(
            label.get_text())[1] for label in shown)  # (text, whether it is mathematics)
    finally:
        plots.close(ax)


def replicate(tables: dict, copies: int) -> dict:
    """A corpus of ``copies`` times the sample, each copy with its own ids."""
    grown = {}
    for name, table in tables.items():
        frames = []
        for n in range(copies):
            frame = table.copy()
            for column in ("doc_id", "text_id", "comment_id", "parent_id"):
                if column in frame:
                    frame[column] = frame[column].map(
                        lambda v, n=n: f"{v}-{n}" if isinstance(v, str) else v)
            if "source" in frame:
                frame["source"] = frame["source"] + f"#{n}"
            if name == "documents":
                frame["title"] = frame["title"].fillna("sans titre") + f" (copie {n})"
            frames.append(frame)
        grown[name] = pd.concat(frames, ignore_index=True)
    return grown


@pytest.mark.parametrize("name", ["plateformes", "themes-par-temoignage", "commentaires",
                                  "termes-cles", "reseau-plateformes-themes", "hashtags"])
@pytest.mark.slow
def test_charts_stay_readable_at_500_documents(name, tables):
    big = replicate(tables, 32)
    assert len(big["documents"]) >= 500
    chart = next(c for c in CHARTS if c.name == name)
    ax = chart.draw(big)
    try:
        assert_readable(ax)
        assert ax.figure.get_size_inches()[1] <= 24
    finally:
        plots.close(ax)


def test_charts_draw_on_a_given_axes_and_leave_global_style_alone(tables):
    before = dict(plt.rcParams)
    fig, (left, right) = plt.subplots(1, 2)
    assert plots.hashtags(tables["hashtags"], ax=left) is left
    assert plots.entity_labels(tables["entities"], ax=right) is right
    assert left.figure is fig
    assert plt.rcParams["font.size"] == before["font.size"]
    plt.close(fig)


def test_no_hashtags_gives_a_clear_panel(tables):
    ax = plots.hashtags(tables["hashtags"].iloc[:0])
    assert plots.NO_DATA in texts_of(ax)
    plots.close(ax)


def test_bars_tied_are_in_alphabetical_order_and_cut_by_name():
    table = pd.DataFrame({"tag": ["#d", "#b", "#c", "#a", "#a", "#e", "#e", "#e", "#c", "#b"]})
    ax = plots.top_items(table, "tag", title="Hashtags", top=3)
    shown = [label.get_text() for label in ax.get_yticklabels()][::-1]  # from the top
    assert shown == ["#e", "#a", "#b"]  # #a, #b, #c tie at 2: the first two by name
    plots.close(ax)


def test_bars_tied_follow_the_french_alphabetical_order():
    ax = plots.top_items(pd.DataFrame({"text": ["Sophie", "Élodie", "Claire", "hélène"]}),
                         "text", title="Personnes")
    shown = [label.get_text() for label in ax.get_yticklabels()][::-1]
    assert shown == ["Claire", "Élodie", "hélène", "Sophie"]  # not É after S, h after S
    plots.close(ax)


@pytest.mark.parametrize(("label", "title"), [
    ("PER", "Personnes les plus citées"), ("LOC", "Lieux les plus cités"),
    ("ORG", "Organisations les plus citées"), ("MISC", "Autres entités les plus citées")])
def test_entity_chart_titles_agree_with_their_noun(tables, label, title):
    ax = plots.entities(tables["entities"], label)
    assert ax.get_title(loc="left") == title
    plots.close(ax)


@pytest.mark.parametrize(
    ("label", "width", "expected"),
    [("Twitter", 28, "Twitter"),
     ("Twitter, ma salle des profs virtuelle et bien plus encore", 20,
      "Twitter, ma salle\ndes profs virtuelle…"),
     ("De 0$ à 100$", 28, "De 0\\$ à 100\\$")],
)
def test_wrap_label(label, width, expected):
    assert plots.wrap_label(label, width) == expected


def test_the_mention_graph_has_two_columns_visible_arrows_and_no_overlap(tables):
    import matplotlib as mpl

    from corpus_tools import chartdata

    _, edges = chartdata.mention_network(tables["mentions"], tables["texts"])
    ax = plots.mention_graph(tables["mentions"], tables["texts"])
    try:
        ax.figure.canvas.draw()
        renderer = ax.figure.canvas.get_renderer()
        labels = [t for t in ax.texts if t.get_text().endswith(")")
                  and not t.get_text().startswith(("qui", "compte"))]
        boxes = [label.get_window_extent(renderer) for label in labels]
        for a, b in itertools.combinations(boxes, 2):
            assert not a.overlaps(b), (a, b)
        # authors on the left, accounts on the right: an account that also mentions has a
        # place in each column, so no arrow continues from where another one ends
        left = {t.get_text().rsplit(" (", 1)[0] for t in labels if t.get_ha() == "right"}
        right = {t.get_text().rsplit(" (", 1)[0] for t in labels if t.get_ha() == "left"}
        assert left == set(edges["source"]) and right == set(edges["target"])
        arrows = [p for p in ax.patches if isinstance(p, mpl.patches.FancyArrowPatch)]
        assert len(arrows) == len(edges)
        for arrow in arrows:
            assert arrow.get_arrowstyle().__class__.__name__ == "CurveFilledB"
            assert arrow.get_mutation_scale() >= 20
    finally:
        plots.close(ax)


def test_the_time_line_says_how_many_texts_it_cannot_place(tables):
    texts = tables["texts"]
    undated = int(texts["published"].isna().sum())
    assert undated > 0
    ax = plots.activity_over_time(texts)
    try:
        assert f"{undated} textes sans date : pas sur la courbe" in texts_of(ax)
        drawn = sum(bar.get_height() for bar in ax.patches)
        assert drawn == len(texts) - undated
    finally:
        plots.close(ax)


def test_the_platform_theme_network_labels_do_not_overlap(tables):
    ax = plots.cooccurrence_network(tables["themes"])
    try:
        ax.figure.canvas.draw()
        renderer = ax.figure.canvas.get_renderer()
        boxes = [text.get_window_extent(renderer) for text in ax.texts]
        assert len(boxes) > 10
        for a, b in itertools.combinations(boxes, 2):
            assert not a.overlaps(b), (a, b)
    finally:
        plots.close(ax)
