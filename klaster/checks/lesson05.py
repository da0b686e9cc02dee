"""Checked exercises of lesson 05, the five-step cluster strategy (solutions/05_cluster_strategy.ipynb).

05.1 (a list in order), 05.2 and 05.3 (dicts), 05.4 (a dict of numbers and
a name) and 05.7 (a set) are read by the check itself from any container,
so a student passes the variable. ``as_labels`` still turns such an answer
into one canonical string (older notebooks pass that; the check reads it
too). The plans of 05.5 and 05.6 are judged by two helpers that return "ok"
or the code of the first problem, and never raise, whatever they are given:

- ``as_smart(objective, kpi, actions)``: ``strategy.smart_problems`` plus
  what exercise 05.5 asks on top: at least two actions, each with a cost
  above 0 (an action left at the defaults, start month 1, one month, cost 0,
  has not been planned);
- ``as_kpi_design(kpis, objectives)``: ``kpi_design_problems``, which also
  checks that every KPI linked to the data (measure "jobs" or "lq") takes
  its baseline from the 2024 panel for Jawa Barat's textiles and has a unit
  that fits what it measures.
"""
from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from .. import data, strategy
from ..i18n import N_, _, cached_per_language
from ..measures import cluster_portfolio, cluster_stars, location_quotient, shift_share
from ..strategy import KPI, Action
from . import Exercise, Field, Mistake, register

# ---------------------------------------------------------------------------
# Turning structured answers into one comparable string (kept for older notebooks)
# ---------------------------------------------------------------------------


def _value(value) -> str:
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            return "nan"
        if float(value).is_integer() and abs(value) < 1000:
            return str(int(value))
        return f"{float(value):.3g}"
    return " ".join(str(value).replace("_", " ").split()).casefold()


def as_labels(answer):
    """A canonical string for a list (order kept), a set (sorted), a dict (sorted key=value) or one value.

    None stays None (unanswered). The check reads these strings, but it reads
    the list, set or dict itself just as well.
    """
    if answer is None or answer is Ellipsis:
        return answer
    if isinstance(answer, pd.Series):
        answer = answer.to_dict() if answer.dtype != object or not isinstance(answer.index, pd.RangeIndex) \
            else answer.tolist()
    if isinstance(answer, dict):
        if not answer:
            return ""
        return "; ".join(f"{k}={v}" for k, v in sorted((_value(k), _value(v)) for k, v in answer.items()))
    if isinstance(answer, (set, frozenset)):
        return ",".join(sorted(_value(v) for v in answer))
    if isinstance(answer, (list, tuple, pd.Index, np.ndarray)):
        return ",".join(_value(v) for v in list(answer))
    return _value(answer)


# ---------------------------------------------------------------------------
# 05.5: a SMART objective with its KPI and actions
# ---------------------------------------------------------------------------

MIN_ACTIONS = 2
_DEFAULT_ACTION = Action("")


def _one_kpi(kpi):
    """(the KPI, problem code): a KPI, or a list or tuple holding exactly one."""
    if kpi is None:
        return None, "no kpi"
    if isinstance(kpi, (list, tuple)):
        if len(kpi) == 1 and isinstance(kpi[0], KPI):
            return kpi[0], None
        return None, ("no kpi" if not kpi else "kpi not one")
    if not isinstance(kpi, KPI):
        return None, "kpi not a kpi"
    return kpi, None


def _action_list(actions):
    """(list of Actions, problem code): one Action, or any list, tuple or Series of Actions."""
    if actions is None:
        return [], None
    if isinstance(actions, Action):
        return [actions], None
    if isinstance(actions, (pd.Series, pd.Index, np.ndarray)):
        actions = list(actions)
    if isinstance(actions, (list, tuple, set, frozenset)):
        items = list(actions)
        if not all(isinstance(a, Action) for a in items):
            return [], "action not an action"
        return items, None
    return [], "action not an action"


