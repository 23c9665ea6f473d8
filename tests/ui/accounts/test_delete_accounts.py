"""Portfolio > Delete accounts on a multi-selection: one question, one undo step.

Removing the demo accounts from a portfolio took one confirmation and one undo step per
account; the list now selects several (Shift/Ctrl+click) and deletes them together."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, QSettings, Qt
from PySide6.QtWidgets import QAbstractItemView, QMessageBox
from sqlalchemy import func, select

from cs_planner.demo import generate
from cs_planner.domain.model import Account, Base
from cs_planner.ui.accounts.account_delete import DELETE_NAMES_SHOWN
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot, portfolio, today, tmp_path: Path) -> MainWindow:
    generate(portfolio, accounts=12, seed=5, today=today)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(portfolio)
    ctx.today = lambda: today
    win = MainWindow(ctx, None, settings)
    qtbot.addWidget(win)
    return win


def _select_rows(window: MainWindow, rows: list[int]) -> list[int]:
    """Select rows as Ctrl+click does; returns their account ids."""
    table = window.portfolio_view.table
    model = window.portfolio_view.model
    table.selectionModel().setCurrentIndex(
        model.index(rows[0], 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    for row in rows[1:]:
        selection = QItemSelection(model.index(row, 0), model.index(row, model.columnCount() - 1))
        table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.Select)
    return [model.row_at(row).id for row in rows]


def _counts(window: MainWindow) -> dict[str, int]:
    return window.ctx.read(
        lambda s: {
            t.name: s.scalar(select(func.count()).select_from(t))
            for t in Base.metadata.sorted_tables
            if t.name != "change_log"  # the log of the actions themselves grows with each
        }
    )


def _names(window: MainWindow) -> set[str]:
    return set(window.ctx.read(lambda s: s.scalars(select(Account.name)).all()))


def test_the_list_selects_several_accounts(window: MainWindow) -> None:
    table = window.portfolio_view.table
    assert table.selectionMode() == QAbstractItemView.SelectionMode.ExtendedSelection
    ids = _select_rows(window, [0, 2, 3])
    assert window.portfolio_view.selected_ids() == ids
    assert window.delete_account_action.isEnabled()
    assert window.delete_account_action.text() == "&Delete 3 accounts..."
    _select_rows(window, [1])
    assert window.delete_account_action.text() == "&Delete account..."


def test_one_question_one_delete_one_undo(window: MainWindow, monkeypatch) -> None:
    before, names_before = _counts(window), _names(window)
    ids = _select_rows(window, [0, 1, 2])
    chosen = [window.portfolio_view.model.row_at(r).name for r in (0, 1, 2)]
    asked: list[str] = []

    def answer(_parent, _title, text, *_a, **_k):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    depth = window.ctx.undo_stack.count()
    window.delete_accounts()
    assert len(asked) == 1
    assert "these 3 accounts" in asked[0] and all(name in asked[0] for name in chosen)
    assert _names(window) == names_before - set(chosen)
    assert window.portfolio_view.model.total == len(names_before) - 3
    assert window.ctx.undo_stack.count() == depth + 1
    assert window.ctx.undo_stack.undoText() == "Delete 3 accounts"
    assert not any(window.portfolio_view.model.row_of(i) is not None for i in ids)
    window.ctx.undo_stack.undo()
    assert _counts(window) == before  # every stakeholder, plan and activity is back
    window.ctx.undo_stack.redo()
    assert _names(window) == names_before - set(chosen)


def test_no_deletes_nothing(window: MainWindow, monkeypatch) -> None:
    before = _counts(window)
    _select_rows(window, [0, 1])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    window.delete_accounts()
    assert _counts(window) == before
    assert window.ctx.undo_stack.count() == 0


def test_a_long_selection_names_the_first_and_counts_the_rest(
    window: MainWindow, monkeypatch
) -> None:
    total = window.portfolio_view.model.total
    _select_rows(window, list(range(total)))
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda _p, _t, text, *a, **k: asked.append(text) or 0
    )
    window.delete_accounts()
    assert f"… and {total - DELETE_NAMES_SHOWN} more" in asked[0]
    assert asked[0].count("• ") == DELETE_NAMES_SHOWN


def test_delete_key_in_the_list_deletes_the_selection(
    window: MainWindow, qtbot, monkeypatch
) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    names_before = _names(window)
    _select_rows(window, [4, 5])
    table = window.portfolio_view.table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert len(_names(window)) == len(names_before) - 2


def test_the_health_scores_arriving_keep_a_multiple_selection(window: MainWindow) -> None:
    view = window.portfolio_view
    chosen = _select_rows(window, [4, 5])
    before = view.selected_ids()
    assert len(before) == 2
    view._keeping_selection(lambda: view.model.filter_by())
    assert view.selected_ids() == before
    assert view.selected_id() in chosen
