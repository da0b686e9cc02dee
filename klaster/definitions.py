"""What counts as an industrial cluster (klaster industri): the main definitions
side by side, and a rule-based test of whether a described group of firms
qualifies under each of them.

The definitions are kept as data (``definitions()``), so a lesson can show
them as a table and a test can check that the rules follow the table. The
rules in ``assess_group`` are the course's reading of each source: a source
rarely states a definition as a checklist, so each rule names the conditions
the source insists on and leaves out what it only mentions.

Sources: Marshall (1890); Porter (1998a, 1998b, 2000); OECD (1999);
Delgado, Porter & Stern (2016); Badan Pusat Statistik (2020). Full citations
are in the ``citation`` column, rendered from ``klaster.bibliography``.
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from . import bibliography
from .errors import KlasterTypeError, KlasterValueError
from .i18n import N_, _, _f
from .labels import labels_answer  # noqa: F401  (used by lessons 01-02 and their checks)

#: The codes assess_group takes; marked N_() so that a widget can show them translated (the codes never change).
GEOGRAPHY_OPTIONS = (N_("co-located"), N_("spread out"))
FIELD_OPTIONS = (N_("same"), N_("related"), N_("unrelated"))
RELATION_OPTIONS = (N_("compete"), N_("cooperate"), N_("both"), N_("neither"))

#: The rule the course's notes give for BPS's Direktori Sentra Industri 2020: similar businesses are at
#: least 20% of the village's households. Not verified: BPS's published definition of a sentra, as far
#: as the course has checked it, states no such threshold. The course uses it as a classroom rule.
BPS_MIN_HOUSEHOLD_SHARE_PERCENT = 20
#: Older BPS work: at least 20 similar firms in one village.
BPS_MIN_FIRMS_OLDER_RULE = 20

_COLUMNS = ["key", "source", "author", "year", "idea", "geography", "field", "linkages", "institutions",
            "cooperation_competition", "measured_by", "citation"]

#: The columns of definitions() shown in the course language (the others are codes, numbers or citations).
_READABLE = ["source", "author", "idea", "geography", "linkages", "institutions", "cooperation_competition",
             "measured_by"]

_DEFINITIONS = [
    {
        "key": "marshall_1890",
        "source": "Marshall (1890)",
        "author": "Alfred Marshall",
        "year": 1890,
        "idea": N_("industrial district: one specialised industry concentrated in a locality, which gains a "
                   "pool of skilled workers, specialised local suppliers and shared know-how"),
        "geography": N_("required: one town or district"),
        "field": "same",
        "linkages": N_("not required (specialised suppliers grow up nearby)"),
        "institutions": N_("not required"),
        "cooperation_competition": N_("not required"),
        "measured_by": N_("count the firms or workers of one industry in a town and compare with other places "
                          "(for example a location quotient, lesson 03)"),
        "citation": bibliography.render("marshall1890", "text"),
    },
    {
        "key": "porter_1998",
        "source": "Porter (1998a, 1998b)",
        "author": "Michael E. Porter",
        "year": 1998,
        "idea": N_("a geographically close group of interconnected companies and associated institutions in one "
                   "field, linked by what they have in common and by how they complement each "
                   "other; it raises productivity, drives innovation and brings new firms"),
        "geography": N_("required: geographically proximate"),
        "field": "related",
        "linkages": N_("required: trade links or shared institutions"),
        "institutions": N_("part of the cluster (can supply the links)"),
        "cooperation_competition": N_("both discussed in the text (Porter 1998b, chapter 7), but not named in the "
                                      "definition itself"),
        "measured_by": N_("map the firms, suppliers and institutions of a field in a region; look for the three "
                          "effects: productivity, innovation, new firms"),
        "citation": bibliography.render("porter1998a", "text") + " " + bibliography.render("porter1998b", "text"),
    },
    {
        "key": "porter_2000",
        "source": "Porter (2000)",
        "author": "Michael E. Porter",
        "year": 2000,
        "idea": N_("geographic concentrations of interconnected companies, specialised suppliers, service "
                   "providers, related industries and associated institutions in a field, that compete but "
                   "also cooperate"),
        "geography": N_("required: geographic concentration"),
        "field": "related",
        "linkages": N_("required: trade links or shared institutions"),
        "institutions": N_("part of the cluster (universities, standards agencies, trade associations)"),
        "cooperation_competition": N_("required: the definition itself says the firms compete and also cooperate"),
        "measured_by": N_("employment in a group of related industries in a region, plus a survey of links, "
                          "institutions, rivalry and cooperation"),
        "citation": bibliography.render("porter2000", "text"),
    },
    {
        "key": "oecd_1999",
        "source": "OECD (1999)",
        "author": N_("OECD (chapter by T. Roelandt and P. den Hertog)"),
        "year": 1999,
        "idea": N_("networks of production of strongly interdependent firms, including specialised suppliers, "
                   "linked in a value-adding production chain, often with universities, research institutes, "
                   "business services, bridging institutions and customers"),
        "geography": N_("not required (the definition does not mention distance)"),
        "field": "related",
        "linkages": N_("required: a production chain"),
        "institutions": N_("often present (universities, research institutes, bridging institutions)"),
        "cooperation_competition": N_("interdependence and alliances (cooperation)"),
        "measured_by": N_("input-output tables: groups of industries that buy from and sell to each other"),
        "citation": bibliography.render("oecd1999", "text"),
    },
    {
        "key": "delgado_2016",
        "source": "Delgado, Porter & Stern (2016)",
        "author": "Mercedes Delgado, Michael E. Porter, Scott Stern",
        "year": 2016,
        "idea": N_("geographic concentrations of industries related by knowledge, skills, inputs, demand and "
                   "other linkages"),
        "geography": N_("required: geographic concentration"),
        "field": "related",
        "linkages": N_("counts (one of several kinds of relatedness)"),
        "institutions": N_("not required"),
        "cooperation_competition": N_("not required"),
        "measured_by": N_("group industries that locate together and share inputs, skills and buyers into "
                          "cluster categories; then measure each region's employment in each category "
                          "(the US Cluster Mapping project)"),
        "citation": bibliography.render("delgado2016", "text"),
    },
    {
        "key": "bps_sentra",
        "source": N_("BPS sentra (2020)"),
        "author": "Badan Pusat Statistik (BPS)",
        "year": 2020,
        "idea": N_("an industrial centre (sentra industri): a village where similar businesses are concentrated"),
        "geography": N_("required: one village (desa)"),
        "field": "same",
        "linkages": N_("not required"),
        "institutions": N_("not required"),
        "cooperation_competition": N_("not required"),
        "measured_by": N_("count similar businesses in each village: at least 20% of the village's households "
                          "(the course's notes on the 2020 directory; a rule not verified against BPS's published "
                          "definition); older work: at least 20 firms"),
        "citation": bibliography.render("bps2020", "text"),
    },
]

SCENARIOS = {
    "sentra": {
        "label": N_("A real sentra (a furniture-making village)"),
        "description": N_("Many small workshops in one village make the same kind of furniture. They buy timber "
                          "from local traders and subcontract carving to each other; they have an association; "
                          "they compete for buyers and also share big orders. (Numbers invented for the example.)"),
        "group": dict(geography="co-located", field="same", linkages=True, institutions=True,
                      relations="both", firms=120, households=400),
    },
    "estate": {
        "label": N_("An industrial estate of unrelated factories"),
        "description": N_("Thirty-five factories in one industrial estate (kawasan industri) make unrelated "
                          "products: noodles, car parts, plastic bottles, garments. They do not trade with each "
                          "other, share no institution and do not compete. (Numbers invented for the example.)"),
        "group": dict(geography="co-located", field="unrelated", linkages=False, institutions=False,
                      relations="neither", firms=35, households=None),
    },
    "hub": {
        "label": N_("One large firm with its suppliers"),
        "description": N_("One large factory and the eleven small suppliers that make its parts sit in the same "
                          "village. The suppliers depend on the one buyer; nobody competes with the large firm. "
                          "(Numbers invented for the example.)"),
        "group": dict(geography="co-located", field="related", linkages=True, institutions=False,
                      relations="cooperate", firms=12, households=1500),
    },
}


def definitions() -> pd.DataFrame:
    """The definitions of a cluster, one row each, in the order the course teaches them.

    Columns: key, source, author, year, idea (the definition in the course's
    words), geography, field ('same' = one industry, 'related' = same or
    related industries), linkages, institutions, cooperation_competition
    (what the definition asks for each), measured_by (how it could be
    measured) and citation. A new copy is returned on every call.

    The texts meant for reading (source, author, idea and the columns of
    what each definition asks) are in the course language; key, year, field
    (the codes 'same' and 'related', as assess_group takes them) and citation
    (as published) are the same in every language.
    """
    table = pd.DataFrame(_DEFINITIONS, columns=_COLUMNS)
    table[_READABLE] = table[_READABLE].map(_)
    return table.astype({"year": "int64"})


# ---------------------------------------------------------------------------
# The rule-based test
# ---------------------------------------------------------------------------

def _check_choice(value, options, name: str) -> str:
    """``value`` read as one of ``options`` (the codes); ``name`` is the argument's name, the same in every language."""
    if not isinstance(value, str):
        raise KlasterTypeError(_("{name} must be one of {options}, not {type} {value}.").format(
            name=name, options=_options(options), type=type(value).__name__, value=repr(value)))
    cleaned = " ".join(value.strip().lower().replace("_", " ").replace("-", " ").split())
    for option in options:
        if cleaned == option.replace("-", " "):
            return option
    raise KlasterValueError(_("{name} must be one of {options}, not {value}.").format(
        name=name, options=_options(options), value=repr(value)))


