"""Readings of worked examples in the lessons agree with the numbers the library computes.

Lesson 04 reads the Esteban-Marquillas split of region A in the REAT example (Wieland 2021, after
Farhauer & Kröll 2013). The test computes the split from the formula, independently of
``measures.esteban_marquillas``, checks the library against it, and then checks every number and
every sign the lesson's prose states against the computation.
"""
from __future__ import annotations

import re

import nbformat
import pandas as pd
import pytest

from _notebooks import ROOT
from klaster import examples, measures

LESSON_04 = ROOT / "notebooks" / "04_shift_share.ipynb"
NUMBER = r"([−+-]?\d+\.\d+)"


def _number(text: str) -> float:
    return float(text.replace("−", "-"))


@pytest.fixture(scope="module")
def region_a() -> pd.DataFrame:
    """Region A by industry from the formulas: H = E_r E_i / E; (H or E - H) times (g_ri - g_i); the LQ."""
    start, end = examples.reat_shift_share_example()
    e_i, e_r, e = start.sum(), start.sum(axis=1), start.to_numpy().sum()
    homothetic = e_r["A"] * e_i / e
    growth_gap = end.loc["A"] / start.loc["A"] - end.sum() / e_i
    return pd.DataFrame({
        "lq": (start.loc["A"] / e_r["A"]) / (e_i / e),
        "growth_gap": growth_gap,
        "competitive_homothetic": homothetic * growth_gap,
        "allocation": (start.loc["A"] - homothetic) * growth_gap,
    })


@pytest.fixture(scope="module")
def reading() -> tuple[str, str]:
    nb = nbformat.read(LESSON_04, as_version=4)
    split = next(c.source for c in nb.cells if c.cell_type == "markdown" and "splits into" in c.source)
    text = next(c.source for c in nb.cells if c.cell_type == "markdown"
                and c.source.startswith("The negative allocation effect"))
    return split, text


def test_the_library_agrees_with_the_formula(region_a):
    start, end = examples.reat_shift_share_example()
    library = measures.esteban_marquillas(start, end).loc["A"]
    pd.testing.assert_series_equal(library["allocation"], region_a["allocation"], check_names=False)
    pd.testing.assert_series_equal(library["competitive_homothetic"], region_a["competitive_homothetic"],
                                   check_names=False)


def test_the_lesson_states_the_totals_of_the_split(region_a, reading):
    split, _ = reading
    stated = re.search(rf"−3 splits into {NUMBER} \(competitiveness at the national mix\) and {NUMBER}", split)
    assert stated, "the sentence that splits region A's competitive effect is missing"
    assert _number(stated.group(1)) == pytest.approx(region_a["competitive_homothetic"].sum(), abs=0.005)
    assert _number(stated.group(2)) == pytest.approx(region_a["allocation"].sum(), abs=0.005)


def test_the_reading_names_the_industries_that_drive_the_allocation_effect(region_a, reading):
    _, text = reading
    allocation_part, national_mix_part = text.split("At the national mix", 1)
    # the signs the reading argues from
    assert region_a.loc[["I2", "I3"], "allocation"].lt(0).all() and region_a.loc["I4", "allocation"] > 0
    assert region_a.loc[["I2", "I3"], "allocation"].sum() < region_a["allocation"].sum()   # I2 and I3 drive it
    assert region_a.loc[["I2", "I3", "I4"], "lq"].lt(1).all()                                # under-represented
    assert region_a.loc[["I2", "I3"], "growth_gap"].gt(0).all() and region_a.loc["I4", "growth_gap"] < 0
    assert "does not come from I4" in allocation_part
    # the numbers the prose quotes
    quoted = {industry: _number(value) for industry, value in
              re.findall(rf"(I\d) \({NUMBER}\)", allocation_part)}
    assert set(quoted) == {"I2", "I3"}
    for industry, value in quoted.items():
        assert value == pytest.approx(region_a.loc[industry, "allocation"], abs=0.005)
    lq_two = re.search(rf"LQ {NUMBER} and {NUMBER}", allocation_part)
    assert _number(lq_two.group(1)) == pytest.approx(region_a.loc["I2", "lq"], abs=0.005)
    assert _number(lq_two.group(2)) == pytest.approx(region_a.loc["I3", "lq"], abs=0.005)
    lq_i4 = re.search(rf"slightly under-represented \(LQ {NUMBER}\)", allocation_part)
    assert _number(lq_i4.group(1)) == pytest.approx(region_a.loc["I4", "lq"], abs=0.005)
    i4 = re.search(rf"allocation effect of I4 is {NUMBER}", allocation_part)
    assert _number(i4.group(1)) == pytest.approx(region_a.loc["I4", "allocation"], abs=0.005)
    i1 = re.search(rf"I1 adds a little \({NUMBER}\)", allocation_part)
    assert _number(i1.group(1)) == pytest.approx(region_a.loc["I1", "allocation"], abs=0.005)
    # the competitive effect at the national mix, industry by industry and in total
    at_mix = {industry: _number(value) for industry, value in re.findall(rf"(I\d) \({NUMBER}\)", national_mix_part)}
    assert set(at_mix) == {"I2", "I3", "I4"}
    for industry, value in at_mix.items():
        assert value == pytest.approx(region_a.loc[industry, "competitive_homothetic"], abs=0.005)
    total = re.search(rf"so small \({NUMBER}\)", national_mix_part)
    assert _number(total.group(1)) == pytest.approx(region_a["competitive_homothetic"].sum(), abs=0.005)


