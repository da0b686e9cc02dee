"""In a real browser (Voilà, headless Chromium), the widgets of lessons 00-04 and 10 show every
description, button, option and caption whole, in Indonesian and in English: no label is cut
off (text wider than its box) and no text under a widget runs past 820 pixels. Screenshots of
every widget in both languages are saved in test-artifacts/browser/widths/.

Needs Chromium and playwright, like tests/test_browser.py (skipped without them unless
KLASTER_REQUIRE_BROWSER=1).
"""
from __future__ import annotations

import os

import nbformat
import pytest

from browser_support import CHROMIUM_FLAGS, ROOT, chromium_path, course_copy, server

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None

REASON = ("the Python package playwright is not installed" if sync_playwright is None else
          "no Chromium found (install Debian's chromium or set KLASTER_CHROMIUM)" if chromium_path() is None else None)
if REASON and os.environ.get("KLASTER_REQUIRE_BROWSER") == "1":
    raise RuntimeError(f"Browser tests are required here but cannot run: {REASON}.")
pytestmark = [pytest.mark.browser, pytest.mark.skipif(REASON is not None, reason=REASON or "")]

ARTIFACTS = ROOT / "test-artifacts" / "browser" / "widths"
WIDGETS = [
    ("klaster.widgets.start_here", "widgets_check()"), ("klaster.widgets.start_here", "ProvinceMapExplorer()"),
    ("klaster.widgets.cluster_test", "ClusterTest()"), ("klaster.widgets.anatomy", "ClusterMapBuilder()"),
    ("klaster.widgets.diamond", "DiamondScorecard()"), ("klaster.widgets.location_quotient", "LQCalculator()"),
    ("klaster.widgets.location_quotient", "LQExplorer()"), ("klaster.widgets.location_quotient", "StarsExplorer()"),
    ("klaster.widgets.shift_share", "ShiftShareExplorer()"),
    ("klaster.widgets.shift_share", "PortfolioExplorer(growth='relative_job_growth')"),
    ("klaster.widgets.capstone", "ReportBuilder()"),
]
LANGUAGES = ("id", "en")
PROBE = "A deliberately long description in a narrow box"   # proves that the check finds a cut label

# Every label, button and option shown whole; every text of an HTML output within 820 px of its left edge.
CUT_TEXTS = """() => {
  const found = [];
  const boxes = '.widget-label, .widget-label-basic, .widget-button, .widget-toggle-button, .widget-checkbox label';
  document.querySelectorAll(boxes).forEach(e => {
    if (e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
      found.push(`cut: "${e.innerText.trim()}" needs ${e.scrollWidth} px, has ${e.clientWidth}`);
  });
  document.querySelectorAll('.widget-dropdown select').forEach(s => {
    if (s.offsetParent === null || s.selectedIndex < 0) return;
    const c = document.createElement('canvas').getContext('2d');
    c.font = getComputedStyle(s).font;
    const needed = c.measureText(s.options[s.selectedIndex].text).width + 24;   // the arrow and the padding
    if (needed > s.clientWidth) found.push(`menu cut: "${s.options[s.selectedIndex].text}"`);
  });
  document.querySelectorAll('.widget-html-content').forEach(e => {
    if (e.offsetParent === null) return;
    const left = e.getBoundingClientRect().left;
    const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
    let node, right = 0;
    while ((node = walker.nextNode())) {
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) right = Math.max(right, r.right - left);
    }
    if (right > 822) found.push(`too wide (${Math.round(right)} px): "${e.innerText.trim().slice(0, 80)}"`);
  });
  return found;
}"""


def widths_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    cells = ["import klaster\nimport ipywidgets"]
    for code in LANGUAGES:
        cells.append(f"klaster.set_language({code!r})")
        for module, call in WIDGETS:
            title = f"<b>{code}: {call}</b>"
            cells.append(f"from {module} import {call.split('(')[0]}\nshown = {call}\n"
                         f"ipywidgets.VBox([ipywidgets.HTML({title!r}), getattr(shown, 'widget', shown)], "
                         "_dom_classes=['width-check'])")
    cells.append(f"ipywidgets.Text(description={PROBE!r}, style={{'description_width': '60px'}})")
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    return nb


def test_widget_texts_are_whole_in_both_languages(tmp_path):
    workdir = course_copy(tmp_path)
    (workdir / "widths.ipynb").write_text(nbformat.writes(widths_notebook()))
    with server("voila", workdir, notebook="widths.ipynb") as (base, token), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 2400})  # tall widgets in one piece
            page.goto(f"{base}/?token={token}", wait_until="domcontentloaded")
            page.wait_for_function(f"() => document.querySelectorAll('.width-check').length === "
                                   f"{len(WIDGETS) * len(LANGUAGES)}", timeout=300_000)
            page.wait_for_function("() => !document.body.innerText.includes('Loading widget')", timeout=60_000)
            text = page.inner_text("body")
            assert "Traceback" not in text and "Error displaying widget" not in text
            assert "Angka:" in text and "Number:" in text            # both languages are on the page
            problems = page.evaluate(CUT_TEXTS)
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            for i, box in enumerate(page.locator(".width-check").all()):
                box.scroll_into_view_if_needed()
                language = LANGUAGES[i // len(WIDGETS)]
                name = WIDGETS[i % len(WIDGETS)][1].split("(")[0]
                box.screenshot(path=str(ARTIFACTS / f"{language}-{i % len(WIDGETS):02d}-{name}.png"))
        finally:
            browser.close()
    assert [p for p in problems if PROBE in p], "the check did not find the deliberately cut label"
    problems = [p for p in problems if PROBE not in p]
    assert problems == [], "\n".join(problems)
