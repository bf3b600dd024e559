"""Query evaluation on an open pyoxigraph store: the code shared by the embedded backend's
own thread and its query worker processes (which is why these are plain functions of
picklable arguments)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final

from pyoxigraph import NamedNode, QueryBoolean, QuerySolutions, QueryTriples, Store

from beslutsgraf.store.base import QueryForm, SerializedResult
from beslutsgraf.store.bounded import capped_solutions, capped_triples, take
from beslutsgraf.store.errors import (
    QuerySyntaxError,
    ResultTooLarge,
    StoreError,
    UnsupportedMediaType,
    UnsupportedOperation,
)
from beslutsgraf.store.formats import (
    RDF_MEDIA_TYPES,
    RESULTS_MEDIA_TYPES,
    rdf_format,
    results_format,
)
from beslutsgraf.store.sparql_text import (
    COMMENT_PATTERN,
    IRI_PATTERN,
    canonical_iri,
    has_dataset_clause,
    query_form,
)

__all__ = [
    "QueryRequest",
    "check_media_type",
    "leading_query_form",
    "run_ask",
    "run_query",
    "run_select",
]

# Whitespace and comments, as a SPARQL lexer skips them between tokens (possessive: a
# failed match gives nothing back, so a long comment is never rescanned).
_GAP: Final = rf"(?:\s|{COMMENT_PATTERN})*+"
# A dataset clause is FROM [NAMED] then an IRI or a prefixed name (which has a colon):
# text without one skips the lexer (~0.05 ms on a long query, paid on every request;
# a bare "from" in a comment, as in "applies from", no longer triggers it). Searched in
# the lower-cased text: a case-sensitive search skips to each "from" at native speed
# (an IGNORECASE one tries every character: ~0.015 ms on a 1 KB query), and lowering
# keeps every match (it may add some, which the lexer then turns down).
_FROM: Final = re.compile(rf"from\b{_GAP}(?:named\b{_GAP})?(?:<|[^\s<>#]*:)")
# The usual start of a query: a prologue of plain BASE/PREFIX declarations (and comments)
# then its form keyword, read in one regex match instead of a lexer's loop (~0.03 ms on
# a query with prefixes). Text it does not fit goes to the lexer.
_LEADING_FORM: Final = re.compile(
    rf"""{_GAP}
    (?:(?:BASE{_GAP}{IRI_PATTERN}
         |PREFIX{_GAP}(?:[^\W\d][\w.\-]*)?:{_GAP}{IRI_PATTERN}){_GAP})*+
    (SELECT|ASK|CONSTRUCT|DESCRIBE)(?![\w.\-:])""",
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True)
class QueryRequest:
    """One SPARQL Protocol query: the text, the answer's media type, the dataset and the
    most solutions (or triples) the caller takes (None: no cap). `checked_form` is what
    `check_media_type` returned when the caller already called it (a query worker then
    skips that scan of the text); None: not checked yet."""

    sparql: str
    media_type: str
    default_graph_uris: tuple[str, ...] = ()
    named_graph_uris: tuple[str, ...] = ()
    max_rows: int | None = None
    checked_form: str | None = None


# The last text asked about and its form: the service asks about a query's text, then
# the store about the same text object, one right after the other (a scan of a long
# prologue costs up to ~0.01 ms).
_last_form: tuple[str, str | None] = ("", None)


def leading_query_form(sparql: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE when the text starts as nearly every query does
    (comments, BASE and PREFIX declarations, then the form); None when it does not, and
    only a lexer can tell."""
    global _last_form
    text, form = _last_form
    if text is sparql:
        return form
    match = _LEADING_FORM.match(sparql)
    form = match.group(1).upper() if match else None
    _last_form = (sparql, form)
    return form


def check_media_type(sparql: str, media_type: str) -> str | None:
    """Refuse an answer format that cannot encode this query form, before evaluating it.
    Returns the form (SELECT, ASK, CONSTRUCT, DESCRIBE; None when the lexer cannot tell)."""
    form = leading_query_form(sparql) or query_form(sparql)
    if form in ("SELECT", "ASK"):
        results_format(media_type)
    elif form in ("CONSTRUCT", "DESCRIBE"):
        rdf_format(media_type)
    elif not (_known(media_type, RESULTS_MEDIA_TYPES) or _known(media_type, RDF_MEDIA_TYPES)):
        raise UnsupportedMediaType(media_type, (*RESULTS_MEDIA_TYPES, *RDF_MEDIA_TYPES))
    return form


