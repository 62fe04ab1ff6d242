"""Metadata without a browser: robots.txt, sitemap.xml, canonical addresses, Open Graph and schema.org JSON-LD."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from wagtail.models import PageViewRestriction

from devdata.factories import EvaluationPageFactory
from tests.functional.site_data import build_site

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def site(db):
    return build_site()


JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(html):
    return [json.loads(block) for block in JSON_LD.findall(html)]


def address(page):
    """The page's address as the test client's requests name it (no PORTAL_BASE_URL: the request's host)."""
    return f"http://testserver{page.url}"


def meta(html, prop):
    match = re.search(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)"', html)
    return match.group(1) if match else None


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_sitemap_lists_live_public_pages_with_their_last_publication_date(client, site):
    draft = EvaluationPageFactory(title="Draft", slug="draft-evaluation", live=False)
    private = EvaluationPageFactory(title="Private", slug="private-evaluation")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    root = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 (our own sitemap)
    entries = {
        url.find("s:loc", SITEMAP_NS).text: getattr(url.find("s:lastmod", SITEMAP_NS), "text", None)
        for url in root.findall("s:url", SITEMAP_NS)
    }
    evaluation = site["evaluation"]
    assert entries[address(evaluation)] == evaluation.last_published_at.date().isoformat()
    assert address(site["summary"]) in entries and address(site["case_study"]) in entries
    assert address(draft) not in entries
    assert address(private) not in entries


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_sitemap_lists_each_glossary_term_page(client, site):
    assert "/glossary/core20plus5/</loc>" in client.get("/sitemap.xml").content.decode()


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_evaluation_metadata_and_json_ld(client, site):
    evaluation = site["evaluation"]
    html = client.get(evaluation.url).content.decode()
    assert f'<link rel="canonical" href="{address(evaluation)}">' in html
    assert meta(html, "og:type") == "article"
    assert meta(html, "og:title") == evaluation.title
    assert meta(html, "og:url") == address(evaluation)
    assert meta(html, "description") == evaluation.summary
    (data,) = json_ld(html)
    assert data["@type"] == ["Report", "ScholarlyArticle"]
    assert data["url"] == address(evaluation)
    assert data["datePublished"] == evaluation.completed.isoformat()
    assert {"Amina Khan", "Jo Patel", "Dr Sam Lee"} == {author["name"] for author in data["author"]}
    assert data["contributor"] == [{"@type": "Person", "name": "Amina Khan", "jobTitle": "Public adviser"}]
    assert {"Core20", "Age"} <= {thing["name"] for thing in data["about"]}
    assert data["identifier"]["value"] == "10.5555/eep.2024.001"
    assert address(site["summary"]) in [work["url"] for work in data["subjectOf"]]


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_summary_and_case_study_are_articles_based_on_the_evaluation(client, site):
    summary = json_ld(client.get(site["summary"].url).content.decode())[0]
    assert summary["@type"] == "Article" and summary["isBasedOn"] == address(site["evaluation"])
    html = client.get(site["case_study"].url).content.decode()
    story = json_ld(html)[0]
    assert story["isBasedOn"] == [address(site["evaluation"])]
    assert meta(html, "og:image").startswith("http://") and meta(html, "og:image:alt")


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_glossary_is_a_defined_term_set_and_each_term_a_defined_term(client, site):
    glossary = json_ld(client.get("/glossary/").content.decode())[0]
    assert glossary["@type"] == "DefinedTermSet"
    assert [term["name"] for term in glossary["hasDefinedTerm"]] == ["Core20PLUS5", "Deprivation"]
    html = client.get("/glossary/core20plus5/").content.decode()
    term = json_ld(html)[0]
    assert term["@type"] == "DefinedTerm"
    assert term["url"] == "http://testserver/glossary/core20plus5/"
    assert term["alternateName"] == ["Core 20 PLUS 5"]
    assert term["inDefinedTermSet"]["url"] == "http://testserver/glossary/"
    assert '<link rel="canonical" href="http://testserver/glossary/core20plus5/">' in html
    assert meta(html, "description") == "An NHS England plan to close gaps in health care."


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_home_page_describes_the_website_and_its_search(client, site):
    data = json_ld(client.get("/").content.decode())[0]
    assert data["@type"] == "WebSite"
    assert data["potentialAction"]["target"]["urlTemplate"] == "http://testserver/search/?q={search_term_string}"


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_404_is_not_indexed_and_has_no_canonical_address(client, site):
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<meta name="robots" content="noindex">' in html
    assert 'rel="canonical"' not in html
