"""The widgets of lessons 05-09 in Indonesian: driven as a student or a facilitator would drive them,
with assertions on the Indonesian texts and on numbers written the Indonesian way (1.234,5).

A saved strategy plan does not depend on the language it was made in: saved in Indonesian it loads in
English and the other way round, with the same keys and values."""
from __future__ import annotations

import json

import numpy as np
import pytest

from klaster import data, i18n, strategy
from klaster.city_size import CitySizeModel
from klaster.dartboard import division_plant_sizes, real_concentration
from klaster.i18n.mpl import LocalScalarFormatter
from klaster.widgets.cases import CaseComparer
from klaster.widgets.city_size import CitySizeExplorer
from klaster.widgets.concentration import LorenzExplorer
from klaster.widgets.core_periphery import CorePeripheryExplorer, read_equilibria
from klaster.widgets.dartboard import DartboardExplorer
from klaster.widgets.strategy import NEW, StrategyApp, _parse_optional_number


@pytest.fixture
def indonesian():
    with i18n.use_language("id"):
        yield


def indonesian_style(text: str) -> str:
    """1,234.5 -> 1.234,5 (what the Indonesian widgets must show for an English-style number)."""
    return text.translate(str.maketrans({",": ".", ".": ","}))


def tick_texts(axis) -> list[str]:
    axis.figure.canvas.draw()
    return [t.get_text() for t in axis.get_ticklabels() if t.get_text()]


# ---------------------------------------------------------------------------
# Lessons 06-08
# ---------------------------------------------------------------------------

def test_city_size_explorer_in_indonesian(indonesian):
    city = CitySizeExplorer()
    assert city.sigma.description == "σ (aglomerasi):" and city.outside.description == "w₀ (alternatif):"
    city.cost.value = 8.0
    model = CitySizeModel(A=100.0, sigma=city.sigma.value, B=8.0, tau=city.tau.value)
    optimum = model.optimal_size()
    assert city.optimum == pytest.approx(optimum)
    assert f"N* = {indonesian_style(f'{optimum:,.2f}')} juta" in city.result.value
    assert "Manfaat bersih per pekerja paling tinggi" in city.result.value
    assert city.ax_net.get_title() == "Manfaat bersih per pekerja"
    assert city.ax_curves.get_xlabel() == "ukuran kota N (juta penduduk)"
    assert [t.get_text() for t in city.ax_net.get_legend().get_texts()][1] == "pendapatan alternatif w₀"
    assert "Ini model, bukan data." in city.caption.value
    assert isinstance(city.ax_net.xaxis.get_major_formatter(), LocalScalarFormatter)
    city.outside.value = 110.0  # no size pays that much: the problem is said in Indonesian
    assert "Tidak ada ukuran kota yang memberi sebanyak pendapatan alternatif" in city.message.value
    assert city.ax_net.get_title() == "Tidak ada ukuran yang mencapai w₀"


def test_city_size_sentence_follows_the_literature_constant(indonesian, monkeypatch):
    import klaster.widgets.city_size as module

    city = CitySizeExplorer()
    low, high = module.LITERATURE_DOUBLING_GAIN
    assert f"rentang {low:.0%}–{high:.0%} yang dilaporkan" in city.result.value
    monkeypatch.setattr(module, "LITERATURE_DOUBLING_GAIN", (0.03, 0.09))
    city.sigma.value = 0.07
    assert "rentang 3%–9% yang dilaporkan" in city.result.value


def test_lorenz_explorer_in_indonesian(indonesian):
    lorenz = LorenzExplorer()
    lorenz.division.value = data.division_label("Food")
    lorenz.year.value = 2019
    assert lorenz.division.description == "Golongan pokok:" and lorenz.year.description == "Tahun:"
    assert f"Gini lokasional <b>{indonesian_style(f'{lorenz.gini_value:.3f}')}</b>" in lorenz.result.value
    assert f"koefisien Hoover <b>{indonesian_style(f'{lorenz.hoover_value:.3f}')}</b>" in lorenz.result.value
    assert lorenz.ax.get_title() == "Kurva Lorenz Makanan, 2019 (panel SINTETIS)"  # years keep no separator
    assert lorenz.top_label.get_text().startswith("langkah terakhir: ")
    ticks = tick_texts(lorenz.ax.xaxis)
    assert "0,2" in ticks and "0.2" not in ticks


