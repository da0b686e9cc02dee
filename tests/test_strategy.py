"""Lesson 05: the cluster-strategy plan — data model, validation, traffic lights,
the diagnosis pulled from the library, save/load/autosave and the exported summary.

Every file is written inside pytest's tmp_path.
"""
from __future__ import annotations

import base64
import dataclasses
import json
import re

import pandas as pd
import pytest

from klaster import data, measures, strategy
from klaster.checks import evaluate
from klaster.checks.lesson05 import as_kpi_design, as_labels, as_smart, dashboard_kpis
from klaster.strategy import KPI, Action, Diagnosis, Plan, PlanFileError, Stakeholder


@pytest.fixture(scope="module")
def jepara() -> Plan:
    return strategy.jepara_case()


def small_plan(**changes) -> Plan:
    """A small complete plan written by hand (so the tests do not depend on the worked case)."""
    objectives = ["Reach buyers", "Certify timber", "Train workers"]
    plan = Plan(
        title="Test plan \u2013 Jepara",
        horizon_months=12,
        stakeholders=[Stakeholder("Workshop group", "firm", 4, 5, "core firms"),
                      Stakeholder("Dinas Perindustrian", "government", 5, 2, "convenes")],
        diagnosis=Diagnosis("Jawa Tengah", "Furniture", 2019, 2024, {"lq_end": 2.5, "jobs_end": 1000.0,
                                                                       "stars": 3, "focus_star": True,
                                                                       "quadrant": "emerging", "competitive": None},
                            strengths=["skills"], weaknesses=["capital"], opportunities=["buyers"], threats=["teak"]),
        vision="Known for legal, well-made furniture.",
        objectives=objectives,
        actions=[Action("Trade fair stand", objectives[0], "Association", 2, 2, 150_000_000.0, True),
                 Action("Certification drive", objectives[1], "NGO", 3, 10, 0.1 + 0.2, False),
                 Action("Finishing course", objectives[2], "Polytechnic", 1, 12, 90_000_000, False)],
        kpis=[KPI("Direct buyers", "firms", 100, 150, 120, objectives[0]),
              KPI("Certified workshops", "workshops", 10, 60, None, objectives[1]),
              KPI("Trained workers", "workers", 0, 200, 190, objectives[2], "jobs")],
    )
    return dataclasses.replace(plan, **changes)


# ---------------------------------------------------------------------------
# Grid and traffic lights
# ---------------------------------------------------------------------------

def test_grid_position_splits_after_three():
    assert strategy.grid_position(5, 5) == "manage closely"
    assert strategy.grid_position(4, 4) == "manage closely"
    assert strategy.grid_position(3, 3) == "monitor"            # 3 is not high
    assert strategy.grid_position(4, 3) == "keep satisfied"
    assert strategy.grid_position(1, 4) == "keep informed"
    assert strategy.grid_position(1, 1) == "monitor"


def test_progress_and_lights_hand_cases():
    # rising KPI: 0 -> 400, now 60: 60/400 = 0.15
    assert strategy.kpi_progress(0, 400, 60) == pytest.approx(0.15)
    assert strategy.traffic_light(0, 400, 60) == "red"
    # the thresholds themselves: exactly 0.25 is amber, exactly 0.75 is green
    assert strategy.traffic_light(120, 200, 140) == "amber"     # 20/80 = 0.25
    assert strategy.traffic_light(0, 100, 75) == "green"
    assert strategy.traffic_light(0, 100, 24.9) == "red"
    # a KPI that should fall: 30% -> 15%
    assert strategy.kpi_progress(30, 15, 24) == pytest.approx(0.4)
    assert strategy.traffic_light(30, 15, 24) == "amber"
    assert strategy.traffic_light(30, 15, 33) == "red"           # moved the wrong way: -0.2
    assert strategy.traffic_light(30, 15, 12) == "green"         # beyond the target: 1.2
    # no data: no latest value, or a target equal to the baseline
    assert strategy.kpi_progress(10, 20, None) is None
    assert strategy.traffic_light(10, 20, None) == "no data"
    assert strategy.traffic_light(10, 10, 12) == "no data"


