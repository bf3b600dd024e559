"""The ten competency queries of docs/queries (`cq*.rq`): they parse on both SPARQL engines we
ship, answer correctly on a hand-written slice of the profile, and answer on the real corpus,
ingested by the pipeline, what the data below states."""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Dataset, Graph
from rdflib.plugins.sparql import prepareQuery
from rdflib.util import from_n3

from beslutsgraf.ontology import BG

REPO_ROOT = Path(__file__).resolve().parents[2]
QUERY_DIR = REPO_ROOT / "docs" / "queries"
MODEL_DOC = REPO_ROOT / "docs" / "model.md"
SAMPLE = Path(__file__).with_name("profile-sample.trig")
# Only the competency queries: the federated example needs a second endpoint
# (tests/docs/test_federated_query.py).
QUERY_FILES = sorted(QUERY_DIR.glob("cq*.rq"))

Row = dict[str, str]
Runner = Callable[[str], list[Row]]


@dataclass(frozen=True)
class Contains:
    """The value contains `text`, ignoring case."""

    text: str


@dataclass(frozen=True)
class Matches:
    """The value matches the regular expression `pattern`, ignoring case."""

    pattern: str


Matcher = str | Contains | Matches


@dataclass(frozen=True)
class Expected:
    """What a query must return: each of `rows` matches some result row, none of
    `absent` matches any, and on the whole corpus there are `corpus_count` rows (none:
    the corpus has no case of the question, and `rows` are the sample's alone)."""

    rows: tuple[Mapping[str, Matcher], ...]
    absent: tuple[Mapping[str, Matcher], ...] = field(default=())
    corpus_count: int | None = None


# SRO's canonical name is ingestion's choice; any of its usual names will do.
SRO = Matches(r"\bSRO\b|samrådsorgan")
IDENTIFYING = "http://www.w3.org/ns/oa#identifying"  # a quote of the decision itself
MARCH_DECISION = Contains("Stöd till genomförande och uppföljning av den nationella strategin")

EXPECTED: dict[str, Expected] = {
    "cq1-sub-agreements.rq": Expected(
        rows=tuple(
            {
                # The corpus writes both "Hälso-" and "Hälsa-"; the version may stay
                # in the title or live only in bg:versionLabel.
                "mainTitle": Matches(r"^Häls[ao]- och sjukvårdsavtal(, SRO 2025-09-01)?$"),
                "versionLabel": "SRO 2025-09-01",
                "subTitle": Contains(part),
                "appliesFrom": "2027-01-01",
            }
            for part in (
                "betalningsansvar vid in- och utskrivning",
                "läkaransvar i kommunal primärvård",
                "psykisk funktionsnedsättning",
                "munhälsa",
            )
        ),
        corpus_count=4,
    ),
    "cq2-validity-history.rq": Expected(
        rows=(
            {
                "title": Contains("samverkan vid in- och utskrivning"),
                "start": "2020-12-01",
                "end": "2024-12-31",
                "decidedOn": "2022-11-24",
                "decidedByName": SRO,
            },
        ),
        # The 2025 sub-agreement on payment for discharge is another agreement.
        absent=({"title": Contains("betalningsansvar")},),
    ),
    "cq3-decisions-by-body-and-year.rq": Expected(
        rows=(
            {
                "meetingDate": "2025-03-06",
                "chairName": "Helén Eliasson",
                "decisionType": str(BG.stallerSigBakom),
                "decisionText": MARCH_DECISION,
            },
            {"date": Contains("2025-01"), "decisionType": str(BG.uppdrag)},
            {"decisionType": str(BG.uppdrag), "decisionText": Contains("senast i juni 2026")},
        ),
        absent=(
            {"decisionType": str(BG.noteringAvInformation)},
            {"decisionType": str(BG.godkannandeAvDagordning)},
            {"decisionType": str(BG.godkannandeAvProtokoll)},
            {"date": Contains("2022")},
        ),
        # Document 001 lists every 2025 position except notings of information.
        corpus_count=19,
    ),
    "cq4-attendance-at-decision.rq": Expected(
        rows=(
            {"name": "Helén Eliasson"},
            {"name": "Marina Johansson", "represents": Contains("Göteborgsregionen")},
            {"name": Contains("Nordling"), "substituteFor": "Magnus Haggren"},
        ),
        # "Frånvaro:" on 2025-03-06; Magnus Haggren is replaced by Helen Nordling.
        absent=tuple(
            {"name": name}
            for name in (
                "Miguel Odhner",
                "Theres Sahlström",
                "Peter Eriksson",
                "Malin Swärd Davidsson",
                "Anna Lärk Ståhlberg",
                "Magnus Haggren",
                "Lars Holmin",
            )
        ),
    ),
    "cq5-open-assignments.rq": Expected(
        rows=(
            {
                "deadline": "2026-06",
                "reportToName": SRO,
                "assigneeName": Contains("hälso- och sjukvårdsutvecklingsdirektör"),
            },
        ),
        # Reported back on 2025-11-13 and 2025-03-06: no longer open on 2026-01-01.
        absent=({"deadline": Contains("2025-11-13")}, {"deadline": Contains("2025-03-06")}),
    ),
    "cq6-roles-of-person.rq": Expected(
        rows=(
            {
                "attestedOn": "2022-04-28",
                "role": str(BG.viceOrdforande),
                "organisationName": Contains("regionstyrelse"),
            },
            {
                "attestedOn": "2022-11-24",
                "role": str(BG.ordforande),
                "organisationName": Contains("regionstyrelse"),
            },
            {"attestedOn": "2022-11-24", "role": str(BG.ordforande), "organisationName": SRO},
            {"attestedOn": "2025-03-06", "role": str(BG.ordforande), "organisationName": SRO},
        ),
        absent=({"attestedOn": "2025-03-06", "role": str(BG.viceOrdforande)},),
    ),
    "cq7-municipalities-of-represented-federation.rq": Expected(
        rows=(
            {"federationName": Contains("Göteborgsregionen"), "kommunkod": "1480"},
            {"kommunkod": "1384"},  # Kungsbacka, in Halland but in Göteborgsregionen
        ),
        absent=({"kommunkod": "1490"},),  # Borås belongs to Boråsregionen
        corpus_count=13,
    ),
    "cq8-decision-evidence.rq": Expected(
        rows=(
            {
                "fileName": "000_f12dfeae8c1ea553.txt",
                "exact": MARCH_DECISION,
                "motivation": IDENTIFYING,
            },
            {
                "fileName": "001_a59513b055e33c85.txt",
                "exact": MARCH_DECISION,
                "motivation": IDENTIFYING,
            },
        ),
        # Reported in the minutes and again in the yearly review: one quote from each.
        corpus_count=2,
    ),
    "cq9-federation-municipalities-of-members-at-meeting.rq": Expected(
        rows=(
            {
                "memberName": "Marina Johansson",
                "present": "true",
                "federationName": Contains("Göteborgsregionen"),
                "kommunkod": "1480",
            },
            # Listed under "Frånvaro" on 2025-03-06: still a member, not present.
            {"memberName": "Miguel Odhner", "present": "false", "kommunkod": "1384"},
        ),
        absent=(
            {"memberName": "Helén Eliasson"},  # represents the region, not a federation
            {"memberName": Contains("Nordling")},  # a substitute, not on the member list
        ),
        # Eight members of the four federations (tests/docs/test_member_federation_query.py).
        corpus_count=100,
    ),
    "cq10-agreement-replacements.rq": Expected(
        rows=(
            {
                "title": Contains("betalningsansvar vid in- och utskrivning"),
                "versionLabel": "SRO 2025-09-01",
                "replacedTitle": Contains("samverkan vid in- och utskrivning"),
            },
        ),
        # The corpus says of no agreement that it replaces another.
        corpus_count=0,
    ),
}


