"""Checked steps of the capstone's worked pair (solutions/10_capstone.ipynb): Jawa Barat, Textiles."""
from __future__ import annotations

from functools import lru_cache

from .. import data
from ..capstone import build_profile
from ..measures import QUADRANTS
from . import Exercise, Mistake, register

REGION, INDUSTRY = "Jawa Barat", "Textiles"

@lru_cache(maxsize=None)
def _profile():
    return build_profile(REGION, INDUSTRY)

def _n(key):
    return _profile().numbers[key]

register(Exercise(
    id="10.1",
    prompt="Growth of all manufacturing jobs in Jawa Barat, 2019-2024, in percent.",
    expected=lambda: float(_n("jobs_growth_pct")),
    hint="100 x (jobs in 2024 / jobs in 2019 - 1), with the province's total over all divisions.",
    mistakes=(
        Mistake(lambda: float(_n("jobs_growth_pct")) / 100, "give the growth in percent (for example 5.2), not as a fraction."),
        Mistake(lambda: float(_n("national_growth_pct")), "that is the national growth; the exercise asks for Jawa Barat."),
    ),
))

register(Exercise(
    id="10.2",
    prompt="Location quotient of Textiles in Jawa Barat, 2024.",
    expected=lambda: float(_n("industry_lq")),
    hint="location_quotient of the 2024 matrix, row Jawa Barat, column Textiles.",
    mistakes=(Mistake(lambda: float(_n("lq_start")), "that is the 2019 LQ; use 2024."),),
))

register(Exercise(
    id="10.3",
    prompt="Competitive effect of Textiles in Jawa Barat, 2019-2024.",
    expected=lambda: float(_n("shift_share_industry")["competitive"]),
    hint="shift_share of the 2019 and 2024 matrices, row (Jawa Barat, Textiles), column competitive.",
    mistakes=(
        Mistake(lambda: float(_n("shift_share_region")["competitive"]),
                "that is the competitive effect of all of Jawa Barat's industries; take Textiles only."),
        Mistake(lambda: float(_n("shift_share_industry")["total_change"]), "that is the total change, not its competitive part."),
    ),
))

register(Exercise(
    id="10.4",
    prompt="Portfolio quadrant of Textiles in Jawa Barat (growth = change in LQ).",
    expected=lambda: str(_n("quadrant")),
    kind="name",
    hint="x = the 2024 LQ against 1, y = the change in LQ against 0; answer with the quadrant's name.",
    options=tuple(QUADRANTS.values()),
))

register(Exercise(
    id="10.5",
    prompt="Locational Gini of Textiles, 2024.",
    expected=lambda: float(_n("locational_gini")),
    hint="locational_gini of the 2024 matrix, value for Textiles (not halved).",
    mistakes=(Mistake(lambda: float(_n("locational_gini")) / 2,
                      "that is half the course's value: EconGeo halves the locational Gini, the course does not."),
              Mistake(lambda: float(_n("hoover")), "that is Hoover's coefficient, not the locational Gini.")),
))

register(Exercise(
    id="10.6",
    prompt="Ellison-Glaeser gamma of Textiles, plants of 2024, x = provinces' 2024 manufacturing jobs.",
    expected=lambda: float(_n("eg_gamma")),
    hint="ellison_glaeser on data.named_plants() with region_employment = the 2024 matrix's row totals; "
         "read gamma for Textiles.",
))
