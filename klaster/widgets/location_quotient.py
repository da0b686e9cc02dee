"""Widgets of lesson 03: the LQ calculator, the LQ explorer and the cluster stars."""
from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.transforms import ScaledTranslation, blended_transform_factory

from .. import data
from ..errors import KlasterInputError, KlasterValueError
from ..i18n import _, _f, N_, number, _p, tick_formatter
from ..indicators import LocalFormat
from ..measures import cluster_stars, location_quotient, location_quotient_from_counts
from ..plots import OKABE_ITO, TileMap, use_course_style
from ..text_stamps import StampText
from .base import FigureView, LessonWidget, Panel, TextPart, message_html, show_tile_map
from .texts import WIDGET_WIDTH, caption_html, fit_to_figure, synthetic_note, toggle_row

LQ_COLOURS = {"below 1": OKABE_ITO["sky_blue"], "1 to 2": OKABE_ITO["orange"], "2 or more": OKABE_ITO["vermillion"]}


# What an LQ says, one sentence per band: (with a region and an industry named, without them).
_READINGS = {
    "undefined": (N_("The location quotient of {industry} in {region} is undefined (no jobs to compare)."),
                  N_("The location quotient is undefined (no jobs to compare).")),
    "zero": (N_("LQ = 0: {region} has no jobs in {industry}."),
             N_("LQ = 0: the region has no jobs in the industry.")),
    "under": (N_("{industry} is under-represented in {region}: its share of the region's jobs is smaller than its "
                 "share of the nation's."),
              N_("The industry is under-represented in the region: its share of the region's jobs is smaller than "
                 "its share of the nation's.")),
    "average": (N_("{industry} has about the same weight in {region} as in the nation."),
                N_("The industry has about the same weight in the region as in the nation.")),
    "specialised": (N_("{region} is specialised in {industry}: its share of the region's jobs is clearly above the "
                       "national share."),
                    N_("The region is specialised in the industry: its share of the region's jobs is clearly above "
                       "the national share.")),
    "strong": (N_("{region} is strongly specialised in {industry}: a candidate cluster to look at more closely."),
               N_("The region is strongly specialised in the industry: a candidate cluster to look at more "
                  "closely.")),
}


def read_location_quotient(lq: float, region: str | None = None, industry: str | None = None) -> str:
    """One sentence that reads a location quotient for a student (in the course's language).

    Without ``region`` and ``industry`` it speaks of "the region" and "the industry".
    Bands: below 0.8 under-represented, 0.8-1.25 about average, 1.25-2 specialised, 2 or more strongly.
    """
    named = region is not None or industry is not None
    names = dict(region=region or _("the region"), industry=industry or _("the industry"))

    def reading(band: str) -> str:
        text = _(_READINGS[band][0 if named else 1]).format(**names)
        return text[:1].upper() + text[1:]

    if not np.isfinite(lq):
        return reading("undefined")
    if lq == 0:
        return reading("zero")
    band = "under" if lq < 0.8 else "average" if lq < 1.25 else "specialised" if lq < 2 else "strong"
    return _f("LQ = {lq:.2f}. {reading}", lq=lq, reading=reading(band))


def lq_band(lq: float) -> str:
    if lq >= 2:
        return "2 or more"
    if lq >= 1:
        return "1 to 2"
    return "below 1"


STAR_KINDS = (N_("size"), N_("specialisation"), N_("focus"))
"""The three cluster stars (column ``<kind>_star`` of ``cluster_stars``); their names are shown with ``_()``."""

LQ_AXIS_ENDS = (2.5, 3.0, 4.0, 5.0, 6.0)
"""Where the LQ axis of a ranked chart may end: a few steps, so the axis changes seldom."""


