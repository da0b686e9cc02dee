"""Lesson 09: the case tables match the course's notes, the loaders' dtypes, the
helpers that refuse to mix figures, the course's judgement tables, the
checks, and the case comparer and case map driven through their controls."""
from __future__ import annotations

import html
import re

import numpy as np
import pandas as pd
import pytest

from klaster import cases, data
from klaster.checks import REGISTRY, evaluate
from klaster.errors import KlasterValueError
from klaster.widgets.cases import CaseComparer, case_map, draw_lens, table_html

from conftest import ROOT

NOTES = ROOT.parent / "shared" / "reference" / "content-notes.md"


def _numbers_in(text: str) -> set[float]:
    """Every number written in a text, with thousands separators removed ('1,089,367' -> 1089367.0)."""
    return {float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}


# ---------------------------------------------------------------------------
# The data files
# ---------------------------------------------------------------------------

def test_every_number_in_the_case_tables_is_in_the_course_notes():
    if not NOTES.exists():
        pytest.skip(f"the course's notes are not at {NOTES} (they live outside the repository), "
                    "so the figures cannot be compared with them here")
    notes = _numbers_in(NOTES.read_text(encoding="utf-8").split("## Indonesian clusters", 1)[1])
    figures, national = cases.load_cluster_figures(), cases.load_national_picture()
    written = [*figures["value"], *figures["value_high"], *figures["year"], *national["value"], *national["year"]]
    written += [float(n) for text in [*figures["period"], *national["period"]] for n in _numbers_in(text)]
    missing = sorted({float(v) for v in written if pd.notna(v)} - notes - set(CORRECTED_BY_FACT_CHECK))
    assert not missing, f"numbers in the case tables that are not in the course's notes: {missing}"


#: Numbers that the fact-check of the course (issue 18) corrected after the notes were written.
CORRECTED_BY_FACT_CHECK = {2016.0: "Kemenperin's 7,437 sentra IKM are its count for 2016, announced in December 2016"}


def test_loaders_return_tidy_tables_with_the_right_dtypes():
    figures = cases.load_cluster_figures()
    assert len(figures) == 41 and figures["figure_id"].is_unique
    assert figures["value"].dtype == "float64" and figures["value_high"].dtype == "float64"
    assert str(figures["year"].dtype) == "Int64"
    for col in ("case", "bps_code", "period", "status", "source", "note"):
        assert pd.api.types.is_string_dtype(figures[col]), col
        assert figures[col].map(type).eq(str).all(), col  # no NaN hiding in a text column
    assert set(figures["case"]) == set(cases.CASE_ORDER)
    national = cases.load_national_picture()
    assert len(national) == 15 and national["figure_id"].is_unique
    assert national["value"].dtype == "float64" and str(national["year"].dtype) == "Int64"
    # the loaders hand out copies: changing one does not change the next
    figures.loc[0, "value"] = -1
    assert cases.load_cluster_figures().loc[0, "value"] == 15271


def test_every_figure_has_a_source_a_period_and_a_known_status():
    figures = cases.load_cluster_figures()
    assert figures["source"].str.len().gt(0).all() and figures["period"].str.len().gt(0).all()
    assert set(figures["status"]) <= set(cases.STATUSES)
    assert set(figures["qualifier"]) <= set(cases.QUALIFIERS)
    dated = figures[figures["year"].notna()]
    assert (dated["period"].str[:4] == dated["year"].astype(str)).all()
    ranges = figures[figures["qualifier"] == "range"]
    assert (ranges["value_high"] > ranges["value"]).all()
    assert figures.loc[figures["qualifier"] != "range", "value_high"].isna().all()
    # conflicting figures are recorded without a number; every other row has one
    conflicting = figures["status"] == cases.CONFLICTING
    assert figures.loc[conflicting, "value"].isna().all() and figures.loc[~conflicting, "value"].notna().all()
    assert figures.loc[conflicting, "case"].tolist() == ["kudus"]
    assert set(figures.loc[figures["status"] == cases.APPROXIMATE, "case"]) == {"ceper"}
    provinces = data.load_provinces().set_index("bps_code")["name"]
    assert (figures["bps_code"].map(provinces) == figures["province"]).all()


