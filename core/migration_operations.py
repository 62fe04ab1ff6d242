"""Helpers for data migrations, given the historical `apps` registry a RunPython function receives (never the
current models, whose fields and save() may differ from the schema at that migration).

Migrations that have run already call these: changing what they do changes what a fresh database gets."""

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's path alphabet (Wagtail's default)


def next_child_path(parent, Page):
    """The treebeard path of a new last child of `parent` (the historical Page model has no tree methods)."""
    last = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("-path").first()
    number = int(last.path[-4:], 36) + 1 if last else 1
    digits = ""
    while number:
        number, rest = divmod(number, 36)
        digits = ALPHABET[rest] + digits
    return parent.path + digits.rjust(4, "0")


def create_index_page(apps, model_label, *, slug, title, introduction):
    """A live index page of `model_label` ("app.Model", with `summary` and `introduction` fields) as the home page's
    last child at /<slug>/; nothing when there is no home page, one of these pages exists, or another page already
    has the address (an editor's own)."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    HomePage = apps.get_model("home.HomePage")
    IndexPage = apps.get_model(model_label)

    home = HomePage.objects.order_by("path").first()
    if home is None or IndexPage.objects.exists():
        return
    if Page.objects.filter(path__startswith=home.path, depth=home.depth + 1, slug=slug).exists():
        return
    IndexPage.objects.create(
        title=title,
        draft_title=title,
        slug=slug,
        content_type=ContentType.objects.get_for_model(IndexPage),
        path=next_child_path(home, Page),
        depth=home.depth + 1,
        numchild=0,
        url_path=f"{home.url_path}{slug}/",
        locale_id=home.locale_id,
        live=True,
        summary=introduction,
        introduction=introduction,
    )
    home.numchild = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1).count()
    home.save(update_fields=["numchild"])


def remove_index_page(apps, model_label, *, slug):
    """Undo create_index_page, only while the page has no children."""
    apps.get_model(model_label).objects.filter(slug=slug, numchild=0).delete()
