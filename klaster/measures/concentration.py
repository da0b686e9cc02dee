"""How unevenly something is spread: Herfindahl, Gini, Hoover's
localisation coefficient and the locational Gini."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import KlasterTypeError, KlasterValueError
from ..validation import check_matrix, check_vector


def herfindahl(x, normalized: bool = False):
    """Herfindahl–Hirschman index: the sum of squared shares.

    H = sum_k (x_k / sum x)^2, between 1/n (all equal) and 1 (all in one).
    With ``normalized=True`` returns (H - 1/n) / (1 - 1/n), between 0 and 1
    (undefined, NaN, for n = 1). 1/H is the "numbers equivalent": how many
    equal units would give the same H.

    ``x`` is a list, array or Series (returns a float) or a DataFrame
    (returns a Series with one value per row; NaN for an all-zero row).

    Source: Hirschman (1964), AER 54(5); worked example in REAT ``herf``
    (Wieland 2019, after Dörsam 2004): shares 20, 50, 20, 10 give H = 0.34.
    """
    if isinstance(x, pd.DataFrame):
        values = check_matrix(x, name="x")
        totals = values.sum(axis=1)
        shares = values.div(totals.where(totals > 0), axis=0)
        result = (shares ** 2).sum(axis=1, min_count=1)
        result[totals == 0] = np.nan
        if normalized:
            n = values.shape[1]
            result = (result - 1 / n) / (1 - 1 / n) if n > 1 else result * np.nan
        result.name = "herfindahl"
        return result
    values = check_vector(x)
    shares = values / values.sum()
    h = float(np.sum(shares ** 2))
    if normalized:
        n = values.size
        return (h - 1 / n) / (1 - 1 / n) if n > 1 else float("nan")
    return h


def gini(x, normalized: bool = False) -> float:
    """Gini coefficient of a set of non-negative values.

    G = sum_i sum_j |x_i - x_j| / (2 n^2 mean(x)): 0 when all values are equal,
    at most (n - 1)/n when one unit holds everything. With ``normalized=True``
    the result is multiplied by n/(n - 1) so that the maximum is 1.

    Source: Gini (1912); REAT ``gini`` (Wieland 2019): shares 20, 50, 20, 10
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
        raise KlasterTypeError(
            "reference must be a pandas Series indexed by region (for example population), "
            f"not a {type(reference).__name__}."
        )
    missing = regions.difference(reference.index).tolist()
    extra = reference.index.difference(regions).tolist()
    if missing or extra:
        detail = f"missing for {missing[:3]!r}" if missing else f"not in the employment table: {extra[:3]!r}"
        raise KlasterValueError(
            f"reference must have one value for each region of the employment table ({detail})."
        )
    if reference.index.duplicated().any():
        raise KlasterValueError("reference lists a region more than once.")
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

    Source: Hoover (1936), "The measurement of industrial localization",
    Review of Economics and Statistics 18(4); REAT ``hoover``.
    """
    values = check_matrix(emp)
    array = values.to_numpy()
    if reference is None:
        ref = array.sum(axis=1)
    else:
        ref = _check_reference(reference, values.index).to_numpy()
    ref_share = ref / ref.sum()
    industry_total = array.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        gap = array * (1.0 / industry_total)[None, :]
        gap -= ref_share[:, None]
    np.abs(gap, out=gap)
    coefficient = 0.5 * gap.sum(axis=0)
    coefficient[industry_total == 0] = np.nan
    return pd.Series(coefficient, index=values.columns, name="hoover_localization")


def lorenz_curve(emp: pd.DataFrame, industry) -> pd.DataFrame:
    """Points of the locational Lorenz curve of one industry.

    Regions are ordered by location quotient, lowest first; x is the
    cumulative share of total employment and y the cumulative share of the
    industry's employment. The first row is the origin (0, 0). Regions with
    no jobs at all are left out (they add no width to the curve).
    """
    values = check_matrix(emp)
    if industry not in values.columns:
        raise KlasterValueError(f"Industry {industry!r} is not a column of the employment table.")
    region_total = values.sum(axis=1)
    values = values[region_total > 0]
    region_total = region_total[region_total > 0]
    column = values[industry]
    if column.sum() == 0:
        raise KlasterValueError(f"Industry {industry!r} has no jobs, so it has no Lorenz curve.")
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

    Source: Krugman (1991), Geography and Trade, appendix D; Audretsch &
    Feldman (1996), AER 86(3).
    """
    values = check_matrix(emp)
    region_total = values.sum(axis=1)
    values = values[region_total > 0]
    region_total = region_total[region_total > 0]
    x_share = (region_total / region_total.sum()).to_numpy()
    industry_total = values.sum(axis=0).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        y_share = values.to_numpy() / industry_total  # regions x industries
        lq = y_share / x_share[:, None]
    order = np.argsort(lq, axis=0, kind="stable")
    xs = x_share[order]
    ys = np.take_along_axis(y_share, order, axis=0)
    cum_y = np.cumsum(ys, axis=0)
    prev_y = np.vstack([np.zeros((1, ys.shape[1])), cum_y[:-1]])
    result = 1 - np.sum(xs * (cum_y + prev_y), axis=0)
    result = np.where(industry_total > 0, result, np.nan)
    return pd.Series(result, index=values.columns, name="locational_gini")
