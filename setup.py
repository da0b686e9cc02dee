"""Build hook: the course's data/ folder travels inside the package.

Students and lecturers find the data in the course folder's data/, and that
folder is the only copy in the repository. When the package is built (a
wheel, ``pip install .``, Binder, ``pip install git+...`` in Colab) its
CSV files and README are copied into the package as ``klaster/course_data/``,
where ``klaster.paths.data_dir()`` finds them with importlib.resources. An
editable install (``python course.py``) reads data/ in place instead.
Everything else about the package is in pyproject.toml.
"""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DATA = Path(__file__).resolve().parent / "data"
PACKAGED = ("klaster", "course_data")
SUFFIXES = {".csv", ".md", ".json", ".xlsx"}  # .xlsx: the published BPS spreadsheets in data/raw/


class build_py_with_course_data(build_py):
    """build_py that also copies data/ into the built package as klaster/course_data/."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads data/ where it is
        target = Path(self.build_lib, *PACKAGED)
        if target.exists():
            shutil.rmtree(target)
        files = [p for p in sorted(DATA.rglob("*")) if p.is_file() and p.suffix.lower() in SUFFIXES]
        if not any(p.suffix.lower() == ".csv" for p in files):
            raise SystemExit(f"No data files in {DATA}: build the package from a complete copy of the course.")
        for source in files:
            destination = target / source.relative_to(DATA)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, destination)


setup(cmdclass={"build_py": build_py_with_course_data})
