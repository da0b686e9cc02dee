"""Slide metadata for the lesson notebooks, so a lecturer can present them.

JupyterLab with the jupyterlab-rise extension (an optional extra, see
requirements-teaching.txt) shows a notebook as slides using each cell's
``metadata.slideshow.slide_type``. This module sets it from the headings:

- the title cell and every ``## `` section start a new slide;
- every ``### `` subsection starts a sub-slide (reached with the down arrow);
- everything else continues the current slide ("-").

``python -m klaster.slides`` writes the metadata into notebooks/*.ipynb;
``python -m klaster.slides --check`` exits with status 1 when a notebook's
metadata is missing or out of date.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

from .i18n import _
from .paths import COURSE_ROOT

SLIDE_TYPES = {"slide", "subslide", "fragment", "skip", "notes", "-"}


def slide_type(cell, index: int) -> str:
    """The slide type a cell should have, from its position and headings."""
    if index == 0:
        return "slide"
    if cell.cell_type == "markdown":
        first = cell.source.lstrip().splitlines()[0] if cell.source.strip() else ""
        if first.startswith("## ") or first.startswith("# "):
            return "slide"
        if first.startswith("### "):
            return "subslide"
    return "-"


def add_slide_metadata(nb) -> bool:
    """Set every cell's slide type; return True if anything changed."""
    changed = False
    for index, cell in enumerate(nb.cells):
        wanted = slide_type(cell, index)
        current = cell.metadata.get("slideshow", {}).get("slide_type")
        if current != wanted:
            cell.metadata["slideshow"] = {"slide_type": wanted}
            changed = True
    return changed


def lesson_paths(root: Path = COURSE_ROOT) -> list[Path]:
    return sorted((root / "notebooks").glob("*.ipynb"))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m klaster.slides",
                                     description=_("Slide metadata for the lesson notebooks, so a lecturer can "
                                                   "present them."))
    parser.add_argument("--check", action="store_true",
                        help=_("only report notebooks whose metadata is out of date"))
    args = parser.parse_args(argv)
    stale = []
    for path in lesson_paths():
        nb = nbformat.read(path, as_version=4)
        if add_slide_metadata(nb):
            stale.append(path)
            if not args.check:
                path.write_text(nbformat.writes(nb) + "\n", encoding="utf-8", newline="\n")
                print(_("updated {path}").format(path=path.relative_to(COURSE_ROOT)))
    if args.check and stale:
        for path in stale:
            print(_("slide metadata out of date: {path}").format(path=path.relative_to(COURSE_ROOT)), file=sys.stderr)
        print(_("Run `python -m klaster.slides` to update it."), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
