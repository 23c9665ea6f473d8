"""What changed on an account between two states (a snapshot and a later one, or now): every
change in words, with its kind and area, so the compare view groups them, the map marks
them and workshop mode leaves out the private ones (stance, buying roles, influence)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from cs_planner.domain.enums import (
    ActionStatus,
    BuyingRole,
    Dimension,
    Labelled,
    Level,
    StairStep,
    StakeholderStatus,
    Stance,
    UseCaseStatus,
)
from cs_planner.domain.quarters import quarter_label
from cs_planner.domain.workshop.state import AccountState, DimensionState, Person


class Area(StrEnum):
    RELATIONSHIPS = "Relationships"
    STAIRWAY = "Stairway"
    EXPANSION = "Expansion"
    VALUE = "Value"
    ACTIONS = "Action plan"


class Kind(StrEnum):
    PERSON_ADDED = "person_added"
    PERSON_REMOVED = "person_removed"  # deleted from the map
    PERSON_LEFT = "person_left"  # marked as left the company
    PERSON_STATUS = "person_status"  # back, or changed role
    PERSON_MOVED = "person_moved"  # a new manager
    LINE_ADDED = "line_added"  # a reporting line where there was none
    LINE_REMOVED = "line_removed"
    TITLE = "title"
    LEVEL = "level"
    STANCE = "stance"
    ROLES = "roles"
    INFLUENCE_ADDED = "influence_added"
    INFLUENCE_REMOVED = "influence_removed"
    USE_CASE_ADDED = "use_case_added"
    USE_CASE_REMOVED = "use_case_removed"
    USE_CASE_QUARTER = "use_case_quarter"
    USE_CASE_STEP = "use_case_step"
    USE_CASE_STATUS = "use_case_status"
    DIMENSION = "dimension"
    METRIC_RECORDED = "metric_recorded"  # a new latest measurement
    METRIC_CHANGED = "metric_changed"  # the latest one's value corrected
    ACTION_ADDED = "action_added"
    ACTION_REMOVED = "action_removed"
    ACTION_CLOSED = "action_closed"
    ACTION_REOPENED = "action_reopened"
    ACTION_DUE = "action_due"


# Our read of people (domain/workshop/privacy.py: stance, stakeholder_role, influence_link).
PRIVATE_KINDS = frozenset({Kind.STANCE, Kind.ROLES, Kind.INFLUENCE_ADDED, Kind.INFLUENCE_REMOVED})

# What a map marks on a person's card (the compare view draws these).
MAP_KINDS = frozenset(
    {Kind.PERSON_ADDED, Kind.PERSON_LEFT, Kind.PERSON_MOVED, Kind.LINE_ADDED, Kind.STANCE}
)


@dataclass(frozen=True)
class Change:
    kind: Kind
    area: Area
    subject: str  # whom or what it is about, as named now
    text: str  # the sentence
    subject_id: int | None = None  # the person's, use case's... record id

    @property
    def private(self) -> bool:
        return self.kind in PRIVATE_KINDS


def shared_only(changes: list[Change]) -> list[Change]:
    """What the customer may see (workshop mode, the customer copy)."""
    return [c for c in changes if not c.private]


def label(enum: type[Labelled], value: str) -> str:
    """A stored value's label; a value this version does not know reads as itself."""
    try:
        return enum(value).label
    except ValueError:
        return value.replace("_", " ") or "none"


def _quarter(day: dt.date | None) -> str:
    return quarter_label(day) if day is not None else "no quarter"


def _day(day: dt.date | None) -> str:
    return day.isoformat() if day is not None else "no date"


def _figure(value: float | None, unit: str = "") -> str:
    if value is None:
        return "none"
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return f"{text} {unit}".strip()


def compare(old: AccountState, new: AccountState) -> list[Change]:
    """Every change from ``old`` to ``new``, area by area, in a stable order."""
    return [
        *_people(old, new),
        *_influence(old, new),
        *_use_cases(old, new),
        *_dimensions(old, new),
        *_metrics(old, new),
        *_actions(old, new),
    ]


# --- relationships --------------------------------------------------------------------


def _name(state: AccountState, person_id: int | None, other: AccountState | None = None) -> str:
    for where in (state, other):
        if where is not None and person_id in where.people:
            return where.people[person_id].name
    return "someone no longer on the map"


