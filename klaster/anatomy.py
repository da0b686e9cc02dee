"""The anatomy of a cluster: who is in it, and a ring diagram to draw it.

A cluster is described by a small table of actors, one row each, with a
``role``: the core firms (perusahaan inti) in the centre, then suppliers of
inputs, machinery and services (pemasok), related and supporting industries
(industri terkait dan pendukung), institutions (lembaga pendukung: government,
universities and research, training, finance, associations) and customers
and markets (pelanggan dan pasar). The roles follow Porter (1998b, 2000) and
OECD (1999); the rings are the course's way of drawing them, in the spirit of
Porter's cluster maps.

Role and sub-type codes ("supplier", "inputs") are the same in every
language: code and saved tables use them. What a reader sees (role names,
the worked examples' actors and notes, the diagram's texts, messages) is in
the course language (``klaster.set_language``).
"""
from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle

from .definitions import labels_answer  # noqa: F401  (re-exported for lesson 02's exercises)
from .errors import KlasterTypeError, KlasterValueError
from .i18n import N_, SOURCE_LANGUAGE, _, _p, language
from .plots import OKABE_ITO
from .text_stamps import StampText

ROLES = ("core", "supplier", "related industry", "institution", "customer")

SUBTYPES = {
    "core": (),
    "supplier": ("inputs", "machinery", "services"),
    "related industry": (),
    "institution": ("government", "university", "training", "finance", "association"),
    "customer": ("local", "domestic", "export"),
}

#: Each role's name in English (marked for translation; shown with ``_()``) and its Indonesian term.
ROLE_NAMES = {
    "core": (N_("core firms"), "perusahaan inti"),
    "supplier": (N_("suppliers of inputs, machinery and services"), "pemasok"),
    "related industry": (N_("related and supporting industries"), "industri terkait dan pendukung"),
    "institution": (N_("institutions"), "lembaga pendukung"),
    "customer": (N_("customers and markets"), "pelanggan dan pasar"),
}

#: Ring of each role: 0 is the centre.
RING = {role: i for i, role in enumerate(ROLES)}

ROLE_COLOURS = {
    "core": OKABE_ITO["vermillion"],
    "supplier": OKABE_ITO["orange"],
    "related industry": OKABE_ITO["bluish_green"],
    "institution": OKABE_ITO["blue"],
    "customer": OKABE_ITO["reddish_purple"],
}

COLUMNS = ["name", "role", "subtype", "note"]

#: Angle (degrees, counter-clockwise from east) of the first actor on each ring of the diagram.
START_DEGREES = {"core": 90, "supplier": 90, "related industry": 225, "institution": 126, "customer": 0}


def role_label(role: str) -> str:
    """A role code as a reader sees it in a sentence or a menu: the code itself in English
    ("related industry"), its name in another language ("industri terkait")."""
    labels = {"core": _p("actor role", "core"), "supplier": _p("actor role", "supplier"),
              "related industry": _p("actor role", "related industry"),
              "institution": _p("actor role", "institution"), "customer": _p("actor role", "customer")}
    return labels[role]


def subtype_label(subtype: str) -> str:
    """A sub-type code as a reader sees it: the code itself in English ("inputs"), its translation otherwise."""
    labels = {"inputs": _p("actor sub-type", "inputs"), "machinery": _p("actor sub-type", "machinery"),
              "services": _p("actor sub-type", "services"), "government": _p("actor sub-type", "government"),
              "university": _p("actor sub-type", "university"), "training": _p("actor sub-type", "training"),
              "finance": _p("actor sub-type", "finance"), "association": _p("actor sub-type", "association"),
              "local": _p("actor sub-type", "local"), "domestic": _p("actor sub-type", "domestic"),
              "export": _p("actor sub-type", "export")}
    return labels.get(subtype, subtype)


def role_legend_label(role: str) -> str:
    """A role's name for the diagram's legend: in English with the Indonesian term beside it
    ("core firms (perusahaan inti)"), in another language its name alone."""
    english, indonesian = ROLE_NAMES[role]
    if language() == SOURCE_LANGUAGE:
        return f"{english} ({indonesian})"
    return _(english)


