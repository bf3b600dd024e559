"""A kommunfullmäktige's own items, beside its boards' proposals: a member's motion
answered ("Motionen avslås", "anses besvarad", "bifalls"), a medborgarförslag, an
interpellation allowed ("Interpellationen får ställas") or answered (told, not decided),
incoming motions remitted to the kommunstyrelse or a nämnd, and a resignation that goes on
to ask for a recount. One protocol as text, one in Word; each read as a user reads the graph:
who wrote a motion and for which party, what became of it, and which body must answer it
by when."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from beslutsgraf.store.embedded import EmbeddedStore
from tests.ingest.conftest import load, loaded_store, select_values
from tests.ingest.test_kommun_office_protocols import (
    Item,
    _two_columns,
    _word_items,
    _word_letterhead,
)

PREFIXES = (
    "PREFIX bg: <https://w3id.org/beslutsgraf/def#> PREFIX org: <http://www.w3.org/ns/org#> "
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
    "PREFIX dct: <http://purl.org/dc/terms/> PREFIX time: <http://www.w3.org/2006/time#> "
)
ID = "https://w3id.org/beslutsgraf/id/"
BG = "https://w3id.org/beslutsgraf/def#"
TEXT_KF = f"<{ID}meeting/kommunfullmaktige-i-saterbo-kommun/2025-04-28>"
WORD_KF = f"<{ID}meeting/kommunfullmaktige-i-lillberga-kommun/2025-05-26>"

TEXT_PROTOCOL = """SÄTERBO KOMMUN
PROTOKOLL
Kommunfullmäktige
Sammanträdesdatum 2025-04-28

Plats och tid: Kommunhuset, Fullmäktigesalen, kl. 18.00–20.45

Beslutande
Ledamöter
Eva Strand (S), ordförande
Göran Lilja (M), 1:e vice ordförande
Anna Lind (V)
Per Ek (SD)
Maria Sjöberg (C)
Tomas Hed (S)
Lisa Norrman (KD)
Jonas Vret (L)
Tjänstgörande ersättare
Kerstin Ahl (S) ersätter Bo Nyman (S)

Övriga närvarande
Helena Rask, kommundirektör
Fredrik Dahl, nämndsekreterare

Justerare: Maria Sjöberg (C)
Justeringens plats och tid: Kommunhuset 2025-05-02
Paragrafer: §§ 31–37

§ 31 Dnr KS 2025/00012
Val av justerare
Kommunfullmäktiges beslut
Kommunfullmäktige utser Maria Sjöberg (C) att justera dagens protokoll.

§ 32 Dnr KS 2024/00410
Svar på motion från Anna Lind (V) om gratis kollektivtrafik för pensionärer
Sammanfattning
Anna Lind (V) har i en motion föreslagit att kommunen inför gratis kollektivtrafik för \
pensionärer. Kommunstyrelsen har berett ärendet och föreslår att motionen avslås.
Kommunfullmäktiges beslut
Motionen avslås.
Yrkanden
Anna Lind (V) yrkar bifall till motionen.
Göran Lilja (M) yrkar bifall till kommunstyrelsens förslag.
Beslutsgång
Ordföranden ställer proposition på yrkandena och finner att kommunfullmäktige beslutar \
enligt Göran Liljas yrkande.
Reservation
Anna Lind (V) reserverar sig mot beslutet till förmån för eget yrkande.

§ 33 Dnr KS 2024/00388
Svar på motion från Jonas Vret (L) om ökad belysning på gång- och cykelvägar
Sammanfattning
Jonas Vret (L) föreslår i en motion att belysningen förbättras längs kommunens gång- och \
cykelvägar. Samhällsbyggnadsnämnden har yttrat sig och arbetet pågår redan.
Kommunfullmäktiges beslut
Motionen anses besvarad.

§ 34 Dnr KS 2024/00395
Medborgarförslag om belysning i Västra parken
Sammanfattning
Ett medborgarförslag har inkommit om att sätta upp belysning i Västra parken.
Kommunfullmäktiges beslut
Medborgarförslaget bifalls.

