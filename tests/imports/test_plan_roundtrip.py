"""The account plan's round trip: export a demo account, edit the workbook with openpyxl as
a customer would in Excel, read the changes back, apply them as one edit, undo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select
from sqlalchemy.orm import Session

from cs_planner.demo import generate
from cs_planner.domain.edits import run
from cs_planner.domain.enums import ActionStatus, StairStep
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.imports.plan_apply import PlanChangesEdit
from cs_planner.domain.imports.plan_changes import (
    ACTIONS,
    PEOPLE,
    RISKS,
    USE_CASES,
    PlanChanges,
    PlanRefused,
    RowChange,
    read_plan_changes,
)
from cs_planner.domain.imports.plan_marks import ID_HEADER
from cs_planner.domain.model import ActionItem, Base, Risk, Stakeholder, UseCase
from cs_planner.reports.account_plan import write_account_plan
from cs_planner.storage import Portfolio, open_portfolio

TODAY = dt.date(2026, 6, 1)
ACCOUNT = 1


@pytest.fixture
def demo(portfolio: Portfolio) -> Portfolio:
    generate(portfolio, accounts=2, today=TODAY)
    return portfolio


@pytest.fixture
def plan(demo: Portfolio, tmp_path: Path) -> Path:
    return write_account_plan(demo, ACCOUNT, tmp_path / "plan.xlsx", today=TODAY)


def table(
    session: Session, model: type[Base], account_id: int = ACCOUNT
) -> dict[int, tuple[Any, ...]]:
    """Every column of the account's rows of ``model``, by id; not the version counter (an
    undo puts the values back and counts up)."""
    columns = [c for c in model.__table__.columns if c.name != "version"]
    query = select(*columns).where(model.account_id == account_id)  # type: ignore[attr-defined]
    return {row[0]: tuple(row) for row in session.execute(query)}


def everything(portfolio: Portfolio) -> dict[str, dict[int, tuple[Any, ...]]]:
    with portfolio.read() as s:
        return {m.__name__: table(s, m) for m in (ActionItem, Risk, Stakeholder)}


def id_cell(ws: Worksheet) -> tuple[int, int]:
    """The record-id header's row and column."""
    return next((c.row, c.column) for row in ws.iter_rows() for c in row if c.value == ID_HEADER)


def row_of(ws: Worksheet, record_id: int) -> int:
    top, col = id_cell(ws)
    for row in range(top + 1, ws.max_row + 1):
        if ws.cell(row, col).value == record_id:
            return row
    raise AssertionError(f"record {record_id} not in {ws.title}")


def header(ws: Worksheet, name: str) -> int:
    top, col = id_cell(ws)
    return next(c for c in range(1, col) if ws.cell(top, c).value == name)


def by_key(changes: PlanChanges) -> dict[tuple[str, str, int | None], RowChange]:
    return {(r.sheet, r.kind, r.record_id): r for r in changes.rows}


def read(portfolio: Portfolio, path: Path, account_id: int | None = ACCOUNT) -> PlanChanges:
    with portfolio.read() as s:
        return read_plan_changes(s, path, TODAY, account_id)


def test_an_untouched_plan_has_no_changes(demo: Portfolio, plan: Path) -> None:
    changes = read(demo, plan)
    assert changes.rows == []
    assert len(changes.notes) == 1 and "'Summary'" in changes.notes[0]


