"""The measures on a national-scale synthetic input, against straightforward
loop implementations (written here for the benchmark only) and against the
cost of one numpy pass over the same data (the floor)."""
from __future__ import annotations

import math
import statistics
import time
import tracemalloc

import numpy as np
import pandas as pd

from klaster import measures

REGIONS, INDUSTRIES = 3000, 1000
PLANTS, PLANT_INDUSTRIES = 300_000, 1000


def matrix_input(seed: int = 1) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    start = rng.gamma(0.6, 200, size=(REGIONS, INDUSTRIES)).round()
    end = (start * rng.lognormal(0.05, 0.2, size=start.shape)).round()
    index = pd.Index([f"r{k}" for k in range(REGIONS)], name="region")
    columns = pd.Index([f"i{k}" for k in range(INDUSTRIES)], name="industry")
    return pd.DataFrame(start, index=index, columns=columns), pd.DataFrame(end, index=index, columns=columns)


def plants_input(seed: int = 2) -> tuple[pd.DataFrame, pd.Series]:
    rng = np.random.default_rng(seed)
    regions = np.array([f"r{k}" for k in range(REGIONS)])
    plants = pd.DataFrame({
        "region": regions[rng.integers(0, REGIONS, PLANTS)],
        "industry": rng.integers(0, PLANT_INDUSTRIES, PLANTS),
        "employment": np.round(20 + rng.pareto(1.5, PLANTS) * 20),
    })
    region_employment = pd.Series(rng.gamma(2, 1000, REGIONS), index=regions)
    return plants, region_employment


# --- straightforward loop implementations, for comparison only ---------------

def loop_location_quotient(emp):
    rows, cols = emp.index, emp.columns
    values = emp.to_numpy().tolist()
    region_total = [sum(r) for r in values]
    industry_total = [sum(values[r][i] for r in range(len(rows))) for i in range(len(cols))]
    total = sum(region_total)
    return [[(values[r][i] / region_total[r]) / (industry_total[i] / total) for i in range(len(cols))]
            for r in range(len(rows))]


def loop_krugman(emp):
    values = emp.to_numpy().tolist()
    region_total = [sum(r) for r in values]
    n_ind = len(values[0])
    industry_total = [sum(row[i] for row in values) for i in range(n_ind)]
    total = sum(region_total)
    return [sum(abs(row[i] / rt - industry_total[i] / total) for i in range(n_ind))
            for row, rt in zip(values, region_total)]


def loop_hoover(emp):
    values = emp.to_numpy().tolist()
    region_total = [sum(r) for r in values]
    total = sum(region_total)
    out = []
    for i in range(len(values[0])):
        column_total = sum(row[i] for row in values)
        out.append(0.5 * sum(abs(row[i] / column_total - rt / total) for row, rt in zip(values, region_total)))
    return out


def loop_locational_gini(emp):
    values = emp.to_numpy().tolist()
    region_total = [sum(r) for r in values]
    total = sum(region_total)
    out = []
    for i in range(len(values[0])):
        column_total = sum(row[i] for row in values)
        pairs = sorted(((row[i] / column_total) / (rt / total), rt / total, row[i] / column_total)
                       for row, rt in zip(values, region_total))
        area, cum_y = 0.0, 0.0
        for _, x, y in pairs:
            area += x * (2 * cum_y + y)
            cum_y += y
        out.append(1 - area)
    return out


def loop_shift_share(start, end):
    s, e = start.to_numpy().tolist(), end.to_numpy().tolist()
    n_r, n_i = len(s), len(s[0])
    total_s, total_e = sum(map(sum, s)), sum(map(sum, e))
    g = total_e / total_s - 1
    ind_s = [sum(s[r][i] for r in range(n_r)) for i in range(n_i)]
    ind_e = [sum(e[r][i] for r in range(n_r)) for i in range(n_i)]
    out = []
    for r in range(n_r):
        for i in range(n_i):
            gi = ind_e[i] / ind_s[i] - 1
            out.append((s[r][i] * g, s[r][i] * (gi - g), e[r][i] - s[r][i] * ind_e[i] / ind_s[i], e[r][i] - s[r][i]))
    return out


def loop_ellison_glaeser(plants, region_employment):
    total = sum(region_employment.values)
    x = {r: v / total for r, v in region_employment.items()}
    sum_x2 = sum(v * v for v in x.values())
    by_industry: dict = {}
    for region, industry, jobs in zip(plants["region"], plants["industry"], plants["employment"]):
        by_industry.setdefault(industry, []).append((region, jobs))
    out = {}
    for industry, rows in by_industry.items():
        jobs_total = sum(j for _, j in rows)
        s: dict = {}
        for region, jobs in rows:
            s[region] = s.get(region, 0) + jobs / jobs_total
        G = sum((s.get(r, 0) - xr) ** 2 for r, xr in x.items())
        H = sum((j / jobs_total) ** 2 for _, j in rows)
        out[industry] = (G - (1 - sum_x2) * H) / ((1 - sum_x2) * (1 - H)) if H < 1 else math.nan
    return out


