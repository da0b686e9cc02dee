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
    totals = array.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = _row_shares(array, totals)
        terms = np.where(shares > 0, -shares * np.log(shares), 0.0)
    result = terms.sum(axis=1)
    result[totals == 0] = np.nan
    if normalized:
        n = array.shape[1]
        result = result / np.log(n) if n > 1 else result * np.nan
    return pd.Series(result, index=regions, name="shannon_diversity")


def _row_shares(array: np.ndarray, totals: np.ndarray) -> np.ndarray:
    """E_ri / E_r (NaN in a row without jobs), laid out in memory like ``array`` (as pandas' own
    division of the table lays it out), so that sums along the rows add in the same order."""
    return np.divide(array, np.where(totals > 0, totals, np.nan)[:, None], order="K")
