"""The Theil index and its exact split into inequality between groups and
within them (kabupaten/kota within provinces, provinces within islands)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import KlasterTypeError, KlasterValueError
from ..i18n import _
from ..validation import check_vector


def _shares(values, weights, name="values"):
    v = check_vector(values, name=name)
    if weights is None:
        w = np.ones_like(v)
    else:
        if isinstance(values, pd.Series) and isinstance(weights, pd.Series):
            if not weights.index.equals(values.index):
                missing = values.index.difference(weights.index)
                if len(missing):
                    raise KlasterValueError(_("weights has no value for {name!r}.").format(name=missing[0]))
                weights = weights.reindex(values.index)
        w = check_vector(weights, name="weights")
        if len(w) != len(v):
            raise KlasterValueError(_("values and weights have different lengths ({n_values} and {n_weights}).").format(n_values=len(v), n_weights=len(w)))
        if ((w == 0) & (v > 0)).any():
            pos = int(np.flatnonzero((w == 0) & (v > 0))[0])
            label = values.index[pos] if isinstance(values, pd.Series) else pos
            raise KlasterValueError(_("{label!r} has a value but a weight of 0, so its Theil term is infinite.").format(label=label))
    return v / v.sum(), w / w.sum()


def _theil(s: np.ndarray, p: np.ndarray) -> float:
    positive = s > 0
    return float(np.sum(s[positive] * np.log(s[positive] / p[positive])))


KINDS = ("T", "L")


def _check_kind(kind, s, p, labels=None):
    if kind not in KINDS:
        raise KlasterValueError(_("kind must be 'T' (Theil's T) or 'L' (the mean log deviation), not {kind!r}.").format(kind=kind))
    if kind == "L" and ((s == 0) & (p > 0)).any():
        pos = int(np.flatnonzero((s == 0) & (p > 0))[0])
        label = labels[pos] if labels is not None else pos
        raise KlasterValueError(_("{label!r} has a value of 0, so the mean log deviation (Theil's L) is infinite; use "
                                  "kind='T'.").format(label=label))


def _index(s: np.ndarray, p: np.ndarray, kind: str) -> float:
    return _theil(s, p) if kind == "T" else _theil(p, s)


def theil_index(values, weights=None, kind: str = "T") -> float:
    """Theil's T index of how unevenly ``values`` are spread against ``weights``.

    T = sum_i s_i ln(s_i / p_i), with s_i = y_i / sum(y) the unit's share of
    the values (for example PDRB) and p_i = w_i / sum(w) its share of the
    weights (for example population: then T measures inequality of PDRB per
    person; or all economic activity: then T measures how much more
    concentrated one industry is than the economy). Without weights every
    unit counts the same (p_i = 1/n), and T = ln(n) - entropy of the shares.

    T = 0 when every unit's share of the values equals its share of the
    weights; the maximum, ln(1 / p_min), is reached when one unit holds
    everything. Units with a zero value add 0 (s ln s -> 0).

    ``kind="L"`` gives Theil's second measure, the mean log deviation
    L = sum_i p_i ln(p_i / s_i) (unweighted: the mean of ln(mean / y_i)),
    which weighs the poorer units more and is undefined when a unit has 0.

    Source: Theil (1967); decomposition after Shorrocks (1980). REAT's
    ``theil`` (Wieland) computes L.
    """
    s, p = _shares(values, weights)
    _check_kind(kind, s, p, values.index if isinstance(values, pd.Series) else None)
    return _index(s, p, kind)


def theil_decomposition(values, groups, weights=None, kind: str = "T") -> pd.DataFrame:
    """Split the Theil index into inequality between groups and within them.

    T = T_between + T_within, exactly:

    - T_between = sum_g S_g ln(S_g / P_g), the Theil index of the group
      totals (S_g, P_g the group's shares of values and weights);
    - T_within = sum_g S_g T_g, with T_g the Theil index inside group g.

    For ``kind="L"`` the roles swap: L_between = sum_g P_g ln(P_g / S_g) and
    L_within = sum_g P_g L_g (the contribution column is then P_g L_g).

    ``values`` (and ``weights``) are Series by unit (e.g. kabupaten/kota)
    and ``groups`` a Series giving each unit's group (e.g. its province), or
    a dict. Returns a DataFrame indexed by group with columns share
    (S_g), weight_share (P_g), theil_within (T_g) and contribution
    (S_g T_g), plus ``attrs`` holding total, between, within and
    between_share (the part of inequality that lies between the groups).

    Source: Theil (1967); Shorrocks (1980); applied to Indonesian regions by
    Akita (2003).
    """
    if not isinstance(values, pd.Series):
        raise KlasterTypeError(_("values must be a pandas Series indexed by unit (for example kabupaten/kota)."))
    if isinstance(groups, dict):
        groups = pd.Series(groups)
    if not isinstance(groups, pd.Series):
        raise KlasterTypeError(_("groups must be a Series (or dict) giving the group of every unit."))
    missing = values.index.difference(groups.index)
    if len(missing):
        raise KlasterValueError(_("The unit {name!r} has no group.").format(name=missing[0]))
    groups = groups.reindex(values.index)
    if groups.isna().any():
        raise KlasterValueError(_("The unit {unit!r} has no group.").format(unit=groups.index[groups.isna()][0]))
    s, p = _shares(values, weights)
    _check_kind(kind, s, p, values.index)
    share = pd.Series(s, index=values.index).groupby(groups.to_numpy()).sum()
    weight_share = pd.Series(p, index=values.index).groupby(groups.to_numpy()).sum()
    within = {}
    for group, members in pd.Series(range(len(values)), index=values.index).groupby(groups.to_numpy()):
        positions = members.to_numpy()
        s_g, p_g = s[positions], p[positions]
        within[group] = _index(s_g / s_g.sum(), p_g / p_g.sum(), kind) if s_g.sum() > 0 else 0.0
    table = pd.DataFrame({"share": share, "weight_share": weight_share, "theil_within": pd.Series(within)})
    table.index.name = "group"
    table["contribution"] = table["share" if kind == "T" else "weight_share"] * table["theil_within"]
    between = _index(table["share"].to_numpy(), table["weight_share"].to_numpy(), kind)
    within_total = float(table["contribution"].sum())
    total = _index(s, p, kind)
    table.attrs.update({"total": total, "between": between, "within": within_total,
                        "between_share": between / total if total > 0 else float("nan")})
    return table
