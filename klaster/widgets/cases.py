"""Widgets and figures of lesson 09: the case comparer and the cases on the tile-grid map."""
from __future__ import annotations

import html
import io
import textwrap
from collections import OrderedDict

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.ticker import FuncFormatter, NullLocator
from PIL import Image

from .. import cases as lib
from .. import data
from ..errors import KlasterInputError
from ..i18n import N_, _, _f, _p, number
from ..i18n.mpl import local_ticks
from ..plots import NO_DATA_COLOUR, OKABE_ITO, TileMap, use_course_style
from ..text_stamps import stamp, stamp_texts
from .base import FigureView, LessonWidget, Panel, TextPart, message_html, rgba_to_png

STATUS_COLOURS = {
    lib.AS_PUBLISHED: OKABE_ITO["blue"],
    lib.SECOND_HAND: OKABE_ITO["sky_blue"],
    lib.NO_YEAR: OKABE_ITO["orange"],
    lib.APPROXIMATE: OKABE_ITO["reddish_purple"],
    lib.MIXED_YEARS: OKABE_ITO["vermillion"],
    lib.CONFLICTING: OKABE_ITO["vermillion"],
}
FIT_COLOURS = {"meets": OKABE_ITO["bluish_green"], "likely": OKABE_ITO["yellow"], "not shown": NO_DATA_COLOUR}
ANATOMY_COLOURS = {"documented": OKABE_ITO["sky_blue"], "not in the sources": NO_DATA_COLOUR}

# Texts of klaster.cases (lenses, determinants, steps, statuses, fits) and the case data are shown with _(): the
# tables of klaster.cases hold their texts in the course language already, and their keys (status, qualifier,
# direction, judgement) in English, which _() translates here; measures are shown with klaster.cases.measure_label.
CAPTIONS = {
    "size": N_("horizontal bars of the latest count of firms (blue) and workers (orange) for each case and part of a "
            "case, on a log scale; each bar is labelled with its year and status. Counts from different years or "
            "sources sit side by side here: read the labels before comparing."),
    "workers per firm": N_("horizontal bars of workers per firm, computed only from a count of firms and a count of "
                        "workers of the same source and year; cases where that is impossible say why."),
    "diamond scores": N_("a grid of diamond scores from 1 (weak) to 5 (strong), one row per case and one column per "
                      "determinant. The scores are the course's judgement; a 3 often means that the sources say "
                      "nothing."),
    "strategy stage": N_("one dot per case at the step of the five-step strategy (lesson 05) the course would start "
                      "with: the course's judgement."),
    "trajectory": N_("bars of the change between a case's earliest and latest dated figure of the same measure "
                  "(later / earlier, log scale; 1 = no change). A pale bar end shows the range a figure allows. "
                  "Labels say when the two figures come from different sources."),
    "definitions": N_("a grid of the course's judgement of which definition (lesson 01) each case meets on the evidence "
                   "in the tables: green = meets, yellow = likely, grey = not shown by the figures."),
    "anatomy": N_("a grid showing which parts of each cluster's anatomy (lesson 02) the course's sources document "
               "(blue) and which they do not (grey)."),
}


def _short(text: str, width: int = 46) -> str:
    return textwrap.shorten(str(text), width=width, placeholder="\u2026")


def _row_label(cluster: str, covers: str) -> str:
    if covers and covers not in ("whole cluster", _("whole cluster")):
        return _short(f"{_(cluster)}: {_(covers.replace(' (kecamatan)', ''))}", 42)
    return _(cluster)


def _when(period: str, status: str) -> str:
    """'2007; as published', or just the status when the period is 'not stated' (in either language)."""
    return _(status) if period in ("not stated", _("not stated")) else f"{_(period)}; {_(status)}"


def _format_number(value) -> str:
    """A count for reading, in the language's number style (15,271 or 15.271); a dash when missing."""
    if pd.isna(value):
        return "\u2014"
    return number(value, ",.0f") if float(value).is_integer() else number(value, ",.2f")


def _plain_tick(value, position=None) -> str:
    """Tick label without scientific notation (0.5, 12, 1,500), in the language's number style."""
    if value == 0:
        return "0"
    return number(value, ",.0f") if abs(value) >= 100 else number(value, ".3g")


