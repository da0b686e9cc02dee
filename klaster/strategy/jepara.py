"""The worked case of lesson 05: a plan for the Jepara furniture cluster."""
from __future__ import annotations

import dataclasses


from .. import data
from ..i18n import N_, _, _f
from .model import Action, KPI, Plan, Stakeholder
from .diagnosis import diagnose

JEPARA_NOTE = N_("Illustrative example for the Klaster course. Facts about Jepara cite their sources; the "
               "stakeholders' names are generic and their scores, the vision, objectives, actions, costs and KPI "
               "values are invented for teaching. The diagnosis numbers come from the course's synthetic panel at "
               "province level (Jawa Tengah, furniture), not from official statistics.")


def jepara_case() -> Plan:
    """A complete worked plan for the Jepara furniture cluster (Central Java).

    Illustrative: generic stakeholder names and invented scores, actions,
    costs and KPI values. Sourced facts in the SWOT: Roda et al. (2007),
    CIFOR (2011), Tambunan (2005). The diagnosis is pulled from the library
    for Jawa Tengah and Furniture (synthetic panel, province level, since
    the panel has no districts).
    """
    stakeholders = [
        Stakeholder(_("Furniture workshop owners' group"), "firm", 4, 5,
                    _("Core firms; send two champions to the steering group")),
        Stakeholder(_("Furniture exporters (medium and large firms)"), "firm", 4, 4,
                    _("Links to foreign buyers; lead the market-access actions")),
        Stakeholder(_("District industry and trade office"), "government", 4, 4,
                    _("Convenes the steering group; co-funds joint actions")),
        Stakeholder(_("Provincial planning agency (Bappeda)"), "government", 5, 2,
                    _("Regional budget and plans; keep informed of results")),
        Stakeholder(_("Furniture and crafts association"), "association", 3, 5,
                    _("Voice of members; runs the trade-fair stand and catalogue")),
        Stakeholder(_("Local polytechnic (wood design and finishing)"), "university", 2, 4,
                    _("Training, design and product testing")),
        Stakeholder(_("Regional bank branch"), "finance", 3, 2, _("Working-capital loans for export orders")),
        Stakeholder(_("Timber-legality NGO"), "NGO", 2, 4, _("Helps small workshops get timber-legality certificates")),
        Stakeholder(_("Teak log traders"), "firm", 3, 3, _("Timber supply; join the timber buying group")),
    ]
    diagnosis = diagnose("Jawa Tengah", data.division_label("Furniture"))
    n = diagnosis.numbers
    diagnosis = dataclasses.replace(
        diagnosis,
        strengths=[
            _("A large base of workshops and skilled carvers: about 15,271 production units and about 170,000 "
            "workers (Roda et al. 2007)"),
            _f("Specialised: LQ {lq:.2f} and {stars} of 3 cluster stars in {year} (province level, synthetic panel)",
               lq=n["lq_end"], stars=n["stars"], year=diagnosis.end_year),
            _("A large part of the national industry: about 10% of Indonesia's furniture production (CIFOR 2011)"),
        ],
        weaknesses=[
            _f("Competitive effect of {competitive:+,.0f} jobs, {start}\u2013{end}: furniture jobs grew more slowly "
               "than furniture nationally (synthetic panel)", competitive=n["competitive"], start=diagnosis.start_year,
               end=diagnosis.end_year),
            _("Many very small workshops with little working capital (illustrative)"),
            _("Few direct links to buyers; many workshops sell through middlemen (illustrative)"),
        ],
        opportunities=[
            _("Buyers asking for furniture made from legal, certified timber (illustrative)"),
            _("Trade fairs and online catalogues to reach buyers directly (illustrative)"),
            _("Design and finishing courses at the local polytechnic (illustrative)"),
        ],
        threats=[
            _("Teak supply: the cluster used 1.5 to 2.2 million m\u00b3 of roundwood a year (Roda et al. 2007)"),
            _("Competition from other furniture-making regions and countries (illustrative)"),
            _("Indonesian cluster programmes have often neglected links to markets (Tambunan 2005)"),
        ],
    )
    objectives = [
        _("Reach more buyers directly"),
        _("Secure legal, certified timber for small workshops"),
        _("Raise design and finishing skills"),
        _("Keep furniture jobs in the district growing"),
    ]
    o1, o2, o3, o4 = objectives
    actions = [
        Action(_("Appoint a part-time cluster manager"), o4, _("District industry and trade office"), 1, 24, 360_000_000),
        Action(_("Steering group meets every two months and reviews the KPIs"), o4,
               _("District industry and trade office"), 1, 24, 36_000_000),
        Action(_("Joint online catalogue of the district's workshops"), o1, _("Furniture and crafts association"),
               2, 3, 50_000_000, True),
        Action(_("Shared stand at a national furniture trade fair"), o1, _("Furniture and crafts association"),
               3, 2, 150_000_000, True),
        Action(_("Buyer visits to the workshops"), o1, _("Furniture exporters (medium and large firms)"), 6, 6, 200_000_000),
        Action(_("Group timber-legality certification for small workshops"), o2, _("Timber-legality NGO"), 4, 12,
               300_000_000),
        Action(_("Timber buying group with log traders"), o2, _("Furniture workshop owners' group"), 6, 6, 25_000_000),
        Action(_("Finishing and design courses (four rounds)"), o3, _("Local polytechnic (wood design and finishing)"),
               2, 18, 240_000_000),
        Action(_("Working-capital loan window for export orders"), o4, _("Regional bank branch"), 4, 20, 20_000_000),
    ]
    kpis = [
        KPI(_("Firms selling directly to buyers outside the region"), _("firms"), 120, 200, 150, o1),
        KPI(_("Small workshops with timber-legality certificates"), _("workshops"), 10, 60, 50, o2),
        KPI(_("Share of orders delayed by lack of timber"), _("% of orders"), 30, 15, 24, o2),
        KPI(_("Workers trained in finishing and design"), _("workers"), 0, 400, 60, o3),
        KPI(_("Furniture jobs, Jawa Tengah (synthetic panel)"), _("workers"), n["jobs_end"],
            round(n["jobs_end"] * 1.03), None, o4, "jobs"),
        KPI(_("Furniture LQ, Jawa Tengah (synthetic panel)"), "LQ", round(n["lq_end"], 2),
            round(n["lq_end"] + 0.1, 2), None, o4, "lq"),
    ]
    return Plan(title=_("Jepara furniture cluster strategy (illustrative example)"), horizon_months=24,
                stakeholders=stakeholders, diagnosis=diagnosis,
                vision=(_("In two years' time, buyers at home and abroad know Jepara for well-designed furniture made "
                        "from legal timber, and its small workshops share in that trade. (illustrative)")),
                objectives=objectives, actions=actions, kpis=kpis, illustrative=True, notes=_(JEPARA_NOTE))
