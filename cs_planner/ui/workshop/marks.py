"""Which part of each tab shows which field. A part is hidden in workshop mode when the
domain says one of its fields is private (``privacy.field_is_private``): the views never
decide what is private, they only say what they show.

Parts are named by attribute paths from the tab (``"kpis.arr"``), so that the tabs need no
change to take part; a part inside a ``QTabWidget`` hides its tab."""

from __future__ import annotations

from functools import reduce

from PySide6.QtWidgets import QStackedWidget, QTableView, QTabWidget, QWidget

from cs_planner.domain.workshop.privacy import field_is_private

# tab title -> part -> the fields it shows ("table.column", "figure.name")
PARTS: dict[str, dict[str, tuple[str, ...]]] = {
    "Overview": {
        "kpis.arr": ("account.arr",),
        "kpis.deal": ("account.initial_deal_value",),
        "kpis.multiple": ("figure.expansion_multiple",),
        "_form_scroll": ("account.notes", "account.arr", "account.tier_override"),
        "activity_log": ("activity.note",),
        "csa_section": ("csa_allocation.fraction", "team_member.bill_rate"),
    },
    "Relationships": {
        # the person's panel (notes, stance, owner) and the coverage findings beside the map
        "body.side": ("stakeholder.notes", "figure.relationship_findings"),
    },
    "Stairway": {
        "panel": ("use_case.notes", "use_case.acv_uplift"),
    },
    "Expansion": {
        "kpis.arr": ("account.arr",),
        "kpis.initial": ("account.initial_deal_value",),
        "kpis.multiple": ("figure.expansion_multiple",),
        "kpis.pipeline": ("figure.pipeline",),
        "kpis.projected": ("figure.arr_projection",),
        "opportunities": ("opportunity.acv_uplift", "opportunity.confidence"),
        "whitespace": ("figure.pipeline",),  # each open cell says its uplift
        "dimensions.suggestions": ("figure.pipeline",),
        "dimensions.suggestions_heading": ("figure.pipeline",),
        "dimensions.cards.*.opportunities": ("opportunity.acv_uplift",),
        "dimensions.cards.*.notes": ("dimension_plan.notes",),
        "_projection_page": ("figure.arr_projection",),
    },
    "Plan": {  # its sections, in the order of ui/plan/sections.py
        "panels.1": ("risk.description",),
        "panels.2": ("renewal.arr_before", "renewal.notes"),
        # the other customers' stories beside this one's
        "panels.3.goal": ("figure.portfolio_comparison",),
        "panels.3.history": ("figure.portfolio_comparison",),
        "panels.4.list.view#2": ("csa_allocation.end_date",),  # "CSA allocated until ..."
    },
    "Value": {
        "health": ("figure.health_explanation",),
        "messages": ("value_message.text",),
    },
}
HIDDEN = "workshopHidden"  # set on what workshop mode hid, so leaving shows only that


def _step(where: object, name: str) -> object:
    """An attribute, or an item of a list by its number (the Plan tab's ``panels``)."""
    return where[int(name)] if name.isdigit() and isinstance(where, list) else getattr(where, name)


def _part(tab: object, path: str) -> list[QWidget]:
    """The widgets at ``path``; ``*`` stands for each of a dict's values."""
    path = path.partition("#")[0]
    head, star, rest = path.partition(".*")
    try:
        found = reduce(_step, head.split("."), tab)
    except (AttributeError, IndexError):
        return []
    if isinstance(found, dict):  # a group of tiles or cards
        if star and rest:
            return [w for each in found.values() for w in _part(each, rest.lstrip("."))]
        return [w for w in found.values() if isinstance(w, QWidget)]
    return [found] if isinstance(found, QWidget) else []


def _tab_holding(widget: QWidget) -> tuple[QTabWidget, int] | None:
    """The inner tab that shows ``widget``, itself or as the one thing on its page."""
    page = widget.parentWidget()
    layout = page.layout() if page is not None else None
    if page is not None and layout is not None and layout.count() == 1:
        holder = _tab_holding(page)
        if holder is not None:
            return holder
    stack = widget.parentWidget()
    tabs = stack.parentWidget() if isinstance(stack, QStackedWidget) else None
    if isinstance(tabs, QTabWidget):
        index = tabs.indexOf(widget)
        if index >= 0:
            return tabs, index
    return None


def _set_hidden(widget: QWidget, hide: bool) -> None:
    holder = _tab_holding(widget)
    if holder is not None:
        tabs, index = holder
        if hide and tabs.currentIndex() == index:
            tabs.setCurrentIndex(next(i for i in range(tabs.count()) if i != index))
        tabs.setTabVisible(index, not hide)
        return
    if hide and not widget.isHidden():
        widget.hide()
        widget.setProperty(HIDDEN, True)
    elif not hide and widget.property(HIDDEN):
        widget.setProperty(HIDDEN, False)
        widget.show()


def private_part(fields: tuple[str, ...]) -> bool:
    return any(field_is_private(f) for f in fields)


def apply(title: str, tab: QWidget, on: bool) -> None:
    """Hide (``on``) or show again the tab's parts that show a private field; a path
    ending in ``#N`` names a table's column."""
    for path, fields in PARTS.get(title, {}).items():
        hide = on and private_part(fields)
        column = path.partition("#")[2]
        for widget in _part(tab, path):
            if column and isinstance(widget, QTableView):
                widget.setColumnHidden(int(column), hide)
            else:
                _set_hidden(widget, hide)
