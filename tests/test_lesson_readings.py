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
