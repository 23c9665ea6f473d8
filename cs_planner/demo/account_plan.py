"""The plan a manager signs off, for each demo account: the customer's objectives, the
renewals so far as records, the champions' stories and promotions, our people on the
account, and links from the action items to what they serve.

Drawn from a generator of its own per account, so adding the plan left every other figure
of the demo as it was."""

from __future__ import annotations

import datetime as dt
import random

from cs_planner.demo.base import AccountDraft, Row, World, anniversary_after, quarter_end
from cs_planner.domain.enums import (
    ActionStatus,
    BuyingRole,
    ObjectiveStatus,
    PlanArea,
    Priority,
    RenewalOutcome,
    RiskCategory,
    RiskStatus,
    StoryKind,
    TeamRole,
    UseCaseStatus,
)
from cs_planner.domain.model import (
    AccountTeamMember,
    ActionItem,
    Objective,
    Promotion,
    Renewal,
    Risk,
    Story,
)

OPEN_ACTIONS = {ActionStatus.OPEN, ActionStatus.IN_PROGRESS}
NOT_LIVE = {UseCaseStatus.PLANNED, UseCaseStatus.IMPLEMENTING}
STORY_TITLES = {
    StoryKind.BLOG_POST: "How {company} cut manual work with us",
    StoryKind.CASE_STUDY: "{company}: a year of measured results",
    StoryKind.WEBINAR: "Live: {person} on scaling to new teams",
    StoryKind.VIDEO: "{person} on the first ninety days",
    StoryKind.CONFERENCE_TALK: "User conference: {company}'s roadmap",
    StoryKind.REFERENCE_CALL: "Reference call for a prospect in {industry}",
}


def add_plan(world: World, draft: AccountDraft, showcase: bool = False) -> None:
    """After the action items and risks: it links them to what they serve."""
    rng = random.Random(f"plan-{draft.id}")
    _add_objectives(world, draft, rng)
    _add_renewals(world, draft)
    _add_stories(world, draft, rng)
    _add_team(world, draft, rng)
    if showcase:
        _add_showcase_actions(world, draft)
    _link(world, draft, rng)


def _link(world: World, draft: AccountDraft, rng: random.Random) -> None:
    """Priorities and dates on the actions, some served objectives and risks, a few owned
    at the customer; review dates on the risks still being watched."""
    today = world.today
    watched = [r for r in draft.risks if r["status"] == RiskStatus.OPEN]
    for risk in draft.risks:
        risk["raised_on"] = today - dt.timedelta(days=rng.randint(10, 150))
        if risk in watched:
            risk["review_date"] = today + dt.timedelta(days=rng.randint(7, 45))
    open_ones = [a for a in draft.actions if a["status"] in OPEN_ACTIONS]
    for action in draft.actions:
        due = action["due_date"] or today
        action["created_on"] = min(today, due) - dt.timedelta(days=rng.randint(7, 60))
        if action["status"] == ActionStatus.DONE:
            action["done_on"] = min(today, due)
        late = action in open_ones and due < today
        action["priority"] = (
            Priority.HIGH
            if late
            else rng.choices((Priority.MEDIUM, Priority.LOW, Priority.HIGH), (5, 3, 2))[0]
        )
        if action["stakeholder_id"] and action["owner_id"] and rng.random() < 0.2:
            action["customer_owner_id"], action["owner_id"] = action["stakeholder_id"], None
    for objective in draft.objectives:
        fitting = [a for a in open_ones if a["objective_id"] is None and _serves(objective, a)]
        if fitting:
            fitting[0]["objective_id"] = objective["id"]
    for risk in watched:
        words = RISK_WORDS.get(risk["category"], ())
        fitting = [
            a
            for a in open_ones
            if a["objective_id"] is None
            and a["risk_id"] is None
            and any(word in a["title"].lower() for word in words)
        ]
        if fitting:
            fitting[0]["risk_id"] = risk["id"]


# Words in an action's title that say it mitigates a risk of a category.
RISK_WORDS = {
    RiskCategory.RELATIONSHIP: ("introduce", "safe-switch", "book the"),
    RiskCategory.COMMERCIAL: ("true-up", "roi", "value summary"),
    RiskCategory.ADOPTION: ("usage", "training", "onboarding"),
    RiskCategory.COMPETITIVE: ("roadmap", "executive"),
    RiskCategory.TECHNICAL: ("security", "connector"),
}

