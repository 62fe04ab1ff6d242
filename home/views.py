from django.http import HttpResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    """Liveness only: answers without touching the database (readiness is /readyz)."""
    return HttpResponse("ok", content_type="text/plain")
