"""The regions and countries where the account operates: a table with add, edit and delete
(its divisions then have no geography), each one undoable edit."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableView

from cs_planner.domain.accounts import edits
from cs_planner.domain.accounts.rows import DivisionRow, GeographyRow, GeographyValues
from cs_planner.domain.accounts.writes import new_geography, update_geography
from cs_planner.ui.accounts.organisation_dialogs import GeographyDialog
from cs_planner.ui.common import widgets
from cs_planner.ui.common.table_model import Align, Col, RowsModel
from cs_planner.ui.common.widgets import ListPanel
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import dry_run

NO_GEOGRAPHIES = "No geographies yet — add the regions and countries where the customer operates."


class GeographiesPanel(ListPanel):
    """The regions and countries where the account operates."""

    def __init__(self, ctx: AppContext) -> None:
        self.model: RowsModel[GeographyRow] = RowsModel(self._columns())
        self._used: dict[int, int] = {}  # divisions in each geography
        self.table = QTableView()
        self.table.setModel(self.model)
        super().__init__(ctx, "Geographies", self.table, NO_GEOGRAPHIES, "Add geography")
        self.model.setParent(self)
        self.add_button.setToolTip("Add a region, or a country in a region (Insert)")
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

    def show_rows(
        self,
        account_id: int,
        account_name: str,
        rows: list[GeographyRow],
        divisions: list[DivisionRow],
    ) -> None:
        used: dict[int, int] = {}
        for division in divisions:
            if division.geography_id is not None:
                used[division.geography_id] = used.get(division.geography_id, 0) + 1
        self._used = used
        self.set_rows(account_id, account_name, lambda: self.model.set_rows(rows))

    def _columns(self) -> list[Col[GeographyRow]]:
        def used(row: GeographyRow) -> int:
            return self._used.get(row.id, 0)

        return [
            Col("Region", lambda r: r.region, lambda r: r.region.lower()),
            Col("Country", lambda r: r.country, lambda r: r.country.lower()),
            Col("Divisions", lambda r: str(used(r) or ""), used, Align.RIGHT),
        ]

    def used_by(self, geography_id: int) -> int:
        return self._used.get(geography_id, 0)

    def add(self) -> None:
        if self.account is None:
            return
        account_id, account_name = self.account
        values = GeographyDialog.ask(
            self,
            title="Add geography",
            initial=GeographyValues(""),
            validate=lambda v: dry_run(self._ctx, lambda s: new_geography(s, account_id, v)),
        )
        if values is not None:
            self.perform_insert(edits.add_geography(account_id, account_name, values))

    def edit(self) -> None:
        if (chosen := self.chosen()) is None:
            return
        row, account_id, account_name = chosen
        initial = GeographyValues(row.region, row.country)
        values = GeographyDialog.ask(
            self,
            title=f"Edit geography {row.label}",
            initial=initial,
            validate=lambda v: dry_run(self._ctx, lambda s: update_geography(s, row.id, v)),
        )
        if values is None or values == initial:
            return
        self.perform(edits.edit_geography(account_id, account_name, row, values))

    def delete(self) -> None:
        if (chosen := self.chosen()) is None:
            return
        row, account_id, account_name = chosen
        used = self.used_by(row.id)
        if used and not widgets.confirm(
            self,
            "Delete geography",
            f"{used} division{'s are' if used > 1 else ' is'} in {row.label}; "
            "they will have no geography. Delete it anyway?",
        ):
            return
        self.perform(edits.delete_geography(account_id, account_name, row))
