"""SQL queries per page stay within the budget of issue #15 (12), whatever the number of evaluations, taxonomies
or co-authors: counted uncached (a query string the page cache never stores), as a reader's first view costs."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from devdata.factories import (
    CaseStudyPageFactory,
    EquityDimensionFactory,
    EvaluationPageFactory,
    GlossaryTermFactory,
    PlaceFactory,
    PlainLanguageSummaryPageFactory,
    ServiceFactory,
)
from evidence.models import TeamRole

CEILING = 12


def build(n, width):
    """n evaluations, each with `width` services, dimensions, places, team members and co-authors."""
    parent = ServiceFactory()
    services = [ServiceFactory(parent=parent) for _ in range(width)]
    dimensions = [EquityDimensionFactory() for _ in range(width)]
    places = [PlaceFactory() for _ in range(width)]
    evaluations, summaries = [], []
    for _ in range(n):
        evaluation = EvaluationPageFactory(
            services=services,
            equity_dimensions=dimensions,
            places=places,
            team=[(f"Member {i}", TeamRole.PRACTITIONER, "Org") for i in range(width)] + [("A", "public-adviser", "")],
            next_steps=[("2024-01-01", f"Change {i}") for i in range(width)],
        )
        summaries.append(
            PlainLanguageSummaryPageFactory(
                evaluation=evaluation,
                co_authors=[(f"Author {i}", TeamRole.PUBLIC_ADVISER, None) for i in range(width)],
            )
        )
        evaluations.append(evaluation)
    story = CaseStudyPageFactory(evaluations=evaluations[:width], services=services, equity_dimensions=dimensions)
    for i in range(width):
        GlossaryTermFactory(term=f"Word{n}x{i}", slug=f"word-{n}-{i}", definition="A word.")
    return [
        "/",
        "/evaluations/",
        "/summaries/",
        "/case-studies/",
        "/glossary/",
        evaluations[0].url,
        summaries[0].url,
        story.url,
    ]


def queries_for(client, url):
    url = f"{url}?uncached=1"
    client.get(url)  # image renditions are made on first view; measure the steady state
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response["X-Page-Cache"] == "miss", url
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.django_db
@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_queries_do_not_grow_with_content(client):
    small_urls = build(3, 2)
    client.get("/")  # warm caches that legitimately hold for the process (site root, glossary address)
    small = [queries_for(client, url) for url in small_urls]
    large_urls = build(14, 6)  # more evaluations, and three times the taxonomies, team and co-authors each
    large = [queries_for(client, url) for url in large_urls]
    for url, count in zip(large_urls, large, strict=True):
        assert count <= CEILING, (url, count)
    assert large == small, list(zip(large_urls, small, large, strict=True))
