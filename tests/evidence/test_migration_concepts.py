"""Migration 0005 moves the one-line descriptions of services and equity dimensions into the glossary entries
that explain them: an editor's words are never dropped with the column."""

import pytest

from tests.migration_steps import migrate, migrate_to_latest

BEFORE = [("evidence", "0004_equity_dimension_crosswalk")]
AFTER = [("evidence", "0005_concepts")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # migrations made the roles
def test_descriptions_become_glossary_definitions():
    old = migrate(BEFORE)
    Service = old.get_model("evidence", "Service")
    EquityDimension = old.get_model("evidence", "EquityDimension")
    GlossaryTerm = old.get_model("evidence", "GlossaryTerm")
    try:
        Service.objects.create(name="Community pharmacy", slug="pharmacy", description="Local chemists.")
        Service.objects.create(name="Dentistry", slug="dentistry", description="")
        EquityDimension.objects.create(name="Age", slug="age", framework="equality-act", description="How old.")
        GlossaryTerm.objects.create(term="age", slug="age", definition="Years lived.", live=True)

        new = migrate(AFTER)
        Term = new.get_model("evidence", "GlossaryTerm")
        pharmacy = Term.objects.get(service__slug="pharmacy")
        assert (pharmacy.term, pharmacy.slug, pharmacy.definition, pharmacy.live) == (
            "Community pharmacy",
            "pharmacy",
            "Local chemists.",
            True,
        )
        # A term of the same name already explained it: linked, its own definition kept, the description added.
        age = Term.objects.get(equity_dimension__slug="age")
        assert (age.slug, age.definition, age.explanation) == ("age", "Years lived.", "<p>How old.</p>")
        assert Term.objects.count() == 2  # nothing made up for a service with no description
    finally:
        migrate_to_latest()
