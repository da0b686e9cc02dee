"""The nbgrader course source generated from solutions/, and the autograder tests' answer records
and verdicts (fast; without running nbgrader, except for its preprocessor class where installed).
The end-to-end run with real nbgrader is tests/test_nbgrader_course.py."""
from __future__ import annotations

import decimal
import json
import os
import re

import nbformat
import numpy as np
import pandas as pd
import pytest

from _notebooks import ROOT
from klaster import exercises, grading, i18n, nbgrader_export
from klaster.checks import REGISTRY, evaluate
from klaster.i18n.po import Catalog, Entry


def make_root(tmp_path, cells, name="03_demo.ipynb", folder="solutions"):
    (tmp_path / folder).mkdir(parents=True, exist_ok=True)
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    for kind, source in cells:
        nb.cells.append(nbformat.v4.new_code_cell(source) if kind == "code" else nbformat.v4.new_markdown_cell(source))
    nbformat.write(nb, tmp_path / folder / name)
    return tmp_path


SAMPLE = [
    ("markdown", "# Demo\n<!-- BEGIN ANSWER NOTE -->\nSolution version only.\n<!-- END ANSWER NOTE -->\nIntro."),
    ("code", "from klaster.checks import check\nfrom klaster import examples\ntowns = examples.batik_towns()"),
    ("markdown", "## Exercise 03.1 — By hand\nCompute it."),
    ("code", "x = 1\n### BEGIN ANSWER\nlq = 1.25\n### END ANSWER\nprint(lq)\ncheck(\"03.1\", lq)"),
    ("markdown", "Why is it fragile?\n\n### BEGIN ANSWER\nBecause one plant.\n### END ANSWER\n"
                 "## Exercise 03.2 — Library\nNow with the library."),
    ("code", "def f():\n    ### BEGIN ANSWER\n    return 3.0\n    ### END ANSWER\ncheck('03.2', f())"),
    ("markdown", "## The written parts\n**A.**\n\n### BEGIN ANSWER\nFirst.\n### END ANSWER\n**B.**\n\n"
                 "### BEGIN ANSWER\nSecond.\n### END ANSWER"),
    ("markdown", "## Summary\nDone."),
]


def nbgrader_cells(nb):
    return [(c.cell_type, c.metadata["nbgrader"]) for c in nb.cells if "nbgrader" in c.metadata]


def test_answers_become_solution_cells_tests_and_manual_cells(tmp_path):
    root = make_root(tmp_path / "repo", SAMPLE)
    dest = tmp_path / "course"
    [exported] = nbgrader_export.export(dest, root=root, quiet=True)
    nb = nbformat.read(dest / "source" / "03_demo" / "03_demo.ipynb", as_version=4)
    text = "\n".join(c.source for c in nb.cells)
    assert "Solution version only" not in text and "BEGIN ANSWER" not in text and "Intro." in text
    by_id = {m["grade_id"]: (kind, m, c) for c in nb.cells if "nbgrader" in c.metadata
             for kind, m in [(c.cell_type, c.metadata["nbgrader"])]}
    assert list(by_id) == ["klaster_points", "answer_03_1", "test_03_1", "written_03_1w", "answer_03_2",
                           "test_03_2", "written_03_w1", "written_03_w2"]
    # the code answer: an nbgrader solution region with the course's own instruction beside it
    kind, meta, cell = by_id["answer_03_1"]
    assert meta["solution"] and not meta["grade"]
    assert cell.source.split("\n")[1:5] == ["# " + nbgrader_export.CODE_PROMPT, "### BEGIN SOLUTION", "lq = 1.25",
                                            "### END SOLUTION"]
    assert "    ### BEGIN SOLUTION" in by_id["answer_03_2"][2].source      # indentation kept
    # the test right after it: locked, graded, with points, and nothing but the recording call
    kind, meta, cell = by_id["test_03_1"]
    assert meta["grade"] and meta["locked"] and not meta["solution"] and meta["points"] == 1
    assert cell.source.split("\n")[1:] == ["from klaster.grading import graded", 'graded("03.1", lq)']
    assert by_id["test_03_2"][2].source.endswith('graded("03.2", f())')
    assert nb.cells.index(by_id["test_03_1"][2]) == nb.cells.index(by_id["answer_03_1"][2]) + 1
    # written answers: each its own manually graded cell; the text around them stays
    kind, meta, cell = by_id["written_03_1w"]
    assert kind == "markdown" and meta["solution"] and meta["grade"] and meta["points"] == 2
    assert "Because one plant." in cell.source and "Why is it fragile?" not in cell.source
    assert any(c.source == "Why is it fragile?" for c in nb.cells)
    assert any(c.source.startswith("## Exercise 03.2") for c in nb.cells)
    assert "First." in by_id["written_03_w1"][2].source and "Second." in by_id["written_03_w2"][2].source
    # the points, in total and per exercise
    grading_cell = by_id["klaster_points"][2].source
    assert "worth 8 points: 2 for the checked exercises" in grading_cell and "6 for the written answers" in grading_cell
    assert "03.1: 1; 03.1w (written): 2; 03.2: 1" in grading_cell
    assert exported.total == 8 and nb.metadata["klaster"]["points"] == {"total": 8, "autograded": 2, "manual": 6}
    assert {c.id for c in nb.cells} == {f"k{i:03d}" for i in range(len(nb.cells))}
    assert (dest / "nbgrader_config.py").read_text().rstrip().endswith("configure(c)")


