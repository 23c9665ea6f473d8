"""The command line: open the app, make a demo portfolio, list accounts, export plans.

Heavy modules (Qt, openpyxl, the demo generator) are imported only by the command that
needs them, so ``cs-planner accounts`` stays quick and a machine with no screen can export."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from cs_planner import APP_NAME, PORTFOLIO_SUFFIX, __version__

if TYPE_CHECKING:  # the command line loads SQLAlchemy only for the commands that need it
    from cs_planner.storage import Portfolio

COMMANDS = ("demo", "accounts", "export", "import", "copy")


class UserError(Exception):
    """A mistake the user can fix: printed as one line, exit status 1."""


ACCOUNT_HELP = "account name (a name that starts with '-' goes as --account=NAME)"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        if message.startswith("argument --account: expected one argument"):
            # argparse takes "--account -Acme" for two options: say how to give such a name.
            message += "; a name that starts with '-' goes as --account=NAME"
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _app_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=APP_NAME,
        description="Account planning for Customer Success Managers and Architects.",
        epilog=(
            "commands:\n"
            "  cs-planner demo PATH [--accounts N] [--seed S]   write a demo portfolio\n"
            "  cs-planner accounts PORTFOLIO                     list accounts (tab-separated)\n"
            "  cs-planner export PORTFOLIO --account NAME -o plan.xlsx\n"
            "                                                    write an account plan workbook\n"
            "  cs-planner export PORTFOLIO --account NAME -o plan.pdf [--paper letter]\n"
            "                                                    write the account plan as a PDF\n"
            "  cs-planner export PORTFOLIO --account NAME --customer-copy -o FILE\n"
            "                                                    the plan, private layer left out\n"
            "  cs-planner export PORTFOLIO --csa -o csa.xlsx     write the CSA workbook\n"
            "  cs-planner export PORTFOLIO --portfolio -o rollup.xlsx\n"
            "                                                    write the portfolio roll-up\n"
            "  cs-planner import PORTFOLIO FILE [--contacts FILE] [--account NAME]\n"
            "                    [--mapping MAPPING.toml] [--dry-run]\n"
            "                                                    import accounts and contacts\n"
            "  cs-planner copy SOURCE DEST                       copy a portfolio between\n"
            "                                                    files and databases\n"
            "Run 'cs-planner COMMAND --help' for a command's options."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("portfolio", nargs="?", help="portfolio file (.csplan) to open")
    parser.add_argument("--db", metavar="PATH_OR_URL", help="portfolio file or SQLAlchemy URL")
    parser.add_argument("--screenshot", metavar="OUT.png", help="render the window to a PNG")
    parser.add_argument(
        "--account", metavar="NAME", help=f"{ACCOUNT_HELP}: the account to show (with --screenshot)"
    )
    parser.add_argument("--tab", metavar="NAME", help="workspace tab to show (with --screenshot)")
    parser.add_argument("--size", metavar="WxH", help="window size, e.g. 1600x1000")
    parser.add_argument(
        "--workshop",
        action="store_true",
        help="with --screenshot: the window in workshop mode (what the customer sees)",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the window on the portfolio (or a temporary demo), read the list, "
        "export a plan to a temporary folder and exit: checks an installation",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    return parser


def _command_parser(command: str) -> argparse.ArgumentParser:
    parser = _Parser(prog=f"{APP_NAME} {command}")
    if command == "demo":
        parser.description = "Write a deterministic, fictional demo portfolio."
        parser.add_argument(
            "path", help="new portfolio file (.csplan), or the URL of an empty database"
        )
        parser.add_argument("--accounts", type=int, default=12, help="number of accounts")
        parser.add_argument("--seed", type=int, default=7, help="random seed")
    elif command == "accounts":
        parser.description = (
            "Print one tab-separated line per account, after a header line. Fields a "
            "spreadsheet would compute (starting with =, +, -, @) get a leading apostrophe; "
            "control characters are written as escapes (\\x1b)."
        )
        parser.add_argument("portfolio", help="portfolio file or SQLAlchemy URL")
    elif command == "import":
        from cs_planner.cli_import import configure

        configure(parser)
    elif command == "copy":
        from cs_planner.cli_copy import configure as configure_copy

        configure_copy(parser)
    else:
        parser.description = (
            "Write an account plan, the portfolio's CSA workbook or its roll-up (.xlsx); "
            "an account plan whose output ends in .pdf is written as a PDF."
        )
        parser.add_argument("portfolio", help="portfolio file or SQLAlchemy URL")
        what = parser.add_mutually_exclusive_group(required=True)
        what.add_argument("--account", metavar="NAME", help=ACCOUNT_HELP)
        what.add_argument("--csa", action="store_true", help="the CSA allocation workbook")
        what.add_argument(
            "--portfolio",
            action="store_true",
            dest="rollup",  # "portfolio" is the file argument
            help="the portfolio roll-up: accounts, segments, what needs attention",
        )
        parser.add_argument("-o", "--output", required=True, metavar="FILE.xlsx|FILE.pdf")
        parser.add_argument(
            "--paper",
            choices=("a4", "letter"),
            default=None,
            help="the PDF's paper (default: the portfolio's setting)",
        )
        parser.add_argument(
            "--customer-copy",
            action="store_true",
            help="the account plan without the private layer (stance, notes, amounts, "
            "risks...): what may be handed to the customer",
        )
        parser.add_argument(
            "--since",
            metavar="NAME",
            help="the snapshot the plan's Changes sheet starts from (default: the latest)",
        )
    return parser


def _open_existing(target: str) -> Portfolio:
    from cs_planner.storage import PortfolioError, open_portfolio

    try:
        return open_portfolio(target, create=False, mode="read")
    except PortfolioError as exc:
        raise UserError(str(exc)) from exc


def cmd_demo(args: argparse.Namespace) -> int:
    from cs_planner.demo import generate
    from cs_planner.domain.accounts.queries import list_accounts
    from cs_planner.storage import PortfolioError, is_url, open_portfolio

    if not 1 <= args.accounts <= 100_000:
        raise UserError("--accounts must be between 1 and 100000.")
    url = is_url(args.path)
    path = None if url else Path(args.path).expanduser()
    if path is not None and path.suffix == "":
        path = path.with_suffix(PORTFOLIO_SUFFIX)
    if path is not None and path.exists():
        raise UserError(f"{path} already exists; choose a new file name for the demo.")
    try:
        portfolio = open_portfolio(args.path if path is None else path)
    except PortfolioError as exc:
        raise UserError(str(exc)) from exc
    try:
        if url:
            with portfolio.session() as session:
                if list_accounts(session):
                    raise UserError("That database already holds accounts; use an empty one.")
        summary = generate(portfolio, accounts=args.accounts, seed=args.seed)
    except BaseException:
        portfolio.close()
        if path is not None:
            path.unlink(missing_ok=True)
        raise
    portfolio.close()
    print(f"Wrote {args.path if url else path} with {summary.accounts} accounts.")
    return 0


def cmd_accounts(args: argparse.Namespace) -> int:
    import csv

    from cs_planner.domain.accounts.queries import list_accounts
    from cs_planner.reports.safe_text import plain_field

    portfolio = _open_existing(args.portfolio)
    try:
        with portfolio.read() as session:
            rows = list_accounts(session)
    finally:
        portfolio.close()
    # The csv module quotes what needs quoting; plain_field keeps a spreadsheet from
    # computing a name (=1+1, =HYPERLINK) and a terminal from acting on one (escapes).
    out = csv.writer(sys.stdout, dialect="excel-tab", lineterminator="\n")
    out.writerow(["name", "tier", "stage", "arr", "renewal_date"])
    for row in rows:
        renewal = row.renewal_date.isoformat() if row.renewal_date else ""
        fields = [row.name, row.tier.value, row.stage.value, f"{row.arr:.2f}", renewal]
        out.writerow([plain_field(field) for field in fields])
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    # One short run making hundreds of thousands of objects (modules, rows, cells) and no
    # garbage worth a cycle collection: its passes over them cost a tenth of an export.
    from cs_planner.domain.gc_pause import no_cycle_collection

    with no_cycle_collection():
        return _export(args)


def _export(args: argparse.Namespace) -> int:
    # Each kind of workbook imports only its own sheets.
    from cs_planner.domain.errors import ValidationError
    from cs_planner.reports import ReportError, load_openpyxl

    load_openpyxl()

    output = Path(args.output).expanduser()
    if not output.parent.is_dir():
        raise UserError(f"The folder {output.parent} does not exist.")
    pdf = output.suffix.lower() == ".pdf"
    if pdf and not args.account:
        raise UserError("Only an account plan (--account) can be written as a PDF; use .xlsx.")
    if args.paper and not pdf:
        raise UserError("--paper goes with a PDF output (-o plan.pdf).")
    if args.customer_copy and not args.account:
        raise UserError("--customer-copy goes with an account plan (--account NAME).")
    if args.since and (not args.account or pdf):
        raise UserError("--since goes with an account plan workbook (--account NAME -o .xlsx).")
    customer = args.customer_copy
    portfolio = _open_existing(args.portfolio)
    notes: list[str] = []  # texts cut to fit a cell
    try:
        if args.csa:
            from cs_planner.reports.csa.workbook import write_csa_workbook

            written = write_csa_workbook(portfolio, output, notes=notes)
        elif args.rollup:
            from cs_planner.reports.rollup.workbook import write_rollup_workbook

            written = write_rollup_workbook(portfolio, output, notes=notes)
        else:
            from cs_planner.domain.accounts.queries import find_account
            from cs_planner.reports.account_plan import write_account_plan

            with portfolio.read() as session:
                account_id = find_account(session, args.account)
            if pdf:
                written = _write_pdf(portfolio, account_id, output, args.paper, customer)
            else:
                written = write_account_plan(
                    portfolio,
                    account_id,
                    output,
                    notes=notes,
                    customer_copy=customer,
                    since=args.since,
                )
    except ValidationError as exc:
        raise UserError(exc.message) from exc
    except ReportError as exc:
        raise UserError(str(exc)) from exc
    finally:
        portfolio.close()
    # What the export made is not garbage: frozen, the collection at exit passes it by (a
    # fifth of a second of a large export went to examining it).
    gc.freeze()
    print(f"Wrote {written}")
    for note in notes:
        print(f"{APP_NAME}: warning: {note}", file=sys.stderr)
    return 0


def _write_pdf(
    portfolio: Portfolio, account_id: int, output: Path, paper: str | None, customer: bool
) -> Path:
    """The PDF plan is drawn by Qt: a QApplication on the offscreen platform (no window is
    shown, so no screen is needed, and a missing or unreachable display cannot stop it)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([APP_NAME, "-platform", "offscreen"])
    from cs_planner.domain.accounts.queries import get_settings
    from cs_planner.ui.pdf.plan import write_plan_pdf

    if paper is None:  # Settings > the PDF's paper
        with portfolio.read() as session:
            paper = get_settings(session).paper_size.value
    try:
        return write_plan_pdf(portfolio, account_id, output, paper=paper, customer_copy=customer)
    finally:
        del app  # the application outlives the pages' scenes, made and dropped in the call


