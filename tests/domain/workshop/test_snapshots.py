"""Snapshots taken, undone and redone on a real file; their payload read back, including a
format 1 payload written out literally here (what a file from before a later migration
holds) and payloads with keys missing."""

from __future__ import annotations

import datetime as dt
import json
import zlib

import pytest
from sqlalchemy import delete, func, select

from cs_planner.domain.edits import run
from cs_planner.domain.enums import SnapshotKind
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import Account, AccountSnapshot
from cs_planner.domain.workshop import snapshots
from cs_planner.domain.workshop.payload import decode
from cs_planner.domain.workshop.state import Person
from cs_planner.storage import Portfolio

AT = dt.datetime(2026, 12, 2, 9, 30)

# A format 1 payload as the first version wrote it: never regenerate it from the code.
FORMAT_1 = {
    "format": 1,
    "account": {"id": 7, "name": "Meridian"},
    "people": [
        {
            "id": 1,
            "name": "Tom Berg",
            "title": "CEO",
            "level": "executive",
            "status": "active",
            "reports_to": None,
        },
        {
            "id": 2,
            "name": "Ana Ruiz",
            "title": "Ops lead",
            "level": "manager",
            "status": "left_company",
            "reports_to": 1,
        },
    ],
    "use_cases": [
        {
            "id": 5,
            "title": "Invoice matching",
            "step": "remediation",
            "status": "planned",
            "target_quarter": "2027-01-01",
        }
    ],
    "dimensions": [
        {
            "dimension": "users",
            "applies": True,
            "unit": "users",
            "baseline": None,
            "current": 40,
            "target": 90,
            "target_quarter": "2027-04-01",
        }
    ],
    "metrics": [
        {"id": 3, "metric": "Hours saved", "unit": "h", "latest_on": "2026-10-01", "latest": 12}
    ],
    "actions": [
        {
            "id": 9,
            "title": "Send the pilot plan",
            "owner": "Lena Marsh",
            "due_date": "2026-12-10",
            "status": "open",
        }
    ],
}
FORMAT_1_PRIVATE = {
    "format": 1,
    "people": [{"id": 2, "stance": "supporter", "roles": ["champion"]}],
    "influence_lines": [{"source": 1, "target": 2}],
}


def pack(data: dict) -> bytes:
    return zlib.compress(json.dumps(data).encode())


def count(portfolio: Portfolio) -> int:
    with portfolio.read() as s:
        return s.scalar(select(func.count()).select_from(AccountSnapshot)) or 0


def test_take_undo_redo_keeps_the_same_snapshot(portfolio: Portfolio, meridian: dict) -> None:
    account = meridian["account"]
    edit = snapshots.take_snapshot(account, " Before the QBR ", at=AT)
    assert edit.text == "Take snapshot Before the QBR"
    with portfolio.session() as s:
        run(s, edit)
        now = snapshots.capture(s, account)
    with portfolio.read() as s:
        [info] = snapshots.snapshots_of(s, account)
        assert (info.name, info.taken_at, info.kind) == ("Before the QBR", AT, SnapshotKind.MANUAL)
        assert snapshots.read_snapshot(s, info.id) == now
    with portfolio.session() as s:
        edit.revert(s)
    assert count(portfolio) == 0
    with portfolio.session() as s:
        edit.apply(s)
    with portfolio.read() as s:
        assert [i.id for i in snapshots.snapshots_of(s, account)] == [info.id]
        assert snapshots.read_snapshot(s, info.id) == now


def test_a_nameless_snapshot_is_refused_and_nothing_is_written(
    portfolio: Portfolio, meridian: dict
) -> None:
    with pytest.raises(ValidationError, match="name"), portfolio.session() as s:
        run(s, snapshots.take_snapshot(meridian["account"], "  "))
    assert count(portfolio) == 0
    with pytest.raises(ValidationError, match="no longer exists"), portfolio.session() as s:
        run(s, snapshots.take_snapshot(9999, "Ghost"))


