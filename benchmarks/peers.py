"""klaster beside the Python packages that compute the same measures (optional installs,
measured only where present): econcomplex, PySAL's inequality, concentrationMetrics.

For each measure and size: klaster's time, each peer's time, the largest difference
from klaster after converting the peer's convention (hoover in percent, locational
Gini halved, Shannon entropy in bits), and klaster's peak memory against its input.
Sizes run from the course's own table (38 provinces x 24 divisions) to 20 M cells.

    pip install econcomplex inequality concentrationmetrics   # optional, for this benchmark only
"""
from __future__ import annotations

import importlib
import statistics
import time
import tracemalloc

import numpy as np
import pandas as pd

from klaster import measures

SIZES = [(38, 24), (300, 100), (3000, 1000), (10000, 2000)]
MEMORY_MEASURES = ("shift_share", "esteban_marquillas")


def _available(name: str):
    try:
        return importlib.import_module(name)
    except Exception:  # not installed, or broken: the benchmark leaves it out
        return None


def matrix(regions: int, industries: int, seed: int = 3) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    start = rng.gamma(0.6, 200, size=(regions, industries)).round() + (rng.random((regions, industries)) < 0.02)
    end = (start * rng.lognormal(0.05, 0.2, size=start.shape)).round()
    index = pd.Index([f"r{k}" for k in range(regions)], name="region")
    columns = pd.Index([f"i{k}" for k in range(industries)], name="industry")
    return pd.DataFrame(start, index=index, columns=columns), pd.DataFrame(end, index=index, columns=columns)


def peer_functions() -> dict:
    """measure -> list of (peer name, function(start, end) -> array in klaster's convention)."""
    peers: dict = {}
    ec = _available("econcomplex")
    if ec is not None:
        peers.setdefault("location_quotient", []).append(("econcomplex", lambda s, e: ec.location_quotient(s)))
        peers.setdefault("krugman_index", []).append(("econcomplex", lambda s, e: ec.krugman_index(s)))
        peers.setdefault("hoover_localization", []).append(("econcomplex", lambda s, e: ec.hoover_index(s) / 100))
        peers.setdefault("locational_gini", []).append(("econcomplex", lambda s, e: 2 * ec.locational_gini(s)))
        peers.setdefault("herfindahl", []).append(("econcomplex", lambda s, e: ec.herfindahl(s, normalize=False)))
        peers.setdefault("shannon_diversity", []).append(
            ("econcomplex", lambda s, e: ec.shannon_entropy(s, base=np.e)))
        peers.setdefault("gini", []).append(("econcomplex", lambda s, e: ec.gini(s.iloc[:, 0].to_numpy())))
    ineq = _available("inequality")
    if ineq is not None:
        peers.setdefault("gini", []).append(("inequality (PySAL)", lambda s, e: ineq.gini.Gini(s.iloc[:, 0].to_numpy()).g))
    cm = _available("concentrationMetrics")
    if cm is not None:
        index = cm.Index()
        peers.setdefault("herfindahl", []).append(
            ("concentrationMetrics", lambda s, e: np.array([index.hhi(row, normalized=False) for row in s.to_numpy()])))
        peers.setdefault("shannon_diversity", []).append(
            ("concentrationMetrics", lambda s, e: np.array([index.shannon(row) for row in s.to_numpy()])))
        peers.setdefault("gini", []).append(("concentrationMetrics", lambda s, e: index.gini(s.iloc[:, 0].to_numpy())))
    return peers


KLASTER = {
    "location_quotient": lambda s, e: measures.location_quotient(s),
    "krugman_index": lambda s, e: measures.krugman_index(s),
    "hoover_localization": lambda s, e: measures.hoover_localization(s),
    "locational_gini": lambda s, e: measures.locational_gini(s),
    "herfindahl": lambda s, e: measures.herfindahl(s),
    "shannon_diversity": lambda s, e: measures.shannon_diversity(s),
    "gini": lambda s, e: measures.gini(s.iloc[:, 0]),
    "shift_share": lambda s, e: measures.shift_share(s, e),
    "esteban_marquillas": lambda s, e: measures.esteban_marquillas(s, e),
    "cluster_stars": lambda s, e: measures.cluster_stars(s),
    "cluster_portfolio": lambda s, e: measures.cluster_portfolio(s, e),
}


