"""The register's and the resource hub's demo loaders share core/demo_loading.py: without their index page they
load nothing and say so on load_demo_content's stderr."""

import io
from types import SimpleNamespace

import pytest

from register.demo_loader import load_register
from register.models import RegisteredProjectPage, RegisterIndexPage
from resources.demo_loader import load_resource_hub
from resources.models import EventPage, ResourceIndexPage, ResourcePage


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("index", "load", "children", "note"),
    [
        (RegisterIndexPage, load_register, [RegisteredProjectPage], "no register page (/register/)"),
        (ResourceIndexPage, load_resource_hub, [ResourcePage, EventPage], "no resource hub page (/resources/)"),
    ],
)
def test_without_its_index_page_a_section_loads_nothing_and_says_so(index, load, children, note):
    index.objects.get().delete()
    command = SimpleNamespace(stderr=io.StringIO())  # load_demo_content's stderr, and no tally
    load(command)
    assert note in command.stderr.getvalue()
    assert not any(model.objects.exists() for model in children)
