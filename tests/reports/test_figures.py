"""Workbook pictures are drawn once per data version: an unchanged account's pictures come
from the cache (private, never stale after an edit), a changed one is drawn again."""

from __future__ import annotations

import datetime as dt
import stat
import zipfile
from dataclasses import dataclass

import pytest

from cs_planner.domain.enums import Level, Stance
from cs_planner.domain.model import Stakeholder
from cs_planner.reports import figures
from cs_planner.reports.account_plan import write_account_plan

TODAY = dt.date(2026, 11, 24)


def pictures(path) -> list[bytes]:
    with zipfile.ZipFile(path) as archive:
        return [archive.read(n) for n in sorted(archive.namelist()) if n.startswith("xl/media/")]


@pytest.fixture
def mapped(portfolio, acme) -> int:
    with portfolio.session() as s:
        s.add(
            Stakeholder(
                account_id=acme,
                name="Rui Santos",
                title="CFO",
                level=Level.EXECUTIVE,
                stance=Stance.SUPPORTER,
                last_contact=dt.date(2026, 11, 1),
            )
        )
    return acme


def test_an_unchanged_account_takes_its_pictures_from_the_cache(
    portfolio, mapped, tmp_path, monkeypatch
):
    first = write_account_plan(portfolio, mapped, tmp_path / "a.xlsx", today=TODAY)
    cached = sorted(figures.cache_folder().glob("*.png"))
    assert len(cached) == len(pictures(first)) >= 1
    assert stat.S_IMODE(figures.cache_folder().stat().st_mode) == 0o700

    def no_drawing(*_args: object) -> bytes:
        raise AssertionError("drawn again although nothing changed")

    monkeypatch.setattr(figures, "_draw_png", no_drawing)
    second = write_account_plan(portfolio, mapped, tmp_path / "b.xlsx", today=TODAY)
    assert pictures(second) == pictures(first)


def test_a_changed_map_is_drawn_again(portfolio, mapped, tmp_path):
    first = write_account_plan(portfolio, mapped, tmp_path / "a.xlsx", today=TODAY)
    with portfolio.session() as s:
        person = s.query(Stakeholder).filter_by(name="Rui Santos").one()
        person.stance = Stance.DETRACTOR
    second = write_account_plan(portfolio, mapped, tmp_path / "b.xlsx", today=TODAY)
    assert pictures(second) != pictures(first)


def test_a_cache_that_cannot_be_written_only_costs_a_redraw(portfolio, mapped, tmp_path):
    figures.cache_folder().parent.mkdir(parents=True)
    figures.cache_folder().write_text("not a folder")
    path = write_account_plan(portfolio, mapped, tmp_path / "a.xlsx", today=TODAY)
    assert pictures(path)


@dataclass(frozen=True)
class Row:
    roles: frozenset[Stance]
    when: dt.date


def test_canonical_text_does_not_depend_on_set_order():
    a = Row(frozenset([Stance.CHAMPION, Stance.DETRACTOR, Stance.SUPPORTER]), TODAY)
    b = Row(frozenset([Stance.SUPPORTER, Stance.CHAMPION, Stance.DETRACTOR]), TODAY)
    assert figures.canonical([a, {"k": (1, 2.5, None)}]) == figures.canonical(
        [b, {"k": (1, 2.5, None)}]
    )
    assert figures.canonical(a) != figures.canonical(Row(a.roles, TODAY + dt.timedelta(1)))
    with pytest.raises(TypeError):
        figures.canonical(object())


def test_the_code_stamp_holds_in_a_bundle_without_sources(monkeypatch) -> None:
    """A PyInstaller bundle keeps no .py files: matplotlib's origin is not on disk."""
    import importlib.machinery
    import importlib.util

    from cs_planner.reports import figures

    missing = importlib.machinery.ModuleSpec("matplotlib", None, origin="/nowhere/__init__.py")
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: missing)
    figures._code_stamp.cache_clear()
    try:
        assert len(figures._code_stamp()) == 64
    finally:
        figures._code_stamp.cache_clear()
