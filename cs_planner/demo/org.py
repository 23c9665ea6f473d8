"""An account's footprint and its people: geographies, the division tree, a believable org
chart with buying roles and stances, and the informal influence lines beside it."""

from __future__ import annotations

import datetime as dt
import math
import random
from itertools import accumulate

from cs_planner.demo import org_charts, texts
from cs_planner.demo.base import AccountDraft, Person, Row, World
from cs_planner.demo.names import FIRST_NAMES, LAST_NAMES, REGION_OF, REGIONS
from cs_planner.domain.enums import BuyingRole, Engagement, Level, StakeholderStatus, Stance
from cs_planner.domain.model import Division, Geography, InfluenceLink, Stakeholder, StakeholderRole

LEVELS = (Level.EXECUTIVE, Level.DIRECTOR_VP, Level.MANAGER, Level.END_USER)
INFLUENCE = ((4, 5), (3, 5), (2, 4), (1, 2))
# Stances of people without a defining buying role, from warm to cold.
STANCES = (Stance.SUPPORTER, Stance.NEUTRAL, Stance.SKEPTIC, Stance.DETRACTOR)
STANCE_WEIGHTS = tuple(accumulate((30, 45, 15, 4)))  # cumulative, for random.choices
AT_RISK_WEIGHTS = tuple(accumulate((15, 40, 25, 12)))


def add_geographies(world: World, draft: AccountDraft, countries: list[str] | None = None) -> None:
    """The HQ country first, then mostly neighbours in the same region."""
    rng = world.rng
    if countries is None:
        hq = draft.row["hq_geography"]
        wanted = rng.randint(*draft.by_size((1, 2), (1, 3), (3, 5)))
        countries = [hq]
        while len(countries) < wanted:
            region = REGION_OF[hq] if rng.random() < 0.6 else rng.choice(list(REGIONS))
            country = rng.choice(REGIONS[region])
            if country not in countries:
                countries.append(country)
    for country in countries:
        draft.geographies.append(
            world.writer.add(
                Geography, account_id=draft.id, region=REGION_OF[country], country=country
            )
        )


