"""One answer to "which glossary terms are published" (portal/visibility.public_terms) behind the A to Z page,
the linker and the API's glossary: a draft term appears on none of them, not even as a related term."""

import pytest

from devdata.factories import GlossaryTermFactory
from evidence.glossary_terms import linkable_terms
from evidence.models import GlossaryPage


@pytest.mark.django_db
def test_the_a_to_z_the_linker_and_the_api_list_the_same_terms(client, glossary_term):
    draft = GlossaryTermFactory(term="Secret draft", slug="secret-draft", live=False)
    access = GlossaryTermFactory(term="Access", slug="access", definition="Being able to get care.")
    glossary_term.related_terms.add(draft, access)
    glossary_term.save()  # a ParentalManyToManyField is written on save

    api = client.get("/api/v1/glossary").json()
    assert [t["slug"] for t in api["terms"]] == ["access", "core20plus5"]
    assert next(t for t in api["terms"] if t["slug"] == "core20plus5")["related"] == ["access"]
    assert [t.slug for t in GlossaryPage.objects.get().terms()] == ["access", "core20plus5"]
    assert sorted(t.slug for t in linkable_terms()) == ["access", "core20plus5"]
