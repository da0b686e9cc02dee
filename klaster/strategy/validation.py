"""Checks of a plan: each function returns a list of messages; an empty list means fine.
Includes the SMART hints for an objective."""
from __future__ import annotations

from ..i18n import N_, _, _f, ngettext
from .model import (HORIZON_MAX, KPI, OBJECTIVES_MAX, OBJECTIVES_MIN, SCORE_MAX, SCORE_MIN, STAKEHOLDER_TYPES,
                    SWOT_PARTS, Action, Diagnosis, Plan, Stakeholder, KPI_MEASURES, _clean, _is_number, _is_whole,
                    _key, format_rupiah)

_KINDS = {"stakeholder": N_("Stakeholder"), "action": N_("Action"), "kpi": N_("KPI")}

# SMART codes (keys; show them with _()). See smart_problems.
SMART_CODES = (N_("no objective"), N_("no kpi"), N_("kpi measures another objective"), N_("no measurable target"),
               N_("no actions"), N_("action serves another objective"), N_("action without owner"),
               N_("action without date"), N_("action without cost"), N_("action past horizon"))


def _label(kind: str, name, position: int | None = None) -> str:
    """How a message names a record: 'Stakeholder 'PT Jati'' or 'Stakeholder 3' (in the course language)."""
    name = _clean(name)
    word = _(_KINDS[kind])
    if name:
        return f"{word} {name!r}"
    return f"{word} {position}" if position is not None else word


def check_stakeholder(stakeholder: Stakeholder, others=(), position: int | None = None) -> list[str]:
    """Problems with one stakeholder (``others``: the register it joins, to catch duplicates)."""
    s = stakeholder
    who = _label("stakeholder", s.name, position)
    problems = []
    if not _clean(s.name):
        problems.append(_("{who} has no name; type the organisation's or person's name.").format(who=who))
    elif any(_key(o.name) == _key(s.name) for o in others):
        problems.append(_("{who} is already in the register; use another name or change the existing entry.")
                        .format(who=who))
    if s.type not in STAKEHOLDER_TYPES:
        problems.append(_("{who}: the type must be one of {types}, not {value!r}.").format(
            who=who, types=", ".join(_(t) for t in STAKEHOLDER_TYPES), value=s.type))
    scores = {"influence": N_("{who}: influence must be a whole number from {low} to {high}, not {value!r}."),
              "interest": N_("{who}: interest must be a whole number from {low} to {high}, not {value!r}.")}
    for what, text in scores.items():
        value = getattr(s, what)
        if not _is_whole(value) or not SCORE_MIN <= float(value) <= SCORE_MAX:
            problems.append(_(text).format(who=who, low=SCORE_MIN, high=SCORE_MAX, value=value))
    return problems


def check_stakeholders(stakeholders) -> list[str]:
    """Problems in the register: empty names, unknown types, scores outside 1-5, duplicate names.
    Also a reminder when there are no firms (a cluster initiative needs them)."""
    problems = []
    for i, s in enumerate(stakeholders):
        problems += check_stakeholder(s, others=stakeholders[:i], position=i + 1)
    if not stakeholders:
        problems.append(_("The register is empty: add the firms and institutions that should take part."))
    elif not any(s.type == "firm" for s in stakeholders):
        problems.append(_("No firm is in the register: a cluster initiative should be led by its firms."))
    return problems


def check_diagnosis(diagnosis: Diagnosis) -> list[str]:
    """Problems in the diagnosis: no province or division, no numbers, an empty SWOT part."""
    problems = []
    if not diagnosis.province or not diagnosis.division:
        problems.append(_("The diagnosis has no province and division yet: choose both."))
    elif not diagnosis.numbers:
        problems.append(_("The diagnosis has no numbers yet: pull them from the data."))
    empty = {"strengths": N_("The SWOT has no strengths yet (one item per line)."),
             "weaknesses": N_("The SWOT has no weaknesses yet (one item per line)."),
             "opportunities": N_("The SWOT has no opportunities yet (one item per line)."),
             "threats": N_("The SWOT has no threats yet (one item per line).")}
    for part in SWOT_PARTS:
        if not getattr(diagnosis, part):
            problems.append(_(empty[part]))
    return problems


def check_strategy(vision: str, objectives) -> list[str]:
    """Problems in step 3's vision and objectives: no vision, fewer than 3 or more than 5 objectives, repeats."""
    problems = []
    if not _clean(vision):
        problems.append(_("The vision statement is empty: write one or two sentences that all stakeholders agree "
                          "on."))
    count = len(objectives)
    if not OBJECTIVES_MIN <= count <= OBJECTIVES_MAX:
        problems.append(ngettext("The plan has {count} objective; it needs {low} to {high} (one per line).",
                                 "The plan has {count} objectives; it needs {low} to {high} (one per line).",
                                 count).format(count=count, low=OBJECTIVES_MIN, high=OBJECTIVES_MAX))
    seen = set()
    for objective in objectives:
        if _key(objective) in seen:
            problems.append(_("The objective {objective!r} appears twice.").format(objective=objective))
        seen.add(_key(objective))
    return problems


def check_horizon(horizon_months) -> list[str]:
    if not _is_whole(horizon_months) or not 1 <= float(horizon_months) <= HORIZON_MAX:
        return [_("The plan's horizon must be a whole number of months from 1 to {high}, not {value!r}.").format(
            high=HORIZON_MAX, value=horizon_months)]
    return []