def add_divisions(
    world: World, draft: AccountDraft, tree: list[tuple[str, str | None]] | None = None
) -> None:
    """A division tree of 2 to 8 units: top-level functions, some with sub-divisions.

    ``tree`` gives (name, parent name) pairs, parents first; when omitted it is drawn from
    the industry's and the shared functions."""
    rng = world.rng
    if tree is None:
        wanted = rng.randint(*draft.by_size((2, 3), (3, 5), (5, 8)))
        industry = list(org_charts.INDUSTRY_DIVISIONS[draft.industry.name])
        shared = list(org_charts.SHARED_DIVISIONS)
        rng.shuffle(industry)
        rng.shuffle(shared)
        # Mostly the industry's own functions, plus IT or Finance where products land too.
        tops = (industry[:2] + shared[:1] + industry[2:] + shared[1:])[
            : max(2, math.ceil(wanted * 0.55))
        ]
        tree = [(name, None) for name, _subs in tops]
        subs = [(sub, name) for name, children in tops for sub in children]
        rng.shuffle(subs)
        tree += subs[: wanted - len(tree)]
    by_name: dict[str, Row] = {}
    geos = draft.geographies
    for name, parent in tree:
        parent_row = by_name.get(parent) if parent else None
        if parent_row is None:
            geography = geos[0] if rng.random() < 0.5 else None
            headcount = rng.randint(*draft.by_size((20, 120), (60, 600), (200, 3000)))
        else:
            geography = rng.choice(geos) if len(geos) > 1 and rng.random() < 0.5 else None
            headcount = max(5, parent_row["headcount"] // rng.randint(2, 5))
        row = world.writer.add(
            Division,
            account_id=draft.id,
            parent_id=parent_row["id"] if parent_row else None,
            name=name,
            geography_id=geography["id"] if geography else None,
            headcount=headcount,
            engagement=Engagement.NONE,  # set once the use cases are known
        )
        by_name[name] = row
        draft.divisions.append(row)


def _children(draft: AccountDraft, division: Row) -> list[Row]:
    return [d for d in draft.divisions if d["parent_id"] == division["id"]]


def _email(first: str, last: str, domain: str) -> str:
    return f"{first}.{last}@{domain}".lower()


def account_domain(name: str) -> str:
    slug = "".join(ch for ch in name.lower() if ch.isalnum())
    return f"{slug[:40]}.example"


def add_people(world: World, draft: AccountDraft, headcount: int | None = None) -> None:
    """Build the org chart top-down, so every manager exists before their reports (the
    writer inserts rows in order, which keeps reports_to valid and acyclic by design)."""
    rng = world.rng
    total = headcount or rng.randint(*draft.by_size((10, 14), (12, 22), (18, 30)))
    executives = 2 if total >= 14 and rng.random() < 0.75 else 1
    directors = max(2, round(total * 0.22))
    managers = max(2, round(total * 0.3))
    chart = _OrgChart(world, draft)
    execs = chart.add_executives(executives)
    leads = chart.add_directors(directors, execs)
    middle = chart.add_managers(managers, leads)
    chart.add_end_users(total - executives - directors - managers, middle)
    _assign_roles(world, draft, execs, leads, middle)
    _mark_departures(world, draft)
    if draft.archetype.single_threaded:
        _thread_through_one(world, draft)
    for someone in draft.people:
        for role in sorted(someone.roles):
            world.writer.add(StakeholderRole, stakeholder_id=someone.id, role=role)
    add_influence(world, draft)


class _OrgChart:
    """Writes an account's people rank by rank, each with a name unique in the account."""

    def __init__(self, world: World, draft: AccountDraft) -> None:
        self.world, self.draft, self.rng = world, draft, world.rng
        self.domain = account_domain(draft.row["name"])
        self.used_names: set[str] = set()
        self.tops = [d for d in draft.divisions if d["parent_id"] is None]

    def person(self, rank: int, title: str, division: Row | None, boss: Person | None) -> Person:
        rng, world, draft = self.rng, self.world, self.draft
        while True:
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            if f"{first} {last}" not in self.used_names:
                break
        self.used_names.add(f"{first} {last}")
        low, high = INFLUENCE[rank]
        weights = AT_RISK_WEIGHTS if draft.archetype.at_risk else STANCE_WEIGHTS
        row = world.writer.add(
            Stakeholder,
            account_id=draft.id,
            name=f"{first} {last}",
            title=title,
            division_id=division["id"] if division else None,
            level=LEVELS[rank],
            stance=rng.choices(STANCES, cum_weights=weights)[0],
            influence=rng.randint(low, high),
            reports_to_id=boss.id if boss else None,
            owner_id=_owner(world, draft, rank),
            email=_email(first, last, self.domain),
            last_contact=_last_contact(world, draft, rank),
            since=None,  # set by date_relationships once last contacts are final
            status=StakeholderStatus.ACTIVE,
            pinned_x=None,
            pinned_y=None,
            notes=rng.choice(texts.STAKEHOLDER_NOTES),
        )
        someone = Person(row, rank, division)
        draft.people.append(someone)
        return someone

    def add_executives(self, count: int) -> list[Person]:
        # The industry's titles list the head of the organisation first (a CEO, a County
        # Administrator): drawn titles keep that order, so nobody reports to their own
        # subordinate, and an executive reports to another only when that one is the head.
        order = self.draft.industry.executive_titles
        titles = sorted(self.rng.sample(order, count), key=order.index)
        execs: list[Person] = []
        for title in titles:
            technical = "Information" in title or "Technology" in title
            home = next((d for d in self.tops if d["name"] in org_charts.TECHNICAL_DIVISIONS), None)
            heads = bool(execs) and execs[0].row["title"] == order[0]
            boss = execs[0] if execs and self.rng.random() < 0.5 and heads else None
            execs.append(self.person(0, title, home if technical else None, boss))
        return execs

    def add_directors(self, count: int, execs: list[Person]) -> list[Person]:
        # Directors head the top-level divisions first, then the larger sub-divisions.
        headed = self.tops + [d for d in self.draft.divisions if d["parent_id"] is not None]
        leads: list[Person] = []
        for n in range(count):
            division = headed[n % len(headed)]
            title = self.rng.choice(org_charts.DIRECTOR_TITLES).format(d=division["name"])
            # A sub-division's head reports to the parent division's head, if there is one.
            boss = next((p for p in leads if p.unit["id"] == division["parent_id"]), None)
            boss = boss or next((e for e in execs if e.division is division), None)
            leads.append(self.person(1, title, division, boss or self.rng.choice(execs)))
        return leads

    def add_managers(self, count: int, leads: list[Person]) -> list[Person]:
        middle: list[Person] = []
        for _ in range(count):
            boss = self.rng.choice(leads)
            division = self.rng.choice([boss.unit, *_children(self.draft, boss.unit)])
            title = self.rng.choice(org_charts.MANAGER_TITLES).format(d=division["name"])
            middle.append(self.person(2, title, division, boss))
        return middle

    def add_end_users(self, count: int, middle: list[Person]) -> None:
        for _ in range(count):
            boss = self.rng.choice(middle)
            title = self.rng.choice(org_charts.END_USER_TITLES).format(d=boss.unit["name"])
            self.person(3, title, boss.division, boss)


def _owner(world: World, draft: AccountDraft, rank: int) -> int | None:
    """Who on our side owns the relationship: executives meet executives."""
    rng, pod = world.rng, draft.pod
    csm: int = draft.row["csm_id"]
    sponsor: int | None = draft.row["executive_sponsor_id"]
    if rank == 0:
        return sponsor or rng.choice((csm, *pod.aes))
    if rank == 1:
        return csm if rng.random() < 0.7 else rng.choice(pod.aes)
    if rank == 2:
        return csm if rng.random() < 0.6 else rng.choice(pod.csas)
    return rng.choice((rng.choice(pod.csas), csm, None))


def _last_contact(world: World, draft: AccountDraft, rank: int) -> dt.date | None:
    """Most relationships are warm; some go stale (over 120 days), a few never started."""
    rng = world.rng
    draw = rng.random()
    if rank == 3 and draw < 0.15:
        return None
    stale_share = 0.35 if draft.archetype.at_risk else 0.12
    if draw > 1 - stale_share:
        return world.days_ago(121, 320)
    if rank == 0 and draft.archetype.top:
        return world.days_ago(3, 60)
    return world.days_ago(0, (75, 90, 100, 110)[rank])


def _assign_roles(
    world: World,
    draft: AccountDraft,
    execs: list[Person],
    leads: list[Person],
    middle: list[Person],
) -> None:
    rng, arch = world.rng, draft.archetype
    end_users = [p for p in draft.people if p.level_rank == 3]
    execs[0].roles.append(BuyingRole.ECONOMIC_BUYER)

    champions = rng.sample(leads + middle, draft.by_size(1, rng.randint(1, 2), rng.randint(2, 3)))
    for champion in champions:
        champion.roles.append(BuyingRole.CHAMPION)
        champion.row["stance"] = Stance.CHAMPION if rng.random() < 0.8 else Stance.SUPPORTER
        champion.row["influence"] = min(5, champion.row["influence"] + 1)
        champion.row["last_contact"] = world.days_ago(1, 40)

    technical = [p for p in leads + middle if p.unit["name"] in org_charts.TECHNICAL_DIVISIONS]
    technical += [e for e in execs if e.division is not None]
    (technical[0] if technical else rng.choice(leads)).roles.append(BuyingRole.TECHNICAL_BUYER)

    others = [p for p in leads + middle if not p.roles]
    if others:
        coach = rng.choice(others)
        coach.roles.append(BuyingRole.COACH)
        coach.row["stance"] = Stance.SUPPORTER
    blockers = [p for p in leads + execs[1:] if not p.roles]
    if blockers and (arch.at_risk or rng.random() < 0.3):
        blocker = rng.choice(blockers)
        blocker.roles.append(BuyingRole.BLOCKER)
        blocker.row["stance"] = rng.choice(
            (Stance.SKEPTIC, Stance.DETRACTOR, Stance.FAVOURS_COMPETITOR)
        )
    elif rng.random() < 0.25:  # a newcomer who prefers a competitor, without blocking yet
        # Never one of the champions: a champion who favours a competitor is a contradiction.
        pool = [p for p in leads + middle if not p.roles]
        pool = pool or [p for p in leads if BuyingRole.CHAMPION not in p.roles]
        if pool:
            rng.choice(pool).row["stance"] = Stance.FAVOURS_COMPETITOR

    for someone in end_users:
        someone.roles.append(BuyingRole.USER)
    for someone in middle:
        if rng.random() < 0.5 and BuyingRole.USER not in someone.roles:
            someone.roles.append(BuyingRole.USER)

    # Mirrored commitments: a top account gives an executive sponsor and a program manager.
    if arch.top:
        if arch.missing_mirror != BuyingRole.EXECUTIVE_SPONSOR:
            # Not the blocker: a sponsor who blocks us would be a contradiction.
            sponsor = next(e for e in reversed(execs) if BuyingRole.BLOCKER not in e.roles)
            sponsor.roles.append(BuyingRole.EXECUTIVE_SPONSOR)
            sponsor.row["stance"] = Stance.CHAMPION
        if arch.missing_mirror != BuyingRole.PROGRAM_MANAGER:
            manager = rng.choice([p for p in middle if not p.roles] or middle)
            manager.roles.append(BuyingRole.PROGRAM_MANAGER)
            manager.row["title"] = org_charts.PROGRAM_MANAGER_TITLE
            manager.row["stance"] = Stance.SUPPORTER
            manager.row["last_contact"] = world.days_ago(0, 14)


def _mark_departures(world: World, draft: AccountDraft) -> None:
    """Employee churn at the customer: a few changed role or left; an at-risk account has
    lost its champion, and a promoted champion changed role."""
    rng, arch = world.rng, draft.archetype
    champions = draft.with_role(BuyingRole.CHAMPION)
    for someone in draft.people[1:]:
        draw = rng.random()
        if draw < 0.04:
            _leave(world, someone)
        elif draw < 0.09:
            _change_role(world, someone)
    if arch.at_risk and champions:
        _leave(world, champions[0])
    if arch.promoted_champion and champions:
        _change_role(world, champions[-1], promoted=True)


def _thread_through_one(world: World, draft: AccountDraft) -> None:
    """A deal landed through one person: everyone else went quiet (stale, as
    ``_last_contact`` draws it), so the Plan tab proposes the single-threaded risk. The one
    contact spoke yesterday, so every past activity (a day ago or older) finds them as an
    attendee and no other contact is revived by the activity log."""
    active = [p for p in draft.people if p.active]
    if not active:
        return
    one = next((p for p in active if BuyingRole.CHAMPION in p.roles), active[0])
    one.row["last_contact"] = world.today - dt.timedelta(days=1)
    for someone in active:
        if someone is not one and someone.row["last_contact"] is not None:
            someone.row["last_contact"] = world.days_ago(121, 320)


def _leave(world: World, someone: Person) -> None:
    row = someone.row
    left = world.days_ago(30, 150)
    row["status"] = StakeholderStatus.LEFT_COMPANY
    row["last_contact"] = left - dt.timedelta(days=world.rng.randint(5, 60))
    row["notes"] = f"Left the company in {left:%B %Y}; successor not yet engaged."


def _change_role(world: World, someone: Person, *, promoted: bool = False) -> None:
    row = someone.row
    row["status"] = StakeholderStatus.CHANGED_ROLE
    if promoted:
        row["notes"] = "Promoted to a regional role: re-win the successor, keep as a reference."
    else:
        row["notes"] = "Moved to another team; confirm who now owns the relationship."
    if row["last_contact"] is None:
        row["last_contact"] = world.days_ago(20, 120)


def add_influence(world: World, draft: AccountDraft) -> None:
    """Informal influence lines beside the org chart: never a direct reporting line."""
    rng = world.rng
    wanted = rng.randint(*draft.by_size((2, 3), (3, 4), (4, 6)))
    seen: set[tuple[int, int]] = set()
    people = draft.people
    attempts = 0
    while len(seen) < wanted and attempts < 50:
        attempts += 1
        source, target = rng.sample(people, 2)
        pair = (source.id, target.id)
        direct = source.row["reports_to_id"] == target.id or target.row["reports_to_id"] == (
            source.id
        )
        if pair in seen or direct:
            continue
        seen.add(pair)
        world.writer.add(
            InfluenceLink,
            account_id=draft.id,
            source_id=source.id,
            target_id=target.id,
            strength=rng.randint(2, 5),
            note=rng.choice(texts.INFLUENCE_NOTES),
        )


def date_relationships(world: World, draft: AccountDraft) -> None:
    """When each relationship began: most since the first deal, a few built in recent months
    (the CSM habit of new relationships each month). A random stream of its own per account,
    so adding this step changed no other demo data."""
    rng = random.Random(f"{draft.row['name']}:relationships")
    start = draft.row["customer_since"] or world.today
    recent_start = max(start, world.today - dt.timedelta(days=182))
    recent = {id(p) for p in rng.sample(draft.people, min(len(draft.people), rng.randint(2, 6)))}
    for person in draft.people:
        end = min(person.row["last_contact"] or world.today, world.today)
        if id(person) in recent or end <= recent_start:
            low = recent_start
        else:
            low, end = start, recent_start
        low = min(low, end)
        person.row["since"] = low + dt.timedelta(days=rng.randint(0, (end - low).days))
