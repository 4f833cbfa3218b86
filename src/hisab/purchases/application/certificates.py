"""The Mushak-6.6 as a document: the certificate with its issuer (the withholding entity) as it stood at the issue.

The issuer is the tenant's supplier profile (name, BIN, the officer who signs) and the address of
its issuing unit (HISAB_ISSUING_UNIT), as the tax invoice prints them. The certificate is issued
with its payment and never changes, so a document is the same every time it is fetched; fetching
one is not recorded (VdsCertificatePrinted is not written: docs/payments.md).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Protocol

from hisab.event_store.messages import Actor
from hisab.kernel.language import Language
from hisab.purchases.application.payment_dependencies import Payments
from hisab.purchases.application.payment_views import CertificateView
from hisab.purchases.application.payments import get_certificate
from hisab.taxpayer.application.profiles import profile_in_force
from hisab.taxpayer.domain.events import IssuingUnit
from hisab.taxpayer.domain.supplier import SupplierProfile


@dataclass(frozen=True, slots=True)
class CertificateDocument:
    certificate: CertificateView
    issuer: SupplierProfile | None
    unit: IssuingUnit | None
    language: Language


class CertificateRenderer(Protocol):
    """Turns a certificate's document into bytes of one format (PDF, HTML)."""

    @property
    def media_type(self) -> str: ...

    def render(self, document: CertificateDocument) -> bytes:
        """Render synchronously; callers run it in a worker thread."""


async def certificate_document(
    certificate_id: str, language: Language, actor: Actor, payments: Payments
) -> CertificateDocument:
    certificate = await get_certificate(certificate_id, actor, payments)
    issuer = await profile_in_force(actor.tenant_id, certificate.recorded_at, payments.taxpayer)
    unit = issuer.unit(_unit_code(certificate)) if issuer is not None else None
    return CertificateDocument(certificate, issuer, unit, language)


async def render_certificate(
    certificate_id: str, language: Language, actor: Actor, payments: Payments, renderer: CertificateRenderer
) -> bytes:
    document = await certificate_document(certificate_id, language, actor, payments)
    return await asyncio.to_thread(renderer.render, document)


def _unit_code(certificate: CertificateView) -> str:
    """The unit that issued it: its serial's prefix (HO/6.6/2026-27/000001)."""
    return certificate.certificate_number.split("/", 1)[0]
