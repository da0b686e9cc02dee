"""The cluster portfolio: where each region-industry pair stands (its LQ)
and where it is heading (its growth)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import KlasterValueError
from ..i18n import N_, _
from ..validation import check_matrix, check_same_labels
from .location import location_quotient
from .tables import cell_index

# Keys and quadrant names are English codes (tables hold them; code compares them); show them with _().
GROWTH_MEASURES = {
    "lq_change": N_("change in LQ between the two years"),
    "job_growth": N_("growth of the region's jobs in the industry (%)"),
    "relative_job_growth": N_("job growth minus the industry's national job growth (percentage points)"),
}

QUADRANTS = {
    (True, True): N_("strong and advancing"),
    (False, True): N_("emerging"),
    (True, False): N_("mature or at risk"),
    (False, False): N_("weak and declining"),
}


SPLIT_TOLERANCE = 1e-9
"""Values this close to a quadrant's split (LQ 1, growth 0) count as on it: far below any real change
(LQs and growth rates are read to two or three decimals), far above rounding noise (about 1e-15)."""


def cluster_portfolio(start: pd.DataFrame, end: pd.DataFrame, growth: str = "lq_change") -> pd.DataFrame:
    """Place every region-industry pair in the four quadrants of the portfolio chart.

    x = location quotient in the final year (split at 1); y = a growth
    measure (split at 0), one of:

    - ``"lq_change"``: LQ_end - LQ_start;
    - ``"job_growth"``: 100 (E'_ri / E_ri - 1), in %;
    - ``"relative_job_growth"``: job growth minus the industry's national
      job growth 100 (E'_i / E_i - 1), in percentage points.

    Quadrants: LQ > 1 and growing = "strong and advancing"; LQ <= 1 and
    growing = "emerging"; LQ > 1 and not growing = "mature or at risk";
    LQ <= 1 and not growing = "weak and declining". Growth is NaN (and the
    quadrant missing) where a cell had no jobs in the start year. A value
    within ``SPLIT_TOLERANCE`` of its split counts as on the split (LQ 1,
    growth 0): a growth that is zero in exact arithmetic (an industry that
    grew exactly as fast everywhere) comes out of floating point as about
    ±1e-15, and such noise must not decide the quadrant.

    Returns a DataFrame indexed by (region, industry) with columns
    employment_start, employment_end, lq_start, lq_end, growth, quadrant.

    Source: the portfolio (bubble) chart of cluster mapping, e.g. the
    Cluster Mapping handbooks after Porter (2003).
    """
    if growth not in GROWTH_MEASURES:
        raise KlasterValueError(_("growth must be one of {choices}, not {growth!r}.").format(
            choices=", ".join(map(repr, GROWTH_MEASURES)), growth=growth))
    s = check_matrix(start, name="start")
    e = check_same_labels(s, check_matrix(end, name="end"))
    lq_start, lq_end = location_quotient(s), location_quotient(e)
    base, final = s.to_numpy(), e.to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        job_growth = np.where(base > 0, 100 * (final / base - 1), np.nan)
        national = s.sum(axis=0).to_numpy()
        national_growth = np.where(national > 0, 100 * (e.sum(axis=0).to_numpy() / national - 1), np.nan)
    if growth == "lq_change":
        measure = np.where(base > 0, (lq_end - lq_start).to_numpy(), np.nan)
    elif growth == "job_growth":
        measure = job_growth
    else:
        measure = job_growth - national_growth[None, :]
    index = cell_index(s.index, s.columns)
    table = pd.DataFrame({
        "employment_start": base.ravel(),
        "employment_end": final.ravel(),
        "lq_start": lq_start.to_numpy().ravel(),
        "lq_end": lq_end.to_numpy().ravel(),
        "growth": measure.ravel(),
    }, index=index)
    lq_end_flat, growth_flat = table["lq_end"].to_numpy(), table["growth"].to_numpy()
    known = ~np.isnan(growth_flat) & ~np.isnan(lq_end_flat)
    strong, growing = lq_end_flat > 1 + SPLIT_TOLERANCE, growth_flat > SPLIT_TOLERANCE
    labels = np.full(len(table), np.nan, dtype=object)
    for (is_strong, is_growing), label in QUADRANTS.items():
        labels[known & (strong == is_strong) & (growing == is_growing)] = label
    table["quadrant"] = pd.Series(labels, index=table.index, dtype=object)
    return table
