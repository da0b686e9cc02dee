"""Collect every text a widget shows: control labels and options, HTML and labels, tab titles,
and every text drawn in its figures. Used to prove that a widget speaks the chosen language."""
from __future__ import annotations

import html
import importlib
import inspect
import pkgutil
import re

import ipywidgets as widgets
import matplotlib.text

import klaster.widgets
from klaster.widgets.base import FigureView, LessonWidget

SELECTION = (widgets.Dropdown, widgets.ToggleButtons, widgets.RadioButtons, widgets.Select, widgets.SelectionSlider)
NUMERIC = (widgets.IntSlider, widgets.FloatSlider, widgets.BoundedIntText, widgets.BoundedFloatText)


def widget_classes(figures_only: bool = False):
    """Every LessonWidget class of klaster.widgets that can be made without arguments."""
    found = []
    for info in pkgutil.iter_modules(klaster.widgets.__path__):
        module = importlib.import_module(f"klaster.widgets.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if (issubclass(cls, LessonWidget) and cls is not LessonWidget and cls.__module__ == module.__name__
                    and all(p.default is not p.empty or p.name == "self" or p.kind in (p.VAR_KEYWORD, p.VAR_POSITIONAL)
                            for p in inspect.signature(cls.__init__).parameters.values())):
                found.append(cls)
    return found


def _descendants(root):
    seen, stack = set(), [root]
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        yield item
        if isinstance(item, widgets.Box):
            stack.extend(item.children)


def _strip_html(text: str) -> str:
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S | re.I)
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def texts_of(instance) -> list[str]:
    """All texts shown by a LessonWidget instance right now."""
    roots = [instance.widget] + [v for v in vars(instance).values() if isinstance(v, widgets.Widget)]
    found: list[str] = []
    for root in roots:
        for item in _descendants(root):
            for trait in ("description", "tooltip", "placeholder", "button_style_description"):
                value = getattr(item, trait, None)
                if isinstance(value, str) and value.strip():
                    found.append(value)
            if isinstance(item, (widgets.HTML, widgets.HTMLMath, widgets.Label)) and item.value:
                found.append(_strip_html(item.value))
            if isinstance(item, (widgets.Textarea, widgets.Text)) and item.disabled and item.value:
                found.append(item.value)
            labels = getattr(item, "_options_labels", None)
            if labels:
                found.extend(str(label) for label in labels)
            titles = getattr(item, "titles", None)
            if titles:
                found.extend(str(t) for t in titles if t)
    for view in (v for v in vars(instance).values() if isinstance(v, FigureView)):
        for text in view.figure.findobj(matplotlib.text.Text):
            if text.get_visible() and text.get_text().strip():
                found.append(text.get_text())
    return [t for t in (" ".join(t.split()) for t in found) if t]


def controls_of(instance) -> dict:
    return {name: c for name, c in vars(instance).items() if not name.startswith("_")
            and isinstance(c, SELECTION + NUMERIC + (widgets.Checkbox, widgets.SelectMultiple))
            and not c.disabled}


def next_values(control) -> list:
    if isinstance(control, SELECTION):
        options = [o[1] if isinstance(o, tuple) else o for o in control.options]
        return [o for o in options if o != control.value][:3]
    if isinstance(control, widgets.SelectMultiple):
        options = [o[1] if isinstance(o, tuple) else o for o in control.options]
        return [tuple(options[1:3]), tuple(options[:2])] if len(options) >= 3 else []
    if isinstance(control, widgets.Checkbox):
        return [not control.value, control.value]
    return [control.min, control.max, (control.min + control.max) / 2 if isinstance(control.value, float)
            else (control.min + control.max) // 2]


def texts_while_driving(instance) -> list[str]:
    """Texts shown at the start and after every change of every control."""
    found = texts_of(instance)
    for name, control in controls_of(instance).items():
        for value in next_values(control):
            control.value = value
            found.extend(texts_of(instance))
    return found
