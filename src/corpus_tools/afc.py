"""Correspondence analysis (AFC, « analyse factorielle des correspondances »).

The analysis IRaMuTeQ draws after its specificities and classes, TXM's AFC and quanteda's
``textmodel_ca``: a lemma × part contingency table (parts of a facet, or Reinert classes) is
reduced to a few axes that keep most of its inertia (its chi-square divided by its total).

With ``P = N / n`` the table of relative frequencies, ``r`` and ``c`` its row and column
masses, the standardised residuals are ``S = D_r^(-1/2) (P - r c') D_c^(-1/2)`` and their
singular value decomposition ``S = U Σ V'`` gives everything (Greenacre, *Correspondence
Analysis in Practice*, 3rd ed., 2017, chapters 4 and 6; Lebart, Piron and Morineau,
*Statistique exploratoire multidimensionnelle*, 4th ed., 2006):

- eigenvalues (principal inertias) ``λ_k = σ_k²``, their share of the total inertia;
- principal coordinates of the rows ``F = D_r^(-1/2) U Σ``, of the columns
  ``G = D_c^(-1/2) V Σ``;
- contributions of a row to an axis ``r_i f_ik² / λ_k`` (they add up to 1 on each axis);
- squared cosines ``f_ik² / Σ_k f_ik²``: how well the axis shows the row.

Examples:
    >>> import pandas as pd
    >>> table = pd.DataFrame({"a": [10, 2], "b": [3, 12]}, index=["x", "y"])
    >>> result = correspondence_table(table)
    >>> round(float(result.eigenvalues["eigenvalue"].sum()), 4) == round(result.inertia, 4)
    True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from corpus_tools.extract import CONTENT_POS


@dataclass(frozen=True)
class Correspondence:
    """The result of a correspondence analysis.

    Attributes:
        eigenvalues: one row per axis: ``axis`` (1, 2…), ``eigenvalue`` (principal inertia),
            ``share`` (of the total inertia, 0 to 1), ``cumulative``.
        rows: one row per row of the table (lemmas), by label: ``mass``, ``inertia`` (its
            part of the total inertia: they add up to it), then for each axis ``k`` its
            principal coordinate ``F{k}``, contribution ``ctr{k}`` (0 to 1) and squared
            cosine ``cos2_{k}``.
        columns: the same for the columns (the parts).
        table: the contingency table analysed.
    """

    eigenvalues: pd.DataFrame
    rows: pd.DataFrame
    columns: pd.DataFrame
    table: pd.DataFrame

    @property
    def inertia(self) -> float:
        """The total inertia: the table's chi-square divided by its total."""
        return float(self.rows["inertia"].sum())

    def axis_title(self, axis: int) -> str:
        """« F1 (87,8 % de l’inertie) »."""
        share = self.eigenvalues.loc[self.eigenvalues["axis"] == axis, "share"].item()
        return f"F{axis} ({share * 100:.1f} % de l’inertie)".replace(".", ",")


