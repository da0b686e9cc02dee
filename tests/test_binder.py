"""Binder (issue 16): binder/ is what repo2docker reads; repeat its install sequence on a clean
clone and open the two launch addresses (JupyterLab at a lesson, a workshop page in Voilà).

repo2docker itself cannot run here (it builds Docker images from base images this machine cannot
download); what it does with a binder/ folder is: Python from binder/runtime.txt, then, in the
repository's folder, `pip install --no-cache-dir -r binder/requirements.txt`. The test does the
same in a fresh environment (offline: --no-index, the test environment's packages reused, no build
isolation), then starts `jupyter lab` from that environment as Binder does.
"""
from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from _notebooks import ROOT
from _venv import fresh_venv, run
from browser_support import free_port
from klaster import launch

pytestmark = pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(),
                                reason="needs git and a clone of the course")


def binder_python() -> tuple[int, int]:
    text = (ROOT / "binder" / "runtime.txt").read_text().strip()
    assert text.startswith("python-3."), "runtime.txt must name a Python 3 version, e.g. python-3.11"
    return tuple(int(x) for x in text.split("-", 1)[1].split(".")[:2])


def test_binder_folder_is_complete_and_pins_the_tested_python():
    assert binder_python() >= (3, 10)
    if os.environ.get("CI") or sys.version_info[:2] == binder_python():
        assert binder_python() == sys.version_info[:2], "binder/runtime.txt must be the Python CI tests"
    lines = [l.split("#")[0].strip() for l in (ROOT / "binder" / "requirements.txt").read_text().splitlines()]
    lines = [l for l in lines if l]
    assert "." in lines and "-e ." not in lines, "the course is installed as a real package"
    assert any(l.startswith("voila") for l in lines) and any(l.startswith("jupyterlab>=") for l in lines)
    lab = next(l for l in (ROOT / "requirements.txt").read_text().splitlines() if l.startswith("jupyterlab"))
    assert lab in lines, "Binder asks for the same JupyterLab as the course"
    assert not (ROOT / "binder" / "environment.yml").exists(), "one configuration only"


@contextlib.contextmanager
def jupyter_lab(python: Path, folder: Path):
    port, token = free_port(), secrets.token_hex(16)
    prefix = Path(sys.prefix)
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(folder / ".jupyter-config"),
           "JUPYTER_RUNTIME_DIR": str(folder / ".jupyter-runtime"),
           # server extensions (voila, nbgitpuller) and lab extensions installed in the reused environment
           "JUPYTER_CONFIG_PATH": str(prefix / "etc" / "jupyter"), "JUPYTER_PATH": str(prefix / "share" / "jupyter"),
           "PATH": str(python.parent) + os.pathsep + os.environ.get("PATH", "")}
    for key in ("KLASTER_DATA_DIR", "KLASTER_COURSE_DIR", "KLASTER_WORK_DIR", "VIRTUAL_ENV"):
        env.pop(key, None)
    command = [python, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={folder}", "--LabApp.news_url=",
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    log = folder.parent / "lab.log"
    with open(log, "w") as out:
        process = subprocess.Popen([str(c) for c in command], cwd=folder, env=env, stdout=out,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None, log.read_text()[-3000:]
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2)
                break
            except OSError:
                assert time.monotonic() < deadline, log.read_text()[-3000:]
                time.sleep(0.5)
        yield f"http://127.0.0.1:{port}", token, log
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=180) as response:
        return response.status, response.read().decode("utf-8", "replace")


def test_repo2docker_install_sequence_on_a_clean_clone(tmp_path):
    clone = tmp_path / "repo"
    run(["git", "clone", "--quiet", ROOT, clone])
    python = fresh_venv(tmp_path / "venv")
    version = run([python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"]).stdout.strip()
    # Step 1 (Python from runtime.txt) is the environment's own Python here.
    assert tuple(map(int, version.split("."))) >= binder_python()[:1] + (10,)
    # Step 2, in the repository's folder, as repo2docker runs it (offline here).
    run([python, "-m", "pip", "install", "--no-cache-dir", "--no-index", "--no-build-isolation", "-q",
         "-r", "binder/requirements.txt"], cwd=clone)
    check = ("import klaster, sys; from klaster import paths; "
             "print(klaster.__file__); print(paths.data_dir()); print(paths.course_dir()); print(paths.work_dir(create=False))")
    env = {k: v for k, v in os.environ.items() if not k.startswith("KLASTER_")}
    where, data, course, work = run([python, "-c", check], cwd=clone / "notebooks", env=env).stdout.split("\n")[:4]
    assert Path(where).is_relative_to(tmp_path / "venv") and "site-packages" in where, "installed, not editable"
    assert data.endswith("course_data") and Path(data).is_relative_to(tmp_path / "venv")
    assert Path(course) == clone and Path(work) == clone / "my-work"

    with jupyter_lab(python, clone) as (url, token, log):
        start = launch.START_PAGE
        status, page = get(f"{url}/lab/tree/{start}?token={token}")
        assert status == 200 and "JupyterLab" in page
        status, page = get(f"{url}/api/contents/{start}?token={token}&content=0")
        assert status == 200
        status, page = get(f"{url}/voila/render/workshop/calculators.ipynb?token={token}")
        assert status == 200, log.read_text()[-3000:]
        assert "Cluster calculators" in page
        assert page.count("application/vnd.jupyter.widget-view+json") >= 5, page[:2000]  # the calculators were built
        assert "application/vnd.jupyter.stderr" not in page and "Traceback" not in page
