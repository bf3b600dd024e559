"""Safe handling of SPARQL text: validated N-Triples terms, a VALUES block for bindings,
and the few facts about a query the store needs without a full parse.

A small lexer skips comments, strings and IRIs, so a `{` or `FROM` inside a literal or
an IRI never counts. Bound terms are parsed by Oxigraph's N-Triples parser and written
back in canonical form, so user text is never pasted into a query as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Final

from pyoxigraph import DefaultGraph, Literal, NamedNode, RdfFormat, parse

from beslutsgraf.store.errors import InvalidTerm, QuerySyntaxError

__all__ = [
    "COMMENT_PATTERN",
    "IRI_PATTERN",
    "STRING_PATTERN",
    "canonical_iri",
    "canonical_term",
    "graph_node",
    "has_dataset_clause",
    "is_load",
    "query_form",
    "service_targets",
    "with_bindings",
]

# The lexical rules every SPARQL lexer here shares (this one and the protocol layer's,
# `beslutsgraf.service.sparql_text`), written to be used in re.VERBOSE patterns: a
# comment, a string literal (long or short, up to its first unescaped closing quotes)
# and an IRI reference. Inside any of them a keyword, brace or `#` is just text.
COMMENT_PATTERN: Final = r"\#[^\n]*"
STRING_PATTERN: Final = "|".join(
    (
        r'"""(?:[^\\]|\\.)*?"""',
        r"'''(?:[^\\]|\\.)*?'''",
        r'"(?:[^"\\\n]|\\.)*"',
        r"'(?:[^'\\\n]|\\.)*'",
    )
)
IRI_PATTERN: Final = r'<[^<>"{}|^`\\\x00-\x20]*>'

_TOKEN = re.compile(
    rf"""
    (?P<skip>\s+|{COMMENT_PATTERN})
  | (?P<string>{STRING_PATTERN})
  | (?P<iri>{IRI_PATTERN})
  | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
  | (?P<name>[^\W\d][\w.\-]*(?::[\w.:%\-]*)?|:[\w.:%\-]*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
_VARIABLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _tokens(sparql: str) -> Iterator[tuple[str, str, int]]:
    """(kind, text, offset) for each significant token."""
    for match in _TOKEN.finditer(sparql):
        kind = match.lastgroup or "other"
        if kind != "skip":
            yield kind, match.group(), match.start()


def query_form(sparql: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE; None for anything else (e.g. an update)."""
    for kind, text, _ in _tokens(sparql):
        if kind == "name" and text.upper() in _FORMS:
            return text.upper()
    return None


def service_targets(sparql: str) -> list[str]:
    """The endpoint after each SERVICE [SILENT] keyword, as written: an IRI without its
    angle brackets, or a prefixed name or variable (which cannot be checked without
    evaluating the query)."""
    targets: list[str] = []
    expecting = False
    for kind, text, _ in _tokens(sparql):
        if expecting and kind == "name" and text.upper() == "SILENT":
            continue
        if expecting:
            targets.append(text[1:-1] if kind == "iri" else text)
        expecting = kind == "name" and text.upper() == "SERVICE"
    return targets


def is_load(sparql: str) -> bool:
    """Whether an update has a LOAD operation (a keyword, not text in a literal or IRI)."""
    return any(kind == "name" and text.upper() == "LOAD" for kind, text, _ in _tokens(sparql))


def _where_brace(sparql: str) -> int | None:
    """Offset of the `{` that opens the query's WHERE group (SELECT and ASK)."""
    depth = 0
    seen_form = False
    for kind, text, offset in _tokens(sparql):
        if kind == "name" and text.upper() in _FORMS:
            seen_form = True
        elif text == "(":
            depth += 1
        elif text == ")":
            depth -= 1
        elif text == "{" and depth == 0 and seen_form:
            return offset
    return None


def has_dataset_clause(sparql: str) -> bool:
    """True when the query names its own dataset (FROM / FROM NAMED before WHERE)."""
    end = _where_brace(sparql)
    for kind, text, offset in _tokens(sparql):
        if end is not None and offset >= end:
            return False
        if kind == "name" and text.upper() == "FROM":
            return True
    return False


def canonical_term(term: str) -> str:
    """Validate one N-Triples term (IRI or literal) and return its canonical form."""
    document = f"<urn:x-beslutsgraf:s> <urn:x-beslutsgraf:p> {term} .\n"
    try:
        triples = list(parse(document.encode(), format=RdfFormat.N_TRIPLES))
    except SyntaxError as error:
        raise InvalidTerm(f"not an N-Triples term: {term!r} ({error})") from None
    if len(triples) != 1:
        raise InvalidTerm(f"not a single N-Triples term: {term!r}")
    value = triples[0].object
    if not isinstance(value, NamedNode | Literal):
        # SPARQL forbids blank nodes in VALUES; they would not name anything anyway.
        raise InvalidTerm(f"only IRIs and literals can be bound, not {term!r}")
    return str(value)


def canonical_iri(iri: str) -> str:
    """Validate an absolute IRI (a graph name) given without angle brackets."""
    term = canonical_term(f"<{iri}>")
    if not term.startswith("<"):
        raise InvalidTerm(f"not an IRI: {iri!r}")
    return term[1:-1]


def graph_node(graph: str | None) -> NamedNode | DefaultGraph:
    """The graph a store call names: a validated IRI, or None for the default graph."""
    return DefaultGraph() if graph is None else NamedNode(canonical_iri(graph))


def with_bindings(sparql: str, bindings: Mapping[str, str] | None) -> str:
    """The query with `VALUES (?a ?b) { (t1 t2) }` as the first element of its WHERE group,
    so the bound variables are in scope for the whole pattern and its aggregates."""
    if not bindings:
        return sparql
    names = []
    for name in bindings:
        bare = name.lstrip("?$")
        if not _VARIABLE_NAME.match(bare):
            raise InvalidTerm(f"not a variable name: {name!r}")
        names.append(bare)
    terms = [canonical_term(value) for value in bindings.values()]
    brace = _where_brace(sparql)
    if brace is None:
        raise QuerySyntaxError(
            "query syntax error: bindings need a SELECT or ASK query with a WHERE group"
        )
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(terms)}) }} "
    return sparql[: brace + 1] + block + sparql[brace + 1 :]
