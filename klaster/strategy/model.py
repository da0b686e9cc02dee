"""The plan's records and constants: stakeholders, diagnosis, actions, KPIs and the plan itself,
with the small helpers every part of the strategy tool shares."""
from __future__ import annotations

import math
import uuid
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import KlasterValueError
from ..plots import OKABE_ITO

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

    The grid is often attributed to Mendelow (1991) as a power/interest
    matrix; the split at 3 is this course's choice for a 1-5 scale.
    """
    return GRID_POSITIONS[(influence > GRID_SPLIT, interest > GRID_SPLIT)]


