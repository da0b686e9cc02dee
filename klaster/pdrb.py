"""Real regional GDP (PDRB) by kabupaten/kota and sector, 2010–2022.

The numbers are BPS's, as compiled by Bappenas' SIMREG, at constant 2010
prices (ADHK 2010), in billion rupiah (see data/README.md). This module is
the course's way into them; the functions are re-exported by
``klaster.data``:

* ``load_pdrb(level)``: the tidy long table (one row per region, year and
  sector) for the nation, the 38 provinces or the 514 kabupaten/kota, each
  cell marked when the data-quality check finds it implausible;
* ``pdrb_matrix(year, ...)`` and ``pdrb_matrices(years, ...)``: region ×
  sector tables ready for ``klaster.measures``;
* ``pdrb_reference(year, region)``: the published national or provincial
  row, for measures that compare regions with a published total;
* ``pdrb_suspect_cells()``: every cell the check flags, with its rule and
  reason (the rules are listed in ``SUSPECT_RULES`` and data/README.md);
* ``find_region(name)``: a region's code from its name, forgiving of case,
  accents and small misspellings.

**38 provinces from 34.** The files have the 34 provinces of 2010–2021.
The course uses the 38 of today (``provinces.csv``). Papua's and Papua
Barat's 2022 split follows whole kabupaten/kota (``klaster.bps.PAPUA_2022``),
so the six Papua provinces are rebuilt exactly as sums of their
kabupaten/kota; Kalimantan Utara, which has no published row before 2013,
is the sum of its kabupaten/kota in 2010–2012, and Kalimantan Timur in those
years is its published row less those kabupaten/kota. The column ``basis``
says which rows are published and which are rebuilt.
"""
from __future__ import annotations

import difflib
import re
import unicodedata

import numpy as np
import pandas as pd

from . import bps
from .errors import KlasterTypeError, KlasterValueError
from .i18n import N_, _, _f, language
from .paths import data_dir

__all__ = [
    "YEARS", "LEVELS", "SUSPECT_RULES", "REFERENCE_ATTR", "load_pdrb", "load_islands", "pdrb_sectors",
    "pdrb_matrix", "pdrb_matrices", "pdrb_reference", "pdrb_suspect_cells", "find_region", "pdrb_regions",
]

YEARS = bps.PDRB_YEARS
LEVELS = ("nation", "province", "kabkota")
SECTORS = bps.SECTOR_CODES
TOTAL = bps.TOTAL
NATION_CODE = "00"
REFERENCE_ATTR = "klaster_reference"
"""Key in ``DataFrame.attrs`` under which ``pdrb_matrix(reference="published")`` keeps the published
reference row; the measures that can compare with a published total read it, the others refuse the table."""

# Obvious misspellings in the published names, corrected in ``region`` (the tidy file keeps the
# published spelling in its ``name`` column). Other names stay as published.
NAME_CORRECTIONS = {"1373": "Kota Sawahlunto", "2105": "Kepulauan Anambas", "6403": "Kutai Kartanegara",
                    "7302": "Bulukumba", "9101": "Fakfak"}
# Other spellings a student may type, for ``find_region``.
NAME_ALIASES = {"kota tangerang selatan": "3674", "ogan komering ulu selatan": "1608",
                "ogan komering ulu timur": "1609", "paser": "6401", "kepulauan selayar": "7301",
                "toba": "1206", "maluku tenggara barat": "8101"}

# The data-quality rules, in the order they are applied (see data/README.md).
SUSPECT_RULES = {
    "value_without_total": N_("a sector has a value in a year in which the region's total is 0 "
                              "(before the kabupaten/kota existed)"),
    "total_vs_parts": N_("the published total differs from the sum of the sectors by more than 0.5%"),
    "spike": N_("the value jumps by a factor of 5 or more from both neighbouring years and back "
                "(at the first or last year: from the next two or the previous two, which agree)"),
    "zero_between": N_("the value is 0 between two years in which it is positive"),
    "scrambled_column": N_("at least 3 and at least a quarter of a province's kabupaten/kota are flagged in "
                           "the same sector and year, so the whole column of that province and year is "
                           "suspect"),
    "kabkota_sum": N_("a province's kabupaten/kota add up to more than 10% (and more than 1% of the "
                      "province's PDRB) away from the province's published row, and no flagged "
                      "kabupaten/kota cell explains it"),
    "in_sum": N_("a rebuilt province value is a sum in which a flagged kabupaten/kota cell is 1% or more"),
}
# What the ``basis`` codes of ``load_pdrb("province")`` mean, for messages (the codes stay English).
BASIS_TEXT = {"published": N_("as published"), "sum of kabupaten/kota": N_("the sum of its kabupaten/kota"),
              "published, less the kabupaten/kota of Kalimantan Utara":
                  N_("the published row less the kabupaten/kota of Kalimantan Utara")}
SPIKE_FACTOR = 5.0
EDGE_AGREEMENT = 2.0
TOTAL_TOLERANCE = 0.005  # share of the total, plus 0.1 billion for rounding
WATER_MAX_SHARE = 0.02  # in 2021-2022 (no sector E), total minus the 16 sectors may be up to this share
MIN_CHANGE = 0.5  # billion rupiah: smaller jumps are rounding noise, not errors
COLUMN_MIN_FLAGS, COLUMN_MIN_SHARE = 3, 0.25
SUM_TOLERANCE, SUM_MATERIAL = 0.10, 0.01
IN_SUM_MATERIAL = 0.01  # a flagged kabupaten/kota cell taints a rebuilt province sum if it is 1% of it or more

