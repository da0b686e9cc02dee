"""Lesson 02, part 2: Porter's diamond scores, the radar chart, saving and
loading scores (always in tmp_path), and the diamond scorecard widget."""
from __future__ import annotations

import json

import matplotlib.text
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from klaster import KlasterTypeError, KlasterValueError, i18n
from klaster.checks import evaluate
from klaster.definitions import labels_answer
from klaster.diamond import (DETERMINANTS, RadarChart, determinants, fact_examples, load_scores, radar_chart,
                             save_scores, validate_scores, worked_case, worked_scores)
from klaster.widgets.diamond import DEFAULT_FILE, DiamondScorecard

GOOD = {"factor": 4, "demand": 2, "related": 5, "rivalry": 1, "chance": 3, "government": 3}


# --- scores -------------------------------------------------------------------------

def test_validate_scores_returns_integers_in_a_fixed_order():
    shuffled = dict(reversed(list(GOOD.items())))
    clean = validate_scores(shuffled)
    assert clean.index.tolist() == list(DETERMINANTS)
    assert clean.tolist() == [4, 2, 5, 1, 3, 3] and clean.dtype == "int64"
    assert validate_scores(pd.Series({**GOOD, "factor": 4.0})).tolist() == clean.tolist()
    assert validate_scores({**GOOD, "demand": np.int64(2)})["demand"] == 2


@pytest.mark.parametrize("change, words", [
    ({"factor": 0}, "factor is 0, outside 1-5"),
    ({"chance": 6}, "chance is 6, outside 1-5"),
    ({"demand": 4.5}, "demand is 4.5; use a whole number"),
    ({"related": "4"}, "related is '4'; it must be a whole number"),
    ({"rivalry": True}, "rivalry is True"),
    ({"government": float("nan")}, "government is nan"),
    ({"luck": 3}, "'luck' is not a determinant"),
])
def test_bad_scores_get_a_message_naming_the_determinant(change, words):
    with pytest.raises(KlasterValueError, match=words):
        validate_scores({**GOOD, **change})


def test_missing_scores_and_wrong_types_are_explained():
    with pytest.raises(KlasterValueError, match="score for government is missing"):
        validate_scores({k: v for k, v in GOOD.items() if k != "government"})
    with pytest.raises(KlasterTypeError, match="as a dict"):
        validate_scores([4, 2, 5, 1, 3, 3])


def test_worked_scores_have_a_valid_score_and_a_reason_for_each_determinant():
    table = worked_scores()
    assert set(table["case"]) == {"jepara", "cibaduyut"}
    for case, rows in table.groupby("case"):
        assert rows["determinant"].tolist() == list(DETERMINANTS)
        validate_scores(rows.set_index("determinant")["score"])
        assert rows["reasoning"].str.len().gt(40).all()
    assert worked_case("jepara").sum() > worked_case("cibaduyut").sum()
    with pytest.raises(KlasterValueError, match="no worked case"):
        worked_case("kudus")


def test_determinant_tables():
    table = determinants()
    assert table["key"].tolist() == list(DETERMINANTS)
    assert table["jepara_example"].str.contains(r"\b(?:19|20)\d\d\b", regex=True).all()   # each names a year
    assert set(fact_examples()["determinant"]) == set(DETERMINANTS)


# --- radar chart ----------------------------------------------------------------------

def test_radar_chart_draws_the_scores_closed_around_the_circle():
    chart = radar_chart({"Jepara": worked_case("jepara"), "Mine": GOOD}, title="Two clusters")
    assert chart.values(0).tolist() == worked_case("jepara").astype(float).tolist()
    assert chart.values(1).tolist() == [4, 2, 5, 1, 3, 3]
    x, y = chart.lines[1].get_data()
    assert len(x) == 7 and y[0] == y[-1] and x[0] == x[-1]
    assert np.allclose(chart.fills[1].get_xy()[:7, 1], y)
    assert chart.ax.get_title() == "Two clusters"
    assert chart.ax.get_ylabel().startswith("score")
    assert [t.get_text() for t in chart.legend.get_texts()] == ["Jepara", "Mine"]


