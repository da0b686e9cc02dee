"""Checked exercises of lesson 06, agglomeration economies (solutions/06_agglomeration_economies.ipynb).

Two exercises take a string of letters, one letter per example or claim
(for example "ULULLU"); the check compares the whole string, ignoring case,
and when exactly one letter is wrong it names the example to look at again.
"""
from __future__ import annotations

from ..city_size import LITERATURE_DOUBLING_GAIN, CitySizeModel, sigma_from_doubling_gain
from . import Exercise, Mistake, register

# 06.1: the six examples, in the order of the exercise, with their kind
# (L = localisation economies, U = urbanisation economies) and a hint for
# a student who gets only this one wrong.
EXAMPLES = (
    ("U", "example (a): the start-up draws on lawyers, advertisers, an airport and graduates that serve "
          "every industry; the gain comes from the city's size and variety, not from other software firms."),
    ("L", "example (b): the engineers were trained by firms of the same industry (car making) nearby; "
          "that is a pooled labour market of one industry."),
    ("U", "example (c): the idea crosses from one industry (cosmetics) to another (food); learning between "
          "different industries is what Jacobs stressed, and it needs a diverse city."),
    ("L", "example (d): the timber yards and finishers serve furniture makers only; shared inputs of one "
          "industry are a Marshallian, localisation gain."),
    ("L", "example (e): batik makers learn from other batik makers; knowledge spillovers within one "
          "industry are a localisation gain."),
    ("U", "example (f): banks, a port and many business services serve firms of every kind; the gain "
          "comes from the size of the city."),
)