def test_core_periphery_explorer_in_indonesian(indonesian):
    explorer = CorePeripheryExplorer()
    assert explorer.transport_cost.description == "biaya transportasi T"
    assert "tiga hasil yang stabil" in explorer.reading.value
    t_break = indonesian_style(f"{explorer.t_break:.3f}")
    assert f"Titik pecah T<sub>B</sub> = {t_break}" in explorer.reading.value
    assert explorer.ax_gap.get_title() == "Selisih upah riil, T = 1,70, σ = 5, μ = 0,4"
    explorer.transport_cost.value = 1.2
    assert "Pada T = 1,20 transportasi murah (di bawah titik pecah)" in explorer.reading.value
    explorer.transport_cost.value = 2.5
    assert "satu-satunya keseimbangan stabil" in explorer.reading.value and "λ = 0,5" in explorer.reading.value
    explorer.mu.value = 0.7  # T_B and T_S lie beyond the axis, then the no-black-hole condition breaks
    assert "berada di luar tepi kanan" in explorer.caption.value
    explorer.sigma.value = 2.0
    assert "syarat tanpa lubang hitam" in explorer.message.value
    assert "Gambar masih menampilkan pengaturan sah yang terakhir." in explorer.message.value
    ticks = tick_texts(explorer.ax_tomahawk.xaxis)
    assert "1,5" in ticks and "1.5" not in ticks


def test_reading_lists_shares_in_indonesian(indonesian):
    from klaster import core_periphery as cp

    table = cp.equilibria(mu=0.4, sigma=5, transport_cost=1.7)
    text = read_equilibria(table, 1.7)
    low = table.loc[table["kind"] == "uneven (interior)", "share"].iloc[0]
    assert indonesian_style(f"{low:.2f}").rstrip("0") in text and " dan " in text
    assert "Sejarahlah yang menentukan." in text


def test_dartboard_explorer_in_indonesian(indonesian):
    darts = DartboardExplorer()
    darts.plants.value = 40
    assert "Papan dart dengan 40 pabrik rekaan: H = <b>" in darts.result.value
    H = darts.simulated.attrs["H"]
    assert f"H = <b>{indonesian_style(f'{H:.4f}')}</b>" in darts.result.value
    assert darts.ax_G.get_title() == "Konsentrasi mentah G, 500 undian acak"
    darts.division.value = data.division_label("Food")
    darts.own_plants.value = True
    sizes = division_plant_sizes("Food")
    assert len(sizes) >= 1000  # so that the thousands separator shows
    assert f"{indonesian_style(f'{len(sizes):,}')} pabrik milik {data.division_label('Food')} sendiri" in darts.result.value
    real, _ = real_concentration(2024)
    assert f"γ nyata <b>{indonesian_style(format(real.loc[data.division_label('Food'), 'gamma'], '.3f'))}</b>" in darts.result.value
    assert "Dengan pabriknya sendiri" in darts.result.value
    darts.own_plants.value = False
    darts.plants.value = 1
    assert "Dengan satu pabrik saja, H = 1 dan γ tidak terdefinisi" in darts.message.value
    assert darts.plants.value == 1


# ---------------------------------------------------------------------------
# Lesson 09: the case comparer
# ---------------------------------------------------------------------------

def test_case_comparer_in_indonesian(indonesian):
    comparer = CaseComparer(cases=("jepara", "cibaduyut"), lens="size")
    assert comparer.cases.description == "Kasus:" and comparer.lens.description == "Lensa:"
    assert "<th>klaster</th>" in comparer.table.value and "<th>cakupan</th>" in comparer.table.value
    assert "<td>15.271</td>" in comparer.table.value and "<td>15,271</td>" not in comparer.table.value
    assert comparer.ax.get_title() == "Ukuran kasus: jumlah unit usaha dan tenaga kerja terbaru"
    texts = [t.get_text() for t in comparer.ax.texts]
    assert any(t.startswith("sekitar 170.000 (2007;") for t in texts)
    assert "1.000" in [t.get_text() for t in comparer.ax.get_xticklabels()]
    assert comparer.caption.value.startswith("<i>Gambar: batang mendatar")
    comparer.lens.value = "workers per firm"
    assert "<th>tenaga kerja per unit usaha</th>" in comparer.table.value
    assert any(t.get_text().startswith("11,1 (2007;") for t in comparer.ax.texts)  # 170,000 / 15,271
    comparer.lens.value = "trajectory"
    assert comparer.ax.get_title() == "Lintasan: angka bertanggal paling awal dibandingkan paling akhir"
    assert any("sumber berbeda" in t.get_text() for t in comparer.ax.texts)
    comparer.lens.value = "anatomy"
    assert "terdokumentasi" in [t.get_text() for t in comparer.ax.texts]
    comparer.cases.value = ("kasongan",)
    assert comparer.current is None
    note = [t.get_text() for ax in comparer.view.figure.axes if ax.get_visible() for t in ax.texts]
    assert note == ["Pilih sedikitnya dua kasus untuk dibandingkan."]


