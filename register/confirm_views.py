""" "Still active?" answers from a reminder link (register/reminders.py), with no account.

A GET shows the choices and changes nothing (mail scanners open links); only a POST acts, with a CSRF token and a
rate limit (confirm_urls.py). A link that was forged or tampered with answers 400, one that expired, was used or was
overtaken by a newer email 410, each with a page that says what to do; never a 500.
"""

from django import forms
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache

from core.choices import Stage
from core.signed_links import LinkProblem

from . import answers
from .models import RegisteredProjectPage
from .reminders import project_for_token

# action: the thanks page's answer ("stage-for-editor": the new stage waits for an editor, answers.change_stage)
ANSWERS = {"confirm": "confirmed", "stage": "stage", "stage-for-editor": "stage-checked", "close": "closed"}


class StageForm(forms.Form):
    stage = forms.ChoiceField(
        label="What stage is the project at now?",
        choices=Stage.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the stage the project is at now"},
    )


@method_decorator(never_cache, name="dispatch")
class StillActiveView(View):
    http_method_names = ["get", "head", "post"]

    def dispatch(self, request, token):
        try:
            self.project = project_for_token(token)
        except LinkProblem as problem:
            return TemplateResponse(
                request, "register/still_active_link_problem.html", {"reason": problem.reason}, status=problem.status
            )
        return super().dispatch(request, token)

    def render(self, form, status=200):
        context = {"project": self.project, "form": form}
        return TemplateResponse(self.request, "register/still_active.html", context, status=status)

    def get(self, request, token):
        return self.render(StageForm(initial={"stage": self.project.stage}))

    def post(self, request, token):
        action = request.POST.get("action")
        if action == "confirm":
            answers.confirm(self.project)
        elif action == "close":
            answers.close(self.project)
        elif action == "stage":
            form = StageForm(data=request.POST)
            if not form.is_valid():
                return self.render(form)
            if form.cleaned_data["stage"] == self.project.stage:
                action = "confirm"  # nothing to publish: the same stage is a confirmation
                answers.confirm(self.project)
            elif not answers.change_stage(self.project, form.cleaned_data["stage"]):
                action = "stage-for-editor"
        else:
            form = StageForm(initial={"stage": self.project.stage})
            form.choose_error = "Choose one of the buttons below"
            return self.render(form, status=400)
        return redirect("register_confirm:thanks", answer=ANSWERS[action], pk=self.project.pk)


@method_decorator(never_cache, name="dispatch")
class ThanksView(View):
    http_method_names = ["get", "head"]

    def get(self, request, answer, pk):
        if answer not in ANSWERS.values():
            raise Http404
        project = RegisteredProjectPage.objects.live().public().filter(pk=pk).first()
        context = {"answer": answer, "project": project}
        return TemplateResponse(request, "register/still_active_thanks.html", context)
