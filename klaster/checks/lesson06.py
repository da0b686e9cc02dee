"""Checked exercises of lesson 06, agglomeration economies (solutions/06_agglomeration_economies.ipynb).

Two exercises take a string of letters, one letter per example or claim
(for example "ULULLU"); the check compares the whole string, ignoring case,
and when exactly one letter is wrong it names the example to look at again.
"""
from __future__ import annotations

import math

from ..city_size import LITERATURE_DOUBLING_GAIN, CitySizeModel, sigma_from_doubling_gain
from ..i18n import N_
from . import Exercise, Mistake, register

# 06.1: the six examples, in the order of the exercise, with their kind
# (L = localisation economies, U = urbanisation economies) and a hint for
# a student who gets only this one wrong.
EXAMPLES = (
    ("U", N_("example (a): the start-up draws on lawyers, advertisers, an airport and graduates that serve "
             "every industry; the gain comes from the city's size and variety, not from other software firms.")),
    ("L", N_("example (b): the engineers were trained by firms of the same industry (car making) nearby; "
             "that is a pooled labour market of one industry.")),
    ("U", N_("example (c): the idea crosses from one industry (cosmetics) to another (food); learning between "
             "different industries is what Jacobs stressed, and it needs a diverse city.")),
    ("L", N_("example (d): the timber yards and finishers serve furniture makers only; shared inputs of one "
             "industry are a Marshallian, localisation gain.")),
    ("L", N_("example (e): batik makers learn from other batik makers; knowledge spillovers within one "
             "industry are a localisation gain.")),
    ("U", N_("example (f): banks, a port and many business services serve firms of every kind; the gain "
             "comes from the size of the city.")),
)

# 06.2: the four claims of the popular article, with the verdict the
# literature supports and a hint for a student who gets only this one wrong.
# a = supported by the evidence, b = contradicted by it, c = partly true
# (depends on what is measured), d = a planning or administrative argument.
CLAIMS = (
    ("c", N_("claim 1 (less pollution): Glaeser & Kahn (2010) find that the same household emits less CO2 in a "
             "central city than in its suburbs, but local air pollution is worse in big cities; so it depends on "
             "what is measured.")),
    ("b", N_("claim 2 (less congestion): congestion is the textbook cost of concentration (Puga 2010), and "
             "Duranton & Turner (2011) find that new roads fill up with new traffic.")),
    ("d", N_("claim 3 (easier monitoring): this is about how easily a government can watch activity, not "
             "about productivity or costs; economics neither proves nor disproves it.")),
    ("d", N_("claim 4 (fits the spatial plan): whether a location follows the rencana tata ruang is a legal "
             "and planning question, not a result of agglomeration economics.")),
)

# 06.3, 06.4 and 06.6: the city-size model with the exercise's parameters.
CITY = {"A": 100.0, "sigma": 0.05, "B": 5.0, "tau": 0.5}
OUTSIDE_OPTION = 92.0


def _expected_letters(table) -> str:
    return "".join(letter for letter, _ in table)


def _one_wrong(table, position: int, alphabet: str) -> list[Mistake]:
    """Every answer that differs from the expected one only at ``position``."""
    right = _expected_letters(table)
    mistakes = []
    for letter in alphabet:
        if letter.casefold() == right[position].casefold():
            continue
        wrong = right[:position] + letter + right[position + 1:]
        mistakes.append(Mistake(lambda wrong=wrong: wrong, N_("look again at {example}"),
                                args={"example": table[position][1]}))
    return mistakes


def _swap(letters: str) -> str:
    return letters.translate(str.maketrans("LU", "UL"))


def _model() -> CitySizeModel:
    return CitySizeModel(**CITY)


