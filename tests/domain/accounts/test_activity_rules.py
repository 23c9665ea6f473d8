"""The activity log's rule (issue 10): an activity still to come whose note says it took
place."""

from __future__ import annotations

import datetime as dt

import pytest

from cs_planner.domain.accounts import rules

TODAY = dt.date(2026, 11, 24)


@pytest.mark.parametrize(
    ("note", "done"),
    [
        ("Reviewed value metrics against the improvement plan; agreed next targets.", True),
        ("Quarterly review: renewal outlook discussed, two use cases moved to planned.", True),
        ("Sent the monthly adoption report.", True),
        ("Met the new COO and walked the stairway.", True),
        ("Agenda: value metrics against the plan and next quarter's targets.", False),
        ("Planned: walk the stairway with the new COO.", False),
        ("To review adoption by division.", False),
        ("Design workshop for the next roll-out wave.", False),
        ("", False),
    ],
)
def test_reads_as_done(note: str, done: bool) -> None:
    assert rules.reads_as_done(note) is done


def test_an_activity_to_come_written_as_done() -> None:
    """Issue 10: QBRs dated next month with notes in the past tense."""
    activities = [
        rules.ActivityNote(1, TODAY + dt.timedelta(days=20), "QBR", "Reviewed the value metrics."),
        rules.ActivityNote(2, TODAY + dt.timedelta(days=30), "QBR", "Agenda: the value metrics."),
        rules.ActivityNote(3, TODAY - dt.timedelta(days=30), "QBR", "Reviewed the value metrics."),
        rules.ActivityNote(4, TODAY, "Call", "Agreed the renewal date."),  # today: may be done
    ]
    (found,) = rules.activity_contradictions(activities, TODAY)
    assert found.people == (1,) and found.severity == "warn"
    assert found.text == (
        "The QBR dated 2026-12-14 is still to come, but its note says it took place: correct "
        "the date or the note."
    )
