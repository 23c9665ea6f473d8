"""The chart laid out to fit a screen (workshop mode): of the shapes tried, the one shown
largest; better than the working map's own choice when that does not fit."""

from __future__ import annotations

from dataclasses import replace

from cs_planner.domain.relationships.fitting import fitted, scale_to_fit
from cs_planner.domain.relationships.layout import Spacing, bounds, chart

ROOM = replace(
    Spacing(), card_width=240.0, card_height=52.0, sibling_gap=16.0, level_gap=30.0,
    stack_gap=6.0, spine_gap=12.0, screen=(2100.0, 1020.0),
)  # fmt: skip


def sixty() -> list[tuple[int, int | None]]:
    """A CEO, 6 VPs with 2 directors each, 41 staff under the directors."""
    nodes: list[tuple[int, int | None]] = [(0, None)]
    staff = 41
    for v in range(6):
        vp = len(nodes)
        nodes.append((vp, 0))
        for d in range(2):
            director = len(nodes)
            nodes.append((director, vp))
            for _ in range(4 if (v * 2 + d) % 3 else 3):
                if staff:
                    nodes.append((len(nodes), director))
                    staff -= 1
    return nodes


def overlaps(positions: dict[int, tuple[float, float]], spacing: Spacing) -> int:
    cards = list(positions.values())
    w, h = spacing.card_width, spacing.card_height
    return sum(
        1
        for n, (x, y) in enumerate(cards)
        for (u, v) in cards[n + 1 :]
        if abs(x - u) < w and abs(y - v) < h
    )


def test_sixty_people_fit_the_room_screen_whole_at_full_size() -> None:
    nodes = sixty()
    assert len(nodes) == 60
    drawn = fitted(nodes, ROOM)
    assert set(drawn.positions) == {n for n, _ in nodes}
    assert overlaps(drawn.positions, ROOM) == 0
    assert scale_to_fit(drawn, ROOM) >= 1.0  # the whole chart at the zoom chosen for it
    left, top, right, bottom = bounds(drawn.positions, ROOM)
    assert right - left <= ROOM.screen[0] and bottom - top <= ROOM.screen[1]
    # The working map's own rule (side by side, or rows a screen wide) does not fit it.
    assert scale_to_fit(chart(nodes, ROOM), ROOM) < 1.0


def test_a_small_screen_gets_the_shape_shown_largest_not_one_endless_row() -> None:
    small = replace(ROOM, screen=(1460.0, 660.0))  # a 1366x768 window at the same zoom
    drawn = fitted(sixty(), small)
    left, _, right, _ = bounds(drawn.positions, small)
    assert right - left < 2 * small.screen[0]  # wrapped, not the 3000-unit single row
    assert scale_to_fit(drawn, small) >= 0.65


def test_no_people_no_chart() -> None:
    assert fitted([], ROOM).positions == {}
