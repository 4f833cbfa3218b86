"""The mutations of invoices, one module each."""

from __future__ import annotations

from ariadne import MutationType

from hisab.invoicing.adapters.graphql.mutations.approve_invoice import resolve_approve_invoice
from hisab.invoicing.adapters.graphql.mutations.cancel_invoice import resolve_cancel_invoice
from hisab.invoicing.adapters.graphql.mutations.create_invoice import resolve_create_invoice
from hisab.invoicing.adapters.graphql.mutations.update_invoice import resolve_update_invoice
from hisab.invoicing.adapters.graphql.parties import (
    resolve_create_party,
    resolve_deactivate_party,
    resolve_update_party,
)

mutation_type = MutationType()
mutation_type.set_field("createInvoice", resolve_create_invoice)
mutation_type.set_field("updateInvoice", resolve_update_invoice)
mutation_type.set_field("approveInvoice", resolve_approve_invoice)
mutation_type.set_field("cancelInvoice", resolve_cancel_invoice)
mutation_type.set_field("createParty", resolve_create_party)
mutation_type.set_field("updateParty", resolve_update_party)
mutation_type.set_field("deactivateParty", resolve_deactivate_party)