def smart_codes(objective, kpi, actions, horizon_months: int = 24) -> list[str]:
    """Every problem code of exercise 05.5 for this objective, KPI and actions (empty list: SMART)."""
    codes = []
    if objective is not None and not isinstance(objective, str):
        codes.append("objective not text")
        objective = ""
    kpi, kpi_problem = _one_kpi(kpi)
    items, action_problem = _action_list(actions)
    if kpi_problem:
        codes.append(kpi_problem)
    if action_problem:
        codes.append(action_problem)
    codes += strategy.smart_problems(objective, kpi, items, horizon_months)
    if kpi is not None and not strategy._clean(kpi.name if isinstance(kpi.name, str) else ""):
        codes.append("kpi without name")
    if items and len(items) < MIN_ACTIONS:
        codes.append("too few actions")
    for a in items:
        if (a.start_month, a.duration_months, a.cost_rupiah) == (_DEFAULT_ACTION.start_month,
                                                                 _DEFAULT_ACTION.duration_months,
                                                                 _DEFAULT_ACTION.cost_rupiah):
            codes.append("action left at defaults")
        elif strategy._is_number(a.cost_rupiah) and float(a.cost_rupiah) == 0:
            codes.append("action without cost")
    # a more precise code replaces the general one smart_problems gives for the same part
    for precise, general in (("kpi not a kpi", "no kpi"), ("kpi not one", "no kpi"),
                             ("objective not text", "no objective"), ("action not an action", "no actions")):
        if precise in codes:
            codes = [c for c in codes if c != general]
    order = list(SMART_HINTS)
    return sorted(dict.fromkeys(codes), key=lambda c: order.index(c) if c in order else len(order))


def as_smart(objective, kpi, actions, horizon_months: int = 24) -> str:
    """"ok" if the objective, its KPI and its actions are SMART as exercise 05.5 asks, else the first problem."""
    try:
        codes = smart_codes(objective, kpi, actions, horizon_months)
    except Exception:  # an object nobody foresaw: say so instead of raising in the student's cell
        return "not a plan"
    return codes[0] if codes else "ok"


# ---------------------------------------------------------------------------
# 05.6: KPIs for the case
# ---------------------------------------------------------------------------

KPI_CASE = ("Jawa Barat", "Textiles")
KPI_BASELINE_YEAR = 2024
#: Units that count people: a KPI with measure="jobs" needs one of these words in its unit.
JOB_UNITS = re.compile(r"worker|job|employ|people|person|staff|pekerja|tenaga kerja|orang", re.I)
#: Units that cannot belong to a location quotient (a pure ratio).
NOT_LQ_UNITS = re.compile(r"worker|job|employ|people|person|staff|pekerja|orang|%|percent|persen|rp|rupiah|"
                          r"firm|mill|unit|usd|\$", re.I)


def _case_value(measure: str, year: int = KPI_BASELINE_YEAR) -> float:
    province, division = KPI_CASE
    matrix = data.employment_matrix(year)
    if measure == "lq":
        return float(location_quotient(matrix).loc[province, data.division_label(division)])
    return float(matrix.loc[province, data.division_label(division)])


def _baseline_code(k: KPI) -> str | None:
    """Whether a data-linked KPI's baseline is the case's 2024 value (jobs to the worker, an LQ to 2 decimals)."""
    tol = {"jobs": 0.5, "lq": 0.005}
    if not strategy._is_number(k.baseline):
        return None
    value = float(k.baseline)
    if abs(value - _case_value(k.measure)) <= tol[k.measure] + 1e-9:
        return None
    if abs(value - _case_value(k.measure, data.PANEL_YEARS[0])) <= tol[k.measure] + 1e-9:
        return "data baseline from 2019"
    other = "lq" if k.measure == "jobs" else "jobs"
    if abs(value - _case_value(other)) <= tol[other] + 1e-9:
        return "baseline of the other measure"
    return "baseline not from the data"


