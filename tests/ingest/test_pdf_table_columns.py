"""Ruled tables of PDF minutes as kommun Word templates print them, read into the graph:
side-by-side lists of members and deputies ("Ledamöter | Ersättare"), a "Namn |
Organisation" list whose organisation wraps onto a second line, and the body named only
by a page header in capitals ("KOMMUNSTYRELSEN")."""

from __future__ import annotations

from pathlib import Path

import pytest

from beslutsgraf.ingest.extract import extract
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.segment import segment
from beslutsgraf.store.base import Store
from tests.ingest.conftest import loaded_store
from tests.ingest.pdf_writer import PagedPdf
from tests.ingest.test_pdf_tables import _table_pdf

_PREFIXES = (
    "PREFIX bg: <https://w3id.org/beslutsgraf/def#> "
    "PREFIX org: <http://www.w3.org/ns/org#> "
    "PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
)


def _memberships(store: Store) -> set[tuple[str, str]]:
    """(name, role local name) of every org:Membership in the graph."""
    rows = store.select(
        _PREFIXES + "SELECT ?name ?role WHERE { ?m org:member ?p ; org:role ?role . "
        "?p foaf:name ?name }"
    )
    return {(row["name"].strip('"'), row["role"].rsplit("#", 1)[-1].rstrip(">")) for row in rows}


def _meeting_people(store: Store, predicate: str) -> set[str]:
    """The names of the people the meeting has as bg:`predicate` ("called", "attendee")."""
    rows = store.select(
        _PREFIXES + f"SELECT ?name WHERE {{ ?meeting bg:{predicate} ?p . ?p foaf:name ?name }}"
    )
    return {row["name"].strip('"') for row in rows}


def test_side_by_side_members_and_deputies_each_hold_their_own_heading(tmp_path: Path) -> None:
    rows = (
        ("Ledamöter", "Ersättare"),
        ("Anna Berg (S), ordförande", "Eva Lund (S)"),
        ("Per Ek (M)", "Ola Ny (M)"),
        ("Karin Holm (C)", ""),
    )
    path = _table_pdf(rows, tmp_path / "ks_2024-05-15.pdf", (80, 80))
    with loaded_store(tmp_path, path) as store:
        memberships = _memberships(store)
        called = _meeting_people(store, "called")
        attendees = _meeting_people(store, "attendee")
    deputies = {name for name, role in memberships if role == "ersattare"}
    assert deputies == {"Eva Lund", "Ola Ny"}
    # Listed beside the members, not marked as serving: present, not called.
    assert called == {"Anna Berg", "Per Ek", "Karin Holm"}
    assert attendees == {"Anna Berg", "Per Ek", "Karin Holm", "Eva Lund", "Ola Ny"}
    assert {("Anna Berg", "ordforande"), ("Per Ek", "ledamot"), ("Karin Holm", "ledamot")} <= (
        memberships
    )


_ORGANISATIONS_WRAPPED = (
    ("Namn", "Organisation"),
    ("Anna Berg", "Västra Götalandsregionen,\nKoncernkontoret"),
    ("Per Ek", "Göteborgs Stad\nSocialförvaltningen Centrum"),
    ("Karin Holm", "Ale kommun"),
)


def test_an_organisation_on_two_lines_stays_in_its_persons_row(tmp_path: Path) -> None:
    path = _table_pdf(_ORGANISATIONS_WRAPPED, tmp_path / "gr_2024-05-15.pdf", (60, 100))
    document = read(path)
    assert "Per Ek\tGöteborgs Stad Socialförvaltningen Centrum\n" in document.text
    people = extract(segment(document)).attendance.called
    assert [(p.name, p.organisation) for p in people] == [
        ("Anna Berg", "Västra Götalandsregionen, Koncernkontoret"),
        ("Per Ek", "Göteborgs Stad Socialförvaltningen Centrum"),
        ("Karin Holm", "Ale kommun"),
    ]


def test_a_deputy_under_a_deputy_in_a_members_row_stays_a_person(tmp_path: Path) -> None:
    rows = (("Ledamöter", "Ersättare"), ("Anna Berg (S)", "Eva Lund (S)\nOla Ny (S)"))
    document = read(_table_pdf(rows, tmp_path / "ks_2024-05-15.pdf", (80, 80)))
    assert "Anna Berg (S)\tEva Lund (S)\n\tOla Ny (S)" in document.text


def test_a_body_named_in_capitals_by_the_page_header_is_labelled_as_prose_names_it(
    tmp_path: Path,
) -> None:
    rows = (("Ledamöter", "Ersättare"), ("Anna Berg (S), ordförande", "Eva Lund (S)"))
    path = _table_pdf(rows, tmp_path / "ks_2024-05-15.pdf", (80, 80))
    with loaded_store(tmp_path, path) as store:
        labels = store.select(
            _PREFIXES + "SELECT ?label WHERE { "
            "<https://w3id.org/beslutsgraf/id/org/kommunstyrelsen> skos:prefLabel ?label }"
        )
    assert [row["label"] for row in labels] == ['"Kommunstyrelsen"@sv']


