"""Province indicators for maps: one table, one row per province (BPS code)."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import data

# Old-numbering provinces of the 2013-2014 BPS table whose borders have
# changed since: Kalimantan Timur then included Kalimantan Utara, and the
# two Papua provinces of the time now form six. Their figures cannot be
# put on today's map.
NOT_COMPARABLE_WITH_TODAY = ("64", "91", "94")


@dataclass(frozen=True)
class Indicator:
    """What a map variable is, in words: label with unit, source, scale."""
    column: str
    label: str
    unit: str
    source: str
    log: bool = False
    value_format: str = "{:,.0f}"


INDICATORS = {
    "Population density": Indicator("density", "Population density, 2025", "people per km\u00b2 (log scale)",
                                    "Kemendagri (2025) population; BIG (2024) area", log=True),
    "Population": Indicator("population_millions", "Population, 2025", "million people",
                            "Kemendagri (2025)", value_format="{:.1f}"),
    "Area": Indicator("area_thousand_km2", "Land area", "thousand km\u00b2", "Badan Informasi Geospasial (2024)",
                      value_format="{:.1f}"),
    "Manufacturing jobs (synthetic)": Indicator(
        "manufacturing_thousands", "Manufacturing jobs, 2024 (SYNTHETIC, illustrative)", "thousand workers",
        "course's synthetic panel, not official statistics", value_format="{:,.0f}"),
    "Manufacturing jobs per 1,000 people (synthetic)": Indicator(
        "manufacturing_per_1000", "Manufacturing jobs per 1,000 people, 2024 (SYNTHETIC)", "jobs per 1,000 people",
        "course's synthetic panel; Kemendagri (2025) population", value_format="{:.0f}"),
    "Micro and small manufacturing workers, 2013": Indicator(
        "micro_small_2013_thousands", "Workers in micro and small manufacturing, 2013", "thousand workers",
        "BPS; grey tiles: borders changed since 2013", value_format="{:,.0f}"),
}


def province_indicators() -> pd.DataFrame:
    """All map indicators by province, indexed by BPS code (today's 38 provinces)."""
    provinces = data.load_provinces().set_index("bps_code")
    panel = data.load_employment_panel()
    manufacturing = panel[panel["year"] == 2024].groupby("bps_code")["workers"].sum()
    micro_small = data.load_micro_small_workers()
    micro_small = micro_small[(micro_small["year"] == 2013)
                              & ~micro_small["bps_code"].isin(NOT_COMPARABLE_WITH_TODAY)]
    micro_small = micro_small.groupby("bps_code")["workers"].sum().astype(float)
    table = pd.DataFrame({
        "name": provinces["name"],
        "density": provinces["population"] / provinces["area_km2"],
        "population_millions": provinces["population"] / 1e6,
        "area_thousand_km2": provinces["area_km2"] / 1e3,
        "manufacturing_thousands": manufacturing.reindex(provinces.index) / 1e3,
        "manufacturing_per_1000": manufacturing.reindex(provinces.index) / provinces["population"] * 1e3,
        "micro_small_2013_thousands": micro_small.reindex(provinces.index) / 1e3,
    })
    return table
