"""Widget of lesson 02: the diamond scorecard. Score a cluster on Porter's
determinants with sliders, see a radar chart, compare with a second cluster,
and save or load scores in a small JSON file."""
from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets

from ..diamond import (DETERMINANTS, MAX_SCORE, MIN_SCORE, NAMES, WORKED_TITLES, RadarChart, load_scores,
                       save_scores, worked_case, worked_scores)
from ..errors import KlasterInputError
from ..i18n import _
from ..paths import in_work_dir
from ..plots import use_course_style
from .base import FigureView, LessonWidget, Panel, TextPart, message_html
from .texts import caption_html, fit_to_figure

DEFAULT_FILE = "my_diamond_scores.json"
NOTHING = "nothing"


class DiamondScorecard(LessonWidget):
    """Score a cluster from 1 to 5 on each determinant of Porter's diamond and compare it with another.

    Controls: ``cluster_name`` (Text), ``sliders`` (a dict of IntSliders keyed
    by determinant, also available as ``score_factor``, ``score_demand``, ...), ``compare`` (Dropdown: nothing, the course's worked
    scores for Jepara and Cibaduyut, or an entry loaded from a file),
    ``copy_button`` (put the compared scores on the sliders), ``path`` (Text:
    the file to save to and load from; a relative name is inside the
    student's work folder, ``klaster.paths.work_dir()``), ``save_button`` and ``load_button``. Outputs:
    ``view`` (the radar chart), ``caption``, ``reasoning`` (the reasons for
    a worked case's scores), ``message``. ``chart`` is the RadarChart;
    ``saved`` the entries last loaded from the file.
    """

    def __init__(self, start: str = "jepara", compare_with: str = "cibaduyut", path: str = DEFAULT_FILE):
        use_course_style()
        start_scores = worked_case(start)
        # the determinants' names and the worked cases' titles come from klaster.diamond, shown with _()
        self.cluster_name = widgets.Text(value=_(WORKED_TITLES[start]), description=_("Cluster name:"),
                                         style={"description_width": "initial"}, layout=widgets.Layout(width="420px"))
        labels = {key: _("{determinant}:").format(determinant=_(NAMES[key])) for key in DETERMINANTS}
        label_width = max(300, 8 * max(map(len, labels.values())))  # room for the longest name (about 8 px a letter)
        style = {"description_width": f"{label_width}px"}
        self.sliders = {
            key: widgets.IntSlider(value=int(start_scores[key]), min=MIN_SCORE, max=MAX_SCORE,
                                   description=labels[key], style=style,
                                   layout=widgets.Layout(width=f"{label_width + 260}px"))
            for key in DETERMINANTS}
        for key, slider in self.sliders.items():  # also as attributes: score_factor, score_demand, ...
            setattr(self, f"score_{key}", slider)
        self.saved = None
        self._hold = False
        self._worked = {key: worked_case(key).to_dict() for key in WORKED_TITLES}  # fixed: read them once
        self._reasons: dict[str, str] = {}
        self.compare = widgets.Dropdown(description=_("Compare with:"), style={"description_width": "initial"},
                                        layout=widgets.Layout(width="440px"))
        self._set_compare_options(f"worked:{compare_with}" if compare_with else NOTHING)
        self.copy_button = widgets.Button(description=_("Put these scores on the sliders"),
                                          layout=widgets.Layout(width="auto"))
        self.path = widgets.Text(value=path, description=_("File:"), layout=widgets.Layout(width="420px"))
        self.save_button = widgets.Button(description=_("Save my scores"), button_style="success",
                                          layout=widgets.Layout(width="auto"))
        self.load_button = widgets.Button(description=_("Load saved scores"), layout=widgets.Layout(width="auto"))
        self.message = TextPart()
        self.reasoning = TextPart(style="max-width:820px")
        self.caption = TextPart()
        self.view = FigureView(figsize=(6.5, 5.5), width="560px", in_panel=True)
        self.chart = RadarChart(ax=self.view.figure.add_subplot(projection="polar"))
        self.view.animate(*self.chart.animated())  # the series and their legend; rings and labels stay
        for slider in self.sliders.values():
            slider.observe(self._redraw, names="value")
        self.cluster_name.observe(self._redraw, names="value")
        self.compare.observe(self._redraw, names="value")
        self.copy_button.on_click(lambda _b: self.copy_compared())
        self.save_button.on_click(lambda _b: self.save())
        self.load_button.on_click(lambda _b: self.load())
        self.widget = widgets.VBox([
            self.cluster_name, *self.sliders.values(),
            widgets.HBox([self.compare, self.copy_button]),
            widgets.HBox([self.path, self.save_button, self.load_button]),
            Panel(self.message, self.view.image, self.caption, self.reasoning),
        ])
        self._redraw()

    # -- values -------------------------------------------------------------
    def scores(self) -> dict:
        """The scores on the sliders, keyed by determinant."""
        return {key: int(slider.value) for key, slider in self.sliders.items()}

    def _compared(self):
        """(label, scores, name) of the compared cluster, or None."""
        choice = self.compare.value
        if choice in (None, NOTHING):
            return None
        kind, _sep, ident = choice.partition(":")
        if kind == "worked":
            title = _(WORKED_TITLES[ident])
            return self._worked_label(title), dict(self._worked[ident]), title
        row = self.saved.iloc[int(ident)]
        return (_("{name} (saved {saved})").format(name=row["name"], saved=row["saved"]),
                {k: int(row[k]) for k in DETERMINANTS}, row["name"])

    @staticmethod
    def _worked_label(title: str) -> str:
        return _("{title} (course's judgement)").format(title=title)

    def _set_compare_options(self, value=None) -> None:
        options = [(_("nothing"), NOTHING)]
        options += [(self._worked_label(_(title)), f"worked:{key}") for key, title in WORKED_TITLES.items()]
        if self.saved is not None:
            options += [(_("saved: {name} ({saved})").format(name=row.name, saved=row.saved), f"saved:{i}")
                        for i, row in enumerate(self.saved.itertuples(index=False))]
        keep = value if value is not None else self.compare.value
        self.compare.options = options
        values = [v for _label, v in options]
        self.compare.value = keep if keep in values else NOTHING

    # -- actions ------------------------------------------------------------
    def copy_compared(self) -> None:
        """Put the compared cluster's scores on the sliders (and its name in the name box)."""
        compared = self._compared()
        if compared is None:
            self.message.value = message_html(_("Choose a cluster to compare with first."), "problem")
            return
        label, scores, name = compared
        self._hold = True
        try:
            for key in DETERMINANTS:
                self.sliders[key].value = int(scores[key])
            self.cluster_name.value = name
        finally:
            self._hold = False
        self._redraw()
        self.message.value = message_html(_("The sliders now hold the scores of {label}; change them as you "
                                            "see fit.").format(label=label), "note")

    def _file(self) -> Path | None:
        text = self.path.value.strip()
        if not text:
            self.message.value = message_html(_("Type a file name, for example {example}.").format(
                example=DEFAULT_FILE), "problem")
            return None
        return in_work_dir(text)

    def save(self) -> None:
        """Append the sliders' scores, under the cluster's name, to the file."""
        path = self._file()
        if path is None:
            return
        try:
            entry = save_scores(path, self.cluster_name.value, self.scores())
            self.saved = load_scores(path)
        except KlasterInputError as exc:
            self.message.value = message_html(str(exc), "problem")
            return
        self._set_compare_options()
        self.message.value = message_html(
            _("Saved {name!r} at {saved} to {path} ({count} saved entries in the file; earlier entries are "
              "kept).").format(name=entry["name"], saved=entry["saved"], path=path.resolve(), count=len(self.saved)),
            "note")

    def load(self) -> None:
        """Read every entry of the file and offer them in ``compare``; the newest is chosen."""
        path = self._file()
        if path is None:
            return
        try:
            saved = load_scores(path)
        except KlasterInputError as exc:
            self.message.value = message_html(str(exc), "problem")
            return
        if saved.empty:
            self.message.value = message_html(_("{file} holds no saved scores yet.").format(file=path.name), "note")
            return
        self.saved = saved
        self._set_compare_options(f"saved:{len(saved) - 1}")
        self.message.value = message_html(
            _("Loaded {count} saved entries from {path}; the newest is shown for comparison. Press '{button}' to "
              "edit it.").format(count=len(saved), path=path.resolve(), button=self.copy_button.description),
            "note")

    # -- display ------------------------------------------------------------
    def _redraw(self, change=None) -> None:
        if self._hold:
            return
        name = self.cluster_name.value.strip() or _("my cluster")
        self.chart.set_series(0, self.scores(), name)
        compared = self._compared()
        if compared is None:
            self.chart.hide(1)
            self.reasoning.value = ""
        else:
            label, scores, _name = compared
            self.chart.set_series(1, scores, label)
            choice = self.compare.value
            if choice not in self._reasons:
                self._reasons[choice] = self._reasoning_html(choice)
            self.reasoning.value = self._reasons[choice]
        # set_text, not set_title: set_title puts the title back at y = 1, where the theta labels are,
        # and only a full draw would lift it again (the view draws the title alone, on top)
        self.chart.ax.title.set_text(
            _("Porter's diamond: {name} and {other}").format(name=name, other=compared[2]) if compared
            else _("Porter's diamond: {name}").format(name=name))
        fit_to_figure(self.chart.ax.title)
        self.view.refresh()
        caption = (_("Figure: radar chart of diamond scores (1 = weak, 5 = strong) on the four determinants of "
                     "Porter (1990) plus chance and government; blue solid line: the sliders; orange-red dashed "
                     "line: the compared cluster. Scores are judgements, not measurements.") if compared else
                   _("Figure: radar chart of diamond scores (1 = weak, 5 = strong) on the four determinants of "
                     "Porter (1990) plus chance and government; blue solid line: the sliders. Scores are "
                     "judgements, not measurements."))
        self.caption.value = caption_html(html.escape(caption, quote=False))

    @staticmethod
    def _reasoning_html(choice: str) -> str:
        kind, _sep, ident = choice.partition(":")
        if kind != "worked":
            return ""
        table = worked_scores()
        rows = table[table["case"] == ident]
        # the determinants' names and the reasons are in the course language already (worked_scores)
        body = "".join(f"<tr><td style='padding:2px 8px'>{html.escape(r.name)}</td>"
                       f"<td style='padding:2px 8px; text-align:center'>{r.score}</td>"
                       f"<td style='padding:2px 8px'>{html.escape(r.reasoning)}</td></tr>"
                       for r in rows.itertuples())
        heading = html.escape(_("Why the course scores {case} like this").format(case=_(WORKED_TITLES[ident])),
                              quote=False)
        note = html.escape(_("(the course's judgement, based on the sources named):"), quote=False)
        return (f"<b>{heading}</b> {note}<table style='border-collapse:collapse'>"
                f"<tr><th style='text-align:left; padding:2px 8px'>{html.escape(_('determinant'))}</th>"
                f"<th>{html.escape(_('score'))}</th>"
                f"<th style='text-align:left; padding:2px 8px'>{html.escape(_('reasoning'))}</th></tr>{body}</table>")
