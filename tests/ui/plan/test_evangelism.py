"""The Evangelism section on a real file: champions (departed ones marked), their stories
and promotions filtered by the champion selected, the goal strip, and undoable edits."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete

from cs_planner.domain.enums import StakeholderStatus, StoryKind
from cs_planner.domain.model import Promotion, StakeholderRole, Story
from cs_planner.domain.plan.evangelism import PromotionValues, StoryValues
from cs_planner.ui.plan import champion_lists as evangelism_ui
from cs_planner.ui.plan.evangelism import EvangelismPanel
from tests.domain.plan.conftest import TODAY, add_person


def panel_of(tab) -> EvangelismPanel:
    panel = tab.show_section("Evangelism")
    assert isinstance(panel, EvangelismPanel)
    return panel


def test_champions_filter_their_stories_and_the_goal(tab, acct, portfolio) -> None:
    a = acct["account"]
    gone = add_person(portfolio, a, "Gus Gone", champion=True,
                      status=StakeholderStatus.LEFT_COMPANY)  # fmt: skip
    with portfolio.session() as s:
        s.add(Story(account_id=a, stakeholder_id=acct["exec"], told_on=TODAY, title="Here"))
        s.add(Story(account_id=a, stakeholder_id=gone, told_on=dt.date(2026, 1, 5)))
        s.add(Promotion(account_id=a, stakeholder_id=gone, promoted_on=dt.date(2025, 3, 1)))
    tab.reload()
    panel = panel_of(tab)
    names = [panel.champion_model.row_at(n).label for n in range(panel.champion_model.rowCount())]
    assert names == ["Eve Exec", "Gus Gone (left company)"]
    assert panel.goal.text().startswith("This quarter: 1 of 1 new story")
    assert "the portfolio: 1 new story (2026 Q4)" in panel.goal.text()
    assert "2026 Q1: 1 here" in panel.history.text()
    assert panel.stories.model.rowCount() == 2  # nobody selected: everyone's
    panel.champions.selectRow(1)
    assert panel.stories.model.rowCount() == 1 and panel.promotions.model.rowCount() == 1
    panel.champions.selectRow(0)
    assert panel.stories.model.row_at(0).values.title == "Here"
    assert panel.promotions.model.rowCount() == 0


def test_add_a_story_and_a_promotion_undoably(tab, ctx, acct, monkeypatch, portfolio) -> None:
    panel = panel_of(tab)
    assert panel.goal.text().startswith("This quarter: 0 of 1 new story")
    story = StoryValues(acct["exec"], StoryKind.VIDEO, TODAY, "First ninety days")
    monkeypatch.setattr(evangelism_ui.StoryDialog, "run", lambda self, check: story)
    panel.stories.add()
    assert panel.stories.model.row_at(0).values == story
    assert panel.goal.text().startswith("This quarter: 1 of 1 new story")
    promotion = PromotionValues(acct["exec"], TODAY, "COO")
    monkeypatch.setattr(evangelism_ui.PromotionDialog, "run", lambda self, check: promotion)
    panel.promotions.add()
    assert panel.champion_model.row_at(0).promotions == 1
    ctx.undo_stack.undo()
    ctx.undo_stack.undo()
    assert panel.stories.model.rowCount() == 0 and panel.promotions.model.rowCount() == 0
    ctx.undo_stack.redo()
    assert panel.stories.model.rowCount() == 1


def test_without_a_champion_adding_says_why(tab, acct, portfolio) -> None:
    with portfolio.session() as s:
        s.execute(delete(StakeholderRole))
    tab.reload()
    panel = panel_of(tab)
    assert panel.champion_model.rowCount() == 0
    panel.stories.add()
    assert "champion role first" in panel.stories.error.text()
