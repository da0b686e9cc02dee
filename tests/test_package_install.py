"""The course as a real package (issue 16): build the wheel, install it (not editable) into a
fresh virtual environment, and use it from a folder outside the course.

Offline: the wheel is built without build isolation and installed with --no-index; the new
environment sees the packages of the test environment through a .pth file instead of
downloading them again, and the test checks that they satisfy what the wheel declares.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from _notebooks import LESSONS, ROOT, SOLUTIONS, errors_by_cell, run_notebook, text_output
from _venv import fresh_venv, run

KERNEL = "klaster-wheel"


def course_files() -> list[str]:
    """The course's files as a clone would have them (tracked, plus new files not ignored)."""
    if shutil.which("git") and (ROOT / ".git").exists():
        out = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                             capture_output=True, text=True, check=True).stdout
        return [p for p in out.split("\0") if p and (ROOT / p).is_file()]
    skip = {".venv", ".git", "build", "dist", "my-work", "test-artifacts", "__pycache__"}
    return [p.relative_to(ROOT).as_posix() for p in ROOT.rglob("*")
            if p.is_file() and not skip & set(p.relative_to(ROOT).parts) and ".egg-info" not in str(p)]


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(python of a fresh venv with the wheel installed, the wheel, a working folder outside the course)."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    for name in course_files():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q",
         "-w", base / "dist", source])
    wheel = next((base / "dist").glob("klaster-*.whl"))
    python = fresh_venv(base / "venv")
    run([python, "-m", "pip", "install", "--no-index", "--no-deps", "--ignore-installed", "-q", wheel])
    run([python, "-m", "ipykernel", "install", "--prefix", base / "jupyter", "--name", KERNEL])
    work = base / "outside"
    work.mkdir()
    return python, wheel, work, base / "jupyter" / "share" / "jupyter"


def clean_env(work: Path) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("KLASTER_DATA_DIR", "KLASTER_COURSE_DIR", "KLASTER_WORK_DIR", "PYTHONPATH")}
    env["HOME"] = str(work)  # the work folder without a course folder is ~/klaster-work
    return env


def test_the_wheel_holds_every_subpackage_data_file_and_catalog(installed):
    _, wheel, _, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    for package in [p for p in (ROOT / "klaster").rglob("__init__.py")]:
        assert package.relative_to(ROOT).as_posix() in names
    for module in (ROOT / "klaster").rglob("*.py"):
        assert module.relative_to(ROOT).as_posix() in names, module
    for data_file in (ROOT / "data").rglob("*"):
        if data_file.is_file():
            assert "klaster/course_data/" + data_file.relative_to(ROOT / "data").as_posix() in names, data_file
    for resource in [*(ROOT / "klaster").rglob("*.po"), *(ROOT / "klaster").rglob("*.json"),
                     *(ROOT / "klaster").rglob("*.csv")]:
        assert resource.relative_to(ROOT).as_posix() in names, resource
    metadata = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("METADATA"))).decode()
    requires = [line for line in metadata.splitlines() if line.startswith("Requires-Dist:")]
    runtime = [line for line in requires if "extra ==" not in line]
    assert not any("nbformat" in line for line in runtime), "nbformat is only for building: an extra"
    assert any("nbformat" in line and 'extra == "authoring"' in line for line in requires)
    assert any("voila" in line and 'extra == "workshop"' in line for line in requires)


USE_EVERYTHING = textwrap.dedent('''
    import importlib, inspect, json, os, pkgutil, sys
    from importlib import metadata
    from pathlib import Path
    from packaging.requirements import Requirement
    import matplotlib
    matplotlib.use("Agg")
    import pandas as pd
    import klaster

    report = {"file": klaster.__file__, "prefix": sys.prefix, "cwd": os.getcwd()}
    # The wheel's own dependencies are satisfied (what pip would have installed).
    unmet = []
    for text in metadata.requires("klaster") or []:
        req = Requirement(text)
        if req.marker is None or req.marker.evaluate({"extra": ""}):
            if not req.specifier.contains(metadata.version(req.name), prereleases=True):
                unmet.append(text)
    report["unmet"] = unmet
    # Every module imports.
    modules = sorted(m.name for m in pkgutil.walk_packages(klaster.__path__, "klaster."))
    for name in modules:
        importlib.import_module(name)
    report["modules"] = modules
    # Every data file loads: each loader of the library, and every CSV with pandas.
    from klaster import cases, data, paths
    loaders = {}
    for module in (data, cases):
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            params = inspect.signature(fn).parameters.values()
            if name.startswith("load_") and fn.__module__ == module.__name__ and \\
                    all(p.default is not p.empty for p in params):
                loaders[f"{module.__name__}.{name}"] = len(fn())
    report["loaders"] = loaders
    report["data_dir"] = str(paths.data_dir())
    report["csv"] = {p.relative_to(paths.data_dir()).as_posix(): len(pd.read_csv(p))
                     for p in sorted(paths.data_dir().rglob("*.csv"))}
    report["languages"] = list(klaster.i18n.available_languages())
    # Every widget builds (and displays as a widget).
    import klaster.widgets
    from klaster.widgets.base import LessonWidget
    built = []
    for info in pkgutil.iter_modules(klaster.widgets.__path__):
        module = importlib.import_module(f"klaster.widgets.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, LessonWidget) and cls is not LessonWidget and cls.__module__ == module.__name__:
                params = inspect.signature(cls.__init__).parameters.values()
                if all(p.default is not p.empty or p.name == "self" or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
                       for p in params):
                    widget = cls()
                    assert widget.widget is not None
                    built.append(cls.__name__)
    report["widgets"] = built
    report["work_dir"] = str(paths.work_dir())
    report["course_dir"] = str(paths.course_dir())
    print(json.dumps(report))
''')


