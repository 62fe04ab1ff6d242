"""Evidence-specific downloads: RIS citations and the Atom feed of newly published evaluations."""

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_GET

from portal.site_address import absolute_url

from .models import EvaluationPage
from .records import published_evaluation


def _ris_line(tag, value):
    value = " ".join(str(value).split())
    return f"{tag}  - {value}" if value else None


@require_GET
def citation_ris(request, slug):
    """A citation for reference managers (EndNote, Zotero, Mendeley)."""
    evaluation = published_evaluation(slug)
    authors = [m.name for m in evaluation.team.all() if m.role in ("researcher", "practitioner", "public-adviser")]
    lines = [
        "TY  - RPRT",
        _ris_line("TI", evaluation.title),
        *[_ris_line("AU", name) for name in authors or [m.name for m in evaluation.team.all()]],
        _ris_line("PY", evaluation.completed.year),
        _ris_line("DA", evaluation.completed.strftime("%Y/%m/%d")),
        _ris_line("AB", evaluation.summary),
        *[_ris_line("KW", s.name) for s in evaluation.services],
        *[_ris_line("KW", d.name) for d in evaluation.equity_dimensions],
        _ris_line("DO", evaluation.doi),
        _ris_line("UR", evaluation.get_full_url(request)),
        _ris_line("N1", evaluation.citation),
        "ER  - ",
    ]
    response = HttpResponse(
        "\r\n".join(line for line in lines if line) + "\r\n", content_type="application/x-research-info-systems"
    )
    response["Content-Disposition"] = f'attachment; filename="{evaluation.slug}.ris"'
    return response


class EvaluationsFeed(Feed):
    """Links and ids are the site's own address (portal/site_address.py): Django's feed would otherwise prefix
    the request's host even where PORTAL_BASE_URL names another. The request is the feed's object, so the
    links can be built from it."""

    feed_type = Atom1Feed
    title = "New evaluations – Equity Evidence Portal"
    subtitle = "Co-produced evaluations of local health and care services, newest first."

    def get_object(self, request, *args, **kwargs):
        return request

    def link(self, request):
        return absolute_url("/evaluations/", request)

    def feed_url(self, request):
        return absolute_url(request.path, request)

    def items(self, request):
        evaluations = list(EvaluationPage.objects.live().public().order_by("-first_published_at")[:30])
        for evaluation in evaluations:
            evaluation.feed_link = evaluation.get_full_url(request)
        return evaluations

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.feed_link

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at
