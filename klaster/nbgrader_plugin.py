"""nbgrader's side of the course's autograder tests (needs nbgrader; only the grader imports this).

The generated ``nbgrader_config.py`` calls ``configure(c)``, which

- puts ``KlasterVerdicts`` into nbgrader's autograde pipeline, right after the
  notebook has been executed and before the scores are saved;
- sets nbgrader's stubs for cleared answers to a bare
  ``raise NotImplementedError()`` and an empty text (the course's own, translated
  instructions stand beside each answer in the notebook instead of nbgrader's
  English "YOUR CODE HERE");
- puts back a test cell that a student deleted, so that it is graded (as 0
  unless the answer is right) instead of silently missing;
- tells the kernels (through the environment variable KLASTER_VERDICTS_BY_GRADER,
  which they inherit) that the grader decides, so they only record the answers;
- gives each cell up to 120 s (a slow classroom machine; nbgrader's default is 30 s).

``KlasterVerdicts`` replaces the outputs of every klaster test cell with the
verdict computed in this process by ``klaster.grading.verdict`` (a failed
test gets an error output, which nbgrader scores 0; a passed one a line of
text, which nbgrader scores full points). The exercise id is read from the
cell's source, which nbgrader has just restored from the instructor's copy
(test cells are locked), never from anything the student can change.
"""
from __future__ import annotations

import ast

from nbformat.notebooknode import NotebookNode
from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor

from . import checks as _checks  # noqa: F401  imported now, before any submission runs
from .grading import verdict

TEST_FUNCTION = "graded"


def exercise_of_test_cell(source: str) -> str | None:
    """The exercise id of a klaster test cell (``graded("NN.k", ...)``), or None for any other cell."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == TEST_FUNCTION \
                and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            return node.args[0].value
    return None


class KlasterVerdicts(NbGraderPreprocessor):
    """Grade each klaster test cell in the grader's process, from the answer the cell recorded."""

    def preprocess(self, nb, resources):
        self.language = str(nb.metadata.get("klaster", {}).get("language", "en"))
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type != "code" or not utils.is_grade(cell) or utils.is_solution(cell):
            return cell, resources
        exercise_id = exercise_of_test_cell(cell.source)
        if exercise_id is None:
            return cell, resources
        result = verdict(exercise_id, cell.get("outputs", []), language=self.language)
        if result.correct:
            cell.outputs = [NotebookNode(output_type="stream", name="stdout", text="\u2705 " + result.message + "\n")]
        else:
            cell.outputs = [NotebookNode(output_type="error", ename="AssertionError", evalue=result.message,
                                         traceback=["\x1b[0;31m\u274c\x1b[0m " + result.message])]
        self.log.debug("klaster exercise %s: %s", exercise_id, "correct" if result.correct else "not correct")
        return cell, resources


def autograde_preprocessors(default):
    """nbgrader's autograde pipeline with KlasterVerdicts inserted before the scores are saved."""
    from nbgrader.preprocessors import SaveAutoGrades

    pipeline = [p for p in default if p is not KlasterVerdicts]
    pipeline.insert(pipeline.index(SaveAutoGrades) if SaveAutoGrades in pipeline else len(pipeline), KlasterVerdicts)
    return pipeline


def configure(c) -> None:
    """Set up an nbgrader course for klaster's notebooks (call it from nbgrader_config.py)."""
    import os

    from nbgrader.converters import Autograde

    from .grading import GRADER_FLAG

    os.environ[GRADER_FLAG] = "1"        # the kernels nbgrader starts inherit it: they record, the grader decides

    c.Autograde.autograde_preprocessors = autograde_preprocessors(
        Autograde.class_traits()["autograde_preprocessors"].default())
    c.ClearSolutions.code_stub = {"python": "raise NotImplementedError()"}
    c.ClearSolutions.text_stub = ""
    c.OverwriteCells.add_missing_cells = True
    c.Execute.timeout = 120
