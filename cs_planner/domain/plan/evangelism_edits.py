"""Every change to the champions' stories and promotions, as undoable edits."""

from __future__ import annotations

from cs_planner.domain.changes import Changes
from cs_planner.domain.edits import Delete, Edit, Insert, Update
from cs_planner.domain.model import Promotion, Story
from cs_planner.domain.plan import evangelism
from cs_planner.domain.plan.evangelism import (
    PromotionRow,
    PromotionValues,
    StoryRow,
    StoryValues,
)


def add_story(account_id: int, values: StoryValues) -> Insert[Story]:
    return Insert(
        f"Add the {values.kind.label.lower()} of {values.told_on.isoformat()}",
        lambda s: evangelism.new_story(s, account_id, values),
        Changes.account(account_id),
    )


def edit_story(account_id: int, row: StoryRow, values: StoryValues) -> Update[StoryValues]:
    return Update(
        f"Edit the {row.values.kind.label.lower()} of {row.values.told_on.isoformat()}",
        evangelism.update_story,
        row.id,
        values,
        Changes.account(account_id),
    )


def delete_story(account_id: int, row: StoryRow) -> Edit:
    text = f"Delete the {row.values.kind.label.lower()} of {row.values.told_on.isoformat()}"
    return Delete(text, Story, [row.id], Changes.account(account_id))


def add_promotion(account_id: int, values: PromotionValues) -> Insert[Promotion]:
    return Insert(
        f"Add the promotion of {values.promoted_on.isoformat()}",
        lambda s: evangelism.new_promotion(s, account_id, values),
        Changes.account(account_id),
    )


def edit_promotion(
    account_id: int, row: PromotionRow, values: PromotionValues
) -> Update[PromotionValues]:
    return Update(
        f"Edit the promotion of {row.values.promoted_on.isoformat()}",
        evangelism.update_promotion,
        row.id,
        values,
        Changes.account(account_id),
    )


def delete_promotion(account_id: int, row: PromotionRow) -> Edit:
    text = f"Delete the promotion of {row.values.promoted_on.isoformat()} ({row.champion})"
    return Delete(text, Promotion, [row.id], Changes.account(account_id))
