"""Divisions and geographies: read models, the tree helpers and the edits' rules."""

from __future__ import annotations

import pytest

from cs_planner.domain.accounts.queries import list_divisions, list_geographies
from cs_planner.domain.accounts.rows import DivisionRow, DivisionValues, GeographyValues
from cs_planner.domain.accounts.rules import children, subtree_ids
from cs_planner.domain.accounts.writes import (
    create_account,
    new_division,
    new_geography,
    update_division,
    update_geography,
)
from cs_planner.domain.enums import Engagement
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import Division, Geography


@pytest.fixture
def account(portfolio) -> dict[str, int]:
    """Harbor Lane with Operations > (Fleet, Warehousing > Cold chain) and Finance."""
    with portfolio.session() as s:
        account_id = create_account(s, "Harbor Lane", 100_000)
        other_id = create_account(s, "Kestrel", 10_000)
        emea = Geography(account_id=account_id, region="EMEA", country="Germany")
        na = Geography(account_id=account_id, region="North America")
        s.add_all([emea, na])
        ops = Division(account_id=account_id, name="Operations", geography=emea, headcount=900)
        fleet = Division(
            account_id=account_id, name="Fleet", parent=ops, engagement=Engagement.ADOPTED
        )
        wh = Division(account_id=account_id, name="Warehousing", parent=ops)
        cold = Division(account_id=account_id, name="Cold chain", parent=wh, geography=na)
        finance = Division(account_id=account_id, name="finance")
        foreign = Division(account_id=other_id, name="Lab")
        s.add_all([ops, fleet, wh, cold, finance, foreign])
        s.flush()
        return {
            "account": account_id,
            "other": other_id,
            "emea": emea.id,
            "na": na.id,
            "ops": ops.id,
            "fleet": fleet.id,
            "wh": wh.id,
            "cold": cold.id,
            "finance": finance.id,
            "foreign": foreign.id,
        }


def test_list_divisions_reads_labels_and_sorts_case_insensitively(portfolio, account) -> None:
    with portfolio.session() as s:
        rows = list_divisions(s, account["account"])
    assert [r.name for r in rows] == ["Cold chain", "finance", "Fleet", "Operations", "Warehousing"]
    by_name = {r.name: r for r in rows}
    assert by_name["Operations"].geography == "EMEA / Germany"
    assert by_name["Cold chain"].geography == "North America"
    assert by_name["finance"].geography == ""
    assert by_name["Fleet"].engagement == Engagement.ADOPTED
    assert by_name["Fleet"].parent_id == account["ops"]
    assert by_name["Operations"].headcount == 900


def test_list_geographies(portfolio, account) -> None:
    with portfolio.session() as s:
        rows = list_geographies(s, account["account"])
        assert list_geographies(s, account["other"]) == []
    assert [r.label for r in rows] == ["EMEA / Germany", "North America"]


def test_tree_helpers(portfolio, account) -> None:
    with portfolio.session() as s:
        rows = list_divisions(s, account["account"])
    tree = children(rows)
    assert [r.name for r in tree[None]] == ["finance", "Operations"]
    assert [r.name for r in tree[account["ops"]]] == ["Fleet", "Warehousing"]
    # Deepest first, so each division is deleted after everything under it.
    ids = subtree_ids(rows, account["ops"])
    assert ids[-1] == account["ops"]
    assert ids.index(account["cold"]) < ids.index(account["wh"])
    assert set(ids) == {account[k] for k in ("ops", "fleet", "wh", "cold")}
    assert subtree_ids(rows, account["finance"]) == [account["finance"]]


def test_children_puts_orphans_and_loops_at_the_top() -> None:
    def row(id_: int, parent: int | None) -> DivisionRow:
        return DivisionRow(id_, parent, f"d{id_}", None, "", 0, Engagement.NONE)

    rows = [row(1, 99), row(2, 3), row(3, 2), row(4, 1)]  # 99 is missing; 2 and 3 loop
    tree = children(rows)
    assert {r.id for r in tree[None]} >= {1, 2}
    assert [r.id for r in tree[1]] == [4]
    assert sum(len(kids) for kids in tree.values()) == 4  # every division shown once


def test_new_division_checks_name_parent_and_geography(portfolio, account) -> None:
    with portfolio.session() as s:
        made = new_division(
            s, account["account"], DivisionValues("Fleet ops", account["fleet"], account["na"], 5)
        )
        s.flush()
        assert (made.parent_id, made.geography_id, made.headcount) == (
            account["fleet"],
            account["na"],
            5,
        )
    cases = [
        (DivisionValues("FINANCE"), "already has a division named"),
        (DivisionValues("  "), "cannot be empty"),
        (DivisionValues("X", headcount=-1), "Headcount must be at least 0"),
        (DivisionValues("X", parent_id=account["foreign"]), "belongs to another account"),
        (DivisionValues("X", parent_id=12345), "no longer exists"),
    ]
    for values, message in cases:
        with pytest.raises(ValidationError, match=message), portfolio.session() as s:
            new_division(s, account["account"], values)
            s.flush()


def test_update_division_returns_old_values_and_refuses_loops(portfolio, account) -> None:
    with portfolio.session() as s:
        before = update_division(
            s,
            account["wh"],
            DivisionValues("Warehouses", None, account["emea"], 40, Engagement.EVALUATING),
        )
    assert before == DivisionValues("Warehousing", account["ops"], None, 0, Engagement.NONE)
    with portfolio.session() as s:
        rows = {r.id: r for r in list_divisions(s, account["account"])}
    assert rows[account["wh"]].name == "Warehouses"
    assert rows[account["wh"]].parent_id is None
    assert rows[account["wh"]].geography == "EMEA / Germany"
    with pytest.raises(ValidationError, match="under itself"), portfolio.session() as s:
        update_division(s, account["ops"], DivisionValues("Operations", account["fleet"]))
    with pytest.raises(ValidationError, match="already has"), portfolio.session() as s:
        update_division(s, account["ops"], DivisionValues("Fleet"))
    with portfolio.session() as s:  # renaming to its own name in another case is fine
        update_division(s, account["ops"], DivisionValues("OPERATIONS", geography_id=None))


def test_geography_edits(portfolio, account) -> None:
    with portfolio.session() as s:
        s.add(new_geography(s, account["account"], GeographyValues("APAC", "Japan")))
    duplicate = GeographyValues("emea", "germany")
    with (
        pytest.raises(ValidationError, match="already lists EMEA / Germany"),
        portfolio.session() as s,
    ):
        new_geography(s, account["account"], duplicate)
    with pytest.raises(ValidationError, match="region cannot be empty"), portfolio.session() as s:
        s.add(new_geography(s, account["account"], GeographyValues("", "France")))
        s.flush()
    with portfolio.session() as s:
        before = update_geography(s, account["na"], GeographyValues("North America", "Canada"))
    assert before == GeographyValues("North America", "")
    with pytest.raises(ValidationError, match="already lists"), portfolio.session() as s:
        update_geography(s, account["na"], GeographyValues("APAC", "Japan"))
    with portfolio.session() as s:
        labels = [g.label for g in list_geographies(s, account["account"])]
    assert labels == ["APAC / Japan", "EMEA / Germany", "North America / Canada"]
