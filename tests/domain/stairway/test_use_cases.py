"""Use cases and templates written and read on a real portfolio: where new use cases go,
moves, checks, applying a template, a roadmap as a template, CSA metrics."""

from __future__ import annotations

import pytest

from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.enums import StairStep, TeamRole, UseCaseStatus
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import Account, TeamMember, UseCase
from cs_planner.domain.stairway.edits import (
    apply_template,
    move_use_case,
    new_use_case,
    set_layout,
    template_from_roadmap,
    update_use_case,
)
from cs_planner.domain.stairway.queries import csa_metrics, library, list_use_cases
from cs_planner.domain.stairway.rows import (
    TemplateData,
    TemplateUseCaseData,
    TemplateValues,
    UseCaseValues,
)

R, E, INN, D = StairStep
S = UseCaseStatus


@pytest.fixture
def account(portfolio) -> int:
    with portfolio.session() as s:
        return create_account(s, "Kestrel", 10_000.0, industry="Retail", size_band="SMB")


def _add(portfolio, account_id: int, step: StairStep, *titles: str) -> list[int]:
    ids = []
    with portfolio.session() as s:
        for title in titles:
            use_case = new_use_case(s, account_id, step, UseCaseValues(title=title))
            s.flush()
            ids.append(use_case.id)
    return ids


def _order(portfolio, account_id: int) -> list[tuple[str, StairStep, int]]:
    with portfolio.session() as s:
        return [(r.title, r.step, r.position) for r in list_use_cases(s, account_id)]


def test_new_use_cases_go_to_the_end_of_their_step(portfolio, account) -> None:
    _add(portfolio, account, E, "e1")
    _add(portfolio, account, R, "r1", "r2")
    assert _order(portfolio, account) == [("r1", R, 0), ("r2", R, 1), ("e1", E, 0)]


def test_move_and_put_back(portfolio, account) -> None:
    r1, _r2, _r3 = _add(portfolio, account, R, "r1", "r2", "r3")
    before = _order(portfolio, account)
    with portfolio.session() as s:
        old = move_use_case(s, account, r1, INN, 0)
    assert _order(portfolio, account) == [("r2", R, 0), ("r3", R, 1), ("r1", INN, 0)]
    with portfolio.session() as s:
        set_layout(s, old)
    assert _order(portfolio, account) == before


def test_update_use_case_validates_and_returns_old_values(portfolio, account) -> None:
    [use_case_id] = _add(portfolio, account, R, "r1")
    with portfolio.session() as s:
        ae = TeamMember(name="Al Exec", role=TeamRole.AE)
        s.add(ae)
        s.flush()
        ae_id = ae.id
    new = UseCaseValues(title="Renamed", status=S.PLANNED, users_targeted=40)
    with portfolio.session() as s:
        old = update_use_case(s, use_case_id, new)
    assert old.title == "r1" and old.status == S.IDENTIFIED
    with pytest.raises(ValidationError, match="not a CSA"), portfolio.session() as s:
        update_use_case(s, use_case_id, UseCaseValues(title="x", csa_id=ae_id))
    with pytest.raises(ValidationError, match="title"), portfolio.session() as s:
        update_use_case(s, use_case_id, UseCaseValues(title="  "))
    with portfolio.session() as s:
        [stored] = list_use_cases(s, account)
    assert stored.values == new


TEMPLATE_VALUES = TemplateValues(
    "Retail test",
    industry="Retail",
    use_cases=(
        TemplateUseCaseData(R, "Store audits", "Paper audits", "audits", 1000.0),
        TemplateUseCaseData(E, "Vendor compliance"),
        TemplateUseCaseData(D, "Retail media"),
    ),
)


def test_applying_a_template_is_idempotent(portfolio, account, tmp_path) -> None:
    _add(portfolio, account, R, "store AUDITS", "Own idea")
    shipped = TemplateData("file:t.toml", None, "t.toml", TEMPLATE_VALUES)
    with portfolio.session() as s:
        applied = apply_template(s, account, shipped)
    assert applied.installed and applied.previous_template_id is None
    assert len(applied.added) == 2
    order = _order(portfolio, account)
    assert order == [
        ("store AUDITS", R, 0),
        ("Own idea", R, 1),
        ("Vendor compliance", E, 0),
        ("Retail media", D, 0),
    ]
    with portfolio.session() as s:
        again = apply_template(s, account, library(s, tmp_path).by_id(applied.template_id))
        assert s.get(Account, account).stairway_template_id == applied.template_id
    assert again.added == () and not again.installed
    assert again.previous_template_id == applied.template_id
    assert _order(portfolio, account) == order


def test_applied_use_cases_are_ideas_with_the_typical_value(portfolio, account) -> None:
    shipped = TemplateData("file:t.toml", None, "t.toml", TEMPLATE_VALUES)
    with portfolio.session() as s:
        apply_template(s, account, shipped)
    with portfolio.session() as s:
        first = list_use_cases(s, account)[0]
    assert first.status == S.IDENTIFIED
    assert (first.problem, first.usage_metric, first.annual_value) == (
        "Paper audits",
        "audits",
        1000.0,
    )


def test_template_from_roadmap_takes_the_persona(portfolio, account) -> None:
    with portfolio.session() as s, pytest.raises(ValidationError, match="no use cases"):
        template_from_roadmap(s, account, "Empty")
    _add(portfolio, account, E, "e1")
    _add(portfolio, account, R, "r1")
    with portfolio.session() as s:
        values = template_from_roadmap(s, account, "Kestrel's climb")
    assert values.industry == "Retail" and values.size_band == "SMB"
    assert [c.title for c in values.use_cases] == ["r1", "e1"]


def test_csa_metrics_per_architect(portfolio, account) -> None:
    with portfolio.session() as s:
        csa = TeamMember(name="Cara Arch", role=TeamRole.CSA)
        idle = TeamMember(name="Ivo Idle", role=TeamRole.CSA)
        s.add_all([csa, idle])
        s.flush()
        other = create_account(s, "Osprey", 5_000.0)
        for account_id, status, users, value in (
            (account, S.ADOPTED, 100, 1000.0),
            (other, S.ADOPTED, 300, 500.0),
            (other, S.LIVE, 50, 9000.0),
        ):
            s.add(
                UseCase(
                    account_id=account_id,
                    title=f"uc {users}",
                    status=status,
                    users_reached=users,
                    annual_value=value,
                    csa_id=csa.id,
                )
            )
    with portfolio.session() as s:
        cara, ivo = csa_metrics(s)
    assert cara.name == "Cara Arch" and cara.accounts == 2
    assert (cara.metrics.adopted, cara.metrics.live) == (2, 1)
    assert cara.metrics.users_per_use_case == 200
    assert cara.metrics.value_realized == 1500.0
    assert ivo.metrics.use_cases == 0 and ivo.metrics.users_per_use_case is None
