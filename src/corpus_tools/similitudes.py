"""Lemma co-occurrence within segments, the "similitudes" analysis of IRaMuTeQ.

:func:`cooccurrence` counts, for each pair of frequent lemmas, the segments (sentences, or
whole texts) that hold both, from a sparse segment × lemma matrix, and scores the pair by
the indices IRaMuTeQ offers (Ratinaud and Marchand, « Application de la méthode ALCESTE aux
"gros" corpus et stabilité des "mondes lexicaux" », JADT 2012; Marchand and Ratinaud,
« L'analyse de similitude appliquée aux corpus textuels », JADT 2012): the count, Jaccard's,
Dice's and Ochiai's indices (:data:`INDICES`). :func:`similitude_graph` keeps the strongest
links as a maximum spanning tree (IRaMuTeQ's default) or above a threshold;
:func:`communities` finds groups of lemmas more linked among themselves than with the rest
(Louvain, as IRaMuTeQ's « communautés »), which :func:`corpus_tools.plots.similitudes`
draws as halos; :func:`write_graph` writes the graph for Gephi (GEXF) or any graph tool
(GraphML).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from corpus_tools.extract import CONTENT_POS, content_words

if TYPE_CHECKING:
    import networkx as nx

INDICES = {
    "count": "segments where both appear",
    "jaccard": "both / either: count / (f_a + f_b − count)",
    "dice": "2 count / (f_a + f_b)",
    "ochiai": "count / √(f_a f_b), the cosine of the two lemmas' segment vectors",
}
"""The indices of a pair of lemmas ``a``, ``b`` found in ``f_a`` and ``f_b`` segments."""

COOCCURRENCE_COLUMNS = ["source", "target", *INDICES, "source_freq", "target_freq"]
GRAPH_SUFFIXES = {".gexf": "GEXF (Gephi)", ".graphml": "GraphML"}


def cooccurrence(tokens: pd.DataFrame, *, unit: str = "sentence", min_freq: int = 3,
                 top: int = 40, pos: tuple[str, ...] | None = CONTENT_POS) -> pd.DataFrame:
    """Count how many segments hold each pair of the ``top`` most widespread lemmas, and
    score each pair by every index of :data:`INDICES`.

    Args:
        tokens: the ``tokens`` table.
        unit: the co-occurrence window: ``"sentence"`` or ``"text"``.
        min_freq: leave out lemmas found in fewer segments.
        top: keep the lemmas found in the most segments, at most this many.
        pos: the parts of speech considered.

    Returns:
        One row per pair found together at least once: ``source``, ``target`` (in
        alphabetical order), ``count`` (segments with both), ``jaccard``, ``dice``,
        ``ochiai``, ``source_freq``, ``target_freq`` (segments with each); sorted by count.
    """
    from scipy import sparse

    if unit not in {"sentence", "text"}:
        raise ValueError(f"unit={unit!r} : choisir « sentence » ou « text »")
    words = content_words(tokens, pos=pos)
    keys = ["text_id", "sentence"] if unit == "sentence" else ["text_id"]
    pairs = words[[*keys, "term"]].drop_duplicates()
    if pairs.empty:
        return pd.DataFrame(columns=COOCCURRENCE_COLUMNS)
    frequency = pairs["term"].value_counts()
    frequency = frequency[frequency >= min_freq]
    # the most widespread first, ties in alphabetical order (the same lemmas on every run)
    frequency = frequency.rename_axis("term").reset_index(name="n").sort_values(
        ["n", "term"], ascending=[False, True]).set_index("term")["n"].head(top)
    pairs = pairs[pairs["term"].isin(frequency.index)]
    segment = pairs.groupby(keys, sort=False).ngroup().to_numpy()
    column = pd.Categorical(pairs["term"], categories=frequency.index).codes
    present = sparse.csr_matrix((np.ones(len(pairs), dtype=np.int32), (segment, column)),
                                shape=(segment.max() + 1 if len(segment) else 0,
                                       len(frequency)))
    together = sparse.triu(present.T @ present, k=1).tocoo()
    if together.nnz == 0:
        return pd.DataFrame(columns=COOCCURRENCE_COLUMNS)
    names = frequency.index.to_numpy()
    table = pd.DataFrame({"source": names[together.row], "target": names[together.col],
                          "count": together.data.astype("int64")})
    # each pair once, its lemmas in alphabetical order
    swap = table["source"] > table["target"]
    table.loc[swap, ["source", "target"]] = table.loc[swap, ["target", "source"]].to_numpy()
    table["source_freq"] = table["source"].map(frequency).astype("int64")
    table["target_freq"] = table["target"].map(frequency).astype("int64")
    count, f_a, f_b = table["count"], table["source_freq"], table["target_freq"]
    table["jaccard"] = count / (f_a + f_b - count)
    table["dice"] = 2 * count / (f_a + f_b)
    table["ochiai"] = count / np.sqrt(f_a * f_b)
    return table.sort_values(["count", "jaccard", "source", "target"],
                             ascending=[False, False, True, True],
                             ignore_index=True)[COOCCURRENCE_COLUMNS]


def similitude_graph(edges: pd.DataFrame, *, score: str = "count", method: str = "tree",
                     threshold: float | None = None) -> nx.Graph:
    """Build the similitude graph: a maximum spanning tree, or the links above a threshold.

    Args:
        edges: what :func:`cooccurrence` returned.
        score: one of :data:`INDICES`.
        method: ``"tree"`` (maximum spanning tree, one per connected part) or
            ``"threshold"`` (every link whose score is at least ``threshold``).
        threshold: for ``method="threshold"``.

    Returns:
        A :class:`networkx.Graph` whose nodes carry ``freq`` and edges ``weight``.
    """
    import networkx as nx

    if score not in INDICES:
        raise ValueError(f"indice « {score} » inconnu : choisir {', '.join(INDICES)}")
    graph = nx.Graph()
    for row in edges.itertuples():
        graph.add_node(row.source, freq=int(row.source_freq))
        graph.add_node(row.target, freq=int(row.target_freq))
        graph.add_edge(row.source, row.target, weight=float(getattr(row, score)),
                       count=int(row.count), **{index: float(getattr(row, index))
                                                for index in INDICES if index != "count"})
    if method == "tree":
        return nx.maximum_spanning_tree(graph, weight="weight")
    if method == "threshold":
        if threshold is None:
            raise ValueError("method='threshold' demande un seuil (threshold=…)")
        kept = [e for e in graph.edges if graph.edges[e]["weight"] >= threshold]
        return graph.edge_subgraph(kept).copy()
    raise ValueError(f"method={method!r} : choisir « tree » ou « threshold »")


def communities(graph: nx.Graph, *, resolution: float = 1.0, seed: int = 0) -> dict[str, int]:
    """Group the lemmas of a similitude graph into communities (Louvain, on the edges'
    ``weight``), numbered from 1 by size; each node's ``community`` attribute is set too.

    Deterministic for a given ``seed``. A graph without edges gives each lemma its own
    community.

    Examples:
        >>> import networkx as nx
        >>> graph = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("c", "x")])
        >>> sorted(communities(graph).items())
        [('a', 1), ('b', 1), ('c', 1), ('x', 2), ('y', 2)]
    """
    import networkx as nx

    groups = nx.community.louvain_communities(graph, weight="weight", resolution=resolution,
                                              seed=seed) if graph.number_of_edges() else [
        {node} for node in graph.nodes]
    groups = sorted(groups, key=lambda group: (-len(group), sorted(map(str, group))))
    numbers = {node: number for number, group in enumerate(groups, 1) for node in group}
    nx.set_node_attributes(graph, numbers, "community")
    return numbers


def write_graph(graph: nx.Graph, path: str | Path) -> Path:
    """Write a similitude graph as GEXF (``.gexf``, for Gephi) or GraphML (``.graphml``),
    its nodes with ``freq`` (and ``community``), its edges with ``weight`` and every index;
    written to a temporary file, then renamed.

    Raises:
        ValueError: another suffix, in French.
    """
    import networkx as nx

    from corpus_tools.files import atomic_path

    path = Path(path)
    check_graph_path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = nx.write_gexf if path.suffix.lower() == ".gexf" else nx.write_graphml
    with atomic_path(path) as temporary:
        writer(graph, temporary)
    return path


def check_graph_path(path: Path) -> None:
    """Refuse a graph file whose suffix is neither GEXF's nor GraphML's, in French."""
    if path.suffix.lower() not in GRAPH_SUFFIXES:
        raise ValueError(f"{path} : un graphe s’écrit en "
                         + " ou ".join(f"{suffix} ({name})"
                                       for suffix, name in GRAPH_SUFFIXES.items()))
