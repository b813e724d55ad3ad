"""Charts of the analysis tables, for a notebook cell or a classroom screen.

Every function takes the tables it needs (DataFrames, as :func:`corpus_tools.analyze` returns
them or ``corpus-tools run`` writes them) and an optional ``ax``; it draws on a new figure
sized for its content when ``ax`` is ``None``, and returns the Axes. None calls
``plt.show()`` or reads a file. Labels are in French; the "classroom" style (large type, thick
bars, high contrast) and the Okabe–Ito colour-blind-safe palette are applied inside each call,
without touching the caller's matplotlib settings. An empty table gives an "aucune donnée"
panel, not an exception.

Examples:
    >>> result = corpus_tools.analyze(corpus_tools.load_corpus("data/raw"))  # doctest: +SKIP
    >>> plots.platforms(result.platforms)  # doctest: +SKIP
"""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from corpus_tools import chartdata as data
from corpus_tools.french import counted, number

if TYPE_CHECKING:
    import networkx as nx

    from corpus_tools.afc import Correspondence
    from corpus_tools.chd import Reinert
    from corpus_tools.chronology import Progression

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442",
             "#000000")
"""Okabe & Ito's palette, distinguishable with every common colour-vision deficiency."""

CLASSROOM = {
    "font.size": 15,
    "axes.titlesize": 20,
    "axes.titleweight": "bold",
    "axes.titlepad": 14,
    "axes.labelsize": 16,
    "xtick.labelsize": 14,
    "ytick.labelsize": 14,
    "legend.fontsize": 14,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.linewidth": 1.4,
    "axes.edgecolor": "#222222",
    "axes.labelcolor": "#111111",
    "text.color": "#111111",
    "xtick.color": "#222222",
    "ytick.color": "#222222",
    "axes.prop_cycle": mpl.cycler(color=OKABE_ITO),
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "savefig.bbox": "tight",
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "svg.fonttype": "none",
}
"""matplotlib settings of the classroom style."""

NO_DATA = "aucune donnée"
LABEL_WIDTH = 28
"""Characters per line of a long label before it wraps (two lines at most)."""

ENTITY_TITLES = {"PER": "Personnes les plus citées", "LOC": "Lieux les plus cités",
                 "ORG": "Organisations les plus citées", "MISC": "Autres entités les plus citées",
                 "PLATFORM": "Plateformes les plus citées"}
"""Chart titles, each agreeing with its noun (« lieux les plus cités »)."""
KIND_LABELS = {"testimonial": "témoignages", "comment": "commentaires"}


@contextmanager
def classroom_style() -> Iterator[None]:
    """Apply the classroom style inside a ``with`` block (used by every chart).

    Only the style's own settings are saved and restored: ``mpl.rc_context`` would also
    restore the backend, which stops Jupyter's inline backend from showing later figures.
    """
    saved = {key: mpl.rcParams[key] for key in CLASSROOM}
    mpl.rcParams.update(CLASSROOM)
    try:
        yield
    finally:
        mpl.rcParams.update(saved)


def styled(function: Callable[..., Axes]) -> Callable[..., Axes]:
    """Draw ``function`` in the classroom style."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs) -> Axes:
        with classroom_style():
            return function(*args, **kwargs)

    return wrapper


def readable_on(color: object) -> str:
    """``"black"`` or ``"white"``, whichever is the more legible on ``color`` (a colour with
    its alpha drawn over white): the contrast ratio of WCAG, which is then at least 4.58 : 1.

    Examples:
        >>> readable_on("#0072B2"), readable_on((0.0, 0.45, 0.7, 0.5))
        ('white', 'black')
    """
    red, green, blue, alpha = mpl.colors.to_rgba(color)
    channels = [1 - alpha * (1 - value) for value in (red, green, blue)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return "white" if 1.05 / (luminance + 0.05) > (luminance + 0.05) / 0.05 else "black"


def save(ax: Axes, path: str | Path | BinaryIO, **options: object) -> None:
    """Save the figure of ``ax`` to a file (or a binary stream, with ``format=``) in the
    classroom style: an SVG keeps its text as text (a label can be corrected in a drawing
    program), a PNG has the style's resolution."""
    with classroom_style():
        ax.figure.savefig(path, **options)


def as_typed(text: object) -> str:
    """Escape each "$" of a text from the corpus, so that matplotlib shows it as typed
    instead of reading mathematics between two of them ("De 0$ à 100$" lost its dollars and
    spaces; "$\\x$" stopped the drawing).

    Examples:
        >>> as_typed("De 0$ à 100$")
        'De 0\\\\$ à 100\\\\$'
    """
    return str(text).replace("$", r"\$")


def wrap_label(label: object, width: int = LABEL_WIDTH) -> str:
    """Wrap a label on two lines at most, shortening it with "…" beyond (and
    :func:`as_typed`).

    Examples:
        >>> wrap_label("Twitter, ma salle des profs virtuelle et bien plus encore", 20)
        'Twitter, ma salle\\ndes profs virtuelle…'
    """
    lines = textwrap.wrap(str(label), width) or [""]
    if len(lines) > 2:
        lines = [lines[0], lines[1].rstrip(" ,;:") + "…"]
    return as_typed("\n".join(lines))


def _axes(ax: Axes | None, *, rows: int = 6, width: float = 11.0) -> Axes:
    """Return ``ax``, or a new figure's Axes tall enough for ``rows`` labelled bars."""
    if ax is not None:
        return ax
    height = min(max(3.8, 1.3 + 0.62 * rows), 24)
    _, ax = plt.subplots(figsize=(width, height), layout="constrained")
    return ax


def _no_data(ax: Axes | None, title: str, message: str = NO_DATA) -> Axes:
    ax = _axes(ax, rows=3)
    ax.set_title(title, loc="left")
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=22, color="#555555",
            transform=ax.transAxes)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)
    return ax


