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
    images = [w for w in updated if isinstance(w, widgets.Image)]
    assert {id(w) for w in images} == {id(v.image) for v in (explorer.map_view, explorer.ranking_view,
                                                              explorer.profile_view)}
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
