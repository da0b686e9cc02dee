"""Install and open the Klaster course, or run its tests, with one command.

    python course.py          install what the course needs, open JupyterLab
    python course.py test     install the test tools, run the whole test suite
    python course.py install  only install (for example before going offline)

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
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV_DIR = ROOT / ".venv"
START_NOTEBOOK = Path("notebooks") / "00_start_here.ipynb"
MIN_PYTHON = (3, 10)


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


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if sys.version_info < MIN_PYTHON:
        fail(f"The course needs Python {MIN_PYTHON[0]}.{MIN_PYTHON[1]} or newer; this is {sys.version.split()[0]}.")
    command = args.pop(0) if args and not args[0].startswith("-") else "open"
    if command not in {"open", "test", "install"}:
        fail(f"Unknown command {command!r}. Use 'python course.py' to open the course or 'python course.py test' to run the tests.")
    python = python_for_course()
    if command == "test":
        install(python, "requirements-test.txt")
        result = subprocess.run([str(python), "-m", "pytest", *args], cwd=ROOT)
        return result.returncode
    install(python, "requirements.txt")
    if command == "install":
        print("[course] Installed. Open the course with: python course.py")
        return 0
    print("[course] Opening JupyterLab. Stop it with Ctrl+C in this window.")
    try:
        return subprocess.run([str(python), "-m", "jupyter", "lab", str(START_NOTEBOOK), *args], cwd=ROOT).returncode
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
