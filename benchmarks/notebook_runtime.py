"""Run-all time of every notebook in a fresh kernel, with and without kernel start."""
from __future__ import annotations

import statistics
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent


def run_once(path: Path) -> tuple[float, float]:
    """Return (seconds including kernel start, seconds for the cells only)."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    started = time.perf_counter()
    with client.setup_kernel():
        ready = time.perf_counter()
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        done = time.perf_counter()
    return done - started, done - ready


def notebook_times(repeats: int = 3) -> list[dict]:
    paths = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "solutions").glob("*.ipynb"))
    records = []
    for path in paths:
        runs = [run_once(path) for _ in range(repeats)]
        total = [r[0] for r in runs]
        cells = [r[1] for r in runs]
        records.append({"notebook": str(path.relative_to(ROOT)), "runs": repeats,
                        "with_kernel_start_s": statistics.median(total), "min_s": min(total), "max_s": max(total),
                        "cells_only_s": statistics.median(cells)})
    return records
