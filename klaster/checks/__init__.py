"""Instant feedback for exercises.

``check(exercise_id, answer)`` prints whether an answer is right and, when it
is not, a hint that names the likely mistake. It never prints the expected
answer. Expected values are computed from the course data by the library
when the check runs, never typed in. ``evaluate`` does the same without
printing and returns a ``CheckResult`` (``.correct``, ``.message``).

Exercises are registered by the modules ``klaster/checks/lessonNN.py``, one
per lesson. Each exercise lists its typical wrong answers as functions, so a hint such
as "you divided by the national total instead of the regional total" is
given exactly when the student's answer matches that mistake.

What an exercise wants (its ``kind``) decides how an answer is read:

- ``"number"``: one number, as a Python, numpy or one-element pandas value.
  Every number exercise declares its precision, ``decimals`` (negative:
  tens, hundreds ...) or ``significant`` figures, and its prompt says it
  ("to 2 decimals"). The one precision rule: an answer is right when it lies
  within half a unit of the last place asked for, so the exact value and
  the value rounded to that place or any finer place all pass, and a
  coarser rounding does not. ``exact=True`` (a value read from a table
  with a fixed step, 08.5) needs the value itself; ``decimals`` then only
  says how close an answer must be to a typical mistake to get its hint.
- ``"count"``: a whole number, compared exactly.
- ``"name"``: one label, ignoring case, surrounding spaces and underscores.
- ``"labels"``: a set of labels, in any container and any order.
- ``"sequence"``: labels in order, in any sequence type (or one text such as
  "ULULLU" or "c, e, a").
- ``"mapping"``: a dict (or Series, or list of pairs) from key to label;
  ``fields`` may give a number's precision for some keys (05.4).

``scale`` says whether a number is a ``"fraction"`` (0-1) or in
``"percent"``; only then is an answer 100 times off told so.

Every text is translatable: hints and prompts are marked ``N_()`` where they
are declared and translated with ``_()`` when the message is built;
``{placeholders}`` in them are filled from ``args`` (string values are
translated too).
"""
from __future__ import annotations

import math
import numbers
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
import pandas as pd

from ..errors import KlasterValueError
from ..i18n import N_, _, available_languages, ngettext, number, translated, use_language

UNANSWERED = (None, Ellipsis, NotImplemented)
KINDS = ("number", "count", "name", "labels", "sequence", "mapping")
SCALES = ("", "fraction", "percent")

#: Float noise allowed on top of a tolerance (relative, and absolute).
_NOISE_REL, _NOISE_ABS = 1e-9, 1e-12
#: Characters stripped from both ends of a label ("'a'" reads as "a").
_LABEL_EDGES = " \t\r\n'\"`"
#: A one-letter option written as "(c)", "c)", "[c]" or "c." reads as "c".
_LETTER = re.compile(r"[(\[]?(\w)[)\].]?")


def _format_args(args: Mapping) -> dict:
    return {k: (_(v) if isinstance(v, str) else v) for k, v in dict(args or {}).items()}


def render(text: str, args: Mapping | None = None) -> str:
    """``text`` translated, with its ``{placeholders}`` filled from ``args`` (themselves translated if text)."""
    translated = _(text)
    return translated.format(**_format_args(args)) if args else translated


@dataclass(frozen=True)
class Mistake:
    """A typical wrong answer: how to compute it, and the hint to give.

    ``hint`` is marked ``N_()``; ``args`` fill its ``{placeholders}``.
    """
    compute: Callable[[], Any]
    hint: str
    args: Mapping = field(default_factory=dict, hash=False)

    def render(self, exercise_args: Mapping | None = None) -> str:
        """The hint as the student reads it (translated, placeholders filled)."""
        return render(self.hint, {**dict(exercise_args or {}), **dict(self.args)})


@dataclass(frozen=True)
class Field:
    """How one entry of a mapping answer is compared: "name" (default), "number" with a precision, or "count"."""
    kind: str = "name"
    decimals: int | None = None
    significant: int | None = None


