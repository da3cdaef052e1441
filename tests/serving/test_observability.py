"""Request ids and JSON logs: every response names its request, and every log line written while serving
it carries the same id."""

from __future__ import annotations

import io
import json
import logging
import sys

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path

from factcheck.observability import JsonFormatter, RequestIdFilter, current_request_id, request_id_from

logger = logging.getLogger("tests.serving")


def logging_view(request: HttpRequest) -> HttpResponse:
    logger.warning("serving %s", request.path, extra={"claim": 7})
    return HttpResponse("logged")


urlpatterns = [path("log/", logging_view)]


@pytest.mark.parametrize(
    "incoming",
    ["abc-123", "4f1c2d9e-3b7a-4c1e-9a5d-1e2f3a4b5c6d", "lb:req/42+retry=1", "A" * 128],
)
def test_a_sane_incoming_request_id_is_kept(incoming: str) -> None:
    assert request_id_from(incoming) == incoming


@pytest.mark.parametrize(
    "incoming",
    [
        None,
        "",
        " leading-space",
        "has space",
        'quote"',
        "new\nline",
        "A" * 129,
        "<script>",
        "-starts-with-dash",
    ],
)
def test_anything_else_is_replaced_by_a_fresh_id(incoming: str | None) -> None:
    generated = request_id_from(incoming)
    assert generated != incoming and len(generated) == 32 and generated.isalnum()


@pytest.mark.django_db
def test_the_response_carries_the_callers_id_or_a_new_one(client: Client) -> None:
    assert client.get("/", HTTP_X_REQUEST_ID="trace-77").headers["X-Request-ID"] == "trace-77"
    made = client.get("/", HTTP_X_REQUEST_ID="bad id with spaces").headers["X-Request-ID"]
    assert made != "bad id with spaces" and len(made) == 32
    assert client.get("/").headers["X-Request-ID"] != client.get("/").headers["X-Request-ID"]
    assert client.get("/healthz", HTTP_X_REQUEST_ID="probe-1").headers["X-Request-ID"] == "probe-1"


@pytest.mark.urls(__name__)
def test_every_log_line_of_a_request_is_json_with_its_id(client: Client) -> None:
    """Including Django's own "Not Found" line, written after the middleware chain has returned."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    loggers = [logging.getLogger("django"), logger]
    for each in loggers:
        each.addHandler(handler)
    try:
        client.get("/log/", HTTP_X_REQUEST_ID="req-abc")
        client.get("/no-such-page/", HTTP_X_REQUEST_ID="req-404")
    finally:
        for each in loggers:
            each.removeHandler(handler)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    served = next(line for line in lines if line["logger"] == "tests.serving")
    assert served["message"] == "serving /log/" and served["request_id"] == "req-abc"
    assert served["level"] == "WARNING" and served["claim"] == 7 and served["time"].endswith("+00:00")
    not_found = next(line for line in lines if line["logger"] == "django.request")
    assert not_found["request_id"] == "req-404" and "Not Found" in not_found["message"]
    assert current_request_id() is None  # forgotten once the response is closed


def test_exceptions_are_logged_with_their_traceback() -> None:
    try:
        raise ValueError("bad figure")
    except ValueError:
        record = logger.makeRecord("tests.serving", logging.ERROR, __file__, 1, "failed", (), None)
        record.exc_info = sys.exc_info()
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] is None and "ValueError: bad figure" in line["exception"]
