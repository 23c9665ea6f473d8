"""Evangelism per champion: the stories each champion told and their promotions (DOMAIN.md
section 8), and the portfolio's goal of new stories a quarter, tracked for this quarter and
the four before it."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cs_planner.domain.accounts.queries import get_settings
from cs_planner.domain.enums import BuyingRole, StoryKind
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import Account, Promotion, Settings, Stakeholder, Story
from cs_planner.domain.quarters import add_quarters, quarter_label, quarter_start
from cs_planner.domain.relationships.queries import list_stakeholders

QUARTERS_TRACKED = 5  # this quarter and the last four
STORY_GONE = "That story no longer exists (it may have been deleted)."
PROMOTION_GONE = "That promotion no longer exists (it may have been deleted)."


@dataclass(frozen=True)
class StoryValues:
    stakeholder_id: int
    kind: StoryKind = StoryKind.CASE_STUDY
    told_on: dt.date = dt.date(2000, 1, 1)
    title: str = ""
    notes: str = ""


@dataclass(frozen=True)
class StoryRow:
    id: int
    values: StoryValues
    champion: str


@dataclass(frozen=True)
class PromotionValues:
    stakeholder_id: int
    promoted_on: dt.date = dt.date(2000, 1, 1)
    new_title: str = ""
    notes: str = ""


@dataclass(frozen=True)
class PromotionRow:
    id: int
    values: PromotionValues
    champion: str


@dataclass(frozen=True)
class ChampionRow:
    id: int  # the stakeholder
    name: str
    title: str
    departed: str  # "" while in the seat, else "Left company" / "Changed role"
    stories: int
    promotions: int
    last_story: dt.date | None

    @property
    def label(self) -> str:
        return f"{self.name} ({self.departed.lower()})" if self.departed else self.name


@dataclass(frozen=True)
class GoalQuarter:
    label: str
    start: dt.date
    account: int  # new stories of the account
    portfolio: int  # of every account


@dataclass(frozen=True)
class EvangelismData:
    account_id: int
    account: str
    champions: tuple[ChampionRow, ...]
    stories: tuple[StoryRow, ...]  # newest first
    promotions: tuple[PromotionRow, ...]
    goal: int  # new stories a quarter
    quarters: tuple[GoalQuarter, ...]  # this quarter first

    @property
    def this_quarter(self) -> GoalQuarter:
        return self.quarters[0]


def stories_goal(session: Session) -> int:
    goal = session.scalar(select(Settings.stories_per_quarter_goal).where(Settings.id == 1))
    return 1 if goal is None else int(goal)


def goal_sentence(count: int, goal: int, who: str = "This quarter") -> str:
    """ "This quarter: 1 of 1 new story"."""
    return f"{who}: {count} of {goal} new stor{'y' if goal == 1 else 'ies'}"


def tracked_quarters(today: dt.date, fy_start_month: int) -> list[dt.date]:
    first = quarter_start(today, fy_start_month)
    return [add_quarters(first, -n) for n in range(QUARTERS_TRACKED)]


def count_by_quarter(
    dates: list[tuple[int, dt.date]], quarters: list[dt.date], today: dt.date
) -> tuple[Counter[dt.date], Counter[tuple[int, dt.date]]]:
    """Stories (account id, told on) counted by quarter for the portfolio and per account;
    stories dated after today are not counted yet."""
    ordered = sorted(quarters)
    portfolio: Counter[dt.date] = Counter()
    per_account: Counter[tuple[int, dt.date]] = Counter()
    for account_id, told_on in dates:
        if told_on > today or told_on < ordered[0]:
            continue
        quarter = max(q for q in ordered if q <= told_on)
        portfolio[quarter] += 1
        per_account[(account_id, quarter)] += 1
    return portfolio, per_account


def goal_quarters(
    session: Session, account_id: int, today: dt.date, fy_start_month: int
) -> list[GoalQuarter]:
    """The tracked quarters with the account's and the portfolio's new stories: every
    story of the portfolio in those quarters read in one query."""
    quarters = tracked_quarters(today, fy_start_month)
    query = select(Story.account_id, Story.told_on).where(Story.told_on >= min(quarters))
    dates = [(account, told_on) for account, told_on in session.execute(query)]
    portfolio, per_account = count_by_quarter(dates, quarters, today)
    return [
        GoalQuarter(quarter_label(q, fy_start_month), q, per_account[(account_id, q)], portfolio[q])
        for q in quarters
    ]


def list_stories(session: Session, account_id: int) -> list[StoryRow]:
    rows = session.execute(
        select(
            Story.id,
            Story.stakeholder_id,
            Story.kind,
            Story.told_on,
            Story.title,
            Story.notes,
            Stakeholder.name,
        )
        .join(Stakeholder, Stakeholder.id == Story.stakeholder_id)
        .where(Story.account_id == account_id)
        .order_by(Story.told_on.desc(), Story.id)
    ).all()
    return [
        StoryRow(r[0], StoryValues(r[1], r[2], r[3], r[4] or "", r[5] or ""), r[6]) for r in rows
    ]


def list_promotions(session: Session, account_id: int) -> list[PromotionRow]:
    p = Promotion
    rows = session.execute(
        select(p.id, p.stakeholder_id, p.promoted_on, p.new_title, p.notes, Stakeholder.name)
        .join(Stakeholder, Stakeholder.id == p.stakeholder_id)
        .where(p.account_id == account_id)
        .order_by(p.promoted_on.desc(), p.id)
    ).all()
    return [
        PromotionRow(r[0], PromotionValues(r[1], r[2], r[3] or "", r[4] or ""), r[5]) for r in rows
    ]


def load_evangelism(session: Session, account_id: int, today: dt.date) -> EvangelismData:
    name = session.scalar(select(Account.name).where(Account.id == account_id))
    if name is None:
        raise ValidationError("That account no longer exists (it may have been deleted).")
    stories = list_stories(session, account_id)
    promotions = list_promotions(session, account_id)
    told = Counter(s.values.stakeholder_id for s in stories)
    promoted = Counter(p.values.stakeholder_id for p in promotions)
    last: dict[int, dt.date] = {}
    for s in stories:
        last[s.values.stakeholder_id] = max(
            s.values.told_on, last.get(s.values.stakeholder_id, s.values.told_on)
        )
    # Champions by their buying role, and anyone with a story or promotion recorded.
    champions = [
        ChampionRow(
            p.id,
            p.name,
            p.title,
            "" if p.active else p.status.label,
            told[p.id],
            promoted[p.id],
            last.get(p.id),
        )
        for p in list_stakeholders(session, account_id)
        if BuyingRole.CHAMPION in p.roles or p.id in told or p.id in promoted
    ]
    champions.sort(key=lambda c: (bool(c.departed), c.name.casefold(), c.id))
    settings = get_settings(session)
    return EvangelismData(
        account_id=account_id,
        account=name,
        champions=tuple(champions),
        stories=tuple(stories),
        promotions=tuple(promotions),
        goal=stories_goal(session),
        quarters=tuple(goal_quarters(session, account_id, today, settings.fiscal_year_start_month)),
    )


# --- writes -----------------------------------------------------------------------------


def _check_person(session: Session, account_id: int, stakeholder_id: int) -> None:
    person = session.get(Stakeholder, stakeholder_id)
    if person is None or person.account_id != account_id:
        raise ValidationError("Choose a champion of this account.", "stakeholder_id")


def new_story(session: Session, account_id: int, values: StoryValues) -> Story:
    _check_person(session, account_id, values.stakeholder_id)
    story = Story(account_id=account_id)
    for name in StoryValues.__dataclass_fields__:
        setattr(story, name, getattr(values, name))
    return story


def update_story(session: Session, story_id: int, values: StoryValues) -> StoryValues:
    story = session.get(Story, story_id)
    if story is None:
        raise ValidationError(STORY_GONE)
    _check_person(session, story.account_id, values.stakeholder_id)
    before = StoryValues(**{n: getattr(story, n) for n in StoryValues.__dataclass_fields__})
    for name in StoryValues.__dataclass_fields__:
        setattr(story, name, getattr(values, name))
    session.flush()
    return before


def new_promotion(session: Session, account_id: int, values: PromotionValues) -> Promotion:
    _check_person(session, account_id, values.stakeholder_id)
    promotion = Promotion(account_id=account_id)
    for name in PromotionValues.__dataclass_fields__:
        setattr(promotion, name, getattr(values, name))
    return promotion


def update_promotion(
    session: Session, promotion_id: int, values: PromotionValues
) -> PromotionValues:
    promotion = session.get(Promotion, promotion_id)
    if promotion is None:
        raise ValidationError(PROMOTION_GONE)
    _check_person(session, promotion.account_id, values.stakeholder_id)
    fields = PromotionValues.__dataclass_fields__
    before = PromotionValues(**{n: getattr(promotion, n) for n in fields})
    for name in fields:
        setattr(promotion, name, getattr(values, name))
    session.flush()
    return before
