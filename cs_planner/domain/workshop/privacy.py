"""What the customer may see. Every stored field is declared once, here: shared (shown in
front of the customer, in workshop mode and in the customer copy of the plan) or private
(our own read of the account: stance, influence and buying roles, who owns whom on our
side, stale contacts, risks, internal notes, money we hope to make, CSA cost and
chargeability, the health score's workings). A test walks every table's columns and fails
on one declared nowhere, so a new field is decided on when it is added.

Keys are a field's id and foreign keys too: a shared row needs them to be shown at all."""

from __future__ import annotations

from enum import StrEnum


class Layer(StrEnum):
    SHARED = "shared"
    PRIVATE = "private"


def _split(shared: str, private: str = "") -> dict[str, Layer]:
    out = {name: Layer.SHARED for name in shared.split()}
    out.update({name: Layer.PRIVATE for name in private.split()})
    return out


def _private(columns: str) -> dict[str, Layer]:
    return _split("", columns)


FIELDS: dict[str, dict[str, Layer]] = {
    "account": _split(
        "id name industry size_band hq_geography growth_rate main_challenge"
        " stairway_template_id lifecycle_stage licensed_seats active_users customer_since"
        " renewal_date csm_id executive_sponsor_id maturity_current maturity_target"
        " maturity_target_date external_source external_id"  # record ids: keys, as id is
        " parent_id employees",
        # The commercial figures and our segmentation of them, and what we note.
        "arr initial_deal_value initial_deal_date tier_override strategic renewal_owner"
        " expansion_owner reference_status churned_on notes",
    ),
    "account_metric": _split("id account_id metric_id baseline baseline_date"),
    # An account as it stood: the private layer (stances, buying roles, influence) is a
    # payload of its own, blanked in the customer copy; the rest is what the views show.
    "account_snapshot": _split(
        "id account_id name taken_at kind format payload", "private_payload"
    ),
    "account_team": _split("id account_id team_member_id role responsibility"),
    "action_item": _split(
        "id account_id title owner_id customer_owner_id due_date status priority"
        " stakeholder_id use_case_id objective_id created_on done_on",
        "opportunity_id risk_id notes",  # what a sale or a risk asks of us
    ),
    "activity": _private("id account_id date kind owner_id note"),
    "activity_stakeholder": _private("activity_id stakeholder_id"),
    "arr_history": _private("id account_id quarter arr"),
    "csa_allocation": _private(
        "id csa_id account_id use_case_id fraction phase funding requested_by start_date"
        " end_date notes"
    ),
    "dimension_plan": _split(
        "id account_id dimension applies unit baseline current target target_quarter", "notes"
    ),
    "change_log": _private("id at author_id client text scope rows"),  # who on our side edited
    "division": _split("id account_id parent_id name geography_id headcount engagement"),
    "geography": _split("id account_id region country"),
    "health_weight": _private("indicator weight red_below green_from"),
    "import_mapping": _private("id header_key headers mapping"),  # how we read our exports
    "influence_link": _private("id account_id source_id target_id strength note"),
    "maturity_change": _split("id account_id changed_on level"),
    "maturity_level": _split("id level name behaviours marks"),
    "metric_definition": _split("id name unit direction source description"),
    "metric_target": _split("id account_metric_id quarter target"),
    "metric_value": _split("id account_metric_id measured_on value"),
    "objective": _split(
        "id account_id title measure metric_id use_case_id target_date status area position"
        " created_on"
    ),
    "opportunity": _split(
        "id account_id dimension title target_quarter use_case_id division_id geography_id"
        " product_id",
        "acv_uplift confidence status closed_on notes",
    ),
    "product": _split("id name family description"),
    "promotion": _split("id account_id stakeholder_id promoted_on new_title", "notes"),
    "renewal": _split("id account_id renewed_on term_months", "arr_before arr_after outcome notes"),
    "risk": _private(
        "id account_id description category likelihood impact mitigation owner_id status"
        " review_date raised_on proposal_key"
    ),
    "risk_dismissal": _private("id account_id key dismissed_on"),
    "settings": _private(
        "id owner_name currency fiscal_year_start_month default_csa_rate chargeability_target"
        " presales_share_limit relationships_per_month_goal stale_contact_days top_tier_hours"
        " leveraged_tier_hours scalable_tier_hours csm_team_hours paper_size"
        " stories_per_quarter_goal file_id write_count"
    ),
    "stairway_template": _split(
        "id name industry size_band geography growth_rate main_challenge description source"
    ),
    "stakeholder": _split(
        "id account_id name title division_id level reports_to_id email since status"
        " pinned_x pinned_y external_source external_id"  # record ids: keys, as id is
        " country",
        # Our read of each person: where they stand, how much they weigh, who on our side
        # owns them and when we last spoke (a stale mark); a personal contact detail.
        "stance influence owner_id last_contact notes phone",
    ),
    "stakeholder_role": _private("stakeholder_id role"),  # buying roles
    "story": _split("id account_id stakeholder_id kind told_on title", "notes"),
    "team_member": _split(
        "id name role email", "capacity_hours_per_week bill_rate chargeability_target retired_on"
    ),
    "template_use_case": _split(
        "id template_id step position title problem usage_metric typical_value"
    ),
    "usage_snapshot": _split("id account_id measured_on licensed_seats active_users features_used"),
    "use_case": _split(
        "id account_id title problem step position status division_id geography_id"
        " target_quarter users_targeted users_reached usage_metric annual_value champion_id"
        " csa_id",
        "acv_uplift notes",
    ),
    "use_case_product": _split("use_case_id product_id"),
    "value_message": _private("id account_id audience text"),  # what we tell whom
    "whitespace_cell": _split("id account_id division_id product_id geography_id state"),
}