def kpi_design_problems(kpis, objectives) -> list[str]:
    """Short codes for what is missing from a set of KPIs for a plan's objectives (see KPI_DESIGN_HINTS).

    At least three KPIs; each with a name, a unit, a numeric baseline and a
    target that differs from it, for one of the objectives; every objective
    measured; at least one KPI re-measured from the data (measure "lq" or
    "jobs"), whose baseline is the 2024 value for Jawa Barat's textiles and
    whose unit fits the measure. Never raises: one KPI instead of a list is
    read as a list of one; anything that is not a KPI is reported.
    """
    if kpis is None:
        kpis = []
    elif isinstance(kpis, KPI):
        kpis = [kpis]
    elif isinstance(kpis, (pd.Series, pd.Index, np.ndarray)):
        kpis = list(kpis)
    if not isinstance(kpis, (list, tuple, set, frozenset)) or not all(isinstance(k, KPI) for k in kpis):
        return ["kpi not a kpi"]
    kpis = list(kpis)
    objectives = [o for o in (objectives or []) if isinstance(o, str)]
    codes = []
    if len(kpis) < 3:
        codes.append("fewer than three kpis")
    names = set()
    known = {strategy._key(o) for o in objectives}
    for k in kpis:
        key = strategy._key(k.name) if isinstance(k.name, str) else ""
        if not key:
            codes.append("kpi without name")
        elif key in names:
            codes.append("duplicate kpi")
        names.add(key)
        unit = k.unit.strip() if isinstance(k.unit, str) else ""
        if not unit:
            codes.append("kpi without unit")
        if not (strategy._is_number(k.baseline) and strategy._is_number(k.target)):
            codes.append("baseline or target not a number")
        elif float(k.baseline) == float(k.target):
            codes.append("target equals baseline")
        if strategy._key(k.objective) not in known:
            codes.append("kpi for unknown objective")
        if k.measure not in strategy.KPI_MEASURES:
            codes.append("unknown measure")
        elif k.measure in ("jobs", "lq"):
            baseline = _baseline_code(k)
            if baseline:
                codes.append(baseline)
            if unit and (not JOB_UNITS.search(unit) if k.measure == "jobs" else NOT_LQ_UNITS.search(unit)):
                codes.append("unit does not fit the measure")
    measured = {strategy._key(k.objective) for k in kpis}
    if any(o not in measured for o in known):
        codes.append("objective without kpi")
    if not any(k.measure in ("lq", "jobs") for k in kpis):
        codes.append("no kpi from the data")
    order = list(KPI_DESIGN_HINTS)
    return sorted(dict.fromkeys(codes), key=lambda c: order.index(c) if c in order else len(order))


def as_kpi_design(kpis, objectives) -> str:
    """"ok" if the KPIs pass ``kpi_design_problems``, else the first problem code."""
    try:
        problems = kpi_design_problems(kpis, objectives)
    except Exception:  # never raise in the student's cell
        return "kpi not a kpi"
    return problems[0] if problems else "ok"


# ---------------------------------------------------------------------------
# 05.1 and 05.2: the steps
# ---------------------------------------------------------------------------

ORDER_ITEMS = {
    "a": "Agree on a shared vision and an action plan at a cluster-wide workshop",
    "b": "Compare the KPIs with their baseline and adjust the plan",
    "c": "Meet firm owners one by one and form a steering group",
    "d": "Run the first joint projects, quick wins first",
    "e": "Map the cluster with location quotients and shift-share, and write a SWOT",
}
ORDER_STEPS = {"a": "Collaborative strategy", "b": "Evaluation", "c": "Mobilisation", "d": "Implementation",
               "e": "Diagnosis"}


def _in_step_order(step_of: dict) -> list[str]:
    return sorted(step_of, key=lambda label: strategy.STEPS.index(step_of[label]))


def _swapped(order: list[str], first: str, second: str) -> list[str]:
    out = list(order)
    i, j = out.index(first), out.index(second)
    out[i], out[j] = out[j], out[i]
    return out


MATCH_ITEMS = {
    "a": "Find two or three respected firm owners willing to champion the initiative",
    "b": "Record the baseline: number of firms, jobs and share of sales outside the region",
    "c": "Write each action with an owner, a start month and a budget",
    "d": "Hire a cluster manager to coordinate the joint projects",
    "e": "Re-measure the location quotient two years later and report to the steering group",
    "f": "Score each stakeholder's influence and interest from 1 to 5",
    "g": "Hold a SWOT session with firms to check what the numbers say",
    "h": "Organise a shared stand at a trade fair as a first quick win",
}
MATCH_STEPS = {"a": "Mobilisation", "b": "Diagnosis", "c": "Collaborative strategy", "d": "Implementation",
               "e": "Evaluation", "f": "Mobilisation", "g": "Diagnosis", "h": "Implementation"}


