"""Lesson 05: the workshop app, driven as a user would drive it.

Fill the forms and press the buttons, switch tabs, pick a province and a
division, save, load, restore and export, with every file in pytest's
tmp_path; then assert on the plan, the tables, the charts' artists, the
status lines and the files written.
"""
from __future__ import annotations

import json

import pytest

from klaster import data, strategy
from klaster.strategy import KPI, Plan
from klaster.widgets.strategy import NEW, StrategyApp


@pytest.fixture
def app(tmp_path):
    return StrategyApp(path="workshop.json", folder=tmp_path)


def add_stakeholder(app, name, type_="firm", influence=3, interest=3, role=""):
    app.sh_pick.value = NEW
    app.sh_name.value = name
    app.sh_type.value = type_
    app.sh_influence.value = influence
    app.sh_interest.value = interest
    app.sh_role.value = role
    app.sh_add.click()


def add_action(app, name, objective="", owner="Association", start=1, months=3, cost=10_000_000.0, quick=False):
    app.act_pick.value = NEW
    app.act_name.value = name
    app.act_objective.value = objective
    app.act_owner.value = owner
    app.act_start.value = start
    app.act_duration.value = months
    app.act_cost.value = cost
    app.act_quick.value = quick
    app.act_add.click()


def add_kpi(app, name, unit="firms", baseline=10.0, target=20.0, latest="", objective="", measure=""):
    app.kpi_pick.value = NEW
    app.kpi_name.value = name
    app.kpi_unit.value = unit
    app.kpi_baseline.value = baseline
    app.kpi_target.value = target
    app.kpi_latest.value = latest
    app.kpi_objective.value = objective
    app.kpi_measure.value = measure
    app.kpi_add.click()


# ---------------------------------------------------------------------------
# Step 1
# ---------------------------------------------------------------------------

def test_adding_a_stakeholder_updates_register_table_grid_and_autosave(app, tmp_path):
    before = app.sh_view.image.value
    add_stakeholder(app, "Workshop owners' group", "firm", 4, 5, "core firms")
    assert [s.name for s in app.plan.stakeholders] == ["Workshop owners' group"]
    assert app.plan.stakeholders[0].influence == 4 and app.plan.stakeholders[0].interest == 5
    assert "Added Workshop owners&#x27; group (manage closely)." in app.sh_message.value
    assert "Workshop owners&#x27; group" in app.sh_table.value and "manage closely" in app.sh_table.value
    assert len(app.sh_ax.collections) == 1
    x, y = app.sh_ax.collections[0].get_offsets()[0]
    assert (x, y) == (5, 4)                                   # interest on x, influence on y
    assert app.sh_view.image.value != before                 # the PNG was redrawn (tab 1 is showing)
    assert app.sh_name.value == ""                            # the form is ready for the next one
    assert strategy.restore_autosave(tmp_path / "workshop.json") == app.plan
    assert "Autosaved to .workshop.autosave.json" in app.autosave_status.value
    assert "Workshop owners' group" in app.act_owner.options   # owners can be picked from the register
    add_stakeholder(app, "District office", "government", 5, 2)
    assert len(app.sh_ax.collections) == 2


def test_bad_stakeholder_input_is_refused_and_kept_in_the_form(app):
    add_stakeholder(app, "Bank", "finance")
    add_stakeholder(app, "  bank ", "finance", role="second try")
    assert len(app.plan.stakeholders) == 1
    assert "Problem: Stakeholder &#x27;bank&#x27; is already in the register" in app.sh_message.value
    assert app.sh_name.value == "  bank " and app.sh_role.value == "second try"   # nothing typed is lost
    add_stakeholder(app, "   ")
    assert "has no name" in app.sh_message.value and len(app.plan.stakeholders) == 1


