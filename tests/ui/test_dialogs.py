"""The portfolio dialogs read as a person would fill them in."""

from __future__ import annotations

from cs_planner.domain.accounts.queries import get_settings
from cs_planner.ui.common.dialogs import SettingsDialog


def test_settings_show_month_names_and_units(qtbot, portfolio) -> None:
    with portfolio.session() as session:
        current = get_settings(session)
    dialog = SettingsDialog(current)
    qtbot.addWidget(dialog)
    assert dialog.fy.text() == "January"
    dialog.fy.lineEdit().selectAll()
    qtbot.keyClicks(dialog.fy.lineEdit(), "April")
    dialog.fy.interpretText()
    assert dialog.values()["fiscal_year_start_month"] == 4
    dialog.fy.stepDown()
    assert dialog.fy.text() == "March"
    assert dialog.chargeability.text() == "70 %"
    assert dialog.values()["chargeability_target"] == 0.7
    assert dialog.stale.text() == "90 days"


def test_settings_keep_the_paper_and_the_story_goal(qtbot, portfolio) -> None:
    from cs_planner.domain.accounts.writes import update_settings
    from cs_planner.domain.enums import PaperSize

    with portfolio.session() as session:
        current = get_settings(session)
    assert (current.paper_size, current.stories_per_quarter_goal) == (PaperSize.A4, 1)
    dialog = SettingsDialog(current)
    qtbot.addWidget(dialog)
    assert dialog.paper.currentText() == "A4"
    dialog.paper.setCurrentIndex(dialog.paper.findText("Letter"))
    dialog.stories.setValue(2)
    with portfolio.session() as session:
        update_settings(session, **dialog.values())
    with portfolio.session() as session:
        saved = get_settings(session)
    assert (saved.paper_size, saved.stories_per_quarter_goal) == (PaperSize.LETTER, 2)