def roles() -> pd.DataFrame:
    """The five roles of the anatomy, with their sub-types, Indonesian names and ring (0 = centre).

    The ``subtypes`` column lists the sub-type codes to use in an actor table (the same in every language).
    """
    return pd.DataFrame({
        "role": list(ROLES),
        "name_en": [ROLE_NAMES[r][0] for r in ROLES],
        "name_id": [ROLE_NAMES[r][1] for r in ROLES],
        "subtypes": [", ".join(SUBTYPES[r]) if SUBTYPES[r] else _("(none)") for r in ROLES],
        "ring": [RING[r] for r in ROLES],
    })


def _tidy(text) -> str:
    return " ".join(str(text).replace("_", " ").split())


def _key(name: str) -> str:
    return _tidy(name).casefold()


def _clean_role(role, name: str) -> str:
    if not isinstance(role, str) or not role.strip():
        raise KlasterValueError(_("The actor {name!r} has no role; give one of {roles}.").format(
            name=name, roles=", ".join(ROLES)))
    cleaned = _tidy(role).replace("-", " ").casefold()
    if cleaned not in ROLES:
        raise KlasterValueError(_("The actor {name!r} has the role {role!r}, which is not one of {roles}.").format(
            name=name, role=role, roles=", ".join(ROLES)))
    return cleaned


def _clean_subtype(subtype, role: str, name: str) -> str:
    if subtype is None or (isinstance(subtype, float) and np.isnan(subtype)):
        return ""
    cleaned = _tidy(subtype).casefold()
    if not cleaned:
        return ""
    allowed = SUBTYPES[role]
    if cleaned not in allowed:
        if not allowed:
            raise KlasterValueError(_("The actor {name!r} is a {role}, which has no sub-types; leave the sub-type "
                                      "empty instead of {subtype!r}.").format(
                name=name, role=role_label(role), subtype=subtype))
        raise KlasterValueError(_("The actor {name!r} is a {role} of type {subtype!r}, but a {role} can only be of "
                                  "type {types} (or leave the sub-type empty).").format(
            name=name, role=role_label(role), subtype=subtype, types=", ".join(allowed)))
    return cleaned


def actor_table(actors) -> pd.DataFrame:
    """Check a list of actors and return it as a clean table (columns name, role, subtype, note).

    ``actors`` is a DataFrame with columns name and role (subtype and note
    optional), or a list of dicts with those keys, or a list of
    (name, role[, subtype[, note]]) tuples. Names and roles are tidied
    (extra spaces removed; roles in lower case).

    Raises KlasterValueError for an empty name, an actor listed twice (names
    compared without case and extra spaces), a role that is not one of
    ROLES, or a sub-type that does not belong to the role.
    """
    if isinstance(actors, pd.DataFrame):
        frame = actors.copy()
    elif isinstance(actors, (list, tuple)):
        if all(isinstance(a, dict) for a in actors):
            frame = pd.DataFrame(list(actors))
        elif all(isinstance(a, (list, tuple)) for a in actors):
            if any(not 2 <= len(a) <= 4 for a in actors):
                raise KlasterValueError(_("Each actor must be given as (name, role), (name, role, subtype) or "
                                          "(name, role, subtype, note)."))
            frame = pd.DataFrame([list(a) + [""] * (4 - len(a)) for a in actors], columns=COLUMNS)
        else:
            raise KlasterTypeError(_("Give the actors as a DataFrame, a list of dicts or a list of tuples, "
                                     "not a mixture."))
    else:
        raise KlasterTypeError(_("Give the actors as a DataFrame or a list, not a {type}.").format(
            type=type(actors).__name__))
    if len(frame) == 0:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})
    missing = [c for c in ("name", "role") if c not in frame.columns]
    if missing:
        raise KlasterValueError(_("The actor table needs the column(s) {missing}; it has {columns}.").format(
            missing=", ".join(missing), columns=", ".join(map(str, frame.columns))))
    for col in ("subtype", "note"):
        if col not in frame.columns:
            frame[col] = ""
    names, role_list, subtype_list, notes = [], [], [], []
    seen: dict[str, int] = {}
    for position, row in enumerate(frame.itertuples(index=False), start=1):
        raw = getattr(row, "name")
        name = "" if raw is None or (isinstance(raw, float) and np.isnan(raw)) else _tidy(raw)
        if not name:
            raise KlasterValueError(_("Actor number {position} has no name; give every actor a name.").format(
                position=position))
        key = _key(name)
        if key in seen:
            raise KlasterValueError(_("The actor {name!r} is listed twice (numbers {first} and {position}); list "
                                      "each actor once, and change its role instead of adding it again.").format(
                name=name, first=seen[key], position=position))
        seen[key] = position
        role = _clean_role(getattr(row, "role"), name)
        names.append(name)
        role_list.append(role)
        subtype_list.append(_clean_subtype(getattr(row, "subtype"), role, name))
        note = getattr(row, "note")
        notes.append("" if note is None or (isinstance(note, float) and np.isnan(note)) else str(note).strip())
    return pd.DataFrame({"name": names, "role": role_list, "subtype": subtype_list, "note": notes},
                        columns=COLUMNS)


