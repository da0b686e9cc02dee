"""Synthetic manufacturing data for the Klaster course (ILLUSTRATIVE, NOT OFFICIAL).

No published table of manufacturing employment by province and KBLI division
could be obtained for Indonesia, so the course makes one.  This module builds

* ``manufacturing_employment_panel.csv``: workers by year (2019, 2024),
  province (38) and KBLI 2020 manufacturing division (24), and
* ``plants.csv``: synthetic large and medium establishments (20 or more
  workers) in 2024,

from published national figures (Sakernas August 2024 division shares, the
BPS count of large and medium establishments by division, 2021) and from
stated assumptions about where industries sit.  Every number that is an
assumption is a named constant below and is listed in ``data/README.md``.
The output is seeded and byte-for-byte reproducible.

Regenerate the files with ``python -m klaster.synthetic``; check that the
files on disk match the code with ``python -m klaster.synthetic --check``.
"""
from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from klaster.i18n import _, number
from klaster.paths import data_dir

__all__ = [
    "SEED",
    "DIVISIONS",
    "ras",
    "national_division_totals",
    "province_totals",
    "generate_panel",
    "national_plant_counts",
    "generate_plants",
    "render",
    "write_data",
    "main",
]

# ---------------------------------------------------------------------------
# Fixed settings
# ---------------------------------------------------------------------------
SEED = 20240801  # Sakernas reference month (August 2024), used as the seed

PANEL_FILE = "manufacturing_employment_panel.csv"
PLANTS_FILE = "plants.csv"
PANEL_COLUMNS = ["year", "bps_code", "province", "division", "division_name", "workers"]
PLANT_COLUMNS = ["plant_id", "year", "bps_code", "division", "workers"]

# Published (Sakernas, August 2024; data-facts.md section 4)
EMPLOYED_2024 = 144_640_000
MANUFACTURING_2024 = 20_010_000
# Assumption: national manufacturing employment in 2019 (about 18.9 million)
MANUFACTURING_2019 = 18_930_000
# Assumption: 2019 population = 2024 population x this factor (about 1.1 %
# growth a year).  The same factor for every province, so it does not change
# province shares; it only keeps the rule "population x intensity" honest.
POPULATION_2019_FACTOR = 0.947

# KBLI 2020 two-digit manufacturing divisions: code, short chart label, name (the ISIC Rev. 4 title).
DIVISIONS = (
    ("10", "Food", "Manufacture of food products"),
    ("11", "Beverages", "Manufacture of beverages"),
    ("12", "Tobacco", "Manufacture of tobacco products"),
    ("13", "Textiles", "Manufacture of textiles"),
    ("14", "Apparel", "Manufacture of wearing apparel"),
    ("15", "Leather & footwear", "Manufacture of leather and related products"),
    ("16", "Wood", "Manufacture of wood and of products of wood and cork, except furniture; "
                   "manufacture of articles of straw and plaiting materials"),
    ("17", "Paper", "Manufacture of paper and paper products"),
    ("18", "Printing", "Printing and reproduction of recorded media"),
    ("19", "Refined petroleum", "Manufacture of coke and refined petroleum products"),
    ("20", "Chemicals", "Manufacture of chemicals and chemical products"),
    ("21", "Pharmaceuticals", "Manufacture of basic pharmaceutical products and pharmaceutical "
                              "preparations"),
    ("22", "Rubber & plastics", "Manufacture of rubber and plastics products"),
    ("23", "Non-metallic minerals", "Manufacture of other non-metallic mineral products"),
    ("24", "Basic metals", "Manufacture of basic metals"),
    ("25", "Fabricated metal", "Manufacture of fabricated metal products, except machinery "
                               "and equipment"),
    ("26", "Electronics", "Manufacture of computer, electronic and optical products"),
    ("27", "Electrical equipment", "Manufacture of electrical equipment"),
    ("28", "Machinery", "Manufacture of machinery and equipment not elsewhere classified"),
    ("29", "Motor vehicles", "Manufacture of motor vehicles, trailers and semi-trailers"),
    ("30", "Other transport", "Manufacture of other transport equipment"),
    ("31", "Furniture", "Manufacture of furniture"),
    ("32", "Other manufacturing", "Other manufacturing"),
    ("33", "Repair & installation", "Repair and installation of machinery and equipment"),
)
DIVISION_CODES = tuple(d[0] for d in DIVISIONS)
SHORT_NAMES = {d[0]: d[1] for d in DIVISIONS}

