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


# ---------------------------------------------------------------------------------------------------------------
# Lesson 04, sections 5 and 6: the readings of real BPS data (PDRB of kabupaten/kota 2015–2022, the 2016
# provincial input–output tables). Every number the prose quotes is recomputed here from the data and compared
# with the text, at the precision the text gives it.
# ---------------------------------------------------------------------------------------------------------------

import numpy as np  # noqa: E402

from klaster import data  # noqa: E402

REAL_NUMBER = r"([−+-]?\d[\d,]*(?:\.\d+)?)"
IO_PROVINCES_04 = ("Sulawesi Selatan", "Kepulauan Riau", "Papua Barat")


def _real(text: str) -> float:
    return float(text.replace("−", "-").replace(",", ""))


@pytest.fixture(scope="module")
def lesson_04_text() -> str:
    nb = nbformat.read(LESSON_04, as_version=4)
    return "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def _quoted(text: str, pattern: str) -> list[float]:
    """The numbers of the one passage matching ``pattern`` (``{n}`` stands for a number; the rest is literal)."""
    regex = re.escape(pattern).replace(re.escape("{n}"), REAL_NUMBER)
    found = re.findall(regex, text)
    assert len(found) == 1, f"the lesson should say this once: {pattern!r} (found {len(found)})"
    groups = found[0] if isinstance(found[0], tuple) else (found[0],)
    return [_real(g) for g in groups]


def _agrees(stated: list[float], computed: list[float], decimals: int) -> None:
    assert len(stated) == len(computed)
    for s, c in zip(stated, computed):
        assert s == pytest.approx(round(c, decimals), abs=0.51 * 10 ** -decimals), (stated, computed)


@pytest.fixture(scope="module")
def pdrb_04() -> dict:
    pdrb = data.pdrb_matrices(range(2015, 2023), level="kabkota")
    morowali = pd.DataFrame({y: t.loc["Morowali"] for y, t in pdrb.items()}).T
    nation = pd.DataFrame({y: t.sum() for y, t in pdrb.items()}).T
    periods = {(2015, 2019): measures.shift_share(pdrb[2015], pdrb[2019]),
               (2019, 2022): measures.shift_share(pdrb[2019], pdrb[2022])}
    return {"pdrb": pdrb, "morowali": morowali, "nation": nation, "periods": periods}


def test_lesson_04_the_suspect_cells_of_2015_2022(lesson_04_text, pdrb_04):
    suspects = data.pdrb_suspect_cells()
    used = suspects[(suspects["level"] == "kabkota") & suspects["year"].between(2015, 2022)]
    assert list(zip(used["region"], used["year"], used["sector_code"])) == [("Kutai Kartanegara", 2018, "total")]
    totals = data.load_pdrb("kabkota", include_total=True).query("region == 'Kutai Kartanegara' and sector_code == "
                                                                 "'total'").set_index("year")["value"]
    assert totals[2018] < totals[2017] / 5 and totals[2018] < totals[2019] / 5
    assert "the published *total* of Kutai Kartanegara in 2018, which falls to less than a fifth" in lesson_04_text
    # the step of Morowali's manufacturing from 2017 to 2018 is not flagged
    assert used[used["region"] == "Morowali"].empty
    province_2016 = suspects[(suspects["level"] == "province") & (suspects["year"] == 2016)]
    assert list(zip(province_2016["region"], province_2016["sector_code"])) == [("Kepulauan Riau", "B")]
    assert "The province table of 2016 has one flagged cell" in lesson_04_text


def test_lesson_04_morowali_year_by_year(lesson_04_text, pdrb_04):
    m = pdrb_04["morowali"]
    total = m.sum(axis=1)
    _agrees(_quoted(lesson_04_text, "manufacturing grew from {n} billion rupiah in 2015 to {n} in 2019 and {n} in 2022"),
            [m.loc[2015, "C"], m.loc[2019, "C"], m.loc[2022, "C"]], 0)
    _agrees(_quoted(lesson_04_text, "the big step is from 2017 ({n}) to 2018 ({n})"), [m.loc[2017, "C"], m.loc[2018, "C"]], 0)
    assert (m["C"].diff() / m["C"].shift()).idxmax() == 2018
    _agrees(_quoted(lesson_04_text, "Mining grew from {n} to {n} and then {n}"),
            [m.loc[2015, "B"], m.loc[2019, "B"], m.loc[2022, "B"]], 0)
    _agrees(_quoted(lesson_04_text, "almost seven times as large in 2022 as in 2015 ({n} against {n} billion rupiah)"),
            [total[2022], total[2015]], 0)
    assert 6.5 < total[2022] / total[2015] < 7        # "almost seven times", "a seventh of its size in 2022"
    assert "a seventh of its size in 2022" in lesson_04_text