@pytest.mark.parametrize("baseline,target,latest", [(0, 10, 3), (5, 50, 49), (100, 80, 95), (2.4, 2.5, 2.41)])
def test_lights_do_not_depend_on_the_direction_of_the_scale(baseline, target, latest):
    """Property: measuring everything with the opposite sign (a KPI that should fall) gives the same light."""
    assert strategy.traffic_light(baseline, target, latest) == strategy.traffic_light(-baseline, -target, -latest)
    assert strategy.kpi_progress(baseline, target, latest) == pytest.approx(
        strategy.kpi_progress(-baseline, -target, -latest))


def test_kpi_table_lists_progress_and_light():
    table = strategy.kpi_table(small_plan().kpis)
    assert table["progress"].tolist()[0] == pytest.approx(0.4)
    assert pd.isna(table["progress"].iloc[1])
    assert table["light"].tolist() == ["amber", "no data", "green"]


# ---------------------------------------------------------------------------
# Validation messages
# ---------------------------------------------------------------------------

def test_stakeholder_messages():
    register = [Stakeholder("Workshop group", "firm", 4, 5)]
    assert strategy.check_stakeholder(Stakeholder("Bank", "finance", 3, 2), register) == []
    (message,) = strategy.check_stakeholder(Stakeholder("  ", "firm", 3, 3), register)
    assert "has no name" in message
    (message,) = strategy.check_stakeholder(Stakeholder("workshop  GROUP", "firm", 3, 3), register)
    assert "already in the register" in message
    (message,) = strategy.check_stakeholder(Stakeholder("Bank", "bank", 3, 3))
    assert "type must be one of firm, government, university, association, finance, NGO" in message
    for bad in (0, 6, 2.5, True, "4", None):
        (message,) = strategy.check_stakeholder(Stakeholder("Bank", "finance", bad, 3))
        assert "influence must be a whole number from 1 to 5" in message
    (message,) = strategy.check_stakeholder(Stakeholder("Bank", "finance", 3, 9))
    assert "interest must be a whole number from 1 to 5, not 9" in message


def test_register_messages_duplicates_and_missing_firms():
    messages = strategy.check_stakeholders([Stakeholder("Office", "government", 4, 4),
                                            Stakeholder("Office", "government", 3, 3)])
    assert any("'Office' is already in the register" in m for m in messages)
    assert any("No firm is in the register" in m for m in messages)
    assert strategy.check_stakeholders([]) == ["The register is empty: add the firms and institutions that should "
                                               "take part."]


@pytest.mark.parametrize("count,ok", [(2, False), (3, True), (5, True), (6, False)])
def test_objective_count_must_be_three_to_five(count, ok):
    objectives = [f"Objective {i}" for i in range(count)]
    messages = strategy.check_strategy("A vision.", objectives)
    assert (messages == []) == ok
    if not ok:
        assert messages == [f"The plan has {count} objectives; it needs 3 to 5 (one per line)."]


def test_strategy_messages_empty_vision_and_repeated_objective():
    messages = strategy.check_strategy(" ", ["a", "b", "A "])
    assert messages[0].startswith("The vision statement is empty")
    assert "The objective 'A ' appears twice." in messages