def _barh(ax: Axes, counts: pd.Series, *, title: str, xlabel: str,
          color: str = OKABE_ITO[0], ranked: bool = True) -> Axes:
    """Draw horizontal bars, each with its count: sorted, the largest on top (ties in
    alphabetical order, from the top), or, not ``ranked``, in the order given, the first on
    top (years, months)."""
    counts = (data.by_name(counts, descending=True).sort_values(ascending=True, kind="stable")
              if ranked else counts.iloc[::-1])
    labels = [wrap_label(label) for label in counts.index]
    bars = ax.barh(labels, counts.to_numpy(), color=color, height=0.7)
    ax.bar_label(bars, padding=4, fontsize=14)
    ax.set_title(title, loc="left")
    ax.set_xlabel(xlabel)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlim(0, counts.max() * 1.15 + 0.5)
    ax.tick_params(axis="y", length=0)
    return ax


@styled
def platforms(table: pd.DataFrame, *, top: int = 15, generic: bool = True,
              ax: Axes | None = None) -> Axes:
    """Draw how many testimonials mention each platform, and how often it is named.

    Args:
        table: the ``platforms`` table.
        top: how many platforms to show.
        generic: include the generic kinds (forum, wiki, blog…).
        ax: where to draw.
    """
    title = "Plateformes citées"
    summary = data.platform_summary(table, generic=generic).head(top)
    if summary.empty:
        return _no_data(ax, title)
    summary = summary.iloc[::-1]
    ax = _axes(ax, rows=len(summary) * 1.5)
    y = np.arange(len(summary))
    height = 0.4
    docs = ax.barh(y + height / 2, summary["documents"], height, color=OKABE_ITO[0],
                   label="témoignages qui la citent")
    mentions = ax.barh(y - height / 2, summary["mentions"], height, color=OKABE_ITO[1],
                       label="mentions en tout")
    ax.bar_label(docs, padding=3, fontsize=13)
    ax.bar_label(mentions, padding=3, fontsize=13)
    ax.set_yticks(y, [wrap_label(name) for name in summary.index])
    ax.set_title(title, loc="left")
    ax.set_xlabel("nombre")
    ax.set_xlim(0, summary.to_numpy().max() * 1.15 + 0.5)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.tick_params(axis="y", length=0)
    ax.legend(loc="lower right", frameon=False)
    return ax


@styled
def top_items(table: pd.DataFrame, column: str, *, title: str, top: int = 15,
              xlabel: str = "occurrences", ax: Axes | None = None) -> Axes:
    """Draw the most frequent values of one column (hashtags, mentions, entities…)."""
    return _top_bars(data.counts(table[column]), title=title, top=top, xlabel=xlabel, ax=ax)


@styled
def ranked_counts(counts: pd.Series, *, title: str, top: int = 15,
                  xlabel: str = "occurrences", ax: Axes | None = None) -> Axes:
    """Draw counts already ranked, one bar per label (segments, topics…), the first on top."""
    return _top_bars(counts, title=title, top=top, xlabel=xlabel, ax=ax)


@styled
def ordered_counts(counts: pd.Series, *, title: str, xlabel: str = "occurrences",
                   ax: Axes | None = None) -> Axes:
    """Draw counts in the order given, the first on top: a time facet (years in order, the
    undated last), where ranking the bars would read as a trend."""
    if counts.empty:
        return _no_data(ax, title)
    ax = _axes(ax, rows=len(counts))
    return _barh(ax, counts, title=title, xlabel=xlabel, ranked=False)


def _top_bars(counts: pd.Series, *, title: str, top: int, xlabel: str = "occurrences",
              ax: Axes | None = None) -> Axes:
    """Draw the first ``top`` of ranked counts (ties by name: which of them make the cut is
    not left to chance)."""
    counts = counts.head(top)
    if counts.empty:
        return _no_data(ax, title)
    ax = _axes(ax, rows=len(counts))
    return _barh(ax, counts, title=title, xlabel=xlabel)


@styled
def hashtags(table: pd.DataFrame, *, top: int = 15, ax: Axes | None = None) -> Axes:
    """Draw the most frequent hashtags of the ``hashtags`` table."""
    return _top_bars(data.hashtag_counts(table), title="Hashtags les plus fréquents", top=top,
                     ax=ax)


@styled
def mentions(table: pd.DataFrame, *, top: int = 15, ax: Axes | None = None) -> Axes:
    """Draw the most mentioned accounts (signatures left out) of the ``mentions`` table."""
    return _top_bars(data.mention_counts(table), title="Comptes les plus mentionnés", top=top,
                     ax=ax)


@styled
def entities(table: pd.DataFrame, label: str = "PER", *, top: int = 15,
             ax: Axes | None = None) -> Axes:
    """Draw the most frequent entities of one label (``PER``, ``LOC``, ``ORG``, ``MISC``)."""
    title = ENTITY_TITLES.get(label, f"Entités {label} les plus citées")
    return _top_bars(data.entity_counts(table, label), title=title, top=top, ax=ax)


