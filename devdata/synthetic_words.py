"""The words synthetic evaluations are made of (see `devdata.synthetic`): invented services, people and
findings, written in the voice of the real demo content."""

from evidence.models import TeamRole

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