def test_action_problems_and_warnings():
    objectives = ["Reach buyers"]
    good = Action("Fair", "Reach buyers", "Association", 1, 12, 0)
    assert strategy.check_action(good) == []
    assert strategy.action_warnings(good, objectives, 12) == []          # ends in month 12 = the horizon
    late = dataclasses.replace(good, duration_months=13)
    assert strategy.action_warnings(late, objectives, 12) == [
        "Action 'Fair' ends in month 13, past the plan's horizon of 12 months."]
    no_owner = dataclasses.replace(good, owner=" ")
    assert strategy.action_warnings(no_owner, objectives, 12) == [
        "Action 'Fair' has no owner: name the person or organisation responsible."]
    other = dataclasses.replace(good, objective="Something else")
    assert "which is not one of the plan's objectives" in strategy.action_warnings(other, objectives, 12)[0]
    (message,) = strategy.check_action(dataclasses.replace(good, cost_rupiah=-5_000_000))
    assert message == "Action 'Fair': the cost is negative (Rp -5,000,000); a cost cannot be below zero."
    (message,) = strategy.check_action(dataclasses.replace(good, start_month=0))
    assert "start month must be a whole number of 1 or more" in message
    (message,) = strategy.check_action(dataclasses.replace(good, duration_months=0))
    assert "duration must be a whole number of months, at least 1" in message
    (message,) = strategy.check_action(dataclasses.replace(good, action=""), position=3)
    assert message.startswith("Action 3 has no description")
    (message,) = strategy.check_action(good, others=[dataclasses.replace(good, owner="x")])
    assert "already in the plan" in message
    (message,) = strategy.check_action(dataclasses.replace(good, cost_rupiah=float("nan")))
    assert "the cost must be a number of rupiah" in message


def test_kpi_messages():
    good = KPI("Buyers", "firms", 10, 20, None, "Reach buyers")
    assert strategy.check_kpi(good) == []
    (message,) = strategy.check_kpi(dataclasses.replace(good, target=10))
    assert message.startswith("KPI 'Buyers': the target equals the baseline (10)")
    (message,) = strategy.check_kpi(dataclasses.replace(good, unit=""))
    assert "has no unit" in message
    (message,) = strategy.check_kpi(good, others=[good])
    assert "already on the dashboard" in message
    (message,) = strategy.check_kpi(dataclasses.replace(good, measure="gdp"))
    assert "the measure must be '' (by hand), 'lq' or 'jobs'" in message
    messages = strategy.check_kpis([good], ["Reach buyers", "Train workers"])
    assert messages == ["No KPI measures the objective 'Train workers'."]


def test_the_worked_case_and_the_small_plan_are_complete(jepara):
    assert all(messages == [] for messages in strategy.check_plan(jepara).values())
    assert all(messages == [] for messages in strategy.check_plan(small_plan()).values())
    assert jepara.illustrative and "illustrative" in jepara.notes.lower()
    assert 3 <= len(jepara.objectives) <= 5
    assert {s.type for s in jepara.stakeholders} == set(strategy.STAKEHOLDER_TYPES)
    assert any(a.quick_win for a in jepara.actions)
    assert {k.measure for k in jepara.kpis} >= {"lq", "jobs"}


def test_an_empty_plan_has_a_message_for_every_step():
    found = strategy.check_plan(Plan())
    assert set(found) == set(strategy.STEPS)
    assert all(found[step] for step in strategy.STEPS)


def test_smart_problem_codes():
    objective = "Reach buyers"
    kpi = KPI("Buyers", "firms", 10, 20, None, objective)
    action = Action("Fair", objective, "Association", 2, 3, 1_000_000)
    assert strategy.smart_problems(objective, kpi, [action]) == []
    assert as_smart(objective, kpi, [action]) == "too few actions"   # exercise 05.5 asks for two
    assert as_smart(objective, kpi, [action, dataclasses.replace(action, action="Buyer days")]) == "ok"
    cases = {
        "no measurable target": (kpi.__class__("Buyers", "firms", 10, 10, None, objective), [action]),
        "kpi measures another objective": (dataclasses.replace(kpi, objective="Other"), [action]),
        "no actions": (kpi, []),
        "action without owner": (kpi, [dataclasses.replace(action, owner="")]),
        "action without date": (kpi, [dataclasses.replace(action, start_month=0)]),
        "action past horizon": (kpi, [dataclasses.replace(action, start_month=23)]),
        "action without cost": (kpi, [dataclasses.replace(action, cost_rupiah=-1)]),
        "action serves another objective": (kpi, [dataclasses.replace(action, objective="Other")]),
    }
    for code, (k, actions) in cases.items():
        assert as_smart(objective, k, actions) == code
    assert as_smart("", None, [action])[:12] == "no objective"


