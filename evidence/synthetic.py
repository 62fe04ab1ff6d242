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

from .models import Method, TeamRole

# Completion dates are spread over these dates (inclusive); summaries are published three weeks later.
FIRST_COMPLETED = datetime.date(2019, 1, 1)
LAST_COMPLETED = datetime.date(2026, 10, 31)
SUMMARY_PUBLISHED_AFTER = datetime.timedelta(days=21)
NAMESPACE = uuid.UUID("6f1c1d8e-3c1b-4b43-9d5a-5e0b1c7a2f10")

# ----------------------------------------------------------------------------------------------- vocabulary

INTERVENTIONS = [
    "evening blood pressure checks",
    "walk-in health checks",
    "a text message reminder service",
    "community health champions",
    "a mobile screening unit",
    "interpreter-led appointments",
    "a social prescribing link worker service",
    "home visits by a health and care team",
    "a digital front door for appointments",
    "peer support groups",
    "a weekend vaccination clinic",
    "outreach at food banks",
    "a stop smoking service in pharmacies",
    "a carers' support hub",
    "group antenatal care",
    "school-based asthma reviews",
    "a falls prevention class",
    "a hospital discharge befriending scheme",
    "a free dental check-up offer",
    "a virtual ward",
    "video consultations",
    "a learning disability annual health check drive",
    "an alcohol liaison service",
    "a sexual health clinic in a college",
    "a talking therapies self-referral website",
    "a diabetes education course",
    "a men's health check in workplaces",
    "a crisis cafe",
    "an eye test bus",
    "a hearing aid aftercare drop-in",
]

POPULATIONS = [
    "shift workers",
    "older people living alone",
    "young carers",
    "families in temporary housing",
    "people experiencing homelessness",
    "Gypsy, Roma and Traveller communities",
    "refugees and people seeking asylum",
    "people with a learning disability",
    "autistic adults",
    "men under 50",
    "new parents",
    "teenagers",
    "people with severe mental illness",
    "people who speak little English",
    "farm and seasonal workers",
    "disabled people",
    "people on low incomes",
    "Black and minority ethnic communities",
    "people with several long-term conditions",
    "veterans",
    "LGBTQ+ people",
    "people leaving prison",
    "children looked after by the council",
    "fishing communities",
    "people without a registered GP",
]

SETTINGS = [
    "community pharmacies",
    "GP surgeries",
    "libraries",
    "mosques, churches and temples",
    "supermarkets",
    "schools",
    "family hubs",
    "leisure centres",
    "job centres",
    "community centres",
    "football clubs",
    "care homes",
    "hostels",
    "the emergency department",
    "markets",
]

BARRIERS = [
    "opening hours that clash with work",
    "the cost of travel",
    "letters that are hard to read",
    "no interpreter at the first visit",
    "no private room to talk",
    "long waits on the phone",
    "a booking system that only works online",
    "fear of being judged",
    "not knowing the service existed",
    "childcare",
    "buses that stop running early",
    "no step-free access",
    "poor mobile signal",
    "past bad experiences of services",
    "forms that ask for a fixed address",
]

CHANGES = [
    "evening and weekend sessions",
    "a named contact person",
    "easy read letters",
    "free bus tickets",
    "interpreters booked in advance",
    "drop-in slots with no booking",
    "text reminders in several languages",
    "longer appointments",
    "outreach by trusted local groups",
    "a phone line with a call-back",
    "home visits for people who cannot travel",
    "training for reception staff",
]

OUTCOMES = [
    "attendance",
    "uptake",
    "early diagnosis",
    "waiting times",
    "referrals to follow-up care",
    "satisfaction with care",
    "missed appointments",
    "emergency admissions",
    "confidence in managing health",
    "registration with a GP",
]

ORGANISATIONS = {
    TeamRole.PRACTITIONER: [
        "Harbourgate Medical Practice",
        "Seafront Pharmacy",
        "Riverside Community Health Team",
        "Kingsmead Family Hub",
        "Westmoor Health Centre",
    ],
    TeamRole.COMMISSIONER: [
        "North Coast and Moors Integrated Care Board",
        "Eastbridge and Riverside Integrated Care Board",
        "Northshore Council Public Health",
    ],
    TeamRole.RESEARCHER: [
        "Coast and Moors Health Research Unit",
        "Eastbridge University Applied Health Research",
        "Southvale Evaluation Partnership",
    ],
    TeamRole.OTHER: ["Healthwatch Northshore", "Highfell Voluntary Action", "Carers Together"],
    TeamRole.PATIENT_CARER: [""],
    TeamRole.PUBLIC_ADVISER: [""],
}

