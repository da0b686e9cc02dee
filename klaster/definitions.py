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
from .labels import labels_answer  # noqa: F401  (used by lessons 01-02 and their checks)

GEOGRAPHY_OPTIONS = ("co-located", "spread out")
FIELD_OPTIONS = ("same", "related", "unrelated")
RELATION_OPTIONS = ("compete", "cooperate", "both", "neither")

#: The rule the course's notes give for BPS's Direktori Sentra Industri 2020: similar businesses are at
#: least 20% of the village's households. Not verified: BPS's published definition of a sentra, as far
#: as the course has checked it, states no such threshold. The course uses it as a classroom rule.
BPS_MIN_HOUSEHOLD_SHARE_PERCENT = 20
#: Older BPS work: at least 20 similar firms in one village.
BPS_MIN_FIRMS_OLDER_RULE = 20

_COLUMNS = ["key", "source", "author", "year", "idea", "geography", "field", "linkages", "institutions",
            "cooperation_competition", "measured_by", "citation"]

_DEFINITIONS = [
    {
        "key": "marshall_1890",
        "source": "Marshall (1890)",
        "author": "Alfred Marshall",
        "year": 1890,
        "idea": "industrial district: one specialised industry concentrated in a locality, which gains a "
                "pool of skilled workers, specialised local suppliers and shared know-how",
        "geography": "required: one town or district",
        "field": "same",
        "linkages": "not required (specialised suppliers grow up nearby)",
        "institutions": "not required",
        "cooperation_competition": "not required",
        "measured_by": "count the firms or workers of one industry in a town and compare with other places "
                       "(for example a location quotient, lesson 03)",
        "citation": bibliography.render("marshall1890", "text"),
    },
    {
        "key": "porter_1998",
        "source": "Porter (1998a, 1998b)",
        "author": "Michael E. Porter",
        "year": 1998,
        "idea": "a geographically close group of interconnected companies and associated institutions in one "
                "field, linked by what they have in common and by how they complement each "
                "other; it raises productivity, drives innovation and brings new firms",
        "geography": "required: geographically proximate",
        "field": "related",
        "linkages": "required: trade links or shared institutions",
        "institutions": "part of the cluster (can supply the links)",
        "cooperation_competition": "both discussed in the text (Porter 1998b, chapter 7), but not named in the "
                                   "definition itself",
        "measured_by": "map the firms, suppliers and institutions of a field in a region; look for the three "
                       "effects: productivity, innovation, new firms",
        "citation": bibliography.render("porter1998a", "text") + " " + bibliography.render("porter1998b", "text"),
    },
    {
        "key": "porter_2000",
        "source": "Porter (2000)",
        "author": "Michael E. Porter",
        "year": 2000,
        "idea": "geographic concentrations of interconnected companies, specialised suppliers, service "
                "providers, related industries and associated institutions in a field, that compete but "
                "also cooperate",
        "geography": "required: geographic concentration",
        "field": "related",
        "linkages": "required: trade links or shared institutions",
        "institutions": "part of the cluster (universities, standards agencies, trade associations)",
        "cooperation_competition": "required: the definition itself says the firms compete and also cooperate",
        "measured_by": "employment in a group of related industries in a region, plus a survey of links, "
                       "institutions, rivalry and cooperation",
        "citation": bibliography.render("porter2000", "text"),
    },
    {
        "key": "oecd_1999",
        "source": "OECD (1999)",
        "author": "OECD (chapter by T. Roelandt and P. den Hertog)",
        "year": 1999,
        "idea": "networks of production of strongly interdependent firms, including specialised suppliers, "
                "linked in a value-adding production chain, often with universities, research institutes, "
                "business services, bridging institutions and customers",
        "geography": "not required (the definition does not mention distance)",
        "field": "related",
        "linkages": "required: a production chain",
        "institutions": "often present (universities, research institutes, bridging institutions)",
        "cooperation_competition": "interdependence and alliances (cooperation)",
        "measured_by": "input-output tables: groups of industries that buy from and sell to each other",
        "citation": bibliography.render("oecd1999", "text"),
    },
    {
        "key": "delgado_2016",
        "source": "Delgado, Porter & Stern (2016)",
        "author": "Mercedes Delgado, Michael E. Porter, Scott Stern",
        "year": 2016,
        "idea": "geographic concentrations of industries related by knowledge, skills, inputs, demand and "
                "other linkages",
        "geography": "required: geographic concentration",
        "field": "related",
        "linkages": "counts (one of several kinds of relatedness)",
        "institutions": "not required",
        "cooperation_competition": "not required",
        "measured_by": "group industries that locate together and share inputs, skills and buyers into "
                       "cluster categories; then measure each region's employment in each category "
                       "(the US Cluster Mapping project)",
        "citation": bibliography.render("delgado2016", "text"),
    },
    {
        "key": "bps_sentra",
        "source": "BPS sentra (2020)",
        "author": "Badan Pusat Statistik (BPS)",
        "year": 2020,
        "idea": "an industrial centre (sentra industri): a village where similar businesses are concentrated",
        "geography": "required: one village (desa)",
        "field": "same",
        "linkages": "not required",
        "institutions": "not required",
        "cooperation_competition": "not required",
        "measured_by": "count similar businesses in each village: at least 20% of the village's households "
                       "(the course's notes on the 2020 directory; a rule not verified against BPS's published "
                       "definition); older work: at least 20 firms",
        "citation": bibliography.render("bps2020", "text"),
    },
]