def _options(options) -> str:
    """The codes quoted and listed: "'a', 'b' or 'c'" (the codes themselves are never translated)."""
    quoted = [repr(o) for o in options]
    return _("{first} or {last}").format(first=", ".join(quoted[:-1]), last=quoted[-1])


def _check_flag(value, name: str) -> bool:
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise KlasterTypeError(_("{name} must be True or False, not {value}.").format(name=name, value=repr(value)))


#: What a count is called in a message (the subject of the sentence), by argument.
_COUNT_NAMES = {"firms": N_("The number of firms"), "households": N_("The number of households")}


def _check_count(value, name: str, minimum: int) -> int:
    what = _(_COUNT_NAMES[name])
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer, float, np.floating)):
        raise KlasterTypeError(_("{what} must be a whole number, not {value}.").format(what=what, value=repr(value)))
    if not float(value).is_integer():
        raise KlasterValueError(_("{what} must be a whole number, not {value}.").format(what=what, value=repr(value)))
    if value < minimum:
        raise KlasterValueError(_("{what} must be at least {minimum}, not {value}.").format(
            what=what, minimum=minimum, value=int(value)))
    return int(value)


# Each rule returns (qualifies, the deciding condition in the course language). Every condition is one
# whole sentence in the catalog: where the English varies (related or unrelated fields, the three
# relations), each variant is its own text, because the words around it change in other languages.

