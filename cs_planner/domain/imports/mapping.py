"""The mapping of a file's columns to target fields: each field a column, a fixed value or
nothing. Recognised from the headers, written to and read from TOML, and remembered per
header set in the portfolio (table ``import_mapping``)."""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from cs_planner.domain.errors import ValidationError
from cs_planner.domain.imports.fields import (
    FIELDS,
    SYNONYMS,
    Kind,
    guess_kind,
    guess_source,
    normalise,
)
from cs_planner.domain.imports.values import DateOrder
from cs_planner.domain.model import ImportMapping


@dataclass(frozen=True)
class Source:
    """Where a target field's value comes from: a column (by header) or a fixed value."""

    column: str | None = None
    value: str | None = None


@dataclass
class Mapping:
    kind: Kind
    source: str  # "salesforce", "hubspot", "hr", "file": record ids are kept per source
    fields: dict[str, Source] = field(default_factory=dict)
    # How 03/04/2026 reads when no value of a date column decides (values.column_order).
    date_order: DateOrder = DateOrder.DAY_FIRST
    # Owner values -> a team member's name or e-mail (a Salesforce OwnerId is a user id).
    owners: dict[str, str] = field(default_factory=dict)

    def value(self, headers: tuple[str, ...], cells: tuple[str, ...], target: str) -> str:
        """The text a row gives a target field ("" when unmapped)."""
        where = self.fields.get(target)
        if where is None:
            return ""
        if where.value is not None:
            return where.value
        try:
            return cells[headers.index(where.column or "")]
        except ValueError:
            return ""

    def picks(self, headers: tuple[str, ...]) -> list[tuple[str, int | None, str]]:
        """(target, column index or None, fixed text) per field: ``value`` for many rows."""
        found: list[tuple[str, int | None, str]] = []
        for target, where in self.fields.items():
            if where.value is not None:
                found.append((target, None, where.value))
            elif where.column in headers:
                found.append((target, headers.index(where.column), ""))
        return found

    def check(self, headers: tuple[str, ...], name: str = "") -> None:
        """Every mapped column must be in the file and every field known."""
        known = FIELDS[self.kind]
        for target, where in self.fields.items():
            if target not in known:
                raise ValidationError(
                    f"The mapping names a field '{target}' that {self.kind.value} do not have; "
                    f"known fields: {', '.join(known)}."
                )
            if where.column is not None and where.column not in headers:
                raise ValidationError(
                    f"The mapping takes {known[target]} from a column '{where.column}' that "
                    f"{name or 'the file'} does not have."
                )

    def to_toml(self) -> str:
        lines = [
            f"kind = {_q(self.kind.value)}",
            f"source = {_q(self.source)}",
            f"date_order = {_q(self.date_order.value)}",
            "",
            "[fields]",
        ]
        for target, where in self.fields.items():
            what = "column" if where.column is not None else "value"
            lines.append(f"{target} = {{ {what} = {_q(where.column or where.value or '')} }}")
        if self.owners:
            lines += ["", "[owners]"]
            lines += [f"{_q(value)} = {_q(member)}" for value, member in self.owners.items()]
        return "\n".join(lines) + "\n"

    @classmethod
    def from_toml(cls, text: str, where: str = "the mapping") -> Mapping:
        try:
            data = tomllib.loads(text)
            kind = Kind(data["kind"])
            fields = {
                str(target): Source(
                    column=spec.get("column"), value=None if "column" in spec else spec["value"]
                )
                for target, spec in data.get("fields", {}).items()
            }
            order = data.get("date_order", DateOrder.DAY_FIRST.value)
            owners = data.get("owners", {})
            mapping = cls(kind, str(data.get("source", "file")), fields)
        except tomllib.TOMLDecodeError as exc:
            raise ValidationError(f"{where} is not valid TOML ({exc}).") from exc
        except (KeyError, ValueError, TypeError, AttributeError) as exc:
            raise ValidationError(
                f'{where} needs kind = "accounts" or "contacts" and a [fields] table of '
                'field = { column = "Header" } or field = { value = "text" } lines.'
            ) from exc
        if not isinstance(order, str) or order not in {o.value for o in DateOrder}:
            raise ValidationError(
                f'{where} has date_order = "{order}"; write "day first" or "month first".'
            )
        mapping.date_order = DateOrder(order)
        if not isinstance(owners, dict) or not all(
            isinstance(v, str) and v.strip() for v in owners.values()
        ):
            raise ValidationError(
                f'{where} has an [owners] table that is not "owner value" = "team member" lines.'
            )
        mapping.owners = {str(k).strip(): v.strip() for k, v in owners.items() if str(k).strip()}
        return mapping

    @classmethod
    def load(cls, path: Path) -> Mapping:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ValidationError(f"The mapping {path.name} could not be read ({exc}).") from exc
        return cls.from_toml(text, f"The mapping {path.name}")


def _q(text: str) -> str:
    # A JSON string is a TOML basic string (same escapes), so no TOML writer is needed.
    return json.dumps(text, ensure_ascii=False)


def recognise(headers: tuple[str, ...], kind: Kind | None = None) -> Mapping:
    """The mapping the headers suggest; the first column that matches a field wins."""
    kind = kind or guess_kind(headers)
    synonyms = SYNONYMS[kind]
    fields: dict[str, Source] = {}
    for header in headers:
        target = synonyms.get(normalise(header))
        if target and target not in fields:
            fields[target] = Source(column=header)
    if kind is Kind.CONTACTS and "first_name" in fields and "full_name" in fields:
        # Salesforce exports carry Name beside FirstName/LastName: the parts are the record.
        del fields["full_name"]
    return Mapping(kind, guess_source(headers), fields)


def header_key(headers: tuple[str, ...]) -> str:
    names = sorted(normalise(h) for h in headers)
    return hashlib.sha256("\n".join(names).encode()).hexdigest()


def recall(session: Session, headers: tuple[str, ...]) -> Mapping | None:
    """The mapping last used for a file with these headers, if any still fits them."""
    text = session.scalar(
        select(ImportMapping.mapping).where(ImportMapping.header_key == header_key(headers))
    )
    if text is None:
        return None
    try:
        mapping = Mapping.from_toml(text)
        mapping.check(headers)
    except ValidationError:
        return None
    return mapping


def remember(session: Session, headers: tuple[str, ...], mapping: Mapping) -> None:
    key = header_key(headers)
    row = session.scalar(select(ImportMapping).where(ImportMapping.header_key == key))
    if row is None:
        row = ImportMapping(header_key=key)
        session.add(row)
    row.headers, row.mapping = "\n".join(headers), mapping.to_toml()


def mapping_for(session: Session, headers: tuple[str, ...]) -> Mapping:
    """The remembered mapping for these headers, else the recognised one."""
    return recall(session, headers) or recognise(headers)


def mappings_for(
    session: Session, headers: tuple[str, ...], contacts: tuple[str, ...] | None = None
) -> list[tuple[Mapping, bool]]:
    """Each file's mapping and whether it was remembered (else recognised). Given two
    files, the first holds the accounts and the second the contacts."""
    found = [(recall(session, h), h) for h in (headers, contacts) if h is not None]
    mappings = [(m or recognise(h), m is not None) for m, h in found]
    if len(mappings) == 2:
        for at, kind in enumerate((Kind.ACCOUNTS, Kind.CONTACTS)):
            if mappings[at][0].kind is not kind:
                mappings[at] = (recognise(found[at][1], kind), False)
    return mappings
