"""Every file of the import corpus gives the outcome ``expected.tsv`` names: one sentence
for a file that cannot be imported, the preview's counts and reasons for one that can."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from cs_planner.domain.imports.existing import Existing
from cs_planner.domain.imports.fields import Kind
from cs_planner.domain.imports.mapping import recognise
from cs_planner.domain.imports.preview import Preview, Source, build_preview
from cs_planner.domain.imports.reading import ImportProblem, read_table
from cs_planner.domain.imports.rows import Status

CORPUS = Path(__file__).parent / "corpus"


def _cases() -> list[tuple[str, str, str]]:
    lines = (CORPUS / "expected.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return [tuple(line.split("\t")) for line in lines]  # type: ignore[misc]


def _preview(path: Path, options: str) -> Preview:
    table = read_table(path)
    mapping = recognise(table.headers)
    account = options.removeprefix("account=") or None
    source = Source(table, mapping)
    if mapping.kind is Kind.ACCOUNTS:
        return build_preview(Existing(), accounts=source, default_account=account)
    return build_preview(Existing(), contacts=source, default_account=account)


def _counts(preview: Preview, kind: Kind, wanted: str) -> None:
    counts: Counter[Status] = preview.counts(kind)
    if kind is Kind.CONTACTS:
        counts = Counter(row.status for row in preview.contacts)
    expected = {Status(k): int(v) for k, v in (part.split("=") for part in wanted.split())}
    assert {s: counts[s] for s in expected} == expected, [r.describe() for r in preview.problems()]


def test_the_corpus_is_big_enough_and_built_from_the_script() -> None:
    names = {name for name, _, _ in _cases()}
    assert len(names) >= 40
    assert names <= {p.name for p in CORPUS.iterdir()}


@pytest.mark.parametrize(("name", "options", "checks"), _cases(), ids=lambda v: str(v)[:40])
def test_corpus_file(name: str, options: str, checks: str) -> None:
    path = CORPUS / name
    checks_list = [c.strip() for c in checks.split("|")]
    if checks_list[0].startswith("error:"):
        wanted = checks_list[0].removeprefix("error:").strip()
        with pytest.raises(ImportProblem) as caught:
            _preview(path, options)
        message = caught.value.message
        assert wanted in message
        assert message.startswith(name) and "\n" not in message
        return
    preview = _preview(path, options)
    reasons = " / ".join(r for row in (*preview.accounts, *preview.contacts) for r in row.reasons)
    for check in checks_list:
        what, _, value = (part.strip() for part in check.partition(":"))
        if what == "accounts":
            _counts(preview, Kind.ACCOUNTS, value)
        elif what == "people":
            _counts(preview, Kind.CONTACTS, value)
        elif what == "reason":
            assert value in reasons
        elif what == "note":
            assert any(value in note for note in preview.notes), preview.notes
        elif what == "managers":
            assert sum(1 for m in preview.writes.managers.values() if m) == int(value)
        elif what == "name":
            made = [f["name"] for _, f in preview.writes.new_people.values()]
            made += [f["name"] for f in preview.writes.new_accounts.values()]
            assert any(n.startswith(value) for n in made), made
        elif what == "arr":
            assert float(value) in [f.get("arr") for f in preview.writes.new_accounts.values()]
        elif what == "renewal":
            renewals = [f.get("renewal_date") for f in preview.writes.new_accounts.values()]
            assert value in [d.isoformat() for d in renewals if d]
        else:
            raise AssertionError(f"unknown check {check!r}")
