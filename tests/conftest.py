"""Shared fixtures and helpers for the test suite."""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")
os.environ.setdefault("MPLBACKEND", "Agg")

# Files the widgets write for a student (plans, autosaves, reports) go to the
# work folder (klaster.paths.work_dir); in tests that is a throw-away folder,
# never the course's my-work/. Notebook kernels inherit it.
if not os.environ.get("KLASTER_WORK_DIR"):
    _WORK = tempfile.mkdtemp(prefix="klaster-test-work-")
    os.environ["KLASTER_WORK_DIR"] = _WORK
    atexit.register(shutil.rmtree, _WORK, ignore_errors=True)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def econgeo_matrix() -> pd.DataFrame:
    """The 5 x 5 example from EconGeo's documentation (Balland, version 2.1)."""
    return pd.DataFrame(
        [[100, 0, 0, 0, 0], [0, 15, 5, 70, 10], [0, 20, 10, 20, 50], [0, 25, 30, 5, 40], [0, 40, 55, 5, 0]],
        index=[f"R{i}" for i in range(1, 6)], columns=[f"I{i}" for i in range(1, 6)],
    )


@pytest.fixture
def reat_shift_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    """REAT's shift-share example (Wieland, REAT 3.0.3, after Farhauer & Kröll 2013)."""
    industries = ["I1", "I2", "I3", "I4"]
    start = pd.DataFrame([[90, 20, 10, 60], [60, 30, 30, 40], [250, 100, 110, 300]],
                         index=["A", "B", "C"], columns=industries)
    end = pd.DataFrame([[100, 40, 10, 55], [85, 55, 40, 35], [255, 115, 85, 390]],
                       index=["A", "B", "C"], columns=industries)
    return start, end
