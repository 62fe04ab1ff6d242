"""Load the demo content from evidence/demo/*.json. Idempotent: what already exists (by slug) is left alone.

Run by `make run` on every start; a second run creates nothing. Refused under production settings (see
`production_reason`): the demo accounts' password is published in the README. `--force-production` loads the
content there anyway, with the demo accounts unable to sign in until someone sets their passwords.
"""

import datetime
import json
import os
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Collection, Page

from core.blocks import paragraphs
from core.bulk_saves import indexed_once
from evidence import roles
from evidence.demo_pictures import drawn_image_file
from evidence.models import (
    CaseStudyEvaluation,
    CaseStudyIndexPage,
    CaseStudyPage,
    EquityDimension,
    EvaluationIndexPage,
    EvaluationPage,
    GlossaryTerm,
    NextStep,
    PageEquityDimension,
    PagePlace,
    PageService,
    Place,
    PlainLanguageSummaryPage,
    Service,
    SummaryCoAuthor,
    SummaryIndexPage,
    SummarySignOff,
    TeamMember,
    TeamRole,
)
from evidence.models.own_columns import with_own_copies
from home.models import HomePage, StandardPage

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
# Development accounts only: README lists them. Never load demo content on a public deployment.
DEMO_PASSWORD = "demo-portal-2026"  # noqa: S105
DEMO_USERS = [
    ("admin", "Ada", "Admin", None, True),
    ("editor", "Elena", "Editor", roles.EDITORS, False),
    ("adviser", "Amina", "Khan", roles.PUBLIC_ADVISERS, False),
    ("adviser2", "Tom", "Price", roles.PUBLIC_ADVISERS, False),
    ("moderator", "Mo", "Reviewer", roles.MODERATORS, False),
]
# Summaries of these many evaluations also credit the demo adviser account, so sign-off can be tried out.
ADVISER_CREDITED_SUMMARIES = 3


def production_reason():
    """Why these settings look like a real deployment, or '' when they are development or test settings.

    The production settings module always counts. Otherwise settings with DEBUG on (which production.py refuses),
    or built on dev.py or test.py (they set PORTAL_DEMO_SETTINGS), are fine; anything else with DEBUG off (base.py
    used directly, a deployment's own module) counts as production."""
    module = settings.SETTINGS_MODULE or os.environ.get("DJANGO_SETTINGS_MODULE") or "(configured in code)"
    if module == "portal.settings.production" or module.endswith(".production"):
        return f"the settings module is {module}"
    if not settings.DEBUG and not getattr(settings, "PORTAL_DEMO_SETTINGS", False):
        return f"DEBUG is off and {module} is not built on the development or test settings"
    return ""


def read(name):
    return json.loads((DEMO_DIR / name).read_text(encoding="utf-8"))


def date(value):
    return datetime.date.fromisoformat(value) if value else None


def taxonomy_links(services, dimensions, places):
    """A page's taxonomy as its child relations (given to the page before it is first saved)."""
    return {
        "page_services": [PageService(service=s) for s in services],
        "page_equity_dimensions": [PageEquityDimension(equity_dimension=d) for d in dimensions],
        "page_places": [PagePlace(place=p) for p in places],
    }


