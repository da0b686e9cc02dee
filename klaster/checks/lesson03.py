"""Checked exercises of lesson 03, location quotients (solutions/03_location_quotients.ipynb)."""
from __future__ import annotations


import pandas as pd

from ..i18n import cached_per_language
from .. import data, examples
from ..i18n import N_
from ..measures import cluster_stars, krugman_index, location_quotient, to_matrix
from . import Exercise, Mistake, register


@cached_per_language(maxsize=None)
def _matrix(year: int) -> pd.DataFrame:
    return data.employment_matrix(year)


def _lq(year: int) -> pd.DataFrame:
    return location_quotient(_matrix(year))


def _batik(town: str = "Town A", industry: str = "batik") -> float:
    return float(location_quotient(examples.batik_towns()).loc[town, industry])


def _batik_a_wrong_denominator() -> float:
    t = examples.batik_towns()
    return float(t.loc["Town A", "batik"] / t["batik"].sum())


def _batik_a_regional_share_only() -> float:
    t = examples.batik_towns()
    return float(t.loc["Town A", "batik"] / t.loc["Town A"].sum())


def _most_specialised(division: str, year: int = 2024, lowest: bool = False) -> str:
    column = _lq(year)[division]
    return str(column.idxmin() if lowest else column.idxmax())


def _largest(division: str) -> str:
    return str(_matrix(2024)[division].idxmax())


def _stars_count(year: int, minimum: int = 3, exact: bool = True) -> int:
    stars = cluster_stars(_matrix(year))["stars"]
    return int((stars == minimum).sum() if exact else (stars >= minimum).sum())


def _specialisation_star_count() -> int:
    return int(cluster_stars(_matrix(2024))["specialisation_star"].sum())


def _messy_lq(fill=examples.MESSY_MISSING_VALUE, province="DI Yogyakarta", division="Furniture") -> float:
    table = examples.cleaned_messy_table()
    if fill != examples.MESSY_MISSING_VALUE:
        table = table.assign(workers=table["workers"].where(
            ~((table["province"] == "DI Yogyakarta") & (table["division"] == "Furniture")), fill))
    matrix = to_matrix(table, region="province", industry="division", value="workers")
    return float(location_quotient(matrix).loc[province, division])


register(Exercise(
    id="03.1",
    prompt=N_("LQ of batik in Town A, by hand, to 2 decimals."),
    expected=_batik,
    decimals=2,
    hint=N_("LQ = (batik jobs in Town A / all jobs in Town A) / (batik jobs in all towns / all jobs in all towns)."),
    mistakes=(
        Mistake(_batik_a_wrong_denominator, N_("you divided by the national total instead of the regional total: "
                "the top share is Town A's batik jobs over Town A's own jobs.")),
        Mistake(_batik_a_regional_share_only, N_("that is only Town A's share of batik; divide it by batik's share "
                "of all jobs in the three towns.")),
        Mistake(lambda: 1 / _batik(), N_("your ratio is upside down: the regional share goes on top.")),
        Mistake(lambda: _batik(industry="other"),
                N_("that is the LQ of the other jobs; the exercise asks for batik.")),
        Mistake(lambda: _batik(town="Town C"), N_("that is Town C; the exercise asks for Town A.")),
    ),
))

register(Exercise(
    id="03.2",
    prompt=N_("LQ of Tobacco in Jawa Tengah, 2024, with the library, to 2 decimals."),
    expected=lambda: float(_lq(2024).loc["Jawa Tengah", "Tobacco"]),
    decimals=2,
    hint=N_("use location_quotient on the 2024 matrix and read the cell for Jawa Tengah and Tobacco."),
    mistakes=(
        Mistake(lambda: float(_lq(2019).loc["Jawa Tengah", "Tobacco"]), N_("that is the 2019 value; use 2024.")),
        Mistake(lambda: float(_lq(2024).loc["Jawa Timur", "Tobacco"]),
                N_("that is Jawa Timur; the exercise asks for Jawa Tengah.")),
        Mistake(lambda: float(_lq(2024).loc["Jawa Barat", "Tobacco"]),
                N_("that is Jawa Barat; the exercise asks for Jawa Tengah.")),
        Mistake(lambda: 1 / float(_lq(2024).loc["Jawa Tengah", "Tobacco"]), N_("your value is upside down (1/LQ).")),
        Mistake(lambda: float(_matrix(2024).loc["Jawa Tengah", "Tobacco"]),
                N_("that is the number of tobacco jobs; the exercise asks for the location quotient.")),
    ),
))

