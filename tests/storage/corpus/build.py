"""The corpus of bad (and a few good) portfolio files: each case is built by code here,
in a folder of its own, from one small demo portfolio; nothing binary is committed.

Each case says what every read command (``accounts``, ``export``, ``--screenshot``) must
answer: exit status 1 with one line matching ``expect`` on stderr, or (``expect=None``)
success. The test (tests/storage/test_corpus.py) runs them and checks that no command
changed a byte of the case's folder.

Run ``python tests/storage/corpus/build.py FOLDER`` to build the files for a look."""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

COMMANDS = ("accounts", "export", "screenshot")
DAMAGED = r"is damaged"
NOT_OURS = r"not a cs_planner portfolio"


@dataclass
class Case:
    name: str
    build: Callable[[Path, Path], str]  # (folder, base portfolio) -> the name to open
    expect: str | None  # regex of the one error line; None: the command succeeds
    per_command: dict[str, str | None] = field(default_factory=dict)
    as_user: bool = False  # permissions matter: run as an unprivileged user when root
    hold_lock: bool = False  # another process holds an exclusive lock while it runs
    target: str = ""  # filled by build_all

    def expected(self, command: str) -> str | None:
        return self.per_command.get(command, self.expect)


# --- the base portfolio and ways to damage a copy ------------------------------------------


def make_base(folder: Path) -> Path:
    """A small demo portfolio, checkpointed: one file, no -wal beside it."""
    from sqlalchemy import select

    from cs_planner.demo import generate
    from cs_planner.domain.model import Account, Risk
    from cs_planner.storage import open_portfolio

    path = folder / "base.csplan"
    portfolio = open_portfolio(path)
    generate(portfolio, accounts=2, seed=7, today=dt.date(2026, 11, 24))
    with portfolio.session() as session:  # every table a case damages has a row to damage
        if session.scalar(select(Risk.id)) is None:
            account = session.scalars(select(Account.id)).first()
            session.add(Risk(account_id=account, description="Champion may leave"))
    portfolio.close()
    return path


def _copy(base: Path, folder: Path, name: str = "plan.csplan") -> Path:
    target = folder / name
    shutil.copyfile(base, target)
    return target


