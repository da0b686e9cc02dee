"""Widget of lesson 10: write the cluster profile report from a form."""
from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets

from .. import data
from ..capstone import SECTIONS, ClusterProfile, build_profile, section_title, write_report
from ..errors import KlasterInputError
from ..i18n import N_, _, _f
from ..paths import work_dir
from .base import LessonWidget, message_html
from .texts import synthetic_note

REPLACE_LABEL = N_("Replace an existing file with this name")


class ReportBuilder(LessonWidget):
    """Choose a province and division, write your text per section, and save the report.

    With ``profile=`` (a ``ClusterProfile``, for example from
    ``klaster.capstone.build_pdrb_profile`` on real PDRB) the report is
    written for that profile: the two dropdowns are disabled and show its
    region and sector, and the line above the form says where its data come
    from.

    Controls: ``province``, ``division`` (Dropdowns), ``texts`` (one Textarea
    per report section), ``author``, ``file_name`` (Text), ``replace``
    (Checkbox: the only way to overwrite an existing file), ``write`` (Button).
    A relative file name is inside ``folder`` (default: the student's work
    folder, ``klaster.paths.work_dir()``).
    Outputs: ``summary`` (key numbers, HTML) and ``status`` (HTML).
    """

    def __init__(self, province: str = "Jawa Tengah", division: str = "Furniture",
                 file_name: str = "my_cluster_profile.html", folder: str | Path | None = None,
                 profile: ClusterProfile | None = None):
        self.folder = Path(folder) if folder is not None else work_dir()  # the student's work folder
        natural = {"description_width": "initial"}  # labels as wide as their text, in every language
        self._given = profile
        if profile is None:
            matrix = data.employment_matrix(data.PANEL_YEARS[1])
            regions, industries = list(matrix.index), list(matrix.columns)
            division = data.division_label(division) if division not in matrix.columns else division
            note = synthetic_note()
        else:  # a profile made elsewhere (real PDRB, a student's table): its region and industry only
            regions, industries = [profile.region], [profile.industry]
            province, division = profile.region, profile.industry
            note = ("<b>" + html.escape(_("Data:")) + "</b> " + html.escape(
                profile.data_note or _("your own table")) + ".")
        self.province = widgets.Dropdown(options=regions, value=province, description=_("Region:") if profile
                                         is not None else _("Province:"), style=natural,
                                         disabled=profile is not None, layout=widgets.Layout(width="340px"))
        self.division = widgets.Dropdown(options=industries, value=division,
                                         description=(_("Sector:") if profile is not None and profile.unit == "pdrb"
                                                      else _("Industry:") if profile is not None else _("Division:")),
                                         style=natural, disabled=profile is not None,
                                         layout=widgets.Layout(width="380px"))
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
            widgets.HTML(note),
            widgets.HBox([self.province, self.division]), self.summary, *sections,
            self.author, self.file_name, self.replace, self.write, self.status])
        self._refresh_summary()

    def profile(self):
        if self._given is not None:
            return self._given
        key = (self.province.value, self.division.value)
        if key not in self._profiles:
            self._profiles[key] = build_profile(*key)
        return self._profiles[key]

    def _refresh_summary(self, change=None) -> None:
        profile = self.profile()
        n = profile.numbers
        if profile.unit == "pdrb":
            self.summary.value = message_html(_f(
                "{sector} in {region}: PDRB {value:,.1f} billion rupiah, LQ {lq:.2f}, {stars} star(s), portfolio: "
                "{quadrant}; competitive effect {competitive:+,.1f} billion rupiah; locational Gini {gini:.2f}.",
                sector=profile.industry, region=profile.region, value=n["industry_end"], lq=n["industry_lq"],
                stars=n["industry_stars"], quadrant=_(str(n["quadrant"])),
                competitive=n["shift_share_industry"]["competitive"], gini=n["locational_gini"]), "note")
            return
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
