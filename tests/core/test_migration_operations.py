"""register/0002 and resources/0002 create their index pages with one helper (core/migration_operations.py): undone
and done again, each page comes back as the migration first made it, at the end of the home page's children."""

import pytest
from wagtail.models import Page

from register.models import RegisterIndexPage
from resources.models import ResourceIndexPage
from tests.migration_steps import migrate, migrate_to_latest

BEFORE = [("register", "0001_initial"), ("resources", "0001_initial")]
FIELDS = ["title", "draft_title", "slug", "depth", "numchild", "url_path", "live", "summary", "introduction"]


def made_by_migration(model):
    return model.objects.values(*FIELDS).get()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_both_index_pages_are_removed_and_made_again_as_before():
    register, hub = made_by_migration(RegisterIndexPage), made_by_migration(ResourceIndexPage)
    assert register["url_path"].endswith("/register/") and register["title"] == "Evaluations in progress"
    assert hub["url_path"].endswith("/resources/") and hub["title"] == "Resources"
    try:
        old = migrate(BEFORE)
        home = old.get_model("home", "HomePage").objects.order_by("path").first()
        children = old.get_model("wagtailcore", "Page").objects.filter(path__startswith=home.path, depth=home.depth + 1)
        assert not children.filter(slug__in=["register", "resources"]).exists()
        migrate_to_latest()
        assert made_by_migration(RegisterIndexPage) == register
        assert made_by_migration(ResourceIndexPage) == hub
        home_page = Page.objects.get(pk=home.pk)
        assert home_page.numchild == home_page.get_children().count()
        last_two = set(home_page.get_children().values_list("slug", flat=True).reverse()[:2])
        assert last_two == {"register", "resources"}
        assert not any(Page.find_problems())  # treebeard: paths, depths and child counts agree
    finally:
        migrate_to_latest()
