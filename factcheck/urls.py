"""Top-level URL map. Each app mounts its own routes; the public contract is in shared DESIGN.md."""

from django.contrib import admin
from django.urls import path

admin.site.site_header = "Fact-check desk: data repair"
admin.site.site_title = "Fact-check admin"
admin.site.index_title = "Speakers, quotes, claims and sources"

urlpatterns = [
    path("admin/", admin.site.urls),
]
