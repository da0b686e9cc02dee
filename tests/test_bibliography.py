"""One bibliography for the whole course (klaster/bibliography/references.json).

- every work has one entry, renders in the course's one style, and has a unique author-year label;
- every notebook's References section is a list of rendered entries, sorted, so the same work is
  written the same way everywhere, and every author-year the notebook cites in its prose is in its
  own list;
- data/README.md does the same, and the library's texts (docstrings' Source lines, tables, hints),
  the glossary and the case tables cite only works that are in the bibliography.
"""
from __future__ import annotations

import ast
import csv
import json
import re
from importlib import resources
from pathlib import Path

import nbformat
import pytest

from _citations import Citation, find_citations, problems, resolve
from _notebooks import ALL_NOTEBOOKS, ROOT
from klaster import bibliography
from klaster.errors import KlasterValueError

CSL_TYPES = {"article-journal", "article-magazine", "article-newspaper", "book", "chapter", "dataset", "document",
             "legislation", "paper-conference", "post-weblog", "report", "software", "webpage"}
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
BULLET = re.compile(r"^- (.*)$")


def ids(paths):
    return [f"{p.parent.name}/{p.stem}" for p in paths]


# ---------------------------------------------------------------------------
# The bibliography itself
# ---------------------------------------------------------------------------

def test_the_bibliography_is_package_data_in_csl_json():
    resource = resources.files("klaster.bibliography").joinpath("references.json")
    assert Path(str(resource)).resolve().is_relative_to((ROOT / "klaster").resolve())
    entries = json.loads(resource.read_text(encoding="utf-8"))
    assert isinstance(entries, list) and len(entries) == len(bibliography.keys())
    keys = [e["id"] for e in entries]
    assert len(keys) == len(set(keys)), "one entry per work: duplicate keys"
    for item in entries:
        assert item["type"] in CSL_TYPES, item["id"]
        assert "title" in item or "note" in item, f"{item['id']} says nothing about the work"
        if "DOI" in item:
            assert DOI.match(item["DOI"]), f"{item['id']}: {item['DOI']!r} is not a DOI"
        for name in item.get("author", []) + item.get("editor", []):
            assert ("family" in name) != ("literal" in name), f"{item['id']}: a name is a family name or a literal"


def test_every_work_renders_in_both_formats_with_a_unique_label():
    labels = {}
    for key in bibliography.keys():
        markdown, text = bibliography.render(key), bibliography.render(key, "text")
        assert markdown and "None" not in markdown and ".." not in markdown.replace("...", "")
        assert "*" not in text and text == markdown.replace("*", "")
        assert bibliography.find(markdown) == key and bibliography.find(text, "text") == key
        labels.setdefault(bibliography.label(key), []).append(key)
    assert not {label: keys for label, keys in labels.items() if len(keys) > 1}, "two works share a label"


def test_unknown_keys_and_formats_are_refused_in_one_sentence():
    with pytest.raises(KlasterValueError, match="no work with the key 'nobody1999'"):
        bibliography.render("nobody1999")
    with pytest.raises(KlasterValueError, match="fmt must be"):
        bibliography.render("dunn1960", "html")


def test_the_works_the_fact_check_corrected_carry_its_details():
    # issue 18, correction 30 (and 7, 23): the details as the fact-check gives them, typed from the issue
    expected = {
        "dunn1960": ("Dunn, E. S. (1960)", "Papers and Proceedings of the Regional Science Association", "6, 97–112"),
        "esteban1972": ("Esteban-Marquillas, J. M. (1972)", "Regional and Urban Economics", "2(3), 249–255"),
        "porter2003": ("Porter, M. E. (2003)", "Regional Studies", "37(6–7), 549–578"),
        "attaran1986": ("Attaran, M. (1986)", "Annals of Regional Science", "20, 44–54"),
        "hoover1936": ("Hoover, E. M. (1936)", "The Review of Economic Statistics", "18(4), 162–171"),
        "wieland2021": ("Wieland, T. (2021)", "REAT", "version 3.0.3"),
        "mendelow1981": ("Mendelow, A. L. (1981)", "ICIS 1981", "dynamism"),
    }
    for key, parts in expected.items():
        rendered = bibliography.render(key, "text")
        assert all(part in rendered for part in parts), (key, rendered)