@dataclass(frozen=True)
class Exercise:
    """One checked exercise (see the module's docstring for ``kind``, the precision and ``scale``)."""
    id: str
    prompt: str
    expected: Callable[[], Any]
    kind: str = "number"
    rel_tol: float = 1e-3          # only for a number exercise that declares no precision (older code)
    hint: str = N_("Go back over the steps one at a time and check each intermediate number.")
    mistakes: tuple[Mistake, ...] = field(default_factory=tuple)
    options: tuple[str, ...] = ()  # the labels an answer is chosen from (shown to the student)
    decimals: int | None = None
    significant: int | None = None
    exact: bool = False
    scale: str = ""
    fields: Mapping[str, Field] = field(default_factory=dict, hash=False)
    args: Mapping = field(default_factory=dict, hash=False)

    def precision_text(self) -> str:
        """What the exercise asks for, as a phrase such as "to 2 decimals" (translated)."""
        return _precision_text(self.kind, self.decimals, self.significant, self.exact)

    def rendered_prompt(self) -> str:
        return render(self.prompt, self.args)


@dataclass(frozen=True)
class CheckResult:
    """What ``evaluate`` found: whether the answer is right, and the message for the student."""
    correct: bool
    message: str


REGISTRY: dict[str, Exercise] = {}


def register(exercise: Exercise) -> Exercise:
    """Add an exercise to the registry (its id must be new; its kind, scale and precision must make sense)."""
    if exercise.id in REGISTRY:
        raise KlasterValueError(_("Exercise id {id} is registered twice.").format(id=repr(exercise.id)))
    if exercise.kind not in KINDS:
        raise KlasterValueError(_("Exercise {id}: unknown kind {kind}.").format(id=exercise.id,
                                                                                kind=repr(exercise.kind)))
    if exercise.scale not in SCALES:
        raise KlasterValueError(_("Exercise {id}: unknown scale {scale}.").format(id=exercise.id,
                                                                                  scale=repr(exercise.scale)))
    REGISTRY[exercise.id] = exercise
    return exercise


# ---------------------------------------------------------------------------
# The precision rule
# ---------------------------------------------------------------------------

def tolerance(goal: float, decimals: int | None = None, significant: int | None = None,
              rel_tol: float = 1e-3) -> float:
    """Half a unit of the last place asked for: 0.005 for 2 decimals, 50 for decimals=-2;
    for ``significant`` figures the place depends on the size of ``goal``. Without either: rel_tol * |goal|."""
    if decimals is not None:
        half = 0.5 * 10.0 ** (-decimals)
    elif significant is not None:
        if goal == 0:
            return _NOISE_ABS
        half = 0.5 * 10.0 ** (math.floor(math.log10(abs(goal))) - significant + 1)
    else:
        half = rel_tol * abs(goal)
    return half * (1 + _NOISE_REL) + _NOISE_ABS


def _precision_text(kind: str, decimals, significant, exact: bool = False) -> str:
    if kind == "count":
        return _("as a whole number")
    if exact:
        return _("exactly as in the table")
    if decimals is not None:
        if decimals > 0:
            return ngettext("to {n} decimal", "to {n} decimals", decimals).format(n=decimals)
        if decimals == 0:
            return _("to a whole number")
        return _("to the nearest {unit}").format(unit=number(10 ** (-decimals), ","))
    if significant is not None:
        return ngettext("to {n} significant figure", "to {n} significant figures",
                        significant).format(n=significant)
    return _("to about 3 significant figures")


def _close(value: float, goal: float, spec) -> bool:
    """Whether ``value`` matches ``goal`` under ``spec``'s precision (an Exercise or a Field)."""
    if getattr(spec, "kind", "number") == "count":
        return value == goal
    return abs(value - goal) <= tolerance(goal, spec.decimals, spec.significant, getattr(spec, "rel_tol", 1e-3))


# ---------------------------------------------------------------------------
# Reading an answer. Each reader returns (value, problem); problem is None or a short code.
# ---------------------------------------------------------------------------

_CONTAINERS = (list, tuple, set, frozenset, np.ndarray, pd.Series, pd.Index, pd.DataFrame)


def _size(answer) -> int:
    return int(np.size(answer)) if isinstance(answer, (np.ndarray, pd.Series, pd.Index, pd.DataFrame)) \
        else len(answer)


def _only_item(answer):
    if isinstance(answer, (set, frozenset)):
        return next(iter(answer))
    if isinstance(answer, pd.DataFrame):
        return answer.iloc[0, 0]
    if isinstance(answer, (pd.Series, pd.Index)):
        return answer.to_numpy().ravel()[0]
    if isinstance(answer, np.ndarray):
        return answer.ravel()[0]
    return answer[0]