def _step_numbers(changes: dict | None = None) -> dict:
    steps = {**MATCH_STEPS, **(changes or {})}
    return {label: strategy.STEPS.index(step) + 1 for label, step in steps.items()}


register(Exercise(
    id="05.1",
    prompt=N_("Put five activities (a-e) in the order of the five steps."),
    expected=lambda: _in_step_order(ORDER_STEPS),
    kind="sequence",
    options=tuple(ORDER_ITEMS),
    hint=N_("give a list of the five letters, from the first step (Mobilisation) to the last (Evaluation)."),
    mistakes=(
        Mistake(lambda: _swapped(_in_step_order(ORDER_STEPS), "c", "e"),
                N_("in the five-step list, mobilisation comes first and diagnosis second. (In practice, Cluster "
                   "Navigators runs the two side by side; the list still names mobilisation first.)")),
        Mistake(lambda: _swapped(_in_step_order(ORDER_STEPS), "b", "d"),
                N_("evaluation compares results with the baseline, so it comes after implementation.")),
        Mistake(lambda: _swapped(_in_step_order(ORDER_STEPS), "a", "e"),
                N_("a vision and an action plan rest on the facts: the diagnosis comes before the strategy.")),
        Mistake(lambda: _in_step_order(ORDER_STEPS)[::-1],
                N_("your list runs from the last step to the first; start with the first step.")),
    ),
))

register(Exercise(
    id="05.2",
    prompt=N_("Match eight activities (a-h) to the step (1-5) in which they happen."),
    expected=_step_numbers,
    kind="mapping",
    hint=N_("give a dict from each letter to a step number: 1 Mobilisation, 2 Diagnosis, 3 Collaborative "
            "strategy, 4 Implementation, 5 Evaluation."),
    mistakes=(
        Mistake(lambda: _step_numbers({"b": "Evaluation"}),
                N_("the baseline (b) is recorded during the diagnosis (UNIDO's diagnostic study sets it); "
                   "evaluation later compares with it.")),
        Mistake(lambda: _step_numbers({"c": "Implementation"}),
                N_("writing actions with owners and budgets (c) is part of the collaborative strategy; "
                   "implementation carries them out.")),
        Mistake(lambda: _step_numbers({"h": "Collaborative strategy"}),
                N_("choosing a quick win belongs to the strategy, but organising the stand (h) is "
                   "implementation.")),
        Mistake(lambda: _step_numbers({"f": "Diagnosis"}),
                N_("the stakeholder grid (f) is how mobilisation decides whom to involve and how.")),
        Mistake(lambda: dict(MATCH_STEPS),
                N_("give each step as its number (1 to 5), not its name.")),
    ),
))

# ---------------------------------------------------------------------------
# 05.3: stakeholder types
# ---------------------------------------------------------------------------

CLASSIFY_ITEMS = {
    "a": "The district industry and trade office (Dinas Perindustrian dan Perdagangan)",
    "b": "A family workshop that makes teak chairs",
    "c": "The district branch of the furniture and crafts association",
    "d": "A polytechnic's wood design department",
    "e": "A savings-and-loan cooperative that lends to workshops",
    "f": "A non-profit group that helps small firms get timber-legality certificates",
    "g": "The provincial planning agency (Bappeda)",
    "h": "A company that exports furniture made by many workshops",
}
CLASSIFY_TYPES = {"a": "government", "b": "firm", "c": "association", "d": "university", "e": "finance",
                  "f": "NGO", "g": "government", "h": "firm"}

