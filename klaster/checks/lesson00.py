"""Checked exercises of the start-here practice notebook (solutions/00_practice.ipynb)."""
from __future__ import annotations

import pandas as pd

from .. import data
from ..measures import location_quotient
from . import Exercise, Mistake, register


JAVA = ("DKI Jakarta", "Jawa Barat", "Jawa Tengah", "DI Yogyakarta", "Jawa Timur", "Banten")


def _population_share(names, column="population") -> float:
    provinces = data.load_provinces()
    return float(provinces.loc[provinces["name"].isin(names), column].sum() / provinces[column].sum())


def _densest_province() -> str:
    provinces = data.load_provinces()
    density = provinces["population"] / provinces["area_km2"]
    return str(provinces.loc[density.idxmax(), "name"])


def _most_populous_province() -> str:
    provinces = data.load_provinces()
    return str(provinces.loc[provinces["population"].idxmax(), "name"])


def _micro_small_matrix(year: int) -> pd.DataFrame:
    table = data.load_micro_small_workers()
    one_year = table[table["year"] == year]
    return one_year.pivot(index="province", columns="size_class", values="workers").astype(float)


def _micro_lq_central_java() -> float:
    return float(location_quotient(_micro_small_matrix(2013)).loc["Jawa Tengah", "micro"])


def _micro_lq_wrong_denominator() -> float:
    m = _micro_small_matrix(2013)
    return float(m.loc["Jawa Tengah", "micro"] / m["micro"].sum())


def _micro_lq_upside_down() -> float:
    return 1 / _micro_lq_central_java()


def _small_lq_central_java() -> float:
    return float(location_quotient(_micro_small_matrix(2013)).loc["Jawa Tengah", "small"])


register(Exercise(
    id="00.1",
    prompt="Java's share of Indonesia's population in 2025, as a fraction.",
    expected=lambda: _population_share(JAVA),
    hint="add up the population of Java's provinces and divide by the population of all 38 provinces.",
    mistakes=(
        Mistake(lambda: _population_share([p for p in JAVA if p != "Banten"]),
                "Java has six provinces: did you leave out Banten?"),
        Mistake(lambda: _population_share([p for p in JAVA if p != "DI Yogyakarta"]),
                "Java has six provinces: did you leave out DI Yogyakarta?"),
        Mistake(lambda: _population_share([p for p in JAVA if p != "DKI Jakarta"]),
                "Java has six provinces: did you leave out DKI Jakarta?"),
        Mistake(lambda: _population_share(JAVA, column="area_km2"),
                "you used land area (area_km2) instead of population."),
    ),
))

register(Exercise(
    id="00.2",
    prompt="The name of the province with the highest population density.",
    expected=_densest_province,
    kind="name",
    hint="compute population / area_km2 for every province and take the largest; "
         "give the name as it is written in the name column.",
    mistakes=(
        Mistake(_most_populous_province,
                "that is the province with the most people, not the most people per km\u00b2: divide by area."),
    ),
))

register(Exercise(
    id="00.3",
    prompt="The location quotient of micro firms in Jawa Tengah, 2013 (micro and small as the two 'industries').",
    expected=_micro_lq_central_java,
    hint="LQ = (micro workers in Jawa Tengah / all micro and small workers in Jawa Tengah) divided by "
         "(micro workers nationally / all micro and small workers nationally).",
    mistakes=(
        Mistake(_micro_lq_wrong_denominator,
                "you divided by the national total instead of the regional total: the first share is "
                "Jawa Tengah's micro workers over Jawa Tengah's own micro and small workers."),
        Mistake(_micro_lq_upside_down,
                "your ratio is upside down: the regional share goes on top, the national share below."),
        Mistake(_small_lq_central_java,
                "that is the LQ of small firms; the exercise asks for micro firms."),
    ),
))
