"""Errors raised by klaster when its input is wrong.

Every check in the library raises one of these two classes, so a notebook can
show the message alone, without a traceback (see ``klaster.notebook``).
They subclass the built-in ValueError and TypeError, so ordinary
``except ValueError`` code keeps working.
"""


class KlasterInputError(Exception):
    """Marker base class: the input to a klaster function is not usable."""


class KlasterValueError(KlasterInputError, ValueError):
    """A table or value has the right type but wrong content."""


class KlasterTypeError(KlasterInputError, TypeError):
    """Something that should be a table (or a number) is not one."""