def test_editing_and_removing_a_stakeholder(app):
    add_stakeholder(app, "Bank", "finance", 3, 2)
    add_stakeholder(app, "NGO", "NGO", 2, 4)
    app.sh_pick.value = "Bank"
    assert (app.sh_name.value, app.sh_type.value, app.sh_influence.value) == ("Bank", "finance", 3)
    assert "Editing Bank" in app.sh_message.value
    app.sh_interest.value = 5
    app.sh_update.click()
    assert app.plan.stakeholders[0].interest == 5 and "keep informed" in app.sh_table.value
    app.sh_name.value = "NGO"                                  # renaming onto another stakeholder is refused
    app.sh_update.click()
    assert "already in the register" in app.sh_message.value
    app.sh_pick.value = "NGO"
    app.sh_remove.click()
    assert [s.name for s in app.plan.stakeholders] == ["Bank"]
    assert list(app.sh_pick.options) == [NEW, "Bank"]
    app.sh_pick.value = NEW
    app.sh_remove.click()
    assert "Choose the stakeholder to remove" in app.sh_message.value


# ---------------------------------------------------------------------------
# Tabs and step 2
# ---------------------------------------------------------------------------

def test_switching_tabs_shows_the_step_and_draws_its_chart(app):
    assert "Step 1 of 5 \u2014 Mobilisation" in app.step_hint.value
    assert app.timeline_view.image.value == b""               # drawn only when its tab is opened
    app.tabs.selected_index = 1
    assert "Step 2 of 5 \u2014 Diagnosis" in app.step_hint.value
    app.tabs.selected_index = 3
    assert "Step 4 of 5 \u2014 Implementation" in app.step_hint.value
    assert app.timeline_view.image.value[:4] == b"\x89PNG"
    assert app.timeline_ax.get_title() == "Action plan timeline (Gantt chart)"
    app.tabs.selected_index = 4
    assert app.dash_view.image.value[:4] == b"\x89PNG"
    assert [app.tabs.get_title(i) for i in range(5)] == ["1. Mobilisation", "2. Diagnosis", "3. Strategy",
                                                         "4. Implementation", "5. Evaluation"]
    app.tabs.selected_index = 2
    assert "Step 3 of 5 \u2014 Collaborative strategy" in app.step_hint.value


def test_diagnosis_pulls_the_library_numbers_and_keeps_the_swot(app):
    app.tabs.selected_index = 1
    app.province.value = "Jawa Barat"
    assert app.plan.diagnosis.numbers == {}                   # needs both choices
    app.swot["strengths"].value = "skilled workers\n\n  big mills  "
    app.division.value = "Textiles"
    expected = strategy.diagnosis_numbers("Jawa Barat", "Textiles")
    assert app.plan.diagnosis.numbers == expected
    assert f"{expected['lq_end']:.2f}" in app.diag_numbers.value
    assert f"{expected['competitive']:+,.0f}" in app.diag_numbers.value
    assert expected["quadrant"] in app.diag_reading.value
    assert app.plan.diagnosis.strengths == ["skilled workers", "big mills"]
    app.division.value = "Apparel"                            # a new choice: new numbers, same SWOT
    assert app.plan.diagnosis.numbers == strategy.diagnosis_numbers("Jawa Barat", "Apparel")
    assert app.plan.diagnosis.strengths == ["skilled workers", "big mills"]
    assert "The SWOT has no weaknesses yet" in app.diag_message.value


# ---------------------------------------------------------------------------
# Steps 3 and 4
# ---------------------------------------------------------------------------

