"""``cs-planner import``: accounts, contacts and org charts from CRM, HR-system or
spreadsheet exports. Prints the preview (counts and each row's reason) and, unless
``--dry-run``, applies it in one transaction after a backup of the portfolio."""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cs_planner.cli import ACCOUNT_HELP, UserError, _open_existing

if TYPE_CHECKING:  # the domain and storage load when the command runs
    from cs_planner.domain.imports.preview import Preview, Source
    from cs_planner.storage import Portfolio


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Import accounts and contacts from a CSV or .xlsx export (Salesforce, HubSpot, an HR "
        "system or any sheet). Prints what will be created, updated, left unchanged or "
        "skipped and why; importing the same export again updates instead of duplicating."
    )
    parser.add_argument("portfolio", help="portfolio file (.csplan) or SQLAlchemy URL")
    parser.add_argument("file", help="accounts or contacts file (.csv, .tsv, .txt, .xlsx)")
    parser.add_argument(
        "--contacts", metavar="FILE", help="a contacts file to import with the accounts FILE"
    )
    parser.add_argument(
        "--account",
        metavar="NAME",
        help=f"{ACCOUNT_HELP}: the account for contacts with no account column (created if "
        "missing)",
    )
    parser.add_argument(
        "--mapping",
        metavar="MAPPING.toml",
        help="the columns of FILE by target field (see --save-mapping for a starting point)",
    )
    parser.add_argument(
        "--save-mapping",
        metavar="OUT.toml",
        help="write the mapping used for FILE to OUT.toml (to edit and pass as --mapping)",
    )
    parser.add_argument("--dry-run", action="store_true", help="print the preview; write nothing")


def cmd_import(args: argparse.Namespace) -> int:
    from cs_planner.domain.errors import ValidationError

    try:
        done = _import(args)
    except ValidationError as exc:  # ImportProblem is one
        raise UserError(exc.message) from exc
    try:
        sys.stdout.flush()  # here, not at exit: a reader gone (``| head``) is no error
    except BrokenPipeError:
        _silence_stdout()
    return done


def _import(args: argparse.Namespace) -> int:
    from cs_planner.domain.imports.existing import load_existing
    from cs_planner.domain.imports.fields import Kind
    from cs_planner.domain.imports.mapping import Mapping, mapping_for, recognise
    from cs_planner.domain.imports.preview import Source, build_preview
    from cs_planner.domain.imports.reading import read_table
    from cs_planner.storage import PortfolioError, open_portfolio

    main = read_table(Path(args.file).expanduser())
    extra = read_table(Path(args.contacts).expanduser()) if args.contacts else None
    given = Mapping.load(Path(args.mapping).expanduser()) if args.mapping else None
    if given is not None:
        given.check(main.headers, main.source)
    if args.dry_run:
        portfolio = _open_existing(args.portfolio)  # read-only: never migrates or writes
    else:
        try:
            portfolio = open_portfolio(args.portfolio, create=False)
        except PortfolioError as exc:
            raise UserError(str(exc)) from exc
    try:
        with portfolio.read() as session:
            existing = load_existing(session)
            first = given or mapping_for(session, main.headers)
            second = mapping_for(session, extra.headers) if extra else None
        if extra is not None and second is not None:
            # Two files: the first holds the accounts and the second the contacts.
            if first.kind is not Kind.ACCOUNTS:
                first = recognise(main.headers, Kind.ACCOUNTS)
            if second.kind is not Kind.CONTACTS:
                second = recognise(extra.headers, Kind.CONTACTS)
        if args.save_mapping:
            Path(args.save_mapping).expanduser().write_text(first.to_toml(), encoding="utf-8")
        sources = [Source(main, first)] + ([Source(extra, second)] if extra and second else [])
        accounts = next((s for s in sources if s.mapping.kind is Kind.ACCOUNTS), None)
        contacts = next((s for s in sources if s.mapping.kind is Kind.CONTACTS), None)
        preview = build_preview(existing, accounts, contacts, default_account=args.account)
        _print_preview(preview)
        if args.dry_run:
            _say("Dry run: nothing was written.")
            return 0
        _apply(portfolio, preview, sources)
    finally:
        portfolio.close()
    return 0


def _say(line: str) -> None:
    """Print a line; a reader that went away (``| head``) silences the rest, and the
    import goes on as it would have: what it does never depends on who reads."""
    # A file's text reaches the terminal: its control characters are written as escapes.
    try:
        print(re.sub(r"[\x00-\x1f\x7f-\x9f]", lambda m: f"\\x{ord(m[0]):02x}", line))
    except BrokenPipeError:
        _silence_stdout()


def _silence_stdout() -> None:
    """Later prints and the flush at exit go nowhere instead of raising again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def _print_preview(preview: Preview) -> None:
    for line in preview.summary():
        _say(line)
    for note in preview.notes:
        _say(f"Note: {note}")
    problems = preview.problems()
    if problems:
        _say(f"Rows with something to say ({len(problems)}):")
        for row in problems:
            _say(f"  {row.describe()}")


def _apply(portfolio: Portfolio, preview: Preview, sources: list[Source]) -> None:
    from cs_planner.domain.edits import run
    from cs_planner.domain.imports.apply import ImportWithMappings
    from cs_planner.storage.sqlite_file import backup_before_migration

    if preview.writes.empty:
        _say("Nothing to change: the portfolio already holds these rows.")
        return
    if portfolio.path is not None:
        # The mechanism migrations use: a consistent copy beside the file, the newest kept.
        backup = backup_before_migration(portfolio.path, "import")
        _say(f"Backup: {backup.name}")
    with portfolio.session() as session:
        run(
            session,
            ImportWithMappings(
                preview.writes,
                [(s.table.headers, s.mapping) for s in sources],
                f"Import {', '.join(s.table.source for s in sources)}",
            ),
        )
    _say("Imported.")
