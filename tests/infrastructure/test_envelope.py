"""The Kafka envelope: its documented shape, and a round trip for every event type."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from hisab.event_store.messages import StoredEvent
from hisab.infrastructure.kafka.envelope import (
    EnvelopeError,
    decode_envelope,
    encode_envelope,
    message_headers,
    message_key,
)
from hisab.invoicing.domain.events import InvoiceApproved, InvoiceCancelled
from tests.builders import metadata, opening_events

ISSUED = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def _stored() -> list[StoredEvent]:
    events = [
        *opening_events("inv-1"),
        InvoiceApproved("inv-1", "HO/2026-27/000001", 1, 2026, ISSUED),
        InvoiceCancelled("inv-1", "wrong customer", ISSUED),
    ]
    return [StoredEvent(f"event-{n}", "inv-1", n, 100 + n, e, metadata()) for n, e in enumerate(events, start=1)]


@pytest.mark.parametrize("stored", _stored(), ids=lambda s: s.event.event_type)
def test_every_event_type_round_trips_through_its_envelope(stored: StoredEvent) -> None:
    value = encode_envelope(stored)
    assert decode_envelope(value) == stored
    assert encode_envelope(decode_envelope(value)) == value


def test_the_envelope_carries_the_documented_fields() -> None:
    approved = _stored()[3]
    envelope = json.loads(encode_envelope(approved))
    assert {k: v for k, v in envelope.items() if k != "payload"} == {
        "envelope_version": 1,
        "event_id": "event-4",
        "type": "InvoiceApproved",
        "version": 1,
        "stream_id": "inv-1",
        "stream_version": 4,
        "position": 104,
        "tenant_id": "tenant-a",
        "user_id": "user-1",
        "occurred_at": "2026-11-26T06:00:00+00:00",
        "correlation_id": "correlation-1",
    }
    assert envelope["payload"]["mushak_number"] == "HO/2026-27/000001"
    assert message_key(approved) == b"inv-1"
    assert message_headers(approved) == [
        ("type", b"InvoiceApproved.v1"), ("tenant", b"tenant-a"), ("correlation-id", b"correlation-1"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    "value",
    [b"not json", b"{}", json.dumps({**json.loads(encode_envelope(_stored()[0])), "envelope_version": 2}).encode()],
    ids=["not-json", "no-fields", "newer-envelope"],
)
def test_a_message_that_is_not_an_envelope_of_this_version_is_refused(value: bytes) -> None:
    with pytest.raises(EnvelopeError):
        decode_envelope(value)
