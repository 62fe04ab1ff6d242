from django.template.response import TemplateResponse

from portal.cache_headers import private_if_query


@private_if_query
def search(request):
    """Placeholder search page: the faceted search service replaces this (see the search issue)."""
    query = request.GET.get("q", "")[:500]
    return TemplateResponse(request, "search/search.html", {"search_query": query})