def test_reference_lists_are_sorted_by_author_then_year():
    listed = bibliography.reference_list(["porter2000", "dunn1960", "porter1998b", "porter1998a", "solvell2009"],
                                         "text").splitlines()
    assert [line[2:8] for line in listed] == ["Dunn, ", "Porter", "Porter", "Porter", "Sölvel"]
    assert "(1998a)" in listed[1] and "(1998b)" in listed[2] and "(2000)" in listed[3]


def test_the_command_line_prints_a_reference_list(capsys):
    assert bibliography.main(["dunn1960"]) == 0
    assert capsys.readouterr().out.strip() == "- " + bibliography.render("dunn1960")
    assert bibliography.main(["nobody1999"]) == 1
    assert "no work with the key" in capsys.readouterr().err


# ---------------------------------------------------------------------------
# Finding citations in prose (the helper the tests below rely on)
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, found", [
    ("as Porter (2000) says", [("Porter",), "2000"]),
    ("Porter's (1990) diamond", [("Porter",), "1990"]),
    ("(Roda et al. 2007, an atlas)", [("Roda",), "2007"]),
    ("Fujita, Krugman & Venables (1999, ch. 6)", [("Fujita", "Krugman", "Venables"), "1999"]),
    ("Duranton and Puga (2004) regrouped", [("Duranton", "Puga"), "2004"]),
    ("citing Sandee et al. (n.d.: 15), it gives", [("Sandee",), "n.d."]),
    ("(The Jakarta Post 1997)", [("The Jakarta Post",), "1997"]),
])
def test_citations_are_found_in_their_usual_shapes(text, found):
    citations = find_citations(text)
    assert [(c.names, c.year) for c in citations] == [tuple(found)]


def test_several_years_quotations_and_titles():
    years = [c.year for c in find_citations("Porter (1998a, 1998b, 2000) wrote")]
    assert years == ["1998a", "1998b", "2000"]
    assert find_citations('the article cites "OECD (2000)" for it') == []          # the article's words
    assert find_citations("*Boosting Innovation: The Cluster Approach* (1999)") == []  # a title, not an author
    assert find_citations("BPS's 2013 table and KBLI 2020") == []


def test_a_citation_resolves_to_one_work_or_is_reported():
    assert resolve(Citation(("Krugman",), False, "1991b", "")) == ["krugman1991b"]
    assert resolve(Citation(("Glaeser",), True, "1992", "")) == ["glaeser1992"]
    assert resolve(Citation(("Kemenperin",), False, "2017", "")) == ["kemenperin2017"]
    assert problems("Krugman (1991) showed") and "matches no entry" in problems("Kuncoro (2002) says")[0]
    assert problems("Dunn (1960)", keys={"esteban1972"}) and not problems("Dunn (1960)", keys={"dunn1960"})


# ---------------------------------------------------------------------------
# Notebooks: References sections and the citations in their prose
# ---------------------------------------------------------------------------

#: The heading of the References section, in English and in the translated editions (## Daftar Pustaka).
REFERENCES = r"^## (?:References|Daftar Pustaka)"


def _references(nb) -> tuple[list[str], int]:
    """The bullets of a notebook's References section, and the index of the cell that holds it."""
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown" and re.search(REFERENCES, cell.source, flags=re.M):
            section = re.split(REFERENCES + r"\s*$", cell.source, flags=re.M)[1]
            section = re.split(r"^#{1,3} ", section, flags=re.M)[0]
            return [m.group(1) for line in section.splitlines() if (m := BULLET.match(line))], index
    raise AssertionError("no References section")


