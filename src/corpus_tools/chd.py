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

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy import sparse, stats

from corpus_tools.extract import CONTENT_POS, content_words

SEGMENT_COLUMNS = ["segment_id", "doc_id", "text_id", "kind", "text", "n_words", "cluster",
                   "score"]
PROFILE_COLUMNS = ["cluster", "term", "n_in", "n_out", "share_in", "chi2", "p"]


def segment(tokens: pd.DataFrame, *, segment_size: int = 40) -> pd.DataFrame:
    """Cut texts into segments of about ``segment_size`` words ending at a sentence end.

    A segment closes at the first sentence end once it holds ``segment_size`` words, or
    inside a sentence at ``2 × segment_size`` words; a text's tail of fewer than half of
    ``segment_size`` words joins the segment before it.

    Returns:
        ``tokens`` (same rows, same order) with a ``segment`` column: a segment number,
        unique over the corpus, rising along each text and with ``text_id``.
    """
    if tokens.empty:
        return tokens.assign(segment=np.zeros(0, dtype=np.int64))
    texts = pd.factorize(tokens["text_id"], sort=True)[0]
    order = np.lexsort((tokens["i"].to_numpy(), texts))
    texts = texts[order]
    sentences = tokens["sentence"].to_numpy()[order]
    words = np.cumsum(~tokens["is_punct"].to_numpy()[order])  # words up to each token
    text_end = np.r_[texts[1:] != texts[:-1], True]
    sentence_end = text_end | np.r_[sentences[1:] != sentences[:-1], True]
    ends = np.flatnonzero(sentence_end)
    words_at_ends = words[ends]
    last_of_text = np.flatnonzero(text_end)
    last_of_text = last_of_text[np.searchsorted(last_of_text, np.arange(len(texts)))]
    lengths, start = [], 0
    while start < len(texts):
        before = words[start - 1] if start else 0
        natural = np.searchsorted(words_at_ends, before + segment_size)
        cut = min(ends[natural] if natural < len(ends) else len(texts),
                  int(np.searchsorted(words, before + 2 * segment_size)),
                  int(last_of_text[start]))
        if (cut == last_of_text[start] and words[cut] - before < segment_size / 2
                and start and not text_end[start - 1]):
            lengths[-1] += cut + 1 - start  # a short tail joins the segment before it
        else:
            lengths.append(cut + 1 - start)
        start = cut + 1
    labels = np.empty(len(texts), dtype=np.int64)
    labels[order] = np.repeat(np.arange(len(lengths)), lengths)
    return tokens.assign(segment=labels)


def _content_words(cut: pd.DataFrame, *, pos: tuple[str, ...] | None) -> pd.DataFrame:
    """The segment and term of the content words of ``cut`` (only the columns needed, so
    that the selection does not copy the whole table)."""
    columns = ["segment", "token", "lemma", "pos", "is_stop", "is_punct"]
    return content_words(cut[columns], pos=pos)[["segment", "term"]]


def _pearson(a: np.ndarray, b: np.ndarray, n1: np.ndarray, total: float) -> np.ndarray:
    """Chi-square of 2 × p tables from ``a = Σ_j first_j² / T_j``, ``b = Σ_j second_j² / T_j``
    and the first row's sum ``n1``: ``N (a / n1 + b / n2 − 1)`` (Pearson's, written with the
    squares of the observed counts); ``-inf`` where a row would be empty."""
    n2 = total - n1
    with np.errstate(divide="ignore", invalid="ignore"):
        chi = total * (a / n1 + b / n2 - 1)
    return np.where((n1 > 0) & (n2 > 0), chi, -np.inf)


