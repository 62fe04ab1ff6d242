"""Site-wide template tags: page metadata (canonical, Open Graph, schema.org JSON-LD), the primary navigation,
the links between an evaluation, its summary and its case studies, and the optional feedback form include."""

import json

from django import template
from django.template import TemplateDoesNotExist
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.reader_memo import public
from portal.site_address import absolute_url

register = template.Library()

FEEDBACK_TEMPLATE = "components/feedback_form.html"
DEFAULT_DESCRIPTION = (
    "Co-produced evaluations of local health and care services: who they reach, and who they leave behind."
)

# (label, path): the header's primary navigation, then the glossary (wherever its page is). A section is current
# when the request path is inside it.
PRIMARY_NAVIGATION = [
    ("Evaluations", "/evaluations/"),
    ("Plain-language summaries", "/summaries/"),
    ("Case studies", "/case-studies/"),
    ("Evidence map", "/evidence-map/"),
    ("Resources", "/resources/"),
    ("Evaluations in progress", "/register/"),
]


@register.simple_tag
def glossary_url():
    """The glossary's address, from its page (cached by GlossaryPage.base_url): the one source for every link."""
    from evidence.models import GlossaryPage  # here, not at the top: home must not import evidence when it loads

    return GlossaryPage.base_url()


@register.simple_tag(takes_context=True)
def primary_navigation(context):
    request = context.get("request")
    path = request.path if request else ""
    return [
        {"label": label, "href": href, "current": path == href, "active": path.startswith(href) and path != href}
        for label, href in [*PRIMARY_NAVIGATION, ("Glossary", glossary_url())]
    ]


@register.simple_tag(takes_context=True)
def feedback_form(context):
    """Render components/feedback_form.html (owned by the feedback app) if it exists, in the current context."""
    try:
        form_template = context.template.engine.get_template(FEEDBACK_TEMPLATE)
    except TemplateDoesNotExist:
        return ""
    return form_template.render(context)


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's one address (portal/site_address.py): pages through BasePage.get_url_parts, glossary terms
    their own page, anything else the request's path."""
    request = context.get("request")
    page = context.get("page")
    term = context.get("term")
    if term is not None and page is not None:
        return absolute_url(term.url, request)
    if page is not None and hasattr(page, "get_full_url"):
        return page.get_full_url(request) or ""
    if request is not None:
        return absolute_url(request.path, request)
    return ""


@register.simple_tag(takes_context=True)
def meta_description(context):
    page = context.get("page")
    term = context.get("term")
    if term is not None:
        return term.definition
    if page is not None:
        return getattr(page, "search_description", "") or getattr(page, "summary", "") or DEFAULT_DESCRIPTION
    return DEFAULT_DESCRIPTION


def _og_image(request, page):
    """The case study's lead image, else the portal logo; absolute URLs (Open Graph needs them)."""
    from wagtail.images.models import SourceImageIOError

    image = getattr(page, "lead_image", None) if page is not None else None
    alt = image.description if image else ""
    if image is None and request is not None:
        from home.models import PortalSettings

        image = PortalSettings.for_request(request).logo
        alt = ""
    if image is None:
        return None
    try:
        rendition = image.get_rendition("fill-1200x630")
    except (SourceImageIOError, OSError):
        return None
    url = absolute_url(rendition.url, request)
    return {"url": url, "width": rendition.width, "height": rendition.height, "alt": alt}


OG_ARTICLE_TYPES = {"evaluationpage", "plainlanguagesummarypage", "casestudypage"}


@register.inclusion_tag("components/meta_tags.html", takes_context=True)
def page_meta(context):
    """Canonical link, description, Open Graph and JSON-LD for the page being rendered."""
    request = context.get("request")
    page = context.get("page")
    portal_name = _portal_name(request)
    model = page._meta.model_name if page is not None else ""
    modified = getattr(page, "last_published_at", None) if page is not None else None
    return {
        "canonical": canonical_url(context),
        "description": meta_description(context),
        "og_type": "article" if model in OG_ARTICLE_TYPES else "website",
        "og_image": _og_image(request, page),
        "modified": modified,
        "portal_name": portal_name,
        "title": _title(context),
        "structured_data": structured_data(context),
        "noindex": context.get("noindex", False),
    }


def _title(context):
    page = context.get("page")
    term = context.get("term")
    if term is not None:
        return f"{term.term} – Glossary"
    if page is not None:
        return getattr(page, "seo_title", "") or page.title
    return context.get("meta_title", "")


def _portal_name(request):
    from home.models import PortalSettings

    if request is None:
        return "Equity Evidence Portal"
    return PortalSettings.for_request(request).portal_name


def json_ld(data):
    """A JSON-LD <script>; <, > and & are escaped so text can never close the element."""
    if not data:
        return ""
    text = json.dumps(data, ensure_ascii=False, default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def structured_data(context):
    """schema.org for the page type: evaluations are Reports (and scholarly articles), the glossary a
    DefinedTermSet with each term page a DefinedTerm, summaries and case studies Articles based on an evaluation."""
    from . import structured_data as sd

    request = context.get("request")
    page = context.get("page")
    if page is None:
        return ""
    builder = sd.BUILDERS.get(page._meta.model_name)
    if builder is None:
        return ""
    parts = context.get("page_parts")  # portal/page_cache_parts.py: a reader's page, once per revision
    held = parts.get("structured_data") if parts is not None else None
    if held is None:
        held = json_ld(builder(request, page, context, _portal_name(request)))
        if parts is not None:
            parts.put("structured_data", held)
    return held


@register.simple_tag
def case_studies_for(evaluation):
    """Live, public case studies that draw on an evaluation (for links from its plain-language summary)."""
    from evidence.models import CaseStudyPage

    if evaluation is None:
        return CaseStudyPage.objects.none()
    return public(CaseStudyPage.objects.filter(evaluations__evaluation=evaluation)).order_by("-date")


@register.simple_tag
def breadcrumb_ancestors(page):
    """The page's ancestors below the tree root, top first. Routing has already loaded each parent on the way to
    the page (`_cached_parent_obj`, as Wagtail keeps it): no query then; one otherwise (a preview, say)."""
    trail, current = [], page
    while current.depth > 2:
        current = current.__dict__.get("_cached_parent_obj")
        if current is None:
            return list(page.get_ancestors().filter(depth__gt=1))
        trail.append(current)
    return trail[::-1]


@register.filter
def public_advisers(people):
    """Team members or co-authors credited as public advisers."""
    from evidence.models import TeamRole

    return [person for person in people if person.role == TeamRole.PUBLIC_ADVISER]


@register.filter
def reading_ease_words(score):
    """Flesch reading ease (0–100, higher is easier) as words, e.g. 'fairly easy'."""
    if score is None:
        return ""
    if score >= 80:
        return "easy"
    if score >= 60:
        return "fairly easy"
    if score >= 50:
        return "fairly hard"
    return "hard"


@register.simple_tag
def with_summaries(evaluations):
    """[(evaluation, its live public plain-language summary or None)] in one query, for a case study's links."""
    from evidence.models import PlainLanguageSummaryPage

    evaluations = list(evaluations or [])
    summaries = {
        summary.evaluation_id: summary
        for summary in public(PlainLanguageSummaryPage.objects.filter(evaluation__in=evaluations))
    }
    return [(evaluation, summaries.get(evaluation.pk)) for evaluation in evaluations]
