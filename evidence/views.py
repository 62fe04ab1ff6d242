"""Evidence-specific downloads: RIS citations and the Atom feed of newly published evaluations."""

from django.http import HttpResponse
from django.views.decorators.http import require_GET

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
