"""A protocol extract (protokollsutdrag) as its reader sees it: points numbered inside one
running sentence, a yearly report date, reservers and proposers named with their parties
but on no member list, and a signature table of names over roles. And an adjuster the
protocol appoints in a sentence ("utser X att justera"); who checked the minutes and when,
and to whom a § sends its decision ("Beslutet skickas till"), as the graph says them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import docx
import pytest

from beslutsgraf.ingest.decisions import clauses_in
from beslutsgraf.ingest.extract import extract
from beslutsgraf.ingest.known import Known, literal_value
from beslutsgraf.ingest.model import AgendaItem, DecisionClause, Mentions, Span
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.resolve import resolve
from beslutsgraf.ingest.segment import segment
from beslutsgraf.ingest.to_rdf import to_rdf
from beslutsgraf.ingest.validate import validate
from beslutsgraf.ontology import BG
from beslutsgraf.store.embedded import EmbeddedStore
from tests.ingest.conftest import load, loaded_store, select_values
from tests.ingest.pdf_writer import SignedPdf

PROTOCOLS = Path(__file__).parent / "protocols"
EXTRACT = PROTOCOLS / "regionstyrelsen_protokollsutdrag_2024-06-11.txt"
SOCIALNAMNDEN = PROTOCOLS / "socialnamnden_protokoll_2024-11-27.txt"
PREFIXES = "PREFIX bg: <https://w3id.org/beslutsgraf/def#> "
ITEM = "<https://w3id.org/beslutsgraf/id/meeting/regionstyrelsen/2024-06-11/item/142>"
PERSON = "<https://w3id.org/beslutsgraf/id/person/{}>"


@cache
def _mentions() -> Mentions:
    return extract(segment(read(EXTRACT)))


def _item() -> AgendaItem:
    [item] = _mentions().items
    return item


def _clauses(text: str) -> list[DecisionClause]:
    return clauses_in(text, Span(0, len(text), text), default_year=2024)


def test_points_numbered_in_one_sentence_are_one_decision_each() -> None:
    decisions = _item().decisions
    assert [d.number for d in decisions] == [1, 2, 3]
    assert [d.text for d in decisions] == [
        "anta regional plan för kompetensförsörjning 2025–2028,",
        "ge regiondirektören i uppdrag att årligen följa upp planen och återrapportera till\n"
        "regionstyrelsen senast den 31 mars varje år,",
        "paragrafen justeras omedelbart.",
    ]
    # The lead-in the points share decides who decided.
    assert {d.decided_by for d in decisions} == {"Regionstyrelsen"}
    assignment = decisions[1].assignment
    assert decisions[1].decision_type == str(BG.uppdrag) and assignment is not None
    assert assignment.assignees == ("regiondirektören",)


def test_numbers_inside_a_point_split_nothing() -> None:
    text = (
        "Nämnden beslutar att 1. anta taxan enligt 9 kap. 31 § kommunallagen, i kraft "
        "från 2024-03-12, 2. upphäva punkt 2 i beslutet den 3 mars 2023."
    )
    assert [(c.number, c.text) for c in _clauses(text)] == [
        (1, "anta taxan enligt 9 kap. 31 § kommunallagen, i kraft från 2024-03-12,"),
        (2, "upphäva punkt 2 i beslutet den 3 mars 2023."),
    ]


def test_a_yearly_date_is_no_deadline_and_a_single_date_still_is() -> None:
    # In a June meeting's protocol: the year's 31 March has passed, and comes back.
    [yearly] = _clauses(
        "Regionstyrelsen ger regiondirektören i uppdrag att återrapportera till "
        "regionstyrelsen senast den 31 mars varje år."
    )
    assert yearly.deadline is None
    assert yearly.assignment is not None and yearly.assignment.deadline is None
    [before] = _clauses("Förvaltningen ska årligen, senast den 31 mars, redovisa planen.")
    assert before.deadline is None
    dated = {
        "Förvaltningen ska återrapportera senast den 31 mars 2025.": "2025-03-31",
        "Förvaltningen ska återrapportera senast den 30 november.": "2024-11-30",
    }
    for text, deadline in dated.items():
        [clause] = _clauses(text)
        assert clause.deadline is not None and clause.deadline.iso() == deadline


def test_a_signature_table_names_the_chair_and_the_adjuster(tmp_path: Path) -> None:
    attendance = _mentions().attendance
    assert attendance.chair is not None and attendance.chair.name == "Anders Nyqvist"
    assert [person.name for person in attendance.adjusters] == ["Karin Forsberg"]
    # Only a line of roles, column for column, says who signs as what.
    text = EXTRACT.read_text(encoding="utf-8").replace(
        "ordförande                          justerare",
        "ordförande                          Göteborg",
    )
    path = tmp_path / "utdrag.txt"
    path.write_text(text, encoding="utf-8")
    attendance = extract(segment(read(path))).attendance
    assert attendance.chair is None and attendance.adjusters == ()


def test_utser_att_justera_names_the_adjuster(tmp_path: Path) -> None:
    # Without the header's "Utses att justera" and signature lines, the § says who adjusts.
    lines = SOCIALNAMNDEN.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.startswith(("Utses att justera", "Justerande "))]
    path = tmp_path / "protokoll.txt"
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    mentions = extract(segment(read(path)))
    assert [person.name for person in mentions.attendance.adjusters] == ["Fatima Nuri"]
    [decision] = mentions.items[0].decisions
    # Choosing who checks the minutes is the body's formal decision.
    assert decision.decision_type == str(BG.formelltBeslut)


def test_the_extract_in_the_store(store: EmbeddedStore) -> None:
    load(store, EXTRACT)
    rows = store.select(
        PREFIXES + f"SELECT ?n ?text WHERE {{ {ITEM} bg:hasDecision ?d . "
        "?d bg:clauseNumber ?n ; bg:decisionText ?text } ORDER BY ?n"
    )
    assert [literal_value(row["n"]) for row in rows] == ["1", "2", "3"]
    assert literal_value(rows[2]["text"]) == "paragrafen justeras omedelbart."
    deadlines = store.select(
        PREFIXES + f"SELECT ?date WHERE {{ {ITEM} bg:hasDecision ?d . "
        "{ ?d bg:deadline ?date } UNION { ?d bg:assignment/bg:deadline ?date } }"
    )
    assert deadlines == []
    reservers = store.select(
        PREFIXES + "SELECT ?person WHERE { ?r a bg:Reservation ; bg:reservingPerson ?person }"
    )
    assert {row["person"] for row in reservers} == {
        PERSON.format("ulla-hedin"),
        PERSON.format("per-olof-rask"),
    }
    proposers = store.select(PREFIXES + "SELECT ?who WHERE { ?m a bg:Motion ; bg:proposedBy ?who }")
    assert {row["who"] for row in proposers} == {
        PERSON.format("anders-nyqvist"),
        PERSON.format("ulla-hedin"),
    }
    (chair,) = store.select(PREFIXES + "SELECT ?chair WHERE { ?m bg:chair ?chair }")
    assert chair["chair"] == PERSON.format("anders-nyqvist")


BUN_PROTOCOL = """Sammanträdesprotokoll

