"""A top-down org chart layout (pure: no Qt, no database), linear in the number of people.

The rule: a manager's reports that have reports of their own sit one row below it, side by
side in the given order, packed as close as their *contours* allow (the Reingold-Tilford
idea: a narrow deep subtree tucks under a wide shallow neighbour's empty space). Reports
with no reports of their own (leaves) are *stacked*: they hang in columns of at most
``Spacing.stack`` cards, to the right of a vertical spine, beside the sub-managers (a
manager whose only report is a leaf keeps it straight below). So a manager with fourteen
leaves makes a block of three short columns instead of a fourteen-card row, and a large
organisation grows down as well as across. Managers are centred over their reports'
lines (a column's line is its spine); several roots are separate charts side by side.
Positions are the top-left corners of equally sized cards."""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Spacing:
    card_width: float = 200.0
    card_height: float = 92.0
    sibling_gap: float = 24.0  # between cards in the same row
    root_gap: float = 60.0  # between separate org charts (several roots)
    level_gap: float = 56.0  # between a row of managers and their reports
    stack: int = 6  # at most this many stacked leaves in a column
    stack_gap: float = 14.0  # between stacked cards in a column
    stack_indent: float = 16.0  # from a column's spine to its cards' left edge
    spine_gap: float = 16.0  # kept clear left of a column's spine, so it reads as that column's
    # A manager's reports wider than this side by side go on in more rows below (see
    # ``chart``: the width that shows the whole chart largest on a screen, or this one).
    wrap_width: float = 1800.0
    screen: tuple[float, float] = (1920.0, 1080.0)  # what "fits" means when choosing
    readable_scale: float = 0.6  # a fitted chart drawn smaller than this is not read whole

    @property
    def row_height(self) -> float:
        return self.card_height + self.level_gap

    @property
    def stack_pitch(self) -> float:
        return self.card_height + self.stack_gap


@dataclass(frozen=True)
class Chart(Generic[K]):
    """A laid-out chart: each card's top-left corner, the reports drawn stacked (their
    line runs down a spine left of the card and into its left edge) and the reports in a
    manager's second or later row (``wrapped``: their line runs down a spine left of the
    rows, at ``dx`` from the manager's left edge, to their row's bus at ``dy`` below the
    manager's top)."""

    positions: dict[K, tuple[float, float]]
    stacked: frozenset[K]
    wrapped: dict[K, tuple[float, float]] = field(default_factory=dict)


def forest(nodes: Sequence[tuple[K, K | None]]) -> tuple[list[K], dict[K, list[K]]]:
    """Roots and children (input order kept) of ``(id, parent_id)`` pairs.

    A node whose parent is unknown is a root; a node inside a loop (which the database
    refuses, but a layout must never hang on) becomes a root, so everyone is shown once."""
    known = {node for node, _ in nodes}
    parent = {node: (p if p in known and p != node else None) for node, p in nodes}
    # Break loops: walk up from each node; a walk that revisits its own path is a loop.
    state: dict[K, int] = {}  # 1: on the current path, 2: done
    for start, _ in nodes:
        path: list[K] = []
        node: K | None = start
        while node is not None and state.get(node) is None:
            state[node] = 1
            path.append(node)
            node = parent[node]
        if node is not None and state.get(node) == 1:
            parent[node] = None  # cut the loop at the node where it closed
        for visited in path:
            state[visited] = 2
    roots = [node for node, _ in nodes if parent[node] is None]
    children: dict[K, list[K]] = {node: [] for node, _ in nodes}
    for node, _ in nodes:
        manager = parent[node]
        if manager is not None:
            children[manager].append(node)
    return roots, children


def _post_order(roots: list[K], children: Mapping[K, list[K]]) -> list[K]:
    out: list[K] = []
    stack: list[tuple[K, bool]] = [(r, False) for r in reversed(roots)]
    while stack:
        node, expanded = stack.pop()
        if expanded:
            out.append(node)
            continue
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(children[node]))
    return out


def layout(
    nodes: Sequence[tuple[K, K | None]],
    spacing: Spacing = Spacing(),
    pinned: Mapping[K, tuple[float, float]] | None = None,
) -> dict[K, tuple[float, float]]:
    """Top-left ``(x, y)`` of each node's card (see ``chart``)."""
    return chart(nodes, spacing, pinned).positions


# Widths tried for a manager's rows, as multiples of ``Spacing.wrap_width``: side by side
# first (most charts are kept so), then a screen wide. (A width between the two found no
# chart of the tests or the demo better, at the cost of a third layout.)
WRAPS = (math.inf, 1.0)


