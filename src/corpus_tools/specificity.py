"""Specificities (Lafon) and keyness (log-likelihood) of lemmas across the parts of a facet.

Both compare, for each part of a facet (testimonials against comments, one author against
the others, one year against the others…), how often a lemma occurs in the part with how often
it would by chance.

* :func:`specificities` is Lafon's hypergeometric model, as TXM and Lexico compute it: with
  ``T`` tokens in the corpus, ``F`` of them the lemma, ``t`` in the part and ``f`` of the
  lemma in the part, the score is ``-log10 P(X >= f)`` when ``f`` is above its expectation
  ``F t / T`` and ``log10 P(X <= f)`` otherwise, ``X`` following the hypergeometric law of
  ``t`` draws among ``T`` with ``F`` successes. A score above 2 (or below -2) is the usual
  threshold of "specific" (banality threshold).
* :func:`keyness` is the signed log-likelihood ratio G² of the 2 × 2 table part / rest ×
  lemma / other lemmas, with Williams's correction, as quanteda's ``textstat_keyness``
  (``measure = "lr"``) computes it; ``p`` is its chi-square p-value (1 degree of freedom).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy import sparse, special, stats

from corpus_tools.extract import CONTENT_POS, content_words
from corpus_tools.facets import facet_of

__all__ = ["CONTENT_POS", "keyness", "lemma_counts", "log_likelihood", "specificities"]
SPECIFICITY_COLUMNS = ["part", "term", "f", "F", "t", "T", "expected", "score"]
KEYNESS_COLUMNS = ["part", "term", "f", "f_reference", "t", "t_reference", "G2", "p"]


def lemma_counts(tokens: pd.DataFrame, facet: str | pd.Series, *,
                 pos: tuple[str, ...] | None = CONTENT_POS, stop_words: bool = False,
                 min_freq: int = 2) -> pd.DataFrame:
    """Count each lemma in each part of a facet: a lemma × part table.

    Args:
        tokens: the ``tokens`` table.
        facet: a column of ``tokens`` or a Series by ``text_id`` (see
            :func:`corpus_tools.facets.facet_of`).
        pos: the parts of speech counted (``None``: all but punctuation).
        stop_words: count stop words too.
        min_freq: leave out lemmas seen fewer times in the whole corpus.
    """
    matrix, terms, parts = lemma_matrix(tokens, facet, pos=pos, stop_words=stop_words,
                                        min_freq=min_freq)
    return pd.DataFrame(matrix.toarray(), index=terms, columns=parts)


def lemma_matrix(tokens: pd.DataFrame, facet: str | pd.Series, *,
                 pos: tuple[str, ...] | None = CONTENT_POS, stop_words: bool = False,
                 min_freq: int = 2) -> tuple[sparse.csr_matrix, pd.Index, pd.Index]:
    """The lemma × part counts of :func:`lemma_counts` as a sparse matrix (counted from
    integer codes, without a table of every pair), with its lemmas and parts, both in
    sorted order."""
    parts = facet_of(tokens, facet)
    # only the columns content_words reads: its selection then copies no other column
    words = content_words(tokens[["token", "lemma", "pos", "is_stop", "is_punct"]], pos=pos,
                          stop_words=stop_words)
    rows, terms = pd.factorize(words["term"], sort=True)
    columns, names = pd.factorize(parts[words.index], sort=True)
    matrix = sparse.coo_matrix((np.ones(len(rows), dtype=np.int64), (rows, columns)),
                               shape=(len(terms), len(names))).tocsr()
    keep = np.asarray(matrix.sum(axis=1)).ravel() >= min_freq
    return (matrix[keep], pd.Index(np.asarray(terms)[keep], name="term"),
            pd.Index(np.asarray(names), name="part"))


def hypergeometric_scores(f: np.ndarray, F: np.ndarray, t: np.ndarray, T: int) -> np.ndarray:
    """Return Lafon's signed specificity scores (see the module docstring)."""
    f, F, t = (np.atleast_1d(np.asarray(a, dtype=float)) for a in (f, F, t))
    f, F, t = np.broadcast_arrays(f, F, t)
    expected = F * t / T
    scores = np.empty(f.shape)
    over = f >= expected
    # only the tail each cell needs; an absent lemma (f = 0, the most cells of a large
    # table) has P(X <= 0) = C(T - F, t) / C(T, t), in closed form
    scores[over] = -_log_tail(f[over], F[over], t[over], T, upper=True) / np.log(10)
    absent = ~over & (f == 0)
    scores[absent] = (special.gammaln(T - F[absent] + 1) - special.gammaln(T - F[absent]
                      - t[absent] + 1) + special.gammaln(T - t[absent] + 1)
                      - special.gammaln(T + 1)) / np.log(10)
    rest = ~over & ~absent
    scores[rest] = _log_tail(f[rest], F[rest], t[rest], T, upper=False) / np.log(10)
    return scores


def _log_choose(n: np.ndarray, k: np.ndarray) -> np.ndarray:
    return special.gammaln(n + 1) - special.gammaln(k + 1) - special.gammaln(n - k + 1)


