"""The Ellison-Glaeser index of geographic concentration, which corrects raw
concentration for the lumpiness of plants."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import KlasterTypeError, KlasterValueError
from ..i18n import _
from ..validation import check_vector

# Below this many possible (industry, region) cells per plant, the cells are added up in a dense table.
_DENSE_CELLS_PER_PLANT = 16
# ... and always up to this many cells (a dense table of 32 MB at most).
_DENSE_CELLS = 2**22


def _codes(column: pd.Series, sort: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes of a column's labels (-1 where missing) and the labels they stand for.

    A categorical column already holds its codes, so nothing is hashed; with
    ``sort=True`` the labels come out sorted (those that occur, as
    ``pd.factorize(sort=True)`` gives them).
    """
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes = np.asarray(column.cat.codes, dtype=np.int64)
        categories = column.cat.categories
        used = np.flatnonzero(np.bincount(codes[codes >= 0], minlength=len(categories)))
        if len(used) == len(categories) and not sort:
            return codes, np.asarray(categories)
        labels = categories[used]
        order = np.argsort(labels, kind="stable") if sort else np.arange(len(used))
        new_code = np.full(len(categories) + 1, -1, dtype=np.int64)  # the last entry: missing stays missing
        new_code[used[order]] = np.arange(len(used))
        return new_code[codes], np.asarray(labels[order])
    values = column.to_numpy()
    if sort and values.dtype.kind in "iu" and len(values):
        low, high = int(values.min()), int(values.max())
        if high - low <= 2 * len(values) + 1024:  # small whole numbers (codes): count them, no hashing
            offset = values - values.dtype.type(low) if values.dtype.kind == "u" else values.astype(np.int64) - low
            present = np.flatnonzero(np.bincount(offset, minlength=high - low + 1))
            code_of = np.empty(high - low + 1, dtype=np.int64)
            code_of[present] = np.arange(len(present))
            return code_of[offset], (present + low).astype(values.dtype)
    return pd.factorize(values, sort=sort)


def _check_plants(plants, region, industry, employment):
    """Check the plants table. Returns every plant's region code with the regions
    the codes stand for, the industry labels and the workers as floats."""
    if not isinstance(plants, pd.DataFrame):
        raise KlasterTypeError(_("plants must be a pandas DataFrame with one row per plant, not a {kind}.").format(
            kind=type(plants).__name__))
    missing = [c for c in (region, industry, employment) if c not in plants.columns]
    if missing:
        raise KlasterValueError(_("The plants table is missing the column(s) {missing}; it has {columns}. Name the "
                                  "right columns with region=, industry= and employment=.").format(
                                      missing=", ".join(map(repr, missing)), columns=", ".join(map(repr, plants.columns))))
    if len(plants) == 0:
        raise KlasterValueError(_("The plants table is empty: there are no plants to measure."))
    table = plants[[region, industry, employment]]
    # Turning the region labels into codes (one hash per plant) also finds the missing ones (code -1),
    # so the labels are read only once.
    region_codes, regions = _codes(table[region])
    if region_codes.min() < 0:
        row = table.index[region_codes < 0][0]
        raise KlasterValueError(_("The plants table has a missing {column!r} in row {row!r}.").format(column=region,
                                                                                                      row=row))
    industry_codes, industries = _codes(table[industry], sort=True)
    if industry_codes.min() < 0:
        row = table.index[industry_codes < 0][0]
        raise KlasterValueError(_("The plants table has a missing {column!r} in row {row!r}.").format(column=industry,
                                                                                                      row=row))
    jobs = pd.to_numeric(table[employment], errors="coerce")
    if pd.api.types.is_bool_dtype(table[employment]):
        raise KlasterValueError(_("Column {column!r} must hold numbers of workers, not True/False.").format(
            column=employment))
    bad = jobs.isna()
    if bad.any():
        row = table.index[bad][0]
        value = table.loc[row, employment]
        if pd.isna(value):
            raise KlasterValueError(_("Column {column!r} has a missing value in row {row!r} (industry {industry!r}).")
                                    .format(column=employment, row=row, industry=table.loc[row, industry]))
        raise KlasterValueError(_("Column {column!r} has the non-numeric value {value!r} in row {row!r} (industry "
                                  "{industry!r}).").format(column=employment, value=value, row=row,
                                                           industry=table.loc[row, industry]))
    jobs = jobs.to_numpy(dtype=float)
    if (jobs < 0).any():
        row = table.index[jobs < 0][0]
        raise KlasterValueError(_("Column {column!r} has a negative number of workers in row {row!r} (region "
                                  "{region!r}, industry {industry!r}).").format(
                                      column=employment, row=row, region=table.loc[row, region],
                                      industry=table.loc[row, industry]))
    if jobs.sum() == 0:
        raise KlasterValueError(_("All plants have zero workers, so no shares can be computed."))
    return region_codes, regions, industry_codes, industries, jobs


