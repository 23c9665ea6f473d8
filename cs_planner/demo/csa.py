"""CSA allocations for one pod of accounts: a deliberate mix the capacity views can show.

CSA 1 is full time on the flagship account for three quarters, then half time on its
adoption for two more: more than twelve months at half time or more, so the CSAs page warns
that they are trapped in one implementation; CSA 2 is over-allocated for a few weeks when
Sales borrows them for a pre-sales study; CSAs 3 and 4 carry a healthy mix of phases. A use
case names only a CSA allocated to its account, so the scorecard and the Stairway's CSA
metrics count the same accounts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cs_planner.demo.base import AccountDraft, Row, World, quarter_end
from cs_planner.domain.enums import AllocationPhase, Funding, RequestedBy, UseCaseStatus
from cs_planner.domain.model import CsaAllocation

PHASE_STATUSES = {
    AllocationPhase.PRESALES: (UseCaseStatus.QUALIFIED, UseCaseStatus.IDENTIFIED),
    AllocationPhase.IMPLEMENTATION: (UseCaseStatus.IMPLEMENTING, UseCaseStatus.PLANNED),
    AllocationPhase.ADOPTION: (UseCaseStatus.LIVE, UseCaseStatus.ADOPTED),
}
NOTES = {
    AllocationPhase.PRESALES: "Diagnostic study requested by Sales ahead of an expansion deal.",
    AllocationPhase.IMPLEMENTATION: "Implementation of the next use case on the roadmap.",
    AllocationPhase.ADOPTION: "Adoption programme: power users, training, value reviews.",
}


@dataclass(frozen=True)
class Slot:
    """One allocation in the pattern; dates are resolved against today's quarter."""

    csa: int  # index into the pod's CSAs
    account: int  # the account's slot in the pod
    fraction: float
    phase: AllocationPhase
    start: tuple[str, int]  # ("q", quarter offset) or ("d", days from today)
    end: tuple[str, int]  # ("q", quarter offset: its last day) or ("d", days from start)
    funding: Funding = Funding.CHARGEABLE
    requested_by: RequestedBy = RequestedBy.CUSTOMER_SUCCESS


PRE, IMP, ADO = AllocationPhase.PRESALES, AllocationPhase.IMPLEMENTATION, AllocationPhase.ADOPTION
VU, SALES = Funding.VENDOR_UNDERWRITTEN, RequestedBy.SALES

PATTERN: tuple[Slot, ...] = (
    # CSA 1: full time on the flagship for three quarters, then half time on adoption for
    # two more: trapped (half time or more on one account for over twelve months).
    Slot(0, 0, 1.0, IMP, ("q", -1), ("q", 1)),
    Slot(0, 0, 0.5, ADO, ("q", 2), ("q", 3)),
    # CSA 2: two half-time accounts plus a pre-sales study: 125% for six weeks.
    Slot(1, 1, 0.5, ADO, ("q", -1), ("q", 1)),
    Slot(1, 2, 0.5, IMP, ("q", 0), ("q", 2)),
    Slot(1, 4, 0.25, PRE, ("d", 7), ("d", 42), VU, SALES),
    # CSA 3: implementation, a vendor-funded rescue on the at-risk account, two studies.
    Slot(2, 3, 0.5, IMP, ("q", -1), ("q", 1)),
    Slot(2, 5, 0.25, ADO, ("d", -30), ("d", 90), VU),
    Slot(2, 7, 0.25, PRE, ("q", -1), ("d", 42), VU, SALES),
    Slot(2, 11, 0.25, PRE, ("q", 1), ("d", 56), VU, SALES),
    # CSA 4: a balanced load across phases.
    Slot(3, 4, 0.5, IMP, ("q", 0), ("q", 1)),
    Slot(3, 6, 0.25, ADO, ("q", -1), ("q", 0)),
    Slot(3, 9, 0.25, PRE, ("d", -14), ("d", 42), VU, SALES),
    Slot(3, 11, 0.5, IMP, ("q", 2), ("q", 2)),
)


def add_allocations(world: World, drafts: list[AccountDraft]) -> None:
    """Allocate the pod's CSAs; a pod with fewer than twelve accounts reuses its accounts."""
    credit_allocated_csas(drafts)
    for slot in PATTERN:
        draft = drafts[slot.account % len(drafts)]
        csa = draft.pod.csas[slot.csa]
        start = _start(world, slot.start)
        kind, amount = slot.end
        end = quarter_end(world.quarter(amount)) if kind == "q" else start + dt.timedelta(amount)
        use_case = _use_case_for(draft, slot.phase)
        if use_case is not None:
            use_case["csa_id"] = csa  # the roadmap names the architect doing the work
        world.writer.add(
            CsaAllocation,
            csa_id=csa,
            account_id=draft.id,
            use_case_id=use_case["id"] if use_case else None,
            fraction=slot.fraction,
            phase=slot.phase,
            funding=slot.funding,
            requested_by=slot.requested_by,
            start_date=start,
            end_date=end,
            notes=NOTES[slot.phase],
        )


def credit_allocated_csas(drafts: list[AccountDraft]) -> None:
    """A use case names a CSA who works on its account: the roadmap drew its architects
    from the whole pod, so one not allocated there gives way to one who is (or to none)."""
    allocated: dict[int, list[int]] = {}
    for slot in PATTERN:
        draft = drafts[slot.account % len(drafts)]
        mine = allocated.setdefault(draft.id, [])
        if draft.pod.csas[slot.csa] not in mine:
            mine.append(draft.pod.csas[slot.csa])
    for draft in drafts:
        mine = allocated.get(draft.id, [])
        for use_case in draft.use_cases:
            if use_case["csa_id"] is not None and use_case["csa_id"] not in mine:
                use_case["csa_id"] = mine[0] if mine else None


def _start(world: World, spec: tuple[str, int]) -> dt.date:
    kind, amount = spec
    if kind == "q":
        return world.quarter(amount)
    return world.today + dt.timedelta(days=amount)


def _use_case_for(draft: AccountDraft, phase: AllocationPhase) -> Row | None:
    for status in PHASE_STATUSES[phase]:
        for use_case in draft.use_cases:
            if use_case["status"] == status:
                return use_case
    return None
