"""The shapes against example graphs: valid ones conform, invalid ones fail exactly as declared.

Every example file starts with comment lines that say what it exercises and
what the validator must report, so a reader sees the expectation next to the data:

    # shape: bgsh:DecisionShape [bgsh:… …]
    # expect: <focus node> <path, ^path for an inverse path, or none> Violation|Warning|Info

Prefixed names in these lines use the file's own @prefix declarations (and
`bgsh:` for shapes). The validator must report exactly the expected set of
(focus node, path, severity): no result missing, none extra. Valid examples
conform (no violation) and list the warnings they are expected to raise.
Invalid examples are graphs the named shape objects to: with violations, or,
for a review shape whose checks are all warnings, with warnings only.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph, Node, URIRef
from rdflib.namespace import RDF, SH

from beslutsgraf.ontology import OA
from beslutsgraf.shapes import ShapeReport, ShapeResult, load_shapes, validate_graph

EXAMPLES_DIR = Path(__file__).resolve().parent
SHAPES_NS = "https://w3id.org/beslutsgraf/shapes#"
_PREFIX_DECLARATION = re.compile(r"^@prefix\s+([\w-]*):\s*<([^>]*)>", re.MULTILINE)
SEVERITIES = {"Violation": SH.Violation, "Warning": SH.Warning, "Info": SH.Info}

# (focus node, path as text or None, severity)
Expectation = tuple[str, str | None, URIRef]


@dataclass(frozen=True)
class Example:
    path: Path
    valid: bool
    shapes: frozenset[URIRef]
    expected: frozenset[Expectation]
    graph: Graph

    @property
    def name(self) -> str:
        return f"{self.path.parent.name}/{self.path.name}"


def _expand(token: str, prefixes: dict[str, str]) -> str:
    """A full IRI from `<iri>` or `prefix:local` (local names may hold "/", unlike Turtle's)."""
    if token.startswith("<") and token.endswith(">"):
        return token[1:-1]
    prefix, sep, local = token.partition(":")
    if not sep or prefix not in prefixes:
        raise ValueError(f"cannot expand {token!r}: unknown prefix")
    return prefixes[prefix] + local


def _load_example(path: Path) -> Example:
    graph = Graph()
    graph.parse(path, format="turtle")
    text = path.read_text(encoding="utf-8")
    # The file's own declarations: rdflib renames a prefix that clashes with its
    # defaults (schema: is https://schema.org/ there), so graph.namespaces() won't do.
    prefixes = dict(_PREFIX_DECLARATION.findall(text))
    prefixes["bgsh"] = SHAPES_NS
    shapes: set[URIRef] = set()
    expected: set[Expectation] = set()
    for line in text.splitlines():
        if line.startswith("# shape:"):
            shapes.update(URIRef(_expand(t, prefixes)) for t in line.split(":", 1)[1].split())
        elif line.startswith("# expect:"):
            focus, result_path, severity = line.split(":", 1)[1].split()
            if result_path == "none":
                path_text = None
            elif result_path.startswith("^"):
                path_text = "^" + _expand(result_path[1:], prefixes)
            else:
                path_text = _expand(result_path, prefixes)
            expected.add((_expand(focus, prefixes), path_text, SEVERITIES[severity]))
    return Example(
        path=path,
        valid=path.parent.name == "valid",
        shapes=frozenset(shapes),
        expected=frozenset(expected),
        graph=graph,
    )


@cache
def examples() -> tuple[Example, ...]:
    paths = sorted((EXAMPLES_DIR / "valid").glob("*.ttl")) + sorted(
        (EXAMPLES_DIR / "invalid").glob("*.ttl")
    )
    return tuple(_load_example(path) for path in paths)


def _path_text(result: ShapeResult, report: ShapeReport) -> str | None:
    if result.path is None:
        return None
    inverse = report.report_graph.value(result.path, SH.inversePath)
    if inverse is not None:
        return f"^{inverse}"
    return str(result.path)


def _actual(report: ShapeReport) -> set[Expectation]:
    return {(str(r.focus_node), _path_text(r, report), r.severity) for r in report.results}


def _owner_shapes(source_shape: Node | None, shapes_graph: Graph) -> set[Node]:
    """The node shapes a result's source shape belongs to (itself, or via sh:property)."""
    if source_shape is None:
        return set()
    return {source_shape, *shapes_graph.subjects(SH.property, source_shape)}


def _describe(report: ShapeReport) -> str:
    return "\n".join(report.lines()) or "(no results)"


def _targeted_node_shapes(shapes_graph: Graph) -> set[Node]:
    """Node shapes with a target: by class, or by a SPARQL target (SHACL-AF)."""
    return set(shapes_graph.subjects(SH.targetClass, None)) | set(
        shapes_graph.subjects(SH.target, None)
    )


@pytest.mark.parametrize("example", examples(), ids=lambda e: e.name)
def test_example_reports_exactly_the_expected_results(example: Example) -> None:
    report = validate_graph(example.graph)
    actual = _actual(report)
    missing = example.expected - actual
    unexpected = actual - example.expected
    assert not missing and not unexpected, (
        f"{example.name}\nmissing: {sorted(map(str, missing))}\n"
        f"unexpected: {sorted(map(str, unexpected))}\nreport:\n{_describe(report)}"
    )
    expects_violations = any(severity == SH.Violation for _, _, severity in example.expected)
    if example.valid:
        assert not expects_violations, "a valid example cannot expect violations"
        assert report.conforms, _describe(report)
    else:
        assert example.expected, "an invalid example must expect at least one result"
        assert report.conforms is not expects_violations, _describe(report)


@pytest.mark.parametrize("example", examples(), ids=lambda e: e.name)
def test_example_exercises_the_shapes_it_names(example: Example) -> None:
    shapes_graph = load_shapes()
    assert example.shapes, f"{example.name} has no '# shape:' line"
    for shape in example.shapes:
        assert shape in _targeted_node_shapes(shapes_graph), (
            f"{example.name}: {shape} is not a node shape with a target"
        )
        # A SPARQL target selects only offending nodes, so a valid graph has none.
        target_class = shapes_graph.value(shape, SH.targetClass)
        if target_class is not None:
            assert (None, RDF.type, target_class) in example.graph, (
                f"{example.name} names {shape} but holds no {target_class}"
            )
    if example.valid:
        return
    # The failures of an invalid example must come from the shape it is about, so
    # the example cannot pass because some other shape happens to fire.
    assert len(example.shapes) == 1, "an invalid example is about exactly one shape"
    report = validate_graph(example.graph)
    if report.violations:
        for result in report.violations:
            assert example.shapes & _owner_shapes(result.source_shape, shapes_graph), (
                f"{example.name}: violation from another shape: {result}"
            )
    else:  # a review shape: its objections are warnings
        assert any(
            example.shapes & _owner_shapes(r.source_shape, shapes_graph) for r in report.warnings
        ), f"{example.name}: no result from {sorted(example.shapes)}"


def test_there_are_examples() -> None:
    counts = Counter(example.valid for example in examples())
    assert counts[True] > 0
    assert counts[False] > 0


def test_every_node_shape_has_one_valid_and_two_invalid_examples() -> None:
    shapes_graph = load_shapes()
    node_shapes = _targeted_node_shapes(shapes_graph)
    assert len(node_shapes) >= 20, "fewer targeted node shapes than classes in the profile"
    valid = Counter(shape for e in examples() if e.valid for shape in e.shapes)
    invalid = Counter(shape for e in examples() if not e.valid for shape in e.shapes)
    lacking = sorted(
        f"{shape} (valid {valid[shape]}, invalid {invalid[shape]})"
        for shape in node_shapes
        if valid[shape] < 1 or invalid[shape] < 2
    )
    assert not lacking, "shapes without enough examples:\n" + "\n".join(lacking)


def _source_texts(*folders: Path) -> dict[str, str]:
    """Source document IRI (per the profile: sha256 prefix of the bytes) → decoded text."""
    texts = {}
    for folder in folders:
        for path in folder.glob("*.txt"):
            raw = path.read_bytes()
            iri = f"https://w3id.org/beslutsgraf/id/source/{hashlib.sha256(raw).hexdigest()[:16]}"
            texts[iri] = raw.decode("utf-8-sig")
    return texts


def test_valid_examples_quote_the_real_documents(corpus_dir: Path, samples_dir: Path) -> None:
    # The shapes only compare lengths; here the examples' evidence must also be the
    # exact characters of the corpus, as ingestion's validate stage requires.
    texts = _source_texts(corpus_dir, samples_dir)
    checked = 0
    for example in (e for e in examples() if e.valid):
        graph = example.graph
        for target, source in graph.subject_objects(OA.hasSource):
            if str(source) not in texts:
                continue
            selectors = list(graph.objects(target, OA.hasSelector))
            starts = [graph.value(s, OA.start) for s in selectors]
            ends = [graph.value(s, OA.end) for s in selectors]
            quotes = [graph.value(s, OA.exact) for s in selectors]
            start = next(int(v) for v in starts if v is not None)
            end = next(int(v) for v in ends if v is not None)
            quote = next(str(v) for v in quotes if v is not None)
            assert texts[str(source)][start:end] == quote, f"{example.name}: {quote!r}"
            checked += 1
    assert checked > 0, "no example quotes a corpus or sample document"
