"""The capstone's cluster profile: every measure of the course for one region
and one industry, and a report (HTML) that joins the numbers, the charts and
the student's own text.

The report is written in the course's language (``klaster.set_language``),
numbers in that language's style (1,234.5 in English, 1.234,5 in Indonesian),
because it is a page to read, not a table to copy into code; the tables of
``ClusterProfile`` keep plain numbers and English column names in both languages.

Works on three kinds of data:

* the course's **synthetic** panel (provinces × KBLI divisions, jobs; the
  default of ``build_profile``);
* **real PDRB** (``build_pdrb_profile``): any kabupaten/kota or province,
  BPS's value added by sector at constant 2010 prices, against the nation or
  the region's own province, between two years of 2010–2022; suspect cells
  are never used silently (see ``pdrb_inputs``);
* a student's own two-year table (``matrices_from_user_table``).

A report is never written over an existing file unless ``overwrite=True``
is passed.
"""
from __future__ import annotations

import base64
import datetime as dt
import html
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from . import bps, data
from .errors import KlasterValueError
from .i18n import N_, _, _f, language, number
from .measures import (cluster_portfolio, cluster_stars, ellison_glaeser, hoover_localization, krugman_index,
                       location_quotient, locational_gini, shannon_diversity, shift_share, to_matrix)
from .plots import figure_to_png, use_course_style
from .validation import check_matrix, check_same_labels

SECTIONS = {
    "economy": N_("1. The region's economy"),
    "clusters": N_("2. Candidate clusters"),
    "growth": N_("3. Growth: gaining or losing ground?"),
    "agglomeration": N_("4. How agglomerated is the industry?"),
    "diamond": N_("5. The cluster's diamond"),
    "strategy": N_("6. A five-step plan"),
    "conclusion": N_("7. Conclusion"),
}
"""The report's sections: key (used in code and in ``text``) and heading (English; shown with ``_()``)."""

MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
          N_("August"), N_("September"), N_("October"), N_("November"), N_("December"))


def section_title(key: str) -> str:
    """The heading of a report section in the course's language."""
    return _(SECTIONS[key])


def _date(day: dt.date) -> str:
    """A date in words, day month year, in the course's language: "5 March 2025" or "5 Maret 2025"."""
    return _("{day} {month} {year}").format(day=day.day, month=_(MONTHS[day.month - 1]), year=day.year)


def matrices_from_user_table(tidy: pd.DataFrame) -> tuple[int, pd.DataFrame, int, pd.DataFrame]:
    """Split a checked long table with a year column (from ``data.load_user_table``) into two matrices.

    Returns (start_year, start, end_year, end). The table must cover exactly two years.
    """
    if "year" not in tidy.columns:
        raise KlasterValueError(_("The table has no year column; a growth analysis needs two years of data."))
    years = sorted(tidy["year"].unique().tolist())
    if len(years) != 2:
        raise KlasterValueError(_("The table covers {count} year(s) ({years}); keep exactly two: a start year and "
                                  "an end year.").format(count=len(years), years=", ".join(map(str, years))))
    start, end = (to_matrix(tidy[tidy["year"] == y]) for y in years)
    return years[0], start, years[1], end


@dataclass
class ClusterProfile:
    """The numbers of the capstone for one region and one industry.

    ``unit`` is "jobs" (the synthetic panel, a student's table) or "pdrb"
    (real PDRB, billion rupiah at constant 2010 prices; ``build_pdrb_profile``).
    For real PDRB, ``reference`` names what the region is compared with,
    ``data_note`` says where the numbers come from, ``suspect_cells`` lists
    the region's own flagged cells used knowingly (``suspect="keep"``) and
    ``left_out`` the regions left out of the comparison because they have
    suspect cells in one of the two years.
    """
    region: str
    industry: str
    start_year: int
    end_year: int
    start: pd.DataFrame
    end: pd.DataFrame
    plants: pd.DataFrame | None = None
    numbers: dict = field(default_factory=dict)
    tables: dict = field(default_factory=dict)
    unit: str = "jobs"
    reference: str = ""
    data_note: str = ""
    suspect_cells: list = field(default_factory=list)
    left_out: list = field(default_factory=list)


