"""Show klaster's input errors in a notebook as a short message, not a traceback.

When klaster is imported inside IPython or Jupyter, errors of the classes in
``klaster.errors`` (bad input: a negative value, a missing column...) are
shown as one line starting with "Problem with the input:" (in the course's
language: "Masalah pada masukan:" in Indonesian). Every other error
keeps its normal traceback. Set the environment variable
KLASTER_FULL_TRACEBACKS=1 to see full tracebacks for everything.
"""
from __future__ import annotations

import os
import sys

from .errors import KlasterInputError
from .i18n import _


def _show_message(shell, etype, value, tb, tb_offset=None):
    """IPython custom-exception handler: show the error as one line."""
    heading = _("Problem with the input:")
    lines = [f"\x1b[0;31m{heading}\x1b[0m {value}"]
    show = getattr(shell, "_showtraceback", None)
    if show is not None:  # in Jupyter this sends the line as the cell's error output
        show(etype, value, lines)
    else:
        print(f"{heading} {value}", file=sys.stderr)
    return lines


def install_friendly_errors(shell=None) -> bool:
    """Register the short-message handler in the running IPython shell. Returns True if done."""
    if os.environ.get("KLASTER_FULL_TRACEBACKS"):
        return False
    if shell is None:
        ipython = sys.modules.get("IPython")
        if ipython is None:
            return False
        shell = ipython.get_ipython()
    if shell is None:
        return False
    shell.set_custom_exc((KlasterInputError,), _show_message)
    return True
