"""Loaders for the course's data (data/) and for a student's own tables.

Every loader returns a tidy pandas DataFrame with correct dtypes: codes as
text (so that "11" stays "11"), counts as integers, missing values left
missing. See data/README.md for the source, year and caveats of each file.

The real data (BPS regional GDP by kabupaten/kota, 2010–2022, and three
provincial input–output tables, 2016) are loaded by ``load_pdrb``,
``pdrb_matrix``, ``pdrb_matrices``, ``pdrb_reference``,
``pdrb_suspect_cells``, ``pdrb_regions``, ``pdrb_sectors``,
``find_region``, ``load_islands`` (from ``klaster.pdrb``) and
``load_io_table`` (from ``klaster.io_tables``), re-exported here.
"""
from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import KlasterTypeError, KlasterValueError
from .i18n import N_, _, number
from .io_tables import IOTable, load_io_table  # noqa: F401  (re-exported: real input-output tables)
from .paths import data_dir
from .pdrb import (find_region, load_islands, load_pdrb, pdrb_matrices, pdrb_matrix,  # noqa: F401 (re-exported)
                   pdrb_reference, pdrb_regions, pdrb_sectors, pdrb_suspect_cells)

PANEL_YEARS = (2019, 2024)

# Column names a student's long table may use, matched case-insensitively.
REGION_NAMES = ("region", "province", "provinsi", "wilayah", "daerah", "kabupaten", "kota", "district", "name",
                "nama_wilayah", "kabupaten_kota", "kab_kota", "nama_provinsi", "nama_kabupaten_kota", "nama_daerah")
# Identifier columns of BPS and SIMREG downloads that are neither regions nor industries.
ID_COLUMNS = ("idpulau", "pulau", "kodeprovinsi", "kode_provinsi", "nama_provinsi", "kodewilayah", "kode_wilayah",
              "kode", "kode_bps", "code", "bps_code", "no", "nomor", "id")
# Labels of rows (regions) or columns (industries) that are totals of the others.
TOTAL_LABELS = ("total", "jumlah", "jumlah total", "nasional", "indonesia", "seluruh indonesia", "national",
                "pdrb", "pdb", "grand total", "total pdrb", "jumlah pdrb")
INDUSTRY_NAMES = ("industry", "division", "sector", "sektor", "industri", "kbli", "lapangan_usaha")
VALUE_NAMES = ("value", "workers", "employment", "jobs", "tenaga_kerja", "pekerja", "jumlah", "nilai")
YEAR_NAMES = ("year", "tahun")


_read_cache: dict = {}


def _read(name: str, categories: tuple = (), **kwargs) -> pd.DataFrame:
    """Read a course data file; a file read before (and unchanged since) comes from memory, as a copy.

    ``categories`` names columns (read as text) to keep as categorical codes.
    """
    path = data_dir() / name
    if not path.exists():
        raise FileNotFoundError(
            _("The course data file {path} is missing. Run the course from its own folder "
              "(python course.py) or set KLASTER_DATA_DIR to the folder that holds the data.").format(path=path)
        )
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size, repr(sorted(kwargs.items())), categories)
    if key not in _read_cache:
        if len(_read_cache) >= 32:
            _read_cache.clear()
        frame = pd.read_csv(path, **kwargs)
        _read_cache[key] = frame.astype({column: "category" for column in categories}) if categories else frame
    return _read_cache[key].copy()  # a copy: whatever the caller changes never reaches the cache


def load_provinces() -> pd.DataFrame:
    """The 38 provinces: codes, population, area, density, centroid and tile-map position.

    Population: Kemendagri (2025); area: Badan Informasi Geospasial (2024).
    """
    frame = _read("provinces.csv", dtype={"bps_code": str, "iso": str, "name": str})
    return frame.astype({"population": "int64", "tile_col": "int64", "tile_row": "int64"})


def load_divisions() -> pd.DataFrame:
    """The 24 two-digit manufacturing divisions of KBLI 2020 (codes 10 to 33).

    Columns: division (code), short_name (English label), short_name_id (Indonesian label),
    name_en (ISIC Rev. 4 title), name_id (KBLI 2020 title).
    """
    return _read("kbli_divisions.csv", dtype=str)


