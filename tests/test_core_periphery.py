"""The core-periphery model (Krugman 1991; Fujita, Krugman & Venables 1999, ch. 5):
known results, properties of the equilibrium, the break and sustain points against
the simulation, the tomahawk, bad parameters, the lesson-08 widget and checks."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from klaster import core_periphery as cp
from klaster.checks import REGISTRY, evaluate
from klaster.checks import lesson08
from klaster.widgets.core_periphery import GAP_FILL, CorePeripheryExplorer, gap_limit, read_equilibria

PARAMETERS = [  # (mu, sigma): from weak to strong agglomeration forces, all with mu < (sigma - 1) / sigma
    (0.4, 5.0), (0.3, 6.0), (0.1, 2.0), (0.5, 3.0), (0.2, 4.0), (0.6, 8.0), (0.8, 10.0),
]


def wage_equation_residuals(table: pd.DataFrame, mu: float, sigma: float, t: float) -> np.ndarray:
    """Recompute Y, G and w from a solved table (FKV 1999, eqs. of ch. 5) and return the differences."""
    lam = table.index.to_numpy()
    w1, w2 = table["w1"].to_numpy(), table["w2"].to_numpy()
    y1 = mu * lam * w1 + (1 - mu) / 2
    y2 = mu * (1 - lam) * w2 + (1 - mu) / 2
    g1 = (lam * w1 ** (1 - sigma) + (1 - lam) * (w2 * t) ** (1 - sigma)) ** (1 / (1 - sigma))
    g2 = (lam * (w1 * t) ** (1 - sigma) + (1 - lam) * w2 ** (1 - sigma)) ** (1 / (1 - sigma))
    new1 = (y1 * g1 ** (sigma - 1) + y2 * g2 ** (sigma - 1) * t ** (1 - sigma)) ** (1 / sigma)
    new2 = (y1 * g1 ** (sigma - 1) * t ** (1 - sigma) + y2 * g2 ** (sigma - 1)) ** (1 / sigma)
    omega1, omega2 = w1 * g1 ** -mu, w2 * g2 ** -mu
    return np.concatenate([y1 - table["Y1"], y2 - table["Y2"], g1 - table["G1"], g2 - table["G2"],
                           new1 - w1, new2 - w2, omega1 - omega2 - table["gap"]])


# --- the short-run equilibrium --------------------------------------------------------

@pytest.mark.parametrize("mu, sigma", PARAMETERS)
@pytest.mark.parametrize("t", [1.0, 1.3, 1.7, 2.5])
def test_symmetric_equilibrium_has_equal_wages_and_no_gap(mu, sigma, t):
    row = cp.short_run_equilibrium(0.5, mu=mu, sigma=sigma, transport_cost=t)
    # by hand: w1 = w2 = 1, Y1 = Y2 = 1/2, G^(1-sigma) = (1 + T^(1-sigma)) / 2
    assert row["w1"] == pytest.approx(1.0, abs=1e-10) and row["w2"] == pytest.approx(1.0, abs=1e-10)
    assert row["Y1"] == pytest.approx(0.5) and row["Y2"] == pytest.approx(0.5)
    g = ((1 + t ** (1 - sigma)) / 2) ** (1 / (1 - sigma))
    assert row["G1"] == pytest.approx(g) and row["G2"] == pytest.approx(g)
    assert row["gap"] == pytest.approx(0.0, abs=1e-10)


@pytest.mark.parametrize("mu, sigma", PARAMETERS)
@pytest.mark.parametrize("t", [1.05, 1.5, 2.2])
def test_wages_and_price_indices_satisfy_the_equilibrium_equations(mu, sigma, t):
    table = cp.short_run_equilibrium(np.linspace(0, 1, 21), mu=mu, sigma=sigma, transport_cost=t)
    assert np.max(np.abs(wage_equation_residuals(table, mu, sigma, t))) < 1e-9


@pytest.mark.parametrize("mu, sigma", PARAMETERS[:4])
def test_newton_and_damped_fixed_point_iteration_agree(mu, sigma):
    shares = np.linspace(0, 1, 11)
    newton = cp.short_run_equilibrium(shares, mu=mu, sigma=sigma, transport_cost=1.6)
    fixed = cp.short_run_equilibrium(shares, mu=mu, sigma=sigma, transport_cost=1.6, method="fixed-point",
                                     damping=0.7)
    pd.testing.assert_frame_equal(newton, fixed, atol=1e-9, rtol=0)


@pytest.mark.parametrize("mu, sigma", PARAMETERS)
def test_wage_bill_equals_manufacturing_spending(mu, sigma):
    """Walras' law: total income is 1, so lambda w1 + (1 - lambda) w2 = 1 in every equilibrium."""
    table = cp.short_run_equilibrium(np.linspace(0, 1, 11), mu=mu, sigma=sigma, transport_cost=1.8)
    lam = table.index.to_numpy()
    np.testing.assert_allclose(lam * table["w1"] + (1 - lam) * table["w2"], 1.0, atol=1e-10)
    np.testing.assert_allclose(table["Y1"] + table["Y2"], 1.0, atol=1e-10)


