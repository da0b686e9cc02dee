"""Widgets of lesson 04: the shift-share waterfall and the cluster portfolio chart."""
from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.transforms import ScaledTranslation

from .. import data
from ..i18n import _, _f, N_, number, tick_formatter
from ..measures import GROWTH_MEASURES, QUADRANTS, cluster_portfolio, shift_share
from ..plots import OKABE_ITO, nice_range, use_course_style
from ..text_stamps import StampText
from .base import FigureView, LessonWidget, Panel, TextPart, message_html
from .texts import caption_html, fit_to_figure, synthetic_note, toggle_row

ALL_DIVISIONS = N_("All divisions")  # the value of the division menu's first option; shown as _(ALL_DIVISIONS)
COMPONENTS = {"national_share": N_("national share"), "industry_mix": N_("industry mix"),
              "competitive": N_("competitive effect")}
"""The three parts of a shift-share decomposition (column: name, shown with ``_()``)."""

# Each sentence of a reading whole, for a gain and for a loss (word order differs between languages).
_CHANGE = {(True, True): N_("Between {start} and {end}, {region} gained {jobs:,.0f} manufacturing jobs."),
           (True, False): N_("Between {start} and {end}, {region} lost {jobs:,.0f} manufacturing jobs."),
           (False, True): N_("Between {start} and {end}, {region} gained {jobs:,.0f} jobs in {industry}."),
           (False, False): N_("Between {start} and {end}, {region} lost {jobs:,.0f} jobs in {industry}.")}
_NATIONAL = {True: N_("Had it grown at the national rate it would have gained {jobs:,.0f} (national share)."),
             False: N_("Had it grown at the national rate it would have lost {jobs:,.0f} (national share).")}
_MIX = {True: N_("Its industries' national trends added {jobs:,.0f} (industry mix)."),
        False: N_("Its industries' national trends took away {jobs:,.0f} (industry mix).")}
_COMPETITIVE = {True: N_("Its firms did better than the same industries elsewhere by {jobs:,.0f} jobs "
                         "(competitive effect)."),
                False: N_("Its firms did worse than the same industries elsewhere by {jobs:,.0f} jobs "
                          "(competitive effect).")}
_LARGEST = {"national_share": N_("The largest part is the national share."),
            "industry_mix": N_("The largest part is the industry mix."),
            "competitive": N_("The largest part is the competitive effect.")}


def read_shift_share(parts: pd.Series, region: str, industry: str, years: tuple[int, int]) -> str:
    """A few sentences that read a shift-share decomposition (a row with the four components),
    in the course's language. ``industry`` is a division, or ``ALL_DIVISIONS`` for all manufacturing."""
    start, end = years
    change = parts["total_change"]
    names = dict(start=start, end=end, region=region, industry=industry)
    sentences = [
        _f(_CHANGE[(industry == ALL_DIVISIONS, change >= 0)], jobs=abs(change), **names),
        _f(_NATIONAL[parts["national_share"] >= 0], jobs=abs(parts["national_share"])),
        _f(_MIX[parts["industry_mix"] >= 0], jobs=abs(parts["industry_mix"])),
        _f(_COMPETITIVE[parts["competitive"] >= 0], jobs=abs(parts["competitive"])),
        _(_LARGEST[parts[list(COMPONENTS)].abs().idxmax()]),
    ]
    return " ".join(sentences)


