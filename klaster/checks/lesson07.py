"""Checked exercises of lesson 07, measuring agglomeration (solutions/07_measuring_agglomeration.ipynb).

Expected values come from klaster.measures and klaster.dartboard applied to
the course's SYNTHETIC panel and plants table, or to the small example given
in exercise 07.4.
"""
from __future__ import annotations

import pandas as pd

from .. import data
from ..dartboard import division_plant_sizes, province_employment, real_concentration, share_at_least, simulate
from ..measures import ellison_glaeser, gini, herfindahl, hoover_localization, locational_gini
from ..i18n import N_
from . import Exercise, Mistake, register

DIVISION = "Furniture"        # 07.1, 07.2, 07.5
HERFINDAHL_DIVISION = "Tobacco"   # 07.3
DARTBOARD_DIVISION = "Repair & installation"   # 07.6
DARTBOARD_DRAWS, DARTBOARD_SEED = 500, 7

# 07.4: a small case to do by hand. Three regions with their jobs (x), and
# five plants of one industry with their region and workers.
SMALL_REGIONS = pd.Series({"A": 500.0, "B": 300.0, "C": 200.0})
SMALL_PLANTS = pd.DataFrame({
    "region": ["A", "A", "A", "A", "C"],
    "industry": ["small case"] * 5,
    "workers": [30.0, 25.0, 20.0, 15.0, 10.0],
})


def _matrix(year: int = 2024) -> pd.DataFrame:
    return data.employment_matrix(year)


def _hoover(year: int = 2024, reference: str = "jobs") -> float:
    emp = _matrix(year)
    if reference == "population":
        provinces = data.load_provinces().set_index("name")["population"]
        return float(hoover_localization(emp, reference=provinces.loc[emp.index].astype(float))[DIVISION])
    return float(hoover_localization(emp)[DIVISION])


def _gini_by_employment_order() -> float:
    """Locational Gini with provinces sorted by the division's jobs instead of by LQ (a mistake)."""
    emp = _matrix()
    x = emp.sum(axis=1) / emp.to_numpy().sum()
    y = emp[DIVISION] / emp[DIVISION].sum()
    order = emp[DIVISION].sort_values(kind="mergesort").index
    cum_x = x.loc[order].cumsum().to_numpy()
    cum_y = y.loc[order].cumsum().to_numpy()
    prev_y = pd.Series(cum_y).shift(fill_value=0.0).to_numpy()
    widths = x.loc[order].to_numpy()
    return float(1 - (widths * (cum_y + prev_y)).sum())


def _tobacco_sizes() -> pd.Series:
    return division_plant_sizes(HERFINDAHL_DIVISION)


def _tobacco_province_herfindahl() -> float:
    return float(herfindahl(_matrix()[HERFINDAHL_DIVISION]))


def _small_case():
    return ellison_glaeser(SMALL_PLANTS, employment="workers", region_employment=SMALL_REGIONS).iloc[0]


def _small_parts():
    x = SMALL_REGIONS / SMALL_REGIONS.sum()
    row = _small_case()
    return row["G"], row["H"], 1 - float((x ** 2).sum())


def _gamma(region_employment="panel", year: int = 2024, column: str = "gamma") -> float:
    plants = data.load_plants()
    code = data.load_divisions().set_index("short_name").loc[DIVISION, "division"]
    one = plants[plants["division"] == code]
    if region_employment == "plants":
        x = None
    elif region_employment == "population":
        x = data.load_provinces().set_index("bps_code")["population"].astype(float)
    else:
        x = province_employment(year)
    eg = ellison_glaeser(one, region="bps_code", industry="division", employment="workers",
                         region_employment=x)
    return float(eg[column].iloc[0])


