"""Lesson 02, part 1: the actor table, its checks, the ring diagram, the cluster
map builder widget, and the anatomy exercises."""
from __future__ import annotations

import html

import numpy as np
import pandas as pd
import pytest

from klaster import KlasterTypeError, KlasterValueError, i18n
from klaster.anatomy import (RING, ROLES, SUBTYPES, AnatomyDiagram, actor_table, add_actor, classify_actor,
                             count_by_role, draw_anatomy, example_actor_names, example_actors, formation_components,
                             jepara_example, remove_actor, role_label, roles, subtype_label)
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


# --- in Indonesian ----------------------------------------------------------------

def test_worked_examples_follow_the_language_and_keep_their_codes():
    english, components = example_actors("jepara"), formation_components()
    with i18n.use_language("id"):
        indonesian, components_id, table = example_actors("jepara"), formation_components(), roles()
    assert indonesian[["role", "subtype"]].equals(english[["role", "subtype"]])
    assert "bengkel mebel (usaha kecil)" in indonesian["name"].tolist()
    assert not set(indonesian["name"]) & set(english["name"])
    assert indonesian["note"].str.contains("Roda dkk. 2007").any() and not indonesian["note"].str.contains(
        "et al.").any()
    assert components_id["anatomy_roles"].tolist() == components["anatomy_roles"].tolist()
    assert not set(components_id["component"]) & set(components["component"])
    assert table.set_index("role").loc["supplier", "subtypes"] == "inputs, machinery, services"  # codes to type
    assert table.set_index("role").loc["core", "subtypes"] != "(none)"
    assert example_actor_names("cibaduyut") == example_actors("cibaduyut")["name"].tolist()


def test_role_and_sub_type_labels_are_codes_in_english_and_names_in_indonesian():
    assert [role_label(r) for r in ROLES] == list(ROLES)
    assert subtype_label("finance") == "finance"
    with i18n.use_language("id"):
        shown = [role_label(r) for r in ROLES]
        assert role_label("supplier") == "pemasok" and subtype_label("finance") == "keuangan"
    assert len(set(shown)) == len(ROLES) and not set(shown) & set(ROLES)


def test_the_diagram_and_messages_speak_indonesian():
    with i18n.use_language("id"):
        diagram = draw_anatomy(example_actors("cibaduyut"))
        legend = [t.get_text() for t in diagram.legend.get_texts()]
        assert diagram.ax.get_title() == "Anatomi klaster"
        assert diagram.ax.get_xlabel().startswith("jarak dari pusat")
        with pytest.raises(KlasterValueError, match="tercantum dua kali"):
            actor_table([("Sawmills", "supplier"), ("sawmills ", "core")])
        with pytest.raises(KlasterValueError, match="berperan sebagai perusahaan inti, yang tidak memiliki subjenis"):
            actor_table([("a", "core", "big")])
    assert legend[0] == "perusahaan inti" and all("(" not in label for label in legend)
    assert "bengkel pembuatan sepatu" in diagram.drawn_names
    english = [t.get_text() for t in draw_anatomy(example_actors("cibaduyut")).legend.get_texts()]
    assert english[0] == "core firms (perusahaan inti)"


def test_exercise_02_1_reads_the_actors_named_in_either_language():
    english_table = example_actors("cibaduyut")
    english = dict(zip(english_table["name"], english_table["role"]))
    with i18n.use_language("id"):
        table = example_actors("cibaduyut")
        answer = dict(zip(table["name"], table["role"]))
        assert not set(answer) & set(english)
        result = evaluate("02.1", answer)
        assert result.correct
        bank = table.loc[table["subtype"] == "finance", "name"].iloc[0]
        wrong = evaluate("02.1", {**answer, bank: "supplier"})
        assert not wrong.correct and REGISTRY["02.1"].mistakes[0].render() in wrong.message
    assert evaluate("02.1", answer).correct and evaluate("02.1", english).correct
    assert not evaluate("02.1", {**answer, "someone else": "core"}).correct


def test_the_builder_in_indonesian_edits_the_translated_actors():
    with i18n.use_language("id"):
        builder = ClusterMapBuilder()
        builder.actors.value = "penggergajian kayu"
        assert builder.name.value == "penggergajian kayu" and builder.role.value == "supplier"
        assert dict(builder.subtype.options)["input"] == "inputs"
        builder.add_button.click()                     # the selected actor is already there
        assert "sudah ada dalam tabel" in builder.message.value
        builder.role.value = "related industry"
        builder.classify_button.click()
        assert "kini berperan sebagai industri terkait" in html.unescape(builder.message.value)
        assert "penggergajian kayu \u2014 industri terkait" in builder.actors._options_labels
        builder.case.value = "cibaduyut"
        assert builder.case.label == "Alas kaki Cibaduyut, Bandung (daftar ilustratif)"
        assert "bengkel pembuatan sepatu" in builder.diagram.drawn_names
    assert builder.table.set_index("name").loc["bengkel pembuatan sepatu", "role"] == "core"


@pytest.mark.parametrize("language", ["en", "id"])
@pytest.mark.parametrize("case", ["jepara", "cibaduyut"])
def test_the_builder_draws_every_label_whole(language, case):
    """Labels of the outer ring reach past the axes: they are never cut there, and stay inside the figure."""
    with i18n.use_language(language):
        builder = ClusterMapBuilder(case=case)
    figure = builder.view.figure
    builder.view.render(fresh=True)
    renderer = figure.canvas.get_renderer()
    outside_axes = 0
    for label in builder.diagram.labels:
        box = label.get_window_extent(renderer)
        assert not label.get_clip_on(), label.get_text()
        assert box.x0 >= 0 and box.x1 <= figure.bbox.width and box.y0 >= 0 and box.y1 <= figure.bbox.height
        outside_axes += box.x0 < builder.diagram.ax.bbox.x0 or box.x1 > builder.diagram.ax.bbox.x1
    assert outside_axes  # the case has labels past the axes, so the test can fail
