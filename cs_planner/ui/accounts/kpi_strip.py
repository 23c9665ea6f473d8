"""The KPI strip above an account's fields: ARR, the initial deal, the expansion multiple,
license utilization, days to renewal, years as a customer, divisions adopted."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QWidget

from cs_planner.domain.accounts.rows import AccountCard, AccountKpis
from cs_planner.domain.accounts.rules import NO_ARR_YET
from cs_planner.ui.accounts.account_fields import MULTIPLE_TIP, UTILIZATION_TIP
from cs_planner.ui.common import format as fmt
from cs_planner.ui.common.theme import BAD, GOOD, WARN
from cs_planner.ui.common.widgets import KpiTile


class KpiStrip(QWidget):
    """The headline figures of an account, with colours for utilization and renewal."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.arr = KpiTile("ARR", "Annual recurring revenue today.")
        self.deal = KpiTile("Initial deal (X)", "The first contract's annual value.")
        self.multiple = KpiTile("Expansion multiple", MULTIPLE_TIP)
        self.utilization = KpiTile("License utilization", UTILIZATION_TIP)
        self.renewal = KpiTile("Days to renewal", "Red when the renewal is under 90 days away.")
        self.years = KpiTile("Years as a customer")
        self.divisions = KpiTile(
            "Divisions adopted", "Divisions where the product is adopted, of all recorded."
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for tile in (
            self.arr,
            self.deal,
            self.multiple,
            self.utilization,
            self.renewal,
            self.years,
            self.divisions,
        ):
            layout.addWidget(tile, 1)

    def show_kpis(self, kpis: AccountKpis, card: AccountCard, currency: str) -> None:
        self.arr.show_value(fmt.money(kpis.arr, currency), "annual recurring revenue")
        self.deal.show_value(
            fmt.money(kpis.initial_deal_value, currency),
            f"signed {card.initial_deal_date.isoformat()}" if card.initial_deal_date else "",
        )
        if kpis.multiple is None:
            self.multiple.show_value(fmt.multiple(None), "no ARR yet")
            self.multiple.setToolTip(NO_ARR_YET)
        else:
            self.multiple.show_value(fmt.multiple(kpis.multiple), "ARR ÷ initial deal")
            self.multiple.setToolTip(MULTIPLE_TIP)
        utilization = kpis.license_utilization
        if utilization is None:
            self.utilization.show_value("—", "no licensed seats")
        else:
            colour = BAD if utilization < 0.5 else WARN if utilization < 0.8 else GOOD
            self.utilization.show_value(
                f"{utilization:.0%}",
                f"{fmt.count(card.active_users)} of {fmt.count(card.licensed_seats)} seats",
                colour,
            )
        days = kpis.days_to_renewal
        if days is None:
            self.renewal.show_value("—", "no renewal date")
        else:
            text = f"{days:,}" if days >= 0 else f"{-days:,} overdue"
            detail = card.renewal_date.isoformat() if card.renewal_date else ""
            self.renewal.show_value(text, detail, BAD if days < 90 else None)
        years = kpis.years_as_customer
        if years is None:
            self.years.show_value("—", "no start date")
        else:
            since = card.customer_since.isoformat() if card.customer_since else ""
            self.years.show_value(f"{years:.1f}", f"since {since}")
        total = kpis.divisions_total
        self.divisions.show_value(
            f"{kpis.divisions_adopted} of {total}" if total else "—",
            f"{kpis.divisions_adopted / total:.0%} adopted" if total else "none recorded",
        )