def test_steps_tables_follow_the_five_steps():
    overview = strategy.steps_overview()
    assert list(overview.index) == list(strategy.STEPS)
    assert {"what happens", "who takes part", "what it produces", "typical time", "a common way it fails"} <= set(
        overview.columns)
    assert "Tambunan 2005" in overview.loc["Collaborative strategy", "a common way it fails"]
    assert list(strategy.step_comparison().index) == list(strategy.STEPS)


# ---------------------------------------------------------------------------
# The diagnosis comes from the library
# ---------------------------------------------------------------------------

def test_diagnosis_numbers_are_the_library_values():
    start, end = data.employment_matrix(2019), data.employment_matrix(2024)
    numbers = strategy.diagnosis_numbers("Jawa Barat", "Textiles")
    cell = ("Jawa Barat", "Textiles")
    assert numbers["lq_end"] == pytest.approx(measures.location_quotient(end).loc[cell])
    assert numbers["lq_start"] == pytest.approx(measures.location_quotient(start).loc[cell])
    assert numbers["jobs_end"] == end.loc[cell]
    stars = measures.cluster_stars(end).loc[cell]
    assert numbers["stars"] == stars["stars"] and numbers["size_star"] == bool(stars["size_star"])
    parts = measures.shift_share(start, end).loc[cell]
    for key in ("national_share", "industry_mix", "competitive", "total_change"):
        assert numbers[key] == pytest.approx(parts[key])
    assert numbers["quadrant"] == measures.cluster_portfolio(start, end).loc[cell, "quadrant"]
    assert all(isinstance(v, (int, float, str, bool)) for v in numbers.values())  # plain values, ready for JSON


def test_diagnose_keeps_the_swot_and_explains_bad_choices():
    d = strategy.diagnose("Jawa Tengah", "Furniture", swot={"strengths": ["  skilled  carvers ", ""]})
    assert d.strengths == ["skilled carvers"] and d.threats == []
    assert (d.start_year, d.end_year) == (2019, 2024)
    with pytest.raises(ValueError, match="There is no province 'Jawa Tangah'"):
        strategy.diagnose("Jawa Tangah", "Furniture")
    with pytest.raises(ValueError, match="There is no division 'Furnture'"):
        strategy.diagnose("Jawa Tengah", "Furnture")
    with pytest.raises(ValueError, match="not 'risks'"):
        strategy.diagnose("Jawa Tengah", "Furniture", swot={"risks": ["x"]})
    table = strategy.diagnosis_table(d)
    assert table.loc["lq_end", "measure"] == "location quotient, 2024"
    assert "mature or at risk" in strategy.read_diagnosis(d)


def test_remeasure_and_the_what_if_year(jepara):
    now = strategy.remeasure(jepara.diagnosis)
    assert now.loc["jobs", "year"] == 2024 and now.loc["jobs", "change"] == 0
    scenario = strategy.what_if_year(2026, {("Jawa Tengah", "Furniture"): 1.05})
    assert sorted(scenario["year"].unique()) == [2019, 2024, 2026]
    later = strategy.remeasure(jepara.diagnosis, panel=scenario)
    matrix_2026 = data.employment_matrix(2026, panel=scenario)
    base = data.employment_matrix(2024).loc["Jawa Tengah", "Furniture"]
    assert later.loc["jobs", "value"] == round(base * 1.05)
    assert later.loc["lq", "value"] == pytest.approx(measures.location_quotient(matrix_2026).loc["Jawa Tengah", "Furniture"])
    assert later.loc["lq", "change"] > 0
    updated = strategy.with_remeasured_kpis(jepara, later)
    linked = {k.measure: k.latest for k in updated.kpis if k.measure}
    assert linked == {"jobs": later.loc["jobs", "value"], "lq": later.loc["lq", "value"]}
    assert all(k.latest is None for k in jepara.kpis if k.measure)       # the input plan is unchanged
    assert [k.latest for k in updated.kpis if not k.measure] == [k.latest for k in jepara.kpis if not k.measure]


