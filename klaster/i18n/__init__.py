"""The course's languages: English (the source) and Bahasa Indonesia.

Every text the library shows a user is written in English inside ``_()``
and translated when it is shown, from a gettext message catalog::

    from klaster.i18n import _, N_
    label = _("Location quotient")                 # translated now
    OPTIONS = (N_("Province"), N_("Division"))      # marked; translate with _() when shown
    message = _("Region {region} has no jobs.").format(region=name)
    caption = _f("{jobs:,.0f} jobs in {year}", jobs=n, year=2019)  # numbers in the language's style

Rules for writers: the English text inside ``_()`` is the key (msgid), so
never build it with an f-string; use named ``{placeholders}`` and
``.format`` after the call. ``N_()`` marks a text for the catalog without
translating it (module-level constants, data that is shown later with
``_()``). ``_p(context, text)`` separates two meanings of one short English
word.

The catalogs are ordinary gettext ``.po`` files, one per language, at
``klaster/locale/<code>/LC_MESSAGES/klaster.po``; a translator can open them
in Poedit or Weblate. The library reads the ``.po`` file itself (there is no
compiled ``.mo`` file, hence no compile step that could be forgotten).
Entries marked fuzzy (their English changed since they were translated) and
empty ones are not used: the English is shown instead, and
``python -m klaster.i18n check`` fails until they are translated.

The language is English unless ``set_language("id")`` is called or the
environment variable ``KLASTER_LANG`` is ``id`` when klaster is imported.
"""
from __future__ import annotations

import numbers
import os
import string
import sys
from functools import lru_cache
from importlib import resources

from .po import Catalog, CatalogError, read_po

SOURCE_LANGUAGE = "en"
DOMAIN = "klaster"
LANGUAGE_NAMES = {"en": "English", "id": "Bahasa Indonesia"}

_state = {"language": SOURCE_LANGUAGE}
_warned: set[str] = set()


def _say_once(key: str, message: str) -> None:
    if key not in _warned:
        _warned.add(key)
        print(message, file=sys.stderr)


def catalog_resource(code: str, domain: str = DOMAIN):
    """The packaged ``.po`` file of a language (an importlib.resources Traversable)."""
    return resources.files("klaster").joinpath("locale", code, "LC_MESSAGES", f"{domain}.po")


def available_languages() -> tuple[str, ...]:
    """English plus every language that has a catalog in the package."""
    found = [SOURCE_LANGUAGE]
    locale_dir = resources.files("klaster").joinpath("locale")
    if locale_dir.is_dir():
        for entry in sorted(locale_dir.iterdir(), key=lambda e: e.name):
            if entry.joinpath("LC_MESSAGES", f"{DOMAIN}.po").is_file() and entry.name != SOURCE_LANGUAGE:
                found.append(entry.name)
    return tuple(found)


def _languages_sentence() -> str:
    return ", ".join(f'"{code}" ({LANGUAGE_NAMES.get(code, code)})' for code in available_languages())


@lru_cache(maxsize=None)
def _catalog(code: str, domain: str = DOMAIN) -> Catalog | None:
    """The catalog of a language, or None (and a one-time notice) when it is missing or damaged."""
    resource = catalog_resource(code, domain)
    try:
        return read_po(resource.read_text(encoding="utf-8"), name=f"{code}/{domain}.po")
    except (OSError, CatalogError, UnicodeDecodeError) as exc:
        _say_once(f"catalog:{code}:{domain}",
                  f"klaster: the {LANGUAGE_NAMES.get(code, code)} texts could not be read ({exc}); "
                  "showing English instead.")
        return None


def language() -> str:
    """The code of the language the course shows now: "en" or "id"."""
    return _state["language"]


def set_language(code: str) -> None:
    """Show the course in another language from now on (``language()`` tells which is in use).

    ``code`` is "en" (English, the default) or "id" (Bahasa Indonesia).
    Widgets, figures, messages and check feedback created after the call
    use the new language; a widget already on the screen keeps its texts
    until it is created again. An unknown code leaves the course in English
    and says which languages exist.
    """
    wanted = str(code).strip().lower().replace("_", "-").split("-")[0] if code is not None else ""
    if wanted not in available_languages():
        _state["language"] = SOURCE_LANGUAGE
        print(f"klaster: there is no language {code!r}; the languages available are "
              f"{_languages_sentence()}. The course stays in English. / "
              f"Bahasa {code!r} tidak tersedia; pilihan yang ada: {_languages_sentence()}. "
              "Kursus tetap berbahasa Inggris.", file=sys.stderr)
        return None
    if wanted != SOURCE_LANGUAGE and _catalog(wanted) is None:
        _state["language"] = SOURCE_LANGUAGE
        return None
    _state["language"] = wanted
    return None


