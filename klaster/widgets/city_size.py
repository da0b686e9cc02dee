"""Widget of lesson 06: the city-size model (klaster.city_size)."""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from ..city_size import LITERATURE_DOUBLING_GAIN, LITERATURE_SIGMA, CitySizeModel, doubling_gain
from ..errors import KlasterInputError
from ..i18n import _, _f
from ..i18n.mpl import local_ticks
from ..plots import OKABE_ITO, nice_ceiling, nice_range, steady_limits, use_course_style
from .base import FigureView, LessonWidget, Panel, TextPart, message_html

GRID_POINTS = 400


class CitySizeExplorer(LessonWidget):
    """Sliders for the city-size model; curves, the best size N* and the equilibrium size.

    Controls: ``sigma`` (agglomeration elasticity, over the range the
    literature reports), ``tau`` (cost elasticity), ``cost`` (the cost
    parameter B), ``outside`` (the outside option w0). Outputs: ``view``
    (two panels: productivity and cost per worker; net benefit with w0, N*
    and the equilibrium), ``result`` (a sentence reading the figure),
    ``caption`` (the figure's description) and ``message`` (problems).
    The latest numbers are in ``optimum``, ``equilibrium`` and ``model``.
    """

    def __init__(self, sigma: float = 0.06, tau: float = 0.5, cost: float = 6.0, outside: float = 90.0,
                 A: float = 100.0):
        use_course_style()
        self.A = A
        low, high = LITERATURE_SIGMA
        style = {"description_width": "140px"}  # room for the longer Indonesian labels
        step = 0.005  # the slider's ends are the steps just inside the literature's range
        self.sigma = widgets.FloatSlider(value=sigma, min=np.ceil(low / step) * step, max=np.floor(high / step) * step,
                                         step=step, readout_format=".3f", description=_("σ (agglom.):"), style=style,
                                         tooltip=_("σ, the agglomeration elasticity"),
                                         layout=widgets.Layout(width="450px"))
        self.tau = widgets.FloatSlider(value=tau, min=0.4, max=1.0, step=0.05, readout_format=".2f",
                                       description=_("τ (cost elast.):"), style=style,
                                       tooltip=_("τ, the cost elasticity"), layout=widgets.Layout(width="450px"))
        self.cost = widgets.FloatSlider(value=cost, min=3.0, max=20.0, step=0.5, readout_format=".1f",
                                        description=_("B (cost level):"), style=style,
                                        tooltip=_("B, the cost parameter"), layout=widgets.Layout(width="450px"))
        self.outside = widgets.FloatSlider(value=outside, min=60.0, max=110.0, step=1.0, readout_format=".0f",
                                           description=_("w₀ (outside):"), style=style,
                                           tooltip=_("w₀, the outside option: what a worker gets elsewhere"),
                                           layout=widgets.Layout(width="450px"))
        self.view = FigureView(figsize=(9.5, 4.0), in_panel=True)
        self.ax_curves, self.ax_net = self.view.figure.subplots(1, 2)
        self._build_axes()
        self.result, self.caption, self.message = TextPart(), TextPart(), TextPart()
        self.model: CitySizeModel | None = None
        self.optimum = float("nan")
        self.equilibrium = float("nan")
        controls = widgets.VBox([self.sigma, self.tau, self.cost, self.outside])
        self.widget = widgets.VBox([controls, Panel(self.view.image, self.result, self.caption, self.message)])
        for control in (self.sigma, self.tau, self.cost, self.outside):
            control.observe(self._on_change, names="value")
        self._on_change()

    def _build_axes(self) -> None:
        ax, bx = self.ax_curves, self.ax_net
        (self.productivity_line,) = ax.plot([], [], color=OKABE_ITO["blue"], lw=2, label=_("productivity y(N) = A·N^σ"))
        (self.cost_line,) = ax.plot([], [], color=OKABE_ITO["vermillion"], lw=2, label=_("cost c(N) = B·N^τ"))
        ax.set_title(_("Gains and costs of size, per worker"))
        ax.set_xlabel(_("city size N (millions of residents)"))
        ax.set_ylabel(_("index points per worker"))
        ax.legend(loc="center right", fontsize=8, frameon=False)
        (self.net_line,) = bx.plot([], [], color=OKABE_ITO["bluish_green"], lw=2, label=_("net benefit w(N) = y − c"))
        self.outside_line = bx.axhline(0, color=OKABE_ITO["black"], lw=1, ls="--", label=_("outside option w₀"))
        self.optimum_line = bx.axvline(0, color=OKABE_ITO["orange"], lw=1.5, ls=":", label=_("best size N*"))
        self.equilibrium_line = bx.axvline(0, color=OKABE_ITO["reddish_purple"], lw=1.5, ls="-.",
                                           label=_("equilibrium size"))
        (self.points,) = bx.plot([], [], "o", color=OKABE_ITO["black"], ms=5)
        bx.set_title(_("Net benefit per worker"))
        bx.set_xlabel(_("city size N (millions of residents)"))
        bx.set_ylabel(_("index points per worker"))
        local_ticks(ax.xaxis, ax.yaxis, bx.xaxis, bx.yaxis)
        bx.legend(loc="lower left", fontsize=8, frameon=False)
        self.view.animate(self.productivity_line, self.cost_line, self.net_line, self.outside_line,
                          self.optimum_line, self.equilibrium_line, self.points)

    def _on_change(self, change=None) -> None:
        try:
            model = CitySizeModel(A=self.A, sigma=self.sigma.value, B=self.cost.value, tau=self.tau.value)
            optimum = model.optimal_size()
            equilibrium = model.equilibrium_size(self.outside.value)
        except KlasterInputError as problem:
            self.message.value = message_html(str(problem), "problem")
            self.result.value = ""
            self.equilibrium = float("nan")
            self.model = None
            self._draw_without_equilibrium()
            return
        self.message.value = ""
        self.model, self.optimum, self.equilibrium = model, optimum, equilibrium
        self._draw(model, optimum, equilibrium)
        self.result.value = self._sentence(model, optimum, equilibrium)

    def _grid(self, right: float) -> np.ndarray:
        return np.linspace(right / GRID_POINTS, right, GRID_POINTS)

    def _set_curves(self, model: CitySizeModel, right: float):
        curve = model.curve(self._grid(right))
        sizes = curve.index.to_numpy()
        self.productivity_line.set_data(sizes, curve["productivity"].to_numpy())
        self.cost_line.set_data(sizes, curve["cost"].to_numpy())
        self.net_line.set_data(sizes, curve["net_benefit"].to_numpy())
        for ax in (self.ax_curves, self.ax_net):
            ax.set_xlim(0, right)
        top = 1.05 * max(curve["productivity"].max(), curve["cost"].max())
        self.ax_curves.set_ylim(*steady_limits(self.ax_curves.get_ylim(), (0, nice_ceiling(top))))
        return curve

    def _draw(self, model: CitySizeModel, optimum: float, equilibrium: float) -> None:
        right = nice_ceiling(1.3 * equilibrium)  # the axis ends move in steps, not with every slider move
        curve = self._set_curves(model, right)
        w0 = self.outside.value
        best = model.net_benefit(optimum)
        self.outside_line.set_ydata([w0, w0])
        self.optimum_line.set_xdata([optimum, optimum])
        self.equilibrium_line.set_xdata([equilibrium, equilibrium])
        self.equilibrium_line.set_visible(True)
        self.points.set_data([optimum, equilibrium], [best, w0])
        low = min(curve["net_benefit"].min(), w0)
        wanted = nice_range(low - 0.05 * (best - low + 1), best + 0.1 * (best - low + 1))
        self.ax_net.set_ylim(*steady_limits(self.ax_net.get_ylim(), wanted, fill=0.6))
        self.ax_net.set_title(_("Net benefit per worker"))
        self.view.refresh()
        self.caption.value = "<i>" + _(
            "Figure: left, productivity and cost per worker against city size (model units: index points "
            "per worker, N in millions); right, their difference, the net benefit, with the outside option "
            "w₀ (dashed), the best size N* (dotted) and the equilibrium size where w(N) = w₀ (dash-dot). "
            "A model, not data.") + "</i>"

    def _draw_without_equilibrium(self) -> None:
        try:
            model = CitySizeModel(A=self.A, sigma=self.sigma.value, B=self.cost.value, tau=self.tau.value)
        except KlasterInputError:
            return
        optimum = model.optimal_size()
        self.optimum = optimum
        curve = self._set_curves(model, nice_ceiling(4 * optimum))
        best = model.net_benefit(optimum)
        w0 = self.outside.value
        self.outside_line.set_ydata([w0, w0])
        self.optimum_line.set_xdata([optimum, optimum])
        self.equilibrium_line.set_visible(False)
        self.points.set_data([optimum], [best])
        low = curve["net_benefit"].min()
        self.ax_net.set_ylim(low - 5, max(best, w0) + 5)
        self.ax_net.set_title(_("Net benefit: no size reaches w₀"))
        self.view.refresh()

    def _sentence(self, model: CitySizeModel, optimum: float, equilibrium: float) -> str:
        gain = doubling_gain(model.sigma)
        low, high = LITERATURE_DOUBLING_GAIN
        inside = low - 1e-9 <= gain <= high + 1e-9
        w0 = self.outside.value
        best = model.net_benefit(optimum)
        numbers = dict(sigma=model.sigma, gain=gain, low=low, high=high)
        if inside:
            first = _f("With σ = {sigma:.3f}, doubling a city raises productivity by <b>{gain:.1%}</b> (inside the "
                       "{low:.0%}–{high:.0%} range reported in the literature).", **numbers)
        else:
            first = _f("With σ = {sigma:.3f}, doubling a city raises productivity by <b>{gain:.1%}</b> (outside "
                       "the {low:.0%}–{high:.0%} range reported in the literature).", **numbers)
        rest = _f("Net benefit per worker is highest, <b>{best:.1f}</b>, at <b>N* = {optimum:,.2f} million</b>. "
                  "People keep moving in until <b>N = {equilibrium:,.2f} million</b>, where the net benefit has "
                  "fallen to the outside option w₀ = {w0:.0f}: the city ends up <b>{ratio:.1f} times</b> its best "
                  "size, and each resident is {loss:.1f} points worse off than at N*.",
                  best=best, optimum=optimum, equilibrium=equilibrium, w0=w0, ratio=equilibrium / optimum,
                  loss=best - w0)
        far = _("Sizes this large are far beyond any real city: with these parameters the costs of size rise "
                "too slowly to stop growth early.") if equilibrium > 100 else ""
        return " ".join(part for part in (first, rest, far) if part)