register(Exercise(
    id="05.3",
    prompt=N_("Give each of eight stakeholders (a-h) its type."),
    expected=lambda: dict(CLASSIFY_TYPES),
    kind="mapping",
    hint=N_("use exactly the six types: {types}. Ask what each one mainly does."),
    args={"types": ", ".join(strategy.STAKEHOLDER_TYPES)},
    mistakes=(
        Mistake(lambda: {**CLASSIFY_TYPES, "c": "firm"},
                N_("an association (c) represents many firms but is not a firm itself.")),
        Mistake(lambda: {**CLASSIFY_TYPES, "e": "association"},
                N_("a savings-and-loan cooperative (e) is owned by members, but what it brings is credit: "
                   "finance.")),
        Mistake(lambda: {**CLASSIFY_TYPES, "f": "association"},
                N_("a non-profit group that is not made up of the firms themselves (f) is an NGO.")),
        Mistake(lambda: {**CLASSIFY_TYPES, "h": "association"},
                N_("an exporter (h) buys from many workshops, but it is a firm.")),
        Mistake(lambda: {**CLASSIFY_TYPES, "d": "government"},
                N_("a polytechnic's department (d) is part of a place of learning: university.")),
    ),
))

# ---------------------------------------------------------------------------
# 05.4: a diagnosis from the library's numbers
# ---------------------------------------------------------------------------

DIAGNOSIS_CASE = ("Jawa Barat", "Textiles")
#: How each number of the diagnosis is compared (05.4): the LQ to 2 decimals, the stars exactly, the
#: competitive effect to the nearest 1,000 jobs (the text's "about -55,000").
DIAGNOSIS_FIELDS = {"lq": Field("number", decimals=2), "stars": Field("count"),
                    "competitive": Field("number", decimals=-3), "quadrant": Field("name")}


@cached_per_language(maxsize=None)
def _panel_tables():
    start, end = data.employment_matrix(data.PANEL_YEARS[0]), data.employment_matrix(data.PANEL_YEARS[-1])
    return start, end


def _diagnosis_answer(lq_year: int | None = None, stars_year: int | None = None,
                      component: str = "competitive", sign: int = 1, province: str | None = None) -> dict:
    province = province or DIAGNOSIS_CASE[0]
    division = DIAGNOSIS_CASE[1]
    start, end = _panel_tables()
    lq_matrix = end if lq_year in (None, data.PANEL_YEARS[-1]) else start
    stars_matrix = end if stars_year in (None, data.PANEL_YEARS[-1]) else start
    return {
        "lq": float(location_quotient(lq_matrix).loc[province, division]),
        "stars": int(cluster_stars(stars_matrix).loc[(province, division), "stars"]),
        "competitive": sign * float(shift_share(start, end).loc[(province, division), component]),
        "quadrant": str(cluster_portfolio(start, end).loc[(province, division), "quadrant"]),
    }


register(Exercise(
    id="05.4",
    prompt=N_("Diagnosis of Textiles in Jawa Barat: LQ 2024 (to 2 decimals), stars 2024, competitive effect "
              "2019-2024 (to the nearest 1,000 jobs), portfolio quadrant."),
    expected=_diagnosis_answer,
    kind="mapping",
    fields=DIAGNOSIS_FIELDS,
    hint=N_("build a dict with the keys 'lq', 'stars', 'competitive' and 'quadrant'; use the 2024 matrix for the "
            "LQ and the stars, shift_share(2019, 2024) for the competitive effect, and cluster_portfolio with "
            "the default growth measure for the quadrant."),
    mistakes=(
        Mistake(lambda: _diagnosis_answer(lq_year=data.PANEL_YEARS[0]), N_("your LQ is the 2019 value; use 2024.")),
        Mistake(lambda: _diagnosis_answer(stars_year=data.PANEL_YEARS[0]),
                N_("your stars are for 2019; use 2024.")),
        Mistake(lambda: _diagnosis_answer(component="total_change"),
                N_("your 'competitive' is the total change; take the competitive column of shift_share.")),
        Mistake(lambda: _diagnosis_answer(component="national_share"),
                N_("your 'competitive' is the national share; take the competitive column of shift_share.")),
        Mistake(lambda: _diagnosis_answer(sign=-1),
                N_("your 'competitive' has the wrong sign: did you swap the two years (shift_share takes 2019 "
                   "first)?")),
        Mistake(lambda: _diagnosis_answer(province="Jawa Tengah"),
                N_("those are the numbers of Jawa Tengah; the case is Jawa Barat.")),
    ),
))

