"""Cluster stars after the European Cluster Observatory method."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import KlasterValueError
from ..validation import check_matrix
from .location import location_quotient


def _in_top_share(table: pd.DataFrame, top_share: float) -> pd.DataFrame:
    """True where fewer than top_share x (number of regions) regions have a strictly larger value.

    Ranked separately for every industry (column); zero values never count.
    """
    n_regions = table.shape[0]
    # rank "min", descending: 1 + the number of regions with a strictly larger value
    larger = table.rank(axis=0, method="min", ascending=False) - 1
    return (larger < top_share * n_regions) & (table > 0)


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
    values = check_matrix(emp)
    if not 0 < top_share < 1:
        raise KlasterValueError(f"top_share must be a fraction between 0 and 1 (0.10 for the top 10%), not {top_share!r}.")
    if not np.isfinite(lq_threshold) or lq_threshold <= 0:
        raise KlasterValueError(f"lq_threshold must be a positive number (the Observatory used 2), not {lq_threshold!r}.")
    lq = location_quotient(values)
    totals = values.sum(axis=1)
    focus = values.div(totals.where(totals > 0), axis=0)
    size_star = _in_top_share(values, top_share)
    focus_star = _in_top_share(focus.fillna(0), top_share)
    specialisation_star = (lq >= lq_threshold) & (values > 0)
    index = pd.MultiIndex.from_product([values.index, values.columns], names=["region", "industry"])
    flat = lambda frame: np.asarray(frame, dtype=float).ravel()  # noqa: E731  (row by row, like the index)
    table = pd.DataFrame({
        "employment": flat(values),
        "lq": flat(lq),
        "focus_share": flat(focus),
        "size_star": flat(size_star).astype(bool),
        "specialisation_star": flat(specialisation_star).astype(bool),
        "focus_star": flat(focus_star).astype(bool),
    }, index=index)
    table["stars"] = table[["size_star", "specialisation_star", "focus_star"]].sum(axis=1).astype(int)
    return table