@styled
def entity_labels(table: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Draw how many entities of each label the corpus holds."""
    title = "Entités nommées par type"
    counts = data.label_counts(table)
    if counts.empty:
        return _no_data(ax, title)
    ax = _axes(ax, rows=len(counts))
    return _barh(ax, counts, title=title, xlabel="nombre d’entités", color=OKABE_ITO[2])


@styled
def theme_heatmap(themes: pd.DataFrame, documents: pd.DataFrame, *, origin: str = "codebook",
                  max_documents: int = 40, ax: Axes | None = None) -> Axes:
    """Draw a testimonial × theme heatmap of theme occurrences (testimonials and comments).

    Args:
        themes: the ``themes`` table.
        documents: the ``documents`` table, for the testimonials' names.
        origin: which themes: ``codebook``, ``hashtag`` or ``platform``.
        max_documents: show the testimonials with the most occurrences, at most this many.
        ax: where to draw.
    """
    title = "Thèmes par témoignage"
    matrix = data.theme_matrix(themes, origin=origin, max_documents=max_documents)
    if matrix.empty or documents.empty:
        return _no_data(ax, title)
    names = data.document_labels(documents)
    ax = _axes(ax, rows=len(matrix) * 0.9 + 3, width=max(11.0, 5 + 1.55 * matrix.shape[1]))
    image = ax.imshow(matrix.to_numpy(), aspect="auto", cmap="cividis")
    ax.set_xticks(range(matrix.shape[1]), [wrap_label(t, 13) for t in matrix.columns],
                  fontsize=13)
    ax.xaxis.tick_top()
    ax.set_yticks(range(matrix.shape[0]), [wrap_label(names.get(d, d), 34) for d in matrix.index])
    if matrix.size <= 400:
        for (row, column), value in np.ndenumerate(matrix.to_numpy()):
            if value:
                ax.text(column, row, str(value), ha="center", va="center", fontsize=12,
                        color=readable_on(image.cmap(image.norm(value))))
    ax.set_title(title, loc="left", pad=60)
    ax.spines[:].set_visible(False)
    ax.tick_params(length=0)
    ax.figure.colorbar(image, ax=ax, label="occurrences", shrink=0.8)
    return ax


@styled
def theme_frequency(themes: pd.DataFrame, *, origin: str = "codebook",
                    ax: Axes | None = None) -> Axes:
    """Draw in how many testimonials each theme appears (body or comments)."""
    title = "Thèmes dans le corpus"
    counts = data.theme_spread(themes, origin=origin)
    if counts.empty:
        return _no_data(ax, title)
    ax = _axes(ax, rows=len(counts))
    return _barh(ax, counts, title=title, xlabel="témoignages où le thème apparaît",
                 color=OKABE_ITO[2])


def _spread(layout: dict, *, rounds: int = 400, char_width: float = 0.011,
            half_height: float = 0.1) -> dict:
    """Nudge nodes apart until their labels' boxes (in layout units: ``char_width`` a
    character, ``half_height`` half a line) do not overlap."""
    nodes = list(layout)
    points = np.array([layout[n] for n in nodes], dtype=float)
    half_width = np.array([0.03 + char_width * min(len(str(n)), 18) for n in nodes])
    for _ in range(rounds):
        moved = False
        for i in range(len(points)):
            for j in range(i + 1, len(points)):
                dx, dy = points[j] - points[i]
                overlap_x = half_width[i] + half_width[j] - abs(dx)
                overlap_y = 2 * half_height - abs(dy)
                if overlap_x <= 0 or overlap_y <= 0:
                    continue
                moved = True
                if overlap_y <= overlap_x:  # the cheaper way out is vertical
                    step = np.array([0.0, (overlap_y / 2 + 0.005) * (1 if dy >= 0 else -1)])
                else:
                    step = np.array([(overlap_x / 2 + 0.005) * (1 if dx >= 0 else -1), 0.0])
                points[i] -= step
                points[j] += step
        if not moved:
            break
    return dict(zip(nodes, points, strict=True))


def _draw_network(ax: Axes, graph: nx.Graph, *, title: str, colors: dict, legend: dict,
                  directed: bool = False, layout: dict | None = None,
                  legend_columns: int | None = None) -> Axes:
    import networkx as nx

    if layout is None:
        layout = nx.spring_layout(graph, k=2.2 / np.sqrt(len(graph)), iterations=300, seed=7,
                                  weight=None)
        layout = _spread(nx.rescale_layout_dict(layout, scale=1.0))
    weights = np.array([graph.edges[e].get("weight", 1) for e in graph.edges], dtype=float)
    widths = 1.5 + 6 * (weights / weights.max()) if len(weights) else []
    sizes = np.array([graph.nodes[n].get("size", 1) for n in graph.nodes], dtype=float)
    node_sizes = 300 + 2200 * sizes / sizes.max()
    options = {"arrows": True, "arrowsize": 22, "node_size": node_sizes,
               "connectionstyle": "arc3,rad=0.08"} if directed else {}
    nx.draw_networkx_edges(graph, layout, ax=ax, width=widths, edge_color="#888888",
                           alpha=0.6, **options)
    nx.draw_networkx_nodes(graph, layout, ax=ax, node_size=node_sizes, linewidths=1.5,
                           edgecolors="white",
                           node_color=[colors[graph.nodes[n]["kind"]] for n in graph.nodes])
    for node, (x, y) in layout.items():
        ax.annotate(wrap_label(node, 18), (x, y), xytext=(0, 14), textcoords="offset points",
                    ha="center", va="bottom", fontsize=13, zorder=4,
                    bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none",
                          "alpha": 0.9})
    for kind, text in legend.items():
        ax.scatter([], [], s=200, color=colors[kind], label=text)
    ax.legend(loc="upper left", bbox_to_anchor=(0, -0.02), ncol=legend_columns or len(legend),
              frameon=False)
    ax.set_title(title, loc="left")
    ax.margins(0.12)
    ax.set_axis_off()
    return ax


@styled
def cooccurrence_network(themes: pd.DataFrame, *, top: int = 25, per_node: int = 3,
                         min_weight: int = 1, ax: Axes | None = None) -> Axes:
    """Draw which platforms and themes appear in the same testimonials, as a network.

    Nodes are the ``top`` most widespread platforms and codebook themes (size: number of
    testimonials); an edge joins two that share testimonials (width: how many), only the
    strongest (:func:`corpus_tools.chartdata.cooccurrence`); each community of the pruned
    network (Louvain) is shaded as a halo.
    """
    import networkx as nx

    title = "Plateformes et thèmes cités ensemble"
    nodes, edges = data.cooccurrence(themes, top=top, per_node=per_node, min_weight=min_weight)
    if nodes.empty:
        return _no_data(ax, title)
    graph = nx.Graph()
    for node in nodes.itertuples():
        graph.add_node(node.node, kind=node.kind, size=node.size)
    for edge in edges.itertuples():
        graph.add_edge(edge.source, edge.target, weight=edge.weight)
    if len(graph) < 2:
        return _no_data(ax, title, "pas assez de données pour un réseau")
    from corpus_tools.similitudes import communities

    ax = _axes(ax, rows=16, width=14)
    layout = _spread(nx.rescale_layout_dict(
        nx.kamada_kawai_layout(graph) if nx.is_connected(graph)
        else nx.spring_layout(graph, seed=7, k=2.2 / np.sqrt(len(graph))), scale=1.0))
    groups = communities(graph)
    if len(set(groups.values())) > 1:
        for number in sorted(set(groups.values())):
            members = [layout[node] for node in graph if groups[node] == number]
            if len(members) > 1:
                _halo(ax, members, OKABE_ITO[(number + 3) % len(OKABE_ITO)])
    return _draw_network(ax, graph, title=title, layout=layout,
                         colors={"codebook": OKABE_ITO[2], "platform": OKABE_ITO[0]},
                         legend={"platform": "plateforme", "codebook": "thème"})


@styled
def mention_graph(mentions: pd.DataFrame, texts: pd.DataFrame, *, top: int = 30,
                  ax: Axes | None = None) -> Axes:
    """Draw who mentions whom in two columns: on the left the authors of the texts (by the
    mentions they make), on the right the accounts they mention (by the mentions received),
    an arrow from each author to each account named, as thick as the mentions.

    Two columns imply no chain: an account that mentions and is mentioned has a place in
    each; every label has a row of its own, so none overlaps another.
    """
    title = "Qui mentionne qui"
    _, weights = data.mention_network(mentions, texts, top=top)
    if weights.empty:
        return _no_data(ax, title)
    sources = data.ranked(weights.groupby("source")["weight"].sum())
    targets = data.ranked(weights.groupby("target")["weight"].sum())
    rows = max(len(sources), len(targets))
    ax = _axes(ax, rows=rows * 0.75 + 1.5, width=13)

    def place(names: pd.Series) -> dict[str, float]:
        # each column spread over the same height, from the top (one name: in the middle)
        heights = np.linspace(rows - 1, 0, len(names)) if len(names) > 1 else [(rows - 1) / 2]
        return dict(zip(names.index, heights, strict=True))

    left, right = place(sources), place(targets)
    heaviest = max(int(weights["weight"].max()), 1)
    for row in weights.itertuples():
        start, end = (0.0, left[row.source]), (1.0, right[row.target])
        ax.add_patch(mpl.patches.FancyArrowPatch(
            start, end, arrowstyle="-|>", mutation_scale=22, shrinkA=9, shrinkB=11,
            linewidth=1.5 + 2.5 * (row.weight - 1) / max(heaviest - 1, 1),
            color="#444444", zorder=1))
        if row.weight > 1:
            ax.text(0.82 * end[0] + 0.18 * start[0], 0.82 * end[1] + 0.18 * start[1],
                    number(int(row.weight)), fontsize=12, ha="center", va="center",
                    zorder=3, bbox={"boxstyle": "round,pad=0.15", "fc": "white",
                                    "ec": "none"})
    for names, places, x, side, color in ((sources, left, 0.0, "right", OKABE_ITO[1]),
                                          (targets, right, 1.0, "left", OKABE_ITO[0])):
        ax.scatter([x] * len(names), [places[name] for name in names.index],
                   s=[90 + 60 * count for count in names], color=color, zorder=2,
                   edgecolors="white", linewidths=1.5)
        for name, count in names.items():
            ax.text(x + (-0.04 if side == "right" else 0.04), places[name],
                    f"{as_typed(name)} ({number(int(count))})", ha=side, va="center",
                    fontsize=14)
    ax.text(0.0, rows - 0.2, "qui mentionne\n(mentions faites)", ha="center", va="bottom",
            fontsize=14, fontweight="bold")
    ax.text(1.0, rows - 0.2, "compte mentionné\n(mentions reçues)", ha="center", va="bottom",
            fontsize=14, fontweight="bold")
    ax.set_xlim(-0.75, 1.75)
    ax.set_ylim(-0.8, rows + 1.2)
    ax.axis("off")
    ax.set_title(title, loc="left")
    return ax


@styled
def comments_per_testimonial(documents: pd.DataFrame, *, top: int = 30,
                             ax: Axes | None = None) -> Axes:
    """Draw the number of comments of each testimonial (the most commented first)."""
    title = "Commentaires par témoignage"
    if documents.empty:
        return _no_data(ax, title)
    counts = data.comment_counts(documents).head(top)
    ax = _axes(ax, rows=len(counts))
    return _barh(ax, counts, title=title, xlabel="commentaires", color=OKABE_ITO[4])


@styled
def activity_over_time(texts: pd.DataFrame, *, freq: str = "MS",
                       ax: Axes | None = None) -> Axes:
    """Draw testimonials and comments published per month (texts with a date only)."""
    title = "Témoignages et commentaires dans le temps"
    counts = data.activity(texts, freq=freq)
    if counts.empty:
        return _no_data(ax, title, "aucune date dans le corpus")
    ax = _axes(ax, rows=8, width=13)
    bottom = np.zeros(len(counts))
    width = 25 if freq == "MS" else 5
    for color, kind in zip(OKABE_ITO, ("testimonial", "comment"), strict=False):
        if kind in counts:
            ax.bar(counts.index, counts[kind], width=width, bottom=bottom, color=color,
                   label=KIND_LABELS[kind], align="edge")
            bottom += counts[kind].to_numpy()
    ax.set_title(title, loc="left", pad=30)
    undated = int(texts["published"].isna().sum())
    # the texts without a date cannot be placed: the chart says so, under its title
    ax.text(0, 1.02, (f"{counted(undated, 'texte sans date', 'textes sans date')} : pas sur "
                      "la courbe") if undated else "tous les textes sont datés",
            transform=ax.transAxes, fontsize=12, color="#444444", va="bottom")
    ax.set_ylabel("textes publiés par mois")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.xaxis.set_major_formatter(mpl.dates.DateFormatter("%m/%Y"))
    ax.xaxis.set_major_locator(mpl.dates.AutoDateLocator(maxticks=10))
    ax.figure.autofmt_xdate(rotation=30)
    ax.legend(frameon=False)
    return ax


@styled
def word_cloud(tokens: pd.DataFrame, *, max_words: int = 80, ax: Axes | None = None) -> Axes:
    """Draw a word cloud of the lemmas (nouns, proper nouns, adjectives, verbs), stop words
    and the corpus's own hashtags and mentions left out."""
    from wordcloud import WordCloud

    title = "Les mots du corpus"
    frequencies = data.cloud_frequencies(tokens)
    if frequencies.empty:
        return _no_data(ax, title)
    palette = OKABE_ITO[:6]

    def color(word: str, **_) -> str:
        return palette[sum(map(ord, word)) % len(palette)]

    cloud = WordCloud(width=1600, height=900, background_color="white", max_words=max_words,
                      color_func=color, random_state=7, prefer_horizontal=0.95,
                      min_font_size=14, collocations=False)
    cloud.generate_from_frequencies(frequencies.to_dict())
    ax = _axes(ax, rows=12, width=13)
    ax.imshow(cloud.to_array(), interpolation="bilinear")
    ax.set_title(title, loc="left")
    ax.set_axis_off()
    return ax


