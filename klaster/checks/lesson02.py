"""Checked exercises of lesson 02, how a cluster is built (solutions/02_cluster_anatomy.ipynb).

Classifications (a dict of actor -> role, fact -> determinant) and sets of
labels are read from any container in any order, so a student passes the
variable itself.
"""
from __future__ import annotations

from .. import data
from ..anatomy import example_actor_names, example_actors, formation_components
from ..diamond import DETERMINANTS, fact_examples, validate_scores, worked_case
from ..errors import KlasterInputError
from ..i18n import N_
from . import Exercise, Mistake, accept_in_every_language, register


def _letter_where(options: dict, value) -> str:
    return next(letter for letter, v in options.items() if v == value)


# -- 02.1: place the actors of a footwear cluster -------------------------------
# The actors' names follow the course language (example_actors): a student may name them in either language.
accept_in_every_language(example_actor_names("cibaduyut"))


def _cibaduyut_roles(**changes) -> dict:
    table = example_actors("cibaduyut")
    roles = dict(zip(table["name"], table["role"]))
    roles.update(changes)
    return roles


def _cibaduyut_swap(name: str, role: str) -> dict:
    return _cibaduyut_roles(**{name: role})


register(Exercise(
    id="02.1",
    prompt=N_("The role of each actor of the (illustrative) Cibaduyut footwear cluster."),
    expected=_cibaduyut_roles,
    kind="mapping",
    hint=N_("for each actor ask: does it make shoes (core), sell to the shoemakers (supplier), make something "
            "else with the same skills or inputs (related industry), support all firms without selling them "
            "inputs (institution), or buy the shoes (customer)?"),
    mistakes=(
        Mistake(lambda: _cibaduyut_swap("a bank lending to small firms", "supplier"),
                N_("a bank is an institution (finance), even though it provides money: it supports all firms "
                   "rather than selling them an input for the shoes.")),
        Mistake(lambda: _cibaduyut_swap("a training centre for shoemakers", "supplier"),
                N_("a training centre is an institution (training).")),
        Mistake(lambda: _cibaduyut_swap("bag and leather-goods makers", "supplier"),
                N_("bag makers do not sell to the shoemakers; they use the same leather and skills for another "
                   "product: a related industry.")),
        Mistake(lambda: _cibaduyut_swap("bag and leather-goods makers", "core"),
                N_("the core is the shoemakers; bag makers use the same leather and skills for another product: "
                   "a related industry.")),
        Mistake(lambda: _cibaduyut_swap("sewing-machine repair services", "related industry"),
                N_("repair services are sold to the shoemakers: a supplier (of services).")),
        Mistake(lambda: _cibaduyut_swap("sewing-machine repair services", "institution"),
                N_("repair services are paid for by the shoemakers who use them: a supplier (of services), "
                   "not an institution.")),
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
    prompt=N_("Which formation component of the popular account is not a group of actors? (a, b, c or d)"),
    expected=_component_without_ring,
    kind="name",
    options=("a", "b", "c", "d"),
    hint=N_("three components name people or firms you could draw on the ring diagram; one does not."),
    mistakes=(
        Mistake(lambda: _letter_where(COMPONENT_OPTIONS, "what supports the industry"),
                N_("what supports the industry is a group of actors: suppliers, related industries and "
                   "institutions, all on the ring diagram.")),
        Mistake(lambda: _letter_where(COMPONENT_OPTIONS, "who its customers are"),
                N_("customers are actors: they are the outer ring of the diagram.")),
        Mistake(lambda: _letter_where(COMPONENT_OPTIONS, "how it is supplied"),
                N_("the suppliers of inputs, machinery and services are actors on the ring diagram.")),
    ),
))

# -- 02.3: file each fact under a determinant ----------------------------------

def _facts(**swap) -> dict:
    answers = fact_examples().set_index("fact_id")["determinant"].to_dict()
    answers.update(swap)
    return answers


register(Exercise(
    id="02.3",
    prompt=N_("For each fact f1 to f6, the determinant of Porter's diamond it belongs to (use the keys "
              "factor, demand, related, rivalry, chance, government)."),
    expected=_facts,
    kind="mapping",
    hint=N_("use the keys factor, demand, related, rivalry, chance and government; ask of each fact: is it "
            "about inputs, buyers, neighbouring industries, competing firms, luck, or policy?"),
    mistakes=(
        Mistake(lambda: _facts(f4="factor"),
                N_("f4 counts firms competing for the same buyers: that is rivalry, not an input.")),
        Mistake(lambda: _facts(f5="government"),
                N_("the fall of the rupiah in 1997-98 was not a policy choice that helped the cluster: it is "
                   "chance.")),
        Mistake(lambda: _facts(f3="factor"),
                N_("f3 is about other industries working next to the furniture makers: related and supporting "
                   "industries.")),
        Mistake(lambda: _facts(f2="rivalry"),
                N_("f2 is about buyers at home: demand conditions.")),
    ),
))

# -- 02.4: where Jepara and Cibaduyut differ most ------------------------------

def _gap(absolute: bool = True):
    gap = worked_case("jepara") - worked_case("cibaduyut")
    return gap.abs() if absolute else gap


def _largest_gap() -> str:
    return str(_gap().idxmax())


def _keys_where(rule) -> list[str]:
    gap = _gap()
    return [str(k) for k in gap.index if rule(gap, k)]


def _no_gap_mistakes() -> list[Mistake]:
    return [Mistake(lambda key=key: key,
                    N_("the two cases have the same score there: that is the SMALLEST gap. Take the largest "
                       "absolute difference."))
            for key in _keys_where(lambda gap, k: gap[k] == 0)]


def _small_gap_mistakes() -> list[Mistake]:
    def rule(gap, k):
        return 0 < gap[k] < gap.max()
    highest = str(worked_case("jepara").idxmax())
    mistakes = [Mistake(lambda key=key: key,
                        N_("the cases differ there, but not by the most: compare the absolute differences of all "
                           "six determinants."))
                for key in _keys_where(rule) if key != highest]
    if highest != _largest_gap():  # Jepara's highest score is a typical mistake only where it is not the answer
        mistakes.append(Mistake(lambda: str(worked_case("jepara").idxmax()),
                                N_("that is where Jepara's score is highest (the first of its highest scores), not "
                                   "where the two cases differ most: subtract one case from the other first.")))
    return mistakes


register(Exercise(
    id="02.4",
    prompt=N_("The determinant (its key) with the largest gap between the course's scores for Jepara and "
              "Cibaduyut."),
    expected=_largest_gap,
    kind="name",
    options=tuple(DETERMINANTS),
    hint=N_("subtract Cibaduyut's scores from Jepara's, take absolute values, and find the largest; give its "
            "key as written in the index of worked_case(...)."),
    mistakes=tuple(_no_gap_mistakes() + _small_gap_mistakes()),
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
    prompt=N_("Micro and small manufacturing workers in Jawa Tengah per worker in Jawa Barat, 2013, to 2 decimals."),
    expected=_ratio,
    decimals=2,
    hint=N_("add micro and small workers for each province in 2013, then divide Jawa Tengah's total by Jawa "
            "Barat's."),
    mistakes=(
        Mistake(lambda: 1 / _ratio(), N_("your ratio is upside down: Jawa Tengah goes on top.")),
        Mistake(lambda: _ratio(year=2014), N_("use the 2013 figures.")),
        Mistake(lambda: _ratio(size_classes=("micro",)), N_("count small firms too, not only micro firms.")),
        Mistake(lambda: _ratio(size_classes=("small",)), N_("count micro firms too, not only small firms.")),
        Mistake(lambda: _workers("Jawa Tengah") - _workers("Jawa Barat"),
                N_("that is the difference in workers; the exercise asks for a ratio (divide, do not subtract).")),
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


def _rejected(accepted: bool = False) -> list[str]:
    bad, good = [], []
    for letter, scores in SCORE_OPTIONS.items():
        try:
            validate_scores(scores)
            good.append(letter)
        except KlasterInputError:
            bad.append(letter)
    return good if accepted else bad


register(Exercise(
    id="02.6",
    prompt=N_("The letters of the score sets that validate_scores rejects (a list, such as ['a', 'd'])."),
    expected=_rejected,
    kind="labels",
    options=tuple(SCORE_OPTIONS),
    hint=N_("a valid score set has all six determinants, each a whole number from 1 to 5."),
    mistakes=(
        Mistake(lambda: ["b", "c"], N_("look at e again: is every determinant there?")),
        Mistake(lambda: ["b", "e"], N_("look at c again: is every score a whole number?")),
        Mistake(lambda: ["b", "c", "d", "e"], N_("a score of 5 everywhere is optimistic, but it is allowed.")),
        Mistake(lambda: _rejected(accepted=True),
                N_("those are the sets validate_scores ACCEPTS: list the letters for which it raises an error.")),
        Mistake(lambda: ["b"], N_("a set can break a rule other than the range 1 to 5: check whole numbers and "
                                  "missing determinants too.")),
    ),
))
