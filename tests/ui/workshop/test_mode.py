"""Workshop mode: one switch for the whole window; no private value on any tab (texts of
labels, buttons, table cells, scene items and charts are read, not flags); large type;
leaving asks first when something was captured."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontInfo
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QGraphicsView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QTabWidget,
    QTextEdit,
    QTreeView,
    QWidget,
)

from cs_planner.ui.common import widgets
from cs_planner.ui.common.plot import ChartView
from cs_planner.ui.relationships.card_afar import AfarFonts
from cs_planner.ui.relationships.scene import InfluenceLine
from cs_planner.ui.shell.main_window import MainWindow

from .conftest import account_and_secrets
from .leaks import leaks, workbook_texts

MIN_PX = 14


def _shown(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0 and widget.height() > 0


def _view_texts(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None:
        return []
    texts: list[str] = []
    hidden = view.isColumnHidden if isinstance(view, QTableView | QTreeView) else None

    def walk(parent) -> None:  # type: ignore[no-untyped-def]
        for row in range(model.rowCount(parent)):
            for column in range(model.columnCount(parent)):
                if hidden is not None and hidden(column):
                    continue
                index = model.index(row, column, parent)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.data(index, role)
                    if value is not None:
                        texts.append(str(value))
                if column == 0 and model.rowCount(index) > 0:
                    walk(index)

    walk(view.rootIndex())
    for column in range(model.columnCount()):
        if hidden is None or not hidden(column):
            texts.append(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
    return texts


def _scene_texts(view: QGraphicsView) -> list[str]:
    texts = []
    for item in view.scene().items() if view.scene() else []:
        texts.append(item.toolTip())
        if hasattr(item, "text") and callable(item.text):
            texts.append(str(item.text()))
        look = getattr(item, "look", None)
        if callable(look):
            card = look()
            texts += [card.name, card.title, card.owner, *card.badges]
            texts += [text for text, _colour in card.flags]
    return texts


def shown_texts(root: QWidget) -> list[str]:
    texts: list[str] = []
    for widget in root.findChildren(QWidget):
        if not _shown(widget):
            continue
        texts.append(widget.toolTip())
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            texts.append(widget.text())
        elif isinstance(widget, QTextEdit):
            texts.append(widget.toPlainText())
        if isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
            texts += _view_texts(widget)  # a header's titles come with its table's
        if isinstance(widget, QGraphicsView):
            texts += _scene_texts(widget)
        if isinstance(widget, ChartView):
            texts += widget.texts()
    return texts


def _open(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    account_id, _ = account_and_secrets(window.ctx.portfolio)
    window.portfolio_view.select_account(account_id)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _each_tab(window: MainWindow):  # type: ignore[no-untyped-def]
    """Every account tab, and within it every inner tab the window lets one open."""
    for name in window.workspace.tab_names():
        assert window.main_area.set_tab(name)
        _settle()
        yield name
        page = window.workspace.current_page()
        for inner in page.findChildren(QTabWidget):
            for index in range(inner.count()):
                if inner.isTabVisible(index) and inner.isVisible():
                    inner.setCurrentIndex(index)
                    _settle()
                    yield f"{name} > {inner.tabText(index)}"


def test_one_switch_hides_the_other_customers_and_leaves(
    window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    _open(window, qtbot)
    assert window.workshop.action.shortcut().toString() == "F5"
    assert window.workshop.action in window.view_menu.actions()
    assert window.workshop.action in window.workshop.toolbar.actions()
    window.workshop.action.trigger()
    assert window.workshop.on
    assert window.portfolio_view.isHidden()
    assert not window.main_area.tabBar().isVisible()  # the portfolio pages
    assert not window.menuBar().isVisible() and not window.workshop.toolbar.isVisible()
    asked: list[str] = []
    monkeypatch.setattr(widgets, "confirm", lambda _p, title, _t: asked.append(title) or False)
    window.workshop.action.trigger()  # F5 again: nothing captured, so nothing to ask
    assert asked == [] and not window.workshop.on
    assert not window.portfolio_view.isHidden() and window.menuBar().isVisible()
    # Asking when something was captured: tests/ui/workshop/test_session.py


def test_no_private_value_on_any_tab(window: MainWindow, qtbot) -> None:
    _open(window, qtbot)
    _, secrets = account_and_secrets(window.ctx.portfolio)
    assert secrets.texts and secrets.amounts  # the demo has private values to hide
    before = {}
    for name in _each_tab(window):
        before[name] = leaks(shown_texts(window), secrets)
    assert any(before.values()), "the private view shows them (the test sees them)"
    window.workshop.enter()
    _at_1920(window)
    found = {name: leaks(shown_texts(window), secrets) for name in _each_tab(window)}
    relationships = window.workspace.holders[1].page
    assert not any(isinstance(i, InfluenceLine) for i in relationships.scene.items())
    window.main_area.set_tab("Relationships")
    relationships.show_table(True)  # the same people as a table
    _settle()
    found["Relationships > Table"] = leaks(shown_texts(window), secrets)
    shown = {name: f for name, f in found.items() if f}
    assert shown == {}, "\n".join(f"{n}: {f}" for n, f in shown.items())


def _at_1920(window: MainWindow) -> None:
    """The offscreen screen is smaller than a projector's: the window as 1920x1080."""
    window.showNormal()
    window.resize(1920, 1080)
    _settle()


