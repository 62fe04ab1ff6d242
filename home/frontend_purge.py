"""What a CDN or proxy must forget after a change (only when FRONTEND_CACHE_BACKEND is set; settings/frontend_cache.py).

Wagtail's frontend cache app purges a published or unpublished page itself. This adds the pages that show it:
its ancestors (home page, listing), the pages it links to or is linked from (Wagtail's reference index: a summary
and its evaluation, a case study and its evaluations, featured evaluations), and for a move both places. A
glossary term purges the glossary and the term's own page; a taxonomy term the pages tagged with it. A term used in
the running text of other pages reaches them within PAGE_SHARED_MAX_AGE (the s-maxage a shared cache may keep a
page): purging every page for every glossary edit would be a purge of the whole site. The embedded page cache
needs none of this: it follows the content generation (home/content_generation.py).
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, ReferenceIndex
from wagtail.signals import page_published, page_unpublished, post_page_move


def enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def purge_pages(page_ids, extra_urls=()):
    batch = PurgeBatch()
    batch.add_pages(Page.objects.live().public().filter(pk__in=page_ids, depth__gt=1).specific())
    batch.add_urls(extra_urls)
    batch.purge()


def pages_showing(page):
    page_type = ContentType.objects.get_for_model(Page)
    ids = {ancestor.pk for ancestor in page.get_ancestors()}
    ids.update(
        ReferenceIndex.get_references_to(page).filter(base_content_type=page_type).values_list("object_id", flat=True)
    )
    ids.update(
        ReferenceIndex.get_references_for_object(page)
        .filter(to_content_type=page_type)
        .values_list("to_object_id", flat=True)
    )
    # A summary and its evaluation show each other (a one-to-one link the reference index leaves out).
    specific = page.specific_deferred
    ids.add(getattr(specific, "evaluation_id", None))
    ids.add(
        getattr(getattr(specific, "plain_summary", None), "pk", None) if hasattr(specific, "plain_summary") else None
    )
    return {int(pk) for pk in ids if pk is not None}


def page_changed(sender, instance, **kwargs):
    if enabled():
        purge_pages(pages_showing(instance) | {instance.pk})


def page_moved(sender, instance, parent_page_before=None, url_path_before="", url_path_after="", **kwargs):
    if not enabled():
        return
    ids = pages_showing(instance) | {instance.pk}
    if parent_page_before is not None:
        ids |= pages_showing(parent_page_before) | {parent_page_before.pk}
    old_urls = []
    parts = instance.get_url_parts()
    if parts and url_path_before and url_path_after:  # the old address: the same site root, the old path under it
        _site_id, root_url, page_path = parts
        old_urls.append(root_url + url_path_before[len(url_path_after) - len(page_path) :])
    purge_pages(ids, old_urls)


def term_changed(sender, instance, **kwargs):
    if enabled():
        from evidence.models import GlossaryPage

        glossary = GlossaryPage.objects.live().public().first()
        if glossary is not None:
            purge_pages([glossary.pk], [f"{glossary.get_full_url()}{instance.slug}/"])


def taxonomy_changed(sender, instance, **kwargs):
    if enabled():
        purge_pages(set(instance.page_links.values_list("page_id", flat=True)))


def connect():
    from evidence.models import EquityDimension, GlossaryTerm, Place, Service

    page_published.connect(page_changed, dispatch_uid="frontend-purge-publish")
    page_unpublished.connect(page_changed, dispatch_uid="frontend-purge-unpublish")
    post_page_move.connect(page_moved, dispatch_uid="frontend-purge-move")
    post_save.connect(term_changed, sender=GlossaryTerm, dispatch_uid="frontend-purge-term-save")
    post_delete.connect(term_changed, sender=GlossaryTerm, dispatch_uid="frontend-purge-term-delete")
    for model in (Service, EquityDimension, Place):
        # Before a delete: its links to pages go with it.
        post_save.connect(taxonomy_changed, sender=model, dispatch_uid=f"frontend-purge-{model.__name__}-save")
        pre_delete.connect(taxonomy_changed, sender=model, dispatch_uid=f"frontend-purge-{model.__name__}-delete")
