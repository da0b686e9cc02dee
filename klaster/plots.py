"""Figures for the course: one colour-blind-safe style and the tile-grid map.

Colours: the Okabe-Ito palette for categories (Okabe & Ito 2008, "Color
Universal Design"), viridis for ordered values, and the PuOr diverging map
(ColorBrewer: Harrower & Brewer 2003) for values around a midpoint such as
LQ = 1. All three stay distinguishable for the common forms of colour
blindness.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import matplotlib
import matplotlib.ticker

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import colors as mcolors  # noqa: E402
from matplotlib.collections import PatchCollection  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from .i18n import _, local_format
from .errors import KlasterValueError  # noqa: E402
from .text_stamps import StampText  # noqa: E402

OKABE_ITO = {
    "orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "reddish_purple": "#CC79A7", "black": "#000000",
}
CATEGORICAL = [OKABE_ITO[k] for k in ("blue", "orange", "bluish_green", "vermillion",
                                        "reddish_purple", "sky_blue", "yellow", "black")]
SEQUENTIAL_CMAP = "viridis"
DIVERGING_CMAP = "PuOr_r"
NO_DATA_COLOUR = "#d9d9d9"

COURSE_STYLE = {
    "axes.prop_cycle": matplotlib.cycler(color=CATEGORICAL),
    "image.cmap": SEQUENTIAL_CMAP,
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "axes.titlesize": 12,
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "font.size": 10,
}


def use_course_style() -> None:
    """Apply the course's colour-blind-safe matplotlib style to all later figures."""
    plt.rcParams.update(COURSE_STYLE)


def tile_map(values: pd.Series, provinces: pd.DataFrame, ax=None, title: str = "",
             label: str = "", log: bool = False, cmap: str | None = None, center: float | None = None,
             value_format: str = "{:,.0f}", vmax: float | None = None):
    """Draw a tile-grid map of Indonesia: one square per province, coloured by ``values``.

    ``values`` is a Series indexed by BPS province code (as in
    ``provinces["bps_code"]``); provinces without a value are drawn grey
    and marked "no data". ``label`` names the variable and its unit for the
    colour bar. ``log=True`` uses a logarithmic colour scale (for skewed
    variables such as density); ``center`` uses a diverging scale around
    that value (for example 1 for location quotients).

    Returns a ``TileMap`` whose ``update`` recolours the same figure in
    place (fast enough for a widget).
    """
    return TileMap(provinces, ax=ax, cmap=cmap).update(values, title=title, label=label, log=log,
                                                       center=center, value_format=value_format, vmax=vmax)


