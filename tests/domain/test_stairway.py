"""The stairway's rules on hand-built cases, and its edits on a real portfolio."""

from __future__ import annotations

import datetime as dt

import pytest

from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.enums import StairStep, TeamRole, UseCaseStatus
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import Account, TeamMember, UseCase
from cs_planner.domain.stairway import (
    Progress,
    UseCaseRow,
    UseCaseValues,
    apply_template,
    csa_metrics,
    is_overdue,
    list_use_cases,
    move_use_case,
    new_use_case,
    reorder,
    roadmap_metrics,
    set_layout,
    step_summaries,
    suggest_template,
    template_from_roadmap,
    template_progress,
    update_use_case,
)
from cs_planner.domain.stairway_templates import (
    TemplateData,
    TemplateUseCaseData,
    TemplateValues,
    library,
)

R, E, INN, D = StairStep
S = UseCaseStatus


def row(n: int, title: str, step: StairStep, status: S, **values) -> UseCaseRow:
    return UseCaseRow(n, step, n, UseCaseValues(title=title, status=status, **values))


def case(step: StairStep, title: str) -> TemplateUseCaseData:
    return TemplateUseCaseData(step, title)


TEMPLATE = [
    case(R, "Fix A"),
    case(R, "Fix B"),
    case(E, "Improve C"),
    case(E, "Improve D"),
    case(INN, "Invent E"),
    case(D, "Disrupt F"),
]


# --- rules -------------------------------------------------------------------------------


def test_overdue_means_the_target_quarter_ended_and_it_is_not_live() -> None:
    q3 = dt.date(2026, 7, 1)
    assert is_overdue(q3, S.IMPLEMENTING, dt.date(2026, 10, 1))
    assert not is_overdue(q3, S.IMPLEMENTING, dt.date(2026, 9, 30))  # last day of Q3
    assert not is_overdue(q3, S.LIVE, dt.date(2027, 1, 1))
    assert not is_overdue(q3, S.ADOPTED, dt.date(2027, 1, 1))
    assert is_overdue(q3, S.IDENTIFIED, dt.date(2027, 1, 1))
    assert not is_overdue(None, S.PLANNED, dt.date(2030, 1, 1))


def test_step_summaries_count_adopted_and_value() -> None:
    rows = [
        row(1, "a", R, S.ADOPTED, annual_value=100.0),
        row(2, "b", R, S.LIVE, annual_value=50.0),
        row(3, "c", INN, S.ADOPTED, annual_value=10.0),
    ]
    summaries = {s.step: s for s in step_summaries(rows)}
    assert (summaries[R].count, summaries[R].adopted) == (2, 1)
    assert (summaries[R].value, summaries[R].value_adopted) == (150.0, 100.0)
    assert summaries[E].count == 0 and summaries[D].value == 0
    assert summaries[INN].value_adopted == 10.0


def test_roadmap_metrics_count_only_adopted_as_success() -> None:
    rows = [
        row(1, "a", R, S.ADOPTED, users_reached=300, annual_value=100.0),
        row(2, "b", R, S.ADOPTED, users_reached=100, annual_value=20.0),
        row(3, "c", E, S.LIVE, users_reached=900, annual_value=500.0),
    ]
    metrics = roadmap_metrics(rows)
    assert (metrics.adopted, metrics.live, metrics.use_cases) == (2, 1, 3)
    assert metrics.users_per_use_case == 200
    assert metrics.value_realized == 120.0
    assert roadmap_metrics([]).users_per_use_case is None


def test_progress_states_and_next_on_the_lowest_unfinished_step() -> None:
    rows = [
        row(1, "fix a", R, S.ADOPTED),  # titles match whatever the case
        row(2, "Fix  B", R, S.LIVE),  # live is in progress, not done
        row(3, "Improve D", E, S.IDENTIFIED),  # an idea only: not started
    ]
    progress = template_progress(TEMPLATE, rows)
    states = [i.state for i in progress.items]
    assert states == [
        Progress.DONE,
        Progress.IN_PROGRESS,
        Progress.NOT_STARTED,
        Progress.NOT_STARTED,
        Progress.NOT_STARTED,
        Progress.NOT_STARTED,
    ]
    assert progress.items[3].use_case_id == 3 and progress.items[2].use_case_id is None
    # Remediation is under way (nothing left to start), so the first not-started on E.
    assert progress.next_item is not None and progress.next_item.case.title == "Improve C"
    assert progress.count(Progress.DONE) == 1


def test_next_is_the_first_not_started_on_the_lowest_step() -> None:
    progress = template_progress(TEMPLATE, [row(1, "Fix B", R, S.ADOPTED)])
    assert progress.next_item.case.title == "Fix A"
    progress = template_progress(TEMPLATE, [])
    assert progress.next_item.case.title == "Fix A"


def test_next_ignores_template_order_across_steps() -> None:
    mixed = [case(D, "Disrupt"), case(E, "Improve"), case(R, "Fix")]
    done = [row(1, "Fix", R, S.ADOPTED)]
    assert template_progress(mixed, done).next_item.case.title == "Improve"


def test_no_next_when_everything_is_started() -> None:
    rows = [row(n, c.title, c.step, S.IMPLEMENTING) for n, c in enumerate(TEMPLATE)]
    progress = template_progress(TEMPLATE, rows)
    assert progress.next_item is None
    assert progress.count(Progress.IN_PROGRESS) == len(TEMPLATE)


def _template(name: str, industry: str, size: str, geography: str = "") -> TemplateData:
    values = TemplateValues(name, industry=industry, size_band=size, geography=geography)
    return TemplateData(f"file:{name}", None, name, values)


def test_suggest_by_industry_then_size() -> None:
    templates = [
        _template("Retail any size", "Retail", ""),
        _template("Retail SMB", "Retail", "SMB"),
        _template("Retail enterprise", "Retail", "Enterprise"),
        _template("Banks", "Financial services", "SMB"),
    ]
    assert suggest_template(templates, "retail", "SMB").name == "Retail SMB"
    assert suggest_template(templates, "Retail", "Mid-market").name == "Retail any size"
    assert suggest_template(templates[2:], "Retail", "Mid-market").name == "Retail enterprise"
    assert suggest_template(templates, "Healthcare", "SMB") is None
    assert suggest_template(templates, "", "SMB") is None


def test_suggest_prefers_the_geography_on_a_tie() -> None:
    templates = [
        _template("B Europe", "Retail", "SMB", "Europe"),
        _template("A Americas", "Retail", "SMB", "North America"),
    ]
    assert suggest_template(templates, "Retail", "SMB", "Europe").name == "B Europe"
    assert suggest_template(templates, "Retail", "SMB").name == "A Americas"


def test_reorder_within_a_step_and_between_steps() -> None:
    layout = [(1, R, 0), (2, R, 1), (3, R, 2), (4, E, 0)]
    assert reorder(layout, 3, R, 0) == {3: (R, 0), 1: (R, 1), 2: (R, 2)}
    assert reorder(layout, 1, E, 1) == {1: (E, 1), 2: (R, 0), 3: (R, 1)}
    assert reorder(layout, 4, D, 99) == {4: (D, 0)}
    assert reorder(layout, 2, R, 1) == {}
    with pytest.raises(ValidationError):
        reorder(layout, 9, R, 0)


# --- edits on a portfolio -------------------------------------------------------------------


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
