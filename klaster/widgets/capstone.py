"""Widget of lesson 10: write the cluster profile report from a form."""
from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets

from .. import data
from ..capstone import SECTIONS, build_profile, write_report
from ..errors import KlasterInputError
from ..paths import work_dir
from .base import LessonWidget, message_html


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
        self.province = widgets.Dropdown(options=list(matrix.index), value=province, description="Province:")
        self.division = widgets.Dropdown(options=list(matrix.columns), value=division, description="Division:")
        self.summary = widgets.HTML()
        layout = widgets.Layout(width="760px", height="90px")
        self.texts = {key: widgets.Textarea(placeholder=f"Your text for '{title}'", layout=layout)
                      for key, title in SECTIONS.items()}
        self.author = widgets.Text(description="Your name:", placeholder="for the report's first line")
        self.file_name = widgets.Text(value=file_name, description="File name:", layout=widgets.Layout(width="420px"))
        self.replace = widgets.Checkbox(value=False, description="Replace an existing file with this name",
                                        indent=False)
        self.write = widgets.Button(description="Write the report", button_style="primary", icon="file")
        self.status = widgets.HTML()
        self._profiles: dict = {}
        self.province.observe(self._refresh_summary, names="value")
        self.division.observe(self._refresh_summary, names="value")
        self.write.on_click(self._write)
        sections = [widgets.VBox([widgets.HTML(f"<b>{html.escape(title)}</b>"), self.texts[key]])
                    for key, title in SECTIONS.items()]
        self.widget = widgets.VBox([
            widgets.HTML("<b>Synthetic data</b> (illustrative, not official statistics)."),
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
        self.summary.value = message_html(
            f"{self.division.value} in {self.province.value}: {n['industry_jobs_end']:,.0f} jobs, "
            f"LQ {n['industry_lq']:.2f}, {n['industry_stars']} star(s), portfolio: {n['quadrant']}; "
            f"competitive effect {n['shift_share_industry']['competitive']:+,.0f} jobs; "
            f"locational Gini {n['locational_gini']:.2f}.", "note")

    def _write(self, button=None) -> None:
        name = self.file_name.value.strip()
        if not name:
            self.status.value = message_html("Give the report a file name, for example my_cluster_profile.html.")
            return
        path = self.folder / name
        try:
            written = write_report(self.profile(), path, text={k: t.value for k, t in self.texts.items()},
                                   author=self.author.value, overwrite=self.replace.value)
        except KlasterInputError as problem:
            hint = " Tick 'Replace an existing file with this name' if you really want to replace it." \
                if path.exists() else ""
            self.status.value = message_html(str(problem) + hint)
            return
        self.replace.value = False  # ask again next time
        empty = [SECTIONS[k] for k, t in self.texts.items() if not t.value.strip()]
        note = f" Sections still without your text: {', '.join(empty)}." if empty else ""
        self.status.value = message_html(f"Report written to {written}.{note}", "result")