def test_points_are_set_in_one_file(tmp_path):
    root = make_root(tmp_path / "repo", SAMPLE)
    dest = tmp_path / "course"
    nbgrader_export.export(dest, root=root, quiet=True)
    points = json.loads((dest / "klaster_points.json").read_text())
    assert points["default"] == {"checked": 1, "written": 2} and points["points"] == {}
    points["default"]["checked"] = 2
    points["points"] = {"03.2": 5, "03.w2": 0.5}
    (dest / "klaster_points.json").write_text(json.dumps(points))
    [exported] = nbgrader_export.export(dest, root=root, quiet=True)
    assert {i.id: i.points for i in exported.items} == {"03.1": 2, "03.1w": 2, "03.2": 5, "03.w1": 2, "03.w2": 0.5}
    nb = nbformat.read(exported.path, as_version=4)
    assert "worth 11.5 points" in nb.cells[1].source
    assert "Points: 5." in next(c.source for c in nb.cells if 'graded("03.2"' in c.source)
    points["points"] = {"03.9": 1}
    (dest / "klaster_points.json").write_text(json.dumps(points))
    with pytest.raises(exercises.BuildError, match="03.9"):
        nbgrader_export.export(dest, root=root, quiet=True)
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    (fresh / "klaster_points.json").write_text(json.dumps(points))
    with pytest.raises(exercises.BuildError):
        nbgrader_export.export(fresh, root=root, quiet=True)
    assert not (fresh / "source").exists() and not (fresh / "nbgrader_config.py").exists()   # nothing half-written
    points["points"] = {"03.1": -1}
    (dest / "klaster_points.json").write_text(json.dumps(points))
    with pytest.raises(exercises.BuildError, match="at least 0"):
        nbgrader_export.export(dest, root=root, quiet=True)


def test_every_solutions_folder_is_exported_in_its_language(tmp_path, monkeypatch):
    indonesian = [("code", 'import klaster\nklaster.set_language("id")\nfrom klaster.checks import check')] + SAMPLE[2:4]
    root = make_root(tmp_path / "repo", SAMPLE)
    make_root(root, indonesian, folder="solutions/id")
    fake = Catalog(entries=[Entry(msgid=nbgrader_export.CODE_PROMPT, msgstr="[id] kode"),
                            Entry(msgid=nbgrader_export.TEST_COMMENT, msgstr="[id] uji {id}, poin {points}")])
    monkeypatch.setattr(i18n, "_catalog", lambda code, domain="klaster": fake)
    exported = nbgrader_export.export(tmp_path / "course", root=root, quiet=True)
    assert [(e.assignment, e.language) for e in exported] == [("03_demo", "en"), ("03_demo_id", "id")]
    english, bahasa = (nbformat.read(e.path, as_version=4) for e in exported)
    assert bahasa.metadata["klaster"]["language"] == "id"
    assert "# [id] kode" in "\n".join(c.source for c in bahasa.cells)
    assert "# [id] uji 03.1, poin 1" in "\n".join(c.source for c in bahasa.cells)
    assert "[id]" not in "\n".join(c.source for c in english.cells)
    assert i18n.language() == "en"                                   # the generator leaves the language alone
    only = nbgrader_export.export(tmp_path / "only", root=root, languages=["id"], quiet=True)
    assert [e.assignment for e in only] == ["03_demo_id"]
    make_root(root, [("code", 'import klaster\nklaster.set_language("en")')] + SAMPLE[2:4], folder="solutions/id")
    with pytest.raises(exercises.BuildError, match="set_language"):
        nbgrader_export.export(tmp_path / "wrong", root=root, quiet=True)