def division_names(language: str | None = None) -> pd.Series:
    """The short label of every division (index: KBLI code) in ``language`` (default: the course's).

    English: "Tobacco"; Indonesian: "Pengolahan tembakau". These are the labels the loaders put
    on tables in that language.
    """
    from .i18n import language as current

    column = "short_name_id" if (language or current()) == "id" else "short_name"
    divisions = load_divisions()
    return pd.Series(divisions[column].to_numpy(), index=divisions["division"].to_numpy(), name="division")


def _division_aliases() -> dict[str, str]:
    """Every way to name a division (code, short and full names in both languages), folded -> code."""
    divisions = load_divisions()
    aliases = {}
    for column in ("division", "short_name", "short_name_id", "name_en", "name_id"):
        aliases.update({_normalise_label(name): code for name, code in zip(divisions[column], divisions["division"])})
    return aliases


def division_code(name_or_code) -> str:
    """The KBLI code of a division given by its code or by any of its names, in either language.

    ``division_code("Tobacco") == division_code("Pengolahan tembakau") == division_code(12) == "12"``.
    Case and spacing do not matter. An unknown name raises KlasterValueError naming the choices.
    """
    key = _normalise_label(str(name_or_code))
    code = _division_aliases().get(key)
    if code is None:
        names = ", ".join(division_names().tolist()[:4])
        raise KlasterValueError(_("There is no division {name!r}: give a KBLI code from 10 to 33 or a division "
                                  "name, for example {examples}.").format(name=name_or_code, examples=names))
    return code


def course_division(name, labels) -> str:
    """``name`` itself when it is one of ``labels``; else, when it names a division of the course's data in
    either language (or is a KBLI code), that division's current label; else ``name`` unchanged, so that the
    caller's own check reports it. For functions that take a division name of the course's tables."""
    if name in list(labels):
        return name
    try:
        label = division_label(name)
    except KlasterValueError:
        return name
    return label if label in list(labels) else name


def division_label(name_or_code) -> str:
    """The current-language label of a division given by its code or any of its names (see ``division_code``).

    Code that must work in both languages uses it to select a column:
    ``matrix[data.division_label("Tobacco")]`` is the tobacco column in English and in Indonesian.
    """
    return str(division_names()[division_code(name_or_code)])


def load_micro_small_workers() -> pd.DataFrame:
    """Workers in micro (1-4 workers) and small (5-19) manufacturing firms by province, 2013 and 2014.

    Tidy: one row per province, year and size class, with columns bps_code,
    province, year, size_class ('micro' or 'small') and workers (nullable
    integer: Papua's 2014 values are missing in the source). Codes follow
    the 33-province numbering of the time (91 = Papua Barat, 94 = Papua).
    Source: Badan Pusat Statistik (n.d.), the tables of workers in micro and
    small manufacturing by province; see ``klaster.bibliography``.
    """
    wide = _read("micro_small_industry_workers_2013_2014.csv", dtype={"code": str, "province": str})
    long = wide.melt(id_vars=["code", "province"], var_name="column", value_name="workers")
    parts = long["column"].str.split("_", expand=True)
    tidy = pd.DataFrame({
        "bps_code": long["code"],
        "province": long["province"],
        "year": parts[1].astype("int64"),
        "size_class": parts[0].map({"mikro": "micro", "kecil": "small"}),
        "workers": long["workers"].astype("Int64"),
    })
    return tidy.sort_values(["year", "bps_code", "size_class"], kind="mergesort").reset_index(drop=True)


def load_employment_panel() -> pd.DataFrame:
    """SYNTHETIC manufacturing employment by province and KBLI division, 2019 and 2024.

    Illustrative data generated by klaster.synthetic, calibrated to published
    national figures; not official statistics (see data/README.md).
    Columns: year, bps_code, province, division, division_name, workers.
    ``division_name`` is the division's short label in the course language
    ("Tobacco", or "Pengolahan tembakau" in Indonesian; see ``division_names``).
    """
    frame = _read("manufacturing_employment_panel.csv",
                  dtype={"bps_code": str, "province": str, "division": str, "division_name": str})
    frame["division_name"] = frame["division"].map(division_names())
    return frame.astype({"year": "int64", "workers": "int64"})


def load_plants() -> pd.DataFrame:
    """SYNTHETIC large and medium manufacturing plants (20+ workers), 2024.

    Illustrative data generated by klaster.synthetic (see data/README.md).
    Columns: plant_id, year, bps_code, division, workers. The codes are
    categorical (text labels stored once, each plant holding a small integer
    code), so measures such as ``ellison_glaeser`` read the codes instead of
    hashing 30,000 labels.
    """
    frame = _read("plants.csv", categories=("bps_code", "division"),
                  dtype={"plant_id": str, "bps_code": str, "division": str})
    return frame.astype({"year": "int64", "workers": "int64"})