def _time(function, repeats: int) -> list[float]:
    """Seconds of the calling thread's CPU time (user and system) per call. The measures run on one
    thread, so on a quiet machine this is their wall time; on a busy one it is far less disturbed
    by other processes waiting for the same cores."""
    times = []
    for _ in range(repeats):
        started = time.thread_time()
        function()
        times.append(time.thread_time() - started)
    return times


def _peak_memory_mb(function) -> float:
    tracemalloc.start()
    function()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def library_times(repeats: int = 5) -> list[dict]:
    """Each measure against two floors measured in the same run: one numpy pass over the data
    (``one_pass``) and the least work the measure's own definition needs (``floor``, the
    decision of issue 19): for the locational Gini one np.sort of the matrix along the regions;
    for Krugman and Hoover the passes the formula needs (two totals and one pass over the
    gaps); for Ellison-Glaeser with text region labels one pd.factorize of the plants' regions
    plus the bincount, and with categorical labels (codes given) the bincount alone."""
    start, end = matrix_input()
    plants, region_employment = plants_input()
    coded_plants = plants.assign(region=plants["region"].astype("category"))
    array, end_array = start.to_numpy(), end.to_numpy()
    plant_jobs = plants["employment"].to_numpy()
    plant_industry = plants["industry"].to_numpy()
    plant_regions = plants["region"].to_numpy()
    floors = {
        # producing an output the size of the input: one read and one write of every cell
        "matrix_out": lambda: np.divide(array, 2.0),
        # reducing the matrix to a vector: one read of every cell
        "vector_out": lambda: array.sum(axis=0),
        # shift-share reads two matrices and writes four: one pass over each
        "shift_share": lambda: (np.subtract(end_array, array), np.multiply(array, 0.5),
                                np.multiply(array, 0.5), np.subtract(end_array, array)),
        # one pass over the plants, grouped by industry
        "plants": lambda: np.bincount(plant_industry, weights=plant_jobs),
        # the least work of each definition
        "sort": lambda: np.sort(array, axis=0),
        "three_passes": lambda: (array.sum(axis=1), array.sum(axis=0), array.sum(axis=1)),
        "factorize_bincount": lambda: (pd.factorize(plant_regions), np.bincount(plant_industry, weights=plant_jobs)),
    }
    cases = [  # name, library, loop, one-pass floor, the measure's own floor, target ratio to its own floor
        ("location_quotient", lambda: measures.location_quotient(start), lambda: loop_location_quotient(start),
         "matrix_out", "matrix_out", 5),
        ("krugman_index", lambda: measures.krugman_index(start), lambda: loop_krugman(start),
         "vector_out", "three_passes", 3),
        ("hoover_localization", lambda: measures.hoover_localization(start), lambda: loop_hoover(start),
         "vector_out", "three_passes", 3),
        ("locational_gini", lambda: measures.locational_gini(start), lambda: loop_locational_gini(start),
         "vector_out", "sort", 3),
        ("shift_share", lambda: measures.shift_share(start, end), lambda: loop_shift_share(start, end),
         "shift_share", "shift_share", 5),
        ("ellison_glaeser", lambda: measures.ellison_glaeser(plants, region_employment=region_employment),
         lambda: loop_ellison_glaeser(plants, region_employment), "plants", "factorize_bincount", 3),
        ("ellison_glaeser (categorical regions)",
         lambda: measures.ellison_glaeser(coded_plants, region_employment=region_employment),
         None, "plants", "plants", None),
    ]
    records = []
    loop_times = {}
    for name, library, loop, pass_name, floor_name, target in cases:
        # floors and library interleaved, so that a busy machine slows them alike
        one_pass, floor, lib = [], [], []
        for _ in range(repeats):
            one_pass += _time(floors[pass_name], 1)
            floor += _time(floors[floor_name], 1)
            lib += _time(library, 1)
        if loop is not None:
            loop_times[name] = statistics.median(_time(loop, 1))
        loop_time = loop_times.get(name, loop_times.get(name.split(" (")[0]))
        median = statistics.median(lib)
        records.append({
            "measure": name, "library_s": median, "library_min_s": min(lib), "library_max_s": max(lib),
            "one_pass_s": statistics.median(one_pass), "one_pass": pass_name,
            "ratio_to_one_pass": median / statistics.median(one_pass),
            "floor_s": statistics.median(floor), "floor": floor_name,
            "ratio_to_floor": median / statistics.median(floor), "target_ratio": target,
            "loop_s": loop_time, "speedup_over_loop": loop_time / median if loop_time else None,
            "peak_memory_mb": _peak_memory_mb(library),
            "input": f"{REGIONS} x {INDUSTRIES}" if not name.startswith("ellison") else f"{PLANTS:,} plants, {PLANT_INDUSTRIES} industries",
        })
    return records