# Published: shares of ALL employed persons, August 2024 (data-facts.md s4).
PUBLISHED_SHARES_2024 = {
    "10": 0.0400, "14": 0.0200, "16": 0.0106, "13": 0.0075,
    "15": 0.0066, "23": 0.0064, "31": 0.0061, "12": 0.0045,
}
# Assumption: how the remaining manufacturing jobs (20.01 million minus the
# eight published divisions) are split among the other 16 divisions (percent).
OTHER_DIVISION_WEIGHTS = {
    "11": 2.5, "17": 4.0, "18": 3.5, "19": 1.0, "20": 7.0, "21": 2.5,
    "22": 12.0, "24": 5.0, "25": 14.0, "26": 8.0, "27": 4.0, "28": 3.5,
    "29": 7.0, "30": 3.0, "32": 18.0, "33": 5.0,
}

# Assumption: manufacturing intensity, relative manufacturing jobs per
# resident (national average about 1).  Province total = population x
# intensity, scaled to the national total.  Informed by the manufacturing
# share of GRDP in 2022 (data-facts.md s6) and the usual picture of Java and
# Batam as the industrial core.
INTENSITY = {
    "11": 0.50, "12": 0.70, "13": 0.65, "14": 0.80, "15": 0.55, "16": 0.55,
    "17": 0.40, "18": 0.70, "19": 0.60, "21": 1.60, "31": 0.85, "32": 1.40,
    "33": 1.55, "34": 1.10, "35": 1.20, "36": 1.45, "51": 0.95, "52": 0.80,
    "53": 0.40, "61": 0.55, "62": 0.55, "63": 0.60, "64": 0.60, "65": 0.45,
    "71": 0.45, "72": 0.85, "73": 0.55, "74": 0.60, "75": 0.50, "76": 0.40,
    "81": 0.30, "82": 0.95, "91": 0.20, "92": 0.25, "93": 0.15, "94": 0.15,
    "95": 0.12, "96": 0.25,
}
# Assumption: intensity in 2019 where it differs from 2024 (the nickel
# provinces industrialised; Jakarta's factories moved out).
INTENSITY_2019_CHANGES = {"72": 0.55, "82": 0.45, "74": 0.50, "31": 0.95, "33": 1.45}
# Assumption: sd of the log of a random disturbance on every 2019 intensity.
INTENSITY_2019_NOISE_SIGMA = 0.03

# Assumption: geography multipliers on the seed matrix.  For each division:
# (multiplier for provinces not listed, {province: multiplier}).
# Provinces: 11 Aceh, 12 Sumut, 13 Sumbar, 14 Riau, 15 Jambi, 16 Sumsel,
# 17 Bengkulu, 18 Lampung, 19 Babel, 21 Kepri, 31 DKI, 32 Jabar, 33 Jateng,
# 34 DIY, 35 Jatim, 36 Banten, 51 Bali, 52 NTB, 53 NTT, 61-65 Kalimantan
# (Barat, Tengah, Selatan, Timur, Utara), 71-76 Sulawesi (Utara, Tengah,
# Selatan, Tenggara, Gorontalo, Barat), 81 Maluku, 82 Maluku Utara,
# 91-96 the six Papua provinces.
_OUTER_FOOD = {p: 1.6 for p in ("11", "13", "15", "16", "17", "18", "52", "53", "63", "64", "65",
                                "71", "73", "74", "75", "76", "81", "91", "92", "93", "94", "95",
                                "96")}
