"""/ratings.css: each rating's colour as a class, `.rating-<id> { --rating-colour: #xxxxxx }`.

Colours are newsroom data (RatingScale rows), and the Content-Security-Policy allows no inline style,
so they come from this small stylesheet instead of `style` attributes. Every colour is checked as a
lower-case hex colour by the model and a database constraint; this view writes nothing else.
"""

from __future__ import annotations

from django.db.models import Count, Max
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import condition, require_safe

from claims.models import Rating


def _version(request: HttpRequest) -> str:
    state = Rating.objects.aggregate(latest=Max("updated_at"), count=Count("pk"))
    latest = state["latest"].isoformat() if state["latest"] else "none"
    return f'"ratings-{state["count"]}-{latest}"'


@require_safe
@condition(etag_func=_version)
def rating_styles(request: HttpRequest) -> HttpResponse:
    rules = [
        f".rating-{pk} {{ --rating-colour: {colour}; }}"
        for pk, colour in Rating.objects.order_by("pk").values_list("pk", "colour")
    ]
    response = HttpResponse("\n".join(rules) + "\n", content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response