def _dartboard(column: str = "gamma", at_most: bool = False, count: bool = False) -> float:
    # With a division's own plants, H is the same in every draw and in the real
    # data, so counting by G or by gamma gives the same share.
    real, x = real_concentration()
    simulated = simulate(division_plant_sizes(DARTBOARD_DIVISION), x, draws=DARTBOARD_DRAWS, seed=DARTBOARD_SEED)
    value = float(real.loc[DARTBOARD_DIVISION, column])
    if at_most:
        return float((simulated[column] <= value).mean())
    if count:
        return float((simulated[column] >= value).sum())
    return share_at_least(simulated, value, column=column)


register(Exercise(
    id="07.1",
    prompt=N_("Hoover's coefficient of localisation of Furniture, 2024, against all manufacturing jobs, "
              "to 3 decimals."),
    expected=_hoover,
    decimals=3,
    hint=N_("HL = 1/2 * sum over provinces of |s_r - x_r|, with s_r the province's share of the division's jobs "
            "and x_r its share of all manufacturing jobs."),
    mistakes=(
        Mistake(lambda: 2 * _hoover(), N_("you forgot the 1/2 in front of the sum.")),
        Mistake(lambda: _hoover(2019), N_("that is the 2019 value; use the 2024 matrix.")),
        Mistake(lambda: _hoover(reference="population"),
                N_("you compared with population; here x_r is the province's share of all manufacturing jobs.")),
        Mistake(lambda: 0.0,
                N_("without absolute values the differences s_r - x_r cancel out (both shares add up to 1): "
                   "take |s_r - x_r| before adding up.")),
    ),
))

register(Exercise(
    id="07.2",
    prompt=N_("Locational Gini of Furniture, 2024, to 3 decimals."),
    expected=lambda: float(locational_gini(_matrix())[DIVISION]),
    decimals=3,
    hint=N_("sort provinces by the division's LQ (lowest first), build the cumulative shares x and y, and use "
            "G = 1 - sum (x_k - x_(k-1)) * (y_k + y_(k-1)); or call locational_gini(emp)."),
    mistakes=(
        Mistake(lambda: float(locational_gini(_matrix())[DIVISION]) / 2,
                N_("that is half the course's value: EconGeo's locational.gini divides by 2, the course does not.")),
        Mistake(_gini_by_employment_order,
                N_("the provinces must be sorted by location quotient (s_r / x_r), not by the division's jobs.")),
        Mistake(lambda: gini(_matrix()[DIVISION]),
                N_("that is the ordinary Gini of the division's jobs across provinces; the locational Gini "
                   "compares them with each province's share of ALL manufacturing jobs.")),
        Mistake(lambda: float(locational_gini(_matrix(2019))[DIVISION]),
                N_("that is the 2019 value; use the 2024 matrix.")),
        Mistake(lambda: -float(locational_gini(_matrix())[DIVISION]),
                N_("a negative value means the provinces were sorted the wrong way: sort by LQ from the lowest "
                   "to the highest.")),
    ),
))

register(Exercise(
    id="07.3",
    prompt=N_("Herfindahl index H of plant sizes in Tobacco (plants table, 2024), to 4 decimals."),
    expected=lambda: herfindahl(_tobacco_sizes()),
    decimals=4,
    hint=N_("z_k = plant k's workers / all Tobacco plant workers; H = sum of z_k squared."),
    mistakes=(
        Mistake(lambda: herfindahl(_tobacco_sizes()) * 10_000,
                N_("you used shares in percent (0-100); use fractions (0-1), so H lies between 0 and 1.")),
        Mistake(lambda: 1 / herfindahl(_tobacco_sizes()),
                N_("that is 1/H, the numbers equivalent; the exercise asks for H itself.")),
        Mistake(lambda: herfindahl(_tobacco_sizes(), normalized=True),
                N_("that is the normalised H; give the plain sum of squared shares.")),
        Mistake(_tobacco_province_herfindahl,
                N_("that squares the PROVINCES' shares of tobacco jobs; H is about the shares of the PLANTS.")),
        Mistake(lambda: 1.0,
                N_("the shares z_k add up to 1; H squares each share before adding them up.")),
    ),
))

