"""Words around a pivot, and sequences of words that come back.

- :func:`cooccurrents`, TXM's co-occurrences (Voyant's Collocates): the words near a pivot
  (within a window of words, or in the same sentence), each with its co-frequency, its
  frequency in the corpus and Lafon's hypergeometric specificity score of the co-frequency:
  with ``T`` the counted words of the corpus, ``F`` those of the word, ``t`` those of the
  pivot's contexts and ``f`` those of the word there, the score is ``-log10 P(X ≥ f)`` for
  ``X`` hypergeometric (``T``, ``F``, ``t``) when ``f`` is above its expectation
  ``F t / T``, and ``log10 P(X ≤ f)`` below it (Lafon, « Sur la variabilité de la fréquence
  des formes dans un corpus », *Mots* 1, 1980; TXM's manual, « Cooccurrences »).
- :func:`segments`, IRaMuTeQ's repeated segments: sequences of 2 to 6 word forms that come
  back at least ``min_count`` times, inside a sentence and between punctuation, with their
  PMI and log-likelihood; :func:`compound` makes chosen ones single tokens for the other
  analyses.
- :func:`collocations`, quanteda's ``textstat_collocations`` for pairs: ``lambda``, the log
  odds ratio of the 2 × 2 table of a pair (each cell plus 0.5), and ``z``, lambda over its
  standard error (Blaheta and Johnson, « Unsupervised learning of multi-word verbs », 2001).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from corpus_tools.extract import CONTENT_POS, content_words

COOCCURRENT_COLUMNS = ["term", "cofreq", "freq", "score", "mean_distance"]
SEGMENT_COLUMNS = ["segment", "n", "freq", "n_texts", "pmi", "g2"]
COLLOCATION_COLUMNS = ["collocation", "count", "lambda", "z", "pmi", "g2"]


def _words(tokens: pd.DataFrame) -> pd.DataFrame:
    """The tokens that are words (punctuation left out), each with its rank ``w`` among the
    words of its text."""
    columns = ["text_id", "sentence", "token", "lemma", "pos", "is_stop", "is_punct"]
    words = tokens.loc[~tokens["is_punct"].to_numpy(dtype=bool), columns]  # only what is read
    return words.assign(w=words.groupby("text_id", sort=False).cumcount())


def _is_pivot(words: pd.DataFrame, pivot: str) -> pd.Series:
    wanted = pivot.lower()
    return (words["lemma"].str.lower() == wanted) | (words["token"].str.lower() == wanted)


def cooccurrents(tokens: pd.DataFrame, pivot: str, *, window: int = 5,
                 unit: str = "window", pos: tuple[str, ...] | None = CONTENT_POS,
                 stop_words: bool = False, min_cofreq: int = 2) -> pd.DataFrame:
    """Return the co-occurrents of a pivot, the most specific first.

    Args:
        tokens: the ``tokens`` table.
        pivot: a lemma (``apprendre`` finds ``appris``) or a form (``#twittmooc``).
        window: words on each side of the pivot (``unit="window"``), punctuation not
            counted; a context never crosses from one text to another.
        unit: ``"window"``, or ``"sentence"`` (the pivot's sentence).
        pos: the parts of speech of the co-occurrents (``None``: all but punctuation).
        stop_words: count stop words too.
        min_cofreq: leave out co-occurrents seen fewer times near the pivot.

    Returns:
        One row per co-occurrent: ``term`` (lowercase lemma), ``cofreq`` (in the contexts),
        ``freq`` (in the corpus), ``score`` (Lafon's specificity), ``mean_distance`` (in
        words, to the nearest pivot).

    Raises:
        ValueError: an unknown unit.
    """
    from corpus_tools.specificity import hypergeometric_scores

    if unit not in {"window", "sentence"}:
        raise ValueError(f"unité « {unit} » inconnue : choisir « window » ou « sentence »")
    words = _words(tokens)
    pivots = words.loc[_is_pivot(words, pivot), ["text_id", "sentence", "w"]]
    candidates = content_words(words, pos=pos, stop_words=stop_words)
    if pivots.empty or candidates.empty:
        return pd.DataFrame(columns=COOCCURRENT_COLUMNS)
    if unit == "window":
        window = min(window, int(words["w"].max()))  # no text is longer than its words
        offsets = np.r_[-window:0, 1:window + 1]
        context = pd.DataFrame({
            "text_id": np.repeat(pivots["text_id"].to_numpy(), len(offsets)),
            "w": (pivots["w"].to_numpy()[:, None] + offsets).ravel(),
            "distance": np.tile(np.abs(offsets), len(pivots))})
    else:
        sentences = words.merge(pivots[["text_id", "sentence"]].drop_duplicates(),
                                on=["text_id", "sentence"])[["text_id", "sentence", "w"]]
        pairs = sentences.merge(pivots.rename(columns={"w": "w0"}), on=["text_id", "sentence"])
        context = pairs.assign(distance=(pairs["w"] - pairs["w0"]).abs())[
            ["text_id", "w", "distance"]]
    # each position once, at its distance to the nearest pivot; the pivots themselves out
    context = context.groupby(["text_id", "w"], as_index=False)["distance"].min()
    context = context[context["distance"] > 0]
    near = candidates[["text_id", "w", "term"]].merge(context, on=["text_id", "w"])
    near = near[~near["term"].eq(pivot.lower())]
    if near.empty:
        return pd.DataFrame(columns=COOCCURRENT_COLUMNS)
    found = near.groupby("term").agg(cofreq=("term", "size"),
                                     mean_distance=("distance", "mean"))
    freq = candidates["term"].value_counts()
    found["freq"] = freq.reindex(found.index).to_numpy()
    found["score"] = hypergeometric_scores(found["cofreq"], found["freq"], len(near),
                                           len(candidates))
    found = found[found["cofreq"] >= min_cofreq].rename_axis("term").reset_index()
    found = found.sort_values(["score", "cofreq", "term"], ascending=[False, False, True],
                              ignore_index=True)
    return found[COOCCURRENT_COLUMNS]


def _join(forms: Iterable[str]) -> str:
    """Write word forms as a text does: no space after an elision (« j’ai appris »)."""
    text = ""
    for form in forms:
        text += form if not text or text.endswith(("’", "'")) else f" {form}"
    return text


def _runs(tokens: pd.DataFrame) -> pd.DataFrame:
    """The word forms in reading order, each with the number of the run it belongs to: a run
    ends at punctuation, a sentence's end and a text's end."""
    ordered = tokens  # in reading order, text by text (the tables' row order)
    text = pd.factorize(ordered["text_id"])[0]  # integers: no copy of a million ids
    sentence = ordered["sentence"].to_numpy()
    breaks = ordered["is_punct"].to_numpy(dtype=bool).copy()
    breaks[0:1] = True
    breaks[1:] |= (text[1:] != text[:-1]) | (sentence[1:] != sentence[:-1])
    run = np.cumsum(breaks)
    keep = ~ordered["is_punct"].to_numpy(dtype=bool)
    # each distinct form lowercased once, then spread back
    every, forms = pd.factorize(ordered["token"])  # before any conversion of the column
    codes = every[keep]
    lower_codes, lower = pd.factorize(pd.Series(forms, dtype=object).str.lower())
    return pd.DataFrame({"form": pd.Categorical.from_codes(lower_codes[codes], lower),
                         "run": run[keep], "text_id": text[keep]})


def segments(tokens: pd.DataFrame, *, n: tuple[int, int] = (2, 6), min_count: int = 3
             ) -> pd.DataFrame:
    """Return the repeated segments: sequences of ``n[0]`` to ``n[1]`` word forms
    (lowercase, as written) that occur ``min_count`` times or more, none across punctuation
    or a sentence's end; the most frequent first, longer first among equals.

    Returns:
        ``segment``, ``n`` (words), ``freq``, ``n_texts`` (texts that hold it), ``pmi`` and
        ``g2``. ``pmi`` is ``log2(P(w1…wn) / (P(w1)…P(wn)))``, the segment's share of the
        sequences of ``n`` words against the product of its words' shares of the words.
        ``g2`` is Dunning's log-likelihood (« Accurate methods for the statistics of
        surprise and coincidence », *Computational Linguistics* 19, 1993) of the 2 × 2 table
        of the sequences of ``n`` words: starting with the segment's first ``n − 1`` words or
        not, ending with its last word or not.
    """
    low, high = n
    runs = _runs(tokens)
    codes, vocabulary = pd.factorize(runs["form"])
    # plain strings, each segment's taken by position: a Categorical's own indexing costs
    # some 100 µs a call (30 s for the 120,000 segments of 5 million words)
    forms = np.asarray(vocabulary, dtype=object)
    run = runs["run"].to_numpy()
    text = pd.factorize(runs["text_id"])[0]
    shares = np.bincount(codes) / max(len(codes), 1)
    found = []
    for size in range(low, high + 1):
        places = len(codes) - size + 1
        if places <= 0:
            break
        same_run = np.ones(places, dtype=bool)
        for k in range(1, size):
            same_run &= run[k:places + k] == run[:places]
        starts = np.flatnonzero(same_run)
        if not len(starts):
            continue
        words = [f"w{k}" for k in range(size)]
        grams = pd.DataFrame({word: codes[starts + k] for k, word in enumerate(words)})
        counted = grams.assign(text=text[starts]).groupby(words, sort=False).agg(
            freq=("text", "size"), n_texts=("text", "nunique"))
        prefix = grams.groupby(words[:-1], sort=False).size().rename("prefix")
        last = grams.groupby(words[-1], sort=False).size().rename("last")
        counted = counted[counted["freq"] >= min_count].reset_index()
        if counted.empty:
            continue
        counted = counted.join(prefix, on=words[:-1]).join(last, on=words[-1])
        total = len(starts)
        expected = np.prod([shares[counted[word].to_numpy()] for word in words], axis=0)
        counted["pmi"] = np.log2(counted["freq"] / total / expected)
        counted["g2"] = _log_likelihood(counted["freq"].to_numpy(float),
                                        counted["prefix"].to_numpy(float),
                                        counted["last"].to_numpy(float), float(total))
        columns = [forms[counted[word].to_numpy()] for word in words]
        counted["segment"] = [_join(row) for row in zip(*columns, strict=True)]
        found.append(counted.assign(n=size)[SEGMENT_COLUMNS])
    if not found:
        return pd.DataFrame(columns=SEGMENT_COLUMNS)
    result = pd.concat(found, ignore_index=True)
    return result.sort_values(["freq", "n", "segment"], ascending=[False, False, True],
                              ignore_index=True)[SEGMENT_COLUMNS]


def _log_likelihood(both: np.ndarray, first: np.ndarray, second: np.ndarray,
                    total: float) -> np.ndarray:
    """Dunning's G² of 2 × 2 tables given the count of both, of each margin and the total:
    ``2 Σ O ln(O / E)`` over the four cells (a cell of 0 adds nothing)."""
    cells = [both, first - both, second - both, total - first - second + both]
    rows = [first, first, total - first, total - first]
    columns = [second, total - second, second, total - second]
    g2 = np.zeros_like(both, dtype=float)
    for observed, row, column in zip(cells, rows, columns, strict=True):
        with np.errstate(divide="ignore", invalid="ignore"):
            term = observed * np.log(observed * total / (row * column))
        g2 += np.where(observed > 0, term, 0.0)
    return 2 * g2


def compound(tokens: pd.DataFrame, terms: list[str]) -> pd.DataFrame:
    """Make each multi-word term one token, as quanteda's ``tokens_compound`` does, so that
    the other analyses count « réseau social » as one word.

    Args:
        tokens: the ``tokens`` table, in reading order.
        terms: word sequences as :func:`segments` writes them (« réseau social », « j’ai
            appris »), matched on the written forms, case and apostrophes aside; the longest
            first where two overlap.

    Returns:
        A copy of ``tokens`` where each occurrence of a term is one row: ``token`` as
        written, ``lemma`` the term, ``pos`` that of its first noun (or of its first word),
        ``start`` and ``end`` spanning it, the position and sentence of its first word.

    Examples:
        >>> merged = compound(tables["tokens"], ["réseau social"])  # doctest: +SKIP
        >>> specificities(merged, "kind")  # doctest: +SKIP
    """
    from corpus_tools import cql

    table = tokens.reset_index(drop=True)
    for term in sorted(set(terms), key=lambda term: (-len(term.split()), term)):
        patterns = [cql.Pattern(((cql.Condition("token", re.escape(word)),),))
                    for word in cql.words_of(term)]
        if len(patterns) < 2:
            continue
        matches = cql.find(table, patterns)
        if not matches:
            continue
        first = np.array([begin for begin, _ in matches])
        last = np.array([end - 1 for _, end in matches])
        merged = table.loc[first].copy()
        pos = table["pos"].to_numpy()
        merged["token"] = [_written(table, begin, end) for begin, end in matches]
        merged["lemma"] = term
        merged["pos"] = [next((p for p in pos[begin:end] if p in {"NOUN", "PROPN"}),
                              pos[begin]) for begin, end in matches]
        merged["end"] = table["end"].to_numpy()[last]
        for column in ("is_stop", "is_punct"):
            if column in merged.columns:
                merged[column] = False
        drop = np.concatenate([np.arange(begin + 1, end) for begin, end in matches])
        table.loc[first] = merged
        table = table.drop(index=drop).reset_index(drop=True)
    return table


def _written(table: pd.DataFrame, begin: int, end: int) -> str:
    """The tokens ``begin…end`` as the text wrote them (a space where it had one)."""
    from corpus_tools.concordance import _join as join_as_written

    return join_as_written(table["token"].iloc[begin:end].tolist(),
                           table["start"].iloc[begin:end].tolist(),
                           table["end"].iloc[begin:end].tolist())


def collocations(tokens: pd.DataFrame, *, min_count: int = 2) -> pd.DataFrame:
    """Return the pairs of consecutive word forms (inside a run, as :func:`segments`) with
    quanteda's ``lambda`` and ``z``, the most associated first (by ``z``).

    For a pair ``a b``: ``n11`` its count, ``n12`` the pairs starting with ``a`` not followed
    by ``b``, ``n21`` those ending with ``b`` after another word, ``n22`` the others;
    ``lambda = log(n11 n22 / (n12 n21))`` and ``z = lambda / sqrt(Σ 1 / n_ij)``, each
    ``n_ij`` plus 0.5.
    """
    runs = _runs(tokens)
    same = runs["run"].to_numpy()[1:] == runs["run"].to_numpy()[:-1]
    forms = runs["form"].to_numpy()
    pairs = pd.DataFrame({"first": forms[:-1][same], "second": forms[1:][same]})
    if pairs.empty:
        return pd.DataFrame(columns=COLLOCATION_COLUMNS)
    n11 = pairs.value_counts().rename("n11").reset_index()
    total = len(pairs)
    first = pairs["first"].value_counts()
    second = pairs["second"].value_counts()
    n11 = n11[n11["n11"] >= min_count]
    a = n11["n11"].to_numpy(float) + 0.5
    b = n11["first"].map(first).to_numpy(float) - n11["n11"].to_numpy() + 0.5
    c = n11["second"].map(second).to_numpy(float) - n11["n11"].to_numpy() + 0.5
    d = total - (a + b + c - 1.5) + 0.5
    lam = np.log(a) + np.log(d) - np.log(b) - np.log(c)
    z = lam / np.sqrt(1 / a + 1 / b + 1 / c + 1 / d)
    count = n11["n11"].to_numpy(float)
    with_first = n11["first"].map(first).to_numpy(float)
    with_second = n11["second"].map(second).to_numpy(float)
    result = pd.DataFrame({"collocation": [_join(pair) for pair in
                                           zip(n11["first"], n11["second"], strict=True)],
                           "count": n11["n11"].to_numpy(), "lambda": lam, "z": z,
                           "pmi": np.log2(count * total / (with_first * with_second)),
                           "g2": _log_likelihood(count, with_first, with_second, total)})
    return result.sort_values(["z", "collocation"], ascending=[False, True],
                              ignore_index=True)[COLLOCATION_COLUMNS]
