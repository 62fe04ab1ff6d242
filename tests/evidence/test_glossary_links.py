"""The inline glossary linker (pure function over HTML)."""

from bs4 import BeautifulSoup

from evidence.glossary_links import GlossaryLinker, Term

IMD = Term(
    "imd",
    "Index of Multiple Deprivation",
    "A way to rank areas by how poor they are.",
    "/glossary/imd/",
    ("IMD", "deprivation index"),
)
CORE20 = Term("core20", "Core20", "The poorest fifth of areas.", "/glossary/core20/")
CORE20PLUS5 = Term("core20plus5", "Core20PLUS5", "An NHS England plan.", "/glossary/core20plus5/")


def links(html):
    soup = BeautifulSoup(html, "html.parser")
    return [(a["href"], a.get_text()) for a in soup.select("a.glossary-term__link")]


def test_links_first_occurrence_only():
    linker = GlossaryLinker([CORE20])
    html = linker.link("<p>Core20 areas matter. Core20 again.</p><p>And Core20 once more.</p>")
    assert links(html) == [("/glossary/core20/", "Core20")]
    assert "Core20 again." in html and "And Core20 once more." in html


def test_first_occurrence_is_remembered_across_calls_on_one_page():
    linker = GlossaryLinker([CORE20])
    first = linker.link("<p>Core20 here.</p>")
    second = linker.link("<p>Core20 there.</p>")
    assert len(links(first)) == 1 and links(second) == []
    assert linker.linked == [CORE20]


def test_aliases_match_case_insensitively_and_keep_the_readers_wording():
    linker = GlossaryLinker([IMD])
    html = linker.link("<p>Areas are ranked by the imd score.</p>")
    assert links(html) == [("/glossary/imd/", "imd")]
    assert "Index of Multiple Deprivation" in html  # the definition names the term


def test_whole_words_only():
    linker = GlossaryLinker([IMD, CORE20])
    html = linker.link("<p>IMDB lists films. Core20-ish is not a term. pre-IMD neither.</p>")
    assert links(html) == []


def test_longest_name_wins():
    linker = GlossaryLinker([CORE20, CORE20PLUS5])
    html = linker.link("<p>The Core20PLUS5 plan covers Core20 areas.</p>")
    assert links(html) == [("/glossary/core20plus5/", "Core20PLUS5"), ("/glossary/core20/", "Core20")]


def test_never_inside_headings_or_existing_links():
    linker = GlossaryLinker([CORE20])
    html = linker.link('<h2>Core20 heading</h2><p><a href="/x">Core20 link</a></p><p>Core20 in text.</p>')
    soup = BeautifulSoup(html, "html.parser")
    assert soup.h2.get_text() == "Core20 heading"
    assert soup.find("a", href="/x").get_text() == "Core20 link"
    assert links(html) == [("/glossary/core20/", "Core20")]
    assert soup.select_one(".glossary-term").find_parent("p").get_text().startswith("Core20")


def test_output_is_html_escaped():
    evil = Term("evil", "Evil", 'Bad <script>alert("x")</script> & worse', "/glossary/evil/")
    linker = GlossaryLinker([evil])
    html = linker.link("<p>An evil &lt;b&gt;thing&lt;/b&gt;.</p>")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;b&gt;thing&lt;/b&gt;" in html


def test_definition_can_be_revealed_without_javascript_or_a_mouse():
    linker = GlossaryLinker([CORE20])
    soup = BeautifulSoup(linker.link("<p>Core20 areas.</p>"), "html.parser")
    button = soup.select_one("button.glossary-term__toggle")
    target = soup.find(id=button["popovertarget"])
    assert button["type"] == "button" and "Core20" in button["aria-label"]
    assert target.has_attr("popover")
    assert "The poorest fifth of areas." in target.get_text()
    assert target.find("a", href="/glossary/core20/")


def test_regex_special_characters_in_terms_are_literal():
    odd = Term("c-plus", "C++ (care)", "A made-up term.", "/glossary/c-plus/")
    linker = GlossaryLinker([odd])
    assert links(linker.link("<p>We met C++ (care) today. Cx (care) no.</p>")) == [("/glossary/c-plus/", "C++ (care)")]


def test_no_terms_leaves_html_unchanged():
    assert GlossaryLinker([]).link("<p>Core20</p>") == "<p>Core20</p>"
