"""Top-level URL map. Each app mounts its own routes; the public contract is in shared DESIGN.md."""

from django.contrib import admin
from django.urls import include, path

from claims.public.styles import rating_styles

admin.site.site_header = "Fact-check desk: data repair"
admin.site.site_title = "Fact-check admin"
admin.site.index_title = "Speakers, quotes, claims and sources"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("factcheck.api.urls")),
    # Log in and out of the browsable API with a session.
    path("api-auth/", include("rest_framework.urls")),
    # The rating colours as classes: data the CSP keeps out of style attributes (claims/public/styles.py).
    path("ratings.css", rating_styles, name="rating-styles"),
    path("desk/", include("claims.desk.urls")),
    path("", include("claims.public.urls")),
]

# A database outage is answered 503 with Retry-After, not 500 (operations/outage.py).
handler500 = "operations.outage.server_error"
