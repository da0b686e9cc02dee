"""Building blocks shared by the course's widgets."""
from __future__ import annotations

import base64
import contextlib
import gc
import html
import struct
import zlib

import ipywidgets as widgets
import numpy as np
from ipywidgets.widgets.trait_types import CByteMemoryView
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from traitlets import Bytes, HasTraits, Unicode

from ..i18n import _
from ..text_stamps import stamp_texts


class LessonWidget:
    """Base class: a widget object that displays its ``widget`` container in a notebook.

    When it is displayed, every input from the page (a control moved in the
    browser) is handled as one update: whatever the widget's parts change in
    response (images, captions, other controls) is held back and sent together
    when the response is complete, one message per changed part, instead of
    each part as soon as it changes. The page then shows the new state at once
    rather than part after part while the kernel is still computing.
    """

    widget: widgets.Widget

    def _repr_mimebundle_(self, **kwargs):
        one_update_per_input(self)
        set_aside_long_lived_objects()
        return self.widget._repr_mimebundle_(**kwargs)

    def one_update(self):
        """Hold every change of the widget's parts and send them together at the end of the block."""
        return one_update()


class _Batch:
    """The parts changed during one update, in the order they first changed, and their changed traits."""

    def __init__(self):
        self.pending: dict[int, tuple[widgets.Widget, dict]] = {}  # id -> (widget, {trait name: None})

    def hold(self, widget: widgets.Widget, key: str) -> None:
        entry = self.pending.get(id(widget))
        if entry is None:
            entry = self.pending[id(widget)] = (widget, {})
        entry[1][key] = None

    def send(self) -> None:
        """One message per changed part, each with all of that part's changed traits."""
        while self.pending:  # sending a state never changes another part, but be safe if it does
            pending, self.pending = self.pending, {}
            for widget, keys in pending.values():
                if widget.comm is not None:
                    widget.send_state(list(keys))


_batch: _Batch | None = None
_send_now = widgets.Widget._should_send_property


def _should_send_property(self, key, value):
    """ipywidgets' test whether a changed trait goes to the page now; during one update: hold it."""
    if not _send_now(self, key, value):
        return False
    if _batch is None or isinstance(self, widgets.Output):  # an Output must learn at once where its output goes
        return True
    _batch.hold(self, key)
    return False


@contextlib.contextmanager
def one_update():
    """Hold every widget state change in the kernel until the end of the block, then send it, one message per widget.

    Like ipywidgets' ``hold_sync`` for every widget at once, at the cost of
    one check per changed trait (the parts are not walked or entered one by
    one, which costs milliseconds for a widget of many parts). Nested blocks
    are one update; the outermost sends.
    """
    global _batch
    if _batch is not None:
        yield
        return
    if widgets.Widget._should_send_property is not _should_send_property:
        widgets.Widget._should_send_property = _should_send_property
    batch = _batch = _Batch()
    try:
        yield
    finally:
        _batch = None
        batch.send()


def set_aside_long_lived_objects() -> None:
    """Collect garbage now and let later collections skip every object alive at this moment.

    A notebook's kernel holds a few hundred thousand objects (data, modules,
    figures). Python's garbage collector examines all of them in a full
    collection, which it starts by itself once enough new objects have
    outlived younger collections; in a lesson's kernel that is 60–120 ms,
    and it tends to fall inside a student's first changes of a widget (they
    make many new objects). Here, when a widget is shown, garbage is
    collected once and every object still alive is frozen (``gc.freeze``):
    later full collections examine only what was made afterwards, in well
    under a millisecond. What was frozen at an earlier display is unfrozen
    first, so objects that became garbage since (an old widget after its cell
    ran again) are still collected, here. Does nothing if the collector was
    switched off.
    """
    if not gc.isenabled():
        return
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def widget_tree(root: widgets.Widget) -> list[widgets.Widget]:
    """``root`` and every widget it holds (children, layouts, styles, ...), each once."""
    found: dict[int, widgets.Widget] = {}
    stack = [root]
    while stack:
        widget = stack.pop()
        if id(widget) in found or not isinstance(widget, widgets.Widget):
            continue
        found[id(widget)] = widget
        for key in widget.keys:
            value = getattr(widget, key, None)
            if isinstance(value, widgets.Widget):
                stack.append(value)
            elif isinstance(value, (list, tuple)):
                stack.extend(v for v in value if isinstance(v, widgets.Widget))
    return list(found.values())


