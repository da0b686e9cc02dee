"""Lesson 03: the single-cell LQ, Shannon diversity, cluster stars, and the
three widgets driven through their controls."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from klaster import data, measures
from klaster.widgets.location_quotient import LQCalculator, LQExplorer, StarsExplorer, lq_band, read_location_quotient


def test_lq_from_counts_matches_reat_and_the_matrix_function():
    assert measures.location_quotient_from_counts(1714, 79006, 879213, 15593224) == pytest.approx(0.3847623, abs=5e-8)
    emp = pd.DataFrame({"a": [30.0, 10.0], "b": [10.0, 50.0]}, index=["x", "y"])
    assert measures.location_quotient_from_counts(30, 40, 40, 100) == pytest.approx(
        measures.location_quotient(emp).loc["x", "a"])


@pytest.mark.parametrize("args, message", [
    ((-1, 10, 10, 100), "negative"),
    ((1, 0, 10, 100), "regional total is 0"),
    ((1, 10, 10, 0), "national total is 0"),
    ((1, 10, 0, 100), "no jobs in the nation"),
    ((20, 10, 30, 100), "more than all the region's jobs"),
    ((5, 10, 3, 100), "more jobs in the industry than the whole nation"),
    ((5, 200, 30, 100), "more jobs than the whole nation"),
    (("many", 10, 30, 100), "must be a number"),
    ((float("nan"), 10, 30, 100), "missing"),
])
def test_lq_from_counts_explains_impossible_numbers(args, message):
    with pytest.raises(ValueError, match=message):
        measures.location_quotient_from_counts(*args)


def test_shannon_diversity_extremes_and_hand_case():
    emp = pd.DataFrame({"a": [10, 5, 0], "b": [0, 5, 0], "c": [0, 0, 0]}, index=["one", "two", "none"])
    result = measures.shannon_diversity(emp)
    assert result["one"] == 0
    assert result["two"] == pytest.approx(np.log(2))
    assert np.isnan(result["none"])
    assert measures.shannon_diversity(emp, normalized=True)["two"] == pytest.approx(np.log(2) / np.log(3))


def test_cluster_stars_hand_case():
    # 10 regions; industry "x" has one big specialised region.
    emp = pd.DataFrame({"x": [100, 5, 5, 5, 5, 5, 5, 5, 5, 5], "y": [100] * 10},
                       index=[f"r{k}" for k in range(10)])
    stars = measures.cluster_stars(emp)
    top = stars.loc[("r0", "x")]
    assert top["size_star"] and top["focus_star"] and top["stars"] == 3
    assert top["lq"] == pytest.approx((100 / 200) / (145 / 1145))
    assert stars.loc[("r1", "x"), "stars"] == 0
    # "top 10% of 10 regions" = fewer than 1 region strictly above: ties at the top all get the size star
    assert stars.xs("y", level="industry")["size_star"].all()


def test_cluster_stars_thresholds_and_bad_values():
    jobs = data.employment_matrix(2024)
    default = measures.cluster_stars(jobs)
    strict = measures.cluster_stars(jobs, lq_threshold=3)
    assert strict["specialisation_star"].sum() < default["specialisation_star"].sum()
    wide = measures.cluster_stars(jobs, top_share=0.25)
    assert wide["size_star"].sum() > default["size_star"].sum()
    assert (default.xs("Tobacco", level="industry")["size_star"].sum()) == 4  # top 10% of 38 provinces
    assert set(default.columns) >= {"employment", "lq", "focus_share", "stars"}
    with pytest.raises(ValueError, match="top_share"):
        measures.cluster_stars(jobs, top_share=10)
    with pytest.raises(ValueError, match="lq_threshold"):
        measures.cluster_stars(jobs, lq_threshold=-1)


def test_read_location_quotient_bands():
    assert "under-represented" in read_location_quotient(0.5, "Aceh", "food")
    assert "about the same" in read_location_quotient(1.1)
    assert "strongly specialised" in read_location_quotient(2.5)
    assert "no jobs" in read_location_quotient(0.0)
    assert lq_band(0.9) == "below 1" and lq_band(1.0) == "1 to 2" and lq_band(2.0) == "2 or more"


def test_lq_calculator_updates_bars_and_sentence():
    calc = LQCalculator()
    assert calc.lq == pytest.approx(0.3847623, abs=1e-6)
    assert "LQ = 0.38" in calc.result.value
    before = calc.view.image.value
    calc.regional_industry.value = 20000
    assert calc.lq == pytest.approx(measures.location_quotient_from_counts(20000, 79006, 879213, 15593224))
    assert calc.bars[1].get_width() == pytest.approx(100 * 20000 / 79006)
    assert "strongly specialised" in calc.result.value
    assert calc.view.image.value != before


@pytest.mark.parametrize("field, value, message", [
    ("regional_total", 0, "regional total is 0"),
    ("regional_industry", -5, "negative"),
    ("regional_industry", 900000, "more than all the region"),
])
def test_lq_calculator_explains_bad_input_and_keeps_it(field, value, message):
    calc = LQCalculator()
    getattr(calc, field).value = value
    assert "Problem:" in calc.result.value and message in calc.result.value
    assert calc.lq is None
    assert getattr(calc, field).value == value          # nothing the user typed is lost
    calc.regional_industry.value = 1714
    calc.regional_total.value = 79006
    assert calc.lq == pytest.approx(0.3847623, abs=1e-6)  # recovers once the input is valid


@pytest.fixture(scope="module")
def explorer():
    return LQExplorer(division="Furniture", year=2024, province="Jawa Tengah")


def test_lq_explorer_shows_the_library_numbers(explorer):
    expected = measures.location_quotient(data.employment_matrix(2024))
    codes = dict(zip(data.load_provinces()["name"], data.load_provinces()["bps_code"]))
    assert explorer.tile_map.values[codes["Jawa Tengah"]] == pytest.approx(expected.loc["Jawa Tengah", "Furniture"])
    assert "Highest: Jawa Tengah" in explorer.caption.value


def test_lq_explorer_division_and_year_change_map_ranking_and_caption(explorer):
    map_before, rank_before = explorer.map_view.image.value, explorer.ranking_view.image.value
    explorer.division.value = "Electronics"
    assert explorer.map_view.image.value != map_before and explorer.ranking_view.image.value != rank_before
    assert "Highest: Kepulauan Riau" in explorer.caption.value
    assert explorer.ranking_ax.get_title().startswith("Provinces ranked by LQ in Electronics, 2024")
    labels = explorer.ranking.labels()
    assert labels[-1] == "Kepulauan Riau" and len(labels) == 38 and len(set(labels)) == 38
    explorer.year.value = 2019
    expected_2019 = measures.location_quotient(data.employment_matrix(2019))
    codes = dict(zip(data.load_provinces()["name"], data.load_provinces()["bps_code"]))
    assert explorer.tile_map.values[codes["Kepulauan Riau"]] == pytest.approx(expected_2019.loc["Kepulauan Riau", "Electronics"])
    assert "2019" in explorer.map_view.figure.axes[0].get_title()
    explorer.year.value = 2024


def test_lq_explorer_province_changes_profile_only(explorer):
    map_before = explorer.map_view.image.value
    profile_before = explorer.profile_view.image.value
    explorer.province.value = "Bali"
    assert explorer.profile_view.image.value != profile_before
    assert explorer.map_view.image.value == map_before
    assert explorer.profile_ax.get_title().startswith("Bali")
    assert "Other manufacturing" in explorer.profile_caption.value


def test_stars_explorer_list_follows_thresholds():
    widget = StarsExplorer()
    default_count = len(widget.stars)
    expected = measures.cluster_stars(data.employment_matrix(2024))
    assert default_count == int((expected["stars"] >= 2).sum())
    assert "Jawa Tengah" in widget.table.value and "★★★" in widget.table.value
    widget.lq_threshold.value = 3.5
    assert len(widget.stars) < default_count
    assert "LQ ≥ 3.5" in widget.summary.value
    widget.min_stars.value = 3
    assert (widget.stars["stars"] == 3).all()
    widget.top_share.value = 25
    assert widget.stars["size_star"].sum() >= 1


def test_lq_explorer_draws_the_axes_of_each_range_once_and_shows_what_a_fresh_draw_shows():
    """The ranking keeps the axes of every range shown: a division whose range came before reuses them,
    and every picture equals the one a widget drawing from scratch shows for the same division."""
    explorer, fresh = LQExplorer(), LQExplorer()
    divisions = list(explorer.division.options)[:10]
    shots, ends = [], set()
    for division in divisions + divisions[:4]:
        explorer.division.value = division
        ends.add(explorer.ranking_ax.get_xlim()[1])
        shots.append((division, explorer.ranking_view.render().copy()))
    assert explorer.ranking_view.tick_draws <= len(ends) + 1  # the first draw, then once per new range
    for division, picture in shots:
        fresh.division.value = division
        assert np.array_equal(picture, fresh.ranking_view.render(fresh=True)), division


def test_lq_explorer_shows_a_state_seen_before_without_drawing_it_again(monkeypatch):
    """Back to a year or division shown before: the kept picture, which is what a fresh draw shows."""
    explorer = LQExplorer()
    first = {name: bytes(getattr(explorer, name).image.value) for name in ("map_view", "ranking_view", "profile_view")}
    explorer.year.value = 2019
    explorer.division.value = "Apparel"
    explorer.division.value, explorer.year.value = "Furniture", 2024  # back to the state the widget opened with
    drawn = []
    for name in ("map_view", "ranking_view", "profile_view"):
        view = getattr(explorer, name)
        monkeypatch.setattr(view, "render", lambda fresh=False, name=name: drawn.append(name))
    explorer.year.value = 2019  # shown before, too
    explorer.year.value = 2024
    assert drawn == []
    monkeypatch.undo()
    for name, picture in first.items():
        view = getattr(explorer, name)
        assert bytes(view.image.value) == picture
        assert np.array_equal(view.render(fresh=True), LQExplorer().__getattribute__(name).render(fresh=True))
    assert explorer.ranking.labels()[-1] == explorer.lq["Furniture"].idxmax()  # the chart describes the state shown
