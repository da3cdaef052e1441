"""/api/: version 1 of the REST API (each app's router), its OpenAPI schema and interactive docs."""

from django.http import HttpRequest, JsonResponse
from django.urls import URLPattern, URLResolver, include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse

from claims.api.claimreview import ClaimReviewImport
from factcheck.api.errors import envelope

RESOURCES = ["speaker", "outlet", "source", "quote", "claim", "rating", "ratingscale"]


@extend_schema(exclude=True)
@api_view(["GET"])
@permission_classes([AllowAny])
def root(request: Request) -> Response:
    """Where each resource lives."""
    return Response({name: reverse(f"api:{name}-list", request=request) for name in RESOURCES})


v1: list[URLPattern | URLResolver] = [
    path("", root, name="root"),
    path("claimreview/import/", ClaimReviewImport.as_view(), name="claimreview-import"),
    path("", include("claims.api.urls")),
    path("", include("sources.api.urls")),
    path("", include("accounts.urls")),
    path("", include("jobs.urls")),
]


@csrf_exempt  # any method may arrive here; it changes nothing, so it needs no CSRF token
def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Any other address under /api/: the API's error format, not the site's HTML page."""
    return JsonResponse(envelope(404, "not_found", "There is no API resource at this address."), status=404)


urlpatterns = [
    path("v1/", include((v1, "api"))),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file: no inline script under the CSP.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    re_path(r"^(?P<rest>(?s:.*))$", not_found),
]
