"""Fictional stairway use cases for the demo: the products, the use cases any customer can
climb and the ones each industry climbs, by stair step."""

from __future__ import annotations

from dataclasses import dataclass

from cs_planner.domain.enums import StairStep


@dataclass(frozen=True)
class UseCaseSpec:
    title: str
    problem: str
    usage_metric: str
    products: tuple[str, ...]


def _uc(title: str, problem: str, metric: str, *products: str) -> UseCaseSpec:
    return UseCaseSpec(title, problem, metric, products)


WF, ES, AN, CP, MF, CV, DA = (
    "Workflow Core",
    "E-Signature",
    "Analytics Studio",
    "Connectors Pack",
    "Mobile Field App",
    "Compliance Vault",
    "Document AI",
)

# Use cases any customer can climb, by stair step.
# fmt: off
GENERIC_USE_CASES: dict[StairStep, tuple[UseCaseSpec, ...]] = {
    StairStep.REMEDIATION: (
        _uc("Replace paper approval forms", "Approvals travel on paper and e-mail; nobody "
            "can tell where a request is stuck.", "approvals completed per week", WF, ES),
        _uc("Digital signatures for contracts", "Contracts are printed, signed, scanned and "
            "lost in shared drives.", "envelopes signed per month", ES),
        _uc("Automate invoice capture", "Invoices are keyed in by hand, causing errors and "
            "late-payment fees.", "invoices captured per month", DA, WF),
        _uc("Central audit trail", "Audit evidence is collected by hand before every audit.",
            "audit requests answered from the vault", CV),
        _uc("Employee onboarding checklist", "New hires wait days for accounts, equipment "
            "and training.", "onboardings completed on time", WF),
        _uc("Connect the ERP to approvals", "Approved requests are re-typed into the ERP.",
            "records synced per day", CP, WF),
    ),
    StairStep.ENHANCEMENT: (
        _uc("Self-service request catalogue", "Requests land in shared inboxes and are "
            "triaged by hand.", "requests submitted via the catalogue", WF, CP),
        _uc("Operational dashboards for managers", "Managers build weekly status reports "
            "in spreadsheets.", "dashboard views per week", AN),
        _uc("Mobile approvals for field staff", "Field staff can only approve when back at "
            "the office.", "mobile approvals per week", MF),
        _uc("Policy-driven records retention", "Nobody knows which records may be deleted, "
            "so storage and risk grow.", "records under retention policy", CV),
        _uc("Supplier onboarding workflow", "Onboarding a supplier takes six weeks of "
            "e-mail and spreadsheets.", "suppliers onboarded per month", WF, ES, CP),
        _uc("SLA tracking on service requests", "Breached service levels are found only "
            "when customers complain.", "requests within SLA", WF, AN),
    ),
    StairStep.INNOVATION: (
        _uc("Digital customer onboarding", "Competitors onboard a new customer in a day; "
            "it takes three weeks here.", "customers onboarded digitally", ES, WF, CP),
        _uc("Predictive bottleneck alerts", "Delays are visible only after deadlines "
            "are missed.", "alerts acted on within 24 hours", AN),
        _uc("Straight-through processing of standard cases", "Every case gets the same "
            "manual review, however simple.", "cases without manual touch", DA, WF),
        _uc("Partner collaboration workspace", "Partners exchange sensitive files by "
            "e-mail attachments.", "active partner workspaces", WF, CV),
        _uc("Service scorecards for key customers", "Key customers ask for performance "
            "data the business cannot produce.", "scorecards shared per quarter", AN, CP),
    ),
    StairStep.DISRUPTION: (
        _uc("Workflows embedded in the customer's own product", "Offer the customer's "
            "processes as a service to its partners: a new revenue line.",
            "partner transactions per month", CP, WF),
        _uc("Industry benchmark data product", "Sell anonymised process benchmarks to "
            "peers in the industry.", "benchmark subscribers", AN),
        _uc("Fully digital service model", "Serve customers end to end without a branch, "
            "office visit or paper.", "share of journeys fully digital", MF, ES, DA),
        _uc("Ecosystem marketplace", "Let third parties plug services into the customer's "
            "platform.", "marketplace listings live", CP),
    ),
}
# fmt: on

