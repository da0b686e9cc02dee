"""Widget for real PDRB: one kabupaten/kota (or province) against the nation or its province —
location quotients, the Klassen typology and shift-share, with suspect cells marked."""
from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.patches import Patch
from matplotlib.transforms import ScaledTranslation, blended_transform_factory

from .. import data
from ..i18n import N_, _, _f, number, tick_formatter
from ..measures import klassen_typology, location_quotient, shift_share
from ..measures.klassen import KLASSEN, klassen_label
from ..plots import NO_DATA_COLOUR, OKABE_ITO, nice_ceiling, steady_limits, use_course_style
from ..text_stamps import StampText
from .base import LessonWidget, Panel, TextPart, message_html
from .location_quotient import RangeKeepingView

WHOLE_PROVINCE = "__province__"
KLASSEN_COLOURS = {1: OKABE_ITO["bluish_green"], 2: OKABE_ITO["orange"], 3: OKABE_ITO["sky_blue"],
                   4: OKABE_ITO["vermillion"]}
LQ_ENDS = (2.0, 3.0, 5.0, 10.0, 20.0)
STEPS = (N_("national\nshare"), N_("industry\nmix"), N_("competitive\neffect"))  # tick labels, two lines each


def _panel(level: str):
    """Values and suspect marks of one level as arrays [region, year, sector], with the labels."""
    long = data.load_pdrb(level)  # sorted by year and region, the sectors in their order within each
    codes = sorted(long["bps_code"].unique())
    years = sorted(long["year"].unique())
    sectors = list(dict.fromkeys(long["sector_code"]))
    shape = (len(years), len(codes), len(sectors))
    if len(long) != np.prod(shape) or list(long["sector_code"].iloc[:len(sectors)]) != sectors:
        raise RuntimeError("load_pdrb changed its row order")  # pragma: no cover - a guard for developers
    values = long["value"].to_numpy(dtype=float).reshape(shape).transpose(1, 0, 2)
    suspect = long["suspect"].to_numpy(dtype=bool).reshape(shape).transpose(1, 0, 2)
    flagged = long[long["suspect"]]
    reasons = dict(zip(zip(flagged["bps_code"], flagged["year"], flagged["sector_code"]), flagged["suspect_reason"]))
    names = dict(zip(long["bps_code"], long["region"]))
    return {"codes": codes, "years": years, "sectors": sectors, "values": values, "suspect": suspect,
            "reasons": reasons, "names": names}


