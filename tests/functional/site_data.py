"""The data every browser test looks at: one of each page type, with glossary terms in the text, a co-production
team with public advisers, a dated public-adviser sign-off, a case study and an accessibility statement."""

import datetime

from django.utils import timezone
from wagtail.rich_text import RichText

from devdata.factories import (
    CaseStudyPageFactory,
    EquityDimensionFactory,
    EvaluationPageFactory,
    GlossaryTermFactory,
    PlaceFactory,
    PlainLanguageSummaryPageFactory,
    ServiceFactory,
    paragraphs,
)
from evidence.models import EvaluationPage, Framework, SummarySignOff, TeamRole
from home.models import HomePage, StandardPage

FINDINGS = [
    ("paragraph", RichText("<p>The checks found raised blood pressure in people living with <b>deprivation</b>.</p>")),
    ("inset_text", {"body": RichText("<p>Most new cases were in the Core20PLUS5 areas.</p>")}),
    (
        "warning_callout",
        {"title": "Small numbers", "heading_level": 3, "body": RichText("<p>Only 40 men under 50 took part.</p>")},
    ),
]


def build_site():
    parent = ServiceFactory(name="Primary care", slug="primary-care")
    pharmacy = ServiceFactory(name="Community pharmacy", slug="community-pharmacy", parent=parent)
    core20 = EquityDimensionFactory(name="Core20", slug="core20", framework=Framework.CORE20PLUS5_ADULTS)
    age = EquityDimensionFactory(name="Age", slug="age", framework=Framework.EQUALITY_ACT)
    place = PlaceFactory(name="Northshore", slug="northshore")

    core20plus5 = GlossaryTermFactory(
        term="Core20PLUS5",
        slug="core20plus5",
        definition="An NHS England plan to close gaps in health care.",
        aliases="Core 20 PLUS 5",
    )
    deprivation = GlossaryTermFactory(
        term="Deprivation", slug="deprivation", definition="Not having the money or things most people have."
    )
    core20plus5.related_terms.set([deprivation])

    evaluation = EvaluationPageFactory(
        title="Blood pressure checks in pharmacies",
        slug="bp-checks",
        summary="We looked at who came for free blood pressure checks in seaside pharmacies.",
        services=[pharmacy],
        equity_dimensions=[core20, age],
        places=[place],
        findings=FINDINGS,
        recommendations=paragraphs("Offer checks in the evening."),
        unintended_consequences="Pharmacists had less time for other work.",
        reduce_gap="Evening and weekend checks for people who work.",
        doi="10.5555/eep.2024.001",
        citation="Northshore Pharmacy Team (2024). Blood pressure checks in pharmacies.",
        last_reviewed=datetime.date(2024, 4, 1),
        next_review=datetime.date(2026, 4, 1),
        team=[
            ("Amina Khan", TeamRole.PUBLIC_ADVISER, ""),
            ("Jo Patel", TeamRole.PRACTITIONER, "Northshore Pharmacy"),
            ("Dr Sam Lee", TeamRole.RESEARCHER, "University of Northshore"),
        ],
        next_steps=[(datetime.date(2024, 6, 1), "The service now opens until 8pm on Thursdays.")],
    )
    summary = PlainLanguageSummaryPageFactory(
        title="Blood pressure checks: what we found",
        slug="bp-checks",
        summary="Free checks in chemists found people with high blood pressure.",
        evaluation=evaluation,
        body=[
            ("heading", "What we wanted to find out"),
            *paragraphs(
                "We wanted to know who came for a free check. We looked at places with a lot of deprivation.",
                "Most people who came were over 60. Few young men came.",
            ),
        ],
        co_authors=[("Amina Khan", TeamRole.PUBLIC_ADVISER, None), ("Dr Sam Lee", TeamRole.RESEARCHER, None)],
        last_reviewed=datetime.date(2024, 4, 1),
        next_review=datetime.date(2026, 4, 1),
    )
    SummarySignOff.record(
        summary, name="Amina Khan", signed_off_at=timezone.make_aware(datetime.datetime(2024, 3, 20, 10, 0))
    )
    case_study = CaseStudyPageFactory(
        title="Evening checks at the seafront",
        slug="evening-checks",
        summary="The pharmacy opened late on Thursdays after the evaluation.",
        evaluations=[evaluation],
        services=[pharmacy],
        equity_dimensions=[core20],
        places=[place],
        body=paragraphs("Men who work in the day can now come in the evening. This helps close gaps from deprivation."),
    )
    other = EvaluationPageFactory(
        title="Dental care for children in Riverside",
        slug="child-dental",
        services=[parent],
        equity_dimensions=[age],
        completed=datetime.date(2023, 5, 1),
    )

    for page in (evaluation, summary, case_study, other):
        page.save_revision().publish()  # as an editor would: sets last_published_at (sitemap, Open Graph)

    home = HomePage.objects.get()
    home.featured_evaluations = [("evaluation", evaluation)]
    home.save_revision().publish()
    statement = StandardPage(
        title="Accessibility statement",
        slug="accessibility",
        summary="How accessible this website is.",
        body=paragraphs(
            "We want as many people as possible to be able to use this website.",
            "Words like Core20PLUS5 are explained where they appear.",
        ),
        last_reviewed=datetime.date(2024, 4, 1),
        next_review=datetime.date(2025, 4, 1),
    )
    home.add_child(instance=statement)
    statement.save_revision().publish()

    return {
        "evaluation": EvaluationPage.objects.get(pk=evaluation.pk),
        "other_evaluation": other,
        "summary": summary,
        "case_study": case_study,
        "statement": statement,
        "terms": [core20plus5, deprivation],
        "equity": core20,
        "service": pharmacy,
    }
