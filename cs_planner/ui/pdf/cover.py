"""The cover: the executive summary a manager reads first. The account, the day, the key
figures, health with the sentences behind it, the relationship coverage, what to pursue
next in expansion, the objectives, the next actions and the top risks; made more compact
(smaller text, fewer findings) until it fits one page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from cs_planner import palette
from cs_planner.domain.enums import Severity
from cs_planner.domain.plan.actions import is_overdue
from cs_planner.domain.workshop.privacy import LABELS, Layer
from cs_planner.reports.plan.reads import next_steps, top_objectives, top_risks
from cs_planner.ui.common import format as fmt
from cs_planner.ui.pdf.data import PlanData
from cs_planner.ui.pdf.document import (
    INK,
    MUTED,
    PT,
    RULE,
    Block,
    Measure,
    Page,
    draw_text,
    flow,
    font,
)
from cs_planner.ui.pdf.plan_tables import exposure_colour
from cs_planner.ui.pdf.text import bullets, heading, paragraph, spacer
from cs_planner.ui.value.health_charts import BAND_COLOUR

TILE_H = 40 * PT
COLUMNS = 3
SEVERITY_ORDER = {Severity.BAD: 0, Severity.WARN: 1, Severity.INFO: 2, Severity.GOOD: 3}


def key_figures(data: PlanData) -> list[tuple[str, str]]:
    card, k = data.card, data.card.kpis
    currency = data.currency
    renewal = fmt.date(card.renewal_date) if card.renewal_date else "—"
    if k.days_to_renewal is not None and card.renewal_date:
        renewal += f" ({k.days_to_renewal:,} days)"
    multiple = fmt.multiple(k.multiple) if k.multiple is not None else "— (no ARR yet)"
    return [
        ("ARR", fmt.money(k.arr, currency)),
        ("Initial deal (X)", fmt.money(k.initial_deal_value, currency)),
        ("Expansion multiple", multiple),
        ("Renewal date", renewal),
        ("Tier", card.tier.label + (" · strategic" if card.strategic else "")),
        ("Lifecycle stage", card.lifecycle_stage.label),
    ]


def _tiles(measure: Measure, width: float, figures: Sequence[tuple[str, str]]) -> Block:
    rows = (len(figures) + COLUMNS - 1) // COLUMNS
    tile_w = width / COLUMNS
    label_font, value_font = font(8), font(12, bold=True)
    value_h = max(measure.height(value_font, tile_w - 12 * PT, v) for _l, v in figures)
    tile_h = max(TILE_H, value_h + 22 * PT)

    def draw(painter: QPainter, rect: QRectF) -> None:
        for n, (label, value) in enumerate(figures):
            box = QRectF(
                rect.left() + (n % COLUMNS) * tile_w,
                rect.top() + (n // COLUMNS) * tile_h,
                tile_w - 6 * PT,
                tile_h - 6 * PT,
            )
            painter.setPen(QPen(RULE, 0.6 * PT))
            painter.setBrush(QColor("#f7f9fa"))
            painter.drawRoundedRect(box, 3 * PT, 3 * PT)
            inner = box.adjusted(6 * PT, 4 * PT, -6 * PT, -4 * PT)
            draw_text(painter, inner, label, label_font, MUTED)
            draw_text(painter, inner.adjusted(0, 12 * PT, 0, 0), value, value_font, INK)

    return Block(rows * tile_h, draw, gap_after=10 * PT)


@dataclass(frozen=True)
class Style:
    """How compact the cover is: its text, its headings, how many findings it lists."""

    text: float = 9.0
    head: float = 13.0
    findings: int = 6
    gap: float = 6 * PT

    def heading(self, measure: Measure, width: float, text: str) -> Block:
        return heading(measure, width, text, size=self.head)

    def bullets(
        self, measure: Measure, width: float, items: Sequence[str | tuple[str, QColor]]
    ) -> list[Block]:
        return bullets(measure, width, items, of=font(self.text))

    def note(self, measure: Measure, width: float, text: str) -> Block:
        return paragraph(measure, width, text, of=font(self.text, italic=True), colour=MUTED)


# Tried in turn until the summary fits one page (the last one is used if none does).
STYLES = (Style(), Style(8.5, 12, 5, 4 * PT), Style(8, 11, 4, 3 * PT), Style(8, 10.5, 3, 2 * PT))


def cover_pages(measure: Measure, body: QRectF, data: PlanData) -> list[Page]:
    """The executive summary: one page when it can be, made more compact until it is."""
    for style in STYLES:
        pages = flow(_cover(measure, body.width(), data, style), body.height(), SECTION)
        if len(pages) == 1:
            break
    return pages


SECTION = "Executive summary"


def _cover(measure: Measure, width: float, data: PlanData, style: Style) -> list[Block]:
    card = data.card
    owner = "" if data.customer else data.settings.owner_name
    sub = f"Account plan · {data.today:%d %B %Y}" + (f" · prepared by {owner}" if owner else "")
    blocks: list[Block] = [
        paragraph(measure, width, data.account_name, of=font(22, bold=True), gap=2 * PT),
        paragraph(measure, width, sub, colour=MUTED, gap=2 * PT),
    ]
    about = " · ".join(
        t for t in (card.industry, card.hq_geography, f"CSM {card.csm}" if card.csm else "") if t
    )
    if about:
        blocks.append(paragraph(measure, width, about, colour=MUTED))
    figures = key_figures(data)
    if data.customer:
        figures = [f for f in figures if LABELS.get(f[0]) is Layer.SHARED]
    blocks += [spacer(style.gap), _tiles(measure, width, figures)]
    if data.customer:  # the health's workings, the coverage findings, the pipeline: private
        return blocks + _next_steps(measure, width, data, style)
    blocks += [style.heading(measure, width, "Health"), *_health(measure, width, data, style)]
    blocks += [spacer(style.gap), style.heading(measure, width, "Relationship coverage")]
    blocks += _coverage(measure, width, data, style)
    blocks += [spacer(style.gap), style.heading(measure, width, "What to pursue next in expansion")]
    suggestions = data.expansion.suggestions
    if suggestions:
        blocks += style.bullets(measure, width, [s.text for s in suggestions])
    else:
        blocks.append(
            style.note(
                measure,
                width,
                "Every pursued dimension has reached its target, or none has a target yet.",
            )
        )
    return blocks + _next_steps(measure, width, data, style)


def _health(measure: Measure, width: float, data: PlanData, style: Style) -> list[Block]:
    now = data.health.now
    if now.score is None or now.band is None:
        line, colour = "No score yet", QColor(palette.MUTED)
    else:
        line = f"{now.score:.0f} of 100 · {now.band.label}"
        colour = QColor(BAND_COLOUR[now.band])
    big = font(14, bold=True)
    height = measure.height(big, width, line) + 4 * PT

    def draw(painter: QPainter, rect: QRectF) -> None:
        dot = QRectF(rect.left(), rect.top() + 3 * PT, 12 * PT, 12 * PT)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(dot)
        draw_text(painter, rect.adjusted(18 * PT, 0, 0, 0), line, big, colour)

    sentences = style.bullets(measure, width, data.health.sentences)
    return [Block(height, draw, gap_after=4 * PT), *sentences]


def _coverage(measure: Measure, width: float, data: PlanData, style: Style) -> list[Block]:
    findings = data.map.coverage()
    if not findings:
        return [style.note(measure, width, "No stakeholders on the map yet.")]
    # The most serious first, so that the cover keeps to one page.
    shown = sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity])[: style.findings]
    items = [(f.text, QColor(palette.SEVERITY[f.severity])) for f in shown]
    blocks = style.bullets(measure, width, items)
    if len(findings) > len(shown):
        more = len(findings) - len(shown)
        blocks.append(style.note(measure, width, f"{more} more on the Relationships tab."))
    return blocks


def _next_steps(measure: Measure, width: float, data: PlanData, style: Style) -> list[Block]:
    """The objectives, the next actions and the top risks, each a short list."""
    blocks = [spacer(style.gap), style.heading(measure, width, "Objectives")]
    if data.objectives:
        blocks += style.bullets(
            measure,
            width,
            [
                f"{o.title} ({o.status.label.lower()}"
                + (f", by {fmt.date(o.target_date)}" if o.target_date else "")
                + ")"
                for o in top_objectives(data.objectives)
            ],
        )
    else:
        blocks.append(style.note(measure, width, "No objectives recorded yet."))
    blocks += [spacer(style.gap), style.heading(measure, width, "Next actions")]
    open_actions = next_steps(data.actions)
    if open_actions:
        items: list[str | tuple[str, QColor]] = []
        for a in open_actions:
            when = f"due {fmt.date(a.due_date)}" if a.due_date else "no due date"
            overdue = is_overdue(a, data.today)
            text = (
                f"{a.title} ({a.owner_name or 'no owner'}, {when}{', overdue' if overdue else ''}; "
                f"{a.priority.label.lower()} priority)"
            )
            items.append((text, QColor(palette.BAD)) if overdue else text)
        blocks += style.bullets(measure, width, items)
    else:
        blocks.append(style.note(measure, width, "No open actions."))
    if data.customer:
        return blocks
    blocks += [spacer(style.gap), style.heading(measure, width, "Top risks")]
    risks = top_risks(data.risks)
    if risks:
        blocks += style.bullets(
            measure,
            width,
            [
                (
                    f"{r.values.description} ({r.values.category.label.lower()}; "
                    f"likelihood {r.values.likelihood}, impact {r.values.impact} of 5)",
                    exposure_colour(r.exposure),
                )
                for r in risks
            ],
        )
    else:
        blocks.append(style.note(measure, width, "No open risks."))
    return blocks
