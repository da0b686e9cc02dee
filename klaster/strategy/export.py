"""The plan as a readable summary, in Markdown and in HTML, with its charts."""
from __future__ import annotations

import base64
import html
from pathlib import Path

import pandas as pd

from .. import __version__
from ..i18n import N_, _, _f, language, ngettext, number
from ..plots import figure_to_png
from .model import AMBER_FROM, GREEN_FROM, LIGHT_COLOURS, Plan, PlanFileError, SWOT_ID, SWOT_PARTS, _is_number, format_rupiah, format_value
from .diagnosis import _format_number, diagnosis_table, read_diagnosis
from .tables import action_table, kpi_table, stakeholder_table
from .validation import check_plan
from .charts import FIGURE_CAPTIONS, plan_figures
from .files import _plan_path, _write_atomic

def _short_table(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.astype(object).where(frame.notna(), "\u2013")


_SWOT_HEADINGS = {"strengths": N_("**Strengths**"), "weaknesses": N_("**Weaknesses**"),
                  "opportunities": N_("**Opportunities**"), "threats": N_("**Threats**")}


def _swot_heading(part: str) -> str:
    """A SWOT part's heading; in English with its Indonesian term beside it."""
    heading = _(_SWOT_HEADINGS[part])
    return f"{heading} ({SWOT_ID[part]}):" if language() == "en" else f"{heading}:"


def summary_sections(plan: Plan) -> list[tuple]:
    """The summary as a list of blocks: ("h1"|"h2"|"p"|"note"|"quote", text),
    ("list", items), ("olist", items), ("table", DataFrame), ("figure", key).

    Everything a reader sees is in the course language (tables' headers too);
    the plan's own texts (names, vision, actions) are shown as the workshop wrote them.
    """
    blocks: list[tuple] = [("h1", plan.title or _("Cluster strategy"))]
    if plan.illustrative:
        blocks.append(("note", _("Illustrative example: invented content is for teaching, not a real plan.")))
    if plan.notes:
        blocks.append(("p", plan.notes))
    d = plan.diagnosis
    total_cost = sum(a.cost_rupiah for a in plan.actions if _is_number(a.cost_rupiah))
    blocks.append(("p", _("Plan horizon: {horizon} months. Stakeholders: {stakeholders}. Objectives: {objectives}. "
                          "Actions: {actions} (total cost {cost}). KPIs: {kpis}.").format(
                              horizon=plan.horizon_months, stakeholders=len(plan.stakeholders),
                              objectives=len(plan.objectives), actions=len(plan.actions),
                              cost=format_rupiah(total_cost), kpis=len(plan.kpis))))
    # 1. Mobilisation
    blocks.append(("h2", _("1. Mobilisation: who takes part")))
    if plan.stakeholders:
        counts = pd.Series([s.type for s in plan.stakeholders]).value_counts()
        blocks.append(("p", _("By type: {counts}.").format(counts=", ".join(f"{_(t)} {n}" for t, n in counts.items()))))
        table = stakeholder_table(plan.stakeholders)
        shown = pd.DataFrame({_("name"): table["name"], _("type"): [_(t) for t in table["type"]],
                              _("influence"): table["influence"], _("interest"): table["interest"],
                              _("grid position"): table["grid position"], _("role"): table["role"]})
        blocks.append(("table", shown))
        blocks.append(("figure", "stakeholders"))
    else:
        blocks.append(("p", _("No stakeholders recorded yet.")))
    # 2. Diagnosis
    if d.province and d.division:
        blocks.append(("h2", _("2. Diagnosis: {division} in {province}").format(division=d.division,
                                                                               province=d.province)))
    else:
        blocks.append(("h2", _("2. Diagnosis: not chosen yet")))
    if d.numbers:
        blocks.append(("p", read_diagnosis(d) + " " + _("Numbers from the course's library, by default on its "
                                                        "synthetic province \u00d7 division panel (illustrative, "
                                                        "not official statistics).")))
        numbers = diagnosis_table(d)
        numbers["value"] = [_format_number(k, v) for k, v in zip(numbers.index, numbers["value"])]
        star_keys = [k for k in ("size_star", "specialisation_star", "focus_star") if k in numbers.index]
        if "stars" in numbers.index and star_keys:
            names = {"size_star": _("size"), "specialisation_star": _("specialisation"), "focus_star": _("focus")}
            earned = [names[k] for k in star_keys if d.numbers.get(k)]
            numbers.loc["stars", "value"] += f" ({', '.join(earned) if earned else _('none')})"
            numbers = numbers.drop(index=star_keys)
        blocks.append(("table", pd.DataFrame({_("measure"): numbers["measure"].to_numpy(),
                                              _("value"): numbers["value"].to_numpy()})))
    for part in SWOT_PARTS:
        items = getattr(d, part)
        blocks.append(("p", _swot_heading(part)))
        blocks.append(("list", items or [_("(none yet)")]))
    # 3. Collaborative strategy
    blocks.append(("h2", _("3. Collaborative strategy")))
    blocks.append(("quote", plan.vision or _("(no vision yet)")))
    blocks.append(("olist", [f"O{i}. {o}" for i, o in enumerate(plan.objectives, start=1)]
                   or [_("(no objectives yet)")]))
    # 4. Implementation
    blocks.append(("h2", _("4. Implementation: action plan")))
    if plan.actions:
        table = action_table(plan.actions, plan.objectives, plan.horizon_months)
        shown = pd.DataFrame({
            _("action"): table["action"],
            _("objective"): table["objective no."].where(table["objective no."] != "", table["objective"]),
            _("owner"): table["owner"].where(table["owner"] != "", _("(none)")),
            _("months"): [f"{s}\u2013{e}" if e is not None else "?"
                          for s, e in zip(table["start month"], table["end month"])],
            _("cost"): [format_rupiah(c) for c in table["cost (Rp)"]],
            _("quick win"): [_("yes") if q else "" for q in table["quick win"]],
        })
        blocks.append(("table", shown))
        quick = [a.action for a in plan.actions if a.quick_win]
        blocks.append(("p", _("Quick wins: {actions}.").format(actions=", ".join(quick) if quick else _("none"))))
        blocks.append(("figure", "timeline"))
    else:
        blocks.append(("p", _("No actions yet.")))
    # 5. Evaluation
    blocks.append(("h2", _("5. Evaluation: KPIs")))
    if plan.kpis:
        table = kpi_table(plan.kpis)
        shown = pd.DataFrame({
            _("KPI"): table["name"], _("unit"): table["unit"],
            _("baseline"): [format_value(v) for v in table["baseline"]],
            _("target"): [format_value(v) for v in table["target"]],
            _("latest"): [format_value(v) for v in table["latest"]],
            _("progress"): ["\u2013" if pd.isna(p) else number(100 * p, ".0f") + "%" for p in table["progress"]],
            _("light"): [_(light) for light in table["light"]],
        })
        blocks.append(("table", shown))
        blocks.append(("p", _f("Traffic lights: progress = (latest \u2212 baseline) / (target \u2212 baseline); "
                               "green from {green:g}, amber from {amber:g}, red below; grey = no data.",
                               green=GREEN_FROM, amber=AMBER_FROM)))
        blocks.append(("figure", "kpis"))
    else:
        blocks.append(("p", _("No KPIs yet.")))
    # Open points
    blocks.append(("h2", _("Open points")))
    messages = [f"{_(step)}: {m}" for step, found in check_plan(plan).items() for m in found]
    blocks.append(("list", messages or [_("None: every step is complete.")]))
    blocks.append(("p", _("Made with the Klaster course (klaster {version}), plan id {plan_id}.").format(
        version=__version__, plan_id=plan.plan_id[:8])))
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
            caption = _(FIGURE_CAPTIONS[content])
            out.append(f"![{caption}]({images[content]})\n\n*{caption}*")
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
            light_column = _("light")
            colours = {_(light): colour for light, colour in LIGHT_COLOURS.items()}  # the lights as shown
            rows = []
            for row in frame.itertuples(index=False):
                cells = []
                for column, value in zip(frame.columns, row):
                    style = ""
                    if column == light_column and value in colours:
                        style = f' style="background:{colours[value]}"'
                    cells.append(f"<td{style}>{html.escape(str(value)).replace('Rp ', 'Rp&nbsp;')}</td>")
                rows.append("<tr>" + "".join(cells) + "</tr>")
            body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
        elif kind == "figure" and images and content in images:
            encoded = base64.b64encode(images[content]).decode("ascii")
            caption = html.escape(_(FIGURE_CAPTIONS[content]))
            body.append(f'<figure><img src="data:image/png;base64,{encoded}" alt="{caption}">'
                        f"<figcaption><i>{caption}</i></figcaption></figure>")
    title = html.escape(plan.title or _("Cluster strategy"))
    style = ("body{font-family:sans-serif;font-size:0.92em;max-width:52em;margin:2em auto;line-height:1.35;color:#111}"
             "table{border-collapse:collapse;font-size:0.85em;margin:0.5em 0}"
             "th,td{border:1px solid #999;padding:0.2em 0.5em;text-align:left;vertical-align:top}"
             "img{max-width:72%}figure{margin:0.5em 0}blockquote{border-left:4px solid #0072B2;margin-left:0;padding-left:1em}"
             ".note{color:#D55E00}figcaption{font-size:0.85em}"
             "@media print{h2{page-break-after:avoid}figure{page-break-inside:avoid}}")
    return (f'<!DOCTYPE html>\n<html lang="{language()}">\n<head><meta charset="utf-8"><title>{title}</title>'
            f"<style>{style}</style></head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n")


def _refuse_existing(paths, overwrite: bool) -> None:
    existing = [p for p in paths if p.exists()]
    if existing and not overwrite:
        names = ", ".join(repr(p.name) for p in existing)
        raise PlanFileError(ngettext("Not exported: {names} already exists; choose another name, or tick "
                                     "'overwrite' to replace.",
                                     "Not exported: {names} already exist; choose another name, or tick "
                                     "'overwrite' to replace.", len(existing)).format(names=names))


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
        raise PlanFileError(_("The summary could not be written ({problem}).").format(problem=problem.strerror)) \
            from None
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
        raise PlanFileError(_("The summary could not be written ({problem}).").format(problem=problem.strerror)) \
            from None
    return path


