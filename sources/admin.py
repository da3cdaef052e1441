"""Admin for outlets and sources: data repair by editors, not the daily desk."""

from django.contrib import admin
from django.db import models

from sources.models import Outlet, Source


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "domain", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "domain"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "outlet", "published_on", "language"]
    list_filter = ["kind", "language", ("outlet", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["outlet"]
    search_fields = ["title", "canonical_url", "url", "outlet__name"]
    date_hierarchy = "published_on"
    # Links pasted without a scheme ("bbc.co.uk/news/...") are taken as https, as browsers do now.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    autocomplete_fields = ["outlet"]
    readonly_fields = ["canonical_url", "text_sha256", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "kind", "outlet", "published_on", "language"]}),
        ("Where it is", {"fields": ["url", "canonical_url", "archive_url", "accessed_at"]}),
        ("Text snapshot", {"fields": ["text", "text_sha256"], "classes": ["collapse"]}),
        ("Record", {"fields": ["created_at", "updated_at"]}),
    ]
