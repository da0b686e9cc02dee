"""The Ellison-Glaeser index of geographic concentration, which corrects raw
concentration for the lumpiness of plants."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import KlasterTypeError, KlasterValueError
from ..validation import check_vector


def _check_plants(plants, region, industry, employment):
    """Check the plants table. Returns every plant's region code with the regions
    the codes stand for, the industry labels and the workers as floats."""
    if not isinstance(plants, pd.DataFrame):
        raise KlasterTypeError(f"plants must be a pandas DataFrame with one row per plant, not a {type(plants).__name__}.")
    missing = [c for c in (region, industry, employment) if c not in plants.columns]
    if missing:
        raise KlasterValueError(
            f"The plants table is missing the column(s) {', '.join(map(repr, missing))}; "
            f"it has {', '.join(map(repr, plants.columns))}. Name the right columns with "
            "region=, industry= and employment=."
        )
    if len(plants) == 0:
        raise KlasterValueError("The plants table is empty: there are no plants to measure.")
    table = plants[[region, industry, employment]]
    # Turning the region labels into codes (one hash per plant) also finds the missing ones (code -1),
    # so the labels are read only once.
    region_codes, regions = pd.factorize(table[region].to_numpy())
    if region_codes.min() < 0:
        row = table.index[region_codes < 0][0]
        raise KlasterValueError(f"The plants table has a missing {region!r} in row {row!r}.")
    industries = pd.Series(table[industry].to_numpy())  # a plain column: its labels become the index of the result
    if industries.isna().any():
        row = table.index[industries.isna().to_numpy()][0]
        raise KlasterValueError(f"The plants table has a missing {industry!r} in row {row!r}.")
    jobs = pd.to_numeric(table[employment], errors="coerce")
    if pd.api.types.is_bool_dtype(table[employment]):
        raise KlasterValueError(f"Column {employment!r} must hold numbers of workers, not True/False.")
    bad = jobs.isna()
    if bad.any():
        row = table.index[bad][0]
        value = table.loc[row, employment]
        what = "a missing value" if pd.isna(value) else f"the non-numeric value {value!r}"
        raise KlasterValueError(f"Column {employment!r} has {what} in row {row!r} (industry {table.loc[row, industry]!r}).")
    jobs = jobs.to_numpy(dtype=float)
    if (jobs < 0).any():
        row = table.index[jobs < 0][0]
        raise KlasterValueError(
            f"Column {employment!r} has a negative number of workers in row {row!r} "
            f"(region {table.loc[row, region]!r}, industry {table.loc[row, industry]!r})."
        )
    if jobs.sum() == 0:
        raise KlasterValueError("All plants have zero workers, so no shares can be computed.")
    return region_codes, regions, industries, jobs


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
    region_codes, regions, industries, jobs = _check_plants(plants, region, industry, employment)
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
            raise KlasterTypeError("region_employment must be a pandas Series indexed by region.")
        if region_employment.index.duplicated().any():
            raise KlasterValueError("region_employment lists a region more than once.")
        check_vector(region_employment, name="region_employment")
        position = region_employment.index.get_indexer(regions)
        unknown = pd.Index(regions[position < 0]).difference(region_employment.index).tolist()
        if unknown:
            raise KlasterValueError(
                f"Some plants are in regions that region_employment does not list: {unknown[:3]!r}."
            )
        regional = region_employment.astype(float)
        region_codes = position[region_codes]  # positions in regional
    x = regional / regional.sum()
    sum_x2 = float((x.to_numpy() ** 2).sum())

    # Work with integer codes and sums over plants only: no dense industry x region table.
    industry_codes, industries = pd.factorize(industries, sort=True)
    n_industries = len(industries)
    industry_jobs = np.bincount(industry_codes, weights=jobs, minlength=n_industries)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = jobs / industry_jobs[industry_codes]
    H = np.bincount(industry_codes, weights=z * z, minlength=n_industries)
    # G = sum_r (s_r - x_r)^2 = sum_r s_r^2 - 2 sum_r s_r x_r + sum_r x_r^2, where only regions
    # with plants of the industry have s_r > 0. Each (industry, region) cell is one integer.
    n_regions = len(x)
    cell = pd.Series(z).groupby(industry_codes * np.int64(n_regions) + region_codes, sort=False).sum()
    cell_key = cell.index.to_numpy()
    cell_industry = cell_key // n_regions
    cell_share = cell.to_numpy()
    cell_x = x.to_numpy()[cell_key % n_regions]
    G = (np.bincount(cell_industry, weights=cell_share * cell_share - 2 * cell_share * cell_x, minlength=n_industries)
         + sum_x2)
    empty = industry_jobs == 0
    G[empty] = np.nan
    H[empty] = np.nan
    with np.errstate(divide="ignore", invalid="ignore"):
        gamma = (G - (1 - sum_x2) * H) / ((1 - sum_x2) * (1 - H))
    gamma[~(H < 1) | ~np.isfinite(gamma)] = np.nan
    index = pd.Index(industries, name="industry")
    return pd.DataFrame({"G": G, "H": H, "gamma": gamma}, index=index)
