"""Build the exercise notebooks from the solution notebooks.

solutions/ is the single source. In a solution notebook, code a student must
write sits between two lines (the course's own markers; they deliberately do
not contain nbgrader's "BEGIN SOLUTION", so nbgrader never trips over them)::

    ### BEGIN ANSWER
    share = ...
    ### END ANSWER

``python -m klaster.exercises build`` writes exercises/ from solutions/,
replacing every marked block with a prompt and ``raise NotImplementedError``
(in Markdown cells: with "Write your answer here."). Markdown between
``<!-- BEGIN ANSWER NOTE -->`` and ``<!-- END ANSWER NOTE -->`` is
dropped from the exercise. ``python -m klaster.exercises check`` exits with
status 1 when exercises/ is out of date. ``python -m klaster.exercises
nbgrader DEST`` writes an nbgrader course source from solutions/ (see
``klaster/nbgrader_export.py``).

Build never overwrites an exercise notebook a student has changed: each
built notebook records a fingerprint of its cells, and a notebook whose
cells no longer match it is left alone (use --force to overwrite anyway).
"""
from __future__ import annotations

import argparse
import copy
import hashlib
import json
import re
import sys
from pathlib import Path

import nbformat

from . import launch
from .i18n import N_, _, translated, use_language
from .paths import COURSE_ROOT

BEGIN = "### BEGIN ANSWER"
END = "### END ANSWER"
ONLY_BEGIN = "<!-- BEGIN ANSWER NOTE -->"
ONLY_END = "<!-- END ANSWER NOTE -->"
CODE_COMMENT = N_("YOUR CODE HERE: replace the next line with your code, then run the cell.")
RAISE_MESSAGE = N_("Exercise: write your code here.")
MARKDOWN_TEXT = N_("Write your answer here.")
CODE_PROMPT = ("# " + CODE_COMMENT, f'raise NotImplementedError("{RAISE_MESSAGE}")')
MARKDOWN_PROMPT = f"_{MARKDOWN_TEXT}_"


def prompts(language: str = "en") -> tuple[tuple[str, str], str]:
    """The code prompt (comment, raise line) and the Markdown prompt, in ``language``."""
    if language == "en":
        return CODE_PROMPT, MARKDOWN_PROMPT
    comment = "# " + translated(CODE_COMMENT, language)
    message = translated(RAISE_MESSAGE, language).replace('"', "'")
    return (comment, f'raise NotImplementedError("{message}")'), "_" + translated(MARKDOWN_TEXT, language) + "_"


class BuildError(Exception):
    """A solution notebook's markers are malformed."""


def strip_solutions(source: str, cell_type: str, where: str = "", language: str = "en") -> str:
    """Replace every marked solution block in one cell's source with a prompt (in ``language``)."""
    code_prompt, markdown_prompt = prompts(language)
    out: list[str] = []
    inside = False
    for line in source.splitlines():
        stripped = line.strip()
        if stripped == BEGIN:
            if inside:
                raise BuildError(_("{where}: '{begin}' inside another solution block.").format(where=where, begin=BEGIN))
            inside = True
            indent = line[: len(line) - len(line.lstrip())]
            if cell_type == "code":
                out.extend(indent + p for p in code_prompt)
            else:
                out.append(indent + markdown_prompt)
        elif stripped == END:
            if not inside:
                raise BuildError(_("{where}: '{end}' without a '{begin}' before it.").format(where=where, end=END,
                                                                                              begin=BEGIN))
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise BuildError(_("{where}: '{begin}' is never closed by '{end}'.").format(where=where, begin=BEGIN, end=END))
    if cell_type == "markdown":
        text = "\n".join(out)
        text = re.sub(re.escape(ONLY_BEGIN) + r".*?" + re.escape(ONLY_END) + r"\n?", "", text, flags=re.S)
        return re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    return "\n".join(out)


def has_solution(nb) -> bool:
    return any(BEGIN in cell.source or END in cell.source for cell in nb.cells)


def cells_fingerprint(nb) -> str:
    """Hash of every cell's type and source: changes when a student edits a cell."""
    digest = hashlib.sha256()
    for cell in nb.cells:
        digest.update(json.dumps([cell.cell_type, cell.source]).encode())
    return digest.hexdigest()


