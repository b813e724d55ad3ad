"""Co-occurrents, repeated segments and collocations, against counts made by hand."""

from __future__ import annotations

import math
from collections import Counter

import pytest
from scipy import stats

from corpus_tools.collocates import collocations, compound, cooccurrents, segments
from corpus_tools.extract import content_words


@pytest.fixture(scope="module")
def tokens(sample_analysis):
    return sample_analysis.tokens


def _naive_window(tokens, pivot, window):
    """Co-frequencies by walking each text's words, one pivot at a time."""
    counted = Counter()
    candidates = content_words(tokens)
    wanted = set(zip(candidates["text_id"], candidates["i"], strict=True))
    term_of = dict(zip(zip(candidates["text_id"], candidates["i"], strict=True),
                       candidates["term"], strict=True))
    for text_id, text in tokens[~tokens["is_punct"]].groupby("text_id", sort=False):
        rows = list(zip(text["i"], text["lemma"].str.lower(), text["token"].str.lower(),
                        strict=True))
        pivots = [k for k, (_, lemma, form) in enumerate(rows) if pivot in (lemma, form)]
        near = {k for p in pivots for k in range(max(0, p - window),
                                                 min(len(rows), p + window + 1))
                if k not in pivots}
        for k in near:
            key = (text_id, rows[k][0])
            if key in wanted and term_of[key] != pivot:
                counted[term_of[key]] += 1
    return counted, len(candidates)


def test_cooccurrents_in_a_window_against_a_direct_count(tokens):
    table = cooccurrents(tokens, "twitter", window=5, min_cofreq=1)
    expected, total = _naive_window(tokens, "twitter", 5)
    assert dict(zip(table["term"], table["cofreq"], strict=True)) == dict(expected)
    # the score of one co-occurrent, from scipy directly
    row = table.iloc[0]
    context = sum(expected.values())
    assert row["score"] == pytest.approx(
        -stats.hypergeom.logsf(row["cofreq"] - 1, total, row["freq"], context) / math.log(10))
    assert list(table["score"]) == sorted(table["score"], reverse=True)


def test_a_sentence_is_within_its_text_and_a_window_stays_within_its_text(tokens):
    whole = cooccurrents(tokens, "apprendre", window=10**6, min_cofreq=1)  # the whole texts
    sentence = cooccurrents(tokens, "apprendre", unit="sentence", min_cofreq=1)
    by_text = dict(zip(whole["term"], whole["cofreq"], strict=True))
    assert len(sentence) and len(sentence) < len(whole)
    for term, cofreq in zip(sentence["term"], sentence["cofreq"], strict=True):
        assert by_text[term] >= cofreq
    expected, _ = _naive_window(tokens, "apprendre", 10**6)
    assert by_text == dict(expected)
    with pytest.raises(ValueError, match="unité « paragraph » inconnue"):
        cooccurrents(tokens, "apprendre", unit="paragraph")


def _naive_segments(tokens, n):
    counted = Counter()
    run = []
    previous = None
    for row in tokens.itertuples():
        key = (row.text_id, row.sentence)
        if row.is_punct or key != previous:
            run = []
        previous = key
        if row.is_punct:
            continue
        run.append(row.token.lower())
        if len(run) >= n:
            counted[tuple(run[-n:])] += 1
    return counted


def test_repeated_segments_against_a_direct_count_and_never_across_punctuation(tokens):
    table = segments(tokens, n=(2, 3), min_count=2)
    for n in (2, 3):
        expected = {gram: count for gram, count in _naive_segments(tokens, n).items()
                    if count >= 2}
        got = table[table["n"] == n]
        assert len(got) == len(expected)
        assert sorted(got["freq"]) == sorted(expected.values())
    assert "j’ai" in set(table["segment"])  # an elision is written as in the text
    assert not table["segment"].str.contains(r"[,.;:!?]").any()