def _is_missing_scalar(value) -> bool:
    try:
        return value is pd.NA or value is pd.NaT or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def read_number(answer) -> tuple[float | None, str | None]:
    """A single real number from a Python, numpy or one-element pandas/list value."""
    if isinstance(answer, str):
        try:
            float(answer.replace(",", ""))
            return None, "number as text"
        except ValueError:
            return None, "text"
    if isinstance(answer, (bool, np.bool_)):
        return None, "bool"
    if isinstance(answer, Mapping):
        return None, "mapping"
    if isinstance(answer, _CONTAINERS):
        n = _size(answer)
        if n == 0:
            return None, "empty"
        if n > 1:
            return None, "many"
        return read_number(_only_item(answer))
    if isinstance(answer, (complex, np.complexfloating)):
        return None, "type"
    if _is_missing_scalar(answer):
        return None, "nan"
    if isinstance(answer, (numbers.Real, np.number)) or hasattr(answer, "__float__"):
        try:
            value = float(answer)
        except (TypeError, ValueError, OverflowError):
            return None, "type"
        if math.isnan(value):
            return None, "nan"
        if math.isinf(value):
            return None, "inf"
        return value, None
    return None, "type"


def tidy(text) -> str:
    """A label as compared: lower case, underscores as spaces, single spaces, no quotes or brackets around it.
    Whole numbers are written without decimals (1.0 -> "1")."""
    if isinstance(text, (bool, np.bool_)):
        return "yes" if text else "no"
    if isinstance(text, (numbers.Real, np.number)) and not isinstance(text, str):
        value = float(text)
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return repr(value)
    label = " ".join(str(text).replace("_", " ").split()).strip(_LABEL_EDGES).strip().casefold()
    letter = _LETTER.fullmatch(label)
    if letter:
        return letter.group(1)
    return _DIVISION_NAMES().get(label, label)


def _division_names_table() -> dict[str, str]:
    """A division's name in either language (short or full, tidied) -> its English short name, tidied:
    a student may name a division in English or in Indonesian."""
    from .. import data

    divisions = data.load_divisions()
    english = [" ".join(n.split()).casefold() for n in divisions["short_name"]]
    table = {}
    for column in ("short_name_id", "name_en", "name_id"):
        table.update({" ".join(n.split()).casefold(): e for n, e in zip(divisions[column], english)})
    for label in _DATA_LABELS:  # other data labels that follow the language (accept_in_every_language)
        for code in available_languages():
            table.setdefault(" ".join(translated(label, code).split()).casefold(), " ".join(label.split()).casefold())
    return table


_division_cache: dict = {}
_DATA_LABELS: list[str] = []


def accept_in_every_language(english_labels) -> None:
    """Let answers name these labels of the course's data in any course language (an actor of lesson 02's
    worked examples, whose names follow the language): each is an English text marked ``N_()`` in the
    library, and an answer that gives its translation is read as the English text."""
    _DATA_LABELS.extend(english_labels)
    _division_cache.clear()


def _DIVISION_NAMES() -> dict[str, str]:
    if "table" not in _division_cache:
        _division_cache["table"] = _division_names_table()
    return _division_cache["table"]


def _is_label(item) -> bool:
    return isinstance(item, (str, numbers.Number, np.generic)) and not _is_missing_scalar(item)


def read_name(answer) -> tuple[str | None, str | None]:
    """One label from a text, or from a one-element container of one."""
    if isinstance(answer, str):
        return tidy(answer), None
    if isinstance(answer, (bool, np.bool_)):
        return None, "bool"
    if isinstance(answer, Mapping):
        return None, "mapping"
    if isinstance(answer, pd.Series) and len(answer) == 1 and not isinstance(answer.iloc[0], str):
        label = answer.index[0]        # e.g. lq.nlargest(1): the name is the index label
        return (tidy(label), None) if isinstance(label, str) else (None, "type")
    if isinstance(answer, _CONTAINERS):
        n = _size(answer)
        if n == 0:
            return None, "empty"
        if n > 1:
            return None, "many"
        return read_name(_only_item(answer))
    if isinstance(answer, (numbers.Number, np.number)):
        return (None, "nan") if _is_missing_scalar(answer) else (tidy(answer), "number")
    return None, "type"