_cache: dict = {}


# ---------------------------------------------------------------------------
# Reading the tidy file
# ---------------------------------------------------------------------------

def _read_csv(name: str, **kwargs) -> pd.DataFrame:
    path = data_dir() / name
    if not path.is_file():
        raise KlasterValueError(_("The course data file {path} is missing; rebuild it from the published "
                                  "spreadsheets with `python -m klaster.bps`.").format(path=path))
    stat = path.stat()
    key = ("csv", str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _cache:
        _cache[key] = pd.read_csv(path, **kwargs)
    return _cache[key]


def _published() -> pd.DataFrame:
    """The tidy file: one row per published row and year, as published (numbers as floats)."""
    frame = _read_csv(bps.PDRB_FILE, dtype={"code": str, "name": str, "level": str})
    expected = ["year", "level", "code", "name", TOTAL, *SECTORS]
    if list(frame.columns) != expected:
        raise KlasterValueError(_("The columns of {name} are not the ones the course writes; rebuild it with "
                                  "`python -m klaster.bps`.").format(name=bps.PDRB_FILE))
    return frame


def _memo(key, build):
    published = _published()
    stamp = (key, id(published))
    if stamp not in _cache:
        _cache[stamp] = build(published)
    return _cache[stamp]


def _provinces() -> pd.DataFrame:
    return _read_csv("provinces.csv", dtype={"bps_code": str, "name": str})[["bps_code", "name"]]


def load_islands() -> pd.DataFrame:
    """The 38 provinces and their island group (bps_code, province, island_id, island).

    The groups are SIMREG's, as the PDRB files give them (Sumatera, Jawa-Bali,
    Nusa Tenggara, Kalimantan, Sulawesi, Maluku, Papua); the four new Papua
    provinces and Papua Barat Daya are in Papua.
    """
    frame = _read_csv(bps.ISLANDS_FILE, dtype={"bps_code": str, "province": str, "island": str})
    return frame.copy()


def pdrb_sectors() -> pd.DataFrame:
    """The 17 sectors: sector_code, sector (BPS's Indonesian name), sector_en (the English name),
    sector_short (a short label for charts, in the course language: "Manufacturing" in English,
    "Industri pengolahan" in Indonesian). Select sectors by sector_code, the same in both languages."""
    return pd.DataFrame({"sector_code": [s[0] for s in bps.SECTORS], "sector": [s[1] for s in bps.SECTORS],
                         "sector_en": [s[2] for s in bps.SECTORS],
                         "sector_short": [_(s[3]) for s in bps.SECTORS]})


# ---------------------------------------------------------------------------
# Regions
# ---------------------------------------------------------------------------

def _regions(published: pd.DataFrame) -> pd.DataFrame:
    """Every region of the three levels: level, bps_code, region, province_code, province."""
    names = _provinces().set_index("bps_code")["name"]
    kab = published[published["level"] == "kabkota"].drop_duplicates("code")
    kab_codes = kab["code"].to_numpy()
    province_codes = [bps.province_code_38(c) for c in kab_codes]
    kabkota = pd.DataFrame({"level": "kabkota", "bps_code": kab_codes,
                            "region": [NAME_CORRECTIONS.get(c, n) for c, n in zip(kab_codes, kab["name"])],
                            "published_name": kab["name"].to_numpy(),
                            "province_code": province_codes,
                            "province": [names.get(p, "") for p in province_codes]})
    provinces = pd.DataFrame({"level": "province", "bps_code": names.index, "region": names.to_numpy(),
                              "published_name": names.to_numpy(), "province_code": names.index,
                              "province": names.to_numpy()})
    nation = pd.DataFrame({"level": ["nation"], "bps_code": [NATION_CODE], "region": ["Indonesia"],
                           "published_name": ["Nasional"], "province_code": [""], "province": [""]})
    return pd.concat([nation, provinces, kabkota], ignore_index=True)


def pdrb_regions(level: str | None = None) -> pd.DataFrame:
    """The regions of the PDRB data (level, bps_code, region, province_code, province)."""
    regions = _memo("regions", _regions)
    if level is not None:
        regions = regions[regions["level"] == _check_level(level)]
    return regions.drop(columns="published_name").reset_index(drop=True)


def _check_level(level) -> str:
    if level not in LEVELS:
        raise KlasterValueError(_("level must be 'nation', 'province' or 'kabkota', not {level!r}.").format(
            level=level))
    return level


def _fold(text) -> str:
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^0-9a-zA-Z]+", " ", text).lower().split())


