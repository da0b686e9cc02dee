"""Lesson notebooks carry valid slide metadata (for jupyterlab-rise)."""
import nbformat
import pytest

from _notebooks import LESSONS, ROOT
from klaster import slides


@pytest.mark.parametrize("path", LESSONS, ids=[p.name for p in LESSONS])
def test_every_cell_has_valid_slide_metadata(path):
    nb = nbformat.read(path, as_version=4)
    types = [cell.metadata.get("slideshow", {}).get("slide_type") for cell in nb.cells]
    assert all(t in slides.SLIDE_TYPES for t in types), "a cell without valid slide metadata"
    assert types[0] == "slide"
    assert types.count("slide") >= 3, "a lesson should have several slides"
    for cell, kind in zip(nb.cells, types):
        if cell.cell_type == "markdown" and cell.source.startswith("## "):
            assert kind == "slide"


def test_slide_types_follow_headings():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Title"), nbformat.v4.new_markdown_cell("## Part"),
                nbformat.v4.new_markdown_cell("### Detail"), nbformat.v4.new_code_cell("x = 1"),
                nbformat.v4.new_markdown_cell("Text")]
    assert slides.add_slide_metadata(nb) is True
    assert [c.metadata["slideshow"]["slide_type"] for c in nb.cells] == ["slide", "slide", "subslide", "-", "-"]
    assert slides.add_slide_metadata(nb) is False


def test_repository_slide_metadata_is_up_to_date():
    assert slides.main(["--check"]) == 0