def _first_factor(matrix: sparse.csr_matrix) -> np.ndarray:
    """Row coordinates on the first factor of a correspondence analysis of ``matrix``.

    The standardised residuals ``D_r^-1/2 (P − r c') D_c^-1/2`` are never formed: their
    largest singular vector comes from products with the sparse table (ARPACK, started
    from a fixed vector), so a table of 100,000 segments costs its non-zero cells only.
    """
    total = matrix.sum()
    r = np.asarray(matrix.sum(axis=1)).ravel() / total
    c = np.asarray(matrix.sum(axis=0)).ravel() / total
    root_r, root_c = np.sqrt(r), np.sqrt(c)
    if min(matrix.shape) < 3 or matrix.shape[0] * matrix.shape[1] <= 250_000:
        dense = matrix.toarray() / total
        residuals = (dense - np.outer(r, c)) / np.outer(root_r, root_c)
        u, s, _ = np.linalg.svd(residuals, full_matrices=False)
        first, value = u[:, 0], s[0]
    else:
        from scipy.sparse.linalg import LinearOperator, svds

        p = matrix / total

        def times(x: np.ndarray) -> np.ndarray:
            x = np.ravel(x)
            return (p @ (x / root_c)) / root_r - root_r * (root_c @ x)

        def times_transposed(y: np.ndarray) -> np.ndarray:
            y = np.ravel(y)
            return (p.T @ (y / root_r)) / root_c - root_c * (root_r @ y)

        operator = LinearOperator(matrix.shape, dtype=float, matvec=times,
                                  rmatvec=times_transposed)
        u, s, _ = svds(operator, k=1, v0=np.full(matrix.shape[1], 1 / np.sqrt(matrix.shape[1])))
        first, value = u[:, 0], s[0]
    coordinates = first * value / root_r
    if coordinates[np.argmax(np.abs(coordinates))] < 0:  # a fixed sign: deterministic order
        coordinates = -coordinates
    return coordinates


def split_in_two(matrix: np.ndarray | sparse.spmatrix, *,
                 max_switches: int | None = None) -> tuple[np.ndarray, float]:
    """Split the rows of a binary matrix (dense or sparse) in two, maximising the chi-square.

    Every cut along the first factor is scored at once and each row's move is scored by
    one product with the sparse table: time and memory grow with the non-zero cells, not
    with rows × columns.

    Returns:
        A boolean mask of the first group, and the chi-square of the split.

    Examples:
        >>> table = np.array([[1, 1, 0, 0], [1, 1, 0, 0], [0, 0, 1, 1], [0, 1, 1, 1]])
        >>> first, chi2 = split_in_two(table)
        >>> first.tolist(), round(chi2, 3)
        ([True, True, False, False], 6.3)
    """
    matrix = sparse.csr_matrix(matrix, dtype=float)
    matrix = matrix[:, np.asarray(matrix.sum(axis=0)).ravel() > 0]
    n = matrix.shape[0]
    total = np.asarray(matrix.sum(axis=0)).ravel()
    grand = float(total.sum())
    per_row = np.asarray(matrix.sum(axis=1)).ravel()
    order = np.argsort(_first_factor(matrix), kind="stable")
    # the first group is the first t rows of the order: as t grows, each cell (row, j)
    # raises first_j by one, which adds (2 first_j + 1) / T_j to a and (1 - 2 second_j) / T_j
    # to b, first_j being how many cells of column j came before it
    cells = matrix[order].tocoo()
    by_column = np.lexsort((cells.row, cells.col))
    rows, columns = cells.row[by_column], cells.col[by_column]
    starts = np.r_[0, np.flatnonzero(np.diff(columns)) + 1]
    before = np.arange(len(columns)) - np.repeat(starts, np.diff(np.r_[starts, len(columns)]))
    t_j = total[columns]
    a = np.cumsum(np.bincount(rows, weights=(2 * before + 1) / t_j, minlength=n))
    b = grand + np.cumsum(np.bincount(rows, weights=(1 - 2 * (t_j - before)) / t_j,
                                      minlength=n))
    scores = _pearson(a, b, np.cumsum(per_row[order]), grand)[:-1]
    cut = int(np.argmax(scores)) + 1
    first = np.zeros(n, dtype=bool)
    first[order[:cut]] = True
    best = float(scores[cut - 1])
    in_first = np.asarray(matrix[first].sum(axis=0)).ravel()
    for _ in range(max_switches if max_switches is not None else min(n, 500)):
        # the chi-square if each row moved to the other side
        second = total - in_first
        a, b = in_first @ (in_first / total), second @ (second / total)
        leave_a, leave_b = matrix @ ((1 - 2 * in_first) / total), matrix @ ((2 * second + 1)
                                                                            / total)
        join_a, join_b = matrix @ ((2 * in_first + 1) / total), matrix @ ((1 - 2 * second)
                                                                          / total)
        n1 = in_first.sum()
        candidates = _pearson(a + np.where(first, leave_a, join_a),
                              b + np.where(first, leave_b, join_b),
                              n1 + np.where(first, -per_row, per_row), grand)
        sizes = first.sum() + np.where(first, -1, 1)
        candidates[(sizes == 0) | (sizes == n)] = -np.inf
        row = int(np.argmax(candidates))
        if candidates[row] <= best + 1e-9:
            break
        best = float(candidates[row])
        moved = matrix[row].toarray().ravel()
        in_first = in_first - moved if first[row] else in_first + moved
        first[row] = not first[row]
    return first, best


