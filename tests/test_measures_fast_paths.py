"""The fast paths of issue 19 give the same numbers as the careful ones and refuse the same bad input
with the same messages; the rewritten locational Gini and Ellison-Glaeser agree with plain
implementations of their formulas."""
import importlib

import numpy as np
import pandas as pd
import pytest

from klaster import measures
from klaster.validation import check_vector, checked_values

eg_module = importlib.import_module("klaster.measures.ellison_glaeser")  # the module, not the function


def random_matrix(seed: int, regions: int = 40, industries: int = 12) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    values = rng.gamma(0.6, 200, size=(regions, industries)).round()
    values[rng.random(values.shape) < 0.2] = 0
    return pd.DataFrame(values, index=[f"r{k}" for k in range(regions)], columns=[f"i{k}" for k in range(industries)])


def slow_copy(emp: pd.DataFrame) -> pd.DataFrame:
    """The same table with nullable Float64 columns, which go through the column-by-column checks."""
    return emp.astype("Float64")


MATRIX_MEASURES = [measures.herfindahl, measures.shannon_diversity, measures.location_quotient,
                   measures.locational_gini, measures.krugman_index, measures.hoover_localization]


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("function", MATRIX_MEASURES)
def test_fast_and_slow_paths_give_the_same_numbers(function, seed):
    emp = random_matrix(seed)
    emp.iloc[3] = 0  # a region without jobs
    emp.iloc[:, 2] = 0  # an industry without jobs
    fast, slow = function(emp), function(slow_copy(emp))
    np.testing.assert_array_equal(np.asarray(fast, dtype=float), np.asarray(slow, dtype=float))
    as_object = function(emp.astype(object))  # Python numbers in columns of objects are numbers too
    np.testing.assert_array_equal(np.asarray(fast, dtype=float), np.asarray(as_object, dtype=float))


@pytest.mark.parametrize("bad, message", [(-3.0, r"negative values at region 'r1', industry 'i4'"),
                                          (np.nan, r"missing values at region 'r1', industry 'i4'"),
                                          (np.inf, r"infinite values at region 'r1', industry 'i4'")])
@pytest.mark.parametrize("function", MATRIX_MEASURES)
def test_fast_and_slow_paths_refuse_the_same_cells(function, bad, message):
    emp = random_matrix(0)
    emp.iloc[1, 4] = bad
    for table in (emp, slow_copy(emp) if not np.isinf(bad) else emp, emp.astype(object)):
        with pytest.raises(ValueError, match=message):
            function(table)


@pytest.mark.parametrize("function", MATRIX_MEASURES)
def test_all_zero_table_refused_on_both_paths(function):
    emp = random_matrix(0) * 0
    for table in (emp, slow_copy(emp)):
        with pytest.raises(ValueError, match="adds up to zero"):
            function(table)


@pytest.mark.parametrize("case", ["whole_row", "whole_column", "empty_row", "cancels", "tiny"])
def test_location_quotient_finds_every_negative_cell(case):
    """location_quotient checks negatives from its sums and while it computes: whatever the totals."""
    emp = random_matrix(1)
    if case == "whole_row":  # the region's total is negative, its LQs would all be positive
        emp.iloc[5] = -emp.iloc[5] - 1
    elif case == "whole_column":
        emp.iloc[:, 3] = -emp.iloc[:, 3] - 1
    elif case == "empty_row":  # a negative cell in a region whose cells add up to zero
        emp.iloc[5] = 0
        emp.iloc[5, 0], emp.iloc[5, 1] = -4, 4
    elif case == "cancels":
        emp.iloc[5, 0] = -emp.iloc[5].sum() + emp.iloc[5, 0]
    else:  # so small that its LQ would round to -0
        emp.iloc[5, 0] = -1e-320
    where = r"negative values at region 'r0', industry 'i3'" if case == "whole_column" else r"negative values at region 'r5'"
    with pytest.raises(ValueError, match=where):
        measures.location_quotient(emp)
    with pytest.raises(ValueError, match=where):
        measures.location_quotient(emp, reference=pd.Series(1.0, index=emp.columns))


def test_negative_zero_and_large_numbers_are_accepted():
    emp = random_matrix(2)
    emp.iloc[0, 0] = -0.0
    big = emp * 1e200
    pd.testing.assert_frame_equal(measures.location_quotient(emp), measures.location_quotient(emp.abs()))
    np.testing.assert_allclose(measures.location_quotient(big).to_numpy(), measures.location_quotient(emp).to_numpy(),
                               rtol=1e-14)
    assert not (measures.shannon_diversity(emp.iloc[[0]].assign(i1=0.0, i2=0.0)) < 0).any()


def test_a_region_with_one_industry_has_shannon_zero_not_minus_zero():
    emp = pd.DataFrame({"a": [5.0, 1.0], "b": [0.0, 2.0]}, index=["x", "y"])
    value = measures.shannon_diversity(emp)["x"]
    assert value == 0 and not np.signbit(value)


@pytest.mark.parametrize("values", [[3, 1, 4, 1, 5], [2.5, 0.0, 7.0], np.arange(1, 40), [0, 0, 9]])
def test_vector_fast_path_matches_list_input(values):
    array = np.asarray(values)
    np.testing.assert_array_equal(check_vector(array), check_vector(list(values)))
    np.testing.assert_array_equal(check_vector(pd.Series(array)), check_vector(list(values)))
    assert measures.gini(array) == measures.gini(list(values))
    assert measures.herfindahl(array) == measures.herfindahl(list(values))


@pytest.mark.parametrize("bad, message", [([1.0, -2.0], "negative value -2 at 1"), ([1.0, np.nan], "missing value at 1"),
                                          ([0.0, 0.0], "adds up to zero"), ([1.0, np.inf], "infinite")])
