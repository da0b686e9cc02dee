"""End to end with a real nbgrader: generate the course source, generate and validate assignments,
release, fetch, submit, collect, autograde a fabricated class, grade the written answers, give
feedback and export the grades; every student's score per exercise must be exactly the expected one.

The commands are the ones docs/instructor_guide.md ("With nbgrader") gives. Needs nbgrader
(requirements-grading.txt, part of requirements-test.txt); skipped without it unless
KLASTER_REQUIRE_NBGRADER=1 (set by .ci/run). Takes a few minutes: about 70 notebooks are run.
"""
from __future__ import annotations

import ast
import copy
import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from _notebooks import ROOT

if os.environ.get("KLASTER_REQUIRE_NBGRADER"):
    import nbgrader  # noqa: F401  (a missing nbgrader fails the suite here)
else:
    pytest.importorskip("nbgrader", reason="nbgrader is not installed (pip install -r requirements-grading.txt)")

from nbgrader.api import Gradebook  # noqa: E402

from klaster.checks import REGISTRY, evaluate  # noqa: E402
from klaster.nbgrader_export import checks_in  # noqa: E402

LESSONS = ["00_practice", "03_location_quotients", "04_shift_share"]
ID_LESSON = "03_location_quotients"
# The Indonesian edition names its notebooks in Indonesian (03_kuosien_lokasi.ipynb); until it exists, the
# test fabricates one under the English name.
_ID_NOTEBOOKS = sorted((ROOT / "solutions" / "id").glob("03_*.ipynb"))
ID_ASSIGNMENT = f"{_ID_NOTEBOOKS[0].stem if _ID_NOTEBOOKS else ID_LESSON}_id"
COURSE_ID = "klaster"
NBGRADER = [sys.executable, "-m", "nbgrader"]


# nbgrader runs the `alembic` command of its environment: as with an activated environment,
# the environment's scripts come first on PATH.
ENV = {**os.environ, "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])}


def run(command, cwd, env=None, check=True) -> str:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env={**ENV, **(env or {})},
                            timeout=1800)
    output = result.stdout + result.stderr
    if check and result.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, command))} failed ({result.returncode}):\n{output[-4000:]}")
    return output


# --- the fabricated Indonesian solution notebook ----------------------------------

def fabricated_indonesian(english: Path):
    """The English solution notebook of a lesson as an Indonesian edition would have it (texts not translated)."""
    nb = nbformat.read(english, as_version=4)
    first_code = next(c for c in nb.cells if c.cell_type == "code")
    first_code.source = 'import klaster\nklaster.set_language("id")\n' + first_code.source
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = cell.source.replace("## Exercise ", "## Latihan ").replace("# Exercises ", "# Latihan ")
    nb.metadata["klaster_test"] = "fabricated by tests/test_nbgrader_course.py until solutions/id/ exists"
    return nb


# --- fabricating submissions ------------------------------------------------------

def cells_by_grade_id(nb):
    return {c.metadata["nbgrader"]["grade_id"]: c for c in nb.cells if "nbgrader" in c.metadata}


def graded_items(source_nb):
    """[(grade_id, exercise id or None, kind)] in notebook order: checked exercises and written answers."""
    items = []
    for cell in source_nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and not meta.get("solution"):
            items.append((meta["grade_id"], ast.literal_eval(cell.source.rsplit("graded(", 1)[1].split(",")[0]),
                          "checked"))
        elif meta.get("grade") and meta.get("solution"):
            items.append((meta["grade_id"], None, "written"))
    return items


def answer_variable(source_cell, exercise_id):
    """The name a fabricated answer must assign so that the test cell sees the value we choose."""
    expression = dict(checks_in(source_cell.source))[exercise_id]
    tree = ast.parse(expression, mode="eval").body
    if isinstance(tree, ast.Name):
        return tree.id
    if isinstance(tree, ast.Call) and len(tree.args) == 1 and isinstance(tree.args[0], ast.Name):
        return tree.args[0].id        # labels_answer(x) / as_labels(x) return a text unchanged
    raise AssertionError(f"cannot fabricate an answer for {exercise_id}: {expression}")


