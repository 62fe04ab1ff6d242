"""What the gap map's page and CSV tests share (test_gap_map_views.py, test_gap_map_ongoing.py): the addresses,
reading the table and the CSV, and counting a page's queries."""

import csv
import io

from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

URL = "/evidence-map/"
CSV_URL = "/evidence-map.csv"


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def table(page):
    return page.find("table", class_="evidence-map__table")


def row_for(page, name):
    for th in table(page).select("tbody th[scope=row]"):
        if th.find(string=True, recursive=False).strip() == name:
            return th.parent
    raise AssertionError(f"no row {name}")


def cell(page, service_name, column):
    return row_for(page, service_name).find_all("td")[column]


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


def queries(client, url, params=None):
    """The queries of a second GET of the page (the first warms process-wide caches: site root, settings)."""
    client.get(url, params)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries)