class RankedLQChart:
    """Horizontal bars of location quotients, largest on top, lines at 1 and 2, updated in place.

    The axis ends at the first of ``LQ_AXIS_ENDS`` that fits the largest
    value (at most ``cap``); longer bars are cut there and carry their true
    value as a label.
    """

    def __init__(self, ax, count: int, ylabel: str, cap: float = 6.0):
        self.ax, self.count, self.cap = ax, count, cap
        positions = np.arange(count)
        self.bars = list(ax.barh(positions, np.zeros(count), color=LQ_COLOURS["below 1"]))
        self.overflow = [ax.add_artist(StampText(0, y, "", va="center", ha="right", fontsize=7, color="white",
                                                 snap=True)) for y in positions]
        # the row names are drawn as cached text, not tick labels: 38 tick labels cost ~60 ms per redraw
        beside = blended_transform_factory(ax.transAxes, ax.transData) + ScaledTranslation(
            -4 / 72, 0, ax.figure.dpi_scale_trans)
        self.names = [ax.add_artist(StampText(0, y, "", va="center", ha="right", fontsize=7, snap=True,
                                              transform=beside, clip_on=False)) for y in positions]
        self.lines = [ax.axvline(1, color="black", linewidth=0.8),
                      ax.axvline(2, color="black", linewidth=0.8, linestyle="--")]
        ax.set_ylim(-0.6, count - 0.4)
        ax.set_yticks(positions, labels=[""] * count)
        ax.set_xlabel(_("location quotient (solid line: LQ = 1; dashed: LQ = 2)"))
        ax.xaxis.set_major_formatter(tick_formatter("g"))
        ax.set_ylabel(ylabel)
        ax.yaxis.set_label_coords(-0.31, 0.5)

    def artists(self) -> list:
        """What ``update`` changes (for ``FigureView.animate``); the lines stay on top of the bars."""
        return [*self.bars, *self.overflow, *self.lines, *self.names]

    def labels(self) -> list[str]:
        """The row names as shown, bottom to top (largest value on top)."""
        return [name.get_text() for name in self.names]

    def update(self, values: pd.Series, title: str) -> "RankedLQChart":
        ranked = values.sort_values()
        if len(ranked) != self.count:
            raise KlasterValueError(_("This chart has {bars} bars, but {values} values were given.").format(
                bars=self.count, values=len(ranked)))
        numbers = ranked.to_numpy(dtype=float)
        largest = min(self.cap, float(np.nanmax(numbers)) * 1.08 if len(numbers) else self.cap)
        right = next((end for end in LQ_AXIS_ENDS if end >= largest and end <= self.cap), max(self.cap, 2.5))
        for bar, text, value in zip(self.bars, self.overflow, numbers):
            bar.set_width(min(value, right))
            bar.set_color(LQ_COLOURS[lq_band(value)])
            text.set_x(right)
            text.set_text(f" {number(value, '.1f')} →" if value > right else "")
        for label, name in zip(self.names, ranked.index):
            label.set_text(str(name))
        self.ax.set_xlim(0, right)
        self.ax.set_title(title)
        return self


class RangeKeepingView(FigureView):
    """A FigureView that keeps the tick layers of the last few axis ranges, not only of the last one.

    A ranked LQ chart's axis ends at one of a few values (``LQ_AXIS_ENDS``),
    so a new division or province often brings back a range shown before:
    its axes are then pasted from the kept layer instead of drawn again
    (10–30 ms). The layers kept belong to the static layer they were drawn
    on and are dropped with it; each is the figure's RGBA buffer (a few MB).
    """

    def __init__(self, *args, ranges: int = len(LQ_AXIS_ENDS), **kwargs):
        super().__init__(*args, **kwargs)
        self.ranges = ranges
        self._kept: dict = {}  # tick signature -> tick layer, for self._kept_for
        self._kept_for = None  # the static layer they were drawn on

    def render(self, fresh: bool = False) -> np.ndarray:
        if fresh or not self._dynamic:
            self._kept = {}
        elif self._static_layer is not None and self._static_layer is self._kept_for:
            axes = [ax for ax in self.figure.axes if ax.get_visible()]
            key = self._tick_signature(axes)
            kept = self._kept.get(key)
            if kept is not None and (self._tick_layer is None or self._tick_layer[0] != key) \
                    and self._static_layer[0] == self._static_signature(axes):
                self._tick_layer = kept
        rgba = super().render(fresh)
        if self._static_layer is not self._kept_for:
            self._kept, self._kept_for = {}, self._static_layer
        if self._tick_layer is not None and self._static_layer is not None:
            self._kept.pop(self._tick_layer[0], None)
            self._kept[self._tick_layer[0]] = self._tick_layer
            while len(self._kept) > self.ranges:
                self._kept.pop(next(iter(self._kept)))
        return rgba