def test_vision_objectives_and_actions(app):
    app.vision.value = "Known for good cloth."
    app.objectives.value = "Reach buyers\nUpgrade machines"
    assert "The plan has 2 objectives; it needs 3 to 5" in app.strategy_message.value
    app.objectives.value = "Reach buyers\nUpgrade machines\nKeep jobs\n"
    assert app.plan.objectives == ["Reach buyers", "Upgrade machines", "Keep jobs"]
    assert "Vision and objectives are complete." in app.strategy_message.value
    assert [v for _, v in app.act_objective.options] == ["", "Reach buyers", "Upgrade machines", "Keep jobs"]
    assert [v for _, v in app.kpi_objective.options] == ["", "Reach buyers", "Upgrade machines", "Keep jobs"]
    add_action(app, "Trade fair stand", "Reach buyers", "Association", 2, 2, 150_000_000, quick=True)
    add_action(app, "Loom upgrade fund", "Upgrade machines", "Bank", 4, 12, 500_000_000)
    assert [a.action for a in app.plan.actions] == ["Trade fair stand", "Loom upgrade fund"]
    assert "Trade fair stand" in app.act_table.value and "Rp 150,000,000" in app.act_table.value
    assert "O1" in app.act_table.value and "O2" in app.act_table.value
    assert len(app.timeline_ax.patches) == 2
    quick_bar = app.timeline_ax.patches[1]                     # the first action is drawn on top
    assert quick_bar.get_x() == 1 and quick_bar.get_width() == 2
    assert "total cost Rp 650,000,000; 1 quick win." in app.impl_summary.value


def test_implementation_warns_about_owners_and_the_horizon(app):
    app.objectives.value = "A\nB\nC"
    add_action(app, "No owner yet", "A", owner="", start=1, months=2)
    assert len(app.plan.actions) == 1                          # accepted, with a warning
    assert "has no owner" in app.act_message.value
    add_action(app, "Too late", "B", owner="Office", start=20, months=10)
    app.tabs.selected_index = 3
    assert "Action 1 (&#x27;No owner yet&#x27;)" not in app.impl_warnings.value
    assert "Action &#x27;No owner yet&#x27; has no owner" in app.impl_warnings.value
    assert "Action &#x27;Too late&#x27; ends in month 29, past the plan&#x27;s horizon of 24 months." in app.impl_warnings.value
    hatched = [p for p in app.timeline_ax.patches if p.get_hatch()]
    assert len(hatched) == 1
    horizon_lines = [line for line in app.timeline_ax.lines if list(line.get_xdata()) == [24, 24]]
    assert horizon_lines
    app.horizon.value = 36                                     # a longer horizon removes the warning
    assert app.plan.horizon_months == 36
    assert "past the plan" not in app.impl_warnings.value
    app.horizon.value = 0                                      # a bad horizon is refused, the plan keeps 36
    assert app.plan.horizon_months == 36 and "horizon must be a whole number" in app.strategy_message.value


def test_bad_actions_are_refused_and_the_form_is_kept(app):
    add_action(app, "Catalogue", cost=-1_000_000.0, owner="Association")
    assert app.plan.actions == []
    assert "the cost is negative" in app.act_message.value
    assert app.act_name.value == "Catalogue" and app.act_owner.value == "Association"
    add_action(app, "Catalogue", start=0)
    assert "start month must be a whole number of 1 or more" in app.act_message.value
    add_action(app, "Catalogue")
    add_action(app, "catalogue ")
    assert len(app.plan.actions) == 1 and "already in the plan" in app.act_message.value
    app.act_pick.value = "Catalogue"
    assert app.act_owner.value == "Association" and app.act_duration.value == 3
    app.act_quick.value = True
    app.act_update.click()
    assert app.plan.actions[0].quick_win is True
    app.act_remove.click()
    assert app.plan.actions == [] and "No actions yet" in app.act_table.value


# ---------------------------------------------------------------------------
# Step 5
# ---------------------------------------------------------------------------

def test_kpis_and_the_traffic_light_dashboard(app):
    app.objectives.value = "Reach buyers\nB\nC"
    add_kpi(app, "Direct buyers", "firms", 100, 150, "140", "Reach buyers")
    add_kpi(app, "Late orders", "% of orders", 30, 15, "33")
    add_kpi(app, "Trained", "workers", 0, 200, "")
    assert [strategy.traffic_light(k.baseline, k.target, k.latest) for k in app.plan.kpis] == ["green", "red", "no data"]
    assert app.plan.kpis[2].latest is None
    html = app.kpi_table.value
    assert f'background:{strategy.LIGHT_COLOURS["green"]}">green' in html
    assert f'background:{strategy.LIGHT_COLOURS["red"]}">red' in html
    assert "80%" in html and "-20%" in html
    bars = app.dash_ax.patches                                  # drawn bottom-up: last KPI first
    assert len(bars) == 3
    colours = [strategy.LIGHT_COLOURS[c] for c in ("no data", "red", "green")]
    import matplotlib.colors as mcolors
    assert [mcolors.to_hex(b.get_facecolor()) for b in bars] == [c.lower() for c in colours]
    assert bars[2].get_width() == pytest.approx(0.8)


