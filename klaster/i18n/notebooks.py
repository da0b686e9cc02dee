"""Build the translated editions of the course's notebooks from the English ones.

The English notebooks (notebooks/, solutions/, workshop/) are the source.
Each has, per language, a gettext catalog ``translations/<code>/<folder>/<name>.po``
whose entries are the notebook's pieces of text:

* each block of a Markdown cell (the text between blank lines; a fenced code
  block stays whole; exercise marker lines are kept as they are);
* each comment of a code cell (``msgctxt "code comment"``);
* each string literal of a code cell that contains a space and a letter,
  such as a figure title or a printed label, and each one that is a label of
  the data (a division name such as "Tobacco") (``msgctxt "code string"``); the
  translation replaces the text between the quotes, so names in the code
  never change. A string that must stay as it is (a province name used to
  select a row) is "translated" by copying it unchanged.

``build`` writes ``notebooks/<code>/``, ``solutions/<code>/`` and
``workshop/<code>/`` (file names from each catalog's ``X-Klaster-Target``
header): code cells as in English with their comments and strings
translated, Markdown from the translations, links to other notebooks
pointing into the same edition, and one first code cell that switches the
library to the language. A piece with no current translation stays in
English, so a changed English cell shows up, visibly, in English until it is
translated; ``check`` fails on it. Run ``update`` after editing an English
notebook: it adds the new pieces to the catalogs and marks the translations
of changed ones *fuzzy*, with the old English beside them.
"""
from __future__ import annotations

import ast
import copy
import io
import posixpath
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path

import nbformat

from .extract import Extraction, Message, merge, placeholders
from .po import Catalog, read_po, write_po

FOLDERS = ("notebooks", "solutions", "workshop")
COMMENT, STRING = "code comment", "code string"
MARKERS = {"### BEGIN ANSWER", "### END ANSWER", "<!-- BEGIN ANSWER NOTE -->", "<!-- END ANSWER NOTE -->"}
LANGUAGE_CELL_TAG = "klaster-language"
LAUNCH_MARK = "klaster_launch"  # cell metadata of the cells klaster.launch makes
_WORD = re.compile(r"[^\W\d_]{2,}")
_MD_LINK = re.compile(r"(\]\()([^)\s]+)(\))")
_HTML_LINK = re.compile(r"""(href=")([^"]+)(")""")


@dataclass
class Piece:
    """One translatable piece of a notebook."""
    context: str | None
    text: str


# ---------------------------------------------------------------- Markdown

def _is_marker(line: str) -> bool:
    return line.strip() in MARKERS


def markdown_blocks(text: str) -> list[tuple[bool, str]]:
    """Split Markdown into (translatable, text) runs; joining the texts gives ``text`` back.

    A run of non-blank lines is one block; a fenced code block stays whole,
    blank lines included; exercise marker lines are kept out of every block.
    """
    runs: list[list] = []
    fence = None
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if fence is not None:
            content = True
            if stripped.startswith(fence):
                fence = None
        elif stripped.startswith(("```", "~~~")):
            fence, content = stripped[:3], True
        else:
            content = bool(stripped) and not _is_marker(line)
        if runs and runs[-1][0] == content:
            runs[-1][1].append(line)
        else:
            runs.append([content, [line]])
    out = []
    for content, lines in runs:
        block = "".join(lines)
        if not content:
            out.append((False, block))
            continue
        body = block.rstrip("\n")
        out.append((_has_words(body), body))
        if len(block) > len(body):
            out.append((False, block[len(body):]))
    return out


