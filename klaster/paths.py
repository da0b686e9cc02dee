"""Where the course's files are: its data, its folder, and the student's own work.

Data (the CSV files the loaders read), first match wins:

1. the folder named by the environment variable ``KLASTER_DATA_DIR`` (a
   lecturer's own data, for example real BPS tables in the course's format);
2. the data packaged with the library, ``klaster/course_data/``, found with
   importlib.resources: a built package carries a copy of the course's
   data/ folder (wheel, ``pip install .``, Binder, Colab; see setup.py);
3. the course folder's ``data/``, next to the package: an editable install
   from the course folder (what ``python course.py`` makes) reads it in place.

The student's work (plans, autosaves, reports, saved scores: every file the
course's widgets write) goes to one folder, :func:`work_dir`:
``KLASTER_WORK_DIR`` if set; else ``my-work/`` in the course folder (ignored
by git, so updating the course never touches it); in Google Colab
``/content/my-work``; otherwise ``klaster-work`` in the home folder.
"""
from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path

COURSE_ROOT = Path(__file__).resolve().parent.parent
PACKAGED_DATA = "course_data"
WORK_FOLDER = "my-work"


def packaged_data_dir() -> Path | None:
    """The data folder inside the installed package, or None (an editable install has none)."""
    folder = resources.files("klaster").joinpath(PACKAGED_DATA)
    if isinstance(folder, Path) and folder.is_dir():
        return folder
    return None


def data_dir() -> Path:
    """Return the folder that holds the course's CSV files (see the module docstring for the order)."""
    override = os.environ.get("KLASTER_DATA_DIR", "").strip()
    if override:
        return Path(override).expanduser()
    return packaged_data_dir() or COURSE_ROOT / "data"


def data_file(name: str) -> Path:
    """The path of one of the course's data files, e.g. ``data_file("user_table_example.csv")``."""
    return data_dir() / name


def is_course_folder(folder: Path) -> bool:
    """True for a copy of the course: a folder with course.py and notebooks/."""
    return (folder / "course.py").is_file() and (folder / "notebooks").is_dir()


def course_dir() -> Path | None:
    """The course folder the library belongs to or runs in, or None (Colab, a wheel used elsewhere).

    ``KLASTER_COURSE_DIR`` if set; else the current folder or the first of
    its parents that is a copy of the course (a notebook's kernel runs in the
    notebook's folder: on Binder, or a JupyterHub where every student has a
    clone); else the folder next to the package (an editable install).
    """
    override = os.environ.get("KLASTER_COURSE_DIR", "").strip()
    if override:
        return Path(override).expanduser()
    here = Path.cwd()
    for folder in (here, *here.parents, COURSE_ROOT):
        if is_course_folder(folder):
            return folder
    return None


def in_colab() -> bool:
    """True when the library runs in Google Colab."""
    return "google.colab" in sys.modules


def work_dir(create: bool = True) -> Path:
    """The one folder for the files a student makes with the course (see the module docstring)."""
    override = os.environ.get("KLASTER_WORK_DIR", "").strip()
    course = course_dir()
    if override:
        folder = Path(override).expanduser()
    elif course is not None:
        folder = course / WORK_FOLDER
    elif in_colab():
        folder = Path("/content") / WORK_FOLDER
    else:
        folder = Path.home() / "klaster-work"
    if create:
        folder.mkdir(parents=True, exist_ok=True)
    return folder


def in_work_dir(path) -> Path:
    """``path`` itself when absolute, else the same name inside :func:`work_dir`."""
    path = Path(str(path).strip()).expanduser()
    return path if path.is_absolute() else work_dir() / path