def one_update_per_input(lesson: LessonWidget) -> None:
    """Make every message from the page to a part of ``lesson`` run inside ``lesson.one_update()``.

    ipywidgets calls a widget's comm callback for each message from the
    front end; the callback is wrapped once per widget (parts added later are
    wrapped the next time the lesson widget is displayed).
    """
    for part in widget_tree(lesson.widget):
        comm = getattr(part, "comm", None)
        if comm is None or getattr(part, "_klaster_one_update", None) is lesson or not hasattr(comm, "on_msg"):
            continue
        comm.on_msg(_OneUpdate(lesson, part._handle_msg))
        part._klaster_one_update = lesson


class _OneUpdate:
    """A comm callback that handles an 'update' message from the page as one update of the lesson widget."""

    def __init__(self, lesson: LessonWidget, handler):
        self.lesson, self.handler = lesson, handler

    def __call__(self, msg) -> None:
        data = (msg.get("content") or {}).get("data") or {}
        if data.get("method") != "update":
            return self.handler(msg)
        with self.lesson.one_update():
            return self.handler(msg)


def _png_as_data_url(value, widget=None) -> bytes:
    return b"data:image/png;base64," + base64.b64encode(value) if len(value) else b""


class PngImage(widgets.Image):
    """An ipywidgets Image of PNG bytes (``value``) that reaches the page as a ``data:`` URL.

    In the kernel it is an ordinary Image: ``value`` holds the PNG bytes and
    ``format`` is "png". Only what is sent differs: the page gets the picture
    as a data URL (``format`` "url", which ipywidgets' ImageView puts into the
    ``<img>`` as it is). The browser reads a data URL within the page, in
    2–4 ms, while the blob URL an ordinary Image makes goes through the
    browser's blob store and was ready 10–50 ms later (headless Chromium, a
    busy machine). So a new picture is more often shown in the same frame
    as the captions sent with it; the cost is a third more bytes on the wire.
    """

    format = Unicode("png", help="The format of value (always PNG).").tag(sync=True, to_json=lambda value, widget: "url")
    value = CByteMemoryView(help="The PNG bytes, as a memory view.").tag(sync=True, to_json=_png_as_data_url)


class TextPart(HasTraits):
    """One text of a widget's output, as an ipywidgets HTML would hold it (``value``, observable),
    shown with the parts beside it in one ``Panel``."""

    value = Unicode("", help="The HTML shown.")

    def __init__(self, value: str = "", style: str = ""):
        super().__init__(value=value)
        self.style = style  # CSS for the text's box, such as a max-width

    def __repr__(self):
        return f"TextPart(value={self.value[:40]!r})"


class PicturePart(HasTraits):
    """One picture of a widget's output: PNG bytes (``value``, observable), shown in a ``Panel``.

    It stands where an ipywidgets Image of the same PNG would: ``value`` holds
    the bytes, and ``max_width`` caps the width on the page (the picture is
    shown at its natural size, narrower on a narrow screen). ``alt`` is the
    text a screen reader says instead of the picture (empty when the text
    beside it describes the figure).
    """

    value = Bytes(b"", help="The PNG bytes.")

    def __init__(self, max_width: str = "820px", alt: str = ""):
        super().__init__()
        self.max_width, self.alt = max_width, alt
        self._data_url = ""
        self.observe(self._encode, names="value")

    def _encode(self, change=None) -> None:
        self._data_url = _png_as_data_url(bytes(self.value)).decode("ascii")

    def html(self) -> str:
        if not self._data_url:
            return ""
        return (f'<img src="{self._data_url}" alt="{html.escape(self.alt)}" decoding="sync" '
                f'style="display:block; max-width:min(100%, {self.max_width}); height:auto">')

    def __repr__(self):
        return f"PicturePart({len(self.value)} bytes)"


