"""The agreement a clause refers to without naming it ("att förlänga avtalet", "Förvaltningen
föreslår att överenskommelsen förlängs"): the one agreement its item names, in the item's
title or its text."""

from __future__ import annotations

from collections.abc import Sequence

from beslutsgraf.ingest.agreement_titles import agreement_heads
from beslutsgraf.ingest.agreements import find_agreements
from beslutsgraf.ingest.iris import slug
from beslutsgraf.ingest.model import AgreementMention, Span

__all__ = ["referred_agreement"]


def referred_agreement(text: str, clause: Span, item: Sequence[Span]) -> AgreementMention | None:
    """The agreement the parts of an item (its title, its body) name when `clause` only
    refers to one by its head ("avtalet", "överenskommelsen"); None when the clause refers
    to none, or the item names none or several: a reference then tells nothing of which.
    A type word alone ("Förlängning av samverkansavtal") names one only when nothing
    names more."""
    if not find_agreements(text, clause.start, clause.end, bare_heads=True):
        return None
    mentions = [m for part in item for m in find_agreements(text, part.start, part.end)]
    named = [m for m in mentions if not _head_alone(text, m)] or mentions
    keys = {slug(f"{m.title} {m.version_label or ''}") for m in named}
    return named[0] if len(keys) == 1 else None


def _head_alone(text: str, mention: AgreementMention) -> bool:
    heads = agreement_heads(text, mention.span.start, mention.span.end)
    return bool(heads) and (heads[0].start, heads[0].end) == (mention.span.start, mention.span.end)