def _matches(matcher: Matcher, value: str) -> bool:
    if isinstance(matcher, Contains):
        return matcher.text.casefold() in value.casefold()
    if isinstance(matcher, Matches):
        return re.search(matcher.pattern, value, re.IGNORECASE) is not None
    return value == matcher


def _row_matches(row: Row, expected: Mapping[str, Matcher]) -> bool:
    return all(var in row and _matches(m, row[var]) for var, m in expected.items())


def _check(name: str, rows: list[Row], *, whole_corpus: bool) -> None:
    expected = EXPECTED[name]
    if whole_corpus and expected.corpus_count == 0:
        # A question the corpus has no case of: its rows are the sample's alone.
        assert rows == [], f"{name}: {len(rows)} rows: {rows}"
        return
    missing = [e for e in expected.rows if not any(_row_matches(r, e) for r in rows)]
    assert missing == [], f"{name}: no row matches {missing}; rows: {rows}"
    unwanted = [r for r in rows for e in expected.absent if _row_matches(r, e)]
    assert unwanted == [], f"{name}: rows that must not be there: {unwanted}"
    if whole_corpus and expected.corpus_count is not None:
        assert len(rows) == expected.corpus_count, f"{name}: {len(rows)} rows: {rows}"


def _check_quotes(rows: list[Row], corpus_dir: Path) -> None:
    """Every quote is exactly the characters between its offsets in the source file."""
    assert rows
    for row in rows:
        # newline="" keeps line endings as they are: offsets count them.
        with (corpus_dir / row["fileName"]).open(encoding="utf-8-sig", newline="") as source:
            text = source.read()
        assert text[int(row["start"]) : int(row["end"])] == row["exact"]


def _query(name: str) -> str:
    return (QUERY_DIR / name).read_text(encoding="utf-8")


# --- the files themselves ---------------------------------------------------------


