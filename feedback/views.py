"""Public form views. One base class does the work: validate, drop spam quietly, save, redirect (POST/redirect/GET).

Bad input is answered with the form again (200) and its errors, never a 400 or 500. Nothing here is cached.
"""

import logging

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import TemplateView

from .forms import (
    EvaluationProposalForm,
    GlossarySuggestionForm,
    PageFeedbackForm,
    feedback_pages,
    feedback_subject,
    safe_return_url,
)
from .same_origin import refuse_cross_site_posts

logger = logging.getLogger(__name__)


@method_decorator(never_cache, name="dispatch")
class SubmissionFormView(View):
    form_class = None
    template_name = None
    success_url_name = None
    http_method_names = ["get", "head", "post"]

    def get_initial(self):
        return {}

    def get_context_data(self, form):
        return {"form": form}

    def get_success_url(self, form):
        return reverse(self.success_url_name)

    def save(self, form):
        form.save()

    def render(self, form):
        return TemplateResponse(self.request, self.template_name, self.get_context_data(form))

    def get(self, request, *args, **kwargs):
        return self.render(self.form_class(initial=self.get_initial()))

    def post(self, request, *args, **kwargs):
        form = self.form_class(data=request.POST)
        valid = form.is_valid()
        if form.is_spam:
            logger.info("Honeypot filled in on %s: nothing stored", request.path)
        elif valid:
            self.save(form)
        else:
            return self.render(form)
        return redirect(self.get_success_url(form))


@method_decorator(never_cache, name="dispatch")
class ThanksView(TemplateView):
    http_method_names = ["get", "head"]


# No CSRF token, so content pages set no cookie and can be cached; cross-site posts are refused instead
# (feedback/same_origin.py, docs/decisions/0005-cacheable-pages.md).
@method_decorator(csrf_exempt, name="dispatch")
@method_decorator(refuse_cross_site_posts, name="dispatch")
class PageFeedbackView(SubmissionFormView):
    """Posted to from the "Was this page helpful?" form on every page; shown on its own only when there are errors
    (or when reached with `?page=<id>`)."""

    form_class = PageFeedbackForm
    template_name = "feedback/page_feedback.html"

    def get_initial(self):
        page_id = self.request.GET.get("page", "")
        return {"page": page_id} if page_id.isascii() and page_id.isdigit() and len(page_id) < 12 else {}

    def get_context_data(self, form):
        if form.is_bound:
            page, path = form.cleaned_data.get("page"), form.cleaned_data.get("path", "")
        else:
            page = feedback_pages().filter(pk=form.initial.get("page") or 0).first()
            path = ""
        return_url = safe_return_url(self.request, page, path)
        return {
            "feedback_form": form,
            "feedback_page": page,
            "feedback_subject": feedback_subject(page, return_url),
            "feedback_return_url": return_url,
        }

    def save(self, form):
        form.instance.page_url = form.return_url(self.request)
        form.save()

    def get_success_url(self, form):
        return f"{form.return_url(self.request)}?feedback=thanks#feedback"


class GlossarySuggestionView(SubmissionFormView):
    form_class = GlossarySuggestionForm
    template_name = "feedback/glossary_suggestion.html"
    success_url_name = "feedback:glossary_suggestion_thanks"


class EvaluationProposalView(SubmissionFormView):
    form_class = EvaluationProposalForm
    template_name = "feedback/evaluation_proposal.html"
    success_url_name = "feedback:evaluation_proposal_thanks"

    def get_initial(self):
        return self.form_class.initial_from_query(self.request.GET)
