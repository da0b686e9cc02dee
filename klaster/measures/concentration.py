"""How unevenly something is spread: Herfindahl, Gini, Hoover's
localisation coefficient and the locational Gini."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import KlasterTypeError, KlasterValueError
from ..i18n import _
from ..validation import check_matrix, check_vector, checked_values
from .location import _BLOCK_CELLS


def herfindahl(x, normalized: bool = False):
    """Herfindahl–Hirschman index: the sum of squared shares.

    H = sum_k (x_k / sum x)^2, between 1/n (all equal) and 1 (all in one).
    With ``normalized=True`` returns (H - 1/n) / (1 - 1/n), between 0 and 1
    (undefined, NaN, for n = 1). 1/H is the "numbers equivalent": how many
    equal units would give the same H.

    ``x`` is a list, array or Series (returns a float) or a DataFrame
    (returns a Series with one value per row; NaN for an all-zero row).

    Source: Hirschman (1964); worked example in REAT ``herf`` (Wieland 2021,
    after Dörsam 2004): shares 20, 50, 20, 10 give H = 0.34.
    """
    if isinstance(x, pd.DataFrame):
        from .specialisation import _row_shares
        array, regions, _ = checked_values(x, name="x")
        totals = array.sum(axis=1)
        with np.errstate(invalid="ignore"):
            shares = _row_shares(array, totals)
            np.square(shares, out=shares)
        result = _row_sums_like_pandas(shares, has_nan=not (totals > 0).all())
        result[totals == 0] = np.nan
        if normalized:
            n = array.shape[1]
            result = (result - 1 / n) / (1 - 1 / n) if n > 1 else result * np.nan
        return pd.Series(result, index=regions, name="herfindahl")
    values = check_vector(x)
    shares = values / values.sum()
    h = float(np.sum(shares ** 2))
    if normalized:
        n = values.size
        return (h - 1 / n) / (1 - 1 / n) if n > 1 else float("nan")
    return h


def _row_sums_like_pandas(values: np.ndarray, has_nan: bool) -> np.ndarray:
    """``pd.DataFrame(values).sum(axis=1)`` (NaN counted as 0) with the same additions in the same order:
    pandas sums its (industries x regions) block down the columns, or, for fewer than 6 regions,
    the table along its rows, and copies the values to replace NaN first."""
    table = values.T if values.shape[0] >= 6 else values
    if has_nan:
        table = table.copy()
        table[np.isnan(table)] = 0.0
    return table.sum(axis=0) if values.shape[0] >= 6 else table.sum(axis=1)


def gini(x, normalized: bool = False) -> float:
    """Gini coefficient of a set of non-negative values.

    G = sum_i sum_j |x_i - x_j| / (2 n^2 mean(x)): 0 when all values are equal,
    at most (n - 1)/n when one unit holds everything. With ``normalized=True``
    the result is multiplied by n/(n - 1) so that the maximum is 1.

    Source: Gini (1912); REAT ``gini`` (Wieland 2021): shares 20, 50, 20, 10
    give G = 0.3, normalised 0.4.
    """
    values = np.sort(check_vector(x))
    n = values.size
    # Sorted-values form of the mean absolute difference, O(n log n).
    ranks = np.arange(1, n + 1)
    g = float(np.sum((2 * ranks - n - 1) * values) / (n * values.sum()))
    if normalized:
        return g * n / (n - 1) if n > 1 else float("nan")
    return g


def _check_reference(reference, regions: pd.Index) -> pd.Series:
    """Check a Series by region (e.g. population) and align it to ``regions``."""
    if not isinstance(reference, pd.Series):
        raise KlasterTypeError(_("reference must be a pandas Series indexed by region (for example population), "
                                 "not a {kind}.").format(kind=type(reference).__name__))
    missing = regions.difference(reference.index).tolist()
    extra = reference.index.difference(regions).tolist()
    if missing or extra:
        if missing:
            raise KlasterValueError(_("reference must have one value for each region of the employment table "
                                      "(missing for {regions!r}).").format(regions=missing[:3]))
        raise KlasterValueError(_("reference must have one value for each region of the employment table (not in "
                                  "the employment table: {regions!r}).").format(regions=extra[:3]))
    if reference.index.duplicated().any():
        twice = reference.index[reference.index.duplicated()].unique().tolist()
        raise KlasterValueError(_("reference lists the region {region!r} more than once.").format(region=twice[0]))
    aligned = reference.loc[regions]
    check_vector(aligned, name="reference")
    return aligned.astype(float)


def hoover_localization(emp: pd.DataFrame, reference: pd.Series | None = None) -> pd.Series:
    """Hoover's coefficient of localisation of every industry.

    HL_i = 1/2 sum_r |E_ri / E_i - P_r / P|, where P_r is the reference size
    of region r (``reference``, e.g. population; by default total employment,
    the row sums of ``emp``) and P its sum.

    A fraction in [0, 1): 0 when the industry is spread exactly like the
    reference, close to 1 when it sits in one region that is tiny in the
    reference. It is the share of the industry's jobs that would have to move
    for it to be spread like the reference. NaN for an industry with no jobs.

    Source: Hoover (1936); REAT ``hoover`` (Wieland 2021).
    """
    array, regions, industries = checked_values(emp)
    if reference is None:
        ref = array.sum(axis=1)
    else:
        ref = _check_reference(reference, regions).to_numpy()
    ref_share = ref / ref.sum()
    industry_total = array.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = 1.0 / industry_total
        by_industry = array.T
        if by_industry.flags.c_contiguous:
            # The usual layout (one column after another): go through a few industries at a
            # time, so that the gaps never fill a table as large as emp.
            total = np.empty(by_industry.shape[0])
            step = max(1, min(len(total), _BLOCK_CELLS // by_industry.shape[1]))
            gap = np.empty((step, by_industry.shape[1]))
            for first in range(0, len(total), step):
                last = min(first + step, len(total))
                block = gap[:last - first]
                np.multiply(by_industry[first:last], scale[first:last, None], out=block)
                np.subtract(block, ref_share, out=block)
                np.abs(block, out=block)
                np.add.reduce(block, axis=1, out=total[first:last])
        else:
            gap = array * scale[None, :]
            gap -= ref_share[:, None]
            np.abs(gap, out=gap)
            total = gap.sum(axis=0)
    coefficient = 0.5 * total
    coefficient[industry_total == 0] = np.nan
    return pd.Series(coefficient, index=industries, name="hoover_localization")


def lorenz_curve(emp: pd.DataFrame, industry) -> pd.DataFrame:
    """Points of the locational Lorenz curve of one industry.

    Regions are ordered by location quotient, lowest first; x is the
    cumulative share of total employment and y the cumulative share of the
    industry's employment. The first row is the origin (0, 0). Regions with
    no jobs at all are left out (they add no width to the curve).
    """
    values = check_matrix(emp)
    if industry not in values.columns:
        raise KlasterValueError(_("Industry {industry!r} is not a column of the employment table.").format(
            industry=industry))
    region_total = values.sum(axis=1)
    values = values[region_total > 0]
    region_total = region_total[region_total > 0]
    column = values[industry]
    if column.sum() == 0:
        raise KlasterValueError(_("Industry {industry!r} has no jobs, so it has no Lorenz curve.").format(
            industry=industry))
    x_share = region_total / region_total.sum()
    y_share = column / column.sum()
    order = (y_share / x_share).sort_values(kind="mergesort").index
    curve = pd.DataFrame({
        "region": [None, *order],
        "x": np.concatenate([[0.0], x_share.loc[order].cumsum().to_numpy()]),
        "y": np.concatenate([[0.0], y_share.loc[order].cumsum().to_numpy()]),
    })
    return curve


def locational_gini(emp: pd.DataFrame) -> pd.Series:
    """Locational Gini coefficient of every industry.

    Regions are ordered by the industry's location quotient (ascending).
    The Lorenz curve plots the cumulative share of the industry's jobs (y)
    against the cumulative share of all jobs (x); the coefficient is
    G_i = 1 - sum_k (x_k - x_{k-1}) (y_k + y_{k-1}), twice the area between
    the curve and the diagonal.

    0 when the industry is spread exactly like total employment, close to 1
    when it sits in one small region. NaN for an industry with no jobs.
    Not halved: EconGeo's ``locational.gini`` (Balland 2017) divides this
    coefficient by 2, so its values are half of these.

    Source: Krugman (1991a), appendix D; Audretsch & Feldman (1996).
    """
    array, _, industries = checked_values(emp)
    region_total = array.sum(axis=1)
    has_jobs = region_total > 0
    # industries x regions, so that every industry's regions lie side by side for the sort
    by_industry = np.ascontiguousarray(array.T if has_jobs.all() else array.T[:, has_jobs])
    region_total = region_total[has_jobs]
    x_share = region_total / region_total.sum()
    industry_total = by_industry.sum(axis=1)
    n_industries, n_regions = by_industry.shape
    # A few industries at a time, so that every step up to the sort works on data in the
    # processor's cache instead of passing over tables as large as emp again and again.
    step = max(1, min(n_industries, _GINI_BLOCK_CELLS // max(n_regions, 1)))
    work = _GiniWork(step, n_regions)
    result = np.empty(n_industries)
    for first in range(0, n_industries, step):
        last = min(first + step, n_industries)
        result[first:last] = _gini_block(by_industry[first:last], industry_total[first:last], x_share, work,
                                         pairwise=n_industries == 1)
    result = np.where(industry_total > 0, result, np.nan)
    return pd.Series(result, index=industries, name="locational_gini")


# Cells of one block of industries in locational_gini: the block's few tables stay in cache.
_GINI_BLOCK_CELLS = 2**17


class _GiniWork:
    """Scratch tables for one block of industries, reused from block to block."""

    def __init__(self, rows: int, columns: int):
        self.y = np.empty((rows, columns))
        self.keys = np.empty((rows, columns), dtype=np.int64)
        self.xs = np.empty((rows, columns))
        self.ys = np.empty((rows, columns))
        self.terms = np.empty((columns, rows))  # regions x industries, for the final sums
        self.positions = np.arange(columns, dtype=np.int64)
        self.row_start = np.arange(0, rows * columns, columns, dtype=np.int64)[:, None]


def _gini_block(jobs: np.ndarray, industry_total: np.ndarray, x_share: np.ndarray, work: _GiniWork,
                pairwise: bool) -> np.ndarray:
    """1 - sum_k x_k (Y_k + Y_{k-1}) for a block of industries (rows of ``jobs``, regions along each row).

    The same operations in the same order as on the whole table at once, so the
    results are the same to the last bit.
    """
    rows, n_regions = jobs.shape
    y_share = work.y[:rows]
    with np.errstate(divide="ignore", invalid="ignore"):
        np.divide(jobs, industry_total[:, None], out=y_share)
    xs, ys = _sorted_by_lq(y_share, x_share, work)  # column k: the k-th region of every industry
    # Running sums term after term from the first region. Written as an accumulation down the columns
    # of the transposed block, which numpy does for all the block's industries at once (several
    # times faster than along each row); the additions and their order are the same.
    cum_y = np.cumsum(ys.T, axis=0, out=ys.T).T
    area = y_share  # no longer needed: its memory takes the terms x_k (y_k + y_{k-1})
    np.add(cum_y[:, 0], 0.0, out=area[:, 0])  # with y_{-1} = 0
    np.add(cum_y[:, 1:], cum_y[:, :-1], out=area[:, 1:])
    area *= xs
    if pairwise:  # a single industry: its regions were summed pairwise (np.sum of one column)
        return 1 - np.add.reduce(area, axis=1)
    # Term after term, as np.sum(axis=0) adds the rows of a regions x industries table: numpy does
    # exactly that, for all the block's industries at once, on such a table (a copy of the block).
    if rows < 8:  # too few industries side by side for that to pay
        return 1 - np.cumsum(area.T, axis=0, out=area.T)[-1]
    terms = work.terms[:, :rows]
    terms[...] = area.T
    return 1 - np.add.reduce(terms, axis=0)


def _sorted_by_lq(y_share: np.ndarray, x_share: np.ndarray, work: _GiniWork | None = None) -> tuple[np.ndarray, np.ndarray]:
    """x and y of every industry's regions in the order of their location quotient
    y / x, ascending, regions with equal LQs in table order: the order that
    ``np.argsort(lq, kind="stable")`` gives, several times faster.

    ``y_share`` is industries x regions, and so are the results: row i holds
    industry i's regions from its lowest LQ to its highest.

    The bit patterns of numbers >= 0 sort like the numbers, so the lowest bits
    of each LQ are replaced by the region's position and one plain sort of
    these patterns does the work. Two LQs that differ only in those bits (with
    3,000 regions, by less than 1e-12 of their value) may come out in position
    order instead of LQ order; the industries where that happened are sorted
    again, stably.
    """
    n_industries, n_regions = y_share.shape
    work = work or _GiniWork(n_industries, n_regions)
    low = np.int64((1 << max(1, (n_regions - 1).bit_length())) - 1)
    keys = _lq_keys(y_share, x_share, low, work.keys[:n_industries], work.positions)
    keys.view(np.float64).sort(axis=1)  # these patterns sort as floats like as integers, only faster
    # except those of NaN and infinity (say, an industry without jobs): such rows are sorted as integers
    not_finite = keys[:, -1] >= 0x7FF0000000000000
    if not_finite.any():
        keys[not_finite] = np.sort(_lq_keys(y_share[not_finite], x_share, low), axis=1)
    order = np.bitwise_and(keys, low, out=keys)
    xs = np.take(x_share, order, out=work.xs[:n_industries])
    order += work.row_start[:n_industries]  # position in y_share.ravel()
    ys = np.take(y_share.ravel(), order, out=work.ys[:n_industries])
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        lq_sorted = np.divide(ys, xs, out=order.view(np.float64))  # the same LQs, in the new order
    for i in np.flatnonzero((lq_sorted[:, 1:] < lq_sorted[:, :-1]).any(axis=1)):
        again = np.argsort(lq_sorted[i], kind="stable")
        xs[i] = xs[i, again]
        ys[i] = ys[i, again]
    return xs, ys


def _lq_keys(y_share: np.ndarray, x_share: np.ndarray, low: np.int64, out: np.ndarray | None = None,
             positions: np.ndarray | None = None) -> np.ndarray:
    """The LQs y / x as integer bit patterns, their lowest bits (``low``) replaced by the region's position."""
    out = np.empty(y_share.shape, dtype=np.int64) if out is None else out
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        np.divide(y_share, x_share, out=out.view(np.float64))
    np.bitwise_and(out, np.int64(0x7FFFFFFFFFFFFFFF) ^ low, out=out)  # also turns -0.0 into 0.0
    np.bitwise_or(out, np.arange(y_share.shape[1], dtype=np.int64) if positions is None else positions, out=out)
    return out
