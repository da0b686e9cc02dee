"""Checked exercises of lesson 01, what a cluster is (solutions/01_what_is_a_cluster.ipynb).

01.2 asks for a set of labels and 01.6 for a dict of classifications; the
check reads any container (list, tuple, set, pandas Index or Series, dict)
in any order, so a student passes the variable itself.
"""
from __future__ import annotations

from .. import data
from ..definitions import assess_group, definitions, function_stories, scenario, source_check
from ..i18n import N_
from . import Exercise, Mistake, register

# -- 01.1: the definition that does not need the firms to be close together -----
GEOGRAPHY_OPTIONS = {"a": "marshall_1890", "b": "porter_2000", "c": "oecd_1999", "d": "bps_sentra"}


def _letter_where(options: dict, key: str) -> str:
    return next(letter for letter, value in options.items() if value == key)


def _no_geography_needed() -> str:
    table = definitions().set_index("key")
    free = [k for k in GEOGRAPHY_OPTIONS.values() if table.loc[k, "geography"].startswith("not required")]
    return _letter_where(GEOGRAPHY_OPTIONS, free[0])


register(Exercise(
    id="01.1",
    prompt=N_("Which definition does not require the firms to be close together? (a, b, c or d)"),
    expected=_no_geography_needed,
    kind="name",
    options=("a", "b", "c", "d"),
    hint=N_("look at the geography column of definitions(): which row does not say 'required'?"),
    mistakes=(
        Mistake(lambda: _letter_where(GEOGRAPHY_OPTIONS, "marshall_1890"),
                N_("Marshall's industrial district is a locality: one town or district.")),
        Mistake(lambda: _letter_where(GEOGRAPHY_OPTIONS, "porter_2000"),
                N_("Porter (2000) speaks of geographic concentrations.")),
        Mistake(lambda: _letter_where(GEOGRAPHY_OPTIONS, "bps_sentra"),
                N_("BPS counts a sentra within one village.")),
    ),
))

# -- 01.2: the roof-tile village ------------------------------------------------
#: The roof-tile village described in exercise 01.2 (an invented example).
TILE_VILLAGE = dict(geography="co-located", field="same", linkages=True, institutions=False,
                    relations="compete", firms=45, households=300)


def _qualifying(**changes) -> list[str]:
    group = {**TILE_VILLAGE, **changes}
    result = assess_group(**group)
    return result.loc[result["qualifies"], "key"].tolist()


register(Exercise(
    id="01.2",
    prompt=N_("The keys of the definitions under which the roof-tile village is a cluster."),
    expected=_qualifying,
    kind="labels",
    options=tuple(definitions()["key"]),
    hint=N_("describe the village with assess_group(...) one argument at a time, then list the keys of the "
            "rows where qualifies is True."),
    mistakes=(
        Mistake(lambda: _qualifying(households=None),
                N_("the number of households is known, so use the 2020 BPS rule (share of households), "
                   "not the older rule of 20 firms.")),
        Mistake(lambda: _qualifying(relations="both"),
                N_("read again how the makers deal with each other: do they also work together?")),
        Mistake(lambda: _qualifying(linkages=False),
                N_("the makers buy clay from suppliers and sell to traders: those are supplier and buyer links.")),
        Mistake(lambda: _qualifying(field="related"),
                N_("all the makers produce the same thing (roof tiles): that is the same field.")),
        Mistake(lambda: assess_group(**TILE_VILLAGE).query("qualifies")["definition"].tolist(),
                N_("the right definitions, but give their keys (the key column, such as 'marshall_1890'), "
                   "not their names.")),
        Mistake(lambda: assess_group(**TILE_VILLAGE).query("not qualifies")["key"].tolist(),
                N_("those are the definitions under which the village is NOT a cluster: keep the rows where "
                   "qualifies is True.")),
    ),
))

# -- 01.3: Java's share of micro and small manufacturing workers -----------------
JAVA = ("DKI Jakarta", "Jawa Barat", "Jawa Tengah", "DI Yogyakarta", "Jawa Timur", "Banten")


def _java_share(year: int = 2013, size_classes=("micro", "small"), provinces=JAVA) -> float:
    table = data.load_micro_small_workers()
    rows = table[(table["year"] == year) & table["size_class"].isin(size_classes)]
    java = rows.loc[rows["province"].isin(provinces), "workers"].sum()
    return float(java / rows["workers"].sum())


def _java_share_of_both_years() -> float:
    table = data.load_micro_small_workers()
    return float(table.loc[table["province"].isin(JAVA), "workers"].sum() / table["workers"].sum())