def _sql(path: Path, *statements: str, checks: bool = False) -> None:
    """Write around every guard: no CHECKs, no foreign keys (how another tool breaks it)."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys=OFF")
        if not checks:
            conn.execute("PRAGMA ignore_check_constraints=ON")
        for statement in statements:
            cursor = conn.execute(statement)
            if statement.lstrip().upper().startswith("UPDATE") and cursor.rowcount == 0:
                raise AssertionError(f"the corpus damages nothing with {statement!r}")
    finally:
        conn.close()


def _page_size(path: Path) -> int:
    return int.from_bytes(path.read_bytes()[16:18], "big") or 65536


def _overwrite(path: Path, offset: int, data: bytes) -> None:
    with path.open("r+b") as handle:
        handle.seek(offset)
        handle.write(data)


def _garble_page(path: Path, index: int, *, zero: bool = False) -> None:
    size = _page_size(path)
    noise = bytes(size) if zero else random.Random(index).randbytes(size)
    _overwrite(path, index * size, noise)


def _pages(path: Path) -> int:
    return path.stat().st_size // _page_size(path)


def _root_page(path: Path, name: str) -> int:
    conn = sqlite3.connect(path)
    try:
        query = "SELECT rootpage FROM sqlite_master WHERE name = ?"
        return conn.execute(query, (name,)).fetchone()[0]
    finally:
        conn.close()


def _drop_column(path: Path, table: str, column: str) -> None:
    _sql(path, f'ALTER TABLE "{table}" DROP COLUMN "{column}"')


def _drop_not_null(path: Path, table: str, column: str) -> None:
    """Edit the schema text as another tool might: the rows stay, the rule goes."""
    _sql(
        path,
        "PRAGMA writable_schema=ON",
        f"UPDATE sqlite_master SET sql = replace(sql, '{column} VARCHAR(200) NOT NULL', "
        f"'{column} VARCHAR(200)') WHERE name = '{table}'",
    )


def _other_app_db(path: Path, *, app_id: int = 0, tables: bool = True) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        if app_id:
            conn.execute(f"PRAGMA application_id={app_id}")
        if tables:
            conn.execute("CREATE TABLE songs (title TEXT, seconds INTEGER)")
            conn.execute("INSERT INTO songs VALUES ('Blue', 201)")
        else:  # a database file with a header and no tables
            conn.execute("CREATE TABLE scratch (x)")
            conn.execute("DROP TABLE scratch")
    finally:
        conn.close()


def _crash_with_wal(path: Path, statement: str) -> None:
    """Leave uncheckpointed pages in path-wal (and its -shm), as a crash would."""
    code = (
        "import os, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA journal_mode=WAL')\n"
        "c.execute(sys.argv[2])\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(path), statement], check=True)


def _crash_in_app(path: Path) -> None:
    """Like _crash_with_wal, but the write is cs_planner's own (one edit, then killed)."""
    code = (
        "import os, sys\n"
        "from sqlalchemy import update\n"
        "from cs_planner.domain.model import Account\n"
        "from cs_planner.storage import open_portfolio\n"
        "portfolio = open_portfolio(sys.argv[1])\n"
        "with portfolio.session() as session:\n"
        "    session.execute(update(Account).values(notes='from the other file'))\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(path)], check=True)


def _crash_mid_write(path: Path) -> None:
    """Leave a hot rollback journal: a DELETE-mode file killed in the middle of a write."""
    code = (
        "import os, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA journal_mode=DELETE')\n"
        "c.execute('PRAGMA cache_size=1')\n"  # spill: pages reach the file before COMMIT
        "c.execute('BEGIN')\n"
        'c.execute("UPDATE account SET notes = hex(randomblob(3000))")\n'
        'c.execute("UPDATE stakeholder SET notes = hex(randomblob(3000))")\n'
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(path)], check=True)


# --- the cases -----------------------------------------------------------------------------


def _file(content: bytes, name: str = "plan.csplan") -> Callable[[Path, Path], str]:
    def build(folder: Path, _base: Path) -> str:
        (folder / os.fsdecode(name)).write_bytes(content)
        return os.fsdecode(name)

    return build


def _damage(change: Callable[[Path], None], name: str = "plan.csplan"):
    def build(folder: Path, base: Path) -> str:
        change(_copy(base, folder, name))
        return name

    return build


def _rows(*statements: str):
    return _damage(lambda p: _sql(p, *statements))


def _filesystem_cases() -> list[Case]:
    def folder_(f: Path, _b: Path) -> str:
        (f / "plan.csplan").mkdir()
        return "plan.csplan"

    def fifo(f: Path, _b: Path) -> str:
        os.mkfifo(f / "plan.csplan")
        return "plan.csplan"

    def sock(f: Path, _b: Path) -> str:
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(f / "plan.csplan"))
        server.close()
        return "plan.csplan"

    def link(target: str) -> Callable[[Path, Path], str]:
        def build(f: Path, _b: Path) -> str:
            (f / "plan.csplan").symlink_to(target)
            return "plan.csplan"

        return build

    def parent_is_file(f: Path, _b: Path) -> str:
        (f / "notes.txt").write_text("not a folder")
        return "notes.txt/plan.csplan"

    def unreadable(f: Path, b: Path) -> str:
        os.chmod(_copy(b, f), 0)
        return "plan.csplan"

    def closed_folder(f: Path, b: Path) -> str:
        (f / "locked").mkdir()
        _copy(b, f / "locked")
        os.chmod(f / "locked", 0)
        return "locked/plan.csplan"

    return [
        Case("missing", lambda f, b: "missing.csplan", r"There is no portfolio at"),
        Case("folder", folder_, r"is a folder, not a portfolio file"),
        Case("fifo", fifo, r"is a pipe \(FIFO\), not a portfolio file"),
        Case("socket", sock, r"is a socket, not a portfolio file"),
        Case("device-link", link("/dev/null"), r"is a device, not a portfolio file"),
        Case("zero-device-link", link("/dev/zero"), r"is a device, not a portfolio file"),
        Case("symlink-loop", link("plan.csplan"), r"leads back to itself \(a loop\)"),
        Case("dangling-symlink", link("gone.csplan"), r"is a link to gone.csplan, which does"),
        Case("parent-is-a-file", parent_is_file, r"notes.txt is a file, not a folder"),
        Case("name-300-chars", lambda f, b: "p" * 293 + ".csplan", r"is too long \(300 bytes"),
        Case("path-5000-chars", lambda f, b: "d/" * 2500 + "x.csplan", r"is too long"),
        Case("unreadable-file", unreadable, r"cannot be read: permission denied", as_user=True),
        Case(
            "unreadable-folder",
            closed_folder,
            r"cannot be reached: permission denied on its folder",
            as_user=True,
        ),
    ]