def chart(
    nodes: Sequence[tuple[K, K | None]],
    spacing: Spacing = Spacing(),
    pinned: Mapping[K, tuple[float, float]] | None = None,
) -> Chart[K]:
    """The chart of ``(id, manager_id)`` pairs; ``pinned`` positions are used as given.

    Laid out with up to two row widths (``WRAPS``); kept: the one that shows the whole
    chart largest on ``spacing.screen`` while that is readable (``readable_scale``), else
    the narrowest, a screen wide at its natural size, read by scrolling down. Each layout
    is linear in the number of nodes; a chart whose rows alone show it too large to read
    side by side (a large organisation) is laid out once, a screen wide."""
    if not nodes:
        return Chart({}, frozenset())
    if _unwrapped_fit_at_most(nodes, spacing, pinned) < spacing.readable_scale:
        return _chart(nodes, spacing, pinned)  # side by side could not be kept
    tried = []
    for factor in WRAPS:
        drawn = _chart(nodes, replace(spacing, wrap_width=spacing.wrap_width * factor), pinned)
        left, top, right, bottom = bounds(drawn.positions, spacing)
        fit = min(spacing.screen[0] / (right - left), spacing.screen[1] / (bottom - top))
        tried.append((fit, drawn))
        if fit >= spacing.readable_scale and factor == math.inf:
            return drawn  # side by side, the whole chart reads on a screen
        if factor == 1.0 and not drawn.wrapped:
            return drawn  # nothing is wider than a screen: no row to wrap
    fit, best = max(tried, key=lambda t: t[0])
    return best if fit >= spacing.readable_scale else tried[1][1]


def _unwrapped_fit_at_most(
    nodes: Sequence[tuple[K, K | None]],
    spacing: Spacing,
    pinned: Mapping[K, tuple[float, float]] | None,
) -> float:
    """At most the scale that fits the side-by-side layout on ``spacing.screen``, from the
    rows alone (no contour): side by side, a card's row follows from the tree (a report one
    row below its manager, a stacked leaf further down its column), so the chart's height
    is known, and the cards of one row never overlap, so it is at least their widths wide."""
    roots, children = forest(nodes)
    pinned = pinned or {}
    rows: dict[float, int] = {}  # the cards laid out at each height
    ys: list[float] = []
    stack = [(root, 0.0) for root in roots]
    while stack:
        node, y = stack.pop()
        kids = children[node]
        leaves = [kid for kid in kids if not children[kid]] if len(kids) > 1 else []
        for column in _columns(leaves, spacing.stack):
            stack += [
                (leaf, y + spacing.row_height + n * spacing.stack_pitch)
                for n, leaf in enumerate(column)
            ]
        stack += [(kid, y + spacing.row_height) for kid in kids if not leaves or children[kid]]
        ys.append(float(pinned[node][1]) if node in pinned else y)
        if node not in pinned:
            rows[y] = rows.get(y, 0) + 1
    height = max(ys) - min(ys) + spacing.card_height
    width = max(rows.values(), default=1) * spacing.card_width
    return min(spacing.screen[0] / width, spacing.screen[1] / height)