GEOGRAPHY = {
    "10": (1.0, {**_OUTER_FOOD, "14": 3.0, "12": 2.0, "61": 2.5, "62": 3.0, "19": 1.3,
                 "21": 0.6, "31": 0.8, "32": 0.8, "33": 0.8, "35": 1.0, "36": 0.7,
                 "72": 1.2, "82": 1.0}),
    "11": (0.8, {"31": 1.6, "32": 1.4, "35": 1.8, "36": 1.3, "51": 2.2, "12": 1.3, "71": 1.5}),
    "12": (0.15, {"33": 9.0, "35": 4.5, "52": 3.0, "34": 1.2, "12": 0.6}),
    "13": (0.3, {"32": 4.5, "36": 2.2, "33": 2.6, "35": 1.1, "34": 1.4, "51": 1.2}),
    "14": (0.4, {"32": 2.4, "36": 1.8, "33": 3.0, "35": 1.0, "31": 1.6, "34": 1.5, "51": 1.3}),
    "15": (0.15, {"36": 6.0, "32": 3.0, "35": 3.0, "33": 2.2, "34": 1.0}),
    "16": (0.9, {"61": 4.0, "62": 5.0, "64": 3.5, "63": 3.0, "65": 3.5, "35": 1.3, "33": 1.4,
                 "92": 2.0, "72": 1.2, "81": 1.6, "82": 1.3, "31": 0.2, "32": 0.6, "36": 0.6,
                 "21": 0.5}),
    "17": (0.3, {"14": 8.0, "15": 6.0, "35": 2.0, "36": 2.0, "32": 1.5, "16": 2.0}),
    "18": (0.6, {"31": 3.0, "32": 1.5, "35": 1.3, "34": 2.0, "36": 1.2}),
    "19": (0.1, {"64": 25.0, "14": 10.0, "16": 8.0, "32": 0.5, "33": 0.6, "96": 30.0}),
    "20": (0.4, {"36": 3.5, "32": 1.8, "35": 2.0, "31": 1.5, "64": 2.5, "11": 1.2, "16": 1.5,
                 "14": 1.8, "12": 1.5}),
    "21": (0.2, {"31": 3.0, "32": 3.0, "36": 2.0, "35": 1.5, "33": 1.3}),
    "22": (0.7, {"16": 3.0, "12": 2.5, "15": 2.0, "61": 2.0, "14": 1.5, "36": 1.5, "32": 1.5}),
    "23": (0.8, {"33": 1.2, "32": 1.2, "35": 1.3, "13": 2.0, "73": 1.5, "34": 2.0, "51": 1.3,
                 "52": 1.5}),
    "24": (0.15, {"36": 4.0, "72": 25.0, "82": 35.0, "74": 4.0, "35": 1.2, "32": 1.2,
                  "61": 1.0}),
    "25": (0.4, {"32": 2.0, "36": 1.8, "31": 1.8, "35": 1.5, "33": 1.3, "21": 2.0}),
    "26": (0.05, {"21": 25.0, "32": 2.5, "36": 2.0, "31": 1.5, "35": 0.8, "33": 0.6}),
    "27": (0.2, {"32": 2.5, "36": 2.5, "31": 2.0, "35": 1.5, "21": 4.0}),
    "28": (0.3, {"32": 2.2, "31": 2.0, "36": 2.0, "35": 1.8, "33": 1.0, "21": 2.0}),
    "29": (0.1, {"32": 6.5, "31": 2.2, "36": 3.0, "35": 1.2, "33": 0.8}),
    "30": (0.3, {"32": 2.0, "31": 2.0, "21": 8.0, "35": 1.5, "36": 1.3}),
    "31": (0.5, {"33": 5.5, "35": 2.0, "34": 2.0, "51": 1.5, "32": 1.0}),
    "32": (0.7, {"51": 4.0, "34": 4.0, "33": 1.5, "32": 1.2, "35": 1.2, "52": 2.0, "95": 4.0}),
    "33": (1.0, {"64": 2.0, "21": 2.0, "31": 1.5, "32": 1.1, "36": 1.2, "14": 1.2, "16": 1.2,
                 "63": 1.5}),
}
# Assumption: spread of the lognormal noise on the seed matrix.  The sd of
# the log is NOISE_SIGMA_LARGE for big cells and rises towards
# NOISE_SIGMA_LARGE + NOISE_SIGMA_SMALL for tiny ones:
#   sd = LARGE + SMALL / (1 + expected cell workers / NOISE_SCALE_WORKERS)
# (small cells are measured less precisely: small-region noise).
NOISE_SIGMA_LARGE = 0.15
NOISE_SIGMA_SMALL = 0.35
NOISE_SCALE_WORKERS = 2000

# Assumption: growth 2019 -> 2024 (ratio of 2024 to 2019 workers) by division,
# and extra province-specific ratios.  ILLUSTRATIVE, for shift-share lessons.
GROWTH_2019_2024 = {
    "10": 1.10, "11": 1.08, "12": 0.92, "13": 0.93, "14": 1.03, "15": 1.10,
    "16": 0.97, "17": 1.04, "18": 0.90, "19": 1.00, "20": 1.08, "21": 1.12,
    "22": 1.05, "23": 1.04, "24": 1.30, "25": 1.06, "26": 1.20, "27": 1.06,
    "28": 1.04, "29": 1.02, "30": 1.00, "31": 1.06, "32": 1.05, "33": 1.08,
}
GROWTH_SPECIFIC = {
    ("72", "24"): 4.0,   # Central Sulawesi nickel smelting (Morowali)
    ("82", "24"): 6.0,   # North Maluku nickel smelting (Weda Bay)
    ("74", "24"): 2.0,   # South-east Sulawesi nickel smelting
    ("21", "26"): 1.10,  # Batam electronics
    ("33", "14"): 1.35, ("33", "15"): 1.35, ("33", "13"): 1.10,  # Central Java gains
    ("32", "14"): 0.85, ("32", "15"): 0.85, ("32", "13"): 0.90,  # West Java loses
    ("36", "14"): 0.85, ("36", "15"): 0.85, ("36", "13"): 0.90,  # Banten loses
    ("31", "14"): 0.80, ("31", "29"): 0.80,  # Jakarta's factories move out
}
# Assumption: spread of the lognormal noise on cell growth (sd of log).
GROWTH_NOISE_SIGMA = 0.06

