"""The five-step cluster strategy as data: a plan that a workshop can fill in,
check, save, load and export.

The five steps (Mobilisation, Diagnosis, Collaborative strategy,
Implementation, Evaluation) are a list found in Indonesian teaching material
and in the popular article the course starts from; no single primary source
names exactly these five, and where the list comes from has not been
verified. The closest published processes are UNIDO's five-stage cluster
development approach and the twelve-step process of Cluster Navigators
(Ffowcs-Williams n.d.); see lesson 05.

A plan (``Plan``) holds:

- stakeholders (``Stakeholder``): name, type, influence and interest (1-5), role;
- a diagnosis (``Diagnosis``): province, division, the numbers pulled from the
  library (LQ, cluster stars, shift-share components, portfolio quadrant) and
  a SWOT (four lists);
- a vision and three to five objectives;
- actions (``Action``): what, which objective, who, when, how long, how much;
- a horizon in months;
- key performance indicators (``KPI``): baseline, target and latest value.

Records are plain dataclasses; ``*_table`` functions turn them into pandas
DataFrames. ``check_*`` functions return lists of messages (empty = fine).
``save_plan`` / ``load_plan`` write and read ONE JSON file with a format name
and a schema version; ``export_markdown`` / ``export_html`` write a readable
summary with the charts.
"""
from __future__ import annotations

import base64
import dataclasses
import datetime as _dt
import html
import json
import math
import os
import tempfile
import uuid
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from . import __version__, data
from .errors import KlasterValueError
from .measures import cluster_portfolio, cluster_stars, location_quotient, shift_share
from .plots import OKABE_ITO, figure_to_png

# ---------------------------------------------------------------------------
# Constants
# ---------------------------------------------------------------------------

FILE_FORMAT = "klaster-cluster-strategy"
SCHEMA_VERSION = 1

STEPS = ("Mobilisation", "Diagnosis", "Collaborative strategy", "Implementation", "Evaluation")
STEPS_ID = {"Mobilisation": "mobilisasi", "Diagnosis": "diagnosis (diagnosa)",
            "Collaborative strategy": "strategi kolaboratif", "Implementation": "implementasi",
            "Evaluation": "evaluasi (penilaian)"}

STAKEHOLDER_TYPES = ("firm", "government", "university", "association", "finance", "NGO")
SCORE_MIN, SCORE_MAX = 1, 5
GRID_SPLIT = 3  # a score above 3 (4 or 5) counts as high on the influence/interest grid
GRID_POSITIONS = {(True, True): "manage closely", (True, False): "keep satisfied",
                  (False, True): "keep informed", (False, False): "monitor"}

OBJECTIVES_MIN, OBJECTIVES_MAX = 3, 5
HORIZON_MAX = 120  # months

KPI_MEASURES = {"": "entered by hand", "lq": "location quotient, re-measured from the data",
                "jobs": "jobs, re-measured from the data"}
GREEN_FROM, AMBER_FROM = 0.75, 0.25
LIGHTS = ("green", "amber", "red", "no data")
LIGHT_COLOURS = {"green": OKABE_ITO["bluish_green"], "amber": OKABE_ITO["yellow"],
                 "red": OKABE_ITO["vermillion"], "no data": "#bdbdbd"}

SWOT_PARTS = ("strengths", "weaknesses", "opportunities", "threats")
SWOT_ID = {"strengths": "kekuatan", "weaknesses": "kelemahan", "opportunities": "peluang", "threats": "ancaman"}

DIAGNOSIS_NUMBERS = {
    "jobs_start": "jobs, {start}",
    "jobs_end": "jobs, {end}",
    "lq_start": "location quotient, {start}",
    "lq_end": "location quotient, {end}",
    "stars": "cluster stars, {end} (0 to 3)",
    "size_star": "size star, {end}",
    "specialisation_star": "specialisation star, {end}",
    "focus_star": "focus star, {end}",
    "national_share": "national share, {start}\u2013{end} (jobs)",
    "industry_mix": "industry mix, {start}\u2013{end} (jobs)",
    "competitive": "competitive effect, {start}\u2013{end} (jobs)",
    "total_change": "total change, {start}\u2013{end} (jobs)",
    "quadrant": "portfolio quadrant, {start}\u2013{end} (growth = change in LQ)",
}


class PlanFileError(KlasterValueError):
    """A plan file cannot be written or read: the message says why, in one sentence."""


def new_plan_id() -> str:
    """A new random identifier for a plan (32 hexadecimal characters)."""
    return uuid.uuid4().hex


# ---------------------------------------------------------------------------
# The records
# ---------------------------------------------------------------------------

@dataclass
class Stakeholder:
    """A person or organisation in the stakeholder register (step 1, Mobilisation).

    ``type`` is one of STAKEHOLDER_TYPES; ``influence`` and ``interest`` are
    whole numbers from 1 (low) to 5 (high).
    """
    name: str
    type: str
    influence: int
    interest: int
    role: str = ""


@dataclass
class Diagnosis:
    """Step 2: the numbers of one province and division, and a SWOT (four lists of short lines)."""
    province: str = ""
    division: str = ""
    start_year: int | None = None
    end_year: int | None = None
    numbers: dict = field(default_factory=dict)
    strengths: list = field(default_factory=list)
    weaknesses: list = field(default_factory=list)
    opportunities: list = field(default_factory=list)
    threats: list = field(default_factory=list)


@dataclass
class Action:
    """One line of the action plan (step 3), carried out in step 4.

    The action runs from month ``start_month`` (1 = the plan's first month)
    for ``duration_months`` months, so it ends in month
    start_month + duration_months - 1.
    """
    action: str
    objective: str = ""
    owner: str = ""
    start_month: int = 1
    duration_months: int = 1
    cost_rupiah: float = 0.0
    quick_win: bool = False

    @property
    def end_month(self) -> int:
        return self.start_month + self.duration_months - 1


@dataclass
class KPI:
    """A key performance indicator (step 5).

    ``latest`` is None until it is measured. ``measure`` is "" (entered by
    hand), "lq" or "jobs" (re-measured from the data for the diagnosis's
    province and division).
    """
    name: str
    unit: str
    baseline: float
    target: float
    latest: float | None = None
    objective: str = ""
    measure: str = ""


@dataclass
class Plan:
    """A whole cluster strategy. ``plan_id`` tells this plan's file apart from any other plan's."""
    title: str = "Cluster strategy"
    plan_id: str = field(default_factory=new_plan_id)
    horizon_months: int = 24
    stakeholders: list = field(default_factory=list)
    diagnosis: Diagnosis = field(default_factory=Diagnosis)
    vision: str = ""
    objectives: list = field(default_factory=list)
    actions: list = field(default_factory=list)
    kpis: list = field(default_factory=list)
    illustrative: bool = False
    notes: str = ""


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------

def _clean(text) -> str:
    """Text with surrounding spaces removed ('' for None)."""
    return "" if text is None else " ".join(str(text).split())


def _key(text) -> str:
    """Comparison key: spaces squeezed, case ignored."""
    return _clean(text).casefold()


