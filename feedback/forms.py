"""The three public forms. Error messages follow the NHS digital service manual: say what to do, not what is wrong."""

from urllib.parse import urlsplit

from django import forms
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.models import Page

from evidence.models import EquityDimension, Framework, Place, Service
from portal.visibility import public_pages, public_terms

from .models import EvaluationProposal, GlossarySuggestion, PageFeedback


def too_long(label, limit):
    return f"{label} must be {limit:,} characters or fewer"


EMAIL_INVALID = "Enter an email address in the correct format, like name@example.com"


def safe_return_url(request, page, path=""):
    """`path` if it is a plain address on this site under `page`'s own address, else the page's address ("/" without a
    page). Feedback on a glossary term goes back to the term, which is a route of the glossary page; nothing a form
    sends can redirect anyone to another site."""
    if page is None:
        return "/"
    page_path = urlsplit(page.get_url(request) or "/").path or "/"
    parts = urlsplit(path or "")
    safe = (
        path.startswith(page_path)
        and not path.startswith("//")
        and "\\" not in path
        and not (parts.scheme or parts.netloc or parts.query or parts.fragment)
        and len(path) <= PageFeedback._meta.get_field("page_url").max_length
        and url_has_allowed_host_and_scheme(path, allowed_hosts={request.get_host()})
    )
    return path if safe else page_path


def feedback_pages():
    """Pages feedback can be about: those an anonymous reader may see (not the root)."""
    return public_pages(Page.objects.filter(depth__gt=1))


def feedback_subject(page, return_url):
    """What the feedback is about, as the reader knows it: the term, when sent from a glossary term's page (a
    route of the glossary page), else the page's title."""
    from evidence.models import GlossaryPage

    if page is None:
        return ""
    if page.specific_class is GlossaryPage:
        slug = return_url.removeprefix(urlsplit(page.url or "").path).strip("/")
        term = public_terms().filter(slug=slug).only("term").first() if slug else None
        if term is not None:
            return term.term
    return page.title


