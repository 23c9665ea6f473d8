"""The window on a 1366x768 laptop: it fits the screen on every tab of every demo account
with no text cut, the list shows what a CSM scans first, the Overview's form folds to one
column and secondary text stays readable."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cs_planner.demo import generate
from cs_planner.domain.accounts.queries import find_account, list_accounts
from cs_planner.storage import open_portfolio
from cs_planner.ui.accounts.overview_tab import TWO_FORM_COLUMNS_FROM
from cs_planner.ui.accounts.portfolio_list import Column
from cs_planner.ui.common import theme
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.main_window import MainWindow
from tests.ui.clipping import clipped_texts, plain_text

LAPTOP = (1366, 768)
LAPTOP_HEIGHT = 700  # the screen less a task bar and the window's title


@pytest.fixture
def window(qtbot, portfolio, today, tmp_path: Path) -> MainWindow:
    generate(portfolio, accounts=12, seed=7, today=today)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(portfolio)
    ctx.today = lambda: today
    win = MainWindow(ctx, None, settings)
    qtbot.addWidget(win)
    win.resize(*LAPTOP)
    win.show()
    qtbot.waitExposed(win)
    win.portfolio_view.select_account(win.portfolio_view.model.row_at(0).id)
    return win


DEMO_ACCOUNTS = 12  # the default demo portfolio's
TODAY = dt.date(2026, 11, 24)  # the ``today`` fixture's


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default demo, generated once: the walks below only read it."""
    path = tmp_path_factory.mktemp("laptop") / "demo.csplan"
    portfolio = open_portfolio(path)
    try:
        generate(portfolio, today=TODAY)
    finally:
        portfolio.close()
    return path


@pytest.fixture
def demo_window(qtbot, demo_path: Path, tmp_path: Path) -> Iterator[MainWindow]:
    portfolio = open_portfolio(demo_path)
    ctx = AppContext(portfolio)
    ctx.today = lambda: TODAY
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(ctx, None, settings)
    qtbot.addWidget(win)
    win.resize(*LAPTOP)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    portfolio.close()


def _laptop_problems(window: MainWindow, where: str) -> list[str]:
    """What does not fit a 1366x768 screen: a minimum size larger than the screen (less
    its task bar), a main area that would squeeze the list's first columns, text cut."""
    for _ in range(3):
        QApplication.processEvents()
    problems = []
    hint = window.minimumSizeHint()
    if hint.width() > LAPTOP[0] or hint.height() > LAPTOP_HEIGHT:
        problems.append(f"{where}: the window needs at least {hint.width()}x{hint.height()}")
    needed = (
        window.portfolio_view.preferred_width()
        + window.splitter.handleWidth()
        + window.main_area.minimumSizeHint().width()
    )
    if needed > LAPTOP[0]:
        problems.append(f"{where}: the list's first columns and the tab need {needed} px")
    return problems + [f"{where}: {problem}" for problem in clipped_texts(window)]


def _inner_pages(page: QWidget, window: MainWindow, where: str) -> list[str]:
    """Every inner page of ``page`` (Expansion's, the CSAs page's), checked in turn."""
    problems = []
    for tabs in page.findChildren(QTabWidget):
        for index in range(1, tabs.count()):
            tabs.setCurrentIndex(index)
            problems += _laptop_problems(window, f"{where} > {tabs.tabText(index)}")
        tabs.setCurrentIndex(0)
    return problems


@pytest.mark.parametrize("number", range(DEMO_ACCOUNTS))
def test_every_tab_of_every_demo_account_fits_a_laptop(demo_window: MainWindow, number) -> None:
    window = demo_window
    account = window.ctx.read(list_accounts)[number]
    window.portfolio_view.select_account(account.id)
    problems = []
    for tab in window.workspace.tab_names():
        assert window.main_area.set_tab(tab)
        page = window.workspace.current_page()
        problems += _laptop_problems(window, f"{account.name}, {tab}")
        problems += _inner_pages(page, window, f"{account.name}, {tab}")
        assert page.isVisible()
    assert problems == []
    # Built once, every tab counts in the minimum size: leaving one does not shrink it.
    assert window.width() == LAPTOP[0]