def test_what_if_year_refusals():
    with pytest.raises(ValueError, match="already has the year 2024"):
        strategy.what_if_year(2024, {})
    with pytest.raises(ValueError, match="no row for province 'Atlantis'"):
        strategy.what_if_year(2030, {("Atlantis", "Furniture"): 1.1})
    with pytest.raises(ValueError, match="must be a number of 0 or more"):
        strategy.what_if_year(2030, {("Jawa Tengah", "Furniture"): -1})
    with pytest.raises(ValueError, match="no province and division"):
        strategy.remeasure(Diagnosis())


# ---------------------------------------------------------------------------
# Save and load
# ---------------------------------------------------------------------------

def test_json_round_trip_is_exact(tmp_path, jepara):
    for plan in (jepara, small_plan(), Plan()):
        path = tmp_path / f"{plan.plan_id}.json"
        strategy.save_plan(plan, path)
        assert strategy.load_plan(path) == plan
        assert strategy.plan_from_dict(strategy.plan_to_dict(plan)) == plan
    raw = json.loads((tmp_path / f"{jepara.plan_id}.json").read_text(encoding="utf-8"))
    assert raw["format"] == strategy.FILE_FORMAT and raw["schema_version"] == strategy.SCHEMA_VERSION
    assert raw["plan"]["plan_id"] == jepara.plan_id
    assert raw["plan"]["actions"][0]["cost_rupiah"] == jepara.actions[0].cost_rupiah


def test_every_plan_has_its_own_id():
    assert Plan().plan_id != Plan().plan_id
    assert strategy.jepara_case().plan_id != strategy.jepara_case().plan_id


def _write_plan_json(path, edit):
    raw = json.loads(strategy.plan_to_json(small_plan()))
    edit(raw)
    path.write_text(json.dumps(raw), encoding="utf-8")


@pytest.mark.parametrize("content,expected", [
    ('{"format": "klaster-cluster-strategy", "schema_version": 1, "plan": {"title": "x"', "is damaged: it is not valid JSON"),
    ("", "is damaged: it is not valid JSON"),
    ("[1, 2, 3]", "is not a Klaster cluster-strategy plan"),
    ('{"city": "Jepara", "population": 1200000}', "is not a Klaster cluster-strategy plan"),
    ('{"format": "klaster-cluster-strategy", "schema_version": 99, "plan": {}}', "saved with a newer version"),
    ('{"format": "klaster-cluster-strategy", "schema_version": "1", "plan": {}}', "no valid schema_version"),
])
def test_damaged_and_foreign_files_are_refused(tmp_path, content, expected):
    path = tmp_path / "plan.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PlanFileError, match=re.escape(expected)):
        strategy.load_plan(path)


def test_a_binary_file_is_refused(tmp_path):
    path = tmp_path / "plan.json"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    with pytest.raises(PlanFileError, match="is damaged: it is not a text"):
        strategy.load_plan(path)


@pytest.mark.parametrize("edit,expected", [
    (lambda raw: raw["plan"]["actions"][0].pop("owner"), "missing the field 'plan.actions[0].owner'"),
    (lambda raw: raw["plan"].pop("kpis"), "missing the field 'plan.kpis'"),
    (lambda raw: raw.pop("plan"), "missing the field 'plan'"),
    (lambda raw: raw["plan"]["diagnosis"].pop("threats"), "missing the field 'plan.diagnosis.threats'"),
    (lambda raw: raw["plan"]["stakeholders"][1].update(influence="high"),
     "'plan.stakeholders[1].influence' should be a whole number"),
    (lambda raw: raw["plan"]["actions"][2].update(quick_win="yes"), "'plan.actions[2].quick_win' should be true or false"),
    (lambda raw: raw["plan"]["kpis"][0].update(baseline=None), "'plan.kpis[0].baseline' should be a number"),
    (lambda raw: raw["plan"].update(objectives="one"), "'plan.objectives' should be a list of text lines"),
])
def test_missing_or_wrong_fields_are_named(tmp_path, edit, expected):
    path = tmp_path / "plan.json"
    _write_plan_json(path, edit)
    with pytest.raises(PlanFileError, match=re.escape(expected)):
        strategy.load_plan(path)