class Waterfall:
    """Waterfall chart, updated in place: start-year jobs, each component as a floating bar, end-year jobs."""

    def __init__(self, ax, years: tuple[int, int]):
        self.ax = ax
        labels = [_("jobs {year}").format(year=years[0]), *(_(c).replace(" ", "\n", 1) for c in COMPONENTS.values()),
                  _("jobs {year}").format(year=years[1])]
        self.bars = list(ax.bar(range(5), [0.0] * 5, color=OKABE_ITO["blue"], edgecolor="black", linewidth=0.5))
        ax.set_xticks(range(5), labels=labels)
        self.values = [ax.add_artist(StampText(x, 0, "", ha="center", va="bottom", fontsize=8, snap=True))
                       for x in range(5)]
        ax.set_ylabel(_("jobs (workers)"))
        ax.yaxis.set_major_formatter(tick_formatter(",.0f"))

    def artists(self) -> list:
        """What ``update`` changes (for ``FigureView.animate``)."""
        return [*self.bars, *self.values]

    def update(self, start_jobs: float, parts: pd.Series, title: str) -> "Waterfall":
        steps = [parts[k] for k in COMPONENTS]
        bottoms, heights, colours = [0.0], [start_jobs], [OKABE_ITO["blue"]]
        level = start_jobs
        for step in steps:
            bottoms.append(level if step >= 0 else level + step)
            heights.append(abs(step))
            colours.append(OKABE_ITO["bluish_green"] if step >= 0 else OKABE_ITO["vermillion"])
            level += step
        bottoms.append(0.0)
        heights.append(level)
        colours.append(OKABE_ITO["blue"])
        for x, (bar, text, b, h, colour, step) in enumerate(
                zip(self.bars, self.values, bottoms, heights, colours, [start_jobs, *steps, level])):
            bar.set_y(b)
            bar.set_height(h)
            bar.set_facecolor(colour)
            sign = "+" if 0 < x < 4 and step >= 0 else ("\u2212" if 0 < x < 4 else "")
            text.set_position((x, b + h))
            text.set_text(sign + number(abs(step), ",.0f"))
        low = min(bottoms[1:4] + [start_jobs, level])
        self.ax.set_ylim(max(0.0, low - 0.25 * (max(start_jobs, level) - low + 1)) if low > 0 else 0,
                         max(b + h for b, h in zip(bottoms, heights)) * 1.08 + 1)
        self.ax.set_title(title)
        return self


def draw_waterfall(ax, start_jobs: float, parts: pd.Series, years: tuple[int, int], title: str) -> Waterfall:
    """Clear ``ax`` and draw a ``Waterfall`` of one shift-share decomposition on it (the title shrunk to fit)."""
    ax.clear()
    chart = Waterfall(ax, years).update(start_jobs, parts, title)
    fit_to_figure(ax.title)
    return chart


class ShiftShareExplorer(LessonWidget):
    """Choose a province (and optionally a division): waterfall of its change in jobs.

    Controls: ``province``, ``division`` (Dropdowns). Outputs: ``view``
    (the waterfall), ``reading`` (HTML sentences), ``parts`` (the components shown).
    """

    def __init__(self, province: str = "Jawa Tengah", division: str = ALL_DIVISIONS):
        use_course_style()
        self.years = tuple(data.PANEL_YEARS)
        start, end = (data.employment_matrix(y) for y in self.years)
        self.start = start
        self.decomposition = shift_share(start, end)
        natural = {"description_width": "initial"}  # labels as wide as their text, in every language
        self.province = widgets.Dropdown(options=list(start.index), value=province, description=_("Province:"),
                                         style=natural, layout=widgets.Layout(width="340px"))
        division = division if division == ALL_DIVISIONS else data.course_division(division, start.columns)
        self.division = widgets.Dropdown(options=[(_(ALL_DIVISIONS), ALL_DIVISIONS), *((d, d) for d in start.columns)],
                                         value=division,
                                         description=_("Division:"), style=natural,
                                         layout=widgets.Layout(width="400px"))
        self.view = FigureView(figsize=(7.5, 4.2), layout=None, margins=dict(left=0.14, right=0.97, top=0.9, bottom=0.12),
                               in_panel=True)
        self.ax = self.view.figure.add_subplot()
        self.waterfall = Waterfall(self.ax, self.years)
        self.view.animate(*self.waterfall.artists())
        self.reading, self.caption = TextPart(), TextPart()
        self.province.observe(self._recompute, names="value")
        self.division.observe(self._recompute, names="value")
        self.widget = widgets.VBox([widgets.HTML(synthetic_note()),
                                    widgets.HBox([self.province, self.division]),
                                    Panel(self.view.image, self.caption, self.reading)])
        self._recompute()

    def _recompute(self, change=None) -> None:
        province, division = self.province.value, self.division.value
        rows = self.decomposition.loc[province]
        if division == ALL_DIVISIONS:
            parts = rows.sum()
            start_jobs = float(self.start.loc[province].sum())
        else:
            parts = rows.loc[division]
            start_jobs = float(self.start.loc[province, division])
        self.parts = parts
        every = division == ALL_DIVISIONS
        names = dict(province=province, division=division, start=self.years[0], end=self.years[1])
        self.waterfall.update(start_jobs, parts, (_("{province}, all manufacturing: change in jobs {start}–{end}")
                                                  if every else
                                                  _("{province}, {division}: change in jobs {start}–{end}")).format(**names))
        fit_to_figure(self.ax.title)
        self.view.refresh()
        caption = (_("Figure: waterfall from {start} jobs through the national share, industry mix and competitive "
                     "effect (green adds, red subtracts) to {end} jobs, for {province}, all manufacturing (synthetic "
                     "data).") if every else
                   _("Figure: waterfall from {start} jobs through the national share, industry mix and competitive "
                     "effect (green adds, red subtracts) to {end} jobs, for {province}, {division} (synthetic "
                     "data).")).format(**names)
        if self.ax.get_ylim()[0] > 0:
            caption += " " + _("The vertical axis does not start at zero.")
        self.caption.value = caption_html(html.escape(caption, quote=False))
        self.reading.value = message_html(read_shift_share(parts, province, division, self.years), "result")


