"""Structured records of published evidence, shared by the JSON API, RIS citations and the Atom feed."""

from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404

from portal.site_address import absolute_url
from portal.visibility import is_public_document, public_terms

from .models import TAXONOMY_PREFETCH, CaseStudyPage, EvaluationPage, PlainLanguageSummaryPage


def published_evaluation(slug):
    evaluation = EvaluationPage.objects.live().public().filter(slug=slug).first()
    if evaluation is None:
        raise Http404(f"No published evaluation called '{slug}'.")
    prefetch_related_objects([evaluation], "team", "next_steps", *TAXONOMY_PREFETCH)
    return evaluation


def stream_text(stream):
    from .readability import html_to_text

    return [html_to_text(str(block.render())) for block in stream]


def evaluation_record(evaluation, request):
    def absolute(url):
        return absolute_url(url, request) or None

    summary = (
        PlainLanguageSummaryPage.objects.live()
        .public()
        .filter(evaluation=evaluation)
        .prefetch_related("co_authors")
        .first()
    )
    case_studies = CaseStudyPage.objects.live().public().filter(evaluations__evaluation=evaluation).order_by("-date")
    sign_off = summary.sign_off if summary else None
    return {
        "title": evaluation.title,
        "slug": evaluation.slug,
        "url": absolute(evaluation.get_url(request)),
        "summary": evaluation.summary,
        "period_start": evaluation.period_start,
        "period_end": evaluation.period_end,
        "completed": evaluation.completed,
        "method": evaluation.method,
        "method_label": evaluation.get_method_display(),
        "services": [
            {"slug": s.slug, "name": s.name, "parent": s.parent.slug if s.parent_id else None}
            for s in evaluation.services
        ],
        "equity_dimensions": [
            {"slug": d.slug, "name": d.name, "framework": d.framework} for d in evaluation.equity_dimensions
        ],
        "places": [{"slug": p.slug, "name": p.name, "kind": p.kind} for p in evaluation.places],
        "team": [{"name": m.name, "role": m.role, "organisation": m.organisation} for m in evaluation.team.all()],
        "findings": stream_text(evaluation.findings),
        "recommendations": stream_text(evaluation.recommendations),
        "equity": {
            "who_benefits": evaluation.who_benefits,
            "who_left_out": evaluation.who_left_out,
            "unintended_consequences": evaluation.unintended_consequences,
            "reduce_gap": evaluation.reduce_gap,
        },
        "what_happened_next": [{"date": s.date, "description": s.description} for s in evaluation.next_steps.all()],
        "citation": evaluation.citation,
        "doi": evaluation.doi or None,
        "report_url": absolute(evaluation.report.url) if is_public_document(evaluation.report) else None,
        "last_reviewed": evaluation.last_reviewed,
        "next_review": evaluation.next_review,
        "plain_language_summary": (
            {
                "title": summary.title,
                "url": absolute(summary.get_url(request)),
                "readability": {
                    "reading_age": summary.reading_age,
                    "flesch_reading_ease": summary.flesch_reading_ease,
                    "words": summary.word_count,
                    "average_sentence_length": summary.average_sentence_length,
                },
                "co_authors": [{"name": a.name, "role": a.role} for a in summary.co_authors.all()],
                "sign_off": {"name": sign_off.name, "signed_off_at": sign_off.signed_off_at} if sign_off else None,
            }
            if summary
            else None
        ),
        "case_studies": [{"title": c.title, "url": absolute(c.get_url(request))} for c in case_studies],
    }


def published_terms():
    """The glossary for the API, A to Z, with only the related terms readers may see."""
    return public_terms().prefetch_related(Prefetch("related_terms", queryset=public_terms())).order_by("term")