def _is_number(value) -> bool:
    """A finite int or float (numpy's too); text, booleans and None are not numbers here."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
        return False
    return math.isfinite(float(value))


def _is_whole(value) -> bool:
    return _is_number(value) and float(value) == int(float(value))


def _plain(value):
    """A numpy scalar as a plain Python value; NaN as None (JSON has no NaN)."""
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating, float)):
        return None if not math.isfinite(float(value)) else float(value)
    if value is None or (isinstance(value, str)):
        return value
    if pd.isna(value):
        return None
    return value


def lines_to_list(text: str) -> list[str]:
    """One item per line: the non-empty lines of a text box, with spaces tidied."""
    return [_clean(line) for line in str(text or "").splitlines() if _clean(line)]


def list_to_lines(items) -> str:
    return "\n".join(str(i) for i in items)


def format_value(value) -> str:
    """A KPI or measure value for people: whole numbers with thousands commas, others with 3 significant digits."""
    if not _is_number(value):
        return "\u2013"
    value = float(value)
    if value.is_integer() or abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def format_rupiah(value) -> str:
    """A cost in rupiah for people: 'Rp 150,000,000' (commas separate thousands, as in the course)."""
    if not _is_number(value):
        return "\u2013"
    return f"Rp {float(value):,.0f}"


def grid_position(influence: int, interest: int) -> str:
    """Position on the influence/interest grid: a score above 3 (4 or 5) counts as high.

    - high influence, high interest: "manage closely" (key players)
    - high influence, low interest: "keep satisfied"
    - low influence, high interest: "keep informed"
    - low influence, low interest: "monitor"

    The grid goes back to Mendelow (1981), who placed stakeholders by their
    power and the dynamism of their environment; the power/interest form is
    a later adaptation, often dated 1991. The split at 3 is this course's
    choice for a 1-5 scale.
    """
    return GRID_POSITIONS[(influence > GRID_SPLIT, interest > GRID_SPLIT)]


# ---------------------------------------------------------------------------
# Step guide (for the lesson and the facilitator)
# ---------------------------------------------------------------------------

def steps_overview() -> pd.DataFrame:
    """The five steps in one table: what happens, who takes part, what it produces,
    typical time and a common way it fails.

    Timings follow the fast-track timeline of Cluster Navigators
    (Ffowcs-Williams n.d.) as the course's notes summarise it (not verified
    against a Cluster Navigators publication): months 1-2 ignition team,
    steering group, one-to-one meetings and baseline figures; month 3 a
    cluster-wide workshop; months 4-9 project teams and quick-win joint
    projects. The review interval for evaluation is the course's suggestion,
    not a published standard.
    """
    rows = [
        ("Mobilisation", STEPS_ID["Mobilisation"],
         "find champions; meet firms one by one; form a business-led steering group; build trust",
         "firm owners, association, local government, university, bank, NGOs",
         "stakeholder register and influence/interest grid; a steering group",
         "months 1\u20132", "led by government alone, so firms do not feel it is theirs"),
        ("Diagnosis", STEPS_ID["Diagnosis"],
         "map the cluster with data (LQ, stars, shift-share, portfolio); talk to firms; SWOT; record the baseline",
         "analyst or cluster development agent, steering group, firms",
         "a short diagnosis with numbers and a SWOT; the baseline for evaluation",
         "months 1\u20132 (alongside mobilisation)",
         "numbers without firms' views, or data at the wrong level (a province hides a district)"),
        ("Collaborative strategy", STEPS_ID["Collaborative strategy"],
         "agree a shared vision, three to five objectives and an action plan",
         "all stakeholders, in a cluster-wide workshop",
         "vision, objectives, actions with owners, dates and costs",
         "month 3 (one workshop, then follow-up)",
         "a wish list without owners or budgets; links to markets forgotten (Tambunan 2005)"),
        ("Implementation", STEPS_ID["Implementation"],
         "run joint projects, quick wins first; a cluster manager coordinates",
         "project teams, cluster manager, service providers",
         "completed joint actions; a timeline kept up to date",
         "from month 4; quick wins in months 4\u20139",
         "no one in charge, so actions stall and trust fades"),
        ("Evaluation", STEPS_ID["Evaluation"],
         "compare KPIs with the baseline and the target; re-measure the data; adjust the plan",
         "steering group, cluster manager, funders",
         "a KPI dashboard and a revised plan for the next cycle",
         "continuous; a review every 6\u201312 months (course suggestion)",
         "no baseline, or KPIs that count activities (trainings held) instead of results"),
    ]
    return pd.DataFrame(rows, columns=["step", "Indonesian", "what happens", "who takes part", "what it produces",
                                       "typical time", "a common way it fails"]).set_index("step")


def step_comparison() -> pd.DataFrame:
    """How the popular five-step list lines up with UNIDO's five stages and the
    Cluster Navigators process (only the parts described in the course's sources)."""
    rows = [
        ("Mobilisation", "no separate stage among the five current stages: participation runs through (1) "
                         "selection with participatory criteria and (3) vision building; some versions derived "
                         "from UNIDO's approach add one, for example a trust-building stage",
         "early steps: building a platform for action (motivating stakeholders, finding leaders); "
         "ignition team and business-led steering group in months 1\u20132"),
        ("Diagnosis", "(1) cluster selection (mapping) and (2) diagnostic study by a cluster development "
                      "agent: action-oriented SWOT, sets the monitoring baseline",
         "early steps: fact-based diagnosis of competitiveness; baseline figures (firms, employees, "
         "% of sales outside the region)"),
        ("Collaborative strategy", "(3) vision building and action planning, endorsed by stakeholders",
         "month 3: a cluster-wide workshop"),
        ("Implementation", "(4) implementation: joint actions, horizontal and vertical networks",
         "months 4\u20139: project teams and quick-win joint projects"),
        ("Evaluation", "(5) monitoring and evaluation: causal chain, KPIs, data collection, reporting",
         "later steps of the twelve (not described in the course's sources)"),
    ]
    return pd.DataFrame(rows, columns=["five-step list", "UNIDO approach", "Cluster Navigators"]).set_index("five-step list")


# ---------------------------------------------------------------------------
# Step 2: the diagnosis, from the library
# ---------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------
# Step 5: progress and traffic lights
# ---------------------------------------------------------------------------

def kpi_progress(baseline, target, latest) -> float | None:
    """Share of the way from the baseline to the target: (latest - baseline) / (target - baseline).

    1 = target reached, 0 = still at the baseline, negative = moved the
    wrong way. It works the same when the target is below the baseline
    (a KPI that should go down): both differences are then negative.
    None when there is no latest value or the target equals the baseline.
    """
    if not (_is_number(baseline) and _is_number(target) and _is_number(latest)):
        return None
    gap = float(target) - float(baseline)
    if gap == 0:
        return None
    return (float(latest) - float(baseline)) / gap


def traffic_light(baseline, target, latest) -> str:
    """The KPI's light: "green" (progress >= 0.75), "amber" (>= 0.25), "red" (below 0.25),
    or "no data" (no latest value, or target = baseline so progress is undefined).

    Progress = (latest - baseline) / (target - baseline), so a KPI that should
    fall (target below baseline) is judged the right way round.
    """
    progress = kpi_progress(baseline, target, latest)
    if progress is None:
        return "no data"
    if progress >= GREEN_FROM:
        return "green"
    if progress >= AMBER_FROM:
        return "amber"
    return "red"


# ---------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------

def stakeholder_table(stakeholders) -> pd.DataFrame:
    """The stakeholder register with each one's position on the influence/interest grid."""
    rows = [(s.name, s.type, s.influence, s.interest,
             grid_position(s.influence, s.interest) if _is_whole(s.influence) and _is_whole(s.interest) else "",
             s.role) for s in stakeholders]
    return pd.DataFrame(rows, columns=["name", "type", "influence", "interest", "grid position", "role"])


def action_table(actions, objectives=None, horizon_months: int | None = None) -> pd.DataFrame:
    """The action plan: one row per action, with its end month and objective number (O1, O2, ...)."""
    numbers = {_key(o): f"O{i}" for i, o in enumerate(objectives or [], start=1)}
    rows = []
    for a in actions:
        end = a.end_month if _is_whole(a.start_month) and _is_whole(a.duration_months) else None
        rows.append((a.action, numbers.get(_key(a.objective), ""), a.objective, a.owner, a.start_month, end,
                     a.duration_months, a.cost_rupiah, bool(a.quick_win)))
    return pd.DataFrame(rows, columns=["action", "objective no.", "objective", "owner", "start month", "end month",
                                       "months", "cost (Rp)", "quick win"])


def kpi_table(kpis) -> pd.DataFrame:
    """The KPIs with their progress (fraction of the way to the target) and traffic light."""
    rows = [(k.name, k.unit, k.baseline, k.target, k.latest, kpi_progress(k.baseline, k.target, k.latest),
             traffic_light(k.baseline, k.target, k.latest), k.objective, k.measure) for k in kpis]
    table = pd.DataFrame(rows, columns=["name", "unit", "baseline", "target", "latest", "progress", "light",
                                        "objective", "measure"])
    table["progress"] = table["progress"].astype(float)
    return table


# ---------------------------------------------------------------------------
# Validation: each function returns a list of messages; an empty list means fine
# ---------------------------------------------------------------------------

def _label(kind: str, name, position: int | None = None) -> str:
    name = _clean(name)
    if name:
        return f"{kind} {name!r}"
    return f"{kind} {position}" if position is not None else kind


def check_stakeholder(stakeholder: Stakeholder, others=(), position: int | None = None) -> list[str]:
    """Problems with one stakeholder (``others``: the register it joins, to catch duplicates)."""
    s = stakeholder
    who = _label("Stakeholder", s.name, position)
    problems = []
    if not _clean(s.name):
        problems.append(f"{who} has no name; type the organisation's or person's name.")
    elif any(_key(o.name) == _key(s.name) for o in others):
        problems.append(f"{who} is already in the register; use another name or change the existing entry.")
    if s.type not in STAKEHOLDER_TYPES:
        problems.append(f"{who}: the type must be one of {', '.join(STAKEHOLDER_TYPES)}, not {s.type!r}.")
    for what in ("influence", "interest"):
        value = getattr(s, what)
        if not _is_whole(value) or not SCORE_MIN <= float(value) <= SCORE_MAX:
            problems.append(f"{who}: {what} must be a whole number from {SCORE_MIN} to {SCORE_MAX}, not {value!r}.")
    return problems


def check_stakeholders(stakeholders) -> list[str]:
    """Problems in the register: empty names, unknown types, scores outside 1-5, duplicate names.
    Also a reminder when there are no firms (a cluster initiative needs them)."""
    problems = []
    for i, s in enumerate(stakeholders):
        problems += check_stakeholder(s, others=stakeholders[:i], position=i + 1)
    if not stakeholders:
        problems.append("The register is empty: add the firms and institutions that should take part.")
    elif not any(s.type == "firm" for s in stakeholders):
        problems.append("No firm is in the register: a cluster initiative should be led by its firms.")
    return problems


def check_diagnosis(diagnosis: Diagnosis) -> list[str]:
    """Problems in the diagnosis: no province or division, no numbers, an empty SWOT part."""
    problems = []
    if not diagnosis.province or not diagnosis.division:
        problems.append("The diagnosis has no province and division yet: choose both.")
    elif not diagnosis.numbers:
        problems.append("The diagnosis has no numbers yet: pull them from the data.")
    for part in SWOT_PARTS:
        if not getattr(diagnosis, part):
            problems.append(f"The SWOT has no {part} yet (one item per line).")
    return problems


def check_strategy(vision: str, objectives) -> list[str]:
    """Problems in step 3's vision and objectives: no vision, fewer than 3 or more than 5 objectives, repeats."""
    problems = []
    if not _clean(vision):
        problems.append("The vision statement is empty: write one or two sentences that all stakeholders agree on.")
    count = len(objectives)
    if not OBJECTIVES_MIN <= count <= OBJECTIVES_MAX:
        problems.append(f"The plan has {count} objective{'s' if count != 1 else ''}; it needs {OBJECTIVES_MIN} to "
                        f"{OBJECTIVES_MAX} (one per line).")
    seen = set()
    for objective in objectives:
        if _key(objective) in seen:
            problems.append(f"The objective {objective!r} appears twice.")
        seen.add(_key(objective))
    return problems


def check_horizon(horizon_months) -> list[str]:
    if not _is_whole(horizon_months) or not 1 <= float(horizon_months) <= HORIZON_MAX:
        return [f"The plan's horizon must be a whole number of months from 1 to {HORIZON_MAX}, not {horizon_months!r}."]
    return []


def check_action(action: Action, others=(), position: int | None = None) -> list[str]:
    """Problems that make an action unusable: no name, a repeated name, start or
    duration not a whole number of at least 1, a negative or missing cost."""
    a = action
    what = _label("Action", a.action, position)
    problems = []
    if not _clean(a.action):
        problems.append(f"{what} has no description; say what will be done.")
    elif any(_key(o.action) == _key(a.action) for o in others):
        problems.append(f"{what} is already in the plan; describe a different action or change the existing one.")
    if not _is_whole(a.start_month) or float(a.start_month) < 1:
        problems.append(f"{what}: the start month must be a whole number of 1 or more (1 = the plan's first month), "
                        f"not {a.start_month!r}.")
    if not _is_whole(a.duration_months) or float(a.duration_months) < 1:
        problems.append(f"{what}: the duration must be a whole number of months, at least 1, not {a.duration_months!r}.")
    if not _is_number(a.cost_rupiah):
        problems.append(f"{what}: the cost must be a number of rupiah (0 if it costs nothing), not {a.cost_rupiah!r}.")
    elif float(a.cost_rupiah) < 0:
        problems.append(f"{what}: the cost is negative ({format_rupiah(a.cost_rupiah)}); a cost cannot be below zero.")
    return problems


def action_warnings(action: Action, objectives=None, horizon_months: int | None = None,
                    position: int | None = None) -> list[str]:
    """Things to fix before implementation: no owner, no objective or an objective
    not in the list, an end past the plan's horizon."""
    a = action
    what = _label("Action", a.action, position)
    warnings = []
    if not _clean(a.owner):
        warnings.append(f"{what} has no owner: name the person or organisation responsible.")
    if not _clean(a.objective):
        warnings.append(f"{what} serves no objective: say which objective it is for.")
    elif objectives is not None and _key(a.objective) not in {_key(o) for o in objectives}:
        warnings.append(f"{what} serves {a.objective!r}, which is not one of the plan's objectives.")
    if (horizon_months is not None and _is_whole(horizon_months) and _is_whole(a.start_month)
            and _is_whole(a.duration_months) and a.end_month > horizon_months):
        warnings.append(f"{what} ends in month {a.end_month}, past the plan's horizon of {horizon_months} months.")
    return warnings


def check_actions(actions, objectives=None, horizon_months: int | None = None) -> list[str]:
    """All problems and warnings of the action list (see ``check_action`` and ``action_warnings``)."""
    messages = []
    for i, a in enumerate(actions):
        messages += check_action(a, others=actions[:i], position=i + 1)
        messages += action_warnings(a, objectives, horizon_months, position=i + 1)
    if not actions:
        messages.append("The action plan is empty: add at least one action for each objective.")
    return messages


def check_kpi(kpi: KPI, others=(), position: int | None = None) -> list[str]:
    """Problems with one KPI: no name, a repeated name, no unit, numbers missing,
    a target equal to its baseline, an unknown measure."""
    k = kpi
    what = _label("KPI", k.name, position)
    problems = []
    if not _clean(k.name):
        problems.append(f"{what} has no name; say what is measured.")
    elif any(_key(o.name) == _key(k.name) for o in others):
        problems.append(f"{what} is already on the dashboard; use another name or change the existing one.")
    if not _clean(k.unit):
        problems.append(f"{what} has no unit (for example workers, firms, %, Rp).")
    for part in ("baseline", "target"):
        if not _is_number(getattr(k, part)):
            problems.append(f"{what}: the {part} must be a number, not {getattr(k, part)!r}.")
    if k.latest is not None and not _is_number(k.latest):
        problems.append(f"{what}: the latest value must be a number or empty, not {k.latest!r}.")
    if _is_number(k.baseline) and _is_number(k.target) and float(k.baseline) == float(k.target):
        problems.append(f"{what}: the target equals the baseline ({k.target:g}), so progress cannot be measured; "
                        "set a target that is a change.")
    if k.measure not in KPI_MEASURES:
        problems.append(f"{what}: the measure must be '' (by hand), 'lq' or 'jobs', not {k.measure!r}.")
    return problems


def check_kpis(kpis, objectives=None) -> list[str]:
    """Problems in the KPI list, and objectives that no KPI measures."""
    problems = []
    for i, k in enumerate(kpis):
        problems += check_kpi(k, others=kpis[:i], position=i + 1)
        if objectives is not None and _clean(k.objective) and _key(k.objective) not in {_key(o) for o in objectives}:
            problems.append(f"{_label('KPI', k.name, i + 1)} measures {k.objective!r}, which is not one of the "
                            "plan's objectives.")
    if not kpis:
        problems.append("There are no KPIs yet: add at least one for each objective.")
    if objectives:
        measured = {_key(k.objective) for k in kpis}
        for objective in objectives:
            if _key(objective) not in measured:
                problems.append(f"No KPI measures the objective {objective!r}.")
    return problems


def check_plan(plan: Plan) -> dict[str, list[str]]:
    """Every message about the plan, grouped by step (an empty list = nothing to fix)."""
    return {
        "Mobilisation": check_stakeholders(plan.stakeholders),
        "Diagnosis": check_diagnosis(plan.diagnosis),
        "Collaborative strategy": check_strategy(plan.vision, plan.objectives) + check_horizon(plan.horizon_months),
        "Implementation": check_actions(plan.actions, plan.objectives, plan.horizon_months),
        "Evaluation": check_kpis(plan.kpis, plan.objectives),
    }


def smart_problems(objective: str, kpi: KPI | None, actions, horizon_months: int = 24) -> list[str]:
    """Short codes for what keeps an objective with its KPI and actions from being SMART.

    Specific and measurable: a named objective, a KPI that measures it with
    a unit, a baseline and a target that differs from it. Achievable and
    relevant are for the workshop to judge. Time-bound, with someone
    responsible: every action serving it has an owner, a start month, a
    duration, a cost and ends within the horizon. Codes: "no objective",
    "no kpi", "kpi measures another objective", "no measurable target",
    "no actions", "action serves another objective", "action without owner",
    "action without date", "action without cost", "action past horizon".
    SMART is usually traced to Doran (1981), whose letters stood for
    specific, measurable, assignable, realistic and time-related; the common
    form today reads achievable and relevant instead.
    """
    codes = []
    if not _clean(objective):
        codes.append("no objective")
    if kpi is None:
        codes.append("no kpi")
    else:
        if _clean(objective) and _key(kpi.objective) != _key(objective):
            codes.append("kpi measures another objective")
        if (not _clean(kpi.unit) or not _is_number(kpi.baseline) or not _is_number(kpi.target)
                or float(kpi.baseline) == float(kpi.target)):
            codes.append("no measurable target")
    if not actions:
        codes.append("no actions")
    for a in actions:
        if _key(a.objective) != _key(objective):
            codes.append("action serves another objective")
        if not _clean(a.owner):
            codes.append("action without owner")
        if not _is_whole(a.start_month) or float(a.start_month) < 1 or not _is_whole(a.duration_months) \
                or float(a.duration_months) < 1:
            codes.append("action without date")
        elif a.end_month > horizon_months:
            codes.append("action past horizon")
        if not _is_number(a.cost_rupiah) or float(a.cost_rupiah) < 0:
            codes.append("action without cost")
    return list(dict.fromkeys(codes))


# ---------------------------------------------------------------------------
# Charts (drawn on a given Axes, so the app and the export share them)
# ---------------------------------------------------------------------------

TYPE_COLOURS = dict(zip(STAKEHOLDER_TYPES, [OKABE_ITO[c] for c in ("blue", "orange", "bluish_green",
                                                                    "reddish_purple", "sky_blue", "vermillion")]))


def _offsets(n: int) -> list[float]:
    """Vertical offsets so that stakeholders with the same scores are stacked, not hidden."""
    return [0.27 * (i - (n - 1) / 2) for i in range(n)]


def draw_stakeholder_grid(ax, stakeholders, max_label: int = 21) -> None:
    """Influence/interest grid: interest on x, influence on y (1-5), one dot per
    stakeholder coloured by type, dashed lines between 3 and 4 marking the four positions."""
    ax.clear()
    valid = [s for s in stakeholders if _is_whole(s.influence) and _is_whole(s.interest)]
    groups: dict = {}
    for s in valid:
        groups.setdefault((int(s.interest), int(s.influence)), []).append(s)
    for (x, y), members in groups.items():
        for s, dy in zip(members, _offsets(len(members))):
            ax.scatter([x], [y + dy], s=55, color=TYPE_COLOURS.get(s.type, "#000000"), edgecolor="black",
                       linewidth=0.5, zorder=3, label=s.type)
            name = s.name if len(s.name) <= max_label else s.name[: max_label - 1] + "\u2026"
            ax.annotate(name, (x, y + dy), fontsize=7, xytext=(6, 0), textcoords="offset points", va="center",
                        zorder=4)
    split = GRID_SPLIT + 0.5
    ax.axvline(split, color="0.4", linewidth=0.8, linestyle="--")
    ax.axhline(split, color="0.4", linewidth=0.8, linestyle="--")
    for (high_influence, high_interest), text in GRID_POSITIONS.items():
        x = 0.99 if high_interest else 0.01
        y = 0.99 if high_influence else 0.01
        ax.text(x, y, text, transform=ax.transAxes, ha="right" if high_interest else "left",
                va="top" if high_influence else "bottom", fontsize=8, color="0.35", style="italic")
    handles, labels = ax.get_legend_handles_labels()
    unique = dict(zip(labels, handles))
    if unique:
        ax.legend(unique.values(), unique.keys(), fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.13),
                  ncol=len(unique), frameon=False, handletextpad=0.2, columnspacing=1.0)
    if not valid:
        ax.text(0.5, 0.5, "No stakeholders yet", transform=ax.transAxes, ha="center", va="center", color="0.4")
    ax.set_xlim(0.5, 6.6)
    ax.set_ylim(0.3, 5.7)
    ax.set_xticks(range(1, 6))
    ax.set_yticks(range(1, 6))
    ax.set_xlabel("interest in the cluster initiative (1 = low, 5 = high)")
    ax.set_ylabel("influence (1 = low, 5 = high)")
    ax.set_title("Stakeholders: influence/interest grid")


