"""Who is a member of the body that met, whether or not they came: the members listed
absent, the members a deputy sits for and the deputies who did not serve hold their
seats all the same (org:Membership in the body), while attendance stays as the text
says (absent stays absent; a deputy who did not serve attends nothing). Absence lists
that do not say whom they list ("Frånvarande: …" may name a guest) give no seat."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.ingest.conftest import loaded_store
from tests.ingest.ks_protocol import (
    BUDGET_ITEM,
    LAST_ITEM,
    MEMBERS,
    ks_protocol,
    meeting_people,
    membership_roles,
    write_protocol,
)


@dataclass(frozen=True)
class _Meeting:
    """What the graph says of kommunstyrelsen's meeting and seats, by name."""

    roles: dict[str, str]
    absent: set[str]
    attendees: set[str]
    called: set[str]


def _ingest(folder: Path, members: str = MEMBERS, items: str = BUDGET_ITEM) -> _Meeting:
    """The protocol with `members` as its member list and `items`, ingested and read."""
    path = write_protocol(folder, ks_protocol(items + LAST_ITEM, members=members))
    with loaded_store(folder, path) as store:
        return _Meeting(
            membership_roles(store),
            meeting_people(store, "absentee"),
            meeting_people(store, "attendee"),
            meeting_people(store, "called"),
        )


@pytest.mark.parametrize(
    "members",
    [
        # An absence list whose label says it lists members.
        """Beslutande
Eva Berg (S), ordförande
Lars Holm (M)
Karin Ek (C)

Frånvarande ledamöter: Per Ek (SD), Lisa Ny (M)

Justerare: Lars Holm (M)
""",
        # Marked absent in the member list itself.
        """Beslutande
Eva Berg (S), ordförande
Lars Holm (M)
Karin Ek (C)
Per Ek (SD), frånvarande
Lisa Ny (M), förhinder

Justerare: Lars Holm (M)
""",
    ],
    ids=["absent-members-label", "absent-in-member-list"],
)
def test_members_listed_absent_are_members(tmp_path: Path, members: str) -> None:
    meeting = _ingest(tmp_path, members)
    assert {"Per Ek", "Lisa Ny"} <= meeting.absent
    assert not {"Per Ek", "Lisa Ny"} & meeting.attendees
    assert meeting.roles == {
        "Eva Berg": "ordforande",
        "Lars Holm": "ledamot",
        "Karin Ek": "ledamot",
        "Per Ek": "ledamot",
        "Lisa Ny": "ledamot",
    }


def test_an_absence_list_that_does_not_say_whom_it_lists_gives_no_seat(tmp_path: Path) -> None:
    """ "Frånvarande: …" beside the member list may name a guest who sent word: absent,
    but no member on that ground."""
    members = """Beslutande
Eva Berg (S), ordförande
Lars Holm (M)
Karin Ek (C)

Frånvarande: Jonas Lund, Lumell Konsult

Justerare: Lars Holm (M)
"""
    meeting = _ingest(tmp_path, members)
    assert "Jonas Lund" in meeting.absent
    assert "Jonas Lund" not in meeting.roles


def test_a_member_a_deputy_sits_for_is_a_member(tmp_path: Path) -> None:
    """ "Anna Berg (S) ersätter Per Ek (SD)" in the member list: Per Ek holds the seat
    Anna Berg fills today; invited guests stay guests."""
    members = """Beslutande
Eva Berg (S), ordförande
Lars Holm (M)
Karin Ek (C)
Tjänstgörande ersättare
Anna Berg (S) ersätter Per Ek (SD)
Maj Lind (V), tjänstgörande ersättare för Olle Sten (V)

Inbjudna: Sven Ås, Konsultbolaget

Justerare: Lars Holm (M)
"""
    meeting = _ingest(tmp_path, members)
    assert {"Per Ek", "Olle Sten"} <= meeting.absent
    assert not {"Per Ek", "Olle Sten"} & meeting.attendees
    assert {"Anna Berg", "Maj Lind"} <= meeting.attendees
    assert meeting.roles["Per Ek"] == meeting.roles["Olle Sten"] == "ledamot"
    assert "Sven Ås" not in meeting.roles


def test_a_deputy_a_prose_sentence_names_gives_no_seat(tmp_path: Path) -> None:
    """ "Helene Nord ersätter Magnus Hall under dagens möte" in an item, naming no one
    of the member list: whom Magnus Hall was sent by the text does not say."""
    item = """§ 12 Dnr KS 2024/100
Mötets öppnande
Helene Nord ersätter Magnus Hall under dagens möte.
Kommunstyrelsens beslut
Kommunstyrelsen förklarar mötet öppnat.

"""
    roles = _ingest(tmp_path, items=item).roles
    assert "Magnus Hall" not in roles and "Helene Nord" not in roles


ATTENDANCE_TABLE = """Beslutande\tSe närvarolista

Justerare: Lars Holm (M)

Närvarolista
Ledamot\tParti\tNärvarande\tErsättare
Eva Berg\tS\tX\t
Lars Holm\tM\tX\t
Karin Ek\tC\t\t
Per Ek\tSD\tNej\t
Lisa Ny\tM\t\tOla Svan
Ersättare
Maja Ros\tS\tX\t
Sten Åhl\tKD\t\t
"""


def test_an_attendance_table_gives_every_row_its_seat(tmp_path: Path) -> None:
    """Rows left blank among marked ones, or marked "Nej", are members who did not come;
    a deputy's row left blank is a deputy who did not serve: a deputy all the same."""
    meeting = _ingest(tmp_path, ATTENDANCE_TABLE)
    roles = meeting.roles
    assert meeting.absent == {"Karin Ek", "Per Ek", "Lisa Ny"}
    assert {"Karin Ek", "Per Ek", "Lisa Ny"} <= meeting.called
    assert "Sten Åhl" not in meeting.attendees | meeting.absent | meeting.called
    assert meeting.attendees == {"Eva Berg", "Lars Holm", "Ola Svan", "Maja Ros"}
    assert {name: roles.get(name) for name in ("Karin Ek", "Per Ek", "Lisa Ny")} == dict.fromkeys(
        ("Karin Ek", "Per Ek", "Lisa Ny"), "ledamot"
    )
    assert roles["Eva Berg"] == roles["Lars Holm"] == "ledamot"
    assert roles["Maja Ros"] == roles["Sten Åhl"] == roles["Ola Svan"] == "ersattare"


def test_a_table_of_absentees_under_their_own_heading_gives_no_seat(tmp_path: Path) -> None:
    """A participants table under "Frånvarande" says only who did not come."""
    members = """Närvarande
Namn\tOrganisation\tRoll
Eva Berg\tNorrby kommun\tOrdförande
Lars Holm\tRegion Norr\tLedamot

Frånvarande
Namn\tOrganisation
Pia Sjö\tNorrby kommun

Justerare: Lars Holm (M)
"""
    meeting = _ingest(tmp_path, members)
    assert "Pia Sjö" in meeting.absent
    assert meeting.roles.get("Lars Holm") == "ledamot"
    assert "Pia Sjö" not in meeting.roles