def test_file_name_problems(tmp_path):
    with pytest.raises(PlanFileError, match="Give the plan a file name"):
        strategy.save_plan(Plan(), "  ")
    with pytest.raises(PlanFileError, match="must end in .json"):
        strategy.save_plan(Plan(), tmp_path / "plan.txt")
    with pytest.raises(PlanFileError, match="does not exist"):
        strategy.save_plan(Plan(), tmp_path / "no_such_folder" / "plan.json")
    with pytest.raises(PlanFileError, match="There is no file"):
        strategy.load_plan(tmp_path / "missing.json")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_saving_never_silently_overwrites_another_plan(tmp_path):
    path = tmp_path / "plan.json"
    mine = small_plan()
    strategy.save_plan(mine, path)
    mine.vision = "A new vision."
    strategy.save_plan(mine, path)                     # the same plan: re-saving is fine
    assert strategy.load_plan(path).vision == "A new vision."
    before = path.read_bytes()
    other = small_plan(plan_id=strategy.new_plan_id(), title="Someone else's plan")
    with pytest.raises(PlanFileError, match=r"already holds another plan \('Test plan"):
        strategy.save_plan(other, path)
    assert path.read_bytes() == before                 # untouched
    strategy.save_plan(other, path, overwrite=True)
    assert strategy.load_plan(path) == other
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]   # no temporary files left behind


def test_saving_over_a_foreign_or_damaged_file_needs_overwrite(tmp_path):
    path = tmp_path / "data.json"
    path.write_text('{"keep": "me"}', encoding="utf-8")
    with pytest.raises(PlanFileError, match="already exists and is not one of your plans"):
        strategy.save_plan(Plan(), path)
    assert json.loads(path.read_text(encoding="utf-8")) == {"keep": "me"}
    strategy.save_plan(Plan(), path, overwrite=True)
    assert strategy.peek_plan_file(path) is not None


# ---------------------------------------------------------------------------
# Autosave
# ---------------------------------------------------------------------------

def test_autosave_and_restore(tmp_path):
    path = tmp_path / "workshop.json"
    assert strategy.autosave_path(path) == tmp_path / ".workshop.autosave.json"
    plan = small_plan()
    backup = strategy.autosave(plan, path)
    assert backup.exists() and not path.exists()       # the backup does not need a saved plan
    plan.objectives = plan.objectives + ["Fourth"]
    strategy.autosave(plan, path)                      # replaced on every change
    assert strategy.restore_autosave(path) == plan


def test_autosave_keeps_another_plans_unsaved_work(tmp_path):
    path = tmp_path / "workshop.json"
    first = small_plan()
    strategy.autosave(first, path)
    second = Plan(title="A new plan")
    with pytest.raises(PlanFileError, match="holds unsaved work of another plan"):
        strategy.autosave(second, path)
    assert strategy.restore_autosave(path) == first
    strategy.autosave_path(path).write_text("{broken", encoding="utf-8")
    strategy.autosave(second, path)                    # a damaged backup is useless: it may be replaced
    assert strategy.restore_autosave(path) == second


def test_restore_without_an_autosave_is_explained(tmp_path):
    with pytest.raises(PlanFileError, match="There is no autosave for 'nothing.json'"):
        strategy.restore_autosave(tmp_path / "nothing.json")


# ---------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------

