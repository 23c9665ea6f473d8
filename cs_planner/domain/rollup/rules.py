"""The roll-up's rules, pure functions of rows: one account's line from its own rows (by the
rules each tab uses), and what the lines say about the portfolio as a whole: the segments
(the 80/20 picture of DOMAIN.md section 7) and the lists a manager acts on, each line with a
plain sentence saying why."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence

from cs_planner.domain.accounts.rules import expansion_multiple, license_utilization
from cs_planner.domain.csa.rules import NO_CSA_TODAY
from cs_planner.domain.enums import LifecycleStage, Tier
from cs_planner.domain.expansion.rows import OpportunityValues, weighted_uplift
from cs_planner.domain.expansion.rules import HORIZON, project
from cs_planner.domain.quarters import quarter_label
from cs_planner.domain.relationships import coverage
from cs_planner.domain.relationships import rules as relationship_rules
from cs_planner.domain.relationships.coverage import LEVELS_GOAL, mirror_gap_sentence
from cs_planner.domain.relationships.rows import StakeholderRow
from cs_planner.domain.rollup.rows import (
    RENEWAL_WINDOW,
    AccountBase,
    AccountRollup,
    Allocation,
    AttentionLine,
    AttentionList,
    PeopleFigures,
    Rollup,
    Segment,
    UseCaseFigures,
    UseCaseLine,
)
from cs_planner.domain.stairway.rows import DONE
from cs_planner.domain.stairway.rules import is_overdue

TOP_SHARE_LOW, TOP_SHARE_HIGH = 1 / 3, 1 / 2  # the healthy share of ARR in the top tier
NO_CSM = "(no CSM)"


# --- one account's line ------------------------------------------------------------------------

# The coverage panel's findings an attention line quotes.
_QUOTED = ("empty", "single", "switch")


def people_figures(
    people: Sequence[StakeholderRow],
    today: dt.date,
    stale_days: int,
    monthly_goal: int,
    tier: Tier,
) -> PeopleFigures:
    """An account's stakeholder figures by the relationship map's coverage rules (the bulk
    read, ``people.read_people_figures``, counts the same in SQL; a test holds them to it)."""
    alone = coverage.single_threaded(people, today, stale_days)
    switches = len(coverage.safe_switches(people))
    return PeopleFigures(
        stakeholders=len(people),
        levels_covered=len(coverage.level_coverage(people, today, stale_days).covered),
        single_threaded=alone,
        champions=len(coverage.champion_check(people).champions),
        stale=len(coverage.stale_relationships(people, today, stale_days)),
        safe_switches=switches,
        mirror_roles=frozenset(
            r for p in people if p.active for r in p.roles if r in coverage.MIRROR_ROLES
        ),
        sentences=quoted_sentences(
            people, bool(people), alone, today, stale_days, monthly_goal, tier
        )
        if alone or switches
        else (),
    )


def quoted_sentences(
    people: Sequence[StakeholderRow],
    has_people: bool,
    single_threaded: bool,
    today: dt.date,
    stale_days: int,
    goal: int,
    tier: Tier,
) -> tuple[tuple[str, str], ...]:
    """The coverage panel's findings an attention line quotes (``_QUOTED``), by the panel's
    own rules and in its order, without the rules whose sentences no line quotes (the
    others cost a third of the whole read on a large portfolio).

    Those rules read only the live relationships of a single-threaded account and the
    champions who left or moved, so ``people`` may be just those (the bulk read passes no
    others); ``has_people`` and ``single_threaded`` say what the whole account is."""
    if not has_people:
        said = [relationship_rules.EMPTY]
    else:
        facts = relationship_rules.Facts(people, today, stale_days, goal, tier)
        said = relationship_rules.single_thread_rule(facts) if single_threaded else []
        said += relationship_rules.safe_switch_rule(facts)
    return tuple((f.key, f.text) for f in said if f.key in _QUOTED)


def use_case_figures(use_cases: Iterable[UseCaseLine], today: dt.date) -> UseCaseFigures:
    """How many use cases, how many adopted, and those past their target quarter (the
    Stairway's rules; the bulk read counts the first two in SQL)."""
    lines = list(use_cases)
    return UseCaseFigures(
        count=len(lines),
        adopted=sum(1 for u in lines if u.status == DONE),
        overdue=tuple(u for u in lines if is_overdue(u.target_quarter, u.status, today)),
    )


def account_rollup(
    base: AccountBase,
    people: Sequence[StakeholderRow],
    use_cases: Sequence[UseCaseLine],
    opportunities: Sequence[OpportunityValues],
    allocations: Sequence[Allocation],
    today: dt.date,
    current_quarter: dt.date,
    stale_days: int,
    monthly_goal: int = 3,
) -> AccountRollup:
    """One account's line from its own rows, by the rules the tabs use."""
    return account_line(
        base,
        people_figures(people, today, stale_days, monthly_goal, base.tier),
        use_case_figures(use_cases, today),
        opportunities,
        allocations,
        today,
        current_quarter,
    )


def account_line(
    base: AccountBase,
    people: PeopleFigures,
    use_cases: UseCaseFigures,
    opportunities: Sequence[OpportunityValues],
    allocations: Sequence[Allocation],
    today: dt.date,
    current_quarter: dt.date,
) -> AccountRollup:
    """One account's line from its figures (``people_figures``, ``use_case_figures``)."""
    projection = project(base.arr, base.initial_deal_value, opportunities, current_quarter)
    missing = coverage.mirror_missing(base.tier, people.mirror_roles)
    return AccountRollup(
        id=base.id,
        name=base.name,
        tier=base.tier,
        strategic=base.strategic,
        stage=base.stage,
        csm=base.csm,
        csas=tuple(sorted({a.csa for a in allocations})),
        csa_fte=sum(a.fraction for a in allocations),
        industry=base.industry,
        parent=base.parent,
        arr=base.arr,
        initial_deal_value=base.initial_deal_value,
        multiple=expansion_multiple(base.arr, base.initial_deal_value),
        projected_multiple=projection.weighted_multiple_at(HORIZON),
        pipeline_weighted=sum(weighted_uplift(o) for o in opportunities),
        renewal_date=base.renewal_date,
        days_to_renewal=(base.renewal_date - today).days if base.renewal_date else None,
        license_utilization=license_utilization(base.active_users, base.licensed_seats),
        stakeholders=people.stakeholders,
        levels_covered=people.levels_covered,
        single_threaded=people.single_threaded,
        champions=people.champions,
        stale=people.stale,
        safe_switches=people.safe_switches,
        mirror_complete=None if missing is None else not missing,
        mirror_missing=missing or (),
        use_cases=use_cases.count,
        adopted=use_cases.adopted,
        overdue=use_cases.overdue,
        reference_status=base.reference_status,
        sentences=people.sentences,
    )


def by_arr(rows: Iterable[AccountRollup]) -> list[AccountRollup]:
    """Highest ARR first; equal ARR by name, so the order never depends on the database."""
    return sorted(rows, key=lambda a: (-a.arr, a.name.lower(), a.id))


# --- segments -----------------------------------------------------------------------------------


def mean_multiple(rows: Iterable[AccountRollup]) -> float | None:
    """The mean of the accounts' multiples: every account weighs the same. An account
    without ARR has no multiple and is left out (None when no account has one)."""
    multiples = [a.multiple for a in rows if a.multiple is not None]
    return sum(multiples) / len(multiples) if multiples else None


def total_multiple(rows: Iterable[AccountRollup]) -> float | None:
    """Total ARR ÷ the initial deals of the accounts that have ARR: large accounts weigh
    more; a new account without ARR would only dilute it (None without such a deal)."""
    with_arr = [a for a in rows if a.multiple is not None]
    initial = sum(a.initial_deal_value for a in with_arr)
    return sum(a.arr for a in with_arr) / initial if initial else None


def _segment(label: str, rows: Sequence[AccountRollup], count: int, arr: float) -> Segment:
    total = sum(a.arr for a in rows)
    soon = [a for a in rows if a.renews_soon]
    return Segment(
        label=label,
        accounts=len(rows),
        account_share=len(rows) / count if count else 0.0,
        arr=total,
        arr_share=total / arr if arr else 0.0,
        average_multiple=mean_multiple(rows),
        total_multiple=total_multiple(rows),
        renewals_soon=len(soon),
        renewals_soon_arr=sum(a.arr for a in soon),
    )


def segments_by(rows: Sequence[AccountRollup], key: str) -> list[Segment]:
    """Accounts grouped by ``key``: "tier" and "stage" in their fixed order (empty groups
    shown: an empty top tier is news), "csm" by ARR with the unassigned last."""
    if key not in ("tier", "stage", "csm"):
        raise ValueError(f"Cannot segment by {key!r}.")
    count, arr = len(rows), sum(a.arr for a in rows)
    groups: dict[str, list[AccountRollup]] = defaultdict(list)
    for a in rows:
        if key == "tier":
            groups[a.tier.label].append(a)
        elif key == "stage":
            groups[a.stage.label].append(a)
        else:
            groups[a.csm or NO_CSM].append(a)
    if key == "csm":
        result = [_segment(label, group, count, arr) for label, group in groups.items()]
        return sorted(result, key=lambda s: (s.label == NO_CSM, -s.arr, s.label.lower()))
    order = Tier if key == "tier" else LifecycleStage
    return [_segment(m.label, groups.get(m.label, []), count, arr) for m in order]


def top_tier_verdict(tiers: Sequence[Segment]) -> str:
    """The 80/20 sentence: does the top tier hold a third to a half of the revenue?"""
    top = next((s for s in tiers if s.label == Tier.TOP.label), None)
    if top is None or not top.accounts:
        return "No account is in the top tier: the accounts that matter most get no high touch."
    head = (
        f"The top tier is {top.account_share:.0%} of accounts and holds {top.arr_share:.0%} of ARR"
    )
    if top.arr_share < TOP_SHARE_LOW:
        return head + ": below a third, so it may hold accounts that do not need high touch."
    if top.arr_share > TOP_SHARE_HIGH:
        return head + ": over half, so revenue rests on few accounts; protect them closely."
    return head + ": within the healthy range of a third to a half."


# --- attention ----------------------------------------------------------------------------------


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _coverage_text(a: AccountRollup) -> str:
    text = f"live relationships at {a.levels_covered} of {LEVELS_GOAL} levels"
    return text + (", single-threaded" if a.single_threaded else "")


def renewal_why(a: AccountRollup) -> str:
    days = a.days_to_renewal or 0
    if days < 0:
        return (
            f"The renewal date passed {_plural(-days, 'day')} ago ({a.renewal_date:%Y-%m-%d}): "
            f"record the renewal and set the next date; {_coverage_text(a)}."
        )
    when = "today" if days == 0 else f"in {_plural(days, 'day')}"
    return f"Renews {when} ({a.renewal_date:%Y-%m-%d}); {_coverage_text(a)}."


def top_tier_gaps(a: AccountRollup) -> list[str]:
    """What a top-tier account lacks of the mirrored commitment (DOMAIN.md section 4), by
    the rules the CSAs page applies (``csa.rules.coverage_gaps``)."""
    if a.tier != Tier.TOP:
        return []
    gaps = []
    if not a.csas:
        gaps.append(NO_CSA_TODAY)
    if a.mirror_missing:
        gaps.append(mirror_gap_sentence(a.mirror_missing))
    return gaps


def overdue_why(a: AccountRollup, fy_start_month: int, limit: int = 3) -> str:
    shown = [
        f"{u.title} (due {quarter_label(u.target_quarter, fy_start_month)})"
        for u in a.overdue[:limit]
        if u.target_quarter
    ]
    more = len(a.overdue) - len(shown)
    its = "its" if len(a.overdue) == 1 else "their"
    text = f"{_plural(len(a.overdue), 'use case')} past {its} target quarter and not live: "
    return text + ", ".join(shown) + (f" and {more} more" if more > 0 else "") + "."


def attention(rollup: Rollup) -> list[AttentionList]:
    """The lists a manager acts on, each ranked by ARR."""
    rows = by_arr(rollup.accounts)

    def build(
        key: str, title: str, empty: str, pairs: Iterable[tuple[AccountRollup, str]]
    ) -> AttentionList:
        return AttentionList(key, title, empty, tuple(AttentionLine(a, w) for a, w in pairs))

    return [
        build(
            "renewals",
            f"Renewals in the next {RENEWAL_WINDOW} days or past due",
            f"No renewal in the next {RENEWAL_WINDOW} days and none past due.",
            ((a, renewal_why(a)) for a in rows if a.renews_soon or a.renewal_past),
        ),
        build(
            "single",
            "Single-threaded accounts",
            "No account rests on a single relationship.",
            (
                (a, "\n".join(a.sentence("empty") or a.sentence("single")))
                for a in rows
                if a.single_threaded
            ),
        ),
        build(
            "switch",
            "Champion left or changed role (safe switch)",
            "No champion has left or changed role.",
            ((a, "\n".join(a.sentence("switch"))) for a in rows if a.safe_switches),
        ),
        build(
            "top",
            "Top-tier accounts without a CSA or a mirrored commitment",
            "Every top-tier account has a CSA and a mirrored commitment.",
            ((a, "\n".join(gaps)) for a in rows if (gaps := top_tier_gaps(a))),
        ),
        build(
            "overdue",
            "Accounts with overdue use cases",
            "No use case is past its target quarter.",
            ((a, overdue_why(a, rollup.fy_start_month)) for a in rows if a.overdue),
        ),
    ]