def _content_cases() -> list[Case]:
    rng = random.Random(11)
    magic = b"SQLite format 3\x00"
    return [
        Case("zero-bytes", _file(b""), r"is empty: it holds no portfolio yet"),
        Case("text", _file(b"Quarterly plan\nfor Kestrel\n"), r"it is not a database file"),
        Case("csv", _file(b"name,arr\nKestrel,1000\n"), r"it is not a database file"),
        Case("random-bytes", _file(rng.randbytes(8192)), r"it is not a database file"),
        Case("xlsx", _file(b"PK\x03\x04" + bytes(400)), r"it is not a database file"),
        Case("png", _file(b"\x89PNG\r\n\x1a\n" + bytes(200)), r"it is not a database file"),
        Case("header-8-bytes", _file(magic[:8]), r"ends inside its header \(8 bytes\)"),
        Case("header-50-bytes", _file(magic + bytes(34)), r"ends inside its header \(50 bytes\)"),
        Case("header-then-ff", _file(magic + b"\xff" * 4080), DAMAGED),
        Case("header-then-zeros", _file(magic + bytes(4080)), DAMAGED),
        Case(
            "undecodable-name",
            _file(b"not a database", name=os.fsdecode(b"plan-\xff.csplan")),
            r"plan-\\xff.csplan is not a cs_planner portfolio",
        ),
        Case(
            "newline-in-name",
            _file(b"not a database", name="two\nlines.csplan"),
            r"two\\nlines.csplan is not a cs_planner portfolio",
        ),
    ]


def _foreign_cases() -> list[Case]:
    def other(app_id: int = 0, tables: bool = True):
        def build(f: Path, _b: Path) -> str:
            _other_app_db(f / "plan.csplan", app_id=app_id, tables=tables)
            return "plan.csplan"

        return build

    def alembic_app(f: Path, _b: Path) -> str:
        path = f / "plan.csplan"
        _other_app_db(path)
        _sql(path, "CREATE TABLE alembic_version (version_num VARCHAR(32))")
        _sql(path, "INSERT INTO alembic_version VALUES ('ae1027a6acf')")
        return "plan.csplan"

    return [
        Case("empty-database", other(tables=False), r"is an empty database: it holds no"),
        Case("empty-database-of-another-app", other(0x4D4F4E4B, False), r"another application"),
        Case("another-apps-database", other(), NOT_OURS),
        Case("another-alembic-app", alembic_app, NOT_OURS),
        Case(
            "our-tables-another-app-id",
            _damage(lambda p: _sql(p, "PRAGMA application_id=1")),
            r"another application",
        ),
        Case("newer-revision", _rows("UPDATE alembic_version SET version_num='9999'"), "newer"),
        Case(
            "older-revision",
            _rows("UPDATE alembic_version SET version_num='0002'"),
            r"earlier version of cs_planner. Open it in the cs_planner app once",
        ),
        Case(
            "no-revision-row",
            _rows("DELETE FROM alembic_version"),
            r"is damaged: it records no schema revision",
        ),
        Case(
            "no-revision-table",
            _rows("DROP TABLE alembic_version"),
            r"is damaged: it records no schema revision",
        ),
    ]


