"""Checked exercises of lesson 08, the core-periphery model (solutions/08_core_periphery.ipynb).

Every expected value is computed by ``klaster.core_periphery`` from the
parameters given in the exercise (the constants below), never typed in.
Multiple-choice answers are labels compared case-insensitively (kind="name").
"""
from __future__ import annotations

from .. import core_periphery as cp
from ..i18n import N_
from . import Exercise, Mistake, register

#: 08.1: the parameters whose break point the student computes.
BREAK = {"mu": 0.3, "sigma": 6.0}
#: 08.2: the break point at sigma = 4 and at sigma = 8, same mu.
SIGMA_LOW, SIGMA_HIGH, MU_COMPARE = 4.0, 8.0, 0.3
#: 08.3: the short-run equilibrium whose real-wage gap the student computes.
SHORT_RUN = {"share": 0.7, "mu": 0.4, "sigma": 5.0, "transport_cost": 1.5}
#: 08.4: the parameters whose stable equilibria the student classifies.
STABILITY = {"mu": 0.4, "sigma": 5.0, "transport_cost": 1.7}
#: 08.5: the tomahawk the student reads.
TOMAHAWK = {"mu": 0.4, "sigma": 5.0, "t_min": 1.0, "t_max": 3.0, "n_t": 201}
#: 08.6: where the workers start, and the parameters.
ADJUST = {"start": 0.45, "mu": 0.4, "sigma": 5.0, "transport_cost": 1.5}
#: 08.7: the answer options (what the model includes or leaves out).
LEFT_OUT_OPTIONS = {
    "a": N_("transport costs between the regions"),
    "b": N_("increasing returns to scale in manufacturing"),
    "c": N_("land prices, rents and congestion in the core"),
    "d": N_("workers moving to the region with the higher real wage"),
}
LEFT_OUT_ANSWER = "c"   # the only option that is not part of the model (FKV 1999, ch. 5)


# --- 08.1 the break point -----------------------------------------------------------

def _break() -> float:
    return cp.break_point(**BREAK)


def _break_ratio() -> float:
    mu, sigma = BREAK["mu"], BREAK["sigma"]
    return (sigma * (1 + mu) - 1) * (1 + mu) / ((sigma * (1 - mu) - 1) * (1 - mu))


def _break_root_sigma() -> float:
    return _break_ratio() ** (1 / BREAK["sigma"])


def _break_without_second_factor() -> float:
    mu, sigma = BREAK["mu"], BREAK["sigma"]
    return ((sigma * (1 + mu) - 1) / (sigma * (1 - mu) - 1)) ** (1 / (sigma - 1))


def _break_freeness() -> float:
    return _break() ** (1 - BREAK["sigma"])


# --- 08.2 how the break point moves with sigma -----------------------------------------

def _break_moves() -> str:
    low = cp.break_point(mu=MU_COMPARE, sigma=SIGMA_LOW)
    high = cp.break_point(mu=MU_COMPARE, sigma=SIGMA_HIGH)
    return "falls" if high < low else "rises"


def _break_moves_wrong() -> str:
    return "rises" if _break_moves() == "falls" else "falls"


# --- 08.3 the short-run equilibrium ----------------------------------------------------

def _short_run():
    p = SHORT_RUN
    return cp.short_run_equilibrium(p["share"], mu=p["mu"], sigma=p["sigma"], transport_cost=p["transport_cost"])


def _gap() -> float:
    return float(_short_run()["gap"])


def _gap_reversed() -> float:
    return -_gap()


def _nominal_gap() -> float:
    row = _short_run()
    return float(row["w1"] - row["w2"])


def _gap_without_mu() -> float:
    row = _short_run()
    return float(row["w1"] / row["G1"] - row["w2"] / row["G2"])


def _real_wage_region_1() -> float:
    return float(_short_run()["omega1"])


# --- 08.4 which equilibria are stable ---------------------------------------------------

def stability_label(stable: tuple[float, ...]) -> str:
    """'a' only the even split, 'b' only the two cores, 'c' both, 'd' anything else."""
    shares = {round(s, 6) for s in stable}
    if shares == {0.5}:
        return "a"
    if shares == {0.0, 1.0}:
        return "b"
    if shares == {0.0, 0.5, 1.0}:
        return "c"
    return "d"