def test_collocation_scores_by_their_formula(tokens):
    table = collocations(tokens)
    row = table.iloc[0]
    pairs = [gram for gram, count in _naive_segments(tokens, 2).items() for _ in range(count)]
    first, second = row["collocation"].split("’", 1) if "’" in row["collocation"] \
        else row["collocation"].split(" ", 1)
    first = first + "’" if "’" in row["collocation"] else first
    n11 = sum(1 for a, b in pairs if (a, b) == (first, second))
    n12 = sum(1 for a, b in pairs if a == first and b != second)
    n21 = sum(1 for a, b in pairs if a != first and b == second)
    n22 = len(pairs) - n11 - n12 - n21
    cells = [n11 + 0.5, n12 + 0.5, n21 + 0.5, n22 + 0.5]
    lam = math.log(cells[0] * cells[3] / (cells[1] * cells[2]))
    assert row["count"] == n11
    assert row["lambda"] == pytest.approx(lam)
    assert row["z"] == pytest.approx(lam / math.sqrt(sum(1 / cell for cell in cells)))



def test_segment_pmi_and_log_likelihood_against_scipy(tokens):
    from scipy.stats import chi2_contingency

    table = segments(tokens, n=(2, 3), min_count=2)
    words = Counter({gram[0]: count for gram, count in _naive_segments(tokens, 1).items()})
    n_words = sum(words.values())
    for n in (2, 3):
        grams = _naive_segments(tokens, n)
        total = sum(grams.values())
        for row in table[table["n"] == n].head(15).itertuples():
            gram = next(g for g, c in grams.items()
                        if c == row.freq and _join_as_segments(g) == row.segment)
            expected = math.prod(words[w] / n_words for w in gram)
            assert row.pmi == pytest.approx(math.log2(row.freq / total / expected))
            prefix = sum(c for g, c in grams.items() if g[:-1] == gram[:-1])
            last = sum(c for g, c in grams.items() if g[-1] == gram[-1])
            cells = [[row.freq, prefix - row.freq],
                     [last - row.freq, total - prefix - last + row.freq]]
            g2 = chi2_contingency(cells, correction=False, lambda_="log-likelihood")[0]
            assert row.g2 == pytest.approx(g2)


def _join_as_segments(gram):
    text = ""
    for form in gram:
        text += form if not text or text.endswith(("’", "'")) else f" {form}"
    return text


def test_collocations_give_pmi_and_log_likelihood(tokens):
    from scipy.stats import chi2_contingency

    pairs = Counter()
    for gram, count in _naive_segments(tokens, 2).items():
        pairs[gram] += count
    total = sum(pairs.values())
    for row in collocations(tokens).head(10).itertuples():
        gram = next(g for g in pairs if _join_as_segments(g) == row.collocation)
        first = sum(c for g, c in pairs.items() if g[0] == gram[0])
        second = sum(c for g, c in pairs.items() if g[1] == gram[1])
        assert row.pmi == pytest.approx(math.log2(row.count * total / (first * second)))
        cells = [[row.count, first - row.count],
                 [second - row.count, total - first - second + row.count]]
        assert row.g2 == pytest.approx(
            chi2_contingency(cells, correction=False, lambda_="log-likelihood")[0])


def test_a_multi_word_term_becomes_one_token_for_the_other_analyses(tokens):
    from corpus_tools import kwic, specificities

    found = kwic(tokens, "réseau social", by="token")
    assert len(found) > 0
    merged = compound(tokens, ["réseau social", "j’ai appris"])
    learned = kwic(tokens, "j’ai appris", by="token")
    terms = merged[merged["lemma"].isin(["réseau social", "j’ai appris"])]
    assert (terms["lemma"] == "réseau social").sum() == len(found)
    assert (terms["lemma"] == "j’ai appris").sum() == len(learned)
    assert len(merged) == len(tokens) - len(found) - 2 * len(learned)
    assert set(terms.loc[terms["lemma"] == "réseau social", "token"].str.lower()) == {
        "réseau social"}
    assert set(terms["start"]) <= set(found["start"]) | set(learned["start"])
    assert kwic(merged, "réseau social", by="token").empty  # no longer two tokens
    assert "réseau social" in set(specificities(merged, "kind", min_freq=1)["term"])
