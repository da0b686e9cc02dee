"""The five steps explained, for the lesson and the facilitator."""
from __future__ import annotations


import pandas as pd

from .model import STEPS_ID

def steps_overview() -> pd.DataFrame:
    """The five steps in one table: what happens, who takes part, what it produces,
    typical time and a common way it fails.

    Timings follow the fast-track timeline described by Cluster Navigators
    (Ffowcs-Williams): months 1-2 ignition team, steering group, one-to-one
    meetings and baseline figures; month 3 a cluster-wide workshop; months
    4-9 project teams and quick-win joint projects. The review interval for
    evaluation is the course's suggestion, not a published standard.
    """
    rows = [
        ("Mobilisation", STEPS_ID["Mobilisation"],
         "find champions; meet firms one by one; form a business-led steering group; build trust",
         "firm owners, association, local government, university, bank, NGOs",
         "stakeholder register and influence/interest grid; a steering group",
         "months 1\u20132", "led by government alone, so firms do not feel it is theirs"),
        ("Diagnosis", STEPS_ID["Diagnosis"],
         "map the cluster with data (LQ, stars, shift-share, portfolio); talk to firms; SWOT; record the baseline",
         "analyst or cluster development agent, steering group, firms",
         "a short diagnosis with numbers and a SWOT; the baseline for evaluation",
         "months 1\u20132 (alongside mobilisation)",
         "numbers without firms' views, or data at the wrong level (a province hides a district)"),
        ("Collaborative strategy", STEPS_ID["Collaborative strategy"],
         "agree a shared vision, three to five objectives and an action plan",
         "all stakeholders, in a cluster-wide workshop",
         "vision, objectives, actions with owners, dates and costs",
         "month 3 (one workshop, then follow-up)",
         "a wish list without owners or budgets; links to markets forgotten (Tambunan 2005)"),
        ("Implementation", STEPS_ID["Implementation"],
         "run joint projects, quick wins first; a cluster manager coordinates",
         "project teams, cluster manager, service providers",
         "completed joint actions; a timeline kept up to date",
         "from month 4; quick wins in months 4\u20139",
         "no one in charge, so actions stall and trust fades"),
        ("Evaluation", STEPS_ID["Evaluation"],
         "compare KPIs with the baseline and the target; re-measure the data; adjust the plan",
         "steering group, cluster manager, funders",
         "a KPI dashboard and a revised plan for the next cycle",
         "continuous; a review every 6\u201312 months (course suggestion)",
         "no baseline, or KPIs that count activities (trainings held) instead of results"),
    ]
    return pd.DataFrame(rows, columns=["step", "Indonesian", "what happens", "who takes part", "what it produces",
                                       "typical time", "a common way it fails"]).set_index("step")


def step_comparison() -> pd.DataFrame:
    """How the popular five-step list lines up with UNIDO's five stages and the
    Cluster Navigators process (only the parts described in the course's sources)."""
    rows = [
        ("Mobilisation", "no separate stage: participation runs through (1) selection with participatory "
                         "criteria and (3) vision building",
         "early steps: building a platform for action (motivating stakeholders, finding leaders); "
         "ignition team and business-led steering group in months 1\u20132"),
        ("Diagnosis", "(1) cluster selection (mapping) and (2) diagnostic study by a cluster development "
                      "agent: action-oriented SWOT, sets the monitoring baseline",
         "early steps: fact-based diagnosis of competitiveness; baseline figures (firms, employees, "
         "% of sales outside the region)"),
        ("Collaborative strategy", "(3) vision building and action planning, endorsed by stakeholders",
         "month 3: a cluster-wide workshop"),
        ("Implementation", "(4) implementation: joint actions, horizontal and vertical networks",
         "months 4\u20139: project teams and quick-win joint projects"),
        ("Evaluation", "(5) monitoring and evaluation: causal chain, KPIs, data collection, reporting",
         "later steps of the twelve (not described in the course's sources)"),
    ]
    return pd.DataFrame(rows, columns=["five-step list", "UNIDO approach", "Cluster Navigators"]).set_index("five-step list")


