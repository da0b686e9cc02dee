"""Small HTML pieces that several widgets show: the synthetic-data note and figure captions.

Both are built when a widget shows them, so they follow the course's language.
"""
from __future__ import annotations

from ..i18n import _

WIDGET_WIDTH = "820px"
"""Texts under a widget wrap at this width (the width of a lesson's widget), in every language."""


def synthetic_note() -> str:
    """The line above a widget that shows the synthetic panel (HTML)."""
    return _("<b>Synthetic data</b> (illustrative, not official statistics).")


def caption_html(text: str) -> str:
    """A figure caption in italics that wraps at the widget's width; ``text`` is HTML (escape data in it)."""
    return f'<div style="max-width:{WIDGET_WIDTH}"><i>{text}</i></div>'


def line_html(text: str) -> str:
    """A line of HTML under a widget that wraps at the widget's width."""
    return f'<div style="max-width:{WIDGET_WIDTH}">{text}</div>'


def fit_to_figure(text, smallest: float = 7.0, margin: float = 3.0) -> None:
    """Shrink a figure text (a title, an axis label) until it fits along its figure, never below ``smallest`` points.

    Translations are often longer than the English, and titles hold names of any
    length (Kepulauan Bangka Belitung): call this after setting the text. The
    text is measured at its first size every time, so a shorter text gets its size back.
    """
    figure = text.figure
    if figure is None or not text.get_text():
        return
    base = getattr(text, "_klaster_base_size", None)
    if base is None:
        base = text.get_fontsize()
        text._klaster_base_size = base
    text.set_fontsize(base)
    get_renderer = getattr(figure.canvas, "get_renderer", None)
    if get_renderer is None:  # a figure without a drawing canvas: nothing to measure with
        return
    renderer = get_renderer()
    width, height = figure.bbox.width, figure.bbox.height
    size = base
    upright = text.get_rotation() % 180 != 0  # a y-axis label: only its length counts (its place comes at drawing)
    while True:  # glyphs snap to whole pixels, so sizes are tried in steps rather than computed
        box = text.get_window_extent(renderer)
        if upright:
            over, length = max(margin - box.y0, box.y1 - height + margin), box.height
        else:
            over, length = max(margin - box.x0, box.x1 - width + margin), box.width
        if over <= 0 or size <= smallest:
            return
        size = max(smallest, min(size - 0.5, size * (length - 2 * over) / length))
        text.set_fontsize(size)


def toggle_row():
    """A layout for ToggleButtons that keeps their description and buttons on one line
    (ipywidgets 8 otherwise puts the description above the buttons)."""
    import ipywidgets as widgets

    return widgets.Layout(display="flex")
