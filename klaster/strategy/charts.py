"""The plan's charts (stakeholder grid, timeline, KPI dashboard), drawn on a given Axes so the
app and the exported summary share them."""
from __future__ import annotations


import numpy as np
from matplotlib.figure import Figure

from ..i18n import N_, _, _f
from ..plots import OKABE_ITO
from .model import AMBER_FROM, GREEN_FROM, GRID_POSITIONS, GRID_SPLIT, LIGHT_COLOURS, Plan, STAKEHOLDER_TYPES, _clean, _is_whole
from .progress import kpi_progress, traffic_light

TYPE_COLOURS = dict(zip(STAKEHOLDER_TYPES, [OKABE_ITO[c] for c in ("blue", "orange", "bluish_green",
                                                                    "reddish_purple", "sky_blue", "vermillion")]))


def _offsets(n: int) -> list[float]:
    """Vertical offsets so that stakeholders with the same scores are stacked, not hidden."""
    return [0.27 * (i - (n - 1) / 2) for i in range(n)]


def draw_stakeholder_grid(ax, stakeholders, max_label: int = 21) -> None:
    """Influence/interest grid: interest on x, influence on y (1-5), one dot per
    stakeholder coloured by type, dashed lines between 3 and 4 marking the four positions."""
    ax.clear()
    valid = [s for s in stakeholders if _is_whole(s.influence) and _is_whole(s.interest)]
    groups: dict = {}
    for s in valid:
        groups.setdefault((int(s.interest), int(s.influence)), []).append(s)
    for (x, y), members in groups.items():
        for s, dy in zip(members, _offsets(len(members))):
            ax.scatter([x], [y + dy], s=55, color=TYPE_COLOURS.get(s.type, "#000000"), edgecolor="black",
                       linewidth=0.5, zorder=3, label=_(s.type))
            name = s.name if len(s.name) <= max_label else s.name[: max_label - 1] + "\u2026"
            ax.annotate(name, (x, y + dy), fontsize=7, xytext=(6, 0), textcoords="offset points", va="center",
                        zorder=4)
    split = GRID_SPLIT + 0.5
    ax.axvline(split, color="0.4", linewidth=0.8, linestyle="--")
    ax.axhline(split, color="0.4", linewidth=0.8, linestyle="--")
    for (high_influence, high_interest), text in GRID_POSITIONS.items():
        x = 0.99 if high_interest else 0.01
        y = 0.99 if high_influence else 0.01
        ax.text(x, y, _(text), transform=ax.transAxes, ha="right" if high_interest else "left",
                va="top" if high_influence else "bottom", fontsize=8, color="0.35", style="italic")
    handles, labels = ax.get_legend_handles_labels()
    unique = dict(zip(labels, handles))
    if unique:
        ax.legend(unique.values(), unique.keys(), fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.13),
                  ncol=len(unique), frameon=False, handletextpad=0.2, columnspacing=1.0)
    if not valid:
        ax.text(0.5, 0.5, _("No stakeholders yet"), transform=ax.transAxes, ha="center", va="center", color="0.4")
    ax.set_xlim(0.5, 6.6)
    ax.set_ylim(0.3, 5.7)
    ax.set_xticks(range(1, 6))
    ax.set_yticks(range(1, 6))
    ax.set_xlabel(_("interest in the cluster initiative (1 = low, 5 = high)"))
    ax.set_ylabel(_("influence (1 = low, 5 = high)"))
    ax.set_title(_("Stakeholders: influence/interest grid"))


