"""The translated notebooks are built from the English ones plus one catalog per notebook:
code travels by itself, changed English text shows up as untranslated or fuzzy, links
point into the same edition, and check() fails whenever the edition is out of date."""
from __future__ import annotations

import nbformat
import pytest

from klaster.i18n import notebooks as nbi18n
from klaster.i18n.po import read_po, write_po


def _course(tmp_path):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "solutions").mkdir()
    (tmp_path / "translations" / "id").mkdir(parents=True)
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Lesson 01 — Shares\n\nA first paragraph.\n\nSee [lesson 02](02_next.ipynb) "
                                      "and [the data](../data/README.md)."),
        nbformat.v4.new_code_cell('share = 0.25  # the share of batik jobs\nprint(f"Share of batik: {share:.2f}")\n'
                                  'region = "Jawa Tengah"'),
        nbformat.v4.new_markdown_cell("$$LQ = s / x$$"),
    ]
    nbformat.write(nb, tmp_path / "notebooks" / "01_shares.ipynb")
    other = nbformat.v4.new_notebook()
    other.cells = [nbformat.v4.new_markdown_cell("# Lesson 02\n\nBack to [lesson 01](01_shares.ipynb).")]
    nbformat.write(other, tmp_path / "notebooks" / "02_next.ipynb")
    return tmp_path


TRANSLATIONS = {
    (None, "# Lesson 01 — Shares"): "# Pelajaran 01 — Pangsa",
    (None, "A first paragraph."): "Paragraf pertama.",
    (None, "See [lesson 02](02_next.ipynb) and [the data](../data/README.md)."):
        "Lihat [pelajaran 02](02_next.ipynb) dan [datanya](../data/README.md).",
    ("code comment", "the share of batik jobs"): "pangsa pekerjaan batik",
    ("code string", "Share of batik: {share:.2f}"): "Pangsa batik: {share:.2f}",
    ("code string", "Jawa Tengah"): "Jawa Tengah",
    (None, "# Lesson 02"): "# Pelajaran 02",
    (None, "Back to [lesson 01](01_shares.ipynb)."): "Kembali ke [pelajaran 01](01_shares.ipynb).",
}


def _translate_all(root, names=None):
    for path in sorted((root / "translations" / "id").rglob("*.po")):
        catalog = read_po(path.read_text(encoding="utf-8"))
        if path.stem == "01_shares":
            catalog.header["X-Klaster-Target"] = "01_pangsa.ipynb"
        for entry in catalog.entries:
            if entry.key in TRANSLATIONS:
                entry.msgstr = TRANSLATIONS[entry.key]
                entry.flags = []
                entry.previous_msgid = None
        path.write_text(write_po(catalog), encoding="utf-8")


def test_markdown_blocks_give_the_text_back_and_keep_markers_and_fences_whole():
    text = "# T\nLine.\n\n```python\nx = 1\n\ny = 2\n```\n\n<!-- BEGIN ANSWER NOTE -->\nOnly here.\n" \
           "<!-- END ANSWER NOTE -->\n### BEGIN ANSWER\nBecause.\n### END ANSWER"
    blocks = nbi18n.markdown_blocks(text)
    assert "".join(b for _, b in blocks) == text
    assert [b for ok, b in blocks if ok] == ["# T\nLine.", "Only here.", "Because."]


def test_code_pieces_are_comments_and_prose_strings_never_names():
    source = 'x = df.loc["Town A", "batik"]  # pick a cell\nlabel = "share"\nprint(f"{x:.2f} of jobs")\n### END ANSWER'
    found = [(c, t) for _s, _e, c, t in nbi18n.code_spans(source)]
    assert found == [("code string", "Town A"), ("code comment", "pick a cell"), ("code string", "{x:.2f} of jobs")]


def test_printed_labels_and_literals_side_by_side_are_pieces_too():
    source = ('print("Workers:", n)\nkey = "share"\n'
              'print(f"{n:,} manufacturing jobs in {year}; "\n      f"the largest is {top}.", "a" \'b\')')
    found = [t for _s, _e, _c, t in nbi18n.code_spans(source)]
    assert found == ["Workers:", "{n:,} manufacturing jobs in {year}; ", "the largest is {top}."]
    for start, end, _c, text in nbi18n.code_spans(source):
        assert source[start:end] == text