def _split_text(text: str) -> list[str]:
    inner = text.strip().strip("[](){}")
    return [part for part in (tidy(p) for p in re.split(r"[,;\n]", inner)) if part]


def read_labels(answer) -> tuple[frozenset | None, str | None]:
    """A set of labels from any list, tuple, set, Index, array, Series (values; a boolean Series: the labels
    that are True), one-column DataFrame, or a text with the labels separated by commas."""
    if isinstance(answer, str):
        if re.search(r"[:=]", answer):
            return None, "mapping"
        items = _split_text(answer)
        return (frozenset(items), None) if items else (None, "empty")
    if isinstance(answer, (bool, np.bool_)):
        return None, "bool"
    if isinstance(answer, pd.DataFrame):
        if answer.shape[1] != 1:
            return None, "table"
        answer = answer.iloc[:, 0]
    if isinstance(answer, pd.Series) and answer.dtype == bool:
        answer = answer.index[answer.to_numpy()]
    elif isinstance(answer, Mapping):
        if answer and all(isinstance(v, (bool, np.bool_)) for v in answer.values()):
            answer = [k for k, v in answer.items() if v]
        else:
            return None, "mapping"
    if isinstance(answer, np.ndarray):
        answer = answer.ravel()
    if isinstance(answer, (list, tuple, set, frozenset, np.ndarray, pd.Series, pd.Index)):
        items = list(answer)
        if not items:
            return None, "empty"
        if not all(_is_label(i) for i in items):
            return None, "nested"
        return frozenset(tidy(i) for i in items), None
    if _is_label(answer):
        return frozenset([tidy(answer)]), None
    if _is_missing_scalar(answer):
        return None, "nan"
    return None, "type"


def read_sequence(answer, expected_length: int | None = None,
                  letters: bool = False) -> tuple[tuple | None, str | None]:
    """Labels in order, from any sequence type or a text ("c, e, a", "c e a", or "cea" when the items are letters)."""
    if isinstance(answer, str):
        inner = answer.strip().strip("[](){}")
        parts = [tidy(p) for p in re.split(r"[,;\s]+", inner) if tidy(p)]
        if letters:
            parts = [tidy(c) for c in "".join(parts) if tidy(c)]
        return (tuple(parts), None) if parts else (None, "empty")
    if isinstance(answer, (set, frozenset)):
        return None, "unordered"
    if isinstance(answer, (bool, np.bool_)):
        return None, "bool"
    if isinstance(answer, Mapping):
        return None, "mapping"
    if isinstance(answer, pd.DataFrame):
        if answer.shape[1] != 1:
            return None, "table"
        answer = answer.iloc[:, 0]
    if isinstance(answer, np.ndarray):
        answer = answer.ravel()
    if isinstance(answer, (list, tuple, np.ndarray, pd.Series, pd.Index)):
        items = list(answer)
        if not items:
            return None, "empty"
        if not all(_is_label(i) for i in items):
            return None, "nested"
        return tuple(tidy(i) for i in items), None
    if _is_label(answer):
        return read_sequence(str(answer), expected_length, letters)
    return None, "type"


def read_mapping(answer) -> tuple[dict | None, str | None]:
    """A dict from tidy key to value, from a dict, Series, two-column DataFrame, list of pairs,
    or a text "k: v; k2: v2" (as made by ``labels_answer``) or "k=v; k2=v2"."""
    if isinstance(answer, str):
        pairs = [p for p in answer.split(";") if p.strip()]
        out = {}
        for pair in pairs:
            match = re.match(r"\s*([^:=]+?)\s*[:=]\s*(.*?)\s*$", pair)
            if not match:
                return None, "text"
            out[tidy(match.group(1))] = match.group(2)
        return (out, None) if out else (None, "empty")
    if isinstance(answer, pd.DataFrame):
        if answer.shape[1] == 2:
            answer = dict(zip(answer.iloc[:, 0], answer.iloc[:, 1]))
        elif answer.shape[1] == 1:
            answer = answer.iloc[:, 0]
        else:
            return None, "table"
    if isinstance(answer, pd.Series):
        answer = answer.to_dict()
    if isinstance(answer, (list, tuple)) and answer and all(isinstance(p, (list, tuple)) and len(p) == 2
                                                            for p in answer):
        answer = dict(answer)
    if isinstance(answer, Mapping):
        if not answer:
            return None, "empty"
        if not all(_is_label(k) for k in answer):
            return None, "nested"
        return {tidy(k): v for k, v in answer.items()}, None
    if isinstance(answer, (list, tuple, set, frozenset, np.ndarray, pd.Index)):
        return (None, "empty") if _size(answer) == 0 else (None, "list")
    if isinstance(answer, (bool, np.bool_)):
        return None, "bool"
    return None, "type"


