"""Write an nbgrader course source from the solution notebooks.

    python -m klaster.exercises nbgrader DEST

reads every solutions folder (``solutions/*.ipynb`` in English and
``solutions/<code>/*.ipynb`` for each other language, for example
``solutions/id/``) and writes, for each notebook with exercises,
``DEST/source/<assignment>/<notebook>.ipynb`` (the assignment is the
notebook's name, with ``_<code>`` added for a language other than English),
plus ``DEST/nbgrader_config.py`` (only if it does not exist yet) and
``DEST/klaster_points.json`` (the points, see below).

In each notebook:

- code between ``### BEGIN ANSWER`` and ``### END ANSWER`` becomes an nbgrader
  solution region (``### BEGIN SOLUTION`` ...) in a solution cell;
- each written answer (a marked block in a Markdown cell) becomes a cell of
  its own, graded by hand, with points; the text around it stays as it was;
- after every cell that calls ``check("NN.k", answer)`` comes a locked
  autograder test cell, ``graded("NN.k", answer)``, with points. Its verdict
  is computed by the grader from the exercise registry that ``check`` uses
  (see ``klaster/grading.py``); the test reveals nothing about the expected
  answer;
- Markdown between ``<!-- BEGIN ANSWER NOTE -->`` and ``<!-- END ANSWER NOTE -->``
  is dropped (it is for the solution notebooks only), and a read-only cell
  after the title gives the notebook's points, in total and per exercise.

Every instruction written into a notebook is in the notebook's language
(the folder's code; an Indonesian solution notebook also calls
``klaster.set_language("id")`` itself).

Points: each checked exercise is worth ``DEFAULT_POINTS["checked"]`` and
each written answer ``DEFAULT_POINTS["written"]``. ``DEST/klaster_points.json``
is the one place to change them: its "default" entry sets the two defaults,
its "points" entry maps exercise ids to points (written answers have ids
such as "03.4w", "01.7" or "10.w2"; each notebook's grading cell lists
them). Edit it and run the command again.
"""
from __future__ import annotations

import ast
import copy
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

from .exercises import BEGIN, END, ONLY_BEGIN, ONLY_END, BuildError, has_solution
from .i18n import N_, SOURCE_LANGUAGE, _, use_language
from .paths import COURSE_ROOT

NB_BEGIN = "### BEGIN SOLUTION"
NB_END = "### END SOLUTION"
DEFAULT_POINTS = {"checked": 1, "written": 2}
POINTS_FILE = "klaster_points.json"
CONFIG_FILE = "nbgrader_config.py"
COURSE_ID = "klaster"

CODE_PROMPT = N_("Your code goes here, in place of the line that raises NotImplementedError; then run the cell.")
WRITTEN_PROMPT = N_("Write your answer in this cell, in place of this line. Points: {points}; your lecturer "
                    "grades it.")
TEST_COMMENT = N_("Autograded test of exercise {id}. Points: {points}. Do not change this cell: when your work is "
                  "graded it runs again from the lecturer's copy.")
GRADING_BOTH = N_("**Grading.** This notebook is worth {total} points: {auto} for the checked exercises, which are "
                  "graded automatically after you submit, and {manual} for the written answers, which your lecturer "
                  "grades. Keep the variable names the exercises ask for: the tests read them.")
GRADING_AUTO = N_("**Grading.** This notebook is worth {total} points for the checked exercises, which are graded "
                  "automatically after you submit. Keep the variable names the exercises ask for: the tests read "
                  "them.")
GRADING_LIST = N_("Points per exercise: {items}.")
WRITTEN_LABEL = N_("{id} (written)")

CONFIG_TEMPLATE = '''\
# nbgrader configuration of the Klaster course.
# Written by `python -m klaster.exercises nbgrader`, which never overwrites it once it exists:
# edit it freely, but keep the last two lines (they make the grader, not the student's
# notebook, decide whether an answer is right).
c = get_config()  # noqa: F821

c.CourseDirectory.course_id = "{course_id}"

# The folder through which `nbgrader release_assignment`, `fetch_assignment`, `submit` and
# `collect` exchange files; every student must be able to read and write it.
# c.Exchange.root = "/srv/nbgrader/exchange"

from klaster.nbgrader_plugin import configure  # noqa: E402

configure(c)
'''

_HEADING_ID = re.compile(r"(?<![\d.])(\d{2})\.(\d{1,2})(?![\d])")


@dataclass
class GradedItem:
    """One graded exercise of a generated notebook."""
    id: str
    kind: str          # "checked" or "written"
    points: float
    grade_id: str


