"""Run the course online: the Colab and Binder links and the Colab install cell.

``GITHUB_REPOSITORY`` below is the ONE place that names the course's GitHub
repository. Every link and the install command are made from it:

- each lesson (notebooks/) and solution (solutions/) gets, right after its
  title cell, a Markdown cell with "Open in Colab" and "Launch on Binder"
  links, then a code cell that installs the course in Google Colab and does
  nothing anywhere else; workshop pages (workshop/) get the install cell
  only (they are shown as apps, where links would be clutter);
- exercise notebooks get the same two cells, pointing at themselves, when
  ``python -m klaster.exercises build`` makes them from the solutions;
- README.md and docs/classroom_server.md carry generated link blocks between
  ``<!-- klaster-launch:NAME -->`` and ``<!-- /klaster-launch:NAME -->``.

``python -m klaster.launch`` adds or updates all of these (run it after
changing the repository name, after adding a notebook, and after merging
edits to notebooks); it changes nothing that is already up to date.
``python -m klaster.launch --check`` exits with status 1 when something is
missing or stale (a test runs it). ``python -m klaster.launch nbgitpuller
HUB_URL`` prints the one-click link for a class on a JupyterHub.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from urllib.parse import quote, urlencode

import nbformat

from .i18n import _, use_language
from .paths import COURSE_ROOT

# PLACEHOLDER: the course's GitHub repository as "owner/name". The address is not
# known yet; replace "OWNER" with the real account and run `python -m klaster.launch`.
GITHUB_REPOSITORY = "OWNER/klaster"
BRANCH = "main"

FOLDERS = ("notebooks", "solutions", "workshop")
WITHOUT_LINKS = ("workshop",)
START_PAGE = "notebooks/00_start_here.ipynb"
LINKS_ID = "klaster-launch-links"
INSTALL_ID = "klaster-colab-install"
MARK = "klaster_launch"  # cell metadata key: "links" or "install"


def repository_url() -> str:
    return f"https://github.com/{GITHUB_REPOSITORY}"


def install_requirement() -> str:
    """What pip installs in Colab: the package built from the repository (library and data)."""
    return f"klaster @ git+{repository_url()}@{BRANCH}"


def colab_url(path: str) -> str:
    return f"https://colab.research.google.com/github/{GITHUB_REPOSITORY}/blob/{BRANCH}/{path}"


def binder_url(path: str = START_PAGE, app: str = "lab") -> str:
    """mybinder.org link that opens ``path`` in JupyterLab (app="lab") or as a Voilà app (app="voila")."""
    urlpath = f"lab/tree/{path}" if app == "lab" else f"voila/render/{path}"
    return f"https://mybinder.org/v2/gh/{GITHUB_REPOSITORY}/{BRANCH}?urlpath={quote(urlpath, safe='')}"


def nbgitpuller_url(hub: str, path: str = START_PAGE) -> str:
    """The one-click link for a JupyterHub with nbgitpuller: clone or update the course, open ``path``."""
    folder = GITHUB_REPOSITORY.split("/")[-1]
    query = urlencode({"repo": repository_url(), "branch": BRANCH, "urlpath": f"lab/tree/{folder}/{path}"})
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def links_source(path: str) -> str:
    """The links cell's text, in the course language (a translated edition is built with its language on)."""
    return _("**Run it online** (no installation): [Open in Colab]({colab}) · [Launch on Binder]({binder}). On "
             "your own computer, in JupyterLab or on a JupyterHub you need neither: go straight on.").format(
                 colab=colab_url(path), binder=binder_url(path))


def install_source() -> str:
    return "\n".join([
        "# " + _("Google Colab only: install the course's library and data (about a minute)."),
        "# " + _("Anywhere else (your computer, Binder, a JupyterHub) this cell does nothing."),
        "import sys",
        'if "google.colab" in sys.modules:',
        "    import importlib.util, subprocess",
        '    if importlib.util.find_spec("klaster") is None:',
        f'        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "{install_requirement()}"],',
        "                       check=True)",
    ])


def _cell(kind: str, path: str, slides: bool):
    if kind == "links":
        cell = nbformat.v4.new_markdown_cell(links_source(path))
        cell.id = LINKS_ID
    else:
        cell = nbformat.v4.new_code_cell(install_source())
        cell.id = INSTALL_ID
    cell.metadata[MARK] = kind
    if slides:
        cell.metadata["slideshow"] = {"slide_type": "-"}
    return cell