def find_region(name, level: str | None = None) -> str:
    """The BPS code of a region given by its name or code.

    Case, accents, punctuation and the words "Kabupaten"/"Kab." and
    "Provinsi" do not matter; a few other spellings are known (e.g. "Kota
    Tangerang Selatan" for the published "Kota Tangsel"). A name that is not
    found raises KlasterValueError suggesting the closest names. ``level``
    ("province" or "kabkota") narrows the search.
    """
    if not isinstance(name, (str, int)) or isinstance(name, bool):
        raise KlasterTypeError(_("A region is named by its name or BPS code as text, not by a {kind}.").format(
            kind=type(name).__name__))
    regions = _memo("regions", _regions)
    if level is not None:
        regions = regions[regions["level"] == _check_level(level)]
    text = str(name).strip()
    if text in set(regions["bps_code"]):
        return text
    wanted = _fold(text)
    wanted = re.sub(r"^(kabupaten|kab|provinsi|prov)\s+", "", wanted)
    keys = {}
    for code, region, published in zip(regions["bps_code"], regions["region"], regions["published_name"]):
        keys.setdefault(_fold(region), code)
        keys.setdefault(_fold(published), code)
    for alias, code in NAME_ALIASES.items():
        if code in set(regions["bps_code"]):
            keys.setdefault(alias, code)
    if wanted in keys:
        return keys[wanted]
    # close spellings, also of the names without their "kota" or "kabupaten" word ("Batamm" -> "Kota Batam")
    candidates = dict(keys)
    for key, code in keys.items():
        candidates.setdefault(re.sub(r"^(kota|kab|kabupaten)\s+", "", key), code)
    close = difflib.get_close_matches(wanted, list(candidates), n=3, cutoff=0.75)
    keys = candidates
    names = regions.set_index("bps_code")["region"]
    if close:
        suggestions = ", ".join(repr(names[keys[k]]) for k in dict.fromkeys(close))
        raise KlasterValueError(_("There is no region {name!r} in the PDRB data; did you mean {suggestions}?").format(
            name=text, suggestions=suggestions))
    raise KlasterValueError(_("There is no region {name!r} in the PDRB data; look it up with "
                              "data.pdrb_regions().").format(name=text))


# ---------------------------------------------------------------------------
# The three levels as wide tables: index (bps_code, year), columns total and the sectors
# ---------------------------------------------------------------------------

def _published_wide(published: pd.DataFrame) -> pd.DataFrame:
    frame = published.set_index(["code", "year"])[[TOTAL, *SECTORS]]
    return frame.sort_index()


def _levels(published: pd.DataFrame) -> dict:
    """{level: (values, basis)} with the 38 provinces rebuilt; values indexed by (bps_code, year)."""
    wide = _published_wide(published)
    level_of = published.drop_duplicates("code").set_index("code")["level"]
    kab_codes = level_of.index[level_of == "kabkota"]
    kab = wide.loc[kab_codes]
    nation = wide.loc[["9999"]].rename(index={"9999": NATION_CODE}, level=0)

    kab_province = pd.Index([bps.province_code_38(c) for c in kab.index.get_level_values(0)])
    years = kab.index.get_level_values(1)
    kab_sums = kab.groupby([kab_province, years]).sum(min_count=1)
    kab_sums.index.names = ["code", "year"]
    province_rows = wide.loc[level_of.index[level_of == "province"]]
    province_rows.index = pd.MultiIndex.from_arrays(
        [province_rows.index.get_level_values(0).str[:2], province_rows.index.get_level_values(1)],
        names=["code", "year"])
    index = pd.MultiIndex.from_product([_provinces()["bps_code"], YEARS], names=["code", "year"])
    provinces = province_rows.reindex(index)
    basis = pd.Series("published", index=index)
    papua = index.get_level_values(0).isin(list(bps.PAPUA_2022))
    provinces.loc[papua] = kab_sums.reindex(index[papua]).to_numpy()
    basis[papua] = "sum of kabupaten/kota"
    no_kaltara = [y for y in YEARS if province_rows.loc[("65", y), TOTAL] == 0]
    kaltara = pd.MultiIndex.from_product([["65"], no_kaltara], names=["code", "year"])
    kaltim = pd.MultiIndex.from_product([["64"], no_kaltara], names=["code", "year"])
    kaltara_sums = kab_sums.reindex(kaltara).to_numpy()
    provinces.loc[kaltara] = kaltara_sums
    provinces.loc[kaltim] = province_rows.reindex(kaltim).to_numpy() - kaltara_sums
    basis[kaltara] = "sum of kabupaten/kota"
    basis[kaltim] = "published, less the kabupaten/kota of Kalimantan Utara"
    provinces = provinces.round(2)  # sums and differences of numbers published with two decimals
    return {"nation": (nation, pd.Series("published", index=nation.index)),
            "province": (provinces, basis),
            "kabkota": (kab, pd.Series("published", index=kab.index))}


def _level_values(level: str):
    return _memo("levels", _levels)[level]


# ---------------------------------------------------------------------------
# The data-quality check
# ---------------------------------------------------------------------------

def _neighbour(frame: pd.DataFrame, step: int) -> pd.DataFrame:
    return frame.groupby(level=0).shift(step)


