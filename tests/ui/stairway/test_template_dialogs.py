"""The template dialogs on their own: choosing a template, editing one, naming one."""

from __future__ import annotations

from cs_planner.domain.enums import StairStep, UseCaseStatus
from cs_planner.domain.stairway.edits import new_template
from cs_planner.domain.stairway.rows import (
    TemplateData,
    TemplateUseCaseData,
    TemplateValues,
    UseCaseRow,
    UseCaseValues,
)
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import dry_run
from cs_planner.ui.stairway.template_dialogs import ApplyTemplateDialog, SaveTemplateDialog
from cs_planner.ui.stairway.template_editor import TemplateEditDialog

R, E = StairStep.REMEDIATION, StairStep.ENHANCEMENT


def template(name: str, *titles: str) -> TemplateData:
    cases = tuple(TemplateUseCaseData(R, t, typical_value=1000.0) for t in titles)
    return TemplateData(f"file:{name}", None, name, TemplateValues(name, "Retail", use_cases=cases))


def test_apply_dialog_preselects_and_previews_what_it_adds(qtbot) -> None:
    rows = [UseCaseRow(1, R, 0, UseCaseValues("Audits", status=UseCaseStatus.LIVE))]
    first, second = template("A", "Audits", "Labels", "Pricing"), template("B", "Audits")
    dialog = ApplyTemplateDialog(
        None, [first, second], {"file:B": "current"}, "file:B", rows, "USD"
    )
    qtbot.addWidget(dialog)
    assert dialog.chosen() is second
    assert "Applying adds <b>0</b> use cases" in dialog.preview.text()
    assert dialog.model.data(dialog.model.index(1, 0)) == "B (current)"
    dialog.table.setCurrentIndex(dialog.model.index(0, 0))
    assert dialog.chosen() is first
    assert "Applying adds <b>2</b> use cases" in dialog.preview.text()
    assert dialog.preview.text().count("<b>(new)</b>") == 2  # Labels and Pricing


def test_edit_dialog_round_trip_and_rejected_values(qtbot, portfolio) -> None:
    values = TemplateValues(
        "Mine",
        industry="Retail",
        description="Start small.",
        use_cases=(TemplateUseCaseData(R, "A"), TemplateUseCaseData(E, "B", typical_value=5.0)),
    )
    dialog = TemplateEditDialog(None, values)
    qtbot.addWidget(dialog)
    assert dialog.values() == values
    dialog.table.setCurrentIndex(dialog.cases.index(1, 0))
    dialog._add()
    assert dialog.values().use_cases[-1].step == E
    ctx = AppContext(portfolio)
    with portfolio.session() as s:
        new_template(s, TemplateValues("Taken", use_cases=(TemplateUseCaseData(R, "x"),)))
    dialog.edits["name"].setText("Taken")
    dialog.check = lambda v: dry_run(ctx, lambda s: new_template(s, v))
    dialog._accept()
    assert "already exists" in dialog.errors["name"].text()
    dialog.edits["name"].setText("Free")
    dialog.cases.setData(dialog.cases.index(2, 1), "A")
    dialog._accept()
    assert "appears twice" in dialog.errors["use_cases"].text()
    assert dialog.result() == 0


def test_save_dialog_values(qtbot) -> None:
    dialog = SaveTemplateDialog(None, "Kestrel stairway")
    qtbot.addWidget(dialog)
    dialog.description.setPlainText("  Lead with audits. ")
    assert dialog.values() == ("Kestrel stairway", "Lead with audits.")