def build_profile(region: str, industry: str, start: pd.DataFrame | None = None, end: pd.DataFrame | None = None,
                  start_year: int | None = None, end_year: int | None = None,
                  plants: pd.DataFrame | None = None) -> ClusterProfile:
    """Compute everything the capstone report needs.

    Without ``start``/``end`` the course's synthetic panel (2019, 2024) is used,
    with its plants table for the Ellison-Glaeser index. ``plants`` needs the
    columns region, industry and employment, labelled like the matrices.
    """
    if start is None or end is None:
        start_year, end_year = data.PANEL_YEARS
        start, end = data.employment_matrix(start_year), data.employment_matrix(end_year)
        if plants is None:
            plants = data.named_plants()
    start = check_matrix(start, name="start")
    end = check_same_labels(start, check_matrix(end, name="end"))
    industry = data.course_division(industry, start.columns)  # "Furniture" or "Furnitur" in either language
    if region not in start.index:
        raise KlasterValueError(_("There is no region {region!r} in the table; check the spelling.").format(
            region=region))
    if industry not in start.columns:
        raise KlasterValueError(_("There is no industry {industry!r} in the table; check the spelling.").format(
            industry=industry))
    profile = ClusterProfile(region, industry, int(start_year or 0), int(end_year or 0), start, end, plants)
    n = profile.numbers
    lq = location_quotient(end)
    region_jobs_start, region_jobs_end = start.loc[region].sum(), end.loc[region].sum()
    n["jobs_start"], n["jobs_end"] = float(region_jobs_start), float(region_jobs_end)
    n["jobs_growth_pct"] = 100 * (region_jobs_end / region_jobs_start - 1) if region_jobs_start else float("nan")
    n["national_growth_pct"] = 100 * (end.to_numpy().sum() / start.to_numpy().sum() - 1)
    # the same numbers under names that fit any unit (jobs or PDRB)
    n["total_start"], n["total_end"], n["total_growth_pct"] = n["jobs_start"], n["jobs_end"], n["jobs_growth_pct"]
    n["reference_growth_pct"] = n["national_growth_pct"]
    krugman = krugman_index(end)
    n["krugman"] = float(krugman[region])
    n["krugman_rank"] = int(krugman.rank(ascending=False)[region])
    n["regions"] = len(end.index)
    n["diversity"] = float(shannon_diversity(end, normalized=True)[region])
    n["industry_jobs_end"] = float(end.loc[region, industry])
    n["industry_end"] = n["industry_jobs_end"]
    n["industry_lq"] = float(lq.loc[region, industry])
    stars = cluster_stars(end)
    region_stars = stars.loc[region]
    n["industry_stars"] = int(region_stars.loc[industry, "stars"])
    decomposition = shift_share(start, end)
    region_parts = decomposition.loc[region]
    n["shift_share_region"] = region_parts.sum().to_dict()
    n["shift_share_industry"] = region_parts.loc[industry].to_dict()
    portfolio = cluster_portfolio(start, end)
    n["quadrant"] = portfolio.loc[(region, industry), "quadrant"]
    n["lq_start"] = float(portfolio.loc[(region, industry), "lq_start"])
    n["hoover"] = float(hoover_localization(end)[industry])
    n["locational_gini"] = float(locational_gini(end)[industry])
    if plants is not None:
        eg = ellison_glaeser(plants, region_employment=end.sum(axis=1))
        if industry in eg.index:
            n["eg_gamma"] = float(eg.loc[industry, "gamma"])
            n["eg_plants"] = int((plants["industry"] == industry).sum())
    profile.tables["top_industries"] = pd.DataFrame({
        "jobs": end.loc[region], "share of region's jobs (%)": 100 * end.loc[region] / region_jobs_end,
        "LQ": lq.loc[region]}).sort_values("jobs", ascending=False).head(5)
    candidates = region_stars[(region_stars["stars"] >= 1) | (region_stars["lq"] >= 1.25)]
    profile.tables["candidates"] = candidates[["employment", "lq", "stars"]].sort_values(
        ["stars", "lq"], ascending=False).head(8)
    profile.tables["region_portfolio"] = portfolio.loc[region]
    return profile