def _has_words(text: str) -> bool:
    """True when a block has words to translate outside code, maths, HTML comments and link targets."""
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"\$\$.*?\$\$", " ", text, flags=re.S)
    text = re.sub(r"\$[^$]*\$", " ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"<[^>]+>", " ", text)
    return bool(_WORD.search(text))


# ---------------------------------------------------------------- code

def _char_offsets(source: str):
    """A function (line, column in UTF-8 bytes or characters) -> offset in ``source``."""
    lines = source.splitlines(keepends=True) or [""]
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def from_bytes(lineno: int, col_bytes: int) -> int:
        return starts[lineno - 1] + len(lines[lineno - 1].encode("utf-8")[:col_bytes].decode("utf-8", "ignore"))

    def from_chars(lineno: int, col: int) -> int:
        return starts[lineno - 1] + col

    return from_bytes, from_chars


_LITERAL_START = re.compile(r"([rRbBuUfF]{0,2})('\'\'|\"\"\"|'|\")")


def _concatenated_parts(literal: str) -> list[tuple[int, str]]:
    """(offset of the inner text, inner text) of each literal of a string's source: one, or several side by
    side such as ``f"{n} jobs " f"in {year}"``; [] when the source is not such a sequence (or holds bytes)."""
    parts, position = [], 0
    while position < len(literal):
        gap = re.match(r"(?:\s|\\\n|#[^\n]*)*", literal[position:])
        position += gap.end()
        if position >= len(literal):
            break
        match = _LITERAL_START.match(literal, position)
        if not match or "b" in match.group(1).lower():
            return []
        quote, inner_start = match.group(2), match.end()
        end = inner_start
        while True:
            end = literal.find(quote, end)
            if end < 0:
                return []
            if not _escaped(literal, end):
                break
            end += 1
        parts.append((inner_start, literal[inner_start:end]))
        position = end + len(quote)
    return parts


def _escaped(text: str, index: int) -> bool:
    """True when the character at ``index`` follows an odd number of backslashes."""
    count = 0
    while index - count - 1 >= 0 and text[index - count - 1] == "\\":
        count += 1
    return count % 2 == 1


_data_labels: dict = {}


def data_labels() -> set[str]:
    """Labels the data carries in the course language (division names): a string equal to one is translated
    even without a space, so that ``emp["Tobacco"]`` becomes ``emp["Pengolahan tembakau"]``."""
    if "divisions" not in _data_labels:
        from .. import data

        _data_labels["divisions"] = set(data.load_divisions()["short_name"])
    return _data_labels["divisions"]


def _worth_translating(inner: str) -> bool:
    if inner in data_labels():
        return True
    if re.fullmatch(r"[A-Z][a-z]+(?: [a-z]+)*:", inner.strip()):   # a printed label such as "Workers:"
        return True
    return bool(re.search(r"\s", inner.strip())) and bool(_WORD.search(re.sub(r"\{[^{}]*\}", " ", inner)))


def code_spans(source: str) -> list[tuple[int, int, str, str]]:
    """(start, end, context, text) of each comment and translatable string literal of a code cell."""
    spans = []
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return spans
    from_bytes, from_chars = _char_offsets(source)
    inside_fstring = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            inside_fstring.update(id(n) for n in ast.walk(node) if n is not node)
    for node in ast.walk(tree):
        if id(node) in inside_fstring:
            continue
        if isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            start = from_bytes(node.lineno, node.col_offset)
            end = from_bytes(node.end_lineno, node.end_col_offset)
            literal = source[start:end]
            # one literal, or literals side by side ("a " "b"), each then a piece of its own; bytes left alone
            for offset, inner in _concatenated_parts(literal):
                if _worth_translating(inner):
                    spans.append((start + offset, start + offset + len(inner), STRING, inner))
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type != tokenize.COMMENT:
                continue
            text = token.string
            if _is_marker(text):
                continue
            body = text.lstrip("#").strip()
            if not _WORD.search(body):
                continue
            start = from_chars(*token.start)
            lead = len(text) - len(text.lstrip("#"))
            lead += len(text[lead:]) - len(text[lead:].lstrip())
            spans.append((start + lead, start + len(text.rstrip()), COMMENT, body))
    except (tokenize.TokenError, IndentationError):
        pass
    return sorted(spans)


# ---------------------------------------------------------------- pieces, translation

def _generated(cell) -> bool:
    """Cells made by klaster.launch: built anew for each edition, in its language, so never in a catalog."""
    return bool(cell.metadata.get(LAUNCH_MARK))


def pieces(nb) -> list[Piece]:
    """Every translatable piece of a notebook, in reading order."""
    found = []
    for cell in nb.cells:
        if _generated(cell):
            continue
        if cell.cell_type == "markdown":
            found.extend(Piece(None, text) for ok, text in markdown_blocks(cell.source) if ok)
        elif cell.cell_type == "code":
            found.extend(Piece(context, text) for _s, _e, context, text in code_spans(cell.source))
    return found


def _lookup(catalog: Catalog, context: str | None, text: str, missing: list) -> str:
    entry = catalog.find(text, context)
    if entry is not None and entry.translated:
        return entry.msgstr
    missing.append((context, text))
    return text


def _relink(text: str, link_map: dict[str, str]) -> str:
    """Point relative links at the translated edition (see ``link_map``)."""
    def fix(match):
        target = match.group(2)
        path, hash_, anchor = target.partition("#")
        if re.match(r"^[a-z][a-z0-9+.-]*:", path) or not path or path.startswith("/"):
            return match.group(0)
        new = link_map.get(path)
        if new is None:
            new = posixpath.join("..", path)
        return match.group(1) + new + hash_ + anchor + match.group(3)
    return _HTML_LINK.sub(fix, _MD_LINK.sub(fix, text))


def translate_source(cell_type: str, source: str, catalog: Catalog, missing: list,
                     link_map: dict[str, str] | None = None) -> str:
    if cell_type == "markdown":
        out = []
        for ok, text in markdown_blocks(source):
            out.append(_lookup(catalog, None, text, missing) if ok else text)
        result = "".join(out)
        return _relink(result, link_map) if link_map is not None else result
    if cell_type == "code":
        result, last = [], 0
        for start, end, context, text in code_spans(source):
            result.append(source[last:start])
            result.append(_lookup(catalog, context, text, missing))
            last = end
        result.append(source[last:])
        return "".join(result)
    return source


def language_cell(code: str):
    """The code cell that switches the library to the edition's language."""
    from . import N_, translated

    comment = translated(N_("Show the course in the language of this notebook."), code)
    # the semicolon keeps the returned code from being shown as the cell's output (a stray 'id' in Voila)
    cell = nbformat.v4.new_code_cell(f'# {comment}\nimport klaster\nklaster.set_language("{code}")')
    cell["id"] = LANGUAGE_CELL_TAG
    cell.metadata["tags"] = [LANGUAGE_CELL_TAG]
    return cell


def translate_notebook(nb, catalog: Catalog, code: str, link_map: dict[str, str] | None = None,
                       path: str | None = None):
    """The translated notebook (a new object) and the pieces that had no current translation.

    ``path`` is the translated notebook's place in the course ("notebooks/id/03_....ipynb"): its
    Colab/Binder cells are made for it, in its language. The language cell comes right after them.
    """
    from . import use_language
    from .. import launch

    out = copy.deepcopy(nb)
    missing: list = []
    for cell in out.cells:
        if not _generated(cell):
            cell.source = translate_source(cell.cell_type, cell.source, catalog, missing, link_map)
    if path is not None:
        with use_language(code):
            launch.apply(out, path, add=False)
    generated = [i for i, cell in enumerate(out.cells) if _generated(cell)]
    position = generated[-1] + 1 if generated else (1 if out.cells and out.cells[0].cell_type == "markdown" else 0)
    cell = language_cell(code)
    if out.cells and "slideshow" in out.cells[0].metadata:
        cell.metadata["slideshow"] = {"slide_type": "-"}
    out.cells.insert(position, cell)
    out.metadata["klaster"] = {**out.metadata.get("klaster", {}), "language": code}
    return out, missing


# ---------------------------------------------------------------- files

@dataclass
class Edition:
    """Where the translated edition of one language lives in a course folder."""
    root: Path
    code: str

    def catalog_path(self, source: Path) -> Path:
        folder = source.parent.relative_to(self.root).as_posix()
        return self.root / "translations" / self.code / folder / (source.stem + ".po")

    def sources(self) -> list[Path]:
        found = []
        for folder in FOLDERS:
            found.extend(sorted((self.root / folder).glob("*.ipynb")))
        return found

    def target_name(self, source: Path, catalog: Catalog) -> str:
        name = catalog.header.get("X-Klaster-Target", "").strip()
        return name if name.endswith(".ipynb") and "/" not in name else source.name

    def target_path(self, source: Path, catalog: Catalog) -> Path:
        return source.parent / self.code / self.target_name(source, catalog)

    def read_catalog(self, source: Path) -> Catalog:
        path = self.catalog_path(source)
        if path.exists():
            return read_po(path.read_text(encoding="utf-8"), name=str(path))
        return Catalog(header={"Project-Id-Version": "klaster",
                               "Language": self.code,
                               "MIME-Version": "1.0",
                               "Content-Type": "text/plain; charset=UTF-8",
                               "Content-Transfer-Encoding": "8bit",
                               "X-Klaster-Source": source.relative_to(self.root).as_posix(),
                               "X-Klaster-Target": source.name},
                       header_comments=[f"{self.code} translation of {source.relative_to(self.root).as_posix()}.",
                                        "Update with: python -m klaster.i18n update; "
                                        "X-Klaster-Target is the translated notebook's file name."])

    def link_map(self, from_folder: str) -> dict[str, str]:
        """English relative link -> link to the translated notebook, for notebooks in ``from_folder``/<code>/."""
        mapping = {}
        for source in self.sources():
            folder = source.parent.name
            target = self.target_name(source, self.read_catalog(source))
            english = source.name if folder == from_folder else posixpath.join("..", folder, source.name)
            mapping[english] = target if folder == from_folder else posixpath.join("..", "..", folder, self.code,
                                                                                      target)
            if folder == from_folder:   # an English notebook's link to its own translation becomes the way back
                mapping[posixpath.join(self.code, target)] = posixpath.join("..", source.name)
        return mapping


def notebook_text(nb) -> str:
    return nbformat.writes(nb) + "\n"


def updated_catalog_text(edition: Edition, source: Path) -> str:
    nb = nbformat.read(source, as_version=4)
    found = Extraction()
    where = source.relative_to(edition.root).as_posix()
    for piece in pieces(nb):
        key = (piece.context, piece.text)
        if key not in found.messages:
            found.messages[key] = Message(msgid=piece.text, msgctxt=piece.context, references=[where])
    return write_po(merge(found, edition.read_catalog(source)))


def planned(edition: Edition) -> tuple[dict[Path, str], dict[Path, list]]:
    """Every translated notebook the catalogs imply, with its text, and the untranslated pieces of each."""
    texts, missing = {}, {}
    maps = {folder: edition.link_map(folder) for folder in FOLDERS}
    for source in edition.sources():
        catalog = edition.read_catalog(source)
        nb = nbformat.read(source, as_version=4)
        target = edition.target_path(source, catalog)
        translated, gaps = translate_notebook(nb, catalog, edition.code, maps[source.parent.name],
                                              path=target.relative_to(edition.root).as_posix())
        texts[target] = notebook_text(translated)
        missing[target] = gaps
    return texts, missing


def languages(root: Path) -> list[str]:
    base = root / "translations"
    return sorted(p.name for p in base.iterdir() if p.is_dir()) if base.is_dir() else []


def update(root: Path) -> list[Path]:
    changed = []
    for code in languages(root):
        edition = Edition(root, code)
        for source in edition.sources():
            path = edition.catalog_path(source)
            text = updated_catalog_text(edition, source)
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8", newline="\n")
                changed.append(path)
    return changed


def build(root: Path) -> list[Path]:
    written = []
    for code in languages(root):
        texts, _missing = planned(Edition(root, code))
        for path, text in texts.items():
            if path.exists() and path.read_text(encoding="utf-8") == text:
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
            written.append(path)
    return written


def piece_problems(catalog: Catalog, name: str) -> list[str]:
    """Translations that would break the notebook: lost placeholders, markers or link targets."""
    problems = []
    for entry in catalog.entries:
        if not entry.translated:
            continue
        label = entry.msgid[:60]
        if entry.msgctxt == STRING and placeholders(entry.msgstr) != placeholders(entry.msgid):
            problems.append(f"{name}: the translation changes the {{...}} parts of the string {label!r}")
        if entry.msgctxt is None:
            links = lambda t: sorted(m.group(2) for m in _MD_LINK.finditer(t))  # noqa: E731
            if links(entry.msgstr) != links(entry.msgid):
                problems.append(f"{name}: the translation changes the links of {label!r}")
        if entry.msgctxt == COMMENT and "\n" in entry.msgstr:
            problems.append(f"{name}: a code comment's translation must stay on one line: {label!r}")
    return problems


def check(root: Path) -> list[str]:
    """Every reason a translated edition is not complete and current."""
    from .extract import translation_problems

    problems = []
    for code in languages(root):
        edition = Edition(root, code)
        for source in edition.sources():
            path = edition.catalog_path(source)
            name = path.relative_to(root).as_posix()
            if not path.exists():
                problems.append(f"{name} is missing: run `python -m klaster.i18n update`.")
                continue
            if updated_catalog_text(edition, source) != path.read_text(encoding="utf-8"):
                problems.append(f"{name} is not up to date with {source.relative_to(root).as_posix()}: run "
                                "`python -m klaster.i18n update`, then translate what is new or fuzzy.")
            catalog = read_po(path.read_text(encoding="utf-8"), name=name)
            problems.extend(translation_problems(catalog, name))
            problems.extend(piece_problems(catalog, name))
        texts, _missing = planned(edition)
        for target, text in texts.items():
            for index, cell in enumerate(nbformat.reads(text, as_version=4).cells):
                if cell.cell_type == "code":
                    try:
                        ast.parse(cell.source)
                    except SyntaxError as error:  # a translated string broke the code (a quote, say)
                        problems.append(f"{target.relative_to(root).as_posix()}, cell {index + 1}: the translated "
                                        f"code is not valid Python ({error.msg}, line {error.lineno}): check the "
                                        "code strings and comments of its catalog.")
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                problems.append(f"{target.relative_to(root).as_posix()} is out of date: run "
                                "`python -m klaster.i18n build`.")
        for folder in FOLDERS:
            for stray in sorted((root / folder / code).glob("*.ipynb")):
                if stray not in texts:
                    problems.append(f"{stray.relative_to(root).as_posix()} has no English source.")
    return problems

