"""Similitudes as IRaMuTeQ gives them: indices, communities, halos, export for Gephi."""

from __future__ import annotations

import math
import random
from itertools import combinations

import networkx as nx
import pandas as pd
import pytest
from matplotlib.patches import Polygon

from corpus_tools import plots
from corpus_tools.cli import main
from corpus_tools.similitudes import (
    INDICES,
    communities,
    cooccurrence,
    similitude_graph,
    write_graph,
)

# two worlds of words that never meet, but for one sentence that joins them
GARDEN = ["jardin", "graine", "arrosoir", "potager", "tomate"]
SKY = ["étoile", "planète", "télescope", "comète", "galaxie"]


def _tokens(sentences: list[list[str]]) -> pd.DataFrame:
    rows = [{"text_id": f"t{s // 10}", "sentence": s % 10, "token": word, "lemma": word,
             "pos": "NOUN", "is_stop": False, "is_punct": False}
            for s, words in enumerate(sentences) for word in words]
    return pd.DataFrame(rows)


def _planted(seed: int = 3) -> list[list[str]]:
    draw = random.Random(seed)
    sentences = [draw.sample(world, 3) for world in (GARDEN, SKY) for _ in range(30)]
    draw.shuffle(sentences)
    return [*sentences, ["tomate", "étoile"]]


def test_every_index_is_the_direct_count_s():
    sentences = _planted()
    edges = cooccurrence(_tokens(sentences), min_freq=1, top=100)
    seen = {word: sum(word in s for s in sentences) for s in sentences for word in s}
    for row in edges.itertuples():
        both = sum(row.source in s and row.target in s for s in sentences)
        f_a, f_b = seen[row.source], seen[row.target]
        assert row.count == both
        assert row.jaccard == pytest.approx(both / (f_a + f_b - both))
        assert row.dice == pytest.approx(2 * both / (f_a + f_b))
        assert row.ochiai == pytest.approx(both / math.sqrt(f_a * f_b))
        assert (row.source_freq, row.target_freq) == (f_a, f_b)
    expected = {pair for s in sentences for pair in combinations(sorted(set(s)), 2)}
    assert set(zip(edges["source"], edges["target"], strict=True)) == expected


def test_the_most_widespread_lemmas_are_kept_ties_in_alphabetical_order():
    sentences = [["b", "a"], ["c", "a"], ["d", "c"], ["e", "b"]]  # a, b, c twice; d, e once
    edges = cooccurrence(_tokens(sentences), min_freq=1, top=3)
    assert set(edges["source"]) | set(edges["target"]) == {"a", "b", "c"}


def test_louvain_finds_the_two_planted_worlds():
    graph = similitude_graph(cooccurrence(_tokens(_planted()), min_freq=1, top=100),
                             method="threshold", threshold=1)
    groups = communities(graph)
    assert len(set(groups.values())) == 2
    for world in (GARDEN, SKY):
        assert len({groups[word] for word in world}) == 1
    assert groups["jardin"] != groups["étoile"]
    assert nx.get_node_attributes(graph, "community") == groups
    assert communities(graph) == groups  # the same on every run


def test_an_unknown_index_is_said_in_french():
    edges = cooccurrence(_tokens(_planted()), min_freq=1)
    with pytest.raises(ValueError, match="indice « cosinus » inconnu : choisir count"):
        similitude_graph(edges, score="cosinus")
    assert set(INDICES) <= set(edges.columns)


@pytest.mark.parametrize("suffix", [".gexf", ".graphml"])
def test_the_graph_is_written_for_gephi(suffix, tmp_path):
    graph = similitude_graph(cooccurrence(_tokens(_planted()), min_freq=1), score="ochiai")
    groups = communities(graph)
    path = write_graph(graph, tmp_path / f"arbre{suffix}")
    read = (nx.read_gexf if suffix == ".gexf" else nx.read_graphml)(path)
    assert set(read.nodes) == set(graph.nodes)
    assert read.number_of_edges() == graph.number_of_edges()
    assert {node: int(read.nodes[node]["community"]) for node in read} == groups
    for a, b in graph.edges:
        assert float(read.edges[a, b]["ochiai"]) == pytest.approx(graph.edges[a, b]["weight"])
        assert int(read.edges[a, b]["count"]) == graph.edges[a, b]["count"]
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


def test_a_graph_file_of_another_kind_is_refused(tmp_path):
    with pytest.raises(ValueError, match=r"arbre\.dot : un graphe s’écrit en \.gexf"):
        write_graph(nx.Graph(), tmp_path / "arbre.dot")


def test_the_chart_draws_a_halo_per_community_and_labels_each_link():
    edges = cooccurrence(_tokens(_planted()), min_freq=1)
    ax = plots.similitudes(edges, score="jaccard")
    tree = similitude_graph(edges, score="jaccard")
    groups = communities(tree)  # on the tree, as drawn
    numbers = set(groups.values())
    assert len(numbers) >= 2
    for number in numbers:  # no community straddles the two worlds
        members = {word for word, group in groups.items() if group == number}
        assert members <= set(GARDEN) or members <= set(SKY)
    halos = [patch for patch in ax.patches if isinstance(patch, Polygon)]
    assert len(halos) == len(numbers)
    labels = [text.get_text() for text in ax.texts if "," in text.get_text()]
    assert len(labels) == tree.number_of_edges()  # « 0,42 »: French decimals
    legend = [text.get_text() for text in ax.get_legend().get_texts()]
    assert [text.split(".")[0] for text in legend] == [str(n) for n in sorted(numbers)]
    plots.close(ax)
    one = plots.similitudes(edges, communities=False, edge_labels=False)
    assert not [patch for patch in one.patches if isinstance(patch, Polygon)]
    plots.close(one)


def test_from_the_command_line(processed_dir, tmp_path, capsys):
    out, graph = tmp_path / "sim.xlsx", tmp_path / "arbre.gexf"
    capsys.readouterr()
    assert main(["analyse", "similitudes", str(processed_dir), "--score", "ochiai",
                 "--graph", str(graph), "--out", str(out)]) == 0
    assert f"graphe : {graph}" in capsys.readouterr().out
    sheets = pd.read_excel(out, sheet_name=None)
    assert list(sheets) == ["similitudes", "communautes"]
    read = nx.read_gexf(graph)
    assert set(read.nodes) == set(sheets["communautes"]["lemme"])
    with pytest.raises(SystemExit):
        main(["analyse", "similitudes", str(processed_dir), "--graph", "x.dot"])
    assert "un graphe s’écrit en .gexf" in capsys.readouterr().err