def test_radar_chart_updates_in_place_and_hides_a_series():
    chart = RadarChart()
    line = chart.lines[0]
    chart.set_series(0, GOOD, "A")
    chart.set_series(0, {**GOOD, "factor": 1}, "A")
    assert chart.lines[0] is line and chart.values(0)["factor"] == 1
    chart.hide(0)
    assert not chart.lines[0].get_visible() and chart.legend is None


def test_radar_chart_needs_a_polar_axes_and_valid_scores():
    with pytest.raises(KlasterValueError, match="polar Axes"):
        RadarChart(ax=Figure().add_subplot())
    with pytest.raises(KlasterValueError, match="outside 1-5"):
        radar_chart({"bad": {**GOOD, "demand": 9}})


# --- save and load ---------------------------------------------------------------------

def test_each_save_appends_and_keeps_earlier_entries(tmp_path):
    path = tmp_path / "scores.json"
    first = save_scores(path, "Jepara", worked_case("jepara"), note="course")
    save_scores(path, "Mine", GOOD)
    save_scores(path, "Jepara", {**GOOD, "factor": 5})           # same name: a new entry, not a replacement
    table = load_scores(path)
    assert table["name"].tolist() == ["Jepara", "Mine", "Jepara"]
    assert table.loc[0, list(DETERMINANTS)].tolist() == worked_case("jepara").tolist()
    assert table.loc[2, "factor"] == 5 and table.loc[0, "note"] == "course"
    assert table.loc[0, "saved"] == first["saved"] and len(first["saved"]) == 19
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert stored["kind"] == "klaster diamond scores" and len(stored["entries"]) == 3
    assert not list(tmp_path.glob(".diamond-*"))                   # no temporary file left behind


@pytest.mark.parametrize("content, words", [
    ("{not json", "is damaged"),
    ('{"hello": "world"}', "not a Klaster diamond-scores file"),
    ("[1, 2, 3]", "not a Klaster diamond-scores file"),
    ("", "is empty"),
    ('{"kind": "klaster diamond scores", "version": 1, "entries": [{"name": "x", "scores": {"factor": 9}}]}',
     "Entry 1 \\('x'\\)"),
])
def test_a_damaged_or_foreign_file_is_never_changed(tmp_path, content, words):
    path = tmp_path / "scores.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KlasterValueError, match=words):
        save_scores(path, "Mine", GOOD)
    with pytest.raises(KlasterValueError, match=words):
        load_scores(path)
    assert path.read_text(encoding="utf-8") == content


def test_saving_needs_a_name_valid_scores_a_json_name_and_an_existing_folder(tmp_path):
    with pytest.raises(KlasterValueError, match="Give the scores a name"):
        save_scores(tmp_path / "s.json", "  ", GOOD)
    with pytest.raises(KlasterValueError, match="outside 1-5"):
        save_scores(tmp_path / "s.json", "x", {**GOOD, "chance": 0})
    with pytest.raises(KlasterValueError, match="ending in .json"):
        save_scores(tmp_path / "s.txt", "x", GOOD)
    with pytest.raises(KlasterValueError, match="does not exist"):
        save_scores(tmp_path / "missing" / "s.json", "x", GOOD)
    folder = tmp_path / "folder.json"
    folder.mkdir()
    with pytest.raises(KlasterValueError, match="is a folder"):
        save_scores(folder, "x", GOOD)
    assert not (tmp_path / "s.json").exists()
    with pytest.raises(KlasterValueError, match="no file"):
        load_scores(tmp_path / "s.json")


# --- the widget ------------------------------------------------------------------------

@pytest.fixture
def card(tmp_path):
    widget = DiamondScorecard()
    assert widget.path.value == DEFAULT_FILE          # default: a file in the student's work folder
    widget.path.value = str(tmp_path / "card.json")   # tests only ever write in tmp_path
    return widget


def test_scorecard_starts_with_jepara_against_cibaduyut(card):
    assert card.scores() == worked_case("jepara").to_dict()
    assert card.chart.values(1).tolist() == worked_case("cibaduyut").astype(float).tolist()
    assert "Why the course scores Cibaduyut footwear" in card.reasoning.value
    assert "course's judgement" in card.reasoning.value
    assert card.view.image.value[:4] == b"\x89PNG"


