"""Dynamic shift-share: the classical decomposition year by year, summed."""
from __future__ import annotations

import pandas as pd

from ..errors import KlasterValueError
from ..i18n import _
from ..validation import REFERENCE_ATTR
from .dynamic_lq import _ordered
from .shift_share import shift_share

COMPONENTS = ["national_share", "industry_mix", "competitive", "total_change"]


def dynamic_shift_share(matrices: dict, reference: dict | None = None, by_period: bool = False) -> pd.DataFrame:
    """Dynamic shift-share decomposition over consecutive tables, summed.

    For every pair of consecutive years t, t+1 in ``matrices`` ({year:
    region x industry table}, e.g. ``data.pdrb_matrices(range(2015, 2020))``)
    the classical (Dunn) components are computed with year t as the base —
    national share E_ri,t g_t, industry mix E_ri,t (g_i,t - g_t), competitive
    E_ri,t+1 - E_ri,t (1 + g_i,t) — and then added up over the periods. The
    total change is the same as in one shift-share from the first to the
    last year, but the split between the components follows the changing
    structure of the region instead of freezing it in the first year, which
    matters over long periods or when a region's structure changes fast
    (a nickel smelter, a pandemic year).

    The nation is the sum of the rows, or the published rows the tables
    carry (``data.pdrb_matrices(..., reference="published")``), or
    ``reference`` = {year: Series}. ``by_period=True`` returns every
    period's components (index: period, region, industry) instead of their
    sums. Years need not be consecutive: each gap between given years is
    one period.

    Source: Barff & Knight (1988); REAT's ``shiftd`` (Wieland) computes the
    same sums.
    """
    ordered = _ordered(matrices)
    if reference is not None and not isinstance(reference, dict):
        raise KlasterValueError(_("reference must be a dict {year: Series of the reference row}."))
    parts = []
    for (year0, start), (year1, end) in zip(ordered[:-1], ordered[1:]):
        pair = None
        if reference is not None:
            missing = [y for y in (year0, year1) if y not in reference]
            if missing:
                raise KlasterValueError(_("reference has no row for {name}.").format(name=missing[0]))
            pair = (reference[year0], reference[year1])
        elif (start.attrs.get(REFERENCE_ATTR) is None) != (end.attrs.get(REFERENCE_ATTR) is None):
            raise KlasterValueError(_("Only one of the {year0} and {year1} tables carries a published reference row; build "
                                      "them all the same way.").format(year0=year0, year1=year1))
        period = shift_share(start, end, reference=pair)
        period = pd.concat({f"{year0}–{year1}": period}, names=["period"])
        parts.append(period)
    table = pd.concat(parts)
    if by_period:
        return table
    summed = table.groupby(level=["region", "industry"], sort=False).sum()
    return summed[COMPONENTS]
