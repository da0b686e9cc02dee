"""The five steps explained, for the lesson and the facilitator."""
from __future__ import annotations

import pandas as pd

from ..i18n import N_, _, language
from .model import STEPS, STEPS_ID

# what happens, who takes part, what it produces, typical time, a common way it fails
_OVERVIEW = {
    "Mobilisation": (
        N_("find champions; meet firms one by one; form a business-led steering group; build trust"),
        N_("firm owners, association, local government, university, bank, NGOs"),
        N_("stakeholder register and influence/interest grid; a steering group"),
        N_("months 1\u20132"),
        N_("led by government alone, so firms do not feel it is theirs")),
    "Diagnosis": (
        N_("map the cluster with data (LQ, stars, shift-share, portfolio); talk to firms; SWOT; record the baseline"),
        N_("analyst or cluster development agent, steering group, firms"),
        N_("a short diagnosis with numbers and a SWOT; the baseline for evaluation"),
        N_("months 1\u20132 (alongside mobilisation)"),
        N_("numbers without firms' views, or data at the wrong level (a province hides a district)")),
    "Collaborative strategy": (
        N_("agree a shared vision, three to five objectives and an action plan"),
        N_("all stakeholders, in a cluster-wide workshop"),
        N_("vision, objectives, actions with owners, dates and costs"),
        N_("month 3 (one workshop, then follow-up)"),
        N_("a wish list without owners or budgets; links to markets forgotten (Tambunan 2005)")),
    "Implementation": (
        N_("run joint projects, quick wins first; a cluster manager coordinates"),
        N_("project teams, cluster manager, service providers"),
        N_("completed joint actions; a timeline kept up to date"),
        N_("from month 4; quick wins in months 4\u20139"),
        N_("no one in charge, so actions stall and trust fades")),
    "Evaluation": (
        N_("compare KPIs with the baseline and the target; re-measure the data; adjust the plan"),
        N_("steering group, cluster manager, funders"),
        N_("a KPI dashboard and a revised plan for the next cycle"),
        N_("continuous; a review every 6\u201312 months (course suggestion)"),
        N_("no baseline, or KPIs that count activities (trainings held) instead of results")),
}
_OVERVIEW_COLUMNS = (N_("what happens"), N_("who takes part"), N_("what it produces"), N_("typical time"),
                     N_("a common way it fails"))

# the five-step list, UNIDO's approach, Cluster Navigators
_COMPARISON = {
    "Mobilisation": (
        N_("no separate stage among the five current stages: participation runs through (1) selection with "
           "participatory criteria and (3) vision building; some versions derived from UNIDO's approach add one, "
           "for example a trust-building stage"),
        N_("early steps: building a platform for action (motivating stakeholders, finding leaders); ignition team "
           "and business-led steering group in months 1\u20132")),
    "Diagnosis": (
        N_("(1) cluster selection (mapping) and (2) diagnostic study by a cluster development agent: "
           "action-oriented SWOT, sets the monitoring baseline"),
        N_("early steps: fact-based diagnosis of competitiveness; baseline figures (firms, employees, % of sales "
           "outside the region)")),
    "Collaborative strategy": (
        N_("(3) vision building and action planning, endorsed by stakeholders"),
        N_("month 3: a cluster-wide workshop")),
    "Implementation": (
        N_("(4) implementation: joint actions, horizontal and vertical networks"),
        N_("months 4\u20139: project teams and quick-win joint projects")),
    "Evaluation": (
        N_("(5) monitoring and evaluation: causal chain, KPIs, data collection, reporting"),
        N_("later steps of the twelve (not described in the course's sources)")),
}


def _other_language_term(step: str) -> tuple[str, str]:
    """(column header, term): the Indonesian term in English mode, the English term otherwise."""
    if language() == "en":
        return _("Indonesian"), STEPS_ID[step]
    return _("English"), step


def steps_overview() -> pd.DataFrame:
    """The five steps in one table: what happens, who takes part, what it produces,
    typical time and a common way it fails (in the course language, for reading).

    Timings follow the fast-track timeline of Cluster Navigators
    (Ffowcs-Williams n.d.) as the course's notes summarise it (not verified
    against a Cluster Navigators publication): months 1-2 ignition team,
    steering group, one-to-one meetings and baseline figures; month 3 a
    cluster-wide workshop; months 4-9 project teams and quick-win joint
    projects. The review interval for evaluation is the course's suggestion,
    not a published standard.
    """
    header = _other_language_term(STEPS[0])[0]
    rows = [(_(step), _other_language_term(step)[1], *(_(text) for text in _OVERVIEW[step])) for step in STEPS]
    return pd.DataFrame(rows, columns=[_("step"), header, *(_(c) for c in _OVERVIEW_COLUMNS)]).set_index(_("step"))


def step_comparison() -> pd.DataFrame:
    """How the popular five-step list lines up with UNIDO's five stages and the
    Cluster Navigators process (only the parts described in the course's sources)."""
    rows = [(_(step), *(_(text) for text in _COMPARISON[step])) for step in STEPS]
    first = _("five-step list")
    return pd.DataFrame(rows, columns=[first, _("UNIDO approach"), _("Cluster Navigators")]).set_index(first)
