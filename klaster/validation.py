"""Input checks shared by the measures and the data loaders.

Each check either returns a clean copy of the input or raises
KlasterValueError / KlasterTypeError with a message that names the problem
and the offending region or industry, in one sentence a student can act on.
"""
from __future__ import annotations

import numbers

import numpy as np
import pandas as pd

from .errors import KlasterTypeError, KlasterValueError
from .i18n import _, _f

_MAX_LISTED = 3
REFERENCE_ATTR = "klaster_reference"
"""``DataFrame.attrs`` key of a published reference row carried by a matrix (see
``klaster.data.pdrb_matrix(reference="published")``)."""
# 0x7FF0000000000000 is the bit pattern of +infinity: every larger pattern is a NaN or has the sign bit set.
_NOT_FINITE_OR_NEGATIVE = np.uint64(0x7FF0000000000000)
_LARGEST_SAFE_TOTAL = np.finfo(float).max / 2
# The bit pattern of 1e150, as a Python integer: a table of numbers >= 0 below it (and of fewer than 1e150
# cells) has finite totals.
_SMALL_ENOUGH = int(np.float64(1e150).view(np.uint64))


def _listing(labels) -> str:
    """Format a few labels for a message: 'A', 'B' and 2 more."""
    labels = [repr(x) for x in labels]
    if len(labels) <= _MAX_LISTED:
        return ", ".join(labels)
    return _("{first} and {n} more").format(first=", ".join(labels[:_MAX_LISTED]), n=len(labels) - _MAX_LISTED)


def _cell_listing(frame_mask: pd.DataFrame) -> str:
    """Describe the cells where a boolean mask is True as region/industry pairs."""
    stacked = frame_mask.stack()
    cells = stacked[stacked].index.tolist()
    text = "; ".join(_("region {region!r}, industry {industry!r}").format(region=r, industry=i)
                     for r, i in cells[:_MAX_LISTED])
    if len(cells) > _MAX_LISTED:
        text = _("{first} and {n} more").format(first=text, n=len(cells) - _MAX_LISTED)
    return text


def check_matrix(emp, name: str = "emp", allow_reference: bool = False) -> pd.DataFrame:
    """Return a float copy of an employment matrix after checking it.

    An employment matrix has regions as its index, industries as its columns
    and non-negative, non-missing numbers in every cell. A matrix that carries
    a published reference row (``attrs["klaster_reference"]``) is refused
    unless the measure can use it (``allow_reference=True``): a measure that
    compares regions with the sum of the rows would quietly ignore it.
    """
    array, regions, industries = checked_values(emp, name, allow_reference=allow_reference)
    return pd.DataFrame(array, index=regions, columns=industries, copy=False)


def _numeric_blocks(emp: pd.DataFrame) -> bool:
    """True when every column is a plain numpy integer or float column (read from pandas' blocks,
    which costs nothing; ``emp.dtypes`` builds a Series). False means: look at the columns
    (categorical, nullable, True/False, text ...)."""
    try:
        blocks = emp._mgr.blocks
    except AttributeError:
        return False
    for block in blocks:
        dtype = block.dtype
        if not (isinstance(dtype, np.dtype) and dtype.kind in "iuf"):
            return False
    return True


