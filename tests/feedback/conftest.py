import pytest
from django.template.loader import render_to_string
from wagtail.models import Page

from evidence.models import GlossaryPage


@pytest.fixture
def glossary_page(db):
    return GlossaryPage.objects.live().get()


@pytest.fixture
def render_include(rf):
    """Render components/feedback_form.html as base.html would, for a request to `url`."""

    def render(page, url="/somewhere/"):
        return render_to_string("components/feedback_form.html", {"page": page}, request=rf.get(url))

    return render


@pytest.fixture
def home_page(db):
    return Page.objects.get(depth=2).specific