Barn- och utbildningsnämnden

Datum\t2025-03-10
Tid\t13.00–15.30
Plats\tKommunhuset, sal Ljungen

Ledamöter\tMaria Fjäll (S), ordförande
\tJohan Brink (M), vice ordförande
\tSara Ekdahl (C)
\tTomas Vinge (V)
Sekreterare\tLena Strand
Justerare\tJohan Brink (M) och Karin Alsved (L)
Justeringens plats och tid\tKommunhuset 2025-03-12

§ 1 Dnr BUN 2025/3
Val av justerare

Beslut
Barn- och utbildningsnämnden beslutar att utse Johan Brink (M) och Karin Alsved (L) att jämte \
ordföranden justera protokollet.

§ 2 Dnr BUN 2025/14
Skolskjuts läsåret 2025/26

Beslut
Barn- och utbildningsnämnden beslutar att anta riktlinjer för skolskjuts läsåret 2025/26.

Beslutet skickas till
Socialnämnden
Ekonomienheten
Akten
"""
BUN = "<https://w3id.org/beslutsgraf/id/meeting/barn-och-utbildningsnamnden/2025-03-10>"


def _protocol_in_store(store: EmbeddedStore, folder: Path, text: str) -> None:
    path = folder / "bun_protokoll_2025-03-10.txt"
    path.write_text(text, encoding="utf-8")
    load(store, path)


def _names(store: EmbeddedStore, pattern: str) -> list[str]:
    rows = store.select(
        PREFIXES + "PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        f"SELECT ?name WHERE {{ {pattern} OPTIONAL {{ ?who foaf:name ?n }} "
        "OPTIONAL { ?who skos:prefLabel ?l } BIND(COALESCE(?n, ?l) AS ?name) } ORDER BY ?name"
    )
    return [literal_value(row["name"]) for row in rows]


def _adjusted_on(store: EmbeddedStore) -> list[str]:
    rows = store.select(PREFIXES + f"SELECT ?day WHERE {{ {BUN} bg:adjustedOn ?day }}")
    return [literal_value(row["day"]) for row in rows]


def _describing_quotes(store: EmbeddedStore, node: str) -> list[str]:
    """The quotes of the annotations that describe `node` (oa:describing)."""
    rows = store.select(
        PREFIXES + "PREFIX oa: <http://www.w3.org/ns/oa#> "
        f"SELECT ?quote WHERE {{ ?a oa:hasBody {node} ; oa:motivatedBy oa:describing ; "
        "oa:hasTarget/oa:hasSelector/oa:exact ?quote }"
    )
    return [literal_value(row["quote"]) for row in rows]


def test_the_adjusters_and_the_day_they_checked_the_minutes(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    _protocol_in_store(store, tmp_path, BUN_PROTOCOL)
    assert _names(store, f"{BUN} bg:adjuster ?who .") == ["Johan Brink", "Karin Alsved"]
    # Karin Alsved adjusts without being on the member list: no attendee for that.
    assert "Karin Alsved" not in _names(store, f"{BUN} bg:attendee ?who .")
    assert _adjusted_on(store) == ["2025-03-12"]
    assert _describing_quotes(store, BUN) == ["Justeringens plats och tid\tKommunhuset 2025-03-12"]


def test_a_decision_is_sent_to_the_organisations_its_paragraph_lists(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    _protocol_in_store(store, tmp_path, BUN_PROTOCOL)
    decision = f"<{BUN[1:-1]}/item/2/decision/1>"
    # "Akten" (the file) reads as no organisation and no person: no recipient.
    assert _names(store, f"{decision} bg:sentTo ?who .") == ["Ekonomienheten", "Socialnämnden"]
    assert _names(store, f"<{BUN[1:-1]}/item/1/decision/1> bg:sentTo ?who .") == []
    assert _describing_quotes(store, decision) == ["Socialnämnden\nEkonomienheten\nAkten"]


def test_adjusted_in_a_sentence_and_sent_by_expedieras_till(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    text = (
        BUN_PROTOCOL.replace("Justeringens plats och tid\tKommunhuset 2025-03-12\n", "")
        .replace("Beslutet skickas till\n", "Expedieras till: ")
        .replace("Socialnämnden\nEkonomienheten\nAkten", "Socialnämnden, Ekonomienheten")
    )
    text += "\nProtokollet justeras den 14 mars 2025.\n"
    _protocol_in_store(store, tmp_path, text)
    assert _adjusted_on(store) == ["2025-03-14"]
    decision = f"<{BUN[1:-1]}/item/2/decision/1>"
    assert _names(store, f"{decision} bg:sentTo ?who .") == ["Ekonomienheten", "Socialnämnden"]


def test_the_meeting_date_is_no_adjusting_date(store: EmbeddedStore, tmp_path: Path) -> None:
    # A header merged into one line: the date after "Justerat" is the meeting's own.
    text = BUN_PROTOCOL.replace(
        "Justeringens plats och tid\tKommunhuset 2025-03-12\n", "Justerat 2025-03-10\n"
    )
    _protocol_in_store(store, tmp_path, text)
    assert _adjusted_on(store) == []


# The last § ends its dispatch list over a blank line and the signature block of a PDF
# export, each signer's role over the name and the day signed on a line of its own.
SIGNATURES = """
Ordförande
Maria Fjäll
Justerare
Karin Alsved (L)
2025-03-12

