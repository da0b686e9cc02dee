"""Check that the measures give the same results, to the last bit, as an earlier revision.

    python -m benchmarks.same_results fd17f8f      # any git revision of this repository

The earlier revision's klaster/ is unpacked (git archive) into a temporary folder as the
package ``klaster_before``, and every measure runs on a few hundred random and edge-case
tables (integer and float cells, both memory layouts, nullable dtypes, regions or
industries without jobs, ties, -0.0, cells from 1e-4 to 1e4 and far beyond) and plant
tables (text, integer and categorical labels), comparing values bit for bit, labels and
error messages. Exit status 1 if anything differs.
"""
from __future__ import annotations

import io
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent


def load_before(revision: str):
    folder = Path(tempfile.mkdtemp(prefix="klaster-before-"))
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision, "klaster"], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    (folder / "klaster").rename(folder / "klaster_before")
    sys.path.insert(0, str(folder))
    import klaster_before.measures as before
    return before


def same(a, b) -> bool:
    if isinstance(a, pd.DataFrame):
        return (isinstance(b, pd.DataFrame) and a.index.equals(b.index) and list(a.columns) == list(b.columns)
                and all(same(a[c], b[c]) for c in a.columns))
    if isinstance(a, pd.Series):
        if not (isinstance(b, pd.Series) and a.index.equals(b.index) and a.name == b.name and a.dtype == b.dtype):
            return False
        if a.dtype.kind != "f":
            return a.equals(b)
        a, b = a.to_numpy(), b.to_numpy()
    a, b = np.asarray(a, float), np.asarray(b, float)
    return (a.shape == b.shape and np.array_equal(np.isnan(a), np.isnan(b))
            and np.array_equal(a[~np.isnan(a)].view(np.int64), b[~np.isnan(b)].view(np.int64)))


def matrices(count: int = 160, seed: int = 11) -> list[tuple[pd.DataFrame, pd.DataFrame]]:
    rng = np.random.default_rng(seed)
    cases = []
    for trial in range(count):
        r, i = int(rng.integers(1, 60)), int(rng.integers(1, 50))
        kind = trial % 6
        if kind == 0:
            m = rng.gamma(0.6, 200, (r, i)).round()
        elif kind == 1:
            m = rng.integers(0, 3, (r, i)).astype(float)
        elif kind == 2:
            m = rng.random((r, i)) * (rng.random((r, i)) < 0.3)
        elif kind == 3:
            m = np.ones((r, i))
            m[rng.integers(0, r)] = 0
        elif kind == 4:
            m = rng.gamma(0.6, 200, (r, i))
            m[:, rng.integers(0, i)] = 0
        else:
            m = np.exp(rng.normal(0, 10, (r, i)))
            m[rng.random((r, i)) < 0.2] = -0.0
        if m.sum() == 0:
            m[0, 0] = 1
        index, columns = [f"r{k}" for k in range(r)], [f"i{k}" for k in range(i)]
        frame = pd.DataFrame(m, index=index, columns=columns)
        if trial % 2:
            frame = frame.copy()
        if trial % 4 == 1:
            frame = pd.DataFrame({c: m[:, k] for k, c in enumerate(columns)}, index=index)
        if trial % 3 == 0 and kind in (0, 1, 3):
            frame = frame.astype(int)
        if trial % 7 == 0:
            frame = frame.astype("Int64") if kind in (0, 1, 3) else frame.astype("Float64")
        end = (frame.astype(float) * rng.lognormal(0, 0.3, (r, i))).round() if kind != 5 else frame.astype(float) * 1.1
        cases.append((frame, end))
    from klaster import data
    cases.append((data.employment_matrix(2019), data.employment_matrix(2024)))
    big = np.random.default_rng(1).gamma(0.6, 200, (400, 300)).round()
    big_frame = pd.DataFrame(big, index=[f"r{k}" for k in range(400)], columns=[f"i{k}" for k in range(300)])
    cases.append((big_frame, big_frame * 1.05))
    from .library_scale import matrix_input
    cases.append(matrix_input())  # national scale, 3,000 x 1,000
    return cases