@pytest.mark.parametrize(
    ("header", "body"),
    [
        ("BYGG- OCH MILJÖNÄMNDEN\tSAMMANTRÄDESPROTOKOLL\n", "Bygg- och miljönämnden"),
        ("KOMMUNSTYRELSENS ARBETSUTSKOTT\n", "Kommunstyrelsens arbetsutskott"),
        ("SRO\tPROTOKOLL\n", "SRO"),
    ],
)
def test_a_body_in_capitals_is_named_as_in_prose_but_an_abbreviation_stays(
    tmp_path: Path, header: str, body: str
) -> None:
    path = tmp_path / "protokoll.txt"
    path.write_text(
        header + "Sammanträdesdatum 2024-05-15\n\nBeslutande\nAnna Berg (S), ordförande\n\n"
        "§ 1\nMötets öppnande\n\nOrdföranden öppnade mötet.\n",
        encoding="utf-8",
    )
    assert extract(segment(read(path))).meeting.body == body


def test_an_organisations_second_line_in_a_row_of_its_own_joins_the_row_above(
    tmp_path: Path,
) -> None:
    # A table ruled under every line: the organisation's second line is a row of its own.
    rows = (
        ("Namn", "Organisation"),
        ("Per Ek", "Göteborgs Stad"),
        ("", "Socialförvaltningen Centrum"),
        ("Karin Holm", "Ale kommun"),
    )
    document = read(_table_pdf(rows, tmp_path / "gr_2024-05-15.pdf", (60, 100)))
    assert "Per Ek\tGöteborgs Stad Socialförvaltningen Centrum\nKarin Holm\tAle kommun" in (
        document.text
    )
    people = extract(segment(document)).attendance.called
    assert [(p.name, p.organisation) for p in people] == [
        ("Per Ek", "Göteborgs Stad Socialförvaltningen Centrum"),
        ("Karin Holm", "Ale kommun"),
    ]


def test_a_deputy_in_a_row_of_its_own_stays_in_it(tmp_path: Path) -> None:
    rows = (
        ("Ledamöter", "Ersättare"),
        ("Anna Berg (S)", "Eva Lund (S)"),
        ("", "Ola Ny (S)"),
    )
    document = read(_table_pdf(rows, tmp_path / "ks_2024-05-15.pdf", (80, 80)))
    assert "Anna Berg (S)\tEva Lund (S)\n\tOla Ny (S)" in document.text


def test_an_unruled_rows_organisation_on_two_lines_stays_in_the_row(tmp_path: Path) -> None:
    # Cells set at tab stops, no rules: the organisation's second line stands alone in
    # its column under the person's row.
    pdf = PagedPdf(bottom_margin=20)
    pdf.add_page()
    for text in ("KOMMUNSTYRELSEN", "Sammanträdesdatum 2024-05-15", "", "Närvarande"):
        pdf.set_x(20)
        pdf.cell(0, 5, text)
        pdf.ln(5)
    rows = (
        ("Namn", "Organisation", "Roll"),
        ("Anna Berg", "Västra Götalandsregionen,", "ordförande"),
        ("", "Koncernkontoret", ""),
        ("Per Ek", "Göteborgs Stad", "ledamot"),
        ("", "Socialförvaltningen Centrum", ""),
        ("Karin Holm", "Ale kommun", "ledamot"),
    )
    for cells in rows:
        y = pdf.get_y()
        for x, text in zip((20, 75, 150), cells, strict=True):
            if text:
                pdf.set_xy(x, y)
                pdf.cell(0, 5, pdf.fit(text))
        pdf.set_xy(20, y + 5)
    pdf.ln(5)
    pdf.set_x(20)
    pdf.multi_cell(0, 5, pdf.fit("§ 1 Mötets öppnande\n\nOrdföranden öppnade mötet."))
    path = tmp_path / "gr_2024-05-15.pdf"
    path.write_bytes(bytes(pdf.output()))
    document = read(path)
    assert "Per Ek\tGöteborgs Stad Socialförvaltningen Centrum\tledamot\nKarin Holm" in (
        document.text
    )
    people = extract(segment(document)).attendance.called
    assert [(p.name, p.organisation, p.role_text) for p in people] == [
        ("Anna Berg", "Västra Götalandsregionen, Koncernkontoret", "ordförande"),
        ("Per Ek", "Göteborgs Stad Socialförvaltningen Centrum", "ledamot"),
        ("Karin Holm", "Ale kommun", "ledamot"),
    ]
