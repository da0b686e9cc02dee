"""Checked exercises of lesson 03, location quotients (solutions/03_location_quotients.ipynb)."""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .. import data, examples
from ..measures import cluster_stars, krugman_index, location_quotient, to_matrix
from . import Exercise, Mistake, register


@lru_cache(maxsize=None)
def _matrix(year: int) -> pd.DataFrame:
    return data.employment_matrix(year)


def _lq(year: int) -> pd.DataFrame:
    return location_quotient(_matrix(year))


def _batik_a() -> float:
    return float(location_quotient(examples.batik_towns()).loc["Town A", "batik"])


def _batik_a_wrong_denominator() -> float:
    t = examples.batik_towns()
    return float(t.loc["Town A", "batik"] / t["batik"].sum())


def _batik_a_regional_share_only() -> float:
    t = examples.batik_towns()
    return float(t.loc["Town A", "batik"] / t.loc["Town A"].sum())


def _most_specialised(division: str) -> str:
    return str(_lq(2024)[division].idxmax())


def _largest(division: str) -> str:
    return str(_matrix(2024)[division].idxmax())


def _stars_count(year: int, minimum: int = 3, exact: bool = True) -> int:
    stars = cluster_stars(_matrix(year))["stars"]
    return int((stars == minimum).sum() if exact else (stars >= minimum).sum())


def _messy_lq(fill=examples.MESSY_MISSING_VALUE) -> float:
    table = examples.cleaned_messy_table()
    if fill != examples.MESSY_MISSING_VALUE:
        table = table.assign(workers=table["workers"].where(
            ~((table["province"] == "DI Yogyakarta") & (table["division"] == "Furniture")), fill))
    matrix = to_matrix(table, region="province", industry="division", value="workers")
    return float(location_quotient(matrix).loc["DI Yogyakarta", "Furniture"])


register(Exercise(
    id="03.1",
    prompt="LQ of batik in Town A, by hand.",
    expected=_batik_a,
    hint="LQ = (batik jobs in Town A / all jobs in Town A) / (batik jobs in all towns / all jobs in all towns).",
    mistakes=(
        Mistake(_batik_a_wrong_denominator, "you divided by the national total instead of the regional total: "
                "the top share is Town A's batik jobs over Town A's own jobs."),
        Mistake(_batik_a_regional_share_only, "that is only Town A's share of batik; divide it by batik's share of "
                "all jobs in the three towns."),
        Mistake(lambda: 1 / _batik_a(), "your ratio is upside down: the regional share goes on top."),
    ),
))

register(Exercise(
    id="03.2",
    prompt="LQ of Tobacco in Jawa Tengah, 2024, with the library.",
    expected=lambda: float(_lq(2024).loc["Jawa Tengah", "Tobacco"]),
    hint="use location_quotient on the 2024 matrix and read the cell for Jawa Tengah and Tobacco.",
    mistakes=(
        Mistake(lambda: float(_lq(2019).loc["Jawa Tengah", "Tobacco"]), "that is the 2019 value; use 2024."),
        Mistake(lambda: float(_lq(2024).loc["Jawa Timur", "Tobacco"]), "that is Jawa Timur; the exercise asks for Jawa Tengah."),
        Mistake(lambda: 1 / float(_lq(2024).loc["Jawa Tengah", "Tobacco"]), "your value is upside down (1/LQ)."),
    ),
))

register(Exercise(
    id="03.3",
    prompt="The province most specialised in Electronics in 2024.",
    expected=lambda: _most_specialised("Electronics"),
    kind="name",
    hint="look for the largest location quotient in the Electronics column, not the largest number of jobs.",
    mistakes=(
        Mistake(lambda: _largest("Electronics"),
                "that province has the most electronics jobs, but specialisation is about the LQ, not the size."),
    ),
))

register(Exercise(
    id="03.4",
    prompt="Workers behind Papua Barat Daya's refined-petroleum LQ in 2024.",
    expected=lambda: float(_matrix(2024).loc["Papua Barat Daya", "Refined petroleum"]),
    hint="read the employment matrix (not the LQ table) for Papua Barat Daya and Refined petroleum, 2024.",
    mistakes=(
        Mistake(lambda: float(_lq(2024).loc["Papua Barat Daya", "Refined petroleum"]),
                "that is the location quotient; the exercise asks for the number of workers."),
        Mistake(lambda: float(_matrix(2019).loc["Papua Barat Daya", "Refined petroleum"]), "that is the 2019 figure."),
    ),
))

register(Exercise(
    id="03.5",
    prompt="Number of province-division pairs with all three stars in 2024 (default thresholds).",
    expected=lambda: _stars_count(2024, 3),
    hint="use cluster_stars on the 2024 matrix and count the rows whose stars column equals 3.",
    mistakes=(
        Mistake(lambda: _stars_count(2024, 2, exact=False), "that counts pairs with at least two stars; count exactly three."),
        Mistake(lambda: _stars_count(2024, 1, exact=False), "that counts pairs with at least one star; count exactly three."),
    ),
))

register(Exercise(
    id="03.6",
    prompt="The most diversified province (lowest Krugman index) in 2024.",
    expected=lambda: str(krugman_index(_matrix(2024)).idxmin()),
    kind="name",
    hint="a low Krugman index means an industry mix close to the nation's: take the smallest value.",
    mistakes=(
        Mistake(lambda: str(krugman_index(_matrix(2024)).idxmax()),
                "that is the most specialised province (highest index); the most diversified has the lowest."),
    ),
))

register(Exercise(
    id="03.7",
    prompt="LQ of Furniture in DI Yogyakarta from the cleaned messy table.",
    expected=_messy_lq,
    hint="fix both problems the loader reports (one spelling of Jawa Tengah; the missing value is 1,250), "
         "then use to_matrix and location_quotient.",
    mistakes=(
        Mistake(lambda: _messy_lq(fill=0), "you filled the missing value with 0; the exercise gives the real figure, 1,250."),
    ),
))
