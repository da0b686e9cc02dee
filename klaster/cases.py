"""Indonesian cluster case studies (lesson 09): published figures with their
year, source and status, and the course's reading of eight clusters through
the lenses of lessons 01, 02 and 05.

Two tables in data/ hold the figures (see data/README.md):

- ``indonesian_clusters.csv``: one row per figure per cluster (firms,
  workers, output, exports ...), each with its year (or period), source and
  status. Nothing is smoothed: ranges stay ranges, undated figures stay
  undated, and figures that conflict are recorded as conflicting, without a
  number.
- ``indonesian_clusters_national.csv``: the national picture (BPS 2020,
  Kemenperin 2017, Burger, Kameo & Sandee 2001, Departemen Perindustrian
  2009).

The helpers refuse to combine figures that do not belong together: a ratio
such as workers per firm is computed only from two figures of the same
source, the same year and the same part of the cluster.

The lenses (which definition a case meets, its anatomy, its diamond scores,
the step of the five-step strategy it needs) are **the course's judgement**,
written from the figures in the tables; each judgement carries its reason.
They are kept here, in this module, so that lesson 09 does not depend on the
modules of lessons 01, 02 and 05.

Languages: every text shown to a user is in the course language
(``klaster.set_language``). The data files keep their English texts, which
are the keys; the columns users read (cluster, product, part, detail, unit,
period, source, note; indicator and scope of the national table) come out
of the loaders and tables translated (they are in the library's catalog,
see ``klaster.i18n.extract.DATA_TEXTS``), and a case, a period or a part
may be named in either language. Columns that code compares (case,
figure_id, measure, qualifier, status, source_type, direction, judgement,
definition, determinant) keep their English keys in every language;
``STATUSES``, ``QUALIFIERS`` and the other vocabularies give their meanings
in the course language.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from functools import lru_cache

import numpy as np
import pandas as pd

from .errors import KlasterTypeError, KlasterValueError
from .i18n import N_, _, _f, _p, cached_per_language, number
from .labels import labels_answer, tidy_label  # noqa: F401  (used by lesson 09 and its checks)
from .paths import data_dir

FIGURES_FILE = "indonesian_clusters.csv"
NATIONAL_FILE = "indonesian_clusters_national.csv"

CASE_ORDER = ("jepara", "kudus", "cibaduyut", "pekalongan", "kasongan", "ceper", "tegal", "tasikmalaya")

class _Texts(Mapping):
    """A read-only dict whose values are texts shown in the course language when they are read.

    The keys stay as they are (code compares them); a value is marked ``N_()``
    where it is written and translated with ``_()`` each time it is read, so
    ``pd.Series(STATUSES)`` made after ``set_language("id")`` is in Indonesian.
    ``fields`` names the only keys whose values are translated (the others,
    such as numbers and codes, are handed out as they are).
    """

    def __init__(self, items, fields=None):
        self._items = dict(items)
        self._fields = None if fields is None else frozenset(fields)

    def __getitem__(self, key):
        value = self._items[key]
        return _(value) if self._fields is None or key in self._fields else value

    def __iter__(self):
        return iter(self._items)

    def __len__(self):
        return len(self._items)

    def __repr__(self):
        return repr(dict(self))


# ---------------------------------------------------------------------------
# Status and qualifier vocabularies
# ---------------------------------------------------------------------------

AS_PUBLISHED = N_("as published")
SECOND_HAND = N_("second-hand")
NO_YEAR = N_("year not stated")
APPROXIMATE = N_("approximate")
MIXED_YEARS = N_("mixed years")
CONFLICTING = N_("conflicting \u2014 do not quote")

#: What each status means, from most to least usable. The order is also the
#: order of severity used when two figures are combined. The keys are the
#: statuses of the tables (English in every language); ``_(status)`` shows one.
STATUSES = _Texts({
    AS_PUBLISHED: N_("a named source gives the figure and its year; quote it with both"),
    SECOND_HAND: N_("the figure reaches us through another publication that cites it; quote both sources"),
    NO_YEAR: N_("the source gives no year; never use it for a trend or next to dated figures"),
    APPROXIMATE: N_("sources disagree; quote it only as 'about', with the caveat"),
    MIXED_YEARS: N_("a sum of counts made in different years; not one year's figure"),
    CONFLICTING: N_("published figures disagree so much that the course records no number"),
})
_SEVERITY = {status: rank for rank, status in enumerate(STATUSES)}

#: The qualifiers of the tables (keys, English in every language; ``_(qualifier)`` shows one) and their meaning.
QUALIFIERS = _Texts({
    N_("exact"): N_("printed without 'about' or 'over' (which does not make it accurate)"),
    N_("about"): N_("the source rounds it or calls it approximate"),
    N_("over"): N_("a lower bound: the source says 'over' or 'more than'"),
    N_("at least"): N_("a lower bound that the figure itself may reach: the source says 'at least'"),
    N_("up to"): N_("an upper bound: the source says 'up to'"),
    N_("range"): N_("the source gives a range, from value to value_high"),
    N_("no figure"): N_("no number is recorded (see the status)"),
})

_TEXT_COLUMNS = ["figure_id", "case", "cluster", "product", "district", "province", "bps_code", "scope", "part",
                 "measure", "detail", "qualifier", "unit", "period", "source", "source_type", "status", "note"]
_NATIONAL_TEXT = ["figure_id", "indicator", "scope", "qualifier", "unit", "period", "source", "source_type",
                  "status", "note"]
#: The columns users read, translated in the loaders' tables (the same as klaster.i18n.extract.DATA_TEXTS).
_SHOWN = ["cluster", "product", "part", "detail", "unit", "period", "source", "note"]
_NATIONAL_SHOWN = ["indicator", "scope", "unit", "period", "source", "note"]


def _localise(frame: pd.DataFrame, columns) -> pd.DataFrame:
    """``frame`` with the data texts of ``columns`` in the course language (changed in place, and returned)."""
    for col in columns:
        if col in frame.columns:
            shown = {text: _(text) for text in frame[col].unique() if isinstance(text, str)}
            frame[col] = frame[col].map(lambda text: shown.get(text, text))
    return frame


def _read(name: str, text_columns: list[str]) -> pd.DataFrame:
    """Read one of the case tables (cached by path and modification time; a fresh copy each call)."""
    path = data_dir() / name
    if not path.exists():
        raise FileNotFoundError(
            _("The course data file {path} is missing. Run the course from its own folder "
              "or set KLASTER_DATA_DIR to the folder that holds the data.").format(path=path)
        )
    return _read_cached(str(path), path.stat().st_mtime_ns, tuple(text_columns)).copy()


@lru_cache(maxsize=8)
def _read_cached(path: str, mtime: int, text_columns: tuple[str, ...]) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype={c: str for c in text_columns}, keep_default_na=False,
                        na_values={"value": [""], "value_high": [""], "year": [""]})
    for col in text_columns:
        frame[col] = frame[col].fillna("").astype(str)
    return frame


def _figures_en() -> pd.DataFrame:
    """The figures table as the file has it (English texts: the keys the helpers below work with)."""
    frame = _read(FIGURES_FILE, _TEXT_COLUMNS)
    return frame.astype({"value": "float64", "value_high": "float64", "year": "Int64"})


def _national_en() -> pd.DataFrame:
    """The national table as the file has it (English texts)."""
    frame = _read(NATIONAL_FILE, _NATIONAL_TEXT)
    return frame.astype({"value": "float64", "year": "Int64"})


def load_cluster_figures() -> pd.DataFrame:
    """The eight Indonesian case clusters: one row per published figure.

    Columns (see data/README.md): figure_id, case, cluster, product,
    district, province, bps_code, scope, part, measure, detail, value,
    value_high, qualifier, unit, year, period, source, source_type, status,
    note. ``value`` and ``value_high`` are floats (``value_high`` only for
    ranges; ``value`` is missing where the status is 'conflicting — do not
    quote'); ``year`` is a nullable integer, missing when the source gives no
    single year ('late 1990s', 'not stated', mixed years): ``period`` always
    says in words what the year is. Every other column is text: cluster,
    product, part, detail, unit, period, source and note in the course
    language; the others (keys and codes) as in the file.
    Sources: as given row by row, from the course's notes.
    """
    return _localise(_figures_en(), _SHOWN)


def load_national_picture() -> pd.DataFrame:
    """The national picture of Indonesian industrial centres (sentra) and small-firm clusters.

    One row per figure: BPS Direktori Sentra Industri 2020, Kementerian
    Perindustrian (2017) with its split by island and commodity (a count for
    2016), Burger, Kameo & Sandee (2001), and the number of priority-cluster
    road maps that Departemen Perindustrian (2009) issued to carry out
    Perpres 28/2008. Columns: figure_id, indicator, scope, value (float), qualifier,
    unit, year (nullable integer), period, source, source_type, status, note
    (indicator, scope, unit, period, source and note in the course language).
    """
    return _localise(_national_en(), _NATIONAL_SHOWN)


def _all_figures() -> pd.DataFrame:
    """Both tables stacked, with the columns they share (for looking figures up by id), in English."""
    cases = _figures_en()
    national = _national_en().rename(columns={"indicator": "detail"})
    national = national.assign(case="", cluster="Indonesia", part=national["scope"], measure=national["detail"],
                               value_high=np.nan)
    shared = ["figure_id", "case", "cluster", "part", "measure", "detail", "value", "value_high", "qualifier",
              "unit", "year", "period", "source", "status", "note"]
    return pd.concat([cases[shared], national[shared]], ignore_index=True)


# ---------------------------------------------------------------------------
# Cases and figures
# ---------------------------------------------------------------------------

def _figures_version() -> tuple:
    """(path, modification time) of the figures file: the key of the caches below."""
    path = data_dir() / FIGURES_FILE
    return str(path), (path.stat().st_mtime_ns if path.exists() else None)


def case_table() -> pd.DataFrame:
    """One row per case: case key, cluster name, product, district, province, BPS code, number of figures.

    The cluster name and the product are in the course language.
    """
    return _localise(_case_table_cached(*_figures_version()).copy(), ["cluster", "product"])


def _cluster_names() -> dict[str, str]:
    """Case key -> cluster name in the course language."""
    table = _case_table_cached(*_figures_version())
    return {case: _(cluster) for case, cluster in zip(table["case"], table["cluster"])}


@lru_cache(maxsize=4)
def _case_table_cached(path: str, mtime) -> pd.DataFrame:
    figures = _figures_en()
    first = figures.drop_duplicates("case").set_index("case")
    table = first.loc[list(CASE_ORDER), ["cluster", "product", "district", "province", "bps_code"]]
    table["figures"] = figures.groupby("case").size().reindex(table.index).astype("int64")
    return table.reset_index()


def _case_lookup() -> dict[str, str]:
    return dict(_case_lookup_cached(*_figures_version()))


@cached_per_language(maxsize=4)
def _case_lookup_cached(path: str, mtime) -> dict[str, str]:
    """Tidied name -> case key: the key, the English cluster name, its place, and the name in the course language."""
    table = _case_table_cached(path, mtime)
    lookup = {}
    for row in table.itertuples(index=False):
        for name in (row.case, row.cluster, row.cluster.split()[0], _(row.cluster)):
            lookup[_tidy(name)] = row.case
    return lookup


_tidy = tidy_label


def resolve_case(name, _lookup: dict | None = None) -> str:
    """The case key ('jepara', ...) for a key, a cluster name ('Jepara furniture') or a place ('Jepara').

    The cluster name may be given in English or in the course language.
    Raises KlasterValueError naming the known cases (and the closest match)
    when the name is not one of them.
    """
    if not isinstance(name, str):
        raise KlasterTypeError(_("A case is named by text such as 'jepara', not by a {kind}.").format(
            kind=type(name).__name__))
    lookup = _lookup if _lookup is not None else _case_lookup()
    key = _tidy(name)
    if key in lookup:
        return lookup[key]
    close = difflib.get_close_matches(key, list(lookup), n=1, cutoff=0.6)
    known = ", ".join(CASE_ORDER)
    if close:
        raise KlasterValueError(_("There is no case {name!r} in lesson 09's table. Did you mean {close!r}? The cases "
                                  "are: {cases}.").format(name=name, close=lookup[close[0]], cases=known))
    raise KlasterValueError(_("There is no case {name!r} in lesson 09's table. The cases are: {cases}.").format(
        name=name, cases=known))


def resolve_cases(names) -> list[str]:
    """Case keys for a list of names, in the order given, without repeats."""
    if isinstance(names, str):
        names = [names]
    if names is None:
        return list(CASE_ORDER)
    lookup = _case_lookup()
    keys: list[str] = []
    for name in names:
        key = resolve_case(name, lookup)
        if key not in keys:
            keys.append(key)
    return keys


def case_figures(case) -> pd.DataFrame:
    """All figures of one case (a key, cluster name or place), in the table's order.

    Texts as in ``load_cluster_figures`` (the columns users read in the course language).
    """
    key = resolve_case(case)
    figures = _figures_en()
    return _localise(figures[figures["case"] == key].reset_index(drop=True), _SHOWN)


def _figure_en(figure_id: str) -> pd.Series:
    """One figure by its id, with the file's English texts (the helpers compare these)."""
    table = _all_figures()
    found = table[table["figure_id"] == figure_id]
    if found.empty:
        close = difflib.get_close_matches(str(figure_id), table["figure_id"].tolist(), n=1, cutoff=0.5)
        if close:
            raise KlasterValueError(_("There is no figure {figure_id!r} in the case tables. Did you mean "
                                      "{close!r}?").format(figure_id=figure_id, close=close[0]))
        raise KlasterValueError(_("There is no figure {figure_id!r} in the case tables.").format(figure_id=figure_id))
    return found.iloc[0]


def figure(figure_id: str) -> pd.Series:
    """One figure (a row of either table) by its figure_id, such as 'jepara-2007-workers'.

    Its texts (cluster, part, detail, unit, period, source, note) are in the course language.
    """
    row = _figure_en(figure_id).copy()
    for col in ("cluster", "part", "detail", "unit", "period", "source", "note"):
        row[col] = _(row[col])
    return row


def _number(value: float) -> str:
    """A figure's number for reading, in the course language's style (15,271 or 15.271; 35.8 or 35,8)."""
    if pd.isna(value):
        return _("no figure")
    return number(value, ",.0f") if float(value).is_integer() else number(value, ",.1f")


def format_figure(row: pd.Series) -> str:
    """A figure as words with its qualifier and unit: 'about 170,000 workers', '3 to 4 million pairs a year'.

    In the course language, numbers in its style ('sekitar 170.000 pekerja' in Indonesian).
    """
    unit = _(row["unit"])
    if row["qualifier"] == "no figure" or pd.isna(row["value"]):
        return _("no figure ({status})").format(status=_(row["status"]))
    value = _number(row["value"])
    if row["qualifier"] == "range":
        return _f("{low} to {high} {unit}", low=value, high=_number(row["value_high"]), unit=unit)
    if row["qualifier"] == "about":
        return _f("about {value} {unit}", value=value, unit=unit)
    if row["qualifier"] == "over":
        return _f("over {value} {unit}", value=value, unit=unit)
    if row["qualifier"] == "at least":
        return _f("at least {value} {unit}", value=value, unit=unit)
    if row["qualifier"] == "up to":
        return _f("up to {value} {unit}", value=value, unit=unit)
    return f"{value} {unit}"


def _figure_with_detail(row: pd.Series) -> str:
    """The figure in words, followed by what it counts when the unit alone does not say it."""
    if row["qualifier"] == "no figure" or pd.isna(row["value"]):
        return _("no figure ({status})").format(status=_(row["status"]))
    text, detail = format_figure(row), _(row["detail"])
    return text if detail in text else f"{text} ({detail})"


def describe_figure(figure_id: str) -> str:
    """One line: the figure, what it counts, its period, its source and its status (in the course language)."""
    row = _figure_en(figure_id)
    return _("{cluster}: {figure} ({detail}; {period}; {source}; status: {status})").format(
        cluster=_(row["cluster"]), figure=format_figure(row), detail=_(row["detail"]), period=_(row["period"]),
        source=_(row["source"]), status=_(row["status"]))


# ---------------------------------------------------------------------------
# Ratios that refuse to mix figures
# ---------------------------------------------------------------------------

def _ratio_problem(top: pd.Series, bottom: pd.Series) -> str | None:
    """Why two figures must not be divided, or None when they may."""
    for row in (top, bottom):
        about = dict(period=_(row["period"]), cluster=_(row["cluster"]), detail=_(row["detail"]))
        if row["status"] == CONFLICTING or pd.isna(row["value"]):
            return _("the {period} figure for {cluster} ({detail}) has no usable number: published figures "
                     "disagree, so the course records none.").format(**about)
        if row["status"] == MIXED_YEARS:
            return _("the {period} figure for {cluster} ({detail}) adds counts from different years ({period}), so "
                     "it belongs to no single year.").format(**about)
        if row["status"] == APPROXIMATE:
            return _("the {period} figure for {cluster} ({detail}) comes from secondary sources that disagree; a "
                     "ratio of such figures would look more precise than it is.").format(**about)
        if row["qualifier"] == "range":
            return _("the {period} figure for {cluster} ({detail}) is a range ({figure}); a ratio needs one number, "
                     "so work with both ends of the range instead.").format(figure=format_figure(row), **about)
    if top["source"] != bottom["source"] or top["period"] != bottom["period"]:
        return _("the two figures come from different sources or years: {top} is from {top_source} ({top_period}) "
                 "and {bottom} from {bottom_source} ({bottom_period}). They may count different things, so their "
                 "ratio would mean nothing.").format(
            top=top["figure_id"], top_source=_(top["source"]), top_period=_(top["period"]),
            bottom=bottom["figure_id"], bottom_source=_(bottom["source"]), bottom_period=_(bottom["period"]))
    if top["part"] != bottom["part"] or top["case"] != bottom["case"]:
        return _("the two figures cover different things: {top} covers {top_part} and {bottom} covers "
                 "{bottom_part}.").format(top=top["figure_id"], top_part=_(top["part"]), bottom=bottom["figure_id"],
                                          bottom_part=_(bottom["part"]))
    return None


def _weakest(*statuses: str) -> str:
    return max(statuses, key=lambda s: _SEVERITY.get(s, len(_SEVERITY)))


def figure_ratio(numerator_id: str, denominator_id: str) -> float:
    """The ratio of two figures, only when they come from the same source, year and part.

    For example ``figure_ratio("jepara-1990s-firms", "jepara-1990s-villages")``
    gives firms per village. Raises KlasterValueError, with the reason, when
    the figures come from different sources or years, cover different parts
    of a cluster, are ranges, are approximate because sources disagree, add
    up different years, or have no number.
    """
    top, bottom = _figure_en(numerator_id), _figure_en(denominator_id)
    problem = _ratio_problem(top, bottom)
    if problem:
        raise KlasterValueError(_("Cannot divide {top} by {bottom}: {problem}").format(
            top=numerator_id, bottom=denominator_id, problem=problem))
    if bottom["value"] == 0:
        raise KlasterValueError(_("Cannot divide by {bottom}: it is zero.").format(bottom=denominator_id))
    return float(top["value"] / bottom["value"])


def figure_share(part_id: str, whole_id: str) -> float:
    """The share (0 to 1) of a part in a whole: for example Java's workers in all of Indonesia's sentra IKM.

    Both figures must count the same thing (the same measure and unit) in
    the same source and year; unlike ``figure_ratio`` they cover different
    areas or groups, the part inside the whole. Raises KlasterValueError
    with the reason otherwise, or when the part is larger than the whole.
    """
    part, whole = _figure_en(part_id), _figure_en(whole_id)
    same_cover = whole.copy()
    same_cover["part"], same_cover["case"] = part["part"], part["case"]  # a part and its whole differ here
    problem = _ratio_problem(part, same_cover)
    if problem is None and (part["measure"] != whole["measure"] or part["unit"] != whole["unit"]):
        problem = _("the two figures count different things ({part_detail}, in {part_unit}; {whole_detail}, in "
                    "{whole_unit}).").format(part_detail=_(part["detail"]), part_unit=_(part["unit"]),
                                             whole_detail=_(whole["detail"]), whole_unit=_(whole["unit"]))
    if problem:
        raise KlasterValueError(_("Cannot take {part} as a share of {whole}: {problem}").format(
            part=part_id, whole=whole_id, problem=problem))
    if part["value"] > whole["value"]:
        raise KlasterValueError(_("{part} ({part_value}) is larger than {whole} ({whole_value}), so it cannot be a "
                                  "part of it.").format(part=part_id, part_value=_number(part["value"]),
                                                        whole=whole_id, whole_value=_number(whole["value"])))
    return float(part["value"] / whole["value"])


def _no_pair_reason(figures: list[dict]) -> str:
    """Why a case (its figures as records) has no pair of firm and worker counts to divide."""
    cluster = _(figures[0]["cluster"])
    workers = [f for f in figures if f["measure"] == "workers"]
    firms = [f for f in figures if f["measure"] == "firms"]
    if not workers:
        if any(f["measure"] == "jobs_lost" for f in figures):
            return _("the table has no count of workers for {cluster} (the number of jobs lost in an event is not "
                     "the size of the workforce).").format(cluster=cluster)
        return _("the table has no count of workers for {cluster}.").format(cluster=cluster)
    if not firms:
        return _("the table has no count of firms for {cluster}.").format(cluster=cluster)
    if all(pd.isna(w["value"]) for w in workers):
        return _("the only count of workers for {cluster} is marked '{status}': published figures disagree, so the "
                 "course records none.").format(cluster=cluster, status=_(CONFLICTING))
    return _("the counts of firms and of workers for {cluster} cover different parts of the cluster ({firm_parts} "
             "against {worker_parts}).").format(
        cluster=cluster, firm_parts=", ".join(_(p) for p in sorted({f["part"] for f in firms})),
        worker_parts=", ".join(_(p) for p in sorted({w["part"] for w in workers})))


def _workers_per_firm_rows(figures: list[dict], key: str, include_refused: bool) -> list[dict]:
    """The rows of ``workers_per_firm_table`` for one case, from its figures as records (``_case_records``)."""
    rows = []
    pairs = [(f, w) for f in figures if f["measure"] == "firms"
             for w in figures if w["measure"] == "workers" and f["part"] == w["part"]]
    computed = []
    for f, w in pairs:
        problem = _ratio_problem(w, f)
        same_period, same_source = f["period"] == w["period"], f["source"] == w["source"]
        row = {"case": key, "cluster": _(f["cluster"]), "covers": _(f["part"]),
               "period": _(f["period"]) if same_period else f"{_(f['period'])} / {_(w['period'])}",
               "firms": f["value"], "workers": w["value"],
               "workers_per_firm": np.nan if problem else float(w["value"] / f["value"]),
               "source": _(f["source"]) if same_source else f"{_(f['source'])} / {_(w['source'])}",
               "status": _weakest(f["status"], w["status"]), "problem": problem or "",
               # the English the arguments of workers_per_firm may also name
               "period_en": f["period"] if same_period else f"{f['period']} / {w['period']}",
               "covers_en": f["part"]}
        computed.append(row)
    usable = [r for r in computed if not r["problem"]]
    if include_refused:
        rows.extend(computed)
    else:
        rows.extend(usable)
    if not usable:
        reason = _no_pair_reason(figures) if not pairs else computed[0]["problem"]
        if not pairs or not include_refused:
            rows.append({"case": key, "cluster": _(figures[0]["cluster"]), "covers": "", "period": "",
                         "firms": np.nan, "workers": np.nan, "workers_per_firm": np.nan, "source": "",
                         "status": "", "problem": reason, "period_en": "", "covers_en": ""})
    return rows


def workers_per_firm_table(cases=None, include_refused: bool = True) -> pd.DataFrame:
    """Workers per firm for every pair of firm and worker counts that may be divided.

    One row per pair of a firms figure and a workers figure of the same case
    and the same part of the cluster. Pairs from the same source and period
    get ``workers_per_firm`` = workers / firms; other pairs get a missing
    value and, in ``problem``, the reason they may not be divided. A case
    with no pair at all gets one row explaining why. ``include_refused=False``
    keeps only the computed pairs (and the one-row explanations).
    Columns: case, cluster, covers, period, firms, workers, workers_per_firm,
    source, status (the weaker of the two statuses), problem; the texts in
    the course language, the status as its key.
    """
    return _workers_per_firm_frame(cases, include_refused, _WPF_COLUMNS)


_WPF_COLUMNS = ["case", "cluster", "covers", "period", "firms", "workers", "workers_per_firm", "source", "status",
                "problem"]


def _workers_per_firm_frame(cases, include_refused: bool, columns: list[str]) -> pd.DataFrame:
    rows = []
    for key in resolve_cases(cases):
        rows.extend(_case_rows("workers per firm", key, include_refused))
    return pd.DataFrame(rows, columns=columns).astype(
        {"firms": "float64", "workers": "float64", "workers_per_firm": "float64"})


def workers_per_firm(case, period=None, part: str | None = None) -> float:
    """Workers per firm of one case, from a count of firms and a count of workers of the same source and year.

    ``period`` chooses the year or period ('2007', 2007, 'late 1990s',
    'not stated') and ``part`` the part of the cluster ('Talang subdistrict
    (kecamatan)', 'embroidery'; the start of the name is enough) when a case
    has more than one; both may be given in English or in the course
    language. Raises KlasterValueError saying why when there is no
    such pair: no count of workers, figures that conflict, or counts from
    different sources or years (for example Cibaduyut's 986 business owners
    of 1997 and its 3,519 workers of 2009).
    """
    key = resolve_case(case)
    table = _workers_per_firm_frame([key], True, [*_WPF_COLUMNS, "period_en", "covers_en"])
    cluster = table["cluster"].iloc[0]
    if period is not None:
        wanted = str(period).strip().casefold()
        matches = (table["period"].str.casefold() == wanted) | (table["period_en"].str.casefold() == wanted)
        if not matches.any():
            known = sorted({p for p in table["period"] if p and "/" not in p})
            figures = _figures_en()
            dated = figures[(figures["case"] == key) & figures["measure"].isin(["firms", "workers"])]
            listing = "; ".join(_("{measure} for {period} ({source})").format(
                measure=measure_label(r.measure), period=_(r.period), source=_(r.source)) for r in dated.itertuples())
            if known:
                message = _("{cluster} has no count of firms and count of workers that are both for {period!r} "
                            "(periods with both: {known}). Its counts are: {listing}. Dividing counts of different "
                            "years or sources would mix two different pictures.")
            else:
                message = _("{cluster} has no count of firms and count of workers that are both for {period!r}. "
                            "Its counts are: {listing}. Dividing counts of different years or sources would mix "
                            "two different pictures.")
            raise KlasterValueError(message.format(cluster=cluster, period=period, known=", ".join(map(repr, known)),
                                                   listing=listing or _("none")))
        table = table[matches]
    if part is not None:
        wanted = _tidy(part)
        matches = (table["covers"].map(_tidy).str.startswith(wanted)
                   | table["covers_en"].map(_tidy).str.startswith(wanted))
        if not matches.any():
            parts = sorted({c for c in table["covers"] if c})
            raise KlasterValueError(_("{cluster} has no part {part!r}; its parts are: {parts}.").format(
                cluster=cluster, part=part, parts=", ".join(map(repr, parts))))
        table = table[matches]
    usable = table[table["workers_per_firm"].notna()]
    if usable.empty:
        reason = table["problem"].iloc[0] if len(table) else _("no figures match.")
        raise KlasterValueError(_("Workers per firm cannot be computed for {cluster}: {reason}").format(
            cluster=cluster, reason=reason))
    if len(usable) > 1:
        choices = "; ".join(f"period={r.period!r}, part={r.covers!r}" for r in usable.itertuples())
        raise KlasterValueError(_("{cluster} has more than one usable pair of counts; choose one with period= or "
                                  "part=: {choices}.").format(cluster=cluster, choices=choices))
    return float(usable["workers_per_firm"].iloc[0])


# ---------------------------------------------------------------------------
# One case's rows of a comparison table, computed once
# ---------------------------------------------------------------------------

def _case_rows(kind: str, key: str, option=None) -> tuple[dict, ...]:
    """One case's rows of the table ``kind`` ('size', 'workers per firm', 'trajectory').

    Each case's rows depend only on the figures file, so they are computed
    once per case (and file version) and shared: building a comparison table
    is then only putting the chosen cases' rows together. The row dicts
    must not be changed.
    """
    return _case_rows_cached(kind, key, *_figures_version(), option)


@cached_per_language(maxsize=256)
def _case_rows_cached(kind: str, key: str, path: str, mtime, option) -> tuple[dict, ...]:
    """The rows, with their texts in the course language (so kept once per language)."""
    if kind == "size":
        return tuple(_size_rows(_case_records(path, mtime).get(key, []), key))
    if kind == "workers per firm":
        return tuple(_workers_per_firm_rows(_case_records(path, mtime).get(key, []), key, option))
    if kind == "trajectory":
        return tuple(_trajectory_rows(_case_records(path, mtime).get(key, []), key))
    raise ValueError(kind)


# ---------------------------------------------------------------------------
# Trajectories
# ---------------------------------------------------------------------------

def _period_order(period: str) -> float | None:
    """A number to sort periods by: '2007' -> 2007, 'late 1990s' -> 1997; undated or mixed -> None."""
    decade = re.fullmatch(r"late (\d{3}0)s", period)
    if decade:
        return int(decade.group(1)) + 7.0
    year = re.match(r"^(\d{4})\b", period)
    if year and "added" not in period:
        return float(year.group(1))
    return None


@lru_cache(maxsize=4)
def _case_records(path: str, mtime) -> dict[str, list[dict]]:
    """Each case's figures as a list of records (dicts), in the table's order: quick to go through one by one."""
    records: dict[str, list[dict]] = {}
    for record in _figures_en().to_dict("records"):
        records.setdefault(record["case"], []).append(record)
    return records


def _trajectory_rows(figures: list[dict], key: str) -> list[dict]:
    """The rows of ``trajectory`` for one case, from its figures as records (``_case_records``)."""
    rows = []
    valued = [f for f in figures if not pd.isna(f["value"])]
    one = [f for f in valued if f["scope"] in ("cluster", "part of cluster")]
    cluster = _(valued[0]["cluster"]) if valued else key
    found = False
    groups: dict = {}  # (measure, part) -> [(order, figure)], in the order of first appearance
    for f in one:
        order = _period_order(f["period"])
        if order is not None and f["measure"] != "jobs_lost":
            groups.setdefault((f["measure"], f["part"]), []).append((order, f))
    for (measure, part), group in groups.items():
        if len({order for order, _figure in group}) < 2:
            continue
        group = sorted(group, key=lambda item: item[0])  # stable: the first of the earliest, the last of the latest
        early, late = group[0][1], group[-1][1]
        e_low, e_high = (np.float64(early["value"]),
                         np.float64(early["value_high"] if pd.notna(early["value_high"]) else early["value"]))
        l_low, l_high = (np.float64(late["value"]),
                         np.float64(late["value_high"] if pd.notna(late["value_high"]) else late["value"]))
        low, high = l_low / e_high, l_high / e_low
        direction = N_("growth") if low > 1 else N_("decline") if high < 1 else N_("unclear")
        caveats = []
        same_source = early["source"] == late["source"]
        if not same_source:
            caveats.append(_("different sources ({earlier}; {later})").format(earlier=_(early["source"]),
                                                                             later=_(late["source"])))
        if early["unit"] != late["unit"] or early["detail"] != late["detail"]:
            caveats.append(_("counts different things ('{earlier}' then '{later}')").format(
                earlier=_(early["detail"]), later=_(late["detail"])))
        for row in (early, late):
            period = _(row["period"])
            if row["status"] != AS_PUBLISHED:
                caveats.append(_("the {period} figure is {status}").format(period=period, status=_(row["status"])))
            rounding = {"about": _("the {period} figure is rounded ('about')"),
                        "range": _("the {period} figure is a range"),
                        "over": _("the {period} figure is a lower bound ('over')"),
                        "at least": _("the {period} figure is a lower bound ('at least')"),
                        "up to": _("the {period} figure is an upper bound ('up to')")}
            if row["qualifier"] in rounding:
                caveats.append(rounding[row["qualifier"]].format(period=period))
        rows.append({"case": key, "cluster": cluster, "measure": measure, "covers": _(part),
                     "earlier_period": _(early["period"]), "earlier": format_figure(early),
                     "later_period": _(late["period"]), "later": format_figure(late),
                     "change_low": float(low), "change_high": float(high), "direction": direction,
                     "same_source": bool(same_source), "caveats": "; ".join(caveats) or _("none")})
        found = True
    for event in (f for f in one if f["measure"] == "jobs_lost"):
        rows.append({"case": key, "cluster": cluster, "measure": "jobs lost (event)", "covers": _(event["part"]),
                     "earlier_period": "", "earlier": "", "later_period": _(event["period"]),
                     "later": format_figure(event), "change_low": np.nan, "change_high": np.nan,
                     "direction": N_("shock"), "same_source": pd.NA,
                     "caveats": _("{detail}; the table has no later count of firms or workers to show the "
                                  "recovery").format(detail=_(event["detail"]))})
        found = True
    if not found:
        rows.append({"case": key, "cluster": cluster, "measure": "", "covers": "", "earlier_period": "",
                     "earlier": "", "later_period": "", "later": "", "change_low": np.nan,
                     "change_high": np.nan, "direction": N_("no comparable pair"), "same_source": pd.NA,
                     "caveats": _("the table has no two dated figures of the same measure for this case")})
    return rows


def trajectory(cases=None) -> pd.DataFrame:
    """How each case changed between its earliest and latest dated figure of the same measure.

    For every case and measure with two or more dated figures (undated and
    mixed-year figures are left out), compares the earliest with the latest:
    ``change_low`` and ``change_high`` are the smallest and largest ratios
    later / earlier that the figures allow (equal unless a figure is a
    range). ``direction`` is 'growth' if even the smallest ratio is above 1,
    'decline' if even the largest is below 1, otherwise 'unclear'.
    ``same_source`` says whether both figures come from one source (missing
    for rows that compare nothing), and
    ``caveats`` lists what makes the comparison weak. A one-off event (jobs
    lost in an earthquake) gets its own row with direction 'shock'; a case
    with nothing to compare gets one row saying so.
    Columns: case, cluster, measure, covers, earlier_period, earlier,
    later_period, later, change_low, change_high, direction, same_source,
    caveats.
    """
    rows = []
    for key in resolve_cases(cases):
        rows.extend(_case_rows("trajectory", key))
    columns = ["case", "cluster", "measure", "covers", "earlier_period", "earlier", "later_period", "later",
               "change_low", "change_high", "direction", "same_source", "caveats"]
    return pd.DataFrame(rows, columns=columns).astype({"change_low": "float64", "change_high": "float64",
                                                       "same_source": "boolean"})


# ---------------------------------------------------------------------------
# The national picture
# ---------------------------------------------------------------------------

def sentra_counts() -> pd.DataFrame:
    """BPS (2020) and Kemenperin (2017) side by side: what each counts, how many, and which year.

    One row per source, with columns source, year, sentra, business_units,
    workers (missing where the source does not count that) and definition.
    The two sources use different rules, cover different things and are
    three years apart, so their numbers are not comparable one to one.
    """
    national = load_national_picture().set_index("figure_id")
    rows = [
        {"source": national.loc["bps-2020-sentra", "source"], "year": 2020,
         "sentra": national.loc["bps-2020-sentra", "value"], "business_units": national.loc["bps-2020-units", "value"],
         "workers": np.nan,
         "definition": _("a village where businesses making similar products are at least 20% of households "
                         "(the rule in the course's notes; not verified against BPS's published definition)")},
        {"source": national.loc["kemenperin-2017-sentra", "source"], "year": 2016,
         "sentra": national.loc["kemenperin-2017-sentra", "value"], "business_units": np.nan,
         "workers": national.loc["kemenperin-2017-workers", "value"],
         "definition": _("a small and medium industry centre (sentra IKM) in the ministry's own records")},
    ]
    return pd.DataFrame(rows).astype({"year": "int64", "sentra": "float64", "business_units": "float64",
                                      "workers": "float64"})


# ---------------------------------------------------------------------------
# Checking a quoted figure
# ---------------------------------------------------------------------------

def verify_quote(case, measure: str, value: float, period, part: str | None = None) -> list[str]:
    """Check a quoted figure against the case table; return the problems found (an empty list if none).

    ``measure`` is one of the table's measures ('firms', 'workers', 'output',
    'exports', ...), ``value`` the number as quoted (in the table's unit),
    ``period`` the year or period the quote gives it (in English or in the
    course language). The quote is fine when
    the table has that number for that measure and that period, and its
    status allows quoting it. The problems are written in the course language.
    """
    key = resolve_case(case)
    figures = _figures_en()
    figures = figures[figures["case"] == key]
    cluster = _(figures["cluster"].iloc[0])
    candidates = figures[figures["measure"] == measure]
    if part is not None:
        wanted_part = _tidy(part)
        candidates = candidates[candidates["part"].map(_tidy).str.startswith(wanted_part)
                                | candidates["part"].map(lambda p: _tidy(_(p))).str.startswith(wanted_part)]
    what = measure_label(measure)
    if candidates.empty:
        return [_("the table has no {measure} figure for {cluster}.").format(measure=what, cluster=cluster)]
    same_value = candidates[np.isclose(candidates["value"], float(value)) |
                            np.isclose(candidates["value_high"], float(value))]
    if same_value.empty:
        known = "; ".join(f"{format_figure(r)} ({_(r['period'])})" for _i, r in candidates.iterrows())
        return [_("the table has no {measure} figure of {value} for {cluster}; it has: {known}.").format(
            measure=what, value=_number(float(value)), cluster=cluster, known=known)]
    row = same_value.iloc[0]
    problems = []
    wanted = str(period).strip()
    said = wanted.casefold()
    number_text, period_text = _number(row["value"]), _(row["period"])
    if row["status"] == CONFLICTING:
        problems.append(_("{cluster}'s {measure} figures conflict: do not quote any.").format(
            cluster=cluster, measure=what))
    if row["status"] == MIXED_YEARS:
        problems.append(_("{value} is not a {period} figure: it adds counts from different years ({periods}).").format(
            value=number_text, period=wanted, periods=period_text))
    elif row["status"] == NO_YEAR and said not in ("not stated", _("not stated").casefold()):
        problems.append(_("the source of {value} gives no year, so it cannot be quoted as a {period} figure.").format(
            value=number_text, period=wanted))
    elif said not in (row["period"].casefold(), period_text.casefold()) and row["status"] != NO_YEAR:
        problems.append(_("the table gives {value} for {period}, not for {wanted}.").format(
            value=number_text, period=period_text, wanted=wanted))
    if row["qualifier"] == "range" and not np.isclose(row["value_high"], row["value"]):
        problems.append(_("the source gives a range ({figure}), not a single number.").format(
            figure=format_figure(row)))
    return problems


def measure_label(measure: str) -> str:
    """A measure of the case tables ('firms', 'value_added', ...) in words, in the course language."""
    labels = {"firms": _p("measure", "firms"), "workers": _p("measure", "workers"),
              "output": _p("measure", "output"), "exports": _p("measure", "exports"),
              "value_added": _p("measure", "value added"), "wood_input": _p("measure", "wood input"),
              "villages": _p("measure", "villages"), "production_share": _p("measure", "production share"),
              "jobs_lost": _p("measure", "jobs lost"), "jobs lost (event)": _p("measure", "jobs lost (event)")}
    return labels.get(measure, measure)


#: Four quoted sentences for the "find the error" exercise; the structured
#: part of each is what ``verify_quote`` checks. ``quote["text"]`` is in the course language.
EXAMPLE_QUOTES = {
    "q1": _Texts({"text": N_("In 2007 the Jepara furniture cluster counted 15,271 production units (Roda et al. "
                             "2007)."),
                  "case": "jepara", "measure": "firms", "value": 15271, "period": "2007"}, fields=("text",)),
    "q2": _Texts({"text": N_("Cibaduyut made 5.5 million pairs of shoes a year in 1997 (The Jakarta Post)."),
                  "case": "cibaduyut", "measure": "output", "value": 5.5, "period": "1997"}, fields=("text",)),
    "q3": _Texts({"text": N_("In 2021 Indonesia had 3,159 registered batik businesses (BBKB/Kemenperin registry)."),
                  "case": "pekalongan", "measure": "firms", "value": 3159, "period": "2021"}, fields=("text",)),
    "q4": _Texts({"text": N_("Kasongan's potters exported 276 containers in 1998 (The Jakarta Post)."),
                  "case": "kasongan", "measure": "exports", "value": 276, "period": "1998"}, fields=("text",)),
}


def check_example_quotes() -> pd.DataFrame:
    """The example quotes with the problems ``verify_quote`` finds in each (label, quote, problems)."""
    rows = []
    for label, quote in EXAMPLE_QUOTES.items():
        args = {k: v for k, v in quote.items() if k != "text"}
        problems = verify_quote(**args)
        rows.append({"label": label, "quote": quote["text"], "problems": "; ".join(problems) or _("none")})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------
# The course's judgement: definitions, anatomy, diamond, strategy step
# ---------------------------------------------------------------------------

#: The definitions used as lenses (lesson 01), in the course's words.
DEFINITIONS = _Texts({
    "marshall": N_("Marshall (1890): many firms of one specialised industry concentrated in one locality"),
    "porter": N_("Porter (1998a, 1998b): interconnected firms, suppliers and institutions in one field, close "
                 "together, that compete and cooperate"),
    "bps_sentra": N_("BPS sentra industri: a village where similar businesses reach a threshold (at least 20% of "
                     "households in the 2020 directory, a rule not verified; at least 20 firms in older work)"),
})
DEFINITION_NAMES = _Texts({"marshall": N_("Marshall (1890)"), "porter": N_("Porter (1998a, 1998b)"),
                           "bps_sentra": N_("BPS sentra")})
FIT_LABELS = (N_("meets"), N_("likely"), N_("not shown"))  # keys; _(label) shows one

_NOT_SHOWN_PORTER = N_("the figures show how many firms there are, not whether they are linked to each other "
                       "and to institutions (lesson 02)")
_NOT_SHOWN_SENTRA = N_("the course's sources give no counts for single villages")

_DEFINITION_FIT = {
    "jepara": {
        "marshall": ("meets", N_("thousands of firms of one industry in one district: 15,271 production units "
                                 "(Roda et al. 2007)")),
        "porter": ("likely", N_("Burger, Kameo & Sandee (2001) report that clustered furniture firms in Central Java "
                                "market jointly, subcontract to each other and share large orders; the course's "
                                "sources say little about institutions")),
        "bps_sentra": ("likely", N_("about 3,000 firms in about 80 villages in the late 1990s is about 37 firms per "
                                    "village, above the older rule of 20; an average does not prove it for every "
                                    "village")),
    },
    "kudus": {
        "marshall": ("meets", N_("86 kretek factories (25 medium and large, 61 small) in one district (year not "
                                 "stated)")),
                                 "porter": ("not shown", _NOT_SHOWN_PORTER),
                                 "bps_sentra": ("not shown", _NOT_SHOWN_SENTRA),
    },
    "cibaduyut": {
        "marshall": ("meets", N_("at least 986 business owners and about 6,300 shoemakers in one area of Bandung "
                                 "(1997)")),
                                 "porter": ("not shown", _NOT_SHOWN_PORTER),
                                 "bps_sentra": ("not shown", _NOT_SHOWN_SENTRA),
    },
    "pekalongan": {
        "marshall": ("not shown", N_("the course's batik counts are for Indonesia and Jawa Tengah, not for Pekalongan "
                                     "itself, so they cannot show a concentration in Pekalongan")),
                                     "porter": ("not shown", _NOT_SHOWN_PORTER),
                                     "bps_sentra": ("not shown", _NOT_SHOWN_SENTRA),
    },
    "kasongan": {
        "marshall": ("meets", N_("up to 600 pottery businesspeople in one place (2006)")),
                                 "porter": ("not shown", _NOT_SHOWN_PORTER),
                                 "bps_sentra": ("not shown", _NOT_SHOWN_SENTRA),
    },
    "ceper": {
        "marshall": ("meets", N_("about 295 foundry units in Ceper, Klaten (2009, approximate and not verified)")),
                                 "porter": ("not shown", _NOT_SHOWN_PORTER),
                                 "bps_sentra": ("not shown", _NOT_SHOWN_SENTRA),
    },
    "tegal": {
        "marshall": ("meets", N_("368 small and medium (IKM) metal firms in the Talang subdistrict alone (2019)")),
                                 "porter": ("not shown", _NOT_SHOWN_PORTER),
        "bps_sentra": ("not shown", N_("the counts are for subdistricts (kecamatan), which hold several villages")),
    },
    "tasikmalaya": {
        "marshall": ("meets", N_("each craft line is concentrated: for example 1,199 embroidery units (year not "
                                 "stated, not verified)")),
                                 "porter": ("not shown", _NOT_SHOWN_PORTER),
                                 "bps_sentra": ("not shown", _NOT_SHOWN_SENTRA),
    },
}

ANATOMY_PARTS = _Texts({
    "core": N_("core firms"),
    "inputs": N_("suppliers and inputs"),
    "markets": N_("buyers and markets"),
    "institutions": N_("institutions and history"),
})
NOT_IN_SOURCES = N_("not in the course's sources")

_ANATOMY = {
    "jepara": {"core": N_("15,271 production units, about 170,000 workers (2007); about 10% of Indonesia's "
                          "furniture production (CIFOR 2011)"),
               "inputs": N_("1.5 to 2.2 million m3 of roundwood a year (2007)"),
               "markets": N_("exports of US$169 million in 1998, as reported by Posthuma (2003); the original source "
                             "of the figure is unknown"),
                             "institutions": NOT_IN_SOURCES},
    "kudus": {"core": N_("25 medium and large and 61 small kretek factories (year not stated)"),
                         "inputs": NOT_IN_SOURCES,
              "markets": N_("over 35.8 billion cigarettes a year (year not stated)"),
                            "institutions": NOT_IN_SOURCES},
    "cibaduyut": {"core": N_("at least 986 business owners and about 6,300 shoemakers (1997)"),
                             "inputs": NOT_IN_SOURCES,
                  "markets": N_("5.5 million pairs a year (1997), with buyers in Singapore, Malaysia and Brunei; "
                                "3 to 4 million pairs (2009)"),
                                "institutions": NOT_IN_SOURCES},
    "pekalongan": {"core": N_("registered batik businesses (counted for Indonesia and Jawa Tengah only)"),
                              "inputs": NOT_IN_SOURCES,
                              "markets": NOT_IN_SOURCES,
                   "institutions": N_("the BBKB/Kemenperin batik registry; Pekalongan is a UNESCO Creative City of "
                                      "Crafts and Folk Art")},
    "kasongan": {"core": N_("up to 600 pottery businesspeople (2006)"),
                            "inputs": NOT_IN_SOURCES,
                 "markets": N_("exports of 151 containers (1997) and 276 containers (1998), not verified"),
                               "institutions": NOT_IN_SOURCES},
    "ceper": {"core": N_("about 295 foundry units and about 4,800 workers (2009, approximate and not verified)"),
                         "inputs": NOT_IN_SOURCES,
                         "markets": NOT_IN_SOURCES,
                         "institutions": NOT_IN_SOURCES},
    "tegal": {"core": N_("small and medium (IKM) metal firms: 368 in Talang (2019), 277 in Adiwerna (2020)"),
                         "inputs": NOT_IN_SOURCES,
                         "markets": NOT_IN_SOURCES,
              "institutions": N_("roots in a colonial-era workshop founded about 1918, which later became PT Barata")},
    "tasikmalaya": {"core": N_("embroidery (1,199 units), kelom geulis (454), wood products (240), bamboo weaving "
                               "(75); year not stated, not verified"),
                    "inputs": N_("the wood-products workshops work next to the wooden-sandal makers"),
                                 "markets": NOT_IN_SOURCES,
                                 "institutions": NOT_IN_SOURCES},
}

#: Porter's diamond (lesson 02): the four determinants and the two usual additions.
DETERMINANTS = _Texts({
    "factor": N_("Factor conditions"),
    "demand": N_("Demand conditions"),
    "related": N_("Related and supporting industries"),
    "rivalry": N_("Firm strategy, structure and rivalry"),
    "chance": N_("Chance"),
    "government": N_("Government"),
})
_NEUTRAL = N_("no checked fact in the course's sources: neutral score")

_DIAMOND = {
    "jepara": {
        "factor": (4, N_("a very large workforce (about 170,000 workers, 2007) and a large wood input (1.5 to 2.2 "
                         "million m3 of roundwood a year): strong, but everything rests on a steady supply of wood")),
        "demand": (3, N_("demand conditions are about buyers at home, and the sources say nothing checked about "
                         "Jepara's Indonesian buyers; its sales abroad are a result, not this determinant: neutral "
                         "score")),
        "related": (4, N_("a cluster that uses 1.5 to 2.2 million m3 of roundwood a year needs a large wood trade; "
                          "clustered furniture firms subcontract to each other (Burger, Kameo & Sandee 2001)")),
        "rivalry": (3, N_("15,271 production units (2007) are many rivals, but the course has no evidence that rivalry "
                          "pushes them to better products: middle score")),
                          "chance": (3, _NEUTRAL),
                          "government": (3, _NEUTRAL),
    },
    "kudus": {
        "factor": (3, N_("employment figures conflict, so the course cannot judge the labour pool: no checked fact "
                         "in the course's sources: neutral score")),
        "demand": (3, N_("over 35.8 billion cigarettes a year (year not stated) is output; the sources do not say how "
                         "much is sold at home or how demanding the buyers are: neutral score")),
                         "related": (3, _NEUTRAL),
        "rivalry": (4, N_("86 factories of different sizes in one district (year not stated)")),
                          "chance": (3, _NEUTRAL),
                          "government": (3, _NEUTRAL),
    },
    "cibaduyut": {
        "factor": (2, N_("skilled shoemakers (about 6,300 in 1997), but a shrinking pool: about 8,000 jobs already "
                         "lost by 1997 and 3,519 workers in 2009 (another source, not verified)")),
        "demand": (3, N_("demand conditions are about buyers at home, and the sources say nothing checked about "
                         "them; output fell from 5.5 million pairs a year (1997) to 3 to 4 million (2009), and in "
                         "1997 it also sold abroad, but sales are results, not this determinant: neutral score")),
                         "related": (3, _NEUTRAL),
        "rivalry": (3, N_("at least 986 business owners (1997) compete, yet the cluster shrank: middle score")),
                          "chance": (3, _NEUTRAL),
                          "government": (3, _NEUTRAL),
    },
    "pekalongan": {
        "factor": (3, _NEUTRAL),
        "demand": (3, _NEUTRAL),
        "related": (3, _NEUTRAL),
        "rivalry": (4, N_("Jawa Tengah holds 2,191 of the 2,951 registered batik MSMEs (2018): many rivals in the "
                          "province (a count for the province, not for Pekalongan alone)")),
                          "chance": (3, _NEUTRAL),
        "government": (4, N_("Pekalongan is a UNESCO Creative City of Crafts and Folk Art, a status a city applies "
                             "for: public support for its crafts")),
    },
    "kasongan": {
        "factor": (3, _NEUTRAL),
        "demand": (3, N_("demand conditions are about buyers at home; the reported rise in exports (151 containers "
                         "in 1997, 276 in 1998, not verified) is a result, not this determinant: neutral score")),
                         "related": (3, _NEUTRAL),
        "rivalry": (4, N_("up to 600 pottery businesspeople in one place (2006)")),
        "chance": (1, N_("the 2006 earthquake left over 2,500 workers jobless")),
                         "government": (3, _NEUTRAL),
    },
    "ceper": {
        "factor": (3, N_("the figures conflict and are not verified, so the course does not score above or below "
                         "neutral")),
                         "demand": (3, _NEUTRAL),
                         "related": (3, _NEUTRAL),
        "rivalry": (3, N_("about 295 foundry units (2009), but the figures conflict: neutral")),
                          "chance": (3, _NEUTRAL),
                          "government": (3, _NEUTRAL),
    },
    "tegal": {
        "factor": (4, N_("a metalworking tradition that goes back to a colonial-era workshop founded about 1918")),
                         "demand": (3, _NEUTRAL),
                         "related": (3, _NEUTRAL),
        "rivalry": (4, N_("368 small and medium (IKM) metal firms in Talang (2019) and 277 in Adiwerna (2020)")),
                          "chance": (3, _NEUTRAL),
                          "government": (3, _NEUTRAL),
    },
    "tasikmalaya": {
        "factor": (3, _NEUTRAL),
        "demand": (3, _NEUTRAL),
        "related": (4, N_("several connected craft lines side by side: wood-products units (240) next to kelom geulis "
                          "wooden-sandal makers (454)")),
        "rivalry": (4, N_("1,199 embroidery units (year not stated)")),
                          "chance": (3, _NEUTRAL),
                          "government": (3, _NEUTRAL),
    },
}

#: The five steps of the cluster strategy (lesson 05).
STEPS = _Texts({1: N_("Mobilisation (mobilisasi)"), 2: N_("Diagnosis (diagnosa)"),
                3: N_("Collaborative strategy (strategi kolaboratif)"), 4: N_("Implementation (implementasi)"),
                5: N_("Evaluation (penilaian)")})

_STAGE = {
    "jepara": (3, N_("a fact base exists (the 2007 atlas counts units, workers, value added and wood use), so a "
                     "workshop could move on to a shared plan, for example on wood supply and export markets")),
    "kudus": (2, N_("the basic figures are undated and the employment figures conflict: a dated baseline comes first")),
    "cibaduyut": (2, N_("output fell between 1997 and 2009 and the newest figures are second-hand: find out why "
                        "before planning")),
    "pekalongan": (2, N_("the course's batik counts are for Indonesia and Jawa Tengah, not for Pekalongan: a baseline "
                         "for the cluster itself is missing")),
    "kasongan": (1, N_("after the 2006 earthquake left over 2,500 workers jobless, the first need was to bring firms, "
                       "government and helpers together (judged as of the latest figure, 2006)")),
    "ceper": (2, N_("the published figures conflict: a reliable baseline comes first")),
    "tegal": (1, N_("the district head has given the press dated counts of metal firms by subdistrict: a possible "
                    "champion; the next step is to bring firms and institutions together")),
    "tasikmalaya": (2, N_("the only table has no year: date the baseline first")),
}

JUDGEMENT = N_("the course's judgement")


def definition_fit(cases=None) -> pd.DataFrame:
    """Which definition each case meets on the evidence in the case tables (the course's judgement).

    One row per case and definition: case, cluster, definition ('marshall',
    'porter', 'bps_sentra'), judgement ('meets', 'likely', 'not shown') and
    reason. 'Not shown' means the course's figures cannot show it, not that
    the case fails the definition. The judgement is a key (``_(judgement)``
    shows it); the cluster and the reason are in the course language.
    """
    names = _cluster_names()
    rows = [{"case": key, "cluster": names[key], "definition": d, "judgement": label, "reason": _(reason)}
            for key in resolve_cases(cases) for d, (label, reason) in _DEFINITION_FIT[key].items()]
    return pd.DataFrame(rows)


def anatomy(cases=None) -> pd.DataFrame:
    """Each case's anatomy (lesson 02) as far as the course's sources show it.

    One row per case: case, cluster, core, inputs, markets, institutions
    (text in the course language; ``_(NOT_IN_SOURCES)``, 'not in the
    course's sources', where nothing is known).
    """
    names = _cluster_names()
    rows = [{"case": key, "cluster": names[key], **{part: _(text) for part, text in _ANATOMY[key].items()}}
            for key in resolve_cases(cases)]
    return pd.DataFrame(rows, columns=["case", "cluster", *ANATOMY_PARTS])


def diamond_scores(cases=None, with_reasons: bool = False) -> pd.DataFrame:
    """Diamond scores from 1 (weak) to 5 (strong) for each case: the course's judgement, with reasons.

    Wide (default): one row per case, one integer column per determinant
    (factor, demand, related, rivalry, chance, government). With
    ``with_reasons=True``: one row per case and determinant, with columns
    case, cluster, determinant, name, score, reason. A score of 3 with the
    reason 'no checked fact' means the sources say nothing, not that the
    determinant is average. Names and reasons are in the course language.
    """
    names = _cluster_names()
    keys = resolve_cases(cases)
    if with_reasons:
        rows = [{"case": k, "cluster": names[k], "determinant": d, "name": DETERMINANTS[d],
                 "score": _DIAMOND[k][d][0], "reason": _(_DIAMOND[k][d][1])} for k in keys for d in DETERMINANTS]
        return pd.DataFrame(rows).astype({"score": "int64"})
    wide = pd.DataFrame([{"case": k, "cluster": names[k], **{d: _DIAMOND[k][d][0] for d in DETERMINANTS}}
                         for k in keys])
    return wide.astype({d: "int64" for d in DETERMINANTS})


def strategy_stage(cases=None) -> pd.DataFrame:
    """The step of the five-step strategy (lesson 05) the course would start each case with, and why.

    The course's judgement from the figures. Columns: case, cluster,
    step_number (1-5), step, reason (texts in the course language).
    """
    names = _cluster_names()
    rows = [{"case": k, "cluster": names[k], "step_number": _STAGE[k][0], "step": STEPS[_STAGE[k][0]],
             "reason": _(_STAGE[k][1])} for k in resolve_cases(cases)]
    return pd.DataFrame(rows).astype({"step_number": "int64"})


def _size_rows(figures: list[dict], key: str) -> list[dict]:
    """The rows of ``size_table`` for one case, from its figures as records (``_case_records``)."""
    one = [f for f in figures if f["measure"] in ("firms", "workers") and f["scope"] in ("cluster", "part of cluster")]
    if not one:
        return [{"case": key, "cluster": _(figures[0]["cluster"]), "covers": "", "measure": "", "value": np.nan,
                 "qualifier": "no figure",
                 "figure": _("no count for the cluster itself (only national or provincial counts)"),
                 "period": "", "source": "", "status": ""}]

    def order(f: dict) -> float:  # undated figures first, so that any dated one is later
        found = _period_order(f["period"])
        return -np.inf if found is None else found

    latest = {}
    for f in sorted(one, key=order):  # a stable sort: of figures of the same period, the last in the table wins
        latest[(f["part"], f["measure"])] = f
    return [{"case": key, "cluster": _(row["cluster"]), "covers": _(row["part"]), "measure": row["measure"],
             "value": row["value"], "qualifier": row["qualifier"], "figure": _figure_with_detail(row),
             "period": _(row["period"]), "source": _(row["source"]), "status": row["status"]}
            for _key, row in sorted(latest.items(), key=lambda item: item[0])]


def size_table(cases=None) -> pd.DataFrame:
    """The latest count of firms and of workers for each case and part of a case.

    One row per case, part and measure ('firms', 'workers'): the latest dated
    figure, or an undated one when there is no dated one; counts for a whole
    province or the nation (Pekalongan's batik registry) are left out, and a
    case without a cluster-level count of firms or workers gets one row saying
    so. Columns: case, cluster, covers, measure, value, qualifier, figure (in
    words), period, source, status (texts in the course language; measure,
    qualifier and status as keys).
    """
    rows = []
    for key in resolve_cases(cases):
        rows.extend(_case_rows("size", key))
    return pd.DataFrame(rows, columns=["case", "cluster", "covers", "measure", "value", "qualifier", "figure",
                                       "period", "source", "status"]).astype({"value": "float64"})


LENSES = _Texts({
    "size": N_("Size: the latest counts of firms and workers"),
    "workers per firm": N_("Workers per firm, from counts of the same source and year"),
    "diamond scores": N_("Diamond scores, 1 (weak) to 5 (strong): the course's judgement"),
    "strategy stage": N_("The step of the five-step strategy to start with: the course's judgement"),
    "trajectory": N_("Trajectory: earliest against latest dated figure"),
    "definitions": N_("Which definition each case meets: the course's judgement"),
    "anatomy": N_("Anatomy: what the sources say about each part of the cluster"),
})


def compare_cases(cases, lens: str) -> pd.DataFrame:
    """Two or more cases side by side through one lens (one of ``LENSES``).

    Returns the lens's table for the chosen cases, in the order given:
    ``size_table``, ``workers_per_firm_table(include_refused=False)``,
    ``diamond_scores``, ``strategy_stage``, ``trajectory``, the definitions
    judgements as one column per definition, or ``anatomy``. Raises
    KlasterValueError for an unknown lens or case, or fewer than two cases.
    """
    if not isinstance(lens, str) or lens not in LENSES:
        raise KlasterValueError(_("There is no lens {lens!r}; choose one of: {lenses}.").format(
            lens=lens, lenses=", ".join(map(repr, LENSES))))
    if cases is None or isinstance(cases, str):
        raise KlasterValueError(_("Give a list of at least two cases to compare, for example ['jepara', "
                                  "'cibaduyut']."))
    keys = resolve_cases(cases)
    if len(keys) < 2:
        if keys:
            raise KlasterValueError(_("Pick at least two different cases to compare (you chose only "
                                      "{case!r}).").format(case=keys[0]))
        raise KlasterValueError(_("Pick at least two different cases to compare."))
    if lens == "size":
        return size_table(keys)
    if lens == "workers per firm":
        return workers_per_firm_table(keys, include_refused=False)
    if lens == "diamond scores":
        return diamond_scores(keys)
    if lens == "strategy stage":
        return strategy_stage(keys)
    if lens == "trajectory":
        return trajectory(keys)
    if lens == "definitions":
        fit = definition_fit(keys)
        wide = fit.pivot(index="case", columns="definition", values="judgement").loc[keys, list(DEFINITIONS)]
        wide.columns.name = None
        names = dict(zip(fit["case"], fit["cluster"]))
        return wide.reset_index().assign(cluster=lambda t: t["case"].map(names))[
            ["case", "cluster", *DEFINITIONS]]
    return anatomy(keys)


# ---------------------------------------------------------------------------
# Exercises: facts to file under a lens, and a canonical answer text
# ---------------------------------------------------------------------------

#: Six facts, each filed under one diamond determinant: five from the case table and one invented (d2),
#: because the sources hold no checked fact about home demand (Porter's demand conditions).
DIAMOND_FACTS = {
    "d1": (N_("Jepara's furniture industry employs about 170,000 workers (Roda et al. 2007)."), "factor"),
    "d2": (N_("An invented example: shoe shops in Bandung and Jakarta ask Cibaduyut's makers for new models every "
              "season."), "demand"),
    "d3": (N_("In Tasikmalaya, 240 wood-products units work next to 454 makers of kelom geulis, wooden sandals "
              "(ministry table, year not stated)."), "related"),
    "d4": (N_("Kudus has 25 medium and large and 61 small kretek factories (The Jakarta Post, undated)."), "rivalry"),
    "d5": (N_("The 2006 earthquake left over 2,500 Kasongan workers jobless (The Jakarta Post)."), "chance"),
    "d6": (N_("PP 29/2018 set out how government supports small and medium industry centres (sentra IKM)."),
           "government"),
}

#: Three descriptions, each fitting one of the definitions in ``DEFINITIONS`` best.
DEFINITION_ITEMS = {
    "m1": (N_("Talang, Tegal (2019): 368 small and medium (IKM) metal firms with 1,436 workers in one subdistrict. "
              "The source says nothing about links between the firms or about institutions."), "marshall"),
    "m2": (N_("A village in which at least 20% of households run businesses that make similar products."),
           "bps_sentra"),
    "m3": (N_("A made-up example: furniture makers, their timber suppliers, a design school and an exporters' "
              "association in one district. The firms compete for buyers but train their workers together."),
           "porter"),
}


def facts_table(items: Mapping) -> pd.DataFrame:
    """The facts or descriptions of an exercise as a table (id, text in the course language), without the answers."""
    return pd.DataFrame([{"id": k, "text": _(v[0])} for k, v in items.items()])


