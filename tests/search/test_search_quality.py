"""Search quality on the demo content, measured on whichever backend this run uses (this folder runs on SQLite,
PostgreSQL and OpenSearch: tools/test/matrix.sh). For each judged query (judged_queries.py):

- recall: of the evaluations that answer it, the share found anywhere in the results (an evaluation counts as
  found when it, its summary or a case study about it is among them);
- precision@10: of the first ten evidence results (fewer when fewer are found), the share that are relevant;
- evidence first: the first result is evidence, not a glossary term.

Typos are judged on what "Did you mean …?" offers when the typed query finds nothing. Figures are printed at the
end of the run and written in docs/search-quality.md with the command that measured them.
"""

import statistics

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict

from evidence.models import CaseStudyPage, EvaluationPage, PlainLanguageSummaryPage
from search.params import parse
from search.service import run_search
from search.vocabulary import clear_vocabulary, get_vocabulary

from .judged_queries import JUDGED

THRESHOLDS = {"recall": 0.8, "precision@10": 0.7, "evidence first": 0.9}
RESULTS_READ = 200
# The figures go in the test's report (user property "search_quality"); tests/conftest.py prints them at the end
# of the run, also when the test ran in a pytest-xdist worker.


def _evaluation_tags():
    """{evaluation slug: {"equity": {slugs}, "service": {slugs, with parents}, "slug": {slug}}}."""
    tags = {}
    pages = EvaluationPage.objects.live().prefetch_related(
        "page_equity_dimensions__equity_dimension", "page_services__service__parent"
    )
    for page in pages:
        services = set()
        for link in page.page_services.all():
            services.add(link.service.slug)
            if link.service.parent_id:
                services.add(link.service.parent.slug)
        tags[page.slug] = {
            "equity": {link.equity_dimension.slug for link in page.page_equity_dimensions.all()},
            "service": services,
            "slug": {page.slug},
        }
    return tags


def _evaluations_behind():
    """{page url: {evaluation slugs}} for every evidence page: itself, a summary's evaluation, a case study's."""
    behind = {page.url: {page.slug} for page in EvaluationPage.objects.live()}
    for summary in PlainLanguageSummaryPage.objects.live().select_related("evaluation"):
        behind[summary.url] = {summary.evaluation.slug}
    for story in CaseStudyPage.objects.live().prefetch_related("evaluations__evaluation"):
        behind[story.url] = {link.evaluation.slug for link in story.evaluations.all()}
    return behind


def _search(q, vocabulary):
    query = QueryDict(mutable=True)
    query["q"] = q
    params = parse(query, vocabulary=vocabulary)
    return run_search(params, page_size=RESULTS_READ)


def _measure(kind, q, rule, tags, behind, vocabulary):
    relevant = {slug for slug, have in tags.items() if any(set(values) & have[key] for key, values in rule.items())}
    assert relevant, f"{q!r}: no demo evaluation is relevant: fix judged_queries.py"
    result = _search(q, vocabulary)
    if kind == "typo" and not result.total and getattr(result, "suggestion", None):
        result = _search(result.suggestion.q, vocabulary)
    evidence = [item for item in result.items if item.type != "glossary-term"]
    found = set().union(*(behind.get(item.url, set()) for item in evidence))
    top = evidence[:10]
    hits = sum(1 for item in top if behind.get(item.url, set()) & relevant)
    return {
        "recall": len(found & relevant) / len(relevant),
        "precision@10": hits / len(top) if top else 0.0,
        "evidence first": float(bool(result.items) and result.items[0].type != "glossary-term"),
    }


@pytest.mark.django_db
@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_judged_queries_meet_the_quality_bar(record_property):
    assert len(JUDGED) >= 60
    call_command("load_demo_content", verbosity=0)
    clear_vocabulary()
    vocabulary = get_vocabulary()
    tags, behind = _evaluation_tags(), _evaluations_behind()
    scores = {(kind, q): _measure(kind, q, rule, tags, behind, vocabulary) for kind, q, rule in JUDGED}
    clear_vocabulary()

    means = {metric: statistics.mean(s[metric] for s in scores.values()) for metric in THRESHOLDS}
    by_kind = {
        kind: {
            metric: statistics.mean(s[metric] for (k, _q), s in scores.items() if k == kind) for metric in THRESHOLDS
        }
        for kind in dict.fromkeys(k for k, _q, _r in JUDGED)
    }
    backend = run_search(parse(QueryDict("q=care"), vocabulary=vocabulary)).backend
    record_property("search_quality", (f"{backend} on {connection.vendor}", {"all": means, **by_kind}))
    weak = {
        q: {m: round(v, 2) for m, v in s.items()}
        for (_k, q), s in scores.items()
        if s["recall"] < 0.5 or s["precision@10"] < 0.5 or not s["evidence first"]
    }
    below = {metric: round(value, 3) for metric, value in means.items() if value < THRESHOLDS[metric]}
    assert not below, f"below the bar {THRESHOLDS}: {below}; weakest queries: {weak}"
