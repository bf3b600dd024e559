"""The same minutes as .txt, PDF and DOCX give the same facts (issue #4).

PDF and DOCX copies of corpus documents 000 and 004 are built here the way an author's
word processor would lay them out: paragraphs wrapped at the margin, tab-separated
rows as real tables. Each goes through read → segment → extract; what a user would
check in the graph (meeting date and time, chair, absentees, substitutes, agenda,
decisions, next meeting) must not depend on the format. One test also runs the whole
pipeline into an embedded store."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from beslutsgraf.ingest import extract, read, run, segment
from beslutsgraf.ingest.model import Mentions
from beslutsgraf.ingest.run import Status
from beslutsgraf.ontology import BG
from beslutsgraf.store import EmbeddedStore
from tests.conftest import corpus_file
from tests.ingest.test_read_docx import docx_of_corpus_text
from tests.ingest.test_read_pdf import MinutesPdf

DOCUMENTS = ("000", "004")
FORMATS = ("txt", "pdf", "docx")


def pdf_of_corpus_text(text: str, path: Path) -> Path:
    """An A4 PDF: each line a paragraph that wraps at the margin, each run of
    tab-separated lines one ruled table whose long cells wrap inside the cell."""
    pdf = MinutesPdf(size=8)
    rows: list[list[str]] = []
    for line in [*text.splitlines(), ""]:
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        if rows:
            width = max(len(cells) for cells in rows)
            with pdf.pdf.table(first_row_as_headings=False, text_align="LEFT") as table:
                for cells in rows:
                    row = table.row()
                    for cell in [*cells, *[""] * (width - len(cells))]:
                        row.cell(pdf.fit(cell))
            rows = []
            pdf.pdf.ln(2)
        if line.strip():
            pdf.paragraph(line)
        else:
            pdf.pdf.ln(2)
    return pdf.save(path)


_BUILDERS = {"pdf": pdf_of_corpus_text, "docx": docx_of_corpus_text}


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """(document, format) → file: the corpus .txt and the PDF and DOCX built from it."""
    folder = tmp_path_factory.mktemp("formats")
    files: dict[tuple[str, str], Path] = {}
    for number in DOCUMENTS:
        source = corpus_file(number)
        files[number, "txt"] = source
        text = read(source).text
        for name, build in _BUILDERS.items():
            files[number, name] = build(text, folder / f"{source.stem}.{name}")
    return files


@dataclass(frozen=True)
class Facts:
    """What the minutes say, independent of layout."""

    body: str | None
    date: str | None
    start: str | None
    end: str | None
    chair: str | None
    called: int
    absent: tuple[str, ...]
    substitutions: tuple[tuple[str, str], ...]  # (substitute, substituted)
    agenda: tuple[tuple[int, str], ...]
    decision_types: tuple[tuple[int, tuple[str, ...]], ...]  # item → types, in order
    planned_meetings: tuple[str, ...]


def facts_of(mentions: Mentions) -> Facts:
    meeting, attendance = mentions.meeting, mentions.attendance
    return Facts(
        body=meeting.body,
        date=meeting.date.iso() if meeting.date else None,
        start=meeting.start.iso() if meeting.start else None,
        end=meeting.end.iso() if meeting.end else None,
        chair=attendance.chair.name if attendance.chair else None,
        called=len(attendance.called),
        absent=tuple(sorted(person.name for person in attendance.absent)),
        substitutions=tuple(
            (s.substitute.name, s.substituted.name) for s in attendance.substitutions
        ),
        agenda=tuple((item.number, item.title) for item in mentions.items),
        decision_types=tuple(
            (item.number, tuple(d.decision_type for d in item.decisions))
            for item in mentions.items
            if item.decisions
        ),
        planned_meetings=tuple(sorted(p.date.iso() for p in mentions.planned_meetings)),
    )


@pytest.fixture(scope="module")
def facts(copies: dict[tuple[str, str], Path]) -> dict[tuple[str, str], Facts]:
    return {key: facts_of(extract(segment(read(path)))) for key, path in copies.items()}


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("number", DOCUMENTS)
def test_pdf_and_docx_give_the_facts_of_the_text(
    facts: dict[tuple[str, str], Facts], number: str, fmt: str
) -> None:
    assert facts[number, fmt] == facts[number, "txt"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_sro_meeting_of_6_march_2025(facts: dict[tuple[str, str], Facts], fmt: str) -> None:
    found = facts["000", fmt]
    assert (found.date, found.start, found.end) == ("2025-03-06", "13:30:00", "15:30:00")
    assert found.chair == "Helén Eliasson"
    assert found.absent == (
        "Anna Lärk Ståhlberg",
        "Lars Holmin",
        "Magnus Haggren",
        "Malin Swärd Davidsson",
        "Miguel Odhner",
        "Peter Eriksson",
        "Theres Sahlström",
    )
    assert found.substitutions == (("Helene Nordling", "Magnus Haggren"),)
    assert [number for number, _title in found.agenda] == list(range(1, 11))
    assert found.agenda[5] == (6, "Ny berednings- och beslutsordning för medlen psykisk hälsa")
    assert dict(found.decision_types)[6] == (str(BG.stallerSigBakom),) * 4


@pytest.mark.parametrize("fmt", FORMATS)
def test_steering_group_meeting_of_13_may_2026(
    facts: dict[tuple[str, str], Facts], fmt: str
) -> None:
    found = facts["004", fmt]
    assert found.body is not None and found.body.startswith("Gemensam styrgrupp")
    assert (found.date, found.start, found.end) == ("2026-05-13", "08:00:00", "09:00:00")
    assert len(found.absent) == 6
    assert "Ebba Gierow" in found.absent and "Karin Looström Muth" in found.absent
    assert found.called == 21
    assert "2026-06-25" in found.planned_meetings  # "Nästa möte … 25 juni"


_MEETINGS = """
PREFIX bg: <https://w3id.org/beslutsgraf/def#>
PREFIX dct: <http://purl.org/dc/terms/>
SELECT ?date (COUNT(DISTINCT ?absentee) AS ?absentees) (COUNT(DISTINCT ?attendee) AS ?attendees)
       (COUNT(DISTINCT ?decision) AS ?decisions)