# The ORM's counter on every row people edit (model.base.Versioned, migration 0011):
# bookkeeping, private only where the whole row is (so the customer copy still drops
# such rows rather than blanking them). Listed, not read from the models: this module loads
# before SQLAlchemy, for the first paint; tests/domain/workshop/test_privacy.py checks it.
VERSIONED = (
    "account",
    "account_metric",
    "account_snapshot",
    "account_team",
    "action_item",
    "activity",
    "arr_history",
    "csa_allocation",
    "dimension_plan",
    "division",
    "geography",
    "health_weight",
    "import_mapping",
    "influence_link",
    "maturity_change",
    "maturity_level",
    "metric_definition",
    "metric_target",
    "metric_value",
    "objective",
    "opportunity",
    "product",
    "promotion",
    "renewal",
    "risk",
    "risk_dismissal",
    "settings",
    "stairway_template",
    "stakeholder",
    "story",
    "team_member",
    "template_use_case",
    "usage_snapshot",
    "use_case",
    "value_message",
    "whitespace_cell",
)
for _table in VERSIONED:
    _whole_row_private = set(FIELDS[_table].values()) == {Layer.PRIVATE}
    FIELDS[_table]["version"] = Layer.PRIVATE if _whole_row_private else Layer.SHARED


def layer(table: str, column: str) -> Layer:
    """The layer of ``table.column``; a KeyError for a field declared nowhere."""
    return FIELDS[table][column]


def is_private(table: str, column: str) -> bool:
    return layer(table, column) is Layer.PRIVATE


def private_columns(table: str) -> frozenset[str]:
    return frozenset(c for c, kind in FIELDS[table].items() if kind is Layer.PRIVATE)


# --- what the account plan workbook shows -----------------------------------------------
# The sheets, and the labels of its columns and key figures (bold cells), each declared
# once: a test walks an exported plan and fails on a label declared nowhere. The customer
# copy leaves out private sheets and blanks what a private label heads; its values are
# already gone (it is written from a scrubbed copy, ``scrub``), the labels would be empty
# promises.
SHEETS: dict[str, Layer] = {
    **_split(
        "Account Relationships Stairway Expansion Whitespace Value",
        "Summary Risks Renewals",  # the executive's one page: ARR, tier, top risks
    ),
    "Action Plan": Layer.SHARED,
    "Changes": Layer.SHARED,  # since a snapshot: the customer copy lists the shared ones
    "CSA Allocation": Layer.PRIVATE,
}

