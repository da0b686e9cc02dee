"""Widget response in the kernel.

- ``time_controls``: for every value control of every lesson widget, the time
  from setting a new value to the end of the recomputation and redraw it
  triggers, repeated (warm). ipywidgets observers run synchronously in the
  kernel, so timing the assignment in Python measures exactly that work.
- ``first_changes``: every notebook runs top to bottom in a fresh kernel, and
  then every control of every lesson widget it made is changed once, as a
  message from the browser arrives (the cold case: the first visit to a new
  state, which a student meets every time they try something new).
"""
from __future__ import annotations

import importlib
import inspect
import json
import os
import pkgutil
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

import klaster.widgets
from klaster.widgets.base import LessonWidget

from .kernel_probe import NUMERIC, SELECTION, new_values, value_controls  # noqa: F401  (shared with the kernel probe)


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


ROOT = Path(__file__).resolve().parent.parent
PROBE_CELL = """\
import json as _json, os as _os, sys as _sys, tempfile as _tempfile
_os.chdir(_tempfile.mkdtemp(prefix="klaster-cold-"))  # widgets that autosave write there, not into the course
_sys.path.insert(0, {root!r})
from benchmarks.kernel_probe import first_changes as _first_changes
print("KLASTER-FIRST-CHANGES " + _json.dumps(_first_changes(globals(), repeats={repeats})))
"""


def _first_changes_in(path: Path, language: str, repeats: int) -> list[dict]:
    import nbformat
    from nbclient import NotebookClient
    nb = nbformat.read(path, as_version=4)
    # run from a copy of the notebook's folder: widgets that save the student's work write there
    top = Path(tempfile.mkdtemp(prefix="klaster-cold-"))
    (top / "data").symlink_to(ROOT / "data")  # lessons read ../data/...
    copy = top / path.parent.name
    copy.mkdir()
    (copy / path.name).write_text(nbformat.writes(nb), encoding="utf-8")
    nb.cells.append(nbformat.v4.new_code_cell(PROBE_CELL.format(root=str(ROOT), repeats=repeats)))
    saved = os.environ.get("KLASTER_LANG")
    os.environ["KLASTER_LANG"] = language  # the kernel inherits it
    try:
        client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(copy)}})
        client.execute()
    finally:
        if saved is None:
            os.environ.pop("KLASTER_LANG", None)
        else:
            os.environ["KLASTER_LANG"] = saved
    for output in nb.cells[-1].outputs:
        text = output.get("text", "")
        for line in text.splitlines():
            if line.startswith("KLASTER-FIRST-CHANGES "):
                return json.loads(line.split(" ", 1)[1])
    raise RuntimeError(f"{path.name}: the probe cell printed no result ({nb.cells[-1].outputs!r:.500})")


def first_changes(languages=("en", "id"), repeats: int = 0, paths: list[Path] | None = None) -> dict:
    """The first change of every control of every notebook (lessons and solutions), per language.

    A language other than English runs its own edition (notebooks/<language>/, solutions/<language>/)
    when the course has one: the English notebooks name the data's English labels, which the
    library gives in the kernel's language.
    """
    out = {}
    for language in languages:
        edition = [ROOT / "notebooks" / language, ROOT / "solutions" / language] if language != "en" else []
        if paths:
            chosen = paths
        elif edition and all(folder.is_dir() for folder in edition):
            chosen = sorted(edition[0].glob("*.ipynb")) + sorted(edition[1].glob("*.ipynb"))
        else:
            chosen = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "solutions").glob("*.ipynb"))
        rows = []
        for path in chosen:
            for record in _first_changes_in(path, language, repeats):
                rows.append({"notebook": str(path.relative_to(ROOT)), **record})
        out[language] = rows
    return out
