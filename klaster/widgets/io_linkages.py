"""Widget for the 2016 provincial input–output tables: backward and forward linkages, key sectors and
output multipliers."""
from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np
from matplotlib.patches import Patch
from matplotlib.transforms import ScaledTranslation

from .. import data
from ..i18n import _, _f, number, tick_formatter
from ..io_tables import IO_PROVINCES
from ..measures import linkages
from ..plots import OKABE_ITO, use_course_style
from ..text_stamps import StampText
from .base import FigureView, LessonWidget, Panel, TextPart, message_html

CLASS_COLOURS = {"key sector": OKABE_ITO["vermillion"], "strong backward linkage": OKABE_ITO["orange"],
                 "strong forward linkage": OKABE_ITO["sky_blue"], "weakly linked": "#bbbbbb"}
AXIS_LIMITS = (0.5, 2.2)


class IOLinkageExplorer(LessonWidget):
    """Choose a province: its sectors' backward and forward linkages, key sectors and output multipliers.

    Controls: ``province`` (Kepulauan Riau, Papua Barat, Sulawesi Selatan;
    BPS tables of 2016), ``forward`` (forward linkages from the rows of the
    Leontief inverse, as BPS computes them, or of the Ghosh inverse).
    Outputs: ``view`` (left: backward against forward linkage, the four
    quadrants, key sectors in red; right: output multipliers, largest on
    top), ``reading``, ``caption``, ``notes`` (the figure and these texts are
    one Panel) and ``table`` (the numbers shown, from
    ``klaster.measures.linkages``).
    """

    def __init__(self, province: str = "Sulawesi Selatan", forward: str = "leontief"):
        use_course_style()
        self.tables = {name: data.load_io_table(name) for name in IO_PROVINCES.values()}
        self.results = {(name, method): linkages(t.flows, t.total_output, forward=method)
                        for name, t in self.tables.items() for method in ("leontief", "ghosh")}
        sectors = data.pdrb_sectors()
        self.short = dict(zip(sectors["sector_code"], sectors["sector_short"]))
        self.province = widgets.Dropdown(options=list(IO_PROVINCES.values()), value=province,
                                         description=_("Province:"))
        self.forward = widgets.ToggleButtons(
            options=[(_("Leontief rows (BPS)"), "leontief"), (_("Ghosh rows"), "ghosh")], value=forward,
            description=_("Forward:"))
        self.view = FigureView(figsize=(9.5, 5.0), width="900px", layout=None, in_panel=True,
                               margins=dict(left=0.08, right=0.96, top=0.9, bottom=0.2, wspace=0.55))
        self._build_figure()
        self.reading, self.caption, self.notes = TextPart(), TextPart(), TextPart()
        self.table = None
        self.province.observe(self._recompute, names="value")
        self.forward.observe(self._recompute, names="value")
        self.widget = widgets.VBox([
            widgets.HTML(_("<b>Real data</b>: BPS provincial input–output tables 2016, 17 sectors, domestic "
                           "transactions at producer prices.")),
            # the figure and its texts: one Panel, so a change reaches the page as one update
            widgets.HBox([self.province, self.forward]),
            Panel(self.view.image, self.caption, self.reading, self.notes)])
        self._recompute()

    def _build_figure(self) -> None:
        fig = self.view.figure
        self.link_ax, self.mult_ax = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.2, 1]})
        ax = self.link_ax
        n = len(self.short)
        self.points = ax.scatter(np.ones(n), np.ones(n), s=40, edgecolors="black", linewidths=0.5, zorder=3)
        offset = ScaledTranslation(4 / 72, 2 / 72, fig.dpi_scale_trans)
        self.point_labels = [ax.add_artist(StampText(1, 1, "", fontsize=7, transform=ax.transData + offset,
                                                     snap=True)) for _i in range(n)]
        ax.axvline(1, color="black", linewidth=0.8)
        ax.axhline(1, color="black", linewidth=0.8)
        ax.set_xlim(*AXIS_LIMITS)
        ax.set_ylim(*AXIS_LIMITS)
        ax.xaxis.set_major_formatter(tick_formatter(".2f"))
        ax.yaxis.set_major_formatter(tick_formatter(".1f"))
        ax.set_xlabel(_("backward linkage (indeks daya penyebaran)"))
        ax.set_ylabel(_("forward linkage (indeks derajat kepekaan)"))
        for x, y, text, ha, va in ((0.98, 0.98, _("key sectors"), "right", "top"),
                                   (0.02, 0.02, _("weakly linked"), "left", "bottom")):
            ax.text(x, y, text, transform=ax.transAxes, ha=ha, va=va, fontsize=8, color="0.35", style="italic")
        handles = [Patch(facecolor=colour, edgecolor="black", linewidth=0.5, label=_(label))
                   for label, colour in CLASS_COLOURS.items()]
        fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.01, 0.0), ncol=4, fontsize=7, frameon=False)
        positions = np.arange(n)
        self.bars = list(self.mult_ax.barh(positions, np.zeros(n), color=CLASS_COLOURS["weakly linked"],
                                           edgecolor="black", linewidth=0.4))
        self.bar_names = [self.mult_ax.add_artist(StampText(0, y, "", va="center", ha="right", fontsize=7,
                                                            snap=True, transform=self.mult_ax.get_yaxis_transform()
                                                            + ScaledTranslation(-3 / 72, 0, fig.dpi_scale_trans),
                                                            clip_on=False)) for y in positions]
        self.bar_values = [self.mult_ax.add_artist(StampText(0, y, "", va="center", ha="left", fontsize=7, snap=True))
                           for y in positions]
        self.mult_ax.set_yticks([])
        self.mult_ax.set_ylim(-0.6, n - 0.4)
        self.mult_ax.set_xlim(1, 3)
        self.mult_ax.xaxis.set_major_formatter(tick_formatter(".1f"))
        self.mult_ax.set_xlabel(_("output multiplier (per rupiah of final demand)"))
        self.view.animate(self.points, *self.point_labels, *self.bars, *self.bar_names, *self.bar_values)

    def _recompute(self, change=None) -> None:
        province, method = self.province.value, self.forward.value
        table = self.results[(province, method)]
        self.table = table
        colours = [CLASS_COLOURS[_class_key(c)] for c in table["linkage_class"]]
        low, high = AXIS_LIMITS
        shown = np.clip(table[["backward", "forward"]].to_numpy(), low + 0.02, high - 0.02)
        self.points.set_offsets(shown)
        self.points.set_facecolor(colours)
        for label, code, (x, y) in zip(self.point_labels, table.index, shown):
            label.set_position((x, y))
            label.set_text(code)
        ranked = table.sort_values("output_multiplier")
        for bar, name, value_text, (code, row) in zip(self.bars, self.bar_names, self.bar_values, ranked.iterrows()):
            bar.set_width(row["output_multiplier"] - 1)
            bar.set_x(1)
            bar.set_facecolor(CLASS_COLOURS[_class_key(row["linkage_class"])])
            name.set_text(f"{code} {_(self.short[code])}")
            value_text.set_position((row["output_multiplier"], bar.get_y() + bar.get_height() / 2))
            value_text.set_text(" " + number(row["output_multiplier"], ".2f"))
        right = 3.0 if ranked["output_multiplier"].max() <= 2.85 else 3.5
        self.mult_ax.set_xlim(1, right)
        self.link_ax.set_title(_("{province} 2016: linkages").format(province=province), fontsize=10)
        self.mult_ax.set_title(_("Output multipliers"), fontsize=10)
        self.view.refresh()
        keys = [f"{c} {_(self.short[c])}" for c in table.index[table["key_sector"]]]
        top = table["output_multiplier"].idxmax()
        self.reading.value = message_html(
            _f("Key sectors of {province} (both linkages above 1): {keys}. The largest output multiplier is "
               "{sector}'s: one rupiah of final demand for it calls forth {value:.2f} rupiah of output in the "
               "province. Linkages show the buyers and suppliers inside the province that location quotients "
               "cannot see.", province=province, keys=", ".join(keys) or _("none"),
               sector=_(self.short[top]), value=table.loc[top, "output_multiplier"]),
            "result")
        notes = list(self.tables[province].notes)
        if province == "Papua Barat":
            notes.insert(0, _("Papua Barat's 2016 table covers the province before Papua Barat Daya was split off "
                              "in 2022."))
        self.notes.value = message_html(" ".join(notes), "note") if notes else ""
        self.caption.value = "<i>" + _(
            "Figure: left, each sector of {province} placed by its backward linkage (x) and forward linkage (y, "
            "from the {method} inverse), lines at 1, colours by class; right, output multipliers, largest on top. "
            "Points beyond the axes are drawn at the edge.").format(
            province=html.escape(province), method="Leontief" if method == "leontief" else "Ghosh") + "</i>"


def _class_key(label: str) -> str:
    """The English key of a (possibly translated) linkage class."""
    for key in CLASS_COLOURS:
        if _(key) == label:
            return key
    return "weakly linked"