# ---------------------------------------------------------------------------
# Real data: any kabupaten/kota or province from BPS's PDRB
# ---------------------------------------------------------------------------

PDRB_VALUE = "PDRB (billion rupiah)"
PDRB_SHARE = "share of region's PDRB (%)"
"""Column names of the real-data profile's tables (English in both languages, like the synthetic ones)."""


@dataclass
class PdrbInputs:
    """What ``build_profile`` needs for one region of the real PDRB (made by ``pdrb_inputs``)."""
    region: str
    level: str
    start_year: int
    end_year: int
    start: pd.DataFrame
    end: pd.DataFrame
    reference: str
    data_note: str
    suspect_cells: list
    left_out: list


def sector_label(sector) -> str:
    """The chart label of a PDRB sector ("Manufacturing", or "Industri pengolahan" in Indonesian) from its
    code ("C") or any of its names (BPS's Indonesian name, the English name, the short label in either
    language); case does not matter."""
    wanted = " ".join(str(sector).split()).casefold()
    for code, name_id, name_en, short, _file_code in bps.SECTORS:
        if wanted in {code.casefold(), name_id.casefold(), name_en.casefold(), short.casefold(), _(short).casefold()}:
            return _(short)
    raise KlasterValueError(_("There is no PDRB sector {sector!r}; use a code such as 'C' or a name from "
                              "data.pdrb_sectors().").format(sector=str(sector)))


def _cell_name(sector_code: str) -> str:
    """ "sector C" or "the whole row" (a flagged published total), for messages about one cell."""
    if sector_code == bps.TOTAL:
        return _("the whole row")
    return _("sector {code}").format(code=sector_code)