@styled
def keyterms(table: pd.DataFrame, documents: pd.DataFrame, *, per_document: int = 5,
             max_documents: int = 20, ax: Axes | None = None) -> Axes:
    """Draw the key terms of each testimonial: one row each, its terms by rank."""
    title = "Termes clés par témoignage"
    chosen = data.keyterm_grid(table, documents, per_document=per_document,
                               max_documents=max_documents)
    if chosen.empty:
        return _no_data(ax, title)
    names = data.document_labels(documents)
    order = list(dict.fromkeys(chosen["doc_id"]))
    ax = _axes(ax, rows=len(order) * 1.1, width=15)
    for row, doc_id in enumerate(order):
        terms = chosen[chosen["doc_id"] == doc_id].sort_values("rank")
        best = terms["score"].max()
        for column, term in enumerate(terms.itertuples()):
            strength = 0.35 + 0.65 * term.score / best
            fill = mpl.colors.to_rgba(OKABE_ITO[0], strength)
            ax.text(column, row, wrap_label(term.term, 16), ha="center", va="center",
                    fontsize=14, color=readable_on(fill),
                    bbox={"boxstyle": "round,pad=0.35", "ec": "none", "fc": fill})
    ax.set_xlim(-0.6, per_document - 0.4)
    ax.set_ylim(len(order) - 0.5, -0.5)
    ax.set_yticks(range(len(order)), [wrap_label(names[d], 34) for d in order])
    ax.set_xticks(range(per_document), [f"n° {k}" for k in range(1, per_document + 1)])
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    ax.spines[:].set_visible(False)
    ax.set_title(title, loc="left")
    return ax


