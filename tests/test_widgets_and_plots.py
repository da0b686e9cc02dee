"""Widgets are tested by driving their controls and asserting on what changes;
the map shows the library's numbers."""
from __future__ import annotations

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
import pytest

from klaster import data, plots, widgets
from klaster.indicators import INDICATORS, province_indicators


def test_widgets_check_follows_its_slider():
    box = widgets.widgets_check()
    slider, sentence = box.children
    slider.value = 7
    assert "<b>49</b>" in sentence.value
    slider.value = 2
    assert "<b>4</b>" in sentence.value


@pytest.fixture(scope="module")
def explorer():
    return widgets.ProvinceMapExplorer()


def test_map_explorer_starts_with_density(explorer):
    assert explorer.variable.value == "Population density"
    assert explorer.image.value[:8] == b"\x89PNG\r\n\x1a\n"
    assert "DKI Jakarta" in explorer.caption.value       # the densest province
    expected = data.load_provinces().set_index("bps_code")
    np.testing.assert_allclose(explorer.map.values.loc[expected.index],
                               expected["population"] / expected["area_km2"])


@pytest.mark.parametrize("choice", [name for name in INDICATORS if name != "Population density"])
def test_choosing_a_variable_changes_map_caption_and_numbers(explorer, choice):
    explorer.variable.value = "Population density"
    before_image, before_caption = explorer.image.value, explorer.caption.value
    before_colours = explorer.map.collection.get_facecolor().copy()
    explorer.variable.value = choice
    assert explorer.image.value != before_image
    assert explorer.caption.value != before_caption
    assert not np.array_equal(explorer.map.collection.get_facecolor(), before_colours)
    indicator = INDICATORS[choice]
    assert indicator.label.lower() in explorer.caption.value
    assert explorer.map.ax.get_title().startswith(indicator.label)
    expected = province_indicators()[indicator.column]
    pd.testing.assert_series_equal(explorer.map.values, expected.rename(None), check_names=False,
                                   check_index_type=False)
    top = province_indicators().loc[expected.idxmax(), "name"]
    assert f"Highest: {top}" in explorer.caption.value


def test_provinces_without_comparable_data_are_grey_and_counted(explorer):
    explorer.variable.value = "Micro and small manufacturing workers, 2013"
    codes = list(explorer.map.codes)
    grey = np.array(mcolors.to_rgba(plots.NO_DATA_COLOUR))
    faces = explorer.map.collection.get_facecolor()
    for code in ("64", "65", "91", "92", "93", "94", "95", "96"):
        assert np.allclose(faces[codes.index(code)], grey), code
        assert explorer.map.value_texts[codes.index(code)].get_text() == "no data"
    assert "8 provinces have no comparable data" in explorer.caption.value
    assert not np.allclose(faces[codes.index("33")], grey)


def test_micro_small_on_todays_map_uses_the_published_values():
    table = province_indicators()
    # Jawa Tengah 2013: 1,196,625 micro + 1,287,590 small workers (BPS)
    assert table.loc["33", "micro_small_2013_thousands"] == pytest.approx((1_196_625 + 1_287_590) / 1e3)


def test_tile_map_draws_one_tile_per_province_with_labels_and_colourbar():
    provinces = data.load_provinces()
    tile_map = plots.tile_map(provinces.set_index("bps_code")["population"], provinces,
                              title="Population", label="people")
    assert len(tile_map.collection.get_paths()) == 38
    assert tile_map.colorbar.ax.get_ylabel() == "people"
    assert tile_map.ax.get_title() == "Population"
    assert tile_map.ax.get_xlabel()  # says how to read the map
    assert {t.get_text() for t in tile_map.labels} >= {"JT", "JK", "PS"}


def test_tile_map_diverging_scale_is_centred():
    provinces = data.load_provinces()
    values = pd.Series(np.linspace(0.2, 3.0, 38), index=provinces["bps_code"])
    tile_map = plots.tile_map(values, provinces, center=1.0, value_format="{:.2f}")
    assert isinstance(tile_map.colorbar.mappable.norm, mcolors.TwoSlopeNorm)
    assert tile_map.colorbar.mappable.norm.vcenter == 1.0


def test_tile_map_explains_bad_input():
    provinces = data.load_provinces()
    with pytest.raises(ValueError, match="matches a province code"):
        plots.tile_map(pd.Series({"XX": 1.0}), provinces)
    with pytest.raises(ValueError, match="logarithmic colour scale needs values above zero"):
        plots.tile_map(pd.Series(0.0, index=provinces["bps_code"]), provinces, log=True)
    with pytest.raises(ValueError, match="needs the columns"):
        plots.TileMap(provinces.drop(columns="tile_col"))


def test_course_style_uses_the_colour_blind_safe_palette():
    import matplotlib.pyplot as plt
    plots.use_course_style()
    cycle = [c["color"] for c in plt.rcParams["axes.prop_cycle"]]
    assert cycle[:3] == [plots.OKABE_ITO["blue"], plots.OKABE_ITO["orange"], plots.OKABE_ITO["bluish_green"]]
    assert plt.rcParams["image.cmap"] == "viridis"