WHERE {
  ?meeting a bg:Meeting ; dct:date ?date ; bg:called [] .
  OPTIONAL { ?meeting bg:absentee ?absentee }
  OPTIONAL { ?meeting bg:attendee ?attendee }
  OPTIONAL { ?decision bg:decidedAt ?meeting }
} GROUP BY ?date
"""


def _number(term: str) -> int:
    return int(term.split('"')[1])


@dataclass(frozen=True)
class Loaded:
    statuses: tuple[Status, ...]
    # meeting date → (absentees, attendees, decisions) of each meeting with a roster
    meetings: dict[str, tuple[int, int, int]]


@pytest.fixture(scope="module")
def loaded(
    copies: dict[tuple[str, str], Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Loaded]:
    """Each format's two documents run through the whole pipeline into their own store."""
    answers: dict[str, Loaded] = {}
    for fmt in FORMATS:
        work = tmp_path_factory.mktemp(f"store-{fmt}")
        store = EmbeddedStore(work / "store")
        try:
            files = [copies[number, fmt] for number in DOCUMENTS]
            summary = run(files, store, quarantine_dir=work / "quarantine")
            rows = store.select(_MEETINGS)
        finally:
            store.close()
        meetings = {
            row["date"].split('"')[1]: (
                _number(row["absentees"]),
                _number(row["attendees"]),
                _number(row["decisions"]),
            )
            for row in rows
        }
        answers[fmt] = Loaded(tuple(o.status for o in summary.outcomes), meetings)
    return answers


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_whole_pipeline_loads_every_format(loaded: dict[str, Loaded], fmt: str) -> None:
    assert loaded[fmt].statuses == (Status.LOADED, Status.LOADED)
    meetings = loaded[fmt].meetings
    assert set(meetings) == {"2025-03-06", "2026-05-13"}
    absentees, attendees, decisions = meetings["2025-03-06"]
    assert absentees == 7 and attendees > 0
    assert decisions >= 4  # item 6 alone has four positions
    assert meetings["2026-05-13"][0] == 6


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_graph_has_the_same_meetings_and_decisions_as_from_the_text(
    loaded: dict[str, Loaded], fmt: str
) -> None:
    assert loaded[fmt].meetings == loaded["txt"].meetings
