"""Top-level URL map. Each app mounts its own routes; the public contract is in shared DESIGN.md."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

admin.site.site_header = "Fact-check desk: data repair"
admin.site.site_title = "Fact-check admin"
admin.site.index_title = "Speakers, quotes, claims and sources"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("factcheck.api.urls")),
    # Until the public fact-check pages exist, the front door leads to the only pages there are.
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False)),
]
