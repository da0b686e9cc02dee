"""Bad input gets a clear error that names the problem and where it is, and
no function changes its input."""
import numpy as np
import pandas as pd
import pytest

from klaster import measures
from klaster.errors import KlasterInputError

MATRIX_FUNCTIONS = [measures.location_quotient, measures.krugman_index, measures.hoover_localization,
                    measures.locational_gini, measures.herfindahl]


def good() -> pd.DataFrame:
    return pd.DataFrame({"food": [10.0, 20.0], "tobacco": [5.0, 1.0]}, index=["Aceh", "Bali"])


@pytest.mark.parametrize("function", MATRIX_FUNCTIONS)
def test_negative_value_is_named(function):
    emp = good()
    emp.loc["Bali", "tobacco"] = -3
    with pytest.raises(ValueError, match=r"negative.*'Bali'.*'tobacco'"):
        function(emp)


@pytest.mark.parametrize("function", MATRIX_FUNCTIONS)
def test_missing_value_is_named(function):
    emp = good()
    emp.loc["Aceh", "food"] = np.nan
    with pytest.raises(ValueError, match=r"missing.*'Aceh'.*'food'"):
        function(emp)


@pytest.mark.parametrize("function", MATRIX_FUNCTIONS)
def test_text_in_a_number_column_is_named(function):
    emp = good().astype(object)
    emp.loc["Aceh", "food"] = "12 ribu"
    with pytest.raises(ValueError, match=r"non-numeric.*'food'.*'Aceh'.*12 ribu"):
        function(emp)


@pytest.mark.parametrize("function", MATRIX_FUNCTIONS)
def test_not_a_table_is_a_type_error(function):
    with pytest.raises(TypeError, match="DataFrame|list"):
        function([[1, 2], [3, 4]]) if function is not measures.herfindahl else function("abc")


@pytest.mark.parametrize("function", MATRIX_FUNCTIONS)
def test_empty_and_all_zero_tables(function):
    with pytest.raises(ValueError, match="empty"):
        function(pd.DataFrame())
    with pytest.raises(ValueError, match="zero"):
        function(good() * 0)


@pytest.mark.parametrize("function", MATRIX_FUNCTIONS)
def test_duplicate_labels_are_named(function):
    emp = pd.DataFrame([[1, 2], [3, 4]], index=["Aceh", "Aceh"], columns=["food", "tobacco"])
    with pytest.raises(ValueError, match="same region more than once: 'Aceh'"):
        function(emp)
    emp = pd.DataFrame([[1, 2], [3, 4]], index=["Aceh", "Bali"], columns=["food", "food"])
    with pytest.raises(ValueError, match="same industry more than once: 'food'"):
        function(emp)


def test_errors_are_klaster_input_errors():
    with pytest.raises(KlasterInputError):
        measures.location_quotient(good() * -1)


@pytest.mark.parametrize("function", [measures.gini, measures.herfindahl])
@pytest.mark.parametrize("bad, message", [([], "empty"), ([1, -2], "negative"), ([1, None], "missing"),
                                          ([0, 0], "zero"), (["a", 1], "non-numeric"), ([[1, 2]], "one-dimensional")])
def test_vector_measures_reject_bad_values(function, bad, message):
    with pytest.raises(ValueError, match=message):
        function(bad)


@pytest.mark.parametrize("function", [measures.shift_share, measures.esteban_marquillas])
def test_start_and_end_with_different_labels(function):
    start = good()
    end = good().rename(index={"Bali": "bali"})
    with pytest.raises(ValueError, match=r"same regions.*only in start: 'Bali'.*only in end: 'bali'"):
        function(start, end)
    end = good().rename(columns={"food": "makanan"})
    with pytest.raises(ValueError, match=r"same industries.*'food'.*'makanan'"):
        function(start, end)


