"""Widget of lesson 01: "Is it a cluster?" Describe a group of firms and see,
for each definition, whether it qualifies and which condition decides it."""
from __future__ import annotations

import html

import ipywidgets as widgets

from ..definitions import (FIELD_OPTIONS, GEOGRAPHY_OPTIONS, RELATION_OPTIONS, SCENARIOS, assess_group,
                           scenario)
from ..errors import KlasterInputError
from ..i18n import _
from .base import LessonWidget, Panel, TextPart, message_html
from .texts import toggle_row


def _verdict(qualifies: bool) -> str:
    if qualifies:
        return "<b style='color:#009E73'>" + html.escape(_("yes")) + "</b>"
    return "<b style='color:#D55E00'>" + html.escape(_("no")) + "</b>"


def _choices(options) -> list[tuple[str, str]]:
    """(label shown, value) pairs: the values are the codes assess_group takes, the labels follow the language."""
    return [(_(option), option) for option in options]


class ClusterTest(LessonWidget):
    """Describe a group of firms with a few controls; see the verdict of every definition.

    Controls: ``geography``, ``field`` (ToggleButtons), ``relations`` (Dropdown),
    ``linkages``, ``institutions`` (Checkbox), ``firms`` and ``households``
    (IntText; households 0 means "not known"), and one button per ready-made
    scenario in ``scenario_buttons`` (keyed 'sentra', 'estate', 'hub').
    Outputs: ``verdicts`` (HTML table), ``summary`` (one sentence),
    ``message`` (a problem message when the input makes no sense) and
    ``table`` (the last valid result of ``assess_group``).
    """

    def __init__(self, start: str = "sentra"):
        style = {"description_width": "350px"}
        wide = widgets.Layout(width="760px")
        self.geography = widgets.ToggleButtons(options=_choices(GEOGRAPHY_OPTIONS),
                                               description=_("Where the firms are:"), style=style,
                                               layout=toggle_row())
        self.field = widgets.ToggleButtons(options=_choices(FIELD_OPTIONS), description=_("Their fields:"),
                                           style=style, layout=toggle_row())
        self.linkages = widgets.Checkbox(description=_("they buy from and sell to each other (supplier-buyer links)"),
                                         indent=False, layout=wide)
        self.institutions = widgets.Checkbox(description=_("they share local institutions (university, association, "
                                                           "training centre)"), indent=False, layout=wide)
        self.relations = widgets.Dropdown(options=_choices(RELATION_OPTIONS), description=_("The firms:"),
                                          style=style, layout=widgets.Layout(width="700px"))
        self.firms = widgets.IntText(description=_("Number of firms in the village:"), style=style,
                                     layout=widgets.Layout(width="460px"))
        self.households = widgets.IntText(description=_("Households in the village (0 = unknown):"), style=style,
                                          layout=widgets.Layout(width="460px"))
        self.scenario_buttons = {}
        for key, spec in SCENARIOS.items():
            button = widgets.Button(description=_(spec["label"]), tooltip=_(spec["description"]),
                                    layout=widgets.Layout(width="auto"))
            button.on_click(lambda _b, key=key: self.load_scenario(key))
            self.scenario_buttons[key] = button
        self.scenario_text = widgets.HTML()
        self.message, self.summary, self.verdicts = TextPart(), TextPart(), TextPart()
        self.table = None
        self._loading = False
        controls = [self.geography, self.field, self.linkages, self.institutions, self.relations, self.firms,
                    self.households]
        for control in controls:
            control.observe(self._on_change, names="value")
        self.widget = widgets.VBox([
            widgets.HTML("<b>" + html.escape(_("Load a ready-made scenario:"), quote=False) + "</b>"),
            widgets.HBox(list(self.scenario_buttons.values()), layout=widgets.Layout(flex_flow="row wrap")),
            self.scenario_text,
            widgets.HTML("<b>" + html.escape(_("Or describe your own group of firms:"), quote=False) + "</b>"),
            *controls,
            Panel(self.message, self.summary, self.verdicts),
        ])
        self.load_scenario(start)

    def load_scenario(self, key: str) -> None:
        """Set every control to a ready-made scenario ('sentra', 'estate' or 'hub')."""
        group = scenario(key)
        self._loading = True
        try:
            self.geography.value = group["geography"]
            self.field.value = group["field"]
            self.linkages.value = group["linkages"]
            self.institutions.value = group["institutions"]
            self.relations.value = group["relations"]
            self.firms.value = group["firms"]
            self.households.value = group["households"] or 0
        finally:
            self._loading = False
        spec = SCENARIOS[key]
        self.scenario_text.value = message_html(_("{label}: {description}").format(
            label=_(spec["label"]), description=_(spec["description"])), "note")
        self._on_change()

    def _on_change(self, change=None) -> None:
        if self._loading:
            return
        if change is not None:
            self.scenario_text.value = ""
        households = self.households.value
        if households < 0:
            self._problem(_("The number of households cannot be negative; use 0 if you do not know it."))
            return
        try:
            table = assess_group(geography=self.geography.value, field=self.field.value,
                                 linkages=self.linkages.value, institutions=self.institutions.value,
                                 relations=self.relations.value, firms=self.firms.value,
                                 households=households or None)
        except KlasterInputError as exc:
            self._problem(str(exc))
            return
        self.table = table
        self.message.value = ""
        yes = int(table["qualifies"].sum())
        self.summary.value = message_html(
            _("This group is a cluster under {yes} of the {total} definitions.").format(yes=yes, total=len(table)),
            "result")
        # assess_group gives the definitions' names and deciding conditions in the course language already
        rows = "".join(
            f"<tr><td style='padding:2px 8px'>{html.escape(r.definition)}</td>"
            f"<td style='padding:2px 8px'>{_verdict(r.qualifies)}</td>"
            f"<td style='padding:2px 8px'>{html.escape(r.deciding_condition)}</td></tr>"
            for r in table.itertuples())
        head = "".join(f"<th style='text-align:left; padding:2px 8px'>{html.escape(title, quote=False)}</th>"
                       for title in (_("definition"), _("a cluster?"), _("deciding condition")))
        self.verdicts.value = (
            "<table style='border-collapse:collapse; max-width:820px'>"
            f"<tr>{head}</tr>{rows}</table>")

    def _problem(self, text: str) -> None:
        """Show a problem; keep the controls as the student set them and mark the old verdicts as out of date."""
        self.message.value = message_html(text, "problem")
        self.summary.value = message_html(_("The verdicts below are for the last valid description."), "note")
