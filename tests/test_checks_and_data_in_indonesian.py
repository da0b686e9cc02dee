"""Check feedback, hints, the data loaders' messages and the real-data widgets in Indonesian.

Driven through the public functions with ``use_language("id")``: every lesson's exercises answer in
Indonesian (right, unanswered, a typical mistake, odd input), the loaders explain bad tables in
Indonesian, and the real-data widgets show BPS's Indonesian sector names, the Indonesian Klassen
terms and Indonesian numbers, while every number and every code value stays the same as in English."""
from __future__ import annotations

import html
import io
import re

import matplotlib.text
import numpy as np
import pandas as pd
import pytest

from klaster import checks, data, i18n, measures, pdrb
from klaster.checks import REGISTRY, evaluate
from klaster.errors import KlasterValueError
from klaster.i18n import translated, use_language
from klaster.measures.klassen import KLASSEN, klassen_label
from klaster.widgets.io_linkages import IOLinkageExplorer
from klaster.widgets.real_pdrb import RealPdrbExplorer

from _answer_forms import odd_inputs

LESSONS = sorted({i[:2] for i in REGISTRY})
# A sample of every lesson: its first, middle and last exercise.
SAMPLE = sorted({ids[k] for lesson in LESSONS
                 for ids in [sorted(i for i in REGISTRY if i.startswith(lesson))]
                 for k in (0, len(ids) // 2, -1)})


def _expected_and_mistakes(exercise):
    """The right answer and the applicable mistakes, computed as the checks do: in English."""
    with use_language("en"):
        return exercise.expected(), [(m, v) for m in exercise.mistakes if (v := m.compute()) is not None]


def test_the_sample_covers_every_lesson():
    assert {i[:2] for i in SAMPLE} == set(LESSONS) and len(LESSONS) == 11


@pytest.mark.parametrize("exercise_id", SAMPLE)
def test_feedback_and_hints_in_indonesian(exercise_id):
    exercise = REGISTRY[exercise_id]
    expected, mistakes = _expected_and_mistakes(exercise)
    with use_language("id"):
        right = evaluate(exercise_id, expected)
        unanswered = evaluate(exercise_id, None)
        wrong = [(m, evaluate(exercise_id, value)) for m, value in mistakes]
    assert right.correct and right.message == f"Latihan {exercise_id}: benar. Bagus sekali!"
    assert not unanswered.correct and unanswered.message.startswith(f"Latihan {exercise_id}: belum dijawab.")
    assert wrong, f"{exercise_id} has no applicable mistake"
    for mistake, result in wrong:
        assert not result.correct
        assert result.message.startswith(f"Latihan {exercise_id}: belum tepat. Petunjuk: ")
        hint_id = translated(mistake.hint, "id")
        assert hint_id != mistake.hint, f"{exercise_id}: the hint {mistake.hint!r} has no Indonesian text"
        with use_language("id"):
            shown = mistake.render(exercise.args)
        assert shown in result.message
        with use_language("en"):
            english = evaluate(exercise_id, mistake.compute()).message
        assert english.startswith(f"Exercise {exercise_id}: not yet. Hint: ") and english != result.message


@pytest.mark.parametrize("exercise_id", sorted(REGISTRY))
def test_every_prompt_and_hint_has_an_indonesian_text(exercise_id):
    exercise = REGISTRY[exercise_id]
    for text in [exercise.prompt, exercise.hint] + [m.hint for m in exercise.mistakes]:
        assert translated(text, "id") != text, f"{exercise_id}: no Indonesian text for {text!r}"
    with use_language("id"):
        prompt = exercise.rendered_prompt()
    assert prompt and "{" not in prompt and prompt != exercise.rendered_prompt()


@pytest.mark.parametrize("exercise_id", SAMPLE)
def test_odd_answers_are_explained_in_indonesian(exercise_id):
    for name, answer in odd_inputs().items():
        with use_language("id"):
            result = evaluate(exercise_id, answer)
        with use_language("en"):
            english = evaluate(exercise_id, answer)
        assert not result.correct, (exercise_id, name)
        assert result.message.startswith(f"Latihan {exercise_id}: ") and result.message != english.message, name


@pytest.mark.parametrize("exercise_id", [i for i in SAMPLE if REGISTRY[i].kind == "number"])
def test_no_indonesian_message_gives_the_answer_away(exercise_id):
    exercise = REGISTRY[exercise_id]
    expected, mistakes = _expected_and_mistakes(exercise)
    answers = [value for _m, value in mistakes] + list(odd_inputs().values()) + [0.123, "Nowhere"]
    with use_language("id"):
        messages = [evaluate(exercise_id, answer).message for answer in answers]
    places = [p for p in (exercise.decimals, 2, 3, 4) if p is not None and p > 0]
    for p in places:
        dotted = f"{float(expected):.{p}f}"
        if float(dotted) == 0:
            continue
        for message in messages:
            assert dotted not in message and dotted.replace(".", ",") not in message, (exercise_id, message)


def test_precision_phrases_and_generic_hints_in_indonesian():
    with use_language("id"):
        assert checks._precision_text("number", 2, None) == "sampai 2 angka desimal"
        assert checks._precision_text("number", 1, None) == "sampai 1 angka desimal"
        assert checks._precision_text("number", -3, None) == "dibulatkan ke 1.000 terdekat"
        assert checks._precision_text("count", None, None) == "sebagai bilangan bulat"
    with use_language("en"):
        assert checks._precision_text("number", -3, None) == "to the nearest 1,000"
        goal = REGISTRY["00.3"].expected()
    with use_language("id"):
        near = evaluate("00.3", goal + 0.008)          # within three half-units of 2 decimals, not within one
        sign = evaluate("00.3", -goal)
    assert near.message == ("Latihan 00.3: belum tepat. Petunjuk: Anda sudah dekat, tetapi belum dalam ketelitian "
                            "yang diminta: berikan jawaban sampai 2 angka desimal (bulatkan; jangan memotong digit, "
                            "dan jangan membulatkan hasil antara).")
    assert "tandanya tidak" in sign.message


def test_a_name_exercise_lists_its_options_in_indonesian():
    with use_language("id"):
        message = evaluate("04.7", "nowhere").message
    assert message.startswith("Latihan 04.7: belum tepat. Petunjuk: jawaban harus salah satu dari")
    assert "'strong and advancing'" in message  # the codes a student types stay the same


# --- the data loaders --------------------------------------------------------------------------

BAD_TABLES = [
    ("provinsi,kbli\nAceh,10\n", r"tidak memiliki kolom nilai \(misalnya 'workers'\)"),
    ("province,division,workers\nAceh,10,lima\n", r"teks 'lima' di tempat yang seharusnya berisi angka, untuk wilayah 'Aceh'"),
    ("province,division,workers\nAceh,10,1.234.567\n", "pemisah ribuan"),
    ("province,division,workers\nAceh,10,-4.5\n", r"wilayah 'Aceh', industri '10' negatif \(-4,5\)"),
    ("province,division,workers\nAceh,10,\nBali,10,3\n", r"Nilai untuk wilayah 'Aceh', industri '10' kosong"),
    ("province,division,workers\nJawa Tengah,10,1\njawa tengah ,12,2\n", r"Wilayah 'Jawa Tengah' dieja dengan lebih dari satu cara"),
    ("province,division,workers\nAceh,10,1\nAceh,10,2\n", "lebih dari satu baris untuk wilayah 'Aceh'"),
    ("province,division,year,workers\nAceh,10,2019,1\nBali,10,2019,1\nAceh,10,2024,2\n",
     r"Tahun 2019 dan 2024 tidak mencakup wilayah yang sama: 'Bali' ada pada 2019 tetapi tidak ada pada 2024"),
    ("province,division,year,workers\nAceh,10,2019,1\nAceh,11,2024,2\n", "tidak mencakup industri yang sama"),
    ("province,division,workers\nAceh,10,0\n", "Semua nilai dalam tabel ini nol"),
    ("province,division,workers\nIndonesia,10,5\nAceh,10,5\n", r"baris 'Indonesia' yang tampak seperti angka nasional"),
    ("", "Berkas ini kosong"),
]


@pytest.mark.parametrize("text, message", BAD_TABLES, ids=[m[:30] for _t, m in BAD_TABLES])
def test_user_table_problems_get_one_indonesian_sentence(text, message):
    with use_language("id"), pytest.raises(KlasterValueError) as error:
        data.load_user_table(io.StringIO(text))
    assert re.search(message, str(error.value)), str(error.value)
    assert str(error.value).count(". ") == 0 and "Traceback" not in str(error.value)
    with use_language("en"), pytest.raises(KlasterValueError) as english:
        data.load_user_table(io.StringIO(text))
    assert str(english.value) != str(error.value)


def test_missing_files_columns_and_divisions_in_indonesian(tmp_path):
    with use_language("id"):
        with pytest.raises(KlasterValueError, match="nope.csv. tidak ada; periksa nama dan foldernya"):
            data.load_user_table(tmp_path / "nope.csv")
        (tmp_path / "old.xls").write_text("x")
        with pytest.raises(KlasterValueError, match="berkas Excel lama"):
            data.load_user_table(tmp_path / "old.xls")
        with pytest.raises(KlasterValueError, match="Tidak ada kolom 'pekerja' untuk nilai"):
            data.load_user_table(io.StringIO("province,division,workers\nAceh,10,1\n"), value="pekerja")
        with pytest.raises(KlasterValueError, match="Tidak ada golongan pokok 'Mebel'.*Makanan"):
            data.division_code("Mebel")
        with pytest.raises(KlasterValueError, match="Panel tidak memuat tahun 2020; panel mencakup 2019, 2024"):
            data.employment_matrix(2020)


def test_pdrb_messages_and_suspect_reasons_follow_the_language():
    with use_language("id"):
        with pytest.raises(KlasterValueError, match="Tidak ada wilayah 'Batamm' dalam data PDRB; mungkin maksud "
                                                    "Anda 'Kota Batam'"):
            data.find_region("Batamm")
        with pytest.raises(KlasterValueError, match=r"sel yang diragukan.*Kepulauan Riau, 2019, sektor B.*"
                                                    r"suspect='drop'"):
            data.pdrb_matrix(2019)
        with pytest.raises(KlasterValueError, match="Data PDRB mencakup 2010–2022"):
            data.pdrb_matrix(2030)
        with pytest.raises(KlasterValueError, match="jumlah kabupaten/kotanya"):
            data.pdrb_reference(2022, "Papua Tengah")
        reasons_id = data.pdrb_suspect_cells().set_index(["level", "bps_code", "year", "sector_code", "rule"])
        sectors_id = data.pdrb_sectors()
    reasons_en = data.pdrb_suspect_cells().set_index(["level", "bps_code", "year", "sector_code", "rule"])
    assert reasons_id.index.equals(reasons_en.index)                       # the same cells, only the words differ
    assert (reasons_id["value"].to_numpy() == reasons_en["value"].to_numpy()).all()
    spike = reasons_en.xs("spike", level="rule").index[0]
    english, indonesian = reasons_en.loc[(*spike, "spike"), "reason"], reasons_id.loc[(*spike, "spike"), "reason"]
    assert english.startswith("jumps to ") and indonesian.startswith("melonjak menjadi ")
    number = re.search(r"jumps to ([\d,]+\.\d\d)", english).group(1)
    assert number.translate(str.maketrans({",": ".", ".": ","})) in indonesian   # 1.234,56 in Indonesian
    # sector names: BPS's Indonesian names in `sector`, English in `sector_en` in both languages,
    # the chart label in the course language
    c = sectors_id.set_index("sector_code").loc["C"]
    assert c["sector"] == "Industri Pengolahan" and c["sector_en"] == "Manufacturing"
    assert c["sector_short"] == "Industri pengolahan"
    assert data.pdrb_sectors().set_index("sector_code").loc["C", "sector_short"] == "Manufacturing"


def test_io_table_notes_follow_the_language():
    with use_language("id"):
        notes_id = data.load_io_table("Papua Barat").notes
    notes_en = data.load_io_table("Papua Barat").notes
    assert notes_en and len(notes_id) == len(notes_en)
    assert notes_en[0].startswith("The final-demand columns of sector B add up to 1,097,306 million rupiah")
    assert notes_id[0].startswith("Kolom-kolom permintaan akhir sektor B berjumlah 1.097.306 juta rupiah")


def test_klassen_and_dynamic_classes_in_both_languages():
    for quadrant, (term, gloss) in KLASSEN.items():
        with use_language("en"):
            assert klassen_label(quadrant) == f"{gloss} ({term})"
        with use_language("id"):
            assert klassen_label(quadrant) == term
    assert klassen_label(None) == "" and klassen_label(pd.NA) == ""
    m = data.pdrb_matrices([2015, 2022], level="kabkota", province="Sulawesi Tengah")
    english = measures.klassen_typology(m[2015], m[2022])
    with use_language("id"):
        indonesian = measures.klassen_typology(m[2015], m[2022])
        dynamics_id = measures.basis_dynamics(measures.location_quotient(m[2022]),
                                              measures.dynamic_location_quotient(m, average="geometric"))
    pd.testing.assert_frame_equal(english, indonesian)      # the table is data: the same in both languages
    dynamics_en = measures.basis_dynamics(measures.location_quotient(m[2022]),
                                          measures.dynamic_location_quotient(m, average="geometric"))
    assert set(dynamics_en["class"].dropna()) <= {"basis, staying basis", "basis, losing ground",
                                                  "non-basis, gaining ground", "non-basis, staying non-basis"}
    assert set(dynamics_id["class"].dropna()) <= {"basis, tetap basis", "basis, melemah", "nonbasis, menguat",
                                                  "nonbasis, tetap nonbasis"}
    assert (dynamics_en["class"].isna() == dynamics_id["class"].isna()).all()


# --- the real-data widgets, driven in Indonesian ------------------------------------------------

def _figure_texts(widget) -> list[str]:
    return [t.get_text() for t in widget.view.figure.findobj(matplotlib.text.Text) if t.get_visible()
            and t.get_text()]


def _plain(value: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", value)).split())


@pytest.fixture(scope="module")
def pdrb_pair():
    english = RealPdrbExplorer()
    with use_language("id"):
        indonesian = RealPdrbExplorer()
    return english, indonesian


def test_real_pdrb_explorer_speaks_indonesian(pdrb_pair):
    english, indonesian = pdrb_pair
    assert english.province.description == "Province:" and indonesian.province.description != "Province:"
    assert indonesian.search.description == "Cari:" and indonesian.search.placeholder.startswith("ketik")
    assert dict(indonesian.reference.options) == {"Indonesia": "nation", "provinsinya": "province"}
    assert np.allclose(english.result["lq"].to_numpy(), indonesian.result["lq"].to_numpy())
    texts = _figure_texts(indonesian)
    assert "C Industri pengolahan" in texts and "C Manufacturing" in _figure_texts(english)
    assert "Morowali: LQ 2022 terhadap Indonesia" == indonesian.lq_ax.get_title()
    assert "komponen\nnasional" in [t.get_text() for t in indonesian.ss_ax.get_xticklabels()]
    reading = _plain(indonesian.reading.value)
    growth = 100 * (english.result["end_total"] / english.result["start_total"] - 1)
    with use_language("id"):
        shown = i18n.number(growth, "+.1f")
    assert f"({shown}%)" in reading and "," in shown
    assert reading.startswith("Antara 2015 dan 2022, PDRB Morowali berubah dari ")
    assert "Sektor basis (LQ > 1) pada 2022: Pertambangan, Industri pengolahan." in reading
    table = _plain(indonesian.table.value)
    assert "Tipologi Klassen" in table and "sektor maju dan tumbuh pesat" in table
    assert "advanced" not in table and "advanced and fast-growing (sektor maju dan tumbuh pesat)" in _plain(
        english.table.value)
    with use_language("id"):
        lq_c = i18n.number(float(english.result["lq"]["C"]), ".2f")
    assert "," in lq_c and f"C Industri pengolahan {lq_c}" in " ".join(table.split())
    legend = [t.get_text() for t in indonesian.view.figure.legends[0].get_texts()]
    assert "1 maju dan tumbuh pesat" in legend and "sel yang diragukan" in legend


def test_real_pdrb_explorer_controls_and_problems_in_indonesian():
    with use_language("id"):
        widget = RealPdrbExplorer(province="Jawa Timur", kabkota="Malang", start=2014, end=2016)
        assert "Sel-sel Malang yang diragukan" in _plain(widget.warning.value)
        assert "melonjak menjadi" in _plain(widget.warning.value)
        widget.start.value = 2016
        widget.end.value = 2015
        assert "Pilih tahun awal yang lebih dulu daripada tahun akhir." in _plain(widget.warning.value)
        widget.start.value, widget.end.value = 2015, 2022
        widget.search.value = "Batamm"
        assert "mungkin maksud Anda 'Kota Batam'" in _plain(widget.warning.value)
        widget.search.value = "Kota Batam"
        assert widget.result["name"] == "Kota Batam" and widget.province.value == "Kepulauan Riau"
        widget.reference.value = "province"
        assert widget.lq_ax.get_title() == "Kota Batam: LQ 2022 terhadap Kepulauan Riau"
        assert "pertumbuhan di Kepulauan Riau (%)" in _plain(widget.table.value)
        late = RealPdrbExplorer(province="Sulawesi Tenggara", kabkota="Muna Barat", start=2011, end=2019)
        assert "Muna Barat belum ada pada 2011" in _plain(late.warning.value)


def test_io_linkage_explorer_speaks_indonesian():
    english = IOLinkageExplorer()
    with use_language("id"):
        widget = IOLinkageExplorer()
        assert widget.table["key_sector"].equals(english.table["key_sector"])          # the same numbers
        assert np.allclose(widget.table["output_multiplier"], english.table["output_multiplier"])
        assert set(widget.table["linkage_class"]) <= {"sektor kunci", "keterkaitan ke belakang kuat",
                                                      "keterkaitan ke depan kuat", "keterkaitan lemah"}
        reading = _plain(widget.reading.value)
        top = english.table["output_multiplier"].idxmax()
        value = i18n.number(float(english.table.loc[top, "output_multiplier"]), ".2f")
        assert reading.startswith("Sektor kunci Sulawesi Selatan") and f"membangkitkan {value} rupiah" in reading
        assert "," in value and "C Industri pengolahan" in reading
        assert widget.link_ax.get_xlabel() == "indeks daya penyebaran (keterkaitan ke belakang)"
        legend = [t.get_text() for t in widget.view.figure.legends[0].get_texts()]
        assert legend == ["sektor kunci", "keterkaitan ke belakang kuat", "keterkaitan ke depan kuat",
                          "keterkaitan lemah"]
        widget.forward.value = "ghosh"
        assert "invers Ghosh" in _plain(widget.caption.value)
        widget.province.value = "Papua Barat"
        notes = _plain(widget.notes.value)
        assert notes.startswith("Tabel 2016 Papua Barat mencakup provinsi itu sebelum Papua Barat Daya dimekarkan")
        assert "Kolom-kolom permintaan akhir sektor B berjumlah 1.097.306 juta rupiah" in notes
        widget.view.figure.canvas.draw()
        ticks = [t.get_text() for t in widget.mult_ax.get_xticklabels() if t.get_text()]
        assert ticks and all("," in t for t in ticks)
        assert widget.bar_names[-1].get_text() == "D Listrik dan gas"


def test_command_line_messages_in_indonesian(capsys, monkeypatch):
    from klaster import slides

    monkeypatch.setattr(slides, "lesson_paths", lambda root=None: [])
    with use_language("id"):
        assert slides.main(["--check"]) == 0
        with pytest.raises(SystemExit):
            slides.main(["--help"])
    assert "hanya laporkan notebook yang metadatanya kedaluwarsa" in " ".join(capsys.readouterr().out.split())