@dataclass
class Reinert:
    """The result of :func:`reinert`.

    Attributes:
        segments: one row per segment: ``segment_id``, ``doc_id``, ``text_id``, ``kind``,
            ``text`` (as written), ``n_words``, ``cluster`` (1 to k; missing for a segment
            without any retained lemma), ``score`` (how characteristic of its class: the
            sum of the positive chi-squares of its lemmas there).
        profiles: one row per class and lemma: ``cluster``, ``term``, ``n_in`` and ``n_out``
            (segments with the lemma in and out of the class), ``share_in``, ``chi2`` (signed),
            ``p``; sorted by class, then chi-square.
        splits: the tree, one dict per split: ``parent``, ``children``, ``chi2``, ``size``.
        features: the lemmas of the table.
        warnings: what makes the classification weak, in French (a corpus too small,
            fewer classes than asked, few segments classified); also raised as
            :class:`UserWarning`.
        crossings: for a double classification (:func:`reinert_double`), the two classes
            each class crosses; ``None`` otherwise.
    """

    segments: pd.DataFrame
    profiles: pd.DataFrame
    splits: list[dict] = field(default_factory=list)
    features: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    crossings: pd.DataFrame | None = None

    @property
    def classified_share(self) -> float:
        """The share of segments in a class (those without any retained lemma are not)."""
        return float(self.segments["cluster"].notna().mean()) if len(self.segments) else 0.0

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
        frames = []
        for variable in facets.columns:
            values = classified["text_id"].map(facets[variable])
            known = values.notna().to_numpy()
            counts = pd.crosstab(classified["cluster"].to_numpy()[known],
                                 values.to_numpy()[known])
            # every class against every value at once: the 2 × 2 tables of in / out of the
            # class and with / without the value, over the classified segments
            a = counts.to_numpy(dtype=float)
            total = len(classified)
            in_class = classified["cluster"].value_counts().reindex(counts.index).to_numpy(
                dtype=float)[:, None]
            with_value = a.sum(axis=0)[None, :]
            b, c = with_value - a, in_class - a
            signed = _signed_chi2(a, b, c, total - a - b - c)
            frames.append(pd.DataFrame({
                "variable": variable,
                "value": np.tile(counts.columns.to_numpy(dtype=object), len(counts.index)),
                "cluster": np.repeat(counts.index.to_numpy(dtype="int64"), len(counts.columns)),
                "n_in": a.ravel().astype("int64"), "n_out": b.ravel().astype("int64"),
                "chi2": signed.ravel(), "p": stats.chi2.sf(np.abs(signed), df=1).ravel()}))
        table = (pd.concat(frames, ignore_index=True) if frames else
                 pd.DataFrame(columns=["variable", "value", "cluster", "n_in", "n_out", "chi2",
                                       "p"]))
        return table.sort_values(["cluster", "chi2", "variable", "value"],
                                 ascending=[True, False, True, True], ignore_index=True,
                                 key=lambda column: column.astype(str)
                                 if column.name == "value" else column)

    def typical_segments(self, cluster: int, n: int = 5) -> pd.DataFrame:
        """Return the ``n`` segments of a class whose lemmas are the most characteristic."""
        chosen = self.segments[self.segments["cluster"] == cluster]
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
    table = _presence(_content_words(cut, pos=pos), min_docfreq=min_docfreq)
    segments = _segment_table(cut)
    if table.shape[0] < 2 or table.shape[1] < 2:
        segments["cluster"], segments["score"] = pd.NA, np.nan
        return _warned(Reinert(segments, pd.DataFrame(columns=PROFILE_COLUMNS)), k=k,
                       min_members=min_members)
    clusters, splits = _classify(table.matrix, k=k, min_members=min_members)
    by_segment = pd.Series(clusters, index=table.index)
    segments["cluster"] = segments["segment_id"].map(by_segment).astype("Int64")
    profiles = _profiles(table, clusters)
    segments["score"] = segments["segment_id"].map(_segment_scores(table, clusters, profiles))
    return _warned(Reinert(segments, profiles, splits, list(table.columns)), k=k,
                   min_members=min_members)


