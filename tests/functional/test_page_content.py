"""What the templates must show (no browser): the header identity, the co-production record, readability in words,
review dates, links between an evaluation, its summary and case studies, the feedback form, editors' checks."""

import json
import re

import pytest
from wagtail.models import Site

from devdata.factories import ImageFactory
from home.models import PortalSettings
from home.templatetags import portal_tags
from tests.functional.site_data import build_site


@pytest.fixture
def site(db):
    return build_site()


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_header_shows_the_portal_name_and_no_nhs_logo_by_default(client, site):
    html = client.get("/").content.decode()
    assert '<span class="nhsuk-header__service-name">Equity Evidence Portal</span>' in html
    assert 'aria-label="NHS"' not in html


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_header_shows_the_portals_logo_and_the_nhs_logo_only_when_entitled(client, site):
    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings.portal_name = "Northshore Evidence"
    settings.logo = ImageFactory(title="Northshore logo")
    settings.show_nhs_logo = True
    settings.save()
    html = client.get("/").content.decode()
    assert "Northshore Evidence</span>" in html
    assert re.search(r'<img [^>]*class="portal-header__logo"', html)
    assert 'aria-label="NHS"' in html


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_evaluation_shows_its_co_production_record_readability_dates_and_links(client, site):
    html = client.get(site["evaluation"].url).content.decode()
    assert "co-produced by a team of 3 people, including 1 public adviser: Amina Khan." in html
    assert "Public adviser</td>" in html and "Northshore Pharmacy" in html
    assert 'Signed off by Amina Khan on <time datetime="2024-03-20">20 March 2024</time>' in html
    assert "Reading age about" in html
    assert 'Page last reviewed: <time datetime="2024-04-01">1 April 2024</time>' in html
    assert 'Next review due: <time datetime="2026-04-01">1 April 2026</time>' in html
    assert f'href="{site["summary"].url}"' in html and f'href="{site["case_study"].url}"' in html


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_summary_shows_authors_sign_off_readability_and_links(client, site):
    html = client.get(site["summary"].url).content.decode()
    assert "Public advisers who wrote it" in html and "Amina Khan (public adviser)" in html
    assert "Signed off by Amina Khan on" in html
    assert re.search(r"Reading age about \d+ \((easy|fairly easy|hard) to read\)", html)
    assert "words in each sentence" in html
    assert f'href="{site["evaluation"].url}"' in html and f'href="{site["case_study"].url}"' in html


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_case_study_links_to_the_evaluation_and_its_summary(client, site):
    html = client.get(site["case_study"].url).content.decode()
    assert f'href="{site["evaluation"].url}"' in html and f'href="{site["summary"].url}"' in html


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_feedback_form_is_on_content_pages_but_not_on_the_404(client, site):
    for url in ["/", site["evaluation"].url, site["summary"].url, "/glossary/", "/accessibility/"]:
        assert 'id="feedback"' in client.get(url).content.decode(), url
    assert 'id="feedback"' not in client.get("/no-such-page/").content.decode()


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_pages_render_without_the_feedback_template(client, site, monkeypatch):
    monkeypatch.setattr(portal_tags, "FEEDBACK_TEMPLATE", "components/no_such_template.html")
    response = client.get(site["evaluation"].url)
    assert response.status_code == 200 and 'id="feedback"' not in response.content.decode()


def checker_configuration(html):
    match = re.search(r'id="checker-axe-configuration"[^>]*>(.*?)</script>', html, re.S)
    assert match, "no content checker on the page"
    return json.loads(match.group(1))


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_editors_get_the_wcag_content_checker_on_previews_and_in_the_editor(admin_client, site):
    userbar = checker_configuration(admin_client.get(site["summary"].url).content.decode())
    assert userbar["context"]["include"] == ["main"]
    assert {"image-alt", "heading-order", "link-name", "color-contrast"} <= set(userbar["options"]["runOnly"])
    editor = admin_client.get(f"/admin/pages/{site['summary'].pk}/edit/").content.decode()
    assert "Content metrics" in editor
    assert checker_configuration(editor)["options"]["runOnly"] == userbar["options"]["runOnly"]


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_previews_render_for_editors_with_the_checker(admin_client, site):
    response = admin_client.get(f"/admin/pages/{site['evaluation'].pk}/view_draft/")
    assert response.status_code == 200
    assert "checker-axe-configuration" in response.content.decode()
    term = site["terms"][0]
    url = f"/admin/snippets/evidence/glossaryterm/preview/{term.pk}/"
    data = {"term": term.term, "slug": term.slug, "definition": "A new plain definition.", "aliases": ""}
    assert admin_client.post(url, data).json()["is_valid"]
    preview = admin_client.get(url)
    assert preview.status_code == 200
    assert "A new plain definition." in preview.content.decode()
