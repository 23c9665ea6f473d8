"""The risks the app proposes from its own findings, pure (no session): a champion who left,
a single-threaded account, a renewal within 90 days with health amber or red, overdue use
cases, a CSA trapped on the account. Each finding comes from its capability's own function;
each proposal has a stable key, so one accepted (a risk holds the key) or dismissed (a
``risk_dismissal`` row) is never proposed again. Also the heat grid's exposure bands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cs_planner.domain.csa.trapped import TRAPPED_RULE, AccountRun, months_spanned
from cs_planner.domain.enums import HealthBand, RiskCategory, StakeholderStatus, UseCaseStatus
from cs_planner.domain.relationships import coverage
from cs_planner.domain.relationships.rows import StakeholderRow
from cs_planner.domain.stairway.rules import is_overdue

RENEWAL_WINDOW_DAYS = 90
REVIEW_AFTER_DAYS = 30  # an accepted proposal is reviewed a month later
SCALE = (1, 2, 3, 4, 5)  # likelihood and impact


@dataclass(frozen=True)
class Proposal:
    """A risk the app proposes: a sentence and the register's fields it would start with."""

    key: str
    text: str
    category: RiskCategory
    likelihood: int
    impact: int
    mitigation: str

    @property
    def exposure(self) -> int:
        return self.likelihood * self.impact


@dataclass(frozen=True)
class OverdueCandidate:
    """What the stairway knows of a use case, as the overdue rule reads it."""

    id: int
    title: str
    target_quarter: dt.date | None
    status: UseCaseStatus


@dataclass(frozen=True)
class ProposalFacts:
    today: dt.date
    people: Sequence[StakeholderRow]
    stale_days: int
    renewal_date: dt.date | None
    band: HealthBand | None
    score: float | None
    use_cases: Sequence[OverdueCandidate]
    trapped: Sequence[tuple[str, AccountRun]]  # (the CSA's name, the run)
    taken: frozenset[str]  # keys accepted as risks or dismissed


def champion_left_key(stakeholder_id: int) -> str:
    """The key of the proposal for a champion who left: a risk written by hand about that
    champion carries it, so the app does not propose the same finding again."""
    return f"champion-left:{stakeholder_id}"


def champion_left(f: ProposalFacts) -> list[Proposal]:
    out = []
    for p in coverage.safe_switches(f.people):
        what = "left the company" if p.status == StakeholderStatus.LEFT_COMPANY else "changed role"
        out.append(
            Proposal(
                champion_left_key(p.id),
                f"Champion {p.name} {what}: the account may lose its voice inside the customer.",
                RiskCategory.RELATIONSHIP,
                4,
                4,
                "Re-win whoever holds the seat now and find a new champion.",
            )
        )
    return out


def single_threaded(f: ProposalFacts) -> list[Proposal]:
    if not coverage.single_threaded(f.people, f.today, f.stale_days):
        return []
    live = coverage.live_relationships(f.people, f.today, f.stale_days)
    if live:
        key, text = f"single-threaded:{live[0].id}", f"everything rests on {live[0].name}"
    else:
        key, text = "single-threaded:none", "no live contact at all"
    return [
        Proposal(
            key,
            f"Single-threaded: {text}; one departure and the account goes dark.",
            RiskCategory.RELATIONSHIP,
            3,
            4,
            "Build live relationships at a second level and in another team.",
        )
    ]


def renewal_at_risk(f: ProposalFacts) -> list[Proposal]:
    if f.renewal_date is None or f.band not in (HealthBand.AMBER, HealthBand.RED):
        return []
    days = (f.renewal_date - f.today).days
    if not 0 <= days <= RENEWAL_WINDOW_DAYS:
        return []
    score = f" ({f.score:.0f})" if f.score is not None else ""
    red = f.band == HealthBand.RED
    return [
        Proposal(
            f"renewal-at-risk:{f.renewal_date.isoformat()}",
            f"Renewal on {f.renewal_date.isoformat()}, in {days} days, with health "
            f"{f.band.label.lower()}{score}.",
            RiskCategory.COMMERCIAL,
            4 if red else 3,
            5,
            "Agree a success plan with the economic buyer before the renewal.",
        )
    ]


def overdue_use_cases(f: ProposalFacts) -> list[Proposal]:
    out = []
    for u in f.use_cases:
        if is_overdue(u.target_quarter, u.status, f.today):
            due = u.target_quarter.isoformat() if u.target_quarter else ""
            out.append(
                Proposal(
                    f"use-case-overdue:{u.id}",
                    f"Use case {u.title} is overdue: its target quarter (from {due}) has "
                    f"ended and it is {u.status.label.lower()}.",
                    RiskCategory.ADOPTION,
                    3,
                    3,
                    "Agree a new date and remove what blocks it.",
                )
            )
    return out


def csa_trapped(f: ProposalFacts) -> list[Proposal]:
    out = []
    for name, run in f.trapped:
        # The run as planned: its allocations reach past today, for longer than the rule.
        months = months_spanned(run.start, run.end)
        out.append(
            Proposal(
                f"csa-trapped:{run.csa_id}:{run.start.isoformat()}",
                f"CSA {name} is trapped on the account: {months} months without a break, "
                f"{run.start.isoformat()} to {run.end.isoformat()} ({TRAPPED_RULE}).",
                RiskCategory.TECHNICAL,
                3,
                3,
                "Hand the knowledge over and plan the CSA's exit.",
            )
        )
    return out


RULES = (champion_left, single_threaded, renewal_at_risk, overdue_use_cases, csa_trapped)


def proposals(f: ProposalFacts) -> list[Proposal]:
    """Every proposal not yet accepted or dismissed, the biggest exposure first."""
    found = [p for rule in RULES for p in rule(f) if p.key not in f.taken]
    return sorted(found, key=lambda p: -p.exposure)


# --- the heat grid ----------------------------------------------------------------------


def exposure_band(exposure: int) -> HealthBand:
    """A cell of the 5x5 grid by likelihood x impact: 1-4 green, 5-12 amber, 15-25 red."""
    if exposure <= 4:
        return HealthBand.GREEN
    return HealthBand.AMBER if exposure <= 12 else HealthBand.RED


def grid_counts(cells: Iterable[tuple[int, int]]) -> dict[tuple[int, int], int]:
    """How many risks sit in each (likelihood, impact) cell; every cell present."""
    counts = {(likelihood, impact): 0 for likelihood in SCALE for impact in SCALE}
    for cell in cells:
        if cell in counts:
            counts[cell] += 1
    return counts


def review_overdue(review_date: dt.date | None, is_open: bool, today: dt.date) -> bool:
    return is_open and review_date is not None and review_date < today
