"""The measures on hand-computed small cases and against properties that must
hold for any input."""
import numpy as np
import pandas as pd
import pytest

from klaster import measures


def random_matrix(seed: int, regions: int = 7, industries: int = 5, zeros: bool = True) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    values = rng.integers(0, 500, size=(regions, industries)).astype(float)
    if zeros:
        values[rng.random(values.shape) < 0.15] = 0
    values[:, 0] += 1  # every region has some jobs
    values[0, :] += 1  # every industry has some jobs
    return pd.DataFrame(values, index=[f"r{i}" for i in range(regions)], columns=[f"i{j}" for j in range(industries)])


@pytest.mark.parametrize("seed", range(5))
def test_weighted_lq_sums_to_one_in_every_region(seed):
    # sum_i (E_i / E) * LQ_ri = 1 for every region.
    emp = random_matrix(seed)
    lq = measures.location_quotient(emp)
    national_share = emp.sum() / emp.to_numpy().sum()
    np.testing.assert_allclose((lq * national_share).sum(axis=1), 1.0)


def test_lq_hand_case_and_nan_for_empty_region_and_industry():
    emp = pd.DataFrame({"a": [30, 10, 0], "b": [10, 50, 0], "c": [0, 0, 0]}, index=["x", "y", "z"])
    lq = measures.location_quotient(emp)
    # region x: share of a = 30/40; nation: share of a = 40/100 -> 0.75/0.4
    assert lq.loc["x", "a"] == pytest.approx(1.875)
    assert lq.loc["y", "b"] == pytest.approx((50 / 60) / 0.6)
    assert lq.loc["z"].isna().all()      # a region without jobs
    assert lq["c"].isna().all()          # an industry without jobs


def test_krugman_index_zero_for_national_mix_and_hand_case():
    emp = pd.DataFrame({"a": [10, 20], "b": [30, 60]}, index=["x", "y"])
    np.testing.assert_allclose(measures.krugman_index(emp), [0, 0], atol=1e-12)
    emp = pd.DataFrame({"a": [10, 0], "b": [0, 30]}, index=["x", "y"])
    # x: shares (1, 0) vs nation (0.25, 0.75): |0.75| + |0.75| = 1.5
    assert measures.krugman_index(emp)["x"] == pytest.approx(1.5)


def test_hoover_hand_case_and_reference():
    emp = pd.DataFrame({"a": [10, 0], "b": [10, 20]}, index=["x", "y"])
    # industry a all in x; x holds 20/40 of jobs -> 0.5 * (|1 - 0.5| + |0 - 0.5|) = 0.5
    hl = measures.hoover_localization(emp)
    assert hl["a"] == pytest.approx(0.5)
    population = pd.Series({"y": 75.0, "x": 25.0})  # order differs on purpose
    assert measures.hoover_localization(emp, reference=population)["a"] == pytest.approx(0.75)


@pytest.mark.parametrize("seed", range(5))
def test_hoover_and_locational_gini_in_unit_interval(seed):
    emp = random_matrix(seed)
    for result in (measures.hoover_localization(emp), measures.locational_gini(emp)):
        assert ((result >= 0) & (result < 1)).all()


def test_locational_gini_hand_case_and_not_halved():
    emp = pd.DataFrame({"a": [10, 0], "b": [0, 10]}, index=["x", "y"])
    # Industry a: regions ordered by LQ (y: 0, x: 2); x = (0.5, 1), y = (0, 1)
    # area under the curve = 0.5 * 0.5 * 0 ... Gini = 1 - [0.5*(0+0) + 0.5*(0+1)] = 0.5
    gini = measures.locational_gini(emp)
    assert gini["a"] == pytest.approx(0.5)
    assert gini["b"] == pytest.approx(0.5)
    same_as_total = pd.DataFrame({"a": [10, 30], "b": [20, 60]}, index=["x", "y"])
    np.testing.assert_allclose(measures.locational_gini(same_as_total), 0, atol=1e-12)


def test_lorenz_curve_matches_locational_gini():
    emp = random_matrix(3)
    curve = measures.lorenz_curve(emp, "i2")
    area = np.trapezoid(curve["y"], curve["x"]) if hasattr(np, "trapezoid") else np.trapz(curve["y"], curve["x"])
    assert 1 - 2 * area == pytest.approx(measures.locational_gini(emp)["i2"])
    assert curve["x"].iloc[-1] == pytest.approx(1) and curve["y"].iloc[-1] == pytest.approx(1)


def test_gini_and_herfindahl_extremes():
    assert measures.gini([5, 5, 5, 5]) == 0
    assert measures.gini([0, 0, 0, 8]) == pytest.approx(0.75)
    assert measures.gini([0, 0, 0, 8], normalized=True) == pytest.approx(1)
    assert measures.herfindahl([3, 3, 3]) == pytest.approx(1 / 3)
    assert measures.herfindahl([0, 9]) == 1
    assert measures.herfindahl(pd.Series([1.0, 3.0], index=["a", "b"])) == pytest.approx(0.625)


@pytest.mark.parametrize("seed", range(5))
def test_shift_share_identities(seed):
    start, end = random_matrix(seed), random_matrix(seed + 100)
    ss = measures.shift_share(start, end)
    parts = ss[["national_share", "industry_mix", "competitive"]].sum(axis=1)
    np.testing.assert_allclose(parts, ss["total_change"], atol=1e-9)
    by_industry = ss.groupby(level="industry").sum()
    np.testing.assert_allclose(by_industry["competitive"], 0, atol=1e-8)
    national_change = end.sum() - start.sum()
    np.testing.assert_allclose(by_industry["national_share"] + by_industry["industry_mix"],
                               national_change.loc[by_industry.index], atol=1e-8)
    assert ss["industry_mix"].sum() == pytest.approx(0, abs=1e-8)


