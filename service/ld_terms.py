"""RDF terms as they cross the `Store.select` boundary: N-Triples text both ways.

`Store.select` returns each solution as variable -> N-Triples term (`<iri>`,
`"lit"@sv`, `"5"^^<…#integer>`, `_:b0`) and takes its `bindings` in the same syntax.
Everything user-supplied goes into a query through `iri_term` / `literal_term`, which
escape or refuse, never by pasting text into SPARQL.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal

from rdflib import BNode, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.term import Node

__all__ = [
    "XSD",
    "InvalidTerm",
    "Term",
    "iri_term",
    "literal_term",
    "parse_term",
    "row_int",
    "row_iri",
    "row_text",
]

XSD: Final = "http://www.w3.org/2001/XMLSchema#"

# Characters N-Triples forbids inside <…> (besides controls and space).
_IRI_FORBIDDEN: Final = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LITERAL: Final = re.compile(r'^"((?:[^"\\]|\\.)*)"(?:@([A-Za-z0-9-]+)|\^\^<([^>]*)>)?$', re.S)
_ESCAPE: Final = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.S)
_SIMPLE_ESCAPES: Final = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f"}


class InvalidTerm(ValueError):
    """Text that cannot be an RDF term (an IRI with spaces, a malformed literal)."""


@dataclass(frozen=True)
class Term:
    """One RDF term of a result row."""

    kind: Literal["iri", "bnode", "literal"]
    value: str
    language: str | None = None
    datatype: str | None = None

    def to_rdflib(self) -> Node:
        if self.kind == "iri":
            return URIRef(self.value)
        if self.kind == "bnode":
            return BNode(self.value)
        if self.language:
            return RdfLiteral(self.value, lang=self.language)
        if self.datatype and self.datatype != XSD + "string":
            # lexical form kept as written: rdflib would normalise "2024-11" gYearMonth etc.
            return RdfLiteral(self.value, datatype=URIRef(self.datatype), normalize=False)
        return RdfLiteral(self.value)


def _unescape(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        code = match.group(1)
        if code[0] in "uU" and len(code) > 1:
            return chr(int(code[1:], 16))
        return _SIMPLE_ESCAPES.get(code, code)

    return _ESCAPE.sub(replace, text)


def parse_term(text: str) -> Term:
    """The term an N-Triples string denotes."""
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        return Term("iri", _unescape(text[1:-1]))
    if text.startswith("_:"):
        return Term("bnode", text[2:])
    match = _LITERAL.match(text)
    if match is None:
        raise InvalidTerm(f"not an N-Triples term: {text!r}")
    lexical, language, datatype = match.groups()
    return Term("literal", _unescape(lexical), language=language, datatype=datatype)


def iri_term(iri: str) -> str:
    """`<iri>` for a binding; refuses text that is not an absolute IRI."""
    if ":" not in iri or _IRI_FORBIDDEN.search(iri):
        raise InvalidTerm(f"not an IRI: {iri!r}")
    return f"<{iri}>"


def literal_term(value: str, *, datatype: str | None = None, language: str | None = None) -> str:
    """An escaped N-Triples literal for a binding."""
    escaped = (
        value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )
    if language:
        if not re.fullmatch(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*", language):
            raise InvalidTerm(f"not a language tag: {language!r}")
        return f'"{escaped}"@{language}'
    if datatype:
        return f'"{escaped}"^^{iri_term(datatype)}'
    return f'"{escaped}"'


def row_text(row: Mapping[str, str], name: str) -> str | None:
    """The value (IRI, label or lexical form) of `name` in a row; None when unbound."""
    raw = row.get(name)
    return None if raw is None else parse_term(raw).value


def row_iri(row: Mapping[str, str], name: str) -> str | None:
    """The IRI bound to `name`; None when unbound or not an IRI."""
    raw = row.get(name)
    if raw is None:
        return None
    term = parse_term(raw)
    return term.value if term.kind == "iri" else None


def row_int(row: Mapping[str, str], name: str) -> int | None:
    """An integer-valued binding; None when unbound or not an integer."""
    text = row_text(row, name)
    try:
        return None if text is None else int(text)
    except ValueError:
        return None
