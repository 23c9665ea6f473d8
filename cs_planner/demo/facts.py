"""What sets each demo account apart, drawn before its rows are written: its name (unique,
fictional), headquarters, deal, ARR, seats, tenure and maturity; the first pod's under
fixed names."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cs_planner.demo import story, texts
from cs_planner.demo.base import Archetype, World, money
from cs_planner.demo.names import COMPANY_ROOTS, GROWTH_RATES, HQ_COUNTRIES, Industry
from cs_planner.domain.enums import LifecycleStage, ReferenceStatus
from cs_planner.domain.model import Account

L = LifecycleStage
# The first pod covers every industry under fixed names and headquarters, so workshop
# scripts and screenshots can name its accounts whatever else the generator learns to do;
# later pods draw industries and names at random. Slot 0 is the showcase (see ``story``).
FIRST_POD: tuple[tuple[str, str, str], ...] = (
    ("Logistics", story.NAME, story.HQ),
    ("Financial services", "Hazelmere Capital", "Singapore"),
    ("Healthcare", "Cedarline Medical Group", "Canada"),
    ("Manufacturing", "Kittiwake Components", "Sweden"),
    ("Software", "Greywater Software", "Netherlands"),
    ("Retail", "Valemont Markets", "United States"),
    ("Public sector", "City of Lakemont", "United States"),
    ("Life sciences", "Calder Therapeutics", "France"),
    ("Energy & utilities", "Tarnbrook Renewables", "United States"),
    ("Healthcare", "Redstart Medical Group", "United States"),
    ("Retail", "Moorgate Home Goods", "Sweden"),
    ("Manufacturing", "Glenmere Components", "United States"),
)
DEAL_RANGES = {"SMB": (20e3, 60e3), "Mid-market": (50e3, 130e3), "Enterprise": (110e3, 250e3)}
# Days since the customer signed, by lifecycle stage (1 to 6 years).
TENURE_DAYS = {
    L.LAND: (365, 560),
    L.ADOPT: (420, 1100),
    L.EXPAND: (700, 1900),
    L.RENEW: (900, 2150),
}
MATURITY = {L.LAND: (1, 1), L.ADOPT: (1, 2), L.EXPAND: (2, 3), L.RENEW: (2, 4)}


class AccountNames:
    """Unique, fictional company names: root + industry noun, then a qualifier, then a
    number once a very large demo has used up the combinations."""

    def __init__(self, rng: random.Random, session: Session) -> None:
        self.rng = rng
        self.used = {name.lower() for name in session.scalars(select(Account.name))}
        self.used.update(name.lower() for _industry, name, _hq in FIRST_POD)

    def make(self, industry: Industry) -> str:
        rng = self.rng
        for attempt in range(24):
            name = rng.choice(industry.name_patterns).format(root=rng.choice(COMPANY_ROOTS))
            if attempt >= 8:
                name = f"{name} {rng.choice(industry.qualifiers)}"
            if name.lower() not in self.used:
                self.used.add(name.lower())
                return name
        number = 2
        while f"{name} {number}".lower() in self.used:
            number += 1
        self.used.add(f"{name} {number}".lower())
        return f"{name} {number}"


@dataclass(frozen=True)
class Facts:
    """What sets one account apart, drawn before its rows are written."""

    name: str
    hq: str
    growth: str
    challenge: str
    initial: float
    arr: float
    seats: int
    active: int
    since: dt.date
    maturity: tuple[int, int]  # current, target
    reference: ReferenceStatus


def showcase_facts(world: World) -> Facts:
    return Facts(
        name=story.NAME,
        hq=story.HQ,
        growth="High",
        challenge=texts.CHALLENGES[story.INDUSTRY][0],
        initial=story.INITIAL_DEAL,
        arr=float(story.ARR[-1]),
        seats=story.SEATS,
        active=story.ACTIVE_USERS,
        since=story.customer_since(world),
        maturity=(4, 5),
        reference=ReferenceStatus.SPEAKER,
    )


def drawn_facts(
    world: World,
    names: AccountNames,
    arch: Archetype,
    industry: Industry,
    pod_index: int,
    slot: int,
) -> Facts:
    """The facts of every account but the showcase; the first pod's names are fixed."""
    rng = world.rng
    if pod_index == 0:
        name, hq = FIRST_POD[slot][1:]
    else:
        name = names.make(industry)
        hq = rng.choice(HQ_COUNTRIES)
    growth = rng.choices(GROWTH_RATES, (3, 5, 2))[0]
    challenge = rng.choice(texts.CHALLENGES[industry.name])
    initial = money(rng.uniform(*DEAL_RANGES[arch.size]), 500)
    arr = money(initial * rng.uniform(*arch.multiple))
    seats = max(5, round(arr / rng.uniform(300, 900)))
    utilisation = rng.uniform(0.4, 0.65) if arch.at_risk else rng.uniform(0.6, 1.2)
    since = world.today - dt.timedelta(days=rng.randint(*TENURE_DAYS[arch.stage]))
    current = rng.randint(*MATURITY[arch.stage])
    maturity = (current, min(5, current + rng.randint(1, 2)))
    return Facts(
        name,
        hq,
        growth,
        challenge,
        initial,
        arr,
        seats,
        round(seats * utilisation),
        since,
        maturity,
        arch.draw_reference(rng),
    )