def _find_suspects(published: pd.DataFrame) -> pd.DataFrame:
    """Apply the rules to the published rows. One row per flagged cell and rule:
    code (as published), year, sector_code ('total' for the total), rule, detail (numbers for the reason)."""
    wide = _published_wide(published)
    level_of = published.drop_duplicates("code").set_index("code")["level"]
    columns = [TOTAL, *SECTORS]
    values = wide[columns]
    exists = values[TOTAL] > 0
    exists_frame = pd.DataFrame(np.repeat(exists.to_numpy()[:, None], len(columns), axis=1),
                                index=values.index, columns=columns)
    prev, nxt = _neighbour(values, 1), _neighbour(values, -1)
    prev2, nxt2 = _neighbour(values, 2), _neighbour(values, -2)
    exists_prev = _neighbour(exists_frame, 1).fillna(False).astype(bool)
    exists_next = _neighbour(exists_frame, -1).fillna(False).astype(bool)
    year = values.index.get_level_values(1).to_numpy()[:, None]
    found = []

    def add(mask: pd.DataFrame, rule: str, detail) -> None:
        stacked = mask.stack()
        stacked = stacked[stacked]
        for code, y, sector in stacked.index:
            found.append((code, y, sector, rule, detail(code, y, sector)))

    # value_without_total
    without_total = values[list(SECTORS)].gt(0) & (values[TOTAL] == 0).to_numpy()[:, None]
    add(without_total, "value_without_total", lambda c, y, s: {})

    # spike, with the edge years
    F = SPIKE_FACTOR
    with np.errstate(divide="ignore", invalid="ignore"):
        both = exists_frame & exists_prev & exists_next
        up = (values > F * prev) & (values > F * nxt) & (prev > 0) & (nxt > 0)
        down = (values * F < prev) & (values * F < nxt) & (values > 0)
        material = ((values - prev).abs() >= MIN_CHANGE) & ((values - nxt).abs() >= MIN_CHANGE)
        spike = (up | down) & both & material
        stable_after = ((nxt / nxt2) < EDGE_AGREEMENT) & ((nxt2 / nxt) < EDGE_AGREEMENT)
        stable_before = ((prev / prev2) < EDGE_AGREEMENT) & ((prev2 / prev) < EDGE_AGREEMENT)
        first = ((values > F * nxt) | (values * F < nxt)) & (values > 0) & (nxt > 0) & stable_after
        last = ((values > F * prev) | (values * F < prev)) & (values > 0) & (prev > 0) & stable_before
        edge = ((first & (year == YEARS[0])) | (last & (year == YEARS[-1]))) & exists_frame
        neighbour = pd.DataFrame(np.where(year == YEARS[0], nxt.to_numpy(), prev.to_numpy()),
                                 index=values.index, columns=columns)
        edge &= (values - neighbour).abs() >= MIN_CHANGE
    spike |= edge

    def spike_detail(code, y, sector):
        row = values.loc[code, sector]
        return {"before": row.get(y - 1, np.nan), "after": row.get(y + 1, np.nan)}

    add(spike, "spike", spike_detail)

    # zero_between
    zero = ((values == 0) & (prev >= MIN_CHANGE) & (nxt >= MIN_CHANGE) & exists_frame & exists_prev & exists_next)
    add(zero[list(SECTORS)], "zero_between", spike_detail)

    # total_vs_parts (not for the nation: its total includes taxes less subsidies on products)
    parts = values[list(SECTORS)].sum(axis=1, min_count=1)
    gap = values[TOTAL] - parts
    tolerance = TOTAL_TOLERANCE * values[TOTAL] + 0.1
    incomplete = values[list(SECTORS)].isna().any(axis=1)
    off = np.where(incomplete, (gap < -tolerance) | (gap > WATER_MAX_SHARE * values[TOTAL] + tolerance),
                   gap.abs() > tolerance)
    total_spiked = spike[TOTAL]
    is_nation = values.index.get_level_values(0) == "9999"
    off = pd.Series(off, index=values.index) & exists & ~total_spiked & ~is_nation
    for (code, y) in off[off].index:
        found.append((code, y, TOTAL, "total_vs_parts", {"total": values.loc[(code, y), TOTAL],
                                                          "parts": parts.loc[(code, y)]}))

    # scrambled_column: many kabupaten/kota of one province flagged in the same sector and year
    flagged_cell = (without_total.reindex(columns=columns, fill_value=False) | spike
                    | zero.reindex(columns=columns, fill_value=False))
    kab = level_of.index[level_of == "kabkota"]
    kab_flags = flagged_cell.loc[kab, list(SECTORS)]
    province_of = kab_flags.index.get_level_values(0).str[:2]
    kab_years = kab_flags.index.get_level_values(1)
    counts = kab_flags.groupby([province_of, kab_years]).sum()
    existing = exists.loc[kab].groupby([province_of, kab_years]).sum()
    scrambled = (counts >= COLUMN_MIN_FLAGS) & (counts.ge(COLUMN_MIN_SHARE * existing.to_numpy()[:, None]))
    for (province, y), row in scrambled.iterrows():
        for sector in row.index[row.to_numpy()]:
            members = [c for c in kab if c.startswith(province) and exists.get((c, y), False)]
            for code in members:
                if not kab_flags.loc[(code, y), sector]:
                    found.append((code, y, sector, "scrambled_column",
                                  {"flagged": int(counts.loc[(province, y), sector]), "of": len(members)}))
                    flagged_cell.loc[(code, y), sector] = True

    # kabkota_sum: kabupaten/kota far from their (published, 34-province) province row
    row_flag = off | spike[list(SECTORS)].any(axis=1)
    kab_any = kab_flags | flagged_cell.loc[kab, list(SECTORS)] | row_flag.loc[kab].to_numpy()[:, None]
    kab_values = values.loc[kab, columns]
    sums = kab_values.groupby([province_of, kab_years]).sum(min_count=1)
    explained = kab_any.groupby([province_of, kab_years]).any()
    total_spiked_kab = spike.loc[kab, TOTAL].groupby([province_of, kab_years]).any()
    explained[TOTAL] = explained.any(axis=1) | total_spiked_kab
    province_codes = level_of.index[level_of == "province"]
    province_values = values.loc[province_codes, columns].copy()
    province_values.index = pd.MultiIndex.from_arrays(
        [province_values.index.get_level_values(0).str[:2], province_values.index.get_level_values(1)])
    for y in YEARS:
        if ("65", y) in province_values.index and province_values.loc[("65", y), TOTAL] == 0:
            # Kalimantan Timur's row still includes the kabupaten/kota of Kalimantan Utara
            sums.loc[("64", y)] = sums.loc[("64", y)] + sums.loc[("65", y)]
            explained.loc[("64", y)] = explained.loc[("64", y)] | explained.loc[("65", y)]
            sums.loc[("65", y)] = np.nan
    sums = sums.reindex(province_values.index)
    explained = explained.reindex(province_values.index, fill_value=False)
    difference = sums - province_values
    with np.errstate(divide="ignore", invalid="ignore"):
        relative = difference / province_values
    far = ((relative.abs() > SUM_TOLERANCE) & difference.abs().gt(SUM_MATERIAL * province_values[TOTAL].to_numpy()[:, None])
           & ~explained.astype(bool))
    stacked = far.stack()
    for (province, y, sector) in stacked[stacked].index:
        found.append((f"{province}00", y, sector, "kabkota_sum",
                      {"relative": relative.loc[(province, y), sector], "sum": sums.loc[(province, y), sector]}))
    frame = pd.DataFrame(found, columns=["code", "year", "sector_code", "rule", "detail"])
    return frame