register(Exercise(
    id="03.3",
    prompt=N_("The province most specialised in Electronics in 2024."),
    expected=lambda: _most_specialised("Electronics"),
    kind="name",
    hint=N_("look for the largest location quotient in the Electronics column, not the largest number of jobs."),
    mistakes=(
        Mistake(lambda: _largest("Electronics"),
                N_("that province has the most electronics jobs, but specialisation is about the LQ, not the size.")),
        Mistake(lambda: _most_specialised("Electronics", lowest=True),
                N_("that is the LEAST specialised province (the lowest LQ); take the largest.")),
    ),
))

register(Exercise(
    id="03.4",
    prompt=N_("Workers behind Papua Barat Daya's refined-petroleum LQ in 2024, a whole number of workers."),
    expected=lambda: float(_matrix(2024).loc["Papua Barat Daya", "Refined petroleum"]),
    kind="count",
    hint=N_("read the employment matrix (not the LQ table) for Papua Barat Daya and Refined petroleum, 2024."),
    mistakes=(
        Mistake(lambda: float(_lq(2024).loc["Papua Barat Daya", "Refined petroleum"]),
                N_("that is the location quotient; the exercise asks for the number of workers.")),
        Mistake(lambda: float(_matrix(2019).loc["Papua Barat Daya", "Refined petroleum"]),
                N_("that is the 2019 figure.")),
        Mistake(lambda: float(_matrix(2024).loc["Papua Barat", "Refined petroleum"]),
                N_("that is Papua Barat; the exercise asks for Papua Barat Daya.")),
        Mistake(lambda: float(_matrix(2024).loc["Papua Barat Daya"].sum()),
                N_("that is all of Papua Barat Daya's manufacturing workers; take refined petroleum only.")),
        Mistake(lambda: float(_matrix(2024)["Refined petroleum"].sum()),
                N_("that is Indonesia's refined-petroleum workers; take Papua Barat Daya's row only.")),
    ),
))

register(Exercise(
    id="03.5",
    prompt=N_("Number of province-division pairs with all three stars in 2024 (default thresholds)."),
    expected=lambda: _stars_count(2024, 3),
    kind="count",
    hint=N_("use cluster_stars on the 2024 matrix and count the rows whose stars column equals 3."),
    mistakes=(
        Mistake(lambda: _stars_count(2024, 2, exact=False),
                N_("that counts pairs with at least two stars; count exactly three.")),
        Mistake(lambda: _stars_count(2024, 2),
                N_("that counts pairs with exactly two stars; count three.")),
        Mistake(lambda: _stars_count(2024, 1, exact=False),
                N_("that counts pairs with at least one star; count exactly three.")),
        Mistake(_specialisation_star_count,
                N_("that counts the specialisation star (LQ at least 2) only; all three stars are needed.")),
    ),
))

register(Exercise(
    id="03.6",
    prompt=N_("The most diversified province (lowest Krugman index) in 2024."),
    expected=lambda: str(krugman_index(_matrix(2024)).idxmin()),
    kind="name",
    hint=N_("a low Krugman index means an industry mix close to the nation's: take the smallest value."),
    mistakes=(
        Mistake(lambda: str(krugman_index(_matrix(2024)).idxmax()),
                N_("that is the most specialised province (highest index); the most diversified has the lowest.")),
        Mistake(lambda: str(_matrix(2024).sum(axis=1).idxmax()),
                N_("that is the province with the most manufacturing jobs; being diversified is about the mix, "
                   "not the size: use krugman_index.")),
    ),
))

register(Exercise(
    id="03.7",
    prompt=N_("LQ of Furniture in DI Yogyakarta from the cleaned messy table, to 2 decimals."),
    expected=_messy_lq,
    decimals=2,
    hint=N_("fix both problems the loader reports (one spelling of Jawa Tengah; the missing value is 1,250), "
            "then use to_matrix and location_quotient."),
    mistakes=(
        Mistake(lambda: _messy_lq(fill=0),
                N_("you filled the missing value with 0; the exercise gives the real figure, 1,250.")),
        Mistake(lambda: _messy_lq(province="Jawa Tengah"),
                N_("that is Jawa Tengah; the exercise asks for DI Yogyakarta.")),
        Mistake(lambda: _messy_lq(division="Textiles"),
                N_("that is Textiles; the exercise asks for Furniture.")),
    ),
))


# --- The lab on real PDRB (BPS, constant 2010 prices): exercises 03.8-03.10 ---------------------------------

def _pdrb_lq(year: int, region: str, sector: str, level: str = "province", **options) -> float:
    """The LQ of ``sector`` in ``region`` from ``data.pdrb_matrix(year, level, **options)``."""
    return float(location_quotient(data.pdrb_matrix(year, level=level, **options)).loc[region, sector])


def _kudus(year: int = 2022, **options) -> float:
    return _pdrb_lq(year, "Kudus", "C", "kabkota", **options)