class TileMap:
    """A tile-grid map whose colours, title and labels can be changed in place."""

    def __init__(self, provinces: pd.DataFrame, ax=None, cmap: str | None = None, pyplot: bool = True):
        needed = {"bps_code", "iso", "tile_col", "tile_row"}
        missing = needed.difference(provinces.columns)
        if missing:
            raise KlasterValueError(_("The provinces table needs the columns {columns} to draw a tile map.").format(
                columns=sorted(missing)))
        self.provinces = provinces.reset_index(drop=True)
        self.codes = self.provinces["bps_code"].astype(str)
        if ax is None:
            if pyplot:
                fig, ax = plt.subplots(figsize=(9, 4.8), layout="constrained")
            else:  # a figure outside pyplot: never shown by accident, freed with the widget;
                # fixed margins, because a constrained layout costs more than the drawing itself
                fig = Figure(figsize=(9, 4.8))
                fig.subplots_adjust(left=0.01, right=0.99, top=0.92, bottom=0.08)
                ax = fig.add_subplot()
        self.ax = ax
        self.figure = ax.figure
        self.cmap_name = cmap
        cols = self.provinces["tile_col"].to_numpy()
        rows = self.provinces["tile_row"].to_numpy()
        tiles = [Rectangle((c - 0.46, -r - 0.46), 0.92, 0.92) for c, r in zip(cols, rows)]
        self.collection = PatchCollection(tiles, edgecolor="white", linewidth=1.0)
        ax.add_collection(self.collection)
        # labels drawn from cached bitmaps: 76 ordinary texts would cost a widget over 100 ms per redraw
        self.labels = [ax.add_artist(StampText(c, -r + 0.12, iso.replace("ID-", ""), ha="center", va="center",
                                               fontsize=7, fontweight="bold", snap=True))
                       for c, r, iso in zip(cols, rows, self.provinces["iso"])]
        self.value_texts = [ax.add_artist(StampText(c, -r - 0.22, "", ha="center", va="center", fontsize=5.5,
                                                    snap=True))
                            for c, r in zip(cols, rows)]
        ax.set_xlim(cols.min() - 0.6, cols.max() + 0.6)
        ax.set_ylim(-rows.max() - 0.6, -rows.min() + 0.6)
        ax.set_aspect("equal")
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.set_xlabel(_("west \u2192 east (tiles keep each province's rough position, not its size)"))
        self.colorbar = None
        self.scale = None

    def dynamic_artists(self) -> list:
        """The artists an update changes (for ``FigureView.animate``): tiles, their texts, the colour bar's colours."""
        solids = [self.colorbar.solids] if self.colorbar is not None and self.colorbar.solids is not None else []
        return [self.collection, *self.labels, *self.value_texts, *solids]

    def update(self, values: pd.Series, title: str = "", label: str = "", log: bool = False,
               center: float | None = None, value_format: str = "{:,.0f}",
               vmax: float | None = None, vmin: float | None = None, fixed_scale: bool = False) -> "TileMap":
        """Recolour the tiles with new values (a Series indexed by BPS code).

        ``vmax`` caps the colour scale (larger values get the last colour,
        and their tiles still show the true value); ``vmin`` fixes its start.
        ``fixed_scale=True`` makes the scale run from ``vmin`` to ``vmax``
        whatever the data, so maps of different variables compare directly.
        """
        if not isinstance(values, pd.Series):
            raise KlasterValueError(_("The map needs a pandas Series of values indexed by BPS province code."))
        series = pd.to_numeric(values, errors="coerce")
        series.index = series.index.astype(str)
        aligned = series.reindex(self.codes).to_numpy(dtype=float)
        present = ~np.isnan(aligned)
        if not present.any():
            raise KlasterValueError(_("None of the values matches a province code, so there is nothing to map."))
        if log and (aligned[present] <= 0).any():
            raise KlasterValueError(_("A logarithmic colour scale needs values above zero."))
        low, high = np.nanmin(aligned), np.nanmax(aligned)
        if vmax is not None:
            high = vmax if fixed_scale else min(high, vmax)
        if vmin is not None:
            low = vmin
        if center is not None:
            norm = mcolors.TwoSlopeNorm(vcenter=center, vmin=min(low, center - 1e-12),
                                        vmax=max(high, center + 1e-12))
            cmap = plt.get_cmap(self.cmap_name or DIVERGING_CMAP)
        elif log:
            norm = mcolors.LogNorm(vmin=low, vmax=max(high, low * 1.0001))
            cmap = plt.get_cmap(self.cmap_name or SEQUENTIAL_CMAP)
        else:
            norm = mcolors.Normalize(vmin=low, vmax=high if high > low else low + 1)
            cmap = plt.get_cmap(self.cmap_name or SEQUENTIAL_CMAP)
        face = np.tile(mcolors.to_rgba(NO_DATA_COLOUR), (len(aligned), 1))
        face[present] = cmap(np.clip(norm(aligned[present]), 0, 1))
        self.collection.set_facecolor(face)
        for text, value, rgba, has in zip(self.value_texts, aligned, face, present):
            text.set_text(local_format(value_format, value) if has else _("no data"))
            text.set_color(_readable_on(rgba))
        for text, rgba in zip(self.labels, face):
            text.set_color(_readable_on(rgba))
        scale = (type(norm).__name__, norm.vmin, norm.vmax, getattr(norm, "vcenter", None), cmap.name)
        if self.colorbar is None:
            mappable = matplotlib.cm.ScalarMappable(norm=norm, cmap=cmap)
            self.colorbar = self.figure.colorbar(mappable, ax=self.ax, shrink=0.7, pad=0.01)
        elif scale != self.scale:  # a new colour bar only when the scale changed (it is slow to draw)
            self.colorbar.update_normal(matplotlib.cm.ScalarMappable(norm=norm, cmap=cmap))
        self.scale = scale
        # plain tick labels ("1,000", not mathtext "10^3"): easier to read and much faster to draw
        self.colorbar.ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(_plain_number))
        self.colorbar.ax.yaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
        self.colorbar.set_label(label)
        self.ax.set_title(title)
        self.values = pd.Series(aligned, index=self.codes.to_numpy())
        return self


def nice_ceiling(value: float) -> float:
    """The smallest 1, 2 or 5 times a power of ten that is at least ``value`` (> 0): an axis end that
    changes only in steps, so a widget's axes (and their tick labels) stay put while a slider moves."""
    if not np.isfinite(value) or value <= 0:
        return 1.0
    power = 10.0 ** np.floor(np.log10(value))
    return float(next(m * power for m in (1, 2, 5, 10) if m * power >= value * (1 - 1e-12)))


def nice_range(low: float, high: float, steps: int = 5) -> tuple[float, float]:
    """Axis limits around [low, high], rounded out to a 1-2-5 step of about (high - low) / steps."""
    span = (high - low) or abs(high) or 1.0
    step = nice_ceiling(span / steps)
    return float(np.floor(low / step - 0.5) * step), float(np.ceil(high / step + 0.5) * step)


def steady_limits(current: tuple[float, float], wanted: tuple[float, float],
                  fill: float = 0.4) -> tuple[float, float]:
    """Keep an axis' current limits while they hold the wanted range and it fills at least ``fill``
    of them; otherwise take the wanted limits. Axes that stay put redraw much faster in a widget."""
    low, high = current
    want_low, want_high = wanted
    if low <= want_low and want_high <= high and (want_high - want_low) >= fill * (high - low):
        return current
    return wanted


def _plain_number(value, position=None) -> str:
    """Tick label without scientific notation: 0.5, 12, 1,500."""
    if value == 0:
        return "0"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def _readable_on(rgba) -> str:
    """Black or white, whichever reads better on a background colour."""
    r, g, b = rgba[:3]
    return "black" if 0.299 * r + 0.587 * g + 0.114 * b > 0.5 else "white"


def figure_to_png(fig) -> bytes:
    """Render a matplotlib figure to PNG bytes (for an ipywidgets Image)."""
    import io
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def labelled_scatter(x: pd.Series, y: pd.Series, label: list | None = None, title: str = "",
                     xlabel: str = "", ylabel: str = "", logx: bool = False, ax=None):
    """Scatter plot of two Series sharing an index, with chosen points labelled by their index.

    Returns the Axes. ``label`` lists the index values to annotate.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4.5), layout="constrained")
    ax.scatter(x, y, color=OKABE_ITO["blue"])
    for name in label or []:
        ax.annotate(str(name), (x[name], y[name]), fontsize=8, xytext=(4, 3), textcoords="offset points")
    if logx:
        ax.set_xscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    return ax
