"""The lesson widgets of lessons 00-04 and 10, the capstone report, the course map and the
friendly-error line in Indonesian: driven through their controls in Indonesian mode, they show
Indonesian texts and write numbers the Indonesian way (1.234,5), while the values that code
compares (option values, table columns) stay the same in both languages."""
from __future__ import annotations

import html
import re
from datetime import date

import matplotlib.text
import numpy as np
import pytest

from klaster import capstone, data, i18n, measures
from klaster.course import course_map
from klaster.indicators import INDICATORS, province_indicators
from klaster.widgets.anatomy import ClusterMapBuilder
from klaster.widgets.base import FigureView
from klaster.widgets.capstone import ReportBuilder
from klaster.widgets.cluster_test import ClusterTest
from klaster.widgets.diamond import DiamondScorecard
from klaster.widgets.location_quotient import LQCalculator, LQExplorer, StarsExplorer, read_location_quotient
from klaster.widgets.shift_share import ALL_DIVISIONS, PortfolioExplorer, ShiftShareExplorer
from klaster.widgets.start_here import ProvinceMapExplorer, widgets_check


def indonesian_number(value, spec: str) -> str:
    """What ``format(value, spec)`` looks like in Indonesian: the thousands dot and the decimal comma swapped."""
    return format(value, spec).translate(str.maketrans({",": ".", ".": ","}))


@pytest.fixture
def indonesian():
    with i18n.use_language("id"):
        yield
    assert i18n.language() == "en"


def figure_texts(widget) -> list[str]:
    return [t.get_text() for view in vars(widget).values() if isinstance(view, FigureView)
            for t in view.figure.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text()]


# --- lesson 00 ---------------------------------------------------------------------------

def test_widgets_check_sentence_is_indonesian(indonesian):
    box = widgets_check()
    slider, sentence = box.children
    slider.value = 7
    assert slider.description == "Angka:"
    assert "<b>7</b> kuadrat adalah <b>49</b>" in sentence.value and "Widget berfungsi" in sentence.value


def test_map_explorer_options_and_caption_in_indonesian(indonesian):
    explorer = ProvinceMapExplorer()
    labels = dict(explorer.variable.options)
    assert labels["Kepadatan penduduk"] == "Population density"        # the value stays the English key
    assert set(labels.values()) == set(INDICATORS)
    explorer.variable.value = "Population"
    table = province_indicators()
    top = table["population_millions"].idxmax()
    expected = indonesian_number(table.loc[top, "population_millions"], ".1f")
    assert f"Tertinggi: {table.loc[top, 'name']} ({expected})" in explorer.caption.value
    assert "Sumber: Kemendagri (2025)" in explorer.caption.value
    assert explorer.map.ax.get_title() == "Jumlah penduduk, 2025, menurut provinsi"
    codes = list(explorer.map.codes)
    assert explorer.map.value_texts[codes.index(top)].get_text() == expected
    explorer.variable.value = "Micro and small manufacturing workers, 2013"
    assert "8 provinsi tidak memiliki data yang sebanding" in explorer.caption.value


def test_course_map_titles_follow_the_language_and_the_columns_do_not(indonesian):
    table = course_map()
    with i18n.use_language("en"):
        english = course_map()
    assert list(table.columns) == list(english.columns) == ["lesson", "notebook", "title", "judul", "minutes",
                                                             "available"]
    assert table["notebook"].tolist() == english["notebook"].tolist()
    assert table["title"].tolist() == table["judul"].tolist() == english["judul"].tolist()
    assert english.loc[3, "title"] == "Measuring clusters: location quotients and stars"
    assert table.loc[3, "title"] == "Mengukur klaster: kuosien lokasi dan bintang klaster"
    assert (table["title"] != english["title"]).sum() >= 9      # a few words (April...) may be the same


def test_friendly_error_line_is_indonesian(indonesian):
    from klaster.errors import KlasterValueError
    from klaster.notebook import _show_message

    class Shell:
        def _showtraceback(self, etype, value, lines):
            self.lines = lines

    shell = Shell()
    _show_message(shell, KlasterValueError, KlasterValueError("x"), None)
    assert "Masalah pada masukan:" in shell.lines[0] and "Problem" not in shell.lines[0]


# --- lesson 01 and 02 --------------------------------------------------------------------

