"""Lesson 02, part 1: the actor table, its checks, the ring diagram, the cluster
map builder widget, and the anatomy exercises."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from klaster import KlasterTypeError, KlasterValueError
from klaster.anatomy import (RING, ROLES, SUBTYPES, AnatomyDiagram, actor_table, add_actor, classify_actor,
                             count_by_role, draw_anatomy, example_actors, formation_components, jepara_example,
                             remove_actor, roles)
from klaster.checks import REGISTRY, evaluate
from klaster.definitions import labels_answer
from klaster.widgets.anatomy import OWN_CASE, ClusterMapBuilder

SMALL = [("batik workshops", "core"), ("cloth traders", "supplier", "inputs"),
         ("batik cooperative", "institution", "association"), ("tourists", "customer", "local")]


# --- the actor table --------------------------------------------------------------

def test_actor_table_accepts_tuples_dicts_and_frames_and_tidies_them():
    from_tuples = actor_table(SMALL)
    assert from_tuples.columns.tolist() == ["name", "role", "subtype", "note"]
    assert from_tuples["role"].tolist() == ["core", "supplier", "institution", "customer"]
    from_dicts = actor_table([{"name": "  batik   workshops ", "role": "CORE"}])
    assert from_dicts.loc[0, "name"] == "batik workshops" and from_dicts.loc[0, "role"] == "core"
    frame = pd.DataFrame({"name": ["a"], "role": ["Related-Industry"]})
    assert actor_table(frame).loc[0, "role"] == "related industry"
    assert frame.loc[0, "role"] == "Related-Industry"            # the input is not changed
    assert actor_table([]).empty


@pytest.mark.parametrize("actors, words", [
    ([("", "core")], "Actor number 1 has no name"),
    ([("a", "core"), ("  ", "supplier")], "Actor number 2 has no name"),
    ([("Sawmills", "supplier"), ("sawmills ", "core")], "'sawmills' is listed twice \\(numbers 1 and 2\\)"),
    ([("a", "factory")], "role 'factory', which is not one of core, supplier"),
    ([("a", "")], "has no role"),
    ([("a", "supplier", "money")], "supplier can only be of type inputs, machinery, services"),
    ([("a", "core", "big")], "core, which has no sub-types"),
    ([("a",)], "Each actor must be given as"),
])
def test_bad_actor_tables_get_a_clear_message(actors, words):
    with pytest.raises(KlasterValueError, match=words):
        actor_table(actors)


def test_actor_table_rejects_other_types_and_missing_columns():
    with pytest.raises(KlasterTypeError):
        actor_table("sawmills")
    with pytest.raises(KlasterValueError, match="needs the column"):
        actor_table(pd.DataFrame({"actor": ["a"], "role": ["core"]}))


def test_add_remove_and_classify_return_new_tables():
    table = actor_table(SMALL)
    bigger = add_actor(table, "dye sellers", "supplier", "inputs")
    assert len(bigger) == 5 and len(table) == 4
    smaller = remove_actor(bigger, "CLOTH traders")
    assert "cloth traders" not in smaller["name"].tolist() and len(bigger) == 5
    moved = classify_actor(table, "tourists", "customer", "domestic")
    assert moved.set_index("name").loc["tourists", "subtype"] == "domestic"
    assert table.set_index("name").loc["tourists", "subtype"] == "local"


def test_add_remove_and_classify_explain_mistakes():
    table = actor_table(SMALL)
    with pytest.raises(KlasterValueError, match="already in the table"):
        add_actor(table, "Batik Workshops", "core")
    with pytest.raises(KlasterValueError, match="has no name"):
        add_actor(table, "   ", "core")
    with pytest.raises(KlasterValueError, match="no actor called 'banks'"):
        remove_actor(table, "banks")
    with pytest.raises(KlasterValueError, match="not one of"):
        classify_actor(table, "tourists", "visitor")


def test_count_by_role_covers_every_role_in_ring_order():
    counts = count_by_role(actor_table(SMALL))
    assert counts.index.tolist() == list(ROLES)
    assert counts.to_dict() == {"core": 1, "supplier": 1, "related industry": 0, "institution": 1, "customer": 1}


def test_roles_table_lists_rings_and_subtypes():
    table = roles()
    assert table["ring"].tolist() == [0, 1, 2, 3, 4]
    assert table.set_index("role").loc["institution", "subtypes"] == \
        "government, university, training, finance, association"


# --- worked examples --------------------------------------------------------------

def test_jepara_example_has_every_role_and_a_source_or_generic_note():
    table = jepara_example()
    assert (count_by_role(table) > 0).all()
    assert table["note"].str.len().gt(0).all()
    sourced = table[~table["note"].str.startswith("generic")]
    assert sourced["note"].str.contains(r"\(|Pemerintah|Jepara", regex=True).all()
    assert set(table.loc[table["role"] == "institution", "subtype"]) == set(SUBTYPES["institution"])


def test_example_actors_and_components():
    assert len(example_actors("cibaduyut")) == 7
    with pytest.raises(KlasterValueError, match="no worked example"):
        example_actors("kudus")
    components = formation_components()
    assert len(components) == 4
    for cell in components["anatomy_roles"]:
        assert all(part.strip() in ROLES for part in cell.split(",") if part.strip())
    assert (components["anatomy_roles"] == "").sum() == 1


# --- the diagram ------------------------------------------------------------------

def test_diagram_places_each_actor_on_its_ring():
    diagram = draw_anatomy(jepara_example(), title="Jepara")
    table = jepara_example()
    assert sorted(diagram.drawn_names) == sorted(table["name"])
    assert len(diagram.labels) == len(table)
    radius = np.hypot(diagram.positions["x"], diagram.positions["y"])
    ring = diagram.positions["ring"]
    width = AnatomyDiagram.RING_WIDTH
    assert ((radius >= ring * width) & (radius < (ring + 1) * width)).all()
    for role in ROLES:
        assert (diagram.positions.loc[diagram.positions["role"] == role, "ring"] == RING[role]).all()
        offsets = diagram.markers[role].get_offsets()
        assert len(offsets) == (table["role"] == role).sum()
    assert diagram.ax.get_title() == "Jepara"
    assert diagram.ax.get_xlabel().startswith("distance from the centre")


def test_diagram_update_replaces_the_actors():
    diagram = draw_anatomy(jepara_example())
    diagram.update(actor_table(SMALL), title="Batik")
    assert sorted(diagram.drawn_names) == sorted(n for n, *_ in SMALL)
    assert len(diagram.labels) == 4 and len(diagram.ax.texts) == 4
    assert len(diagram.markers["related industry"].get_offsets()) == 0


def test_a_single_core_actor_sits_in_the_centre():
    diagram = draw_anatomy(actor_table([("shoemakers", "core")]))
    assert diagram.positions.loc[0, ["x", "y"]].tolist() == [0.0, 0.0]


# --- the widget -------------------------------------------------------------------

@pytest.fixture
def builder():
    return ClusterMapBuilder()


def test_builder_starts_from_the_jepara_example(builder):
    assert builder.case.value == "jepara"
    pd.testing.assert_frame_equal(builder.table, jepara_example())
    assert sorted(builder.diagram.drawn_names) == sorted(jepara_example()["name"])
    assert builder.view.image.value[:4] == b"\x89PNG"
    assert "15 actors" in builder.caption.value


def test_adding_an_actor_redraws_the_diagram(builder):
    before = builder.view.image.value
    builder.name.value = "teak plantation"
    builder.role.value = "supplier"
    builder.subtype.value = "inputs"
    builder.add_button.click()
    assert "teak plantation" in builder.table["name"].tolist()
    assert "teak plantation" in builder.diagram.drawn_names
    assert builder.diagram.positions.set_index("name").loc["teak plantation", "ring"] == 1
    assert builder.view.image.value != before
    assert "supplier 6" in builder.counts.value and builder.name.value == ""


def test_removing_and_reclassifying_the_selected_actor(builder):
    builder.actors.value = "sawmills"
    assert builder.name.value == "sawmills" and builder.role.value == "supplier"
    assert builder.subtype.value == "inputs"
    builder.role.value = "related industry"
    builder.classify_button.click()
    assert builder.table.set_index("name").loc["sawmills", "role"] == "related industry"
    assert builder.diagram.positions.set_index("name").loc["sawmills", "ring"] == 2
    builder.actors.value = "sawmills"
    builder.remove_button.click()
    assert "sawmills" not in builder.diagram.drawn_names and len(builder.table) == 14


def test_switching_cases_redraws_only_the_actors(builder):
    """Cases and new actors change animated markers and labels only: rings and legend stay cached."""
    for case in ("cibaduyut", OWN_CASE, "jepara"):
        builder.case.value = case
    for i in range(45):  # more actors than the labels made in advance
        builder.name.value = f"workshop {i}"
        builder.role.value = "core"
        builder.add_button.click()
    assert len(builder.diagram.labels) == 60
    assert [t.get_text() for t in builder.diagram.labels if not t.get_visible()] == []
    assert builder.view.full_draws <= 2
    assert np.array_equal(builder.view.render(), builder.view.render(fresh=True))


def test_bad_input_shows_a_problem_and_loses_nothing(builder):
    before = builder.table.copy()
    builder.name.value = "   "
    builder.add_button.click()
    assert "Problem" in builder.message.value and "no name" in builder.message.value
    builder.name.value = "Sawmills"
    builder.add_button.click()
    assert "already in the table" in builder.message.value
    assert builder.name.value == "Sawmills"                # what the student typed is kept
    builder.remove_button.click()                          # nothing selected
    assert "Select an actor" in builder.message.value
    pd.testing.assert_frame_equal(builder.table, before)


def test_switching_cases_keeps_each_case_s_edits(builder):
    builder.name.value = "my new actor"
    builder.role.value = "customer"
    builder.add_button.click()
    builder.case.value = OWN_CASE
    assert builder.table.empty and builder.diagram.drawn_names == []
    builder.case.value = "cibaduyut"
    assert len(builder.diagram.drawn_names) == 7
    builder.case.value = "jepara"
    assert "my new actor" in builder.diagram.drawn_names
    builder.reset_button.click()
    pd.testing.assert_frame_equal(builder.table, jepara_example())


# --- the lesson's checks ----------------------------------------------------------

LESSON02 = sorted(k for k in REGISTRY if k.startswith("02."))


def test_lesson02_has_at_least_five_checked_exercises():
    assert len(LESSON02) >= 5


@pytest.mark.parametrize("exercise_id", LESSON02)
def test_every_typical_mistake_differs_from_the_answer_and_gets_its_hint(exercise_id):
    exercise = REGISTRY[exercise_id]
    expected = exercise.expected()
    assert evaluate(exercise_id, expected).correct
    for mistake in exercise.mistakes:
        wrong = mistake.compute()
        assert wrong != expected
        result = evaluate(exercise_id, wrong)
        assert not result.correct and mistake.render(exercise.args) in result.message


def test_anatomy_answers_as_a_student_would_give_them():
    roles_given = {"shoemaking workshops": "Core", "leather and sole sellers": "supplier",
                   "sewing-machine repair services": "supplier", "bag and leather-goods makers": "related industry",
                   "a bank lending to small firms": "institution", "a training centre for shoemakers": "institution",
                   "shoe buyers from other cities": "customer"}
    assert evaluate("02.1", labels_answer(roles_given)).correct
    result = evaluate("02.1", labels_answer({**roles_given, "a bank lending to small firms": "supplier"}))
    assert not result.correct and "institution (finance)" in result.message
    assert evaluate("02.2", "c").correct
