"""Reading reconciliation requests into `MatchQuery`s and extension requests: the 0.2
forms (a `queries` JSON object keyed by the client, `pid`/`v` properties) and the
1.0-draft ones (a `queries` array of `conditions`). Pure functions over decoded JSON;
every refusal is a 400 that says which query and which field is wrong."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final, cast, get_args

from beslutsgraf.service.http_errors import BadRequest, ResultTooLarge
from beslutsgraf.service.reconcile_catalogue import (
    TYPES,
    ReconType,
    find_type,
    match_property_id,
)
from beslutsgraf.service.reconcile_match import Condition, MatchQuery, Quantifier

__all__ = [
    "DEFAULT_LIMIT",
    "MAX_BATCH",
    "MAX_LIMIT",
    "ExtendRequest",
    "decode_json",
    "read_batch_v02",
    "read_batch_v1",
    "read_extend",
]

DEFAULT_LIMIT: Final = 10
MAX_LIMIT: Final = 100
# Queries in one batch (the 1.0 manifest's `batchSize`); OpenRefine sends 10 at a time.
MAX_BATCH: Final = 100
MAX_EXTEND_IDS: Final = 500


@dataclass(frozen=True)
class ExtendRequest:
    ids: tuple[str, ...]
    properties: tuple[str, ...]


def decode_json(text: str, what: str) -> Any:
    """`text` as JSON, or a 400 naming the parameter and the position of the error."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise BadRequest(f"{what} is not valid JSON: {error}") from None


def _limit(value: object, where: str) -> int:
    if value is None:
        return DEFAULT_LIMIT
    if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value):
        raise BadRequest(f"{where}: `limit` must be a positive integer, not {value!r}")
    if value < 1:
        raise BadRequest(f"{where}: `limit` must be a positive integer, not {value!r}")
    return min(int(value), MAX_LIMIT)


def _types(value: object, where: str) -> tuple[ReconType, ...]:
    if value is None:
        return TYPES
    names = value if isinstance(value, list) else [value]
    if not names or not all(isinstance(name, str) for name in names):
        raise BadRequest(f"{where}: `type` must be a type id or a list of type ids")
    return tuple(dict.fromkeys(find_type(str(name)) for name in names))


def _value_text(value: object, where: str) -> str:
    """A property value as text: an entity's id, a number, a boolean or a string."""
    if isinstance(value, Mapping):
        entity = value.get("id", value.get("name"))
        if not isinstance(entity, str):
            raise BadRequest(f"{where}: an entity value needs a string `id`")
        return entity
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(int(value)) if value == int(value) else str(value)
    if isinstance(value, str):
        return value
    raise BadRequest(f"{where}: a property value must be a string, number, boolean or entity")


def _values(value: object, where: str) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    return tuple(_value_text(item, where) for item in items)


def _check_batch_size(size: int) -> None:
    if size > MAX_BATCH:
        raise ResultTooLarge(f"the batch has {size} queries; send at most {MAX_BATCH} per request")


def read_batch_v02(queries: object) -> list[tuple[str, MatchQuery]]:
    """A 0.2 query batch: `{"q0": {"query": …, "type": …, "limit": …, "properties":
    [{"pid": …, "v": …}]}, …}`, in the client's key order."""
    if not isinstance(queries, Mapping):
        raise BadRequest("`queries` must be a JSON object of queries keyed by the client")
    _check_batch_size(len(queries))
    batch = []
    for key, query in queries.items():
        where = f"query {key!r}"
        if not isinstance(query, Mapping):
            raise BadRequest(f"{where} must be a JSON object")
        text = query.get("query", "")
        if not isinstance(text, str):
            raise BadRequest(f"{where}: `query` must be a string")
        conditions = []
        properties = query.get("properties", [])
        if not isinstance(properties, list):
            raise BadRequest(f"{where}: `properties` must be a list of {{pid, v}}")
        for prop in properties:
            if not isinstance(prop, Mapping) or not isinstance(prop.get("pid"), str):
                raise BadRequest(f"{where}: each property needs a string `pid` and a `v`")
            pid = match_property_id(prop["pid"])
            conditions.append(Condition(pid, _values(prop.get("v"), where)))
        match_query = MatchQuery(
            text.strip(),
            _types(query.get("type"), where),
            _limit(query.get("limit"), where),
            tuple(conditions),
        )
        batch.append((str(key), match_query))
    return batch


def _condition_v1(condition: object, where: str) -> tuple[str | None, Condition | None]:
    """A 1.0 condition: the name it gives, or the property condition it states."""
    if not isinstance(condition, Mapping):
        raise BadRequest(f"{where}: each condition must be a JSON object")
    match_type = condition.get("matchType")
    if "propertyValue" not in condition:
        raise BadRequest(f"{where}: a condition needs a `propertyValue`")
    values = _values(condition["propertyValue"], where)
    if match_type == "name":
        return (values[0] if values else ""), None
    if match_type != "property":
        raise BadRequest(f'{where}: `matchType` must be "name" or "property"')
    pid = condition.get("propertyId")
    if not isinstance(pid, str):
        raise BadRequest(f"{where}: a property condition needs a string `propertyId`")
    quantifier = condition.get("matchQuantifier", "any")
    if quantifier not in get_args(Quantifier):
        raise BadRequest(f"{where}: `matchQuantifier` must be any, all or none")
    required = condition.get("required", False)
    if not isinstance(required, bool):
        raise BadRequest(f"{where}: `required` must be true or false")
    return None, Condition(match_property_id(pid), values, required, cast(Quantifier, quantifier))


def read_batch_v1(body: object) -> list[MatchQuery]:
    """A 1.0-draft batch: `{"queries": [{"type": …, "limit": …, "conditions": […]}]}`."""
    if not isinstance(body, Mapping) or not isinstance(body.get("queries"), list):
        raise BadRequest('the body must be a JSON object {"queries": [...]}')
    queries = body["queries"]
    _check_batch_size(len(queries))
    batch = []
    for index, query in enumerate(queries):
        where = f"query {index}"
        if not isinstance(query, Mapping):
            raise BadRequest(f"{where} must be a JSON object")
        conditions = query.get("conditions")
        if not isinstance(conditions, list) or not conditions:
            raise BadRequest(f"{where}: `conditions` must be a non-empty list")
        text, properties = "", []
        for condition in conditions:
            name, prop = _condition_v1(condition, where)
            if name is not None and not text:
                text = name.strip()
            if prop is not None:
                properties.append(prop)
        batch.append(
            MatchQuery(
                text,
                _types(query.get("type"), where),
                _limit(query.get("limit"), where),
                tuple(properties),
            )
        )
    return batch


def read_extend(body: object) -> ExtendRequest:
    """A data extension query: `{"ids": [...], "properties": [{"id": ...}]}`."""
    if not isinstance(body, Mapping):
        raise BadRequest('the extension query must be a JSON object {"ids", "properties"}')
    ids, properties = body.get("ids"), body.get("properties")
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise BadRequest("the extension query needs `ids`, a list of entity ids")
    if len(ids) > MAX_EXTEND_IDS:
        raise ResultTooLarge(f"the extension query names {len(ids)} ids; at most {MAX_EXTEND_IDS}")
    if not isinstance(properties, list) or not all(
        isinstance(p, Mapping) and isinstance(p.get("id"), str) for p in properties
    ):
        raise BadRequest('the extension query needs `properties`, a list of {"id": …}')
    return ExtendRequest(tuple(ids), tuple(p["id"] for p in properties))
