"""Stairway templates in the demo: most accounts climb the shipped template of their
persona, chosen the way a CSM applies it in the app, so progress against it shows.

A template is installed in the portfolio through the domain (``stairway.edits.install``)
the first time an account uses it; applying it then adds the template's use cases the
account lacks as bare identified ideas at the end of their steps, exactly the rows
``stairway.edits.ApplyTemplate`` writes (the demo writes them in bulk instead of one flush each).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from cs_planner.demo import use_cases
from cs_planner.demo.base import AccountDraft, World
from cs_planner.demo.use_cases import UseCaseSpec
from cs_planner.domain.enums import StairStep, UseCaseStatus
from cs_planner.domain.model import UseCase
from cs_planner.domain.stairway.edits import install
from cs_planner.domain.stairway.queries import library
from cs_planner.domain.stairway.rows import Library, TemplateData, TemplateUseCaseData
from cs_planner.domain.stairway.rules import suggest_template, title_key

# Positions in a pod whose accounts have not chosen a template: two fresh lands, so the
# Stairway tab still shows a suggested template somewhere.
NO_TEMPLATE_SLOTS = frozenset({7, 9})
MAX_USE_CASES = 12  # a roadmap the stairway can show at a glance

# What a use case known only from a template runs on, guessed from words in its title.
_PRODUCT_HINTS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("mobile", "field", "on site", "inspector", "home", "tablet"), use_cases.MF),
    (("sign", "contract", "consent", "nda", "permit"), use_cases.ES),
    (("dashboard", "analytics", "insight", "scorecard", "predict", "data", "survey"), use_cases.AN),
    (("audit", "retention", "compliance", "credential", "records"), use_cases.CV),
    (("invoice", "intake", "document", "declaration", "capture"), use_cases.DA),
    (("marketplace", "partner", "integration", "ecosystem", "platform", "shared"), use_cases.CP),
)


@dataclass(frozen=True)
class Climb:
    """The template an account climbs: its portfolio row and its use cases by step."""

    template_id: int
    name: str
    by_step: dict[StairStep, tuple[UseCaseSpec, ...]]
    cases: tuple[TemplateUseCaseData, ...]

    def titles(self) -> set[str]:
        return {title_key(c.title) for c in self.cases}


class TemplateChooser:
    """Picks the persona's template for an account and installs it on first use."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.library: Library = library(session)
        self._climbs: dict[str, Climb] = {}
        self._suggested: dict[tuple[str, str, str], TemplateData | None] = {}
        self._specs = {
            title_key(spec.title): spec
            for specs in (
                *use_cases.GENERIC_USE_CASES.values(),
                *(tuple(steps.values()) for steps in use_cases.INDUSTRY_USE_CASES.values()),
            )
            for spec in specs
        }

    def climb_for(self, draft: AccountDraft) -> Climb | None:
        """The template the account has chosen (the one the app would suggest), or None."""
        if draft.slot in NO_TEMPLATE_SLOTS:
            return None
        row = draft.row
        persona = (row["industry"], row["size_band"], row["hq_geography"])
        if persona not in self._suggested:
            self._suggested[persona] = suggest_template(self.library.templates, *persona)
        template = self._suggested[persona]
        if template is None or len(template.use_cases) > MAX_USE_CASES:
            return None
        if template.key not in self._climbs:
            self._climbs[template.key] = self._install(template)
        return self._climbs[template.key]

    def _install(self, template: TemplateData) -> Climb:
        template_id = install(self.session, template)
        by_step = {
            step: tuple(self._spec(c) for c in template.use_cases if c.step == step)
            for step in StairStep
        }
        return Climb(template_id, template.name, by_step, template.use_cases)

    def _spec(self, case: TemplateUseCaseData) -> UseCaseSpec:
        """The template's use case, run on the products the demo content gives it (or the
        products its title suggests)."""
        known = self._specs.get(title_key(case.title))
        products = known.products if known else _guess_products(case.title)
        return UseCaseSpec(case.title, case.problem, case.usage_metric, products)


def _guess_products(title: str) -> tuple[str, ...]:
    words = title.casefold()
    found = [product for hints, product in _PRODUCT_HINTS if any(h in words for h in hints)]
    return tuple(found[:2]) or (use_cases.WF,)


def apply_climb(world: World, draft: AccountDraft, climb: Climb) -> None:
    """Make ``climb`` the account's template and add the template's use cases it lacks,
    as ``stairway.edits.ApplyTemplate`` does: identified ideas at the end of their steps, with
    only the template's title, problem, usage metric and typical value filled in."""
    draft.row["stairway_template_id"] = climb.template_id
    have = {title_key(uc["title"]) for uc in draft.use_cases}
    positions: dict[StairStep, int] = {}
    for uc in draft.use_cases:
        positions[uc["step"]] = max(positions.get(uc["step"], 0), uc["position"] + 1)
    for case in climb.cases:
        if title_key(case.title) in have:
            continue
        position = positions.get(case.step, 0)
        positions[case.step] = position + 1
        row = world.writer.add(
            UseCase,
            account_id=draft.id,
            title=case.title,
            problem=case.problem,
            step=case.step,
            position=position,
            status=UseCaseStatus.IDENTIFIED,
            division_id=None,
            geography_id=None,
            target_quarter=None,
            users_targeted=0,
            users_reached=0,
            usage_metric=case.usage_metric,
            annual_value=case.typical_value,
            acv_uplift=0.0,
            champion_id=None,
            csa_id=None,
            notes="",
        )
        draft.use_cases.append(row)
        draft.use_case_products[row["id"]] = ()
