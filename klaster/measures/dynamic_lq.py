"""The dynamic location quotient (DLQ): is a sector's weight in the region
growing faster than in the nation?"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import KlasterTypeError, KlasterValueError
from ..i18n import _, N_
from ..validation import REFERENCE_ATTR, check_matrix, check_same_labels, reference_totals

AVERAGES = ("arithmetic", "geometric")

# How a sector's LQ today and its DLQ over a period combine. The Indonesian names vary between
# textbooks (unggulan, andalan, prospektif, ...), so the course uses descriptive labels.
BASIS_DYNAMICS = {
    (True, True): N_("basis, staying basis"),
    (True, False): N_("basis, losing ground"),
    (False, True): N_("non-basis, gaining ground"),
    (False, False): N_("non-basis, staying non-basis"),
}


def _ordered(matrices) -> list[tuple[int, pd.DataFrame]]:
    if not isinstance(matrices, dict):
        raise KlasterTypeError(_("Give the tables as a dict {year: matrix}, for example data.pdrb_matrices([...])."))
    if len(matrices) < 2:
        raise KlasterValueError(_("A dynamic measure needs at least two years."))
    try:
        years = sorted(int(y) for y in matrices)
    except (TypeError, ValueError):
        raise KlasterValueError(_("The keys of the dict must be years (whole numbers).")) from None
    if len(set(years)) != len(years):
        raise KlasterValueError(_("A year appears twice among the tables."))
    lookup = {int(y): m for y, m in matrices.items()}
    return [(y, lookup[y]) for y in years]


def _series(ordered, reference):
    """Checked arrays: region values and reference (industry) totals for every year."""
    if reference is not None and not isinstance(reference, dict):
        raise KlasterTypeError(_("reference must be a dict {year: Series of the reference row}."))
    first_year, first = ordered[0]
    base = check_matrix(first, name=_("the {year} table").format(year=first_year), allow_reference=True)
    regions, nations, published_years = [], [], []
    for year, matrix in ordered:
        values = check_same_labels(base, check_matrix(matrix, name=_("the {year} table").format(year=year),
                                                      allow_reference=True),
                                   names=(str(first_year), str(year)))
        row = reference.get(year) if reference is not None else matrix.attrs.get(REFERENCE_ATTR)
        if reference is not None and row is None:
            raise KlasterValueError(_("reference has no row for {year}.").format(year=year))
        published = None if row is None else reference_totals(base, row,
                                                              name=_("reference of {year}").format(year=year))
        published_years.append(published is not None)
        regions.append(values.to_numpy())
        nations.append(values.to_numpy().sum(axis=0) if published is None else published)
    if any(published_years) and not all(published_years):
        raise KlasterValueError(_("Some tables carry a published reference row and others do not; build them all the same "
                                  "way."))
    return base, np.stack(regions), np.stack(nations)


def _average_growth(series: np.ndarray, years: list[int], average: str) -> np.ndarray:
    """Average yearly growth rate along axis 0 (NaN where a starting value is 0)."""
    span = years[-1] - years[0]
    with np.errstate(divide="ignore", invalid="ignore"):
        if average == "geometric":
            return (series[-1] / series[0]) ** (1.0 / span) - 1
        steps = np.diff(years)
        if not (steps == 1).all():
            raise KlasterValueError(_("The arithmetic average of yearly growth rates needs every year between the first and "
                                      "the last; give them all or use average='geometric'."))
        yearly = series[1:] / series[:-1] - 1
        return yearly.mean(axis=0)


def dynamic_location_quotient(matrices: dict, reference: dict | None = None,
                              average: str = "arithmetic") -> pd.DataFrame:
    """Dynamic location quotient of every region and industry over a period.

    DLQ_ri = [((1 + g_ri) / (1 + g_r)) / ((1 + G_i) / (1 + G))] ** t

    with g_ri the average yearly growth of industry i in region r, g_r of
    the region's total, G_i of industry i in the nation, G of the nation's
    total, and t the number of years from the first to the last table.
    DLQ > 1: the industry's share of the region grows faster than its share
    of the nation, so a non-basis industry may become basis (and a basis one
    stays so); DLQ < 1: the reverse. NaN where a growth rate is undefined
    (a zero in a starting year).

    ``matrices``: {year: region x industry table}, the same regions and
    industries each year (``data.pdrb_matrices``). ``average``:
    "arithmetic" (the mean of the yearly growth rates, as most Indonesian
    applications compute it; needs every year) or "geometric" (compound
    growth from the first to the last year, with which the DLQ equals
    LQ_last / LQ_first exactly). The nation is the sum of the rows, or the
    published rows the tables carry, or ``reference`` = {year: Series}.

    Source: the formula as Indonesian regional-planning studies use it,
    presented for example in Kuncoro (2004); who first proposed it is cited
    differently.
    """
    if average not in AVERAGES:
        raise KlasterValueError(_("average must be 'arithmetic' or 'geometric', not {average!r}.").format(average=average))
    ordered = _ordered(matrices)
    years = [y for y, _m in ordered]
    base, regions, nations = _series(ordered, reference)
    g_ri = _average_growth(regions, years, average)
    g_r = _average_growth(regions.sum(axis=2), years, average)
    G_i = _average_growth(nations, years, average)
    G = _average_growth(nations.sum(axis=1), years, average)
    t = years[-1] - years[0]
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = ((1 + g_ri) / (1 + g_r)[:, None]) / ((1 + G_i) / (1 + G))[None, :]
        dlq = ratio ** t
    return pd.DataFrame(dlq, index=base.index, columns=base.columns)


def basis_dynamics(lq: pd.DataFrame, dlq: pd.DataFrame) -> pd.DataFrame:
    """Combine a location quotient (today) with a dynamic location quotient (the trend).

    Returns a DataFrame indexed by (region, industry) with lq, dlq and class:
    LQ > 1 and DLQ > 1 "basis, staying basis"; LQ > 1 and DLQ <= 1 "basis,
    losing ground"; LQ <= 1 and DLQ > 1 "non-basis, gaining ground"; both
    <= 1 "non-basis, staying non-basis" (missing where either is NaN). The
    class is a label for reading, in the course language (Indonesian:
    "basis, tetap basis", ...); code that selects classes compares lq and
    dlq with 1 instead.
    Indonesian studies name these four classes in different ways (for
    example *unggulan*, *andalan*, *prospektif*, *tertinggal*); say which
    naming you follow.
    """
    for name, table in (("lq", lq), ("dlq", dlq)):
        if not isinstance(table, pd.DataFrame):
            raise KlasterTypeError(_("{name} must be a region x industry DataFrame, not a {kind}.").format(name=name, kind=type(table).__name__))
    dlq = check_same_labels(lq, dlq, names=("lq", "dlq"))
    index = pd.MultiIndex.from_product([lq.index, lq.columns], names=["region", "industry"])
    a, b = lq.to_numpy(dtype=float).ravel(), dlq.to_numpy(dtype=float).ravel()
    known = ~(np.isnan(a) | np.isnan(b))
    names = {key: _(label) for key, label in BASIS_DYNAMICS.items()}
    labels = np.array([names[(x > 1, y > 1)] if k else None for x, y, k in zip(a, b, known)], dtype=object)
    return pd.DataFrame({"lq": a, "dlq": b, "class": labels}, index=index)
