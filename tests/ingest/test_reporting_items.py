"""Items that only report: "Anmälan av delegationsbeslut" (a list of decisions delegates
took), "Meddelanden" (letters and decisions of other bodies), "Information från
förvaltningen", "Ordförandens information", "Övriga frågor". The nämnd's own decision on
each is one formal note ("… läggs till handlingarna", "Informationen noteras"); what the
list names is no decision of the nämnd, its dates no deadlines, its amounts no sums, its
delegates no attendees. A socialnämnd as text and a miljö- och byggnämnd as PDF."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from beslutsgraf.store.embedded import EmbeddedStore
from tests.ingest.conftest import loaded_store, select_values
from tests.ingest.pdf_writer import SignedPdf

ID = "https://w3id.org/beslutsgraf/id/"
BG = "https://w3id.org/beslutsgraf/def#"
PREFIXES = (
    "PREFIX bg: <https://w3id.org/beslutsgraf/def#> PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
    "PREFIX schema: <http://schema.org/> PREFIX org: <http://www.w3.org/ns/org#> "
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
)
SN = f"<{ID}meeting/socialnamnden-i-lindsbergs-kommun/2025-04-09>"
MBN = f"<{ID}meeting/miljo-och-byggnamnden-i-ekeby-kommun/2025-05-21>"

# ------------------------------------------------------------ socialnämnden, as text

SN_PROTOCOL = """\
LINDSBERGS KOMMUN                 PROTOKOLL                    1(3)
Socialnämnden                     Sammanträdesdatum
                                  2025-04-09

Plats och tid            Stadshuset, sammanträdesrum Björken, kl. 13.00–15.40
Beslutande               Karin Sjöberg (S), ordförande
                         Anders Nyqvist (M), vice ordförande
                         Leila Haddad (S)
                         Gunnar Berglöf (SD)
                         Mona Lindh (C), tjänstgörande ersättare för Erik Falk (C)
Ej tjänstgörande         Hugo Brandt (V)
ersättare
Övriga närvarande        Helena Qvist, socialchef
                         Petra Moberg, nämndsekreterare
Utses att justera        Leila Haddad (S)
Justeringens             Socialkontoret 2025-04-14
plats och tid
Paragrafer               31–37

Sekreterare              ...............................
                         Petra Moberg
Ordförande               ...............................
                         Karin Sjöberg
Justerande               ...............................
                         Leila Haddad

Justerandes signatur                                   Utdragsbestyrkande
LINDSBERGS KOMMUN                 PROTOKOLL                    2(3)
Socialnämnden                     Sammanträdesdatum
                                  2025-04-09

§ 31
Val av justerare
Beslut
Socialnämnden utser Leila Haddad (S) att justera dagens protokoll.

§ 32                                                Dnr SN 2025/52
Riktlinjer för ekonomiskt bistånd 2025
Ärendebeskrivning
Förvaltningen har reviderat riktlinjerna för ekonomiskt bistånd.
Beslut
Socialnämnden beslutar att anta riktlinjer för ekonomiskt bistånd att gälla från och
med 2025-05-01.

§ 33                                                Dnr SN 2025/60
Anmälan av delegationsbeslut
Ärendebeskrivning
Följande beslut fattade med stöd av delegation anmäls till nämnden:
Delegationslista 2025-03-01--2025-03-31, individ- och familjeomsorgen.
Beslut om bostadsanpassningsbidrag, dnr SN 2025/41, delegat: handläggare Eva Ek,
2025-03-02.
Beslut om förlängd placering enligt SoL, delegat: enhetschef Olof Rydberg,
2025-03-14.
Beslut att bevilja försörjningsstöd med 8 450 kronor, delegat: socialsekreterare
Sara Lund, 2025-03-20.
Ordförandebeslut om yttrande till förvaltningsrätten, dnr SN 2025/38, delegat:
ordförande Karin Sjöberg, 2025-03-25.
Beslut
Socialnämnden lägger anmälan av delegationsbeslut till handlingarna.