# 06.2: the four claims of the popular article, with the verdict the
# literature supports and a hint for a student who gets only this one wrong.
# a = supported by the evidence, b = contradicted by it, c = partly true
# (depends on what is measured), d = a planning or administrative argument.
CLAIMS = (
    ("c", "claim 1 (less pollution): Glaeser & Kahn (2010) find that the same household emits less CO2 in a "
          "central city than in its suburbs, but local air pollution is worse in big cities; so it depends on "
          "what is measured."),
    ("b", "claim 2 (less congestion): congestion is the textbook cost of concentration (Puga 2010), and "
          "Duranton & Turner (2011) find that new roads fill up with new traffic."),
    ("d", "claim 3 (easier monitoring): this is about how easily a government can watch activity, not "
          "about productivity or costs; economics neither proves nor disproves it."),
    ("d", "claim 4 (fits the spatial plan): whether a location follows the rencana tata ruang is a legal "
          "and planning question, not a result of agglomeration economics."),
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
        mistakes.append(Mistake(lambda wrong=wrong: wrong, f"look again at {table[position][1]}"))
    return mistakes


def _swap(letters: str) -> str:
    return letters.translate(str.maketrans("LU", "UL"))


def _model() -> CitySizeModel:
    return CitySizeModel(**CITY)


register(Exercise(
    id="06.1",
    prompt="Classify examples (a) to (f) as localisation (L) or urbanisation (U) economies: six letters.",
    expected=lambda: _expected_letters(EXAMPLES),
    kind="name",
    hint="write six letters, L or U, in the order (a) to (f), with no spaces or commas, for example 'LLLUUU'. "
         "Ask of each example: does the gain come from other firms of the same industry (L), or from the "
         "size and variety of the whole city (U)?",
    mistakes=(
        Mistake(lambda: _swap(_expected_letters(EXAMPLES)),
                "every answer is the opposite one: localisation economies come from firms of the SAME "
                "industry, urbanisation economies from the size and diversity of the whole city."),
        *[m for i in range(len(EXAMPLES)) for m in _one_wrong(EXAMPLES, i, "LU")],
    ),
))

register(Exercise(
    id="06.2",
    prompt="Give a verdict a, b, c or d on each of the four claims, in order: four letters.",
    expected=lambda: _expected_letters(CLAIMS),
    kind="name",
    hint="write four letters (a, b, c or d) in the order of the claims, with no spaces, for example 'abca'. "
         "For each claim ask: is it about productivity and costs (then what does the evidence say?), "
         "or about what makes a government's work easier?",
    mistakes=(
        Mistake(lambda: "aaaa", "the article's claims cannot all be taken at face value: check each against "
                                "the table 'claims against evidence' in the lesson."),
        Mistake(lambda: "aadd", "claims 1 and 2 are about economic effects, and the evidence on them is not "
                                "what the article says: look at Glaeser & Kahn (2010) and Duranton & Turner (2011)."),
        *[m for i in range(len(CLAIMS)) for m in _one_wrong(CLAIMS, i, "abcd")],
    ),
))

register(Exercise(
    id="06.3",
    prompt="The size N* (millions) that maximises net benefit per worker, for A=100, sigma=0.05, B=5, tau=0.5.",
    expected=lambda: _model().optimal_size(),
    hint="set w'(N) = sigma*A*N**(sigma-1) - tau*B*N**(tau-1) to zero and solve: "
         "N* = (sigma*A / (tau*B)) ** (1 / (tau - sigma)).",
    mistakes=(
        Mistake(lambda: CITY["sigma"] * CITY["A"] / (CITY["tau"] * CITY["B"]),
                "that is sigma*A/(tau*B) only; it still has to be raised to the power 1/(tau - sigma)."),
        Mistake(lambda: (CITY["tau"] * CITY["B"] / (CITY["sigma"] * CITY["A"])) ** (1 / (CITY["tau"] - CITY["sigma"])),
                "the fraction is upside down: the gains (sigma*A) go on top, the costs (tau*B) below."),
        Mistake(lambda: (CITY["sigma"] * CITY["A"] / (CITY["tau"] * CITY["B"])) ** (1 / (CITY["tau"] + CITY["sigma"])),
                "the power is 1/(tau - sigma), with a minus sign: N**(tau-1) / N**(sigma-1) = N**(tau-sigma)."),
        Mistake(lambda: (CITY["A"] / CITY["B"]) ** (1 / (CITY["tau"] - CITY["sigma"])),
                "that is where w(N) = 0 (A*N**sigma = B*N**tau), not where w is largest; "
                "set the derivative w'(N) to zero instead."),
    ),
))

register(Exercise(
    id="06.4",
    prompt="The equilibrium size (millions): the larger N with w(N) = w0 = 92, same parameters as 06.3.",
    expected=lambda: _model().equilibrium_size(OUTSIDE_OPTION),
    rel_tol=1e-3,
    hint="search for w(N) = 92 to the RIGHT of N*, for example with CitySizeModel(...).equilibrium_size(92) "
         "or by bisection between N* and a size where w(N) < 92.",
    mistakes=(
        Mistake(lambda: _model().smallest_viable_size(OUTSIDE_OPTION),
                "that is the smaller root, left of N*: there the city is too small to attract anyone, and it "
                "is not where migration stops. Look right of N*."),
        Mistake(lambda: _model().optimal_size(),
                "that is N*, the best size. People keep coming after N* as long as w(N) is above w0."),
    ),
))

register(Exercise(
    id="06.5",
    prompt="The elasticity sigma at which doubling a city raises productivity by 8% (the top of the range).",
    expected=lambda: sigma_from_doubling_gain(LITERATURE_DOUBLING_GAIN[1]),
    hint="doubling N multiplies A*N**sigma by 2**sigma; solve 2**sigma = 1.08 with logarithms.",
    mistakes=(
        Mistake(lambda: LITERATURE_DOUBLING_GAIN[1],
                "0.08 is the gain from doubling, not the elasticity: solve 2**sigma = 1.08, "
                "so sigma = log(1.08) / log(2)."),
        Mistake(lambda: LITERATURE_DOUBLING_GAIN[1] / 2,
                "doubling is not the same as a 200% change; solve 2**sigma = 1.08 with logarithms."),
        Mistake(lambda: sigma_from_doubling_gain(LITERATURE_DOUBLING_GAIN[0]),
                "that is the bottom of the range (3%); the exercise asks for 8%."),
    ),
))

register(Exercise(
    id="06.6",
    prompt="How many index points per worker are lost at the equilibrium size compared with N*? (06.3-06.4).",
    expected=lambda: _model().best_net_benefit() - OUTSIDE_OPTION,
    hint="compute w(N*) and w(N) at the equilibrium size (which equals w0 = 92), and subtract.",
    mistakes=(
        Mistake(lambda: _model().equilibrium_size(OUTSIDE_OPTION) - _model().optimal_size(),
                "that is the difference in size (millions of people); the exercise asks for the difference "
                "in net benefit per worker."),
        Mistake(lambda: _model().productivity(_model().optimal_size())
                - _model().productivity(_model().equilibrium_size(OUTSIDE_OPTION)),
                "that compares productivity only; productivity is higher in the bigger city. Compare the "
                "NET benefit w = y - c."),
        Mistake(lambda: OUTSIDE_OPTION - _model().best_net_benefit(),
                "the sign is reversed: workers are worse off at the equilibrium, so the loss is positive."),
    ),
))