§ 35 Dnr KS 2025/00102
Interpellation från Per Ek (SD) till kommunstyrelsens ordförande om hemtjänstens kostnader
Interpellationen besvaras av kommunstyrelsens ordförande Eva Strand (S).
Per Ek (SD) och Eva Strand (S) deltar i debatten.

§ 36 Dnr KS 2025/00120
Anmälan av inkomna motioner
Kommunfullmäktiges beslut
Motion från Lisa Norrman (KD) om fler platser i förskolan anmäls och remitteras till \
kommunstyrelsen.
Motion av Tomas Hed (S) och Göran Lilja (M) angående simskola för alla barn anmäls och \
remitteras till barn- och utbildningsnämnden för yttrande senast 2025-06-30.

§ 37 Dnr KS 2025/00098
Avsägelser och fyllnadsval
Kommunfullmäktiges beslut
Kommunfullmäktige beviljar Bo Nyman (S) entledigande från uppdraget som ledamot i \
kommunfullmäktige och begär ny sammanräkning hos Länsstyrelsen.
Kommunfullmäktige väljer Kerstin Ahl (S) till ledamot i socialnämnden för tiden till och \
med 2026-12-31.
"""

WORD_ITEMS: tuple[Item, ...] = (
    (
        53,
        "Dnr KS 2025/207",
        "Interpellation från Rune Sjödin (SD) till socialnämndens ordförande om väntetider i "
        "hemtjänsten",
        (
            ("Beslut", ("Interpellationen får ställas.",)),
            (
                "Ärendebeskrivning",
                (
                    "Socialnämndens ordförande Malin Åkesson (S) besvarar interpellationen vid "
                    "nästa sammanträde.",
                ),
            ),
        ),
    ),
    (
        54,
        "Dnr KS 2025/88",
        "Interpellation från Ingrid Falk (M) till kommunstyrelsens ordförande om skolskjutsar",
        (
            (
                "Ärendebeskrivning",
                (
                    "Interpellationen besvaras av kommunstyrelsens ordförande Håkan Berglund (S). "
                    "Ingrid Falk (M) och Håkan Berglund (S) deltar i överläggningen.",
                ),
            ),
        ),
    ),
    (
        55,
        "Dnr KS 2024/301",
        "Svar på motion från Sara Nilsson (MP) om solceller på kommunens fastigheter",
        (
            (
                "Beslutsunderlag",
                ("Kommunstyrelsens protokoll 2025-04-08 § 71", "Motion 2024-09-23"),
            ),
            ("Beslut", ("Motionen bifalls.",)),
        ),
    ),
    (
        56,
        "Dnr KS 2025/199",
        "Anmälan av inkomna motioner",
        (
            (
                "Beslut",
                (
                    "Motion från Ingrid Falk (M) om trygghetskameror i centrum anmäls och "
                    "remitteras till kommunstyrelsen för beredning.",
                ),
            ),
        ),
    ),
    (
        57,
        "Dnr KS 2025/180",
        "Avsägelser och fyllnadsval",
        (
            (
                "Beslut",
                (
                    "Kommunfullmäktige beviljar Ola Persson (C) entledigande från uppdraget som "
                    "ersättare i kommunstyrelsen och förrättar fyllnadsval.",
                ),
            ),
        ),
    ),
)
WORD_MEMBERS = (
    "Håkan Berglund (S), ordförande\nIngrid Falk (M), 1:e vice ordförande\nRune Sjödin (SD)\n"
    "Malin Åkesson (S)\nErik Holm (C)\nSofia Lund (V)\nNils Ström (KD)\n"
    "Anders Lind (S) tjänstgörande ersättare för Lotta Bergman (S)"
)


def word_protocol(path: Path) -> Path:
    document = docx.Document()
    _word_letterhead(
        document,
        (
            ("LILLBERGA KOMMUN", "SAMMANTRÄDESPROTOKOLL", "Sida 1(4)"),
            ("Kommunfullmäktige", "Sammanträdesdatum", "2025-05-26"),
        ),
    )
    _two_columns(
        document,
        (
            ("Plats och tid", "Kommunhuset, Sessionssalen, kl. 18.00–20.10"),
            ("Beslutande", WORD_MEMBERS),
            ("Frånvarande", "Lotta Bergman (S)"),
            ("Övriga deltagare", "Karin Wester, kommunsekreterare"),
            ("Utses att justera", "Erik Holm (C)"),
            ("Justeringens plats och tid", "Kommunhuset 2025-05-30"),
            ("Paragrafer", "53–57"),
        ),
    )
    document.add_page_break()
    _word_items(document, WORD_ITEMS)
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    folder = tmp_path_factory.mktemp("kf_motions")
    text = folder / "saterbo_kf_2025-04-28.txt"
    text.write_text(TEXT_PROTOCOL, encoding="utf-8")
    files = (text, word_protocol(folder / "lillberga_kf_2025-05-26.docx"))
    with loaded_store(folder, *files) as opened:
        yield opened


def _values(store: EmbeddedStore, where: str) -> list[str]:
    return select_values(store, PREFIXES, where, strip=(ID, BG))


def _item(meeting: str, number: int) -> str:
    return f"<{meeting.strip('<>')}/item/{number}>"


def _decisions(store: EmbeddedStore, meeting: str, number: int) -> list[str]:
    """Each decision of the item as "type by body: text"."""
    return _values(
        store,
        f"{_item(meeting, number)} bg:hasDecision ?d . ?d bg:decisionType ?t ; "
        "bg:decidedBy/skos:prefLabel ?b ; bg:decisionText ?x "
        "BIND(CONCAT(STRAFTER(STR(?t), '#'), ' by ', STR(?b), ': ', STR(?x)) AS ?v)",
    )


def test_each_paragraph_is_an_item_with_its_case_number_and_whole_title(
    store: EmbeddedStore,
) -> None:
    rows = (
        f"{TEXT_KF} bg:hasAgendaItem ?i . ?i bg:itemNumber ?n ; bg:caseNumber ?c ; dct:title ?t "
        "BIND(CONCAT(STR(?n), ' ', ?c, ' ', ?t) AS ?v)"
    )
    assert _values(store, rows)[1:5] == [
        "32 KS 2024/00410 Svar på motion från Anna Lind (V) om gratis kollektivtrafik för "
        "pensionärer",
        "33 KS 2024/00388 Svar på motion från Jonas Vret (L) om ökad belysning på gång- och "
        "cykelvägar",
        "34 KS 2024/00395 Medborgarförslag om belysning i Västra parken",
        "35 KS 2025/00102 Interpellation från Per Ek (SD) till kommunstyrelsens ordförande om "
        "hemtjänstens kostnader",
    ]


def test_a_motion_answered_is_one_formal_decision_of_the_assembly(store: EmbeddedStore) -> None:
    assembly = "Kommunfullmäktige i Säterbo kommun"
    assert _decisions(store, TEXT_KF, 32) == [f"formelltBeslut by {assembly}: Motionen avslås."]
    assert _decisions(store, TEXT_KF, 33) == [
        f"formelltBeslut by {assembly}: Motionen anses besvarad."
    ]
    assert _decisions(store, TEXT_KF, 34) == [
        f"formelltBeslut by {assembly}: Medborgarförslaget bifalls."
    ]
    assert _decisions(store, WORD_KF, 55) == [
        "formelltBeslut by Kommunfullmäktige i Lillberga kommun: Motionen bifalls."
    ]


def test_a_motions_author_sits_only_as_the_roster_says(store: EmbeddedStore) -> None:
    # Anna Lind (V) is on the roster: she attends, with her party; she did not decide.
    assert "Anna Lind" in _values(store, f"{TEXT_KF} bg:attendee/foaf:name ?v")
    assert _values(
        store,
        f"?m org:member <{ID}person/anna-lind> ; org:role bg:partimedlem ; org:organization ?v",
    ) == ["party/V"]
    # Sara Nilsson (MP) wrote the motion answered in § 55 but is on no roster of the meeting.
    for relation in ("called", "attendee", "absentee"):
        assert "Sara Nilsson" not in _values(store, f"{WORD_KF} bg:{relation}/foaf:name ?v")


def test_an_interpellation_answered_is_no_decision(store: EmbeddedStore) -> None:
    assert _decisions(store, TEXT_KF, 35) == []
    assert _decisions(store, WORD_KF, 54) == []


def test_an_interpellation_allowed_is_a_formal_decision(store: EmbeddedStore) -> None:
    assert _decisions(store, WORD_KF, 53) == [
        "formelltBeslut by Kommunfullmäktige i Lillberga kommun: Interpellationen får ställas."
    ]


@pytest.mark.parametrize(("meeting", "item"), [(TEXT_KF, 36), (WORD_KF, 56)], ids=["txt", "docx"])
def test_a_motion_remitted_to_the_kommunstyrelse_is_a_formal_decision(
    store: EmbeddedStore, meeting: str, item: int
) -> None:
    types = _values(store, f"{_item(meeting, item)} bg:hasDecision/bg:decisionType ?v")
    assert types == ["formelltBeslut"]


@pytest.mark.parametrize(
    ("person", "board", "role", "end"),
    [
        ("bo-nyman", "kommunfullmaktige-i-saterbo-kommun", "ledamot", "2025-04-28"),
        ("ola-persson", "kommunstyrelsen-i-lillberga-kommun", "ersattare", "2025-05-26"),
    ],
    ids=["txt", "docx"],
)
def test_a_resignation_ends_the_seat_in_the_board_before_the_next_step(
    store: EmbeddedStore, person: str, board: str, role: str, end: str
) -> None:
    # "… entledigande från uppdraget som ledamot i kommunfullmäktige och begär ny
    # sammanräkning hos Länsstyrelsen": the board is kommunfullmäktige, the rest a new step.
    seats = (
        f"?m org:member <{ID}person/{person}> ; org:role bg:{role} ; org:organization ?o ; "
        "org:memberDuring/time:hasEnd/time:inXSDDate ?end "
        "BIND(CONCAT(STRAFTER(STR(?o), 'id/'), ' ', STR(?end)) AS ?v)"
    )
    assert _values(store, seats) == [f"org/{board} {end}"]
    labels = _values(store, "?o a org:Organization ; skos:prefLabel ?v")
    assert not [label for label in labels if "sammanräkning" in label or "fyllnadsval" in label]


def _motions(store: EmbeddedStore, where: str) -> list[str]:
    """Each written motion as "title: author (party)", among those `where` selects as ?m."""
    return _values(
        store,
        f"{where} ?m a bg:Motion ; dct:title ?t ; bg:proposedBy ?p . ?p foaf:name ?n . "
        "?s org:member ?p ; org:role bg:partimedlem ; org:organization ?party "
        "BIND(CONCAT(STR(?t), ': ', ?n, ' (', STRAFTER(STR(?party), 'party/'), ')') AS ?v)",
    )


def test_a_written_motion_names_its_authors_with_their_parties(store: EmbeddedStore) -> None:
    assert _motions(store, "?d bg:concerns ?m .") == [
        "fler platser i förskolan: Lisa Norrman (KD)",
        "gratis kollektivtrafik för pensionärer: Anna Lind (V)",
        "simskola för alla barn: Göran Lilja (M)",
        "simskola för alla barn: Tomas Hed (S)",
        "solceller på kommunens fastigheter: Sara Nilsson (MP)",
        "trygghetskameror i centrum: Ingrid Falk (M)",
        "ökad belysning på gång- och cykelvägar: Jonas Vret (L)",
    ]
    # The author on the roster is the member who sat: one person, not two.
    assert _values(
        store,
        f"?m dct:title 'gratis kollektivtrafik för pensionärer'@sv ; bg:proposedBy ?p . "
        f"{TEXT_KF} bg:attendee ?p BIND(STR(?p) AS ?v)",
    ) == [f"{ID}person/anna-lind"]


def test_a_decision_adopts_the_motion_it_grants_not_one_it_rejects_or_answers(
    store: EmbeddedStore,
) -> None:
    answered = (
        f"VALUES ?i {{ {_item(TEXT_KF, 32)} {_item(TEXT_KF, 33)} {_item(WORD_KF, 55)} }} "
        "?i bg:hasDecision ?d . ?d bg:concerns ?m ."
    )
    assert len(_motions(store, answered)) == 3
    assert _motions(store, "?d bg:adoptsMotion ?m .") == [
        "solceller på kommunens fastigheter: Sara Nilsson (MP)"
    ]


def test_a_medborgarforslag_without_a_name_has_no_author(store: EmbeddedStore) -> None:
    assert _values(store, f"{_item(TEXT_KF, 34)} bg:hasDecision/bg:concerns ?v") == []


def test_a_remitted_motion_is_an_assignment_of_the_body_it_is_sent_to(
    store: EmbeddedStore,
) -> None:
    remitted = (
        "?d bg:concerns ?a . ?a a bg:Assignment ; bg:concerns/dct:title ?t ; "
        "bg:assignee/skos:prefLabel ?b ; bg:task ?task "
        "OPTIONAL { ?a bg:deadline ?due } "
        "BIND(CONCAT(STR(?t), ' → ', STR(?b), ' ', COALESCE(STR(?due), '-')) AS ?v)"
    )
    assert _values(store, remitted) == [
        "fler platser i förskolan → Kommunstyrelsen i Säterbo kommun -",
        "simskola för alla barn → Barn- och utbildningsnämnden i Säterbo kommun 2025-06-30",
        "trygghetskameror i centrum → Kommunstyrelsen i Lillberga kommun -",
    ]
    tasks = _values(store, f"{_item(WORD_KF, 56)} bg:hasDecision/bg:assignment/bg:task ?v")
    assert tasks == [
        "Motion från Ingrid Falk (M) om trygghetskameror i centrum anmäls och remitteras till "
        "kommunstyrelsen för beredning."
    ]


# One motion through three protocols of one kommun: the assembly remits it (its title
# wraps onto the next line), the kommunstyrelse prepares the answer, the assembly answers.
NORRBY_HEAD = """NORRBY KOMMUN
PROTOKOLL
{body}
Sammanträdesdatum {date}