§ 34                                                Dnr SN 2025/61
Meddelanden
Ärendebeskrivning
Följande meddelanden anmäls till nämnden:
1. Länsstyrelsen i Östergötlands län beslutar att bevilja kommunen 1 200 000 kronor
   i statsbidrag för arbete mot våld i nära relationer, dnr SN 2025/12.
2. Kommunfullmäktige § 45 2025-02-24 Budget 2026 och plan för 2027–2028.
3. Inspektionen för vård och omsorg, beslut 2025-03-10 att avsluta tillsynsärende
   dnr 3.5.1-12345/2024.
4. Kommunstyrelsen § 12 2025-02-11 Uppdrag att se över lokalförsörjningen, med
   återrapportering senast 2025-09-30.
Beslut
Socialnämnden lägger meddelandena till handlingarna.

Justerandes signatur                                   Utdragsbestyrkande
LINDSBERGS KOMMUN                 PROTOKOLL                    3(3)
Socialnämnden                     Sammanträdesdatum
                                  2025-04-09

§ 35
Information från förvaltningen
Helena Qvist informerar om läget inom äldreomsorgen och om rekryteringen av
sjuksköterskor. Ekonomichef Johan Lilja redovisar ekonomiskt utfall per mars.
Beslut
Informationen noteras.

§ 36
Ordförandens information
Ordföranden informerar om mötet med regionens presidium den 2025-03-28.
Beslut
Socialnämnden noterar informationen.

§ 37
Övriga frågor
Gunnar Berglöf (SD) frågar om väntetiderna till hemtjänsten. Helena Qvist svarar
att frågan återkommer till nämnden i maj.
Beslut
Socialnämnden tar del av informationen.

