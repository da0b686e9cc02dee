"""Published BPS spreadsheets in, tidy course files out.

The spreadsheets in ``data/raw/`` are kept exactly as published (see
data/README.md for where they come from):

* ``pdrb-kabkota-adhk2010/``: regional GDP (PDRB) by the 17 BPS sector
  categories (*lapangan usaha*) at constant 2010 prices, billion rupiah,
  one file per year 2010–2022, as compiled by Bappenas' SIMREG from BPS
  figures. Each file has a title row, a two-row header (indicator names,
  then the identifier columns and the year), and one row for the nation,
  each of the 34 provinces of the time and each of the 514 kabupaten/kota,
  province rows mixed with kabupaten/kota rows.
* ``io-tables-2016/``: BPS provincial input–output tables, domestic
  transactions at producer prices, 17 sectors, 2016, million rupiah.

This module reads them as they are, checks that their layout is the one it
knows (a moved column is found by its header; a renamed or missing header,
a year that does not match the file name or a number written as text stops
the build with one sentence), and writes:

* ``pdrb_adhk2010.csv``: one row per published row and year (nation,
  province and kabupaten/kota rows, marked in ``level``), the total and one
  column per sector, numbers as published;
* ``io_tables_2016.csv``: the three IO tables in long form, one row per
  published cell;
* ``province_islands.csv``: the 38 provinces with SIMREG's island group
  (the files' *Pulau* column), the new Papua provinces in Papua.

Build with ``python -m klaster.bps``; check that the files in data/ are what
the raw spreadsheets give with ``python -m klaster.bps --check``. The output
is byte for byte reproducible. Loaders: ``klaster.data.load_pdrb``,
``klaster.data.load_io_table``, ``klaster.data.load_islands``.
"""
from __future__ import annotations

import argparse
import io
import re
import sys
import unicodedata
from pathlib import Path

import pandas as pd

from .errors import KlasterValueError
from .i18n import _, N_
from .paths import data_dir

__all__ = [
    "SECTORS", "SECTOR_CODES", "PDRB_YEARS", "PAPUA_2022", "PDRB_RAW", "IO_RAW",
    "pdrb_raw_path", "read_pdrb_workbook", "read_io_workbook", "province_code_38",
    "render", "write_data", "main",
]

PDRB_RAW = "pdrb-kabkota-adhk2010"
IO_RAW = "io-tables-2016"
PDRB_FILE = "pdrb_adhk2010.csv"
IO_FILE = "io_tables_2016.csv"
ISLANDS_FILE = "province_islands.csv"
PDRB_YEARS = tuple(range(2010, 2023))
IO_PROVINCES = ("Kepulauan Riau", "Papua Barat", "Sulawesi Selatan")

# The 17 BPS sector categories (lapangan usaha, KBLI 2015 sections grouped as in the
# 2010-based national accounts): code, Indonesian name as BPS writes it, English name
# (after the ISIC Rev. 4 section titles, as BPS's English tables give them; data, the same
# in every language), short label for charts (shown in the course language), and the code
# the input-output tables use.
SECTORS = (
    ("A", "Pertanian, Kehutanan, dan Perikanan", "Agriculture, forestry and fishing", N_("Agriculture"), "A"),
    ("B", "Pertambangan dan Penggalian", "Mining and quarrying", N_("Mining"), "B"),
    ("C", "Industri Pengolahan", "Manufacturing", N_("Manufacturing"), "C"),
    ("D", "Pengadaan Listrik dan Gas", "Electricity and gas supply", N_("Electricity & gas"), "D"),
    ("E", "Pengadaan Air, Pengelolaan Sampah, Limbah dan Daur Ulang",
     "Water supply, sewerage, waste management and remediation", N_("Water & waste"), "E"),
    ("F", "Konstruksi", "Construction", N_("Construction"), "F"),
    ("G", "Perdagangan Besar dan Eceran; Reparasi Mobil dan Sepeda Motor",
     "Wholesale and retail trade; repair of motor vehicles and motorcycles", N_("Trade"), "G"),
    ("H", "Transportasi dan Pergudangan", "Transportation and storage", N_("Transport"), "H"),
    ("I", "Penyediaan Akomodasi dan Makan Minum", "Accommodation and food service activities",
     N_("Accommodation & food"), "I"),
    ("J", "Informasi dan Komunikasi", "Information and communication", N_("Information & comm."), "J"),
    ("K", "Jasa Keuangan dan Asuransi", "Financial and insurance activities", N_("Finance"), "K"),
    ("L", "Real Estat", "Real estate activities", N_("Real estate"), "L"),
    ("M-N", "Jasa Perusahaan", "Business activities", N_("Business services"), "MN"),
    ("O", "Administrasi Pemerintahan, Pertahanan, dan Jaminan Sosial Wajib",
     "Public administration and defence; compulsory social security", N_("Public administration"), "O"),
    ("P", "Jasa Pendidikan", "Education", N_("Education"), "P"),
    ("Q", "Jasa Kesehatan dan Kegiatan Sosial", "Human health and social work activities",
     N_("Health & social work"), "Q"),
    ("R-U", "Jasa Lainnya", "Other services activities", N_("Other services"), "RSTU"),
)
SECTOR_CODES = tuple(s[0] for s in SECTORS)
TOTAL = "total"

