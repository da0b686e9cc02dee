"""In Indonesian mode a widget shows no English: every text it shows, before and after
every control change, is checked against the library's own English-only vocabulary
(words of the catalog's English texts that its Indonesian texts never use)."""
from __future__ import annotations

import os
import re

import pytest

from klaster import i18n
from klaster.i18n.extract import catalog_paths
from klaster.i18n.po import read_po
from widget_texts import texts_while_driving, widget_classes

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{2,}")
# Names and codes that are the same in both languages although they look English.
SAME_IN_BOTH = {"klaster", "batik", "Gini", "Hoover", "Krugman", "Herfindahl", "Shannon", "Ellison", "Glaeser",
                "Porter", "Marshall", "Jacobs", "OECD", "UNIDO", "BPS", "KBLI", "Bappeda", "Kemenperin", "SMART",
                "KPI", "LQ", "PNG", "HTML", "Markdown", "CSV", "JSON"}


# Common English words that no Indonesian text uses, on top of the catalog's vocabulary.
COMMON_ENGLISH = {"the", "and", "of", "with", "for", "from", "this", "that", "these", "those", "are", "was", "were",
                  "has", "have", "had", "will", "would", "can", "could", "should", "not", "you", "your", "its",
                  "which", "what", "when", "where", "than", "then", "each", "every", "only", "more", "less", "into",
                  "onto", "about", "between", "there", "their", "they", "them", "been", "being", "does", "did",
                  "here", "also", "very", "yet", "still", "but", "because", "while", "after", "before", "over",
                  "under", "our", "out", "off", "how", "why", "who", "whose", "any", "some", "all", "one", "two",
                  "three", "first", "last", "next", "new", "old", "year", "years", "jobs", "workers", "share",
                  "region", "province", "division", "industry", "plants", "firms", "cluster", "clusters"}


def english_only_words() -> set[str]:
    path = next(p for p in catalog_paths() if p.parent.parent.name == "id")
    catalog = read_po(path.read_text(encoding="utf-8"))
    english, indonesian = set(), set()
    for entry in catalog.entries:
        english.update(w.casefold() for w in WORD.findall(re.sub(r"\{[^}]*\}", " ", entry.msgid)))
        indonesian.update(w.casefold() for w in WORD.findall(re.sub(r"\{[^}]*\}", " ", entry.msgstr)))
    return (english | COMMON_ENGLISH) - indonesian - {w.casefold() for w in SAME_IN_BOTH}


FILE_NAME = re.compile(r"[\w./-]+\.(?:json|md|html?|csv|png|xlsx|ipynb|py)\b")  # names of files stay as they are


def english_in(texts: list[str], vocabulary: set[str]) -> dict[str, list[str]]:
    hits = {}
    for text in dict.fromkeys(texts):
        words = sorted({w for w in WORD.findall(FILE_NAME.sub(" ", text)) if w.casefold() in vocabulary})
        if words:
            hits[text[:120]] = words
    return hits


@pytest.fixture(scope="module")
def vocabulary():
    return english_only_words()


@pytest.mark.parametrize("cls", widget_classes(), ids=lambda c: c.__name__)
def test_widget_shows_no_english_in_indonesian_mode(cls, vocabulary, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # widgets that autosave write here
    with i18n.use_language("en"):
        english = english_in(texts_while_driving(cls()), vocabulary)
    assert english, f"{cls.__name__}: the English texts were not found, so the check below would prove nothing"
    with i18n.use_language("id"):
        left = english_in(texts_while_driving(cls()), vocabulary)
    assert not left, f"{cls.__name__} shows English in Indonesian mode:\n" + "\n".join(
        f"  {text!r}: {words}" for text, words in list(left.items())[:25])