# Plants (large and medium establishments, 20+ workers), 2024
PLANT_YEAR = 2024
MIN_PLANT_WORKERS = 20
PLANTS_TOTAL = 30_788  # national total of 2021 (data-facts.md s3)
# Published 2021 counts for ten divisions (data-facts.md s3)
PUBLISHED_PLANT_COUNTS = {
    "10": 7498, "22": 2600, "14": 2005, "13": 1988, "20": 1840,
    "23": 1731, "25": 1592, "31": 1375, "16": 1255, "32": 897,
}
# Assumption: how the remaining plants are shared by the other 14 divisions.
OTHER_PLANT_WEIGHTS = {
    "11": 6, "12": 12, "15": 12, "17": 7, "18": 10, "19": 1, "21": 4,
    "24": 6, "26": 7, "27": 6, "28": 8, "29": 8, "30": 5, "33": 8,
}
# Assumption: share of each division's jobs (all sizes, panel 2024) that sits
# in large and medium plants.
PLANT_JOB_SHARE = {
    "10": 0.20, "11": 0.35, "12": 0.55, "13": 0.45, "14": 0.25, "15": 0.60,
    "16": 0.12, "17": 0.60, "18": 0.30, "19": 0.70, "20": 0.55, "21": 0.70,
    "22": 0.55, "23": 0.20, "24": 0.70, "25": 0.30, "26": 0.80, "27": 0.60,
    "28": 0.45, "29": 0.80, "30": 0.50, "31": 0.20, "32": 0.12, "33": 0.20,
}
# Assumption: shape of plant sizes.  workers = 20 + scale x Lomax(alpha)
# (a Pareto tail); a smaller alpha gives a heavier tail (a few giants).
PLANT_TAIL_ALPHA = {d: 1.3 for d in DIVISION_CODES}
PLANT_TAIL_ALPHA.update({"12": 1.0, "15": 1.0, "24": 1.0, "26": 1.0, "29": 1.0,
                         "10": 1.7, "18": 1.6, "23": 1.6, "31": 1.6, "32": 1.6, "33": 1.6})
# Assumption: ceiling on plant size, by division (workers); sizes bend
# smoothly towards it (see _soft_capped_sizes), so no plant exceeds it.
PLANT_MAX_WORKERS = {d: 5000 for d in DIVISION_CODES}
PLANT_MAX_WORKERS.update({"12": 15000, "15": 20000, "24": 20000, "26": 12000, "29": 10000,
                          "14": 10000, "13": 8000, "22": 6000})
# Assumption: plants hold at most this share of the jobs in a province x
# division cell (the rest are micro and small firms).
PLANT_CELL_CAP = 0.9


# ---------------------------------------------------------------------------
# RAS
# ---------------------------------------------------------------------------
def _margin(values, labels, what):
    """Return margin totals as a float array aligned with ``labels`` (``what``: "row" or "column")."""
    rows = what == "row"
    if isinstance(values, pd.Series) and labels is not None:
        missing = [lab for lab in labels if lab not in values.index]
        if missing:
            message = (_("ras: the row totals have no value for {labels}") if rows
                       else _("ras: the column totals have no value for {labels}"))
            raise ValueError(message.format(labels=missing[:5]))
        values = values.reindex(labels)
    arr = np.asarray(values, dtype=float).ravel()
    if not np.all(np.isfinite(arr)):
        raise ValueError(_("ras: the row totals contain missing or infinite values") if rows
                         else _("ras: the column totals contain missing or infinite values"))
    if np.any(arr < 0):
        raise ValueError(_("ras: the row totals must not be negative") if rows
                         else _("ras: the column totals must not be negative"))
    return arr