FIRST_NAMES = [
    "Aisha", "Ben", "Chloe", "Daniel", "Ella", "Farid", "Grace", "Hassan", "Imogen", "Jamal", "Kerry", "Liam",
    "Maya", "Niall", "Olu", "Priya", "Rosa", "Sam", "Tariq", "Una", "Viktor", "Wendy", "Yusuf", "Zoe",
    "Bronwen", "Callum", "Deepa", "Eilidh", "Fatima", "Gethin",
]  # fmt: skip
LAST_NAMES = [
    "Adeyemi", "Barker", "Chen", "Doherty", "Evans", "Fraser", "Gill", "Hughes", "Iqbal", "Jones", "Kowalski",
    "Lloyd", "Mensah", "Nowak", "O'Brien", "Patel", "Quinn", "Roberts", "Singh", "Thomas", "Underwood", "Vaughan",
    "Walsh", "Yilmaz", "Zielinski",
]  # fmt: skip

FINDING_SENTENCES = [
    "{outcome_cap} rose from {a}% to {b}% among {population} over the year.",
    "Most of the {n} people who used {intervention} lived in the most deprived neighbourhoods.",
    "Interviews with {m} residents showed that {barrier} kept many {population} away.",
    "Staff said {change} made the biggest difference to {outcome}.",
    "{population_cap} made up {a}% of visits against {b}% of the local population.",
    "People who came once were likely to come back, and {a}% were referred for follow-up care.",
    "Sites in {setting} reached more {population} than sites in hospitals.",
    "Take-up was lowest where {barrier} was reported, even after {change} were offered.",
    "There was no clear change in {outcome} for {population}, although numbers were small.",
    "Costs per person fell by {a}% in the second year as {setting} took on more of the work.",
    "Feedback forms showed high trust in {intervention}, especially among {population}.",
    "Data on ethnicity was missing for {a}% of records, which limits what we can say about reach.",
]

RECOMMENDATION_SENTENCES = [
    "Keep {intervention} and fund {change} for at least two more years.",
    "Offer {change} so that {population} can take part.",
    "Record postcode, ethnicity and disability for every visit so that reach can be checked each quarter.",
    "Work with {setting} to reach {population} where they already go.",
    "Remove {barrier} before the service is extended to other places.",
    "Ask {population} to help design the next stage of the service.",
]

WHO_BENEFITS = [
    "{population_cap} who could reach {setting} during the day, and people already in touch with services.",
    "People living near {setting}, who used {intervention} in line with their share of the population.",
    "{population_cap}, who told us that {change} made it easier to come.",
    "Older residents and families with children, who had the largest gains in {outcome}.",
]

WHO_LEFT_OUT = [
    "{population_cap}, because of {barrier}.",
    "People without a fixed address and {population}, who met {barrier}.",
    "{population_cap} and people who work shifts, because of {barrier} and {barrier2}.",
    "People who do not read English well, because of {barrier}.",
]

REDUCE_GAP = [
    "Offer {change} and work with trusted local groups to reach {population}.",
    "Remove {barrier} and check {outcome} by deprivation and ethnicity every quarter.",
    "Bring {intervention} into {setting} and book interpreters in advance.",
]

UNINTENDED = [
    "",
    "Some people moved from their usual GP surgery to {setting}, which made follow-up harder.",
    "Waiting times at {setting} grew while the service was busy.",
    "",
]

# Plain-language summary bodies are built from a few parts, so there are only a few hundred distinct texts and
# readability can be measured once per text (the command caches measure() by the text itself).
SUMMARY_HEADINGS = ["What we found", "What we learned", "What people told us", "What it means"]
SUMMARY_OPENINGS = [
    "We wanted to know who used the service. We also asked who did not use it, and why.",
    "We looked at a local health service. We asked if it helped everyone in the same way.",
    "We talked to people who used the service. We also talked to staff and carers.",
    "A team of patients, staff and researchers looked at this service together.",
    "We counted who came to the service. Then we asked people what it was like.",
    "We checked how many people used the service each month for a year.",
    "Some people find it hard to get care. We wanted to see if this service helped them.",
    "We read the records and spoke to people in their own language when we could.",
]
SUMMARY_RESULTS = [
    "More people came when the service was open in the evening. Fewer people missed their visit.",
    "Most people liked the service. Some people could not get there because the bus did not run.",
    "People said the staff were kind. Some said the letters were hard to read.",
    "The service reached people in the poorest areas. Young men still did not come much.",
    "People who needed an interpreter often had to wait longer. We think this must change.",
    "More people found out they had a health problem early. That means they can get help sooner.",
    "People said a phone call helped more than a letter. Texts helped younger people most.",
    "Carers said they felt heard. They want the service to carry on.",
]


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
