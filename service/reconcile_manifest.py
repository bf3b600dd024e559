"""The two service manifests: Reconciliation Service API 0.2 at `/reconcile` (what
OpenRefine speaks) and the 1.0 draft at `/reconcile/1.0-draft`. One document cannot
be both: 0.2 describes each suggest service by URL, 1.0 by a boolean.

Entity ids are IRI paths under the instance base (the 0.2 `identifierSpace`), so an
entity's page is `/id/{id}`; types are the catalogue's short ids, and the schema space
is the ontology's namespace."""

from __future__ import annotations

from typing import Any, Final

from beslutsgraf.service.reconcile_catalogue import TYPES
from beslutsgraf.service.reconcile_preview import PREVIEW_HEIGHT, PREVIEW_WIDTH
from beslutsgraf.service.reconcile_requests import MAX_BATCH

__all__ = ["ROOT_V02", "ROOT_V1", "SCHEMA_SPACE", "manifest_v02", "manifest_v1"]

ROOT_V02: Final = "/reconcile"
ROOT_V1: Final = "/reconcile/1.0-draft"
SCHEMA_SPACE: Final = "https://w3id.org/beslutsgraf/def#"
_NAME: Final = "beslutsgraf: people, organisations, agreements and decisions in Swedish minutes"


def _default_types() -> list[dict[str, str]]:
    return [{"id": t.id, "name": t.name, "description": t.description} for t in TYPES]


def manifest_v02(service_url: str, instance_base: str) -> dict[str, Any]:
    """The 0.2 manifest; `service_url` is the service's own origin (no trailing /)."""
    root = service_url + ROOT_V02
    return {
        "versions": ["0.2"],
        "name": _NAME,
        "identifierSpace": instance_base,
        "schemaSpace": SCHEMA_SPACE,
        "documentation": f"{service_url}/docs",
        "view": {"url": f"{service_url}/id/{{{{id}}}}"},
        "defaultTypes": _default_types(),
        "preview": {
            "url": f"{root}/preview?id={{{{id}}}}",
            "width": PREVIEW_WIDTH,
            "height": PREVIEW_HEIGHT,
        },
        "suggest": {
            kind: {"service_url": root, "service_path": f"/suggest/{kind}"}
            for kind in ("entity", "property", "type")
        },
        "extend": {
            "propose_properties": {"service_url": root, "service_path": "/propose_properties"},
            "property_settings": [],
        },
    }


def manifest_v1(service_url: str) -> dict[str, Any]:
    """The 1.0-draft manifest: its routes (`/match`, `/suggest/…`, `/preview`,
    `/extend`, `/extend/propose`) are relative to `ROOT_V1`."""
    return {
        "versions": ["1.0-draft"],
        "name": _NAME,
        "documentation": f"{service_url}/docs",
        # `{+id}`: ids contain slashes, which a plain `{id}` expansion would escape.
        "view": {"url": f"{service_url}/id/{{+id}}"},
        "defaultTypes": _default_types(),
        "preview": {"width": PREVIEW_WIDTH, "height": PREVIEW_HEIGHT},
        # Type suggestions stay off in 1.0: its published schema and its prose disagree
        # on what a type's name is (see tests/service/reconciliation_schemas/NOTICE.md).
        "suggest": {"entity": True, "property": True, "type": False},
        "extend": {"proposeProperties": True, "propertySettings": []},
        "batchSize": MAX_BATCH,
        "standardizedScore": True,
    }
