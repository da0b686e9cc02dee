"""Colab and Binder (issue 16): every notebook has its launch cells, the Colab install cell does
nothing outside Colab, klaster switches on Colab's widget manager, the links come from one place."""
from __future__ import annotations

import re
import subprocess
import sys
import textwrap
import types

import nbformat
import pytest

from _notebooks import ALL_NOTEBOOKS, EXERCISES, ROOT, WORKSHOP, language_of
from klaster import colab, launch
from klaster.i18n import use_language

import importlib.util  # noqa: E402

REAL_FIND_SPEC = importlib.util.find_spec
ids = lambda paths: [p.relative_to(ROOT).as_posix() for p in paths]  # noqa: E731


def test_no_notebook_lacks_its_launch_cells_or_links():
    """Fails when a notebook was added or edited without `python -m klaster.launch` (or exercises not rebuilt)."""
    assert launch.stale(ROOT) == []
    assert launch.main(["--check"]) == 0


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=ids(ALL_NOTEBOOKS))
def test_title_first_then_the_links_then_the_install_cell(path):
    nb = nbformat.read(path, as_version=4)
    relative = path.relative_to(ROOT).as_posix()
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.lstrip().startswith("# ")
    kinds = [c.metadata.get(launch.MARK) for c in nb.cells if c.metadata.get(launch.MARK)]
    if path in WORKSHOP:
        assert kinds == ["install"] and nb.cells[1].metadata[launch.MARK] == "install"
        return
    assert kinds == ["links", "install"]
    links, install = nb.cells[1], nb.cells[2]
    assert links.cell_type == "markdown" and install.cell_type == "code"
    assert launch.colab_url(relative) in links.source  # an exercise links to itself, not its solution
    assert launch.binder_url(relative) in links.source
    with use_language(language_of(path)):
        assert install.source == launch.install_source()


def test_apply_is_idempotent_and_repairs_a_moved_or_missing_cell():
    nb = nbformat.read(ROOT / "notebooks" / "03_location_quotients.ipynb", as_version=4)
    before = nbformat.writes(nb)
    assert launch.apply(nb, "notebooks/03_location_quotients.ipynb") is False
    assert nbformat.writes(nb) == before
    moved = nb.cells.pop(2)
    nb.cells.append(moved)
    del nb.cells[1]
    assert launch.apply(nb, "notebooks/03_location_quotients.ipynb") is True
    assert nbformat.writes(nb) == before
    fresh = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Title"),
                                            nbformat.v4.new_code_cell("x = 1")])
    assert launch.apply(fresh, "exercises/99_new.ipynb", add=False) is False and len(fresh.cells) == 2
    assert launch.apply(fresh, "solutions/99_new.ipynb") is True
    assert [c.metadata.get(launch.MARK) for c in fresh.cells] == [None, "links", "install", None]
    assert launch.apply(fresh, "solutions/99_new.ipynb") is False


def run_install_cell(monkeypatch, in_colab: bool, installed: bool) -> list:
    calls = []
    import importlib.util
    import subprocess as sp
    monkeypatch.setattr(sp, "run", lambda *a, **k: calls.append((a, k)))
    real_find_spec = REAL_FIND_SPEC
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: (real_find_spec(name, *a) if installed or name != "klaster" else None))
    if in_colab:
        monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    else:
        monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    exec(compile(launch.install_source(), "install-cell", "exec"), {})
    return calls


def test_the_install_cell_does_nothing_outside_colab(monkeypatch):
    assert run_install_cell(monkeypatch, in_colab=False, installed=False) == []
    assert run_install_cell(monkeypatch, in_colab=False, installed=True) == []


def test_the_install_cell_installs_the_course_in_colab_once(monkeypatch):
    calls = run_install_cell(monkeypatch, in_colab=True, installed=False)
    assert len(calls) == 1
    (command,), kwargs = calls[0]
    assert command[1:4] == ["-m", "pip", "install"] and command[-1] == launch.install_requirement()
    assert launch.install_requirement().endswith(f"git+https://github.com/{launch.GITHUB_REPOSITORY}@{launch.BRANCH}")
    assert kwargs == {"check": True}
    assert run_install_cell(monkeypatch, in_colab=True, installed=True) == []  # already there: nothing


