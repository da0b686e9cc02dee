"""Checked steps of the capstone's worked pair (solutions/10_capstone.ipynb): Jawa Barat, Textiles on the
synthetic panel (10.1-10.6), and Morowali's manufacturing on real PDRB (10.7)."""
from __future__ import annotations


from ..i18n import cached_per_language
from .. import data
from ..capstone import build_pdrb_profile, build_profile
from ..i18n import N_
from ..measures import QUADRANTS, ellison_glaeser, location_quotient, locational_gini
from . import Exercise, Mistake, register
from .lesson04 import quadrant_mistakes

REGION, INDUSTRY = "Jawa Barat", "Textiles"


@cached_per_language(maxsize=None)
def _profile():
    return build_profile(REGION, INDUSTRY)


def _n(key):
    return _profile().numbers[key]


def _matrix(year: int):
    return data.employment_matrix(year)


def _industry_growth_pct() -> float:
    return float(100 * (_matrix(2024).loc[REGION, INDUSTRY] / _matrix(2019).loc[REGION, INDUSTRY] - 1))


def _gamma(year: int | None = 2024, column: str = "gamma") -> float:
    region_employment = None if year is None else _matrix(year).sum(axis=1)
    eg = ellison_glaeser(data.named_plants(), region_employment=region_employment)
    return float(eg.loc[INDUSTRY, column])


register(Exercise(
    id="10.1",
    prompt=N_("Growth of all manufacturing jobs in Jawa Barat, 2019-2024, in percent, to 2 decimals."),
    expected=lambda: float(_n("jobs_growth_pct")),
    decimals=2,
    scale="percent",
    hint=N_("100 x (jobs in 2024 / jobs in 2019 - 1), with the province's total over all divisions."),
    mistakes=(
        Mistake(lambda: float(_n("jobs_growth_pct")) / 100,
                N_("give the growth in percent (a fraction times 100), not as a fraction.")),
        Mistake(lambda: float(_n("national_growth_pct")),
                N_("that is the national growth; the exercise asks for Jawa Barat.")),
        Mistake(_industry_growth_pct,
                N_("that is the growth of Textiles only; the exercise asks for all manufacturing jobs of the "
                   "province.")),
        Mistake(lambda: 100 * float(_n("jobs_end")) / float(_n("jobs_start")),
                N_("that is 2024's jobs as a percentage of 2019's; growth subtracts the starting 100%.")),
        Mistake(lambda: float(_n("jobs_end")) - float(_n("jobs_start")),
                N_("that is the change in jobs; the exercise asks for the growth in percent.")),
        Mistake(lambda: -float(_n("jobs_growth_pct")),
                N_("the sign is reversed: growth is (2024 / 2019 - 1), the later year on top.")),
    ),
))

register(Exercise(
    id="10.2",
    prompt=N_("Location quotient of Textiles in Jawa Barat, 2024, to 2 decimals."),
    expected=lambda: float(_n("industry_lq")),
    decimals=2,
    hint=N_("location_quotient of the 2024 matrix, row Jawa Barat, column Textiles."),
    mistakes=(
        Mistake(lambda: float(_n("lq_start")), N_("that is the 2019 LQ; use 2024.")),
        Mistake(lambda: 1 / float(_n("industry_lq")), N_("your value is upside down (1/LQ).")),
        Mistake(lambda: float(_n("industry_jobs_end")) / float(_n("jobs_end")),
                N_("that is only Textiles' share of Jawa Barat's jobs; divide it by Textiles' share of all "
                   "jobs in Indonesia.")),
        Mistake(lambda: float(_n("industry_jobs_end")),
                N_("that is the number of textile jobs; the exercise asks for the location quotient.")),
    ),
))

register(Exercise(
    id="10.3",
    prompt=N_("Competitive effect of Textiles in Jawa Barat, 2019-2024, to the nearest job."),
    expected=lambda: float(_n("shift_share_industry")["competitive"]),
    decimals=0,
    hint=N_("shift_share of the 2019 and 2024 matrices, row (Jawa Barat, Textiles), column competitive."),
    mistakes=(
        Mistake(lambda: float(_n("shift_share_region")["competitive"]),
                N_("that is the competitive effect of all of Jawa Barat's industries; take Textiles only.")),
        Mistake(lambda: float(_n("shift_share_industry")["total_change"]),
                N_("that is the total change, not its competitive part.")),
        Mistake(lambda: float(_n("shift_share_industry")["industry_mix"]),
                N_("that is the industry-mix part, not the competitive part.")),
        Mistake(lambda: -float(_n("shift_share_industry")["competitive"]),
                N_("the sign is reversed: did you swap the two years (shift_share takes 2019 first)?")),
    ),
))

