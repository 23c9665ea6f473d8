"""An account's use-case roadmap: use cases on the four steps of the stairway, lower steps
further along, and the division engagement that follows from them."""

from __future__ import annotations

import datetime as dt

from cs_planner.demo import templates, use_cases
from cs_planner.demo.base import AccountDraft, Person, Row, World, money
from cs_planner.demo.templates import Climb
from cs_planner.demo.use_cases import UseCaseSpec
from cs_planner.domain.enums import (
    BuyingRole,
    Engagement,
    LifecycleStage,
    StairStep,
    Stance,
    UseCaseStatus,
)
from cs_planner.domain.model import UseCase, UseCaseProduct
from cs_planner.domain.quarters import quarter_start
from cs_planner.domain.stairway.rules import title_key

STEPS = tuple(StairStep)
STATUSES = tuple(UseCaseStatus)  # identified ... adopted, in order of progress
LIVE_OR_BETTER = frozenset({UseCaseStatus.LIVE, UseCaseStatus.ADOPTED})
UNDER_WAY = frozenset({UseCaseStatus.QUALIFIED, UseCaseStatus.PLANNED, UseCaseStatus.IMPLEMENTING})
# Lower steps are further along: remediation is mostly live, disruption mostly an idea.
STEP_BASE = {
    StairStep.REMEDIATION: 3.4,
    StairStep.ENHANCEMENT: 2.0,
    StairStep.INNOVATION: 0.8,
    StairStep.DISRUPTION: -0.3,
}
STAGE_PROGRESS = {
    LifecycleStage.LAND: 0.0,
    LifecycleStage.ADOPT: 0.8,
    LifecycleStage.EXPAND: 1.6,
    LifecycleStage.RENEW: 1.3,
}
# Target quarter, as an offset from the current quarter, by status.
QUARTER_OFFSETS = {
    UseCaseStatus.ADOPTED: (-6, -2),
    UseCaseStatus.LIVE: (-2, 0),
    UseCaseStatus.IMPLEMENTING: (0, 1),
    UseCaseStatus.PLANNED: (1, 3),
    UseCaseStatus.QUALIFIED: (2, 5),
    UseCaseStatus.IDENTIFIED: (3, 7),
}
REACH = {
    UseCaseStatus.ADOPTED: (0.8, 1.05),
    UseCaseStatus.LIVE: (0.4, 0.8),
    UseCaseStatus.IMPLEMENTING: (0.0, 0.2),
}


def first_quarter(draft: AccountDraft) -> dt.date:
    return quarter_start(draft.row["customer_since"])


def _draw_geography(world: World, draft: AccountDraft, division: Row) -> Row:
    """Mostly headquarters; a division located in one country runs its use cases there."""
    rng = world.rng
    geography = draft.geographies[0] if rng.random() < 0.6 else rng.choice(draft.geographies)
    home = division["geography_id"]
    return next((g for g in draft.geographies if g["id"] == home), geography)


def add_use_case(
    world: World,
    draft: AccountDraft,
    spec: UseCaseSpec,
    step: StairStep,
    position: int,
    status: UseCaseStatus,
    *,
    division: Row | None = None,
    geography: Row | None = None,
    target_quarter: dt.date | None = None,
    users_targeted: int | None = None,
    annual_value: float | None = None,
    acv_uplift: float | None = None,
) -> Row:
    """One use case; anything not given is drawn to fit its status and the account."""
    rng = world.rng
    division = division or rng.choice(draft.divisions)
    if geography is None:
        geography = _draw_geography(world, draft, division)
    if target_quarter is None and not (status == UseCaseStatus.IDENTIFIED and rng.random() < 0.3):
        target_quarter = max(
            first_quarter(draft), world.quarter(rng.randint(*QUARTER_OFFSETS[status]))
        )
    if users_targeted is None:
        users_targeted = 5 * round(rng.randint(*draft.by_size((10, 80), (30, 300), (80, 1500))) / 5)
    low, high = REACH.get(status, (0.0, 0.0))
    step_factor = 1.0 + 0.4 * STEPS.index(step)
    if annual_value is None:
        value = rng.uniform(*draft.by_size((10e3, 80e3), (40e3, 250e3), (100e3, 900e3)))
        annual_value = money(value * step_factor, 1000)
    if acv_uplift is None:
        acv_uplift = money(draft.row["initial_deal_value"] * rng.uniform(0.1, 0.6), 500)
    row = world.writer.add(
        UseCase,
        account_id=draft.id,
        title=spec.title,
        problem=spec.problem,
        step=step,
        position=position,
        status=status,
        division_id=division["id"],
        geography_id=geography["id"],
        target_quarter=target_quarter,
        users_targeted=users_targeted,
        users_reached=round(users_targeted * rng.uniform(low, high)),
        usage_metric=spec.usage_metric,
        annual_value=annual_value,
        acv_uplift=acv_uplift,
        champion_id=_champion(world, draft, division, status),
        csa_id=_csa(world, draft, status),
        notes="",
    )
    draft.use_cases.append(row)
    draft.use_case_products[row["id"]] = spec.products
    for product in spec.products:
        world.writer.add(UseCaseProduct, use_case_id=row["id"], product_id=world.products[product])
    return row


def _champion(
    world: World, draft: AccountDraft, division: Row, status: UseCaseStatus
) -> int | None:
    if status == UseCaseStatus.IDENTIFIED and world.rng.random() < 0.5:
        return None
    champions = draft.with_role(BuyingRole.CHAMPION)
    # A use case's champion is for it: never a blocker, a skeptic or a detractor.
    local = [
        p
        for p in draft.people
        if p.division is division and p.level_rank in (1, 2) and _warm_enough(p)
    ]
    pool = [p for p in champions if p.division is division] or local or champions
    return world.rng.choice(pool).id if pool else None


