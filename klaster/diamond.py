"""Porter's diamond (berlian Porter): score a cluster on its determinants,
draw the scores as a radar chart, and keep the scores in a small JSON file.

The diamond comes from Porter (1990): four determinants (factor
conditions; demand conditions, that is the nature of home demand; related
and supporting industries; firm strategy, structure and rivalry) and the two
usual additions, chance and government. A score from 1 (weak) to 5 (strong)
says how much a determinant helps the cluster compete; scores are a
judgement, so every score should come with its reasons.

The determinant keys ("factor", "demand", ...) and the scores file's fields
are the same in every language. Names, questions, the worked cases' texts,
the chart's texts and the messages are in the course language
(``klaster.set_language``).
"""
from __future__ import annotations

import itertools
import json
import os
import tempfile
import textwrap
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.legend import Legend

from .errors import KlasterTypeError, KlasterValueError
from .i18n import N_, _
from .plots import OKABE_ITO
from .text_stamps import stamp

DETERMINANTS = ("factor", "demand", "related", "rivalry", "chance", "government")
MIN_SCORE, MAX_SCORE = 1, 5
FILE_KIND = "klaster diamond scores"  # a field of the file: never translated
FILE_VERSION = 1

# key, name (English, marked for translation), Indonesian term, question, the Jepara example
_DETERMINANTS = [
    ("factor", N_("Factor conditions"), "kondisi faktor",
     N_("Are skilled workers, raw materials, land, capital and infrastructure at hand?"),
     N_("Jepara has a very large pool of skilled woodworkers and carvers and uses 1.5-2.2 million m3 of "
        "roundwood a year (Roda et al. 2007); the supply of good teak is its weak point.")),
    ("demand", N_("Demand conditions"), "kondisi permintaan",
     N_("Are the buyers at home many, sophisticated and demanding, and does home demand grow?"),
     N_("Porter's demand conditions are about home demand. The course has no checked figure on Jepara's buyers "
        "in Indonesia. Its sales abroad (reported by Posthuma 2003) are a result of its competitiveness, which "
        "the diamond sets out to explain, not a demand condition.")),
    ("related", N_("Related and supporting industries"), "industri terkait dan pendukung",
     N_("Are there capable suppliers and related industries nearby?"),
     N_("Timber traders, sawmills, carving and finishing workshops and transport services work next to the "
        "furniture makers, spread over many villages (about 80 in the late 1990s: Sandee et al. n.d., cited by "
        "Posthuma 2003).")),
    ("rivalry", N_("Firm strategy, structure and rivalry"), "strategi, struktur dan persaingan perusahaan",
     N_("How are firms organised, and how hard do local rivals push each other?"),
     N_("Thousands of small firms (15,271 production units, Roda et al. 2007) compete for the same buyers, "
        "often on price; rivalry keeps costs down but does not always push firms to better designs.")),
    ("chance", N_("Chance"), "kesempatan (peluang)",
     N_("Did events outside anyone's control help or hurt?"),
     N_("The fall of the rupiah in the 1997-98 Asian financial crisis made Indonesian exports cheaper; "
        "Posthuma (2003) reports Jepara's furniture exports as US$169 million in 1998, although the original "
        "source of that figure is unknown.")),
    ("government", N_("Government"), "pemerintah",
     N_("Do policies and public services strengthen the other determinants?"),
     N_("Forest management and timber-legality rules shape the wood supply; PP 29/2018 set out how government "
        "supports small and medium industry centres (sentra IKM).")),
]

#: Each determinant's name in English (marked for translation; show it with ``_()``).
NAMES = {key: name for key, name, *_rest in _DETERMINANTS}


def determinants() -> pd.DataFrame:
    """The six determinants: key, name, Indonesian name, the question to ask, and the Jepara example.

    Source: Porter (1990); chance and government are the usual two additions.
    Demand conditions are about home demand: sales abroad are a result of a
    cluster's competitiveness, not this determinant.
    Each Jepara example names the source of its figures. Names, questions
    and examples are in the course language; ``name_id`` is the Indonesian term.
    """
    rows = [(key, _(name), name_id, _(question), _(example))
            for key, name, name_id, question, example in _DETERMINANTS]
    return pd.DataFrame(rows, columns=["key", "name", "name_id", "question", "jepara_example"])


# ---------------------------------------------------------------------------
# Scores
# ---------------------------------------------------------------------------