def test_moving_a_slider_moves_the_radar(card):
    before = card.view.image.value
    card.sliders["factor"].value = 1
    assert card.chart.values(0)["factor"] == 1
    card.score_government.value = 5
    assert card.chart.values(0)["government"] == 5 and card.scores()["government"] == 5
    assert card.view.image.value != before


def test_the_radar_redraws_only_its_series_legend_and_title(card):
    """Scores, names and comparisons change animated artists only: rings and labels stay cached."""
    card.sliders["factor"].value = 2
    card.cluster_name.value = "Kudus kretek"
    card.compare.value = "nothing"
    assert [t.get_text() for t in card.chart.legend.get_texts()] == ["Kudus kretek"]
    card.compare.value = "worked:jepara"
    assert [t.get_text() for t in card.chart.legend.get_texts()] == [
        "Kudus kretek", "Jepara furniture (course's judgement)"]
    assert card.chart.ax.get_title() == "Porter's diamond: Kudus kretek and Jepara furniture"
    assert card.view.full_draws == 1 and card.view.tick_draws == 1
    assert np.array_equal(card.view.render(), card.view.render(fresh=True))


def test_choosing_what_to_compare(card):
    card.compare.value = "worked:jepara"
    assert card.chart.values(1).tolist() == worked_case("jepara").astype(float).tolist()
    assert "Jepara furniture" in card.reasoning.value
    card.compare.value = "nothing"
    assert not card.chart.lines[1].get_visible() and card.reasoning.value == ""
    card.copy_button.click()
    assert "Choose a cluster" in card.message.value
    card.compare.value = "worked:cibaduyut"
    card.copy_button.click()
    assert card.scores() == worked_case("cibaduyut").to_dict()
    assert card.cluster_name.value == "Cibaduyut footwear"


def test_saving_twice_keeps_both_and_loading_offers_them(card, tmp_path):
    card.cluster_name.value = "Kudus kretek"
    card.sliders["demand"].value = 5
    card.save_button.click()
    card.sliders["demand"].value = 4
    card.save_button.click()
    assert "2 saved entries" in card.message.value
    saved = load_scores(tmp_path / "card.json")
    assert saved["name"].tolist() == ["Kudus kretek", "Kudus kretek"]
    assert saved["demand"].tolist() == [5, 4]
    fresh = DiamondScorecard()
    fresh.path.value = str(tmp_path / "card.json")
    fresh.load_button.click()
    assert fresh.compare.value == "saved:1"
    assert fresh.chart.values(1)["demand"] == 4
    fresh.copy_button.click()
    assert fresh.cluster_name.value == "Kudus kretek" and fresh.scores()["demand"] == 4


def test_a_damaged_file_gives_a_problem_and_changes_nothing(card, tmp_path):
    path = tmp_path / "card.json"
    path.write_text("{broken", encoding="utf-8")
    scores, name = card.scores(), card.cluster_name.value
    card.save_button.click()
    assert "Problem" in card.message.value and "damaged" in card.message.value
    card.load_button.click()
    assert "damaged" in card.message.value
    assert path.read_text(encoding="utf-8") == "{broken"
    assert card.scores() == scores and card.cluster_name.value == name


def test_empty_name_or_file_name_gives_a_problem(card, tmp_path):
    card.cluster_name.value = "  "
    card.save_button.click()
    assert "Give the scores a name" in card.message.value
    card.path.value = ""
    card.load_button.click()
    assert "Type a file name" in card.message.value
    card.path.value = str(tmp_path / "nothing_yet.json")
    card.load_button.click()
    assert "no file" in card.message.value


# --- the diamond exercises -------------------------------------------------------------

def test_diamond_answers_as_a_student_would_give_them():
    facts = fact_examples().set_index("fact_id")["determinant"].to_dict()
    assert evaluate("02.3", labels_answer(dict(reversed(list(facts.items()))))).correct
    gap = (worked_case("jepara") - worked_case("cibaduyut")).abs()
    assert evaluate("02.4", gap.idxmax()).correct
    assert evaluate("02.6", labels_answer(["e", "C", "b"])).correct
    assert not evaluate("02.6", labels_answer(["b", "c"])).correct
    # Jawa Tengah 2013: 1,196,625 + 1,287,590; Jawa Barat 2013: 768,672 + 909,687 (BPS)
    assert evaluate("02.5", (1196625 + 1287590) / (768672 + 909687)).correct