def test_cluster_test_speaks_indonesian_and_keeps_its_codes(indonesian):
    tester = ClusterTest()
    assert tester.relations.description == "Hubungan antarperusahaan:"
    assert [value for _label, value in tester.geography.options] == ["co-located", "spread out"]
    assert "menurut 6 dari 6 definisi" in tester.summary.value
    assert tester.verdicts.value.count(">ya<") == 6
    tester.scenario_buttons["estate"].click()
    assert "menurut 0 dari 6 definisi" in tester.summary.value and tester.verdicts.value.count(">tidak<") == 6
    tester.households.value = -3
    assert "tidak boleh negatif" in tester.message.value


def test_cluster_map_builder_messages_and_caption_in_indonesian(indonesian):
    builder = ClusterMapBuilder()
    assert dict(builder.role.options)["pemasok"] == "supplier"
    builder.remove()
    assert "Pilih aktor dalam daftar terlebih dahulu" in builder.message.value
    builder.name.value = "penjual amplas"
    builder.role.value = "supplier"
    builder.add()
    assert "'penjual amplas' ditambahkan sebagai pemasok" in html.unescape(builder.message.value)
    assert "Jumlah aktor per peran:" in builder.counts.value
    count = len(builder.table)
    assert f"{count} aktor." in builder.caption.value and "Gambar: diagram cincin" in builder.caption.value
    assert builder.diagram.ax.get_title().startswith("Anatomi klaster: ")


def test_diamond_scorecard_in_indonesian(indonesian, tmp_path):
    card = DiamondScorecard(path=str(tmp_path / "skor.json"))
    assert dict(card.compare.options)["tidak ada"] == "nothing"
    assert card.chart.ax.get_title().startswith("Berlian Porter: ")
    assert "Gambar: diagram radar" in card.caption.value and "Mengapa kursus memberi skor seperti ini untuk" in card.reasoning.value
    card.copy_compared()
    assert "Penggeser kini memuat skor" in card.message.value
    card.save()
    assert "disimpan pada" in card.message.value and "1 entri tersimpan" in card.message.value
    card.compare.value = "nothing"
    card.copy_compared()
    assert "Pilih klaster pembanding terlebih dahulu." in card.message.value


# --- lesson 03 -------------------------------------------------------------------------------

def test_lq_calculator_in_indonesian_with_decimal_commas(indonesian):
    calc = LQCalculator()
    lq = measures.location_quotient_from_counts(1714, 79006, 879213, 15593224)
    assert f"LQ = {indonesian_number(lq, '.2f')}." in calc.result.value
    assert "kurang terwakili" in calc.result.value
    regional = 100 * 1714 / 79006
    assert f"Wilayah: {indonesian_number(regional, '.2f')}% tenaga kerja" in calc.result.value
    assert calc.bar_labels[1].get_text() == f" {indonesian_number(regional, '.2f')}%"
    assert calc.ax.get_title() == "Pangsa tenaga kerja industri: wilayah dibandingkan nasional"
    assert calc.ax.xaxis.get_major_formatter()(2.5) == "2,5"
    assert [t.get_text() for t in calc.ax.get_yticklabels()] == ["nasional", "wilayah"]
    calc.regional_industry.value = 60000
    assert "sangat terspesialisasi" in calc.result.value


def test_read_location_quotient_in_indonesian(indonesian):
    assert read_location_quotient(2.5, "Jawa Tengah", "Furniture") == (
        "LQ = 2,50. Jawa Tengah sangat terspesialisasi pada Furniture: calon klaster yang patut dicermati lebih "
        "lanjut.")
    assert read_location_quotient(float("nan")).startswith("Kuosien lokasi tidak terdefinisi")


def test_lq_explorer_in_indonesian(indonesian):
    explorer = LQExplorer()
    explorer.division.value = data.division_label("Electronics")
    lq = measures.location_quotient(data.employment_matrix(2024))[data.division_label("Electronics")]
    top = lq.idxmax()
    assert f"Tertinggi: {top} (LQ {indonesian_number(lq[top], '.2f')})" in explorer.caption.value
    assert explorer.ranking_ax.get_title() == "Peringkat provinsi menurut LQ Komputer dan elektronik, 2024 (data sintetis)"
    codes = dict(zip(explorer.provinces["name"], explorer.provinces["bps_code"]))
    shown = explorer.tile_map.value_texts[list(explorer.tile_map.codes).index(codes[top])].get_text()
    assert shown == indonesian_number(lq[top], ".2f")
    explorer.province.value = "Kepulauan Bangka Belitung"
    assert explorer.profile_ax.get_title().startswith("Kepulauan Bangka Belitung: LQ setiap golongan pokok")
    assert "Paling terspesialisasi (LQ ≥ 1,25)" in explorer.profile_caption.value