def validate_scores(scores) -> pd.Series:
    """Check a set of diamond scores and return it as an integer Series in the order of DETERMINANTS.

    ``scores`` is a dict or Series keyed by the determinant keys
    (factor, demand, related, rivalry, chance, government), each a whole
    number from 1 to 5. Raises KlasterValueError naming the determinant when
    a score is missing, unknown, not a whole number, or outside 1-5.
    """
    if isinstance(scores, pd.Series):
        scores = scores.to_dict()
    if not isinstance(scores, Mapping):
        raise KlasterTypeError(_("Give the scores as a dict such as {example}, not a {type}.").format(
            example="{'factor': 4, ...}", type=type(scores).__name__))
    unknown = [k for k in scores if k not in DETERMINANTS]
    if unknown:
        raise KlasterValueError(_("{key!r} is not a determinant of the diamond; use the keys {keys}.").format(
            key=unknown[0], keys=", ".join(DETERMINANTS)))
    missing = [k for k in DETERMINANTS if k not in scores]
    if missing:
        raise KlasterValueError(_("The score for {keys} is missing; score all six determinants.").format(
            keys=", ".join(missing)))
    clean = {}
    for key in DETERMINANTS:
        value = scores[key]
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer, float, np.floating)):
            raise KlasterValueError(_("The score for {key} is {value!r}; it must be a whole number from {low} to "
                                      "{high}.").format(key=key, value=value, low=MIN_SCORE, high=MAX_SCORE))
        if not np.isfinite(value) or not float(value).is_integer():
            raise KlasterValueError(_("The score for {key} is {value!r}; use a whole number from {low} to {high}, "
                                      "not a fraction.").format(key=key, value=value, low=MIN_SCORE, high=MAX_SCORE))
        if not MIN_SCORE <= value <= MAX_SCORE:
            raise KlasterValueError(_("The score for {key} is {value}, outside {low}-{high}.").format(
                key=key, value=int(value), low=MIN_SCORE, high=MAX_SCORE))
        clean[key] = int(value)
    return pd.Series(clean, name="score", dtype="int64").rename_axis("determinant")


# each case: its title and, per determinant, (score, reasoning); texts in English, marked for translation
_WORKED = {
    "jepara": (N_("Jepara furniture"), {
        "factor": (4, N_("A very large pool of skilled woodworkers (about 170,000 workers, Roda et al. 2007) and "
                         "a long carving tradition; but the cluster needs 1.5-2.2 million m3 of roundwood a year "
                         "(Roda et al. 2007), so wood supply is under pressure. Strong, not perfect.")),
        "demand": (3, N_("Porter's demand conditions are about buyers at home, and the course has no checked fact "
                         "on Jepara's Indonesian buyers: a neutral score. Its sales abroad show that the cluster "
                         "competes, which is what the diamond explains, not one of its determinants.")),
        "related": (4, N_("Timber traders, sawmills, carving and finishing workshops and transport services sit "
                          "close to the furniture makers, in many villages.")),
        "rivalry": (3, N_("Thousands of small firms (15,271 production units, Roda et al. 2007) compete hard, but "
                          "often on price rather than on design, so rivalry pushes upgrading only in part.")),
        "chance": (3, N_("The fall of the rupiah in 1997-98 made exports cheaper and is often linked to the late-1990s "
                         "export boom; later shocks cut the other way. Mixed.")),
        "government": (3, N_("Forest and timber-legality rules shape the wood supply, and PP 29/2018 provided for "
                             "support to industry centres; the course found no evidence that government is "
                             "decisive either way. Middle score.")),
    }),
    "cibaduyut": (N_("Cibaduyut footwear"), {
        "factor": (2, N_("Skilled shoemakers (about 6,300 in 1997, The Jakarta Post 1997), but a shrinking pool: the "
                         "same report says that about 8,000 jobs had already been lost, and a later count gives "
                         "3,519 workers (Tempo 2009, second-hand and not verified).")),
        "demand": (3, N_("Porter's demand conditions are about buyers at home, and the course has no checked fact on "
                         "Cibaduyut's home buyers: a neutral score. Its output fell (5.5 million pairs a year in 1997, "
                         "3-4 million in 2009), and in 1997 it also sold to Singapore, Malaysia and Brunei, but sales "
                         "are results, not this determinant.")),
        "related": (3, N_("A shoe cluster needs leather, soles and accessories; the course has no checked figures "
                          "on Cibaduyut's suppliers, so it gives a middle score.")),
        "rivalry": (3, N_("Many small owners (at least 986 in 1997, The Jakarta Post 1997) compete, yet the decline "
                          "suggests that rivalry did not lead to enough upgrading. Middle score.")),
        "chance": (3, N_("The course knows of no single event that clearly helped or hurt Cibaduyut: neutral.")),
        "government": (3, N_("The sources used here show no decisive government action either way: neutral.")),
    }),
}