def plant_tables(count: int = 200, seed: int = 7) -> list:
    rng = np.random.default_rng(seed)
    cases = []
    for trial in range(count):
        n, nr, ni = int(rng.integers(1, 3000)), int(rng.integers(1, 40)), int(rng.integers(1, 30))
        regions = np.array([f"R{k}" for k in range(nr)])
        kind = trial % 5
        industry = rng.integers(0, ni, n)
        if kind == 1:
            industry = np.array([f"ind {k}" for k in industry], dtype=object)
        if kind == 2:
            industry = industry * 7 + 3
        plants = pd.DataFrame({"region": regions[rng.integers(0, nr, n)], "industry": industry,
                               "employment": np.round(rng.pareto(1.2, n) * 30) + (trial % 3 == 0) * 0.5})
        if kind == 3:
            plants["region"] = plants["region"].astype("category")
        if kind == 4:
            plants["industry"] = plants["industry"].astype("category")
            plants["region"] = pd.Categorical(plants["region"], categories=list(regions) + ["unused"])
        cases.append((plants, pd.Series(rng.gamma(2, 100, nr), index=regions) if trial % 2 else None))
    from klaster import data
    named = data.named_plants()
    cases += [(named, None), (named, data.employment_matrix(2024).sum(axis=1))]
    return cases


MATRIX_MEASURES = {
    "location_quotient": lambda m, s, e: m.location_quotient(s),
    "krugman_index": lambda m, s, e: m.krugman_index(s),
    "hoover_localization": lambda m, s, e: m.hoover_localization(s),
    "hoover_localization (reference)": lambda m, s, e: m.hoover_localization(s, reference=e.sum(axis=1) + 1),
    "locational_gini": lambda m, s, e: m.locational_gini(s),
    "herfindahl": lambda m, s, e: m.herfindahl(s),
    "herfindahl (normalized)": lambda m, s, e: m.herfindahl(s, normalized=True),
    "shannon_diversity": lambda m, s, e: m.shannon_diversity(s),
    "shannon_diversity (normalized)": lambda m, s, e: m.shannon_diversity(s, normalized=True),
    "shift_share": lambda m, s, e: m.shift_share(s, e),
    "esteban_marquillas": lambda m, s, e: m.esteban_marquillas(s, e),
    "cluster_stars": lambda m, s, e: m.cluster_stars(s),
    "cluster_stars (25%, LQ 1.5)": lambda m, s, e: m.cluster_stars(s, top_share=0.25, lq_threshold=1.5),
    "cluster_portfolio": lambda m, s, e: m.cluster_portfolio(s, e),
    "cluster_portfolio (job growth)": lambda m, s, e: m.cluster_portfolio(s, e, growth="job_growth"),
    "cluster_portfolio (relative)": lambda m, s, e: m.cluster_portfolio(s, e, growth="relative_job_growth"),
    "to_long": lambda m, s, e: m.to_long(s),
}


def _outcome(function):
    try:
        return function()
    except Exception as exc:  # the same error with the same message counts as the same result
        return exc


def _agree(a, b) -> bool:
    if isinstance(a, Exception) or isinstance(b, Exception):
        return type(a) is type(b) and str(a) == str(b)
    return same(a, b)


def main(argv=None) -> int:
    revision = (argv or sys.argv[1:] or ["HEAD"])[0]
    before = load_before(revision)
    from klaster import measures as now
    failures = 0
    tables = matrices()
    for name, function in MATRIX_MEASURES.items():
        bad = sum(not _agree(_outcome(lambda: function(before, s, e)), _outcome(lambda: function(now, s, e)))
                  for s, e in tables)
        failures += bad
        print(f"{name:34s} {len(tables)} tables, {bad} differ")
    plants = plant_tables()
    bad = sum(not _agree(_outcome(lambda: before.ellison_glaeser(p, region_employment=x)),
                         _outcome(lambda: now.ellison_glaeser(p, region_employment=x))) for p, x in plants)
    failures += bad
    print(f"{'ellison_glaeser':34s} {len(plants)} plant tables, {bad} differ")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