def _rule_marshall(g) -> tuple[bool, str]:
    if g["geography"] != "co-located":
        return False, _("the firms are spread out, but Marshall's district is one locality")
    if g["field"] == "related":
        return False, _("the firms are in related fields, but Marshall's district is one specialised industry")
    if g["field"] == "unrelated":
        return False, _("the firms are in unrelated fields, but Marshall's district is one specialised industry")
    return True, _("firms of one specialised industry in one locality: an industrial district")


def _interconnected(g) -> tuple[bool, str]:
    if g["geography"] != "co-located":
        return False, _("the firms are spread out, but Porter's cluster is geographically close")
    if g["field"] == "unrelated":
        return False, _("the firms are in unrelated fields, but a Porter cluster is one field with its related "
                        "industries")
    if not (g["linkages"] or g["institutions"]):
        return False, _("the firms have neither trade links nor shared institutions, so they are not "
                        "interconnected")
    return True, ""


def _rule_porter_1998(g) -> tuple[bool, str]:
    ok, why = _interconnected(g)
    if not ok:
        return ok, why
    return True, _("close together, in one field, and interconnected through trade links or shared institutions")


#: Why Porter (2000) is not met, by the relation between the firms (one whole sentence each).
_PORTER_2000_FAILS = {
    "compete": N_("the firms compete but do not cooperate; Porter (2000) expects firms that compete and also "
                  "cooperate"),
    "cooperate": N_("the firms cooperate but do not compete; Porter (2000) expects firms that compete and also "
                    "cooperate"),
    "neither": N_("the firms neither compete nor cooperate; Porter (2000) expects firms that compete and also "
                  "cooperate"),
}


def _rule_porter_2000(g) -> tuple[bool, str]:
    ok, why = _interconnected(g)
    if not ok:
        return ok, why
    relations = g["relations"]
    if relations != "both":
        return False, _(_PORTER_2000_FAILS[relations])
    return True, _("close together, in one field, interconnected, and the firms compete while also cooperating")


def _rule_oecd_1999(g) -> tuple[bool, str]:
    if g["field"] == "unrelated":
        return False, _("firms in unrelated fields do not form one production chain")
    if not g["linkages"]:
        return False, _("without supplier and buyer links there is no network of production")
    if g["geography"] == "spread out":
        return True, _("interdependent firms linked in a production chain (location is not part of this definition)")
    return True, _("interdependent firms linked in a production chain")


