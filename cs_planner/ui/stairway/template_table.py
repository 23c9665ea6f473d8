"""The template library as a table (name, persona, use cases, origin) beside a preview of
the selected template: shared by the dialog that applies a template and the one that
manages the library."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableView,
)

from cs_planner.domain.stairway.rows import STEPS, TemplateData, UseCaseRow
from cs_planner.domain.stairway.rules import missing_use_cases
from cs_planner.ui.common import format as fmt
from cs_planner.ui.common.table_model import Align, Col, RowsModel
from cs_planner.ui.common.text_fit import LABEL_MAX, TEXT_MAX, rich

NAME, PERSONA, USE_CASES, ORIGIN = range(4)


def _tip(row: TemplateData) -> str | None:
    return row.values.main_challenge or row.values.description or None


def template_columns(marks: dict[str, str] | None = None) -> list[Col[TemplateData]]:
    """The library's columns; ``marks`` (key -> "current" / "suggested") follow the name."""
    marks = dict(marks or {})

    def name(row: TemplateData) -> str:
        mark = marks.get(row.key)
        return f"{row.name} ({mark})" if mark else row.name

    return [
        Col("Template", name, lambda r: name(r).casefold(), tip=_tip),
        Col("Persona", lambda r: r.persona, lambda r: r.persona.casefold(), tip=_tip),
        Col(
            "Use cases",
            lambda r: str(len(r.use_cases)),
            lambda r: len(r.use_cases),
            Align.RIGHT,
            tip=_tip,
        ),
        Col("Origin", lambda r: r.origin, lambda r: r.origin.casefold(), tip=_tip),
    ]


def template_model(parent: QObject | None = None) -> RowsModel[TemplateData]:
    return RowsModel(template_columns(), parent)


def show_templates(
    model: RowsModel[TemplateData],
    templates: list[TemplateData],
    marks: dict[str, str] | None = None,
) -> None:
    model.set_rows(templates, template_columns(marks))


def index_of(model: RowsModel[TemplateData], key: str | None) -> QModelIndex:
    """The first cell of the template with ``key`` (invalid when it is not shown)."""
    n = model.find(lambda t: t.key == key) if key else None
    return QModelIndex() if n is None else model.index(n, 0)


def template_table(model: RowsModel[TemplateData]) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSortingEnabled(True)
    view.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(PERSONA, QHeaderView.ResizeMode.Stretch)
    header.resizeSection(USE_CASES, 74)
    header.setSectionResizeMode(ORIGIN, QHeaderView.ResizeMode.ResizeToContents)
    return view


def preview_area() -> tuple[QScrollArea, QLabel]:
    """A rich-text label in a scroll area, for a template's description."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setMargin(6)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(label)
    scroll.setMinimumWidth(360)
    return scroll, label


def describe(template: TemplateData, rows: list[UseCaseRow] | None, currency: str) -> str:
    """A template as rich text: persona, approach, its use cases by step, and (given the
    account's roadmap) what applying it would add."""
    v = template.values
    parts = [f"<h3>{_esc(v.name)}</h3>"]
    missing = {c.title for c in missing_use_cases(template, rows)} if rows is not None else set()
    if rows is not None:
        parts.append(
            f"<p>Applying adds <b>{len(missing)}</b> use case{'s' if len(missing) != 1 else ''} "
            "the roadmap does not have yet (matched by title, marked <b>new</b> below), as "
            "identified ideas.</p>"
        )
    persona = [
        ("Industry", v.industry),
        ("Size", v.size_band),
        ("Geography", v.geography),
        ("Growth", v.growth_rate),
        ("Main challenge", v.main_challenge),
    ]
    parts.append("<br>".join(f"<b>{k}:</b> {_esc(x)}" for k, x in persona if x))
    if v.description:
        parts.append(f"<p><i>{_esc(' '.join(v.description.split()), TEXT_MAX)}</i></p>")
    for step in STEPS:
        cases = [c for c in v.use_cases if c.step == step]
        if not cases:
            continue
        items = "".join(
            f"<li>{_esc(c.title)} <span style='color:gray'>"
            f"{fmt.compact_money(c.typical_value, currency)}</span>"
            + (" <b>(new)</b>" if c.title in missing else "")
            + "</li>"
            for c in cases
        )
        parts.append(f"<b>{step.label}</b><ul style='margin-top:0'>{items}</ul>")
    return "".join(parts)


def _esc(text: str, limit: int = LABEL_MAX) -> str:
    """User text in rich text: escaped, cut and breakable (``text_fit``)."""
    return rich(text, limit)


class TemplateBrowser(QSplitter):
    """The template table beside the selected template's preview, as both the library and
    the apply dialog show them."""

    def __init__(self, parent: QObject | None, marks: dict[str, str] | None = None) -> None:
        super().__init__()
        self.model = template_model(parent)
        self.table = template_table(self.model)
        scroll, self.preview = preview_area()
        self.addWidget(self.table)
        self.addWidget(scroll)
        self.setSizes([640, 460])

    def select(self, key: str | None) -> None:
        """The template with ``key``, or the first one when it is not shown."""
        index = index_of(self.model, key)
        self.table.setCurrentIndex(index if index.isValid() else self.model.index(0, 0))

    def current(self) -> TemplateData | None:
        return self.model.row_at(self.table.currentIndex())
