"""The capstone's cluster profile: every measure of the course for one region
and one industry, and a report (HTML) that joins the numbers, the charts and
the student's own text.

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
from matplotlib.figure import Figure

from . import data
from .errors import KlasterValueError
from .measures import (cluster_portfolio, cluster_stars, ellison_glaeser, hoover_localization, krugman_index,
                       location_quotient, locational_gini, shannon_diversity, shift_share, to_matrix)
from .plots import figure_to_png, use_course_style
from .validation import check_matrix, check_same_labels

SECTIONS = {
    "economy": "1. The region's economy",
    "clusters": "2. Candidate clusters",
    "growth": "3. Growth: gaining or losing ground?",
    "agglomeration": "4. How agglomerated is the industry?",
    "diamond": "5. The cluster's diamond",
    "strategy": "6. A five-step plan",
    "conclusion": "7. Conclusion",
}


def matrices_from_user_table(tidy: pd.DataFrame) -> tuple[int, pd.DataFrame, int, pd.DataFrame]:
    """Split a checked long table with a year column (from ``data.load_user_table``) into two matrices.

    Returns (start_year, start, end_year, end). The table must cover exactly two years.
    """
    if "year" not in tidy.columns:
        raise KlasterValueError("The table has no year column; a growth analysis needs two years of data.")
    years = sorted(tidy["year"].unique().tolist())
    if len(years) != 2:
        raise KlasterValueError(f"The table covers {len(years)} year(s) ({', '.join(map(str, years))}); "
                                "keep exactly two: a start year and an end year.")
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
    if region not in start.index:
        raise KlasterValueError(f"There is no region {region!r} in the table; check the spelling.")
    if industry not in start.columns:
        raise KlasterValueError(f"There is no industry {industry!r} in the table; check the spelling.")
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
    fig.subplots_adjust(left=0.3, right=0.96, top=0.92, bottom=0.1)
    ax = fig.add_subplot()
    lq = location_quotient(profile.end).loc[profile.region]
    draw_ranked_lq(ax, lq, f"{profile.region}: LQ in each industry, {profile.end_year}", "industry")
    figures["lq_profile"] = (fig, f"Bar chart of {profile.region}'s location quotient in every industry in "
                                  f"{profile.end_year}; lines at LQ 1 and 2.")
    fig = Figure(figsize=(7, 4))
    fig.subplots_adjust(left=0.15, right=0.97, top=0.9, bottom=0.12)
    ax = fig.add_subplot()
    parts = pd.Series(profile.numbers["shift_share_industry"])
    draw_waterfall(ax, float(profile.start.loc[profile.region, profile.industry]), parts,
                   (profile.start_year, profile.end_year),
                   f"{profile.region}, {profile.industry}: change in jobs {profile.start_year}–{profile.end_year}")
    figures["waterfall"] = (fig, f"Waterfall of the change in {profile.industry} jobs in {profile.region}: national "
                                 "share, industry mix and competitive effect.")
    return figures


WHOLE_NUMBER_COLUMNS = ("jobs", "employment", "stars")


def _table_html(frame: pd.DataFrame, digits: int = 2) -> str:
    """A small table with whole numbers for counts and ``digits`` decimals elsewhere."""
    shown = pd.DataFrame({
        column: [f"{v:,.0f}" if column in WHOLE_NUMBER_COLUMNS else f"{v:,.{digits}f}" for v in frame[column]]
        for column in frame.columns}, index=frame.index)
    return shown.to_html(border=0, classes="numbers")


def report_html(profile: ClusterProfile, text: dict | None = None, author: str = "", data_note: str = "") -> str:
    """The cluster profile report as one self-contained HTML page (charts embedded as PNG)."""
    text = text or {}
    unknown = set(text) - set(SECTIONS)
    if unknown:
        raise KlasterValueError(f"Unknown report section(s) {sorted(unknown)}; use {list(SECTIONS)}.")
    n = profile.numbers
    esc = html.escape
    years = f"{profile.start_year}–{profile.end_year}"
    figures = {name: (base64.b64encode(figure_to_png(fig)).decode(), caption)
               for name, (fig, caption) in _figures(profile).items()}

    def figure_html(name):
        encoded, caption = figures[name]
        return (f'<figure><img alt="{esc(caption)}" src="data:image/png;base64,{encoded}">'
                f"<figcaption>Figure: {esc(caption)}</figcaption></figure>")

    def student(section):
        written = str(text.get(section, "")).strip()
        if not written:
            return '<p class="missing">(No text written for this section yet.)</p>'
        return "".join(f"<p>{esc(p)}</p>" for p in written.split("\n\n"))

    ss_r, ss_i = n["shift_share_region"], n["shift_share_industry"]
    eg = (f"<li>Ellison–Glaeser γ of {esc(profile.industry)}: <b>{n['eg_gamma']:.3f}</b> "
          f"({n['eg_plants']:,} plants)</li>" if "eg_gamma" in n and np.isfinite(n["eg_gamma"]) else
          "<li>Ellison–Glaeser γ: not computed (no plant-level table).</li>")
    body = [
        f"<h1>Cluster profile: {esc(profile.industry)} in {esc(profile.region)}</h1>",
        f"<p class='meta'>Prepared by {esc(author) or 'a student'} on {dt.date.today():%d %B %Y} with the Klaster "
        f"course. Data: {esc(data_note) or 'the course synthetic panel (illustrative, not official statistics)'}; "
        f"years {years}.</p>",
        f"<h2>{esc(SECTIONS['economy'])}</h2>",
        f"<ul><li>Jobs: {n['jobs_start']:,.0f} in {profile.start_year}, {n['jobs_end']:,.0f} in {profile.end_year} "
        f"({n['jobs_growth_pct']:+.1f}%; nation {n['national_growth_pct']:+.1f}%)</li>"
        f"<li>Krugman specialisation index: {n['krugman']:.3f} (rank {n['krugman_rank']} of {n['regions']}, "
        f"1 = most specialised); Shannon diversity (0–1): {n['diversity']:.3f}</li></ul>",
        "<h3>Largest industries</h3>", _table_html(profile.tables["top_industries"]),
        student("economy"),
        f"<h2>{esc(SECTIONS['clusters'])}</h2>",
        f"<p>{esc(profile.industry)}: {n['industry_jobs_end']:,.0f} jobs, LQ <b>{n['industry_lq']:.2f}</b>, "
        f"{n['industry_stars']} of 3 cluster stars ({profile.end_year}).</p>",
        "<h3>Candidate clusters (at least one star or LQ ≥ 1.25)</h3>", _table_html(profile.tables["candidates"]),
        figure_html("lq_profile"), student("clusters"),
        f"<h2>{esc(SECTIONS['growth'])}</h2>",
        f"<p>All industries: change {ss_r['total_change']:+,.0f} = national share {ss_r['national_share']:+,.0f} "
        f"+ industry mix {ss_r['industry_mix']:+,.0f} + competitive {ss_r['competitive']:+,.0f}.</p>",
        f"<p>{esc(profile.industry)}: change {ss_i['total_change']:+,.0f} = national share {ss_i['national_share']:+,.0f} "
        f"+ industry mix {ss_i['industry_mix']:+,.0f} + competitive {ss_i['competitive']:+,.0f}. "
        f"Portfolio quadrant: <b>{esc(str(n['quadrant']))}</b> (LQ {n['lq_start']:.2f} → {n['industry_lq']:.2f}).</p>",
        figure_html("waterfall"), student("growth"),
        f"<h2>{esc(SECTIONS['agglomeration'])}</h2>",
        f"<ul><li>Hoover localisation coefficient of {esc(profile.industry)}: <b>{n['hoover']:.3f}</b></li>"
        f"<li>Locational Gini: <b>{n['locational_gini']:.3f}</b></li>{eg}</ul>",
        student("agglomeration"),
        f"<h2>{esc(SECTIONS['diamond'])}</h2>", student("diamond"),
        f"<h2>{esc(SECTIONS['strategy'])}</h2>", student("strategy"),
        f"<h2>{esc(SECTIONS['conclusion'])}</h2>", student("conclusion"),
        "<h2>Sources and methods</h2><p>Measures as defined in the Klaster course (lessons 03, 04 and 07): "
        "location quotient, Krugman index, Shannon diversity, cluster stars after the European Cluster "
        "Observatory, shift-share after Dunn (1960), Hoover (1936), locational Gini, Ellison &amp; Glaeser (1997).</p>",
    ]
    style = ("body{font-family:sans-serif;max-width:860px;margin:2em auto;line-height:1.45;color:#111}"
             "table.numbers{border-collapse:collapse;margin:0.5em 0}table.numbers td,table.numbers th"
             "{padding:2px 8px;text-align:right;border-bottom:1px solid #ddd}img{max-width:100%}"
             "figcaption{font-style:italic;font-size:0.9em}.missing{color:#D55E00}.meta{color:#555}")
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Cluster profile: "
            f"{esc(profile.industry)} in {esc(profile.region)}</title><style>{style}</style></head><body>"
            + "\n".join(body) + "</body></html>\n")


def write_report(profile: ClusterProfile, path, text: dict | None = None, author: str = "",
                 data_note: str = "", overwrite: bool = False) -> Path:
    """Write the report to ``path`` (an .html file) and return the path.

    An existing file is never replaced unless ``overwrite=True``: the
    function raises KlasterValueError instead, and nothing is written.
    """
    path = Path(path)
    if path.suffix.lower() not in (".html", ".htm"):
        raise KlasterValueError(f"The report is an HTML page: give a file name ending in .html, not {path.name!r}.")
    if path.exists() and not overwrite:
        raise KlasterValueError(f"A file named {path.name!r} already exists; choose another name, or confirm "
                                "that you want to replace it.")
    if not path.parent.exists():
        raise KlasterValueError(f"The folder {str(path.parent)!r} does not exist.")
    page = report_html(profile, text, author=author, data_note=data_note)
    path.write_text(page, encoding="utf-8")
    return path