def ellison_glaeser(plants: pd.DataFrame, region: str = "region", industry: str = "industry",
                    employment: str = "employment", region_employment: pd.Series | None = None) -> pd.DataFrame:
    """Ellison-Glaeser index of the geographic concentration of every industry.

    With s_r the industry's share of its jobs in region r, x_r region r's
    share of aggregate employment, and z_k plant k's share of the industry's
    jobs:

    - G = sum_r (s_r - x_r)^2      raw geographic concentration
    - H = sum_k z_k^2              Herfindahl index of plant sizes
    - gamma = [G - (1 - sum_r x_r^2) H] / [(1 - sum_r x_r^2)(1 - H)]

    gamma has expectation 0 when plants choose locations at random in
    proportion to x; Ellison and Glaeser called industries with gamma > 0.05
    highly concentrated and gamma < 0.02 not very concentrated. It can be
    negative. gamma is NaN when H = 1 (a single plant) or when the industry
    has no workers.

    x_r comes from ``region_employment`` (a Series by region, for example all
    manufacturing jobs) or, when it is None, from the regional totals of all
    plants in the table. Regions in x with no plant of an industry count
    with s_r = 0.

    Returns a DataFrame indexed by industry with columns G, H, gamma.

    Source: Ellison & Glaeser (1997), equation (5).
    """
    region_codes, regions, industry_codes, industries, jobs = _check_plants(plants, region, industry, employment)
    if region_employment is None:
        # Regional totals of all plants, by region in sorted order (as groupby(sort=True) gives them).
        totals = pd.Series(jobs).groupby(region_codes).sum().to_numpy()
        rank, sorted_regions = pd.factorize(regions, sort=True)
        in_order = np.empty(len(totals))
        in_order[rank] = totals
        regional = pd.Series(in_order, index=sorted_regions)
        region_codes = rank[region_codes]  # now positions in regional
    else:
        if not isinstance(region_employment, pd.Series):
            raise KlasterTypeError(_("region_employment must be a pandas Series indexed by region."))
        if not region_employment.index.is_unique:
            twice = region_employment.index[region_employment.index.duplicated()].unique().tolist()
            raise KlasterValueError(_("region_employment lists the region {region} more than once; "
                                      "add its values together or remove the duplicate.").format(region=repr(twice[0])))
        check_vector(region_employment, name="region_employment")
        position = region_employment.index.get_indexer(regions)
        unknown = pd.Index(regions[position < 0]).difference(region_employment.index).tolist()
        if unknown:
            raise KlasterValueError(_("Some plants are in regions that region_employment does not list: {regions!r}.")
                                    .format(regions=unknown[:3]))
        regional = region_employment.astype(float)
        region_codes = position[region_codes]  # positions in regional
    x = regional / regional.sum()
    sum_x2 = float((x.to_numpy() ** 2).sum())

    # Work with integer codes and sums over plants only.
    n_industries = len(industries)
    industry_jobs = np.bincount(industry_codes, weights=jobs, minlength=n_industries)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = jobs / industry_jobs[industry_codes]
    H = np.bincount(industry_codes, weights=z * z, minlength=n_industries)
    # G = sum_r (s_r - x_r)^2, where s_r is the sum of z over the industry's plants in region r:
    # the (industry, region) cells, each one integer.
    G = _raw_concentration(industry_codes, region_codes, z, x.to_numpy(), sum_x2, n_industries)
    empty = industry_jobs == 0
    G[empty] = np.nan
    H[empty] = np.nan
    with np.errstate(divide="ignore", invalid="ignore"):
        gamma = (G - (1 - sum_x2) * H) / ((1 - sum_x2) * (1 - H))
    gamma[~(H < 1) | ~np.isfinite(gamma)] = np.nan
    index = pd.Index(industries, name="industry")
    return pd.DataFrame({"G": G, "H": H, "gamma": gamma}, index=index)


def _raw_concentration(industry_codes: np.ndarray, region_codes: np.ndarray, share: np.ndarray, x: np.ndarray,
                       sum_x2: float, n_industries: int) -> np.ndarray:
    """G_i = sum_r (s_ir - x_r)^2 for every industry i, with s_ir the sum of ``share`` over the plants of
    industry i in region r.

    With few possible cells for the plants (up to 16 a plant, or 4 M), the cells are added up in a
    dense table of all of them (no hashing: one np.bincount) and G is the sum of squares as
    written. Otherwise the cells that occur get their codes from ``pd.factorize`` and
    G = sum_r s_r^2 - 2 sum_r s_r x_r + sum_r x_r^2 over them (a region without the industry's
    plants adds x_r^2, which the last sum holds).
    """
    n_regions = len(x)
    key = industry_codes * np.int64(n_regions) + region_codes
    cells = n_industries * n_regions
    if cells <= max(_DENSE_CELLS_PER_PLANT * len(key), _DENSE_CELLS):
        gap = np.bincount(key, weights=share, minlength=cells).reshape(n_industries, n_regions)
        gap -= x
        return np.einsum("ij,ij->i", gap, gap)
    codes, order = pd.factorize(key)
    s = np.bincount(codes, weights=share, minlength=len(order))
    return np.bincount(order // n_regions, weights=s * (s - 2 * x[order % n_regions]), minlength=n_industries) + sum_x2
