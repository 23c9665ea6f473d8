"""Portfolio > Health and tiers: the dialog's values, its refusals, one undo step."""

from __future__ import annotations

from cs_planner.domain.enums import HealthIndicator, Tier
from cs_planner.domain.value.settings import read_health_settings
from cs_planner.ui.value import health_settings
from cs_planner.ui.value.health_settings import HealthSettingsDialog


def test_dialog_reads_back_what_it_shows_and_refuses_bad_bands(qtbot, ctx) -> None:
    current = ctx.read(read_health_settings)
    dialog = HealthSettingsDialog(current, 520.0)
    qtbot.addWidget(dialog)
    assert dialog.values() == current
    _weight, red, green = dialog.boxes[HealthIndicator.RENEWAL]
    red.setValue(90)
    green.setValue(60)
    dialog._accept()
    assert not dialog.result()  # still open
    assert "Red must end" in dialog.errors["weight"].text()
    red.setValue(40)
    dialog.from_team.setChecked(False)
    dialog.team.setValue(333)
    dialog.hours[Tier.TOP].setValue(12)
    values = dialog.values()
    assert values.team_hours == 333 and values.tier_hours[Tier.TOP] == 12


def test_a_change_is_one_undo_step(qtbot, ctx, monkeypatch) -> None:
    current = ctx.read(read_health_settings)
    changed = current.__class__(current.weights, current.tier_hours, 100.0)
    monkeypatch.setattr(HealthSettingsDialog, "ask", classmethod(lambda cls, *a: changed))
    health_settings.edit_health_settings(ctx, None)
    assert ctx.read(read_health_settings).team_hours == 100
    assert ctx.undo_stack.count() == 1
    ctx.undo_stack.undo()
    assert ctx.read(read_health_settings).team_hours is None