def _column_label(column: str) -> str:
    """The header shown for a column of a comparison table (the column's name stays the same)."""
    labels = {
        "cluster": _p("case table column", "cluster"), "covers": _p("case table column", "covers"),
        "measure": _p("case table column", "measure"), "value": _p("case table column", "value"),
        "qualifier": _p("case table column", "qualifier"), "figure": _p("case table column", "figure"),
        "period": _p("case table column", "period"), "source": _p("case table column", "source"),
        "status": _p("case table column", "status"), "firms": _p("case table column", "firms"),
        "workers": _p("case table column", "workers"),
        "workers_per_firm": _p("case table column", "workers_per_firm"),
        "problem": _p("case table column", "problem"), "factor": _p("case table column", "factor"),
        "demand": _p("case table column", "demand"), "related": _p("case table column", "related"),
        "rivalry": _p("case table column", "rivalry"), "chance": _p("case table column", "chance"),
        "government": _p("case table column", "government"),
        "step_number": _p("case table column", "step_number"), "step": _p("case table column", "step"),
        "reason": _p("case table column", "reason"),
        "earlier_period": _p("case table column", "earlier_period"),
        "earlier": _p("case table column", "earlier"), "later_period": _p("case table column", "later_period"),
        "later": _p("case table column", "later"), "change_low": _p("case table column", "change_low"),
        "change_high": _p("case table column", "change_high"),
        "direction": _p("case table column", "direction"), "same_source": _p("case table column", "same_source"),
        "caveats": _p("case table column", "caveats"), "marshall": _p("case table column", "marshall"),
        "porter": _p("case table column", "porter"), "bps_sentra": _p("case table column", "bps_sentra"),
        "core": _p("case table column", "core"), "inputs": _p("case table column", "inputs"),
        "markets": _p("case table column", "markets"), "institutions": _p("case table column", "institutions"),
    }
    return labels.get(column, column)


def _cell(value):
    """A table cell for reading: texts in the current language (data texts once they are translated)."""
    if isinstance(value, (bool, np.bool_)):
        return _p("yes or no", "True") if value else _p("yes or no", "False")
    return _(value) if isinstance(value, str) else value


def table_html(table: pd.DataFrame) -> str:
    """A comparison table as compact HTML (numbers with separators, missing values as a dash)."""
    columns = {}  # every column as text (or the objects it holds), built in plain Python: several times faster
    for col in table.columns:
        if col == "case":
            continue
        values = table[col]
        if pd.api.types.is_float_dtype(values):
            columns[col] = [_format_number(v) for v in values.tolist()]
        elif col == "measure":  # keys such as 'value_added', shown as words
            columns[col] = ["\u2014" if missing else lib.measure_label(v) for v, missing in zip(values, values.isna())]
        else:
            columns[col] = ["\u2014" if missing else _cell(v) for v, missing in zip(values.astype(object), values.isna())]
    shown = pd.DataFrame(columns, columns=list(columns), index=table.index, dtype=object)
    shown.columns = [_column_label(col) for col in shown.columns]
    body = shown.to_html(index=False, escape=True, border=0)
    return f'<div style="max-width: 900px; max-height: 360px; overflow: auto; font-size: 85%">{body}</div>'


# ---------------------------------------------------------------------------
# Drawing one lens on an Axes
# ---------------------------------------------------------------------------

def _finish(ax, title: str) -> None:
    # y=1.0 is where matplotlib puts the title anyway (no axis at the top); saying so spares it measuring
    # every tick label again at each draw to check
    ax.set_title(title, fontsize=11, y=1.0)


def _log_x(ax) -> None:
    """A log x axis labelled with plain numbers (1, 10, 1,000), without minor ticks.

    Plain labels read more easily than powers of ten, and they are ordinary
    text: matplotlib typesets powers of ten with mathtext, which costs tens of
    milliseconds at every redraw. No minor ticks: fewer ticks are faster to
    draw and easier to read.
    """
    ax.set_xscale("log")
    ax.xaxis.set_major_formatter(FuncFormatter(_plain_tick))
    ax.xaxis.set_minor_locator(NullLocator())