@pytest.mark.parametrize("mu, sigma", PARAMETERS)
def test_free_transport_makes_location_irrelevant(mu, sigma):
    """At T = 1 both regions face the same prices: w1 = w2 = 1, G1 = G2 = 1 and the gap is 0 for every lambda."""
    table = cp.short_run_equilibrium(np.linspace(0, 1, 11), mu=mu, sigma=sigma, transport_cost=1.0)
    np.testing.assert_allclose(table[["w1", "w2", "G1", "G2"]], 1.0, atol=1e-10)
    np.testing.assert_allclose(table["gap"], 0.0, atol=1e-10)
    assert cp.stable_equilibria(mu=mu, sigma=sigma, transport_cost=1.0) == ()
    assert cp.equilibria(mu=mu, sigma=sigma, transport_cost=1.0)["kind"].tolist() == ["neutral"]


@pytest.mark.parametrize("mu, sigma", PARAMETERS)
@pytest.mark.parametrize("t", [1.2, 2.0])
def test_the_core_has_the_closed_form_of_fkv(mu, sigma, t):
    """lambda = 1: w1 = G1 = 1, G2 = T, and omega2^sigma = T^(-mu sigma)[(1+mu)/2 T^(1-sigma) + (1-mu)/2 T^(sigma-1)]."""
    row = cp.short_run_equilibrium(1.0, mu=mu, sigma=sigma, transport_cost=t)
    assert row["w1"] == pytest.approx(1.0) and row["G1"] == pytest.approx(1.0) and row["G2"] == pytest.approx(t)
    omega2 = (t ** (-mu * sigma) * ((1 + mu) / 2 * t ** (1 - sigma) + (1 - mu) / 2 * t ** (sigma - 1))) ** (1 / sigma)
    assert row["omega2"] == pytest.approx(omega2)
    assert row["gap"] == pytest.approx(1.0 - omega2)


def test_gap_is_antisymmetric_around_one_half():
    gap = cp.real_wage_gap(mu=0.4, sigma=5, transport_cost=1.7)
    np.testing.assert_allclose(gap.to_numpy(), -gap.to_numpy()[::-1], atol=1e-10)
    assert gap.index.name == "share" and gap.name == "gap"


def test_one_share_gives_a_series_and_a_list_a_table():
    row = cp.short_run_equilibrium(0.7, mu=0.4, sigma=5, transport_cost=1.5)
    assert isinstance(row, pd.Series) and list(row.index) == cp.COLUMNS and row.name == 0.7
    table = cp.short_run_equilibrium([0.2, 0.7], mu=0.4, sigma=5, transport_cost=1.5)
    assert list(table.index) == [0.2, 0.7] and table.loc[0.7, "gap"] == pytest.approx(row["gap"])