def _stability() -> str:
    return stability_label(cp.stable_equilibria(**STABILITY))


# --- 08.5 reading the tomahawk ------------------------------------------------------------

def _tomahawk_table():
    return cp.tomahawk(**TOMAHAWK)


def _last_cost_core_stable() -> float:
    table = _tomahawk_table()
    core = table[(table["share"] == 1.0) & table["stable"]]
    return float(core["transport_cost"].max())


def _grid_step() -> float:
    return (TOMAHAWK["t_max"] - TOMAHAWK["t_min"]) / (TOMAHAWK["n_t"] - 1)


def _one_step_early() -> float:
    return round(_last_cost_core_stable() - _grid_step(), 10)


def _first_cost_even_split_stable() -> float:
    table = _tomahawk_table()
    even = table[(table["share"] == 0.5) & table["stable"]]
    return float(even["transport_cost"].min())


# --- 08.6 where the workers end up ----------------------------------------------------------

def _end_share() -> float:
    p = dict(ADJUST)
    return cp.long_run_share(p.pop("start"), **p)


def _other_corner() -> float:
    return 1.0 - _end_share()


register(Exercise(
    id="08.1",
    prompt=N_("The break point T_B for mu = {mu} and sigma = {sigma:g}, to 2 decimals."),
    args=BREAK,
    expected=_break,
    decimals=2,
    hint=N_("T_B = [(σ(1 + μ) − 1)(1 + μ) / ((σ(1 − μ) − 1)(1 − μ))] ^ (1/(σ − 1)); compute the ratio first, "
            "then take the power."),
    mistakes=(
        Mistake(_break_ratio, N_("that is T_B raised to the power σ − 1: take the ratio to the power 1/(σ − 1).")),
        Mistake(_break_root_sigma, N_("the power is 1/(σ − 1), not 1/σ.")),
        Mistake(_break_without_second_factor, N_("you left out the factor (1 + μ)/(1 − μ) in the ratio.")),
        Mistake(_break_freeness, N_("that is the freeness of trade T_B^(1 − σ) at the break point; the exercise "
                                    "asks for the transport cost T_B itself.")),
        Mistake(lambda: cp.sustain_point(**BREAK), N_("that is the sustain point T_S; the break point uses the "
                                                      "closed-form formula for T_B.")),
    ),
))

register(Exercise(
    id="08.2",
    prompt=N_("Does the break point rise or fall when sigma goes from {low:g} to {high:g} (mu = {mu})? Answer "
              "'rises' or 'falls'."),
    args={"low": SIGMA_LOW, "high": SIGMA_HIGH, "mu": MU_COMPARE},
    expected=_break_moves,
    kind="name",
    options=("rises", "falls"),
    hint=N_("compute cp.break_point at both values of σ and compare the two numbers."),
    mistakes=(
        Mistake(_break_moves_wrong, N_("compare the two numbers again: which break point is the larger one?")),
    ),
))

register(Exercise(
    id="08.3",
    prompt=N_("The real-wage gap omega1 - omega2 in the short-run equilibrium with lambda = {share}, mu = {mu}, "
              "sigma = {sigma:g}, T = {transport_cost}, to 4 decimals."),
    args=SHORT_RUN,
    expected=_gap,
    decimals=4,
    hint=N_("solve with cp.short_run_equilibrium and take the column gap (ω1 − ω2), where ω = w · G^(−μ)."),
    mistakes=(
        Mistake(_gap_reversed, N_("the sign is reversed: the gap is region 1 minus region 2.")),
        Mistake(_nominal_gap, N_("that is the gap between nominal wages w1 − w2; real wages divide by the cost "
                                 "of living, ω = w · G^(−μ).")),
        Mistake(_gap_without_mu, N_("the price index enters with the power μ: ω = w · G^(−μ), not w / G.")),
        Mistake(_real_wage_region_1, N_("that is region 1's real wage ω1 alone; subtract region 2's.")),
    ),
))