register(Exercise(
    id="06.1",
    prompt=N_("Classify examples (a) to (f) as localisation (L) or urbanisation (U) economies: six letters."),
    expected=lambda: _expected_letters(EXAMPLES),
    kind="sequence",
    options=("L", "U"),
    hint=N_("write six letters, L or U, in the order (a) to (f), for example 'LLLUUU'. Ask of each example: "
            "does the gain come from other firms of the same industry (L), or from the size and variety of the "
            "whole city (U)?"),
    mistakes=(
        Mistake(lambda: _swap(_expected_letters(EXAMPLES)),
                N_("every answer is the opposite one: localisation economies come from firms of the SAME "
                   "industry, urbanisation economies from the size and diversity of the whole city.")),
        *[m for i in range(len(EXAMPLES)) for m in _one_wrong(EXAMPLES, i, "LU")],
    ),
))

register(Exercise(
    id="06.2",
    prompt=N_("Give a verdict a, b, c or d on each of the four claims, in order: four letters."),
    expected=lambda: _expected_letters(CLAIMS),
    kind="sequence",
    options=("a", "b", "c", "d"),
    hint=N_("write four letters (a, b, c or d) in the order of the claims, for example 'abca'. For each claim "
            "ask: is it about productivity and costs (then what does the evidence say?), or about what makes a "
            "government's work easier?"),
    mistakes=(
        Mistake(lambda: "aaaa", N_("the article's claims cannot all be taken at face value: check each against "
                                   "the table 'claims against evidence' in the lesson.")),
        Mistake(lambda: "aadd", N_("claims 1 and 2 are about economic effects, and the evidence on them is not "
                                   "what the article says: look at Glaeser & Kahn (2010) and Duranton & Turner "
                                   "(2011).")),
        *[m for i in range(len(CLAIMS)) for m in _one_wrong(CLAIMS, i, "abcd")],
    ),
))

_SIZE_ARGS = {"A": CITY["A"], "sigma": CITY["sigma"], "B": CITY["B"], "tau": CITY["tau"]}

register(Exercise(
    id="06.3",
    prompt=N_("The size N* (millions) that maximises net benefit per worker, for A={A:g}, sigma={sigma:g}, "
              "B={B:g}, tau={tau:g}, to 2 decimals."),
    args=_SIZE_ARGS,
    expected=lambda: _model().optimal_size(),
    decimals=2,
    hint=N_("set w'(N) = sigma*A*N**(sigma-1) - tau*B*N**(tau-1) to zero and solve it for N, or use the "
            "lesson's formula for N*."),
    mistakes=(
        Mistake(lambda: CITY["sigma"] * CITY["A"] / (CITY["tau"] * CITY["B"]),
                N_("that is sigma*A/(tau*B) only; it still has to be raised to the power 1/(tau - sigma).")),
        Mistake(lambda: (CITY["tau"] * CITY["B"] / (CITY["sigma"] * CITY["A"])) ** (1 / (CITY["tau"] - CITY["sigma"])),
                N_("the fraction is upside down: the gains (sigma*A) go on top, the costs (tau*B) below.")),
        Mistake(lambda: (CITY["sigma"] * CITY["A"] / (CITY["tau"] * CITY["B"])) ** (1 / (CITY["tau"] + CITY["sigma"])),
                N_("the power has a minus sign: N**(tau-1) / N**(sigma-1) = N**(tau-sigma), so the power is "
                   "1/(tau - sigma), not 1/(tau + sigma).")),
        Mistake(lambda: (CITY["A"] / CITY["B"]) ** (1 / (CITY["tau"] - CITY["sigma"])),
                N_("that is where w(N) = 0 (A*N**sigma = B*N**tau), not where w is largest; "
                   "set the derivative w'(N) to zero instead.")),
        Mistake(lambda: _model().net_benefit(_model().optimal_size()),
                N_("that is the net benefit w(N*) at the best size; the exercise asks for the size N* itself.")),
    ),
))