def _reason(rule: str, detail: dict, value: float) -> str:
    """The reason a cell is flagged, in the course language (numbers in its style)."""
    if rule == "spike":
        return _f("jumps to {value:,.2f} from {before:,.2f} the year before and {after:,.2f} the year after "
                  "(a factor of 5 or more each way: decimals shifted or a wrong cell)",
                  value=value, before=detail["before"], after=detail["after"])
    if rule == "zero_between":
        return _f("0 between {before:,.2f} the year before and {after:,.2f} the year after",
                  before=detail["before"], after=detail["after"])
    if rule == "value_without_total":
        return _("has a value although the region's total is 0 that year (it did not exist yet)")
    if rule == "total_vs_parts":
        return _f("the published total {total:,.2f} differs from the sum of the sectors {parts:,.2f} by "
                  "{share:.1%}: some cell of this row is wrong",
                  total=detail["total"], parts=detail["parts"],
                  share=abs(detail["total"] - detail["parts"]) / max(abs(detail["total"]), 1e-9))
    if rule == "scrambled_column":
        return _f("{flagged} of the province's {of} kabupaten/kota are flagged in this sector this year: the "
                  "column looks scrambled, so this cell cannot be trusted either", **detail)
    if rule == "kabkota_sum":
        if detail["relative"] > 0:
            return _f("its kabupaten/kota add up to {share:.1%} more than the province's published row; the two "
                      "are compiled separately (offshore activity, for example, may be counted at province level "
                      "only), so either may be off", share=abs(detail["relative"]))
        return _f("its kabupaten/kota add up to {share:.1%} less than the province's published row; the two are "
                  "compiled separately (offshore activity, for example, may be counted at province level only), "
                  "so either may be off", share=abs(detail["relative"]))
    if rule == "in_sum":
        return _("this rebuilt province value includes a flagged cell of {region}, which {reason}").format(**detail)
    return _(SUSPECT_RULES[rule]) if rule in SUSPECT_RULES else rule


def _suspects(published: pd.DataFrame) -> pd.DataFrame:
    """The flagged cells of the three levels (38 provinces), with reasons."""
    raw = _find_suspects(published)
    regions = _regions(published)
    region_name = dict(zip(zip(regions["level"], regions["bps_code"]), regions["region"]))
    wide = _published_wide(published)
    cell = {key: row for key, row in zip(wide.index, wide.to_dict("records"))}
    records = []
    for code, year, sector, rule, detail in raw.itertuples(index=False):
        value = float(cell[(code, year)][sector])
        if code == "9999":
            level, bps_code = "nation", NATION_CODE
        elif code.endswith("00"):
            level, bps_code = "province", code[:2]
        else:
            level, bps_code = "kabkota", code
        if level == "province" and code[:2] in bps.OLD_PAPUA:
            region = _("{name} (published row before the 2022 split)").format(name=bps.OLD_PAPUA[code[:2]])
            bps_code = code
        else:
            region = region_name[(level, bps_code)]
        records.append({"level": level, "bps_code": bps_code, "region": region, "year": int(year),
                        "sector_code": sector, "value": value, "rule": rule,
                        "reason": _reason(rule, detail, value)})
    table = pd.DataFrame.from_records(records, columns=["level", "bps_code", "region", "year", "sector_code",
                                                        "value", "rule", "reason"])
    # rebuilt province rows inherit the flags of the kabupaten/kota they add up
    provinces, basis = _memo("levels", _levels)["province"]
    rebuilt = basis[basis != "published"]
    kab_flags = table[table["level"] == "kabkota"]
    kab_flags = kab_flags.assign(province=kab_flags["bps_code"].map(bps.province_code_38))
    rebuilt_cells = set(rebuilt.index)
    province_cell = {key: row for key, row in zip(provinces.index, provinces.to_dict("records"))}
    inherited = []
    for row in kab_flags.itertuples(index=False):
        province, year = row.province, row.year
        if (province, year) not in rebuilt_cells:
            continue
        sectors = list(SECTORS) if row.sector_code == TOTAL and row.rule == "total_vs_parts" else [row.sector_code]
        if row.sector_code == TOTAL and row.rule == "spike":
            sectors = [TOTAL]
        member_values = cell[(row.bps_code, year)]
        for sector in sectors:
            total_cell = float(province_cell[(province, year)][sector])
            if abs(member_values[sector]) < IN_SUM_MATERIAL * abs(total_cell):
                continue  # too small a part of the sum to matter
            inherited.append({"level": "province", "bps_code": province,
                              "region": region_name[("province", province)], "year": int(year),
                              "sector_code": sector, "value": total_cell,
                              "rule": "in_sum",
                              "reason": _reason("in_sum", {"region": row.region, "reason": row.reason}, 0.0)})
    table = pd.concat([table, pd.DataFrame.from_records(inherited, columns=table.columns)], ignore_index=True)
    order = {level: i for i, level in enumerate(LEVELS)}
    sector_order = {s: i for i, s in enumerate([TOTAL, *SECTORS])}
    table = table.sort_values(["level", "bps_code", "year", "sector_code", "rule"],
                              key=lambda col: col.map(order) if col.name == "level" else (
                                  col.map(sector_order) if col.name == "sector_code" else col),
                              kind="mergesort")
    return table.drop_duplicates(["level", "bps_code", "year", "sector_code", "rule"]).reset_index(drop=True)