def ras(seed_matrix, row_totals, col_totals, tol=1e-9, max_iter=1000):
    """Scale a non-negative matrix so its row and column sums hit given totals.

    RAS (biproportional scaling, iterative proportional fitting): find
    X = diag(r) A diag(s), as close as possible to the seed matrix A, whose row
    sums equal ``row_totals`` and column sums equal ``col_totals``.  The
    algorithm alternates two steps until both margins fit: multiply every row
    by (target row total / current row sum), then every column by (target
    column total / current column sum).  Zeros in the seed stay zero, and in a
    2 x 2 table the cross-product ratio x11*x22 / (x12*x21) is kept.

    Sources: Stone (1962); Bacharach (1970); Miller & Blair (2009), ch. 7.
    Full references: ``klaster.bibliography``.

    Parameters
    ----------
    seed_matrix : DataFrame or 2-D array of non-negative numbers (not changed).
    row_totals, col_totals : target sums (Series are aligned on the labels of
        a DataFrame seed; anything else is taken in order).
    tol : convergence tolerance, relative to the grand total: stop when no
        row or column sum is further than ``tol * total`` from its target.
    max_iter : most row-and-column rounds to try.

    Returns a new DataFrame with the seed's labels.  Raises ValueError when the
    two margins have different sums, when a positive total meets a row or
    column of zeros, or when the scaling does not converge.
    """
    if isinstance(seed_matrix, pd.DataFrame):
        index, columns = seed_matrix.index, seed_matrix.columns
        a = seed_matrix.to_numpy(dtype=float, copy=True)
    else:
        a = np.array(seed_matrix, dtype=float, copy=True)
        if a.ndim != 2:
            raise ValueError(_("ras: the seed matrix must be two-dimensional"))
        index, columns = pd.RangeIndex(a.shape[0]), pd.RangeIndex(a.shape[1])
    if not np.all(np.isfinite(a)):
        raise ValueError(_("ras: the seed matrix contains missing or infinite values"))
    if np.any(a < 0):
        raise ValueError(_("ras: the seed matrix must not contain negative values"))
    r = _margin(row_totals, index if isinstance(seed_matrix, pd.DataFrame) else None, "row")
    c = _margin(col_totals, columns if isinstance(seed_matrix, pd.DataFrame) else None, "column")
    if r.size != a.shape[0] or c.size != a.shape[1]:
        raise ValueError(
            _("ras: the seed matrix is {rows} x {columns} but there are {n_rows} row totals and {n_columns} "
              "column totals").format(rows=a.shape[0], columns=a.shape[1], n_rows=r.size, n_columns=c.size))
    total = max(r.sum(), c.sum())
    scale = max(total, 1.0)
    if abs(r.sum() - c.sum()) > tol * scale:
        raise ValueError(
            _("ras: row totals sum to {rows} but column totals sum to {columns}; both margins must have the same "
              "grand total").format(rows=number(r.sum(), ",.6g"), columns=number(c.sum(), ",.6g")))
    if np.any((a.sum(axis=1) == 0) & (r > 0)) or np.any((a.sum(axis=0) == 0) & (c > 0)):
        raise ValueError(_("ras: a row or column of the seed is all zeros but its target "
                           "total is positive, so it cannot be scaled to fit"))
    x = a
    for _round in range(max_iter):
        rs = x.sum(axis=1)
        x = x * np.divide(r, rs, out=np.zeros_like(r), where=rs > 0)[:, None]
        cs = x.sum(axis=0)
        x = x * np.divide(c, cs, out=np.zeros_like(c), where=cs > 0)[None, :]
        err = max(np.abs(x.sum(axis=1) - r).max(), np.abs(x.sum(axis=0) - c).max())
        if err <= tol * scale:
            return pd.DataFrame(x, index=index, columns=columns)
    raise ValueError(
        _("ras: did not converge in {n} iterations (largest margin error {error}); the pattern of zeros may "
          "make the margins impossible to meet").format(n=max_iter, error=number(err, ".3g")))


# ---------------------------------------------------------------------------
# Integer helpers
# ---------------------------------------------------------------------------
def _largest_remainder(weights, total):
    """Split the integer ``total`` in proportion to ``weights`` (Hamilton's method)."""
    w = np.asarray(weights, dtype=float)
    quota = np.round(w / w.sum() * total, 6)
    base = np.floor(quota).astype(np.int64)
    short = int(total - base.sum())
    order = np.argsort(-(quota - base), kind="stable")
    base[order[:short]] += 1
    return base


def _round_matrix(x, row_totals, col_totals):
    """Round a matrix that fits its margins to integers that fit them exactly.

    Rows first, by largest remainders within each row; then single workers are
    moved between columns inside a row, where that costs least, until every
    column total is met too.  The loop runs over the few surplus units, not
    over cells.
    """
    x = np.round(np.asarray(x, dtype=float), 6)
    r = np.asarray(row_totals, dtype=np.int64)
    c = np.asarray(col_totals, dtype=np.int64)
    y = np.floor(x).astype(np.int64)
    short = r - y.sum(axis=1)
    order = np.argsort(-(x - y), axis=1, kind="stable")
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.arange(x.shape[1])[None, :].repeat(x.shape[0], 0), axis=1)
    y = y + (rank < short[:, None])
    excess = y.sum(axis=0) - c
    for _step in range(int(np.abs(excess).sum())):
        if not excess.any():
            break
        j, k = int(np.argmax(excess)), int(np.argmin(excess))
        gain = (x[:, k] - y[:, k]) + (y[:, j] - x[:, j])
        gain = np.where(y[:, j] >= 1, gain, -np.inf)
        i = int(np.argmax(gain))
        y[i, j] -= 1
        y[i, k] += 1
        excess[j] -= 1
        excess[k] += 1
    if excess.any() or (y.sum(axis=1) != r).any():  # pragma: no cover - safety net
        raise RuntimeError(_("synthetic: integer rounding could not meet the margins"))
    return y


