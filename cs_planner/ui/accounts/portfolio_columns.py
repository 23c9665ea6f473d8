"""The portfolio list's columns (what a CSM scans first beside the name), its filter and its
model: the one table model, in the portfolio's currency, found by account id."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from cs_planner.domain.accounts.listing import AccountRow
from cs_planner.domain.accounts.rules import NO_ARR_YET
from cs_planner.domain.enums import HealthBand, LifecycleStage, Tier
from cs_planner.ui.common import format as fmt
from cs_planner.ui.common import theme
from cs_planner.ui.common.table_model import Align, Col, RowsModel
from cs_planner.ui.value.health_charts import band_colour

if TYPE_CHECKING:
    from cs_planner.domain.value.health import Scored as Health

RENEWAL_WARNING_DAYS = 90
Keep = Callable[[AccountRow], bool]


class Column(IntEnum):
    """The list's columns in display order: what a CSM scans first (ARR, multiple,
    renewal) sits beside the name, so a laptop-width list shows it without scrolling."""

    ACCOUNT = 0
    ARR = 1
    MULTIPLE = 2
    RENEWAL = 3
    HEALTH = 4
    TIER = 5
    STAGE = 6
    CSM = 7
    CSA = 8


HEADERS = {
    Column.ACCOUNT: "Account",
    Column.ARR: "ARR",
    Column.MULTIPLE: "Multiple",
    Column.RENEWAL: "Renewal",
    Column.HEALTH: "Health",
    Column.TIER: "Tier",
    Column.STAGE: "Stage",
    Column.CSM: "CSM",
    Column.CSA: "CSA",
}

TOOLTIPS = {
    Column.TIER: "Top, leveraged or scalable: the manual override if set, else the suggestion "
    "(strategic first, then by ARR, while the CSM team's hours allow)",
    Column.MULTIPLE: "Expansion multiple: current ARR divided by the initial deal X",
    Column.HEALTH: "Health score today, 0-100 from the leading indicators (the account's "
    "Value tab): red under 50, amber under 75, green from 75; filled in a moment after the "
    "list shows",
    Column.RENEWAL: "Renewal date and the days left until it",
    Column.CSA: "The CSAs allocated to the account today",
}

# Default widths: a fixed width for names, else the width of a long value in the
# table's font (so a larger system font clips nothing); the list's default width
# (main_window) shows Account to Renewal.
COLUMN_WIDTHS: dict[Column, int | str] = {
    Column.ACCOUNT: 176,
    Column.ARR: "$10,000,000",
    Column.MULTIPLE: "Multiple ▾",
    Column.HEALTH: "Health ▾",
    Column.RENEWAL: "2027-10-24 · in 365 d",
    Column.TIER: "Leveraged ★",
    Column.STAGE: "Expand",
    Column.CSM: 130,
}


def _tier_tip(row: AccountRow) -> str:
    note = "strategic account; " if row.strategic else ""
    if row.tier != row.suggested_tier:
        return f"{note}set by hand (suggested: {row.suggested_tier.label})"
    return f"{note}suggested from ARR rank"


def _renewal(row: AccountRow) -> str:
    if row.renewal_date is None:
        return ""
    return f"{fmt.date(row.renewal_date)} · {fmt.days(row.days_to_renewal)}"


def _renewal_colour(row: AccountRow) -> str | None:
    days = row.days_to_renewal
    return theme.BAD if days is not None and days < RENEWAL_WARNING_DAYS else None


def account_columns(
    currency: Callable[[], str], health: Callable[[int], Health | None]
) -> list[Col[AccountRow]]:
    """In ``Column`` order; money in the portfolio's ``currency()``; ``health(id)`` an
    account's score (None: not scored yet, or churned)."""

    def score(row: AccountRow) -> float | None:
        found = health(row.id)
        return None if found is None else found.score

    def health_text(row: AccountRow) -> str:
        value = score(row)
        return "" if value is None else f"{value:.0f}"

    def health_tip(row: AccountRow) -> str | None:
        found = health(row.id)
        if found is None:
            return "Churned" if row.churned else None
        if found.score is None:
            return "No data yet: no indicator has any"
        return f"{found.band.label if found.band else ''}: {found.reason}"

    def money(amount: float) -> str:
        return fmt.money(amount, currency())

    def multiple_tip(row: AccountRow) -> str:
        if row.multiple is None:
            return NO_ARR_YET
        return f"{money(row.arr)} ARR over an initial deal of {money(row.initial_deal_value)}"

    return [
        Col(
            HEADERS[Column.ACCOUNT],
            lambda r: r.name,
            lambda r: r.name.lower(),
            tip=lambda r: f"{r.name} — {r.industry}" if r.industry else None,
            # The health band at a glance beside the name; the score is its own column.
            mark=lambda r: band_colour(value) if (value := score(r)) is not None else None,
        ),
        Col(HEADERS[Column.ARR], lambda r: money(r.arr), lambda r: r.arr, Align.RIGHT),
        Col(
            HEADERS[Column.MULTIPLE],
            lambda r: fmt.multiple(r.multiple),
            lambda r: (r.multiple is not None, r.multiple or 0.0),  # none: lowest
            Align.RIGHT,
            colour=lambda r: theme.MUTED if r.multiple is None else None,
            tip=multiple_tip,
            header_tip=TOOLTIPS[Column.MULTIPLE],
        ),
        Col(
            HEADERS[Column.RENEWAL],
            _renewal,
            lambda r: (r.renewal_date is None, r.renewal_date),
            colour=_renewal_colour,
            header_tip=TOOLTIPS[Column.RENEWAL],
        ),
        Col(
            HEADERS[Column.HEALTH],
            health_text,
            lambda r: (score(r) is not None, score(r) or 0.0),  # none: lowest
            Align.RIGHT,
            colour=lambda r: band_colour(score(r)) if score(r) is not None else None,
            tip=health_tip,
            header_tip=TOOLTIPS[Column.HEALTH],
        ),
        Col(
            HEADERS[Column.TIER],
            lambda r: r.tier.label + (" ★" if r.strategic else ""),
            lambda r: list(Tier).index(r.tier),
            tip=_tier_tip,
            header_tip=TOOLTIPS[Column.TIER],
        ),
        Col(
            HEADERS[Column.STAGE],
            lambda r: r.stage.label,
            lambda r: list(LifecycleStage).index(r.stage),
        ),
        Col(HEADERS[Column.CSM], lambda r: r.csm, lambda r: (r.csm == "", r.csm.lower())),
        Col(
            HEADERS[Column.CSA],
            lambda r: r.csas,
            lambda r: (r.csas == "", r.csas.lower()),
            header_tip=TOOLTIPS[Column.CSA],
        ),
    ]


