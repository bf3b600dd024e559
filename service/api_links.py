"""How API ids, `/id/` pages and page links are derived from IRIs and requests.

An API id is the IRI's path under the instance base without the segment every IRI of
that kind starts with: `id:person/helen-eliasson` is `/api/persons/helen-eliasson`,
`id:meeting/sro/2025-03-06/item/6/decision/3` is
`/api/decisions/sro/2025-03-06/item/6/decision/3`. IRIs of the same kind minted under
another segment (`id:kommun/1480` for an organisation) keep their whole path:
`/api/organisations/kommun/1480`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, TypedDict

from fastapi import Request, Response

from beslutsgraf.service.api_models import Ref
from beslutsgraf.service.ld_terms import row_iri, row_text

__all__ = [
    "AGREEMENTS",
    "DECISIONS",
    "FIELD_SEPARATOR",
    "ITEM_SEPARATOR",
    "ORGANISATIONS",
    "PERSONS",
    "Identity",
    "Kind",
    "PageLinks",
    "page_links",
    "page_of",
    "ref_from_row",
    "set_link_header",
    "split_list",
]


class Identity(TypedDict):
    """The fields that name a resource in every answer about it."""

    id: str | None
    iri: str
    href: str | None
    page: str | None


@dataclass(frozen=True)
class Kind:
    """A kind of resource the API lists: its route and the IRI segment it is minted under."""

    route: str  # "/api/persons"
    home: str  # "person/"

    def key(self, iri: str, base: str) -> str | None:
        """The API id of `iri`; None when the IRI is not under the instance base."""
        if not iri.startswith(base) or len(iri) == len(base):
            return None
        path = iri[len(base) :]
        return path[len(self.home) :] if path.startswith(self.home) else path

    def href(self, iri: str, base: str) -> str | None:
        key = self.key(iri, base)
        return None if key is None else f"{self.route}/{key}"

    def fields(self, iri: str, base: str) -> Identity:
        """The `id`, `iri`, `href` and `page` of a resource of this kind."""
        return {
            "id": self.key(iri, base),
            "iri": iri,
            "href": self.href(iri, base),
            "page": page_of(iri, base),
        }

    def candidates(self, key: str, base: str) -> list[str]:
        """The IRIs an id may stand for, the usual segment first."""
        return [f"{base}{self.home}{key}", f"{base}{key}"]


DECISIONS: Final = Kind("/api/decisions", "meeting/")
PERSONS: Final = Kind("/api/persons", "person/")
ORGANISATIONS: Final = Kind("/api/organisations", "org/")
AGREEMENTS: Final = Kind("/api/agreements", "agreement/")

# Separators of the GROUP_CONCAT lists in the queries (unit / record separator).
ITEM_SEPARATOR: Final = "\u001f"
FIELD_SEPARATOR: Final = "\u001e"


def page_of(iri: str, base: str) -> str | None:
    """Path of the `/id/...` page for an IRI minted under the instance base."""
    if iri.startswith(base) and len(iri) > len(base):
        return "/id/" + iri[len(base) :]
    return None


def ref_from_row(
    row: Mapping[str, str], iri_var: str, label_var: str | None, base: str
) -> Ref | None:
    """A `Ref` from the IRI bound to `iri_var` and the label bound to `label_var`."""
    iri = row_iri(row, iri_var)
    if iri is None:
        return None
    label = row_text(row, label_var) if label_var else None
    return Ref(iri=iri, label=label, page=page_of(iri, base))


def split_list(value: str | None) -> list[str]:
    """The items of a GROUP_CONCAT joined with `ITEM_SEPARATOR` (empty when unbound)."""
    return [item for item in (value or "").split(ITEM_SEPARATOR) if item]


@dataclass(frozen=True)
class PageLinks:
    first: str
    prev: str | None
    next: str | None

    def header(self) -> str:
        """The RFC 8288 `Link` header value."""
        links = [(self.first, "first"), (self.prev, "prev"), (self.next, "next")]
        return ", ".join(f'<{url}>; rel="{rel}"' for url, rel in links if url is not None)


def page_links(request: Request, limit: int, offset: int, has_next: bool) -> PageLinks:
    """Links to the first, previous and next page: the request URL with only `limit`
    and `offset` changed, so every filter carries over."""

    def at(new_offset: int) -> str:
        return str(request.url.include_query_params(limit=limit, offset=new_offset))

    return PageLinks(
        first=at(0),
        prev=at(max(offset - limit, 0)) if offset > 0 else None,
        next=at(offset + limit) if has_next else None,
    )


def set_link_header(response: Response, links: PageLinks) -> None:
    response.headers["Link"] = links.header()
