"""A Salesforce account export's Owner column holds user ids (005...): the mapping keeps a
translation to our team, filled in the dialog or written in MAPPING.toml ([owners]); it is
remembered with the mapping. Through the domain and the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from cs_planner.domain.enums import TeamRole
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.imports.existing import load_existing
from cs_planner.domain.imports.mapping import Mapping, recall, recognise
from cs_planner.domain.imports.owners import unknown_owners
from cs_planner.domain.imports.preview import Source, build_preview
from cs_planner.domain.imports.reading import read_table
from cs_planner.domain.model import Account, TeamMember
from cs_planner.storage import Portfolio, open_portfolio
from tests.cli.test_cli import cli
from tests.imports.helpers import apply, write

SF = """Id,Name,OwnerId
001A,Acme Corp,005Ann
001B,Globex,005Bob
001C,Initech,005Ann
001D,Hooli,ann.lee@example.com
001E,Umbrella,005Gone
"""


@pytest.fixture
def team(portfolio: Portfolio) -> dict[str, int]:
    with portfolio.session() as s:
        ann = TeamMember(name="Ann Lee", role=TeamRole.CSM, email="ann.lee@example.com")
        bob = TeamMember(name="Bob Ray", role=TeamRole.CSM)
        s.add_all([ann, bob])
        s.flush()
        return {"Ann Lee": ann.id, "Bob Ray": bob.id}


def _csms(portfolio: Portfolio) -> dict[str, int | None]:
    with portfolio.read() as s:
        return {name: csm for name, csm in s.execute(select(Account.name, Account.csm_id))}


def test_owner_ids_translated_by_the_mapping_become_the_csm(
    portfolio: Portfolio, team: dict[str, int], tmp_path: Path
) -> None:
    table = read_table(write(tmp_path, "accounts.csv", SF))
    mapping = recognise(table.headers)
    assert mapping.source == "salesforce" and mapping.fields["owner"].column == "OwnerId"
    with portfolio.read() as s:
        existing = load_existing(s)
    # The dialog lists each owner value that names nobody of ours, once.
    assert unknown_owners(table, "OwnerId", existing.team, {}) == ["005Ann", "005Bob", "005Gone"]
    untranslated = build_preview(existing, accounts=Source(table, mapping))
    acme = next(r for r in untranslated.accounts if r.name == "Acme Corp")
    assert "owner '005Ann' is not one of your team" in acme.reasons[0]

    mapping.owners = {"005Ann": "Ann Lee", "005Bob": "bob ray", "005Gone": "Nobody Here"}
    plan = build_preview(existing, accounts=Source(table, mapping))
    reasons = {r.name: r.reasons for r in plan.accounts}
    assert reasons["Acme Corp"] == reasons["Globex"] == reasons["Hooli"] == []
    assert "translated to 'Nobody Here', who is not one of your team" in reasons["Umbrella"][0]
    apply(portfolio, plan)
    assert _csms(portfolio) == {
        "Acme Corp": team["Ann Lee"],
        "Globex": team["Bob Ray"],
        "Initech": team["Ann Lee"],
        "Hooli": team["Ann Lee"],  # an e-mail matches without a translation
        "Umbrella": None,
    }


def test_the_translation_is_kept_in_toml_and_remembered(
    portfolio: Portfolio, tmp_path: Path
) -> None:
    from cs_planner.domain.imports.mapping import remember

    headers = ("Id", "Name", "OwnerId")
    mapping = recognise(headers)
    mapping.owners = {"005Ann": "Ann Lee", 'odd "quoted" id': "Bob Ray"}
    text = mapping.to_toml()
    assert '[owners]\n"005Ann" = "Ann Lee"' in text
    assert Mapping.from_toml(text).owners == mapping.owners
    with portfolio.session() as s:
        remember(s, headers, mapping)
    with portfolio.read() as s:
        found = recall(s, headers)
    assert found is not None and found.owners == mapping.owners


@pytest.mark.parametrize(
    "owners", ['[owners]\n"005A" = 3\n', '[owners]\n"005A" = ""\n', "owners = 5\n"]
)
def test_a_bad_owners_table_is_refused_with_a_sentence(owners: str) -> None:
    text = 'kind = "accounts"\n' + owners + '[fields]\nname = { column = "Name" }\n'
    with pytest.raises(ValidationError, match="owner value"):
        Mapping.from_toml(text, "m.toml")


def test_the_command_line_takes_owners_from_mapping_toml(tmp_path: Path) -> None:
    path = tmp_path / "p.csplan"
    assert cli("demo", str(path), "--accounts", "1").returncode == 0
    portfolio = open_portfolio(path, create=False)
    try:
        with portfolio.read() as s:
            csm = s.scalars(
                select(TeamMember.name)
                .where(TeamMember.role == TeamRole.CSM, TeamMember.retired_on.is_(None))
                .order_by(TeamMember.name)
            ).first()
    finally:
        portfolio.close()
    assert csm is not None
    accounts = write(tmp_path, "accounts.csv", "Id,Name,OwnerId\n001Z,Zenith AG,005QZ\n")
    dry = cli("import", str(path), str(accounts), "--dry-run")
    assert "owner '005QZ' is not one of your team" in dry.stdout
    mapping = write(
        tmp_path,
        "m.toml",
        'kind = "accounts"\nsource = "salesforce"\n[fields]\nrecord_id = { column = "Id" }\n'
        f'name = {{ column = "Name" }}\nowner = {{ column = "OwnerId" }}\n\n[owners]\n'
        f'"005QZ" = "{csm}"\n',
    )
    result = cli("import", str(path), str(accounts), "--mapping", str(mapping))
    assert result.returncode == 0, result.stderr
    assert "005QZ" not in result.stdout
    portfolio = open_portfolio(path, create=False, mode="read")
    try:
        with portfolio.read() as s:
            owner = s.scalar(
                select(TeamMember.name)
                .join(Account, Account.csm_id == TeamMember.id)
                .where(Account.name == "Zenith AG")
            )
    finally:
        portfolio.close()
    assert owner == csm
