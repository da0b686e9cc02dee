"""`python course.py update` on a clone where a student has worked: nothing of theirs changes,
the new course files arrive (issue 16). Also `python course.py workshop` and the work folder."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from _notebooks import ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

COURSE_FILES = [".gitignore", "course.py", "notebooks/00_start_here.ipynb", "notebooks/04_shift_share.ipynb",
                "exercises/03_location_quotients.ipynb", "exercises/04_shift_share.ipynb"]
GIT_ENV = {"GIT_AUTHOR_NAME": "Course team", "GIT_AUTHOR_EMAIL": "team@example.org",
           "GIT_COMMITTER_NAME": "Course team", "GIT_COMMITTER_EMAIL": "team@example.org"}


def git(folder: Path, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True,
                            env={**os.environ, **GIT_ENV})
    assert result.returncode == 0, result.stderr
    return result.stdout


def edit_notebook(path: Path, text: str) -> None:
    """Append a Markdown cell, as an author or a student would in JupyterLab."""
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell(text))
    path.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")


def run_update(clone: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "course.py", "update"], cwd=clone, capture_output=True, text=True)


@pytest.fixture
def course_and_clone(tmp_path):
    """An 'author' repository with a few course files, published as a bare repository, and a student's clone."""
    author, published, clone = tmp_path / "author", tmp_path / "published.git", tmp_path / "student"
    for name in COURSE_FILES:
        (author / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / name, author / name)
    git(tmp_path, "init", "--quiet", "-b", "main", str(author))
    git(author, "add", "-A")
    git(author, "commit", "--quiet", "-m", "version 1")
    git(tmp_path, "clone", "--quiet", "--bare", str(author), str(published))
    git(author, "remote", "add", "origin", str(published))
    git(tmp_path, "clone", "--quiet", str(published), str(clone))
    return author, clone


def publish_version_2(author: Path) -> None:
    edit_notebook(author / "exercises/03_location_quotients.ipynb", "Corrected hint (version 2).")
    edit_notebook(author / "exercises/04_shift_share.ipynb", "A new exercise (version 2).")
    edit_notebook(author / "notebooks/00_start_here.ipynb", "Start page, version 2.")
    (author / "notebooks/11_new_lesson.ipynb").write_text(
        (author / "notebooks/04_shift_share.ipynb").read_text(encoding="utf-8"), encoding="utf-8")
    (author / "notes.md").write_text("The course's own notes file, new in version 2.\n", encoding="utf-8")
    git(author, "add", "-A")
    git(author, "commit", "--quiet", "-m", "version 2")
    git(author, "push", "--quiet", "origin", "main")


def student_works(clone: Path, monkeypatch) -> dict[Path, bytes]:
    """Edit an exercise, save a plan with the strategy app, write an own file, delete a lesson."""
    edit_notebook(clone / "exercises/03_location_quotients.ipynb", "My answer: the LQ is above 1.")
    (clone / "notes.md").write_text("My own notes.\n", encoding="utf-8")
    (clone / "notebooks/00_start_here.ipynb").unlink()
    monkeypatch.delenv("KLASTER_WORK_DIR", raising=False)
    monkeypatch.setenv("KLASTER_COURSE_DIR", str(clone))
    from klaster import strategy
    from klaster.widgets.strategy import StrategyApp
    app = StrategyApp(plan=strategy.jepara_case(), path="jepara_strategy.json")
    app.vision.value = "My vision for Jepara."
    app.save_button.click()
    saved = sorted((clone / "my-work").glob("*"), key=str)
    assert {p.name for p in saved} >= {"jepara_strategy.json", ".jepara_strategy.autosave.json"}
    return {p: p.read_bytes() for p in [*saved, clone / "exercises/03_location_quotients.ipynb",
                                        clone / "notes.md"]}