@dataclass
class ExportedNotebook:
    assignment: str
    notebook: str
    language: str
    path: Path
    items: list[GradedItem]

    @property
    def total(self) -> float:
        return sum(item.points for item in self.items)


# --- finding the solution notebooks -------------------------------------------

def _declared_language(nb) -> str | None:
    """The code passed to ``set_language("..")`` in the notebook's code, if any."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            match = re.search(r"set_language\(\s*[\"']([A-Za-z_-]+)[\"']", cell.source)
            if match:
                return match.group(1).lower()
    return None


def solution_notebooks(root: Path = COURSE_ROOT, languages=None) -> list[tuple[Path, str]]:
    """Every solution notebook with its language: solutions/*.ipynb ("en") and solutions/<code>/*.ipynb."""
    folder = root / "solutions"
    if not folder.is_dir():
        return []
    found = [(path, SOURCE_LANGUAGE) for path in sorted(folder.glob("*.ipynb"))]
    for sub in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        found += [(path, sub.name.lower()) for path in sorted(sub.glob("*.ipynb"))]
    if languages:
        wanted = {code.strip().lower() for code in languages}
        found = [(path, code) for path, code in found if code in wanted]
    return found


def assignment_name(stem: str, language: str) -> str:
    return stem if language == SOURCE_LANGUAGE else f"{stem}_{language}"


# --- points ---------------------------------------------------------------------

def load_points(dest: Path) -> tuple[dict, dict]:
    """The defaults and the per-exercise points from DEST/klaster_points.json (written with defaults if missing)."""
    path = dest / POINTS_FILE
    if not path.exists():
        dest.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({
            "_about": "Points of the generated nbgrader assignments. 'default' applies to every checked exercise "
                      "and every written answer; 'points' overrides single exercises by id, e.g. "
                      "{\"03.7\": 3, \"03.4w\": 4}. Run `python -m klaster.exercises nbgrader` again after editing.",
            "default": DEFAULT_POINTS, "points": {}}, indent=2) + "\n", encoding="utf-8")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        defaults = {**DEFAULT_POINTS, **data.get("default", {})}
        overrides = dict(data.get("points", {}))
    except (ValueError, AttributeError, TypeError) as exc:
        raise BuildError(f"{path}: not a points file ({exc}).") from None
    for key, value in list(defaults.items()) + list(overrides.items()):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise BuildError(f"{path}: the points for {key!r} must be a number of at least 0, not {value!r}.")
    unknown = set(defaults) - set(DEFAULT_POINTS)
    if unknown:
        raise BuildError(f"{path}: 'default' knows only 'checked' and 'written', not {sorted(unknown)}.")
    return defaults, overrides


def _points_text(points: float) -> str:
    return f"{points:g}"


# --- one notebook ---------------------------------------------------------------

def _drop_notes(text: str) -> str:
    text = re.sub(re.escape(ONLY_BEGIN) + r".*?" + re.escape(ONLY_END) + r"\n?", "", text, flags=re.S)
    return re.sub(r"\n{3,}", "\n\n", text)


def _split_answers(text: str, where: str) -> list[tuple[str, str]]:
    """A Markdown text as [("text", ...), ("answer", ...), ...] around its marked blocks."""
    parts, current, inside = [], [], False
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped == BEGIN:
            if inside:
                raise BuildError(f"{where}: '{BEGIN}' inside another answer block.")
            parts.append(("text", "\n".join(current)))
            current, inside = [], True
        elif stripped == END:
            if not inside:
                raise BuildError(f"{where}: '{END}' without a '{BEGIN}' before it.")
            parts.append(("answer", "\n".join(current)))
            current, inside = [], False
        else:
            current.append(line)
    if inside:
        raise BuildError(f"{where}: '{BEGIN}' is never closed by '{END}'.")
    parts.append(("text", "\n".join(current)))
    return [(kind, body.strip("\n")) for kind, body in parts if kind == "answer" or body.strip()]


def checks_in(source: str) -> list[tuple[str, str]]:
    """Every ``check("NN.k", expression)`` call in a code cell: [(exercise id, expression source)]."""
    code = "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.split("\n"))
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return [(m.group(1), m.group(2).strip()) for m in
                re.finditer(r"\bcheck\(\s*[\"'](\d{2}\.\d+)[\"']\s*,\s*(.+?)\)\s*$", code, flags=re.M)]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "check" \
                and len(node.args) >= 2 and isinstance(node.args[0], ast.Constant) \
                and isinstance(node.args[0].value, str):
            found.append((node.args[0].lineno, node.args[0].col_offset, node.args[0].value,
                          ast.get_source_segment(code, node.args[1])))
    return [(exercise_id, expression) for *_, exercise_id, expression in sorted(found)]


def _code_with_regions(source: str, where: str) -> str:
    out, inside = [], False
    for line in source.split("\n"):
        stripped = line.strip()
        indent = line[: len(line) - len(line.lstrip())]
        if stripped == BEGIN:
            if inside:
                raise BuildError(f"{where}: '{BEGIN}' inside another answer block.")
            inside = True
            out += [indent + "# " + _(CODE_PROMPT), indent + NB_BEGIN]
        elif stripped == END:
            if not inside:
                raise BuildError(f"{where}: '{END}' without a '{BEGIN}' before it.")
            inside = False
            out.append(indent + NB_END)
        else:
            out.append(line)
    if inside:
        raise BuildError(f"{where}: '{BEGIN}' is never closed by '{END}'.")
    return "\n".join(out)


def _nbgrader(grade_id: str, *, grade=False, solution=False, locked=False, points=None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3, "solution": solution,
            "task": False}
    if points is not None:
        meta["points"] = points
    return meta


def _slug(exercise_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", exercise_id).strip("_")


def convert(solution, name: str, language: str, defaults: dict, overrides: dict):
    """The nbgrader source notebook (a new object) for one solution notebook, and its graded items."""
    stem = Path(name).stem
    lesson = stem[:2] if stem[:2].isdigit() else stem
    from .checks import REGISTRY

    with use_language(language):
        cells: list = []
        items: list[GradedItem] = []
        written: list[tuple[int, str | None]] = []   # (index in cells, id of the heading above it)
        heading_id = None
        code_answers = 0

        def points_for(exercise_id: str, kind: str) -> float:
            return overrides.get(exercise_id, defaults[kind])

        for index, cell in enumerate(solution.cells):
            where = f"{name}, cell {index + 1}"
            if cell.cell_type == "markdown":
                for kind, body in _split_answers(_drop_notes(cell.source), where):
                    if kind == "text":
                        for line in body.split("\n"):
                            if line.lstrip().startswith("#"):
                                ids = [f"{a}.{b}" for a, b in _HEADING_ID.findall(line) if a == lesson]
                                heading_id = ids[0] if ids else None
                        cells.append(nbformat.v4.new_markdown_cell(body))
                    else:
                        written.append((len(cells), heading_id))
                        cells.append(nbformat.v4.new_markdown_cell(body))
                continue
            if cell.cell_type != "code":
                cells.append(copy.deepcopy(cell))
                continue
            found = checks_in(cell.source)
            has_answer = any(line.strip() == BEGIN for line in cell.source.split("\n"))
            new = nbformat.v4.new_code_cell(_code_with_regions(cell.source, where) if has_answer else cell.source)
            if has_answer:
                if found:
                    grade_id = f"answer_{_slug(found[0][0])}"
                else:
                    code_answers += 1
                    grade_id = f"answer_{_slug(lesson)}_code{code_answers}"
                new.metadata["nbgrader"] = _nbgrader(grade_id, solution=True)
            cells.append(new)
            for exercise_id, expression in found:
                if exercise_id not in REGISTRY:
                    raise BuildError(f"{where}: check({exercise_id!r}, ...) names no registered exercise.")
                points = points_for(exercise_id, "checked")
                test = nbformat.v4.new_code_cell("\n".join([
                    "# " + _(TEST_COMMENT).format(id=exercise_id, points=_points_text(points)),
                    "from klaster.grading import graded",
                    f"graded({json.dumps(exercise_id)}, {expression})",
                ]))
                grade_id = f"test_{_slug(exercise_id)}"
                if any(item.grade_id == grade_id for item in items):
                    raise BuildError(f"{where}: exercise {exercise_id} is checked twice in this notebook.")
                test.metadata["nbgrader"] = _nbgrader(grade_id, grade=True, locked=True, points=points)
                cells.append(test)
                items.append(GradedItem(exercise_id, "checked", points, grade_id))

        # name the written answers: the exercise of the heading above them, "w" when that id is checked
        # or has several written parts, "NN.wK" under a heading without an id
        per_base: dict[str | None, list[int]] = {}
        for position, base in written:
            per_base.setdefault(base, []).append(position)
        names = {}
        for base, positions in per_base.items():
            for k, position in enumerate(positions, start=1):
                if base is None:
                    names[position] = f"{lesson}.w{k}"
                elif len(positions) == 1:
                    names[position] = base + ("w" if base in REGISTRY else "")
                else:
                    names[position] = f"{base}w{k}"
        for position, _base in written:
            exercise_id = names[position]
            points = points_for(exercise_id, "written")
            answer = cells[position]
            answer.source = "\n".join(["_" + _(WRITTEN_PROMPT).format(points=_points_text(points)) + "_", "",
                                       NB_BEGIN, answer.source, NB_END])
            grade_id = f"written_{_slug(exercise_id)}"
            answer.metadata["nbgrader"] = _nbgrader(grade_id, grade=True, solution=True, points=points)
            items.append(GradedItem(exercise_id, "written", points, grade_id))
        by_grade_id = {item.grade_id: item for item in items}
        items = [by_grade_id[c.metadata["nbgrader"]["grade_id"]] for c in cells
                 if c.metadata.get("nbgrader", {}).get("grade_id") in by_grade_id]

        auto = sum(i.points for i in items if i.kind == "checked")
        manual = sum(i.points for i in items if i.kind == "written")
        total = auto + manual
        if manual:
            summary = _(GRADING_BOTH).format(total=_points_text(total), auto=_points_text(auto),
                                             manual=_points_text(manual))
        else:
            summary = _(GRADING_AUTO).format(total=_points_text(total))
        listing = "; ".join(f"{_(WRITTEN_LABEL).format(id=i.id) if i.kind == 'written' else i.id}: "
                            f"{_points_text(i.points)}" for i in items)
        grading = nbformat.v4.new_markdown_cell(summary + "\n\n" + _(GRADING_LIST).format(items=listing))
        grading.metadata["nbgrader"] = _nbgrader("klaster_points", locked=True)
        cells.insert(1 if cells and cells[0].cell_type == "markdown" else 0, grading)

    for position, cell in enumerate(cells):
        cell.id = f"k{position:03d}"
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        cell.metadata.pop("widgets", None)
    nb = nbformat.v4.new_notebook(cells=cells, metadata=copy.deepcopy(solution.metadata))
    nb.nbformat_minor = max(nb.nbformat_minor, 5)
    nb.metadata.pop("widgets", None)
    nb.metadata["klaster"] = {
        "generated_from": name, "language": language,
        "note": "Built by `python -m klaster.exercises nbgrader`; edit the solution notebook, not this one.",
        "points": {"total": total, "autograded": auto, "manual": manual},
    }
    return nb, items


# --- the whole course -------------------------------------------------------------

def export(dest: Path, root: Path = COURSE_ROOT, languages=None, course_id: str = COURSE_ID,
           quiet: bool = False) -> list[ExportedNotebook]:
    """Write DEST/source/... from every solutions folder under ``root``; return what was written."""
    dest = Path(dest)
    defaults, overrides = load_points(dest)
    exported, seen_ids = [], set()
    for path, folder_language in solution_notebooks(root, languages):
        solution = nbformat.read(path, as_version=4)
        if not has_solution(solution):
            continue
        declared = _declared_language(solution)
        where = path.relative_to(root)
        if declared is not None and declared != folder_language:
            raise BuildError(f"{where} calls set_language({declared!r}) but sits in the folder for "
                             f"{folder_language!r}.")
        if folder_language != SOURCE_LANGUAGE and declared is None and not quiet:
            print(f"note: {where} does not call klaster.set_language({folder_language!r}); the course's "
                  "feedback in it will be in English.", file=sys.stderr)
        nb, items = convert(solution, str(where.relative_to("solutions")), folder_language, defaults, overrides)
        assignment = assignment_name(path.stem, folder_language)
        target = dest / "source" / assignment / path.name
        seen_ids.update(item.id for item in items)
        exported.append((ExportedNotebook(assignment, path.stem, folder_language, target, items), nb))
    unknown = sorted(set(overrides) - seen_ids)
    if unknown:
        raise BuildError(f"{dest / POINTS_FILE}: no exercise has the id(s) {', '.join(unknown)}; the ids are "
                         "listed in each notebook's grading cell.")
    for notebook, nb in exported:                  # written only once everything is known to be right
        notebook.path.parent.mkdir(parents=True, exist_ok=True)
        notebook.path.write_text(nbformat.writes(nb) + "\n", encoding="utf-8", newline="\n")
        if not quiet:
            print(f"wrote {notebook.path.relative_to(dest)} ({notebook.total:g} points)")
    config = dest / CONFIG_FILE
    if not config.exists():
        config.write_text(CONFIG_TEMPLATE.format(course_id=course_id), encoding="utf-8")
        if not quiet:
            print(f"wrote {CONFIG_FILE}")
    elif "klaster.nbgrader_plugin" not in config.read_text(encoding="utf-8") and not quiet:
        print(f"warning: {config} does not call klaster.nbgrader_plugin.configure(c); without it the verdicts "
              "are computed in the students' kernels, where a student can fake them.", file=sys.stderr)
    return [notebook for notebook, _nb in exported]
