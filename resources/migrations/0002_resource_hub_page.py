"""Create /resources/ under the home page (like home/0002_site_structure does for the other sections)."""

from django.db import migrations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's path alphabet (Wagtail's default)
INTRODUCTION = (
    "Guides, templates, worked examples and advice on methods for teams that evaluate their own services, "
    "and workshops to learn together."
)


def next_child_path(parent, Page):
    last = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("-path").first()
    number = int(last.path[-4:], 36) + 1 if last else 1
    digits = ""
    while number:
        number, rest = divmod(number, 36)
        digits = ALPHABET[rest] + digits
    return parent.path + digits.rjust(4, "0")


def create_hub(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    HomePage = apps.get_model("home.HomePage")
    ResourceIndexPage = apps.get_model("resources.ResourceIndexPage")

    home = HomePage.objects.order_by("path").first()
    if home is None or ResourceIndexPage.objects.exists():
        return
    if Page.objects.filter(path__startswith=home.path, depth=home.depth + 1, slug="resources").exists():
        return  # an editor's own page already has the address
    ResourceIndexPage.objects.create(
        title="Resources",
        draft_title="Resources",
        slug="resources",
        content_type=ContentType.objects.get_for_model(ResourceIndexPage),
        path=next_child_path(home, Page),
        depth=home.depth + 1,
        numchild=0,
        url_path=f"{home.url_path}resources/",
        locale_id=home.locale_id,
        live=True,
        summary=INTRODUCTION,
        introduction=INTRODUCTION,
    )
    home.numchild = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1).count()
    home.save(update_fields=["numchild"])


def remove_hub(apps, schema_editor):
    apps.get_model("resources.ResourceIndexPage").objects.filter(slug="resources", numchild=0).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0001_initial"),
        ("home", "0002_site_structure"),
    ]

    operations = [migrations.RunPython(create_hub, remove_hub)]
