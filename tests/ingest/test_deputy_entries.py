"""Serving deputies listed with the member they sit for, as many § protocols print them:
"Tjänstgörande ersättare: Lena Berg (V) för Omar Ali (V)", "Lena Berg (V) tjg för Omar Ali
(V)", "… tjänstgör i stället för …". The member is absent and keeps the seat, the deputy
attends in it, and the graph says who substituted for whom."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import loaded_store
from .ks_protocol import KS, LAST_ITEM, MEETING, ks_protocol, meeting_people, membership_roles

MEMBERS = "Beslutande\nEva Berg (S), ordförande\nLars Holm (M)\nKarin Ek (C)\n"

SUBSTITUTIONS = (
    "PREFIX bg: <https://w3id.org/beslutsgraf/def#> "
    "PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
    "SELECT ?deputy ?member WHERE { "
    f"{MEETING} bg:hasSubstitution ?s . "
    "?s bg:substitute/foaf:name ?deputy ; bg:substituted/foaf:name ?member }"
)


@pytest.mark.parametrize(
    "deputies",
    [
        "\nTjänstgörande ersättare: Lena Berg (V) för Omar Ali (V); Kim Lo (L) för Ida Ström (L)\n",
        "\nTjänstgörande ersättare\nLena Berg (V) för Omar Ali (V)\nKim Lo (L) för Ida Ström (L)\n",
        "Lena Berg (V) tjg för Omar Ali (V)\nKim Lo (L), tjänstgör i stället för Ida Ström (L)\n",
    ],
    ids=["label-line", "label-list", "in-member-list"],
)
def test_a_deputy_listed_for_a_member_sits_in_the_members_seat(
    deputies: str, tmp_path: Path
) -> None:
    path = tmp_path / "ks_protokoll_2024-09-10.txt"
    path.write_text(ks_protocol(LAST_ITEM, members=MEMBERS + deputies), encoding="utf-8")
    with loaded_store(tmp_path, path) as store:
        substitutions = {
            (row["deputy"].strip('"'), row["member"].strip('"'))
            for row in store.select(SUBSTITUTIONS)
        }
        attendees = meeting_people(store, "attendee")
        absentees = meeting_people(store, "absentee")
        roles = membership_roles(store)
    assert substitutions == {("Lena Berg", "Omar Ali"), ("Kim Lo", "Ida Ström")}
    assert {"Lena Berg", "Kim Lo"} <= attendees
    assert absentees == {"Omar Ali", "Ida Ström"}
    assert not {"Omar Ali", "Ida Ström"} & attendees
    # The members keep their seats; the deputies hold deputies' seats, listed where they may.
    assert (roles["Omar Ali"], roles["Ida Ström"]) == ("ledamot", "ledamot")
    assert (roles["Lena Berg"], roles["Kim Lo"]) == ("ersattare", "ersattare")


SEATS = (
    "PREFIX org: <http://www.w3.org/ns/org#> "
    "PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
    "SELECT ?name ?role WHERE { ?m org:member ?p ; org:role ?role ; "
    f"org:organization {KS} . ?p foaf:name ?name }}"
)


@pytest.mark.parametrize(
    "entry",
    [
        "Lena Berg (V) ersätter Omar Ali (V)",
        "Lena Berg (V) tjg för Omar Ali (V)",
        "Lena Berg (V), tjänstgörande ersättare för Omar Ali (V)",
        "Lena Berg (V) tjänstgör i stället för Omar Ali (V)",
    ],
)
def test_a_deputy_listed_among_the_members_holds_a_deputys_seat(entry: str, tmp_path: Path) -> None:
    """Under "Beslutande", "Lena Berg (V) ersätter Omar Ali (V)": she sits in his seat
    today as a deputy of the body (ersättare, not ledamot; "tjänstgörande" is her role at
    this meeting, not in the body), and he keeps his seat though absent."""
    members = f"Beslutande\nEva Berg (S), ordförande\nLars Holm (M)\n{entry}\n"
    path = tmp_path / "ks_protokoll_2024-09-10.txt"
    path.write_text(ks_protocol(LAST_ITEM, members=members), encoding="utf-8")
    with loaded_store(tmp_path, path) as store:
        seats = sorted(
            (row["name"].strip('"'), row["role"].rsplit("#", 1)[-1].rstrip(">"))
            for row in store.select(SEATS)
        )
        substitutions = {
            (row["deputy"].strip('"'), row["member"].strip('"'))
            for row in store.select(SUBSTITUTIONS)
        }
        attendees = meeting_people(store, "attendee")
        absentees = meeting_people(store, "absentee")
    assert seats == [
        ("Eva Berg", "ordforande"),
        ("Lars Holm", "ledamot"),
        ("Lena Berg", "ersattare"),
        ("Omar Ali", "ledamot"),
    ]
    assert substitutions == {("Lena Berg", "Omar Ali")}
    assert "Lena Berg" in attendees and absentees == {"Omar Ali"}


def test_a_deputy_for_an_organisation_is_no_substitution(tmp_path: Path) -> None:
    """ "för" before an organisation is what the deputy represents, not whom they replace."""
    deputies = "\nTjänstgörande ersättare\nLena Berg (V) för Vänsterpartiet\n"
    path = tmp_path / "ks_protokoll_2024-09-10.txt"
    path.write_text(ks_protocol(LAST_ITEM, members=MEMBERS + deputies), encoding="utf-8")
    with loaded_store(tmp_path, path) as store:
        assert store.select(SUBSTITUTIONS) == []
        assert "Lena Berg" in meeting_people(store, "attendee")
