"""Concordance, specificities, keyness, co-occurrence, Reinert, topics and exports."""

from __future__ import annotations

import math
import re
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import corpus_tools
from corpus_tools import plots
from corpus_tools.chd import reinert, segment
from corpus_tools.cli import main
from corpus_tools.export import sanitise, to_iramuteq, to_txm
from corpus_tools.facets import text_facets
from corpus_tools.similitudes import cooccurrence, similitude_graph
from corpus_tools.specificity import (
    hypergeometric_scores,
    keyness,
    log_likelihood,
    specificities,
)
from corpus_tools.topic_models import topics
from tests.planted import planted_tokens


@pytest.fixture(scope="module")
def tokens(sample_analysis):
    return sample_analysis.tokens


def test_public_api_is_importable_from_the_package():
    for name in ("kwic", "specificities", "keyness", "cooccurrence", "topics", "reinert",
                 "read_table"):
        assert callable(getattr(corpus_tools, name))


def test_kwic_by_lemma_finds_inflected_forms_with_context_as_written(tokens):
    found = corpus_tools.kwic(tokens, "apprendre")
    assert {"doc_id", "kind", "author", "left", "match", "right"} <= set(found.columns)
    assert {"appris", "apprendre"} <= set(found["match"].str.lower())
    assert found["left"].str.contains("’").any()  # typographic apostrophes kept
    assert found["author"].notna().any()


def test_kwic_multi_word_hashtag_and_token_queries(tokens):
    assert set(corpus_tools.kwic(tokens, "réseau social")["match"].str.lower()) >= {
        "réseaux sociaux"}
    tags = corpus_tools.kwic(tokens, "#TwittMOOC", window=3)
    assert len(tags) >= 10 and set(tags["match"].str.lower()) == {"#twittmooc"}
    by_token = corpus_tools.kwic(tokens, "appris", by="token")
    assert set(by_token["match"].str.lower()) == {"appris"}
    window = corpus_tools.kwic(tokens, "Stéphanie", by="token", window=2)
    assert all(len(left.split()) <= 3 for left in window["left"])


def exact_upper_tail(f: int, F: int, t: int, T: int) -> Fraction:
    """P(X >= f) for X hypergeometric, with exact integer arithmetic."""
    total = math.comb(T, t)
    return sum((Fraction(math.comb(F, k) * math.comb(T - F, t - k), total)
                for k in range(f, min(F, t) + 1)), Fraction(0))


@pytest.mark.parametrize(("f", "F", "t", "T"),
                         [(3, 3, 90, 705), (5, 8, 20, 100), (0, 10, 30, 100), (1, 1, 1, 2),
                          (12, 40, 50, 300), (2, 40, 50, 300)])
def test_lafon_scores_match_an_exact_computation(f, F, t, T):
    score = float(hypergeometric_scores(np.array([f]), np.array([F]), np.array([t]), T)[0])
    if f >= F * t / T:
        expected = -math.log10(exact_upper_tail(f, F, t, T))
    else:
        lower = 1 - exact_upper_tail(f + 1, F, t, T)
        expected = math.log10(lower)
    assert score == pytest.approx(expected, rel=1e-9, abs=1e-12)
    pmf_tail = stats.hypergeom.pmf(np.arange(f, min(F, t) + 1), T, F, t).sum()
    if f >= F * t / T:
        assert score == pytest.approx(-math.log10(pmf_tail), rel=1e-6)


def test_lafon_scores_of_many_cells_are_scipy_s():
    rng = np.random.default_rng(7)
    T = 200_000
    F = rng.integers(1, 2_000, 3_000)
    t = rng.integers(50, 60_000, 3_000)
    f = np.minimum(rng.poisson(F * t / T * rng.uniform(0, 2.5, 3_000)), np.minimum(F, t))
    f[:500] = 0
    scores = hypergeometric_scores(f, F, t, T)
    over = f >= F * t / T
    expected = np.where(over, -stats.hypergeom.logsf(f - 1, T, F, t),
                        stats.hypergeom.logcdf(f, T, F, t)) / np.log(10)
    assert np.allclose(scores, expected, rtol=1e-9, atol=1e-9)
    assert over.any() and (~over & (f > 0)).any() and (f == 0).any()


def test_specificities_table(tokens):
    table = specificities(tokens, "kind")
    assert set(table["part"]) == {"testimonial", "comment"}
    assert (table.groupby("part")["t"].nunique() == 1).all()
    comments = table[table["part"] == "comment"]
    assert comments.iloc[0]["score"] >= comments.iloc[-1]["score"]
    clear = table["score"].abs() > 1e-9
    # over-represented from the expected count up (f == expected is the upper tail's, as in
    # the exact computation above: "hashtag" has f = 1 for 8 × 89 / 712 = 1.0 expected)
    over = np.where(table["f"] >= table["expected"], 1.0, -1.0)
    assert (np.sign(table.loc[clear, "score"]) == over[clear]).all()


