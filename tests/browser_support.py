"""Start JupyterLab or Voilà on 127.0.0.1 for the real-browser tests, and find Chromium.

Servers run on a copy of the course in a temporary folder (so the browser's
autosave never writes into the repository), on a random free port with a
random token, and are always stopped, also when a test fails.
"""
from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_CANDIDATES = [os.environ.get("KLASTER_CHROMIUM", ""), "/usr/bin/chromium", "/usr/bin/chromium-browser",
                       "/usr/bin/google-chrome", "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"]
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage"]


def chromium_path() -> str | None:
    for candidate in CHROMIUM_CANDIDATES:
        if candidate and Path(candidate).exists():
            return candidate
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def course_copy(destination: Path) -> Path:
    """Copy the course's notebooks and data to ``destination`` and return it."""
    for folder in ("notebooks", "exercises", "solutions", "data", "workshop"):
        if (ROOT / folder).exists():
            shutil.copytree(ROOT / folder, destination / folder)
    return destination


def _wait_until_up(url: str, process: subprocess.Popen, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except Exception:
            time.sleep(0.5)
    raise RuntimeError(f"server did not answer at {url} within {timeout} s:\n{log.read_text()[-3000:]}")


@contextlib.contextmanager
def server(kind: str, workdir: Path, notebook: str | None = None):
    """Run a JupyterLab (kind="lab") or Voilà (kind="voila") server; yield (base_url, token)."""
    port, token = free_port(), secrets.token_hex(16)
    log = workdir / f"{kind}-{port}.log"
    env = {**os.environ, "JUPYTER_PLATFORM_DIRS": "1", "MPLBACKEND": "module://matplotlib_inline.backend_inline",
           "JUPYTER_CONFIG_DIR": str(workdir / ".jupyter-config"), "JUPYTER_RUNTIME_DIR": str(workdir / ".jupyter-runtime")}
    if kind == "lab":
        command = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ServerApp.ip=127.0.0.1",
                   f"--ServerApp.port={port}", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={workdir}",
                   "--LabApp.expose_app_in_browser=True", "--ServerApp.open_browser=False",
                   "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")  # CI runs as root in a throw-away machine
        ready_url = f"http://127.0.0.1:{port}/api/status?token={token}"
    else:
        command = [sys.executable, "-m", "voila", "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
                   f"--Voila.root_dir={workdir}", f"--token={token}", notebook or ""]
        command = [c for c in command if c]
        ready_url = f"http://127.0.0.1:{port}/?token={token}"
    with open(log, "w") as out:
        process = subprocess.Popen(command, cwd=workdir, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    try:
        _wait_until_up(ready_url, process, log)
        yield f"http://127.0.0.1:{port}", token
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