#: Titles of the worked cases (English, marked for translation; show them with ``_()``).
WORKED_TITLES = {key: title for key, (title, _scores) in _WORKED.items()}


def worked_scores() -> pd.DataFrame:
    """The course's worked diamond scores for Jepara furniture and Cibaduyut footwear, with reasons.

    These scores are the course's own judgement, based on the facts (with
    sources) written in the reasoning. Columns: case, cluster, determinant,
    name, score, reasoning; the cluster, name and reasoning are in the course
    language, case and determinant are keys.
    """
    rows = []
    for case, (title, scores) in _WORKED.items():
        for key in DETERMINANTS:
            score, reason = scores[key]
            rows.append({"case": case, "cluster": _(title), "determinant": key, "name": _(NAMES[key]),
                         "score": score, "reasoning": _(reason)})
    return pd.DataFrame(rows).astype({"score": "int64"})


def worked_case(case: str) -> pd.Series:
    """The worked scores of one case ('jepara' or 'cibaduyut') as a Series indexed by determinant."""
    if case not in _WORKED:
        raise KlasterValueError(_("There is no worked case {case!r}; choose 'jepara' or 'cibaduyut'.").format(
            case=case))
    table = worked_scores()
    one = table[table["case"] == case].set_index("determinant")["score"]
    return validate_scores(one)


# fact_id, the fact (English, marked for translation), the determinant key it belongs to
_FACTS = [
    ("f1", N_("Jepara's furniture makers employ about 170,000 workers (Roda et al. 2007)."), "factor"),
    ("f2", N_("Households, hotels and shops in Indonesia's big cities ask Jepara's workshops for new designs every "
              "season (an invented example)."), "demand"),
    ("f3", N_("Timber traders, sawmills and finishing workshops work next to the furniture makers."), "related"),
    ("f4", N_("About 15,271 production units compete for the same buyers (Roda et al. 2007)."), "rivalry"),
    ("f5", N_("The rupiah fell sharply in the 1997-98 Asian financial crisis."), "chance"),
    ("f6", N_("PP 29/2018 set out how government supports small and medium industry centres."), "government"),
]


def fact_examples() -> pd.DataFrame:
    """Six facts about Jepara furniture, each filed under the determinant it belongs to (for exercises).

    Columns: fact_id, fact (in the course language), determinant (a key).
    """
    return pd.DataFrame([(fact_id, _(fact), key) for fact_id, fact, key in _FACTS],
                        columns=["fact_id", "fact", "determinant"])


# ---------------------------------------------------------------------------
# Radar chart
# ---------------------------------------------------------------------------

SERIES_COLOURS = (OKABE_ITO["blue"], OKABE_ITO["vermillion"], OKABE_ITO["bluish_green"])
SERIES_LINESTYLES = ("-", "--", ":")  # so that series stay apart where they overlap, and in grey print


