"""The data loaders: published tables as published, correct dtypes, and the
student-data loader's one-sentence messages."""
import io

import pandas as pd
import pytest

from klaster import data, measures
from klaster.errors import KlasterValueError
from klaster.i18n import set_language

from conftest import ROOT
from test_notebooks import mostly_english


def test_provinces_match_published_totals():
    provinces = data.load_provinces()
    assert len(provinces) == 38
    assert provinces["population"].sum() == 284_973_643          # Kemendagri (2025)
    assert provinces["area_km2"].sum() == pytest.approx(1_890_179.784)  # BIG (2024)
    assert provinces["bps_code"].is_unique and provinces["iso"].is_unique
    assert not provinces.duplicated(["tile_col", "tile_row"]).any()
    density = provinces["population"] / provinces["area_km2"]
    assert (density - provinces["density"]).abs().max() < 0.05   # stored rounded to 0.1
    assert provinces["bps_code"].map(type).eq(str).all()
    assert str(provinces["population"].dtype) == "int64"


def test_micro_small_workers_tidy_and_missing_left_missing():
    table = data.load_micro_small_workers()
    assert list(table.columns) == ["bps_code", "province", "year", "size_class", "workers"]
    assert len(table) == 33 * 2 * 2
    assert set(table["size_class"]) == {"micro", "small"}
    assert str(table["workers"].dtype) == "Int64"
    papua_2014 = table[(table["province"] == "Papua") & (table["year"] == 2014)]
    assert papua_2014["workers"].isna().all() and len(papua_2014) == 2
    assert table["workers"].isna().sum() == 2
    sulut = table.set_index(["province", "year", "size_class"]).loc[("Sulawesi Utara", 2014, "small"), "workers"]
    assert sulut == 420  # kept as published, flagged in data/README.md
    jateng_micro_2013 = table.set_index(["bps_code", "year", "size_class"]).loc[("33", 2013, "micro"), "workers"]
    assert jateng_micro_2013 == 1_196_625


def test_panel_and_matrix_loaders_agree():
    panel = data.load_employment_panel()
    assert set(panel["year"]) == set(data.PANEL_YEARS)
    matrix = data.employment_matrix(2024)
    assert matrix.shape == (38, 24)
    assert matrix.to_numpy().sum() == panel.loc[panel["year"] == 2024, "workers"].sum()
    by_code = data.employment_matrix(2024, labels="code")
    assert list(by_code.columns[:2]) == ["10", "11"]
    assert by_code.loc["33"].sum() == matrix.loc["Jawa Tengah"].sum()
    with pytest.raises(ValueError, match="no year 2000"):
        data.employment_matrix(2000)


def test_plants_and_divisions_loaders():
    plants = data.load_plants()
    assert {"plant_id", "bps_code", "division", "workers"} <= set(plants.columns)
    assert plants["division"].str.fullmatch(r"\d\d").all()
    divisions = data.load_divisions()
    assert len(divisions) == 24 and divisions["division"].tolist()[0] == "10"


def test_glossary_has_both_languages():
    glossary = data.load_glossary()
    assert glossary[["term_en", "term_id", "meaning"]].notna().all().all()
    assert "klaster industri" in set(glossary["term_id"])


def test_glossary_meaning_follows_the_language():
    try:
        set_language("id")
        indonesian = data.load_glossary()
        set_language("en")
        english = data.load_glossary()
        set_language("id")
        again = data.load_glossary()       # after the first calls: nothing cached in the other language
    finally:
        set_language("en")
    for table in (indonesian, english, again):
        assert list(table.columns) == ["term_en", "term_id", "meaning", "meaning_en", "meaning_id", "lesson",
                                       "id_source"]
    assert indonesian["meaning"].equals(indonesian["meaning_id"])
    assert again["meaning"].equals(indonesian["meaning_id"])
    assert english["meaning"].equals(english["meaning_en"])
    assert english["meaning_id"].equals(indonesian["meaning_id"])
    assert english["meaning_en"].equals(indonesian["meaning_en"])
    cluster = english.set_index("term_en").loc["industrial cluster"]
    assert cluster["meaning"].startswith("A group of interconnected firms")
    assert indonesian.set_index("term_en").loc["industrial cluster", "meaning"].startswith("Sekelompok perusahaan")


