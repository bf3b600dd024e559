"""A board's preparing body, as a kommun publishes its protocols: the arbetsutskott of a
kommunstyrelse in plain text (its own § numbering and justering, proposals to the board,
also written as a heading "Arbetsutskottets förslag till kommunstyrelsen" with no Beslut,
an item passed on "utan eget förslag", a decision of its own by delegation) and the
kommunstyrelse in Word, citing the utskott's §§ and proposals under Beslutsunderlag and
Ärendet, proposing to fullmäktige under "Förslag till kommunfullmäktige", and giving a
task to "kommunstyrelsens beredning"; and a nämnd's presidium whose "Presidiets förslag
till nämnden" goes to the nämnd its name is of. Read as a user reads the graph: who decided, to
whom a proposal goes, and that a cited § or a beredning is no decision or post."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from beslutsgraf.store.embedded import EmbeddedStore
from tests.ingest.conftest import loaded_store, select_values

PREFIXES = (
    "PREFIX bg: <https://w3id.org/beslutsgraf/def#> PREFIX org: <http://www.w3.org/ns/org#> "
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX dct: <http://purl.org/dc/terms/> "
)
ID = "https://w3id.org/beslutsgraf/id/"
AU = "meeting/kommunstyrelsens-arbetsutskott-i-lerberga-kommun/2025-03-04"
KS = "meeting/kommunstyrelsen-i-lerberga-kommun/2025-03-18"

AU_PROTOCOL = """\
LERBERGA KOMMUN          SAMMANTRÄDESPROTOKOLL          1(4)
Kommunstyrelsens arbetsutskott          Sammanträdesdatum 2025-03-04

Plats och tid: Kommunhuset, sal Ågren, kl. 08.30–11.45

Beslutande
Maria Lindqvist (S), ordförande
Johan Ekström (M), vice ordförande
Sara Nyberg (C)
Erik Dahl (S), tjänstgörande ersättare för Anders Svensson (S)

Övriga närvarande
Helena Borg, kommundirektör
Per Wallin, sekreterare

Utses att justera: Johan Ekström
Justeringens plats och tid: Kommunhuset 2025-03-06

Paragrafer: 46–53

Sekreterare ..................................
Per Wallin

Ordförande ..................................
Maria Lindqvist

Justerare ..................................
Johan Ekström

§ 46    Dnr KS 2025/087
Medborgarförslag om utegym i Norrby

Beslutsunderlag
Tjänsteskrivelse 2025-02-14
Kommunstyrelsens arbetsutskott 2025-02-11 § 21

Beslut
Arbetsutskottet föreslår kommunstyrelsen besluta att avslå medborgarförslaget.

§ 47    Dnr KS 2025/130
Riktlinjer för representation

Beslut
Ärendet överlämnas till kommunstyrelsen utan eget förslag.

§ 48    Dnr KS 2025/141
Yttrande över remiss om regional transportplan

Beslutsunderlag
Tjänsteskrivelse 2025-02-27

Beslut
Arbetsutskottet beslutar att avge yttrande enligt förvaltningens förslag och att uppdra åt \
kommundirektören att återrapportera till kommunstyrelsen senast 2025-06-30.

§ 49    Dnr KS 2025/112
Budget 2026 och plan 2027–2028

Beslutsunderlag
Tjänsteskrivelse 2025-02-20

Arbetsutskottets förslag till kommunstyrelsen
Kommunstyrelsen föreslår kommunfullmäktige besluta att anta budget 2026 och plan \
2027–2028 enligt bilaga.

§ 50    Dnr KS 2025/160
Taxa för bygglov

Arbetsutskottets förslag till beslut
Kommunstyrelsen beslutar att godkänna taxan för bygglov enligt bilaga.

§ 51    Dnr KS 2025/161
Arvodesreglemente för förtroendevalda

Arbetsutskottets förslag till kommunstyrelsen: Kommunstyrelsen antar arvodesreglementet.

§ 52    Dnr KS 2025/162
Lokalförsörjningsplan 2025–2030

Beslut
Arbetsutskottet föreslår kommunstyrelsen att anta lokalförsörjningsplanen.

§ 53    Dnr KS 2025/163
Avfallsplan

Beslut
Arbetsutskottet föreslår att kommunstyrelsen godkänner avfallsplanen.
"""

PRESIDIUM = "meeting/barn-och-utbildningsnamndens-presidium-i-lerberga-kommun/2025-05-06"
PRESIDIUM_PROTOCOL = """\
LERBERGA KOMMUN          PROTOKOLL          1(2)
Barn- och utbildningsnämndens presidium          Sammanträdesdatum 2025-05-06

Plats och tid: Kommunhuset, rum Linden, kl. 09.00–10.00

