"""Checked exercises of lesson 09, Indonesian cluster case studies (solutions/09_indonesian_clusters.ipynb).

Expected values come from the case tables in data/ through klaster.cases.
Exercises whose answer is a set of classifications (09.4, 09.5) take the
dict itself (or the text ``klaster.cases.labels_answer`` makes of it).
"""
from __future__ import annotations

from .. import cases
from ..i18n import N_
from . import Exercise, Mistake, register


def _value(figure_id: str) -> float:
    return float(cases.figure(figure_id)["value"])


def _classification(items: dict, **changes) -> dict:
    """The answer for a dict of items, with some labels changed (for typical mistakes)."""
    answer = {key: label for key, (_, label) in items.items()}
    answer.update(changes)
    return answer


def _quote_with_problem() -> str:
    wrong = [label for label, quote in cases.EXAMPLE_QUOTES.items()
             if cases.verify_quote(**{k: v for k, v in quote.items() if k != "text"})]
    if len(wrong) != 1:  # the exercise needs exactly one faulty quote
        raise AssertionError(f"expected exactly one faulty example quote, found {wrong}")
    return wrong[0]


register(Exercise(
    id="09.1",
    prompt=N_("Workers per production unit in Jepara's furniture cluster, 2007 (Roda et al. 2007), to 1 decimal."),
    expected=lambda: cases.workers_per_firm("jepara", period="2007"),
    decimals=1,
    hint=N_("divide the 2007 count of workers by the 2007 count of production units; both come from Roda et al. "
            "(2007)."),
    mistakes=(
        Mistake(lambda: _value("jepara-2007-units") / _value("jepara-2007-workers"),
                N_("your ratio is upside down: workers go on top, production units below.")),
        Mistake(lambda: _value("jepara-1990s-workers") / _value("jepara-1990s-firms"),
                N_("those are the late-1990s figures; the exercise asks for 2007.")),
        Mistake(lambda: _value("jepara-2007-workers") / _value("jepara-1990s-firms"),
                N_("you divided the 2007 workers by the late-1990s count of firms: two different years and "
                   "sources.")),
        Mistake(lambda: _value("jepara-1990s-workers") / _value("jepara-2007-units"),
                N_("you divided the late-1990s workers by the 2007 count of units: two different years and "
                   "sources.")),
        Mistake(lambda: _value("jepara-2007-workers") / _value("jepara-1990s-villages"),
                N_("that is workers per village; the exercise asks for workers per production unit.")),
    ),
))

register(Exercise(
    id="09.2",
    prompt=N_("Workers per business owner in Cibaduyut, 1997 (The Jakarta Post), to 1 decimal."),
    expected=lambda: cases.workers_per_firm("cibaduyut", period="1997"),
    decimals=1,
    hint=N_("use the two 1997 figures from The Jakarta Post: about 6,300 shoemakers and at least 986 business owners."),
    mistakes=(
        Mistake(lambda: _value("cibaduyut-2009-workers") / _value("cibaduyut-1997-owners"),
                N_("you divided the 2009 workers (Tempo, second-hand) by the 1997 business owners (The Jakarta "
                   "Post): two different years and sources. Use the 1997 count of shoemakers.")),
        Mistake(lambda: _value("cibaduyut-1997-owners") / _value("cibaduyut-1997-shoemakers"),
                N_("your ratio is upside down: workers go on top, business owners below.")),
        Mistake(lambda: _value("cibaduyut-1997-output") * 1e6 / _value("cibaduyut-1997-owners"),
                N_("that is pairs of shoes per business owner; the exercise asks for workers per owner.")),
    ),
))

register(Exercise(
    id="09.3",
    prompt=N_("Firms per village in Jepara in the late 1990s (Sandee et al. n.d., cited by Posthuma 2003), to a "
              "whole number of firms."),
    expected=lambda: cases.figure_ratio("jepara-1990s-firms", "jepara-1990s-villages"),
    decimals=0,
    hint=N_("divide the late-1990s count of firms by the number of villages; both come from the same study."),
    mistakes=(
        Mistake(lambda: _value("jepara-1990s-workers") / _value("jepara-1990s-villages"),
                N_("that is workers per village; the exercise asks for firms per village.")),
        Mistake(lambda: _value("jepara-2007-units") / _value("jepara-1990s-villages"),
                N_("you used the 2007 count of production units with the late-1990s count of villages: two "
                   "different years and sources.")),
        Mistake(lambda: _value("jepara-1990s-villages") / _value("jepara-1990s-firms"),
                N_("your ratio is upside down: firms go on top, villages below.")),
        Mistake(lambda: _value("jepara-1990s-firms") / 20,
                N_("20 is the older rule's threshold, not the number of villages: divide by the number of "
                   "villages.")),
    ),
))

