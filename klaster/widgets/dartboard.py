"""Widget of lesson 07: the Ellison-Glaeser dartboard (klaster.dartboard)."""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from .. import data
from ..dartboard import division_plant_sizes, lognormal_plant_sizes, real_concentration, share_at_least, simulate
from ..errors import KlasterInputError, KlasterValueError
from ..i18n import _, _f
from ..i18n.mpl import local_ticks
from ..plots import OKABE_ITO, use_course_style
from .texts import fit_to_figure
from .base import FigureView, LessonWidget, Panel, TextPart, message_html

DRAWS = 500
BINS = 40
SEED = 20240807
#: An axis keeps its limits while the data fill at least this share of its width (or height), so that
#: most changes redraw no ticks; new limits leave some room (PAD on each side, HEADROOM above the bars).
FILL = 0.5
PAD = 0.08
HEADROOM = 1.15
COUNT_FILL = 0.4
#: Fixed margins (figure fractions) and axis-label places (axes fractions, room for 3-digit counts):
#: faster than a layout engine, and the labels need not be placed again when the tick labels change.
MARGINS = dict(left=0.075, right=0.99, bottom=0.2, top=0.925, wspace=0.232)
XLABEL_Y, YLABEL_X = -0.09, -0.11
#: The legends sit under the axes, where the moving bars and lines never cover them.
LEGEND_ANCHOR = (0.5, -0.12)
COUNT_STEPS = (10, 15, 20, 25, 30, 40, 50, 60, 80, 100, 120, 150, 200, 250, 300, 400, 500, 600)


def stable_range(current: tuple[float, float] | None, low: float, high: float) -> tuple[float, float]:
    """Axis limits showing [low, high]: ``current`` while it holds them and they fill FILL of it."""
    width = high - low
    if current is not None:
        left, right = current
        if left <= low and high <= right and width >= FILL * (right - left):
            return current
    pad = PAD * max(width, 1e-6)
    return low - pad, high + pad


def stable_top(current: float | None, count: float) -> float:
    """Upper limit of a count axis: ``current`` while the tallest bar fits under it with room to spare
    and reaches at least COUNT_FILL of it."""
    if current is not None and COUNT_FILL * current <= count <= current / 1.05:
        return current
    wanted = count * HEADROOM
    return float(next((step for step in COUNT_STEPS if step >= wanted), np.ceil(wanted)))


