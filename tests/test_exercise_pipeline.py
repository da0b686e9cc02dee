"""solutions/ -> exercises/: build, check, never overwrite a student's work;
and the instant-feedback checks with their hints."""
from __future__ import annotations

import re
import shutil

import nbformat
import pytest

from _notebooks import ROOT, run_notebook, errors_by_cell
from klaster import checks, exercises
from klaster.checks import lesson00


def make_course(tmp_path, cells):
    """A tiny course folder with one solution notebook made of (type, source) cells."""
    (tmp_path / "solutions").mkdir()
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    for kind, source in cells:
        nb.cells.append(nbformat.v4.new_code_cell(source) if kind == "code" else nbformat.v4.new_markdown_cell(source))
    nbformat.write(nb, tmp_path / "solutions" / "01_demo.ipynb")
    return tmp_path


SAMPLE = [
    ("markdown", "# Demo\n<!-- BEGIN ANSWER NOTE -->\nSolution version.\n<!-- END ANSWER NOTE -->\nIntro."),
    ("code", "x = 1\n### BEGIN ANSWER\nanswer = x + 1\n### END ANSWER\nprint(answer)"),
    ("code", "def f():\n    ### BEGIN ANSWER\n    return 42\n    ### END ANSWER"),
    ("markdown", "Why?\n\n### BEGIN ANSWER\nBecause.\n### END ANSWER"),
]


def test_build_replaces_solutions_with_prompts(tmp_path):
    root = make_course(tmp_path, SAMPLE)
    assert exercises.build(root) == 0
    nb = nbformat.read(root / "exercises" / "01_demo.ipynb", as_version=4)
    intro, code, function, written = (c.source for c in nb.cells)
    assert "Solution version" not in intro and "Intro." in intro
    assert "answer = x + 1" not in code and "raise NotImplementedError" in code
    assert code.startswith("x = 1") and code.endswith("print(answer)")
    assert "    raise NotImplementedError" in function and "42" not in function
    assert "Because" not in written and exercises.MARKDOWN_PROMPT in written
    assert nb.metadata["klaster"]["generated_from"] == "solutions/01_demo.ipynb"


def test_check_reports_stale_and_missing_exercises(tmp_path, capsys):
    root = make_course(tmp_path, SAMPLE)
    assert exercises.check(root) == 1                 # never built
    exercises.build(root)
    assert exercises.check(root) == 0
    solution = root / "solutions" / "01_demo.ipynb"
    nb = nbformat.read(solution, as_version=4)
    nb.cells[1].source = nb.cells[1].source.replace("x = 1", "x = 2")
    nbformat.write(nb, solution)
    assert exercises.check(root) == 1                 # solution changed, exercise not rebuilt
    assert "out of date: exercises/01_demo.ipynb" in capsys.readouterr().err


def test_build_never_overwrites_a_students_edits(tmp_path, capsys):
    root = make_course(tmp_path, SAMPLE)
    exercises.build(root)
    target = root / "exercises" / "01_demo.ipynb"
    nb = nbformat.read(target, as_version=4)
    nb.cells[1].source = "answer = 'my own work'"
    nbformat.write(nb, target)
    student_text = target.read_text()
    solution = root / "solutions" / "01_demo.ipynb"
    sol = nbformat.read(solution, as_version=4)
    sol.cells[0].source += "\nNew paragraph."
    nbformat.write(sol, solution)
    assert exercises.build(root) == 1
    assert target.read_text() == student_text
    assert "it has been edited since it was built" in capsys.readouterr().err
    assert exercises.build(root, force=True) == 0
    assert "my own work" not in target.read_text()


@pytest.mark.parametrize("source, problem", [
    ("### BEGIN ANSWER\nx = 1", "never closed"),
    ("x = 1\n### END ANSWER", "without"),
    ("### BEGIN ANSWER\n### BEGIN ANSWER\n### END ANSWER", "inside another"),
])
def test_malformed_markers_are_reported(tmp_path, capsys, source, problem):
    root = make_course(tmp_path, [("markdown", "# T"), ("code", source)])
    assert exercises.main(["build", "--root", str(root)]) == 2
    assert problem in capsys.readouterr().err


def test_repository_exercises_are_up_to_date():
    assert exercises.check(ROOT) == 0


def test_build_output_matches_for_a_copy_of_the_course(tmp_path):
    shutil.copytree(ROOT / "solutions", tmp_path / "solutions")
    exercises.build(tmp_path)
    for path in (ROOT / "exercises").glob("*.ipynb"):
        assert (tmp_path / "exercises" / path.name).read_text() == path.read_text()


# --- instant feedback -------------------------------------------------------

def test_every_registered_exercise_accepts_its_expected_value():
    for exercise_id, exercise in checks.REGISTRY.items():
        assert checks.evaluate(exercise_id, exercise.expected()).correct, exercise_id


