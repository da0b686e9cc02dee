"""Lesson 04: the cluster portfolio, the shift-share reading, and the two widgets."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from klaster import data, measures
from klaster.widgets.shift_share import ALL_DIVISIONS, PortfolioExplorer, ShiftShareExplorer, read_shift_share


def test_portfolio_quadrants_hand_case():
    start = pd.DataFrame({"a": [10.0, 10.0], "b": [10.0, 10.0]}, index=["x", "y"])
    end = pd.DataFrame({"a": [30.0, 10.0], "b": [10.0, 10.0]}, index=["x", "y"])
    p = measures.cluster_portfolio(start, end)
    assert p.loc[("x", "a"), "lq_end"] == pytest.approx(1.125)
    assert p.loc[("x", "a"), "quadrant"] == "strong and advancing"    # LQ 1 -> 1.125
    assert p.loc[("y", "a"), "quadrant"] == "weak and declining"      # LQ 1 -> 0.75
    assert p.loc[("y", "b"), "quadrant"] == "strong and advancing"    # LQ 1 -> 1.5
    assert p.loc[("x", "b"), "quadrant"] == "weak and declining"      # LQ 1 -> 0.75
    start = pd.DataFrame({"a": [20.0, 10.0], "b": [10.0, 20.0]}, index=["x", "y"])
    end = pd.DataFrame({"a": [20.0, 10.0], "b": [20.0, 20.0]}, index=["x", "y"])
    p = measures.cluster_portfolio(start, end)
    assert p.loc[("x", "a"), "quadrant"] == "mature or at risk"       # LQ 1.33 -> 1.17
    assert p.loc[("x", "b"), "quadrant"] == "emerging"                # LQ 0.67 -> 0.875
    assert p.loc[("x", "b"), "growth"] == pytest.approx(0.875 - 2 / 3)
    jobs = measures.cluster_portfolio(start, end, growth="job_growth")
    assert jobs.loc[("x", "b"), "growth"] == pytest.approx(100)
    relative = measures.cluster_portfolio(start, end, growth="relative_job_growth")
    assert relative.loc[("x", "b"), "growth"] == pytest.approx(100 - 100 * (40 / 30 - 1))


def test_portfolio_rounding_noise_does_not_decide_a_quadrant():
    """Every cell grows by the same factor: every LQ stays the same, so nothing is 'growing', whatever
    the last bits of the divisions say (with these numbers several LQ changes come out as ±1e-16)."""
    rng = np.random.default_rng(7)
    start = pd.DataFrame(rng.integers(1, 1000, size=(12, 7)).astype(float), index=[f"r{k}" for k in range(12)],
                         columns=[f"i{k}" for k in range(7)])
    end = start * 1.37
    noisy = (measures.location_quotient(end) - measures.location_quotient(start)).to_numpy()
    assert (noisy != 0).any()  # the case this test is about: exact zeros do not come out of floating point
    p = measures.cluster_portfolio(start, end)
    assert set(p["quadrant"]) <= {"mature or at risk", "weak and declining"}
    relative = measures.cluster_portfolio(start, end, growth="relative_job_growth")
    assert set(relative["quadrant"]) <= {"mature or at risk", "weak and declining"}
    equal = pd.DataFrame(1.0, index=start.index, columns=start.columns) * start.sum(axis=1).to_numpy()[:, None]
    flat = measures.cluster_portfolio(equal, equal)
    assert (flat["quadrant"] == "weak and declining").all()  # LQ exactly 1 in exact arithmetic is not "> 1"


def test_portfolio_new_cells_have_no_growth_and_bad_measure_is_explained():
    start = pd.DataFrame({"a": [0.0, 10.0], "b": [5.0, 5.0]}, index=["x", "y"])
    end = pd.DataFrame({"a": [4.0, 10.0], "b": [5.0, 5.0]}, index=["x", "y"])
    p = measures.cluster_portfolio(start, end)
    assert np.isnan(p.loc[("x", "a"), "growth"]) and pd.isna(p.loc[("x", "a"), "quadrant"])
    with pytest.raises(ValueError, match="growth must be one of"):
        measures.cluster_portfolio(start, end, growth="speed")


def test_read_shift_share_names_every_component_and_the_largest():
    parts = pd.Series({"national_share": 10.0, "industry_mix": -2.0, "competitive": 30.0, "total_change": 38.0})
    text = read_shift_share(parts, "Aceh", "Food", (2019, 2024))
    assert "gained 38" in text and "took away 2" in text and "better" in text
    assert text.endswith("The largest part is the competitive effect.")


@pytest.fixture(scope="module")
def waterfall():
    return ShiftShareExplorer(province="Jawa Tengah")


def test_waterfall_shows_the_library_decomposition(waterfall):
    expected = measures.shift_share(data.employment_matrix(2019), data.employment_matrix(2024)).loc["Jawa Tengah"].sum()
    pd.testing.assert_series_equal(waterfall.parts, expected)
    heights = [p.get_height() for p in waterfall.ax.patches]
    assert heights[1:4] == pytest.approx(expected[["national_share", "industry_mix", "competitive"]].abs().tolist())
    assert heights[0] == pytest.approx(data.employment_matrix(2019).loc["Jawa Tengah"].sum())
    assert heights[4] == pytest.approx(data.employment_matrix(2024).loc["Jawa Tengah"].sum())
    assert f"{abs(expected['total_change']):,.0f}" in waterfall.reading.value


def test_waterfall_follows_province_and_division(waterfall):
    before = waterfall.view.image.value
    waterfall.division.value = "Apparel"
    expected = measures.shift_share(data.employment_matrix(2019), data.employment_matrix(2024)).loc[("Jawa Tengah", "Apparel")]
    assert waterfall.parts["competitive"] == pytest.approx(expected["competitive"])
    assert "jobs in Apparel" in waterfall.reading.value
    assert waterfall.view.image.value != before
    waterfall.province.value = "Jawa Barat"
    assert waterfall.ax.get_title().startswith("Jawa Barat, Apparel")
    waterfall.division.value = ALL_DIVISIONS
    assert "manufacturing jobs" in waterfall.reading.value


def test_portfolio_explorer_modes_and_growth_measures():
    widget = PortfolioExplorer(mode="province", choice="Jawa Tengah", growth="lq_change")
    assert len(widget.table) == len(widget.ax.collections[0].get_offsets())
    assert set(widget.table.index) <= set(data.employment_matrix(2024).columns)
    offsets_before = widget.ax.collections[0].get_offsets().copy()
    widget.growth.value = "job_growth"
    assert not np.allclose(widget.ax.collections[0].get_offsets(), offsets_before)
    assert widget.ax.get_ylabel().startswith("job growth (%)")
    widget.mode.value = "division"
    assert widget.choice.value == "Food" and "Food" in widget.ax.get_title()
    widget.choice.value = "Basic metals"
    expected = measures.cluster_portfolio(data.employment_matrix(2019), data.employment_matrix(2024), growth="job_growth")
    row = widget.table.loc["Sulawesi Tengah"]
    assert row["growth"] == pytest.approx(expected.loc[("Sulawesi Tengah", "Basic metals"), "growth"])
    assert "strong and advancing:" in widget.caption.value
