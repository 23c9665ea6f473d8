"""The org chart layout: no overlapping cards, reports below managers, sub-managers side by
side, leaves stacked in short columns, several roots, loops survived, pins honoured;
random forests up to 300 people."""

from __future__ import annotations

import itertools
import math
import random
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from cs_planner.domain.relationships.layout import (
    Chart,
    Spacing,
    _chart,
    _unwrapped_fit_at_most,
    bounds,
    chart,
    forest,
    layout,
    route,
)

SPACING = Spacing()
W, H = SPACING.card_width, SPACING.card_height


def random_forest(size: int, seed: int, roots: int = 1) -> list[tuple[int, int | None]]:
    rng = random.Random(seed)
    nodes: list[tuple[int, int | None]] = []
    for n in range(size):
        parent = None if n < roots else rng.randrange(n)
        nodes.append((n, parent))
    rng.shuffle(nodes)  # managers need not come first
    return nodes


def org(vps: int, directors: int, leaves: list[int]) -> list[tuple[int, int | None]]:
    """A CEO, ``vps`` VPs with ``directors`` directors each, and the directors' reports
    (the n-th director has ``leaves[n % len(leaves)]``)."""
    nodes: list[tuple[int, int | None]] = [(0, None)]
    for v in range(vps):
        vp = len(nodes)
        nodes.append((vp, 0))
        for d in range(directors):
            director = len(nodes)
            nodes.append((director, vp))
            count = leaves[(v * directors + d) % len(leaves)]
            nodes.extend((director + 1 + n, director) for n in range(count))
    return nodes


def overlapping(positions: dict[int, tuple[float, float]]) -> list[tuple[int, int]]:
    """Pairs of cards closer than the smallest gap, by a sweep along x."""
    gap = min(SPACING.sibling_gap, SPACING.stack_gap) - 1e-6
    items = sorted(positions.items(), key=lambda kv: kv[1][0])
    out = []
    for i, (a, (ax, ay)) in enumerate(items):
        for b, (bx, by) in items[i + 1 :]:
            if bx >= ax + W + gap:
                break
            if abs(by - ay) < H + gap:
                out.append((a, b))
    return out


def assert_tidy(nodes: list[tuple[int, int | None]], positions: dict) -> None:
    assert set(positions) == {n for n, _ in nodes}
    assert overlapping(positions) == []
    known = dict(nodes)
    for node, parent in nodes:
        if parent is not None and parent in known:
            # Every report below its manager, clear of the manager's card.
            assert positions[node][1] >= positions[parent][1] + SPACING.row_height


def crossings(nodes: list[tuple[int, int | None]], drawn: Chart[int]) -> list[tuple[int, int]]:
    """(report, card) pairs where the report's line runs through a card other than its
    manager's and its own (lines are vertical and horizontal segments)."""
    positions, stacked = drawn.positions, drawn.stacked
    out = []
    for node, parent in nodes:
        if parent is None or parent not in positions:
            continue
        points = route(
            positions[parent], positions[node], node in stacked, wrap=drawn.wrapped.get(node)
        )
        for (x1, y1), (x2, y2) in itertools.pairwise(points):
            lo_x, hi_x, lo_y, hi_y = min(x1, x2), max(x1, x2), min(y1, y2), max(y1, y2)
            for other, (cx, cy) in positions.items():
                if other in (node, parent):
                    continue
                if lo_x < cx + W - 1 and hi_x > cx + 1 and lo_y < cy + H - 1 and hi_y > cy + 1:
                    out.append((node, other))
    return out


def test_single_person_sits_at_the_origin() -> None:
    assert layout([(7, None)]) == {7: (0.0, 0.0)}


def test_empty_chart() -> None:
    assert layout([]) == {}
    assert bounds({}) == (0.0, 0.0, 0.0, 0.0)