# --- in Indonesian, and the layout -------------------------------------------------------

def test_determinants_and_worked_cases_follow_the_language_and_keep_their_keys():
    english, worked, facts = determinants(), worked_scores(), fact_examples()
    with i18n.use_language("id"):
        table, worked_id, facts_id = determinants(), worked_scores(), fact_examples()
    assert table["key"].tolist() == english["key"].tolist()
    assert table["name"].str.casefold().tolist() == english["name_id"].str.casefold().tolist()  # the module's terms
    assert not set(table["question"]) & set(english["question"])
    assert worked_id[["case", "determinant", "score"]].equals(worked[["case", "determinant", "score"]])
    assert not set(worked_id["reasoning"]) & set(worked["reasoning"])
    assert worked_id["reasoning"].str.contains("170.000").any()            # numbers in Indonesian style
    assert facts_id["determinant"].tolist() == facts["determinant"].tolist()
    assert not set(facts_id["fact"]) & set(facts["fact"])


def test_radar_chart_and_messages_in_indonesian():
    with i18n.use_language("id"):
        chart = RadarChart()
        with pytest.raises(KlasterValueError, match="Skor untuk factor adalah 0") as problem:
            validate_scores({**GOOD, "factor": 0})
    names = [t.get_text().replace("\n", " ") for t in chart.ax.get_xticklabels()]
    assert names[0] == "Kondisi faktor" and names[-1] == "Pemerintah"
    assert chart.ax.get_ylabel().startswith("skor (1 = lemah")
    assert chart.ax.get_title().startswith("Berlian Porter")
    assert "di luar rentang 1–5" in str(problem.value)


def test_scores_saved_in_indonesian_are_the_same_file_format(tmp_path):
    with i18n.use_language("id"):
        save_scores(tmp_path / "id.json", "Mebel Jepara", worked_case("jepara"))
        (tmp_path / "other.json").write_text('{"kind": "something else"}', encoding="utf-8")
        with pytest.raises(KlasterValueError, match="bukan berkas skor berlian Klaster"):
            save_scores(tmp_path / "other.json", "x", GOOD)
    save_scores(tmp_path / "en.json", "Jepara furniture", worked_case("jepara"))
    saved_id, saved_en = (json.loads((tmp_path / f"{c}.json").read_text(encoding="utf-8")) for c in ("id", "en"))
    assert saved_id["kind"] == saved_en["kind"] and saved_id["version"] == saved_en["version"]
    assert saved_id["entries"][0].keys() == saved_en["entries"][0].keys()
    assert saved_id["entries"][0]["scores"] == saved_en["entries"][0]["scores"]
    assert load_scores(tmp_path / "id.json")["name"].tolist() == ["Mebel Jepara"]   # read back in English


def _texts_outside(view) -> list[str]:
    """Visible texts of a FigureView's figure (titles, tick labels, legends) that reach past its edge."""
    figure = view.figure
    view.render(fresh=True)
    renderer = figure.canvas.get_renderer()
    found = []
    for text in figure.findobj(matplotlib.text.Text):
        if text.get_visible() and text.get_text().strip():
            box = text.get_window_extent(renderer)
            if box.x0 < -1 or box.y0 < -1 or box.x1 > figure.bbox.width + 1 or box.y1 > figure.bbox.height + 1:
                found.append(text.get_text())
    return found


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_scorecard_shows_every_text_whole(language, tmp_path):
    with i18n.use_language(language):
        card = DiamondScorecard(path=str(tmp_path / "s.json"))
        for choice in ("worked:cibaduyut", "nothing", "worked:jepara"):
            card.compare.value = choice
            assert _texts_outside(card.view) == [], choice
        width = float(card.sliders["factor"].style.description_width.removesuffix("px"))
        assert all(7.5 * len(slider.description) <= width for slider in card.sliders.values())
        assert float(card.sliders["factor"].layout.width.removesuffix("px")) <= 820
