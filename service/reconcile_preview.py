"""The preview service: a small HTML page about one entity, for a client's preview
pane (PREVIEW_WIDTH × PREVIEW_HEIGHT pixels). Everything from the graph is escaped."""

from __future__ import annotations

from html import escape
from typing import Final

from fastapi import Request

from beslutsgraf.service.http_errors import NotFound
from beslutsgraf.service.reconcile_candidates import (
    Candidate,
    entity_id,
    entity_iri,
    likely_types,
    load_entity,
)
from beslutsgraf.service.reconcile_formats import describe
from beslutsgraf.service.state import get_settings

__all__ = ["PREVIEW_HEIGHT", "PREVIEW_WIDTH", "preview_html"]

PREVIEW_WIDTH: Final = 400
PREVIEW_HEIGHT: Final = 200
_VALUES_SHOWN: Final = 4

_PAGE: Final = """<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<title>{name}</title>
<style>
body {{ font-family: sans-serif; font-size: 0.9em; margin: 0.5em; }}
h1 {{ font-size: 1.1em; margin: 0 0 0.2em; }}
p {{ margin: 0 0 0.4em; color: #444; }}
dl {{ margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: 0 0.6em; }}
dt {{ font-weight: bold; }}
dd {{ margin: 0; }}
</style>
</head>
<body>
<h1><a href="{page}" target="_blank" rel="noopener">{name}</a></h1>
<p>{kind}{description}</p>
<dl>
{facts}
</dl>
</body>
</html>
"""


def _facts(entity: Candidate) -> str:
    lines = []
    for prop in entity.type.extend:
        values = sorted({f.name or f.value for f in entity.facts.get(prop.id, [])})
        if not values:
            continue
        shown = ", ".join(values[:_VALUES_SHOWN]) + (" …" if len(values) > _VALUES_SHOWN else "")
        lines.append(f"<dt>{escape(prop.name)}</dt><dd>{escape(shown)}</dd>")
    return "\n".join(lines)


def preview_html(request: Request, requested: str) -> str:
    """The preview page of the entity `requested` (an id or IRI); 404 if unknown."""
    base = get_settings(request).instance_base
    iri = entity_iri(requested, base)
    entity = load_entity(request, iri, likely_types(iri, base))
    if entity is None:
        raise NotFound(f"no person, organisation, agreement or decision has the id {requested!r}")
    service_url = str(request.base_url).rstrip("/")
    description = describe(entity)
    return _PAGE.format(
        name=escape(" ".join(entity.name.split())),
        page=escape(f"{service_url}/id/{entity_id(entity.iri, base)}", quote=True),
        kind=escape(entity.type.name),
        description=escape(f" · {description}") if description else "",
        facts=_facts(entity),
    )