def _find(table: pd.DataFrame, name: str) -> int:
    if not isinstance(name, str) or not name.strip():
        raise KlasterValueError(_("Give the name of an actor."))
    matches = np.flatnonzero(table["name"].map(_key).to_numpy() == _key(name))
    if len(matches) == 0:
        raise KlasterValueError(_("There is no actor called {name!r} in the table.").format(name=name))
    return int(matches[0])


def add_actor(table: pd.DataFrame, name: str, role: str, subtype: str = "", note: str = "") -> pd.DataFrame:
    """Return a new actor table with one more actor (the input is not changed)."""
    table = actor_table(table)
    if not isinstance(name, str) or not name.strip():
        raise KlasterValueError(_("The new actor has no name; type a name first."))
    if _key(name) in set(table["name"].map(_key)):
        raise KlasterValueError(_("The actor {name!r} is already in the table; list each actor once, and change "
                                  "its role instead of adding it again.").format(name=_tidy(name)))
    new = pd.DataFrame([{"name": name, "role": role, "subtype": subtype, "note": note}], columns=COLUMNS)
    return actor_table(pd.concat([table, new], ignore_index=True))


def remove_actor(table: pd.DataFrame, name: str) -> pd.DataFrame:
    """Return a new actor table without the named actor (names compared without case)."""
    table = actor_table(table)
    position = _find(table, name)
    return table.drop(index=table.index[position]).reset_index(drop=True)


def classify_actor(table: pd.DataFrame, name: str, role: str, subtype: str = "") -> pd.DataFrame:
    """Return a new actor table in which the named actor has a new role and sub-type."""
    table = actor_table(table)
    position = _find(table, name)
    changed = table.copy()
    changed.loc[changed.index[position], ["role", "subtype"]] = [role, subtype]
    return actor_table(changed)


def count_by_role(table: pd.DataFrame) -> pd.Series:
    """Number of actors in each role, in ring order (roles with no actor show 0)."""
    table = actor_table(table)
    return table["role"].value_counts().reindex(list(ROLES), fill_value=0).rename("actors")


# ---------------------------------------------------------------------------
# Worked examples
# ---------------------------------------------------------------------------

# Names and notes are English texts marked for translation (the catalog's msgids); example_actors gives them
# in the course language. Roles and sub-types are codes.
_GENERIC = N_("generic actor, not a named organisation")
_ILLUSTRATIVE = N_("illustrative list for an exercise")