Beslutande
Karin Holm (S), ordförande
Olof Sund (M), vice ordförande

Övriga närvarande
Eva Lind, förvaltningschef

Utses att justera: Olof Sund

§ 12    Dnr BUN 2025/44
Regler för skolskjuts

Presidiets förslag till nämnden
Barn- och utbildningsnämnden föreslår kommunfullmäktige att anta reglerna för skolskjuts.

§ 13    Dnr BUN 2025/45
Sammanträdesplan 2026

Presidiets förslag till beslut: Nämnden fastställer sammanträdesplanen för 2026.
"""

Part = tuple[str, tuple[str, ...]]  # a bold sub-heading of a § and its paragraphs
KS_ITEMS: tuple[tuple[int, str, str, tuple[Part, ...]], ...] = (
    (60, "Dnr KS 2025/112", "Budget 2026 och plan 2027–2028", (
        ("Beslutsunderlag", (
            "Tjänsteskrivelse 2025-02-20",
            "Kommunstyrelsens arbetsutskott 2025-03-04 § 45",
        )),
        ("Beslut", (
            "Kommunstyrelsen föreslår kommunfullmäktige besluta att anta budget 2026 och "
            "plan 2027–2028 enligt bilaga.",
        )),
    )),
    (61, "Dnr KS 2025/087", "Medborgarförslag om utegym i Norrby", (
        ("Beslutsunderlag", ("Arbetsutskottets förslag 2025-03-04 § 46",)),
        ("Beslut", ("Kommunstyrelsen beslutar att avslå medborgarförslaget.",)),
    )),
    (62, "Dnr KS 2025/130", "Riktlinjer för representation", (
        ("Beslutsunderlag", ("Kommunstyrelsens arbetsutskott 2025-03-04 § 47",)),
        ("Beslut", ("Kommunstyrelsen antar riktlinjer för representation enligt bilaga.",)),
    )),
    (63, "Dnr KS 2025/150", "Översyn av delegationsordningen", (
        ("Beslut", (
            "Kommunstyrelsen ger kommunstyrelsens beredning i uppdrag att se över "
            "delegationsordningen och återrapportera senast 2025-09-30.",
        )),
        ("Beslutet skickas till", ("Kommunstyrelsens beredning", "Kommundirektören")),
    )),
    (64, "Dnr KS 2025/161", "Arvodesreglemente för förtroendevalda", (
        ("Ärendet", ("Arvodesreglementet ses över inför den nya mandatperioden.",)),
        ("Arbetsutskottets förslag till kommunstyrelsen", (
            "Kommunstyrelsen antar arvodesreglementet.",
        )),
        ("Beslut", (
            "Kommunstyrelsen föreslår kommunfullmäktige besluta att anta arvodesreglementet.",
        )),
    )),
    (65, "Dnr KS 2025/162", "Lokalförsörjningsplan 2025–2030", (
        ("Beslutsunderlag", (
            "Tjänsteskrivelse 2025-02-25",
            "Arbetsutskottets förslag till kommunstyrelsen: Kommunstyrelsen antar "
            "lokalförsörjningsplanen.",
        )),
        ("Beslut", ("Kommunstyrelsen antar lokalförsörjningsplanen med ändringar enligt bilaga.",)),
    )),
    (66, "Dnr KS 2025/170", "Ny förbundsordning för räddningstjänsten", (
        ("Förslag till kommunfullmäktige", (
            "Kommunfullmäktige godkänner den nya förbundsordningen.",
        )),
    )),
)  # fmt: skip


def ks_protocol(path: Path) -> Path:
    """The kommunstyrelse's protocol as its Word template writes it: the letterhead a
    table in the page header, the participants a two-column table, each § in bold."""
    document = docx.Document()
    section = document.sections[0]
    header = section.header.add_table(rows=2, cols=3, width=section.page_width)
    letterhead = (
        ("LERBERGA KOMMUN", "SAMMANTRÄDESPROTOKOLL", "Sida 1(5)"),
        ("Kommunstyrelsen", "Sammanträdesdatum", "2025-03-18"),
    )
    for row, cells in zip(header.rows, letterhead, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.add_paragraph("Plats och tid: Kommunhuset, sal Ågren, kl. 13.00–16.10")
    table = document.add_table(rows=0, cols=2)
    participants = (
        ("Beslutande", ""),
        ("Maria Lindqvist (S)", "ordförande"),
        ("Johan Ekström (M)", "vice ordförande"),
        ("Sara Nyberg (C)", "ledamot"),
        ("Anders Svensson (S)", "ledamot"),
        ("Lena Forsberg (L)", "ledamot"),
        ("Övriga närvarande", ""),
        ("Helena Borg", "kommundirektör"),
        ("Per Wallin", "sekreterare"),
    )
    for label, value in participants:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    document.add_paragraph("Utses att justera: Sara Nyberg")
    document.add_paragraph("Justeringens plats och tid: Kommunhuset 2025-03-20")
    for number, case, title, parts in KS_ITEMS:
        document.add_paragraph().add_run(f"§ {number}\t{case}").bold = True
        document.add_paragraph().add_run(title).bold = True
        for heading, paragraphs in parts:
            document.add_paragraph().add_run(heading).bold = True
            for paragraph in paragraphs:
                document.add_paragraph(paragraph)
    document.save(path)
    return path


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    folder = tmp_path_factory.mktemp("preparing")
    au = folder / "lerberga_ksau_2025-03-04.txt"
    au.write_text(AU_PROTOCOL, encoding="utf-8")
    presidium = folder / "lerberga_bun_presidium_2025-05-06.txt"
    presidium.write_text(PRESIDIUM_PROTOCOL, encoding="utf-8")
    ks = ks_protocol(folder / "lerberga_ks_2025-03-18.docx")
    with loaded_store(folder, au, ks, presidium) as opened:
        yield opened


def _values(store: EmbeddedStore, where: str) -> list[str]:
    return select_values(store, PREFIXES, where)


def _decision(meeting: str, number: int) -> str:
    return f"<{ID}{meeting}/item/{number}/decision/1>"


def test_the_utskott_holds_its_meeting_as_a_body_of_the_kommun(store: EmbeddedStore) -> None:
    au = "org/kommunstyrelsens-arbetsutskott-i-lerberga-kommun"
    assert _values(store, f"<{ID}{AU}> bg:heldBy ?v") == [au]
    assert _values(store, f"<{ID}{au}> skos:prefLabel ?v") == [
        "Kommunstyrelsens arbetsutskott i Lerberga kommun"
    ]
    assert _values(store, f"<{ID}{au}> org:classification ?v") == [
        "https://w3id.org/beslutsgraf/def#namnd"
    ]
    assert _values(store, f"<{ID}{au}> org:subOrganizationOf ?v") == ["org/lerberga-kommun"]


def test_a_proposal_to_the_board_is_the_utskotts_recommendation_to_it(
    store: EmbeddedStore,
) -> None:
    decision = _decision(AU, 46)
    assert _values(store, f"{decision} bg:decisionType ?v") == [
        "https://w3id.org/beslutsgraf/def#rekommendation"
    ]
    assert _values(store, f"{decision} bg:decidedBy ?v") == [
        "org/kommunstyrelsens-arbetsutskott-i-lerberga-kommun"
    ]
    assert _values(store, f"{decision} bg:recommendsTo ?v") == [
        "org/kommunstyrelsen-i-lerberga-kommun"
    ]


def test_passed_on_without_a_proposal_is_a_formal_decision(store: EmbeddedStore) -> None:
    decision = _decision(AU, 47)
    assert _values(store, f"{decision} bg:decisionType ?v") == [
        "https://w3id.org/beslutsgraf/def#formelltBeslut"
    ]
    assert _values(store, f"{decision} bg:recommendsTo ?v") == []


def test_the_utskotts_own_decision_assigns_and_dates(store: EmbeddedStore) -> None:
    decision = _decision(AU, 48)
    assert _values(store, f"{decision} bg:deadline ?v") == ["2025-06-30"]
    assert _values(store, f"{decision} bg:decidedBy ?v") == [
        "org/kommunstyrelsens-arbetsutskott-i-lerberga-kommun"
    ]


def test_the_board_decides_only_in_its_own_meeting(store: EmbeddedStore) -> None:
    """The utskott's proposals are no decisions of the board, and the §§ the board cites
    under Beslutsunderlag are no meetings, items or deadlines of their own."""
    board = f"<{ID}org/kommunstyrelsen-i-lerberga-kommun>"
    assert _values(store, f"?d bg:decidedBy {board} ; bg:decidedAt ?v") == [KS]
    assert _values(store, "?v a bg:Meeting") == sorted([AU, KS, PRESIDIUM])
    assert _values(store, f"<{ID}{AU}> bg:hasAgendaItem ?i . ?i bg:itemNumber ?v") == [
        "46",
        "47",
        "48",
        "49",
        "50",
        "51",
        "52",
        "53",
    ]
    assert _values(store, "?d bg:deadline ?v") == ["2025-06-30", "2025-09-30"]


def test_the_boards_proposal_goes_to_its_assembly(store: EmbeddedStore) -> None:
    decision = _decision(KS, 60)
    assert _values(store, f"{decision} bg:recommendsTo ?v") == [
        "org/kommunfullmaktige-i-lerberga-kommun"
    ]


def test_kommunstyrelsens_beredning_is_a_body_not_a_post(store: EmbeddedStore) -> None:
    beredning = "org/kommunstyrelsens-beredning-i-lerberga-kommun"
    assert _values(store, "?v a org:Post") == ["post/lerberga-kommun/kommundirektor"]
    assert _values(store, f"{_decision(KS, 63)} bg:assignment ?a . ?a bg:assignee ?v") == [
        beredning
    ]
    assert _values(store, f"<{ID}{beredning}> org:classification ?v") == [
        "https://w3id.org/beslutsgraf/def#namnd"
    ]
    assert _values(store, f"<{ID}{beredning}> org:subOrganizationOf ?v") == ["org/lerberga-kommun"]


def _decisions_of(store: EmbeddedStore, meeting: str, number: int) -> list[str]:
    return _values(store, f"<{ID}{meeting}/item/{number}> bg:hasDecision ?v")


def _recommendation(store: EmbeddedStore, meeting: str, number: int) -> tuple[str, ...]:
    """The one decision of § `number`: its type's local name, its addressees, its text."""
    assert len(_decisions_of(store, meeting, number)) == 1
    decision = _decision(meeting, number)
    (kind,) = _values(store, f"{decision} bg:decisionType ?v")
    (text,) = _values(store, f"{decision} bg:decisionText ?v")
    to = _values(store, f"{decision} bg:recommendsTo ?v")
    return (kind.rpartition("#")[2], *to, text)


