"""What the student sees: every control of every lesson, changed in JupyterLab in
headless Chromium, timed from the input event to the last change of that
widget's output on the page (and the next animation frame, when it is painted).

The same run measures two baselines in a notebook of its own, so the lessons'
figures can be read as ratios to the floor of this stack (browser, JupyterLab,
server, kernel, ipywidgets):

- ``bare``: an IntSlider whose observer writes the value into an HTML widget;
- ``savefig``: an IntSlider whose observer redraws a plain matplotlib line chart
  and shows it through ``savefig`` as PNG in an Image widget;
- ``toggle``: ToggleButtons whose observer writes the choice into an HTML widget,
  clicked once with its cell already the active cell and once from another cell
  (``toggle, cell not active``): the difference is what JupyterLab itself spends
  making a cell active when a click lands in it.

Before each timed input the control's cell is made the notebook's active cell
(untimed), as it is for a student who has already clicked or typed in that cell
and as focusing a slider for its key press does; what the first click into
another cell adds is reported apart, from the ``toggle`` baseline.

Instruments (benchmarks/browser_probe.js): a MutationObserver on the control's
output area, ``img.decode()`` of every image whose source changed, the kernel's
iopub messages as JupyterLab receives them (comm messages per change), the
animation frames in which changes land (several frames = a sequence the eye can
see), and the browser's long tasks. Uses the Playwright/Chromium set-up of the
browser tests (tests/browser_support.py).
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
PROBE = (Path(__file__).resolve().parent / "browser_probe.js").read_text(encoding="utf-8")
BASELINE_NOTEBOOK = "benchmark_baselines.ipynb"
QUIET_MS = 400          # a change is over when nothing moved for this long (and the kernel is idle)
CHANGE_TIMEOUT_S = 30

KERNEL_IDLE = """() => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !!(k && k.status === 'idle' && w.content && w.content.widgets.length > 0);
}"""
RUN_ALL = "() => window.jupyterapp.commands.execute('notebook:run-all-cells')"
CELLS_DONE = """() => {
  const nb = window.jupyterapp.shell.currentWidget.content;
  let notRun = 0, errors = [];
  nb.widgets.forEach((cell, i) => {
    if (cell.model.type !== 'code') return;
    if (cell.model.executionCount === null) notRun++;
    for (const o of cell.model.outputs.toJSON()) if (o.output_type === 'error') errors.push(`cell ${i}: ${o.ename}`);
  });
  const running = [...document.querySelectorAll('.jp-InputPrompt')].some(p => p.textContent.includes('*'));
  return {notRun, errors, running};
}"""
CELL_SOURCES = """() => window.jupyterapp.shell.currentWidget.content.widgets.map(c => c.model.sharedModel.getSource())"""


def unavailable() -> str | None:
    """Why the browser benchmark cannot run here, or None."""
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        from browser_support import chromium_path
    except ImportError as exc:  # pragma: no cover - depends on the checkout
        return f"tests/browser_support.py cannot be imported ({exc})"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package playwright is not installed (pip install -r requirements-test.txt)"
    if chromium_path() is None:
        return "no Chromium found (Debian: apt install chromium; or set KLASTER_CHROMIUM)"
    return None


def baseline_notebook() -> nbformat.NotebookNode:
    """Two widgets that need no course code: the floor of the stack."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    bare = (
        "import ipywidgets as w\n"
        "bare_slider = w.IntSlider(50, min=0, max=100, description='bare')\n"
        "bare_text = w.HTML('value: 50')\n"
        "bare_slider.observe(lambda change: setattr(bare_text, 'value', f\"value: {change['new']}\"), names='value')\n"
        "w.VBox([bare_slider, bare_text])")
    savefig = (
        "import io\n"
        "import numpy as np\n"
        "import ipywidgets as w\n"
        "from matplotlib.figure import Figure\n"
        "fig = Figure(figsize=(8, 4.5))\n"
        "ax = fig.subplots()\n"
        "x = np.linspace(0, 10, 200)\n"
        "(line,) = ax.plot(x, np.sin(x))\n"
        "ax.set(title='A plain line chart', xlabel='x (units)', ylabel='y (units)', ylim=(-1.1, 1.1))\n"
        "chart = w.Image(format='png')\n"
        "def redraw(change=None):\n"
        "    line.set_ydata(np.sin(x + savefig_slider.value / 10))\n"
        "    buffer = io.BytesIO()\n"
        "    fig.savefig(buffer, format='png')\n"
        "    chart.value = buffer.getvalue()\n"
        "savefig_slider = w.IntSlider(50, min=0, max=100, description='savefig')\n"
        "savefig_slider.observe(redraw, names='value')\n"
        "redraw()\n"
        "w.VBox([savefig_slider, chart])")
    toggle = (
        "import ipywidgets as w\n"
        "toggle_buttons = w.ToggleButtons(options=['one', 'two', 'three'], description='toggle')\n"
        "toggle_text = w.HTML('value: one')\n"
        "toggle_buttons.observe(lambda change: setattr(toggle_text, 'value', f\"value: {change['new']}\"), names='value')\n"
        "w.VBox([toggle_buttons, toggle_text])")
    nb.cells = [nbformat.v4.new_code_cell(bare), nbformat.v4.new_code_cell(savefig), nbformat.v4.new_code_cell(toggle)]
    return nb


