"""§ protocols as kommuner publish them, made from a template: a kommunstyrelse in Word
(the letterhead a table in the page header, the participants a two-column table, a §
with Sammanfattning, Beslutsunderlag, Yrkanden, Propositionsordning, Reservation,
Protokollsanteckning, jäv and "Beslutet skickas till"), a socialnämnd as a PDF exported
from Word (a running header and footer on every page, a decision running over a page
break), and a kommunfullmäktige in Word whose members are a long närvarolista appendix
(rows under a line per party, a presence column for the member and one for the
deputy), with a vote list appendix, an election and a resignation. Each is read as a
user reads the graph: who sat, what was decided, by whom, whose body it is."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from beslutsgraf.store.embedded import EmbeddedStore
from tests.ingest.conftest import loaded_store, select_values
from tests.ingest.pdf_writer import SignedPdf

PREFIXES = (
    "PREFIX bg: <https://w3id.org/beslutsgraf/def#> PREFIX org: <http://www.w3.org/ns/org#> "
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
    "PREFIX dct: <http://purl.org/dc/terms/> PREFIX time: <http://www.w3.org/2006/time#> "
)
ID = "https://w3id.org/beslutsgraf/id/"
KS = f"<{ID}meeting/kommunstyrelsen-i-herrljunga-kommun/2025-05-12>"
SN = f"<{ID}meeting/socialnamnden-i-vargarda-kommun/2025-03-18>"
KF = f"<{ID}meeting/kommunfullmaktige-i-alingsas-kommun/2025-06-16>"

Part = tuple[str, tuple[str, ...]]  # a bold sub-heading of a § and its paragraphs
Item = tuple[int, str, str, tuple[Part, ...]]  # number, case number, title, parts


def _word_items(document: docx.document.Document, items: tuple[Item, ...]) -> None:
    """Each § as a template writes it: "§ 46<TAB>Dnr …" and the title bold, then each
    sub-heading bold over its paragraphs."""
    for number, case, title, parts in items:
        document.add_paragraph().add_run(f"§ {number}\t{case}".rstrip()).bold = True
        document.add_paragraph().add_run(title).bold = True
        for heading, paragraphs in parts:
            document.add_paragraph().add_run(heading).bold = True
            for paragraph in paragraphs:
                document.add_paragraph(paragraph)


def _word_letterhead(document: docx.document.Document, rows: tuple[tuple[str, ...], ...]) -> None:
    """The template's page header: a table of the letterhead; its footer the signatures."""
    section = document.sections[0]
    header = section.header.add_table(rows=len(rows), cols=3, width=section.page_width)
    for row, cells in zip(header.rows, rows, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    section.footer.paragraphs[0].text = "Justerandes sign\t\tUtdragsbestyrkande"


def _two_columns(document: docx.document.Document, rows: tuple[tuple[str, str], ...]) -> None:
    table = document.add_table(rows=0, cols=2)
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text = label
        cells[1].text = value


# ------------------------------------------------------------ kommunstyrelsen, in Word

KS_LETTERHEAD = (
    ("HERRLJUNGA KOMMUN", "SAMMANTRÄDESPROTOKOLL", "Sida 1(6)"),
    ("Kommunstyrelsen", "Sammanträdesdatum", "2025-05-12"),
)
KS_PARTICIPANTS = (
    ("Beslutande", ""),
    ("Anna Berg (S)", "ordförande"),
    ("Lars Holm (M)", "1:e vice ordförande"),
    ("Karin Ek (C)", "2:e vice ordförande"),
    # "Ljung" is also the village a § builds in: his family name all the same.
    ("Stefan Ljung (S)", "ledamot"),
    ("Maria Dahl (KD)", "ledamot"),
    ("Johan Sträng (SD)", "ledamot"),
    ("Eva Lind (S)", "tjänstgörande ersättare för Olle Vik (S)"),
    ("Ersättare", ""),
    ("Peter Nord (M)", "ersättare"),
    ("Lena Roos (V)", "ersättare"),
    ("Övriga deltagare", ""),
    ("Helena Falk", "kommunchef"),
    ("Sofia Åberg", "nämndsekreterare"),
)
KS_ITEMS: tuple[Item, ...] = (
    (
        45,
        "",
        "Val av justerare",
        (("Beslut", ("Kommunstyrelsen utser Lars Holm (M) att justera protokollet.",)),),
    ),
    (
        46,
        "Dnr KS 2025/123",
        "Investering i ny förskola i Ljung",
        (
            (
                "Sammanfattning",
                ("Sektor samhällsbyggnad föreslår en ny förskola med sex avdelningar i Ljung.",),
            ),
            (
                "Beslutsunderlag",
                ("Tjänsteskrivelse 2025-04-22", "Förstudie ny förskola i Ljung 2025-03-10"),
            ),
            (
                "Förslag till beslut",
                (
                    (
                        "Kommunstyrelsen föreslår kommunfullmäktige besluta att genomföra "
                        "investeringen inom en ram om 48 miljoner kronor."
                    ),
                ),
            ),
            (
                "Yrkanden",
                ("Anna Berg (S) yrkar bifall till förslaget. Lars Holm (M) yrkar avslag.",),
            ),
            (
                "Propositionsordning",
                (
                    (
                        "Ordföranden ställer proposition på bifall mot avslag och finner att "
                        "kommunstyrelsen bifaller förslaget."
                    ),
                ),
            ),
            (
                "Beslut",
                (
                    (
                        "Kommunstyrelsen föreslår kommunfullmäktige besluta att genomföra "
                        "investeringen inom en ram om 48 miljoner kronor."
                    ),
                ),
            ),
            ("Reservation", ("Moderaterna reserverar sig mot beslutet.",)),
            ("Beslutet skickas till", ("Kommunfullmäktige", "Sektor samhällsbyggnad")),
        ),
    ),
    (
        47,
        "Dnr KS 2025/131",
        "Markanvisning för bostäder vid Eggvena",
        (
            ("Jäv", ("Karin Ek (C) anmäler jäv och deltar inte i handläggningen av ärendet.",)),
            ("Beslutsunderlag", ("Tjänsteskrivelse 2025-04-28",)),
            (
                "Beslut",
                (
                    (
                        "Kommunstyrelsen beslutar att ge Eggvena Bygg AB en markanvisning för "
                        "bostäder vid Eggvena under tolv månader."
                    ),
                ),
            ),
            (
                "Protokollsanteckning",
                (
                    (
                        "Johan Sträng (SD) lämnar en protokollsanteckning om att bostäderna bör "
                        "byggas i etapper."
                    ),
                ),
            ),
            ("Beslutet skickas till", ("Eggvena Bygg AB", "Sektor samhällsbyggnad")),
        ),
    ),
)


def ks_protocol(path: Path) -> Path:
    document = docx.Document()
    _word_letterhead(document, KS_LETTERHEAD)
    _two_columns(
        document,
        (
            ("Sammanträdesdatum", "2025-05-12"),
            ("Plats och tid", "Kommunhuset, sammanträdesrum Hulan, kl. 08.30–12.10"),
        ),
    )
    document.add_paragraph()
    _two_columns(document, KS_PARTICIPANTS)
    document.add_paragraph()
    _two_columns(
        document,
        (
            ("Utses att justera", "Lars Holm (M)"),
            ("Justeringens plats och tid", "Kommunkansliet 2025-05-15"),
            ("Paragrafer", "45–47"),
        ),
    )
    document.add_page_break()
    _word_items(document, KS_ITEMS)
    document.save(str(path))
    return path


# ------------------------------------------------------ socialnämnden, a PDF from Word

SN_RUNNING_HEADER = (
    ("VÅRGÅRDA KOMMUN", "SAMMANTRÄDESPROTOKOLL", "Sida {page}({pages})"),
    ("Socialnämnden", "Sammanträdesdatum", "2025-03-18"),
)
SN_FIELDS = (
    ("Plats och tid", "Kommunhuset, sal Tången, kl. 13.15–16.40"),
    (
        "Beslutande",
        "Birgitta Svahn (S), ordförande\nMats Grön (M), vice ordförande\nAnders Kvist (C)\n"
        "Linnea Bro (S)\nRoger Alm (SD)\nIda Frid (L), tjänstgörande ersättare för Kent Ros (KD)",
    ),
    ("Ersättare", "Sven Tall (S)\nGun Ask (M)"),
    ("Övriga deltagare", "Malin Ström, socialchef\nPetra Lund, nämndsekreterare"),
    ("Utses att justera", "Mats Grön (M)"),
    ("Justeringens plats och tid", "Socialkontoret 2025-03-24"),
    ("Paragrafer", "18–20"),
)
SN_BACKGROUND = (
    "Individ- och familjeomsorgen har under 2024 sett fler orosanmälningar som rör barn och "
    "unga. Förvaltningen föreslår därför en förebyggande enhet med tre socialsekreterare. "
) * 6
SN_DECISION_19 = (
    "Socialnämnden beslutar att inrätta en förebyggande enhet för barn och unga från och med "
    "2025-09-01 och att uppdra åt förvaltningen att redovisa enhetens arbete till "
    "socialnämnden senast 2026-03-31."
)
SN_ITEMS: tuple[Item, ...] = (
    (
        18,
        "",
        "Val av justerare",
        (("Beslut", ("Socialnämnden utser Mats Grön (M) att justera protokollet.",)),),
    ),
    (
        19,
        "Dnr SN 2025/14",
        "Inrättande av en förebyggande enhet för barn och unga",
        (
            ("Sammanfattning", (SN_BACKGROUND.strip(),)),
            ("Beslutsunderlag", ("Tjänsteskrivelse 2025-02-27", "Behovsanalys 2025-01-30")),
            (
                "Yrkanden",
                ("Birgitta Svahn (S) yrkar bifall till förslaget. Roger Alm (SD) yrkar avslag.",),
            ),
            (
                "Propositionsordning",
                (
                    (
                        "Ordföranden ställer proposition på bifall mot avslag och finner att "
                        "socialnämnden bifaller förslaget."
                    ),
                ),
            ),
            ("Beslut", (SN_DECISION_19,)),
            ("Reservation", ("Sverigedemokraterna reserverar sig mot beslutet.",)),
            ("Beslutet skickas till", ("Individ- och familjeomsorgen", "Ekonomienheten")),
        ),
    ),
    (
        20,
        "Dnr SN 2025/22",
        "Avgifter inom hemtjänsten 2026",
        (
            ("Jäv", ("Anders Kvist (C) anmäler jäv och deltar inte i handläggningen av ärendet.",)),
            (
                "Beslut",
                (
                    (
                        "Socialnämnden föreslår kommunfullmäktige besluta att fastställa "
                        "avgifterna inom hemtjänsten för 2026."
                    ),
                ),
            ),
            (
                "Protokollsanteckning",
                ("Liberalerna lämnar en protokollsanteckning om att avgifterna bör följas upp.",),
            ),
            ("Beslutet skickas till", ("Kommunfullmäktige",)),
        ),
    ),
)


def sn_protocol(path: Path) -> Path:
    """The fields a ruled table; § 19's decision starts on the last line of a page."""
    pdf = SignedPdf(SN_RUNNING_HEADER, (60, 70, 0))
    pdf.add_page()
    with pdf.table(col_widths=(45, 125), first_row_as_headings=False, text_align="LEFT") as table:
        for label, value in SN_FIELDS:
            row = table.row()
            row.cell(label)
            row.cell(pdf.fit(value))
    pdf.add_page()
    for number, case, title, parts in SN_ITEMS:
        pdf.cell(45, 5, f"§ {number}")
        pdf.cell(0, 5, case, new_x="LMARGIN", new_y="NEXT")
        pdf.paragraph(title)
        for heading, paragraphs in parts:
            pdf.ln(2)
            pdf.paragraph(heading)
            if paragraphs[0] == SN_DECISION_19:
                pdf.set_y(pdf.page_break_trigger - 5)  # one line left on the page
            for paragraph in paragraphs:
                pdf.paragraph(paragraph)
        pdf.ln(4)
    path.write_bytes(bytes(pdf.output()))
    return path


# ------------------------------------------ kommunfullmäktige, with its appendices

GIVEN = ("Anna", "Bengt", "Cecilia", "David", "Elin", "Fredrik", "Greta", "Hans", "Ingrid", "Jan")
GIVEN += ("Karin", "Lars", "Maja", "Nils", "Olga", "Per", "Rut", "Sten", "Tove", "Ulf")
FAMILY = ("Alm", "Björk", "Ceder", "Dahlin", "Ek", "Falk", "Gran", "Hägg", "Ivarsson", "Jarl")
FAMILY += ("Kask", "Lind", "Mård", "Norell", "Olofsson", "Pihl", "Rask", "Sand", "Tegnér", "Wall")
# Party, abbreviation, seats, votes (ja, nej, avstår): 51 seats, Ja 28, Nej 21, Avstår 2.
GROUPS = (
    ("Socialdemokraterna", "S", 17, (17, 0, 0)),
    ("Moderaterna", "M", 12, (0, 12, 0)),
    ("Sverigedemokraterna", "SD", 10, (0, 9, 1)),
    ("Centerpartiet", "C", 4, (4, 0, 0)),
    ("Vänsterpartiet", "V", 3, (3, 0, 0)),
    ("Kristdemokraterna", "KD", 3, (2, 0, 1)),
    ("Liberalerna", "L", 2, (2, 0, 0)),
)
# Members who sent a deputy: seat number → the deputy who sat.
DEPUTIES = {2: "Sofia Berglund", 20: "Oskar Hedin", 45: "Vera Lundh"}
KF_ITEMS: tuple[Item, ...] = (
    (
        61,
        "",
        "Val av justerare",
        (
            (
                "Beslut",
                (
                    (
                        "Kommunfullmäktige utser Sten Wall (M) och Anna Alm (S) att justera "
                        "protokollet."
                    ),
                ),
            ),
        ),
    ),
    (
        62,
        "Dnr KS 2024/318",
        "Motion om fler förskoleplatser i Sollebrunn",
        (
            (
                "Beslutsunderlag",
                ("Kommunstyrelsens protokoll 2025-05-20 § 88", "Motion 2024-10-14"),
            ),
            (
                "Yrkanden",
                (
                    (
                        "Anna Alm (S) yrkar bifall till motionen. Sten Wall (M) yrkar avslag på "
                        "motionen."
                    ),
                ),
            ),
            (
                "Propositionsordning",
                (
                    (
                        "Ordföranden ställer proposition på bifall mot avslag och finner att "
                        "kommunfullmäktige bifaller motionen. Omröstning begärs."
                    ),
                ),
            ),
            (
                "Omröstning",
                (
                    (
                        "Omröstningen utfaller med 28 ja-röster och 21 nej-röster. 2 ledamöter "
                        "avstår. Se omröstningslista, bilaga 2."
                    ),
                ),
            ),
            ("Beslut", ("Kommunfullmäktige bifaller motionen.",)),
            ("Reservation", ("Moderaterna reserverar sig mot beslutet.",)),
        ),
    ),
    (
        63,
        "Dnr KS 2025/140",
        "Avsägelse av uppdrag som ersättare i socialnämnden",
        (
            (
                "Sammanfattning",
                ("Per Ek (S) har avsagt sig uppdraget som ersättare i socialnämnden.",),
            ),
            ("Beslut", ("Kommunfullmäktige beviljar avsägelsen.",)),
        ),
    ),
    (
        64,
        "Dnr KS 2025/141",
        "Val av ersättare i socialnämnden efter Per Ek (S)",
        (
            (
                "Beslut",
                (
                    (
                        "Kommunfullmäktige väljer Eva Sund (S) till ersättare i socialnämnden för "
                        "tiden till och med 2026-12-31."
                    ),
                ),
            ),
        ),
    ),
)


def kf_seats() -> list[tuple[str, str, str, str]]:
    """(party's name, party, member, vote): 51 members, each name once; where a member
    sent a deputy the vote is the deputy's."""
    seats = []
    for name, party, count, (yes, no, _) in GROUPS:
        for index in range(count):
            seat = len(seats)
            member = f"{GIVEN[seat % 20]} {FAMILY[(seat * 7 + seat // 20) % 20]}"
            vote = "Ja" if index < yes else "Nej" if index < yes + no else "Avstår"
            seats.append((name, party, member, vote))
    return seats


def _attendance_appendix(document: docx.document.Document) -> None:
    """ "Ledamöter | Närvarande | Ersättare | Närvarande", a row across it per party."""
    table = document.add_table(rows=1, cols=4)
    for cell, heading in zip(
        table.rows[0].cells, ("Ledamöter", "Närvarande", "Ersättare", "Närvarande"), strict=True
    ):
        cell.text = heading
    group = ""
    for seat, (name, party, member, _) in enumerate(kf_seats()):
        if name != group:
            group = name
            row = table.add_row().cells
            row[0].merge(row[3]).text = name
        deputy = DEPUTIES.get(seat)
        texts = (
            f"{member} ({party})",
            "" if deputy else "X",
            f"{deputy} ({party})" if deputy else "",
            "X" if deputy else "",
        )
        for cell, text in zip(table.add_row().cells, texts, strict=True):
            cell.text = text


def _vote_appendix(document: docx.document.Document) -> None:
    table = document.add_table(rows=1, cols=4)
    choices = ("Ja", "Nej", "Avstår")
    for cell, heading in zip(table.rows[0].cells, ("Ledamot", *choices), strict=True):
        cell.text = heading
    for seat, (_, party, member, vote) in enumerate(kf_seats()):
        voter = DEPUTIES.get(seat, member)
        texts = (f"{voter} ({party})", *("X" if vote == choice else "" for choice in choices))
        for cell, text in zip(table.add_row().cells, texts, strict=True):
            cell.text = text
    totals = table.add_row().cells
    for cell, text in zip(totals, ("Summa", "28", "21", "2"), strict=True):
        cell.text = text


def kf_protocol(path: Path) -> Path:
    document = docx.Document()
    _word_letterhead(
        document,
        (
            ("ALINGSÅS KOMMUN", "SAMMANTRÄDESPROTOKOLL", "Sida 1(9)"),
            ("Kommunfullmäktige", "Sammanträdesdatum", "2025-06-16"),
        ),
    )
    _two_columns(
        document,
        (
            ("Plats och tid", "Stadshuset, Fullmäktigesalen, kl. 18.30–21.05"),
            ("Beslutande", "Ledamöter och tjänstgörande ersättare enligt närvarolista, bilaga 1"),
            ("Övriga deltagare", "Linda Berg, kommunsekreterare"),
            ("Utses att justera", "Sten Wall (M) och Anna Alm (S)"),
            ("Justeringens plats och tid", "Stadshuset 2025-06-19"),
            ("Paragrafer", "61–64"),
        ),
    )
    document.add_page_break()
    _word_items(document, KF_ITEMS)
    for number, heading, appendix in (
        (1, "Närvarolista", _attendance_appendix),
        (2, "Omröstningslista § 62", _vote_appendix),
    ):
        document.add_page_break()
        document.add_paragraph().add_run(f"Bilaga {number}").bold = True
        document.add_paragraph().add_run(heading).bold = True
        appendix(document)
    document.save(str(path))
    return path


# ------------------------------------------------------------------------ the graph


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    folder = tmp_path_factory.mktemp("kommun_office")
    files = (
        ks_protocol(folder / "herrljunga_ks_2025-05-12.docx"),
        sn_protocol(folder / "vargarda_sn_2025-03-18.pdf"),
        kf_protocol(folder / "alingsas_kf_2025-06-16.docx"),
    )
    with loaded_store(folder, *files) as opened:
        yield opened


def _values(store: EmbeddedStore, where: str) -> list[str]:
    return select_values(store, PREFIXES, where)


def _persons(store: EmbeddedStore, meeting: str, relation: str) -> list[str]:
    return _values(store, f"{meeting} bg:{relation} ?p . ?p foaf:name ?v")


def test_a_member_named_like_a_village_of_the_minutes_is_called(store: EmbeddedStore) -> None:
    called = _persons(store, KS, "called")
    assert "Stefan Ljung" in called
    assert len(called) == 7  # the six members who came and the deputy who sat
    assert _values(store, f"?m org:member <{ID}person/stefan-ljung> ; org:role ?v") == [
        "https://w3id.org/beslutsgraf/def#ledamot",
        "https://w3id.org/beslutsgraf/def#partimedlem",
    ]


def test_the_kommunstyrelse_of_the_letterhead_and_its_items(store: EmbeddedStore) -> None:
    assert _values(store, f"{KS} bg:heldBy ?b . ?b skos:prefLabel ?v") == [
        "Kommunstyrelsen i Herrljunga kommun"
    ]
    assert _values(store, f"{KS} bg:heldBy/org:subOrganizationOf ?o . ?o skos:prefLabel ?v") == [
        "Herrljunga kommun"
    ]
    assert _persons(store, KS, "chair") == ["Anna Berg"]
    assert _persons(store, KS, "secretary") == ["Sofia Åberg"]
    assert _persons(store, KS, "absentee") == ["Olle Vik"]
    assert _values(store, f"{KS} bg:hasAgendaItem ?i . ?i bg:caseNumber ?v") == [
        "KS 2025/123",
        "KS 2025/131",
    ]
    item = f"<{ID}meeting/kommunstyrelsen-i-herrljunga-kommun/2025-05-12/item/{{}}>"
    assert _values(store, f"{item.format(46)} bg:hasMotion/bg:text ?v") == [
        "Anna Berg (S) yrkar bifall till förslaget.",
        "Lars Holm (M) yrkar avslag.",
    ]
    reservation = (
        f"?r bg:against ?d . {item.format(46)} bg:hasDecision ?d . ?r bg:reservingParty ?v"
    )
    assert _values(store, reservation) == ["party/M"]
    disqualified = f"?j bg:onItem {item.format(47)} ; bg:person ?p . ?p foaf:name ?v"
    assert _values(store, disqualified) == ["Karin Ek"]


@pytest.mark.parametrize(
    ("meeting", "item", "note"),
    [
        (
            KS,
            47,
            (
                "Johan Sträng (SD) lämnar en protokollsanteckning om att bostäderna bör byggas i "
                "etapper."
            ),
        ),
        (SN, 20, "Liberalerna lämnar en protokollsanteckning om att avgifterna bör följas upp."),
    ],
    ids=["docx", "pdf"],
)
def test_a_note_ends_where_beslutet_skickas_till_begins(
    store: EmbeddedStore, meeting: str, item: int, note: str
) -> None:
    on_item = f"<{meeting.strip('<>')}/item/{item}>"
    assert _values(store, f"?n bg:onItem {on_item} ; bg:text ?v") == [note]


@pytest.mark.parametrize(
    ("meeting", "item", "authors"),
    [(KS, 47, ["party/SD", "person/johan-strang"]), (SN, 20, ["party/L"])],
    ids=["a-member-and-his-party", "a-party"],
)
def test_a_note_is_by_whom_it_names(
    store: EmbeddedStore, meeting: str, item: int, authors: list[str]
) -> None:
    # "Johan Sträng (SD) lämnar en protokollsanteckning": he wrote it, for SD; "Liberalerna
    # lämnar …": the party.
    on_item = f"<{meeting.strip('<>')}/item/{item}>"
    assert _values(store, f"?n bg:onItem {on_item} ; bg:author ?v") == authors


def test_the_socialnamnd_pdf_across_its_page_break(store: EmbeddedStore) -> None:
    assert _values(store, f"{SN} bg:heldBy ?b . ?b skos:prefLabel ?v") == [
        "Socialnämnden i Vårgårda kommun"
    ]
    assert _persons(store, SN, "chair") == ["Birgitta Svahn"]
    assert _persons(store, SN, "absentee") == ["Kent Ros"]
    assert len(_persons(store, SN, "called")) == 6
    decision = f"<{SN.strip('<>')}/item/19/decision/1>"
    texts = _values(store, f"{decision} bg:decisionText ?v")
    assert [" ".join(text.split()) for text in texts] == [SN_DECISION_19]
    assert not any("Justerandes sign" in text or "VÅRGÅRDA" in text for text in texts)
    assert _values(store, f"{decision} bg:assignment/bg:deadline ?v") == ["2026-03-31"]


def test_a_narvarolista_in_rows_under_each_party(store: EmbeddedStore) -> None:
    called = _persons(store, KF, "called")
    assert len(called) == 51 + len(DEPUTIES)
    assert _persons(store, KF, "absentee") == ["Anna Björk", "Cecilia Olofsson", "Fredrik Sand"]
    substitutions = _values(
        store,
        f"{KF} bg:hasSubstitution ?s . ?s bg:substitute/foaf:name ?a ; bg:substituted/foaf:name ?b "
        "BIND(CONCAT(?a, ' för ', ?b) AS ?v)",
    )
    assert substitutions == [
        "Oskar Hedin för Anna Björk",
        "Sofia Berglund för Cecilia Olofsson",
        "Vera Lundh för Fredrik Sand",
    ]
    # The deputy's own presence mark is no organisation of hers.
    assert _values(store, f"?m org:member <{ID}person/sofia-berglund> ; org:organization ?v") == [
        "org/kommunfullmaktige-i-alingsas-kommun",
        "party/S",
    ]


def test_the_vote_and_its_list(store: EmbeddedStore) -> None:
    vote = f"<{KF.strip('<>')}/item/62/vote/1>"
    counts = _values(
        store,
        (
            f"{vote} bg:yesCount ?y ; bg:noCount ?n ; bg:abstainCount ?a BIND(CONCAT(STR(?y), '-', "
            f"STR(?n), '-', STR(?a)) AS ?v)"
        ),
    )
    assert counts == ["28-21-2"]
    assert len(_values(store, f"{vote} bg:ballot ?v")) == 51
    abstained = f"{vote} bg:ballot ?b . ?b bg:choice bg:avstar ; bg:voter/foaf:name ?v"
    assert _values(store, abstained) == ["Ingrid Tegnér", "Tove Hägg"]


def test_an_election_and_a_resignation_in_the_kommuns_own_socialnamnd(store: EmbeddedStore) -> None:
    board = f"<{ID}org/socialnamnden-i-alingsas-kommun>"
    assert _values(store, f"{board} skos:prefLabel ?v") == ["Socialnämnden i Alingsås kommun"]
    assert _values(store, f"{board} org:subOrganizationOf/skos:prefLabel ?v") == ["Alingsås kommun"]
    ends = (
        "?m org:member ?p ; org:organization {board} ; org:role bg:ersattare ; "
        "org:memberDuring/time:hasEnd/time:inXSDDate ?end . ?p foaf:name ?n "
        "BIND(CONCAT(?n, ' ', STR(?end)) AS ?v)"
    )
    assert _values(store, ends.format(board=board)) == ["Eva Sund 2026-12-31", "Per Ek 2025-06-16"]


@pytest.mark.parametrize(
    ("meeting", "item", "motion"),
    [
        (KS, 46, "Anna Berg (S) yrkar bifall till förslaget."),
        (SN, 19, "Birgitta Svahn (S) yrkar bifall till förslaget."),
        (KF, 62, "Anna Alm (S) yrkar bifall till motionen."),
    ],
    ids=["kommunstyrelsen", "socialnamnden", "kommunfullmaktige"],
)
def test_the_decision_adopts_the_motion_asking_for_what_it_grants(
    store: EmbeddedStore, meeting: str, item: int, motion: str
) -> None:
    # "… finner att kommunstyrelsen bifaller förslaget": the motion for bifall to it.
    decision = f"<{meeting.strip('<>')}/item/{item}/decision/1>"
    assert _values(store, f"{decision} bg:adoptsMotion/bg:text ?v") == [motion]
