"""Tables sized to their text by ``fit_columns``: as wide as Qt would size them to their
contents (nothing elided), once per content, measured on a sample of a long list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView

from cs_planner.ui.common.table_model import Col, RowsModel, table_view

ROWS = [
    ("Joelle Delacourt", "Implementation", "2026-07-01"),
    ("Mia", "Operational dashboards for managers", "2027-03-31"),
    ("Rui Santos", "Adoption", "2026-12-07"),
]


def _model() -> RowsModel[tuple[str, str, str]]:
    return RowsModel(
        [
            Col("CSA", lambda r: r[0], lambda r: r[0]),
            Col("Use case", lambda r: r[1], lambda r: r[1], bold=lambda r: r[0] == "Mia"),
            Col("Start", lambda r: r[2], lambda r: r[2]),
        ]
    )


def test_columns_are_as_wide_as_qt_sizes_their_contents(qtbot) -> None:
    model = _model()
    view = table_view(model, fill=False)
    qtbot.addWidget(view)
    model.set_rows(ROWS)
    view.resize(900, 300)
    view.show()
    header = view.horizontalHeader()
    for column in range(3):
        assert header.sectionResizeMode(column) == QHeaderView.ResizeMode.Interactive
        assert header.sectionSize(column) >= view.sizeHintForColumn(column)
    model.set_rows([("A much longer name than any before it", "x", "2026-01-01")])
    assert header.sectionSize(0) >= view.sizeHintForColumn(0)  # sized again for new rows


def test_a_long_list_is_measured_on_a_sample(qtbot) -> None:
    model = _model()
    view = table_view(model)
    qtbot.addWidget(view)
    reads: list[int] = []
    text = model.columns[0].text
    model.columns[0] = Col("CSA", lambda r: reads.append(1) or text(r), lambda r: r[0])
    model.set_rows([(f"CSA {n}", "use", "2026-01-01") for n in range(20_000)])
    assert 0 < len(reads) <= 1_000  # not 20,000 reads, nor one per layout


def test_a_filter_keeps_the_sort_without_sorting_again() -> None:
    keyed: list[int] = []
    model: RowsModel[int] = RowsModel(
        [Col("n", str, lambda n: keyed.append(n) or n)], then_by=lambda n: n % 2
    )
    model.set_rows([5, 2, 9, 4, 7, 1])
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.rows() == [4, 2, 9, 7, 5, 1]  # by value, falling; then the odd ones last
    keyed.clear()
    model.set_filter(lambda n: n > 3)
    assert model.rows() == [4, 9, 7, 5]
    model.set_filter(None)
    assert model.rows() == [4, 2, 9, 7, 5, 1]
    assert keyed == []  # no key computed: the order kept, not sorted again
    model.set_rows([3, 8, 6])
    assert model.rows() == [8, 6, 3]  # new rows in the chosen order


def test_a_search_looks_in_each_rows_text_in_any_case_and_follows_a_sort() -> None:
    searched: list[str] = []
    model: RowsModel[tuple[str, str, str]] = RowsModel(
        _model().columns, search=lambda r: searched.append(r[0]) or f"{r[0]}\n{r[1]}"
    )
    model.set_rows(ROWS)
    model.set_filter(None, text="  ADOPT ")
    assert [r[0] for r in model.rows()] == ["Rui Santos"]  # in the second column
    model.set_filter(lambda r: r[0] != "Mia", text="a")
    assert [r[0] for r in model.rows()] == ["Joelle Delacourt", "Rui Santos"]
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert [r[0] for r in model.rows()] == ["Rui Santos", "Joelle Delacourt"]
    model.set_filter(None, text="mia")  # each row's text moved with it
    assert [r[0] for r in model.rows()] == ["Mia"]
    assert len(searched) == len(ROWS)  # made once, not per keystroke nor per sort
    model.set_filter(None, text="")
    assert [r[0] for r in model.rows()] == ["Rui Santos", "Mia", "Joelle Delacourt"]
    model.set_rows(ROWS[:1])
    model.set_filter(None, text="joelle")
    assert model.rows() == ROWS[:1] and len(searched) == len(ROWS) + 1  # new rows: new texts


def test_cells_are_read_role_by_role_and_cut() -> None:
    model: RowsModel[str] = RowsModel(
        [Col("Name", lambda r: r, lambda r: r, tip=lambda r: r * 10, colour=lambda r: None)]
    )
    long = "x" * 5_000
    model.set_rows([long])
    index = model.index(0, 0)
    assert len(model.data(index)) == 300 and model.data(index).endswith("…")
    assert len(model.data(index, Qt.ItemDataRole.ToolTipRole)) == 2_000
    assert model.data(index, Qt.ItemDataRole.ForegroundRole) is None
    assert model.data(index, Qt.ItemDataRole.DecorationRole) is None
    assert model.data(model.index(5, 0)) is None  # no such row: an invalid index