def _log_tail(f: np.ndarray, F: np.ndarray, t: np.ndarray, T: int, *, upper: bool
              ) -> np.ndarray:
    """``log P(X >= f)`` (``upper``, for ``f`` at or above its expectation) or
    ``log P(X <= f)`` (below it) for ``X`` hypergeometric (``T``, ``F``, ``t``): the
    probability of ``f`` in closed form, times the sum of the ratios of the next terms away
    from the expectation (``P(k+1) / P(k) = (F−k)(t−k) / ((k+1)(T−F−t+k+1))``), added for
    all cells at once until each is below 10⁻¹⁷ of its sum; as scipy's ``hypergeom.logsf``
    and ``logcdf`` give (checked to 10⁻⁹), in a fraction of their time."""
    log_first = _log_choose(F, f) + _log_choose(T - F, t - f) - _log_choose(np.full_like(F, T), t)
    end = np.minimum(F, t) if upper else np.maximum(0, t - (T - F))  # the last possible k
    total, term, k = np.ones_like(f), np.ones_like(f), f.copy()
    active = np.flatnonzero(k != end)
    while len(active):
        ka, Fa, ta = k[active], F[active], t[active]
        if upper:
            term[active] *= (Fa - ka) * (ta - ka) / ((ka + 1) * (T - Fa - ta + ka + 1))
        else:
            term[active] *= ka * (T - Fa - ta + ka) / ((Fa - ka + 1) * (ta - ka + 1))
        total[active] += term[active]
        k[active] += 1 if upper else -1
        still = (k[active] != end[active]) & (term[active] > 1e-17 * total[active])
        active = active[still]
    return log_first + np.log(total)


def specificities(tokens: pd.DataFrame, facet: str | pd.Series,
                  **counting: Any) -> pd.DataFrame:
    """Compute Lafon's specificity of each lemma in each part of a facet.

    Args:
        tokens: the ``tokens`` table.
        facet: the partition: a column of ``tokens`` (``"kind"``, ``"author"``) or a Series
            by ``text_id`` such as ``text_facets(tables)["year"]``.
        **counting: options of :func:`lemma_counts` (``pos``, ``stop_words``, ``min_freq``).

    Returns:
        One row per part and lemma: ``part``, ``term``, ``f`` (in the part), ``F`` (in the
        corpus), ``t`` (part size), ``T`` (corpus size), ``expected``, ``score``; sorted by
        part, then by score from the most over-represented.
    """
    counts = lemma_counts(tokens, facet, **counting)
    if counts.empty:
        return pd.DataFrame(columns=SPECIFICITY_COLUMNS)
    long = counts.stack().rename("f").reset_index()
    long["F"] = long["term"].map(counts.sum(axis=1))
    long["t"] = long["part"].map(counts.sum(axis=0))
    T = int(counts.to_numpy().sum())
    long["T"] = T
    long["expected"] = long["F"] * long["t"] / T
    long["score"] = hypergeometric_scores(long["f"], long["F"], long["t"], T)
    return long.sort_values(["part", "score", "term"], ascending=[True, False, True],
                            ignore_index=True)[SPECIFICITY_COLUMNS]


def log_likelihood(a: ArrayLike, b: ArrayLike, c: ArrayLike, d: ArrayLike, *,
                   williams: bool = True) -> np.ndarray:
    """Return the signed G² of 2 × 2 tables ``[[a, b], [c, d]]`` (vectorised).

    ``a``: the term in the target, ``b``: the term in the reference, ``c`` and ``d``: the
    other terms in each. The sign is positive when the term is over-represented in the
    target.
    """
    observed = np.stack([np.asarray(x, dtype=float) for x in (a, b, c, d)])
    rows = np.stack([observed[0] + observed[1], observed[0] + observed[1],
                     observed[2] + observed[3], observed[2] + observed[3]])
    columns = np.stack([observed[0] + observed[2], observed[1] + observed[3],
                        observed[0] + observed[2], observed[1] + observed[3]])
    n = observed.sum(axis=0)
    expected = rows * columns / n
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(observed > 0, observed * np.log(observed / expected), 0.0)
    g2 = 2 * terms.sum(axis=0)
    if williams:
        row_totals = np.stack([observed[0] + observed[1], observed[2] + observed[3]])
        column_totals = np.stack([observed[0] + observed[2], observed[1] + observed[3]])
        q = 1 + (n * (1 / row_totals).sum(axis=0) - 1) * (n * (1 / column_totals).sum(axis=0)
                                                           - 1) / (6 * n)
        g2 = g2 / q
    sign = np.where(observed[0] * observed[3] >= observed[1] * observed[2], 1.0, -1.0)
    return sign * g2


def keyness(tokens: pd.DataFrame, facet: str | pd.Series, **counting) -> pd.DataFrame:
    """Compute the log-likelihood keyness of each lemma, each part against all the others.

    Returns:
        One row per part and lemma: ``part``, ``term``, ``f``, ``f_reference``, ``t``,
        ``t_reference``, ``G2`` (signed), ``p``; sorted by part, then by G².
    """
    counts = lemma_counts(tokens, facet, **counting)
    if counts.empty:
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    long = counts.stack().rename("f").reset_index()
    total_term = long["term"].map(counts.sum(axis=1))
    long["f_reference"] = total_term - long["f"]
    long["t"] = long["part"].map(counts.sum(axis=0))
    long["t_reference"] = int(counts.to_numpy().sum()) - long["t"]
    long["G2"] = log_likelihood(long["f"], long["f_reference"], long["t"] - long["f"],
                                long["t_reference"] - long["f_reference"])
    long["p"] = stats.chi2.sf(long["G2"].abs(), df=1)
    return long.sort_values(["part", "G2", "term"], ascending=[True, False, True],
                            ignore_index=True)[KEYNESS_COLUMNS]
