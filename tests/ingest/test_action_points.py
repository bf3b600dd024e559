"""Action points of minutes ("Åtgärd: Jeanette Sjöstrand återkommer med en delrapport till
mötet i juni.") are the group's assignments: a decision of type uppdrag whose assignee is
the one the point names first (else the item's "Ansvarig:"), the rest of the point its task,
and its deadline a date, or a meeting ("till nästa möte") dated by the minutes."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.document import Document as DocxDocument

from beslutsgraf.ingest.known import literal_value

from .conftest import loaded_store

MINUTES = (
    """Minnesanteckningar
Styrgruppen för vårdsamverkan
Datum: 2024-03-14
Tid: 13.00–15.00
Plats: Digitalt via Teams

Närvarande: Anna Lind, Lerums kommun (ordförande), Jeanette Sjöstrand, """
    """Västra Götalandsregionen, Sara Blom, Alingsås kommun
Sekreterare: Jonas Berg

1. Mötets öppnande
Ordföranden öppnade mötet och hälsade alla välkomna.

2. Uppföljning av utskrivningsprocessen
Jeanette Sjöstrand redogjorde för läget i uppföljningen av utskrivningsprocessen.
Åtgärd: Jeanette Sjöstrand återkommer med en delrapport till mötet i juni.

3. Kommunikation
Sara Blom informerade om arbetet med den gemensamma webbplatsen.
Åtgärder:
- Sara Blom tar fram ett förslag till nyhetsbrev till nästa möte.
- Förvaltningen sammanställer frågorna från kommunerna senast den 30 april 2024.

4. Primärvårdens tillgänglighet
Anna Lind informerade om den nya mätningen.
Ansvarig: Närhälsan
Att göra: ta fram en jämförelse mellan vårdcentralerna.

5. Nästa möte
Nästa möte äger rum den 18 april 2024 kl. 13.00.
"""
)
BG = "<https://w3id.org/beslutsgraf/def#"
PREFIXES = (
    "PREFIX bg: <https://w3id.org/beslutsgraf/def#> "
    "PREFIX dcterms: <http://purl.org/dc/terms/> "
    "PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
    "PREFIX oa: <http://www.w3.org/ns/oa#> "
)


def test_action_points_are_the_groups_assignments(tmp_path: Path) -> None:
    path = tmp_path / "styrgrupp_minnesanteckningar_2024-03-14.txt"
    path.write_text(MINUTES, encoding="utf-8")
    with loaded_store(tmp_path, path) as store:
        rows = store.select(
            PREFIXES + "SELECT ?n ?who ?task ?deadline ?exact WHERE { "
            "?i bg:itemNumber ?n ; bg:hasDecision ?d . "
            "?d bg:decisionType bg:uppdrag ; bg:assignment ?a . "
            "?a bg:task ?task ; bg:assignee ?p . "
            "{ ?p foaf:name ?who } UNION { ?p skos:prefLabel ?who } "
            "OPTIONAL { ?a bg:deadline ?deadline } "
            "?e oa:hasBody ?d ; oa:hasTarget/oa:hasSelector/oa:exact ?exact }"
        )
    # A set: an organisation of the reference registers has its label in two graphs.
    found = sorted(
        {
            (
                literal_value(row["n"]),
                literal_value(row["who"]),
                literal_value(row["task"]),
                literal_value(row["deadline"]) if row.get("deadline") else None,
                literal_value(row["exact"]),
            )
            for row in rows
        },
        key=str,
    )
    assert found == [
        (
            "2",
            "Jeanette Sjöstrand",
            "återkommer med en delrapport till mötet i juni",
            "2024-06",  # no meeting in June is announced: June of the meeting's year
            "Jeanette Sjöstrand återkommer med en delrapport till mötet i juni.",
        ),
        (
            "3",
            "Förvaltningen",
            "sammanställer frågorna från kommunerna senast den 30 april 2024",
            "2024-04-30",
            "Förvaltningen sammanställer frågorna från kommunerna senast den 30 april 2024.",
        ),
        (
            "3",
            "Sara Blom",
            "tar fram ett förslag till nyhetsbrev till nästa möte",
            "2024-04-18",  # "Nästa möte äger rum den 18 april 2024"
            "Sara Blom tar fram ett förslag till nyhetsbrev till nästa möte.",
        ),
        (
            "4",
            "Närhälsan",  # the item's "Ansvarig:", the point naming nobody
            "ta fram en jämförelse mellan vårdcentralerna",
            None,
            "ta fram en jämförelse mellan vårdcentralerna.",
        ),
    ]


def test_a_deadline_dated_by_a_meeting_has_its_own_evidence(tmp_path: Path) -> None:
    """The point's words say "till nästa möte", the minutes' last item dates that
    meeting: the assignment's deadline quotes both, the meeting's name in the point and
    the announcement that gives its date; a month no meeting is announced in, the name."""
    path = tmp_path / "styrgrupp_minnesanteckningar_2024-03-14.txt"
    path.write_text(MINUTES, encoding="utf-8")
    with loaded_store(tmp_path, path) as store:
        rows = store.select(
            PREFIXES + "SELECT ?who ?deadline ?motivation ?exact WHERE { "
            "?a a bg:Assignment ; bg:deadline ?deadline ; bg:assignee/foaf:name ?who . "
            "?e oa:hasBody ?a ; oa:motivatedBy ?motivation ; "
            "oa:hasTarget/oa:hasSelector/oa:exact ?exact }"
        )
    found = sorted(
        (
            literal_value(row["who"]),
            literal_value(row["deadline"]),
            row["motivation"].rsplit("#", 1)[-1].rstrip(">"),
            literal_value(row["exact"]),
        )
        for row in rows
    )
    assert found == [
        ("Jeanette Sjöstrand", "2024-06", "describing", "mötet i juni"),
        (
            "Sara Blom",
            "2024-04-18",
            "describing",
            "Nästa möte äger rum den 18 april 2024 kl. 13.00.",
        ),
        ("Sara Blom", "2024-04-18", "describing", "nästa möte"),
    ]


# ------------------------------------------------------------- action lists as tables

TABLE_MINUTES = """# Minnesanteckningar – Samverkansgruppen för barn och unga i Västra Skogsbygden

