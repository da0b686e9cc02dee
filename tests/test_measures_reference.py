"""The measures against published worked examples.

Sources: the documentation examples of the R packages REAT (Wieland, version
3.0.3; examples after Farhauer & Kröll 2013 and Dörsam 2004) and EconGeo
(Balland, version 2.1), as recorded in shared/reference/reference-values.md.
"""
import numpy as np
import pandas as pd
import pytest

from klaster import measures

GERMAN_GDP_2015 = [460.69, 549.19, 124.16, 65.29, 31.59, 109.27, 263.44, 39.87,
                   258.53, 645.59, 131.95, 35.03, 112.66, 56.22, 85.61, 56.81]


def test_location_quotient_single_cell_reat_locq():
    # REAT `locq`: 1,714 of 79,006 regional jobs; 879,213 of 15,593,224 national jobs.
    emp = pd.DataFrame({"industry": [1714, 879213 - 1714], "other": [79006 - 1714, 15593224 - 879213 - (79006 - 1714)]},
                       index=["region", "rest"])
    assert measures.location_quotient(emp).loc["region", "industry"] == pytest.approx(0.3847623, abs=5e-8)


def test_location_quotient_econgeo_example(econgeo_matrix):
    # Every region and industry totals 100, so LQ = matrix / 20.
    expected = econgeo_matrix / 20
    pd.testing.assert_frame_equal(measures.location_quotient(econgeo_matrix), expected.astype(float))


def test_krugman_index_econgeo_example(econgeo_matrix):
    result = measures.krugman_index(econgeo_matrix)
    np.testing.assert_allclose(result.to_numpy(), [1.6, 1.0, 0.6, 0.7, 1.1])
    assert list(result.index) == list(econgeo_matrix.index)


def test_herfindahl_per_region_econgeo_example(econgeo_matrix):
    result = measures.herfindahl(econgeo_matrix)
    np.testing.assert_allclose(result.to_numpy(), [1, 0.525, 0.34, 0.315, 0.465])


def test_herfindahl_reat_sales_example():
    assert measures.herfindahl([20, 50, 20, 10]) == pytest.approx(0.34)
    assert measures.herfindahl([20, 50, 20, 10], normalized=True) == pytest.approx(0.12)
    assert 1 / measures.herfindahl([20, 50, 20, 10]) == pytest.approx(2.94, abs=0.005)


def test_gini_reat_example():
    assert measures.gini([20, 50, 20, 10]) == pytest.approx(0.3)
    assert measures.gini([20, 50, 20, 10], normalized=True) == pytest.approx(0.4)


def test_german_laender_gdp_2015_reat():
    assert measures.herfindahl(GERMAN_GDP_2015) == pytest.approx(0.1251763, abs=5e-8)
    assert measures.gini(GERMAN_GDP_2015) == pytest.approx(0.5009348, abs=5e-8)


def test_shift_share_reat_totals_by_region(reat_shift_tables):
    start, end = reat_shift_tables
    by_region = measures.shift_share(start, end).groupby(level="region").sum()
    expected = pd.DataFrame({"national_share": [27, 24, 114], "industry_mix": [1, -1, 0],
                             "competitive": [-3, 32, -29], "total_change": [25, 55, 85]},
                            index=pd.Index(["A", "B", "C"], name="region"), dtype=float)
    pd.testing.assert_frame_equal(by_region, expected, atol=1e-9)


def test_shift_share_reat_region_a_by_industry(reat_shift_tables):
    start, end = reat_shift_tables
    a = measures.shift_share(start, end).loc["A"]
    np.testing.assert_allclose(a["national_share"], [13.5, 3, 1.5, 9])
    np.testing.assert_allclose(a["industry_mix"], [-4.5, 5, -2.5, 3])
    np.testing.assert_allclose(a["competitive"], [1, 12, 1, -17])


def test_esteban_marquillas_reat_region_a(reat_shift_tables):
    start, end = reat_shift_tables
    a = measures.esteban_marquillas(start, end).loc["A"]
    np.testing.assert_allclose(a["homothetic"], [65.4545, 24.5455, 24.5455, 65.4545], atol=1e-4)
    assert a["competitive_homothetic"].sum() == pytest.approx(-0.6363636, abs=1e-7)
    assert a["allocation"].sum() == pytest.approx(-2.3636364, abs=1e-7)