_SHARED_LABELS = """
Account|Industry|Size band|HQ geography|Growth rate|Main challenge|Lifecycle stage|
Licensed seats|Active users|Customer since|Renewal date|CSM|Executive sponsor|
Maturity level (current)|Maturity level (target)|Divisions|Division|Parent|Geography|
Headcount|Engagement|Geographies|Region|Country|Coverage and risk|People on the map|
Levels covered|Single-threaded|New this month|Mirrored commitment|Relationship map|
Stakeholders|Name|Title|Level|Reports to|Status|Adopted use cases|
Business users per adopted use case|Value realised (a year)|Stairway template|
Progress against the template|Next recommended use case|Use cases by step|Step|Order|
Use case|Problem solved|Target quarter|Users targeted|Users reached|Value|Champion|
All steps|Six dimensions|Pairing|Dimension|Pursued|Unit|Baseline|Current|Target|
Progress from baseline|Below baseline|Opportunities|Opportunity|Quarter starts|Linked to|
Legend|Divisions × products|Live|Relevant|Live (column)|Relevant (column)|
Divisions × geographies|Key figures|Maturity level|Target level|Metrics on plan|
Maturity position|This account|Behaviours|Marked by|Level changes|From|
Metrics against plan|Metric|Direction|Baseline date|Latest on|Latest|Attainment|On plan|
Action|Owner|Due|Priority|Serves|Done on|Objectives|Objective|Measured by|Target date|
Next steps|What to pursue next|Generated|Portfolio owner|Days to renewal|
Years as a customer|Divisions adopted|License utilization|Date|Measured|
Metrics: targets and measurements|Digitised|Standardised|Integrated|Optimised|Transformed|
Area|What changed
"""
_PRIVATE_LABELS = """
ARR|Initial deal (X)|Tier|Suggested tier|Tier override|Strategic account|
Initial deal value|Initial deal date|Renewal owner|Expansion owner|Reference status|Notes|
Buying roles|Stance|Influence|Owner (ours)|Phone|Last contact|Days since contact|
Active champions|Economic buyer supports us|Safe switches needed|Stale (over 90 days)|
Zero to 50x|Quarter 6 after the first deal|Quarter 8 after the first deal|
ARR today|Multiple today|Pace|Open pipeline, expected|Open ACV uplift|Expected|
ACV uplift|Confidence|Closed on|Open, total|ARR history and projection|Quarter|
ARR (actual)|Projected (weighted)|Best case|Multiple (weighted)|5x of X|20x of X|50x of X|
Open ACV uplift (column)|Health score|Band|Indicator|Reading|Sub-score|Weight|Red below|
Green from|Share|Points|Why|Health score (these weights)|What moves the score|
Health over the last twelve months|Month|As of|Score|Health|Expansion multiple|
Health band|Top risks|Likelihood × impact|Risk|Mitigation|Relationship coverage|
Allocations|CSA|Phase|Funding|Requested by|Time|Start|End|Hours|Rate|Cost|
Billable revenue|Total|Open risks by likelihood and impact|Category|Likelihood|Impact|
Exposure|Review|Score (0-100)|Value messages|Audience|Message|Renewed on|Term (months)|
ARR before|ARR after|Change|Change %|Outcome
"""


def _labels(text: str) -> set[str]:
    return {label.strip() for label in text.replace("\n", "").split("|") if label.strip()}


LABELS: dict[str, Layer] = {
    **{label: Layer.SHARED for label in _labels(_SHARED_LABELS)},
    **{label: Layer.PRIVATE for label in _labels(_PRIVATE_LABELS)},
}

# Figures the window and the plan work out from private fields (declared like fields so
# that a view asks ``figure_is_private`` rather than knowing why).
FIGURES: dict[str, Layer] = {
    **_split(
        "health_score coverage_levels",
        "expansion_multiple suggested_tier pipeline arr_projection health_explanation"
        " relationship_findings csa_load portfolio_comparison",  # other customers' figures
    ),
}


def figure_is_private(name: str) -> bool:
    return FIGURES[name] is Layer.PRIVATE


def field_is_private(field: str) -> bool:
    """``"table.column"`` or ``"figure.name"``: what a view tags its widgets with."""
    table, _, column = field.partition(".")
    return figure_is_private(column) if table == "figure" else is_private(table, column)


def private_wherever_stored(column: str) -> bool:
    """True for a field name private in every table that has it ("notes", "stance"): a
    form that names its rows after fields can hide such a row without knowing its table."""
    layers = [fields[column] for fields in FIELDS.values() if column in fields]
    return bool(layers) and all(kind is Layer.PRIVATE for kind in layers)
