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
import re
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
from matplotlib.text import Annotation

from .. import data, strategy
from ..errors import KlasterInputError
from ..i18n import N_, _, _f, _p, language, ngettext
from ..i18n.mpl import local_style, local_ticks
from ..paths import work_dir
from ..plots import use_course_style
from ..strategy import KPI, Action, Plan, Stakeholder
from .base import FigureView, LessonWidget, message_html

NEW = "(new)"  # the value of the "new entry" choice in the Edit pickers (its label is translated)
# Texts of klaster.strategy (step names, stakeholder types, grid positions, traffic lights, checks, captions,
# the diagnosis sentence, the charts' texts) are shown with _(): they are translated once they are in the catalog.
STEP_NAMES = {"Mobilisation": N_("Mobilisation"), "Diagnosis": N_("Diagnosis"),
              "Collaborative strategy": N_("Collaborative strategy"), "Implementation": N_("Implementation"),
              "Evaluation": N_("Evaluation")}
# short enough for the tab bar; the hint line names the step in full
TAB_TITLES = {**STEP_NAMES, "Collaborative strategy": N_("Strategy")}
STEP_HINTS = {
    "Mobilisation": N_("Who should take part? Add each firm and institution and score its influence and interest "
                    "from 1 (low) to 5 (high). Pick a name in 'Edit' to change or remove it."),
    "Diagnosis": N_("Choose the province and the division: the app pulls their numbers from the course's library "
                 "(synthetic data). Then write the SWOT with the group, one item per line."),
    "Collaborative strategy": N_("Agree a vision and three to five objectives (one per line). Then add actions, each "
                              "with the objective it serves, an owner, a start month, a duration and a cost."),
    "Implementation": N_("Check the timeline: quick wins should come early, every action needs an owner, and "
                      "nothing should end after the plan's horizon."),
    "Evaluation": N_("Add KPIs with a baseline, a target and the latest value; the dashboard shows a traffic light "
                  "for each. 'Re-measure' reads the LQ and jobs again from the data."),
}
SWOT_LABELS = {"strengths": N_("Strengths:"), "weaknesses": N_("Weaknesses:"), "opportunities": N_("Opportunities:"),
               "threats": N_("Threats:")}


def _column(name: str) -> str:
    """The header shown for a column of one of the app's tables (the column's name stays the same)."""
    labels = {
        "name": _p("plan table column", "name"), "type": _p("plan table column", "type"),
        "influence": _p("plan table column", "influence"), "interest": _p("plan table column", "interest"),
        "grid position": _p("plan table column", "grid position"), "role": _p("plan table column", "role"),
        "action": _p("plan table column", "action"), "objective no.": _p("plan table column", "objective no."),
        "owner": _p("plan table column", "owner"), "start month": _p("plan table column", "start month"),
        "end month": _p("plan table column", "end month"), "months": _p("plan table column", "months"),
        "cost (Rp)": _p("plan table column", "cost (Rp)"), "quick win": _p("plan table column", "quick win"),
        "KPI": _p("plan table column", "KPI"), "unit": _p("plan table column", "unit"),
        "baseline": _p("plan table column", "baseline"), "target": _p("plan table column", "target"),
        "latest": _p("plan table column", "latest"), "progress": _p("plan table column", "progress"),
        "light": _p("plan table column", "light"), "measured": _p("plan table column", "measured"),
        "measure": _p("plan table column", "measure"), "value": _p("plan table column", "value"),
        "diagnosis": _p("plan table column", "diagnosis"), "re-measured": _p("plan table column", "re-measured"),
        "change": _p("plan table column", "change"),
    }
    return labels.get(name, name)


def _pick_options(names) -> list:
    """Options of an 'Edit' picker: the new-entry choice (value NEW, label translated), then the names."""
    label = _("(new)")
    if label == NEW:
        return [NEW, *names]
    return [(label, NEW), *[(n, n) for n in names]]


def _rupiah(value) -> str:
    """A cost for people, in the language's number style: 'Rp 150,000,000' or 'Rp 150.000.000'."""
    return strategy.format_rupiah(value)


def _value(value) -> str:
    """A KPI or measure value for people (klaster.strategy.format_value), in the language's number style."""
    return strategy.format_value(value)


def _translate_chart(ax) -> None:
    """Show a klaster.strategy chart's own texts (title, axis labels, legend, notes) in the current language.

    Names typed by the user (tick labels, dot labels) are left as they are; numbers on the axes follow the
    language's style.
    """
    ax.set_title(_(ax.get_title()))
    ax.set_xlabel(_(ax.get_xlabel()))
    ax.set_ylabel(_(ax.get_ylabel()))
    for text in ax.texts:
        if not isinstance(text, Annotation):  # annotations are the names typed by the user
            text.set_text(_(text.get_text()))
    legend = ax.get_legend()
    if legend is not None:
        for text in legend.get_texts():
            text.set_text(_(text.get_text()))
    local_ticks(ax.xaxis)