FAKE_COLAB = textwrap.dedent('''
    import sys, types
    calls = []
    google = types.ModuleType("google"); google.__path__ = []
    colab = types.ModuleType("google.colab"); colab.__path__ = []
    output = types.ModuleType("google.colab.output")
    output.enable_custom_widget_manager = lambda: calls.append("enabled")
    colab.output = output; google.colab = colab
    sys.modules.update({"google": google, "google.colab": colab, "google.colab.output": output})
''')


@pytest.mark.parametrize("module", ["klaster", "klaster.widgets"])
def test_importing_klaster_in_colab_switches_on_its_widget_manager(module):
    code = FAKE_COLAB + f"import {module}\nprint(calls)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['enabled']"


def test_outside_colab_the_widget_manager_is_left_alone(monkeypatch):
    monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    monkeypatch.setitem(colab._state, "enabled", False)
    assert colab.enable_widgets() is False


def test_a_colab_without_the_call_gets_one_sentence(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    monkeypatch.setitem(colab._state, "enabled", False)
    assert colab.enable_widgets() is False
    err = capsys.readouterr().err
    assert "could not switch on Colab's widget manager" in err and "enable_custom_widget_manager" in err


def test_links_come_from_the_one_repository_constant():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert launch.binder_url(launch.START_PAGE) in readme
    assert launch.binder_url("workshop/calculators.ipynb", app="voila") in readme
    assert launch.colab_url(launch.START_PAGE) in readme
    guide = (ROOT / "docs" / "classroom_server.md").read_text(encoding="utf-8")
    assert launch.nbgitpuller_url("https://hub.example.ac.id") in guide
    owner_name = launch.GITHUB_REPOSITORY
    for path in ALL_NOTEBOOKS:
        text = path.read_text(encoding="utf-8")
        other = {part.split("/blob/")[0] for part in text.split("colab.research.google.com/github/")[1:]}
        assert other <= {owner_name}, f"{path.name} links to another repository: {other}"


def test_nbgitpuller_link_opens_the_start_page_in_the_clone():
    url = launch.nbgitpuller_url("https://hub.example.ac.id/")
    assert url.startswith("https://hub.example.ac.id/hub/user-redirect/git-pull?")
    from urllib.parse import parse_qs, urlparse
    query = parse_qs(urlparse(url).query)
    assert query["repo"] == [launch.repository_url()] and query["branch"] == [launch.BRANCH]
    assert query["urlpath"] == [f"lab/tree/{launch.GITHUB_REPOSITORY.split('/')[1]}/{launch.START_PAGE}"]


def test_exercises_point_at_themselves():
    for path in EXERCISES:
        nb = nbformat.read(path, as_version=4)
        assert f"blob/{launch.BRANCH}/{path.relative_to(ROOT).as_posix()}" in nb.cells[1].source
        assert "solutions/" not in nb.cells[1].source


@pytest.mark.parametrize("guide", ["README.id.md", "docs/id/classroom_server.md", "docs/id/instructor_guide.md"])
def test_the_indonesian_guides_links_name_the_courses_repository(guide):
    """The Indonesian guides carry their Binder/Colab/GitHub links written out (klaster.launch rewrites only
    the English ones), so when GITHUB_REPOSITORY changes this test names the links to bring up to date."""
    text = (ROOT / guide).read_text(encoding="utf-8")
    links = re.findall(r"https://(?:mybinder\.org/v2/gh|colab\.research\.google\.com/github|github\.com)/"
                       r"([^/\s)]+/[^/\s)?@\"]+)", text)
    links += ["/".join(pair) for pair in re.findall(r"github\.com%2F([^%&\s]+)%2F([^%&\s]+)", text)]
    stale = sorted({repo for repo in links if repo != launch.GITHUB_REPOSITORY})
    assert not stale, f"{guide} links to {stale}; the course is {launch.GITHUB_REPOSITORY} (klaster/launch.py)"
