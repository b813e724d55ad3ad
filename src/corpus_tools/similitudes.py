"""Lemma co-occurrence within segments, the "similitudes" analysis of IRaMuTeQ.

:func:`cooccurrence` counts, for each pair of frequent lemmas, the segments (sentences, or
whole texts) that hold both, and scores the pair by its count and its Jaccard index.
:func:`similitude_graph` keeps the strongest links as a maximum spanning tree (IRaMuTeQ's
default) or above a threshold.
"""

from __future__ import annotations

from itertools import combinations
from typing import TYPE_CHECKING

import pandas as pd

from corpus_tools.extract import CONTENT_POS, content_words

if TYPE_CHECKING:
    import networkx as nx

COOCCURRENCE_COLUMNS = ["source", "target", "count", "jaccard", "source_freq", "target_freq"]


def segment_lemmas(tokens: pd.DataFrame, *, unit: str = "sentence",
                   pos: tuple[str, ...] | None = CONTENT_POS) -> pd.Series:
    """Return the set of content lemmas of each segment (sentence or text)."""
    if unit not in {"sentence", "text"}:
        raise ValueError(f"unit={unit!r} : choisir « sentence » ou « text »")
    words = content_words(tokens, pos=pos)
    keys = ["text_id", "sentence"] if unit == "sentence" else ["text_id"]
    return words.groupby(keys)["term"].agg(lambda s: frozenset(s))


def cooccurrence(tokens: pd.DataFrame, *, unit: str = "sentence", min_freq: int = 3,
                 top: int = 40, pos: tuple[str, ...] | None = CONTENT_POS) -> pd.DataFrame:
    """Count how many segments hold each pair of the ``top`` most widespread lemmas.

    Args:
        tokens: the ``tokens`` table.
        unit: the co-occurrence window: ``"sentence"`` or ``"text"``.
        min_freq: leave out lemmas found in fewer segments.
        top: keep the lemmas found in the most segments, at most this many.
        pos: the parts of speech considered.

    Returns:
        One row per pair found together at least once: ``source``, ``target``, ``count``
        (segments with both), ``jaccard`` (count / segments with either), ``source_freq``,
        ``target_freq`` (segments with each); sorted by count.
    """
    segments = segment_lemmas(tokens, unit=unit, pos=pos)
    frequency = pd.Series([t for terms in segments for t in terms]).value_counts()
    frequency = frequency[frequency >= min_freq]
    frequency = frequency.sort_values(ascending=False, kind="stable").head(top)
    kept = set(frequency.index)
    pairs: dict[tuple[str, str], int] = {}
    for terms in segments:
        for a, b in combinations(sorted(terms & kept), 2):
            pairs[(a, b)] = pairs.get((a, b), 0) + 1
    if not pairs:
        return pd.DataFrame(columns=COOCCURRENCE_COLUMNS)
    table = pd.DataFrame([(a, b, n) for (a, b), n in pairs.items()],
                         columns=["source", "target", "count"])
    table["source_freq"] = table["source"].map(frequency)
    table["target_freq"] = table["target"].map(frequency)
    table["jaccard"] = table["count"] / (table["source_freq"] + table["target_freq"]
                                         - table["count"])
    return table.sort_values(["count", "jaccard", "source", "target"],
                             ascending=[False, False, True, True],
                             ignore_index=True)[COOCCURRENCE_COLUMNS]


def similitude_graph(edges: pd.DataFrame, *, score: str = "count", method: str = "tree",
                     threshold: float | None = None) -> nx.Graph:
    """Build the similitude graph: a maximum spanning tree, or the links above a threshold.

    Args:
        edges: what :func:`cooccurrence` returned.
        score: ``"count"`` or ``"jaccard"``.
        method: ``"tree"`` (maximum spanning tree, one per connected part) or
            ``"threshold"`` (every link whose score is at least ``threshold``).
        threshold: for ``method="threshold"``.

    Returns:
        A :class:`networkx.Graph` whose nodes carry ``freq`` and edges ``weight``.
    """
    import networkx as nx

    graph = nx.Graph()
    for row in edges.itertuples():
        graph.add_node(row.source, freq=int(row.source_freq))
        graph.add_node(row.target, freq=int(row.target_freq))
        graph.add_edge(row.source, row.target, weight=float(getattr(row, score)))
    if method == "tree":
        return nx.maximum_spanning_tree(graph, weight="weight")
    if method == "threshold":
        if threshold is None:
            raise ValueError("method='threshold' demande un seuil (threshold=…)")
        kept = [e for e in graph.edges if graph.edges[e]["weight"] >= threshold]
        return graph.edge_subgraph(kept).copy()
    raise ValueError(f"method={method!r} : choisir « tree » ou « threshold »")