SCENARIOS = {
    "sentra": {
        "label": "A real sentra (a furniture-making village)",
        "description": "Many small workshops in one village make the same kind of furniture. They buy timber "
                       "from local traders and subcontract carving to each other; they have an association; "
                       "they compete for buyers and also share big orders. (Numbers invented for the example.)",
        "group": dict(geography="co-located", field="same", linkages=True, institutions=True,
                      relations="both", firms=120, households=400),
    },
    "estate": {
        "label": "An industrial estate of unrelated factories",
        "description": "Thirty-five factories in one industrial estate (kawasan industri) make unrelated "
                       "products: noodles, car parts, plastic bottles, garments. They do not trade with each "
                       "other, share no institution and do not compete. (Numbers invented for the example.)",
        "group": dict(geography="co-located", field="unrelated", linkages=False, institutions=False,
                      relations="neither", firms=35, households=None),
    },
    "hub": {
        "label": "One large firm with its suppliers",
        "description": "One large factory and the eleven small suppliers that make its parts sit in the same "
                       "village. The suppliers depend on the one buyer; nobody competes with the large firm. "
                       "(Numbers invented for the example.)",
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
    """
    table = pd.DataFrame(_DEFINITIONS, columns=_COLUMNS)
    return table.astype({"year": "int64"})


# ---------------------------------------------------------------------------
# The rule-based test
# ---------------------------------------------------------------------------

def _check_choice(value, options, what: str) -> str:
    if not isinstance(value, str):
        raise KlasterTypeError(f"{what} must be one of {_options(options)}, not {type(value).__name__} {value!r}.")
    cleaned = " ".join(value.strip().lower().replace("_", " ").replace("-", " ").split())
    for option in options:
        if cleaned == option.replace("-", " "):
            return option
    raise KlasterValueError(f"{what} must be one of {_options(options)}, not {value!r}.")


def _options(options) -> str:
    quoted = [repr(o) for o in options]
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _check_flag(value, what: str) -> bool:
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise KlasterTypeError(f"{what} must be True or False, not {value!r}.")


def _check_count(value, what: str, minimum: int) -> int:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer, float, np.floating)):
        raise KlasterTypeError(f"{what} must be a whole number, not {value!r}.")
    if not float(value).is_integer():
        raise KlasterValueError(f"{what} must be a whole number, not {value!r}.")
    if value < minimum:
        raise KlasterValueError(f"{what} must be at least {minimum}, not {int(value)}.")
    return int(value)


def _rule_marshall(g) -> tuple[bool, str]:
    if g["geography"] != "co-located":
        return False, "the firms are spread out, but Marshall's district is one locality"
    if g["field"] != "same":
        return False, f"the firms are in {g['field']} fields, but Marshall's district is one specialised industry"
    return True, "firms of one specialised industry in one locality: an industrial district"


def _interconnected(g) -> tuple[bool, str]:
    if g["geography"] != "co-located":
        return False, "the firms are spread out, but Porter's cluster is geographically close"
    if g["field"] == "unrelated":
        return False, "the firms are in unrelated fields, but a Porter cluster is one field with its related industries"
    if not (g["linkages"] or g["institutions"]):
        return False, "the firms have neither trade links nor shared institutions, so they are not interconnected"
    return True, ""


def _rule_porter_1998(g) -> tuple[bool, str]:
    ok, why = _interconnected(g)
    if not ok:
        return ok, why
    return True, "close together, in one field, and interconnected through trade links or shared institutions"


def _rule_porter_2000(g) -> tuple[bool, str]:
    ok, why = _interconnected(g)
    if not ok:
        return ok, why
    relations = g["relations"]
    if relations != "both":
        said = {"compete": "the firms compete but do not cooperate",
                "cooperate": "the firms cooperate but do not compete",
                "neither": "the firms neither compete nor cooperate"}[relations]
        return False, f"{said}; Porter (2000) expects firms that compete and also cooperate"
    return True, "close together, in one field, interconnected, and the firms compete while also cooperating"


def _rule_oecd_1999(g) -> tuple[bool, str]:
    if g["field"] == "unrelated":
        return False, "firms in unrelated fields do not form one production chain"
    if not g["linkages"]:
        return False, "without supplier and buyer links there is no network of production"
    where = " (location is not part of this definition)" if g["geography"] == "spread out" else ""
    return True, f"interdependent firms linked in a production chain{where}"


def _rule_delgado_2016(g) -> tuple[bool, str]:
    if g["geography"] != "co-located":
        return False, "the firms are spread out, but the definition needs a geographic concentration"
    if g["field"] == "unrelated":
        return False, "the industries are unrelated, but the definition needs related industries"
    return True, "a geographic concentration of related industries"


def _rule_bps(g) -> tuple[bool, str]:
    if g["geography"] != "co-located":
        return False, "the businesses are spread out, but a sentra is counted within one village"
    if g["field"] != "same":
        return False, f"the businesses are in {g['field']} fields, but a sentra counts similar businesses"
    firms, households = g["firms"], g["households"]
    if households is None:
        ok = firms >= BPS_MIN_FIRMS_OLDER_RULE
        return ok, (f"{firms} similar businesses in the village; the older rule asks for at least "
                    f"{BPS_MIN_FIRMS_OLDER_RULE} (households not known, so the 2020 rule cannot be applied)")
    ok = firms * 100 >= BPS_MIN_HOUSEHOLD_SHARE_PERCENT * households
    return ok, (f"{firms} similar businesses are {firms / households:.0%} of the village's {households:,} "
                f"households; the 2020 rule asks for at least {BPS_MIN_HOUSEHOLD_SHARE_PERCENT}%")


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
        "firms": _check_count(firms, "The number of firms", 1),
        "households": None if households is None else _check_count(households, "The number of households", 1),
    }
    return group


def assess_group(geography: str, field: str, linkages: bool, institutions: bool, relations: str,
                 firms: int, households: int | None = None) -> pd.DataFrame:
    """Test a described group of firms against every definition in ``definitions()``.

    The arguments are those of ``describe_group``. Returns one row per
    definition with columns key, definition, qualifies (bool) and
    deciding_condition: the first condition the group fails, or, if it
    qualifies, the conditions it meets, in words.

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
            ok, why = False, "a single firm is not a group of firms"
        else:
            ok, why = _RULES[key](group)
        rows.append({"key": key, "definition": source, "qualifies": ok, "deciding_condition": why})
    result = pd.DataFrame(rows, columns=["key", "definition", "qualifies", "deciding_condition"])
    return result.astype({"qualifies": bool})


def scenario(name: str) -> dict:
    """The description of one ready-made scenario ('sentra', 'estate' or 'hub'), ready for assess_group(**...)."""
    if name not in SCENARIOS:
        raise KlasterValueError(f"There is no scenario {name!r}; choose one of {_options(tuple(SCENARIOS))}.")
    return dict(SCENARIOS[name]["group"])




# ---------------------------------------------------------------------------
# Checking a source: the popular account
# ---------------------------------------------------------------------------

_SOURCE_CHECK = [
    {
        "claim": "A cluster is a group of similar firms that cooperate, help, complement and strengthen each "
                 "other, because their competitiveness (daya saing) is fairly high.",
        "attributed_to": "Porter (1998)",
        "what_the_sources_say": "Porter's clusters include suppliers, related industries and institutions, not "
                                "only similar firms, and they sit close together. In Porter's argument the cause "
                                "runs the other way: being in a cluster, where firms compete and also cooperate, "
                                "makes them more productive and so more competitive. The article also drops "
                                "rivalry, which Porter counts as a source of the cluster's strength.",
        "verdict": "partly matches",
    },
    {
        "claim": "A cluster is a group of businesses linked by common products, the same labour skills and "
                 "the same technology.",
        "attributed_to": "OECD (2000)",
        "what_the_sources_say": "An OECD paper on clusters of 2000 exists (OECD 2000: a background report by "
                                "Enright and Ffowcs-Williams for the Bologna ministerial conference), but the "
                                "course could not match the article's wording to it, nor to OECD (1999), which "
                                "describes networks of production linked in a value chain, or OECD (2001). The "
                                "article may paraphrase loosely or repeat a mis-citation; the course cannot tell.",
        "verdict": "wording not found",
    },
    {
        "claim": "So a cluster is a grouping of businesses that cooperate within one kind of sector.",
        "attributed_to": "the article's own conclusion",
        "what_the_sources_say": "The conclusion drops two things all of Porter's definitions keep: being close "
                                "together, and competing. It also narrows the cluster to one sector, while "
                                "Porter and the OECD include related industries and institutions.",
        "verdict": "not supported",
    },
    {
        "claim": "Its characteristics are connectivity, mutual reinforcement, concentration and organisation.",
        "attributed_to": "no source given",
        "what_the_sources_say": "The list resembles Lyon & Atherton's (2000) three characteristics: "
                                "commonality, concentration and connectivity. Reusing a list without naming "
                                "where it comes from is a warning sign.",
        "verdict": "partly matches",
    },
    {
        "claim": "A core cluster is surrounded by institutions, consumers and others.",
        "attributed_to": "no source given",
        "what_the_sources_say": "Consistent with Porter (2000) and OECD (1999), which count institutions and "
                                "customers as part of the cluster (lesson 02).",
        "verdict": "matches",
    },
    {
        "claim": "Clusters raise productivity and innovation and strengthen the local economy.",
        "attributed_to": "no source given",
        "what_the_sources_say": "Consistent with Porter (1998a): higher productivity and more innovation. "
                                "Porter's third effect, the formation of new firms, is missing.",
        "verdict": "matches",
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
    """
    return pd.DataFrame(_SOURCE_CHECK, columns=["claim", "attributed_to", "what_the_sources_say", "verdict"])


# ---------------------------------------------------------------------------
# What clusters do, with Indonesian illustrations
# ---------------------------------------------------------------------------

_FUNCTIONS = [
    {
        "function": "productivity",
        "function_id": "produktivitas",
        "how": "firms hire from a shared pool of skilled workers and buy from specialised suppliers nearby, "
               "so each firm can do more with its inputs",
        "illustration": "Jepara furniture, Central Java: about 170,000 workers in 15,271 production units "
                        "(Roda et al. 2007), a deep pool of skilled woodworkers any workshop can draw on",
        "source": "Porter (1998a); Marshall (1890); Roda et al. (2007)",
    },
    {
        "function": "innovation",
        "function_id": "inovasi",
        "how": "firms see what their neighbours do, copy it and improve on it; demanding buyers and rivals "
               "nearby push them to try new designs",
        "illustration": "batik, Central Java: 2,191 of Indonesia's 2,951 registered batik micro, small and "
                        "medium businesses (BBKB/Kemenperin registry, 2018); Pekalongan is a UNESCO Creative "
                        "City of Crafts and Folk Art",
        "source": "Porter (1998a); BBKB/Kemenperin registry; UNESCO Creative Cities Network",
    },
    {
        "function": "new firms",
        "function_id": "usaha baru",
        "how": "workers learn a trade in the cluster, then start their own firms, with suppliers and buyers "
               "already at hand",
        "illustration": "Tegal metalworking, Central Java: skills rooted in a workshop founded about 1918 "
                        "(later PT Barata); in 2019 the Talang subdistrict alone had 368 small and medium (IKM) "
                        "metal firms with 1,436 workers (the district head, reported by Suara Merdeka 2023)",
        "source": "Porter (1998a); Suara Merdeka (2023)",
    },
]


def cluster_functions() -> pd.DataFrame:
    """The three effects of clusters in Porter (1998a), each with an Indonesian illustration and its source.

    Columns: function, function_id (Indonesian), how (the mechanism),
    illustration, source.
    """
    return pd.DataFrame(_FUNCTIONS, columns=["function", "function_id", "how", "illustration", "source"])


_STORIES = [
    ("s1", "A young man learns welding in a metal workshop for six years, then opens a workshop of his own "
           "two streets away, selling to the same traders.", "new firms"),
    ("s2", "A furniture workshop wins a large order and, within a week, hires ten skilled carvers from the "
           "villages around it.", "productivity"),
    ("s3", "A batik maker sees a neighbour's new pattern sell well, and creates her own variation of it.",
     "innovation"),
]


def function_stories() -> pd.DataFrame:
    """Three short invented stories, each showing one effect of a cluster (for exercises).

    Columns: story_id, story, function (one of cluster_functions()["function"]).
    """
    return pd.DataFrame(_STORIES, columns=["story_id", "story", "function"])


def sentra_by_commodity() -> pd.DataFrame:
    """Share of Indonesia's sentra (industrial centres) by commodity group, in percent.

    Source: Kementerian Perindustrian (2017): its count for 2016, announced
    in December 2016 and presented in 2017, of 7,437 small and medium
    industry centres (sentra IKM) with 1,089,367 workers. Columns:
    commodity, share_percent (adds up to 100).
    """
    return pd.DataFrame({
        "commodity": ["food", "crafts and miscellaneous", "clothing", "chemicals and building materials",
                      "furniture", "metal, machinery, electronics and transport"],
        "share_percent": [40, 23, 16, 10, 6, 5],
    })