def correspondence_table(table: pd.DataFrame, *, n_components: int | None = None
                         ) -> Correspondence:
    """Analyse a contingency table (counts, rows × columns) by correspondence analysis.

    Args:
        table: non-negative counts; rows or columns without any count are left out.
        n_components: the axes kept (default: all, at most ``min(rows, columns) - 1``).

    Raises:
        ValueError: the table has fewer than two rows or two columns with counts.
    """
    table = table.loc[table.sum(axis=1) > 0, table.sum(axis=0) > 0].astype(float)
    if min(table.shape) < 2:
        raise ValueError("l’AFC demande au moins deux lignes et deux colonnes non vides "
                         f"(ici {table.shape[0]} × {table.shape[1]})")
    counts = table.to_numpy()
    proportions = counts / counts.sum()
    row_mass, column_mass = proportions.sum(axis=1), proportions.sum(axis=0)
    residuals = ((proportions - np.outer(row_mass, column_mass))
                 / np.sqrt(np.outer(row_mass, column_mass)))
    u, sigma, vt = np.linalg.svd(residuals, full_matrices=False)
    most = min(table.shape) - 1
    keep = min(most, n_components or most)
    u, sigma, v = u[:, :keep], sigma[:keep], vt[:keep].T
    # the signs of singular vectors are arbitrary: make each axis's largest column
    # coordinate positive, so that a map does not flip from one run to the next
    signs = np.sign(v[np.abs(v).argmax(axis=0), range(keep)])
    signs[signs == 0] = 1
    u, v = u * signs, v * signs
    eigenvalues = sigma ** 2
    total = float((residuals ** 2).sum())
    return Correspondence(
        eigenvalues=pd.DataFrame({"axis": np.arange(1, keep + 1), "eigenvalue": eigenvalues,
                                  "share": eigenvalues / total,
                                  "cumulative": np.cumsum(eigenvalues) / total}),
        rows=_points(table.index, row_mass, u * sigma / np.sqrt(row_mass)[:, None],
                     (residuals ** 2).sum(axis=1), eigenvalues),
        columns=_points(table.columns, column_mass, v * sigma / np.sqrt(column_mass)[:, None],
                        (residuals ** 2).sum(axis=0), eigenvalues),
        table=table.astype(int) if np.allclose(counts, counts.round()) else table,
    )


def _points(labels: pd.Index, mass: np.ndarray, coordinates: np.ndarray,
            inertia: np.ndarray, eigenvalues: np.ndarray) -> pd.DataFrame:
    """Mass, inertia, coordinates, contributions and squared cosines of rows or columns."""
    squared = coordinates ** 2
    frame = {"mass": mass, "inertia": inertia}
    with np.errstate(invalid="ignore", divide="ignore"):
        contributions = mass[:, None] * squared / eigenvalues
        # the distance to the centre over every axis, kept or not: mass × d² = inertia
        full = (inertia / mass)[:, None]
        cosines = np.where(full > 0, squared / full, 0.0)
    for k in range(coordinates.shape[1]):
        frame[f"F{k + 1}"] = coordinates[:, k]
    for k in range(coordinates.shape[1]):
        frame[f"ctr{k + 1}"] = contributions[:, k]
    for k in range(coordinates.shape[1]):
        frame[f"cos2_{k + 1}"] = cosines[:, k]
    return pd.DataFrame(frame, index=labels)


def correspondence(tokens: pd.DataFrame, facet: str | pd.Series, *, min_freq: int = 5,
                   n_components: int | None = 5,
                   pos: tuple[str, ...] | None = CONTENT_POS) -> Correspondence:
    """Correspondence analysis of the lemma × part table of a facet.

    Args:
        tokens: the ``tokens`` table.
        facet: a column of ``tokens`` (``"kind"``, ``"author"``) or a Series by ``text_id``
            such as ``text_facets(tables)["year"]``.
        min_freq: leave out lemmas seen fewer times in the corpus.
        n_components: the axes kept.
        pos: the parts of speech counted (``None``: all but punctuation).

    Examples:
        >>> result = correspondence(tables["tokens"], "kind")  # doctest: +SKIP
        >>> result.eigenvalues  # doctest: +SKIP
    """
    from corpus_tools.specificity import lemma_counts

    table = lemma_counts(tokens, facet, pos=pos, min_freq=min_freq)
    return correspondence_table(table, n_components=n_components)


def correspondence_of_classes(result: object, *, n_components: int | None = 5
                              ) -> Correspondence:
    """Correspondence analysis of the lemma × class table of a Reinert classification (as
    IRaMuTeQ draws after its classes): segments holding each lemma, in each class."""
    profiles = result.profiles  # type: ignore[attr-defined]
    table = profiles.pivot_table(index="term", columns="cluster", values="n_in",
                                 aggfunc="sum", fill_value=0)
    table.columns = [f"classe {cluster}" for cluster in table.columns]
    return correspondence_table(table, n_components=n_components)