def _rule_delgado_2016(g) -> tuple[bool, str]:
    if g["geography"] != "co-located":
        return False, _("the firms are spread out, but the definition needs a geographic concentration")
    if g["field"] == "unrelated":
        return False, _("the industries are unrelated, but the definition needs related industries")
    return True, _("a geographic concentration of related industries")


def _rule_bps(g) -> tuple[bool, str]:
    if g["geography"] != "co-located":
        return False, _("the businesses are spread out, but a sentra is counted within one village")
    if g["field"] == "related":
        return False, _("the businesses are in related fields, but a sentra counts similar businesses")
    if g["field"] == "unrelated":
        return False, _("the businesses are in unrelated fields, but a sentra counts similar businesses")
    firms, households = g["firms"], g["households"]
    if households is None:
        ok = firms >= BPS_MIN_FIRMS_OLDER_RULE
        return ok, _f("{firms} similar businesses in the village; the older rule asks for at least {minimum} "
                      "(households not known, so the 2020 rule cannot be applied)",
                      firms=firms, minimum=BPS_MIN_FIRMS_OLDER_RULE)
    ok = firms * 100 >= BPS_MIN_HOUSEHOLD_SHARE_PERCENT * households
    return ok, _f("{firms} similar businesses are {share:.0%} of the village's {households:,} households; the "
                  "2020 rule asks for at least {minimum}%",
                  firms=firms, share=firms / households, households=households,
                  minimum=BPS_MIN_HOUSEHOLD_SHARE_PERCENT)


_RULES = {
    "marshall_1890": _rule_marshall,
    "porter_1998": _rule_porter_1998,
    "porter_2000": _rule_porter_2000,
    "oecd_1999": _rule_oecd_1999,
    "delgado_2016": _rule_delgado_2016,
    "bps_sentra": _rule_bps,
}


def describe_group(geography: str, field: str, linkages: bool, institutions: bool, relations: str,
                   firms: int, households: int | None = None) -> dict:
    """Check a description of a group of firms and return it as a clean dict.

    geography: 'co-located' or 'spread out'. field: 'same' (all firms make
    similar products), 'related' (different but linked products) or
    'unrelated'. linkages: True if the firms buy from and sell to each other.
    institutions: True if they share local institutions (a university, an
    association, a training centre). relations: 'compete', 'cooperate',
    'both' or 'neither'. firms: the number of firms in the village (1 or
    more). households: the number of households in the village, or None when
    not known.
    """
    group = {
        "geography": _check_choice(geography, GEOGRAPHY_OPTIONS, "geography"),
        "field": _check_choice(field, FIELD_OPTIONS, "field"),
        "linkages": _check_flag(linkages, "linkages"),
        "institutions": _check_flag(institutions, "institutions"),
        "relations": _check_choice(relations, RELATION_OPTIONS, "relations"),
        "firms": _check_count(firms, "firms", 1),
        "households": None if households is None else _check_count(households, "households", 1),
    }
    return group


def assess_group(geography: str, field: str, linkages: bool, institutions: bool, relations: str,
                 firms: int, households: int | None = None) -> pd.DataFrame:
    """Test a described group of firms against every definition in ``definitions()``.

    The arguments are those of ``describe_group``. Returns one row per
    definition with columns key, definition, qualifies (bool) and
    deciding_condition: the first condition the group fails, or, if it
    qualifies, the conditions it meets, in words. The definition's name and
    the condition are in the course language; key and qualifies are not.

    Rules (the course's reading of each source):

    - every definition: a single firm is not a group, so firms >= 2;
    - Marshall (1890): co-located and the same field;
    - Porter (1998a, 1998b): co-located, same or related field, and
      interconnected (supplier-buyer links or shared institutions);
    - Porter (2000): as Porter (1998a, 1998b), and the firms compete and also
      cooperate, because the 2000 definition says so in its own words (the
      1998 texts say it in their discussion, not in the definition);
    - OECD (1999): supplier-buyer links in a same-or-related field, anywhere;
    - Delgado, Porter & Stern (2016): co-located, same or related field;
    - BPS sentra: co-located in one village, same field, and similar
      businesses >= 20% of the village's households (the rule the course's
      notes give for the Direktori Sentra Industri 2020; not verified against
      BPS's published definition). When households is None, the older rule
      of at least 20 firms in the village is used instead. Each firm counts as
      one business (usaha).
    """
    group = describe_group(geography, field, linkages, institutions, relations, firms, households)
    table = definitions()
    rows = []
    for key, source in zip(table["key"], table["source"]):
        if group["firms"] < 2:
            ok, why = False, _("a single firm is not a group of firms")
        else:
            ok, why = _RULES[key](group)
        rows.append({"key": key, "definition": source, "qualifies": ok, "deciding_condition": why})
    result = pd.DataFrame(rows, columns=["key", "definition", "qualifies", "deciding_condition"])
    return result.astype({"qualifies": bool})


