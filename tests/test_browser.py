"""The course in a real browser: JupyterLab and Voilà driven by headless Chromium.

For every lesson: open it, run all cells, wait for the kernel to go idle, and
assert that no cell shows an error, that every widget rendered, and that
moving one control changes what a widget shows. A screenshot per lesson is
saved in test-artifacts/browser/. The suite also proves it catches a broken
widget and a failing cell.

Needs Chromium (Debian's package `chromium`, or set KLASTER_CHROMIUM) and the
Python package playwright. Without them the tests are skipped, unless
KLASTER_REQUIRE_BROWSER=1 (set by .ci/run), in which case they fail.
Run only this suite with: python course.py test tests/test_browser.py
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import nbformat
import pytest

from browser_support import CHROMIUM_FLAGS, ROOT, chromium_path, course_copy, server

def _pages(folder: str) -> list[str]:
    """Notebook paths inside ``folder``: the English ones, then the Indonesian edition's (``id/...``)."""
    base = ROOT / folder
    return sorted(p.name for p in base.glob("*.ipynb")) + sorted(f"id/{p.name}" for p in (base / "id").glob("*.ipynb"))


LESSONS = _pages("notebooks")
WORKSHOP = _pages("workshop")
ARTIFACTS = ROOT / "test-artifacts" / "browser"
REQUIRED = os.environ.get("KLASTER_REQUIRE_BROWSER") == "1"

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None


def _unavailable() -> str | None:
    if sync_playwright is None:
        return "the Python package playwright is not installed"
    if chromium_path() is None:
        return "no Chromium found (install Debian's chromium or set KLASTER_CHROMIUM)"
    return None


reason = _unavailable()
if reason and REQUIRED:
    raise RuntimeError(f"Browser tests are required here but cannot run: {reason}.")
pytestmark = [pytest.mark.browser, pytest.mark.skipif(reason is not None, reason=reason or "")]


# --- JavaScript run inside JupyterLab (window.jupyterapp is exposed by the server option) ---

KERNEL_IDLE = """() => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !!(k && k.status === 'idle' && w.content && w.content.widgets.length > 0);
}"""

RUN_ALL = "() => window.jupyterapp.commands.execute('notebook:run-all-cells')"

CELL_REPORT = """() => {
  const nb = window.jupyterapp.shell.currentWidget.content;
  const errors = [], notRun = [];
  nb.widgets.forEach((cell, i) => {
    if (cell.model.type !== 'code') return;
    if (cell.model.executionCount === null) notRun.push(i);
    for (const o of cell.model.outputs.toJSON()) {
      if (o.output_type === 'error') errors.push(`cell ${i}: ${o.ename}: ${o.evalue}`);
    }
  });
  return {errors, notRun, running: document.querySelectorAll('.jp-InputPrompt').length &&
          [...document.querySelectorAll('.jp-InputPrompt')].some(p => p.textContent.includes('*'))};
}"""

WIDGET_SIGNATURE = """() => {
  const parts = [];
  document.querySelectorAll('.jp-OutputArea-output .jupyter-widgets img').forEach(i => parts.push(i.src.length + ':' + i.src.slice(-40)));
  document.querySelectorAll('.jp-OutputArea-output .widget-html-content').forEach(h => parts.push(h.innerText));
  document.querySelectorAll('.jp-OutputArea-output .jupyter-widgets table').forEach(t => parts.push(t.innerText));
  return parts.join('|');
}"""


def widget_problems(page) -> list[str]:
    """Widgets that failed or are still loading, and how many rendered."""
    text = page.inner_text("body")
    problems = []
    if "Error displaying widget" in text or "Click to show javascript error" in text:
        problems.append("a widget failed to display")
    if re.search(r"Loading widget", text):
        problems.append("a widget is still 'Loading widget...'")
    return problems


def open_and_run(page, base: str, token: str, path: str, timeout_ms: int = 180_000) -> dict:
    try:
        return _open_and_run(page, base, token, path, timeout_ms)
    except Exception:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"FAILED-{Path(path).stem}.png"))
        raise


def _open_and_run(page, base: str, token: str, path: str, timeout_ms: int) -> dict:
    # A workspace of its own, reset: JupyterLab must not reopen notebooks from earlier tests.
    workspace = re.sub(r"[^A-Za-z0-9]+", "-", path)
    page.goto(f"{base}/lab/workspaces/{workspace}/tree/{path}?reset&token={token}", wait_until="domcontentloaded")
    page.wait_for_function(KERNEL_IDLE, timeout=timeout_ms)
    page.evaluate(RUN_ALL)
    page.wait_for_function(f"() => {{ const r = ({CELL_REPORT})(); return r.notRun.length === 0 && !r.running; }}",
                           timeout=timeout_ms)
    page.wait_for_function(KERNEL_IDLE, timeout=timeout_ms)
    try:  # widgets appear a moment after the outputs
        page.wait_for_function("() => !document.body.innerText.includes('Loading widget')", timeout=30_000)
    except Exception:
        pass
    return page.evaluate(CELL_REPORT)