# ---------------------------------------------------------------------------
# 05.5 and 05.6: SMART objectives, actions and KPIs
# ---------------------------------------------------------------------------

#: Problem codes of 05.5 in the order they are reported, with their hints.
SMART_HINTS = {
    "not a plan": N_("as_smart could not read your objective, KPI and actions: give a text, one KPI(...) and a "
                     "list of Action(...)."),
    "no objective": N_("write the objective as text."),
    "objective not text": N_("the objective must be text (a string), such as the one given in the cell."),
    "no kpi": N_("give a KPI (strategy.KPI) that measures the objective."),
    "kpi not one": N_("give ONE KPI, not a list of several: the exercise asks for the KPI that measures this "
                      "objective."),
    "kpi not a kpi": N_("kpi must be a KPI(...) object, not text or a table: KPI(name, unit, baseline, target, "
                        "latest, objective)."),
    "kpi without name": N_("give the KPI a name that says what is measured."),
    "kpi measures another objective": N_("the KPI's objective must be exactly the objective you wrote."),
    "no measurable target": N_("measurable means a KPI with a unit, a number as baseline and a number as target "
                               "that differs from the baseline."),
    "no actions": N_("give at least one action (strategy.Action) for the objective."),
    "action not an action": N_("actions must be a list of Action(...) objects, not text or a table."),
    "action serves another objective": N_("every action's objective must be exactly the objective you wrote."),
    "action without owner": N_("every action needs an owner: the person or organisation responsible."),
    "action left at defaults": N_("an action still has the default start month, duration and cost (month 1, "
                                  "one month, Rp 0): give each action its start_month, duration_months and "
                                  "cost_rupiah."),
    "action without date": N_("every action needs a start month (1 or later) and a duration of at least 1 "
                              "month, both whole numbers."),
    "action past horizon": N_("an action ends after the 24-month horizon: start it earlier or make it shorter."),
    "action without cost": N_("every action needs its cost in rupiah, a number above 0 (an estimate is fine)."),
    "too few actions": N_("the exercise asks for two actions; add the second one to the list."),
}

register(Exercise(
    id="05.5",
    prompt=N_("A SMART objective for the Jawa Barat textiles case, with its KPI and two actions."),
    expected=lambda: "ok",
    kind="name",
    hint=N_("pass your objective, KPI and list of actions to as_smart(...) and fix what it reports."),
    mistakes=tuple(Mistake(lambda code=code: code, hint) for code, hint in SMART_HINTS.items()),
))

KPI_DESIGN_OBJECTIVES = (
    "Win back buyers for the province's textiles",
    "Upgrade machinery in small and medium mills",
    "Keep textile jobs in the province",
)
#: Problem codes of 05.6 in the order they are reported, with their hints.
KPI_DESIGN_HINTS = {
    "kpi not a kpi": N_("kpis must be a list of KPI(...) objects, not text, numbers or a table."),
    "fewer than three kpis": N_("design at least three KPIs, one for each objective."),
    "kpi without name": N_("every KPI needs a name (text) that says what is measured."),
    "duplicate kpi": N_("two KPIs have the same name."),
    "kpi without unit": N_("every KPI needs a unit (workers, firms, %, Rp ...)."),
    "baseline or target not a number": N_("a KPI's baseline and target must be numbers (without quotation "
                                          "marks)."),
    "target equals baseline": N_("a KPI's target equals its baseline, so progress cannot be measured."),
    "kpi for unknown objective": N_("a KPI's objective is not one of the three objectives given (copy them "
                                    "exactly, for example objectives[0])."),
    "objective without kpi": N_("one of the three objectives has no KPI."),
    "unknown measure": N_("a KPI's measure must be '' (entered by hand), 'jobs' or 'lq'."),
    "no kpi from the data": N_("link at least one KPI back to the diagnosis: measure='jobs' or measure='lq'."),
    "data baseline from 2019": N_("a KPI linked to the data takes its baseline from 2019; the plan starts from "
                                  "the 2024 data."),
    "baseline of the other measure": N_("a KPI's baseline belongs to the other measure: a 'jobs' KPI starts "
                                        "from the number of textile workers, an 'lq' KPI from the location "
                                        "quotient."),
    "baseline not from the data": N_("the baseline of a KPI with measure='jobs' or 'lq' must be the 2024 value "
                                     "for Textiles in Jawa Barat, taken from the data (jobs to the worker, an "
                                     "LQ to 2 decimals)."),
    "unit does not fit the measure": N_("a KPI's unit does not fit its measure: 'jobs' is counted in workers, "
                                        "an 'lq' is a ratio without a unit such as workers, % or Rp."),
}