def _open_and_run(page, base: str, token: str, path: str, timeout_ms: int = 240_000) -> list[str]:
    workspace = re.sub(r"[^A-Za-z0-9]+", "-", path) + f"-{int(time.time() * 1000)}"
    page.goto(f"{base}/lab/workspaces/{workspace}/tree/{path}?reset&token={token}", wait_until="domcontentloaded")
    page.wait_for_function(KERNEL_IDLE, timeout=timeout_ms)
    page.evaluate(RUN_ALL)
    page.wait_for_function(f"() => {{ const r = ({CELLS_DONE})(); return r.notRun === 0 && !r.running; }}",
                           timeout=timeout_ms)
    page.wait_for_function(KERNEL_IDLE, timeout=timeout_ms)
    with contextlib.suppress(Exception):
        page.wait_for_function("() => !document.body.innerText.includes('Loading widget')", timeout=30_000)
    page.add_script_tag(content=PROBE)
    return page.evaluate(CELLS_DONE)["errors"]


def _settle(page, seconds: float = 0.3) -> None:
    page.wait_for_function(KERNEL_IDLE, timeout=60_000)
    time.sleep(seconds)


def _widget_names(sources: list[str], known: set[str]) -> dict[int, str]:
    """Cell index -> the lesson widget class its code makes (for the report)."""
    names = {}
    for index, source in enumerate(sources):
        made = [m for m in re.findall(r"\b([A-Z][A-Za-z]+)\(", source) if m in known]
        if made:
            names[index] = made[-1]
    return names


def _act(page, desc: dict) -> bool:
    """Prepare (not timed) and return a function that makes one change of the control."""
    locator = page.locator(f'[data-kb="{desc["id"]}"]')
    kind = desc["kind"]
    if kind in ("dropdown", "select"):
        options = desc["options"]
        if len(options) < 2:
            return None
        target = options[(options.index(desc["value"]) + 1) % len(options)] if desc["value"] in options else options[0]
        return lambda: locator.select_option(value=target)
    if kind == "select-multiple":
        options = desc["options"]
        if len(options) < 2:
            return None
        size = min(max(len(desc["value"]), 2), len(options))
        start = (options.index(desc["value"][0]) + 1) if desc["value"] else 0
        target = [options[(start + j) % len(options)] for j in range(size)]
        return lambda: locator.select_option(value=target)
    if kind in ("toggle-buttons", "radio"):
        n = len(desc["options"])
        if n < 2:
            return None
        target = (desc["value"] + 1) % n if desc["value"] >= 0 else 0
        inner = locator.locator("button" if kind == "toggle-buttons" else "input[type=radio]").nth(target)
        return lambda: inner.click()
    if kind in ("checkbox", "toggle-button"):
        return lambda: locator.click()
    if kind == "slider":
        locator.focus()
        key = "ArrowLeft" if desc["value"] >= desc["max"] else "ArrowRight"
        return lambda: page.keyboard.press(key)
    if kind == "number":
        try:
            value = float(desc["value"])
        except ValueError:
            return None
        step = max(1.0, round(abs(value) * 0.05))
        new = value + step
        if desc.get("max") not in (None, "") and new > float(desc["max"]):
            new = value - step
        if desc.get("min") not in (None, "") and new < float(desc["min"]):
            return None
        text = str(int(new)) if new == int(new) else f"{new:g}"
        locator.fill(text)
        _settle(page, 0.2)
        return lambda: locator.press("Enter")
    return None


