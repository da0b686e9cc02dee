"""Checks of a plan: each function returns a list of messages; an empty list means fine.
Includes the SMART hints for an objective."""
from __future__ import annotations



from .model import Action, Diagnosis, HORIZON_MAX, KPI, KPI_MEASURES, OBJECTIVES_MAX, OBJECTIVES_MIN, Plan, SCORE_MAX, SCORE_MIN, STAKEHOLDER_TYPES, SWOT_PARTS, Stakeholder, _clean, _is_number, _is_whole, _key, format_rupiah

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
    SMART is usually traced to Doran (1981).
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