# Sectors a file may lack without stopping the build: the 2021 and 2022 files were
# published without water supply (E). Any other missing sector is an error.
KNOWN_GAPS = {(2021, "E"), (2022, "E")}

# How the headers of the PDRB files name the indicators: a prefix, then " - " and the sector.
_PDRB_PREFIX = "PDRB ADHK Tahun Dasar 2010 Berdasarkan Lapangan Usaha"
_ID_HEADERS = {"IDPulau": "island_id", "Pulau": "island", "KodeProvinsi": "province_code",
               "Nama Provinsi": "province_name", "KodeWilayah": "code", "Nama Wilayah": "name"}
NATIONAL_CODE = "9999"

# The 2022 division of Papua and Papua Barat, kabupaten/kota by kabupaten/kota (codes as in
# the files, which use the numbering before the split), into the course's 38 provinces
# (provinces.csv): UU 14/2022 (Papua Selatan), UU 15/2022 (Papua Tengah), UU 16/2022 (Papua
# Pegunungan), UU 29/2022 (Papua Barat Daya); the rest stay in Papua and Papua Barat.
PAPUA_2022 = {
    "91": ("9403", "9408", "9409", "9419", "9420", "9426", "9427", "9428", "9471"),  # Papua
    "92": ("9101", "9102", "9103", "9104", "9105", "9111", "9112"),  # Papua Barat
    "93": ("9401", "9413", "9414", "9415"),  # Papua Selatan
    "94": ("9404", "9410", "9411", "9412", "9433", "9434", "9435", "9436"),  # Papua Tengah
    "95": ("9402", "9416", "9417", "9418", "9429", "9430", "9431", "9432"),  # Papua Pegunungan
    "96": ("9106", "9107", "9108", "9109", "9110", "9171"),  # Papua Barat Daya
}
_PAPUA_OF = {kab: prov for prov, kabs in PAPUA_2022.items() for kab in kabs}
OLD_PAPUA = {"91": "Papua Barat", "94": "Papua"}  # the two published province rows before the split

# IO tables: the row and column codes of the published layout, in order.
IO_SECTOR_CODES = tuple(s[4] for s in SECTORS)
IO_INPUT_ROWS = {"190d": "Input Antara Domestik", "2000": "Input Antara Impor Luar Negeri",
                 "2001": "Input Antara Impor Antar Provinsi", "1900": "Total Input Antara",
                 "2090": "Nilai Tambah Bruto", "2100": "Total Input"}
IO_DEMAND_COLUMNS = {"1800": "Total Permintaan Antara", "3011": "Konsumsi Rumah Tangga",
                     "3012": "Konsumsi LNPRT", "3020": "Total Konsumsi Pemerintah",
                     "3030": "Pembentukan Modal Tetap Bruto", "3041": "Perubahan Inventori",
                     "3071": "Total Ekspor Luar Negeri", "3072": "Total Ekspor Antar Provinsi",
                     "3080": "Total Ekspor", "3090": "Total Konsumsi Akhir", "3100": "Total Output"}
_HEADER_SEARCH_ROWS = 10


