"""A fresh virtual environment that reuses the test environment's packages, for install tests.

The new environment has its own site-packages (where a test installs the course, not
editable) and sees the test environment's packages through a .pth file, so installing
with --no-index needs no download and works offline.
"""
from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path


def venv_python(folder: Path) -> Path:
    return folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def run(command, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run([str(c) for c in command], capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, (f"{' '.join(map(str, command))} failed:\n"
                                    f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result


def outer_site_packages() -> list[str]:
    return [p for p in sys.path if p.endswith("site-packages") and Path(p).is_dir()]


def fresh_venv(folder: Path) -> Path:
    """Create the environment in ``folder``; return its Python."""
    venv.EnvBuilder(with_pip=True).create(folder)
    python = venv_python(folder)
    site = run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip()
    (Path(site) / "_test_environment_packages.pth").write_text("\n".join(outer_site_packages()) + "\n")
    # Older Pythons seed a venv with an old setuptools that would hide the test environment's own.
    run([python, "-m", "pip", "uninstall", "-y", "-q", "setuptools"])
    return python
