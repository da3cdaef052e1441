"""Admin for claims: data repair by editors, through the same rules as the desk.

Edits go through claims/services.py (a published verdict changes only with a correction; an approved
claim that changes goes back to review) and transitions through claims/workflow.py: the buttons above the
form offer what the current editor may do, and say why the others are refused. The state, version and
publication time are never form fields. The review timeline, votes and corrections are shown read-only;
"Compare versions" shows what changed between any two recorded versions.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse

from claims import history, services, workflow
from claims.models import (
    Citation,
    Claim,
    ClaimAppearance,
    ClaimRelation,
    Comment,
    Correction,
    RatingVote,
    ReviewEvent,
)
from claims.roles import is_editor


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReviewEventInline(ReadOnlyInline):
    model = ReviewEvent
    fields = readonly_fields = (
        "created_at",
        "action",
        "from_state",
        "to_state",
        "actor",
        "comment",
        "version",
    )
    verbose_name_plural = "review timeline"


class CorrectionInline(ReadOnlyInline):
    model = Correction
    fields = readonly_fields = ("created_at", "kind", "note", "changed_fields", "author", "version")
    verbose_name_plural = "corrections (public)"


class RatingVoteInline(ReadOnlyInline):
    model = RatingVote
    fields = readonly_fields = ("voter", "rating", "reason", "updated_at")
    verbose_name_plural = "rating panel votes"


class CommentInline(admin.TabularInline):
    """The internal thread: comments are added here, never edited."""

    model = Comment
    fields = ["author", "body", "created_at"]
    readonly_fields = ["author", "created_at"]
    extra = 1
    can_delete = False
    verbose_name_plural = "internal comments"

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class EvidenceFormSet(BaseInlineFormSet):
    """Quotes and sources behind the verdict: changing them after approval sends the claim back to
    review (ClaimAdmin.save_formset), and a retracted claim's evidence is frozen."""

    def clean(self) -> None:
        super().clean()
        if self.has_changed() and self.instance.pk and self.instance.state == Claim.State.RETRACTED:
            raise ValidationError("This fact-check is retracted: reopen it as a draft before editing.")


class ClaimAppearanceInline(admin.TabularInline):
    model = ClaimAppearance
    formset = EvidenceFormSet
    autocomplete_fields = ["quote"]
    extra = 0


class CitationInline(admin.TabularInline):
    model = Citation
    formset = EvidenceFormSet
    autocomplete_fields = ["source"]
    extra = 0


class ClaimRelationInline(admin.TabularInline):
    model = ClaimRelation
    fk_name = "from_claim"
    autocomplete_fields = ["to_claim"]
    extra = 0
    verbose_name = "relation to another claim"
    verbose_name_plural = "relations to other claims"