# Words in an action's title that say which kind of objective it moves forward.
SERVES_WORDS = {
    "metric": ("ROI", "value", "QBR", "business review"),
    "adoption": ("usage", "licence", "training", "onboarding"),
    "use_case": ("success criteria", "pilot", "roadmap"),
}


def _serves(objective: Row, action: Row) -> bool:
    """An action serves an objective on the same use case, or one its title speaks to."""
    if objective["use_case_id"] is not None and action["use_case_id"] == objective["use_case_id"]:
        return True
    kind = (
        "metric"
        if objective["metric_id"] is not None
        else "use_case"
        if objective["use_case_id"] is not None
        else "adoption"
    )
    return any(word.lower() in action["title"].lower() for word in SERVES_WORDS[kind])


def _add_objectives(world: World, draft: AccountDraft, rng: random.Random) -> None:
    """A measured objective per tracked metric (up to two), the next use case to go live,
    and, for a customer past a renewal, an adoption target."""
    today, position = world.today, 0
    year_end = dt.date(today.year, 12, 31)

    def add(title: str, measure: str, **links: object) -> None:
        nonlocal position
        position += 1
        status = rng.choices(
            (ObjectiveStatus.ON_TRACK, ObjectiveStatus.AT_RISK, ObjectiveStatus.NOT_STARTED),
            (5, 2 if not draft.archetype.at_risk else 5, 2),
        )[0]
        row = world.writer.add(
            Objective,
            account_id=draft.id,
            title=title,
            measure=measure,
            status=status,
            position=position,
            created_on=today - dt.timedelta(days=rng.randint(20, 200)),
            **{"metric_id": None, "use_case_id": None, "target_date": year_end, "area": None}
            | links,
        )
        draft.objectives.append(row)

    for name, metric in draft.metrics[:2]:
        add(
            f"Improve {name.lower()}",
            f"{name}, against the target agreed in the value plan",
            metric_id=metric["id"],
        )
    upcoming = sorted(
        (uc for uc in draft.use_cases if uc["status"] in NOT_LIVE),
        key=lambda uc: uc["target_quarter"],
    )
    if upcoming:
        use_case = upcoming[0]
        add(
            f"Put {use_case['title']} live",
            "The use case live and adopted by its target users",
            use_case_id=use_case["id"],
            target_date=quarter_end(use_case["target_quarter"]),
        )
    if _renewal_dates(world, draft):
        add(
            "Lift licence utilisation to 85%",
            "Active users over licensed seats, from the monthly usage snapshot",
            area=PlanArea.ADOPTION,
        )


def _renewal_dates(world: World, draft: AccountDraft) -> list[dt.date]:
    since = draft.row["customer_since"]
    if since is None:
        return []
    dates, day = [], anniversary_after(since, since + dt.timedelta(days=1))
    while day <= world.today:
        dates.append(day)
        day = anniversary_after(since, day + dt.timedelta(days=1))
    return dates


def _add_renewals(world: World, draft: AccountDraft) -> None:
    """Each anniversary so far renewed the contract; ARR before and after are read off the
    quarterly ARR history, so the records and the history tell one story."""
    history = draft.arr_quarters
    for day in _renewal_dates(world, draft):
        before = [arr for quarter, arr in history if quarter <= day]
        after = [arr for quarter, arr in history if quarter > day]
        arr_before = before[-1] if before else float(draft.row["initial_deal_value"])
        arr_after = after[0] if after else float(draft.row["arr"])
        if arr_after > arr_before * 1.005:
            outcome = RenewalOutcome.EXPANDED
        elif arr_after < arr_before * 0.995:
            outcome = RenewalOutcome.CONTRACTED
        else:
            outcome, arr_after = RenewalOutcome.RENEWED, arr_before
        world.writer.add(
            Renewal,
            account_id=draft.id,
            renewed_on=day,
            term_months=12,
            arr_before=arr_before,
            arr_after=arr_after,
            outcome=outcome,
            notes="",
        )


