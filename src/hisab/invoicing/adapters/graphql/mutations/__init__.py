"""The mutations of invoices, one module each."""

from __future__ import annotations

from ariadne import MutationType

from hisab.invoicing.adapters.graphql.mutations.approve_invoice import resolve_approve_invoice
from hisab.invoicing.adapters.graphql.mutations.cancel_invoice import resolve_cancel_invoice
from hisab.invoicing.adapters.graphql.mutations.create_invoice import resolve_create_invoice

mutation_type = MutationType()
mutation_type.set_field("createInvoice", resolve_create_invoice)
mutation_type.set_field("approveInvoice", resolve_approve_invoice)
mutation_type.set_field("cancelInvoice", resolve_cancel_invoice)
