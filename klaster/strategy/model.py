"""The plan's records and constants: stakeholders, diagnosis, actions, KPIs and the plan itself,
with the small helpers every part of the strategy tool shares."""
from __future__ import annotations

import math
import uuid
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import KlasterValueError
from ..i18n import N_, _, number
from ..plots import OKABE_ITO

FILE_FORMAT = "klaster-cluster-strategy"
SCHEMA_VERSION = 1

# Keys (saved in files, compared by code) are English; show them with ``_()`` (their texts are in the catalog).
STEPS = (N_("Mobilisation"), N_("Diagnosis"), N_("Collaborative strategy"), N_("Implementation"), N_("Evaluation"))
STEPS_ID = {"Mobilisation": "mobilisasi", "Diagnosis": "diagnosis (diagnosa)",
            "Collaborative strategy": "strategi kolaboratif", "Implementation": "implementasi",
            "Evaluation": "evaluasi (penilaian)"}

STAKEHOLDER_TYPES = (N_("firm"), N_("government"), N_("university"), N_("association"), N_("finance"), N_("NGO"))
SCORE_MIN, SCORE_MAX = 1, 5
GRID_SPLIT = 3  # a score above 3 (4 or 5) counts as high on the influence/interest grid
GRID_POSITIONS = {(True, True): N_("manage closely"), (True, False): N_("keep satisfied"),
                  (False, True): N_("keep informed"), (False, False): N_("monitor")}

OBJECTIVES_MIN, OBJECTIVES_MAX = 3, 5
HORIZON_MAX = 120  # months

KPI_MEASURES = {"": N_("entered by hand"), "lq": N_("location quotient, re-measured from the data"),
                "jobs": N_("jobs, re-measured from the data")}
GREEN_FROM, AMBER_FROM = 0.75, 0.25
LIGHTS = (N_("green"), N_("amber"), N_("red"), N_("no data"))
LIGHT_COLOURS = {"green": OKABE_ITO["bluish_green"], "amber": OKABE_ITO["yellow"],
                 "red": OKABE_ITO["vermillion"], "no data": "#bdbdbd"}

SWOT_PARTS = (N_("strengths"), N_("weaknesses"), N_("opportunities"), N_("threats"))
SWOT_ID = {"strengths": "kekuatan", "weaknesses": "kelemahan", "opportunities": "peluang", "threats": "ancaman"}

DIAGNOSIS_NUMBERS = {
    "jobs_start": N_("jobs, {start}"),
    "jobs_end": N_("jobs, {end}"),
    "lq_start": N_("location quotient, {start}"),
    "lq_end": N_("location quotient, {end}"),
    "stars": N_("cluster stars, {end} (0 to 3)"),
    "size_star": N_("size star, {end}"),
    "specialisation_star": N_("specialisation star, {end}"),
    "focus_star": N_("focus star, {end}"),
    "national_share": N_("national share, {start}\u2013{end} (jobs)"),
    "industry_mix": N_("industry mix, {start}\u2013{end} (jobs)"),
    "competitive": N_("competitive effect, {start}\u2013{end} (jobs)"),
    "total_change": N_("total change, {start}\u2013{end} (jobs)"),
    "quadrant": N_("portfolio quadrant, {start}\u2013{end} (growth = change in LQ)"),
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
    title: str = field(default_factory=lambda: _("Cluster strategy"))
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
    """A KPI or measure value for people: whole numbers with thousands separators, others with 3 significant
    digits, in the course language's style (1,234 and 0.25 in English; 1.234 and 0,25 in Indonesian)."""
    if not _is_number(value):
        return "\u2013"
    value = float(value)
    if value.is_integer() or abs(value) >= 100:
        return number(value, ",.0f")
    return number(value, ".3g")


def format_rupiah(value) -> str:
    """A cost in rupiah for people: 'Rp 150,000,000' in English, 'Rp 150.000.000' in Indonesian."""
    if not _is_number(value):
        return "\u2013"
    return "Rp " + number(float(value), ",.0f")


def grid_position(influence: int, interest: int) -> str:
    """Position on the influence/interest grid (its English key; show it with ``_()``): a score above 3
    (4 or 5) counts as high.

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