# --- Lesson 03, section 6: the lab on real PDRB (BPS, constant 2010 prices) -------------------------------------
# Every number the lab's prose quotes, recomputed here: LQs from the shares themselves (not with
# measures.location_quotient), the DLQ with the library (tested against hand values in test_measures_real_data.py).

LESSON_03 = ROOT / "notebooks" / "03_location_quotients.ipynb"


def _lq_from_shares(table: pd.DataFrame, reference: pd.Series | None = None) -> pd.DataFrame:
    """(E_ri / E_r) / (R_i / R), with R the sum of the rows or the published reference row."""
    reference = table.sum() if reference is None else reference.loc[table.columns]
    return table.div(table.sum(axis=1), axis=0) / (reference / reference.sum())


@pytest.fixture(scope="module")
def lab_03() -> str:
    nb = nbformat.read(LESSON_03, as_version=4)
    start = next(i for i, c in enumerate(nb.cells) if c.source.startswith("## 6. Lab"))
    end = next(i for i, c in enumerate(nb.cells) if c.source.startswith("## Summary"))
    return "\n\n".join(c.source for c in nb.cells[start:end] if c.cell_type == "markdown")


def _says(text: str, *phrases: str) -> None:
    for phrase in phrases:
        assert phrase in text, f"the lesson no longer says {phrase!r}"


def test_lesson_03_province_against_the_nation(lab_03):
    from klaster import data
    table = data.pdrb_matrix(2022)
    lq = _lq_from_shares(table).loc["Sulawesi Tengah"]
    assert list(lq[lq > 1].sort_values(ascending=False).index) == ["B", "A", "C", "O"]
    _says(lab_03, "Four sectors of Sulawesi Tengah have an LQ above 1",
          f"mining (B, {lq['B']:.2f}), agriculture (A, {lq['A']:.2f}), manufacturing (C, {lq['C']:.2f}) and "
          f"public administration (O, {lq['O']:.2f})")
    published = _lq_from_shares(table, data.pdrb_reference(2022)).loc["Sulawesi Tengah"]
    _says(lab_03, f"Manufacturing's LQ is {lq['C']:.2f} against the sum of the provinces and {published['C']:.2f} "
                  "against the published national row",
          f"from {lq['D']:.2f} to {published['D']:.2f}")
    ratio = published / lq
    assert published["C"] > lq["C"] and ratio.min() == ratio["D"]      # D changes the most in proportion
    provinces, nation = table.sum(), data.pdrb_reference(2022)
    _says(lab_03, f"In 2022 the provinces add up to {100 * (provinces['C'] / nation['C'] - 1):.0f}% more "
                  "manufacturing than the national row",
          f"the provinces add up to only {100 * provinces['D'] / nation['D']:.0f}% of the national row's D")


def test_lesson_03_kabupaten_against_the_nation_and_its_province(lab_03):
    from klaster import data
    nation = _lq_from_shares(data.pdrb_matrix(2022, level="kabkota")).loc["Morowali"]
    sulteng = data.pdrb_matrix(2022, level="kabkota", province="Sulawesi Tengah")
    province = _lq_from_shares(sulteng).loc["Morowali"]
    share = sulteng.loc["Morowali"] / sulteng.loc["Morowali"].sum()
    of_province = sulteng.loc["Morowali"] / sulteng.sum()
    weight = sulteng.loc["Morowali"].sum() / sulteng.to_numpy().sum()
    _says(lab_03, f"is {share['C']:.2f} of Morowali's PDRB in 2022", f"Against Indonesia its LQ is {nation['C']:.2f}",
          f"against its own province only {province['C']:.2f}",
          f"mining falls from {nation['B']:.2f} to {province['B']:.2f}",
          f"Morowali produces {of_province['C']:.2f} of Sulawesi Tengah's manufacturing and {of_province['B']:.2f} "
          "of its mining", f"Morowali is {weight:.2f} of Sulawesi Tengah's PDRB",
          "no sector of Morowali can reach an LQ of 2.5")
    assert province.max() <= 1 / weight < 2.5


