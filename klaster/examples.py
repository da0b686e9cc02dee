"""Small teaching tables used in the lessons and their exercises.

Each function returns a fresh DataFrame, so a student can change it freely.
"""
from __future__ import annotations

import pandas as pd

from .paths import data_dir


def batik_towns() -> pd.DataFrame:
    """A tiny made-up employment table for computing LQs by hand: three towns, two industries."""
    return pd.DataFrame({"batik": [300, 100, 800], "other": [700, 1900, 1200]},
                        index=pd.Index(["Town A", "Town B", "Town C"], name="region"))


def reat_shift_share_example() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Three regions, four industries, two years: the worked example printed in the
    documentation of the R package REAT (Wieland 2021, ``shift``), after Farhauer &
    Kröll (2013). Returns (start, end)."""
    industries = pd.Index(["I1", "I2", "I3", "I4"], name="industry")
    regions = pd.Index(["A", "B", "C"], name="region")
    start = pd.DataFrame([[90, 20, 10, 60], [60, 30, 30, 40], [250, 100, 110, 300]], index=regions, columns=industries)
    end = pd.DataFrame([[100, 40, 10, 55], [85, 55, 40, 35], [255, 115, 85, 390]], index=regions, columns=industries)
    return start, end


MESSY_FILE = "messy_employment_example.csv"
MESSY_MISSING_VALUE = 1250  # the "true" figure the exercise gives for the missing cell


def messy_file_path() -> str:
    """Path of the deliberately messy example table shipped in data/."""
    return str(data_dir() / MESSY_FILE)


def cleaned_messy_table() -> pd.DataFrame:
    """The messy example after the two fixes the exercise asks for (one spelling; the missing value filled)."""
    table = pd.read_csv(data_dir() / MESSY_FILE, dtype={"division": str})
    table["province"] = table["province"].str.strip().replace({"Jawa tengah": "Jawa Tengah"})
    table["workers"] = table["workers"].fillna(MESSY_MISSING_VALUE)
    return table
