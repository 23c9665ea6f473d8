"""Renewals as records, and customers for life: the renewal cycles and years as a customer
counted from the records (not from one date), and after a renewal the next cycle's plan
started from the four areas of DOMAIN.md section 8 as suggested objectives."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cs_planner.domain.accounts.queries import get_settings
from cs_planner.domain.enums import PlanArea, RenewalOutcome
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import Account, Objective, Renewal, Story
from cs_planner.domain.plan.evangelism import stories_goal
from cs_planner.domain.quarters import years_between
from cs_planner.domain.relationships import coverage
from cs_planner.domain.relationships.queries import list_stakeholders
from cs_planner.domain.value.maturity import load_maturity

GONE = "That renewal no longer exists (it may have been deleted)."
UTILISATION_GOAL = 0.80  # the adoption target a new cycle starts from, at least
UTILISATION_STEP = 0.10  # or this much above today's, when today's is past the goal
UTILISATION_KEEP = 0.95  # from here on, keep it there


@dataclass(frozen=True)
class RenewalValues:
    renewed_on: dt.date
    term_months: int = 12
    arr_before: float = 0.0
    arr_after: float = 0.0
    outcome: RenewalOutcome = RenewalOutcome.RENEWED
    notes: str = ""


@dataclass(frozen=True)
class RenewalRow:
    id: int
    values: RenewalValues

    @property
    def change(self) -> float:
        return self.values.arr_after - self.values.arr_before

    @property
    def change_share(self) -> float | None:
        before = self.values.arr_before
        return self.change / before if before else None


@dataclass(frozen=True)
class CustomerLife:
    since: dt.date | None  # the first record's start or customer_since, the earlier
    years: float
    cycles: int  # records not churned

    @property
    def sentence(self) -> str:
        whole = int(self.years)
        years = "less than a year" if whole < 1 else f"{whole} year{'s' * (whole != 1)}"
        cycles = f"{self.cycles} renewal{'s' * (self.cycles != 1)}"
        return f"Customer for {years}, {cycles}"


@dataclass(frozen=True)
class Suggestion:
    area: PlanArea
    title: str  # the objective, with the account's figures


@dataclass(frozen=True)
class RenewalData:
    account_id: int
    account: str
    records: tuple[RenewalRow, ...]  # newest first
    life: CustomerLife
    latest: RenewalRow | None
    suggestions: tuple[Suggestion, ...]
    currency: str


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` earlier (the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def customer_life(
    records: Sequence[RenewalValues], customer_since: dt.date | None, today: dt.date
) -> CustomerLife:
    """Years from the first record's start (its date less its term) or ``customer_since``,
    whichever is earlier, to today; cycles: the records not churned."""
    starts = [months_before(r.renewed_on, r.term_months) for r in records]
    if customer_since is not None:
        starts.append(customer_since)
    since = min(starts, default=None)
    years = max(0.0, years_between(since, today)) if since else 0.0
    cycles = sum(1 for r in records if r.outcome != RenewalOutcome.CHURNED)
    return CustomerLife(since, years, cycles)


def latest_renewal(rows: Sequence[RenewalRow]) -> RenewalRow | None:
    return max(rows, key=lambda r: r.values.renewed_on, default=None)


# --- the next cycle's suggested objectives (pure) ---------------------------------------


@dataclass(frozen=True)
class CycleFacts:
    """What the four areas' sentences are made of."""

    levels_covered: int
    levels_missing: tuple[str, ...]
    relationships_goal: int  # new relationships a month
    seats: int
    active_users: int
    maturity_now: str | None  # "2 · Repeatable"
    maturity_next: str | None
    champions: int  # active
    stories_since: int  # told since the renewal
    stories_goal: int  # a quarter
    term_months: int
    areas_started: frozenset[PlanArea]  # an objective of that area since the renewal


def relationships_objective(f: CycleFacts) -> str:
    if f.levels_missing:
        missing = coverage.levels_text(
            c for c in coverage.COVERAGE_LEVELS if c.label in f.levels_missing
        )
        return (
            f"Build live relationships at all {coverage.LEVELS_GOAL} levels: now "
            f"{f.levels_covered} of {coverage.LEVELS_GOAL} (missing: {missing})"
        )
    return (
        f"Add {f.relationships_goal} new relationships a month at new levels and teams "
        f"(all {coverage.LEVELS_GOAL} levels covered now)"
    )


def utilisation_target(used: float) -> float:
    """At least the goal; past it, a step above today's; never over 100%."""
    target = UTILISATION_GOAL if used < UTILISATION_GOAL else used + UTILISATION_STEP
    return min(1.0, round(target * 20) / 20)  # a round 5%


def adoption_objective(f: CycleFacts) -> str:
    if f.seats <= 0:
        return "Agree licence utilisation targets: no licensed seats recorded yet"
    used = f.active_users / f.seats
    target = utilisation_target(used)
    if used >= min(target, UTILISATION_KEEP):
        return f"Keep licence utilisation at {used:.0%} ({f.active_users:,} of {f.seats:,} seats)"
    return (
        f"Lift licence utilisation from {used:.0%} to {target:.0%} "
        f"({f.active_users:,} of {f.seats:,} seats in use)"
    )


def maturity_objective(f: CycleFacts) -> str:
    if f.maturity_now is None:
        return "Assess the customer's maturity level and agree the next one"
    if f.maturity_next is None:
        return f"Stay at maturity level {f.maturity_now}: push one strategic feature to power users"
    return (
        f"Move up the maturity model from level {f.maturity_now} to {f.maturity_next}, "
        "with one strategic feature adopted by power users"
    )


