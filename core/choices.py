"""Choices more than one app speaks in (evidence pages, proposals, search, resources, the register): one spelling each.

Migrations copy the values, not these classes, so a value changed here needs a data migration."""

from django.db import models


class Method(models.TextChoices):
    PROCESS = "process", "Process evaluation"
    OUTCOME = "outcome", "Outcome evaluation"
    ECONOMIC = "economic", "Economic evaluation"
    MIXED = "mixed", "Mixed methods"
    QUALITATIVE = "qualitative", "Qualitative study"
    REALIST = "realist", "Realist evaluation"


class Stage(models.TextChoices):
    """The stages of an evaluation: what a resource helps with (resources) and where a project is (register)."""

    PLAN = "plan", "Plan"
    DO = "do", "Do"
    ANALYSE = "analyse", "Analyse"
    SHARE = "share", "Share"
    ACT = "act", "Act"


class TeamRole(models.TextChoices):
    PRACTITIONER = "practitioner", "Practitioner"
    COMMISSIONER = "commissioner", "Commissioner"
    PATIENT_CARER = "patient-carer", "Patient or carer"
    PUBLIC_ADVISER = "public-adviser", "Public adviser"
    RESEARCHER = "researcher", "Researcher"
    OTHER = "other", "Other"


class Framework(models.TextChoices):
    """The frameworks equity dimensions come from."""

    PROGRESS_PLUS = "progress-plus", "PROGRESS-Plus"
    EQUALITY_ACT = "equality-act", "Equality Act 2010 protected characteristics"
    CORE20PLUS5_ADULTS = "core20plus5-adults", "Core20PLUS5 (adults)"
    CORE20PLUS5_CYP = "core20plus5-cyp", "Core20PLUS5 (children and young people)"