def named_plants() -> pd.DataFrame:
    """The SYNTHETIC plants labelled like ``employment_matrix(year)``: columns region (province
    name), industry (short division name, in the course language) and employment (workers), ready for
    ``klaster.measures.ellison_glaeser``."""
    plants = load_plants()
    provinces = load_provinces().set_index("bps_code")["name"]
    divisions = division_names()
    return pd.DataFrame({"region": plants["bps_code"].map(provinces), "industry": plants["division"].map(divisions),
                         "employment": plants["workers"]})


def employment_matrix(year: int, panel: pd.DataFrame | None = None, labels: str = "name") -> pd.DataFrame:
    """Employment matrix (provinces x divisions) of the synthetic panel for one year.

    ``labels="name"`` labels rows with province names and columns with short
    division names in the course language (``division_names``); ``labels="code"``
    uses BPS province codes and KBLI codes, the same in every language. To pick a
    division by name in code that runs in both languages, use ``division_label``.
    """
    if labels not in ("name", "code"):
        raise KlasterValueError(_("labels must be 'name' (province and division names) or 'code' (BPS and KBLI "
                                  "codes)."))
    if panel is None:  # the course's own panel: built once per year, labelling and language, then copied
        from .i18n import language

        path = data_dir() / "manufacturing_employment_panel.csv"
        stat = path.stat() if path.exists() else None
        key = ("matrix", year, labels, language() if labels == "name" else None,
               stat.st_mtime_ns if stat else None, stat.st_size if stat else None)
        if key not in _read_cache:
            _read_cache[key] = _employment_matrix(year, load_employment_panel(), labels)
        return _read_cache[key].copy()
    return _employment_matrix(year, panel, labels)


def _employment_matrix(year: int, panel: pd.DataFrame, labels: str) -> pd.DataFrame:
    years = sorted(panel["year"].unique().tolist())
    if year not in years:
        raise KlasterValueError(_("The panel has no year {year!r}; it covers {years}.").format(
            year=year, years=", ".join(map(str, years))))
    rows, cols = ("province", "division_name") if labels == "name" else ("bps_code", "division")
    one_year = panel[panel["year"] == year]
    order_rows = one_year.drop_duplicates("bps_code")[rows].tolist()
    order_cols = one_year.drop_duplicates("division").sort_values("division")[cols].tolist()
    matrix = one_year.pivot(index=rows, columns=cols, values="workers").loc[order_rows, order_cols]
    matrix.index.name = "province" if labels == "name" else "bps_code"
    matrix.columns.name = "division"
    return matrix


# ---------------------------------------------------------------------------
# A student's own data
# ---------------------------------------------------------------------------