def _chart(
    nodes: Sequence[tuple[K, K | None]],
    spacing: Spacing,
    pinned: Mapping[K, tuple[float, float]] | None,
) -> Chart[K]:
    """One layout, with ``spacing.wrap_width`` as the rows' width. Linear in the number
    of nodes: each report's place is kept relative to its manager and contours are merged
    in place, the shorter into the taller."""
    roots, children = forest(nodes)
    width = spacing.card_width
    shift: dict[K, float] = {}  # a report's x relative to its manager's
    drop: dict[K, float] = {}  # a report's y relative to its manager's
    stacked: set[K] = set()
    wrapped: dict[K, tuple[float, float]] = {}
    contour: dict[K, _Contour] = {}
    for node in _post_order(roots, children):
        kids = children[node]
        if not kids:
            contour[node] = _Contour([0.0], [width])
            continue
        leaves = [kid for kid in kids if not children[kid]] if len(kids) > 1 else []
        managers = [kid for kid in kids if children[kid]] if leaves else kids
        columns = _columns(leaves, spacing.stack)
        parts = [contour.pop(kid) for kid in managers]
        parts += [_stack_contour(column, spacing) for column in columns]
        for leaf in leaves:
            del contour[leaf]
        offsets, depths, first, merged = _place(parts, spacing)
        # Centre the manager over the first row's first and last line down (a column's
        # is its spine).
        anchors = [o + width / 2 for o in offsets[: min(first, len(managers))]]
        anchors += offsets[len(managers) : max(first, len(managers))]
        left = (anchors[0] + anchors[-1]) / 2 - width / 2  # the manager's left edge
        bus = [spacing.row_height * (1 + depth) - spacing.level_gap / 2 for depth in depths]
        via = -spacing.spine_gap - left
        for n, (kid, offset) in enumerate(zip(managers, offsets, strict=False)):
            shift[kid] = offset - left
            drop[kid] = spacing.row_height * (1 + depths[n])
            if n >= first:
                wrapped[kid] = (via, bus[n])
        for n, (column, offset) in enumerate(zip(columns, offsets[len(managers) :], strict=True)):
            depth = depths[len(managers) + n]
            for row, leaf in enumerate(column):
                shift[leaf] = offset + spacing.stack_indent - left
                drop[leaf] = spacing.row_height * (1 + depth) + row * spacing.stack_pitch
                stacked.add(leaf)
                if len(managers) + n >= first:
                    wrapped[leaf] = (via, bus[len(managers) + n])
        merged.shift -= left
        merged.add_row(0.0, width)
        contour[node] = merged
    # Separate charts side by side without interleaving (a root tucked above another
    # chart's reports would read as their manager), then moved so the chart starts at 0.
    extents = [contour[r].extent() for r in roots]
    offsets, _ = _pack([_Contour([lo], [hi]) for lo, hi in extents], spacing.root_gap)
    start = min(offset + lo for offset, (lo, _) in zip(offsets, extents, strict=True))
    result: dict[K, tuple[float, float]] = {}
    stack = [(r, offset - start, 0.0) for r, offset in zip(roots, offsets, strict=True)]
    while stack:
        node, x, y = stack.pop()
        result[node] = (x, y)
        stack.extend((kid, x + shift[kid], y + drop[kid]) for kid in children[node])
    for node, point in (pinned or {}).items():
        if node in result:
            result[node] = (float(point[0]), float(point[1]))
    return Chart(result, frozenset(stacked), wrapped)


def _place(parts: list[_Contour], spacing: Spacing) -> tuple[list[float], list[int], int, _Contour]:
    """Place a manager's reports' contours: side by side, or when that is wider than
    ``spacing.wrap_width``, in rows of that width one under the other, left-aligned, with
    room on the left for the spine down to the later rows. Returns each part's x offset,
    its row's depth below the first (in rows of the chart), how many parts the first row
    holds and the combined contour (made from theirs, which it consumes)."""
    gap = spacing.sibling_gap
    widths = [p.extent()[1] - p.extent()[0] for p in parts]
    if len(parts) <= 2 or sum(widths) + gap * (len(parts) - 1) <= spacing.wrap_width:
        offsets, merged = _pack(parts, gap)
        return offsets, [0] * len(parts), len(parts), merged
    rows: list[list[int]] = [[]]
    used = 0.0
    for n, w in enumerate(widths):
        if rows[-1] and used + gap + w > spacing.wrap_width:
            rows.append([])
            used = 0.0
        used += (gap if rows[-1] else 0.0) + w
        rows[-1].append(n)
    offsets = [0.0] * len(parts)
    depths = [0] * len(parts)
    lefts: list[float] = []  # the combined contour, top row first
    rights: list[float] = []
    for members in rows:
        placed, merged = _pack([parts[n] for n in members], gap)
        lo = merged.extent()[0]
        for n, offset in zip(members, placed, strict=True):
            offsets[n], depths[n] = offset - lo, len(lefts)
        merged.shift -= lo
        lefts += [merged.lo(d) for d in range(len(merged))]
        rights += [merged.hi(d) for d in range(len(merged))]
    spine = -2 * spacing.spine_gap  # the later rows' spine runs down at -spine_gap
    lefts = [min(x, spine) for x in lefts]
    return offsets, depths, len(rows[0]), _Contour(lefts[::-1], rights[::-1])


