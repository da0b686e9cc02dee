"""Interactive widgets, one module per lesson topic. Each widget wraps tested
library functions: it only wires controls to them and shows the result.

Conventions (see CONTRIBUTING.md): a widget is a class whose controls and
outputs are public attributes (so tests can drive them), whose ``widget``
attribute is the ipywidgets container, and which displays itself in a
notebook. Figures are matplotlib Figures created outside pyplot, updated in
place and shown as PNG in an ``ipywidgets.Image``.
"""
from .start_here import ProvinceMapExplorer, widgets_check

__all__ = ["ProvinceMapExplorer", "widgets_check"]
