"""The translation layer: reading and writing .po catalogs, switching language,
keeping catalogs in step with the code, numbers in each language's style."""
from __future__ import annotations

import csv
import os
import subprocess
import sys
import textwrap

import pytest

from klaster import i18n
from klaster.i18n import extract
from klaster.i18n.po import Catalog, CatalogError, Entry, read_po, write_po


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.set_language("en")


SAMPLE = textwrap.dedent('''\
    # A translator's note.
    msgid ""
    msgstr ""
    "Language: id\\n"
    "Plural-Forms: nplurals=1; plural=0;\\n"

    #: klaster/a.py
    msgid "Year"
    msgstr "Tahun"

    #, fuzzy
    #| msgid "Old text"
    msgid "New text"
    msgstr "Teks lama"

    msgctxt "axis"
    msgid "Share"
    msgstr "Pangsa"

    msgid ""
    "Line one \\"quoted\\"\\n"
    "line two"
    msgstr ""
    "Baris satu \\"kutip\\"\\n"
    "baris dua"

    msgid "{n} plant"
    msgid_plural "{n} plants"
    msgstr[0] "{n} pabrik"

    msgid "Untranslated"
    msgstr ""

    #~ msgid "Obsolete"
    #~ msgstr "Usang"
    ''')


def test_po_file_is_read_with_contexts_plurals_fuzzy_and_multiline():
    catalog = read_po(SAMPLE)
    assert catalog.header["Language"] == "id"
    assert catalog.gettext("Year") == "Tahun"
    assert catalog.gettext("New text") == "New text", "a fuzzy translation is never shown"
    assert catalog.find("New text").previous_msgid == "Old text"
    assert catalog.pgettext("axis", "Share") == "Pangsa" and catalog.gettext("Share") == "Share"
    assert catalog.gettext('Line one "quoted"\nline two') == 'Baris satu "kutip"\nbaris dua'
    assert catalog.ngettext("{n} plant", "{n} plants", 5) == "{n} pabrik"
    assert catalog.gettext("Untranslated") == "Untranslated"
    assert catalog.find("Obsolete") is None


def test_po_file_written_back_reads_the_same():
    catalog = read_po(SAMPLE)
    text = write_po(catalog)
    again = read_po(text)
    assert write_po(again) == text
    assert [(e.key, e.msgstr, e.flags, e.previous_msgid) for e in again.entries] == \
        [(e.key, e.msgstr, e.flags, e.previous_msgid) for e in catalog.entries]


def test_damaged_po_file_is_refused_with_the_line():
    with pytest.raises(CatalogError, match="line 2"):
        read_po('msgid "a"\nmsgstr b\n')


def test_switching_language_and_asking_for_it():
    assert i18n.language() == "en"
    assert "id" in i18n.available_languages()
    i18n.set_language("id")
    assert i18n.language() == "id"
    i18n.set_language("en")
    i18n.set_language("ID-id")
    assert i18n.language() == "id", "a locale name such as id_ID or ID-id is understood"
    i18n.set_language("en")
    assert i18n.language() == "en"


def test_unknown_language_says_which_exist_and_stays_english(capsys):
    i18n.set_language("id")
    i18n.set_language("fr")
    assert i18n.language() == "en"
    said = capsys.readouterr().err
    assert "'fr'" in said and '"en"' in said and '"id"' in said
    assert said.count("\n") == 1, "one sentence (in both languages), not a traceback"


