"""Keep the library's message catalogs in step with its source code.

``python -m klaster.i18n update`` reads every ``_()``, ``N_()``, ``_p()``
and ``ngettext()`` call in klaster/, and the cell texts of the data columns
that users read (``DATA_TEXTS``: a few columns of a few files of the
course's data/ folder, with references such as
``data/indonesian_clusters.csv:detail``), and rewrites each language's ``.po``
catalog: texts that are new get an empty translation; a text whose English
changed keeps its old translation marked *fuzzy*, with the old English
beside it (``#| msgid``), so a translator sees exactly what changed; texts
no longer in the code are removed. ``python -m klaster.i18n check`` fails
when a catalog is not up to date with the code, when a text has no
translation or a fuzzy one, when a translation drops or adds a
``{placeholder}``, or when an f-string is passed to ``_()``.

A data text is shown with ``_(cell)``: the file keeps its English texts
(they are the keys), and a cell whose English changes makes its
translation fuzzy, like a changed text in the code. Cells without a letter
(years, numbers) are left out. The order of the catalog follows the code
file by file, then ``DATA_TEXTS`` file by file, column by column and row by
row, so ``update`` and ``check`` give the same bytes every time.
"""
from __future__ import annotations

import ast
import csv
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .po import Catalog, Entry, read_po, write_po

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
CALLS = {"_": "text", "_f": "text", "N_": "text", "gettext": "text", "_p": "context", "pgettext": "context",
         "ngettext": "plural"}
FUZZY_MATCH = 0.72
#: Data files whose texts users read (file in the course's data/ folder -> its columns shown to users).
#: Only texts that are shown as they are: keys and codes (case, measure, status, qualifier ...) stay out.
DATA_TEXTS = {
    "indonesian_clusters.csv": ("cluster", "product", "part", "detail", "unit", "period", "source", "note"),
    "indonesian_clusters_national.csv": ("indicator", "scope", "unit", "period", "source", "note"),
}
_LETTER = re.compile(r"[^\W\d_]")
PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)?(?:[!:][^{}]*)?\}(?!\})")


@dataclass
class Message:
    msgid: str
    msgctxt: str | None = None
    msgid_plural: str | None = None
    references: list[str] = field(default_factory=list)

    @property
    def key(self):
        return (self.msgctxt, self.msgid)


@dataclass
class Extraction:
    messages: dict = field(default_factory=dict)     # key -> Message, in order of first appearance
    problems: list[str] = field(default_factory=list)


def _call_name(node: ast.Call) -> str | None:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "i18n":
        return func.attr
    return None


def _constant(node) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def extract_source(text: str, where: str, found: Extraction) -> None:
    """Add every marked text of one Python source file to ``found``."""
    tree = ast.parse(text, filename=where)
    calls = sorted((n for n in ast.walk(tree) if isinstance(n, ast.Call)), key=lambda n: (n.lineno, n.col_offset))
    for node in calls:
        name = _call_name(node)
        if name not in CALLS or not node.args:
            continue
        kind = CALLS[name]
        args = node.args
        if any(isinstance(a, ast.JoinedStr) for a in args[:2]):
            found.problems.append(f"{where}:{node.lineno}: an f-string inside {name}(); write the English with "
                                  "{named} placeholders and call .format() after the translation.")
            continue
        if kind == "context":
            if len(args) < 2:
                continue
            context, msgid, plural = _constant(args[0]), _constant(args[1]), None
            if context is None or msgid is None:
                continue
        elif kind == "plural":
            if len(args) < 2:
                continue
            context, msgid, plural = None, _constant(args[0]), _constant(args[1])
            if msgid is None or plural is None:
                continue
        else:
            context, msgid, plural = None, _constant(args[0]), None
            if msgid is None:
                continue
        if not msgid.strip():
            continue
        key = (context, msgid)
        message = found.messages.get(key)
        if message is None:
            message = found.messages[key] = Message(msgid=msgid, msgctxt=context, msgid_plural=plural)
        if where not in message.references:
            message.references.append(where)


def source_files(root: Path = PACKAGE_ROOT) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if "__pycache__" not in p.parts)


def data_folder(root: Path = PACKAGE_ROOT) -> Path:
    """The course's data/ folder next to the package, or the copy packaged with it (``course_data``)."""
    beside = root.parent / "data"
    return beside if beside.is_dir() else root / "course_data"


def extract_data(folder: Path, found: Extraction, data_texts: dict | None = None) -> None:
    """Add the cell texts of the declared data columns to ``found`` (references ``data/<file>:<column>``)."""
    for name, columns in (DATA_TEXTS if data_texts is None else data_texts).items():
        path = folder / name
        try:
            with path.open(encoding="utf-8", newline="") as handle:
                reader = csv.DictReader(handle)
                header, rows = list(reader.fieldnames or []), list(reader)
        except OSError:
            found.problems.append(f"data/{name}: the data file declared in DATA_TEXTS cannot be read ({path}).")
            continue
        for column in columns:
            where = f"data/{name}:{column}"
            if column not in header:
                found.problems.append(f"{where}: the file has no column {column!r} (DATA_TEXTS declares it).")
                continue
            for row in rows:
                text = row[column] or ""
                if not text.strip() or not _LETTER.search(text):
                    continue
                message = found.messages.get((None, text))
                if message is None:
                    message = found.messages[(None, text)] = Message(msgid=text)
                if where not in message.references:
                    message.references.append(where)


