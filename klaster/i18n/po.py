"""Read and write gettext ``.po`` catalogs (the format Poedit and Weblate edit).

Only what the course needs, with nothing to install: entries with an
optional context (``msgctxt``), plural forms, translator and extracted
comments, source references, flags (``fuzzy``) and the previous English of a
fuzzy entry (``#| msgid``). Obsolete entries (``#~``) are skipped when
reading. Writing is deterministic, so a catalog regenerated from the same
sources is byte for byte the same file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

HEADER_FIELDS = (
    ("Project-Id-Version", "klaster"),
    ("MIME-Version", "1.0"),
    ("Content-Type", "text/plain; charset=UTF-8"),
    ("Content-Transfer-Encoding", "8bit"),
)


class CatalogError(ValueError):
    """A .po file that cannot be read."""


@dataclass
class Entry:
    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    extracted: list[str] = field(default_factory=list)   # "#." comments: notes for the translator from the source
    comments: list[str] = field(default_factory=list)    # "# " comments: the translator's own
    previous_msgid: str | None = None                    # "#| msgid": the English a fuzzy translation was made for

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        """True when the entry has a usable (non-empty, not fuzzy) translation."""
        if self.fuzzy:
            return False
        if self.msgid_plural is not None:
            return bool(self.msgstr_plural) and all(self.msgstr_plural.values())
        return bool(self.msgstr)


@dataclass
class Catalog:
    """A parsed catalog: the header and the entries in file order."""
    header: dict[str, str] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)
    header_comments: list[str] = field(default_factory=list)

    def __post_init__(self):
        self._index = None

    def index(self) -> dict:
        if self._index is None or len(self._index) != len(self.entries):
            self._index = {e.key: e for e in self.entries}
        return self._index

    def find(self, msgid: str, msgctxt: str | None = None) -> Entry | None:
        return self.index().get((msgctxt, msgid))

    def gettext(self, message: str) -> str:
        entry = self.find(message)
        return entry.msgstr if entry is not None and entry.translated else message

    def pgettext(self, context: str, message: str) -> str:
        entry = self.find(message, context)
        return entry.msgstr if entry is not None and entry.translated else message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        entry = self.find(singular)
        if entry is None or not entry.translated or entry.msgid_plural is None:
            return singular if n == 1 else plural
        forms = entry.msgstr_plural
        index = self.plural_index(n)
        return forms.get(index, forms.get(0, singular))

    def plural_index(self, n: int) -> int:
        rule = self.header.get("Plural-Forms", "")
        if "nplurals=1" in rule.replace(" ", ""):
            return 0
        return 0 if n == 1 else 1


_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}


def _unquote(token: str, name: str, number: int) -> str:
    token = token.strip()
    if len(token) < 2 or not (token.startswith('"') and token.endswith('"')):
        raise CatalogError(f"{name}, line {number}: expected a quoted string, found {token[:40]!r}")
    body = token[1:-1]
    return re.sub(r'\\(.)', lambda m: _ESCAPES.get(m.group(1), m.group(0)), body)


def read_po(text: str, name: str = "catalog") -> Catalog:
    """Parse the text of a .po file."""
    catalog = Catalog()
    entries: list[Entry] = []
    pending = {"flags": [], "references": [], "extracted": [], "comments": [], "previous": None}
    current: dict | None = None
    field_name = None

    def finish():
        nonlocal current
        if current is None:
            return
        if "msgid" not in current:
            raise CatalogError(f"{name}: an entry without msgid near line {current['line']}")
        plural = {int(k[7:-1]): v for k, v in current.items() if k.startswith("msgstr[")}
        entry = Entry(
            msgid=current["msgid"], msgstr=current.get("msgstr", ""), msgctxt=current.get("msgctxt"),
            msgid_plural=current.get("msgid_plural"), msgstr_plural=plural,
            flags=current["flags"], references=current["references"], extracted=current["extracted"],
            comments=current["comments"], previous_msgid=current["previous"],
        )
        entries.append(entry)
        current = None

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
            field_name = None
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#"):
            if current is not None and field_name is not None:
                finish()
                field_name = None
            if line.startswith("#,"):
                pending["flags"].extend(f.strip() for f in line[2:].split(",") if f.strip())
            elif line.startswith("#:"):
                pending["references"].extend(line[2:].split())
            elif line.startswith("#."):
                pending["extracted"].append(line[2:].strip())
            elif line.startswith("#|"):
                prev = line[2:].strip()
                if prev.startswith("msgid "):
                    pending["previous"] = _unquote(prev[6:], name, number)
                elif prev.startswith('"') and pending["previous"] is not None:
                    pending["previous"] += _unquote(prev, name, number)
            else:
                pending["comments"].append(line[1:].strip())
            continue
        match = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr\[\d+\]|msgstr)\s+(.*)$", line)
        if match:
            keyword, rest = match.groups()
            if keyword in ("msgctxt", "msgid") and current is not None and (
                    "msgstr" in current or any(k.startswith("msgstr[") for k in current)):
                finish()
            if current is None:
                current = {"line": number, **pending}
                pending = {"flags": [], "references": [], "extracted": [], "comments": [], "previous": None}
            current[keyword] = _unquote(rest, name, number)
            field_name = keyword
        elif line.startswith('"') and current is not None and field_name is not None:
            current[field_name] += _unquote(line, name, number)
        else:
            raise CatalogError(f"{name}, line {number}: cannot read {line[:40]!r}")
    finish()

    if entries and entries[0].msgid == "" and entries[0].msgctxt is None:
        head = entries.pop(0)
        catalog.header_comments = head.comments
        for line in head.msgstr.splitlines():
            if ":" in line:
                key, value = line.split(":", 1)
                catalog.header[key.strip()] = value.strip()
    catalog.entries = entries
    return catalog


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r") \
        .replace("\n", "\\n") + '"'


def _field(keyword: str, text: str, prefix: str = "") -> list[str]:
    """One field; a text with newlines is written one line per line of text, as gettext tools do."""
    if "\n" not in text.rstrip("\n") :
        return [f"{prefix}{keyword} {_quote(text)}"]
    parts = text.splitlines(keepends=True)
    return [f'{prefix}{keyword} ""'] + [f"{prefix}{_quote(part)}" for part in parts]


def write_po(catalog: Catalog) -> str:
    """The text of a .po file for ``catalog`` (deterministic)."""
    lines: list[str] = [f"# {c}" if c else "#" for c in catalog.header_comments]
    lines.append('msgid ""')
    lines.append('msgstr ""')
    for key, value in catalog.header.items():
        lines.append(_quote(f"{key}: {value}\n"))
    for entry in catalog.entries:
        lines.append("")
        lines.extend(f"# {c}" if c else "#" for c in entry.comments)
        lines.extend(f"#. {c}" for c in entry.extracted)
        if entry.references:
            lines.append("#: " + " ".join(entry.references))
        if entry.flags:
            lines.append("#, " + ", ".join(entry.flags))
        if entry.previous_msgid is not None:
            lines.extend(_field("msgid", entry.previous_msgid, prefix="#| "))
        if entry.msgctxt is not None:
            lines.extend(_field("msgctxt", entry.msgctxt))
        lines.extend(_field("msgid", entry.msgid))
        if entry.msgid_plural is not None:
            lines.extend(_field("msgid_plural", entry.msgid_plural))
            for index in sorted(entry.msgstr_plural) or [0]:
                lines.extend(_field(f"msgstr[{index}]", entry.msgstr_plural.get(index, "")))
        else:
            lines.extend(_field("msgstr", entry.msgstr))
    return "\n".join(lines) + "\n"
