"""Step 2, the diagnosis: the numbers of a province's division from the library, the SWOT, and
re-measuring KPIs in a later year."""
from __future__ import annotations

import dataclasses
import math

import numpy as np
import pandas as pd

from ..i18n import cached_per_language
from .. import data
from ..errors import KlasterValueError
from ..i18n import N_, _, _f, number
from ..measures import cluster_portfolio, cluster_stars, location_quotient, shift_share
from .model import DIAGNOSIS_NUMBERS, Diagnosis, Plan, SWOT_PARTS, _clean, _is_number, _plain

def _panel_years(panel: pd.DataFrame | None) -> list[int]:
    if panel is None:
        return list(data.PANEL_YEARS)
    return sorted(int(y) for y in panel["year"].unique())


def _diagnosis_years(years, panel) -> tuple[int, int]:
    available = _panel_years(panel)
    if years is None:
        if panel is None:
            return int(data.PANEL_YEARS[0]), int(data.PANEL_YEARS[-1])
        return available[0], available[-1]
    start, end = (int(y) for y in years)
    for year in (start, end):
        if year not in available:
            raise KlasterValueError(_("The data has no year {year}; it covers {years}.").format(
                year=year, years=", ".join(map(str, available))))
    if start >= end:
        raise KlasterValueError(_("The diagnosis needs a start year before the end year, not {start} and {end}.")
                                .format(start=start, end=end))
    return start, end


def _tables(start_year: int, end_year: int, panel: pd.DataFrame | None):
    start = data.employment_matrix(start_year, panel=panel)
    end = data.employment_matrix(end_year, panel=panel)
    return {
        "start": start,
        "end": end,
        "lq_start": location_quotient(start),
        "lq_end": location_quotient(end),
        "stars": cluster_stars(end),
        "shift_share": shift_share(start, end),
        "portfolio": cluster_portfolio(start, end, growth="lq_change"),
    }


@cached_per_language(maxsize=4)
def _course_tables(start_year: int, end_year: int):
    return _tables(start_year, end_year, None)


_NO_CHOICE = {
    "province": N_("There is no province {value!r} in the data; choose one of the {count} provinces, for example "
                   "{example!r}."),
    "division": N_("There is no division {value!r} in the data; choose one of the {count} divisions, for example "
                   "{example!r}."),
}


def _check_choice(value: str, options, what: str) -> None:
    if value not in list(options):
        raise KlasterValueError(_(_NO_CHOICE[what]).format(value=value, count=len(options),
                                                           example=list(options)[0]))


def diagnosis_numbers(province: str, division: str, years=None, panel: pd.DataFrame | None = None) -> dict:
    """The library's numbers for one province and division, as a dict of plain values.

    Calls ``location_quotient`` (start and end year), ``cluster_stars`` (end
    year), ``shift_share`` and ``cluster_portfolio`` (growth = change in
    LQ) on the synthetic panel (or on ``panel``, a table shaped like
    ``data.load_employment_panel()``). ``years`` = (start, end), by default
    the first and last years of the data. Keys: see DIAGNOSIS_NUMBERS;
    a value that cannot be computed is None.
    """
    start_year, end_year = _diagnosis_years(years, panel)
    tables = _course_tables(start_year, end_year) if panel is None else _tables(start_year, end_year, panel)
    if panel is None:
        division = data.course_division(division, tables["end"].columns)  # a name in either language
    _check_choice(province, tables["end"].index, "province")
    _check_choice(division, tables["end"].columns, "division")
    stars = tables["stars"].loc[(province, division)]
    parts = tables["shift_share"].loc[(province, division)]
    quadrant = tables["portfolio"].loc[(province, division), "quadrant"]
    numbers = {
        "jobs_start": tables["start"].loc[province, division],
        "jobs_end": tables["end"].loc[province, division],
        "lq_start": tables["lq_start"].loc[province, division],
        "lq_end": tables["lq_end"].loc[province, division],
        "stars": int(stars["stars"]),
        "size_star": bool(stars["size_star"]),
        "specialisation_star": bool(stars["specialisation_star"]),
        "focus_star": bool(stars["focus_star"]),
        "national_share": parts["national_share"],
        "industry_mix": parts["industry_mix"],
        "competitive": parts["competitive"],
        "total_change": parts["total_change"],
        "quadrant": None if pd.isna(quadrant) else str(quadrant),
    }
    return {key: _plain(value) for key, value in numbers.items()}