BOARD = "org/kommunstyrelsen-i-lerberga-kommun"


@pytest.mark.parametrize(
    ("number", "text"),
    [
        # The heading is the decision: to the body it names, not the one its text names.
        pytest.param(49, "Kommunstyrelsen föreslår kommunfullmäktige besluta att anta budget "
                     "2026 och plan 2027–2028 enligt bilaga.", id="heading"),
        # "till beslut" names no body: the one the proposal has decide.
        pytest.param(50, "Kommunstyrelsen beslutar att godkänna taxan för bygglov enligt "
                     "bilaga.", id="heading-till-beslut"),
        pytest.param(51, "Kommunstyrelsen antar arvodesreglementet.", id="inline-label"),
        # Proposal verbs other than "besluta".
        pytest.param(52, "Arbetsutskottet föreslår kommunstyrelsen att anta "
                     "lokalförsörjningsplanen.", id="foreslar-x-att"),
        pytest.param(53, "Arbetsutskottet föreslår att kommunstyrelsen godkänner avfallsplanen.",
                     id="foreslar-att-x-verb"),
    ],
)  # fmt: skip
def test_the_utskotts_proposal_is_its_recommendation_to_the_board(
    store: EmbeddedStore, number: int, text: str
) -> None:
    assert _recommendation(store, AU, number) == ("rekommendation", BOARD, text)
    assert _values(store, f"{_decision(AU, number)} bg:decidedBy ?v") == [
        "org/kommunstyrelsens-arbetsutskott-i-lerberga-kommun"
    ]