def _normalise_label(text) -> str:
    """Lower-case, strip accents, punctuation and repeated spaces: 'Jawa  Tengah.' -> 'jawa tengah'."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    text = re.sub(r"[^0-9a-zA-Z]+", " ", text)
    return " ".join(text.lower().split())


def _find_column(columns, candidates) -> str | None:
    lookup = {_normalise_label(c).replace(" ", "_"): c for c in columns}
    for name in candidates:
        if name in lookup:
            return lookup[name]
    return None


def _to_numbers(series: pd.Series, what: str, where) -> pd.Series:
    """Convert a column to numbers, explaining the first value that is not one (``where(pos)`` names its row)."""
    if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        return series.astype(float)
    text_values = series.dropna().astype(str).str.strip()
    dotted = text_values[text_values.str.contains(".", regex=False)]
    grouped = dotted.str.fullmatch(r"-?\d{1,3}(\.\d{3})+")
    if len(dotted) and grouped.all():
        raw = dotted.iloc[0]
        raise KlasterValueError(
            _("{what} has values such as {raw!r} that look like numbers written with dots as thousands "
              "separators (Indonesian style), so {raw!r} could mean {whole} or a decimal; save the file "
              "without thousands separators.").format(what=what, raw=raw, whole=raw.replace(".", ""))
        )
    numbers = pd.to_numeric(series, errors="coerce")
    text = numbers.isna() & series.notna() & (series.astype(str).str.strip() != "")
    if text.any():
        pos = text.to_numpy().nonzero()[0][0]
        raw = series.iloc[pos]
        if re.fullmatch(r"\s*-?\d{1,3}([.,]\d{3})+\s*", str(raw)):
            raise KlasterValueError(
                _("{what} has the text {raw!r} where a number should be, for {where} (it looks like a number "
                  "written with a thousands separator: remove the dots or commas).").format(
                    what=what, raw=raw, where=where(pos)))
        raise KlasterValueError(_("{what} has the text {raw!r} where a number should be, for {where}.").format(
            what=what, raw=raw, where=where(pos)))
    return numbers.astype(float)


def _check_spelling(labels: pd.Series, what: str) -> None:
    """Raise if two different spellings of the same label appear (e.g. 'Jawa Tengah' and 'jawa tengah ')."""
    unique = pd.Series(labels.dropna().unique())
    keys = unique.map(_normalise_label)
    clashes = keys[keys.duplicated(keep=False)]
    if len(clashes):
        first = unique[keys == clashes.iloc[0]].tolist()
        message = (_("The region {name!r} is spelled in more than one way ({spellings}); use one spelling "
                     "everywhere.") if what == "region" else
                   _("The industry {name!r} is spelled in more than one way ({spellings}); use one spelling "
                     "everywhere."))
        raise KlasterValueError(message.format(name=first[0], spellings=", ".join(map(repr, first))))


def load_user_table(source, region: str | None = None, industry: str | None = None,
                    value: str | None = None, year: str | None = None, *, sheet=None,
                    totals: str = "raise") -> pd.DataFrame:
    """Read and check a student's own region-by-industry data.

    ``source`` is a CSV or Excel (.xlsx) file (or an open CSV file, or a
    DataFrame) in one of two shapes:

    - long: one row per region and industry (and year), with a region
      column, an industry column and a value column. Names such as
      province/provinsi, industry/division/kbli, workers/value/jumlah and
      year/tahun are recognised; otherwise name them with the arguments.
    - wide: the first text column holds the regions, every other column is
      an industry (an optional year/tahun column is allowed).

    Excel files are read as BPS and SIMREG publish them: title rows above
    the header are skipped, a two-row header (indicator names above, the
    year below) becomes the column names and a year column, identifier
    columns (Kode, KodeWilayah, IDPulau, ...) are left aside and footnotes
    ("Sumber: ...") are dropped. ``sheet`` picks a sheet (name or number;
    default the first).

    Totals: a row for the nation or a total ("Indonesia", "Nasional",
    "Jumlah", "Total", a province row among its kabupaten/kota, or a row
    equal to the sum of the others) or a total column ("Jumlah", "PDRB")
    would count the nation twice. ``totals="raise"`` (default) stops with a
    message naming it; ``totals="drop"`` leaves such rows and columns out
    (listed in ``table.attrs["dropped_totals"]``).

    Returns a tidy DataFrame with columns region, industry, value (and year
    when there is one), ready for ``klaster.measures.to_matrix``.

    Raises KlasterValueError with one sentence naming the problem: a missing
    column, text in a number column, negative or missing values, a region or
    industry spelled two ways, a repeated row, a total row, or years that do
    not cover the same regions and industries.
    """
    if totals not in ("raise", "drop"):
        raise KlasterValueError(_("totals must be 'raise' or 'drop', not {value!r}.").format(value=totals))
    frame = _read_user_source(source, sheet)
    if frame.shape[0] == 0 or frame.shape[1] == 0:
        raise KlasterValueError(_("The table is empty: it has no rows of data."))
    frame.columns = [str(c).strip() for c in frame.columns]
    region_col = region or _find_column(frame.columns, REGION_NAMES)
    industry_col = industry or _find_column(frame.columns, INDUSTRY_NAMES)
    value_col = value or _find_column(frame.columns, VALUE_NAMES)
    year_col = year or _find_column(frame.columns, YEAR_NAMES)
    for given, label in ((region, N_("There is no column {column!r} for the region; the table's columns are "
                                     "{columns}.")),
                         (industry, N_("There is no column {column!r} for the industry; the table's columns are "
                                       "{columns}.")),
                         (value, N_("There is no column {column!r} for the value; the table's columns are "
                                    "{columns}.")),
                         (year, N_("There is no column {column!r} for the year; the table's columns are "
                                   "{columns}."))):
        if given is not None and given not in frame.columns:
            raise KlasterValueError(_(label).format(column=given, columns=", ".join(map(repr, frame.columns))))
    others = [c for c in frame.columns if c not in (region_col, year_col, value_col) and not _is_id_column(c)]
    if (industry_col is None and value_col is not None and value is None and others
            and _normalise_label(value_col) in TOTAL_LABELS):
        value_col = None  # a "Jumlah" column next to industry columns is a total column of a wide table
    if industry_col is not None and industry is None and value_col is None and len(others) >= 2:
        industry_col = None  # an "Industri" column next to other sector columns is one of them: a wide table
    is_long = industry_col is not None or value_col is not None
    if is_long:
        missing = [_(name) for name, col in ((N_("region (such as 'province')"), region_col),
                                             (N_("industry (such as 'division')"), industry_col),
                                             (N_("value (such as 'workers')"), value_col)) if col is None]
        columns = ", ".join(map(repr, frame.columns))
        if len(missing) == 1:   # a long table has an industry or a value column, so at most two are missing
            raise KlasterValueError(_("The table looks like a long table but has no {missing} column; its columns "
                                      "are {columns}.").format(missing=missing[0], columns=columns))
        if missing:
            raise KlasterValueError(_("The table looks like a long table but has no {first} and no {second} "
                                      "column; its columns are {columns}.").format(
                first=missing[0], second=missing[1], columns=columns))
        tidy = pd.DataFrame({"region": frame[region_col], "industry": frame[industry_col],
                             "value": frame[value_col]})
        if year_col is not None:
            tidy.insert(2, "year", frame[year_col])
    else:
        tidy = _wide_to_long(frame, region_col, year_col)
    tidy, dropped = _total_labels(tidy, totals)
    tidy = _validate_tidy(tidy)
    tidy, more = _total_rows_by_sum(tidy, totals)
    tidy.attrs["dropped_totals"] = dropped + more
    return tidy


def _is_id_column(name) -> bool:
    return _normalise_label(name).replace(" ", "_") in ID_COLUMNS


def _is_total_label(label) -> bool:
    key = _normalise_label(label)
    return key in TOTAL_LABELS or key.startswith(("total ", "jumlah "))


def _total_labels(tidy: pd.DataFrame, totals: str) -> tuple[pd.DataFrame, list]:
    """Rows and columns whose labels say they are totals: the nation, "Jumlah", province rows among kabupaten."""
    regions = pd.Series(tidy["region"].dropna().astype(str).str.strip().unique())
    keys = regions.map(_normalise_label)
    provincial = keys.str.startswith(("provinsi ", "prov "))
    found = []
    for label, is_total in zip(regions, keys.map(lambda k: k in TOTAL_LABELS or k.startswith(("total ", "jumlah ")))):
        if is_total:
            found.append(("region", label, _("the nation or a total")))
    if provincial.any() and not provincial.all():
        found += [("region", label, _("a province row among kabupaten/kota rows")) for label in regions[provincial]]
    industries = pd.Series(tidy["industry"].dropna().astype(str).str.strip().unique())
    for label in industries[industries.map(_is_total_label)]:
        found.append(("industry", label, _("a total of the industries")))
    if not found:
        return tidy, []
    if totals == "raise":
        kind, label, why = found[0]
        message = (_("The table has a row {label!r} that looks like {why}; counting it with the others would "
                     "count the nation twice: remove it, or pass totals='drop' ({n} such row(s) or column(s) "
                     "found).") if kind == "region" else
                   _("The table has a column {label!r} that looks like {why}; counting it with the others would "
                     "count the nation twice: remove it, or pass totals='drop' ({n} such row(s) or column(s) "
                     "found)."))
        raise KlasterValueError(message.format(label=label, why=why, n=len(found)))
    regions_out = {label for kind, label, _why in found if kind == "region"}
    industries_out = {label for kind, label, _why in found if kind == "industry"}
    keep = ~tidy["region"].astype(str).str.strip().isin(regions_out) & \
        ~tidy["industry"].astype(str).str.strip().isin(industries_out)
    return tidy[keep].reset_index(drop=True), [label for _kind, label, _why in found]


def _total_rows_by_sum(tidy: pd.DataFrame, totals: str) -> tuple[pd.DataFrame, list]:
    """A region whose values equal the sum of all the other regions' (within 0.5%) is a total row."""
    keys = ["industry"] + (["year"] if "year" in tidy else [])
    regions = tidy["region"].unique()
    if len(regions) < 3:
        return tidy, []
    overall = tidy.groupby(keys)["value"].sum()
    found = []
    for label in regions:
        own = tidy[tidy["region"] == label].set_index(keys)["value"]
        rest = overall.reindex(own.index) - own
        if own.sum() > 0 and ((own - rest).abs() <= 0.005 * own.abs() + 1e-9).all():
            found.append(label)
    if not found:
        return tidy, []
    if totals == "raise":
        raise KlasterValueError(_("The row {label!r} equals the sum of all the other regions, so it looks like "
                                  "a total; counting it would count the nation twice: remove it, or pass "
                                  "totals='drop'.").format(label=found[0]))
    return tidy[~tidy["region"].isin(found)].reset_index(drop=True), list(found)