def test_bad_kpis_are_refused(app):
    add_kpi(app, "Buyers", latest="many")
    assert app.plan.kpis == [] and "&#x27;many&#x27; is not a number" in app.kpi_message.value
    assert app.kpi_latest.value == "many"
    add_kpi(app, "Buyers", baseline=10, target=10)
    assert app.plan.kpis == [] and "the target equals the baseline" in app.kpi_message.value
    add_kpi(app, "Buyers", unit="")
    assert "has no unit" in app.kpi_message.value
    add_kpi(app, "Buyers", latest="1,250")
    assert app.plan.kpis[0].latest == 1250
    app.kpi_pick.value = "Buyers"
    assert app.kpi_latest.value == "1250"
    app.kpi_latest.value = "15"
    app.kpi_update.click()
    assert app.plan.kpis[0].latest == 15


def test_remeasure_links_evaluation_back_to_the_diagnosis(tmp_path):
    scenario = strategy.what_if_year(2026, {("Jawa Tengah", "Furniture"): 1.05})
    app = StrategyApp(plan=strategy.jepara_case(), path="jepara.json", folder=tmp_path, panel=scenario,
                      years=(2019, 2024))
    assert app.plan.diagnosis.end_year == 2024
    app.tabs.selected_index = 4
    app.remeasure_button.click()
    expected = strategy.remeasure(app.plan.diagnosis, panel=scenario)
    latest = {k.measure: k.latest for k in app.plan.kpis if k.measure}
    assert latest == {"jobs": expected.loc["jobs", "value"], "lq": expected.loc["lq", "value"]}
    assert "(2026)" in app.remeasure_result.value and "Updated the latest value of" in app.remeasure_result.value
    assert f"{expected.loc['jobs', 'value']:,.0f}" in app.remeasure_result.value
    assert "no data" not in [strategy.traffic_light(k.baseline, k.target, k.latest) for k in app.plan.kpis]


def test_remeasure_without_newer_data_or_without_a_diagnosis(tmp_path):
    app = StrategyApp(plan=strategy.jepara_case(), path="jepara.json", folder=tmp_path)
    app.remeasure_button.click()
    assert "nothing has changed yet" in app.remeasure_result.value
    empty = StrategyApp(path="empty.json", folder=tmp_path)
    empty.remeasure_button.click()
    assert "Problem: The diagnosis has no province and division yet" in empty.remeasure_result.value


# ---------------------------------------------------------------------------
# The file bar
# ---------------------------------------------------------------------------

def test_save_then_load_in_a_new_app_round_trips_exactly(tmp_path):
    first = StrategyApp(plan=strategy.jepara_case(), path="jepara.json", folder=tmp_path)
    add_stakeholder(first, "Extra bank", "finance", 2, 2)
    first.save_button.click()
    assert "Saved the plan to jepara.json" in first.status.value
    assert strategy.load_plan(tmp_path / "jepara.json") == first.plan
    second = StrategyApp(path="jepara.json", folder=tmp_path)
    second.load_button.click()
    assert second.plan == first.plan
    assert "Loaded jepara.json" in second.status.value and "10 stakeholders" in second.status.value
    assert second.vision.value == first.plan.vision
    assert second.province.value == "Jawa Tengah" and second.division.value == "Furniture"
    assert second.objectives.value.splitlines() == first.plan.objectives
    assert "Extra bank" in second.sh_table.value
    assert len(second.sh_ax.collections) == 10


