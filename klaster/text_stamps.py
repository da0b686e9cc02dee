"""Text that draws from a cache of small bitmaps ("stamps"), for widgets that redraw many labels.

Drawing one short label costs matplotlib (3.11, Agg) about 1–2 ms: it lays the
string out and renders every glyph again on every draw. A tile map with 76
labels therefore spends over 100 ms on text alone each time a widget changes
it. ``StampText`` is a ``matplotlib.text.Text`` whose ``draw`` renders the
label once per (string, colour, font, alignment, dpi) into a small RGBA
bitmap, keeps it, and afterwards only pastes the bitmap at the label's place
(``RendererAgg.draw_image``), which takes a few microseconds. Everything else
(``set_text``, ``set_color``, positions, alignment) behaves as for any Text.
On renderers other than Agg (PDF, SVG) it draws as ordinary text.

``stamp_texts(figure)`` turns a figure's titles, axis labels and tick labels
into StampText, for widgets whose axes are drawn again and again.
"""
from __future__ import annotations

from collections import OrderedDict

import numpy as np
from matplotlib import rcParams
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.font_manager import findfont, get_font
from matplotlib.text import Text
from matplotlib.transforms import IdentityTransform

MAX_STAMPS = 4096
_stamps: OrderedDict = OrderedDict()


