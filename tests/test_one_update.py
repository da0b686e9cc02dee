"""A control moved in the page is answered as one update: every part the widget changes is sent
together at the end, not part by part while the kernel is still computing."""
from __future__ import annotations

import ipywidgets as widgets
import pytest

from klaster.widgets.base import widget_tree
from klaster.widgets.location_quotient import LQExplorer


def page_message(state: dict) -> dict:
    """What ipywidgets receives when the browser changes a control."""
    return {"content": {"data": {"method": "update", "state": state, "buffer_paths": []}}, "buffers": []}


@pytest.fixture
def sent(monkeypatch):
    messages = []
    original = widgets.Widget._send

    def record(self, msg, buffers=None):
        messages.append((self, msg.get("method")))
        return original(self, msg, buffers)

    monkeypatch.setattr(widgets.Widget, "_send", record)
    return messages


def test_nothing_reaches_the_page_before_the_response_is_complete(sent):
    explorer = LQExplorer()
    explorer._repr_mimebundle_()  # displaying it makes inputs from the page one update each
    seen_by_the_last_observer = []
    explorer.year.observe(lambda change: seen_by_the_last_observer.append(
        [m for _, m in sent if m == "update"]), names="value")
    sent.clear()
    explorer.year.comm.handle_msg(page_message({"index": 0}))
    assert explorer.year.value == 2019
    assert seen_by_the_last_observer == [[]]  # while the widget computed, no update left the kernel
    updated = [w for w, m in sent if m == "update"]
    # the year changes all three figures and both captions: the two Panels that show them, one message each
    assert {id(w) for w in updated} == {id(explorer.division_panel), id(explorer.province_panel)}
    assert len(updated) == len({id(w) for w in updated})  # one message per changed part
    assert [m for _, m in sent][0] == "echo_update"  # the control's own echo still goes first


def test_without_display_a_change_from_the_page_is_sent_part_by_part(sent):
    """The check above can fail: an undisplayed widget sends each part as soon as it changes."""
    explorer = LQExplorer()
    seen = []
    explorer.year.observe(lambda change: seen.append([m for _, m in sent if m == "update"]), names="value")
    sent.clear()
    explorer.year.comm.handle_msg(page_message({"index": 0}))
    assert seen and seen[0] != []


def test_widget_tree_reaches_nested_children_once():
    inner = widgets.HTML("x")
    box = widgets.VBox([widgets.HBox([inner, inner]), inner])
    tree = widget_tree(box)
    assert sum(w is inner for w in tree) == 1
    assert any(w is box.layout for w in tree)


# -- every control of every lesson widget ------------------------------------------------------------