def _field_value(value, spec: Field):
    """(comparable value, problem) of one entry of a mapping."""
    if spec.kind in ("number", "count"):
        number, problem = read_number(value)
        if problem == "number as text":      # "1.97" inside a dict made by as_labels: accept
            number, problem = float(str(value).replace(",", "")), None
        return number, problem
    if isinstance(value, str) or _is_label(value):
        return tidy(value), None
    name, problem = read_name(value)
    return name, (None if problem == "number" else problem)


def _same_field(a, b, spec: Field) -> bool:
    if a is None or b is None:
        return False
    if spec.kind in ("number", "count"):
        return _close(a, b, spec)
    return a == b


# ---------------------------------------------------------------------------
# Messages
# ---------------------------------------------------------------------------

def _answer_problem(exercise: Exercise, problem: str, answer) -> str:
    """One sentence for an answer of the wrong type or shape (translated)."""
    kind = exercise.kind
    n = _size(answer) if isinstance(answer, _CONTAINERS) else 0
    type_name = type(answer).__name__
    if kind in ("number", "count"):
        messages = {
            "number as text": _("give a number, not text: remove the quotation marks around it."),
            "text": _("give a number, not text."),
            "bool": _("give a number, not True or False."),
            "empty": _("your answer is empty ({type}): give a single number.").format(type=type_name),
            "many": _("give a single number; your answer holds {n} values ({type}). Pick the one the exercise "
                      "asks for.").format(n=n, type=type_name),
            "mapping": _("give a single number, not a dictionary."),
            "nan": _("your answer is NaN (not a number): a value in your calculation is missing, or a label "
                     "you looked up does not exist."),
            "inf": _("your answer is infinite: did you divide by zero?"),
        }
        return messages.get(problem, _("the answer should be a single number, but it is {type}.").format(
            type=type_name))
    if kind == "name":
        messages = {
            "bool": _("give a name (text), not True or False."),
            "empty": _("your answer is empty ({type}): give one name, as text.").format(type=type_name),
            "many": _("give one name; your answer holds {n} values ({type}).").format(n=n, type=type_name),
            "mapping": _("give one name (text), not a dictionary."),
            "number": _("give a name (text), not a number."),
            "nan": _("your answer is NaN (missing): give one name, as text."),
        }
        return messages.get(problem, _("give one name, as text; your answer is {type}.").format(type=type_name))
    if kind == "labels":
        messages = {
            "empty": _("your answer is empty: list the labels the exercise asks for."),
            "mapping": _("give a list or set of labels, not a dictionary."),
            "table": _("give a list or set of labels, not a table with several columns."),
            "nested": _("give a flat list of labels (text), not a list of lists or objects."),
            "bool": _("give a list or set of labels, not True or False."),
        }
        return messages.get(problem, _("give a list or set of labels; your answer is {type}.").format(
            type=type_name))
    if kind == "sequence":
        messages = {
            "empty": _("your answer is empty: give the items in order."),
            "unordered": _("the order matters here: give a list, not a set (a set has no order)."),
            "mapping": _("give a list in order, not a dictionary."),
            "table": _("give a list in order, not a table with several columns."),
            "nested": _("give a flat list of labels (text), not a list of lists or objects."),
            "bool": _("give a list in order, not True or False."),
        }
        return messages.get(problem, _("give a list in order; your answer is {type}.").format(type=type_name))
    messages = {
        "empty": _("your answer is empty: give a dictionary with one entry per item."),
        "list": _("give a dictionary from each item to its answer, such as {{\"a\": ...}}, not a list."),
        "table": _("give a dictionary from each item to its answer, not a table with several columns."),
        "nested": _("the keys of your dictionary must be the item labels (text)."),
        "text": _("give a dictionary from each item to its answer, not text."),
        "bool": _("give a dictionary from each item to its answer, not True or False."),
    }
    return messages.get(problem, _("give a dictionary from each item to its answer; your answer is {type}.")
                        .format(type=type_name))