def test_stars_explorer_table_in_indonesian_number_style(indonesian):
    widget = StarsExplorer()
    first = widget.stars.iloc[0]
    assert f">{indonesian_number(first['employment'], ',.0f')}<" in widget.table.value
    assert f">{indonesian_number(first['lq'], '.2f')}<" in widget.table.value
    assert "pasangan provinsi–golongan pokok memiliki minimal 2 bintang" in widget.summary.value
    assert "<th>golongan pokok</th>" in widget.table.value and "ukuran, spesialisasi, fokus" in widget.table.value
    widget.lq_threshold.value = 3.5
    assert "LQ ≥ 3,5" in widget.summary.value


# --- lesson 04 -------------------------------------------------------------------------------

def test_shift_share_explorer_in_indonesian(indonesian):
    widget = ShiftShareExplorer()
    assert widget.division.options[0] == ("Semua golongan pokok", ALL_DIVISIONS)
    parts = measures.shift_share(data.employment_matrix(2019), data.employment_matrix(2024)).loc["Jawa Tengah"].sum()
    change = indonesian_number(abs(parts["total_change"]), ",.0f")
    assert f"di Jawa Tengah bertambah {change} orang" in widget.reading.value
    assert "(bauran industri, industry mix)" in widget.reading.value
    assert widget.ax.get_title() == "Jawa Tengah, industri pengolahan: perubahan tenaga kerja 2019–2024"
    assert [t.get_text() for t in widget.ax.get_xticklabels()][1:4] == ["pertumbuhan\nnasional", "bauran\nindustri",
                                                                        "daya\nsaing"]
    assert widget.ax.yaxis.get_major_formatter()(3_657_221) == "3.657.221"
    widget.division.value = data.division_label("Apparel")
    assert "tenaga kerja Pakaian jadi di Jawa Tengah" in widget.reading.value


def test_portfolio_explorer_in_indonesian(indonesian):
    widget = PortfolioExplorer()
    assert dict(widget.mode.options) == {"Satu provinsi": "province", "Satu golongan pokok": "division"}
    assert widget.caption.value.count("Gambar: diagram gelembung, satu gelembung untuk setiap golongan pokok") == 1
    assert widget.ax.get_title() == "Portofolio klaster: Jawa Tengah (data sintetis)"
    assert widget.ax.xaxis.get_major_formatter()(0.5) == "0,5"
    assert widget.ax.yaxis.get_major_formatter()(-0.25) == "\u22120,25"
    widget.mode.value = "division"
    assert "satu gelembung untuk setiap provinsi" in widget.caption.value


# --- lesson 10 -------------------------------------------------------------------------------

def test_report_builder_and_report_in_indonesian(indonesian, tmp_path):
    builder = ReportBuilder(folder=tmp_path)
    n = builder.profile().numbers
    assert f"{data.division_label('Furniture')} di Jawa Tengah: {indonesian_number(n['industry_jobs_end'], ',.0f')} tenaga kerja, " \
           f"LQ {indonesian_number(n['industry_lq'], '.2f')}" in builder.summary.value
    assert builder.texts["conclusion"].placeholder == "Teks Anda untuk '7. Kesimpulan'"
    builder.texts["economy"].value = "Jawa Tengah punya banyak perajin mebel."
    builder.write.click()
    assert "Laporan disimpan di" in builder.status.value and "Bagian yang belum berisi teks Anda" in builder.status.value
    builder.write.click()
    status = html.unescape(builder.status.value)
    assert "sudah ada" in status and "Centang 'Ganti berkas yang sudah ada dengan nama ini'" in status
    page = (tmp_path / "my_cluster_profile.html").read_text(encoding="utf-8")
    assert "<html lang='id'>" in page and "Jawa Tengah punya banyak perajin mebel." in page