def _add_stories(world: World, draft: AccountDraft, rng: random.Random) -> None:
    """Champions of established customers tell a story now and then; some get promoted."""
    champions = [p for p in draft.with_role(BuyingRole.CHAMPION) if p.active]
    tenure = (world.today - (draft.row["customer_since"] or world.today)).days
    for person in champions:
        if tenure < 300 or rng.random() < 0.4:
            continue
        for _ in range(rng.randint(1, 3 if draft.archetype.top else 2)):
            kind = rng.choice(list(StoryKind))
            world.writer.add(
                Story,
                account_id=draft.id,
                stakeholder_id=person.id,
                kind=kind,
                told_on=world.days_ago(5, min(tenure, 540)),
                title=STORY_TITLES[kind].format(
                    company=draft.row["name"],
                    person=person.row["name"],
                    industry=draft.industry.name.lower(),
                ),
                notes="",
            )
        if rng.random() < 0.3:
            world.writer.add(
                Promotion,
                account_id=draft.id,
                stakeholder_id=person.id,
                promoted_on=world.days_ago(30, min(tenure, 400)),
                new_title=f"Senior {person.row['title']}"[:200],
                notes="",
            )


def _add_team(world: World, draft: AccountDraft, rng: random.Random) -> None:
    """The account executive on every account; the CSM's and the sponsor's part written
    down on the larger ones."""
    writer, row = world.writer, draft.row
    if draft.pod.aes:
        writer.add(
            AccountTeamMember,
            account_id=draft.id,
            team_member_id=rng.choice(draft.pod.aes),
            role=TeamRole.AE,
            responsibility="Commercial terms, the renewal quote and expansion deals",
        )
    if draft.size != "SMB" and row["csm_id"] is not None:
        writer.add(
            AccountTeamMember,
            account_id=draft.id,
            team_member_id=row["csm_id"],
            role=TeamRole.CSM,
            responsibility="The plan, the business reviews and the value story",
        )


# The showcase's plan, as its CSM wrote it: (title, days from today, status, with whom).
SHOWCASE_ACTIONS = (
    ("Send the quarterly value summary", -12, ActionStatus.DONE, BuyingRole.ECONOMIC_BUYER),
    ("Book the executive business review", -3, ActionStatus.OPEN, BuyingRole.ECONOMIC_BUYER),
    ("Agree the success criteria for the next use case", 9, ActionStatus.IN_PROGRESS, None),
    ("Introduce our CSA to the new operations lead", 16, ActionStatus.OPEN, BuyingRole.CHAMPION),
    ("Invite the champion to speak at our summit", 30, ActionStatus.OPEN, BuyingRole.CHAMPION),
    ("Run a licence usage review with each division", 45, ActionStatus.OPEN, None),
)
SHOWCASE_RISKS = (
    (
        "Only one relationship above director level: the plan hangs on one sponsor.",
        "Meet two more directors this quarter, through the executive sponsor.",
        RiskCategory.RELATIONSHIP,
        3,
        4,
    ),
    (
        "Budget review next quarter may cap the seats at today's number.",
        "Tie the next tier to the savings already measured; share them with finance.",
        RiskCategory.COMMERCIAL,
        2,
        4,
    ),
)


def _add_showcase_actions(world: World, draft: AccountDraft) -> None:
    """The told account has no drawn actions or risks: it gets the ones its story needs."""
    csm, today = draft.row["csm_id"], world.today
    for title, days, status, role in SHOWCASE_ACTIONS:
        people = draft.with_role(role) if role else []
        draft.actions.append(
            world.writer.add(
                ActionItem,
                account_id=draft.id,
                title=title,
                owner_id=csm,
                due_date=today + dt.timedelta(days=days),
                status=status,
                stakeholder_id=people[0].id if people else None,
                use_case_id=None,
                opportunity_id=None,
                notes="",
                customer_owner_id=None,
                priority=Priority.MEDIUM,
                objective_id=None,
                risk_id=None,
                created_on=None,
                done_on=None,
            )
        )
    for text, mitigation, category, likelihood, impact in SHOWCASE_RISKS:
        draft.risks.append(
            world.writer.add(
                Risk,
                account_id=draft.id,
                description=text,
                category=category,
                impact=impact,
                likelihood=likelihood,
                mitigation=mitigation,
                owner_id=csm,
                status=RiskStatus.OPEN,
                review_date=None,
                raised_on=None,
                proposal_key=None,
            )
        )