def _classify(matrix: sparse.csr_matrix, *, k: int,
              min_members: int) -> tuple[np.ndarray, list[dict]]:
    """Split the largest class in two, ``k - 1`` times at most: each row's class (1 to k)
    and the splits, in order."""
    clusters = np.ones(matrix.shape[0], dtype=np.int64)
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
        if (np.asarray(sub.sum(axis=0)).ravel() > 0).sum() < 2:
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
    return clusters, splits


def _tree_nodes(clusters: np.ndarray, splits: list[dict]) -> list[tuple[str, np.ndarray]]:
    """Every class of every level of a classification but the root: a name (``3``, or
    ``1+4`` for the class that was later split into 1 and 4) and its rows."""
    members = {int(c): {int(c)} for c in np.unique(clusters)}
    names = {int(c): str(int(c)) for c in np.unique(clusters)}
    nodes = [(names[c], np.isin(clusters, list(members[c]))) for c in members]
    for split in reversed(splits[1:]):  # the root's own split gives the root: left out
        parent, child = split["children"]
        members[parent] = members[parent] | members[child]
        names[parent] = f"{names[parent]}+{names[child]}"
        nodes.append((names[parent], np.isin(clusters, list(members[parent]))))
    return nodes


def reinert_double(
    tokens: pd.DataFrame,
    *,
    k: int = 5,
    segment_sizes: tuple[int, int] = (40, 60),
    min_docfreq: int = 3,
    min_members: int = 10,
    max_p: float = 0.05,
    pos: tuple[str, ...] | None = CONTENT_POS,
) -> Reinert:
    """Classify segments twice, with two sizes of unit, and keep the classes both agree
    on: the double classification of ALCESTE and of rainette's ``rainette2`` (Barnier,
    *rainette*, 2023, « Double classification »).

    The texts are cut into segments of about ``segment_sizes[0]`` words; a first
    classification works on them, a second on units of about ``segment_sizes[1]`` words
    made of consecutive segments of a text. Each class of each level of the first tree is
    crossed with each class of the second: a crossed class holds the segments in both,
    and is kept if it has ``min_members`` segments or more and the two classes are
    associated (chi-square of the 2 × 2 table, positive, ``p <= max_p``). The ``k``
    crossed classes (or fewer) that do not share a segment and hold the most segments
    together are the result; the segments in none of them stay unclassified. Classes
    found by both cuts are those that do not depend on where a text was cut: the share
    of segments classified measures how stable the classification is.

    Returns:
        A :class:`Reinert` without a tree (``splits`` is empty), its classes numbered by
        size, and ``crossings``: for each class kept, the class of each classification
        (``first``, ``second``: ``3``, or ``1+4`` for a class of a higher level), its
        segments and the chi-square of their association.

    Examples:
        >>> double = reinert_double(tables["tokens"], k=4)  # doctest: +SKIP
        >>> double.crossings  # doctest: +SKIP
    """
    small, large = segment_sizes
    if large <= small:
        raise ValueError(f"segment_sizes={segment_sizes} : la seconde taille doit dépasser "
                         "la première")
    cut = segment(tokens, segment_size=small)
    words = _content_words(cut, pos=pos)
    segments = _segment_table(cut)
    table = _presence(words, min_docfreq=min_docfreq)
    unit = _units(segments, size=large)
    units = _presence(words.assign(segment=words["segment"].map(unit)),
                      min_docfreq=min_docfreq)
    empty = Reinert(segments.assign(cluster=pd.NA, score=np.nan),
                    pd.DataFrame(columns=PROFILE_COLUMNS))
    if min(table.shape) < 2 or min(units.shape) < 2:
        return _warned(empty, k=k, min_members=min_members)
    first = _classify(table.matrix, k=k, min_members=min_members)
    second = _classify(units.matrix, k=k, min_members=min_members)
    # the class of the second classification of each segment of the first table
    of_unit = pd.Series(np.arange(units.shape[0]), index=units.index)
    row_of_unit = pd.Series(table.index).map(unit).map(of_unit).to_numpy()
    both = ~np.isnan(row_of_unit)
    second_nodes = [(name, np.where(both, rows[np.nan_to_num(row_of_unit).astype(int)], False))
                    for name, rows in _tree_nodes(*second)]
    candidates = []
    for name_1, in_1 in _tree_nodes(*first):
        for name_2, in_2 in second_nodes:
            a = int((in_1 & in_2).sum())
            if a < min_members:
                continue
            b, c = int((in_1 & ~in_2 & both).sum()), int((~in_1 & in_2).sum())
            d = int((~in_1 & ~in_2 & both).sum())
            chi2 = float(_signed_chi2(a, b, c, d))
            if a * d > b * c and stats.chi2.sf(chi2, df=1) <= max_p:
                candidates.append((name_1, name_2, in_1 & in_2, a, chi2))
    chosen = _best_partition(candidates, k)
    if not chosen:
        return _warned(empty, k=k, min_members=min_members, crossed=segment_sizes)
    clusters = np.zeros(table.shape[0], dtype=np.int64)
    for number, (_, _, rows, _, _) in enumerate(chosen, 1):
        clusters[rows] = number
    classified = clusters > 0
    kept = _Presence(table.matrix[classified], table.index[classified], table.columns)
    profiles = _profiles(kept, clusters[classified])
    segments["cluster"] = segments["segment_id"].map(
        pd.Series(clusters, index=table.index).replace(0, np.nan)).astype("Int64")
    segments["score"] = segments["segment_id"].map(
        _segment_scores(kept, clusters[classified], profiles))
    result = Reinert(segments, profiles, [], list(table.columns))
    result.crossings = pd.DataFrame(
        [(number, name_1, name_2, size, chi2) for number, (name_1, name_2, _, size, chi2)
         in enumerate(chosen, 1)],
        columns=["cluster", "first", "second", "segments", "chi2"])
    return _warned(result, k=k, min_members=min_members, crossed=segment_sizes)