def test_saving_over_another_plan_is_refused_until_overwrite_is_ticked(tmp_path):
    first = StrategyApp(plan=strategy.jepara_case(), path="plan.json", folder=tmp_path, autosave=False)
    first.save_button.click()
    before = (tmp_path / "plan.json").read_bytes()
    second = StrategyApp(path="plan.json", folder=tmp_path, autosave=False)
    add_stakeholder(second, "My firm")
    second.save_button.click()
    assert "Problem: &#x27;plan.json&#x27; already holds another plan" in second.status.value
    assert "the plan in the app is unchanged" in second.status.value
    assert (tmp_path / "plan.json").read_bytes() == before
    assert [s.name for s in second.plan.stakeholders] == ["My firm"]
    second.overwrite.value = True
    second.save_button.click()
    assert "Saved the plan" in second.status.value
    assert strategy.load_plan(tmp_path / "plan.json") == second.plan
    assert second.overwrite.value is False                    # unticks itself after use
    first.save_button.click()                                 # now the first app would overwrite the second's plan
    assert "already holds another plan" in first.status.value


@pytest.mark.parametrize("content,expected", [
    ("{not json", "is damaged"),
    ('{"hello": "world"}', "is not a Klaster cluster-strategy plan"),
    (None, "missing the field &#x27;plan.actions[0].owner&#x27;"),
])
def test_loading_a_bad_file_keeps_the_work_in_the_app(app, tmp_path, content, expected):
    if content is None:
        raw = json.loads(strategy.plan_to_json(strategy.jepara_case()))
        del raw["plan"]["actions"][0]["owner"]
        content = json.dumps(raw)
    (tmp_path / "other.json").write_text(content, encoding="utf-8")
    add_stakeholder(app, "Workshop group")
    app.vision.value = "Half-typed vision"
    plan_before = app.plan
    app.file_name.value = "other.json"
    app.load_button.click()
    assert expected in app.status.value and "The plan in the app is kept as it was." in app.status.value
    assert app.plan is plan_before and [s.name for s in app.plan.stakeholders] == ["Workshop group"]
    assert app.vision.value == "Half-typed vision"


def test_file_name_problems_are_messages(app, tmp_path):
    app.file_name.value = "plan.txt"
    app.save_button.click()
    assert "must end in .json" in app.status.value
    assert "Autosave paused" in app.autosave_status.value
    app.file_name.value = ""
    app.load_button.click()
    assert "Give the plan a file name" in app.status.value
    app.file_name.value = "missing.json"
    app.load_button.click()
    assert "There is no file" in app.status.value
    assert list(tmp_path.iterdir()) == []


def test_autosave_restore_after_the_browser_closed(tmp_path):
    before = StrategyApp(path="workshop.json", folder=tmp_path)
    add_stakeholder(before, "Workshop group", "firm", 4, 5)
    before.vision.value = "Typed but never saved"
    assert not (tmp_path / "workshop.json").exists()
    # the browser closes; the notebook is opened again and the app's cell is run again
    after = StrategyApp(path="workshop.json", folder=tmp_path)
    assert "An autosave of the plan" in after.autosave_status.value
    add_stakeholder(after, "Something new")                   # would clobber the backup: autosave pauses instead
    assert "Autosave paused" in after.autosave_status.value
    assert strategy.restore_autosave(tmp_path / "workshop.json") == before.plan
    after.restore_button.click()
    assert "Restored the autosave of workshop.json" in after.status.value
    assert after.plan == before.plan and after.vision.value == "Typed but never saved"
    add_stakeholder(after, "Bank", "finance")
    assert strategy.restore_autosave(tmp_path / "workshop.json") == after.plan


def test_loading_an_older_file_does_not_clobber_newer_autosaved_work(tmp_path):
    first = StrategyApp(path="plan.json", folder=tmp_path)
    add_stakeholder(first, "Saved firm")
    first.save_button.click()
    add_stakeholder(first, "Unsaved firm")                    # only in the autosave
    second = StrategyApp(path="plan.json", folder=tmp_path)
    second.load_button.click()
    assert [s.name for s in second.plan.stakeholders] == ["Saved firm"]
    assert "Autosave is paused" in second.autosave_status.value
    add_stakeholder(second, "Another firm")
    assert [s.name for s in strategy.restore_autosave(tmp_path / "plan.json").stakeholders] == [
        "Saved firm", "Unsaved firm"]
    second.restore_button.click()
    assert [s.name for s in second.plan.stakeholders] == ["Saved firm", "Unsaved firm"]