Justerandes signatur                                   Utdragsbestyrkande
"""


def sn_protocol(path: Path) -> Path:
    path.write_text(SN_PROTOCOL, encoding="utf-8")
    return path


# ------------------------------------------------ miljö- och byggnämnden, as PDF

MBN_HEADER = ("EKEBY KOMMUN", "SAMMANTRÄDESPROTOKOLL", "Sida {page}")
MBN_FIELDS = (
    ("Plats och tid", "Kommunhuset, Lövsalen, kl. 09.00–11.45"),
    ("Beslutande", "Per Andersson (C), ordförande"),
    ("", "Linnea Hjort (S), vice ordförande"),
    ("", "Tobias Grahn (M)"),
    ("", "Ingrid Sellberg (KD)"),
    ("", "Rune Dahl (S), tjänstgörande ersättare för Amir Saleh (S)"),
    ("Övriga närvarande", "Maria Wennberg, miljö- och byggchef"),
    ("", "Jonas Ekdahl, nämndsekreterare"),
    ("Utses att justera", "Linnea Hjort (S)"),
    ("Paragrafer", "58–63"),
)
# Item number, case number, title, paragraphs (a heading is a paragraph of its own).
MbnItem = tuple[int, str, str, tuple[str, ...]]
MBN_ITEMS: tuple[MbnItem, ...] = (
    (
        58,
        "",
        "Val av justerare",
        ("Beslut", "Miljö- och byggnämnden utser Linnea Hjort (S) att justera protokollet."),
    ),
    (
        59,
        "Dnr MBN 2025/144",
        "Ansökan om bygglov för nybyggnad av enbostadshus på Ekeby 4:12",
        (
            "Ärendebeskrivning",
            "Sökanden ansöker om bygglov för ett enbostadshus om 146 kvadratmeter.",
            "Beslut",
            "Miljö- och byggnämnden beviljar bygglov med stöd av 9 kap. 31 § plan- och "
            "bygglagen. Avgiften för bygglovet är 31 200 kronor.",
        ),
    ),
    (
        60,
        "Dnr MBN 2025/12",
        "Redovisning av delegationsbeslut",
        (
            "Ärendebeskrivning",
            "Delegationsbeslut fattade under perioden 2025-04-01--2025-04-30 redovisas enligt "
            "bilaga.",
            "Beslut om bygglov, Ekeby 2:7, dnr MBN 2025/101, delegat: bygglovshandläggare "
            "Frida Holm, 2025-04-08.",
            "Beslut om föreläggande med vite om 25 000 kronor, dnr MBN 2025/88, delegat: "
            "miljöinspektör Ola Berggren, 2025-04-15.",
            "Beslut om startbesked, dnr MBN 2025/97, delegat: byggnadsinspektör Sanna "
            "Lindqvist, 2025-04-22.",
            "Beslut",
            "Miljö- och byggnämnden lägger redovisningen av delegationsbeslut till handlingarna.",
        ),
    ),
    (
        61,
        "Dnr MBN 2025/13",
        "Delgivningar",
        (
            "Ärendebeskrivning",
            "Länsstyrelsen beslutar att upphäva miljö- och byggnämndens beslut 2024-11-13 "
            "§ 142 om strandskyddsdispens och återförvisa ärendet, dnr 526-4410-2024.",
            "Mark- och miljödomstolen, dom 2025-04-02 i mål P 1187-24: överklagandet avslås.",
            "Kommunfullmäktige § 31 2025-03-24 Taxa för prövning och tillsyn enligt "
            "miljöbalken, att gälla från och med 2025-07-01.",
            "Beslut",
            "Delgivningarna läggs till handlingarna.",
        ),
    ),
    (
        62,
        "",
        "Information från förvaltningen",
        (
            "Maria Wennberg informerar om handläggningstiderna för bygglov och om "
            "tillsynsplanen för 2025.",
            "Beslut",
            "Miljö- och byggnämnden noterar informationen.",
        ),
    ),
    (
        63,
        "",
        "Rapporter",
        (
            "Tobias Grahn (M) rapporterar från länets samverkansmöte om strandskydd 2025-05-06.",
            "Beslut",
            "Rapporterna läggs till handlingarna.",
        ),
    ),
)


def mbn_protocol(path: Path) -> Path:
    letterhead = (MBN_HEADER, ("Miljö- och byggnämnden", "", "2025-05-21"))
    pdf = SignedPdf(letterhead, (60, 80, 0))
    pdf.add_page()
    for label, value in MBN_FIELDS:
        pdf.cell(45, 5, label)
        pdf.cell(0, 5, pdf.fit(value), new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    for number, case, title, paragraphs in MBN_ITEMS:
        pdf.cell(120, 5, f"§ {number}")
        pdf.cell(0, 5, case, new_x="LMARGIN", new_y="NEXT")
        pdf.paragraph(title)
        for paragraph in paragraphs:
            pdf.paragraph(paragraph)
        pdf.ln(4)
    path.write_bytes(bytes(pdf.output()))
    return path


def sn_protocol_in_sentences(path: Path) -> Path:
    """The socialnämnd's next meeting written without headings: the lists and the
    decisions on them are sentences of the item alike."""
    text = SN_PROTOCOL.replace("2025-04-09", "2025-05-14").replace("Ärendebeskrivning\n", "")
    text = text.replace("Beslut\nSocialnämnden lägger", "Socialnämnden lägger")
    text = text.replace(
        "Socialnämnden lägger meddelandena till handlingarna.",
        "Socialnämnden beslutar att lägga meddelandena till handlingarna.",
    )
    path.write_text(text, encoding="utf-8")
    return path


SN_IN_SENTENCES = f"<{ID}meeting/socialnamnden-i-lindsbergs-kommun/2025-05-14>"

# ------------------------------------------------------------------------ the graph


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    folder = tmp_path_factory.mktemp("reporting_items")
    files = (
        sn_protocol(folder / "lindsberg_sn_2025-04-09.txt"),
        sn_protocol_in_sentences(folder / "lindsberg_sn_2025-05-14.txt"),
        mbn_protocol(folder / "ekeby_mbn_2025-05-21.pdf"),
    )
    with loaded_store(folder, *files) as opened:
        yield opened


def _values(store: EmbeddedStore, where: str) -> list[str]:
    return select_values(store, PREFIXES, where, strip=(ID, BG), squeeze=True)


def _item(meeting: str, number: int) -> str:
    return f"<{meeting.strip('<>')}/item/{number}>"


def _decisions(store: EmbeddedStore, meeting: str, number: int) -> list[str]:
    """The item's decisions as "type: text"."""
    return _values(
        store,
        f"{_item(meeting, number)} bg:hasDecision ?d . ?d bg:decisionType ?t ; "
        "bg:decisionText ?x BIND(CONCAT(REPLACE(STR(?t), '^.*#', ''), ': ', ?x) AS ?v)",
    )