def lesson_widget_classes() -> list[type]:
    """Every LessonWidget subclass in klaster/widgets/*.py that can be built without arguments."""
    import importlib
    import inspect
    import pkgutil

    import klaster.widgets
    from klaster.widgets.base import LessonWidget

    found = []
    for info in pkgutil.iter_modules(klaster.widgets.__path__):
        module = importlib.import_module(f"klaster.widgets.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, LessonWidget) and cls is not LessonWidget and cls.__module__ == module.__name__:
                params = list(inspect.signature(cls.__init__).parameters.values())[1:]
                if all(p.default is not p.empty or p.kind in (p.VAR_KEYWORD, p.VAR_POSITIONAL) for p in params):
                    found.append(cls)
    return found


VALUE_CONTROLS = (widgets.Dropdown, widgets.ToggleButtons, widgets.RadioButtons, widgets.Select,
                  widgets.SelectionSlider, widgets.SelectMultiple, widgets.IntSlider, widgets.FloatSlider,
                  widgets.IntText, widgets.FloatText, widgets.BoundedIntText, widgets.BoundedFloatText,
                  widgets.Checkbox, widgets.ToggleButton)


def value_controls(lesson) -> dict:
    return {name: value for name, value in vars(lesson).items()
            if not name.startswith("_") and isinstance(value, VALUE_CONTROLS) and not value.disabled}


def page_states(control, count: int = 2) -> list[dict]:
    """What the page sends for ``count`` different new values of the control (as a student would pick them)."""
    from ipywidgets.widgets.widget_selection import _MultipleSelection, _Selection
    if isinstance(control, _MultipleSelection):
        n = len(control.options)
        size = min(max(len(control.index), 2), n)
        return [{"index": [(k + 1 + j) % n for j in range(size)]} for k in range(count)] if n >= 2 else []
    if isinstance(control, _Selection):
        n = len(control.options)
        start = control.index if control.index is not None else 0
        return [{"index": (start + 1 + k) % n} for k in range(count)] if n >= 2 else []
    if isinstance(control, (widgets.Checkbox, widgets.ToggleButton)):
        return [{"value": not control.value}, {"value": control.value}][:count]
    low, high = getattr(control, "min", None), getattr(control, "max", None)
    value = control.value
    if low is None or high is None:
        low, high = (value or 1) * 0.5, (value or 1) * 1.5
    values = [low + (high - low) * f for f in (0.3, 0.7)]
    if isinstance(value, int):
        values = [int(round(v)) for v in values]
    return [{"value": v} for v in values if v != value][:count]


# The most widgets one change of each control updates on the page (each with one message), as
# measured when these limits were set. A widget whose output for one input is an image and its
# captions sends one message per part; more parts than this is a regression.
MOST_PARTS_UPDATED = {
    "ClusterMapBuilder": {"case": 2, "role": 1, "subtype": 0},
    "ReportBuilder": {"province": 1, "division": 1, "replace": 0},
    "CaseComparer": {"cases": 1, "lens": 1},
    "CitySizeExplorer": {"sigma": 1, "tau": 1, "cost": 1, "outside": 1},
    "ClusterTest": {"geography": 2, "field": 1, "linkages": 0, "institutions": 0, "relations": 0, "firms": 0,
                    "households": 0},
    "LorenzExplorer": {"division": 1, "year": 1},
    "CorePeripheryExplorer": {"transport_cost": 1, "sigma": 1, "mu": 1},
    "DartboardExplorer": {"plants": 1, "spread": 1, "division": 1, "own_plants": 3},
    "DiamondScorecard": {"score_factor": 1, "score_demand": 1, "score_related": 1, "score_rivalry": 1,
                         "score_chance": 1, "score_government": 1, "compare": 1},
    "IOLinkageExplorer": {"province": 1, "forward": 1},
    "LQCalculator": {"regional_industry": 1, "regional_total": 1, "national_industry": 1, "national_total": 1},
    "LQExplorer": {"division": 1, "year": 2, "province": 1},
    "StarsExplorer": {"top_share": 1, "lq_threshold": 1, "year": 1},
    "RealPdrbExplorer": {"province": 2, "kabkota": 1, "reference": 1, "start": 1, "end": 1},
    "PortfolioExplorer": {"mode": 2, "choice": 1, "growth": 1},
    "ShiftShareExplorer": {"province": 1, "division": 1},
    "ProvinceMapExplorer": {"variable": 1},
    "StrategyApp": {"overwrite": 0, "sh_type": 0, "sh_influence": 0, "sh_interest": 0, "province": 1, "division": 3,
                    "horizon": 2, "act_cost": 0, "act_quick": 0, "kpi_baseline": 0, "kpi_target": 0,
                    "kpi_measure": 0},
}


@pytest.mark.parametrize("cls", lesson_widget_classes(), ids=lambda cls: cls.__name__)
def test_every_control_sends_each_changed_part_once_and_only_after_the_change(cls, sent, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    lesson = cls()
    lesson._repr_mimebundle_()
    controls = value_controls(lesson)
    measured = {}
    for name, control in controls.items():
        for state in page_states(control):
            if control.disabled:
                break
            early = []
            watcher = lambda change: early.append(sum(m == "update" for _, m in sent))  # noqa: E731
            control.observe(watcher, names="value")
            sent.clear()
            control.comm.handle_msg(page_message(state))
            control.unobserve(watcher, names="value")
            updated = [w for w, m in sent if m == "update" and w is not control]
            assert early in ([], [0]), f"{cls.__name__}.{name}: parts reached the page while it computed"
            assert len(updated) == len({id(w) for w in updated}), f"{cls.__name__}.{name}: a part was sent twice"
            for image in (w for w in updated if isinstance(w, widgets.Image)):
                assert image.get_state()["format"] == "url"  # a data URL: drawn with the captions, not after them
            measured[name] = max(measured.get(name, 0), len(updated))
    limits = MOST_PARTS_UPDATED[cls.__name__]  # a new lesson widget: add its measured counts above
    for name, count in measured.items():
        assert count <= limits[name], f"{cls.__name__}.{name}: {count} parts updated, at most {limits[name]}"


def test_the_check_of_every_control_can_fail(sent):
    """A handler that sets a part twice outside one update sends it twice: the check above would see it."""
    explorer = LQExplorer()  # not displayed: no one update per input
    explorer.year.observe(lambda change: setattr(explorer.caption, "value", explorer.caption.value + " "),
                          names="value")
    sent.clear()
    explorer.year.comm.handle_msg(page_message({"index": 0}))
    updated = [w for w, m in sent if m == "update" and w is explorer.division_panel]  # the caption's Panel
    assert len(updated) >= 2  # once per changed part of the Panel (figures, caption, the handler's caption)


def test_a_figure_reaches_the_page_as_a_data_url_and_stays_png_in_the_kernel():
    import base64

    from klaster.widgets.base import FigureView
    view = FigureView(figsize=(2, 1))
    view.figure.subplots().plot([0, 1], [1, 0])
    view.refresh()
    assert view.image.value[:8] == b"\x89PNG\r\n\x1a\n" and view.image.format == "png"
    state = view.image.get_state()
    assert state["format"] == "url"
    prefix = b"data:image/png;base64,"
    assert bytes(state["value"]).startswith(prefix)
    assert base64.b64decode(bytes(state["value"])[len(prefix):]) == bytes(view.image.value)


def test_showing_a_widget_sets_the_objects_alive_aside_from_later_collections():
    import gc
    import weakref

    class Cycle:
        pass

    try:
        LQExplorer()._repr_mimebundle_()
        assert gc.get_freeze_count() > 0  # what was alive when it was shown is skipped by later collections
        made_later = Cycle()
        made_later.itself = made_later
        alive = weakref.ref(made_later)
        del made_later
        gc.collect()
        assert alive() is None  # garbage made afterwards is still collected
    finally:
        gc.unfreeze()


def test_a_panel_sends_its_picture_and_texts_as_one_message(sent):
    """City size: the figure and its three texts are one Panel; one change from the page, one update message."""
    import base64

    from klaster.widgets.base import Panel, PicturePart
    from klaster.widgets.city_size import CitySizeExplorer
    explorer = CitySizeExplorer()
    explorer._repr_mimebundle_()
    panel = next(w for w in explorer.widget.children if isinstance(w, Panel))
    assert isinstance(explorer.view.image, PicturePart) and explorer.view.image in panel.parts
    before = panel.value
    sent.clear()
    explorer.sigma.comm.handle_msg(page_message({"value": 0.08}))
    updated = [w for w, m in sent if m == "update" and w is not explorer.sigma]
    assert updated == [panel]
    assert panel.value != before
    picture = base64.b64encode(bytes(explorer.view.image.value)).decode("ascii")
    assert f'src="data:image/png;base64,{picture}"' in panel.value  # the new figure, not the old one
    assert panel.value.index(picture) < panel.value.index(explorer.caption.value)  # the picture above its texts
    assert explorer.result.value in panel.value


def test_an_empty_picture_shows_nothing():
    from klaster.widgets.base import Panel, PicturePart, TextPart
    picture, text = PicturePart(), TextPart("<b>x</b>")
    panel = Panel(picture, text)
    assert "<img" not in panel.value and "<b>x</b>" in panel.value
    picture.value = b"\x89PNG\r\n\x1a\nrest"
    assert panel.value.count("<img") == 1


# (module, class, control, page state, the controls it refills): one change, one Panel for the whole output
PANEL_WIDGETS = [
    ("cases", "CaseComparer", "lens", {"index": 2}, ()),
    ("cases", "CaseComparer", "cases", {"index": [0, 1, 4]}, ()),
    ("shift_share", "PortfolioExplorer", "mode", {"index": 1}, ("choice",)),
    ("shift_share", "PortfolioExplorer", "growth", {"index": 1}, ()),
    ("shift_share", "ShiftShareExplorer", "province", {"index": 3}, ()),
    ("anatomy", "ClusterMapBuilder", "case", {"index": 1}, ("actors",)),
    ("dartboard", "DartboardExplorer", "own_plants", {"value": True}, ("plants", "spread")),
    ("dartboard", "DartboardExplorer", "spread", {"value": 1.5}, ()),
    ("concentration", "LorenzExplorer", "year", {"index": 0}, ()),
    ("core_periphery", "CorePeripheryExplorer", "mu", {"value": 0.3}, ()),
    ("diamond", "DiamondScorecard", "score_factor", {"value": 2}, ()),
]


@pytest.mark.parametrize("module, name, control_name, state, refilled", PANEL_WIDGETS,
                         ids=[f"{w[1]}.{w[2]}" for w in PANEL_WIDGETS])
def test_one_change_updates_one_panel_with_the_new_picture(module, name, control_name, state, refilled, sent,
                                                           tmp_path, monkeypatch):
    import base64
    import importlib

    from klaster.widgets.base import Panel, PicturePart
    monkeypatch.chdir(tmp_path)
    lesson = getattr(importlib.import_module(f"klaster.widgets.{module}"), name)()
    lesson._repr_mimebundle_()
    panels = [w for w in widget_tree(lesson.widget) if isinstance(w, Panel)]
    assert not [w for w in widget_tree(lesson.widget) if isinstance(w, widgets.Image)]  # no picture of its own
    panel = next(p for p in panels if lesson.view.image in p.parts)
    assert isinstance(lesson.view.image, PicturePart)
    control = getattr(lesson, control_name)
    before, picture_before = panel.value, bytes(lesson.view.image.value)
    sent.clear()
    control.comm.handle_msg(page_message(state))
    others = {id(control), *(id(getattr(lesson, r)) for r in refilled)}
    updated = [w for w, m in sent if m == "update" and id(w) not in others]
    assert updated == [panel]
    assert panel.value != before and bytes(lesson.view.image.value) != picture_before
    picture = base64.b64encode(bytes(lesson.view.image.value)).decode("ascii")
    assert f'src="data:image/png;base64,{picture}"' in panel.value  # the new figure, not the old one
    for part in panel.parts:
        if not isinstance(part, PicturePart):
            assert part.value in panel.value

def _panels_a_cases():
    from klaster.widgets.io_linkages import IOLinkageExplorer
    from klaster.widgets.location_quotient import LQCalculator
    from klaster.widgets.real_pdrb import RealPdrbExplorer
    from klaster.widgets.start_here import ProvinceMapExplorer
    # (widget class, control, what the page sends, the views whose pictures the one updated Panel shows)
    return [
        (LQCalculator, "regional_industry", {"value": 2500.0}, ("view",)),
        (LQExplorer, "division", {"index": 3}, ("map_view", "ranking_view")),
        (LQExplorer, "province", {"index": 5}, ("profile_view",)),
        (RealPdrbExplorer, "kabkota", {"index": 2}, ("view",)),
        (RealPdrbExplorer, "reference", {"index": 1}, ("view",)),
        (IOLinkageExplorer, "forward", {"index": 1}, ("view",)),
        (ProvinceMapExplorer, "variable", {"index": 2}, ("view",)),
    ]


@pytest.mark.parametrize("cls, control, state, views", _panels_a_cases(),
                         ids=lambda case: getattr(case, "__name__", None) or (case if isinstance(case, str) else ""))
def test_a_widgets_figure_and_texts_reach_the_page_as_one_panel(cls, control, state, views, sent):
    """The figure(s) and texts one input changes are one Panel: one update message, with the new pictures."""
    import base64

    from klaster.widgets.base import Panel, PicturePart
    lesson = cls()
    lesson._repr_mimebundle_()
    assert not [w for w in widget_tree(lesson.widget) if isinstance(w, widgets.Image)]  # no picture on its own
    pictures = [getattr(lesson, name).image for name in views]
    assert all(isinstance(picture, PicturePart) for picture in pictures)
    panel = next(w for w in widget_tree(lesson.widget) if isinstance(w, Panel) and pictures[0] in w.parts)
    assert all(picture in panel.parts for picture in pictures)
    before = [bytes(picture.value) for picture in pictures]
    sent.clear()
    getattr(lesson, control).comm.handle_msg(page_message(state))
    updated = [w for w, m in sent if m == "update" and w is not getattr(lesson, control)]
    assert updated == [panel]
    for picture, old in zip(pictures, before):
        assert bytes(picture.value) != old  # a new figure ...
        shown = base64.b64encode(bytes(picture.value)).decode("ascii")
        assert f'src="data:image/png;base64,{shown}"' in panel.value  # ... and it is the one on the page
    texts = [part for part in panel.parts if not isinstance(part, PicturePart)]
    assert texts and all(part.value in panel.value for part in texts)