def test_build_translates_text_keeps_code_and_points_links_into_the_edition(tmp_path):
    root = _course(tmp_path)
    nbi18n.update(root)
    _translate_all(root)
    assert nbi18n.build(root)
    built = nbformat.read(root / "notebooks" / "id" / "01_pangsa.ipynb", as_version=4)
    assert built.cells[0].source.startswith("# Pelajaran 01 — Pangsa\n\nParagraf pertama.")
    assert "[pelajaran 02](02_next.ipynb)" in built.cells[0].source
    assert "[datanya](../../data/README.md)" in built.cells[0].source, "links outside the edition go one level up"
    assert built.cells[1].source.endswith('klaster.set_language("id")'), "the notebook switches language itself"
    assert built.cells[2].source == ('share = 0.25  # pangsa pekerjaan batik\nprint(f"Pangsa batik: {share:.2f}")\n'
                                     'region = "Jawa Tengah"')
    assert built.cells[3].source == "$$LQ = s / x$$"
    back = nbformat.read(root / "notebooks" / "id" / "02_next.ipynb", as_version=4)
    assert "(01_pangsa.ipynb)" in back.cells[0].source, "a link to a renamed notebook follows the new name"
    assert nbi18n.check(root) == []


def test_a_code_change_reaches_the_translation_without_touching_the_catalog(tmp_path):
    root = _course(tmp_path)
    nbi18n.update(root)
    _translate_all(root)
    nbi18n.build(root)
    path = root / "notebooks" / "01_shares.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells[1].source = nb.cells[1].source.replace("0.25", "0.30")
    nbformat.write(nb, path)
    assert any("out of date" in p and "01_pangsa" in p for p in nbi18n.check(root))
    assert nbi18n.update(root) == [], "only code changed: no catalog changes"
    nbi18n.build(root)
    assert "share = 0.30" in nbformat.read(root / "notebooks" / "id" / "01_pangsa.ipynb", as_version=4).cells[2].source
    assert nbi18n.check(root) == []


def test_changed_english_text_is_visibly_stale_until_translated(tmp_path):
    root = _course(tmp_path)
    nbi18n.update(root)
    _translate_all(root)
    nbi18n.build(root)
    path = root / "notebooks" / "01_shares.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells[0].source = nb.cells[0].source.replace("A first paragraph.", "A first, longer paragraph.")
    nbformat.write(nb, path)
    problems = nbi18n.check(root)
    assert any("not up to date" in p for p in problems)
    nbi18n.update(root)
    catalog = read_po((root / "translations/id/notebooks/01_shares.po").read_text(encoding="utf-8"))
    entry = catalog.find("A first, longer paragraph.")
    assert entry.fuzzy and entry.previous_msgid == "A first paragraph." and entry.msgstr == "Paragraf pertama."
    nbi18n.build(root)
    built = nbformat.read(root / "notebooks" / "id" / "01_pangsa.ipynb", as_version=4)
    assert "A first, longer paragraph." in built.cells[0].source, "a stale piece shows in English"
    assert any("stale" in p and "longer paragraph" in p for p in nbi18n.check(root))


@pytest.mark.parametrize("key, bad, complaint", [
    (("code string", "Share of batik: {share:.2f}"), "Pangsa batik: {pangsa:.2f}", "{...}"),
    ((None, "See [lesson 02](02_next.ipynb) and [the data](../data/README.md)."), "Lihat [pelajaran 02](02.ipynb).",
     "links"),
    (("code string", "Share of batik: {share:.2f}"), 'Pangsa "batik": {share:.2f}', "not valid Python"),
])
def test_a_translation_that_would_break_the_notebook_is_refused(tmp_path, key, bad, complaint):
    root = _course(tmp_path)
    nbi18n.update(root)
    _translate_all(root)
    path = root / "translations/id/notebooks/01_shares.po"
    catalog = read_po(path.read_text(encoding="utf-8"))
    catalog.find(key[1], key[0]).msgstr = bad
    path.write_text(write_po(catalog), encoding="utf-8")
    nbi18n.build(root)
    assert any(complaint in p for p in nbi18n.check(root))
