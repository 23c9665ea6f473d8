import datetime as dt

from cs_planner.domain.quarters import (
    add_quarters,
    next_quarters,
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
