"""README's two Quick start commands, course.py behind them, and .ci/run."""
from __future__ import annotations

import importlib.util
import re
import subprocess
import sys

import pytest

from _notebooks import ROOT


def load_course_script():
    spec = importlib.util.spec_from_file_location("course_script", ROOT / "course.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def quick_start_blocks() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## Quick start\n(.*?)(?=^## )", readme, flags=re.S | re.M).group(1)
    return [b.strip() for b in re.findall(r"```[a-z]*\n(.*?)```", section, flags=re.S)]


def test_quick_start_has_exactly_two_portable_commands():
    blocks = quick_start_blocks()
    assert blocks == ["python course.py", "python course.py test"]
    for command in blocks:
        assert "&&" not in command and "\n" not in command and "make" not in command.split()


def test_ci_runs_exactly_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    commands = [line.strip() for line in ci.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert commands[-1] == quick_start_blocks()[1]
    assert any("venv" in line for line in commands)


def test_requirements_name_the_four_packages_and_the_course():
    lines = [l.split("#")[0].strip() for l in (ROOT / "requirements.txt").read_text().splitlines()]
    names = {re.split(r"[<>=!~ ]", l)[0].lower() for l in lines if l}
    assert {"jupyterlab", "pandas", "matplotlib", "ipywidgets", "-e"} <= names | {l.split()[0] for l in lines if l}
    assert "-e ." in lines
    for package in ("jupyterlab", "pandas", "matplotlib", "ipywidgets"):
        assert any(re.match(rf"{package}>=\d", l) for l in lines), f"{package} needs a tested lower bound"
    assert "-r requirements.txt" in (ROOT / "requirements-test.txt").read_text()


def test_course_script_reuses_an_active_environment(monkeypatch):
    course = load_course_script()
    monkeypatch.setattr(sys, "prefix", "/some/venv")
    monkeypatch.setattr(sys, "base_prefix", "/usr")
    assert course.in_virtual_environment()
    assert course.python_for_course() == course.Path(sys.executable)


def test_course_script_points_at_a_private_venv_otherwise(monkeypatch):
    course = load_course_script()
    monkeypatch.setattr(sys, "prefix", "/usr")
    monkeypatch.setattr(sys, "base_prefix", "/usr")
    monkeypatch.delenv("CONDA_PREFIX", raising=False)
    assert not course.in_virtual_environment()
    assert course.venv_python(course.Path("x")).parts[-2] in ("bin", "Scripts")


def test_requirements_fingerprint_changes_with_included_files(tmp_path, monkeypatch):
    course = load_course_script()
    (tmp_path / "pyproject.toml").write_text("[project]\n")
    (tmp_path / "requirements.txt").write_text("pandas>=2\n")
    (tmp_path / "requirements-test.txt").write_text("-r requirements.txt\npytest\n")
    monkeypatch.setattr(course, "ROOT", tmp_path)
    before = course.requirements_fingerprint(tmp_path / "requirements-test.txt")
    (tmp_path / "requirements.txt").write_text("pandas>=2.2\n")
    assert course.requirements_fingerprint(tmp_path / "requirements-test.txt") != before


def test_course_script_explains_an_unknown_command():
    result = subprocess.run([sys.executable, str(ROOT / "course.py"), "tset"], capture_output=True, text=True)
    assert result.returncode == 1
    assert "Unknown command 'tset'" in result.stderr and "Traceback" not in result.stderr


def test_skips_install_when_requirements_unchanged(tmp_path, monkeypatch, capsys):
    course = load_course_script()
    calls = []
    monkeypatch.setattr(course.subprocess, "run", lambda *a, **k: calls.append(a) or _Done(str(tmp_path)))
    marker = tmp_path / "klaster-requirements.txt.sha256"
    marker.write_text(course.requirements_fingerprint(ROOT / "requirements.txt"))
    course.install(course.Path(sys.executable), "requirements.txt")
    assert len(calls) == 1  # only the sys.prefix query, no pip
    assert "already installed" in capsys.readouterr().out


class _Done:
    def __init__(self, stdout):
        self.stdout = stdout
        self.returncode = 0


def test_course_script_id_opens_the_indonesian_start_page(monkeypatch, capsys):
    course = load_course_script()
    opened = []
    monkeypatch.setattr(course, "python_for_course", lambda: course.Path(sys.executable))
    monkeypatch.setattr(course, "install", lambda python, requirements: None)
    monkeypatch.setattr(course.subprocess, "run", lambda command, **kwargs: opened.append(command) or _Done(""))
    assert course.main(["id"]) == 0
    assert opened[-1][-1] == str(course.START_NOTEBOOK_ID)
    assert course.START_NOTEBOOK_ID.as_posix() == "notebooks/id/00_mulai_di_sini.ipynb"
    assert "bahasa Indonesia" in capsys.readouterr().out
    assert course.main([]) == 0 and opened[-1][-1] == str(course.START_NOTEBOOK)