def gettext(message: str) -> str:
    """``message`` in the current language (itself when there is no translation)."""
    code = _state["language"]
    if code == SOURCE_LANGUAGE or not message:
        return message
    catalog = _catalog(code)
    return message if catalog is None else catalog.gettext(message)


def pgettext(context: str, message: str) -> str:
    """Like ``gettext`` for a short text whose meaning depends on ``context``."""
    code = _state["language"]
    if code == SOURCE_LANGUAGE or not message:
        return message
    catalog = _catalog(code)
    return message if catalog is None else catalog.pgettext(context, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural text for ``n`` in the current language."""
    code = _state["language"]
    catalog = None if code == SOURCE_LANGUAGE else _catalog(code)
    if catalog is None:
        return singular if n == 1 else plural
    return catalog.ngettext(singular, plural, n)


class _LocalFormatter(string.Formatter):
    """``str.format`` that writes numbers the way the current language does (1,234.5 or 1.234,5)."""

    def format_field(self, value, format_spec):
        text = super().format_field(value, format_spec)
        if isinstance(value, numbers.Number) and not isinstance(value, bool) and _state["language"] in COMMA_DECIMAL:
            text = text.translate(_SWAP_SEPARATORS)
        return text


COMMA_DECIMAL = {"id"}   # languages that write 1.234,5 (Indonesian style) instead of 1,234.5
_SWAP_SEPARATORS = str.maketrans({",": ".", ".": ","})
_formatter = _LocalFormatter()


def number(value, spec: str = ",") -> str:
    """``value`` formatted with a format spec (",.1f", ".0%", "+,.0f" ...) in the current language's style.

    English: 1,234.5 and 45.2%; Indonesian: 1.234,5 and 45,2%. Tables (DataFrames) keep
    plain numbers, because students copy them into code, where the decimal point is a dot.
    """
    return _formatter.format_field(value, spec)


def local_format(template: str, /, *args, **values) -> str:
    """``template.format(*args, **values)`` with numbers in the current language's style; ``template`` is
    not translated (a number format such as "{:,.0f}")."""
    return _formatter.vformat(template, args, values)


def _f(message: str, /, **values) -> str:
    """Translate ``message`` and fill in its ``{placeholders}``, numbers in the language's own style.

    ``_f("{jobs:,.0f} jobs in {year}", jobs=1234.0, year=2019)`` gives "1,234 jobs in 2019" in
    English and, with the catalog's "{jobs:,.0f} pekerja pada {year}", "1.234 pekerja pada 2019".
    """
    return _formatter.vformat(gettext(message), (), values)


def tick_formatter(spec: str = ","):
    """A matplotlib tick formatter that writes tick labels with ``number(value, spec)`` in the current
    language's style (0.5 or 0,5; 1,000 or 1.000), with a true minus sign (−) as matplotlib's own does.

    For axes that keep matplotlib's automatic tick labels, see ``klaster.i18n.mpl.local_ticks``.
    """
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, position=None: number(value, spec).replace("-", "\u2212"))


def cached_per_language(maxsize: int | None = 128):
    """Like ``functools.lru_cache``, with the course language as part of the key.

    For functions whose results hold labels or texts in the current language (a matrix whose
    columns are division names, a table of captions): a result computed in English is never
    handed out after ``set_language("id")``.
    """
    def decorate(function):
        @lru_cache(maxsize=maxsize)
        def by_language(code, *args, **kwargs):
            return function(*args, **kwargs)

        def wrapper(*args, **kwargs):
            return by_language(_state["language"], *args, **kwargs)

        wrapper.cache_clear = by_language.cache_clear
        wrapper.__wrapped__ = function
        wrapper.__doc__, wrapper.__name__ = function.__doc__, function.__name__
        return wrapper
    return decorate


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it now (translate it with ``_()`` when shown)."""
    return message


_ = gettext
_p = pgettext


def translated(text: str, code: str) -> str:
    """``text`` in language ``code``, whatever the current language is (for tests and exports)."""
    previous = _state["language"]
    _state["language"] = code if code in available_languages() else SOURCE_LANGUAGE
    try:
        return gettext(text)
    finally:
        _state["language"] = previous


class use_language:
    """Context manager: ``with use_language("id"): ...`` shows Indonesian inside the block only."""

    def __init__(self, code: str):
        self.code = code

    def __enter__(self):
        self.previous = _state["language"]
        set_language(self.code)
        return self

    def __exit__(self, *exc):
        _state["language"] = self.previous
        return False


def _from_environment() -> None:
    code = os.environ.get("KLASTER_LANG", "").strip()
    if code:
        set_language(code)


_from_environment()

__all__ = ["_", "_f", "N_", "local_format", "_p", "number", "tick_formatter", "gettext", "pgettext", "ngettext", "language", "set_language",
           "available_languages", "use_language", "translated", "LANGUAGE_NAMES"]