def _people(old: AccountState, new: AccountState) -> list[Change]:
    out: list[Change] = []
    rel = Area.RELATIONSHIPS

    def add(kind: Kind, person: Person, text: str) -> None:
        out.append(Change(kind, rel, person.name, text, person.id))

    for pid, person in new.people.items():
        was = old.people.get(pid)
        if was is None:
            where = f", reporting to {_name(new, person.manager_id)}" if person.manager_id else ""
            title = f" ({person.title})" if person.title else ""
            add(Kind.PERSON_ADDED, person, f"{person.name}{title} is new on the map{where}.")
            continue
        out.extend(_person_changes(old, new, was, person))
    for pid, person in old.people.items():
        if pid not in new.people:
            add(Kind.PERSON_REMOVED, person, f"{person.name} is no longer on the map.")
    return out


def _person_changes(old: AccountState, new: AccountState, was: Person, now: Person) -> list[Change]:
    out: list[Change] = []
    name = now.name

    def add(kind: Kind, text: str) -> None:
        out.append(Change(kind, Area.RELATIONSHIPS, name, text, now.id))

    if now.status != was.status:
        if now.status == StakeholderStatus.LEFT_COMPANY.value:
            add(Kind.PERSON_LEFT, f"{name} left the company.")
        elif now.status == StakeholderStatus.CHANGED_ROLE.value:
            add(Kind.PERSON_STATUS, f"{name} changed role.")
        else:
            left = was.status == StakeholderStatus.LEFT_COMPANY.value
            before = "had left the company" if left else "had changed role"
            add(Kind.PERSON_STATUS, f"{name} is active again ({before}).")
    if now.manager_id != was.manager_id:
        if was.manager_id is None:
            add(Kind.LINE_ADDED, f"{name} now reports to {_name(new, now.manager_id, old)}.")
        elif now.manager_id is None:
            add(
                Kind.LINE_REMOVED, f"{name} no longer reports to {_name(old, was.manager_id, new)}."
            )
        else:
            add(
                Kind.PERSON_MOVED,
                f"{name} now reports to {_name(new, now.manager_id, old)}"
                f" (was {_name(old, was.manager_id, new)}).",
            )
    if now.title != was.title:
        add(
            Kind.TITLE,
            f"{name}'s title is now {now.title or 'empty'} (was {was.title or 'empty'}).",
        )
    if now.level != was.level:
        add(
            Kind.LEVEL,
            f"{name} is now at the {label(Level, now.level)} level"
            f" (was {label(Level, was.level)}).",
        )
    if now.stance is not None and was.stance is not None and now.stance != was.stance:
        add(
            Kind.STANCE,
            f"{name}'s stance is now {label(Stance, now.stance).lower()}"
            f" (was {label(Stance, was.stance).lower()}).",
        )
    if now.roles is not None and was.roles is not None and now.roles != was.roles:
        gained = ", ".join(label(BuyingRole, r).lower() for r in sorted(now.roles - was.roles))
        lost = ", ".join(label(BuyingRole, r).lower() for r in sorted(was.roles - now.roles))
        parts = [f"now {gained}" if gained else "", f"no longer {lost}" if lost else ""]
        add(Kind.ROLES, f"{name} is {' and '.join(p for p in parts if p)}.")
    return out


def _influence(old: AccountState, new: AccountState) -> list[Change]:
    if old.influence is None or new.influence is None:
        return []
    out: list[Change] = []
    for source, target in sorted(new.influence - old.influence):
        who, whom = _name(new, source, old), _name(new, target, old)
        out.append(
            Change(
                Kind.INFLUENCE_ADDED,
                Area.RELATIONSHIPS,
                who,
                f"{who} now influences {whom}.",
                source,
            )
        )
    for source, target in sorted(old.influence - new.influence):
        who, whom = _name(new, source, old), _name(new, target, old)
        out.append(
            Change(
                Kind.INFLUENCE_REMOVED,
                Area.RELATIONSHIPS,
                who,
                f"{who} no longer influences {whom}.",
                source,
            )
        )
    return out


# --- stairway, dimensions, metrics, actions -------------------------------------------


