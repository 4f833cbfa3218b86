"""The party master over GraphQL: its mutations, its queries and the Party type's derived fields.

Every other field of Party is read from the view's details by name (`legalNameBn` reads
`details.legal_name_bn`); only the id, the kinds, the BIN, the credit limit and the times are derived.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from ariadne import EnumType, ObjectType

from hisab.edge.connections import connection, page_size
from hisab.edge.context import Info
from hisab.edge.errors import fields_under
from hisab.edge.exact_numbers import exact_decimal
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.parties import (
    MAX_PAGE_SIZE,
    DeactivateParty,
    ListParties,
    PartyView,
    UpdateParty,
    create_party,
    deactivate_party,
    encode_party_cursor,
    get_party,
    list_parties,
    update_party,
)
from hisab.invoicing.application.ports import PartyFilter
from hisab.invoicing.domain.party import PartyInput, PartyKind
from hisab.kernel.identifiers import format_bin
from hisab.kernel.money import Money

party_kind_enum = EnumType("PartyKind", PartyKind)
party_type = ObjectType("Party")

# What an omitted or null field of the input means for the domain's fields that cannot be absent.
_EMPTY: dict[str, Any] = {
    "code": "", "kinds": (), "legal_name": "", "withholding_entity": False, "credit_days": 0,
    "credit_limit": Decimal(0),
}  # fmt: skip


def _domain_fields(raw: dict[str, Any]) -> dict[str, Any]:
    """The input's fields in the domain's names and types (the schema's `kind` is the domain's `kinds`)."""
    fields: dict[str, Any] = {}
    for name, value in raw.items():
        field = "kinds" if name == "kind" else name
        if value is None:
            fields[field] = _EMPTY.get(field)
        elif field == "kinds":
            fields[field] = tuple(value)
        elif field == "credit_limit":
            fields[field] = exact_decimal(value)
        else:
            fields[field] = value
    return fields


async def resolve_create_party(_: None, info: Info, input: dict[str, Any]) -> PartyView:
    context = info.context
    given = PartyInput(**{**_EMPTY, **_domain_fields(input)})
    with fields_under("input"):
        return await create_party(given, context.actor, context.services.get(Invoicing))


async def resolve_update_party(
    _: None, info: Info, id: str, input: dict[str, Any], expected_version: int | None = None
) -> PartyView:
    context = info.context
    command = UpdateParty(id, expected_version, _domain_fields(input))
    with fields_under("input"):
        return await update_party(command, context.actor, context.services.get(Invoicing))


async def resolve_deactivate_party(_: None, info: Info, id: str, expected_version: int | None = None) -> PartyView:
    context = info.context
    return await deactivate_party(DeactivateParty(id, expected_version), context.actor, context.services.get(Invoicing))


async def resolve_party(_: None, info: Info, id: str) -> PartyView:
    context = info.context
    return await get_party(id, context.actor, context.services.get(Invoicing))


async def resolve_parties(
    _: None, info: Info, first: int | None = None, after: str | None = None, filter: dict[str, Any] | None = None
) -> dict[str, object]:
    size = page_size(first, MAX_PAGE_SIZE)
    raw = filter or {}
    where = PartyFilter(kinds=tuple(raw.get("kind") or ()), search=raw.get("search"), active=raw.get("active"))
    context = info.context
    query = ListParties(filter=where, first=size, after=after)
    page = await list_parties(query, context.actor, context.services.get(Invoicing))
    return connection(page, page.parties, encode_party_cursor)


@party_type.field("id")
def resolve_party_id(view: PartyView, info: Info) -> str:
    return view.party_id


@party_type.field("kind")
def resolve_party_kind(view: PartyView, info: Info) -> tuple[PartyKind, ...]:
    return view.details.kinds


@party_type.field("bin")
def resolve_party_bin(view: PartyView, info: Info) -> str | None:
    return format_bin(view.details.bin) if view.details.bin is not None else None


@party_type.field("creditLimit")
def resolve_credit_limit(view: PartyView, info: Info) -> Money:
    return Money(view.details.credit_limit, "BDT")


@party_type.field("createdAt")
def resolve_party_created_at(view: PartyView, info: Info) -> datetime:
    return view.created_at.astimezone(UTC)


@party_type.field("updatedAt")
def resolve_party_updated_at(view: PartyView, info: Info) -> datetime:
    return view.updated_at.astimezone(UTC)


def _detail(attribute: str) -> Callable[[PartyView, Info], object]:
    def resolve(view: PartyView, info: Info) -> object:
        return getattr(view.details, attribute)

    return resolve


_DETAILS = {
    "code": "code", "legalName": "legal_name", "legalNameBn": "legal_name_bn", "tin": "tin", "nid": "nid",
    "address": "address", "addressBn": "address_bn", "phone": "phone", "email": "email",
    "withholdingEntity": "withholding_entity", "creditDays": "credit_days",
}  # fmt: skip
for _field, _attribute in _DETAILS.items():
    party_type.set_field(_field, _detail(_attribute))

PARTY_TYPES = (party_kind_enum, party_type)