def _units(segments: pd.DataFrame, *, size: int) -> pd.Series:
    """Group the consecutive segments of each text into units of at least ``size`` words
    (a short tail joins the unit before it): the unit of each segment, by ``segment_id``."""
    units, number = {}, 0
    for _, text in segments.groupby("text_id", sort=False):
        groups, words = [[]], [0]
        for segment_id, n_words in zip(text["segment_id"], text["n_words"], strict=True):
            if words[-1] >= size:
                groups.append([])
                words.append(0)
            groups[-1].append(segment_id)
            words[-1] += n_words
        if len(groups) > 1 and words[-1] < size / 2:
            tail = groups.pop()
            groups[-1] += tail
        for group in groups:
            units.update(dict.fromkeys(group, number))
            number += 1
    return pd.Series(units, dtype="int64")


def _best_partition(candidates: list[tuple], k: int) -> list[tuple]:
    """The crossed classes, ``k`` at most, that share no segment and hold the most segments
    (the most classes first, then the most segments, then the highest chi-square), largest
    first: a branch-and-bound search over the candidates sorted by size."""
    ordered = sorted(candidates, key=lambda item: (-item[3], -item[4], item[0], item[1]))
    masks = [int.from_bytes(np.packbits(item[2], bitorder="little").tobytes(), "little")
             for item in ordered]
    sizes = [item[3] for item in ordered]
    best: dict = {"key": (0, 0, 0.0), "picked": []}

    def search(start: int, used: int, picked: list[int], total: int, chi2: float) -> None:
        key = (len(picked), total, chi2)
        if key > best["key"]:
            best["key"], best["picked"] = key, list(picked)
        if len(picked) == k:
            return
        for index in range(start, len(ordered)):
            room = k - len(picked)
            if (len(picked) + min(room, len(ordered) - index), total
                    + sum(sizes[index:index + room])) < best["key"][:2]:
                break
            if masks[index] & used:
                continue
            picked.append(index)
            search(index + 1, used | masks[index], picked, total + sizes[index],
                   chi2 + ordered[index][4])
            picked.pop()

    search(0, 0, [], 0, 0.0)
    return [ordered[index] for index in best["picked"]]


