from django import template
from django.utils.safestring import mark_safe

from evidence.concepts import concept_context
from evidence.glossary_terms import linker_for_page

register = template.Library()


def _page_linker(context):
    """The page's one linker (set by the page's get_context), so each term is linked once across its texts."""
    linker = context.get("glossary_linker")
    if linker is None:
        linker = linker_for_page()
        context["glossary_linker"] = linker
    return linker


@register.simple_tag(takes_context=True)
def glossarise(context, html):
    """Render rich text (or a StreamField) with glossary terms linked at their first occurrence on the page."""
    return mark_safe(_page_linker(context).link(str(html) if html is not None else ""))


@register.tag
def glossarised(parser, token):
    """{% glossarised %}…{% endglossarised %}: link glossary terms in everything rendered inside, in reading order.

    Wrap all the running text a reader reads (summary, findings, equity answers, labels, lists) in one block, so
    nothing is missed and the first occurrence on the page is the one linked; headings and links stay unlinked.
    """
    nodelist = parser.parse(("endglossarised",))
    parser.delete_first_token()
    return GlossarisedNode(nodelist)


class GlossarisedNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        linker = _page_linker(context)
        parts = context.get("page_parts")  # portal/page_cache_parts.py: a reader's page, once per revision
        if parts is None:
            return mark_safe(linker.link(self.nodelist.render(context)))
        # The linked text depends on the terms linked before it too (each is linked once per page).
        name = ("glossarised", self.token.position, tuple(term.slug for term in linker.linked))
        held = parts.get(name)
        if held is None:
            before = len(linker.linked)
            html = linker.link(self.nodelist.render(context))
            held = (html, tuple(linker.linked[before:]))
            parts.put(name, held)
        else:
            linker.linked.extend(held[1])  # the words-explained list after the body names them
        return mark_safe(held[0])


@register.simple_tag
def concept_of(term):
    """{% concept_of term as concept %}: the service, equity dimension or framework a glossary entry explains,
    with its neighbours and a search for its evidence (evidence/concepts.py), or None."""
    return concept_context(term)
