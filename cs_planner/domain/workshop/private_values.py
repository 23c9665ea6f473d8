"""The private values of one account as they are stored: what a customer copy, a picture
or the window in workshop mode must never show. Read field by field from
``privacy.FIELDS``, so a field declared private is looked for without naming it here.

A value that is also shown through a shared field (a team member who is both a person's
owner and the CSM, an amount that is also a use case's value) is not counted: the customer
may see it for the shared reason."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Enum, Numeric, Table, select
from sqlalchemy.orm import Session

from cs_planner.domain.enums import BuyingRole, Stance
from cs_planner.domain.model import Base
from cs_planner.domain.workshop.privacy import FIELDS, Layer

MIN_TEXT = 6  # shorter texts ("Q3", "open") are words any screen holds
MIN_AMOUNT = 1000.0  # smaller numbers (influence 3, confidence 50) are any count's
# Stance and buying-role words a shared screen has reasons of its own to show: a use
# case's champion and a person's level are shared.
SHARED_WORDS = frozenset({"Champion", "Neutral", "User", "Executive sponsor"})


@dataclass(frozen=True)
class PrivateValues:
    texts: frozenset[str]  # notes, descriptions, our owners' names
    amounts: frozenset[float]  # money
    words: frozenset[str]  # stance and buying-role labels


def _team_names(session: Session) -> dict[int, str]:
    team = Base.metadata.tables["team_member"]
    return {i: n for i, n in session.execute(select(team.c.id, team.c.name))}


def _rows(session: Session, table: Table, account_id: int) -> list[Any]:
    if "account_id" in table.c:
        return list(session.execute(select(table).where(table.c.account_id == account_id)))
    if table.name == "account":
        return list(session.execute(select(table).where(table.c.id == account_id)))
    return []


def private_values(session: Session, account_id: int) -> PrivateValues:
    """The account's private texts and amounts, less those its shared fields show too."""
    team = _team_names(session)
    found: dict[Layer, tuple[set[str], set[float]]] = {
        Layer.PRIVATE: (set(), set()),
        Layer.SHARED: (set(), set()),
    }
    for table in Base.metadata.sorted_tables:
        if table.name == "team_member":
            continue  # read through the fields that name a person
        declared = FIELDS[table.name]
        for row in _rows(session, table, account_id):
            for column in table.c:
                texts, amounts = found[declared[column.name]]
                value = row._mapping[column.name]
                if value is None or isinstance(value, bool | enum.Enum):
                    continue
                if isinstance(column.type, Enum):
                    continue
                if any(fk.column.table.name == "team_member" for fk in column.foreign_keys):
                    if value in team:
                        texts.add(team[value])
                elif isinstance(value, str) and len(value.strip()) >= MIN_TEXT:
                    texts.add(value.strip())
                elif isinstance(column.type, Numeric) and abs(float(value)) >= MIN_AMOUNT:
                    amounts.add(float(value))
    private_texts, private_amounts = found[Layer.PRIVATE]
    shared_texts, shared_amounts = found[Layer.SHARED]
    texts = {
        t for t in private_texts if not any(t.casefold() in s.casefold() for s in shared_texts)
    }
    words = {m.label for m in (*Stance, *BuyingRole)} - SHARED_WORDS
    return PrivateValues(
        frozenset(texts), frozenset(private_amounts - shared_amounts), frozenset(words)
    )