def pdrb_suspect_cells() -> pd.DataFrame:
    """Every cell of the PDRB data that the data-quality check finds implausible.

    Columns: level ("nation", "province" or "kabkota"), bps_code, region,
    year, sector_code ("total" for the published total), value (as
    published, billion rupiah), rule (a key of ``SUSPECT_RULES``) and reason
    (one sentence with the numbers). A cell can be flagged by more than one
    rule. The rules, applied to every published row:

    - value_without_total: a sector has a value while the region's total is
      0 (the kabupaten/kota did not exist yet);
    - total_vs_parts: the total differs from the sum of the sectors by more
      than 0.5% (in 2021–2022, which lack sector E, the total may exceed the
      16 sectors by up to 2%, never fall short); not for the nation, whose
      total includes taxes less subsidies on products;
    - spike: a value 5 or more times larger or smaller than in both
      neighbouring years (a jump and back), or than the next (previous) two
      years, which agree within a factor 2, at the first (last) year;
    - zero_between: 0 between two years with values of at least 0.5;
    - scrambled_column: 3 or more, and at least a quarter, of a province's
      kabupaten/kota flagged in one sector and year: the whole column is
      flagged;
    - kabkota_sum: the kabupaten/kota of a province add up to more than 10%
      (and more than 1% of the province's PDRB) away from the province row,
      and no flagged kabupaten/kota cell explains the gap;
    - in_sum: a rebuilt province (the Papua provinces; Kalimantan Utara and
      Timur in 2010–2012) adds up a flagged kabupaten/kota cell.

    Jumps smaller than 0.5 billion rupiah are ignored as rounding noise.
    Kabupaten/kota rows of zeros before the region existed are not flagged:
    those regions are simply absent in those years.
    """
    return _memo(("suspects", language()), _suspects).copy()  # the reasons are in the course language


def _blocking(level: str) -> pd.DataFrame:
    """Flagged (bps_code, year, sector_code) cells of one level that a matrix of sectors must not use
    silently; a total_vs_parts flag stands for every sector of its row."""
    def build(published):
        table = _suspects(published)
        table = table[table["level"] == level]
        rows = []
        for row in table.itertuples(index=False):
            if row.sector_code == TOTAL:
                if row.rule != "total_vs_parts":
                    continue  # a wrong total does not enter a matrix of sectors
                rows.extend((row.bps_code, row.year, s, row.reason) for s in SECTORS)
            else:
                rows.append((row.bps_code, row.year, row.sector_code, row.reason))
        frame = pd.DataFrame(rows, columns=["bps_code", "year", "sector_code", "reason"])
        return frame.groupby(["bps_code", "year", "sector_code"], sort=True)["reason"].agg("; ".join)
    return _memo(("blocking", level, language()), build)


# ---------------------------------------------------------------------------
# The public loaders
# ---------------------------------------------------------------------------

def load_pdrb(level: str = "province", suspect: str = "flag", include_total: bool = False) -> pd.DataFrame:
    """PDRB by region, year and sector, in long form (billion rupiah, constant 2010 prices).

    ``level``: "nation" (the published national row), "province" (the 38
    provinces; see ``basis``) or "kabkota" (the 514 kabupaten/kota, with
    their province's code and name).

    Columns: year, bps_code, region, [province_code, province for
    kabkota; basis for province: "published", "sum of kabupaten/kota" or
    "published, less the kabupaten/kota of Kalimantan Utara"], sector_code
    (A, B, C, ..., M-N, ..., R-U), sector (BPS's Indonesian name), sector_en,
    value, suspect (True where the data-quality check flags the cell, see
    ``pdrb_suspect_cells``) and suspect_reason ("" where not flagged).

    ``suspect="flag"`` keeps flagged cells and marks them; ``"drop"``
    leaves them out. Sector E (water supply) is missing (NaN) in 2021 and
    2022: the files of those years do not have it. Kabupaten/kota have 0
    everywhere in the years before they were created. ``include_total``
    adds the published total as sector_code "total"; the nation's total
    is GDP, which includes taxes less subsidies on products, so it is
    larger than the sum of its 17 sectors.
    """
    _check_level(level)
    if suspect not in ("flag", "drop"):
        raise KlasterValueError(_("suspect must be 'flag' (mark the suspect cells) or 'drop' (leave them "
                                  "out), not {value!r}.").format(value=suspect))
    values, basis = _level_values(level)
    columns = [TOTAL, *SECTORS] if include_total else list(SECTORS)
    long = values[columns].reset_index().melt(id_vars=["code", "year"], var_name="sector_code",
                                               value_name="value")
    long = long.rename(columns={"code": "bps_code"})
    regions = pdrb_regions(level).set_index("bps_code")
    sectors = pdrb_sectors().set_index("sector_code")
    out = pd.DataFrame({"year": long["year"].astype("int64"), "bps_code": long["bps_code"],
                        "region": long["bps_code"].map(regions["region"])})
    if level == "kabkota":
        out["province_code"] = long["bps_code"].map(regions["province_code"])
        out["province"] = long["bps_code"].map(regions["province"])
    if level == "province":
        out["basis"] = basis.reindex(pd.MultiIndex.from_arrays([long["bps_code"], long["year"]])).to_numpy()
    out["sector_code"] = long["sector_code"]
    out["sector"] = long["sector_code"].map(sectors["sector"]).fillna("PDRB")
    out["sector_en"] = long["sector_code"].map(sectors["sector_en"]).fillna("Total (GDP / GRDP)")
    out["value"] = long["value"].astype(float)
    flags = pdrb_suspect_cells()
    flags = flags[flags["level"] == level].groupby(["bps_code", "year", "sector_code"])["reason"].agg("; ".join)
    row_flags = pdrb_suspect_cells()
    row_flags = row_flags[(row_flags["level"] == level) & (row_flags["rule"] == "total_vs_parts")]
    row_reason = row_flags.set_index(["bps_code", "year"])["reason"]
    key = pd.MultiIndex.from_arrays([out["bps_code"], out["year"], out["sector_code"]])
    reason = pd.Series(flags.reindex(key).to_numpy(), index=out.index)
    by_row = pd.Series(row_reason.reindex(pd.MultiIndex.from_arrays([out["bps_code"], out["year"]])).to_numpy(),
                       index=out.index)
    reason = reason.where(reason.notna(), by_row)
    out["suspect"] = reason.notna().to_numpy()
    out["suspect_reason"] = reason.fillna("").to_numpy()
    out = out.sort_values(["year", "bps_code"], kind="mergesort").reset_index(drop=True)
    if suspect == "drop":
        out = out[~out["suspect"]].reset_index(drop=True)
    return out


