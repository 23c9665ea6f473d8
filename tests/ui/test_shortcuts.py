"""No key is bound twice where both bindings can be active at once.

Ctrl+1 and Ctrl+2 were both View > Show Overview/Relationships (the window) and the
Stairway's Staircase/Timeline (the Stairway tab): with focus on the Stairway, Qt logged
"Ambiguous shortcut overload" and did nothing. This test builds every tab and page,
collects every QAction, QShortcut and button shortcut of the window, and checks that two
bindings of one key never cover the same focus widget."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QMenu, QToolButton, QWidget

from cs_planner.demo import generate
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.main_window import MainWindow

Context = Qt.ShortcutContext


@dataclass(frozen=True)
class Binding:
    key: str
    owner: QObject  # the QAction, QShortcut or button that holds the key
    context: Context
    widget: QWidget  # where the key acts: the window, or the widget (and its children)

    def describe(self) -> str:
        text = getattr(self.owner, "text", lambda: "")() or self.owner.objectName()
        where = type(self.widget).__name__
        return f"{type(self.owner).__name__} '{text}' ({self.context.name} on {where})"


def _covers(a: Binding, b: Binding) -> bool:
    """Can one focus widget be in the reach of both bindings?"""
    window_wide = (Context.WindowShortcut, Context.ApplicationShortcut)
    if a.context in window_wide or b.context in window_wide:
        return True

    def reach(x: Binding, y: Binding) -> bool:  # y's widget lies in x's reach
        if x.context == Context.WidgetShortcut:
            return x.widget is y.widget
        return x.widget is y.widget or x.widget.isAncestorOf(y.widget)

    return reach(a, b) or reach(b, a)


def _action_widgets(action: QAction) -> list[QWidget]:
    """The widgets a widget-scoped action acts in (menus only display it)."""
    return [
        w for w in action.associatedObjects() if isinstance(w, QWidget) and not isinstance(w, QMenu)
    ]


def collect(window: MainWindow) -> list[Binding]:
    bindings: list[Binding] = []
    widgets = [window, *window.findChildren(QWidget)]
    actions = set(window.findChildren(QAction))
    for widget in widgets:
        actions.update(QWidget.actions(widget))  # a view may shadow actions()
    for action in actions:
        for sequence in action.shortcuts():
            key = sequence.toString(QKeySequence.SequenceFormat.PortableText)
            context = action.shortcutContext()
            if context in (Context.WindowShortcut, Context.ApplicationShortcut):
                bindings.append(Binding(key, action, context, window))
            else:
                for widget in _action_widgets(action):
                    bindings.append(Binding(key, action, context, widget))
    for shortcut in window.findChildren(QShortcut):
        key = shortcut.key().toString(QKeySequence.SequenceFormat.PortableText)
        if key:
            bindings.append(Binding(key, shortcut, shortcut.context(), shortcut.parent()))
    for button in window.findChildren(QAbstractButton):
        if isinstance(button, QToolButton) and button.defaultAction() is not None:
            continue  # its key belongs to the action, counted above
        key = button.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
        if key:  # QAbstractButton grabs its shortcut for the whole window
            bindings.append(Binding(key, button, Context.WindowShortcut, window))
    return bindings


def conflicts(bindings: list[Binding]) -> list[str]:
    found = []
    for a, b in combinations(bindings, 2):
        if a.key == b.key and a.owner is not b.owner and _covers(a, b):
            found.append(f"{a.key}: {a.describe()} and {b.describe()}")
    return sorted(set(found))


@pytest.fixture
def window(qtbot, portfolio, today, tmp_path: Path) -> MainWindow:
    generate(portfolio, accounts=4, seed=3, today=today)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(portfolio)
    ctx.today = lambda: today
    win = MainWindow(ctx, None, settings)
    qtbot.addWidget(win)
    win.portfolio_view.select_account(win.portfolio_view.model.row_at(0).id)
    for name in win.main_area.tab_names():  # tabs and pages are built when first shown
        assert win.main_area.set_tab(name)
    return win


def test_no_key_is_bound_twice_in_one_reach(window: MainWindow) -> None:
    bindings = collect(window)
    keys = {b.key for b in bindings}
    # The collection sees the window's menus and the tabs' own keys.
    assert {"Ctrl+1", "Ctrl+Z", "F5", "Ins", "Del", "Alt+Left"} <= keys, sorted(keys)
    assert conflicts(bindings) == []


def test_the_checker_sees_a_conflict(window: MainWindow) -> None:
    """The Stairway binding Ctrl+1 again, as before the fix, is reported."""
    window.main_area.set_tab("Stairway")
    stairway = window.workspace.current_page()
    clash = QAction(stairway)
    clash.setShortcut(QKeySequence("Ctrl+1"))
    clash.setShortcutContext(Context.WidgetWithChildrenShortcut)
    stairway.addAction(clash)
    found = conflicts(collect(window))
    assert len(found) == 1 and found[0].startswith("Ctrl+1: ")


def test_stairway_modes_have_keys_of_their_own(window: MainWindow, qtbot) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    window.main_area.set_tab("Stairway")
    stairway = window.workspace.current_page()
    stairway.stair_view.setFocus()
    qtbot.waitUntil(stairway.stair_view.hasFocus)
    qtbot.keyClick(stairway.stair_view, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert stairway.time_mode.isChecked()
    qtbot.keyClick(stairway.stair_view, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert stairway.stair_mode.isChecked()
    # Ctrl+2 from inside the Stairway now reaches the window: it shows Relationships.
    qtbot.keyClick(stairway.stair_view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.main_area.current_tab() == "Relationships"