def test_published_totals_add_up_as_the_notes_say():
    national = cases.load_national_picture().set_index("figure_id")["value"]
    assert national["kemenperin-2017-workers-java"] + national["kemenperin-2017-workers-outside-java"] == \
        national["kemenperin-2017-workers"]
    assert national.filter(like="kemenperin-2017-share").sum() == 100
    batik = cases.case_figures("pekalongan").set_index("figure_id")["value"]
    assert batik["pekalongan-2021-large-medium-id"] + batik["pekalongan-2018-msme-id"] == \
        batik["pekalongan-mixed-total-id"]
    assert batik["pekalongan-2018-msme-jt"] < batik["pekalongan-2018-msme-id"]


# ---------------------------------------------------------------------------
# Cases and figures
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["jepara", "Jepara furniture", "JEPARA", "  jepara  "])
def test_cases_are_found_by_key_name_or_place(name):
    assert cases.resolve_case(name) == "jepara"


def test_unknown_case_names_are_explained():
    with pytest.raises(KlasterValueError, match="Did you mean 'cibaduyut'"):
        cases.resolve_case("cibaduyt")
    with pytest.raises(KlasterValueError, match="The cases are: jepara, kudus"):
        cases.case_figures("Surabaya")
    with pytest.raises(TypeError, match="named by text"):
        cases.resolve_case(7)
    with pytest.raises(KlasterValueError, match="no figure 'jepara-2008-workers'.*Did you mean"):
        cases.figure("jepara-2008-workers")


def test_case_table_has_one_row_per_case_in_the_course_order():
    table = cases.case_table()
    assert table["case"].tolist() == list(cases.CASE_ORDER)
    assert table["figures"].sum() == len(cases.load_cluster_figures())
    assert table.set_index("case").loc["kasongan", "province"] == "DI Yogyakarta"


def test_figures_are_written_with_their_qualifier_and_unit():
    assert cases.format_figure(cases.figure("jepara-2007-workers")) == "about 170,000 workers"
    assert cases.format_figure(cases.figure("cibaduyut-2009-output")) == "3 to 4 million pairs a year"
    assert cases.format_figure(cases.figure("kudus-undated-output")) == "over 35.8 billion sticks a year"
    # bounds as the sources word them: "at least 986" (The Jakarta Post 1997), "up to 600" (a 2006 report)
    assert cases.format_figure(cases.figure("cibaduyut-1997-owners")) == "at least 986 business owners"
    assert cases.format_figure(cases.figure("kasongan-2006-businesses")) == "up to 600 businesspeople"
    assert "do not quote" in cases.format_figure(cases.figure("kudus-workers"))
    assert "Tempo" in cases.describe_figure("cibaduyut-2009-workers")


# ---------------------------------------------------------------------------
# Ratios that refuse to mix figures
# ---------------------------------------------------------------------------

def test_workers_per_firm_hand_cases():
    assert cases.workers_per_firm("jepara") == pytest.approx(170000 / 15271)
    assert cases.workers_per_firm("cibaduyut", period=1997) == pytest.approx(6300 / 986)
    assert cases.workers_per_firm("tegal", part="Talang") == pytest.approx(1436 / 368)
    assert cases.workers_per_firm("tegal", period="2020") == pytest.approx(1204 / 277)
    assert cases.workers_per_firm("tasikmalaya", part="embroidery") == pytest.approx(11674 / 1199)


@pytest.mark.parametrize("args, message", [
    (("cibaduyut", "2009"), "no count of firms and count of workers that are both for '2009'"),
    # Posthuma (2003) credits the firms to Sandee et al. (n.d.) and the workers to Schiller & Martin-Schiller (1997)
    (("jepara", "late 1990s"), "different years or sources"),
    (("kasongan",), "no count of workers.*jobs lost"),
    (("kudus",), "conflicting"),
    (("ceper",), "secondary sources that disagree"),
    (("pekalongan",), "no count of workers"),
    (("tegal",), "more than one usable pair.*choose one"),
    (("tegal", None, "Slawi"), "no part 'Slawi'"),
])
def test_workers_per_firm_refuses_with_a_reason(args, message):
    with pytest.raises(KlasterValueError, match=message):
        cases.workers_per_firm(*args)


