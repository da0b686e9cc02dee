"""Checked exercises of lesson 04, shift-share (solutions/04_shift_share.ipynb); 04.8–04.10 use real BPS data
(PDRB of kabupaten/kota, 2015–2022, and the 2016 provincial input–output tables)."""
from __future__ import annotations


import pandas as pd

from ..i18n import cached_per_language
from .. import bps, data, examples
from ..i18n import N_
from ..measures import (QUADRANTS, cluster_portfolio, esteban_marquillas, klassen_typology, linkages,
                        shift_share)
from ..measures.klassen import KLASSEN
from . import Exercise, Mistake, register


@cached_per_language(maxsize=None)
def _panel_decomposition() -> pd.DataFrame:
    return shift_share(data.employment_matrix(2019), data.employment_matrix(2024))


def _reat() -> pd.DataFrame:
    return shift_share(*examples.reat_shift_share_example())


def _reat_national_growth() -> float:
    start, end = examples.reat_shift_share_example()
    return float(end.to_numpy().sum() / start.to_numpy().sum() - 1)


def _reat_national_share_with_industry_growth() -> float:
    start, end = examples.reat_shift_share_example()
    g_i = end["I1"].sum() / start["I1"].sum() - 1
    return float(start.loc["A", "I1"] * g_i)


def _reat_national_share_with_regional_growth() -> float:
    start, end = examples.reat_shift_share_example()
    g_r = end.loc["A"].sum() / start.loc["A"].sum() - 1
    return float(start.loc["A", "I1"] * g_r)


def _reat_national_share(jobs_from: str = "start", plus_one: bool = False) -> float:
    start, end = examples.reat_shift_share_example()
    jobs = (start if jobs_from == "start" else end).loc["A", "I1"]
    return float(jobs * ((1 + _reat_national_growth()) if plus_one else _reat_national_growth()))


def _em(region: str = "A", column: str = "allocation") -> float:
    return float(esteban_marquillas(*examples.reat_shift_share_example()).loc[region, column].sum())


def _micro_small_decomposition() -> pd.DataFrame:
    table = data.load_micro_small_workers()
    complete = table[~table.groupby("province")["workers"].transform(lambda s: s.isna().any())]
    start, end = (complete[complete["year"] == y].pivot(index="province", columns="size_class", values="workers")
                  .astype(float) for y in (2013, 2014))
    return shift_share(start, end)


def _components(province: str) -> pd.Series:
    return _panel_decomposition().loc[province].sum()[["national_share", "industry_mix", "competitive"]]


def _largest_component(province: str) -> str:
    return str(_components(province).abs().idxmax())


def quadrant_mistakes(pair_quadrant) -> tuple[Mistake, ...]:
    """One Mistake per quadrant name, with a hint that says what that quadrant needs (the 2024 LQ against 1,
    the change in LQ against 0). The one for the right quadrant, ``pair_quadrant()``, computes None and so
    never applies."""
    return tuple(Mistake(lambda name=name: name if name != pair_quadrant() else None, _QUADRANT_HINT[name])
                 for name in QUADRANTS.values())


# One hint per quadrant a student might give: it says what that quadrant needs, so the student can test
# the pair against it (the 2024 LQ against 1, the change in LQ against 0) without being told the answer.
_QUADRANT_HINT = {
    "strong and advancing": N_("'strong and advancing' needs a 2024 LQ above 1 AND an LQ that rose from 2019 "
                               "to 2024: check both for this pair."),
    "emerging": N_("'emerging' needs a 2024 LQ below 1 and an LQ that rose: check which side of 1 the 2024 LQ "
                   "is on."),
    "mature or at risk": N_("'mature or at risk' needs a 2024 LQ above 1 and an LQ that fell: check the sign of "
                            "the change in LQ from 2019 to 2024."),
    "weak and declining": N_("'weak and declining' needs a 2024 LQ below 1 and an LQ that fell: check both the "
                             "2024 LQ and the sign of its change."),
}


register(Exercise(
    id="04.1",
    prompt=N_("National-share component for region A, industry I1 (REAT example), by hand, to 1 decimal."),
    expected=lambda: float(_reat().loc[("A", "I1"), "national_share"]),
    decimals=1,
    hint=N_("national share = region A's base-year jobs in I1 times the growth rate of ALL jobs in the nation."),
    mistakes=(
        Mistake(_reat_national_share_with_industry_growth,
                N_("you used industry I1's national growth rate; the national share uses the growth of all jobs.")),
        Mistake(_reat_national_share_with_regional_growth,
                N_("you used region A's own growth rate; the national share uses the growth of all jobs in the "
                   "nation.")),
        Mistake(lambda: _reat_national_share(plus_one=True),
                N_("you multiplied by (1 + growth): the national share is the CHANGE the national growth rate "
                   "would bring, base-year jobs times the growth rate.")),
        Mistake(lambda: _reat_national_share(jobs_from="end"),
                N_("you used the end-year jobs; the national share starts from the base-year jobs.")),
    ),
))