def test_vector_fast_path_refuses_like_the_careful_checks(bad, message):
    for x in (np.array(bad), pd.Series(bad), bad):
        with pytest.raises(ValueError, match=message):
            measures.gini(x)


def test_gini_agrees_with_the_mean_absolute_difference():
    rng = np.random.default_rng(4)
    for n in (2, 3, 38, 1000):
        x = rng.gamma(0.7, 10, n)
        direct = np.abs(x[:, None] - x[None, :]).sum() / (2 * n * n * x.mean())
        assert measures.gini(x) == pytest.approx(direct, rel=1e-13)


def test_checked_values_without_scanning_leaves_the_cells_to_the_caller():
    emp = random_matrix(0)
    emp.iloc[0, 0] = -1
    array, _, _ = checked_values(emp, scan_cells=False)
    assert array.min() == -1 and not array.flags.writeable
    with pytest.raises(ValueError, match="negative"):
        checked_values(emp)


def plain_locational_gini(emp: pd.DataFrame) -> np.ndarray:
    values = emp.to_numpy(dtype=float)
    values = values[values.sum(axis=1) > 0]
    x = values.sum(axis=1) / values.sum()
    out = []
    for column in values.T:
        if column.sum() == 0:
            out.append(np.nan)
            continue
        y = column / column.sum()
        order = np.argsort(y / x, kind="stable")
        cum = np.cumsum(y[order])
        out.append(1 - np.sum(x[order] * (cum + np.concatenate([[0.0], cum[:-1]]))))
    return np.array(out)


@pytest.mark.parametrize("shape", [(5, 3), (40, 12), (300, 50), (2, 1), (1, 4)])
def test_locational_gini_agrees_with_its_formula(shape):
    emp = random_matrix(sum(shape), *shape)
    emp.iloc[0, 0] += 1  # at least one job
    if shape[0] > 3:
        emp.iloc[2] = 0  # a region without jobs is left out
    ours, plain = measures.locational_gini(emp).to_numpy(), plain_locational_gini(emp)
    np.testing.assert_array_equal(np.isnan(ours), np.isnan(plain))
    np.testing.assert_allclose(ours, plain, rtol=1e-13, atol=1e-15)


def test_locational_gini_with_ties_and_nearly_equal_lqs():
    rng = np.random.default_rng(7)
    base = rng.integers(1, 50, size=(200, 1)).astype(float)
    emp = pd.DataFrame(np.hstack([base * 3, base * (1 + 1e-13 * rng.random((200, 1))), rng.gamma(1, 20, (200, 2))]))
    np.testing.assert_allclose(measures.locational_gini(emp).to_numpy(), plain_locational_gini(emp), rtol=1e-13,
                               atol=1e-15)


def test_ellison_glaeser_dense_and_sparse_cells_agree(monkeypatch):
    rng = np.random.default_rng(3)
    plants = pd.DataFrame({"region": rng.choice([f"r{k}" for k in range(60)], 2000),
                           "industry": rng.integers(0, 40, 2000),
                           "employment": np.round(5 + rng.pareto(1.5, 2000) * 10)})
    dense = measures.ellison_glaeser(plants)
    monkeypatch.setattr(eg_module, "_DENSE_CELLS_PER_PLANT", 0)
    monkeypatch.setattr(eg_module, "_DENSE_CELLS", 0)
    sparse = measures.ellison_glaeser(plants)
    np.testing.assert_allclose(dense[["G", "H"]].to_numpy(), sparse[["G", "H"]].to_numpy(), rtol=1e-13)
    np.testing.assert_allclose(dense["gamma"].to_numpy(), sparse["gamma"].to_numpy(), rtol=1e-9, atol=1e-14)
    # and both agree with the definition, G = sum_r (s_r - x_r)^2 over all regions
    x = plants.groupby("region")["employment"].sum()
    x = x / x.sum()
    for industry, group in plants.groupby("industry"):
        s = group.groupby("region")["employment"].sum().reindex(x.index, fill_value=0) / group["employment"].sum()
        assert dense.loc[industry, "G"] == pytest.approx(((s - x) ** 2).sum(), rel=1e-12)


def test_object_columns_of_numbers_name_the_bad_cell():
    """Before: 'emp has non-numeric values in industry 'a'' (no region, and nothing non-numeric)."""
    def table(a):
        return pd.DataFrame({"a": pd.Series(a, index=["Aceh", "Bali"], dtype=object), "b": [1.0, 2.0]},
                            index=["Aceh", "Bali"])
    with pytest.raises(ValueError, match=r"negative values at region 'Bali', industry 'a'"):
        measures.location_quotient(table([12.0, -3.0]))
    with pytest.raises(ValueError, match=r"missing values at region 'Bali', industry 'a'"):
        measures.herfindahl(table([12, None]))
    with pytest.raises(ValueError, match=r"missing values at region 'Bali', industry 'a'"):
        measures.herfindahl(table([12, pd.NA]))
    with pytest.raises(ValueError, match=r"non-numeric values in industry 'a' \(region 'Bali' holds False\)"):
        measures.krugman_index(table([12, False]))
    emp = table([12, 4])
    before = emp.copy()
    pd.testing.assert_frame_equal(measures.location_quotient(emp), measures.location_quotient(emp.astype(float)))
    pd.testing.assert_frame_equal(emp, before)  # the caller's table is not converted


def test_categorical_columns_are_still_refused():
    emp = pd.DataFrame({"a": pd.Categorical([1, 2]), "b": [1.0, 2.0]}, index=["Aceh", "Bali"])
    with pytest.raises(ValueError, match="non-numeric values in industry 'a'"):
        measures.location_quotient(emp)
