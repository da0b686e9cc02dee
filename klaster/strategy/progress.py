"""Step 5, evaluation: how far each KPI has come, as a share of the way and a traffic light."""
from __future__ import annotations



from .model import AMBER_FROM, GREEN_FROM, _is_number

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


