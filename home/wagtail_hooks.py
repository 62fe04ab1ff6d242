"""Editors' content checks: Wagtail's content checker (axe accessibility checks plus content metrics) runs in
the userbar on previews and in the editor's Checks side panel. Wagtail's default runs ten rules; the portal runs
the WCAG 2.x A/AA rules an editor can break through content, and only inside <main> (the header and footer
are templates, tested by tests/functional/)."""

from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem

from portal.rich_text_links import register_link_types

# Rules an editor can trip through rich text, StreamField blocks, images and page fields (all WCAG A/AA,
# except Wagtail's own alt-text-quality and empty-meta-description, kept from its defaults).
CONTENT_RULES = [
    *ContentCheckerItem.axe_run_only,
    "image-alt",
    "role-img-alt",
    "svg-img-alt",
    "list",
    "listitem",
    "definition-list",
    "dlitem",
    "th-has-data-cells",
    "td-headers-attr",
    "valid-lang",
    "link-in-text-block",
    "color-contrast",
]


class PortalContentChecker(ContentCheckerItem):
    axe_include = ["main"]
    axe_run_only = list(dict.fromkeys(CONTENT_RULES))


@hooks.register("construct_wagtail_userbar")
def use_portal_content_checker(request, items, page):
    for index, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(item, PortalContentChecker):
            items[index] = PortalContentChecker(in_editor=item.in_editor)


# After Wagtail's own (order): links to pages and documents readers cannot see render without an address.
hooks.register("register_rich_text_features", register_link_types, order=100)


@hooks.register("on_serve_page", order=100)
def mark_content_page(serve):
    """Innermost (after Wagtail's view-restriction check, order 0): the response names the page it shows, which
    makes it a content page portal/page_cache.py may give validators and cache. A restricted page never gets here
    for an anonymous reader, and Wagtail marks it never-cache for anyone else."""

    def inner(page, request, args, kwargs):
        response = serve(page, request, args, kwargs)
        response.portal_page = page
        return response

    return inner
