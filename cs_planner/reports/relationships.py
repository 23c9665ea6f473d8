"""The account plan's "Relationships" sheet: a coverage summary, one row per stakeholder and
the relationship map as a picture (matplotlib Agg: no display, no Qt)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from cs_planner import palette
from cs_planner.domain.enums import BuyingRole, Severity
from cs_planner.domain.findings import Finding
from cs_planner.domain.relationships import coverage as cov
from cs_planner.domain.relationships.layout import Chart, Spacing, bounds, chart, route
from cs_planner.domain.relationships.queries import load_map
from cs_planner.domain.relationships.rows import MapData
from cs_planner.reports.excel import Column, Entry, Kind, write_cell
from cs_planner.reports.figures import render_png
from cs_planner.reports.layout import table, write_entries, write_heading
from cs_planner.reports.record_ids import write_ids
from cs_planner.reports.sizes import DEFAULT_ROW
from cs_planner.reports.workbooks import add_picture

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from cs_planner.reports.account_plan import PlanContext

COLUMNS = (
    Column("Name"),
    Column("Title"),
    Column("Division"),
    Column("Country"),
    Column("Level"),
    Column("Buying roles"),
    Column("Stance"),
    Column("Influence", Kind.INT, centre=True),
    Column("Reports to"),
    Column("Owner (ours)"),
    Column("Phone"),  # private: blank in the customer copy
    Column("Last contact", Kind.DATE),
    Column("Days since contact", Kind.INT),
    Column("Status"),
)


@dataclass(frozen=True)
class RelationshipsData:
    map: MapData
    findings: list[Finding]


def read_relationships(session: Session, context: PlanContext) -> RelationshipsData:
    data = load_map(session, context.account_id, context.today)
    return RelationshipsData(map=data, findings=data.coverage())


def stakeholder_rows(data: MapData) -> list[tuple[object, ...]]:
    names = {p.id: p.name for p in data.stakeholders}
    return [
        (
            p.name,
            p.title,
            p.division,
            p.country,
            p.level,
            ", ".join(r.label for r in BuyingRole if r in p.roles),
            p.stance,
            p.influence,
            names.get(p.reports_to_id, "") if p.reports_to_id else "",
            p.owner,
            p.phone,
            p.last_contact,
            p.days_since_contact(data.today),
            p.status,
        )
        for p in data.stakeholders
    ]


def summary_entries(data: MapData) -> list[Entry]:
    people = data.stakeholders
    cover = cov.level_coverage(people, data.today, data.stale_days)
    champions = cov.champion_check(people)
    fresh = cov.new_relationships(people, data.today, data.monthly_goal)
    mirror = cov.mirrored_commitment(people, data.tier)
    return [
        Entry("People on the map", len(people), Kind.INT),
        Entry("Levels covered", cov.coverage_sentence(cover)),
        Entry("Single-threaded", cov.single_threaded(people, data.today, data.stale_days)),
        Entry("Active champions", len(champions.champions), Kind.INT),
        Entry("Economic buyer supports us", champions.buyer_supportive),
        Entry("Safe switches needed", len(cov.safe_switches(people)), Kind.INT),
        Entry(
            f"Stale (over {data.stale_days} days)",
            len(cov.stale_relationships(people, data.today, data.stale_days)),
            Kind.INT,
        ),
        Entry("New this month", f"{len(fresh.this_month)} of {data.monthly_goal}"),
        Entry(
            "Mirrored commitment",
            "Not a top-tier account" if mirror is None else mirror.complete,
        ),
    ]


def write_relationships(ws: Worksheet, data: RelationshipsData, context: PlanContext) -> None:
    write_cell(ws, 1, 1, f"Relationships — {context.account_name}", bold=True, size=16)
    write_heading(ws, 3, 1, "Coverage and risk")
    row = write_entries(ws, 4, summary_entries(data.map))
    for finding in data.findings:
        write_cell(ws, row, 1, palette.SEVERITY_WORDS[Severity(finding.severity)], italic=True)
        write_cell(ws, row, 2, finding.text)
        row += 1
    row += 1
    if not data.map.stakeholders:
        write_heading(ws, row, 1, "Stakeholders")
        write_cell(ws, row + 1, 1, "No stakeholders recorded yet.", italic=True)
        return
    # The map before the table: the table then ends the sheet, so its header repeats on
    # every page it runs onto (and never over the map).
    write_heading(ws, row, 1, "Relationship map")
    png = render_png(
        lambda figure: draw_map(figure, data.map), **figure_size(data.map), dpi=100, shows=data.map
    )
    add_picture(ws, png, f"A{row + 1}")
    row += 2 + math.ceil(ws._images[-1].height * 0.75 / DEFAULT_ROW)  # pixels to rows
    write_heading(ws, row, 1, "Stakeholders")
    # The findings' long sentences spill over into empty cells; the table's own widths win.
    table(ws, row + 1, COLUMNS, stakeholder_rows(data.map), freeze=False)
    write_ids(ws, row + 1, len(COLUMNS) + 1, [p.id for p in data.map.stakeholders])


# --- the map picture ---------------------------------------------------------------------


def figure_size(data: MapData) -> dict[str, float]:
    spacing = Spacing()
    positions = _chart(data, spacing).positions
    left, top, right, bottom = bounds(positions, spacing)
    # About 110 map units an inch, within what a sheet shows well; the height keeps the
    # chart's proportions.
    width = min(max((right - left) / 110, 6.0), 24.0)
    height = min(max((bottom - top + 40) * width / max(right - left, 1), 3.0), 16.0)
    return {"width": width, "height": height}


def _chart(data: MapData, spacing: Spacing) -> Chart[int]:
    pinned = {p.id: p.pinned for p in data.stakeholders if p.pinned is not None}
    return chart([(p.id, p.reports_to_id) for p in data.stakeholders], spacing, pinned)


def draw_map(figure: Figure, data: MapData) -> None:
    """The org chart with stance colours, reports-to lines and dashed influence arrows."""
    from matplotlib.patches import FancyBboxPatch

    spacing = Spacing()
    w, h = spacing.card_width, spacing.card_height
    drawn = _chart(data, spacing)
    positions = drawn.positions
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_axis_off()
    if not positions:
        axes.text(0.5, 0.5, "No stakeholders yet", ha="center", va="center")
        return
    left, top, right, bottom = bounds(positions, spacing)
    axes.set_xlim(left - 20, right + 20)
    # y grows downward, like the screen; room below for the arcs between the last row
    axes.set_ylim(bottom + 60, top - 20)
    scale = figure.get_figwidth() * 72 / max(right - left + 40, 1)  # points per map unit
    name_size = max(3.0, min(9.0, 11 * scale * 1.2))
    _draw_lines(axes, data, drawn, spacing)
    for p in data.stakeholders:
        x, y = positions[p.id]
        colour = palette.STANCE[p.stance] if p.active else palette.DEPARTED
        axes.add_patch(
            FancyBboxPatch(
                (x, y),
                w,
                h,
                boxstyle="round,pad=0,rounding_size=10",
                facecolor=palette.tint(colour, 0.8 if p.active else 0.5),
                edgecolor=colour,
                linewidth=0.5 + 0.4 * p.influence,
                linestyle="-" if p.active else "--",
                zorder=3,
            )
        )
        detail = p.title or p.level.label
        if not p.active:
            detail = f"{p.status.label} · {detail}"
        axes.text(x + 10, y + 28, p.name, fontsize=name_size, weight="bold", zorder=4, clip_on=True)
        axes.text(
            x + 10, y + 54, _short(detail, 30), fontsize=name_size * 0.8, color="#424242", zorder=4
        )
        axes.text(
            x + 10,
            y + 78,
            _short(f"{p.level.label} · ours: {p.owner or 'nobody'}", 38),
            fontsize=name_size * 0.7,
            color="#616161",
            zorder=4,
        )


def _draw_lines(axes: Axes, data: MapData, drawn: Chart[int], spacing: Spacing) -> None:
    """Reports-to lines under the cards (the map's routes: elbows, and spines for stacked
    reports) and dashed influence arrows between them."""
    from matplotlib.patches import FancyArrowPatch

    w, h = spacing.card_width, spacing.card_height
    positions = drawn.positions
    for p in data.stakeholders:
        manager = positions.get(p.reports_to_id) if p.reports_to_id else None
        if manager is None:
            continue
        stacked, wrap = p.id in drawn.stacked, drawn.wrapped.get(p.id)
        points = route(manager, positions[p.id], stacked, spacing, wrap)
        axes.plot(
            [x for x, _ in points],
            [y for _, y in points],
            color="#546e7a",
            linewidth=0.8,
            zorder=1,
        )
    for link in data.links:
        if link.source_id in positions and link.target_id in positions:
            (sx, sy), (tx, ty) = positions[link.source_id], positions[link.target_id]
            axes.add_patch(
                FancyArrowPatch(
                    (sx + w / 2, sy + h / 2),
                    (tx + w / 2, ty + h / 2),
                    connectionstyle="arc3,rad=0.2",
                    arrowstyle="-|>",
                    mutation_scale=8,
                    linestyle="--",
                    linewidth=0.6 + 0.3 * link.strength,
                    color="#3949ab",
                    zorder=2,
                )
            )


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
