"""Finding author-year citations in prose and matching them to the course's bibliography.

A citation is a name, or names joined by ", ", " & " or " and " (optionally
"et al."), followed by a year in one of the two usual shapes:

- narrative: ``Porter (2000)``, ``Porter's (1990)``, ``Porter (1998a, 1998b, 2000)``,
  ``Schiller & Martin-Schiller (1997: 21)``;
- parenthetical: ``(Roda et al. 2007)``, ``(Gordon & McCann 2000 use it too)``,
  ``(Sandee et al. n.d.: 15)``, ``(Dunn 1960; Esteban-Marquillas 1972)``.

A name is a capitalised word, or one of the bibliography's multi-word
institutional names ("The Jakarta Post", "World Bank", ...). Text inside
double quotation marks is someone else's words (the popular article cites
"OECD (2000)") and is skipped, as is inline code. Capitalised words that come
before a year without being authors ("KBLI 2020", "Sakernas 2024") are listed
in ``NOT_AUTHORS``.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from klaster import bibliography

YEAR = r"(?:1[5-9]\d\d|20[0-4]\d)[a-z]?|n\.d\.(?:-[a-z])?"

#: Capitalised words that may stand right before a year without naming an author.
NOT_AUTHORS = {
    "KBLI", "Sakernas", "Industri", "ISIC", "IBS", "August", "December", "November", "June", "May", "April",
    "January", "February", "March", "July", "September", "October", "In", "From", "Since", "By", "Until",
    "Before", "After", "The", "A", "Java", "Jepara", "Jakarta", "Talang", "Adiwerna", "Tegal", "Kasongan",
    "Cibaduyut", "Kudus", "Pekalongan", "Ceper", "Tasikmalaya", "Indonesia", "Lesson", "Rev", "Perpres", "PP",
    "Decree", "Census", "Ekonomi", "SE", "Kemendagri", "BIG", "Papua", "Tengah", "Barat", "Timur", "Maluku",
    "Sulawesi", "Kalimantan", "Banten", "Riau", "Utara", "Selatan", "Yogyakarta", "Bali", "Aceh", "Jambi",
    "Lampung", "Bengkulu", "Gorontalo", "Sumatera", "Laut", "Daya", "Pegunungan", "Belitung", "Bangka", "NTB",
    "DKI", "Term", "Step", "Month", "Exercise", "Year", "Figure", "Table", "Section", "Stage", "Version",
    "Januari", "Februari", "Maret", "Mei", "Juni", "Juli", "Oktober", "Desember", "Sejak", "Hingga", "Sampai",
    "Tahun", "Pada", "Dari", "Sebelum", "Sesudah", "Setelah", "Pelajaran", "Latihan", "Gambar", "Tabel", "Bagian",
    "ADHK", "ADHB", "Kartanegara", "Kutai", "Bojonegoro", "Mimika", "Kudus", "Agustus", "Proyek", "Bandung", "MSMEs", "LQ", "Furniture", "Textiles", "Population", "For", "Jawa",
    "Dasar", "Provinsi", "Constant", "Mamuju", "Majene", "Arfak", "Morowali", "Kota", "Kabupaten", "Medan", "Badung",
}


@lru_cache(maxsize=1)
def _multiword_names() -> list[str]:
    names = set()
    for ways in bibliography.names_and_years().values():
        for way, _, _ in ways:
            for name in way:
                if " " in name:
                    names.add(name)
    return sorted(names, key=len, reverse=True)


_WORD = r"[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ’'\-]*"


@lru_cache(maxsize=1)
def _patterns():
    multi = "|".join(re.escape(n) for n in _multiword_names())
    name = rf"(?:{multi}|{_WORD})" if multi else _WORD
    names = rf"{name}(?:(?:, | & | and | dan ){name})*(?: et al\.)?"
    narrative = re.compile(rf"(?<![\w/])({names})(?:’s|'s)? \(((?:{YEAR})(?:, ?(?:{YEAR}))*)(?=[,;:)\s])")
    parenthetical = re.compile(rf"(?<![\w/])({names}),? ((?:{YEAR})(?:, ?(?:{YEAR}))*)(?![\w/])")
    return narrative, parenthetical


@dataclass(frozen=True)
class Citation:
    names: tuple[str, ...]
    et_al: bool
    year: str
    text: str

    def __str__(self) -> str:
        return self.text


def _plain(text: str) -> str:
    """Text without quotations, inline code, LaTeX and titles in italics, so only the course's own prose remains.

    An italic span is kept (without its stars) only when it is a name the
    bibliography cites by, such as *The Jakarta Post*; other italics are titles
    or Indonesian terms, which may be followed by a year without being authors.
    """
    text = text.replace("&amp;", "&").replace("**", "")
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"\$\$.*?\$\$", " ", text, flags=re.S)
    text = re.sub(r"`[^`\n]*`", " ", text)
    text = re.sub(r"\$[^$\n]*\$", " ", text)
    text = re.sub(r"“[^”]*”", " ", text)
    text = re.sub(r'"[^"\n]*"', " ", text)
    names = set(_multiword_names()) | _single_names()
    text = re.sub(r"\*([^*\n]+)\*", lambda m: m.group(1) if m.group(1) in names else " ", text)
    return " ".join(text.replace("*", "").split())  # one line: a name may be split across two


@lru_cache(maxsize=1)
def _single_names() -> set[str]:
    return {name for ways in bibliography.names_and_years().values() for way, _, _ in ways for name in way
            if " " not in name}


def _split_names(group: str) -> tuple[tuple[str, ...], bool]:
    et_al = group.endswith(" et al.")
    group = group[: -len(" et al.")] if et_al else group
    group = re.sub(r"(’s|'s)$", "", group)
    multi = _multiword_names()
    parts, rest = [], group
    while rest:
        for full in multi:
            if rest.startswith(full):
                parts.append(full)
                rest = rest[len(full):]
                break
        else:
            match = re.match(_WORD, rest)
            parts.append(match.group(0))
            rest = rest[match.end():]
        sep = re.match(r"(, | & | and | dan )", rest)
        rest = rest[sep.end():] if sep else ""
    return tuple(re.sub(r"(’s|'s)$", "", p) for p in parts), et_al


def find_citations(text: str) -> list[Citation]:
    """Every author-year citation in a piece of Markdown prose (see the module docstring)."""
    narrative, parenthetical = _patterns()
    plain = _plain(text)
    found, seen_spans = [], []
    for match in narrative.finditer(plain):
        seen_spans.append(match.span())
        names, et_al = _split_names(match.group(1))
        for year in re.split(r", ?", match.group(2)):
            found.append(Citation(names, et_al, year, match.group(0)))
    for match in parenthetical.finditer(plain):
        if any(start <= match.start() < end for start, end in seen_spans):
            continue
        if re.search(r"(’s|'s)$", match.group(1)):  # "BPS's 2013 table": a possessive, not a citation
            continue
        names, et_al = _split_names(match.group(1))
        for year in re.split(r", ?", match.group(2)):
            found.append(Citation(names, et_al, year, match.group(0)))
    return [c for c in found if not _not_an_author(c)]


def _not_an_author(citation: Citation) -> bool:
    return citation.names[-1] in NOT_AUTHORS or citation.names[0] in NOT_AUTHORS


@lru_cache(maxsize=1)
def _ways() -> dict:
    return {key: [([_fold(n) for n in way], year, many) for way, year, many in ways]
            for key, ways in bibliography.names_and_years().items()}


@lru_cache(maxsize=None)
def _fold(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


def resolve(citation: Citation, keys=None) -> list[str]:
    """The bibliography keys (among ``keys``, default all) that a citation can mean.

    When the whole list of names matches nothing, the names after a leading
    comma are tried ("sentra IKM, Kemenperin 2017" cites Kemenperin 2017).
    """
    for start in range(len(citation.names)):
        found = _resolve_names([_fold(n) for n in citation.names[start:]], citation, keys)
        if found:
            return found
    return []


def _resolve_names(wanted: list[str], citation: Citation, keys) -> list[str]:
    matches = []
    for key, ways in _ways().items():
        if keys is not None and key not in keys:
            continue
        for way, year, many in ways:
            if year != citation.year:
                continue
            families = way
            if citation.et_al:
                ok = many and families[0] == wanted[0] and len(wanted) == 1
            else:
                ok = families == wanted
            if ok:
                matches.append(key)
                break
    return matches


def problems(text: str, keys=None) -> list[str]:
    """Citations in ``text`` that match no work (in ``keys``, default the whole bibliography), or several."""
    found = []
    for citation in find_citations(text):
        keys_found = resolve(citation, keys)
        if len(keys_found) != 1:
            where = "its reference list" if keys is not None else "the bibliography"
            what = "matches no entry of" if not keys_found else f"is ambiguous ({', '.join(keys_found)}) in"
            found.append(f"{citation.text!r} ({' & '.join(citation.names)}{' et al.' if citation.et_al else ''} "
                         f"{citation.year}) {what} {where}")
    return found