def test_update_keeps_the_students_work_and_brings_the_new_course(course_and_clone, monkeypatch):
    author, clone = course_and_clone
    theirs = student_works(clone, monkeypatch)
    publish_version_2(author)

    result = run_update(clone)
    assert result.returncode == 0, result.stderr
    for path, content in theirs.items():
        assert path.read_bytes() == content, f"the student's {path.name} changed"
    # The course's new versions arrive: beside the student's edited files, in place elsewhere.
    for name, new in [("exercises/03_location_quotients.ipynb", "exercises/03_location_quotients_new.ipynb"),
                      ("notes.md", "notes_new.md"), ("exercises/04_shift_share.ipynb", None),
                      ("notebooks/11_new_lesson.ipynb", None), ("notebooks/00_start_here.ipynb", None)]:
        assert (clone / (new or name)).read_bytes() == (author / name).read_bytes(), name
    assert git(clone, "rev-parse", "HEAD") == git(author, "rev-parse", "HEAD")
    assert "!! my-work/" in git(clone, "status", "--porcelain", "--ignored")  # ignored by git
    out = result.stdout
    assert "kept your exercises/03_location_quotients.ipynb" in out
    assert "exercises/03_location_quotients_new.ipynb" in out and "notes_new.md" in out
    assert "new: notebooks/11_new_lesson.ipynb" in out and "updated: exercises/04_shift_share.ipynb" in out
    assert "brought back (you had deleted it): notebooks/00_start_here.ipynb" in out

    again = run_update(clone)
    assert again.returncode == 0 and "Already up to date" in again.stdout
    for path, content in theirs.items():
        assert path.read_bytes() == content


def test_a_second_correction_goes_beside_the_first(course_and_clone):
    author, clone = course_and_clone
    edit_notebook(clone / "exercises/03_location_quotients.ipynb", "My answer.")
    mine = (clone / "exercises/03_location_quotients.ipynb").read_bytes()
    publish_version_2(author)
    assert run_update(clone).returncode == 0
    edit_notebook(author / "exercises/03_location_quotients.ipynb", "Version 3.")
    git(author, "commit", "--quiet", "-am", "version 3")
    git(author, "push", "--quiet", "origin", "main")
    result = run_update(clone)
    assert result.returncode == 0, result.stderr
    assert (clone / "exercises/03_location_quotients.ipynb").read_bytes() == mine
    assert (clone / "exercises/03_location_quotients_new2.ipynb").read_bytes() == \
        (author / "exercises/03_location_quotients.ipynb").read_bytes()
    assert "Version 3." not in (clone / "exercises/03_location_quotients_new.ipynb").read_text(encoding="utf-8")


def test_update_explains_a_copy_that_is_not_a_clone(tmp_path):
    shutil.copyfile(ROOT / "course.py", tmp_path / "course.py")
    result = run_update(tmp_path)
    assert result.returncode == 1
    assert "not a git clone" in result.stderr and "my-work/" in result.stderr
    assert "Traceback" not in result.stderr


def test_update_refuses_a_clone_with_its_own_commits_and_changes_nothing(course_and_clone):
    author, clone = course_and_clone
    edit_notebook(clone / "exercises/04_shift_share.ipynb", "Committed by the student.")
    git(clone, "commit", "--quiet", "-am", "my work")
    publish_version_2(author)
    before = (clone / "exercises/04_shift_share.ipynb").read_bytes()
    result = run_update(clone)
    assert result.returncode == 1 and "commits of its own" in result.stderr and "Traceback" not in result.stderr
    assert (clone / "exercises/04_shift_share.ipynb").read_bytes() == before


# ------------------------------------------------------------------ the work folder
def test_work_folder_is_in_the_course_folder_and_ignored(monkeypatch, tmp_path):
    from klaster import paths
    monkeypatch.delenv("KLASTER_WORK_DIR", raising=False)
    monkeypatch.delenv("KLASTER_COURSE_DIR", raising=False)
    assert paths.work_dir(create=False) == ROOT / "my-work"
    assert "my-work/" in (ROOT / ".gitignore").read_text().splitlines()
    monkeypatch.setenv("KLASTER_WORK_DIR", str(tmp_path / "elsewhere"))
    assert paths.work_dir() == tmp_path / "elsewhere" and (tmp_path / "elsewhere").is_dir()
    assert paths.in_work_dir("plan.json") == tmp_path / "elsewhere" / "plan.json"
    assert paths.in_work_dir(tmp_path / "x.json") == tmp_path / "x.json"


def test_work_folder_without_a_course_folder(monkeypatch, tmp_path):
    from klaster import paths
    monkeypatch.delenv("KLASTER_WORK_DIR", raising=False)
    monkeypatch.delenv("KLASTER_COURSE_DIR", raising=False)
    monkeypatch.setattr(paths, "COURSE_ROOT", tmp_path / "site-packages")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert paths.course_dir() is None
    assert paths.work_dir(create=False) == tmp_path / "home" / "klaster-work"
    monkeypatch.setitem(sys.modules, "google.colab", type(sys)("google.colab"))
    assert paths.work_dir(create=False) == Path("/content/my-work")