class DartboardExplorer(LessonWidget):
    """Throw plants at the provinces at random and compare gamma with a real division's.

    Controls: ``plants`` (number of plants), ``spread`` (how unequal their
    sizes are: the standard deviation of log size), ``division`` (the real
    division whose G and gamma are marked), ``own_plants`` (tick to throw
    the chosen division's own plants instead of the made-up ones). Outputs:
    ``view`` (histograms of the simulated G and gamma), ``result``,
    ``caption`` and ``message``. The latest simulation is in ``simulated``
    (from ``klaster.dartboard.simulate``) and the real values in ``real``.
    """

    def __init__(self, plants: int = 30, spread: float = 1.0, division: str = "Tobacco", year: int = 2024):
        use_course_style()
        self.real, self.x = real_concentration(year)
        table = data.load_plants()
        self._sizes_by_division = {name: division_plant_sizes(name, table).to_numpy() for name in self.real.index}
        self._own_cache: dict[str, pd.DataFrame] = {}
        self._made_up: tuple = (None, None)  # ((plants, spread), simulation) of the made-up plants
        style = {"description_width": "150px"}  # room for the longer Indonesian labels
        self.plants = widgets.IntSlider(value=plants, min=1, max=300, step=1, description=_("Plants:"),
                                        style=style, layout=widgets.Layout(width="460px"))
        self.spread = widgets.FloatSlider(value=spread, min=0.0, max=2.5, step=0.1, readout_format=".1f",
                                          description=_("Size inequality:"), style=style,
                                          tooltip=_("standard deviation of log plant size"),
                                          layout=widgets.Layout(width="460px"))
        division = data.course_division(division, self.real.index)
        self.division = widgets.Dropdown(options=list(self.real.index), value=division,
                                         description=_("Division:"), style={"description_width": "120px"},
                                         layout=widgets.Layout(width="380px"))
        self.own_plants = widgets.Checkbox(value=False, description=_("throw this division's own plants"),
                                           indent=False, layout=widgets.Layout(width="440px"))
        self.view = FigureView(figsize=(9.5, 4.1), margins=MARGINS, in_panel=True)
        self.ax_G, self.ax_gamma = self.view.figure.subplots(1, 2)
        self._build_axes()
        self.result, self.caption, self.message = TextPart(), TextPart(), TextPart()
        self.simulated: pd.DataFrame | None = None
        controls = widgets.VBox([self.plants, self.spread, widgets.HBox([self.division, self.own_plants])])
        self.widget = widgets.VBox([controls, Panel(self.view.image, self.result, self.caption, self.message)])
        for control in (self.plants, self.spread, self.division, self.own_plants):
            control.observe(self._on_change, names="value")
        self._on_change()

    def _build_axes(self) -> None:
        blank = np.zeros(BINS)
        edges = np.linspace(0, 1, BINS + 1)
        self.G_bars = self.ax_G.bar(edges[:-1], blank, width=np.diff(edges), align="edge",
                                    color=OKABE_ITO["sky_blue"], edgecolor="white", linewidth=0.3,
                                    label=_("simulated G"))
        self.expected_G_line = self.ax_G.axvline(0, color=OKABE_ITO["black"], ls="--", lw=1.2,
                                                 label=_("expected G = (1 − Σx²)·H"))
        self.real_G_line = self.ax_G.axvline(0, color=OKABE_ITO["vermillion"], lw=2, label=_("real G"))
        self.ax_G.set_xlabel(_("raw concentration G (no unit)"))
        self.ax_G.set_ylabel(_("number of draws"))
        self.gamma_bars = self.ax_gamma.bar(edges[:-1], blank, width=np.diff(edges), align="edge",
                                            color=OKABE_ITO["bluish_green"], edgecolor="white", linewidth=0.3,
                                            label=_("simulated γ"))
        self.zero_line = self.ax_gamma.axvline(0, color=OKABE_ITO["black"], ls="--", lw=1.2, label="γ = 0")
        self.real_gamma_line = self.ax_gamma.axvline(0, color=OKABE_ITO["vermillion"], lw=2, label=_("real γ"))
        self.ax_gamma.set_xlabel(_("Ellison–Glaeser γ (no unit)"))
        self.ax_gamma.set_ylabel(_("number of draws"))
        for ax in (self.ax_G, self.ax_gamma):
            ax.legend(fontsize=7.5, frameon=False, loc="upper center", bbox_to_anchor=LEGEND_ANCHOR, ncol=3)
            ax.yaxis.set_major_locator(MaxNLocator(5, integer=True))
            ax.xaxis.set_major_locator(MaxNLocator(5))
            local_ticks(ax.xaxis, ax.yaxis)
            ax.xaxis.set_label_coords(0.5, XLABEL_Y)
            ax.yaxis.set_label_coords(YLABEL_X, 0.5)
        self._limits: dict = {}  # the current (x limits, top) of each axes, kept while the data fit
        # the bars and the lines move with every change; the legends, spines and labels stay
        self.view.animate(*self.G_bars.patches, *self.gamma_bars.patches, self.expected_G_line,
                          self.real_G_line, self.zero_line, self.real_gamma_line)

    def _sizes(self) -> np.ndarray:
        if self.own_plants.value:
            return self._sizes_by_division[self.division.value]
        return lognormal_plant_sizes(int(self.plants.value), float(self.spread.value), seed=SEED)

    def _simulate(self) -> pd.DataFrame:
        sizes = self._sizes()
        if sizes.size < 2:
            raise KlasterValueError(_(
                "With a single plant, H = 1 and γ is not defined: one plant is always in one place, so its "
                "location tells us nothing about clustering. Choose 2 plants or more."
            ))
        if not self.own_plants.value:  # the same plants as last time (say, only the division changed)?
            key = (int(self.plants.value), float(self.spread.value))
            if self._made_up[0] != key:
                self._made_up = (key, simulate(sizes, self.x, draws=DRAWS, seed=SEED))
            return self._made_up[1]
        name = self.division.value
        if name not in self._own_cache:
            self._own_cache[name] = simulate(sizes, self.x, draws=DRAWS, seed=SEED)
        return self._own_cache[name]

    def _on_change(self, change=None) -> None:
        self.plants.disabled = self.spread.disabled = bool(self.own_plants.value)
        try:
            simulated = self._simulate()
        except KlasterInputError as problem:
            self.message.value = message_html(str(problem), "problem")
            self.result.value = ""
            self.simulated = None
            return
        self.message.value = ""
        self.simulated = simulated
        real = self.real.loc[self.division.value]
        self._histogram(self.ax_G, self.G_bars, simulated["G"].to_numpy(), [real["G"], 0.0])
        self._histogram(self.ax_gamma, self.gamma_bars, simulated["gamma"].to_numpy(), [real["gamma"], 0.0])
        self.expected_G_line.set_xdata([simulated.attrs["expected_G"]] * 2)
        self.real_G_line.set_xdata([real["G"]] * 2)
        self.real_gamma_line.set_xdata([real["gamma"]] * 2)
        if self.own_plants.value:
            which = _f("{division}'s own {plants:,} plants", division=self.division.value,
                       plants=simulated.attrs["plants"])
        else:
            which = _f("{plants:,} made-up plants", plants=simulated.attrs["plants"])
        self.ax_G.set_title(_f("Raw concentration G, {draws:,} random draws", draws=DRAWS))
        self.ax_gamma.set_title(_f("γ of the same draws; real: {division}", division=self.division.value))
        fit_to_figure(self.ax_gamma.title)  # long division names (in Indonesian too) stay inside the figure
        self.view.refresh()
        self.result.value = self._sentence(simulated, real, which)
        self.caption.value = "<i>" + _f(
            "Figure: {plants} thrown {draws:,} times at the 38 provinces, each landing in a province with "
            "probability equal to its share of all manufacturing jobs (synthetic panel, 2024). Left: raw "
            "concentration G of each throw; right: γ of each throw. Red lines: the chosen division's real G and "
            "γ, from the SYNTHETIC plants table.", plants=which, draws=DRAWS) + "</i>"

    def _histogram(self, ax, bars, values: np.ndarray, marks: list[float]) -> None:
        low, high = float(values.min()), float(values.max())
        if high - low < 1e-12:
            low, high = low - 1e-3, high + 1e-3
        edges = np.linspace(low, high, BINS + 1)
        counts = np.histogram(values, bins=edges)[0]
        for bar, left, count in zip(bars, edges[:-1], counts):
            bar.set_x(left)
            bar.set_width(edges[1] - edges[0])
            bar.set_height(count)
        span_low, span_high = min(low, *marks), max(high, *marks)
        old_x, old_top = self._limits.get(ax, (None, None))
        x_limits, top = stable_range(old_x, span_low, span_high), stable_top(old_top, counts.max())
        self._limits[ax] = (x_limits, top)
        if x_limits != old_x:
            ax.set_xlim(*x_limits)
        if top != old_top:
            ax.set_ylim(0, top)

    def _sentence(self, simulated: pd.DataFrame, real: pd.Series, which: str) -> str:
        H = simulated.attrs["H"]
        gamma = simulated["gamma"]
        low, high = gamma.quantile([0.025, 0.975])
        share = share_at_least(simulated, float(real["gamma"]))
        if not self.own_plants.value:
            verdict = _("Tick the box to throw the division's own plants and test its γ properly.")
        elif share < 0.05:
            verdict = _("With its own plants, random placement of these plants rarely gives a γ that high: the "
                        "division is more concentrated than chance.")
        else:
            verdict = _("With its own plants, random placement of these plants often gives a γ that high: chance "
                        "alone could explain it.")
        return _f(
            "Dartboard with {plants}: H = <b>{H:.4f}</b>. Thrown at random, they give an average raw "
            "concentration G of <b>{mean_G:.4f}</b> (the formula (1 − Σx²)·H predicts {expected_G:.4f}): lumpy "
            "plants look concentrated even when placed by chance. γ removes this: its mean over the draws is "
            "<b>{mean_gamma:+.4f}</b>, and 95% of draws lie between {low:+.4f} and {high:+.4f}. "
            "<b>{division}</b> has a real γ of <b>{gamma:.3f}</b> ({real_plants:,} plants, H = {real_H:.4f}); "
            "{share:.0%} of the simulated γ are at least that large.",
            plants=which, H=H, mean_G=simulated["G"].mean(), expected_G=simulated.attrs["expected_G"],
            mean_gamma=gamma.mean(), low=low, high=high, division=self.division.value,
            gamma=real["gamma"], real_plants=int(real["plants"]), real_H=real["H"], share=share) + " " + verdict
