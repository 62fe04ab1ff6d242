"""Nothing an anonymous reader may not see ever reaches them, on any public surface.

leak_corpus.py plants a unique word in each kind of hidden content (drafts, unpublished pages, a changed draft
over a live page, password, login and group restrictions, a restricted document, hidden glossary terms) and links
hidden pages from public ones. An anonymous client then crawls the site from `/`, following every same-site link,
and requests every public URL pattern directly; no response may contain a hidden word, and a control word in
public content must be found (so the test can see). Database search backend (the `make test` configuration).
"""

import re
from collections import deque
from html import unescape
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from wagtail.models import Page, PageViewRestriction

from feedback.models import PageFeedback
from search.vocabulary import clear_vocabulary
from tests.security import leak_corpus
from tests.security.leak_corpus import CONTROL, CONTROL_TERM, HIDDEN_YEARS, SECRETS

pytestmark = pytest.mark.django_db
SITE_HOSTS = {"", "testserver", "localhost", "127.0.0.1"}
MAX_CRAWL = 700
LINK = re.compile(r"""(?:href|src|action)\s*=\s*["']([^"']+)["']|<loc>([^<]+)</loc>""", re.I)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


@pytest.fixture
def corpus(django_capture_on_commit_callbacks, settings):
    # The database backend even where an engine is configured: this test is about the portal, not the engine.
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "modelsearch.backends.database"}}
    with django_capture_on_commit_callbacks(execute=True):
        built = leak_corpus.build()
    clear_vocabulary()
    yield built
    clear_vocabulary()


def body_of(response):
    content = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    # Headers too (Location, Content-Disposition), but not the clock's: the feedback test compares answers.
    headers = " ".join(f"{k}: {v}" for k, v in response.items() if k not in ("Expires", "Date", "Last-Modified"))
    return headers + "\n" + content.decode("utf-8", errors="replace")


def without_echo(text, url):
    """The response without the request's own words: a search shows its query, a 404 may name the address asked
    for. Searches ask in capitals (search_urls), so stripping the query never hides planted (lower-case) text."""
    parts = urlsplit(url)
    echoes = [segment for segment in parts.path.split("/") if segment]
    echoes += [value for _name, value in parse_qsl(parts.query)]
    for echo in sorted(echoes, key=len, reverse=True):
        if len(echo) > 3 and any(word in echo.lower() for word in SECRETS):
            text = text.replace(echo, "")
    return text


class Reader:
    """An anonymous client that remembers every response, for the checks at the end."""

    def __init__(self, client):
        self.client = client
        self.seen = {}  # "METHOD url" -> (status, text)

    def get(self, url):
        key = f"GET {url}"
        if key not in self.seen:
            response = self.client.get(url)
            self.seen[key] = (response.status_code, without_echo(body_of(response), url))
        return self.seen[key]

    def post(self, url, data):
        response = self.client.post(url, data)
        key = f"POST {url} {urlencode(data)}"
        self.seen[key] = (response.status_code, body_of(response))
        return self.seen[key]

    def leaks(self):
        found = []
        for key, (status, text) in self.seen.items():
            lowered = text.lower()
            for word, what in SECRETS.items():
                at = lowered.find(word)
                if at >= 0:
                    context = " ".join(text[max(0, at - 80) : at + 60].split())
                    found.append(f"{word} ({what}) in {key} [{status}]: …{context}…")
        return found

    def where(self, word):
        return [key for key, (_status, text) in self.seen.items() if word in text.lower()]


def same_site_path(url, base):
    url = urljoin(base, unescape(url).strip())  # facet links are relative ("?year=2024")
    parts = urlsplit(url)
    if parts.scheme not in ("", "http", "https") or parts.hostname not in SITE_HOSTS | {None}:
        return None
    if not parts.path.startswith("/") or parts.path.startswith(("/admin", "/static/")):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def worth_following(path):
    # Facet links combine without end: follow each value alone, not every combination.
    return path.count("&") < 3


def crawl(reader, starts):
    queue = deque(starts)
    visited = set()
    while queue and len(visited) < MAX_CRAWL:
        path = queue.popleft()
        if path in visited:
            continue
        visited.add(path)
        _status, text = reader.get(path)
        for match in LINK.finditer(text):
            found = same_site_path(match.group(1) or match.group(2), path)
            if found and found not in visited and worth_following(found):
                queue.append(found)
    return visited


