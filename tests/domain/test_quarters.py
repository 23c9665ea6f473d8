import datetime as dt

import pytest

from cs_planner.domain.quarters import (
    add_months,
    add_quarters,
    next_quarters,
    parse_quarter,
    quarter_label,
    quarter_start,
)


def test_calendar_quarters() -> None:
    assert quarter_start(dt.date(2026, 11, 24)) == dt.date(2026, 10, 1)
    assert quarter_label(dt.date(2026, 10, 1)) == "2026 Q4"
    assert add_quarters(dt.date(2026, 10, 1), 1) == dt.date(2027, 1, 1)
    assert next_quarters(dt.date(2026, 11, 24), 3) == [
        dt.date(2026, 10, 1),
        dt.date(2027, 1, 1),
        dt.date(2027, 4, 1),
    ]


def test_fiscal_quarters_name_the_year_they_end_in() -> None:
    assert quarter_start(dt.date(2026, 11, 24), 2) == dt.date(2026, 11, 1)
    assert quarter_label(dt.date(2026, 11, 1), 2) == "FY2027 Q4"
    assert quarter_label(dt.date(2026, 2, 1), 2) == "FY2027 Q1"
    assert quarter_label(dt.date(2026, 1, 1), 2) == "FY2026 Q4"


def test_a_quarter_label_reads_back_as_its_quarter() -> None:
    for fy in (1, 2, 4, 7, 12):
        for months in range(36):
            quarter = quarter_start(add_months(dt.date(2025, 1, 1), months), fy)
            assert parse_quarter(quarter_label(quarter, fy), fy) == quarter
            assert parse_quarter(quarter_label(quarter, fy) + " (overdue)", fy) == quarter
    for text, fy in (("soon", 1), ("2027 Q5", 1), ("Q1 2027", 1), ("2027 Q1", 4)):
        with pytest.raises(ValueError, match="is not a quarter"):
            parse_quarter(text, fy)