def scenario(name: str) -> dict:
    """The description of one ready-made scenario ('sentra', 'estate' or 'hub'), ready for assess_group(**...)."""
    if name not in SCENARIOS:
        raise KlasterValueError(_("There is no scenario {name}; choose one of {options}.").format(
            name=repr(name), options=_options(tuple(SCENARIOS))))
    return dict(SCENARIOS[name]["group"])


# ---------------------------------------------------------------------------
# Checking a source: the popular account
# ---------------------------------------------------------------------------

_SOURCE_CHECK = [
    {
        "claim": N_("A cluster is a group of similar firms that cooperate, help, complement and strengthen each "
                    "other, because their competitiveness (daya saing) is fairly high."),
        "attributed_to": "Porter (1998)",
        "what_the_sources_say": N_("Porter's clusters include suppliers, related industries and institutions, not "
                                   "only similar firms, and they sit close together. In Porter's argument the cause "
                                   "runs the other way: being in a cluster, where firms compete and also cooperate, "
                                   "makes them more productive and so more competitive. The article also drops "
                                   "rivalry, which Porter counts as a source of the cluster's strength."),
        "verdict": N_("partly matches"),
    },
    {
        "claim": N_("A cluster is a group of businesses linked by common products, the same labour skills and "
                    "the same technology."),
        "attributed_to": "OECD (2000)",
        "what_the_sources_say": N_("An OECD paper on clusters of 2000 exists (OECD 2000: a background report by "
                                   "Enright and Ffowcs-Williams for the Bologna ministerial conference), but the "
                                   "course could not match the article's wording to it, nor to OECD (1999), which "
                                   "describes networks of production linked in a value chain, or OECD (2001). The "
                                   "article may paraphrase loosely or repeat a mis-citation; the course cannot tell."),
        "verdict": N_("wording not found"),
    },
    {
        "claim": N_("So a cluster is a grouping of businesses that cooperate within one kind of sector."),
        "attributed_to": N_("the article's own conclusion"),
        "what_the_sources_say": N_("The conclusion drops two things all of Porter's definitions keep: being close "
                                   "together, and competing. It also narrows the cluster to one sector, while "
                                   "Porter and the OECD include related industries and institutions."),
        "verdict": N_("not supported"),
    },
    {
        "claim": N_("Its characteristics are connectivity, mutual reinforcement, concentration and organisation."),
        "attributed_to": N_("no source given"),
        "what_the_sources_say": N_("The list resembles Lyon & Atherton's (2000) three characteristics: "
                                   "commonality, concentration and connectivity. Reusing a list without naming "
                                   "where it comes from is a warning sign."),
        "verdict": N_("partly matches"),
    },
    {
        "claim": N_("A core cluster is surrounded by institutions, consumers and others."),
        "attributed_to": N_("no source given"),
        "what_the_sources_say": N_("Consistent with Porter (2000) and OECD (1999), which count institutions and "
                                   "customers as part of the cluster (lesson 02)."),
        "verdict": N_("matches"),
    },
    {
        "claim": N_("Clusters raise productivity and innovation and strengthen the local economy."),
        "attributed_to": N_("no source given"),
        "what_the_sources_say": N_("Consistent with Porter (1998a): higher productivity and more innovation. "
                                   "Porter's third effect, the formation of new firms, is missing."),
        "verdict": N_("matches"),
    },
]

VERDICTS = ("matches", "partly matches", "not supported", "wording not found")


def source_check() -> pd.DataFrame:
    """The popular Indonesian article's claims, set against the sources (the course's own check).

    The article is a popular account on Kompasiana ("Pendekatan dengan Klaster
    Industri dan Aglomerasi, Apa Itu?", Kompasiana 2019); its claims are
    summarised in the course's words. Columns: claim, attributed_to,
    what_the_sources_say, verdict (one of 'matches', 'partly matches', 'not
    supported', 'wording not found': the cited text exists, but the course
    could not find the article's wording in it).

    Every column is in the course language, the verdict too (in Indonesian
    mode "sebagian sesuai" for 'partly matches', and so on); the English
    verdicts are ``VERDICTS``. The article's own citations ("Porter (1998)",
    "OECD (2000)") are kept as the article gives them.
    """
    table = pd.DataFrame(_SOURCE_CHECK, columns=["claim", "attributed_to", "what_the_sources_say", "verdict"])
    return table.map(_)