GROWTH_AXIS_LABELS = {"lq_change": N_("change in LQ"), "job_growth": N_("job growth (%)"),
                      "relative_job_growth": N_("job growth minus the industry's national growth (pp)")}

QUADRANT_POSITIONS = {"strong and advancing": (0.98, 0.97, "right", "top"),
                      "emerging": (0.02, 0.97, "left", "top"),
                      "mature or at risk": (0.98, 0.03, "right", "bottom"),
                      "weak and declining": (0.02, 0.03, "left", "bottom")}


QUADRANT_COLOURS = {"strong and advancing": OKABE_ITO["bluish_green"], "emerging": OKABE_ITO["sky_blue"],
                    "mature or at risk": OKABE_ITO["orange"], "weak and declining": OKABE_ITO["vermillion"]}


def log_limits(values: pd.Series) -> tuple[float, float]:
    """Axis limits for a log scale at 1, 2 or 5 times a power of ten around the data, so they seldom change."""
    positive = values[values > 0]
    if positive.empty:
        return 0.1, 10.0
    steps = np.array([m * 10.0 ** k for k in range(-4, 5) for m in (1, 2, 5)])
    low = steps[steps <= positive.min() * 0.8].max(initial=steps[0])
    high = steps[steps >= positive.max() * 1.5].min(initial=steps[-1])
    return float(low), float(high)


def padded_limits(values: pd.Series) -> tuple[float, float]:
    """Axis limits around the data (and zero), rounded out to a 1-2-5 step, so they change less often."""
    finite = values[np.isfinite(values)]
    if finite.empty:
        return -1.0, 1.0
    return nice_range(min(float(finite.min()), 0.0), max(float(finite.max()), 0.0))