def test_language_from_environment_variable():
    code = "import klaster; print(klaster.language())"
    env = {**os.environ, "KLASTER_LANG": "id"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "id"
    env["KLASTER_LANG"] = "xx"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "en" and "'xx'" in out.stderr


def test_missing_or_damaged_catalog_falls_back_to_english_and_says_so_once(monkeypatch, tmp_path, capsys):
    broken = tmp_path / "klaster.po"
    broken.write_text('msgid "a"\nmsgstr oops\n', encoding="utf-8")
    monkeypatch.setattr(i18n, "catalog_resource", lambda code, domain="klaster": broken)
    monkeypatch.setattr(i18n, "_warned", set())
    i18n._catalog.cache_clear()
    try:
        i18n.set_language("id")
        assert i18n.language() == "en"
        assert i18n._("Year") == "Year"
        i18n.set_language("id")
        assert capsys.readouterr().err.count("showing English instead") == 1
    finally:
        i18n._catalog.cache_clear()


def test_numbers_in_each_language_style():
    assert i18n.number(1234567.891, ",.1f") == "1,234,567.9"
    assert i18n._f("{x:+,.0f} jobs in {year}", x=-1234.0, year=2019) == "-1,234 jobs in 2019"
    i18n.set_language("id")
    assert i18n.number(1234567.891, ",.1f") == "1.234.567,9"
    assert i18n.number(0.456, ".1%") == "45,6%"
    assert i18n._f("{x:+,.0f} in {year} ({name})", x=-1234.0, year=2019, name="a, b.") == \
        "-1.234 in 2019 (a, b.)", "only numbers change style; years without a spec and texts do not"


def test_translated_and_use_language_leave_the_current_language_alone():
    with i18n.use_language("id"):
        assert i18n.language() == "id"
    assert i18n.language() == "en"


def test_extraction_finds_marked_texts_and_refuses_fstrings():
    source = textwrap.dedent('''
        from klaster.i18n import _, N_, _p, ngettext
        A = N_("Province")
        def f(x):
            _("Region {region} has no jobs.").format(region=x)
            _p("axis", "Share")
            ngettext("{n} plant", "{n} plants", 2)
            _(x)
            _(f"Bad {x}")
    ''')
    found = extract.Extraction()
    extract.extract_source(source, "klaster/demo.py", found)
    assert list(found.messages) == [(None, "Province"), (None, "Region {region} has no jobs."), ("axis", "Share"),
                                    (None, "{n} plant")]
    assert len(found.problems) == 1 and "f-string" in found.problems[0] and "demo.py:9" in found.problems[0]


def _extraction(*texts):
    found = extract.Extraction()
    for text in texts:
        found.messages[(None, text)] = extract.Message(msgid=text, references=["klaster/demo.py"])
    return found


def test_update_keeps_translations_marks_changed_english_fuzzy_and_drops_removed_texts():
    old = Catalog(header={"Language": "id"}, entries=[
        Entry("Location quotient", "Kuosien lokasi"),
        Entry("The region has no jobs at all.", "Wilayah ini sama sekali tidak memiliki lapangan kerja."),
        Entry("Removed text", "Teks yang dihapus"),
    ])
    new = extract.merge(_extraction("Location quotient", "The region has no jobs.", "Brand new"), old)
    by_id = {e.msgid: e for e in new.entries}
    assert set(by_id) == {"Location quotient", "The region has no jobs.", "Brand new"}
    assert by_id["Location quotient"].translated
    changed = by_id["The region has no jobs."]
    assert changed.fuzzy and not changed.translated
    assert changed.previous_msgid == "The region has no jobs at all."
    assert by_id["Brand new"].msgstr == "" and not by_id["Brand new"].fuzzy
    problems = extract.translation_problems(new, "id")
    assert any("stale" in p and "no jobs" in p for p in problems)
    assert any("no translation" in p and "Brand new" in p for p in problems)


def test_a_translation_that_loses_a_placeholder_is_a_problem():
    catalog = Catalog(entries=[Entry("{n} jobs in {year}", "{n} pekerja")])
    assert any("placeholders" in p for p in extract.translation_problems(catalog, "id"))


def test_library_catalogs_are_complete_and_current():
    """Every text the library marks has a current Indonesian translation (run `python -m klaster.i18n update`)."""
    problems = extract.check()
    assert not problems, "\n".join(problems[:40]) + (f"\n... {len(problems) - 40} more" if len(problems) > 40 else "")


# ---------------------------------------------------------------------------
# Data texts: the columns of data files that users read are in the catalog too
# ---------------------------------------------------------------------------

def _id_catalog() -> Catalog:
    path = next(p for p in extract.catalog_paths() if p.parent.parent.name == "id")
    return read_po(path.read_text(encoding="utf-8"))


def test_data_cells_users_read_are_in_the_catalog_with_their_file_and_column():
    path = extract.data_folder() / "indonesian_clusters.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        first = next(csv.DictReader(handle))
    found = extract.extract()
    assert "data/indonesian_clusters.csv:detail" in found.messages[(None, first["detail"])].references
    assert "data/indonesian_clusters.csv:note" in found.messages[(None, first["note"])].references
    assert (None, first["period"]) not in found.messages, "a cell without a letter (a year) is no text to translate"
    assert (None, first["case"]) not in found.messages, "keys such as the case column are not declared"
    entry = _id_catalog().find(first["note"])
    assert entry is not None and "data/indonesian_clusters.csv:note" in entry.references


def _small_course(tmp_path):
    package = tmp_path / "klaster"
    (package / "locale" / "id" / "LC_MESSAGES").mkdir(parents=True)
    (package / "demo.py").write_text('from klaster.i18n import _\nLABEL = _("Cluster")\n', encoding="utf-8")
    catalog = package / "locale" / "id" / "LC_MESSAGES" / "klaster.po"
    catalog.write_text(write_po(Catalog(header={"Language": "id"})), encoding="utf-8")
    (tmp_path / "data").mkdir()
    table = tmp_path / "data" / "cases.csv"
    table.write_text("case,detail,note,year\njepara,production units,\"A range, as published.\",2007\n"
                     "kudus,1997,,1998\n", encoding="utf-8")
    return package, catalog, table


def test_a_changed_data_cell_makes_its_translation_fuzzy_and_updates_are_stable(tmp_path):
    package, catalog, table = _small_course(tmp_path)
    texts = {"cases.csv": ("detail", "note")}
    assert extract.update(package, texts) == [catalog]
    entries = {e.msgid: e for e in read_po(catalog.read_text(encoding="utf-8")).entries}
    assert list(entries) == ["Cluster", "production units", "A range, as published."]  # code first, then data
    assert entries["production units"].references == ["data/cases.csv:detail"]
    assert entries["production units"].msgstr == ""
    translated = read_po(catalog.read_text(encoding="utf-8"))
    for entry, text in zip(translated.entries, ["Klaster", "unit produksi", "Rentang, sesuai publikasi."]):
        entry.msgstr = text
    catalog.write_text(write_po(translated), encoding="utf-8")
    assert extract.check(package, texts) == []
    before = catalog.read_bytes()
    assert extract.update(package, texts) == [] and catalog.read_bytes() == before, "update is byte-for-byte stable"

    table.write_text(table.read_text(encoding="utf-8").replace("production units", "production units counted"),
                     encoding="utf-8")
    extract.update(package, texts)
    changed = read_po(catalog.read_text(encoding="utf-8")).find("production units counted")
    assert changed.fuzzy and changed.previous_msgid == "production units" and changed.msgstr == "unit produksi"
    assert changed.references == ["data/cases.csv:detail"]
    problems = extract.check(package, texts)
    assert any("stale" in p and "production units counted" in p for p in problems)


def test_a_declared_data_column_that_is_missing_is_a_problem(tmp_path):
    package, _catalog, _table = _small_course(tmp_path)
    problems = extract.check(package, {"cases.csv": ("detail", "unit"), "gone.csv": ("note",)})
    assert any("data/cases.csv:unit" in p and "no column" in p for p in problems)
    assert any("data/gone.csv" in p and "cannot be read" in p for p in problems)


def test_case_data_texts_are_shown_in_the_course_language_and_keys_stay():
    from klaster import cases

    catalog = _id_catalog()
    english = cases.case_table().set_index("case")["cluster"]
    statuses = cases.load_cluster_figures()["status"]
    with i18n.use_language("id"):
        shown = cases.case_table().set_index("case")["cluster"]
        assert shown["jepara"] == catalog.gettext(english["jepara"]) != english["jepara"]
        assert cases.resolve_case(shown["jepara"]) == "jepara", "a case may be named in the course language"
        figure = cases.format_figure(cases.figure("jepara-2007-units"))
        assert figure == "15.271 " + catalog.gettext("production units"), "numbers in Indonesian style"
        assert cases.load_cluster_figures()["status"].tolist() == statuses.tolist(), "statuses stay keys"
        talang = catalog.gettext("Talang subdistrict (kecamatan)")
        assert cases.workers_per_firm("tegal", part=talang) == cases.workers_per_firm("tegal", part="Talang")
