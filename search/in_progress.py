"""Which registered projects search finds as "Evaluation in progress": those under way, as register/ongoing.py's
`under_way_q` says (the one definition, shared with the gap map and the register's heading count).

A project its contact or an editor closed, or one that has handed over (its evaluation is live and public), is not
in search at all, on any backend: it is not evidence, and it is no longer in progress. The register lists both,
marked as such, and a handed-over project's evaluation is found in search as an evaluation. Closing (a queryset
update, register/answers.py) and publishing, unpublishing or deleting the linked evaluation change no field the
project's own save signals see: search/signals.py logs the projects for every process's facet index and
search/indexing.py re-indexes them after commit.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import BooleanField, ExpressionWrapper, Q

from register.models import RegisteredProjectPage
from register.ongoing import under_way_q


def under_way_ids():
    """The ids of projects under way, as a subquery (no query of its own)."""
    return RegisteredProjectPage.objects.filter(under_way_q()).order_by().values("pk")


def under_way_annotation():
    """For a Page queryset's rows: False for a project that is not under way, True for any other page."""
    return ExpressionWrapper(~not_under_way_q(), output_field=BooleanField())


def not_under_way_q():
    """Pages that are projects not under way (for a Page queryset: the engine's hidden pages)."""
    project = Q(content_type_id=ContentType.objects.get_for_model(RegisteredProjectPage).pk)
    return project & ~Q(pk__in=under_way_ids())


def linked_project_ids(evaluation_id):
    """Projects whose register entry links to this evaluation (one query): they hand over when it is published."""
    linked = RegisteredProjectPage.objects.filter(published_evaluation_id=evaluation_id)
    return list(linked.values_list("pk", flat=True))
