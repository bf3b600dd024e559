"""The HTML representation of a resource page: label, types, properties (linking to
other `/id/` pages), the evidence quotes, and the links to it. Every text that comes
from the graph goes through `html.escape`."""

from __future__ import annotations

from collections import defaultdict
from html import escape
from typing import Final

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from beslutsgraf.ontology import OA
from beslutsgraf.service.api_links import page_of
from beslutsgraf.service.ld_description import MAX_INCOMING, Description
from beslutsgraf.service.ld_formats import RDF_FORMATS, bind_namespaces

__all__ = ["render_page"]

_STYLE: Final = """
body{font-family:system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;
line-height:1.45;color:#1b1b1b}
h1{margin-bottom:.2rem}.iri{color:#555;word-break:break-all}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;
padding:.3rem .5rem;border-bottom:1px solid #ddd}th{width:14rem;font-weight:600}
td ul{margin:0;padding-left:1rem}table.nested{margin:.2rem 0;background:#f7f7f7}
blockquote{margin:.5rem 0;padding:.4rem .8rem;border-left:4px solid #2a6ebb;
background:#f3f7fc}small{color:#666}nav.formats{margin-top:1.5rem}nav.formats a{margin-right:.6rem}
header{display:flex;gap:1.2rem;padding-bottom:.5rem;border-bottom:1px solid #ddd}
header a:first-child{font-weight:700}
"""