def test_markdown_export_sections_numbers_and_images(tmp_path, jepara):
    written = strategy.export_markdown(jepara, tmp_path / "summary.md")
    assert [p.name for p in written] == ["summary.md", "summary_stakeholders.png", "summary_timeline.png",
                                         "summary_kpis.png"]
    text = written[0].read_text(encoding="utf-8")
    for heading in ("# Jepara furniture cluster strategy", "## 1. Mobilisation", "## 2. Diagnosis: Furniture in Jawa Tengah",
                    "## 3. Collaborative strategy", "## 4. Implementation", "## 5. Evaluation", "## Open points"):
        assert heading in text
    assert "Illustrative example" in text
    numbers = jepara.diagnosis.numbers
    assert f"| location quotient, 2024 | {numbers['lq_end']:.2f} |" in text
    assert f"| jobs, 2024 | {numbers['jobs_end']:,.0f} |" in text
    assert f"| portfolio quadrant, 2019\u20132024 (growth = change in LQ) | {numbers['quadrant']} |" in text
    total = sum(a.cost_rupiah for a in jepara.actions)
    assert f"total cost Rp {total:,.0f}" in text
    for s in jepara.stakeholders:
        assert s.name in text
    for k in jepara.kpis:
        assert f"| {k.name} |" in text
    assert "None: every step is complete." in text
    for image in written[1:]:
        assert f"]({image.name})" in text
        assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "| cluster stars, 2024 (0 to 3) | 3 (size, specialisation, focus) |" in text
    assert len([line for line in text.splitlines() if line.strip()]) < 90      # one to two pages of text


def test_html_export_embeds_the_charts(tmp_path):
    plan = small_plan()
    path = strategy.export_html(plan, tmp_path / "summary.html")
    assert [p.name for p in tmp_path.iterdir()] == ["summary.html"]
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<title>Test plan \u2013 Jepara</title>" in page
    images = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    assert len(images) == 3
    assert all(base64.b64decode(i)[:8] == b"\x89PNG\r\n\x1a\n" for i in images)
    for heading in ("1. Mobilisation", "2. Diagnosis", "3. Collaborative strategy", "4. Implementation",
                    "5. Evaluation", "Open points"):
        assert f"<h2>{heading}" in page
    assert f'<td style="background:{strategy.LIGHT_COLOURS["amber"]}">amber</td>' in page
    assert "<td>Rp&nbsp;150,000,000</td>" in page and "<b>Strengths</b>" in page


def test_exports_never_overwrite_without_the_flag(tmp_path):
    plan = small_plan()
    (tmp_path / "s_timeline.png").write_bytes(b"mine")
    with pytest.raises(PlanFileError, match=r"Not exported: 's_timeline.png' already exists"):
        strategy.export_markdown(plan, tmp_path / "s.md")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s_timeline.png"]     # nothing half-written
    assert (tmp_path / "s_timeline.png").read_bytes() == b"mine"
    strategy.export_markdown(plan, tmp_path / "s.md", overwrite=True)
    assert (tmp_path / "s_timeline.png").read_bytes()[:4] == b"\x89PNG"
    strategy.export_html(plan, tmp_path / "s.html")
    with pytest.raises(PlanFileError, match="already exists"):
        strategy.export_html(plan, tmp_path / "s.html")
    with pytest.raises(PlanFileError, match="must end in .html or .htm"):
        strategy.export_html(plan, tmp_path / "s.pdf")


def test_an_empty_plan_exports_without_errors(tmp_path):
    text = strategy.summary_markdown(Plan())
    assert "No stakeholders recorded yet." in text and "(no vision yet)" in text
    assert "Mobilisation: The register is empty" in text
    strategy.export_html(Plan(), tmp_path / "empty.html")
    partial = Plan(diagnosis=Diagnosis("Atlantis", "Furniture", 2019, 2024, {"lq_end": 3.0, "stars": None}))
    text = strategy.summary_markdown(partial)
    assert "had a location quotient of 3.00." in text and "| cluster stars, 2024 (0 to 3) | \u2013 |" in text
    assert "nan" not in text


# ---------------------------------------------------------------------------
# Charts
# ---------------------------------------------------------------------------

def test_charts_draw_one_mark_per_record(jepara):
    figures = strategy.plan_figures(jepara)
    grid_ax = figures["stakeholders"].axes[0]
    assert len(grid_ax.collections) == len(jepara.stakeholders)
    timeline_ax = figures["timeline"].axes[0]
    bars = timeline_ax.patches
    assert len(bars) == len(jepara.actions)
    orange = strategy.OKABE_ITO["orange"]
    quick = [p for p in bars if p.get_facecolor()[:3] == pytest.approx(
        tuple(int(orange[i:i + 2], 16) / 255 for i in (1, 3, 5)))]
    assert len(quick) == sum(a.quick_win for a in jepara.actions)
    assert max(p.get_x() + p.get_width() for p in bars) == max(a.end_month for a in jepara.actions)
    dash_ax = figures["kpis"].axes[0]
    assert len(dash_ax.patches) == len(jepara.kpis)
    for ax in (grid_ax, timeline_ax, dash_ax):
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()


