"""What happened on an account lately: activities with the people involved, the action items
they produced and the risks being watched."""

from __future__ import annotations

import datetime as dt

from cs_planner.demo import texts
from cs_planner.demo.base import AccountDraft, Person, World
from cs_planner.domain.enums import (
    ActionStatus,
    ActivityKind,
    BuyingRole,
    OpportunityStatus,
    Priority,
    RiskCategory,
    RiskLevel,
    RiskStatus,
    StakeholderStatus,
)
from cs_planner.domain.model import ActionItem, Activity, ActivityStakeholder, Risk
from cs_planner.domain.plan.risk_rules import champion_left_key

# The impact (1-5) of the level a risk is drawn at.
IMPACT = {RiskLevel.LOW: 2, RiskLevel.MEDIUM: 3, RiskLevel.HIGH: 4, RiskLevel.CRITICAL: 5}

# Who typically attends each kind of activity, by level rank (0 executive ... 3 end user).
AUDIENCE = {
    ActivityKind.QBR: ((0, 1), (2, 4)),
    ActivityKind.WORKSHOP: ((1, 2, 3), (3, 6)),
    ActivityKind.CALL: ((1, 2), (1, 2)),
    ActivityKind.EMAIL: ((0, 1, 2), (1, 1)),
    ActivityKind.TRAINING: ((2, 3), (2, 5)),
}


def add_activities(world: World, draft: AccountDraft) -> None:
    rng, today = world.rng, world.today
    kinds: list[tuple[ActivityKind, dt.date]] = []
    if draft.archetype.top:
        for back in (2, 1):  # the last two quarterly business reviews, and the next one
            kinds.append(
                (ActivityKind.QBR, world.quarter(-back) + dt.timedelta(rng.randint(20, 60)))
            )
        kinds.append((ActivityKind.QBR, today + dt.timedelta(rng.randint(10, 40))))
        counts = {"workshop": (1, 2), "call": (2, 4), "email": (1, 3), "training": (1, 2)}
    elif draft.size != "SMB":
        counts = {"workshop": (0, 1), "call": (1, 3), "email": (1, 2), "training": (0, 1)}
    else:
        counts = {"workshop": (0, 0), "call": (0, 1), "email": (1, 2), "training": (0, 1)}
    for kind, (low, high) in counts.items():
        for _ in range(rng.randint(low, high)):
            kinds.append((ActivityKind(kind), world.days_ago(1, 180)))
    kinds.sort(key=lambda pair: pair[1])
    for kind, day in kinds:
        owner = _activity_owner(world, draft, kind)
        activity = world.writer.add(
            Activity,
            account_id=draft.id,
            date=day,
            kind=kind,
            owner_id=owner,
            # A QBR still to come has an agenda, not minutes.
            note=rng.choice(
                (texts.PLANNED_NOTES if day > today else texts.ACTIVITY_NOTES)[kind.value]
            ),
        )
        for person in _attendees(world, draft, kind, day):
            world.writer.add(
                ActivityStakeholder, activity_id=activity["id"], stakeholder_id=person.id
            )


def _activity_owner(world: World, draft: AccountDraft, kind: ActivityKind) -> int:
    """The CSM runs reviews and writes the e-mails; CSAs train; AEs join some calls."""
    rng = world.rng
    csm: int = draft.row["csm_id"]
    if kind == ActivityKind.WORKSHOP:
        return rng.choice((csm, *draft.pod.csas))
    if kind == ActivityKind.CALL:
        return rng.choice((csm, csm, *draft.pod.aes))
    if kind == ActivityKind.TRAINING:
        return rng.choice(draft.pod.csas)
    return csm


def _attendees(world: World, draft: AccountDraft, kind: ActivityKind, day: dt.date) -> list[Person]:
    """People whose last contact is on or after the activity, so the relationship map and
    the activity log agree; if nobody fits, the activity becomes their last contact."""
    rng = world.rng
    ranks, (low, high) = AUDIENCE[kind]
    active = [p for p in draft.people if p.active and p.level_rank in ranks]
    if day > world.today:  # planned: anyone active may be invited
        fitting = active
    else:
        fitting = [p for p in active if p.row["last_contact"] and p.row["last_contact"] >= day]
    if not fitting and draft.archetype.single_threaded and day <= world.today:
        # The one live contact attends, whatever their level: reviving another would break
        # the single thread the account is there to show.
        contacted = [p for p in draft.people if p.active and p.row["last_contact"]]
        fitting = [p for p in contacted if p.row["last_contact"] >= day][:1]
    if not fitting and active:
        chosen = rng.choice(active)
        if day <= world.today:
            chosen.row["last_contact"] = day
        fitting = [chosen]
    return rng.sample(fitting, min(len(fitting), rng.randint(low, high)))


