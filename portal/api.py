"""The open-data JSON API at /api/v1/ (django-ninja): no registration, read-only, OpenAPI at /api/v1/openapi.json."""

from django.http import JsonResponse
from ninja import NinjaAPI
from ninja.errors import Throttled, ValidationError

from evidence.api import router as evidence_router
from portal.rate_limits import ApiRateThrottle
from search.api import router as search_router

api = NinjaAPI(
    title="Equity Evidence Portal open data",
    version="1",
    description=(
        "Co-produced evaluations of local health and care services: who they reach and who they leave behind. "
        "Read-only, no registration. Licensed for reuse with attribution."
    ),
    urls_namespace="portal-api-v1",
    throttle=[ApiRateThrottle()],  # per client address, RATE_LIMIT_API
)
api.add_router("/", search_router)
api.add_router("/", evidence_router)


@api.exception_handler(ValidationError)
def invalid_parameters(request, exc):
    first = exc.errors[0] if exc.errors else {}
    location = [str(part) for part in first.get("loc", []) if part not in ("query", "filters", "path")]
    name = location[0] if location else None
    return JsonResponse(
        {"error": f"Invalid value for '{name}': {first.get('msg', 'invalid')}.", "parameter": name}, status=400
    )


@api.exception_handler(Throttled)
def too_many_requests(request, exc):
    # Ninja adds Retry-After (exc.wait seconds) to this response.
    return JsonResponse({"error": f"Too many requests: try again in {exc.wait} seconds."}, status=429)
