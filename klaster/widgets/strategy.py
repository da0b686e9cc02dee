"""The workshop app of lesson 05: the five-step cluster strategy, one tab per step.

``StrategyApp`` is made for a facilitator who does not read code: every
input is a form, every problem is a message in the app (never a
traceback), and nothing the user typed is lost. The whole plan lives in
``app.plan`` (a ``klaster.strategy.Plan``); the file bar saves it to one
JSON file, loads it back, restores the automatic backup and exports a
summary as Markdown or HTML.
"""
from __future__ import annotations

import copy
import dataclasses
import datetime as _dt
import functools
import html
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from .. import data, strategy
from ..errors import KlasterInputError
from ..paths import work_dir
from ..plots import use_course_style
from ..strategy import KPI, Action, Plan, Stakeholder
from .base import FigureView, LessonWidget, message_html

NEW = "(new)"
TAB_TITLES = {"Collaborative strategy": "Strategy"}  # short enough for the tab bar; the hint line names the step in full
STEP_HINTS = {
    "Mobilisation": "Who should take part? Add each firm and institution and score its influence and interest "
                    "from 1 (low) to 5 (high). Pick a name in 'Edit' to change or remove it.",
    "Diagnosis": "Choose the province and the division: the app pulls their numbers from the course's library "
                 "(synthetic data). Then write the SWOT with the group, one item per line.",
    "Collaborative strategy": "Agree a vision and three to five objectives (one per line). Then add actions, each "
                              "with the objective it serves, an owner, a start month, a duration and a cost.",
    "Implementation": "Check the timeline: quick wins should come early, every action needs an owner, and "
                      "nothing should end after the plan's horizon.",
    "Evaluation": "Add KPIs with a baseline, a target and the latest value; the dashboard shows a traffic light "
                  "for each. 'Re-measure' reads the LQ and jobs again from the data.",
}