def _summarise(rec: dict) -> dict:
    """One change: latency and where it went."""
    t0 = rec["t0"]
    changes = [m["t"] for m in rec["mutations"]] + [d["t"] for d in rec["decodes"]]
    last = max(changes) if changes else t0
    frames = [f for f in rec["frames"] if f >= last]
    painted = min(frames) if frames else last
    iopub = [m for m in rec["iopub"] if m["t"] >= t0]
    comm = [m for m in iopub if m["type"] == "comm_msg"]
    updates = [m for m in comm if m["method"] == "update"]
    busy = next((m["t"] for m in iopub if m["type"] == "status" and m["state"] == "busy"), None)
    idle = next((m["t"] for m in iopub if m["type"] == "status" and m["state"] == "idle"), None)
    first_update = min((m["t"] for m in updates), default=None)
    last_update = max((m["t"] for m in updates), default=None)
    # which animation frame shows each change: a change lands in the first frame after it
    all_frames = sorted(rec["frames"])

    def frame_of(t):
        later = [f for f in all_frames if f >= t]
        return later[0] if later else None

    output_changes = [t for t in changes if first_update is None or t >= first_update - 0.5]
    visible_updates = len({frame_of(t) for t in output_changes}) if output_changes else 0
    decode_ms = [d["t"] - d["started"] for d in rec["decodes"] if not d.get("failed")]
    long_ms = sum(min(e["start"] + e["duration"], painted) - max(e["start"], t0) for e in rec["longTasks"]
                  if e["start"] + e["duration"] > t0 and e["start"] < painted)
    return {
        "latency_ms": painted - t0,
        "kernel_window_ms": (idle - busy) if busy is not None and idle is not None else None,
        "to_first_message_ms": (first_update - t0) if first_update is not None else None,
        "after_last_message_ms": (painted - last_update) if last_update is not None else None,
        "messages": len(updates), "widgets_updated": len({m["comm"] for m in updates}),
        "echoes": sum(m["method"] == "echo_update" for m in comm),
        "bytes": sum(m["bytes"] for m in updates), "images": sum(m["images"] for m in rec["mutations"]),
        "mutation_batches": len(rec["mutations"]), "visible_updates": visible_updates,
        "decode_ms": max(decode_ms) if decode_ms else 0.0, "long_task_ms": long_ms,
        "message_spread_ms": (last_update - first_update) if updates else 0.0,
    }


TRACE_CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8", "blink"]
# Chromium trace events, grouped for the report: what the browser's threads spent their time on
TRACE_GROUPS = {
    "script": ("FunctionCall", "EvaluateScript", "v8.run", "TimerFire", "FireAnimationFrame", "RunMicrotasks",
               "V8.Execute", "v8.callFunction", "MinorGC", "MajorGC", "V8.GCScavenger", "EventDispatch",
               "v8.compile", "V8.GCFinalizeMC", "GCEvent", "AsyncTask Run"),
    "style and layout": ("UpdateLayoutTree", "Layout", "RecalculateStyles", "UpdateLayerTree", "PrePaint",
                         "IntersectionObserverController::computeIntersections", "HitTest", "ScheduleStyleRecalculation",
                         "InvalidateLayout", "Document::updateStyle", "Document::recalcStyle",
                         "LocalFrameView::performLayout", "InlineNode::ShapeTextIncludingFirstLine"),
    "paint and composite": ("Paint", "PaintImage", "Layerize", "Commit", "CompositeLayers", "UpdateLayer",
                            "PaintArtifactCompositor::Update", "Blink.PrePaint.UpdateTime", "Blink.Paint.UpdateTime"),
    "image decoding": ("Decode Image", "ImageDecodeTask", "Decode LazyPixelRef", "ImageFrameGenerator::decode",
                       "ImageFrameGenerator::decodeAndScale", "ImageResourceContent::updateImage",
                       "ResourceFetcher::requestResource", "ResponseBodyLoader::DidFinishLoadingBody"),
    "task scheduling": ("RunTask", "ThreadControllerImpl::RunTask", "Responsiveness.Renderer.UserInteraction"),
    "HTML parsing": ("ParseHTML", "ParseAuthorStyleSheet"),
}