def diagnose(province: str, division: str, years=None, panel: pd.DataFrame | None = None,
             swot: dict | None = None) -> Diagnosis:
    """A Diagnosis for one province and division: the library's numbers (see
    ``diagnosis_numbers``) and, optionally, a SWOT given as a dict of four lists."""
    start_year, end_year = _diagnosis_years(years, panel)
    if panel is None:
        division = data.course_division(division, _course_tables(start_year, end_year)["end"].columns)
    numbers = diagnosis_numbers(province, division, (start_year, end_year), panel)
    swot = swot or {}
    unknown = set(swot) - set(SWOT_PARTS)
    if unknown:
        raise KlasterValueError(_("A SWOT has the four parts {parts}, not {part!r}.").format(
            parts=", ".join(SWOT_PARTS), part=sorted(unknown)[0]))
    return Diagnosis(province=province, division=division, start_year=start_year, end_year=end_year,
                     numbers=numbers, **{part: [_clean(x) for x in swot.get(part, []) if _clean(x)]
                                         for part in SWOT_PARTS})


def diagnosis_table(diagnosis: Diagnosis) -> pd.DataFrame:
    """The diagnosis's numbers with readable labels (one row per number)."""
    labels = {key: _(text).format(start=diagnosis.start_year, end=diagnosis.end_year)
              for key, text in DIAGNOSIS_NUMBERS.items()}
    rows = [(key, labels[key], diagnosis.numbers.get(key)) for key in DIAGNOSIS_NUMBERS if key in diagnosis.numbers]
    return pd.DataFrame(rows, columns=["key", "measure", "value"]).set_index("key")


def _format_number(key: str, value) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "\u2013"
    if isinstance(value, (bool, np.bool_)):
        return _("yes") if value else _("no")
    if isinstance(value, str):
        return _(value)
    if key.startswith("lq"):
        return number(value, ".2f")
    if key in ("national_share", "industry_mix", "competitive", "total_change"):
        return number(value, "+,.0f")
    return number(value, ",.0f")


def read_diagnosis(diagnosis: Diagnosis) -> str:
    """Two or three sentences that read the diagnosis's numbers (any number may be missing)."""
    n = diagnosis.numbers
    if not n:
        return _("No numbers yet: choose a province and a division.")
    where = dict(year=diagnosis.end_year, division=diagnosis.division, province=diagnosis.province)
    jobs, lq, stars = n.get("jobs_end"), n.get("lq_end"), n.get("stars")
    has_jobs, has_lq, has_stars = _is_number(jobs), _is_number(lq), _is_number(stars)
    if has_jobs and has_lq and has_stars:
        first = _f("In {year}, {division} in {province} had {jobs:,.0f} jobs and a location quotient of {lq:.2f} "
                   "({stars} of 3 cluster stars).", jobs=jobs, lq=lq, stars=stars, **where)
    elif has_jobs and has_lq:
        first = _f("In {year}, {division} in {province} had {jobs:,.0f} jobs and a location quotient of {lq:.2f}.",
                   jobs=jobs, lq=lq, **where)
    elif has_jobs:
        first = _f("In {year}, {division} in {province} had {jobs:,.0f} jobs.", jobs=jobs, **where)
    elif has_lq:
        first = _f("In {year}, {division} in {province} had a location quotient of {lq:.2f}.", lq=lq, **where)
    else:
        first = _f("In {year}, {division} in {province} has no jobs or location quotient in the data.", **where)
    parts = [first]
    change, competitive = n.get("total_change"), n.get("competitive")
    if _is_number(change) and _is_number(competitive):
        texts = {
            (True, True): N_("From {start} to {end} it gained {change:,.0f} jobs; its competitive effect of "
                             "{competitive:+,.0f} jobs means it did better than the same division nationally."),
            (True, False): N_("From {start} to {end} it gained {change:,.0f} jobs; its competitive effect of "
                              "{competitive:+,.0f} jobs means it did worse than the same division nationally."),
            (False, True): N_("From {start} to {end} it lost {change:,.0f} jobs; its competitive effect of "
                              "{competitive:+,.0f} jobs means it did better than the same division nationally."),
            (False, False): N_("From {start} to {end} it lost {change:,.0f} jobs; its competitive effect of "
                               "{competitive:+,.0f} jobs means it did worse than the same division nationally."),
        }
        parts.append(_f(texts[(change >= 0, competitive >= 0)], start=diagnosis.start_year, end=diagnosis.end_year,
                        change=abs(change), competitive=competitive))
    if n.get("quadrant"):
        parts.append(_("On the portfolio chart it is '{quadrant}'.").format(quadrant=_(n["quadrant"])))
    return " ".join(parts)


