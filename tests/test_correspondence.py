"""Correspondence analysis against a published worked example and a direct computation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2_contingency

from corpus_tools import plots
from corpus_tools.afc import correspondence, correspondence_table

# Greenacre's staff × smoking table (Correspondence Analysis in Practice, 3rd ed., 2017,
# exhibit 3.1; the `smoke` data of R's ca package): principal inertias 0.07476, 0.01002
# and 0.00041, 87.8 %, 11.8 % and 0.5 % of 0.08519; SE at 0.381 and "none" at 0.393 on the
# first axis
SMOKE = pd.DataFrame([[4, 2, 3, 2], [4, 3, 7, 4], [25, 10, 12, 4], [18, 24, 33, 13],
                      [10, 6, 7, 2]], index=["SM", "JM", "SE", "JE", "SC"],
                     columns=["none", "light", "medium", "heavy"])


def test_the_published_worked_example():
    result = correspondence_table(SMOKE)
    assert result.eigenvalues["eigenvalue"].round(5).tolist() == [0.07476, 0.01002, 0.00041]
    assert result.eigenvalues["share"].round(3).tolist() == [0.878, 0.118, 0.005]
    assert round(result.inertia, 5) == 0.08519
    assert abs(result.rows.loc["SE", "F1"]) == pytest.approx(0.381, abs=5e-4)
    assert abs(result.columns.loc["none", "F1"]) == pytest.approx(0.393, abs=5e-4)
    assert result.axis_title(1) == "F1 (87,8 % de l’inertie)"


def test_against_a_direct_computation():
    rng = np.random.default_rng(3)
    table = pd.DataFrame(rng.integers(0, 30, size=(12, 5)),
                         index=[f"mot{i}" for i in range(12)], columns=list("abcde"))
    result = correspondence_table(table)
    counts = table.to_numpy(float)
    # total inertia = chi-square / n
    assert result.inertia == pytest.approx(chi2_contingency(counts)[0] / counts.sum())
    # the eigenvalues of S'S, S the standardised residuals
    p = counts / counts.sum()
    r, c = p.sum(axis=1), p.sum(axis=0)
    s = (p - np.outer(r, c)) / np.sqrt(np.outer(r, c))
    eigen = np.sort(np.linalg.eigvalsh(s.T @ s))[::-1][:4]
    assert result.eigenvalues["eigenvalue"].to_numpy() == pytest.approx(eigen)
    # transition formula: a row is at the barycentre of the columns, divided by sqrt(λ)
    g = result.columns[[f"F{k}" for k in range(1, 5)]].to_numpy()
    f = result.rows[[f"F{k}" for k in range(1, 5)]].to_numpy()
    profiles = counts / counts.sum(axis=1, keepdims=True)
    assert f == pytest.approx(profiles @ g / np.sqrt(eigen))
    # contributions add up to 1 on each axis; squared cosines over all axes to 1 per row
    for points in (result.rows, result.columns):
        assert points[[f"ctr{k}" for k in range(1, 5)]].sum().to_numpy() == pytest.approx(1)
        assert points[[f"cos2_{k}" for k in range(1, 5)]].sum(axis=1).to_numpy() \
            == pytest.approx(1)


def test_a_table_without_two_parts_is_refused_in_french():
    with pytest.raises(ValueError, match="au moins deux lignes et deux colonnes"):
        correspondence_table(SMOKE[["none"]])


def test_the_factor_map_has_titled_axes_and_no_label_over_another():
    ax = plots.correspondence_map(correspondence_table(SMOKE), n_terms=5)
    assert ax.get_xlabel() == "F1 (87,8 % de l’inertie)"
    assert ax.get_ylabel() == "F2 (11,8 % de l’inertie)"
    renderer = ax.figure.canvas.get_renderer()
    boxes = [text.get_window_extent(renderer) for text in ax.texts]
    assert len(boxes) == 9  # 4 parts and 5 staff groups
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b)
    plots.close(ax)


def test_on_the_corpus_by_kind(sample_analysis):
    result = correspondence(sample_analysis.tokens, "kind", min_freq=3)
    assert list(result.columns.index) == ["comment", "testimonial"]
    assert len(result.eigenvalues) == 1  # two parts: one axis


def test_every_public_name_is_the_function_however_often_it_is_reached():
    import importlib

    import corpus_tools

    for name, module in corpus_tools._PUBLIC.items():
        first = getattr(corpus_tools, name)
        importlib.import_module(module)  # as another module's import would
        assert getattr(corpus_tools, name) is first, name
        assert not isinstance(first, type(corpus_tools)), f"{name} is a module"