def apply(nb, path: str, add: bool = True) -> bool:
    """Put the launch cells for the notebook at ``path`` (relative to the course) after its title cell.

    Idempotent: returns False, changing nothing, when they are already there and up to date.
    With ``add=False`` only a notebook that has them already is brought up to date (the
    exercise build uses this to point an exercise's cells at the exercise itself).
    """
    links = not path.startswith(WITHOUT_LINKS)
    slides = "slideshow" in nb.cells[0].metadata if nb.cells else False
    wanted = [_cell(kind, path, slides) for kind in (("links", "install") if links else ("install",))]
    ours = [c for c in nb.cells if c.metadata.get(MARK) or c.get("id") in (LINKS_ID, INSTALL_ID)]
    if not ours and not add:
        return False
    current = nb.cells[1:1 + len(wanted)]
    if len(ours) == len(wanted) and [_key(c) for c in current] == [_key(c) for c in wanted]:
        return False
    nb.cells = [c for c in nb.cells if not any(c is o for o in ours)]
    nb.cells[1:1] = wanted
    return True


def _key(cell):
    return cell.cell_type, cell.source, dict(cell.metadata), cell.get("id")


def notebook_paths(root: Path = COURSE_ROOT) -> list[Path]:
    return [p for folder in FOLDERS for p in sorted((root / folder).glob("*.ipynb"))]


def _blocks() -> dict:
    """Generated text blocks of README.md and docs/classroom_server.md, by block name."""
    return {
        "readme": "\n".join([
            f"- **Binder** (JupyterLab in your browser, nothing to install): [launch the course on Binder]"
            f"({binder_url(START_PAGE)}); the workshop pages as apps: [calculators]"
            f"({binder_url('workshop/calculators.ipynb', app='voila')}), [strategy tool]"
            f"({binder_url('workshop/strategy_tool.ipynb', app='voila')}).",
            f"- **Google Colab**: [open lesson 00 in Colab]({colab_url(START_PAGE)}); every lesson has its own "
            "\"Open in Colab\" link under its title.",
        ]),
        "nbgitpuller": "\n".join([
            "```",
            nbgitpuller_url("https://hub.example.ac.id"),
            "```",
        ]),
    }


MARKED_FILES = {"README.md": ("readme",), "docs/classroom_server.md": ("nbgitpuller",)}


def update_text(text: str) -> str:
    """``text`` with every generated block brought up to date."""
    for name, block in _blocks().items():
        pattern = re.compile(rf"(<!-- klaster-launch:{name} -->\n)(?:.*?\n)?(<!-- /klaster-launch:{name} -->)", re.S)
        text = pattern.sub(lambda m: m.group(1) + block + "\n" + m.group(2), text)
    return text


def stale(root: Path = COURSE_ROOT, write: bool = False) -> list[Path]:
    """Every file whose launch cells or links are missing or out of date (written when ``write``)."""
    found = []
    for path in notebook_paths(root):
        nb = nbformat.read(path, as_version=4)
        with use_language("en"):  # the English notebooks get English cells, whatever KLASTER_LANG says
            changed = apply(nb, path.relative_to(root).as_posix())
        if changed:
            found.append(path)
            if write:
                path.write_text(nbformat.writes(nb) + "\n", encoding="utf-8", newline="\n")
    for name, blocks in MARKED_FILES.items():
        path = root / name
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        missing = [b for b in blocks if f"<!-- klaster-launch:{b} -->" not in text]
        if missing:
            raise SystemExit(_("{name} has no {marker} block to fill in.").format(
                name=name, marker=f"<!-- klaster-launch:{missing[0]} -->"))
        new = update_text(text)
        if new != text:
            found.append(path)
            if write:
                path.write_text(new, encoding="utf-8", newline="\n")
    return found


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m klaster.launch",
                                     description=_("Run the course online: the Colab and Binder links and the Colab "
                                                   "install cell."))
    parser.add_argument("--check", action="store_true", help=_("only report what is missing or out of date"))
    parser.add_argument("--root", type=Path, default=COURSE_ROOT, help=argparse.SUPPRESS)
    parser.add_argument("command", nargs="?", choices=["nbgitpuller"], help=_("print a JupyterHub link"))
    parser.add_argument("hub", nargs="?", help=_("the hub's address, e.g. https://hub.example.ac.id"))
    args = parser.parse_args(argv)
    if args.command == "nbgitpuller":
        if not args.hub:
            parser.error(_("give the hub's address, e.g. python -m klaster.launch nbgitpuller "
                           "https://hub.example.ac.id"))
        print(nbgitpuller_url(args.hub))
        return 0
    found = stale(args.root, write=not args.check)
    for path in found:
        where = path.relative_to(args.root).as_posix()
        if args.check:
            print(_("out of date: {path}").format(path=where), file=sys.stderr)
        else:
            print(_("updated {path}").format(path=where))
    if args.check and found:
        print(_("Run `python -m klaster.launch` to add or update the Colab/Binder cells and links."), file=sys.stderr)
        return 1
    if not found:
        print(_("Launch cells and links are up to date."))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