def feedback_posts(reader, page_ids):
    for pk in page_ids:
        reader.get(f"/feedback/?page={pk}")
        reader.post("/feedback/", {"page": pk, "helpful": "no", "comment": "Hello", "path": ""})


def search_urls():
    urls = ["/search/", "/search/?type=glossary-term", "/search/export.csv", "/api/v1/search"]
    urls += ["/search/?type=in-progress", "/api/v1/search?type=in-progress&type=resource&type=event"]
    for word in [w.upper() for w in (*SECRETS, CONTROL, CONTROL_TERM)]:
        urls += [
            f"/search/?q={word}",
            f"/search/?q={word}&type=evaluation&service=community-pharmacy",
            f"/search/?q={word}&type=glossary-term",
            f"/search/?q={word}&sort=newest",
            f"/search/export.csv?q={word}",
            f"/search/autocomplete?q={word}",
            f"/api/v1/search?q={word}",
            f"/api/v1/search?q={word}&type=summary&equity=age&place=northshore",
            f"/search/?q={word}&type=in-progress&type=resource&type=event",
            f"/api/v1/search?q={word}&type=in-progress&service=community-pharmacy",
            f"/search/export.csv?q={word}&type=in-progress&type=resource&type=event",
        ]
    for year in HIDDEN_YEARS:
        urls += [f"/search/?year={year}", f"/api/v1/search?year={year}", f"/search/export.csv?year={year}"]
        urls += [f"/evidence-map/?year_from={year}&year_to={year}", f"/evidence-map.csv?year_from={year}"]
    return urls


CONCEPT_FEEDS = ["/feeds/evaluations/service/community-pharmacy.atom", "/feeds/evaluations/equity/age.atom"]


def direct_urls(corpus):
    pages = Page.objects.all()
    evaluations = [p.slug for p in pages if p.specific_class.__name__ == "EvaluationPage"]
    urls = ["/", "/sitemap.xml", "/feeds/evaluations.atom", "/evidence-map/", "/evidence-map.csv", "/glossary/"]
    urls += [*CONCEPT_FEEDS, "/feeds/resources.atom", "/feeds/events.atom"]
    urls += ["/api/v1/glossary", "/api/v1/glossary/skos.jsonld", "/api/v1/openapi.json", "/api/v1/docs"]
    urls += ["/evidence-map/?framework=equality-act&place=northshore", "/evidence-map.csv?framework=equality-act"]
    urls += [f"/api/v1/evaluations/{slug}" for slug in evaluations]
    urls += [f"/citations/{slug}.ris" for slug in evaluations]
    urls += [f"/glossary/{slug}/" for slug in corpus.terms]
    urls += [page.url for page in pages.specific() if page.url]  # hidden pages' own addresses too
    document = corpus.document
    urls += [f"/media/{document.file.name}", document.url, f"/documents/{document.pk}/{document.filename}"]
    return urls + search_urls()


def test_no_hidden_word_reaches_an_anonymous_reader(client, corpus):
    reader = Reader(client)
    crawl(reader, ["/"])
    for url in direct_urls(corpus):
        reader.get(url)
    feedback_posts(reader, Page.objects.filter(depth__gt=1).values_list("pk", flat=True))
    leaks = reader.leaks()
    assert not leaks, f"{len(leaks)} leaks:\n" + "\n".join(leaks)