def pdrb_inputs(region, start_year: int, end_year: int, reference: str = "nation",
                suspect: str = "raise") -> PdrbInputs:
    """The two region × sector PDRB tables of the capstone for one kabupaten/kota or province.

    ``region``: a kabupaten/kota or province, by name or BPS code (spelling
    as forgiving as ``data.find_region``; a name that is both, Gorontalo,
    means the province: give the kabupaten's code, "7502", for the other). ``reference``: what the region
    is compared with — ``"nation"`` (a kabupaten/kota among all 514, a
    province among the 38) or ``"province"`` (a kabupaten/kota among the
    kabupaten/kota of its own province; not for a province). In both cases
    the reference total is the sum of the table's regions
    (``data.pdrb_matrices(reference="regions")``), as every measure of the
    profile assumes. ``start_year`` < ``end_year``, both in 2010–2022.

    Values are BPS's PDRB by sector (*lapangan usaha*), billion rupiah at
    constant 2010 prices; the columns are the sectors' short labels in the
    course's language (sector E is missing when 2021 or 2022 is chosen).

    Suspect cells (``data.pdrb_suspect_cells``) are never used silently:
    other regions with a suspect cell in either year are left out of the
    comparison (listed in ``left_out``, and the data note says how many);
    if the chosen region itself has one, ``suspect="raise"`` (default)
    stops with a message naming it, and ``suspect="keep"`` uses the
    published values knowingly and lists them in ``suspect_cells`` (the
    report prints them).

    Bad input raises KlasterValueError with one sentence: an unknown
    region, a year not in the data, years in the wrong order, a
    kabupaten/kota that did not exist yet in the start year, a province
    compared with its own province.
    """
    if reference not in ("nation", "province"):
        raise KlasterValueError(_("reference must be 'nation' (all regions of the same level) or 'province' "
                                  "(the kabupaten/kota of the region's own province), not {value!r}.").format(
            value=reference))
    if suspect not in ("raise", "keep"):
        raise KlasterValueError(_("suspect must be 'raise' (stop when the region has a suspect cell) or 'keep' "
                                  "(use the published values knowingly), not {value!r}.").format(value=suspect))
    code = data.find_region(region)
    regions = data.pdrb_regions()
    row = regions[regions["bps_code"] == code].iloc[0]
    level, name = row["level"], row["region"]
    if level == "nation":
        raise KlasterValueError(_("Indonesia is the reference, not a region of the table: choose a province or a "
                                  "kabupaten/kota."))
    years = [start_year, end_year]
    for year in years:
        if isinstance(year, bool) or not isinstance(year, (int, np.integer)):
            raise KlasterValueError(_("A year is a whole number such as 2019, not {value!r}.").format(value=year))
        if int(year) not in bps.PDRB_YEARS:
            raise KlasterValueError(_("The PDRB data cover {first}–{last}; there is no year {year}.").format(
                first=bps.PDRB_YEARS[0], last=bps.PDRB_YEARS[-1], year=year))
    start_year, end_year = int(start_year), int(end_year)
    if start_year >= end_year:
        raise KlasterValueError(_("The start year ({start}) must come before the end year ({end}).").format(
            start=start_year, end=end_year))
    if level == "province" and reference == "province":
        raise KlasterValueError(_("{region} is a province: compare it with the nation (reference='nation').").format(
            region=name))
    within = row["province"] if reference == "province" else None
    keep = data.pdrb_matrices(years, level=level, province=within, suspect="keep")
    if name in keep[start_year].attrs["not_yet_created"]:
        raise KlasterValueError(_("{region} did not exist yet in {year} (it has no PDRB that year); choose a start "
                                  "year in which it existed.").format(region=name, year=start_year))
    clean = data.pdrb_matrices(years, level=level, province=within, suspect="drop")
    left_out = [r for r in clean[start_year].attrs["dropped_suspect"] if r != name]
    own = []
    if name not in clean[start_year].index:
        sectors = set(keep[start_year].columns)
        flags = data.pdrb_suspect_cells()
        flags = flags[(flags["level"] == level) & (flags["bps_code"] == code) & flags["year"].isin(years)
                      & (flags["sector_code"].isin(sectors) | (flags["rule"] == "total_vs_parts"))]
        own = sorted(((int(r.year), r.sector_code, r.reason) for r in flags.itertuples(index=False)),
                     key=lambda cell: (cell[1] == bps.TOTAL, cell[0]))  # a sector's cell first: it names the error
        if not own:  # dropped for a reason the filter above does not know: say so rather than guess
            own = [(start_year, bps.TOTAL, _("flagged by the data-quality check"))]
        if suspect == "raise":
            year, sector, reason = own[0]
            raise KlasterValueError(_("{region} has {n} suspect cell(s) in {start} or {end}, for example {year}, "
                                      "{cell}: {reason}. Choose other years, or pass suspect='keep' to use the "
                                      "published values knowingly (the report then lists them).").format(
                region=name, n=len(own), start=start_year, end=end_year, year=year, cell=_cell_name(sector),
                reason=reason))
    labels = {code_: _(short) for code_, _id, _en, short, _file in bps.SECTORS}
    tables = []
    for year in years:
        rows = [r for r in keep[year].index if r in set(clean[year].index) or r == name]
        matrix = keep[year].loc[rows].rename(columns=labels)
        matrix.columns.name = "sector"
        matrix.attrs = {}
        tables.append(matrix)
    if reference == "nation":
        compared = (_("Indonesia (the sum of its kabupaten/kota)") if level == "kabkota"
                    else _("Indonesia (the sum of its provinces)"))
    else:
        compared = _("{province} (the sum of its kabupaten/kota)").format(province=row["province"])
    note = _("BPS PDRB by sector at constant 2010 prices (billion rupiah), via Bappenas SIMREG; {region} compared "
             "with {reference}").format(region=name, reference=compared)
    if left_out:
        note += _("; {n} region(s) with suspect cells in these years left out of the comparison").format(
            n=len(left_out))
    if own:
        note += _("; {n} suspect cell(s) of {region} used as published").format(n=len(own), region=name)
    return PdrbInputs(name, level, start_year, end_year, tables[0], tables[1], compared, note, own, left_out)


