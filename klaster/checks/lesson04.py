"""Checked exercises of lesson 04, shift-share (solutions/04_shift_share.ipynb)."""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .. import data, examples
from ..measures import QUADRANTS, cluster_portfolio, esteban_marquillas, shift_share
from . import Exercise, Mistake, register


@lru_cache(maxsize=None)
def _panel_decomposition() -> pd.DataFrame:
    return shift_share(data.employment_matrix(2019), data.employment_matrix(2024))


def _reat() -> pd.DataFrame:
    return shift_share(*examples.reat_shift_share_example())


def _reat_national_share_with_industry_growth() -> float:
    start, end = examples.reat_shift_share_example()
    g_i = end["I1"].sum() / start["I1"].sum() - 1
    return float(start.loc["A", "I1"] * g_i)


def _micro_small_decomposition() -> pd.DataFrame:
    table = data.load_micro_small_workers()
    complete = table[~table.groupby("province")["workers"].transform(lambda s: s.isna().any())]
    start, end = (complete[complete["year"] == y].pivot(index="province", columns="size_class", values="workers").astype(float)
                  for y in (2013, 2014))
    return shift_share(start, end)


def _largest_component(province: str) -> str:
    parts = _panel_decomposition().loc[province].sum()[["national_share", "industry_mix", "competitive"]]
    return str(parts.abs().idxmax())


register(Exercise(
    id="04.1",
    prompt="National-share component for region A, industry I1 (REAT example), by hand.",
    expected=lambda: float(_reat().loc[("A", "I1"), "national_share"]),
    hint="national share = region A's base-year jobs in I1 times the growth rate of ALL jobs in the nation.",
    mistakes=(
        Mistake(_reat_national_share_with_industry_growth,
                "you used industry I1's national growth rate; the national share uses the growth of all jobs."),
    ),
))

register(Exercise(
    id="04.2",
    prompt="Competitive effect of region B, all industries (REAT example).",
    expected=lambda: float(_reat().loc["B", "competitive"].sum()),
    hint="sum the competitive column of shift_share over region B's four industries.",
    mistakes=(
        Mistake(lambda: float(_reat().loc["B", "total_change"].sum()), "that is region B's total change, not its competitive part."),
        Mistake(lambda: -float(_reat().loc["B", "competitive"].sum()), "check the sign: region B did better than the nation."),
    ),
))

register(Exercise(
    id="04.3",
    prompt="Esteban-Marquillas allocation effect of region A, summed over industries (REAT example).",
    expected=lambda: float(esteban_marquillas(*examples.reat_shift_share_example()).loc["A", "allocation"].sum()),
    hint="use esteban_marquillas and sum the allocation column for region A.",
    mistakes=(
        Mistake(lambda: float(esteban_marquillas(*examples.reat_shift_share_example()).loc["A", "competitive_homothetic"].sum()),
                "that is the competitive effect on homothetic employment, the other half of the split."),
    ),
))

register(Exercise(
    id="04.4",
    prompt="Competitive effect of Apparel in Jawa Tengah, 2019-2024 (synthetic panel).",
    expected=lambda: float(_panel_decomposition().loc[("Jawa Tengah", "Apparel"), "competitive"]),
    hint="decompose the 2019 and 2024 matrices with shift_share and read the row (Jawa Tengah, Apparel).",
    mistakes=(
        Mistake(lambda: float(_panel_decomposition().loc[("Jawa Tengah", "Apparel"), "total_change"]),
                "that is the total change; the exercise asks for the competitive part only."),
        Mistake(lambda: float(_panel_decomposition().loc[("Jawa Barat", "Apparel"), "competitive"]),
                "that is Jawa Barat; the exercise asks for Jawa Tengah."),
    ),
))

register(Exercise(
    id="04.5",
    prompt="The largest component (in absolute size) of Jawa Barat's change, all manufacturing.",
    expected=lambda: _largest_component("Jawa Barat"),
    kind="name",
    hint="compare the absolute sizes of national_share, industry_mix and competitive summed over Jawa Barat's "
         "divisions; answer with the column name.",
    options=("national_share", "industry_mix", "competitive"),
))

register(Exercise(
    id="04.6",
    prompt="Competitive effect of small firms in Sulawesi Utara, 2013-2014 (BPS data, Papua left out).",
    expected=lambda: float(_micro_small_decomposition().loc[("Sulawesi Utara", "small"), "competitive"]),
    hint="drop Papua (its 2014 values are missing), build the 2013 and 2014 matrices with micro and small as "
         "the industries, and read (Sulawesi Utara, small) from shift_share.",
    mistakes=(
        Mistake(lambda: float(_micro_small_decomposition().loc[("Sulawesi Utara", "micro"), "competitive"]),
                "that is the value for micro firms; the exercise asks for small firms."),
        Mistake(lambda: float(_micro_small_decomposition().loc[("Sulawesi Utara", "small"), "total_change"]),
                "that is the total change; the exercise asks for the competitive part."),
    ),
))

register(Exercise(
    id="04.7",
    prompt="Portfolio quadrant of Basic metals in Sulawesi Tengah (growth = change in LQ).",
    expected=lambda: str(cluster_portfolio(data.employment_matrix(2019), data.employment_matrix(2024))
                         .loc[("Sulawesi Tengah", "Basic metals"), "quadrant"]),
    kind="name",
    hint="x is the 2024 LQ (above or below 1), y the change in LQ (above or below 0); "
         "answer with one of the four quadrant names.",
    options=tuple(QUADRANTS.values()),
))