def _draw_size(ax, table: pd.DataFrame) -> int:
    labels = list(dict.fromkeys(_row_label(c, v) for c, v in zip(table["cluster"], table["covers"])))
    y = {label: i for i, label in enumerate(reversed(labels))}
    values = table["value"].dropna()
    top = values.max() if len(values) else 10
    for measure, offset, colour in (("firms", 0.2, OKABE_ITO["blue"]), ("workers", -0.2, OKABE_ITO["orange"])):
        part = table[table["measure"] == measure]
        bars = []  # (position, value): one barh call for all of them
        for row in part.itertuples():
            pos = y[_row_label(row.cluster, row.covers)] + offset
            if pd.isna(row.value):
                missing = (_("firms: no figure ({status})") if measure == "firms" else
                           _("workers: no figure ({status})"))
                ax.text(1.1, pos, missing.format(status=_(row.status)), va="center", fontsize=7,
                        color=STATUS_COLOURS.get(row.status, "black"))
                continue
            bars.append((pos, row.value))
            label = {"about": _("about {value} ({when})"), "over": _("over {value} ({when})"),
                     "at least": _("at least {value} ({when})"), "up to": _("up to {value} ({when})")}.get(
                row.qualifier, "{value} ({when})")
            ax.text(row.value * 1.08, pos, label.format(value=_format_number(row.value),
                                                         when=_when(row.period, row.status)),
                    va="center", fontsize=7)
        if bars:
            ax.barh(*zip(*bars), height=0.38, color=colour)
    for row in table[table["measure"] == ""].itertuples():
        ax.text(1.1, y[_row_label(row.cluster, row.covers)], _short(_(row.figure), 70), va="center", fontsize=7)
    _log_x(ax)
    ax.set_xlim(1, top * 150)  # room right of the longest bar for its label ("about 170,000 (2007; ...)")
    ax.set_yticks(list(y.values()), list(y.keys()), fontsize=8)
    ax.set_ylim(-0.7, len(labels) - 0.3)
    ax.set_xlabel(_("count (log scale): firms or business units (blue), workers (orange)"))
    _finish(ax, _("Size of the cases: latest counts of firms and workers"))
    return len(labels)


def _draw_workers_per_firm(ax, table: pd.DataFrame) -> int:
    labels = [_row_label(c, v) if v else _(c) for c, v in zip(table["cluster"], table["covers"])]
    n = len(labels)
    ypos = np.arange(n)[::-1]
    values = table["workers_per_firm"].to_numpy(dtype=float)
    top = np.nanmax(values) if np.isfinite(values).any() else 1.0
    bars = []  # (position, value, colour): one barh call for all of them
    for pos, value, row in zip(ypos, values, table.itertuples()):
        if np.isnan(value):
            ax.text(top * 0.02, pos, _short(_("not computed: {reason}").format(reason=_(row.problem)), 90),
                    va="center", fontsize=7, color=OKABE_ITO["vermillion"])
            continue
        bars.append((pos, value, STATUS_COLOURS.get(row.status, OKABE_ITO["blue"])))
        ax.text(value + top * 0.02, pos, f"{number(value, '.1f')} ({_when(row.period, row.status)})", va="center",
                fontsize=7)
    if bars:
        positions, widths, colours = zip(*bars)
        ax.barh(positions, widths, height=0.6, color=list(colours))
    ax.set_xlim(0, top * 1.9)
    ax.set_yticks(ypos, labels, fontsize=8)
    ax.set_ylim(-0.7, n - 0.3)
    local_ticks(ax.xaxis)
    ax.set_xlabel(_("workers per firm (bar colour = status of the weaker figure)"))
    _finish(ax, _("Workers per firm, from counts of the same source and year"))
    return n


def _draw_grid(ax, table: pd.DataFrame, columns: list[str], names: dict, colours: dict, values, texts,
               title: str) -> int:
    """A grid of coloured cells: rows = cases, columns = lenses' categories."""
    n = len(table)
    keys = list(colours)
    codes = np.array([[keys.index(values(table.iloc[i][c])) for c in columns] for i in range(n)], dtype=float)
    ax.imshow(codes, cmap=ListedColormap([colours[k] for k in keys]), vmin=-0.5, vmax=len(keys) - 0.5,
              aspect="auto")
    for i in range(n):
        for j, c in enumerate(columns):
            ax.text(j, i, texts(table.iloc[i][c]), ha="center", va="center", fontsize=7)
    ax.set_xticks(range(len(columns)), [textwrap.fill(_(names[c]), 16, break_long_words=False) for c in columns],
                  fontsize=8)
    ax.set_yticks(range(n), [_(c) for c in table["cluster"]], fontsize=8)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    _finish(ax, title)
    return n


