"""Deterministic synthetic evaluations for benchmarks and load tests (used by `manage.py generate_evaluations`).

Everything about evaluation number `i` of seed `s` comes from its own random generator seeded with
"eep-synthetic:<s>:<i>", so the same seed and index always give the same title, slug, taxonomy, dates and text
(whatever the count, the batch size or what else is in the database), and a larger count only adds new ones.

This module only builds plain Python data; generate_evaluations writes it to the database in bulk.
"""

import datetime
import random
import uuid
from dataclasses import dataclass, field

from django.utils.text import slugify

from evidence.models import Method, TeamRole

from .synthetic_words import (
    BARRIERS,
    CHANGES,
    FINDING_SENTENCES,
    FIRST_NAMES,
    INTERVENTIONS,
    LAST_NAMES,
    ORGANISATIONS,
    OUTCOMES,
    POPULATIONS,
    RECOMMENDATION_SENTENCES,
    REDUCE_GAP,
    SETTINGS,
    SUMMARY_HEADINGS,
    SUMMARY_OPENINGS,
    SUMMARY_RESULTS,
    UNINTENDED,
    WHO_BENEFITS,
    WHO_LEFT_OUT,
)

# Completion dates are spread over these dates (inclusive); summaries are published three weeks later.
FIRST_COMPLETED = datetime.date(2019, 1, 1)
LAST_COMPLETED = datetime.date(2026, 10, 31)
SUMMARY_PUBLISHED_AFTER = datetime.timedelta(days=21)
NAMESPACE = uuid.UUID("6f1c1d8e-3c1b-4b43-9d5a-5e0b1c7a2f10")

# ----------------------------------------------------------------------------------------------- specs


@dataclass
class Person:
    name: str
    role: str
    organisation: str = ""


@dataclass
class EvaluationSpec:
    index: int
    title: str
    slug: str
    summary: str
    completed: datetime.date
    period_start: datetime.date
    period_end: datetime.date
    method: str
    findings: list
    recommendations: list
    who_benefits: str
    who_left_out: str
    unintended_consequences: str
    reduce_gap: str
    service_slugs: list
    dimension_slugs: list
    place_slugs: list
    team: list
    translation_key: uuid.UUID
    summary_title: str
    summary_body: list
    summary_co_authors: list
    summary_translation_key: uuid.UUID
    extra: dict = field(default_factory=dict)

    @property
    def published_at(self):
        """When the evaluation was published: 09:00 UTC three weeks after completion (like the demo loader)."""
        return datetime.datetime.combine(
            self.completed + SUMMARY_PUBLISHED_AFTER, datetime.time(9), tzinfo=datetime.UTC
        )


def slug_for(title, seed, index):
    """Slugs carry the seed and index, so a re-run can tell what it already made."""
    words = slugify(title)
    if len(words) > 80:
        words = words[:81].rsplit("-", 1)[0]  # whole words only
    return f"{words}-s{seed}-{index}"


def _block(seed, index, name, position, block_type, value):
    block_id = uuid.uuid5(NAMESPACE, f"{seed}:{index}:{name}:{position}")
    return {"type": block_type, "value": value, "id": str(block_id)}


def _cap(text):
    return text[:1].upper() + text[1:]


class _Filler:
    """Fills the {slots} of a sentence template from the vocabulary, with one random generator."""

    def __init__(self, rng, population, intervention, setting):
        self.rng = rng
        self.population = population
        self.intervention = intervention
        self.setting = setting

    def __call__(self, template):
        rng = self.rng
        a, b = sorted(rng.sample(range(4, 96), 2))
        barrier, barrier2 = rng.sample(BARRIERS, 2)
        outcome = rng.choice(OUTCOMES)
        population = self.population if rng.random() < 0.6 else rng.choice(POPULATIONS)
        values = {
            "a": a,
            "b": b,
            "n": rng.randrange(120, 9000),
            "m": rng.randrange(8, 60),
            "barrier": barrier,
            "barrier2": barrier2,
            "change": rng.choice(CHANGES),
            "outcome": outcome,
            "outcome_cap": _cap(outcome),
            "population": population,
            "population_cap": _cap(population),
            "intervention": self.intervention,
            "setting": self.setting if rng.random() < 0.7 else rng.choice(SETTINGS),
        }
        return template.format(**values)


