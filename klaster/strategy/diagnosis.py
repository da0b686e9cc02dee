"""Step 2, the diagnosis: the numbers of a province's division from the library, the SWOT, and
re-measuring KPIs in a later year."""
from __future__ import annotations

import dataclasses
import math
from functools import lru_cache

import numpy as np
import pandas as pd

from .. import data
from ..errors import KlasterValueError
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
            raise KlasterValueError(f"The data has no year {year}; it covers {', '.join(map(str, available))}.")
    if start >= end:
        raise KlasterValueError(f"The diagnosis needs a start year before the end year, not {start} and {end}.")
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


@lru_cache(maxsize=4)
def _course_tables(start_year: int, end_year: int):
    return _tables(start_year, end_year, None)


def _check_choice(value: str, options, what: str) -> None:
    if value not in list(options):
        raise KlasterValueError(f"There is no {what} {value!r} in the data; choose one of the {len(options)} "
                                f"{what}s, for example {list(options)[0]!r}.")


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
    numbers = diagnosis_numbers(province, division, (start_year, end_year), panel)
    swot = swot or {}
    unknown = set(swot) - set(SWOT_PARTS)
    if unknown:
        raise KlasterValueError(f"A SWOT has the four parts {', '.join(SWOT_PARTS)}, not {sorted(unknown)[0]!r}.")
    return Diagnosis(province=province, division=division, start_year=start_year, end_year=end_year,
                     numbers=numbers, **{part: [_clean(x) for x in swot.get(part, []) if _clean(x)]
                                         for part in SWOT_PARTS})


def diagnosis_table(diagnosis: Diagnosis) -> pd.DataFrame:
    """The diagnosis's numbers with readable labels (one row per number)."""
    labels = {key: text.format(start=diagnosis.start_year, end=diagnosis.end_year)
              for key, text in DIAGNOSIS_NUMBERS.items()}
    rows = [(key, labels[key], diagnosis.numbers.get(key)) for key in DIAGNOSIS_NUMBERS if key in diagnosis.numbers]
    return pd.DataFrame(rows, columns=["key", "measure", "value"]).set_index("key")


def _format_number(key: str, value) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "\u2013"
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, str):
        return value
    if key.startswith("lq"):
        return f"{value:.2f}"
    if key in ("national_share", "industry_mix", "competitive", "total_change"):
        return f"{value:+,.0f}"
    return f"{value:,.0f}"


def read_diagnosis(diagnosis: Diagnosis) -> str:
    """Two or three sentences that read the diagnosis's numbers (any number may be missing)."""
    n = diagnosis.numbers
    if not n:
        return "No numbers yet: choose a province and a division."
    where = f"{diagnosis.division} in {diagnosis.province}"
    jobs, lq, stars = n.get("jobs_end"), n.get("lq_end"), n.get("stars")
    facts = []
    if _is_number(jobs):
        facts.append(f"{jobs:,.0f} jobs")
    if _is_number(lq):
        facts.append(f"a location quotient of {lq:.2f}" + (f" ({stars} of 3 cluster stars)" if _is_number(stars) else ""))
    parts = [f"In {diagnosis.end_year}, {where} had {' and '.join(facts)}." if facts else
             f"In {diagnosis.end_year}, {where} has no jobs or location quotient in the data."]
    change, competitive = n.get("total_change"), n.get("competitive")
    if _is_number(change) and _is_number(competitive):
        verb = "gained" if change >= 0 else "lost"
        better = "better" if competitive >= 0 else "worse"
        parts.append(f"From {diagnosis.start_year} to {diagnosis.end_year} it {verb} {abs(change):,.0f} jobs; "
                     f"its competitive effect of {competitive:+,.0f} jobs means it did {better} than the same "
                     "division nationally.")
    if n.get("quadrant"):
        parts.append(f"On the portfolio chart it is '{n['quadrant']}'.")
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
        raise KlasterValueError("The diagnosis has no province and division yet, so there is nothing to re-measure.")
    years = _panel_years(panel)
    year = years[-1] if year is None else int(year)
    if year not in years:
        raise KlasterValueError(f"The data has no year {year}; it covers {', '.join(map(str, years))}.")
    matrix = data.employment_matrix(year, panel=panel)
    _check_choice(diagnosis.province, matrix.index, "province")
    _check_choice(diagnosis.division, matrix.columns, "division")
    jobs = _plain(matrix.loc[diagnosis.province, diagnosis.division])
    lq = _plain(location_quotient(matrix).loc[diagnosis.province, diagnosis.division])
    before = {"jobs": diagnosis.numbers.get("jobs_end"), "lq": diagnosis.numbers.get("lq_end")}
    rows = []
    for key, label, value in (("jobs", "jobs", jobs), ("lq", "location quotient", lq)):
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
        raise KlasterValueError(f"The data has no year {base_year}; it covers {', '.join(map(str, years))}.")
    if int(new_year) in years:
        raise KlasterValueError(f"The data already has the year {new_year}; a what-if year must be new.")
    new = panel[panel["year"] == base_year].copy()
    new["year"] = int(new_year)
    for (province, division), factor in changes.items():
        if not _is_number(factor) or float(factor) < 0:
            raise KlasterValueError(f"The factor for {province}, {division} must be a number of 0 or more, not {factor!r}.")
        rows = (new["province"] == province) & (new["division_name"] == division)
        if not rows.any():
            raise KlasterValueError(f"The data has no row for province {province!r} and division {division!r}.")
        new.loc[rows, "workers"] = (new.loc[rows, "workers"] * float(factor)).round().astype("int64")
    return pd.concat([panel, new], ignore_index=True)


