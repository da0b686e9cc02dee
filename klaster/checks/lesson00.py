"""Checked exercises of the start-here practice notebook (solutions/00_practice.ipynb)."""
from __future__ import annotations

import pandas as pd

from .. import data
from ..i18n import N_
from ..measures import location_quotient
from . import Exercise, Mistake, register


JAVA = ("DKI Jakarta", "Jawa Barat", "Jawa Tengah", "DI Yogyakarta", "Jawa Timur", "Banten")


def _population_share(names, column="population") -> float:
    provinces = data.load_provinces()
    return float(provinces.loc[provinces["name"].isin(names), column].sum() / provinces[column].sum())


def _java_population() -> float:
    provinces = data.load_provinces()
    return float(provinces.loc[provinces["name"].isin(JAVA), "population"].sum())


def _density() -> pd.Series:
    provinces = data.load_provinces()
    return pd.Series((provinces["population"] / provinces["area_km2"]).to_numpy(), index=provinces["name"])


def _densest_province() -> str:
    return str(_density().idxmax())


def _least_dense_province() -> str:
    return str(_density().idxmin())


def _most_populous_province() -> str:
    provinces = data.load_provinces()
    return str(provinces.loc[provinces["population"].idxmax(), "name"])


def _largest_province() -> str:
    provinces = data.load_provinces()
    return str(provinces.loc[provinces["area_km2"].idxmax(), "name"])


def _micro_small_matrix(year: int) -> pd.DataFrame:
    table = data.load_micro_small_workers()
    one_year = table[table["year"] == year]
    return one_year.pivot(index="province", columns="size_class", values="workers").astype(float).dropna()


def _micro_lq_central_java(year: int = 2013) -> float:
    return float(location_quotient(_micro_small_matrix(year)).loc["Jawa Tengah", "micro"])


def _micro_lq_wrong_denominator() -> float:
    m = _micro_small_matrix(2013)
    return float(m.loc["Jawa Tengah", "micro"] / m["micro"].sum())


def _micro_regional_share_only() -> float:
    m = _micro_small_matrix(2013)
    return float(m.loc["Jawa Tengah", "micro"] / m.loc["Jawa Tengah"].sum())


def _micro_lq_upside_down() -> float:
    return 1 / _micro_lq_central_java()


def _small_lq_central_java() -> float:
    return float(location_quotient(_micro_small_matrix(2013)).loc["Jawa Tengah", "small"])


register(Exercise(
    id="00.1",
    prompt=N_("Java's share of Indonesia's population in 2025, as a fraction, to 3 decimals."),
    expected=lambda: _population_share(JAVA),
    decimals=3,
    scale="fraction",
    hint=N_("add up the population of Java's provinces and divide by the population of all 38 provinces."),
    mistakes=(
        Mistake(lambda: _population_share([p for p in JAVA if p != "Banten"]),
                N_("Java has six provinces: did you leave out Banten?")),
        Mistake(lambda: _population_share([p for p in JAVA if p != "DI Yogyakarta"]),
                N_("Java has six provinces: did you leave out DI Yogyakarta?")),
        Mistake(lambda: _population_share([p for p in JAVA if p != "DKI Jakarta"]),
                N_("Java has six provinces: did you leave out DKI Jakarta?")),
        Mistake(lambda: _population_share(JAVA, column="area_km2"),
                N_("you used land area (area_km2) instead of population.")),
        Mistake(_java_population,
                N_("that is the number of people on Java; a share divides it by the population of all "
                   "38 provinces.")),
        Mistake(lambda: 1 / _population_share(JAVA),
                N_("your ratio is upside down: Java's population goes on top, Indonesia's below.")),
    ),
))

register(Exercise(
    id="00.2",
    prompt=N_("The name of the province with the highest population density."),
    expected=_densest_province,
    kind="name",
    hint=N_("compute population / area_km2 for every province and take the largest; "
            "give the name as it is written in the name column."),
    mistakes=(
        Mistake(_most_populous_province,
                N_("that is the province with the most people, not the most people per km\u00b2: divide by area.")),
        Mistake(_least_dense_province,
                N_("that is the province with the FEWEST people per km\u00b2: take the largest density, not the "
                   "smallest.")),
        Mistake(_largest_province,
                N_("that is the province with the largest area; density is population divided by area.")),
    ),
))

register(Exercise(
    id="00.3",
    prompt=N_("The location quotient of micro firms in Jawa Tengah, 2013 (micro and small as the two "
              "'industries'), to 2 decimals."),
    expected=_micro_lq_central_java,
    decimals=2,
    hint=N_("LQ = (micro workers in Jawa Tengah / all micro and small workers in Jawa Tengah) divided by "
            "(micro workers nationally / all micro and small workers nationally)."),
    mistakes=(
        Mistake(_micro_lq_wrong_denominator,
                N_("you divided by the national total instead of the regional total: the first share is "
                   "Jawa Tengah's micro workers over Jawa Tengah's own micro and small workers.")),
        Mistake(_micro_lq_upside_down,
                N_("your ratio is upside down: the regional share goes on top, the national share below.")),
        Mistake(_small_lq_central_java,
                N_("that is the LQ of small firms; the exercise asks for micro firms.")),
        Mistake(_micro_regional_share_only,
                N_("that is only Jawa Tengah's share of micro workers; divide it by the national share.")),
        Mistake(lambda: _micro_lq_central_java(2014), N_("that is the 2014 value; use the 2013 figures.")),
    ),
))
