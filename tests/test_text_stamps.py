"""StampText draws the same pixels as ordinary matplotlib text, from a cache."""
from __future__ import annotations

import io

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from klaster import text_stamps
from klaster.text_stamps import StampText

LABELS = [("JT", "white", "center", "center", "bold"), ("1,234.5", "black", "center", "center", "normal"),
          ("Left", "#F0E442", "left", "bottom", "normal"), ("gy|Q", "white", "right", "top", "normal"),
          ("two\nlines", "black", "center", "baseline", "normal")]


def draw_labels(text_class) -> np.ndarray:
    figure = Figure(figsize=(4, 2), dpi=86)
    FigureCanvasAgg(figure)
    ax = figure.add_axes([0, 0, 1, 1])
    ax.set_xlim(0, 4)
    ax.set_ylim(0, 2)
    ax.axis("off")
    ax.add_patch(Rectangle((0, 0), 4, 2, color="#0072B2"))
    for k, (label, colour, ha, va, weight) in enumerate(LABELS):
        ax.add_artist(text_class(0.43 + 0.71 * k, 0.37 + 0.29 * k, label, color=colour, ha=ha, va=va,
                                 fontsize=9, fontweight=weight))
    figure.canvas.draw()
    return np.asarray(figure.canvas.buffer_rgba()).astype(int)


def test_stamped_labels_look_like_ordinary_text():
    ordinary, stamped = draw_labels(Text), draw_labels(StampText)
    assert (np.abs(ordinary - ordinary[0, 0]).max(axis=2) > 0).sum() > 300  # the labels left ink
    assert np.abs(ordinary - stamped).max() <= 8  # rounding in the blending only


def ink_centre_and_amount(image: np.ndarray, background) -> tuple[float, float, float]:
    weight = np.abs(image - background).max(axis=2).astype(float)
    rows, cols = np.indices(weight.shape)
    return (weight * cols).sum() / weight.sum(), (weight * rows).sum() / weight.sum(), weight.sum()


@pytest.mark.parametrize("label", LABELS[:4] + [("12.74", "white", "center", "center", "normal"),
                                                ("Kepulauan Riau", "black", "right", "center", "normal")],
                         ids=lambda label: label[0])
def test_snapped_labels_land_within_a_pixel_of_ordinary_text(label):
    def snapped(*args, **kwargs):
        return StampText(*args, snap=True, **kwargs)

    ordinary = draw_one(Text, label)
    draw_one(snapped, label)  # the first draw of a font and alignment measures it against ordinary text
    fast = draw_one(snapped, label)
    x0, y0, ink0 = ink_centre_and_amount(ordinary, ordinary[1, 1])
    x1, y1, ink1 = ink_centre_and_amount(fast, ordinary[1, 1])
    assert abs(x1 - x0) < 1 and abs(y1 - y0) < 1
    assert ink1 == pytest.approx(ink0, rel=0.05)


def draw_one(text_class, label) -> np.ndarray:
    figure = Figure(figsize=(2, 1), dpi=86)
    FigureCanvasAgg(figure)
    ax = figure.add_axes([0, 0, 1, 1])
    ax.axis("off")
    ax.add_patch(Rectangle((0, 0), 1, 1, color="#0072B2"))
    text, colour, ha, va, weight = label
    ax.add_artist(text_class(0.53, 0.47, text, color=colour, ha=ha, va=va, fontsize=8, fontweight=weight))
    figure.canvas.draw()
    return np.asarray(figure.canvas.buffer_rgba()).astype(int)


def test_stamps_are_reused_and_follow_changes():
    text_stamps._stamps.clear()
    draw_labels(StampText)
    count = len(text_stamps._stamps)
    assert count == len(LABELS)
    draw_labels(StampText)
    assert len(text_stamps._stamps) == count  # drawn again from the cache


def test_a_changed_label_draws_its_new_text():
    figure = Figure(figsize=(2, 1), dpi=86)
    FigureCanvasAgg(figure)
    label = figure.add_artist(StampText(0.5, 0.5, "A", transform=figure.transFigure, ha="center", va="center"))
    figure.canvas.draw()
    before = np.asarray(figure.canvas.buffer_rgba()).copy()
    label.set_text("B")
    figure.canvas.draw()
    after = np.asarray(figure.canvas.buffer_rgba())
    assert not np.array_equal(before, after)


@pytest.mark.parametrize("fmt, bitmap_marker", [("svg", b"<image"), ("pdf", b"/Subtype /Image")])
def test_vector_output_uses_ordinary_text_not_bitmaps(fmt, bitmap_marker):
    figure = Figure(figsize=(2, 1))
    figure.add_artist(StampText(0.5, 0.5, "Jawa", transform=figure.transFigure))
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt)
    assert len(buffer.getvalue()) > 500
    assert bitmap_marker not in buffer.getvalue()