# --- break point, sustain point, stability ---------------------------------------------

def test_break_point_by_hand():
    # mu = 0.4, sigma = 5: T_B^4 = (5*1.4 - 1)(1.4) / ((5*0.6 - 1)(0.6)) = 8.4 / 1.2 = 7
    assert cp.break_point(mu=0.4, sigma=5) == pytest.approx(7 ** 0.25)
    # mu = 0.1, sigma = 2: T_B = (1.2 * 1.1) / (0.8 * 0.9) = 11/6
    assert cp.break_point(mu=0.1, sigma=2) == pytest.approx(11 / 6)


@pytest.mark.parametrize("mu, sigma", PARAMETERS)
def test_break_point_is_where_the_slope_at_one_half_changes_sign(mu, sigma):
    t_b = cp.break_point(mu=mu, sigma=sigma)
    assert cp.slope_at_symmetry(mu=mu, sigma=sigma, transport_cost=t_b * 0.999) > 0   # unstable just below
    assert cp.slope_at_symmetry(mu=mu, sigma=sigma, transport_cost=t_b * 1.001) < 0   # stable just above
    assert abs(cp.slope_at_symmetry(mu=mu, sigma=sigma, transport_cost=t_b)) < 1e-5


@pytest.mark.parametrize("mu, sigma", PARAMETERS)
def test_sustain_point_is_where_the_cores_advantage_vanishes(mu, sigma):
    t_s = cp.sustain_point(mu=mu, sigma=sigma)
    gap = lambda t: cp.short_run_equilibrium(1.0, mu=mu, sigma=sigma, transport_cost=t)["gap"]  # noqa: E731
    assert gap(t_s * 0.999) > 0 > gap(t_s * 1.001)
    assert gap(t_s) == pytest.approx(0.0, abs=1e-9)


@pytest.mark.parametrize("mu, sigma", PARAMETERS)
def test_sustain_point_lies_above_the_break_point(mu, sigma):
    """T is a cost: as it falls from high values, the core becomes sustainable (T_S) before the even split
    breaks (T_B), so 1 < T_B < T_S and both are stable in between (FKV 1999, ch. 5)."""
    assert 1 < cp.break_point(mu=mu, sigma=sigma) < cp.sustain_point(mu=mu, sigma=sigma)


@pytest.mark.parametrize("t, expected", [(1.5, (0.0, 1.0)), (1.7, (0.0, 0.5, 1.0)), (2.5, (0.5,))])
def test_stable_equilibria_in_the_three_regimes(t, expected):
    # mu = 0.4, sigma = 5: T_B = 7^(1/4) = 1.627, T_S = 1.807
    assert cp.stable_equilibria(mu=0.4, sigma=5, transport_cost=t) == expected


def test_unstable_equilibria_separate_the_basins_between_the_two_points():
    table = cp.equilibria(mu=0.4, sigma=5, transport_cost=1.7)
    inner = table[table["kind"] == "uneven (interior)"]
    assert len(inner) == 2 and not inner["stable"].any()
    low, high = inner["share"]
    assert low + high == pytest.approx(1.0, abs=1e-3) and 0 < low < 0.5
    below, above = cp.short_run_equilibrium([low - 0.01, low + 0.01], mu=0.4, sigma=5, transport_cost=1.7)["gap"]
    assert below < 0 < above          # the gap rises through zero: unstable