def _draw_diamond(ax, table: pd.DataFrame) -> int:
    n = len(table)
    scores = table[list(lib.DETERMINANTS)].to_numpy(dtype=float)
    ax.imshow(scores, cmap="viridis", vmin=1, vmax=5, aspect="auto")
    for i in range(n):
        for j in range(scores.shape[1]):
            ax.text(j, i, f"{scores[i, j]:.0f}", ha="center", va="center", fontsize=9,
                    color="black" if scores[i, j] >= 4 else "white")
    ax.set_xticks(range(len(lib.DETERMINANTS)), [textwrap.fill(_(v), 16, break_long_words=False)
                                                 for v in lib.DETERMINANTS.values()],
                  fontsize=7)
    ax.set_yticks(range(n), [_(c) for c in table["cluster"]], fontsize=8)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_xlabel(_("determinant of Porter's diamond (score 1 = weak, 5 = strong; colour follows the score)"))
    _finish(ax, _("Diamond scores: the course's judgement"))
    return n


def _draw_stage(ax, table: pd.DataFrame) -> int:
    n = len(table)
    ypos = np.arange(n)[::-1]
    ax.scatter(table["step_number"], ypos, s=80, color=OKABE_ITO["vermillion"], zorder=3)
    ax.set_xticks(list(lib.STEPS), [textwrap.fill(_(s).split(" (")[0], 15, break_long_words=False)
                                    for s in lib.STEPS.values()], fontsize=8)
    ax.set_xlim(0.5, 5.5)
    ax.set_yticks(ypos, [_(c) for c in table["cluster"]], fontsize=8)
    ax.set_ylim(-0.7, n - 0.3)
    ax.grid(axis="x", color="#dddddd")
    ax.set_xlabel(_("step of the five-step cluster strategy (lesson 05)"))
    _finish(ax, _("Where to start: the course's judgement"))
    return n


def _draw_trajectory(ax, table: pd.DataFrame) -> int:
    labels = [f"{_(c)}: {lib.measure_label(m)}" if m else _(c) for c, m in zip(table["cluster"], table["measure"])]
    n = len(labels)
    ypos = np.arange(n)[::-1]
    solid, pale = [], []  # (position, width, left, colour) of the bars, drawn with one barh call each
    for pos, row in zip(ypos, table.itertuples()):
        if row.direction in ("growth", "decline", "unclear"):
            colour = OKABE_ITO["bluish_green"] if row.direction == "growth" else OKABE_ITO["vermillion"]
            if row.direction == "unclear":
                colour = OKABE_ITO["orange"]
            low, high = row.change_low, row.change_high
            near = low if abs(np.log(low)) < abs(np.log(high)) else high
            far = high if near == low else low
            solid.append((pos, near - 1, 1, colour))
            if not np.isclose(low, high):
                pale.append((pos, far - near, near, colour))
            change = (_f("\u00d7{low:.2f}", low=low) if np.isclose(low, high) else
                      _f("\u00d7{low:.2f} to {high:.2f}", low=low, high=high))
            periods = dict(change=change, earlier=_(row.earlier_period), later=_(row.later_period))
            text = (_("{change} ({earlier} \u2192 {later})").format(**periods) if row.same_source else
                    _("{change} ({earlier} \u2192 {later}; different sources)").format(**periods))
            ax.text(max(low, high) * 1.06 if max(low, high) > 1 else 1.06, pos, text, va="center", fontsize=7)
        elif row.direction == "shock":
            ax.scatter([1], [pos], marker="X", s=70, color=OKABE_ITO["vermillion"], zorder=3)
            ax.text(1.06, pos, f"{_(row.later_period)}: {_(row.later)} ({_short(_(row.caveats.split(';')[0]), 50)})",
                    va="center", fontsize=7)
        else:
            ax.text(1.06, pos, _("no two dated figures of the same measure"), va="center", fontsize=7,
                    color="#555555")
    for bars, alpha in ((solid, None), (pale, 0.35)):
        if bars:
            positions, widths, lefts, colours = zip(*bars)
            ax.barh(positions, widths, left=lefts, height=0.55, color=list(colours), alpha=alpha)
    ax.axvline(1, color="black", linewidth=0.8)
    _log_x(ax)
    ax.set_xlim(0.3, 40)
    ax.set_yticks(ypos, labels, fontsize=8)
    ax.set_ylim(-0.7, n - 0.3)
    ax.set_xlabel(_("later figure / earlier figure (log scale; 1 = no change)"))
    _finish(ax, _("Trajectories: earliest against latest dated figure"))
    return n


