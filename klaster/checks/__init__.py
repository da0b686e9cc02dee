"""Instant feedback for exercises.

``check(exercise_id, answer)`` prints whether an answer is right and, when it
is not, a hint that names the likely mistake. It never prints the expected
answer. Expected values are computed from the course data by the library
when the check runs, never typed in.

Exercises are registered by the modules ``klaster/checks/lessonNN.py``, one
per lesson. Each exercise lists its typical wrong answers as functions, so a hint such
as "you divided by the national total instead of the regional total" is
given exactly when the student's number matches that mistake.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
import pandas as pd

from ..errors import KlasterValueError

UNANSWERED = (None, Ellipsis, NotImplemented)


@dataclass(frozen=True)
class Mistake:
    """A typical wrong answer: how to compute it, and the hint to give."""
    compute: Callable[[], Any]
    hint: str


@dataclass(frozen=True)
class Exercise:
    """One checked exercise."""
    id: str
    prompt: str
    expected: Callable[[], Any]
    kind: str = "number"          # "number" or "name"
    rel_tol: float = 1e-3
    hint: str = "Go back over the steps one at a time and check each intermediate number."
    mistakes: tuple[Mistake, ...] = field(default_factory=tuple)
    options: tuple[str, ...] = ()  # for "name" answers chosen from a fixed list (shown to the student)


@dataclass(frozen=True)
class CheckResult:
    """What ``evaluate`` found: whether the answer is right, and the message for the student."""
    correct: bool
    message: str


REGISTRY: dict[str, Exercise] = {}


def register(exercise: Exercise) -> Exercise:
    if exercise.id in REGISTRY:
        raise KlasterValueError(f"Exercise id {exercise.id!r} is registered twice.")
    REGISTRY[exercise.id] = exercise
    return exercise


def _as_number(answer) -> float | None:
    if isinstance(answer, (bool, np.bool_)):
        return None
    if isinstance(answer, (pd.Series, pd.DataFrame, np.ndarray)):
        if np.size(answer) != 1:
            return None
        answer = np.asarray(answer).ravel()[0]
    try:
        value = float(answer)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def _normalise_name(text) -> str:
    return " ".join(str(text).replace("_", " ").split()).casefold()


def _matches(exercise: Exercise, answer, target) -> bool:
    if exercise.kind == "name":
        return _normalise_name(answer) == _normalise_name(target)
    value, goal = _as_number(answer), _as_number(target)
    if value is None or goal is None:
        return False
    return math.isclose(value, goal, rel_tol=exercise.rel_tol, abs_tol=1e-12)


def evaluate(exercise_id: str, answer) -> CheckResult:
    """Compare an answer with the expected one and return a CheckResult (no printing)."""
    if exercise_id not in REGISTRY:
        known = ", ".join(sorted(REGISTRY))
        raise KlasterValueError(f"There is no exercise {exercise_id!r}; known exercises: {known}.")
    exercise = REGISTRY[exercise_id]
    if any(answer is marker for marker in UNANSWERED) or (isinstance(answer, str) and not answer.strip()):
        return CheckResult(False, f"Exercise {exercise_id}: not answered yet. Put your answer in the variable, "
                                  "then run the cell again.")
    expected = exercise.expected()
    if exercise.kind == "number" and _as_number(answer) is None:
        return CheckResult(False, f"Exercise {exercise_id}: the answer should be a single number, "
                                  f"but it is {type(answer).__name__} {answer!r:.60}.")
    if _matches(exercise, answer, expected):
        return CheckResult(True, f"Exercise {exercise_id}: correct. Well done!")
    if exercise.options and _normalise_name(answer) not in {_normalise_name(o) for o in exercise.options}:
        listed = ", ".join(repr(o) for o in exercise.options)
        return CheckResult(False, f"Exercise {exercise_id}: not yet. Hint: the answer must be one of {listed}; "
                                  f"{answer!r:.40} is not.")
    for mistake in exercise.mistakes:
        if _matches(exercise, answer, mistake.compute()):
            return CheckResult(False, f"Exercise {exercise_id}: not yet. Hint: {mistake.hint}")
    if exercise.kind == "number":
        value, goal = _as_number(answer), _as_number(expected)
        if goal and math.isclose(value, goal * 100, rel_tol=exercise.rel_tol):
            return CheckResult(False, f"Exercise {exercise_id}: not yet. Hint: this looks like a percentage; "
                                      "give the share as a fraction between 0 and 1.")
        if goal and math.isclose(value, goal / 100, rel_tol=exercise.rel_tol):
            return CheckResult(False, f"Exercise {exercise_id}: not yet. Hint: this looks 100 times too small; "
                                      "did you divide by 100 twice?")
    return CheckResult(False, f"Exercise {exercise_id}: not yet. Hint: {exercise.hint}")


def check(exercise_id: str, answer) -> None:
    """Print whether ``answer`` is right for exercise ``exercise_id``, with a hint if it is not."""
    result = evaluate(exercise_id, answer)
    mark = "\u2705" if result.correct else "\u274c"
    print(f"{mark} {result.message}")




def _load_lesson_exercises() -> None:
    """Import every module klaster/checks/lessonNN.py, each of which registers its exercises."""
    import importlib
    import pkgutil

    for module in sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.startswith("lesson")):
        importlib.import_module(f"{__name__}.{module}")


_load_lesson_exercises()