def solved(source_text):
    return "\n".join(line for line in source_text.split("\n")
                     if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION"))


def with_line_after_solution(source_text, line):
    out = []
    for text in source_text.split("\n"):
        if text.strip() == "### END SOLUTION":
            out.append(text[: len(text) - len(text.lstrip())] + line)
        elif text.strip() != "### BEGIN SOLUTION":
            out.append(text)
    return "\n".join(out)


def with_line_before_solution(source_text, line):
    out = []
    for text in source_text.split("\n"):
        if text.strip() == "### BEGIN SOLUTION":
            out.append(text[: len(text) - len(text.lstrip())] + line)
        elif text.strip() != "### END SOLUTION":
            out.append(text)
    return "\n".join(out)


WRONG_TYPE = {"number": "'a lot'", "count": "'a lot'", "name": "42", "labels": "42"}
CHEATS = {
    "monkeypatch": "import klaster.checks, klaster.grading\n"
                   "klaster.checks.evaluate = lambda *a, **k: klaster.checks.CheckResult(True, 'correct')\n"
                   "klaster.checks.check = lambda *a, **k: print('correct')\n"
                   "klaster.grading.graded = lambda *a, **k: None\n"
                   "def graded(*args, **kwargs):\n    pass",
    # every later cell runs inside try/except, so no test cell ever shows an error
    "swallow_errors": "import ast\n"
                      "class _Swallow(ast.NodeTransformer):\n"
                      "    def visit_Module(self, node):\n"
                      "        handler = ast.ExceptHandler(type=ast.Name('BaseException', ast.Load()), name=None,\n"
                      "                                    body=[ast.Pass()])\n"
                      "        body = [ast.Try(body=node.body or [ast.Pass()], handlers=[handler], orelse=[],\n"
                      "                        finalbody=[])]\n"
                      "        return ast.fix_missing_locations(ast.Module(body=body, type_ignores=[]))\n"
                      "get_ipython().ast_transformers.append(_Swallow())",
    "fake_module": "import sys, types\n"
                   "from IPython.display import display\n"
                   "fake = types.ModuleType('klaster.grading')\n"
                   "fake.graded = lambda e, a: display({'application/vnd.klaster.answer+json': "
                   "{'version': 1, 'exercise': e, 'answer': {'type': 'str', 'value': 'correct'}}}, raw=True)\n"
                   "sys.modules['klaster.grading'] = fake",
}


def fabricate(source_nb, release_nb, plan: dict, cheat: str | None = None, delete_tests=False, edit_tests=False,
              scratch_cells=False):
    """A submission: the released notebook with each answer done as ``plan[grade_id]`` says.

    Modes: "correct", "blank", ("mistake", value), ("value", literal source), "raise"; written
    answers: "answered" or "blank". Returns the notebook.
    """
    nb = copy.deepcopy(release_nb)
    source_cells = cells_by_grade_id(source_nb)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        mode = plan.get(grade_id, "blank")
        source = source_cells[grade_id].source if grade_id in source_cells else None
        if grade_id.startswith("written_") and mode == "answered":
            cell.source = "My own answer: the figure is fragile and I would check it against other sources."
        elif grade_id.startswith("answer_") and mode != "blank":
            exercise_id = next((e for e, _x in checks_in(source)), None)
            if mode == "correct":
                cell.source = solved(source)
            elif mode == "raise":
                cell.source = with_line_before_solution(source, "raise RuntimeError('something went wrong here')")
            elif isinstance(mode, tuple):
                variable = answer_variable(source_cells[grade_id], exercise_id)
                literal = repr(mode[1]) if mode[0] == "mistake" else mode[1]
                cell.source = with_line_after_solution(source, f"{variable} = {literal}")
    if delete_tests:
        nb.cells = [c for c in nb.cells if not c.metadata.get("nbgrader", {}).get("grade_id", "").startswith("test_")]
    if edit_tests:
        for cell in nb.cells:
            if cell.metadata.get("nbgrader", {}).get("grade_id", "").startswith("test_"):
                cell.source = "print('all tests pass')"
    if cheat:
        position = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code") + 1
        nb.cells.insert(position, nbformat.v4.new_code_cell(CHEATS[cheat]))
    if scratch_cells:
        for position in range(len(nb.cells) - 1, 0, -3):
            nb.cells.insert(position, nbformat.v4.new_code_cell("scratch = 1 + 1\nscratch"))
        nb.cells.insert(1, nbformat.v4.new_markdown_cell("My notes."))
    return nb


def class_plans(source_nb, size="full"):
    """{student: (plan, options, expected)} for one notebook; expected maps grade_id -> auto score (None: manual).

    "full": 22 students (the class); "small": six of them (the other lessons); "id": five.
    """
    items = graded_items(source_nb)
    checked = [(g, e) for g, e, kind in items if kind == "checked"]
    written = [g for g, _e, kind in items if kind == "written"]
    points = {g: float(cells_by_grade_id(source_nb)[g].metadata["nbgrader"]["points"]) for g, _e, _k in items}

    def answer(g):
        return "answer_" + g[len("test_"):]

    def build(modes, written_mode="answered", **options):
        plan = {answer(g): modes.get(e, "correct") for g, e in checked}
        plan.update({g: written_mode for g in written})
        right = {e for _g, e in checked if modes.get(e, "correct") == "correct"}
        expected = {g: (points[g] if e in right else 0.0) for g, e in checked}
        expected.update({g: (None if written_mode == "answered" else 0.0) for g in written})
        return plan, options, expected

    ids = [e for _g, e in checked]

    def wrong(e, which=0):
        """A typical mistake the hints name; for an exercise without one, a plainly wrong value."""
        if REGISTRY[e].mistakes:
            return ("mistake", REGISTRY[e].mistakes[which].compute())
        return ("value", "-1.0" if REGISTRY[e].kind == "number" else "'none of them'")

    students = {
        "s01": build({}),
        "s02": build({e: "blank" for e in ids}, "blank"),
    }
    for k in range(7):                                    # s03..s09: exercise k wrong in its first typical way
        students[f"s{k + 3:02d}"] = build({ids[k]: wrong(ids[k])} if k < len(ids) else {})
    students["s10"] = build({e: wrong(e, -1) for e in ids})
    students["s11"] = build({e: ("value", WRONG_TYPE.get(REGISTRY[e].kind, "42")) for e in ids})
    students["s12"] = build({ids[len(ids) // 2]: "raise"})
    students["s13"] = build({e: ("value", f"100 * {REGISTRY[e].expected()!r}") for e in ids
                             if REGISTRY[e].kind == "number"})
    for name, cheat in (("s14", "monkeypatch"), ("s15", "swallow_errors"), ("s16", "fake_module")):
        students[name] = build({e: "blank" for e in ids}, "blank", cheat=cheat)
    students["s22"] = build({e: wrong(e) for e in ids}, cheat="swallow_errors")
    students["s17"] = build({}, delete_tests=True)
    students["s18"] = build({e: "blank" for e in ids}, "blank", delete_tests=True)
    students["s19"] = build({e: "blank" for e in ids[len(ids) // 2:]})
    students["s20"] = build({}, scratch_cells=True)
    students["s21"] = build({e: "blank" for e in ids}, "blank", edit_tests=True)
    keep = {"full": students, "small": ("s01", "s02", "s10", "s11", "s12", "s22"),
            "id": ("s01", "s02", "s03", "s11", "s14")}[size]
    return {s: v for s, v in students.items() if s in keep}


# --- the course ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def course(tmp_path_factory):
    base = tmp_path_factory.mktemp("nbgrader")
    course = base / "grading"
    exchange = base / "exchange"
    exchange.mkdir()
    # 1. generate the course source (the guide's command), plus the Indonesian edition
    out = run([sys.executable, "-m", "klaster.exercises", "nbgrader", str(course)], cwd=ROOT)
    assert "wrote nbgrader_config.py" in out
    if not _ID_NOTEBOOKS:
        fake_root = base / "repo"
        (fake_root / "solutions" / "id").mkdir(parents=True)
        nbformat.write(fabricated_indonesian(ROOT / "solutions" / f"{ID_LESSON}.ipynb"),
                       fake_root / "solutions" / "id" / f"{ID_LESSON}.ipynb")
        run([sys.executable, "-m", "klaster.exercises", "nbgrader", str(course), "--root", str(fake_root),
             "--languages", "id"], cwd=ROOT)
    config = course / "nbgrader_config.py"
    config.write_text(config.read_text().replace('# c.Exchange.root = "/srv/nbgrader/exchange"',
                                                 f'c.Exchange.root = "{exchange}"'))
    assignments = LESSONS + [ID_ASSIGNMENT]
    for assignment in assignments:
        run(NBGRADER + ["generate_assignment", assignment], cwd=course)
    return {"course": course, "exchange": exchange, "base": base, "assignments": assignments}


def _written(number: str, text: str) -> bool:
    """True when ``number`` stands in ``text`` as a number of its own (1.25, but not the 1.250 of an
    Indonesian "1.250 pekerja", nor 11.25 or 1.255)."""
    return re.search(rf"(?<![\d.,]){re.escape(number)}(?![\d])", text) is not None


def source_and_release(course, assignment):
    stem = assignment[: -len("_id")] if assignment.endswith("_id") else assignment
    source = nbformat.read(course / "source" / assignment / f"{stem}.ipynb", as_version=4)
    release = nbformat.read(course / "release" / assignment / f"{stem}.ipynb", as_version=4)
    return stem, source, release


def test_generated_assignments_validate_and_hide_the_answers(course):
    root = course["course"]
    for assignment in course["assignments"]:
        stem, source, release = source_and_release(root, assignment)
        out = run(NBGRADER + ["validate", f"source/{assignment}/{stem}.ipynb"], cwd=root)
        assert "Success! Your notebook passes all the tests." in out, out[-3000:]
        released = json.dumps(release)
        assert "BEGIN SOLUTION" not in released and "BEGIN ANSWER" not in released
        for _g, exercise_id, kind in graded_items(source):
            if kind == "checked":
                expected = REGISTRY[exercise_id].expected()
                if REGISTRY[exercise_id].kind == "number" and not float(expected).is_integer():
                    short = f"{float(expected):.6g}"     # the expected value to 5 or 6 digits is nowhere
                    assert not _written(repr(float(expected)), released)
                    assert len(short.replace(".", "").replace("-", "").lstrip("0")) < 5 or not _written(short, released)
        tests = [c for c in release.cells if c.metadata.get("nbgrader", {}).get("grade_id", "").startswith("test_")]
        assert tests and all(c.metadata["nbgrader"]["locked"] for c in tests)
        grading = cells_by_grade_id(release)["klaster_points"].source
        total = sum(float(c.metadata["nbgrader"]["points"]) for c in release.cells
                    if c.metadata.get("nbgrader", {}).get("grade"))
        worth = {"en": f"worth {total:g} points", "id": f"bernilai {total:g} poin"}
        assert worth[source.metadata.get("klaster", {}).get("language", "en")] in grading
    id_source = source_and_release(root, ID_ASSIGNMENT)[1]
    assert id_source.metadata["klaster"]["language"] == "id"
    assert 'klaster.set_language("id")' in "\n".join(c.source for c in id_source.cells)


def test_a_class_is_graded_exactly(course):
    root, exchange, base = course["course"], course["exchange"], course["base"]
    expected_all = {}
    # 2. release every assignment; two students go the whole way through the exchange
    for assignment in course["assignments"]:
        run(NBGRADER + ["release_assignment", assignment], cwd=root)
    for assignment in course["assignments"]:
        stem, source, release = source_and_release(root, assignment)
        size = "id" if assignment.endswith("_id") else "full" if assignment == "03_location_quotients" else "small"
        for student, (plan, options, expected) in class_plans(source, size).items():
            # sanity: the fabricated answers are what we say they are, by the course's own check
            for grade_id, mode in plan.items():
                if isinstance(mode, tuple) and mode[0] == "mistake":
                    exercise_id = dict((g, e) for g, e, _k in graded_items(source))["test_" + grade_id[7:]]
                    assert not evaluate(exercise_id, mode[1]).correct
            nb = fabricate(source, release, plan, **options)
            expected_all[(student, assignment)] = expected
            if student in ("s01", "s02") and assignment == "00_practice":
                home = base / "home" / student
                home.mkdir(parents=True, exist_ok=True)
                run(NBGRADER + ["fetch_assignment", assignment, "--course", COURSE_ID,
                                f"--Exchange.root={exchange}"], cwd=home)
                nbformat.write(nb, home / assignment / f"{stem}.ipynb")
                run(NBGRADER + ["submit", assignment, "--course", COURSE_ID, f"--Exchange.root={exchange}",
                                f"--CourseDirectory.student_id={student}"], cwd=home)
            else:
                target = root / "submitted" / student / assignment / f"{stem}.ipynb"
                target.parent.mkdir(parents=True, exist_ok=True)
                nbformat.write(nb, target)
                (target.parent / "timestamp.txt").write_text("2026-12-01 09:00:00.000000 UTC")  # as collect writes
    out = run(NBGRADER + ["collect", "00_practice"], cwd=root)
    assert (root / "submitted" / "s01" / "00_practice" / "00_practice.ipynb").exists(), out[-2000:]

    # 3. autograde
    for assignment in course["assignments"]:
        run(NBGRADER + ["autograde", assignment], cwd=root)

    # 4. every score per exercise, exactly
    wrong = []
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}", COURSE_ID) as gb:
        for (student, assignment), expected in expected_all.items():
            stem = assignment[: -len("_id")] if assignment.endswith("_id") else assignment
            notebook = gb.find_submission_notebook(stem, assignment, student)
            scores = {g.name: g.auto_score for g in notebook.grades}
            for grade_id, want in expected.items():
                if scores.get(grade_id) != want:
                    wrong.append(f"{student} {assignment} {grade_id}: got {scores.get(grade_id)}, expected {want}")
            assert set(scores) == set(expected)
    assert not wrong, "\n".join(wrong)
    assert len({s for s, a in expected_all if a == "03_location_quotients"}) >= 20

    # 5. the written answers are graded by hand (here through nbgrader's API, as the formgrader does)
    manual = {}
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}", COURSE_ID) as gb:
        for (student, assignment), expected in expected_all.items():
            stem = assignment[: -len("_id")] if assignment.endswith("_id") else assignment
            for grade_id, want in expected.items():
                if want is None:
                    grade = gb.find_grade(grade_id, stem, assignment, student)
                    assert grade.needs_manual_grade
                    grade.manual_score = grade.max_score / 2
                    manual[(student, assignment)] = manual.get((student, assignment), 0) + grade.max_score / 2
        gb.db.commit()

    # 6. feedback for the students (released through the exchange to those who submitted through it),
    #    and the grades as CSV
    run(NBGRADER + ["generate_feedback", "03_location_quotients"], cwd=root)
    feedback = (root / "feedback" / "s03" / "03_location_quotients" / "03_location_quotients.html").read_text()
    feedback = feedback.replace("&#39;", "'").replace("&quot;", '"')
    hint = REGISTRY["03.1"].mistakes[0].hint.split(":")[0]
    assert "\u274c" in feedback and hint in feedback and repr(REGISTRY["03.1"].expected()) not in feedback
    run(NBGRADER + ["generate_feedback", "00_practice"], cwd=root)
    run(NBGRADER + ["release_feedback", "00_practice", "--CourseDirectory.student_id=s01"], cwd=root)
    home = base / "home" / "s01"
    run(NBGRADER + ["fetch_feedback", "00_practice", "--course", COURSE_ID, f"--Exchange.root={exchange}",
                    "--CourseDirectory.student_id=s01"], cwd=home)
    assert list((home / "00_practice" / "feedback").glob("*/00_practice.html"))
    run(NBGRADER + ["export", "--to", "grades.csv"], cwd=root)
    with open(root / "grades.csv", newline="") as handle:
        rows = {(r["student_id"], r["assignment"]): r for r in csv.DictReader(handle)}
    for key, expected in expected_all.items():
        want = sum(v for v in expected.values() if v) + manual.get(key, 0)
        assert float(rows[key]["raw_score"]) == pytest.approx(want), key


def test_students_validate_button_names_the_mistake(course):
    root = course["course"]
    stem, source, release = source_and_release(root, "00_practice")
    plans = class_plans(source)
    plan, options, _expected = plans["s03"]
    path = course["base"] / "s03_00.ipynb"
    nbformat.write(fabricate(source, release, plan, **options), path)
    out = run(NBGRADER + ["validate", str(path)], cwd=root, check=False)
    assert "VALIDATION FAILED" in out
    assert REGISTRY["00.1"].mistakes[0].hint.split(":")[0] in out
    assert repr(REGISTRY["00.1"].expected()) not in out


def test_without_the_plugin_the_kernel_decides_and_can_be_fooled(course, tmp_path):
    """Why the plugin: with nbgrader's own grading (no configure(c) in nbgrader_config.py) honest work is
    still graded right, but a student who switches off error messages gets full marks for wrong answers."""
    plain = tmp_path / "plain"
    run([sys.executable, "-m", "klaster.exercises", "nbgrader", str(plain)], cwd=ROOT)
    config = plain / "nbgrader_config.py"
    config.write_text(config.read_text().replace("configure(c)", "# configure(c)"))
    run(NBGRADER + ["generate_assignment", "00_practice"], cwd=plain)
    stem, source, release = source_and_release(plain, "00_practice")
    plans = class_plans(source)
    for student in ("s03", "s22"):
        plan, options, _expected = plans[student]
        target = plain / "submitted" / student / "00_practice" / "00_practice.ipynb"
        target.parent.mkdir(parents=True)
        nbformat.write(fabricate(source, release, plan, **options), target)
    run(NBGRADER + ["autograde", "00_practice"], cwd=plain)
    with Gradebook(f"sqlite:///{plain / 'gradebook.db'}", COURSE_ID) as gb:
        honest = {g.name: g.auto_score for g in gb.find_submission_notebook(stem, "00_practice", "s03").grades}
        cheat = {g.name: g.auto_score for g in gb.find_submission_notebook(stem, "00_practice", "s22").grades}
    assert honest["test_00_1"] == 0 and honest["test_00_2"] == 1
    assert all(score == 1 for name, score in cheat.items() if name.startswith("test_"))   # fooled