def test_workers_per_firm_table_lists_refused_pairs_with_reasons():
    table = cases.workers_per_firm_table(["cibaduyut"])
    assert len(table) == 2
    good, bad = table.iloc[0], table.iloc[1]
    assert good["workers_per_firm"] == pytest.approx(6300 / 986) and good["problem"] == ""
    assert np.isnan(bad["workers_per_firm"]) and "different sources or years" in bad["problem"]
    short = cases.workers_per_firm_table(include_refused=False)
    assert short["workers_per_firm"].notna().sum() == 8
    no_value = short[short["workers_per_firm"].isna()]
    assert set(no_value["case"]) == {"kudus", "pekalongan", "kasongan", "ceper"}
    assert no_value["problem"].str.len().gt(0).all()
    assert short.loc[short["case"] == "tegal", "status"].eq(cases.SECOND_HAND).all()


def test_figure_ratio_and_share_refuse_mixed_sources_ranges_and_mixed_years():
    assert cases.figure_ratio("jepara-1990s-firms", "jepara-1990s-villages") == pytest.approx(37.5)
    assert cases.figure_share("kemenperin-2017-workers-java", "kemenperin-2017-workers") == \
        pytest.approx(675007 / 1089367)
    with pytest.raises(KlasterValueError, match="different sources or years"):
        cases.figure_ratio("kemenperin-2017-workers", "bps-2020-units")
    with pytest.raises(KlasterValueError, match="is a range"):
        cases.figure_ratio("cibaduyut-2009-output", "cibaduyut-2009-workers")
    with pytest.raises(KlasterValueError, match="different years"):
        cases.figure_share("pekalongan-2018-msme-jt", "pekalongan-mixed-total-id")
    with pytest.raises(KlasterValueError, match="cover different things"):
        cases.figure_ratio("tasikmalaya-kelom-workers", "tasikmalaya-embroidery-units")
    with pytest.raises(KlasterValueError, match="count different things"):
        cases.figure_share("kemenperin-2017-share-food", "kemenperin-2017-sentra")
    with pytest.raises(KlasterValueError, match="larger than"):
        cases.figure_share("kemenperin-2017-workers", "kemenperin-2017-workers-java")


# ---------------------------------------------------------------------------
# Trajectories, national picture, quotes
# ---------------------------------------------------------------------------

def test_trajectories_show_decline_growth_and_the_shock_with_caveats():
    moves = cases.trajectory().set_index(["case", "measure"])
    output = moves.loc[("cibaduyut", "output")]
    assert output["change_low"] == pytest.approx(3 / 5.5) and output["change_high"] == pytest.approx(4 / 5.5)
    assert output["direction"] == "decline" and not output["same_source"]
    assert "different sources" in output["caveats"]
    workers = moves.loc[("jepara", "workers")]
    assert workers["change_low"] == pytest.approx(170000 / 44000) and workers["direction"] == "growth"
    assert "counts different things" in moves.loc[("jepara", "firms"), "caveats"]
    exports = moves.loc[("kasongan", "exports")]
    assert exports["change_low"] == pytest.approx(276 / 151) and exports["same_source"]
    assert moves.loc[("kasongan", "jobs lost (event)"), "direction"] == "shock"
    # Talang 2019 and Adiwerna 2020 are different places, not a trajectory; undated figures never are
    for key in ("tegal", "tasikmalaya", "kudus"):
        assert moves.loc[key, "direction"].tolist() == ["no comparable pair"]


