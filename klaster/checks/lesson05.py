"""Checked exercises of lesson 05, the five-step cluster strategy (solutions/05_cluster_strategy.ipynb).

Several answers here are not one number or one name but a set of labels,
a matching or a small plan. ``check`` compares one string, so these answers
are first turned into a canonical string by a function of this module:

- ``as_labels(answer)``: a list keeps its order ("c,e,a,d,b"), a set is
  sorted, a dict becomes sorted "key=value" pairs; text is tidied and
  lower-cased, numbers are written with three significant digits, so a
  number rounded by the student to whole jobs or two decimals still matches;
- ``as_smart(objective, kpi, actions)``: "ok", or the first problem code
  of ``klaster.strategy.smart_problems``;
- ``as_kpi_design(kpis, objectives)``: "ok", or the first problem code of
  ``kpi_design_problems``.

The expected strings are computed the same way from the answer keys below
(conceptual exercises) or from the library (diagnosis and dashboard).
"""
from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

from .. import data, strategy
from ..measures import cluster_portfolio, cluster_stars, location_quotient, shift_share
from ..strategy import KPI
from . import Exercise, Mistake, register

# ---------------------------------------------------------------------------
# Turning structured answers into one comparable string
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

    None and empty collections stay "unanswered".
    """
    if answer is None or answer is Ellipsis:
        return answer
    if isinstance(answer, dict):
        if not answer:
            return ""
        return "; ".join(f"{k}={v}" for k, v in sorted((_value(k), _value(v)) for k, v in answer.items()))
    if isinstance(answer, (set, frozenset)):
        return ",".join(sorted(_value(v) for v in answer))
    if isinstance(answer, (list, tuple)):
        return ",".join(_value(v) for v in answer)
    return _value(answer)


def as_smart(objective, kpi, actions, horizon_months: int = 24) -> str:
    """"ok" if the objective, its KPI and its actions pass ``strategy.smart_problems``, else the first problem."""
    problems = strategy.smart_problems(objective, kpi, list(actions or []), horizon_months)
    return problems[0] if problems else "ok"


def kpi_design_problems(kpis, objectives) -> list[str]:
    """Short codes for what is missing from a set of KPIs for a plan's objectives.

    "fewer than three kpis", "kpi without name", "duplicate kpi", "kpi without unit",
    "target equals baseline", "kpi for unknown objective", "objective without kpi",
    "no kpi from the data" (at least one KPI must be re-measured from the data:
    measure "lq" or "jobs", the link back to the diagnosis).
    """
    kpis = list(kpis or [])
    codes = []
    if len(kpis) < 3:
        codes.append("fewer than three kpis")
    names = set()
    known = {" ".join(o.split()).casefold() for o in objectives}
    for k in kpis:
        key = " ".join(str(k.name).split()).casefold()
        if not key:
            codes.append("kpi without name")
        elif key in names:
            codes.append("duplicate kpi")
        names.add(key)
        if not str(k.unit).strip():
            codes.append("kpi without unit")
        if strategy.kpi_progress(k.baseline, k.target, k.baseline) is None:
            codes.append("target equals baseline")
        if " ".join(str(k.objective).split()).casefold() not in known:
            codes.append("kpi for unknown objective")
    measured = {" ".join(str(k.objective).split()).casefold() for k in kpis}
    if any(o not in measured for o in known):
        codes.append("objective without kpi")
    if not any(k.measure in ("lq", "jobs") for k in kpis):
        codes.append("no kpi from the data")
    return list(dict.fromkeys(codes))


def as_kpi_design(kpis, objectives) -> str:
    """"ok" if the KPIs pass ``kpi_design_problems``, else the first problem code."""
    problems = kpi_design_problems(kpis, objectives)
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
    prompt="Put five activities (a-e) in the order of the five steps.",
    expected=lambda: as_labels(_in_step_order(ORDER_STEPS)),
    kind="name",
    hint="give a list of the five letters, from the first step (Mobilisation) to the last (Evaluation).",
    mistakes=(
        Mistake(lambda: as_labels(_swapped(_in_step_order(ORDER_STEPS), "c", "e")),
                "in the five-step list, mobilisation comes first and diagnosis second. (In practice, Cluster "
                "Navigators runs the two side by side; the list still names mobilisation first.)"),
        Mistake(lambda: as_labels(_swapped(_in_step_order(ORDER_STEPS), "b", "d")),
                "evaluation compares results with the baseline, so it comes after implementation."),
        Mistake(lambda: as_labels(_swapped(_in_step_order(ORDER_STEPS), "a", "e")),
                "a vision and an action plan rest on the facts: the diagnosis comes before the strategy."),
    ),
))

register(Exercise(
    id="05.2",
    prompt="Match eight activities (a-h) to the step (1-5) in which they happen.",
    expected=lambda: as_labels(_step_numbers()),
    kind="name",
    hint="give a dict from each letter to a step number: 1 Mobilisation, 2 Diagnosis, 3 Collaborative strategy, "
         "4 Implementation, 5 Evaluation.",
    mistakes=(
        Mistake(lambda: as_labels(_step_numbers({"b": "Evaluation"})),
                "the baseline (b) is recorded during the diagnosis (UNIDO's diagnostic study sets it); "
                "evaluation later compares with it."),
        Mistake(lambda: as_labels(_step_numbers({"c": "Implementation"})),
                "writing actions with owners and budgets (c) is part of the collaborative strategy; "
                "implementation carries them out."),
        Mistake(lambda: as_labels(_step_numbers({"h": "Collaborative strategy"})),
                "choosing a quick win belongs to the strategy, but organising the stand (h) is implementation."),
        Mistake(lambda: as_labels(_step_numbers({"f": "Diagnosis"})),
                "the stakeholder grid (f) is how mobilisation decides whom to involve and how."),
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
    prompt="Give each of eight stakeholders (a-h) its type.",
    expected=lambda: as_labels(CLASSIFY_TYPES),
    kind="name",
    hint="use exactly the six types: " + ", ".join(strategy.STAKEHOLDER_TYPES) + ". Ask what each one mainly does.",
    mistakes=(
        Mistake(lambda: as_labels({**CLASSIFY_TYPES, "c": "firm"}),
                "an association (c) represents many firms but is not a firm itself."),
        Mistake(lambda: as_labels({**CLASSIFY_TYPES, "e": "association"}),
                "a savings-and-loan cooperative (e) is owned by members, but what it brings is credit: finance."),
        Mistake(lambda: as_labels({**CLASSIFY_TYPES, "f": "association"}),
                "a non-profit group that is not made up of the firms themselves (f) is an NGO."),
        Mistake(lambda: as_labels({**CLASSIFY_TYPES, "h": "association"}),
                "an exporter (h) buys from many workshops, but it is a firm."),
    ),
))

# ---------------------------------------------------------------------------
# 05.4: a diagnosis from the library's numbers
# ---------------------------------------------------------------------------

DIAGNOSIS_CASE = ("Jawa Barat", "Textiles")


@lru_cache(maxsize=None)
def _panel_tables():
    start, end = data.employment_matrix(data.PANEL_YEARS[0]), data.employment_matrix(data.PANEL_YEARS[-1])
    return start, end


def _diagnosis_answer(lq_year: int | None = None, stars_year: int | None = None,
                      component: str = "competitive") -> str:
    province, division = DIAGNOSIS_CASE
    start, end = _panel_tables()
    lq_matrix = end if lq_year in (None, data.PANEL_YEARS[-1]) else start
    stars_matrix = end if stars_year in (None, data.PANEL_YEARS[-1]) else start
    return as_labels({
        "lq": location_quotient(lq_matrix).loc[province, division],
        "stars": int(cluster_stars(stars_matrix).loc[(province, division), "stars"]),
        "competitive": shift_share(start, end).loc[(province, division), component],
        "quadrant": cluster_portfolio(start, end).loc[(province, division), "quadrant"],
    })


register(Exercise(
    id="05.4",
    prompt="Diagnosis of Textiles in Jawa Barat: LQ 2024, stars 2024, competitive effect 2019-2024, portfolio quadrant.",
    expected=_diagnosis_answer,
    kind="name",
    hint="build a dict with the keys 'lq', 'stars', 'competitive' and 'quadrant'; use the 2024 matrix for the LQ "
         "and the stars, shift_share(2019, 2024) for the competitive effect, and cluster_portfolio with the "
         "default growth measure for the quadrant.",
    mistakes=(
        Mistake(lambda: _diagnosis_answer(lq_year=data.PANEL_YEARS[0]), "your LQ is the 2019 value; use 2024."),
        Mistake(lambda: _diagnosis_answer(stars_year=data.PANEL_YEARS[0]), "your stars are for 2019; use 2024."),
        Mistake(lambda: _diagnosis_answer(component="total_change"),
                "your 'competitive' is the total change; take the competitive column of shift_share."),
        Mistake(lambda: _diagnosis_answer(component="national_share"),
                "your 'competitive' is the national share; take the competitive column of shift_share."),
    ),
))

# ---------------------------------------------------------------------------
# 05.5 and 05.6: SMART objectives, actions and KPIs
# ---------------------------------------------------------------------------

SMART_HINTS = {
    "no objective": "write the objective as text.",
    "no kpi": "give a KPI (strategy.KPI) that measures the objective.",
    "kpi measures another objective": "the KPI's objective must be exactly the objective you wrote.",
    "no measurable target": "measurable means a KPI with a unit, a baseline and a target that differs from the baseline.",
    "no actions": "give at least one action (strategy.Action) for the objective.",
    "action serves another objective": "every action's objective must be exactly the objective you wrote.",
    "action without owner": "every action needs an owner: the person or organisation responsible.",
    "action without date": "every action needs a start month (1 or later) and a duration of at least 1 month.",
    "action past horizon": "an action ends after the 24-month horizon: start it earlier or make it shorter.",
    "action without cost": "every action needs a cost in rupiah of 0 or more.",
}

register(Exercise(
    id="05.5",
    prompt="A SMART objective for the Jawa Barat textiles case, with its KPI and two actions.",
    expected=lambda: "ok",
    kind="name",
    hint="pass your objective, KPI and list of actions to as_smart(...) and fix what it reports.",
    mistakes=tuple(Mistake(lambda code=code: code, hint) for code, hint in SMART_HINTS.items()),
))

KPI_DESIGN_OBJECTIVES = (
    "Win back buyers for the province's textiles",
    "Upgrade machinery in small and medium mills",
    "Keep textile jobs in the province",
)
KPI_DESIGN_HINTS = {
    "fewer than three kpis": "design at least three KPIs, one for each objective.",
    "kpi without name": "every KPI needs a name that says what is measured.",
    "duplicate kpi": "two KPIs have the same name.",
    "kpi without unit": "every KPI needs a unit (workers, firms, %, Rp ...).",
    "target equals baseline": "a KPI's target equals its baseline, so progress cannot be measured.",
    "kpi for unknown objective": "a KPI's objective is not one of the three objectives given (copy them exactly).",
    "objective without kpi": "one of the three objectives has no KPI.",
    "no kpi from the data": "link at least one KPI back to the diagnosis: measure='jobs' or measure='lq'.",
}

register(Exercise(
    id="05.6",
    prompt="Three or more KPIs for the three objectives of the Jawa Barat textiles case.",
    expected=lambda: "ok",
    kind="name",
    hint="pass your list of KPIs and the objectives to as_kpi_design(...) and fix what it reports.",
    mistakes=tuple(Mistake(lambda code=code: code, hint) for code, hint in KPI_DESIGN_HINTS.items()),
))

# ---------------------------------------------------------------------------
# 05.7: judging a dashboard
# ---------------------------------------------------------------------------


def dashboard_kpis() -> list[KPI]:
    """The dashboard of exercise 05.7 (illustrative values; the jobs baseline is the synthetic panel's 2024 value)."""
    jobs = float(data.employment_matrix(data.PANEL_YEARS[-1]).loc["Jawa Tengah", "Furniture"])
    return [
        KPI("buyers", "firms selling directly to buyers outside the region", 120, 200, 140),
        KPI("certified", "workshops with timber-legality certificates", 10, 60, 55),
        KPI("delays", "% of orders delayed by lack of timber", 30, 15, 33),
        KPI("trained", "workers trained in finishing", 0, 400, 80),
        KPI("jobs", "furniture workers, Jawa Tengah (synthetic panel)", jobs, round(jobs * 1.03), round(jobs + 2_200)),
    ]


def _red(rule) -> set[str]:
    return {k.name for k in dashboard_kpis() if rule(k)}


def _naive_ratio(k: KPI) -> float:
    return k.latest / k.target


register(Exercise(
    id="05.7",
    prompt="The set of KPIs on the dashboard whose light is red.",
    expected=lambda: as_labels(_red(lambda k: strategy.traffic_light(k.baseline, k.target, k.latest) == "red")),
    kind="name",
    hint="for each KPI compute progress = (latest - baseline) / (target - baseline): red below 0.25, amber from "
         "0.25, green from 0.75. Answer with a set of names.",
    mistakes=(
        Mistake(lambda: as_labels(_red(lambda k: _naive_ratio(k) < strategy.AMBER_FROM)),
                "you compared the latest value with the target (latest / target); progress is measured from the "
                "baseline: (latest - baseline) / (target - baseline)."),
        Mistake(lambda: as_labels(_red(lambda k: (strategy.kpi_progress(k.baseline, k.target, k.latest) or 0)
                                       <= strategy.AMBER_FROM)),
                "a progress of exactly 0.25 is amber: the rule is 'at least 0.25'."),
        Mistake(lambda: as_labels(_red(lambda k: strategy.kpi_progress(k.baseline, k.target, k.latest) < 0)),
                "red is not only for KPIs that moved the wrong way: any KPI less than a quarter of the way from "
                "its baseline to its target is red."),
    ),
))
