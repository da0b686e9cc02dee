"""The capstone's cluster profile: every measure of the course for one region
and one industry, and a report (HTML) that joins the numbers, the charts and
the student's own text.

The report is written in the course's language (``klaster.set_language``),
numbers in that language's style (1,234.5 in English, 1.234,5 in Indonesian),
because it is a page to read, not a table to copy into code; the tables of
``ClusterProfile`` keep plain numbers and English column names in both languages.

Works on the course's synthetic panel or on a student's own two-year table
(``matrices_from_user_table``). A report is never written over an existing
file unless ``overwrite=True`` is passed.
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

from . import data
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
    """The numbers of the capstone for one region and one industry."""
    region: str
    industry: str
    start_year: int
    end_year: int
    start: pd.DataFrame
    end: pd.DataFrame
    plants: pd.DataFrame | None = None
    numbers: dict = field(default_factory=dict)
    tables: dict = field(default_factory=dict)


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
    krugman = krugman_index(end)
    n["krugman"] = float(krugman[region])
    n["krugman_rank"] = int(krugman.rank(ascending=False)[region])
    n["regions"] = len(end.index)
    n["diversity"] = float(shannon_diversity(end, normalized=True)[region])
    n["industry_jobs_end"] = float(end.loc[region, industry])
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
    draw_ranked_lq(ax, lq, _("{region}: LQ in each industry, {year}").format(region=profile.region,
                                                                               year=profile.end_year), _("industry"))
    figures["lq_profile"] = (fig, _("Bar chart of {region}'s location quotient in every industry in {year}; lines "
                                    "at LQ 1 and 2.").format(region=profile.region, year=profile.end_year))
    fig = Figure(figsize=(7, 4))
    FigureCanvasAgg(fig)
    fig.subplots_adjust(left=0.15, right=0.97, top=0.9, bottom=0.12)
    ax = fig.add_subplot()
    parts = pd.Series(profile.numbers["shift_share_industry"])
    draw_waterfall(ax, float(profile.start.loc[profile.region, profile.industry]), parts,
                   (profile.start_year, profile.end_year),
                   _("{province}, {division}: change in jobs {start}–{end}").format(
                       province=profile.region, division=profile.industry, start=profile.start_year,
                       end=profile.end_year))
    figures["waterfall"] = (fig, _("Waterfall of the change in {industry} jobs in {region}: national share, "
                                   "industry mix and competitive effect.").format(industry=profile.industry,
                                                                                 region=profile.region))
    return figures


WHOLE_NUMBER_COLUMNS = ("jobs", "employment", "stars")

# Column headers of the report's tables, as read (the tables' own column names stay as they are).
HEADERS = {"jobs": N_("jobs"), "employment": N_("jobs"), "share of region's jobs (%)": N_("share of region's jobs (%)"),
           "stars": N_("stars"), "lq": "LQ", "LQ": "LQ"}


def _table_html(frame: pd.DataFrame, digits: int = 2) -> str:
    """A small table with whole numbers for counts and ``digits`` decimals elsewhere, in the language's style."""
    shown = pd.DataFrame({
        _(HEADERS.get(column, column)): [number(v, ",.0f") if column in WHOLE_NUMBER_COLUMNS else
                                         number(v, f",.{digits}f") for v in frame[column]]
        for column in frame.columns}, index=frame.index.rename(_("industry")))
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
    body = [
        "<h1>" + _("Cluster profile: {industry} in {region}").format(industry=industry, region=region) + "</h1>",
        "<p class='meta'>" + _("Prepared by {author} on {date} with the Klaster course. Data: {data}; years "
                               "{years}.").format(
            author=esc(author) or esc(_("a student")), date=_date(dt.date.today()),
            data=esc(data_note) or esc(_("the course synthetic panel (illustrative, not official statistics)")),
            years=years) + "</p>",
        heading("economy"),
        "<ul><li>" + _f("Jobs: {start_jobs:,.0f} in {start}, {end_jobs:,.0f} in {end} ({growth:+.1f}%; nation "
                        "{national:+.1f}%)", start_jobs=n["jobs_start"], start=profile.start_year,
                        end_jobs=n["jobs_end"], end=profile.end_year, growth=n["jobs_growth_pct"],
                        national=n["national_growth_pct"]) + "</li>"
        "<li>" + _f("Krugman specialisation index: {krugman:.3f} (rank {rank} of {regions}, 1 = most specialised); "
                    "Shannon diversity (0–1): {diversity:.3f}", krugman=n["krugman"], rank=n["krugman_rank"],
                    regions=n["regions"], diversity=n["diversity"]) + "</li></ul>",
        "<h3>" + esc(_("Largest industries")) + "</h3>", _table_html(profile.tables["top_industries"]),
        student("economy"),
        heading("clusters"),
        "<p>" + _f("{industry}: {jobs:,.0f} jobs, LQ <b>{lq:.2f}</b>, {stars} of 3 cluster stars ({year}).",
                   industry=industry, jobs=n["industry_jobs_end"], lq=n["industry_lq"], stars=n["industry_stars"],
                   year=profile.end_year) + "</p>",
        "<h3>" + esc(_("Candidate clusters (at least one star or LQ ≥ 1.25)")) + "</h3>",
        _table_html(profile.tables["candidates"]),
        figure_html("lq_profile"), student("clusters"),
        heading("growth"),
        "<p>" + _f("All industries: change {change:+,.0f} = national share {national:+,.0f} + industry mix "
                   "{mix:+,.0f} + competitive {competitive:+,.0f}.", change=ss_r["total_change"],
                   national=ss_r["national_share"], mix=ss_r["industry_mix"], competitive=ss_r["competitive"]) + "</p>",
        "<p>" + _f("{industry}: change {change:+,.0f} = national share {national:+,.0f} + industry mix {mix:+,.0f} "
                   "+ competitive {competitive:+,.0f}.", industry=industry, change=ss_i["total_change"],
                   national=ss_i["national_share"], mix=ss_i["industry_mix"], competitive=ss_i["competitive"])
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
        "<h2>" + esc(_("Sources and methods")) + "</h2><p>" + esc(_(
            "Measures as defined in the Klaster course (lessons 03, 04 and 07): location quotient, Krugman index, "
            "Shannon diversity, cluster stars after the European Cluster Observatory, shift-share after Dunn "
            "(1960), Hoover (1936), locational Gini, Ellison & Glaeser (1997).")) + "</p>",
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