def test_log_likelihood_matches_the_textbook_formula():
    a, b, c, d = 30, 10, 970, 1990
    n = a + b + c + d
    observed = [a, b, c, d]
    expected = [(a + b) * (a + c) / n, (a + b) * (b + d) / n, (c + d) * (a + c) / n,
                (c + d) * (b + d) / n]
    g2 = 2 * sum(o * math.log(o / e) for o, e in zip(observed, expected, strict=True))
    q = 1 + (n * (1 / (a + b) + 1 / (c + d)) - 1) * (n * (1 / (a + c) + 1 / (b + d)) - 1) / (
        6 * n)
    assert log_likelihood([a], [b], [c], [d])[0] == pytest.approx(g2 / q)
    assert log_likelihood([a], [b], [c], [d], williams=False)[0] == pytest.approx(g2)
    assert log_likelihood([b], [a], [d], [c])[0] == pytest.approx(-g2 / q)


def test_keyness_by_a_facet_of_the_texts(sample_analysis):
    years = text_facets(sample_analysis.tables)["year"]
    table = keyness(sample_analysis.tokens, years, min_freq=1)
    assert {"2014", "2015"} <= set(table["part"])
    assert ((table["p"] >= 0) & (table["p"] <= 1)).all()


def test_cooccurrence_counts_pairs_in_sentences():
    rows = []
    sentences = [["chat", "chien"], ["chat", "chien", "souris"], ["chat", "souris"],
                 ["chien"]]
    for s, words in enumerate(sentences):
        for w in words:
            rows.append({"text_id": "t", "sentence": s, "token": w, "lemma": w, "pos": "NOUN",
                         "is_stop": False, "is_punct": False})
    edges = cooccurrence(pd.DataFrame(rows), min_freq=1)
    pairs = {(r.source, r.target): (r.count, r.jaccard) for r in edges.itertuples()}
    assert pairs[("chat", "chien")] == (2, pytest.approx(2 / 4))
    assert pairs[("chat", "souris")] == (2, pytest.approx(2 / 3))
    assert pairs[("chien", "souris")] == (1, pytest.approx(1 / 4))
    tree = similitude_graph(edges)
    assert tree.number_of_edges() == 2 and not tree.has_edge("chien", "souris")


def test_reinert_recovers_planted_topics():
    tokens, truth = planted_tokens()
    result = reinert(tokens, k=3, min_members=10)
    clusters = result.segments.assign(truth=result.segments["text_id"].map(truth))
    table = pd.crosstab(clusters["cluster"], clusters["truth"])
    purity = table.max(axis=1).sum() / table.to_numpy().sum()
    assert purity >= 0.95
    assert table.shape == (3, 3)
    top = result.top_terms(5)
    assert all(len(terms) == 5 for terms in top.values())


def test_reinert_is_deterministic_and_profiles_are_consistent():
    tokens, _ = planted_tokens(seed=3)
    first, second = reinert(tokens, k=3), reinert(tokens, k=3)
    pd.testing.assert_frame_equal(first.segments, second.segments)
    pd.testing.assert_frame_equal(first.profiles, second.profiles)
    assert {"segment_id", "doc_id", "text_id", "text", "cluster"} <= set(first.segments.columns)
    assert ((first.profiles["p"] >= 0) & (first.profiles["p"] <= 1)).all()
    typical = first.typical_segments(1, 3)
    assert len(typical) == 3 and (typical["cluster"] == 1).all()


def test_segments_end_at_sentence_ends(tokens):
    cut = segment(tokens, segment_size=40)
    last = cut.groupby("segment").tail(1)
    following = cut.groupby("text_id")["sentence"].shift(-1).loc[last.index]
    assert ((following.isna()) | (following != last["sentence"])).mean() > 0.9
    sizes = cut[~cut["is_punct"]].groupby("segment").size()
    assert sizes.median() >= 20


def test_reinert_runs_on_the_sample_corpus(tokens):
    result = corpus_tools.reinert(tokens, k=3, min_members=5)
    assert result.segments["cluster"].notna().mean() > 0.8
    assert result.sizes.sum() == result.segments["cluster"].notna().sum()


def test_topics_are_reproducible_and_mix_sums_to_one(tokens):
    first, second = topics(tokens, 3, seed=1), topics(tokens, 3, seed=1)
    pd.testing.assert_frame_equal(first.terms, second.terms)
    sums = first.mix.groupby("doc_id")["weight"].sum()
    assert np.allclose(sums[sums > 0], 1)
    assert first.terms.groupby("topic").size().tolist() == [10, 10, 10]
    with pytest.raises(ValueError, match="trop peu"):
        topics(tokens, 500)


def test_iramuteq_export_follows_the_format(sample_analysis, tmp_path):
    path = to_iramuteq(sample_analysis.tables, tmp_path / "corpus.txt")
    lines = path.read_text(encoding="utf-8").split("\n")
    stars = [line for line in lines if line.startswith("****")]
    assert len(stars) == (sample_analysis.texts["text"].str.strip() != "").sum()
    for line in stars:
        assert re.fullmatch(r"\*{4}( \*[a-z]+_[a-z0-9]+)+", line), line
    assert not any("*" in line for line in lines if not line.startswith("****"))
    assert "**** *auteur_pierregu *type_temoignage *categorie_temoignages" in "\n".join(lines)


