"""core/bulk_saves.py: inside `indexed_once()` saves wait, and each object is indexed once when the block ends; after
it (or after an error in it) every save is indexed at once again. If modelsearch stops indexing through the
post_save handler this module turns off, the block refuses to run (docs/decisions/0008-indexed-once.md)."""

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex

from core.bulk_saves import indexed_once
from devdata.factories import EvaluationPageFactory, GlossaryTermFactory, ServiceFactory
from evidence.models import EvaluationPage, GlossaryTerm

pytestmark = pytest.mark.django_db


def indexed(instance):
    entries = apps.get_model("wagtailsearch", "IndexEntry").objects
    content_type = ContentType.objects.get_for_model(type(instance))
    return entries.filter(content_type=content_type, object_id=str(instance.pk)).exists()


def references_from(page):
    return ReferenceIndex.get_references_for_object(page).count()


def test_objects_saved_in_the_block_are_indexed_at_its_end_and_saves_after_it_at_once():
    with indexed_once():
        term = GlossaryTermFactory(term="Proportionate universalism", slug="proportionate-universalism")
        service = ServiceFactory(name="Podiatry", slug="podiatry")
        page = EvaluationPageFactory(title="Foot checks", slug="foot-checks", services=[service])
        assert not indexed(term) and not indexed(page)
        assert references_from(page) == 0
    assert indexed(term) and indexed(page)
    assert references_from(page) > 0  # its service, through its child row

    later = GlossaryTermFactory(term="Health literacy", slug="health-literacy")
    assert indexed(later)


def test_nothing_is_indexed_after_an_error_and_saves_are_indexed_again():
    with pytest.raises(RuntimeError, match="a load that fails"), indexed_once():
        term = GlossaryTermFactory(term="Deprivation", slug="deprivation")
        raise RuntimeError("a load that fails")
    assert not indexed(term)
    term.save()
    assert indexed(term)


def test_a_block_inside_another_leaves_the_indexing_to_the_outer_one():
    with indexed_once():
        with indexed_once():
            term = GlossaryTermFactory(term="Equity", slug="equity")
        assert not indexed(term)
    assert indexed(term)


def test_it_refuses_to_run_if_modelsearch_no_longer_indexes_through_its_post_save_handler():
    """As if modelsearch had changed how it indexes on save: the block fails loudly, and leaves every handler as it
    found it."""
    assert post_save.disconnect(post_save_signal_handler, sender=EvaluationPage)
    try:
        with pytest.raises(RuntimeError, match="0008-indexed-once"), indexed_once():
            pass
        assert post_save.has_listeners(GlossaryTerm)
        term = GlossaryTermFactory(term="Outreach", slug="outreach")
        assert indexed(term)
    finally:
        post_save.connect(post_save_signal_handler, sender=EvaluationPage)
