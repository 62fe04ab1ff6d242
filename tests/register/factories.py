"""A factory for registered projects (under /register/, created by migration register/0002)."""

import datetime

import factory

from core.choices import Stage, TeamRole
from devdata.factories import TaggedPageFactory
from register.models import ProjectTeamMember, RegisteredProjectPage, RegisterIndexPage

SECRET_EMAIL = "private.contact@example.org"


class RegisteredProjectPageFactory(TaggedPageFactory):
    """Pass services=[...], equity_dimensions=[...], places=[...] and team=[(name, role, organisation), ...]."""

    class Meta:
        model = RegisteredProjectPage

    parent = factory.LazyFunction(lambda: RegisterIndexPage.objects.first())
    title = factory.Sequence(lambda n: f"Project {n}")
    summary = "We want to know who the service misses."
    cohort = "Cohort 6 (2026)"
    stage = Stage.DO
    expected_completion = datetime.date(2027, 3, 1)
    contact_name = "Pat Contact"
    contact_email = SECRET_EMAIL

    @factory.post_generation
    def team(self, create, extracted, **kwargs):
        rows = extracted or [("Ana Adviser", TeamRole.PUBLIC_ADVISER, ""), ("Jo Nurse", TeamRole.PRACTITIONER, "NHS")]
        if create:
            ProjectTeamMember.objects.bulk_create(
                [
                    ProjectTeamMember(page=self, name=n, role=r, organisation=o, sort_order=i)
                    for i, (n, r, o) in enumerate(rows)
                ]
            )