# ---------------------------------------------------------------------------
# What clusters do, with Indonesian illustrations
# ---------------------------------------------------------------------------

_FUNCTIONS = [
    {
        "function": "productivity",
        "function_id": "produktivitas",
        "how": N_("firms hire from a shared pool of skilled workers and buy from specialised suppliers nearby, "
                  "so each firm can do more with its inputs"),
        "illustration": N_("Jepara furniture, Central Java: about 170,000 workers in 15,271 production units "
                           "(Roda et al. 2007), a deep pool of skilled woodworkers any workshop can draw on"),
        "source": "Porter (1998a); Marshall (1890); Roda et al. (2007)",
    },
    {
        "function": "innovation",
        "function_id": "inovasi",
        "how": N_("firms see what their neighbours do, copy it and improve on it; demanding buyers and rivals "
                  "nearby push them to try new designs"),
        "illustration": N_("batik, Central Java: 2,191 of Indonesia's 2,951 registered batik micro, small and "
                           "medium businesses (BBKB/Kemenperin registry, 2018); Pekalongan is a UNESCO Creative "
                           "City of Crafts and Folk Art"),
        "source": N_("Porter (1998a); BBKB/Kemenperin registry; UNESCO Creative Cities Network"),
    },
    {
        "function": "new firms",
        "function_id": "usaha baru",
        "how": N_("workers learn a trade in the cluster, then start their own firms, with suppliers and buyers "
                  "already at hand"),
        "illustration": N_("Tegal metalworking, Central Java: skills rooted in a workshop founded about 1918 "
                           "(later PT Barata); in 2019 the Talang subdistrict alone had 368 small and medium (IKM) "
                           "metal firms with 1,436 workers (the district head, reported by Suara Merdeka 2023)"),
        "source": "Porter (1998a); Suara Merdeka (2023)",
    },
]


def cluster_functions() -> pd.DataFrame:
    """The three effects of clusters in Porter (1998a), each with an Indonesian illustration and its source.

    Columns: function (the code exercises use: 'productivity', 'innovation'
    or 'new firms', the same in every language), function_id (the Indonesian
    term, in every language), how (the mechanism), illustration and source
    (these three in the course language).
    """
    table = pd.DataFrame(_FUNCTIONS, columns=["function", "function_id", "how", "illustration", "source"])
    table[["how", "illustration", "source"]] = table[["how", "illustration", "source"]].map(_)
    return table


_STORIES = [
    ("s1", N_("A young man learns welding in a metal workshop for six years, then opens a workshop of his own "
              "two streets away, selling to the same traders."), "new firms"),
    ("s2", N_("A furniture workshop wins a large order and, within a week, hires ten skilled carvers from the "
              "villages around it."), "productivity"),
    ("s3", N_("A batik maker sees a neighbour's new pattern sell well, and creates her own variation of it."),
     "innovation"),
]


def function_stories() -> pd.DataFrame:
    """Three short invented stories, each showing one effect of a cluster (for exercises).

    Columns: story_id, story (in the course language), function (one of
    cluster_functions()["function"], the same in every language).
    """
    table = pd.DataFrame(_STORIES, columns=["story_id", "story", "function"])
    table["story"] = table["story"].map(_)
    return table


def sentra_by_commodity() -> pd.DataFrame:
    """Share of Indonesia's sentra (industrial centres) by commodity group, in percent.

    Source: Kementerian Perindustrian (2017): its count for 2016, announced
    in December 2016 and presented in 2017, of 7,437 small and medium
    industry centres (sentra IKM) with 1,089,367 workers. Columns:
    commodity (the group's name in the course language), share_percent
    (adds up to 100).
    """
    return pd.DataFrame({
        "commodity": [_(name) for name in _COMMODITIES],
        "share_percent": [40, 23, 16, 10, 6, 5],
    })


#: The commodity groups of sentra_by_commodity, in its order.
_COMMODITIES = (N_("food"), N_("crafts and miscellaneous"), N_("clothing"), N_("chemicals and building materials"),
                N_("furniture"), N_("metal, machinery, electronics and transport"))