def _not_yet(exercise: Exercise, hint: str) -> CheckResult:
    return CheckResult(False, _("Exercise {id}: not yet. Hint: {hint}").format(id=exercise.id, hint=hint))


def _problem(exercise: Exercise, text: str) -> CheckResult:
    return CheckResult(False, _("Exercise {id}: {problem}").format(id=exercise.id, problem=text))


def _quoted(labels) -> str:
    return ", ".join(repr(label) for label in sorted(labels))


# ---------------------------------------------------------------------------
# Comparing, by kind
# ---------------------------------------------------------------------------

class _Reader:
    """Reads answers, the expected value and the mistakes of one exercise in the same way."""

    def __init__(self, exercise: Exercise, expected):
        self.exercise = exercise
        self.expected_raw = expected
        if exercise.kind == "sequence":
            items, _problem_code = read_sequence(expected)
            one_word = isinstance(expected, str) and items is not None and len(items) == 1
            self.letters = bool(items) and (one_word or all(len(i) == 1 for i in items))
        else:
            self.letters = False
        self.expected, problem = self.read(expected)
        if problem is not None and exercise.kind != "name":
            raise AssertionError(f"exercise {exercise.id}: its expected value cannot be read ({problem})")

    def read(self, answer):
        kind = self.exercise.kind
        if kind in ("number", "count"):
            return read_number(answer)
        if kind == "name":
            return read_name(answer)
        if kind == "labels":
            return read_labels(answer)
        if kind == "sequence":
            return read_sequence(answer, letters=self.letters)
        raw, problem = read_mapping(answer)
        if problem:
            return None, problem
        out = {}
        for key, value in raw.items():
            spec = self.spec(key)
            out[key], field_problem = _field_value(value, spec)
        return out, None

    def spec(self, key) -> Field:
        fields = {tidy(k): v for k, v in self.exercise.fields.items()}
        return fields.get(key, Field())

    def same(self, a, b) -> bool:
        kind = self.exercise.kind
        if a is None or b is None:
            return False
        if kind == "count" and not float(b).is_integer():
            # a typical mistake that is not a count (an LQ given for a number of workers): 3 significant figures
            return abs(a - b) <= tolerance(b, significant=3)
        if kind in ("number", "count"):
            return _close(a, b, self.exercise)
        if kind == "mapping":
            return set(a) == set(b) and all(_same_field(a[k], b[k], self.spec(k)) for k in a)
        return a == b

    def correct(self, value) -> bool:
        if self.exercise.kind == "number" and self.exercise.exact:
            return value is not None and abs(value - self.expected) <= 1e-9 * max(1.0, abs(self.expected))
        return self.same(value, self.expected)


def _generic_number_hint(exercise: Exercise, value: float, goal: float) -> str | None:
    """Hints that follow from the numbers alone: sign, percent/fraction (where possible), rounding."""
    tol = tolerance(goal, exercise.decimals, exercise.significant, exercise.rel_tol)
    if exercise.kind == "count":
        if not float(value).is_integer():
            return _("the answer is a whole number (a count); yours has a fractional part: did you compute a "
                     "share, a ratio or an average instead of reading or counting?")
        if goal and value == -goal:
            return _("a count cannot be negative: check the sign.")
        return None
    if goal and abs(goal) > 2 * tol and abs(value + goal) <= tol:
        return _("the size of your number looks right, but its sign is not: check which value is subtracted "
                 "from which, and whether the quantity can be negative.")
    if exercise.scale == "fraction" and goal and abs(value - 100 * goal) <= 100 * tol:
        return _("this looks like a percentage; give the share as a fraction between 0 and 1.")
    if exercise.scale == "fraction" and goal and abs(value - goal / 100) <= tol / 100 + _NOISE_ABS:
        return _("this looks 100 times too small; did you divide by 100 twice?")
    if exercise.scale == "percent" and goal and abs(value - goal / 100) <= tol / 100 + _NOISE_ABS:
        return _("this looks like a fraction; give the value in percent (a fraction times 100).")
    if exercise.decimals is not None or exercise.significant is not None:
        if abs(value - goal) <= 3 * tol:
            return _("you are close, but not within the precision asked for: give the answer {precision} "
                     "(round it; do not cut digits off, and do not round an intermediate result)."
                     ).format(precision=exercise.precision_text())
    return None