def add_actions_and_risks(world: World, draft: AccountDraft) -> None:
    _add_action_items(world, draft)
    _add_risks(world, draft)


def _add_action_items(world: World, draft: AccountDraft) -> None:
    """A few action items due around today, on people, use cases and open opportunities."""
    rng, today, row = world.rng, world.today, draft.row
    active = [p for p in draft.people if p.active and p.level_rank < 3] or draft.people
    owners = (row["csm_id"], row["csm_id"], *draft.pod.csas[:2], *draft.pod.aes[:1])
    open_opportunities = [o for o in draft.opportunities if o["status"] == OpportunityStatus.OPEN]
    # Each pattern at most once an account: two actions titled alike read as a typo.
    patterns = list(texts.ACTION_ITEMS)
    for _ in range(rng.randint(*draft.by_size((1, 2), (1, 3), (2, 5)))):
        person = rng.choice(active)
        division = rng.choice(draft.divisions)
        due = today + dt.timedelta(days=rng.randint(-30, 45))
        if due < today:
            status = rng.choices(
                (ActionStatus.DONE, ActionStatus.OPEN, ActionStatus.CANCELLED), (6, 3, 1)
            )[0]
        else:
            status = rng.choice((ActionStatus.OPEN, ActionStatus.IN_PROGRESS))
        use_case = rng.choice(draft.use_cases) if rng.random() < 0.3 else None
        opportunity = (
            rng.choice(open_opportunities) if open_opportunities and rng.random() < 0.3 else None
        )
        pattern = patterns.pop(rng.randrange(len(patterns)))
        title = pattern.format(person=person.row["name"], division=division["name"])
        action = world.writer.add(
            ActionItem,
            account_id=draft.id,
            title=title,
            owner_id=rng.choice(owners),
            due_date=due,
            status=status,
            stakeholder_id=person.id if "{person}" in pattern or rng.random() < 0.3 else None,
            use_case_id=use_case["id"] if use_case else None,
            opportunity_id=opportunity["id"] if opportunity else None,
            notes="",
            # The plan's links and dates: set by demo.account_plan from its own draws.
            customer_owner_id=None,
            priority=Priority.MEDIUM,
            objective_id=None,
            risk_id=None,
            created_on=None,
            done_on=None,
        )
        draft.actions.append(action)


def _add_risks(world: World, draft: AccountDraft) -> None:
    """A departed champion and an at-risk renewal are always risks; a few drawn ones join."""
    rng = world.rng
    departed = [
        p
        for p in draft.with_role(BuyingRole.CHAMPION)
        if p.row["status"] == StakeholderStatus.LEFT_COMPANY
    ]
    # (text, mitigation, category, level, the key of the proposal the risk answers)
    risks: list[tuple[str, str, RiskCategory, RiskLevel, str | None]] = []
    if departed:
        text, mitigation, category = texts.RISKS[0]
        text = text.format(person=departed[0].row["name"])
        # The CSM wrote down what the app would propose: the proposal is not shown again.
        risks.append(
            (text, mitigation, category, RiskLevel.HIGH, champion_left_key(departed[0].id))
        )
    if draft.archetype.at_risk:
        text, mitigation, category = texts.RISKS[1]
        risks.append((text, mitigation, category, RiskLevel.CRITICAL, None))
    extra = rng.randint(0, 2) if not draft.archetype.at_risk else 1
    for text, mitigation, category in rng.sample(texts.RISKS[2:], extra):
        level = rng.choice((RiskLevel.LOW, RiskLevel.MEDIUM, RiskLevel.MEDIUM, RiskLevel.HIGH))
        text = text.format(division=rng.choice(draft.divisions)["name"])
        risks.append((text, mitigation, category, level, None))
    for text, mitigation, category, level, proposal_key in risks:
        risk = world.writer.add(
            Risk,
            account_id=draft.id,
            description=text,
            category=category,
            impact=IMPACT[level],
            likelihood=rng.randint(2, 5)
            if level in (RiskLevel.HIGH, RiskLevel.CRITICAL)
            else rng.randint(1, 3),
            mitigation=mitigation,
            owner_id=draft.row["csm_id"],
            status=rng.choices(
                (RiskStatus.OPEN, RiskStatus.MITIGATED, RiskStatus.CLOSED), (6, 3, 1)
            )[0]
            if level != RiskLevel.CRITICAL
            else RiskStatus.OPEN,
            review_date=None,
            raised_on=None,
            proposal_key=proposal_key,
        )
        draft.risks.append(risk)
