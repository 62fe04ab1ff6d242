"""Create the site's fixed structure: the home page and the section pages every deployment needs.

Content (evaluations, summaries, terms) is not created here: `manage.py load_demo_content` adds demo content.
"""

from django.db import migrations

SECTIONS = [
    (
        "evidence",
        "evaluationindexpage",
        "Evaluations",
        "evaluations",
        "Completed evaluations of local health and care services, co-produced with the people who use them.",
    ),
    (
        "evidence",
        "summaryindexpage",
        "Plain-language summaries",
        "summaries",
        "Short, easy-to-read summaries of each evaluation, written with public advisers.",
    ),
    (
        "evidence",
        "casestudyindexpage",
        "Case studies",
        "case-studies",
        "Stories of services that changed because of what an evaluation found.",
    ),
    (
        "evidence",
        "glossarypage",
        "Glossary",
        "glossary",
        "Words about health inequalities, explained in plain language.",
    ),
]


def create_structure(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("home.HomePage")

    if HomePage.objects.exists():
        return
    locale = Locale.objects.order_by("pk").first()
    # Wagtail's placeholder "Welcome" page is replaced by the portal's home page.
    Page.objects.filter(depth=2, content_type__model="page", content_type__app_label="wagtailcore").delete()
    root = Page.objects.get(depth=1)

    home = HomePage.objects.create(
        title="Equity Evidence Portal",
        draft_title="Equity Evidence Portal",
        slug="home",
        content_type=ContentType.objects.get_for_model(HomePage),
        path=root.path + "0001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        live=True,
        summary="Find out who local health and care services reach, and who they leave behind.",
        introduction=(
            "Local teams of staff, patients, carers and public advisers check their own services together. "
            "Here you can read what they found, in plain language."
        ),
        featured_evaluations="[]",
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])

    for index, (app_label, model_name, title, slug, introduction) in enumerate(SECTIONS, start=1):
        model = apps.get_model(app_label, model_name)
        model.objects.create(
            title=title,
            draft_title=title,
            slug=slug,
            content_type=ContentType.objects.get_for_model(model),
            path=home.path + f"{index:04d}",
            depth=3,
            numchild=0,
            url_path=f"/home/{slug}/",
            locale=locale,
            live=True,
            summary=introduction,
            introduction=introduction,
        )
    home.numchild = len(SECTIONS)
    home.save(update_fields=["numchild"])

    Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(
        hostname="localhost", port=80, site_name="Equity Evidence Portal", root_page=home, is_default_site=True
    )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("evidence", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_structure, migrations.RunPython.noop)]
