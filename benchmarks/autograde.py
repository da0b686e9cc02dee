"""Autograding with nbgrader: seconds per submitted notebook, what the time goes into, and a class
of 100 students x 11 notebooks extrapolated from a measured sample.

For every lesson: the course source is generated (``python -m klaster.exercises nbgrader``),
``nbgrader generate_assignment`` is run, a sample of students submits the worked solution, and
``nbgrader autograde`` grades them (every score is checked to be full marks, so the time is that
of a real grading). Per notebook = (autograde time - the time of an nbgrader command that does
nothing) / students. One submission is also run alone with nbclient, as nbgrader runs it, to split
its time into kernel start, imports (pandas, matplotlib, klaster), the first code cell (the
notebook's data loading) and the other cells; "nbgrader's own work" is what remains.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
CLASS_SIZE = 100

PROBE = """
import time as _t
_t0 = _t.perf_counter()
import numpy, pandas
_t1 = _t.perf_counter()
import matplotlib.pyplot
_t2 = _t.perf_counter()
import klaster, klaster.checks, klaster.grading
_t3 = _t.perf_counter()
print(_t1 - _t0, _t2 - _t1, _t3 - _t2)
""".strip()


def _env() -> dict:
    return {**os.environ, "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])}


def _nbgrader(args, cwd, check=True) -> float:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=cwd, env=_env(), capture_output=True,
                            text=True)
    if check and result.returncode != 0:
        raise RuntimeError(f"nbgrader {' '.join(args)} failed:\n{(result.stdout + result.stderr)[-3000:]}")
    return time.perf_counter() - started


def correct_submission(source_nb):
    """The worked solution as a student would hand it in (nbgrader's solution delimiters removed)."""
    nb = nbformat.from_dict(source_nb)
    for cell in nb.cells:
        cell.source = "\n".join(line for line in cell.source.split("\n")
                                if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION"))
    return nb


def breakdown(path: Path, autograding: bool = True) -> dict:
    """Run one submission as nbgrader's autograde does (fresh kernel, NBGRADER_EXECUTION set); time its parts."""
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(PROBE))
    previous = os.environ.get("NBGRADER_EXECUTION")
    os.environ["NBGRADER_EXECUTION"] = "autograde" if autograding else "validate"
    try:
        client = NotebookClient(nb, timeout=600, kernel_name="python3", allow_errors=True,
                                resources={"metadata": {"path": str(path.parent)}})
        started = time.perf_counter()
        with client.setup_kernel():
            ready = time.perf_counter()
            times = []
            for index, cell in enumerate(nb.cells):
                before = time.perf_counter()
                client.execute_cell(cell, index)
                times.append((cell.cell_type, time.perf_counter() - before))
    finally:
        if previous is None:
            os.environ.pop("NBGRADER_EXECUTION", None)
        else:
            os.environ["NBGRADER_EXECUTION"] = previous
    base, plotting, course = (float(x) for x in nb.cells[0].outputs[0]["text"].split())
    code = [t for kind, t in times[1:] if kind == "code"]
    return {"kernel_start_s": ready - started, "imports_s": base + plotting + course,
            "import_numpy_pandas_s": base, "import_matplotlib_s": plotting, "import_klaster_checks_s": course,
            "probe_cell_s": times[0][1],
            "first_cell_s": code[0] if code else 0.0, "other_cells_s": sum(code[1:])}


def autograde_times(students: int = 3, lessons=None) -> dict:
    """Measure autograding for every lesson with ``students`` submissions each; extrapolate to 100 x 11."""
    from nbgrader.api import Gradebook

    sys.path.insert(0, str(ROOT))
    from klaster.nbgrader_export import export

    work = Path(tempfile.mkdtemp(prefix="klaster-autograde-"))
    course = work / "grading"
    exported = [e for e in export(course, root=ROOT, languages=["en"], quiet=True)
                if lessons is None or e.assignment in lessons]
    rows = []
    for e in exported:
        generate = _nbgrader(["generate_assignment", e.assignment], course)
        # the same command with nothing to grade (nbgrader then exits with an error, which is expected)
        idle = _nbgrader(["autograde", e.assignment, "--student=nobody"], course, check=False)
        source = nbformat.read(e.path, as_version=4)
        for s in range(students):
            target = course / "submitted" / f"bench{s:03d}" / e.assignment / f"{e.notebook}.ipynb"
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(correct_submission(source), target)
        total = _nbgrader(["autograde", e.assignment], course)
        with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
            full = all(g.auto_score == g.max_score
                       for s in range(students)
                       for g in gb.find_submission_notebook(e.notebook, e.assignment, f"bench{s:03d}").grades
                       if g.auto_score is not None)
        parts = breakdown(course / "submitted" / "bench000" / e.assignment / f"{e.notebook}.ipynb")
        checking = breakdown(course / "submitted" / "bench000" / e.assignment / f"{e.notebook}.ipynb",
                             autograding=False)
        per_notebook = (total - idle) / students
        kernel_side = parts["kernel_start_s"] + parts["probe_cell_s"] + parts["first_cell_s"] + parts["other_cells_s"]
        rows.append({"assignment": e.assignment, "students": students, "generate_assignment_s": generate,
                     "idle_command_s": idle,
                     "autograde_s": total, "per_notebook_s": per_notebook, **parts,
                     "nbgrader_own_s": max(per_notebook - kernel_side, 0.0),
                     "other_cells_if_tests_checked_in_kernel_s": checking["other_cells_s"],
                     "all_full_marks": full})
    class_total = sum(r["idle_command_s"] + CLASS_SIZE * r["per_notebook_s"] for r in rows)
    return {"lessons": rows, "class_size": CLASS_SIZE, "class_notebooks": CLASS_SIZE * len(rows),
            "class_total_s": class_total, "measured_notebooks": students * len(rows), "folder": str(work)}


def report_lines(result: dict) -> list[str]:
    rows = result["lessons"]
    lines = ["## 5. Autograding with nbgrader", "",
             (f"Measured {result['measured']}. " if result.get("measured") else "") +
             f"Each lesson's assignment autograded with `nbgrader autograde` for {rows[0]['students']} submitted "
             "worked solutions; per notebook = (autograde time − the time of the same command with no submission "
             "to grade) / students. The parts come from running one submission alone as nbgrader does (fresh "
             "kernel, `NBGRADER_EXECUTION=autograde`); imports are split into numpy+pandas / matplotlib / "
             "klaster.checks (with everything it imports beyond those).", "",
             "| assignment | per notebook (s) | kernel start (s) | imports (s): np+pd / mpl / klaster | first cell: data (s) "
             "| other cells (s) | nbgrader's own (s) | other cells if tests re-checked in the kernel (s) | full marks |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['assignment']} | {r['per_notebook_s']:.2f} | {r['kernel_start_s']:.2f} | {r['imports_s']:.2f}: "
                     f"{r['import_numpy_pandas_s']:.2f} / {r['import_matplotlib_s']:.2f} / "
                     f"{r['import_klaster_checks_s']:.2f} | "
                     f"{r['first_cell_s']:.2f} | {r['other_cells_s']:.2f} | {r['nbgrader_own_s']:.2f} | "
                     f"{r['other_cells_if_tests_checked_in_kernel_s']:.2f} | {'yes' if r['all_full_marks'] else '**no**'} |")
    mean = statistics.mean(r["per_notebook_s"] for r in rows)
    share = {key: statistics.mean(r[key] for r in rows) / mean for key in
             ("kernel_start_s", "imports_s", "first_cell_s", "other_cells_s", "nbgrader_own_s")}
    lines += ["", f"Mean per notebook: {mean:.2f} s; of it kernel start {share['kernel_start_s']:.0%}, imports "
                  f"{share['imports_s']:.0%}, data loading (first cell) {share['first_cell_s']:.0%}, the other cells "
                  f"{share['other_cells_s']:.0%}, nbgrader's own work {share['nbgrader_own_s']:.0%}.",
              f"A class of {result['class_size']} × {len(rows)} notebooks ({result['class_notebooks']} notebooks), "
              f"extrapolated from {result['measured_notebooks']} measured ones: about "
              f"{result['class_total_s'] / 60:.0f} minutes with one `nbgrader autograde` per lesson, one after "
              "another. The figures are from a shared machine and vary by tens of percent between runs.", ""]
    return lines