class ClaimAdminForm(forms.ModelForm):
    """The claim's fields, plus the correction that must accompany a change to a published verdict."""

    imported_from_url = forms.URLField(
        assume_scheme="https",
        max_length=2048,
        required=False,
        label="Imported from URL",
        help_text="The original fact-check, when imported from its ClaimReview.",
    )
    correction_kind = forms.ChoiceField(
        choices=[(k, label) for k, label in Correction.Kind.choices if k != Correction.Kind.RETRACTION],
        required=False,
        label="Kind of correction",
    )
    correction_note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="Correction note (public)",
        help_text="Required when a published verdict changes: what changed and why.",
    )
    actor: User  # set per request by ClaimAdmin.get_form

    class Meta:
        model = Claim
        fields = [
            "statement",
            "short_statement",
            "slug",
            "first_appeared_on",
            "topics",
            "rating",
            "summary",
            "analysis",
            "author",
            "assignee",
            "due_on",
            "priority",
            "imported_from_url",
            "imported_publisher",
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.instance.pk is None or self.errors:
            return cleaned
        # Ask the service whether it would accept these changes, so a refusal is shown on the form.
        try:
            with transaction.atomic():
                services.claim_update(**self.update_arguments(cleaned))
                transaction.set_rollback(True)
        except workflow.Refusal as refused:
            raise ValidationError(refused.reasons) from None
        except ValidationError as invalid:
            if not hasattr(invalid, "error_dict"):
                raise
            fields = {"correction": "correction_note"}
            raise ValidationError(
                {
                    fields.get(name, name if name in self.fields else "__all__"): errors
                    for name, errors in invalid.error_dict.items()
                }
            ) from None
        return cleaned

    def update_arguments(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        note = (cleaned.get("correction_note") or "").strip()
        return {
            "claim": self.instance,
            "actor": self.actor,
            "changes": {name: cleaned[name] for name in services.EDITABLE_CLAIM_FIELDS if name in cleaned},
            "topics": cleaned.get("topics"),
            "correction": services.CorrectionNote(cleaned.get("correction_kind") or "correction", note)
            if note
            else None,
        }


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    form = ClaimAdminForm
    list_display = [
        "__str__",
        "state",
        "rating",
        "author",
        "assignee",
        "due_on",
        "published_at",
        "updated_at",
    ]
    list_filter = ["state", "priority", "rating", "topics", ("author", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["rating", "author", "assignee"]
    search_fields = ["statement", "summary", "appearances__quote__speaker__name"]
    autocomplete_fields = ["author", "assignee", "rating", "topics"]
    readonly_fields = ["state", "version", "published_at", "created_at", "updated_at"]
    prepopulated_fields = {"slug": ["statement"]}
    inlines = [
        ClaimAppearanceInline,
        CitationInline,
        ClaimRelationInline,
        RatingVoteInline,
        ReviewEventInline,
        CorrectionInline,
        CommentInline,
    ]
    fieldsets = [
        (None, {"fields": ["statement", "short_statement", "slug", "first_appeared_on", "topics"]}),
        ("Verdict", {"fields": ["rating", "summary", "analysis"]}),
        ("Imported from another fact-checker", {"fields": ["imported_from_url", "imported_publisher"]}),
        ("Correction (published fact-checks only)", {"fields": ["correction_kind", "correction_note"]}),
        ("Desk", {"fields": ["author", "assignee", "due_on", "priority"]}),
        ("Workflow (changed only through review)", {"fields": ["state", "version", "published_at"]}),
        ("Record", {"fields": ["created_at", "updated_at"]}),
    ]

    # Only editors repair claims here: the admin must not become a way round the desk's rules.
    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_editor(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.published_at is not None:
            return False  # ever published: retract instead (the database refuses it too)
        return is_editor(request.user) and super().has_delete_permission(request, obj)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # Changing the author after the fact would let an editor approve their own claim.
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "author", "slug"] if obj is not None else fields

    def get_prepopulated_fields(self, request: HttpRequest, obj: Any = None) -> dict[str, Any]:
        return {} if obj is not None else super().get_prepopulated_fields(request, obj)

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"actor": request.user})

    def save_model(self, request: HttpRequest, obj: Claim, form: Any, change: bool) -> None:
        if not change:
            super().save_model(request, obj, form, change)
            return
        arguments = form.update_arguments(form.cleaned_data)
        saved = services.claim_update(**{**arguments, "claim": Claim.objects.get(pk=obj.pk)})
        fresh = form.cleaned_data
        if (fresh.get("assignee"), fresh.get("due_on"), fresh.get("priority")) != (
            saved.assignee,
            saved.due_on,
            saved.priority,
        ):
            saved = services.claim_assign(
                claim=saved,
                actor=request.user,  # type: ignore[arg-type]
                assignee=fresh.get("assignee"),
                due_on=fresh.get("due_on"),
                priority=fresh.get("priority") or Claim.Priority.NORMAL,
            )
        obj.refresh_from_db()

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # Topics were saved by the service; only the inlines remain.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is Comment:
            # Comments are added through the service (author = whoever is logged in), never edited.
            formset.new_objects = [
                services.comment_add(claim=form.instance, author=request.user, body=draft.body)  # type: ignore[arg-type]
                for draft in formset.save(commit=False)
            ]
            return
        super().save_formset(request, form, formset, change)
        if formset.model in (ClaimAppearance, Citation) and formset.has_changed() and change:
            services.evidence_changed(
                claim=form.instance,
                actor=request.user,  # type: ignore[arg-type]
                what="quotes" if formset.model is ClaimAppearance else "sources",
            )

    # --- transitions and versions -----------------------------------------------------------------

    def get_urls(self) -> list[Any]:
        own = [
            path(
                "<int:pk>/transition/",
                self.admin_site.admin_view(self.transition_view),
                name="claims_claim_transition",
            ),
            path(
                "<int:pk>/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="claims_claim_compare",
            ),
        ]
        return own + super().get_urls()

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        claim = self.get_object(request, object_id)
        context = dict(extra_context or {})
        if claim is not None:
            context["transitions"] = workflow.offered(claim, request.user)
            context["claim_version"] = claim.version
        return super().change_view(request, object_id, form_url, extra_context=context)

    def transition_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        claim = get_object_or_404(Claim, pk=pk)
        if request.method != "POST" or not self.has_view_permission(request, claim):
            raise PermissionDenied
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = None
        try:
            saved = workflow.apply(
                claim=claim,
                action=request.POST.get("action", ""),
                actor=request.user,
                comment=request.POST.get("comment", ""),
                expected_version=version,
            )
        except workflow.Refusal as refused:
            self.message_user(request, " ".join(refused.reasons), messages.ERROR)
        else:
            self.message_user(
                request, f"The claim is now {saved.get_state_display().lower()}.", messages.SUCCESS
            )
        return HttpResponseRedirect(reverse("admin:claims_claim_change", args=[pk]))

    def compare_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        claim = get_object_or_404(Claim, pk=pk)
        if not self.has_view_permission(request, claim):
            raise PermissionDenied
        versions = history.claim_versions(claim)
        by_id = {str(event.pk): event for event in versions}
        older = by_id.get(request.GET.get("a", "")) or (versions[-2] if len(versions) > 1 else None)
        newer = by_id.get(request.GET.get("b", "")) or (versions[-1] if versions else None)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": claim,
            "title": f"Compare versions: {claim}",
            "versions": [(event, history.event_author(event)) for event in versions],
            "older": older,
            "newer": newer,
            "changes": history.diff_versions(older, newer) if older and newer else [],
        }
        return TemplateResponse(request, "admin/claims/claim/compare.html", context)