def build_pdrb_profile(region, sector, start_year: int = 2015, end_year: int = 2022, reference: str = "nation",
                       suspect: str = "raise") -> ClusterProfile:
    """The capstone profile of one kabupaten/kota or province and one sector from real PDRB.

    ``build_pdrb_profile("Morowali", "C", 2015, 2022)`` profiles manufacturing
    in Morowali against all kabupaten/kota of Indonesia;
    ``reference="province"`` compares it with the kabupaten/kota of
    Sulawesi Tengah instead. ``sector`` is a BPS code ("C") or a sector's
    name (see ``sector_label``). The tables come from ``pdrb_inputs``
    (read its docstring for the reference, the suspect cells and the
    messages); the measures are those of ``build_profile``, applied to
    value added instead of jobs, so "stars" and the portfolio are read on
    PDRB. There are no plants, so no Ellison–Glaeser γ.
    """
    label = sector_label(sector)
    inputs = pdrb_inputs(region, start_year, end_year, reference=reference, suspect=suspect)
    if label not in inputs.start.columns:
        raise KlasterValueError(_("Sector {sector} is not in the published files of both years (sector E is "
                                  "missing in 2021 and 2022); choose another sector or other years.").format(
            sector=label))
    profile = build_profile(inputs.region, label, start=inputs.start, end=inputs.end,
                            start_year=inputs.start_year, end_year=inputs.end_year, plants=None)
    profile.unit, profile.reference, profile.data_note = "pdrb", inputs.reference, inputs.data_note
    profile.suspect_cells, profile.left_out = inputs.suspect_cells, inputs.left_out
    profile.tables["top_industries"] = profile.tables["top_industries"].rename(
        columns={"jobs": PDRB_VALUE, "share of region's jobs (%)": PDRB_SHARE})
    profile.tables["candidates"] = profile.tables["candidates"].rename(columns={"employment": PDRB_VALUE})
    for name in ("top_industries", "candidates"):
        profile.tables[name].index.name = "sector"
    return profile


def _figures(profile: ClusterProfile) -> dict[str, tuple[Figure, str]]:
    """The report's charts, each with a one-line description."""
    from .widgets.location_quotient import draw_ranked_lq
    from .widgets.shift_share import draw_waterfall
    use_course_style()
    figures = {}
    fig = Figure(figsize=(7.5, 5.5))
    FigureCanvasAgg(fig)  # a canvas to measure texts with (long titles are shrunk to fit)
    fig.subplots_adjust(left=0.3, right=0.96, top=0.92, bottom=0.1)
    ax = fig.add_subplot()
    lq = location_quotient(profile.end).loc[profile.region]
    if profile.unit == "pdrb":
        draw_ranked_lq(ax, lq, _("{region}: LQ in each sector (PDRB), {year}").format(
            region=profile.region, year=profile.end_year), _("sector"))
    else:
        draw_ranked_lq(ax, lq, _("{region}: LQ in each industry, {year}").format(
            region=profile.region, year=profile.end_year), _("industry"))
    figures["lq_profile"] = (fig, (_("Bar chart of {region}'s location quotient in every sector in {year} "
                                     "(PDRB against {reference}); lines at LQ 1 and 2.").format(
        region=profile.region, year=profile.end_year, reference=profile.reference) if profile.unit == "pdrb" else
        _("Bar chart of {region}'s location quotient in every industry in {year}; lines at LQ 1 and 2.").format(
            region=profile.region, year=profile.end_year)))
    fig = Figure(figsize=(7, 4))
    FigureCanvasAgg(fig)
    fig.subplots_adjust(left=0.15, right=0.97, top=0.9, bottom=0.12)
    ax = fig.add_subplot()
    parts = pd.Series(profile.numbers["shift_share_industry"])
    if profile.unit == "pdrb":
        title = _("{region}, {sector}: change in PDRB {start}–{end}").format(
            region=profile.region, sector=profile.industry, start=profile.start_year, end=profile.end_year)
        caption = _("Waterfall of the change in the PDRB of {sector} in {region} (billion rupiah, 2010 prices): "
                    "reference share, sector mix and competitive effect.").format(sector=profile.industry,
                                                                                  region=profile.region)
    else:
        title = _("{province}, {division}: change in jobs {start}–{end}").format(
            province=profile.region, division=profile.industry, start=profile.start_year, end=profile.end_year)
        caption = _("Waterfall of the change in {industry} jobs in {region}: national share, industry mix and "
                    "competitive effect.").format(industry=profile.industry, region=profile.region)
    draw_waterfall(ax, float(profile.start.loc[profile.region, profile.industry]), parts,
                   (profile.start_year, profile.end_year), title)
    if profile.unit == "pdrb":  # the waterfall is drawn for jobs: relabel its ends and its axis
        labels = [t.get_text() for t in ax.get_xticklabels()]
        labels[0] = _("PDRB {year}").format(year=profile.start_year)
        labels[-1] = _("PDRB {year}").format(year=profile.end_year)
        ax.set_xticks(ax.get_xticks(), labels=labels)
        ax.set_ylabel(_("PDRB (billion rupiah, 2010 prices)"))
    figures["waterfall"] = (fig, caption)
    return figures