class Panel(widgets.HTML):
    """A widget's output parts (texts and pictures) one under the other, shown as a single HTML widget.

    It looks like a VBox of one HTML or Image widget per part (each of those
    has a 2-pixel margin all round, so 4 pixels lie between two parts, and
    an empty one still takes those 4 pixels), but whatever the parts change
    in one update reaches the page as one message and is drawn in one frame:
    separate widgets arrive one by one, and a picture in an Image widget is
    shown a frame or two after the texts sent with it. Pictures travel as
    ``data:`` URLs inside the HTML, which Chromium loads at once and, with
    ``decoding="sync"``, paints in the same frame as the texts. ``parts``
    are the TextPart and PicturePart objects, in order.
    """

    def __init__(self, *parts: TextPart | PicturePart, **kwargs):
        super().__init__(**kwargs)
        self.parts = parts
        for part in parts:
            part.observe(self._compose, names="value")
        self._compose()

    def _compose(self, change=None) -> None:
        self.value = "".join(
            f'<div style="display:flow-root{"" if k == 0 else "; margin-top:4px"}'
            f'{"; " + part.style if getattr(part, "style", "") else ""}">'
            f'{part.html() if isinstance(part, PicturePart) else part.value}</div>' for k, part in enumerate(self.parts))


DISPLAY_DPI = 86
"""Pixels per inch for widget figures: an 820-pixel-wide widget shows a 9.5-inch figure at its natural size."""