def test_long_run_share_and_adjustment_path_agree():
    for start, t in [(0.45, 1.5), (0.55, 1.5), (0.3, 1.7), (0.1, 1.7), (0.9, 2.5)]:
        end = cp.long_run_share(start, mu=0.4, sigma=5, transport_cost=t)
        path = cp.adjustment_path(start, mu=0.4, sigma=5, transport_cost=t, periods=400)
        assert path.iloc[0] == start
        assert path.iloc[-1] == pytest.approx(end, abs=1e-3), (start, t)
    assert cp.long_run_share(0.45, mu=0.4, sigma=5, transport_cost=1.5) == 0.0
    assert cp.long_run_share(0.3, mu=0.4, sigma=5, transport_cost=1.7) == 0.5
    assert cp.long_run_share(0.3, mu=0.4, sigma=5, transport_cost=1.0) == 0.3


@pytest.mark.parametrize("mu, sigma", PARAMETERS)
def test_tomahawk_matches_the_break_and_sustain_points(mu, sigma):
    table = cp.tomahawk(mu=mu, sigma=sigma, n_t=101)
    t_b, t_s = cp.break_point(mu=mu, sigma=sigma), cp.sustain_point(mu=mu, sigma=sigma)
    for cost, rows in table.groupby("transport_cost"):
        stable = set(rows.loc[rows["stable"], "share"])
        expected = ({0.5} if cost > t_b else set()) | ({0.0, 1.0} if cost < t_s else set())
        assert stable == expected, cost
    assert not (table["stable"] & (table["kind"] == "uneven (interior)")).any()


def test_tomahawk_is_cached_and_its_table_can_be_changed_safely():
    cp._tomahawk_arrays.cache_clear()
    first = cp.tomahawk(mu=0.35, sigma=4.5)
    first.loc[:, "share"] = -1.0
    second = cp.tomahawk(mu=0.35, sigma=4.5)
    assert cp._tomahawk_arrays.cache_info().hits == 1
    assert (second["share"] >= 0).all()


# --- bad parameters -------------------------------------------------------------------

@pytest.mark.parametrize("kwargs, message", [
    ({"mu": 0.4, "sigma": 1.0, "transport_cost": 1.5}, "sigma .* must be greater than 1"),
    ({"mu": 0.0, "sigma": 5.0, "transport_cost": 1.5}, "strictly between 0 and 1"),
    ({"mu": 1.2, "sigma": 5.0, "transport_cost": 1.5}, "strictly between 0 and 1"),
    ({"mu": 0.4, "sigma": 5.0, "transport_cost": 0.9}, "must be at least 1"),
    ({"mu": 0.6, "sigma": 2.0, "transport_cost": 1.5}, "no-black-hole condition .* 0.500"),
    ({"mu": 0.4, "sigma": float("nan"), "transport_cost": 1.5}, "finite number"),
    ({"mu": 0.4, "sigma": 5.0, "transport_cost": 1e60}, "too large to compute"),
])
def test_bad_parameters_are_explained(kwargs, message):
    with pytest.raises(ValueError, match=message):
        cp.short_run_equilibrium(0.5, **kwargs)
    with pytest.raises(ValueError, match=message):
        cp.real_wage_gap(**kwargs)


def test_bad_inputs_of_each_function_are_explained():
    from klaster.errors import KlasterTypeError, KlasterValueError
    with pytest.raises(KlasterTypeError, match="mu .* must be a number"):
        cp.break_point(mu="0.4", sigma=5)
    with pytest.raises(KlasterTypeError, match="must be a number"):
        cp.sustain_point(mu=0.4, sigma=True)
    with pytest.raises(KlasterValueError, match="no-black-hole"):
        cp.break_point(mu=0.8, sigma=5)
    with pytest.raises(KlasterValueError, match="between 0 and 1, but one value is 1.2"):
        cp.short_run_equilibrium([0.5, 1.2], mu=0.4, sigma=5, transport_cost=1.5)
    with pytest.raises(KlasterValueError, match="method must be one of"):
        cp.short_run_equilibrium(0.5, mu=0.4, sigma=5, transport_cost=1.5, method="guess")
    with pytest.raises(KlasterValueError, match="damping"):
        cp.short_run_equilibrium(0.5, mu=0.4, sigma=5, transport_cost=1.5, damping=1.5)
    with pytest.raises(KlasterValueError, match="t_max must be larger"):
        cp.tomahawk(mu=0.4, sigma=5, t_min=2.0, t_max=1.5)
    with pytest.raises(KlasterValueError, match="points"):
        cp.real_wage_gap(mu=0.4, sigma=5, transport_cost=1.5, points=3)
    with pytest.raises(KlasterValueError, match="speed must be positive"):
        cp.adjustment_path(0.4, mu=0.4, sigma=5, transport_cost=1.5, speed=0)


