"""The Stairway tab on a real portfolio: cards, moves with undo, the side panel, templates,
the timeline and the template and CSA dialogs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt

from cs_planner.domain import stairway_templates
from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.enums import StairStep, TeamRole, UseCaseStatus
from cs_planner.domain.model import Account, Division, StairwayTemplate, TeamMember, UseCase
from cs_planner.domain.stairway import UseCaseValues, list_use_cases
from cs_planner.domain.stairway_templates import TemplateUseCaseData, TemplateValues
from cs_planner.ui import stairway_actions, template_dialogs, template_library
from cs_planner.ui.stairway_cards import CardItem
from cs_planner.ui.stairway_timeline import QUARTERS, column_of
from cs_planner.ui.stairway_view import EMPTY_TEXT, StairwayView
from cs_planner.ui.template_dialogs import TemplateCasesModel, TemplateModel
from cs_planner.ui.template_library import CsaMetricsDialog, TemplateLibraryDialog

R, E, INN, D = StairStep
TEMPLATE = """
name = "Retail climb"
industry = "Retail"
size_band = "SMB"

[[use_case]]
step = "remediation"
title = "Store audits"

[[use_case]]
step = "remediation"
title = "Shelf labels"
problem = "Labels are printed by hand."
typical_value = 5000

[[use_case]]
step = "innovation"
title = "Local promotions"
"""


@pytest.fixture
def templates(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "stairways"
    folder.mkdir()
    (folder / "retail.toml").write_text(TEMPLATE, encoding="utf-8")
    monkeypatch.setattr(stairway_templates, "TEMPLATE_FOLDER", folder)
    return folder


@pytest.fixture
def ids(portfolio, templates) -> dict[str, int]:
    with portfolio.session() as s:
        cara = TeamMember(name="Cara Arch", role=TeamRole.CSA)
        s.add(cara)
        s.flush()
        account = create_account(s, "Kestrel", 10_000, industry="Retail", size_band="SMB")
        stores = Division(account_id=account, name="Stores")
        s.add(stores)
        s.flush()
        rows = {}
        for step, position, title, status, quarter in (
            (R, 0, "Store audits", UseCaseStatus.ADOPTED, dt.date(2026, 1, 1)),
            (R, 1, "Invoice capture", UseCaseStatus.IMPLEMENTING, dt.date(2026, 4, 1)),
            (E, 0, "Dashboards", UseCaseStatus.PLANNED, dt.date(2027, 1, 1)),
        ):
            use_case = UseCase(
                account_id=account,
                step=step,
                position=position,
                title=title,
                status=status,
                target_quarter=quarter,
                users_targeted=100,
                users_reached=80 if status == UseCaseStatus.ADOPTED else 0,
                annual_value=1000.0,
                division_id=stores.id,
                csa_id=cara.id,
            )
            s.add(use_case)
            s.flush()
            rows[title] = use_case.id
        return {"account": account, "cara": cara.id, **rows}


@pytest.fixture
def view(qtbot, ctx, ids) -> StairwayView:
    w = StairwayView(ctx)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.set_account(ids["account"])
    return w


def order(portfolio, account_id: int) -> list[tuple[str, StairStep, int]]:
    with portfolio.session() as s:
        return [(r.title, r.step, r.position) for r in list_use_cases(s, account_id)]


def stored(portfolio, use_case_id: int) -> UseCase | None:
    with portfolio.session() as s:
        row = s.get(UseCase, use_case_id)
        if row is not None:
            s.expunge(row)
        return row


# --- showing -------------------------------------------------------------------------------


def test_empty_state_until_an_account_is_chosen(qtbot, ctx, ids) -> None:
    w = StairwayView(ctx)
    qtbot.addWidget(w)
    assert StairwayView.title == "Stairway"
    assert w._stack.currentWidget() is w.empty and w.empty.text() == EMPTY_TEXT
    w.set_account(ids["account"])
    assert w._stack.currentWidget() is not w.empty
    w.set_account(None)
    assert w._stack.currentWidget() is w.empty


def test_cards_per_step_and_the_step_counts(view, ids) -> None:
    scene = view.staircase
    assert [c.row.title for c in scene.columns[R]] == ["Store audits", "Invoice capture"]
    assert [c.row.title for c in scene.columns[E]] == ["Dashboards"]
    assert scene.columns[INN] == [] and scene.columns[D] == []
    # Steps rise: each next column starts higher.
    tops = [scene.column_top(step) for step in StairStep]
    assert tops == sorted(tops, reverse=True)
    assert view.tiles["adopted"].value.text() == "1 of 3"
    assert view.tiles["users"].value.text() == "80"


def test_overdue_cards_are_flagged(view, ids) -> None:
    cards = view.staircase.cards
    assert cards[ids["Invoice capture"]].overdue  # Q2 2026 passed, still implementing
    assert not cards[ids["Store audits"]].overdue  # adopted
    assert not cards[ids["Dashboards"]].overdue  # 2027 Q1 is ahead


def test_template_is_suggested_with_progress_and_next(view, ids) -> None:
    assert "Suggested template" in view.template_label.text()
    assert "Retail climb" in view.template_label.text()
    assert view.tiles["template"].value.text() == "1 of 3 done"
    headers = [i for i in view.staircase.items() if hasattr(i, "template_line")]
    remediation = next(h for h in headers if h.summary.step == R)
    assert remediation.template_line == "template 1/2"
    assert "✔ Store audits<br>○ Shelf labels" in remediation.toolTip()
    assert "Shelf labels" in view.next_label.text()
    assert view.next_button.text() == "Add to roadmap"


def test_a_broken_template_file_is_reported_and_the_others_load(qtbot, ctx, ids, templates) -> None:
    (templates / "broken.toml").write_text("name = [", encoding="utf-8")
    w = StairwayView(ctx)
    qtbot.addWidget(w)
    w.set_account(ids["account"])
    assert not w.problems.isHidden()
    assert "broken.toml" in w.problems.text()
    assert "Retail climb" in w.template_label.text()


# --- moving --------------------------------------------------------------------------------


def test_reorder_within_a_step_with_undo(view, ctx, portfolio, ids) -> None:
    before = order(portfolio, ids["account"])
    view.actions.move(ids["Invoice capture"], R, 0)
    assert order(portfolio, ids["account"])[:2] == [
        ("Invoice capture", R, 0),
        ("Store audits", R, 1),
    ]
    assert view.staircase.columns[R][0].row.title == "Invoice capture"
    assert ctx.undo_stack.undoText() == "Reorder Invoice capture on Remediation"
    ctx.undo_stack.undo()
    assert order(portfolio, ids["account"]) == before
    ctx.undo_stack.redo()
    assert order(portfolio, ids["account"])[0] == ("Invoice capture", R, 0)


def test_drag_to_another_step_with_undo(qtbot, view, ctx, portfolio, ids) -> None:
    scene = view.staircase
    card = scene.cards[ids["Store audits"]]
    drop = QPointF(scene.column_x(INN) + 50, scene.card_y(INN, 0) + 20)
    with qtbot.waitSignal(scene.moveRequested):
        scene.drop(card, drop)
    assert order(portfolio, ids["account"]) == [
        ("Invoice capture", R, 0),
        ("Dashboards", E, 0),
        ("Store audits", INN, 0),
    ]
    assert ctx.undo_stack.undoText() == "Move Store audits from Remediation to Innovation"
    assert view.selected_id == ids["Store audits"]
    ctx.undo_stack.undo()
    assert order(portfolio, ids["account"])[0] == ("Store audits", R, 0)


def test_drop_below_the_last_card_and_back_in_place(qtbot, view, portfolio, ids) -> None:
    scene = view.staircase
    card = scene.cards[ids["Store audits"]]
    scene.drop(card, QPointF(scene.column_x(R) + 20, scene.card_y(R, 0) + 10))
    qtbot.wait(10)
    assert order(portfolio, ids["account"])[0] == ("Store audits", R, 0)  # nothing moved
    with qtbot.waitSignal(scene.moveRequested):
        scene.drop(card, QPointF(scene.column_x(E) + 20, scene.card_y(E, 3)))
    assert ("Store audits", E, 1) in order(portfolio, ids["account"])


def test_keyboard_moves_the_selected_card(qtbot, view, portfolio, ids) -> None:
    view.select(ids["Dashboards"])
    view.stair_view.setFocus()
    with qtbot.waitSignal(view.staircase.moveRequested):
        qtbot.keyClick(
            view.stair_view.viewport(), Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier
        )
    assert ("Dashboards", R, 0) in order(portfolio, ids["account"])


# --- editing ----------------------------------------------------------------------------------


def test_selecting_a_card_shows_it_in_the_panel(view, ids) -> None:
    view.staircase.cards[ids["Dashboards"]].setSelected(True)
    assert view.selected_id == ids["Dashboards"]
    assert view.panel.editors["title"].text() == "Dashboards"
    assert view.panel.editors["status"].value() == UseCaseStatus.PLANNED


def test_panel_edit_with_undo(view, ctx, portfolio, ids) -> None:
    view.select(ids["Dashboards"])
    status = view.panel.editors["status"]
    status.set_value(UseCaseStatus.LIVE)
    status.committed.emit()
    assert stored(portfolio, ids["Dashboards"]).status == UseCaseStatus.LIVE
    assert ctx.undo_stack.undoText() == "Change status of Dashboards from Planned to Live"
    ctx.undo_stack.undo()
    assert stored(portfolio, ids["Dashboards"]).status == UseCaseStatus.PLANNED
    assert view.panel.editors["status"].value() == UseCaseStatus.PLANNED


def test_panel_rejects_bad_input_and_leaves_the_database_alone(view, ctx, portfolio, ids):
    view.select(ids["Dashboards"])
    users = view.panel.editors["users_targeted"]
    users.setText("lots")
    users.editingFinished.emit()
    assert "must be a number" in view.panel.errors["users_targeted"].text()
    title = view.panel.editors["title"]
    title.setText("   ")
    title.editingFinished.emit()
    assert "cannot be empty" in view.panel.errors["title"].text()
    assert stored(portfolio, ids["Dashboards"]).title == "Dashboards"
    assert stored(portfolio, ids["Dashboards"]).users_targeted == 100
    assert ctx.undo_stack.count() == 0


def test_delete_key_in_a_panel_field_edits_the_text_only(qtbot, view, portfolio, ids) -> None:
    view.show()
    view.select(ids["Dashboards"])
    title = view.panel.editors["title"]
    title.setFocus()
    title.setCursorPosition(0)
    qtbot.keyClick(title, Qt.Key.Key_Delete)
    assert title.text() == "ashboards"
    assert stored(portfolio, ids["Dashboards"]) is not None


def test_panel_division_change_reads_well_in_undo(view, ctx, portfolio, ids) -> None:
    view.select(ids["Dashboards"])
    division = view.panel.editors["division_id"]
    division.set_value(None)
    division.committed.emit()
    assert ctx.undo_stack.undoText() == "Change division of Dashboards from Stores to none"
    assert stored(portfolio, ids["Dashboards"]).division_id is None


def test_panel_step_change_moves_to_the_end_of_the_step(qtbot, view, portfolio, ids) -> None:
    view.select(ids["Dashboards"])
    step = view.panel.editors["step"]
    step.set_value(R)
    step.committed.emit()
    assert order(portfolio, ids["account"])[2] == ("Dashboards", R, 2)


def test_add_and_delete_use_cases_with_undo(view, ctx, portfolio, ids, monkeypatch) -> None:
    monkeypatch.setattr(
        stairway_actions.AddUseCaseDialog,
        "ask",
        classmethod(
            lambda cls, parent, step, validate=None: (D, UseCaseValues(title="New market"))
        ),
    )
    view.actions.add()
    assert order(portfolio, ids["account"])[-1] == ("New market", D, 0)
    new_id = view.selected_id
    assert view.panel.editors["title"].text() == "New market"
    view.actions.delete()
    assert stored(portfolio, new_id) is None
    ctx.undo_stack.undo()
    assert stored(portfolio, new_id).title == "New market"


def test_add_dialog_validation_keeps_it_open(qtbot, ctx, ids) -> None:
    dialog = stairway_actions.AddUseCaseDialog(None, E)
    qtbot.addWidget(dialog)
    assert dialog.values()[0] == E
    dialog.check = lambda v: stairway_actions.dry_run(
        ctx, lambda s: stairway_actions.new_use_case(s, ids["account"], *v)
    )
    dialog._accept()
    assert "cannot be empty" in dialog.errors["title"].text()
    assert dialog.result() == 0


# --- templates ---------------------------------------------------------------------------------


def _choose_first(monkeypatch) -> None:
    monkeypatch.setattr(
        template_dialogs.ApplyTemplateDialog,
        "ask",
        classmethod(lambda cls, parent, templates, marks, preselect, rows, currency: templates[0]),
    )
    monkeypatch.setattr(
        stairway_actions.ApplyTemplateDialog, "ask", template_dialogs.ApplyTemplateDialog.ask
    )


def test_apply_template_is_one_undoable_step_and_idempotent(
    view, ctx, portfolio, ids, monkeypatch
) -> None:
    _choose_first(monkeypatch)
    view.actions.apply_template()
    titles = [t for t, _s, _p in order(portfolio, ids["account"])]
    assert titles == [
        "Store audits",
        "Invoice capture",
        "Shelf labels",
        "Dashboards",
        "Local promotions",
    ]
    assert ctx.undo_stack.count() == 1
    assert "Template: " in view.template_label.text()
    added = {r.title: r.id for r in view.screen.data.rows}
    view.actions.apply_template()
    assert len(order(portfolio, ids["account"])) == 5  # applying twice adds nothing
    ctx.undo_stack.undo()
    ctx.undo_stack.undo()
    assert len(order(portfolio, ids["account"])) == 3
    with portfolio.session() as s:
        assert s.get(Account, ids["account"]).stairway_template_id is None
        assert s.query(StairwayTemplate).count() == 0  # the file's copy went too
    ctx.undo_stack.redo()
    assert stored(portfolio, added["Shelf labels"]).title == "Shelf labels"  # same ids
    assert "Template: " in view.template_label.text()


def test_next_recommended_is_added_then_shown(view, ctx, portfolio, ids) -> None:
    view.actions.take_next()
    assert ("Shelf labels", R, 2) in order(portfolio, ids["account"])
    assert view.next_button.text() == "Show it"
    view.actions.take_next()
    assert view.panel.editors["title"].text() == "Shelf labels"
    card = view.staircase.cards[view.selected_id]
    assert card.context.next_id == view.selected_id


def test_save_roadmap_as_template(view, ctx, portfolio, ids, monkeypatch) -> None:
    monkeypatch.setattr(
        stairway_actions.SaveTemplateDialog,
        "ask",
        classmethod(lambda cls, parent, name, validate=None: ("Kestrel climb", "Start small")),
    )
    view.actions.save_as_template()
    with portfolio.session() as s:
        template = s.query(StairwayTemplate).one()
        assert (template.name, template.industry, template.description) == (
            "Kestrel climb",
            "Retail",
            "Start small",
        )
    with portfolio.session() as s:
        [copy] = stairway_templates.portfolio_templates(s)
    titles = [c.title for c in copy.use_cases]
    assert titles == ["Store audits", "Invoice capture", "Dashboards"]
    ctx.undo_stack.undo()
    with portfolio.session() as s:
        assert s.query(StairwayTemplate).count() == 0


def test_library_dialog_edits_a_shipped_template_as_a_copy_and_deletes_it(
    qtbot, ctx, portfolio, ids, monkeypatch, qtmodeltester
) -> None:
    dialog = TemplateLibraryDialog(ctx, None, ids["account"])
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    assert dialog.selected().name == "Retail climb"
    assert not dialog.delete_button.isEnabled()  # a shipped file stays
    edited = TemplateValues(
        "Retail climb (ours)",
        industry="Retail",
        use_cases=(TemplateUseCaseData(R, "Store audits"),),
    )
    monkeypatch.setattr(
        template_library.TemplateEditDialog,
        "ask",
        classmethod(lambda cls, parent, values, validate=None: edited),
    )
    dialog.edit()
    copy = dialog.selected()
    assert copy.template_id is not None and copy.source == "retail.toml"
    assert copy.name == "Retail climb (ours)" and dialog.delete_button.isEnabled()
    assert [t.name for t in dialog.model._rows] == ["Retail climb (ours)"]  # file hidden
    monkeypatch.setattr(template_library.widgets, "confirm", lambda *a: True)
    dialog.delete()
    assert [t.name for t in dialog.model._rows] == ["Retail climb"]  # the shipped one is back
    ctx.undo_stack.undo()
    with portfolio.session() as s:
        assert s.query(StairwayTemplate).one().name == "Retail climb (ours)"


def test_template_cases_model_edits(qtmodeltester) -> None:
    model = TemplateCasesModel()
    model.set_rows([TemplateUseCaseData(R, "A"), TemplateUseCaseData(E, "B")])
    qtmodeltester.check(model)
    assert model.setData(model.index(0, 0), "3")
    assert model.rows()[0].step == INN
    assert not model.setData(model.index(0, 0), "summit")
    assert not model.setData(model.index(0, 1), " ")
    assert model.setData(model.index(1, 4), "12,500")
    assert model.rows()[1].typical_value == 12_500
    assert model.move(0, 1) == 1 and [r.title for r in model.rows()] == ["B", "A"]
    model.add(D)
    model.remove(0)
    assert [r.title for r in model.rows()] == ["A", "New use case 3"]


def test_template_model_sorts(qtmodeltester, portfolio, templates) -> None:
    from cs_planner.domain.stairway_templates import library

    with portfolio.session() as s:
        lib = library(s, Path(__file__).resolve().parents[2] / "cs_planner/resources/stairways")
    model = TemplateModel()
    model.set_rows(lib.templates)
    qtmodeltester.check(model)
    model.sort(2, Qt.SortOrder.DescendingOrder)
    counts = [int(model.data(model.index(n, 2))) for n in range(model.rowCount())]
    assert counts == sorted(counts, reverse=True)


def test_csa_metrics_dialog(qtbot, ctx, ids, qtmodeltester) -> None:
    dialog = CsaMetricsDialog(ctx)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    row = [dialog.model.data(dialog.model.index(0, c)) for c in range(7)]
    assert row == ["Cara Arch", "1", "3", "0", "1", "80", "$1,000"]


# --- timeline ----------------------------------------------------------------------------------


def test_timeline_places_cards_by_quarter(view, today, ids) -> None:
    view.set_mode(1)
    assert view.modes.currentIndex() == 1 and view.time_mode.isChecked()
    assert column_of(dt.date(2026, 4, 1), today, 1) == 0  # earlier: overdue
    assert column_of(dt.date(2026, 10, 1), today, 1) == 1  # the current quarter
    assert column_of(dt.date(2028, 7, 1), today, 1) == QUARTERS  # the eighth
    assert column_of(dt.date(2028, 10, 1), today, 1) == QUARTERS + 1
    assert column_of(None, today, 1) == QUARTERS + 1
    cards = view.timeline.cards
    assert isinstance(cards[ids["Invoice capture"]], CardItem)
    assert cards[ids["Invoice capture"]].overdue
    assert cards[ids["Dashboards"]].x() > cards[ids["Invoice capture"]].x()
    cards[ids["Dashboards"]].setSelected(True)
    assert view.panel.editors["title"].text() == "Dashboards"
    texts = {i.toPlainText() for i in view.timeline.items() if hasattr(i, "toPlainText")}
    assert {"Earlier", "2026 Q4 (now)", "1 overdue", "1 use case · $1k"} <= texts


def test_template_checklist_beside_the_stairway(view, portfolio, ids) -> None:
    view.show()
    assert view.checklist.isVisible()  # nothing selected: the checklist, not the form
    text = view.checklist.text()
    assert "Suggested template:" in text and "1 done (adopted)" in text
    assert "<b>Shelf labels</b>" in text  # the next one, in bold
    assert f"show:{ids['Store audits']}" in text and "add:1" in text
    view.checklist.linkActivated.emit("add:2")  # Local promotions
    assert ("Local promotions", INN, 0) in order(portfolio, ids["account"])
    assert view.panel.editors["title"].text() == "Local promotions"
    assert not view.checklist.isVisible()  # a use case is selected: the form
    view.select(None)
    view.checklist.linkActivated.emit(f"show:{ids['Store audits']}")
    assert view.selected_id == ids["Store audits"]


def test_keys_on_the_drawing(qtbot, view, portfolio, ids) -> None:
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.select(ids["Dashboards"])
    view.stair_view.setFocus()
    qtbot.keyClick(view.stair_view, Qt.Key.Key_Return)
    assert view.panel.editors["title"].hasFocus()
    view.stair_view.setFocus()
    qtbot.keyClick(view.stair_view, Qt.Key.Key_Delete)
    assert stored(portfolio, ids["Dashboards"]) is None


def test_rename_in_the_panel(view, ctx, portfolio, ids) -> None:
    view.select(ids["Dashboards"])
    title = view.panel.editors["title"]
    title.setText("Manager dashboards")
    title.editingFinished.emit()
    assert ctx.undo_stack.undoText() == "Rename Dashboards to Manager dashboards"
    assert stored(portfolio, ids["Dashboards"]).title == "Manager dashboards"
    assert view.staircase.cards[ids["Dashboards"]].row.title == "Manager dashboards"


def test_a_real_mouse_drag_moves_the_card(qtbot, view, ctx, portfolio, ids) -> None:
    from PySide6.QtCore import QPoint

    view.show()
    scene, graphics = view.staircase, view.stair_view
    card = scene.cards[ids["Store audits"]]
    start = graphics.mapFromScene(card.sceneBoundingRect().center())
    end = graphics.mapFromScene(scene.column_x(E) + 60, scene.card_y(E, 1) + 10)
    qtbot.mousePress(graphics.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for k in range(1, 9):
        point = start + (end - start) * k / 8
        qtbot.mouseMove(graphics.viewport(), QPoint(int(point.x()), int(point.y())))
    with qtbot.waitSignal(scene.moveRequested):
        qtbot.mouseRelease(graphics.viewport(), Qt.MouseButton.LeftButton, pos=end)
    assert ("Store audits", E, 1) in order(portfolio, ids["account"])
    assert ctx.undo_stack.undoText() == "Move Store audits from Remediation to Enhancement"


def test_drag_on_the_timeline_reschedules_with_undo(qtbot, view, ctx, portfolio, ids) -> None:
    from cs_planner.ui.stairway_timeline import COL_W, LANE_LABEL_W

    view.set_mode(1)
    scene = view.timeline
    card = scene.cards[ids["Dashboards"]]  # 2027 Q1, the second of the eight quarters
    card.home = card.pos()
    q2 = QPointF(LANE_LABEL_W + 3 * COL_W + 20, card.sceneBoundingRect().center().y())
    assert scene.quarter_at(q2.x()) == dt.date(2027, 4, 1)
    scene.show_drop(card, q2)
    assert scene.highlight is not None and scene.highlight.isVisible()
    with qtbot.waitSignal(scene.rescheduleRequested):
        scene.drop(card, q2)
    assert stored(portfolio, ids["Dashboards"]).target_quarter == dt.date(2027, 4, 1)
    assert ctx.undo_stack.undoText() == "Reschedule Dashboards to 2027 Q2"
    moved = scene.cards[ids["Dashboards"]]
    assert scene.quarter_at(moved.sceneBoundingRect().center().x()) == dt.date(2027, 4, 1)
    ctx.undo_stack.undo()
    assert stored(portfolio, ids["Dashboards"]).target_quarter == dt.date(2027, 1, 1)
    later = QPointF(LANE_LABEL_W + (QUARTERS + 1) * COL_W + 20, 60)
    assert scene.quarter_at(later.x()) is None and scene.quarter_at(LANE_LABEL_W + 5) is None
    card = scene.cards[ids["Dashboards"]]
    card.home = card.pos()
    scene.drop(card, later)
    qtbot.wait(10)
    assert stored(portfolio, ids["Dashboards"]).target_quarter == dt.date(2027, 1, 1)
    assert card.pos() == card.home
