"""Building blocks shared by the course's widgets."""
from __future__ import annotations

import html

import ipywidgets as widgets
from matplotlib.figure import Figure

from ..plots import figure_to_png


class LessonWidget:
    """Base class: a widget object that displays its ``widget`` container in a notebook."""

    widget: widgets.Widget

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


class FigureView:
    """A matplotlib Figure made outside pyplot, shown as a PNG in an ipywidgets Image.

    Draw on ``figure`` (update artists in place where you can), then call
    ``refresh()``. Being outside pyplot, the figure is never shown twice by
    the notebook's inline backend.
    """

    def __init__(self, figsize=(8, 4.5), width: str = "820px", layout: str | None = "constrained",
                 margins: dict | None = None):
        self.figure = Figure(figsize=figsize, layout=layout)
        if margins:  # fixed margins are much faster to draw than a constrained layout
            self.figure.subplots_adjust(**margins)
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width=width))

    def refresh(self) -> None:
        self.image.value = figure_to_png(self.figure)


def message_html(text: str, kind: str = "problem") -> str:
    """HTML for a short message under a widget: kind is 'problem', 'note' or 'result'."""
    colour = {"problem": "#D55E00", "note": "#0072B2", "result": "#000000"}[kind]
    prefix = {"problem": "Problem: ", "note": "", "result": ""}[kind]
    return f'<div style="color:{colour}; max-width: 820px">{prefix}{html.escape(text)}</div>'