def test_case_comparer_in_english_keeps_english_numbers():
    comparer = CaseComparer(cases=("jepara", "cibaduyut"), lens="size")
    assert "15,271" in comparer.table.value and "<th>cluster</th>" in comparer.table.value


# ---------------------------------------------------------------------------
# Lesson 05: the strategy workshop app
# ---------------------------------------------------------------------------

@pytest.fixture
def app_id(tmp_path, indonesian):
    return StrategyApp(path="lokakarya.json", folder=tmp_path)


def test_strategy_app_speaks_indonesian(app_id):
    app = app_id
    assert [app.tabs.get_title(i) for i in range(5)] == ["1. Mobilisasi", "2. Diagnosis", "3. Strategi",
                                                         "4. Implementasi", "5. Evaluasi"]
    assert "Langkah 1 dari 5 — Mobilisasi" in app.step_hint.value
    assert (app.save_button.description, app.load_button.description, app.restore_button.description) == (
        "Simpan", "Muat", "Pulihkan simpanan otomatis")
    assert app.sh_pick.options[0] == ("(baru)", NEW) and app.sh_pick.value == NEW
    assert [value for _, value in app.sh_type.options] == list(strategy.STAKEHOLDER_TYPES)  # values stay codes
    app.tabs.selected_index = 1
    assert "Langkah 2 dari 5 — Diagnosis</b>:" in app.step_hint.value  # no bracket with the same word
    app.sh_name.value = "Asosiasi mebel"
    app.sh_influence.value, app.sh_interest.value = 4, 5
    app.sh_add.click()
    assert "Asosiasi mebel ditambahkan" in app.sh_message.value
    assert "<th" in app.sh_table.value and "pengaruh</th>" in app.sh_table.value
    app.sh_pick.value = NEW
    app.sh_update.click()
    assert "Pilih dahulu pemangku kepentingan yang akan diubah" in app.sh_message.value


def test_strategy_app_writes_rupiah_and_numbers_the_indonesian_way(app_id):
    app = app_id
    app.objectives.value = "Menjangkau pembeli\nMeningkatkan mesin\nMempertahankan lapangan kerja"
    app.act_pick.value = NEW
    app.act_name.value = "Stan pameran dagang"
    app.act_objective.value = "Menjangkau pembeli"
    app.act_owner.value = "Asosiasi"
    app.act_start.value, app.act_duration.value = 2, 2
    app.act_cost.value = 150_000_000.0
    app.act_quick.value = True
    app.act_add.click()
    assert "Aksi &#x27;Stan pameran dagang&#x27; ditambahkan." in app.act_message.value
    assert "Rp 150.000.000" in app.act_table.value and "Rp 150,000,000" not in app.act_table.value
    app.tabs.selected_index = 3
    assert "1 aksi dalam jangka waktu 24 bulan; jumlah biaya Rp 150.000.000; 1 hasil cepat." in app.impl_summary.value
    app.tabs.selected_index = 4
    app.kpi_name.value = "Unit usaha yang mengekspor"
    app.kpi_unit.value = "unit usaha"
    app.kpi_baseline.value, app.kpi_target.value = 1000.0, 2000.0
    app.kpi_latest.value = "1.750"          # Indonesian thousands separator
    app.kpi_add.click()
    assert app.plan.kpis[0].latest == 1750.0
    assert "IKU &#x27;Unit usaha yang mengekspor&#x27; ditambahkan" in app.kpi_message.value
    assert "1.750" in app.kpi_table.value and "75%" in app.kpi_table.value
    app.kpi_pick.value = "Unit usaha yang mengekspor"
    assert app.kpi_latest.value == "1750"
    app.kpi_latest.value = "abc"
    app.kpi_update.click()
    assert "Nilai terakhir &#x27;abc&#x27; bukan angka" in app.kpi_message.value


