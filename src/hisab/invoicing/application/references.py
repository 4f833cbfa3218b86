"""What an invoice takes from the party and item masters: looked up before its transaction.

The masters are read from their read models, which their own commands keep in step with
their events; an invoice keeps a snapshot of what it took, so it never needs them again.
They are read before the invoice's transaction opens, never inside it: a reader inside would
hold one pooled connection while waiting for another, and a full pool would wait forever.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from hisab.event_store.messages import Actor
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.domain.draft import InvoiceDraft, LineInput
from hisab.invoicing.domain.references import RegisteredItem, RegisteredParty, Resolved, fill_from_masters
from hisab.kernel.text import is_clean_identifier


@dataclass(frozen=True, slots=True)
class Masters:
    """The party and items a draft names, as they are now, and whether the tenant requires a party."""

    registered_customer_required: bool
    customer: RegisteredParty | None = None
    items: dict[str, RegisteredItem] = field(default_factory=dict)

    def fill(self, draft: InvoiceDraft, *, customer_given: bool = True, lines_given: bool = True) -> Resolved:
        return fill_from_masters(
            draft,
            self.customer,
            self.items,
            registered_customer_required=self.registered_customer_required,
            customer_given=customer_given,
            lines_given=lines_given,
        )


async def look_up(
    actor: Actor,
    invoicing: Invoicing,
    party_id: str | None,
    lines: Sequence[LineInput] = (),
    *,
    customer_given: bool = True,
) -> Masters:
    """The party `party_id` and the items `lines` name (the ones that exist), in three queries at most.

    The tenant's rule on registered customers is read only when it could refuse: a draft that
    names a party (or an edit that leaves the customer alone) meets it whatever it says.
    """
    required = False
    if customer_given and party_id is None:
        required = (await invoicing.taxpayer.settings.get(actor.tenant_id)).require_registered_customers
    customer = None
    if party_id is not None and is_clean_identifier(party_id):
        view = await invoicing.parties.get(actor.tenant_id, party_id)
        customer = RegisteredParty(view.party_id, view.details, view.active) if view is not None else None
    item_ids = sorted(
        {line.item_id for line in lines if line.item_id is not None and is_clean_identifier(line.item_id)}
    )
    found = await invoicing.items.get_many(actor.tenant_id, item_ids)
    items = {item_id: RegisteredItem(item_id, view.details, view.active) for item_id, view in found.items()}
    return Masters(required, customer, items)
