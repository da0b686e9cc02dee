"""Shift-share analysis: splitting a region's change in jobs into a
national, an industry-mix and a competitive part."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import KlasterValueError
from ..validation import check_same_labels, checked_values
from .tables import cell_index


def _prepare(start, end) -> tuple[np.ndarray, np.ndarray, pd.Index, pd.Index]:
    """Check both matrices; return their float arrays (end aligned to start), the regions and the industries."""
    base, regions, industries = checked_values(start, name="start")
    final, end_regions, end_industries = checked_values(end, name="end")
    if not (regions.equals(end_regions) and industries.equals(end_industries)):
        labelled = lambda array, r, c: pd.DataFrame(array, index=r, columns=c, copy=False)  # noqa: E731
        final = check_same_labels(labelled(base, regions, industries),
                                  labelled(final, end_regions, end_industries)).to_numpy()
    return base, final, regions, industries


def _frame(block: np.ndarray, names: list[str], index: pd.Index, columns: pd.Index) -> pd.DataFrame:
    """Turn a (component, region, industry) block into one table indexed by (region, industry).

    Each block[k] becomes column names[k] as it is, without a copy: the table is built from one
    2-D array rather than from many Series that pandas would have to copy into one again.
    """
    multi = cell_index(index, columns)
    return pd.DataFrame(block.reshape(len(names), -1).T, index=multi, columns=names, copy=False)


def shift_share(start: pd.DataFrame, end: pd.DataFrame) -> pd.DataFrame:
    """Classical (Dunn) shift-share decomposition of the change in jobs.

    For region r and industry i, with E the base year (``start``) and E' the
    final year (``end``), g = E'/E - 1 the national growth rate and
    g_i = E'_i/E_i - 1 the national growth rate of industry i:

    - national_share = E_ri * g            (growth had the region grown like the nation)
    - industry_mix   = E_ri * (g_i - g)    (extra growth from the industry's national trend)
    - competitive    = E'_ri - E_ri * E'_i / E_i   (the regional shift: what is left)
    - total_change   = E'_ri - E_ri = national_share + industry_mix + competitive

    Every component is in jobs and can be negative. An industry with no jobs
    nationally in the base year has no growth rate: its cells get
    national_share = industry_mix = 0 and competitive = E'_ri.

    Returns a DataFrame indexed by (region, industry).

    Source: Dunn (1960), Papers in Regional Science 6(1); worked example in
    Farhauer & Kröll (2013) as implemented in REAT ``shift`` (Wieland 2019).
    """
    base, final, regions, industries = _prepare(start, end)
    total_base = base.sum()
    g = final.sum() / total_base - 1
    industry_base = base.sum(axis=0)
    industry_final = final.sum(axis=0)
    has_base = industry_base > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        industry_growth = np.where(has_base, industry_final / industry_base - 1, 0.0)
    # Every component is written straight into its column of the result, in (region, industry)
    # order; the inputs are copied into that order once, so that every step below runs along memory.
    block = np.empty((4, *base.shape))
    national, mix, competitive, total_change = block
    base = _region_by_region(base, out=total_change)  # total_change's memory is free until the end
    final = np.ascontiguousarray(final)
    np.multiply(base, g, out=national)
    np.multiply(base, industry_growth - g, out=mix)
    with np.errstate(divide="ignore", invalid="ignore"):
        np.multiply(base, industry_final, out=competitive)
        np.divide(competitive, industry_base, out=competitive)  # expected_final = E_ri * E'_i / E_i
    np.subtract(final, competitive, out=competitive)
    if not has_base.all():
        # no growth rate: national_share + industry_mix = 0 and competitive = E'_ri
        mix[:, ~has_base] = -national[:, ~has_base]
        competitive[:, ~has_base] = final[:, ~has_base] - 0.0
    np.subtract(final, base, out=total_change)
    return _frame(block, ["national_share", "industry_mix", "competitive", "total_change"], regions, industries)


def _region_by_region(array: np.ndarray, out: np.ndarray) -> np.ndarray:
    """``array`` laid out row after row (C order), copied into ``out`` if it is not already."""
    if array.flags.c_contiguous:
        return array
    np.copyto(out, array)
    return out


def esteban_marquillas(start: pd.DataFrame, end: pd.DataFrame) -> pd.DataFrame:
    """Esteban-Marquillas split of the competitive (regional shift) effect.

    homothetic employment H_ri = E_r * E_i / E is the jobs region r would have
    in industry i if it had the national industry mix. With g_ri = E'_ri/E_ri - 1
    and g_i = E'_i/E_i - 1:

    - homothetic             = H_ri
    - competitive_homothetic = H_ri * (g_ri - g_i)          (competitiveness, structure held at the national mix)
    - allocation             = (E_ri - H_ri) * (g_ri - g_i)  (positive when the region is specialised
                                                              in industries where it grows faster)

    competitive_homothetic + allocation equals ``shift_share(...)['competitive']``.

    Cells with no base-year jobs (E_ri = 0) have no regional growth rate, so
    g_ri - g_i is undefined. For them this function puts the whole
    competitive effect (E'_ri, or E'_ri - 0 for an industry new to the
    nation) into competitive_homothetic and sets allocation = 0: a region
    cannot be said to be specialised in an industry it did not have.

    Returns a DataFrame indexed by (region, industry).

    Source: Esteban-Marquillas (1972), Regional and Urban Economics 2(3);
    REAT ``shift`` example (Wieland 2019, after Farhauer & Kröll 2013).
    """
    base, final, regions, industries = _prepare(start, end)
    total_base = base.sum()
    region_base = base.sum(axis=1, keepdims=True)
    industry_base = base.sum(axis=0, keepdims=True)
    industry_final = final.sum(axis=0, keepdims=True)
    # Every column of the result is computed in its own place in the result's memory, with the
    # same operations in the same order as the formulas above: no table-sized temporaries.
    block = np.empty((3, *base.shape))
    homothetic, competitive_homothetic, allocation = block
    np.multiply(region_base, industry_base, out=homothetic)
    homothetic /= total_base
    no_base = ~(base > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        industry_growth = np.where(industry_base > 0, industry_final / industry_base - 1, 0.0)
        differential = np.divide(final, base, out=competitive_homothetic)  # g_ri - g_i, 0 without base jobs
        differential -= 1
        differential -= industry_growth
    differential[no_base] = 0.0
    np.subtract(base, homothetic, out=allocation)
    allocation *= differential
    allocation[no_base] = 0.0
    np.multiply(homothetic, differential, out=competitive_homothetic)
    rows, cols = np.nonzero(no_base)
    if len(rows):  # the whole competitive effect E'_ri - E_ri E'_i / E_i (or E'_ri - 0)
        with np.errstate(divide="ignore", invalid="ignore"):
            expected = np.where(industry_base[0, cols] > 0,
                                base[rows, cols] * industry_final[0, cols] / industry_base[0, cols], 0.0)
        competitive_homothetic[rows, cols] = final[rows, cols] - expected
    return _frame(block, ["homothetic", "competitive_homothetic", "allocation"], regions, industries)
