"""Every stored field is declared shared or private, once; what the customer must never
see in a workshop is private."""

from __future__ import annotations

import pytest

from cs_planner.domain.model import Base
from cs_planner.domain.workshop.privacy import FIELDS, Layer, is_private, layer, private_columns


def test_every_column_of_every_table_is_declared_and_nothing_else() -> None:
    stored = {t.name: {c.name for c in t.columns} for t in Base.metadata.tables.values()}
    undeclared = sorted(
        f"{table}.{column}"
        for table, columns in stored.items()
        for column in columns
        if column not in FIELDS.get(table, {})
    )
    assert undeclared == [], "declare each in domain/workshop/privacy.py"
    unknown = sorted(
        f"{table}.{column}"
        for table, columns in FIELDS.items()
        for column in columns
        if column not in stored.get(table, set())
    )
    assert unknown == []


@pytest.mark.parametrize(
    "field",
    [
        "stakeholder.stance",
        "stakeholder.influence",
        "stakeholder.owner_id",
        "stakeholder.last_contact",
        "stakeholder.notes",
        "stakeholder_role.role",
        "influence_link.strength",
        "risk.description",
        "activity.note",
        "account.notes",
        "opportunity.acv_uplift",
        "opportunity.confidence",
        "csa_allocation.funding",
        "csa_allocation.fraction",
        "team_member.bill_rate",
        "team_member.chargeability_target",
        "health_weight.weight",
        "value_message.text",
    ],
)
def test_what_the_customer_must_not_see_is_private(field: str) -> None:
    table, column = field.split(".")
    assert is_private(table, column)


def test_their_own_org_and_the_agreed_plan_are_shared() -> None:
    for table, column in (
        ("stakeholder", "name"),
        ("stakeholder", "title"),
        ("stakeholder", "reports_to_id"),
        ("stakeholder", "country"),
        ("account", "parent_id"),
        ("account", "employees"),
        ("use_case", "step"),
        ("use_case", "target_quarter"),
        ("action_item", "due_date"),
        ("objective", "title"),
        ("metric_value", "value"),
    ):
        assert layer(table, column) is Layer.SHARED
    assert private_columns("stakeholder") == {
        "stance",
        "influence",
        "owner_id",
        "last_contact",
        "notes",
        "phone",  # a personal contact detail, kept out of the customer copy
    }
    with pytest.raises(KeyError):
        layer("stakeholder", "shoe_size")


def test_a_field_name_private_wherever_it_is_stored() -> None:
    from cs_planner.domain.workshop.privacy import private_wherever_stored

    assert private_wherever_stored("notes")
    assert private_wherever_stored("stance")
    assert not private_wherever_stored("title")
    assert not private_wherever_stored("owner_id")  # an action's owner is shared
    assert not private_wherever_stored("no_such_field")
