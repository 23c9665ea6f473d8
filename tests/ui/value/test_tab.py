"""The Value tab on a real portfolio file: it builds on the demo and on an account with no
metrics (empty states); a measurement, a level, a target and a message are each one
undoable action; refused input shows next to its field and changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QLabel
from sqlalchemy import func, select

from cs_planner.demo import generate
from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.enums import Audience, UseCaseStatus
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import (
    AccountMetric,
    Division,
    MaturityChange,
    MaturityLevel,
    MetricDefinition,
    MetricTarget,
    MetricValue,
    UseCase,
    ValueMessage,
)
from cs_planner.domain.value.maturity import LevelValues
from cs_planner.domain.value.messages import NOTHING_YET
from cs_planner.ui.shell.workspace import ACCOUNT_TABS
from cs_planner.ui.value import maturity_dialogs, maturity_panel, metric_dialogs
from cs_planner.ui.value.maturity_panel import NO_HISTORY, NO_MODEL
from cs_planner.ui.value.metric_table import NO_METRICS
from cs_planner.ui.value.tab import EMPTY_TEXT, ValueTab

SINCE = dt.date(2025, 3, 1)


@pytest.fixture
def ids(portfolio) -> dict[str, int]:
    with portfolio.session() as s:
        for n, name in enumerate(("Ad hoc", "Repeatable", "Defined", "Managed"), start=1):
            s.add(MaturityLevel(level=n, name=name, behaviours=f"does {n}", marks=f"feature {n}"))
        a = create_account(s, "Harbor", 10_000, customer_since=SINCE, maturity_current=2)
        bare = create_account(s, "Bare", 5_000)
        s.add(MaturityChange(account_id=a, changed_on=SINCE, level=2))
        fleet = Division(account_id=a, name="Fleet Operations")
        wau = MetricDefinition(name="Weekly active users", unit="users")
        s.add_all([fleet, wau, MetricDefinition(name="NPS")])
        s.flush()
        s.add(UseCase(account_id=a, title="Proof of delivery", status=UseCaseStatus.LIVE,
                      division_id=fleet.id, users_reached=740, users_targeted=900))  # fmt: skip
        tracked = AccountMetric(account_id=a, metric_id=wau.id, baseline=100.0,
                                baseline_date=SINCE)  # fmt: skip
        s.add(tracked)
        s.flush()
        s.add(MetricTarget(account_metric_id=tracked.id, quarter=dt.date(2026, 10, 1),
                           target=150.0))  # fmt: skip
        s.add(MetricValue(account_metric_id=tracked.id, measured_on=dt.date(2026, 11, 1),
                          value=120.0))  # fmt: skip
        s.flush()
        return {"account": a, "bare": bare, "tracked": tracked.id}


@pytest.fixture
def tab(qtbot, ctx, ids) -> ValueTab:
    widget = ValueTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    widget.set_account(ids["account"])
    return widget


def count(portfolio, model) -> int:
    with portfolio.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_registered_after_the_other_account_tabs() -> None:
    titles = [page.title for page in ACCOUNT_TABS]
    assert titles.index("Value") == titles.index("Expansion") + 1
    assert ACCOUNT_TABS[titles.index("Value")].load() is ValueTab


def test_empty_state_then_an_account(qtbot, ctx, ids, qtmodeltester) -> None:
    widget = ValueTab(ctx)
    qtbot.addWidget(widget)
    widget.set_account(None)
    assert widget.empty.text() == EMPTY_TEXT
    widget.set_account(ids["account"])
    assert widget._stack.currentWidget() is widget._page
    m = widget.maturity
    assert "Day one: 2 · Repeatable (2025-03-01)" in m.summary.text()
    assert "To reach 3 · Defined: does 3. Marked by: feature 3." in m.next_level.text()
    assert m.history.model.rowCount() == 1
    table = widget.metrics.table
    assert table.model.rows()[0].judged.text == "behind plan by 30 users (20%)"
    for model in (m.history.model, m.levels, table.model):
        qtmodeltester.check(model)


def test_an_account_with_no_metrics_and_no_history(qtbot, ctx, ids) -> None:
    widget = ValueTab(ctx)
    qtbot.addWidget(widget)
    widget.show()
    widget.set_account(ids["bare"])
    table = widget.metrics.table
    assert table.stack.currentWidget() is table.stack.message
    assert table.stack.message.text() == NO_METRICS
    assert widget.maturity.history.stack.message.text() == NO_HISTORY
    assert not widget.metrics.chart_scroll.isVisible()
    assert {c.text.value() for c in widget.messages.cards.values()} == {NOTHING_YET}


def test_no_model_says_how_to_start_one(qtbot, ctx, portfolio, ids) -> None:
    with portfolio.session() as s:
        s.query(MaturityLevel).delete()
    widget = ValueTab(ctx)
    qtbot.addWidget(widget)
    widget.set_account(ids["bare"])
    assert widget.maturity.next_level.text() == NO_MODEL
    widget.maturity.history.add()
    assert widget.maturity.history.error.text() == NO_MODEL


def test_a_measurement_in_one_row_refused_then_added_and_undone(tab, ctx, portfolio) -> None:
    row = tab.metrics.measure
    assert row.what.text() == "Measure Weekly active users (users):"
    row.value.setText("lots")
    row.add()
    assert row.value_error.text() == "The measured value must be a number, not 'lots'."
    row.on.set_value(dt.date(2025, 1, 1))
    row.value.setText("130")
    row.add()
    assert "The baseline was taken on 2025-03-01" in row.date_error.text()
    assert count(portfolio, MetricValue) == 1  # nothing changed
    row.on.set_value(dt.date(2026, 11, 20))
    row.value.setText("151")
    row.value.returnPressed.emit()
    assert not row.date_error.isVisible() and row.value.text() == ""
    assert count(portfolio, MetricValue) == 2
    assert tab.metrics.table.model.rows()[0].judged.text == "on plan"  # 1 off a 50 step
    ctx.undo_stack.undo()
    assert count(portfolio, MetricValue) == 1
    assert tab.metrics.table.model.rows()[0].judged.text.startswith("behind")
    ctx.undo_stack.redo()
    assert count(portfolio, MetricValue) == 2
    assert "151 on 2026-11-20" in row.remove_button.toolTip()
    row.remove_latest()
    assert count(portfolio, MetricValue) == 1
    ctx.undo_stack.undo()
    assert count(portfolio, MetricValue) == 2


def test_a_target_for_a_quarter(tab, ctx, portfolio, monkeypatch) -> None:
    checked = []

    def ask(parent, metric, quarters, validate):
        assert quarters[0] == ("2026 Q4", dt.date(2026, 10, 1))
        with pytest.raises(ValidationError) as err:
            validate((dt.date(2026, 7, 1), 5.0))  # a past quarter
        checked.append(err.value.field)
        return dt.date(2027, 1, 1), 180.0

    monkeypatch.setattr(metric_dialogs.TargetDialog, "ask", ask)
    tab.metrics.table.view.setFocus()
    tab.metrics.table.edit()
    assert checked == ["quarter"]
    assert count(portfolio, MetricTarget) == 2
    ctx.undo_stack.undo()
    assert count(portfolio, MetricTarget) == 1


def test_track_and_stop_tracking(tab, ctx, portfolio, monkeypatch) -> None:
    def ask(parent, choices, today, validate):
        assert [c.name for c in choices] == ["NPS"]
        validate((choices[0].id, 20.0, today))
        return choices[0].id, 20.0, today

    monkeypatch.setattr(metric_dialogs.TrackMetricDialog, "ask", ask)
    tab.metrics.table.add()
    assert count(portfolio, AccountMetric) == 2
    assert len([c for c in tab.metrics.cards if not c.isHidden()]) == 2
    assert tab.metrics.table.selected().metric.name == "NPS"
    tab.metrics.table.delete()
    assert count(portfolio, AccountMetric) == 1
    ctx.undo_stack.undo()
    ctx.undo_stack.undo()
    assert count(portfolio, AccountMetric) == 1


def test_record_a_level_and_its_refusals(tab, ctx, portfolio, monkeypatch) -> None:
    messages = []

    def ask(parent, levels, current, on, validate):
        assert (current, on) == (2, dt.date(2026, 11, 24))
        for bad in ((3, dt.date(2026, 12, 1)), (3, dt.date(2025, 1, 1))):
            with pytest.raises(ValidationError) as err:
                validate(bad)
            messages.append(err.value.field)
        return 3, dt.date(2026, 11, 2)

    monkeypatch.setattr(maturity_panel.LevelDialog, "ask", ask)
    tab.maturity.history.add()
    assert messages == ["changed_on", "changed_on"]
    assert tab.maturity.steps.data.current == 3
    assert "Now: 3 · Defined since 2026-11-02" in tab.maturity.summary.text()
    assert count(portfolio, MaturityChange) == 2
    ctx.undo_stack.undo()
    assert tab.maturity.steps.data.current == 2
    assert count(portfolio, MaturityChange) == 1


def test_target_level_and_the_model(tab, ctx, portfolio, monkeypatch) -> None:
    def target(parent, levels, level, on, validate):
        with pytest.raises(ValidationError) as err:
            validate((1, None))
        assert err.value.field == "maturity_target"
        return 4, dt.date(2027, 6, 30)

    monkeypatch.setattr(maturity_panel.TargetDialog, "ask", target)
    tab.maturity.set_target()
    assert "Target: 4 · Managed by 2027-06-30" in tab.maturity.summary.text()

    def model(parent, levels, validate):
        with pytest.raises(ValidationError):
            validate(levels[:3])  # the account aims at level 4
        return [*levels, LevelValues("Leading", "sets the pace", "AI assist")]

    monkeypatch.setattr(maturity_panel.ModelDialog, "ask", model)
    tab.maturity.edit_model()
    assert tab.maturity.levels.rowCount() == 5
    ctx.undo_stack.undo()
    assert tab.maturity.levels.rowCount() == 4


def test_model_dialog_adds_and_removes_levels_at_the_top(qtbot) -> None:
    dialog = maturity_dialogs.ModelDialog(None, [])
    qtbot.addWidget(dialog)
    assert len(dialog.values()) == 5  # a starter model for an empty portfolio
    dialog.add_level(LevelValues("Six"))
    dialog.add_level(LevelValues("Seven"))
    assert not dialog.add_button.isEnabled()
    for _ in range(4):
        dialog.remove_level()
    assert len(dialog.values()) == 3 and not dialog.remove_button.isEnabled()
    dialog.rows[1][0].setText("")
    dialog._accept()
    assert dialog.error.text() == "Level 2 needs a name."


def test_messages_edit_save_reset(tab, ctx, portfolio) -> None:
    card = tab.messages.cards[Audience.DEPARTMENT_HEAD]
    assert card.state.text() == "Draft"
    assert "Fleet Operations: Proof of delivery; 740 of 900 users on it" in card.text.value()
    assert not card.save_button.isEnabled()
    card.text.setPlainText("Our words for the department head.")
    card.save()
    assert card.state.text() == "Edited"
    assert count(portfolio, ValueMessage) == 1
    card.reset()
    assert card.state.text() == "Draft"
    assert count(portfolio, ValueMessage) == 0
    ctx.undo_stack.undo()
    assert card.text.value() == "Our words for the department head."
    card.text.setPlainText("   ")
    card.save()
    assert card.error.text().startswith("A value message cannot be empty")


def test_insert_section_puts_health_first(tab) -> None:
    tab.insert_section(QLabel("health"), "Health")
    assert tab.sections.tabText(0) == "Health"
    assert tab.sections.currentIndex() == 0


def test_builds_on_every_demo_account(qtbot, ctx, portfolio, today) -> None:
    generate(portfolio, accounts=12, seed=7, today=today)
    widget = ValueTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(864, 680)
    widget.show()
    with portfolio.read() as s:
        from cs_planner.domain.model import Account

        accounts = s.scalars(select(Account.id)).all()
    for account_id in accounts:
        widget.set_account(account_id)
        for n in range(widget.sections.count()):
            widget.sections.setCurrentIndex(n)
        assert widget.metrics.table.model.rowCount() == len(widget.data.metrics) >= 2
        assert all(c.text.value() != "" for c in widget.messages.cards.values())
