"""Create /register/ under the home page (as resources/0002_resource_hub_page does for /resources/)."""

from django.db import migrations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's path alphabet (Wagtail's default)
INTRODUCTION = (
    "Evaluations that teams are doing now: what they look at, how far they have got and when they expect to finish."
)


def next_child_path(parent, Page):
    last = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("-path").first()
    number = int(last.path[-4:], 36) + 1 if last else 1
    digits = ""
    while number:
        number, rest = divmod(number, 36)
        digits = ALPHABET[rest] + digits
    return parent.path + digits.rjust(4, "0")


def create_register(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    HomePage = apps.get_model("home.HomePage")
    RegisterIndexPage = apps.get_model("register.RegisterIndexPage")

    home = HomePage.objects.order_by("path").first()
    if home is None or RegisterIndexPage.objects.exists():
        return
    if Page.objects.filter(path__startswith=home.path, depth=home.depth + 1, slug="register").exists():
        return  # an editor's own page already has the address
    RegisterIndexPage.objects.create(
        title="Evaluations in progress",
        draft_title="Evaluations in progress",
        slug="register",
        content_type=ContentType.objects.get_for_model(RegisterIndexPage),
        path=next_child_path(home, Page),
        depth=home.depth + 1,
        numchild=0,
        url_path=f"{home.url_path}register/",
        locale_id=home.locale_id,
        live=True,
        summary=INTRODUCTION,
        introduction=INTRODUCTION,
    )
    home.numchild = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1).count()
    home.save(update_fields=["numchild"])


def remove_register(apps, schema_editor):
    apps.get_model("register.RegisterIndexPage").objects.filter(slug="register", numchild=0).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("register", "0001_initial"),
        ("home", "0002_site_structure"),
    ]

    operations = [migrations.RunPython(create_register, remove_register)]
