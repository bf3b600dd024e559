"""/docs is the REST API reference served by the service itself (no CDN)."""

from __future__ import annotations

import re

import httpx


def test_api_docs_list_the_rest_operations_without_loading_anything_from_elsewhere(
    web_server: str,
) -> None:
    page = httpx.get(f"{web_server}/docs")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    html = page.text
    for operation in ("GET /api/decisions", "GET /api/persons", "GET /api/assignments"):
        assert operation in html
    # The decision filters a user can pass, as the OpenAPI document declares them.
    assert "<code>type</code>" in html and "<code>from</code>" in html
    assert not re.search(r"""(src|href)=["']https?://""", html)
    assert httpx.get(f"{web_server}/redoc").status_code == 404