register(Exercise(
    id="04.2",
    prompt=N_("Competitive effect of region B, all industries (REAT example), to 1 decimal."),
    expected=lambda: float(_reat().loc["B", "competitive"].sum()),
    decimals=1,
    hint=N_("sum the competitive column of shift_share over region B's four industries."),
    mistakes=(
        Mistake(lambda: float(_reat().loc["B", "total_change"].sum()),
                N_("that is region B's total change, not its competitive part.")),
        Mistake(lambda: -float(_reat().loc["B", "competitive"].sum()),
                N_("check the sign: region B did better than the nation.")),
        Mistake(lambda: float(_reat().loc["B", "national_share"].sum()),
                N_("that is region B's national share; take the competitive column.")),
        Mistake(lambda: float(_reat().loc["A", "competitive"].sum()),
                N_("that is region A; the exercise asks for region B.")),
        Mistake(lambda: float(_reat().loc[("B", "I1"), "competitive"]),
                N_("that is industry I1 only; sum over all four of region B's industries.")),
    ),
))

register(Exercise(
    id="04.3",
    prompt=N_("Esteban-Marquillas allocation effect of region A, summed over industries (REAT example), "
              "to 2 decimals."),
    expected=lambda: _em(),
    decimals=2,
    hint=N_("use esteban_marquillas and sum the allocation column for region A."),
    mistakes=(
        Mistake(lambda: _em(column="competitive_homothetic"),
                N_("that is the competitive effect on homothetic employment, the other half of the split.")),
        Mistake(lambda: -_em(),
                N_("check the sign: is region A specialised (above homothetic employment) in the industries "
                   "where it grows faster than the nation, or in the others?")),
        Mistake(lambda: _em(region="B"), N_("that is region B; the exercise asks for region A.")),
        Mistake(lambda: float(_reat().loc["A", "competitive"].sum()),
                N_("that is region A's whole competitive effect; the allocation effect is only one part of it.")),
    ),
))

register(Exercise(
    id="04.4",
    prompt=N_("Competitive effect of Apparel in Jawa Tengah, 2019-2024 (synthetic panel), to the nearest job."),
    expected=lambda: float(_panel_decomposition().loc[("Jawa Tengah", "Apparel"), "competitive"]),
    decimals=0,
    hint=N_("decompose the 2019 and 2024 matrices with shift_share and read the row (Jawa Tengah, Apparel)."),
    mistakes=(
        Mistake(lambda: float(_panel_decomposition().loc[("Jawa Tengah", "Apparel"), "total_change"]),
                N_("that is the total change; the exercise asks for the competitive part only.")),
        Mistake(lambda: float(_panel_decomposition().loc[("Jawa Barat", "Apparel"), "competitive"]),
                N_("that is Jawa Barat; the exercise asks for Jawa Tengah.")),
        Mistake(lambda: float(_panel_decomposition().loc[("Jawa Tengah", "Apparel"), "industry_mix"]),
                N_("that is the industry-mix part; the exercise asks for the competitive part.")),
        Mistake(lambda: float(_panel_decomposition().loc[("Jawa Tengah", "Apparel"), "national_share"]),
                N_("that is the national-share part; the exercise asks for the competitive part.")),
        Mistake(lambda: -float(_panel_decomposition().loc[("Jawa Tengah", "Apparel"), "competitive"]),
                N_("the sign is reversed: did you swap the two years (shift_share takes the start year first)?")),
        Mistake(lambda: float(_panel_decomposition().loc["Jawa Tengah", "competitive"].sum()),
                N_("that is Jawa Tengah's competitive effect summed over all divisions; take Apparel only.")),
    ),
))

register(Exercise(
    id="04.5",
    prompt=N_("The largest component (in absolute size) of Jawa Barat's change, all manufacturing."),
    expected=lambda: _largest_component("Jawa Barat"),
    kind="name",
    hint=N_("compare the absolute sizes of national_share, industry_mix and competitive summed over Jawa "
            "Barat's divisions; answer with the column name."),
    options=("national_share", "industry_mix", "competitive"),
    mistakes=(
        Mistake(lambda: str(_components("Jawa Barat").idxmin()) if _largest_component("Jawa Barat") !=
                str(_components("Jawa Barat").idxmin()) else None,
                N_("that component is the most NEGATIVE one; compare the sizes without their signs (absolute "
                   "values).")),
        Mistake(lambda: str(_components("Jawa Barat").abs().idxmin()),
                N_("that is the SMALLEST component in absolute size; the exercise asks for the largest.")),
    ),
))