def checked_values(emp, name: str = "emp", allow_reference: bool = False,
                   scan_cells: bool = True) -> tuple[np.ndarray, pd.Index, pd.Index]:
    """``check_matrix`` for the measures: the checked float array (read-only), the regions and the industries.

    The same checks and messages as ``check_matrix``, without building a table around the array.
    With ``scan_cells=False`` the cells of a table of plain numbers are not looked at (no pass over
    them): the caller must find missing, infinite and negative cells and an all-zero table itself
    (from the sums it needs anyway) and then call ``checked_values`` again, which names them.
    """
    if not allow_reference and isinstance(emp, pd.DataFrame) and emp.attrs.get(REFERENCE_ATTR) is not None:
        reference = emp.attrs[REFERENCE_ATTR]
        raise KlasterValueError(
            _("{name} carries a published reference row ({reference}), but this measure compares regions "
              "with the sum of the table's rows only; build the table with reference='regions', or use "
              "a measure that accepts a reference (location quotient, shift-share, dynamic LQ, Klassen "
              "typology, dynamic shift-share).").format(name=name, reference=getattr(reference, "name", "?"))
        )
    if not isinstance(emp, pd.DataFrame):
        if isinstance(emp, pd.Series):
            raise KlasterTypeError(_("{name} must be a pandas DataFrame with regions as rows and industries as "
                                     "columns, not a {kind} (for a single column use series.to_frame()).").format(
                                         name=name, kind=type(emp).__name__))
        raise KlasterTypeError(_("{name} must be a pandas DataFrame with regions as rows and industries as columns, "
                                 "not a {kind}.").format(name=name, kind=type(emp).__name__))
    n_rows, n_columns = emp.shape
    if n_rows == 0 or n_columns == 0:
        raise KlasterValueError(_("{name} is empty: it needs at least one region (row) and one industry (column).")
                                .format(name=name))
    dup_rows = [] if emp.index.is_unique else emp.index[emp.index.duplicated()].unique().tolist()
    if dup_rows:
        raise KlasterValueError(_("{name} lists the same region more than once: {labels}; add the rows together "
                                  "or remove the duplicate.").format(name=name, labels=_listing(dup_rows)))
    dup_cols = [] if emp.columns.is_unique else emp.columns[emp.columns.duplicated()].unique().tolist()
    if dup_cols:
        raise KlasterValueError(_("{name} lists the same industry more than once: {labels}; add the columns "
                                  "together or remove the duplicate.").format(name=name, labels=_listing(dup_cols)))
    if _numeric_blocks(emp):  # only numbers: no missing value other than NaN, nothing to look at column by column
        array = emp.to_numpy()
        if array.dtype != np.float64:
            array = array.astype(float)
        if not scan_cells:
            return _read_only(array), emp.index, emp.columns
        # One pass finds every problem. Read as unsigned integers, the bit patterns of finite
        # numbers >= 0 lie below _NOT_FINITE_OR_NEGATIVE, while NaN, infinity and every number with
        # the sign bit set lie at or above it; a largest pattern of 0 means every cell is 0. The
        # largest pattern is also the largest number: below 1e150 no total of the table can overflow.
        if 0 < int(np.maximum.reduce(array.view(np.uint64), axis=None)) < _SMALL_ENOUGH:
            return _read_only(array), emp.index, emp.columns
        return _checked_array(emp, array, name)
    else:
        dtypes = set(emp.dtypes)
        numeric_dtypes = {dtype for dtype in dtypes
                          if pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype)}
        bad_cols = [] if numeric_dtypes == dtypes else [
            c for c in emp.columns
            if pd.api.types.is_bool_dtype(emp[c]) or not pd.api.types.is_numeric_dtype(emp[c])]
        # a column of Python numbers (dtype object, e.g. after astype(object) or from a mixed source) is
        # numbers: its cells are checked like the others, so a missing or negative one is named with its region
        numbers_only = [c for c in bad_cols if _holds_only_numbers(emp[c])]
        if numbers_only:
            emp = emp.copy()
            for column in numbers_only:
                emp[column] = pd.to_numeric(emp[column])  # None and pd.NA become NaN
            bad_cols = [c for c in bad_cols if c not in numbers_only]
    if bad_cols:
        raise KlasterValueError(_non_numeric_message(emp, bad_cols, name))
    return _checked_array(emp, emp.to_numpy(dtype=float, na_value=np.nan), name)


def _checked_array(emp: pd.DataFrame, array: np.ndarray, name: str) -> tuple[np.ndarray, pd.Index, pd.Index]:
    """The checks of the cells of ``emp``'s float array (see checked_values). Only if something is wrong is
    the table summed and scanned again, to name the cells."""
    largest = array.view(np.uint64).max()
    if 0 < largest < _NOT_FINITE_OR_NEGATIVE and largest.view(np.float64) < _LARGEST_SAFE_TOTAL / array.size:
        return _read_only(array), emp.index, emp.columns
    total = array.sum()
    if not np.isfinite(total) or array.min() < 0:
        values = pd.DataFrame(array, index=emp.index, columns=emp.columns)
        missing = values.isna()
        if missing.to_numpy().any():
            raise KlasterValueError(_("{name} has missing values at {cells}; fill them (with 0 if there are truly "
                                      "no jobs) or drop the region.").format(name=name, cells=_cell_listing(missing)))
        infinite = pd.DataFrame(np.isinf(array), index=emp.index, columns=emp.columns)
        if infinite.to_numpy().any():
            raise KlasterValueError(_("{name} has infinite values at {cells}.").format(
                name=name, cells=_cell_listing(infinite)))
        negative = values < 0
        raise KlasterValueError(_("{name} has negative values at {cells}; employment cannot be below zero.").format(
            name=name, cells=_cell_listing(negative)))
    if total == 0:
        raise KlasterValueError(_("{name} adds up to zero, so no shares can be computed.").format(name=name))
    return _read_only(array), emp.index, emp.columns  # nothing wrong after all: cells of -0.0 (0) or large numbers


