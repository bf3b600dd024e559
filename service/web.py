"""The pages people use in a browser: `/` (search and what the graph holds) and
`/sparql-editor` (a SPARQL editor), with their CSS, JavaScript and example queries
served from `service/static/` under `/static/`.

Everything is served by this service: no CDN, no web fonts, no build step. The pages
are rendered here with every value from the graph or the request escaped; the small
scripts (`search.js`, `editor.js`) call the public `/api/...` and `/sparql` endpoints,
so the pages show nothing a client could not ask for itself. A Content-Security-Policy
header keeps the pages from loading anything from elsewhere.

The example queries are the `.rq` files in `service/static/`: the competency queries
are copies of `docs/queries/*.rq` (tests/web checks they stay the same), the `about-`
ones are the editor's own. Each is listed by its opening comment.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Annotated, Final

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from beslutsgraf.ontology import BG
from beslutsgraf.service.http_errors import NotFound, ServiceError
from beslutsgraf.service.ld_formats import PREFIXES
from beslutsgraf.service.ld_terms import row_int, row_iri
from beslutsgraf.service.state import get_settings, run_select, run_store_work
from beslutsgraf.store.errors import StoreError

__all__ = [
    "EDITOR_PATH",
    "ExampleQuery",
    "GraphCounts",
    "example_queries",
    "html_page",
    "page_layout",
    "web_router",
]

EDITOR_PATH: Final = "/sparql-editor"

# Pages only ever load what this service serves; the editor's JSON config is data.
_CSP: Final = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
_PAGE_HEADERS: Final = {
    "Content-Security-Policy": _CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
_STATIC_TYPES: Final = {
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".rq": "application/sparql-query; charset=utf-8",
    ".svg": "image/svg+xml",
}
# The profile's prefixes and the W3C basics; the service-description ones are left out.
_EDITOR_PREFIXES: Final = tuple(name for name in PREFIXES if name not in ("void", "dcat", "sd"))

_DEFAULT_QUERY: Final = """\
# The twenty most recent decisions. Ctrl+Enter runs the query.
SELECT ?decision ?date ?text
WHERE {
  ?decision a bg:Decision ;
            dct:date ?date ;
            bg:decisionText ?text .
}
ORDER BY DESC(?date) ?decision
LIMIT 20
"""

# What the home page counts: (class, what to call them), in the order shown.
_COUNTED: Final = (
    (str(BG.Decision), "decisions"),
    (str(BG.Meeting), "meetings"),
    ("http://xmlns.com/foaf/0.1/Person", "people"),
    ("http://www.w3.org/ns/org#Organization", "organisations"),
    (str(BG.Agreement), "agreements"),
    (str(BG.Assignment), "assignments"),
    (str(BG.SourceDocument), "source documents"),
)
_COUNT_QUERY: Final = (
    "SELECT ?class (COUNT(DISTINCT ?resource) AS ?count)\nWHERE {\n  VALUES ?class { "
    + " ".join(f"<{iri}>" for iri, _name in _COUNTED)
    + " }\n  ?resource a ?class .\n}\nGROUP BY ?class\n"
)


# -- static files and examples ---------------------------------------------------------


def _static_dir() -> Traversable:
    return resources.files("beslutsgraf.service") / "static"


@cache
def _static_names() -> frozenset[str]:
    return frozenset(
        entry.name
        for entry in _static_dir().iterdir()
        if entry.is_file() and any(entry.name.endswith(suffix) for suffix in _STATIC_TYPES)
    )


@dataclass(frozen=True)
class ExampleQuery:
    """An example of the editor: its file under `/static/` and its opening comment."""

    file_name: str
    title: str


def _first_comment(text: str) -> str:
    """The query's opening comment up to its first blank comment line, as one line."""
    words: list[str] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        content = line.lstrip("#").strip()
        if not content:
            break
        words.append(content)
    return " ".join(words)


@cache
def example_queries() -> tuple[ExampleQuery, ...]:
    """The editor's examples, `about-` ones first, then the competency queries."""
    examples = []
    for name in sorted(name for name in _static_names() if name.endswith(".rq")):
        text = (_static_dir() / name).read_text(encoding="utf-8")
        examples.append(ExampleQuery(name, _first_comment(text) or name))
    return tuple(examples)


def static_file(
    name: Annotated[str, Path(description="A file of service/static.")],
) -> Response:
    """A stylesheet, script or example query of the pages."""
    if name not in _static_names():
        raise NotFound(f"there is no static file {name!r}")
    suffix = name[name.rindex(".") :]
    return Response(
        (_static_dir() / name).read_bytes(),
        media_type=_STATIC_TYPES[suffix],
        headers={"Cache-Control": "public, max-age=300", "X-Content-Type-Options": "nosniff"},
    )


# -- layout ------------------------------------------------------------------------------

_NAVIGATION: Final = (
    ("/", "Search"),
    (EDITOR_PATH, "SPARQL editor"),
    ("/docs", "API docs"),
    ("/dump.nq", "Dump"),
)


