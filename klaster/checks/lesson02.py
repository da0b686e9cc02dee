"""Checked exercises of lesson 02, how a cluster is built (solutions/02_cluster_anatomy.ipynb).

Classifications (a dict of actor -> role, fact -> determinant) and sets of
labels are compared through ``klaster.definitions.labels_answer``, which the
exercise's check line calls, so the order of the entries does not matter.
"""
from __future__ import annotations

from .. import data
from ..anatomy import example_actors, formation_components
from ..definitions import labels_answer
from ..diamond import DETERMINANTS, fact_examples, validate_scores, worked_case
from ..errors import KlasterInputError
from . import Exercise, Mistake, register


def _letter_where(options: dict, value) -> str:
    return next(letter for letter, v in options.items() if v == value)


# -- 02.1: place the actors of a footwear cluster -------------------------------

def _cibaduyut_roles() -> str:
    table = example_actors("cibaduyut")
    return labels_answer(dict(zip(table["name"], table["role"])))


def _cibaduyut_swap(name: str, role: str) -> str:
    table = example_actors("cibaduyut")
    roles = dict(zip(table["name"], table["role"]))
    roles[name] = role
    return labels_answer(roles)


register(Exercise(
    id="02.1",
    prompt="The role of each actor of the (illustrative) Cibaduyut footwear cluster.",
    expected=_cibaduyut_roles,
    kind="name",
    hint="for each actor ask: does it make shoes (core), sell to the shoemakers (supplier), make something "
         "else with the same skills or inputs (related industry), support all firms without selling them "
         "inputs (institution), or buy the shoes (customer)?",
    mistakes=(
        Mistake(lambda: _cibaduyut_swap("a bank lending to small firms", "supplier"),
                "a bank is an institution (finance), even though it provides money: it supports all firms "
                "rather than selling them an input for the shoes."),
        Mistake(lambda: _cibaduyut_swap("a training centre for shoemakers", "supplier"),
                "a training centre is an institution (training)."),
        Mistake(lambda: _cibaduyut_swap("bag and leather-goods makers", "supplier"),
                "bag makers do not sell to the shoemakers; they use the same leather and skills for another "
                "product: a related industry."),
        Mistake(lambda: _cibaduyut_swap("bag and leather-goods makers", "core"),
                "the core is the shoemakers; bag makers use the same leather and skills for another product: "
                "a related industry."),
        Mistake(lambda: _cibaduyut_swap("sewing-machine repair services", "related industry"),
                "repair services are sold to the shoemakers: a supplier (of services)."),
    ),
))

# -- 02.2: the formation component that is not a group of actors ---------------
COMPONENT_OPTIONS = {"a": "what supports the industry", "b": "who its customers are",
                     "c": "what its goals are", "d": "how it is supplied"}


def _component_without_ring() -> str:
    table = formation_components()
    component = table.loc[table["anatomy_roles"] == "", "component"].iloc[0]
    return _letter_where(COMPONENT_OPTIONS, component)


register(Exercise(
    id="02.2",
    prompt="Which formation component of the popular account is not a group of actors? (a, b, c or d)",
    expected=_component_without_ring,
    kind="name",
    options=("a", "b", "c", "d"),
    hint="three components name people or firms you could draw on the ring diagram; one does not.",
))

# -- 02.3: file each fact under a determinant ----------------------------------

def _facts(**swap) -> str:
    answers = fact_examples().set_index("fact_id")["determinant"].to_dict()
    answers.update(swap)
    return labels_answer(answers)