def extract(root: Path = PACKAGE_ROOT, data_texts: dict | None = None) -> Extraction:
    """Every marked text in the package, then the declared data texts, in a stable order.

    Code file by file (each by position), then ``DATA_TEXTS`` (``data_texts`` to use others)
    file by file, column by column, row by row; a text already found keeps its first place.
    """
    found = Extraction()
    for path in source_files(root):
        where = path.relative_to(root.parent).as_posix()
        extract_source(path.read_text(encoding="utf-8"), where, found)
    extract_data(data_folder(root), found, data_texts)
    return found


def placeholders(text: str) -> set[str]:
    """The named ``{placeholders}`` of a text (positional ``{}`` counts as "")."""
    return {m.group(1) or "" for m in PLACEHOLDER.finditer(text)}


def merge(extraction: Extraction, old: Catalog, header: dict[str, str] | None = None) -> Catalog:
    """A new catalog for the extracted messages that keeps every translation it can from ``old``."""
    previous = {e.key: e for e in old.entries}
    used: set = set()
    orphans = [e for e in old.entries
               if e.key not in extraction.messages and (e.msgstr or any(e.msgstr_plural.values()))]
    entries = []
    for key, message in extraction.messages.items():
        entry = Entry(msgid=message.msgid, msgctxt=message.msgctxt, msgid_plural=message.msgid_plural,
                      references=list(message.references))
        before = previous.get(key)
        if before is not None:
            used.add(key)
            entry.msgstr, entry.msgstr_plural = before.msgstr, dict(before.msgstr_plural)
            entry.flags, entry.comments = list(before.flags), list(before.comments)
            entry.previous_msgid = before.previous_msgid if before.fuzzy else None
        else:
            match = _closest(message, orphans, used)
            if match is not None:
                used.add(match.key)
                entry.msgstr, entry.msgstr_plural = match.msgstr, dict(match.msgstr_plural)
                entry.comments = list(match.comments)
                entry.flags = ["fuzzy"]
                entry.previous_msgid = match.previous_msgid if match.fuzzy and match.previous_msgid else match.msgid
        if entry.msgid_plural is not None and not entry.msgstr_plural:
            entry.msgstr_plural = {0: ""}
        entries.append(entry)
    catalog = Catalog(header=dict(header if header is not None else old.header),
                      entries=entries, header_comments=list(old.header_comments))
    return catalog


def _closest(message: Message, candidates: list[Entry], used: set) -> Entry | None:
    best, best_ratio = None, FUZZY_MATCH
    for candidate in candidates:
        if candidate.key in used or candidate.msgctxt != message.msgctxt:
            continue
        ratio = difflib.SequenceMatcher(None, candidate.msgid, message.msgid, autojunk=False).ratio()
        if ratio > best_ratio:
            best, best_ratio = candidate, ratio
    return best


def catalog_paths(root: Path = PACKAGE_ROOT, domain: str = "klaster") -> list[Path]:
    return sorted((root / "locale").glob(f"*/LC_MESSAGES/{domain}.po"))


def updated_text(path: Path, extraction: Extraction) -> str:
    old = read_po(path.read_text(encoding="utf-8"), name=str(path))
    return write_po(merge(extraction, old))


def translation_problems(catalog: Catalog, name: str) -> list[str]:
    """Untranslated, fuzzy and placeholder-breaking entries of a catalog."""
    problems = []
    for entry in catalog.entries:
        label = entry.msgid if len(entry.msgid) <= 70 else entry.msgid[:67] + "..."
        if entry.fuzzy:
            problems.append(f"{name}: stale (fuzzy) translation, its English changed: {label!r}")
        elif not entry.translated:
            problems.append(f"{name}: no translation: {label!r}")
        else:
            texts = list(entry.msgstr_plural.values()) if entry.msgid_plural is not None else [entry.msgstr]
            for text in texts:
                if placeholders(text) != placeholders(entry.msgid):
                    problems.append(f"{name}: the translation's {{placeholders}} differ from the English: {label!r}")
    return problems


def update(root: Path = PACKAGE_ROOT, data_texts: dict | None = None) -> list[Path]:
    """Rewrite every catalog from the source and the data texts; return the files that changed."""
    extraction = extract(root, data_texts)
    changed = []
    for path in catalog_paths(root):
        text = updated_text(path, extraction)
        if text != path.read_text(encoding="utf-8"):
            path.write_text(text, encoding="utf-8", newline="\n")
            changed.append(path)
    return changed


def check(root: Path = PACKAGE_ROOT, data_texts: dict | None = None) -> list[str]:
    """Every reason the catalogs are not complete and current (empty list: all is well)."""
    extraction = extract(root, data_texts)
    problems = list(extraction.problems)
    for path in catalog_paths(root):
        name = path.relative_to(root.parent).as_posix()
        if updated_text(path, extraction) != path.read_text(encoding="utf-8"):
            problems.append(f"{name} is not up to date with the code: run `python -m klaster.i18n update`, "
                            "then translate what is new or fuzzy.")
        problems.extend(translation_problems(read_po(path.read_text(encoding="utf-8"), name=name), name))
    return problems
