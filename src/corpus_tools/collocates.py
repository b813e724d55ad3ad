"""Words around a pivot, and sequences of words that come back.

- :func:`cooccurrents`, TXM's co-occurrences (Voyant's Collocates): the words near a pivot
  (within a window of words, or in the same sentence), each with its co-frequency, its
  frequency in the corpus and Lafon's hypergeometric specificity score of the co-frequency:
  with ``T`` the counted words of the corpus, ``F`` those of the word, ``t`` those of the
  pivot's contexts and ``f`` those of the word there, the score is ``-log10 P(X ≥ f)`` for
  ``X`` hypergeometric (``T``, ``F``, ``t``) when ``f`` is above its expectation
  ``F t / T``, and ``log10 P(X ≤ f)`` below it (Lafon, « Sur la variabilité de la fréquence
  des formes dans un corpus », *Mots* 1, 1980; TXM's manual, « Cooccurrences »).
- :func:`segments`, IRaMuTeQ's repeated segments: sequences of 2 to ``max_words`` word forms
  that come back at least ``min_freq`` times, inside a sentence and between punctuation.
- :func:`collocations`, quanteda's ``textstat_collocations`` for pairs: ``lambda``, the log
  odds ratio of the 2 × 2 table of a pair (each cell plus 0.5), and ``z``, lambda over its
  standard error (Blaheta and Johnson, « Unsupervised learning of multi-word verbs », 2001).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from corpus_tools.extract import CONTENT_POS, content_words

COOCCURRENT_COLUMNS = ["term", "cofreq", "freq", "score", "mean_distance"]
SEGMENT_COLUMNS = ["segment", "n", "freq", "n_texts"]
COLLOCATION_COLUMNS = ["collocation", "count", "lambda", "z"]


def _words(tokens: pd.DataFrame) -> pd.DataFrame:
    """The tokens that are words (punctuation left out), each with its rank ``w`` among the
    words of its text."""
    words = tokens[~tokens["is_punct"]]
    return words.assign(w=words.groupby("text_id").cumcount())


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


def _join(forms: list[str] | np.ndarray) -> str:
    """Write word forms as a text does: no space after an elision (« j’ai appris »)."""
    text = ""
    for form in forms:
        text += form if not text or text.endswith(("’", "'")) else f" {form}"
    return text


def _runs(tokens: pd.DataFrame) -> pd.DataFrame:
    """The word forms in reading order, each with the number of the run it belongs to: a run
    ends at punctuation, a sentence's end and a text's end."""
    ordered = tokens  # in reading order, text by text (the tables' row order)
    breaks = (ordered["is_punct"].to_numpy()
              | (ordered["text_id"] != ordered["text_id"].shift()).to_numpy()
              | (ordered["sentence"] != ordered["sentence"].shift()).to_numpy())
    run = np.cumsum(breaks)
    keep = ~ordered["is_punct"].to_numpy()
    return pd.DataFrame({"form": ordered["token"].str.lower().to_numpy()[keep],
                         "run": run[keep], "text_id": ordered["text_id"].to_numpy()[keep]})


def segments(tokens: pd.DataFrame, *, min_words: int = 2, max_words: int = 6,
             min_freq: int = 3) -> pd.DataFrame:
    """Return the repeated segments: sequences of ``min_words`` to ``max_words`` word forms
    (lowercase, as written) that occur ``min_freq`` times or more, none across punctuation or
    a sentence's end; the most frequent first, longer first among equals.

    Returns:
        ``segment``, ``n`` (words), ``freq``, ``n_texts`` (texts that hold it).
    """
    runs = _runs(tokens)
    forms, run, texts = (runs[column].to_numpy() for column in ("form", "run", "text_id"))
    found = []
    for n in range(min_words, max_words + 1):
        if len(forms) < n:
            break
        same_run = np.ones(len(forms) - n + 1, dtype=bool)
        for k in range(1, n):
            same_run &= run[k:len(forms) - n + 1 + k] == run[:len(forms) - n + 1]
        starts = np.flatnonzero(same_run)
        if not len(starts):
            continue
        grams = pd.Series([_join(forms[start:start + n]) for start in starts])
        table = pd.DataFrame({"segment": grams, "text_id": texts[starts]})
        counted = table.groupby("segment").agg(freq=("segment", "size"),
                                               n_texts=("text_id", "nunique"))
        counted = counted[counted["freq"] >= min_freq]
        found.append(counted.assign(n=n).reset_index())
    if not found:
        return pd.DataFrame(columns=SEGMENT_COLUMNS)
    result = pd.concat(found, ignore_index=True)
    return result.sort_values(["freq", "n", "segment"], ascending=[False, False, True],
                              ignore_index=True)[SEGMENT_COLUMNS]


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
    result = pd.DataFrame({"collocation": [_join(pair) for pair in
                                           zip(n11["first"], n11["second"], strict=True)],
                           "count": n11["n11"].to_numpy(), "lambda": lam, "z": z})
    return result.sort_values(["z", "collocation"], ascending=[False, True],
                              ignore_index=True)[COLLOCATION_COLUMNS]