def page_layout(current: str, title: str, main: str, scripts: tuple[str, ...] = ()) -> str:
    current_mark = ' aria-current="page"'
    links = "".join(
        f'<li><a href="{href}"{current_mark if href == current else ""}>{text}</a></li>'
        for href, text in _NAVIGATION
    )
    script_tags = "".join(f'<script src="/static/{name}" defer></script>' for name in scripts)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title>"
        '<link rel="icon" href="data:,">'
        '<link rel="stylesheet" href="/static/site.css">'
        '<link rel="alternate" type="text/turtle" href="/.well-known/void" title="VoID">'
        f"{script_tags}</head><body>"
        '<a class="skip" href="#main">Skip to content</a>'
        '<header class="site"><a class="brand" href="/">beslutsgraf</a>'
        f'<nav aria-label="Site"><ul>{links}</ul></nav></header>'
        f'<main id="main">{main}</main>'
        '<footer class="site"><p>Decisions, meetings, people and agreements from the '
        'minutes of Swedish public bodies. <a href="/.well-known/void">Dataset description'
        '</a> · <a href="/sparql">SPARQL endpoint</a> · <a href="/openapi.json">OpenAPI</a>'
        "</p></footer></body></html>\n"
    )


def html_page(body: str) -> HTMLResponse:
    return HTMLResponse(body, headers=_PAGE_HEADERS)


# -- home --------------------------------------------------------------------------------


@dataclass(frozen=True)
class GraphCounts:
    """What the home page says the graph holds."""

    per_class: tuple[tuple[str, int], ...]  # (what to call them, how many), as _COUNTED
    triples: int
    named_graphs: int


def _graph_counts(request: Request) -> GraphCounts | None:
    """The counts, or None when the store cannot say (busy, timed out, unreachable)."""
    try:
        rows = run_select(request, _COUNT_QUERY)
        per_graph = run_store_work(request, lambda store: store.triple_counts())
    except (ServiceError, StoreError):
        return None
    by_class = {row_iri(row, "class"): row_int(row, "count") or 0 for row in rows}
    return GraphCounts(
        per_class=tuple((name, by_class.get(iri, 0)) for iri, name in _COUNTED),
        triples=sum(per_graph.values()),
        named_graphs=sum(1 for name in per_graph if name),
    )


def _counts_panel(counts: GraphCounts | None) -> str:
    if counts is None:
        body = "<p>The store did not answer in time; the counts are not available now.</p>"
    else:
        items = "".join(
            f'<div><dt>{escape(name)}</dt><dd data-count="{escape(name)}">{number:,}</dd></div>'
            for name, number in counts.per_class
        )
        graphs = "named graph" if counts.named_graphs == 1 else "named graphs"
        body = (
            f'<dl class="counts">{items}</dl>'
            f"<p>{counts.triples:,} triples in {counts.named_graphs:,} {graphs}: one per "
            "source document, plus the reference registers and the vocabulary. "
            '<a href="/.well-known/void">Dataset description (VoID)</a></p>'
        )
    return (
        '<section class="panel" aria-labelledby="counts-heading">'
        f'<h2 id="counts-heading">What is in the graph</h2>{body}</section>'
    )


def home(
    request: Request,
    q: Annotated[str | None, Query(description="A search to run when the page opens.")] = None,
) -> HTMLResponse:
    """The home page: search, what the graph holds, and the ways to use it."""
    search = (
        '<section class="search" aria-labelledby="search-heading">'
        '<h2 id="search-heading">Search</h2>'
        '<form id="search-form" role="search" action="/" method="get">'
        '<label for="search-q">People, organisations, decisions and agreements</label>'
        '<div class="field"><input id="search-q" name="q" type="search" autocomplete="off" '
        f'spellcheck="false" maxlength="200" value="{escape((q or "")[:200])}" '
        'aria-describedby="search-hint">'
        '<button type="submit">Search</button></div>'
        '<p id="search-hint" class="hint">A part of a name, title or decision text; case '
        "and accents are ignored (<kbd>helen</kbd> finds Helén).</p></form>"
        '<p id="search-status" class="status" role="status" aria-live="polite"></p>'
        '<div id="search-results"></div>'
        "<noscript><p>Searching needs JavaScript. Without it, ask the API: "
        '<a href="/api/persons?name=eliasson">/api/persons?name=…</a>, '
        '<a href="/api/organisations?q=region">/api/organisations?q=…</a>, '
        '<a href="/api/decisions?q=strategi">/api/decisions?q=…</a>, '
        '<a href="/api/agreements?q=avtal">/api/agreements?q=…</a>.</p></noscript>'
        "</section>"
    )
    use = (
        '<section class="panel" aria-labelledby="use-heading">'
        '<h2 id="use-heading">Use the data</h2><ul class="uses">'
        f'<li><a href="{EDITOR_PATH}">SPARQL editor</a>: ask the graph anything, with '
        "example queries to start from.</li>"
        '<li><a href="/docs">REST API</a>: decisions, people, organisations, agreements '
        "and assignments as JSON (OpenAPI documented).</li>"
        '<li><a href="/sparql">SPARQL endpoint</a> <code>/sparql</code>: the SPARQL 1.1 '
        "Protocol, for programs.</li>"
        '<li><a href="/dump.nq" download>Download everything</a> as N-Quads, one named '
        "graph per source document.</li></ul></section>"
    )
    main = (
        '<div class="intro"><h1>beslutsgraf</h1><p class="lead">Decisions, meetings, '
        "people and agreements from the minutes of Swedish public bodies, as a linked-data "
        "graph in which every statement points to the sentence it comes from.</p></div>"
        f'{search}<div class="panels">{_counts_panel(_graph_counts(request))}{use}</div>'
    )
    return html_page(page_layout("/", "beslutsgraf", main, ("search.js",)))