def close(ax: Axes) -> None:
    """Close the figure of ``ax`` (free memory in loops)."""
    plt.close(ax.figure)


@styled
def specificities(table: pd.DataFrame, part: str, *, top: int = 12,
                  ax: Axes | None = None) -> Axes:
    """Draw the most over- and under-represented lemmas of one part of a facet.

    Args:
        table: what :func:`corpus_tools.specificities` (score) or
            :func:`corpus_tools.keyness` (G2) returned.
        part: the part to show (``"comment"``, an author, a year…).
        top: lemmas on each side.
        ax: where to draw.
    """
    score = "score" if "score" in table else "G2"
    title = f"Spécificités : {KIND_LABELS.get(part, part)}"
    chosen = table[table["part"] == part] if not table.empty else table
    if chosen.empty:
        return _no_data(ax, title)
    over = chosen[chosen[score] > 0].nlargest(top, score)
    under = chosen[chosen[score] < 0].nsmallest(top, score)
    shown = pd.concat([over, under.iloc[::-1]]).iloc[::-1]
    ax = _axes(ax, rows=len(shown))
    colors = [OKABE_ITO[0] if value > 0 else OKABE_ITO[3] for value in shown[score]]
    bars = ax.barh([wrap_label(t) for t in shown["term"]], shown[score], color=colors,
                   height=0.7)
    ax.bar_label(bars, fmt="%.1f", padding=4, fontsize=13)
    ax.axvline(0, color="#222222", linewidth=1.4)
    for threshold in (-2, 2):
        ax.axvline(threshold, color="#888888", linewidth=1, linestyle="--")
    limit = max(abs(shown[score]).max() * 1.25, 2.5)
    ax.set_xlim(-limit if len(under) else -0.5, limit if len(over) else 0.5)
    ax.set_title(title, loc="left")
    ax.set_xlabel("sur-représenté →" if not len(under) else
                  "← sous-représenté   score   sur-représenté →")
    ax.tick_params(axis="y", length=0)
    return ax