def _html_table(frame: pd.DataFrame, light_column: str | None = None, empty: str = "Nothing yet.") -> str:
    """A small HTML table (escaped), with the traffic-light column coloured."""
    if frame.empty:
        return f"<i>{html.escape(empty)}</i>"
    head = "".join(f'<th style="text-align:left; padding:2px 6px">{html.escape(str(c))}</th>' for c in frame.columns)
    rows = []
    for row in frame.itertuples(index=False):
        cells = []
        for column, value in zip(frame.columns, row):
            style = "padding:2px 6px; border-top:1px solid #ddd"
            if column == light_column and value in strategy.LIGHT_COLOURS:
                style += f"; background:{strategy.LIGHT_COLOURS[value]}"
            text = "\u2013" if value is None or (isinstance(value, float) and pd.isna(value)) else value
            cells.append(f'<td style="{style}">{html.escape(str(text))}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<table style="border-collapse:collapse; font-size:0.9em"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


def _messages_html(messages: list[str], kind: str = "problem", ok: str = "") -> str:
    if not messages:
        return message_html(ok, "note") if ok else ""
    return "".join(message_html(m, kind) for m in messages)


def _parse_optional_number(text: str):
    """'' -> None; '1,250' or '1250' -> 1250.0; anything else raises ValueError."""
    cleaned = str(text).strip().replace(",", "")
    if not cleaned:
        return None
    value = float(cleaned)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(text)
    return value


def _guarded(method):
    """Run a button or field handler; an unexpected error becomes a message in the status line, never a traceback."""
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except Exception as problem:  # noqa: BLE001 - a workshop must never see a traceback
            self.status.value = message_html(
                f"Something went wrong ({type(problem).__name__}: {problem}). Your work is kept in the app; "
                "save it under a new file name and tell the course's authors.", "problem")
    return wrapper


class StrategyApp(LessonWidget):
    """The five-step cluster strategy as a workshop app (one tab per step, plus a file bar).

    Parameters: ``plan`` (a Plan to start from; copied, never changed),
    ``path`` (the plan's file name), ``folder`` (where relative file names
    live; default: the student's work folder, ``klaster.paths.work_dir()``), ``autosave`` (write a backup on every
    change, default True), ``panel`` and ``years`` (the data behind the
    diagnosis; default: the course's synthetic panel, first and last year).

    The plan is ``plan``. Controls are public attributes: the file bar
    (``file_name``, ``overwrite``, ``save_button``, ``load_button``,
    ``restore_button``, ``export_md_button``, ``export_html_button``,
    ``status``, ``autosave_status``), ``tabs``, and per step the form fields
    (``sh_*``, ``province``, ``division``, ``swot``, ``vision``,
    ``objectives``, ``horizon``, ``act_*``, ``kpi_*``), tables and figures
    (``sh_view``, ``timeline_view``, ``dash_view``).
    """

    def __init__(self, plan: Plan | None = None, path: str = "cluster_strategy.json", folder=None,
                 autosave: bool = True, panel: pd.DataFrame | None = None, years=None):
        use_course_style()
        self.plan = copy.deepcopy(plan) if plan is not None else Plan()
        self.folder = Path(folder) if folder is not None else work_dir()
        self.autosave_enabled = autosave
        self._autosave_blocked = False
        self.panel = panel
        self.years = years
        self._quiet = True
        self._stale: set = set()
        matrix = data.employment_matrix(max(strategy._panel_years(panel)), panel=panel)
        self.province_names = list(matrix.index)
        self.division_names = list(matrix.columns)

        self._build_file_bar(path)
        pages = [self._build_mobilisation(), self._build_diagnosis(), self._build_strategy(),
                 self._build_implementation(), self._build_evaluation()]
        self.tabs = widgets.Tab(children=pages, titles=[f"{i}. {TAB_TITLES.get(step, step)}"
                                                        for i, step in enumerate(strategy.STEPS, 1)])
        self.step_hint = widgets.HTML()
        self.tabs.observe(self._tab_changed, names="selected_index")
        self.widget = widgets.VBox([
            widgets.HTML("<b>Cluster strategy workshop</b> \u2014 five steps, one tab each. "
                         "The diagnosis uses the course's <b>synthetic</b> data (illustrative, not official statistics)."),
            self.file_bar, self.status, self.autosave_status, self.step_hint, self.tabs])
        self._show_plan()
        self._quiet = False
        self._tab_changed()
        self._note_existing_autosave()

    # ------------------------------------------------------------------ file bar
    def _build_file_bar(self, path: str) -> None:
        self.file_name = widgets.Text(value=str(path), description="Plan file:", layout=widgets.Layout(width="360px"),
                                      placeholder="for example jepara_strategy.json")
        self.overwrite = widgets.Checkbox(value=False, description="overwrite", indent=False,
                                          layout=widgets.Layout(width="100px"))
        self.save_button = widgets.Button(description="Save", icon="save", button_style="primary",
                                          layout=widgets.Layout(width="90px"))
        self.load_button = widgets.Button(description="Load", icon="folder-open", layout=widgets.Layout(width="90px"))
        self.restore_button = widgets.Button(description="Restore autosave", icon="history",
                                             layout=widgets.Layout(width="180px"))
        self.export_md_button = widgets.Button(description="Export Markdown", icon="file-text",
                                               layout=widgets.Layout(width="150px"))
        self.export_html_button = widgets.Button(description="Export HTML", icon="file-code-o",
                                                 layout=widgets.Layout(width="130px"))
        self.status = widgets.HTML()
        self.autosave_status = widgets.HTML()
        self.save_button.on_click(self._save)
        self.load_button.on_click(self._load)
        self.restore_button.on_click(self._restore)
        self.export_md_button.on_click(lambda b: self._export("md"))
        self.export_html_button.on_click(lambda b: self._export("html"))
        self.file_name.observe(self._file_name_changed, names="value")
        self.file_bar = widgets.VBox([
            widgets.HBox([self.file_name, self.save_button, self.load_button, self.restore_button]),
            widgets.HBox([self.export_md_button, self.export_html_button, self.overwrite,
                          widgets.HTML("<small>Tick 'overwrite' only to replace a file on purpose; it unticks itself "
                                       "after use.</small>")]),
        ])

    def _path(self, suffix: str | None = None) -> Path | None:
        """The file name typed in the file bar, inside ``folder`` unless absolute; None when empty."""
        text = self.file_name.value.strip()
        if not text:
            return None
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = self.folder / path
        return path.with_suffix(suffix) if suffix else path

    def _say(self, text: str, kind: str = "result") -> None:
        self.status.value = message_html(text, kind)

    @_guarded
    def _save(self, button=None) -> None:
        try:
            written = strategy.save_plan(self.plan, self._path(), overwrite=self.overwrite.value)
        except KlasterInputError as problem:
            self._say(f"{problem} Nothing was saved; the plan in the app is unchanged.", "problem")
            return
        self.overwrite.value = False
        self._say(f"Saved the plan to {written.name} at {_dt.datetime.now():%H:%M:%S}.")
        if self._autosave_blocked:
            self._autosave_blocked = False
            self._autosave()

    def _replace_plan(self, plan: Plan, what: str) -> None:
        self.plan = plan
        self._quiet = True
        try:
            self._show_plan()
        finally:
            self._quiet = False
        self._say(f"{what}: {plan.title!r} with {len(plan.stakeholders)} stakeholders, {len(plan.actions)} actions "
                  f"and {len(plan.kpis)} KPIs.")

    @_guarded
    def _load(self, button=None) -> None:
        try:
            plan = strategy.load_plan(self._path())
        except KlasterInputError as problem:
            self._say(f"{problem} The plan in the app is kept as it was.", "problem")
            return
        self._replace_plan(plan, f"Loaded {self._path().name}")
        self._note_existing_autosave()

    @_guarded
    def _restore(self, button=None) -> None:
        try:
            plan = strategy.restore_autosave(self._path())
        except KlasterInputError as problem:
            self._say(f"{problem} The plan in the app is kept as it was.", "problem")
            return
        self._replace_plan(plan, f"Restored the autosave of {self._path().name}")
        self._autosave_blocked = False
        self._autosave()

    @_guarded
    def _export(self, kind: str) -> None:
        try:
            if kind == "md":
                written = strategy.export_markdown(self.plan, self._path(".md"), overwrite=self.overwrite.value)
            else:
                written = [strategy.export_html(self.plan, self._path(".html"), overwrite=self.overwrite.value)]
        except KlasterInputError as problem:
            self._say(str(problem), "problem")
            return
        self.overwrite.value = False
        self._say(f"Exported the summary: {', '.join(p.name for p in written)}.")

    @_guarded
    def _file_name_changed(self, change=None) -> None:
        self._note_existing_autosave()

    def _note_existing_autosave(self) -> None:
        try:
            backup = strategy.autosave_path(strategy._plan_path(self._path()))
        except KlasterInputError as problem:
            self.autosave_status.value = message_html(f"Autosave paused: {problem}", "problem")
            return
        found = strategy.peek_plan_file(backup) if backup.exists() else None
        self._autosave_blocked = False
        if found is not None and found.plan_id != self.plan.plan_id:
            self.autosave_status.value = message_html(
                f"An autosave of the plan {found.title!r} exists for this file name: press 'Restore autosave' to "
                "continue that work, or choose another file name.", "note")
        elif found is not None and found != self.plan:
            self._autosave_blocked = True
            self.autosave_status.value = message_html(
                "The autosave holds changes to this plan that are not in the app: press 'Restore autosave' to get "
                "them back, or 'Save' to keep the plan as it is in the app. Autosave is paused until then.", "note")
        else:
            self.autosave_status.value = ""

    def _autosave(self) -> None:
        if not self.autosave_enabled or self._quiet or self._autosave_blocked:
            return
        try:
            backup = strategy.autosave(self.plan, self._path())
        except KlasterInputError as problem:
            self.autosave_status.value = message_html(f"Autosave paused: {problem}", "problem")
            return
        except OSError as problem:  # pragma: no cover - depends on the file system
            self.autosave_status.value = message_html(f"Autosave failed: {problem}", "problem")
            return
        self.autosave_status.value = (f'<small style="color:#555">Autosaved to {html.escape(backup.name)} at '
                                      f"{_dt.datetime.now():%H:%M:%S}.</small>")

    def _changed(self, *parts: str) -> None:
        """Refresh the views that depend on the changed parts, then autosave."""
        for part in parts:
            {"stakeholders": self._show_stakeholders, "diagnosis": self._show_diagnosis,
             "objectives": self._show_objectives, "actions": self._show_actions, "kpis": self._show_kpis}[part]()
        self._autosave()

    def _tab_of(self, view: FigureView) -> int:
        return {id(self.sh_view): 0, id(self.timeline_view): 3, id(self.dash_view): 4}[id(view)]

    def _render(self, view: FigureView) -> None:
        """Draw the figure's PNG now if its tab is showing, otherwise when the tab is opened (saves time)."""
        if (self.tabs.selected_index or 0) == self._tab_of(view):
            view.refresh()
            self._stale.discard(id(view))
        else:
            self._stale.add(id(view))

    @_guarded
    def _tab_changed(self, change=None) -> None:
        index = self.tabs.selected_index or 0
        for view in (self.sh_view, self.timeline_view, self.dash_view):
            if id(view) in self._stale and self._tab_of(view) == index:
                view.refresh()
                self._stale.discard(id(view))
        step = strategy.STEPS[index]
        self.step_hint.value = (f"<b>Step {index + 1} of 5 \u2014 {step}</b> (<i>{strategy.STEPS_ID[step]}</i>): "
                                f"{html.escape(STEP_HINTS[step])}")
        if step == "Implementation":
            self._show_implementation_warnings()

    # ------------------------------------------------------------------ step 1
    def _build_mobilisation(self) -> widgets.Widget:
        wide = widgets.Layout(width="420px")
        self.sh_pick = widgets.Dropdown(options=[NEW], value=NEW, description="Edit:", layout=wide)
        self.sh_name = widgets.Text(description="Name:", layout=wide, placeholder="organisation or person")
        self.sh_type = widgets.Dropdown(options=list(strategy.STAKEHOLDER_TYPES), value="firm", description="Type:")
        self.sh_influence = widgets.IntSlider(value=3, min=1, max=5, description="Influence:")
        self.sh_interest = widgets.IntSlider(value=3, min=1, max=5, description="Interest:")
        self.sh_role = widgets.Text(description="Role:", layout=wide, placeholder="what they bring or need")
        self.sh_add = widgets.Button(description="Add", icon="plus", button_style="success")
        self.sh_update = widgets.Button(description="Save changes", icon="pencil")
        self.sh_remove = widgets.Button(description="Remove", icon="trash", button_style="warning")
        self.sh_message = widgets.HTML()
        self.sh_table = widgets.HTML()
        self.sh_view = FigureView(figsize=(8.5, 4.8), layout=None,
                                  margins=dict(left=0.08, right=0.98, top=0.93, bottom=0.18))
        self.sh_ax = self.sh_view.figure.add_subplot()
        self.sh_caption = widgets.HTML(f"<i>{strategy.FIGURE_CAPTIONS['stakeholders']}</i>")
        self.sh_pick.observe(self._stakeholder_picked, names="value")
        self.sh_add.on_click(self._stakeholder_add)
        self.sh_update.on_click(self._stakeholder_update)
        self.sh_remove.on_click(self._stakeholder_remove)
        form = widgets.VBox([self.sh_pick, self.sh_name, self.sh_type, self.sh_influence, self.sh_interest,
                             self.sh_role, widgets.HBox([self.sh_add, self.sh_update, self.sh_remove]),
                             self.sh_message])
        return widgets.VBox([form, self.sh_table, self.sh_view.image, self.sh_caption])

    def _stakeholder_from_form(self) -> Stakeholder:
        return Stakeholder(name=" ".join(self.sh_name.value.split()), type=self.sh_type.value,
                           influence=int(self.sh_influence.value), interest=int(self.sh_interest.value),
                           role=self.sh_role.value.strip())

    def _selected_index(self, pick: widgets.Dropdown, names: list[str]) -> int | None:
        return names.index(pick.value) if pick.value in names else None

    @_guarded
    def _stakeholder_add(self, button=None) -> None:
        new = self._stakeholder_from_form()
        problems = strategy.check_stakeholder(new, self.plan.stakeholders)
        if problems:
            self.sh_message.value = _messages_html(problems)
            return
        self.plan.stakeholders = [*self.plan.stakeholders, new]
        self.sh_message.value = message_html(f"Added {new.name} ({strategy.grid_position(new.influence, new.interest)}).",
                                             "result")
        self.sh_name.value = ""
        self.sh_role.value = ""
        self._changed("stakeholders")

    @_guarded
    def _stakeholder_update(self, button=None) -> None:
        index = self._selected_index(self.sh_pick, [s.name for s in self.plan.stakeholders])
        if index is None:
            self.sh_message.value = message_html("Choose the stakeholder to change in 'Edit' first.", "problem")
            return
        new = self._stakeholder_from_form()
        others = self.plan.stakeholders[:index] + self.plan.stakeholders[index + 1:]
        problems = strategy.check_stakeholder(new, others)
        if problems:
            self.sh_message.value = _messages_html(problems)
            return
        self.plan.stakeholders = [*self.plan.stakeholders[:index], new, *self.plan.stakeholders[index + 1:]]
        self.sh_message.value = message_html(f"Saved the changes to {new.name}.", "result")
        self._changed("stakeholders")
        self.sh_pick.value = new.name

    @_guarded
    def _stakeholder_remove(self, button=None) -> None:
        index = self._selected_index(self.sh_pick, [s.name for s in self.plan.stakeholders])
        if index is None:
            self.sh_message.value = message_html("Choose the stakeholder to remove in 'Edit' first.", "problem")
            return
        gone = self.plan.stakeholders[index]
        self.plan.stakeholders = self.plan.stakeholders[:index] + self.plan.stakeholders[index + 1:]
        self.sh_message.value = message_html(f"Removed {gone.name}. (Its actions keep {gone.name!r} as owner.)", "result")
        self._changed("stakeholders")

    @_guarded
    def _stakeholder_picked(self, change=None) -> None:
        index = self._selected_index(self.sh_pick, [s.name for s in self.plan.stakeholders])
        if index is None:
            return
        s = self.plan.stakeholders[index]
        self.sh_message.value = message_html(f"Editing {s.name}: change the fields, then press 'Save changes' "
                                             "(or 'Remove').", "note")
        self.sh_name.value = s.name
        if s.type in strategy.STAKEHOLDER_TYPES:
            self.sh_type.value = s.type
        self.sh_influence.value = min(max(int(s.influence), 1), 5)
        self.sh_interest.value = min(max(int(s.interest), 1), 5)
        self.sh_role.value = s.role

    def _show_stakeholders(self) -> None:
        names = [s.name for s in self.plan.stakeholders]
        keep = self.sh_pick.value if self.sh_pick.value in names else NEW
        self.sh_pick.unobserve(self._stakeholder_picked, names="value")
        self.sh_pick.options = [NEW, *names]
        self.sh_pick.value = keep
        self.sh_pick.observe(self._stakeholder_picked, names="value")
        table = strategy.stakeholder_table(self.plan.stakeholders)
        self.sh_table.value = _html_table(table, empty="No stakeholders yet: add the first one above.")
        remarks = [m for m in strategy.check_stakeholders(self.plan.stakeholders)]
        if remarks:
            self.sh_table.value += _messages_html(remarks, "note")
        strategy.draw_stakeholder_grid(self.sh_ax, self.plan.stakeholders)
        self._render(self.sh_view)
        self.act_owner.options = names

    # ------------------------------------------------------------------ step 2
    def _build_diagnosis(self) -> widgets.Widget:
        self.province = widgets.Dropdown(options=[("(choose)", ""), *[(p, p) for p in self.province_names]], value="",
                                         description="Province:")
        self.division = widgets.Dropdown(options=[("(choose)", ""), *[(d, d) for d in self.division_names]], value="",
                                         description="Division:")
        self.diag_numbers = widgets.HTML()
        self.diag_reading = widgets.HTML()
        self.diag_message = widgets.HTML()
        self.swot = {part: widgets.Textarea(description=f"{part.capitalize()}:", placeholder="one item per line",
                                            layout=widgets.Layout(width="460px", height="110px"))
                     for part in strategy.SWOT_PARTS}
        self.province.observe(self._diagnosis_choice, names="value")
        self.division.observe(self._diagnosis_choice, names="value")
        for area in self.swot.values():
            area.observe(self._swot_edited, names="value")
        swot_grid = widgets.GridBox(list(self.swot.values()),
                                    layout=widgets.Layout(grid_template_columns="repeat(2, 480px)"))
        return widgets.VBox([widgets.HBox([self.province, self.division]), self.diag_reading, self.diag_numbers,
                             widgets.HTML("<b>SWOT</b> (<i>kekuatan, kelemahan, peluang, ancaman</i>): one item per line."),
                             swot_grid, self.diag_message])

    @_guarded
    def _diagnosis_choice(self, change=None) -> None:
        if self._quiet:
            return
        province, division = self.province.value, self.division.value
        old = self.plan.diagnosis
        swot = {part: list(getattr(old, part)) for part in strategy.SWOT_PARTS}
        if not province or not division:
            self.plan.diagnosis = dataclasses.replace(old, province=province, division=division, numbers={})
        else:
            try:
                self.plan.diagnosis = strategy.diagnose(province, division, self.years, self.panel, swot=swot)
            except KlasterInputError as problem:
                self.diag_message.value = message_html(str(problem), "problem")
                return
        self._changed("diagnosis")

    @_guarded
    def _swot_edited(self, change=None) -> None:
        if self._quiet:
            return
        values = {part: strategy.lines_to_list(self.swot[part].value) for part in strategy.SWOT_PARTS}
        self.plan.diagnosis = dataclasses.replace(self.plan.diagnosis, **values)
        self.diag_message.value = _messages_html(strategy.check_diagnosis(self.plan.diagnosis), "note")
        self._autosave()

    def _show_diagnosis(self) -> None:
        d = self.plan.diagnosis
        if d.numbers:
            table = strategy.diagnosis_table(d)
            shown = pd.DataFrame({"measure": table["measure"],
                                  "value": [strategy._format_number(k, v) for k, v in zip(table.index, table["value"])]})
            self.diag_numbers.value = _html_table(shown)
            self.diag_reading.value = message_html(strategy.read_diagnosis(d) + " (Synthetic data.)", "result")
        else:
            self.diag_numbers.value = ""
            self.diag_reading.value = message_html("Choose a province and a division to pull in their numbers.", "note")
        self.diag_message.value = _messages_html(strategy.check_diagnosis(d), "note")

    # ------------------------------------------------------------------ step 3
    def _build_strategy(self) -> widgets.Widget:
        wide = widgets.Layout(width="620px")
        form = {"style": {"description_width": "100px"}}
        self.vision = widgets.Textarea(**form, description="Vision:", placeholder="one or two sentences everyone agrees on",
                                       layout=widgets.Layout(width="620px", height="70px"))
        self.objectives = widgets.Textarea(**form, description="Objectives:", placeholder="three to five, one per line",
                                           layout=widgets.Layout(width="620px", height="110px"))
        self.horizon = widgets.IntText(value=24, description="Horizon (months):", style={"description_width": "120px"})
        self.strategy_message = widgets.HTML()
        self.act_pick = widgets.Dropdown(**form, options=[NEW], value=NEW, description="Edit:", layout=wide)
        self.act_name = widgets.Text(**form, description="Action:", layout=wide, placeholder="what will be done")
        self.act_objective = widgets.Dropdown(**form, options=[("(none)", "")], value="", description="Objective:", layout=wide)
        self.act_owner = widgets.Combobox(**form, description="Owner:", layout=wide, ensure_option=False,
                                          placeholder="who is responsible (pick or type)")
        self.act_start = widgets.IntText(**form, value=1, description="Start month:")
        self.act_duration = widgets.IntText(**form, value=1, description="Months:")
        self.act_cost = widgets.FloatText(**form, value=0.0, description="Cost (Rp):")
        self.act_quick = widgets.Checkbox(value=False, description="quick win")
        self.act_add = widgets.Button(description="Add", icon="plus", button_style="success")
        self.act_update = widgets.Button(description="Save changes", icon="pencil")
        self.act_remove = widgets.Button(description="Remove", icon="trash", button_style="warning")
        self.act_message = widgets.HTML()
        self.act_table = widgets.HTML()
        self.vision.observe(self._vision_edited, names="value")
        self.objectives.observe(self._objectives_edited, names="value")
        self.horizon.observe(self._horizon_edited, names="value")
        self.act_pick.observe(self._action_picked, names="value")
        self.act_add.on_click(self._action_add)
        self.act_update.on_click(self._action_update)
        self.act_remove.on_click(self._action_remove)
        return widgets.VBox([
            self.vision, self.objectives, self.horizon, self.strategy_message,
            widgets.HTML("<b>Action plan</b>"), self.act_pick, self.act_name, self.act_objective, self.act_owner,
            widgets.HBox([self.act_start, self.act_duration]), widgets.HBox([self.act_cost, self.act_quick]),
            widgets.HBox([self.act_add, self.act_update, self.act_remove]), self.act_message, self.act_table])

    @_guarded
    def _vision_edited(self, change=None) -> None:
        if self._quiet:
            return
        self.plan.vision = self.vision.value.strip()
        self._show_strategy_messages()
        self._autosave()

    @_guarded
    def _objectives_edited(self, change=None) -> None:
        if self._quiet:
            return
        self.plan.objectives = strategy.lines_to_list(self.objectives.value)
        self._show_objectives(render=False)
        self._autosave()

    @_guarded
    def _horizon_edited(self, change=None) -> None:
        if self._quiet:
            return
        problems = strategy.check_horizon(self.horizon.value)
        if problems:
            self._show_strategy_messages(extra=problems)
            return
        self.plan.horizon_months = int(self.horizon.value)
        self._changed("actions")

    def _show_strategy_messages(self, extra=()) -> None:
        messages = list(extra) + strategy.check_strategy(self.plan.vision, self.plan.objectives)
        self.strategy_message.value = _messages_html(messages, "note" if not extra else "problem",
                                                     ok="Vision and objectives are complete.")

    def _show_objectives(self, render: bool = False) -> None:
        """Objectives feed the two 'Objective' pickers and the tables' checks; the charts do not show them."""
        self._show_strategy_messages()
        options = [("(none)", "")] + [(f"O{i}. {o}", o) for i, o in enumerate(dict.fromkeys(self.plan.objectives), 1)]
        for dropdown in (self.act_objective, self.kpi_objective):
            keep = dropdown.value if dropdown.value in [v for _, v in options] else ""
            dropdown.options = options
            dropdown.value = keep
        self._show_actions(render=render)
        self._show_kpis(render=render)

    def _action_from_form(self) -> Action:
        return Action(action=" ".join(self.act_name.value.split()), objective=self.act_objective.value,
                      owner=" ".join(self.act_owner.value.split()), start_month=self.act_start.value,
                      duration_months=self.act_duration.value, cost_rupiah=float(self.act_cost.value),
                      quick_win=bool(self.act_quick.value))

    @_guarded
    def _action_add(self, button=None) -> None:
        new = self._action_from_form()
        problems = strategy.check_action(new, self.plan.actions)
        if problems:
            self.act_message.value = _messages_html(problems)
            return
        self.plan.actions = [*self.plan.actions, new]
        warnings = strategy.action_warnings(new, self.plan.objectives, self.plan.horizon_months)
        self.act_message.value = message_html(f"Added the action {new.action!r}.", "result") + _messages_html(warnings, "note")
        self.act_name.value = ""
        self._changed("actions")

    @_guarded
    def _action_update(self, button=None) -> None:
        index = self._selected_index(self.act_pick, [a.action for a in self.plan.actions])
        if index is None:
            self.act_message.value = message_html("Choose the action to change in 'Edit' first.", "problem")
            return
        new = self._action_from_form()
        others = self.plan.actions[:index] + self.plan.actions[index + 1:]
        problems = strategy.check_action(new, others)
        if problems:
            self.act_message.value = _messages_html(problems)
            return
        self.plan.actions = [*self.plan.actions[:index], new, *self.plan.actions[index + 1:]]
        self.act_message.value = message_html(f"Saved the changes to {new.action!r}.", "result")
        self._changed("actions")
        self.act_pick.value = new.action

    @_guarded
    def _action_remove(self, button=None) -> None:
        index = self._selected_index(self.act_pick, [a.action for a in self.plan.actions])
        if index is None:
            self.act_message.value = message_html("Choose the action to remove in 'Edit' first.", "problem")
            return
        gone = self.plan.actions[index]
        self.plan.actions = self.plan.actions[:index] + self.plan.actions[index + 1:]
        self.act_message.value = message_html(f"Removed the action {gone.action!r}.", "result")
        self._changed("actions")

    @_guarded
    def _action_picked(self, change=None) -> None:
        index = self._selected_index(self.act_pick, [a.action for a in self.plan.actions])
        if index is None:
            return
        a = self.plan.actions[index]
        self.act_name.value = a.action
        known = a.objective in [v for _, v in self.act_objective.options]
        self.act_objective.value = a.objective if known else ""
        self.act_message.value = message_html(f"Editing {a.action!r}: change the fields, then press 'Save changes' "
                                              "(or 'Remove').", "note") if known or not a.objective else message_html(
            f"This action served {a.objective!r}, which is no longer one of the objectives: choose one before "
            "saving changes (the action keeps the old text until you do).", "note")
        self.act_owner.value = a.owner
        self.act_start.value = int(a.start_month)
        self.act_duration.value = int(a.duration_months)
        self.act_cost.value = float(a.cost_rupiah)
        self.act_quick.value = bool(a.quick_win)

    def _show_actions(self, render: bool = True) -> None:
        names = [a.action for a in self.plan.actions]
        keep = self.act_pick.value if self.act_pick.value in names else NEW
        self.act_pick.unobserve(self._action_picked, names="value")
        self.act_pick.options = [NEW, *names]
        self.act_pick.value = keep
        self.act_pick.observe(self._action_picked, names="value")
        table = strategy.action_table(self.plan.actions, self.plan.objectives, self.plan.horizon_months)
        shown = table.drop(columns=["objective"]).assign(**{
            "cost (Rp)": [strategy.format_rupiah(c) for c in table["cost (Rp)"]],
            "quick win": ["yes" if q else "" for q in table["quick win"]]})
        self.act_table.value = _html_table(shown, empty="No actions yet: add the first one above.")
        if render:
            self._show_timeline()
        else:
            self._show_implementation_warnings()

    # ------------------------------------------------------------------ step 4
    def _build_implementation(self) -> widgets.Widget:
        self.timeline_view = FigureView(figsize=(9, 4), layout=None,
                                        margins=dict(left=0.3, right=0.8, top=0.9, bottom=0.14))
        self.timeline_ax = self.timeline_view.figure.add_subplot()
        self.timeline_caption = widgets.HTML(f"<i>{strategy.FIGURE_CAPTIONS['timeline']}</i>")
        self.impl_summary = widgets.HTML()
        self.impl_warnings = widgets.HTML()
        return widgets.VBox([self.impl_summary, self.timeline_view.image, self.timeline_caption, self.impl_warnings])

    def _show_timeline(self) -> None:
        n = len(self.plan.actions)
        height = 1.6 + 0.32 * max(n, 3)
        self.timeline_view.figure.set_size_inches(9, height)
        self.timeline_view.figure.subplots_adjust(bottom=0.55 / height, top=1 - 0.4 / height)
        strategy.draw_timeline(self.timeline_ax, self.plan.actions, self.plan.horizon_months)
        self._render(self.timeline_view)
        self._show_implementation_warnings()

    def _show_implementation_warnings(self) -> None:
        actions = self.plan.actions
        total = sum(a.cost_rupiah for a in actions if strategy._is_number(a.cost_rupiah))
        quick = [a for a in actions if a.quick_win]
        self.impl_summary.value = message_html(
            f"{len(actions)} actions over a horizon of {self.plan.horizon_months} months; total cost "
            f"{strategy.format_rupiah(total)}; {len(quick)} quick win{'s' if len(quick) != 1 else ''}.", "result")
        warnings = []
        for i, a in enumerate(actions, 1):
            warnings += strategy.action_warnings(a, self.plan.objectives, self.plan.horizon_months, position=i)
        if actions and not quick:
            warnings.append("No action is marked as a quick win: an early, visible success helps keep firms on board.")
        self.impl_warnings.value = _messages_html(warnings, "problem", ok="No warnings: every action has an owner, "
                                                  "an objective and ends within the horizon.")

    # ------------------------------------------------------------------ step 5
    def _build_evaluation(self) -> widgets.Widget:
        wide = widgets.Layout(width="520px")
        form = {"style": {"description_width": "80px"}}
        self.kpi_pick = widgets.Dropdown(**form, options=[NEW], value=NEW, description="Edit:", layout=wide)
        self.kpi_name = widgets.Text(**form, description="KPI:", layout=wide, placeholder="what is measured")
        self.kpi_unit = widgets.Text(**form, description="Unit:", placeholder="workers, firms, %, Rp ...")
        self.kpi_baseline = widgets.FloatText(**form, value=0.0, description="Baseline:")
        self.kpi_target = widgets.FloatText(**form, value=0.0, description="Target:")
        self.kpi_latest = widgets.Text(**form, value="", description="Latest:", placeholder="empty = not measured yet")
        self.kpi_objective = widgets.Dropdown(**form, options=[("(none)", "")], value="", description="Objective:", layout=wide)
        self.kpi_measure = widgets.Dropdown(**form, options=[("entered by hand", ""), ("LQ from the data", "lq"),
                                                     ("jobs from the data", "jobs")], value="", description="Measured:")
        self.kpi_add = widgets.Button(description="Add", icon="plus", button_style="success")
        self.kpi_update = widgets.Button(description="Save changes", icon="pencil")
        self.kpi_remove = widgets.Button(description="Remove", icon="trash", button_style="warning")
        self.kpi_message = widgets.HTML()
        self.kpi_table = widgets.HTML()
        self.dash_view = FigureView(figsize=(9, 3.5), layout=None,
                                    margins=dict(left=0.33, right=0.97, top=0.88, bottom=0.16))
        self.dash_ax = self.dash_view.figure.add_subplot()
        self.dash_caption = widgets.HTML(f"<i>{strategy.FIGURE_CAPTIONS['kpis']}</i>")
        self.remeasure_button = widgets.Button(description="Re-measure LQ and jobs", icon="refresh",
                                               layout=widgets.Layout(width="220px"))
        self.remeasure_result = widgets.HTML()
        self.kpi_pick.observe(self._kpi_picked, names="value")
        self.kpi_add.on_click(self._kpi_add)
        self.kpi_update.on_click(self._kpi_update)
        self.kpi_remove.on_click(self._kpi_remove)
        self.remeasure_button.on_click(self._remeasure)
        return widgets.VBox([
            self.kpi_pick, self.kpi_name, widgets.HBox([self.kpi_unit, self.kpi_measure]),
            widgets.HBox([self.kpi_baseline, self.kpi_target, self.kpi_latest]), self.kpi_objective,
            widgets.HBox([self.kpi_add, self.kpi_update, self.kpi_remove]), self.kpi_message, self.kpi_table,
            self.dash_view.image, self.dash_caption,
            widgets.HTML("<b>Back to the diagnosis:</b> measure the LQ and jobs of the diagnosis's province and "
                         "division again, in the last year of the data; KPIs measured from the data get the new value."),
            self.remeasure_button, self.remeasure_result])

    def _kpi_from_form(self):
        """The KPI in the form, or a message if the latest value is not a number."""
        try:
            latest = _parse_optional_number(self.kpi_latest.value)
        except ValueError:
            return None, [f"The latest value {self.kpi_latest.value!r} is not a number; leave it empty if it is "
                          "not measured yet."]
        kpi = KPI(name=" ".join(self.kpi_name.value.split()), unit=self.kpi_unit.value.strip(),
                  baseline=float(self.kpi_baseline.value), target=float(self.kpi_target.value), latest=latest,
                  objective=self.kpi_objective.value, measure=self.kpi_measure.value)
        return kpi, []

    @_guarded
    def _kpi_add(self, button=None) -> None:
        kpi, problems = self._kpi_from_form()
        problems = problems or strategy.check_kpi(kpi, self.plan.kpis)
        if problems:
            self.kpi_message.value = _messages_html(problems)
            return
        self.plan.kpis = [*self.plan.kpis, kpi]
        self.kpi_message.value = message_html(
            f"Added the KPI {kpi.name!r} ({strategy.traffic_light(kpi.baseline, kpi.target, kpi.latest)}).", "result")
        self.kpi_name.value = ""
        self._changed("kpis")

    @_guarded
    def _kpi_update(self, button=None) -> None:
        index = self._selected_index(self.kpi_pick, [k.name for k in self.plan.kpis])
        if index is None:
            self.kpi_message.value = message_html("Choose the KPI to change in 'Edit' first.", "problem")
            return
        kpi, problems = self._kpi_from_form()
        others = self.plan.kpis[:index] + self.plan.kpis[index + 1:]
        problems = problems or strategy.check_kpi(kpi, others)
        if problems:
            self.kpi_message.value = _messages_html(problems)
            return
        self.plan.kpis = [*self.plan.kpis[:index], kpi, *self.plan.kpis[index + 1:]]
        self.kpi_message.value = message_html(f"Saved the changes to {kpi.name!r}.", "result")
        self._changed("kpis")
        self.kpi_pick.value = kpi.name

    @_guarded
    def _kpi_remove(self, button=None) -> None:
        index = self._selected_index(self.kpi_pick, [k.name for k in self.plan.kpis])
        if index is None:
            self.kpi_message.value = message_html("Choose the KPI to remove in 'Edit' first.", "problem")
            return
        gone = self.plan.kpis[index]
        self.plan.kpis = self.plan.kpis[:index] + self.plan.kpis[index + 1:]
        self.kpi_message.value = message_html(f"Removed the KPI {gone.name!r}.", "result")
        self._changed("kpis")

    @_guarded
    def _kpi_picked(self, change=None) -> None:
        index = self._selected_index(self.kpi_pick, [k.name for k in self.plan.kpis])
        if index is None:
            return
        k = self.plan.kpis[index]
        self.kpi_name.value = k.name
        self.kpi_unit.value = k.unit
        self.kpi_baseline.value = float(k.baseline)
        self.kpi_target.value = float(k.target)
        self.kpi_latest.value = "" if k.latest is None else format(k.latest, ".15g")
        known = k.objective in [v for _, v in self.kpi_objective.options]
        self.kpi_objective.value = k.objective if known else ""
        self.kpi_message.value = message_html(f"Editing {k.name!r}: change the fields, then press 'Save changes' "
                                              "(or 'Remove').", "note") if known or not k.objective else message_html(
            f"This KPI measured {k.objective!r}, which is no longer one of the objectives: choose one before "
            "saving changes (the KPI keeps the old text until you do).", "note")
        self.kpi_measure.value = k.measure if k.measure in strategy.KPI_MEASURES else ""

    def _show_kpis(self, render: bool = True) -> None:
        names = [k.name for k in self.plan.kpis]
        keep = self.kpi_pick.value if self.kpi_pick.value in names else NEW
        self.kpi_pick.unobserve(self._kpi_picked, names="value")
        self.kpi_pick.options = [NEW, *names]
        self.kpi_pick.value = keep
        self.kpi_pick.observe(self._kpi_picked, names="value")
        table = strategy.kpi_table(self.plan.kpis)
        shown = pd.DataFrame({
            "KPI": table["name"], "unit": table["unit"],
            "baseline": [strategy.format_value(v) for v in table["baseline"]],
            "target": [strategy.format_value(v) for v in table["target"]],
            "latest": [strategy.format_value(v) for v in table["latest"]],
            "progress": ["\u2013" if pd.isna(p) else f"{100 * p:.0f}%" for p in table["progress"]],
            "light": table["light"],
            "measured": [strategy.KPI_MEASURES.get(m, m) for m in table["measure"]]})
        self.kpi_table.value = _html_table(shown, light_column="light", empty="No KPIs yet: add the first one above.")
        remarks = strategy.check_kpis(self.plan.kpis, self.plan.objectives)
        if remarks and self.plan.kpis:
            self.kpi_table.value += _messages_html(remarks, "note")
        if not render:
            return
        n = len(self.plan.kpis)
        height = 1.5 + 0.35 * max(n, 3)
        self.dash_view.figure.set_size_inches(9, height)
        self.dash_view.figure.subplots_adjust(bottom=0.55 / height, top=1 - 0.4 / height)
        strategy.draw_dashboard(self.dash_ax, self.plan.kpis)
        self._render(self.dash_view)

    @_guarded
    def _remeasure(self, button=None) -> None:
        try:
            table = strategy.remeasure(self.plan.diagnosis, panel=self.panel)
        except KlasterInputError as problem:
            self.remeasure_result.value = message_html(str(problem), "problem")
            return
        self.plan = strategy.with_remeasured_kpis(self.plan, table)
        self.remeasure_table = table
        shown = pd.DataFrame({
            "measure": table["label"],
            "diagnosis": [f"{strategy.format_value(v)} ({y})" for v, y in zip(table["diagnosis_value"], table["diagnosis_year"])],
            "re-measured": [f"{strategy.format_value(v)} ({y})" for v, y in zip(table["value"], table["year"])],
            "change": [("+" if strategy._is_number(c) and c > 0 else "") + strategy.format_value(c) for c in table["change"]]})
        year = int(table["year"].iloc[0])
        note = ""
        if year == self.plan.diagnosis.end_year:
            note = message_html(f"The data ends in {year}, the year of the diagnosis, so nothing has changed yet. "
                                "When a newer year is added to the data, press again.", "note")
        linked = [k.name for k in self.plan.kpis if k.measure in table.index]
        updated = message_html(f"Updated the latest value of: {', '.join(linked)}." if linked else
                               "No KPI is measured from the data; choose 'LQ from the data' or 'jobs from the data' "
                               "in a KPI's 'Measured' field to link it.", "result" if linked else "note")
        self.remeasure_result.value = _html_table(shown) + note + updated
        self._changed("kpis")

    # ------------------------------------------------------------------ whole plan
    def _show_plan(self) -> None:
        """Fill every control from ``self.plan`` (used at the start and after Load / Restore)."""
        plan = self.plan
        d = plan.diagnosis
        self.province.value = d.province if d.province in self.province_names else ""
        self.division.value = d.division if d.division in self.division_names else ""
        for part in strategy.SWOT_PARTS:
            self.swot[part].value = strategy.list_to_lines(getattr(d, part))
        self.vision.value = plan.vision
        self.objectives.value = strategy.list_to_lines(plan.objectives)
        self.horizon.value = int(plan.horizon_months)
        self._show_stakeholders()
        self._show_diagnosis()
        if d.province and d.province not in self.province_names:
            self.diag_message.value += message_html(f"The plan's province {d.province!r} is not in the data; its saved "
                                                    "numbers are kept.", "note")
        self._show_objectives(render=True)
