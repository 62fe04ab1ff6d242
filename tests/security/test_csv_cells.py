"""The CSV formula guard shared by every CSV export (core/csv_cells.py)."""

import pytest

from core.csv_cells import safe_cell


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_that_would_run_as_a_formula_is_shown_as_typed(start):
    assert safe_cell(f'{start}HYPERLINK("http://evil")') == f'\'{start}HYPERLINK("http://evil")'


@pytest.mark.parametrize("value", ["Interpreters at A&E", "a=b", "", None, 2024, -3, 1.5])
def test_other_values_pass_through(value):
    assert safe_cell(value) == value