def draw_lens(ax, table: pd.DataFrame, lens: str) -> int:
    """Draw one lens's comparison table on ``ax`` (cleared first). Returns the number of rows drawn."""
    ax.clear()
    ax.set_xscale("linear")
    return _draw_lens(ax, table, lens)


def _draw_lens(ax, table: pd.DataFrame, lens: str) -> int:
    if lens == "size":
        return _draw_size(ax, table)
    if lens == "workers per firm":
        return _draw_workers_per_firm(ax, table)
    if lens == "diamond scores":
        return _draw_diamond(ax, table)
    if lens == "strategy stage":
        return _draw_stage(ax, table)
    if lens == "trajectory":
        return _draw_trajectory(ax, table)
    if lens == "definitions":
        columns = list(lib.DEFINITIONS)
        n = _draw_grid(ax, table, columns, lib.DEFINITION_NAMES, FIT_COLOURS, values=lambda v: v,
                       texts=lambda v: _(v), title=_("Which definition each case meets: the course's judgement"))
        ax.set_xlabel(_("definition (lesson 01): green = meets, yellow = likely, grey = not shown by the figures"))
        return n
    if lens == "anatomy":
        columns = list(lib.ANATOMY_PARTS)
        missing = (lib.NOT_IN_SOURCES, _(lib.NOT_IN_SOURCES))  # the table's texts are in the course language
        n = _draw_grid(ax, table, columns, lib.ANATOMY_PARTS, ANATOMY_COLOURS,
                       values=lambda v: "not in the sources" if v in missing else "documented",
                       texts=lambda v: "\u2014" if v in missing else _("documented"),
                       title=_("Anatomy: what the course's sources document"))
        ax.set_xlabel(_("part of the cluster (lesson 02): blue = documented, grey = not in the course's sources"))
        return n
    raise KlasterInputError(_("unknown lens {lens!r}").format(lens=lens))


# ---------------------------------------------------------------------------
# The case comparer
# ---------------------------------------------------------------------------

class _RememberingView(FigureView):
    """A FigureView that keeps the picture of every state it has drawn.

    The comparer's figure is a function of the chosen cases and lens alone
    (the data never change while it runs), so coming back to a state shows
    the kept picture instead of drawing the text-heavy figure again. The
    widget names the state in ``state`` before each refresh (None: do not
    keep); ``render(fresh=True)`` always draws.
    """

    KEEP = 24  # pictures kept (a PNG of the comparer is about 50 kB)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.state = None
        self._pictures: OrderedDict = OrderedDict()

    def _key(self):
        if self.state is None:
            return None
        return self.state, tuple(self.figure.get_size_inches()), self.figure.dpi

    def refresh(self) -> None:
        key = self._key()
        if key is not None and key in self._pictures:
            self._pictures.move_to_end(key)
            self.image.value = self._pictures[key]
            return
        rgba = super().render()
        png = rgba_to_png(rgba)
        if key is not None and (rgba[..., 3] == 255).all():  # opaque, so the PNG holds every pixel
            self._pictures[key] = png
            while len(self._pictures) > self.KEEP:
                self._pictures.popitem(last=False)
        self.image.value = png

    def render(self, fresh: bool = False) -> np.ndarray:
        key = self._key()
        if fresh or key is None or key not in self._pictures:
            return super().render(fresh=fresh)
        rgb = np.asarray(Image.open(io.BytesIO(self._pictures[key])).convert("RGB"))
        return np.dstack([rgb, np.full(rgb.shape[:2], 255, dtype=np.uint8)])


