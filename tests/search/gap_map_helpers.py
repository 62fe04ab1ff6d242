"""What the gap map's page and CSV tests share (test_gap_map_views.py, test_gap_map_ongoing.py,
tests/outcomes/test_gap_map.py): the addresses, a small taxonomy, reading the table and the CSV, and counting a
page's queries."""

import csv
import io

from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from devdata.factories import EquityDimensionFactory, PlaceFactory, ServiceFactory
from evidence.models import Framework

URL = "/evidence-map/"
CSV_URL = "/evidence-map.csv"


def small_taxonomy():
    """A service area with two services, Equality Act age and sex, PROGRESS-Plus gender and sex (matched with
    neither unless a test says so), and two places."""
    primary = ServiceFactory(name="Primary care", slug="primary-care", sort_order=1)
    return {
        "primary": primary,
        "gp": ServiceFactory(name="General practice", slug="general-practice", parent=primary, sort_order=1),
        "pharmacy": ServiceFactory(name="Community pharmacy", slug="community-pharmacy", parent=primary, sort_order=2),
        "age": EquityDimensionFactory(name="Age", slug="age", framework=Framework.EQUALITY_ACT, sort_order=1),
        "sex": EquityDimensionFactory(name="Sex", slug="sex", framework=Framework.EQUALITY_ACT, sort_order=2),
        "gender": EquityDimensionFactory(
            name="Gender and sex", slug="gender-and-sex", framework=Framework.PROGRESS_PLUS, sort_order=1
        ),
        "north": PlaceFactory(name="Northshore", slug="northshore"),
        "south": PlaceFactory(name="Southport", slug="southport"),
    }


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
