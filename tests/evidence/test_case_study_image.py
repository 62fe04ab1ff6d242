"""A case study's lead image: its alternative text is the image's own description, and deleting the image from the
library leaves the story standing (without its picture) instead of being refused."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from evidence.models import CaseStudyPage
from tests.migration_steps import migrate, migrate_to_latest

pytestmark = pytest.mark.django_db


def lead_picture(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one("figure.nhsuk-image img")


def test_the_picture_is_described_by_the_image_description(client, case_study):
    case_study.lead_image.description = "Two pharmacists at a counter, one showing a blood pressure cuff."
    case_study.lead_image.save()
    assert lead_picture(client, case_study)["alt"] == "Two pharmacists at a counter, one showing a blood pressure cuff."


def test_deleting_the_image_keeps_the_case_study(client, admin_client, case_study):
    image = case_study.lead_image
    response = admin_client.post(reverse("wagtailimages:delete", args=[image.pk]))
    assert response.status_code == 302
    assert not type(image).objects.filter(pk=image.pk).exists()
    story = CaseStudyPage.objects.get(pk=case_study.pk)
    assert story.lead_image is None
    assert lead_picture(client, story) is None  # the story is still served, without a picture


def rows(links, attribute):
    """The page's existing inline rows as the edit form posts them (with their ids, so none is added twice)."""
    from wagtail.test.utils.form_data import inline_formset

    name = attribute.removesuffix("_id")
    return inline_formset([{"id": link.pk, name: getattr(link, attribute)} for link in links], initial=len(links))


def test_publishing_needs_an_image_with_a_description(admin_client, case_study):
    """The description is the only alternative text: a picture without one is refused (the form kept, with why)."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

    case_study.lead_image.description = ""
    case_study.lead_image.save()
    data = nested_form_data(
        {
            "title": case_study.title,
            "slug": case_study.slug,
            "summary": case_study.summary,
            "date": "2024-06-01",
            "lead_image": case_study.lead_image.pk,
            "lead_image_caption": "",
            "body": streamfield([("paragraph", rich_text("<p>The team changed the opening hours.</p>"))]),
            "evaluations": rows(case_study.evaluations.all(), "evaluation_id"),
            "page_services": rows(case_study.page_services.all(), "service_id"),
            "page_equity_dimensions": rows(case_study.page_equity_dimensions.all(), "equity_dimension_id"),
            "page_places": inline_formset([]),
            "comments": inline_formset([]),
            "seo_title": "",
            "search_description": "",
            "action-publish": "publish",
        }
    )
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[case_study.pk]), data)
    assert response.status_code == 200, "the form should come back with the error, not a redirect"
    errors = response.context["form"].errors
    assert "lead_image" in errors and "description" in errors["lead_image"][0], errors

    case_study.lead_image.description = "A pharmacist at the counter."
    case_study.lead_image.save()
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[case_study.pk]), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response


BEFORE = [("evidence", "0005_concepts")]
AFTER = [("evidence", "0006_lead_image_description")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # migrations made the roles
def test_the_migration_keeps_each_alternative_text_as_the_image_description():
    old = migrate(BEFORE)
    Image = old.get_model("wagtailimages", "Image")
    Page = old.get_model("evidence", "CaseStudyPage")
    ContentType = old.get_model("contenttypes", "ContentType")
    Root = old.get_model("wagtailcore", "Page")
    try:
        content_type, _ = ContentType.objects.get_or_create(app_label="evidence", model="casestudypage")
        root = Root.objects.get(depth=1)
        blank = Image.objects.create(title="blank", file="original_images/a.png", width=1, height=1)
        described = Image.objects.create(
            title="described", file="original_images/b.png", width=1, height=1, description="Its own words."
        )
        for n, (image, alt) in enumerate(((blank, "A queue outside a pharmacy."), (described, "Other words."))):
            Page.objects.create(
                title=f"Story {n}",
                slug=f"story-{n}",
                path=f"{root.path}{9990 + n:04d}",
                depth=2,
                locale_id=root.locale_id,
                content_type=content_type,
                date="2024-06-01",
                lead_image=image,
                lead_image_alt=alt,
                body=[],
            )

        new = migrate(AFTER)
        NewImage = new.get_model("wagtailimages", "Image")
        assert NewImage.objects.get(title="blank").description == "A queue outside a pharmacy."
        assert NewImage.objects.get(title="described").description == "Its own words."  # its own kept
        NewPage = new.get_model("evidence", "CaseStudyPage")
        assert not hasattr(NewPage(), "lead_image_alt")

        back = migrate(BEFORE)  # and back, with stories in the table: each gets its image's description
        alts = dict(back.get_model("evidence", "CaseStudyPage").objects.values_list("slug", "lead_image_alt"))
        assert alts == {"story-0": "A queue outside a pharmacy.", "story-1": "Its own words."}
    finally:
        migrate_to_latest()
        Root.objects.filter(slug__startswith="story-").delete()
