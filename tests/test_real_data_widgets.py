"""The real-data widgets: driven through their controls, checked against the library's own numbers."""
from __future__ import annotations

import numpy as np
import pytest

from klaster import data, measures
from klaster.widgets.io_linkages import IOLinkageExplorer
from klaster.widgets.real_pdrb import WHOLE_PROVINCE, RealPdrbExplorer


@pytest.fixture(scope="module")
def explorer():
    return RealPdrbExplorer()


def test_default_view_is_morowali_against_the_nation(explorer):
    result = explorer.result
    assert result["name"] == "Morowali"
    matrix = data.pdrb_matrix(2022, level="kabkota", suspect="drop")
    assert np.allclose(result["lq"].to_numpy(), measures.location_quotient(matrix).loc["Morowali"].to_numpy())
    both = data.pdrb_matrices([2015, 2022], level="kabkota", suspect="drop")
    expected = measures.shift_share(both[2015], both[2022]).xs("Morowali", level="region")
    assert np.allclose(result["shift_share"].to_numpy(), expected.to_numpy())
    klassen = measures.klassen_typology(both[2015], both[2022]).xs("Morowali", level="region")
    assert result["klassen"]["quadrant"].tolist() == klassen["quadrant"].tolist()
    assert "Morowali" in explorer.reading.value and "Manufacturing" in explorer.reading.value
    assert "Morowali: LQ 2022 against Indonesia" == explorer.lq_ax.get_title()
    c = explorer.sector_codes.index("C")
    assert explorer.bars[c].get_width() == pytest.approx(result["lq"]["C"])
    assert "sektor maju dan tumbuh pesat" in explorer.table.value


def test_reference_and_years_change_the_numbers(explorer):
    before = explorer.result["lq"]["C"]
    explorer.reference.value = "province"
    sulteng = data.pdrb_matrix(2022, level="kabkota", province="Sulawesi Tengah")
    assert explorer.result["lq"]["C"] == pytest.approx(measures.location_quotient(sulteng).loc["Morowali", "C"])
    assert explorer.result["lq"]["C"] != pytest.approx(before)
    assert "against Sulawesi Tengah" in explorer.lq_ax.get_title()
    explorer.end.value = 2019
    assert "E" in explorer.result["lq"].index  # 2019 still has water supply
    assert explorer.ss_ax.get_title() == "Shift-share 2015–2019"
    explorer.reference.value = "nation"
    explorer.end.value = 2022


def test_years_in_the_wrong_order_show_a_problem(explorer):
    explorer.start.value = 2021
    explorer.end.value = 2016
    assert "first year before the last" in explorer.warning.value
    assert explorer.bars[0].get_alpha() == 0.25
    explorer.start.value = 2015
    explorer.end.value = 2022
    assert explorer.warning.value == "" and explorer.bars[0].get_alpha() == 1.0


def test_two_level_choice_and_search(explorer):
    explorer.province.value = "Jawa Tengah"
    assert explorer.kabkota.value == WHOLE_PROVINCE and explorer.result["name"] == "Jawa Tengah"
    assert any(label == "Kudus" for label, _code in explorer.kabkota.options)
    explorer.kabkota.value = data.find_region("Kudus")
    assert explorer.result["name"] == "Kudus" and explorer.result["lq"]["C"] > 3  # kretek
    explorer.search.value = "Kota Batam"
    assert explorer.province.value == "Kepulauan Riau" and explorer.result["name"] == "Kota Batam"
    explorer.search.value = "Batamm"
    assert "did you mean 'Kota Batam'" in explorer.warning.value.replace("&#x27;", "'")
    assert explorer.result["name"] == "Kota Batam"  # nothing changed
    explorer.search.value = "Morowali"
    assert explorer.result["name"] == "Morowali"


def test_suspect_cells_are_shown_not_hidden():
    widget = RealPdrbExplorer(province="Jawa Timur", kabkota="Malang", start=2014, end=2016)
    assert widget.result["suspect"], "Malang 2014 has suspect cells"
    assert "Suspect cells of Malang" in widget.warning.value
    c = widget.sector_codes.index("C")
    assert widget.bars[c].get_hatch() == "////" and widget.values[c].get_text().endswith("!")
    assert "⚠ 2014" in widget.table.value
    widget.kabkota.value = data.find_region("Kota Surabaya")
    assert not widget.result["suspect"] and widget.bars[c].get_hatch() is None
    assert "Left out of the reference" in widget.warning.value and "Malang" in widget.warning.value


def test_a_kabupaten_that_did_not_exist_yet():
    widget = RealPdrbExplorer(province="Sulawesi Tenggara", kabkota="Muna Barat", start=2011, end=2019)
    assert "did not exist yet in 2011" in widget.warning.value
    widget.start.value = 2015
    assert widget.warning.value == "" and widget.result["name"] == "Muna Barat"


def test_io_widget_shows_the_library_linkages():
    widget = IOLinkageExplorer()
    table = data.load_io_table("Sulawesi Selatan")
    expected = measures.linkages(table.flows, table.total_output)
    assert widget.table.equals(expected)
    assert "C Manufacturing" in widget.reading.value and "D Electricity" in widget.reading.value
    offsets = widget.points.get_offsets()
    assert offsets[2][0] == pytest.approx(expected.loc["C", "backward"])
    widget.forward.value = "ghosh"
    ghosh = measures.linkages(table.flows, table.total_output, forward="ghosh")
    assert np.allclose(widget.points.get_offsets()[:, 1], np.clip(ghosh["forward"], 0.52, 2.18))
    assert "Ghosh" in widget.caption.value
    widget.province.value = "Papua Barat"
    assert "Papua Barat Daya was split off" in widget.notes.value and "sector B" in widget.notes.value
    assert widget.bar_names[-1].get_text() == "D Electricity & gas"  # largest multiplier on top
    widget.province.value = "Kepulauan Riau"
    assert widget.notes.value == "" and "Kepulauan Riau 2016" in widget.link_ax.get_title()


@pytest.mark.parametrize("cls", [RealPdrbExplorer, IOLinkageExplorer])
def test_controls_respond_fast_enough(cls):
    """The widget target is about 100 ms per control change; on a busy shared machine allow 3x."""
    import time
    widget = cls()
    controls = [c for c in (getattr(widget, n, None) for n in ("end", "reference", "kabkota", "forward", "province"))
                if c is not None]
    timings = []
    for control in controls:
        options = [o[1] if isinstance(o, tuple) else o for o in control.options]
        for value in [o for o in options if o != control.value][:2]:
            started = time.perf_counter()
            control.value = value
            timings.append(time.perf_counter() - started)
    assert np.median(timings) < 0.3
