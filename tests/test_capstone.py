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


# ---------------------------------------------------------------------------
# The real-data path: any kabupaten/kota or province from BPS's PDRB
# ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def morowali():
    return capstone.build_pdrb_profile("Morowali", "C", 2015, 2022)


def _labelled(matrix):
    labels = dict(zip(data.pdrb_sectors()["sector_code"], data.pdrb_sectors()["sector_short"]))
    return matrix.rename(columns=labels)


def test_pdrb_profile_numbers_are_the_library_numbers_on_the_real_tables(morowali):
    tables = data.pdrb_matrices([2015, 2022], level="kabkota")          # no suspect cell in 2015 or 2022
    start, end = _labelled(tables[2015]), _labelled(tables[2022])
    n = morowali.numbers
    assert (morowali.unit, morowali.region, morowali.industry) == ("pdrb", "Morowali", "Manufacturing")
    assert morowali.end.shape == end.shape and morowali.left_out == [] and morowali.suspect_cells == []
    assert n["industry_lq"] == pytest.approx(measures.location_quotient(end).loc["Morowali", "Manufacturing"])
    assert n["shift_share_industry"]["competitive"] == pytest.approx(
        measures.shift_share(start, end).loc[("Morowali", "Manufacturing"), "competitive"])
    assert n["total_end"] == pytest.approx(end.loc["Morowali"].sum())
    assert n["reference_growth_pct"] == pytest.approx(100 * (end.to_numpy().sum() / start.to_numpy().sum() - 1))
    assert "eg_gamma" not in n and morowali.plants is None
    assert morowali.tables["top_industries"].columns[0] == capstone.PDRB_VALUE


def test_pdrb_profile_against_the_province_uses_only_its_kabupaten_kota():
    own = capstone.build_pdrb_profile("morowali", "Industri Pengolahan", 2015, 2022, reference="province")
    end = _labelled(data.pdrb_matrix(2022, level="kabkota", province="Sulawesi Tengah"))
    assert list(own.end.index) == list(end.index)
    assert own.numbers["industry_lq"] == pytest.approx(measures.location_quotient(end).loc["Morowali",
                                                                                            "Manufacturing"])
    assert "Sulawesi Tengah" in own.reference and "Sulawesi Tengah" in own.data_note


def test_pdrb_profile_of_a_province_among_the_38():
    maluku = capstone.build_pdrb_profile("Maluku Utara", "B", 2015, 2022)
    end = _labelled(data.pdrb_matrix(2022, level="province"))
    assert len(maluku.end) == 38
    assert maluku.numbers["industry_lq"] == pytest.approx(measures.location_quotient(end).loc["Maluku Utara", "Mining"])


def test_suspect_cells_are_never_used_silently():
    # Bekasi's mining in 2014 is about 100 times too large (data/README.md): the profile stops and names it
    with pytest.raises(ValueError) as problem:
        capstone.build_pdrb_profile("Bekasi", "B", 2014, 2019)
    assert "Bekasi has 2 suspect cell(s) in 2014 or 2019" in str(problem.value)
    assert "suspect='keep'" in str(problem.value)
    kept = capstone.build_pdrb_profile("Bekasi", "B", 2014, 2019, suspect="keep")
    assert {(year, cell) for year, cell, _reason in kept.suspect_cells} == {(2014, "B"), (2014, "total")}
    page = capstone.report_html(kept)
    assert "Suspect cells used as published" in page and "2 suspect cell(s) of Bekasi used as published" in page
    # the other regions with suspect cells in 2014 are left out of the comparison, and the report says so
    flagged = data.pdrb_suspect_cells()
    flagged = set(flagged[(flagged["level"] == "kabkota") & flagged["year"].isin([2014, 2019])]["region"])
    assert set(kept.left_out) == flagged - {"Bekasi"} and kept.left_out
    assert not set(kept.left_out) & set(kept.start.index) and "Bekasi" in kept.start.index
    assert "Left out of the comparison" in page and "Kota Pekalongan" in page