_EXAMPLES = {
    "jepara": [
        (N_("furniture workshops (small firms)"), "core", "",
         N_("15,271 production units, about 170,000 workers (Roda et al. 2007)")),
        (N_("furniture exporters"), "core", "",
         N_("about 100 of some 3,000 furniture firms were large or medium in the late 1990s (Sandee et al. n.d., "
            "cited by Posthuma 2003)")),
        (N_("timber suppliers (teak and other woods)"), "supplier", "inputs",
         N_("1.5-2.2 million m3 of roundwood a year (Roda et al. 2007)")),
        (N_("sawmills"), "supplier", "inputs", _GENERIC),
        (N_("sellers of glue, varnish and finishing materials"), "supplier", "inputs", _GENERIC),
        (N_("sellers of woodworking tools and machines"), "supplier", "machinery", _GENERIC),
        (N_("transport and export shipping services"), "supplier", "services", _GENERIC),
        (N_("wood carving and handicraft makers"), "related industry", "",
         N_("same wood and carving skills; Jepara is known for wood carving")),
        (N_("district government of Jepara"), "institution", "government",
         "Pemerintah Kabupaten Jepara"),  # a proper name: the same in every language
        (N_("furniture makers' associations"), "institution", "association", _GENERIC),
        (N_("vocational schools and woodworking courses"), "institution", "training", _GENERIC),
        (N_("banks and cooperatives lending to small firms"), "institution", "finance", _GENERIC),
        (N_("research organisations that study the cluster"), "institution", "university",
         N_("for example CIFOR and CIRAD (Roda et al. 2007; CIFOR 2011)")),
        (N_("foreign buyers and importers"), "customer", "export",
         N_("furniture exports of US$169 million in 1998, as reported by Posthuma (2003); the original source of "
            "the figure is unknown")),
        (N_("furniture shops and buyers in Indonesia"), "customer", "domestic", _GENERIC),
    ],
    "cibaduyut": [
        (N_("shoemaking workshops"), "core", "", _ILLUSTRATIVE),
        (N_("leather and sole sellers"), "supplier", "inputs", _ILLUSTRATIVE),
        (N_("sewing-machine repair services"), "supplier", "services", _ILLUSTRATIVE),
        (N_("bag and leather-goods makers"), "related industry", "", _ILLUSTRATIVE),
        (N_("a bank lending to small firms"), "institution", "finance", _ILLUSTRATIVE),
        (N_("a training centre for shoemakers"), "institution", "training", _ILLUSTRATIVE),
        (N_("shoe buyers from other cities"), "customer", "domestic", _ILLUSTRATIVE),
    ],
}

#: Titles of the worked examples (English, marked for translation; shown with ``_()``).
EXAMPLE_TITLES = {
    "jepara": N_("Jepara furniture, Central Java (worked example)"),
    "cibaduyut": N_("Cibaduyut footwear, Bandung (illustrative list)"),
}


def example_actor_names(case: str = "jepara") -> list[str]:
    """The English names of a worked example's actors, as written in the source (the same in every language)."""
    if case not in _EXAMPLES:
        raise KlasterValueError(_("There is no worked example {case!r}; choose 'jepara' or 'cibaduyut'.").format(
            case=case))
    return [name for name, *_rest in _EXAMPLES[case]]


def example_actors(case: str = "jepara") -> pd.DataFrame:
    """A worked actor table: 'jepara' (teak furniture) or 'cibaduyut' (footwear, illustrative).

    The Jepara table names only actors supported by the sources in the
    ``note`` column or generic actors any furniture cluster has (marked
    "generic actor"). The Cibaduyut list is illustrative, made for an
    exercise, not the result of a survey.

    Names and notes are in the course language (``klaster.set_language``);
    roles and sub-types are codes, the same in every language. Lesson 02's
    checks read an actor named in either language; ``example_actor_names``
    gives the English names.
    """
    names = example_actor_names(case)  # checks the case
    rows = [(_(name), role, subtype, _(note)) for name, (_n, role, subtype, note) in zip(names, _EXAMPLES[case])]
    return actor_table(rows)