def test_restore_without_a_backup_is_a_message(app):
    app.restore_button.click()
    assert "There is no autosave for &#x27;workshop.json&#x27;" in app.status.value


def test_export_buttons_write_markdown_and_html_without_overwriting(tmp_path):
    app = StrategyApp(plan=strategy.jepara_case(), path="jepara.json", folder=tmp_path, autosave=False)
    app.export_md_button.click()
    assert "Exported the summary: jepara.md, jepara_stakeholders.png, jepara_timeline.png, jepara_kpis.png." in app.status.value
    text = (tmp_path / "jepara.md").read_text(encoding="utf-8")
    assert "## 2. Diagnosis: Furniture in Jawa Tengah" in text
    assert f"{app.plan.diagnosis.numbers['lq_end']:.2f}" in text
    app.export_html_button.click()
    page = (tmp_path / "jepara.html").read_text(encoding="utf-8")
    assert page.count("data:image/png;base64,") == 3 and "<h2>5. Evaluation: KPIs</h2>" in page
    before = (tmp_path / "jepara.html").read_bytes()
    add_stakeholder(app, "Late addition")
    app.export_html_button.click()
    assert "Problem: Not exported: &#x27;jepara.html&#x27; already exists" in app.status.value
    assert (tmp_path / "jepara.html").read_bytes() == before
    app.overwrite.value = True
    app.export_html_button.click()
    assert "Late addition" in (tmp_path / "jepara.html").read_text(encoding="utf-8")
    assert app.overwrite.value is False
    assert sorted(p.name for p in tmp_path.iterdir()) == ["jepara.html", "jepara.md", "jepara_kpis.png",
                                                          "jepara_stakeholders.png", "jepara_timeline.png"]


def test_the_app_copies_the_plan_it_starts_from(tmp_path):
    plan = strategy.jepara_case()
    app = StrategyApp(plan=plan, path="p.json", folder=tmp_path, autosave=False)
    add_stakeholder(app, "New one")
    assert len(plan.stakeholders) == 9 and len(app.plan.stakeholders) == 10


def test_a_plan_from_other_data_keeps_its_numbers(tmp_path):
    plan = Plan(diagnosis=strategy.Diagnosis("Atlantis", "Furniture", 2019, 2024, {"lq_end": 3.0}))
    app = StrategyApp(plan=plan, path="p.json", folder=tmp_path, autosave=False)
    assert app.province.value == "" and app.plan.diagnosis.numbers == {"lq_end": 3.0}
    assert "is not in the data; its saved numbers are kept" in app.diag_message.value
    assert data.PANEL_YEARS[-1] == 2024


def test_an_unexpected_error_is_a_message_not_a_traceback(app, monkeypatch):
    add_stakeholder(app, "Workshop group")

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(strategy, "save_plan", broken)
    app.save_button.click()                                    # does not raise
    assert "Something went wrong (RuntimeError: disk on fire). Your work is kept" in app.status.value
    assert [s.name for s in app.plan.stakeholders] == ["Workshop group"]


def test_renaming_an_objective_keeps_the_actions_link_until_the_user_chooses(app):
    app.objectives.value = "Reach buyers\nB\nC"
    add_action(app, "Fair", "Reach buyers")
    app.objectives.value = "Reach more buyers\nB\nC"
    assert app.plan.actions[0].objective == "Reach buyers"          # kept, with a warning
    assert "which is not one of the plan&#x27;s objectives" in app.impl_warnings.value
    app.act_pick.value = "Fair"
    assert app.act_objective.value == "" and "no longer one of the objectives" in app.act_message.value
    app.act_objective.value = "Reach more buyers"
    app.act_update.click()
    assert app.plan.actions[0].objective == "Reach more buyers"
