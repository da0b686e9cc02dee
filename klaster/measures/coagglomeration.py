"""Ellison–Glaeser coagglomeration: do two industries locate in the same
places more than chance would make them?"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import KlasterTypeError, KlasterValueError
from ..i18n import _
from ..validation import check_matrix, check_vector
from .ellison_glaeser import _check_plants, ellison_glaeser


def _region_shares(emp: pd.DataFrame, region_employment) -> np.ndarray:
    if region_employment is None:
        totals = emp.to_numpy().sum(axis=1)
    else:
        if not isinstance(region_employment, pd.Series):
            raise KlasterTypeError(_("region_employment must be a pandas Series indexed by region."))
        missing = emp.index.difference(region_employment.index)
        if len(missing):
            raise KlasterValueError(_("region_employment has no value for the region {name!r}.").format(name=missing[0]))
        totals = check_vector(region_employment.reindex(emp.index), name="region_employment")
    return totals / totals.sum()


def coagglomeration_matrix(emp: pd.DataFrame, region_employment: pd.Series | None = None) -> pd.DataFrame:
    """Pairwise Ellison–Glaeser coagglomeration of every two industries of a region × industry table.

    gamma^c_ij = sum_r (s_ri - x_r)(s_rj - x_r) / (1 - sum_r x_r^2)

    with s_ri industry i's share of its employment in region r and x_r the
    region's share of all employment (the table's row totals, or
    ``region_employment``). Positive when the two industries are
    over-represented in the same regions — a sign of shared suppliers,
    workers or customers — and about 0 when they locate independently. For a
    pair of industries this equals Ellison and Glaeser's (1997) group index
    exactly: the plant Herfindahls cancel out (Ellison, Glaeser & Kerr
    2010), so no plant data are needed. The diagonal holds
    sum_r (s_ri - x_r)^2 / (1 - sum x^2), the raw concentration G_i scaled
    the same way (not the EG gamma of the industry, which needs plants).

    Source: Ellison & Glaeser (1997), their coagglomeration index;
    Ellison, Glaeser & Kerr (2010) for the pairwise form.
    """
    values = check_matrix(emp)
    array = values.to_numpy()
    industry_totals = array.sum(axis=0)
    if (industry_totals == 0).any():
        industry = values.columns[industry_totals == 0][0]
        raise KlasterValueError(_("The industry {industry!r} has no employment, so its regional shares are undefined.").format(industry=industry))
    x = _region_shares(values, region_employment)
    deviations = array / industry_totals[None, :] - x[:, None]
    denominator = 1 - float((x ** 2).sum())
    if denominator <= 0:
        raise KlasterValueError(_("All employment is in one region, so coagglomeration cannot be measured."))
    gamma = deviations.T @ deviations / denominator
    return pd.DataFrame(gamma, index=values.columns, columns=values.columns)


def coagglomeration(plants: pd.DataFrame, industries, region: str = "region", industry: str = "industry",
                    employment: str = "employment", region_employment: pd.Series | None = None) -> float:
    """Ellison–Glaeser coagglomeration index of a group of two or more industries, from plant data.

    gamma^c = [G / (1 - sum_r x_r^2) - H - sum_j gamma_j w_j^2 (1 - H_j)] / (1 - sum_j w_j^2)

    where, for the group's plants, G = sum_r (s_r - x_r)^2 (s_r the group's
    share of its employment in region r), H = sum_j w_j^2 H_j its plant
    Herfindahl (w_j industry j's share of the group's jobs, H_j the plant
    Herfindahl of industry j), and gamma_j the EG index of each industry
    (``ellison_glaeser``). x_r comes from ``region_employment`` or from all
    plants in the table. For two industries this equals
    ``coagglomeration_matrix`` of their region totals.

    Source: Ellison & Glaeser (1997), their coagglomeration index gamma^c.
    """
    if isinstance(industries, str) or not hasattr(industries, "__iter__"):
        raise KlasterTypeError(_("industries must be a list of two or more industries."))
    industries = list(dict.fromkeys(industries))
    if len(industries) < 2:
        raise KlasterValueError(_("Coagglomeration needs at least two different industries."))
    region_codes, regions, industry_codes, industry_names, jobs = _check_plants(plants, region, industry, employment)
    labels = pd.Series(np.asarray(industry_names)[industry_codes])  # each plant's industry
    unknown = [i for i in industries if i not in set(labels)]
    if unknown:
        raise KlasterValueError(_("There is no plant of the industry {industry!r} in the table.").format(industry=unknown[0]))
    single = ellison_glaeser(plants, region=region, industry=industry, employment=employment,
                             region_employment=region_employment).loc[industries]
    if single["gamma"].isna().any():
        bad = single.index[single["gamma"].isna()][0]
        raise KlasterValueError(_("The industry {bad!r} has a single plant, so its EG index (and the group's) is undefined.").format(bad=bad))
    if region_employment is None:
        regional = pd.Series(jobs).groupby(pd.Index(regions)[region_codes]).sum()
    else:
        regional = region_employment.astype(float)
    x = regional / regional.sum()
    in_group = labels.isin(industries).to_numpy()
    group_jobs = pd.Series(jobs[in_group]).groupby(pd.Index(regions)[region_codes[in_group]]).sum()
    s = (group_jobs / group_jobs.sum()).reindex(x.index, fill_value=0.0)
    G = float(((s - x) ** 2).sum())
    sum_x2 = float((x ** 2).sum())
    industry_jobs = pd.Series(jobs[in_group]).groupby(labels[in_group].to_numpy()).sum().reindex(industries)
    w = (industry_jobs / industry_jobs.sum()).to_numpy()
    H_j = single["H"].to_numpy()
    gamma_j = single["gamma"].to_numpy()
    H = float((w ** 2 * H_j).sum())
    return float((G / (1 - sum_x2) - H - (gamma_j * w ** 2 * (1 - H_j)).sum()) / (1 - (w ** 2).sum()))
