"""The facet value list of the search page, rendered in one pass.

A search page lists every value of every facet (about 200), each a link with its count. Rendering them with
template tags took about a third of the page's time at 10,000 evaluations, so this tag builds the same markup
with `format_html` (everything escaped) instead.
"""

from django import template
from django.utils.html import format_html, format_html_join

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
    if value.selected:
        return format_html(SELECTED, value.level, value.url, value.label, value.count)
    if value.url:
        return format_html(LINK, value.level, value.url, value.label, value.count)
    return format_html(EMPTY, value.level, value.label)


@register.simple_tag
def facet_items(values):
    """The <li> of each facet value: a link with its count, the selected ones marked, zero counts not links."""
    return format_html_join("\n", "{}", ((facet_item(value),) for value in values))
