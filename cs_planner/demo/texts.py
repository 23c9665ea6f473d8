"""Fictional texts for the demo: business challenges, the notes on accounts, people,
influence and activities, and the titles of action items, risks and opportunities."""

from __future__ import annotations

from cs_planner.domain.enums import RiskCategory

CHALLENGES: dict[str, tuple[str, ...]] = {
    "Healthcare": (
        "Paper-based intake delays patient care and frustrates clinicians",
        "Referral leakage to competing providers",
        "Staff shortages: nurses spend a third of their time on forms",
    ),
    "Logistics": (
        "Manual proof of delivery and customs paperwork slow cross-border shipments",
        "Carrier capacity is volatile and onboarding is slow",
        "Key customers demand real-time visibility",
    ),
    "Financial services": (
        "Digital-first competitors win customers with instant onboarding",
        "Regulatory reporting consumes the operations team",
        "Loan decisions take weeks",
    ),
    "Manufacturing": (
        "Quality escapes reach customers because inspections are on paper",
        "Engineering changes take too long to reach the shop floor",
        "Supplier delays ripple through production",
    ),
    "Retail": (
        "Store execution varies widely between regions",
        "Vendor onboarding is slow and non-compliant",
        "Online and store channels do not share processes",
    ),
    "Public sector": (
        "Citizens expect online services the council cannot offer yet",
        "Permit backlogs draw public criticism",
        "Budget cuts require the same service with fewer staff",
    ),
    "Software": (
        "Deal desk bottlenecks at quarter end",
        "Hyper-growth outpaces internal processes",
        "Customer churn is discovered too late",
    ),
    "Life sciences": (
        "Validated processes make every change slow",
        "Trial site activation is the critical path to market",
        "Regulators expect complete electronic records",
    ),
    "Energy & utilities": (
        "Ageing workforce and paper-based field work",
        "Grid connection backlog for renewables",
        "Customer expectations shaped by digital retailers",
    ),
}

ACCOUNT_NOTES = (
    "Budget cycle closes in {month}; get expansion proposals in before then.",
    "Procurement insists on three-year terms for any new module.",
    "Strong executive relationship; the operational layer needs more attention.",
    "Decisions are made by committee; allow extra time for approvals.",
    "Customer wants to co-present at the user conference next year.",
    "Security review required for every new connector.",
    "Usage dipped after the last reorganisation; watch the new team leads.",
    "Reference calls limited to two per quarter by the customer's comms team.",
)

INFLUENCE_NOTES = (
    "Former colleagues; speak weekly",
    "Trusted adviser on technology purchases",
    "Sits on the same steering committee",
    "Mentor from a previous company",
    "Shares budget for the transformation programme",
    "Listens closely on anything touching operations",
    "",
)

STAKEHOLDER_NOTES = (
    "Prefers short written updates over meetings.",
    "Measured on cost per case this year.",
    "Asked for a roadmap preview before the next QBR.",
    "Ran a competitor's pilot at a previous employer.",
    "Keen to speak at a customer webinar.",
    "",
    "",
    "",
)

ACTIVITY_NOTES: dict[str, tuple[str, ...]] = {
    "qbr": (
        "Reviewed value metrics against the improvement plan; agreed next quarter's targets.",
        "Presented adoption by division and the expansion roadmap; exec asked for an ROI summary.",
        "Quarterly review: renewal outlook discussed, two use cases moved to planned.",
    ),
    "workshop": (
        "Account-planning workshop: walked the stairway and prioritised the next use cases.",
        "Process-mapping workshop with the operations leads.",
        "Design workshop for the next roll-out wave.",
    ),
    "call": (
        "Check-in call on adoption; usage dipped in one team after a reorganisation.",
        "Call about the upcoming renewal and the licence count.",
        "Introduced the new champion to our CSA and agreed a safe-switch plan.",
    ),
    "email": (
        "Sent the monthly adoption report and two best-practice guides.",
        "Followed up on the reference request.",
        "Shared release notes for the new analytics features.",
    ),
    "training": (
        "Power-user training for the new team leads.",
        "Admin training on the connectors and the audit trail.",
        "Train-the-trainer session for the regional roll-out.",
    ),
}

# Notes for an activity still to come: an agenda, never an account of what happened (the
# activity log flags a future activity whose note reads as done). Three per kind, like the
# notes above, so drawing one takes the same random numbers.
PLANNED_NOTES: dict[str, tuple[str, ...]] = {
    "qbr": (
        "Agenda: value metrics against the improvement plan; next quarter's targets to agree.",
        "Agenda: adoption by division, the expansion roadmap and an ROI summary for the exec.",
        "Agenda: renewal outlook and which use cases to move to planned.",
    ),
    "workshop": (
        "To do: walk the stairway with the team and prioritise the next use cases.",
        "Process-mapping workshop with the operations leads.",
        "Design workshop for the next roll-out wave.",
    ),
    "call": (
        "Check-in call on adoption after the reorganisation.",
        "Call about the upcoming renewal and the licence count.",
        "To introduce the new champion to our CSA and agree a safe-switch plan.",
    ),
    "email": (
        "To send: the monthly adoption report and two best-practice guides.",
        "Follow-up on the reference request.",
        "To share: release notes for the new analytics features.",
    ),
    "training": (
        "Power-user training for the new team leads.",
        "Admin training on the connectors and the audit trail.",
        "Train-the-trainer session for the regional roll-out.",
    ),
}

ACTION_ITEMS = (
    "Send the ROI summary to {person}",
    "Schedule a safe-switch onboarding for {person}",
    "Share the analytics roadmap with {person}",
    "Book the next QBR with {person}",
    "Prepare a licence true-up proposal",
    "Draft the case study with {person}",
    "Run a usage review with the {division} team",
    "Confirm the security review for the new connector",
    "Agree success criteria for the {division} pilot",
)

# (text, mitigation, category)
RISKS = (
    (
        "Champion {person} has left the company; the new lead has not been engaged yet.",
        "Safe switch: introduce our CSA, re-run the value review with the successor.",
        RiskCategory.RELATIONSHIP,
    ),
    (
        "Licence utilisation below 60% ahead of the renewal.",
        "Targeted training for inactive teams; adoption report to the economic buyer.",
        RiskCategory.ADOPTION,
    ),
    (
        "A competitor is running a pilot in {division}.",
        "Executive-to-executive call; show the roadmap and the measured results.",
        RiskCategory.COMPETITIVE,
    ),
    (
        "Budget freeze announced for next fiscal year.",
        "Tie the renewal to the cost-per-case savings already documented.",
        RiskCategory.COMMERCIAL,
    ),
    (
        "Single-threaded: only one active relationship above manager level.",
        "Build relationships with two directors this quarter.",
        RiskCategory.RELATIONSHIP,
    ),
    (
        "Performance incident last month affected the {division} team.",
        "Share the incident report and the fix; offer a service review.",
        RiskCategory.TECHNICAL,
    ),
)

# A product offered to one division (an opportunity in a whitespace cell).
CELL_TITLES = ("Add {product} for {division}", "{product} for {division}")
OPPORTUNITY_TITLES: dict[str, tuple[str, ...]] = {
    "usage": ("Volume tier upgrade", "Raise transaction limits for peak season"),
    "use_cases": ("Next use case: {use_case}",),
    "users": ("Add {seats} seats for {division}", "Enterprise licence for all staff"),
    "functionality": ("Add {product}", "Upgrade to {product}"),
    "divisions": ("Roll out to {division}", "Land {division}"),
    "geographies": ("Expand to {country}", "Regional roll-out: {country}"),
}
