""" "What happened next?" answers from an emailed link (outcomes/asking.py), with no account.

A GET shows the form and changes nothing (mail scanners open links); only a POST stores, with a CSRF token and a
rate limit (urls.py). Bad input shows the form again with an error summary and everything kept. A link that was
forged answers 400, one that expired, was used or whose evaluation is no longer published 410, each with a page
that says what to do; never a 500.
"""

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache

from core.signed_links import LinkProblem
from evidence.models import EvaluationPage

from .asking import follow_up_for_token
from .forms import AnswerForm


@method_decorator(never_cache, name="dispatch")
class AnswerView(View):
    http_method_names = ["get", "head", "post"]

    def dispatch(self, request, token):
        try:
            self.follow_up = follow_up_for_token(token)
            return super().dispatch(request, token)
        except LinkProblem as problem:  # from the link, or from a second post of it at the same moment
            context = {"reason": problem.reason}
            return TemplateResponse(request, "outcomes/link_problem.html", context, status=problem.status)

    def render(self, form):
        context = {"follow_up": self.follow_up, "evaluation": self.follow_up.evaluation, "form": form}
        return TemplateResponse(self.request, "outcomes/answer.html", context)

    def get(self, request, token):
        return self.render(AnswerForm(instance=self.follow_up))

    def post(self, request, token):
        form = AnswerForm(data=request.POST, instance=self.follow_up)
        if not form.is_valid():
            return self.render(form)
        follow_up = form.save_answer()
        return redirect("outcomes:thanks", pk=follow_up.evaluation_id)


@method_decorator(never_cache, name="dispatch")
class ThanksView(View):
    http_method_names = ["get", "head"]

    def get(self, request, pk):
        if pk <= 0:
            raise Http404
        evaluation = EvaluationPage.objects.live().public().filter(pk=pk).first()
        return TemplateResponse(request, "outcomes/thanks.html", {"evaluation": evaluation})
