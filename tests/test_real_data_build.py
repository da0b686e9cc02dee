"""The published BPS spreadsheets in data/raw/ build the tidy real-data files byte for byte, and a
spreadsheet whose layout changed stops the build with one sentence instead of a wrong number."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest
from openpyxl import load_workbook

from klaster import bps
from klaster.errors import KlasterValueError

from conftest import ROOT

RAW = ROOT / "data" / "raw"


@pytest.fixture(scope="module")
def rendered():
    return bps.render()  # reading the 16 spreadsheets takes a few seconds: once per module


def test_tidy_files_are_what_the_spreadsheets_give(rendered):
    files = rendered
    assert set(files) == {"pdrb_adhk2010.csv", "io_tables_2016.csv", "province_islands.csv"}
    for name, content in files.items():
        assert (ROOT / "data" / name).read_bytes() == content, f"{name} is out of date: run python -m klaster.bps"


def test_check_command_passes_and_catches_a_changed_file(tmp_path, capsys, monkeypatch, rendered):
    monkeypatch.setattr(bps, "render", lambda raw=None: rendered)
    assert bps.main(["--check"]) == 0
    for name in ("pdrb_adhk2010.csv", "io_tables_2016.csv", "province_islands.csv"):
        shutil.copy(ROOT / "data" / name, tmp_path / name)
    assert bps.main(["--check", "--out", str(tmp_path)]) == 0
    text = (tmp_path / "pdrb_adhk2010.csv").read_text().replace("1078.22", "1078.23", 1)
    (tmp_path / "pdrb_adhk2010.csv").write_text(text)
    assert bps.main(["--check", "--out", str(tmp_path)]) == 1
    assert "pdrb_adhk2010.csv" in capsys.readouterr().err
    assert bps.main(["--out", str(tmp_path)]) == 0  # rebuilding puts it right
    assert (tmp_path / "pdrb_adhk2010.csv").read_bytes() == (ROOT / "data" / "pdrb_adhk2010.csv").read_bytes()


def test_raw_files_are_the_published_ones_unchanged():
    pdrb = sorted(p.name for p in (RAW / bps.PDRB_RAW).glob("*.xlsx"))
    assert len(pdrb) == 13 and all(f"tahun {y}.xlsx" in " ".join(pdrb) for y in bps.PDRB_YEARS)
    assert len(list((RAW / bps.IO_RAW).glob("*.xlsx"))) == 3


def test_the_tidy_pdrb_file_keeps_every_published_row():
    table = pd.read_csv(ROOT / "data" / "pdrb_adhk2010.csv", dtype={"code": str})
    counts = table.groupby("year")["level"].value_counts().unstack()
    assert (counts["nation"] == 1).all() and (counts["province"] == 34).all() and (counts["kabkota"] == 514).all()
    assert table.loc[table["year"] >= 2021, "E"].isna().all()  # not in the 2021 and 2022 files
    assert table.loc[table["year"] <= 2020, "E"].notna().all()
    simeulue = table[(table["code"] == "1101") & (table["year"] == 2010)].iloc[0]
    assert simeulue["total"] == 1078.22 and simeulue["A"] == 409.25  # first kabupaten row of the 2010 file


def test_islands_are_simreg_groups_for_all_38_provinces():
    islands = pd.read_csv(ROOT / "data" / "province_islands.csv", dtype={"bps_code": str})
    provinces = pd.read_csv(ROOT / "data" / "provinces.csv", dtype={"bps_code": str})
    assert islands["bps_code"].tolist() == provinces["bps_code"].tolist()
    assert islands["island"].nunique() == 7
    assert set(islands.loc[islands["bps_code"].str[0] == "9", "island"]) == {"Papua"}
    assert islands.set_index("bps_code").loc["51", "island"] == "Jawa-Bali"


# -- a spreadsheet whose layout changed ------------------------------------------------------------

def copy_pdrb(tmp_path, year=2019):
    target = tmp_path / bps.pdrb_raw_path(year).name
    shutil.copy(bps.pdrb_raw_path(year), target)
    return target


def edit(path, change):
    book = load_workbook(path)
    change(book.worksheets[0])
    book.save(path)


def header_column(sheet, text):
    for cell in sheet[2]:
        if cell.value and str(cell.value).endswith(text):
            return cell.column
    raise AssertionError(text)


def test_a_moved_column_is_found_by_its_header(tmp_path):
    path = copy_pdrb(tmp_path)
    original = bps.read_pdrb_workbook(bps.pdrb_raw_path(2019), 2019)

    def swap(sheet):
        a, b = header_column(sheet, "Industri Pengolahan"), header_column(sheet, "Konstruksi")
        for row in sheet.iter_rows():
            row[a - 1].value, row[b - 1].value = row[b - 1].value, row[a - 1].value
    edit(path, swap)
    moved = bps.read_pdrb_workbook(path, 2019)
    pd.testing.assert_frame_equal(moved, original)


@pytest.mark.parametrize("change, message", [
    (lambda s: setattr(s.cell(2, header_column(s, "Konstruksi")), "value",
                       "PDRB ADHK Tahun Dasar 2010 Berdasarkan Lapangan Usaha - Bangunan"), "sector 'Bangunan'"),
    (lambda s: setattr(s.cell(2, header_column(s, "Konstruksi")), "value", None), "no column for sector F"),
    (lambda s: setattr(s.cell(3, 4), "value", "Provinsi"), "one column named 'Nama Provinsi'"),
    (lambda s: setattr(s.cell(3, 8), "value", "2018"), "year in the header is '2018'"),
    (lambda s: setattr(s.cell(10, 9), "value", "1.234,5"), "is not a number"),
    (lambda s: s.delete_rows(4), "34 province rows"),
    (lambda s: s.delete_rows(1, 3), "no header row"),
])
def test_a_changed_layout_stops_with_one_sentence(tmp_path, change, message):
    path = copy_pdrb(tmp_path)
    edit(path, change)
    with pytest.raises(KlasterValueError, match=message) as error:
        bps.read_pdrb_workbook(path, 2019)
    assert str(error.value).count(". ") == 0 and str(error.value).endswith(".")


def test_a_missing_raw_file_is_named(tmp_path):
    with pytest.raises(KlasterValueError, match="is missing; copy it back"):
        bps.read_pdrb(raw=tmp_path)
    assert bps.main(["--check", "--raw", str(tmp_path)]) == 2


def test_a_changed_io_layout_stops_with_one_sentence(tmp_path):
    source = bps.io_raw_path("Sulawesi Selatan")
    path = tmp_path / source.name
    shutil.copy(source, path)
    edit(path, lambda s: setattr(s.cell(4, 5), "value", "X"))  # the code of column B
    with pytest.raises(KlasterValueError, match="expected the column code 'B', found 'X'"):
        bps.read_io_workbook(path, "Sulawesi Selatan")
    shutil.copy(source, path)
    edit(path, lambda s: setattr(s.cell(4, 4), "value", "Pertanian"))  # a renamed header... in the code row
    with pytest.raises(KlasterValueError, match="column code"):
        bps.read_io_workbook(path, "Sulawesi Selatan")
    shutil.copy(source, path)
    edit(path, lambda s: setattr(s.cell(3, 5), "value", "Penggalian"))  # the header of sector B renamed
    with pytest.raises(KlasterValueError, match="does not name sector B"):
        bps.read_io_workbook(path, "Sulawesi Selatan")
    shutil.copy(source, path)
    with pytest.raises(KlasterValueError, match="does not name an IO table of Papua Barat"):
        bps.read_io_workbook(path, "Papua Barat")