def _holds_only_numbers(column: pd.Series) -> bool:
    """True for a column of dtype object whose cells are all real numbers (not True/False, not text) or missing."""
    if column.dtype != object:
        return False
    return all(isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_)) or v is None or v is pd.NA
               for v in column.to_numpy())


def _non_numeric_message(emp: pd.DataFrame, bad_cols: list, name: str) -> str:
    """Name the first cell that is not a number, looking through every column that is not numeric.

    A column of numbers stored as text ("12") is not what is wrong when another
    column holds a word; only when every such value reads as a number is the
    first of them named, with the advice to convert the column.
    """
    first_text = None
    for col in bad_cols:
        column = emp[col]
        if pd.api.types.is_bool_dtype(column):
            region = column.index[0]
            return _("{name} has True/False values in industry {industry} (region {region} holds {value}); "
                     "every cell must be a number of jobs.").format(
                name=name, industry=repr(col), region=repr(region), value=bool(column.iloc[0]))
        as_num = pd.to_numeric(column, errors="coerce")
        bad = (as_num.isna() & column.notna()).to_numpy()
        if bad.any():
            position = int(np.flatnonzero(bad)[0])
            return _("{name} has non-numeric values in industry {industry} (region {region} holds {value}); "
                     "every cell must be a number of jobs.").format(
                name=name, value=repr(column.iloc[position]), industry=repr(col), region=repr(column.index[position]))
        if first_text is None:
            texts = np.flatnonzero(column.map(lambda v: isinstance(v, str)).to_numpy())
            if len(texts):
                first_text = (col, column.index[texts[0]], column.iloc[texts[0]])
    if first_text is None:  # no text: name the first cell that is not a number (say, True in a column of objects)
        for col in bad_cols:
            column = emp[col]
            if column.dtype != object:
                continue
            for region, value in column.items():
                if not (isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))) \
                        and not (value is None or value is pd.NA):
                    return _("{name} has non-numeric values in industry {industry} (region {region} holds {value}); "
                             "every cell must be a number of jobs.").format(
                        name=name, value=repr(value), industry=repr(col), region=repr(region))
    if first_text is not None:
        col, region, value = first_text
        return _("{name} holds numbers stored as text in industry {industry} (region {region} holds {value}); "
                 "convert them with pd.to_numeric first.").format(
            name=name, industry=repr(col), region=repr(region), value=repr(value))
    return _("{name} has non-numeric values in industry {industry}; every cell must be a number of jobs.").format(
        name=name, industry=repr(bad_cols[0]))


def _read_only(array: np.ndarray) -> np.ndarray:
    if array.flags.writeable:
        array = array.view()
        array.setflags(write=False)  # it may be the caller's own data: no function may write into it
    return array


def check_same_labels(start: pd.DataFrame, end: pd.DataFrame,
                      names: tuple[str, str] = ("start", "end")) -> pd.DataFrame:
    """Check that two matrices have the same regions and industries.

    Returns ``end`` reordered like ``start``.
    """
    if start.index.equals(end.index) and start.columns.equals(end.columns):
        return end
    a, b = names
    only_a = start.index.difference(end.index).tolist()
    only_b = end.index.difference(start.index).tolist()
    if only_a or only_b:
        parts = []
        if only_a:
            parts.append(_("regions only in {table}: {labels}").format(table=a, labels=_listing(only_a)))
        if only_b:
            parts.append(_("regions only in {table}: {labels}").format(table=b, labels=_listing(only_b)))
        raise KlasterValueError(_("The {a} and {b} tables do not cover the same regions ({parts}); check the spelling "
                                  "or use the same list of regions in both years.").format(a=a, b=b,
                                                                                          parts="; ".join(parts)))
    only_a = start.columns.difference(end.columns).tolist()
    only_b = end.columns.difference(start.columns).tolist()
    if only_a or only_b:
        parts = []
        if only_a:
            parts.append(_("industries only in {table}: {labels}").format(table=a, labels=_listing(only_a)))
        if only_b:
            parts.append(_("industries only in {table}: {labels}").format(table=b, labels=_listing(only_b)))
        raise KlasterValueError(_("The {a} and {b} tables do not cover the same industries ({parts}); use the same "
                                  "industry list in both years.").format(a=a, b=b, parts="; ".join(parts)))
    return end.loc[start.index, start.columns]


