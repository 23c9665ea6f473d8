"""The org chart layout: no overlapping cards, reports below managers, siblings side by
side, several roots, loops survived, pins honoured; random forests up to 300 people."""

from __future__ import annotations

import itertools
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from cs_planner.domain.relationships.layout import Spacing, bounds, forest, layout

SPACING = Spacing()


def random_forest(size: int, seed: int, roots: int = 1) -> list[tuple[int, int | None]]:
    rng = random.Random(seed)
    nodes: list[tuple[int, int | None]] = []
    for n in range(size):
        parent = None if n < roots else rng.randrange(n)
        nodes.append((n, parent))
    rng.shuffle(nodes)  # managers need not come first
    return nodes


def assert_tidy(nodes: list[tuple[int, int | None]], positions: dict) -> None:
    assert set(positions) == {n for n, _ in nodes}
    w, h = SPACING.card_width, SPACING.card_height
    items = sorted(positions.items(), key=lambda kv: (kv[1][1], kv[1][0]))
    # No two cards overlap (cards in one row are sorted by x; rows never overlap).
    for (_a, (ax, ay)), (_b, (bx, by)) in itertools.pairwise(items):
        if ay == by:
            assert bx - ax >= w + SPACING.sibling_gap - 1e-6
    rows = {y for _, (_x, y) in items}
    for y1 in rows:
        for y2 in rows:
            assert y1 == y2 or abs(y1 - y2) >= h
    known = dict(nodes)
    for node, parent in nodes:
        if parent is not None and parent in known:
            # Every report one row below its manager.
            assert positions[node][1] == positions[parent][1] + SPACING.row_height


def test_single_person_sits_at_the_origin() -> None:
    assert layout([(7, None)]) == {7: (0.0, 0.0)}


def test_empty_chart() -> None:
    assert layout([]) == {}
    assert bounds({}) == (0.0, 0.0, 0.0, 0.0)


def test_manager_is_centred_over_reports_and_siblings_keep_their_order() -> None:
    positions = layout([(1, None), (2, 1), (3, 1), (4, 1)])
    xs = [positions[n][0] for n in (2, 3, 4)]
    assert xs == sorted(xs)
    assert positions[1][0] == (xs[0] + xs[-1]) / 2
    assert {positions[n][1] for n in (2, 3, 4)} == {SPACING.row_height}


def test_several_roots_are_separate_charts_side_by_side() -> None:
    positions = layout([(1, None), (2, 1), (3, 1), (9, None)])
    right_of_first = max(positions[n][0] for n in (1, 2, 3)) + SPACING.card_width
    assert positions[9][0] >= right_of_first + SPACING.root_gap - 1e-6
    assert positions[9][1] == 0


def test_a_narrow_subtree_tucks_under_a_wide_neighbour() -> None:
    # 2 has a deep chain; 3 is a leaf: 3 sits next to 2, not beyond 2's whole subtree.
    nodes = [(1, None), (2, 1), (3, 1), (4, 2), (5, 4), (6, 2)]
    positions = layout(nodes)
    assert_tidy(nodes, positions)
    assert positions[3][0] - positions[2][0] <= 2 * (SPACING.card_width + SPACING.sibling_gap)


def test_a_loop_or_an_unknown_manager_still_shows_everyone_once() -> None:
    nodes = [(1, 2), (2, 3), (3, 1), (4, 99), (5, 4)]
    roots, children = forest(nodes)
    assert 4 in roots
    assert sum(len(c) for c in children.values()) + len(roots) == 5
    positions = layout(nodes)
    assert len(positions) == 5


def test_pinned_cards_keep_their_position() -> None:
    positions = layout([(1, None), (2, 1), (3, 1)], pinned={2: (900.0, -40.0), 77: (1, 1)})
    assert positions[2] == (900.0, -40.0)
    assert 77 not in positions


def test_three_hundred_people_in_a_wide_organisation() -> None:
    for seed in range(5):
        nodes = random_forest(300, seed, roots=3)
        positions = layout(nodes)
        assert_tidy(nodes, positions)
        left, top, right, bottom = bounds(positions)
        assert left == 0 and top == 0 and right > 0 and bottom > 0


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 120), st.integers(0, 10_000), st.integers(1, 4))
def test_random_forests_are_tidy(size: int, seed: int, roots: int) -> None:
    nodes = random_forest(size, seed, roots=min(roots, size))
    assert_tidy(nodes, layout(nodes))


def test_a_deep_chain_and_a_broom_lay_out_in_one_pass() -> None:
    # A chain of 5,000 (each person under the previous one) stacks straight down; with a
    # second report for each of them, that report sits to the right of the chain's next
    # person and each manager is centred over the two.
    spacing = Spacing()
    chain = [(n, n - 1 if n else None) for n in range(5000)]
    places = layout(chain, spacing)
    assert {x for x, _ in places.values()} == {0.0}
    assert places[4999][1] == 4999 * spacing.row_height
    broom = chain + [(5000 + n, n) for n in range(5000)]
    places = layout(broom, spacing)
    step = spacing.card_width + spacing.sibling_gap
    assert all(places[5000 + n][0] - places[n + 1][0] == step for n in range(4999))
    assert all(places[n][0] - places[n + 1][0] == step / 2 for n in range(4999))