def test_indonesian_number_entry():
    with i18n.use_language("id"):
        assert _parse_optional_number("1.250") == 1250.0
        assert _parse_optional_number("1.250.000") == 1_250_000.0
        assert _parse_optional_number("0,75") == 0.75
        assert _parse_optional_number("1.250,5") == 1250.5
        assert _parse_optional_number("0.5") == 0.5        # as code writes it
        assert _parse_optional_number("") is None
        with pytest.raises(ValueError):
            _parse_optional_number("satu")
    assert _parse_optional_number("1,250") == 1250.0 and _parse_optional_number("0.75") == 0.75


def test_strategy_diagnosis_numbers_in_indonesian_style(app_id):
    app = app_id
    app.tabs.selected_index = 1
    app.province.value = "Jawa Barat"
    app.division.value = data.division_label("Textiles")
    numbers = strategy.diagnosis_numbers("Jawa Barat", "Textiles")
    assert indonesian_style(f"{numbers['lq_end']:.2f}") in app.diag_numbers.value
    assert indonesian_style(f"{numbers['competitive']:+,.0f}") in app.diag_numbers.value
    assert "(Data sintetis.)" in app.diag_reading.value
    assert "<th" in app.diag_numbers.value and "ukuran</th>" in app.diag_numbers.value


def _keys(value):
    """Every dictionary key in a JSON document, with its path."""
    if isinstance(value, dict):
        return {(k, *rest) for k, v in value.items() for rest in [()] + [tuple(p) for p in _keys(v)]}
    if isinstance(value, list):
        return set().union(*(_keys(v) for v in value)) if value else set()
    return set()


def _fill_plan(app):
    app.sh_name.value = "Dinas Perindustrian"
    app.sh_type.value = "government"
    app.sh_add.click()
    app.objectives.value = "Naikkan ekspor\nLatih perajin\nPerbaiki bahan baku"
    app.act_name.value = "Pelatihan desain"
    app.act_objective.value = "Latih perajin"
    app.act_owner.value = "Dinas Perindustrian"
    app.act_cost.value = 25_000_000.0
    app.act_add.click()
    app.kpi_name.value = "LQ mebel"
    app.kpi_unit.value = "LQ"
    app.kpi_baseline.value, app.kpi_target.value = 1.5, 2.0
    app.kpi_latest.value = "1,8" if i18n.language() == "id" else "1.8"
    app.kpi_measure.value = "lq"
    app.kpi_add.click()
    app.save_button.click()


@pytest.mark.parametrize("made_in, read_in", [("id", "en"), ("en", "id")])
def test_a_saved_plan_reads_the_same_in_both_languages(tmp_path, made_in, read_in):
    with i18n.use_language(made_in):
        first = StrategyApp(path="rencana.json", folder=tmp_path)
        _fill_plan(first)
        saved = json.loads((tmp_path / "rencana.json").read_text(encoding="utf-8"))["plan"]
    assert saved["stakeholders"][0]["type"] == "government"      # keys and codes, never translated
    assert saved["kpis"][0]["measure"] == "lq" and saved["kpis"][0]["latest"] == 1.8
    with i18n.use_language(read_in):
        second = StrategyApp(path="rencana.json", folder=tmp_path, autosave=False)
        second.load_button.click()
        assert second.plan == first.plan
        second.sh_pick.value = "Dinas Perindustrian"
        second.kpi_pick.value = "LQ mebel"
        assert second.sh_type.value == "government" and second.kpi_measure.value == "lq"
        assert second.kpi_latest.value == ("1,8" if read_in == "id" else "1.8")
        word = "dimuat" if read_in == "id" else "Loaded"
        assert word in second.status.value
    with i18n.use_language(read_in):  # the same plan made in the other language gives a file with the same keys
        other_folder = tmp_path / "other"
        other_folder.mkdir()
        third = StrategyApp(path="rencana.json", folder=other_folder)
        _fill_plan(third)
        again = json.loads((other_folder / "rencana.json").read_text(encoding="utf-8"))["plan"]
    assert _keys(again) == _keys(saved)
    assert again["stakeholders"] == saved["stakeholders"] and again["actions"] == saved["actions"]
    assert again["kpis"] == saved["kpis"]


