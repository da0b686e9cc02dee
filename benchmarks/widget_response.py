"""Widget response: for every value control of every lesson widget, the time
from setting a new value to the end of the recomputation and redraw it
triggers. ipywidgets observers run synchronously in the kernel, so timing the
assignment in Python measures exactly that work."""
from __future__ import annotations

import importlib
import inspect
import os
import pkgutil
import statistics
import tempfile
import time

import ipywidgets as widgets
import numpy as np

import klaster.widgets
from klaster.widgets.base import LessonWidget

SELECTION = (widgets.Dropdown, widgets.ToggleButtons, widgets.RadioButtons, widgets.Select, widgets.SelectionSlider)
NUMERIC = (widgets.IntSlider, widgets.FloatSlider, widgets.IntText, widgets.FloatText,
           widgets.BoundedIntText, widgets.BoundedFloatText)


def lesson_widget_classes() -> list[type]:
    """Every LessonWidget subclass defined in klaster/widgets/*.py that can be built without arguments."""
    found = []
    for module_info in pkgutil.iter_modules(klaster.widgets.__path__):
        if module_info.name == "base":
            continue
        module = importlib.import_module(f"klaster.widgets.{module_info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, LessonWidget) and cls is not LessonWidget and cls.__module__ == module.__name__:
                params = inspect.signature(cls.__init__).parameters.values()
                if all(p.default is not p.empty or p.kind in (p.VAR_KEYWORD, p.VAR_POSITIONAL) or p.name == "self"
                       for p in params):
                    found.append(cls)
    return found


def value_controls(instance) -> dict[str, widgets.ValueWidget]:
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


def time_controls(repeats: int = 20) -> list[dict]:
    """Time every control of every widget; returns one record per control."""
    records = []
    workdir = tempfile.mkdtemp(prefix="klaster-bench-")
    here = os.getcwd()
    os.chdir(workdir)
    os.environ["KLASTER_WORK_DIR"] = workdir  # widgets that autosave write here, never into the course
    try:
        for cls in lesson_widget_classes():
            instance = cls()
            for name, control in value_controls(instance).items():
                values = new_values(control, repeats)
                if not values:
                    continue
                timings = []
                for value in values:
                    started = time.perf_counter()
                    control.value = value
                    timings.append(1000 * (time.perf_counter() - started))
                records.append({
                    "widget": f"{cls.__module__.rsplit('.', 1)[-1]}.{cls.__name__}", "control": name,
                    "changes": len(timings), "median_ms": statistics.median(timings),
                    "p95_ms": float(np.percentile(timings, 95)), "max_ms": max(timings),
                })
    finally:
        os.chdir(here)
    return records
