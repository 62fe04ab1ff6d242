"""Factories for the resource hub, shared by the tests."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from core.blocks import paragraphs
from core.choices import Stage
from resources.choices import Audience, Kind
from resources.models import (
    EventMaterial,
    EventPage,
    PageAudience,
    PageStage,
    ResourceEvaluation,
    ResourceIndexPage,
    ResourcePage,
)


class FacetTaggedFactory(wagtail_factories.PageFactory):
    """Pass stages=[...] and audiences=[...] (values of Stage and Audience)."""

    class Meta:
        abstract = True

    parent = factory.LazyFunction(lambda: ResourceIndexPage.objects.first())

    @factory.post_generation
    def stages(self, create, extracted, **kwargs):
        if create:
            values = [Stage.PLAN] if extracted is None else extracted
            PageStage.objects.bulk_create([PageStage(page=self, stage=value) for value in values])

    @factory.post_generation
    def audiences(self, create, extracted, **kwargs):
        if create:
            values = [Audience.PRACTITIONERS] if extracted is None else extracted
            PageAudience.objects.bulk_create([PageAudience(page=self, audience=value) for value in values])


class ResourcePageFactory(FacetTaggedFactory):
    class Meta:
        model = ResourcePage

    title = factory.Sequence(lambda n: f"Resource {n}")
    summary = "How to plan an evaluation with the people who use the service."
    kind = Kind.GUIDANCE
    body = factory.LazyFunction(lambda: paragraphs("Start with who the service is for."))

    @factory.post_generation
    def evaluations(self, create, extracted, **kwargs):
        if create and extracted:
            ResourceEvaluation.objects.bulk_create(
                [ResourceEvaluation(page=self, evaluation=e, sort_order=i) for i, e in enumerate(extracted)]
            )


def _in_days(days, hour=10):
    moment = datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=days), datetime.time(hour))
    return timezone.make_aware(moment)


class EventPageFactory(FacetTaggedFactory):
    """An upcoming event in two weeks by default; pass start/end (or `in_days`) for another time."""

    class Meta:
        model = EventPage

    class Params:
        in_days = 14

    title = factory.Sequence(lambda n: f"Workshop {n}")
    summary = "A workshop on planning an evaluation together."
    start = factory.LazyAttribute(lambda o: _in_days(o.in_days, 10))
    end = factory.LazyAttribute(lambda o: _in_days(o.in_days, 12))
    online = True
    who_for = "Teams starting an evaluation."
    how_to_join = "<p>Email the team to book a place.</p>"

    @factory.post_generation
    def materials(self, create, extracted, **kwargs):
        """Pass materials=[(title, document_or_None, link), ...]."""
        if create and extracted:
            EventMaterial.objects.bulk_create(
                [
                    EventMaterial(page=self, title=t, document=d, link=link, sort_order=i)
                    for i, (t, d, link) in enumerate(extracted)
                ]
            )