def jepara_example() -> pd.DataFrame:
    """The worked Jepara furniture example (see ``example_actors``)."""
    return example_actors("jepara")


# ---------------------------------------------------------------------------
# The popular account's formation components
# ---------------------------------------------------------------------------

# component and explanation are English texts marked for translation; anatomy_roles are role codes
_COMPONENTS = [
    (N_("what supports the industry"), "supplier, related industry, institution",
     N_("Suppliers, related industries and institutions (finance, training, government) keep the core "
        "firms going.")),
    (N_("who its customers are"), "customer",
     N_("The outer ring: local, domestic and export markets.")),
    (N_("what its goals are"), "",
     N_("Not a group of actors: goals are agreed by the core firms and institutions together, in a cluster "
        "strategy (lesson 05).")),
    (N_("how it is supplied"), "supplier",
     N_("Suppliers of inputs, machinery and services.")),
]


def formation_components() -> pd.DataFrame:
    """The four components of building a cluster named in the popular account, mapped onto the anatomy.

    Columns: component, anatomy_roles (comma-separated roles; empty when the
    component is not a group of actors), explanation. Components and
    explanations are in the course language; the roles are codes.
    """
    return pd.DataFrame([(_(component), roles_, _(explanation)) for component, roles_, explanation in _COMPONENTS],
                        columns=["component", "anatomy_roles", "explanation"])


# ---------------------------------------------------------------------------
# The ring diagram
# ---------------------------------------------------------------------------

