"""Write access: SPARQL Update and Graph Store writes need `Authorization: Bearer <token>`
where the token is the operator's `write_token`. Reads are public."""

from __future__ import annotations

import hmac
from typing import Final

from fastapi import Request

from beslutsgraf.service.http_errors import Forbidden, Unauthorized
from beslutsgraf.service.state import get_settings

__all__ = ["require_write_access"]

_CHALLENGE: Final = 'Bearer realm="beslutsgraf"'


def require_write_access(request: Request) -> None:
    """Return when the request may write; raise 401 (no credentials, with a
    WWW-Authenticate challenge) or 403 (wrong token, or writes switched off)."""
    token = get_settings(request).write_token
    if not token:
        raise Forbidden(
            "writes are switched off on this server: the operator has set no write token "
            "(BESLUTSGRAF_WRITE_TOKEN or `beslutsgraf serve --write-token-file FILE`)"
        )
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not credentials.strip():
        raise Unauthorized(
            "this operation changes data: send `Authorization: Bearer <write token>`",
            headers={"WWW-Authenticate": _CHALLENGE},
        )
    # Constant-time comparison, so response timing does not leak the token.
    if not hmac.compare_digest(credentials.strip().encode(), token.encode()):
        raise Forbidden(
            "the write token is not valid for this server",
            headers={"WWW-Authenticate": f'{_CHALLENGE}, error="invalid_token"'},
        )