def draw_ranked_lq(ax, values: pd.Series, title: str, ylabel: str, cap: float = 6.0) -> RankedLQChart:
    """Clear ``ax`` and draw a ``RankedLQChart`` of ``values`` on it (the title shrunk to fit)."""
    ax.clear()
    chart = RankedLQChart(ax, len(values), ylabel, cap).update(values, title)
    fit_to_figure(ax.title)
    return chart


class LQCalculator(LessonWidget):
    """Four numbers in, the location quotient out, with both shares drawn as bars.

    Controls: ``regional_industry``, ``regional_total``, ``national_industry``,
    ``national_total`` (FloatText). Outputs: ``result`` (HTML sentence or a
    problem message), ``view`` (the bar chart) and ``caption``, shown as one
    Panel; ``lq`` (the last valid value).
    """

    def __init__(self, regional_industry=1714, regional_total=79006,
                 national_industry=879213, national_total=15593224):
        use_course_style()
        style = {"description_width": "300px"}
        layout = widgets.Layout(width="480px")
        self.regional_industry = widgets.FloatText(regional_industry, description=_("Jobs in the industry, region:"),
                                                   style=style, layout=layout)
        self.regional_total = widgets.FloatText(regional_total, description=_("All jobs, region:"), style=style,
                                                layout=layout)
        self.national_industry = widgets.FloatText(national_industry, description=_("Jobs in the industry, nation:"),
                                                   style=style, layout=layout)
        self.national_total = widgets.FloatText(national_total, description=_("All jobs, nation:"), style=style,
                                                layout=layout)
        self.result = TextPart()
        self.view = FigureView(figsize=(7, 2.6), layout=None, in_panel=True,
                               margins=dict(left=0.12, right=0.95, top=0.86, bottom=0.24))
        ax = self.view.figure.add_subplot()
        self.bars = ax.barh([0, 1], [0, 0], color=[OKABE_ITO["sky_blue"], OKABE_ITO["orange"]])
        ax.set_yticks([0, 1], labels=[_("nation"), _("region")])
        self.bar_labels = [ax.text(0, i, "", va="center", fontsize=9) for i in range(2)]
        ax.set_xlabel(_("share of all jobs that are in the industry (%)"))
        ax.xaxis.set_major_formatter(tick_formatter("g"))
        ax.set_title(_("The industry's share of jobs: region against nation"))
        self.ax = ax
        self.lq = None
        self.caption = TextPart(caption_html(html.escape(_(
            "Figure: two horizontal bars, the industry's share of the region's jobs and of the nation's "
            "jobs, in percent; LQ is the ratio of the two bars."), quote=False)))
        inputs = [self.regional_industry, self.regional_total, self.national_industry, self.national_total]
        for control in inputs:
            control.observe(self._recompute, names="value")
        # the sentence, the bars and the caption: one Panel, so a change reaches the page as one update
        self.widget = widgets.VBox([*inputs, Panel(self.result, self.view.image, self.caption)])
        self._recompute()

    def _recompute(self, change=None) -> None:
        try:
            lq = location_quotient_from_counts(self.regional_industry.value, self.regional_total.value,
                                               self.national_industry.value, self.national_total.value)
        except KlasterInputError as problem:
            self.lq = None
            self.result.value = message_html(str(problem), "problem")
            for bar in self.bars:
                bar.set_alpha(0.25)
            self.view.refresh()
            return
        self.lq = lq
        regional = 100 * self.regional_industry.value / self.regional_total.value
        national = 100 * self.national_industry.value / self.national_total.value
        for bar, text, share, row in zip(self.bars, self.bar_labels, (national, regional), range(2)):
            bar.set_width(share)
            bar.set_alpha(1.0)
            text.set_x(share)
            text.set_text(f" {number(share, '.2f')}%")
        self.ax.set_xlim(0, max(regional, national) * 1.25 or 1)
        self.result.value = message_html(
            _f("Region: {regional:.2f}% of jobs are in the industry; nation: {national:.2f}%.", regional=regional,
               national=national) + " " + read_location_quotient(lq), "result")
        self.view.refresh()


