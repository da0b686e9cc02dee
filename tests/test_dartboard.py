"""The dartboard of lesson 07 (klaster.dartboard): agreement with
ellison_glaeser, gamma averaging zero under random placement, hand cases,
bad input, and the lesson's checked exercises."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from klaster import KlasterTypeError, KlasterValueError, data
from klaster.checks import evaluate
from klaster.dartboard import (division_plant_sizes, expected_raw_concentration, gamma_from,
                               lognormal_plant_sizes, placements, province_employment, real_concentration,
                               share_at_least, simulate)
from klaster.measures import ellison_glaeser, herfindahl

X_JOBS = pd.Series({"A": 500.0, "B": 300.0, "C": 150.0, "D": 50.0})


@pytest.mark.parametrize("seed", range(3))
def test_simulate_agrees_with_ellison_glaeser_draw_by_draw(seed):
    sizes = lognormal_plant_sizes(25, 1.2, seed=seed)
    simulated = simulate(sizes, X_JOBS, draws=20, seed=seed)
    table = placements(sizes, X_JOBS, draws=20, seed=seed)
    eg = ellison_glaeser(table, region="region", industry="draw", employment="workers", region_employment=X_JOBS)
    np.testing.assert_allclose(simulated["G"].to_numpy(), eg["G"].to_numpy(), rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(simulated["gamma"].to_numpy(), eg["gamma"].to_numpy(), rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(eg["H"].to_numpy(), simulated.attrs["H"])


@pytest.mark.parametrize("n_plants, spread", [(5, 0.0), (30, 1.0), (200, 2.0)])
def test_gamma_averages_zero_and_G_its_expected_value_under_the_dartboard(n_plants, spread):
    # Property (Ellison & Glaeser 1997): under random placement E[G] = (1 - sum x^2) H and E[gamma] = 0.
    sizes = lognormal_plant_sizes(n_plants, spread, seed=11)
    simulated = simulate(sizes, X_JOBS, draws=4000, seed=5)
    standard_error = simulated["gamma"].std() / np.sqrt(len(simulated))
    assert abs(simulated["gamma"].mean()) < 4 * standard_error
    g_error = simulated["G"].std() / np.sqrt(len(simulated))
    assert abs(simulated["G"].mean() - simulated.attrs["expected_G"]) < 4 * g_error
    assert simulated.attrs["expected_G"] == pytest.approx(expected_raw_concentration(sizes, X_JOBS))


def test_gamma_averages_zero_on_the_course_panel():
    x = province_employment(2024)
    simulated = simulate(division_plant_sizes("Tobacco"), x, draws=500, seed=1)
    assert abs(simulated["gamma"].mean()) < 4 * simulated["gamma"].std() / np.sqrt(500)


def test_hand_case_of_the_lesson():
    # x = (0.6, 0.4); plants 40, 30, 20 in A and 10 in B: s = (0.9, 0.1), G = 0.18,
    # sum x^2 = 0.52, H = 0.30, gamma = (0.18 - 0.48 * 0.3) / (0.48 * 0.7) = 0.036 / 0.336.
    assert gamma_from(0.18, 0.30, [0.6, 0.4]) == pytest.approx(0.036 / 0.336)
    assert expected_raw_concentration([40, 30, 20, 10], [60, 40]) == pytest.approx(0.48 * 0.30)
    assert np.isnan(gamma_from(0.5, 1.0, [0.6, 0.4]))       # one plant: undefined


def test_all_plants_in_one_region_and_equal_plants():
    # one region takes every dart when the others have no jobs: s = x exactly, G = 0
    simulated = simulate([10, 10, 10, 10], pd.Series({"A": 1.0, "B": 0.0, "C": 0.0}), draws=5)
    np.testing.assert_allclose(simulated["G"], 0.0, atol=1e-15)
    equal = lognormal_plant_sizes(8, 0.0, seed=3)
    assert np.allclose(equal, equal[0])
    assert simulate(equal, X_JOBS, draws=3).attrs["H"] == pytest.approx(1 / 8)


def test_regions_are_numpys_choice_exactly():
    """The look-up table in _region_blocks gives the very numbers of Generator.choice (faster)."""
    from klaster.dartboard import _draw_regions
    rng = np.random.default_rng(0)
    for _ in range(20):
        n = int(rng.integers(2, 40))
        x = rng.random(n)
        x[rng.random(n) < 0.2] = 0.0  # regions without jobs
        x[0] += 0.01
        x /= x.sum()
        draws, plants, seed = int(rng.integers(1, 150)), int(rng.integers(1, 200)), int(rng.integers(10**6))
        expected = np.random.default_rng(seed).choice(n, size=(draws, plants), p=x)
        found = _draw_regions(x, draws, plants, seed)
        assert found.dtype == expected.dtype and np.array_equal(found, expected)


def test_seeds_make_draws_reproducible():
    sizes = lognormal_plant_sizes(40, 1.0, seed=2)
    pd.testing.assert_frame_equal(simulate(sizes, X_JOBS, 50, seed=9), simulate(sizes, X_JOBS, 50, seed=9))
    assert not simulate(sizes, X_JOBS, 50, seed=9)["G"].equals(simulate(sizes, X_JOBS, 50, seed=10)["G"])
    np.testing.assert_array_equal(lognormal_plant_sizes(10, 1.0, seed=4), lognormal_plant_sizes(10, 1.0, seed=4))


def test_more_unequal_plants_give_a_larger_herfindahl():
    hs = [herfindahl(lognormal_plant_sizes(300, spread, seed=1)) for spread in (0.0, 0.5, 1.0, 2.0)]
    assert hs[0] == pytest.approx(1 / 300)
    assert hs == sorted(hs)


def test_share_at_least():
    table = pd.DataFrame({"G": [0.1, 0.2, 0.3, 0.4], "gamma": [-0.1, 0.0, 0.1, 0.2]})
    assert share_at_least(table, 0.1) == pytest.approx(0.5)
    assert share_at_least(table, 0.25, column="G") == pytest.approx(0.5)
    with pytest.raises(KlasterValueError, match="simulate"):
        share_at_least(pd.DataFrame({"x": [1]}), 0.1)


def test_real_concentration_is_ellison_glaeser_on_the_course_data():
    real, x = real_concentration(2024)
    plants = data.load_plants()
    direct = ellison_glaeser(plants, region="bps_code", industry="division", employment="workers",
                             region_employment=province_employment(2024))
    assert real.loc["Tobacco", "gamma"] == pytest.approx(direct.loc["12", "gamma"])
    assert real.loc["Food", "plants"] == (plants["division"] == "10").sum()
    assert x.sum() == data.load_employment_panel().query("year == 2024")["workers"].sum()
    assert len(real) == 24


def test_division_plant_sizes_by_name_or_code():
    by_name = division_plant_sizes("tobacco")
    by_code = division_plant_sizes("12")
    pd.testing.assert_series_equal(by_name, by_code)
    assert len(by_name) == (data.load_plants()["division"] == "12").sum()
    with pytest.raises(KlasterValueError, match="no plants of division 'Spaceships'"):
        division_plant_sizes("Spaceships")


@pytest.mark.parametrize("sizes, shares, words", [
    ([], X_JOBS, "empty"),
    ([10, -1], X_JOBS, "negative"),
    ([10, np.nan], X_JOBS, "missing"),
    ([0, 0], X_JOBS, "zero workers"),
    ([10, 20], pd.Series({"A": 1.0}), "at least two regions"),
    ([10, 20], pd.Series({"A": 0.0, "B": 0.0}), "all zero"),
    ([10, 20], pd.Series({"A": -1.0, "B": 2.0}), "zero or positive"),
])
def test_bad_input_raises_clear_messages(sizes, shares, words):
    with pytest.raises(KlasterValueError, match=words):
        simulate(sizes, shares, draws=5)


def test_bad_arguments():
    with pytest.raises(KlasterValueError, match="draws"):
        simulate([1, 2], X_JOBS, draws=0)
    with pytest.raises(KlasterTypeError, match="plant_sizes"):
        simulate(pd.DataFrame({"a": [1]}), X_JOBS)
    with pytest.raises(KlasterTypeError, match="region_shares"):
        simulate([1, 2], "A B C")
    with pytest.raises(KlasterValueError, match="at least 1"):
        lognormal_plant_sizes(0, 1.0)
    with pytest.raises(KlasterValueError, match="spread"):
        lognormal_plant_sizes(5, -0.5)
    with pytest.raises(KlasterValueError, match="no year"):
        province_employment(2000)


# -- the checked exercises of lesson 07 ---------------------------------------

def test_lesson07_small_case_is_the_hand_computation():
    # regions 500/300/200; plants 30, 25, 20, 15 in A and 10 in C: s = (0.9, 0, 0.1),
    # G = 0.16 + 0.09 + 0.01 = 0.26, sum x^2 = 0.38, H = 0.225.
    expected = (0.26 - 0.62 * 0.225) / (0.62 * 0.775)
    assert evaluate("07.4", expected).correct
    assert "that is G" in evaluate("07.4", 0.26).message
    assert "numerator only" in evaluate("07.4", 0.26 - 0.62 * 0.225).message


def test_lesson07_checks_accept_library_answers_and_name_mistakes():
    emp = data.employment_matrix(2024)
    s = emp["Furniture"] / emp["Furniture"].sum()
    x = emp.sum(axis=1) / emp.to_numpy().sum()
    hoover = 0.5 * (s - x).abs().sum()
    assert evaluate("07.1", hoover).correct
    assert "1/2" in evaluate("07.1", 2 * hoover).message
    sizes = division_plant_sizes("Tobacco")
    h = float(((sizes / sizes.sum()) ** 2).sum())
    assert evaluate("07.3", h).correct
    assert "percent" in evaluate("07.3", h * 10_000).message
    assert evaluate("07.7", "Beyond chance").correct         # case and underscores do not matter
    assert "by chance" in evaluate("07.7", "above_zero").message
