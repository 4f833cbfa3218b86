"""The payments' part of the schema: every field without a resolver reads an attribute its value has."""

from __future__ import annotations

import dataclasses

import pytest

from hisab.api.graphql.schema import build_schema
from hisab.purchases.application.payment_views import (
    AllocationView,
    BillPayable,
    CertificateView,
    DepositView,
    PaymentView,
    WithholdingPayable,
)
from hisab.purchases.domain.events import CertificateRow, PaymentWithholding
from tests.api.test_schema import _read_by_name

# The Python value each object type's fields are read from.
VALUES: dict[str, type[object]] = {
    "Payment": PaymentView,
    "PaymentAllocation": AllocationView,
    "PaymentWithholding": PaymentWithholding,
    "VdsCertificate": CertificateView,
    "VdsCertificateRow": CertificateRow,
    "BillPayable": BillPayable,
    "WithholdingPayable": WithholdingPayable,
    "WithholdingDeposit": DepositView,
}


@pytest.mark.parametrize("type_name", sorted(VALUES))
def test_every_field_without_a_resolver_reads_an_attribute_its_value_has(type_name: str) -> None:
    value = VALUES[type_name]
    attributes = {field.name for field in dataclasses.fields(value)}  # type: ignore[arg-type]
    attributes |= {name for name, member in vars(value).items() if isinstance(member, property)}

    read = _read_by_name(build_schema(federation=False), type_name)

    assert {name: attribute for name, attribute in read.items() if attribute not in attributes} == {}