def draw_timeline(ax, actions, horizon_months: int, max_label: int = 40) -> None:
    """Gantt-style timeline: one bar per action from its start to its end month;
    quick wins in orange, other actions in blue, actions without an owner hatched,
    a dashed line at the plan's horizon."""
    from matplotlib.patches import Patch

    ax.clear()
    usable = [a for a in actions if _is_whole(a.start_month) and _is_whole(a.duration_months)
              and a.start_month >= 1 and a.duration_months >= 1]
    names = []
    for row, a in enumerate(reversed(usable)):
        colour = OKABE_ITO["orange"] if a.quick_win else OKABE_ITO["blue"]
        ax.barh(row, a.duration_months, left=a.start_month - 1, color=colour, edgecolor="black", linewidth=0.5,
                hatch="//" if not _clean(a.owner) else None, height=0.6)
        names.append(a.action if len(a.action) <= max_label else a.action[: max_label - 1] + "\u2026")
    ax.set_yticks(range(len(names)))
    ax.set_yticklabels(names, fontsize=7)
    horizon = int(horizon_months) if _is_whole(horizon_months) and horizon_months >= 1 else None
    if horizon:
        ax.axvline(horizon, color=OKABE_ITO["vermillion"], linestyle="--", linewidth=1)
    right = max([horizon or 12] + [a.end_month for a in usable])
    ax.set_xlim(0, right + 1)
    ax.set_xticks(range(0, right + 2, 3 if right <= 36 else 12))
    ax.set_ylim(-0.7, max(len(names), 1) - 0.3)
    legend = [Patch(facecolor=OKABE_ITO["orange"], edgecolor="black", label="quick win"),
              Patch(facecolor=OKABE_ITO["blue"], edgecolor="black", label="other action"),
              Patch(facecolor="white", edgecolor="black", hatch="//", label="no owner yet")]
    if horizon:
        from matplotlib.lines import Line2D
        legend.append(Line2D([0], [0], color=OKABE_ITO["vermillion"], linestyle="--", label=f"horizon ({horizon} months)"))
    ax.legend(handles=legend, fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    if not usable:
        ax.text(0.5, 0.5, "No actions yet", transform=ax.transAxes, ha="center", va="center", color="0.4")
    ax.set_xlabel("month of the plan (a bar covers its start month to its end month)")
    ax.set_ylabel("action")
    ax.set_title("Action plan timeline (Gantt chart)")


def draw_dashboard(ax, kpis, max_label: int = 38) -> None:
    """Traffic-light dashboard: one bar per KPI, its length the progress towards the
    target (0 = baseline, 1 = target, shown between -0.25 and 1.25), its colour
    the light; KPIs without data are grey."""
    ax.clear()
    names, widths, colours, texts = [], [], [], []
    for k in reversed(list(kpis)):
        progress = kpi_progress(k.baseline, k.target, k.latest)
        light = traffic_light(k.baseline, k.target, k.latest)
        names.append(k.name if len(k.name) <= max_label else k.name[: max_label - 1] + "\u2026")
        widths.append(0.0 if progress is None else float(np.clip(progress, -0.25, 1.25)))
        colours.append(LIGHT_COLOURS[light])
        texts.append(f"{light}" if progress is None else f"{light}: {100 * progress:.0f}%")
    ax.barh(range(len(names)), widths, color=colours, edgecolor="black", linewidth=0.5, height=0.6)
    for row, (width, text) in enumerate(zip(widths, texts)):
        ax.text(max(width, 0) + 0.02, row, text, va="center", fontsize=7)
    ax.set_yticks(range(len(names)))
    ax.set_yticklabels(names, fontsize=7)
    for x, style in ((0, "-"), (AMBER_FROM, ":"), (GREEN_FROM, ":"), (1, "--")):
        ax.axvline(x, color="0.3", linewidth=0.8, linestyle=style)
    ax.set_xlim(-0.3, 1.55)
    ax.set_ylim(-0.7, max(len(names), 1) - 0.3)
    if not names:
        ax.text(0.5, 0.5, "No KPIs yet", transform=ax.transAxes, ha="center", va="center", color="0.4")
    ax.set_xlabel("progress from baseline (0) to target (1); dotted lines at 0.25 and 0.75")
    ax.set_ylabel("KPI")
    ax.set_title("KPI dashboard (traffic lights)")


def plan_figures(plan: Plan) -> dict[str, Figure]:
    """The plan's three charts as matplotlib Figures made outside pyplot:
    "stakeholders", "timeline" and "kpis"."""
    figures = {}
    specs = {"stakeholders": ((8.5, 4.8), dict(left=0.08, right=0.98, top=0.93, bottom=0.18)),
             "timeline": ((8, 0.9 + 0.32 * max(len(plan.actions), 3)), dict(left=0.33, right=0.97, top=None, bottom=None)),
             "kpis": ((8, 0.9 + 0.35 * max(len(plan.kpis), 3)), dict(left=0.33, right=0.97, top=None, bottom=None))}
    for key, (size, margins) in specs.items():
        fig = Figure(figsize=size, layout="constrained" if margins["top"] is None else None)
        if margins["top"] is not None:
            fig.subplots_adjust(**margins)
        ax = fig.add_subplot()
        if key == "stakeholders":
            draw_stakeholder_grid(ax, plan.stakeholders)
        elif key == "timeline":
            draw_timeline(ax, plan.actions, plan.horizon_months)
        else:
            draw_dashboard(ax, plan.kpis)
        figures[key] = fig
    return figures


FIGURE_CAPTIONS = {
    "stakeholders": "Figure: stakeholders placed by interest (x) and influence (y), coloured by type; the dashed "
                    "lines split the grid into four positions.",
    "timeline": "Figure: one bar per action over the months of the plan; quick wins in orange, actions without an "
                "owner hatched, the dashed line marks the plan's horizon.",
    "kpis": "Figure: progress of each KPI from its baseline (0) to its target (1), coloured by traffic light "
            "(green at least 0.75, amber at least 0.25, red below, grey without data).",
}


# ---------------------------------------------------------------------------
# Save, load, autosave
# ---------------------------------------------------------------------------

def plan_to_dict(plan: Plan) -> dict:
    """The plan as plain JSON-ready values (numbers, text, lists, dicts)."""
    raw = dataclasses.asdict(plan)
    raw["diagnosis"]["numbers"] = {k: _plain(v) for k, v in raw["diagnosis"]["numbers"].items()}
    return raw


def _need(raw: dict, key: str, where: str):
    if key not in raw:
        raise PlanFileError(f"The file is missing the field '{where}{key}'.")
    return raw[key]


def _typed(value, kind: str, where: str):
    """Check one value's type and return it (ints may stand for floats)."""
    ok = {
        "str": isinstance(value, str),
        "int": isinstance(value, int) and not isinstance(value, bool),
        "int?": value is None or (isinstance(value, int) and not isinstance(value, bool)),
        "float": isinstance(value, (int, float)) and not isinstance(value, bool),
        "float?": value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)),
        "bool": isinstance(value, bool),
        "strs": isinstance(value, list) and all(isinstance(v, str) for v in value),
        "list": isinstance(value, list),
        "dict": isinstance(value, dict),
    }[kind]
    if not ok:
        readable = {"str": "text", "int": "a whole number", "int?": "a whole number or empty",
                    "float": "a number", "float?": "a number or empty", "bool": "true or false",
                    "strs": "a list of text lines", "list": "a list", "dict": "a group of fields"}[kind]
        raise PlanFileError(f"In the file, '{where}' should be {readable}, not {json.dumps(value)[:40]}.")
    return value


