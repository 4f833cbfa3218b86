"""What an invoice takes from the party and item masters: looked up before its transaction.

The masters are read from their read models, which their own commands keep in step with
their events; an invoice keeps a snapshot of what it took, so it never needs them again.
"""

from __future__ import annotations

from hisab.event_store.messages import Actor
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.domain.draft import InvoiceDraft
from hisab.invoicing.domain.references import RegisteredItem, RegisteredParty, Resolved, fill_from_masters
from hisab.kernel.text import is_clean_identifier


async def with_masters(
    draft: InvoiceDraft, actor: Actor, invoicing: Invoicing, *, customer_given: bool = True, lines_given: bool = True
) -> Resolved:
    """The draft with its party's and items' facts filled in, and the references that were wrong."""
    policy = await invoicing.taxpayer.settings.get(actor.tenant_id)
    customer = None
    party_id = draft.customer_party_id
    if customer_given and party_id is not None and is_clean_identifier(party_id):
        view = await invoicing.parties.get(actor.tenant_id, party_id)
        customer = RegisteredParty(view.party_id, view.details, view.active) if view is not None else None
    item_ids = sorted(
        {line.item_id for line in draft.lines if line.item_id is not None and is_clean_identifier(line.item_id)}
        if lines_given
        else set()
    )
    found = await invoicing.items.get_many(actor.tenant_id, item_ids)
    items = {item_id: RegisteredItem(item_id, view.details, view.active) for item_id, view in found.items()}
    return fill_from_masters(
        draft,
        customer,
        items,
        registered_customer_required=policy.require_registered_customers,
        customer_given=customer_given,
        lines_given=lines_given,
    )
