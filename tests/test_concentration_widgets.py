"""The widgets of lessons 06 and 07, driven by their controls: the city-size
explorer, the Lorenz-curve explorer and the dartboard."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from klaster import data
from klaster.city_size import LITERATURE_DOUBLING_GAIN, LITERATURE_SIGMA, CitySizeModel
from klaster.dartboard import division_plant_sizes, lognormal_plant_sizes, real_concentration
from klaster.measures import herfindahl, hoover_localization, locational_gini, lorenz_curve
from klaster.widgets.city_size import CitySizeExplorer
from klaster.widgets.concentration import LorenzExplorer
from klaster.widgets.dartboard import DRAWS, SEED, DartboardExplorer

PNG = b"\x89PNG\r\n\x1a\n"


# -- city size ----------------------------------------------------------------

@pytest.fixture(scope="module")
def city():
    return CitySizeExplorer()


def _model_of(widget):
    return CitySizeModel(A=widget.A, sigma=widget.sigma.value, B=widget.cost.value, tau=widget.tau.value)


def test_city_size_starts_with_the_library_numbers(city):
    model = _model_of(city)
    assert city.view.image.value[:8] == PNG
    assert city.optimum == pytest.approx(model.optimal_size())
    assert city.equilibrium == pytest.approx(model.equilibrium_size(city.outside.value))
    assert city.optimum_line.get_xdata()[0] == pytest.approx(city.optimum)
    assert city.equilibrium_line.get_xdata()[0] == pytest.approx(city.equilibrium)
    assert f"N* = {city.optimum:,.2f} million" in city.result.value
    low, high = LITERATURE_SIGMA                                     # the literature's range (Rosenthal & Strange 2004)
    assert low <= city.sigma.min < city.sigma.max <= high
    assert f"{LITERATURE_DOUBLING_GAIN[0]:.0%}–{LITERATURE_DOUBLING_GAIN[1]:.0%} range" in city.result.value
    assert city.ax_net.get_xlabel() and city.ax_net.get_ylabel() and city.ax_net.get_title()


@pytest.mark.parametrize("control, value", [("sigma", 0.09), ("tau", 0.8), ("cost", 9.0), ("outside", 85.0)])
def test_city_size_controls_change_numbers_curves_and_image(city, control, value):
    city.sigma.value, city.tau.value, city.cost.value, city.outside.value = 0.06, 0.5, 6.0, 90.0
    before_image, before_result = city.view.image.value, city.result.value
    before_net = np.array(city.net_line.get_ydata()).copy()
    before_eq = city.equilibrium
    getattr(city, control).value = value
    model = _model_of(city)
    assert city.optimum == pytest.approx(model.optimal_size())
    assert city.equilibrium == pytest.approx(model.equilibrium_size(city.outside.value))
    assert city.equilibrium != pytest.approx(before_eq)
    assert city.view.image.value != before_image
    assert city.result.value != before_result
    if control != "outside":
        assert not np.allclose(city.net_line.get_ydata(), before_net)
    np.testing.assert_allclose(city.net_line.get_ydata(), model.net_benefit(np.asarray(city.net_line.get_xdata())))
    assert city.outside_line.get_ydata()[0] == pytest.approx(city.outside.value)
    assert city.message.value == ""


def test_city_size_outside_option_too_high_shows_a_problem_and_keeps_the_input(city):
    city.sigma.value, city.tau.value, city.cost.value, city.outside.value = 0.06, 0.5, 6.0, 90.0
    city.outside.value = 105.0
    assert "Problem:" in city.message.value and "no equilibrium size" in city.message.value
    assert city.result.value == ""
    assert not city.equilibrium_line.get_visible()
    assert np.isnan(city.equilibrium)
    assert city.outside.value == 105.0 and city.sigma.value == 0.06     # nothing the user entered is lost
    city.outside.value = 90.0
    assert city.message.value == "" and city.equilibrium_line.get_visible()
    assert city.equilibrium == pytest.approx(_model_of(city).equilibrium_size(90.0))


# -- Lorenz curve ---------------------------------------------------------------

@pytest.fixture(scope="module")
def lorenz():
    return LorenzExplorer()


@pytest.mark.parametrize("division, year", [("Food", 2024), ("Electronics", 2019), ("Repair & installation", 2024)])
def test_lorenz_follows_division_and_year(lorenz, division, year):
    lorenz.division.value, lorenz.year.value = "Tobacco", 2024
    before_image, before_line = lorenz.view.image.value, np.array(lorenz.line.get_ydata()).copy()
    lorenz.division.value = division
    lorenz.year.value = year
    emp = data.employment_matrix(year)
    assert lorenz.gini_value == pytest.approx(locational_gini(emp)[division])
    assert lorenz.hoover_value == pytest.approx(hoover_localization(emp)[division])
    expected = lorenz_curve(emp, division)
    np.testing.assert_allclose(lorenz.line.get_xdata(), expected["x"])
    np.testing.assert_allclose(lorenz.line.get_ydata(), expected["y"])
    assert not np.array_equal(lorenz.line.get_ydata(), before_line)
    # the red segment is the Hoover coefficient: the largest vertical gap under the diagonal
    xs, ys = lorenz.hoover_segment.get_data()
    assert abs(ys[1] - ys[0]) == pytest.approx(lorenz.hoover_value)
    assert lorenz.view.image.value != before_image
    assert f"{lorenz.gini_value:.3f}" in lorenz.result.value and division in lorenz.result.value
    assert division in lorenz.ax.get_title() and str(year) in lorenz.ax.get_title()
    assert "synthetic" in lorenz.caption.value.lower()


def test_lorenz_division_without_jobs_shows_a_problem():
    panel = data.load_employment_panel()
    panel.loc[(panel["division_name"] == "Tobacco") & (panel["year"] == 2019), "workers"] = 0
    widget = LorenzExplorer(division="Food", panel=panel)
    widget.year.value = 2019
    widget.division.value = "Tobacco"
    assert "Problem:" in widget.message.value and "no jobs" in widget.message.value
    assert np.isnan(widget.gini_value)
    assert widget.division.value == "Tobacco" and widget.year.value == 2019
    widget.year.value = 2024
    assert widget.message.value == "" and widget.gini_value > 0


# -- dartboard ------------------------------------------------------------------

@pytest.fixture(scope="module")
def darts():
    return DartboardExplorer(plants=30, spread=1.0, division="Tobacco")


def _heights(bars):
    return np.array([bar.get_height() for bar in bars])


def test_dartboard_histograms_count_every_draw_and_mark_the_real_values(darts):
    real, _ = real_concentration(2024)
    assert _heights(darts.G_bars).sum() == DRAWS and _heights(darts.gamma_bars).sum() == DRAWS
    assert darts.real_gamma_line.get_xdata()[0] == pytest.approx(real.loc["Tobacco", "gamma"])
    assert darts.real_G_line.get_xdata()[0] == pytest.approx(real.loc["Tobacco", "G"])
    assert darts.expected_G_line.get_xdata()[0] == pytest.approx(darts.simulated.attrs["expected_G"])
    assert darts.view.image.value[:8] == PNG


@pytest.mark.parametrize("plants, spread", [(5, 2.0), (300, 0.0), (120, 1.5)])
def test_dartboard_sliders_change_plants_H_and_histograms(darts, plants, spread):
    darts.own_plants.value = False
    darts.plants.value, darts.spread.value = 30, 1.0
    before_image, before_heights = darts.view.image.value, _heights(darts.G_bars)
    before_G = darts.simulated["G"].mean()
    darts.plants.value = plants
    darts.spread.value = spread
    sizes = lognormal_plant_sizes(plants, spread, seed=SEED)
    assert darts.simulated.attrs["plants"] == plants
    assert darts.simulated.attrs["H"] == pytest.approx(herfindahl(sizes))
    assert darts.simulated["G"].mean() != pytest.approx(before_G)
    assert darts.view.image.value != before_image
    assert not np.array_equal(_heights(darts.G_bars), before_heights)
    assert _heights(darts.gamma_bars).sum() == DRAWS
    assert f"H = <b>{herfindahl(sizes):.4f}</b>" in darts.result.value
    # gamma stays centred on zero whatever the plants
    assert abs(darts.simulated["gamma"].mean()) < 4 * darts.simulated["gamma"].std() / np.sqrt(DRAWS)


def test_dartboard_division_and_own_plants(darts):
    darts.plants.value, darts.spread.value, darts.own_plants.value = 30, 1.0, False
    darts.division.value = "Repair & installation"
    real, _ = real_concentration(2024)
    assert darts.real_gamma_line.get_xdata()[0] == pytest.approx(real.loc["Repair & installation", "gamma"])
    assert "Repair & installation" in darts.ax_gamma.get_title()
    darts.own_plants.value = True
    sizes = division_plant_sizes("Repair & installation")
    assert darts.plants.disabled and darts.spread.disabled
    assert darts.simulated.attrs["plants"] == len(sizes)
    assert darts.simulated.attrs["H"] == pytest.approx(herfindahl(sizes))
    assert f"own {len(sizes):,} plants" in darts.result.value
    assert "chance alone could explain it" in darts.result.value
    darts.division.value = "Tobacco"
    assert "more concentrated than chance" in darts.result.value
    darts.own_plants.value = False
    assert not darts.plants.disabled


def test_dartboard_axes_show_every_bar_and_mark_and_stay_put_when_they_can(darts):
    darts.plants.value, darts.spread.value, darts.own_plants.value = 30, 1.0, False
    for plants, spread, division in ((5, 2.0, "Tobacco"), (300, 0.0, "Food"), (120, 1.5, "Repair & installation")):
        darts.plants.value, darts.spread.value, darts.division.value = plants, spread, division
        for ax, bars, lines in ((darts.ax_G, darts.G_bars, (darts.real_G_line, darts.expected_G_line)),
                                (darts.ax_gamma, darts.gamma_bars, (darts.real_gamma_line, darts.zero_line))):
            left, right = ax.get_xlim()
            assert all(left <= bar.get_x() and bar.get_x() + bar.get_width() <= right for bar in bars)
            assert all(left <= line.get_xdata()[0] <= right for line in lines)
            assert max(bar.get_height() for bar in bars) < ax.get_ylim()[1]
    simulated, limits = darts.simulated, (darts.ax_G.get_xlim(), darts.ax_gamma.get_xlim())
    darts.division.value = "Chemicals"  # made-up plants: the same draws, and the axes need not move
    assert darts.simulated is simulated
    assert (darts.ax_G.get_xlim(), darts.ax_gamma.get_xlim()) == limits


def test_dartboard_single_plant_shows_a_problem_and_keeps_the_input(darts):
    darts.own_plants.value = False
    darts.plants.value = 1
    assert "Problem:" in darts.message.value and "single plant" in darts.message.value
    assert darts.simulated is None and darts.plants.value == 1
    darts.plants.value = 2
    assert darts.message.value == "" and darts.simulated.attrs["plants"] == 2
