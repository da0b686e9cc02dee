"""The plan's records as pandas DataFrames."""
from __future__ import annotations


import pandas as pd

from ..i18n import _
from .model import _is_whole, _key, grid_position
from .progress import kpi_progress, traffic_light

def stakeholder_table(stakeholders) -> pd.DataFrame:
    """The stakeholder register with each one's position on the influence/interest grid.

    Column names are keys for code and stay English in every language; the grid position
    is text for reading, in the course language. The same holds for the other tables here.
    """
    rows = [(s.name, s.type, s.influence, s.interest,
             _(grid_position(s.influence, s.interest)) if _is_whole(s.influence) and _is_whole(s.interest) else "",
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