# ---------------------------------------------------------------------------
# Calibration targets
# ---------------------------------------------------------------------------
def _load_provinces(provinces=None):
    """Province table (bps_code as text), sorted by code."""
    if provinces is None:
        provinces = pd.read_csv(data_dir() / "provinces.csv", dtype={"bps_code": str})
    prov = provinces.copy()
    prov["bps_code"] = prov["bps_code"].astype(str).str.zfill(2)
    return prov.sort_values("bps_code", kind="stable").reset_index(drop=True)


def national_division_totals(year=2024):
    """National manufacturing workers by division (Series indexed by code).

    2024: the eight divisions with shares published by Sakernas (August 2024)
    get share x 144.64 million; the other 16 share the rest of 20.01 million by
    OTHER_DIVISION_WEIGHTS (an assumption).  Other years are not defined here:
    2019 division totals come out of the growth assumptions in generate_panel.
    """
    if year != 2024:
        raise ValueError(_("national_division_totals: only 2024 is calibrated to published figures"))
    out = pd.Series(0, index=list(DIVISION_CODES), dtype="int64")
    for code, share in PUBLISHED_SHARES_2024.items():
        out[code] = int(round(share * EMPLOYED_2024))
    rest = MANUFACTURING_2024 - int(out.sum())
    others = list(OTHER_DIVISION_WEIGHTS)
    out[others] = _largest_remainder([OTHER_DIVISION_WEIGHTS[d] for d in others], rest)
    return out


def province_totals(year=2024, provinces=None, seed: int = SEED):
    """Manufacturing workers by province (Series indexed by bps_code).

    Population x INTENSITY (an assumption), scaled to the national total of
    the year and rounded by largest remainders.  For 2019 the population is
    the 2024 figure x POPULATION_2019_FACTOR, a few intensities change
    (INTENSITY_2019_CHANGES) and every intensity gets a small lognormal
    disturbance (INTENSITY_2019_NOISE_SIGMA, drawn from ``seed``) so that
    provinces do not all grow at the same rate.
    """
    prov = _load_provinces(provinces)
    codes = prov["bps_code"].tolist()
    intensity = np.array([INTENSITY[c] for c in codes], dtype=float)
    pop = prov["population"].to_numpy(dtype=float)
    if year == 2024:
        total = MANUFACTURING_2024
    elif year == 2019:
        total = MANUFACTURING_2019
        pop = pop * POPULATION_2019_FACTOR
        intensity = np.array([INTENSITY_2019_CHANGES.get(c, INTENSITY[c]) for c in codes])
        rng = np.random.default_rng([seed, 2019])
        intensity = intensity * rng.lognormal(0.0, INTENSITY_2019_NOISE_SIGMA, size=len(codes))
    else:
        raise ValueError(_("province_totals: the panel covers 2019 and 2024 only"))
    return pd.Series(_largest_remainder(pop * intensity, total), index=codes, dtype="int64")


def _geography(codes):
    """Geography multiplier matrix (provinces x divisions) from GEOGRAPHY."""
    g = np.ones((len(codes), len(DIVISION_CODES)))
    pos = {c: i for i, c in enumerate(codes)}
    for j, d in enumerate(DIVISION_CODES):
        default, special = GEOGRAPHY.get(d, (1.0, {}))
        g[:, j] = default
        for p, m in special.items():
            g[pos[p], j] = m
    return g


def _growth(codes):
    """Assumed ratio 2024 / 2019 by province x division (before noise)."""
    g = np.tile([GROWTH_2019_2024[d] for d in DIVISION_CODES], (len(codes), 1)).astype(float)
    pos_p = {c: i for i, c in enumerate(codes)}
    pos_d = {d: j for j, d in enumerate(DIVISION_CODES)}
    for (p, d), m in GROWTH_SPECIFIC.items():
        g[pos_p[p], pos_d[d]] *= m
    return g