class RadarChart:
    """A radar chart of diamond scores on a polar Axes, with up to three series updated in place.

    ``set_series(i, scores, label)`` shows series i (0, 1 or 2); ``hide(i)``
    hides it. ``values(i)`` returns the scores currently drawn for series i.
    """

    def __init__(self, ax=None, n_series: int = 2, figsize=(6.5, 5.5)):
        if ax is None:
            fig = Figure(figsize=figsize, layout="constrained")
            ax = fig.add_subplot(projection="polar")
        if getattr(ax, "name", "") != "polar":
            raise KlasterValueError(_("A radar chart needs a polar Axes: create it with {code}.").format(
                code="fig.add_subplot(projection='polar')"))
        self.ax = ax
        self.figure = ax.figure
        self.angles = np.linspace(0, 2 * np.pi, len(DETERMINANTS), endpoint=False)
        closed = np.append(self.angles, self.angles[0])
        self.lines, self.fills = [], []
        for i in range(n_series):
            colour = SERIES_COLOURS[i % len(SERIES_COLOURS)]
            (line,) = ax.plot(closed, np.zeros(len(closed)), color=colour, linewidth=2, marker="o",
                              markersize=4, linestyle=SERIES_LINESTYLES[i % len(SERIES_LINESTYLES)],
                              visible=False)
            (fill,) = ax.fill(closed, np.zeros(len(closed)), color=colour, alpha=0.15, visible=False)
            self.lines.append(line)
            self.fills.append(fill)
        ax.set_theta_offset(np.pi / 2)
        ax.set_theta_direction(-1)
        ax.set_xticks(self.angles)
        ax.set_xticklabels([textwrap.fill(_(NAMES[k]), 16) for k in DETERMINANTS], fontsize=8)
        ax.set_ylim(0, MAX_SCORE)
        ax.set_yticks(range(MIN_SCORE, MAX_SCORE + 1))
        ax.set_yticklabels([str(v) for v in range(MIN_SCORE, MAX_SCORE + 1)], fontsize=7)
        ax.set_rlabel_position(30)
        ax.set_ylabel(_("score (1 = weak, 5 = strong)"), labelpad=36, fontsize=8)
        ax.set_title(_("Porter's diamond: scores by determinant"))
        # One legend per set of shown series, made once and hidden; showing another set or renaming a
        # series only switches visibility and changes texts in place (cheap to redraw, see animated()).
        self._legends = {}
        if n_series <= 3:  # few enough to make them all now (more are made when first needed)
            for shown in itertools.product((False, True), repeat=n_series):
                which = tuple(i for i, on in enumerate(shown) if on)
                if which:
                    self._legend_for(which)
        self.legend = None

    def set_series(self, i: int, scores, label: str) -> "RadarChart":
        values = validate_scores(scores).to_numpy(dtype=float)
        closed = np.append(values, values[0])
        angles = np.append(self.angles, self.angles[0])
        self.lines[i].set_data(angles, closed)
        self.lines[i].set_label(label)
        self.lines[i].set_visible(True)
        self.fills[i].set_xy(np.column_stack([angles, closed]))
        self.fills[i].set_visible(True)
        self._legend()
        return self

    def hide(self, i: int) -> "RadarChart":
        self.lines[i].set_visible(False)
        self.fills[i].set_visible(False)
        self._legend()
        return self

    def values(self, i: int) -> pd.Series:
        """The scores drawn for series i (a Series indexed by determinant)."""
        return pd.Series(np.asarray(self.lines[i].get_ydata())[:-1], index=list(DETERMINANTS), dtype=float)

    def animated(self) -> list:
        """Every artist that changes when series are set or hidden (for FigureView.animate)."""
        return [*self.lines, *self.fills, *self._legends.values()]

    def _legend_for(self, which: tuple) -> Legend:
        if which not in self._legends:
            legend = Legend(self.ax, [self.lines[i] for i in which], ["" for _ in which], loc="upper center",
                            bbox_to_anchor=(0.5, -0.13), ncol=len(which), fontsize=8, frameon=False)
            for handle in legend.legend_handles:  # handles copy the look of lines that may be hidden now
                handle.set_visible(True)
            stamp(legend.get_texts())  # drawn from cached bitmaps (on Agg canvases)
            legend.set_visible(False)
            self.ax.add_artist(legend)
            legend.set_clip_on(False)  # like ax.legend(): outside the axes, and counted by the layout
            self._legends[which] = legend
        return self._legends[which]

    def _legend(self) -> None:
        which = tuple(i for i, line in enumerate(self.lines) if line.get_visible())
        current = self._legend_for(which) if which else None
        for legend in self._legends.values():
            legend.set_visible(legend is current)
            for text in legend.get_texts():  # a hidden legend's texts were never placed: hide them too
                text.set_visible(legend is current)
        self.legend = current
        if self.legend is not None:
            for text, i in zip(self.legend.get_texts(), which):
                if text.get_text() != self.lines[i].get_label():
                    text.set_text(self.lines[i].get_label())


def radar_chart(scores: dict, ax=None, title: str = "") -> RadarChart:
    """Draw one radar chart of several clusters' scores: ``scores`` maps a label to a set of scores.

    Example: ``radar_chart({"Jepara": worked_case("jepara"), "Cibaduyut": worked_case("cibaduyut")})``.
    """
    if not isinstance(scores, Mapping) or not scores:
        raise KlasterValueError(_("Give the scores as a dict that maps a cluster's name to its scores."))
    chart = RadarChart(ax=ax, n_series=len(scores))
    for i, (label, values) in enumerate(scores.items()):
        chart.set_series(i, values, str(label))
    if title:
        chart.ax.set_title(title)
    return chart