register(Exercise(
    id="05.6",
    prompt=N_("Three or more KPIs for the three objectives of the Jawa Barat textiles case."),
    expected=lambda: "ok",
    kind="name",
    hint=N_("pass your list of KPIs and the objectives to as_kpi_design(...) and fix what it reports."),
    mistakes=tuple(Mistake(lambda code=code: code, hint) for code, hint in KPI_DESIGN_HINTS.items()),
))

# ---------------------------------------------------------------------------
# 05.7: judging a dashboard
# ---------------------------------------------------------------------------


def dashboard_kpis() -> list[KPI]:
    """The dashboard of exercise 05.7 (illustrative values; the jobs baseline is the synthetic panel's 2024 value)."""
    jobs = float(data.employment_matrix(data.PANEL_YEARS[-1]).loc["Jawa Tengah", data.division_label("Furniture")])
    return [
        KPI("buyers", _("firms selling directly to buyers outside the region"), 120, 200, 140),
        KPI("certified", _("workshops with timber-legality certificates"), 10, 60, 55),
        KPI("delays", _("% of orders delayed by lack of timber"), 30, 15, 33),
        KPI("trained", _("workers trained in finishing"), 0, 400, 80),
        KPI("jobs", _("furniture workers, Jawa Tengah (synthetic panel)"), jobs, round(jobs * 1.03),
            round(jobs + 2_200)),
    ]


def _red(rule) -> set[str]:
    return {k.name for k in dashboard_kpis() if rule(k)}


def _light(k: KPI) -> str:
    return strategy.traffic_light(k.baseline, k.target, k.latest)


def _naive_ratio(k: KPI) -> float:
    return k.latest / k.target


register(Exercise(
    id="05.7",
    prompt=N_("The set of KPIs on the dashboard whose light is red."),
    expected=lambda: _red(lambda k: _light(k) == "red"),
    kind="labels",
    options=("buyers", "certified", "delays", "trained", "jobs"),
    hint=N_("for each KPI compute progress = (latest - baseline) / (target - baseline): red below 0.25, amber "
            "from 0.25, green from 0.75. Answer with a set of names."),
    mistakes=(
        Mistake(lambda: _red(lambda k: _naive_ratio(k) < strategy.AMBER_FROM),
                N_("you compared the latest value with the target (latest / target); progress is measured from "
                   "the baseline: (latest - baseline) / (target - baseline).")),
        Mistake(lambda: _red(lambda k: (strategy.kpi_progress(k.baseline, k.target, k.latest) or 0)
                             <= strategy.AMBER_FROM),
                N_("a progress of exactly 0.25 is amber: the rule is 'at least 0.25'.")),
        Mistake(lambda: _red(lambda k: strategy.kpi_progress(k.baseline, k.target, k.latest) < 0),
                N_("red is not only for KPIs that moved the wrong way: any KPI less than a quarter of the way "
                   "from its baseline to its target is red.")),
        Mistake(lambda: _red(lambda k: _light(k) != "red"),
                N_("those are the KPIs that are NOT red (green or amber); list the red ones.")),
        Mistake(lambda: _red(lambda k: _light(k) == "amber"),
                N_("those are the amber KPIs; red means less than a quarter of the way from baseline to target.")),
    ),
))
