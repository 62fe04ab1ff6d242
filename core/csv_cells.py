"""The one guard against CSV injection, for every CSV the portal writes (search results, the evidence map, the
feedback exports): a spreadsheet program runs a cell that starts with one of these characters as a formula."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text that would run as a formula gets a leading apostrophe, so it is shown as typed. Other values (numbers,
    dates, None) pass through unchanged for the csv writer."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value
