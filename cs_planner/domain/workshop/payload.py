"""A snapshot's payload: JSON keyed by stable names and record ids, compressed with zlib. A
snapshot is written once and read rarely, and zlib makes an account's JSON three to five
times smaller (a 23-person demo account: 7.3 kB to 1.9 kB), so a workshop a month on a
hundred accounts stays small in the file; JSON text would be readable in any SQLite tool,
but nobody reads it there. Each payload carries its format; the reader takes what it
finds and defaults what is missing, so a snapshot taken before a later migration (a field
added or renamed in the tables) still opens: the tables are never read back from the
payload, only these keys. The private layer (stances, buying roles, influence lines) is a
payload of its own, blanked in a customer copy."""

from __future__ import annotations

import datetime as dt
import json
import zlib
from typing import Any

from cs_planner.domain.errors import ValidationError
from cs_planner.domain.workshop.state import (
    FORMAT,
    AccountState,
    ActionState,
    DimensionState,
    MetricState,
    Person,
    UseCaseState,
)

# --- the payload ----------------------------------------------------------------------


def _day(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def encode(state: AccountState) -> tuple[bytes, bytes]:
    """The shared payload and the private one (stances, buying roles, influence lines)."""
    shared = {
        "format": FORMAT,
        "account": {"id": state.account_id, "name": state.account_name},
        "people": [
            {
                "id": p.id,
                "name": p.name,
                "title": p.title,
                "level": p.level,
                "status": p.status,
                "reports_to": p.manager_id,
            }
            for p in state.people.values()
        ],
        "use_cases": [
            {
                "id": u.id,
                "title": u.title,
                "step": u.step,
                "status": u.status,
                "target_quarter": _day(u.quarter),
            }
            for u in state.use_cases.values()
        ],
        "dimensions": [
            {
                "dimension": d.dimension,
                "applies": d.applies,
                "unit": d.unit,
                "baseline": d.baseline,
                "current": d.current,
                "target": d.target,
                "target_quarter": _day(d.quarter),
            }
            for d in state.dimensions.values()
        ],
        "metrics": [
            {
                "id": m.id,
                "metric": m.name,
                "unit": m.unit,
                "latest_on": _day(m.latest_on),
                "latest": m.latest,
            }
            for m in state.metrics.values()
        ],
        "actions": [
            {
                "id": a.id,
                "title": a.title,
                "owner": a.owner,
                "due_date": _day(a.due),
                "status": a.status,
            }
            for a in state.actions.values()
        ],
    }
    private = {
        "format": FORMAT,
        "people": [
            {"id": p.id, "stance": p.stance, "roles": sorted(p.roles or ())}
            for p in state.people.values()
        ],
        "influence_lines": [{"source": s, "target": t} for s, t in sorted(state.influence or ())],
    }
    return _pack(shared), _pack(private)


def _pack(data: dict[str, Any]) -> bytes:
    return zlib.compress(json.dumps(data, separators=(",", ":")).encode(), 9)


def _unpack(blob: bytes | None) -> dict[str, Any]:
    if not blob:
        return {}
    try:
        data = json.loads(zlib.decompress(blob).decode())
    except (zlib.error, UnicodeDecodeError, ValueError) as error:
        raise ValidationError(f"This snapshot cannot be read ({error}).", "payload") from error
    return data if isinstance(data, dict) else {}


def _rows(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    rows = data.get(key)
    return [r for r in rows if isinstance(r, dict)] if isinstance(rows, list) else []


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _id(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _text(value: Any, default: str = "") -> str:
    return value if isinstance(value, str) else default


def decode(payload: bytes, private_payload: bytes | None = None) -> AccountState:
    """An ``AccountState`` from a stored payload of any format so far: a key missing (an
    older format, a customer copy without the private layer) reads as its default, a row
    without its id is skipped."""
    shared, private = _unpack(payload), _unpack(private_payload)
    found = shared.get("account")
    account: dict[str, Any] = found if isinstance(found, dict) else {}
    stances = {r["id"]: r for r in _rows(private, "people") if _id(r.get("id")) is not None}
    people: dict[int, Person] = {}
    for r in _rows(shared, "people"):
        pid = _id(r.get("id"))
        if pid is None:
            continue
        own = stances.get(pid)
        roles = own.get("roles") if own else None
        people[pid] = Person(
            pid,
            _text(r.get("name"), f"Person {pid}"),
            _text(r.get("title")),
            _text(r.get("level")),
            _text(r.get("status"), "active"),
            _id(r.get("reports_to")),
            _text(own.get("stance")) or None if own else None,
            frozenset(x for x in roles if isinstance(x, str)) if isinstance(roles, list) else None,
        )
    lines = _rows(private, "influence_lines")
    influence = (
        frozenset(
            (s, t)
            for r in lines
            if (s := _id(r.get("source"))) is not None and (t := _id(r.get("target"))) is not None
        )
        if "influence_lines" in private
        else None
    )
    use_cases = {
        i: UseCaseState(
            i,
            _text(r.get("title"), f"Use case {i}"),
            _text(r.get("step")),
            _text(r.get("status")),
            _date(r.get("target_quarter")),
        )
        for r in _rows(shared, "use_cases")
        if (i := _id(r.get("id"))) is not None
    }
    dimensions = {
        d: DimensionState(
            d,
            r.get("applies") is not False,
            _text(r.get("unit")),
            _number(r.get("baseline")),
            _number(r.get("current")),
            _number(r.get("target")),
            _date(r.get("target_quarter")),
        )
        for r in _rows(shared, "dimensions")
        if (d := _text(r.get("dimension")))
    }
    metrics = {
        i: MetricState(
            i,
            _text(r.get("metric"), f"Metric {i}"),
            _text(r.get("unit")),
            _date(r.get("latest_on")),
            _number(r.get("latest")),
        )
        for r in _rows(shared, "metrics")
        if (i := _id(r.get("id"))) is not None
    }
    actions = {
        i: ActionState(
            i,
            _text(r.get("title"), f"Action {i}"),
            _text(r.get("owner")),
            _date(r.get("due_date")),
            _text(r.get("status"), "open"),
        )
        for r in _rows(shared, "actions")
        if (i := _id(r.get("id"))) is not None
    }
    return AccountState(
        _id(account.get("id")) or 0,
        _text(account.get("name")),
        people,
        influence,
        use_cases,
        dimensions,
        metrics,
        actions,
    )