Plats och tid: Kommunhuset, {room}, kl. 18.00–19.30

Beslutande
Ledamöter
Karl Viklund (S), ordförande
{members}
Justerare: Gunnar Åström (M)
Paragrafer: §§ {first}–{last}

§ {first} Dnr KS {year}/00005
Val av justerare
{body_genitive} beslut
{body} utser Gunnar Åström (M) att justera dagens protokoll.

"""
NORRBY_MEMBERS = "Anna Berg (V)\nPer Holm (V)\nLisa Ek (S)\nGunnar Åström (M)\n"
NORRBY_ITEMS = {
    "kf_2025-02-24": """§ 12 Dnr KS 2025/00031
Anmälan av inkomna motioner
Kommunfullmäktiges beslut
Motion från Anna Berg (V) med flera om en ny idrottshall i
östra Norrby anmäls och remitteras till kommunstyrelsen för beredning.
""",
    "ks_2025-05-13": """§ 45 Dnr KS 2025/00031
Yttrande över motion från Anna Berg (V) med flera om en ny idrottshall i östra Norrby
Sammanfattning
Anna Berg (V), Per Holm (V) och Lisa Ek (S) har i en motion föreslagit att kommunen bygger \
en ny idrottshall i östra Norrby. Kultur- och fritidsförvaltningen bedömer att behovet täcks \
av befintliga hallar.
Kommunstyrelsens förslag till kommunfullmäktige
Kommunstyrelsen föreslår kommunfullmäktige besluta att motionen avslås.
""",
    "kf_2025-06-16": """§ 61 Dnr KS 2025/00031
