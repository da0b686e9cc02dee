"""Smoke test of docs/classroom_server.md: a JupyterHub on loopback, two students at once get the
course with the nbgitpuller link, run lesson 00, and keep their edits when a correction is pulled.
The load figure itself is measured by `python -m benchmarks --only classroom` (benchmarks/classroom_load.py)."""
from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from _notebooks import ROOT

sys.path.insert(0, str(ROOT))
from benchmarks import classroom_load as cl  # noqa: E402

pytestmark = pytest.mark.skipif(cl.available() is not None, reason=f"no hub here: {cl.available()}")
GIT = {"GIT_AUTHOR_NAME": "Course team", "GIT_AUTHOR_EMAIL": "team@example.org",
       "GIT_COMMITTER_NAME": "Course team", "GIT_COMMITTER_EMAIL": "team@example.org"}


def git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env={**os.environ, **GIT})


def publish_correction(folder: Path, repo: str, branch: str) -> None:
    """The lecturer's correction: a changed start page, a new file, pushed to the class repository."""
    author = folder / "author"
    git("clone", "--quiet", "--branch", branch, repo, str(author), cwd=folder)
    start = author / "notebooks" / "00_start_here.ipynb"
    nb = json.loads(start.read_text(encoding="utf-8"))
    nb["cells"][0]["source"].append("\n\n_Corrected in week 3._")
    start.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (author / "notebooks" / "week3_note.md").write_text("A note added in week 3.\n", encoding="utf-8")
    git("add", "-A", cwd=author)
    git("commit", "--quiet", "-m", "week 3 correction", cwd=author)
    git("push", "--quiet", "origin", branch, cwd=author)


def test_two_students_get_the_course_run_a_lesson_and_keep_their_edits():
    folder = Path(tempfile.mkdtemp(prefix="klaster-hub-test-"))
    repo = cl.publish_course(folder)
    branch = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--abbrev-ref", "HEAD"],
                            capture_output=True, text=True, check=True).stdout.strip()
    lesson = "notebooks/00_start_here.ipynb"
    names = ["ani", "budi"]
    home = folder / "home"

    async def semester(hub):
        room = cl.Classroom(hub)
        await asyncio.gather(*(room.start_server(n) for n in names))
        await asyncio.gather(*(room.git_pull(n, repo, branch) for n in names))
        cells, _ = cl.lesson_cells(home / "ani" / "klaster" / lesson)
        opened = await asyncio.gather(*(room.run_notebook(n, f"klaster/{lesson}", cells) for n in names))
        for timings, _ in opened:
            assert [t["status"] for t in timings] == ["ok"] * len(cells), timings
        # Ani works: edits an exercise and saves a file in her work folder.
        exercise = home / "ani" / "klaster" / "exercises" / "00_practice.ipynb"
        nb = json.loads(exercise.read_text(encoding="utf-8"))
        nb["cells"].append({"cell_type": "markdown", "id": "ani-answer", "metadata": {},
                            "source": ["My answer: Java holds more than half of the population."]})
        exercise.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        mine = exercise.read_bytes()
        (home / "ani" / "klaster" / "my-work").mkdir()
        (home / "ani" / "klaster" / "my-work" / "plan.json").write_text('{"mine": true}', encoding="utf-8")
        publish_correction(folder, repo, branch)
        await room.git_pull("ani", repo, branch)  # she clicks the class link again
        return mine

    try:
        with cl.Hub(folder) as hub:
            mine = asyncio.run(semester(hub))
        check_semester(home, lesson, mine)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def check_semester(home: Path, lesson: str, mine: bytes) -> None:
    clone = home / "ani" / "klaster"
    assert (clone / "exercises" / "00_practice.ipynb").read_bytes() == mine
    assert (clone / "my-work" / "plan.json").read_text(encoding="utf-8") == '{"mine": true}'
    assert (clone / "notebooks" / "week3_note.md").is_file()
    assert "_Corrected in week 3._" in (clone / lesson).read_text(encoding="utf-8")
    assert not (home / "budi" / "klaster" / "notebooks" / "week3_note.md").exists()  # not pulled yet
