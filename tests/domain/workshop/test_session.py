"""A workshop session's summary and its log entry, on a real file: a person added, one
marked as left and an action agreed are each named; the activity is written (and undone)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from cs_planner.domain.edits import run
from cs_planner.domain.enums import ActivityKind, SnapshotKind, StakeholderStatus, Stance
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import ActionItem, Activity, Stakeholder, UseCase
from cs_planner.domain.workshop import snapshots
from cs_planner.domain.workshop.session import log_session, session_name, summarize
from cs_planner.storage import Portfolio

DAY = dt.date(2026, 12, 2)


def test_the_name_says_purpose_account_and_date() -> None:
    assert session_name("Meridian", DAY, "Q3 review") == "Q3 review with Meridian, 2026-12-02"
    assert session_name("Meridian", DAY, "  ") == "Workshop with Meridian, 2026-12-02"


def test_a_session_names_what_it_captured_and_is_logged(
    portfolio: Portfolio, meridian: dict
) -> None:
    m = meridian
    with portfolio.read() as s:
        start = snapshots.capture(s, m["account"])
    with portfolio.session() as s:
        lee = s.get(Stakeholder, m["lee"])
        s.add(Stakeholder(account_id=m["account"], name="Rosa Lind", title="CFO", reports_to=lee))
        s.get(Stakeholder, m["bo"]).status = StakeholderStatus.LEFT_COMPANY
        s.get(Stakeholder, m["ana"]).stance = Stance.DETRACTOR  # private: not in the notes
        s.get(UseCase, m["use_case"]).target_quarter = dt.date(2027, 4, 1)
        s.add(
            ActionItem(
                account_id=m["account"], title="Share the rollout plan",
                customer_owner_id=m["ana"], due_date=dt.date(2026, 12, 16),
            )
        )  # fmt: skip
    with portfolio.read() as s:
        now = snapshots.capture(s, m["account"])
    summary = summarize(session_name("Meridian", DAY), start, now, DAY)
    assert summary.captured
    sections = dict(summary.sections())
    assert sections["Agreed actions"] == ["Share the rollout plan (Ana Ruiz, by 2026-12-16)"]
    assert sections["New people"] == ["Rosa Lind (CFO) is new on the map, reporting to Lee Chan."]
    assert sections["Departed people"] == ["Bo Ng left the company."]
    assert sections["Roadmap changes"] == ["Invoice matching moved to 2027 Q2 (was 2027 Q1)."]
    assert "Other changes" not in sections  # the stance change is not the customer's
    text = summary.text()
    assert text.startswith("Workshop with Meridian, 2026-12-02\n")
    for said in ("Rosa Lind", "Bo Ng left", "Share the rollout plan"):
        assert said in text and said in summary.markdown()
    assert "detractor" not in text

    edit = log_session(m["account"], summary)
    assert edit.text == "Log Workshop with Meridian, 2026-12-02"
    with portfolio.session() as s:
        run(s, edit)
    with portfolio.read() as s:
        [logged] = s.scalars(select(Activity).where(Activity.account_id == m["account"]))
        assert (logged.kind, logged.date, logged.note) == (ActivityKind.WORKSHOP, DAY, text)
    with portfolio.session() as s:
        edit.revert(s)
    with portfolio.read() as s:
        assert s.scalars(select(Activity)).all() == []


def test_nothing_captured_nothing_to_confirm(portfolio: Portfolio, meridian: dict) -> None:
    with portfolio.read() as s:
        state = snapshots.capture(s, meridian["account"])
    summary = summarize("Workshop", state, state, DAY)
    assert not summary.captured and summary.sections() == []
    assert "Nothing captured" in summary.text()


def test_logging_renames_the_snapshot_the_session_started_with(
    portfolio: Portfolio, meridian: dict
) -> None:
    m = meridian
    start_name = session_name("Meridian", DAY)
    taken = snapshots.take_snapshot(m["account"], start_name, SnapshotKind.WORKSHOP)
    with portfolio.session() as s:
        run(s, taken)
        state = snapshots.capture(s, m["account"])
    summary = summarize("Q3 review with Meridian, 2026-12-02", state, state, DAY)
    edit = log_session(m["account"], summary, taken.row_id)
    assert edit.text == "Log Q3 review with Meridian, 2026-12-02"

    def names() -> tuple[list[str], int]:
        with portfolio.read() as s:
            listed = [i.name for i in snapshots.snapshots_of(s, m["account"])]
            return listed, len(s.scalars(select(Activity)).all())

    with portfolio.session() as s:
        run(s, edit)
    assert names() == (["Q3 review with Meridian, 2026-12-02"], 1)
    with portfolio.session() as s:
        edit.revert(s)
    assert names() == ([start_name], 0)
    with pytest.raises(ValidationError, match="no longer exists"), portfolio.session() as s:
        run(s, log_session(m["account"], summary, 9999))
    assert names() == ([start_name], 0)