register(Exercise(
    id="07.4",
    prompt=N_("gamma of the small case (three regions, five plants), computed by hand, to 3 decimals."),
    expected=lambda: float(_small_case()["gamma"]),
    decimals=3,
    hint=N_("compute s_r, x_r, G = sum (s_r - x_r)^2, sum x_r^2, H = sum z_k^2, then "
            "gamma = (G - (1 - sum x^2) H) / ((1 - sum x^2)(1 - H))."),
    mistakes=(
        Mistake(lambda: _small_parts()[0], N_("that is G, the raw concentration; correct it for H.")),
        Mistake(lambda: _small_parts()[0] - _small_parts()[2] * _small_parts()[1],
                N_("that is the numerator only; divide by (1 - sum x^2)(1 - H).")),
        Mistake(lambda: (_small_parts()[0] - _small_parts()[2] * _small_parts()[1]) / _small_parts()[2],
                N_("the denominator also has the factor (1 - H).")),
        Mistake(lambda: (_small_parts()[0] - _small_parts()[1]) / (1 - _small_parts()[1]),
                N_("you left out (1 - sum x^2), in the numerator and in the denominator.")),
    ),
))

register(Exercise(
    id="07.5",
    prompt=N_("gamma of Furniture with ellison_glaeser, x = each province's share of all manufacturing jobs, "
              "2024, to 3 decimals."),
    expected=_gamma,
    decimals=3,
    hint=N_("call ellison_glaeser on the Furniture plants with region='bps_code', industry='division', "
            "employment='workers' and region_employment = all manufacturing jobs by province in 2024."),
    mistakes=(
        Mistake(lambda: _gamma("plants"),
                N_("without region_employment, x comes from the plants table given; pass all manufacturing jobs "
                   "by province from the panel (province_employment(2024)).")),
        Mistake(lambda: _gamma("population"), N_("x should be manufacturing jobs by province, not population.")),
        Mistake(lambda: _gamma(year=2019), N_("use the 2024 panel: the plants are from 2024.")),
        Mistake(lambda: _gamma(column="G"),
                N_("that is G, the raw concentration; gamma corrects it for the plants' sizes (the column "
                   "gamma).")),
    ),
))

register(Exercise(
    id="07.6",
    prompt=N_("Share of 500 dartboard draws (seed 7) of Repair & installation's own plants with gamma >= its "
              "real gamma, as a fraction, to 3 decimals."),
    expected=_dartboard,
    decimals=3,
    scale="fraction",
    hint=N_("simulate(division_plant_sizes('Repair & installation'), x, draws=500, seed=7), then "
            "share_at_least(simulated, real_gamma)."),
    mistakes=(
        Mistake(lambda: _dartboard(at_most=True),
                N_("that is the share of draws at or BELOW the real gamma; count the draws at least as large.")),
        Mistake(lambda: _dartboard(count=True),
                N_("that is the NUMBER of draws; divide it by the 500 draws to get the share.")),
    ),
))

register(Exercise(
    id="07.7",
    prompt=N_("Which reading of the two dartboard results is right? One of the four labels."),
    expected=lambda: "beyond_chance",
    kind="name",
    options=("beyond_chance", "above_zero", "big_plants", "always_zero"),
    hint=N_("give one of the four labels of the list, as text. Remember what the dartboard holds fixed: the "
            "plants' own sizes."),
    mistakes=(
        Mistake(lambda: "above_zero", N_("a positive gamma can arise by chance: look at how many random draws of "
                                         "Repair & installation's own plants reach its real gamma.")),
        Mistake(lambda: "big_plants", N_("the dartboard throws the division's own plants, big ones included, "
                                         "and they never reach its real gamma: plant size alone cannot explain "
                                         "it.")),
        Mistake(lambda: "always_zero", N_("the SIMULATED gamma averages zero, but the REAL gamma need not: "
                                          "comparing the real value with the simulated ones is exactly the "
                                          "test.")),
    ),
))
