"""schema.org JSON-LD for each page type (rendered by `portal_tags.page_meta`). Plain dictionaries: easy to test.

- evaluations: Report and ScholarlyArticle, with the team as authors, what it is about, where and when;
- plain-language summaries and case studies: Articles based on their evaluation(s);
- the glossary: a DefinedTermSet listing every term; each term page a DefinedTerm in that set;
- the home page: the WebSite with its search action.
"""

CONTEXT = "https://schema.org"
LANGUAGE = "en-GB"


def _date(value):
    return value.isoformat() if value else None


def _clean(data):
    """Drop empty values so the output only states what is known."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def _publisher(portal_name, request):
    from home.models import PortalSettings

    settings = PortalSettings.for_request(request) if request is not None else None
    name = (settings.organisation_name if settings else "") or portal_name
    return {"@type": "Organization", "name": name}


def _url(page, request):
    return page.get_full_url(request) if page is not None else None


def _article(request, page, portal_name, schema_type, published, **details):
    """What every evidence page states, whatever its type: name, address, language, dates and publisher."""
    return _clean(
        {
            "@context": CONTEXT,
            "@type": schema_type,
            "name": page.title,
            "headline": page.title[:110],
            "description": page.summary,
            "url": _url(page, request),
            "inLanguage": LANGUAGE,
            "datePublished": _date(published),
            "dateModified": _date(page.last_published_at),
            **details,
            "publisher": _publisher(portal_name, request),
            "isAccessibleForFree": True,
        }
    )


def evaluation(request, page, context, portal_name):
    from evidence.models import TeamRole

    summary_page = context.get("summary_page")
    case_studies = list(context.get("case_studies") or [])
    subject_of = []
    if summary_page is not None:
        subject_of.append({"@type": "Article", "name": summary_page.title, "url": _url(summary_page, request)})
    subject_of += [{"@type": "Article", "name": story.title, "url": _url(story, request)} for story in case_studies]
    team = list(page.team.all())
    return _article(
        request,
        page,
        portal_name,
        ["Report", "ScholarlyArticle"],
        page.completed,
        temporalCoverage=f"{_date(page.period_start)}/{_date(page.period_end)}"
        if page.period_start and page.period_end
        else None,
        author=[
            _clean(
                {
                    "@type": "Person",
                    "name": member.name,
                    "jobTitle": member.get_role_display(),
                    "affiliation": {"@type": "Organization", "name": member.organisation}
                    if member.organisation
                    else None,
                }
            )
            for member in team
        ],
        contributor=[
            {"@type": "Person", "name": m.name, "jobTitle": "Public adviser"}
            for m in team
            if m.role == TeamRole.PUBLIC_ADVISER
        ],
        about=[
            {"@type": "DefinedTerm", "name": d.name, "inDefinedTermSet": d.get_framework_display()}
            for d in page.equity_dimensions
        ]
        + [{"@type": "Thing", "name": str(s)} for s in page.services],
        spatialCoverage=[{"@type": "Place", "name": place.name} for place in page.places],
        genre=page.get_method_display(),
        identifier={"@type": "PropertyValue", "propertyID": "DOI", "value": page.doi} if page.doi else None,
        sameAs=page.doi_url or None,
        subjectOf=subject_of,
    )


def summary(request, page, context, portal_name):
    return _article(
        request,
        page,
        portal_name,
        "Article",
        page.first_published_at,
        author=[{"@type": "Person", "name": a.name, "jobTitle": a.get_role_display()} for a in page.co_authors.all()],
        isBasedOn=_url(context.get("evaluation"), request),
    )


def case_study(request, page, context, portal_name):
    evaluations = context.get("evaluations") or []
    return _article(request, page, portal_name, "Article", page.date, isBasedOn=[_url(e, request) for e in evaluations])


def _term(term, base):
    return _clean(
        {
            "@type": "DefinedTerm",
            "name": term.term,
            "description": term.definition,
            "url": f"{base}{term.url}",
            "termCode": term.slug,
            "alternateName": term.alias_list,
        }
    )


def glossary(request, page, context, portal_name):
    url = _url(page, request)
    base = url[: -len(page.url)] if url and page.url and url.endswith(page.url) else ""
    term_set = {"@type": "DefinedTermSet", "@id": url, "name": page.title, "url": url}
    term = context.get("term")
    if term is not None:
        return {"@context": CONTEXT, **_term(term, base), "inDefinedTermSet": term_set}
    terms = [t for group in (context.get("letters") or {}).values() for t in group]
    return _clean(
        {
            "@context": CONTEXT,
            **term_set,
            "description": page.introduction or page.summary,
            "inLanguage": LANGUAGE,
            "hasDefinedTerm": [_term(t, base) for t in terms],
        }
    )


def home(request, page, context, portal_name):
    url = _url(page, request)
    return _clean(
        {
            "@context": CONTEXT,
            "@type": "WebSite",
            "name": portal_name,
            "url": url,
            "description": page.summary,
            "inLanguage": LANGUAGE,
            "publisher": _publisher(portal_name, request),
            "potentialAction": {
                "@type": "SearchAction",
                "target": {"@type": "EntryPoint", "urlTemplate": f"{url.rstrip('/')}/search/?q={{search_term_string}}"},
                "query-input": "required name=search_term_string",
            }
            if url
            else None,
        }
    )


BUILDERS = {
    "evaluationpage": evaluation,
    "plainlanguagesummarypage": summary,
    "casestudypage": case_study,
    "glossarypage": glossary,
    "homepage": home,
}