@pytest.mark.parametrize("seed", range(5))
def test_esteban_marquillas_adds_up_to_competitive(seed):
    start, end = random_matrix(seed), random_matrix(seed + 50)
    em = measures.esteban_marquillas(start, end)
    ss = measures.shift_share(start, end)
    np.testing.assert_allclose(em["competitive_homothetic"] + em["allocation"], ss["competitive"], atol=1e-8)
    homothetic = em["homothetic"].unstack("industry")
    np.testing.assert_allclose(homothetic.sum(axis=0), start.sum(axis=0).loc[homothetic.columns])
    np.testing.assert_allclose(homothetic.sum(axis=1), start.sum(axis=1).loc[homothetic.index])


def test_shift_share_with_zero_base_year_cells_has_no_nan():
    start = pd.DataFrame({"old": [10, 20], "new": [0, 0], "grow": [0, 5]}, index=["x", "y"])
    end = pd.DataFrame({"old": [12, 18], "new": [3, 4], "grow": [2, 6]}, index=["x", "y"])
    ss = measures.shift_share(start, end)
    em = measures.esteban_marquillas(start, end)
    assert not ss.isna().any().any() and not em.isna().any().any()
    assert ss.loc[("x", "new"), "competitive"] == 3           # all new jobs are "competitive"
    assert ss.loc[("x", "grow"), "competitive"] == pytest.approx(2 - 0)
    assert em.loc[("x", "grow"), "allocation"] == 0            # documented convention
    assert em.loc[("x", "grow"), "competitive_homothetic"] == pytest.approx(ss.loc[("x", "grow"), "competitive"])


def test_shift_share_aligns_reordered_end_table(reat_shift_tables):
    start, end = reat_shift_tables
    shuffled = end.loc[["C", "A", "B"], ["I3", "I1", "I4", "I2"]]
    pd.testing.assert_frame_equal(measures.shift_share(start, shuffled), measures.shift_share(start, end))


def test_ellison_glaeser_hand_case():
    plants = pd.DataFrame({"region": ["a", "a", "b", "b"], "industry": ["x", "x", "y", "y"],
                           "employment": [30, 10, 20, 20]})
    eg = measures.ellison_glaeser(plants)
    # x: all 40 jobs in a; x_a = 40/80 = 0.5, x_b = 0.5; G = 0.25 + 0.25 = 0.5
    assert eg.loc["x", "G"] == pytest.approx(0.5)
    assert eg.loc["x", "H"] == pytest.approx(0.75 ** 2 + 0.25 ** 2)
    h, g, sx2 = 0.625, 0.5, 0.5
    assert eg.loc["x", "gamma"] == pytest.approx((g - (1 - sx2) * h) / ((1 - sx2) * (1 - h)))


def test_ellison_glaeser_single_plant_has_h_one_and_region_employment():
    plants = pd.DataFrame({"r": ["a", "b", "b"], "i": ["solo", "many", "many"], "w": [50, 10, 30]})
    regional = pd.Series({"a": 100.0, "b": 300.0, "c": 600.0})  # c has jobs but no plants
    eg = measures.ellison_glaeser(plants, region="r", industry="i", employment="w", region_employment=regional)
    assert eg.loc["solo", "H"] == 1 and np.isnan(eg.loc["solo", "gamma"])
    # many: all jobs in b; s = (0, 1, 0) vs x = (0.1, 0.3, 0.6) -> G = 0.01 + 0.49 + 0.36
    assert eg.loc["many", "G"] == pytest.approx(0.86)


def test_ellison_glaeser_random_dartboard_averages_zero():
    # Plants thrown at regions in proportion to x: E[gamma] = 0 (Ellison & Glaeser 1997, proposition 1).
    rng = np.random.default_rng(7)
    regions = np.array(["r%d" % k for k in range(12)])
    x = rng.dirichlet(np.ones(12) * 2)
    regional = pd.Series(x * 1e6, index=regions)
    draws = 400
    sizes = np.round(rng.lognormal(3, 1, size=60)) + 1
    industry = np.repeat([f"ind{d}" for d in range(draws)], sizes.size)
    plants = pd.DataFrame({
        "region": regions[rng.choice(12, size=draws * sizes.size, p=x)],
        "industry": industry,
        "employment": np.tile(sizes, draws),
    })
    gamma = measures.ellison_glaeser(plants, region_employment=regional)["gamma"]
    standard_error = gamma.std() / np.sqrt(draws)
    assert abs(gamma.mean()) < 3 * standard_error + 1e-3


def test_ellison_glaeser_concentrated_industry_is_positive():
    regional = pd.Series({"a": 1000.0, "b": 1000.0, "c": 1000.0, "d": 1000.0})
    plants = pd.DataFrame({"region": ["a"] * 10, "industry": ["k"] * 10, "employment": [10] * 10})
    assert measures.ellison_glaeser(plants, region_employment=regional).loc["k", "gamma"] > 0.5


def test_to_matrix_and_back_round_trip(econgeo_matrix):
    long = measures.to_long(econgeo_matrix, region="province", industry="division", value="workers")
    assert list(long.columns) == ["province", "division", "workers"]
    back = measures.to_matrix(long, region="province", industry="division", value="workers")
    pd.testing.assert_frame_equal(back, econgeo_matrix.astype(float), check_names=False)


def test_to_matrix_fills_absent_pairs_with_zero():
    long = pd.DataFrame({"region": ["a", "b"], "industry": ["x", "y"], "value": [1, 2]})
    matrix = measures.to_matrix(long)
    assert matrix.loc["a", "y"] == 0 and matrix.loc["b", "y"] == 2
