"""Time and disk size of a fresh install with README's command, on a copy of the course."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def folder_size_mb(path: Path) -> float:
    total = 0
    for dirpath, _, filenames in os.walk(path):
        for name in filenames:
            file = Path(dirpath) / name
            if not file.is_symlink():
                total += file.stat().st_size
    return total / 2**20


def fresh_install() -> dict:
    """Copy the committed course to a temp folder and run `python course.py install` there.

    The install runs outside any virtual environment so that course.py creates
    its own .venv/, as on a student's machine. pip's download cache is left as
    it is (a warm cache); the report says so.
    """
    work = Path(tempfile.mkdtemp(prefix="klaster-setup-"))
    try:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", "HEAD"], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(work)], input=archive, check=True)
        base_python = getattr(sys, "_base_executable", sys.executable)
        env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "CONDA_PREFIX")}
        started = time.perf_counter()
        result = subprocess.run([base_python, "course.py", "install"], cwd=work, env=env,
                                capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        return {"command": "python course.py install",
                "seconds": elapsed, "ok": result.returncode == 0,
                "venv_size_mb": folder_size_mb(work / ".venv") if (work / ".venv").exists() else None,
                "pip_cache": "warm (packages already downloaded once on this machine)"}
    finally:
        shutil.rmtree(work, ignore_errors=True)
