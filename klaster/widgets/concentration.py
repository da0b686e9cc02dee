"""Widget of lesson 07: the locational Lorenz curve of one division, with its
locational Gini and Hoover coefficient (klaster.measures)."""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np
import pandas as pd

from .. import data
from ..errors import KlasterInputError
from ..i18n import _, _f
from ..i18n.mpl import local_ticks
from ..measures import hoover_localization, locational_gini, lorenz_curve
from ..plots import OKABE_ITO, use_course_style
from .base import FigureView, LessonWidget, Panel, TextPart, message_html


class LorenzExplorer(LessonWidget):
    """Choose a division and a year; see its Lorenz curve, locational Gini and Hoover coefficient.

    Controls: ``division`` (Dropdown of division names), ``year``
    (ToggleButtons). Outputs: ``view`` (the Lorenz curve, the diagonal of
    equal spread, the shaded gap whose area is half the Gini, and a vertical
    segment whose length is the Hoover coefficient), ``result`` (the numbers
    in words), ``caption`` and ``message``. The latest values are in
    ``gini_value``, ``hoover_value`` and ``curve`` (the points, from
    ``klaster.measures.lorenz_curve``).

    ``panel`` defaults to the course's SYNTHETIC employment panel.
    """

    def __init__(self, division: str = "Tobacco", year: int = 2024, panel: pd.DataFrame | None = None):
        use_course_style()
        self.panel = data.load_employment_panel() if panel is None else panel
        years = sorted(int(y) for y in self.panel["year"].unique())
        self.matrices = {y: data.employment_matrix(y, panel=self.panel) for y in years}
        self._measures: dict[int, tuple[pd.Series, pd.Series]] = {}  # (Gini, Hoover) of every division, by year
        names = list(self.matrices[years[-1]].columns)
        if panel is None and division not in names:
            division = data.division_label(division)  # a name in the other language, or a KBLI code
        self.division = widgets.Dropdown(options=names, value=division if division in names else names[0],
                                         description=_("Division:"), style={"description_width": "120px"},
                                         layout=widgets.Layout(width="420px"))
        self.year = widgets.ToggleButtons(options=years, value=year if year in years else years[-1],
                                          description=_("Year:"), style={"button_width": "70px"})
        self.view = FigureView(figsize=(6.4, 5.4), width="620px", in_panel=True)
        self.ax = self.view.figure.add_subplot()
        self._build_axes()
        self.result, self.caption, self.message = TextPart(), TextPart(), TextPart()
        self.gini_value = float("nan")
        self.hoover_value = float("nan")
        self.curve: pd.DataFrame | None = None
        self.widget = widgets.VBox([widgets.HBox([self.division, self.year]),
                                    Panel(self.view.image, self.result, self.caption, self.message)])
        self.division.observe(self._on_change, names="value")
        self.year.observe(self._on_change, names="value")
        self._on_change()

    def _build_axes(self) -> None:
        ax = self.ax
        (diagonal,) = ax.plot([0, 1], [0, 1], color=OKABE_ITO["black"], lw=1, ls="--",
                              label=_("equal spread (industry spread like all jobs)"))
        (self.line,) = ax.plot([], [], color=OKABE_ITO["blue"], lw=2, marker="o", ms=3, label=_("Lorenz curve"))
        self.gap = ax.fill_between([0, 1], [0, 1], [0, 1], color=OKABE_ITO["sky_blue"], alpha=0.35,
                                   label=_("gap (area = Gini / 2)"))
        (self.hoover_segment,) = ax.plot([], [], color=OKABE_ITO["vermillion"], lw=2.5,
                                         label=_("largest vertical gap = Hoover"))
        self.top_label = ax.annotate("", xy=(1, 1), xytext=(0.45, 0.9), fontsize=8,
                                     arrowprops={"arrowstyle": "->", "color": OKABE_ITO["black"]})
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_aspect("equal")
        ax.set_xlabel(_("cumulative share of all manufacturing jobs (provinces by LQ, lowest first)"))
        ax.set_ylabel(_("cumulative share of the division's jobs"))
        local_ticks(ax.xaxis, ax.yaxis)
        ax.legend(loc="upper left", fontsize=8, frameon=False)
        # the limits are fixed (shares 0 to 1): only these artists and the title change (the diagonal
        # never moves, but it is drawn with them to stay on top of the shaded gap)
        self.view.animate(diagonal, self.line, self.gap, self.hoover_segment, self.top_label)

    def _on_change(self, change=None) -> None:
        name, year = self.division.value, self.year.value
        emp = self.matrices[year]
        try:
            curve = lorenz_curve(emp, name)
            if year not in self._measures:
                self._measures[year] = (locational_gini(emp), hoover_localization(emp))
            gini = float(self._measures[year][0][name])
            hoover = float(self._measures[year][1][name])
        except KlasterInputError as problem:
            self.message.value = message_html(str(problem), "problem")
            self.result.value = ""
            self.gini_value = self.hoover_value = float("nan")
            self.curve = None
            return
        self.message.value = ""
        self.curve, self.gini_value, self.hoover_value = curve, gini, hoover
        x, y = curve["x"].to_numpy(), curve["y"].to_numpy()
        self.line.set_data(x, y)
        self.gap.set_verts([np.column_stack([np.concatenate([x, x[::-1]]), np.concatenate([y, x[::-1]])])])
        widest = int(np.argmax(x - y))
        self.hoover_segment.set_data([x[widest], x[widest]], [y[widest], x[widest]])
        top = curve["region"].iloc[-1]
        top_share = y[-1] - y[-2]
        self.top_label.xy = (x[-2] + (x[-1] - x[-2]) / 2, y[-2] + top_share / 2)
        self.top_label.set_text(_f("last step: {province}\n({share:.0%} of the division's jobs)",
                                   province=top, share=top_share))
        self.ax.set_title(_f("Lorenz curve of {division}, {year} (SYNTHETIC panel)", division=name, year=year))
        self.view.refresh()
        self.result.value = _f(
            "<b>{division}, {year}</b>: locational Gini <b>{gini:.3f}</b>, Hoover coefficient "
            "<b>{hoover:.3f}</b>. To be spread exactly like all manufacturing jobs, {hoover:.0%} of the "
            "division's jobs would have to move to other provinces. The province where it leans most "
            "(highest LQ) is {province}.", division=name, year=year, gini=gini, hoover=hoover,
            province=top)
        self.caption.value = "<i>" + _(
            "Figure: locational Lorenz curve; provinces are sorted by location quotient, lowest first; each "
            "dot adds one province's share of all manufacturing jobs (x) and of the division's jobs (y). The "
            "further the curve sags below the dashed diagonal, the more concentrated the division. Data: the "
            "course's synthetic panel, illustrative only.") + "</i>"
