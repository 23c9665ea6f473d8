"""Issue 10 in the views: the CSAs page and the CSA workbook give the same hours over one
stated period (the demo's case), ended allocations are marked, an open opportunity cannot
target a past quarter, progress is one measure on the cards and the radar, and the tabs
show the contradictions their rules find."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from sqlalchemy import func, select

from cs_planner.demo import generate
from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.csa.edits import new_allocation, new_csa
from cs_planner.domain.csa.rows import AllocationValues, CsaValues
from cs_planner.domain.enums import (
    ActivityKind,
    BuyingRole,
    Dimension,
    Funding,
    Level,
    OpportunityStatus,
    Stance,
    WhitespaceState,
)
from cs_planner.domain.expansion.edits import add_opportunity
from cs_planner.domain.expansion.rows import OpportunityValues
from cs_planner.domain.model import (
    Activity,
    CsaAllocation,
    DimensionPlan,
    Division,
    Opportunity,
    Product,
    Stakeholder,
    TeamMember,
    UseCase,
    WhitespaceCell,
)
from cs_planner.reports.csa.workbook import write_csa_workbook
from cs_planner.storage import Portfolio, open_portfolio
from cs_planner.ui.common import theme
from cs_planner.ui.csa.account_section import AccountCsaSection
from cs_planner.ui.csa.allocations import AllocationColumn
from cs_planner.ui.csa.page import ALLOCATIONS_TAB, SCORECARD_TAB, CsaPage
from cs_planner.ui.expansion.charts import RadarChart, radar_label
from cs_planner.ui.expansion.dialogs import OpportunityDialog
from cs_planner.ui.expansion.tab import ExpansionTab
from cs_planner.ui.relationships.tab import RelationshipsTab
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import dry_run

D = dt.date
DEMO_DAY = D(2026, 12, 1)  # the day of the issue: the page read 30 Nov, the workbook 1 Dec


def context(portfolio: Portfolio, today: dt.date) -> AppContext:
    ctx = AppContext(portfolio)
    ctx.today = lambda: today
    return ctx


# --- the CSAs page and the CSA workbook, on the demo ---------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    portfolio = open_portfolio(tmp_path_factory.mktemp("agree") / "demo.csplan")
    generate(portfolio, today=DEMO_DAY)
    yield portfolio
    portfolio.close()


def test_page_and_workbook_give_one_csas_hours_and_revenue(qtbot, demo, tmp_path: Path) -> None:
    page = CsaPage(context(demo, DEMO_DAY))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.refresh()
    assert page.figures_title.text() == "Per CSA, Mon 30 Nov 2026 to Sun 30 May 2027"
    assert "the period of the CSA workbook too" in page.figures_title.toolTip()
    book = load_workbook(write_csa_workbook(demo, tmp_path / "csa.xlsx", today=DEMO_DAY))
    ws = book["CSAs"]
    assert ws["B3"].value.startswith("Mon 30 Nov 2026 to Sun 30 May 2027")
    top = next(c.row for c in ws["A"] if c.value == "CSA")
    header = [c.value for c in ws[top]]
    sheet = {
        row[0]: dict(zip(header, row, strict=True))
        for row in ws.iter_rows(min_row=top + 1, values_only=True)
        if row[0]
    }
    with demo.session() as s:
        joelle = s.scalar(select(TeamMember).where(TeamMember.name == "Joelle Delacourt"))
        rows = s.scalars(select(CsaAllocation).where(CsaAllocation.csa_id == joelle.id)).all()
        rate, capacity = joelle.bill_rate, joelle.capacity_hours_per_week
        # By hand, day by day over the 26 weeks from Monday 30 November.
        hours = billed = 0.0
        day = D(2026, 11, 30)
        while day <= D(2027, 5, 30):
            for r in rows:
                if day.weekday() < 5 and r.start_date <= day <= r.end_date:
                    hours += capacity / 5 * r.fraction
                    billed += capacity / 5 * r.fraction * (r.funding == Funding.CHARGEABLE)
            day += dt.timedelta(days=1)
    shown = next(f for f in page.figures_model.rows() if f.csa.name == "Joelle Delacourt")
    assert (
        round(hours)
        == round(shown.window.allocated_hours)
        == sheet["Joelle Delacourt"]["Allocated hours"]
    )
    assert rate * billed == pytest.approx(shown.window.revenue)
    assert sheet["Joelle Delacourt"]["Billable revenue"] == pytest.approx(rate * billed)
    texts = {
        page.figures_model.headerData(n, Qt.Orientation.Horizontal): n
        for n in range(page.figures_model.columnCount())
    }
    row = page.figures_model.rows().index(shown)
    by_capacity = page.figures_model.index(row, texts["Chargeable ÷ capacity"]).data()
    by_allocated = page.figures_model.index(row, texts["Chargeable ÷ allocated"]).data()
    assert by_capacity == f"{billed / (capacity * 130 / 5):.0%}"
    assert by_allocated == f"{billed / hours:.0%}"


def test_the_demo_shows_a_trapped_csa_and_names_only_allocated_csas(qtbot, demo) -> None:
    page = CsaPage(context(demo, DEMO_DAY))
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    kinds = {w.kind.value for w in page.warnings_model.rows()}
    assert "trapped" in kinds
    page.tabs.setCurrentIndex(SCORECARD_TAB)
    scorecard = {r.csa: r.accounts_served for r in page.scorecard_model.rows()}
    assert scorecard
    with demo.session() as s:
        for name, served in scorecard.items():
            person = s.scalar(select(TeamMember.id).where(TeamMember.name == name))
            allocated = set(
                s.scalars(select(CsaAllocation.account_id).where(CsaAllocation.csa_id == person))
            )
            named = set(s.scalars(select(UseCase.account_id).where(UseCase.csa_id == person)))
            assert named <= allocated  # the demo names only CSAs who work on the account
            assert served == len(allocated)


# --- ended allocations ---------------------------------------------------------------------


@pytest.fixture
def allocations(portfolio: Portfolio) -> dict[str, int]:
    with portfolio.session() as s:
        ada = new_csa(s, CsaValues("Ada Brennan"))
        s.flush()
        kestrel = create_account(s, "Kestrel", 10_000)
        old = new_allocation(s, AllocationValues(ada.id, kestrel, D(2026, 1, 5), D(2026, 6, 26)))
        now = new_allocation(s, AllocationValues(ada.id, kestrel, D(2026, 10, 5), D(2027, 3, 26)))
        late = new_allocation(s, AllocationValues(ada.id, kestrel, D(2027, 4, 5), D(2027, 6, 25)))
        s.flush()
        return {"kestrel": kestrel, "old": old.id, "now": now.id, "late": late.id}


def check_ended_last_and_muted(model, ids: dict[str, int]) -> None:
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        model.sort(AllocationColumn.START, order)
        ordered = [r.id for r in model.rows()]
        assert ordered[-1] == ids["old"]  # ended: after the current and planned ones
        assert set(ordered[:2]) == {ids["now"], ids["late"]}
    row = len(model.rows()) - 1
    end = model.index(row, AllocationColumn.END)
    assert end.data() == "2026-06-26 (ended)"
    assert model.index(row, AllocationColumn.CSA).data(Qt.ItemDataRole.ForegroundRole) == (
        theme.ink(theme.MUTED)
    )
    assert "Ended on 2026-06-26." in end.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, AllocationColumn.END).data().endswith("(ended)") is False


def test_ended_allocations_are_marked_on_the_csas_page_and_the_overview(
    qtbot, portfolio, allocations, today
) -> None:
    ctx = context(portfolio, today)
    page = CsaPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    page.tabs.setCurrentIndex(ALLOCATIONS_TAB)  # built and filled when first shown
    check_ended_last_and_muted(page.allocations.model, allocations)
    section = AccountCsaSection(ctx)
    qtbot.addWidget(section)
    section.set_account(allocations["kestrel"])
    check_ended_last_and_muted(section.model, allocations)


# --- an open opportunity in a past quarter ---------------------------------------------------


@pytest.fixture
def harbor(portfolio: Portfolio) -> int:
    with portfolio.session() as s:
        account = create_account(
            s,
            "Harbor Lane",
            50_000,
            arr=200_000,
            active_users=120,
            initial_deal_date=D(2025, 8, 20),
        )
        ops, hr, it = (Division(account_id=account, name=n) for n in ("Ops", "HR", "IT"))
        forms = Product(name="Forms")
        s.add_all([ops, hr, it, forms])
        s.flush()
        s.add(
            DimensionPlan(
                account_id=account,
                dimension=Dimension.USERS,
                baseline=150,
                target=400,
                unit="active users",
            )
        )
        s.add(
            DimensionPlan(account_id=account, dimension=Dimension.DIVISIONS, baseline=1, target=3)
        )
        s.add(
            WhitespaceCell(
                account_id=account,
                division_id=ops.id,
                product_id=forms.id,
                state=WhitespaceState.LIVE,
            )
        )
        for division in (hr, it):
            s.add(
                WhitespaceCell(
                    account_id=account,
                    division_id=division.id,
                    product_id=forms.id,
                    state=WhitespaceState.NOT_RELEVANT,
                )
            )
        return account


def test_an_open_opportunity_in_a_past_quarter_is_refused_next_to_its_field(
    qtbot, portfolio, harbor, today
) -> None:
    ctx = context(portfolio, today)
    view = ExpansionTab(ctx)
    qtbot.addWidget(view)
    view.set_account(harbor)
    past = OpportunityValues(Dimension.USERS, "Seats", 10_000, 50, target_quarter=D(2026, 7, 1))
    dialog = OpportunityDialog(view, "Add opportunity", past, view.data.plan)
    qtbot.addWidget(dialog)
    dialog.check = lambda v: dry_run(ctx, lambda s: add_opportunity(s, harbor, v, today))
    dialog._accept()
    message = dialog.errors["target_quarter"].text()
    assert message.startswith("2026 Q3 is already past: an open opportunity targets the current")
    assert dialog.result() != dialog.DialogCode.Accepted
    with portfolio.session() as s:
        assert s.scalar(select(func.count()).select_from(Opportunity)) == 0
    # Won or lost in that quarter is fine: it says when it closed.
    with portfolio.session() as s:
        won = OpportunityValues(**{**past.__dict__, "status": OpportunityStatus.WON})
        add_opportunity(s, harbor, won, today)


# --- expansion: one progress measure, below baseline flagged, targets checked ------------------


def test_cards_and_radar_show_one_progress_and_flag_below_baseline(qtbot, portfolio, harbor, today):
    view = ExpansionTab(context(portfolio, today))
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    view.set_account(harbor)
    users = view.data.plan.dimension(Dimension.USERS)
    # By hand: 120 active users against a baseline of 150: below it, so no progress at all
    # (the radar used to show 120 / 400 = 30% while the bar showed 0%).
    assert (users.values.baseline, users.current, users.values.target) == (150, 120, 400)
    card = view.dimensions.cards[Dimension.USERS]
    assert card.bar.value() == 0 and card.bar.format() == "below baseline: ground lost"
    assert "(below baseline)" in card.figures.text()
    radar = view.radar.chart
    assert isinstance(radar, RadarChart)
    users_at = [d.dimension for d in radar.dimensions].index(Dimension.USERS)
    assert radar_label(radar.dimensions[users_at]) == "Users\nbelow baseline"
    assert radar.shares()[users_at] == 0.0  # at the centre, as the bar says
    view.radar.grab()
    assert "Users\nbelow baseline" in view.radar.texts()
    # Painted red: the label's pixels include the bad colour.
    image = view.radar.grab().toImage()
    red = QColor(theme.ink(theme.BAD))
    assert any(
        image.pixelColor(x, y) == red
        for x in range(0, image.width(), 1)
        for y in range(0, image.height(), 2)
    )
    # Divisions: a target of 3 while the grid rules HR and IT out everywhere.
    texts = [label.finding.text for label in view.dimensions.check_labels]
    assert texts == [
        "Divisions target 3, but only 1 of the 3 divisions are relevant in the whitespace grid "
        "(HR, IT marked not relevant everywhere): lower the target or reassess the grid."
    ]
    assert view.dimensions.checks.isVisible()


# --- relationships and the activity log show their contradictions ----------------------------


def test_relationships_and_activity_log_show_their_contradictions(qtbot, portfolio, today):
    from cs_planner.ui.accounts.overview_tab import OverviewTab

    with portfolio.session() as s:
        account = create_account(s, "Kestrel", 10_000)
        pia = Stakeholder(
            account_id=account,
            name="Pia Holt",
            level=Level.MANAGER,
            stance=Stance.DETRACTOR,
            last_contact=today,
        )
        pia.roles = {BuyingRole.CHAMPION}
        s.add(pia)
        s.flush()
        s.add(UseCase(account_id=account, title="Intake", champion_id=pia.id))
        s.add(
            Activity(
                account_id=account,
                date=today + dt.timedelta(days=21),
                kind=ActivityKind.QBR,
                note="Reviewed value metrics; agreed targets.",
            )
        )
        s.add(
            Activity(
                account_id=account,
                date=today + dt.timedelta(days=40),
                kind=ActivityKind.QBR,
                note="Agenda: value metrics.",
            )
        )
    ctx = context(portfolio, today)
    tab = RelationshipsTab(ctx)
    qtbot.addWidget(tab)
    tab.set_account(account)
    texts = tab.coverage.texts()
    assert texts[:2] == [
        "Pia Holt is recorded as a champion, but their stance is detractor: update the role "
        "or the stance.",
        "Pia Holt champions the use case “Intake”, but their stance is detractor: name another "
        "champion or update the stance.",
    ]
    overview = OverviewTab(ctx)
    qtbot.addWidget(overview)
    overview.set_account(account)
    log = overview.activity_log
    assert [label.finding.text for label in log.check_labels] == [
        "The QBR dated 2026-12-15 is still to come, but its note says it took place: correct "
        "the date or the note."
    ]
    dates = [log.model.index(r, 0).data() for r in range(log.model.rowCount())]
    assert dates == ["2027-01-03", "2026-12-15"]  # newest first
    colours = [
        log.model.index(r, 0).data(Qt.ItemDataRole.ForegroundRole)
        for r in range(log.model.rowCount())
    ]
    assert colours == [None, theme.ink(theme.WARN)]  # only the one written as done
    assert log.model.index(1, 1).data(Qt.ItemDataRole.ToolTipRole).startswith("The QBR dated")
    log.check_labels[0].clicked.emit(log.check_labels[0].finding.people)
    assert log.selected().date == today + dt.timedelta(days=21)
