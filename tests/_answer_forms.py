"""Answers to try on every exercise, derived from the registry: the same right answer in the forms a
student would reasonably give it, and odd inputs that must get a message, never an exception.

Used by tests/test_exercise_answers.py (``evaluate`` directly) and tests/test_student_cells.py (the
student cells of the solution notebooks, with these answers put in the answer variable).
"""
from __future__ import annotations

import math
from decimal import Decimal

import numpy as np
import pandas as pd

from klaster.checks import tolerance
from klaster.checks.lesson05 import as_labels
from klaster.labels import labels_answer


def precision_places(exercise) -> list[int]:
    """Decimal places at which an answer may be rounded and must still pass (the declared place and finer)."""
    if exercise.decimals is not None:
        return [exercise.decimals, exercise.decimals + 1, exercise.decimals + 3]
    return []


def _round_sig(value: float, figures: int) -> float:
    if value == 0:
        return 0.0
    return round(value, figures - 1 - math.floor(math.log10(abs(value))))


def number_forms(exercise, value: float) -> dict:
    """The right number as Python, numpy and one-element pandas values, rounded or not."""
    value = float(value)
    forms = {
        "float": value, "numpy float64": np.float64(value), "numpy 0-d array": np.array(value),
        "one-element list": [value], "one-element array": np.array([value]),
        "one-element Series": pd.Series([value]), "labelled one-element Series": pd.Series([value], index=["x"]),
        "1x1 DataFrame": pd.DataFrame([[value]]), "Decimal": Decimal(repr(value)),
    }
    if exercise.kind == "count" or value.is_integer():
        forms.update({"int": int(round(value)), "numpy int64": np.int64(round(value))})
    if exercise.kind == "count":
        return forms
    for places in precision_places(exercise):
        forms[f"rounded to {places} decimals"] = round(value, places)
        forms[f"text-formatted to {places} decimals, as a number"] = float(f"{value:.{max(places, 0)}f}") \
            if places >= 0 else round(value, places)
    if exercise.significant is not None:
        for figures in (exercise.significant, exercise.significant + 2):
            forms[f"{figures} significant figures"] = _round_sig(value, figures)
    if not exercise.exact:
        tol = tolerance(value, exercise.decimals, exercise.significant)
        forms["a little above, within the precision"] = value + 0.9 * (tol - 1e-12)
        forms["numpy float32"] = np.float32(value) if abs(np.float32(value) - value) < tol else value
    return forms


def _case_variants(text: str) -> dict:
    return {"upper case": text.upper(), "lower case": text.lower(), "surrounding spaces": f"  {text}  ",
            "underscores as spaces": text.replace("_", " "), "spaces as underscores": text.replace(" ", "_")}


def name_forms(value) -> dict:
    text = str(value)
    return {"text": text, **_case_variants(text), "one-element list": [text], "one-element tuple": (text,),
            "pandas Index": pd.Index([text]), "numpy array": np.array([text]), "one-element Series": pd.Series([text])}


def labels_forms(items) -> dict:
    items = [str(i) for i in items]
    return {
        "list": list(items), "reversed list": items[::-1], "tuple": tuple(items), "set": set(items),
        "frozenset": frozenset(items), "pandas Index": pd.Index(items), "Series of labels": pd.Series(items),
        "numpy array": np.array(items), "upper case": [i.upper() for i in items],
        "surrounding spaces": [f" {i} " for i in items], "labels_answer text": labels_answer(items),
        "comma-separated text": ", ".join(items[::-1]),
        "boolean Series": pd.Series([True] * len(items) + [False], index=items + ["zz_not_an_answer"]),
        "dict of True/False": {**{i: True for i in items}, "zz_not_an_answer": False},
    }


def sequence_forms(items) -> dict:
    items = [str(i) for i in items]
    forms = {
        "list": list(items), "tuple": tuple(items), "numpy array": np.array(items), "pandas Index": pd.Index(items),
        "Series": pd.Series(items), "upper case": [i.upper() for i in items], "lower case": [i.lower() for i in items],
        "comma-separated text": ", ".join(items), "space-separated text": " ".join(items),
        "as_labels text": as_labels(items), "surrounding spaces": [f" {i} " for i in items],
    }
    if all(len(i) == 1 for i in items):
        forms["one word of letters"] = "".join(items)
        forms["one word, other case"] = "".join(items).swapcase()
    return forms


def mapping_forms(exercise, mapping: dict) -> dict:
    pairs = list(mapping.items())

    def tweak_values(fn):
        return {k: fn(k, v) for k, v in pairs}

    forms = {
        "dict": dict(pairs), "dict in reverse order": dict(pairs[::-1]), "Series": pd.Series(dict(pairs)),
        "list of pairs": [list(p) for p in pairs], "tuple of pairs": tuple(pairs),
        "two-column DataFrame": pd.DataFrame(pairs, columns=["item", "answer"]),
        "keys with spaces and capitals": {f" {str(k).upper()} ": v for k, v in pairs},
        "values in capitals": tweak_values(lambda k, v: v.upper() if isinstance(v, str) else v),
    }
    if not exercise.fields or all(f.kind == "name" for f in exercise.fields.values()):
        forms["labels_answer text"] = labels_answer(dict(pairs))
    forms["as_labels text"] = as_labels(dict(pairs))
    if exercise.fields:
        def rounded(k, v):
            spec = exercise.fields.get(k)
            if spec is not None and spec.kind == "number" and spec.decimals is not None:
                return round(float(v), spec.decimals)
            if spec is not None and spec.kind == "count":
                return np.int64(v)
            return v
        forms["numbers rounded to the declared precision"] = tweak_values(rounded)
        forms["numpy numbers"] = tweak_values(lambda k, v: np.float64(v) if isinstance(v, float) else v)
    return forms


def right_forms(exercise, value) -> dict:
    """The right answer ``value`` (the expected value, or the solution's variable) in every reasonable form."""
    kind = exercise.kind
    if kind in ("number", "count"):
        return number_forms(exercise, float(np.asarray(value).ravel()[0]) if np.size(value) == 1 else value)
    if kind == "name":
        return name_forms(value)
    if kind == "labels":
        return labels_forms(sorted(value))
    if kind == "sequence":
        return sequence_forms(list(value) if not isinstance(value, str) else list(value))
    return mapping_forms(exercise, dict(value))


class _Weird:
    def __repr__(self):
        return "<an object the check has never seen>"


def odd_inputs() -> dict:
    """Inputs that are no answer at all: each must give a message (and never be 'correct')."""
    return {
        "None": None, "NaN": float("nan"), "numpy NaN": np.float64("nan"), "pandas NA": pd.NA,
        "infinity": float("inf"), "text": "no idea", "number as text": "0.5", "empty text": "", "blank text": "   ",
        "empty list": [], "empty tuple": (), "empty dict": {}, "empty set": set(), "empty array": np.array([]),
        "empty Series": pd.Series(dtype=float), "empty DataFrame": pd.DataFrame(),
        "DataFrame": pd.DataFrame({"a": [1, 2], "b": [3, 4]}), "list of numbers": [1, 2, 3],
        "list of lists": [[1, 2], [3]], "True": True, "complex number": 1 + 2j, "an object": _Weird(),
        "a function": len, "Ellipsis": ...,
    }