class RealPdrbExplorer(LessonWidget):
    """Real PDRB of one kabupaten/kota or province: LQ, Klassen class and shift-share between two years.

    Controls: ``search`` (type a name; Enter or a choice from the list
    selects it), ``province`` and ``kabkota`` (two-level choice; the first
    entry of ``kabkota`` is the whole province), ``reference`` (Indonesia or
    the region's own province), ``start`` and ``end`` (years). Outputs:
    ``view`` (LQ bars coloured by Klassen class, hatched where a cell is
    suspect; the shift-share waterfall), ``reading``, ``table``, ``caption``,
    ``warning`` (the suspect cells in use), shown as one Panel (``output``),
    and ``result`` (the numbers shown: lq, klassen, shift_share).

    The reference is the sum of the regions (the nation: all kabupaten/kota,
    or all provinces; the province: its kabupaten/kota), leaving out regions
    with suspect cells in either year; the region shown keeps its own cells,
    flagged where suspect.
    """

    def __init__(self, province: str = "Sulawesi Tengah", kabkota: str = "Morowali", reference: str = "nation",
                 start: int = 2015, end: int = 2022):
        use_course_style()
        self.panels = {level: _panel(level) for level in ("kabkota", "province")}
        self.regions = data.pdrb_regions("kabkota")
        self.province_of_kab = pd.Series(self.regions["province_code"].to_numpy(), index=self.regions["bps_code"])
        sectors = data.pdrb_sectors()
        self.short = dict(zip(sectors["sector_code"], sectors["sector_short"]))
        self.sector_codes = list(sectors["sector_code"])
        province_names = list(data.pdrb_regions("province")["region"])
        self.province_code = dict(zip(data.pdrb_regions("province")["region"], data.pdrb_regions("province")["bps_code"]))
        years = self.panels["kabkota"]["years"]
        self._options_of: dict = {}  # province -> the kab./kota choices, made once
        self.search = widgets.Combobox(
            placeholder=_("type a kabupaten/kota or province"), description=_("Find:"),
            options=tuple(sorted(set(self.regions["region"]) | set(province_names))), ensure_option=False,
            layout=widgets.Layout(width="380px"))
        self.province = widgets.Dropdown(options=province_names, value=province, description=_("Province:"))
        self.kabkota = widgets.Dropdown(options=self._kabkota_options(province), value=self._kab_value(kabkota),
                                        description=_("Kab./kota:"), layout=widgets.Layout(width="380px"))
        self.reference = widgets.ToggleButtons(options=[(_("Indonesia"), "nation"), (_("its province"), "province")],
                                               value=reference, description=_("Compare with:"))
        self.start = widgets.Dropdown(options=years[:-1], value=start, description=_("From:"),
                                      layout=widgets.Layout(width="180px"))
        self.end = widgets.Dropdown(options=years[1:], value=end, description=_("To:"),
                                    layout=widgets.Layout(width="180px"))
        # the axes of the last few ranges are kept: going back to a region (or reference) shown before pastes them
        self.view = RangeKeepingView(figsize=(9.5, 6.0), width="900px", layout=None, in_panel=True, ranges=6,
                               margins=dict(left=0.2, right=0.98, top=0.93, bottom=0.25, wspace=0.35))
        self._build_figure()
        self.reading, self.table, self.caption, self.warning = (TextPart() for _i in range(4))
        self.result: dict = {}
        # the warning, the figure and its texts: one Panel, so a change reaches the page as one update
        self.output = Panel(self.warning, self.view.image, self.caption, self.reading, self.table)
        self.search.observe(self._found, names="value")
        self.province.observe(self._province_changed, names="value")
        for control in (self.kabkota, self.reference, self.start, self.end):
            control.observe(self._recompute, names="value")
        self.widget = widgets.VBox([
            widgets.HTML(_("<b>Real data</b>: BPS PDRB at constant 2010 prices (billion rupiah), via SIMREG "
                           "Bappenas.")),
            self.search, widgets.HBox([self.province, self.kabkota]), self.reference,
            widgets.HBox([self.start, self.end]), self.output])
        self._recompute()

    # -- controls ---------------------------------------------------------------------------------
    def _kabkota_options(self, province: str) -> list:
        found = self._options_of.get(province)
        if found is None:
            code = self.province_code[province]
            members = self.regions[self.regions["province_code"] == code]
            whole = (_("(the whole province)"), WHOLE_PROVINCE)
            found = self._options_of[province] = [whole, *zip(members["region"], members["bps_code"])]
        return list(found)

    def _kab_value(self, name: str):
        if name in (None, WHOLE_PROVINCE):
            return WHOLE_PROVINCE
        return data.find_region(name, level="kabkota")

    def _province_changed(self, change=None) -> None:
        self.kabkota.unobserve(self._recompute, names="value")
        self.kabkota.options = self._kabkota_options(self.province.value)
        self.kabkota.value = WHOLE_PROVINCE
        self.kabkota.observe(self._recompute, names="value")
        self._recompute()

    def _found(self, change=None) -> None:
        text = self.search.value.strip()
        if not text:
            return
        try:
            code = data.find_region(text)
        except Exception as problem:  # a name that is not found: say so, change nothing
            self.warning.value = message_html(str(problem), "problem")
            return
        regions = data.pdrb_regions()
        row = regions[regions["bps_code"] == code].iloc[0]
        if row["level"] == "nation":
            return
        province = row["province"]
        self.kabkota.unobserve(self._recompute, names="value")
        self.province.unobserve(self._province_changed, names="value")
        self.province.value = province
        self.kabkota.options = self._kabkota_options(province)
        self.kabkota.value = code if row["level"] == "kabkota" else WHOLE_PROVINCE
        self.province.observe(self._province_changed, names="value")
        self.kabkota.observe(self._recompute, names="value")
        self._recompute()

    # -- figure -----------------------------------------------------------------------------------
    def _build_figure(self) -> None:
        fig = self.view.figure
        self.lq_ax, self.ss_ax = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.35, 1]})
        n = len(self.sector_codes)
        positions = np.arange(n)[::-1]
        self.bars = list(self.lq_ax.barh(positions, np.zeros(n), color=NO_DATA_COLOUR, edgecolor="black",
                                         linewidth=0.4))
        beside = blended_transform_factory(self.lq_ax.transAxes, self.lq_ax.transData) + ScaledTranslation(
            -4 / 72, 0, fig.dpi_scale_trans)
        self.names = [self.lq_ax.add_artist(StampText(0, y, f"{code} {_(self.short[code])}", va="center", ha="right",
                                                      fontsize=7, transform=beside, clip_on=False))
                      for code, y in zip(self.sector_codes, positions)]
        self.values = [self.lq_ax.add_artist(StampText(0, y, "", va="center", ha="left", fontsize=7, snap=True))
                       for y in positions]
        self.one = self.lq_ax.axvline(1, color="black", linewidth=0.8)
        self.lq_ax.set_ylim(-0.6, n - 0.4)
        self.lq_ax.set_yticks([])
        self.lq_ax.xaxis.set_major_formatter(tick_formatter("g"))
        self.lq_ax.set_xlabel(_("location quotient, final year (line: LQ = 1)"))
        handles = [Patch(facecolor=KLASSEN_COLOURS[q], edgecolor="black", linewidth=0.4,
                         label=f"{q} {klassen_label(q, short=True)}") for q in KLASSEN]
        handles.append(Patch(facecolor="white", edgecolor="black", hatch="////", label=_("suspect cell")))
        fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.01, 0.0), ncol=3, fontsize=7,
                   frameon=False, title=_("Bar colour: Klassen class of the sector"), title_fontsize=7,
                   alignment="left")
        self.steps = list(self.ss_ax.bar(range(5), np.zeros(5), color=OKABE_ITO["blue"], edgecolor="black",
                                         linewidth=0.5))
        self.step_values = [self.ss_ax.add_artist(StampText(x, 0, "", ha="center", va="bottom", fontsize=7,
                                                            snap=True)) for x in range(5)]
        self.ss_ax.set_xticks(range(5), labels=["", *(_(s) for s in STEPS), ""], fontsize=7)
        self.ss_ax.set_ylabel(_("PDRB (billion rupiah, 2010 prices)"))
        self.ss_ax.yaxis.set_major_formatter(tick_formatter(",.0f"))
        self.ss_ax.axhline(0, color="black", linewidth=0.6)
        self.year_labels = [self.ss_ax.add_artist(StampText(x, 0, "", ha="center", va="top", fontsize=7,
                                                            transform=blended_transform_factory(
                                                                self.ss_ax.transData, self.ss_ax.transAxes)
                                                            + ScaledTranslation(0, -3 / 72, fig.dpi_scale_trans),
                                                            clip_on=False))
                            for x in (0, 4)]
        self.view.animate(*self.bars, *self.values, self.one, *self.steps, *self.step_values, *self.year_labels)

    # -- the numbers ------------------------------------------------------------------------------
    def _selection(self):
        whole = self.kabkota.value == WHOLE_PROVINCE
        level = "province" if whole else "kabkota"
        code = self.province_code[self.province.value] if whole else self.kabkota.value
        reference = "nation" if whole else self.reference.value
        return level, code, reference

    def compute(self, level: str, code: str, reference: str, start: int, end: int) -> dict:
        """The LQ, Klassen class and shift-share of one region (what the widget shows).

        The measures see two rows, the region and the rest of the reference, whose sum is the
        reference: for the region's numbers that is the same as the full table, and much faster.
        """
        panel = self.panels[level]
        years = panel["years"]
        s, e = years.index(start), years.index(end)
        values, suspect = panel["values"], panel["suspect"]
        start_values, end_values = values[:, s, :], values[:, e, :]
        available = ~(np.isnan(start_values).any(axis=0) | np.isnan(end_values).any(axis=0))
        sectors = [c for c, ok in zip(panel["sectors"], available) if ok]
        codes = np.asarray(panel["codes"])
        members = np.ones(len(codes), dtype=bool)
        if reference == "province":
            members = self.province_of_kab[codes] == self.province_of_kab[code]
        exists = (np.nansum(start_values, axis=1) > 0) & (np.nansum(end_values, axis=1) > 0)
        clean = ~(suspect[:, s, available].any(axis=1) | suspect[:, e, available].any(axis=1))
        me = codes == code
        keep = members & exists & (clean | me)
        left_out = [panel["names"][c] for c in codes[members & exists & ~clean & ~me]]
        row = int(np.flatnonzero(me)[0])
        frames = []
        for block in (start_values, end_values):
            region = block[row, available]
            rest = np.maximum(block[keep][:, available].sum(axis=0) - region, 0.0)
            frames.append(pd.DataFrame([region, rest], index=[code, "rest"], columns=sectors))
        start_m, end_m = frames
        lq = location_quotient(end_m).loc[code]
        klassen = klassen_typology(start_m, end_m).xs(code, level="region")
        decomposition = shift_share(start_m, end_m).xs(code, level="region")
        flags = {}
        for year, column in ((start, s), (end, e)):
            for sector, flagged in zip(panel["sectors"], suspect[row, column]):
                if flagged and sector in sectors:
                    flags[(year, sector)] = panel["reasons"].get((code, year, sector), "")
        return {"lq": lq, "klassen": klassen, "shift_share": decomposition, "sectors": sectors,
                "start_total": float(start_m.loc[code].sum()), "end_total": float(end_m.loc[code].sum()),
                "suspect": flags, "left_out": left_out, "exists": bool(exists[row]),
                "name": panel["names"][code]}

    def _recompute(self, change=None) -> None:
        start, end = self.start.value, self.end.value
        if start >= end:
            self.warning.value = message_html(_("Choose a first year before the last year."), "problem")
            for bar in (*self.bars, *self.steps):
                bar.set_alpha(0.25)
            self.view.refresh()
            return
        level, code, reference = self._selection()
        result = self.compute(level, code, reference, start, end)
        self.result = result
        if not result["exists"]:
            self.warning.value = message_html(_("{name} did not exist yet in {year} (it was created later); choose "
                                                "a later first year.").format(name=result["name"], year=start),
                                              "problem")
            for bar in (*self.bars, *self.steps):
                bar.set_alpha(0.25)
            self.view.refresh()
            return
        self._draw(result, reference, start, end)
        self._describe(result, reference, start, end)

    def _draw(self, result: dict, reference: str, start: int, end: int) -> None:
        # the tables have a row per sector: read them as dicts once (pandas costs ~0.1 ms per cell read)
        lq = dict(zip(result["lq"].index, result["lq"].to_numpy(dtype=float)))
        quadrants = dict(zip(result["klassen"].index, result["klassen"]["quadrant"].to_numpy()))
        suspect_sectors = {sector for _year, sector in result["suspect"]}
        finite = [v for v in lq.values() if np.isfinite(v)]
        right = next((v for v in LQ_ENDS if v >= float(max(finite) if finite else 1) * 1.12), LQ_ENDS[-1])
        for bar, text, sector in zip(self.bars, self.values, self.sector_codes):
            bar.set_alpha(1.0)
            if sector not in lq or not np.isfinite(lq[sector]):
                bar.set_width(0)
                bar.set_hatch(None)
                text.set_x(0)
                text.set_text(_(" not published") if sector not in lq else " –")
                continue
            value = float(lq[sector])
            quadrant = quadrants[sector]
            bar.set_width(min(value, right))
            bar.set_facecolor(KLASSEN_COLOURS.get(int(quadrant), NO_DATA_COLOUR) if pd.notna(quadrant)
                              else NO_DATA_COLOUR)
            bar.set_hatch("////" if sector in suspect_sectors else None)
            text.set_x(min(value, right))
            text.set_text(" " + number(value, ".2f") + (" →" if value > right else "")
                          + (" !" if sector in suspect_sectors else ""))
        self.lq_ax.set_xlim(0, right)
        where = _("Indonesia") if reference == "nation" else self.province.value
        self.lq_ax.set_title(_("{name}: LQ {end} against {where}").format(name=result["name"], end=end, where=where),
                             fontsize=10)
        parts = dict(zip(result["shift_share"].columns, np.nansum(result["shift_share"].to_numpy(), axis=0)))
        levels = [result["start_total"]]
        bottoms, heights, colours = [0.0], [result["start_total"]], [OKABE_ITO["blue"]]
        level = result["start_total"]
        for key in ("national_share", "industry_mix", "competitive"):
            step = float(parts[key])
            bottoms.append(level if step >= 0 else level + step)
            heights.append(abs(step))
            colours.append(OKABE_ITO["bluish_green"] if step >= 0 else OKABE_ITO["vermillion"])
            level += step
            levels.append(step)
        bottoms.append(0.0)
        heights.append(level)
        colours.append(OKABE_ITO["blue"])
        levels.append(level)
        for x, (bar, text, b, h, colour, shown) in enumerate(zip(self.steps, self.step_values, bottoms, heights,
                                                                  colours, levels)):
            bar.set_alpha(1.0)
            bar.set_y(b)
            bar.set_height(h)
            bar.set_facecolor(colour)
            sign = ("+" if shown >= 0 else "\u2212") if 0 < x < 4 else ""
            text.set_position((x, b + h))
            text.set_text(sign + number(abs(shown), ",.0f"))
        for label, year in zip(self.year_labels, (start, end)):
            label.set_text(str(year))
        top = max(b + h for b, h in zip(bottoms, heights))
        wanted = (min(0.0, min(bottoms)), nice_ceiling(top * 1.12))
        self.ss_ax.set_ylim(*steady_limits(self.ss_ax.get_ylim(), wanted, fill=0.5))
        self.ss_ax.set_title(_("Shift-share {start}–{end}").format(start=start, end=end), fontsize=10)
        self.view.refresh()

    def _describe(self, result: dict, reference: str, start: int, end: int) -> None:
        name = result["name"]
        where = _("Indonesia") if reference == "nation" else self.province.value
        parts = dict(zip(result["shift_share"].columns, np.nansum(result["shift_share"].to_numpy(), axis=0)))
        growth = 100 * (result["end_total"] / result["start_total"] - 1)
        sentences = [_f("Between {start} and {end} the PDRB of {name} went from {a:,.0f} to {b:,.0f} billion rupiah "
                        "({growth:+.1f}%).", start=start, end=end, name=name, a=result["start_total"],
                        b=result["end_total"], growth=growth),
                     _f("Growing like {where} would have given {n:+,.0f}; its mix of sectors {m:+,.0f}; its "
                        "sectors doing better or worse than the same sectors in {where} {c:+,.0f} (the competitive "
                        "effect).", where=where, n=parts["national_share"], m=parts["industry_mix"],
                        c=parts["competitive"])]
        competitive = result["shift_share"]["competitive"]
        best = competitive.idxmax()
        sentences.append(_f("The largest competitive gain is in {sector} ({value:+,.0f}).",
                            sector=_(self.short[best]), value=competitive[best]))
        lq = dict(zip(result["lq"].index, result["lq"].to_numpy(dtype=float)))
        basis = [_(self.short[s]) for s, value in lq.items() if value > 1]
        sentences.append(_("Basis sectors (LQ > 1) in {end}: {list}.").format(
            end=end, list=", ".join(basis) if basis else _("none")))
        self.reading.value = message_html(" ".join(sentences), "result")
        klassen = result["klassen"]
        columns = {name: dict(zip(klassen.index, klassen[name].to_numpy()))
                   for name in ("growth", "reference_growth", "quadrant")}
        rows = []
        for sector in result["sectors"]:
            k = {name: column[sector] for name, column in columns.items()}
            flagged = [y for (y, s) in result["suspect"] if s == sector]
            rows.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in (
                f"{sector} {html.escape(_(self.short[sector]))}", number(lq[sector], ".2f"),
                "" if pd.isna(k["growth"]) else number(k["growth"], "+.1f"), number(k["reference_growth"], "+.1f"),
                "" if pd.isna(k["quadrant"]) else html.escape(klassen_label(k["quadrant"])),
                ("⚠ " + ", ".join(map(str, flagged))) if flagged else "")) + "</tr>")
        header = "".join(f"<th>{html.escape(h)}</th>" for h in (
            _("sector"), _("LQ {end}").format(end=end), _("growth (%)"), _("growth in {where} (%)").format(where=where),
            _("Klassen class"), _("suspect")))
        self.table.value = (f"<table style='font-size:11px'><tr>{header}</tr>{''.join(rows)}</table>")
        notes = []
        if result["suspect"]:
            listing = "; ".join(f"{s} {y}: {r}" for (y, s), r in sorted(result["suspect"].items()))
            notes.append(_("Suspect cells of {name} are used as published and hatched in the chart: {list}").format(
                name=name, list=listing))
        if result["left_out"]:
            shown = ", ".join(result["left_out"][:6])
            more = len(result["left_out"]) - 6
            if more > 0:
                notes.append(_("Left out of the reference because of suspect cells: {list} and {n} more.").format(
                    list=shown, n=more))
            else:
                notes.append(_("Left out of the reference because of suspect cells: {list}.").format(list=shown))
        if self.kabkota.value == WHOLE_PROVINCE and self.reference.value == "province":
            notes.append(_("A whole province is compared with Indonesia."))
        self.warning.value = message_html(" ".join(notes), "problem") if notes else ""
        self.caption.value = "<i>" + _(
            "Figure: left, the location quotient of each sector of {name} in {end} against {where}, coloured by "
            "its Klassen class {start}–{end} (hatched: a suspect cell); right, a waterfall from PDRB {start} "
            "through the national share, industry mix and competitive effect (green adds, red subtracts) to "
            "PDRB {end}, billion rupiah at 2010 prices.").format(name=html.escape(name), end=end,
                                                                  where=html.escape(where), start=start) + "</i>"