def test_the_reader_can_see_public_content(client, corpus):
    """The control words are found where public content shows, so an empty leak report means something."""
    reader = Reader(client)
    assert len(crawl(reader, ["/"])) > 40
    for url in direct_urls(corpus):
        reader.get(url)
    title, address, upper = f"Evaluation {CONTROL}", f"/{CONTROL}-evaluation/", CONTROL.upper()
    expected = {
        "/": title,
        address.join(("/evaluations", "")): title,
        f"/summaries/{CONTROL}-summary/": title,
        "/our-work/": address,
        f"/search/?q={upper}": title,
        f"/search/export.csv?q={upper}": title,
        f"/search/autocomplete?q={upper}": title,
        f"/api/v1/search?q={upper}": title,
        f"/api/v1/evaluations/{CONTROL}-evaluation": title,
        f"/citations/{CONTROL}-evaluation.ris": title,
        "/feeds/evaluations.atom": title,
        **dict.fromkeys(CONCEPT_FEEDS, title),
        "/sitemap.xml": address,
        "/glossary/": CONTROL_TERM.title(),
        f"/glossary/{CONTROL_TERM}/": CONTROL_TERM.title(),
        "/api/v1/glossary": CONTROL_TERM.title(),
        f"/search/?q={CONTROL_TERM.upper()}": CONTROL_TERM.title(),
        f"/search/?q={upper}&type=in-progress&type=resource&type=event": f"Project {CONTROL}",
        f"/api/v1/search?q={upper}&type=in-progress&service=community-pharmacy": f"Project {CONTROL}",
    }
    missing = [url for url, text in expected.items() if text not in reader.get(url)[1]]
    assert missing == []
    # The public pages that link hidden ones are served.
    assert reader.get("/our-work/")[0] == reader.get("/summaries/internal-review-summary/")[0] == 200


def test_feedback_names_no_hidden_page_and_stores_nothing_for_it(client, corpus):
    """A hidden page's id gets exactly the answer an id that does not exist gets (no oracle), and no feedback."""
    reader = Reader(client)
    missing = Page.objects.order_by("-pk").first().pk + 1000
    _status, nothing_get = reader.get(f"/feedback/?page={missing}")
    nothing_post = reader.post("/feedback/", {"page": missing, "helpful": "no", "comment": "Hi", "path": ""})
    for page in corpus.hidden_pages:
        _status, text = reader.get(f"/feedback/?page={page.pk}")
        assert CSRF.sub("", text) == CSRF.sub("", nothing_get), page.slug
        answer = reader.post("/feedback/", {"page": page.pk, "helpful": "no", "comment": "Hi", "path": ""})
        assert (answer[0], CSRF.sub("", answer[1])) == (nothing_post[0], CSRF.sub("", nothing_post[1])), page.slug
    assert not PageFeedback.objects.filter(page__in=corpus.hidden_pages).exists()

    public = corpus.pages["control"]
    status, text = reader.get(f"/feedback/?page={public.pk}")
    assert status == 200 and f"Evaluation {CONTROL}" in text
    status, _text = reader.post("/feedback/", {"page": public.pk, "helpful": "no", "comment": "Hi", "path": ""})
    assert status == 302 and PageFeedback.objects.filter(page=public).count() == 1


def test_feedback_on_a_glossary_term_names_the_term(client, corpus):
    glossary = Page.objects.get(slug="glossary")
    response = client.post(
        "/feedback/", {"page": glossary.pk, "path": f"/glossary/{CONTROL_TERM}/", "helpful": "", "comment": ""}
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert f"About the page ‘{CONTROL_TERM.title()}’" in text, text
    assert f'href="/glossary/{CONTROL_TERM}/"' in text


def test_the_year_facet_offers_no_year_only_hidden_pages_have(client, corpus):
    response = client.get("/api/v1/search")
    years = {value["slug"] for value in response.json()["facets"]["year"]}
    assert years.isdisjoint({str(y) for y in HIDDEN_YEARS}), years
    page = client.get("/search/").content.decode()
    for year in HIDDEN_YEARS:
        assert f"year={year}" not in page and f'value="{year}"' not in page, year


def test_a_summary_of_a_hidden_evaluation_shows_no_year_or_tags_from_it(client, corpus):
    results = client.get("/api/v1/search?type=summary").json()["results"]
    by_title = {result["title"]: result for result in results}
    for title in ("What the internal review found", "What the new review found", "What the old review found"):
        assert (by_title[title]["year"], by_title[title]["services"]) == (None, []), title
    assert by_title[f"Summary {CONTROL}"]["year"] == leak_corpus.PUBLIC_YEAR


def test_a_year_goes_from_the_facet_when_its_only_page_is_restricted_or_unpublished(client, corpus):
    def years():
        return {value["slug"] for value in client.get("/api/v1/search").json()["facets"]["year"]}

    story = corpus.pages["story"]
    story.date = story.date.replace(year=1980)
    story.save_revision().publish()
    assert "1980" in years()
    PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.LOGIN)
    assert "1980" not in years()
    PageViewRestriction.objects.filter(page=story).delete()
    assert "1980" in years()
    story.unpublish()
    assert "1980" not in years()
