"""Reinert's descending hierarchical classification (the ALCESTE method of IRaMuTeQ and rainette).

1. The texts are cut into segments of about ``segment_size`` words that end at a sentence end.
2. A binary segment × lemma table is built (content lemmas found in at least ``min_docfreq``
   segments).
3. Starting from one class, the largest class is split in two, ``k - 1`` times: the segments
   are ordered by their coordinate on the first factor of a correspondence analysis of the
   class's table, the cut along that order that maximises the chi-square of the two-class
   table is kept, then segments switch sides one at a time while that raises the chi-square.
   A class with fewer than ``min_members`` segments is not split.
4. Each class gets its profile: the chi-square (signed: positive when over-represented) and
   p-value of each lemma in the class against the others, and its typical segments.

Deterministic for a given input: no random start; ties go to the first in order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from corpus_tools.concordance import _join
from corpus_tools.extract import CONTENT_POS, content_words

SEGMENT_COLUMNS = ["segment_id", "doc_id", "text_id", "kind", "text", "n_words", "cluster"]
PROFILE_COLUMNS = ["cluster", "term", "n_in", "n_out", "share_in", "chi2", "p"]


def segment(tokens: pd.DataFrame, *, segment_size: int = 40) -> pd.DataFrame:
    """Cut texts into segments of about ``segment_size`` words ending at a sentence end.

    Returns:
        ``tokens`` with a ``segment`` column (a segment number, unique over the corpus).
    """
    tokens = tokens.sort_values(["text_id", "i"], kind="stable")
    labels = np.empty(len(tokens), dtype=np.int64)
    next_label = 0
    position = 0
    for _, text in tokens.groupby("text_id", sort=False):
        is_word = (~text["is_punct"]).to_numpy()
        sentences = text["sentence"].to_numpy()
        start = 0
        bounds = []  # (start, end) of each segment in this text
        words = 0
        for k in range(len(text)):
            words += int(is_word[k])
            sentence_ends = k + 1 == len(text) or sentences[k + 1] != sentences[k]
            if (words >= segment_size and sentence_ends) or words >= 2 * segment_size:
                bounds.append((start, k + 1))
                start, words = k + 1, 0
        if start < len(text):
            if bounds and words < segment_size / 2:
                bounds[-1] = (bounds[-1][0], len(text))  # a short tail joins the last one
            else:
                bounds.append((start, len(text)))
        for begin, end in bounds:
            labels[position + begin:position + end] = next_label
            next_label += 1
        position += len(text)
    return tokens.assign(segment=labels)


def _chi2_two_rows(first: np.ndarray, total: np.ndarray) -> np.ndarray:
    """Chi-square of the 2 × p tables ``[first, total - first]`` (``first`` may be n × p)."""
    second = total - first
    n = total.sum()
    n1 = first.sum(axis=-1, keepdims=True)
    n2 = n - n1
    columns = total[np.newaxis, :] if first.ndim == 2 else total
    with np.errstate(divide="ignore", invalid="ignore"):
        e1 = n1 * columns / n
        e2 = n2 * columns / n
        chi = np.where(e1 > 0, (first - e1) ** 2 / e1, 0) + np.where(e2 > 0, (second - e2) ** 2
                                                                      / e2, 0)
    return np.nan_to_num(chi.sum(axis=-1))


def _first_factor(matrix: np.ndarray) -> np.ndarray:
    """Row coordinates on the first factor of a correspondence analysis."""
    total = matrix.sum()
    p = matrix / total
    r, c = p.sum(axis=1), p.sum(axis=0)
    residuals = (p - np.outer(r, c)) / np.sqrt(np.outer(r, c))
    u, s, _ = np.linalg.svd(residuals, full_matrices=False)
    coordinates = u[:, 0] * s[0] / np.sqrt(r)
    if coordinates[np.argmax(np.abs(coordinates))] < 0:  # a fixed sign: deterministic order
        coordinates = -coordinates
    return coordinates


def split_in_two(matrix: np.ndarray, *, max_switches: int | None = None) -> tuple[np.ndarray,
                                                                                    float]:
    """Split the rows of a binary matrix in two, maximising the chi-square.

    Returns:
        A boolean mask of the first group, and the chi-square of the split.
    """
    matrix = matrix[:, matrix.sum(axis=0) > 0]
    total = matrix.sum(axis=0)
    order = np.argsort(_first_factor(matrix), kind="stable")
    cumulative = np.cumsum(matrix[order], axis=0)[:-1]
    scores = _chi2_two_rows(cumulative, total)
    cut = int(np.argmax(scores)) + 1
    first = np.zeros(len(matrix), dtype=bool)
    first[order[:cut]] = True
    best = float(scores[cut - 1])
    group = matrix[first].sum(axis=0)
    for _ in range(max_switches if max_switches is not None else min(len(matrix), 500)):
        # chi-square if each row moved to the other side
        moved = np.where(first[:, None], group - matrix, group + matrix)
        sizes = first.sum() + np.where(first, -1, 1)
        candidates = _chi2_two_rows(moved, total)
        candidates[(sizes == 0) | (sizes == len(matrix))] = -np.inf
        row = int(np.argmax(candidates))
        if candidates[row] <= best + 1e-9:
            break
        best = float(candidates[row])
        group = moved[row]
        first[row] = not first[row]
    return first, best


@dataclass
class Reinert:
    """The result of :func:`reinert`.

    Attributes:
        segments: one row per segment: ``segment_id``, ``doc_id``, ``text_id``, ``kind``,
            ``text`` (as written), ``n_words``, ``cluster`` (1 to k; missing for a segment
            without any retained lemma).
        profiles: one row per class and lemma: ``cluster``, ``term``, ``n_in`` and ``n_out``
            (segments with the lemma in and out of the class), ``share_in``, ``chi2`` (signed),
            ``p``; sorted by class, then chi-square.
        splits: the tree, one dict per split: ``parent``, ``children``, ``chi2``, ``size``.
        features: the lemmas of the table.
    """

    segments: pd.DataFrame
    profiles: pd.DataFrame
    splits: list[dict] = field(default_factory=list)
    features: list[str] = field(default_factory=list)

    @property
    def sizes(self) -> pd.Series:
        """Return the number of segments of each class."""
        return self.segments["cluster"].value_counts().sort_index()

    def top_terms(self, n: int = 10) -> dict[int, list[str]]:
        """Return the ``n`` most characteristic lemmas of each class."""
        positive = self.profiles[self.profiles["chi2"] > 0]
        return {int(c): group.head(n)["term"].tolist()
                for c, group in positive.groupby("cluster", sort=True)}

    def metadata(self, facets: pd.DataFrame | pd.Series) -> pd.DataFrame:
        """Return the signed chi-square of each metadata modality in each class, as
        IRaMuTeQ gives for its starred variables: which years, authors or kinds of text a
        class over- or under-represents.

        Args:
            facets: by ``text_id``, one column per variable (:func:`corpus_tools.text_facets`)
                or one Series.

        Returns:
            ``variable``, ``value``, ``cluster``, ``n_in`` and ``n_out`` (classified segments
            with the value, in and out of the class), ``chi2`` (signed: positive when the
            class holds more of them than expected), ``p``; by class, then chi-square.
        """
        if isinstance(facets, pd.Series):
            facets = facets.to_frame(facets.name or "facette")
        classified = self.segments.dropna(subset=["cluster"])
        rows = []
        for variable in facets.columns:
            values = classified["text_id"].map(facets[variable])
            for cluster in sorted(classified["cluster"].unique()):
                inside = (classified["cluster"] == cluster).to_numpy()
                for value in sorted(values.dropna().unique(), key=str):
                    has = (values == value).to_numpy()
                    a, b = int((inside & has).sum()), int((~inside & has).sum())
                    c, d = int((inside & ~has).sum()), int((~inside & ~has).sum())
                    chi2 = _two_by_two(a, b, c, d)
                    rows.append((variable, value, int(cluster), a, b,
                                 chi2 if a * d >= b * c else -chi2,
                                 float(stats.chi2.sf(chi2, df=1))))
        table = pd.DataFrame(rows, columns=["variable", "value", "cluster", "n_in", "n_out",
                                            "chi2", "p"])
        return table.sort_values(["cluster", "chi2", "variable", "value"],
                                 ascending=[True, False, True, True], ignore_index=True)

    def typical_segments(self, cluster: int, n: int = 5) -> pd.DataFrame:
        """Return the ``n`` segments of a class whose lemmas are the most characteristic."""
        scores = self.segments.attrs.get("scores", {})
        chosen = self.segments[self.segments["cluster"] == cluster].copy()
        chosen["score"] = chosen["segment_id"].map(lambda s: scores.get((s, cluster), 0.0))
        return chosen.sort_values(["score", "segment_id"], ascending=[False, True]).head(n)


def reinert(
    tokens: pd.DataFrame,
    *,
    k: int = 5,
    segment_size: int = 40,
    min_docfreq: int = 3,
    min_members: int = 10,
    pos: tuple[str, ...] | None = CONTENT_POS,
) -> Reinert:
    """Classify text segments by Reinert's descending hierarchical method.

    Args:
        tokens: the ``tokens`` table.
        k: the number of classes wanted (fewer when classes become too small to split).
        segment_size: words per segment, about.
        min_docfreq: leave out lemmas found in fewer segments.
        min_members: never split a class of fewer segments.
        pos: the parts of speech of the retained lemmas.

    Examples:
        >>> result = reinert(tables["tokens"], k=4)  # doctest: +SKIP
        >>> result.top_terms(8)  # doctest: +SKIP
    """
    cut = segment(tokens, segment_size=segment_size)
    words = content_words(cut, pos=pos)
    table = pd.crosstab(words["segment"], words["term"]).clip(upper=1)
    table = table.loc[:, table.sum(axis=0) >= min_docfreq]
    table = table[table.sum(axis=1) > 0]
    segments = _segment_table(cut)
    if table.shape[0] < 2 or table.shape[1] < 2:
        segments["cluster"] = pd.NA
        return Reinert(segments, pd.DataFrame(columns=PROFILE_COLUMNS))
    matrix = table.to_numpy(dtype=float)
    clusters = np.ones(len(matrix), dtype=np.int64)
    splits: list[dict] = []
    next_cluster = 2
    unsplittable: set[int] = set()
    while next_cluster <= k:
        sizes = pd.Series(clusters).value_counts()
        sizes = sizes[~sizes.index.isin(unsplittable) & (sizes >= max(2, min_members))]
        if sizes.empty:
            break
        parent = int(sizes.sort_values(ascending=False, kind="stable").index[0])
        rows = np.flatnonzero(clusters == parent)
        sub = matrix[rows]
        if (sub.sum(axis=0) > 0).sum() < 2:
            unsplittable.add(parent)
            continue
        first, chi2 = split_in_two(sub)
        if first.all() or not first.any():
            unsplittable.add(parent)
            continue
        clusters[rows[~first]] = next_cluster
        splits.append({"parent": parent, "children": (parent, next_cluster), "chi2": chi2,
                       "size": len(rows)})
        next_cluster += 1
    by_segment = pd.Series(clusters, index=table.index)
    segments["cluster"] = segments["segment_id"].map(by_segment).astype("Int64")
    profiles = _profiles(table, clusters)
    segments.attrs["scores"] = _segment_scores(table, clusters, profiles)
    return Reinert(segments, profiles, splits, list(table.columns))


def _segment_table(cut: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for segment_id, group in cut.groupby("segment", sort=True):
        rows.append({
            "segment_id": int(segment_id),
            "doc_id": group["doc_id"].iloc[0],
            "text_id": group["text_id"].iloc[0],
            "kind": group["kind"].iloc[0],
            "text": _join(group["token"].tolist(), group["start"].tolist(),
                          group["end"].tolist()),
            "n_words": int((~group["is_punct"]).sum()),
        })
    return pd.DataFrame(rows, columns=SEGMENT_COLUMNS[:-1])


def _two_by_two(a: float, b: float, c: float, d: float) -> float:
    """The chi-square of the 2 × 2 table ``[[a, b], [c, d]]`` (0 when a margin is empty)."""
    n = a + b + c + d
    margins = (a + b) * (c + d) * (a + c) * (b + d)
    return float(n * (a * d - b * c) ** 2 / margins) if margins else 0.0


def _profiles(table: pd.DataFrame, clusters: np.ndarray) -> pd.DataFrame:
    matrix = table.to_numpy(dtype=float)
    n = len(matrix)
    frames = []
    for cluster in np.unique(clusters):
        inside = clusters == cluster
        a = matrix[inside].sum(axis=0)
        b = matrix[~inside].sum(axis=0)
        c = inside.sum() - a
        d = (~inside).sum() - b
        with np.errstate(divide="ignore", invalid="ignore"):
            chi2 = n * (a * d - b * c) ** 2 / ((a + b) * (c + d) * (a + c) * (b + d))
        chi2 = np.nan_to_num(chi2)
        sign = np.where(a * d >= b * c, 1.0, -1.0)
        frames.append(pd.DataFrame({
            "cluster": int(cluster), "term": table.columns, "n_in": a.astype(int),
            "n_out": b.astype(int), "share_in": a / inside.sum(), "chi2": sign * chi2,
            "p": stats.chi2.sf(chi2, df=1),
        }))
    profiles = pd.concat(frames, ignore_index=True)
    return profiles.sort_values(["cluster", "chi2", "term"], ascending=[True, False, True],
                                ignore_index=True)[PROFILE_COLUMNS]


def _segment_scores(table: pd.DataFrame, clusters: np.ndarray,
                    profiles: pd.DataFrame) -> dict[tuple[int, int], float]:
    scores = {}
    matrix = table.to_numpy(dtype=float)
    for cluster in np.unique(clusters):
        weights = profiles[profiles["cluster"] == cluster].set_index("term")["chi2"]
        weights = weights.reindex(table.columns).clip(lower=0).to_numpy()
        for row in np.flatnonzero(clusters == cluster):
            scores[(int(table.index[row]), int(cluster))] = float(matrix[row] @ weights)
    return scores
