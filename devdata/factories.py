"""Factories for evidence content, shared by the tests (pytest fixtures and test modules)."""

import datetime

import factory
import wagtail_factories
from wagtail.models import Collection

from core.blocks import paragraphs
from evidence.demo_pictures import drawn_image_file
from evidence.models import (
    CaseStudyEvaluation,
    CaseStudyIndexPage,
    CaseStudyPage,
    EquityDimension,
    EvaluationIndexPage,
    EvaluationPage,
    Framework,
    GlossaryTerm,
    Method,
    NextStep,
    PageEquityDimension,
    PagePlace,
    PageService,
    Place,
    PlainLanguageSummaryPage,
    Service,
    SummaryCoAuthor,
    SummaryIndexPage,
    TeamMember,
    TeamRole,
)


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Service {n}")
    slug = factory.Sequence(lambda n: f"service-{n}")


class EquityDimensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EquityDimension
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Dimension {n}")
    slug = factory.Sequence(lambda n: f"dimension-{n}")
    framework = Framework.PROGRESS_PLUS


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Place {n}")
    slug = factory.Sequence(lambda n: f"place-{n}")


def _index(model):
    return model.objects.first()


class TaggedPageFactory(wagtail_factories.PageFactory):
    """Pass services=[...], equity_dimensions=[...], places=[...] to tag the page."""

    class Meta:
        abstract = True

    @factory.post_generation
    def services(self, create, extracted, **kwargs):
        if create and extracted:
            PageService.objects.bulk_create([PageService(page=self, service=s) for s in extracted])

    @factory.post_generation
    def equity_dimensions(self, create, extracted, **kwargs):
        if create and extracted:
            PageEquityDimension.objects.bulk_create(
                [PageEquityDimension(page=self, equity_dimension=d) for d in extracted]
            )

    @factory.post_generation
    def places(self, create, extracted, **kwargs):
        if create and extracted:
            PagePlace.objects.bulk_create([PagePlace(page=self, place=p) for p in extracted])


class EvaluationPageFactory(TaggedPageFactory):
    class Meta:
        model = EvaluationPage

    parent = factory.LazyFunction(lambda: _index(EvaluationIndexPage))
    title = factory.Sequence(lambda n: f"Evaluation {n}")
    summary = "We looked at who the service reaches."
    period_start = datetime.date(2023, 1, 1)
    period_end = datetime.date(2023, 12, 31)
    completed = datetime.date(2024, 3, 1)
    method = Method.MIXED
    findings = factory.LazyFunction(lambda: paragraphs("The service reached more people than before."))
    recommendations = factory.LazyFunction(list)
    who_benefits = "People who live near the clinic."
    who_left_out = "People who work shifts."

    @factory.post_generation
    def team(self, create, extracted, **kwargs):
        rows = extracted or [("Sam Adviser", TeamRole.PUBLIC_ADVISER, ""), ("Jo Nurse", TeamRole.PRACTITIONER, "NHS")]
        if create:
            TeamMember.objects.bulk_create(
                [
                    TeamMember(page=self, name=n, role=r, organisation=o, sort_order=i)
                    for i, (n, r, o) in enumerate(rows)
                ]
            )

    @factory.post_generation
    def next_steps(self, create, extracted, **kwargs):
        if create and extracted:
            NextStep.objects.bulk_create(
                [NextStep(page=self, date=d, description=text, sort_order=i) for i, (d, text) in enumerate(extracted)]
            )


class PlainLanguageSummaryPageFactory(wagtail_factories.PageFactory):
    """Pass co_authors=[(name, role, user_or_None), ...]; the default credits one public adviser."""

    class Meta:
        model = PlainLanguageSummaryPage

    parent = factory.LazyFunction(lambda: _index(SummaryIndexPage))
    title = factory.Sequence(lambda n: f"Summary {n}")
    summary = "What we found, in plain words."
    evaluation = factory.SubFactory(EvaluationPageFactory)
    body = factory.LazyFunction(lambda: paragraphs("We asked people what they thought. Most of them liked it."))

    co_authors = None

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        # On the page before it is saved: saving a live page validates it, and a summary needs a public adviser.
        rows = kwargs.get("co_authors") or [("Sam Adviser", TeamRole.PUBLIC_ADVISER, None)]
        kwargs["co_authors"] = [
            SummaryCoAuthor(name=n, role=r, user=u, sort_order=i) for i, (n, r, u) in enumerate(rows)
        ]
        return kwargs


class ImageFactory(wagtail_factories.ImageFactory):
    collection = factory.LazyFunction(Collection.get_first_root_node)
    title = factory.Sequence(lambda n: f"Picture {n}")
    file = factory.LazyAttribute(lambda o: drawn_image_file(o.title[:20]))


class CaseStudyPageFactory(TaggedPageFactory):
    class Meta:
        model = CaseStudyPage

    parent = factory.LazyFunction(lambda: _index(CaseStudyIndexPage))
    title = factory.Sequence(lambda n: f"Case study {n}")
    summary = "A service changed after an evaluation."
    date = datetime.date(2024, 6, 1)
    lead_image = factory.SubFactory(ImageFactory, description="A drawing of a clinic waiting room.")
    body = factory.LazyFunction(lambda: paragraphs("The team changed the opening hours."))

    @factory.post_generation
    def evaluations(self, create, extracted, **kwargs):
        if create and extracted:
            CaseStudyEvaluation.objects.bulk_create(
                [CaseStudyEvaluation(page=self, evaluation=e, sort_order=i) for i, e in enumerate(extracted)]
            )


class GlossaryTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GlossaryTerm
        django_get_or_create = ("slug",)

    term = factory.Sequence(lambda n: f"Term {n}")
    slug = factory.Sequence(lambda n: f"term-{n}")
    definition = "A short, plain definition."
    live = True