class LQExplorer(LessonWidget):
    """Choose a division and a year: tile map and ranking of provinces by LQ;
    choose a province: its LQ profile across divisions.

    Controls: ``division`` (Dropdown), ``year`` (ToggleButtons), ``province``
    (Dropdown). Outputs: ``map_view``, ``ranking_view``, ``profile_view``
    (figures), ``caption`` and ``profile_caption`` (texts); the map, its
    caption and the ranking are one Panel (``division_panel``), the profile
    and its caption another (``province_panel``); ``lq`` holds the current
    year's LQ table.
    """

    MAP_CAP = 4.0

    def __init__(self, division: str = "Furniture", year: int = 2024, province: str = "Jawa Tengah"):
        use_course_style()
        self.panel = data.load_employment_panel()
        self.provinces = data.load_provinces()
        self.code_of = dict(zip(self.provinces["name"], self.provinces["bps_code"]))
        self.lq_by_year = {y: location_quotient(data.employment_matrix(y, self.panel)) for y in data.PANEL_YEARS}
        divisions = list(self.lq_by_year[year].columns)
        division = division if division in divisions else data.division_label(division)
        natural = {"description_width": "initial"}  # labels as wide as their text, in every language
        self.division = widgets.Dropdown(options=divisions, value=division, description=_("Division:"), style=natural,
                                         layout=widgets.Layout(width="380px"))
        self.year = widgets.ToggleButtons(options=list(data.PANEL_YEARS), value=year, description=_("Year:"),
                                          layout=toggle_row())
        self.province = widgets.Dropdown(options=list(self.lq_by_year[year].index), value=province,
                                         description=_("Province:"), style=natural,
                                         layout=widgets.Layout(width="380px"))
        self.map_view = FigureView(figsize=(9, 4.6), width="880px", layout=None, in_panel=True,
                                   margins=dict(left=0.01, right=0.99, top=0.92, bottom=0.08))
        self.tile_map = TileMap(self.provinces, ax=self.map_view.figure.add_subplot())
        self.ranking_view = RangeKeepingView(figsize=(8, 7.5), layout=None, in_panel=True,
                                       margins=dict(left=0.27, right=0.97, top=0.95, bottom=0.08))
        self.ranking_ax = self.ranking_view.figure.add_subplot()
        self.ranking = RankedLQChart(self.ranking_ax, len(self.lq_by_year[year].index), _("province"))
        self.ranking_view.animate(*self.ranking.artists())
        self.profile_view = RangeKeepingView(figsize=(8, 5.5), layout=None, in_panel=True,
                                       margins=dict(left=0.27, right=0.97, top=0.93, bottom=0.1))
        self.profile_ax = self.profile_view.figure.add_subplot()
        self.profile = RankedLQChart(self.profile_ax, len(divisions), _("KBLI division"))
        self.profile_view.animate(*self.profile.artists())
        self.caption, self.profile_caption = TextPart(), TextPart()
        self._pictures: dict = {}  # (figure, state) -> PNG bytes, see _show
        self.division.observe(self._division_or_year_changed, names="value")
        self.year.observe(self._division_or_year_changed, names="value")
        self.year.observe(self._province_changed, names="value")  # the profile depends on the year, not the division
        self.province.observe(self._province_changed, names="value")
        # the outputs above and below the province choice: two Panels, each one message per change
        self.division_panel = Panel(self.map_view.image, self.caption, self.ranking_view.image)
        self.province_panel = Panel(self.profile_view.image, self.profile_caption)
        self.widget = widgets.VBox([
            widgets.HTML(synthetic_note()),
            widgets.HBox([self.division, self.year]), self.division_panel, self.province, self.province_panel])
        self._division_or_year_changed()
        self._province_changed()

    @property
    def lq(self) -> pd.DataFrame:
        return self.lq_by_year[self.year.value]

    PICTURES_KEPT = 150
    """How many pictures (PNG, 50–100 kB each) of states shown before are kept: every map and ranking of both
    years, and most profiles."""

    def _show(self, view: FigureView, key: tuple, draw) -> None:
        """Show the picture of a state: drawn the first time, the same PNG again when the student comes back.

        Each picture depends on its state only (the division or province and the year; the scales are
        fixed steps), so the kept PNG is what drawing again would give. The chart's artists are updated
        either way, so the figure always describes the state shown.
        """
        picture = self._pictures.get(key)
        if picture is None:
            draw()
            self._pictures[key] = bytes(view.image.value)
            while len(self._pictures) > self.PICTURES_KEPT:
                self._pictures.pop(next(iter(self._pictures)))
        else:
            self._pictures[key] = self._pictures.pop(key)  # the most recently shown last
            view.image.value = picture

    def _division_or_year_changed(self, change=None) -> None:
        division, year = self.division.value, self.year.value
        column = self.lq[division]
        by_code = column.rename(index=self.code_of)
        self.tile_map.update(by_code,
                             title=_("Location quotient of {division}, {year} (synthetic data)").format(
                                 division=division, year=year),
                             label=_f("LQ (1 = national average; colours capped at {cap:g})", cap=self.MAP_CAP),
                             center=1.0, value_format=LocalFormat("{:.2f}"), vmax=self.MAP_CAP, vmin=0.0,
                             fixed_scale=True)
        fit_to_figure(self.tile_map.ax.title)
        self._show(self.map_view, ("map", division, year), lambda: show_tile_map(self.map_view, self.tile_map))
        ranked = column.sort_values()
        self.ranking.update(column, _("Provinces ranked by LQ in {division}, {year} (synthetic data)").format(
            division=division, year=year))
        fit_to_figure(self.ranking_ax.title)
        self._show(self.ranking_view, ("ranking", division, year), self.ranking_view.refresh)
        top = ranked.index[-1]
        above_two = int((column >= 2).sum())
        self.caption.value = caption_html(_f(
            "Figures: tile map and ranked bars of the location quotient of {division} in {year} for the 38 "
            "provinces (synthetic data). Highest: {top} (LQ {top_lq:.2f}); {above_two} provinces have an LQ of "
            "2 or more.", division=html.escape(division), year=year, top=html.escape(top),
            top_lq=ranked.iloc[-1], above_two=above_two))

    def _province_changed(self, change=None) -> None:
        province, year = self.province.value, self.year.value
        profile = self.lq.loc[province].sort_values()
        self.profile.update(profile, _("{province}: LQ in each division, {year} (synthetic data)").format(
            province=province, year=year))
        fit_to_figure(self.profile_ax.title)
        self._show(self.profile_view, ("profile", province, year), self.profile_view.refresh)
        specialised = profile[profile >= 1.25].sort_values(ascending=False)
        listing = ", ".join(f"{html.escape(d)} ({number(v, '.2f')})" for d, v in specialised.head(5).items())
        self.profile_caption.value = caption_html(_(
            "Figure: {province}'s location quotient in each of the 24 divisions, {year}. Most specialised "
            "(LQ ≥ 1.25): {listing}.").format(province=html.escape(province), year=year,
                                              listing=listing or html.escape(_("none"))))


