"""The party master on every backend: the fake, SQLite and PostgreSQL keep the same read model."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest

from hisab.bootstrap import sql_adapters
from hisab.event_store.messages import StoredEvent
from hisab.event_store.ports import Database
from hisab.invoicing.application.parties import (
    DeactivateParty,
    ListParties,
    UpdateParty,
    create_party,
    deactivate_party,
    encode_party_cursor,
    get_party,
    list_parties,
    update_party,
)
from hisab.invoicing.application.ports import PartyFilter
from hisab.invoicing.domain.party import PartyChanged, PartyInput, PartyKind, PartyRegistered
from hisab.kernel.errors import ConcurrencyError, IllegalTransitionError, InvalidInputError, NotFoundError
from tests.builders import actor, invoicing, rebuild
from tests.fakes import FakeDatabase, memory_adapters

CUSTOMER = (PartyKind.CUSTOMER,)
SUPPLIER = (PartyKind.SUPPLIER,)


def acme(code: str = "C-001", **changes: Any) -> PartyInput:
    fields: dict[str, Any] = {
        "code": code,
        "kinds": CUSTOMER,
        "legal_name": "Acme Trading Ltd",
        "legal_name_bn": "অ্যাকমি ট্রেডিং লিমিটেড",
        "bin": "000123456-0101",
        "phone": "01712-345678",
        "credit_days": 30,
        "credit_limit": Decimal("500000.50"),
    }
    fields.update(changes)
    return PartyInput(**fields)


async def test_a_created_party_reads_back_normalised(database: Database[Any]) -> None:
    app = invoicing(database)
    created = await create_party(acme(), actor(), app)

    found = await get_party(created.party_id, actor(), app)
    assert found == created
    assert found.details.bin == "0001234560101"
    assert found.details.phone == "+8801712345678"
    assert found.details.credit_limit == Decimal("500000.50")
    assert (found.active, found.version) == (True, 1)


async def test_an_update_replaces_the_given_fields_only(database: Database[Any]) -> None:
    app = invoicing(database)
    created = await create_party(acme(), actor(), app)
    changes = {"legal_name": "Acme Steel Ltd", "kinds": (PartyKind.CUSTOMER, PartyKind.SUPPLIER), "email": None}
    updated = await update_party(UpdateParty(created.party_id, 1, changes), actor(), app)

    found = await get_party(created.party_id, actor(), app)
    assert found == updated
    assert found.details.legal_name == "Acme Steel Ltd"
    assert found.details.kinds == (PartyKind.CUSTOMER, PartyKind.SUPPLIER)
    assert found.details.legal_name_bn == "অ্যাকমি ট্রেডিং লিমিটেড"
    assert found.version == 2
    assert found.created_at == created.created_at < found.updated_at


async def test_a_stale_version_or_an_unknown_party_is_refused(database: Database[Any]) -> None:
    app = invoicing(database)
    created = await create_party(acme(), actor(), app)
    await update_party(UpdateParty(created.party_id, 1, {"credit_days": 45}), actor(), app)

    with pytest.raises(ConcurrencyError):
        await update_party(UpdateParty(created.party_id, 1, {"credit_days": 60}), actor(), app)
    with pytest.raises(NotFoundError):
        await update_party(UpdateParty("00000000-0000-0000-0000-000000000000", None, {}), actor(), app)
    with pytest.raises(NotFoundError):
        await get_party(created.party_id, actor("tenant-b"), app)


async def test_a_deactivated_party_stays_readable(database: Database[Any]) -> None:
    app = invoicing(database)
    created = await create_party(acme(), actor(), app)
    await deactivate_party(DeactivateParty(created.party_id, 1), actor(), app)

    found = await get_party(created.party_id, actor(), app)
    assert (found.active, found.version) == (False, 2)
    with pytest.raises(IllegalTransitionError):
        await deactivate_party(DeactivateParty(created.party_id, None), actor(), app)


async def test_a_code_is_unique_per_tenant(database: Database[Any]) -> None:
    app = invoicing(database)
    await create_party(acme(), actor(), app)
    with pytest.raises(InvalidInputError) as refused:
        await create_party(acme(legal_name="Other Ltd"), actor(), app)
    assert [(v.field, v.rule) for v in refused.value.violations] == [("code", "unique")]

    other = await create_party(acme("C-002"), actor(), app)
    with pytest.raises(InvalidInputError):
        await update_party(UpdateParty(other.party_id, None, {"code": "C-001"}), actor(), app)
    await create_party(acme(), actor("tenant-b"), app)


async def test_of_two_concurrent_creates_of_one_code_one_wins(database: Database[Any]) -> None:
    app = invoicing(database)
    outcomes = await asyncio.gather(*(create_party(acme(), actor(), app) for _ in range(4)), return_exceptions=True)

    refused = [o for o in outcomes if isinstance(o, BaseException)]
    assert len(refused) == 3
    assert all(isinstance(o, InvalidInputError) and o.violations[0].rule == "unique" for o in refused)
    page = await list_parties(ListParties(PartyFilter()), actor(), app)
    assert page.total_count == 1


async def test_search_matches_the_code_either_name_or_the_bin(database: Database[Any]) -> None:
    app = invoicing(database)
    await create_party(acme(), actor(), app)
    await create_party(
        acme("S-9", kinds=SUPPLIER, legal_name="Rahim 100%_Jute", legal_name_bn="রহিম জুট", bin=None), actor(), app
    )

    async def found(search: str) -> list[str]:
        page = await list_parties(ListParties(PartyFilter(search=search)), actor(), app)
        return [view.details.code for view in page.parties]

    assert await found("c-00") == ["C-001"]
    assert await found("ACME trading") == ["C-001"]
    assert await found("ট্রেডিং") == ["C-001"]
    assert await found("0001234560101") == ["C-001"]
    assert await found("000123456-0101") == ["C-001"]
    assert await found("100%_") == ["S-9"]
    assert await found("%") == ["S-9"]
    assert await found("ltd") == ["C-001"]
    assert await found("nobody") == []


async def test_the_filter_picks_kinds_and_activity(database: Database[Any]) -> None:
    app = invoicing(database)
    customer = await create_party(acme("C-1"), actor(), app)
    await create_party(acme("S-1", kinds=SUPPLIER), actor(), app)
    await create_party(acme("B-1", kinds=(PartyKind.SUPPLIER, PartyKind.CUSTOMER)), actor(), app)
    await deactivate_party(DeactivateParty(customer.party_id, None), actor(), app)

    async def codes(where: PartyFilter) -> list[str]:
        return [v.details.code for v in (await list_parties(ListParties(where), actor(), app)).parties]

    assert await codes(PartyFilter(kinds=SUPPLIER)) == ["B-1", "S-1"]
    assert await codes(PartyFilter(kinds=CUSTOMER)) == ["B-1", "C-1"]
    assert await codes(PartyFilter(active=False)) == ["C-1"]
    assert await codes(PartyFilter(active=True, kinds=CUSTOMER)) == ["B-1"]


async def test_pages_run_newest_first_with_keyset_cursors(database: Database[Any]) -> None:
    app = invoicing(database)
    for n in range(5):
        await create_party(acme(f"P-{n}"), actor(), app)
    await create_party(acme("P-other"), actor("tenant-b"), app)

    first = await list_parties(ListParties(PartyFilter(), first=2), actor(), app)
    assert [v.details.code for v in first.parties] == ["P-4", "P-3"]
    assert (first.has_next_page, first.total_count) == (True, 5)
    rest = await list_parties(
        ListParties(PartyFilter(), first=10, after=encode_party_cursor(first.parties[-1])), actor(), app
    )
    assert [v.details.code for v in rest.parties] == ["P-2", "P-1", "P-0"]
    assert rest.has_next_page is False


async def test_the_rebuild_verifies_repairs_and_keeps_codes_unique(database: Database[Any]) -> None:
    app = invoicing(database)
    moved = await create_party(acme("C-1"), actor(), app)
    await update_party(UpdateParty(moved.party_id, None, {"code": "C-2"}), actor(), app)
    # The code the first party gave up is taken by another: the replay must not trip over it.
    await create_party(acme("C-1", legal_name="Second Ltd"), actor(), app)
    assert await rebuild(database, verify_only=True) == []
    await rebuild(database, verify_only=False)

    stream = await app.streams.read("tenant-a", moved.party_id)
    await _project(database, [_renamed(stream[0], "Tampered Ltd", "C-9")])
    differences = await rebuild(database, verify_only=True)
    assert len(differences) == 1
    assert f"party tenant-a/{moved.party_id}" in differences[0]

    await rebuild(database, verify_only=False)
    assert await rebuild(database, verify_only=True) == []
    assert (await get_party(moved.party_id, actor(), app)).details.legal_name == "Acme Trading Ltd"


async def _project(database: Database[Any], stream: list[StoredEvent]) -> None:
    adapters = memory_adapters() if isinstance(database, FakeDatabase) else sql_adapters()
    async with database.transaction("tenant-a") as transaction:
        await adapters.projections.apply(transaction.tables, stream, stream)
        await transaction.commit()


def _renamed(stored: StoredEvent, name: str, code: str) -> StoredEvent:
    assert isinstance(stored.event, PartyRegistered | PartyChanged)
    details = replace(stored.event.details, legal_name=name, code=code)
    return replace(stored, event=replace(stored.event, details=details))