NOTED = "noteringAvInformation: "


@pytest.mark.parametrize(
    ("meeting", "number", "decision"),
    [
        (SN, 33, "Socialnämnden lägger anmälan av delegationsbeslut till handlingarna."),
        (
            SN_IN_SENTENCES,
            33,
            "Socialnämnden lägger anmälan av delegationsbeslut till handlingarna.",
        ),
        (
            MBN,
            60,
            "Miljö- och byggnämnden lägger redovisningen av delegationsbeslut till handlingarna.",
        ),
    ],
    ids=["text", "text-in-sentences", "pdf"],
)
def test_a_delegates_decision_in_the_list_is_no_decision_of_the_namnd(
    store: EmbeddedStore, meeting: str, number: int, decision: str
) -> None:
    # "Beslut om bostadsanpassningsbidrag, …, delegat: handläggare Eva Ek" names what a
    # delegate decided: no "Beslut" heading, no decision of the nämnd.
    assert _decisions(store, meeting, number) == [NOTED + decision]


@pytest.mark.parametrize(
    ("meeting", "number", "decision"),
    [
        (SN, 34, "Socialnämnden lägger meddelandena till handlingarna."),
        (SN_IN_SENTENCES, 34, "Socialnämnden beslutar att lägga meddelandena till handlingarna."),
        (MBN, 61, "Delgivningarna läggs till handlingarna."),
    ],
    ids=["text", "text-in-sentences", "pdf"],
)
def test_another_bodys_listed_decision_is_none_of_this_meeting(
    store: EmbeddedStore, meeting: str, number: int, decision: str
) -> None:
    # "Länsstyrelsen … beslutar att bevilja …", "Kommunfullmäktige § 45 2025-02-24 …": the
    # nämnd notes the letters; it decides nothing of theirs, nor do they at this meeting.
    assert _decisions(store, meeting, number) == [NOTED + decision]
    decided_by = f"{meeting} bg:hasAgendaItem/bg:hasDecision ?d . ?d bg:decidedBy ?v"
    assert len(_values(store, decided_by)) == 1


@pytest.mark.parametrize("meeting", [SN, SN_IN_SENTENCES, MBN], ids=["text", "sentences", "pdf"])
def test_the_lists_dates_and_sums_are_no_deadlines_periods_or_amounts(
    store: EmbeddedStore, meeting: str
) -> None:
    decisions = f"{meeting} bg:hasAgendaItem/bg:hasDecision ?d . "
    sums = _values(store, decisions + "?d schema:amount/schema:value ?v")
    # The bygglov's own fee is the only sum decided; none of the lists' (8 450 kronor of
    # a delegate, 1 200 000 kronor of the Länsstyrelsen, a vite of 25 000 kronor).
    assert sums == (["31200"] if meeting == MBN else [])
    assert _values(store, decisions + "?d bg:assignment ?v") == []
    assert _values(store, decisions + "?d bg:deadline ?v") == []


@pytest.mark.parametrize("meeting", [SN, SN_IN_SENTENCES, MBN], ids=["text", "sentences", "pdf"])
def test_delegates_and_handlaggare_in_the_lists_are_not_at_the_meeting(
    store: EmbeddedStore, meeting: str
) -> None:
    people = _values(store, f"{meeting} bg:attendee|bg:called|bg:presenter ?p . ?p foaf:name ?v")
    listed = {"Eva Ek", "Olof Rydberg", "Sara Lund", "Frida Holm", "Ola Berggren"}
    assert people and not listed & set(people)
    assert "Sanna Lindqvist" not in people


@pytest.mark.parametrize(
    ("meeting", "numbers"),
    [(SN, (35, 36, 37)), (MBN, (62, 63))],
    ids=["text", "pdf"],
)
def test_information_items_are_noted_once(
    store: EmbeddedStore, meeting: str, numbers: tuple[int, ...]
) -> None:
    for number in numbers:
        [decision] = _decisions(store, meeting, number)
        assert decision.startswith(NOTED)
