"""The demo shows every feature believably: whitespace cells with an open ACV uplift, plan
units that agree with the derived current values, overdue use cases at risky accounts, and
stairway templates chosen (with one or two accounts left on a suggestion)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from cs_planner.demo import generate
from cs_planner.demo.plan import CELL_DIMENSIONS
from cs_planner.domain.enums import (
    Dimension,
    OpportunityStatus,
    UseCaseStatus,
    WhitespaceState,
)
from cs_planner.domain.expansion.queries import derived_currents, load_whitespace
from cs_planner.domain.model import (
    Account,
    ActionItem,
    DimensionPlan,
    Opportunity,
    StairwayTemplate,
    UseCase,
)
from cs_planner.domain.stairway.edits import apply_template
from cs_planner.domain.stairway.queries import library, list_use_cases, load_stairway
from cs_planner.domain.stairway.rows import Progress
from cs_planner.domain.stairway.rules import is_overdue, missing_use_cases
from cs_planner.storage import Portfolio, open_portfolio

TODAY = dt.date(2026, 11, 24)
SHOWCASE = "Meridian Freight Group"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    portfolio = open_portfolio(tmp_path_factory.mktemp("features") / "demo.csplan")
    generate(portfolio, today=TODAY)
    yield portfolio
    portfolio.close()


def _accounts(portfolio: Portfolio) -> dict[str, int]:
    with portfolio.read() as s:  # called inside a write session too: a read takes no lock
        return {
            name: account_id for name, account_id in s.execute(select(Account.name, Account.id))
        }


# --- 1. whitespace cells carry the uplift of the open opportunities behind them ----------------


def test_open_opportunities_fill_whitespace_cells(demo: Portfolio) -> None:
    uplift_states: Counter[tuple[str, WhitespaceState | None]] = Counter()
    opportunity_cells = covered = 0
    with demo.session() as s:
        for account_id in _accounts(demo).values():
            for grid in load_whitespace(s, account_id):
                for key, state in grid.states.items():
                    if state == WhitespaceState.OPPORTUNITY:
                        opportunity_cells += 1
                        covered += key in grid.uplift
                for key, uplift in grid.uplift.items():
                    assert uplift > 0
                    uplift_states[grid.by, grid.states.get(key)] += 1
        opps = s.execute(
            select(Opportunity.dimension, Opportunity.division_id, Opportunity.product_id,
                   Opportunity.geography_id)
            .where(Opportunity.status == OpportunityStatus.OPEN)
        ).all()  # fmt: skip
    # Both grids show an uplift somewhere, and only on cells that are not live or irrelevant.
    assert uplift_states["product", WhitespaceState.OPPORTUNITY] >= 1
    assert uplift_states["geography", WhitespaceState.OPPORTUNITY] >= 1
    assert {state for _by, state in uplift_states} <= {
        WhitespaceState.OPPORTUNITY,
        WhitespaceState.IN_PROGRESS,
    }
    # An amber cell usually has an opportunity behind it.
    assert covered > opportunity_cells / 2
    # Most open deals on products, divisions and countries name a division and a column.
    on_cells = [o for o in opps if o.dimension in CELL_DIMENSIONS]
    paired = [o for o in on_cells if o.division_id and (o.product_id or o.geography_id)]
    assert len(paired) > len(on_cells) / 2


def test_showcase_deals_sit_in_their_cells(demo: Portfolio) -> None:
    with demo.session() as s:
        account_id = _accounts(demo)[SHOWCASE]
        by_product, by_geography = load_whitespace(s, account_id)
    division = {c.label: c.id for c in by_geography.rows}
    country = {c.label.split(" / ")[-1]: c.id for c in by_geography.columns}
    germany = (division["Warehousing"], country["Germany"])
    assert by_geography.uplift[germany] == 120_000
    assert by_geography.state(*germany) == WhitespaceState.OPPORTUNITY
    product = {c.label: c.id for c in by_product.columns}
    document_ai = (division["Customs & Compliance"], product["Document AI"])
    assert by_product.uplift[document_ai] == 75_000


# --- 2. plan units agree with what the app derives -----------------------------------------------

UNITS = {
    Dimension.USE_CASES: "use cases adopted",
    Dimension.USERS: "active users",
    Dimension.FUNCTIONALITY: "products in use",
    Dimension.DIVISIONS: "divisions adopted",
    Dimension.GEOGRAPHIES: "countries live",
}


def test_plan_units_and_figures_agree_with_derived_values(demo: Portfolio) -> None:
    with demo.session() as s:
        for name, account_id in _accounts(demo).items():
            derived, catalogue = derived_currents(s, account_id)
            plans = {
                p.dimension: p
                for p in s.scalars(
                    select(DimensionPlan).where(DimensionPlan.account_id == account_id)
                )
            }
            for dimension, unit in UNITS.items():
                plan = plans[dimension]
                assert plan.unit == unit, (name, dimension)
                if not plan.applies:
                    continue
                assert plan.current == derived[dimension], (name, dimension)
                assert plan.target >= plan.current, (name, dimension)
                if dimension != Dimension.USERS:  # seats can shrink; counts only grow
                    assert plan.baseline <= plan.current, (name, dimension)
            assert (plans[Dimension.FUNCTIONALITY].target or 0) <= catalogue
        showcase = _accounts(demo)[SHOWCASE]
        derived, _ = derived_currents(s, showcase)
    # The story's plan: five use cases adopted of eight, six divisions, three countries.
    assert derived[Dimension.USE_CASES] == 5
    assert derived[Dimension.DIVISIONS] == 6
    assert derived[Dimension.GEOGRAPHIES] == 3


# --- 3. work slips at the account at risk ----------------------------------------------------


def test_an_at_risk_account_has_overdue_use_cases(demo: Portfolio) -> None:
    with demo.session() as s:
        rows = s.execute(
            select(
                UseCase.account_id,
                UseCase.target_quarter,
                UseCase.status,
                UseCase.notes,
                Account.name,
            ).join(Account, Account.id == UseCase.account_id)
        ).all()
    overdue = [r for r in rows if is_overdue(r.target_quarter, r.status, TODAY)]
    assert overdue
    assert {r.name for r in overdue} == {"Valemont Markets"}  # the pod's renewal at risk
    assert 1 <= len(overdue) <= 2
    for r in overdue:
        assert r.status in (UseCaseStatus.IMPLEMENTING, UseCaseStatus.PLANNED)
        assert r.notes.startswith("Slipped:")


def test_every_at_risk_account_lets_some_work_slip(tmp_path: Path) -> None:
    portfolio = open_portfolio(tmp_path / "pods.csplan")
    try:
        generate(portfolio, accounts=36, today=TODAY)
        with portfolio.session() as s:
            rows = s.execute(
                select(UseCase.account_id, UseCase.target_quarter, UseCase.status)
            ).all()
        late = Counter(r.account_id for r in rows if is_overdue(r.target_quarter, r.status, TODAY))
        assert len(late) == 3  # one renewal at risk per pod of twelve
        assert all(1 <= n <= 2 for n in late.values())
    finally:
        portfolio.close()


# --- 4. templates chosen as the app applies them ---------------------------------------------


def test_most_accounts_climb_their_personas_template(demo: Portfolio) -> None:
    with demo.session() as s:
        lib = library(s)
        chosen = suggested = 0
        for name, account_id in _accounts(demo).items():
            data = load_stairway(s, account_id, lib)
            assert data.template is not None, name
            progress = data.progress
            if not data.template_chosen:
                suggested += 1
                continue
            chosen += 1
            # Applied as the app does: every template use case is on the roadmap.
            assert missing_use_cases(data.template, data.rows) == [], name
            started = progress.count(Progress.DONE) + progress.count(Progress.IN_PROGRESS)
            assert started >= 2, name  # progress against the template means something
            assert progress.count(Progress.DONE) >= 1, name
        stored = s.execute(select(StairwayTemplate.name, StairwayTemplate.source)).all()
        showcase = load_stairway(s, _accounts(demo)[SHOWCASE], lib)
    assert 1 <= suggested <= 2
    assert chosen >= 10
    # Installed once each, from the shipped files, under their own names.
    assert len(stored) == len({n for n, _ in stored})
    assert all(source.endswith(".toml") for _, source in stored)
    assert showcase.template_chosen
    assert showcase.template.name == "Freight and logistics carriers"
    assert showcase.progress.count(Progress.DONE) == 5


def test_applying_the_chosen_template_again_changes_nothing(tmp_path: Path) -> None:
    """The demo wrote exactly what ``apply_template`` writes: applying again adds nothing."""
    portfolio = open_portfolio(tmp_path / "apply.csplan")
    try:
        generate(portfolio, accounts=24, today=TODAY)
        with portfolio.session() as s:
            lib = library(s)
            templated = s.execute(
                select(Account.id, Account.stairway_template_id).where(
                    Account.stairway_template_id.is_not(None)
                )
            ).all()
            assert len(templated) >= 20
            for account_id, template_id in templated:
                before = len(list_use_cases(s, account_id))
                applied = apply_template(s, account_id, lib.by_id(template_id))
                assert applied.added == () and not applied.installed
                assert len(list_use_cases(s, account_id)) == before
            ideas = s.execute(
                select(UseCase.status, UseCase.users_targeted, UseCase.target_quarter).where(
                    UseCase.division_id.is_(None)
                )
            ).all()
            assert ideas  # the template's use cases the account had not started
            assert all(
                i.status == UseCaseStatus.IDENTIFIED
                and not i.users_targeted
                and not i.target_quarter
                for i in ideas
            )
    finally:
        portfolio.close()


# --- the demo tells the truth (issue 10) --------------------------------------------------------


def test_the_demo_contradicts_itself_nowhere(demo: Portfolio) -> None:
    """Every contradiction rule finds nothing in the demo, and the stories the rules do not
    cover hold too: the head of the organisation reports to nobody, and a division located
    in one country is live only there."""
    from cs_planner.domain.accounts.queries import list_activities
    from cs_planner.domain.accounts.rules import ActivityNote, activity_contradictions
    from cs_planner.domain.expansion.queries import load_expansion
    from cs_planner.domain.expansion.rules import expansion_contradictions
    from cs_planner.domain.model import Division, Stakeholder, WhitespaceCell
    from cs_planner.domain.relationships.queries import load_map

    found: list[str] = []
    with demo.session() as s:
        for name, account_id in _accounts(demo).items():
            found += [
                f"{name}: {f.text}"
                for f in load_map(s, account_id, TODAY).coverage()
                if f.key == "contradiction"
            ]
            plan = load_expansion(s, account_id, TODAY)
            grids = load_whitespace(s, account_id)
            found += [
                f"{name}: {f.text}" for f in expansion_contradictions(plan.dimensions, *grids)
            ]
            notes = [
                ActivityNote(a.id, a.date, a.kind.label, a.note)
                for a in list_activities(s, account_id)
            ]
            found += [f"{name}: {f.text}" for f in activity_contradictions(notes, TODAY)]
        heads = s.execute(
            select(Stakeholder.name, Stakeholder.reports_to_id).where(
                Stakeholder.title.in_(("Chief Executive Officer", "County Administrator"))
            )
        ).all()
        found += [f"{who} reports to someone" for who, boss in heads if boss is not None]
        homes = dict(s.execute(select(Division.id, Division.geography_id)).all())
        live = s.execute(
            select(WhitespaceCell.division_id, WhitespaceCell.geography_id).where(
                WhitespaceCell.geography_id.is_not(None),
                WhitespaceCell.state == WhitespaceState.LIVE,
            )
        ).all()
        found += [
            f"division {d} is located elsewhere than {g}"
            for d, g in live
            if homes[d] not in (None, g)
        ]
    assert heads  # the rule above had something to check
    assert found == []


def test_no_account_has_two_actions_titled_alike(demo: Portfolio) -> None:
    """The showcase's told actions and its drawn ones, and every drawn account's, are
    distinct: the same title twice in an action plan reads as a mistake."""
    with demo.read() as s:
        rows = s.execute(select(Account.name, ActionItem.title).join(ActionItem)).all()
    titles: dict[str, list[str]] = {}
    for account, title in rows:
        titles.setdefault(account, []).append(title.lower())
    for account, seen in titles.items():
        assert len(seen) == len(set(seen)), (account, Counter(seen).most_common(2))
    case_studies = [t for t in titles["Meridian Freight Group"] if "case study" in t]
    assert len(case_studies) <= 1, case_studies