def test_sentra_counts_put_both_sources_side_by_side():
    counts = cases.sentra_counts().set_index("year")
    assert counts.loc[2020, "sentra"] == 13762 and counts.loc[2020, "business_units"] == 516124
    # Kemenperin's count is for 2016 (announced in December 2016, presented in 2017)
    assert counts.loc[2016, "sentra"] == 7437 and counts.loc[2016, "workers"] == 1089367
    assert np.isnan(counts.loc[2020, "workers"]) and np.isnan(counts.loc[2016, "business_units"])


def test_verify_quote_finds_wrong_years_values_and_mixed_totals():
    assert cases.verify_quote("jepara", "workers", 170000, 2007) == []
    assert "for 1997, not for 1998" in cases.verify_quote("cibaduyut", "workers", 6300, 1998)[0]
    assert "gives no year" in cases.verify_quote("kudus", "firms", 61, 2010)[0]
    assert "adds counts from different years" in cases.verify_quote("pekalongan", "firms", 3159, 2021)[0]
    assert "no workers figure of 50,000" in cases.verify_quote("jepara", "workers", 50000, 2007)[0]
    assert "range" in cases.verify_quote("cibaduyut", "output", 4, 2009)[0]
    faulty = cases.check_example_quotes()
    assert faulty.loc[faulty["problems"] != "none", "label"].tolist() == ["q3"]


# ---------------------------------------------------------------------------
# The course's judgement tables and the comparison
# ---------------------------------------------------------------------------

def test_judgement_tables_are_complete_and_within_their_scales():
    scores = cases.diamond_scores(with_reasons=True)
    assert len(scores) == 8 * 6 and scores["score"].between(1, 5).all()
    assert scores["reason"].str.len().gt(10).all()
    wide = cases.diamond_scores()
    assert wide.set_index("case").loc["kasongan", "chance"] == 1
    fit = cases.definition_fit()
    assert len(fit) == 8 * 3 and set(fit["judgement"]) <= set(cases.FIT_LABELS)
    stage = cases.strategy_stage()
    assert stage["step_number"].between(1, 5).all()
    assert stage.set_index("case").loc["kasongan", "step"].startswith("Mobilisation")
    anatomy = cases.anatomy()
    assert list(anatomy.columns[2:]) == list(cases.ANATOMY_PARTS)
    assert (anatomy["core"] != cases.NOT_IN_SOURCES).all()


def test_size_table_never_uses_national_counts_for_a_cluster():
    size = cases.size_table(["pekalongan", "cibaduyut"])
    assert size.loc[size["case"] == "pekalongan", "value"].isna().all()
    cib = size[size["case"] == "cibaduyut"].set_index("measure")
    assert cib.loc["firms", "period"] == "1997" and cib.loc["workers", "period"] == "2009"  # latest of each


@pytest.mark.parametrize("lens", list(cases.LENSES))
def test_compare_cases_gives_every_lens_for_the_chosen_cases(lens):
    table = cases.compare_cases(["Kasongan pottery", "jepara", "kasongan"], lens)
    assert list(dict.fromkeys(table["case"])) == ["kasongan", "jepara"]  # order kept, repeat dropped


@pytest.mark.parametrize("table", [cases.size_table, cases.trajectory, cases.workers_per_firm_table,
                                   lambda keys=None: cases.workers_per_firm_table(keys, include_refused=False)])
def test_a_table_of_some_cases_is_their_rows_of_the_full_table_in_the_order_given(table):
    full = table()
    chosen = ["tegal", "jepara", "pekalongan"]
    expected = pd.concat([full[full["case"] == key] for key in chosen], ignore_index=True)
    pd.testing.assert_frame_equal(table(chosen), expected, check_exact=True)
    changed = table(chosen)  # the tables are built from kept rows: changing one table changes no later one
    changed.loc[:, "cluster"] = "changed"
    pd.testing.assert_frame_equal(table(chosen), expected, check_exact=True)
    pd.testing.assert_frame_equal(table(), full, check_exact=True)


