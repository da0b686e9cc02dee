"""Install and open the Klaster course, or run its tests, with one command.

    python course.py                  install what the course needs, open JupyterLab
    python course.py id               the same, opening the Indonesian edition (Bahasa Indonesia)
    python course.py test             install the test tools, run the whole test suite
    python course.py install          only install (for example before going offline)
    python course.py workshop [page]  install the app mode if needed, serve a workshop page with Voila
    python course.py workshop id      the same in Bahasa Indonesia (or an Indonesian page name: alat_strategi)
    python course.py update           bring in the newest version of the course, keeping your work

Works the same on Windows, macOS and Linux with nothing but Python 3.10+.
If you run it from an active virtual environment (or conda environment) it
installs there; otherwise it creates a private one in the folder .venv/ next
to this file, so your system's Python is never touched. Packages are only
installed again when a requirements file changes, so the course also opens
offline once it has been installed.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV_DIR = ROOT / ".venv"
START_NOTEBOOK = Path("notebooks") / "00_start_here.ipynb"
START_NOTEBOOK_ID = Path("notebooks") / "id" / "00_mulai_di_sini.ipynb"  # the Indonesian edition's start page
MIN_PYTHON = (3, 10)
COMMANDS = ("open", "id", "test", "install", "workshop", "update")
WORKSHOP_PAGES = {"calculators": "calculators", "strategy_tool": "strategy_tool", "strategy": "strategy_tool"}
#: The workshop pages in each translated edition (workshop/<code>/, built by `python -m klaster.i18n build`),
#: by English page; their names also open them: `python course.py workshop alat_strategi`.
WORKSHOP_EDITIONS = {"id": {"calculators": "kalkulator", "strategy_tool": "alat_strategi"}}
WORKSHOP_PAGE_NAMES = {**WORKSHOP_PAGES, **{name: page for pages in WORKSHOP_EDITIONS.values()
                                             for page, name in pages.items()}}
WORK_FOLDER = "my-work"  # where the course's widgets save a student's files (klaster/paths.py)


def in_virtual_environment() -> bool:
    """True when this Python runs inside a venv/virtualenv or a conda environment."""
    return sys.prefix != getattr(sys, "base_prefix", sys.prefix) or bool(os.environ.get("CONDA_PREFIX"))


def venv_python(venv_dir: Path = VENV_DIR) -> Path:
    """Path of the Python interpreter inside a virtual environment folder."""
    if os.name == "nt":
        return venv_dir / "Scripts" / "python.exe"
    return venv_dir / "bin" / "python"


def requirements_fingerprint(requirements: Path) -> str:
    """Hash of a requirements file and the files it includes with -r."""
    digest = hashlib.sha256()
    pending = [requirements]
    while pending:
        path = pending.pop()
        text = path.read_text(encoding="utf-8")
        digest.update(path.name.encode() + b"\0" + text.encode())
        for line in text.splitlines():
            line = line.strip()
            if line.startswith("-r "):
                pending.append(path.parent / line[3:].strip())
    digest.update((ROOT / "pyproject.toml").read_bytes())
    return digest.hexdigest()


def fail(message: str) -> "NoReturn":  # noqa: F821
    print(f"\n[course] {message}", file=sys.stderr)
    raise SystemExit(1)


def python_for_course() -> Path:
    """Return the interpreter to install into, creating .venv/ if needed."""
    if in_virtual_environment():
        return Path(sys.executable)
    python = venv_python()
    if not python.exists():
        print(f"[course] Creating a private Python environment in {VENV_DIR} ...")
        try:
            venv.create(VENV_DIR, with_pip=True)
        except Exception as exc:  # e.g. Debian/Ubuntu without python3-venv
            fail(
                f"Could not create a virtual environment ({exc}). On Debian or Ubuntu install "
                "the package python3-venv first (sudo apt install python3-venv), then run this again."
            )
    return python


def install(python: Path, requirements: str) -> None:
    """pip-install a requirements file unless the same one is already installed."""
    marker = Path(subprocess.run(
        [str(python), "-c", "import sys; print(sys.prefix)"],
        capture_output=True, text=True, check=True).stdout.strip()) / f"klaster-{requirements}.sha256"
    fingerprint = requirements_fingerprint(ROOT / requirements)
    if marker.exists() and marker.read_text().strip() == fingerprint:
        print(f"[course] {requirements} is already installed; skipping the download.")
        return
    print(f"[course] Installing {requirements} (the first time takes a few minutes) ...")
    result = subprocess.run(
        [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-r", requirements],
        cwd=ROOT,
    )
    if result.returncode != 0:
        fail(
            f"Installing {requirements} failed (see pip's message above). If you are offline, "
            "connect once to install; after that the course opens without a network."
        )
    marker.write_text(fingerprint)
    for included in included_requirements(ROOT / requirements):  # installed with it
        (marker.parent / f"klaster-{included.name}.sha256").write_text(requirements_fingerprint(included))


def included_requirements(requirements: Path) -> list[Path]:
    """The requirement files that ``requirements`` pulls in with -r, directly or through others."""
    found, pending = [], [requirements]
    while pending:
        for line in pending.pop().read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line.startswith("-r "):
                path = requirements.parent / line[3:].strip()
                if path not in found:
                    found.append(path)
                    pending.append(path)
    return found


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if sys.version_info < MIN_PYTHON:
        fail(f"The course needs Python {MIN_PYTHON[0]}.{MIN_PYTHON[1]} or newer; this is {sys.version.split()[0]}.")
    command = args.pop(0) if args and not args[0].startswith("-") else "open"
    if command not in COMMANDS:
        fail(f"Unknown command {command!r}. Use 'python course.py' to open the course (or 'python course.py id' "
             "for the Indonesian edition) or 'python course.py test' to run the tests.")
    if command == "update":
        return update(args)
    if command == "workshop":
        return workshop(args)
    python = python_for_course()
    if command == "test":
        install(python, "requirements-test.txt")
        result = subprocess.run([str(python), "-m", "pytest", *args], cwd=ROOT)
        return result.returncode
    install(python, "requirements.txt")
    if command == "install":
        print("[course] Installed. Open the course with: python course.py")
        return 0
    start = START_NOTEBOOK_ID if command == "id" else START_NOTEBOOK
    if command == "id":
        print("[course] Membuka JupyterLab pada edisi bahasa Indonesia. Hentikan dengan Ctrl+C di jendela ini.")
    else:
        print("[course] Opening JupyterLab. Stop it with Ctrl+C in this window.")
    try:
        return subprocess.run([str(python), "-m", "jupyter", "lab", str(start), *args], cwd=ROOT).returncode
    except KeyboardInterrupt:
        return 0


def workshop_page(words: list[str]) -> Path:
    """The notebook that ``python course.py workshop <words>`` serves (a path relative to the course folder).

    ``words`` are at most a page and a language, in either order: a page name in English
    (calculators, strategy_tool) or in Indonesian (kalkulator, alat_strategi), or a page's path;
    a language code, "en" or "id". Without a page: the calculators. Without a language: the
    language of the page's name. For example ``["id"]`` is workshop/id/kalkulator.ipynb and
    ``["alat_strategi"]`` workshop/id/alat_strategi.ipynb.
    """
    page = language = named_in = None
    for word in words:
        key = Path(word).stem.replace("-", "_").lower()
        if key in ("en", *WORKSHOP_EDITIONS) and language is None:
            language = key
        elif key in WORKSHOP_PAGE_NAMES and page is None:
            page = WORKSHOP_PAGE_NAMES[key]
            named_in = next((code for code, pages in WORKSHOP_EDITIONS.items()
                             if key in pages.values() or Path(word).parent.name == code), "en")
        elif key in WORKSHOP_PAGE_NAMES or key in ("en", *WORKSHOP_EDITIONS):
            fail(f"Give one workshop page and at most one language, not {' '.join(words)!r} (for example: "
                 "python course.py workshop id strategy_tool).")
        else:
            fail(f"There is no workshop page {word!r}. The pages are: calculators, strategy_tool; in Bahasa "
                 "Indonesia: kalkulator, alat_strategi (for example: python course.py workshop strategy_tool, "
                 "or python course.py workshop id strategy_tool). / Halaman lokakarya yang tersedia: kalkulator, "
                 "alat_strategi (misalnya: python course.py workshop alat_strategi).")
    page = page or "calculators"
    language = language or named_in or "en"
    if language == "en":
        return Path("workshop") / f"{page}.ipynb"
    notebook = Path("workshop") / language / f"{WORKSHOP_EDITIONS[language][page]}.ipynb"
    if not (ROOT / notebook).is_file():
        fail(f"The page {notebook.as_posix()} is missing; write the translated pages with: "
             "python -m klaster.i18n build")
    return notebook


def workshop(args: list[str]) -> int:
    """Serve a page of workshop/ with Voila (code hidden), installing the app mode first if needed.

    The words before the first option choose the page and its language (see ``workshop_page``);
    the options after them go to Voila.
    """
    words = []
    while args and not args[0].startswith("-") and len(words) < 2:
        words.append(args.pop(0))
    notebook = workshop_page(words)
    python = python_for_course()
    install(python, "requirements-workshop.txt")
    print(f"[course] Serving {notebook.as_posix()} with Voila; it opens in your browser. Stop it with Ctrl+C here.")
    if notebook.parent.name in WORKSHOP_EDITIONS:
        print(f"[course] Halaman {notebook.as_posix()} disajikan dengan Voilà dan terbuka di peramban Anda. "
              "Hentikan dengan Ctrl+C di sini.")
    try:
        return subprocess.run([str(python), "-m", "voila", str(notebook), *args], cwd=ROOT).returncode
    except KeyboardInterrupt:
        return 0


# ---------------------------------------------------------------- update
def git(*args: str, check: bool = True) -> str:
    result = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True)
    if check and result.returncode != 0:
        raise UpdateError(result.stderr.strip() or f"git {' '.join(args)} failed")
    return result.stdout


class UpdateError(Exception):
    """git could not do a step of the update."""


def _paths(output: str) -> list[str]:
    return [p for p in output.split("\0") if p]


def beside(path: Path) -> Path:
    """A free name next to ``path`` for the course's new version: 'x.ipynb' -> 'x_new.ipynb' (then _new2 ...)."""
    for n in range(1, 1000):
        candidate = path.with_name(f"{path.stem}_new{'' if n == 1 else n}{path.suffix}")
        if not candidate.exists():
            return candidate
    raise UpdateError(f"too many new versions of {path.name} are waiting beside it; look at them first")