SPECS = {
    Stakeholder: {"name": "str", "type": "str", "influence": "int", "interest": "int", "role": "str"},
    Diagnosis: {"province": "str", "division": "str", "start_year": "int?", "end_year": "int?", "numbers": "dict",
                "strengths": "strs", "weaknesses": "strs", "opportunities": "strs", "threats": "strs"},
    Action: {"action": "str", "objective": "str", "owner": "str", "start_month": "int", "duration_months": "int",
             "cost_rupiah": "float", "quick_win": "bool"},
    KPI: {"name": "str", "unit": "str", "baseline": "float", "target": "float", "latest": "float?",
          "objective": "str", "measure": "str"},
    Plan: {"title": "str", "plan_id": "str", "horizon_months": "int", "stakeholders": "list", "diagnosis": "dict",
           "vision": "str", "objectives": "strs", "actions": "list", "kpis": "list", "illustrative": "bool",
           "notes": "str"},
}


def _record(cls, raw, where: str):
    if not isinstance(raw, dict):
        raise PlanFileError(f"In the file, '{where.rstrip('.')}' should be a group of fields.")
    values = {key: _typed(_need(raw, key, where), kind, where + key) for key, kind in SPECS[cls].items()}
    for key in ("baseline", "target", "latest", "cost_rupiah"):
        if key in values and values[key] is not None and cls in (KPI, Action):
            values[key] = float(values[key])
    return values