class CaseComparer(LessonWidget):
    """Pick two or more cases and a lens; see them side by side in a table and a chart.

    Controls: ``cases`` (SelectMultiple of case keys) and ``lens``
    (Dropdown, one of ``klaster.cases.LENSES``). Outputs: ``message``
    (HTML: a problem when fewer than two cases are chosen, otherwise a note
    on the lens), ``table`` (HTML table with years and statuses), ``view``
    (the chart), ``caption`` (HTML). ``current`` holds the last table shown
    (None while the choice is not valid); ``rows_drawn`` the chart's rows;
    ``ax`` the Axes of the lens shown.

    Each lens has its own Axes, drawn again only when the cases change, and
    the view keeps the picture of each choice of cases and lens: switching
    back and forth between lenses redraws nothing.
    """

    def __init__(self, cases=("jepara", "cibaduyut", "kasongan"), lens: str = "size"):
        use_course_style()
        names = lib.case_table()
        options = [(_(cluster), case) for cluster, case in zip(names["cluster"], names["case"])]
        self.cases = widgets.SelectMultiple(options=options, value=tuple(lib.resolve_cases(cases)), rows=8,
                                            description=_("Cases:"), style={"description_width": "70px"},
                                            layout=widgets.Layout(width="340px"))
        self.lens = widgets.Dropdown(options=[(_(text), key) for key, text in lib.LENSES.items()], value=lens,
                                     description=_("Lens:"), style={"description_width": "70px"},
                                     layout=widgets.Layout(width="560px"))
        self.hint = widgets.HTML(message_html(_("Hold Ctrl (Cmd on a Mac) and click to pick more than one case."),
                                              "note"), layout=widgets.Layout(width="560px"))
        self.message, self.table = TextPart(), TextPart()
        self.view = _RememberingView(figsize=(9, 4), width="900px", layout=None, in_panel=True,
                                     margins=dict(left=0.3, right=0.97, top=0.9, bottom=0.16))
        self._axes: dict = {}  # lens -> its Axes
        self._drawn: dict = {}  # lens -> (cases drawn on its Axes, rows drawn)
        self._tables: OrderedDict = OrderedDict()  # (cases, lens) -> (table, its HTML)
        self._note_ax = None  # the Axes that asks for a second case
        self.ax = self._lens_axes(self.lens.value)
        self.caption = TextPart()
        self.current: pd.DataFrame | None = None
        self.rows_drawn = 0
        self.widget = widgets.VBox([widgets.HBox([self.cases, widgets.VBox([self.lens, self.hint])]),
                                    Panel(self.message, self.table, self.view.image, self.caption)])
        self.cases.observe(self._update, names="value")
        self.lens.observe(self._update, names="value")
        self._update()

    # -- what to show ---------------------------------------------------------
    def _lens_axes(self, lens: str):
        if lens not in self._axes:
            self._axes[lens] = self.view.figure.add_subplot()
            self._axes[lens].set_visible(False)
        return self._axes[lens]

    def _table(self, keys: tuple, lens: str) -> tuple[pd.DataFrame, str]:
        """The lens's comparison table and its HTML (kept: the data never change while the widget runs)."""
        if (keys, lens) not in self._tables:
            table = lib.compare_cases(list(keys), lens)
            self._tables[(keys, lens)] = (table, table_html(table))
            while len(self._tables) > 64:
                self._tables.popitem(last=False)
        self._tables.move_to_end((keys, lens))
        table, shown = self._tables[(keys, lens)]
        return table.copy(), shown

    def _show(self, keys: tuple, lens: str) -> tuple[pd.DataFrame, str, int]:
        """Put the figure in the state of these cases and this lens (drawing the lens only if needed)."""
        table, shown = self._table(keys, lens)
        rows = max(len(table), 2)
        height = min(1.3 + 0.42 * rows, 9.0)
        self.view.figure.set_size_inches(9, height)
        self.view.figure.subplots_adjust(bottom=min(0.9 / height, 0.4), top=1 - 0.45 / height)
        ax = self._lens_axes(lens)
        if self._drawn.get(lens, (None,))[0] != keys:
            self._drawn[lens] = (keys, self._draw(ax, table, lens))
        for other in self.view.figure.axes:
            other.set_visible(other is ax)
        self.ax = ax
        self.view.state = (keys, lens)
        return table, shown, self._drawn[lens][1]

    def _draw(self, ax, table: pd.DataFrame, lens: str) -> int:
        """Draw a lens on its Axes, replacing what was drawn before; returns the rows drawn.

        Unlike ``draw_lens`` this does not clear the Axes: it removes the
        bars, cells and labels and keeps the axes themselves, whose ticks
        matplotlib would otherwise make again (slowly) at the next draw.
        """
        for container in list(ax.containers):
            container.remove()
        for artist in (*ax.patches, *ax.texts, *ax.collections, *ax.lines, *ax.images):
            artist.remove()
        rows = _draw_lens(ax, table, lens)
        stamp(ax.texts)  # the bars' and cells' labels, drawn from cached bitmaps
        for axis in (ax.xaxis, ax.yaxis):  # make the ticks the next draw needs now, so they are stamps too
            axis.get_major_ticks(len(axis.get_majorticklocs()))
        stamp_texts(self.view.figure)
        return rows

    def _show_problem(self) -> None:
        if self._note_ax is None:
            self._note_ax = self.view.figure.add_subplot()
            self._note_ax.set_axis_off()
            self._note_ax.text(0.5, 0.5, _("Pick at least two cases to compare."), ha="center", va="center",
                               transform=self._note_ax.transAxes)
        for other in self.view.figure.axes:
            other.set_visible(other is self._note_ax)
        self.view.state = ("problem",)

    def _update(self, change=None) -> None:
        lens = self.lens.value
        try:
            keys = tuple(lib.resolve_cases(list(self.cases.value)))
            table, shown, rows = self._show(keys, lens)
        except KlasterInputError as problem:
            self.current = None
            self.rows_drawn = 0
            self.message.value = message_html(str(problem), "problem")
            self.table.value = ""
            self.caption.value = ""
            self._show_problem()
            self.view.refresh()
            return
        self.current = table
        note = _(lib.LENSES[lens])
        if lens in ("diamond scores", "strategy stage", "definitions"):
            note = _("{lens}. Each judgement has a reason: see the lesson's tables.").format(lens=note)
        self.message.value = message_html(note, "note")
        self.table.value = shown
        self.rows_drawn = rows
        self.view.refresh()
        chosen = ", ".join(html.escape(_(c)) for c in table["cluster"].drop_duplicates())
        self.caption.value = "<i>" + _("Figure: {caption} Cases: {cases}. Sources: data/README.md.").format(
            caption=html.escape(_(CAPTIONS[lens])), cases=chosen) + "</i>"


