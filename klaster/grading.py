"""Autograder tests for nbgrader: the answer is recorded in the student's
kernel, the verdict is given by the grader, outside it.

Each checked exercise of an nbgrader assignment (built by
``python -m klaster.exercises nbgrader DEST``, see
``klaster/nbgrader_export.py``) is followed by a locked test cell::

    from klaster.grading import graded
    graded("03.2", lq_tobacco)

In the student's kernel ``graded`` does two things: it records the answer
as plain JSON data in the cell's output (``encode_answer``; never pickle, so
nothing the student built can run in the grader), and it runs the course's
own check, raising AssertionError with the hint when the answer is wrong, so
that ``nbgrader validate`` and the student's *Validate* button say which
exercises fail (and so that nbgrader without the plugin still grades honest
work). It skips the check only when the grader says it gives the verdicts
itself (``verdicts_by_grader``).

During ``nbgrader autograde`` the grade comes from
``klaster.nbgrader_plugin.KlasterVerdicts``, a preprocessor that runs in
the nbgrader process after the notebook has been executed. It reads the
recorded answer of each test cell (the cell itself is restored from the
instructor's copy by nbgrader, so its exercise id can be trusted), decodes
it and calls ``klaster.checks.evaluate`` there, with the registry that the
grader imported before any submission ran. Nothing a student does in the
notebook (redefining ``check`` or ``graded``, monkeypatching ``klaster``,
making every later cell swallow its exceptions with an AST transformer, faking
``NBGRADER_EXECUTION``) reaches that process, so the only way to pass a
test is to produce an answer that ``evaluate`` accepts. The recorded answer
is the student's own value, which is not a secret; the expected value is
never written into a notebook.
"""
from __future__ import annotations

import json
import math
import numbers
import os
from typing import Any

from .i18n import _, use_language

MIME_TYPE = "application/vnd.klaster.answer+json"
FORMAT_VERSION = 1
MAX_TEXT = 20_000      # characters kept of a text answer (longer ones cannot be right anyway)
MAX_ITEMS = 1_000      # elements kept of an array answer


# --- answers as plain data --------------------------------------------------

def _number(value) -> dict:
    if isinstance(value, numbers.Integral):
        return {"type": "int", "value": int(value)}
    value = float(value)
    if math.isfinite(value):
        return {"type": "float", "value": value}
    return {"type": "float", "value": repr(value)}       # "nan", "inf", "-inf" (JSON has no such numbers)


def encode_answer(answer) -> dict:
    """A JSON-safe description of ``answer`` from which ``decode_answer`` rebuilds an equivalent value.

    Numbers, texts, None/Ellipsis/NotImplemented, booleans and small numpy or
    pandas objects are kept exactly; anything else is kept as its type name,
    its text (``str``) and, if it has one, its value as a float, which is all
    the checks look at.
    """
    import numpy as np

    if answer is None or answer is Ellipsis or answer is NotImplemented:
        return {"type": {None: "None", Ellipsis: "Ellipsis"}.get(answer, "NotImplemented")}
    if isinstance(answer, (bool, np.bool_)):
        return {"type": "bool", "value": bool(answer)}
    if isinstance(answer, str):
        return {"type": "str", "value": str(answer)[:MAX_TEXT]}
    if isinstance(answer, (numbers.Real, np.number)) and not isinstance(answer, np.complexfloating):
        return _number(answer)
    try:
        import pandas as pd
        frame_types = (pd.Series, pd.DataFrame, pd.Index)
    except ImportError:  # pragma: no cover - pandas is a dependency
        frame_types = ()
    if isinstance(answer, (np.ndarray,) + frame_types):
        array = np.asarray(answer)
        if array.size <= MAX_ITEMS and array.dtype.kind in "biuf":
            return {"type": "array", "class": type(answer).__name__, "shape": list(array.shape),
                    "values": [_number(v) if array.dtype.kind != "b" else {"type": "bool", "value": bool(v)}
                               for v in array.ravel().tolist()]}
    described = {"type": "other", "class": type(answer).__name__[:100]}
    try:
        described["str"] = str(answer)[:MAX_TEXT]
    except Exception:
        pass
    try:
        described["float"] = _number(float(answer))["value"]
    except Exception:
        pass
    return described


class _Other:
    """Stands in for an answer of a type the grader does not rebuild: same text, same float value."""

    def __init__(self, text, value):
        self._text, self._value = text, value

    def __str__(self):
        return self._text

    def __repr__(self):
        return self._text

    def __float__(self):
        if self._value is None:
            raise TypeError("not a number")
        return self._value


def _decode_number(item: dict):
    value = item["value"]
    if item["type"] == "int" and isinstance(value, int) and not isinstance(value, bool):
        return value
    if item["type"] == "float":
        if isinstance(value, str) and value in ("nan", "inf", "-inf"):
            return float(value)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    raise ValueError("not a number")


