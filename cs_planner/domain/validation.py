"""Rules that span rows: same-account references and cycles. Run before every flush."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, object_session

from cs_planner.domain.errors import ValidationError


def _account_key(obj: Any) -> object:
    if getattr(obj, "account_id", None) is not None:
        return obj.account_id
    account = obj.__dict__.get("account")
    if account is None:
        return None
    return account.id if account.id is not None else id(account)


def same_account(owner: Any, other: Any, what: str, field: str) -> None:
    """``other`` (if set) must belong to the same customer account as ``owner``."""
    if other is None:
        return
    mine, theirs = _account_key(owner), _account_key(other)
    if mine is not None and theirs is not None and mine != theirs:
        raise ValidationError(f"{what} belongs to another account.", field)


def no_cycle(obj: Any, parent_attr: str, message: str, field: str | None = None) -> None:
    """Walking ``parent_attr`` upward from ``obj`` must never come back to ``obj``."""
    seen: set[int] = set()
    node = getattr(obj, parent_attr)
    while node is not None:
        if node is obj:
            raise ValidationError(message, field or f"{parent_attr}_id")
        if id(node) in seen:  # a loop above us, not through us: reported when it is checked
            return
        seen.add(id(node))
        node = getattr(node, parent_attr)


def no_id_cycle(obj: Any, column: str, message: str) -> None:
    """Walking ``column`` (a parent's id) upward from ``obj`` through its session must never
    come back to ``obj``: by ids, so a parent id just set is seen (a relationship may still
    hold the parent it was loaded with)."""
    session = object_session(obj)
    seen: set[Any] = set()
    above = getattr(obj, column)
    while above is not None and above not in seen:
        if above == obj.id:
            raise ValidationError(message, column)
        seen.add(above)
        parent = session.get(type(obj), above) if session is not None else None
        above = getattr(parent, column) if parent is not None else None


def check_pending(session: Session) -> None:
    """Run each new or changed object's ``check()``; a failure aborts the flush."""
    for obj in list(session.new) + list(session.dirty):
        check = getattr(obj, "check", None)
        if check is not None and (
            obj in session.new or session.is_modified(obj, include_collections=False)
        ):
            check()


def install(session_factory: Any) -> None:
    """Hook the checks into every session a factory makes."""
    event.listen(session_factory, "before_flush", lambda s, _ctx, _i: check_pending(s))
