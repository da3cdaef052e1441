"""The desk's forms: they check shape and give field-level messages; the services decide the rest.

A form never saves: views pass `cleaned_data` to claims/services.py, claims/intake.py or
claims/workflow.py, and put what those refuse back on the form as errors.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import User

from claims.models import (
    Citation,
    Claim,
    ClaimAppearance,
    ClaimRelation,
    Correction,
    Quote,
    Rating,
    Speaker,
)
from claims.roles import EDITOR, REPORTER
from sources.models import Outlet

TEXT_LIMIT = 20_000
ARTICLE_LIMIT = 200_000


class ClaimFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, label="Words")
    state = forms.ChoiceField(required=False, choices=[("", "Any state"), *Claim.State.choices])
    rating = forms.ModelChoiceField(required=False, queryset=Rating.objects.order_by("scale", "-value"))
    author = forms.ModelChoiceField(
        required=False,
        queryset=User.objects.filter(groups__name__in=[REPORTER, EDITOR]).distinct().order_by("username"),
    )
    queue = forms.ChoiceField(
        required=False,
        choices=[
            ("", "All claims"),
            ("drafts", "My drafts"),
            ("review", "Waiting for my review"),
            ("changes", "Changes requested of me"),
            ("overdue", "Overdue"),
            ("assigned", "Assigned to me"),
            ("published", "Recently published"),
        ],
    )


class QuoteFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, label="Words or speaker")
    speaker = forms.ModelChoiceField(required=False, queryset=Speaker.objects.order_by("name", "id"))
    kind = forms.ChoiceField(required=False, choices=[("", "Any kind"), *Quote.Kind.choices])


class SourceFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, label="Title or address")
    outlet = forms.ModelChoiceField(required=False, queryset=Outlet.objects.order_by("name", "id"))


class ClaimCreateForm(forms.Form):
    statement = forms.CharField(
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The claim in neutral words that can be checked.",
    )


class ClaimEditForm(forms.Form):
    """The claim's text and verdict. `version` is the version the person loaded: a save on top of
    someone else's is refused and both versions are shown."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    statement = forms.CharField(max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    summary = forms.CharField(required=False, max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 3}))
    analysis = forms.CharField(
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Markdown: **bold**, *italic*, [links](https://…), lists, > quotations.",
    )
    rating = forms.ModelChoiceField(
        required=False, queryset=Rating.objects.select_related("scale").order_by("scale", "-value")
    )
    correction_kind = forms.ChoiceField(
        required=False,
        label="Kind of correction",
        choices=[
            ("", "—"),
            (Correction.Kind.CORRECTION, Correction.Kind.CORRECTION.label),
            (Correction.Kind.CLARIFICATION, Correction.Kind.CLARIFICATION.label),
            (Correction.Kind.UPDATE, Correction.Kind.UPDATE.label),
        ],
    )
    correction_note = forms.CharField(
        required=False,
        max_length=TEXT_LIMIT,
        label="Correction note (public)",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, may_rate: bool, published: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not may_rate:
            del self.fields["rating"]
        if not published:
            del self.fields["correction_kind"], self.fields["correction_note"]


class TransitionForm(forms.Form):
    action = forms.CharField(max_length=40)
    version = forms.IntegerField(min_value=1)
    comment = forms.CharField(required=False, max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 2}))


class AppearanceForm(forms.Form):
    quote = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    stance = forms.ChoiceField(choices=ClaimAppearance.Stance.choices)


class CitationForm(forms.Form):
    url = forms.CharField(max_length=2000, label="Source address (URL)")
    title = forms.CharField(required=False, max_length=500)
    bearing = forms.ChoiceField(choices=Citation.Bearing.choices)
    note = forms.CharField(required=False, max_length=2000)


class RelationForm(forms.Form):
    to_claim = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    kind = forms.ChoiceField(choices=ClaimRelation.Kind.choices)


class CommentForm(forms.Form):
    body = forms.CharField(max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 3}), label="Comment")


class VoteForm(forms.Form):
    rating = forms.ModelChoiceField(
        queryset=Rating.objects.select_related("scale").order_by("scale", "-value")
    )
    reason = forms.CharField(max_length=500)


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        required=False,
        queryset=User.objects.filter(groups__name__in=[REPORTER, EDITOR]).distinct().order_by("username"),
    )
    due_on = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    priority = forms.ChoiceField(choices=Claim.Priority.choices)


class QuoteLogForm(forms.Form):
    """One quote, its speaker (chosen from the suggestions, or new) and the document it was found in."""

    text = forms.CharField(
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The words exactly as said, without the outer quotation marks.",
    )
    speaker_name = forms.CharField(max_length=200, label="Speaker", help_text="A name or any alias.")
    speaker = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    new_speaker = forms.BooleanField(required=False, label="This is a new speaker: add them")
    new_speaker_role = forms.CharField(required=False, max_length=200, label="New speaker's role")
    new_speaker_wikidata = forms.CharField(
        required=False, max_length=20, label="New speaker's Wikidata ID", help_text="Like Q7747."
    )
    kind = forms.ChoiceField(choices=Quote.Kind.choices)
    source_url = forms.CharField(required=False, max_length=2000, label="Found at (URL)")
    source_title = forms.CharField(required=False, max_length=500, label="Document title")
    said_on = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}), label="Said on")
    said_on_precision = forms.ChoiceField(
        choices=Quote.Precision.choices, initial=Quote.Precision.DAY, label="Known to the"
    )
    venue = forms.CharField(required=False, max_length=200, help_text="Where or how: “state TV”, “on X”.")

    def clean_new_speaker_wikidata(self) -> str:
        return str(self.cleaned_data.get("new_speaker_wikidata", "")).strip().upper()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("said_on") is None and data.get("said_on_precision") not in (
            None,
            Quote.Precision.UNKNOWN,
        ):
            data["said_on_precision"] = Quote.Precision.UNKNOWN
        return data


class ArticleForm(forms.Form):
    text = forms.CharField(
        max_length=ARTICLE_LIMIT, widget=forms.Textarea(attrs={"rows": 14}), label="Article text"
    )
    source_url = forms.CharField(required=False, max_length=2000, label="Article address (URL)")
    source_title = forms.CharField(required=False, max_length=500, label="Article title")
    said_on = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        label="Quotes said on",
        help_text="When the quotes were said, if the article tells; fix single quotes later.",
    )
    said_on_precision = forms.ChoiceField(
        required=False, choices=Quote.Precision.choices, initial=Quote.Precision.UNKNOWN, label="Known to the"
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("said_on") is None or not data.get("said_on_precision"):
            data["said_on_precision"] = Quote.Precision.UNKNOWN
        return data


class CandidateForm(forms.Form):
    """One extracted quote on the article page: ticked or not, with its speaker confirmed or fixed."""

    pick = forms.BooleanField(required=False, label="Log")
    speaker = forms.ChoiceField(required=False, label="Speaker")
    other_speaker = forms.CharField(
        required=False, max_length=200, label="or another speaker", help_text="A name or alias."
    )

    def __init__(self, *args: Any, speaker_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["speaker"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
        field.choices = [("", "— nobody attributed —"), *speaker_choices]
