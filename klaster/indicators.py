"""Province indicators for maps: one table, one row per province (BPS code)."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import data
from .i18n import N_, number

# Old-numbering provinces of the 2013-2014 BPS table whose borders have
# changed since: Kalimantan Timur then included Kalimantan Utara, and the
# two Papua provinces of the time now form six. Their figures cannot be
# put on today's map.
NOT_COMPARABLE_WITH_TODAY = ("64", "91", "94")


class LocalFormat(str):
    """A one-number template such as "{:,.0f}" whose ``format`` writes the number in the current
    language's style: "1,234" in English, "1.234" in Indonesian (``klaster.i18n.number``).

    It is a ``str``, so it goes wherever a ``value_format`` template does (``TileMap.update``).
    """

    def __new__(cls, template: str = "{:,.0f}"):
        if not (template.startswith("{:") and template.endswith("}")):
            raise ValueError(f"A LocalFormat template looks like '{{:,.1f}}', not {template!r}.")
        return super().__new__(cls, template)

    def format(self, value, *args, **kwargs) -> str:  # noqa: A003 (the str method it replaces)
        return number(value, self[2:-1])


@dataclass(frozen=True)
class Indicator:
    """What a map variable is, in words: label with unit, source, scale.

    ``label``, ``unit`` and ``source`` are English texts marked for the catalog;
    show them with ``_()`` (``Indicator.shown``), so they follow the language.
    """
    column: str
    label: str
    unit: str
    source: str
    log: bool = False
    value_format: str = "{:,.0f}"

    def shown(self, value) -> str:
        """``value`` written with this indicator's format, in the current language's style."""
        return LocalFormat(self.value_format).format(value)


# Keys are the values of the map explorer's menu (code compares them: never translated); the labels
# shown are _(key).
INDICATORS = {
    N_("Population density"): Indicator(
        "density", N_("Population density, 2025"), N_("people per km\u00b2 (log scale)"),
        N_("Kemendagri (2025) population; BIG (2024) area"), log=True),
    N_("Population"): Indicator("population_millions", N_("Population, 2025"), N_("million people"),
                                "Kemendagri (2025)", value_format="{:.1f}"),
    N_("Area"): Indicator("area_thousand_km2", N_("Land area"), N_("thousand km\u00b2"),
                          "Badan Informasi Geospasial (2024)", value_format="{:.1f}"),
    N_("Manufacturing jobs (synthetic)"): Indicator(
        "manufacturing_thousands", N_("Manufacturing jobs, 2024 (SYNTHETIC, illustrative)"), N_("thousand workers"),
        N_("course's synthetic panel, not official statistics"), value_format="{:,.0f}"),
    N_("Manufacturing jobs per 1,000 people (synthetic)"): Indicator(
        "manufacturing_per_1000", N_("Manufacturing jobs per 1,000 people, 2024 (SYNTHETIC)"),
        N_("jobs per 1,000 people"), N_("course's synthetic panel; Kemendagri (2025) population"),
        value_format="{:.0f}"),
    N_("Micro and small manufacturing workers, 2013"): Indicator(
        "micro_small_2013_thousands", N_("Workers in micro and small manufacturing, 2013"), N_("thousand workers"),
        N_("BPS; grey tiles: borders changed since 2013"), value_format="{:,.0f}"),
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