# ---------------------------------------------------------------------------
# The cases on the tile-grid map
# ---------------------------------------------------------------------------

def case_map(cases=None, ax=None, pyplot: bool = True) -> TileMap:
    """Mark the provinces that hold the chosen cases (all eight by default) on the tile-grid map.

    Each marked tile shows how many of the chosen cases lie in that province,
    and a list beside the map names them. The tile map has one square per
    province, so it cannot show districts (kabupaten/kota): five of the eight
    cases share the Jawa Tengah tile. Returns the TileMap (its ``values``
    hold the counts by BPS code; ``case_list`` is the text listed).
    """
    use_course_style()
    keys = lib.resolve_cases(cases)
    table = lib.case_table().set_index("case").loc[keys]
    provinces = data.load_provinces()
    counts = table.groupby("bps_code").size().astype(float)
    tiles = TileMap(provinces, ax=ax, pyplot=pyplot, cmap="viridis")
    tiles.update(counts, title=_("The lesson's cases by province (the tile map cannot show districts)"),
                 label=_("number of this lesson's cases in the province"), value_format="{:.0f}", vmin=0)
    for text, code in zip(tiles.value_texts, tiles.codes):
        if code not in counts.index:
            text.set_text("")
    iso = dict(zip(provinces["bps_code"], provinces["iso"].str.replace("ID-", "", regex=False)))
    lines = []
    for code, group in table.groupby("bps_code", sort=False):
        lines.append(f"{iso[code]} ({group['province'].iloc[0]}): " + ", ".join(
            f"{_(c)} [{d}]" for c, d in zip(group["cluster"], group["district"])))
    tiles.case_list = "\n".join(lines)
    tiles.ax.text(2.0, -0.6, _("Cases [district]:") + "\n" + "\n".join(textwrap.fill(line, 110) for line in lines),
                  ha="left", va="top", fontsize=7)
    return tiles