def _trace_summary(raw: bytes, t0: float, end: float, mark: float) -> dict:
    """Self time (ms) of the renderer's main thread between t0 and end (performance.now() times), by group.

    The trace's clock is tied to performance.now() by the 'kb-mark' TimeStamp the probe writes at ``mark``.
    """
    events = json.loads(raw)
    events = events.get("traceEvents", events) if isinstance(events, dict) else events
    stamp = next((e for e in events if e.get("name") == "TimeStamp"
                  and (e.get("args", {}).get("data", {}) or {}).get("message") == "kb-mark"), None)
    if stamp is None:
        return {}
    offset = stamp["ts"] / 1000 - mark  # trace ms = performance.now() + offset
    main = {(e["pid"], e["tid"]) for e in events if e.get("name") == "thread_name"
            and e.get("args", {}).get("name") == "CrRendererMain"}
    if (stamp["pid"], stamp["tid"]) in main:
        main = {(stamp["pid"], stamp["tid"])}
    low, high = (t0 + offset) * 1000, (end + offset) * 1000
    group_of = {name: group for group, names in TRACE_GROUPS.items() for name in names}
    self_ms: dict = {}
    complete = sorted((e for e in events if e.get("ph") == "X" and "dur" in e and (e["pid"], e["tid"]) in main),
                      key=lambda e: (e["ts"], -e["dur"]))
    stack: list = []
    for e in complete:
        start, stop = e["ts"], e["ts"] + e["dur"]
        while stack and stack[-1][1] <= start:
            stack.pop()
        clipped = max(0.0, min(stop, high) - max(start, low)) / 1000
        name = e["name"]
        self_ms[name] = self_ms.get(name, 0.0) + clipped
        if stack:  # the parent's self time loses what this child takes
            parent = stack[-1][2]
            self_ms[parent] -= clipped
        stack.append((start, stop, name))
    groups = {group: 0.0 for group in TRACE_GROUPS}
    groups["other"] = 0.0
    for name, ms in self_ms.items():
        groups[group_of.get(name, "other")] += ms
    busy = sum(groups.values())
    groups["idle"] = max(0.0, (end - t0) - busy)
    top = sorted(((ms, name) for name, ms in self_ms.items() if ms > 0.5), reverse=True)[:8]
    return {"ms": groups, "top": [(name, round(ms, 1)) for ms, name in top]}


ACTIVATE_CELL = """([id, active]) => {
  const el = document.querySelector(`[data-kb="${id}"]`);
  const nb = window.jupyterapp.shell.currentWidget.content;
  const own = nb.widgets.findIndex(cell => cell.node.contains(el));
  nb.activeCellIndex = active ? own : (own === 0 ? 1 : 0);
  return own;
}"""


CLICKED = ("toggle-buttons", "radio", "checkbox", "toggle-button")  # controls a student clicks


def _measure_change(page, desc: dict, browser=None, cell_active: bool = True) -> dict | None:
    act = _act(page, desc)
    if act is None:
        return None
    page.locator(f'[data-kb="{desc["id"]}"]').scroll_into_view_if_needed()
    # untimed: the control's cell is the active cell (or, for the toggle baseline's other half, another one)
    page.evaluate(ACTIVATE_CELL, [desc["id"], cell_active])
    _settle(page)
    if browser is not None:
        browser.start_tracing(page=page, categories=TRACE_CATEGORIES)
    page.evaluate("id => window.__kb.arm(id)", desc["id"])
    act()
    deadline = time.monotonic() + CHANGE_TIMEOUT_S
    state = None
    while time.monotonic() < deadline:
        state = page.evaluate("() => window.__kb.state()")
        if state["started"] and state["idle"] and state["pending"] == 0 and state["quiet"] >= QUIET_MS:
            break
        if state["sinceArm"] > 5000 and not state["idle"] and state["quiet"] > 3000:
            break  # the kernel never answered: nothing to time (for example an invalid value)
        time.sleep(0.05)
    rec = page.evaluate("() => window.__kb.disarm()")
    raw = browser.stop_tracing() if browser is not None else None
    if rec is None or rec["t0"] is None or not state or not state["idle"]:
        return None
    summary = _summarise(rec)
    if raw is not None:
        summary["trace"] = _trace_summary(raw, rec["t0"], rec["t0"] + summary["latency_ms"], rec["markAt"])
    return summary