register(Exercise(
    id="04.6",
    prompt=N_("Competitive effect of small firms in Sulawesi Utara, 2013-2014 (BPS data, Papua left out), "
              "to the nearest worker."),
    expected=lambda: float(_micro_small_decomposition().loc[("Sulawesi Utara", "small"), "competitive"]),
    decimals=0,
    hint=N_("drop Papua (its 2014 values are missing), build the 2013 and 2014 matrices with micro and small as "
            "the industries, and read (Sulawesi Utara, small) from shift_share."),
    mistakes=(
        Mistake(lambda: float(_micro_small_decomposition().loc[("Sulawesi Utara", "micro"), "competitive"]),
                N_("that is the value for micro firms; the exercise asks for small firms.")),
        Mistake(lambda: float(_micro_small_decomposition().loc[("Sulawesi Utara", "small"), "total_change"]),
                N_("that is the total change; the exercise asks for the competitive part.")),
        Mistake(lambda: float(_micro_small_decomposition().loc[("Sulawesi Utara", "small"), "national_share"]),
                N_("that is the national-share part; the exercise asks for the competitive part.")),
        Mistake(lambda: -float(_micro_small_decomposition().loc[("Sulawesi Utara", "small"), "competitive"]),
                N_("the sign is reversed: did you swap 2013 and 2014 (the start year comes first)?")),
        Mistake(lambda: float(_micro_small_decomposition().loc["Sulawesi Utara", "competitive"].sum()),
                N_("that is micro and small firms together; take small firms only.")),
    ),
))


def _portfolio_quadrant(province: str, division: str) -> str:
    return str(cluster_portfolio(data.employment_matrix(2019), data.employment_matrix(2024))
               .loc[(province, division), "quadrant"])


register(Exercise(
    id="04.7",
    prompt=N_("Portfolio quadrant of Basic metals in Sulawesi Tengah (growth = change in LQ)."),
    expected=lambda: _portfolio_quadrant("Sulawesi Tengah", "Basic metals"),
    kind="name",
    hint=N_("x is the 2024 LQ (above or below 1), y the change in LQ (above or below 0); "
            "answer with one of the four quadrant names."),
    options=tuple(QUADRANTS.values()),
    mistakes=quadrant_mistakes(lambda: _portfolio_quadrant("Sulawesi Tengah", "Basic metals")),
))


# --- Real PDRB and input–output tables (exercises 04.8–04.10) ------------------------------------------

@cached_per_language(maxsize=None)
def _real_shift_share(start: int, end: int, reference: str = "regions", province=None) -> pd.DataFrame:
    tables = data.pdrb_matrices([start, end], level="kabkota", reference=reference, province=province)
    return shift_share(tables[start], tables[end])


def _halteng_c(column: str = "competitive", start: int = 2019, end: int = 2022, sector: str = "C", **kwargs) -> float:
    return float(_real_shift_share(start, end, **kwargs).loc[("Halmahera Tengah", sector), column])


register(Exercise(
    id="04.8",
    prompt=N_("Competitive effect of manufacturing (C) in Halmahera Tengah, 2019-2022, against the nation as the "
              "sum of all kabupaten/kota (BPS PDRB at 2010 prices), to the nearest billion rupiah."),
    expected=lambda: _halteng_c(),
    decimals=0,
    hint=N_("build the 2019 and 2022 tables with data.pdrb_matrices([2019, 2022], level=\"kabkota\"), decompose "
            "them with shift_share and read the row (Halmahera Tengah, C)."),
    mistakes=(
        Mistake(lambda: _halteng_c("total_change"),
                N_("that is the total change of manufacturing; the exercise asks for the competitive part only.")),
        Mistake(lambda: _halteng_c("national_share"),
                N_("that is the national-share part; the exercise asks for the competitive part.")),
        Mistake(lambda: -_halteng_c(),
                N_("the sign is reversed: did you swap the two years (shift_share takes the start year first)?")),
        Mistake(lambda: _halteng_c(start=2015, end=2019),
                N_("that is the period 2015-2019; the exercise asks for 2019-2022.")),
        Mistake(lambda: _halteng_c(sector="B"),
                N_("that is mining (B); the exercise asks for manufacturing (C).")),
        Mistake(lambda: _halteng_c(province="Maluku Utara"),
                N_("you compared Halmahera Tengah with its province (the kabupaten/kota of Maluku Utara); the "
                   "exercise compares it with the nation, all 514 kabupaten/kota.")),
        Mistake(lambda: _halteng_c(reference="published"),
                N_("you used the published national row as the nation; the exercise uses the sum of all "
                   "kabupaten/kota (the default, reference=\"regions\").")),
        Mistake(lambda: float(_real_shift_share(2019, 2022).loc["Halmahera Tengah", "competitive"].sum()),
                N_("that is Halmahera Tengah's competitive effect summed over all sectors; take manufacturing (C) "
                   "only.")),
    ),
))