def test_lesson_04_two_periods(lesson_04_text, pdrb_04):
    first, second = (pdrb_04["periods"][p].loc["Morowali"] for p in ((2015, 2019), (2019, 2022)))
    nation = pdrb_04["nation"]
    growth = lambda a, b: 100 * (nation.loc[b].sum() / nation.loc[a].sum() - 1)  # noqa: E731
    f, s = first.sum(), second.sum()
    stated = _quoted(lesson_04_text, "From 2015 to 2019 Morowali's PDRB grew by {n} billion rupiah. Growing like the "
                                     "nation ({n}%) would have added {n}; its mix of sectors took away {n}")
    _agrees(stated, [f["total_change"], growth(2015, 2019), f["national_share"], -f["industry_mix"]], 0)
    assert stated[1] == pytest.approx(round(growth(2015, 2019), 1), abs=0.051)
    sector_growth = nation.loc[2019] / nation.loc[2015] - 1
    assert sector_growth["A"] < growth(2015, 2019) / 100 and sector_growth["B"] < growth(2015, 2019) / 100
    _agrees(_quoted(lesson_04_text, "the competitive effect was {n}, almost all of the change, and most of it in "
                                    "manufacturing ({n}) and mining ({n})"),
            [f["competitive"], first.loc["C", "competitive"], first.loc["B", "competitive"]], 0)
    assert first["competitive"].nlargest(2).index.tolist() == ["C", "B"]
    stated = _quoted(lesson_04_text, "From 2019 to 2022 the change was {n}, of which {n} competitive, while the nation "
                                     "grew by only {n}%")
    _agrees(stated[:2], [s["total_change"], s["competitive"]], 0)
    assert stated[2] == pytest.approx(round(growth(2019, 2022), 1), abs=0.051)
    _agrees(_quoted(lesson_04_text, "with a competitive effect of {n} after a negative one ({n}) in the first"),
            [second.loc["F", "competitive"], first.loc["F", "competitive"]], 0)
    assert "Morowali's PDRB shows a competitive effect of {:,.0f} billion rupiah in 2015–2019".format(
        f["competitive"]) in lesson_04_text


def test_lesson_04_the_year_2020(lesson_04_text, pdrb_04):
    nation, m = pdrb_04["nation"], pdrb_04["morowali"]
    total = nation.sum(axis=1)
    change = 100 * (total / total.shift() - 1)
    assert change.dropna().lt(0).tolist() == [False] * 4 + [True] + [False] * 2
    _agrees(_quoted(lesson_04_text, "The sum of all kabupaten/kota fell by {n}% in 2020"), [-change[2020]], 1)
    sectors = 100 * (nation.loc[2020] / nation.loc[2019] - 1)
    _agrees(_quoted(lesson_04_text, "transport (H, {n}%) and accommodation and food (I, {n}%)"),
            [sectors["H"], sectors["I"]], 1)
    assert sectors.nsmallest(2).index.tolist() == ["H", "I"]
    _agrees(_quoted(lesson_04_text, "information and communication (J, {n}%) and health (Q, {n}%) grew"),
            [sectors["J"], sectors["Q"]], 1)
    assert sectors.nlargest(2).index.tolist() == ["J", "Q"]
    mor = 100 * (m.loc[2020] / m.loc[2019] - 1)
    _agrees(_quoted(lesson_04_text, "Morowali grew by {n}% in 2020: mining ({n}%) and manufacturing ({n}%) kept "
                                    "growing, while its transport ({n}%) and construction ({n}%) fell"),
            [100 * (m.loc[2020].sum() / m.loc[2019].sum() - 1), mor["B"], mor["C"], mor["H"], mor["F"]], 1)


