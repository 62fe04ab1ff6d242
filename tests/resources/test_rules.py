"""Rules an editor meets in the admin: what each kind of resource needs, and when an event can be."""

import pytest
from django.urls import reverse

from resources.choices import Kind
from resources.models import EventPage, ResourceIndexPage, ResourcePage

from .forms_data import event_form_data, resource_form_data

pytestmark = pytest.mark.django_db


def add_url(model):
    hub = ResourceIndexPage.objects.get()
    return reverse("wagtailadmin_pages:add", args=["resources", model._meta.model_name, hub.pk])


def post(client, editor, model, data, publish=True):
    """Publishing checks every rule; a draft may be incomplete (Wagtail defers required fields for drafts)."""
    client.force_login(editor)
    return client.post(add_url(model), {**data, "action-publish": "action-publish"} if publish else data)


def errors(response):
    return response.context["form"].errors if response.status_code == 200 else {}


def test_the_hub_is_made_by_migration_under_home():
    hub = ResourceIndexPage.objects.get()
    assert hub.url == "/resources/" and hub.live
    assert hub.get_parent().specific_class.__name__ == "HomePage"


def test_a_guidance_page_is_saved_with_its_stages_and_audiences(client, editor):
    data = resource_form_data(
        "Planning together", "planning-together", Kind.GUIDANCE, ["plan", "act"], ["commissioners"]
    )
    response = post(client, editor, ResourcePage, data)
    assert response.status_code == 302, errors(response)
    page = ResourcePage.objects.get(slug="planning-together")
    assert page.stage_labels == ["Plan", "Act"]
    assert page.audience_labels == ["Commissioners"]
    # the tags are in the revision too, so they survive a publish from it (scheduled publishing, workflows)
    page.get_latest_revision().publish()
    assert ResourcePage.objects.get(pk=page.pk).stage_labels == ["Plan", "Act"]
    assert page.get_latest_revision().as_object().stage_labels == ["Plan", "Act"]


def test_the_edit_form_shows_the_saved_tags(client, editor):
    post(client, editor, ResourcePage, resource_form_data("Tags", "tags", Kind.GUIDANCE, ["share"], ["researchers"]))
    page = ResourcePage.objects.get(slug="tags")
    form = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).context["form"]
    assert form.initial["stages"] == ["share"] and form.initial["audiences"] == ["researchers"]


def test_a_stage_and_an_audience_are_required(client, editor):
    response = post(client, editor, ResourcePage, resource_form_data("No tags", "no-tags", Kind.GUIDANCE, [], []))
    assert set(errors(response)) >= {"stages", "audiences"}
    assert not ResourcePage.objects.filter(slug="no-tags").exists()
    draft = post(
        client, editor, ResourcePage, resource_form_data("Draft", "draft", Kind.TEMPLATE, [], []), publish=False
    )
    assert draft.status_code == 302 and not ResourcePage.objects.get(slug="draft").live


def test_a_template_needs_a_document(client, editor):
    response = post(client, editor, ResourcePage, resource_form_data("T", "t", Kind.TEMPLATE))
    assert "document" in errors(response)


def test_methods_advice_needs_its_method(client, editor):
    response = post(client, editor, ResourcePage, resource_form_data("M", "m", Kind.METHODS_ADVICE))
    assert "method" in errors(response)
    ok = post(client, editor, ResourcePage, resource_form_data("M", "m", Kind.METHODS_ADVICE, method="realist"))
    assert ok.status_code == 302
    assert ResourcePage.objects.get(slug="m").get_method_display() == "Realist evaluation"


def test_a_worked_example_needs_an_evaluation(client, editor, evaluation):
    response = post(client, editor, ResourcePage, resource_form_data("W", "w", Kind.WORKED_EXAMPLE))
    assert "__all__" in errors(response)
    ok = post(client, editor, ResourcePage, resource_form_data("W", "w", Kind.WORKED_EXAMPLE, evaluations=[evaluation]))
    assert ok.status_code == 302, errors(ok)
    assert [link.evaluation for link in ResourcePage.objects.get(slug="w").evaluation_links.all()] == [evaluation]


def test_an_event_must_end_after_it_starts_and_have_a_place(client, editor):
    backwards = event_form_data("E", "e", "2030-05-01 12:00", "2030-05-01 10:00")
    assert "end" in errors(post(client, editor, EventPage, backwards))
    nowhere = event_form_data("E", "e", "2030-05-01 10:00", "2030-05-01 12:00", online=False)
    assert "place" in errors(post(client, editor, EventPage, nowhere))
    fine = event_form_data(
        "E", "e", "2030-05-01 10:00", "2030-05-01 12:00", online=False, place="Town hall, Northshore"
    )
    assert post(client, editor, EventPage, fine).status_code == 302
