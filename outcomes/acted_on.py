"""Which evaluations were acted on: the contract the search facet "led to a change" and the gap map code against."""

from .models import FollowUp, Status


def acted_on_evaluation_ids():
    """A queryset of EvaluationPage pks with at least one approved follow-up that says something changed.

    Use it as a subquery (`pk__in=acted_on_evaluation_ids()`): one query with the caller's, whatever the size."""
    return (
        FollowUp.objects.filter(status=Status.APPROVED, led_to_change=True)
        .order_by()
        .values_list("evaluation_id", flat=True)
        .distinct()
    )
