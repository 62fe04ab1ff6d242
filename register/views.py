"""The public "Register your evaluation" form and its confirmation, on the feedback forms' base view: validate,
drop spam quietly, save, redirect (POST/redirect/GET); bad input gets the form again with every value kept."""

from django.http import Http404
from django.urls import reverse

from feedback.views import SubmissionFormView, ThanksView

from .forms import ProjectSubmissionForm
from .models import RegisterIndexPage


def register_index():
    """The register readers see; without one (unpublished or restricted) there is nothing to register with."""
    index = RegisterIndexPage.objects.live().public().first()
    if index is None:
        raise Http404("There is no register of evaluations in progress")
    return index


class ProjectSubmissionView(SubmissionFormView):
    form_class = ProjectSubmissionForm
    template_name = "register/submit.html"
    success_url_name = "register:submitted"

    def dispatch(self, request, *args, **kwargs):
        self.index = register_index()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form):
        return {"form": form, "register": self.index}

    def save(self, form):
        form.save(self.index)


class SubmittedView(ThanksView):
    template_name = "register/submitted.html"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "register": register_index(),
            "form_url": reverse("register:submit"),
        }
