"""The CSA roster and allocations on a real portfolio file: reads, validated edits that
leave the database unchanged when rejected."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from cs_planner.domain.accounts.writes import create_account, update_settings
from cs_planner.domain.csa import queries
from cs_planner.domain.csa.edits import new_allocation, new_csa, update_allocation, update_csa
from cs_planner.domain.csa.rows import AllocationValues, CsaValues
from cs_planner.domain.enums import AllocationPhase, Funding, TeamRole
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import CsaAllocation, TeamMember, UseCase

D = dt.date


@pytest.fixture
def ids(portfolio) -> dict[str, int]:
    with portfolio.session() as s:
        ada = new_csa(s, CsaValues("Ada Brennan", capacity_hours_per_week=32))
        rui = new_csa(s, CsaValues("Rui Santos", bill_rate=300, chargeability_target=0.6))
        lena = TeamMember(name="Lena Marsh", role=TeamRole.CSM)
        s.add(lena)
        s.flush()
        kestrel = create_account(s, "Kestrel", 10_000)
        harbor = create_account(s, "Harbor Lane", 20_000)
        use_case = UseCase(account_id=harbor, title="Invoice matching")
        s.add(use_case)
        s.flush()
        return {
            "ada": ada.id,
            "rui": rui.id,
            "lena": lena.id,
            "kestrel": kestrel,
            "harbor": harbor,
            "use_case": use_case.id,
        }


def values(ids: dict[str, int], **changes) -> AllocationValues:
    base = {
        "csa_id": ids["ada"],
        "account_id": ids["kestrel"],
        "start_date": D(2026, 12, 1),
        "end_date": D(2027, 3, 31),
        "fraction": 0.5,
    }
    return AllocationValues(**(base | changes))


def allocation_count(portfolio) -> int:
    with portfolio.session() as s:
        return s.scalar(select(func.count(CsaAllocation.id)))


def test_roster_uses_the_portfolio_defaults_where_a_csa_has_none(portfolio, ids) -> None:
    with portfolio.session() as s:
        update_settings(s, default_csa_rate=275, chargeability_target=0.75)
    with portfolio.session() as s:
        roster = queries.read_roster(s)
    assert [r.name for r in roster] == ["Ada Brennan", "Rui Santos"]  # CSMs are not listed
    ada, rui = roster
    assert (ada.rate, ada.target, ada.capacity, ada.own_rate) == (275, 0.75, 32, None)
    assert (rui.rate, rui.target) == (300, 0.6)


def test_add_and_read_allocations_with_names(portfolio, ids) -> None:
    with portfolio.session() as s:
        new_allocation(
            s,
            values(
                ids,
                account_id=ids["harbor"],
                use_case_id=ids["use_case"],
                phase=AllocationPhase.PRESALES,
                funding=Funding.VENDOR_UNDERWRITTEN,
            ),
        )
        new_allocation(s, values(ids, csa_id=ids["rui"], start_date=D(2026, 11, 1)))
    with portfolio.session() as s:
        data = queries.read_csa_data(s)
        only_harbor = queries.read_allocations(s, ids["harbor"])
    first, second = data.allocations
    assert (first.csa, first.account, first.start) == ("Rui Santos", "Kestrel", D(2026, 11, 1))
    assert (second.account, second.use_case, second.funding) == (
        "Harbor Lane",
        "Invoice matching",
        Funding.VENDOR_UNDERWRITTEN,
    )
    assert [a.id for a in only_harbor] == [second.id]
    assert data.of_csa(ids["rui"]) == [first]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"fraction": 0.3}, "fraction"),
        ({"end_date": D(2026, 11, 30)}, "end_date"),
        ({"csa_id": None}, "csa_id"),
        ({"account_id": None}, "account_id"),
        ({"use_case_id": 10_000}, "use_case_id"),
    ],
)
def test_bad_allocations_are_refused_and_nothing_is_saved(portfolio, ids, changes, field) -> None:
    with pytest.raises(ValidationError) as error, portfolio.session() as s:
        new_allocation(s, values(ids, **changes))
        s.flush()
    assert error.value.field == field
    assert allocation_count(portfolio) == 0


def test_a_csm_cannot_be_allocated_as_a_csa(portfolio, ids) -> None:
    with pytest.raises(ValidationError, match="CSA"), portfolio.session() as s:
        new_allocation(s, values(ids, csa_id=ids["lena"]))
    assert allocation_count(portfolio) == 0


def test_a_use_case_of_another_account_is_refused(portfolio, ids) -> None:
    with pytest.raises(ValidationError, match="another account"), portfolio.session() as s:
        new_allocation(s, values(ids, use_case_id=ids["use_case"]))
    assert allocation_count(portfolio) == 0


def test_update_allocation_returns_the_old_values(portfolio, ids) -> None:
    with portfolio.session() as s:
        row = new_allocation(s, values(ids))
        s.flush()
        allocation_id = row.id
    new = values(ids, csa_id=ids["rui"], fraction=1.0, end_date=D(2027, 6, 30))
    with portfolio.session() as s:
        old = update_allocation(s, allocation_id, new)
    assert old == values(ids)
    with portfolio.session() as s:
        (row,) = queries.read_allocations(s)
    assert row.values == new
    with pytest.raises(ValidationError), portfolio.session() as s:
        update_allocation(s, allocation_id, values(ids, fraction=0.6))
    with portfolio.session() as s:
        assert queries.read_allocations(s)[0].fraction == 1.0


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"capacity_hours_per_week": -1}, "capacity_hours_per_week"),
        ({"bill_rate": -5}, "bill_rate"),
        ({"chargeability_target": 1.5}, "chargeability_target"),
        ({"name": "  "}, "name"),
        ({"name": "Rui Santos"}, "name"),
    ],
)
def test_bad_csa_values_are_refused(portfolio, ids, changes, field) -> None:
    good = CsaValues("Ada Brennan", capacity_hours_per_week=32)
    bad = CsaValues(**(good.__dict__ | changes))
    with pytest.raises(ValidationError) as error, portfolio.session() as s:
        update_csa(s, ids["ada"], bad)
    assert error.value.field == field
    with portfolio.session() as s:
        assert queries.read_roster(s)[0].values == good


def test_update_csa_returns_old_values_and_none_means_default(portfolio, ids) -> None:
    with portfolio.session() as s:
        old = update_csa(s, ids["rui"], CsaValues("Rui Santos", "rui@example.com", 20))
    assert old == CsaValues("Rui Santos", "", 40, 300, 0.6)
    with portfolio.session() as s:
        rui = queries.read_roster(s)[1]
    assert (rui.own_rate, rui.rate, rui.capacity) == (None, 250, 20)


def test_portfolio_list_names_todays_csas_in_one_query(portfolio, ids) -> None:
    from sqlalchemy import event

    from cs_planner.domain.accounts.queries import list_accounts

    with portfolio.session() as s:
        for who, start, end in (
            ("ada", D(2026, 11, 1), D(2026, 12, 31)),
            ("ada", D(2026, 11, 20), D(2027, 1, 31)),  # twice on one account: named once
            ("rui", D(2026, 11, 24), D(2026, 11, 24)),  # ends today: still allocated
            ("rui", D(2025, 1, 1), D(2025, 12, 31)),  # over: not named
        ):
            new_allocation(s, values(ids, csa_id=ids[who], start_date=start, end_date=end))
    statements: list[str] = []
    engine = portfolio.engine
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        with portfolio.session() as s:
            rows = {r.name: r.csas for r in list_accounts(s, D(2026, 11, 24))}
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert rows == {"Harbor Lane": "", "Kestrel": "Ada Brennan, Rui Santos"}
    assert sum(1 for text in statements if "csa_allocation" in text) == 1


def test_with_shared_reads_every_allocation_of_the_accounts_csas(portfolio, ids) -> None:
    with portfolio.session() as s:
        new_allocation(s, values(ids))  # Ada on Kestrel
        new_allocation(s, values(ids, account_id=ids["harbor"]))  # Ada elsewhere
        new_allocation(s, values(ids, csa_id=ids["rui"], account_id=ids["harbor"]))
    with portfolio.session() as s:
        shared = queries.read_csa_data(s, ids["kestrel"], with_shared=True)
        own = queries.read_csa_data(s, ids["kestrel"])
    assert sorted((a.csa, a.account) for a in shared.allocations) == [
        ("Ada Brennan", "Harbor Lane"),
        ("Ada Brennan", "Kestrel"),
    ]
    assert [a.account for a in own.allocations] == ["Kestrel"]
    assert sorted(a.account for a in shared.of_csa(ids["ada"])) == ["Harbor Lane", "Kestrel"]
    assert shared.of_csa(ids["rui"]) == []
