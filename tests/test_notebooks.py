"""Every notebook is stored clean and runs top to bottom in a fresh kernel,
offline, from its own folder. Solutions pass their own checks; exercise
notebooks fail only in the cells where the student must write code."""
from __future__ import annotations

import json
import re

import nbformat
import pytest

from _notebooks import (ALL_NOTEBOOKS, EXERCISES, LESSONS, ROOT, SOLUTIONS, WORKSHOP, errors_by_cell, language_of,
                        run_notebook, text_output)
from klaster.exercises import BEGIN, prompts

# What the first and last cells must say, per language.
OPENING = {
    "en": (("learn", "practise", "teaches"), "prerequisite", "time needed"),
    "id": (("mempelajari", "berlatih", "mengajarkan"), "prasyarat", "waktu yang diperlukan"),
}
CLOSING = {"en": ("## Summary", "## References"), "id": ("## Ringkasan", "## Daftar Pustaka")}
CORRECT = {"en": ": correct.", "id": ": benar."}
NOT_YET = {"en": ("not yet", "not answered"), "id": ("belum tepat", "belum dijawab")}

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
    goals, prerequisites, time_needed = OPENING[language_of(path)]
    assert any(word in lowered for word in goals)
    assert prerequisites in lowered
    assert time_needed in lowered


@pytest.mark.parametrize("path", LESSONS + SOLUTIONS, ids=ids(LESSONS + SOLUTIONS))
def test_notebook_ends_with_summary_and_references(path):
    nb = nbformat.read(path, as_version=4)
    tail = "\n".join(cell.source for cell in nb.cells[-2:] if cell.cell_type == "markdown")
    summary, references = CLOSING[language_of(path)]
    assert re.search(r"^" + re.escape(summary), tail, flags=re.M)
    assert re.search(r"^" + re.escape(references), tail, flags=re.M)


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
        outcomes += text.count(CORRECT[language_of(path)])
        assert not any(phrase in text for phrase in NOT_YET[language_of(path)]), text
    assert calls > 0 and outcomes == calls


@pytest.mark.parametrize("path", EXERCISES, ids=ids(EXERCISES))
def test_exercises_fail_only_where_the_student_writes_code(path):
    nb = run_notebook(path, allow_errors=True)
    code_prompt, _markdown_prompt = prompts(language_of(path))
    prompt_cells = {i for i, c in enumerate(nb.cells) if c.cell_type == "code" and code_prompt[1] in c.source}
    errors = errors_by_cell(nb)
    assert prompt_cells, "an exercise notebook must have something to do"
    assert set(errors) == prompt_cells
    assert {e["ename"] for e in errors.values()} == {"NotImplementedError"}
    assert all(BEGIN not in c.source for c in nb.cells), "solution markers leaked into the exercise"


ENGLISH_WORDS = {"the", "and", "of", "to", "is", "that", "for", "with", "as", "this", "are", "by", "from", "be", "it",
                 "an", "which", "you", "your", "not", "or", "can", "has", "have", "its", "their", "than", "when"}
INDONESIAN_WORDS = {"yang", "dan", "di", "ke", "dari", "untuk", "dengan", "pada", "ini", "itu", "adalah", "dalam",
                    "tidak", "atau", "akan", "oleh", "sebagai", "juga", "karena", "bahwa", "Anda", "setiap", "lebih"}


def mostly_english(text: str) -> bool:
    """A Markdown cell reads as English: five or more common English words, and more than Indonesian ones.
    Quotations (lines starting with >), code, maths, links' targets and reference lists are left out."""
    text = re.sub(r"```.*?```|`[^`]*`|\$\$.*?\$\$|\$[^$]*\$|\]\([^)]*\)", " ", text, flags=re.S)
    text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(">"))
    words = re.findall(r"[A-Za-z]+", text)
    english = sum(w.lower() in ENGLISH_WORDS for w in words)
    indonesian = sum(w in INDONESIAN_WORDS or w.lower() in INDONESIAN_WORDS for w in words)
    return english >= 5 and english > indonesian


def test_the_language_check_tells_english_from_indonesian():
    assert mostly_english("The location quotient compares the share of an industry in a region with its share "
                          "in the nation, and it is easy to compute.")
    assert not mostly_english("Kuosien lokasi membandingkan pangsa suatu industri di sebuah wilayah dengan "
                              "pangsanya di tingkat nasional, dan mudah dihitung.")
    assert not mostly_english("> The mysteries of the trade become no mysteries; but are as it were in the air.\n\n"
                              "Kutipan ini berasal dari Marshall.")


TRANSLATED_NOTEBOOKS = [p for p in LESSONS + SOLUTIONS + EXERCISES + WORKSHOP if language_of(p) != "en"]


@pytest.mark.parametrize("path", TRANSLATED_NOTEBOOKS, ids=ids(TRANSLATED_NOTEBOOKS))
def test_translated_notebook_is_not_mostly_english(path):
    nb = nbformat.read(path, as_version=4)
    cells = [c for c in nb.cells if c.cell_type == "markdown"]
    references = CLOSING[language_of(path)][1]
    english = [c.source[:80] for c in cells if references not in c.source and mostly_english(c.source)]
    assert not english, f"{len(english)} Markdown cells read as English, for example: {english[:3]}"
