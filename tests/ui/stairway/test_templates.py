"""Templates from the Stairway tab: applying one, the next recommended use case, saving a
roadmap as one, the library dialog, the template tables and the CSA metrics."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from cs_planner.domain.enums import StairStep
from cs_planner.domain.model import Account, StairwayTemplate
from cs_planner.domain.stairway import queries as stairway_queries
from cs_planner.domain.stairway.rows import TemplateUseCaseData, TemplateValues
from cs_planner.ui.stairway import actions as stairway_actions
from cs_planner.ui.stairway import template_dialogs, template_library
from cs_planner.ui.stairway.csa_metrics import CsaMetricsDialog
from cs_planner.ui.stairway.template_editor import TemplateCasesModel
from cs_planner.ui.stairway.template_library import TemplateLibraryDialog
from cs_planner.ui.stairway.template_table import template_model
from tests.ui.stairway.roadmap import order, stored

R, E, INN, D = StairStep


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
    view.stairway_actions.apply_template()
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
    added = {r.title: r.id for r in view.data.stairway.rows}
    view.stairway_actions.apply_template()
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
    view.stairway_actions.take_next()
    assert ("Shelf labels", R, 2) in order(portfolio, ids["account"])
    assert view.next_button.text() == "Show it"
    view.stairway_actions.take_next()
    assert view.panel.editors["title"].text() == "Shelf labels"
    card = view.staircase.cards[view.selected_id]
    assert card.context.next_id == view.selected_id


def test_save_roadmap_as_template(view, ctx, portfolio, ids, monkeypatch) -> None:
    monkeypatch.setattr(
        stairway_actions.SaveTemplateDialog,
        "ask",
        classmethod(lambda cls, parent, name, validate=None: ("Kestrel climb", "Start small")),
    )
    view.stairway_actions.save_as_template()
    with portfolio.session() as s:
        template = s.query(StairwayTemplate).one()
        assert (template.name, template.industry, template.description) == (
            "Kestrel climb",
            "Retail",
            "Start small",
        )
    with portfolio.session() as s:
        [copy] = stairway_queries.portfolio_templates(s)
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
    assert [t.name for t in dialog.model.rows()] == ["Retail climb (ours)"]  # file hidden
    monkeypatch.setattr(template_library.widgets, "confirm", lambda *a: True)
    dialog.delete()
    assert [t.name for t in dialog.model.rows()] == ["Retail climb"]  # the shipped one is back
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
    from cs_planner.domain.stairway.queries import library

    with portfolio.session() as s:
        lib = library(s, Path(__file__).resolve().parents[3] / "cs_planner/resources/stairways")
    assert len(lib.templates) >= 3  # the shipped library
    model = template_model()
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