# One signature use case per industry and step, so roadmaps read like the industry's own.
# fmt: off
INDUSTRY_USE_CASES: dict[str, dict[StairStep, UseCaseSpec]] = {
    "Healthcare": {
        StairStep.REMEDIATION: _uc("Digital patient consent forms", "Consent forms are "
            "printed, signed and scanned at every visit.", "consents signed digitally", ES, CV),
        StairStep.ENHANCEMENT: _uc("Referral management workflow", "Referrals are faxed and "
            "one in five is never scheduled.", "referrals closed within 10 days", WF, CP),
        StairStep.INNOVATION: _uc("Care-at-home coordination", "Home-care nurses work from "
            "paper schedules and phone calls.", "home visits documented on mobile", MF, WF),
        StairStep.DISRUPTION: _uc("Outcome-based contracts with payers", "Move from "
            "fee-for-service to contracts priced on measured outcomes.",
            "contracts tracked on outcomes", AN, CV),
    },
    "Logistics": {
        StairStep.REMEDIATION: _uc("Digital proof of delivery", "Drivers bring paper "
            "delivery notes back days later; invoices wait.", "deliveries signed on mobile",
            MF, ES),
        StairStep.ENHANCEMENT: _uc("Carrier onboarding workflow", "Subcontracted carriers "
            "are onboarded by e-mail with missing insurance papers.",
            "carriers onboarded per month", WF, ES, CP),
        StairStep.INNOVATION: _uc("Shipment exception analytics for key customers",
            "Customers learn about late shipments before the account team does.",
            "exceptions resolved before customer contact", AN, CP),
        StairStep.DISRUPTION: _uc("On-demand freight marketplace", "Sell spare capacity to "
            "shippers in real time.", "loads booked through the marketplace", CP, WF),
    },
    "Financial services": {
        StairStep.REMEDIATION: _uc("Digital account opening documents", "Account opening "
            "needs a branch visit and wet signatures.", "accounts opened digitally", ES, DA),
        StairStep.ENHANCEMENT: _uc("Loan origination workflow", "Loan files move between "
            "five teams by e-mail.", "loan decisions within 5 days", WF, CP),
        StairStep.INNOVATION: _uc("Same-day small-business lending", "Fintech competitors "
            "decide in hours; the bank takes two weeks.", "same-day decisions", DA, WF, AN),
        StairStep.DISRUPTION: _uc("Embedded finance for partner platforms", "Offer lending "
            "inside partners' software instead of in branches.",
            "partner-originated loans", CP, CV),
    },
    "Manufacturing": {
        StairStep.REMEDIATION: _uc("Digital quality inspection checklists", "Inspection "
            "results live on clipboards and are typed up weekly.",
            "inspections recorded on mobile", MF, WF),
        StairStep.ENHANCEMENT: _uc("Engineering change approvals", "Engineering changes "
            "take 40 days to approve across sites.", "change orders approved per month",
            WF, ES, CV),
        StairStep.INNOVATION: _uc("Supplier quality portal", "Supplier defects are "
            "discussed in e-mail threads without follow-up.",
            "supplier corrective actions closed", WF, CP, AN),
        StairStep.DISRUPTION: _uc("Equipment-as-a-service contracts", "Sell uptime instead "
            "of machines, priced on usage data.", "machines under service contracts", AN, CP),
    },
    "Retail": {
        StairStep.REMEDIATION: _uc("Store audit checklists on mobile", "Store audits are "
            "paper forms faxed to head office.", "audits completed on mobile", MF, WF),
        StairStep.ENHANCEMENT: _uc("Vendor compliance workflow", "Vendor certificates "
            "expire unnoticed.", "vendors with current certificates", WF, CV),
        StairStep.INNOVATION: _uc("Store-level promotion planning", "Promotions are "
            "planned centrally and ignore local demand.", "stores planning locally", AN, WF),
        StairStep.DISRUPTION: _uc("Retail media network for suppliers", "Sell shelf and "
            "screen space to suppliers with measured results.",
            "supplier campaigns per quarter", AN, CP),
    },
    "Public sector": {
        StairStep.REMEDIATION: _uc("Online permit applications", "Citizens queue at the "
            "counter to file paper permit forms.", "permits filed online", WF, ES),
        StairStep.ENHANCEMENT: _uc("Inspector mobile app", "Inspectors re-type notes from "
            "site visits at the end of each day.", "inspections closed on site", MF, WF),
        StairStep.INNOVATION: _uc("Open data dashboards for citizens", "Council decisions "
            "lack public performance data.", "public dashboard visits", AN),
        StairStep.DISRUPTION: _uc("Single digital front door for citizen services",
            "Citizens must know which department owns their request.",
            "services reachable online", WF, CP, ES),
    },
    "Software": {
        StairStep.REMEDIATION: _uc("Order form and contract signing", "Order forms bounce "
            "between sales, legal and finance as PDFs.", "order forms signed per month",
            ES, CP),
        StairStep.ENHANCEMENT: _uc("Quote approval workflow", "Discount approvals stall the "
            "end-of-quarter deals.", "quotes approved within 1 day", WF, CP),
        StairStep.INNOVATION: _uc("Usage insights for customer success", "The success team "
            "cannot see which customers are at risk.", "accounts with health scores", AN, CP),
        StairStep.DISRUPTION: _uc("Marketplace of partner integrations", "Partners want to "
            "build and sell add-ons on the platform.", "partner add-ons live", CP),
    },
    "Life sciences": {
        StairStep.REMEDIATION: _uc("Validated e-signatures for lab records", "Lab records "
            "are signed on paper to satisfy regulators.", "lab records signed electronically",
            ES, CV),
        StairStep.ENHANCEMENT: _uc("Clinical trial site onboarding", "Opening a trial site "
            "takes months of document exchange.", "sites activated per quarter", WF, ES),
        StairStep.INNOVATION: _uc("Adverse event intake automation", "Safety reports arrive "
            "in every format and are triaged by hand.", "reports triaged within 24 hours",
            DA, WF),
        StairStep.DISRUPTION: _uc("Decentralised clinical trials", "Run trials with "
            "patients at home instead of at sites.", "patients enrolled remotely", MF, ES, CV),
    },
    "Energy & utilities": {
        StairStep.REMEDIATION: _uc("Field work orders on mobile", "Crews receive work "
            "orders on paper at the depot each morning.", "work orders closed on mobile",
            MF, WF),
        StairStep.ENHANCEMENT: _uc("New connection requests workflow", "New grid "
            "connections take months and ten hand-offs.", "connections within target time",
            WF, CP),
        StairStep.INNOVATION: _uc("Predictive maintenance triage", "Assets fail before "
            "anyone looks at the sensor data.", "failures predicted ahead", AN, MF),
        StairStep.DISRUPTION: _uc("Community energy sharing programme", "Let households "
            "trade local solar power with neighbours.", "households enrolled", WF, CP, AN),
    },
}
# fmt: on
