"""Commands: what a caller asks the service to do."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from hisab.invoicing.domain.draft import InvoiceDraft
from hisab.kernel.language import Language


@dataclass(frozen=True, slots=True)
class CreateInvoice:
    draft: InvoiceDraft
    idempotency_key: str | None = None

    def fingerprint(self) -> str:
        """A digest of the request body, to tell a retry from a different request."""
        canonical = json.dumps(asdict(self.draft), default=str, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class UpdateInvoice:
    """Correct a draft: the given fields (InvoiceDraft's names) replace the current ones."""

    invoice_id: str
    expected_version: int | None
    changes: Mapping[str, Any]


# What an edit of a draft may change; the dates that number it and its vendor stay.
EDITABLE_FIELDS = frozenset(
    {
        "due_date",
        "customer_id",
        "customer_party_id",
        "customer_tin",
        "customer_bin",
        "buyer_name",
        "buyer_address",
        "delivery_destination",
        "lines",
    }
)


@dataclass(frozen=True, slots=True)
class ApproveInvoice:
    invoice_id: str
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class CancelInvoice:
    invoice_id: str
    reason: str
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class PrintInvoice:
    """Put the tax invoice on paper (PDF); an issued invoice's print is recorded."""

    invoice_id: str
    language: Language


@dataclass(frozen=True, slots=True)
class ViewInvoice:
    """Show the invoice on screen (HTML); nothing is recorded."""

    invoice_id: str
    language: Language


@dataclass(frozen=True, slots=True)
class InspectInvoice:
    """Put the invoice in a PDF for someone who may read but not print it (the VAT officer); nothing is recorded.

    A print is the supplier's act: the first makes the one original (rule 44), later ones
    duplicates. An inspection copy is neither, and says so on every page.
    """

    invoice_id: str
    language: Language
