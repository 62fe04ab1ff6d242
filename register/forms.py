"""The public form teams use to register an evaluation in progress (/register/submit/).

It makes a DRAFT RegisteredProjectPage (never live) that an editor checks and publishes in the page editor.
Error messages follow the NHS digital service manual, as the feedback forms do: say what to do, not what is wrong.
Every choice is checked against the database or core.choices, so a forged stage, service or role is a form error.
"""

import datetime

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.log_actions import log

from core.choices import Framework, Stage, TeamRole
from evidence.models import EquityDimension, PageEquityDimension, PagePlace, PageService, Place, Service
from feedback.forms import EMAIL_INVALID, HoneypotMixin, too_long

from .models import ProjectTeamMember, RegisteredProjectPage

TEAM_ROWS = 6  # fixed rows: no JavaScript needed to add one; editors can add more in the admin
YEARS_AHEAD = 10
SUBMITTED_ACTION = "register.submitted"  # the page-history entry that marks a project sent through this form
RESERVED_SLUGS = {"submit"}  # /register/submit/ is this form (register/urls.py comes before Wagtail's pages)

_FRAMEWORK_ORDER = {value: index for index, value in enumerate(Framework.values)}


def checkbox_groups(bound_field, group_label, sort_key, option_label):
    """[{"heading", "options": [{"value", "label", "id", "checked"}]}]: the grouped checkboxes the template draws.
    The first box has the field's own id, so the error summary's link lands on it; ticked boxes stay ticked."""
    value = bound_field.value() or []
    chosen = {str(item) for item in value} if isinstance(value, list | tuple) else {str(value)}
    groups = {}
    for number, obj in enumerate(sorted(bound_field.field.queryset, key=sort_key), start=1):
        option = {
            "value": obj.slug,
            "label": option_label(obj),
            "id": bound_field.auto_id if number == 1 else f"{bound_field.auto_id}-{number}",
            "checked": obj.slug in chosen,
        }
        groups.setdefault(group_label(obj), []).append(option)
    return [{"heading": heading, "options": options} for heading, options in groups.items()]


def _service_sort_key(service):
    area = service.parent or service
    return (area.sort_order, area.name, service.parent_id is not None, service.sort_order, service.name)


