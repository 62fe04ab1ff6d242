"""The evidence gap map's register queries start from the register's own few rows, not from every page of the site
(SQLite, which plans without table statistics: an indexed test on the page table, `alias_of IS NULL` or the
ordering by path, otherwise made it read all ~20,000 pages of the 10,000-evaluation benchmark on every map).
So do a page of /summaries/ (the summaries' own index on their first publication) and the readers' memo of alias
pages (the index on alias_of)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.reader_memo import _alias_paths
from devdata.factories import PlainLanguageSummaryPageFactory
from evidence.models import SummaryIndexPage
from register.ongoing import counted_projects, public_register_index
from search.gap_map_cells import pages_per_cell
from tests.register.factories import RegisteredProjectPageFactory
from tests.search.gap_map_helpers import small_taxonomy

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query planner")


def page_table_reads(queryset):
    """The plan's steps on wagtailcore_page that are not a look-up by id."""
    steps = [line for line in queryset.explain().splitlines() if "wagtailcore_page " in f"{line} "]
    return [step for step in steps if "rowid=?" not in step or "SCAN" in step]


@pytest.mark.django_db
def test_the_projects_under_way_are_read_from_the_register_table():
    tax = small_taxonomy()
    RegisteredProjectPageFactory(services=[tax["gp"]], equity_dimensions=[tax["age"]])
    assert page_table_reads(counted_projects()) == []
    assert pages_per_cell(counted_projects(), [tax["age"].pk]) == {
        (tax["gp"].pk, tax["age"].pk): 1,
        (tax["primary"].pk, tax["age"].pk): 1,
    }
    in_cells = counted_projects().filter(page_equity_dimensions__equity_dimension_id__in=[tax["age"].pk])
    assert page_table_reads(in_cells.values_list("pk", "page_services__service_id").distinct()) == []


@pytest.mark.django_db
def test_the_register_address_is_read_from_its_own_table():
    RegisteredProjectPageFactory()
    assert public_register_index().exists()
    assert page_table_reads(public_register_index().only("url_path")) == []


@pytest.mark.django_db
def test_a_page_of_summaries_is_read_from_their_own_index():
    PlainLanguageSummaryPageFactory()
    page_two = SummaryIndexPage.objects.get().listing().query_for(slice(12, 24))
    assert page_table_reads(page_two) == []
    assert "USING COVERING INDEX evidence_plainlanguagesummarypage_first_published_copy" in page_two.explain()


@pytest.mark.django_db
def test_the_alias_pages_are_read_from_the_alias_index():
    with CaptureQueriesContext(connection) as captured:
        _alias_paths()
    (query,) = captured.captured_queries
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {query['sql']}")
        (step,) = [row[-1] for row in cursor.fetchall()]
    assert step.startswith("SEARCH wagtailcore_page USING INDEX wagtailcore_page_alias_of_id"), step