def _measure_notebook(browser, base: str, token: str, path: str, changes: int, known: set[str],
                      trace: bool = False) -> dict:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        errors = _open_and_run(page, base, token, path)
        names = _widget_names(page.evaluate(CELL_SOURCES), known)
        records = []
        controls = page.evaluate("() => window.__kb.controls()")
        for control in controls:
            desc = page.evaluate("id => window.__kb.describeOne(id)", control["id"])
            if not desc["visible"]:
                for tab in reversed(page.evaluate("id => window.__kb.reveal(id)", control["id"])):
                    with contextlib.suppress(Exception):
                        page.locator(f'[data-kb-tab="{tab}"]').click(timeout=5000)
                _settle(page, 0.5)
                desc = page.evaluate("id => window.__kb.describeOne(id)", control["id"])
            if not desc["visible"] or desc["disabled"]:
                continue
            for k in range(changes):
                desc = page.evaluate("id => window.__kb.describeOne(id)", control["id"])
                if desc["disabled"]:
                    break
                result = _measure_change(page, desc, browser if trace else None)
                if result is None:
                    break
                records.append({"notebook": path, "cell": control["cell"],
                                "widget": names.get(control["cell"], "?"), "control": desc["label"] or desc["kind"],
                                "kind": desc["kind"], "change": k + 1, **result})
                baseline_toggle = path == BASELINE_NOTEBOOK and desc["label"] == "toggle"
                if baseline_toggle or (k == 0 and desc["kind"] in CLICKED and path != BASELINE_NOTEBOOK):
                    # the same kind of click from another cell (every time for the baseline, once per clicked
                    # control of a lesson): reported apart, not part of the targets
                    desc = page.evaluate("id => window.__kb.describeOne(id)", control["id"])
                    result = _measure_change(page, desc, browser if trace else None, cell_active=False)
                    if result is not None:
                        records.append({"notebook": path, "cell": control["cell"],
                                        "widget": names.get(control["cell"], "?"),
                                        "control": "toggle, cell not active" if baseline_toggle else
                                        desc["label"] or desc["kind"], "kind": desc["kind"], "change": k + 1,
                                        "cell_active": False, **result})
        return {"notebook": path, "errors": errors, "changes": records}
    finally:
        context.close()


def _shut_down_kernels(base: str, token: str) -> None:
    import urllib.request
    with urllib.request.urlopen(f"{base}/api/sessions?token={token}", timeout=10) as reply:
        sessions = json.load(reply)
    for session in sessions:
        request = urllib.request.Request(f"{base}/api/sessions/{session['id']}?token={token}", method="DELETE")
        urllib.request.urlopen(request, timeout=30).close()


def _known_widget_names() -> set[str]:
    from .widget_response import lesson_widget_classes
    import importlib, inspect, pkgutil
    import klaster.widgets
    from klaster.widgets.base import LessonWidget
    names = set()
    for info in pkgutil.iter_modules(klaster.widgets.__path__):
        module = importlib.import_module(f"klaster.widgets.{info.name}")
        names |= {n for n, c in inspect.getmembers(module, inspect.isclass) if issubclass(c, LessonWidget)}
    return names