class ProjectSubmissionForm(HoneypotMixin, forms.Form):
    title = forms.CharField(
        label="Project title",
        max_length=120,
        help_text="A short name in everyday words, for example ‘Who misses out on GP sign-up?’",
        error_messages={"required": "Enter the project title", "max_length": too_long("The project title", 120)},
    )
    summary = forms.CharField(
        label="What are you evaluating, and who might it leave out?",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One or two plain sentences for the public. Write so that a child of 9 to 11 could follow it: "
        "short sentences, everyday words, and no abbreviations.",
        error_messages={
            "required": "Enter what you are evaluating, and who it might leave out",
            "max_length": too_long("What you are evaluating", 300),
        },
    )
    stage = forms.ChoiceField(
        label="What stage is the evaluation at?",
        choices=Stage.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the stage the evaluation is at",
            "invalid_choice": "Select a stage from the list",
        },
    )
    cohort = forms.CharField(
        label="Cohort (optional)",
        required=False,
        max_length=120,
        help_text="The learning group your team is part of, for example ‘Cohort 5 (2026)’.",
        error_messages={"max_length": too_long("The cohort", 120)},
    )
    services = forms.ModelMultipleChoiceField(
        label="Which services is it about?",
        queryset=Service.objects.select_related("parent"),
        to_field_name="slug",
        help_text="Select all that apply. Services are grouped by area.",
        error_messages={
            "required": "Select at least one service",
            "invalid_choice": "Select services from the list",
            "invalid_pk_value": "Select services from the list",
        },
    )
    equity_dimensions = forms.ModelMultipleChoiceField(
        label="Which groups of people might the service leave behind?",
        queryset=EquityDimension.objects.all(),
        to_field_name="slug",
        help_text="Select all that apply. Groups are listed by the framework they come from.",
        error_messages={
            "required": "Select at least one group of people",
            "invalid_choice": "Select groups of people from the list",
            "invalid_pk_value": "Select groups of people from the list",
        },
    )
    place = forms.ModelChoiceField(
        label="Where? (optional)",
        queryset=Place.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Not sure, or not listed",
        error_messages={"invalid_choice": "Select a place from the list, or ‘Not sure, or not listed’"},
    )
    completion_month = forms.CharField(
        label="Month", required=False, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    completion_year = forms.CharField(
        label="Year", required=False, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    contact_name = forms.CharField(
        label="Contact name",
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": "Enter the contact's name", "max_length": too_long("The contact's name", 120)},
    )
    contact_email = forms.EmailField(
        label="Contact email address",
        max_length=254,
        help_text="We use it to check the project with you and to ask for updates. It is never shown on the website.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the contact's email address",
            "invalid": EMAIL_INVALID,
            "max_length": too_long("The email address", 254),
        },
    )
    consent = forms.BooleanField(
        label="The team agrees to this project being listed on this website, with the team members’ names, "
        "roles and organisations",
        error_messages={"required": "Confirm that the team agrees to the project being listed"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        role_choices = [("", "Choose a role"), *TeamRole.choices]
        for row in range(TEAM_ROWS):
            number = row + 1
            self.fields[f"team_{row}_name"] = forms.CharField(
                label="Name",
                required=False,
                max_length=120,
                error_messages={"max_length": too_long(f"The name of team member {number}", 120)},
            )
            self.fields[f"team_{row}_role"] = forms.ChoiceField(
                label="Role",
                required=False,
                choices=role_choices,
                error_messages={"invalid_choice": f"Choose the role of team member {number} from the list"},
            )
            self.fields[f"team_{row}_organisation"] = forms.CharField(
                label="Organisation (optional)",
                required=False,
                max_length=200,
                error_messages={"max_length": too_long(f"The organisation of team member {number}", 200)},
            )
        for field in self.fields.values():
            field.widget.attrs.pop("maxlength", None)  # HoneypotMixin did this before the team rows existed
        # The error summary lists errors in field order: the page's order, team rows before the contact.
        team = [name for name in self.fields if name.startswith("team_")]
        self.order_fields([*list(self.fields)[: list(self.fields).index("contact_name")], *team])

    # What the template draws: grouped checkboxes, the team rows, the month and year inputs.

    def service_groups(self):
        return checkbox_groups(
            self["services"],
            group_label=lambda service: (service.parent or service).name,
            sort_key=_service_sort_key,
            option_label=lambda service: service.name if service.parent_id else f"{service.name} (general)",
        )

    def equity_groups(self):
        return checkbox_groups(
            self["equity_dimensions"],
            group_label=lambda dimension: dimension.get_framework_display(),
            sort_key=lambda d: (_FRAMEWORK_ORDER.get(d.framework, len(_FRAMEWORK_ORDER)), d.sort_order, d.name),
            option_label=lambda dimension: dimension.name,
        )

    def team_rows(self):
        return [
            {
                "number": row + 1,
                "name": self[f"team_{row}_name"],
                "role": self[f"team_{row}_role"],
                "organisation": self[f"team_{row}_organisation"],
            }
            for row in range(TEAM_ROWS)
        ]

    def completion_errors(self):
        return [*self["completion_month"].errors, *self["completion_year"].errors]

    # Checks across fields.

    def clean(self):
        cleaned = super().clean()
        cleaned["expected_completion"] = self._clean_completion(cleaned)
        cleaned["team"] = self._clean_team(cleaned)
        return cleaned

    def _clean_completion(self, cleaned):
        month = (cleaned.get("completion_month") or "").strip()
        year = (cleaned.get("completion_year") or "").strip()
        if not month and not year:
            self.add_error("completion_month", "Enter the month and year you expect to finish")
            return None
        if not (month.isascii() and month.isdigit() and 1 <= int(month) <= 12):
            self.add_error("completion_month", "Enter the month as a number from 1 to 12")
        today = timezone.localdate()
        if not (year.isascii() and year.isdigit() and len(year) == 4):
            self.add_error("completion_year", "Enter the year as 4 numbers, for example 2027")
        elif not today.year <= int(year) <= today.year + YEARS_AHEAD:
            self.add_error("completion_year", f"Enter a year from {today.year} to {today.year + YEARS_AHEAD}")
        if "completion_month" in self.errors or "completion_year" in self.errors:
            return None
        date = datetime.date(int(year), int(month), 1)
        if date < today.replace(day=1):
            self.add_error("completion_month", "The expected finish must be this month or later")
            return None
        return date

    def _clean_team(self, cleaned):
        team = []
        for row in range(TEAM_ROWS):
            name = (cleaned.get(f"team_{row}_name") or "").strip()
            role = cleaned.get(f"team_{row}_role") or ""
            organisation = (cleaned.get(f"team_{row}_organisation") or "").strip()
            typed = any(self.data.get(self.add_prefix(f"team_{row}_{part}"), "").strip() for part in ("name", "role"))
            if not (name or role or organisation or typed):
                continue
            if not name and f"team_{row}_name" not in self.errors:
                self.add_error(f"team_{row}_name", f"Enter the name of team member {row + 1}")
            if not role and f"team_{row}_role" not in self.errors:
                self.add_error(f"team_{row}_role", f"Select the role of team member {row + 1}")
            if name and role:
                team.append((name, role, organisation))
        if not team and not any(name.startswith("team_") for name in self.errors):
            self.add_error("team_0_name", "Enter the name and role of at least one team member")
        return team

    # Saving: a draft under the register, with a revision and a page-history entry.

    @transaction.atomic
    def save(self, index):
        data = self.cleaned_data
        page = RegisteredProjectPage(
            title=data["title"],
            slug=self._free_slug(index, data["title"]),
            summary=data["summary"],
            stage=data["stage"],
            cohort=data["cohort"],
            expected_completion=data["expected_completion"],
            contact_name=data["contact_name"],
            contact_email=data["contact_email"],
            live=False,  # an editor publishes it
            owner=None,
        )
        page.team = [
            ProjectTeamMember(name=name, role=role, organisation=organisation, sort_order=order)
            for order, (name, role, organisation) in enumerate(data["team"])
        ]
        page.page_services = [PageService(service=service) for service in data["services"]]
        page.page_equity_dimensions = [PageEquityDimension(equity_dimension=d) for d in data["equity_dimensions"]]
        page.page_places = [PagePlace(place=data["place"])] if data["place"] else []
        index.add_child(instance=page)
        revision = page.save_revision(user=None, log_action=False)
        log(instance=page, action=SUBMITTED_ACTION, user=None, revision=revision)
        return page

    @staticmethod
    def _free_slug(index, title):
        """A slug no other project under the register has (drafts included) and that no route of ours uses."""
        base = slugify(title)[:60].strip("-") or "project"
        taken = set(index.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
        taken |= RESERVED_SLUGS
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        return slug
