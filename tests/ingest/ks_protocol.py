"""A kommunstyrelse § protocol of 2024-09-10 for tests to write in variants: its header,
its member list and the items a test gives, closed by a plain § 13."""

from __future__ import annotations

from pathlib import Path

from beslutsgraf.store.base import Store

HEADER = """PROTOKOLL
Kommunstyrelsen
Sammanträdesdatum 2024-09-10

Plats och tid: Kommunhuset, kl. 09.00–12.00
"""
MEMBERS = """Beslutande
Eva Berg (S), ordförande
Lars Holm (M)
Karin Ek (C)

Justerare: Lars Holm (M)
"""
BUDGET_ITEM = """§ 12 Dnr KS 2024/100
Budget 2025
Kommunstyrelsens beslut
Kommunstyrelsen föreslår kommunfullmäktige att anta budget 2025.

"""
LAST_ITEM = """§ 13 Dnr KS 2024/101
Delegationsbeslut
Kommunstyrelsens beslut
Redovisningen läggs till handlingarna.
"""


def ks_protocol(items: str, *, members: str = MEMBERS, header: str = HEADER) -> str:
    """The protocol's text: `header`, `members`, then `items` (each item ending in a line
    break, the last one ours unless `items` holds its own)."""
    return f"{header}\n{members}\n{items}"


def write_protocol(folder: Path, text: str) -> Path:
    path = folder / "ks_protokoll_2024-09-10.txt"
    path.write_text(text, encoding="utf-8")
    return path


_ITEM_WITH_BACKGROUND = """§ {number} Dnr KS 2024/{number}
{title}
Ärendebeskrivning
{background}
Kommunstyrelsens beslut
{decision}

"""


def items_protocol(folder: Path, *items: tuple[str, str, str]) -> Path:
    """A protocol written to `folder` whose §§ 10, 11 … are `items`, each (title, the
    matter's background, the decision), closed by a plain § 30."""
    text = "".join(
        _ITEM_WITH_BACKGROUND.format(
            number=number, title=title, background=background, decision=decision
        )
        for number, (title, background, decision) in enumerate(items, start=10)
    )
    return write_protocol(folder, ks_protocol(text + LAST_ITEM.replace("§ 13", "§ 30")))


# The IRIs the protocol's meeting and body get, and readers of what the graph says of them.
_PREFIXES = (
    "PREFIX bg: <https://w3id.org/beslutsgraf/def#> "
    "PREFIX org: <http://www.w3.org/ns/org#> "
    "PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
)
KS = "<https://w3id.org/beslutsgraf/id/org/kommunstyrelsen>"
MEETING = "<https://w3id.org/beslutsgraf/id/meeting/kommunstyrelsen/2024-09-10>"


def membership_roles(store: Store) -> dict[str, str]:
    """Name → the role (local name) of their membership in kommunstyrelsen."""
    rows = store.select(
        _PREFIXES + "SELECT ?name ?role WHERE { ?m org:member ?p ; org:role ?role ; "
        f"org:organization {KS} . ?p foaf:name ?name }}"
    )
    return {row["name"].strip('"'): row["role"].rsplit("#", 1)[-1].rstrip(">") for row in rows}


def meeting_people(store: Store, predicate: str) -> set[str]:
    """The names the meeting links by `bg:{predicate}` (called, attendee, absentee …)."""
    rows = store.select(
        _PREFIXES + f"SELECT ?name WHERE {{ {MEETING} bg:{predicate} ?p . ?p foaf:name ?name }}"
    )
    return {row["name"].strip('"') for row in rows}
