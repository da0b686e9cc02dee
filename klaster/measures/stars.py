"""Cluster stars after the European Cluster Observatory method."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import KlasterValueError
from ..i18n import _
from ..validation import checked_values
from .location import location_quotient
from .tables import cell_index


def _in_top_share(table: np.ndarray, top_share: float) -> np.ndarray:
    """True where fewer than top_share x (number of regions) regions have a strictly larger value.

    Ranked separately for every industry (column); zero values never count.
    """
    n_regions = table.shape[0]
    return (_strictly_larger(table) < top_share * n_regions) & (table > 0)


def _strictly_larger(table: np.ndarray) -> np.ndarray:
    """For every cell, how many cells of its column hold a strictly larger value
    (``rank(method="min", ascending=False) - 1``, without NaN): one sort of the table,
    then a binary search of each column's own values in its sorted copy."""
    n = table.shape[0]
    by_industry = np.ascontiguousarray(table.T)  # each industry's regions side by side
    ordered = np.sort(by_industry, axis=1)
    larger = np.empty(by_industry.shape, dtype=np.int64)
    for j in range(by_industry.shape[0]):
        larger[j] = n - np.searchsorted(ordered[j], by_industry[j], side="right")
    return larger.T


def cluster_stars(emp: pd.DataFrame, top_share: float = 0.10, lq_threshold: float = 2.0) -> pd.DataFrame:
    """Award up to three stars to every region and industry (cluster category).

    - size star: the region's employment in the industry is among the top
      ``top_share`` of regions (default 10%) for that industry;
    - specialisation star: location quotient >= ``lq_threshold`` (default 2);
    - focus star: the industry's share of the region's employment is among
      the top ``top_share`` of regions for that industry.

    "Among the top 10% of regions" means fewer than 10% of the regions have a
    strictly larger value (with 38 provinces: the top 4). Cells with no jobs
    get no star.

    Returns a DataFrame indexed by (region, industry) with columns
    employment, lq, focus_share, size_star, specialisation_star, focus_star
    and stars (0 to 3).

    Source: Sölvell, Ketels & Lindqvist (2009). The Observatory used cluster
    categories (groups of related industries) across the regions of 32
    European countries; applied here to KBLI divisions and Indonesian
    provinces.
    """
    array, regions, industries = checked_values(emp)
    if not 0 < top_share < 1:
        raise KlasterValueError(_("top_share must be a fraction between 0 and 1 (0.10 for the top 10%), not {value!r}.")
                                .format(value=top_share))
    if not np.isfinite(lq_threshold) or lq_threshold <= 0:
        raise KlasterValueError(_("lq_threshold must be a positive number (the Observatory used 2), not {value!r}.")
                                .format(value=lq_threshold))
    lq = location_quotient(emp).to_numpy()
    totals = array.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        focus = array / np.where(totals > 0, totals, np.nan)[:, None]
    size_star = _in_top_share(array, top_share)
    focus_star = _in_top_share(np.where(np.isnan(focus), 0.0, focus), top_share)
    with np.errstate(invalid="ignore"):
        specialisation_star = (lq >= lq_threshold) & (array > 0)
    index = cell_index(regions, industries)
    flat = lambda values: np.asarray(values, dtype=float).ravel()  # noqa: E731  (row by row, like the index)
    stars = size_star.astype(np.int64) + specialisation_star + focus_star
    table = pd.DataFrame({
        "employment": flat(array),
        "lq": flat(lq),
        "focus_share": flat(focus),
        "size_star": size_star.ravel(),
        "specialisation_star": specialisation_star.ravel(),
        "focus_star": focus_star.ravel(),
        "stars": stars.ravel().astype(int),
    }, index=index)
    return table