def _columns(leaves: list[K], most: int) -> list[list[K]]:
    """Leaves in as few columns of at most ``most`` as will do, as even as can be, read
    down each column then across."""
    if not leaves:
        return []
    count = -(-len(leaves) // max(most, 1))
    tall = -(-len(leaves) // count)
    return [leaves[n : n + tall] for n in range(0, len(leaves), tall)]


def _stack_contour(column: list[K], spacing: Spacing) -> _Contour:
    """A column of stacked cards as a subtree's contour: from a little left of its spine
    (at 0) to its cards' right edge, in every row a neighbour's card or the lines above
    it (in the level gap) would meet the column."""
    bottom = len(column) * spacing.stack_pitch - spacing.stack_gap
    bands = max(1, math.ceil((bottom + spacing.level_gap) / spacing.row_height - 1e-9))
    left, right = -spacing.spine_gap, spacing.stack_indent + spacing.card_width
    return _Contour([left] * bands, [right] * bands)


class _Contour:
    """A subtree's leftmost and rightmost card edge at each depth below its root, stored
    deepest first (a manager adds its own row at the end) and relative to ``shift`` (a
    whole subtree moves by changing one number)."""

    __slots__ = ("left", "right", "shift")

    def __init__(self, left: list[float], right: list[float], shift: float = 0.0) -> None:
        self.left, self.right, self.shift = left, right, shift

    def __len__(self) -> int:
        return len(self.left)

    def lo(self, depth: int) -> float:
        return self.left[-1 - depth] + self.shift

    def hi(self, depth: int) -> float:
        return self.right[-1 - depth] + self.shift

    def add_row(self, lo: float, hi: float) -> None:
        """A row above the others (the manager's), at ``lo``..``hi``."""
        self.left.append(lo - self.shift)
        self.right.append(hi - self.shift)

    def absorb(self, other: _Contour) -> None:
        """Widen to cover ``other`` (no taller than this one) at each of its depths."""
        for depth in range(len(other)):
            at = -1 - depth
            self.left[at] = min(self.lo(depth), other.lo(depth)) - self.shift
            self.right[at] = max(self.hi(depth), other.hi(depth)) - self.shift

    def extent(self) -> tuple[float, float]:
        return min(self.left) + self.shift, max(self.right) + self.shift


def _pack(contours: list[_Contour], gap: float) -> tuple[list[float], _Contour]:
    """Place subtrees left to right as close as their contours allow; returns each one's
    offset and the combined contour (made from theirs, which it consumes)."""
    merged = contours[0]
    offsets = [0.0]
    for kid in contours[1:]:
        common = min(len(kid), len(merged))
        offset = max(merged.hi(d) + gap - kid.lo(d) for d in range(common))
        offsets.append(offset)
        kid.shift += offset
        if len(kid) > len(merged):
            merged, kid = kid, merged
        merged.absorb(kid)  # costs the shorter one's height: linear over the whole tree
    return offsets, merged


def bounds(
    positions: Mapping[K, tuple[float, float]], spacing: Spacing = Spacing()
) -> tuple[float, float, float, float]:
    """``(left, top, right, bottom)`` around all cards (zeros when there are none)."""
    if not positions:
        return (0.0, 0.0, 0.0, 0.0)
    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]
    return (
        min(xs),
        min(ys),
        max(xs) + spacing.card_width,
        max(ys) + spacing.card_height,
    )


def route(
    manager: tuple[float, float],
    report: tuple[float, float],
    stacked: bool,
    spacing: Spacing = Spacing(),
    wrap: tuple[float, float] | None = None,
) -> list[tuple[float, float]]:
    """The reports-to line from a manager's card to a report's, as the corners of a path
    (top-left card corners given). An org chart's elbow: down from the manager to the
    middle of the level gap, across, then down into the report's top; a stacked report's
    line goes across to its column's spine instead, down the spine and into the card's
    left edge. A report in a later row (``wrap``, from ``Chart.wrapped``) is reached down
    the rows' spine first, then along its own row's bus."""
    w, h = spacing.card_width, spacing.card_height
    top = (manager[0] + w / 2, manager[1] + h)
    if report[1] > top[1]:
        bus = top[1] + min(spacing.level_gap, report[1] - top[1]) / 2
    else:
        bus = top[1] + 16  # a report dragged up beside or above its manager
    path = [top, (top[0], bus)]
    if wrap is not None and report[1] > manager[1] + wrap[1]:
        via, bus = manager[0] + wrap[0], manager[1] + wrap[1]
        path += [(via, path[-1][1]), (via, bus)]
    if stacked:
        spine, middle = report[0] - spacing.stack_indent, report[1] + h / 2
        return [*path, (spine, bus), (spine, middle), (report[0], middle)]
    bottom = (report[0] + w / 2, report[1])
    return [*path, (bottom[0], bus), bottom]