class FigureView:
    """A matplotlib Figure made outside pyplot, shown as a PNG: in an ipywidgets Image of its own
    (``image``), or with ``in_panel=True`` as a PicturePart that a Panel shows beside the texts of the
    same output.

    Draw on ``figure`` (update artists in place), then call ``refresh()``.
    Being outside pyplot, the figure is never shown twice by the notebook's
    inline backend.

    Drawing text is most of the cost of a matplotlib figure, so a view can
    render in three cached layers, the way animations "blit":

    1. the static layer: backgrounds, spines, legends, everything not named below;
       drawn again only when the axes, their labels or legends change, or after
       ``invalidate()``;
    2. the tick layer: every axis with its ticks, tick labels and label; drawn
       again only when view limits, scales or fixed tick labels change;
    3. the dynamic layer: the axes titles and the artists passed to
       ``animate()``; drawn on every refresh, in z-order.

    A widget that calls ``animate()`` must animate every artist whose look
    changes between refreshes (or call ``invalidate()`` after changing a static
    one); ``render(fresh=True)`` rebuilds all layers, so tests can check that
    the cached picture equals a fresh one. Without ``animate()`` every refresh
    is a full draw.

    With ``layout="constrained"`` the layout is computed at the first draw and
    then kept, so later refreshes never pay for it again.
    """

    def __init__(self, figsize=(8, 4.5), width: str = "820px", layout: str | None = "constrained",
                 margins: dict | None = None, dpi: float = DISPLAY_DPI, in_panel: bool = False):
        self.figure = Figure(figsize=figsize, layout=None if margins else layout, dpi=dpi)
        FigureCanvasAgg(self.figure)
        if margins:  # fixed margins are much faster to draw than a constrained layout
            self.figure.subplots_adjust(**margins)
        # in_panel: the picture is a part of a Panel (sent with the texts beside it), else an Image widget of its own
        self.image = PicturePart(max_width=width) if in_panel else PngImage(layout=widgets.Layout(max_width=width))
        self._dynamic: list = []
        self._static_layer = None  # (signature, saved region)
        self._tick_layer = None
        self.full_draws = 0  # how often each layer was drawn again (for tests and benchmarks)
        self.tick_draws = 0

    # -- what changes -------------------------------------------------------------
    def animate(self, *artists, new: bool = False) -> None:
        """Mark artists that change between refreshes; they are drawn on top, every time.

        ``new=True`` says the artists were made after the last refresh (for
        example a colour bar's colours after a new scale), so they are in no
        cached layer and nothing needs drawing again.
        """
        for artist in artists:
            artist.set_animated(True)
            if not any(artist is known for known in self._dynamic):
                self._dynamic.append(artist)
        if not new:
            self.invalidate()

    def forget(self, *artists) -> None:
        """Stop treating artists as dynamic (for example before removing them)."""
        self._dynamic = [a for a in self._dynamic if not any(a is gone for gone in artists)]
        for artist in artists:
            artist.set_animated(False)
        self.invalidate()

    def invalidate(self) -> None:
        """Draw the static layer again at the next refresh."""
        self._static_layer = None
        self._tick_layer = None

    # -- drawing --------------------------------------------------------------------
    def refresh(self) -> None:
        """Draw what changed and show it."""
        self.image.value = rgba_to_png(self.render())

    def render(self, fresh: bool = False) -> np.ndarray:
        """The figure as an (height, width, 4) RGBA array; ``fresh=True`` ignores every cached layer."""
        canvas = self.figure.canvas
        if not self._dynamic:
            _make_ticks(self.figure)
            stamp_texts(self.figure)
            self._draw_everything()
            self.full_draws += 1
            if stamp_texts(self.figure):  # drawing made new ticks, with ordinary labels: draw them as stamps
                self._draw_everything()
            return np.array(canvas.buffer_rgba())
        if fresh:
            self.invalidate()
        axes = [ax for ax in self.figure.axes if ax.get_visible()]
        stamp_texts(self.figure)
        static_key = self._static_signature(axes)
        if self._static_layer is None or self._static_layer[0] != static_key:
            self._draw_static(axes)
            static_key = self._static_signature(axes)  # the first draw may move axes (layout)
            self._static_layer = (static_key, canvas.copy_from_bbox(self.figure.bbox))
            self._tick_layer = None
        tick_key = self._tick_signature(axes)
        if self._tick_layer is None or self._tick_layer[0] != tick_key:
            if _make_ticks(self.figure):
                stamp_texts(self.figure)
            self._draw_ticks(axes)
            self.tick_draws += 1
            if stamp_texts(self.figure):  # drawing made new ticks, with ordinary labels: draw them as stamps
                self._draw_ticks(axes)
            self._tick_layer = (tick_key, canvas.copy_from_bbox(self.figure.bbox))
        else:
            canvas.restore_region(self._tick_layer[1])
        for artist in sorted(self._live_dynamic(axes), key=lambda a: a.get_zorder()):
            artist.draw(canvas.get_renderer())
        return np.array(canvas.buffer_rgba())

    def _draw_ticks(self, axes) -> None:
        self.figure.canvas.restore_region(self._static_layer[1])
        for ax in axes:
            if ax.axison:
                for axis in (ax.xaxis, ax.yaxis):
                    ax.draw_artist(axis)

    def _draw_everything(self) -> None:
        self.figure.canvas.draw()
        self._freeze_layout()

    def _draw_static(self, axes) -> None:
        hidden = [axis for ax in axes for axis in (ax.xaxis, ax.yaxis)] + [ax.title for ax in axes]
        flags = [artist.get_animated() for artist in hidden]
        for artist in hidden:
            artist.set_animated(True)
        try:
            self._draw_everything()
            self.full_draws += 1
        finally:
            for artist, flag in zip(hidden, flags):
                artist.set_animated(flag)

    def _freeze_layout(self) -> None:
        engine = self.figure.get_layout_engine()
        if engine is not None and engine.__class__.__name__ != "PlaceHolderLayoutEngine":
            self.figure.set_layout_engine("none")

    def _live_dynamic(self, axes) -> list:
        self._dynamic = [a for a in self._dynamic if a.figure is self.figure]  # forget removed artists
        titles = [ax.title for ax in axes]
        live = [a for a in self._dynamic if a.get_visible() and (a.axes is None or a.axes.get_visible())]
        return live + titles

    def _static_signature(self, axes) -> tuple:
        parts = [tuple(self.figure.get_size_inches()), self.figure.dpi]
        for ax in axes:
            legend = ax.get_legend()
            parts.append((
                tuple(ax.get_position().bounds), ax.axison, len(ax.get_children()),
                tuple(t.get_text() for t in ax.texts if not t.get_animated()),
                None if legend is None else (legend.get_visible(), tuple(t.get_text() for t in legend.get_texts())),
                tuple((id(m), m.norm.vmin, m.norm.vmax, m.cmap.name) for m in (*ax.collections, *ax.images)
                      if not m.get_animated() and m.get_array() is not None),
            ))
        parts.append(tuple(t.get_text() for t in self.figure.texts))
        parts.append(len(self.figure.legends))
        return tuple(parts)

    def _tick_signature(self, axes) -> tuple:
        parts = []
        for ax in axes:
            for name, axis in (("x", ax.xaxis), ("y", ax.yaxis)):
                locator, formatter = axis.get_major_locator(), axis.get_major_formatter()
                parts.append((
                    name, axis.get_scale(), tuple(axis.get_view_interval()), axis.get_visible(),
                    axis.label.get_text(), type(locator).__name__, type(formatter).__name__,
                    tuple(np.atleast_1d(getattr(locator, "locs", ()))), tuple(getattr(formatter, "seq", ()) or ()),
                    getattr(formatter, "fmt", None),
                ))
        return tuple(parts)