ENOUGH_CLASSIFIED = 0.75
"""The share of classified segments below which a classification is said to be weak: 75 %,
the usual threshold of IRaMuTeQ's users (Camargo and Justo, *Tutorial para uso do software
IRaMuTeQ*, 2013)."""


def _warned(result: Reinert, *, k: int, min_members: int,
            crossed: tuple[int, int] | None = None) -> Reinert:
    """Say, in French and as :class:`UserWarning`, what makes ``result`` weak (``crossed``:
    the two sizes of unit of a double classification)."""
    classified = int(result.segments["cluster"].notna().sum()) if len(result.segments) else 0
    classes = len(result.sizes.dropna()) if classified else 0
    too_small = classified < max(2, min_members) or classes < 2
    if too_small and crossed and classified:
        result.warnings.append(
            f"la double classification ne garde que {classes} classe(s) : les classes des "
            f"deux découpages (segments de {crossed[0]} et de {crossed[1]} mots) ne se "
            f"recoupent pas assez (au moins {min_members} segments en commun, association "
            "significative) ; essayer la classification simple ou d’autres tailles")
    elif too_small:
        result.warnings.append(
            f"corpus trop petit pour une classification : {classified} segment(s) ont un "
            f"lemme retenu, il en faut au moins {max(2, min_members)} (min_members) et deux "
            "lemmes partagés pour une première partition (plus de textes, des segments plus "
            "courts ou un min_docfreq plus bas)")
    elif classes < k and crossed:
        result.warnings.append(
            f"{k} classes demandées : les deux découpages ne s’accordent que sur {classes}")
    elif classes < k:
        result.warnings.append(
            f"{k} classes demandées, {classes} obtenue(s) : les autres classes auraient eu "
            f"moins de {min_members} segments (min_members)")
    small = [int(cluster) for cluster, size in result.sizes.items() if size < min_members]
    if not too_small and small:
        result.warnings.append(
            f"classe(s) de moins de {min_members} segments : "
            + ", ".join(f"{cluster} ({int(result.sizes[cluster])})" for cluster in small)
            + " : trop peu de texte pour en tirer un profil solide")
    if len(result.segments) and result.classified_share < ENOUGH_CLASSIFIED:
        share = f"{result.classified_share * 100:.0f}"
        result.warnings.append(
            f"{share} % des segments seulement sont classés (75 % au moins est d’usage) : "
            "les autres n’ont aucun lemme assez fréquent")
    for message in result.warnings:
        warnings.warn(f"Reinert : {message}", UserWarning, stacklevel=3)
    return result


@dataclass
class _Presence:
    """The binary segment × lemma table, sparse: ``matrix`` (rows: ``index``, segment ids;
    columns: ``columns``, lemmas)."""

    matrix: sparse.csr_matrix
    index: np.ndarray
    columns: list[str]

    @property
    def shape(self) -> tuple[int, int]:
        return self.matrix.shape


def _presence(words: pd.DataFrame, *, min_docfreq: int) -> _Presence:
    """Which lemmas each segment holds, keeping lemmas of at least ``min_docfreq`` segments
    and the segments left with one of them."""
    pairs = words[["segment", "term"]].drop_duplicates()
    counts = pairs["term"].value_counts()
    pairs = pairs[pairs["term"].map(counts) >= min_docfreq]
    columns = sorted(pairs["term"].unique())
    index = np.sort(pairs["segment"].unique())
    rows = np.searchsorted(index, pairs["segment"].to_numpy())
    cols = pd.Categorical(pairs["term"], categories=columns).codes
    matrix = sparse.csr_matrix((np.ones(len(pairs)), (rows, cols)),
                               shape=(len(index), len(columns)))
    return _Presence(matrix, index, columns)


