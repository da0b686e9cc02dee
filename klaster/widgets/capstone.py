"""Widget of lesson 10: write the cluster profile report from a form."""
from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets

from .. import data
from ..capstone import SECTIONS, build_profile, section_title, write_report
from ..errors import KlasterInputError
from ..i18n import N_, _, _f
from ..paths import work_dir
from .base import LessonWidget, message_html
from .texts import synthetic_note

REPLACE_LABEL = N_("Replace an existing file with this name")


class ReportBuilder(LessonWidget):
    """Choose a province and division, write your text per section, and save the report.

    Controls: ``province``, ``division`` (Dropdowns), ``texts`` (one Textarea
    per report section), ``author``, ``file_name`` (Text), ``replace``
    (Checkbox: the only way to overwrite an existing file), ``write`` (Button).
    A relative file name is inside ``folder`` (default: the student's work
    folder, ``klaster.paths.work_dir()``).
    Outputs: ``summary`` (key numbers, HTML) and ``status`` (HTML).
    """

    def __init__(self, province: str = "Jawa Tengah", division: str = "Furniture",
                 file_name: str = "my_cluster_profile.html", folder: str | Path | None = None):
        matrix = data.employment_matrix(data.PANEL_YEARS[1])
        self.folder = Path(folder) if folder is not None else work_dir()  # the student's work folder
        natural = {"description_width": "initial"}  # labels as wide as their text, in every language
        self.province = widgets.Dropdown(options=list(matrix.index), value=province, description=_("Province:"),
                                         style=natural, layout=widgets.Layout(width="340px"))
        division = data.division_label(division) if division not in matrix.columns else division
        self.division = widgets.Dropdown(options=list(matrix.columns), value=division, description=_("Division:"),
                                         style=natural, layout=widgets.Layout(width="380px"))
        self.summary = widgets.HTML()
        layout = widgets.Layout(width="760px", height="90px")
        self.texts = {key: widgets.Textarea(placeholder=_("Your text for '{section}'").format(section=section_title(key)),
                                            layout=layout)
                      for key in SECTIONS}
        style = {"description_width": "120px"}
        self.author = widgets.Text(description=_("Your name:"), placeholder=_("for the report's first line"),
                                   style=style, layout=widgets.Layout(width="480px"))
        self.file_name = widgets.Text(value=file_name, description=_("File name:"), style=style,
                                      layout=widgets.Layout(width="480px"))
        self.replace = widgets.Checkbox(value=False, description=_(REPLACE_LABEL), indent=False,
                                        layout=widgets.Layout(width="600px"))
        self.write = widgets.Button(description=_("Write the report"), button_style="primary", icon="file",
                                    layout=widgets.Layout(width="auto"))
        self.status = widgets.HTML()
        self._profiles: dict = {}
        self.province.observe(self._refresh_summary, names="value")
        self.division.observe(self._refresh_summary, names="value")
        self.write.on_click(self._write)
        sections = [widgets.VBox([widgets.HTML(f"<b>{html.escape(section_title(key), quote=False)}</b>"),
                                  self.texts[key]])
                    for key in SECTIONS]
        self.widget = widgets.VBox([
            widgets.HTML(synthetic_note()),
            widgets.HBox([self.province, self.division]), self.summary, *sections,
            self.author, self.file_name, self.replace, self.write, self.status])
        self._refresh_summary()

    def profile(self):
        key = (self.province.value, self.division.value)
        if key not in self._profiles:
            self._profiles[key] = build_profile(*key)
        return self._profiles[key]

    def _refresh_summary(self, change=None) -> None:
        n = self.profile().numbers
        # the quadrant's name comes from klaster.measures, shown with _()
        self.summary.value = message_html(_f(
            "{division} in {province}: {jobs:,.0f} jobs, LQ {lq:.2f}, {stars} star(s), portfolio: {quadrant}; "
            "competitive effect {competitive:+,.0f} jobs; locational Gini {gini:.2f}.",
            division=self.division.value, province=self.province.value, jobs=n["industry_jobs_end"],
            lq=n["industry_lq"], stars=n["industry_stars"], quadrant=_(str(n["quadrant"])),
            competitive=n["shift_share_industry"]["competitive"], gini=n["locational_gini"]), "note")

    def _write(self, button=None) -> None:
        name = self.file_name.value.strip()
        if not name:
            self.status.value = message_html(_("Give the report a file name, for example {example}.").format(
                example="my_cluster_profile.html"))
            return
        path = self.folder / name
        try:
            written = write_report(self.profile(), path, text={k: t.value for k, t in self.texts.items()},
                                   author=self.author.value, overwrite=self.replace.value)
        except KlasterInputError as problem:
            hint = (" " + _("Tick '{label}' if you really want to replace it.").format(label=_(REPLACE_LABEL))
                    if path.exists() else "")
            self.status.value = message_html(str(problem) + hint)
            return
        self.replace.value = False  # ask again next time
        empty = [section_title(k) for k, t in self.texts.items() if not t.value.strip()]
        note = (" " + _("Sections still without your text: {sections}.").format(sections=", ".join(empty))
                if empty else "")
        self.status.value = message_html(_("Report written to {path}.").format(path=written) + note, "result")