def test_lesson_04_dynamic_shift_share(lesson_04_text, pdrb_04):
    pdrb = pdrb_04["pdrb"]
    two = measures.shift_share(pdrb[2015], pdrb[2022]).loc["Morowali"].sum()
    # the dynamic decomposition from its definition: one classical decomposition per year, added up
    years = sorted(pdrb)
    dynamic = sum(measures.shift_share(pdrb[a], pdrb[b]).loc["Morowali"].sum() for a, b in zip(years, years[1:]))
    library = measures.dynamic_shift_share(pdrb).loc["Morowali"].sum()
    pd.testing.assert_series_equal(library, dynamic[library.index], check_names=False)
    _agrees(_quoted(lesson_04_text, "The total change is the same, {n} billion rupiah, but the split differs: the "
                                    "national share is {n} instead of {n}, and the competitive effect {n} instead of {n}"),
            [two["total_change"], dynamic["national_share"], two["national_share"], dynamic["competitive"],
             two["competitive"]], 0)
    assert dynamic["total_change"] == pytest.approx(two["total_change"])
    step = measures.shift_share(pdrb[2017], pdrb[2018]).loc["Morowali"].sum()
    covid = measures.shift_share(pdrb[2019], pdrb[2020]).loc["Morowali"].sum()
    _agrees(_quoted(lesson_04_text, "(a competitive effect of {n} in one year)"), [step["competitive"]], 0)
    _agrees(_quoted(lesson_04_text, "in 2019–2020 Morowali's national share is negative ({n}), because the nation "
                                    "shrank that year, while its competitive effect was {n}"),
            [covid["national_share"], covid["competitive"]], 0)


def test_lesson_04_klassen_classes(lesson_04_text, pdrb_04):
    pdrb = pdrb_04["pdrb"]
    first = measures.klassen_typology(pdrb[2015], pdrb[2019]).loc["Morowali", "quadrant"]
    second = measures.klassen_typology(pdrb[2019], pdrb[2022]).loc["Morowali", "quadrant"]
    for quadrants in (first, second):
        assert quadrants[["B", "C"]].eq(1).all() and quadrants["A"] == 4
    assert "In both periods mining and manufacturing are in quadrant 1" in lesson_04_text
    _agrees(_quoted(lesson_04_text, "in 2015–2019, {n} of the {n} sectors were *relatif tertinggal*; in 2019–2022, {n} "
                                    "are *potensial*"),
            [int((first == 4).sum()), len(first), int((second == 3).sum())], 0)
    for sector in ("F", "H", "I", "K"):   # construction, transport, accommodation, finance
        assert first[sector] == 4 and second[sector] == 3, sector


def test_lesson_04_the_wrong_cell(lesson_04_text):
    suspects = data.pdrb_suspect_cells()
    flagged = suspects[(suspects["region"] == "Morowali") & (suspects["year"] == 2012) & (suspects["sector_code"] == "H")]
    assert not flagged.empty
    values = data.load_pdrb("kabkota").query("region == 'Morowali' and sector_code == 'H'").set_index("year")["value"]
    _agrees(_quoted(lesson_04_text, "{n} billion rupiah, between {n} in 2011 and {n} in 2013"),
            [values[2012], values[2011], values[2013]], 2)
    with pytest.raises(ValueError):
        data.pdrb_matrices([2011, 2012], level="kabkota")
    kept = data.pdrb_matrices([2011, 2012], level="kabkota", suspect="keep")
    competitive = measures.shift_share(kept[2011], kept[2012]).loc[("Morowali", "H"), "competitive"]
    _agrees(_quoted(lesson_04_text, "a competitive effect of +{n} billion rupiah, a boom that vanishes"), [competitive], 1)


@pytest.fixture(scope="module")
def io_04() -> dict:
    tables = {p: data.load_io_table(p) for p in IO_PROVINCES_04}
    return {"tables": tables,
            "leontief": {p: measures.linkages(t.flows, t.total_output) for p, t in tables.items()},
            "ghosh": {p: measures.linkages(t.flows, t.total_output, forward="ghosh") for p, t in tables.items()}}


