"""FigureView's cached layers: a refresh shows the same picture as a full redraw."""
from __future__ import annotations

import importlib
import inspect
import io
import os
import pkgutil

import ipywidgets as widgets
import numpy as np
import pytest
from PIL import Image

import klaster.widgets
from klaster.widgets.base import FigureView, LessonWidget


def simple_view():
    view = FigureView(figsize=(5, 3), margins=dict(left=0.15, right=0.95, top=0.85, bottom=0.2))
    ax = view.figure.subplots()
    (line,) = ax.plot([0, 1, 2], [0, 1, 4], label="data")
    ax.set_xlabel("x (units)")
    ax.set_ylabel("y (units)")
    ax.legend(loc="upper left")  # not "best": that place depends on the data, which is dynamic
    view.animate(line)
    view.refresh()
    return view, ax, line


def test_refresh_shows_a_png_of_the_figure_size():
    view, _, _ = simple_view()
    image = Image.open(io.BytesIO(view.image.value))
    assert image.format == "PNG"
    assert image.size == view.figure.canvas.get_width_height()
    assert np.array_equal(np.asarray(image.convert("RGB")), view.render()[..., :3])  # lossless


def test_changing_an_animated_artist_redraws_only_the_dynamic_layer():
    view, _, line = simple_view()
    before = view.render()
    line.set_ydata([4, 1, 0])
    after = view.render()
    assert view.full_draws == 1 and view.tick_draws == 1
    assert not np.array_equal(before, after)
    assert np.array_equal(after, view.render(fresh=True))


def test_new_limits_redraw_the_ticks_but_not_the_static_layer():
    view, ax, _ = simple_view()
    ax.set_ylim(0, 40)
    cached = view.render()
    assert view.full_draws == 1 and view.tick_draws == 2
    assert np.array_equal(cached, view.render(fresh=True))


def test_new_titles_and_legend_texts_are_picked_up():
    view, ax, line = simple_view()
    ax.set_title("A new title")
    cached = view.render()
    assert view.full_draws == 1  # titles are dynamic
    assert np.array_equal(cached, view.render(fresh=True))
    line.set_label("renamed")
    ax.legend(loc="upper left")
    cached = view.render()
    assert view.full_draws == 3  # the legend changed the static layer (then fresh=True drew it again)
    assert np.array_equal(cached, view.render(fresh=True))


def test_a_changed_static_artist_is_caught_by_comparing_with_a_fresh_render():
    """The check used for every widget below can fail: a static artist changed without invalidate()."""
    view, ax, _ = simple_view()
    (static,) = ax.plot([0, 2], [0, 4], color="black")
    view.invalidate()
    view.render()
    static.set_ydata([4, 0])
    assert not np.array_equal(view.render(), view.render(fresh=True))


def test_an_artist_made_after_a_refresh_joins_without_a_full_redraw_and_a_removed_one_is_forgotten():
    view, ax, line = simple_view()
    (newer,) = ax.plot([0, 2], [4, 0], color="black")
    view.animate(newer, new=True)
    line.remove()
    cached = view.render()
    assert view.full_draws == 1
    assert np.array_equal(cached, view.render(fresh=True))
    assert not any(artist is line for artist in view._live_dynamic(view.figure.axes))


def test_a_tile_map_with_a_new_colour_scale_redraws_no_static_layer():
    from klaster.widgets.start_here import ProvinceMapExplorer
    explorer = ProvinceMapExplorer()
    for variable in ("Population", "Area", "Population density"):
        explorer.variable.value = variable
        assert np.array_equal(explorer.view.render(), explorer.view.render(fresh=True))
    full_draws = explorer.view.full_draws
    explorer.variable.value = "Population"
    assert explorer.view.full_draws == full_draws


def test_a_view_without_animated_artists_draws_everything_every_time():
    view = FigureView(figsize=(4, 3))
    ax = view.figure.subplots()
    ax.plot([0, 1], [0, 1])
    view.refresh()
    view.refresh()
    assert view.full_draws == 2 and view.tick_draws == 0


# -- every lesson widget: after each control change the cached picture equals a fresh one ----------

SELECTION = (widgets.Dropdown, widgets.ToggleButtons, widgets.RadioButtons, widgets.Select, widgets.SelectionSlider)
NUMERIC = (widgets.IntSlider, widgets.FloatSlider, widgets.BoundedIntText, widgets.BoundedFloatText)


def widget_classes():
    found = []
    for info in pkgutil.iter_modules(klaster.widgets.__path__):
        module = importlib.import_module(f"klaster.widgets.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if (issubclass(cls, LessonWidget) and cls is not LessonWidget and cls.__module__ == module.__name__
                    and all(p.default is not p.empty or p.name == "self" or p.kind in (p.VAR_KEYWORD, p.VAR_POSITIONAL)
                            for p in inspect.signature(cls.__init__).parameters.values())):
                found.append(cls)
    return found


def views_of(instance) -> list[FigureView]:
    return [value for value in vars(instance).values() if isinstance(value, FigureView)]


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


@pytest.mark.parametrize("cls", widget_classes(), ids=lambda c: c.__name__)
def test_widget_figures_stay_right_after_every_control_change(cls, tmp_path):
    here = os.getcwd()
    os.chdir(tmp_path)  # widgets that autosave write here
    try:
        instance = cls()
        views = views_of(instance)
        if not views:
            pytest.skip(f"{cls.__name__} shows no figure")
        controls = {name: c for name, c in vars(instance).items() if not name.startswith("_")
                    and isinstance(c, SELECTION + NUMERIC + (widgets.Checkbox, widgets.SelectMultiple))
                    and not c.disabled}
        for name, control in controls.items():
            for value in next_values(control):
                control.value = value
                for view in views:
                    cached = view.render()
                    assert np.array_equal(cached, view.render(fresh=True)), (
                        f"{cls.__name__}: after {name} = {value!r} the cached figure differs from a fresh one")
    finally:
        os.chdir(here)