# ---------------------------------------------------------------------------
# Generators
# ---------------------------------------------------------------------------
def generate_panel(seed: int = SEED, provinces=None) -> pd.DataFrame:
    """Synthetic workers by year x province x division (2019 and 2024).

    2024: seed = province total x national division share x GEOGRAPHY x
    lognormal noise, fitted by ``ras`` to the province totals (population x
    intensity) and the division totals (Sakernas August 2024 shares plus
    assumptions), then rounded to integers that meet both margins exactly.
    2019: 2024 cells divided by assumed growth ratios x noise, fitted by
    ``ras`` to 2019 province totals (same intensity rule) and to the column
    sums of that seed scaled to 18.93 million.  ILLUSTRATIVE, NOT OFFICIAL.
    """
    prov = _load_provinces(provinces)
    codes = prov["bps_code"].tolist()
    names = prov["name"].astype(str).tolist()
    rng = np.random.default_rng(seed)
    n_p, n_d = len(codes), len(DIVISION_CODES)

    div24 = national_division_totals(2024).to_numpy()
    prov24 = province_totals(2024, prov).to_numpy()
    share = div24 / div24.sum()
    expected = prov24[:, None] * share[None, :] * _geography(codes)
    sigma = NOISE_SIGMA_LARGE + NOISE_SIGMA_SMALL / (1.0 + expected / NOISE_SCALE_WORKERS)
    seed24 = expected * np.exp(sigma * rng.standard_normal(size=(n_p, n_d)))
    x24 = ras(seed24, prov24, div24).to_numpy()
    y24 = _round_matrix(x24, prov24, div24)

    growth = _growth(codes) * rng.lognormal(0.0, GROWTH_NOISE_SIGMA, size=(n_p, n_d))
    seed19 = x24 / growth
    div19 = _largest_remainder(seed19.sum(axis=0), MANUFACTURING_2019)
    prov19 = province_totals(2019, prov, seed).to_numpy()
    x19 = ras(seed19, prov19, div19).to_numpy()
    y19 = _round_matrix(x19, prov19, div19)

    frames = []
    for year, y in ((2019, y19), (2024, y24)):
        frames.append(pd.DataFrame({
            "year": np.full(n_p * n_d, year, dtype=np.int64),
            "bps_code": np.repeat(codes, n_d),
            "province": np.repeat(names, n_d),
            "division": np.tile(DIVISION_CODES, n_p),
            "division_name": np.tile([SHORT_NAMES[d] for d in DIVISION_CODES], n_p),
            "workers": y.ravel().astype(np.int64),
        }))
    panel = pd.concat(frames, ignore_index=True)
    for col in ("bps_code", "province", "division", "division_name"):
        panel[col] = panel[col].astype(str)
    return panel[PANEL_COLUMNS]


def national_plant_counts():
    """Number of large and medium plants by division (Series indexed by code).

    The ten divisions published for 2021 (BPS IBS via databoks) keep their
    counts; the other 14 share the rest of 30,788 by OTHER_PLANT_WEIGHTS.
    """
    out = pd.Series(0, index=list(DIVISION_CODES), dtype="int64")
    for code, n in PUBLISHED_PLANT_COUNTS.items():
        out[code] = n
    others = list(OTHER_PLANT_WEIGHTS)
    out[others] = _largest_remainder([OTHER_PLANT_WEIGHTS[d] for d in others],
                                     PLANTS_TOTAL - int(out.sum()))
    return out


def _soft_capped_sizes(raw, target, cap):
    """Scale Pareto draws to sum to ``target`` with a smooth ceiling ``cap``.

    Each size is cap x (1 - exp(-k x raw / cap)): almost k x raw for small
    plants, bending towards (never above) ``cap`` for the largest ones.  The
    factor k is found by bisection so that the sizes add up to ``target``.
    """
    if raw.size == 0 or target <= 0:
        return np.zeros_like(raw)
    if target >= 0.99 * cap * raw.size:
        raise ValueError(_("synthetic: plant size ceiling too low for the assumed job share"))

    def total(k):
        return float(np.sum(cap * -np.expm1(-k * raw / cap)))

    lo, hi = 0.0, target / raw.sum()
    while total(hi) < target:
        hi *= 2.0
    for _step in range(100):
        mid = 0.5 * (lo + hi)
        if total(mid) < target:
            lo = mid
        else:
            hi = mid
    return cap * -np.expm1(-hi * raw / cap)