def test_lesson_04_key_sectors_and_multipliers(lesson_04_text, io_04):
    flows = io_04["tables"]["Sulawesi Selatan"].flows
    _agrees(_quoted(lesson_04_text, "bought about {n} trillion rupiah of inputs from the province's agriculture"),
            [flows.loc["A", "C"] / 1e6], 1)
    _agrees(_quoted(lesson_04_text, "its construction (column F) about {n} trillion from the province's manufacturing"),
            [flows.loc["C", "F"] / 1e6], 1)
    links = io_04["leontief"]
    # the key sectors from the definition: both indices above 1, with the Leontief inverse's row and column means
    for province, table in io_04["tables"].items():
        coefficients = table.flows.to_numpy() / table.total_output.to_numpy()[None, :]
        inverse = pd.DataFrame(np.linalg.inv(np.eye(len(coefficients)) - coefficients), index=table.flows.index,
                               columns=table.flows.columns)
        mean = inverse.to_numpy().mean()
        key = (inverse.mean(axis=0) / mean > 1) & (inverse.mean(axis=1) / mean > 1)
        assert list(key.index[key]) == list(links[province].index[links[province]["key_sector"]]), province
    key = {p: list(l.index[l["key_sector"]]) for p, l in links.items()}
    assert key == {"Sulawesi Selatan": ["C", "D"], "Kepulauan Riau": ["C", "D", "G", "I", "J"],
                   "Papua Barat": ["C", "D", "H"]}
    assert ("The key sectors are manufacturing (C) and electricity and gas (D) in Sulawesi Selatan; C, D, trade (G), "
            "accommodation and food (I) and information and communication (J) in Kepulauan Riau; C, D and transport (H) "
            "in Papua Barat.") in lesson_04_text
    assert all(l["output_multiplier"].idxmax() == "D" for l in links.values())
    _agrees(_quoted(lesson_04_text, "Electricity and gas has the largest output multiplier in all three ({n}, {n} and {n})"),
            [links[p].loc["D", "output_multiplier"] for p in IO_PROVINCES_04], 2)
    _agrees(_quoted(lesson_04_text, "Kepulauan Riau's manufacturing is a key sector by a hair: its backward index is {n}"),
            [links["Kepulauan Riau"].loc["C", "backward"]], 3)
    assert not any(l.loc["C", "key_sector"] for l in io_04["ghosh"].values())
    assert "Manufacturing is no longer a key sector in any of the three" in lesson_04_text
    assert all(set(l.index[l["key_sector"]]) >= {"C", "D"} for l in links.values())


def test_lesson_04_linkages_against_location_quotients(lesson_04_text, io_04):
    pdrb_2016 = data.pdrb_matrix(2016, level="province", suspect="keep")
    pdrb_2016.loc["Papua Barat"] += pdrb_2016.loc["Papua Barat Daya"]
    lq = measures.location_quotient(pdrb_2016.drop(index="Papua Barat Daya"))
    links = io_04["leontief"]
    sulsel, kepri, papua_barat = (links[p] for p in IO_PROVINCES_04)
    _agrees(_quoted(lesson_04_text, "agriculture has an LQ of {n}, a basis sector"), [lq.loc["Sulawesi Selatan", "A"]], 2)
    _agrees(_quoted(lesson_04_text, "yet it is not a key sector (its backward index is {n})"), [sulsel.loc["A", "backward"]], 2)
    assert not sulsel.loc["A", "key_sector"] and sulsel.loc["C", "key_sector"]
    _agrees(_quoted(lesson_04_text, "Manufacturing has an LQ of only {n}"), [lq.loc["Sulawesi Selatan", "C"]], 2)
    _agrees(_quoted(lesson_04_text, "mining has an LQ of {n} but a backward index of {n}"),
            [lq.loc["Papua Barat", "B"], papua_barat.loc["B", "backward"]], 2)
    _agrees(_quoted(lesson_04_text, "Electricity and gas has an LQ of {n}, one of the smallest"), [lq.loc["Papua Barat", "D"]], 2)
    assert "D" in lq.loc["Papua Barat"].nsmallest(3).index
    assert papua_barat.loc["D", "output_multiplier"] == max(l["output_multiplier"].max() for l in links.values())
    _agrees(_quoted(lesson_04_text, "manufacturing is specialised (LQ {n}) and a key sector, but only just, and its "
                                    "multiplier is low ({n})"),
            [lq.loc["Kepulauan Riau", "C"], kepri.loc["C", "output_multiplier"]], 2)
    table = io_04["tables"]["Kepulauan Riau"]
    outside = table.inputs.loc[["imports_abroad", "imports_other_provinces"], "C"].sum() / table.total_output["C"]
    inside = table.flows["C"].sum() / table.total_output["C"]
    _agrees(_quoted(lesson_04_text, "it spent {n}% of the value of its output on inputs bought outside the province "
                                    "(from abroad or from other provinces), against {n}% on inputs from the province"),
            [100 * outside, 100 * inside], 1)
