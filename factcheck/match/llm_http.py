"""The LLM tier's one HTTP call: POST a JSON request, get a JSON object back.

Unlike a source, a failure here is a ``MatcherError`` with a one-line reason,
which the LLM tier turns into a fallback. Header values (an API key) never
appear in its messages. The endpoint is the user's own configuration
(``FACTCHECK_LLM_URL``, often a model on this machine), not a URL from an
article, so the fetcher's private-address guard does not apply here.
"""

from __future__ import annotations

import json
import re
import time
from typing import Any

import httpx

from ..config import Settings
from ..errors import MatcherError
from ..fetch.classify import from_exception

__all__ = ["post_json", "JSON_MAX_BYTES"]

JSON_MAX_BYTES = 4 * 1024 * 1024  # size cap for a JSON API answer


def post_json(url: str, payload: dict[str, Any], settings: Settings, *, headers: dict[str, str] | None = None,
              transport: httpx.BaseTransport | None = None) -> dict[str, Any]:
    """POST ``payload`` as JSON to ``url`` and return the JSON object answered.

    Timeouts: ``settings.connect_timeout`` to connect, ``settings.llm_timeout``
    for the answer (the whole body, not each read). Answers over
    ``JSON_MAX_BYTES`` are refused. Any failure (network, HTTP status >= 400,
    not a JSON object) raises ``MatcherError`` with a one-line reason.
    """
    if not re.match(r"^https?://", url, re.I):
        raise MatcherError(f"not an http(s) URL: {url!r}")
    sent = {"User-Agent": settings.user_agent, "Accept": "application/json", **(headers or {})}
    try:
        status, body = _post(url, payload, sent, settings, transport)
    except httpx.TimeoutException as exc:
        raise MatcherError(f"{url}: no answer within {settings.llm_timeout:g} s ({type(exc).__name__})") from exc
    except httpx.HTTPError as exc:
        raise MatcherError(f"{url}: {from_exception(url, exc).reason}") from exc
    if status >= 400:
        hint = {401: "; check FACTCHECK_LLM_API_KEY", 403: "; check FACTCHECK_LLM_API_KEY",
                404: "; check FACTCHECK_LLM_URL and FACTCHECK_LLM_MODEL"}.get(status, "")
        detail = " ".join(body[:200].decode("utf-8", "replace").split())
        raise MatcherError(f"{url}: HTTP {status}{hint}" + (f" ({detail})" if detail else ""))
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise MatcherError(f"{url}: the answer is not JSON") from exc
    if not isinstance(data, dict):
        raise MatcherError(f"{url}: the answer is not a JSON object")
    return data


def _post(url: str, payload: dict[str, Any], headers: dict[str, str], settings: Settings,
          transport: httpx.BaseTransport | None) -> tuple[int, bytes]:
    """The status and the whole body, within the size cap and the time budget."""
    deadline = time.monotonic() + settings.llm_timeout
    with httpx.Client(timeout=httpx.Timeout(settings.llm_timeout, connect=settings.connect_timeout),
                      transport=transport, trust_env=False, follow_redirects=False) as client:
        with client.stream("POST", url, json=payload, headers=headers) as response:
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > JSON_MAX_BYTES:
                    raise MatcherError(f"{url}: answer larger than {JSON_MAX_BYTES} bytes")
                if time.monotonic() > deadline:
                    raise MatcherError(f"{url}: no complete answer within {settings.llm_timeout:g} s")
            return response.status_code, bytes(body)
