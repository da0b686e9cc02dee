"""The student cell of every exercise reaches check(), whatever the student put in the answer variable.

For each solution notebook the cells run in order, in this process (fast; the notebooks' own kernel runs
are in test_notebooks.py). At the cell that calls check("NN.k", ...), the exercise version of that cell
(the answer block replaced as in exercises/) is run again and again with an answer put into the answer
variable: the solution's own value, the same value in other forms, every typical mistake, and odd inputs.
Each run must finish without an exception and call check() exactly once for that exercise; the right
forms must be judged correct, the mistakes must get their hint.
"""
from __future__ import annotations

import ast
import contextlib
import copy
import io
import os
import re

import matplotlib
import nbformat
import pytest

from klaster.i18n import gettext, use_language

from _answer_forms import odd_inputs, right_forms
from _notebooks import ROOT, SOLUTIONS
from klaster import checks, i18n
from klaster.exercises import BEGIN, CODE_PROMPT, END, strip_solutions

matplotlib.use("Agg")

CHECK_CALL = re.compile(r'^check\("(\d\d\.\d+)",\s*(.*)\)\s*$', flags=re.M)


def _assigned_in_block(source: str) -> set[str]:
    """Names assigned between the answer markers of a cell."""
    block = source.split(BEGIN, 1)[1].split(END, 1)[0]
    lines = [line for line in block.splitlines()]
    indent = min((len(x) - len(x.lstrip()) for x in lines if x.strip()), default=0)
    tree = ast.parse("\n".join(x[indent:] for x in lines))
    names = set()
    for node in ast.walk(tree):
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        for target in targets:
            for leaf in ast.walk(target) if target is not None else ():
                if isinstance(leaf, ast.Name) and isinstance(leaf.ctx, ast.Store):
                    names.add(leaf.id)
    return names


def answer_variables(source: str) -> list[str]:
    """The variables a student fills in: names in check()'s answer argument that the answer block assigns."""
    argument = CHECK_CALL.search(source).group(2)
    used = [n.id for n in ast.walk(ast.parse(argument)) if isinstance(n, ast.Name)]
    assigned = _assigned_in_block(source)
    return [name for name in dict.fromkeys(used) if name in assigned]


def student_cell(source: str, variables: list[str]) -> str:
    """The exercise version of a solution cell, with the answer variables taken from ``__injected__``."""
    exercise = strip_solutions(source, "code")
    lines = exercise.splitlines()
    out = []
    for line in lines:
        if line.strip() == CODE_PROMPT[0]:
            continue
        if line.strip() == CODE_PROMPT[1]:
            indent = line[: len(line) - len(line.lstrip())]
            out.extend(f"{indent}{name} = __injected__[{name!r}]" for name in variables)
        else:
            out.append(line)
    return "\n".join(out)


class Spy:
    """Stands in for check(): records each call and the evaluation, prints nothing."""

    def __init__(self):
        self.calls = []

    def __call__(self, exercise_id, answer):
        self.calls.append((exercise_id, checks.evaluate(exercise_id, answer)))


def _run(code: str, namespace: dict, name: str):
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(code, name, "exec"), namespace)


@pytest.fixture(autouse=True)
def keep_the_course_language():
    """A translated notebook's first cell switches the course language in this process: switch it back after."""
    with i18n.use_language(i18n.language()):
        yield


@pytest.fixture(scope="module")
def cwd_solutions():
    previous = os.getcwd()
    os.chdir(ROOT / "solutions")
    yield
    os.chdir(previous)


@pytest.fixture(autouse=True)
def course_language_restored():
    """A translated solution switches the library's language in its first cell: switch it back afterwards."""
    previous = i18n.language()
    yield
    i18n.set_language(previous)


def _injections(exercise, solution_values: dict, variables: list[str]):
    """(label, values for the variables, what must come out: 'right', a hint, or None for 'a message')."""
    odd = odd_inputs()
    if exercise.id in ("05.5", "05.6"):     # plans judged by as_smart / as_kpi_design
        for var in variables:
            value = solution_values[var]
            others = dict(solution_values)
            forms = {"as a one-element list": [value]} if not isinstance(value, list) else \
                {"as a tuple": tuple(value), "only the first one": value[0]}
            for label, form in forms.items():
                yield f"{var} {label}", {**others, var: form}, None
            for label, form in odd.items():
                yield f"{var} = {label}", {**others, var: form}, None
        yield "the solution", dict(solution_values), "right"
        return
    (var,) = variables
    value = solution_values[var]
    yield "the solution", {var: value}, "right"
    for label, form in right_forms(exercise, value).items():
        yield label, {var: form}, "right"
    for mistake in exercise.mistakes:
        with use_language("en"):  # as evaluate() computes them: the data's labels are English there
            wrong = mistake.compute()
        if wrong is not None:
            yield f"mistake: {mistake.hint[:40]}", {var: copy.deepcopy(wrong)}, mistake.render(exercise.args)
    for label, form in odd.items():
        yield label, {var: form}, None


def _notebook_cases():
    for path in SOLUTIONS:
        yield pytest.param(path, id=path.name)


@pytest.mark.parametrize("path", list(_notebook_cases()))
def test_every_student_cell_reaches_check_with_any_answer(path, cwd_solutions):
    nb = nbformat.read(path, as_version=4)
    namespace = {"__name__": "__main__", "display": lambda *a, **k: None}
    seen = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        found = CHECK_CALL.search(cell.source)
        if not found:
            _run(cell.source, namespace, f"{path.name}[{index}]")
            continue
        exercise = checks.REGISTRY[found.group(1)]
        variables = answer_variables(cell.source)
        assert variables, f"{exercise.id}: no answer variable found"
        # the solution cell first, with check() spied on: its answer must be right
        spy = Spy()
        namespace["check"] = spy
        _run(cell.source, namespace, f"{path.name}[{index}]")
        assert [(i, r.correct) for i, r in spy.calls] == [(exercise.id, True)], spy.calls
        solution_values = {v: namespace[v] for v in variables}
        code = student_cell(cell.source, variables)
        for label, values, outcome in _injections(exercise, solution_values, variables):
            trial = dict(namespace)
            trial["check"] = spy = Spy()
            trial["__injected__"] = values
            try:
                _run(code, trial, f"{exercise.id} with {label}")
            except Exception as exc:  # noqa: BLE001 - the point of the test
                pytest.fail(f"{exercise.id}: the student cell raised {type(exc).__name__}: {exc} "
                            f"with the answer {label!r}")
            assert [i for i, _ in spy.calls] == [exercise.id], (exercise.id, label, spy.calls)
            result = spy.calls[0][1]
            if outcome == "right":
                assert result.correct, (exercise.id, label, result.message)
            elif outcome is not None:
                assert not result.correct and outcome in result.message, (exercise.id, label, result.message)
            else:
                word = gettext("Exercise {id}: not yet. Hint: {hint}").split("{id}")[0]  # "Exercise " / "Latihan "
                assert result.message.startswith(f"{word}{exercise.id}:"), (exercise.id, label, result.message)
        namespace["check"] = checks.check
        seen.append(exercise.id)
    assert seen, "a solution notebook without exercises"
    lesson = path.name[:2]
    assert set(seen) == {i for i in checks.REGISTRY if i.startswith(lesson + ".")}, "an exercise has no cell"
