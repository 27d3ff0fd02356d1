"""Keeping secrets out of text: URL user-info, secret query parameters and configured keys become '***'.

Used wherever text can leave the process or be stored: model-error messages (shown to clients and saved in
sessions), and every log record (installed once by the API and the CLI)."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

MASK = "***"
# scheme://user:password@host -> scheme://***@host (also user-only, also inside longer text)
_USERINFO = re.compile(r"(?P<scheme>[a-z][a-z0-9+.\-]{0,20}://)[^/@\s?#]{1,512}@", re.I)
# ?api_key=...&token=... -> ?api_key=***&token=***
_SECRET_PARAM = re.compile(
    r"(?P<name>[?&](?:api[_-]?key|key|token|access[_-]?token|secret|password|passwd|pwd|sig|signature)=)[^&\s#]{1,512}",
    re.I,
)
# Bearer tokens that reach a log through a header dump.
_BEARER = re.compile(r"(?P<name>\bbearer\s+)[A-Za-z0-9._~+/=\-]{8,512}", re.I)


def redact_url(url: str) -> str:
    """The URL without its user-info and with secret query values masked."""
    return redact_text(url)


def redact_text(text: str, secrets: Iterable[str] = ()) -> str:
    """text with URL credentials, secret query values, bearer tokens and the given secret strings masked."""
    text = _USERINFO.sub(lambda m: f"{m['scheme']}{MASK}@", text)
    text = _SECRET_PARAM.sub(lambda m: f"{m['name']}{MASK}", text)
    text = _BEARER.sub(lambda m: f"{m['name']}{MASK}", text)
    for secret in sorted({s for s in secrets if len(s) >= 4}, key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text


def url_secrets(url: str | None) -> list[str]:
    """The password inside a URL, so it can be masked wherever it appears alone (a user name is usually a
    common word such as 'postgres', and masking it would garble unrelated text)."""
    if not url:
        return []
    try:
        parts = urlsplit(url)
    except ValueError:
        return []
    return [parts.password] if parts.password else []


def _scrub(record: logging.LogRecord, secrets: list[str]) -> None:
    message = record.getMessage()
    clean = redact_text(message, secrets)
    if clean != message:
        record.msg, record.args = clean, None
    if record.exc_info and record.exc_info[1] is not None and not record.exc_text:
        record.exc_text = redact_text(logging.Formatter().formatException(record.exc_info), secrets)
        record.exc_info = None


_base_factory = logging.getLogRecordFactory()


def install_log_redaction(secrets: Iterable[str] = ()) -> None:
    """Mask secrets in every log record, whichever logger or handler it goes through (uvicorn's too): records
    are cleaned as they are made. Calling it again replaces the secrets."""
    known = list(secrets)

    def factory(*args: object, **kwargs: object) -> logging.LogRecord:
        record = _base_factory(*args, **kwargs)
        _scrub(record, known)
        return record

    logging.setLogRecordFactory(factory)
