"""Who may open the desk: logged-in newsroom staff. Anonymous people go to the login page; anyone else
gets 403 with the reason. Editor-only pages say so in the same way. What a person may do to a claim is
decided by claims/workflow.py and claims/services.py, not here."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from claims.roles import is_editor, is_newsroom_staff

View = Callable[..., HttpResponse]


def forbidden(request: HttpRequest, reasons: list[str]) -> HttpResponse:
    return render(request, "desk/forbidden.html", {"reasons": reasons}, status=403)


def newsroom_required(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_newsroom_staff(request.user):
            return forbidden(request, ["The desk is for the newsroom's reporters and editors."])
        return view(request, *args, **kwargs)

    return wrapped


def editor_required(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_editor(request.user):
            return forbidden(request, ["Only editors can do this."])
        return view(request, *args, **kwargs)

    return newsroom_required(wrapped)