class _Page:
    """Renders one description; holds what every helper needs."""

    def __init__(self, description: Description, base: str) -> None:
        self.description = description
        self.base = base
        self.about = description.about
        self.namespaces = Graph()
        bind_namespaces(self.namespaces)

    # -- terms --------------------------------------------------------------------------

    def curie(self, iri: str) -> str:
        try:
            return self.namespaces.namespace_manager.normalizeUri(URIRef(iri)).strip("<>")
        except Exception:  # rdflib refuses some IRIs as names; show them whole
            return iri

    def label(self, iri: str) -> str:
        known = self.description.labels.get(iri)
        if known:
            return known
        if iri.startswith(self.base):
            return iri[len(self.base) :]  # e.g. meeting/sro/2025-03-06
        return self.curie(iri)

    def link(self, iri: str, text: str | None = None) -> str:
        href = page_of(iri, self.base) or iri
        return f'<a href="{escape(href)}">{escape(text or self.label(iri))}</a>'

    def literal(self, value: Literal) -> str:
        shown = escape(str(value))
        if value.language:
            return f"{shown} <small>@{escape(value.language)}</small>"
        if value.datatype is not None and not str(value.datatype).endswith("#string"):
            return f"{shown} <small>{escape(self.curie(str(value.datatype)))}</small>"
        return shown

    def value(self, node: Node, depth: int = 0) -> str:
        if isinstance(node, URIRef):
            return self.link(str(node))
        if isinstance(node, Literal):
            return self.literal(node)
        if isinstance(node, BNode) and depth < 2:
            return self.properties_table(node, depth + 1, css="nested")
        return "<small>(blank node)</small>"

    # -- sections -----------------------------------------------------------------------

    def properties_table(self, subject: Node, depth: int = 0, css: str = "") -> str:
        by_predicate: dict[str, list[Node]] = defaultdict(list)
        for _s, property_node, obj, _g in self.about.quads((subject, None, None, None)):
            if obj not in by_predicate[str(property_node)]:
                by_predicate[str(property_node)].append(obj)
        rows = []
        for predicate in sorted(by_predicate, key=self.curie):
            if depth == 0 and predicate == str(RDF.type):
                continue  # shown under the heading
            values = sorted(by_predicate[predicate], key=str)
            cells = "".join(f"<li>{self.value(obj, depth)}</li>" for obj in values)
            rows.append(
                f"<tr><th>{self.link(predicate, self.curie(predicate))}</th>"
                f"<td><ul>{cells}</ul></td></tr>"
            )
        css_attribute = f' class="{css}"' if css else ""
        return f"<table{css_attribute}>{''.join(rows)}</table>"

    def evidence(self) -> str:
        """Each annotation whose body is the resource: the quote and where it is."""
        resource = URIRef(self.description.iri)
        items = []
        annotations = {a for a, _p, _o, _g in self.about.quads((None, OA.hasBody, resource, None))}
        for annotation in sorted(annotations, key=str):
            for _a, _p, target, _g in self.about.quads((annotation, OA.hasTarget, None, None)):
                items.append(self._quote(target))
        if not items:
            return ""
        return "<h2>Evidence</h2>" + "".join(items)

    def _quote(self, target: Node) -> str:
        sources = [o for _s, _p, o, _g in self.about.quads((target, OA.hasSource, None, None))]
        exact, start, end = "", "", ""
        for _t, _p, selector, _g in self.about.quads((target, OA.hasSelector, None, None)):
            for _s, predicate, obj, _g2 in self.about.quads((selector, None, None, None)):
                if predicate == OA.exact:
                    exact = str(obj)
                elif predicate == OA.start:
                    start = str(obj)
                elif predicate == OA.end:
                    end = str(obj)
        where = ", ".join(self.link(str(source)) for source in sources)
        span = f", characters {escape(start)}–{escape(end)}" if start else ""
        return f"<blockquote>{escape(exact)}</blockquote><p><small>{where}{span}</small></p>"

    def incoming(self) -> str:
        """What links here, named; anonymous nodes (evidence targets quoting a source
        document) are only counted: the RDF formats carry them."""
        resource = URIRef(self.description.iri)
        rows: set[tuple[str, str, str, str]] = set()
        anonymous: set[str] = set()
        for subject, predicate, _o, _g in self.description.incoming.quads(
            (None, None, resource, None)
        ):
            if predicate == OA.hasBody:
                continue  # evidence is shown as quotes above
            if isinstance(subject, URIRef):
                name = self.curie(str(predicate))
                rows.add((name, self.label(str(subject)), str(subject), str(predicate)))
            else:
                anonymous.add(str(subject))
        if not rows and not anonymous:
            return ""
        body = "".join(
            f"<tr><td>{self.link(subject, label)}</td><td>{self.link(predicate, name)}</td></tr>"
            for name, label, subject, predicate in sorted(rows)
        )
        notes = []
        if anonymous:
            notes.append(f"{len(anonymous)} anonymous nodes (such as evidence targets) link here.")
        if self.description.incoming_truncated:
            notes.append(f"Showing the first {MAX_INCOMING} links; query /sparql for all.")
        more = "".join(f"<p><small>{escape(note)}</small></p>" for note in notes)
        return f"<h2>Links to this resource</h2><table>{body}</table>{more}"

    def render(self) -> str:
        iri = self.description.iri
        resource = URIRef(iri)
        title = self.label(iri)
        types = sorted(
            {str(o) for _s, _p, o, _g in self.about.quads((resource, RDF.type, None, None))},
            key=self.curie,
        )
        type_html = ", ".join(self.link(t, self.curie(t)) for t in types)
        formats = "".join(
            f'<a href="?format={fmt.name}" type="{fmt.media_type}">{fmt.name}</a>'
            for fmt in RDF_FORMATS
        )
        alternates = "".join(
            f'<link rel="alternate" type="{fmt.media_type}" href="?format={fmt.name}">'
            for fmt in RDF_FORMATS
        )
        return (
            "<!DOCTYPE html>\n"
            f'<html lang="sv"><head><meta charset="utf-8"><title>{escape(title)} · beslutsgraf'
            f'</title><meta name="viewport" content="width=device-width">{alternates}'
            f"<style>{_STYLE}</style></head><body>"
            '<header><a href="/">beslutsgraf</a><a href="/sparql-editor">SPARQL editor</a>'
            "</header><main>"
            f"<h1>{escape(title)}</h1>"
            f'<p class="iri"><code>{escape(iri)}</code></p>'
            + (f"<p>Type: {type_html}</p>" if type_html else "")
            + f"<h2>Properties</h2>{self.properties_table(resource)}"
            + self.evidence()
            + self.incoming()
            + f'<nav class="formats"><small>Also as:</small> {formats}</nav>'
            "</main></body></html>\n"
        )


def render_page(description: Description, base: str) -> str:
    """The HTML page of one resource."""
    return _Page(description, base).render()