def test_every_glossary_row_has_an_indonesian_meaning():
    glossary = data.load_glossary()
    assert glossary["meaning_id"].notna().all()
    assert glossary["meaning_id"].str.strip().ne("").all()
    assert (glossary["meaning_id"] != glossary["meaning_en"]).all(), "a meaning copied, not translated"
    assert glossary["term_en"].is_unique


def test_the_indonesian_meanings_read_as_indonesian():
    glossary = data.load_glossary()
    assert mostly_english(" ".join(glossary["meaning_en"]))          # the check can tell
    assert not mostly_english(" ".join(glossary["meaning_id"]))
    english = [m for m in glossary["meaning_id"] if mostly_english(m)]
    assert not english, english[:3]


def test_missing_data_folder_is_explained(monkeypatch, tmp_path):
    monkeypatch.setenv("KLASTER_DATA_DIR", str(tmp_path))
    with pytest.raises(FileNotFoundError, match="course data file .* is missing"):
        data.load_provinces()


# --- a student's own data ---------------------------------------------------

def write(tmp_path, text, name="mine.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_user_long_table_with_indonesian_column_names(tmp_path):
    path = write(tmp_path, "provinsi,kbli,tahun,jumlah\nAceh,10,2020,5\nAceh,12,2020,0\nBali,10,2020,3\nBali,12,2020,8\n")
    table = data.load_user_table(path)
    assert list(table.columns) == ["region", "industry", "year", "value"]
    matrix = measures.to_matrix(table, value="value")
    assert matrix.loc["Bali", "12"] == 8


def test_user_wide_table_and_semicolon_separator(tmp_path):
    path = write(tmp_path, "Provinsi;Food;Tobacco\nAceh;10;2\nBali;4;0\n")
    table = data.load_user_table(path)
    assert len(table) == 4 and set(table["industry"]) == {"Food", "Tobacco"}
    assert measures.to_matrix(table).loc["Aceh", "Tobacco"] == 2


def test_user_table_from_dataframe_is_not_changed():
    frame = pd.DataFrame({"province": [" Aceh", "Bali"], "division": ["10", "10"], "workers": [1, 2]})
    before = frame.copy()
    table = data.load_user_table(frame)
    assert table["region"].tolist() == ["Aceh", "Bali"]
    pd.testing.assert_frame_equal(frame, before)


@pytest.mark.parametrize("text, message", [
    ("provinsi,kbli\nAceh,10\n", r"no value \(such as 'workers'\) column"),
    ("province,division,workers\nAceh,10,lima\n", r"text 'lima' where a number should be, for region 'Aceh'"),
    ("province,division,workers\nAceh,10,\"1.234\"\n", "thousands separators"),
    ("province,division,workers\nAceh,10,1.234.567\n", "thousands separator"),
    ("province,division,workers\nAceh,10,-4\n", r"region 'Aceh', industry '10' is negative"),
    ("province,division,workers\nAceh,10,\nBali,10,3\n", r"value for region 'Aceh', industry '10' is missing"),
    ("province,division,workers\nJawa Tengah,10,1\njawa tengah ,12,2\n", r"'Jawa Tengah' is spelled in more than one way"),
    ("province,division,workers\nAceh,10,1\nAceh,10,2\n", "more than one row for region 'Aceh'"),
    ("province,division,year,workers\nAceh,10,2019,1\nBali,10,2019,1\nAceh,10,2024,2\n",
     r"years 2019 and 2024 do not cover the same regions: 'Bali' is in 2019 but not in 2024"),
    ("province,division,year,workers\nAceh,10,2019,1\nAceh,11,2024,2\n", "do not cover the same industries"),
    ("province,division,workers\nAceh,10,0\n", "zero"),
    ("", "empty"),
])
def test_user_table_problems_get_one_sentence(tmp_path, text, message):
    with pytest.raises(ValueError, match=message) as error:
        data.load_user_table(write(tmp_path, text))
    assert str(error.value).count(". ") == 0  # one sentence
    assert "Traceback" not in str(error.value)


def test_user_table_missing_file_and_broken_excel(tmp_path):
    with pytest.raises(ValueError, match="There is no file"):
        data.load_user_table(tmp_path / "nope.csv")
    with pytest.raises(ValueError, match="could not be read as an Excel workbook"):
        data.load_user_table(write(tmp_path, "x", name="table.xlsx"))
    with pytest.raises(ValueError, match="old Excel file"):
        data.load_user_table(write(tmp_path, "x", name="table.xls"))
    with pytest.raises(ValueError, match="no column 'pekerja'"):
        data.load_user_table(io.StringIO("province,division,workers\nAceh,10,1\n"), value="pekerja")


def test_named_plants_match_the_matrix_labels():
    plants = data.named_plants()
    matrix = data.employment_matrix(2024)
    assert list(plants.columns) == ["region", "industry", "employment"]
    assert set(plants["region"]) <= set(matrix.index) and set(plants["industry"]) <= set(matrix.columns)
    assert plants["employment"].sum() == data.load_plants()["workers"].sum()
    assert plants.notna().all().all()


def test_data_read_twice_comes_from_memory_but_each_caller_gets_its_own_copy():
    first = data.load_provinces()
    first.loc[0, "population"] = -1  # a student's change to their copy
    second = data.load_provinces()
    assert second.loc[0, "population"] > 0
    assert second is not first


def test_a_changed_data_file_is_read_again(tmp_path, monkeypatch):
    import shutil
    import time
    from klaster.paths import data_dir
    for name in ("provinces.csv",):
        shutil.copy(data_dir() / name, tmp_path / name)
    monkeypatch.setenv("KLASTER_DATA_DIR", str(tmp_path))
    before = data.load_provinces()
    text = (tmp_path / "provinces.csv").read_text(encoding="utf-8").splitlines()
    time.sleep(0.01)
    (tmp_path / "provinces.csv").write_text("\n".join(text[:-1]) + "\n", encoding="utf-8")  # one province fewer
    assert len(data.load_provinces()) == len(before) - 1


def bps_style_workbook(path, rows):
    """A worksheet laid out like a BPS download: a title, a blank row, the table, a footnote."""
    from openpyxl import Workbook
    book = Workbook()
    sheet = book.active
    sheet.append(["PDRB Atas Dasar Harga Konstan 2010 Menurut Lapangan Usaha (Miliar Rupiah), 2019"])
    sheet.append([])
    for row in rows:
        sheet.append(row)
    sheet.append([])
    sheet.append(["Sumber: Badan Pusat Statistik"])
    book.save(path)
    return path


def test_user_excel_table_as_bps_publishes_it(tmp_path):
    path = bps_style_workbook(tmp_path / "pdrb.xlsx", [
        ["Kabupaten/Kota", "Pertanian", "Industri Pengolahan", "Jumlah"],
        ["Kudus", 1000.5, 60000.25, 61000.75],
        ["Jepara", 5000.0, 8000.0, 13000.0],
        ["Pati", 9000.0, 4000.0, 13000.0],
        ["Jumlah", 15000.5, 72000.25, 87000.75],
    ])
    with pytest.raises(ValueError, match="'Jumlah' that looks like the nation or a total") as error:
        data.load_user_table(path)
    assert "totals='drop'" in str(error.value)
    table = data.load_user_table(path, totals="drop")
    assert set(table["region"]) == {"Kudus", "Jepara", "Pati"}
    assert set(table["industry"]) == {"Pertanian", "Industri Pengolahan"}  # the total column is left out too
    assert table.attrs["dropped_totals"] == ["Jumlah", "Jumlah"]
    matrix = measures.to_matrix(table)
    assert matrix.loc["Kudus", "Industri Pengolahan"] == 60000.25


def test_a_total_row_with_another_name_is_found_by_its_sum(tmp_path):
    path = bps_style_workbook(tmp_path / "pdrb.xlsx", [
        ["Wilayah", "Pertanian", "Industri"],
        ["Jawa Tengah", 15000.0, 72000.0],
        ["Kudus", 1000.0, 60000.0],
        ["Jepara", 5000.0, 8000.0],
        ["Pati", 9000.0, 4000.0],
    ])
    with pytest.raises(ValueError, match="'Jawa Tengah' equals the sum of all the other regions"):
        data.load_user_table(path)
    assert set(data.load_user_table(path, totals="drop")["region"]) == {"Kudus", "Jepara", "Pati"}


def test_user_excel_file_from_simreg_with_its_two_row_header():
    path = ROOT / "data" / "raw" / "pdrb-kabkota-adhk2010" / (
        "PDRB Lapangan Usaha Kab Kota Dalam Milyar Seluruh Indonesia ADHK tahun 2019.xlsx")
    with pytest.raises(ValueError, match="'Nasional' that looks like the nation or a total"):
        data.load_user_table(path)
    table = data.load_user_table(path, totals="drop")
    assert list(table.columns) == ["region", "industry", "year", "value"]
    assert table["region"].nunique() == 514 and table["industry"].nunique() == 17 and set(table["year"]) == {2019}
    assert "Provinsi Aceh" in table.attrs["dropped_totals"] and "PDRB" in table.attrs["dropped_totals"]
    makassar = table[(table["region"] == "Kota Makassar") & (table["industry"] == "Industri Pengolahan")]
    published = data.load_pdrb("kabkota").query("region == 'Kota Makassar' and year == 2019 and sector_code == 'C'")
    assert makassar["value"].iloc[0] == published["value"].iloc[0]


def test_division_labels_follow_the_language_and_any_name_finds_the_division():
    from klaster import i18n
    assert data.division_code("Tobacco") == data.division_code("pengolahan  tembakau") == data.division_code(12) \
        == data.division_code("Manufacture of tobacco products") == "12"
    english = data.employment_matrix(2024)
    assert data.division_label("12") == "Tobacco" and "Tobacco" in english.columns
    with i18n.use_language("id"):
        indonesian = data.employment_matrix(2024)
        assert data.division_label("Tobacco") == "Pengolahan tembakau"
        assert list(indonesian.columns) == list(data.division_names("id"))
        assert data.load_employment_panel()["division_name"].isin(data.division_names("id")).all()
        assert set(data.named_plants()["industry"]) <= set(data.division_names("id"))
        assert (indonesian.to_numpy() == english.to_numpy()).all(), "only the labels change"
        with pytest.raises(KlasterValueError, match="Tembakauu"):
            data.division_code("Tembakauu")
        by_code_in_indonesian = data.employment_matrix(2024, labels="code")
    assert by_code_in_indonesian.equals(data.employment_matrix(2024, labels="code")), "codes are the same"


def test_a_check_accepts_a_division_named_in_either_language():
    from klaster import checks, i18n
    assert checks.tidy("Pengolahan Tembakau") == checks.tidy("Tobacco") == checks.tidy(" tobacco ")
    from klaster.measures import location_quotient
    with i18n.use_language("id"):
        right = float(location_quotient(data.employment_matrix(2024)).loc["Jawa Tengah", "Pengolahan tembakau"])
        assert checks.evaluate("03.2", right).correct, "expected values are computed whatever the language"
