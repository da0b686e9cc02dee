"""Every notebook is stored clean and runs top to bottom in a fresh kernel,
offline, from its own folder. Solutions pass their own checks; exercise
notebooks fail only in the cells where the student must write code."""
from __future__ import annotations

import json
import re

import nbformat
import pytest

from _notebooks import (ALL_NOTEBOOKS, EXERCISES, LESSONS, ROOT, SOLUTIONS, WORKSHOP, errors_by_cell, run_notebook,
                        text_output)
from klaster.exercises import BEGIN, CODE_PROMPT

ids = lambda paths: [str(p.relative_to(ROOT)) for p in paths]  # noqa: E731


def test_there_is_something_to_test():
    assert (ROOT / "notebooks" / "00_start_here.ipynb") in LESSONS
    assert SOLUTIONS and EXERCISES


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=ids(ALL_NOTEBOOKS))
def test_notebook_is_stored_clean(path):
    raw = json.loads(path.read_text(encoding="utf-8"))
    nb = nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert "widgets" not in nb.metadata, "widget state must not be stored"
    for cell in raw["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [], f"stored output in: {''.join(cell['source'])[:60]!r}"
            assert cell["execution_count"] is None
        assert "widgets" not in cell.get("metadata", {})


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=ids(ALL_NOTEBOOKS))
def test_notebook_opens_with_title_goals_prerequisites_and_time(path):
    nb = nbformat.read(path, as_version=4)
    first = nb.cells[0]
    assert first.cell_type == "markdown"
    headings = re.findall(r"^# .+", first.source, flags=re.M)
    assert len(headings) == 1 and first.source.lstrip().startswith("# "), "one H1 title, first"
    lowered = first.source.lower()
    assert "learn" in lowered or "practise" in lowered or "teaches" in lowered
    assert "prerequisite" in lowered
    assert "time needed" in lowered


@pytest.mark.parametrize("path", LESSONS + SOLUTIONS, ids=ids(LESSONS + SOLUTIONS))
def test_notebook_ends_with_summary_and_references(path):
    nb = nbformat.read(path, as_version=4)
    tail = "\n".join(cell.source for cell in nb.cells[-2:] if cell.cell_type == "markdown")
    assert re.search(r"^## Summary", tail, flags=re.M)
    assert re.search(r"^## References", tail, flags=re.M)


@pytest.mark.parametrize("path", LESSONS + SOLUTIONS + WORKSHOP, ids=ids(LESSONS + SOLUTIONS + WORKSHOP))
def test_notebook_runs_top_to_bottom(path):
    nb = run_notebook(path)
    assert not errors_by_cell(nb)


@pytest.mark.parametrize("path", SOLUTIONS, ids=ids(SOLUTIONS))
def test_solutions_pass_their_own_checks(path):
    nb = run_notebook(path)
    calls = outcomes = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        calls += len(re.findall(r"^check\(", cell.source, flags=re.M))
        text = text_output(cell)
        outcomes += text.count(": correct.")
        assert "not yet" not in text and "not answered" not in text, text
    assert calls > 0 and outcomes == calls


@pytest.mark.parametrize("path", EXERCISES, ids=ids(EXERCISES))
def test_exercises_fail_only_where_the_student_writes_code(path):
    nb = run_notebook(path, allow_errors=True)
    prompt_cells = {i for i, c in enumerate(nb.cells) if c.cell_type == "code" and CODE_PROMPT[1] in c.source}
    errors = errors_by_cell(nb)
    assert prompt_cells, "an exercise notebook must have something to do"
    assert set(errors) == prompt_cells
    assert {e["ename"] for e in errors.values()} == {"NotImplementedError"}
    assert all(BEGIN not in c.source for c in nb.cells), "solution markers leaked into the exercise"