def test_every_typical_mistake_gets_its_own_hint():
    for exercise_id, exercise in checks.REGISTRY.items():
        for mistake in exercise.mistakes:
            wrong = mistake.compute()
            if wrong is None:      # a mistake that does not apply (the quadrant that is the answer)
                continue
            result = checks.evaluate(exercise_id, wrong)
            assert not result.correct
            assert mistake.render(exercise.args) in result.message, (exercise_id, mistake.hint)


def test_the_lq_hint_names_the_wrong_denominator():
    wrong = lesson00._micro_lq_wrong_denominator()
    message = checks.evaluate("00.3", wrong).message
    assert "you divided by the national total instead of the regional total" in message


@pytest.mark.parametrize("unanswered", [None, ..., NotImplemented, "", "   "])
def test_unanswered_exercises_fail(unanswered):
    result = checks.evaluate("00.1", unanswered)
    assert not result.correct and "not answered yet" in result.message


def test_messages_never_reveal_the_answer(capsys):
    for exercise_id, exercise in checks.REGISTRY.items():
        expected = exercise.expected()
        for answer in (0.123, "Nowhere", None, *[m.compute() for m in exercise.mistakes]):
            message = checks.evaluate(exercise_id, answer).message
            if exercise.kind == "number":
                for digits in (2, 3, 4):
                    assert f"{expected:.{digits}f}" not in message
            elif exercise.options:  # multiple choice: the options are public, the choice must not be given
                assert f"answer is {str(expected).lower()}" not in message.lower()
            elif len(str(expected)) > 3:  # the answer as a word of its own ("as_smart" does not give away "smart")
                assert not re.search(rf"(?<!\w){re.escape(str(expected).lower())}(?!\w)", message.lower()), message
            else:  # a short label such as "b": it must not be quoted as the answer
                label = str(expected).lower()
                assert f"'{label}'" not in message.lower() and f"answer is {label}" not in message.lower()


def test_percentage_and_wrong_type_answers_get_specific_hints():
    expected = checks.REGISTRY["00.1"].expected()
    assert "percentage" in checks.evaluate("00.1", expected * 100).message
    assert "single number" in checks.evaluate("00.1", [1, 2]).message
    assert "not True or False" in checks.evaluate("00.1", True).message


def test_check_prints_and_unknown_exercise_is_explained(capsys):
    checks.check("00.2", "Jawa Barat")
    out = capsys.readouterr().out
    assert out.startswith("\u274c") and "most people" in out
    with pytest.raises(ValueError, match="There is no exercise '99.9'"):
        checks.evaluate("99.9", 1)


def test_multiple_choice_answers_outside_the_options_are_explained():
    result = checks.evaluate("04.7", "booming")
    assert not result.correct and "must be one of" in result.message and "'emerging'" in result.message


def test_name_answers_ignore_case_and_spacing():
    expected = checks.REGISTRY["00.2"].expected()
    assert checks.evaluate("00.2", "  " + expected.upper().replace(" ", "  ") + " ").correct


def test_a_wrong_student_answer_in_the_exercise_notebook_gets_the_hint(tmp_path):
    # Fill the exercise as a student who made the classic LQ mistake would.
    source = ROOT / "exercises" / "00_practice.ipynb"
    nb = nbformat.read(source, as_version=4)
    for cell in nb.cells:
        if "check(\"00.3\"" in cell.source:
            cell.source = cell.source.replace(
                exercises.CODE_PROMPT[1],
                'lq_micro = workers_2013.loc["Jawa Tengah", "micro"] / workers_2013["micro"].sum()')
    target = tmp_path / "00_practice.ipynb"
    nbformat.write(nb, target)
    shutil.copytree(ROOT / "data", tmp_path / "data")
    executed = run_notebook(target, allow_errors=True)
    lq_cell = next(c for c in executed.cells if "check(\"00.3\"" in c.source)
    text = "".join(o.get("text", "") for o in lq_cell.outputs)
    assert "divided by the national total instead of the regional total" in text
    assert len(errors_by_cell(executed)) == 2  # the two exercises still unanswered


def test_a_translated_solution_becomes_an_exercise_with_prompts_in_its_language(tmp_path):
    root = make_course(tmp_path, SAMPLE)
    (root / "solutions" / "id").mkdir()
    nb = nbformat.read(root / "solutions" / "01_demo.ipynb", as_version=4)
    nb.metadata["klaster"] = {"language": "id"}
    nbformat.write(nb, root / "solutions" / "id" / "01_demo_id.ipynb")
    assert exercises.build(root) == 0
    built = nbformat.read(root / "exercises" / "id" / "01_demo_id.ipynb", as_version=4)
    code_prompt, markdown_prompt = exercises.prompts("id")
    assert code_prompt != exercises.CODE_PROMPT and markdown_prompt != exercises.MARKDOWN_PROMPT
    assert code_prompt[1] in built.cells[1].source and markdown_prompt in built.cells[3].source
    assert built.metadata["klaster"]["generated_from"] == "solutions/id/01_demo_id.ipynb"
    assert exercises.check(root) == 0
    (root / "solutions" / "id" / "01_demo_id.ipynb").unlink()
    assert exercises.check(root) == 1, "an exercise without its solution is reported"