def test_strategy_charts_number_style(app_id):
    app = app_id
    app.tabs.selected_index = 4
    app.kpi_name.value = "Ekspor"
    app.kpi_unit.value = "%"
    app.kpi_baseline.value, app.kpi_target.value = 0.0, 10.0
    app.kpi_latest.value = "5"
    app.kpi_add.click()
    ticks = tick_texts(app.dash_ax.xaxis)
    assert any("," in t for t in ticks) and not any("." in t for t in ticks)
    assert np.isclose(app.plan.kpis[0].latest, 5.0)


# ---------------------------------------------------------------------------
# Widths: no text is cut off in either language
# ---------------------------------------------------------------------------

def _cut_off_texts(instance) -> set[str]:
    """Texts of the widget's figures (titles, labels, legends, notes; not tick labels) that reach past the
    figure's edge, and control labels longer than the width they are given."""
    import matplotlib.text

    from klaster.widgets.base import FigureView

    found = set()
    for view in (v for v in vars(instance).values() if isinstance(v, FigureView)):
        figure = view.figure
        view.render(fresh=True)
        renderer = figure.canvas.get_renderer()
        ticks = {id(t) for ax in figure.axes for axis in (ax.xaxis, ax.yaxis)
                 for tick in axis.get_major_ticks() + axis.get_minor_ticks() for t in (tick.label1, tick.label2)}
        for text in figure.findobj(matplotlib.text.Text):
            if (id(text) in ticks or not text.get_visible() or not text.get_text().strip()
                    or (text.axes is not None and not text.axes.get_visible())):
                continue
            box = text.get_window_extent(renderer)
            if box.x0 < -1 or box.y0 < -1 or box.x1 > figure.bbox.width + 1 or box.y1 > figure.bbox.height + 1:
                found.add(text.get_text())
    return found


def _label_overflows(instance) -> set[str]:
    """Control descriptions wider than their description width (an estimate: 7.5 px per character at 13 px)."""
    import ipywidgets as widgets

    from widget_texts import _descendants

    found = set()
    for item in _descendants(instance.widget):
        if isinstance(item, (widgets.Button, widgets.Checkbox, widgets.ToggleButtons)) or not getattr(
                item, "description", ""):
            continue
        width = getattr(item.style, "description_width", "") or "80px"
        if width.endswith("px") and 7.5 * len(item.description) > float(width[:-2]) + 4:
            found.add(item.description)
    return found


@pytest.mark.parametrize("language", ["en", "id"])
@pytest.mark.parametrize("cls", [CitySizeExplorer, LorenzExplorer, CorePeripheryExplorer, DartboardExplorer,
                                 CaseComparer], ids=lambda c: c.__name__)
def test_no_text_is_cut_off(cls, language):
    with i18n.use_language(language):
        widget = cls()
        assert not _cut_off_texts(widget)
        assert not _label_overflows(widget)


@pytest.mark.parametrize("language", ["en", "id"])
def test_no_text_of_the_strategy_app_is_cut_off(language, tmp_path):
    with i18n.use_language(language):
        app = StrategyApp(plan=strategy.jepara_case(), folder=tmp_path, autosave=False)
        for tab in range(5):
            app.tabs.selected_index = tab
            assert not _cut_off_texts(app)
        assert not _label_overflows(app)


def test_names_typed_by_the_user_are_never_translated(app_id):
    app = app_id
    app.sh_name.value = "Save"          # an English word that the catalog translates
    app.sh_add.click()
    names = [t.get_text() for t in app.sh_ax.texts]
    assert "Save" in names and "Simpan" not in names
    assert ">Save</td>" in app.sh_table.value and ">Simpan</td>" not in app.sh_table.value
    assert app.sh_ax.get_title() == _("Stakeholders: influence/interest grid")  # the chart's own texts are


from klaster.i18n import _  # noqa: E402