def test_large_type_on_every_tab(window: MainWindow, qtbot) -> None:
    _open(window, qtbot)
    window.workshop.enter()
    assert window.isFullScreen()
    _at_1920(window)
    for name in _each_tab(window):
        # Drawings keep their cards' type and are zoomed instead (below).
        drawings = {v for v in window.findChildren(QGraphicsView)}
        drawings |= {v.viewport() for v in drawings}
        small = {
            f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r}"
            for w in window.findChildren(QWidget)
            if _shown(w) and w not in drawings and QFontInfo(w.font()).pixelSize() < MIN_PX
        }
        assert small == set(), name
    page = window.workspace.holders[1].page
    view = page.view
    # Workshop mode draws the room's cards (card_afar), every one of them: their fonts.
    assert page.scene.cards and all(card.afar for card in page.scene.cards.values())
    fonts = AfarFonts.of(view.viewport().font())
    smallest = min(QFontInfo(f).pixelSize() for f in (fonts.name, fonts.title))
    assert view.zoom() * smallest >= MIN_PX - 0.5  # the map's smallest card text
    window.main_area.set_tab("Stairway")
    _settle()
    stairs = window.workspace.holders[2].page.stair_view
    small = QFont(stairs.viewport().font())  # the cards' small type (stairway/cards.py)
    small.setPointSizeF(max(7.0, small.pointSizeF() - 1))
    assert stairs.transform().m11() * QFontInfo(small).pixelSize() >= MIN_PX - 0.5


def test_division_names_are_whole_in_the_large_type(window: MainWindow, qtbot) -> None:
    """The divisions tree sizes its names column from the rows and again when the type
    grows (Qt's own measure sees no rows before the tree is first laid out)."""
    _open(window, qtbot)
    window.main_area.set_tab("Overview")
    window.workshop.enter()
    _at_1920(window)
    window.main_area.set_tab("Overview")
    _settle()
    tree = next(t for t in window.findChildren(QTreeView) if _shown(t))
    model, metrics = tree.model(), tree.fontMetrics()
    assert QFontInfo(tree.font()).pixelSize() >= MIN_PX
    names = []

    def walk(parent) -> None:  # type: ignore[no-untyped-def]
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            names.append(index)
            walk(index)

    walk(model.index(-1, -1))
    assert len(names) > 3
    for index in names:
        text = model.data(index, Qt.ItemDataRole.DisplayRole)
        assert metrics.horizontalAdvance(text) + 8 <= tree.visualRect(index).width(), text