Lena Strand, nämndsekreterare
"""
SIGNED_BUN = BUN_PROTOCOL.replace(
    "Justeringens plats och tid\tKommunhuset 2025-03-12\n", ""
).replace("Ekonomienheten\nAkten\n", "Ekonomienheten\n" + SIGNATURES)


def test_a_dispatch_list_ends_where_the_signatures_start(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    _protocol_in_store(store, tmp_path, SIGNED_BUN)
    decision = f"<{BUN[1:-1]}/item/2/decision/1>"
    assert _names(store, f"{decision} bg:sentTo ?who .") == ["Ekonomienheten", "Socialnämnden"]
    assert _describing_quotes(store, decision) == ["Socialnämnden\nEkonomienheten"]


def test_a_date_under_the_adjusters_name_dates_the_adjusting(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    _protocol_in_store(store, tmp_path, SIGNED_BUN)
    assert _adjusted_on(store) == ["2025-03-12"]
    assert _describing_quotes(store, BUN) == ["Justerare\nKarin Alsved (L)\n2025-03-12"]


def test_justerat_over_its_date_dates_the_adjusting(store: EmbeddedStore, tmp_path: Path) -> None:
    signed = SIGNED_BUN.replace("Justerare\nKarin Alsved (L)\n", "Justerat\n")
    _protocol_in_store(store, tmp_path, signed)
    assert _adjusted_on(store) == ["2025-03-12"]


@pytest.mark.parametrize(
    "under_the_names",
    [
        # The next page's header, its meeting date under the adjuster's name.
        "Barn- och utbildningsnämnden\nSammanträdesdatum\n2025-03-10\n",
        # A header that lost its label: the meeting's date right under the name.
        "2025-03-10\n",
    ],
)
def test_a_page_headers_meeting_date_under_the_names_is_no_adjusting_date(
    store: EmbeddedStore, tmp_path: Path, under_the_names: str
) -> None:
    signed = SIGNED_BUN.replace("2025-03-12\n", under_the_names)
    _protocol_in_store(store, tmp_path, signed)
    assert _adjusted_on(store) == []


def test_a_wrapped_adjusting_label_still_dates_the_adjusting() -> None:
    # "Justeringens" over "plats och tid", its value on the first line.
    attendance = extract(segment(read(SOCIALNAMNDEN))).attendance
    assert attendance.adjusted_on is not None and attendance.adjusted_on.iso() == "2024-12-02"
    assert attendance.adjusted_in is not None
    assert attendance.adjusted_in.text.startswith("Justeringens")


# ------------------------------------------------------------------------------------------
# Extracts as kommuner and regions send them to those concerned: the letterhead, one or two
# §§ and the "Utdragsbestyrkande", but no roster. Each is a held meeting of the owner's body
# whose attendance is unknown: the graph claims no attendees, no chair, no called members.

EXTRACT_PREFIXES = PREFIXES + (
    "PREFIX org: <http://www.w3.org/ns/org#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
    "PREFIX dct: <http://purl.org/dc/terms/> PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
)
ID = "https://w3id.org/beslutsgraf/id/"
KS_MEETING = f"<{ID}meeting/kommunstyrelsen-i-tidaholms-kommun/2025-04-15>"
SN_MEETING = f"<{ID}meeting/socialnamnden-i-gislaveds-kommun/2025-05-21>"
HSN_MEETING = f"<{ID}meeting/halso-och-sjukvardsnamnden-i-region-kronoberg/2025-06-12>"

KS_EXTRACT = """\
TIDAHOLMS KOMMUN                                   PROTOKOLLSUTDRAG
Kommunstyrelsen                                    Sammanträdesdatum
                                                   2025-04-15

