"""The fixed vocabularies of the resource hub: what a resource is, which stage of an evaluation it helps with and
who it is for. Fixed in code (not snippets): the filters on /resources/ and their web addresses depend on them.
The stages are core.choices.Stage, shared with the register of evaluations in progress."""

from django.db import models


class Kind(models.TextChoices):
    GUIDANCE = "guidance", "Guidance"
    TEMPLATE = "template", "Template"
    WORKED_EXAMPLE = "worked-example", "Worked example"
    METHODS_ADVICE = "methods-advice", "Methods advice"


class Audience(models.TextChoices):
    PUBLIC_ADVISERS = "public-advisers", "Public advisers, patients and carers"
    PRACTITIONERS = "practitioners", "Practitioners"
    COMMISSIONERS = "commissioners", "Commissioners"
    RESEARCHERS = "researchers", "Researchers"