def decode_answer(data):
    """Rebuild an answer from ``encode_answer``'s description. Raises ValueError on anything malformed."""
    import numpy as np
    import pandas as pd

    if not isinstance(data, dict) or not isinstance(data.get("type"), str):
        raise ValueError("not an answer description")
    kind = data["type"]
    if kind in ("None", "Ellipsis", "NotImplemented"):
        return {"None": None, "Ellipsis": Ellipsis, "NotImplemented": NotImplemented}[kind]
    if kind == "bool" and isinstance(data.get("value"), bool):
        return data["value"]
    if kind == "str" and isinstance(data.get("value"), str):
        return data["value"][:MAX_TEXT]
    if kind in ("int", "float"):
        return _decode_number(data)
    if kind == "array":
        values, shape = data.get("values"), data.get("shape")
        if not isinstance(values, list) or len(values) > MAX_ITEMS or not isinstance(shape, list) \
                or not all(isinstance(n, int) and n >= 0 for n in shape) or math.prod(shape) != len(values):
            raise ValueError("malformed array")
        items = [v["value"] if isinstance(v, dict) and v.get("type") == "bool" and isinstance(v.get("value"), bool)
                 else _decode_number(v) for v in values]
        array = np.array(items).reshape(shape) if items else np.empty(shape)
        if data.get("class") == "Series" and array.ndim == 1:
            return pd.Series(array)
        if data.get("class") == "DataFrame" and array.ndim == 2:
            return pd.DataFrame(array)
        return array
    if kind == "other":
        text = data.get("str", "")
        value = data.get("float")
        number = None
        if value is not None:
            number = _decode_number({"type": "float", "value": value})
        return _Other(str(text)[:MAX_TEXT], number)
    raise ValueError(f"unknown answer type {kind!r}")


# --- in the student's kernel --------------------------------------------------

GRADER_FLAG = "KLASTER_VERDICTS_BY_GRADER"


def verdicts_by_grader() -> bool:
    """True while nbgrader autogrades with klaster's plugin, which gives the verdicts itself.

    nbgrader sets NBGRADER_EXECUTION for the kernel; ``klaster.nbgrader_plugin.configure``
    sets KLASTER_VERDICTS_BY_GRADER in the grader, whose kernels inherit it.
    """
    return os.environ.get("NBGRADER_EXECUTION") == "autograde" and os.environ.get(GRADER_FLAG) == "1"


def graded(exercise_id: str, answer: Any) -> None:
    """The body of an autograder test cell: record the answer; outside autograding, also check it.

    Raises AssertionError with the check's hint (never the expected answer)
    when the answer is not right, so that ``nbgrader validate`` reports it.
    """
    record = {"version": FORMAT_VERSION, "exercise": str(exercise_id), "answer": encode_answer(answer)}
    try:
        from IPython.display import display
        display({MIME_TYPE: record,
                 "text/plain": _("Exercise {id}: answer recorded for grading.").format(id=exercise_id)}, raw=True)
    except ImportError:  # outside IPython: nothing to record into
        pass
    if verdicts_by_grader():
        return  # the verdict is given by the grader, outside this kernel; checking here too would be wasted
    from .checks import evaluate

    result = evaluate(exercise_id, answer)
    if not result.correct:
        raise AssertionError(result.message)
    print("\u2705 " + result.message)


# --- in the grader ------------------------------------------------------------

def recorded_answers(outputs) -> list[dict]:
    """The answer records found in a cell's outputs (display_data or execute_result with our MIME type)."""
    found = []
    for output in outputs or []:
        if output.get("output_type") not in ("display_data", "execute_result"):
            continue
        data = output.get("data", {}).get(MIME_TYPE)
        if isinstance(data, str):          # some front ends store JSON bundles as text
            try:
                data = json.loads(data)
            except ValueError:
                data = None
        found.append(data)
    return found


def verdict(exercise_id: str, outputs, language: str = "en"):
    """The CheckResult for exercise ``exercise_id`` from a test cell's outputs, computed here, not in the kernel.

    Wrong (with a reason) when the cell recorded no answer, more than one,
    one for another exercise, or one that cannot be decoded.
    """
    from .checks import CheckResult, evaluate

    with use_language(language):
        records = recorded_answers(outputs)
        if not records:
            errors = [o for o in outputs or [] if o.get("output_type") == "error"]
            if errors:
                error = f"{errors[0].get('ename', '')}: {errors[0].get('evalue', '')}"[:300]
                return CheckResult(False, _("Exercise {id}: no answer was recorded, because the test cell stopped "
                                            "with an error ({error}). Is the answer's variable defined, and did the "
                                            "cells above it run?").format(id=exercise_id, error=error))
            return CheckResult(False, _("Exercise {id}: no answer was recorded (the test cell did not run, or "
                                        "something in the notebook stopped it from recording).").format(id=exercise_id))
        if len(records) > 1:
            return CheckResult(False, _("Exercise {id}: the test cell recorded more than one answer, so none "
                                        "can be graded.").format(id=exercise_id))
        record = records[0]
        try:
            if not isinstance(record, dict) or record.get("exercise") != exercise_id:
                raise ValueError("record for another exercise")
            answer = decode_answer(record.get("answer"))
        except (ValueError, TypeError, KeyError, OverflowError):
            return CheckResult(False, _("Exercise {id}: the recorded answer could not be read, so it cannot be "
                                        "graded.").format(id=exercise_id))
        try:
            return evaluate(exercise_id, answer)
        except Exception as exc:  # a check that fails on an odd answer must not stop the whole class
            return CheckResult(False, _("Exercise {id}: the answer could not be checked ({error}).").format(
                id=exercise_id, error=f"{type(exc).__name__}: {exc}"[:200]))
