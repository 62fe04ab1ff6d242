"""One paginator for every listing: bad page numbers never raise, they land on a real page."""

from django.core.paginator import Paginator


def paginate(request, items, per_page, count=None):
    """Return (page, notice). `notice` explains when the requested page was corrected. `count`: the number of items
    when the caller already knows it (a listing remembers it per content generation), so it is not counted again."""
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count
    raw = request.GET.get("page", "1")
    notice = ""
    try:
        number = int(raw)
    except (TypeError, ValueError):
        number = 1
        notice = "That page number was not recognised, so you are on page 1."
    if number < 1:
        number = 1
        notice = "Page numbers start at 1, so you are on page 1."
    elif number > paginator.num_pages:
        notice = (
            "There is only 1 page, so you are on it."
            if paginator.num_pages == 1
            else f"There are only {paginator.num_pages} pages, so you are on the last one."
        )
        number = paginator.num_pages
    return paginator.page(number), notice