def check_action(action: Action, others=(), position: int | None = None) -> list[str]:
    """Problems that make an action unusable: no name, a repeated name, start or
    duration not a whole number of at least 1, a negative or missing cost."""
    a = action
    what = _label("action", a.action, position)
    problems = []
    if not _clean(a.action):
        problems.append(_("{what} has no description; say what will be done.").format(what=what))
    elif any(_key(o.action) == _key(a.action) for o in others):
        problems.append(_("{what} is already in the plan; describe a different action or change the existing one.")
                        .format(what=what))
    if not _is_whole(a.start_month) or float(a.start_month) < 1:
        problems.append(_("{what}: the start month must be a whole number of 1 or more (1 = the plan's first month), "
                          "not {value!r}.").format(what=what, value=a.start_month))
    if not _is_whole(a.duration_months) or float(a.duration_months) < 1:
        problems.append(_("{what}: the duration must be a whole number of months, at least 1, not {value!r}.")
                        .format(what=what, value=a.duration_months))
    if not _is_number(a.cost_rupiah):
        problems.append(_("{what}: the cost must be a number of rupiah (0 if it costs nothing), not {value!r}.")
                        .format(what=what, value=a.cost_rupiah))
    elif float(a.cost_rupiah) < 0:
        problems.append(_("{what}: the cost is negative ({cost}); a cost cannot be below zero.").format(
            what=what, cost=format_rupiah(a.cost_rupiah)))
    return problems


def action_warnings(action: Action, objectives=None, horizon_months: int | None = None,
                    position: int | None = None) -> list[str]:
    """Things to fix before implementation: no owner, no objective or an objective
    not in the list, an end past the plan's horizon."""
    a = action
    what = _label("action", a.action, position)
    warnings = []
    if not _clean(a.owner):
        warnings.append(_("{what} has no owner: name the person or organisation responsible.").format(what=what))
    if not _clean(a.objective):
        warnings.append(_("{what} serves no objective: say which objective it is for.").format(what=what))
    elif objectives is not None and _key(a.objective) not in {_key(o) for o in objectives}:
        warnings.append(_("{what} serves {objective!r}, which is not one of the plan's objectives.").format(
            what=what, objective=a.objective))
    if (horizon_months is not None and _is_whole(horizon_months) and _is_whole(a.start_month)
            and _is_whole(a.duration_months) and a.end_month > horizon_months):
        warnings.append(_("{what} ends in month {end}, past the plan's horizon of {horizon} months.").format(
            what=what, end=a.end_month, horizon=horizon_months))
    return warnings


def check_actions(actions, objectives=None, horizon_months: int | None = None) -> list[str]:
    """All problems and warnings of the action list (see ``check_action`` and ``action_warnings``)."""
    messages = []
    for i, a in enumerate(actions):
        messages += check_action(a, others=actions[:i], position=i + 1)
        messages += action_warnings(a, objectives, horizon_months, position=i + 1)
    if not actions:
        messages.append(_("The action plan is empty: add at least one action for each objective."))
    return messages


def check_kpi(kpi: KPI, others=(), position: int | None = None) -> list[str]:
    """Problems with one KPI: no name, a repeated name, no unit, numbers missing,
    a target equal to its baseline, an unknown measure."""
    k = kpi
    what = _label("kpi", k.name, position)
    problems = []
    if not _clean(k.name):
        problems.append(_("{what} has no name; say what is measured.").format(what=what))
    elif any(_key(o.name) == _key(k.name) for o in others):
        problems.append(_("{what} is already on the dashboard; use another name or change the existing one.")
                        .format(what=what))
    if not _clean(k.unit):
        problems.append(_("{what} has no unit (for example workers, firms, %, Rp).").format(what=what))
    numbers = {"baseline": N_("{what}: the baseline must be a number, not {value!r}."),
               "target": N_("{what}: the target must be a number, not {value!r}.")}
    for part, text in numbers.items():
        if not _is_number(getattr(k, part)):
            problems.append(_(text).format(what=what, value=getattr(k, part)))
    if k.latest is not None and not _is_number(k.latest):
        problems.append(_("{what}: the latest value must be a number or empty, not {value!r}.").format(
            what=what, value=k.latest))
    if _is_number(k.baseline) and _is_number(k.target) and float(k.baseline) == float(k.target):
        problems.append(_f("{what}: the target equals the baseline ({target:g}), so progress cannot be measured; "
                           "set a target that is a change.", what=what, target=k.target))
    if k.measure not in KPI_MEASURES:
        problems.append(_("{what}: the measure must be '' (by hand), 'lq' or 'jobs', not {value!r}.").format(
            what=what, value=k.measure))
    return problems


def check_kpis(kpis, objectives=None) -> list[str]:
    """Problems in the KPI list, and objectives that no KPI measures."""
    problems = []
    for i, k in enumerate(kpis):
        problems += check_kpi(k, others=kpis[:i], position=i + 1)
        if objectives is not None and _clean(k.objective) and _key(k.objective) not in {_key(o) for o in objectives}:
            problems.append(_("{what} measures {objective!r}, which is not one of the plan's objectives.").format(
                what=_label("kpi", k.name, i + 1), objective=k.objective))
    if not kpis:
        problems.append(_("There are no KPIs yet: add at least one for each objective."))
    if objectives:
        measured = {_key(k.objective) for k in kpis}
        for objective in objectives:
            if _key(objective) not in measured:
                problems.append(_("No KPI measures the objective {objective!r}.").format(objective=objective))
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