def test_everything_works_from_a_folder_outside_the_course(installed):
    python, _, work, _ = installed
    script = work / "use_everything.py"
    script.write_text(USE_EVERYTHING, encoding="utf-8")
    result = run([python, script], cwd=work, env=clean_env(work))
    report = json.loads(result.stdout.strip().splitlines()[-1])
    prefix = Path(report["prefix"])
    assert Path(report["file"]).is_relative_to(prefix) and "site-packages" in report["file"], report["file"]
    assert report["unmet"] == []
    source_modules = {".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
                      for p in (ROOT / "klaster").rglob("*.py")} - {"klaster"}
    assert source_modules <= set(report["modules"])
    assert Path(report["data_dir"]).is_relative_to(prefix) and report["data_dir"].endswith("course_data")
    shipped = {p.relative_to(ROOT / "data").as_posix() for p in (ROOT / "data").rglob("*.csv")}
    assert set(report["csv"]) == shipped and all(n > 0 for n in report["csv"].values())
    assert {"klaster.data.load_provinces", "klaster.data.load_employment_panel", "klaster.cases.load_cluster_figures"} <= set(report["loaders"])
    assert all(n > 0 for n in report["loaders"].values()), report["loaders"]
    assert "id" in report["languages"]
    assert {"StrategyApp", "ReportBuilder", "DiamondScorecard", "LQExplorer"} <= set(report["widgets"])
    assert report["course_dir"] == "None" and report["work_dir"] == str(work / "klaster-work")


def test_an_exercise_check_gives_feedback_outside_the_course(installed):
    python, _, work, _ = installed
    code = textwrap.dedent('''
        from klaster import data
        from klaster.checks import check
        provinces = data.load_provinces()
        java = ["DKI Jakarta", "Jawa Barat", "Jawa Tengah", "DI Yogyakarta", "Jawa Timur", "Banten"]
        share = provinces.loc[provinces["name"].isin(java), "population"].sum() / provinces["population"].sum()
        check("00.1", share)
        check("00.1", 0.5)
    ''')
    result = run([python, "-c", code], cwd=work, env=clean_env(work))
    assert "00.1" in result.stdout and ": correct." in result.stdout and "not yet" in result.stdout


@pytest.fixture(scope="module")
def wheel_kernel(installed):
    python, _, work, jupyter_path = installed
    saved = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = str(jupyter_path) + (os.pathsep + saved if saved else "")
    yield work, python
    if saved is None:
        os.environ.pop("JUPYTER_PATH", None)
    else:
        os.environ["JUPYTER_PATH"] = saved


def wheel_guard(python: Path) -> str:
    """First cell: the kernel is the new environment's, and klaster comes from its wheel."""
    prefix = str(python.parent.parent)
    return (f"import sys as _s, klaster as _k\n"
            f"assert _s.prefix == {prefix!r}, _s.prefix\n"
            f"assert _k.__file__.startswith({prefix!r}) and 'site-packages' in _k.__file__, _k.__file__\n"
            "del _s, _k")


@pytest.mark.parametrize("path", LESSONS + SOLUTIONS[:1], ids=[p.relative_to(ROOT).as_posix()
                                                               for p in LESSONS + SOLUTIONS[:1]])
def test_lesson_runs_on_the_installed_wheel_from_an_outside_folder(wheel_kernel, path):
    work, python = wheel_kernel
    nb = run_notebook(path, cwd=work, kernel_name=KERNEL, guard=wheel_guard(python))
    assert not errors_by_cell(nb)
    if path in SOLUTIONS:
        checks = sum(cell.source.count("check(") for cell in nb.cells if cell.cell_type == "code")
        assert checks and sum(text_output(c).count(": correct.") for c in nb.cells) == checks