**Datum:** 2025-11-13
**Tid:** 13.15–15.45
**Plats:** Kommunhuset i Bergsjö, sal Linnea

Ordförande: Helena Strand
Antecknare: Oskar Lindqvist

## Närvarande

- Helena Strand, Bergsjö kommun
- Oskar Lindqvist, Bergsjö kommun
- Amira Hassan, Region Skogsbygden
- Jonas Ekberg, Dalby kommun

## Förhinder

- Mats Granlund, Dalby kommun

## Beslutslogg

| § | Ärende | Beslut |
|---|--------|--------|
| 1 | Mötets öppnande | Dagordningen godkändes. |
| 2 | Gemensam rutin för SIP | Samverkansgruppen ställer sig bakom förslaget till reviderad rutin. |
| 3 | Lägesbild skolfrånvaro | Samverkansgruppen noterar informationen. |

## Åtgärdslista

| Vad | Vem | När |
|-----|-----|-----|
| Skicka ut den reviderade SIP-rutinen till kommunerna | Oskar Lindqvist | v. 48 |
| Sammanställa statistik över skolfrånvaro per skola | Dalby kommun | 30/11 |
| Ta fram program för utbildningsdagen | Amira Hassan | till nästa möte |
| Bjuda in socialtjänstens chefer till utbildningsdagen | Helena Strand | december 2025 |

## Nästa möte