def test_sub_managers_sit_side_by_side_with_their_manager_centred_over_them() -> None:
    nodes = [(1, None), (2, 1), (3, 1), (4, 1), (5, 2), (6, 3), (7, 4)]
    positions = layout(nodes)
    xs = [positions[n][0] for n in (2, 3, 4)]
    assert xs == sorted(xs)
    assert positions[1][0] == (xs[0] + xs[-1]) / 2
    assert {positions[n][1] for n in (2, 3, 4)} == {SPACING.row_height}


def test_a_manager_with_fourteen_leaves_makes_a_compact_block() -> None:
    nodes: list[tuple[int, int | None]] = [(0, None), *((n, 0) for n in range(1, 15))]
    drawn = chart(nodes)
    positions = drawn.positions
    assert_tidy(nodes, positions)
    assert drawn.stacked == frozenset(range(1, 15))
    left, _top, right, _bottom = bounds(positions)
    assert right - left <= 4 * W  # three short columns, not a fourteen-card row
    columns: dict[float, list[int]] = {}
    for n in range(1, 15):
        columns.setdefault(positions[n][0], []).append(n)
    assert sorted(len(c) for c in columns.values()) == [4, 5, 5]
    # Read down each column, then across; each column hangs right of its spine.
    for xs in columns.values():
        ys = [positions[n][1] for n in xs]
        assert ys == sorted(ys)
    assert [columns[x][0] for x in sorted(columns)] == [1, 6, 11]
    assert min(columns) - SPACING.stack_indent == positions[0][0] + W / 2 - (
        (max(columns) - min(columns)) / 2
    )
    assert crossings(nodes, drawn) == []


def test_leaves_are_stacked_beside_sub_managers_and_a_single_report_stays_below() -> None:
    nodes = [(1, None), (2, 1), (3, 1), (4, 1), (5, 2), (6, 5)]
    drawn = chart(nodes)
    assert drawn.stacked == {3, 4}
    p = drawn.positions
    assert p[3][0] == p[4][0] > p[2][0] + W  # one column, right of the sub-manager
    assert p[4][1] == p[3][1] + SPACING.stack_pitch
    assert p[5][0] == p[2][0] and p[6][0] == p[5][0]  # a chain stays straight
    assert_tidy(nodes, p)
    assert crossings(nodes, drawn) == []


def test_routes_run_from_the_manager_into_the_report() -> None:
    normal = route((0, 0), (300, SPACING.row_height), stacked=False)
    assert normal[0] == (W / 2, H) and normal[-1] == (300 + W / 2, SPACING.row_height)
    assert normal[1][1] == normal[2][1] == H + SPACING.level_gap / 2
    side = route((0, 0), (W / 2 + 28, 400), stacked=True)
    assert side[0] == (W / 2, H)
    assert side[-1] == (W / 2 + 28, 400 + H / 2)  # into the card's left edge
    assert side[-2][0] == side[-1][0] - SPACING.stack_indent  # down the spine


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
        drawn = chart(nodes)
        assert_tidy(nodes, drawn.positions)
        assert crossings(nodes, drawn) == []
        left, top, right, bottom = bounds(drawn.positions)
        # From 0, but for the room left of a wrapped manager's rows for their spine.
        assert 0 <= left <= 2 * SPACING.spine_gap and top == 0 and right > 0 and bottom > 0


def test_large_orgs_have_more_than_one_row_of_leaves_and_a_screen_like_shape() -> None:
    for nodes in (org(5, 2, [4, 5, 4, 5]), org(6, 4, [7, 8, 6, 7, 5, 9])):
        drawn = chart(nodes)
        assert_tidy(nodes, drawn.positions)
        assert crossings(nodes, drawn) == []
        leaf_rows = {drawn.positions[n][1] for n in drawn.stacked}
        assert len(leaf_rows) >= 5
        left, top, right, bottom = bounds(drawn.positions)
        # The old one-row layout was 17 (60 people) and 65 (200 people) times wider than tall.
        assert (right - left) / (bottom - top) < 10


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 120), st.integers(0, 10_000), st.integers(1, 4))
def test_random_forests_are_tidy(size: int, seed: int, roots: int) -> None:
    nodes = random_forest(size, seed, roots=min(roots, size))
    drawn = chart(nodes)
    assert_tidy(nodes, drawn.positions)
    assert crossings(nodes, drawn) == []
    assert chart(nodes) == drawn  # deterministic