def _key(text) -> str:
    """Compare headers loosely: no accents, case, punctuation or repeated spaces."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^0-9a-zA-Z]+", " ", text).lower().split())


# A header matches a sector by its Indonesian name; the IO tables write "Real Estate".
_SECTOR_BY_NAME = {_key(s[1]): s[0] for s in SECTORS}
_SECTOR_BY_NAME[_key("Real Estate")] = "L"


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def raw_dir() -> Path:
    """The folder of the published spreadsheets: data/raw/ in the course's data folder."""
    return data_dir() / "raw"


def pdrb_raw_path(year: int, raw: Path | None = None) -> Path:
    """The published PDRB spreadsheet of one year."""
    folder = (raw or raw_dir()) / PDRB_RAW
    return folder / f"PDRB Lapangan Usaha Kab Kota Dalam Milyar Seluruh Indonesia ADHK tahun {year}.xlsx"


def io_raw_path(province: str, raw: Path | None = None) -> Path:
    """The published IO table of one province."""
    folder = (raw or raw_dir()) / IO_RAW
    return folder / (f"Tabel Input-Output Provinsi {province} Transaksi Domestik Atas Dasar Harga Produsen "
                     "(17 Lapangan Usaha) 2016 (Juta Rupiah).xlsx")


def _rows(path: Path) -> list[tuple]:
    """Every row of the first sheet of a workbook, as values."""
    if not path.is_file():
        raise KlasterValueError(_("The published spreadsheet {path} is missing; copy it back into "
                                  "data/raw/ unchanged (see data/README.md).").format(path=path))
    try:
        from openpyxl import load_workbook
    except ImportError:  # pragma: no cover - openpyxl is a dependency of the course
        raise KlasterValueError(_("Reading Excel files needs the package openpyxl; run "
                                  "`python course.py install`.")) from None
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a damaged or non-Excel file
        raise KlasterValueError(_("{name} could not be read as an Excel workbook ({problem}).").format(
            name=path.name, problem=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)) from None
    try:
        return [tuple(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def _number(value, path: Path, row: int, col: int) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise KlasterValueError(_("{name}, cell {cell}: {value!r} is not a number; the layout of the "
                                  "spreadsheet may have changed.").format(
            name=path.name, cell=f"{_column_letter(col)}{row + 1}", value=value))
    return float(value)


def _text(value) -> str:
    return "" if value is None else str(value).strip()


# ---------------------------------------------------------------------------
# PDRB by kabupaten/kota
# ---------------------------------------------------------------------------

def read_pdrb_workbook(path: Path, year: int) -> pd.DataFrame:
    """One published PDRB spreadsheet as a table: one row per published row.

    Columns: year, level ("nation", "province" or "kabkota"), code and name
    as published, island_id and island (province rows), total and one
    column per sector code (missing where the file has no such column).
    Raises KlasterValueError with one sentence when the layout is not the
    known one.
    """
    path = Path(path)
    rows = _rows(path)
    header_at = next((i for i, row in enumerate(rows[:_HEADER_SEARCH_ROWS])
                      if {"KodeWilayah", "Nama Wilayah"} <= {_text(v) for v in row}), None)
    if header_at is None or header_at == 0:
        raise KlasterValueError(_("{name}: no header row with 'KodeWilayah' and 'Nama Wilayah' (and the "
                                  "indicator names above it) in the first {n} rows; the layout of the "
                                  "spreadsheet has changed.").format(name=path.name, n=_HEADER_SEARCH_ROWS))
    header = [_text(v) for v in rows[header_at]]
    indicators = [_text(v) for v in rows[header_at - 1]]
    ids = {}
    for label, column in _ID_HEADERS.items():
        found = [i for i, h in enumerate(header) if h == label]
        if len(found) != 1:
            raise KlasterValueError(_("{name}: the header row should have one column named {label!r}, it has "
                                      "{count}; the layout of the spreadsheet has changed.").format(
                name=path.name, label=label, count=len(found)))
        ids[column] = found[0]
    values = {}
    for col, text in enumerate(indicators):
        if col in ids.values() or not text or text in ("Indikator", "Tahun"):
            continue
        if not text.startswith(_PDRB_PREFIX):
            raise KlasterValueError(_("{name}, column {col}: the header {text!r} is not a PDRB indicator the "
                                      "course knows; the layout of the spreadsheet has changed.").format(
                name=path.name, col=_column_letter(col), text=text))
        rest = text[len(_PDRB_PREFIX):].strip(" -")
        code = TOTAL if not rest else _SECTOR_BY_NAME.get(_key(rest))
        if code is None:
            raise KlasterValueError(_("{name}, column {col}: the sector {text!r} is not one of the 17 BPS "
                                      "sectors, so a header has been renamed.").format(
                name=path.name, col=_column_letter(col), text=rest))
        if code in values:
            raise KlasterValueError(_("{name}: the indicator {text!r} appears in two columns ({a} and {b}).").format(
                name=path.name, text=text, a=_column_letter(values[code]), b=_column_letter(col)))
        if header[col] != str(year):
            raise KlasterValueError(_("{name}, column {col}: the year in the header is {found!r}, but the "
                                      "file is for {year}.").format(
                name=path.name, col=_column_letter(col), found=header[col], year=year))
        values[code] = col
    missing = [c for c in (TOTAL, *SECTOR_CODES) if c not in values and (year, c) not in KNOWN_GAPS]
    if missing:
        raise KlasterValueError(_("{name}: there is no column for {what}; the layout of the spreadsheet has "
                                  "changed.").format(
            name=path.name, what=", ".join("the total" if c == TOTAL else f"sector {c}" for c in missing)))
    records = []
    island = ("", "")
    for r in range(header_at + 1, len(rows)):
        row = rows[r]
        code = _text(row[ids["code"]]) if ids["code"] < len(row) else ""
        if not code:
            if any(v not in (None, "") for v in row):
                raise KlasterValueError(_("{name}, row {row}: a row with numbers but no KodeWilayah.").format(
                    name=path.name, row=r + 1))
            continue
        if not re.fullmatch(r"\d{4}", code):
            raise KlasterValueError(_("{name}, row {row}: the region code {code!r} is not a four-digit BPS "
                                      "code.").format(name=path.name, row=r + 1, code=code))
        level = "nation" if code == NATIONAL_CODE else ("province" if code.endswith("00") else "kabkota")
        # A pivot-table export: the island group is written once, on the first row of the group.
        if _text(row[ids["island"]]):
            island = (_text(row[ids["island_id"]]), _text(row[ids["island"]]))
        record = {"year": year, "level": level, "code": code, "name": _text(row[ids["name"]]),
                  "island_id": island[0] if level == "province" else "",
                  "island": island[1] if level == "province" else ""}
        for sector, col in values.items():
            record[sector] = _number(row[col] if col < len(row) else None, path, r, col)
        records.append(record)
    table = pd.DataFrame.from_records(records)
    _check_pdrb_rows(table, path)
    for column in (TOTAL, *SECTOR_CODES):
        if column not in table:
            table[column] = float("nan")
    return table[["year", "level", "code", "name", "island_id", "island", TOTAL, *SECTOR_CODES]]


def _check_pdrb_rows(table: pd.DataFrame, path: Path) -> None:
    counts = table["level"].value_counts()
    if table["code"].duplicated().any():
        code = table.loc[table["code"].duplicated(), "code"].iloc[0]
        raise KlasterValueError(_("{name}: the region code {code} appears twice.").format(name=path.name, code=code))
    if counts.get("nation", 0) != 1 or counts.get("province", 0) != 34:
        raise KlasterValueError(_("{name}: expected one national row and 34 province rows, found {n} and {p}; "
                                  "the layout of the spreadsheet has changed.").format(
            name=path.name, n=counts.get("nation", 0), p=counts.get("province", 0)))
    provinces = set(table.loc[table["level"] == "province", "code"].str[:2])
    orphans = table[(table["level"] == "kabkota") & ~table["code"].str[:2].isin(provinces)]
    if len(orphans):
        raise KlasterValueError(_("{name}: the kabupaten/kota {code} ({region}) has no province row.").format(
            name=path.name, code=orphans["code"].iloc[0], region=orphans["name"].iloc[0]))
    if (table.loc[table["level"] == "province", "island"] == "").any():
        raise KlasterValueError(_("{name}: a province row has no island group (Pulau).").format(name=path.name))


def read_pdrb(raw: Path | None = None) -> pd.DataFrame:
    """Every year's published PDRB spreadsheet, one after another."""
    return pd.concat([read_pdrb_workbook(pdrb_raw_path(y, raw), y) for y in PDRB_YEARS], ignore_index=True)


def province_code_38(kabkota_code: str) -> str:
    """The province (38-province coding of provinces.csv) of a kabupaten/kota code as the files write it."""
    return _PAPUA_OF.get(kabkota_code, kabkota_code[:2])


# ---------------------------------------------------------------------------
# Input-output tables
# ---------------------------------------------------------------------------

def read_io_workbook(path: Path, province: str) -> pd.DataFrame:
    """One published IO table in long form: province, row_code, row_label, column_code, column_label, value.

    Checks the layout (a title naming the province and 2016, the codes of
    the 17 sectors, the final-demand columns and the input rows in the
    published order) and that the inter-industry cells are numbers.
    """
    path = Path(path)
    rows = _rows(path)
    title = next((_text(v) for row in rows[:_HEADER_SEARCH_ROWS] for v in row if _text(v)), "")
    if province.lower() not in title.lower() or "2016" not in title or "17 lapangan usaha" not in title.lower():
        raise KlasterValueError(_("{name}: the title {title!r} does not name an IO table of {province} for 2016 "
                                  "with 17 sectors.").format(name=path.name, title=title, province=province))
    header_at = next((i for i, row in enumerate(rows[:_HEADER_SEARCH_ROWS])
                      if {"Deskripsi", "Kode"} <= {_text(v) for v in row}), None)
    if header_at is None or header_at + 1 >= len(rows):
        raise KlasterValueError(_("{name}: no header row with 'Deskripsi' and 'Kode' (and a row of column codes "
                                  "under it) in the first {n} rows; the layout of the spreadsheet has "
                                  "changed.").format(name=path.name, n=_HEADER_SEARCH_ROWS))
    labels = [_text(v) for v in rows[header_at]]
    codes = [_text(v) for v in rows[header_at + 1]]
    code_row = header_at + 1
    label_col, code_col = labels.index("Deskripsi"), labels.index("Kode")
    if "A" not in codes:
        raise KlasterValueError(_("{name}: the row under the header has no column code 'A'; the layout of "
                                  "the spreadsheet has changed.").format(name=path.name))
    first = codes.index("A")
    expected_columns = [*IO_SECTOR_CODES, *IO_DEMAND_COLUMNS]
    found_columns = codes[first:first + len(expected_columns)]
    if found_columns != expected_columns:
        wrong = next(i for i, (a, b) in enumerate(zip(found_columns + [""] * len(expected_columns),
                                                      expected_columns)) if a != b)
        raise KlasterValueError(_("{name}, column {col}: expected the column code {expected!r}, found "
                                  "{found!r}; the layout of the spreadsheet has changed.").format(
            name=path.name, col=_column_letter(first + wrong), expected=expected_columns[wrong],
            found=(found_columns + [""] * len(expected_columns))[wrong]))
    for i, code in enumerate(IO_SECTOR_CODES):
        if _SECTOR_BY_NAME.get(_key(labels[first + i])) != SECTORS[i][0]:
            raise KlasterValueError(_("{name}, column {col}: the header {label!r} does not name sector {code}, "
                                      "so a header has been renamed.").format(
                name=path.name, col=_column_letter(first + i), label=labels[first + i], code=code))
    body = rows[code_row + 1:]
    row_codes = [_text(r[code_col]) if code_col < len(r) else "" for r in body]
    expected_rows = [*IO_SECTOR_CODES, *IO_INPUT_ROWS]
    if row_codes[:len(expected_rows)] != expected_rows:
        wrong = next(i for i, (a, b) in enumerate(zip(row_codes + [""] * len(expected_rows), expected_rows))
                     if a != b)
        raise KlasterValueError(_("{name}, row {row}: expected the row code {expected!r}, found {found!r}; the "
                                  "layout of the spreadsheet has changed.").format(
            name=path.name, row=code_row + 2 + wrong, expected=expected_rows[wrong],
            found=(row_codes + [""] * len(expected_rows))[wrong]))
    records = []
    for offset, code in enumerate(expected_rows):
        row = body[offset]
        label = _text(row[label_col]) if label_col < len(row) else ""
        for j, column in enumerate(expected_columns):
            col = first + j
            value = row[col] if col < len(row) else None
            if value in (None, ""):
                if code in IO_SECTOR_CODES or column in IO_SECTOR_CODES:
                    raise KlasterValueError(_("{name}, cell {cell}: an empty cell inside the table.").format(
                        name=path.name, cell=f"{_column_letter(col)}{code_row + 2 + offset}"))
                continue
            records.append({"province": province, "row_code": code, "row_label": label,
                            "column_code": column, "column_label": labels[col],
                            "value": _number(value, path, code_row + 1 + offset, col)})
    return pd.DataFrame.from_records(records)


def read_io(raw: Path | None = None) -> pd.DataFrame:
    return pd.concat([read_io_workbook(io_raw_path(p, raw), p) for p in IO_PROVINCES], ignore_index=True)


# ---------------------------------------------------------------------------
# Build
# ---------------------------------------------------------------------------

def _provinces_table() -> pd.DataFrame:
    path = data_dir() / "provinces.csv"
    if not path.is_file():
        raise KlasterValueError(_("The course data file {path} is missing.").format(path=path))
    return pd.read_csv(path, dtype={"bps_code": str, "name": str})[["bps_code", "name"]]


def islands_table(pdrb: pd.DataFrame) -> pd.DataFrame:
    """The 38 provinces with the island group SIMREG gives their (pre-2022) province row."""
    rows = pdrb[pdrb["level"] == "province"].drop_duplicates("code")
    island_of = dict(zip(rows["code"].str[:2], zip(rows["island_id"], rows["island"])))
    provinces = _provinces_table()
    old = {new: ("91" if new in ("92", "96") else "94") for new in PAPUA_2022}
    groups = [island_of.get(old.get(code, code)) for code in provinces["bps_code"]]
    if any(g is None for g in groups):
        code = provinces["bps_code"][[g is None for g in groups]].iloc[0]
        raise KlasterValueError(_("The province {code} of provinces.csv has no row in the PDRB files.").format(code=code))
    return pd.DataFrame({"bps_code": provinces["bps_code"], "province": provinces["name"],
                         "island_id": [int(g[0]) for g in groups],
                         "island": [g[1].removeprefix("Pulau ").strip() for g in groups]})


def _csv_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def render(raw: Path | None = None) -> dict:
    """The tidy files as bytes: {file name: content}."""
    pdrb = read_pdrb(raw)
    tidy = pdrb.drop(columns=["island_id", "island"])
    return {PDRB_FILE: _csv_bytes(tidy), IO_FILE: _csv_bytes(read_io(raw)),
            ISLANDS_FILE: _csv_bytes(islands_table(pdrb))}


def write_data(out_dir=None, raw: Path | None = None) -> list:
    out = Path(out_dir) if out_dir is not None else data_dir()
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, content in render(raw).items():
        (out / name).write_bytes(content)
        paths.append(out / name)
    return paths


def main(argv=None) -> int:
    """Command line: build the tidy real-data files from data/raw/, or ``--check`` them."""
    parser = argparse.ArgumentParser(prog="python -m klaster.bps",
                                     description=_("Build (or check) the course's tidy files from the published "
                                                   "BPS spreadsheets in data/raw/."))
    parser.add_argument("--check", action="store_true",
                        help=_("do not write; exit 1 if the files differ from what the spreadsheets give"))
    parser.add_argument("--out", metavar="DIR", default=None,
                        help=_("folder to write to or check (default: data/)"))
    parser.add_argument("--raw", metavar="DIR", default=None,
                        help=_("folder of the spreadsheets (default: data/raw/)"))
    args = parser.parse_args(argv)
    out = Path(args.out) if args.out is not None else data_dir()
    raw = Path(args.raw) if args.raw is not None else None
    try:
        files = render(raw)
    except KlasterValueError as exc:
        print(f"klaster.bps: {exc}", file=sys.stderr)
        return 2
    if args.check:
        differ = [name for name, content in files.items()
                  if not (out / name).is_file() or (out / name).read_bytes() != content]
        if differ:
            print(_("real data out of date: {files} in {folder} differ from what the spreadsheets in data/raw/ "
                    "give; run `python -m klaster.bps` to rebuild").format(files=", ".join(differ), folder=out),
                  file=sys.stderr)
            return 1
        print(_("real data up to date in {folder}").format(folder=out))
        return 0
    for name, content in files.items():
        (out / name).write_bytes(content)
        print(_("wrote {path}").format(path=out / name))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