def test_snapshots_are_listed_oldest_first_and_go_with_their_account(
    portfolio: Portfolio, meridian: dict
) -> None:
    account = meridian["account"]
    with portfolio.session() as s:
        run(s, snapshots.take_snapshot(account, "Later", at=AT))
        run(
            s, snapshots.take_snapshot(account, "Earlier", SnapshotKind.WORKSHOP, AT.replace(day=1))
        )
    with portfolio.read() as s:
        listed = snapshots.snapshots_of(s, account)
    assert [(i.name, i.kind) for i in listed] == [
        ("Earlier", SnapshotKind.WORKSHOP),
        ("Later", SnapshotKind.MANUAL),
    ]
    assert snapshots.default_name("Meridian", dt.date(2026, 12, 2)) == "Meridian 2026-12-02"
    with portfolio.session() as s:
        s.execute(delete(Account).where(Account.id == account))
    assert count(portfolio) == 0


def test_what_a_snapshot_holds(portfolio: Portfolio, meridian: dict) -> None:
    with portfolio.read() as s:
        state = snapshots.capture(s, meridian["account"])
    ana = state.people[meridian["ana"]]
    assert (ana.name, ana.title, ana.manager_id, ana.stance, ana.roles) == (
        "Ana Ruiz",
        "Ops lead",
        meridian["lee"],
        "supporter",
        frozenset({"champion"}),
    )
    assert state.influence == frozenset({(meridian["tom"], meridian["lee"])})
    assert state.use_cases[meridian["use_case"]].quarter == dt.date(2027, 1, 1)
    assert state.dimensions["users"].current == 40
    metric = state.metrics[meridian["metric"]]
    assert (metric.name, metric.latest_on, metric.latest) == (
        "Hours saved",
        dt.date(2026, 10, 1),
        12,
    )
    action = state.actions[meridian["action"]]
    assert (action.owner, action.due, action.status) == (
        "Lena Marsh",
        dt.date(2026, 12, 10),
        "open",
    )


def test_a_format_1_payload_stored_in_the_file_still_reads(
    portfolio: Portfolio, meridian: dict
) -> None:
    with portfolio.session() as s:
        row = AccountSnapshot(
            account_id=meridian["account"],
            name="Old",
            taken_at=AT,
            kind=SnapshotKind.MANUAL,
            format=1,
            payload=pack(FORMAT_1),
            private_payload=pack(FORMAT_1_PRIVATE),
        )
        s.add(row)
        s.flush()
        row_id = row.id
    with portfolio.read() as s:
        state = snapshots.read_snapshot(s, row_id)
    assert state.account_name == "Meridian"
    assert state.people[2] == Person(
        2,
        "Ana Ruiz",
        "Ops lead",
        "manager",
        "left_company",
        1,
        "supporter",
        frozenset({"champion"}),
    )
    assert state.people[1].stance is None  # no private row for him: not known
    assert state.influence == frozenset({(1, 2)})
    assert state.use_cases[5].quarter == dt.date(2027, 1, 1)
    assert state.dimensions["users"].target == 90
    assert state.metrics[3].latest == 12
    assert state.actions[9].due == dt.date(2026, 12, 10)


def test_missing_keys_read_as_defaults_and_bad_rows_are_skipped() -> None:
    shared = {
        "people": [{"id": 1, "name": "Tom Berg"}, {"name": "no id"}, "junk"],
        "use_cases": [{"id": 5}],
        "actions": [{"id": 9, "title": "Call", "due_date": "not a date", "someday": 1}],
        "metrics": [{"id": 3, "metric": "NPS", "latest": "high"}],
    }
    state = decode(pack(shared))  # no private payload: a customer copy's
    assert state.people == {1: Person(1, "Tom Berg")}
    assert state.influence is None and state.dimensions == {}
    assert state.use_cases[5].title == "Use case 5"
    assert state.actions[9].due is None and state.actions[9].status == "open"
    assert state.metrics[3].latest is None
    assert decode(b"").people == {}
    with pytest.raises(ValidationError, match="cannot be read"):
        decode(b"not zlib")