def test_every_portfolio_page_fits_a_laptop(demo_window: MainWindow) -> None:
    window = demo_window
    window.portfolio_view.select_account(window.ctx.read(list_accounts)[0].id)
    pages = window.main_area.tab_names()[len(window.workspace.tab_names()) :]
    assert pages
    problems = []
    for name in pages:
        assert window.main_area.set_tab(name)
        page = window.main_area.current_page()
        problems += _laptop_problems(window, name)
        problems += _inner_pages(page, window, name)
    assert problems == []
    assert window.width() == LAPTOP[0]


def test_clipped_text_is_found(qtbot) -> None:
    """The check above finds what it should, and lets what reads in full pass."""
    from cs_planner.ui.common.labels import ElidedLabel

    holder = QWidget()
    qtbot.addWidget(holder)
    layout = QVBoxLayout(holder)
    long_text = "Suggested template: Life sciences: validated records to remote trials"
    cut = QLabel(long_text)
    wrapped = QLabel(long_text + " " + long_text)
    wrapped.setWordWrap(True)
    elided = ElidedLabel(long_text)
    button = QPushButton("Apply template…")
    for widget in (cut, wrapped, elided, button):
        widget.setMinimumWidth(0)
        widget.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        layout.addWidget(widget)
    wrapped.setFixedHeight(wrapped.fontMetrics().lineSpacing())  # room for one line only
    holder.resize(160, 200)
    holder.show()
    qtbot.waitExposed(holder)
    found = "\n".join(clipped_texts(holder))
    assert "QLabel 'Suggested" in found  # the plain label, cut
    assert "wrapped text needs" in found
    assert "QPushButton 'Apply" not in found  # wide enough at 160 px
    assert elided.text().endswith("…") and long_text in elided.toolTip()
    assert found.count("Suggested") == 2  # the elided label passes
    holder.resize(1000, 200)
    qtbot.waitUntil(lambda: clipped_texts(holder) == [])
    assert elided.text() == long_text and elided.toolTip() == ""


def test_list_shows_account_to_renewal_by_default(window: MainWindow) -> None:
    table = window.portfolio_view.table
    header = table.horizontalHeader()
    for column in (Column.ACCOUNT, Column.ARR, Column.MULTIPLE, Column.RENEWAL):
        right_edge = header.sectionViewportPosition(column) + header.sectionSize(column)
        assert right_edge <= table.viewport().width(), column.name
    # The renewal column is wide enough for its longest text.
    metrics = table.fontMetrics()
    model = window.portfolio_view.model
    longest = max(
        metrics.horizontalAdvance(model.index(r, Column.RENEWAL).data())
        for r in range(model.rowCount())
    )
    assert header.sectionSize(Column.RENEWAL) > longest


def test_overview_form_folds_to_one_column_when_narrow(window: MainWindow, qtbot) -> None:
    overview = window.workspace.current_page()
    assert overview.width() < TWO_FORM_COLUMNS_FROM
    assert overview.form.columns == 1
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: overview.form.columns == 2)
    assert overview.width() >= TWO_FORM_COLUMNS_FROM
    # The form keeps the width its columns need: every group box is fully visible.
    scroll = overview._form_scroll
    assert scroll.minimumWidth() >= overview.form.sizeHint().width()


def test_muted_text_is_readable_in_light_and_dark(qapp) -> None:
    original = QGuiApplication.palette()
    try:
        for window_colour, text_colour in (("#efefef", "#000000"), ("#353535", "#e0e0e0")):
            palette = QPalette(original)
            palette.setColor(QPalette.ColorRole.Window, QColor(window_colour))
            palette.setColor(QPalette.ColorRole.WindowText, QColor(text_colour))
            QGuiApplication.setPalette(palette)
            muted = QColor(theme.muted_text())
            contrast = theme.contrast(muted, QColor(window_colour))
            # Readable (WCAG AA for text is 4.5:1) yet quieter than the main text.
            assert 4.5 <= contrast < theme.contrast(QColor(text_colour), QColor(window_colour))
    finally:
        QGuiApplication.setPalette(original)