def _page_cases() -> list[Case]:
    def at(fraction: float, zero: bool = False):
        return _damage(lambda p: _garble_page(p, max(1, int(_pages(p) * fraction)), zero=zero))

    def last(p: Path) -> None:
        _garble_page(p, _pages(p) - 1)

    def truncate(size: Callable[[Path], int]):
        return _damage(lambda p: os.truncate(p, size(p)))

    def page_of(name: str):
        return _damage(lambda p: _garble_page(p, _root_page(p, name) - 1))

    def schema_sql(p: Path) -> None:
        _sql(
            p,
            "PRAGMA writable_schema=ON",
            "UPDATE sqlite_master SET sql = 'CREATE TABLE account (' WHERE name = 'account'",
        )

    return [
        Case("page-at-25-percent", at(0.25), DAMAGED),
        Case("page-at-50-percent", at(0.5), DAMAGED),
        Case("page-at-75-percent", at(0.75), DAMAGED),
        Case("last-page", _damage(last), DAMAGED),
        Case("zeroed-page-at-25-percent", at(0.25, zero=True), DAMAGED),
        Case("zeroed-page-at-75-percent", at(0.75, zero=True), DAMAGED),
        Case("schema-page", _damage(lambda p: _overwrite(p, 100, bytes(400))), DAMAGED),
        Case("page-size-field", _damage(lambda p: _overwrite(p, 16, b"\x00\x03")), DAMAGED),
        Case("account-table-root", page_of("account"), DAMAGED),
        Case("stakeholder-table-root", page_of("stakeholder"), DAMAGED),
        Case("an-index-root", page_of("ix_stakeholder_account_id"), DAMAGED),
        Case("truncated-to-half", truncate(lambda p: p.stat().st_size // 2), DAMAGED),
        Case("truncated-to-one-page", truncate(_page_size), DAMAGED),
        Case("truncated-mid-page", truncate(lambda p: p.stat().st_size - 1000), DAMAGED),
        Case("last-page-missing", truncate(lambda p: p.stat().st_size - _page_size(p)), DAMAGED),
        Case("malformed-schema", _damage(schema_sql), DAMAGED),
    ]


def _schema_cases() -> list[Case]:
    return [
        Case("missing-table", _rows("DROP TABLE stakeholder_role"), r"'stakeholder_role' is "),
        Case("missing-settings-table", _rows("DROP TABLE settings"), r"'settings' is missing"),
        Case(
            "missing-column",
            _damage(lambda p: _drop_column(p, "account", "notes")),
            r"the table 'account' has no column 'notes'",
        ),
        Case(
            "missing-date-column",
            _damage(lambda p: _drop_column(p, "stakeholder", "since")),
            r"the table 'stakeholder' has no column 'since'",
        ),
        Case(
            "not-null-dropped",
            _damage(lambda p: _drop_not_null(p, "account", "name")),
            r"the column 'account.name' accepts empty values",
        ),
    ]


def _row_cases() -> list[Case]:
    def row(table: str, where: str = "") -> str:
        return f"row \\d+ of the table '{table}'{where}"

    return [
        Case(
            "bad-enum-account-stage",
            _rows("UPDATE account SET lifecycle_stage='bogus' WHERE id=1"),
            row("account") + " has lifecycle_stage not one of land, adopt",
        ),
        Case(
            "bad-enum-stakeholder-level",
            _rows("UPDATE stakeholder SET level='overlord' WHERE id=2"),
            row("stakeholder") + " has level not one of",
        ),
        Case(
            "bad-enum-opportunity-status",
            _rows("UPDATE opportunity SET status='maybe' WHERE id=1"),
            row("opportunity") + " has status not one of",
        ),
        Case(
            "bad-enum-number",
            _rows("UPDATE risk SET category=3 WHERE id=1"),
            row("risk") + " has category not one of",
        ),
        Case(
            "bad-date-month-13",
            _rows("UPDATE account SET renewal_date='2026-13-45' WHERE id=1"),
            row("account") + " has renewal_date that is not a date",
        ),
        Case(
            "bad-date-word",
            _rows("UPDATE activity SET date='yesterday' WHERE id=1"),
            row("activity") + " has date that is not a date",
        ),
        Case(
            "bad-date-30-february",
            _rows("UPDATE stakeholder SET since='2026-02-30' WHERE id=1"),
            row("stakeholder") + " has since that is not a date",
        ),
        Case(
            "bad-date-number",
            _rows("UPDATE csa_allocation SET start_date=20260101 WHERE id=1"),
            row("csa_allocation") + " has start_date that is not a date",
        ),
        Case(
            "bad-date-empty-text",
            _rows("UPDATE arr_history SET quarter='' WHERE id=1"),
            row("arr_history") + " has quarter that is not a date",
        ),
        Case(
            "text-in-money",
            _rows("UPDATE account SET arr='lots' WHERE id=1"),
            row("account") + " has arr that is not a number",
        ),
        Case(
            "text-in-count",
            _rows("UPDATE account SET licensed_seats='many' WHERE id=2"),
            row("account") + " has licensed_seats that is not a whole number",
        ),
        Case(
            "blob-in-name",
            _rows("UPDATE account SET name=x'00ff10' WHERE id=1"),
            row("account") + " has name that is not text",
        ),
        Case(
            "boolean-seven",
            _rows("UPDATE account SET strategic=7 WHERE id=1"),
            row("account") + " has strategic that is neither yes nor no",
        ),
        Case(
            "negative-arr",
            _rows("UPDATE account SET arr=-5 WHERE id=1"),
            row("account") + " breaks the rule ck_account_arr",
        ),
        Case(
            "fraction-out-of-range",
            _rows("UPDATE csa_allocation SET fraction=7 WHERE id=1"),
            row("csa_allocation") + " breaks the rule",
        ),
        Case(
            "second-settings-row",
            _rows(
                "INSERT INTO settings SELECT 2, owner_name, currency, fiscal_year_start_month, "
                "default_csa_rate, chargeability_target, presales_share_limit, "
                "relationships_per_month_goal, stale_contact_days, 'x', 0, top_tier_hours, "
                "leveraged_tier_hours, scalable_tier_hours, csm_team_hours, paper_size, "
                "stories_per_quarter_goal, version FROM settings"
            ),
            row("settings") + " breaks the rule ck_settings_single_row",
        ),
        Case(
            "dangling-reference",
            _rows("UPDATE stakeholder SET account_id=999 WHERE id=1"),
            r"row \d+ of the table 'stakeholder' refers to a missing account",
        ),
    ]


def _companion_cases() -> list[Case]:
    def foreign(keep_shm: bool):
        def build(f: Path, b: Path) -> str:
            other = f / "plan.csplan"
            _foreign_copy(b, other)
            _crash_in_app(other)
            shutil.copyfile(b, other)  # this portfolio copied over the other one's file
            if not keep_shm:
                (f / "plan.csplan-shm").unlink()
            return "plan.csplan"

        return build

    def other_apps_wal(f: Path, b: Path) -> str:
        _other_app_db(f / "other.db")
        _crash_with_wal(f / "other.db", "INSERT INTO songs VALUES ('Red', 180)")
        _copy(b, f)
        os.rename(f / "other.db-wal", f / "plan.csplan-wal")
        (f / "other.db-shm").unlink()
        (f / "other.db").unlink()
        return "plan.csplan"

    def garbage_wal(f: Path, b: Path) -> str:
        _copy(b, f)
        (f / "plan.csplan-wal").write_bytes(random.Random(3).randbytes(9000))
        return "plan.csplan"

    def own_wal(keep_shm: bool):
        def build(f: Path, b: Path) -> str:
            path = _copy(b, f)
            _crash_with_wal(path, "UPDATE account SET notes='unsaved but committed'")
            if not keep_shm:
                (f / "plan.csplan-shm").unlink()
            return "plan.csplan"

        return build

    def shm_only(f: Path, b: Path) -> str:
        _copy(b, f)
        (f / "plan.csplan-shm").write_bytes(bytes(32768))
        return "plan.csplan"

    def hot_journal(f: Path, b: Path) -> str:
        path = _copy(b, f)
        _sql(path, "PRAGMA journal_mode=DELETE")
        _crash_mid_write(path)
        return "plan.csplan"

    return [
        Case("foreign-wal-with-shm", foreign(True), r"plan.csplan-wal beside plan.csplan belongs"),
        Case("foreign-wal-alone", foreign(False), r"plan.csplan-wal beside plan.csplan belongs"),
        Case("another-apps-wal", other_apps_wal, r"belongs to another database|is damaged"),
        Case("hot-journal", hot_journal, r"holds an unfinished change .* Open it in the"),
        Case("garbage-wal", garbage_wal, None),
        Case("own-wal-with-shm", own_wal(True), None),
        Case("own-wal-alone", own_wal(False), None),
        Case("stale-shm-alone", shm_only, None),
    ]


def _foreign_copy(base: Path, path: Path) -> None:
    """Another portfolio: the same schema, its own file id."""
    shutil.copyfile(base, path)
    _sql(path, "UPDATE settings SET file_id = lower(hex(randomblob(16)))")


def _good_cases() -> list[Case]:
    def named(name: str):
        return _damage(lambda p: None, name=name)

    def links(kind: str):
        def build(f: Path, b: Path) -> str:
            real = _copy(b, f, "real.csplan")
            if kind == "symlink":
                (f / "plan.csplan").symlink_to("real.csplan")
            else:
                os.link(real, f / "plan.csplan")
            return "plan.csplan"

        return build

    def read_only_folder(wal: bool):
        def build(f: Path, b: Path) -> str:
            (f / "ro").mkdir()
            path = _copy(b, f / "ro")
            if wal:
                _crash_with_wal(path, "UPDATE account SET notes='x'")
                (f / "ro" / "plan.csplan-shm").unlink()
            os.chmod(f / "ro", 0o555)
            return "ro/plan.csplan"

        return build

    def read_only_file(f: Path, b: Path) -> str:
        os.chmod(_copy(b, f), 0o400)
        return "plan.csplan"

    return [
        Case("good", named("plan.csplan"), None),
        Case("delete-journal", _damage(lambda p: _sql(p, "PRAGMA journal_mode=DELETE")), None),
        Case("no-settings-row", _rows("DELETE FROM settings"), None),
        Case("question-mark-name", named("Team plan?v2.csplan"), None),
        Case("percent-name", named("Q3%41.csplan"), None),
        Case("hash-name", named("#1 plan.csplan"), None),
        Case("quotes-name", named('it\'s "ours".csplan'), None),
        Case("non-ascii-name", named("Müller–Łódź 日本.csplan"), None),
        Case("255-byte-name", named("n" * 248 + ".csplan"), None),
        Case("symlink", links("symlink"), None),
        Case("hard-link", links("hard"), None),
        Case("read-only-folder", read_only_folder(False), None, as_user=True),
        Case("read-only-folder-with-wal", read_only_folder(True), None, as_user=True),
        Case("read-only-file", read_only_file, None, as_user=True),
        Case(
            "locked-by-another-program",
            _damage(lambda p: _sql(p, "PRAGMA journal_mode=DELETE")),
            r"is locked by another program that is writing to it",
            hold_lock=True,
        ),
    ]


def all_cases() -> list[Case]:
    return [
        *_filesystem_cases(),
        *_content_cases(),
        *_foreign_cases(),
        *_page_cases(),
        *_schema_cases(),
        *_row_cases(),
        *_companion_cases(),
        *_good_cases(),
    ]


def build_all(root: Path) -> list[Case]:
    """Build every case in ``root/<case name>/``; ``case.target`` is the path to open."""
    base = make_base(root)
    cases = all_cases()
    for case in cases:
        folder = root / case.name
        folder.mkdir()
        case.target = str(folder / case.build(folder, base))
    base.unlink()
    return cases


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python tests/storage/corpus/build.py EMPTY_FOLDER")
    built = build_all(Path(sys.argv[1]))
    print(f"Built {len(built)} cases in {sys.argv[1]}")
