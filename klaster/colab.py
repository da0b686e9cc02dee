"""Google Colab: switch on Colab's widget manager when the library runs there.

Colab shows ipywidgets 8 widgets only after
``google.colab.output.enable_custom_widget_manager()``. Importing klaster
(or klaster.widgets) does that by itself in Colab, so no lesson needs a cell
for it; anywhere else nothing happens.
"""
from __future__ import annotations

import sys

from .i18n import _
from .paths import in_colab

_state = {"enabled": False}


def enable_widgets() -> bool:
    """In Colab, enable its custom widget manager (once); returns True if it is on."""
    if _state["enabled"]:
        return True
    if not in_colab():
        return False
    try:
        from google.colab import output  # only exists in Colab
        output.enable_custom_widget_manager()
    except Exception as exc:  # a Colab without the call: say so once, keep working
        print(_("klaster: could not switch on Colab's widget manager ({problem}); widgets may show as "
                "text. Run: from google.colab import output; output.enable_custom_widget_manager()")
              .format(problem=exc), file=sys.stderr)
        return False
    _state["enabled"] = True
    return True