def test_the_customers_edits_come_back_as_a_diff_and_apply_as_one_undo_step(
    demo: Portfolio, plan: Path
) -> None:
    before = everything(demo)
    actions = sorted(before["ActionItem"])
    fixed, ticked, moved, typo = actions[:4]
    gone_risk = sorted(before["Risk"])[0]
    person = sorted(before["Stakeholder"])[0]

    wb = load_workbook(plan)
    ws = wb[ACTIONS]
    title, status, due = header(ws, "Action"), header(ws, "Status"), header(ws, "Due")
    ws.cell(row_of(ws, fixed), title).value = "Book the EBR with the new CFO"
    ws.cell(row_of(ws, ticked), status).value = "Done"
    ws.cell(row_of(ws, moved), due).value = dt.datetime(2026, 9, 30)
    ws.cell(row_of(ws, typo), due).value = "next week"
    last = ws.max_row + 1
    ws.cell(last, title).value = "Send the renewal quote"
    ws.cell(last, due).value = dt.datetime(2026, 7, 15)
    risks = wb[RISKS]
    risks.delete_rows(row_of(risks, gone_risk))
    people = wb[PEOPLE]
    people.cell(row_of(people, person), header(people, "Title")).value = "Group CEO"
    wb.create_sheet("My notes")["A1"] = "ask about the budget"
    wb.save(plan)

    changes = read(demo, plan)
    found = by_key(changes)
    assert changes.notes[0].startswith("Not read back, so changes in them are ignored: 'Summary'")
    assert changes.notes[0].endswith(", 'Renewals', 'My notes'.")
    title_change = found[(ACTIONS, "changed", fixed)].fields
    assert [(f.field, f.new) for f in title_change] == [("title", "Book the EBR with the new CFO")]
    assert title_change[0].old == before["ActionItem"][fixed][2]  # old = the portfolio's
    assert [(f.field, f.value) for f in found[(ACTIONS, "changed", ticked)].fields] == [
        ("status", ActionStatus.DONE)
    ]
    assert [(f.field, f.new) for f in found[(ACTIONS, "changed", moved)].fields] == [
        ("due_date", "2026-09-30")
    ]
    bad = found[(ACTIONS, "changed", typo)]
    assert bad.fields[0].problem.startswith("'next week' is not a date")
    assert not bad.applicable
    new = found[(ACTIONS, "new", None)]
    assert (new.label, [f.field for f in new.fields]) == (
        "Send the renewal quote",
        ["title", "due_date"],
    )
    assert found[(RISKS, "deleted", gone_risk)].label
    assert [(f.old, f.new) for f in found[(PEOPLE, "changed", person)].fields] == [
        (before["Stakeholder"][person][3], "Group CEO")
    ]
    assert len(changes.rows) == 7

    edit = PlanChangesEdit(changes.account_id, changes.account_name, changes.rows, TODAY)
    with demo.session() as s:
        run(s, edit)
    after = everything(demo)
    with demo.read() as s:
        assert s.get(ActionItem, fixed).title == "Book the EBR with the new CFO"  # type: ignore[union-attr]
        done = s.get(ActionItem, ticked)
        assert done is not None and (done.status, done.done_on) == (ActionStatus.DONE, TODAY)
        assert s.get(ActionItem, moved).due_date == dt.date(2026, 9, 30)  # type: ignore[union-attr]
        assert s.get(ActionItem, typo).due_date == before_due(before, typo)  # type: ignore[union-attr]
        assert s.get(Risk, gone_risk) is None
        assert s.get(Stakeholder, person).title == "Group CEO"  # type: ignore[union-attr]
        added = [a for a in after["ActionItem"] if a not in before["ActionItem"]]
        assert len(added) == 1
        quote = s.get(ActionItem, added[0])
        assert quote is not None
        assert (quote.title, quote.due_date, quote.account_id) == (
            "Send the renewal quote",
            dt.date(2026, 7, 15),
            ACCOUNT,
        )
    # Nothing else moved (but the link of an action to the deleted risk, set to null).
    served = {
        i
        for i in before["ActionItem"]
        if before_value(before, ActionItem, i, "risk_id") == gone_risk
    }
    assert all(
        before_value({"ActionItem": after["ActionItem"]}, ActionItem, i, "risk_id") is None
        for i in served
    )
    untouched = set(before["ActionItem"]) - {fixed, ticked, moved} - served
    assert {i: after["ActionItem"][i] for i in untouched} == {
        i: before["ActionItem"][i] for i in untouched
    }
    assert {k: v for k, v in after["Stakeholder"].items() if k != person} == {
        k: v for k, v in before["Stakeholder"].items() if k != person
    }

    with demo.session() as s:
        edit.revert(s)
    assert everything(demo) == before
    with demo.session() as s:  # redo makes the same rows again, the new one with its id
        edit.apply(s)
    assert everything(demo) == after


def before_due(before: dict[str, dict[int, tuple[Any, ...]]], action_id: int) -> dt.date | None:
    columns = [c.name for c in ActionItem.__table__.columns]
    return before["ActionItem"][action_id][columns.index("due_date")]  # type: ignore[no-any-return]