class HoneypotMixin:
    """Adds a field people never see or reach; bots that fill it in are answered as if all went well.

    The field is hidden with CSS, taken out of the tab order, and labelled for anyone who does come across it.
    Views check `is_spam` before anything else and then store nothing.
    """

    honeypot_name = "website"
    use_required_attribute = False  # the server checks; browsers' own pop-ups are not accessible

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.honeypot_name] = forms.CharField(
            required=False,
            label="Leave this field empty. It helps us stop automated spam.",
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        for field in self.fields.values():
            # Say "must be N characters or fewer" after submitting instead of silently cutting text off.
            field.widget.attrs.pop("maxlength", None)

    @property
    def is_spam(self):
        return bool(self.is_bound and str(self.data.get(self.honeypot_name, "")).strip())

    @property
    def honeypot(self):
        return self[self.honeypot_name]


class GroupedModelChoiceIterator(forms.models.ModelChoiceIterator):
    """Choices in <optgroup>s, so a long list of services or equity dimensions can be scanned."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        groups = {}
        for obj in sorted(self.queryset, key=self.field.sort_key):
            groups.setdefault(self.field.group_label(obj), []).append(self.choice(obj))
        yield from groups.items()


class GroupedModelChoiceField(forms.ModelChoiceField):
    iterator = GroupedModelChoiceIterator

    def __init__(self, *args, group_label, sort_key, option_label=str, **kwargs):
        self.group_label, self.sort_key, self.option_label = group_label, sort_key, option_label
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return self.option_label(obj)


def _service_sort_key(service):
    area = service.parent or service
    return (area.sort_order, area.name, service.parent_id is not None, service.sort_order, service.name)


_FRAMEWORK_ORDER = {value: index for index, value in enumerate(Framework.values)}


class PageFeedbackForm(HoneypotMixin, forms.ModelForm):
    helpful = forms.TypedChoiceField(
        label="Was this page helpful?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if this page was helpful, or no if it was not"},
    )
    page = forms.ModelChoiceField(
        queryset=Page.objects.none(),  # pages readers may see, read per form (see __init__)
        widget=forms.HiddenInput,
        error_messages={
            "required": "We could not tell which page your feedback is about",
            "invalid_choice": "We could not tell which page your feedback is about",
        },
    )
    # The address the form was on (a glossary term is a route of the glossary page); only used if it is on this site
    # and under the page's own address, so it can never send anyone elsewhere.
    path = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = PageFeedback
        fields = ["page", "helpful", "comment"]
        labels = {"comment": "What could be better? (optional)"}
        help_texts = {"comment": "Do not include personal or medical information. We cannot reply to feedback."}
        error_messages = {"comment": {"max_length": too_long("What could be better", 1000)}}
        widgets = {"comment": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A page readers may not see is answered like one that does not exist: no title, no feedback stored.
        self.fields["page"].queryset = feedback_pages()

    def return_url(self, request):
        """Where to send the reader back to: the address they were on, or the page's own address."""
        data = getattr(self, "cleaned_data", {})
        return safe_return_url(request, data.get("page"), data.get("path", ""))


class GlossarySuggestionForm(HoneypotMixin, forms.ModelForm):
    class Meta:
        model = GlossarySuggestion
        fields = ["term", "seen_where", "meaning", "name", "email"]
        labels = {
            "term": "Word or phrase",
            "seen_where": "Where did you see it? (optional)",
            "meaning": "What do you think it means? (optional)",
            "name": "Your name (optional)",
            "email": "Your email address (optional)",
        }
        help_texts = {
            "term": "For example, ‘health literacy’ or ‘PCN’.",
            "seen_where": "A web address, or where you saw or heard it, such as ‘a letter from my GP practice’.",
            "meaning": "It helps us to know what is confusing about it.",
        }
        error_messages = {
            "term": {"required": "Enter the word or phrase", "max_length": too_long("The word or phrase", 120)},
            "seen_where": {"max_length": too_long("Where you saw it", 500)},
            "meaning": {"max_length": too_long("What you think it means", 1000)},
            "name": {"max_length": too_long("Your name", 120)},
            "email": {"invalid": EMAIL_INVALID, "max_length": too_long("Your email address", 254)},
        }
        widgets = {
            "meaning": forms.Textarea(attrs={"rows": 4}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        }


class EvaluationProposalForm(HoneypotMixin, forms.ModelForm):
    # Query-string names the evidence gap map uses to pre-select choices, mapped to form fields.
    PRESELECT = {"service": "service", "equity": "equity_dimension", "place": "place"}

    service = GroupedModelChoiceField(
        queryset=Service.objects.select_related("parent"),
        to_field_name="slug",
        required=False,
        label="Which service? (optional)",
        help_text="Services are grouped by area.",
        empty_label="Not sure, or not listed",
        group_label=lambda service: (service.parent or service).name,
        option_label=lambda service: service.name if service.parent_id else f"{service.name} (general)",
        sort_key=_service_sort_key,
        error_messages={"invalid_choice": "Select a service from the list, or ‘Not sure, or not listed’"},
    )
    equity_dimension = GroupedModelChoiceField(
        queryset=EquityDimension.objects.all(),
        to_field_name="slug",
        required=False,
        label="Which group of people might it leave behind? (optional)",
        help_text="For example, people on low incomes, carers or people with a learning disability.",
        empty_label="Not sure, or not listed",
        group_label=lambda dimension: dimension.get_framework_display(),
        option_label=lambda dimension: dimension.name,
        sort_key=lambda d: (_FRAMEWORK_ORDER.get(d.framework, len(_FRAMEWORK_ORDER)), d.sort_order, d.name),
        error_messages={"invalid_choice": "Select a group of people from the list, or ‘Not sure, or not listed’"},
    )
    place = forms.ModelChoiceField(
        queryset=Place.objects.all(),
        to_field_name="slug",
        required=False,
        label="Where? (optional)",
        empty_label="Not sure, or not listed",
        error_messages={"invalid_choice": "Select a place from the list, or ‘Not sure, or not listed’"},
    )
    role = forms.ChoiceField(
        label="Who are you?",
        choices=EvaluationProposal.Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who you are"},
    )

    class Meta:
        model = EvaluationProposal
        fields = ["service", "equity_dimension", "place", "description", "role", "email"]
        labels = {
            "description": "What should be evaluated, and why?",
            "email": "Your email address (optional)",
        }
        help_texts = {
            "description": "Tell us what happens now, and who you think it works less well for.",
            "email": "We only use it to ask you about your proposal or tell you what we decide. "
            "We will not share it. Leave it empty if you do not want us to contact you.",
        }
        error_messages = {
            "description": {
                "required": "Enter what should be evaluated, and why",
                "max_length": too_long("What should be evaluated, and why", 2000),
            },
            "email": {"invalid": EMAIL_INVALID, "max_length": too_long("Your email address", 254)},
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "email": forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        }

    @classmethod
    def initial_from_query(cls, query):
        """Pre-selections from `?service=<slug>&equity=<slug>&place=<slug>`; unknown or odd values are ignored."""
        initial = {}
        for param, field_name in cls.PRESELECT.items():
            slug = query.get(param, "")
            if not slug or len(slug) > 120 or "\x00" in slug:
                continue
            queryset = cls.base_fields[field_name].queryset
            if queryset.filter(slug=slug).exists():
                initial[field_name] = slug
        return initial
