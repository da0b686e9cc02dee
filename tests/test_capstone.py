"""Lesson 10: the cluster profile, the report (content, sections, numbers, no
silent overwrite), the user-data path with the broken examples, and the
report builder widget driven as a student would."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from klaster import capstone, data, measures
from klaster.widgets.capstone import ReportBuilder

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def profile():
    return capstone.build_profile("Jawa Tengah", "Furniture")


def test_profile_numbers_are_the_library_numbers(profile):
    start, end = data.employment_matrix(2019), data.employment_matrix(2024)
    n = profile.numbers
    assert n["industry_lq"] == pytest.approx(measures.location_quotient(end).loc["Jawa Tengah", "Furniture"])
    assert n["shift_share_industry"]["competitive"] == pytest.approx(
        measures.shift_share(start, end).loc[("Jawa Tengah", "Furniture"), "competitive"])
    assert n["locational_gini"] == pytest.approx(measures.locational_gini(end)["Furniture"])
    assert n["jobs_growth_pct"] == pytest.approx(100 * (end.loc["Jawa Tengah"].sum() / start.loc["Jawa Tengah"].sum() - 1))
    assert n["industry_stars"] == int(measures.cluster_stars(end).loc[("Jawa Tengah", "Furniture"), "stars"])
    assert -1 < n["eg_gamma"] < 1 and n["eg_plants"] > 0


def test_report_has_every_section_the_numbers_and_the_students_text(profile):
    page = capstone.report_html(profile, {"economy": "Central Java has many furniture makers.",
                                          "conclusion": "First paragraph.\n\nSecond <b>paragraph</b>."},
                                author="Siti")
    for title in capstone.SECTIONS.values():
        assert html_escape(title) in page
    assert "Central Java has many furniture makers." in page
    assert "Second &lt;b&gt;paragraph&lt;/b&gt;." in page          # student text is escaped
    assert f"LQ <b>{profile.numbers['industry_lq']:.2f}</b>" in page
    assert f"{profile.numbers['industry_jobs_end']:,.0f} jobs" in page
    assert len(re.findall(r'<img alt="[^"]+" src="data:image/png;base64,', page)) == 2
    assert page.count("No text written for this section yet") == len(capstone.SECTIONS) - 2
    assert "Prepared by Siti" in page and "synthetic" in page


def html_escape(text):
    import html
    return html.escape(text)


def test_write_report_never_overwrites_without_permission(profile, tmp_path):
    path = tmp_path / "report.html"
    capstone.write_report(profile, path, text={"economy": "first"})
    first = path.read_text()
    with pytest.raises(ValueError, match="already exists"):
        capstone.write_report(profile, path, text={"economy": "second"})
    assert path.read_text() == first
    capstone.write_report(profile, path, text={"economy": "second"}, overwrite=True)
    assert "second" in path.read_text()
    with pytest.raises(ValueError, match="ending in .html"):
        capstone.write_report(profile, tmp_path / "report.pdf")
    with pytest.raises(ValueError, match="does not exist"):
        capstone.write_report(profile, tmp_path / "missing" / "r.html")
    with pytest.raises(ValueError, match="Unknown report section"):
        capstone.report_html(profile, {"intro": "x"})


def test_profile_on_a_students_own_table():
    tidy = data.load_user_table(ROOT / "data" / "user_table_example.csv")
    start_year, start, end_year, end = capstone.matrices_from_user_table(tidy)
    assert (start_year, end_year) == (2019, 2024)
    own = capstone.build_profile("Jawa Tengah", "Furniture", start=start, end=end, start_year=start_year, end_year=end_year)
    assert own.numbers["industry_lq"] == pytest.approx(measures.location_quotient(end).loc["Jawa Tengah", "Furniture"])
    assert "eg_gamma" not in own.numbers
    assert "not computed" in capstone.report_html(own, data_note="made-up example")
    with pytest.raises(ValueError, match="no region 'Bali'"):
        capstone.build_profile("Bali", "Food", start=start, end=end, start_year=2019, end_year=2024)
    with pytest.raises(ValueError, match="exactly two"):
        capstone.matrices_from_user_table(tidy[tidy["year"] == 2019])


@pytest.mark.parametrize("name, message", [
    ("missing_column.csv", "no value (such as 'workers') column"),
    ("text_in_numbers.csv", "text 'sekitar 95 ribu' where a number should be"),
    ("negative_value.csv", "is negative"),
    ("two_spellings.csv", "spelled in more than one way"),
    ("years_do_not_match.csv", "do not cover the same regions"),
])
def test_each_broken_example_gets_its_one_sentence(name, message):
    with pytest.raises(ValueError) as problem:
        data.load_user_table(ROOT / "data" / "broken_examples" / name)
    assert message in str(problem.value)


def test_report_builder_writes_asks_before_replacing_and_keeps_the_text(tmp_path):
    builder = ReportBuilder(folder=tmp_path, file_name="my_report.html")
    assert "Furniture in Jawa Tengah" in builder.summary.value
    builder.province.value = "Jawa Barat"
    builder.division.value = "Textiles"
    assert "Textiles in Jawa Barat" in builder.summary.value
    builder.texts["conclusion"].value = "Textiles is losing ground."
    builder.author.value = "Budi"
    builder.write.click()
    page = (tmp_path / "my_report.html").read_text()
    assert "Report written to" in builder.status.value
    assert "Textiles is losing ground." in page and "Textiles in Jawa Barat" in page and "Budi" in page
    builder.texts["conclusion"].value = "A new conclusion."
    builder.write.click()
    assert "already exists" in builder.status.value and "Tick" in builder.status.value
    assert (tmp_path / "my_report.html").read_text() == page          # nothing replaced
    assert builder.texts["conclusion"].value == "A new conclusion."   # nothing lost
    builder.replace.value = True
    builder.write.click()
    assert "A new conclusion." in (tmp_path / "my_report.html").read_text()
    assert builder.replace.value is False                              # asks again next time
    builder.file_name.value = "  "
    builder.write.click()
    assert "Give the report a file name" in builder.status.value
