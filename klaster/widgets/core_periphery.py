"""Widget of lesson 08: the core-periphery model of Krugman (1991b).

Sliders for the transport cost T, the elasticity of substitution sigma and
the manufacturing share of spending mu. Left panel: the real-wage gap
omega1 - omega2 against region 1's share lambda of manufacturing workers,
with the stable (filled) and unstable (open) equilibria. Right panel: the
tomahawk diagram for the chosen sigma and mu, with the break point, the
sustain point and the chosen T. A sentence under the figure reads it.
Every number comes from ``klaster.core_periphery``.
"""
from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import LinearLocator, MultipleLocator

from .. import core_periphery as cp
from ..errors import KlasterInputError
from ..i18n import N_, _, _f, number
from ..i18n.mpl import local_ticks
from ..plots import OKABE_ITO, nice_ceiling, use_course_style
from .base import FigureView, LessonWidget, Panel, TextPart, message_html

T_MIN, T_MAX = 1.0, 3.0
#: Transport costs drawn in the widget's tomahawk (a step of 0.02 from 1 to 3).
TOMAHAWK_COSTS = 101
#: Half-heights the real-wage gap axis can take (times a power of ten). "Nice" limits, kept while the
#: curve fits and fills at least GAP_FILL of them, so that most slider moves redraw no tick labels
#: (the slowest part of a redraw); ticks at -L, -L/2, 0, L/2, L never need more than six characters.
GAP_FILL = 0.3
#: Fixed margins (figure fractions) and axis-label places (axes fractions): faster than a layout
#: engine, and the labels need not be placed again whenever the tick labels change.
MARGINS = dict(left=0.085, right=0.87, bottom=0.2, top=0.93, wspace=0.166)
GAP_YLABEL_X, TOMAHAWK_YLABEL_X, XLABEL_Y = -0.165, -0.1, -0.085


def gap_limit(largest: float, current: float | None = None) -> float:
    """Half-height L of the real-wage gap axis (-L to L) for a curve whose largest |gap| is ``largest``.

    Keeps ``current`` while the curve (with a 5% margin) fits and reaches at least GAP_FILL of it;
    otherwise the smallest nice value above 1.15 times the largest gap (at least 0.002). A flat
    curve (free transport) keeps ``current``: a line at zero looks the same on any scale.
    """
    largest = float(largest)
    if current is not None and (largest < 1e-9 or GAP_FILL * current <= largest <= current / 1.05):
        return current
    return nice_ceiling(max(largest, 1e-3) * 1.15)


def _list(values) -> str:
    """'0, 0.5 and 1' from a list of shares (numbers in the language's style)."""
    text = [number(v, ".2f").rstrip("0").rstrip(".,") if v not in (0.0, 1.0) else number(v, "g") for v in values]
    if len(text) == 1:
        return text[0]
    return _("{items} and {last}").format(items=", ".join(text[:-1]), last=text[-1])


def read_equilibria(table, transport_cost: float) -> str:
    """One or two plain sentences that read the real-wage curve (its equilibria) for the student."""
    t = transport_cost
    if table["kind"].iloc[0] == "neutral":
        return _f("At T = {t:.2f} transport is free, so a worker earns the same real wage in both regions whatever "
                  "λ is: every split is an equilibrium and none is strictly stable. Location does not matter.", t=t)
    stable = tuple(table.loc[table["stable"], "share"])
    unstable_inner = [s for s, k, ok in zip(table["share"], table["kind"], table["stable"])
                      if k == "uneven (interior)" and not ok]
    if stable == (0.5,):
        return _f("At T = {t:.2f} transport is costly (above the break point). The gap falls through zero at "
                  "λ = 0.5: if a few workers move to region 1, their real wage there drops below region 2's and "
                  "they move back. The even split is the only stable equilibrium, so industry stays spread out.", t=t)
    if stable == (0.0, 1.0):
        return _f("At T = {t:.2f} transport is cheap (below the break point). The gap rises through zero at "
                  "λ = 0.5: a worker who moves to region 1 earns more there, others follow, and all manufacturing "
                  "ends up in one region (λ = 0 or 1). Which region becomes the core depends on where the "
                  "economy starts.", t=t)
    if stable == (0.0, 0.5, 1.0):
        if unstable_inner:
            return _f("At T = {t:.2f}, between the break point and the sustain point, three outcomes are stable: "
                      "the even split and a core in either region. The open dots at λ = {shares} divide them: "
                      "start between them and industry stays spread out, start outside them and it gathers in "
                      "one region. History decides.", t=t, shares=_list(unstable_inner))
        return _f("At T = {t:.2f}, between the break point and the sustain point, three outcomes are stable: the "
                  "even split and a core in either region. History decides.", t=t)
    return _f("At T = {t:.2f} the stable equilibria are λ = {shares}.", t=t, shares=_list(stable))