def evangelism_objective(f: CycleFacts) -> str:
    quarters = max(1, f.term_months // 3)
    goal = f.stories_goal * quarters
    who = f"{f.champions} active champion{'s' * (f.champions != 1)}"
    return (
        f"Have champions tell {goal} success stor{'ies' if goal != 1 else 'y'} this cycle "
        f"({f.stories_goal} a quarter): {f.stories_since} so far, {who}"
    )


AREAS = {
    PlanArea.RELATIONSHIPS: relationships_objective,
    PlanArea.ADOPTION: adoption_objective,
    PlanArea.MATURITY: maturity_objective,
    PlanArea.EVANGELISM: evangelism_objective,
}


def suggestions(f: CycleFacts) -> list[Suggestion]:
    """One objective per area not yet started since the renewal."""
    return [
        Suggestion(area, sentence(f)) for area, sentence in AREAS.items()
        if area not in f.areas_started
    ]  # fmt: skip


# --- queries ----------------------------------------------------------------------------


def list_renewals(session: Session, account_id: int) -> list[RenewalRow]:
    """The account's renewals, newest first (one query)."""
    r = Renewal
    rows = session.execute(
        select(r.id, r.renewed_on, r.term_months, r.arr_before, r.arr_after, r.outcome, r.notes)
        .where(r.account_id == account_id)
        .order_by(r.renewed_on.desc(), r.id)
    ).all()
    return [
        RenewalRow(row[0], RenewalValues(row[1], row[2], row[3], row[4], row[5], row[6] or ""))
        for row in rows
    ]


def cycle_facts(
    session: Session, account_id: int, latest: RenewalRow, today: dt.date
) -> CycleFacts:
    account = session.get(Account, account_id)
    if account is None:
        raise ValidationError("That account no longer exists (it may have been deleted).")
    settings = get_settings(session)
    since = latest.values.renewed_on
    people = list_stakeholders(session, account_id)
    cover = coverage.level_coverage(people, today, settings.stale_contact_days)
    maturity = load_maturity(session, account_id)
    levels = {row.level for row in maturity.levels}
    now = maturity.current
    started = session.scalars(
        select(Objective.area).where(
            Objective.account_id == account_id,
            Objective.area.is_not(None),
            Objective.created_on >= since,
        )
    )
    stories = session.scalars(
        select(Story.id).where(Story.account_id == account_id, Story.told_on >= since)
    ).all()
    return CycleFacts(
        levels_covered=cover.count,
        levels_missing=tuple(c.label for c in cover.missing),
        relationships_goal=settings.relationships_per_month_goal,
        seats=account.licensed_seats,
        active_users=account.active_users,
        maturity_now=maturity.name_of(now) if now is not None else None,
        maturity_next=maturity.name_of(now + 1) if now is not None and now + 1 in levels else None,
        champions=len(coverage.champion_check(people).champions),
        stories_since=len(stories),
        stories_goal=stories_goal(session),
        term_months=latest.values.term_months,
        areas_started=frozenset(a for a in started if a is not None),
    )


def load_renewals(session: Session, account_id: int, today: dt.date) -> RenewalData:
    account = session.get(Account, account_id)
    if account is None:
        raise ValidationError("That account no longer exists (it may have been deleted).")
    rows = list_renewals(session, account_id)
    latest = latest_renewal(rows)
    found: list[Suggestion] = []
    if latest is not None and latest.values.outcome != RenewalOutcome.CHURNED:
        found = suggestions(cycle_facts(session, account_id, latest, today))
    return RenewalData(
        account_id=account_id,
        account=account.name,
        records=tuple(rows),
        life=customer_life([r.values for r in rows], account.customer_since, today),
        latest=latest,
        suggestions=tuple(found),
        currency=get_settings(session).currency,
    )


# --- writes -----------------------------------------------------------------------------


def _assign(renewal: Renewal, values: RenewalValues) -> None:
    for name in RenewalValues.__dataclass_fields__:
        setattr(renewal, name, getattr(values, name))


def _check_date(session: Session, account_id: int, on: dt.date, own_id: int | None) -> None:
    clash = session.scalar(
        select(Renewal.id).where(Renewal.account_id == account_id, Renewal.renewed_on == on)
    )
    if clash is not None and clash != own_id:
        raise ValidationError("The account has a renewal on that date already.", "renewed_on")


def new_renewal(session: Session, account_id: int, values: RenewalValues) -> Renewal:
    if session.get(Account, account_id) is None:
        raise ValidationError("That account no longer exists (it may have been deleted).")
    _check_date(session, account_id, values.renewed_on, None)
    renewal = Renewal(account_id=account_id)
    _assign(renewal, values)
    return renewal


def update_renewal(session: Session, renewal_id: int, values: RenewalValues) -> RenewalValues:
    renewal = session.get(Renewal, renewal_id)
    if renewal is None:
        raise ValidationError(GONE)
    _check_date(session, renewal.account_id, values.renewed_on, renewal_id)
    before = RenewalValues(
        **{name: getattr(renewal, name) for name in RenewalValues.__dataclass_fields__}
    )
    _assign(renewal, values)
    session.flush()
    return before


def new_objective(
    session: Session, account_id: int, suggestion: Suggestion, today: dt.date
) -> Objective:
    """The suggestion as the customer's objective, last in the list."""
    if session.get(Account, account_id) is None:
        raise ValidationError("That account no longer exists (it may have been deleted).")
    last = session.scalars(
        select(Objective.position).where(Objective.account_id == account_id)
    ).all()
    return Objective(
        account_id=account_id,
        title=suggestion.title,
        area=suggestion.area,
        created_on=today,
        position=max(last, default=0) + 1,
    )
