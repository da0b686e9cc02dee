"""Where the course's folders are.

The course is installed in editable mode (``pip install -e .``), so the
data/ folder sits next to the package.  Set the environment variable
KLASTER_DATA_DIR to read the data from somewhere else.
"""
import os
from pathlib import Path

COURSE_ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """Return the folder that holds the course's CSV files."""
    return Path(os.environ.get("KLASTER_DATA_DIR", COURSE_ROOT / "data"))
