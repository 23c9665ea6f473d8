"""Evangelism per champion: champions by their buying role (departed ones marked), their
stories and promotions, and the stories goal counted by quarter for the account and the
portfolio."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import event

from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.enums import StakeholderStatus, StoryKind
from cs_planner.domain.model import Promotion, Settings, Story
from cs_planner.domain.plan import evangelism
from tests.domain.plan.conftest import TODAY, add_person


def test_champions_stories_and_promotions(portfolio, acct) -> None:
    a = acct["account"]
    gone = add_person(portfolio, a, "Gus Gone", champion=True,
                      status=StakeholderStatus.LEFT_COMPANY)  # fmt: skip
    with portfolio.session() as s:
        s.add_all([
            Story(account_id=a, stakeholder_id=acct["exec"], kind=StoryKind.WEBINAR,
                  told_on=dt.date(2026, 10, 5), title="Scaling"),
            Story(account_id=a, stakeholder_id=acct["exec"], kind=StoryKind.BLOG_POST,
                  told_on=dt.date(2026, 2, 1)),
            Story(account_id=a, stakeholder_id=acct["manager"], told_on=dt.date(2026, 3, 1)),
            Promotion(account_id=a, stakeholder_id=gone, promoted_on=dt.date(2025, 5, 1),
                      new_title="CIO"),
        ])  # fmt: skip
    with portfolio.read() as s:
        data = evangelism.load_evangelism(s, a, TODAY)
    by_name = {c.name: c for c in data.champions}
    # The manager is no champion by role, but told a story: listed so it is not lost.
    assert [c.name for c in data.champions] == ["Eve Exec", "Max Manager", "Gus Gone"]
    assert (by_name["Eve Exec"].stories, by_name["Eve Exec"].last_story) == (
        2,
        dt.date(2026, 10, 5),
    )
    assert by_name["Gus Gone"].label == "Gus Gone (left company)"
    assert by_name["Gus Gone"].promotions == 1
    assert [s.values.told_on for s in data.stories] == [
        dt.date(2026, 10, 5),
        dt.date(2026, 3, 1),
        dt.date(2026, 2, 1),
    ]
    assert data.promotions[0].champion == "Gus Gone"


def test_the_goal_is_tracked_for_this_quarter_and_the_last_four(portfolio, acct) -> None:
    a = acct["account"]
    with portfolio.session() as s:
        other = create_account(s, "Other", 1_000)
        s.get(Settings, 1).stories_per_quarter_goal = 2
    other_champion = add_person(portfolio, other, "Olga", champion=True)
    with portfolio.session() as s:
        for day in (dt.date(2026, 10, 1), dt.date(2026, 11, 24), dt.date(2025, 10, 2)):
            s.add(Story(account_id=a, stakeholder_id=acct["exec"], told_on=day))
        for day in (dt.date(2026, 11, 1), dt.date(2026, 12, 1), dt.date(2025, 9, 30)):
            s.add(Story(account_id=other, stakeholder_id=other_champion, told_on=day))
    statements: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        statements.append(statement)

    with portfolio.read() as s:
        bind = s.get_bind()
        event.listen(bind, "before_cursor_execute", seen)
        try:
            quarters = evangelism.goal_quarters(s, a, TODAY, 1)
        finally:
            event.remove(bind, "before_cursor_execute", seen)
    assert sum("FROM story" in q for q in statements) == 1  # the portfolio in one query
    assert [q.label for q in quarters] == ["2026 Q4", "2026 Q3", "2026 Q2", "2026 Q1", "2025 Q4"]
    # This quarter: two here and one elsewhere (a story dated after today is not counted).
    assert (quarters[0].account, quarters[0].portfolio) == (2, 3)
    assert (quarters[4].account, quarters[4].portfolio) == (1, 1)  # 2025-09-30 is before
    with portfolio.read() as s:
        data = evangelism.load_evangelism(s, a, TODAY)
    assert data.goal == 2
    assert evangelism.goal_sentence(data.this_quarter.account, data.goal) == (
        "This quarter: 2 of 2 new stories"
    )
    assert evangelism.goal_sentence(0, 1) == "This quarter: 0 of 1 new story"


def test_fiscal_quarters() -> None:
    assert evangelism.tracked_quarters(TODAY, 2)[:2] == [dt.date(2026, 11, 1), dt.date(2026, 8, 1)]