def test_command_line(tmp_path, capsys):
    root = make_root(tmp_path / "repo", SAMPLE)
    assert exercises.main(["nbgrader", str(tmp_path / "course"), "--root", str(root)]) == 0
    assert "wrote source/03_demo/03_demo.ipynb (8 points)" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        exercises.main(["nbgrader", "--root", str(root)])
    assert "needs the folder" in capsys.readouterr().err
    empty = tmp_path / "empty"
    (empty / "solutions").mkdir(parents=True)
    assert exercises.main(["nbgrader", str(tmp_path / "c2"), "--root", str(empty)]) == 2


def test_the_real_course_is_exported_whole(tmp_path):
    exported = nbgrader_export.export(tmp_path / "course", root=ROOT, languages=["en"], quiet=True)
    assert len(exported) == len(list((ROOT / "solutions").glob("*.ipynb")))
    checked = [i.id for e in exported for i in e.items if i.kind == "checked"]
    assert sorted(checked) == sorted(REGISTRY)                       # every registered exercise is autograded once
    blocks = sum(len(re.findall(r"^### BEGIN ANSWER$", c.source, flags=re.M))
                 for path in (ROOT / "solutions").glob("*.ipynb")
                 for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown")
    written = [i for e in exported for i in e.items if i.kind == "written"]
    assert len(written) == blocks and len({(w.id, w.grade_id) for w in written}) == blocks
    for e in exported:
        nb = nbformat.read(e.path, as_version=4)
        nbformat.validate(nb)
        assert not any("BEGIN ANSWER" in c.source for c in nb.cells)
        grade_ids = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells if "nbgrader" in c.metadata]
        assert len(grade_ids) == len(set(grade_ids))
        assert all(re.fullmatch(r"[A-Za-z0-9_-]+", g) for g in grade_ids)


# --- answer records and verdicts -----------------------------------------------------------

class Named:
    def __str__(self):
        return "Kepulauan Riau"


ANSWERS = [1.25, np.float64(1.25), 1, np.int64(20), 20.0, "1.25", "Kepulauan Riau", np.str_("Kepulauan Riau"),
           " kepulauan  riau ", None, Ellipsis, NotImplemented, True, np.bool_(False), float("nan"), float("inf"),
           pd.Series([1.25]), pd.Series([1.25, 2.0]), np.array([[20]]), pd.DataFrame({"a": [1.25]}), [1.25],
           {"a": 1}, Named(), decimal.Decimal("1.25"), "", "   ", 3 + 0j]


def record_outputs(exercise_id, answer):
    record = {"version": 1, "exercise": exercise_id, "answer": grading.encode_answer(answer)}
    json.dumps(record, allow_nan=False)                      # plain JSON, nothing to unpickle
    return [{"output_type": "display_data", "metadata": {},
             "data": {grading.MIME_TYPE: json.loads(json.dumps(record))}}]


@pytest.mark.parametrize("exercise_id", ["03.1", "03.3", "03.5", "04.5"])
def test_the_graders_verdict_is_the_checks_verdict(exercise_id):
    """Whatever the student's answer is, the grader decides as check() would in the student's kernel."""
    for answer in ANSWERS + [REGISTRY[exercise_id].expected()]:
        assert grading.verdict(exercise_id, record_outputs(exercise_id, answer)).correct \
            == evaluate(exercise_id, answer).correct, repr(answer)
    assert grading.verdict(exercise_id, record_outputs(exercise_id, REGISTRY[exercise_id].expected())).correct


@pytest.mark.parametrize("outputs", [
    [],
    [{"output_type": "error", "ename": "NameError", "evalue": "name 'lq' is not defined", "traceback": []}],
    record_outputs("03.1", 1.25) * 2,                                         # two answers
    record_outputs("03.2", 1.25),                                             # another exercise's record
    [{"output_type": "display_data", "data": {grading.MIME_TYPE: "not json"}}],
    [{"output_type": "display_data", "data": {grading.MIME_TYPE: {"exercise": "03.1", "answer": "1.25"}}}],
    [{"output_type": "display_data", "data": {grading.MIME_TYPE: {
        "exercise": "03.1", "answer": {"type": "array", "shape": [2], "values": [{"type": "float", "value": 1.25}]}}}}],
    [{"output_type": "display_data", "data": {grading.MIME_TYPE: {
        "exercise": "03.1", "answer": {"type": "float", "value": True}}}}],
    [{"output_type": "stream", "name": "stdout", "text": "Exercise 03.1: correct. Well done!"}],
])
def test_a_missing_or_forged_record_is_never_correct(outputs):
    result = grading.verdict("03.1", outputs)
    assert not result.correct and "03.1" in result.message
    assert repr(REGISTRY["03.1"].expected()) not in result.message


