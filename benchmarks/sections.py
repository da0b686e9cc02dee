"""Report sections of issue 19: the first change of every control (cold), the browser
end to end with its two baselines, the library's floors, and klaster beside its peers."""
from __future__ import annotations

import numpy as np


def _verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def _pct(values, q) -> float:
    return float(np.percentile(values, q)) if len(values) else float("nan")


def library(rows: list[dict]) -> list[str]:
    lines = ["## 3. Library scale", "",
             "Each measure beside two floors measured in the same run, interleaved: one numpy pass over the "
             "data, and the least work its own definition needs (issue 19's decision). Times are the CPU time "
             "of the benchmark's thread (on a quiet machine the wall time of these single-threaded calls).", "",
             "| measure | input | library (s) | min–max (s) | ratio to one pass | own floor | ratio to own floor | target | "
             "loop (s) | speed-up over loop | peak memory (MB) |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        target = r.get("target_ratio")
        verdict = f"≤ {target}×: {_verdict(r['ratio_to_floor'] <= target)}" if target else "(reported)"
        loop = f"{r['loop_s']:.2f}" if r.get("loop_s") else "–"
        speedup = f"{r['speedup_over_loop']:.0f}×" if r.get("speedup_over_loop") else "–"
        lines.append(f"| {r['measure']} | {r['input']} | {r['library_s']:.3f} | {r['library_min_s']:.3f}–{r['library_max_s']:.3f} | "
                     f"{r['ratio_to_one_pass']:.1f}× ({r['one_pass']}) | {r['floor_s']:.4f} s ({r['floor']}) | "
                     f"{r['ratio_to_floor']:.1f}× | {verdict} | {loop} | {speedup} | {r['peak_memory_mb']:.0f} |")
    lines += ["", "Floors: `matrix_out` = one elementwise numpy operation over the matrix; `vector_out` = one numpy "
                  "reduction; `shift_share` = one elementwise pass per output matrix; `plants` = one `np.bincount` over "
                  "the plants; `sort` = one `np.sort` of the matrix along the regions; `three_passes` = the two totals "
                  "and one pass over the gaps (three numpy reductions); `factorize_bincount` = one `pd.factorize` of the "
                  "plants' region labels plus the bincount.", ""]
    return lines


def peers(result: dict) -> list[str]:
    rows = result.get("comparison", [])
    lines = ["## 3b. klaster beside its Python peers", ""]
    if not rows:
        return lines + ["No peer package installed (optional: `pip install econcomplex inequality concentrationmetrics`).", ""]
    lines += ["Median time of one call; the largest difference from klaster after converting the peer's convention "
              "(Hoover in percent, locational Gini halved, Shannon in bits); target: klaster at least as fast as "
              "the fastest peer computing the same thing, at every size, and agreeing to 1e-14 relative.", "",
              "| measure | size | klaster (ms) | peers (ms; largest relative difference) | fastest peer (ms) | "
              "klaster ≤ fastest |", "|---|---|---|---|---|---|"]
    for r in rows:
        listing = "; ".join(f"{p['peer']} {p['seconds'] * 1e3:.3f} ({p['max_difference']:.1e})" if "seconds" in p
                            else f"{p['peer']}: {p['error']}" for p in r["peers"]) or "–"
        fastest = r.get("fastest_peer_s")
        verdict = _verdict(r["klaster_s"] <= fastest * 1.05) if fastest else "–"  # within timing noise (5%)
        memory = f"; peak {r['peak_over_input']:.1f}× input" if "peak_over_input" in r else ""
        lines.append(f"| {r['measure']} | {r['size']} | {r['klaster_s'] * 1e3:.3f}{memory} | {listing} | "
                     f"{fastest * 1e3:.3f} | {verdict} |" if fastest else
                     f"| {r['measure']} | {r['size']} | {r['klaster_s'] * 1e3:.3f}{memory} | {listing} | – | – |")
    scaling = result.get("scaling", [])
    if scaling:
        lines += ["", "Scaling (seconds per million cells as the table grows; constant = linear; peak memory against "
                      "the input for the two shift-share measures, target ≤ 3×):", "",
                  "| measure | " + " | ".join(f"{c // 10**6} M cells" for c in sorted({r['cells'] for r in scaling})) + " |",
                  "|---|" + "---|" * len({r['cells'] for r in scaling})]
        for name in dict.fromkeys(r["measure"] for r in scaling):
            cells = [r for r in scaling if r["measure"] == name]
            lines.append(f"| {name} | " + " | ".join(
                f"{r['s_per_million_cells'] * 1e3:.1f} ms" + (f" (peak {r['peak_over_input']:.1f}×)" if "peak_over_input" in r else "")
                for r in cells) + " |")
    return lines + [""]


def cold(result: dict) -> list[str]:
    lines = ["## 2b. First change of every control (fresh kernel, the cold case)", "",
             "Every notebook (lessons and solutions) runs top to bottom in a fresh kernel; then every control of "
             "every lesson widget it made is changed once, as a message from the browser arrives (through the "
             "widget's comm, so including the one-update batching). Target: p95 ≤ 100 ms.", ""]
    for language, rows in result.items():
        first = [r["first_ms"] for r in rows]
        if not first:
            continue
        lines += [f"**Language {language}**: {len(rows)} controls; first change p50 {_pct(first, 50):.0f} ms, "
                  f"p95 {_pct(first, 95):.0f} ms, max {max(first):.0f} ms — target p95 ≤ 100 ms: "
                  f"{_verdict(_pct(first, 95) <= 100)}. Messages to the page per change: median "
                  f"{np.median([r['messages'] for r in rows]):.0f}, max {max(r['messages'] for r in rows)}; "
                  f"spread between the first and the last message: max "
                  f"{max(((r['last_message_ms'] or 0) - (r['first_message_ms'] or 0)) for r in rows):.1f} ms.", ""]
        cpu = [r["first_cpu_ms"] for r in rows if r.get("first_cpu_ms") is not None]
        if cpu:  # on a busy machine the wall time also counts other programs' turns on the processor
            gc_ms = [r.get("first_gc_ms") or 0.0 for r in rows]
            lines += [f"CPU time of the kernel for the same changes: p50 {_pct(cpu, 50):.0f} ms, p95 {_pct(cpu, 95):.0f} ms, "
                      f"max {max(cpu):.0f} ms; garbage collection during a change: {sum(g > 1 for g in gc_ms)} changes "
                      f"over 1 ms, max {max(gc_ms):.0f} ms.", ""]
        lines += ["| notebook | widget | control | first change (ms) | CPU (ms) | garbage collection (ms) | messages | "
                  "widgets updated |", "|---|---|---|---|---|---|---|---|"]

        def _ms(value):
            return "" if value is None else f"{value:.0f}"
        for r in sorted(rows, key=lambda r: -r["first_ms"])[:15]:
            lines.append(f"| {r['notebook']} | {r['widget']} | {r['control']} | {r['first_ms']:.0f} | "
                         f"{_ms(r.get('first_cpu_ms'))} | {_ms(r.get('first_gc_ms'))} | {r['messages']} | {r['widgets']} |")
        lines += ["", f"(the 15 slowest of {len(rows)}; all in report.json)", ""]
    return lines


def browser(result: dict) -> list[str]:
    lines = ["## 2c. In the browser (JupyterLab, headless Chromium, end to end)", ""]
    if "skipped" in result:
        return lines + [f"Not measured: {result['skipped']}.", ""]
    lines += ["For every control of every lesson: the time from the input event (key press, click or selection) "
              "to the animation frame after the last change of that widget's output area (DOM changes and image "
              f"decoding; the change is over after {result['quiet_ms']} ms without any and an idle kernel), "
              f"{result['changes_per_control']} changes per control, windowing: {result['windowing']}. "
              "Baselines in the same run: `bare` = an IntSlider writing its value into an HTML widget; `savefig` = "
              "an IntSlider redrawing a plain matplotlib line chart through savefig into an Image widget. "
              "Before each timed input the control's cell is made the active cell (untimed), as for a student "
              "who has already clicked in that cell and as focusing a slider for its key press does; what a first "
              "click into another cell adds (JupyterLab making that cell active) is measured apart on a bare "
              "ToggleButtons → HTML widget (`toggle`), clicked in its own active cell and from another cell. "
              "Targets: p50 ≤ 60 ms and p95 ≤ 120 ms in each language.", "",
              "| language | changes (controls) | p50 (ms) | p95 (ms) | max (ms) | bare p50 / p95 (ms) | savefig p50 / p95 (ms) | "
              "p50 ÷ bare | p50 ÷ savefig | p95 ÷ bare | one visible update | targets |",
              "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for language, run in result["languages"].items():
        o, f = run["overall"], run["floors"]
        ok = o["p50_ms"] <= 60 and o["p95_ms"] <= 120
        lines.append(f"| {language} | {o['changes']} ({o['controls']}) | {o['p50_ms']:.0f} | {o['p95_ms']:.0f} | {o['max_ms']:.0f} | "
                     f"{f['bare']['p50_ms']:.0f} / {f['bare']['p95_ms']:.0f} | {f['savefig']['p50_ms']:.0f} / {f['savefig']['p95_ms']:.0f} | "
                     f"{o['p50_ratio_bare']:.1f}× | {o['p50_ratio_savefig']:.2f}× | {o['p95_ratio_bare']:.1f}× | "
                     f"{100 * o['share_one_visible_update']:.0f}% | {_verdict(ok)} |")
    lines += [""]
    for language, run in result["languages"].items():
        f = run["floors"]
        on, off = f.get("toggle", {}), f.get("toggle, cell not active", {})
        if on.get("changes") and off.get("changes"):
            lines.append(f"- {language}, first click into a cell that is not the active one: the `toggle` baseline "
                         f"takes p50 {off['p50_ms']:.0f} ms (p95 {off['p95_ms']:.0f}) from another cell against "
                         f"{on['p50_ms']:.0f} ms (p95 {on['p95_ms']:.0f}) in its own active cell: "
                         f"{off['p50_ms'] - on['p50_ms']:.0f} ms at the median is JupyterLab making the cell active, "
                         "for any widget; the course's figures above leave it out.")
        other = run.get("from_another_cell", {})
        if other.get("changes"):
            lines.append(f"  In the lessons, the first click of each clicked control (toggle buttons, check boxes) "
                         f"made once more from another cell took {other['p50_extra_ms']:.0f} ms more at the median "
                         f"(p95 {other['p95_extra_ms']:.0f} ms more; {other['changes']} controls) than the same "
                         "control clicked in its active cell: in a long notebook making a cell active costs more.")
    lines += ["", "Where the time goes (medians over all changes): "]
    for language, run in result["languages"].items():
        o = run["overall"]
        lines.append(f"- {language}: kernel busy→idle as the page sees it {o['median_kernel_window_ms']:.0f} ms; "
                     f"from the last widget message to the painted frame {o['median_after_last_message_ms']:.0f} ms; "
                     f"image decoding {o['median_decode_ms']:.0f} ms; long tasks {o['median_long_task_ms']:.0f} ms; "
                     f"{o['median_messages']:.0f} widget messages per change, first to last "
                     f"{o['median_message_spread_ms']:.0f} ms apart; {o['median_visible_updates']:.0f} visible update(s).")
    first = next(iter(result["languages"].values()))
    from .browser_response import counted
    slow = sorted(counted(c for nb in first["notebooks"] for c in nb["changes"]), key=lambda c: -c["latency_ms"])[:12]
    if slow:
        lines += ["", "Slowest changes (first language; the changes counted above, so clicks from another cell "
                  "are left out):", "",
                  "| notebook | widget | control | latency (ms) | kernel (ms) | after last message (ms) | messages | visible updates |",
                  "|---|---|---|---|---|---|---|---|"]
        for c in slow:
            lines.append(f"| {c['notebook']} | {c['widget']} | {c['control']} | {c['latency_ms']:.0f} | "
                         f"{(c['kernel_window_ms'] or 0):.0f} | {(c['after_last_message_ms'] or 0):.0f} | {c['messages']} | "
                         f"{c['visible_updates']} |")
    return lines + [""]
