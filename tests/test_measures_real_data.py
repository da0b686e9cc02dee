"""The measures the real data call for: dynamic LQ, basis sectors and the Klassen typology, input-output
linkages, dynamic shift-share, the Theil index and Ellison-Glaeser coagglomeration; and location quotients
and shift-share against a published reference row. Expected values are worked by hand from the formulas
(written out in each test) or are published figures."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from klaster import data, measures
from klaster.errors import KlasterTypeError, KlasterValueError


def frame(rows, regions=("R1", "R2"), industries=("X", "Y")):
    return pd.DataFrame(rows, index=list(regions), columns=list(industries), dtype=float)


@pytest.fixture
def three_years():
    return {2000: frame([[10, 20], [30, 40]]), 2001: frame([[12, 20], [30, 44]]), 2002: frame([[15, 22], [33, 44]])}


# -- location quotient and shift-share against a published reference -----------------------------------

def test_location_quotient_against_a_reference_row():
    emp = frame([[10, 20], [30, 40]])
    reference = pd.Series({"X": 100.0, "Y": 300.0})
    lq = measures.location_quotient(emp, reference=reference)
    assert lq.loc["R1", "X"] == pytest.approx((10 / 30) / (100 / 400))
    assert lq.loc["R2", "Y"] == pytest.approx((40 / 70) / (300 / 400))
    same = measures.location_quotient(emp, reference=emp.sum())  # the sum of the rows as a reference
    pd.testing.assert_frame_equal(same, measures.location_quotient(emp))
    with pytest.raises(KlasterValueError, match="no value for the industry 'Y'"):
        measures.location_quotient(emp, reference=pd.Series({"X": 1.0}))
    with pytest.raises(KlasterTypeError):
        measures.location_quotient(emp, reference=[100, 300])


def test_shift_share_against_reference_rows(reat_shift_tables):
    start, end = reat_shift_tables
    # the REAT example's nation is the sum of its regions: given as reference rows it gives the same table
    nation = (start.sum(), end.sum())
    pd.testing.assert_frame_equal(measures.shift_share(start, end, reference=nation),
                                  measures.shift_share(start, end))
    reference = (pd.Series({"I1": 800.0, "I2": 300.0, "I3": 300.0, "I4": 800.0}),
                 pd.Series({"I1": 880.0, "I2": 360.0, "I3": 330.0, "I4": 880.0}))
    table = measures.shift_share(start, end, reference=reference)
    g = (880 + 360 + 330 + 880) / 2200 - 1
    a_i2 = table.loc[("A", "I2")]
    assert a_i2["national_share"] == pytest.approx(20 * g)
    assert a_i2["industry_mix"] == pytest.approx(20 * (360 / 300 - 1 - g))
    assert a_i2["competitive"] == pytest.approx(40 - 20 * 360 / 300)
    with pytest.raises(KlasterValueError, match="pair"):
        measures.shift_share(start, end, reference=start.sum())


def test_real_reference_matrices_feed_the_measures():
    published = data.pdrb_matrices([2015, 2019], suspect="keep", reference="published")
    plain = data.pdrb_matrices([2015, 2019], suspect="keep")
    by_attrs = measures.shift_share(published[2015], published[2019])
    explicit = measures.shift_share(plain[2015], plain[2019],
                                    reference=(data.pdrb_reference(2015), data.pdrb_reference(2019)))
    pd.testing.assert_frame_equal(by_attrs, explicit)
    with pytest.raises(KlasterValueError, match="Only one of the two tables"):
        measures.shift_share(published[2015], plain[2019])


# -- dynamic location quotient ----------------------------------------------------------------------

def test_dynamic_lq_by_hand(three_years):
    dlq = measures.dynamic_location_quotient(three_years)
    # R1, X: yearly growth 12/10-1 and 15/12-1; R1 total 30 -> 32 -> 37; nation X 40 -> 42 -> 48; all 100 -> 106 -> 114
    g_rx = ((12 / 10 - 1) + (15 / 12 - 1)) / 2
    g_r = ((32 / 30 - 1) + (37 / 32 - 1)) / 2
    g_x = ((42 / 40 - 1) + (48 / 42 - 1)) / 2
    g = ((106 / 100 - 1) + (114 / 106 - 1)) / 2
    assert dlq.loc["R1", "X"] == pytest.approx((((1 + g_rx) / (1 + g_r)) / ((1 + g_x) / (1 + g))) ** 2)
    assert dlq.loc["R1", "X"] > 1 and dlq.loc["R2", "X"] < 1  # R1 gains weight in X, R2 loses it


def test_geometric_dlq_is_the_ratio_of_the_two_lqs(three_years):
    dlq = measures.dynamic_location_quotient(three_years, average="geometric")
    ratio = measures.location_quotient(three_years[2002]) / measures.location_quotient(three_years[2000])
    assert np.allclose(dlq.to_numpy(), ratio.to_numpy())
    gaps = {2000: three_years[2000], 2002: three_years[2002]}
    assert np.allclose(measures.dynamic_location_quotient(gaps, average="geometric").to_numpy(), ratio.to_numpy())
    with pytest.raises(KlasterValueError, match="needs every year"):
        measures.dynamic_location_quotient(gaps)


def test_basis_dynamics_names_the_four_classes():
    lq = frame([[1.5, 0.5], [1.2, 0.8]])
    dlq = frame([[1.1, 1.3], [0.9, 0.7]])
    classes = measures.basis_dynamics(lq, dlq)["class"]
    assert classes[("R1", "X")] == "basis, staying basis"
    assert classes[("R1", "Y")] == "non-basis, gaining ground"
    assert classes[("R2", "X")] == "basis, losing ground"
    assert classes[("R2", "Y")] == "non-basis, staying non-basis"


@pytest.mark.parametrize("call, message", [
    (lambda m: measures.dynamic_location_quotient([m[2000], m[2001]]), "dict"),
    (lambda m: measures.dynamic_location_quotient({2000: m[2000]}), "at least two years"),
    (lambda m: measures.dynamic_location_quotient({2000: m[2000], 2001: m[2001].drop(index="R2")}),
     "do not cover the same regions"),
    (lambda m: measures.dynamic_location_quotient(m, average="median"), "average must be"),
    (lambda m: measures.dynamic_location_quotient(m, reference={2000: m[2000].sum()}), "no row for 2001"),
])
def test_dynamic_lq_bad_input(three_years, call, message):
    with pytest.raises((KlasterValueError, KlasterTypeError), match=message):
        call(three_years)


# -- basis sectors and the Klassen typology ----------------------------------------------------------

def test_basis_sectors_are_lq_above_one():
    table = measures.basis_sectors(frame([[10, 20], [30, 40]]))
    assert table.loc[("R1", "Y"), "basis"] and not table.loc[("R1", "X"), "basis"]
    assert table.loc[("R2", "X"), "lq"] == pytest.approx((30 / 70) / (40 / 100))


def test_klassen_typology_by_hand():
    start = frame([[10, 20], [30, 40]])
    end = frame([[15, 30], [33, 44]])
    table = measures.klassen_typology(start, end)
    # reference (the sum): X 40 -> 48 (+20%), Y 60 -> 74 (+23.3%); end shares X 48/122, Y 74/122
    # R1 X: share 15/45 < 48/122, growth 50% > 20%  -> quadrant 3
    # R1 Y: share 30/45 > 74/122, growth 50% > 23.3% -> quadrant 1
    # R2 X: share 33/77 > 48/122, growth 10% < 20%  -> quadrant 2
    # R2 Y: share 44/77 < 74/122, growth 10% < 23.3% -> quadrant 4
    assert table["quadrant"].tolist() == [3, 1, 2, 4]
    assert table.loc[("R1", "Y"), "klassen"] == "sektor maju dan tumbuh pesat"
    assert table.loc[("R2", "X"), "klassen"] == "sektor maju tapi tertekan"
    assert table.loc[("R1", "X"), "klassen"] == "sektor potensial atau masih dapat berkembang"
    assert table.loc[("R2", "Y"), "klassen"] == "sektor relatif tertinggal"
    assert table.loc[("R1", "X"), "share"] == pytest.approx(100 * 15 / 45)
    assert table.loc[("R1", "X"), "reference_growth"] == pytest.approx(20.0)
    # against the reference's total growth (22%): R1 X 50% still faster, R2 X 10% still slower
    total = measures.klassen_typology(start, end, growth="total")
    assert np.allclose(total["reference_growth"], 100 * (122 / 100 - 1))
    assert total["quadrant"].tolist() == [3, 1, 2, 4]


def test_klassen_leaves_new_sectors_unclassified_and_checks_its_options():
    start = frame([[0, 20], [30, 40]])
    end = frame([[5, 30], [33, 44]])
    table = measures.klassen_typology(start, end)
    assert pd.isna(table.loc[("R1", "X"), "quadrant"]) and pd.isna(table.loc[("R1", "X"), "klassen"])
    with pytest.raises(KlasterValueError, match="growth must be"):
        measures.klassen_typology(start, end, growth="region")
    with pytest.raises(KlasterValueError, match="share must be"):
        measures.klassen_typology(start, end, share="max")


def test_klassen_on_real_data_morowali_manufacturing():
    m = data.pdrb_matrices([2015, 2022], level="kabkota", province="Sulawesi Tengah")
    table = measures.klassen_typology(m[2015], m[2022])
    assert table.loc[("Morowali", "C"), "quadrant"] == 1  # the nickel smelters: advanced and fast-growing
    assert table.loc[("Morowali", "C"), "growth"] > 1000


# -- input-output ---------------------------------------------------------------------------------

@pytest.fixture
def two_sectors():
    """A two-sector economy in the style of Miller & Blair (2009, ch. 2): z11 = 150, z12 = 500, z21 = 200,
    z22 = 100, total output 1000 and 2000."""
    flows = pd.DataFrame([[150.0, 500.0], [200.0, 100.0]], index=["S1", "S2"], columns=["S1", "S2"])
    return flows, pd.Series({"S1": 1000.0, "S2": 2000.0})


def test_leontief_inverse_by_hand(two_sectors):
    flows, output = two_sectors
    a = measures.technical_coefficients(flows, output)
    assert np.allclose(a.to_numpy(), [[0.15, 0.25], [0.2, 0.05]])
    inverse = measures.leontief_inverse(a)
    det = 0.85 * 0.95 - 0.25 * 0.2  # |I - A| = 0.7575
    assert inverse.to_numpy() == pytest.approx(np.array([[0.95, 0.25], [0.2, 0.85]]) / det)
    assert measures.output_multipliers(inverse).tolist() == pytest.approx([1.15 / det, 1.10 / det])


def test_linkage_indices_by_hand(two_sectors):
    flows, output = two_sectors
    table = measures.linkages(flows, output)
    # L = [[0.95, 0.25], [0.2, 0.85]] / 0.7575: column sums 1.15, 1.10; row sums 1.20, 1.05; all 2.25 (/0.7575)
    assert table["backward"].tolist() == pytest.approx([2 * 1.15 / 2.25, 2 * 1.10 / 2.25])
    assert table["forward"].tolist() == pytest.approx([2 * 1.20 / 2.25, 2 * 1.05 / 2.25])
    assert table["key_sector"].tolist() == [True, False]
    assert table.loc["S2", "linkage_class"] == "weakly linked"
    ghosh = measures.linkages(flows, output, forward="ghosh")
    # B = [[0.15, 0.5], [0.1, 0.05]], G = [[0.95, 0.5], [0.1, 0.85]] / 0.7575: row sums 1.45, 0.95; all 2.4
    assert ghosh["forward"].tolist() == pytest.approx([2 * 1.45 / 2.4, 2 * 0.95 / 2.4])


def test_real_io_tables_hold_their_identities():
    for province in ("Sulawesi Selatan", "Kepulauan Riau", "Papua Barat"):
        table = data.load_io_table(province)
        assert table.flows.shape == (17, 17) and table.final_demand.shape == (17, 7)
        inverse = measures.leontief_inverse(measures.technical_coefficients(table.flows, table.total_output))
        produced = inverse.to_numpy() @ table.total_final_demand.to_numpy()  # x = L f
        assert produced == pytest.approx(table.total_output.to_numpy(), rel=1e-9)
        linkage = measures.linkages(table.flows, table.total_output)
        assert linkage["backward"].mean() == pytest.approx(1) and linkage["forward"].mean() == pytest.approx(1)


def test_key_sectors_of_the_three_provinces():
    keys = {p: set(measures.linkages(t.flows, t.total_output).query("key_sector").index)
            for p, t in ((p, data.load_io_table(p)) for p in ("Sulawesi Selatan", "Kepulauan Riau", "Papua Barat"))}
    assert keys["Sulawesi Selatan"] == {"C", "D"}
    assert keys["Kepulauan Riau"] == {"C", "D", "G", "I", "J"}
    assert keys["Papua Barat"] == {"C", "D", "H"}


def test_io_loader_names_and_notes():
    table = data.load_io_table("73")
    assert table.province == "Sulawesi Selatan" and table.unit == "million rupiah" and table.year == 2016
    assert list(table.flows.index) == list(table.flows.columns) and table.flows.index[12] == "M-N"
    assert table.notes == ()
    papua_barat = data.load_io_table("Papua Barat")
    assert len(papua_barat.notes) == 3 and "sector B" in papua_barat.notes[0]  # published totals that do not add up
    with pytest.raises(KlasterValueError, match="no 2016 input–output table for 'Bali'"):
        data.load_io_table("Bali")


@pytest.mark.parametrize("change, message", [
    (lambda z, x: (z.iloc[:, :1], x), "must be square"),
    (lambda z, x: (z.rename(columns={"S2": "S3"}), x), "not the same sectors"),
    (lambda z, x: (z.replace(200.0, -5.0), x), "from 'S2' to 'S1' is negative"),
    (lambda z, x: (z, x.replace(2000.0, 0.0)), "'S2' has a total output of 0"),
    (lambda z, x: (z, x.replace(1000.0, 300.0)), "buys intermediate inputs worth"),
    (lambda z, x: (z, x.drop("S2")), "no value for the sector 'S2'"),
    (lambda z, x: (z.replace(150.0, np.nan), x), "missing"),
    (lambda z, x: (z.values, x), "must be a pandas DataFrame"),
])
def test_io_bad_input_gets_one_sentence(two_sectors, change, message):
    flows, output = change(*two_sectors)
    with pytest.raises((KlasterValueError, KlasterTypeError), match=message):
        measures.linkages(flows, output)


# -- dynamic shift-share ------------------------------------------------------------------------------

def test_dynamic_shift_share_by_hand(three_years):
    table = measures.dynamic_shift_share(three_years)
    cell = table.loc[("R1", "X")]
    # 2000-01: g = 0.06, g_X = 0.05: 10*0.06, 10*(0.05-0.06), 12 - 10*1.05
    # 2001-02: g = 8/106, g_X = 6/42: 12*g, 12*(g_X - g), 15 - 12*(1 + g_X)
    g2, gx2 = 8 / 106, 6 / 42
    assert cell["national_share"] == pytest.approx(0.6 + 12 * g2)
    assert cell["industry_mix"] == pytest.approx(-0.1 + 12 * (gx2 - g2))
    assert cell["competitive"] == pytest.approx(1.5 + 15 - 12 * (1 + gx2))
    assert cell["total_change"] == pytest.approx(5)
    classic = measures.shift_share(three_years[2000], three_years[2002]).loc[("R1", "X")]
    assert classic["competitive"] == pytest.approx(3.0) and cell["competitive"] != pytest.approx(3.0)


def test_dynamic_shift_share_properties(three_years):
    two = {y: three_years[y] for y in (2000, 2002)}
    pd.testing.assert_frame_equal(measures.dynamic_shift_share(two), measures.shift_share(two[2000], two[2002]))
    periods = measures.dynamic_shift_share(three_years, by_period=True)
    assert set(periods.index.get_level_values("period")) == {"2000–2001", "2001–2002"}
    competitive = periods.groupby(level=["period", "industry"])["competitive"].sum()
    assert np.allclose(competitive.to_numpy(), 0)  # regions that make up the nation: shifts cancel each period
    total = measures.dynamic_shift_share(three_years)["total_change"].unstack()
    assert np.allclose(total.to_numpy(), (three_years[2002] - three_years[2000]).to_numpy())


def test_dynamic_shift_share_on_real_data_sees_covid():
    m = data.pdrb_matrices(range(2019, 2023), suspect="keep")
    periods = measures.dynamic_shift_share(m, by_period=True)
    national = periods.xs("2019–2020", level="period")["national_share"].sum()
    assert national < 0  # 2020: the sum of the provinces shrank, so every national share is negative
    assert periods.xs("2021–2022", level="period")["national_share"].sum() > 0


# -- Theil ---------------------------------------------------------------------------------------------

def test_theil_index_and_decomposition_by_hand():
    values = pd.Series([10.0, 20.0, 30.0, 40.0], index=["a1", "a2", "b1", "b2"])
    groups = pd.Series(["a", "a", "b", "b"], index=values.index)
    expected = sum(s * math.log(s / 0.25) for s in (0.1, 0.2, 0.3, 0.4))
    assert measures.theil_index(values) == pytest.approx(expected)
    table = measures.theil_decomposition(values, groups)
    between = 0.3 * math.log(0.3 / 0.5) + 0.7 * math.log(0.7 / 0.5)
    within_a = (1 / 3) * math.log((1 / 3) / 0.5) + (2 / 3) * math.log((2 / 3) / 0.5)
    within_b = (3 / 7) * math.log((3 / 7) / 0.5) + (4 / 7) * math.log((4 / 7) / 0.5)
    assert table.attrs["between"] == pytest.approx(between)
    assert table.loc["a", "theil_within"] == pytest.approx(within_a)
    assert table.attrs["within"] == pytest.approx(0.3 * within_a + 0.7 * within_b)
    assert table.attrs["total"] == pytest.approx(expected) == pytest.approx(between + table.attrs["within"])


def test_mean_log_deviation_matches_reat_and_decomposes():
    # REAT's theil() example, after Stoermann (2009): regional incomes 10, 10, 10, 20, 50 give 0.2326302
    assert measures.theil_index([10, 10, 10, 20, 50], kind="L") == pytest.approx(0.2326302, abs=5e-8)
    assert measures.theil_index([10, 10, 10, 20, 50], kind="T") == pytest.approx(
        3 * 0.1 * math.log(0.5) + 0.5 * math.log(2.5))
    values = pd.Series([10.0, 10.0, 10.0, 20.0, 50.0], index=list("abcde"))
    table = measures.theil_decomposition(values, {"a": "g1", "b": "g1", "c": "g2", "d": "g2", "e": "g2"}, kind="L")
    assert table.attrs["total"] == pytest.approx(0.2326302, abs=5e-8)
    assert table.attrs["between"] + table.attrs["within"] == pytest.approx(table.attrs["total"])
    with pytest.raises(KlasterValueError, match="mean log deviation"):
        measures.theil_index([0, 1, 2], kind="L")
    with pytest.raises(KlasterValueError, match="kind must be"):
        measures.theil_index([1, 2], kind="X")


def test_theil_extremes_and_weights():
    assert measures.theil_index([5, 5, 5]) == pytest.approx(0)
    assert measures.theil_index([9, 0, 0]) == pytest.approx(math.log(3))
    # values in proportion to the weights: no inequality
    assert measures.theil_index([2, 4, 6], weights=[1, 2, 3]) == pytest.approx(0)
    with pytest.raises(KlasterValueError, match="weight of 0"):
        measures.theil_index([1, 2], weights=[1, 0])
    with pytest.raises(KlasterValueError, match="has no group"):
        measures.theil_decomposition(pd.Series([1.0, 2.0], index=["x", "y"]), {"x": "g"})
    with pytest.raises(KlasterValueError, match="negative"):
        measures.theil_index([1, -2])


def test_theil_of_kabupaten_within_provinces_and_islands():
    kab = data.pdrb_matrix(2019, level="kabkota", suspect="drop")
    regions = data.pdrb_regions("kabkota").set_index("region")
    by_province = measures.theil_decomposition(kab["C"], regions["province"].reindex(kab.index),
                                               weights=kab.sum(axis=1))
    assert by_province.attrs["total"] == pytest.approx(by_province.attrs["between"] + by_province.attrs["within"])
    assert 0 < by_province.attrs["between_share"] < 1
    provinces = data.pdrb_matrix(2019, suspect="keep")
    islands = data.load_islands().set_index("province")["island"]
    by_island = measures.theil_decomposition(provinces.sum(axis=1), islands)
    assert by_island.loc["Jawa-Bali", "share"] > 0.5  # Java-Bali makes more than half of the provinces' PDRB


# -- coagglomeration -----------------------------------------------------------------------------------

def test_coagglomeration_matrix_by_hand():
    emp = pd.DataFrame({"X": [6.0, 2.0, 2.0], "Y": [5.0, 3.0, 2.0], "Z": [2.0, 2.0, 16.0]}, index=["r1", "r2", "r3"])
    gamma = measures.coagglomeration_matrix(emp)
    x = [13 / 40, 7 / 40, 20 / 40]  # row totals 13, 7, 20
    s_x, s_y = [0.6, 0.2, 0.2], [0.5, 0.3, 0.2]
    expected = sum((a - b) * (c - b) for a, b, c in zip(s_x, x, s_y)) / (1 - sum(v * v for v in x))
    assert gamma.loc["X", "Y"] == pytest.approx(expected) == pytest.approx(gamma.loc["Y", "X"])
    assert gamma.loc["X", "Y"] > 0 and gamma.loc["X", "Z"] < 0  # X and Y share r1; Z sits in r3


def test_plant_formula_equals_the_pairwise_one():
    rng = np.random.default_rng(7)
    plants = pd.DataFrame({"region": rng.choice(["a", "b", "c", "d", "e"], 400, p=[0.4, 0.25, 0.15, 0.1, 0.1]),
                           "industry": rng.choice(["food", "wood", "metal"], 400),
                           "employment": rng.integers(20, 500, 400)})
    matrix = plants.pivot_table(index="region", columns="industry", values="employment", aggfunc="sum", fill_value=0)
    pairwise = measures.coagglomeration_matrix(matrix.astype(float))
    group = measures.coagglomeration(plants, ["food", "wood"])
    assert group == pytest.approx(pairwise.loc["food", "wood"])
    three = measures.coagglomeration(plants, ["food", "wood", "metal"])
    assert np.isfinite(three)
    with pytest.raises(KlasterValueError, match="at least two different industries"):
        measures.coagglomeration(plants, ["food", "food"])
    with pytest.raises(KlasterValueError, match="no plant of the industry 'glass'"):
        measures.coagglomeration(plants, ["food", "glass"])
    with pytest.raises(KlasterValueError, match="'X' has no employment"):
        measures.coagglomeration_matrix(pd.DataFrame({"X": [0.0, 0.0], "Y": [1.0, 2.0]}))