def plan_from_dict(raw: dict) -> Plan:
    """Rebuild a Plan from ``plan_to_dict``'s output, checking every field's presence and type.

    Raises PlanFileError naming the first missing or wrongly typed field
    (for example 'plan.actions[2].owner').
    """
    values = _record(Plan, raw, "plan.")
    values["stakeholders"] = [Stakeholder(**_record(Stakeholder, s, f"plan.stakeholders[{i}]."))
                              for i, s in enumerate(values["stakeholders"])]
    diagnosis = _record(Diagnosis, values["diagnosis"], "plan.diagnosis.")
    for key, value in diagnosis["numbers"].items():
        if not (value is None or isinstance(value, (str, int, float, bool))):
            raise PlanFileError(f"In the file, 'plan.diagnosis.numbers.{key}' should be a number, text or empty.")
    values["diagnosis"] = Diagnosis(**diagnosis)
    values["actions"] = [Action(**_record(Action, a, f"plan.actions[{i}].")) for i, a in enumerate(values["actions"])]
    values["kpis"] = [KPI(**_record(KPI, k, f"plan.kpis[{i}].")) for i, k in enumerate(values["kpis"])]
    if not values["plan_id"]:
        raise PlanFileError("The file's plan has an empty plan_id.")
    return Plan(**values)


