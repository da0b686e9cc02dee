"""How specialised or diversified a region's economy is."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..validation import checked_values


def shannon_diversity(emp: pd.DataFrame, normalized: bool = False) -> pd.Series:
    """Shannon (entropy) diversity index of every region's industry mix.

    D_r = - sum_i s_ri ln s_ri, with s_ri = E_ri / E_r and 0 ln 0 taken as 0.
    0 when all of the region's jobs are in one industry; at most ln n (n
    industries) when they are spread equally. With ``normalized=True`` the
    value is divided by ln n, so it runs from 0 (one industry) to 1 (equal).
    NaN for a region without jobs. Higher means more diversified, the
    opposite direction to the Herfindahl and Krugman indices.

    Source: Attaran (1986).
    """
    array, regions, _ = checked_values(emp)
    total, _ = _sum_over_industries(array, _s_ln_s)
    result = 0.0 - total  # 0 - sum s ln s: a region with one industry gets 0, not -0; one without jobs NaN (0/0)
    if normalized:
        n = array.shape[1]
        result = result / np.log(n) if n > 1 else result * np.nan
    return pd.Series(result, index=regions, name="shannon_diversity")


# Shares below this (none in real tables) count as this in ln s; s ln s is then still 0 for s = 0.
_TINY = np.finfo(float).tiny
# Cells of one block of industries in _sum_over_industries: its two tables stay in the processor's cache.
_BLOCK_CELLS = 2**15


def _s_ln_s(shares: np.ndarray, scratch: np.ndarray) -> np.ndarray:
    """s ln s of a block of shares (0 for s = 0), in place: the Shannon terms with their sign turned."""
    logs = np.maximum(shares, _TINY, out=scratch)  # a new table if scratch is None
    np.log(logs, out=logs)
    return np.multiply(shares, logs, out=shares)


def _sum_over_industries(array: np.ndarray, term) -> tuple[np.ndarray, np.ndarray]:
    """sum_i term(E_ri / E_r) for every region r, and the totals E_r (issue 19: no pandas, no table-sized
    temporaries).

    ``term(shares, scratch)`` turns a block of shares into its terms in place (``scratch`` is a table
    of the same shape it may use, or None: then it makes its own). In the usual layout (pandas'
    tables are stored column after column) a few industries at a time are divided, turned into
    terms and added to the running sums one industry after another: the same divisions and
    additions in the same order as ``(emp / E_r).pipe(term).sum(axis=1)`` on that layout, so the
    results agree with it (and with peers written that way) to the last bit, without passing over
    tables as large as emp. Regions without jobs get NaN (their shares are 0/0), as long as
    ``term`` keeps NaN.
    """
    totals = np.add.reduce(array, axis=1)
    if np.count_nonzero(totals) == len(totals):  # no 0/0 to warn about (the cheapest test there is)
        return _sums_of_terms(array, totals, term), totals
    with np.errstate(divide="ignore", invalid="ignore"):
        return _sums_of_terms(array, totals, term), totals


def _sums_of_terms(array: np.ndarray, totals: np.ndarray, term) -> np.ndarray:
    n_regions, n_industries = array.shape
    by_industry = array.T
    if not by_industry.flags.c_contiguous or n_industries == 1:
        # rows stored one after another (or one industry): the terms of every row summed along it
        return np.add.reduce(term(np.divide(array, totals[:, None]), None), axis=1)
    if by_industry.size <= _BLOCK_CELLS:  # a small table: one block, added up row after row from the first
        return np.add.reduce(term(np.divide(by_industry, totals), None), axis=0)
    step = max(1, min(n_industries, _BLOCK_CELLS // max(n_regions, 1)))
    work = np.empty((step + 1, n_regions))
    scratch = np.empty((step, n_regions))
    total = np.zeros(n_regions)  # 0 + first term is the first term exactly
    for first in range(0, n_industries, step):
        last = min(first + step, n_industries)
        block = work[1:1 + last - first]
        np.divide(by_industry[first:last], totals, out=block)
        term(block, scratch[:last - first])
        work[0] = total  # the running sums go first, so the block is added to them row by row
        np.add.reduce(work[:1 + last - first], axis=0, out=total)
    return total
