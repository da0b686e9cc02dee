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
FORMAT_VERSION = 2      # 2: containers and pandas labels kept; version 1 records are still read
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


MAX_DEPTH = 6          # containers inside containers kept (deeper ones are described, not rebuilt)


def encode_answer(answer, _depth: int = 0, _budget: list | None = None) -> dict:
    """A JSON-safe description of ``answer`` from which ``decode_answer`` rebuilds an equivalent value.

    Numbers, texts, None/Ellipsis/NotImplemented, booleans, lists, tuples, sets,
    dicts, numpy arrays and pandas Series, Index and DataFrames (with their
    labels) are kept exactly, so the grader reads every form of answer that
    ``check()`` accepts; anything else is kept as its type name, its text
    (``str``) and, if it has one, its value as a float.
    """
    import decimal

    import numpy as np
    import pandas as pd

    budget = [MAX_ITEMS] if _budget is None else _budget

    def inner(value):
        return encode_answer(value, _depth + 1, budget)

    if answer is None or answer is Ellipsis or answer is NotImplemented:
        return {"type": {None: "None", Ellipsis: "Ellipsis"}.get(answer, "NotImplemented")}
    if isinstance(answer, (bool, np.bool_)):
        return {"type": "bool", "value": bool(answer)}
    if isinstance(answer, str):
        return {"type": "str", "value": str(answer)[:MAX_TEXT]}
    if isinstance(answer, decimal.Decimal):
        return {"type": "decimal", "value": str(answer)[:100]}
    if isinstance(answer, (numbers.Real, np.number)) and not isinstance(answer, np.complexfloating):
        return _number(answer)
    size = len(answer) if isinstance(answer, (list, tuple, set, frozenset, dict, pd.Index, pd.Series)) else \
        (answer.size if isinstance(answer, (np.ndarray, pd.DataFrame)) else None)
    if size is not None and _depth < MAX_DEPTH and size <= budget[0]:
        budget[0] -= size
        if isinstance(answer, (list, tuple)):
            return {"type": type(answer).__name__ if type(answer) in (list, tuple) else "list",
                    "items": [inner(v) for v in answer]}
        if isinstance(answer, (set, frozenset)):
            items = [inner(v) for v in answer]
            return {"type": "set", "items": sorted(items, key=repr)}
        if isinstance(answer, dict):
            return {"type": "dict", "items": [[inner(k), inner(v)] for k, v in answer.items()]}
        if isinstance(answer, pd.Series):
            return {"type": "Series", "index": inner(list(answer.index)), "values": inner(answer.tolist()),
                    "name": inner(answer.name) if isinstance(answer.name, (str, int, float)) else {"type": "None"}}
        if isinstance(answer, pd.Index):
            return {"type": "Index", "values": inner(answer.tolist())}
        if isinstance(answer, pd.DataFrame):
            return {"type": "DataFrame", "index": inner(list(answer.index)), "columns": inner(list(answer.columns)),
                    "values": inner(answer.to_numpy().tolist())}
        if isinstance(answer, np.ndarray):
            return {"type": "ndarray", "shape": list(answer.shape), "items": [inner(v) for v in answer.ravel().tolist()]}
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
    if kind == "decimal" and isinstance(data.get("value"), str):
        import decimal

        try:
            return decimal.Decimal(data["value"])
        except decimal.InvalidOperation:
            raise ValueError("malformed decimal") from None
    if kind in ("list", "tuple", "set", "ndarray"):
        items = data.get("items")
        if not isinstance(items, list) or len(items) > MAX_ITEMS:
            raise ValueError("malformed container")
        values = [decode_answer(v) for v in items]
        if kind == "ndarray":
            shape = data.get("shape")
            if not isinstance(shape, list) or not all(isinstance(n, int) and n >= 0 for n in shape) \
                    or math.prod(shape) != len(values):
                raise ValueError("malformed array")
            return np.array(values).reshape(shape) if values else np.empty(shape)
        return {"list": list, "tuple": tuple, "set": set}[kind](values)
    if kind == "dict":
        items = data.get("items")
        if not isinstance(items, list) or not all(isinstance(p, list) and len(p) == 2 for p in items):
            raise ValueError("malformed dict")
        return {decode_answer(k): decode_answer(v) for k, v in items}
    if kind == "Series":
        index, values = decode_answer(data.get("index")), decode_answer(data.get("values"))
        if not isinstance(index, list) or not isinstance(values, list) or len(index) != len(values):
            raise ValueError("malformed Series")
        return pd.Series(values, index=index, name=decode_answer(data.get("name", {"type": "None"})), dtype=None
                         if values else float)
    if kind == "Index":
        values = decode_answer(data.get("values"))
        if not isinstance(values, list):
            raise ValueError("malformed Index")
        return pd.Index(values)
    if kind == "DataFrame":
        index, columns, values = (decode_answer(data.get(k)) for k in ("index", "columns", "values"))
        if not all(isinstance(x, list) for x in (index, columns, values)) or len(values) != len(index):
            raise ValueError("malformed DataFrame")
        return pd.DataFrame(values, index=index, columns=columns) if values else \
            pd.DataFrame(index=index, columns=columns)
    if kind == "array":  # version 1 of the format: a numeric array, Series or DataFrame without labels
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
