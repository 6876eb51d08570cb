"""Finding the gutter of a two-column page from its row segments (no PDF needed)."""
from __future__ import annotations

from checker.ingest.pdf_layout import Unit, find_gutter

WIDTH = 595.0


def seg(x0: float, x1: float, row: int) -> Unit:
    top = 80.0 + 18.0 * row
    return Unit(chars=[], x0=x0, x1=x1, top=top, bottom=top + 11.0, row=row)


def left_column(rows: int) -> list[Unit]:
    """Headings and paragraph ends stop short; only every third line runs up to the gutter."""
    return [seg(50, 283 if r % 3 == 0 else 150, r) for r in range(rows)]


def test_columns_of_short_lines_side_by_side_all_the_way_down_have_a_gutter():
    units = left_column(9) + [seg(310, 540 if r % 3 == 0 else 420, r) for r in range(9)]
    assert find_gutter(units, WIDTH) is not None


def test_short_left_lines_with_only_a_few_right_ones_beside_them_have_no_gutter():
    # a one-column page whose signature block sets two names side by side at the end
    units = left_column(12) + [seg(310, 420, r) for r in (9, 10, 11)]
    assert find_gutter(units, WIDTH) is None