register(Exercise(
    id="01.3",
    prompt=N_("Share of Indonesia's micro and small manufacturing workers on Java in 2013, as a fraction, "
              "to 3 decimals."),
    expected=_java_share,
    decimals=3,
    scale="fraction",
    hint=N_("add the micro and small workers of Java's six provinces in 2013 and divide by the total of all "
            "provinces in 2013."),
    mistakes=(
        Mistake(lambda: _java_share(size_classes=("micro",)), N_("count small firms too, not only micro firms.")),
        Mistake(lambda: _java_share(size_classes=("small",)), N_("count micro firms too, not only small firms.")),
        Mistake(lambda: _java_share(year=2014), N_("use 2013: in 2014 Papua's figures are missing.")),
        Mistake(_java_share_of_both_years,
                N_("you added up 2013 and 2014 together; keep only the rows of 2013.")),
        Mistake(lambda: _java_share(provinces=[p for p in JAVA if p != "Banten"]),
                N_("Java has six provinces: did you leave out Banten?")),
        Mistake(lambda: _java_share(provinces=[p for p in JAVA if p != "DKI Jakarta"]),
                N_("Java has six provinces: did you leave out DKI Jakarta?")),
    ),
))

# -- 01.4: spot the mis-citation -------------------------------------------------
CITATION_OPTIONS = {"a": "Porter (1998)", "b": "OECD (2000)", "c": "Lyon & Atherton (2000)",
                    "d": "Marshall (1890)"}


def _not_found() -> str:
    table = source_check()
    cited = table.loc[table["verdict"] == "wording not found", "attributed_to"].iloc[0]
    return _letter_where(CITATION_OPTIONS, cited)


register(Exercise(
    id="01.4",
    prompt=N_("Which citation in the popular article could the course not match to the words it is cited for? "
              "(a, b, c or d)"),
    expected=_not_found,
    kind="name",
    options=("a", "b", "c", "d"),
    hint=N_("for each citation ask: does a text by that author, of that year, say this?"),
    mistakes=(
        Mistake(lambda: _letter_where(CITATION_OPTIONS, "Porter (1998)"),
                N_("Porter (1998) exists (Harvard Business Review and On Competition); the article summarises it "
                   "only partly right.")),
        Mistake(lambda: _letter_where(CITATION_OPTIONS, "Lyon & Atherton (2000)"),
                N_("the article does not cite Lyon & Atherton at all; its list of characteristics only resembles "
                   "theirs.")),
        Mistake(lambda: _letter_where(CITATION_OPTIONS, "Marshall (1890)"),
                N_("the article does not cite Marshall at all: look at the attributed_to column of the table.")),
    ),
))

# -- 01.5: competition and cooperation in Porter (2000) -------------------------
RELATION_ANSWERS = {"a": "cooperate", "b": "both", "c": "compete", "d": "neither"}


def _porter_2000_relation() -> str:
    base = scenario("sentra")
    accepted = [
        letter for letter, relation in RELATION_ANSWERS.items()
        if assess_group(**{**base, "relations": relation}).set_index("key").loc["porter_2000", "qualifies"]
    ]
    return accepted[0]


register(Exercise(
    id="01.5",
    prompt=N_("What does Porter (2000) expect of the firms in a cluster? (a, b, c or d)"),
    expected=_porter_2000_relation,
    kind="name",
    options=("a", "b", "c", "d"),
    hint=N_("read Porter's (2000) definition in the table again: the last words of the idea column."),
    mistakes=(
        Mistake(lambda: _letter_where(RELATION_ANSWERS, "cooperate"),
                N_("that is what the popular article says; Porter keeps rivalry as well.")),
        Mistake(lambda: _letter_where(RELATION_ANSWERS, "compete"),
                N_("Porter keeps rivalry, but read the cooperation_competition column: is rivalry all he expects?")),
        Mistake(lambda: _letter_where(RELATION_ANSWERS, "neither"),
                N_("Porter's clusters are linked firms: read the cooperation_competition column of the table.")),
    ),
))

# -- 01.6: which effect does each story show? -----------------------------------


def _stories(**swap) -> dict:
    answers = function_stories().set_index("story_id")["function"].to_dict()
    answers.update(swap)
    return answers


register(Exercise(
    id="01.6",
    prompt=N_("For each story s1, s2, s3, the effect of clusters it shows (productivity, innovation, new firms)."),
    expected=_stories,
    kind="mapping",
    hint=N_("ask of each story: does a firm work better, does something new appear, or is a new firm born?"),
    mistakes=(
        Mistake(lambda: _stories(s1="productivity"),
                N_("in s1 a new workshop is opened: that is the birth of a new firm.")),
        Mistake(lambda: _stories(s3="productivity"),
                N_("in s3 a new pattern appears: that is innovation, even when it starts from copying.")),
        Mistake(lambda: _stories(s2="new firms"),
                N_("in s2 no new firm is born: an existing workshop does more because skilled workers are near.")),
        Mistake(lambda: _stories(s2="innovation", s3="productivity"),
                N_("s2 and s3 are swapped: which story has something new appear, and which an existing "
                   "workshop that simply does more?")),
    ),
))
