"""The city-size model of lesson 06 (klaster.city_size): a hand-solvable case,
the first-order condition, the equilibrium, comparative statics, bad input,
and the lesson's checked exercises."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from klaster import KlasterTypeError, KlasterValueError
from klaster.checks import evaluate
from klaster.city_size import (LITERATURE_SIGMA, CitySizeModel, doubling_gain, equilibrium_size, optimal_size,
                               sigma_from_doubling_gain)

PARAMETER_SETS = [
    dict(A=100, sigma=0.06, B=6, tau=0.5),
    dict(A=100, sigma=0.03, B=20, tau=1.0),
    dict(A=100, sigma=0.11, B=3, tau=0.4),
    dict(A=12, sigma=0.25, B=1, tau=0.75),
    dict(A=1, sigma=0.05, B=0.01, tau=0.3),
]


def test_hand_case_with_exact_answers():
    # A = 12, sigma = 1/4, B = 1, tau = 3/4: N* = (0.25*12 / 0.75)^(1/0.5) = 4^2 = 16,
    # y(16) = 12 * 2 = 24, c(16) = 8, w(16) = 16.
    model = CitySizeModel(A=12, sigma=0.25, B=1, tau=0.75)
    assert model.optimal_size() == pytest.approx(16)
    assert model.productivity(16) == pytest.approx(24)
    assert model.cost(16) == pytest.approx(8)
    assert model.best_net_benefit() == pytest.approx(16)
    # w0 = 11: with u = N^(1/4), 12u - u^3 = 11 <=> (u - 1)(u^2 + u - 11) = 0,
    # so the roots are u = 1 (N = 1) and u = (sqrt(45) - 1) / 2.
    u = (math.sqrt(45) - 1) / 2
    assert model.smallest_viable_size(11) == pytest.approx(1, rel=1e-9)
    assert model.equilibrium_size(11) == pytest.approx(u ** 4, rel=1e-9)


@pytest.mark.parametrize("params", PARAMETER_SETS)
def test_optimum_satisfies_first_order_condition_and_is_a_maximum(params):
    model = CitySizeModel(**params)
    n_star = model.optimal_size()
    # w'(N*) = 0, relative to the size of the two terms that cancel
    scale = params["sigma"] * params["A"] * n_star ** (params["sigma"] - 1)
    assert abs(model.marginal_net_benefit(n_star)) <= 1e-9 * scale
    # ... and it is a maximum: w is lower on both sides and on a wide grid
    best = model.net_benefit(n_star)
    assert model.net_benefit(0.99 * n_star) < best
    assert model.net_benefit(1.01 * n_star) < best
    grid = n_star * np.logspace(-3, 3, 2001)
    assert model.net_benefit(grid).max() <= best + 1e-9 * abs(best)


@pytest.mark.parametrize("params", PARAMETER_SETS)
def test_equilibrium_solves_w_equals_outside_option_right_of_the_optimum(params):
    model = CitySizeModel(**params)
    n_star = model.optimal_size()
    best = model.best_net_benefit()
    for w0 in (0.0, 0.5 * best, 0.9 * best, 0.999 * best):
        n_eq = model.equilibrium_size(w0)
        assert n_eq > n_star
        assert model.net_benefit(n_eq) == pytest.approx(w0, rel=1e-8, abs=1e-8 * best)
        # stable: just below it moving in still pays, just above it does not
        assert model.net_benefit(0.999 * n_eq) > w0 > model.net_benefit(1.001 * n_eq)
        low = model.smallest_viable_size(w0)
        assert low < n_star
        assert model.net_benefit(low) == pytest.approx(w0, rel=1e-8, abs=1e-8 * best) if w0 > 0 else low == 0


def test_equilibrium_equals_optimum_when_outside_option_is_the_best_net_benefit():
    model = CitySizeModel()
    assert model.equilibrium_size(model.best_net_benefit()) == pytest.approx(model.optimal_size(), rel=1e-6)


def test_comparative_statics():
    base = CitySizeModel(A=100, sigma=0.06, B=6, tau=0.5)
    assert CitySizeModel(A=100, sigma=0.08, B=6, tau=0.5).optimal_size() > base.optimal_size()
    assert CitySizeModel(A=100, sigma=0.06, B=8, tau=0.5).optimal_size() < base.optimal_size()
    assert base.equilibrium_size(95) < base.equilibrium_size(90) < base.equilibrium_size(80)


def test_curve_is_labelled_and_consistent():
    model = CitySizeModel()
    sizes = np.array([0.5, 1.0, 2.0, 4.0])
    curve = model.curve(sizes)
    assert list(curve.columns) == ["productivity", "cost", "net_benefit"]
    assert curve.index.name == "N"
    np.testing.assert_allclose(curve["productivity"], 100 * sizes ** 0.06)
    np.testing.assert_allclose(curve["cost"], 6 * sizes ** 0.5)
    np.testing.assert_allclose(curve["net_benefit"], curve["productivity"] - curve["cost"])
    assert curve.loc[1.0, "productivity"] == pytest.approx(100)   # A is productivity at N = 1
    series = pd.Series([1.0, 2.0], index=["a", "b"])
    result = model.net_benefit(series)
    assert isinstance(result, pd.Series) and list(result.index) == ["a", "b"]
    assert isinstance(model.net_benefit(2.0), float)


def test_summary_and_module_functions_agree_with_the_model():
    model = CitySizeModel(A=100, sigma=0.05, B=5, tau=0.5)
    summary = model.summary(92)
    assert summary["optimal_size"] == pytest.approx(optimal_size(100, 0.05, 5, 0.5))
    assert summary["equilibrium_size"] == pytest.approx(equilibrium_size(92, 100, 0.05, 5, 0.5))
    assert summary["equilibrium_net_benefit"] == pytest.approx(92)
    assert summary["loss_per_worker"] == pytest.approx(summary["best_net_benefit"] - 92)
    assert summary["oversize_ratio"] == pytest.approx(summary["equilibrium_size"] / summary["optimal_size"])


def test_doubling_gain_and_literature_range():
    assert doubling_gain(1.0) == pytest.approx(1.0)            # N^1: doubling doubles
    assert sigma_from_doubling_gain(doubling_gain(0.07)) == pytest.approx(0.07)
    # 3% and 8% per doubling (Rosenthal & Strange 2004): sigma = log2(1.03) and log2(1.08)
    assert LITERATURE_SIGMA[0] == pytest.approx(math.log(1.03) / math.log(2))
    assert LITERATURE_SIGMA[1] == pytest.approx(math.log(1.08) / math.log(2))
    with pytest.raises(KlasterValueError, match="doubling gain"):
        sigma_from_doubling_gain(-1.5)


@pytest.mark.parametrize("params, words", [
    (dict(sigma=0.5, tau=0.5), "must be larger than the agglomeration elasticity"),
    (dict(sigma=0.6, tau=0.5), "must be larger than the agglomeration elasticity"),
    (dict(A=-1), "A must be above zero"),
    (dict(B=0), "B must be above zero"),
    (dict(sigma=-0.05), "sigma must be above zero"),
    (dict(tau=float("nan")), "finite"),
])
def test_bad_parameters_raise_clear_messages(params, words):
    with pytest.raises(KlasterValueError, match=words):
        CitySizeModel(**params)


def test_bad_types_sizes_and_outside_options():
    with pytest.raises(KlasterTypeError, match="sigma must be a number"):
        CitySizeModel(sigma="0.06")
    model = CitySizeModel()
    with pytest.raises(KlasterValueError, match="no equilibrium size"):
        model.equilibrium_size(model.best_net_benefit() + 1)
    with pytest.raises(KlasterValueError, match="no equilibrium size"):
        model.smallest_viable_size(200)
    with pytest.raises(KlasterValueError, match="zero or positive"):
        model.equilibrium_size(-5)
    with pytest.raises(KlasterValueError, match="above zero"):
        model.curve([1.0, 0.0, 2.0])
    with pytest.raises(KlasterValueError, match="at least one"):
        model.curve([])


# -- the checked exercises of lesson 06 ---------------------------------------

def test_lesson06_checks_accept_the_right_answers():
    model = CitySizeModel(A=100, sigma=0.05, B=5, tau=0.5)
    assert evaluate("06.1", "ululLU").correct          # case does not matter
    assert evaluate("06.2", "CBDD").correct
    assert evaluate("06.3", (0.05 * 100 / (0.5 * 5)) ** (1 / 0.45)).correct
    assert evaluate("06.4", model.equilibrium_size(92)).correct
    assert evaluate("06.5", math.log(1.08) / math.log(2)).correct
    assert evaluate("06.6", model.best_net_benefit() - 92).correct


def test_lesson06_checks_name_the_likely_mistake():
    assert "opposite" in evaluate("06.1", "LULUUL").message
    one_wrong = evaluate("06.1", "ULULLL")                 # (f) wrong
    assert not one_wrong.correct and "example (f)" in one_wrong.message
    assert "claim 2" in evaluate("06.2", "cadd").message
    assert "upside down" in evaluate("06.3", (2.5 / 5) ** (1 / 0.45)).message
    model = CitySizeModel(A=100, sigma=0.05, B=5, tau=0.5)
    assert "smaller root" in evaluate("06.4", model.smallest_viable_size(92)).message
    assert "not the elasticity" in evaluate("06.5", 0.08).message
    assert "sign is reversed" in evaluate("06.6", 92 - model.best_net_benefit()).message