Nästa möte: 2026-01-22 kl. 13.15–15.45, Dalby kommunhus
"""
TABLE_ASSIGNMENTS = (
    "SELECT DISTINCT ?n ?who ?task ?deadline WHERE { "
    "?i bg:itemNumber ?n ; bg:hasDecision ?d . "
    "?d bg:decisionType bg:uppdrag ; bg:assignment ?a . "
    "?a bg:task ?task ; bg:assignee ?p . "
    "{ ?p foaf:name ?who } UNION { ?p skos:prefLabel ?who } "
    "OPTIONAL { ?a bg:deadline ?deadline } }"
)


def _values(rows: list[dict[str, str]], *names: str) -> list[tuple[str | None, ...]]:
    found = {
        tuple(literal_value(row[name]) if row.get(name) else None for name in names) for row in rows
    }
    return sorted(found, key=str)


def test_a_decision_log_and_an_action_table_in_markdown_minutes(tmp_path: Path) -> None:
    """Minutes with no headings keep their items in a decision log (| § | Ärende | Beslut |)
    and their action points in a table (| Vad | Vem | När |): each row of the log is an
    item and its decision, each row of the action list an assignment, its "När" a deadline
    in any form: a week, a day and month, the next meeting, a month."""
    path = tmp_path / "samverkansgrupp_minnesanteckningar_2025-11-13.md"
    path.write_text(TABLE_MINUTES, encoding="utf-8")
    with loaded_store(tmp_path, path) as store:
        items = store.select(
            PREFIXES + "SELECT ?n ?title ?text ?type WHERE { ?m a bg:Meeting ; "
            "bg:hasAgendaItem ?i . ?i bg:itemNumber ?n ; dcterms:title ?title ; "
            "bg:hasDecision ?d . ?d bg:decisionText ?text ; bg:decisionType ?type . "
            "FILTER(?type != bg:uppdrag) }"
        )
        assignments = store.select(PREFIXES + TABLE_ASSIGNMENTS)
        secretary = store.select(PREFIXES + "SELECT ?s WHERE { ?m bg:secretary/foaf:name ?s }")
    assert _values(items, "n", "title", "text", "type") == [
        ("1", "Mötets öppnande", "Dagordningen godkändes.", f"{BG}godkannandeAvDagordning>"),
        (
            "2",
            "Gemensam rutin för SIP",
            "Samverkansgruppen ställer sig bakom förslaget till reviderad rutin.",
            f"{BG}stallerSigBakom>",
        ),
        (
            "3",
            "Lägesbild skolfrånvaro",
            "Samverkansgruppen noterar informationen.",
            f"{BG}noteringAvInformation>",
        ),
    ]
    assert _values(assignments, "who", "task", "deadline") == [
        ("Amira Hassan", "Ta fram program för utbildningsdagen", "2026-01-22"),  # next meeting
        ("Dalby kommun", "Sammanställa statistik över skolfrånvaro per skola", "2025-11-30"),
        ("Helena Strand", "Bjuda in socialtjänstens chefer till utbildningsdagen", "2025-12"),
        ("Oskar Lindqvist", "Skicka ut den reviderade SIP-rutinen till kommunerna", "2025-11-30"),
    ]
    assert [literal_value(row["s"]) for row in secretary] == ["Oskar Lindqvist"]


def _word_minutes(path: Path) -> Path:
    """Word minutes: a header table, a participants table with a presence column, numbered
    agenda headings and an "Åtgärdslista" table with a number and a status column."""
    document = docx.Document()
    document.add_paragraph("Minnesanteckningar – Styrgruppen för nära vård i Norrhammar")
    header = (
        ("Datum", "2025-11-06"),
        ("Tid", "09.00–11.30"),
        ("Plats", "Norrhammars kommunhus, sal Eken"),
        ("Ordförande", "Lars Nordin"),
        ("Antecknare", "Maja Holm"),
    )
    participants = (
        ("Namn", "Organisation", "Närvaro"),
        ("Lars Nordin", "Region Jönköpings län", "Närvarande"),
        ("Sara Åkesson", "Norrhammars kommun", "Närvarande"),
        ("Maja Holm", "Region Jönköpings län", "Närvarande"),
        ("Erik Lund", "Tabergs kommun", "Förhinder"),
        ("Anna Persson", "Tabergs kommun", "Närvarande"),
    )
    actions = (
        ("Nr", "Åtgärd", "Ansvarig", "Klart senast", "Status"),
        ("1", "Skicka ut minnesanteckningarna", "Maja Holm", "2025-11-13", "Klar"),
        ("2", "Sammanställa statistik över utskrivningsklara", "Tabergs kommun", "v. 47", "Pågår"),
        (
            "3",
            "Ta fram förslag till rutin för samordnad vårdplanering",
            "Sara Åkesson, Norrhammars kommun",
            "2025-11-30",
            "Pågår",
        ),
    )
    _word_table(document, header)
    document.add_paragraph("Deltagare")
    _word_table(document, participants)
    for title, text in (
        ("Mötets öppnande", "Ordföranden öppnade mötet."),
        ("Samordnad vårdplanering", "Sara Åkesson redogjorde för läget i arbetet."),
        ("Nästa möte", "Nästa möte hålls den 11 december 2025 kl. 09.00."),
    ):
        document.add_paragraph(title, style="List Number")
        document.add_paragraph(text)
    document.add_paragraph("Åtgärdslista")
    _word_table(document, actions)
    document.save(str(path))
    return path


def _word_table(document: DocxDocument, rows: tuple[tuple[str, ...], ...]) -> None:
    table = document.add_table(rows=0, cols=len(rows[0]))
    for cells in rows:
        for cell, text in zip(table.add_row().cells, cells, strict=True):
            cell.text = text


def test_an_action_table_in_word_minutes_gives_the_groups_assignments(tmp_path: Path) -> None:
    """Each row of the "Åtgärdslista" is an assignment: its "Ansvarig" a person or an
    organisation (a person's organisation after her name is hers, no second assignee),
    its "Klart senast" the deadline; the number and status columns are neither."""
    path = _word_minutes(tmp_path / "styrgrupp_minnesanteckningar_2025-11-06.docx")
    with loaded_store(tmp_path, path) as store:
        assignments = store.select(PREFIXES + TABLE_ASSIGNMENTS)
        people = store.select(
            PREFIXES + "SELECT ?role ?who WHERE { ?m a bg:Meeting ; ?role ?p . "
            "?p foaf:name ?who . FILTER(?role IN (bg:chair, bg:secretary, bg:absentee)) }"
        )
    assert _values(assignments, "n", "who", "task", "deadline") == [
        ("3", "Maja Holm", "Skicka ut minnesanteckningarna", "2025-11-13"),
        (
            "3",
            "Sara Åkesson",
            "Ta fram förslag till rutin för samordnad vårdplanering",
            "2025-11-30",
        ),
        ("3", "Tabergs kommun", "Sammanställa statistik över utskrivningsklara", "2025-11-23"),
    ]
    assert _values(people, "role", "who") == [
        (f"{BG}absentee>", "Erik Lund"),
        (f"{BG}chair>", "Lars Nordin"),
        (f"{BG}secretary>", "Maja Holm"),
    ]