def _read_user_source(source, sheet=None) -> pd.DataFrame:
    if isinstance(source, pd.DataFrame):
        return source.copy()
    if isinstance(source, (str, Path)):
        path = Path(source)
        if not path.exists():
            raise KlasterValueError(_("There is no file {path!r}; check the name and the folder.").format(path=str(path)))
        if path.suffix.lower() == ".xls":
            raise KlasterValueError(
                _("{name} is an old Excel file (.xls); open it in Excel or LibreOffice and save it as "
                  ".xlsx or CSV, then load that.").format(name=path.name)
            )
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            return _read_excel(path, sheet)
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    elif hasattr(source, "read"):
        text = source.read()
        text = text.decode("utf-8-sig", errors="replace") if isinstance(text, bytes) else text
    else:
        raise KlasterTypeError(_("Give a CSV or Excel file name or a DataFrame, not a {kind}.").format(kind=type(source).__name__))
    if not text.strip():
        raise KlasterValueError(_("The file is empty."))
    first_line = text.splitlines()[0]
    separator = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        return pd.read_csv(io.StringIO(text), sep=separator, dtype=str, keep_default_na=True)
    except pd.errors.ParserError as exc:
        raise KlasterValueError(_("The file could not be read as a table ({problem}).").format(
            problem=str(exc).splitlines()[0])) from None


