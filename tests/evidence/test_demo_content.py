"""The demo loader on a site that has its own glossary. That it is complete, readable and idempotent is tested in
test_reader_language.py, on the demo that module loads once."""

import pytest
from django.core.management import call_command

from evidence.models import GlossaryTerm


@pytest.mark.django_db
@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_the_loader_keeps_a_sites_own_glossary_and_says_what_it_left_out():
    """An upgraded site (an older demo, migration 0005's entries, editors' words) keeps its entries: a demo entry
    that would clash is left out with a note, never a failed load; an older entry gets its concept when free."""
    import io

    from devdata.factories import GlossaryTermFactory

    GlossaryTermFactory(term="Looked-after children and care leavers", slug="children-in-care", definition="Ours.")
    GlossaryTermFactory(term="Screening", slug="screening", definition="Tests to find illness early.")
    err = io.StringIO()
    call_command("load_demo_content", verbosity=0, stderr=err)
    assert "glossary entry looked-after-children-and-care-leavers left out" in err.getvalue()
    assert GlossaryTerm.objects.get(slug="children-in-care").definition == "Ours."
    assert GlossaryTerm.objects.get(slug="screening").service.slug == "screening"  # the older entry explains it