def _prose(nb) -> list[str]:
    texts = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            texts.append(re.split(REFERENCES + r"\s*$", cell.source, flags=re.M)[0])
    return texts


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=ids(ALL_NOTEBOOKS))
def test_references_section_is_the_rendered_entries_sorted(path):
    bullets, _ = _references(nbformat.read(path, as_version=4))
    assert bullets, "an empty References section"
    keys = []
    for bullet in bullets:
        key = bibliography.find(bullet)
        assert key, f"not an entry of the bibliography, or rendered differently: {bullet[:120]!r}"
        keys.append(key)
    assert len(keys) == len(set(keys)), "a work is listed twice"
    assert keys == bibliography.sort_keys(keys), "the list is not in the course's order (author, then year)"


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=ids(ALL_NOTEBOOKS))
def test_every_author_year_in_the_prose_is_in_the_notebooks_own_list(path):
    nb = nbformat.read(path, as_version=4)
    bullets, _ = _references(nb)
    keys = {bibliography.find(b) for b in bullets} - {None}
    found = [problem for text in _prose(nb) for problem in problems(text, keys)]
    assert not found, "\n".join(found)


# ---------------------------------------------------------------------------
# data/README.md, the glossary, the case tables and the library's texts
# ---------------------------------------------------------------------------

def _readme_parts():
    text = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    prose, section = re.split(r"^## References\s*$", text, flags=re.M)
    bullets = [m.group(1) for line in section.splitlines() if (m := BULLET.match(line))]
    return prose, bullets


def test_data_readme_lists_rendered_entries_and_cites_only_them():
    prose, bullets = _readme_parts()
    keys = [bibliography.find(b) for b in bullets]
    assert None not in keys, [b for b, k in zip(bullets, keys) if k is None]
    assert keys == bibliography.sort_keys(keys)
    found = problems(prose, set(keys))
    assert not found, "\n".join(found)
    assert len(find_citations(prose)) >= 20          # the README cites its sources by author and year


def _csv_texts(name: str, columns: tuple[str, ...]) -> list[str]:
    with open(ROOT / "data" / name, encoding="utf-8", newline="") as handle:
        return [row[c] for row in csv.DictReader(handle) for c in columns]


def test_glossary_and_case_tables_cite_works_of_the_bibliography():
    texts = _csv_texts("glossary.csv", ("meaning",))
    texts += _csv_texts("indonesian_clusters.csv", ("source", "note"))
    texts += _csv_texts("indonesian_clusters_national.csv", ("source", "note"))
    found = [problem for text in texts for problem in problems(text)]
    assert not found, "\n".join(found)
    assert sum(len(find_citations(t)) for t in texts) >= 30


def _library_strings():
    """Every string constant in klaster/ (docstrings, tables, hints), with where it is."""
    for path in sorted((ROOT / "klaster").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                yield f"{path.relative_to(ROOT)}:{node.lineno}", node.value


#: Where the library names the popular article's own citation "Porter (1998)" (its source check and
#: exercise 01.4), the label is the article's, which does not say which of Porter's 1998 texts it means.
ARTICLE_CITATIONS = {"klaster/definitions.py": "Porter (1998)", "klaster/checks/lesson01.py": "Porter (1998)"}


def test_the_librarys_texts_cite_only_works_of_the_bibliography():
    found, cited = [], 0
    for where, text in _library_strings():
        cited += len(find_citations(text))
        exempt = ARTICLE_CITATIONS.get(where.split(":")[0])
        found += [f"{where}: {problem}" for problem in problems(text)
                  if not (exempt and problem.startswith(repr(exempt[:-1])))]
    assert not found, "\n".join(found)
    assert cited >= 100


def test_docstring_source_lines_cite_by_author_year_and_leave_details_to_the_bibliography():
    checked = 0
    for where, text in _library_strings():
        for paragraph in re.split(r"\n\s*\n", text):
            if not re.match(r"\s*Sources?:", paragraph):
                continue
            flat = " ".join(paragraph.split())
            for citation in find_citations(flat):
                (key,) = resolve(citation)
                item = bibliography.entry(key)
                for detail in (item.get("title"), item.get("container-title")):
                    if detail and len(detail) > 12:
                        assert detail not in flat, (f"{where}: a Source line repeats {detail!r}; cite "
                                                    f"{bibliography.label(key)} and let the bibliography hold it")
                checked += 1
    assert checked >= 20
