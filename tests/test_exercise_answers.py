"""Every registered exercise, driven from the registry: the right answer passes in every reasonable form,
each typical mistake fails with its own hint (rounded too), wrong answers near the right one fail, and odd
inputs get a message, never an exception. Also: the precision rule itself, and translatable texts."""
from __future__ import annotations

import ast
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from _answer_forms import odd_inputs, precision_places, right_forms
from klaster import checks
from klaster.checks import REGISTRY, Exercise, Field, evaluate, tolerance

IDS = sorted(REGISTRY)
NUMERIC = [i for i in IDS if REGISTRY[i].kind in ("number", "count")]
CHECKS_DIR = Path(checks.__file__).parent


def _applicable(exercise):
    """The exercise's mistakes with their values (a mistake computing None does not apply)."""
    return [(m, v) for m in exercise.mistakes if (v := m.compute()) is not None]


def test_there_are_seventy_seven_exercises_in_eleven_lessons():
    assert len(IDS) == 77
    assert {i[:2] for i in IDS} == {f"{n:02d}" for n in range(11)}


@pytest.mark.parametrize("exercise_id", IDS)
def test_every_exercise_has_typical_mistakes_and_a_known_kind(exercise_id):
    exercise = REGISTRY[exercise_id]
    assert exercise.kind in checks.KINDS
    assert _applicable(exercise), f"{exercise_id} has no typical mistake with its own hint"


@pytest.mark.parametrize("exercise_id", NUMERIC)
def test_every_numeric_exercise_declares_its_precision_and_says_it(exercise_id):
    exercise = REGISTRY[exercise_id]
    if exercise.kind == "number":
        assert exercise.decimals is not None or exercise.significant is not None, exercise_id
    prompt = exercise.rendered_prompt().lower()
    said = {"count": ("whole number", "number of"), "number": ("decimal", "nearest", "whole number",
                                                               "significant", "exactly")}[exercise.kind]
    assert any(word in prompt for word in said), (exercise_id, prompt)


@pytest.mark.parametrize("exercise_id", IDS)
def test_the_right_answer_passes_in_every_reasonable_form(exercise_id):
    exercise = REGISTRY[exercise_id]
    expected = exercise.expected()
    assert evaluate(exercise_id, expected).correct
    for form, answer in right_forms(exercise, expected).items():
        result = evaluate(exercise_id, answer)
        assert result.correct, (exercise_id, form, answer, result.message)


@pytest.mark.parametrize("exercise_id", IDS)
def test_each_typical_mistake_fails_with_its_own_hint(exercise_id):
    exercise = REGISTRY[exercise_id]
    for mistake, wrong in _applicable(exercise):
        hint = mistake.render(exercise.args)
        result = evaluate(exercise_id, wrong)
        assert not result.correct and hint in result.message, (exercise_id, hint, result.message)
        if exercise.kind == "number":          # the same mistake, rounded as the prompt asks, and in a Series
            for places in precision_places(exercise):
                rounded = evaluate(exercise_id, round(float(wrong), places))
                assert not rounded.correct and hint in rounded.message, (exercise_id, places, rounded.message)
            assert hint in evaluate(exercise_id, pd.Series([wrong])).message


@pytest.mark.parametrize("exercise_id", [i for i in NUMERIC if REGISTRY[i].kind == "number"])
def test_mistakes_lie_outside_the_precision_of_the_right_answer(exercise_id):
    """A rounded right answer can never look like a mistake, nor a rounded mistake like the right answer:
    every mistake is more than three half-units of the last place away (one half-unit for a table value)."""
    exercise = REGISTRY[exercise_id]
    expected = float(exercise.expected())
    tol = tolerance(expected, exercise.decimals, exercise.significant)
    for mistake, wrong in _applicable(exercise):
        gap = abs(float(wrong) - expected)
        assert gap > (1 if exercise.exact else 3) * tol, (exercise_id, mistake.hint)


@pytest.mark.parametrize("exercise_id", [i for i in NUMERIC if REGISTRY[i].kind == "number"])
def test_answers_less_precise_than_asked_or_a_bit_off_fail(exercise_id):
    exercise = REGISTRY[exercise_id]
    expected = float(exercise.expected())
    tol = tolerance(expected, exercise.decimals, exercise.significant)
    for off in (2.2 * tol, -2.2 * tol):
        result = evaluate(exercise_id, expected + off)
        assert not result.correct
        assert "close" in result.message or "not yet" in result.message
    if exercise.exact:
        assert not evaluate(exercise_id, expected + 0.3 * tol).correct   # a table value is exact


@pytest.mark.parametrize("exercise_id", [i for i in NUMERIC if REGISTRY[i].kind == "count"])
def test_counts_are_exact(exercise_id):
    expected = REGISTRY[exercise_id].expected()
    for wrong in (expected + 1, expected - 1, expected + 0.4):
        assert not evaluate(exercise_id, wrong).correct
    assert "whole number" in evaluate(exercise_id, expected + 0.4).message