@styled
def similitudes(edges: pd.DataFrame, *, score: str = "count", communities: bool = True,
                edge_labels: bool = True, ax: Axes | None = None) -> Axes:
    """Draw the similitude tree of :func:`corpus_tools.similitudes` (maximum spanning tree
    on ``score``, one of :data:`corpus_tools.similitudes.INDICES`), as IRaMuTeQ does: each
    lemma sized by the segments it appears in, each community (Louvain) in its colour and
    halo, each link labelled with its index."""
    from corpus_tools.similitudes import communities as find_communities
    from corpus_tools.similitudes import similitude_graph

    title = "Similitudes : les mots employés ensemble"
    if edges.empty:
        return _no_data(ax, title)
    graph = similitude_graph(edges, score=score)
    groups = find_communities(graph) if communities else dict.fromkeys(graph.nodes, 1)
    for node in graph.nodes:
        graph.nodes[node]["kind"] = groups[node]
        graph.nodes[node]["size"] = graph.nodes[node].get("freq", 1)
    import networkx as nx

    layout = _spread(nx.rescale_layout_dict(nx.kamada_kawai_layout(graph), scale=1.0))
    ax = _axes(ax, rows=16, width=14)
    numbers = sorted(set(groups.values()))
    colors = {number: OKABE_ITO[(number - 1) % len(OKABE_ITO)] for number in numbers}
    if communities and len(numbers) > 1:
        for number in numbers:
            _halo(ax, [layout[node] for node in graph if groups[node] == number],
                  colors[number])
    if not communities or len(numbers) == 1:
        legend = {numbers[0]: "lemme (taille : segments où il apparaît)"}
    else:  # each community named by its two most widespread lemmas
        legend = {number: f"{number}. " + ", ".join(sorted(
            (node for node in graph if groups[node] == number),
            key=lambda node: -graph.nodes[node]["size"])[:2]) for number in numbers}
    _draw_network(ax, graph, title=title, layout=layout, colors=colors, legend=legend,
                  legend_columns=min(len(legend), 3))
    if edge_labels:  # over the links, beside the nodes
        nx.draw_networkx_edge_labels(
            graph, layout, ax=ax, font_size=12, font_color="#333333", rotate=False,
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
            edge_labels={edge: _score_label(graph.edges[edge]["weight"], score)
                         for edge in graph.edges})
    return ax


def _score_label(value: float, score: str) -> str:
    """A link's index as its label: a count as a whole number, an index with two decimals."""
    return f"{value:.0f}" if score == "count" else f"{value:.2f}".replace(".", ",")


def _halo(ax: Axes, points: list, color: str, *, radius: float = 0.09) -> None:
    """Shade the region around ``points`` (a community): the convex hull of a circle around
    each, filled lightly, behind everything else."""
    from scipy.spatial import ConvexHull

    angles = np.linspace(0, 2 * np.pi, 24, endpoint=False)
    circle = radius * np.c_[np.cos(angles), np.sin(angles)]
    around = np.concatenate([np.asarray(point) + circle for point in points])
    hull = around[ConvexHull(around).vertices]
    ax.fill(hull[:, 0], hull[:, 1], color=color, alpha=0.14, zorder=0, linewidth=0)
    ax.plot(*np.r_[hull, hull[:1]].T, color=color, alpha=0.45, linewidth=1.5, zorder=0)


@styled
def reinert_dendrogram(result: Reinert, *, n_terms: int = 6, ax: Axes | None = None) -> Axes:
    """Draw the tree of a Reinert classification, with each class's size and top lemmas."""
    title = "Classification de Reinert"
    sizes = result.sizes if len(result.segments) else pd.Series(dtype=int)
    if sizes.empty or sizes.isna().all():
        return _no_data(ax, title)
    # the leaves in tree order: replay the splits from the root
    order = [1]
    for split in result.splits:
        parent, child = split["children"]
        index = order.index(parent)
        order[index:index + 1] = [parent, child]
    x = {cluster: position for position, cluster in enumerate(order)}
    ax = _axes(ax, rows=12, width=max(11.0, 3.2 * len(order)))
    depth = len(result.splits)
    height = {cluster: 0.0 for cluster in order}
    position = dict(x)
    for level, split in enumerate(reversed(result.splits)):
        parent, child = split["children"]
        y = level + 1.0
        for node in (parent, child):
            ax.plot([position[node]] * 2, [height[node], y], color="#222222", linewidth=2.5)
        ax.plot([position[parent], position[child]], [y, y], color="#222222", linewidth=2.5)
        position[parent] = (position[parent] + position[child]) / 2
        height[parent] = y
    terms = result.top_terms(n_terms)
    total = int(sizes.sum())
    for cluster in order:
        color = OKABE_ITO[(cluster - 1) % len(OKABE_ITO)]
        share = 100 * int(sizes.get(cluster, 0)) / total
        ax.text(x[cluster], -0.15, f"classe {cluster}\n{share:.0f} %", ha="center", va="top",
                fontsize=15, fontweight="bold", color=color)
        ax.text(x[cluster], -0.75, as_typed("\n".join(terms.get(cluster, []))), ha="center",
                va="top", fontsize=14)
    ax.set_xlim(-0.6, len(order) - 0.4)
    ax.set_ylim(-0.75 - 0.32 * n_terms, depth + 0.3)
    ax.set_axis_off()
    ax.set_title(title, loc="left")
    return ax


