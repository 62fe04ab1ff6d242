"""The evaluation editor names no input "method": that name hides the <form> element's own `method`, and
Wagtail's autosave (which reads it) then failed on every evaluation. The browser test that autosave works is
tests/functional/test_editor_journey.py."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_method_is_edited_under_another_name_with_its_value(client, editor, evaluation):
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[evaluation.pk])).content.decode()
    assert not re.search(r'name="method"', html)
    select = re.search(r'<select name="evaluation_method".*?</select>', html, re.S).group(0)
    assert re.search(rf'<option value="{evaluation.method}" selected>', select)
