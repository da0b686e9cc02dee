"""Run inside a notebook's kernel after all its cells (benchmarks/widget_response.first_changes):
change every control of every lesson widget the notebook made once, as the browser would
(a comm 'update' message), and time it. Imports nothing the notebook has not imported
already except ipywidgets internals, so the kernel stays as cold as the student's."""
from __future__ import annotations

import gc
import time

import ipywidgets as widgets
import numpy as np
from ipywidgets.widgets.widget_selection import _MultipleSelection, _Selection

SELECTION = (widgets.Dropdown, widgets.ToggleButtons, widgets.RadioButtons, widgets.Select, widgets.SelectionSlider)
NUMERIC = (widgets.IntSlider, widgets.FloatSlider, widgets.IntText, widgets.FloatText,
           widgets.BoundedIntText, widgets.BoundedFloatText)


def value_controls(instance) -> dict:
    """Public attributes of a widget object that are value controls a user can change."""
    controls = {}
    for name, value in vars(instance).items():
        if name.startswith("_"):
            continue
        if (isinstance(value, SELECTION + NUMERIC + (widgets.Checkbox, widgets.ToggleButton, widgets.SelectMultiple))
                and not value.disabled):
            controls[name] = value
    return controls


def new_values(control, count: int) -> list:
    """A cycle of different valid values for a control."""
    if isinstance(control, SELECTION):
        options = [o[1] if isinstance(o, tuple) else o for o in control.options]
        if len(options) < 2:
            return []
        start = options.index(control.value) if control.value in options else 0
        return [options[(start + 1 + k) % len(options)] for k in range(count)]
    if isinstance(control, widgets.SelectMultiple):  # same number chosen, a different set each time
        options = [o[1] if isinstance(o, tuple) else o for o in control.options]
        size = min(max(len(control.value), 2), len(options))
        if len(options) < 2:
            return []
        return [tuple(options[(k + 1 + j) % len(options)] for j in range(size)) for k in range(count)]
    if isinstance(control, (widgets.Checkbox, widgets.ToggleButton)):
        return [not control.value if k % 2 == 0 else control.value for k in range(count)]
    value = control.value
    low = getattr(control, "min", None)
    high = getattr(control, "max", None)
    if low is None or high is None:
        base = value if value else 1
        low, high = base * 0.5, base * 1.5
    step = getattr(control, "step", None) or (1 if isinstance(value, int) else (high - low) / 20)
    grid = np.arange(low, high + step / 2, step)
    if isinstance(control, (widgets.IntSlider, widgets.IntText, widgets.BoundedIntText)):
        grid = np.unique(np.round(grid).astype(int))
    grid = [g for g in grid.tolist() if g != value] or [value]
    picks = np.linspace(0, len(grid) - 1, num=min(count, len(grid))).round().astype(int)
    cycle = [grid[i] for i in picks]
    return (cycle * (count // len(cycle) + 1))[:count]


def page_state(control, value) -> dict:
    """The state the browser sends when a student sets ``control`` to ``value``."""
    if isinstance(control, _Selection):
        return {"index": list(control._options_values).index(value)}
    if isinstance(control, _MultipleSelection):
        values = list(control._options_values)
        return {"index": [values.index(v) for v in value]}
    to_json = control.trait_metadata("value", "to_json", control._trait_to_json)
    return {"value": to_json(value, control)}


def change_from_page(control, value) -> None:
    """Deliver a change to ``control`` the way a message from the browser arrives (comm callback)."""
    msg = {"content": {"data": {"method": "update", "state": page_state(control, value), "buffer_paths": []}},
           "buffers": [], "header": {}, "parent_header": {}, "metadata": {}}
    callback = getattr(control.comm, "_msg_callback", None) if control.comm is not None else None
    (callback or control._handle_msg)(msg)


def lesson_widgets(namespace: dict | None = None) -> list:
    """The live LessonWidget objects: those named in the notebook first, in their order, then the rest."""
    from klaster.widgets.base import LessonWidget
    found, seen = [], set()
    for value in (namespace or {}).values():
        if isinstance(value, LessonWidget) and id(value) not in seen:
            found.append(value)
            seen.add(id(value))
    for obj in gc.get_objects():
        if isinstance(obj, LessonWidget) and id(obj) not in seen:
            found.append(obj)
            seen.add(id(obj))
    return found


def first_changes(namespace: dict | None = None, repeats: int = 0) -> list[dict]:
    """Change every control once (the first, cold change) and then ``repeats`` times more (warm).

    Each record: widget, control, first_ms, the warm times, and what the change sent to the
    page (update messages, distinct widgets, bytes of images) and over how long the kernel
    sent them (first to last message, ms after the change began). Also the first change's
    CPU time of the kernel process (first_cpu_ms: on a busy machine the wall time also
    counts the time other programs had the processor) and the time Python's garbage
    collector ran during it (first_gc_ms, collections).
    """
    sent: list = []
    original = widgets.Widget._send
    collecting: list = []  # [start of the running collection, total ms, collections]

    def on_gc(phase, info):
        if phase == "start":
            collecting[:1] = [time.perf_counter()]
        elif collecting and collecting[0] is not None:
            collecting[1] += 1000 * (time.perf_counter() - collecting[0])
            collecting[2] += 1
            collecting[0] = None

    def record(self, msg, buffers=None):
        sent.append((id(self), msg.get("method"), sum(len(b) for b in (buffers or [])), time.perf_counter()))
        return original(self, msg, buffers)

    widgets.Widget._send = record
    gc.callbacks.append(on_gc)
    records = []
    try:
        for instance in lesson_widgets(namespace):
            for name, control in value_controls(instance).items():
                values = new_values(control, 1 + repeats)
                if not values:
                    continue
                timings = []
                for k, value in enumerate(values):
                    if control.disabled:
                        break
                    sent.clear()
                    collecting[:] = [None, 0.0, 0]
                    cpu = time.process_time()
                    started = time.perf_counter()
                    change_from_page(control, value)
                    elapsed = time.perf_counter() - started
                    cpu = time.process_time() - cpu
                    timings.append(1000 * elapsed)
                    if k == 0:
                        updates = [s for s in sent if s[1] == "update" and s[0] != id(control)]
                        first = {
                            "first_cpu_ms": 1000 * cpu, "first_gc_ms": collecting[1], "collections": collecting[2],
                            "messages": len(updates), "widgets": len({s[0] for s in updates}),
                            "bytes": sum(s[2] for s in updates),
                            "first_message_ms": 1000 * (updates[0][3] - started) if updates else None,
                            "last_message_ms": 1000 * (updates[-1][3] - started) if updates else None,
                        }
                if timings:
                    records.append({"widget": f"{type(instance).__module__.rsplit('.', 1)[-1]}.{type(instance).__name__}",
                                    "control": name, "first_ms": timings[0], "warm_ms": timings[1:], **first})
    finally:
        widgets.Widget._send = original
        gc.callbacks.remove(on_gc)
    return records
