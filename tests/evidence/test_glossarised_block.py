"""{% glossarised %}: one linker over everything a reader reads on a page, skipping heading-like text."""

from bs4 import BeautifulSoup
from django.template import Context, Template

from evidence.glossary_links import GlossaryLinker, Term

CORE20 = Term("core20", "Core20", "The poorest fifth of areas.", "/glossary/core20/")
ADVISER = Term("public-adviser", "Public adviser", "A member of the public who guides a project.", "/p/")


def render(source, linker, **values):
    template = Template("{% load evidence_tags %}" + source)
    return BeautifulSoup(template.render(Context({"glossary_linker": linker, **values})), "html.parser")


def linked_in(soup):
    return [(a.find_parent(["p", "li", "dd", "td"]).name, a.get_text()) for a in soup.select("a.glossary-term__link")]


def test_block_links_labels_and_lists_once_in_reading_order():
    linker = GlossaryLinker([CORE20, ADVISER])
    soup = render(
        "{% glossarised %}<p class='nhsuk-lede-text'>{{ lede }}</p>"
        "<dl><dt>Written by</dt><dd><ul><li>Amina Khan ({{ role }})</li></ul></dd></dl>"
        "<p>Core20 again, and a public adviser again.</p>{% endglossarised %}",
        linker,
        lede="Children in Core20 areas & <others>.",
        role="public adviser",
    )
    assert linked_in(soup) == [("p", "Core20"), ("li", "public adviser")]
    assert "Children in" in soup.p.get_text() and "& <others>" in soup.p.get_text()  # escaped, not mark-up
    assert soup.find("others") is None


def test_block_shares_the_page_linker_with_glossarise():
    linker = GlossaryLinker([CORE20])
    soup = render(
        "{% glossarised %}<p>Core20 first.</p>{% endglossarised %}{% glossarise more %}", linker, more="<p>Core20.</p>"
    )
    assert linked_in(soup) == [("p", "Core20")]
    assert linker.linked == [CORE20]


def test_heading_like_text_is_never_linked():
    linker = GlossaryLinker([CORE20])
    soup = render(
        "{% glossarised %}<span class='nhsuk-caption-l'>Core20</span><h1>Core20</h1>"
        "<table><caption>Core20</caption><tr><th>Core20</th><td>Core20 in a cell</td></tr></table>"
        "<form><fieldset><legend>Core20</legend><label>Core20</label><select><option>Core20</option></select>"
        "</fieldset></form>{% endglossarised %}",
        linker,
    )
    assert linked_in(soup) == [("td", "Core20")]
