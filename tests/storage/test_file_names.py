"""A file name is a name, not URL syntax: '?', '#', '%XX', quotes, spaces and non-ASCII
reach SQLite as they are, and a name too long for the journal beside it is refused."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from cs_planner.domain.model import Account
from cs_planner.storage import PortfolioError, open_portfolio
from cs_planner.storage.files import COMPANION_ROOM

EXE = Path(sys.executable).with_name("cs-planner")
NAMES = [
    "Team plan?v2.csplan",
    "Q3%41.csplan",
    "%2e%2e%2fescape.csplan",
    "#1 plan.csplan",
    'it\'s "ours".csplan',
    "two  spaces .csplan",
    "Müller–Łódź 日本.csplan",
    "mode=ro&cache=shared.csplan",
    "x" * (255 - COMPANION_ROOM - len(".csplan")) + ".csplan",  # the longest that edits
]


@pytest.mark.parametrize("name", NAMES, ids=range(len(NAMES)))
def test_the_named_file_holds_the_data(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    portfolio = open_portfolio(path)
    with portfolio.session() as s:
        s.add(Account(name="Kestrel", initial_deal_value=1000))
    portfolio.close()
    assert [p.name for p in tmp_path.iterdir()] == [name]
    for mode in ("write", "read"):
        reopened = open_portfolio(path, mode=mode)
        with reopened.read() as s:
            assert s.scalars(select(Account.name)).all() == ["Kestrel"]
        reopened.close()
    assert [p.name for p in tmp_path.iterdir()] == [name]


@pytest.mark.parametrize("name", ["Team plan?v2.csplan", "Q3%41.csplan"])
def test_demo_writes_the_file_it_names(tmp_path: Path, name: str) -> None:
    result = subprocess.run(
        [str(EXE), "demo", name, "--accounts", "2"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert [p.name for p in tmp_path.iterdir()] == [name]
    assert (tmp_path / name).stat().st_mode & 0o777 == 0o600
    listed = subprocess.run(
        [str(EXE), "accounts", name], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert listed.returncode == 0 and len(listed.stdout.splitlines()) == 3


def test_a_name_without_room_for_the_journal_is_refused_for_editing(tmp_path: Path) -> None:
    longest = "y" * (255 - len(".csplan")) + ".csplan"  # 255 bytes: "-wal" cannot fit
    with pytest.raises(PortfolioError, match=r"too long to edit \(255 bytes"):
        open_portfolio(tmp_path / longest)
    assert list(tmp_path.iterdir()) == []


def test_a_255_byte_name_can_still_be_read(tmp_path: Path) -> None:
    short = tmp_path / "short.csplan"
    portfolio = open_portfolio(short)
    with portfolio.session() as s:
        s.add(Account(name="Kestrel", initial_deal_value=1000))
    portfolio.close()
    longest = short.rename(tmp_path / ("z" * (255 - len(".csplan")) + ".csplan"))
    reader = open_portfolio(longest, mode="read")
    with reader.read() as s:
        assert s.scalars(select(Account.name)).all() == ["Kestrel"]
    reader.close()
    assert [p.name for p in tmp_path.iterdir()] == [longest.name]


def test_a_name_longer_than_the_folder_allows_is_one_clear_error(tmp_path: Path) -> None:
    name = "w" * 293 + ".csplan"
    for mode in ("write", "read"):
        with pytest.raises(PortfolioError, match=r"is too long \(300 bytes; the folder allows"):
            open_portfolio(tmp_path / name, mode=mode)