@pytest.mark.parametrize("exercise_id", NUMERIC)
def test_a_number_written_as_text_is_told_to_be_a_number(exercise_id):
    expected = REGISTRY[exercise_id].expected()
    result = evaluate(exercise_id, str(expected))
    assert not result.correct and "give a number, not text" in result.message


@pytest.mark.parametrize("exercise_id", [i for i in NUMERIC if REGISTRY[i].kind == "number"])
def test_percent_and_fraction_hints_only_where_that_confusion_is_possible(exercise_id):
    exercise = REGISTRY[exercise_id]
    expected = float(exercise.expected())
    if expected == 0:
        return
    too_big, too_small = evaluate(exercise_id, 100 * expected).message, evaluate(exercise_id, expected / 100).message
    if exercise.scale == "fraction":
        assert "percentage" in too_big
    elif exercise.scale == "percent":
        assert "in percent" in too_small
    else:
        assert "percentage" not in too_big and "fraction between 0 and 1" not in too_big
        assert "in percent" not in too_small


@pytest.mark.parametrize("exercise_id", [i for i in NUMERIC if REGISTRY[i].kind == "number"])
def test_a_sign_error_is_named(exercise_id):
    exercise = REGISTRY[exercise_id]
    expected = float(exercise.expected())
    if abs(expected) <= 2 * tolerance(expected, exercise.decimals, exercise.significant):
        return
    message = evaluate(exercise_id, -expected).message
    assert "sign" in message or any(m.render(exercise.args) in message for m, _ in _applicable(exercise)), message


@pytest.mark.parametrize("exercise_id", IDS)
def test_odd_inputs_get_a_message_never_an_exception(exercise_id):
    for name, answer in odd_inputs().items():
        result = evaluate(exercise_id, answer)
        assert isinstance(result, checks.CheckResult)
        assert not result.correct, (exercise_id, name)
        assert result.message.startswith(f"Exercise {exercise_id}:") and len(result.message) > 25


@pytest.mark.parametrize("exercise_id", IDS)
def test_no_message_gives_the_answer_away(exercise_id):
    exercise = REGISTRY[exercise_id]
    expected = exercise.expected()
    answers = [m.compute() for m in exercise.mistakes] + list(odd_inputs().values()) + [0.123, "Nowhere"]
    for answer in answers:
        message = evaluate(exercise_id, answer).message
        if exercise.kind == "number":
            places = [p for p in (exercise.decimals, 2, 3, 4) if p is not None and p > 0]
            for p in places:
                text = f"{float(expected):.{p}f}"
                assert text not in message or float(text) == 0, (exercise_id, message)
        for hint in [exercise.hint] + [m.hint for m in exercise.mistakes]:
            assert not hint.rstrip(".").endswith(str(expected)), hint


# --- the rule itself -------------------------------------------------------------------------------

def _toy(**kwargs) -> Exercise:
    base = dict(id="zz.1", prompt="toy", expected=lambda: 0.31659, decimals=2)
    return Exercise(**{**base, **kwargs})


@pytest.fixture
def toy(monkeypatch):
    def register(**kwargs):
        exercise = _toy(**kwargs)
        monkeypatch.setitem(REGISTRY, exercise.id, exercise)
        return exercise
    return register


def test_half_a_unit_of_the_last_place_asked(toy):
    toy(decimals=2)
    for right in (0.31659, 0.32, 0.317, 0.3166, 0.3149999):
        assert evaluate("zz.1", right).correct, right
    for wrong in (0.31, 0.33, 0.3):
        assert not evaluate("zz.1", wrong).correct, wrong
    assert "close" in evaluate("zz.1", 0.31).message and "to 2 decimals" in evaluate("zz.1", 0.31).message


def test_negative_decimals_and_significant_figures(toy):
    toy(expected=lambda: -54946.47, decimals=-3)
    assert evaluate("zz.1", -55000).correct and evaluate("zz.1", -54950).correct
    assert not evaluate("zz.1", -54000).correct
    REGISTRY["zz.1"] = _toy(expected=lambda: 0.0085596, decimals=None, significant=2)
    assert evaluate("zz.1", 0.0086).correct and not evaluate("zz.1", 0.0088).correct
    assert tolerance(0.0085596, significant=2) == pytest.approx(0.00005)


def test_exact_table_values_and_counts(toy):
    toy(expected=lambda: 1.8, decimals=2, exact=True)
    assert evaluate("zz.1", 1.80).correct and not evaluate("zz.1", 1.803).correct
    REGISTRY["zz.1"] = _toy(expected=lambda: 20, kind="count", decimals=None)
    assert evaluate("zz.1", 20.0).correct and evaluate("zz.1", np.int64(20)).correct
    assert not evaluate("zz.1", 21).correct and not evaluate("zz.1", 20.4).correct