def test_the_utskotts_proposal_quoted_by_the_board_is_no_decision_of_it(
    store: EmbeddedStore,
) -> None:
    """Under Ärendet or Beslutsunderlag, "Arbetsutskottets förslag till kommunstyrelsen"
    is background: the board's own Beslut is its one decision."""
    assert _recommendation(store, KS, 64) == (
        "rekommendation",
        "org/kommunfullmaktige-i-lerberga-kommun",
        "Kommunstyrelsen föreslår kommunfullmäktige besluta att anta arvodesreglementet.",
    )
    assert _recommendation(store, KS, 65) == (
        "formelltBeslut",
        "Kommunstyrelsen antar lokalförsörjningsplanen med ändringar enligt bilaga.",
    )


def test_the_boards_proposal_heading_is_its_recommendation_to_its_assembly(
    store: EmbeddedStore,
) -> None:
    assert _recommendation(store, KS, 66) == (
        "rekommendation",
        "org/kommunfullmaktige-i-lerberga-kommun",
        "Kommunfullmäktige godkänner den nya förbundsordningen.",
    )


def test_a_presidiums_proposal_goes_to_the_namnd_it_is_the_presidium_of(
    store: EmbeddedStore,
) -> None:
    """A presidium's proposal "till nämnden", as a heading or a label, goes to the nämnd
    whose presidium it is, not to a body named "nämnden"."""
    namnd = "org/barn-och-utbildningsnamnden-i-lerberga-kommun"
    assert _recommendation(store, PRESIDIUM, 12) == (
        "rekommendation",
        namnd,
        "Barn- och utbildningsnämnden föreslår kommunfullmäktige att anta reglerna för skolskjuts.",
    )
    assert _recommendation(store, PRESIDIUM, 13) == (
        "rekommendation",
        namnd,
        "Nämnden fastställer sammanträdesplanen för 2026.",
    )
