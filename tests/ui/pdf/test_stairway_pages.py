"""A staircase taller than a page is cut so that every card is whole on exactly one page:
its columns' cards sit at staggered heights, so a straight cut would split some."""

from __future__ import annotations

from PySide6.QtCore import QRectF

from cs_planner.ui.pdf.pictures import staircase_parts


def test_every_card_is_whole_on_exactly_one_part() -> None:
    # Four columns whose cards start lower the further left (a staircase), 80 units a card.
    cards = {
        col * 10 + n: QRectF(col * 200, 300 - col * 60 + n * 90, 180, 80)
        for col in range(4)
        for n in range(5 - col)
    }
    source = QRectF(0, 0, 800, 760)
    parts = staircase_parts(source, 500, cards)
    assert len(parts) == 2
    shown = [key for _part, keys in parts for key in keys]
    assert sorted(shown) == sorted(cards)  # each card once
    for part, keys in parts:
        assert part.height() <= 500
        for key in keys:
            assert part.contains(cards[key]), key
    # The card the first page's edge crosses opens the second part.
    (_first, _), (second, keys) = parts
    assert min(cards[k].top() for k in keys) - second.top() < 30


def test_a_staircase_that_fits_is_one_part() -> None:
    cards = {1: QRectF(0, 10, 100, 80), 2: QRectF(120, 100, 100, 80)}
    ((part, keys),) = staircase_parts(QRectF(0, 0, 240, 200), 500, cards)
    assert keys == {1, 2} and part.height() == 200
