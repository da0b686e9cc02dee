"""Where an industry is over-represented: location quotients and the
Krugman specialisation index."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import KlasterValueError
from ..i18n import N_, _, _f
from ..validation import checked_values, reference_totals


def location_quotient(emp: pd.DataFrame, reference: pd.Series | None = None) -> pd.DataFrame:
    """Location quotient of every region and industry.

    LQ_ri = (E_ri / E_r) / (E_i / E), where E_ri is employment of industry i
    in region r, E_r the region's total, E_i the industry's national total
    and E the national total (the sum of all rows of ``emp``).

    LQ > 1 means the industry's share of the region's jobs is larger than its
    share of the nation's jobs. Values run from 0 upwards without a ceiling.
    NaN where a region or an industry has no jobs at all.

    With ``reference`` (a Series by industry, for example the published
    national row; or a matrix from ``data.pdrb_matrix(..., reference=
    "published")``, which carries one) the nation is that row instead:
    LQ_ri = (E_ri / E_r) / (R_i / R), with R the sum of the reference over
    the table's industries. The regions then need not add up to it.

    Source: Isard (1960); the REAT function ``locq`` (Wieland 2021) computes
    the same quantity.
    """
    # The cells are checked from the sums (a missing or infinite cell makes its region's total NaN
    # or infinite) and, for negatives, block by block while the LQs are computed: no pass of its own.
    array, regions, industries = checked_values(emp, allow_reference=True, scan_cells=False)
    region_total = np.add.reduce(array, axis=1)
    table_total = float(np.add.reduce(region_total))
    published = reference_totals(emp, reference)
    industry_total = np.add.reduce(array, axis=0) if published is None else published
    total = table_total if published is None else float(published.sum())
    with np.errstate(divide="ignore", invalid="ignore"):
        # (E_ri / E_r) / (E_i / E) = E_ri * (1 / E_r) * (E / E_i): one pass over the matrix.
        # A zero total gives inf, and 0 * inf = NaN marks the cells of empty regions and industries.
        lq, lowest = _lq_cells(array, 1.0 / region_total, total / industry_total)
    if not (0 < table_total < np.inf and lowest >= 0 and region_total.min() >= 0 and industry_total.min() >= 0):
        checked_values(emp, allow_reference=True)  # names the missing, infinite or negative cells
    # lq is a new array that nothing else holds: the table can keep it without a copy.
    return pd.DataFrame(lq, index=regions, columns=industries, copy=False)


def _lq_cells(array: np.ndarray, row_scale: np.ndarray, column_scale: np.ndarray) -> tuple[np.ndarray, float]:
    """E_ri * row_scale_r * column_scale_i for every cell, and the smallest E_ri (NaN if any is NaN).

    In the usual layout (one column after another) a few industries at a time: the block of
    factors row_scale_r * column_scale_i is made in the processor's cache and multiplied by the
    block of the matrix, whose smallest cell is read there too, so the matrix is read once and
    the result written once (numpy's broadcasting over the whole table is slower than that).
    The result has the layout of ``array``.
    """
    by_industry = array.T
    if not by_industry.flags.c_contiguous:
        return np.einsum("ij,i,j->ij", array, row_scale, column_scale), float(array.min())
    n_industries, n_regions = by_industry.shape
    lq = np.empty((n_industries, n_regions))
    step = max(1, min(n_industries, _LQ_BLOCK_CELLS // max(n_regions, 1)))
    lowest = np.inf
    for first in range(0, n_industries, step):
        last = min(first + step, n_industries)
        block = lq[first:last]
        np.multiply(column_scale[first:last, None], row_scale, out=block)
        block *= by_industry[first:last]
        lowest = min(lowest, np.minimum.reduce(by_industry[first:last], axis=None))
    return lq.T, float(lowest)


# Cells of one block in _lq_cells.
_LQ_BLOCK_CELLS = 2**16


def krugman_index(emp: pd.DataFrame) -> pd.Series:
    """Krugman specialisation index of every region.

    K_r = sum_i |s_ri - s_i| with s_ri = E_ri / E_r (the industry's share of
    the region's jobs) and s_i = E_i / E (its share of the nation's jobs, the
    nation including the region itself).

    0 when the region has exactly the national mix; the maximum, just under 2,
    is reached by a region whose jobs all sit in industries that are tiny
    nationally. NaN for a region without jobs.

    Source: Krugman (1991a), appendix D; EconGeo's ``Krugman.index``
    (Balland 2017) uses the same definition.
    """
    array, regions, _ = checked_values(emp)
    region_total = array.sum(axis=1)
    national_share = array.sum(axis=0) / region_total.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = 1.0 / region_total
        if array.T.flags.c_contiguous and not array.flags.c_contiguous:
            # The usual layout (one column after another): go through a few industries at a
            # time, so that the gaps never fill a table as large as emp.
            index = _sum_of_absolute_gaps(array.T, scale, national_share)
        else:
            gap = array * scale[:, None]
            gap -= national_share[None, :]
            np.abs(gap, out=gap)
            index = gap.sum(axis=1)
    index[region_total == 0] = np.nan
    return pd.Series(index, index=regions, name="krugman_index")


# How many cells one block of industries holds: small enough to stay in the processor's cache.
_BLOCK_CELLS = 2**16


def _sum_of_absolute_gaps(by_industry: np.ndarray, scale: np.ndarray, national_share: np.ndarray) -> np.ndarray:
    """sum_i |E_ri * scale_r - s_i| for every region r, from the industries x regions table.

    Adds the industries in their order, one after another, like ``gap.sum(axis=1)`` on the
    whole table, so the result is the same to the last bit.
    """
    n_industries, n_regions = by_industry.shape
    step = max(1, min(n_industries, _BLOCK_CELLS // n_regions))
    work = np.empty((step + 1, n_regions))
    total = np.zeros(n_regions)  # 0 + first gap is the first gap exactly, so start from zero
    for first in range(0, n_industries, step):
        last = min(first + step, n_industries)
        gap = work[1:1 + last - first]
        np.multiply(by_industry[first:last], scale, out=gap)
        np.subtract(gap, national_share[first:last, None], out=gap)
        np.abs(gap, out=gap)
        work[0] = total  # the running sum goes first, so the block is added to it row by row
        np.add.reduce(work[:1 + last - first], axis=0, out=total)
    return total


def location_quotient_from_counts(regional_industry: float, regional_total: float,
                                  national_industry: float, national_total: float) -> float:
    """Location quotient of one region and industry from four counts.

    LQ = (regional_industry / regional_total) / (national_industry / national_total).

    The nation includes the region, so the region's numbers can be at most the
    nation's; anything else (negative or missing numbers, zero totals, a part
    larger than its whole) raises KlasterValueError saying which number is wrong.

    Source: Isard (1960); REAT ``locq`` (Wieland 2021).
    """
    names = {"regional_industry": regional_industry, "regional_total": regional_total,
             "national_industry": national_industry, "national_total": national_total}
    readable = {"regional_industry": N_("jobs in the industry in the region"),
                "regional_total": N_("all jobs in the region"),
                "national_industry": N_("jobs in the industry in the nation"),
                "national_total": N_("all jobs in the nation")}
    values = {}
    for key, value in names.items():
        what = _(readable[key])
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise KlasterValueError(_("The number of {what} must be a number, not {value!r}.").format(
                what=what, value=value)) from None
        if np.isnan(number):
            raise KlasterValueError(_("The number of {what} is missing.").format(what=what))
        if number < 0:
            raise KlasterValueError(_f("The number of {what} is negative ({value:g}); jobs cannot be below zero.",
                                       what=what, value=number))
        values[key] = number
    if values["regional_total"] == 0:
        raise KlasterValueError(_("The region has no jobs at all (regional total is 0), so its shares cannot be "
                                  "computed."))
    if values["national_total"] == 0:
        raise KlasterValueError(_("The nation has no jobs at all (national total is 0), so no share can be computed."))
    if values["national_industry"] == 0:
        raise KlasterValueError(_("The industry has no jobs in the nation, so the location quotient is undefined."))
    checks = [("regional_industry", "regional_total",
               N_("These numbers cannot all be right: the region's jobs in the industry are more than all the "
                  "region's jobs.")),
              ("national_industry", "national_total",
               N_("These numbers cannot all be right: the nation's jobs in the industry are more than all the "
                  "nation's jobs.")),
              ("regional_industry", "national_industry",
               N_("These numbers cannot all be right: the region has more jobs in the industry than the whole "
                  "nation (the nation includes the region).")),
              ("regional_total", "national_total",
               N_("These numbers cannot all be right: the region has more jobs than the whole nation (the nation "
                  "includes the region)."))]
    for part, whole, message in checks:
        if values[part] > values[whole]:
            raise KlasterValueError(_(message))
    regional_share = values["regional_industry"] / values["regional_total"]
    national_share = values["national_industry"] / values["national_total"]
    return regional_share / national_share
