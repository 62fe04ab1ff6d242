"""/api/v1/glossary/skos.jsonld: the whole vocabulary as SKOS, read the way a consumer would, with rdflib (parsed
as JSON-LD into a graph and queried with SPARQL), never by matching the JSON text."""

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from devdata.factories import EquityDimensionFactory, GlossaryTermFactory, ServiceFactory
from evidence.models import Framework

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning"),  # inside rdflib 7.6
]
URL = "/api/v1/glossary/skos.jsonld"
BASE = f"http://testserver{URL}"


def vocabulary(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    return Graph().parse(data=response.content, format="json-ld", publicID=BASE)


def concept(kind, slug):
    return URIRef(f"{BASE}#{kind}-{slug}")


def label(graph, subject):
    return str(graph.value(subject, SKOS.prefLabel))


@pytest.fixture
def vocabulary_data(taxonomy, glossary_term):
    sex = EquityDimensionFactory(name="Sex", slug="sex", framework=Framework.EQUALITY_ACT)
    GlossaryTermFactory(
        term="Sex", slug="sex-word", definition="Man or woman.", aliases="Biological sex", equity_dimension=sex
    )
    gender = EquityDimensionFactory(name="Gender and sex", slug="gender-and-sex", framework=Framework.PROGRESS_PLUS)
    religion = EquityDimensionFactory(name="Religion", slug="religion", framework=Framework.PROGRESS_PLUS)
    belief = EquityDimensionFactory(name="Religion or belief", slug="religion-or-belief", framework="equality-act")
    sex.close_matches.add(gender)
    religion.exact_matches.add(belief)
    draft = GlossaryTermFactory(term="Secret draft", slug="secret-draft", aliases="Hush word", live=False)
    glossary_term.related_terms.add(draft, GlossaryTermFactory(term="Inclusion health", slug="inclusion-health"))
    glossary_term.save()  # a ParentalManyToManyField is written on save
    return taxonomy | {"sex": sex, "gender": gender, "draft": draft, "term": glossary_term}


def test_one_scheme_for_services_each_framework_and_the_glossary(client, vocabulary_data):
    graph = vocabulary(client)
    schemes = {label(graph, s) for s in graph.subjects(RDF.type, SKOS.ConceptScheme)}
    assert schemes == {"NHS services", "Health inequalities glossary", *Framework.labels}
    # Every concept has one preferred label and belongs to exactly one scheme.
    rows = graph.query(
        """SELECT ?c (COUNT(DISTINCT ?label) AS ?labels) (COUNT(DISTINCT ?scheme) AS ?schemes)
           WHERE { ?c a skos:Concept ; skos:prefLabel ?label ; skos:inScheme ?scheme . ?scheme a skos:ConceptScheme }
           GROUP BY ?c""",
        initNs={"skos": SKOS},
    )
    counted = {str(c): (int(labels), int(schemes)) for c, labels, schemes in rows}
    assert len(counted) == len(set(graph.subjects(RDF.type, SKOS.Concept))) >= 10
    assert set(counted.values()) == {(1, 1)}


def test_a_service_is_narrower_than_its_area(client, vocabulary_data):
    graph = vocabulary(client)
    pharmacy, area = concept("service", "community-pharmacy"), concept("service", "primary-care")
    assert graph.value(pharmacy, SKOS.broader) == area
    assert (area, SKOS.narrower, pharmacy) in graph
    assert set(graph.objects(area, SKOS.narrower)) == {pharmacy, concept("service", "general-practice")}
    services = graph.value(area, SKOS.inScheme)
    assert (services, SKOS.hasTopConcept, area) in graph
    assert (services, SKOS.hasTopConcept, pharmacy) not in graph


def test_dimensions_are_in_their_framework_with_the_crosswalk_both_ways(client, vocabulary_data):
    graph = vocabulary(client)
    sex, gender = concept("equity", "sex"), concept("equity", "gender-and-sex")
    assert label(graph, graph.value(sex, SKOS.inScheme)) == Framework.EQUALITY_ACT.label
    assert label(graph, graph.value(gender, SKOS.inScheme)) == Framework.PROGRESS_PLUS.label
    assert graph.value(sex, SKOS.definition) == Literal("Man or woman.", lang="en-GB")
    assert (sex, SKOS.closeMatch, gender) in graph and (gender, SKOS.closeMatch, sex) in graph
    religion, belief = concept("equity", "religion"), concept("equity", "religion-or-belief")
    assert (religion, SKOS.exactMatch, belief) in graph and (belief, SKOS.exactMatch, religion) in graph
    matched = graph.query("SELECT ?a ?b WHERE { ?a skos:exactMatch|skos:closeMatch ?b }", initNs={"skos": SKOS})
    crosswalk = [(a, b) for a, b in matched if "#equity-" in str(a) and "#equity-" in str(b)]
    assert len(crosswalk) == 4  # two pairs, each both ways; nothing else is matched


def test_a_concept_takes_its_words_from_the_glossary_entry_that_explains_it(client, vocabulary_data):
    graph = vocabulary(client)
    sex, entry = concept("equity", "sex"), URIRef("http://testserver/glossary/sex-word/")
    assert graph.value(sex, SKOS.definition) == Literal("Man or woman.", lang="en-GB")
    assert set(graph.objects(sex, SKOS.altLabel)) == {Literal("Biological sex", lang="en-GB")}
    assert (sex, SKOS.exactMatch, entry) in graph and (entry, SKOS.exactMatch, sex) in graph
    # The crosswalk is kept beside it.
    assert (sex, SKOS.closeMatch, concept("equity", "gender-and-sex")) in graph
    # A concept without a published entry has no definition of its own.
    assert graph.value(concept("equity", "religion"), SKOS.definition) is None


def test_only_published_glossary_terms_with_their_aliases(client, vocabulary_data):
    graph = vocabulary(client)
    term = URIRef("http://testserver/glossary/core20plus5/")
    assert (term, RDF.type, SKOS.Concept) in graph
    assert {str(a) for a in graph.objects(term, SKOS.altLabel)} == set(vocabulary_data["term"].alias_list)
    assert str(graph.value(term, SKOS.definition)) == vocabulary_data["term"].definition
    draft = URIRef("http://testserver/glossary/secret-draft/")
    assert not set(graph.triples((draft, None, None))) and not set(graph.triples((None, None, draft)))
    assert set(graph.objects(term, SKOS.related)) == {URIRef("http://testserver/glossary/inclusion-health/")}
    words = {str(o) for o in graph.objects() if isinstance(o, Literal)}
    assert "Secret draft" not in words and "Hush word" not in words


def test_a_fixed_number_of_queries_however_large_the_vocabulary(client, vocabulary_data, django_assert_num_queries):
    client.get(URL)  # the glossary's address is cached from here on
    with django_assert_num_queries(5) as small:
        client.get(URL)
    parent = vocabulary_data["parent"]
    for n in range(6):
        ServiceFactory(name=f"Service {n}", slug=f"service-{n}", parent=parent)
        extra = EquityDimensionFactory(name=f"Group {n}", slug=f"group-{n}", framework=Framework.CORE20PLUS5_CYP)
        extra.close_matches.add(vocabulary_data["sex"])
        word = GlossaryTermFactory(term=f"Word {n}", slug=f"word-{n}", aliases=f"Other word {n}")
        word.related_terms.add(vocabulary_data["term"])
        word.save()
    with django_assert_num_queries(len(small.captured_queries)):
        graph = vocabulary(client)
    assert len(set(graph.subjects(SKOS.closeMatch, concept("equity", "sex")))) == 7
