"""The lexicometric summary against counts made by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from corpus_tools import plots
from corpus_tools.lexicometry import lexical_summary, syllables, text_measures, zipf


def _tokens(*sentences):
    """A tokens table of one text, a sentence per string, words split on spaces."""
    rows = []
    for number, sentence in enumerate(sentences):
        for token in sentence.split():
            rows.append({"text_id": "a-t", "kind": "testimonial", "sentence": number,
                         "token": token, "lemma": token.lower(), "is_punct": token in ".,!?"})
    return pd.DataFrame(rows)


def test_sizes_and_richness_by_their_formulas():
    tokens = _tokens("Le chat voit le chien .", "Le chien dort .")
    (row,) = lexical_summary(tokens).to_dict("records")
    # words: le chat voit le chien le chien dort (8); forms: le chat voit chien dort (5)
    assert (row["words"], row["forms"], row["hapax"]) == (8, 5, 3)
    assert row["ttr"] == pytest.approx(5 / 8)
    assert row["guiraud"] == pytest.approx(5 / math.sqrt(8))
    assert row["herdan"] == pytest.approx(math.log(5) / math.log(8))
    # Yule: V_1 = 3 (chat, voit, dort), V_2 = 1 (chien), V_3 = 1 (le)
    assert row["yule_k"] == pytest.approx(1e4 * (3 * 1 + 1 * 4 + 1 * 9 - 8) / 64)
    assert row["words_per_sentence"] == 4


def test_french_syllables_and_the_kandel_moles_score():
    assert [syllables(word) for word in ("école", "apprennent", "vie", "réseau", "tweete",
                                         "le", "j’")] == [2, 2, 1, 2, 1, 1, 1]
    tokens = _tokens("Le chat voit le chien .")
    (row,) = lexical_summary(tokens).to_dict("records")
    per_word = np.mean([syllables(w) for w in ("le", "chat", "voit", "le", "chien")])
    assert row["kandel_moles"] == pytest.approx(207 - 1.015 * 5 - 73.6 * per_word)


def test_each_part_and_the_corpus(sample_analysis):
    table = lexical_summary(sample_analysis.tokens, "kind")
    assert table["part"].tolist() == ["comment", "testimonial", "corpus"]
    assert table.loc[table["part"] != "corpus", "words"].sum() \
        == table.loc[table["part"] == "corpus", "words"].item()
    assert table.loc[table["part"] != "corpus", "texts"].sum() == len(sample_analysis.texts)


def test_zipf_exponent_of_a_perfect_zipf_text():
    words = [f"mot{rank}" for rank in range(1, 41) for _ in range(round(400 / rank))]
    table, exponent = zipf(_tokens(" ".join(words)))
    assert table["rank"].tolist()[:3] == [1, 2, 3] and table["freq"].iloc[0] == 400
    assert exponent == pytest.approx(1.0, abs=0.02)
    assert table["fitted"].to_numpy() == pytest.approx(table["freq"].to_numpy(), rel=0.1)
    ax = plots.zipf(table, exponent)
    assert "1,00" in ax.get_legend().get_texts()[1].get_text()
    plots.close(ax)



def _naive_mattr(forms, window):
    if len(forms) <= window:
        return len(set(forms)) / len(forms)
    ratios = [len(set(forms[at:at + window])) / window for at in range(len(forms) - window + 1)]
    return sum(ratios) / len(ratios)


def test_text_measures_against_a_direct_count(sample_analysis):
    tokens = sample_analysis.tokens
    measures = text_measures(tokens, window=20)
    assert list(measures.index) == list(tokens["text_id"].drop_duplicates())
    for text_id, text in tokens.groupby("text_id", sort=False):
        words = text[~text["is_punct"] & text["token"].str.contains(r"\w")]
        forms = words["token"].str.lower().tolist()
        row = measures.loc[text_id]
        assert row["words"] == len(forms)
        assert row["sentences"] == text["sentence"].nunique()
        assert row["ttr"] == pytest.approx(len(set(forms)) / len(forms))
        assert row["mattr"] == pytest.approx(_naive_mattr(forms, 20))
    long = measures[measures["words"] > 200]
    assert (long["mattr"] > long["ttr"]).all()  # the TTR falls with length, MATTR does not


def test_a_text_measure_is_a_facet(sample_analysis):
    tokens = sample_analysis.tokens
    measures = text_measures(tokens)
    ease = pd.qcut(measures["kandel_moles"], 2, labels=["moins lisible", "plus lisible"])
    summary = lexical_summary(tokens, ease)
    assert list(summary["part"]) == ["moins lisible", "plus lisible", "corpus"]
    by_part = summary.set_index("part")["kandel_moles"]
    assert by_part["plus lisible"] > by_part["moins lisible"]