class AnatomyDiagram:
    """A ring diagram of a cluster: core firms in the centre, the other roles in rings around them.

    ``update(table)`` redraws only the actors (the rings stay); the drawn
    actors are in ``positions`` (name, role, ring, x, y) and their text
    artists in ``labels``. Label artists are reused from one update to the
    next. For widgets, ``keep_labels=True`` hides the unused ones instead of
    removing them, and draws the labels from cached bitmaps (StampText: text
    is slow to draw, and the same labels come back each time a case is shown
    again); ``artists()`` lists what ``update`` changes, to animate in a
    FigureView.
    """

    RING_WIDTH = 1.0

    def __init__(self, ax=None, figsize=(7.5, 7.5), keep_labels: bool = False):
        if ax is None:
            fig = Figure(figsize=figsize, layout="constrained")
            ax = fig.add_subplot()
        self.ax = ax
        self.figure = ax.figure
        outer = len(ROLES) * self.RING_WIDTH
        self.rings = []
        for role in reversed(ROLES):
            radius = (RING[role] + 1) * self.RING_WIDTH
            tint = 0.85 * np.ones(3) + 0.15 * np.array(to_rgb(ROLE_COLOURS[role]))  # a pale, opaque tint
            patch = Circle((0, 0), radius, facecolor=tint, edgecolor=ROLE_COLOURS[role], linewidth=1.0)
            ax.add_patch(patch)
            self.rings.append(patch)
        ax.set_xlim(-outer - 0.3, outer + 0.3)
        ax.set_ylim(-outer - 0.3, outer + 0.3)
        ax.set_aspect("equal")
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.set_xlabel(_("distance from the centre: how directly an actor takes part in making the core product "
                        "(no units)"), fontsize=8)
        handles = [Line2D([], [], marker="o", linestyle="", color=ROLE_COLOURS[r], label=role_legend_label(r))
                   for r in ROLES]
        self.legend = ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.04), ncol=2,
                                fontsize=7.5, frameon=False)
        self.markers = {role: ax.scatter([], [], s=36, color=ROLE_COLOURS[role], zorder=3) for role in ROLES}
        self.labels: list = []
        self.keep_labels = keep_labels
        self._pool: list = []  # every label artist on the axes: the first len(labels) are shown
        self.positions = pd.DataFrame(columns=["name", "role", "ring", "x", "y"])

    def reserve_labels(self, count: int) -> "AnatomyDiagram":
        """Make sure at least ``count`` label artists exist (hidden until used; needs ``keep_labels``)."""
        while len(self._pool) < count:
            self._pool.append(self._new_label(0, 0, "", "left", "baseline"))
            self._pool[-1].set_visible(False)
        return self

    def artists(self) -> list:
        """Every artist that ``update`` changes: the markers and all label artists, shown or hidden."""
        return [*self.markers.values(), *self._pool]

    def _new_label(self, x: float, y: float, text: str, ha: str, va: str):
        if self.keep_labels:  # snapped to whole pixels: one bitmap serves a label wherever it moves
            return self.ax.add_artist(StampText(x, y, text, ha=ha, va=va, fontsize=6.5, zorder=4, snap=True,
                                                clip_on=False))  # like ax.text: never cut at the axes
        return self.ax.text(x, y, text, ha=ha, va=va, fontsize=6.5, zorder=4)

    def _label(self, index: int, x: float, y: float, text: str, ha: str, va: str):
        if index == len(self._pool):
            self._pool.append(self._new_label(x, y, text, ha, va))
            return self._pool[index]
        label = self._pool[index]
        label.set_position((x, y))
        label.set_text(text)
        label.set_horizontalalignment(ha)
        label.set_verticalalignment(va)
        label.set_visible(True)
        return label

    def update(self, table: pd.DataFrame, title: str = "") -> "AnatomyDiagram":
        """Place the actors of ``table`` on their rings and set the title."""
        table = actor_table(table)
        rows = []
        used = 0
        for role in ROLES:
            members = table.loc[table["role"] == role, "name"].tolist()
            ring = RING[role]
            n = len(members)
            if n == 0:
                self.markers[role].set_offsets(np.empty((0, 2)))
                continue
            if ring == 0:
                radius = 0.0 if n == 1 else 0.5 * self.RING_WIDTH
            else:
                radius = (ring + 0.5) * self.RING_WIDTH
            # each ring starts at its own angle, so that labels of neighbouring rings rarely meet
            start = np.deg2rad(START_DEGREES[role] + (180 / n if role == "supplier" else 0))
            angles = start + 2 * np.pi * np.arange(n) / n
            xs, ys = radius * np.cos(angles), radius * np.sin(angles)
            self.markers[role].set_offsets(np.column_stack([xs, ys]))
            for name, x, y, angle in zip(members, xs, ys, angles):
                rows.append({"name": name, "role": role, "ring": ring, "x": x, "y": y})
                wrapped = textwrap.fill(name, 18)
                if radius == 0:
                    ha, va, dx, dy = "center", "top", 0.0, -0.12
                else:
                    ha = "left" if np.cos(angle) > 0.2 else "right" if np.cos(angle) < -0.2 else "center"
                    va = "bottom" if np.sin(angle) > 0.2 else "top" if np.sin(angle) < -0.2 else "center"
                    dx, dy = 0.1 * np.cos(angle), 0.1 * np.sin(angle)
                self._label(used, x + dx, y + dy, wrapped, ha, va)
                used += 1
        for label in self._pool[used:]:  # labels no longer needed
            if self.keep_labels:
                label.set_visible(False)
                label.set_text("")
            else:
                label.remove()
        if not self.keep_labels:
            del self._pool[used:]
        self.labels = self._pool[:used]
        self.positions = pd.DataFrame(rows, columns=["name", "role", "ring", "x", "y"])
        self.ax.set_title(title or _("The anatomy of a cluster"))
        return self

    @property
    def drawn_names(self) -> list[str]:
        """Names of the actors on the diagram, in drawing order."""
        return self.positions["name"].tolist()


def draw_anatomy(table: pd.DataFrame, ax=None, title: str = "") -> AnatomyDiagram:
    """Draw the ring diagram of an actor table on ``ax`` (a new figure outside pyplot if None).

    Core firms sit in the centre; suppliers, related industries,
    institutions and customers sit on rings 1 to 4 around them, one colour
    per role. Returns the AnatomyDiagram (its ``figure`` can be shown or saved).
    """
    return AnatomyDiagram(ax=ax).update(table, title=title)