def percentile(values, q) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def browser_times(languages=("en", "id"), changes: int = 2, baseline_changes: int = 15,
                  lessons: list[str] | None = None, windowing: str | None = None, trace: bool = False) -> dict:
    """Every control of every lesson in JupyterLab, in each language, beside the two baselines."""
    reason = unavailable()
    if reason:
        return {"skipped": reason}
    from browser_support import CHROMIUM_FLAGS, chromium_path, course_copy, server
    from playwright.sync_api import sync_playwright

    known = _known_widget_names()
    chosen_lessons = lessons
    results = {"languages": {}, "quiet_ms": QUIET_MS, "changes_per_control": changes,
               "windowing": windowing or "JupyterLab's default (contentVisibility)"}
    saved_env = {k: os.environ.get(k) for k in ("KLASTER_LANG", "JUPYTERLAB_SETTINGS_DIR")}
    with tempfile.TemporaryDirectory(prefix="klaster-browser-bench-") as tmp:
        workdir = course_copy(Path(tmp))
        (workdir / BASELINE_NOTEBOOK).write_text(nbformat.writes(baseline_notebook()), encoding="utf-8")
        settings = workdir / ".lab-settings" / "@jupyterlab"
        (settings / "apputils-extension").mkdir(parents=True)
        (settings / "apputils-extension" / "notification.jupyterlab-settings").write_text(
            json.dumps({"fetchNews": "false", "checkForUpdates": False}))
        if windowing:
            (settings / "notebook-extension").mkdir(parents=True)
            (settings / "notebook-extension" / "tracker.jupyterlab-settings").write_text(
                json.dumps({"windowingMode": windowing}))
        os.environ["JUPYTERLAB_SETTINGS_DIR"] = str(workdir / ".lab-settings")
        try:
            for language in languages:
                os.environ["KLASTER_LANG"] = language  # the kernels inherit it from the server
                print(f"  browser, language {language!r} ...", flush=True)
                notebooks = []
                # a language with its own edition runs it: the English lessons name the data's English labels
                folder = (f"notebooks/{language}" if language != "en" and not chosen_lessons
                          and (ROOT / "notebooks" / language).is_dir() else "notebooks")
                lessons = chosen_lessons or sorted(p.name for p in (ROOT / folder).glob("*.ipynb"))
                with server("lab", workdir) as (base, token), sync_playwright() as p:
                    browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS, headless=True)
                    try:
                        baseline = _measure_notebook(browser, base, token, BASELINE_NOTEBOOK, baseline_changes, known, trace)
                        _shut_down_kernels(base, token)
                        for name in lessons:
                            print(f"    {name}", flush=True)
                            notebooks.append(_measure_notebook(browser, base, token, f"{folder}/{name}", changes, known,
                                                                trace))
                            _shut_down_kernels(base, token)
                    finally:
                        browser.close()
                results["languages"][language] = {"baseline": baseline, "notebooks": notebooks}
        finally:
            for key, value in saved_env.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
    return summarise(results)


def counted(changes) -> list:
    """The changes the browser figures count: made in the control's active cell, with something sent
    to the page (a setting used only later has no output to time)."""
    return [r for r in changes if r.get("cell_active", True) and r["messages"] > 0]


def summarise(results: dict) -> dict:
    """Add p50/p95/max of every language's changes and the ratios to the two baselines."""
    for language, run in results["languages"].items():
        base = run["baseline"]["changes"]
        floors = {}
        for name in ("bare", "savefig", "toggle", "toggle, cell not active"):
            times = [r["latency_ms"] for r in base if r["control"] == name]
            floors[name] = {"p50_ms": percentile(times, 50), "p95_ms": percentile(times, 95),
                            "max_ms": max(times) if times else float("nan"), "changes": len(times),
                            "messages": statistics.median([r["messages"] for r in base if r["control"] == name] or [0])}
        everything = [r for nb in run["notebooks"] for r in nb["changes"] if r.get("cell_active", True)]
        changes = counted(everything)
        # clicks from another cell, each beside the first click of the same control in its active cell
        first_in_cell = {(r["notebook"], r["cell"], r["control"]): r for r in everything if r["change"] == 1}
        pairs = [(r, first_in_cell.get((r["notebook"], r["cell"], r["control"])))
                 for nb in run["notebooks"] for r in nb["changes"] if not r.get("cell_active", True)]
        extra = [r["latency_ms"] - same["latency_ms"] for r, same in pairs if same is not None and r["messages"] > 0]
        run["from_another_cell"] = {"changes": len(extra), "p50_extra_ms": percentile(extra, 50),
                                    "p95_extra_ms": percentile(extra, 95)}
        times = [r["latency_ms"] for r in changes]
        overall = {"changes": len(changes), "without_output": len(everything) - len(changes), "controls": len({(r["notebook"], r["cell"], r["control"]) for r in changes}),
                   "p50_ms": percentile(times, 50), "p95_ms": percentile(times, 95),
                   "max_ms": max(times) if times else float("nan")}
        for name, floor in ((n, floors[n]) for n in ("bare", "savefig")):
            overall[f"p50_ratio_{name}"] = overall["p50_ms"] / floor["p50_ms"] if floor["changes"] else float("nan")
            overall[f"p95_ratio_{name}"] = overall["p95_ms"] / floor["p95_ms"] if floor["changes"] else float("nan")
        for key in ("messages", "visible_updates", "decode_ms", "long_task_ms", "after_last_message_ms",
                    "kernel_window_ms", "message_spread_ms"):
            values = [r[key] for r in changes if r[key] is not None]
            overall[f"median_{key}"] = statistics.median(values) if values else float("nan")
        overall["share_one_visible_update"] = (sum(r["visible_updates"] <= 1 for r in changes) / len(changes)
                                               if changes else float("nan"))
        run["floors"] = floors
        run["overall"] = overall
    return results
