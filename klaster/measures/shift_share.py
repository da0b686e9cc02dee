"""Shift-share analysis: splitting a region's change in jobs into a
national, an industry-mix and a competitive part."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import KlasterValueError
from ..i18n import _
from ..validation import check_same_labels, checked_values, reference_totals
from .tables import cell_index


def _prepare(start, end, allow_reference: bool = False) -> tuple[np.ndarray, np.ndarray, pd.Index, pd.Index]:
    """Check both matrices; return their float arrays (end aligned to start), the regions and the industries."""
    base, regions, industries = checked_values(start, name="start", allow_reference=allow_reference)
    final, end_regions, end_industries = checked_values(end, name="end", allow_reference=allow_reference)
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


def reference_pair(start: pd.DataFrame, end: pd.DataFrame, reference, columns) -> tuple | None:
    """The (start, end) reference rows as arrays in the order of ``columns``, or None for the sum of the rows.

    ``reference`` is None (use the matrices' ``attrs["klaster_reference"]``
    when both carry one) or a pair of Series (start year, end year).
    """
    if reference is None:
        has = [m.attrs.get("klaster_reference") is not None for m in (start, end)]
        if not any(has):
            return None
        if not all(has):
            raise KlasterValueError(_("Only one of the two tables carries a published reference row; build both the same way "
                                      "(reference='published' or 'regions')."))
        pair = (start.attrs["klaster_reference"], end.attrs["klaster_reference"])
    else:
        if not (isinstance(reference, (tuple, list)) and len(reference) == 2):
            raise KlasterValueError(_("reference must be a pair (start-year row, end-year row) of Series by industry."))
        pair = tuple(reference)
    frame = pd.DataFrame(index=[0], columns=columns)
    return (reference_totals(frame, pair[0], name="start reference"),
            reference_totals(frame, pair[1], name="end reference"))


def shift_share(start: pd.DataFrame, end: pd.DataFrame, reference=None) -> pd.DataFrame:
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

    ``reference``: the nation's growth rates g and g_i come from the sum of
    the rows (default) or, given a pair of Series (start-year row, end-year
    row) or matrices from ``data.pdrb_matrix(..., reference="published")``,
    from those published rows. Then the competitive effects of the regions
    need not add up to zero.

    Source: Dunn (1960); worked example in Farhauer & Kröll (2013) as
    implemented in REAT ``shift`` (Wieland 2021).
    """
    base, final, regions, industries = _prepare(start, end, allow_reference=True)
    published = reference_pair(start, end, reference, industries)
    if published is not None:
        return _shift_share_against(base, final, regions, industries, *published)
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


def _shift_share_against(base: np.ndarray, final: np.ndarray, regions: pd.Index, industries: pd.Index,
                         ref_start: np.ndarray, ref_end: np.ndarray) -> pd.DataFrame:
    """Dunn's decomposition with the national growth rates taken from published reference rows."""
    g = ref_end.sum() / ref_start.sum() - 1
    has_base = ref_start > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        g_i = np.where(has_base, ref_end / ref_start - 1, 0.0)
    national = base * g
    mix = np.where(has_base, base * (g_i - g), -national)
    competitive = np.where(has_base, final - base * (1 + g_i), final)
    block = np.stack([national, mix, competitive, final - base])
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

    Source: Esteban-Marquillas (1972); REAT ``shift`` example (Wieland 2021,
    after Farhauer & Kröll 2013).
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