class StampText(Text):
    """A Text artist drawn from cached bitmaps on Agg canvases (see the module docstring).

    ``snap=True`` places the label on whole pixels (at most half a pixel from
    its exact place), so one bitmap serves the same label at every position:
    use it for labels that move, such as the names beside ranked bars.
    """

    def __init__(self, *args, snap: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.snap_to_pixels = snap

    def draw(self, renderer) -> None:
        text = self.get_text()
        if (not self.get_visible() or not text or not isinstance(renderer, RendererAgg)
                or (self.get_parse_math() and "$" in text) or self.get_usetex() or self.get_path_effects()):
            return super().draw(renderer)
        x, y = self.get_transform().transform(self.get_unitless_position())
        if not (np.isfinite(x) and np.isfinite(y)):
            return
        # glyphs are placed to 1/64 pixel: render the stamp with the same fraction of a pixel
        if getattr(self, "snap_to_pixels", False):
            x, y = np.floor(x + 0.5), np.floor(y + 0.5)
        fraction = (round((x % 1) * 64) / 64, round((y % 1) * 64) / 64)
        stamp, dx, dy = _stamp_for(self, renderer.dpi, fraction)
        if stamp is None:
            return
        gc = renderer.new_gc()
        gc.set_alpha(self.get_alpha())
        if self.get_clip_on():
            gc.set_clip_rectangle(self.clipbox)
            gc.set_clip_path(self.get_clip_path())
        renderer.draw_image(gc, int(np.floor(x)) + dx, int(np.floor(y)) + dy, stamp)
        gc.restore()
        self.stale = False


def _stamp_for(artist: Text, dpi: float, fraction: tuple[float, float]):
    props = artist.get_fontproperties()
    key = (artist.get_text(), to_rgba(artist.get_color()), hash(props), artist.get_horizontalalignment(),
           artist.get_verticalalignment(), _multialignment(artist), _linespacing(artist),
           artist.get_rotation(), artist.get_rotation_mode(), dpi, fraction)
    found = _stamps.get(key)
    if found is not None:
        _stamps.move_to_end(key)
        return found
    found = _render_fast(artist, dpi) if getattr(artist, "snap_to_pixels", False) else None
    if found is None:
        found = _render_stamp(artist, dpi, fraction)
    _stamps[key] = found
    if len(_stamps) > MAX_STAMPS:
        _stamps.popitem(last=False)
    return found


def _render_stamp(artist: Text, dpi: float, fraction: tuple[float, float]):
    """Draw the label once on a transparent scratch canvas around an anchor; crop to its ink.

    Returns (RGBA array, dx, dy): the bitmap and the offset of its lower-left
    corner from the anchor's whole pixel, in whole pixels.
    """
    props = artist.get_fontproperties()
    size_px = props.get_size_in_points() * dpi / 72
    lines = artist.get_text().count("\n") + 1
    longest = max(len(line) for line in artist.get_text().split("\n"))
    across, down = size_px * (longest + 2) + 8, size_px * 1.5 * (lines + 1) + 8
    if artist.get_rotation() % 180 != 0:  # turned text needs room both ways
        across = down = max(across, down)
    half_width, half_height = _bucket(across), _bucket(down)
    canvas, scratch = _scratch(half_width, half_height, dpi)
    scratch.set_position((half_width + fraction[0], half_height + fraction[1]))
    scratch.update({"text": artist.get_text(), "color": artist.get_color(), "fontproperties": props,
                    "horizontalalignment": artist.get_horizontalalignment(),
                    "verticalalignment": artist.get_verticalalignment(),
                    "multialignment": _multialignment(artist), "linespacing": _linespacing(artist),
                    "rotation": artist.get_rotation(), "rotation_mode": artist.get_rotation_mode()})
    renderer = canvas.get_renderer()
    renderer.clear()
    scratch.draw(renderer)
    pixels = np.asarray(renderer.buffer_rgba())
    ink = pixels[..., 3] > 0
    if not ink.any():
        return None, 0, 0
    rows = np.flatnonzero(ink.any(axis=1))
    cols = np.flatnonzero(ink.any(axis=0))
    top, bottom, left, right = rows[0], rows[-1], cols[0], cols[-1]
    stamp = pixels[bottom:top - 1 if top else None:-1, left:right + 1].copy()  # draw_image wants the bottom row first
    # one colour, coverage in alpha: drawing on a transparent canvas darkens the edges' colour
    stamp[..., :3] = np.round(np.array(to_rgba(artist.get_color())[:3]) * 255).astype(np.uint8)
    dx = int(left - half_width)
    dy = int((pixels.shape[0] - 1 - bottom) - half_height)
    return stamp, dx, dy


_calibrations: dict = {}
_ALIGN = {"left": 0.0, "center": 0.5, "right": 1.0}


def _render_fast(artist: Text, dpi: float):
    """A single-line label rendered by FreeType as one bitmap (about five times faster than ``Text.draw``).

    Where the bitmap goes is worked out as matplotlib does it horizontally
    (the pen starts at the anchor minus the aligned share of the string's
    advance width) and, vertically, from the string's descent plus an offset
    measured once per font and alignment against an ordinary ``Text``
    (``_calibrations``). Returns None for what it does not handle, and the
    caller then draws the label exactly.
    """
    text = artist.get_text()
    if "\n" in text or artist.get_horizontalalignment() not in _ALIGN or artist.get_rotation() % 360 != 0:
        return None
    props = artist.get_fontproperties()
    fast = _freetype_bitmap(text, props, dpi, _antialiased(artist))
    if fast is None:
        return None
    coverage, left, bottom, advance = fast
    dx = -_ALIGN[artist.get_horizontalalignment()] * advance + left
    key = (hash(props), artist.get_horizontalalignment(), artist.get_verticalalignment(), dpi)
    if key not in _calibrations:
        exact = _render_stamp(artist, dpi, (0.0, 0.0))
        if exact[0] is None:
            return None
        _calibrations[key] = (exact[1] - round(dx), exact[2] - bottom)
        return exact
    shift_x, shift_y = _calibrations[key]
    colour = to_rgba(artist.get_color())
    stamp = np.empty(coverage.shape + (4,), dtype=np.uint8)
    stamp[..., :3] = np.round(np.array(colour[:3]) * 255).astype(np.uint8)
    stamp[..., 3] = np.round(coverage.astype(float) * colour[3]).astype(np.uint8)
    return stamp[::-1].copy(), int(round(dx) + shift_x), int(bottom + shift_y)


def _freetype_bitmap(text: str, props, dpi: float, antialiased: bool):
    """FreeType's coverage bitmap of a whole string, cropped to its ink.

    Returns (coverage rows top to bottom, left and bottom of the ink relative
    to the pen's start on the baseline in whole pixels, the advance width), or
    None if nothing is inked.
    """
    font = get_font(findfont(props))
    font.clear()
    font.set_size(props.get_size_in_points(), dpi)
    font.set_text(text, 0.0, flags=get_hinting_flag())
    font.draw_glyphs_to_bitmap(antialiased=antialiased)
    image = np.asarray(font.get_image())
    ink = image > 0
    if not ink.any():
        return None
    rows = np.flatnonzero(ink.any(axis=1))
    cols = np.flatnonzero(ink.any(axis=0))
    advance = font.get_width_height()[0] / 64
    descent = font.get_descent() / 64
    offset_x = font.get_bitmap_offset()[0] / 64
    coverage = image[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
    left = offset_x + cols[0]
    bottom = -descent + (image.shape[0] - 1 - rows[-1])
    return coverage, left, int(round(bottom)), advance


def _linespacing(artist: Text):
    """The text's line spacing (``get_linespacing`` is new in matplotlib 3.11)."""
    getter = getattr(artist, "get_linespacing", None)
    return getter() if getter is not None else artist._linespacing


def _multialignment(artist: Text):
    """How the lines of a multi-line text align (matplotlib has no public getter)."""
    getter = getattr(artist, "_get_multialignment", None)
    return getter() if getter is not None else getattr(artist, "_multialignment", None)


def _antialiased(artist: Text) -> bool:
    getter = getattr(artist, "get_antialiased", None)
    return bool(getter()) if getter is not None else bool(rcParams["text.antialiased"])


def _bucket(pixels: float) -> int:
    """Scratch canvases come in a few sizes (powers of two), so a handful serve every label."""
    return int(2 ** np.ceil(np.log2(max(pixels, 16))))


_scratches: dict = {}


def _scratch(half_width: int, half_height: int, dpi: float):
    """A transparent canvas of twice the given size, with one Text artist to draw labels with."""
    key = (half_width, half_height, dpi)
    if key not in _scratches:
        figure = Figure(figsize=(2 * half_width / dpi, 2 * half_height / dpi), dpi=dpi, facecolor="none")
        canvas = FigureCanvasAgg(figure)
        scratch = Text(0, 0, "", transform=IdentityTransform(), figure=figure)
        _scratches[key] = (canvas, scratch)
    return _scratches[key]


def stamp(texts) -> int:
    """Turn ordinary ``Text`` objects into snapped ``StampText`` in place; returns how many changed.

    For texts matplotlib makes itself (tick labels, titles, legend entries),
    which cannot be created as StampText. Other objects are left alone.
    """
    changed = 0
    for text in texts:
        if type(text) is Text:
            text.__class__ = StampText
            text.snap_to_pixels = True
            changed += 1
    return changed


def stamp_texts(figure) -> int:
    """Draw the titles, axis labels and tick labels of every axes of ``figure`` from cached bitmaps.

    Uses ``stamp`` on them. Tick labels that matplotlib creates later stay
    ordinary until this is called again. Returns how many texts were changed.
    """
    texts = []
    for ax in figure.axes:
        texts += [ax.title, getattr(ax, "_left_title", None), getattr(ax, "_right_title", None)]
        for axis in (ax.xaxis, ax.yaxis):
            texts += [axis.label, axis.offsetText]
            for tick in (*axis.majorTicks, *axis.minorTicks):
                texts += [tick.label1, tick.label2]
    return stamp(texts)
