"""The worked case of lesson 05: a plan for the Jepara furniture cluster."""
from __future__ import annotations

import dataclasses


from .model import Action, KPI, Plan, Stakeholder
from .diagnosis import diagnose

JEPARA_NOTE = ("Illustrative example for the Klaster course. Facts about Jepara cite their sources; the "
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
        Stakeholder("Furniture workshop owners' group", "firm", 4, 5,
                    "Core firms; send two champions to the steering group"),
        Stakeholder("Furniture exporters (medium and large firms)", "firm", 4, 4,
                    "Links to foreign buyers; lead the market-access actions"),
        Stakeholder("District industry and trade office", "government", 4, 4,
                    "Convenes the steering group; co-funds joint actions"),
        Stakeholder("Provincial planning agency (Bappeda)", "government", 5, 2,
                    "Regional budget and plans; keep informed of results"),
        Stakeholder("Furniture and crafts association", "association", 3, 5,
                    "Voice of members; runs the trade-fair stand and catalogue"),
        Stakeholder("Local polytechnic (wood design and finishing)", "university", 2, 4,
                    "Training, design and product testing"),
        Stakeholder("Regional bank branch", "finance", 3, 2, "Working-capital loans for export orders"),
        Stakeholder("Timber-legality NGO", "NGO", 2, 4, "Helps small workshops get timber-legality certificates"),
        Stakeholder("Teak log traders", "firm", 3, 3, "Timber supply; join the timber buying group"),
    ]
    diagnosis = diagnose("Jawa Tengah", "Furniture")
    n = diagnosis.numbers
    diagnosis = dataclasses.replace(
        diagnosis,
        strengths=[
            "A large base of workshops and skilled carvers: about 15,271 production units and about 170,000 "
            "workers (Roda et al. 2007)",
            f"Specialised: LQ {n['lq_end']:.2f} and {n['stars']} of 3 cluster stars in {diagnosis.end_year} "
            "(province level, synthetic panel)",
            "A name known to buyers: about 10% of Indonesia's furniture export value (CIFOR 2011)",
        ],
        weaknesses=[
            f"Competitive effect of {n['competitive']:+,.0f} jobs, {diagnosis.start_year}\u2013{diagnosis.end_year}: "
            "furniture jobs grew more slowly than furniture nationally (synthetic panel)",
            "Many very small workshops with little working capital (illustrative)",
            "Few direct links to buyers; many workshops sell through middlemen (illustrative)",
        ],
        opportunities=[
            "Buyers asking for furniture made from legal, certified timber (illustrative)",
            "Trade fairs and online catalogues to reach buyers directly (illustrative)",
            "Design and finishing courses at the local polytechnic (illustrative)",
        ],
        threats=[
            "Teak supply: the cluster used 1.5 to 2.2 million m\u00b3 of roundwood a year (Roda et al. 2007)",
            "Competition from other furniture-making regions and countries (illustrative)",
            "Indonesian cluster programmes have often neglected links to markets (Tambunan 2005)",
        ],
    )
    objectives = [
        "Reach more buyers directly",
        "Secure legal, certified timber for small workshops",
        "Raise design and finishing skills",
        "Keep furniture jobs in the district growing",
    ]
    o1, o2, o3, o4 = objectives
    actions = [
        Action("Appoint a part-time cluster manager", o4, "District industry and trade office", 1, 24, 360_000_000),
        Action("Steering group meets every two months and reviews the KPIs", o4,
               "District industry and trade office", 1, 24, 36_000_000),
        Action("Joint online catalogue of the district's workshops", o1, "Furniture and crafts association",
               2, 3, 50_000_000, True),
        Action("Shared stand at a national furniture trade fair", o1, "Furniture and crafts association",
               3, 2, 150_000_000, True),
        Action("Buyer visits to the workshops", o1, "Furniture exporters (medium and large firms)", 6, 6, 200_000_000),
        Action("Group timber-legality certification for small workshops", o2, "Timber-legality NGO", 4, 12,
               300_000_000),
        Action("Timber buying group with log traders", o2, "Furniture workshop owners' group", 6, 6, 25_000_000),
        Action("Finishing and design courses (four rounds)", o3, "Local polytechnic (wood design and finishing)",
               2, 18, 240_000_000),
        Action("Working-capital loan window for export orders", o4, "Regional bank branch", 4, 20, 20_000_000),
    ]
    kpis = [
        KPI("Firms selling directly to buyers outside the region", "firms", 120, 200, 150, o1),
        KPI("Small workshops with timber-legality certificates", "workshops", 10, 60, 50, o2),
        KPI("Share of orders delayed by lack of timber", "% of orders", 30, 15, 24, o2),
        KPI("Workers trained in finishing and design", "workers", 0, 400, 60, o3),
        KPI("Furniture jobs, Jawa Tengah (synthetic panel)", "workers", n["jobs_end"],
            round(n["jobs_end"] * 1.03), None, o4, "jobs"),
        KPI("Furniture LQ, Jawa Tengah (synthetic panel)", "LQ", round(n["lq_end"], 2),
            round(n["lq_end"] + 0.1, 2), None, o4, "lq"),
    ]
    return Plan(title="Jepara furniture cluster strategy (illustrative example)", horizon_months=24,
                stakeholders=stakeholders, diagnosis=diagnosis,
                vision=("In two years' time, buyers at home and abroad know Jepara for well-designed furniture made "
                        "from legal timber, and its small workshops share in that trade. (illustrative)"),
                objectives=objectives, actions=actions, kpis=kpis, illustrative=True, notes=JEPARA_NOTE)