WHOLE_NUMBER_COLUMNS = ("jobs", "employment", "stars")
ONE_DECIMAL_COLUMNS = (PDRB_VALUE,)

# Column headers of the report's tables, as read (the tables' own column names stay as they are).
HEADERS = {"jobs": N_("jobs"), "employment": N_("jobs"), "share of region's jobs (%)": N_("share of region's jobs (%)"),
           "stars": N_("stars"), "lq": "LQ", "LQ": "LQ", PDRB_VALUE: N_("PDRB (billion rupiah)"),
           PDRB_SHARE: N_("share of region's PDRB (%)")}


def _table_html(frame: pd.DataFrame, digits: int = 2) -> str:
    """A small table with whole numbers for counts and ``digits`` decimals elsewhere, in the language's style."""
    def shown_number(column, v):
        if column in WHOLE_NUMBER_COLUMNS:
            return number(v, ",.0f")
        return number(v, ",.1f" if column in ONE_DECIMAL_COLUMNS else f",.{digits}f")
    label = _("sector") if frame.index.name == "sector" else _("industry")
    shown = pd.DataFrame({
        _(HEADERS.get(column, column)): [shown_number(column, v) for v in frame[column]]
        for column in frame.columns}, index=frame.index.rename(label))
    return shown.to_html(border=0, classes="numbers")