def test_a_deep_chain_and_a_broom_lay_out_in_one_pass() -> None:
    # A chain of 5,000 (each person under the previous one) stacks straight down; with a
    # leaf report for each of them, that report hangs beside the chain's next person and
    # each manager is centred over the line to the two.
    spacing = Spacing()
    chain = [(n, n - 1 if n else None) for n in range(5000)]
    places = layout(chain, spacing)
    assert {x for x, _ in places.values()} == {0.0}
    assert places[4999][1] == 4999 * spacing.row_height
    broom = chain + [(5000 + n, n) for n in range(5000)]
    places = layout(broom, spacing)
    step = spacing.card_width + spacing.sibling_gap
    spine = step + spacing.spine_gap  # the leaf's spine, right of the next person
    beside = spine + spacing.stack_indent
    assert all(places[5000 + n][0] - places[n + 1][0] == beside for n in range(4999))
    assert all(places[5000 + n][1] == places[n + 1][1] for n in range(4999))
    centre = (spine - spacing.card_width / 2) / 2  # midway over report and spine
    assert all(places[n][0] - places[n + 1][0] == centre for n in range(4999))


def test_a_large_organisation_wraps_into_rows_a_screen_wide() -> None:
    # 199 people: a CEO, six VPs with four directors each, and their teams. Side by side
    # they made a chart ten thousand units wide (at a 1920-pixel width, card text of 2 px).
    nodes = org(6, 4, [7, 8, 6, 7, 5, 9])
    drawn = chart(nodes)
    assert_tidy(nodes, drawn.positions)
    assert crossings(nodes, drawn) == []
    left, _, right, _ = bounds(drawn.positions)
    assert right - left <= SPACING.wrap_width  # fits 1920 pixels at its natural size
    assert drawn.wrapped  # some managers' reports go on in a second row
    leaf_rows = {drawn.positions[n][1] for n in drawn.stacked}
    assert len(leaf_rows) > SPACING.stack  # leaves in more than one band of columns
    for report, (dx, dy) in drawn.wrapped.items():  # each later row hangs below its bus
        manager = dict(nodes)[report]
        assert drawn.positions[report][1] > drawn.positions[manager][1] + dy
        assert drawn.positions[manager][0] + dx < drawn.positions[report][0]


def test_small_organisations_do_not_wrap() -> None:
    for nodes in (org(3, 2, [3, 4]), random_forest(25, 1)):
        assert chart(nodes).wrapped == {}


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 300), st.integers(0, 10_000), st.integers(1, 3), st.integers(0, 3))
def test_a_chart_read_only_wrapped_is_laid_out_once_and_the_same(
    size: int, seed: int, roots: int, pins: int
) -> None:
    """``chart`` skips the side-by-side layout when its rows alone show it too large to
    read whole. The bound from the rows is never below the real side-by-side fit (so the
    skipped layout could never have been kept), and a skipped chart is the wrapped one."""
    nodes = random_forest(size, seed, roots=min(roots, size))
    rng = random.Random(seed)
    pinned = {n: (rng.uniform(-500, 4000), rng.uniform(-500, 4000)) for n, _ in nodes[:pins]}
    side_by_side = _chart(nodes, replace(SPACING, wrap_width=math.inf), pinned)
    left, top, right, bottom = bounds(side_by_side.positions)
    fit = min(SPACING.screen[0] / (right - left), SPACING.screen[1] / (bottom - top))
    bound = _unwrapped_fit_at_most(nodes, SPACING, pinned)
    assert fit <= bound + 1e-9
    if bound < SPACING.readable_scale:
        assert chart(nodes, SPACING, pinned) == _chart(nodes, SPACING, pinned)