_FOOTNOTE_STARTS = ("sumber", "source", "catatan", "note", "keterangan", "*")
_YEAR = re.compile(r"(19|20)\d\d")


def _is_number(cell) -> bool:
    return isinstance(cell, (int, float, np.integer, np.floating)) and not isinstance(cell, bool) and not pd.isna(cell)


def _cell_text(cell) -> str:
    if cell is None or (isinstance(cell, float) and np.isnan(cell)):
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _read_excel(path: Path, sheet=None) -> pd.DataFrame:
    """A BPS- or SIMREG-style worksheet as a table: header found under any title rows, two-row headers
    merged (a year in the lower row becomes a year column), identifier columns kept, footnotes dropped."""
    try:
        raw = pd.read_excel(path, sheet_name=0 if sheet is None else sheet, header=None, dtype=object,
                            engine="openpyxl")
    except ImportError:
        raise KlasterValueError(_("Reading Excel files needs the package openpyxl; run `python course.py "
                                  "install`.")) from None
    except ValueError as exc:
        raise KlasterValueError(_("{name}: {problem}.").format(name=path.name, problem=str(exc).rstrip("."))) from None
    except Exception as exc:  # not a workbook at all
        raise KlasterValueError(_("{name} could not be read as an Excel workbook ({problem}).").format(
            name=path.name, problem=type(exc).__name__)) from None
    raw = raw.dropna(how="all").dropna(axis=1, how="all").reset_index(drop=True)
    raw.columns = range(raw.shape[1])
    if raw.empty:
        raise KlasterValueError(_("The sheet of {name} is empty.").format(name=path.name))
    numeric = raw.map(_is_number)
    texts = raw.map(lambda c: bool(_cell_text(c)) and not _is_number(c))
    data_rows = (numeric.sum(axis=1) >= 1) & (texts.sum(axis=1) >= 1)
    if not data_rows.any():
        raise KlasterValueError(_("{name}: no row with a name and a number was found, so this is not a table of "
                                  "regions and values.").format(name=path.name))
    first = int(data_rows.to_numpy().nonzero()[0][0])
    if first == 0:
        raise KlasterValueError(_("{name}: the first row already holds numbers; the table needs a header row "
                                  "with the column names.").format(name=path.name))
    lower = [_cell_text(c) for c in raw.iloc[first - 1]]
    upper = [_cell_text(c) for c in raw.iloc[first - 2]] if first >= 2 else [""] * len(lower)
    if sum(bool(u) for u in upper) < 2:
        upper = [""] * len(lower)
    filled, last = [], ""
    for u in upper:  # a merged upper cell is written only in its first column
        last = u or last
        filled.append(last)
    names, years = [], {}
    for col, (u, l) in enumerate(zip(filled, lower)):
        if _YEAR.fullmatch(l) and u:
            names.append(u)
            years[col] = l
        elif not l and u:
            names.append(u)
        else:
            names.append(l or f"column {col + 1}")
    names = _strip_common_prefix(names, [c for c in years])
    body = raw.iloc[first:].copy()
    body.columns = names
    first_cells = body.apply(lambda row: next((_cell_text(c) for c in row if _cell_text(c)), ""), axis=1)
    footnote = first_cells.str.lower().str.startswith(_FOOTNOTE_STARTS) & (numeric.iloc[first:].sum(axis=1) == 0)
    body = body[~footnote.to_numpy()]
    for name in body.columns:
        column = body[name]
        if column.map(lambda c: _is_number(c) or c is None or (isinstance(c, float) and np.isnan(c))).all():
            body[name] = pd.to_numeric(column, errors="coerce").astype(float)
        else:
            body[name] = column.map(lambda c: None if _cell_text(c) == "" else _cell_text(c)).astype(object)
    distinct = set(years.values())
    if len(distinct) == 1 and _find_column(body.columns, YEAR_NAMES) is None:
        body.insert(0, "year", distinct.pop())
    if pd.Index(body.columns).duplicated().any():
        dup = pd.Index(body.columns)[pd.Index(body.columns).duplicated()][0]
        raise KlasterValueError(_("{name}: two columns are both called {column!r}.").format(name=path.name, column=dup))
    return body.reset_index(drop=True)