NO_HEALTH = "no data"  # the health filter's choice of accounts without a score


@dataclass(frozen=True)
class AccountFilter:
    """What the list shows: a search text (name, industry or CSM), a tier, a stage, a CSM,
    a health band (or NO_HEALTH)."""

    text: str = ""
    tier: Tier | None = None
    stage: LifecycleStage | None = None
    csm: str | None = None
    band: HealthBand | str | None = None

    def predicate(self, health: Callable[[int], Health | None]) -> Keep | None:
        """The test of a row's tier, stage, CSM and health band, or None when every row
        passes (the text is searched by the model, in each row's ``search_text``)."""
        tier, stage, csm, band = self.tier, self.stage, self.csm, self.band
        if tier is None and stage is None and csm is None and band is None:
            return None

        def banded(r: AccountRow) -> bool:
            found = health(r.id)
            shown = found.band if found is not None and found.score is not None else NO_HEALTH
            return shown == band

        def keeps(r: AccountRow) -> bool:
            return (
                (tier is None or r.tier == tier)
                and (stage is None or r.stage == stage)
                and (csm is None or r.csm == csm)
                and (band is None or banded(r))
            )

        return keeps


def search_text(row: AccountRow) -> str:
    """What the search box looks in: the name, industry and CSM."""
    return f"{row.name}\n{row.industry}\n{row.csm}"


class PortfolioModel(RowsModel[AccountRow]):
    """The list's rows through ``account_columns``, in the portfolio's currency, found by
    account id."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            account_columns(lambda: self.currency, self.health_of), parent, search=search_text
        )
        self.currency = "USD"
        self.filter = AccountFilter()
        self.health: Mapping[int, Health] = {}
        self._by_id: dict[int, AccountRow] = {}

    def health_of(self, account_id: int) -> Health | None:
        return self.health.get(account_id)

    def set_health(self, scores: Mapping[int, Health]) -> None:
        """New scores: the column repaints, and a sort or filter by health applies again."""
        self.health = scores
        self.set_filter(self.filter.predicate(self.health_of), text=self.filter.text)
        if self._sort is not None and self._sort[0] == Column.HEALTH:
            self.sort(*self._sort)
        if self.rowCount():
            top, bottom = (
                self.index(0, Column.HEALTH),
                self.index(self.rowCount() - 1, Column.HEALTH),
            )
            self.dataChanged.emit(top, bottom)

    def set_accounts(self, rows: list[AccountRow], currency: str) -> None:
        self.currency = currency
        self._by_id = {r.id: r for r in rows}
        self.set_rows(rows)

    def filter_by(self, **changes: Any) -> None:
        """Change some of the filters: ``text``, ``tier``, ``stage``, ``csm`` (None clears)."""
        self.filter = replace(self.filter, **changes)
        self.set_filter(self.filter.predicate(self.health_of), text=self.filter.text)

    def row_of(self, account_id: int) -> int | None:
        row = self._by_id.get(account_id)
        return None if row is None else self.position(row)

    def csms(self) -> list[str]:
        return sorted({r.csm for r in self.every_row() if r.csm}, key=str.lower)
