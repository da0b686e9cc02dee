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

The tool is a small package, one module per concern:

- ``model``: constants and the records (Stakeholder, Diagnosis, Action, KPI, Plan);
- ``guide``: the five steps explained;
- ``diagnosis``: step 2's numbers from the library, the SWOT, re-measuring KPIs;
- ``progress``: step 5's KPI progress and traffic lights;
- ``tables``: the records as DataFrames;
- ``validation``: the ``check_*`` functions and the SMART hints;
- ``charts``: the stakeholder grid, the timeline and the KPI dashboard;
- ``files``: saving, loading and autosaving one JSON plan file;
- ``export``: the Markdown and HTML summary;
- ``jepara``: the worked case of lesson 05.

Everything is importable from ``klaster.strategy`` itself.
"""
from __future__ import annotations

from ..plots import OKABE_ITO  # noqa: F401  (the colours, importable from here as before)
from .model import (  # noqa: F401
    FILE_FORMAT,
    SCHEMA_VERSION,
    STEPS,
    STEPS_ID,
    STAKEHOLDER_TYPES,
    SCORE_MIN,
    SCORE_MAX,
    GRID_SPLIT,
    GRID_POSITIONS,
    OBJECTIVES_MIN,
    OBJECTIVES_MAX,
    HORIZON_MAX,
    KPI_MEASURES,
    GREEN_FROM,
    AMBER_FROM,
    LIGHTS,
    LIGHT_COLOURS,
    SWOT_PARTS,
    SWOT_ID,
    DIAGNOSIS_NUMBERS,
    PlanFileError,
    new_plan_id,
    Stakeholder,
    Diagnosis,
    Action,
    KPI,
    Plan,
    _is_number,
    _clean,
    _key,
    _is_whole,
    lines_to_list,
    list_to_lines,
    format_value,
    format_rupiah,
    grid_position,
)
from .guide import (  # noqa: F401
    steps_overview,
    step_comparison,
)
from .diagnosis import (  # noqa: F401
    _panel_years,
    diagnosis_numbers,
    diagnose,
    diagnosis_table,
    _format_number,
    read_diagnosis,
    swot_table,
    remeasure,
    with_remeasured_kpis,
    what_if_year,
)
from .progress import (  # noqa: F401
    kpi_progress,
    traffic_light,
)
from .tables import (  # noqa: F401
    stakeholder_table,
    action_table,
    kpi_table,
)
from .validation import (  # noqa: F401
    check_stakeholder,
    check_stakeholders,
    check_diagnosis,
    check_strategy,
    check_horizon,
    check_action,
    action_warnings,
    check_actions,
    check_kpi,
    check_kpis,
    check_plan,
    smart_problems,
)
from .charts import (  # noqa: F401
    TYPE_COLOURS,
    draw_stakeholder_grid,
    draw_timeline,
    draw_dashboard,
    plan_figures,
    FIGURE_CAPTIONS,
)
from .files import (  # noqa: F401
    plan_to_dict,
    SPECS,
    plan_from_dict,
    plan_to_json,
    plan_from_json,
    _plan_path,
    peek_plan_file,
    save_plan,
    load_plan,
    autosave_path,
    autosave,
    restore_autosave,
)
from .export import (  # noqa: F401
    summary_sections,
    summary_markdown,
    summary_html,
    export_markdown,
    export_html,
)
from .jepara import (  # noqa: F401
    JEPARA_NOTE,
    jepara_case,
)
