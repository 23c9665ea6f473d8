"""The activity log's read model and edits."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event

from cs_planner.domain.accounts.queries import list_activities, stakeholder_choices
from cs_planner.domain.accounts.rows import ActivityValues
from cs_planner.domain.accounts.writes import create_account, new_activity, update_activity
from cs_planner.domain.enums import ActivityKind, TeamRole
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import Stakeholder, TeamMember


@pytest.fixture
def ids(portfolio) -> dict[str, int]:
    with portfolio.session() as s:
        account = create_account(s, "Harbor Lane", 100_000)
        other = create_account(s, "Kestrel", 10_000)
        lena = TeamMember(name="Lena Marsh", role=TeamRole.CSM)
        anna = Stakeholder(account_id=account, name="Anna de Vries")
        tom = Stakeholder(account_id=account, name="Tom Becker")
        stranger = Stakeholder(account_id=other, name="Sam Other")
        s.add_all([lena, anna, tom, stranger])
        s.flush()
        return {
            "account": account,
            "other": other,
            "lena": lena.id,
            "anna": anna.id,
            "tom": tom.id,
            "stranger": stranger.id,
        }


def _add(portfolio, account: int, values: ActivityValues) -> int:
    with portfolio.session() as s:
        activity = new_activity(s, account, values)
        s.flush()
        return activity.id


def test_list_is_newest_first_with_names(portfolio, ids) -> None:
    old = _add(portfolio, ids["account"], ActivityValues(dt.date(2026, 9, 1), note="kick-off"))
    qbr = _add(
        portfolio,
        ids["account"],
        ActivityValues(
            dt.date(2026, 11, 20),
            ActivityKind.QBR,
            ids["lena"],
            (ids["tom"], ids["anna"]),
            "  QBR: adoption up  ",
        ),
    )
    same_day = _add(portfolio, ids["account"], ActivityValues(dt.date(2026, 11, 20)))
    _add(portfolio, ids["other"], ActivityValues(dt.date(2026, 11, 21)))
    with portfolio.session() as s:
        rows = list_activities(s, ids["account"])
    assert [r.id for r in rows] == [same_day, qbr, old]  # later entries first on a day
    row = rows[1]
    assert (row.kind, row.owner, row.note) == (ActivityKind.QBR, "Lena Marsh", "QBR: adoption up")
    assert row.stakeholders == ("Anna de Vries", "Tom Becker")
    assert set(row.stakeholder_ids) == {ids["anna"], ids["tom"]}
    assert rows[0].owner == "" and rows[0].stakeholders == ()


def test_list_reads_in_two_queries_whatever_the_count(portfolio, ids) -> None:
    for n in range(12):
        _add(
            portfolio,
            ids["account"],
            ActivityValues(dt.date(2026, 1, 1 + n), stakeholder_ids=(ids["tom"],)),
        )
    statements: list[str] = []
    event.listen(portfolio.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    with portfolio.read() as s:
        assert len(list_activities(s, ids["account"])) == 12
    assert len([q for q in statements if q.lstrip().upper().startswith("SELECT")]) == 2


def test_update_returns_old_values(portfolio, ids) -> None:
    first = ActivityValues(dt.date(2026, 10, 1), ActivityKind.CALL, None, (ids["anna"],), "a")
    activity_id = _add(portfolio, ids["account"], first)
    changed = ActivityValues(
        dt.date(2026, 10, 2), ActivityKind.WORKSHOP, ids["lena"], (ids["tom"],), "b"
    )
    with portfolio.session() as s:
        assert update_activity(s, activity_id, changed) == first
    with portfolio.session() as s:
        assert list_activities(s, ids["account"])[0].values == changed


def test_invalid_activities_are_refused(portfolio, ids) -> None:
    cases = [
        (ActivityValues(None), "activity date is required"),  # type: ignore[arg-type]
        (ActivityValues(dt.date(2026, 1, 1), stakeholder_ids=(ids["stranger"],)), "another"),
        (ActivityValues(dt.date(2026, 1, 1), stakeholder_ids=(9999,)), "no longer exists"),
        (ActivityValues(dt.date(2026, 1, 1), owner_id=9999), "team member no longer exists"),
    ]
    for values, message in cases:
        with pytest.raises(ValidationError, match=message), portfolio.session() as s:
            new_activity(s, ids["account"], values)
            s.flush()
    with pytest.raises(ValidationError, match="no longer exists"), portfolio.session() as s:
        update_activity(s, 4242, ActivityValues(dt.date(2026, 1, 1)))


def test_stakeholder_choices_are_the_accounts_own(portfolio, ids) -> None:
    with portfolio.session() as s:
        assert stakeholder_choices(s, ids["account"]) == [
            (ids["anna"], "Anna de Vries"),
            (ids["tom"], "Tom Becker"),
        ]