# ---------------------------------------------------------------------------
# The exercises' canonical answers (klaster/checks/lesson05.py)
# ---------------------------------------------------------------------------

def test_as_labels_canonical_strings():
    assert as_labels(["C", " e", "a"]) == "c,e,a"                 # a list keeps its order
    assert as_labels({"b", "a"}) == as_labels({"a", "b"}) == "a,b"
    assert as_labels({"b": 2, "a": 1}) == "a=1; b=2"
    assert as_labels({"lq": 1.97417, "jobs": -54946.47}) == as_labels({"jobs": -54946, "lq": 1.97})
    assert as_labels([]) == "" and as_labels(None) is None


def test_lesson05_checks_accept_the_answer_and_name_the_mistake():
    assert evaluate("05.1", as_labels(["c", "e", "a", "d", "b"])).correct
    assert "mobilisation comes first" in evaluate("05.1", as_labels(["e", "c", "a", "d", "b"])).message
    wrong_match = {"a": 1, "b": 5, "c": 3, "d": 4, "e": 5, "f": 1, "g": 2, "h": 4}
    assert "baseline (b) is recorded during the diagnosis" in evaluate("05.2", as_labels(wrong_match)).message
    red = {k.name for k in dashboard_kpis() if strategy.traffic_light(k.baseline, k.target, k.latest) == "red"}
    assert red == {"delays", "trained", "jobs"}
    assert evaluate("05.7", as_labels(red)).correct
    naive = {k.name for k in dashboard_kpis() if k.latest / k.target < 0.25}
    assert "from the baseline" in evaluate("05.7", as_labels(naive)).message
    assert "exactly 0.25 is amber" in evaluate("05.7", as_labels(red | {"buyers"})).message
    objective = "Win back buyers"
    kpi = KPI("Buyers", "mills", 20, 35, None, objective)
    no_owner = [Action("Fair", objective, "", 2, 2, 1.0)]
    assert "needs an owner" in evaluate("05.5", as_smart(objective, kpi, no_owner)).message
    objectives = ["A", "B", "C"]
    kpis = [KPI("x", "u", 1, 2, None, "A"), KPI("y", "u", 1, 2, None, "B"), KPI("z", "u", 1, 2, None, "C")]
    assert as_kpi_design(kpis, objectives) == "no kpi from the data"
    assert "link at least one KPI back to the diagnosis" in evaluate("05.6", as_kpi_design(kpis, objectives)).message
    kpis[2] = dataclasses.replace(kpis[2], measure="jobs")
    assert as_kpi_design(kpis, objectives) == "baseline not from the data"
    jobs_2024 = float(data.employment_matrix(2024).loc["Jawa Barat", "Textiles"])
    kpis[2] = dataclasses.replace(kpis[2], unit="workers", baseline=jobs_2024, target=jobs_2024 - 1)
    assert evaluate("05.6", as_kpi_design(kpis, objectives)).correct
    kpis[1] = dataclasses.replace(kpis[1], target=1)
    assert as_kpi_design(kpis, objectives) == "target equals baseline"


def test_diagnosis_exercise_matches_the_strategy_module():
    numbers = strategy.diagnosis_numbers("Jawa Barat", "Textiles")
    answer = {"lq": numbers["lq_end"], "stars": numbers["stars"], "competitive": numbers["competitive"],
              "quadrant": numbers["quadrant"]}
    assert evaluate("05.4", as_labels(answer)).correct
    answer["lq"] = numbers["lq_start"]
    assert "2019 value" in evaluate("05.4", as_labels(answer)).message