§ 87                                               Dnr KS 2025/211

Yttrande över remiss av Trafikverkets förslag till regional transportplan 2026–2037

Sammanfattning
Trafikverket har gett länets kommuner möjlighet att yttra sig över förslaget till
regional transportplan för perioden 2026–2037. Samhällsbyggnadsförvaltningen har
tagit fram ett förslag till yttrande där kommunen framhåller behovet av en
upprustning av väg 193 och fler pendelparkeringar.

Beslutsunderlag
Tjänsteskrivelse från samhällsbyggnadschefen 2025-03-28
Förslag till yttrande 2025-03-28
Kommunstyrelsens arbetsutskott 2025-04-01 § 52

Beslut
Kommunstyrelsen beslutar att
1. anta förvaltningens förslag till yttrande som sitt eget och överlämna det till
Trafikverket,
2. uppdra åt kommundirektören att bevaka kommunens intressen i det fortsatta
planeringsarbetet.

Beslutet skickas till
Trafikverket
Samhällsbyggnadsförvaltningen
Kommundirektören

Justerandes sign                                   Utdragsbestyrkande

Utdraget bestyrks
Maria Sjöholm
Nämndsekreterare
"""

Part = tuple[str, tuple[str, ...]]  # a bold sub-heading of a § and its paragraphs
Item = tuple[str, str, str, tuple[Part, ...]]  # "§ 54", case number, title, parts

# The header table of a Word template: the kind, the date's label and the page in a row,
# the body and the date in the cells under them.
SN_LETTERHEAD = (
    ("GISLAVEDS KOMMUN", "", ""),
    ("PROTOKOLLSUTDRAG", "Sammanträdesdatum", "Sida 1(2)"),
    ("Socialnämnden", "2025-05-21", ""),
)
SN_ITEMS: tuple[Item, ...] = (
    (
        "§ 54",
        "Dnr SN 2025/88",
        "Riktlinjer för handläggning av ekonomiskt bistånd 2025",
        (
            (
                "Sammanfattning",
                (
                    "Individ- och familjeomsorgen har reviderat riktlinjerna för handläggning "
                    "av ekonomiskt bistånd. Riktnormen för hushållsel har räknats upp.",
                ),
            ),
            ("Beslutsunderlag", ("Tjänsteskrivelse 2025-05-05",)),
            (
                "Beslut",
                (
                    "Socialnämnden beslutar att anta riktlinjer för handläggning av ekonomiskt "
                    "bistånd 2025 att gälla från och med den 1 juli 2025.",
                ),
            ),
            ("Beslutet skickas till", ("Individ- och familjeomsorgen",)),
        ),
    ),
    (
        "§ 55",
        "Dnr SN 2025/102",
        "Uppföljning av internkontrollplan 2025, första tertialet",
        (
            ("Beslutsunderlag", ("Tjänsteskrivelse 2025-05-07",)),
            (
                "Beslut",
                (
                    "Socialnämnden beslutar att",
                    "1. lägga uppföljningen till handlingarna,",
                    "2. ge förvaltningschefen i uppdrag att redovisa åtgärder för de noterade "
                    "avvikelserna vid nämndens sammanträde i september 2025.",
                ),
            ),
            ("Beslutet skickas till", ("Förvaltningschefen", "Kommunstyrelsen")),
        ),
    ),
)


def sn_extract(path: Path) -> Path:
    """A socialnämnd's extract in Word: the letterhead a table in the page header."""
    document = docx.Document()
    section = document.sections[0]
    header = section.header.add_table(rows=3, cols=3, width=section.page_width)
    for row, cells in zip(header.rows, SN_LETTERHEAD, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    section.footer.paragraphs[0].text = "Justerandes sign\t\tUtdragsbestyrkande"
    for number, case, title, parts in SN_ITEMS:
        document.add_paragraph().add_run(f"{number}\t{case}").bold = True
        document.add_paragraph().add_run(title).bold = True
        for heading, paragraphs in parts:
            document.add_paragraph().add_run(heading).bold = True
            for paragraph in paragraphs:
                document.add_paragraph(paragraph)
    document.add_paragraph("Utdragsbestyrkande")
    document.add_paragraph("Jonas Ekström, nämndsekreterare")
    document.save(path)
    return path


# A region's registry runs year, letters and serial together ("25RK1187").
HSN_RUNNING_HEADER = (
    ("Region Kronoberg", "PROTOKOLLSUTDRAG", "Sida {page}({pages})"),
    ("Hälso- och sjukvårdsnämnden", "Sammanträdesdatum", ""),
    ("", "2025-06-12", ""),
)
HSN_PARTS: tuple[Part, ...] = (
    (
        "Sammanfattning",
        (
            "Regionen har deltagit i det nationella försöket med organiserad "
            "prostatacancertestning. Förvaltningen föreslår att testningen införs i ordinarie "
            "verksamhet från och med år 2026.",
        ),
    ),
    ("Beslutsunderlag", ("Tjänsteskrivelse 2025-05-26",)),
    (
        "Yrkanden",
        (
            "Linnea Ståhlberg (S) yrkar bifall till förvaltningens förslag.",
            "Gustav Renmark (M) yrkar att ärendet återremitteras för en kostnadsanalys.",
        ),
    ),
    (
        "Omröstning",
        (
            "Omröstning begärs och verkställs. Den som vill att ärendet ska avgöras i dag röstar "
            "ja, den som vill att ärendet ska återremitteras röstar nej. Omröstningen utfaller "
            "med 7 ja-röster mot 4 nej-röster. Nämnden har därmed beslutat att avgöra ärendet "
            "i dag.",
        ),
    ),
    (
        "Beslut",
        (
            "Hälso- och sjukvårdsnämnden beslutar att införa avgiftsfri organiserad "
            "prostatacancertestning för män 50–74 år från och med den 1 januari 2026.",
        ),
    ),
    (
        "Reservation",
        (
            "Gustav Renmark (M) och Therese Nyblom (KD) reserverar sig mot beslutet till "
            "förmån för eget yrkande.",
        ),
    ),
    ("Beslutet skickas till", ("Regiondirektören", "Hälso- och sjukvårdsdirektören")),
)


def hsn_extract(path: Path) -> Path:
    """A regional committee's extract as a PDF exported from Word: one § with a vote."""
    pdf = SignedPdf(HSN_RUNNING_HEADER, (70, 60, 0))
    pdf.add_page()
    pdf.cell(45, 5, "§ 64")
    pdf.cell(0, 5, "Dnr 25RK1187", new_x="LMARGIN", new_y="NEXT")
    pdf.paragraph("Införande av avgiftsfri organiserad prostatacancertestning")
    for heading, paragraphs in HSN_PARTS:
        pdf.ln(3)
        pdf.paragraph(heading)
        for paragraph in paragraphs:
            pdf.paragraph(paragraph)
    pdf.ln(8)
    pdf.paragraph("Utdragsbestyrkande")
    pdf.paragraph("Helena Stråhle, nämndsekreterare")
    path.write_bytes(bytes(pdf.output()))
    return path


@pytest.fixture(scope="module")
def extracts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    folder = tmp_path_factory.mktemp("extracts")
    ks = folder / "tidaholm_ks_utdrag_2025-04-15.txt"
    ks.write_text(KS_EXTRACT, encoding="utf-8")
    files = (
        ks,
        sn_extract(folder / "gislaved_sn_utdrag_2025-05-21.docx"),
        hsn_extract(folder / "kronoberg_hsn_utdrag_2025-06-12.pdf"),
    )
    with loaded_store(folder, *files) as opened:
        yield opened


def _values(store: EmbeddedStore, where: str) -> list[str]:
    return select_values(store, EXTRACT_PREFIXES, where)


def test_an_extract_is_a_held_meeting_of_the_owners_body(extracts: EmbeddedStore) -> None:
    meetings = {KS_MEETING: "2025-04-15", SN_MEETING: "2025-05-21", HSN_MEETING: "2025-06-12"}
    for meeting, day in meetings.items():
        assert _values(extracts, f"{meeting} dct:date ?v") == [day]
        assert _values(extracts, f"{meeting} bg:meetingStatus ?v") == [str(BG.held)]
    # The body under the letterhead's owner, not the owner: "GISLAVEDS KOMMUN" on a line of
    # its own over the kind, the body in the cell under "Sammanträdesdatum".
    assert _values(extracts, f"{SN_MEETING} bg:heldBy/skos:prefLabel ?v") == [
        "Socialnämnden i Gislaveds kommun"
    ]
    assert _values(extracts, f"{SN_MEETING} bg:heldBy/org:subOrganizationOf/skos:prefLabel ?v") == [
        "Gislaveds kommun"
    ]
    assert _values(extracts, f"{KS_MEETING} bg:heldBy/org:subOrganizationOf ?v") == ["kommun/1498"]
    assert _values(extracts, f"{HSN_MEETING} bg:heldBy/skos:prefLabel ?v") == [
        "Hälso- och sjukvårdsnämnden i Region Kronoberg"
    ]
    assert _values(extracts, f"{SN_MEETING} bg:reportedIn ?s . ?s dct:title ?v") == [
        "Protokollsutdrag, Socialnämnden, 2025-05-21"
    ]


def test_the_items_of_an_extract_keep_number_case_and_title(extracts: EmbeddedStore) -> None:
    items = "{} bg:hasAgendaItem ?i . ?i bg:itemNumber ?n ; bg:caseNumber ?c ; dct:title ?t"
    rows = {
        meeting: _values(
            extracts, items.format(meeting) + ' BIND(CONCAT(STR(?n), " ", ?c, " ", ?t) AS ?v)'
        )
        for meeting in (KS_MEETING, SN_MEETING, HSN_MEETING)
    }
    assert rows == {
        KS_MEETING: [
            "87 KS 2025/211 Yttrande över remiss av Trafikverkets förslag till regional "
            "transportplan 2026–2037"
        ],
        SN_MEETING: [
            "54 SN 2025/88 Riktlinjer för handläggning av ekonomiskt bistånd 2025",
            "55 SN 2025/102 Uppföljning av internkontrollplan 2025, första tertialet",
        ],
        HSN_MEETING: ["64 25RK1187 Införande av avgiftsfri organiserad prostatacancertestning"],
    }


def test_the_decisions_of_an_extract(extracts: EmbeddedStore) -> None:
    decisions = (
        "{} bg:hasAgendaItem/bg:hasDecision ?d . ?d bg:decisionType ?type ; bg:decisionText ?text"
        " ; bg:decidedBy/skos:prefLabel ?by"
        ' BIND(CONCAT(STRAFTER(STR(?type), "#"), " | ", ?by, " | ", ?text) AS ?v)'
    )
    assert _values(extracts, decisions.format(KS_MEETING)) == [
        "formelltBeslut | Kommunstyrelsen i Tidaholms kommun | anta förvaltningens förslag till "
        "yttrande som sitt eget och överlämna det till\nTrafikverket,",
        "uppdrag | Kommunstyrelsen i Tidaholms kommun | uppdra åt kommundirektören att bevaka "
        "kommunens intressen i det fortsatta\nplaneringsarbetet.",
    ]
    assert _values(extracts, decisions.format(SN_MEETING)) == [
        "formelltBeslut | Socialnämnden i Gislaveds kommun | Socialnämnden beslutar att anta "
        "riktlinjer för handläggning av ekonomiskt bistånd 2025 att gälla från och med den 1 "
        "juli 2025.",
        "formelltBeslut | Socialnämnden i Gislaveds kommun | lägga uppföljningen till "
        "handlingarna,",
        "uppdrag | Socialnämnden i Gislaveds kommun | ge förvaltningschefen i uppdrag att "
        "redovisa åtgärder för de noterade avvikelserna vid nämndens sammanträde i september "
        "2025.",
    ]
    [decision] = _values(extracts, decisions.format(HSN_MEETING))
    assert decision.startswith("formelltBeslut | Hälso- och sjukvårdsnämnden i Region Kronoberg")
    assert decision.endswith("för män 50–74 år från och med den 1 januari 2026.")


def test_the_vote_and_the_reservation_of_an_extract(extracts: EmbeddedStore) -> None:
    votes = f"{HSN_MEETING} bg:hasAgendaItem/bg:hasDecision ?d . ?vote bg:onDecision ?d"
    assert _values(extracts, f"{votes} ; bg:yesCount ?v") == ["7"]
    assert _values(extracts, f"{votes} ; bg:noCount ?v") == ["4"]
    assert _values(
        extracts,
        f"{HSN_MEETING} bg:hasAgendaItem/bg:hasDecision ?d . "
        "?r bg:against ?d ; bg:reservingPerson/foaf:name ?v",
    ) == ["Gustav Renmark", "Therese Nyblom"]


def test_an_extract_claims_no_roster(extracts: EmbeddedStore) -> None:
    # Not the certifier, not the proposers: an extract says nothing of who sat.
    for meeting in (KS_MEETING, SN_MEETING, HSN_MEETING):
        assert _values(extracts, f"{meeting} ?v ?person . ?person a foaf:Person") == []
    assert (
        _values(
            extracts,
            "?v foaf:name ?name FILTER(?name IN "
            '("Maria Sjöholm", "Jonas Ekström", "Helena Stråhle"))',
        )
        == []
    )


def _attendance_warnings(path: Path) -> list[str]:
    mentions = extract(segment(read(path)))
    graph = to_rdf(resolve(mentions, Known()), dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    outcome = validate(graph, mentions.document)
    assert outcome.conforms, outcome.lines()
    return [line for line in outcome.lines() if "lists no attendees" in line]


def test_an_extract_is_not_flagged_for_its_missing_roster(tmp_path: Path) -> None:
    """An extract carries no attendance by its kind: no review warning asks for its member
    list. The same text as a protocol is still flagged (its member table was not read)."""
    extract_path = tmp_path / "utdrag.txt"
    extract_path.write_text(KS_EXTRACT, encoding="utf-8")
    assert _attendance_warnings(extract_path) == []
    protocol_path = tmp_path / "protokoll.txt"
    protocol_path.write_text(KS_EXTRACT.replace("PROTOKOLLSUTDRAG", "PROTOKOLL"), encoding="utf-8")
    assert len(_attendance_warnings(protocol_path)) == 1


# ------------------------------------------------------ officials named by their post

# "ge socialchefen i uppdrag", "Beslutet skickas till: Ekonomichefen": an official named by
# the post alone is that post of the letterhead's owner, never an organisation.
POST_KS_EXTRACT = """\
BORGVIKS KOMMUN                                    PROTOKOLLSUTDRAG
Kommunstyrelsen                                    Sammanträdesdatum
                                                   2025-09-16

§ 112                                              Dnr KS 2025/301

Delårsrapport januari–augusti 2025

Föredragande: ekonomichef Lena Sjöholm

Sammanfattning
Ekonomiavdelningen har sammanställt delårsrapporten. Socialnämnden redovisar ett
underskott på 6,2 miljoner kronor.

Beslut
Kommunstyrelsen beslutar att
1. godkänna delårsrapporten,
2. ge socialchefen i uppdrag att ta fram en åtgärdsplan och återrapportera till
kommundirektören senast den 30 november 2025.

Beslutet skickas till
Socialchefen
Ekonomichefen
Socialnämnden

Justerandes sign                                   Utdragsbestyrkande
"""

POST_RS_EXTRACT = """\
REGION NORRMARK                                    PROTOKOLLSUTDRAG
Regionstyrelsen                                    Sammanträdesdatum
                                                   2025-10-07

§ 201                                              Dnr RS 2025-00512

Lokalförsörjningsplan 2026–2030

Beslut
Regionstyrelsen beslutar att
1. anta lokalförsörjningsplanen 2026–2030,
2. ge regiondirektören i uppdrag att årligen följa upp planen.

Expedieras till
Regiondirektören
Fastighetsförvaltningen

Justerandes sign                                   Utdragsbestyrkande
"""

POST_FORBUND_EXTRACT = """\
DALBYGDENS KOMMUNALFÖRBUND                         PROTOKOLLSUTDRAG
Direktionen                                        Sammanträdesdatum
                                                   2025-11-20

§ 44                                               Dnr RTD 2025/61

Handlingsprogram för räddningstjänst 2026–2029

Beslut
Direktionen beslutar att
1. anta handlingsprogrammet,
2. uppdra åt förbundsdirektören att redovisa en uppföljning vid direktionens
sammanträde i juni 2026.

Beslutet skickas till
Förbundsdirektören
Medlemskommunerna

Justerandes sign                                   Utdragsbestyrkande
"""

POST_KS = f"<{ID}meeting/kommunstyrelsen-i-borgviks-kommun/2025-09-16/item/112>"
POST_RS = f"<{ID}meeting/regionstyrelsen-i-region-norrmark/2025-10-07/item/201>"
POST_FORBUND = f"<{ID}meeting/direktionen-i-dalbygdens-kommunalforbund/2025-11-20/item/44>"
POST_WORDS = ("direktör", "chef")


@pytest.fixture(scope="module")
def posts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    folder = tmp_path_factory.mktemp("posts")
    texts = {
        "borgvik_ks_utdrag_2025-09-16.txt": POST_KS_EXTRACT,
        "norrmark_rs_utdrag_2025-10-07.txt": POST_RS_EXTRACT,
        "dalbygden_direktion_utdrag_2025-11-20.txt": POST_FORBUND_EXTRACT,
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    with loaded_store(folder, *(folder / name for name in texts)) as opened:
        yield opened


def test_an_official_named_by_the_post_is_a_post_of_the_letterheads_owner(
    posts: EmbeddedStore,
) -> None:
    described = (
        "?p a org:Post ; skos:prefLabel ?label ; org:postIn ?in ; org:role ?role "
        'BIND(CONCAT(?label, " | ", STRAFTER(STR(?in), "/id/"), " | ", '
        'STRAFTER(STR(?role), "#")) AS ?v)'
    )
    assert _values(posts, described) == [
        "Ekonomichef, Borgviks kommun | org/borgviks-kommun | ekonomichef",
        "Förbundsdirektör, Dalbygdens kommunalförbund | org/dalbygdens-kommunalforbund "
        "| forbundsdirektor",
        "Regiondirektör, Region Norrmark | org/region-norrmark | regiondirektor",
        "Socialchef, Borgviks kommun | org/borgviks-kommun | socialchef",
    ]
    # The spellings of the minutes stay the post's alternative labels.
    assert _values(posts, "?p a org:Post ; skos:altLabel ?v") == [
        "Ekonomichefen",
        "Förbundsdirektören",
        "Regiondirektören",
        "Socialchefen",
        "förbundsdirektören",
        "regiondirektören",
        "socialchefen",
    ]


@pytest.mark.parametrize(
    ("item", "assignee", "recipients"),
    [
        (
            POST_KS,
            "Socialchef, Borgviks kommun",
            [
                "Ekonomichef, Borgviks kommun",
                "Socialchef, Borgviks kommun",
                "Socialnämnden i Borgviks kommun",
            ],
        ),
        (
            POST_RS,
            "Regiondirektör, Region Norrmark",
            ["Fastighetsförvaltningen", "Regiondirektör, Region Norrmark"],
        ),
        (
            POST_FORBUND,
            "Förbundsdirektör, Dalbygdens kommunalförbund",
            ["Förbundsdirektör, Dalbygdens kommunalförbund", "Medlemskommunerna"],
        ),
    ],
)
def test_the_post_is_assigned_the_task_and_sent_the_decision(
    posts: EmbeddedStore, item: str, assignee: str, recipients: list[str]
) -> None:
    decision = f"{item} bg:hasDecision ?d . ?d bg:clauseNumber 2 ; "
    assert _values(posts, decision + "bg:assignment/bg:assignee/skos:prefLabel ?v") == [assignee]
    assert _values(posts, decision + "bg:sentTo/skos:prefLabel ?v") == recipients


def test_no_organisation_is_named_after_a_post_word(posts: EmbeddedStore) -> None:
    organisations = _values(posts, f'?o skos:prefLabel ?v FILTER(STRSTARTS(STR(?o), "{ID}org/"))')
    assert organisations  # the owners and their boards
    assert [name for name in organisations if any(w in name.casefold() for w in POST_WORDS)] == []


def test_a_presenter_named_with_the_post_is_the_person(posts: EmbeddedStore) -> None:
    # "Föredragande: ekonomichef Lena Sjöholm": the person presents, the post is no node.
    assert _values(posts, f"{POST_KS} bg:presenter/foaf:name ?v") == ["Lena Sjöholm"]
    assert _values(posts, "?p a org:Post ; org:heldBy ?v") == []


def test_the_socialnamnds_forvaltningschef_is_the_kommuns_post(extracts: EmbeddedStore) -> None:
    item = f"{SN_MEETING} bg:hasAgendaItem ?i . ?i bg:itemNumber 55 ; bg:hasDecision ?d . "
    assert _values(
        extracts, item + "?d bg:assignment/bg:assignee ?p . ?p org:postIn ?in ; skos:prefLabel ?v"
    ) == ["Förvaltningschef, Gislaveds kommun"]
    # (The dispatch field runs on into the certifier's "Jonas Ekström, nämndsekreterare":
    # a recipient of its own, not asserted here.)
    recipients = _values(extracts, item + "?d bg:sentTo/skos:prefLabel ?v")
    assert {"Förvaltningschef, Gislaveds kommun", "Kommunstyrelsen i Gislaveds kommun"} <= set(
        recipients
    )
    assert "förvaltningschefen" not in _values(extracts, "?o skos:prefLabel ?v")


def test_a_post_without_an_owner_is_the_deciding_boards(store: EmbeddedStore) -> None:
    # No letterhead names the region of "Regionstyrelsen": "ge regiondirektören i uppdrag"
    # is the post of the board that decides, and never an organisation.
    load(store, EXTRACT)
    assert _values(store, f"{ITEM} bg:hasDecision ?d . ?d bg:assignment/bg:assignee ?v") == [
        "post/regionstyrelsen/regiondirektor"
    ]
    assert _values(store, f"{ITEM} bg:hasDecision/bg:sentTo ?v") == [
        "org/utvecklingsforvaltningen",
        "post/regionstyrelsen/regiondirektor",
    ]
    organisations = _values(store, f'?o skos:prefLabel ?v FILTER(STRSTARTS(STR(?o), "{ID}org/"))')
    assert [name for name in organisations if any(w in name.casefold() for w in POST_WORDS)] == []


def test_an_extracts_last_dispatch_list_ends_at_the_signatures(extracts: EmbeddedStore) -> None:
    # The last § lists its recipients over "Utdragsbestyrkande" / "Jonas Ekström,
    # nämndsekreterare" (and, in a PDF, the page footer): neither is a recipient.
    sent = "{} bg:hasAgendaItem ?i . ?i bg:itemNumber ?n . ?i bg:hasDecision/bg:sentTo ?who ."
    sent += ' ?who skos:prefLabel|foaf:name ?name BIND(CONCAT(STR(?n), " | ", STR(?name)) AS ?v)'
    assert _values(extracts, sent.format(SN_MEETING)) == [
        "55 | Förvaltningschef, Gislaveds kommun",
        "55 | Kommunstyrelsen i Gislaveds kommun",
    ]
    assert _values(extracts, sent.format(KS_MEETING)) == [
        "87 | Kommundirektör, Tidaholms kommun",
        "87 | Samhällsbyggnadsförvaltningen",
        "87 | Trafikverket",
    ]
    assert _values(extracts, sent.format(HSN_MEETING)) == [
        "64 | Hälso- och sjukvårdsdirektör, Region Kronoberg",
        "64 | Regiondirektör, Region Kronoberg",
    ]
