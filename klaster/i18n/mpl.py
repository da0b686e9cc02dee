"""Axis tick labels in the current language's number style (0.5 in English, 0,5 in Indonesian).

``local_ticks(ax.xaxis, ax.yaxis)`` replaces matplotlib's default tick formatter
(``ScalarFormatter``) by one that formats exactly as matplotlib does (the same
decimals for every tick, the same offset and minus sign) and then writes the
numbers the way the language does. In English the labels are unchanged. Use
``klaster.i18n.tick_formatter(spec)`` instead when a fixed format spec is wanted.
"""
from __future__ import annotations

from matplotlib.ticker import ScalarFormatter

from . import COMMA_DECIMAL, language

_SWAP = str.maketrans({",": ".", ".": ","})


def local_style(text: str) -> str:
    """A number written by matplotlib (or Python) in the current language's style."""
    return text.translate(_SWAP) if language() in COMMA_DECIMAL else text


class LocalScalarFormatter(ScalarFormatter):
    """matplotlib's ScalarFormatter, writing numbers in the current language's style."""

    def __call__(self, x, pos=None):
        return local_style(super().__call__(x, pos))

    def get_offset(self):
        return local_style(super().get_offset())

    def format_data_short(self, value):
        return local_style(super().format_data_short(value))


def local_ticks(*axes) -> None:
    """Give each matplotlib Axis (``ax.xaxis``, ``ax.yaxis``) tick labels in the current language's style.

    Only an axis that uses matplotlib's default formatter is changed; an axis
    with its own formatter (fixed labels, a FuncFormatter) keeps it.
    """
    for axis in axes:
        if type(axis.get_major_formatter()) is ScalarFormatter:
            axis.set_major_formatter(LocalScalarFormatter())
