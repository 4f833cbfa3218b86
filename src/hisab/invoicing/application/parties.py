"""The party master's use cases: register, change and deactivate a party, and read parties back."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from hisab.event_store.messages import Actor, DomainEvent, StoredEvent
from hisab.event_store.ports import Transaction
from hisab.event_store.streams import appending
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.ports import PartyFilter, PartyPage
from hisab.invoicing.application.queries import ensure_plausible_id
from hisab.invoicing.domain.party import (
    Party,
    PartyChanged,
    PartyDeactivated,
    PartyDetails,
    PartyInput,
    PartyRegistered,
    register_party,
    validate_party,
)
from hisab.kernel.cursors import SequenceCursors
from hisab.kernel.errors import InvalidInputError, NotFoundError
from hisab.kernel.handler_telemetry import traced_handler
from hisab.kernel.text import text_violations

NOUN = "party"
MAX_PAGE_SIZE = 100
_CURSORS = SequenceCursors("party:")
PARTY_EVENTS: frozenset[type[DomainEvent]] = frozenset({PartyRegistered, PartyChanged, PartyDeactivated})


@dataclass(frozen=True, slots=True)
class PartyView:
    tenant_id: str
    party_id: str
    # The position of the registering event: the newest-first order of `parties` and its cursors.
    sequence: int
    details: PartyDetails
    active: bool
    version: int
    created_at: datetime
    updated_at: datetime


def project_party(stream: Sequence[StoredEvent]) -> PartyView:
    party = Party.from_events(s.event for s in stream)
    first, last = stream[0], stream[-1]
    return PartyView(
        tenant_id=first.metadata.tenant_id,
        party_id=party.party_id,
        sequence=first.position,
        details=party.details,
        active=party.active,
        version=last.version,
        created_at=first.metadata.occurred_at,
        updated_at=last.metadata.occurred_at,
    )


@dataclass(frozen=True, slots=True)
class UpdateParty:
    party_id: str
    expected_version: int | None
    # Only the given fields are replaced: PartyInput's field names to their new raw values.
    changes: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class DeactivateParty:
    party_id: str
    expected_version: int | None


@dataclass(frozen=True, slots=True)
class ListParties:
    filter: PartyFilter
    first: int = 20
    after: str | None = None


def _view_id(view: PartyView) -> str:
    return view.party_id


def _named(command: UpdateParty | DeactivateParty) -> str:
    return command.party_id


@traced_handler("create_party", NOUN, found_in=_view_id)
async def create_party(given: PartyInput, actor: Actor, invoicing: Invoicing) -> PartyView:
    details = validate_party(given)
    party_id = invoicing.new_id()
    recorded = await invoicing.streams.start(actor, lambda: party_id, appending([register_party(party_id, details)]))
    return project_party(recorded.stream)


@traced_handler("update_party", NOUN, named_by=_named, found_in=_view_id)
async def update_party(command: UpdateParty, actor: Actor, invoicing: Invoicing) -> PartyView:
    ensure_plausible_id(command.party_id, NOUN)

    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        party = Party.from_events(s.event for s in history)
        return [party.change(validate_party(replace(party.details.as_input(), **command.changes)))]

    recorded = await invoicing.streams.change(
        actor, command.party_id, decide, noun=NOUN, expected_version=command.expected_version
    )
    return project_party(recorded.stream)


@traced_handler("deactivate_party", NOUN, named_by=_named, found_in=_view_id)
async def deactivate_party(command: DeactivateParty, actor: Actor, invoicing: Invoicing) -> PartyView:
    """A deactivated party stays readable (`active: false`): documents that name it still do."""
    ensure_plausible_id(command.party_id, NOUN)

    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        return [Party.from_events(s.event for s in history).deactivate()]

    recorded = await invoicing.streams.change(
        actor, command.party_id, decide, noun=NOUN, expected_version=command.expected_version
    )
    return project_party(recorded.stream)


async def get_party(party_id: str, actor: Actor, invoicing: Invoicing) -> PartyView:
    ensure_plausible_id(party_id, NOUN)
    view = await invoicing.parties.get(actor.tenant_id, party_id)
    if view is None:
        raise NotFoundError(f"party {party_id} not found")
    return view


async def list_parties(query: ListParties, actor: Actor, invoicing: Invoicing) -> PartyPage:
    if problems := text_violations({"filter.search": query.filter.search}):
        raise InvalidInputError(problems)
    after = decode_party_cursor(query.after) if query.after else None
    first = max(0, min(query.first, MAX_PAGE_SIZE))
    return await invoicing.parties.list(actor.tenant_id, query.filter, first, after)


def encode_party_cursor(view: PartyView) -> str:
    return _CURSORS.encode(view.sequence)


def decode_party_cursor(cursor: str) -> int:
    return _CURSORS.decode(cursor)