def _check_year(year) -> int:
    if isinstance(year, bool) or not isinstance(year, (int, np.integer)):
        raise KlasterTypeError(_("A year is a whole number such as 2019, not {value!r}.").format(value=year))
    if int(year) not in YEARS:
        raise KlasterValueError(_("The PDRB data cover {first}–{last}; there is no year {year}.").format(
            first=YEARS[0], last=YEARS[-1], year=year))
    return int(year)


def _available_sectors(year: int) -> list[str]:
    values, _basis = _level_values("nation")
    row = values.loc[(NATION_CODE, year), list(SECTORS)]
    return [s for s in SECTORS if pd.notna(row[s])]


def pdrb_reference(year: int, region: str = "nation") -> pd.Series:
    """The published row a region is compared with: the nation's (``region="nation"``) or a province's.

    Returns a Series of the 17 sectors (billion rupiah; E missing in
    2021–2022) named after the region. Only published rows are references:
    the rebuilt provinces (the six Papua provinces, and Kalimantan Utara and
    Timur in 2010–2012) have none.
    """
    year = _check_year(year)
    if region in ("nation", NATION_CODE, "Indonesia"):
        values, _basis = _level_values("nation")
        row = values.loc[(NATION_CODE, year), list(SECTORS)]
        return row.rename(_("Indonesia (published national row)"))
    code = find_region(region, level="province")
    values, basis = _level_values("province")
    if basis.loc[(code, year)] != "published":
        name = pdrb_regions("province").set_index("bps_code").loc[code, "region"]
        raise KlasterValueError(_("There is no published row for {name} in {year} (its values are {basis}); "
                                  "compare its kabupaten/kota with their own sum (reference='regions').").format(
            name=name, year=year, basis=_(BASIS_TEXT.get(basis.loc[(code, year)], basis.loc[(code, year)]))))
    name = pdrb_regions("province").set_index("bps_code").loc[code, "region"]
    return values.loc[(code, year), list(SECTORS)].rename(_("{name} (published province row)").format(name=name))


