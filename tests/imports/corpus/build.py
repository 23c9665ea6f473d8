# ruff: noqa: E501  (the cases read as a table: one file per line)
"""Builds the import corpus: hostile, broken and odd files, each with the outcome the import
must give it, written to ``expected.tsv`` beside them (file, options, checks).

    python tests/imports/corpus/build.py [FOLDER]   (default: this folder)

A check is ``error: TEXT`` (reading or planning stops with a sentence holding TEXT),
``accounts: create=N skip=N ...`` / ``people: ...`` (counts of the preview),
``reason: TEXT`` (some row's reason holds TEXT), ``note: TEXT``, ``managers: N`` (reporting
lines to set) or ``name: TEXT`` (a person or account of that name is created). Options:
``account=NAME`` (contacts without an account column go there)."""

from __future__ import annotations

import codecs
import datetime as dt
import io
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).parent
CONTACTS = (
    "First Name,Last Name,Title,Email\nAda,Brennan,CEO,ada@acme.com\nRui,Santos,CTO,rui@acme.com\n"
)
ACCOUNTS = (
    "Account Name,Industry,ARR,Renewal Date\nAcme,Retail,1000000,2027-03-31\nGlobex,Energy,50000,\n"
)
SF_ACCOUNTS = """Id,Name,Industry,AnnualRevenue,ParentId,BillingCountry,OwnerId
0015g00000AcmeA,Acme Corp,Manufacturing,"1,200,000",,Germany,
0015g00000GlobX,Globex,Energy,850000,0015g00000AcmeA,France,
0015g00000InitC,Initech,Software,n/a,,United States,
"""
SF_CONTACTS = """Id,AccountId,FirstName,LastName,Title,Department,ReportsToId,Email,Phone,MailingCountry
0035g0000Ada,0015g00000AcmeA,Ada,Brennan,Chief Executive Officer,Executive,,ada@acme.example,+49 30 1234,Germany
0035g0000Rui,0015g00000AcmeA,Rui,Santos,VP Sales,Sales,0035g0000Ada,rui@acme.example,,Germany
0035g0000Lin,0015g00000AcmeA,Lin,Wu,Sales Manager,Sales,0035g0000Rui,lin@acme.example,,Germany
0035g0000Oma,0015g00000AcmeA,Omar,Haddad,Account Executive,Sales,0035g0000Lin,omar@acme.example,,Germany
0035g0000Kim,0015g00000AcmeA,Kim,Lee,,Operations,0035g0000Zzz,kim@acme.example,,Germany
0035g0000Zoe,0015g00000GlobX,Zoe,Adams,Head of IT,IT,,zoe@globex.example,,France
0035g0000Noa,0015g00000GlobX,,,Analyst,IT,0035g0000Zoe,noa@globex.example,,France
"""


def text(content: str, encoding: str = "utf-8") -> Callable[[], bytes]:
    return lambda: content.encode(encoding)


def utf16(content: str, bom: bytes, codec: str) -> Callable[[], bytes]:
    return lambda: bom + content.encode(codec)


def zip_of(members: dict[str, str]) -> Callable[[], bytes]:
    def build() -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, body in members.items():
                archive.writestr(name, body)
        return out.getvalue()

    return build


def _cell(ref: str, value: object) -> str:
    if isinstance(value, tuple):  # ("f", formula, cached value or None)
        cached = "" if value[2] is None else f"<v>{value[2]}</v>"
        return f'<c r="{ref}"><f>{value[1]}</f>{cached}</c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'


def sheet_xml(rows: list[list[object]], doctype: str = "") -> str:
    body = "".join(
        f'<row r="{r}">'
        + "".join(_cell(f"{chr(65 + c)}{r}", v) for c, v in enumerate(row) if v != "")
        + "</row>"
        for r, row in enumerate(rows, start=1)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{doctype}'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{body}</sheetData></worksheet>"
    )


