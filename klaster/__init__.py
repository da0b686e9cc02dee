"""Klaster: the teaching library behind the Klaster course on industrial
clusters (klaster industri) and agglomeration (aglomerasi)."""

__version__ = "0.1.0"

from .i18n import language, set_language  # noqa: E402,F401
from .errors import KlasterInputError, KlasterTypeError, KlasterValueError  # noqa: E402
from .notebook import install_friendly_errors as _install_friendly_errors  # noqa: E402
from .colab import enable_widgets as _enable_colab_widgets  # noqa: E402

_install_friendly_errors()
_enable_colab_widgets()  # only in Google Colab: its widget manager (klaster/colab.py)
