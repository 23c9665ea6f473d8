"""The Plan tab at a laptop's width: the action's text takes the room (owner and what it
serves give way and say themselves in tooltips), and on a wide screen everything shows in
full; the risk register's mitigation gets up to a third of a wide table."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from cs_planner.ui.plan.actions_model import FIELDS
from cs_planner.ui.plan.evangelism import EvangelismPanel
from cs_planner.ui.plan.risks import MITIGATION, RisksPanel
from cs_planner.ui.plan.tab import PlanTab
from tests.ui.plan.test_actions import panel_of

# The Plan tab's width in the main window at 1366x768 (the account list takes the rest).
LAPTOP, WIDE = 850, 1560


def _widths(tab: PlanTab, width: int) -> tuple[int, int, int, int]:
    tab.resize(width, 700)
    QApplication.processEvents()
    panel = panel_of(tab)
    header, metrics = panel.view.horizontalHeader(), panel.view.fontMetrics()
    widest = max(metrics.horizontalAdvance(r.title) for r in panel.model.rows())
    owner, serves = FIELDS.index("owner"), FIELDS.index("serves")
    return header.sectionSize(0), widest, header.sectionSize(owner), header.sectionSize(serves)


def test_the_action_text_reads_on_a_laptop(plan_tab: PlanTab) -> None:
    action, widest, owner, serves = _widths(plan_tab, LAPTOP)
    assert action >= widest + 6  # every showcase action reads in full
    view = panel_of(plan_tab).view
    assert view.horizontalHeader().length() <= view.viewport().width()  # no sideways scroll
    assert owner < 150 and serves < 180  # they gave way


def test_a_wide_screen_shows_owner_and_purpose_in_full(plan_tab: PlanTab) -> None:
    _, _, narrow_owner, narrow_serves = _widths(plan_tab, LAPTOP)
    action, widest, owner, serves = _widths(plan_tab, WIDE)
    panel = panel_of(plan_tab)
    metrics = panel.view.fontMetrics()
    assert owner > narrow_owner and serves > narrow_serves
    assert owner >= max(metrics.horizontalAdvance(r.owner_name) for r in panel.model.rows())
    assert action > widest


def test_the_mitigation_widens_with_the_screen(plan_tab: PlanTab) -> None:
    risks = plan_tab.show_section("Risks")
    assert isinstance(risks, RisksPanel)
    table = risks.register.table
    texts = [r.values.mitigation for r in risks.register.model.rows()]
    assert texts
    widest = max(table.fontMetrics().horizontalAdvance(t) for t in texts)
    plan_tab.resize(LAPTOP, 700)
    QApplication.processEvents()
    narrow = table.horizontalHeader().sectionSize(MITIGATION)
    assert 160 <= narrow < widest  # gives way to the description, still a few words
    plan_tab.resize(WIDE, 700)
    QApplication.processEvents()
    wide = table.horizontalHeader().sectionSize(MITIGATION)
    assert wide > narrow and wide >= min(widest, int(0.3 * table.viewport().width()))


def test_on_a_laptop_the_heat_grid_goes_above_the_register(plan_tab: PlanTab) -> None:
    risks = plan_tab.show_section("Risks")
    assert isinstance(risks, RisksPanel)
    table = risks.register.table
    plan_tab.resize(LAPTOP, 700)
    QApplication.processEvents()
    assert risks.grid.geometry().bottom() < risks.register.geometry().top()
    assert table.horizontalHeader().length() <= table.viewport().width()  # no sideways scroll
    plan_tab.resize(WIDE, 700)
    QApplication.processEvents()
    assert risks.grid.geometry().right() < risks.register.geometry().left()


def test_story_titles_read_in_full_on_a_laptop(plan_tab: PlanTab) -> None:
    panel = plan_tab.show_section("Evangelism")
    assert isinstance(panel, EvangelismPanel)
    for width in (LAPTOP, WIDE):
        plan_tab.resize(width, 700)
        QApplication.processEvents()
        table = panel.stories.table
        rows = panel.stories.model.rows()
        assert rows  # the showcase's champion told stories
        widest = max(table.fontMetrics().horizontalAdvance(r.values.title) for r in rows)
        title = table.horizontalHeader().sectionSize(len(panel.stories.kind.columns) - 1)
        assert title >= widest + 6, (width, title, widest)
        assert table.horizontalHeader().length() <= table.viewport().width()