register(Exercise(
    id="06.4",
    prompt=N_("The equilibrium size (millions): the larger N with w(N) = w0 = {w0:g}, same parameters as 06.3, "
              "to 2 decimals."),
    args={"w0": OUTSIDE_OPTION},
    expected=lambda: _model().equilibrium_size(OUTSIDE_OPTION),
    decimals=2,
    hint=N_("search for w(N) = {w0:g} to the RIGHT of N*, for example with "
            "CitySizeModel(...).equilibrium_size({w0:g}) or by bisection between N* and a size where w(N) < {w0:g}."),
    mistakes=(
        Mistake(lambda: _model().smallest_viable_size(OUTSIDE_OPTION),
                N_("that is the smaller root, left of N*: there the city is too small to attract anyone, and it "
                   "is not where migration stops. Look right of N*.")),
        Mistake(lambda: _model().optimal_size(),
                N_("that is N*, the best size. People keep coming after N* as long as w(N) is above w0.")),
        Mistake(lambda: (CITY["A"] / CITY["B"]) ** (1 / (CITY["tau"] - CITY["sigma"])),
                N_("that is where w(N) = 0; migration stops earlier, where w(N) falls to the outside option w0.")),
    ),
))

_GAIN_ARGS = {"gain": LITERATURE_DOUBLING_GAIN[1], "factor": 1 + LITERATURE_DOUBLING_GAIN[1],
              "low": LITERATURE_DOUBLING_GAIN[0]}

register(Exercise(
    id="06.5",
    prompt=N_("The elasticity sigma at which doubling a city raises productivity by {gain:.0%} (the top of the "
              "range), to 3 decimals."),
    args=_GAIN_ARGS,
    expected=lambda: sigma_from_doubling_gain(LITERATURE_DOUBLING_GAIN[1]),
    decimals=3,
    hint=N_("doubling N multiplies A*N**sigma by 2**sigma; find the sigma for which 2**sigma = {factor:g}, with "
            "logarithms."),
    mistakes=(
        Mistake(lambda: LITERATURE_DOUBLING_GAIN[1],
                N_("{gain:g} is the gain from doubling, not the elasticity: find the sigma for which "
                   "2**sigma = {factor:g}.")),
        Mistake(lambda: LITERATURE_DOUBLING_GAIN[1] / 2,
                N_("doubling is not the same as a 200% change: the gain comes from the power 2**sigma, so "
                   "logarithms are needed.")),
        Mistake(lambda: sigma_from_doubling_gain(LITERATURE_DOUBLING_GAIN[0]),
                N_("that is the bottom of the range ({low:.0%}); the exercise asks for the top.")),
        Mistake(lambda: (1 + LITERATURE_DOUBLING_GAIN[1]) / 2,
                N_("dividing {factor:g} by 2 does not undo a power: take logarithms of both sides of "
                   "2**sigma = {factor:g}.")),
        Mistake(lambda: math.log(2) / math.log(1 + LITERATURE_DOUBLING_GAIN[1]),
                N_("your ratio of logarithms is upside down: the log of the factor {factor:g} goes on top.")),
        Mistake(lambda: math.log(LITERATURE_DOUBLING_GAIN[1]) / math.log(2),
                N_("take the logarithm of the factor {factor:g}, not of the gain {gain:g}.")),
    ),
))

register(Exercise(
    id="06.6",
    prompt=N_("How many index points per worker are lost at the equilibrium size compared with N*? (06.3-06.4), "
              "to 2 decimals."),
    expected=lambda: _model().best_net_benefit() - OUTSIDE_OPTION,
    decimals=2,
    hint=N_("compute w(N*) and w(N) at the equilibrium size (which equals w0 = {w0:g}), and subtract."),
    args={"w0": OUTSIDE_OPTION},
    mistakes=(
        Mistake(lambda: _model().equilibrium_size(OUTSIDE_OPTION) - _model().optimal_size(),
                N_("that is the difference in size (millions of people); the exercise asks for the difference "
                   "in net benefit per worker.")),
        Mistake(lambda: _model().productivity(_model().optimal_size())
                - _model().productivity(_model().equilibrium_size(OUTSIDE_OPTION)),
                N_("that compares productivity only; productivity is higher in the bigger city. Compare the "
                   "NET benefit w = y - c.")),
        Mistake(lambda: OUTSIDE_OPTION - _model().best_net_benefit(),
                N_("the sign is reversed: workers are worse off at the equilibrium, so the loss is positive.")),
        Mistake(lambda: _model().best_net_benefit(),
                N_("that is w(N*) itself; subtract the net benefit at the equilibrium size.")),
    ),
))
