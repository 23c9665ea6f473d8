"""Value messages: one statement per audience, drafted from the account's live and adopted
use cases and its metric gains. A draft is derived, never stored; the CSM's edit is stored
as a ``ValueMessage`` row, and "reset to draft" deletes it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cs_planner.domain.changes import Changes
from cs_planner.domain.edits import Edit
from cs_planner.domain.enums import Audience, MetricSource, UseCaseStatus
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import Division, UseCase, ValueMessage
from cs_planner.domain.value.metrics import MetricRow, with_unit

SHOWN = (UseCaseStatus.ADOPTED, UseCaseStatus.LIVE)
NOTHING_YET = (
    "No live or adopted use case and no measured gain yet: the draft fills in as use cases "
    "go live and metrics move."
)


@dataclass(frozen=True)
class ValueCase:
    """A live or adopted use case, as a value message tells it."""

    title: str
    status: UseCaseStatus
    division: str = ""
    problem: str = ""
    usage_metric: str = ""
    users_reached: int = 0
    users_targeted: int = 0
    annual_value: float = 0.0


@dataclass(frozen=True)
class MessageRow:
    audience: Audience
    draft: str
    saved: str | None  # the CSM's text, or None while the draft stands

    @property
    def text(self) -> str:
        return self.draft if self.saved is None else self.saved


# --- drafting (pure) ------------------------------------------------------------------------


def _users(case: ValueCase) -> str:
    if case.users_targeted:
        return f"{case.users_reached:,} of {case.users_targeted:,} users on it"
    return f"{case.users_reached:,} users on it" if case.users_reached else ""


def _gain(metric: MetricRow) -> str:
    """'Time to proof of delivery: 48 h → 2 h' (baseline to latest), or '' without both."""
    latest = metric.latest
    if metric.baseline is None or latest is None or latest[2] == metric.baseline:
        return ""
    before, now = with_unit(metric.baseline, metric.unit), with_unit(latest[2], metric.unit)
    return f"{metric.name}: {before} → {now}"


def _case_line(case: ValueCase, money: Callable[[float], str], *, value: bool) -> str:
    head = f"{case.division}: {case.title}" if case.division else case.title
    parts = [head]
    if case.problem and not value:
        parts[0] += f" ({case.problem.rstrip('.')})"
    if reached := _users(case):
        parts.append(reached)
    if value and case.annual_value:
        parts.append(f"worth {money(case.annual_value)} a year")
    return "; ".join(parts)


def draft(
    audience: Audience,
    account: str,
    cases: Sequence[ValueCase],
    metrics: Sequence[MetricRow],
    money: Callable[[float], str],
) -> str:
    """The statement an audience wants to hear: a department head the outcomes and their
    value, an end user how the work got easier, a technical buyer adoption and what the
    product's own data shows. A headline, then one point a line."""
    adopted = [c for c in cases if c.status in SHOWN]
    gains = [g for g in (_gain(m) for m in metrics) if g]
    if not adopted and not gains:
        return NOTHING_YET
    headline, points = "", []
    if audience == Audience.DEPARTMENT_HEAD:
        total = sum(c.annual_value for c in adopted)
        if total:
            headline = f"{account} realises {money(total)} a year from what is live today."
        points = [_case_line(c, money, value=True) for c in adopted] + gains
    elif audience == Audience.END_USER:
        points = [_case_line(c, money, value=False) for c in adopted] + gains
    else:
        live = sum(1 for c in adopted if c.status == UseCaseStatus.LIVE)
        if adopted:
            headline = f"{len(adopted) - live} use case(s) adopted and {live} live."
        reached = sum(c.users_reached for c in adopted)
        targeted = sum(c.users_targeted for c in adopted)
        if targeted:
            points.append(f"{reached:,} of {targeted:,} targeted users reached.")
        for m in metrics:
            gain = _gain(m)
            if gain and m.source != MetricSource.PRODUCT_USAGE:
                gain += " (customer-provided)"
            points += [gain] if gain else []
    return "\n".join([headline] * bool(headline) + [f"• {p}" for p in points])


# --- queries --------------------------------------------------------------------------------


def value_cases(session: Session, account_id: int) -> tuple[ValueCase, ...]:
    """The account's live and adopted use cases with their division's name (one query)."""
    rows = session.execute(
        select(
            UseCase.title,
            UseCase.status,
            Division.name.label("division"),
            UseCase.problem,
            UseCase.usage_metric,
            UseCase.users_reached,
            UseCase.users_targeted,
            UseCase.annual_value,
        )
        .outerjoin(Division, Division.id == UseCase.division_id)
        .where(UseCase.account_id == account_id, UseCase.status.in_(SHOWN))
        .order_by(UseCase.status, UseCase.annual_value.desc(), UseCase.title)
    )
    return tuple(
        ValueCase(
            r.title,
            r.status,
            r.division or "",
            " ".join((r.problem or "").split()),
            r.usage_metric,
            r.users_reached,
            r.users_targeted,
            r.annual_value,
        )
        for r in rows
    )


def saved_messages(session: Session, account_id: int) -> dict[Audience, str]:
    rows = session.execute(
        select(ValueMessage.audience, ValueMessage.text).where(
            ValueMessage.account_id == account_id
        )
    )
    return {r.audience: r.text for r in rows}


def load_messages(
    session: Session,
    account_id: int,
    account: str,
    metrics: Sequence[MetricRow],
    money: Callable[[float], str],
) -> tuple[MessageRow, ...]:
    cases, saved = value_cases(session, account_id), saved_messages(session, account_id)
    return tuple(
        MessageRow(a, draft(a, account, cases, metrics, money), saved.get(a)) for a in Audience
    )


# --- edits ----------------------------------------------------------------------------------


def _write(session: Session, account_id: int, audience: Audience, text: str | None) -> str | None:
    """Store ``text`` for the audience (None: delete it, back to the draft); returns the
    text stored before."""
    row = session.scalar(
        select(ValueMessage).where(
            ValueMessage.account_id == account_id, ValueMessage.audience == audience
        )
    )
    old = row.text if row is not None else None
    if text is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(ValueMessage(account_id=account_id, audience=audience, text=text))
    else:
        row.text = text
    session.flush()
    return old


class SaveMessage(Edit):
    """Store the CSM's text for one audience (``text`` None: reset to the draft). Keyed by
    the audience, so undo and redo need no row id."""

    def __init__(self, account_id: int, audience: Audience, text: str | None) -> None:
        what = "Reset" if text is None else "Edit"
        self.text = f"{what} the value message for {audience.label.lower()}s"
        if text is not None and not text.strip():
            raise ValidationError(
                "A value message cannot be empty: reset it to the draft instead.", "text"
            )
        self.account_id, self.audience = account_id, audience
        self.new = text.strip() if text is not None else None
        self.old: str | None = None

    def apply(self, session: Session) -> Changes:
        self.old = _write(session, self.account_id, self.audience, self.new)
        return Changes.account(self.account_id)

    def revert(self, session: Session) -> Changes:
        _write(session, self.account_id, self.audience, self.old)
        return Changes.account(self.account_id)