class Command(BaseCommand):
    help = "Load the demo taxonomies, glossary, evaluations, summaries, case studies and users (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force-production",
            action="store_true",
            help="Load the demo under production settings anyway. Demo accounts get no usable password "
            "(set one with `manage.py changepassword <username>`), and existing demo accounts that still have "
            "the published password lose it.",
        )

    def handle(self, *args, **options):
        reason = production_reason()
        if reason and not options["force_production"]:
            raise CommandError(
                f"Refusing to load demo content: these look like production settings ({reason}). The demo "
                "creates a superuser and accounts with the password published in the README. Nothing was written. "
                "Use `make run` (development settings) to try the portal, or --force-production to load the demo "
                "content here with accounts that cannot sign in until you set their passwords."
            )
        self.production = bool(reason)
        self.created = {}
        # Each object is indexed once at the end, not at every save (core/bulk_saves.py): about twice as fast.
        with transaction.atomic(), indexed_once():
            self.load_taxonomy()
            self.load_crosswalk()
            users = self.load_users()
            self.load_glossary()
            self.load_evaluations(users["adviser"])
            self.load_case_studies()
            self.load_site_pages()
            from resources.demo_loader import load_resource_hub  # the resource hub's demo (resources/demo/)

            load_resource_hub(self)
            from register.demo_loader import load_register  # the register's demo (register/demo/)

            load_register(self)
            from outcomes.demo_loader import load_follow_ups  # "What happened next" answers (outcomes/demo/)

            load_follow_ups(self)
        summary = ", ".join(f"{count} {name}" for name, count in self.created.items() if count) or "nothing"
        self.stdout.write(self.style.SUCCESS(f"Demo content: created {summary}."))

    def count(self, name, created=True):
        self.created[name] = self.created.get(name, 0) + int(bool(created))

    def load_taxonomy(self):
        taxonomy = read("taxonomy.json")
        for order, parent in enumerate(taxonomy["services"]):
            parent_obj, created = Service.objects.get_or_create(
                slug=parent["slug"],
                defaults={"name": parent["name"], "sort_order": order},
            )
            self.count("services", created)
            for child_order, child in enumerate(parent["children"]):
                _, created = Service.objects.get_or_create(
                    slug=child["slug"],
                    defaults={
                        "name": child["name"],
                        "parent": parent_obj,
                        "sort_order": child_order,
                    },
                )
                self.count("services", created)
        for order, item in enumerate(taxonomy["equity_dimensions"]):
            _, created = EquityDimension.objects.get_or_create(
                slug=item["slug"],
                defaults={k: item[k] for k in ("name", "framework")} | {"sort_order": order},
            )
            self.count("equity dimensions", created)
        for item in taxonomy["places"]:
            _, created = Place.objects.get_or_create(
                slug=item["slug"], defaults={k: item[k] for k in ("name", "description", "kind")}
            )
            self.count("places", created)

    def load_crosswalk(self):
        """The reviewed demo crosswalk (docs/crosswalk.md), only while there is none: editors' changes stay."""
        from evidence.crosswalk import crosswalk_pairs
        from evidence.models.taxonomy import crosswalk_errors

        if crosswalk_pairs():
            return
        dimensions = {d.slug: d for d in EquityDimension.objects.all()}
        crosswalk = read("crosswalk.json")
        for kind in ("exact", "close"):
            for a, b, _why in crosswalk[kind]:
                if a not in dimensions or b not in dimensions:
                    self.stderr.write(f"Note: crosswalk pair {a} ~ {b} skipped: no such equity dimension.")
                    continue
                one, other = dimensions[a], dimensions[b]
                errors = crosswalk_errors(one, [other] * (kind == "exact"), [other] * (kind == "close"))
                if errors:
                    raise CommandError(f"crosswalk.json: {a} ~ {b}: {' '.join(errors.values())}")
                getattr(one, f"{kind}_matches").add(other)
                self.count("crosswalk pairs")

    def load_users(self):
        User = get_user_model()
        users = {}
        for username, first, last, group_name, superuser in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@example.org",
                    "is_superuser": superuser,
                    "is_staff": superuser,
                },
            )
            if created:
                if self.production:
                    user.set_unusable_password()
                else:
                    user.set_password(DEMO_PASSWORD)
                user.save()
                if group_name:
                    user.groups.add(Group.objects.get(name=group_name))
            elif self.production and user.check_password(DEMO_PASSWORD):
                user.set_unusable_password()
                user.save(update_fields=["password"])
                self.stderr.write(self.style.WARNING(f"Demo account {username} had the published password: removed."))
            self.count("users", created)
            users[username] = user
        if self.production:
            self.stderr.write(
                self.style.WARNING(
                    f"PRODUCTION SETTINGS (--force-production): no demo account ({', '.join(users)}; admin is a "
                    "superuser) can sign in with the published password; new ones have no usable password. Set "
                    "one with `manage.py changepassword <username>` only for accounts you mean to use."
                )
            )
        return users

    def load_glossary(self):
        """Glossary entries, each with the concept it explains ("explains": a service, an equity dimension or a
        framework); validated as the admin form validates them (one entry per concept, every name used once)."""
        items = read("glossary.json")
        concepts = {
            "service": {s.slug: s for s in Service.objects.all()},
            "equity_dimension": {d.slug: d for d in EquityDimension.objects.all()},
        }
        new_terms = {}
        # On a site with a glossary already (an older demo, editors' entries, migration 0005's entries made from
        # old descriptions), their entries stay: a demo entry that would clash with them is left out, said so.
        had_glossary = GlossaryTerm.objects.exists()
        for item in items:
            explains = {
                kind: concepts[kind][value] if kind in concepts else value
                for kind, value in item.get("explains", {}).items()
            }
            existing = GlossaryTerm.objects.filter(slug=item["slug"]).first()
            if existing is not None:
                self.explain_if_unexplained(existing, explains)
                continue
            term = GlossaryTerm(
                term=item["term"],
                slug=item["slug"],
                definition=item["definition"],
                explanation="".join(f"<p>{p}</p>" for p in item.get("explanation", [])),
                aliases="\n".join(item.get("aliases", [])),
                source=item.get("source", ""),
                live=False,
                **explains,
            )
            try:
                term.full_clean()
            except ValidationError as error:
                if not had_glossary:
                    raise CommandError(f"glossary.json: {item['slug']}: {error.messages}") from error
                self.stderr.write(f"Note: glossary entry {item['slug']} left out: {' '.join(error.messages)}")
                continue
            term.save()
            new_terms[term.slug] = (term, item.get("related", []))
            self.count("glossary terms")
        by_slug = {t.slug: t for t in GlossaryTerm.objects.all()}
        for term, related in new_terms.values():
            term.related_terms.set([by_slug[slug] for slug in related if slug in by_slug])
            term.save_revision().publish()

    def explain_if_unexplained(self, entry, explains):
        """An entry kept from before concepts (an older demo) gets the concept it explains, when no entry does."""
        if not explains or entry.service_id or entry.equity_dimension_id or entry.framework:
            return
        (field, concept), *_ = explains.items()
        if not GlossaryTerm.objects.filter(**{field: concept}).exists():
            setattr(entry, field, concept)
            entry.save(update_fields=[field])

    def load_evaluations(self, demo_adviser):
        evaluations_index = EvaluationIndexPage.objects.get()
        summaries_index = SummaryIndexPage.objects.get()
        services = {s.slug: s for s in Service.objects.all()}
        dimensions = {d.slug: d for d in EquityDimension.objects.all()}
        places = {p.slug: p for p in Place.objects.all()}
        existing = set(EvaluationPage.objects.values_list("slug", flat=True))
        for position, item in enumerate(read("evaluations.json")):
            if item["slug"] in existing:
                continue
            # Pages are built with Wagtail's own API (no factory-boy at run time: this command also runs under
            # production settings with --force-production); child rows go in before the first save.
            page = EvaluationPage(
                title=item["title"],
                slug=item["slug"],
                summary=item["summary"],
                period_start=date(item["period_start"]),
                period_end=date(item["period_end"]),
                completed=date(item["completed"]),
                method=item["method"],
                findings=paragraphs(*item["findings"]),
                recommendations=paragraphs(*item.get("recommendations", [])),
                who_benefits=item["equity"]["who_benefits"],
                who_left_out=item["equity"]["who_left_out"],
                unintended_consequences=item["equity"].get("unintended_consequences", ""),
                reduce_gap=item["equity"].get("reduce_gap", ""),
                citation=item.get("citation", ""),
                doi=item.get("doi", ""),
                last_reviewed=date(item.get("last_reviewed")),
                next_review=date(item.get("next_review")),
                team=[
                    TeamMember(name=m["name"], role=m["role"], organisation=m.get("organisation", ""), sort_order=i)
                    for i, m in enumerate(item["team"])
                ],
                next_steps=[
                    NextStep(date=date(step["date"]), description=step["description"], sort_order=i)
                    for i, step in enumerate(item.get("next_steps", []))
                ],
                **taxonomy_links(
                    [services[slug] for slug in item["services"]],
                    [dimensions[slug] for slug in item["equity_dimensions"]],
                    [places[slug] for slug in item["places"]],
                ),
            )
            evaluations_index.add_child(instance=page)
            self._publish(page, date(item["completed"]))
            self.count("evaluations")
            self._load_summary(
                item, page, summaries_index, demo_adviser if position < ADVISER_CREDITED_SUMMARIES else None
            )

    def _load_summary(self, item, evaluation, summaries_index, demo_adviser):
        plain = item["plain_summary"]
        roles_by_name = {member["name"]: member["role"] for member in item["team"]}
        co_authors = [(name, roles_by_name.get(name, TeamRole.OTHER), None) for name in plain["co_authors"]]
        if demo_adviser:
            co_authors.append((demo_adviser.get_full_name(), TeamRole.PUBLIC_ADVISER, demo_adviser))
        summary = PlainLanguageSummaryPage(
            title=plain["title"],
            slug=item["slug"],
            summary=plain.get("summary", item["summary"]),  # the summary's own plain line, not the evaluation's
            evaluation=evaluation,
            body=paragraphs(*plain["body"]),
            # Before the first save: saving a live summary validates it, and it needs a public adviser.
            co_authors=[
                SummaryCoAuthor(name=name, role=role, user=user, sort_order=i)
                for i, (name, role, user) in enumerate(co_authors)
            ],
            last_reviewed=date(item.get("last_reviewed")),
            next_review=date(item.get("next_review")),
        )
        summaries_index.add_child(instance=summary)
        published = date(item["completed"]) + datetime.timedelta(days=21)
        self._publish(summary, published)
        adviser_name = next(name for name, role, _ in co_authors if role == TeamRole.PUBLIC_ADVISER)
        SummarySignOff.record(
            summary,
            name=adviser_name,
            revision=summary.latest_revision,
            signed_off_at=timezone.make_aware(datetime.datetime.combine(published, datetime.time(10))),
        )
        if summary.reading_age > 11:
            self.stderr.write(f"Note: summary {summary.slug} has reading age {summary.reading_age}.")
        self.count("summaries")

    def load_case_studies(self):
        index = CaseStudyIndexPage.objects.get()
        evaluations = {e.slug: e for e in EvaluationPage.objects.all()}
        services = {s.slug: s for s in Service.objects.all()}
        dimensions = {d.slug: d for d in EquityDimension.objects.all()}
        places = {p.slug: p for p in Place.objects.all()}
        existing = set(CaseStudyPage.objects.values_list("slug", flat=True))
        for item in read("case_studies.json"):
            if item["slug"] in existing:
                continue
            picture = item["image"]
            image = get_image_model().objects.create(
                collection=Collection.get_first_root_node(),
                title=f"Case study: {item['title']}"[:255],
                file=drawn_image_file(picture["label"], picture.get("colour", "#005eb8"), name=f"{item['slug']}.png"),
                description=picture["alt"],
            )
            page = CaseStudyPage(
                title=item["title"],
                slug=item["slug"],
                summary=item["summary"],
                date=date(item["published"]),
                lead_image=image,
                lead_image_caption=picture.get("caption", ""),
                body=paragraphs(*item["body"]),
                evaluations=[
                    CaseStudyEvaluation(evaluation=evaluations[slug], sort_order=i)
                    for i, slug in enumerate(slug for slug in item["evaluations"] if slug in evaluations)
                ],
                **taxonomy_links(
                    [services[slug] for slug in item["services"]],
                    [dimensions[slug] for slug in item["equity_dimensions"]],
                    [places[slug] for slug in item["places"]],
                ),
            )
            index.add_child(instance=page)
            self._publish(page, date(item["published"]))
            self.count("case studies")

    def load_site_pages(self):
        home = HomePage.objects.get()
        if not home.featured_evaluations:
            featured = EvaluationPage.objects.live().order_by("-completed")[:3]
            home.featured_evaluations = [("evaluation", page) for page in featured]
            self._publish(home, None)
        for slug, title, texts in read("site_pages.json"):
            if Page.objects.filter(slug=slug, depth=home.depth + 1).exists():
                continue
            page = StandardPage(title=title, slug=slug, summary=texts[0], body=paragraphs(*texts))
            home.add_child(instance=page)
            self._publish(page, None)
            self.count("site pages")

    def _publish(self, page, on_date):
        revision = page.save_revision()
        revision.publish()
        if on_date:
            # Demo pages read as published when the work was done, not when the demo was loaded.
            moment = timezone.make_aware(datetime.datetime.combine(on_date, datetime.time(9)))
            dates = with_own_copies(type(page), {"first_published_at": moment, "last_published_at": moment})
            type(page).objects.filter(pk=page.pk).update(**dates)
