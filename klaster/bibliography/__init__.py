"""The course's one bibliography: every work the lessons, the library and data/README cite.

The works are kept as CSL-JSON (the citation format of Zotero, Pandoc and
citeproc) in ``references.json`` next to this file, one entry per work, with a
DOI where the course is sure of one. This module reads the file and renders an
entry in the course's one reference style, so that every place that lists a
work lists it the same way::

    from klaster import bibliography
    bibliography.render("dunn1960")          # Markdown, as in a notebook's References
    bibliography.render("dunn1960", "text")  # plain text, as in a table or a docstring
    bibliography.label("porter1998a")        # 'Porter 1998a', the author-year label
    bibliography.reference_list(["porter2000", "dunn1960"])   # a References section's bullets

The style (author-date): ``Surname, I. & Surname, I. (Year). Title. *Journal*
Volume(Issue), pages. https://doi.org/...`` for an article, ``*Title*.
Place: Publisher.`` for a book, ``In I. Editor (ed.), *Book*, vol. N, pages.``
for a chapter. An entry's ``note`` (what the course has and has not verified)
comes after the publication details, and the DOI (or the address) last. Two works by the same author in one year carry a and b
(``Porter 1998a``) throughout the course.

``python -m klaster.bibliography KEY ...`` prints the References bullets for
the given keys, sorted.
"""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from functools import lru_cache
from importlib import resources

from ..errors import KlasterValueError

RESOURCE = "references.json"


@lru_cache(maxsize=1)
def _entries() -> dict[str, dict]:
    text = resources.files(__name__).joinpath(RESOURCE).read_text(encoding="utf-8")
    entries = json.loads(text)
    return {entry["id"]: entry for entry in entries}


def keys() -> tuple[str, ...]:
    """The keys of every work in the bibliography, in the file's order."""
    return tuple(_entries())


def entry(key: str) -> dict:
    """A copy of one CSL-JSON entry; KlasterValueError for an unknown key."""
    entries = _entries()
    if key not in entries:
        raise KlasterValueError(f"The bibliography has no work with the key {key!r}.")
    return json.loads(json.dumps(entries[key]))


# ---------------------------------------------------------------------------
# Pieces of an entry
# ---------------------------------------------------------------------------

def _initials(given: str) -> str:
    """'Michael E.' -> 'M. E.'; 'Jean-Michel' -> 'J.-M.'; initials stay as they are."""
    parts = []
    for word in given.split():
        pieces = [p for p in word.split("-") if p]
        parts.append("-".join(p if p.endswith(".") else p[0] + "." for p in pieces))
    return " ".join(parts)


def _person(name: dict, inverted: bool = True) -> str:
    if "literal" in name:
        return name["literal"]
    initials = _initials(name.get("given", ""))
    if not initials:
        return name["family"]
    return f"{name['family']}, {initials}" if inverted else f"{initials} {name['family']}"


def _join(names: list[str]) -> str:
    if len(names) <= 2:
        return " & ".join(names)
    return ", ".join(names[:-1]) + " & " + names[-1]


def _authors(item: dict) -> str:
    names = [n for n in item.get("author", []) if n.get("literal") != "et al."]
    text = _join([_person(n) for n in names])
    if any(n.get("literal") == "et al." for n in item.get("author", [])):
        text += " et al."
    return text


def year(key_or_entry) -> str:
    """The year of a work with its a/b suffix ('1998a'), or 'n.d.' when it has no date."""
    item = entry(key_or_entry) if isinstance(key_or_entry, str) else key_or_entry
    parts = item.get("issued", {}).get("date-parts", [[]])
    if not parts or not parts[0]:
        return "n.d." + item.get("year-suffix", "")
    return f"{parts[0][0]}{item.get('year-suffix', '')}"


def _families(item: dict) -> list[str]:
    return [n.get("family", n.get("literal", "")) for n in item.get("author", []) if n.get("literal") != "et al."]


def label(key: str) -> str:
    """The author-year label a lesson cites a work by: 'Dunn 1960', 'Glaeser & Kahn 2010', 'Roda et al. 2007'."""
    item = entry(key)
    custom = item.get("custom", {})
    if "label" in custom:
        return custom["label"]
    families = _families(item)
    if any(n.get("literal") == "et al." for n in item.get("author", [])) or len(families) > 3:
        names = f"{families[0]} et al."
    else:
        names = _join(families)
    return f"{names} {year(item)}"


def _end(text: str) -> str:
    """A title or phrase as a sentence: add a full stop unless it already ends with one (or ? or !)."""
    text = text.strip()
    return text if text[-1:] in ".?!" else text + "."


def _italic(text: str, fmt: str) -> str:
    return f"*{text}*" if fmt == "markdown" else text


def _title(item: dict, fmt: str, italic: bool) -> str:
    title = item.get("title", "")
    if not title:
        return ""
    if italic:
        mark = "" if title[-1] in "?!" else "."
        return _italic(title, fmt) + mark
    return _end(title)


def _place_publisher(item: dict) -> str:
    place, publisher = item.get("publisher-place", ""), item.get("publisher", "")
    if place and publisher:
        return f"{place}: {publisher}."
    return _end(publisher or place) if (publisher or place) else ""


def _date_words(item: dict) -> str:
    parts = item.get("issued", {}).get("date-parts", [[]])[0]
    if len(parts) == 3:
        months = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December")
        return f"{parts[2]} {months[parts[1] - 1]} {parts[0]}"
    return ""


def _editors(item: dict) -> str:
    editors = item.get("editor", [])
    if not editors:
        return ""
    names = _join([_person(n, inverted=False) for n in editors])
    return f"{names} ({'ed.' if len(editors) == 1 else 'eds'})"