register(Exercise(
    id="09.4",
    prompt=N_("File each of six facts under the diamond determinant it belongs to."),
    expected=lambda: _classification(cases.DIAMOND_FACTS),
    kind="mapping",
    hint=N_("ask of each fact: is it about inputs such as workers (factor), buyers (demand), connected "
            "industries (related), the local firms and their rivals (rivalry), an event nobody controls "
            "(chance), or public policy (government)?"),
    mistakes=(
        Mistake(lambda: _classification(cases.DIAMOND_FACTS, d4="related"),
                N_("d4 counts the kretek factories themselves: many firms making the same product are rivals "
                   "(firm strategy, structure and rivalry), not related industries.")),
        Mistake(lambda: _classification(cases.DIAMOND_FACTS, d5="government"),
                N_("d5 is an earthquake: an event outside anyone's control is 'chance'.")),
        Mistake(lambda: _classification(cases.DIAMOND_FACTS, d2="rivalry"),
                N_("d2 is about demanding buyers at home: that is a demand condition.")),
    ),
))

register(Exercise(
    id="09.5",
    prompt=N_("Match each description to the definition it fits best (marshall, porter or bps_sentra)."),
    expected=lambda: _classification(cases.DEFINITION_ITEMS),
    kind="mapping",
    hint=N_("Marshall needs only a concentration of one industry in a place; Porter also needs links between "
            "firms and institutions; the BPS sentra is a village that passes a threshold."),
    mistakes=(
        Mistake(lambda: _classification(cases.DEFINITION_ITEMS, m1="porter"),
                N_("m1 shows only that many metal firms sit in one subdistrict; Porter's definition also needs "
                   "evidence of links and institutions, which the source does not give.")),
        Mistake(lambda: _classification(cases.DEFINITION_ITEMS, m1="bps_sentra"),
                N_("m1 counts firms in a subdistrict (kecamatan), which holds several villages; the BPS sentra "
                   "is one village.")),
    ),
))

register(Exercise(
    id="09.6",
    prompt=N_("Which of the four quoted sentences (q1, q2, q3 or q4) misuses its figure?"),
    expected=_quote_with_problem,
    kind="name",
    options=tuple(cases.EXAMPLE_QUOTES),
    hint=N_("check each quote against the case table: the number, the year it is given for, and its status."),
    mistakes=(
        Mistake(lambda: "q1", N_("quote q1 matches the table: 15,271 production units in 2007, from Roda et al. "
                                 "(2007).")),
        Mistake(lambda: "q2", N_("quote q2 matches the table: 5.5 million pairs in 1997, from The Jakarta "
                                 "Post.")),
        Mistake(lambda: "q4", N_("quote q4 matches the table: 276 containers in 1998, from The Jakarta Post.")),
    ),
))

register(Exercise(
    id="09.7",
    prompt=N_("Java's share of the workers in sentra IKM, Kemenperin 2017 (a count for 2016), as a fraction, to 3 "
              "decimals."),
    expected=lambda: cases.figure_share("kemenperin-2017-workers-java", "kemenperin-2017-workers"),
    decimals=3,
    scale="fraction",
    hint=N_("divide Java's workers by the workers of all Indonesia; both are Kemenperin (2017) figures."),
    mistakes=(
        Mistake(lambda: _value("kemenperin-2017-workers-java") / _value("kemenperin-2017-workers-outside-java"),
                N_("you divided Java by outside Java; a share divides the part by the whole (all Indonesia).")),
        Mistake(lambda: cases.figure_share("kemenperin-2017-workers-outside-java", "kemenperin-2017-workers"),
                N_("that is the share of workers outside Java; the exercise asks for Java.")),
        Mistake(lambda: _value("kemenperin-2017-workers") / _value("kemenperin-2017-workers-java"),
                N_("your ratio is upside down: Java's workers go on top, all of Indonesia's below.")),
    ),
))

register(Exercise(
    id="09.8",
    prompt=N_("Business units per sentra in BPS's Direktori Sentra Industri 2020, to 1 decimal."),
    expected=lambda: cases.figure_ratio("bps-2020-units", "bps-2020-sentra"),
    decimals=1,
    hint=N_("divide BPS's 516,124 business units by BPS's 13,762 sentra (both from the 2020 directory)."),
    mistakes=(
        Mistake(lambda: _value("kemenperin-2017-workers") / _value("kemenperin-2017-sentra"),
                N_("that is workers per sentra in Kemenperin's count for 2016; the exercise asks about BPS 2020.")),
        Mistake(lambda: _value("kemenperin-2017-workers") / _value("bps-2020-sentra"),
                N_("you mixed Kemenperin's workers (counted for 2016) with BPS's 2020 sentra: two sources, two years "
                   "and two definitions.")),
        Mistake(lambda: _value("bps-2020-units") / _value("kemenperin-2017-sentra"),
                N_("you mixed BPS's 2020 business units with Kemenperin's sentra (counted for 2016): use the BPS "
                   "figures for both.")),
        Mistake(lambda: _value("bps-2020-sentra") / _value("bps-2020-units"),
                N_("your ratio is upside down: business units go on top, sentra below.")),
    ),
))