def test_lesson_03_basis_sectors_and_the_dynamic_lq(lab_03):
    from klaster import data, measures
    years = list(range(2015, 2023))
    tables = data.pdrb_matrices(years, suspect="drop")
    assert tables[2022].attrs["dropped_suspect"] == ["Kepulauan Riau"]
    _says(lab_03, "Kepulauan Riau has suspect cells in 2016–2021 and is left out")
    first, last = (_lq_from_shares(tables[y]).loc["Sulawesi Tengah"] for y in (2015, 2022))
    dlq = measures.dynamic_location_quotient(tables).loc["Sulawesi Tengah"]
    _says(lab_03, f"from non-basis (LQ {first['C']:.2f}) to basis (LQ {last['C']:.2f}), with a DLQ of {dlq['C']:.2f}",
          f"(LQ {first['B']:.2f} to {last['B']:.2f}, DLQ {dlq['B']:.2f})",
          f"Agriculture is still basis (LQ {last['A']:.2f}) but *losing ground* (DLQ {dlq['A']:.2f})")
    assert first["C"] < 1 < last["C"] and last["A"] > 1 > dlq["A"]
    grew = tables[2015].loc["Sulawesi Tengah", "A"], tables[2022].loc["Sulawesi Tengah", "A"]
    _says(lab_03, f"from {grew[0]:,.0f} to {grew[1]:,.0f} billion rupiah")
    assert grew[1] > grew[0]
    in_province = data.pdrb_matrices(years, level="kabkota", province="Sulawesi Tengah")
    everywhere = data.pdrb_matrices(years, level="kabkota")
    c = in_province[2022].loc["Morowali", "C"] / in_province[2015].loc["Morowali", "C"]
    assert 16 <= c < 17
    _says(lab_03, "grew sixteenfold in seven years")
    against_province = measures.dynamic_location_quotient(in_province).loc["Morowali", "C"]
    against_nation = measures.dynamic_location_quotient(everywhere).loc["Morowali", "C"]
    assert against_province < 1 < _lq_from_shares(in_province[2022]).loc["Morowali", "C"]   # basis, losing ground
    _says(lab_03, f"its DLQ is {against_province:.2f}, *basis, losing ground*",
          f"Against Indonesia the DLQ is {against_nation:.2f}")
    growth = (everywhere[2022]["C"] - everywhere[2015]["C"]).sort_values(ascending=False)
    assert list(growth.index[:2]) == ["Bekasi", "Morowali"]
    _says(lab_03, "only Bekasi's manufacturing added more billion rupiah than Morowali's")


def test_lesson_03_what_one_suspect_cell_does(lab_03):
    from klaster import data
    flags = data.pdrb_suspect_cells()
    by_year = flags["year"].value_counts()
    assert list(by_year.index[:2]) == [2012, 2014]
    _says(lab_03, "Most of the flags fall in 2012", "and in 2014")
    mining = data.load_pdrb("kabkota").query("region == 'Bojonegoro' and sector_code == 'B'").set_index("year")
    assert mining.loc[2014, "suspect"] and not mining.loc[[2013, 2015], "suspect"].any()
    value = mining["value"]
    assert 90 < value[2014] / value[2013] < 110 and 70 < value[2014] / value[2015] < 100
    _says(lab_03, f"published as {value[2014]:,.0f} billion rupiah, against {value[2013]:,.0f} in 2013 and "
                  f"{value[2015]:,.0f} in 2015", "about 100 times the value of 2013")
    clean = data.pdrb_matrix(2014, level="kabkota", suspect="drop")
    row = data.pdrb_matrix(2014, level="kabkota", suspect="keep").loc[["Bojonegoro"]]
    flagged = pd.concat([clean, row])
    corrected = pd.concat([clean, row.assign(B=row["B"] / 100)])
    _says(lab_03, f"from {corrected['B'].sum():,.0f} to {flagged['B'].sum():,.0f} billion rupiah")
    assert flagged["B"].sum() > 3 * corrected["B"].sum()
    lq_flagged, lq_corrected = _lq_from_shares(flagged)["B"], _lq_from_shares(corrected)["B"]
    _says(lab_03, f"Mimika's from {lq_corrected['Mimika']:.2f} to {lq_flagged['Mimika']:.2f}",
          f"Only {(lq_flagged > 1).sum()} kabupaten/kota keep mining as a basis sector, instead of "
          f"{(lq_corrected > 1).sum()}",
          f"Bojonegoro's own LQ, {lq_flagged['Bojonegoro']:.2f} with the flagged value and "
          f"{lq_corrected['Bojonegoro']:.2f} with the corrected one")