def test_txm_export_pairs_files_and_metadata(sample_analysis, tmp_path):
    folder = to_txm(sample_analysis.tables, tmp_path / "txm")
    metadata = pd.read_csv(folder / "metadata.csv")
    assert metadata.columns[0] == "id" and metadata["id"].is_unique
    files = {p.stem for p in folder.glob("*.txt")}
    assert files == set(metadata["id"])
    assert set(metadata["type"]) == {"temoignage", "commentaire"}


def test_cli_export(tmp_path, sample_analysis, capsys):
    from corpus_tools.store import write_tables

    write_tables(sample_analysis.tables, tmp_path / "processed")
    assert main(["export", str(tmp_path / "processed"), "--to", "iramuteq", "--out",
                 str(tmp_path / "c.txt")]) == 0
    assert (tmp_path / "c.txt").read_text(encoding="utf-8").startswith("**** *auteur_")
    assert main(["export", str(tmp_path / "processed"), "--to", "txm", "--out",
                 str(tmp_path / "txm")]) == 0
    assert "TXT+CSV" in capsys.readouterr().out


@pytest.mark.parametrize("value", ["Pierre Πgu¥εη", "École primaire", "a_b-c d", ""])
def test_sanitised_modalities_are_ascii_words(value):
    assert re.fullmatch(r"[a-z0-9]+", sanitise(value))


def test_analysis_charts(tokens):
    for ax in (plots.specificities(specificities(tokens, "kind"), "comment"),
               plots.similitudes(cooccurrence(tokens)),
               plots.reinert_dendrogram(reinert(planted_tokens()[0], k=3))):
        assert ax.get_title(loc="left")
        plots.close(ax)
    empty = plots.specificities(specificities(tokens.iloc[:0], "kind"), "comment")
    assert plots.NO_DATA in [t.get_text() for t in empty.texts]
    plots.close(empty)


def test_txm_export_keeps_colliding_ids_apart_neutralises_formulas_and_removes_stale_files(
        sample_analysis, tmp_path):
    tables = dict(sample_analysis.tables)
    texts = tables["texts"].copy()
    texts.loc[texts.index[0], "text_id"] = "1.5"
    texts.loc[texts.index[1], "text_id"] = "1_5"
    texts.loc[texts.index[2], "text_id"] = "A-b"
    texts.loc[texts.index[3], "text_id"] = "a-B"
    texts.loc[texts.index[0], "author"] = "=HYPERLINK(\"http://x\")"
    tables["texts"] = texts
    folder = tmp_path / "txm"
    folder.mkdir()
    (folder / "notes.txt").write_text("mes notes", encoding="utf-8")
    to_txm(tables, folder)
    metadata = pd.read_csv(folder / "metadata.csv", dtype=str)
    assert {"1_5", "1_5-2", "A-b", "a-B-2"} <= set(metadata["id"])
    assert (folder / "1_5.txt").read_text(encoding="utf-8") != (
        folder / "1_5-2.txt").read_text(encoding="utf-8")  # neither overwrote the other
    assert metadata.loc[metadata["id"] == "1_5", "auteur"].item() == "'=HYPERLINK(\"http://x\")"
    tables["texts"] = texts.iloc[1:]  # a text is gone
    to_txm(tables, folder)
    ids = set(pd.read_csv(folder / "metadata.csv", dtype=str)["id"])
    assert {p.stem for p in folder.glob("*.txt")} == ids | {"notes"}  # the user's file stays


def test_reinert_metadata_chi2_against_scipy(sample_analysis):
    from scipy.stats import chi2_contingency

    from corpus_tools import reinert, text_facets

    classes = reinert(sample_analysis.tokens, k=4, min_members=5)
    facets = text_facets(sample_analysis.tables)
    table = classes.metadata(facets[["kind", "year"]])
    classified = classes.segments.dropna(subset=["cluster"])
    assert set(table["cluster"]) == set(classified["cluster"].astype(int))
    row = table.iloc[0]
    values = classified["text_id"].map(facets[row["variable"]]) == row["value"]
    inside = classified["cluster"] == row["cluster"]
    counts = [[(inside & values).sum(), (~inside & values).sum()],
              [(inside & ~values).sum(), (~inside & ~values).sum()]]
    assert [row["n_in"], row["n_out"]] == counts[0]
    expected = chi2_contingency(counts, correction=False)[0]
    assert abs(row["chi2"]) == pytest.approx(expected)
    assert row["chi2"] > 0  # the first row of a class is its most over-represented value
    # each modality's in-class counts add up to the class's size, variable by variable
    sizes = classified["cluster"].value_counts()
    kinds = table[table["variable"] == "kind"].groupby("cluster")["n_in"].sum()
    assert kinds.to_dict() == {int(c): int(n) for c, n in sizes.items()}
