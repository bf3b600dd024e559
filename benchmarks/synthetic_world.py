"""The cast of the synthetic decision graph: a re-export of
`beslutsgraf.service.synthetic_world`."""

from __future__ import annotations

from beslutsgraf.service.synthetic_world import (
    ANCHOR_CHAIR,
    ANCHOR_VICE_CHAIR,
    BODY_KINDS,
    BODY_TOPICS,
    FAMILY_NAMES,
    FEDERATIONS,
    GIVEN_NAMES,
    MUNICIPALITY_COUNT,
    Body,
    Person,
    World,
    build_world,
    slug,
)

__all__ = [
    "ANCHOR_CHAIR",
    "ANCHOR_VICE_CHAIR",
    "BODY_KINDS",
    "BODY_TOPICS",
    "FAMILY_NAMES",
    "FEDERATIONS",
    "GIVEN_NAMES",
    "MUNICIPALITY_COUNT",
    "Body",
    "Person",
    "World",
    "build_world",
    "slug",
]