class PortfolioExplorer(LessonWidget):
    """The cluster portfolio chart: x = LQ, y = growth, bubble size = jobs.

    Controls: ``mode`` (one province across divisions, or one division across
    provinces), ``choice`` (the province or division), ``growth`` (the growth
    measure). Outputs: ``view``, ``caption``, ``table`` (the points drawn).
    """

    def __init__(self, mode: str = "province", choice: str = "Jawa Tengah", growth: str = "lq_change"):
        use_course_style()
        self.years = tuple(data.PANEL_YEARS)
        self.start, self.end = (data.employment_matrix(y) for y in self.years)
        self.portfolios = {g: cluster_portfolio(self.start, self.end, growth=g) for g in GROWTH_MEASURES}
        style = {"description_width": "120px"}
        self.mode = widgets.ToggleButtons(options=[(_("One province"), "province"), (_("One division"), "division")],
                                          value=mode, description=_("Show:"), style=style,
                                          layout=toggle_row())
        self.choice = widgets.Dropdown(options=self._choices(mode), value=choice, description=_("Which:"),
                                       style=style, layout=widgets.Layout(width="460px"))
        # the growth measures' names come from klaster.measures, shown with _()
        self.growth = widgets.Dropdown(options=[(_(label), key) for key, label in GROWTH_MEASURES.items()],
                                       value=growth, description=_("Growth:"), style=style,
                                       layout=widgets.Layout(width="760px"))
        self.view = FigureView(figsize=(8, 5.2), layout=None, in_panel=True,
                               margins=dict(left=0.1, right=0.97, top=0.93, bottom=0.11))
        self.ax = self.view.figure.add_subplot()
        self._build_chart()
        self.caption = TextPart()
        self.mode.observe(self._mode_changed, names="value")
        self.choice.observe(self._recompute, names="value")
        self.growth.observe(self._recompute, names="value")
        self.widget = widgets.VBox([widgets.HTML(synthetic_note()),
                                    self.mode, self.choice, self.growth, Panel(self.view.image, self.caption)])
        self._recompute()

    def _build_chart(self) -> None:
        ax = self.ax
        self.bubbles = ax.scatter(np.empty(0), np.empty(0), s=np.empty(0), alpha=0.7, edgecolors="black",
                                  linewidths=0.5)
        ax.set_xscale("log")
        self.lines = [ax.axvline(1, color="black", linewidth=0.8), ax.axhline(0, color="black", linewidth=0.8)]
        scale = self.view.figure.dpi_scale_trans
        # a name sits right of its bubble, or left of it near the right edge (long names stay inside the figure)
        self._name_sides = {"left": ax.transData + ScaledTranslation(4 / 72, 4 / 72, scale),
                            "right": ax.transData + ScaledTranslation(-4 / 72, 4 / 72, scale)}
        self.names = [ax.add_artist(StampText(1, 0, "", fontsize=7, transform=self._name_sides["left"], snap=True))
                      for _i in range(8)]
        self.quadrant_labels = [
            ax.add_artist(StampText(x, y, _(label), transform=ax.transAxes, ha=ha, va=va, fontsize=8, color="0.35",
                                    style="italic", snap=True))
            for label, (x, y, ha, va) in QUADRANT_POSITIONS.items()]  # quadrant names of klaster.measures, with _()
        ax.set_xlabel(_("location quotient {year} (log scale; line at 1)").format(year=self.years[1]))
        ax.xaxis.set_major_formatter(tick_formatter("g"))
        ax.xaxis.set_minor_formatter(lambda v, pos: number(v, "g") if f"{v:g}"[0] in "25" else "")
        ax.yaxis.set_major_formatter(tick_formatter("g"))
        ax.tick_params(axis="x", which="minor", labelsize=7)
        self.view.animate(self.bubbles, *self.lines, *self.names, *self.quadrant_labels)

    def _choices(self, mode: str) -> list[str]:
        return list(self.start.index) if mode == "province" else list(self.start.columns)

    def _mode_changed(self, change=None) -> None:
        options = self._choices(self.mode.value)
        self.choice.unobserve(self._recompute, names="value")
        self.choice.options = options
        self.choice.value = options[0]
        self.choice.observe(self._recompute, names="value")
        self._recompute()

    def _recompute(self, change=None) -> None:
        if self.choice.value is None:
            return
        table = self.portfolios[self.growth.value]
        level = "region" if self.mode.value == "province" else "industry"
        points = table.xs(self.choice.value, level=level).dropna(subset=["growth", "lq_end"])
        points = points[points["lq_end"] > 0]
        self.table = points
        sizes = 1500 * points["employment_end"] / max(points["employment_end"].max(), 1)
        self.bubbles.set_offsets(np.column_stack([points["lq_end"].to_numpy(), points["growth"].to_numpy()])
                                 if len(points) else np.empty((0, 2)))
        self.bubbles.set_sizes(sizes.to_numpy())
        self.bubbles.set_facecolor([QUADRANT_COLOURS[q] for q in points["quadrant"]])
        self.ax.set_xlim(*log_limits(points["lq_end"]))
        low, high = np.log(self.ax.get_xlim())
        largest = points.nlargest(len(self.names), "employment_end")
        for label, (name, row) in zip(self.names, [*largest.iterrows(), *[(None, None)] * len(self.names)]):
            label.set_visible(name is not None)
            if name is not None:
                label.set_position((row["lq_end"], row["growth"]))
                label.set_text(str(name))
                side = "right" if (np.log(row["lq_end"]) - low) / (high - low) > 0.7 else "left"
                label.set_horizontalalignment(side)
                label.set_transform(self._name_sides[side])
        self.ax.set_ylim(*padded_limits(points["growth"]))
        self.ax.set_ylabel(_("{measure}, {start}–{end}").format(measure=_(GROWTH_AXIS_LABELS[self.growth.value]),
                                                                 start=self.years[0], end=self.years[1]))
        who = self.choice.value
        self.ax.set_title(_("Cluster portfolio: {who} (synthetic data)").format(who=who))
        fit_to_figure(self.ax.title)
        fit_to_figure(self.ax.yaxis.label)
        self.view.refresh()
        counts = points["quadrant"].value_counts()
        summary = "; ".join(f"{_(label)}: {int(counts.get(label, 0))}" for label in QUADRANTS.values())
        names = dict(who=who, year=self.years[1], measure=_(GROWTH_MEASURES[self.growth.value]), summary=summary)
        caption = (_("Figure: bubble chart, one bubble per division of {who}; x = location quotient in {year}, "
                     "y = {measure}, bubble area = jobs in {year}. Quadrants — {summary}.") if level == "region" else
                   _("Figure: bubble chart, one bubble per province of {who}; x = location quotient in {year}, "
                     "y = {measure}, bubble area = jobs in {year}. Quadrants — {summary}.")).format(**names)
        self.caption.value = caption_html(html.escape(caption, quote=False))