# -- SPARQL editor -------------------------------------------------------------------------


def _prefix_block(instance_base: str) -> str:
    namespaces = {**PREFIXES, "id": instance_base}
    return "".join(f"PREFIX {name}: <{namespaces[name]}>\n" for name in _EDITOR_PREFIXES)


def _json_for_script(value: Mapping[str, object]) -> str:
    """JSON that cannot end the `<script>` element it sits in."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_RESULT_FORMATS: Final = (
    ("auto", "Table (SELECT, ASK) or Turtle (CONSTRUCT, DESCRIBE)"),
    ("application/sparql-results+json", "SPARQL results JSON"),
    ("application/sparql-results+xml", "SPARQL results XML"),
    ("text/csv", "CSV"),
    ("text/tab-separated-values", "TSV"),
    ("text/turtle", "Turtle"),
    ("application/n-triples", "N-Triples"),
    ("application/ld+json", "JSON-LD"),
    ("application/rdf+xml", "RDF/XML"),
)


def sparql_editor(
    request: Request,
    query: Annotated[
        str | None,
        Query(description="A query to open in the editor."),
    ] = None,
) -> HTMLResponse:
    """A SPARQL editor: the profile's prefixes filled in, example queries to load, and
    the answers of `/sparql` as a table (SELECT), yes/no (ASK) or text."""
    settings = get_settings(request)
    prefixes = _prefix_block(settings.instance_base)
    text = query if query is not None else prefixes + "\n" + _DEFAULT_QUERY
    config = {
        "instanceBase": settings.instance_base,
        "prefixes": {**PREFIXES, "id": settings.instance_base},
        "prefixBlock": prefixes,
        "defaultQuery": prefixes + "\n" + _DEFAULT_QUERY,
    }
    examples = "".join(
        f'<option value="{escape(example.file_name)}">{escape(example.title)}</option>'
        for example in example_queries()
    )
    formats = "".join(
        f'<option value="{escape(value)}">{escape(label)}</option>'
        for value, label in _RESULT_FORMATS
    )
    main = (
        "<h1>SPARQL editor</h1>"
        f'<p class="lead">Query the graph with SPARQL 1.1. Queries run on <a href="/sparql">'
        f"<code>/sparql</code></a> with a {settings.query_timeout_s:g}-second time limit; "
        "the default graph is the union of all named graphs.</p>"
        '<form id="example-form" class="examples" action="#">'
        '<label for="example">Example query</label>'
        f'<div class="field"><select id="example">{examples}</select>'
        '<button type="submit" id="load-example">Load example</button></div></form>'
        f'<form id="query-form" method="get" action="{EDITOR_PATH}">'
        '<label for="query">Query</label>'
        '<textarea id="query" name="query" rows="30" spellcheck="false" autocapitalize="off" '
        f'autocomplete="off" aria-describedby="query-hint">\n{escape(text)}</textarea>'
        '<p id="query-hint" class="hint">Press <kbd>Ctrl</kbd>+<kbd>Enter</kbd> to run. '
        "Results link IRIs of this graph to their pages.</p>"
        '<div class="controls"><label for="format">Result format</label>'
        f'<select id="format">{formats}</select>'
        '<button type="submit" id="run" class="primary">Run query</button>'
        '<button type="button" id="reset">Start over</button></div></form>'
        '<p id="query-status" class="status" role="status" aria-live="polite"></p>'
        '<div id="query-error" role="alert"></div>'
        '<section id="query-results" aria-label="Results" tabindex="-1"></section>'
        "<noscript><p>The editor needs JavaScript to run queries. Without it, send the "
        "query to <code>/sparql</code> with <code>GET /sparql?query=…</code>.</p></noscript>"
        f'<script type="application/json" id="editor-config">{_json_for_script(config)}</script>'
    )
    return html_page(page_layout(EDITOR_PATH, "SPARQL editor · beslutsgraf", main, ("editor.js",)))


# -- router ------------------------------------------------------------------------------


def web_router() -> APIRouter:
    """`/`, `/sparql-editor` and `/static/{name}`; left out of the OpenAPI document."""
    router = APIRouter(include_in_schema=False)
    routes: tuple[tuple[str, Callable[..., Response]], ...] = (
        ("/", home),
        (EDITOR_PATH, sparql_editor),
        ("/static/{name}", static_file),
    )
    for path, endpoint in routes:
        router.add_api_route(path, endpoint, methods=["GET", "HEAD"], response_class=Response)
    return router