@pytest.mark.parametrize("cases_, lens, message", [
    (["jepara"], "size", "at least two different cases"),
    (["jepara", "Jepara"], "size", "at least two different cases"),
    ("jepara", "size", "list of at least two cases"),
    (["jepara", "kudus"], "beauty", "no lens 'beauty'"),
    (["jepara", "surabaya"], "size", "no case 'surabaya'"),
])
def test_compare_cases_bad_input(cases_, lens, message):
    with pytest.raises(KlasterValueError, match=message):
        cases.compare_cases(cases_, lens)


def test_labels_answer_is_canonical():
    assert cases.labels_answer({"m2": "BPS_sentra", "m1": "Marshall"}) == "m1: marshall; m2: bps sentra"
    assert cases.labels_answer(["b", "A"]) == "a, b"
    assert cases.labels_answer(None) is None


# ---------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------

def test_lesson09_checks_accept_the_answer_and_explain_the_typical_mistakes():
    ids = sorted(k for k in REGISTRY if k.startswith("09."))
    assert len(ids) >= 5
    for exercise_id in ids:
        exercise = REGISTRY[exercise_id]
        assert evaluate(exercise_id, exercise.expected()).correct
        for mistake in exercise.mistakes:
            result = evaluate(exercise_id, mistake.compute())
            assert not result.correct and mistake.render(exercise.args) in result.message
    assert REGISTRY["09.1"].expected() == pytest.approx(170000 / 15271)
    assert REGISTRY["09.8"].expected() == pytest.approx(516124 / 13762)
    assert REGISTRY["09.6"].expected() == "q3"
    mixed = evaluate("09.2", 3519 / 986)
    assert "different years and sources" in mixed.message
    assert evaluate("09.4", cases.labels_answer({"d1": "factor", "d2": "demand", "d3": "related", "d4": "rivalry",
                                                 "d5": "chance", "d6": "government"})).correct


# ---------------------------------------------------------------------------
# Widgets and figures
# ---------------------------------------------------------------------------

def test_case_comparer_follows_its_controls():
    comparer = CaseComparer(cases=("jepara", "cibaduyut"), lens="workers per firm")
    first_png = comparer.view.image.value
    assert comparer.current["workers_per_firm"].round(2).tolist() == [11.13, 6.39]
    assert "as published" in comparer.table.value and "1997" in comparer.table.value
    assert comparer.rows_drawn == 2
    assert {t.get_text() for t in comparer.ax.get_yticklabels()} == {"Jepara furniture", "Cibaduyut footwear"}

    comparer.cases.value = ("jepara", "cibaduyut", "tegal")
    assert comparer.rows_drawn == 4  # Tegal has two subdistricts
    assert comparer.view.image.value != first_png

    comparer.lens.value = "diamond scores"
    assert comparer.current.shape[0] == 3 and "rivalry" in comparer.current.columns
    assert comparer.ax.images and comparer.ax.images[0].get_array().shape == (3, 6)
    assert "the course's judgement" in html.unescape(comparer.message.value)

    comparer.lens.value = "trajectory"
    assert "different sources" in comparer.table.value
    assert "Trajectories" in comparer.ax.get_title()

    comparer.lens.value = "size"
    assert "year not stated" not in comparer.table.value and "second-hand" in comparer.table.value


def test_case_comparer_shows_a_lens_again_without_drawing_it_again():
    comparer = CaseComparer(cases=("jepara", "cibaduyut", "tegal"), lens="size")
    pictures = {}
    for lens in [*cases.LENSES, *cases.LENSES]:
        comparer.lens.value = lens
        assert comparer.ax.get_title() and comparer.current is not None
        assert comparer.ax.get_visible() and sum(ax.get_visible() for ax in comparer.view.figure.axes) == 1
        pictures.setdefault(lens, comparer.view.image.value)
        assert comparer.view.image.value == pictures[lens]
        assert np.array_equal(comparer.view.render(), comparer.view.render(fresh=True))
    draws = comparer.view.full_draws
    comparer.lens.value = "trajectory"
    comparer.lens.value = "size"
    assert comparer.view.full_draws == draws  # both pictures were kept
    comparer.cases.value = ("jepara", "kasongan")
    assert comparer.view.full_draws == draws + 1 and comparer.current["case"].unique().tolist() == [
        "jepara", "kasongan"]
    assert "Kasongan" in " ".join(t.get_text() for t in comparer.ax.get_yticklabels())


