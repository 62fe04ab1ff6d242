"""Create /register/ under the home page (as resources/0002_resource_hub_page does for /resources/)."""

from django.db import migrations

from core.migration_operations import create_index_page, remove_index_page

INTRODUCTION = (
    "Evaluations that teams are doing now: what they look at, how far they have got and when they expect to finish."
)


def create_register(apps, schema_editor):
    create_index_page(
        apps, "register.RegisterIndexPage", slug="register", title="Evaluations in progress", introduction=INTRODUCTION
    )


def remove_register(apps, schema_editor):
    remove_index_page(apps, "register.RegisterIndexPage", slug="register")


class Migration(migrations.Migration):
    dependencies = [
        ("register", "0001_initial"),
        ("home", "0002_site_structure"),
    ]

    operations = [migrations.RunPython(create_register, remove_register)]