def draw_timeline(ax, actions, horizon_months: int, max_label: int = 40) -> None:
    """Gantt-style timeline: one bar per action from its start to its end month;
    quick wins in orange, other actions in blue, actions without an owner hatched,
    a dashed line at the plan's horizon."""
    from matplotlib.patches import Patch

    ax.clear()
    usable = [a for a in actions if _is_whole(a.start_month) and _is_whole(a.duration_months)
              and a.start_month >= 1 and a.duration_months >= 1]
    names = []
    for row, a in enumerate(reversed(usable)):
        colour = OKABE_ITO["orange"] if a.quick_win else OKABE_ITO["blue"]
        ax.barh(row, a.duration_months, left=a.start_month - 1, color=colour, edgecolor="black", linewidth=0.5,
                hatch="//" if not _clean(a.owner) else None, height=0.6)
        names.append(a.action if len(a.action) <= max_label else a.action[: max_label - 1] + "\u2026")
    ax.set_yticks(range(len(names)))
    ax.set_yticklabels(names, fontsize=7)
    horizon = int(horizon_months) if _is_whole(horizon_months) and horizon_months >= 1 else None
    if horizon:
        ax.axvline(horizon, color=OKABE_ITO["vermillion"], linestyle="--", linewidth=1)
    right = max([horizon or 12] + [a.end_month for a in usable])
    ax.set_xlim(0, right + 1)
    ax.set_xticks(range(0, right + 2, 3 if right <= 36 else 12))
    ax.set_ylim(-0.7, max(len(names), 1) - 0.3)
    legend = [Patch(facecolor=OKABE_ITO["orange"], edgecolor="black", label=_("quick win")),
              Patch(facecolor=OKABE_ITO["blue"], edgecolor="black", label=_("other action")),
              Patch(facecolor="white", edgecolor="black", hatch="//", label=_("no owner yet"))]
    if horizon:
        from matplotlib.lines import Line2D
        legend.append(Line2D([0], [0], color=OKABE_ITO["vermillion"], linestyle="--",
                             label=_("horizon ({months} months)").format(months=horizon)))
    ax.legend(handles=legend, fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    if not usable:
        ax.text(0.5, 0.5, _("No actions yet"), transform=ax.transAxes, ha="center", va="center", color="0.4")
    ax.set_xlabel(_("month of the plan (a bar covers its start month to its end month)"))
    ax.set_ylabel(_("action"))
    ax.set_title(_("Action plan timeline (Gantt chart)"))


def draw_dashboard(ax, kpis, max_label: int = 38) -> None:
    """Traffic-light dashboard: one bar per KPI, its length the progress towards the
    target (0 = baseline, 1 = target, shown between -0.25 and 1.25), its colour
    the light; KPIs without data are grey."""
    ax.clear()
    names, widths, colours, texts = [], [], [], []
    for k in reversed(list(kpis)):
        progress = kpi_progress(k.baseline, k.target, k.latest)
        light = traffic_light(k.baseline, k.target, k.latest)
        names.append(k.name if len(k.name) <= max_label else k.name[: max_label - 1] + "\u2026")
        widths.append(0.0 if progress is None else float(np.clip(progress, -0.25, 1.25)))
        colours.append(LIGHT_COLOURS[light])
        texts.append(_(light) if progress is None else _f("{light}: {percent:.0f}%", light=_(light),
                                                           percent=100 * progress))
    ax.barh(range(len(names)), widths, color=colours, edgecolor="black", linewidth=0.5, height=0.6)
    for row, (width, text) in enumerate(zip(widths, texts)):
        ax.text(max(width, 0) + 0.02, row, text, va="center", fontsize=7)
    ax.set_yticks(range(len(names)))
    ax.set_yticklabels(names, fontsize=7)
    for x, style in ((0, "-"), (AMBER_FROM, ":"), (GREEN_FROM, ":"), (1, "--")):
        ax.axvline(x, color="0.3", linewidth=0.8, linestyle=style)
    ax.set_xlim(-0.3, 1.55)
    ax.set_ylim(-0.7, max(len(names), 1) - 0.3)
    if not names:
        ax.text(0.5, 0.5, _("No KPIs yet"), transform=ax.transAxes, ha="center", va="center", color="0.4")
    ax.set_xlabel(_f("progress from baseline (0) to target (1); dotted lines at {amber:.2f} and {green:.2f}",
                     amber=AMBER_FROM, green=GREEN_FROM))
    ax.set_ylabel(_("KPI"))
    ax.set_title(_("KPI dashboard (traffic lights)"))


def plan_figures(plan: Plan) -> dict[str, Figure]:
    """The plan's three charts as matplotlib Figures made outside pyplot:
    "stakeholders", "timeline" and "kpis"."""
    figures = {}
    specs = {"stakeholders": ((8.5, 4.8), dict(left=0.08, right=0.98, top=0.93, bottom=0.18)),
             "timeline": ((8, 0.9 + 0.32 * max(len(plan.actions), 3)), dict(left=0.33, right=0.97, top=None, bottom=None)),
             "kpis": ((8, 0.9 + 0.35 * max(len(plan.kpis), 3)), dict(left=0.33, right=0.97, top=None, bottom=None))}
    for key, (size, margins) in specs.items():
        fig = Figure(figsize=size, layout="constrained" if margins["top"] is None else None)
        if margins["top"] is not None:
            fig.subplots_adjust(**margins)
        ax = fig.add_subplot()
        if key == "stakeholders":
            draw_stakeholder_grid(ax, plan.stakeholders)
        elif key == "timeline":
            draw_timeline(ax, plan.actions, plan.horizon_months)
        else:
            draw_dashboard(ax, plan.kpis)
        figures[key] = fig
    return figures


# One-line text descriptions of the charts (show them with _()).
FIGURE_CAPTIONS = {
    "stakeholders": N_("Figure: stakeholders placed by interest (x) and influence (y), coloured by type; the dashed "
                       "lines split the grid into four positions."),
    "timeline": N_("Figure: one bar per action over the months of the plan; quick wins in orange, actions without "
                   "an owner hatched, the dashed line marks the plan's horizon."),
    "kpis": N_("Figure: progress of each KPI from its baseline (0) to its target (1), coloured by traffic light "
               "(green at least 0.75, amber at least 0.25, red below, grey without data)."),
}


