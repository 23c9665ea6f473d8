"""Fictional org charts for the demo: divisions by industry and the job titles of the people
in them."""

from __future__ import annotations

# Divisions: (top-level function, its possible sub-divisions). Industry ones come first.
INDUSTRY_DIVISIONS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "Healthcare": (
        ("Clinical Operations", ("Emergency Department", "Outpatient Clinics", "Nursing")),
        ("Patient Access", ("Scheduling", "Referrals")),
        ("Revenue Cycle", ("Billing", "Coding")),
    ),
    "Logistics": (
        ("Fleet Operations", ("Linehaul", "Last Mile")),
        ("Warehousing", ("Inbound", "Returns")),
        ("Customs & Compliance", ("Trade Documentation",)),
    ),
    "Financial services": (
        ("Retail Banking", ("Branch Network", "Account Opening")),
        ("Commercial Lending", ("Credit Risk", "Loan Servicing")),
        ("Wealth Management", ("Advisory",)),
    ),
    "Manufacturing": (
        ("Plant Operations", ("Quality", "Maintenance")),
        ("Engineering", ("Product Design", "Change Management")),
        ("Supply Chain", ("Purchasing", "Outbound Logistics")),
    ),
    "Retail": (
        ("Store Operations", ("Store Audits", "Loss Prevention")),
        ("Merchandising", ("Buying", "Pricing")),
        ("E-commerce", ("Fulfilment",)),
    ),
    "Public sector": (
        ("Permits & Licensing", ("Building Permits", "Business Licences")),
        ("Public Works", ("Roads", "Water Services")),
        ("Citizen Services", ("Contact Centre",)),
    ),
    "Software": (
        ("Sales Operations", ("Deal Desk", "Sales Enablement")),
        ("Engineering", ("Platform", "Developer Experience")),
        ("Customer Success", ("Support", "Onboarding")),
    ),
    "Life sciences": (
        ("Research & Development", ("Discovery", "Clinical Trials")),
        ("Quality Assurance", ("Batch Release",)),
        ("Regulatory Affairs", ("Submissions",)),
    ),
    "Energy & utilities": (
        ("Field Operations", ("Grid Maintenance", "Metering")),
        ("Customer Operations", ("Connections", "Billing")),
        ("Asset Management", ("Asset Planning",)),
    ),
}
SHARED_DIVISIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("IT", ("Enterprise Applications", "Service Desk", "Information Security")),
    ("Finance", ("Accounts Payable", "Financial Planning", "Procurement")),
    ("Human Resources", ("Talent Acquisition", "Payroll")),
    ("Legal", ("Contracts",)),
)
# Divisions whose people buy and run technology: technical buyers come from here.
TECHNICAL_DIVISIONS = frozenset(
    {"IT", "Enterprise Applications", "Service Desk", "Information Security", "Engineering"}
)

DIRECTOR_TITLES = ("VP, {d}", "Director of {d}", "Head of {d}", "Senior Director, {d}")
MANAGER_TITLES = ("{d} Manager", "Senior Manager, {d}", "{d} Team Lead", "Manager, {d}")
END_USER_TITLES = ("{d} Specialist", "{d} Analyst", "{d} Coordinator", "Senior {d} Associate")
PROGRAM_MANAGER_TITLE = "Transformation Program Manager"