# --- the widget -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def explorer():
    return CorePeripheryExplorer()


def set_sliders(widget, t, sigma, mu):
    widget.transport_cost.value, widget.sigma.value, widget.mu.value = t, sigma, mu


def test_explorer_starts_between_the_break_and_sustain_points(explorer):
    set_sliders(explorer, 1.7, 5.0, 0.4)
    assert explorer.stable == (0.0, 0.5, 1.0)
    assert explorer.image.value[:8] == b"\x89PNG\r\n\x1a\n"
    assert "three outcomes are stable" in explorer.reading.value
    assert f"{cp.break_point(mu=0.4, sigma=5):.3f}" in explorer.reading.value   # 1.627
    assert f"{cp.sustain_point(mu=0.4, sigma=5):.3f}" in explorer.reading.value  # 1.807
    gap = cp.real_wage_gap(mu=0.4, sigma=5, transport_cost=1.7)
    np.testing.assert_allclose(explorer.gap_line.get_ydata(), gap.to_numpy())
    assert sorted(explorer.stable_dots.get_xdata()) == [0.0, 0.5, 1.0]
    assert len(explorer.unstable_dots.get_xdata()) == 2


def test_moving_the_transport_cost_changes_the_stable_equilibria(explorer):
    set_sliders(explorer, 1.7, 5.0, 0.4)
    image, reading = explorer.image.value, explorer.reading.value
    explorer.transport_cost.value = 1.5
    assert explorer.stable == (0.0, 1.0)
    assert "below the break point" in explorer.reading.value
    assert explorer.image.value != image and explorer.reading.value != reading
    assert list(explorer.t_line.get_xdata()) == [1.5, 1.5]
    explorer.transport_cost.value = 2.5
    assert explorer.stable == (0.5,)
    assert "only stable equilibrium" in explorer.reading.value
    assert list(explorer.stable_dots.get_xdata()) == [0.5]
    explorer.transport_cost.value = 1.0
    assert explorer.stable == () and "Location does not matter" in explorer.reading.value


def test_moving_sigma_and_mu_moves_the_break_and_sustain_lines(explorer):
    set_sliders(explorer, 1.7, 5.0, 0.4)
    before = explorer.tomahawk_stable.get_xdata().copy()
    explorer.sigma.value = 8.0
    assert explorer.t_break == pytest.approx(cp.break_point(mu=0.4, sigma=8))
    assert explorer.break_line.get_xdata()[0] == pytest.approx(explorer.t_break)
    assert explorer.sustain_line.get_xdata()[0] == pytest.approx(cp.sustain_point(mu=0.4, sigma=8))
    assert not np.array_equal(explorer.tomahawk_stable.get_xdata(), before)
    assert "σ = 8" in explorer.ax_tomahawk.get_title()
    explorer.sigma.value = 5.0
    explorer.mu.value = 0.7   # T_B = 3.04 and T_S = 44.4 lie beyond the axis (T up to 3)
    assert not explorer.break_line.get_visible() and not explorer.sustain_line.get_visible()
    assert "beyond the right edge" in explorer.caption.value