def test_mapping_fields_are_compared_with_their_own_precision(toy):
    toy(kind="mapping", expected=lambda: {"lq": 1.974, "stars": 2, "quadrant": "emerging"}, decimals=None,
        fields={"lq": Field("number", decimals=2), "stars": Field("count")})
    assert evaluate("zz.1", {"LQ": "1.97", "stars": 2.0, "quadrant": "Emerging"}).correct
    message = evaluate("zz.1", {"lq": 1.9, "stars": 2, "quadrant": "emerging"}).message
    assert "'lq'" in message and "'stars'" not in message
    assert "no entry for 'stars'" in evaluate("zz.1", {"lq": 1.97, "quadrant": "emerging"}).message


def test_labels_sequences_and_names_are_read_from_any_container(toy):
    toy(kind="labels", expected=lambda: ["b", "c", "e"], decimals=None, options=tuple("abcde"))
    assert evaluate("zz.1", pd.Series(["e", "c", "b"])).correct
    assert "missing" in evaluate("zz.1", ["b", "c"]).message
    assert "does not belong" in evaluate("zz.1", ["a", "b", "c", "e"]).message
    assert "cannot be among the answers" in evaluate("zz.1", ["b", "c", "x"]).message
    REGISTRY["zz.1"] = _toy(kind="sequence", expected=lambda: "ULULLU", decimals=None)
    assert evaluate("zz.1", "u l u l l u").correct and evaluate("zz.1", np.array(list("ULULLU"))).correct
    assert "order" in evaluate("zz.1", "UUULLL").message
    assert "order matters" in evaluate("zz.1", set("ULULLU")).message
    REGISTRY["zz.1"] = _toy(kind="name", expected=lambda: "c", decimals=None, options=("a", "b", "c", "d"))
    for right in ("(c)", "C.", "c)", " 'c' ", ["c"]):
        assert evaluate("zz.1", right).correct, right
    assert "must be one of" in evaluate("zz.1", "e").message


def test_a_one_element_series_of_a_number_gives_its_label_for_a_name(toy):
    toy(kind="name", expected=lambda: "Kepulauan Riau", decimals=None)
    assert evaluate("zz.1", pd.Series({"Kepulauan Riau": 12.3})).correct
    assert "one name" in evaluate("zz.1", pd.Series({"Kepulauan Riau": 12.3, "Banten": 2.0})).message


# --- translatable texts -------------------------------------------------------------------------------

def test_messages_and_hints_are_translated_when_shown(monkeypatch):
    monkeypatch.setattr(checks, "_", lambda text: f"<<{text}>>")
    exercise = REGISTRY["00.3"]
    mistake = exercise.mistakes[0]
    message = evaluate("00.3", mistake.compute()).message
    assert message.startswith("<<Exercise") and f"<<{mistake.hint}>>" in message
    sixty = REGISTRY["06.1"].mistakes[1]          # a hint with a placeholder filled by a translated text
    rendered = sixty.render()
    assert rendered.startswith("<<look again at") and "<<example (" in rendered


def test_every_hint_and_prompt_renders():
    for exercise in REGISTRY.values():
        assert exercise.rendered_prompt() and "{" not in exercise.rendered_prompt()
        for mistake in exercise.mistakes:
            assert "{" not in mistake.render(exercise.args)
        assert "{" not in checks.render(exercise.hint, exercise.args)


def _calls(tree, names):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names:
            yield node


@pytest.mark.parametrize("path", sorted(CHECKS_DIR.glob("*.py")), ids=lambda p: p.name)
def test_texts_are_marked_for_translation_in_the_source(path):
    """N_() takes one plain string literal; _() a literal or a variable holding an N_-marked text, never an
    f-string, a concatenation or a text already formatted; a hint or prompt given to Exercise or Mistake is
    never a bare string literal."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for call in _calls(tree, {"_", "N_", "ngettext"}):
        for arg in call.args[:2 if call.func.id == "ngettext" else 1]:
            literal = isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            assert literal or (call.func.id == "_" and isinstance(arg, ast.Name)), (path.name, call.lineno)
    for call in _calls(tree, {"Exercise", "Mistake"}):
        texts = [kw.value for kw in call.keywords if kw.arg in ("hint", "prompt")]
        if call.func.id == "Mistake" and len(call.args) > 1:
            texts.append(call.args[1])
        for text in texts:
            assert not (isinstance(text, ast.Constant) and isinstance(text.value, str)), (path.name, call.lineno)
            assert not isinstance(text, ast.JoinedStr), (path.name, call.lineno)
            if isinstance(text, ast.Call):
                assert isinstance(text.func, ast.Name) and text.func.id == "N_", (path.name, call.lineno)


def test_the_float_slack_of_the_tolerance_is_invisible():
    assert tolerance(1.0, decimals=2) < 0.005 * (1 + 1e-6)
    assert math.isclose(tolerance(1.0, decimals=0), 0.5, rel_tol=1e-6)
