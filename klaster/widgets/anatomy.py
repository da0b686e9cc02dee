"""Widget of lesson 02: the cluster map builder. Add, remove and classify the
actors of a cluster and watch the ring diagram redraw."""
from __future__ import annotations

import html

import ipywidgets as widgets

from ..anatomy import (EXAMPLE_TITLES, ROLE_NAMES, ROLES, SUBTYPES, AnatomyDiagram, add_actor,
                       classify_actor, count_by_role, example_actors, remove_actor, role_label, subtype_label)
from ..errors import KlasterInputError
from ..i18n import N_, SOURCE_LANGUAGE, _, language
from ..plots import use_course_style
from .base import FigureView, LessonWidget, Panel, TextPart, message_html
from .texts import caption_html, fit_to_figure, line_html

OWN_CASE = "my own cluster"  # a key of the case menu (never shown)
NO_SUBTYPE = "(none)"        # the value of the sub-type menu's first option; shown as _(NO_SUBTYPE_LABEL)
NO_SUBTYPE_LABEL = N_("(none)")
LABEL_RESERVE = 40  # label artists made in advance (the worked Jepara example has 15 actors)


class ClusterMapBuilder(LessonWidget):
    """Build the actor table of a cluster and see its anatomy as a ring diagram.

    Controls: ``case`` (Dropdown: the Jepara worked example, the Cibaduyut
    illustrative list, or an empty map of your own), ``actors`` (Select: the
    current actors), ``name`` (Text), ``role`` and ``subtype`` (Dropdowns),
    and the buttons ``add_button``, ``remove_button``, ``classify_button``
    and ``reset_button``. Outputs: ``view`` (the diagram), ``caption``,
    ``message``, ``counts`` (actors per role). ``table`` is the current actor
    table and ``diagram`` the AnatomyDiagram. Each case keeps its own edits,
    so switching cases loses nothing.
    """

    def __init__(self, case: str = "jepara"):
        use_course_style()
        self.cases = {key: example_actors(key) for key in EXAMPLE_TITLES}
        self.cases[OWN_CASE] = example_actors("jepara").iloc[0:0]
        # the worked examples' titles come from klaster.anatomy and are shown with _(); their actors' names
        # and notes are in the course language already (example_actors)
        titles = {**{k: _(title) for k, title in EXAMPLE_TITLES.items()}, OWN_CASE: _("My own cluster")}
        self.titles = titles
        style = {"description_width": "90px"}
        field = widgets.Layout(width="560px")
        self.case = widgets.Dropdown(options=[(titles[k], k) for k in self.cases], value=case,
                                     description=_("Case:"), style=style, layout=field)
        self.actors = widgets.Select(options=[], rows=8, description=_("Actors:"), style=style, layout=field)
        self.name = widgets.Text(description=_("Name:"), placeholder=_("for example: a leather tannery"),
                                 style=style, layout=field)
        self.role = widgets.Dropdown(options=[(self._role_label(r), r) for r in ROLES], value="supplier",
                                     description=_("Role:"), style=style, layout=field)
        self.subtype = widgets.Dropdown(description=_("Sub-type:"), style=style, layout=field)
        button = widgets.Layout(width="270px")
        self.add_button = widgets.Button(description=_("Add actor"), button_style="success", layout=button)
        self.remove_button = widgets.Button(description=_("Remove selected"), layout=button)
        self.classify_button = widgets.Button(description=_("Change role of selected"), layout=button)
        self.reset_button = widgets.Button(description=_("Start this case again"), layout=button)
        self.message, self.counts, self.caption = TextPart(), TextPart(), TextPart()
        self.view = FigureView(figsize=(7.5, 7.5), width="640px", in_panel=True)
        self.diagram = AnatomyDiagram(ax=self.view.figure.add_subplot(), keep_labels=True)
        # markers and labels (cached bitmaps) are redrawn on every refresh, the rings and the legend are
        # kept; spare label artists wait hidden, so that changing case or adding an actor adds no artist
        self.diagram.reserve_labels(LABEL_RESERVE)
        self.view.animate(*self.diagram.artists())
        self._set_subtypes()
        self.role.observe(lambda _c: self._set_subtypes(), names="value")
        self.case.observe(self._on_case, names="value")
        self.actors.observe(self._on_select, names="value")
        self.add_button.on_click(lambda _b: self.add())
        self.remove_button.on_click(lambda _b: self.remove())
        self.classify_button.on_click(lambda _b: self.classify())
        self.reset_button.on_click(lambda _b: self.reset())
        editor = widgets.VBox([self.case, self.actors, self.name, self.role, self.subtype,
                               widgets.HBox([self.add_button, self.remove_button]),
                               widgets.HBox([self.classify_button, self.reset_button])])
        # what one input changes (messages, counts, diagram, caption) is one Panel: one message to the page
        self.widget = widgets.VBox([editor, Panel(self.message, self.counts, self.view.image, self.caption)])
        self._redraw()

    # -- state --------------------------------------------------------------
    @property
    def table(self):
        """The actor table of the chosen case."""
        return self.cases[self.case.value]

    def _set_table(self, table) -> None:
        self.cases[self.case.value] = table

    @staticmethod
    def _role_label(role: str) -> str:
        """The role in the menu: in English with its Indonesian name beside it, otherwise in the language alone."""
        if language() == SOURCE_LANGUAGE:
            return f"{role} ({ROLE_NAMES[role][1]})"
        return role_label(role)

    def _set_subtypes(self) -> None:
        # values are the sub-type codes of klaster.anatomy; the labels are shown with _()
        options = [(_(NO_SUBTYPE_LABEL), NO_SUBTYPE), *((subtype_label(s), s) for s in SUBTYPES[self.role.value])]
        self.subtype.options = options
        self.subtype.value = NO_SUBTYPE

    def _subtype(self) -> str:
        return "" if self.subtype.value in (None, NO_SUBTYPE) else self.subtype.value

    # -- actions ------------------------------------------------------------
    def add(self) -> None:
        """Add the actor typed in ``name`` with the chosen role and sub-type."""
        self._apply(lambda t: add_actor(t, self.name.value, self.role.value, self._subtype()),
                    _("Added {name!r} as {role}.").format(name=self.name.value.strip(),
                                                          role=role_label(self.role.value)),
                    clear_name=True)

    def remove(self) -> None:
        """Remove the actor selected in ``actors``."""
        if not self.actors.value:
            self._problem(_("Select an actor in the list first, then press the button."))
            return
        chosen = self.actors.value
        self._apply(lambda t: remove_actor(t, chosen), _("Removed {name!r}.").format(name=chosen))

    def classify(self) -> None:
        """Give the actor selected in ``actors`` the chosen role and sub-type."""
        if not self.actors.value:
            self._problem(_("Select an actor in the list first, then choose its new role."))
            return
        chosen = self.actors.value
        self._apply(lambda t: classify_actor(t, chosen, self.role.value, self._subtype()),
                    _("{name!r} is now a {role}.").format(name=chosen, role=role_label(self.role.value)))

    def reset(self) -> None:
        """Put the chosen case back to its starting table (the worked example, or empty)."""
        key = self.case.value
        start = example_actors(key) if key in EXAMPLE_TITLES else example_actors("jepara").iloc[0:0]
        self._set_table(start)
        self.message.value = message_html(_("This case is back to its starting list."), "note")
        self._redraw()

    def _apply(self, change, done: str, clear_name: bool = False) -> None:
        try:
            new = change(self.table)
        except KlasterInputError as exc:
            self._problem(str(exc))
            return
        self._set_table(new)
        if clear_name:
            self.name.value = ""
        self.message.value = message_html(done, "note")
        self._redraw()

    def _problem(self, text: str) -> None:
        self.message.value = message_html(text, "problem")

    # -- display ------------------------------------------------------------
    def _on_case(self, change=None) -> None:
        self.message.value = ""
        self._redraw()

    def _on_select(self, change=None) -> None:
        chosen = self.actors.value
        if not chosen:
            return
        row = self.table.loc[self.table["name"] == chosen].iloc[0]
        self.name.value = row["name"]
        self.role.value = row["role"]
        self.subtype.value = row["subtype"] or NO_SUBTYPE

    def _redraw(self) -> None:
        table = self.table
        # actor names are the table's data; roles and sub-types are codes of klaster.anatomy, shown translated
        self.actors.options = [
            (f"{n} \u2014 {role_label(r)}{' (' + subtype_label(s) + ')' if s else ''}", n)
            for n, r, s in zip(table["name"], table["role"], table["subtype"])]
        self.actors.value = None
        title = _("The anatomy of a cluster: {case}").format(case=self.titles[self.case.value])
        self.diagram.update(table, title=title)
        fit_to_figure(self.diagram.ax.title)
        new = [artist for artist in self.diagram.artists() if not artist.get_animated()]
        if new:  # more actors than labels made in advance: make a few more now, and animate them
            self.diagram.reserve_labels(len(self.diagram.labels) + LABEL_RESERVE)
            self.view.animate(*[artist for artist in self.diagram.artists() if not artist.get_animated()])
        self.view.refresh()
        counts = count_by_role(table)
        self.counts.value = line_html(html.escape(_("Actors per role: {counts}").format(
            counts=", ".join(f"{role_label(role)} {int(n)}" for role, n in counts.items())), quote=False))
        kind = (_("Worked example; sources in the actor table's notes.") if self.case.value == "jepara" else
                _("Illustrative list, not a survey.") if self.case.value in EXAMPLE_TITLES else
                _("Your own list."))
        self.caption.value = caption_html(html.escape(_(
            "Figure: ring diagram of the cluster's actors (no units: the distance from the centre shows how "
            "directly an actor takes part in making the core product); core firms in the centre, then "
            "suppliers, related industries, institutions and customers. {count} actors."
        ).format(count=len(table)) + " " + kind, quote=False))