def test_the_dimensions_keep_their_figures_and_lose_our_notes(window: MainWindow, qtbot) -> None:
    _open(window, qtbot)
    window.workshop.enter()
    _at_1920(window)
    window.main_area.set_tab("Expansion")
    _settle()
    cards = window.workspace.current_page().dimensions.cards.values()
    for card in cards:
        assert card.figures.isVisible() and card.figures.text().startswith("Baseline")
        assert not card.notes.isVisible()  # why a dimension is not pursued: ours
        assert card.bar.height() >= card.bar.fontMetrics().height()  # its words fit


def test_f5_enters_and_the_same_key_leaves_after_asking(
    window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    _open(window, qtbot)
    window.windowHandle().requestActivate()  # a window shortcut: the window must be active
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.workshop.on
    monkeypatch.setattr(widgets, "confirm", lambda *_a: True)
    qtbot.keyClick(window, Qt.Key.Key_F5)  # the menu bar is hidden: F5 still works
    assert not window.workshop.on


def test_portfolio_menu_exports_the_customer_copy(
    window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    from PySide6.QtWidgets import QFileDialog

    _open(window, qtbot)
    _, secrets = account_and_secrets(window.ctx.portfolio)
    target = tmp_path / "copy.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), ""))
    found = [a for a in window.menuBar().actions()[0].menu().actions() if "ustomer" in a.text()]
    assert found and found[0].isEnabled()
    found[0].trigger()
    cells = workbook_texts(target)
    assert cells and leaks(cells, secrets) == []


def test_ctrl_digits_move_between_the_account_tabs_only(window: MainWindow, qtbot) -> None:
    _open(window, qtbot)
    window.workshop.enter()
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    names = window.main_area.tab_names()
    accounts = window.workspace.tab_names()
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.main_area.current_tab() == names[2]
    page = names.index(next(n for n in names if n not in accounts)) + 1
    qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + page), Qt.KeyboardModifier.ControlModifier)
    assert window.main_area.current_tab() == names[2]  # a portfolio page: not in workshop
    assert not window.history_dock.toggleViewAction().isEnabled()


def test_every_marked_part_is_found(window: MainWindow, qtbot) -> None:
    """A part renamed in its tab must not silently stop being hidden."""
    from cs_planner.ui.workshop.marks import PARTS, _part

    _open(window, qtbot)
    missing = []
    for title, parts in PARTS.items():
        assert window.main_area.set_tab(title)
        tab = window.workspace.current_page()
        missing += [f"{title}: {path}" for path in parts if not _part(tab, path)]
    assert missing == []


def test_needs_an_account_and_keeps_the_window_as_it_was(
    window: MainWindow, qtbot, tmp_path
) -> None:
    window.show()
    window.workshop.enter()  # no account chosen: nothing to show, the list stays
    assert not window.workshop.on and not window.workshop.action.isChecked()
    _open(window, qtbot)
    window.save_state()
    kept = window.settings.value("window/splitter")
    window.workshop.enter()
    window.save_state()  # e.g. closed in workshop mode: the next start has its list
    assert window.settings.value("window/splitter") == kept


def test_a_dialog_opened_in_workshop_mode_hides_its_private_rows(window: MainWindow, qtbot) -> None:
    from cs_planner.ui.common.dialogs import FormDialog

    def dialog() -> tuple[FormDialog, QLineEdit, QLineEdit]:
        form = FormDialog("An action", window)
        qtbot.addWidget(form)
        title = form.add_row("title", "Action", QLineEdit("Share the roadmap"))
        notes = form.add_row("notes", "Notes", QLineEdit("Procurement wants three years"))
        return form, title, notes

    _open(window, qtbot)
    window.workshop.enter()
    form, title, notes = dialog()
    form.show()
    assert title.isVisible() and not notes.isVisible()
    assert notes.text() == "Procurement wants three years"  # kept: saving changes nothing
    form.close()
    window.workshop.leave()
    form, title, notes = dialog()
    form.show()
    assert notes.isVisible()