def render(key: str, fmt: str = "markdown") -> str:
    """One work in the course's reference style, as Markdown (titles in *italics*) or as plain text.

    The same work always renders the same way, so the References section of
    every notebook, data/README and the library's tables agree.
    """
    if fmt not in ("markdown", "text"):
        raise KlasterValueError(f"fmt must be 'markdown' or 'text', not {fmt!r}.")
    item = entry(key)
    kind = item["type"]
    parts = []
    if kind == "legislation" and "author" not in item:
        parts.append(_end(item["title"]))
    else:
        head = _authors(item)
        parts.append(f"{head} ({year(item)})." if head else f"({year(item)}).")
        container = item.get("container-title", "")
        if kind == "article-journal":
            parts.append(_title(item, fmt, italic=False))
            where = _italic(container, fmt)
            if item.get("volume"):
                where += f" {item['volume']}" + (f"({item['issue']})" if item.get("issue") else "")
            if item.get("page"):
                where += f", {item['page']}"
            parts.append(where + ".")
        elif kind == "chapter":
            parts.append(_title(item, fmt, italic=False))
            where = "In " + (f"{_editors(item)}, " if item.get("editor") else "") + _italic(container, fmt)
            if item.get("volume"):
                where += f", vol. {item['volume']}"
            if item.get("page"):
                where += f", {item['page']}"
            parts.append(where + ".")
            parts.append(_place_publisher(item))
        elif kind == "paper-conference":
            parts.append(_title(item, fmt, italic=False))
            if item.get("event-title"):
                event = f"{item.get('genre', 'Paper for')} {_italic(item['event-title'], fmt)}"
                if item.get("event-place"):
                    event += f", {item['event-place']}"
                parts.append(event + ".")
            if container:
                parts.append(f"In {_italic(container, fmt)}.")
            parts.append(_place_publisher(item))
        elif kind in ("article-newspaper", "article-magazine", "post-weblog", "webpage"):
            parts.append(_title(item, fmt, italic=False))
            if container:
                parts.append(_italic(container, fmt) + ".")
            when = _date_words(item)
            if when:
                parts.append(when + ".")
        else:  # book, report, dataset, software, document, legislation with an author
            parts.append(_title(item, fmt, italic=True))
            if item.get("edition"):
                parts.append(f"{item['edition']} edition.")
            series = item.get("collection-title", "")
            if series:
                parts.append(_end(series + (f" {item['collection-number']}" if item.get("collection-number") else "")))
            if item.get("genre"):
                parts.append(_end(item["genre"] + (f" version {item['version']}" if item.get("version") else "")))
            parts.append(_place_publisher(item))
    if item.get("note"):
        parts.append(_end(item["note"]))
    if item.get("DOI"):
        parts.append(f"https://doi.org/{item['DOI']}")
    elif item.get("URL"):
        parts.append(item["URL"])
    return " ".join(p for p in parts if p)


def _sort_key(key: str) -> tuple:
    item = entry(key)
    first = (_families(item) or [item.get("title", "")])[0]
    plain = unicodedata.normalize("NFKD", first).encode("ascii", "ignore").decode().casefold()
    number = re.sub(r"\D", "", year(item)) or "9999"
    return plain, int(number), year(item), item.get("title", ""), key


def sort_keys(keys_) -> list[str]:
    """Keys in the order of a reference list: by first author (or title), then year."""
    return sorted(dict.fromkeys(keys_), key=_sort_key)


def reference_list(keys_, fmt: str = "markdown") -> str:
    """The bullets of a References section for these works, sorted, one per line ('- ...')."""
    return "\n".join(f"- {render(k, fmt)}" for k in sort_keys(keys_))


def find(rendered: str, fmt: str = "markdown") -> str | None:
    """The key of the work whose rendering is exactly ``rendered``, or None."""
    return _renderings(fmt).get(rendered.strip())


@lru_cache(maxsize=2)
def _renderings(fmt: str) -> dict[str, str]:
    return {render(k, fmt): k for k in keys()}


def names_and_years() -> dict[str, list[tuple[list[str], str, bool]]]:
    """For citation checks: each key's ways of being named, its year, and whether "et al." may stand for the rest.

    A way of naming is the authors' surnames, an institution, one of its
    aliases (``custom.aliases``: "BPS", "Kemenperin") or the names of a
    custom label ("Perpres 28/2008"). "Et al." fits a work with three or
    more authors, or one whose author list ends in "et al.".
    """
    return {key: [(list(way), year_, many) for way, year_, many in ways] for key, ways in _names_and_years().items()}


@lru_cache(maxsize=1)
def _names_and_years() -> dict[str, tuple]:
    found = {}
    for key, item in _entries().items():
        families = _families(item)
        many = len(families) >= 3 or any(n.get("literal") == "et al." for n in item.get("author", []))
        ways = [(families, many)] if families else []
        ways += [([alias], False) for alias in item.get("custom", {}).get("aliases", [])]
        custom_label = item.get("custom", {}).get("label")
        if custom_label:
            ways.append(([custom_label.rsplit(" ", 1)[0].removesuffix(" et al.")], many))
        found[key] = tuple((tuple(way), year(item), et_al) for way, et_al in ways)
    return found


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print("Usage: python -m klaster.bibliography KEY [KEY ...]   (keys: klaster.bibliography.keys())")
        return 2
    try:
        print(reference_list(args))
    except KlasterValueError as problem:
        print(problem, file=sys.stderr)
        return 1
    return 0