def _team(rng):
    """2–5 people: a researcher, a practitioner and one or two public advisers, plus sometimes others."""
    roles = [TeamRole.RESEARCHER, TeamRole.PRACTITIONER, TeamRole.PUBLIC_ADVISER]
    extra = rng.randint(0, 2)
    roles += rng.sample([TeamRole.COMMISSIONER, TeamRole.PATIENT_CARER, TeamRole.PUBLIC_ADVISER, TeamRole.OTHER], extra)
    names = set()
    people = []
    for role in roles[:5]:
        while True:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            if name not in names:
                names.add(name)
                break
        prefix = "Dr " if role == TeamRole.RESEARCHER else ""
        people.append(Person(prefix + name, str(role), rng.choice(ORGANISATIONS[role])))
    return people


def build(seed, index, services, dimensions, places):
    """The spec of evaluation `index` for `seed`.

    `services` (child services), `dimensions` and `places` are lists of (slug, name) pairs; they are sorted here, so
    the choice depends only on which terms exist, not on the order they came from the database.
    """
    rng = random.Random(f"eep-synthetic:{seed}:{index}")
    services, dimensions, places = sorted(services), sorted(dimensions), sorted(places)

    chosen_services = rng.sample(services, min(rng.randint(1, 3), len(services)))
    chosen_dimensions = rng.sample(dimensions, min(rng.randint(1, 4), len(dimensions)))
    chosen_places = rng.sample(places, min(rng.randint(1, 2), len(places)))

    intervention = rng.choice(INTERVENTIONS)
    population = rng.choice(POPULATIONS)
    setting = rng.choice(SETTINGS)
    place_name = chosen_places[0][1]
    fill = _Filler(rng, population, intervention, setting)

    title = f"{_cap(intervention)} for {population} in {place_name}"
    completed = FIRST_COMPLETED + datetime.timedelta(days=rng.randrange((LAST_COMPLETED - FIRST_COMPLETED).days + 1))
    period_end = completed - datetime.timedelta(days=rng.randrange(14, 120))
    period_start = period_end - datetime.timedelta(days=rng.randrange(180, 730))
    method = rng.choice(list(Method.values))

    findings = []
    for n in range(rng.randint(2, 4)):
        first, second = rng.sample(FINDING_SENTENCES, 2)
        findings.append(_block(seed, index, "findings", n, "paragraph", f"<p>{fill(first)} {fill(second)}</p>"))
    recommendations = [
        _block(seed, index, "recommendations", n, "paragraph", f"<p>{fill(sentence)}</p>")
        for n, sentence in enumerate(rng.sample(RECOMMENDATION_SENTENCES, rng.randint(1, 3)))
    ]
    summary = f"We evaluated {intervention} in {place_name} and asked how well it reached {population}."

    team = _team(rng)
    advisers = [person for person in team if person.role == TeamRole.PUBLIC_ADVISER]
    researcher = team[0]
    co_authors = [*advisers, researcher] if rng.random() < 0.5 else advisers

    heading = rng.choice(SUMMARY_HEADINGS)
    opening = rng.choice(SUMMARY_OPENINGS)
    result = rng.choice(SUMMARY_RESULTS)
    summary_body = [
        _block(seed, index, "body", 0, "paragraph", f"<p>{opening}</p>"),
        _block(seed, index, "body", 1, "heading", heading),
        _block(seed, index, "body", 2, "paragraph", f"<p>{result}</p>"),
    ]

    return EvaluationSpec(
        index=index,
        title=title,
        slug=slug_for(title, seed, index),
        summary=summary,
        completed=completed,
        period_start=period_start,
        period_end=period_end,
        method=method,
        findings=findings,
        recommendations=recommendations,
        who_benefits=fill(rng.choice(WHO_BENEFITS)),
        who_left_out=fill(rng.choice(WHO_LEFT_OUT)),
        unintended_consequences=fill(rng.choice(UNINTENDED)),
        reduce_gap=fill(rng.choice(REDUCE_GAP)),
        service_slugs=[slug for slug, _ in chosen_services],
        dimension_slugs=[slug for slug, _ in chosen_dimensions],
        place_slugs=[slug for slug, _ in chosen_places],
        team=team,
        translation_key=uuid.uuid5(NAMESPACE, f"{seed}:{index}:evaluation"),
        summary_title=f"{_cap(intervention)} in {place_name}: what we found",
        summary_body=summary_body,
        summary_co_authors=co_authors,
        summary_translation_key=uuid.uuid5(NAMESPACE, f"{seed}:{index}:summary"),
        extra={"body_key": (heading, opening, result)},
    )