def test_dimension_cards_never_scroll_sideways(window: MainWindow, qtbot) -> None:
    assert window.main_area.set_tab("Expansion")
    view = window.workspace.current_page()
    view.pages.setCurrentIndex(0)
    qtbot.wait(10)
    scroll = view._plan_scroll
    assert scroll.horizontalScrollBar().maximum() == 0
    assert scroll.viewport().width() >= view.dimensions.minimumSizeHint().width()


def _fully_shown(view) -> bool:
    """Every column of a table on show, none behind a sideways scroll."""
    return view.horizontalScrollBar().maximum() == 0 and (
        view.horizontalHeader().length() <= view.viewport().width()
    )


def test_outlook_shows_every_column_and_total_on_a_laptop(window: MainWindow, qtbot) -> None:
    from cs_planner.ui.expansion.portfolio_page import RankColumn

    assert window.main_area.set_tab("Expansion outlook")
    page = window.main_area.current_page()
    qtbot.wait(10)
    view, totals = page.ranking_view, page.dimension_view
    # On a laptop the ranking takes the whole width, its totals below it.
    assert not page.side_by_side()
    assert _fully_shown(view) and _fully_shown(totals)
    for column in RankColumn:
        assert view.horizontalHeader().sectionSize(column) >= view.sizeHintForColumn(column)
    last = totals.model().rowCount() - 1  # the Total line
    bottom = totals.rowViewportPosition(last) + totals.rowHeight(last)
    assert bottom <= totals.viewport().height()
    assert totals.visibleRegion().boundingRect().height() == totals.height()
    # A wide window puts them side by side and gives the room left to the names.
    window.resize(2400, 1080)
    qtbot.waitUntil(page.side_by_side)
    qtbot.waitUntil(
        lambda: (
            view.horizontalHeader().sectionSize(RankColumn.ACCOUNT)
            > view.sizeHintForColumn(RankColumn.ACCOUNT)
        )
    )
    assert view.horizontalHeader().length() == view.viewport().width()
    assert _fully_shown(totals)


def test_overview_lists_read_on_a_laptop(window: MainWindow, qtbot) -> None:
    from cs_planner.ui.accounts.activity_log import NOTE_WIDTH, ActivityColumn
    from cs_planner.ui.accounts.divisions import DivisionColumn

    meridian = window.ctx.read(lambda s: find_account(s, "Meridian Freight Group"))
    window.portfolio_view.select_account(meridian)
    overview = window.workspace.current_page()
    qtbot.wait(10)
    # The one-column form leaves the lists the rest of the width.
    form_width = overview._body_splitter.sizes()[0]
    assert form_width <= overview.form.sizeHint().width() + 30
    log = overview.activity_log.table
    header = log.horizontalHeader()
    for column in (ActivityColumn.DATE, ActivityColumn.KIND, ActivityColumn.BY):
        assert header.sectionSize(column) >= log.sizeHintForColumn(column), column.name
    assert header.sectionSize(ActivityColumn.NOTE) >= NOTE_WIDTH
    assert _fully_shown(log)
    # Divisions: figures and engagement in full; a long geography elides, in full in
    # its tooltip.
    tree = overview.divisions.divisions.tree
    header = tree.header()
    for column in (DivisionColumn.HEADCOUNT, DivisionColumn.ENGAGEMENT):
        assert header.sectionSize(column) >= tree.sizeHintForColumn(column), column.name
    assert header.sectionSize(DivisionColumn.GEOGRAPHY) >= 150
    assert header.length() <= tree.viewport().width()
    model = tree.model()
    first = model.index(0, DivisionColumn.GEOGRAPHY)
    geographies = [
        model.index(r, DivisionColumn.GEOGRAPHY, first.parent()) for r in range(model.rowCount())
    ]
    assert any(model.data(i, Qt.ItemDataRole.ToolTipRole) for i in geographies)


