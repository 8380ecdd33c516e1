"""One JSON line per request, and a request id on every log line written while serving it.

Behind DJANGO_REQUEST_LOG (settings.REQUEST_LOG). The id comes from the proxy's X-Request-ID when
it is well formed (nginx: `proxy_set_header X-Request-ID $request_id;`), else a fresh one, and
goes back to the client in the same header, so a person reporting an error can quote it.
"""

import json
import logging
import re
import time
import traceback
import uuid
from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.core.signals import request_finished
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger("kindness.requests")

HEADER = "X-Request-ID"
# Letters, digits and a few separators: nothing that could forge a log line or a header.
VALID_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")
# URL arguments that are secrets in themselves (allauth's password-reset and email-confirmation
# keys): whoever reads the log could use them.
SECRET_ARGUMENTS = {"key", "token"}
REDACTED = "[redacted]"

current_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)


def request_id_from(request: HttpRequest) -> str:
    incoming = request.headers.get(HEADER, "")
    if VALID_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


def loggable_path(request: HttpRequest) -> str:
    path = request.path
    match = getattr(request, "resolver_match", None)
    for name, value in match.kwargs.items() if match is not None else ():
        if name in SECRET_ARGUMENTS and value:
            path = path.replace(str(value), REDACTED)
    return path


def user_id(request: HttpRequest) -> int | None:
    user = getattr(request, "user", None)
    if user is None:
        return None
    try:
        return user.pk if user.is_authenticated else None
    except Exception:  # the session or the database failed: the line must still be written
        return None


class RequestLog:
    def __init__(self, get_response) -> None:
        if not settings.REQUEST_LOG:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_from(request)
        # Kept until the response is closed (request_finished): Django logs a 4xx after the
        # middleware has returned.
        current_request_id.set(request_id)
        started = time.perf_counter()
        response = self.get_response(request)
        response[HEADER] = request_id
        logger.info(
            "request",
            extra={
                "fields": {
                    "method": request.method,
                    "path": loggable_path(request),
                    "status": response.status_code,
                    # Until the view returns: a streamed photo's bytes are not counted.
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "user_id": user_id(request),
                }
            },
        )
        return response


@receiver(request_finished)
def forget_request_id(**kwargs) -> None:
    current_request_id.set(None)


class RequestIdFilter(logging.Filter):
    """Stamps every record with the id of the request being served (None outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **getattr(record, "fields", {}),
            "request_id": getattr(record, "request_id", current_request_id.get()),
        }
        if record.exc_info:
            line["exception"] = "".join(traceback.format_exception(*record.exc_info))
        return json.dumps(line, default=str)