def _generic_structure_hint(exercise: Exercise, reader: _Reader, value) -> str | None:
    kind, goal = exercise.kind, reader.expected
    if kind == "labels":
        known = {tidy(o) for o in exercise.options}
        unknown = value - known if known else set()
        if unknown:
            return _("{labels} cannot be among the answers: use the labels exactly as they are given "
                     "({options}).").format(labels=_quoted(unknown), options=", ".join(exercise.options))
        if value < goal:
            return _("everything you listed belongs, but something is missing.")
        if value > goal:
            return _("you listed everything that belongs, and more: something in your list does not belong.")
        return None
    if kind == "sequence":
        if len(value) != len(goal):
            return ngettext("give {n} item in order; your answer has {m}.",
                            "give {n} items in order; your answer has {m}.", len(goal)).format(
                n=len(goal), m=len(value))
        if sorted(value) == sorted(goal):
            return _("the right items, but not in the right order.")
        return None
    if kind == "mapping":
        missing, extra = set(goal) - set(value), set(value) - set(goal)
        if missing or extra:
            parts = []
            if missing:
                parts.append(_("your answer has no entry for {keys}").format(keys=_quoted(missing)))
            if extra:
                parts.append(_("{keys} are not items of this exercise").format(keys=_quoted(extra)))
            return _("{problems}: use each item's label exactly as given.").format(problems="; ".join(parts))
        wrong = [k for k in goal if not _same_field(value[k], goal[k], reader.spec(k))]
        if exercise.fields:
            return _("not right yet: {keys}.").format(keys=_quoted(wrong))
        return ngettext("{n} of the {total} entries is not right yet.", "{n} of the {total} entries are not "
                        "right yet.", len(wrong)).format(n=len(wrong), total=len(goal))
    return None


def evaluate(exercise_id: str, answer) -> CheckResult:
    """Compare an answer with the expected one and return a CheckResult (no printing, never raises for an answer)."""
    if exercise_id not in REGISTRY:
        known = ", ".join(sorted(REGISTRY))
        raise KlasterValueError(_("There is no exercise {id}; known exercises: {known}.").format(
            id=repr(exercise_id), known=known))
    exercise = REGISTRY[exercise_id]
    if any(answer is marker for marker in UNANSWERED) or (isinstance(answer, str) and not answer.strip()):
        return CheckResult(False, _("Exercise {id}: not answered yet. Put your answer in the variable, "
                                    "then run the cell again.").format(id=exercise_id))
    # Expected values and typical mistakes are computed in English (the data's labels differ by language;
    # ``tidy`` reads a division named in either language), while every message is in the course language.
    with use_language("en"):
        reader = _Reader(exercise, exercise.expected())
    try:
        value, problem = reader.read(answer)
    except Exception:  # an object the readers did not foresee: explain, never crash
        value, problem = None, "type"
    if problem == "number" and exercise.kind == "name" and exercise.options:
        problem = None          # 1 for "a": the options message below explains
    if problem is not None:
        return _problem(exercise, _answer_problem(exercise, problem, answer))
    if exercise.kind == "name" and exercise.options and isinstance(value, str):
        shown = {tidy(_(option)): tidy(option) for option in exercise.options}  # an option as the lesson shows it
        value = shown.get(value, value)
    if reader.correct(value):
        return CheckResult(True, _("Exercise {id}: correct. Well done!").format(id=exercise_id))
    if exercise.kind == "name" and exercise.options and value not in {tidy(o) for o in exercise.options}:
        listed = ", ".join(repr(o) for o in exercise.options)
        return _not_yet(exercise, _("the answer must be one of {options}; {answer} is not.").format(
            options=listed, answer=repr(value)[:40]))
    for mistake in exercise.mistakes:
        with use_language("en"):
            wrong, _ignored = reader.read(mistake.compute())
        if reader.same(value, wrong):
            return _not_yet(exercise, mistake.render(exercise.args))
    if exercise.kind in ("number", "count"):
        generic = _generic_number_hint(exercise, value, reader.expected)
    elif exercise.kind == "name":
        generic = None
    else:
        generic = _generic_structure_hint(exercise, reader, value)
    return _not_yet(exercise, generic or render(exercise.hint, exercise.args))


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
