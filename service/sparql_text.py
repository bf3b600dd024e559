"""Just enough lexing of SPARQL text for the protocol layer, without a full parser:
the form of a query (to negotiate its result type before running it), whether it holds
relative IRIs (to give it the endpoint as base), and the rewrite that applies the
protocol's `using-graph-uri` / `using-named-graph-uri` to an update as USING clauses,
so any SPARQL 1.1 store honours them. Syntax errors stay the store's job: the lexer
never rejects text, it only has to see keywords, braces, IRIs and strings as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Final

from beslutsgraf.store import QueryForm
from beslutsgraf.store.sparql_text import COMMENT_PATTERN, IRI_PATTERN, STRING_PATTERN

__all__ = [
    "DatasetConflict",
    "Token",
    "add_using_clauses",
    "has_relative_iri",
    "query_form",
    "tokenize",
    "with_base",
]

_TOKEN: Final = re.compile(
    rf"""
      (?P<comment>{COMMENT_PATTERN})
    | (?P<string>{STRING_PATTERN})
    | (?P<iri>{IRI_PATTERN})
    | (?P<var>[?$][\w]+)
    | (?P<word>[\w][\w\-]*(?::[\w\-.%\\:]*)?|:[\w\-.%\\:]*)
    | (?P<brace>[{{}}])
    | (?P<space>\s+)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_SCHEME: Final = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_QUERY_FORMS: Final = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


@dataclass(frozen=True)
class Token:
    kind: str  # comment, string, iri, var, word, brace, other (whitespace is skipped)
    text: str
    start: int
    depth: int  # brace depth before the token

    @property
    def keyword(self) -> str:
        return self.text.upper() if self.kind == "word" else ""


def tokenize(text: str) -> Iterator[Token]:
    """The significant tokens of `text` with their brace depth (comments included)."""
    depth = 0
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind == "space":
            continue
        value = match.group()
        if kind == "brace" and value == "}":
            depth = max(depth - 1, 0)
        yield Token(kind, value, match.start(), depth)
        if kind == "brace" and value == "{":
            depth += 1


def _code(text: str) -> Iterator[Token]:
    return (token for token in tokenize(text) if token.kind != "comment")


def query_form(text: str) -> QueryForm | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first keyword after the prologue; None
    when the text does not start like a query (the store will say why)."""
    for token in _code(text):
        if token.kind in ("iri", "other"):
            continue  # the IRIs and punctuation of BASE/PREFIX declarations
        if token.kind == "word" and token.keyword in ("BASE", "PREFIX"):
            continue
        if token.kind == "word" and ":" in token.text:
            continue  # the prefix label of a PREFIX declaration
        if token.keyword in _QUERY_FORMS:
            form: QueryForm = token.keyword  # type: ignore[assignment]
            return form
        return None
    return None


def has_relative_iri(text: str) -> bool:
    return any(token.kind == "iri" and not _SCHEME.match(token.text[1:]) for token in _code(text))


def with_base(text: str, base_iri: str) -> str:
    """`text` with `base_iri` as its base when it holds relative IRIs (SPARQL 1.1
    Protocol §2.1.4/§2.2.4: the service defines the base, which may be the endpoint).
    A BASE the text declares itself still wins, as it comes later."""
    if not has_relative_iri(text):
        return text
    return f"BASE <{base_iri}> {text}"


class DatasetConflict(ValueError):
    """The request names a dataset both in the protocol and in the update text."""


def add_using_clauses(
    update: str, using_graphs: Sequence[str], using_named_graphs: Sequence[str]
) -> str:
    """Apply the protocol's update dataset: add `USING <g>` / `USING NAMED <g>` to every
    operation with a WHERE clause (a DELETE WHERE shortcut is expanded to
    `DELETE {P} USING … WHERE {P}`, its definition in SPARQL 1.1 Update §3.1.3.3).

    Raises `DatasetConflict` when the text has USING or WITH itself (SPARQL 1.1
    Protocol §2.2.3: such a request is an error)."""
    if not using_graphs and not using_named_graphs:
        return update
    clauses = " ".join(
        [f"USING <{iri}>" for iri in using_graphs]
        + [f"USING NAMED <{iri}>" for iri in using_named_graphs]
    )
    tokens = list(_code(update))
    for token in tokens:
        if token.depth == 0 and token.keyword in ("USING", "WITH"):
            raise DatasetConflict(
                f"the update has its own {token.keyword} clause and the request also sets "
                "using-graph-uri/using-named-graph-uri: give the dataset in one place only"
            )
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement), in text order
    for index, token in enumerate(tokens):
        if token.depth != 0 or token.keyword != "WHERE":
            continue
        previous = tokens[index - 1] if index else None
        if previous is not None and previous.keyword == "DELETE":
            pattern_end = _group_end(tokens, index + 1)
            if pattern_end is None:
                continue  # malformed: let the store report it
            pattern = update[tokens[index + 1].start : pattern_end]
            edits.append((token.start, pattern_end, f"{pattern} {clauses} WHERE {pattern}"))
        else:
            edits.append((token.start, token.start, f"{clauses} "))
    for start, end, replacement in reversed(edits):
        update = update[:start] + replacement + update[end:]
    return update


def _group_end(tokens: list[Token], open_index: int) -> int | None:
    """The text offset just after the `}` that closes the `{` at `tokens[open_index]`."""
    if open_index >= len(tokens) or tokens[open_index].text != "{":
        return None
    depth = tokens[open_index].depth
    for token in tokens[open_index + 1 :]:
        if token.text == "}" and token.depth == depth:
            return token.start + 1
    return None
