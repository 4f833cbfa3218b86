"""The message a stored event becomes: a versioned JSON envelope, keyed by invoice id.

The envelope is the public contract with other services (docs/events.md); a change to its
shape raises `ENVELOPE_VERSION`. The payload is the event exactly as Hisab serializes it,
so `decode_envelope` gives back the very `StoredEvent` that was published.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from hisab.event_store.adapters.codec import decode_event, encode_event
from hisab.event_store.messages import EventMetadata, StoredEvent

ENVELOPE_VERSION = 1


class EnvelopeError(Exception):
    """A message that is not a Hisab event envelope this version can read."""


def message_key(stored: StoredEvent) -> bytes:
    """The invoice id: one invoice's events land on one partition, in order."""
    return stored.stream_id.encode()


def message_headers(stored: StoredEvent) -> list[tuple[str, str | bytes | None]]:
    """What a consumer may route or filter on without parsing the value."""
    return [
        ("type", stored.event.event_type.encode()),
        ("tenant", stored.metadata.tenant_id.encode()),
        ("correlation-id", stored.metadata.correlation_id.encode()),
    ]


def envelope_of(stored: StoredEvent) -> dict[str, Any]:
    name, version = split_type(stored.event.event_type)
    return {
        "envelope_version": ENVELOPE_VERSION,
        "event_id": stored.event_id,
        "type": name,
        "version": version,
        "stream_id": stored.stream_id,
        "stream_version": stored.version,
        "position": stored.position,
        "tenant_id": stored.metadata.tenant_id,
        "user_id": stored.metadata.user_id,
        "occurred_at": stored.metadata.occurred_at.isoformat(),
        "correlation_id": stored.metadata.correlation_id,
        "payload": json.loads(encode_event(stored.event)),
    }


def encode_envelope(stored: StoredEvent) -> bytes:
    return json.dumps(envelope_of(stored), ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def decode_envelope(value: bytes) -> StoredEvent:
    """The stored event an envelope carries; EnvelopeError if it is not one."""
    try:
        data = json.loads(value)
        if data["envelope_version"] != ENVELOPE_VERSION:
            raise EnvelopeError(f"envelope version {data['envelope_version']} is not {ENVELOPE_VERSION}")
        metadata = EventMetadata(
            data["tenant_id"], data["user_id"], data["correlation_id"], datetime.fromisoformat(data["occurred_at"])
        )
        event = decode_event(f"{data['type']}.v{data['version']}", data["payload"])
        stream = (data["stream_id"], data["stream_version"])
        return StoredEvent(data["event_id"], *stream, data["position"], event, metadata)
    except EnvelopeError:
        raise
    except Exception as error:  # malformed JSON, a missing field, a payload that does not validate
        raise EnvelopeError(f"not a Hisab event envelope: {error.__class__.__name__}: {error}") from error


def split_type(event_type: str) -> tuple[str, int]:
    """`InvoiceApproved.v1` is type `InvoiceApproved`, version 1."""
    name, _, version = event_type.rpartition(".v")
    return name, int(version)