def check_vector(x, name: str = "x") -> np.ndarray:
    """Return a 1-D float array of non-negative values after checking it."""
    if isinstance(x, (pd.Series, np.ndarray)):
        # Fast path for clean numbers (issue 19): one pass over the bit patterns of the float copy
        # decides, as in checked_values; anything else goes through the checks below, which name it.
        arr = x.to_numpy() if isinstance(x, pd.Series) else x
        if arr.ndim == 1 and arr.size and arr.dtype.kind in "iuf":
            numeric = arr.astype(float)
            if 0 < int(np.maximum.reduce(numeric.view(np.uint64))) < _SMALL_ENOUGH:
                return numeric
    if isinstance(x, pd.DataFrame):
        raise KlasterTypeError(_("{name} must be one column of numbers (a Series, list or 1-D array), not a table.")
                               .format(name=name))
    if isinstance(x, (str, bytes)) or np.isscalar(x):
        raise KlasterTypeError(_("{name} must be a list, Series or 1-D array of numbers, not {kind}.").format(
            name=name, kind=type(x).__name__))
    labels = x.index if isinstance(x, pd.Series) else None
    try:
        arr = np.asarray(x)
    except Exception as exc:  # pragma: no cover - exotic containers
        raise KlasterTypeError(_("{name} could not be read as numbers: {problem}.").format(name=name, problem=exc)) \
            from None
    if arr.ndim != 1:
        raise KlasterValueError(_("{name} must be one-dimensional; it has shape {shape}.").format(
            name=name, shape=arr.shape))
    if arr.size == 0:
        raise KlasterValueError(_("{name} is empty: there is nothing to measure.").format(name=name))
    if arr.dtype == bool:
        raise KlasterValueError(_("{name} must hold numbers, not True/False values.").format(name=name))
    if arr.dtype.kind in "iuf":  # plain numbers: nothing can be text
        numeric = arr.astype(float)
        bad_text = np.zeros(0, dtype=bool)
    else:
        numeric = pd.to_numeric(pd.Series(arr), errors="coerce").to_numpy(dtype=float)
        bad_text = np.isnan(numeric) & pd.notna(pd.Series(arr)).to_numpy()
    if bad_text.any():
        pos = int(np.flatnonzero(bad_text)[0])
        label = labels[pos] if labels is not None else pos
        raise KlasterValueError(_("{name} has a non-numeric value {value!r} at {label!r}.").format(
            name=name, value=arr[pos], label=label))
    if np.isnan(numeric).any():
        pos = int(np.flatnonzero(np.isnan(numeric))[0])
        label = labels[pos] if labels is not None else pos
        raise KlasterValueError(_("{name} has a missing value at {label!r}; fill it or drop it first.").format(
            name=name, label=label))
    if (numeric < 0).any():
        pos = int(np.flatnonzero(numeric < 0)[0])
        label = labels[pos] if labels is not None else pos
        raise KlasterValueError(_f("{name} has a negative value {value:g} at {label!r}; the measure needs values of "
                                   "zero or more.", name=name, value=numeric[pos], label=label))
    if np.isinf(numeric).any():
        raise KlasterValueError(_("{name} has an infinite value.").format(name=name))
    if numeric.sum() == 0:
        raise KlasterValueError(_("{name} adds up to zero, so no shares can be computed.").format(name=name))
    return numeric


def reference_totals(emp: pd.DataFrame, reference, name: str = "reference") -> np.ndarray | None:
    """The reference row of a matrix as a float array in the order of its columns, or None.

    ``reference`` is a Series indexed by industry (for example a published
    national row); when it is None, the matrix's ``attrs["klaster_reference"]``
    is used if there is one. Every industry of the matrix must be in it, with
    a number of zero or more.
    """
    if reference is None:
        reference = emp.attrs.get(REFERENCE_ATTR) if isinstance(emp, pd.DataFrame) else None
        if reference is None:
            return None
    if not isinstance(reference, pd.Series):
        raise KlasterTypeError(_("{name} must be a pandas Series indexed by industry, not a {kind}.").format(name=name, kind=type(reference).__name__))
    missing = [c for c in emp.columns if c not in reference.index]
    if missing:
        raise KlasterValueError(_("The {name} has no value for the industry {industry!r}; it must cover every column of "
                                  "the table.").format(name=name, industry=missing[0]))
    values = check_vector(reference.reindex(emp.columns), name=name)
    return values