def test_heatmap_shows_all_26_weeks_on_a_laptop(window: MainWindow, qtbot) -> None:
    from cs_planner.domain.csa.rules import HEATMAP_WEEKS
    from cs_planner.ui.csa.heatmap import CalendarHeader

    assert window.main_area.set_tab("CSAs")
    page = window.main_area.current_page()
    qtbot.wait(10)
    table = page.heatmap.table
    header = table.horizontalHeader()
    rows = table.model().rowCount()
    assert rows >= 2 and table.model().columnCount() == HEATMAP_WEEKS
    # Every week on show, and no room kept for a scroll bar that is not there.
    assert table.horizontalScrollBar().maximum() == 0
    assert header.length() <= table.viewport().width()

    def bottom() -> int:
        vertical = table.verticalHeader()
        return vertical.sectionViewportPosition(rows - 1) + vertical.sectionSize(rows - 1)

    assert 0 <= table.viewport().height() - bottom() < 8
    # A load of "100" and the day fit a week's column (the month's name spans its weeks).
    metrics = table.fontMetrics()
    assert header.sectionSize(0) >= metrics.horizontalAdvance("100")
    assert isinstance(header, CalendarHeader)
    # Narrower still (the list dragged wider), the weeks scroll sideways above every CSA.
    window.splitter.setSizes([window.width(), 0])  # the main area at its narrowest
    qtbot.waitUntil(lambda: table.horizontalScrollBar().maximum() > 0)
    qtbot.waitUntil(lambda: bottom() <= table.viewport().height())


def test_meaningful_colours_read_on_a_dark_list(qapp) -> None:
    original = QGuiApplication.palette()
    try:
        # Light: the colours are used as they are (the tests of each view compare them).
        assert theme.ink(theme.BAD) == QColor(theme.BAD)
        palette = QPalette(original)
        palette.setColor(QPalette.ColorRole.Base, QColor("#252525"))
        palette.setColor(QPalette.ColorRole.Text, QColor("#e0e0e0"))
        QGuiApplication.setPalette(palette)
        base = QColor("#252525")
        # Dark red and green were unreadable on a dark list; orange read already.
        for colour in (theme.BAD, theme.GOOD, theme.MUTED):
            assert theme.contrast(QColor(colour), base) < 4.5
            assert theme.contrast(theme.ink(colour), base) >= 4.5
        assert theme.ink(theme.WARN) == QColor(theme.WARN)
    finally:
        QGuiApplication.setPalette(original)


def test_style_sheet_follows_a_switch_to_dark_mode(qapp) -> None:
    original, sheet = QGuiApplication.palette(), qapp.styleSheet()
    try:
        theme.apply(qapp)
        light = theme.muted_text()
        assert f"color: {light}" in qapp.styleSheet()
        palette = QPalette(original)
        palette.setColor(QPalette.ColorRole.Window, QColor("#353535"))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#e0e0e0"))
        qapp.setPalette(palette)
        dark = theme.muted_text()
        assert dark != light
        assert f"color: {dark}" in qapp.styleSheet()
    finally:
        qapp.setPalette(original)
        qapp.setStyleSheet(sheet)


def test_zero_to_50x_says_what_to_do_without_arr(qtbot, portfolio, today) -> None:
    from cs_planner.domain.accounts.writes import create_account
    from cs_planner.ui.expansion.charts import NO_ARR_YET
    from cs_planner.ui.expansion.tab import ExpansionTab

    with portfolio.session() as s:
        fresh = create_account(s, "Aldwick Dental Partners", 40_000)
        running = create_account(s, "Harbor Lane", 50_000, arr=200_000)
    ctx = AppContext(portfolio)
    ctx.today = lambda: today
    view = ExpansionTab(ctx)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    view.pages.setCurrentIndex(3)

    def texts() -> list[str]:
        view.chart.repaint()
        return view.chart.texts()

    view.set_account(fresh)
    qtbot.waitUntil(lambda: NO_ARR_YET in texts())
    view.set_account(running)
    qtbot.waitUntil(lambda: "1x = $50k" in texts())
    assert NO_ARR_YET not in texts()


