"""The facet list markup built in Python (search/templatetags/search_facets.py) escapes and marks state."""

from search.results import FacetValue
from search.templatetags.search_facets import facet_items


def test_labels_and_urls_are_escaped():
    html = facet_items([FacetValue(slug="x", label="<b>A & B</b>", count=3, selected=False, url="?q=a&b=<c>")])
    assert "<b>" not in html and "&lt;b&gt;A &amp; B&lt;/b&gt;" in html
    assert 'href="?q=a&amp;b=&lt;c&gt;"' in html
    assert "(3)" in html


def test_selected_zero_and_level():
    html = facet_items(
        [
            FacetValue(slug="a", label="Chosen", count=2, selected=True, url="?", level=1),
            FacetValue(slug="b", label="Nothing", count=0, selected=False, url=""),
        ]
    )
    chosen, nothing = html.split("\n")
    assert 'aria-current="true"' in chosen and "portal-facet__value--level-1" in chosen
    assert "<a " not in nothing and "(0)" in nothing
