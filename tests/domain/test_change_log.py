"""The change log on both engines: each window's actions, read back by the others (not by
itself), named by author and account, and kept to a bounded length."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from cs_planner.domain import change_log
from cs_planner.domain.changes import Changes
from cs_planner.domain.enums import TeamRole
from cs_planner.domain.model import Account, ChangeEntry, Settings, TeamMember

AT = dt.datetime(2026, 11, 24, 9, 30)


def test_changes_survive_the_text_they_are_kept_as() -> None:
    for changes in (
        Changes(),
        Changes.account(3),
        Changes.of_accounts([17, 3], listed=True),
        Changes(team=True, settings=True, templates=True),
    ):
        assert change_log.decode(change_log.encode(changes)) == changes
    assert change_log.encode(Changes.of_accounts([17, 3], listed=True)) == (
        "accounts=3,17;account_list"
    )


def test_others_actions_are_read_back_named_and_ones_own_are_not(portfolio) -> None:
    with portfolio.session() as s:
        dario = TeamMember(name="Dario Kowalczyk", role=TeamRole.CSM)
        meridian = Account(name="Meridian Freight Group", initial_deal_value=80_000)
        s.add_all([dario, meridian])
        s.flush()
        ids = dario.id, meridian.id
    with portfolio.read() as s:
        start = change_log.last_id(s)
    with portfolio.session() as s:
        change_log.record(
            s,
            "Move Ada Brennan under Rui Santos",
            Changes.account(ids[1]),
            client="theirs",
            author_id=ids[0],
            at=AT,
        )
        change_log.record(
            s,
            "Change notes to Line one\nLine two",
            Changes.account(ids[1]),
            client="mine",
            author_id=None,
        )
        change_log.record(
            s,
            "Rename two accounts",
            Changes.of_accounts([ids[1], 999], listed=True),
            client="theirs",
            author_id=None,
            at=AT,
        )
    with portfolio.read() as s:
        last, entries = change_log.since(s, start, "mine")
    assert last == start + 3
    assert [e.text for e in entries] == ["Move Ada Brennan under Rui Santos", "Rename two accounts"]
    first, second = entries
    assert (first.author, first.account, first.changes) == (
        "Dario Kowalczyk",
        "Meridian Freight Group",
        Changes.account(ids[1]),
    )
    assert second.author is None and second.account is None and second.changes.account_list
    assert change_log.describe(first, AT + dt.timedelta(seconds=75)) == (
        "Dario Kowalczyk: Move Ada Brennan under Rui Santos (Meridian Freight Group), 1 min ago"
    )
    assert change_log.describe(second, AT) == "Someone: Rename two accounts, just now"
    with portfolio.read() as s:
        assert change_log.since(s, last, "mine") == (last, [])
        texts = s.scalars(select(ChangeEntry.text).order_by(ChangeEntry.id)).all()
    assert texts[-2] == "Change notes to Line one Line two"  # one line, as the column holds


def test_the_owner_is_the_author_and_a_departed_author_leaves_the_row(portfolio) -> None:
    with portfolio.session() as s:
        s.add(TeamMember(name="Ada Brennan", role=TeamRole.CSM))
        s.get(Settings, 1).owner_name = "ada brennan"
    with portfolio.session() as s:
        author = change_log.author(s, lambda _file_id: None)
        assert author is not None
        change_log.record(s, "Add a risk", Changes(), client="c", author_id=author)
    with portfolio.session() as s:
        s.delete(s.get(TeamMember, author))
    with portfolio.read() as s:
        _, entries = change_log.since(s, 0, "other")
    assert [(e.author, e.text) for e in entries] == [(None, "Add a risk")]


def test_the_log_keeps_its_last_rows_only(portfolio, monkeypatch) -> None:
    monkeypatch.setattr(change_log, "KEEP", 150)
    with portfolio.session() as s:
        for n in range(250):
            change_log.record(s, f"Edit {n}", Changes(), client="c", author_id=None)
    with portfolio.read() as s:
        kept = s.scalar(select(func.count()).select_from(ChangeEntry))
        oldest = s.scalar(select(func.min(ChangeEntry.id)))
    assert 150 <= kept < 250 and oldest > 50  # pruned at the 100th and 200th row


def test_a_member_chosen_for_the_portfolio_signs_instead_of_the_owner(portfolio) -> None:
    with portfolio.session() as s:
        ada = TeamMember(name="Ada Brennan", role=TeamRole.CSM)
        rui = TeamMember(name="Rui Santos", role=TeamRole.CSA)
        s.add_all([ada, rui])
        settings = s.get(Settings, 1)
        settings.owner_name = "Ada Brennan"
        s.flush()
        ids, file_id = (ada.id, rui.id), settings.file_id
    chosen = {file_id: ids[1]}
    with portfolio.read() as s:
        assert change_log.author(s, chosen.get) == ids[1]
        assert change_log.author(s, {file_id: 999}.get) == ids[0]  # not on the team: owner
        assert change_log.author(s, {"another portfolio": ids[1]}.get) == ids[0]