# ---------------------------------------------------------------------------
# Saving and loading scores
# ---------------------------------------------------------------------------

def _empty_store() -> dict:
    return {"kind": FILE_KIND, "version": FILE_VERSION, "entries": []}


def _read_store(path: Path) -> dict:
    """Read a scores file; a missing file gives an empty store. Never changes the file."""
    if not path.exists():
        return _empty_store()
    if path.is_dir():
        raise KlasterValueError(_("{path!r} is a folder, not a file; give a file name such as {example!r}.").format(
            path=str(path), example="my_diamond_scores.json"))
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise KlasterValueError(_("The file {file!r} could not be read as text; it is not a diamond-scores file. "
                                  "It was left unchanged.").format(file=path.name)) from None
    if not text.strip():
        raise KlasterValueError(_("The file {file!r} is empty, so it is not a diamond-scores file. It was left "
                                  "unchanged; choose another file name or delete it.").format(file=path.name))
    try:
        store = json.loads(text)
    except json.JSONDecodeError as exc:
        raise KlasterValueError(_("The file {file!r} is damaged (not valid JSON at line {line}). It was left "
                                  "unchanged; choose another file name to save new scores.").format(
            file=path.name, line=exc.lineno)) from None
    if not isinstance(store, dict) or store.get("kind") != FILE_KIND or not isinstance(store.get("entries"), list):
        raise KlasterValueError(_("The file {file!r} is not a Klaster diamond-scores file. It was left unchanged; "
                                  "choose another file name.").format(file=path.name))
    for number, entry in enumerate(store["entries"], start=1):
        if not (isinstance(entry, dict) and isinstance(entry.get("name"), str) and "scores" in entry):
            raise KlasterValueError(_("Entry {number} of {file!r} is damaged. The file was left unchanged.").format(
                number=number, file=path.name))
        try:
            validate_scores(entry["scores"])
        except (KlasterValueError, KlasterTypeError) as exc:
            raise KlasterValueError(_("Entry {number} ({name!r}) of {file!r} is damaged: {problem} The file was left "
                                      "unchanged.").format(number=number, name=entry["name"], file=path.name,
                                                           problem=exc)) from None
    return store


def save_scores(path, name: str, scores, note: str = "") -> dict:
    """Add a named, timestamped set of scores to a JSON file and return the new entry.

    Earlier entries are kept: each save appends one entry (an entry may
    repeat an earlier name; ``load_scores`` shows them all, newest last).
    The file is created if it does not exist. If the file exists but is not
    a valid diamond-scores file, KlasterValueError is raised and the file is
    left exactly as it was. The file is replaced in one step, so an
    interrupted save cannot damage it.
    """
    if not isinstance(name, str) or not name.strip():
        raise KlasterValueError(_("Give the scores a name (for example the cluster's name) before saving."))
    clean = validate_scores(scores)
    path = Path(path)
    if path.suffix.lower() != ".json":
        raise KlasterValueError(_("Use a file name ending in .json, not {file!r}.").format(file=path.name))
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise KlasterValueError(_("The folder {folder!r} does not exist; choose a file in an existing folder.").format(
            folder=str(folder)))
    store = _read_store(path)
    entry = {"name": " ".join(name.split()), "saved": datetime.now().isoformat(timespec="seconds"),
             "scores": {k: int(v) for k, v in clean.items()}, "note": str(note)}
    store["entries"].append(entry)
    handle, temporary = tempfile.mkstemp(prefix=".diamond-", suffix=".json", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(store, out, indent=2, ensure_ascii=False)
            out.write("\n")
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise
    return entry


def load_scores(path) -> pd.DataFrame:
    """All saved entries of a scores file, oldest first: columns name, saved, note and one per determinant.

    A file that does not exist gives a clear KlasterValueError; so does a
    damaged or foreign file (which is never changed by loading).
    """
    path = Path(path)
    if not path.exists():
        raise KlasterValueError(_("There is no file {path!r} yet; save some scores first, or check the name.").format(
            path=str(path)))
    store = _read_store(path)
    rows = [{"name": e["name"], "saved": e.get("saved", ""), "note": e.get("note", ""),
             **validate_scores(e["scores"]).to_dict()} for e in store["entries"]]
    table = pd.DataFrame(rows, columns=["name", "saved", "note", *DETERMINANTS])
    return table.astype({k: "int64" for k in DETERMINANTS})
