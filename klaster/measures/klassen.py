"""Basis sectors and the Klassen typology of sectors, as used in Indonesian
regional planning (*sektor basis*, *Tipologi Klassen*)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import KlasterValueError
from ..i18n import _, N_
from ..validation import check_matrix, check_same_labels
from .location import location_quotient
from .shift_share import reference_pair

# Quadrant: (the Indonesian name used in Indonesian planning, an English gloss). Both are data: the
# table's klassen and klassen_en columns hold them in every language.
KLASSEN = {
    1: ("sektor maju dan tumbuh pesat", "advanced and fast-growing"),
    2: ("sektor maju tapi tertekan", "advanced but depressed"),
    3: ("sektor potensial atau masih dapat berkembang", "potential, still developing"),
    4: ("sektor relatif tertinggal", "relatively lagging"),
}
# How a class is shown to a reader: in English the gloss with the Indonesian term (the term a student
# meets in Indonesian planning documents), in Indonesian the term itself.
KLASSEN_LABELS = {
    1: N_("advanced and fast-growing (sektor maju dan tumbuh pesat)"),
    2: N_("advanced but depressed (sektor maju tapi tertekan)"),
    3: N_("potential, still developing (sektor potensial atau masih dapat berkembang)"),
    4: N_("relatively lagging (sektor relatif tertinggal)"),
}
KLASSEN_SHORT = {   # for legends
    1: N_("advanced, fast-growing (maju dan tumbuh pesat)"),
    2: N_("advanced, depressed (maju tapi tertekan)"),
    3: N_("potential (potensial, masih dapat berkembang)"),
    4: N_("lagging (relatif tertinggal)"),
}
GROWTH_REFERENCES = ("sector", "total")
SHARE_YEARS = ("end", "start", "mean")


def klassen_label(quadrant, short: bool = False) -> str:
    """How Klassen class ``quadrant`` (1–4) reads in the course language: "advanced and fast-growing
    (sektor maju dan tumbuh pesat)" in English, "sektor maju dan tumbuh pesat" in Indonesian;
    ``short=True`` for a legend. An unknown or missing quadrant gives ""."""
    labels = KLASSEN_SHORT if short else KLASSEN_LABELS
    try:
        return _(labels[int(quadrant)])
    except (KeyError, TypeError, ValueError):
        return ""


def basis_sectors(emp: pd.DataFrame, reference: pd.Series | None = None) -> pd.DataFrame:
    """Basis (LQ > 1) and non-basis sectors of every region: the economic-base reading of the LQ.

    Returns a DataFrame indexed by (region, industry) with lq and basis
    (True for *sektor basis*, False for *non-basis*, missing where the LQ
    is undefined). The nation is the sum of the rows or ``reference`` (see
    ``location_quotient``). A basis sector is taken to produce more than the
    region uses, the rest being "exported" — an assumption (same tastes and
    productivity everywhere, no cross-hauling), not a measurement.

    Source: the economic-base model after Tiebout (1962); Indonesian usage
    e.g. Tarigan (2005).
    """
    lq = location_quotient(emp, reference=reference)
    values = lq.to_numpy().ravel()
    basis = pd.array(np.where(np.isnan(values), None, values > 1), dtype="boolean")
    index = pd.MultiIndex.from_product([lq.index, lq.columns], names=["region", "industry"])
    return pd.DataFrame({"lq": values, "basis": basis}, index=index)


def klassen_typology(start: pd.DataFrame, end: pd.DataFrame, reference=None, growth: str = "sector",
                     share: str = "end") -> pd.DataFrame:
    """The Klassen typology of every region's sectors between two years.

    For sector i of region r, against the reference region (the nation: the
    sum of the rows, or published rows; for kabupaten/kota usually their
    province):

    - contribution: s_ri = E_ri / E_r against the reference's S_i = R_i / R
      (s_ri > S_i is the same as LQ > 1), in the final year (``share="end"``),
      the first year or the mean of the two;
    - growth: g_ri = E'_ri / E_ri - 1 against the reference's growth of the
      same sector, G_i = R'_i / R_i - 1 (``growth="sector"``, Sjafrizal's
      sectoral version), or of its whole economy, G = R' / R - 1
      (``growth="total"``, the variant that crosses the LQ with the growth
      ratio model).

    Quadrants: 1 *sektor maju dan tumbuh pesat* (s > S, g > G: advanced and
    fast-growing); 2 *sektor maju tapi tertekan* (s > S, g <= G: advanced
    but depressed); 3 *sektor potensial atau masih dapat berkembang*
    (s <= S, g > G: potential, still developing); 4 *sektor relatif
    tertinggal* (s <= S, g <= G: relatively lagging). Whether yearly average
    or whole-period growth is compared does not change the quadrant.

    Returns a DataFrame indexed by (region, industry) with share,
    reference_share, growth and reference_growth (in %), quadrant (1–4),
    klassen (the Indonesian name) and klassen_en (the English gloss), the
    same in both course languages (``klassen_label(quadrant)`` gives the
    label in the course language). Growth is missing (and so the quadrant)
    where a sector had nothing in the first year.

    Source: Klaassen (1965) for the regional typology (Indonesian studies
    spell it "Klassen"); its sectoral use and the four names follow
    Sjafrizal (2008), as cited in Indonesian regional-planning studies (not
    checked against the book by the course).
    """
    if growth not in GROWTH_REFERENCES:
        raise KlasterValueError(_("growth must be 'sector' (the same sector in the reference) or 'total' (the reference's "
                                  "whole economy), not {growth!r}.").format(growth=growth))
    if share not in SHARE_YEARS:
        raise KlasterValueError(_("share must be 'end', 'start' or 'mean', not {share!r}.").format(share=share))
    s = check_matrix(start, name="start", allow_reference=True)
    e = check_same_labels(s, check_matrix(end, name="end", allow_reference=True))
    published = reference_pair(start, end, reference, s.columns)
    base, final = s.to_numpy(), e.to_numpy()
    ref_base, ref_final = ((base.sum(axis=0), final.sum(axis=0)) if published is None else published)
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = {"start": base / base.sum(axis=1, keepdims=True), "end": final / final.sum(axis=1, keepdims=True)}
        ref_shares = {"start": ref_base / ref_base.sum(), "end": ref_final / ref_final.sum()}
        if share == "mean":
            region_share = (shares["start"] + shares["end"]) / 2
            reference_share = (ref_shares["start"] + ref_shares["end"]) / 2
        else:
            region_share, reference_share = shares[share], ref_shares[share]
        region_growth = np.where(base > 0, 100 * (final / base - 1), np.nan)
        if growth == "sector":
            reference_growth = np.where(ref_base > 0, 100 * (ref_final / ref_base - 1), np.nan)
        else:
            reference_growth = np.full(base.shape[1], 100 * (ref_final.sum() / ref_base.sum() - 1))
    reference_share = np.broadcast_to(reference_share, base.shape)
    reference_growth = np.broadcast_to(reference_growth, base.shape)
    advanced = region_share > reference_share
    faster = region_growth > reference_growth
    known = ~(np.isnan(region_share) | np.isnan(region_growth) | np.isnan(reference_growth))
    quadrant = np.where(advanced, np.where(faster, 1, 2), np.where(faster, 3, 4))
    index = pd.MultiIndex.from_product([s.index, s.columns], names=["region", "industry"])
    quadrant = np.where(known, quadrant, 0).ravel()
    names_id = np.array([None, *(KLASSEN[q][0] for q in (1, 2, 3, 4))], dtype=object)
    names_en = np.array([None, *(KLASSEN[q][1] for q in (1, 2, 3, 4))], dtype=object)
    return pd.DataFrame({
        "share": 100 * region_share.ravel(), "reference_share": 100 * reference_share.ravel(),
        "growth": region_growth.ravel(), "reference_growth": reference_growth.ravel(),
        "quadrant": pd.arrays.IntegerArray(quadrant.astype("int64"), quadrant == 0),
        "klassen": names_id[quadrant], "klassen_en": names_en[quadrant],
    }, index=index)
