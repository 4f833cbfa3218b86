"""What `hisab serve` sets up outside production: two users to sign in as, and a tenant ready to invoice.

`maker` creates invoices and records receipts; `checker` approves what the maker made (the
maker may not approve their own) and administers the tenant. Their passwords are random, made
when the users are first added and printed that once; `hisab users passwd` sets new ones.

With the users, the development tenant gets what a first invoice needs and a newcomer should
not have to look up: the registered person's profile (printed on the Mushak-6.3), one customer
and the Steel Rods of the README's example. Made once, with the users; a tenant that has them is
left alone.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from decimal import Decimal

from hisab.bootstrap import Rules, open_database, services_for, user_accounts
from hisab.config import Settings
from hisab.event_store.messages import Actor
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.items import CreateItem, create_item
from hisab.invoicing.application.parties import create_party
from hisab.invoicing.domain.item import ItemInput
from hisab.invoicing.domain.party import PartyInput, PartyKind
from hisab.taxpayer.application.commands import SetSupplierProfile
from hisab.taxpayer.application.dependencies import Taxpayer
from hisab.taxpayer.application.profiles import set_supplier_profile
from hisab.taxpayer.domain.supplier import ProfileInput, UnitInput


@dataclass(frozen=True, slots=True)
class DevelopmentUser:
    username: str
    roles: tuple[str, ...]
    duty: str


DEVELOPMENT_USERS = (
    DevelopmentUser("maker", ("clerk", "accountant"), "creates invoices, records receipts, drafts journal entries"),
    DevelopmentUser("checker", ("admin",), "approves the maker's invoices and entries, administers the tenant"),
)
_PROFILE = ProfileInput(
    "Padma Builders Ltd.", "002871821-0101", (UnitInput("HO", "Head office", "12 Motijheel C/A, Dhaka 1000"),),
    "Farhana Rahman", "Head of Accounts",
)  # fmt: skip
_CUSTOMER = PartyInput(
    "C-0001", (PartyKind.CUSTOMER,), "Meghna Real Estate Ltd.", "মেঘনা রিয়েল এস্টেট লিমিটেড", "001745707-0402",
    address="House 42, Road 11, Banani, Dhaka 1213", credit_days=30,
)  # fmt: skip
_STEEL_RODS = ItemInput(
    "STEEL-RODS", "Construction Materials - Steel Rods", Decimal(5000), "নির্মাণ সামগ্রী - রড", hs_code="7214.20.00",
    unit_of_supply="ton",
)  # fmt: skip


async def ensure_development_tenant(settings: Settings, tenant_id: str) -> dict[str, str | None]:
    """Each development user's new password, or None for one that was already there; the tenant's
    profile, customer and item come with the users' first creation."""
    database = await open_database(settings)
    try:
        accounts = user_accounts(settings, database)
        passwords: dict[str, str | None] = {}
        for user in DEVELOPMENT_USERS:
            if await accounts.find(user.username) is not None:
                passwords[user.username] = None
                continue
            password = secrets.token_urlsafe(12)
            await accounts.add(tenant_id, user.username, password, user.roles, user.username.capitalize())
            passwords[user.username] = password
        if all(passwords.values()):
            services = services_for(database, Rules.from_settings(settings))
            actor = Actor(tenant_id, "checker", "development-setup")
            await set_supplier_profile(SetSupplierProfile(_PROFILE), actor, services.get(Taxpayer))
            await create_party(_CUSTOMER, actor, services.get(Invoicing))
            await create_item(CreateItem(_STEEL_RODS), actor, services.get(Invoicing))
        return passwords
    finally:
        await database.close()
