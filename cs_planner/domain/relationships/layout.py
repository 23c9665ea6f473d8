"""A tidy top-down org chart layout (pure: no Qt, no database).

Every report sits one row below its manager, siblings side by side in the given order, a
manager centred over its reports, several roots side by side. Subtrees are packed as close
as their *contours* allow (the Reingold-Tilford idea): a narrow deep subtree can tuck
under a wide shallow neighbour's empty space, so charts of a few hundred people stay
compact. Positions are the top-left corners of equally sized cards."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Spacing:
    card_width: float = 200.0
    card_height: float = 92.0
    sibling_gap: float = 24.0  # between cards in the same row
    root_gap: float = 60.0  # between separate org charts (several roots)
    level_gap: float = 56.0  # between a row of managers and their reports

    @property
    def row_height(self) -> float:
        return self.card_height + self.level_gap


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
    """Top-left ``(x, y)`` of each node's card. ``pinned`` positions are used as given.
    Linear in the number of nodes: each report's place is kept relative to its manager
    and contours are merged in place, the shorter into the taller."""
    if not nodes:
        return {}
    roots, children = forest(nodes)
    width = spacing.card_width
    shift: dict[K, float] = {}  # a report's x relative to its manager's
    contour: dict[K, _Contour] = {}
    for node in _post_order(roots, children):
        kids = children[node]
        if not kids:
            contour[node] = _Contour([0.0], [width])
            continue
        offsets, merged = _pack([contour.pop(kid) for kid in kids], spacing.sibling_gap)
        # Centre the manager over the first and last report.
        centre = (offsets[0] + offsets[-1]) / 2
        for kid, offset in zip(kids, offsets, strict=True):
            shift[kid] = offset - centre
        merged.shift -= centre
        merged.add_row(0.0, width)
        contour[node] = merged
    # Separate charts side by side without interleaving (a root tucked above another
    # chart's reports would read as their manager), then moved so the chart starts at 0.
    extents = [contour[r].extent() for r in roots]
    offsets, _ = _pack([_Contour([lo], [hi]) for lo, hi in extents], spacing.root_gap)
    start = min(offset + lo for offset, (lo, _) in zip(offsets, extents, strict=True))
    result: dict[K, tuple[float, float]] = {}
    stack = [(r, offset - start, 0) for r, offset in zip(roots, offsets, strict=True)]
    while stack:
        node, x, depth = stack.pop()
        result[node] = (x, depth * spacing.row_height)
        stack.extend((kid, x + shift[kid], depth + 1) for kid in children[node])
    for node, point in (pinned or {}).items():
        if node in result:
            result[node] = (float(point[0]), float(point[1]))
    return result


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
