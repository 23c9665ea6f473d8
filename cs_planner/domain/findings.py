"""A finding: one short sentence a rule says about an account, how serious it is, and the
people (or rows) it concerns. Every capability's rules speak in findings, so one panel
and one sheet layout show them all."""

from __future__ import annotations

from dataclasses import dataclass

from cs_planner.domain.enums import Severity


@dataclass(frozen=True)
class Finding:
    key: str
    severity: Severity
    text: str
    people: tuple[int, ...] = ()
