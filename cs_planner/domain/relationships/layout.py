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
    """Top-left ``(x, y)`` of each node's card. ``pinned`` positions are used as given."""
    if not nodes:
        return {}
    roots, children = forest(nodes)
    width = spacing.card_width
    # For each subtree: the x of every node relative to the subtree root, and its contour,
    # the leftmost and rightmost card edge at each depth below the root.
    rel: dict[K, dict[K, float]] = {}
    left: dict[K, list[float]] = {}
    right: dict[K, list[float]] = {}
    for node in _post_order(roots, children):
        kids = children[node]
        if not kids:
            rel[node], left[node], right[node] = {node: 0.0}, [0.0], [width]
            continue
        offsets, merged_left, merged_right = _pack(kids, left, right, spacing.sibling_gap, width)
        # Centre the manager over the first and last report.
        centre = (offsets[0] + offsets[-1]) / 2
        positions = {node: 0.0}
        for kid, offset in zip(kids, offsets, strict=True):
            shift = offset - centre
            for member, x in rel.pop(kid).items():
                positions[member] = x + shift
            del left[kid], right[kid]
        rel[node] = positions
        left[node] = [0.0, *(x - centre for x in merged_left)]
        right[node] = [width, *(x - centre for x in merged_right)]
    # Separate charts side by side without interleaving (a root tucked above another
    # chart's reports would read as their manager), then moved so the chart starts at 0.
    extent_left = {r: [min(left[r])] for r in roots}
    extent_right = {r: [max(right[r])] for r in roots}
    offsets, _, _ = _pack(roots, extent_left, extent_right, spacing.root_gap, width)
    start = min(offsets[i] + min(left[r]) for i, r in enumerate(roots))
    depth = _depths(roots, children)
    result: dict[K, tuple[float, float]] = {}
    for root, offset in zip(roots, offsets, strict=True):
        for member, x in rel[root].items():
            result[member] = (x + offset - start, depth[member] * spacing.row_height)
    for node, point in (pinned or {}).items():
        if node in result:
            result[node] = (float(point[0]), float(point[1]))
    return result


def _pack(
    kids: list[K],
    left: Mapping[K, list[float]],
    right: Mapping[K, list[float]],
    gap: float,
    width: float,
) -> tuple[list[float], list[float], list[float]]:
    """Place subtrees left to right as close as their contours allow; returns each one's
    offset and the combined contour."""
    offsets: list[float] = []
    merged_left: list[float] = []
    merged_right: list[float] = []
    for kid in kids:
        kid_left, kid_right = left[kid], right[kid]
        offset = 0.0
        if offsets:
            common = min(len(kid_left), len(merged_right))
            offset = max(merged_right[d] + gap - kid_left[d] for d in range(common))
        offsets.append(offset)
        for d, (lo, hi) in enumerate(zip(kid_left, kid_right, strict=True)):
            if d < len(merged_left):
                merged_left[d] = min(merged_left[d], lo + offset)
                merged_right[d] = max(merged_right[d], hi + offset)
            else:
                merged_left.append(lo + offset)
                merged_right.append(hi + offset)
    return offsets, merged_left, merged_right


def _depths(roots: list[K], children: Mapping[K, list[K]]) -> dict[K, int]:
    depth: dict[K, int] = {}
    stack = [(r, 0) for r in roots]
    while stack:
        node, level = stack.pop()
        depth[node] = level
        stack.extend((child, level + 1) for child in children[node])
    return depth


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