def test_case_comparer_draws_only_what_it_shows_and_keeps_its_axes_ticks():
    comparer = CaseComparer(cases=("jepara", "cibaduyut", "kasongan"), lens="size")
    assert comparer.view.full_draws == 1  # building draws the lens shown, not every lens
    labels = [t.get_text() for t in comparer.ax.get_xticklabels()]
    assert labels and all("$" not in text for text in labels) and "1,000" in labels  # plain numbers, no mathtext
    assert len(comparer.ax.xaxis.get_minor_locator().tick_values(1, 1e6)) == 0  # no minor ticks
    ticks = list(comparer.ax.yaxis.majorTicks)
    comparer.cases.value = ("kudus", "tegal", "tasikmalaya")
    assert comparer.ax.yaxis.majorTicks[:len(ticks)] == ticks  # the lens's Axes were not cleared: ticks reused
    assert "Tasikmalaya" in " ".join(t.get_text() for t in comparer.ax.get_yticklabels())
    assert len(comparer.ax.containers) == 2 and len(comparer.ax.patches) == sum(
        len(c) for c in comparer.ax.containers)  # the old bars are gone, one bar container per measure
    comparer.lens.value = "trajectory"
    assert all("$" not in t.get_text() for t in comparer.ax.get_xticklabels())
    assert comparer.view.full_draws == 3


@pytest.mark.parametrize("lens", ["size", "diamond scores", "trajectory", "strategy stage"])
def test_a_lens_drawn_again_on_its_axes_looks_as_if_drawn_on_new_axes(lens):
    comparer = CaseComparer(cases=("ceper", "tegal", "tasikmalaya"), lens=lens)  # more rows, wider limits first
    comparer.cases.value = ("jepara", "kudus")
    fresh = CaseComparer(cases=("jepara", "kudus"), lens=lens)
    assert np.array_equal(comparer.view.render(fresh=True), fresh.view.render(fresh=True))


def test_case_comparer_explains_fewer_than_two_cases_and_keeps_the_choice():
    comparer = CaseComparer(cases=("jepara", "kasongan"), lens="definitions")
    comparer.cases.value = ("kasongan",)
    assert "Problem:" in comparer.message.value and "at least two" in comparer.message.value
    assert comparer.current is None and comparer.table.value == ""
    assert comparer.cases.value == ("kasongan",) and comparer.lens.value == "definitions"
    comparer.cases.value = ("kasongan", "tegal")
    assert comparer.current["case"].tolist() == ["kasongan", "tegal"]
    assert "Problem:" not in comparer.message.value


@pytest.mark.parametrize("lens", list(cases.LENSES))
def test_every_lens_draws_one_row_per_table_row_and_a_titled_chart(lens):
    import matplotlib
    from matplotlib.figure import Figure

    table = cases.compare_cases(list(cases.CASE_ORDER), lens)
    ax = Figure().add_subplot()
    rows = draw_lens(ax, table, lens)
    assert rows >= len(cases.CASE_ORDER) and ax.get_title()
    assert ax.get_xlabel()
    assert isinstance(table_html(table), str) and "<table" in table_html(table)
    matplotlib.pyplot.close("all")


def test_case_map_marks_the_provinces_that_hold_the_cases():
    tiles = case_map(pyplot=False)
    marked = tiles.values.dropna()
    assert marked.to_dict() == {"32": 2.0, "33": 5.0, "34": 1.0}
    texts = dict(zip(tiles.codes, (t.get_text() for t in tiles.value_texts)))
    assert texts["33"] == "5" and texts["11"] == ""  # no "no data" label on provinces without a case
    assert "Kasongan pottery [Bantul]" in tiles.case_list
    assert "cannot show districts" in tiles.ax.get_title()
    only_two = case_map(["kasongan", "cibaduyut"], pyplot=False)
    assert only_two.values.dropna().to_dict() == {"32": 1.0, "34": 1.0}