def _klassen_class(region: str, sector: str, start: int, end: int, years=None) -> str:
    tables = data.pdrb_matrices(years or [start, end], level="kabkota")
    return str(klassen_typology(tables[start], tables[end]).loc[(region, sector), "klassen"])


def _halteng_klassen() -> str:
    return _klassen_class("Halmahera Tengah", "C", 2015, 2019)


# One hint per class a student might give: what that class needs, so the student can test the sector against
# it without being told the answer.
_KLASSEN_HINT = {
    KLASSEN[1][0]: N_("'sektor maju dan tumbuh pesat' needs BOTH a share of the sector in the kabupaten's PDRB "
                      "above its share in the nation (in the final year, 2019) AND faster growth than the same "
                      "sector in the nation: check the share (share against reference_share)."),
    KLASSEN[2][0]: N_("'sektor maju tapi tertekan' needs a share above the nation's and growth no faster than the "
                      "same sector in the nation: check both comparisons."),
    KLASSEN[3][0]: N_("'sektor potensial atau masih dapat berkembang' needs a share below the nation's and faster "
                      "growth than the same sector in the nation: check both comparisons."),
    KLASSEN[4][0]: N_("'sektor relatif tertinggal' needs a share below the nation's AND growth no faster than the "
                      "same sector in the nation: compare the growth of manufacturing in Halmahera Tengah with "
                      "the nation's (growth against reference_growth)."),
}

register(Exercise(
    id="04.9",
    prompt=N_("Klassen class of manufacturing (C) in Halmahera Tengah, 2015-2019, against the nation (the sum of "
              "all kabupaten/kota): the Indonesian name, as in the klassen column."),
    expected=_halteng_klassen,
    kind="name",
    hint=N_("compare the sector's share of the kabupaten's PDRB in 2019 with its share in the nation, and its "
            "growth 2015-2019 with the same sector's growth in the nation; klassen_typology does both."),
    options=tuple(name for name, _gloss in KLASSEN.values()),
    mistakes=tuple(Mistake(lambda name=name: name if name != _halteng_klassen() else None, hint)
                   for name, hint in _KLASSEN_HINT.items()),
))


def _key_sectors(province: str, forward: str = "leontief", rule: str = "key") -> list[str]:
    table = data.load_io_table(province)
    result = linkages(table.flows, table.total_output, forward=forward)
    backward, forward_index = result["backward"] > 1, result["forward"] > 1
    chosen = {"key": backward & forward_index, "backward": backward, "forward": forward_index,
              "either": backward | forward_index}[rule]
    return list(result.index[chosen])


def _largest_multipliers(province: str, n: int) -> list[str]:
    table = data.load_io_table(province)
    return list(linkages(table.flows, table.total_output)["output_multiplier"].nlargest(n).index)


register(Exercise(
    id="04.10",
    prompt=N_("The key sectors of Papua Barat (BPS input-output table 2016; backward and forward linkage indices "
              "both above 1, forward linkages from the rows of the Leontief inverse, as BPS computes them): "
              "their sector codes."),
    expected=lambda: _key_sectors("Papua Barat"),
    kind="labels",
    options=tuple(bps.SECTOR_CODES),
    hint=N_("load the table with data.load_io_table(\"Papua Barat\"), pass its flows and total_output to "
            "measures.linkages and list the sectors where key_sector is True."),
    mistakes=(
        Mistake(lambda: _key_sectors("Papua Barat", forward="ghosh"),
                N_("you took the forward linkages from the Ghosh inverse; the exercise asks for the rows of the "
                   "Leontief inverse (forward=\"leontief\", the default and the BPS method).")),
        Mistake(lambda: _key_sectors("Papua Barat", rule="backward"),
                N_("those are the sectors with a backward linkage above 1; a key sector needs the forward "
                   "linkage above 1 too.")),
        Mistake(lambda: _key_sectors("Papua Barat", rule="forward"),
                N_("those are the sectors with a forward linkage above 1; a key sector needs the backward "
                   "linkage above 1 too.")),
        Mistake(lambda: _key_sectors("Papua Barat", rule="either"),
                N_("you kept sectors with EITHER linkage above 1; a key sector has BOTH above 1.")),
        Mistake(lambda: _key_sectors("Sulawesi Selatan"),
                N_("those are the key sectors of Sulawesi Selatan (the lesson's example); load Papua Barat's "
                   "table.")),
        Mistake(lambda: _largest_multipliers("Papua Barat", len(_key_sectors("Papua Barat"))),
                N_("those are the sectors with the largest output multipliers; key sectors are chosen by the "
                   "two linkage indices, each against 1.")),
    ),
))