@styled
def reinert_clouds(result: Reinert, *, n_terms: int = 30, columns: int = 3,
                   ax: Axes | None = None) -> Axes:
    """Draw a word cloud per Reinert class, as IRaMuTeQ does: each class's over-represented
    lemmas sized by their chi-square, in the class's colour (the dendrogram's), under the
    class's number and share of the classified segments; one Axes for the whole grid."""
    from wordcloud import WordCloud

    title = "Les mots de chaque classe (taille : chi² d’association)"
    profiles = result.profiles[result.profiles["chi2"] > 0]
    if profiles.empty:
        return _no_data(ax, title, "aucune classe")
    clusters = sorted(int(cluster) for cluster in profiles["cluster"].unique())
    columns = min(columns, len(clusters))
    rows = -(-len(clusters) // columns)
    width, height, band = 900, 560, 90  # pixels of a cloud, and of its title above it
    canvas = np.full((rows * (height + band), columns * width, 3), 255, dtype=np.uint8)
    sizes = result.sizes
    classified = sizes.sum()
    labels = []
    for place, cluster in enumerate(clusters):
        color = OKABE_ITO[(cluster - 1) % len(OKABE_ITO)]
        words = profiles[profiles["cluster"] == cluster].head(n_terms)
        cloud = WordCloud(width=width, height=height, background_color="white",
                          color_func=lambda *_, color=color, **__: color, random_state=7,
                          prefer_horizontal=0.95, min_font_size=14, collocations=False,
                          margin=6)
        cloud.generate_from_frequencies(dict(zip(words["term"], words["chi2"], strict=True)))
        row, column = divmod(place, columns)
        top = row * (height + band) + band
        canvas[top:top + height, column * width:(column + 1) * width] = cloud.to_array()
        share = sizes.get(cluster, 0) / classified if classified else 0
        labels.append((column * width + 12, top - 18, f"Classe {cluster} : "
                       + f"{share * 100:.0f} % des segments".replace(".", ","), color))
    ax = _axes(ax, rows=5 * rows + 2, width=5.2 * columns)
    ax.imshow(canvas, interpolation="bilinear")
    for x, y, label, color in labels:
        ax.text(x, y, label, fontsize=17, fontweight="bold", color=color, va="bottom")
    ax.set_title(title, loc="left")
    ax.set_axis_off()
    return ax


__all__ = [
    "CLASSROOM", "OKABE_ITO", "activity_over_time", "as_typed", "classroom_style", "close",
    "comments_per_testimonial", "cooccurrence_network", "entities", "entity_labels",
    "hashtags", "keyterms", "mention_graph", "mentions", "platforms", "reinert_clouds",
    "reinert_dendrogram", "similitudes", "specificities", "theme_frequency", "theme_heatmap",
    "top_items", "word_cloud", "wrap_label",
]


@styled
def correspondence_map(result: Correspondence, *, n_terms: int = 20, x: int = 1, y: int = 2,
                       ax: Axes | None = None) -> Axes:
    """Draw the factor map of a correspondence analysis: the parts, and the ``n_terms``
    lemmas that contribute most to the two axes, labels nudged apart so that none hides
    another; each axis is titled with its share of the inertia.

    Args:
        result: what :func:`corpus_tools.correspondence` returned.
        n_terms: lemmas shown (by their contribution to the two axes).
        x: the horizontal axis (1 for the first).
        y: the vertical axis.
        ax: where to draw.
    """
    title = "Analyse factorielle des correspondances"
    if f"F{max(x, y)}" not in result.columns:
        return _no_data(ax, title, "pas assez d’axes pour cette carte")
    rows = result.rows
    weight = rows[f"ctr{x}"] * result.eigenvalues["eigenvalue"].iloc[x - 1] \
        + rows[f"ctr{y}"] * result.eigenvalues["eigenvalue"].iloc[y - 1]
    terms = rows.loc[data.ranked(weight).index[:n_terms]]
    points = {("part", KIND_LABELS.get(str(name), str(name))): (row[f"F{x}"], row[f"F{y}"])
              for name, row in result.columns.iterrows()}  # kinds in French
    points.update({("term", str(name)): (row[f"F{x}"], row[f"F{y}"])
                   for name, row in terms.iterrows()})
    # one scale for both axes, as distances on the map are distances between profiles; the
    # labels are nudged apart in the square the points span, the points stay where they are
    xy = np.array(list(points.values()))
    centre = (xy.max(axis=0) + xy.min(axis=0)) / 2
    scale = max(float((xy.max(axis=0) - xy.min(axis=0)).max()) / 2, 1e-9)
    # a label starts just above its point (which stays visible), then is nudged; the
    # boxes are those of 13-point type on this 14-inch map
    lift = np.array([0.0, 0.045])
    spread = _spread({key: (np.array(value) - centre) / scale + lift
                      for key, value in points.items()}, char_width=0.0115, half_height=0.034)
    ax = _axes(ax, rows=14, width=14)
    ax.axhline(0, color="#888888", linewidth=1)
    ax.axvline(0, color="#888888", linewidth=1)
    for (kind, label), (px, py) in points.items():
        lx, ly = np.clip(spread[(kind, label)], -1.1, 1.1) * scale + centre
        part = kind == "part"
        ax.scatter([px], [py], s=140 if part else 40, marker="s" if part else "o",
                   color=OKABE_ITO[3] if part else OKABE_ITO[0], zorder=5)
        if np.hypot(lx - px, ly - py) > 0.08 * scale:  # moved away: a line leads back
            ax.plot([px, lx], [py, ly], color="#999999", linewidth=0.8, zorder=2)
        ax.annotate(as_typed(wrap_label(label, 18)), (lx, ly), ha="center", va="center",
                    fontsize=15 if part else 13, fontweight="bold" if part else "normal",
                    color=OKABE_ITO[3] if part else "#1a1a1a", zorder=4,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                          "alpha": 0.8})
    ax.set_xlim(centre[0] - 1.25 * scale, centre[0] + 1.25 * scale)
    ax.set_ylim(centre[1] - 1.25 * scale, centre[1] + 1.25 * scale)
    ax.set_aspect("equal")
    ax.set_xlabel(result.axis_title(x))
    ax.set_ylabel(result.axis_title(y))
    ax.set_title(title, loc="left")
    legend = [mpl.lines.Line2D([], [], marker="s", linestyle="", color=OKABE_ITO[3],
                               markersize=11, label="parties"),
              mpl.lines.Line2D([], [], marker="o", linestyle="", color=OKABE_ITO[0],
                               markersize=7, label=f"les {len(terms)} lemmes qui "
                                                   "contribuent le plus")]
    ax.legend(handles=legend, loc="best", frameon=False)
    return ax