def test_hoover_reference_must_match_regions():
    with pytest.raises(ValueError, match="one value for each region"):
        measures.hoover_localization(good(), reference=pd.Series({"Aceh": 1.0}))
    with pytest.raises(TypeError, match="Series"):
        measures.hoover_localization(good(), reference=[1, 2])
    with pytest.raises(ValueError, match="negative"):
        measures.hoover_localization(good(), reference=pd.Series({"Aceh": 1.0, "Bali": -1.0}))


def test_ellison_glaeser_bad_plants_tables():
    plants = pd.DataFrame({"region": ["a", "b"], "industry": ["x", "x"], "employment": [10, 20]})
    with pytest.raises(ValueError, match=r"missing the column\(s\) 'workers'"):
        measures.ellison_glaeser(plants, employment="workers")
    with pytest.raises(TypeError):
        measures.ellison_glaeser([1, 2, 3])
    negative = plants.assign(employment=[10, -1])
    with pytest.raises(ValueError, match=r"negative number of workers.*region 'b'"):
        measures.ellison_glaeser(negative)
    text = plants.assign(employment=["10", "lots"])
    with pytest.raises(ValueError, match="non-numeric value 'lots'"):
        measures.ellison_glaeser(text)
    with pytest.raises(ValueError, match="empty"):
        measures.ellison_glaeser(plants.iloc[:0])
    with pytest.raises(ValueError, match=r"regions that region_employment does not list: \['b'\]"):
        measures.ellison_glaeser(plants, region_employment=pd.Series({"a": 5.0}))


def test_to_matrix_bad_long_tables():
    long = pd.DataFrame({"region": ["a", "a"], "industry": ["x", "x"], "value": [1, 2]})
    with pytest.raises(ValueError, match="more than one row"):
        measures.to_matrix(long)
    with pytest.raises(ValueError, match="missing the column"):
        measures.to_matrix(long.drop(columns="value"))
    with pytest.raises(ValueError, match="non-numeric"):
        measures.to_matrix(pd.DataFrame({"region": ["a"], "industry": ["x"], "value": ["n/a"]}))


def test_no_function_mutates_its_input(reat_shift_tables):
    start, end = reat_shift_tables
    emp = start.copy()
    plants = pd.DataFrame({"region": ["A", "B", "C"], "industry": ["I1", "I1", "I2"], "employment": [3, 4, 5]})
    snapshots = [start.copy(), end.copy(), plants.copy()]
    for function in MATRIX_FUNCTIONS:
        function(emp)
    measures.shift_share(start, end)
    measures.esteban_marquillas(start, end)
    measures.ellison_glaeser(plants)
    measures.to_long(emp)
    measures.hoover_localization(emp, reference=pd.Series({"A": 1.0, "B": 2.0, "C": 3.0}))
    for before, after in zip(snapshots, [start, end, plants]):
        pd.testing.assert_frame_equal(before, after)
    pd.testing.assert_frame_equal(emp, start)


def test_the_bad_value_is_named_when_an_earlier_column_holds_numbers_as_text():
    emp = pd.DataFrame({"food": ["12", "30"], "textiles": [1, 2], "wood": [3, "n/a"]}, index=["Aceh", "Bali"])
    with pytest.raises(ValueError, match=r"industry 'wood' \(region 'Bali' holds 'n/a'\)"):
        measures.location_quotient(emp)


def test_numbers_stored_as_text_are_named_with_advice():
    emp = pd.DataFrame({"food": ["12", "30"], "textiles": [1, 2]}, index=["Aceh", "Bali"])
    with pytest.raises(ValueError, match=r"numbers stored as text in industry 'food' \(region 'Aceh' holds '12'\).*to_numeric"):
        measures.location_quotient(emp)


def test_ellison_glaeser_names_the_region_listed_twice():
    plants = pd.DataFrame({"region": ["A", "B"], "industry": ["x", "x"], "employment": [10, 20]})
    twice = pd.Series([1.0, 2.0, 3.0], index=["A", "B", "B"])
    with pytest.raises(ValueError, match=r"region 'B' more than once"):
        measures.ellison_glaeser(plants, region_employment=twice)