def not_a_clone_message() -> str:
    return ("This copy of the course is not a git clone (it was downloaded as a ZIP file, or git is not "
            "installed), so it cannot be updated in place. Download the new version into a NEW folder, then copy "
            f"into it your {WORK_FOLDER}/ folder and any exercise notebooks you changed; nothing in this folder is "
            "touched. To get updates with one command in future, install git and make the copy with "
            "git clone (see README, 'Updating the course').")


def update(args: list[str]) -> int:
    """Bring the newest course into this clone without changing anything the student changed or made.

    The rules, like nbgitpuller's: a course file you did not change is updated; a file you changed
    keeps your version, and when the course changed it too, the new version is written beside it
    (name_new.ext); a course file you deleted comes back only if the course changed it; your own
    files, and everything in my-work/ (ignored by git), are never touched.
    """
    if args:
        fail(f"'python course.py update' takes no options (got {' '.join(args)}).")
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        print(f"[course] {not_a_clone_message()}", file=sys.stderr)
        return 1
    try:
        return _update()
    except UpdateError as problem:
        fail(f"The update stopped: {problem}. Nothing of yours was changed.")


def _update() -> int:
    upstream = git("rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}", check=False).strip()
    if not upstream:
        raise UpdateError("this clone does not follow a branch of the course's repository (git has no upstream)")
    remote = upstream.split("/", 1)[0]
    print(f"[course] Fetching the newest course from {remote} ...")
    git("fetch", "--quiet", remote)
    new = git("rev-parse", "@{u}").strip()
    if int(git("rev-list", "--count", "@{u}..HEAD").strip() or 0):
        raise UpdateError("this clone has commits of its own; merge the course yourself with 'git pull' "
                          "(on a JupyterHub, click the class link again instead)")
    changed = {}  # path -> A, M or D, as the course changed it since this copy's version
    entries = _paths(git("diff", "--no-renames", "--name-status", "-z", "HEAD", new))
    for status, path in zip(entries[::2], entries[1::2]):
        changed[path] = status[0]
    if not changed:
        print("[course] Already up to date: nothing to do.")
        return 0
    edited = set(_paths(git("diff", "--name-only", "-z", "HEAD")))
    created = set(_paths(git("ls-files", "--others", "--exclude-standard", "-z")))
    keep = {p: (ROOT / p).read_bytes() for p in sorted((edited | created) & set(changed)) if (ROOT / p).is_file()}
    restored = sorted(p for p in edited & set(changed) if not (ROOT / p).exists() and changed[p] != "D")
    for path in keep:
        if path in edited:
            git("checkout", "HEAD", "--", path)  # the course's old version, so git can update it
        else:
            (ROOT / path).unlink()  # a file of yours where the course now adds one: put back below
    if restored:
        git("checkout", "HEAD", "--", *restored)
    try:
        git("merge", "--ff-only", "--quiet", new)
    except UpdateError:
        for path, content in keep.items():
            (ROOT / path).write_bytes(content)
        raise
    report = []
    for path, content in keep.items():
        target = ROOT / path
        if changed[path] == "D":
            note = "the course removed it; your copy stays"
        else:
            if target.read_bytes() == content:
                continue  # the course made the same change as you
            new_copy = beside(target)
            target.rename(new_copy)
            note = f"the course's new version is {new_copy.relative_to(ROOT).as_posix()}"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        report.append(f"  kept your {path} ({note})")
    arrived = sorted(p for p, s in changed.items() if s == "A" and p not in keep)
    updated = sorted(p for p, s in changed.items() if s == "M" and p not in keep and p not in restored)
    removed = sorted(p for p, s in changed.items() if s == "D" and p not in keep)
    print(f"[course] Updated the course to version {new[:10]}:")
    for title, paths in (("new", arrived), ("updated", updated), ("removed", removed),
                         ("brought back (you had deleted it)", restored)):
        for path in paths:
            print(f"  {title}: {path}")
    for line in report:
        print(line)
    print(f"[course] Nothing you changed or created was overwritten; your saved work in {WORK_FOLDER}/ is "
          "untouched. Open the course with: python course.py")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