def report_html(profile: ClusterProfile, text: dict | None = None, author: str = "", data_note: str = "") -> str:
    """The cluster profile report as one self-contained HTML page (charts embedded as PNG)."""
    text = text or {}
    unknown = set(text) - set(SECTIONS)
    if unknown:
        raise KlasterValueError(_("Unknown report section(s) {unknown}; use {known}.").format(
            unknown=sorted(unknown), known=list(SECTIONS)))
    n = profile.numbers
    esc = html.escape
    years = f"{profile.start_year}–{profile.end_year}"
    figures = {name: (base64.b64encode(figure_to_png(fig)).decode(), caption)
               for name, (fig, caption) in _figures(profile).items()}

    def figure_html(name):
        encoded, caption = figures[name]
        return (f'<figure><img alt="{esc(caption)}" src="data:image/png;base64,{encoded}">'
                f"<figcaption>{esc(_('Figure: {caption}').format(caption=caption))}</figcaption></figure>")

    def student(section):
        written = str(text.get(section, "")).strip()
        if not written:
            return f'<p class="missing">{esc(_("(No text written for this section yet.)"))}</p>'
        return "".join(f"<p>{esc(p)}</p>" for p in written.split("\n\n"))

    def heading(section):
        return f"<h2>{esc(section_title(section))}</h2>"

    industry, region = esc(profile.industry), esc(profile.region)
    ss_r, ss_i = n["shift_share_region"], n["shift_share_industry"]
    eg = ("<li>" + _f("Ellison–Glaeser γ of {industry}: <b>{gamma:.3f}</b> ({plants:,} plants)", industry=industry,
                      gamma=n["eg_gamma"], plants=n["eg_plants"]) + "</li>"
          if "eg_gamma" in n and np.isfinite(n["eg_gamma"]) else
          "<li>" + esc(_("Ellison–Glaeser γ: not computed (no plant-level table).")) + "</li>")
    real = profile.unit == "pdrb"
    if real:
        economy = ("<ul><li>" + _f("PDRB: {start_value:,.1f} billion rupiah in {start}, {end_value:,.1f} in {end} "
                                   "({growth:+.1f}%; {reference}: {national:+.1f}%)", start_value=n["total_start"],
                                   start=profile.start_year, end_value=n["total_end"], end=profile.end_year,
                                   growth=n["total_growth_pct"], reference=esc(profile.reference),
                                   national=n["reference_growth_pct"]) + "</li>")
        industry_line = _f("{industry}: PDRB {value:,.1f} billion rupiah, LQ <b>{lq:.2f}</b>, {stars} of 3 cluster "
                           "stars ({year}).", industry=industry, value=n["industry_end"], lq=n["industry_lq"],
                           stars=n["industry_stars"], year=profile.end_year)
        all_line = _f("All sectors (billion rupiah): change {change:+,.1f} = reference share {national:+,.1f} + "
                      "sector mix {mix:+,.1f} + competitive {competitive:+,.1f}.", change=ss_r["total_change"],
                      national=ss_r["national_share"], mix=ss_r["industry_mix"], competitive=ss_r["competitive"])
        one_line = _f("{industry} (billion rupiah): change {change:+,.1f} = reference share {national:+,.1f} + "
                      "sector mix {mix:+,.1f} + competitive {competitive:+,.1f}.", industry=industry,
                      change=ss_i["total_change"], national=ss_i["national_share"], mix=ss_i["industry_mix"],
                      competitive=ss_i["competitive"])
        candidates_title = _("Candidate sectors (at least one star or LQ ≥ 1.25)")
        largest_title = _("Largest sectors")
    else:
        economy = ("<ul><li>" + _f("Jobs: {start_jobs:,.0f} in {start}, {end_jobs:,.0f} in {end} ({growth:+.1f}%; "
                                   "nation {national:+.1f}%)", start_jobs=n["jobs_start"], start=profile.start_year,
                                   end_jobs=n["jobs_end"], end=profile.end_year, growth=n["jobs_growth_pct"],
                                   national=n["national_growth_pct"]) + "</li>")
        industry_line = _f("{industry}: {jobs:,.0f} jobs, LQ <b>{lq:.2f}</b>, {stars} of 3 cluster stars ({year}).",
                           industry=industry, jobs=n["industry_jobs_end"], lq=n["industry_lq"],
                           stars=n["industry_stars"], year=profile.end_year)
        all_line = _f("All industries: change {change:+,.0f} = national share {national:+,.0f} + industry mix "
                      "{mix:+,.0f} + competitive {competitive:+,.0f}.", change=ss_r["total_change"],
                      national=ss_r["national_share"], mix=ss_r["industry_mix"], competitive=ss_r["competitive"])
        one_line = _f("{industry}: change {change:+,.0f} = national share {national:+,.0f} + industry mix {mix:+,.0f} "
                      "+ competitive {competitive:+,.0f}.", industry=industry, change=ss_i["total_change"],
                      national=ss_i["national_share"], mix=ss_i["industry_mix"], competitive=ss_i["competitive"])
        candidates_title = _("Candidate clusters (at least one star or LQ ≥ 1.25)")
        largest_title = _("Largest industries")
    default_note = profile.data_note or _("the course synthetic panel (illustrative, not official statistics)")
    suspects = ""
    if profile.suspect_cells:
        suspects = ("<h3>" + esc(_("Suspect cells used as published")) + "</h3><ul>" + "".join(
            "<li>" + esc(_("{year}, {cell}: {reason}").format(year=year, cell=_cell_name(sector), reason=reason))
            + "</li>" for year, sector, reason in profile.suspect_cells) + "</ul>")
    left_out = ""
    if profile.left_out:
        left_out = "<p>" + esc(_("Left out of the comparison (suspect cells in {start} or {end}): {regions}.").format(
            start=profile.start_year, end=profile.end_year, regions=", ".join(profile.left_out))) + "</p>"
    methods = _("Measures as defined in the Klaster course (lessons 03, 04 and 07): location quotient, Krugman "
                "index, Shannon diversity, cluster stars after the European Cluster Observatory, shift-share after "
                "Dunn (1960), Hoover (1936), locational Gini, Ellison & Glaeser (1997).")
    if real:
        methods += " " + _("Here they are applied to value added (PDRB) by sector instead of jobs by industry; the "
                           "PDRB figures are BPS's, and cells that the course's data-quality check flags are never "
                           "used without saying so (klaster.data.pdrb_suspect_cells).")
    body = [
        "<h1>" + _("Cluster profile: {industry} in {region}").format(industry=industry, region=region) + "</h1>",
        "<p class='meta'>" + _("Prepared by {author} on {date} with the Klaster course. Data: {data}; years "
                               "{years}.").format(
            author=esc(author) or esc(_("a student")), date=_date(dt.date.today()),
            data=esc(data_note) or esc(default_note), years=years) + "</p>",
        suspects,
        heading("economy"),
        economy +
        "<li>" + _f("Krugman specialisation index: {krugman:.3f} (rank {rank} of {regions}, 1 = most specialised); "
                    "Shannon diversity (0–1): {diversity:.3f}", krugman=n["krugman"], rank=n["krugman_rank"],
                    regions=n["regions"], diversity=n["diversity"]) + "</li></ul>",
        "<h3>" + esc(largest_title) + "</h3>", _table_html(profile.tables["top_industries"]),
        student("economy"),
        heading("clusters"),
        "<p>" + industry_line + "</p>",
        "<h3>" + esc(candidates_title) + "</h3>",
        _table_html(profile.tables["candidates"]),
        figure_html("lq_profile"), student("clusters"),
        heading("growth"),
        "<p>" + all_line + "</p>",
        "<p>" + one_line
        + " " + _f("Portfolio quadrant: <b>{quadrant}</b> (LQ {start:.2f} → {end:.2f}).",
                   quadrant=esc(_(str(n["quadrant"]))), start=n["lq_start"], end=n["industry_lq"]) + "</p>",
        figure_html("waterfall"), student("growth"),
        heading("agglomeration"),
        "<ul><li>" + _f("Hoover localisation coefficient of {industry}: <b>{hoover:.3f}</b>", industry=industry,
                        hoover=n["hoover"]) + "</li>"
        "<li>" + _f("Locational Gini: <b>{gini:.3f}</b>", gini=n["locational_gini"]) + f"</li>{eg}</ul>",
        student("agglomeration"),
        heading("diamond"), student("diamond"),
        heading("strategy"), student("strategy"),
        heading("conclusion"), student("conclusion"),
        "<h2>" + esc(_("Sources and methods")) + "</h2><p>" + esc(methods) + "</p>" + left_out,
    ]
    style = ("body{font-family:sans-serif;max-width:860px;margin:2em auto;line-height:1.45;color:#111}"
             "table.numbers{border-collapse:collapse;margin:0.5em 0}table.numbers td,table.numbers th"
             "{padding:2px 8px;text-align:right;border-bottom:1px solid #ddd}img{max-width:100%}"
             "figcaption{font-style:italic;font-size:0.9em}.missing{color:#D55E00}.meta{color:#555}")
    title = _("Cluster profile: {industry} in {region}").format(industry=industry, region=region)
    return (f"<!DOCTYPE html><html lang='{language()}'><head><meta charset='utf-8'><title>{title}</title>"
            f"<style>{style}</style></head><body>" + "\n".join(body) + "</body></html>\n")


def write_report(profile: ClusterProfile, path, text: dict | None = None, author: str = "",
                 data_note: str = "", overwrite: bool = False) -> Path:
    """Write the report to ``path`` (an .html file) and return the path.

    An existing file is never replaced unless ``overwrite=True``: the
    function raises KlasterValueError instead, and nothing is written.
    """
    path = Path(path)
    if path.suffix.lower() not in (".html", ".htm"):
        raise KlasterValueError(_("The report is an HTML page: give a file name ending in .html, not {name!r}.").format(
            name=path.name))
    if path.exists() and not overwrite:
        raise KlasterValueError(_("A file named {name!r} already exists; choose another name, or confirm that you "
                                  "want to replace it.").format(name=path.name))
    if not path.parent.exists():
        raise KlasterValueError(_("The folder {folder!r} does not exist.").format(folder=str(path.parent)))
    page = report_html(profile, text, author=author, data_note=data_note)
    path.write_text(page, encoding="utf-8")
    return path
