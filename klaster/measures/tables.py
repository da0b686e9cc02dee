"""Moving between a long table (one row per region and industry) and an
employment matrix (regions as rows, industries as columns)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import KlasterTypeError, KlasterValueError
from ..i18n import _
from ..validation import check_matrix


def to_matrix(long: pd.DataFrame, region: str = "region", industry: str = "industry",
              value: str = "value") -> pd.DataFrame:
    """Pivot a long table into an employment matrix.

    ``long`` has one row per (region, industry) pair. Pairs that do not
    appear become 0 (no jobs recorded); a pair that appears twice is an error.
    The result is checked like any employment matrix (numbers, no negatives).
    """
    if not isinstance(long, pd.DataFrame):
        raise KlasterTypeError(_("to_matrix needs a pandas DataFrame, not a {kind}.").format(kind=type(long).__name__))
    missing = [c for c in (region, industry, value) if c not in long.columns]
    if missing:
        raise KlasterValueError(_("The table is missing the column(s) {missing}; it has {columns}. Name the right ones "
                                  "with region=, industry= and value=.").format(
                                      missing=", ".join(map(repr, missing)), columns=", ".join(map(repr, long.columns))))
    for col in (region, industry):
        if long[col].isna().any():
            row = long.index[long[col].isna()][0]
            raise KlasterValueError(_("Row {row!r} has no {column!r}; every row needs one.").format(row=row, column=col))
    dup = long.duplicated([region, industry], keep=False)
    if dup.any():
        first = long.loc[dup].iloc[0]
        raise KlasterValueError(_("Region {region!r} and industry {industry!r} appear in more than one row; add them "
                                  "together first (for example with groupby(...).sum()).").format(
                                      region=first[region], industry=first[industry]))
    numbers = pd.to_numeric(long[value], errors="coerce")
    text = numbers.isna() & long[value].notna()
    if text.any():
        row = long.index[text][0]
        raise KlasterValueError(_("Column {column!r} has the non-numeric value {value!r} (region {region!r}, industry "
                                  "{industry!r}).").format(column=value, value=long.loc[row, value],
                                                           region=long.loc[row, region],
                                                           industry=long.loc[row, industry]))
    if numbers.isna().any():
        row = long.index[numbers.isna()][0]
        raise KlasterValueError(_("Column {column!r} is missing for region {region!r}, industry {industry!r}.").format(
            column=value, region=long.loc[row, region], industry=long.loc[row, industry]))
    matrix = (pd.DataFrame({"r": long[region].to_numpy(), "i": long[industry].to_numpy(), "v": numbers.to_numpy()})
              .pivot(index="r", columns="i", values="v")
              .fillna(0.0))
    matrix.index.name = region
    matrix.columns.name = industry
    return check_matrix(matrix, name="the table")


def to_long(emp: pd.DataFrame, region: str = "region", industry: str = "industry",
            value: str = "value") -> pd.DataFrame:
    """Turn an employment matrix into a long table with columns region, industry, value.

    Rows follow the matrix: regions in order, industries in order within each region.
    """
    values = check_matrix(emp)
    long = values.stack().rename(value).reset_index()
    long.columns = [region, industry, value]
    return long


def cell_index(regions: pd.Index, industries: pd.Index) -> pd.MultiIndex:
    """``pd.MultiIndex.from_product([regions, industries], names=["region", "industry"])``, built
    from the codes directly (the labels are unique, as the matrix check ensures) rather than by
    hashing every label again: the same index, sorted levels and all."""
    try:
        if regions.hasnans or industries.hasnans:
            raise TypeError
        region_level, region_codes = _sorted_level(regions)
        industry_level, industry_codes = _sorted_level(industries)
    except TypeError:  # labels that do not sort: let pandas decide
        return pd.MultiIndex.from_product([regions, industries], names=["region", "industry"])
    codes = [np.repeat(region_codes, len(industries)), np.tile(industry_codes, len(regions))]
    return pd.MultiIndex(levels=[region_level, industry_level], codes=codes, names=["region", "industry"],
                         verify_integrity=False)


def _sorted_level(labels: pd.Index) -> tuple[pd.Index, np.ndarray]:
    order = labels.argsort()
    # the smallest integer type that holds the codes, as pandas itself keeps them
    codes = np.empty(len(labels), dtype=next(t for t in (np.int8, np.int16, np.int32, np.int64)
                                             if len(labels) <= np.iinfo(t).max))
    codes[order] = np.arange(len(labels))
    return labels.take(order), codes