@styled
def progression(result: Progression, *, relative: bool = True,
                ax: Axes | None = None) -> Axes:
    """Draw each term's frequency per period, one line each (per 10,000 words of the
    period, or occurrences); how many texts have no date is said under the chart."""
    title = "Progression dans le temps"
    table = result.wide(relative=relative)
    if table.empty:
        return _no_data(ax, title, "aucun texte daté")
    ax = _axes(ax, rows=8, width=13)
    x = np.arange(len(table))
    for rank, term in enumerate(table.columns):
        ax.plot(x, table[term].to_numpy(), marker="o", linewidth=3, markersize=8,
                color=OKABE_ITO[rank % len(OKABE_ITO)], label=as_typed(term))
    step = max(1, -(-len(table) // 12))  # at most a dozen period labels
    words = result.words()
    if len(table) <= 8:  # each period with its words: a rate over a few dozen is no trend
        labels = [f"{period}\n({int(words.get(period, 0))} mots)" for period in table.index]
    else:
        labels = [str(period) for period in table.index]
    ax.set_xticks(x[::step], labels[::step], rotation=30 if len(table) > 8 else 0)
    ax.set_ylabel("occurrences pour 10 000 mots" if relative else "occurrences")
    ax.set_ylim(bottom=0)
    ax.set_title(title, loc="left")
    ax.legend(frameon=False)
    _undated_note(ax, result)
    return ax


@styled
def cumulative_progression(result: Progression, *, ax: Axes | None = None) -> Axes:
    """Draw TXM's cumulative progression: each term's occurrences so far (vertical) along
    the corpus read in date order (horizontal, in words), the undated texts last."""
    title = "Progression cumulée dans le corpus"
    if result.cumulative.empty:
        return _no_data(ax, title, "aucune occurrence")
    ax = _axes(ax, rows=8, width=13)
    for rank, (term, rows) in enumerate(result.cumulative.groupby("term", sort=False)):
        ax.step(np.r_[0, rows["position"].to_numpy()], np.r_[0, rows["count"].to_numpy()],
                where="post", linewidth=3, color=OKABE_ITO[rank % len(OKABE_ITO)],
                label=as_typed(term))
    start = result.undated["from_position"]
    if result.undated["texts"]:
        ax.axvline(start, color="#666666", linestyle="--", linewidth=1.5)
        ax.annotate("textes sans date →", (start, 1), xycoords=("data", "axes fraction"),
                    xytext=(6, -18), textcoords="offset points", fontsize=13,
                    color="#444444")
    ax.set_xlabel("mots lus dans le corpus (textes par date)")
    ax.set_ylabel("occurrences cumulées")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_title(title, loc="left")
    ax.legend(frameon=False)
    _undated_note(ax, result)
    return ax


def _undated_note(ax: Axes, result: Progression) -> None:
    """Say under the title how many texts have no date (never dropped without a word)."""
    undated = result.undated["texts"]
    if undated:
        ax.set_title(ax.get_title(loc="left"), loc="left", pad=30)
        ax.text(0, 1.02, f"{number(undated)} texte(s) sans date "
                f"({number(result.undated['words'])} mots) : "
                "comptés à la fin de la progression cumulée, pas par période",
                transform=ax.transAxes, fontsize=12, color="#444444", va="bottom")


@styled
def cooccurrents(table: pd.DataFrame, pivot: str, *, top: int = 15,
                 ax: Axes | None = None) -> Axes:
    """Draw the most specific co-occurrents of a pivot (what
    :func:`corpus_tools.cooccurrents` returned), each bar labelled with its co-frequency."""
    title = f"Cooccurrents de « {as_typed(pivot)} »"
    chosen = table[table["score"] > 0].head(top) if not table.empty else table
    if chosen.empty:
        return _no_data(ax, title)
    chosen = chosen.iloc[::-1]
    ax = _axes(ax, rows=len(chosen))
    bars = ax.barh([wrap_label(as_typed(term)) for term in chosen["term"]], chosen["score"],
                   color=OKABE_ITO[0], height=0.7)
    ax.bar_label(bars, labels=[f"{cofreq} / {freq}" for cofreq, freq in
                               zip(chosen["cofreq"], chosen["freq"], strict=True)],
                 padding=4, fontsize=13)
    ax.axvline(2, color="#888888", linewidth=1, linestyle="--")
    ax.set_xlim(0, max(chosen["score"].max() * 1.25, 2.5))
    ax.set_title(title, loc="left")
    ax.set_xlabel("score de spécificité (cooccurrences / fréquence dans le corpus)")
    ax.tick_params(axis="y", length=0)
    return ax


@styled
def zipf(table: pd.DataFrame, exponent: float, *, ax: Axes | None = None) -> Axes:
    """Draw the forms' frequency against their rank on log scales, with Zipf's law fitted
    (what :func:`corpus_tools.zipf` returned); the most frequent forms are named."""
    title = "Loi de Zipf : fréquence et rang des formes"
    if len(table) < 2:
        return _no_data(ax, title)
    ax = _axes(ax, rows=9, width=12)
    ax.loglog(table["rank"], table["freq"], marker="o", linestyle="", markersize=5,
              color=OKABE_ITO[0], label="formes du corpus")
    ax.loglog(table["rank"], table["fitted"], color=OKABE_ITO[3], linewidth=2.5,
              label=f"loi de Zipf, exposant {exponent:.2f}".replace(".", ","))
    for row in table.head(5).itertuples():
        ax.annotate(as_typed(row.form), (row.rank, row.freq), xytext=(8, 0),
                    textcoords="offset points", fontsize=13, va="center")
    ax.set_xlabel("rang (échelle logarithmique)")
    ax.set_ylabel("fréquence (échelle logarithmique)")
    ax.set_title(title, loc="left")
    ax.legend(frameon=False)
    return ax