def xlsx(rows: list[list[object]], doctype: str = "") -> Callable[[], bytes]:
    """A minimal workbook written by hand, so formulas can carry cached values (or none)."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    return zip_of(
        {
            "[Content_Types].xml": (
                '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                'openxmlformats.org/package/2006/content-types"><Default Extension="rels" '
                'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/><Override '
                'PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
                'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/'
                'worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
                'officedocument.spreadsheetml.worksheet+xml"/></Types>'
            ),
            "_rels/.rels": (
                '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
                f'Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
            ),
            "xl/workbook.xml": (
                f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" '
                f'xmlns:r="{rel}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/>'
                "</sheets></workbook>"
            ),
            "xl/_rels/workbook.xml.rels": (
                '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
                f'Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
            ),
            "xl/worksheets/sheet1.xml": sheet_xml(rows, doctype),
        }
    )


def openpyxl_book(sheets: dict[str, list[list[object]]]) -> Callable[[], bytes]:
    def build() -> bytes:
        from openpyxl import Workbook

        book = Workbook()
        book.remove(book.active)
        for title, rows in sheets.items():
            sheet = book.create_sheet(title)
            for row in rows:
                sheet.append(row)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    return build


LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)
XXE = '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
LOOP = "Employee ID,Name,Manager ID\n1,Ann Top,3\n2,Bob Mid,1\n3,Cat Low,2\n4,Dan Free,\n"
PEOPLE = [["Account Name", "Industry", "ARR"], ["Acme", "Retail", 1200]]

# (file, builder, options, checks)
CASES: list[tuple[str, Callable[[], bytes], str, str]] = [
    ("utf8.csv", text(CONTACTS), "account=Acme", "people: create=2"),
    ("utf8_bom.csv", text(CONTACTS, "utf-8-sig"), "account=Acme", "people: create=2"),
    (
        "utf16le_unicode_text.txt",
        utf16(CONTACTS.replace(",", "\t"), codecs.BOM_UTF16_LE, "utf-16-le"),
        "account=Acme",
        "people: create=2",
    ),
    (
        "utf16be.csv",
        utf16(CONTACTS, codecs.BOM_UTF16_BE, "utf-16-be"),
        "account=Acme",
        "people: create=2",
    ),
    (
        "cp1252.csv",
        text("Name,Title,Email\nJosé Müller,Geschäftsführer,jose@acme.de\n", "cp1252"),
        "account=Acme",
        "name: José Müller | note: Windows-1252",
    ),
    (
        "semicolon_european.csv",
        text("Account Name;ARR;Renewal Date\nAcme;1.200.000,50;31.03.2027\n"),
        "",
        "accounts: create=1",
    ),
    ("tab.tsv", text(ACCOUNTS.replace(",", "\t")), "", "accounts: create=2"),
    (
        "quoted_newline.csv",
        text('Name,Title\n"Ada Brennan","Head of\nSales"\n"Rui Santos",CTO\n'),
        "account=Acme",
        "people: create=2",
    ),
    (
        "excel_sep_hint.csv",
        text("sep=;\nName;Title\nAda Brennan;CEO\n"),
        "account=Acme",
        "people: create=1",
    ),
    (
        "crlf_and_cr.csv",
        text("Name,Title\r\nAda Brennan,CEO\r\nRui Santos,CTO\r\n"),
        "account=Acme",
        "people: create=2",
    ),
    ("empty.csv", text(""), "", "error: the file is empty"),
    ("blank_lines.csv", text("\n\n \n"), "", "error: no rows at all"),
    ("header_only.csv", text("Name,Title,Email\n"), "", "error: header row but no data rows"),
    (
        "repeated_header.csv",
        text(CONTACTS + CONTACTS.replace("ada@", "ada2@").replace("rui@", "rui2@")),
        "account=Acme",
        "people: create=4 | note: header row appeared again",
    ),
    (
        "duplicate_column.csv",
        text("Name,Email,email\nAda,a@b.com,c@d.com\n"),
        "",
        "error: appears twice",
    ),
    (
        "unnamed_column.csv",
        text("Name,,Email\nAda,x,a@b.com\n"),
        "",
        "error: column 2 of the header row has no name",
    ),
    (
        "extra_cells.csv",
        text("Name,Title\nAda,CEO,oops,more\n"),
        "",
        "error: row 2: the row has 4 cells",
    ),
    (
        "binary.csv",
        lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        "",
        "error: binary data",
    ),
    ("nul_in_text.csv", text("Name,Title\nAda\x00,CEO\n"), "", "error: binary data"),
    (
        "old_excel.xls",
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512,
        "",
        "error: Excel 97-2003",
    ),
    ("csv_saved_as.xlsx", text(ACCOUNTS), "", "accounts: create=2 | note: read as CSV"),
    ("damaged.xlsx", lambda: b"PK\x03\x04" + b"garbage" * 20, "", "error: damaged"),
    ("zip_not_workbook.xlsx", zip_of({"readme.txt": "hello"}), "", "error: not an Excel workbook"),
    (
        "formulas_cached.xlsx",
        xlsx(
            [
                ["Account Name", "ARR"],
                ["Acme", ("f", "1000*1200", 1200000)],
                ["Globex", ("f", "A1", None)],
            ]
        ),
        "",
        "accounts: create=2 | arr: 1200000",
    ),
    (
        "dates_and_numbers.xlsx",
        openpyxl_book(
            {
                "Accounts": [
                    ["Account Name", "ARR", "Renewal Date"],
                    ["Acme", 1200000.0, dt.datetime(2027, 3, 31)],
                ]
            }
        ),
        "",
        "accounts: create=1 | renewal: 2027-03-31",
    ),
    (
        "two_sheets.xlsx",
        openpyxl_book({"Accounts": PEOPLE, "Notes": [["ignore me"]]}),
        "",
        "accounts: create=1 | note: only the first sheet",
    ),
    ("empty_sheet.xlsx", openpyxl_book({"Empty": []}), "", "error: no rows at all"),
    ("billion_laughs.xlsx", xlsx(PEOPLE, LAUGHS), "", "error: could not be read"),
    ("external_entity.xlsx", xlsx(PEOPLE, XXE), "", "error: could not be read"),
    (
        "bad_date.csv",
        text("Account Name,Renewal Date\nAcme,next spring\nGlobex,2027-02-30\n"),
        "",
        "accounts: skip=2 | reason: is not a date",
    ),
    # Day or month first is decided per column from all its values, not guessed per cell.
    (
        "dates_day_first.csv",
        text("Account Name,Renewal Date\nAcme,31/03/2027\nGlobex,03/04/2027\n"),
        "",
        "accounts: create=2 | renewal: 2027-04-03 | renewal: 2027-03-31",
    ),
    (
        "dates_month_first.csv",
        text("Account Name,Renewal Date\nAcme,03/31/2027\nGlobex,03/04/2027\n"),
        "",
        "accounts: create=2 | renewal: 2027-03-04 | renewal: 2027-03-31",
    ),
    (
        "dates_undecided.csv",
        text("Account Name,Renewal Date\nAcme,03/04/2027\nGlobex,05.06.2027\n"),
        "",
        "accounts: create=2 | renewal: 2027-04-03 | note: read as 3 April 2026 (day first)",
    ),
    (
        "dates_mixed.csv",
        text(
            "Account Name,Renewal Date\nAcme,31/03/2027\nGlobex,30/04/2027\n"
            "Initech,03/31/2027\n"
        ),
        "",
        "accounts: create=3 | renewal: 2027-04-30 | reason: can only be read month first"
        " | note: written both day first and month first",
    ),
    (
        "arr_with_text.csv",
        text('Account Name,ARR\nAcme,about 5000\nGlobex,"$1,200"\n'),
        "",
        "accounts: create=1 skip=1 | reason: has text in it",
    ),
    (
        "negative_arr.csv",
        text("Account Name,ARR\nAcme,-5\n"),
        "",
        "accounts: skip=1 | reason: cannot be negative",
    ),
    (
        "missing_name.csv",
        text("First Name,Last Name,Email\n,,a@b.com\nRui,Santos,\n"),
        "account=Acme",
        "people: create=1 skip=1 | reason: name cannot be empty",
    ),
    (
        "bad_email.csv",
        text("Name,Email\nAda,not-an-address\n"),
        "account=Acme",
        "people: skip=1 | reason: is not an e-mail address",
    ),
    (
        "duplicate_email.csv",
        text("Name,Email\nAda,a@acme.com\nAda Two,A@ACME.com\n"),
        "account=Acme",
        "people: create=1 skip=1 | reason: duplicate e-mail",
    ),
    (
        "duplicate_account.csv",
        text("Account Name\nAcme\nACME\n"),
        "",
        "accounts: create=1 skip=1 | reason: the same account as row 2",
    ),
    (
        "reports_to_loop.csv",
        text(LOOP),
        "account=Acme",
        "people: create=4 | reason: reporting lines loop | managers: 0",
    ),
    (
        "reports_to_self.csv",
        text("Employee ID,Name,Manager ID\n1,Ann Top,1\n"),
        "account=Acme",
        "reason: reports to themself",
    ),
    (
        "manager_missing.csv",
        text("Employee ID,Name,Manager ID\n1,Ann Top,\n2,Bob Mid,99\n"),
        "account=Acme",
        "people: create=2 | reason: reports-to '99' not found | managers: 0",
    ),
    (
        "manager_by_name.csv",
        text("Name,Title,Manager\nAnn Top,CEO,\nBob Mid,VP,Ann Top\nCat Low,Engineer,bob mid\n"),
        "account=Acme",
        "managers: 2",
    ),
    (
        "manager_by_email.csv",
        text("Name,Email,Manager Email\nAnn Top,ann@a.com,\nBob Mid,bob@a.com,ANN@a.com\n"),
        "account=Acme",
        "managers: 1",
    ),
    (
        "manager_in_other_account.csv",
        text("Name,Company,Manager\nAnn Top,Acme,\nBob Mid,Globex,Ann Top\n"),
        "account=Acme",
        "people: create=2 | reason: is in another account",
    ),
    (
        "manager_skipped.csv",
        text("Name,Email,Manager\nAnn Top,bad address,\nBob Mid,,Ann Top\n"),
        "account=Acme",
        "reason: is not imported (row 2 is skipped)",
    ),
    (
        "unknown_account_id.csv",
        text("Name,Account ID\nAda,0019999\n"),
        "account=Acme",
        "people: skip=1 | reason: neither in the file nor in the portfolio",
    ),
    (
        "new_account_by_name.csv",
        text("Name,Account\nAda,Nowhere Inc\nBob,NOWHERE inc\n"),
        "",
        "people: create=2 | accounts: create=1 | name: Nowhere Inc",
    ),
    ("no_account.csv", text("Name,Title\nAda,CEO\n"), "", "people: skip=1 | reason: no account"),
    (
        "long_title.csv",
        text("Name,Title\nAda," + "x" * 300 + "\n"),
        "account=Acme",
        "people: skip=1 | reason: The title",
    ),
    ("control_chars.csv", text("Name,Title\nAda\x1b[31m,CEO\n"), "account=Acme", "people: skip=1"),
    (
        "formula_text.csv",
        text('Name,Title\n=HYPERLINK("x"),CEO\n'),
        "account=Acme",
        "people: create=1 | name: =HYPERLINK",
    ),
    (
        "unicode_names.csv",
        text("Name,Title\n王小明,CEO\nمحمد علي,CTO\n"),
        "account=Acme",
        "people: create=2 | name: 王小明",
    ),
    ("nothing_recognised.csv", text("Foo,Bar\n1,2\n"), "", "error: no column was recognised"),
    (
        "hubspot_contacts.csv",
        text(
            "Record ID,First Name,Last Name,Job Title,Email,Company Name\n51,Ada,Brennan,CEO,ada@acme.com,Acme\n"
        ),
        "account=Acme",
        "people: create=1",
    ),
    (
        "hr_export.csv",
        text(
            "Employee ID,First Name,Last Name,Job Title,Department,Manager ID\n1,Ann,Top,CEO,Board,\n2,Bob,Mid,VP Sales,Sales,1\n"
        ),
        "account=Acme",
        "people: create=2 | managers: 1",
    ),
    # A Salesforce pair (Accounts and Contacts of a Data Loader export), each alone here;
    # tests/ui/imports imports them together.
    (
        "salesforce_accounts.csv",
        text(SF_ACCOUNTS),
        "",
        "accounts: create=2 skip=1 | reason: has text in it",
    ),
    (
        "salesforce_contacts.csv",
        text(SF_CONTACTS),
        "",
        "people: skip=7 | reason: neither in the file nor in the portfolio",
    ),
]


def build(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["file\toptions\tchecks"]
    for name, builder, options, checks in CASES:
        (folder / name).write_bytes(builder())
        lines.append(f"{name}\t{options}\t{checks}")
    (folder / "expected.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