def test_bad_values_are_problems_and_never_written(demo: Portfolio, plan: Path) -> None:
    before = everything(demo)
    risk = sorted(before["Risk"])[0]
    wb = load_workbook(plan)
    ws = wb[RISKS]
    ws.cell(row_of(ws, risk), header(ws, "Likelihood")).value = 9
    ws.cell(row_of(ws, risk), header(ws, "Status")).value = "Gone"
    ws.cell(row_of(ws, risk), header(ws, "Mitigation")).value = "Weekly call with the sponsor"
    ws.cell(ws.max_row + 1, header(ws, "Mitigation")).value = "a row without its risk"
    wb.save(plan)

    changes = read(demo, plan)
    found = by_key(changes)
    fields = {f.field: f for f in found[(RISKS, "changed", risk)].fields}
    assert fields["likelihood"].problem and fields["status"].problem.startswith("'Gone' is not")
    assert not fields["mitigation"].problem
    assert found[(RISKS, "new", None)].problem == "A new row needs its risk."

    with demo.session() as s:
        run(s, PlanChangesEdit(ACCOUNT, changes.account_name, changes.rows, TODAY))
    with demo.read() as s:
        stored = s.get(Risk, risk)
        assert stored is not None
        assert stored.mitigation == "Weekly call with the sponsor"
        assert (stored.likelihood, stored.status) == (
            before_value(before, Risk, risk, "likelihood"),
            before_value(before, Risk, risk, "status"),
        )
        assert len(table(s, Risk)) == len(before["Risk"])


def before_value(
    before: dict[str, dict[int, tuple[Any, ...]]], model: Any, i: int, name: str
) -> Any:
    columns = [c.name for c in model.__table__.columns]
    return before[model.__name__][i][columns.index(name)]


def test_a_plan_of_another_account_is_refused(demo: Portfolio, plan: Path) -> None:
    with pytest.raises(PlanRefused, match=r"^This account plan is of another account\.$"):
        read(demo, plan, account_id=2)


def test_a_plan_of_another_portfolio_is_refused_and_changes_nothing(
    demo: Portfolio, tmp_path: Path
) -> None:
    other = open_portfolio(tmp_path / "other.csplan")
    try:
        generate(other, accounts=2, today=TODAY)
        foreign = write_account_plan(other, ACCOUNT, tmp_path / "foreign.xlsx", today=TODAY)
    finally:
        other.close()
    before = everything(demo)
    with pytest.raises(
        PlanRefused, match=r"^This account plan was exported from another portfolio\.$"
    ):
        read(demo, foreign, account_id=None)
    assert everything(demo) == before


def test_a_workbook_that_is_not_a_plan_is_refused(demo: Portfolio, tmp_path: Path) -> None:
    text = tmp_path / "notes.xlsx"
    text.write_text("not a workbook")
    with pytest.raises(PlanRefused, match="not an Excel workbook"):
        read(demo, text)
    from openpyxl import Workbook

    Workbook().save(tmp_path / "empty.xlsx")
    with pytest.raises(PlanRefused, match="not an account plan exported by cs_planner"):
        read(demo, tmp_path / "empty.xlsx")


def test_use_cases_move_quarter_and_step_and_people_are_added(demo: Portfolio, plan: Path) -> None:
    with demo.read() as s:
        before = everything(demo) | {"UseCase": table(s, UseCase)}
    use_case = sorted(before["UseCase"])[0]
    wb = load_workbook(plan)
    ws = wb[USE_CASES]
    row = row_of(ws, use_case)
    old_quarter = ws.cell(row, header(ws, "Target quarter")).value
    ws.cell(row, header(ws, "Target quarter")).value = "2027 Q2"
    ws.cell(row, header(ws, "Step")).value = "Disruption"
    ws.cell(row, header(ws, "Use case")).value = "Cross-border e-invoicing"
    other = row_of(ws, sorted(before["UseCase"])[1])
    ws.cell(other, header(ws, "Target quarter")).value = "soon"
    people = wb[PEOPLE]
    new = people.max_row + 1
    people.cell(new, header(people, "Name")).value = "Priya Nandakumar"
    people.cell(new, header(people, "Title")).value = "Head of Procurement"
    wb.save(plan)

    changes = read(demo, plan)
    found = by_key(changes)
    moved = {f.field: (f.old, f.new) for f in found[(USE_CASES, "changed", use_case)].fields}
    assert moved["target_quarter"] == (str(old_quarter).split(" (")[0], "2027 Q2")
    assert moved["step"][1] == "Disruption" and moved["title"][1] == "Cross-border e-invoicing"
    assert found[(USE_CASES, "changed", sorted(before["UseCase"])[1])].fields[0].problem == (
        "'soon' is not a quarter (write it as 2027 Q1)."
    )
    assert found[(PEOPLE, "new", None)].label == "Priya Nandakumar"
    assert len(changes.rows) == 3  # the subtotal rows are no records, nothing else changed

    edit = PlanChangesEdit(ACCOUNT, changes.account_name, changes.rows, TODAY)
    with demo.session() as s:
        run(s, edit)
    with demo.read() as s:
        stored = s.get(UseCase, use_case)
        assert stored is not None
        assert (stored.title, stored.step, stored.target_quarter) == (
            "Cross-border e-invoicing",
            StairStep.DISRUPTION,
            dt.date(2027, 4, 1),
        )
        names = s.scalars(select(Stakeholder.title).where(Stakeholder.name == "Priya Nandakumar"))
        assert list(names) == ["Head of Procurement"]
    with demo.session() as s:
        edit.revert(s)
    with demo.read() as s:
        assert everything(demo) | {"UseCase": table(s, UseCase)} == before


