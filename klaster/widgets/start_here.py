"""Widgets of the start-here notebook: a check that widgets work, and the
province map explorer."""
from __future__ import annotations

import ipywidgets as widgets

from .. import data
from ..i18n import _, _f
from ..indicators import INDICATORS, LocalFormat, province_indicators
from ..plots import TileMap, use_course_style
from .base import FigureView, LessonWidget, Panel, TextPart, show_tile_map
from .texts import caption_html, fit_to_figure


def widgets_check() -> widgets.VBox:
    """A slider and a sentence that follows it: if the sentence changes, widgets work."""
    slider = widgets.IntSlider(value=3, min=1, max=10, description=_("Number:"))
    answer = widgets.HTML()

    def show(change=None):
        n = slider.value
        answer.value = _f("<b>{n}</b> squared is <b>{square}</b>. Widgets work if this changes as you move the "
                          "slider.", n=n, square=n * n)

    slider.observe(show, names="value")
    show()
    return widgets.VBox([slider, answer])


class ProvinceMapExplorer(LessonWidget):
    """Pick a variable, see it on the tile-grid map of Indonesia.

    Controls: ``variable`` (a Dropdown). Output: ``image`` (the map as PNG),
    ``caption`` (a one-line description with the source), shown as one
    Panel. The map is
    recoloured in place, not redrawn from scratch.
    """

    def __init__(self, initial: str = "Population density"):
        use_course_style()
        self.table = province_indicators()
        provinces = data.load_provinces()
        self.view = FigureView(figsize=(9, 4.8), width="900px", in_panel=True,
                               margins=dict(left=0.01, right=0.99, top=0.92, bottom=0.08))
        self.map = TileMap(provinces, ax=self.view.figure.add_subplot())
        self.image = self.view.image
        # the values are the English keys of INDICATORS (stable in both languages); the labels follow the language
        self.variable = widgets.Dropdown(options=[(_(key), key) for key in INDICATORS], value=initial,
                                         description=_("Show:"), layout=widgets.Layout(width="520px"))
        self.caption = TextPart()
        # the map and its caption: one Panel, so a change reaches the page as one update
        self.widget = widgets.VBox([self.variable, Panel(self.image, self.caption)])
        self.variable.observe(self._on_change, names="value")
        self._on_change()

    def _on_change(self, change=None) -> None:
        indicator = INDICATORS[self.variable.value]
        values = self.table[indicator.column]
        label, unit = _(indicator.label), _(indicator.unit)
        self.map.update(values, title=_("{label}, by province").format(label=label),
                        label=unit, log=indicator.log, value_format=LocalFormat(indicator.value_format))
        fit_to_figure(self.map.ax.title)
        show_tile_map(self.view, self.map)
        top = values.idxmax()
        low = values.idxmin()
        missing = int(values.isna().sum())
        gap = (" " + _("{missing} provinces have no comparable data (grey).").format(missing=missing)
               if missing else "")
        self.caption.value = caption_html(_(
            "Map of Indonesia's 38 provinces as equal squares, coloured by {label} ({unit}). Highest: {top} "
            "({top_value}); lowest: {low} ({low_value})."
        ).format(label=label.lower(), unit=unit, top=self.table.loc[top, "name"], top_value=indicator.shown(values[top]),
                 low=self.table.loc[low, "name"], low_value=indicator.shown(values[low])) + gap + " " + _(
            "Source: {source}.").format(source=_(indicator.source)))