def test_every_widget_that_saves_defaults_to_the_work_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("KLASTER_WORK_DIR", str(tmp_path))
    from klaster.widgets.capstone import ReportBuilder
    from klaster.widgets.diamond import DiamondScorecard
    from klaster.widgets.strategy import StrategyApp
    card = DiamondScorecard()
    card.save_button.click()
    assert (tmp_path / "my_diamond_scores.json").is_file()
    builder = ReportBuilder()
    builder.write.click()
    assert (tmp_path / "my_cluster_profile.html").is_file()
    app = StrategyApp(path="plan.json")
    app.vision.value = "A vision."
    assert (tmp_path / ".plan.autosave.json").is_file()


# ------------------------------------------------------------------ workshop in one command
def load_course_script():
    import importlib.util
    spec = importlib.util.spec_from_file_location("course_script", ROOT / "course.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("page, notebook", [([], "workshop/calculators.ipynb"),
                                            (["strategy_tool"], "workshop/strategy_tool.ipynb"),
                                            (["workshop/strategy_tool.ipynb", "--port=8870"],
                                             "workshop/strategy_tool.ipynb"),
                                            # the Indonesian pages: the word id, or a page's Indonesian name
                                            (["id"], "workshop/id/kalkulator.ipynb"),
                                            (["alat_strategi"], "workshop/id/alat_strategi.ipynb"),
                                            (["id", "strategy_tool", "--port=8871", "--no-browser"],
                                             "workshop/id/alat_strategi.ipynb"),
                                            (["strategy", "id"], "workshop/id/alat_strategi.ipynb"),
                                            (["workshop/id/kalkulator.ipynb"], "workshop/id/kalkulator.ipynb"),
                                            (["en", "alat_strategi"], "workshop/strategy_tool.ipynb")])
def test_workshop_command_installs_the_app_mode_and_serves_the_page(monkeypatch, capsys, page, notebook):
    course = load_course_script()
    calls = []
    monkeypatch.setattr(course, "install", lambda python, req: calls.append(("install", req)))
    monkeypatch.setattr(course.subprocess, "run", lambda cmd, **kw: calls.append(("run", cmd, kw["cwd"])) or
                        type("Done", (), {"returncode": 0})())
    assert course.main(["workshop", *page]) == 0
    assert calls[0] == ("install", "requirements-workshop.txt")
    kind, command, cwd = calls[1]
    assert command[1:4] == ["-m", "voila", str(Path(notebook))] and cwd == course.ROOT
    assert (course.ROOT / notebook).is_file()
    assert command[4:] == [word for word in page if word.startswith("-")]      # the options go to Voila
    said = capsys.readouterr().out
    assert notebook in said and ("disajikan" in said) == ("/id/" in notebook)  # said in Indonesian too


def test_workshop_command_names_the_pages_for_an_unknown_one():
    result = subprocess.run([sys.executable, str(ROOT / "course.py"), "workshop", "calculator"],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "no workshop page 'calculator'" in result.stderr and "strategy_tool" in result.stderr
    assert "alat_strategi" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("words", [["id", "en"], ["calculators", "strategy_tool"]])
def test_workshop_command_takes_one_page_and_one_language(words, capsys):
    course = load_course_script()
    with pytest.raises(SystemExit):
        course.workshop_page(words)
    assert "one workshop page and at most one language" in capsys.readouterr().err


def test_workshop_command_says_how_to_build_a_missing_translated_page(monkeypatch, tmp_path, capsys):
    course = load_course_script()
    monkeypatch.setattr(course, "ROOT", tmp_path)               # a copy without workshop/id/
    with pytest.raises(SystemExit):
        course.workshop_page(["id"])
    assert "python -m klaster.i18n build" in capsys.readouterr().err
    assert course.workshop_page(["calculators"]) == Path("workshop/calculators.ipynb")


def test_installing_the_test_tools_counts_as_installing_what_they_include(tmp_path, monkeypatch):
    """`course.py test` installs requirements-test.txt; `course.py workshop` then needs no second install."""
    course = load_course_script()
    done = type("Done", (), {"returncode": 0, "stdout": str(tmp_path)})
    monkeypatch.setattr(course.subprocess, "run", lambda *a, **k: done())
    course.install(Path(sys.executable), "requirements-test.txt")
    for name in ("requirements-test.txt", "requirements.txt", "requirements-workshop.txt"):
        marker = tmp_path / f"klaster-{name}.sha256"
        assert marker.read_text() == course.requirements_fingerprint(ROOT / name), name
    calls = []
    monkeypatch.setattr(course.subprocess, "run", lambda *a, **k: calls.append(a) or done())
    course.install(Path(sys.executable), "requirements-workshop.txt")
    assert len(calls) == 1  # only the sys.prefix query: no pip