def generate_plants(panel: pd.DataFrame, seed: int = SEED) -> pd.DataFrame:
    """Synthetic large and medium plants (20+ workers) for 2024.

    For each division: the national count (``national_plant_counts``) is
    spread over provinces by a multinomial draw in proportion to the panel's
    2024 cell employment; sizes are 20 + scale x Lomax(alpha) draws, scaled so
    the division's plants hold PLANT_JOB_SHARE of its jobs and capped at
    PLANT_MAX_WORKERS.  In each cell plants may hold at most PLANT_CELL_CAP of
    the cell's workers: the smallest plants are dropped where the cell cannot
    hold them all at 20 workers, and the rest are shrunk above 20.
    ILLUSTRATIVE, NOT OFFICIAL.
    """
    rng = np.random.default_rng([seed, PLANT_YEAR])
    cells = panel.loc[panel["year"] == PLANT_YEAR, ["bps_code", "division", "workers"]].copy()
    cells["bps_code"] = cells["bps_code"].astype(str).str.zfill(2)
    cells["division"] = cells["division"].astype(str).str.zfill(2)
    wide = cells.pivot(index="bps_code", columns="division", values="workers")
    wide = wide.reindex(columns=list(DIVISION_CODES)).fillna(0)
    codes = wide.index.to_numpy(dtype=str)
    counts = national_plant_counts()

    parts = []
    for d in DIVISION_CODES:
        w = wide[d].to_numpy(dtype=float)
        n = int(counts[d])
        per_prov = rng.multinomial(n, w / w.sum())
        raw = rng.pareto(PLANT_TAIL_ALPHA[d], size=n)
        target = PLANT_JOB_SHARE[d] * w.sum() - MIN_PLANT_WORKERS * n
        extra = _soft_capped_sizes(raw, target, PLANT_MAX_WORKERS[d] - MIN_PLANT_WORKERS)
        parts.append(pd.DataFrame({
            "bps_code": np.repeat(codes, per_prov),
            "division": d,
            "extra": np.round(extra, 6),
            "draw": np.arange(n),
            "cell_workers": np.repeat(w, per_prov),
        }))
    plants = pd.concat(parts, ignore_index=True)

    # Cell constraint: plants hold at most PLANT_CELL_CAP of the cell's jobs.
    plants["room"] = np.floor(plants["cell_workers"] * PLANT_CELL_CAP)
    plants = plants.sort_values(["bps_code", "division", "extra", "draw"],
                                ascending=[True, True, False, True], kind="stable")
    rank = plants.groupby(["bps_code", "division"], sort=False).cumcount()
    plants = plants[rank < plants["room"] // MIN_PLANT_WORKERS].copy()
    grp = plants.groupby(["bps_code", "division"], sort=False)
    n_cell = grp["extra"].transform("size")
    sum_extra = grp["extra"].transform("sum")
    free_room = plants["room"] - MIN_PLANT_WORKERS * n_cell
    factor = np.where(sum_extra > free_room, free_room / sum_extra.where(sum_extra > 0, 1), 1.0)
    plants["workers"] = (MIN_PLANT_WORKERS
                         + np.floor(np.round(plants["extra"] * factor, 6))).astype(np.int64)

    plants = plants.sort_values(["bps_code", "division", "workers", "draw"],
                                ascending=[True, True, False, True], kind="stable")
    plants = plants.reset_index(drop=True)
    out = pd.DataFrame({
        "plant_id": [f"P{i:05d}" for i in range(1, len(plants) + 1)],
        "year": np.full(len(plants), PLANT_YEAR, dtype=np.int64),
        "bps_code": plants["bps_code"].astype(str).to_numpy(),
        "division": plants["division"].astype(str).to_numpy(),
        "workers": plants["workers"].to_numpy(dtype=np.int64),
    })
    for col in ("plant_id", "bps_code", "division"):
        out[col] = out[col].astype(str)
    return out[PLANT_COLUMNS]


# ---------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------
def _csv_bytes(df):
    buf = io.StringIO()
    df.to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue().encode("utf-8")


def render(seed: int = SEED) -> dict:
    """The two generated files as bytes: {file name: content}."""
    panel = generate_panel(seed)
    plants = generate_plants(panel, seed)
    return {PANEL_FILE: _csv_bytes(panel), PLANTS_FILE: _csv_bytes(plants)}


def write_data(out_dir=None) -> list:
    """Write the panel and the plants CSVs to ``out_dir`` (default: data_dir()).

    Returns the paths written.  The province table is always read from
    ``klaster.paths.data_dir()``.
    """
    out = Path(out_dir) if out_dir is not None else data_dir()
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, content in render().items():
        path = out / name
        path.write_bytes(content)
        paths.append(path)
    return paths


def main(argv=None) -> int:
    """Command line: regenerate the synthetic files, or ``--check`` them."""
    parser = argparse.ArgumentParser(
        prog="python -m klaster.synthetic",
        description=_("Regenerate (or check) the course's SYNTHETIC manufacturing data."))
    parser.add_argument("--check", action="store_true",
                        help=_("do not write; exit 1 if the files differ from what the code makes"))
    parser.add_argument("--out", metavar="DIR", default=None,
                        help=_("folder to write to or check (default: the course's data/ folder)"))
    args = parser.parse_args(argv)
    out = Path(args.out) if args.out is not None else data_dir()
    if args.check:
        differ = [name for name, content in render().items()
                  if not (out / name).is_file() or (out / name).read_bytes() != content]
        if differ:
            print(_("synthetic data out of date: {files} in {folder} differ from what klaster.synthetic "
                    "produces; run `python -m klaster.synthetic` to regenerate").format(
                        files=", ".join(differ), folder=out), file=sys.stderr)
            return 1
        print(_("synthetic data up to date in {folder}").format(folder=out))
        return 0
    for path in write_data(out):
        print(_("wrote {path}").format(path=path))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
