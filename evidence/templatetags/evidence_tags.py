from django import template
from django.utils.safestring import mark_safe

from evidence.glossary_terms import linker_for_page

register = template.Library()


@register.simple_tag(takes_context=True)
def glossarise(context, html):
    """Render rich text (or a StreamField) with glossary terms linked at their first occurrence on the page."""
    linker = context.get("glossary_linker")
    if linker is None:
        linker = linker_for_page()
        context["glossary_linker"] = linker
    return mark_safe(linker.link(str(html) if html is not None else ""))
