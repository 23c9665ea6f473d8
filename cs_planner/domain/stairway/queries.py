"""What the stairway reads from a portfolio, as rows: an account's use cases (one query),
the template library (the portfolio's templates plus the shipped files), everything the
Stairway tab shows, and the CSA metrics across the portfolio."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from cs_planner.domain.accounts.rules import geography_label
from cs_planner.domain.csa.queries import read_scorecard
from cs_planner.domain.enums import StairStep
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import (
    Account,
    Division,
    Geography,
    StairwayTemplate,
    Stakeholder,
    TeamMember,
    TemplateUseCase,
    UseCase,
)
from cs_planner.domain.names import name_key
from cs_planner.domain.stairway import templates
from cs_planner.domain.stairway.rows import (
    EDIT_FIELDS,
    STEPS,
    CsaMetrics,
    Library,
    RoadmapMetrics,
    StairwayData,
    TemplateData,
    TemplateUseCaseData,
    TemplateValues,
    UseCaseRow,
    UseCaseValues,
)
from cs_planner.domain.stairway.rules import suggest_template, template_progress


def list_use_cases(session: Session, account_id: int) -> list[UseCaseRow]:
    """The account's use cases in stairway order, with the names they point at (one query)."""
    champion, csa = aliased(Stakeholder), aliased(TeamMember)
    rows = session.execute(
        select(
            *(getattr(UseCase, name) for name in ("id", "step", "position", *EDIT_FIELDS)),
            Division.name.label("division"),
            Geography.region,
            Geography.country,
            champion.name.label("champion"),
            csa.name.label("csa"),
        )
        .outerjoin(Division, Division.id == UseCase.division_id)
        .outerjoin(Geography, Geography.id == UseCase.geography_id)
        .outerjoin(champion, champion.id == UseCase.champion_id)
        .outerjoin(csa, csa.id == UseCase.csa_id)
        .where(UseCase.account_id == account_id)
    ).all()
    result = [
        UseCaseRow(
            id=r.id,
            step=r.step,
            position=r.position,
            values=UseCaseValues(**{name: getattr(r, name) for name in EDIT_FIELDS}),
            division=r.division or "",
            geography=geography_label(r.region, r.country) if r.region else "",
            champion=r.champion or "",
            csa=r.csa or "",
        )
        for r in rows
    ]
    return sorted(result, key=lambda u: (STEPS.index(u.step), u.position, u.id))


def layout_of(session: Session, account_id: int) -> list[tuple[int, StairStep, int]]:
    """Every use case of the account as (id, step, position)."""
    query = select(UseCase.id, UseCase.step, UseCase.position).where(
        UseCase.account_id == account_id
    )
    return [(r.id, r.step, r.position) for r in session.execute(query)]


def next_position(session: Session, account_id: int, step: StairStep) -> int:
    """The position after the last use case on ``step``."""
    last = session.scalar(
        select(func.max(UseCase.position)).where(
            UseCase.account_id == account_id, UseCase.step == step
        )
    )
    return 0 if last is None else last + 1


# --- the template library -------------------------------------------------------------------


def portfolio_templates(session: Session) -> list[TemplateData]:
    """The templates stored in the portfolio, with their use cases, in two queries."""
    heads = session.execute(
        select(
            StairwayTemplate.id,
            StairwayTemplate.name,
            StairwayTemplate.industry,
            StairwayTemplate.size_band,
            StairwayTemplate.geography,
            StairwayTemplate.growth_rate,
            StairwayTemplate.main_challenge,
            StairwayTemplate.description,
            StairwayTemplate.source,
        )
    ).all()
    cases: dict[int, list[tuple[int, int, TemplateUseCaseData]]] = {}
    rows = session.execute(
        select(
            TemplateUseCase.template_id,
            TemplateUseCase.id,
            TemplateUseCase.step,
            TemplateUseCase.position,
            TemplateUseCase.title,
            TemplateUseCase.problem,
            TemplateUseCase.usage_metric,
            TemplateUseCase.typical_value,
        )
    )
    for r in rows:
        data = TemplateUseCaseData(r.step, r.title, r.problem, r.usage_metric, r.typical_value)
        cases.setdefault(r.template_id, []).append((r.position, r.id, data))
    result = []
    for h in heads:
        ordered = sorted(cases.get(h.id, []), key=lambda c: (STEPS.index(c[2].step), c[0], c[1]))
        values = TemplateValues(
            name=h.name,
            industry=h.industry,
            size_band=h.size_band,
            geography=h.geography,
            growth_rate=h.growth_rate,
            main_challenge=h.main_challenge,
            description=h.description,
            use_cases=tuple(c[2] for c in ordered),
        )
        result.append(TemplateData(f"db:{h.id}", h.id, h.source or "", values))
    return result


def library(session: Session, folder: Path | None = None) -> Library:
    """The portfolio's templates plus the shipped files not yet used here, by name."""
    stored = portfolio_templates(session)
    files, problems = templates.load_files(folder)
    sources = {t.source for t in stored if t.source}
    taken = {name_key(t.name) for t in stored}
    shipped = [t for t in files if t.source not in sources and name_key(t.name) not in taken]
    return Library(sorted([*stored, *shipped], key=lambda t: name_key(t.name)), problems)


# --- what the Stairway tab shows ----------------------------------------------------------


def account_template(
    session: Session, account_id: int, lib: Library
) -> tuple[TemplateData | None, bool, tuple[str, str, str]]:
    """The account's template (chosen: True) or the one its persona suggests, and the
    persona (industry, size band, HQ geography)."""
    row = session.execute(
        select(
            Account.stairway_template_id, Account.industry, Account.size_band, Account.hq_geography
        ).where(Account.id == account_id)
    ).one_or_none()
    if row is None:
        raise ValidationError("That account no longer exists (it may have been deleted).")
    persona = (row.industry or "", row.size_band or "", row.hq_geography or "")
    chosen = lib.by_id(row.stairway_template_id)
    if chosen is not None:
        return chosen, True, persona
    return suggest_template(lib.templates, *persona), False, persona


def load_stairway(session: Session, account_id: int, lib: Library) -> StairwayData:
    template, chosen, persona = account_template(session, account_id, lib)
    name = session.scalar(select(Account.name).where(Account.id == account_id)) or ""
    rows = list_use_cases(session, account_id)
    return StairwayData(
        account_id=account_id,
        account_name=name,
        rows=rows,
        library=lib,
        template=template,
        template_chosen=chosen,
        persona=persona,
        progress=template_progress(template.use_cases, rows) if template else None,
    )


# --- CSA metrics across the portfolio -----------------------------------------------------


def csa_metrics(session: Session) -> list[CsaMetrics]:
    """Per CSA, over every account: use cases owned, adopted ones, their users and value;
    read off the CSAs page's scorecard, so both count the same accounts and use cases."""
    return [
        CsaMetrics(
            row.csa_id,
            row.csa,
            row.accounts_served,
            RoadmapMetrics(
                use_cases=row.use_cases,
                live=row.live,
                adopted=row.use_cases_adopted,
                users_reached=row.users_reached,
                value_realized=row.value_realized,
            ),
        )
        for row in read_scorecard(session)
    ]
