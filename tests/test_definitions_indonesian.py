"""Lesson 01 in Indonesian mode: the definitions table, the rule-based test, the source check and
the other tables of klaster.definitions speak Indonesian, while every key, code and number that
code or a check compares stays the same in both languages."""
from __future__ import annotations

import itertools

import pytest

from klaster import KlasterTypeError, KlasterValueError, i18n
from klaster.definitions import (FIELD_OPTIONS, GEOGRAPHY_OPTIONS, RELATION_OPTIONS, SCENARIOS, VERDICTS,
                                 assess_group, cluster_functions, definitions, function_stories, scenario,
                                 sentra_by_commodity, source_check)
from klaster.widgets.cluster_test import ClusterTest


def in_both(function, *args, **kwargs):
    with i18n.use_language("en"):
        english = function(*args, **kwargs)
    with i18n.use_language("id"):
        indonesian = function(*args, **kwargs)
    return english, indonesian


def every_group():
    """Every combination of the descriptive choices, with the counts that reach each BPS branch."""
    counts = [(1, None), (45, 300), (60, 300), (19, None), (20, None), (12, 1500)]
    for geography, field, linkages, institutions, relations, (firms, households) in itertools.product(
            GEOGRAPHY_OPTIONS, FIELD_OPTIONS, (True, False), (True, False), RELATION_OPTIONS, counts):
        yield dict(geography=geography, field=field, linkages=linkages, institutions=institutions,
                   relations=relations, firms=firms, households=households)


def test_every_deciding_condition_has_an_indonesian_text_and_the_verdicts_do_not_change():
    seen = {}
    for group in every_group():
        english, indonesian = in_both(assess_group, **group)
        assert english[["key", "qualifies"]].equals(indonesian[["key", "qualifies"]])
        for en, id_ in zip(english["deciding_condition"], indonesian["deciding_condition"]):
            seen[en] = id_
    untranslated = sorted(en for en, id_ in seen.items() if en == id_)
    assert not untranslated, untranslated
    assert len(seen) >= 20          # every branch of every rule was reached


def test_the_bps_condition_writes_numbers_the_indonesian_way():
    english, indonesian = in_both(assess_group, **scenario("hub") | {"field": "same"})
    assert "12 similar businesses are 1% of the village's 1,500 households" in english.iloc[-1]["deciding_condition"]
    condition = indonesian.set_index("key").loc["bps_sentra", "deciding_condition"]
    assert "1.500 rumah tangga" in condition and "20%" in condition
    older = in_both(assess_group, **scenario("estate") | {"field": "same"})[1]
    assert "aturan lama" in older.set_index("key").loc["bps_sentra", "deciding_condition"]


def test_definitions_table_reads_in_indonesian_and_keeps_its_codes():
    english, indonesian = in_both(definitions)
    for column in ("key", "year", "field", "citation"):
        assert english[column].equals(indonesian[column]), column
    for column in ("idea", "geography", "linkages", "institutions", "cooperation_competition", "measured_by"):
        assert (english[column] != indonesian[column]).all(), column
    table = indonesian.set_index("key")
    assert table.loc["oecd_1999", "geography"].startswith("tidak wajib")
    assert table.loc["marshall_1890", "geography"].startswith("wajib")
    assert table.loc["bps_sentra", "source"] == "Sentra BPS (2020)"
    assert table.loc["porter_2000", "source"] == "Porter (2000)"       # citations stay as they are
    # the check of exercise 01.1 reads the English table, whatever the language
    assert english.set_index("key").loc["oecd_1999", "geography"].startswith("not required")


@pytest.mark.parametrize("changes, error, words", [
    ({"geography": "near"}, KlasterValueError, "geography harus salah satu dari 'co-located' atau 'spread out'"),
    ({"linkages": "yes"}, KlasterTypeError, "linkages harus True atau False"),
    ({"firms": 0}, KlasterValueError, "Jumlah perusahaan harus paling sedikit 1, bukan 0"),
    ({"firms": 2.5}, KlasterValueError, "bilangan bulat"),
    ({"households": 0}, KlasterValueError, "Jumlah rumah tangga harus paling sedikit 1"),
])
def test_bad_descriptions_are_explained_in_indonesian(changes, error, words):
    with i18n.use_language("id"), pytest.raises(error, match=words):
        assess_group(**{**scenario("sentra"), **changes})


def test_an_unknown_scenario_is_explained_in_indonesian():
    with i18n.use_language("id"), pytest.raises(KlasterValueError, match="Tidak ada skenario 'park'"):
        scenario("park")


def test_source_check_in_indonesian_keeps_the_articles_citations():
    english, indonesian = in_both(source_check)
    assert set(english["verdict"]) <= set(VERDICTS)
    assert set(indonesian["verdict"]) == {i18n.translated(v, "id") for v in english["verdict"]}
    assert not set(indonesian["verdict"]) & set(VERDICTS)
    cited = ["Porter (1998)", "OECD (2000)"]
    assert indonesian["attributed_to"].head(2).tolist() == english["attributed_to"].head(2).tolist() == cited
    for column in ("claim", "what_the_sources_say"):
        assert (english[column] != indonesian[column]).all(), column
    # the article's own words, quoted in its original Indonesian
    assert "daya saingnya dapat dibilang cukup tinggi" in indonesian.loc[0, "claim"]


def test_functions_stories_and_commodities_in_indonesian():
    english, indonesian = in_both(cluster_functions)
    assert english[["function", "function_id"]].equals(indonesian[["function", "function_id"]])
    assert (english["how"] != indonesian["how"]).all() and (english["illustration"] != indonesian["illustration"]).all()
    assert "170.000 pekerja" in indonesian.loc[0, "illustration"]
    english, indonesian = in_both(function_stories)
    assert english[["story_id", "function"]].equals(indonesian[["story_id", "function"]])
    assert (english["story"] != indonesian["story"]).all()
    english, indonesian = in_both(sentra_by_commodity)
    assert english["share_percent"].equals(indonesian["share_percent"])
    assert (english["commodity"] != indonesian["commodity"]).all()


def test_widget_shows_the_translated_conditions_and_keeps_the_codes():
    with i18n.use_language("id"):
        tester = ClusterTest(start="hub")
        labels = dict(tester.relations.options)
        assert tuple(labels.values()) == RELATION_OPTIONS and "bekerja sama" in labels
        assert "Sentra BPS (2020)" in tester.verdicts.value
        assert "bidang-bidang yang terkait, padahal sentra" in tester.verdicts.value
        tester.field.value = "same"
        assert "1.500 rumah tangga" in tester.verdicts.value
        tester.relations.value = "compete"
        assert "bersaing tetapi tidak bekerja sama" in tester.verdicts.value
        assert set(SCENARIOS) == set(tester.scenario_buttons)
        assert tester.scenario_buttons["estate"].description == i18n.translated(SCENARIOS["estate"]["label"], "id")
        assert tester.scenario_buttons["estate"].description != SCENARIOS["estate"]["label"]