def test_lists_share_one_row_height(window: MainWindow, qtbot) -> None:
    from PySide6.QtWidgets import QTableView

    overview = window.workspace.current_page()
    height = window.portfolio_view.table.verticalHeader().defaultSectionSize()
    tables = [t for t in overview.findChildren(QTableView) if t.isVisibleTo(overview)]
    assert len(tables) >= 3  # geographies, activity log, CSAs allocated
    assert {t.verticalHeader().defaultSectionSize() for t in tables} == {height}


def test_outlook_chart_says_what_to_do_without_pipeline(qtbot, portfolio, today) -> None:
    from cs_planner.domain.accounts.writes import create_account
    from cs_planner.domain.enums import Dimension
    from cs_planner.domain.model import Opportunity
    from cs_planner.ui.expansion.charts import NO_PIPELINE
    from cs_planner.ui.expansion.portfolio_page import ExpansionPage

    with portfolio.session() as s:
        fresh = create_account(s, "Aldwick Dental Partners", 40_000)
    ctx = AppContext(portfolio)
    ctx.today = lambda: today
    page = ExpansionPage(ctx)
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    page.refresh()
    page.chart.grab()
    assert NO_PIPELINE in page.chart.texts()
    assert "Best case" not in page.chart.texts()  # no legend over an empty chart
    with portfolio.session() as s:
        s.add(
            Opportunity(
                account_id=fresh,
                dimension=Dimension.USAGE,
                title="Roll out to the clinics",
                acv_uplift=20_000,
                confidence=50,
                target_quarter=dt.date(2027, 4, 1),
            )
        )
    page.reload()  # written behind the app's back: no action told the page
    page.chart.grab()
    texts = page.chart.texts()
    assert NO_PIPELINE not in texts
    # The legend sits above the bars, before any bar label, so it never covers one.
    assert texts[:2] == ["Best case", "Expected (weighted)"]


def test_overview_allocations_keep_the_use_case_readable(window: MainWindow, qtbot) -> None:
    from cs_planner.ui.csa.allocations import USE_CASE_WIDTH, AllocationColumn

    meridian = window.ctx.read(lambda s: find_account(s, "Meridian Freight Group"))
    window.portfolio_view.select_account(meridian)
    overview = window.workspace.current_page()
    table = overview.csa_section.table
    header = table.horizontalHeader()
    qtbot.waitUntil(lambda: table.model().rowCount() > 0)
    assert header.sectionSize(AllocationColumn.USE_CASE) >= USE_CASE_WIDTH
    window.resize(2400, 1080)
    qtbot.waitUntil(lambda: header.length() == table.viewport().width())
    assert header.sectionSize(AllocationColumn.USE_CASE) > USE_CASE_WIDTH


def test_a_long_template_name_elides_and_keeps_its_bold(window: MainWindow, qtbot) -> None:
    calder = window.ctx.read(lambda s: find_account(s, "Calder Therapeutics"))
    window.portfolio_view.select_account(calder)
    assert window.main_area.set_tab("Stairway")
    label = window.workspace.current_page().template_label
    qtbot.waitUntil(label.is_elided)
    name = "Life sciences: validated records to remote trials"
    assert name in label.full_text()
    assert "font-weight:700" in label.text()  # still rich text: the name in bold
    assert plain_text(label).endswith("…") and name not in plain_text(label)
    assert name in label.toolTip()  # the whole name, before the explanation
    assert "Suggested from the account's industry" in label.toolTip()
    window.resize(2400, 1080)
    qtbot.waitUntil(lambda: not label.is_elided())
    assert label.text() == label.full_text()
    assert label.toolTip().startswith("Suggested from the account's industry")