register(Exercise(
    id="10.4",
    prompt=N_("Portfolio quadrant of Textiles in Jawa Barat (growth = change in LQ)."),
    expected=lambda: str(_n("quadrant")),
    kind="name",
    hint=N_("x = the 2024 LQ against 1, y = the change in LQ against 0; answer with the quadrant's name."),
    options=tuple(QUADRANTS.values()),
    mistakes=quadrant_mistakes(lambda: str(_n("quadrant"))),
))

register(Exercise(
    id="10.5",
    prompt=N_("Locational Gini of Textiles, 2024, to 3 decimals."),
    expected=lambda: float(_n("locational_gini")),
    decimals=3,
    hint=N_("locational_gini of the 2024 matrix, value for Textiles (not halved)."),
    mistakes=(Mistake(lambda: float(_n("locational_gini")) / 2,
                      N_("that is half the course's value: EconGeo halves the locational Gini, the course does "
                         "not.")),
              Mistake(lambda: float(_n("hoover")), N_("that is Hoover's coefficient, not the locational Gini.")),
              Mistake(lambda: float(locational_gini(_matrix(2019))[INDUSTRY]),
                      N_("that is the 2019 value; use the 2024 matrix."))),
))

register(Exercise(
    id="10.6",
    prompt=N_("Ellison-Glaeser gamma of Textiles, plants of 2024, x = provinces' 2024 manufacturing jobs, "
              "to 3 decimals."),
    expected=lambda: float(_n("eg_gamma")),
    decimals=3,
    hint=N_("ellison_glaeser on data.named_plants() with region_employment = the 2024 matrix's row totals; "
            "read gamma for Textiles."),
    mistakes=(
        Mistake(lambda: _gamma(year=None),
                N_("without region_employment, x comes from the plants table itself; pass the provinces' 2024 "
                   "manufacturing jobs (jobs_2024.sum(axis=1)).")),
        Mistake(lambda: _gamma(year=2019), N_("use the 2024 jobs: the plants are from 2024.")),
        Mistake(lambda: _gamma(column="G"),
                N_("that is G, the raw concentration; gamma corrects it for the plants' sizes.")),
    ),
))


# 10.7: the same profile on real PDRB (BPS), a kabupaten against its own province
REAL_REGION, REAL_SECTOR, REAL_PROVINCE, REAL_YEARS = "Morowali", "C", "Sulawesi Tengah", (2015, 2022)


@cached_per_language(maxsize=None)
def _real_profile(reference: str = "province"):
    return build_pdrb_profile(REAL_REGION, REAL_SECTOR, *REAL_YEARS, reference=reference)


def _real_lq_published() -> float:
    """The LQ against the province's published row instead of the sum of its kabupaten/kota."""
    matrix = data.pdrb_matrix(REAL_YEARS[1], level="kabkota", province=REAL_PROVINCE, reference="published")
    return float(location_quotient(matrix).loc[REAL_REGION, REAL_SECTOR])


def _real_share() -> float:
    n = _real_profile().numbers
    return float(n["industry_end"] / n["total_end"])


register(Exercise(
    id="10.7",
    prompt=N_("Location quotient of manufacturing (C) in Morowali, 2022, against the kabupaten/kota of Sulawesi "
              "Tengah (real PDRB), to 3 decimals."),
    expected=lambda: float(_real_profile().numbers["industry_lq"]),
    decimals=3,
    hint=N_("build_pdrb_profile(\"Morowali\", \"C\", 2015, 2022, reference=\"province\") and read "
            "numbers[\"industry_lq\"]; or location_quotient of data.pdrb_matrix(2022, level=\"kabkota\", "
            "province=\"Sulawesi Tengah\"), row Morowali, column C."),
    mistakes=(
        Mistake(lambda: float(_real_profile("nation").numbers["industry_lq"]),
                N_("that is the LQ against all kabupaten/kota of Indonesia; compare Morowali with the kabupaten/kota "
                   "of its own province (reference=\"province\").")),
        Mistake(lambda: float(_real_profile().numbers["lq_start"]), N_("that is the 2015 LQ; use 2022.")),
        Mistake(lambda: 1 / float(_real_profile().numbers["industry_lq"]), N_("your value is upside down (1/LQ).")),
        Mistake(_real_share,
                N_("that is only manufacturing's share of Morowali's PDRB; divide it by manufacturing's share of "
                   "the PDRB of Sulawesi Tengah's kabupaten/kota.")),
        Mistake(_real_lq_published,
                N_("that compares with the province's published row (reference=\"published\"); the exercise "
                   "compares with the sum of its kabupaten/kota, as build_pdrb_profile does.")),
    ),
))