def _make_ticks(figure) -> int:
    """Make, before drawing, the Tick objects matplotlib would add while drawing; returns how many it made.

    An axis makes new ticks (with ordinary text labels) while it is drawn
    when its view needs more ticks than it has, which a new range often
    does; they could only be turned into stamps (text_stamps) afterwards and
    the axes drawn again. Made here, they are stamped before the one draw.
    """
    made = 0
    for ax in figure.axes:
        if not (ax.get_visible() and ax.axison):
            continue
        for axis in (ax.xaxis, ax.yaxis):
            if not axis.get_visible():
                continue
            for ticks, locations, get in (("majorTicks", axis.get_majorticklocs, axis.get_major_ticks),
                                           ("minorTicks", axis.get_minorticklocs, axis.get_minor_ticks)):
                before = len(getattr(axis, ticks))
                wanted = len(locations())
                if wanted > before:
                    get(wanted)
                    made += wanted - before
    return made


def show_tile_map(view: FigureView, tile_map) -> None:
    """Refresh a view holding a TileMap, drawing only the tiles, their texts and the colour bar's colours again."""
    artists = tile_map.dynamic_artists()
    unmarked = [a for a in artists if not a.get_animated()]
    if unmarked:  # all of them the first time; after a new scale, the colour bar's new colours only
        view.animate(*unmarked, new=len(unmarked) < len(artists))
    view.refresh()


def rgba_to_png(rgba: np.ndarray) -> bytes:
    """PNG bytes of an RGBA pixel buffer (alpha dropped): rows unfiltered, fast (level 1) deflate.

    Written with zlib directly because it is 2–4 times faster than a general
    PNG encoder for the flat colours of a chart, at about the same size.
    Format: PNG specification (W3C, 2003), IHDR / IDAT / IEND chunks.
    """
    height, width = rgba.shape[:2]
    raw = np.zeros((height, 1 + 3 * width), dtype=np.uint8)  # each row: filter type 0, then RGB bytes
    raw[:, 1:] = rgba[..., :3].reshape(height, 3 * width)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw.tobytes(), 1))
            + chunk(b"IEND", b""))
def message_html(text: str, kind: str = "problem") -> str:
    """HTML for a short message under a widget: kind is 'problem', 'note' or 'result'."""
    colour = {"problem": "#D55E00", "note": "#0072B2", "result": "#000000"}[kind]
    prefix = {"problem": _("Problem: "), "note": "", "result": ""}[kind]
    return f'<div style="color:{colour}; max-width: 820px">{prefix}{html.escape(text)}</div>'