def test_a_sorted_table_keeps_each_id_on_its_row(demo: Portfolio, plan: Path) -> None:
    wb = load_workbook(plan)
    ws = wb[ACTIONS]
    top, id_col = id_cell(ws)
    assert ":$G$" in ws.print_area  # the hidden ids (H) do not print
    # Excel sorts the filter's range, the hidden ids with it: here, the rows reversed.
    rows = [
        [ws.cell(r, c).value for c in range(1, id_col + 1)] for r in range(top + 1, ws.max_row + 1)
    ]
    for r, values in enumerate(reversed(rows), start=top + 1):
        for c, value in enumerate(values, start=1):
            ws.cell(r, c).value = value
    wb.save(plan)
    assert read(demo, plan).rows == []


def test_a_plan_older_than_the_portfolio_says_so(demo: Portfolio, plan: Path) -> None:
    with demo.session() as s:
        action = s.scalars(select(ActionItem).where(ActionItem.account_id == ACCOUNT)).first()
        assert action is not None
        exported, action.title = action.title, "Renamed in the app after the export"
        action_id = action.id
    changes = read(demo, plan)
    # The sheet still holds the title as exported: shown as a change back, with a warning.
    (row,) = changes.rows
    assert (row.record_id, row.fields[0].new) == (action_id, exported)
    assert any(
        n.startswith("The portfolio has changed since this plan was exported")
        for n in changes.notes
    )


def test_a_row_copied_twice_or_from_elsewhere_is_left_out(demo: Portfolio, plan: Path) -> None:
    with demo.read() as s:
        first, second = sorted(table(s, Stakeholder))[:2]
    wb = load_workbook(plan)
    ws = wb[PEOPLE]
    _top, id_col = id_cell(ws)
    ws.cell(row_of(ws, second), id_col).value = first  # a row pasted over with another's id
    ws.cell(ws.max_row + 1, id_col).value = 99_999
    ws.cell(ws.max_row, 1).value = "Someone from another plan"
    wb.save(plan)
    problems = [r.problem for r in read(demo, plan).rows if r.problem]
    assert any(f"record {first} is twice in the sheet" in p for p in problems)
    assert any("record 99999 is no longer in the portfolio" in p for p in problems)


def test_applying_after_a_row_went_away_changes_nothing(demo: Portfolio, plan: Path) -> None:
    with demo.read() as s:
        first, second = sorted(table(s, ActionItem))[:2]
    wb = load_workbook(plan)
    ws = wb[ACTIONS]
    for action_id in (first, second):
        ws.cell(row_of(ws, action_id), header(ws, "Action")).value = f"Renamed {action_id}"
    wb.save(plan)
    changes = read(demo, plan)
    with demo.session() as s:  # deleted in the app between reading and applying
        s.delete(s.get(ActionItem, second))
    before = everything(demo)
    edit = PlanChangesEdit(ACCOUNT, changes.account_name, changes.rows, TODAY)
    with (
        pytest.raises(ValidationError, match="no longer in the portfolio"),
        demo.session() as s,
    ):
        run(s, edit)
    assert everything(demo) == before


def test_phone_and_country_columns_are_shown_but_not_read_back(
    demo: Portfolio, tmp_path: Path
) -> None:
    """The people table shows Country and Phone; reading the plan back ignores both (the
    customer copy blanks the phone: a blank there must not read as a deletion)."""
    with demo.session() as s:
        person = s.scalars(
            select(Stakeholder).where(Stakeholder.account_id == ACCOUNT).order_by(Stakeholder.id)
        ).first()
        assert person is not None
        person.phone, person.country = "+44 20 7946 0958", "United Kingdom"
        person_id = person.id
    plan = write_account_plan(demo, ACCOUNT, tmp_path / "plan.xlsx", today=TODAY)
    before = everything(demo)
    wb = load_workbook(plan)
    ws = wb[PEOPLE]
    row = row_of(ws, person_id)
    assert ws.cell(row, header(ws, "Phone")).value == "+44 20 7946 0958"
    assert ws.cell(row, header(ws, "Country")).value == "United Kingdom"
    ws.cell(row, header(ws, "Phone")).value = None
    ws.cell(row, header(ws, "Country")).value = "Ireland"
    wb.save(plan)
    assert read(demo, plan).rows == []
    assert everything(demo) == before