class CorePeripheryExplorer(LessonWidget):
    """Explore the core-periphery model: real-wage gap and tomahawk for chosen T, sigma and mu.

    Controls: ``transport_cost``, ``sigma``, ``mu`` (FloatSliders). Outputs:
    ``image`` (both panels as PNG), ``reading`` (sentences reading the
    figure, with the break and sustain points), ``caption`` (the figure's
    description), ``message`` (a problem with the parameters, if any).
    After each update: ``table`` (the equilibria), ``stable`` (the stable
    shares), ``t_break`` and ``t_sustain``, and ``valid`` (False while the
    sliders break the no-black-hole condition; the figure then keeps the
    last valid setting). Artists are updated in place.
    """

    def __init__(self, transport_cost: float = 1.7, sigma: float = 5.0, mu: float = 0.4):
        use_course_style()
        style = {"description_width": "200px"}  # room for the longer Indonesian labels
        layout = widgets.Layout(width="480px")
        self.transport_cost = widgets.FloatSlider(value=transport_cost, min=T_MIN, max=T_MAX, step=0.01,
                                                  description=_("transport cost T"), readout_format=".2f",
                                                  style=style, layout=layout)
        self.sigma = widgets.FloatSlider(value=sigma, min=2.0, max=10.0, step=0.5, readout_format=".1f",
                                         description=_("substitution σ"), style=style, layout=layout,
                                         tooltip=_("σ, the elasticity of substitution between varieties"))
        self.mu = widgets.FloatSlider(value=mu, min=0.05, max=0.8, step=0.05, readout_format=".2f",
                                      description=_("manufacturing share μ"), style=style, layout=layout,
                                      tooltip=_("μ, the share of spending on manufactures"))
        self.view = FigureView(figsize=(11, 4.4), width="1000px", margins=MARGINS, in_panel=True)
        self.image = self.view.image
        self.ax_gap, self.ax_tomahawk = self.view.figure.subplots(1, 2)
        self.reading, self.caption = TextPart(), TextPart()
        self.message = TextPart()
        self.valid = True
        self.widget = widgets.VBox([widgets.VBox([self.transport_cost, self.sigma, self.mu]),
                                    Panel(self.message, self.image, self.reading, self.caption)])
        self._build()
        for control in (self.transport_cost, self.sigma, self.mu):
            control.observe(self._update, names="value")
        self._update()

    def _build(self) -> None:
        """Create the artists once; ``_update`` changes their data."""
        blue = OKABE_ITO["blue"]
        ax = self.ax_gap
        ax.axhline(0, color="grey", lw=0.8)
        (self.gap_line,) = ax.plot([], [], color=blue, lw=2)
        (self.stable_dots,) = ax.plot([], [], "o", color=blue, ms=9, zorder=3, label=_("stable equilibrium"))
        (self.unstable_dots,) = ax.plot([], [], "o", mfc="white", mec=blue, mew=1.5, ms=8, zorder=3,
                                        label=_("unstable equilibrium"))
        ax.set_xlim(-0.03, 1.03)
        ax.yaxis.set_major_locator(LinearLocator(5))  # -L, -L/2, 0, L/2, L
        self._gap_limit = None
        ax.set_xlabel(_("λ, region 1's share of manufacturing workers (fraction)"))
        ax.set_ylabel(_("real-wage gap ω1 − ω2 (farm wage = 1)"))
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, frameon=False, fontsize=8)
        tx = self.ax_tomahawk
        (self.tomahawk_stable,) = tx.plot([], [], "o", color=blue, ms=3.5, label=_("stable"))
        (self.tomahawk_unstable,) = tx.plot([], [], "o", mfc="none", mec="grey", ms=3, mew=0.8, label=_("unstable"))
        self.break_line = tx.axvline(1.0, color=OKABE_ITO["vermillion"], ls="--", lw=1.5, label=_("break point $T_B$"))
        self.sustain_line = tx.axvline(1.0, color=OKABE_ITO["bluish_green"], ls=":", lw=2,
                                       label=_("sustain point $T_S$"))
        self.t_line = tx.axvline(1.0, color="black", lw=1, label=_("your T"))
        tx.set_xlim(T_MIN, T_MAX)
        tx.set_ylim(-0.05, 1.05)
        tx.xaxis.set_major_locator(MultipleLocator(0.5))  # few tick labels: they are slow to draw
        ax.yaxis.set_label_coords(GAP_YLABEL_X, 0.5)
        tx.yaxis.set_label_coords(TOMAHAWK_YLABEL_X, 0.5)
        for axes in (ax, tx):
            axes.xaxis.set_label_coords(0.5, XLABEL_Y)
        tx.set_xlabel(_("transport cost T (units shipped per unit that arrives)"))
        tx.set_ylabel(_("λ, region 1's share of manufacturing workers"))
        local_ticks(ax.xaxis, ax.yaxis, tx.xaxis, tx.yaxis)
        tx.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
        # only these change between refreshes (and the titles, which FigureView always redraws)
        self.view.animate(self.gap_line, self.stable_dots, self.unstable_dots, self.tomahawk_stable,
                          self.tomahawk_unstable, self.break_line, self.sustain_line, self.t_line)
        self._tomahawk_key = self._computed_for = None  # (sigma, mu) of the tomahawk drawn / computed

    def _update(self, change=None) -> None:
        t, sigma, mu = float(self.transport_cost.value), float(self.sigma.value), float(self.mu.value)
        try:
            self.compute(t, sigma, mu)
        except KlasterInputError as error:
            self.valid = False
            self.message.value = message_html(
                _("{problem} The figure still shows the last valid setting.").format(problem=error), "problem")
            return
        self.valid = True
        self.message.value = ""
        self.draw(t, sigma, mu)

    def compute(self, t: float, sigma: float, mu: float) -> None:
        """Compute everything the figure shows (raises KlasterValueError for bad parameters)."""
        gap = cp.real_wage_gap(mu=mu, sigma=sigma, transport_cost=t)
        table = cp.equilibria(mu=mu, sigma=sigma, transport_cost=t)
        if self._computed_for != (sigma, mu):  # the tomahawk and T_B, T_S ignore T
            self.tomahawk_table = cp.tomahawk(mu=mu, sigma=sigma, t_min=T_MIN, t_max=T_MAX, n_t=TOMAHAWK_COSTS)
            self.t_break = cp.break_point(mu=mu, sigma=sigma)
            self.t_sustain = cp.sustain_point(mu=mu, sigma=sigma)
            self._computed_for = (sigma, mu)
        self.gap, self.table = gap, table
        self.stable = tuple(float(s) for s in table.loc[table["stable"], "share"])

    def draw(self, t: float, sigma: float, mu: float) -> None:
        """Update the artists, the sentences and the image from the last ``compute``."""
        table = self.table.dropna(subset=["share"])
        stable = table.loc[table["stable"], "share"].to_numpy()
        unstable = table.loc[~table["stable"], "share"].to_numpy()
        self.gap_line.set_data(self.gap.index.to_numpy(), self.gap.to_numpy())
        self.stable_dots.set_data(stable, np.zeros(stable.size))
        self.unstable_dots.set_data(unstable, np.zeros(unstable.size))
        self._gap_limit = gap_limit(np.abs(self.gap.to_numpy()).max(), self._gap_limit)
        self.ax_gap.set_ylim(-self._gap_limit, self._gap_limit)
        self.ax_gap.set_title(_f("Real-wage gap, T = {t:.2f}, σ = {sigma:g}, μ = {mu:g}", t=t, sigma=sigma, mu=mu))
        if self._tomahawk_key != (sigma, mu):  # the tomahawk depends on sigma and mu only
            tomahawk = self.tomahawk_table
            good = tomahawk["stable"].to_numpy()
            costs, shares = tomahawk["transport_cost"].to_numpy(), tomahawk["share"].to_numpy()
            self.tomahawk_stable.set_data(costs[good], shares[good])
            self.tomahawk_unstable.set_data(costs[~good], shares[~good])
            self._tomahawk_key = (sigma, mu)
        beyond = []
        for line, value, sentence in (
                (self.break_line, self.t_break, N_("On the right, the break point T_B = {value:.3f} lies beyond the "
                                                   "right edge.")),
                (self.sustain_line, self.t_sustain, N_("On the right, the sustain point T_S = {value:.3f} lies beyond "
                                                       "the right edge."))):
            line.set_xdata([value, value])
            line.set_visible(value <= T_MAX)
            if value > T_MAX:
                beyond.append(_f(sentence, value=value))
        self.t_line.set_xdata([t, t])
        self.ax_tomahawk.set_title(_f("Tomahawk diagram, σ = {sigma:g}, μ = {mu:g}", sigma=sigma, mu=mu))
        self.view.refresh()
        numbers = _f("Break point T<sub>B</sub> = {t_break:.3f}, sustain point T<sub>S</sub> = {t_sustain:.3f} "
                     "(formulas of Fujita, Krugman &amp; Venables 1999).", t_break=self.t_break,
                     t_sustain=self.t_sustain)
        self.reading.value = (f"<div style='max-width: 1000px'>{html.escape(read_equilibria(self.table, t))} "
                              f"{numbers}</div>")
        self.caption.value = "<i>" + " ".join([
            _("Figure: left, the real-wage gap ω1 − ω2 (region 1 minus region 2) against region 1's share λ "
              "of manufacturing workers; filled dots are stable equilibria, open dots unstable ones. Right, the "
              "tomahawk diagram: the equilibria for every transport cost T from 1 to 3, with the break point, the "
              "sustain point and your T as vertical lines."), *beyond,
            _("Model: Krugman (1991b), solved numerically in the normalisation of Fujita, Krugman &amp; Venables "
              "(1999).")]) + "</i>"
