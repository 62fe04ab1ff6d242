"""What each app's demo loader does around its own content (load_demo_content calls them, passing itself as
`command`): find the section's index page and the slugs already under it, publish each new page, count it."""

from wagtail.models import Page


def load_section(model, command, missing_note, *loaders):
    """Run each loader(index, existing slugs, note) under the index page of `model`; without one, write
    `missing_note` to the command's stderr and load nothing."""
    index = model.objects.first()
    if index is None:
        if command is not None:
            command.stderr.write(missing_note)
        return
    existing = set(Page.objects.child_of(index).values_list("slug", flat=True))
    note = tally(command)
    for load in loaders:
        load(index, existing, note)


def publish_under(index, page):
    index.add_child(instance=page)
    page.save_revision().publish()


def tally(command):
    """note(name): adds one created `name` to load_demo_content's tally; does nothing without the command."""

    def note(name):
        if command is not None and hasattr(command, "count"):
            command.count(name)

    return note
