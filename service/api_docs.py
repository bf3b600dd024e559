"""`/docs`: the REST API reference, rendered here from the app's own OpenAPI document.

FastAPI's default Swagger UI loads its scripts from a CDN; the service serves
everything itself, so it renders the operations as a plain HTML page instead and
keeps the machine-readable description at /openapi.json.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from beslutsgraf.service.web import html_page, page_layout

__all__ = ["DOCS_PATH", "api_docs_router", "render_operations"]

DOCS_PATH = "/docs"
_METHODS = ("get", "post", "put", "delete", "head")


def _parameters(operation: Mapping[str, Any]) -> str:
    rows = []
    for parameter in operation.get("parameters", []):
        schema = parameter.get("schema", {})
        kind = schema.get("type") or " | ".join(
            str(option.get("type", "")) for option in schema.get("anyOf", []) if option
        )
        required = "required" if parameter.get("required") else "optional"
        rows.append(
            f"<tr><td><code>{escape(parameter['name'])}</code></td>"
            f"<td>{escape(parameter.get('in', ''))}</td><td>{escape(kind)}</td>"
            f"<td>{required}</td><td>{escape(parameter.get('description', ''))}</td></tr>"
        )
    if not rows:
        return ""
    return (
        "<table><thead><tr><th scope=col>parameter</th><th scope=col>in</th>"
        "<th scope=col>type</th><th scope=col>needed</th><th scope=col>meaning</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _responses(operation: Mapping[str, Any]) -> str:
    items = "".join(
        f"<li><code>{escape(code)}</code> {escape(response.get('description', ''))}</li>"
        for code, response in sorted(operation.get("responses", {}).items())
    )
    return f"<ul class=responses>{items}</ul>" if items else ""


def render_operations(openapi: Mapping[str, Any]) -> str:
    """The operations of an OpenAPI document as HTML sections, in path order."""
    sections = []
    for path, item in sorted(openapi.get("paths", {}).items()):
        for method in _METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            summary = escape(operation.get("summary", ""))
            description = escape(operation.get("description", "")).replace("\n\n", "<p>")
            sections.append(
                f"<section class=operation><h2><code>{method.upper()} {escape(path)}</code>"
                f"</h2><p><strong>{summary}</strong></p><p>{description}</p>"
                f"{_parameters(operation)}{_responses(operation)}</section>"
            )
    return "".join(sections)


def api_docs_router() -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get(DOCS_PATH, response_class=HTMLResponse)
    def api_docs(request: Request) -> HTMLResponse:
        openapi = request.app.openapi()
        main = (
            f"<h1>{escape(openapi['info']['title'])} API</h1>"
            f"<p>{escape(openapi['info'].get('summary', ''))} The machine-readable "
            'description is <a href="/openapi.json">/openapi.json</a>.</p>'
            f"{render_operations(openapi)}"
        )
        return html_page(page_layout(DOCS_PATH, "API reference · beslutsgraf", main))

    return router
