"""The facet value list of the search page, rendered in one pass.

A search page lists every value of every facet (about 200), each a link with its count. Rendering them with
template tags took about a third of the page's time at 10,000 evaluations, so this tag builds the same markup
with `str.format` on escaped text instead.
"""

from html import escape

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

SELECTED = (
    '<li class="portal-facet__value portal-facet__value--level-{}"><a href="{}" '
    'class="portal-facet__link portal-facet__link--selected" aria-current="true">'
    '<span class="portal-facet__tick" aria-hidden="true">✓</span> {} <span class="portal-facet__count">({})</span>'
    '<span class="nhsuk-u-visually-hidden">, selected: select to remove</span></a></li>'
)
LINK = (
    '<li class="portal-facet__value portal-facet__value--level-{}"><a href="{}" class="portal-facet__link">'
    '{} <span class="portal-facet__count">({})</span><span class="nhsuk-u-visually-hidden"> results</span></a></li>'
)
EMPTY = (
    '<li class="portal-facet__value portal-facet__value--level-{}"><span class="portal-facet__empty">{} '
    '<span class="portal-facet__count">(0)</span><span class="nhsuk-u-visually-hidden"> results</span></span></li>'
)


def facet_item(value):
    """One value's <li>. Every piece of text is escaped here (the standard library's `html.escape`, as Django's
    `escape` does, without its per-call lazy-string handling: 200 values took 3.6 ms with `format_html`)."""
    level, label, count = int(value.level), escape(value.label), int(value.count)
    if value.selected:
        return SELECTED.format(level, escape(value.url), label, count)
    if value.url:
        return LINK.format(level, escape(value.url), label, count)
    return EMPTY.format(level, label)


@register.simple_tag
def facet_items(values):
    """The <li> of each facet value: a link with its count, the selected ones marked, zero counts not links."""
    return mark_safe("\n".join(facet_item(value) for value in values))  # every piece escaped in facet_item
