"""Commands: what a caller asks the service to do."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

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
class ApproveInvoice:
    invoice_id: str
    expected_version: int | None = None
    # The caller's roles: under an approval policy, each level is approved by a role.
    roles: frozenset[str] = frozenset()


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