def _select(level: str, province, years: list[int], reference: str, suspect: str, labels: str,
            sectors) -> dict:
    _check_level(level)
    if level == "nation":
        raise KlasterValueError(_("A matrix needs regions: use level='province' or level='kabkota'."))
    if reference not in ("regions", "published"):
        raise KlasterValueError(_("reference must be 'regions' (the nation is the sum of the table's rows) or "
                                  "'published' (the published national or province row), not {value!r}.").format(
            value=reference))
    if suspect not in ("raise", "drop", "keep"):
        raise KlasterValueError(_("suspect must be 'raise', 'drop' or 'keep', not {value!r}.").format(value=suspect))
    if labels not in ("name", "code"):
        raise KlasterValueError(_("labels must be 'name' or 'code', not {value!r}.").format(value=labels))
    values, _basis = _level_values(level)
    regions = pdrb_regions(level)
    if province is not None:
        if level != "kabkota":
            raise KlasterValueError(_("province= chooses the kabupaten/kota of one province: use it with "
                                      "level='kabkota'."))
        province_code = find_region(province, level="province")
        regions = regions[regions["province_code"] == province_code]
    available = [s for s in SECTORS if all(s in _available_sectors(y) for y in years)]
    if sectors is None:
        chosen = available
    else:
        chosen = [sectors] if isinstance(sectors, str) else list(sectors)
        unknown = [s for s in chosen if s not in SECTORS]
        if unknown:
            raise KlasterValueError(_("There is no sector {code!r}; the sectors are {codes}.").format(
                code=unknown[0], codes=", ".join(SECTORS)))
        missing = [s for s in chosen if s not in available]
        if missing:
            raise KlasterValueError(_("Sector {code} is not in the published files of every year asked for "
                                      "(sector E is missing in 2021 and 2022).").format(code=missing[0]))
    codes = list(regions["bps_code"])
    frames = {}
    for year in years:
        frame = values.xs(year, level=1).reindex(codes)
        frames[year] = frame
    exists = np.logical_and.reduce([frames[y][TOTAL].to_numpy() > 0 for y in years])
    not_created = [c for c, ok in zip(codes, exists) if not ok]
    keep = [c for c, ok in zip(codes, exists) if ok]
    blocking = _blocking(level)
    flagged = {}
    for year in years:
        for code in keep:
            for sector in chosen:
                reason = blocking.get((code, year, sector))
                if reason is not None:
                    flagged.setdefault(code, []).append((year, sector, reason))
    if reference == "published" and level == "kabkota" and province is not None:
        province_flags = _blocking("province")
        for year in years:
            for sector in chosen:
                reason = province_flags.get((province_code, year, sector))
                if reason is not None:
                    flagged.setdefault(province_code, []).append((year, sector, reason))
    names = regions.set_index("bps_code")["region"]
    if flagged and suspect == "raise":
        cells = [(c, y, s, r) for c, items in flagged.items() for y, s, r in items]
        first = cells[0]
        region_name = names.get(first[0], first[0]) if first[0] in names.index else pdrb_regions(
            "province").set_index("bps_code")["region"].get(first[0], first[0])
        raise KlasterValueError(_("The table would use {n} suspect cell(s), for example {region}, {year}, sector "
                                  "{sector}: {reason}. Pass suspect='drop' to leave the regions with suspect "
                                  "cells out, or suspect='keep' to use the published values knowingly "
                                  "(data.pdrb_suspect_cells() lists them all).").format(
            n=len(cells), region=region_name, year=first[1], sector=first[2], reason=first[3]))
    if suspect == "drop":
        keep = [c for c in keep if c not in flagged]
    if not keep:
        raise KlasterValueError(_("No region is left once the suspect and not-yet-created regions are left out."))
    result = {}
    for year in years:
        matrix = frames[year].loc[keep, chosen].astype(float)
        matrix.index = pd.Index(names.loc[keep].to_numpy() if labels == "name" else keep, name="region")
        matrix.columns = pd.Index(chosen, name="sector")
        matrix.attrs["not_yet_created"] = [names[c] for c in not_created]
        matrix.attrs["dropped_suspect"] = [names[c] for c in flagged] if suspect == "drop" else []
        if reference == "published":
            ref = pdrb_reference(year, "nation" if province is None else province_code)
            matrix.attrs[REFERENCE_ATTR] = ref.loc[chosen].astype(float)
        result[year] = matrix
    return result


def pdrb_matrix(year: int, level: str = "province", *, province=None, reference: str = "regions",
                suspect: str = "raise", labels: str = "name", sectors=None) -> pd.DataFrame:
    """Region × sector PDRB of one year (billion rupiah, constant 2010 prices), ready for klaster.measures.

    Rows: the 38 provinces (``level="province"``), the 514 kabupaten/kota
    (``level="kabkota"``), or the kabupaten/kota of one province
    (``province="Sulawesi Selatan"`` or ``"73"``). Columns: the sectors
    published that year (all 17; 16 in 2021–2022, which lack E), or
    ``sectors``. Kabupaten/kota that did not exist yet that year are left
    out (their names are in ``matrix.attrs["not_yet_created"]``).

    What "the nation" is — ``reference``:

    - ``"regions"`` (default): the sum of the table's rows, as every
      measure in klaster.measures assumes. For provinces that is the sum of
      the 38 provinces; for the kabupaten/kota of one province, their sum.
    - ``"published"``: the published national row (or, with ``province=``,
      the province's published row). It does not equal the sum of the
      regions: the provinces add up to 9.5–18% more manufacturing and about
      a quarter of the electricity and gas of the national row (national
      figures are compiled separately); a province's kabupaten/kota add up
      to within about 2.5% of it. The row is kept in
      ``matrix.attrs["klaster_reference"]``; ``location_quotient``,
      ``shift_share``, ``dynamic_location_quotient``, ``klassen_typology``
      and ``dynamic_shift_share`` use it, every other measure refuses such
      a table rather than quietly using the sum of its rows.

    ``suspect``: what to do with cells the data-quality check flags
    (``pdrb_suspect_cells``): ``"raise"`` (default) stops with a message
    naming them, ``"drop"`` leaves out the regions that have one (listed in
    ``matrix.attrs["dropped_suspect"]``), ``"keep"`` uses the published
    values as they are. ``labels``: region names (default) or BPS codes.
    """
    year = _check_year(year)
    return _select(level, province, [year], reference, suspect, labels, sectors)[year]


def pdrb_matrices(years, level: str = "province", *, province=None, reference: str = "regions",
                  suspect: str = "raise", labels: str = "name", sectors=None) -> dict:
    """``pdrb_matrix`` for several years at once, with the same regions and sectors in every year.

    Returns {year: matrix}. A region is kept only if it existed in every
    year (and, with ``suspect="drop"``, has no suspect cell in any of them);
    a sector only if every year has it (E is missing in 2021–2022). Ready
    for ``shift_share(m[2015], m[2019])`` or ``dynamic_shift_share(m)``.
    Remember that a kabupaten split after the first year lost territory.
    """
    if isinstance(years, (int, np.integer)) or isinstance(years, str):
        raise KlasterTypeError(_("years must be a list of years such as [2015, 2019]; for one year use "
                                 "pdrb_matrix."))
    years = sorted({_check_year(y) for y in years})
    if len(years) < 2:
        raise KlasterValueError(_("Give at least two different years."))
    return _select(level, province, years, reference, suspect, labels, sectors)