register(Exercise(
    id="02.3",
    prompt="For each fact f1 to f6, the determinant of Porter's diamond it belongs to (use the keys "
           + ", ".join(DETERMINANTS) + ").",
    expected=_facts,
    kind="name",
    hint="use the keys factor, demand, related, rivalry, chance and government; ask of each fact: is it about "
         "inputs, buyers, neighbouring industries, competing firms, luck, or policy?",
    mistakes=(
        Mistake(lambda: _facts(f4="factor"),
                "f4 counts firms competing for the same buyers: that is rivalry, not an input."),
        Mistake(lambda: _facts(f5="government"),
                "the fall of the rupiah in 1997-98 was not a policy choice that helped the cluster: it is chance."),
        Mistake(lambda: _facts(f3="factor"),
                "f3 is about other industries working next to the furniture makers: related and supporting "
                "industries."),
        Mistake(lambda: _facts(f2="rivalry"),
                "f2 is about buyers at home: demand conditions."),
    ),
))

# -- 02.4: where Jepara and Cibaduyut differ most ------------------------------

def _largest_gap() -> str:
    gap = (worked_case("jepara") - worked_case("cibaduyut")).abs()
    return str(gap.idxmax())


register(Exercise(
    id="02.4",
    prompt="The determinant (its key) with the largest gap between the course's scores for Jepara and Cibaduyut.",
    expected=_largest_gap,
    kind="name",
    hint="subtract Cibaduyut's scores from Jepara's, take absolute values, and find the largest; give its key "
         "(for example 'rivalry').",
))

# -- 02.5: the labour pool of Central and West Java ----------------------------

def _workers(province: str, year: int = 2013, size_classes=("micro", "small")) -> float:
    table = data.load_micro_small_workers()
    rows = table[(table["province"] == province) & (table["year"] == year) & table["size_class"].isin(size_classes)]
    return float(rows["workers"].sum())


def _ratio(year: int = 2013, size_classes=("micro", "small")) -> float:
    return _workers("Jawa Tengah", year, size_classes) / _workers("Jawa Barat", year, size_classes)


register(Exercise(
    id="02.5",
    prompt="Micro and small manufacturing workers in Jawa Tengah per worker in Jawa Barat, 2013.",
    expected=_ratio,
    hint="add micro and small workers for each province in 2013, then divide Jawa Tengah's total by Jawa Barat's.",
    mistakes=(
        Mistake(lambda: 1 / _ratio(), "your ratio is upside down: Jawa Tengah goes on top."),
        Mistake(lambda: _ratio(year=2014), "use the 2013 figures."),
        Mistake(lambda: _ratio(size_classes=("micro",)), "count small firms too, not only micro firms."),
        Mistake(lambda: _ratio(size_classes=("small",)), "count micro firms too, not only small firms."),
    ),
))

# -- 02.6: which score sets are not valid? --------------------------------------
SCORE_OPTIONS = {
    "a": {"factor": 3, "demand": 3, "related": 3, "rivalry": 3, "chance": 3, "government": 3},
    "b": {"factor": 6, "demand": 4, "related": 4, "rivalry": 3, "chance": 3, "government": 3},
    "c": {"factor": 4, "demand": 4.5, "related": 4, "rivalry": 3, "chance": 3, "government": 3},
    "d": {"factor": 5, "demand": 5, "related": 5, "rivalry": 5, "chance": 5, "government": 5},
    "e": {"factor": 4, "demand": 4, "related": 4, "rivalry": 3, "chance": 3},
}


def _rejected() -> str:
    bad = []
    for letter, scores in SCORE_OPTIONS.items():
        try:
            validate_scores(scores)
        except KlasterInputError:
            bad.append(letter)
    return labels_answer(bad)


register(Exercise(
    id="02.6",
    prompt="The letters of the score sets that validate_scores rejects (a list, such as ['a', 'd']).",
    expected=_rejected,
    kind="name",
    hint="a valid score set has all six determinants, each a whole number from 1 to 5.",
    mistakes=(
        Mistake(lambda: labels_answer(["b", "c"]),
                "look at e again: is every determinant there?"),
        Mistake(lambda: labels_answer(["b", "e"]),
                "look at c again: is every score a whole number?"),
        Mistake(lambda: labels_answer(["b", "c", "d", "e"]),
                "a score of 5 everywhere is optimistic, but it is allowed."),
    ),
))