def _time(function, budget_s: float = 0.5, most: int = 200) -> float:
    """Median seconds of one call, repeating small calls so that each figure rests on some time.

    CPU time of the calling thread, as in library_scale: the same as wall time for these
    single-threaded calls on a quiet machine, less disturbed on a busy one."""
    function()
    times = []
    spent = 0.0
    while len(times) < 3 or (spent < budget_s and len(times) < most):
        started = time.thread_time()
        function()
        elapsed = time.thread_time() - started
        times.append(elapsed)
        spent += elapsed
    return statistics.median(times)


def _as_array(result) -> np.ndarray:
    if isinstance(result, (pd.DataFrame, pd.Series)):
        return result.to_numpy(dtype=float)
    return np.atleast_1d(np.asarray(result, dtype=float))


def _difference(a, b) -> float:
    a, b = _as_array(a).ravel(), _as_array(b).ravel()
    if a.shape != b.shape:
        return float("inf")
    both = ~(np.isnan(a) | np.isnan(b))
    if not np.array_equal(np.isnan(a), np.isnan(b)):
        return float("inf")
    scale = np.maximum(np.maximum(np.abs(a[both]), np.abs(b[both])), 1e-300)
    return float(np.max(np.abs(a[both] - b[both]) / scale, initial=0.0))  # relative


def _peak_ratio(function, input_bytes: int) -> float:
    tracemalloc.start()
    function()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / input_bytes


def comparison(sizes=SIZES, budget_s: float = 0.5) -> list[dict]:
    peers = peer_functions()
    rows = []
    for regions, industries in sizes:
        start, end = matrix(regions, industries)
        for name, ours in KLASTER.items():
            if name in ("cluster_stars", "cluster_portfolio") and regions * industries > 4_000_000:
                continue
            klaster_s = _time(lambda: ours(start, end), budget_s)
            row = {"measure": name, "size": f"{regions} x {industries}", "cells": regions * industries,
                   "klaster_s": klaster_s, "peers": []}
            if name in MEMORY_MEASURES:
                inputs = start.to_numpy().nbytes + end.to_numpy().nbytes
                row["peak_over_input"] = _peak_ratio(lambda: ours(start, end), inputs)
            reference = ours(start, end)
            for peer, theirs in peers.get(name, []):
                try:
                    result = theirs(start, end)
                    seconds = _time(lambda: theirs(start, end), budget_s)
                except Exception as exc:  # a peer that fails at this size is reported, not fatal
                    row["peers"].append({"peer": peer, "error": f"{type(exc).__name__}: {exc}"[:120]})
                    continue
                row["peers"].append({"peer": peer, "seconds": seconds, "max_difference": _difference(reference, result)})
            timed = [p["seconds"] for p in row["peers"] if "seconds" in p]
            row["fastest_peer_s"] = min(timed) if timed else None
            rows.append(row)
    return rows


def scaling(cells=(1_000_000, 5_000_000, 20_000_000), industries: int = 1000) -> list[dict]:
    """Seconds per million cells of every matrix measure as the table grows (linear = constant)."""
    rows = []
    for n in cells:
        start, end = matrix(n // industries, industries)
        for name in ("location_quotient", "krugman_index", "hoover_localization", "locational_gini",
                     "herfindahl", "shannon_diversity", "shift_share", "esteban_marquillas"):
            ours = KLASTER[name]
            seconds = _time(lambda: ours(start, end), budget_s=0.0)
            row = {"measure": name, "cells": n, "seconds": seconds, "s_per_million_cells": seconds / (n / 1e6)}
            if name in MEMORY_MEASURES:
                row["peak_over_input"] = _peak_ratio(lambda: ours(start, end),
                                                     start.to_numpy().nbytes + end.to_numpy().nbytes)
            rows.append(row)
        del start, end
    return rows
