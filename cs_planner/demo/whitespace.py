"""An account's whitespace grids: division × product and division × geography cells read
off the roadmap and the open opportunities, and the plan's targets fitted to what the
grids leave relevant."""

from __future__ import annotations

from cs_planner.demo.base import AccountDraft, World
from cs_planner.demo.plan import use_case_cells
from cs_planner.domain.enums import Dimension, OpportunityStatus, WhitespaceState
from cs_planner.domain.model import WhitespaceCell


def add_whitespace(
    world: World, draft: AccountDraft, room: tuple[tuple[str, str], ...] = ()
) -> None:
    """Division × product and division × geography cells, read off the roadmap and the
    open opportunities; the rest is mostly judged not relevant, a few cells are room to
    expand that no opportunity covers yet (``room``: (division, product) pairs the story
    names). The plan's targets are then fitted to what the grid leaves relevant."""
    rng = world.rng
    state_of = use_case_cells(draft)
    by_name = {d["name"]: d["id"] for d in draft.divisions}
    for division_name, product in room:
        state_of.setdefault((by_name[division_name], ("p", product)), WhitespaceState.OPPORTUNITY)
    product_names = {product_id: name for name, product_id in world.products.items()}
    for opp in draft.opportunities:
        if opp["status"] != OpportunityStatus.OPEN or opp["division_id"] is None:
            continue
        for key in (
            ("p", product_names.get(opp["product_id"])),
            ("g", opp["geography_id"]),
        ):
            if key[1] is not None:
                state_of.setdefault((opp["division_id"], key), WhitespaceState.OPPORTUNITY)

    def other() -> WhitespaceState:
        return WhitespaceState.OPPORTUNITY if rng.random() < 0.02 else WhitespaceState.NOT_RELEVANT

    product_cells: dict[tuple[int, str], WhitespaceState] = {}
    geography_cells: dict[tuple[int, int], WhitespaceState] = {}
    for division in draft.divisions:
        for product in world.products:
            product_cells[(division["id"], product)] = (
                state_of.get((division["id"], ("p", product))) or other()
            )
        for geography in draft.geographies:
            home = division["geography_id"]
            state = state_of.get((division["id"], ("g", geography["id"])))
            if state is None:
                state = (
                    WhitespaceState.NOT_RELEVANT if home and home != geography["id"] else other()
                )
            geography_cells[(division["id"], geography["id"])] = state
    fit_targets(draft, list(world.products), product_cells, geography_cells)
    for (division_id, product), state in product_cells.items():
        world.writer.add(
            WhitespaceCell,
            account_id=draft.id,
            division_id=division_id,
            product_id=world.products[product],
            geography_id=None,
            state=state,
        )
    for (division_id, geography_id), state in geography_cells.items():
        world.writer.add(
            WhitespaceCell,
            account_id=draft.id,
            division_id=division_id,
            product_id=None,
            geography_id=geography_id,
            state=state,
        )


NR = WhitespaceState.NOT_RELEVANT


def fit_targets(
    draft: AccountDraft,
    products: list[str],
    product_cells: dict[tuple[int, str], WhitespaceState],
    geography_cells: dict[tuple[int, int], WhitespaceState],
) -> None:
    """The plan's targets and the grid tell one story: a divisions, products or geographies
    target counts only what the grid leaves relevant, so a target larger than that drops to
    it (never below the current value)."""

    def relevant_divisions() -> int:
        kept = {d for (d, _), s in product_cells.items() if s != NR}
        kept |= {d for (d, _), s in geography_cells.items() if s != NR}
        return len(kept)

    relevant = {
        Dimension.DIVISIONS: relevant_divisions(),
        Dimension.FUNCTIONALITY: len({p for (_, p), s in product_cells.items() if s != NR}),
        Dimension.GEOGRAPHIES: len({g for (_, g), s in geography_cells.items() if s != NR}),
    }
    for dimension, count in relevant.items():
        plan = draft.plans.get(dimension)
        if plan is None or not plan["applies"] or plan["target"] is None:
            continue
        if plan["target"] > count:
            plan["target"] = float(max(plan["current"] or 0, count))