Svar på motion från Anna Berg (V) med flera om en ny idrottshall i östra Norrby
Sammanfattning
Anna Berg (V), Per Holm (V) och Lisa Ek (S) har i en motion föreslagit att kommunen bygger \
en ny idrottshall i östra Norrby. Kommunstyrelsen föreslår att motionen avslås.
Kommunfullmäktiges beslut
Motionen avslås.
""",
}


def norrby_protocols(folder: Path) -> list[Path]:
    """The three protocols, each a file in `folder`."""
    paths = []
    for name, item in NORRBY_ITEMS.items():
        board, date = name.split("_")
        body = "Kommunstyrelsen" if board == "ks" else "Kommunfullmäktige"
        number = int(item.split()[1])
        head = NORRBY_HEAD.format(
            body=body,
            body_genitive=body + "s",
            date=date,
            year=date[:4],
            room="Styrelserummet" if board == "ks" else "Fullmäktigesalen",
            members=NORRBY_MEMBERS,
            first=number - 1,
            last=number,
        )
        path = folder / f"norrby_{name}.txt"
        path.write_text(head + item, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture(scope="module", params=["one run", "separate runs"])
def norrby(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[EmbeddedStore]:
    folder = tmp_path_factory.mktemp("norrby_motion")
    paths = norrby_protocols(folder)
    with loaded_store(folder, *(paths if request.param == "one run" else paths[:1])) as opened:
        if request.param == "separate runs":
            for path in paths[1:]:
                load(opened, path)
        yield opened


def test_a_motion_is_one_node_from_its_remittance_through_the_board_to_its_answer(
    norrby: EmbeddedStore,
) -> None:
    assert _values(norrby, "?v a bg:Motion") == [
        "motion/kommunfullmaktige-i-norrby-kommun/en-ny-idrottshall-i-ostra-norrby"
    ]
    concerning = (
        "?d bg:concerns ?m ; bg:decidedBy/skos:prefLabel ?b ; bg:decisionText ?x . "
        "?m a bg:Motion BIND(CONCAT(STR(?b), ': ', STR(?x)) AS ?v)"
    )
    assert _values(norrby, concerning) == [
        "Kommunfullmäktige i Norrby kommun: Motion från Anna Berg (V) med flera om en ny "
        "idrottshall i\nöstra Norrby anmäls och remitteras till kommunstyrelsen för beredning.",
        "Kommunfullmäktige i Norrby kommun: Motionen avslås.",
        "Kommunstyrelsen i Norrby kommun: Kommunstyrelsen föreslår kommunfullmäktige besluta "
        "att motionen avslås.",
    ]
    remitted = "?a a bg:Assignment ; bg:concerns/a bg:Motion ; bg:assignee/skos:prefLabel ?v"
    assert _values(norrby, remitted) == ["Kommunstyrelsen i Norrby kommun"]


def test_a_motion_by_one_member_with_others_names_every_author_the_text_lists(
    norrby: EmbeddedStore,
) -> None:
    # "Motion från Anna Berg (V) med flera …": the item's text lists all three; the
    # title wrapped in the remitting decision is whole.
    assert _motions(norrby, "") == [
        "en ny idrottshall i östra Norrby: Anna Berg (V)",
        "en ny idrottshall i östra Norrby: Lisa Ek (S)",
        "en ny idrottshall i östra Norrby: Per Holm (V)",
    ]


def test_a_regionstyrelse_yttrande_keys_the_motion_by_the_registers_regionfullmaktige(
    tmp_path: Path,
) -> None:
    text = (
        "Regionstyrelsen 14 mars 2023\n\nÄrenden till regionfullmäktige\n\n"
        "1. Yttrande över motion av Maja Strand (V) med flera om fria resor för unga\n\n"
        "Maja Strand (V) och Olle Ahl (V) har i en motion föreslagit att unga reser fritt.\n\n"
        "Regionstyrelsen föreslår att regionfullmäktige beslutar att avslå motionen.\n\n"
        "Beslut: enligt förslag\n"
    )
    path = tmp_path / "regionstyrelsen_2023-03-14.txt"
    path.write_text(text, encoding="utf-8")
    with loaded_store(tmp_path, path) as opened:
        assert _values(opened, "?d bg:concerns ?v . ?v a bg:Motion") == [
            "motion/regionfullmaktige/fria-resor-for-unga"
        ]
        assert _values(opened, "?m a bg:Motion ; bg:proposedBy/foaf:name ?v") == [
            "Maja Strand",
            "Olle Ahl",
        ]