def exercise_from_solution(solution, name: str):
    """Return the exercise notebook (a new object) built from a solution notebook.

    ``name`` is the solution's path inside solutions/ ("03_location_quotients.ipynb", or
    "id/03_kuosien_lokasi.ipynb" for a translated edition, whose prompts are in its language).
    """
    nb = copy.deepcopy(solution)
    language = nb.metadata.get("klaster", {}).get("language", "en")
    for index, cell in enumerate(nb.cells):
        cell.source = strip_solutions(cell.source, cell.cell_type, where=f"{name}, cell {index + 1}",
                                      language=language)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("widgets", None)
    nb.metadata.pop("widgets", None)
    with use_language(language):  # the Colab/Binder cells in the exercise's own language
        launch.apply(nb, f"exercises/{name}", add=False)  # the Colab/Binder cells point at the exercise itself
    nb.metadata["klaster"] = {
        **({"language": language} if language != "en" else {}),
        "generated_from": f"solutions/{name}",
        "note": "Built by `python -m klaster.exercises build`; edit the solution notebook, not this one.",
        "cells_sha256": cells_fingerprint(nb),
    }
    return nb


def _serialise(nb) -> str:
    return nbformat.writes(nb) + "\n"


def planned_exercises(root: Path = COURSE_ROOT) -> dict[Path, str]:
    """Every exercise notebook that solutions/ implies, with its text."""
    plan = {}
    solutions = root / "solutions"
    for path in sorted(solutions.glob("*.ipynb")) + sorted(solutions.glob("*/*.ipynb")):
        solution = nbformat.read(path, as_version=4)
        if has_solution(solution):
            name = path.relative_to(solutions).as_posix()
            plan[root / "exercises" / name] = _serialise(exercise_from_solution(solution, name))
    return plan


def student_changed(path: Path) -> bool:
    """True when an existing exercise notebook was edited after it was built (or not built by us)."""
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception:
        return True
    recorded = nb.metadata.get("klaster", {}).get("cells_sha256")
    return recorded != cells_fingerprint(nb)


def build(root: Path = COURSE_ROOT, force: bool = False) -> int:
    """Write exercises/ from solutions/. Returns 0, or 1 if a student's file was kept."""
    kept = []
    (root / "exercises").mkdir(exist_ok=True)
    for path, text in planned_exercises(root).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        if path.exists() and student_changed(path) and not force:
            kept.append(path)
            continue
        path.write_text(text, encoding="utf-8", newline="\n")
        print(_("wrote {path}").format(path=path.relative_to(root)))
    for path in kept:
        print(_("kept {path}: it has been edited since it was built, so it was not overwritten. Move your work "
                "elsewhere or use --force to replace it.").format(path=path.relative_to(root)), file=sys.stderr)
    return 1 if kept else 0


def check(root: Path = COURSE_ROOT) -> int:
    """Return 0 when exercises/ matches solutions/, else print what is stale and return 1."""
    plan = planned_exercises(root)
    stale = [p for p, text in plan.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
    exercises = root / "exercises"
    orphans = [p for p in sorted(exercises.glob("*.ipynb")) + sorted(exercises.glob("*/*.ipynb")) if p not in plan]
    for path in stale:
        print(_("out of date: {path}").format(path=path.relative_to(root)), file=sys.stderr)
    for path in orphans:
        print(_("no solution notebook for: {path}").format(path=path.relative_to(root)), file=sys.stderr)
    if stale or orphans:
        print(_("Run `python -m klaster.exercises build` to bring exercises/ up to date."), file=sys.stderr)
        return 1
    print(_("exercises/ is up to date ({n} notebooks).").format(n=len(plan)))
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m klaster.exercises",
                                     description=_("Build the exercise notebooks from the solution notebooks."))
    parser.add_argument("command", choices=["build", "check", "nbgrader"])
    parser.add_argument("dest", nargs="?", type=Path,
                        help=_("nbgrader: the course folder to write (DEST/source/..., DEST/nbgrader_config.py)"))
    parser.add_argument("--force", action="store_true", help=_("overwrite exercise notebooks even if edited"))
    parser.add_argument("--languages", help=_("nbgrader: only these languages, e.g. 'id' or 'en,id' (default: all)"))
    parser.add_argument("--course-id", default="klaster", help=_("nbgrader: the course id for a new nbgrader_config.py"))
    parser.add_argument("--root", type=Path, default=COURSE_ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        if args.command == "nbgrader":
            if args.dest is None:
                parser.error("nbgrader needs the folder to write, e.g. `python -m klaster.exercises nbgrader grading`")
            from .nbgrader_export import export
            languages = args.languages.split(",") if args.languages else None
            written = export(args.dest, root=args.root, languages=languages, course_id=args.course_id)
            if not written:
                print("error: no solution notebook with exercises was found.", file=sys.stderr)
                return 2
            return 0
        if args.dest is not None:
            parser.error(f"{args.command} takes no folder")
        if args.command == "build":
            return build(args.root, force=args.force)
        return check(args.root)
    except BuildError as exc:
        print(_("error: {problem}").format(problem=exc), file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