def plan_to_json(plan: Plan) -> str:
    """The plan file's text: format name, schema version, time of saving and the plan."""
    envelope = {
        "format": FILE_FORMAT,
        "schema_version": SCHEMA_VERSION,
        "saved_at": _dt.datetime.now().isoformat(timespec="seconds"),
        "saved_by": f"klaster {__version__}",
        "plan": plan_to_dict(plan),
    }
    try:
        return json.dumps(envelope, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    except (TypeError, ValueError) as problem:
        raise PlanFileError(f"The plan holds a value that cannot be saved ({problem}).") from None


def plan_from_json(text: str, name: str = "The file") -> Plan:
    """Read a plan file's text; refuse a damaged or foreign file with a clear message."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as problem:
        raise PlanFileError(f"{name} is damaged: it is not valid JSON (line {problem.lineno}, column "
                            f"{problem.colno}: {problem.msg}).") from None
    if not isinstance(raw, dict) or raw.get("format") != FILE_FORMAT:
        raise PlanFileError(f"{name} is not a Klaster cluster-strategy plan (it has no \"format\": "
                            f"\"{FILE_FORMAT}\"); it may belong to another program.")
    version = raw.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise PlanFileError(f"{name} has no valid schema_version, so it cannot be read safely.")
    if version > SCHEMA_VERSION:
        raise PlanFileError(f"{name} was saved with a newer version of the plan format ({version}); "
                            f"this version of klaster reads version {SCHEMA_VERSION}. Update the course.")
    if version < 1:
        raise PlanFileError(f"{name} has an unknown schema_version {version}.")
    try:
        return plan_from_dict(_need(raw, "plan", ""))
    except PlanFileError as problem:
        raise PlanFileError(f"{name} is incomplete or damaged. {problem}") from None


def _plan_path(path, suffixes=(".json",), what: str = "plan") -> Path:
    if path is None or not str(path).strip():
        raise PlanFileError(f"Give the {what} a file name, for example 'jepara_strategy{suffixes[0]}'.")
    path = Path(str(path).strip()).expanduser()
    if path.suffix.lower() not in suffixes:
        raise PlanFileError(f"The file name {path.name!r} must end in {' or '.join(suffixes)}.")
    if path.is_dir():
        raise PlanFileError(f"{str(path)!r} is a folder, not a file name.")
    if not path.parent.exists():
        raise PlanFileError(f"The folder {str(path.parent)!r} does not exist; create it or choose another.")
    return path


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


def _write_atomic(path: Path, content, binary: bool = False) -> None:
    """Write a file completely or not at all (a temporary file in the same folder, then a rename)."""
    handle, temporary = tempfile.mkstemp(prefix=".tmp-", suffix=path.suffix, dir=path.parent)
    try:
        os.chmod(temporary, 0o666 & ~_UMASK)  # mkstemp makes private files; give the usual permissions
        with os.fdopen(handle, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8"})) as out:
            out.write(content)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise


def _read_text(path: Path, name: str) -> str:
    if not path.exists():
        raise PlanFileError(f"There is no file {str(path)!r}; check the name and the folder.")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise PlanFileError(f"{name} is damaged: it is not a text (UTF-8) file.") from None
    except OSError as problem:
        raise PlanFileError(f"{name} cannot be read ({problem.strerror}).") from None


def peek_plan_file(path) -> Plan | None:
    """The plan stored in a file, or None if the file is missing, damaged or foreign."""
    try:
        return plan_from_json(_read_text(Path(path), "The file"))
    except PlanFileError:
        return None


def save_plan(plan: Plan, path, overwrite: bool = False) -> Path:
    """Save the plan to ONE JSON file and return its path.

    Never silently overwrites another plan: if the file exists, saving goes
    ahead only when the file holds the same plan (the same ``plan_id``,
    i.e. you are re-saving your own plan) or when ``overwrite=True``.
    A damaged or foreign file of that name is also kept unless
    ``overwrite=True``. The file is written completely or not at all.
    """
    path = _plan_path(path)
    if path.exists() and not overwrite:
        existing = peek_plan_file(path)
        if existing is None:
            raise PlanFileError(f"A file named {path.name!r} already exists and is not one of your plans; "
                                "choose another name, or tick 'overwrite' to replace it.")
        if existing.plan_id != plan.plan_id:
            raise PlanFileError(f"{path.name!r} already holds another plan ({existing.title!r}); choose another "
                                "name, or tick 'overwrite' to replace it.")
    text = plan_to_json(plan)
    try:
        _write_atomic(path, text)
    except OSError as problem:
        raise PlanFileError(f"The plan could not be saved to {path.name!r} ({problem.strerror}).") from None
    return path


def load_plan(path) -> Plan:
    """Load a plan saved by ``save_plan``. A missing, damaged, foreign or incomplete
    file raises PlanFileError with a one-sentence reason (nothing else changes)."""
    path = _plan_path(path)
    return plan_from_json(_read_text(path, f"The file {path.name!r}"), name=f"The file {path.name!r}")


def autosave_path(path) -> Path:
    """The backup file next to a plan file: 'plan.json' -> '.plan.autosave.json'."""
    path = Path(str(path).strip()).expanduser()
    return path.with_name(f".{path.stem}.autosave.json")


def autosave(plan: Plan, path) -> Path:
    """Write the plan to its backup file (see ``autosave_path``) and return the backup's path.

    The backup is replaced on every call, except when it holds a different
    plan (unsaved work of someone else): then PlanFileError asks to restore
    it or to choose another file name.
    """
    backup = autosave_path(_plan_path(path))
    if backup.exists():
        existing = peek_plan_file(backup)
        if existing is not None and existing.plan_id != plan.plan_id:
            raise PlanFileError(f"The backup {backup.name!r} holds unsaved work of another plan "
                                f"({existing.title!r}); press 'Restore autosave' to get it back, or choose another "
                                "file name. Autosave is paused.")
    try:
        _write_atomic(backup, plan_to_json(plan))
    except OSError as problem:
        raise PlanFileError(f"Autosave to {backup.name!r} failed ({problem.strerror}).") from None
    return backup


def restore_autosave(path) -> Plan:
    """Load the plan from the backup file of ``path`` (the plan file need not exist)."""
    backup = autosave_path(_plan_path(path))
    if not backup.exists():
        raise PlanFileError(f"There is no autosave for {Path(str(path)).name!r} (no file {backup.name!r}).")
    return plan_from_json(_read_text(backup, f"The autosave {backup.name!r}"), name=f"The autosave {backup.name!r}")


# ---------------------------------------------------------------------------
# Export: a one-to-two-page summary as Markdown and as HTML
# ---------------------------------------------------------------------------

def _short_table(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.astype(object).where(frame.notna(), "\u2013")


def summary_sections(plan: Plan) -> list[tuple]:
    """The summary as a list of blocks: ("h1"|"h2"|"p"|"note"|"quote", text),
    ("list", items), ("olist", items), ("table", DataFrame), ("figure", key)."""
    blocks: list[tuple] = [("h1", plan.title or "Cluster strategy")]
    if plan.illustrative:
        blocks.append(("note", "Illustrative example: invented content is for teaching, not a real plan."))
    if plan.notes:
        blocks.append(("p", plan.notes))
    d = plan.diagnosis
    blocks.append(("p", f"Plan horizon: {plan.horizon_months} months. Stakeholders: {len(plan.stakeholders)}. "
                        f"Objectives: {len(plan.objectives)}. Actions: {len(plan.actions)} "
                        f"(total cost {format_rupiah(sum(a.cost_rupiah for a in plan.actions if _is_number(a.cost_rupiah)))}). "
                        f"KPIs: {len(plan.kpis)}."))
    # 1. Mobilisation
    blocks.append(("h2", "1. Mobilisation: who takes part"))
    if plan.stakeholders:
        counts = pd.Series([s.type for s in plan.stakeholders]).value_counts()
        blocks.append(("p", "By type: " + ", ".join(f"{t} {n}" for t, n in counts.items()) + "."))
        table = stakeholder_table(plan.stakeholders)[["name", "type", "influence", "interest", "grid position", "role"]]
        blocks.append(("table", table))
        blocks.append(("figure", "stakeholders"))
    else:
        blocks.append(("p", "No stakeholders recorded yet."))
    # 2. Diagnosis
    where = f"{d.division} in {d.province}" if d.province and d.division else "not chosen yet"
    blocks.append(("h2", f"2. Diagnosis: {where}"))
    if d.numbers:
        blocks.append(("p", read_diagnosis(d) + " Numbers from the course's library, by default on its synthetic "
                            "province \u00d7 division panel (illustrative, not official statistics)."))
        numbers = diagnosis_table(d)
        numbers["value"] = [_format_number(k, v) for k, v in zip(numbers.index, numbers["value"])]
        star_keys = [k for k in ("size_star", "specialisation_star", "focus_star") if k in numbers.index]
        if "stars" in numbers.index and star_keys:
            earned = [k.replace("_star", "") for k in star_keys if d.numbers.get(k)]
            numbers.loc["stars", "value"] += f" ({', '.join(earned) if earned else 'none'})"
            numbers = numbers.drop(index=star_keys)
        blocks.append(("table", numbers.reset_index(drop=True)))
    for part in SWOT_PARTS:
        items = getattr(d, part)
        blocks.append(("p", f"**{part.capitalize()}** ({SWOT_ID[part]}):"))
        blocks.append(("list", items or ["(none yet)"]))
    # 3. Collaborative strategy
    blocks.append(("h2", "3. Collaborative strategy"))
    blocks.append(("quote", plan.vision or "(no vision yet)"))
    blocks.append(("olist", [f"O{i}. {o}" for i, o in enumerate(plan.objectives, start=1)] or ["(no objectives yet)"]))
    # 4. Implementation
    blocks.append(("h2", "4. Implementation: action plan"))
    if plan.actions:
        table = action_table(plan.actions, plan.objectives, plan.horizon_months)
        shown = pd.DataFrame({
            "action": table["action"], "objective": table["objective no."].where(table["objective no."] != "",
                                                                                  table["objective"]),
            "owner": table["owner"].where(table["owner"] != "", "(none)"),
            "months": [f"{s}\u2013{e}" if e is not None else "?" for s, e in zip(table["start month"], table["end month"])],
            "cost": [format_rupiah(c) for c in table["cost (Rp)"]],
            "quick win": ["yes" if q else "" for q in table["quick win"]],
        })
        blocks.append(("table", shown))
        quick = [a.action for a in plan.actions if a.quick_win]
        blocks.append(("p", f"Quick wins: {', '.join(quick) if quick else 'none'}."))
        blocks.append(("figure", "timeline"))
    else:
        blocks.append(("p", "No actions yet."))
    # 5. Evaluation
    blocks.append(("h2", "5. Evaluation: KPIs"))
    if plan.kpis:
        table = kpi_table(plan.kpis)
        shown = pd.DataFrame({
            "KPI": table["name"], "unit": table["unit"],
            "baseline": [format_value(v) for v in table["baseline"]],
            "target": [format_value(v) for v in table["target"]],
            "latest": [format_value(v) for v in table["latest"]],
            "progress": ["\u2013" if pd.isna(p) else f"{100 * p:.0f}%" for p in table["progress"]],
            "light": table["light"],
        })
        blocks.append(("table", shown))
        blocks.append(("p", f"Traffic lights: progress = (latest \u2212 baseline) / (target \u2212 baseline); "
                            f"green from {GREEN_FROM:g}, amber from {AMBER_FROM:g}, red below; grey = no data."))
        blocks.append(("figure", "kpis"))
    else:
        blocks.append(("p", "No KPIs yet."))
    # Open points
    blocks.append(("h2", "Open points"))
    messages = [f"{step}: {m}" for step, found in check_plan(plan).items() for m in found]
    blocks.append(("list", messages or ["None: every step is complete."]))
    blocks.append(("p", f"Made with the Klaster course (klaster {__version__}), plan id {plan.plan_id[:8]}."))
    return blocks


def _md_cell(value) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def _md_table(frame: pd.DataFrame) -> str:
    frame = _short_table(frame)
    head = "| " + " | ".join(_md_cell(c) for c in frame.columns) + " |"
    rule = "| " + " | ".join("---" for _ in frame.columns) + " |"
    rows = ["| " + " | ".join(_md_cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([head, rule, *rows])


def summary_markdown(plan: Plan, images: dict[str, str] | None = None) -> str:
    """The summary as Markdown; ``images`` maps a figure key to the image file name to link."""
    out = []
    for kind, content in summary_sections(plan):
        if kind == "h1":
            out.append(f"# {content}")
        elif kind == "h2":
            out.append(f"## {content}")
        elif kind == "p":
            out.append(content)
        elif kind == "note":
            out.append(f"*{content}*")
        elif kind == "quote":
            out.append(f"> {content}")
        elif kind == "list":
            out.append("\n".join(f"- {item}" for item in content))
        elif kind == "olist":
            out.append("\n".join(f"- {item}" for item in content))
        elif kind == "table":
            out.append(_md_table(content))
        elif kind == "figure" and images and content in images:
            out.append(f"![{FIGURE_CAPTIONS[content]}]({images[content]})\n\n*{FIGURE_CAPTIONS[content]}*")
    return "\n\n".join(out) + "\n"


def _html_inline(text: str) -> str:
    """Escape text; **bold** becomes <b>bold</b>."""
    escaped = html.escape(text)
    parts = escaped.split("**")
    return "".join(f"<b>{p}</b>" if i % 2 else p for i, p in enumerate(parts))


def summary_html(plan: Plan, images: dict[str, bytes] | None = None) -> str:
    """The summary as one self-contained HTML page; ``images`` maps a figure key to PNG bytes
    (embedded as base64)."""
    body = []
    for kind, content in summary_sections(plan):
        if kind == "h1":
            body.append(f"<h1>{html.escape(content)}</h1>")
        elif kind == "h2":
            body.append(f"<h2>{html.escape(content)}</h2>")
        elif kind == "p":
            body.append(f"<p>{_html_inline(content)}</p>")
        elif kind == "note":
            body.append(f'<p class="note"><i>{html.escape(content)}</i></p>')
        elif kind == "quote":
            body.append(f"<blockquote>{html.escape(content)}</blockquote>")
        elif kind in ("list", "olist"):
            items = "".join(f"<li>{html.escape(str(i))}</li>" for i in content)
            body.append(f"<ul>{items}</ul>")
        elif kind == "table":
            frame = _short_table(content)
            head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
            rows = []
            for row in frame.itertuples(index=False):
                cells = []
                for column, value in zip(frame.columns, row):
                    style = ""
                    if column == "light" and value in LIGHT_COLOURS:
                        style = f' style="background:{LIGHT_COLOURS[value]}"'
                    cells.append(f"<td{style}>{html.escape(str(value)).replace('Rp ', 'Rp&nbsp;')}</td>")
                rows.append("<tr>" + "".join(cells) + "</tr>")
            body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
        elif kind == "figure" and images and content in images:
            encoded = base64.b64encode(images[content]).decode("ascii")
            caption = html.escape(FIGURE_CAPTIONS[content])
            body.append(f'<figure><img src="data:image/png;base64,{encoded}" alt="{caption}">'
                        f"<figcaption><i>{caption}</i></figcaption></figure>")
    title = html.escape(plan.title or "Cluster strategy")
    style = ("body{font-family:sans-serif;font-size:0.92em;max-width:52em;margin:2em auto;line-height:1.35;color:#111}"
             "table{border-collapse:collapse;font-size:0.85em;margin:0.5em 0}"
             "th,td{border:1px solid #999;padding:0.2em 0.5em;text-align:left;vertical-align:top}"
             "img{max-width:72%}figure{margin:0.5em 0}blockquote{border-left:4px solid #0072B2;margin-left:0;padding-left:1em}"
             ".note{color:#D55E00}figcaption{font-size:0.85em}"
             "@media print{h2{page-break-after:avoid}figure{page-break-inside:avoid}}")
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>{title}</title>'
            f"<style>{style}</style></head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n")


def _refuse_existing(paths, overwrite: bool) -> None:
    existing = [p for p in paths if p.exists()]
    if existing and not overwrite:
        names = ", ".join(repr(p.name) for p in existing)
        raise PlanFileError(f"Not exported: {names} already exist{'s' if len(existing) == 1 else ''}; choose "
                            "another name, or tick 'overwrite' to replace.")


def export_markdown(plan: Plan, path, overwrite: bool = False) -> list[Path]:
    """Write the summary as Markdown, with the three charts as PNG files next to it
    ('<name>_stakeholders.png', '<name>_timeline.png', '<name>_kpis.png').

    Refuses (PlanFileError) if any of these files exists, unless ``overwrite=True``.
    Returns the paths written, the Markdown file first.
    """
    path = _plan_path(path, suffixes=(".md",), what="summary")
    figures = plan_figures(plan)
    image_paths = {key: path.with_name(f"{path.stem}_{key}.png") for key in figures}
    _refuse_existing([path, *image_paths.values()], overwrite)
    try:
        for key, fig in figures.items():
            _write_atomic(image_paths[key], figure_to_png(fig), binary=True)
        _write_atomic(path, summary_markdown(plan, {k: p.name for k, p in image_paths.items()}))
    except OSError as problem:
        raise PlanFileError(f"The summary could not be written ({problem.strerror}).") from None
    return [path, *image_paths.values()]


def export_html(plan: Plan, path, overwrite: bool = False) -> Path:
    """Write the summary as one HTML file with the charts embedded (PNG as base64).

    Refuses (PlanFileError) if the file exists, unless ``overwrite=True``.
    """
    path = _plan_path(path, suffixes=(".html", ".htm"), what="summary")
    _refuse_existing([path], overwrite)
    images = {key: figure_to_png(fig) for key, fig in plan_figures(plan).items()}
    try:
        _write_atomic(path, summary_html(plan, images))
    except OSError as problem:
        raise PlanFileError(f"The summary could not be written ({problem.strerror}).") from None
    return path


# ---------------------------------------------------------------------------
# The worked case: Jepara furniture
# ---------------------------------------------------------------------------

JEPARA_NOTE = ("Illustrative example for the Klaster course. Facts about Jepara cite their sources; the "
               "stakeholders' names are generic and their scores, the vision, objectives, actions, costs and KPI "
               "values are invented for teaching. The diagnosis numbers come from the course's synthetic panel at "
               "province level (Jawa Tengah, furniture), not from official statistics.")


def jepara_case() -> Plan:
    """A complete worked plan for the Jepara furniture cluster (Central Java).

    Illustrative: generic stakeholder names and invented scores, actions,
    costs and KPI values. Sourced facts in the SWOT: Roda et al. (2007),
    CIFOR (2011), Tambunan (2005). The diagnosis is pulled from the library
    for Jawa Tengah and Furniture (synthetic panel, province level, since
    the panel has no districts).
    """
    stakeholders = [
        Stakeholder("Furniture workshop owners' group", "firm", 4, 5,
                    "Core firms; send two champions to the steering group"),
        Stakeholder("Furniture exporters (medium and large firms)", "firm", 4, 4,
                    "Links to foreign buyers; lead the market-access actions"),
        Stakeholder("District industry and trade office", "government", 4, 4,
                    "Convenes the steering group; co-funds joint actions"),
        Stakeholder("Provincial planning agency (Bappeda)", "government", 5, 2,
                    "Regional budget and plans; keep informed of results"),
        Stakeholder("Furniture and crafts association", "association", 3, 5,
                    "Voice of members; runs the trade-fair stand and catalogue"),
        Stakeholder("Local polytechnic (wood design and finishing)", "university", 2, 4,
                    "Training, design and product testing"),
        Stakeholder("Regional bank branch", "finance", 3, 2, "Working-capital loans for export orders"),
        Stakeholder("Timber-legality NGO", "NGO", 2, 4, "Helps small workshops get timber-legality certificates"),
        Stakeholder("Teak log traders", "firm", 3, 3, "Timber supply; join the timber buying group"),
    ]
    diagnosis = diagnose("Jawa Tengah", "Furniture")
    n = diagnosis.numbers
    diagnosis = dataclasses.replace(
        diagnosis,
        strengths=[
            "A large base of workshops and skilled carvers: about 15,271 production units and about 170,000 "
            "workers (Roda et al. 2007)",
            f"Specialised: LQ {n['lq_end']:.2f} and {n['stars']} of 3 cluster stars in {diagnosis.end_year} "
            "(province level, synthetic panel)",
            "A large part of the national industry: about 10% of Indonesia's furniture production (CIFOR 2011)",
        ],
        weaknesses=[
            f"Competitive effect of {n['competitive']:+,.0f} jobs, {diagnosis.start_year}\u2013{diagnosis.end_year}: "
            "furniture jobs grew more slowly than furniture nationally (synthetic panel)",
            "Many very small workshops with little working capital (illustrative)",
            "Few direct links to buyers; many workshops sell through middlemen (illustrative)",
        ],
        opportunities=[
            "Buyers asking for furniture made from legal, certified timber (illustrative)",
            "Trade fairs and online catalogues to reach buyers directly (illustrative)",
            "Design and finishing courses at the local polytechnic (illustrative)",
        ],
        threats=[
            "Teak supply: the cluster used 1.5 to 2.2 million m\u00b3 of roundwood a year (Roda et al. 2007)",
            "Competition from other furniture-making regions and countries (illustrative)",
            "Indonesian cluster programmes have often neglected links to markets (Tambunan 2005)",
        ],
    )
    objectives = [
        "Reach more buyers directly",
        "Secure legal, certified timber for small workshops",
        "Raise design and finishing skills",
        "Keep furniture jobs in the district growing",
    ]
    o1, o2, o3, o4 = objectives
    actions = [
        Action("Appoint a part-time cluster manager", o4, "District industry and trade office", 1, 24, 360_000_000),
        Action("Steering group meets every two months and reviews the KPIs", o4,
               "District industry and trade office", 1, 24, 36_000_000),
        Action("Joint online catalogue of the district's workshops", o1, "Furniture and crafts association",
               2, 3, 50_000_000, True),
        Action("Shared stand at a national furniture trade fair", o1, "Furniture and crafts association",
               3, 2, 150_000_000, True),
        Action("Buyer visits to the workshops", o1, "Furniture exporters (medium and large firms)", 6, 6, 200_000_000),
        Action("Group timber-legality certification for small workshops", o2, "Timber-legality NGO", 4, 12,
               300_000_000),
        Action("Timber buying group with log traders", o2, "Furniture workshop owners' group", 6, 6, 25_000_000),
        Action("Finishing and design courses (four rounds)", o3, "Local polytechnic (wood design and finishing)",
               2, 18, 240_000_000),
        Action("Working-capital loan window for export orders", o4, "Regional bank branch", 4, 20, 20_000_000),
    ]
    kpis = [
        KPI("Firms selling directly to buyers outside the region", "firms", 120, 200, 150, o1),
        KPI("Small workshops with timber-legality certificates", "workshops", 10, 60, 50, o2),
        KPI("Share of orders delayed by lack of timber", "% of orders", 30, 15, 24, o2),
        KPI("Workers trained in finishing and design", "workers", 0, 400, 60, o3),
        KPI("Furniture jobs, Jawa Tengah (synthetic panel)", "workers", n["jobs_end"],
            round(n["jobs_end"] * 1.03), None, o4, "jobs"),
        KPI("Furniture LQ, Jawa Tengah (synthetic panel)", "LQ", round(n["lq_end"], 2),
            round(n["lq_end"] + 0.1, 2), None, o4, "lq"),
    ]
    return Plan(title="Jepara furniture cluster strategy (illustrative example)", horizon_months=24,
                stakeholders=stakeholders, diagnosis=diagnosis,
                vision=("In two years' time, buyers at home and abroad know Jepara for well-designed furniture made "
                        "from legal timber, and its small workshops share in that trade. (illustrative)"),
                objectives=objectives, actions=actions, kpis=kpis, illustrative=True, notes=JEPARA_NOTE)