def test_black_hole_parameters_show_a_problem_and_keep_the_last_figure(explorer):
    set_sliders(explorer, 1.7, 2.0, 0.4)
    image, stable = explorer.image.value, explorer.stable
    explorer.mu.value = 0.6
    assert not explorer.valid
    assert "Problem" in explorer.message.value and "no-black-hole" in explorer.message.value
    assert explorer.image.value == image and explorer.stable == stable
    assert (explorer.sigma.value, explorer.mu.value) == (2.0, 0.6)     # nothing the user set is lost
    explorer.mu.value = 0.3
    assert explorer.valid and explorer.message.value == ""
    assert explorer.stable == cp.stable_equilibria(mu=0.3, sigma=2.0, transport_cost=1.7)


def test_the_gap_axis_holds_the_curve_and_keeps_its_limits_for_small_moves(explorer):
    set_sliders(explorer, 1.7, 5.0, 0.4)
    for t in (1.0, 1.2, 1.5, 1.7, 2.0, 2.5, 3.0):
        explorer.transport_cost.value = t
        low, high = explorer.ax_gap.get_ylim()
        largest = float(np.abs(explorer.gap_line.get_ydata()).max())
        assert low == -high and largest <= high           # the whole curve is shown, zero in the middle
        assert largest < 1e-9 or largest >= GAP_FILL * high     # and it is not squashed flat
    explorer.transport_cost.value = 1.7
    limits, ticks, tomahawk = explorer.ax_gap.get_ylim(), explorer.view.tick_draws, explorer.tomahawk_table
    for t in (1.71, 1.72, 1.73):  # a small move: same limits, no tick labels drawn again, tomahawk reused
        explorer.transport_cost.value = t
    assert explorer.ax_gap.get_ylim() == limits and explorer.view.tick_draws == ticks
    assert explorer.tomahawk_table is tomahawk
    assert gap_limit(0.0213) == 0.05 and gap_limit(0.03, 0.05) == 0.05 and gap_limit(0.2, 0.05) == 0.5
    assert gap_limit(0.0, 0.05) == 0.05  # a flat curve (T = 1) keeps the scale


def test_reading_names_the_unstable_shares():
    table = cp.equilibria(mu=0.4, sigma=5, transport_cost=1.7)
    text = read_equilibria(table, 1.7)
    low = table.loc[table["kind"] == "uneven (interior)", "share"].iloc[0]
    assert f"{low:.2f}" in text and "History decides" in text


# --- the lesson's checks -----------------------------------------------------------------

def test_lesson08_exercises_are_registered():
    assert {f"08.{k}" for k in range(1, 8)} <= set(REGISTRY)


def test_lesson08_expected_values_follow_the_model():
    assert REGISTRY["08.1"].expected() == pytest.approx(cp.break_point(mu=0.3, sigma=6))
    assert REGISTRY["08.2"].expected() == "falls"      # more substitutable varieties: weaker pull
    assert REGISTRY["08.4"].expected() == "c"
    assert REGISTRY["08.5"].expected() == pytest.approx(cp.sustain_point(mu=0.4, sigma=5), rel=0.01)
    assert REGISTRY["08.6"].expected() == 0.0
    assert lesson08.stability_label((0.0, 1.0)) == "b"


def test_lesson08_hints_name_the_mistake():
    t_b = cp.break_point(mu=0.3, sigma=6)
    assert "power σ − 1" in evaluate("08.1", t_b ** 5).message
    assert "freeness" in evaluate("08.1", t_b ** -5).message
    assert "nominal wages" in evaluate("08.3", float(lesson08._nominal_gap())).message
    assert "wrong way" in evaluate("08.6", 1.0).message
    assert evaluate("08.4", "C").correct and evaluate("08.7", " c ").correct
    assert not evaluate("08.7", "a").correct
    assert "sign is reversed" in evaluate("08.3", -REGISTRY["08.3"].expected()).message


def test_lesson08_multiple_choice_lists_its_options():
    assert REGISTRY["08.2"].options == ("rises", "falls")
    assert "must be one of" in evaluate("08.2", "goes up").message
    assert "must be one of" in evaluate("08.4", "e").message
