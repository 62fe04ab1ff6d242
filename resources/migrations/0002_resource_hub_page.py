"""Create /resources/ under the home page (like home/0002_site_structure does for the other sections)."""

from django.db import migrations

from core.migration_operations import create_index_page, remove_index_page

INTRODUCTION = (
    "Guides, templates, worked examples and advice on methods for teams that evaluate their own services, "
    "and workshops to learn together."
)


def create_hub(apps, schema_editor):
    create_index_page(
        apps, "resources.ResourceIndexPage", slug="resources", title="Resources", introduction=INTRODUCTION
    )


def remove_hub(apps, schema_editor):
    remove_index_page(apps, "resources.ResourceIndexPage", slug="resources")


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0001_initial"),
        ("home", "0002_site_structure"),
    ]

    operations = [migrations.RunPython(create_hub, remove_hub)]