def _html_table(frame: pd.DataFrame, light_column: str | None = None, empty: str | None = None,
                lights: dict | None = None) -> str:
    """A small HTML table (escaped), headers in the current language, the traffic-light column coloured.

    ``lights`` maps a shown light (translated) back to its key, for the colour.
    """
    if frame.empty:
        return f"<i>{html.escape(empty if empty is not None else _('Nothing yet.'))}</i>"
    head = "".join(f'<th style="text-align:left; padding:2px 6px">{html.escape(_column(str(c)))}</th>'
                   for c in frame.columns)
    rows = []
    for row in frame.itertuples(index=False):
        cells = []
        for column, value in zip(frame.columns, row):
            style = "padding:2px 6px; border-top:1px solid #ddd"
            key = (lights or {}).get(value, value)
            if column == light_column and key in strategy.LIGHT_COLOURS:
                style += f"; background:{strategy.LIGHT_COLOURS[key]}"
            text = "\u2013" if value is None or (isinstance(value, float) and pd.isna(value)) else value
            cells.append(f'<td style="{style}">{html.escape(str(text))}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<table style="border-collapse:collapse; font-size:0.9em"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


def _messages_html(messages: list[str], kind: str = "problem", ok: str = "") -> str:
    """Messages (from klaster.strategy's checks or the app) as HTML, each in the current language."""
    if not messages:
        return message_html(ok, "note") if ok else ""
    return "".join(message_html(_(m), kind) for m in messages)


def _parse_optional_number(text: str):
    """'' -> None; '1,250' or '1250' -> 1250.0; anything else raises ValueError.

    In Indonesian mode numbers are written 1.250 and 0,5: a comma is the decimal mark and dots
    separate thousands ('1.250' -> 1250.0, '0,5' -> 0.5); a dot not followed by groups of three
    digits is read as a decimal point ('0.5' -> 0.5), as code writes it.
    """
    cleaned = str(text).strip()
    if local_style("1,000.5") != "1,000.5":  # the language writes 1.000,5
        if "," in cleaned or re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+", cleaned):
            cleaned = cleaned.replace(".", "").replace(",", ".")
    else:
        cleaned = cleaned.replace(",", "")
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
                _("Something went wrong ({kind}: {problem}). Your work is kept in the app; save it under a new "
                  "file name and tell the course's authors.").format(kind=type(problem).__name__, problem=problem),
                "problem")
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
        self.tabs = widgets.Tab(children=pages, titles=[f"{i}. {_(TAB_TITLES.get(step, step))}"
                                                        for i, step in enumerate(strategy.STEPS, 1)])
        self.step_hint = widgets.HTML()
        self.tabs.observe(self._tab_changed, names="selected_index")
        self.widget = widgets.VBox([
            widgets.HTML(_("<b>Cluster strategy workshop</b> \u2014 five steps, one tab each. The diagnosis uses "
                           "the course's <b>synthetic</b> data (illustrative, not official statistics).")),
            self.file_bar, self.status, self.autosave_status, self.step_hint, self.tabs])
        self._show_plan()
        self._quiet = False
        self._tab_changed()
        self._note_existing_autosave()

    # ------------------------------------------------------------------ file bar
    def _build_file_bar(self, path: str) -> None:
        self.file_name = widgets.Text(value=str(path), description=_("Plan file:"),
                                      style={"description_width": "110px"}, layout=widgets.Layout(width="370px"),
                                      placeholder=_("for example jepara_strategy.json"))
        self.overwrite = widgets.Checkbox(value=False, description=_("overwrite"), indent=False,
                                          layout=widgets.Layout(width="110px"))
        self.save_button = widgets.Button(description=_("Save"), icon="save", button_style="primary",
                                          layout=widgets.Layout(width="90px"))
        self.load_button = widgets.Button(description=_("Load"), icon="folder-open",
                                          layout=widgets.Layout(width="90px"))
        self.restore_button = widgets.Button(description=_("Restore autosave"), icon="history",
                                             layout=widgets.Layout(width="240px"))
        self.export_md_button = widgets.Button(description=_("Export Markdown"), icon="file-text",
                                               layout=widgets.Layout(width="160px"))
        self.export_html_button = widgets.Button(description=_("Export HTML"), icon="file-code-o",
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
                          widgets.HTML("<small>" + html.escape(_("Tick 'overwrite' only to replace a file on purpose; "
                                                                 "it unticks itself after use.")) + "</small>",
                                       layout=widgets.Layout(width="400px"))]),
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
            self._say(_("{problem} Nothing was saved; the plan in the app is unchanged.").format(problem=_(str(problem))),
                      "problem")
            return
        self.overwrite.value = False
        self._say(_("Saved the plan to {file} at {time}.").format(file=written.name,
                                                                   time=f"{_dt.datetime.now():%H:%M:%S}"))
        if self._autosave_blocked:
            self._autosave_blocked = False
            self._autosave()

    def _replace_plan(self, plan: Plan, what: str, file: str) -> None:
        """Show a loaded or restored plan; ``what``: a sentence with {file}, {title}, {stakeholders}, {actions}, {kpis}."""
        self.plan = plan
        self._quiet = True
        try:
            self._show_plan()
        finally:
            self._quiet = False
        self._say(what.format(file=file, title=repr(plan.title), stakeholders=len(plan.stakeholders), actions=len(plan.actions),
                              kpis=len(plan.kpis)))

    @_guarded
    def _load(self, button=None) -> None:
        try:
            plan = strategy.load_plan(self._path())
        except KlasterInputError as problem:
            self._say(_("{problem} The plan in the app is kept as it was.").format(problem=_(str(problem))), "problem")
            return
        self._replace_plan(plan, _("Loaded {file}: {title} with {stakeholders} stakeholders, {actions} actions and "
                                   "{kpis} KPIs."), self._path().name)
        self._note_existing_autosave()

    @_guarded
    def _restore(self, button=None) -> None:
        try:
            plan = strategy.restore_autosave(self._path())
        except KlasterInputError as problem:
            self._say(_("{problem} The plan in the app is kept as it was.").format(problem=_(str(problem))), "problem")
            return
        self._replace_plan(plan, _("Restored the autosave of {file}: {title} with {stakeholders} stakeholders, "
                                   "{actions} actions and {kpis} KPIs."), self._path().name)
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
            self._say(_(str(problem)), "problem")
            return
        self.overwrite.value = False
        self._say(_("Exported the summary: {files}.").format(files=", ".join(p.name for p in written)))

    @_guarded
    def _file_name_changed(self, change=None) -> None:
        self._note_existing_autosave()

    def _note_existing_autosave(self) -> None:
        try:
            backup = strategy.autosave_path(strategy._plan_path(self._path()))
        except KlasterInputError as problem:
            self.autosave_status.value = message_html(_("Autosave paused: {problem}").format(problem=_(str(problem))),
                                                      "problem")
            return
        found = strategy.peek_plan_file(backup) if backup.exists() else None
        self._autosave_blocked = False
        if found is not None and found.plan_id != self.plan.plan_id:
            self.autosave_status.value = message_html(
                _("An autosave of the plan {title} exists for this file name: press 'Restore autosave' to continue "
                  "that work, or choose another file name.").format(title=repr(found.title)), "note")
        elif found is not None and found != self.plan:
            self._autosave_blocked = True
            self.autosave_status.value = message_html(
                _("The autosave holds changes to this plan that are not in the app: press 'Restore autosave' to get "
                  "them back, or 'Save' to keep the plan as it is in the app. Autosave is paused until then."), "note")
        else:
            self.autosave_status.value = ""

    def _autosave(self) -> None:
        if not self.autosave_enabled or self._quiet or self._autosave_blocked:
            return
        try:
            backup = strategy.autosave(self.plan, self._path())
        except KlasterInputError as problem:
            self.autosave_status.value = message_html(_("Autosave paused: {problem}").format(problem=_(str(problem))),
                                                      "problem")
            return
        except OSError as problem:  # pragma: no cover - depends on the file system
            self.autosave_status.value = message_html(_("Autosave failed: {problem}").format(problem=problem),
                                                      "problem")
            return
        saved = _("Autosaved to {file} at {time}.").format(file=backup.name, time=f"{_dt.datetime.now():%H:%M:%S}")
        self.autosave_status.value = f'<small style="color:#555">{html.escape(saved)}</small>'

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
        name = _(STEP_NAMES.get(step, step))
        # in English the step's Indonesian name follows in brackets (the lesson's notes use it)
        other = strategy.STEPS_ID[step] if language() == "en" else ""
        hint = html.escape(_(STEP_HINTS[step]))
        if not other or other.casefold() == name.casefold():
            self.step_hint.value = _("<b>Step {number} of 5 \u2014 {step}</b>: {hint}").format(
                number=index + 1, step=html.escape(name), hint=hint)
        else:
            self.step_hint.value = _("<b>Step {number} of 5 \u2014 {step}</b> (<i>{other}</i>): {hint}").format(
                number=index + 1, step=html.escape(name), other=html.escape(other), hint=hint)
        if step == "Implementation":
            self._show_implementation_warnings()

    # ------------------------------------------------------------------ step 1
    def _build_mobilisation(self) -> widgets.Widget:
        wide = widgets.Layout(width="460px")
        form = {"style": {"description_width": "100px"}}
        self.sh_pick = widgets.Dropdown(**form, options=_pick_options([]), value=NEW, description=_("Edit:"),
                                        layout=wide)
        self.sh_name = widgets.Text(**form, description=_("Name:"), layout=wide,
                                    placeholder=_("organisation or person"))
        self.sh_type = widgets.Dropdown(**form, options=[(_(t), t) for t in strategy.STAKEHOLDER_TYPES], value="firm",
                                        description=_("Type:"), layout=widgets.Layout(width="320px"))
        self.sh_influence = widgets.IntSlider(**form, value=3, min=1, max=5, description=_("Influence:"))
        self.sh_interest = widgets.IntSlider(**form, value=3, min=1, max=5, description=_("Interest:"))
        self.sh_role = widgets.Text(**form, description=_("Role:"), layout=wide,
                                    placeholder=_("what they bring or need"))
        self.sh_add, self.sh_update, self.sh_remove = self._edit_buttons()
        self.sh_message = widgets.HTML()
        self.sh_table = widgets.HTML()
        self.sh_view = FigureView(figsize=(8.5, 4.8), layout=None,
                                  margins=dict(left=0.08, right=0.98, top=0.93, bottom=0.18))
        self.sh_ax = self.sh_view.figure.add_subplot()
        self.sh_caption = widgets.HTML(f"<i>{html.escape(_(strategy.FIGURE_CAPTIONS['stakeholders']))}</i>")
        self.sh_pick.observe(self._stakeholder_picked, names="value")
        self.sh_add.on_click(self._stakeholder_add)
        self.sh_update.on_click(self._stakeholder_update)
        self.sh_remove.on_click(self._stakeholder_remove)
        form = widgets.VBox([self.sh_pick, self.sh_name, self.sh_type, self.sh_influence, self.sh_interest,
                             self.sh_role, widgets.HBox([self.sh_add, self.sh_update, self.sh_remove]),
                             self.sh_message])
        return widgets.VBox([form, self.sh_table, self.sh_view.image, self.sh_caption])

    @staticmethod
    def _edit_buttons() -> tuple:
        """The Add, Save changes and Remove buttons of a form (wide enough for their Indonesian labels)."""
        return (widgets.Button(description=_("Add"), icon="plus", button_style="success",
                               layout=widgets.Layout(width="130px")),
                widgets.Button(description=_("Save changes"), icon="pencil", layout=widgets.Layout(width="190px")),
                widgets.Button(description=_("Remove"), icon="trash", button_style="warning",
                               layout=widgets.Layout(width="130px")))

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
        self.sh_message.value = message_html(_("Added {name} ({position}).").format(
            name=new.name, position=_(strategy.grid_position(new.influence, new.interest))), "result")
        self.sh_name.value = ""
        self.sh_role.value = ""
        self._changed("stakeholders")

    @_guarded
    def _stakeholder_update(self, button=None) -> None:
        index = self._selected_index(self.sh_pick, [s.name for s in self.plan.stakeholders])
        if index is None:
            self.sh_message.value = message_html(_("Choose the stakeholder to change in 'Edit' first."), "problem")
            return
        new = self._stakeholder_from_form()
        others = self.plan.stakeholders[:index] + self.plan.stakeholders[index + 1:]
        problems = strategy.check_stakeholder(new, others)
        if problems:
            self.sh_message.value = _messages_html(problems)
            return
        self.plan.stakeholders = [*self.plan.stakeholders[:index], new, *self.plan.stakeholders[index + 1:]]
        self.sh_message.value = message_html(_("Saved the changes to {name}.").format(name=new.name), "result")
        self._changed("stakeholders")
        self.sh_pick.value = new.name

    @_guarded
    def _stakeholder_remove(self, button=None) -> None:
        index = self._selected_index(self.sh_pick, [s.name for s in self.plan.stakeholders])
        if index is None:
            self.sh_message.value = message_html(_("Choose the stakeholder to remove in 'Edit' first."), "problem")
            return
        gone = self.plan.stakeholders[index]
        self.plan.stakeholders = self.plan.stakeholders[:index] + self.plan.stakeholders[index + 1:]
        self.sh_message.value = message_html(_("Removed {name}. (Its actions keep {quoted} as owner.)").format(
            name=gone.name, quoted=repr(gone.name)), "result")
        self._changed("stakeholders")

    @_guarded
    def _stakeholder_picked(self, change=None) -> None:
        index = self._selected_index(self.sh_pick, [s.name for s in self.plan.stakeholders])
        if index is None:
            return
        s = self.plan.stakeholders[index]
        self.sh_message.value = message_html(_("Editing {name}: change the fields, then press 'Save changes' "
                                               "(or 'Remove').").format(name=s.name), "note")
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
        self.sh_pick.options = _pick_options(names)
        self.sh_pick.value = keep
        self.sh_pick.observe(self._stakeholder_picked, names="value")
        table = strategy.stakeholder_table(self.plan.stakeholders)
        table = table.assign(**{"type": [_(t) for t in table["type"]],
                                "grid position": [_(g) for g in table["grid position"]]})
        self.sh_table.value = _html_table(table, empty=_("No stakeholders yet: add the first one above."))
        remarks = [m for m in strategy.check_stakeholders(self.plan.stakeholders)]
        if remarks:
            self.sh_table.value += _messages_html(remarks, "note")
        strategy.draw_stakeholder_grid(self.sh_ax, self.plan.stakeholders)
        _translate_chart(self.sh_ax)
        self._render(self.sh_view)
        self.act_owner.options = names

    # ------------------------------------------------------------------ step 2
    def _build_diagnosis(self) -> widgets.Widget:
        form = {"style": {"description_width": "120px"}, "layout": widgets.Layout(width="380px")}
        self.province = widgets.Dropdown(**form, options=[(_("(choose)"), ""), *[(p, p) for p in self.province_names]],
                                         value="", description=_("Province:"))
        self.division = widgets.Dropdown(**form, options=[(_("(choose)"), ""), *[(d, d) for d in self.division_names]],
                                         value="", description=_("Division:"))
        self.diag_numbers = widgets.HTML()
        self.diag_reading = widgets.HTML()
        self.diag_message = widgets.HTML()
        self.swot = {part: widgets.Textarea(description=_(SWOT_LABELS.get(part, part)),
                                            placeholder=_("one item per line"), style={"description_width": "110px"},
                                            layout=widgets.Layout(width="400px", height="110px"))
                     for part in strategy.SWOT_PARTS}
        self.province.observe(self._diagnosis_choice, names="value")
        self.division.observe(self._diagnosis_choice, names="value")
        for area in self.swot.values():
            area.observe(self._swot_edited, names="value")
        swot_grid = widgets.GridBox(list(self.swot.values()),
                                    layout=widgets.Layout(grid_template_columns="repeat(2, 410px)"))
        return widgets.VBox([widgets.HBox([self.province, self.division]), self.diag_reading, self.diag_numbers,
                             widgets.HTML(_("<b>SWOT</b> (<i>kekuatan, kelemahan, peluang, ancaman</i>): one item per "
                                            "line.")),
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
                self.diag_message.value = message_html(_(str(problem)), "problem")
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
            labels = [_(strategy.DIAGNOSIS_NUMBERS[k]).format(start=d.start_year, end=d.end_year)
                      if k in strategy.DIAGNOSIS_NUMBERS else m for k, m in zip(table.index, table["measure"])]
            values = [strategy._format_number(k, v) for k, v in zip(table.index, table["value"])]
            shown = pd.DataFrame({"measure": labels,
                                  "value": values})
            self.diag_numbers.value = _html_table(shown)
            self.diag_reading.value = message_html(_("{reading} (Synthetic data.)").format(
                reading=strategy.read_diagnosis(d)), "result")
        else:
            self.diag_numbers.value = ""
            self.diag_reading.value = message_html(_("Choose a province and a division to pull in their numbers."),
                                                   "note")
        self.diag_message.value = _messages_html(strategy.check_diagnosis(d), "note")

    # ------------------------------------------------------------------ step 3
    def _build_strategy(self) -> widgets.Widget:
        wide = widgets.Layout(width="650px")
        form = {"style": {"description_width": "165px"}}
        short = widgets.Layout(width="320px")
        self.vision = widgets.Textarea(**form, description=_("Vision:"),
                                       placeholder=_("one or two sentences everyone agrees on"),
                                       layout=widgets.Layout(width="650px", height="70px"))
        self.objectives = widgets.Textarea(**form, description=_("Objectives:"),
                                           placeholder=_("three to five, one per line"),
                                           layout=widgets.Layout(width="650px", height="110px"))
        self.horizon = widgets.IntText(**form, value=24, description=_("Horizon (months):"), layout=short)
        self.strategy_message = widgets.HTML()
        self.act_pick = widgets.Dropdown(**form, options=_pick_options([]), value=NEW, description=_("Edit:"),
                                         layout=wide)
        self.act_name = widgets.Text(**form, description=_("Action:"), layout=wide,
                                     placeholder=_("what will be done"))
        self.act_objective = widgets.Dropdown(**form, options=[(_("(none)"), "")], value="",
                                              description=_("Objective:"), layout=wide)
        self.act_owner = widgets.Combobox(**form, description=_("Owner:"), layout=wide, ensure_option=False,
                                          placeholder=_("who is responsible (pick or type)"))
        self.act_start = widgets.IntText(**form, value=1, description=_("Start month:"), layout=short)
        self.act_duration = widgets.IntText(**form, value=1, description=_("Months:"), layout=short)
        self.act_cost = widgets.FloatText(**form, value=0.0, description=_("Cost (Rp):"), layout=short)
        self.act_quick = widgets.Checkbox(value=False, description=_("quick win"), indent=False,
                                          layout=widgets.Layout(width="300px"))
        self.act_add, self.act_update, self.act_remove = self._edit_buttons()
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
            widgets.HTML("<b>" + html.escape(_("Action plan")) + "</b>"), self.act_pick, self.act_name, self.act_objective, self.act_owner,
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
                                                     ok=_("Vision and objectives are complete."))

    def _show_objectives(self, render: bool = False) -> None:
        """Objectives feed the two 'Objective' pickers and the tables' checks; the charts do not show them."""
        self._show_strategy_messages()
        options = [(_("(none)"), "")] + [(f"O{i}. {o}", o) for i, o in enumerate(dict.fromkeys(self.plan.objectives), 1)]
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
        self.act_message.value = (message_html(_("Added the action {name}.").format(name=repr(new.action)), "result")
                                  + _messages_html(warnings, "note"))
        self.act_name.value = ""
        self._changed("actions")

    @_guarded
    def _action_update(self, button=None) -> None:
        index = self._selected_index(self.act_pick, [a.action for a in self.plan.actions])
        if index is None:
            self.act_message.value = message_html(_("Choose the action to change in 'Edit' first."), "problem")
            return
        new = self._action_from_form()
        others = self.plan.actions[:index] + self.plan.actions[index + 1:]
        problems = strategy.check_action(new, others)
        if problems:
            self.act_message.value = _messages_html(problems)
            return
        self.plan.actions = [*self.plan.actions[:index], new, *self.plan.actions[index + 1:]]
        self.act_message.value = message_html(_("Saved the changes to {name}.").format(name=repr(new.action)), "result")
        self._changed("actions")
        self.act_pick.value = new.action

    @_guarded
    def _action_remove(self, button=None) -> None:
        index = self._selected_index(self.act_pick, [a.action for a in self.plan.actions])
        if index is None:
            self.act_message.value = message_html(_("Choose the action to remove in 'Edit' first."), "problem")
            return
        gone = self.plan.actions[index]
        self.plan.actions = self.plan.actions[:index] + self.plan.actions[index + 1:]
        self.act_message.value = message_html(_("Removed the action {name}.").format(name=repr(gone.action)), "result")
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
        if known or not a.objective:
            self.act_message.value = message_html(_("Editing {name}: change the fields, then press 'Save changes' "
                                                    "(or 'Remove').").format(name=repr(a.action)), "note")
        else:
            self.act_message.value = message_html(_(
                "This action served {objective}, which is no longer one of the objectives: choose one before "
                "saving changes (the action keeps the old text until you do).").format(objective=repr(a.objective)),
                "note")
        self.act_owner.value = a.owner
        self.act_start.value = int(a.start_month)
        self.act_duration.value = int(a.duration_months)
        self.act_cost.value = float(a.cost_rupiah)
        self.act_quick.value = bool(a.quick_win)

    def _show_actions(self, render: bool = True) -> None:
        names = [a.action for a in self.plan.actions]
        keep = self.act_pick.value if self.act_pick.value in names else NEW
        self.act_pick.unobserve(self._action_picked, names="value")
        self.act_pick.options = _pick_options(names)
        self.act_pick.value = keep
        self.act_pick.observe(self._action_picked, names="value")
        table = strategy.action_table(self.plan.actions, self.plan.objectives, self.plan.horizon_months)
        shown = table.drop(columns=["objective"]).assign(**{
            "cost (Rp)": [_rupiah(c) for c in table["cost (Rp)"]],
            "quick win": [_("yes") if q else "" for q in table["quick win"]]})
        self.act_table.value = _html_table(shown, empty=_("No actions yet: add the first one above."))
        if render:
            self._show_timeline()
        else:
            self._show_implementation_warnings()

    # ------------------------------------------------------------------ step 4
    def _build_implementation(self) -> widgets.Widget:
        self.timeline_view = FigureView(figsize=(9, 4), layout=None,
                                        margins=dict(left=0.3, right=0.8, top=0.9, bottom=0.14))
        self.timeline_ax = self.timeline_view.figure.add_subplot()
        self.timeline_caption = widgets.HTML(f"<i>{html.escape(_(strategy.FIGURE_CAPTIONS['timeline']))}</i>")
        self.impl_summary = widgets.HTML()
        self.impl_warnings = widgets.HTML()
        return widgets.VBox([self.impl_summary, self.timeline_view.image, self.timeline_caption, self.impl_warnings])

    def _show_timeline(self) -> None:
        n = len(self.plan.actions)
        height = 1.6 + 0.32 * max(n, 3)
        self.timeline_view.figure.set_size_inches(9, height)
        self.timeline_view.figure.subplots_adjust(bottom=0.55 / height, top=1 - 0.4 / height)
        strategy.draw_timeline(self.timeline_ax, self.plan.actions, self.plan.horizon_months)
        _translate_chart(self.timeline_ax)
        self._render(self.timeline_view)
        self._show_implementation_warnings()

    def _show_implementation_warnings(self) -> None:
        actions = self.plan.actions
        total = sum(a.cost_rupiah for a in actions if strategy._is_number(a.cost_rupiah))
        quick = [a for a in actions if a.quick_win]
        self.impl_summary.value = message_html(ngettext(
            "{actions} actions over a horizon of {months} months; total cost {cost}; {quick} quick win.",
            "{actions} actions over a horizon of {months} months; total cost {cost}; {quick} quick wins.",
            len(quick)).format(actions=len(actions), months=self.plan.horizon_months, cost=_rupiah(total),
                               quick=len(quick)), "result")
        warnings = []
        for i, a in enumerate(actions, 1):
            warnings += strategy.action_warnings(a, self.plan.objectives, self.plan.horizon_months, position=i)
        if actions and not quick:
            warnings.append(_("No action is marked as a quick win: an early, visible success helps keep firms on "
                              "board."))
        self.impl_warnings.value = _messages_html(warnings, "problem", ok=_("No warnings: every action has an owner, "
                                                                            "an objective and ends within the horizon."))

    # ------------------------------------------------------------------ step 5
    def _build_evaluation(self) -> widgets.Widget:
        wide = widgets.Layout(width="540px")
        third = widgets.Layout(width="265px")
        form = {"style": {"description_width": "100px"}}
        self.kpi_pick = widgets.Dropdown(**form, options=_pick_options([]), value=NEW, description=_("Edit:"),
                                         layout=wide)
        self.kpi_name = widgets.Text(**form, description=_("KPI:"), layout=wide, placeholder=_("what is measured"))
        self.kpi_unit = widgets.Text(**form, description=_("Unit:"), placeholder=_("workers, firms, %, Rp ..."),
                                     layout=widgets.Layout(width="340px"))
        self.kpi_baseline = widgets.FloatText(**form, value=0.0, description=_("Baseline:"), layout=third)
        self.kpi_target = widgets.FloatText(**form, value=0.0, description=_("Target:"), layout=third)
        self.kpi_latest = widgets.Text(**form, value="", description=_("Latest:"),
                                       placeholder=_("empty = not measured yet"), layout=third)
        self.kpi_objective = widgets.Dropdown(**form, options=[(_("(none)"), "")], value="",
                                              description=_("Objective:"), layout=wide)
        self.kpi_measure = widgets.Dropdown(**form, options=[(_("entered by hand"), ""), (_("LQ from the data"), "lq"),
                                                             (_("jobs from the data"), "jobs")], value="",
                                            description=_("Measured:"), layout=widgets.Layout(width="400px"))
        self.kpi_add, self.kpi_update, self.kpi_remove = self._edit_buttons()
        self.kpi_message = widgets.HTML()
        self.kpi_table = widgets.HTML()
        self.dash_view = FigureView(figsize=(9, 3.5), layout=None,
                                    margins=dict(left=0.33, right=0.97, top=0.88, bottom=0.16))
        self.dash_ax = self.dash_view.figure.add_subplot()
        self.dash_caption = widgets.HTML(f"<i>{html.escape(_(strategy.FIGURE_CAPTIONS['kpis']))}</i>")
        self.remeasure_button = widgets.Button(description=_("Re-measure LQ and jobs"), icon="refresh",
                                               layout=widgets.Layout(width="300px"))
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
            widgets.HTML(_("<b>Back to the diagnosis:</b> measure the LQ and jobs of the diagnosis's province and "
                           "division again, in the last year of the data; KPIs measured from the data get the new "
                           "value.")),
            self.remeasure_button, self.remeasure_result])

    def _kpi_from_form(self):
        """The KPI in the form, or a message if the latest value is not a number."""
        try:
            latest = _parse_optional_number(self.kpi_latest.value)
        except ValueError:
            return None, [_("The latest value {value} is not a number; leave it empty if it is not measured "
                            "yet.").format(value=repr(self.kpi_latest.value))]
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
        self.kpi_message.value = message_html(_("Added the KPI {name} ({light}).").format(
            name=repr(kpi.name), light=_(strategy.traffic_light(kpi.baseline, kpi.target, kpi.latest))), "result")
        self.kpi_name.value = ""
        self._changed("kpis")

    @_guarded
    def _kpi_update(self, button=None) -> None:
        index = self._selected_index(self.kpi_pick, [k.name for k in self.plan.kpis])
        if index is None:
            self.kpi_message.value = message_html(_("Choose the KPI to change in 'Edit' first."), "problem")
            return
        kpi, problems = self._kpi_from_form()
        others = self.plan.kpis[:index] + self.plan.kpis[index + 1:]
        problems = problems or strategy.check_kpi(kpi, others)
        if problems:
            self.kpi_message.value = _messages_html(problems)
            return
        self.plan.kpis = [*self.plan.kpis[:index], kpi, *self.plan.kpis[index + 1:]]
        self.kpi_message.value = message_html(_("Saved the changes to {name}.").format(name=repr(kpi.name)), "result")
        self._changed("kpis")
        self.kpi_pick.value = kpi.name

    @_guarded
    def _kpi_remove(self, button=None) -> None:
        index = self._selected_index(self.kpi_pick, [k.name for k in self.plan.kpis])
        if index is None:
            self.kpi_message.value = message_html(_("Choose the KPI to remove in 'Edit' first."), "problem")
            return
        gone = self.plan.kpis[index]
        self.plan.kpis = self.plan.kpis[:index] + self.plan.kpis[index + 1:]
        self.kpi_message.value = message_html(_("Removed the KPI {name}.").format(name=repr(gone.name)), "result")
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
        self.kpi_latest.value = "" if k.latest is None else local_style(format(k.latest, ".15g"))
        known = k.objective in [v for _, v in self.kpi_objective.options]
        self.kpi_objective.value = k.objective if known else ""
        if known or not k.objective:
            self.kpi_message.value = message_html(_("Editing {name}: change the fields, then press 'Save changes' "
                                                    "(or 'Remove').").format(name=repr(k.name)), "note")
        else:
            self.kpi_message.value = message_html(_(
                "This KPI measured {objective}, which is no longer one of the objectives: choose one before "
                "saving changes (the KPI keeps the old text until you do).").format(objective=repr(k.objective)),
                "note")
        self.kpi_measure.value = k.measure if k.measure in strategy.KPI_MEASURES else ""

    def _show_kpis(self, render: bool = True) -> None:
        names = [k.name for k in self.plan.kpis]
        keep = self.kpi_pick.value if self.kpi_pick.value in names else NEW
        self.kpi_pick.unobserve(self._kpi_picked, names="value")
        self.kpi_pick.options = _pick_options(names)
        self.kpi_pick.value = keep
        self.kpi_pick.observe(self._kpi_picked, names="value")
        table = strategy.kpi_table(self.plan.kpis)
        lights = {_(light): light for light in strategy.LIGHTS}
        shown = pd.DataFrame({
            "KPI": table["name"], "unit": table["unit"],
            "baseline": [_value(v) for v in table["baseline"]],
            "target": [_value(v) for v in table["target"]],
            "latest": [_value(v) for v in table["latest"]],
            "progress": ["\u2013" if pd.isna(p) else _f("{progress:.0f}%", progress=100 * p) for p in table["progress"]],
            "light": [_(light) for light in table["light"]],
            "measured": [_(strategy.KPI_MEASURES.get(m, m)) for m in table["measure"]]})
        self.kpi_table.value = _html_table(shown, light_column="light", lights=lights,
                                           empty=_("No KPIs yet: add the first one above."))
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
        _translate_chart(self.dash_ax)
        self._render(self.dash_view)

    @_guarded
    def _remeasure(self, button=None) -> None:
        try:
            table = strategy.remeasure(self.plan.diagnosis, panel=self.panel)
        except KlasterInputError as problem:
            self.remeasure_result.value = message_html(_(str(problem)), "problem")
            return
        self.plan = strategy.with_remeasured_kpis(self.plan, table)
        self.remeasure_table = table
        shown = pd.DataFrame({
            "measure": [_(label) for label in table["label"]],
            "diagnosis": [f"{_value(v)} ({y})" for v, y in zip(table["diagnosis_value"], table["diagnosis_year"])],
            "re-measured": [f"{_value(v)} ({y})" for v, y in zip(table["value"], table["year"])],
            "change": [("+" if strategy._is_number(c) and c > 0 else "") + _value(c) for c in table["change"]]})
        year = int(table["year"].iloc[0])
        note = ""
        if year == self.plan.diagnosis.end_year:
            note = message_html(_("The data ends in {year}, the year of the diagnosis, so nothing has changed yet. "
                                  "When a newer year is added to the data, press again.").format(year=year), "note")
        linked = [k.name for k in self.plan.kpis if k.measure in table.index]
        if linked:
            updated = message_html(_("Updated the latest value of: {kpis}.").format(kpis=", ".join(linked)), "result")
        else:
            updated = message_html(_("No KPI is measured from the data; choose 'LQ from the data' or 'jobs from the "
                                     "data' in a KPI's 'Measured' field to link it."), "note")
        self.remeasure_result.value = _html_table(shown) + note + updated
        self._changed("kpis")

    # ------------------------------------------------------------------ whole plan
    def _show_plan(self) -> None:
        """Fill every control from ``self.plan`` (used at the start and after Load / Restore)."""
        plan = self.plan
        d = plan.diagnosis
        self.province.value = d.province if d.province in self.province_names else ""
        division = data.course_division(d.division, self.division_names)  # saved in either language
        self.division.value = division if division in self.division_names else ""
        for part in strategy.SWOT_PARTS:
            self.swot[part].value = strategy.list_to_lines(getattr(d, part))
        self.vision.value = plan.vision
        self.objectives.value = strategy.list_to_lines(plan.objectives)
        self.horizon.value = int(plan.horizon_months)
        self._show_stakeholders()
        self._show_diagnosis()
        if d.province and d.province not in self.province_names:
            self.diag_message.value += message_html(_("The plan's province {province} is not in the data; its saved "
                                                      "numbers are kept.").format(province=repr(d.province)), "note")
        self._show_objectives(render=True)