register(Exercise(
    id="08.4",
    prompt=N_("Which equilibria are stable at mu = {mu}, sigma = {sigma:g}, T = {transport_cost}? 'a' only the "
              "even split, 'b' only the two cores, 'c' the even split and both cores."),
    args=STABILITY,
    expected=_stability,
    kind="name",
    options=("a", "b", "c"),
    hint=N_("look at the real-wage curve: the even split is stable where the gap falls through zero, a core "
            "(λ = 0 or 1) where the gap at that end favours the core."),
    mistakes=(
        Mistake(lambda: "a", N_("the even split is stable here, but look at the two ends of the curve too: "
                                "is the gap at λ = 1 positive?")),
        Mistake(lambda: "b", N_("the cores are stable here, but check the slope of the gap at λ = 0.5: "
                                "does it fall through zero there?")),
    ),
))

register(Exercise(
    id="08.5",
    prompt=N_("From the tomahawk table (mu = {mu}, sigma = {sigma:g}, T from {t_min:g} to {t_max:g} at {n_t} "
              "values): the largest transport cost at which the core lambda = 1 is stable, exactly as in the "
              "table."),
    args=TOMAHAWK,
    expected=_last_cost_core_stable,
    decimals=2,
    exact=True,
    hint=N_("keep the rows where share == 1 and stable is True, then take the largest transport_cost."),
    mistakes=(
        Mistake(_first_cost_even_split_stable, N_("that is where the even split becomes stable (the break "
                                                  "point); the exercise asks where the core stops being stable.")),
        Mistake(lambda: TOMAHAWK["t_max"], N_("that is the end of the table; keep only the rows where the share "
                                              "is 1 and stable is True.")),
        Mistake(lambda: cp.sustain_point(mu=TOMAHAWK["mu"], sigma=TOMAHAWK["sigma"]),
                N_("that is the sustain point from its formula (or the first cost in the table at which the core "
                   "is no longer stable); the exercise asks for the largest cost IN THE TABLE at which the core "
                   "is still stable.")),
        Mistake(_one_step_early,
                N_("the core is still stable one step further: take the LARGEST transport cost with share 1 "
                   "and stable True.")),
        Mistake(lambda: float(_tomahawk_table().loc[(_tomahawk_table()["share"] == 1.0)
                                                    & _tomahawk_table()["stable"], "transport_cost"].min()),
                N_("that is the smallest transport cost at which the core is stable; the exercise asks for the "
                   "largest.")),
    ),
))

register(Exercise(
    id="08.6",
    prompt=N_("Workers adjust from lambda = {start} at mu = {mu}, sigma = {sigma:g}, T = {transport_cost}. Which "
              "share does region 1 end up with? To 2 decimals."),
    args=ADJUST,
    expected=_end_share,
    decimals=2,
    hint=N_("find the sign of the real-wage gap at λ = {start}: workers move towards the region with the higher "
            "real wage until they reach a stable equilibrium."),
    mistakes=(
        Mistake(_other_corner, N_("workers moved the wrong way: a negative gap means region 1 pays a lower real "
                                  "wage, so workers leave it.")),
        Mistake(lambda: 0.5, N_("at this transport cost the even split is unstable: a small difference grows.")),
        Mistake(lambda: ADJUST["start"], N_("the start is not an equilibrium: the real wages differ there.")),
    ),
))

register(Exercise(
    id="08.7",
    prompt=N_("Which of these is NOT part of Krugman's core-periphery model? 'a' {a}; 'b' {b}; 'c' {c}; 'd' {d}"),
    args=LEFT_OUT_OPTIONS,
    expected=lambda: LEFT_OUT_ANSWER,
    kind="name",
    options=tuple(LEFT_OUT_OPTIONS),
    hint=N_("three of the four are the model's ingredients; which one would push firms and workers out of a "
            "crowded core?"),
    mistakes=tuple(Mistake((lambda k=k: k), N_("'{letter}' ({option}) is one of the model's ingredients."),
                           args={"letter": k, "option": LEFT_OUT_OPTIONS[k]})
                   for k in LEFT_OUT_OPTIONS if k != LEFT_OUT_ANSWER),
))
