"""Reinert as IRaMuTeQ and rainette give it: sparse splits, metadata of the classes, word
clouds, double classification, and a clear word when the corpus is too small."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import sparse
from scipy.stats import chi2_contingency

from corpus_tools import plots
from corpus_tools.chd import (
    _first_factor,
    _segment_table,
    reinert,
    reinert_double,
    segment,
    split_in_two,
)
from corpus_tools.cli import main
from tests.planted import TOPICS, planted_tokens

YEARS = {"cuisine": "2013", "football": "2014", "jardin": "2015"}


def _purity(result, truth) -> float:
    classified = result.segments.dropna(subset=["cluster"])
    table = pd.crosstab(classified["cluster"], classified["text_id"].map(truth))
    return table.max(axis=1).sum() / table.to_numpy().sum()


def _chi2_of(matrix: np.ndarray, first: np.ndarray) -> float:
    table = np.vstack([matrix[first].sum(axis=0), matrix[~first].sum(axis=0)])
    return chi2_contingency(table[:, table.sum(axis=0) > 0], correction=False)[0]


def test_a_split_is_scored_as_scipy_scores_it_and_no_single_move_improves_it():
    rng = np.random.default_rng(4)
    for _ in range(10):
        matrix = (rng.random((40, 25)) < 0.2).astype(float)
        matrix = matrix[matrix.sum(axis=1) > 0]
        first, chi2 = split_in_two(sparse.csr_matrix(matrix))
        assert chi2 == pytest.approx(_chi2_of(matrix, first))
        for row in range(len(matrix)):  # a local optimum, as the method promises
            moved = first.copy()
            moved[row] = not moved[row]
            if 0 < moved.sum() < len(moved):
                assert _chi2_of(matrix, moved) <= chi2 + 1e-9


def test_the_first_factor_of_a_large_sparse_table_is_the_dense_svd_s():
    rng = np.random.default_rng(1)
    matrix = sparse.random(3000, 120, density=0.05, random_state=rng, format="csr")
    matrix.data[:] = 1
    matrix = matrix[np.asarray(matrix.sum(axis=1)).ravel() > 0]
    assert matrix.shape[0] * matrix.shape[1] > 250_000  # the sparse path
    dense = matrix.toarray() / matrix.sum()
    r, c = dense.sum(axis=1), dense.sum(axis=0)
    u, s, _ = np.linalg.svd((dense - np.outer(r, c)) / np.sqrt(np.outer(r, c)),
                            full_matrices=False)
    expected = u[:, 0] * s[0] / np.sqrt(r)
    found = _first_factor(matrix)
    assert np.allclose(np.abs(found), np.abs(expected), atol=1e-8)
    assert np.allclose(found, expected, atol=1e-8) or np.allclose(found, -expected, atol=1e-8)


def test_each_planted_topic_is_a_class_with_its_planted_year_most_significant():
    tokens, truth = planted_tokens()
    result = reinert(tokens, k=3)
    assert _purity(result, truth) >= 0.95
    assert result.classified_share == 1.0 and result.warnings == []
    years = pd.Series({text: YEARS[topic] for text, topic in truth.items()}, name="year")
    metadata = result.metadata(years)
    classified = result.segments.dropna(subset=["cluster"])
    for cluster, rows in classified.groupby("cluster"):
        topic = rows["text_id"].map(truth).mode().item()
        strongest = metadata[metadata["cluster"] == cluster].iloc[0]
        assert strongest["value"] == YEARS[topic] and strongest["chi2"] > 0
        assert strongest["p"] < 1e-6


def _long_texts(n_per_topic: int = 40, segments: int = 3, seed: int = 2):
    """Texts of three segments each, one topic per text: the two cuts of a double
    classification differ."""
    tokens, truth = planted_tokens(n_per_topic=n_per_topic * segments, seed=seed)
    text_of = {old: f"{topic}-long-{int(old.rsplit('-', 1)[1]) // segments}"
               for old, topic in truth.items()}
    order = tokens["text_id"].map(lambda old: int(old.rsplit("-", 1)[1]) % segments)
    tokens = tokens.assign(text_id=tokens["text_id"].map(text_of),
                           sentence=tokens["sentence"] + 4 * order,
                           i=tokens["i"] + 40 * order).sort_values(["text_id", "i"])
    tokens["doc_id"] = tokens["text_id"]
    return tokens.reset_index(drop=True), {text: text.split("-")[0] for text in text_of.values()}


def test_a_double_classification_keeps_the_classes_both_cuts_find():
    tokens, truth = _long_texts()
    result = reinert_double(tokens, k=3, segment_sizes=(40, 80))
    assert _purity(result, truth) >= 0.95
    assert result.classified_share >= 0.9
    assert result.splits == []
    crossings = result.crossings
    assert list(crossings["cluster"]) == [1, 2, 3]
    assert crossings["segments"].tolist() == result.sizes.tolist()
    assert (crossings["chi2"] > 3.84).all()
    assert set(result.top_terms(3)) == {1, 2, 3}
    words = {word for terms in result.top_terms(5).values() for word in terms}
    assert words <= {word for vocabulary in TOPICS.values() for word in vocabulary}


def test_a_double_classification_needs_a_larger_second_unit():
    tokens, _ = _long_texts(n_per_topic=4)
    with pytest.raises(ValueError, match="la seconde taille doit dépasser la première"):
        reinert_double(tokens, segment_sizes=(40, 40))


def test_a_corpus_too_small_is_said_in_french():
    tokens, _ = planted_tokens(n_per_topic=2)
    with pytest.warns(UserWarning, match="Reinert : corpus trop petit pour une classification"):
        result = reinert(tokens, k=3)
    assert result.sizes.tolist() == [6]
    assert "il en faut au moins 10" in result.warnings[0]


def test_fewer_classes_than_asked_and_small_classes_are_said():
    tokens, _ = planted_tokens(n_per_topic=8)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = reinert(tokens, k=6)
    said = " ".join(result.warnings)
    assert len(result.sizes) < 6
    assert f"6 classes demandées, {len(result.sizes)} obtenue(s)" in said
    small = result.sizes[result.sizes < 10]
    if len(small):
        assert "classe(s) de moins de 10 segments" in said
    assert [str(w.message) for w in caught] == [f"Reinert : {m}" for m in result.warnings]


def test_a_word_cloud_per_class_with_its_share():
    tokens, _ = planted_tokens()
    result = reinert(tokens, k=3)
    ax = plots.reinert_clouds(result)
    labels = [text.get_text() for text in ax.texts]
    assert labels == [f"Classe {c} : 33 % des segments" for c in (1, 2, 3)]
    assert len(ax.images) == 1
    plots.close(ax)


def test_from_the_command_line_double_and_clouds(processed_dir, tmp_path, capsys):
    out = tmp_path / "reinert.xlsx"
    capsys.readouterr()
    assert main(["analyse", "reinert", str(processed_dir), "--double", "--out",
                 str(out)]) == 0
    said = capsys.readouterr()
    assert "% des segments classés" in said.out
    assert said.err == ""  # the warnings are in the summary, said once
    assert list(pd.read_excel(out, sheet_name=None)) == ["profils", "segments", "metadonnees",
                                                         "croisements"]
    assert (tmp_path / "reinert.png").exists()


def _segments_by_the_rules(texts: list[tuple[list[int], list[bool]]], size: int) -> list[int]:
    """The segment of each token, token by token as the rules say (the reference)."""
    labels, label = [], 0
    for sentences, punct in texts:
        bounds, start, words = [], 0, 0
        for k in range(len(sentences)):
            words += not punct[k]
            sentence_ends = k + 1 == len(sentences) or sentences[k + 1] != sentences[k]
            if (words >= size and sentence_ends) or words >= 2 * size:
                bounds.append([start, k + 1])
                start, words = k + 1, 0
        if start < len(sentences):
            if bounds and words < size / 2:
                bounds[-1][1] = len(sentences)
            else:
                bounds.append([start, len(sentences)])
        for begin, end in bounds:
            labels += [label] * (end - begin)
            label += 1
    return labels


def test_segments_follow_the_rules_whatever_the_order_of_the_rows():
    rng = np.random.default_rng(7)
    texts, rows = [], []
    for number in range(60):
        n = int(rng.integers(1, 400))
        sentences = np.sort(rng.integers(0, max(1, n // int(rng.integers(3, 120))), n)).tolist()
        punct = (rng.random(n) < 0.15).tolist()
        texts.append((sentences, punct))
        rows += [(f"t{number:02d}", i, sentences[i], punct[i]) for i in range(n)]
    tokens = pd.DataFrame(rows, columns=["text_id", "i", "sentence", "is_punct"])
    for size in (5, 40):
        expected = _segments_by_the_rules(texts, size)
        shuffled = tokens.sample(frac=1, random_state=size)
        got = segment(shuffled, segment_size=size).sort_index()["segment"].tolist()
        assert got == expected


def test_a_segment_reads_as_it_was_written():
    tokens = pd.DataFrame({
        "text_id": "t", "doc_id": "d", "kind": "testimonial", "i": [0, 1, 2, 3, 4],
        "sentence": 0, "token": ["J’", "ai", "appris", "Twitter", "."],
        "start": [0, 2, 5, 12, 19], "end": [2, 4, 11, 19, 20],
        "is_punct": [False, False, False, False, True]}).iloc[::-1]
    table = _segment_table(segment(tokens, segment_size=40))
    assert table["text"].tolist() == ["J’ai appris Twitter."]
    assert table["n_words"].tolist() == [4]
