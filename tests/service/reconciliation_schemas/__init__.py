"""The Reconciliation Service API's published JSON schemas (see NOTICE.md), loaded into
a `referencing` registry per version so every `$ref` resolves locally, never over the
network: `assert_valid("0.2", "manifest", document)`."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any, Final

from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

__all__ = ["VERSIONS", "assert_valid", "schema_names"]

HERE: Final = Path(__file__).parent
VERSIONS: Final = ("0.2", "1.0-draft")


def schema_names(version: str) -> list[str]:
    """The vendored schemas of a version, by file stem."""
    return sorted(path.stem for path in (HERE / version).glob("*.json"))


@cache
def _registry(version: str) -> tuple[Registry, dict[str, str]]:
    """Every schema of `version` under its `$id`, and the `$id` of each file stem."""
    registry: Registry = Registry()
    ids: dict[str, str] = {}
    for path in sorted((HERE / version).glob("*.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        # `"$schema": "http://json-schema.org/schema#"` names no draft; the schemas use
        # draft-07 keywords (`contains`, `definitions`), so read them as draft-07.
        resource = Resource.from_contents(contents, default_specification=DRAFT7)
        registry = registry.with_resource(contents["$id"], resource)
        ids[path.stem] = contents["$id"]
    return registry, ids


def assert_valid(version: str, name: str, document: Any) -> None:
    """Fail with every schema error when `document` is not a valid `name` of `version`."""
    registry, ids = _registry(version)
    schema = registry.contents(ids[name])
    validator = Draft7Validator(schema, registry=registry)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    messages = [f"{list(e.absolute_path)}: {e.message}" for e in errors]
    assert not messages, f"not a valid {version} {name}:\n" + "\n".join(messages)