def swot_table(diagnosis: Diagnosis) -> pd.DataFrame:
    """The SWOT as a table with four columns (shorter lists padded with '')."""
    length = max([len(getattr(diagnosis, p)) for p in SWOT_PARTS] + [1])
    return pd.DataFrame({p: list(getattr(diagnosis, p)) + [""] * (length - len(getattr(diagnosis, p)))
                         for p in SWOT_PARTS})


def remeasure(diagnosis: Diagnosis, year: int | None = None, panel: pd.DataFrame | None = None) -> pd.DataFrame:
    """Measure the diagnosis's jobs and location quotient again, for ``year``
    (by default the last year in the data), with ``location_quotient``.

    Returns a table with rows "jobs" and "lq" and columns label,
    diagnosis_year, diagnosis_value, year, value and change. When ``year``
    is the diagnosis's own end year the change is 0: add a newer year to
    the data (``panel``) to see progress.
    """
    if not diagnosis.province or not diagnosis.division:
        raise KlasterValueError(_("The diagnosis has no province and division yet, so there is nothing to "
                                  "re-measure."))
    years = _panel_years(panel)
    year = years[-1] if year is None else int(year)
    if year not in years:
        raise KlasterValueError(_("The data has no year {year}; it covers {years}.").format(
            year=year, years=", ".join(map(str, years))))
    matrix = data.employment_matrix(year, panel=panel)
    # a plan saved in one language names its division in that language: find it in either
    division = data.course_division(diagnosis.division, matrix.columns) if panel is None else diagnosis.division
    _check_choice(diagnosis.province, matrix.index, "province")
    _check_choice(division, matrix.columns, "division")
    jobs = _plain(matrix.loc[diagnosis.province, division])
    lq = _plain(location_quotient(matrix).loc[diagnosis.province, division])
    before = {"jobs": diagnosis.numbers.get("jobs_end"), "lq": diagnosis.numbers.get("lq_end")}
    rows = []
    for key, label, value in (("jobs", _("jobs"), jobs), ("lq", _("location quotient"), lq)):
        old = before[key]
        change = None if old is None or value is None else value - old
        rows.append((key, label, diagnosis.end_year, old, year, value, change))
    return pd.DataFrame(rows, columns=["measure", "label", "diagnosis_year", "diagnosis_value", "year", "value",
                                       "change"]).set_index("measure")


def with_remeasured_kpis(plan: Plan, remeasured: pd.DataFrame) -> Plan:
    """A copy of the plan whose KPIs linked to the data ("lq", "jobs") take the re-measured value as latest."""
    kpis = [dataclasses.replace(k, latest=_plain(remeasured.loc[k.measure, "value"]))
            if k.measure in remeasured.index else dataclasses.replace(k) for k in plan.kpis]
    return dataclasses.replace(plan, kpis=kpis)


def what_if_year(new_year: int, changes: dict, base_year: int | None = None,
                 panel: pd.DataFrame | None = None) -> pd.DataFrame:
    """A what-if panel: the data plus one made-up year, for rehearsing the evaluation.

    The new year copies ``base_year`` (by default the last year) and
    multiplies the workers of each (province, division) in ``changes`` by
    its factor (1.05 = 5% more), rounded to whole workers. The result is a
    scenario, not a forecast: label it so wherever it is shown.
    """
    panel = data.load_employment_panel() if panel is None else panel
    years = _panel_years(panel)
    base_year = years[-1] if base_year is None else int(base_year)
    if base_year not in years:
        raise KlasterValueError(_("The data has no year {year}; it covers {years}.").format(
            year=base_year, years=", ".join(map(str, years))))
    if int(new_year) in years:
        raise KlasterValueError(_("The data already has the year {year}; a what-if year must be new.").format(
            year=new_year))
    new = panel[panel["year"] == base_year].copy()
    new["year"] = int(new_year)
    for (province, division), factor in changes.items():
        if not _is_number(factor) or float(factor) < 0:
            raise KlasterValueError(_("The factor for {province}, {division} must be a number of 0 or more, not "
                                      "{factor!r}.").format(province=province, division=division, factor=factor))
        rows = (new["province"] == province) & (new["division_name"] == division)
        if not rows.any():
            raise KlasterValueError(_("The data has no row for province {province!r} and division {division!r}.")
                                    .format(province=province, division=division))
        new.loc[rows, "workers"] = (new.loc[rows, "workers"] * float(factor)).round().astype("int64")
    return pd.concat([panel, new], ignore_index=True)