def _strip_common_prefix(names: list[str], columns: list[int]) -> list[str]:
    """Cut the text that all indicator columns share ("PDRB ADHK ... Lapangan Usaha - "); a column that is
    nothing but that text is their total, named "PDRB"."""
    chosen = [names[c] for c in columns]
    if len(chosen) < 2:
        return names
    prefix = chosen[0]
    for name in chosen[1:]:
        while not name.startswith(prefix):
            prefix = prefix[:-1]
    if prefix.strip() in [c.strip() for c in chosen]:
        stem = prefix.strip()  # one column is the stem itself: the total
    else:
        cut = max(prefix.rfind(" - "), prefix.rfind(" -"), prefix.rfind(": "))
        if cut <= 0:
            return names
        stem = prefix[:cut].strip()
    out = list(names)
    for c in columns:
        rest = names[c][len(stem):].strip(" -:")
        out[c] = rest if rest else "PDRB"
    return out


def _wide_to_long(frame: pd.DataFrame, region_col: str | None, year_col: str | None) -> pd.DataFrame:
    if region_col is None:
        region_col = frame.columns[0]
    industries = [c for c in frame.columns if c not in (region_col, year_col) and not _is_id_column(c)]
    if not industries:
        raise KlasterValueError(
            _("The table has a region column but no industry columns; a wide table needs one column per industry.")
        )
    ids = [region_col] + ([year_col] if year_col else [])
    long = frame.melt(id_vars=ids, value_vars=industries, var_name="industry", value_name="value")
    long = long.rename(columns={region_col: "region", **({year_col: "year"} if year_col else {})})
    columns = ["region", "industry"] + (["year"] if year_col else []) + ["value"]
    return long[columns]