def cmd_app(args: argparse.Namespace) -> int:
    if args.portfolio and args.db:
        raise UserError("Give the portfolio either as an argument or with --db, not both.")
    size = None
    if args.size:
        try:
            width, height = (int(v) for v in args.size.lower().split("x"))
        except ValueError as exc:
            raise UserError(f"--size must look like 1600x1000, not '{args.size}'.") from exc
        if not (200 <= width <= 10000 and 200 <= height <= 10000):
            raise UserError("--size must be between 200x200 and 10000x10000.")
        size = (width, height)
    if (args.account or args.tab or args.workshop) and not args.screenshot:
        raise UserError("--account, --tab and --workshop go with --screenshot.")
    if args.workshop and not args.account:
        raise UserError("--workshop shows one account: give it with --account NAME.")
    if args.smoke_test:
        if args.screenshot or size:
            raise UserError("--smoke-test goes alone, without --screenshot or --size.")
        from cs_planner.smoke import run as smoke_test

        return smoke_test(args.db or args.portfolio)
    from cs_planner.app import run

    return run(
        args.db or args.portfolio,
        screenshot=Path(args.screenshot) if args.screenshot else None,
        account=args.account,
        tab=args.tab,
        size=size,
        workshop=args.workshop,
    )


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in COMMANDS:
            command = argv[0]
            args = _command_parser(command).parse_args(argv[1:])
            if command == "import":
                from cs_planner.cli_import import cmd_import

                return cmd_import(args)
            if command == "copy":
                from cs_planner.cli_copy import cmd_copy

                return cmd_copy(args)
            handler = {"demo": cmd_demo, "accounts": cmd_accounts, "export": cmd_export}[command]
            return handler(args)
        return cmd_app(_app_parser().parse_args(argv))
    except UserError as exc:
        print(f"{APP_NAME}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        message = _storage_failure(exc)
        if message is None:
            raise
        print(f"{APP_NAME}: error: {message}", file=sys.stderr)
        return 1


def _storage_failure(exc: Exception) -> str | None:
    """A file that went bad (or changed) while it was read: one line, not a traceback."""
    import sqlite3

    from cs_planner.storage import PortfolioError

    if isinstance(exc, PortfolioError):
        return str(exc)
    cause = getattr(exc, "orig", exc)
    if isinstance(cause, sqlite3.DatabaseError):
        return (
            f"The portfolio could not be read ({cause}). The file was not changed; check it "
            "with Portfolio > Check file in the app, or restore a backup."
        )
    return None