def change_one_control(page) -> str:
    """Change the first dropdown (or nudge the first slider) inside a widget; return what was changed."""
    select = page.locator(".jp-OutputArea-output .widget-dropdown select").first
    if select.count():
        options = select.locator("option").all_inner_texts()
        current = select.input_value()
        values = select.locator("option").evaluate_all("os => os.map(o => o.value)")
        target = next(v for v in values if v != current)
        select.scroll_into_view_if_needed()
        select.select_option(value=target)
        return f"dropdown -> {options[values.index(target)]}"
    handle = page.locator(".jp-OutputArea-output .widget-slider .noUi-handle").first
    if handle.count():
        handle.scroll_into_view_if_needed()
        handle.focus()
        page.keyboard.press("ArrowRight")
        return "slider nudged"
    return ""


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    workdir = course_copy(tmp_path_factory.mktemp("lab"))
    settings = workdir / ".lab-settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    # Render every cell (no virtual scrolling), so every widget is in the page.
    (settings / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    notifications = workdir / ".lab-settings" / "@jupyterlab" / "apputils-extension"
    notifications.mkdir(parents=True)
    (notifications / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))  # offline: no news pop-up
    os.environ["JUPYTERLAB_SETTINGS_DIR"] = str(workdir / ".lab-settings")
    with server("lab", workdir) as (base, token):
        yield base, token, workdir
    os.environ.pop("JUPYTERLAB_SETTINGS_DIR", None)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS, headless=True)
        yield instance
        instance.close()


def shut_down_kernels(base: str, token: str) -> None:
    """Stop every kernel the server runs, so each lesson starts on a quiet machine."""
    import urllib.request
    with urllib.request.urlopen(f"{base}/api/sessions?token={token}", timeout=10) as reply:
        sessions = json.load(reply)
    for session in sessions:
        request = urllib.request.Request(f"{base}/api/sessions/{session['id']}?token={token}", method="DELETE")
        urllib.request.urlopen(request, timeout=30).close()


@pytest.fixture
def page(browser, lab):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    yield page
    context.close()
    shut_down_kernels(lab[0], lab[1])


@pytest.mark.parametrize("name", LESSONS)
def test_lesson_runs_renders_and_responds_in_the_browser(lab, page, name):
    base, token, _ = lab
    report = open_and_run(page, base, token, f"notebooks/{name}")
    assert report["errors"] == [], report["errors"]
    assert widget_problems(page) == []
    rendered = page.locator(".jp-OutputArea-output .jupyter-widgets").count()
    assert rendered > 0, "no widget rendered"
    before = page.evaluate(WIDGET_SIGNATURE)
    changed = change_one_control(page)
    assert changed, "found no dropdown or slider to move"
    page.wait_for_function(f"() => ({WIDGET_SIGNATURE})() !== {json.dumps(before)}", timeout=30_000)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name.replace('/', '-')[:-len('.ipynb')]}.png"))


def test_the_suite_catches_a_broken_widget_and_a_failing_cell(lab, page):
    base, token, workdir = lab
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_code_cell(
            "import ipywidgets as w\nfrom traitlets import Unicode\n"
            "class Broken(w.DOMWidget):\n"
            "    _view_name = Unicode('NoSuchView').tag(sync=True)\n"
            "    _view_module = Unicode('no-such-widget-module').tag(sync=True)\n"
            "    _view_module_version = Unicode('1.0.0').tag(sync=True)\n"
            "Broken()"),
        nbformat.v4.new_code_cell("1 / 0"),
    ]
    (workdir / "notebooks" / "zz_broken.ipynb").write_text(nbformat.writes(nb))
    report = open_and_run(page, base, token, "notebooks/zz_broken.ipynb")
    assert any("ZeroDivisionError" in e for e in report["errors"])
    page.wait_for_function("() => /Error displaying widget|Click to show javascript error/.test(document.body.innerText)",
                           timeout=30_000)
    assert "a widget failed to display" in widget_problems(page)


@pytest.mark.parametrize("name", WORKSHOP)
def test_workshop_app_renders_in_voila(browser, tmp_path, name):
    workdir = course_copy(tmp_path)
    with server("voila", workdir, notebook=f"workshop/{name}") as (base, token):
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{base}/?token={token}", wait_until="domcontentloaded")
        page.wait_for_selector(".jupyter-widgets", timeout=180_000)
        page.wait_for_function("() => !document.body.innerText.includes('Loading widget')", timeout=60_000)
        text = page.inner_text("body")
        assert "Error displaying widget" not in text and "Click to show javascript error" not in text
        assert "Traceback" not in text and "Error" not in page.title()
        assert "import klaster" not in text  # code is hidden
        title = nbformat.read(ROOT / "workshop" / name, as_version=4).cells[0].source.splitlines()[0].lstrip("# ")
        assert title in text  # the page in its own language: an Indonesian page shows its Indonesian title
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"voila-{name.replace('/', '-')[:-len('.ipynb')]}.png"))
        page.close()