def _validate_tidy(tidy: pd.DataFrame) -> pd.DataFrame:
    for col, message in (("region", N_("Row {row} of the data has no region name.")),
                         ("industry", N_("Row {row} of the data has no industry name."))):
        blank = tidy[col].isna() | (tidy[col].astype(str).str.strip() == "")
        if blank.any():
            row = int(blank.to_numpy().nonzero()[0][0])
            raise KlasterValueError(_(message).format(row=row + 1))
        tidy[col] = tidy[col].astype(str).str.strip()
    if "year" in tidy:
        years = pd.to_numeric(tidy["year"], errors="coerce")
        if years.isna().any():
            pos = int(years.isna().to_numpy().nonzero()[0][0])
            raise KlasterValueError(_("The year {year!r} for region {region!r}, industry {industry!r} is not a "
                                      "year.").format(year=tidy["year"].iloc[pos], region=tidy["region"].iloc[pos],
                                                      industry=tidy["industry"].iloc[pos]))
        tidy["year"] = years.astype("int64")

    def where(pos: int) -> str:
        """The row at position ``pos``, named for a message."""
        region, industry = tidy["region"].iloc[pos], tidy["industry"].iloc[pos]
        if "year" in tidy:
            return _("region {region!r}, industry {industry!r}, year {year}").format(
                region=region, industry=industry, year=tidy["year"].iloc[pos])
        return _("region {region!r}, industry {industry!r}").format(region=region, industry=industry)

    tidy["value"] = _to_numbers(tidy["value"], _("The value column"), where)
    if tidy["value"].isna().any():
        pos = int(tidy["value"].isna().to_numpy().nonzero()[0][0])
        raise KlasterValueError(
            _("The value for {where} is missing; fill it in (0 if there are no jobs) or remove the row.").format(
                where=where(pos))
        )
    if (tidy["value"] < 0).any():
        pos = int((tidy["value"] < 0).to_numpy().nonzero()[0][0])
        raise KlasterValueError(
            _("The value for {where} is negative ({value}); jobs cannot be below zero.").format(
                where=where(pos), value=number(tidy["value"].iloc[pos], "g"))
        )
    _check_spelling(tidy["region"], "region")
    _check_spelling(tidy["industry"], "industry")
    keys = ["region", "industry"] + (["year"] if "year" in tidy else [])
    dup = tidy.duplicated(keys, keep=False)
    if dup.any():
        pos = int(dup.to_numpy().nonzero()[0][0])
        raise KlasterValueError(_("The data has more than one row for {where}; keep one or add them up.").format(
            where=where(pos)))
    if "year" in tidy:
        _check_years_match(tidy)
    if tidy["value"].sum() == 0:
        raise KlasterValueError(_("Every value in the table is zero, so no shares can be computed."))
    return tidy.reset_index(drop=True)


def _check_years_match(tidy: pd.DataFrame) -> None:
    years = sorted(tidy["year"].unique())
    first = tidy[tidy["year"] == years[0]]
    for other_year in years[1:]:
        other = tidy[tidy["year"] == other_year]
        for col, message in (("region", N_("The years {first} and {second} do not cover the same regions: "
                                           "{name!r} is in {present} but not in {absent}.")),
                             ("industry", N_("The years {first} and {second} do not cover the same industries: "
                                             "{name!r} is in {present} but not in {absent}."))):
            a, b = set(first[col]), set(other[col])
            if a != b:
                only_a = sorted(a - b)
                only_b = sorted(b - a)
                name, present, absent = ((only_a[0], years[0], other_year) if only_a
                                         else (only_b[0], other_year, years[0]))
                raise KlasterValueError(_(message).format(first=years[0], second=other_year, name=name,
                                                          present=present, absent=absent))


def load_glossary() -> pd.DataFrame:
    """The course's bilingual glossary (data/glossary.csv), one row per term, as text.

    Columns:

    - ``term_en``: the English term; ``term_id``: the Indonesian term;
    - ``meaning``: what the term means, in the course language: the English meaning, or the
      Indonesian one after ``klaster.set_language("id")`` (read at each call, so switching the
      language and loading again gives the other meaning);
    - ``meaning_en`` and ``meaning_id``: the English and the Indonesian meaning, both always there
      (the file itself has ``meaning``, in English, and ``meaning_id``);
    - ``lesson``: the lesson ("00" to "10") that introduces the term, missing for terms of the
      guides only;
    - ``id_source``: where the Indonesian term comes from (BPS, KBBI, a law, or the course's own
      translation), missing for the first terms of the course.
    """
    from .i18n import language

    glossary = _read("glossary.csv", dtype=str).rename(columns={"meaning": "meaning_en"})
    if "meaning_id" not in glossary.columns:  # an older copy of the data, without Indonesian meanings
        glossary.insert(glossary.columns.get_loc("meaning_en") + 1, "meaning_id", pd.NA)
    shown = glossary["meaning_id"].fillna(glossary["meaning_en"]) if language() == "id" else glossary["meaning_en"]
    glossary.insert(glossary.columns.get_loc("meaning_en"), "meaning", shown)
    return glossary