class StarsExplorer(LessonWidget):
    """Change the star thresholds and watch the list of star clusters change.

    Controls: ``top_share`` (percent of regions for the size and focus stars),
    ``lq_threshold``, ``min_stars``, ``year``. Outputs: ``table`` (HTML),
    ``summary`` (HTML), and ``stars`` (the DataFrame shown).
    """

    def __init__(self, year: int = 2024):
        self.matrices = {y: data.employment_matrix(y) for y in data.PANEL_YEARS}
        style = {"description_width": "310px"}
        layout = widgets.Layout(width="590px")
        self.top_share = widgets.IntSlider(10, min=5, max=25, step=5, description=_("Top % of provinces:"),
                                           style=style, layout=layout)
        self.lq_threshold = widgets.FloatSlider(2.0, min=1.0, max=4.0, step=0.25, description=_("LQ threshold:"),
                                                style=style, layout=layout)
        self.min_stars = widgets.IntSlider(2, min=1, max=3, description=_("Show clusters with at least (stars):"),
                                           style=style, layout=layout)
        self.year = widgets.ToggleButtons(options=list(data.PANEL_YEARS), value=year, description=_("Year:"),
                                          style=style, layout=toggle_row())
        self.summary, self.table = TextPart(), TextPart()
        for control in (self.top_share, self.lq_threshold, self.min_stars, self.year):
            control.observe(self._recompute, names="value")
        self.widget = widgets.VBox([self.year, self.top_share, self.lq_threshold, self.min_stars,
                                    Panel(self.summary, self.table)])
        self._recompute()

    def _recompute(self, change=None) -> None:
        all_stars = cluster_stars(self.matrices[self.year.value], top_share=self.top_share.value / 100,
                                  lq_threshold=self.lq_threshold.value)
        shown = all_stars[all_stars["stars"] >= self.min_stars.value].sort_values(
            ["stars", "employment"], ascending=[False, False])
        self.stars = shown
        counts = all_stars["stars"].value_counts()
        self.summary.value = message_html(
            _f("{pairs} province-division pairs have at least {stars} star(s) in {year} (synthetic data): "
               "{three} with three stars, {two} with two, {one} with one. Size and focus stars go to the top "
               "{top}% of provinces; the specialisation star needs LQ ≥ {threshold:g}.",
               pairs=len(shown), stars=self.min_stars.value, year=self.year.value, three=int(counts.get(3, 0)),
               two=int(counts.get(2, 0)), one=int(counts.get(1, 0)), top=self.top_share.value,
               threshold=self.lq_threshold.value),
            "result")
        star_names = {kind: _(kind) for kind in STAR_KINDS}
        rows = "".join(
            f"<tr><td>{html.escape(str(r))}</td><td>{html.escape(str(i))}</td>"
            f"<td style='text-align:right'>{number(row.employment, ',.0f')}</td>"
            f"<td style='text-align:right'>{number(row.lq, '.2f')}</td>"
            f"<td style='text-align:right'>{number(100 * row.focus_share, '.1f')}%</td>"
            f"<td>{'★' * int(row.stars)}</td>"
            f"<td>{', '.join(star_names[kind] for kind in STAR_KINDS if getattr(row, kind + '_star'))}</td></tr>"
            for (r, i), row in shown.iterrows())
        head = "".join(f"<th>{html.escape(title, quote=False)}</th>" for title in (
            _("province"), _("division"), _("jobs"), "LQ", _("share of province's jobs"), _("stars"),
            _p("stars given", "for")))
        self.table.value = (f"<table style='max-width:{WIDGET_WIDTH}'><thead><tr>{head}</tr></thead>"
                            f"<tbody>{rows}</tbody></table>")