def _use_cases(old: AccountState, new: AccountState) -> list[Change]:
    out: list[Change] = []
    st = Area.STAIRWAY
    for uid, uc in new.use_cases.items():
        was = old.use_cases.get(uid)
        t = uc.title
        if was is None:
            text = f"Use case {t} added ({label(StairStep, uc.step)}, {_quarter(uc.quarter)})."
            out.append(Change(Kind.USE_CASE_ADDED, st, t, text, uid))
            continue
        if uc.quarter != was.quarter:
            text = f"{t} moved to {_quarter(uc.quarter)} (was {_quarter(was.quarter)})."
            out.append(Change(Kind.USE_CASE_QUARTER, st, t, text, uid))
        if uc.step != was.step:
            step, was_step = label(StairStep, uc.step), label(StairStep, was.step)
            text = f"{t} is now on the {step} step (was {was_step})."
            out.append(Change(Kind.USE_CASE_STEP, st, t, text, uid))
        if uc.status != was.status:
            now_s, was_s = label(UseCaseStatus, uc.status), label(UseCaseStatus, was.status)
            text = f"{t} is now {now_s.lower()} (was {was_s.lower()})."
            out.append(Change(Kind.USE_CASE_STATUS, st, t, text, uid))
    for uid, uc in old.use_cases.items():
        if uid not in new.use_cases:
            text = f"Use case {uc.title} removed."
            out.append(Change(Kind.USE_CASE_REMOVED, st, uc.title, text, uid))
    return out


def _dimensions(old: AccountState, new: AccountState) -> list[Change]:
    out: list[Change] = []
    for key in sorted(set(old.dimensions) | set(new.dimensions)):
        # A dimension with no row reads as one not pursued, with nothing recorded.
        was = old.dimensions.get(key) or DimensionState(key, applies=False)
        now = new.dimensions.get(key) or DimensionState(key, applies=False)
        parts: list[str] = []
        if now.applies != was.applies:
            parts.append("now pursued" if now.applies else "no longer pursued")
        unit = now.unit or was.unit
        for what, a, b in (
            ("baseline", was.baseline, now.baseline),
            ("current", was.current, now.current),
            ("target", was.target, now.target),
        ):
            if a != b:
                parts.append(f"{what} {_figure(b, unit)} (was {_figure(a, unit)})")
        if now.quarter != was.quarter:
            parts.append(f"target quarter {_quarter(now.quarter)} (was {_quarter(was.quarter)})")
        if now.unit != was.unit and key in old.dimensions and key in new.dimensions:
            parts.append(f"unit {now.unit or 'none'} (was {was.unit or 'none'})")
        if parts:
            name = label(Dimension, key)
            out.append(Change(Kind.DIMENSION, Area.EXPANSION, name, f"{name}: {'; '.join(parts)}."))
    return out


def _metrics(old: AccountState, new: AccountState) -> list[Change]:
    out: list[Change] = []
    for mid, m in new.metrics.items():
        was = old.metrics.get(mid)
        if m.latest is None:
            continue
        value = _figure(m.latest, m.unit)
        if was is None or was.latest is None or (was.latest_on != m.latest_on):
            text = f"{m.name}: {value} recorded on {_day(m.latest_on)}."
            if was is not None and was.latest is not None:
                text = (
                    text[:-1] + f" (was {_figure(was.latest, was.unit)} on {_day(was.latest_on)})."
                )
            out.append(Change(Kind.METRIC_RECORDED, Area.VALUE, m.name, text, mid))
        elif was.latest != m.latest:
            before = _figure(was.latest, was.unit)
            text = f"{m.name} on {_day(m.latest_on)} is now {value} (was {before})."
            out.append(Change(Kind.METRIC_CHANGED, Area.VALUE, m.name, text, mid))
    return out


_CLOSED = {ActionStatus.DONE.value, ActionStatus.CANCELLED.value}


def _actions(old: AccountState, new: AccountState) -> list[Change]:
    out: list[Change] = []
    ap = Area.ACTIONS
    for aid, a in new.actions.items():
        was = old.actions.get(aid)
        if was is None:
            owner = f", owner {a.owner}" if a.owner else ""
            due = f", due {_day(a.due)}" if a.due else ""
            out.append(
                Change(
                    Kind.ACTION_ADDED, ap, a.title, f"Action agreed: {a.title}{owner}{due}.", aid
                )
            )
            continue
        if a.status in _CLOSED and was.status not in _CLOSED:
            how = label(ActionStatus, a.status).lower()
            out.append(
                Change(Kind.ACTION_CLOSED, ap, a.title, f"Action closed ({how}): {a.title}.", aid)
            )
        elif was.status in _CLOSED and a.status not in _CLOSED:
            out.append(
                Change(Kind.ACTION_REOPENED, ap, a.title, f"Action reopened: {a.title}.", aid)
            )
        if a.due != was.due:
            text = f"{a.title} is now due {_day(a.due)} (was {_day(was.due)})."
            out.append(Change(Kind.ACTION_DUE, ap, a.title, text, aid))
    for aid, a in old.actions.items():
        if aid not in new.actions:
            out.append(Change(Kind.ACTION_REMOVED, ap, a.title, f"Action removed: {a.title}.", aid))
    return out