def _known(media_type: str, table: dict[str, Any]) -> bool:
    return media_type.split(";", 1)[0].strip().lower() in table


def _dataset_options(
    sparql: str, default_graph_uris: tuple[str, ...], named_graph_uris: tuple[str, ...]
) -> dict[str, Any]:
    """SPARQL Protocol dataset rules: protocol graphs win over FROM; FROM wins over the
    store's union default graph; otherwise the default graph is the union of all graphs."""
    if default_graph_uris or named_graph_uris:
        return {
            "default_graph": [NamedNode(canonical_iri(iri)) for iri in default_graph_uris],
            "named_graphs": [NamedNode(canonical_iri(iri)) for iri in named_graph_uris],
        }
    if _FROM.search(sparql.lower()) and has_dataset_clause(sparql):
        return {}
    return {"use_default_graph_as_union": True}


def _evaluate(
    store: Store,
    sparql: str,
    default_graph_uris: tuple[str, ...] = (),
    named_graph_uris: tuple[str, ...] = (),
) -> QuerySolutions | QueryBoolean | QueryTriples:
    options = _dataset_options(sparql, default_graph_uris, named_graph_uris)
    try:
        return store.query(sparql, **options)
    except SyntaxError as error:
        raise QuerySyntaxError.from_parser_message(str(error)) from None
    except (OSError, ValueError, RuntimeError) as error:
        raise StoreError(f"query failed: {error}") from None


def _detached(error: ResultTooLarge) -> ResultTooLarge:
    """The same error without the traceback of its raise. That traceback keeps the frames
    that hold the live answer, and the caller may free the error on another thread than
    the one that evaluated: pyoxigraph refuses to free an answer there ("unsendable, but
    is being dropped on another thread"). Raise what this returns outside the `except`
    clause, once the answer is dropped, so that nothing chains back to those frames."""
    return ResultTooLarge(error.max_rows, error.unit)


def run_query(store: Store, request: QueryRequest) -> SerializedResult:
    """Evaluate and serialise in the requested media type."""
    asked = request.checked_form or check_media_type(request.sparql, request.media_type)
    answer = _evaluate(store, request.sparql, request.default_graph_uris, request.named_graph_uris)
    form: QueryForm
    cap = request.max_rows
    too_large = None
    try:
        if isinstance(answer, QuerySolutions):
            form = "SELECT"
            syntax = results_format(request.media_type)
            if cap is None:
                body = answer.serialize(format=syntax)
            else:
                body = capped_solutions(answer, cap, syntax)
        elif isinstance(answer, QueryBoolean):
            form = "ASK"
            body = answer.serialize(format=results_format(request.media_type))
        else:
            # DESCRIBE and CONSTRUCT both answer triples; report the form the text asked.
            form = "DESCRIBE" if asked == "DESCRIBE" else "CONSTRUCT"
            rdf = rdf_format(request.media_type)
            body = answer.serialize(format=rdf) if cap is None else capped_triples(answer, cap, rdf)
    except ResultTooLarge as error:
        too_large = _detached(error)
    except (OSError, ValueError, RuntimeError) as error:
        raise StoreError(f"query failed: {error}") from None
    del answer
    if too_large is not None:
        raise too_large
    media_type = request.media_type.split(";", 1)[0].strip().lower()
    return SerializedResult(form=form, media_type=media_type, body=body or b"")


def run_select(store: Store, sparql: str, max_rows: int | None = None) -> list[dict[str, str]]:
    """SELECT rows as variable -> N-Triples term; unbound variables are left out.
    More than `max_rows` rows raise `ResultTooLarge`."""
    answer = _evaluate(store, sparql)
    if not isinstance(answer, QuerySolutions):
        raise UnsupportedOperation("select() needs a SELECT query")
    variables = [variable.value for variable in answer.variables]
    too_large = None
    try:
        solutions = answer if max_rows is None else take(answer, max_rows, "rows")
        return [
            {name: str(term) for name in variables if (term := solution[name]) is not None}
            for solution in solutions
        ]
    except ResultTooLarge as error:
        too_large = _detached(error)
    except (OSError, ValueError, RuntimeError) as error:
        raise StoreError(f"query failed: {error}") from None
    del answer
    raise too_large


def run_ask(store: Store, sparql: str) -> bool:
    answer = _evaluate(store, sparql)
    if not isinstance(answer, QueryBoolean):
        raise UnsupportedOperation("ask() needs an ASK query")
    return bool(answer)
