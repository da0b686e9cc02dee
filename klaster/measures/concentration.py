"""How unevenly something is spread: Herfindahl, Gini, Hoover's
localisation coefficient and the locational Gini."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import KlasterTypeError, KlasterValueError
from ..i18n import _
from ..validation import check_matrix, check_vector, checked_values
from .location import _BLOCK_CELLS
from .specialisation import _sum_over_industries


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
        array, regions, _ = checked_values(x, name="x")
        result, totals = _sum_over_industries(array, _square)  # NaN for a region without jobs (0/0)
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


def _square(shares: np.ndarray, scratch: np.ndarray) -> np.ndarray:
    """s^2 of a block of shares (in place): the Herfindahl terms."""
    return np.square(shares, out=shares)


def gini(x, normalized: bool = False) -> float:
    """Gini coefficient of a set of non-negative values.

    G = sum_i sum_j |x_i - x_j| / (2 n^2 mean(x)): 0 when all values are equal,
    at most (n - 1)/n when one unit holds everything. With ``normalized=True``
    the result is multiplied by n/(n - 1) so that the maximum is 1.

    Source: Gini (1912); REAT ``gini`` (Wieland 2021): shares 20, 50, 20, 10
    give G = 0.3, normalised 0.4.
    """
    values = check_vector(x)  # a new float array: it can be sorted in place
    values.sort()
    n = values.size
    # Sorted-values form of the mean absolute difference, O(n log n): with the values in
    # ascending order x_(1) <= ... <= x_(n), sum_i sum_j |x_i - x_j| = 2 sum_k (2k - n - 1) x_(k),
    # so G = sum_k (2k - n - 1) x_(k) / (n sum x): one dot product with the weights 1-n, 3-n, ..., n-1.
    g = float(np.dot(np.arange(1 - n, n, 2.0), values)) / (n * float(np.add.reduce(values)))  # Python floats: faster
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
    region_total = np.add.reduce(array, axis=1)
    has_jobs = region_total > 0
    # industries x regions, so that every industry's regions lie side by side for the sort
    by_industry = np.ascontiguousarray(array.T if has_jobs.all() else array.T[:, has_jobs])
    region_total = region_total[has_jobs]
    x_share = region_total / region_total.sum()
    n_industries, n_regions = by_industry.shape
    # A few industries at a time, so that every step up to the sort works on data in the
    # processor's cache instead of passing over tables as large as emp again and again.
    step = max(1, min(n_industries, _GINI_BLOCK_CELLS // max(n_regions, 1)))
    work = _GiniWork(step, n_regions)
    area = np.empty(n_industries)
    industry_total = np.empty(n_industries)
    for first in range(0, n_industries, step):
        last = min(first + step, n_industries)
        area[first:last] = _gini_block(by_industry[first:last], x_share, work, industry_total[first:last])
    with np.errstate(divide="ignore", invalid="ignore"):
        result = 1 - area / industry_total
    result[industry_total == 0] = np.nan
    return pd.Series(result, index=industries, name="locational_gini")


# Cells of one block of industries in locational_gini: the block's few tables stay in cache.
_GINI_BLOCK_CELLS = 2**17


class _GiniWork:
    """Scratch tables for one block of industries, reused from block to block."""

    def __init__(self, rows: int, columns: int):
        self.keys = np.empty((rows, columns), dtype=np.int64)
        self.xs = np.empty((rows, columns))
        self.js = np.empty((rows, columns))
        self.positions = np.arange(columns, dtype=np.int64)
        self.row_start = np.arange(0, rows * columns, columns, dtype=np.int64)[:, None]


def _gini_block(jobs: np.ndarray, x_share: np.ndarray, work: _GiniWork, total: np.ndarray) -> np.ndarray:
    """E_i sum_k x_k (Y_k + Y_{k-1}) for a block of industries (rows of ``jobs``, regions along each row),
    with the regions in the order of the industry's LQ and Y_k the share of its jobs in regions 1..k.

    With J_k = E_i Y_k the running sum of the jobs in that order and j_k = J_k - J_{k-1} the
    region's jobs, E_i sum_k x_k (Y_k + Y_{k-1}) = 2 sum_k x_k J_k - sum_k x_k j_k: two dot
    products per industry, after one running sum, whose last term J_n = E_i goes into ``total``. The
    caller divides by E_i (and subtracts from 1).
    The jobs are not divided by E_i before: within an industry, jobs / x orders the regions as
    its LQs do.
    """
    xs, js = _sorted_by_lq(jobs, x_share, work)  # column k: the k-th region of every industry
    own = np.einsum("ij,ij->i", xs, js)  # sum_k x_k j_k
    # Running sums from the first region, as an accumulation down the columns of the transposed
    # block, which numpy does for all the block's industries at once (several times faster than along each row).
    cum = np.cumsum(js.T, axis=0, out=js.T).T
    total[:] = cum[:, -1]
    return 2 * np.einsum("ij,ij->i", xs, cum) - own


def _sorted_by_lq(jobs: np.ndarray, x_share: np.ndarray, work: _GiniWork | None = None) -> tuple[np.ndarray, np.ndarray]:
    """x and jobs of every industry's regions in the order of their location quotient
    (jobs / x within an industry), ascending, regions with (nearly) equal LQs in table order.

    ``jobs`` is industries x regions, and so are the results: row i holds industry i's regions
    from its lowest LQ to its highest.

    The bit patterns of numbers >= 0 sort like the numbers, so the lowest bits of each LQ are
    replaced by the region's position and one plain sort of these patterns does the work, several
    times faster than ``np.argsort``. Two LQs that differ only in those bits (relatively by less
    than 2^(b - 52), b the bits of the positions: 2e-12 with 3,000 regions) may come out in
    position order instead of LQ order. That changes no area: swapping two neighbours a, b of the
    Lorenz curve changes twice its area by x_a y_b - x_b y_a = x_a x_b (LQ_b - LQ_a), here at
    most x_a x_b LQ 2^(b - 52), far below the rounding of the sums (less than 1e-16 of the
    coefficient for 3,000 regions of similar size). Ties (equal LQs) give the same area in any order.
    """
    n_industries, n_regions = jobs.shape
    work = work or _GiniWork(n_industries, n_regions)
    low = np.int64((1 << max(1, (n_regions - 1).bit_length())) - 1)
    keys = _lq_keys(jobs, x_share, low, work.keys[:n_industries], work.positions)
    keys.view(np.float64).sort(axis=1)  # these patterns sort as floats like as integers, only faster
    # except those of NaN and infinity (which jobs / x, both finite and x > 0, cannot be): sorted as integers
    not_finite = keys[:, -1] >= 0x7FF0000000000000
    if not_finite.any():
        keys[not_finite] = np.sort(_lq_keys(jobs[not_finite], x_share, low), axis=1)
    order = np.bitwise_and(keys, low, out=keys)
    # mode="clip": the positions are valid, and numpy then skips checking every one (twice as fast)
    xs = np.take(x_share, order, out=work.xs[:n_industries], mode="clip")
    order += work.row_start[:n_industries]  # position in jobs.ravel()
    js = np.take(jobs.ravel(), order, out=work.js[:n_industries], mode="clip")
    return xs, js


def _lq_keys(jobs: np.ndarray, x_share: np.ndarray, low: np.int64, out: np.ndarray | None = None,
             positions: np.ndarray | None = None) -> np.ndarray:
    """The LQs (up to the industry's total) jobs / x as integer bit patterns, their lowest bits (``low``)
    replaced by the region's position."""
    out = np.empty(jobs.shape, dtype=np.int64) if out is None else out
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        np.divide(jobs, x_share, out=out.view(np.float64))
    np.bitwise_and(out, np.int64(0x7FFFFFFFFFFFFFFF) ^ low, out=out)  # also turns -0.0 into 0.0
    np.bitwise_or(out, np.arange(jobs.shape[1], dtype=np.int64) if positions is None else positions, out=out)
    return out