def test_there_are_ten_queries_one_per_competency_question() -> None:
    assert [p.name for p in QUERY_FILES] == sorted(EXPECTED)
    numbers = sorted(int(p.name[2:].split("-", 1)[0]) for p in QUERY_FILES)
    assert numbers == list(range(1, 11))


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.name)
def test_query_states_its_question_and_parameters(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    number = path.name[2:].split("-", 1)[0]
    assert text.startswith(f"# CQ{number}. "), "first line: the question it answers"
    assert "VALUES" in text and "# Parameter" in text, "example values, and which to bind"


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.name)
def test_query_parses_with_rdflib(path: Path) -> None:
    prepareQuery(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.name)
def test_query_parses_and_runs_with_oxigraph(path: Path) -> None:
    solutions = pyoxigraph.Store().query(path.read_text(encoding="utf-8"))
    assert isinstance(solutions, pyoxigraph.QuerySolutions)
    assert list(solutions) == []


def test_model_doc_points_at_every_query() -> None:
    model = MODEL_DOC.read_text(encoding="utf-8")
    assert [p.name for p in QUERY_FILES if f"queries/{p.name}" not in model] == []


# --- answers on the hand-written profile sample, on both engines ------------------


@pytest.fixture(scope="module")
def rdflib_runner() -> Runner:
    dataset = Dataset()
    with warnings.catch_warnings():
        # rdflib's own TriG parser still goes through its deprecated ConjunctiveGraph.
        warnings.simplefilter("ignore", DeprecationWarning)
        dataset.parse(SAMPLE, format="trig")
        quads = list(dataset.quads())
    # The endpoint's default graph is the union of the named graphs: merge them.
    union = Graph()
    for subject, predicate, obj, _ in quads:
        union.add((subject, predicate, obj))

    def run(query: str) -> list[Row]:
        return [
            {var: str(value) for var, value in row.asdict().items()}  # type: ignore[union-attr]
            for row in union.query(query)
        ]

    return run


@pytest.fixture(scope="module")
def oxigraph_runner() -> Runner:
    store = pyoxigraph.Store()
    store.load(SAMPLE.read_bytes(), format=pyoxigraph.RdfFormat.TRIG)

    def run(query: str) -> list[Row]:
        solutions = store.query(query, use_default_graph_as_union=True)
        assert isinstance(solutions, pyoxigraph.QuerySolutions)
        names = [v.value for v in solutions.variables]
        return [
            {name: solution[name].value for name in names if solution[name] is not None}
            for solution in solutions
        ]

    return run


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_query_answers_on_the_profile_sample(
    request: pytest.FixtureRequest, engine: str, name: str
) -> None:
    runner: Runner = request.getfixturevalue(f"{engine}_runner")
    _check(name, runner(_query(name)), whole_corpus=False)


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_evidence_quotes_are_the_source_characters_on_the_sample(
    request: pytest.FixtureRequest, engine: str, corpus_dir: Path
) -> None:
    runner: Runner = request.getfixturevalue(f"{engine}_runner")
    _check_quotes(runner(_query("cq8-decision-evidence.rq")), corpus_dir)


def test_sample_agrees_between_engines(rdflib_runner: Runner, oxigraph_runner: Runner) -> None:
    for name in sorted(EXPECTED):
        query = _query(name)
        by_rdflib = sorted(sorted(row.items()) for row in rdflib_runner(query))
        by_oxigraph = sorted(sorted(row.items()) for row in oxigraph_runner(query))
        assert by_rdflib == by_oxigraph, name


# --- answers on the real corpus ----------------------------------------------------


@pytest.fixture(scope="module")
def corpus_runner(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runner]:
    # The CLI's own path: open an embedded store, run the pipeline over the corpus.
    from beslutsgraf.ingest.run import run as ingest
    from beslutsgraf.store import open_store

    work = tmp_path_factory.mktemp("corpus")
    store = open_store(work / "store", None)
    ingest([corpus_dir], store, quarantine_dir=work / "quarantine")

    def run(query: str) -> list[Row]:
        # Store.select answers with N-Triples terms; compare lexical values.
        rows = store.select(query)
        return [{var: str(from_n3(term)) for var, term in row.items()} for row in rows]

    yield run
    store.close()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_query_answers_on_the_ingested_corpus(corpus_runner: Runner, name: str) -> None:
    _check(name, corpus_runner(_query(name)), whole_corpus=True)


def test_evidence_quotes_are_the_source_characters_on_the_corpus(
    corpus_runner: Runner, corpus_dir: Path
) -> None:
    _check_quotes(corpus_runner(_query("cq8-decision-evidence.rq")), corpus_dir)


def test_federation_members_are_exactly_the_reference_register(
    corpus_runner: Runner, corpus_dir: Path
) -> None:
    import csv

    register = corpus_dir.parent / "reference" / "vastra-gotaland-kommuner.csv"
    with register.open(encoding="utf-8") as handle:
        expected = {
            r["kommunkod"]
            for r in csv.DictReader(handle)
            if r["kommunalforbund"] == "Göteborgsregionen"
        }
    rows = corpus_runner(_query("cq7-municipalities-of-represented-federation.rq"))
    assert {row["kommunkod"] for row in rows} == expected