def test_kernel_side_test_checks_outside_autograding_only(monkeypatch, capsys):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    with pytest.raises(AssertionError) as failed:
        grading.graded("03.1", REGISTRY["03.1"].mistakes[0].compute())
    assert REGISTRY["03.1"].mistakes[0].hint in str(failed.value)
    assert repr(REGISTRY["03.1"].expected()) not in str(failed.value)
    grading.graded("03.1", REGISTRY["03.1"].expected())
    assert "correct" in capsys.readouterr().out
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    with pytest.raises(AssertionError):                               # plain nbgrader: the kernel still checks
        grading.graded("03.1", "wrong")
    monkeypatch.setenv("KLASTER_VERDICTS_BY_GRADER", "1")
    grading.graded("03.1", "wrong")                                   # with the plugin: it records, the grader decides


def test_nbgrader_preprocessor_replaces_the_kernels_outputs(monkeypatch):
    plugin = pytest.importorskip("klaster.nbgrader_plugin", exc_type=ImportError)
    from traitlets.config import Config
    from nbgrader.preprocessors import SaveAutoGrades

    def test_cell(answer, outputs=None):
        cell = nbformat.v4.new_code_cell('# test\nfrom klaster.grading import graded\ngraded("03.1", lq)')
        cell.metadata["nbgrader"] = {"grade": True, "grade_id": "test_03_1", "locked": True, "points": 1,
                                     "solution": False, "schema_version": 3}
        cell.outputs = [nbformat.from_dict(o) for o in (outputs or record_outputs("03.1", answer))]
        return cell

    nb = nbformat.v4.new_notebook(cells=[
        test_cell(1.25),
        test_cell(0.5, [{"output_type": "stream", "name": "stdout", "text": "\u2705 correct"}]),  # faked in kernel
        test_cell(REGISTRY["03.1"].mistakes[0].compute()),
        nbformat.v4.new_code_cell("print(1)"),
    ])
    nb, _resources = plugin.KlasterVerdicts().preprocess(nb, {})
    right, faked, mistaken, plain = nb.cells
    assert [o.output_type for o in right.outputs] == ["stream"] and "\u2705" in right.outputs[0].text
    assert [o.output_type for o in faked.outputs] == ["error"]
    assert [o.output_type for o in mistaken.outputs] == ["error"]
    assert REGISTRY["03.1"].mistakes[0].hint in mistaken.outputs[0].evalue
    assert plain.outputs == []
    assert plugin.exercise_of_test_cell('# x\ngraded("07.2", g)') == "07.2"
    assert plugin.exercise_of_test_cell("print('graded')") is None
    c = Config()
    monkeypatch.delenv("KLASTER_VERDICTS_BY_GRADER", raising=False)
    plugin.configure(c)
    assert os.environ["KLASTER_VERDICTS_BY_GRADER"] == "1"
    pipeline = c.Autograde.autograde_preprocessors
    assert pipeline.index(plugin.KlasterVerdicts) == pipeline.index(SaveAutoGrades) - 1
    assert c.ClearSolutions.code_stub == {"python": "raise NotImplementedError()"}


def _forms(value):
    """The expected answer in the forms a student might give it (as check() accepts them)."""
    forms = [value, [value], (value,), pd.Series([value])]
    if isinstance(value, (set, frozenset, list, tuple)):
        items = sorted(value, key=repr)
        forms += [list(items), tuple(items), set(items), pd.Index(items), pd.Series(items), np.array(items),
                  ", ".join(map(str, items))]
    if isinstance(value, dict):
        forms += [dict(reversed(list(value.items()))), pd.Series(value), list(value.items())]
    if isinstance(value, str):
        forms += [value.upper(), f"  {value} ", np.array([value])]
    return forms


@pytest.mark.parametrize("exercise_id", sorted(REGISTRY))
def test_the_graders_verdict_equals_check_for_every_exercise_and_answer_form(exercise_id):
    """Every exercise, every form of its expected answer and of the odd answers: the grader agrees with check()."""
    expected = REGISTRY[exercise_id].expected()
    for answer in _forms(expected) + ANSWERS:
        assert grading.verdict(exercise_id, record_outputs(exercise_id, answer)).correct \
            == evaluate(exercise_id, answer).correct, (exercise_id, repr(answer)[:80])