def _segment_table(cut: pd.DataFrame) -> pd.DataFrame:
    """One row per segment: its ids, kind, word count and text as the author wrote it (a
    space wherever the source had white space; rebuilt in Arrow, without a Python string
    per token)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    order = np.lexsort((cut["i"].to_numpy(), cut["segment"].to_numpy()))
    labels = cut["segment"].to_numpy()[order]
    first = np.flatnonzero(np.r_[True, labels[1:] != labels[:-1]])
    starts, ends = cut["start"].to_numpy()[order], cut["end"].to_numpy()[order]
    spaced = np.r_[False, starts[1:] > ends[:-1]]
    spaced[first] = False
    text = pa.chunked_array(pa.array(cut["token"].array)).combine_chunks()
    text = text.cast(pa.large_string()).take(pa.array(order))
    space = pa.array(np.where(spaced, " ", ""), pa.large_string())
    pieces = pc.binary_join_element_wise(space, text, pa.scalar("", pa.large_string()))
    offsets = pa.array(np.r_[first, len(order)], pa.int64())
    joined = pc.binary_join(pa.LargeListArray.from_arrays(offsets, pieces),
                            pa.scalar("", pa.large_string()))
    rows = order[first]
    words = np.add.reduceat((~cut["is_punct"].to_numpy()[order]).astype(np.int64), first)
    return pd.DataFrame({
        "segment_id": labels[first],
        "doc_id": cut["doc_id"].iloc[rows].to_numpy(),
        "text_id": cut["text_id"].iloc[rows].to_numpy(),
        "kind": cut["kind"].iloc[rows].to_numpy(),
        "text": pd.array(joined, dtype="str"),
        "n_words": words,
    }, columns=SEGMENT_COLUMNS[:-2])


def _signed_chi2(a: ArrayLike, b: ArrayLike, c: ArrayLike, d: ArrayLike) -> np.ndarray:
    """The chi-square of the 2 × 2 tables ``[[a, b], [c, d]]`` (vectorised; 0 when a margin
    is empty), positive when ``a`` is above its expectation (``a d >= b c``), else negative."""
    a, b, c, d = (np.asarray(x, dtype=float) for x in (a, b, c, d))
    margins = (a + b) * (c + d) * (a + c) * (b + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        chi2 = np.where(margins > 0, (a + b + c + d) * (a * d - b * c) ** 2 / margins, 0.0)
    return np.where(a * d >= b * c, chi2, -chi2)


def _profiles(table: _Presence, clusters: np.ndarray) -> pd.DataFrame:
    matrix = table.matrix
    frames = []
    for cluster in np.unique(clusters):
        inside = clusters == cluster
        a = np.asarray(matrix[inside].sum(axis=0)).ravel()
        b = np.asarray(matrix[~inside].sum(axis=0)).ravel()
        signed = _signed_chi2(a, b, inside.sum() - a, (~inside).sum() - b)
        frames.append(pd.DataFrame({
            "cluster": int(cluster), "term": table.columns, "n_in": a.astype(int),
            "n_out": b.astype(int), "share_in": a / inside.sum(), "chi2": signed,
            "p": stats.chi2.sf(np.abs(signed), df=1),
        }))
    profiles = pd.concat(frames, ignore_index=True)
    return profiles.sort_values(["cluster", "chi2", "term"], ascending=[True, False, True],
                                ignore_index=True)[PROFILE_COLUMNS]


def _segment_scores(table: _Presence, clusters: np.ndarray,
                    profiles: pd.DataFrame) -> pd.Series:
    """How characteristic of its class each segment is: the sum of the positive chi-squares
    of its lemmas in that class; by segment id."""
    scores = pd.Series(0.0, index=table.index)
    for cluster in np.unique(clusters):
        weights = profiles[profiles["cluster"] == cluster].set_index("term")["chi2"]
        weights = weights.reindex(table.columns).clip(lower=0).to_numpy()
        rows = np.flatnonzero(clusters == cluster)
        scores.iloc[rows] = table.matrix[rows] @ weights
    return scores