@pytest.fixture(scope="module")
def profile():
    return capstone.build_profile("Jawa Tengah", "Furniture")


def test_capstone_report_is_indonesian_in_indonesian_mode(profile, indonesian):
    page = capstone.report_html(profile, {"economy": "Teks saya."}, author="Siti")
    text = re.sub(r"<[^>]+>", " ", re.sub(r"data:image/png;base64,[^\"]+", "", page))
    for key, english in capstone.SECTIONS.items():
        assert i18n.translated(english, "id") in page and english not in page, key
    assert "Disusun oleh Siti pada" in text and "Sumber dan metode" in text
    month = i18n.translated(capstone.MONTHS[date.today().month - 1], "id")
    assert f"{date.today().day} {month} {date.today().year}" in text
    n = profile.numbers
    assert f"Tenaga kerja: {indonesian_number(n['jobs_start'], ',.0f')} pada 2019" in text
    assert f"LQ <b>{indonesian_number(n['industry_lq'], '.2f')}</b>" in page
    assert page.count("(Belum ada teks untuk bagian ini.)") == len(capstone.SECTIONS) - 1
    assert len(re.findall(r'<figcaption>Gambar: ', page)) == 2
    top = profile.tables["top_industries"]
    assert f"<td>{indonesian_number(top['jobs'].iloc[0], ',.0f')}</td>" in page
    assert "<th>pangsa dalam tenaga kerja wilayah (%)</th>" in page
    # the profile's own tables are data: English column names and plain numbers in both languages
    assert list(top.columns) == ["jobs", "share of region's jobs (%)", "LQ"]
    for english_word in ("Prepared by", "Candidate clusters", "Sources and methods", "Largest industries", "Figure:"):
        assert english_word not in text


def test_capstone_errors_are_indonesian(profile, indonesian, tmp_path):
    with pytest.raises(ValueError, match="Tidak ada wilayah 'Atlantis' dalam tabel"):
        capstone.build_profile("Atlantis", "Furniture")
    with pytest.raises(ValueError, match="berakhiran .html"):
        capstone.write_report(profile, tmp_path / "laporan.txt")


# --- widths: no figure text leaves its figure -------------------------------------------------

def texts_outside_their_figure(widget) -> list[str]:
    found = []
    for view in (v for v in vars(widget).values() if isinstance(v, FigureView)):
        figure = view.figure
        renderer = figure.canvas.get_renderer()
        hidden = set()
        for ax in figure.axes:
            for axis in (ax.xaxis, ax.yaxis):
                low, high = sorted(axis.get_view_interval())
                hidden.update(id(label) for tick in axis.get_major_ticks() + axis.get_minor_ticks()
                              if not low - 1e-9 <= tick.get_loc() <= high + 1e-9 for label in (tick.label1, tick.label2))
        for text in figure.findobj(matplotlib.text.Text):
            if not text.get_visible() or not text.get_text().strip() or id(text) in hidden:
                continue
            box = text.get_window_extent(renderer)
            if box.x0 < -1 or box.x1 > figure.bbox.width + 1 or box.y0 < -1 or box.y1 > figure.bbox.height + 1:
                found.append(text.get_text())
    return found


@pytest.mark.parametrize("language", ["en", "id"])
def test_long_titles_and_labels_stay_inside_their_figures(language):
    with i18n.use_language(language):
        shift = ShiftShareExplorer(province="Kepulauan Bangka Belitung", division="Repair & installation")
        assert texts_outside_their_figure(shift) == []
        shift.division.value = ALL_DIVISIONS
        assert texts_outside_their_figure(shift) == []
        explorer = LQExplorer(province="Kepulauan Bangka Belitung", division="Repair & installation")
        assert texts_outside_their_figure(explorer) == []
        portfolio = PortfolioExplorer(growth="relative_job_growth")
        assert texts_outside_their_figure(portfolio) == []
        assert portfolio.ax.yaxis.label.get_fontsize() >= 8
        portfolio.growth.value = "lq_change"      # a short label gets its full size back
        assert portfolio.ax.yaxis.label.get_fontsize() == pytest.approx(portfolio.ax.yaxis.label._klaster_base_size)
        assert np.isfinite(shift.ax.title.get_fontsize()) and shift.ax.title.get_fontsize() >= 9
