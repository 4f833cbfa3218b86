"""Event rows to stored events, for either database."""

from __future__ import annotations

from typing import Any

from hisab.event_store.adapters.codec import decode_event
from hisab.event_store.adapters.sql.types import Row
from hisab.event_store.adapters.sql.values import ValueCodec
from hisab.event_store.messages import EventMetadata, StoredEvent

EVENT_COLUMNS = (
    "position, event_id, tenant_id, stream_id, version, event_type, payload, user_id, correlation_id, occurred_at"
)


def stored_event(row: Row, codec: ValueCodec) -> StoredEvent:
    occurred_at = codec.datetime_out(row["occurred_at"])
    payload: Any = row["payload"]
    return StoredEvent(
        event_id=str(row["event_id"]),
        stream_id=row["stream_id"],
        version=row["version"],
        position=row["position"],
        event=decode_event(row["event_type"], payload),
        metadata=EventMetadata(row["tenant_id"], row["user_id"], row["correlation_id"], occurred_at),
    )
