"""Services, equity dimensions and frameworks as concepts: each explained by one glossary entry, whose page is
the concept's page, whose words are the concept's, and whose label is linked where readers meet it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from devdata.factories import EquityDimensionFactory, GlossaryTermFactory, ServiceFactory
from evidence.models import Framework, GlossaryTerm
from tests.admin_forms import glossary_form_data

ADD = "wagtailsnippets_evidence_glossaryterm:add"


def explain(concept_field, concept, term, slug, **more):
    return GlossaryTermFactory(
        term=term, slug=slug, definition=f"What {term} means.", **{concept_field: concept}, **more
    )


@pytest.mark.django_db
def test_an_entry_explains_one_concept_at_most_and_the_form_keeps_what_was_typed(client, editor, taxonomy):
    client.force_login(editor)
    data = glossary_form_data(
        "Chemists", "chemists", "Shops that give medicines.", aliases="chemist shop", service=taxonomy["pharmacy"].pk
    )
    data["equity_dimension"] = taxonomy["core20"].pk
    response = client.post(reverse(ADD), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "An entry explains one thing" in body
    assert "Shops that give medicines." in body and "chemist shop" in body
    assert not GlossaryTerm.objects.filter(slug="chemists").exists()


@pytest.mark.django_db
def test_a_concept_has_one_entry(client, editor, taxonomy):
    explain("service", taxonomy["pharmacy"], "Pharmacy", "pharmacy")
    client.force_login(editor)
    data = glossary_form_data("Chemists", "chemists", "Shops that give medicines.", service=taxonomy["pharmacy"].pk)
    response = client.post(reverse(ADD), data)
    assert response.status_code == 200
    assert "“Pharmacy” already explains this" in response.content.decode()
    data["service"] = ""
    data["framework"] = Framework.EQUALITY_ACT
    assert client.post(reverse(ADD), data).status_code == 302
    assert GlossaryTerm.objects.get(slug="chemists").framework == Framework.EQUALITY_ACT


@pytest.mark.django_db
def test_a_concept_label_is_a_name_no_other_entry_may_take(client, editor, taxonomy):
    explain("service", taxonomy["pharmacy"], "Chemists", "chemists")
    client.force_login(editor)
    response = client.post(
        reverse(ADD), glossary_form_data("Pharmacy", "pharmacy", "Fine.", aliases="Community pharmacy")
    )
    assert response.status_code == 200
    assert "“Community pharmacy” is already used by “Chemists”" in response.content.decode()


@pytest.mark.django_db
def test_taxonomy_labels_on_a_page_link_once_to_their_concept_page(client, evaluation, taxonomy):
    explain("service", taxonomy["pharmacy"], "Chemists", "chemists")
    explain("equity_dimension", taxonomy["age"], "Age", "age-word", aliases="how old you are")
    explain("framework", Framework.EQUALITY_ACT, "Equality Act 2010", "equality-act-2010")
    evaluation.who_left_out = "Older people: age mattered. Community pharmacy staff said so."
    evaluation.save_revision().publish()
    body = client.get(evaluation.url).content.decode()
    assert body.count('class="glossary-term__link" href="/glossary/chemists/">Community pharmacy</a>') == 1
    assert body.count('class="glossary-term__link" href="/glossary/age-word/"') == 1
    assert 'class="glossary-term__link" href="/glossary/age-word/">Age</a>' in body  # the label, before the text
    assert 'href="/glossary/equality-act-2010/">Equality Act 2010 protected characteristics</a>' in body


@pytest.mark.django_db
def test_a_draft_entry_does_not_link_its_concept(client, evaluation, taxonomy):
    explain("service", taxonomy["pharmacy"], "Chemists", "chemists", live=False)
    assert "/glossary/chemists/" not in client.get(evaluation.url).content.decode()


@pytest.mark.django_db
def test_a_service_page_says_where_it_sits_and_finds_its_evidence(client, taxonomy):
    explain("service", taxonomy["parent"], "Primary care", "primary-care")
    explain("service", taxonomy["pharmacy"], "Community pharmacy", "community-pharmacy")
    child = client.get("/glossary/community-pharmacy/").content.decode()
    assert "Community pharmacy is a service in this portal. It is part of Primary care." in child
    assert '<a href="/glossary/primary-care/">Primary care</a>' in child
    assert 'href="/search/?service=community-pharmacy">Find evidence about Community pharmacy</a>' in child
    area = client.get("/glossary/primary-care/").content.decode()
    assert '<a href="/glossary/community-pharmacy/">Community pharmacy</a>' in area
    assert '<li class="nhsuk-u-margin-bottom-1">General practice</li>' in area  # no entry: named, not linked


@pytest.mark.django_db
def test_a_dimension_page_names_its_framework_and_its_matches(client, taxonomy):
    gender = EquityDimensionFactory(name="Gender and sex", slug="gender-and-sex", framework=Framework.PROGRESS_PLUS)
    old = EquityDimensionFactory(name="Older people", slug="older", framework=Framework.CORE20PLUS5_ADULTS)
    taxonomy["age"].exact_matches.add(old)
    taxonomy["age"].close_matches.add(gender)
    explain("equity_dimension", taxonomy["age"], "Age", "age")
    explain("equity_dimension", old, "Older people", "older-people")
    explain("framework", Framework.EQUALITY_ACT, "Equality Act 2010", "equality-act-2010")
    page = client.get("/glossary/age/").content.decode()
    assert "Age is a group of people in Equality Act 2010 protected characteristics." in page
    assert '<a href="/glossary/equality-act-2010/">Equality Act 2010 protected characteristics</a>' in page
    assert page.index("The same group in other lists") < page.index('href="/glossary/older-people/"')
    assert page.index("Close to these groups") < page.index("Gender and sex")
    assert 'href="/search/?equity=age"' in page and 'href="/evidence-map/?framework=equality-act"' in page
    framework = client.get("/glossary/equality-act-2010/").content.decode()
    assert '<a href="/glossary/age/">Age</a>' in framework


@pytest.mark.django_db
def test_a_concept_page_costs_the_same_queries_however_many_neighbours(client, taxonomy, django_assert_num_queries):
    explain("framework", Framework.CORE20PLUS5_CYP, "Core20PLUS5 for children", "cyp")
    first = EquityDimensionFactory(name="Group one", slug="group-one", framework=Framework.CORE20PLUS5_CYP)
    explain("equity_dimension", first, "Group one", "group-one")
    client.get("/glossary/cyp/")
    with CaptureQueriesContext(connection) as few:
        client.get("/glossary/cyp/")
    queries = len(few)  # now: the next request clears the connection's query log
    for n in range(6):
        group = EquityDimensionFactory(name=f"Group {n}", slug=f"group-{n}", framework=Framework.CORE20PLUS5_CYP)
        explain("equity_dimension", group, f"Group {n}", f"group-{n}")
    client.get("/glossary/cyp/")  # caches refilled after the writes
    with django_assert_num_queries(queries):
        page = client.get("/glossary/cyp/").content.decode()
    assert page.count('<a href="/glossary/group-') == 7


@pytest.mark.django_db
def test_the_taxonomy_admin_leads_editors_to_the_entry_that_holds_the_words(client, editor, taxonomy):
    client.force_login(editor)
    entry = explain("equity_dimension", taxonomy["age"], "Age", "age", live=False)
    url = reverse("wagtailsnippets_evidence_equitydimension:edit", args=[taxonomy["age"].pk])
    page = client.get(url).content.decode()
    edit = reverse("wagtailsnippets_evidence_glossaryterm:edit", args=[entry.pk])
    assert f'<a href="{edit}">Age</a> (a draft, not yet published)' in page
    url = reverse("wagtailsnippets_evidence_service:edit", args=[taxonomy["pharmacy"].pk])
    page = client.get(url).content.decode()
    assert "No glossary entry explains this yet" in page
    assert f'<a href="{reverse(ADD)}">Write a glossary entry</a>' in page


@pytest.mark.django_db
def test_an_entry_names_its_concept_by_one_key():
    service = ServiceFactory(name="Key service", slug="key-service")
    dimension = EquityDimensionFactory(name="Key group", slug="key-group")
    assert GlossaryTermFactory(term="Key a", slug="key-a", service=service).concept_key == ("service", service.pk)
    assert GlossaryTermFactory(term="Key b", slug="key-b", equity_dimension=dimension).concept_key == (
        "equity",
        dimension.pk,
    )
    assert GlossaryTermFactory(term="Key c", slug="key-c", framework=Framework.CORE20PLUS5_ADULTS).concept_key == (
        "framework",
        Framework.CORE20PLUS5_ADULTS,
    )
    assert GlossaryTermFactory(term="Key d", slug="key-d").concept_key is None
