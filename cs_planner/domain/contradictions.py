"""Rules that catch a plan contradicting itself, in any portfolio: a champion recorded as a
detractor, a target larger than what the whitespace grid leaves relevant (the activity log's
rule is in ``accounts/rules.py``). Pure functions of rows already read for the
tab that shows them; each returns findings (a sentence and a severity) in the form of the
relationship coverage panel, so every tab shows them the same way."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cs_planner.domain.enums import BuyingRole, Dimension, Severity, Stance, WhitespaceState
from cs_planner.domain.expansion import DimensionRow, WhitespaceGrid
from cs_planner.domain.findings import Finding
from cs_planner.domain.relationships import StakeholderRow

# --- relationships ----------------------------------------------------------------------

COLD = (Stance.SKEPTIC, Stance.DETRACTOR, Stance.FAVOURS_COMPETITOR)


@dataclass(frozen=True)
class ChampionedUseCase:
    """A use case and the stakeholder named as its champion."""

    title: str
    champion_id: int


def _stance(person: StakeholderRow) -> str:
    return person.stance.label.lower()


def relationship_contradictions(
    people: Sequence[StakeholderRow], use_cases: Iterable[ChampionedUseCase] = ()
) -> list[Finding]:
    """A champion (by role) whose stance is cold, someone who is both champion and
    blocker, and a use case championed by a blocker or a cold stakeholder: one of the
    two records is out of date. People who left or changed role are not judged."""
    out: list[Finding] = []
    for p in people:
        if not p.active:
            continue
        champion_role = BuyingRole.CHAMPION in p.roles
        blocker = BuyingRole.BLOCKER in p.roles
        if champion_role and p.stance in COLD:
            out.append(
                Finding(
                    "contradiction",
                    Severity.BAD,
                    f"{p.name} is recorded as a champion, but their stance is "
                    f"{_stance(p)}: update the role or the stance.",
                    (p.id,),
                )
            )
        if blocker and (champion_role or p.stance == Stance.CHAMPION):
            out.append(
                Finding(
                    "contradiction",
                    Severity.BAD,
                    f"{p.name} is recorded both as a champion and as a blocker: "
                    "update the role or the stance.",
                    (p.id,),
                )
            )
    by_id = {p.id: p for p in people}
    championed: dict[int, list[str]] = {}
    for case in use_cases:
        championed.setdefault(case.champion_id, []).append(case.title)
    for person_id, titles in championed.items():
        p = by_id.get(person_id)
        if p is None or not p.active:
            continue
        why = []
        if BuyingRole.BLOCKER in p.roles:
            why.append("is a blocker")
        if p.stance in COLD:
            why.append(f"their stance is {_stance(p)}")
        if why:
            named = ", ".join(f"“{t}”" for t in titles)
            what = (
                f"the use case {named}"
                if len(titles) == 1
                else f"{len(titles)} use cases ({named})"
            )
            out.append(
                Finding(
                    "contradiction",
                    Severity.BAD,
                    f"{p.name} champions {what}, but {' and '.join(why)}: name another "
                    "champion or update the stance.",
                    (p.id,),
                )
            )
    return out


# --- expansion --------------------------------------------------------------------------


def relevant_divisions(products: WhitespaceGrid, geographies: WhitespaceGrid) -> list[int]:
    """Divisions not marked "not relevant" in every cell of both grids (a cell not yet
    assessed leaves the division in play)."""
    kept = []
    for row in products.rows:
        cells = [products.state(row.id, c.id) for c in products.columns]
        cells += [geographies.state(row.id, c.id) for c in geographies.columns]
        if not cells or any(s != WhitespaceState.NOT_RELEVANT for s in cells):
            kept.append(row.id)
    return kept


def relevant_columns(grid: WhitespaceGrid) -> list[int]:
    """Products (or geographies) not marked "not relevant" for every division."""
    return [
        c.id
        for c in grid.columns
        if not grid.rows
        or any(grid.state(r.id, c.id) != WhitespaceState.NOT_RELEVANT for r in grid.rows)
    ]


def expansion_contradictions(
    dimensions: Sequence[DimensionRow], products: WhitespaceGrid, geographies: WhitespaceGrid
) -> list[Finding]:
    """A divisions, geographies or functionality target larger than the number of
    divisions, geographies or products the whitespace grids leave relevant."""
    counts = {
        Dimension.DIVISIONS: (
            products.rows,
            relevant_divisions(products, geographies),
            "divisions",
        ),
        Dimension.GEOGRAPHIES: (geographies.columns, relevant_columns(geographies), "geographies"),
        Dimension.FUNCTIONALITY: (products.columns, relevant_columns(products), "products"),
    }
    out: list[Finding] = []
    for row in dimensions:
        if row.dimension not in counts or not row.values.applies or row.values.target is None:
            continue
        everything, relevant, noun = counts[row.dimension]
        target = row.values.target
        if target <= len(relevant) + 1e-9:
            continue
        ruled_out = [c.label for c in everything if c.id not in set(relevant)]
        text = (
            f"{row.dimension.label} target {_figure(target)}, but only {len(relevant)} of the "
            f"{len(everything)} {noun} are relevant in the whitespace grid"
        )
        if ruled_out:
            text += f" ({', '.join(ruled_out)} marked not relevant everywhere)"
        text += ": lower the target or reassess the grid."
        out.append(Finding(f"target:{row.dimension.value}", Severity.WARN, text))
    return out


def _figure(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
