"""Content for the leak test: one unique word per way a page, document or glossary term can be hidden from
anonymous readers, planted in titles, summaries, slugs and body text, and linked from public pages. A control
word sits in public content, so the test proves it can see what it looks for."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction
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
from evidence import roles
from evidence.models import EvaluationPage, GlossaryTerm
from home.models import HomePage, StandardPage

# word -> what hides it. Letters only (one full-text token each), and none contains another.
SECRETS = {
    "quaggadraft": "a draft page, never published",
    "quaggaunpub": "a page published, then unpublished",
    "quagganewrev": "a changed draft over a live page (only in the newest revision)",
    "quaggapassword": "a password-restricted page",
    "quaggalogin": "a login-only page",
    "quaggagroups": "a group-restricted page",
    "quaggainherit": "a page under a group-restricted page",
    "quaggadocument": "a document in a restricted collection",
    "quaggatermdraft": "a draft glossary term, never published",
    "quaggatermunpub": "a glossary term published, then unpublished",
    "quaggatermnewrev": "a live glossary term's newest (unpublished) revision",
    "quaggaproject": "a registered project (evaluation in progress), never published",
    "quaggahub": "a login-only resource",
    "quaggaevent": "an event published, then unpublished",
}
CONTROL = "quaggavisible"
CONTROL_TERM = "quaggaglossed"
# Completion years that only hidden pages have: the year facet must never offer them.
HIDDEN_YEARS = (1991, 1992, 1993, 1994)
PUBLIC_YEAR = 2024


@dataclass
class Corpus:
    pages: dict = field(default_factory=dict)  # name -> page
    hidden_pages: list = field(default_factory=list)
    public_pages: list = field(default_factory=list)
    terms: dict = field(default_factory=dict)
    document: Document = None


def _evaluation(word, year, taxonomy, **extra):
    return EvaluationPageFactory(
        title=f"Evaluation {word}",
        slug=f"{word}-evaluation",
        summary=f"We looked at {word} in the clinic.",
        findings=paragraphs(f"The {word} finding."),
        who_benefits=f"People near {word}.",
        completed=datetime.date(year, 3, 1),
        period_start=datetime.date(year - 1, 1, 1),
        period_end=datetime.date(year - 1, 12, 31),
        services=[taxonomy["service"]],
        equity_dimensions=[taxonomy["equity"]],
        places=[taxonomy["place"]],
        doi=f"10.5555/{word}",
        citation=f"The {word} team ({year}).",
        **extra,
    )


def _publish(*pages):
    for page in pages:
        page.save_revision().publish()


def _restrict(page, kind, groups=()):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind, password="secret-pw")
    restriction.groups.set(groups)


def _link(page, text):
    return f'<a linktype="page" id="{page.pk}">{text}</a>'


def build():
    corpus = Corpus()
    taxonomy = {
        "service": ServiceFactory(name="Community pharmacy", slug="community-pharmacy"),
        "equity": EquityDimensionFactory(name="Age", slug="age"),
        "place": PlaceFactory(name="Northshore", slug="northshore"),
    }
    home = HomePage.objects.get()
    tags = {"services": [taxonomy["service"]], "equity_dimensions": [taxonomy["equity"]], "places": [taxonomy["place"]]}

    # Public control content.
    control = _evaluation(CONTROL, PUBLIC_YEAR, taxonomy)
    control_summary = PlainLanguageSummaryPageFactory(
        title=f"Summary {CONTROL}", slug=f"{CONTROL}-summary", evaluation=control, summary=f"About {CONTROL}."
    )
    _publish(control, control_summary)

    # Hidden pages, one way each.
    draft = _evaluation("quaggadraft", HIDDEN_YEARS[0], taxonomy, live=False)
    draft.save_revision()
    unpublished = _evaluation("quaggaunpub", HIDDEN_YEARS[1], taxonomy)
    _publish(unpublished)
    unpublished.unpublish()

    changed = _evaluation("seaside", PUBLIC_YEAR, taxonomy)
    _publish(changed)
    changed.title = "Evaluation quagganewrev"
    changed.summary = "We looked at quagganewrev in the clinic."
    changed.findings = paragraphs("The quagganewrev finding.")
    changed.save_revision()

    password = _evaluation("quaggapassword", PUBLIC_YEAR, taxonomy)  # its public summary shows its year
    _publish(password)
    _restrict(password, PageViewRestriction.PASSWORD)

    login = CaseStudyPageFactory(
        title="Case study quaggalogin",
        slug="quaggalogin-story",
        summary="What changed at quaggalogin.",
        body=paragraphs("The quaggalogin change."),
        date=datetime.date(HIDDEN_YEARS[2], 6, 1),
        evaluations=[control],
        services=[taxonomy["service"]],
        equity_dimensions=[taxonomy["equity"]],
    )
    _publish(login)
    _restrict(login, PageViewRestriction.LOGIN)

    grouped = _evaluation("quaggagroups", HIDDEN_YEARS[3], taxonomy)
    _publish(grouped)
    _restrict(grouped, PageViewRestriction.GROUPS, [Group.objects.get(name=roles.EDITORS)])

    section = home.add_child(
        instance=StandardPage(title="Staff quaggagroups", slug="staff-quaggagroups", body=paragraphs("quaggagroups"))
    )
    inner = section.add_child(
        instance=StandardPage(title="Inside quaggainherit", slug="quaggainherit", body=paragraphs("quaggainherit"))
    )
    _publish(section, inner)
    _restrict(section, PageViewRestriction.GROUPS, [Group.objects.get(name=roles.EDITORS)])

    # A document in a restricted collection, offered as a public evaluation's report and linked from rich text.
    collection = Collection.get_first_root_node().add_child(name="Internal papers")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.PASSWORD, password="secret-pw"
    )
    document = Document.objects.create(
        title="Report quaggadocument",
        collection=collection,
        file=ContentFile(b"The quaggadocument report.", name="quaggadocument-report.pdf"),
    )
    control.report = document
    _publish(control)

    # The resource hub and the register (types in search): one hidden of each kind, and a public project.
    from devdata.resource_factories import EventPageFactory, ResourcePageFactory
    from tests.register.factories import RegisteredProjectPageFactory

    project = RegisteredProjectPageFactory(
        title="Project quaggaproject", slug="quaggaproject", summary="quaggaproject", live=False, **tags
    )
    project.save_revision()
    resource = ResourcePageFactory(title="Guide quaggahub", slug="quaggahub", summary="About quaggahub.")
    _publish(resource)
    _restrict(resource, PageViewRestriction.LOGIN)
    event = EventPageFactory(title="Workshop quaggaevent", slug="quaggaevent", summary="About quaggaevent.")
    _publish(event)
    event.unpublish()
    control_project = RegisteredProjectPageFactory(title=f"Project {CONTROL}", slug=f"{CONTROL}-project", **tags)
    _publish(control_project)

    # Public pages that point at hidden ones.
    summary_of_hidden = PlainLanguageSummaryPageFactory(
        title="What the internal review found", slug="internal-review-summary", evaluation=password
    )
    summary_of_draft = PlainLanguageSummaryPageFactory(
        title="What the new review found", slug="new-review-summary", evaluation=draft
    )
    summary_of_unpublished = PlainLanguageSummaryPageFactory(
        title="What the old review found", slug="old-review-summary", evaluation=unpublished
    )
    story = CaseStudyPageFactory(
        title="Evening opening",
        slug="evening-opening",
        evaluations=[password, draft, unpublished, grouped, control],
        services=[taxonomy["service"]],
        equity_dimensions=[taxonomy["equity"]],
        date=datetime.date(PUBLIC_YEAR, 6, 1),
    )
    hidden = [draft, unpublished, password, login, grouped, section, inner, project, resource, event]
    links = " ".join(_link(page, f"more work {i}") for i, page in enumerate(hidden))
    about = home.add_child(
        instance=StandardPage(
            title="Our work",
            slug="our-work",
            body=[
                ("paragraph", RichText(f"<p>See {links} and {_link(control, 'the visible one')}.</p>")),
                ("paragraph", RichText(f'<p>Read <a linktype="document" id="{document.pk}">the paper</a>.</p>')),
            ],
        )
    )
    _publish(summary_of_hidden, summary_of_draft, summary_of_unpublished, story, about)
    home.featured_evaluations = [("evaluation", page) for page in (password, draft, unpublished, grouped, control)]
    _publish(home)

    # Glossary: hidden terms, and a public one that relates to them and links a hidden page.
    term_draft = GlossaryTermFactory(
        term="Quaggatermdraft", slug="quaggatermdraft", definition="A quaggatermdraft word.", live=False
    )
    term_unpub = GlossaryTermFactory(term="Quaggatermunpub", slug="quaggatermunpub", definition="A quaggatermunpub.")
    term_unpub.save_revision().publish()
    term_unpub.unpublish()
    term_changed = GlossaryTermFactory(term="Outreach", slug="outreach", definition="Going to where people are.")
    term_changed.save_revision().publish()
    term_changed.definition = "A quaggatermnewrev word."
    term_changed.aliases = "quaggatermnewrev"
    term_changed.save_revision()
    visible_term = GlossaryTermFactory(
        term=CONTROL_TERM.title(),
        slug=CONTROL_TERM,
        definition=f"The {CONTROL_TERM} meaning.",
        explanation=f"<p>Compare {_link(password, 'this review')}.</p>",
    )
    visible_term.related_terms.set([term_draft, term_unpub, term_changed])
    visible_term.save_revision().publish()

    corpus.pages = {
        "control": control,
        "control_summary": control_summary,
        "changed": changed,
        "summary_of_hidden": summary_of_hidden,
        "story": story,
        "about": about,
        **{page.slug: page for page in hidden},
    }
    corpus.hidden_pages = hidden
    corpus.public_pages = [control, control_summary, changed, summary_of_hidden, story, about]
    corpus.public_pages += [summary_of_draft, summary_of_unpublished]
    corpus.terms = {t.slug: t for t in (term_draft, term_unpub, term_changed, visible_term)}
    corpus.document = document
    assert not EvaluationPage.objects.get(pk=changed.pk).title.endswith("quagganewrev")
    assert "quaggatermnewrev" not in GlossaryTerm.objects.get(pk=term_changed.pk).definition
    return corpus