@pytest.mark.parametrize("args, kwargs, message", [
    (("Morowalli", "C", 2015, 2022), {}, "There is no region 'Morowalli' in the PDRB data; did you mean 'Morowali'?"),
    (("Narnia", "C", 2015, 2022), {}, "There is no region 'Narnia' in the PDRB data"),
    (("Morowali", "C", 2015, 2023), {}, "The PDRB data cover 2010–2022; there is no year 2023."),
    (("Morowali", "C", 2009, 2022), {}, "there is no year 2009"),
    (("Morowali", "C", 2022, 2015), {}, "The start year (2022) must come before the end year (2015)."),
    (("Morowali", "C", "2015", 2022), {}, "A year is a whole number such as 2019"),
    (("Morowali Utara", "C", 2010, 2015), {}, "Morowali Utara did not exist yet in 2010"),
    (("Jawa Barat", "C", 2015, 2019), {"reference": "province"},
     "Jawa Barat is a province: compare it with the nation"),
    (("Morowali", "C", 2015, 2019), {"reference": "island"}, "reference must be 'nation'"),
    (("Morowali", "C", 2015, 2019), {"suspect": "drop"}, "suspect must be 'raise'"),
    (("Morowali", "E", 2015, 2022), {}, "sector E is missing in 2021 and 2022"),
    (("Morowali", "nickel", 2015, 2022), {}, "There is no PDRB sector 'nickel'"),
    (("Indonesia", "C", 2015, 2022), {}, "Indonesia is the reference"),
])
def test_pdrb_profile_bad_input_gets_one_clear_sentence(args, kwargs, message):
    with pytest.raises(ValueError) as problem:
        capstone.build_pdrb_profile(*args, **kwargs)
    assert message in str(problem.value)
    assert str(problem.value).count(". ") <= 2  # one sentence (two when it says what to do instead)


def test_pdrb_report_speaks_of_pdrb_not_jobs(morowali):
    page = capstone.report_html(morowali, {"economy": "Nickel smelters."})
    assert "Cluster profile: Manufacturing in Morowali" in page
    assert "BPS PDRB by sector at constant 2010 prices" in page and "synthetic" not in page
    assert f"PDRB {morowali.numbers['industry_end']:,.1f} billion rupiah" in page
    assert "Candidate sectors" in page and "Largest sectors" in page
    assert " jobs" not in page.replace("instead of jobs by industry", "")
    assert len(re.findall(r'<img alt="[^"]+" src="data:image/png;base64,', page)) == 2
    assert "Nickel smelters." in page


def test_report_builder_on_a_real_pdrb_profile(morowali, tmp_path):
    builder = ReportBuilder(profile=morowali, folder=tmp_path, file_name="morowali.html")
    assert builder.province.disabled and builder.division.disabled
    assert builder.province.value == "Morowali" and builder.division.value == "Manufacturing"
    assert "Manufacturing in Morowali: PDRB" in builder.summary.value and "billion rupiah" in builder.summary.value
    assert "BPS PDRB" in builder.widget.children[0].value
    builder.texts["conclusion"].value = "Nickel processing carries the kabupaten."
    builder.write.click()
    page = (tmp_path / "morowali.html").read_text(encoding="utf-8")
    assert "Report written to" in builder.status.value
    assert "Nickel processing carries the kabupaten." in page and "billion rupiah" in page


def test_what_lesson_10_says_about_the_real_data_holds():
    import nbformat
    lesson = nbformat.read(ROOT / "notebooks" / "10_capstone.ipynb", as_version=4)
    prose = "\n".join(c.source for c in lesson.cells if c.cell_type == "markdown")
    pdrb = data.load_pdrb("kabkota")
    # "In 2014, Bekasi's mining value is about a hundred times the value of the years around it"
    assert "Bekasi's mining value is about a hundred times the value of the years around it" in prose
    mining = pdrb[(pdrb["region"] == "Bekasi") & (pdrb["sector_code"] == "B")].set_index("year")["value"]
    for year in (2013, 2015):
        assert 80 < mining[2014] / mining[year] < 120
    assert pdrb.set_index(["region", "year", "sector_code"]).loc[("Bekasi", 2014, "B"), "suspect"]
    # "Morowali, where the nickel boom shows in the data": its manufacturing and mining soar, 2015-2022
    assert "Morowali, where the nickel boom shows in the data" in prose
    morowali = pdrb[pdrb["region"] == "Morowali"].pivot(index="year", columns="sector_code", values="value")
    assert morowali.loc[2022, "C"] > 10 * morowali.loc[2015, "C"]
    assert morowali.loc[2022, "B"] > 2 * morowali.loc[2015, "B"]
    assert "Lessons 03 and 04 use it" in prose