def _kudus_share() -> float:
    row = data.pdrb_matrix(2022, level="kabkota", province="Jawa Tengah").loc["Kudus"]
    return float(row["C"] / row.sum())


def _basis_count(year: int = 2022, reference: str = "regions", at_least: float | None = None,
                 basis: bool = True) -> int:
    """Jawa Tengah's sectors with an LQ above 1 (or of at least ``at_least``); ``basis=False``: the others."""
    lq = location_quotient(data.pdrb_matrix(year, reference=reference)).loc["Jawa Tengah"]
    above = lq > 1 if at_least is None else lq >= at_least
    return int(above.sum() if basis else (~above).sum())


def _kukar(year: int = 2014, suspect: str = "drop", **options) -> float:
    return _pdrb_lq(year, "Kutai Kartanegara", "B", "kabkota", suspect=suspect, **options)


register(Exercise(
    id="03.8",
    prompt=N_("LQ of manufacturing (C) in Kudus against Jawa Tengah, 2022, real PDRB, to 2 decimals."),
    expected=lambda: _kudus(province="Jawa Tengah"),
    decimals=2,
    hint=N_("build the table of Jawa Tengah's kabupaten/kota with data.pdrb_matrix(2022, level=\"kabkota\", "
            "province=\"Jawa Tengah\"), then read the cell for Kudus and sector C of its location quotients."),
    mistakes=(
        Mistake(lambda: _kudus(), N_("that is Kudus against Indonesia (all kabupaten/kota); the exercise asks for "
                                     "Jawa Tengah as the reference: add province=\"Jawa Tengah\".")),
        Mistake(lambda: _kudus(reference="published"),
                N_("that is Kudus against the published national row; the exercise asks for Jawa Tengah as the "
                   "reference: add province=\"Jawa Tengah\".")),
        Mistake(_kudus_share, N_("that is manufacturing's share of Kudus's PDRB; divide it by manufacturing's "
                                 "share of Jawa Tengah's PDRB.")),
        Mistake(lambda: 1 / _kudus(province="Jawa Tengah"), N_("your value is upside down (1/LQ).")),
        Mistake(lambda: _kudus(2015, province="Jawa Tengah"), N_("that is the 2015 value; use 2022.")),
    ),
))

register(Exercise(
    id="03.9",
    prompt=N_("Number of basis sectors (LQ > 1) of Jawa Tengah in 2022 against the sum of the provinces, a whole "
              "number."),
    expected=_basis_count,
    kind="count",
    hint=N_("compute the location quotients of data.pdrb_matrix(2022) and count the sectors of Jawa Tengah "
            "whose LQ is above 1."),
    mistakes=(
        Mistake(lambda: _basis_count(reference="published"),
                N_("that is the count against the published national row; the exercise asks for the sum of the "
                   "provinces (the default, reference=\"regions\"). Several of Jawa Tengah's LQs are close to 1, "
                   "so the choice of reference changes the count.")),
        Mistake(lambda: _basis_count(at_least=1.25),
                N_("that counts the sectors with an LQ of at least 1.25; a basis sector has an LQ above 1.")),
        Mistake(lambda: _basis_count(basis=False),
                N_("that counts the non-basis sectors (LQ of 1 or less); count those above 1.")),
        Mistake(lambda: _basis_count(2015), N_("that is the count for 2015; use 2022.")),
    ),
))

register(Exercise(
    id="03.10",
    prompt=N_("LQ of mining (B) in Kutai Kartanegara, 2014, against all kabupaten/kota without those with suspect "
              "cells, to 2 decimals."),
    expected=_kukar,
    decimals=2,
    hint=N_("use data.pdrb_matrix(2014, level=\"kabkota\", suspect=\"drop\"), which leaves out the kabupaten/kota "
            "with suspect cells, and read the LQ of Kutai Kartanegara in sector B."),
    mistakes=(
        Mistake(lambda: _kukar(suspect="keep"),
                N_("you used the flagged cells (suspect=\"keep\"): the wrong mining values of 2014 inflate the "
                   "nation's mining and cut every mining LQ. Leave them out with suspect=\"drop\".")),
        Mistake(lambda: _kukar(province="Kalimantan Timur"),
                N_("that is Kutai Kartanegara against Kalimantan Timur; the exercise asks for all kabupaten/kota.")),
        Mistake(lambda: _kukar(reference="published"),
                N_("that is against the published national row; the exercise asks for the sum of the "
                   "kabupaten/kota (the default, reference=\"regions\").")),
        Mistake(lambda: _kukar(2013), N_("that is the 2013 value; use 2014.")),
        Mistake(lambda: _kukar(2015), N_("that is the 2015 value; use 2014.")),
        Mistake(lambda: 1 / _kukar(), N_("your value is upside down (1/LQ).")),
    ),
))
