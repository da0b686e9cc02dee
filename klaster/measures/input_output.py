"""Input–output linkages: technical coefficients, the Leontief inverse,
output multipliers and the Rasmussen–Hirschman linkage indices that pick out
key sectors (*sektor kunci*)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import KlasterTypeError, KlasterValueError
from ..i18n import _, N_

FORWARD_METHODS = ("leontief", "ghosh")
LINKAGE_CLASSES = {
    (True, True): N_("key sector"),
    (True, False): N_("strong backward linkage"),
    (False, True): N_("strong forward linkage"),
    (False, False): N_("weakly linked"),
}


def _check_flows(flows) -> pd.DataFrame:
    if not isinstance(flows, pd.DataFrame):
        raise KlasterTypeError(_("The inter-industry table must be a pandas DataFrame (sectors x sectors), not a {kind}.").format(kind=type(flows).__name__))
    n_rows, n_cols = flows.shape
    if n_rows == 0:
        raise KlasterValueError(_("The inter-industry table is empty."))
    if n_rows != n_cols:
        raise KlasterValueError(_("The inter-industry table must be square (the same sectors as rows and columns); it has "
                                  "{n_rows} rows and {n_cols} columns.").format(n_rows=n_rows, n_cols=n_cols))
    if flows.index.duplicated().any() or flows.columns.duplicated().any():
        raise KlasterValueError(_("The inter-industry table lists a sector twice."))
    if set(flows.index) != set(flows.columns):
        only = sorted(set(flows.index) ^ set(flows.columns), key=str)
        raise KlasterValueError(_("The rows and columns of the inter-industry table are not the same sectors (for example "
                                  "{sector!r}).").format(sector=only[0]))
    flows = flows.loc[:, list(flows.index)]
    numbers = flows.apply(pd.to_numeric, errors="coerce")
    bad = numbers.isna() & flows.notna()
    if bad.to_numpy().any():
        row, col = bad.stack()[bad.stack()].index[0]
        raise KlasterValueError(_("The flow from {row!r} to {col!r} is not a number ({value!r}).").format(row=row, col=col, value=flows.loc[row, col]))
    if numbers.isna().to_numpy().any():
        row, col = numbers.isna().stack()[numbers.isna().stack()].index[0]
        raise KlasterValueError(_("The flow from {row!r} to {col!r} is missing.").format(row=row, col=col))
    values = numbers.to_numpy(dtype=float)
    if not np.isfinite(values).all():
        raise KlasterValueError(_("The inter-industry table has an infinite value."))
    if (values < 0).any():
        r, c = np.argwhere(values < 0)[0]
        raise KlasterValueError(_("The flow from {seller!r} to {buyer!r} is negative ({value:g}); inter-industry flows "
                                  "cannot be below zero.").format(seller=flows.index[r], buyer=flows.columns[c], value=values[r, c]))
    return pd.DataFrame(values, index=flows.index, columns=flows.columns)


def _check_output(total_output, sectors: pd.Index) -> np.ndarray:
    if not isinstance(total_output, pd.Series):
        raise KlasterTypeError(_("Total output must be a pandas Series indexed by sector, not a {kind}.").format(kind=type(total_output).__name__))
    missing = [s for s in sectors if s not in total_output.index]
    if missing:
        raise KlasterValueError(_("Total output has no value for the sector {name!r}.").format(name=missing[0]))
    x = pd.to_numeric(total_output.reindex(sectors), errors="coerce").to_numpy(dtype=float)
    if np.isnan(x).any():
        raise KlasterValueError(_("Total output of the sector {sector!r} is missing or not a number.").format(sector=sectors[np.isnan(x)][0]))
    if (x <= 0).any():
        sector = sectors[x <= 0][0]
        raise KlasterValueError(_("The sector {sector!r} has a total output of {output:g}, so its input coefficients are "
                                  "undefined; leave the sector out or correct its output.").format(sector=sector, output=x[x <= 0][0]))
    return x


def technical_coefficients(flows: pd.DataFrame, total_output: pd.Series) -> pd.DataFrame:
    """Technical (input) coefficients a_ij = z_ij / x_j.

    z_ij is what sector j buys from sector i (row i, column j of the
    inter-industry table) and x_j the total output of sector j. Column j of
    the result is sector j's recipe: the inputs from every sector per unit
    of its output. Each column sums to less than 1 (the rest is imports and
    value added); a column that reaches 1 or more is an error.

    Source: Leontief (1936); Miller & Blair (2009), section 2.2.
    """
    z = _check_flows(flows)
    x = _check_output(total_output, z.columns)
    a = z.to_numpy() / x[None, :]
    column_sums = a.sum(axis=0)
    if (column_sums >= 1).any():
        sector = z.columns[column_sums >= 1][0]
        raise KlasterValueError(_("The sector {sector!r} buys intermediate inputs worth {ratio:.2f} times its own output; "
                                  "inputs cannot exceed output (check the table and the total output).").format(sector=sector, ratio=column_sums[column_sums >= 1][0]))
    return pd.DataFrame(a, index=z.index, columns=z.columns)


def leontief_inverse(coefficients: pd.DataFrame) -> pd.DataFrame:
    """The Leontief inverse L = (I - A)^-1 of a table of technical coefficients.

    l_ij is the output of sector i needed, directly and indirectly, for one
    unit of final demand for sector j; x = L f. Every l_ii >= 1.

    Source: Leontief (1936); Miller & Blair (2009), section 2.3.
    """
    a = _check_flows(coefficients)
    if (a.to_numpy().sum(axis=0) >= 1).any():
        sector = a.columns[a.to_numpy().sum(axis=0) >= 1][0]
        raise KlasterValueError(_("The coefficients of sector {sector!r} add up to 1 or more; they are not technical "
                                  "coefficients of a productive economy.").format(sector=sector))
    identity = np.eye(len(a))
    try:
        inverse = np.linalg.inv(identity - a.to_numpy())
    except np.linalg.LinAlgError:
        raise KlasterValueError(_("I - A cannot be inverted, so the table has no Leontief inverse.")) from None
    return pd.DataFrame(inverse, index=a.index, columns=a.columns)


def output_multipliers(inverse: pd.DataFrame) -> pd.Series:
    """Simple (type I) output multipliers: the column sums of the Leontief inverse.

    m_j = sum_i l_ij, the output of the whole (provincial) economy that one
    rupiah of final demand for sector j calls forth, the first rupiah
    included. Household spending of the incomes earned is not included.

    Source: Miller & Blair (2009), section 6.2.
    """
    l = _check_flows(inverse)
    return pd.Series(l.to_numpy().sum(axis=0), index=l.columns, name="output_multiplier")


def ghosh_inverse(flows: pd.DataFrame, total_output: pd.Series) -> pd.DataFrame:
    """The Ghosh inverse G = (I - B)^-1 with output coefficients b_ij = z_ij / x_i.

    Row i says how the output of all sectors moves with one unit of primary
    input into sector i: the supply-side view used for forward linkages.

    Source: Ghosh (1958); Miller & Blair (2009), section 12.1.
    """
    z = _check_flows(flows)
    x = _check_output(total_output, z.columns)
    b = z.to_numpy() / x[:, None]
    try:
        inverse = np.linalg.inv(np.eye(len(z)) - b)
    except np.linalg.LinAlgError:
        raise KlasterValueError(_("I - B cannot be inverted, so the table has no Ghosh inverse.")) from None
    return pd.DataFrame(inverse, index=z.index, columns=z.columns)


def linkages(flows: pd.DataFrame, total_output: pd.Series, forward: str = "leontief") -> pd.DataFrame:
    """Backward and forward linkage indices of every sector, and the key sectors.

    With L the Leontief inverse of n sectors and its mean element
    l̄ = sum_ij l_ij / n²:

    - backward linkage (power of dispersion, BPS: *indeks daya penyebaran*):
      BL_j = (sum_i l_ij / n) / l̄, how strongly sector j pulls on its
      suppliers, relative to the average sector;
    - forward linkage (sensitivity of dispersion, BPS: *indeks derajat
      kepekaan*): FL_i = (sum_j l_ij / n) / l̄ with the rows of L
      (``forward="leontief"``, the Rasmussen–Hirschman index BPS uses), or
      the same with the rows of the Ghosh inverse (``forward="ghosh"``,
      which Miller & Blair prefer).

    Both average 1 over the sectors. A key sector (*sektor kunci*) has both
    above 1; "strong backward linkage" only BL > 1; "strong forward linkage"
    only FL > 1; "weakly linked" neither.

    Returns a DataFrame indexed by sector with output_multiplier, backward,
    forward, key_sector (True/False) and linkage_class.

    Source: Rasmussen (1956); Hirschman (1958); Miller & Blair (2009),
    section 12.2.
    """
    if forward not in FORWARD_METHODS:
        raise KlasterValueError(_("forward must be 'leontief' or 'ghosh', not {forward!r}.").format(forward=forward))
    coefficients = technical_coefficients(flows, total_output)
    inverse = leontief_inverse(coefficients).to_numpy()
    n = inverse.shape[0]
    backward = inverse.sum(axis=0) * n / inverse.sum()
    rows = inverse if forward == "leontief" else ghosh_inverse(flows, total_output).to_numpy()
    forward_index = rows.sum(axis=1) * n / rows.sum()
    key = (backward > 1) & (forward_index > 1)
    labels = [_(LINKAGE_CLASSES[(b > 1, f > 1)]) for b, f in zip(backward, forward_index)]
    return pd.DataFrame({"output_multiplier": inverse.sum(axis=0), "backward": backward,
                         "forward": forward_index, "key_sector": key, "linkage_class": labels},
                        index=pd.Index(coefficients.columns, name="sector"))