def _warm_enough(person: Person) -> bool:
    cold = (Stance.SKEPTIC, Stance.DETRACTOR, Stance.FAVOURS_COMPETITOR)
    return BuyingRole.BLOCKER not in person.roles and person.row["stance"] not in cold


def _csa(world: World, draft: AccountDraft, status: UseCaseStatus) -> int | None:
    share = {
        UseCaseStatus.IMPLEMENTING: 1.0,
        UseCaseStatus.LIVE: 0.8,
        UseCaseStatus.PLANNED: 0.5,
        UseCaseStatus.ADOPTED: 0.3,
    }.get(status, 0.0)
    return world.rng.choice(draft.pod.csas) if world.rng.random() < share else None


def add_roadmap(world: World, draft: AccountDraft, climb: Climb | None = None) -> None:
    """4 to 12 use cases with every step present, ordered by progress within each step.

    An account climbing a template works on the template's use cases first (at most one
    of its own besides); applying the template then adds the rest as ideas."""
    rng = world.rng
    signature = use_cases.INDUSTRY_USE_CASES[draft.industry.name]
    options = {step: [signature[step], *use_cases.GENERIC_USE_CASES[step]] for step in STEPS}
    room = [len(options[step]) for step in STEPS]
    if climb is not None:
        room = [len(climb.by_step[step]) for step in STEPS]
        if len(climb.cases) < templates.MAX_USE_CASES and rng.random() < 0.5:
            room[rng.choices(range(4), weights=(4, 3, 2, 1))[0]] += 1  # one of its own
    total = min(sum(room), rng.randint(*draft.by_size((4, 6), (6, 9), (8, 12))))
    counts = [1, 1, 1, 1]
    while sum(counts) < total:
        step_index = rng.choices(range(4), weights=(4, 3, 2, 1))[0]
        if counts[step_index] < room[step_index]:
            counts[step_index] += 1
    progress = STAGE_PROGRESS[draft.archetype.stage] + (0.6 if draft.archetype.top else 0)
    for step, count in zip(STEPS, counts, strict=True):
        if climb is None:
            generic = options[step][1:]
            rng.shuffle(generic)
            specs = [signature[step], *generic][:count]
        else:
            taken = climb.titles()
            own = [s for s in options[step] if title_key(s.title) not in taken]
            specs = [*climb.by_step[step], *([rng.choice(own)] if own else [])][:count]
        scores = [
            STEP_BASE[step] + progress - 0.7 * position + rng.uniform(-0.8, 0.8)
            for position in range(count)
        ]
        statuses = sorted(
            (STATUSES[min(5, max(0, round(score)))] for score in scores),
            key=STATUSES.index,
            reverse=True,
        )
        if step == StairStep.REMEDIATION:  # what the customer bought is at least live
            landed = draft.archetype.stage == LifecycleStage.LAND
            floor = UseCaseStatus.LIVE if landed else UseCaseStatus.ADOPTED
            statuses[0] = max(statuses[0], floor, key=STATUSES.index)
        for position, (spec, status) in enumerate(zip(specs, statuses, strict=True)):
            add_use_case(world, draft, spec, step, position, status)
    if draft.archetype.at_risk:
        let_slip(world, draft)
    if climb is not None:
        templates.apply_climb(world, draft, climb)
    settle_engagement(draft)
    settle_division_homes(draft)


# Why work under way at an account at risk missed its quarter.
SLIPPED = (
    "Slipped: the project lead left and the customer has not named a replacement.",
    "Slipped: IT froze changes during the ERP upgrade; no new date agreed yet.",
    "Slipped: the business owner deprioritised it after the budget review.",
)


def let_slip(world: World, draft: AccountDraft) -> None:
    """An account at risk has one or two use cases whose target quarter has passed while
    they are still being implemented or planned: the stairway flags them overdue."""
    rng = world.rng
    under_way = [
        uc
        for status in (UseCaseStatus.IMPLEMENTING, UseCaseStatus.PLANNED)
        for uc in draft.use_cases
        if uc["status"] == status
    ]
    for offset, uc in zip((-1, -2), under_way[: rng.randint(1, 2)], strict=False):
        uc["target_quarter"] = max(first_quarter(draft), world.quarter(offset))
        uc["notes"] = rng.choice(SLIPPED)


def settle_division_homes(draft: AccountDraft) -> None:
    """A division is located where its live use cases run: one located in Mexico is not
    live in the United States. A division live in several countries has no single home."""
    for division in draft.divisions:
        live = {
            uc["geography_id"]
            for uc in draft.use_cases
            if uc["division_id"] == division["id"] and uc["status"] in LIVE_OR_BETTER
        } - {None}
        home = division["geography_id"]
        if home is not None and live - {home}:
            division["geography_id"] = next(iter(live)) if len(live) == 1 else None


def settle_engagement(draft: AccountDraft) -> None:
    """A division is adopted once a use case is live in it, evaluating while one is under way."""
    for division in draft.divisions:
        statuses = {uc["status"] for uc in draft.use_cases if uc["division_id"] == division["id"]}
        if statuses & LIVE_OR_BETTER:
            division["engagement"] = Engagement.ADOPTED
        elif statuses & UNDER_WAY:
            division["engagement"] = Engagement.EVALUATING
        else:
            division["engagement"] = Engagement.NONE
