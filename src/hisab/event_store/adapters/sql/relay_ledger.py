"""The outbox's bookkeeping statements, written once for both databases.

Everything of the `Outbox` port except `pending`, whose gap-safety differs per database.
Lease times are seconds since the epoch on the database's clock (`now_epoch`).
"""

from __future__ import annotations

from datetime import datetime

from hisab.event_store.adapters.sql.outbox_rows import RAW_COLUMNS, raw_event
from hisab.event_store.adapters.sql.params import Params, Style
from hisab.event_store.adapters.sql.types import Fetch
from hisab.event_store.adapters.sql.values import ValueCodec
from hisab.event_store.outbox import Backlog, RawEvent, RelayRecord


class SqlRelayLedger:
    def __init__(self, fetch: Fetch, style: Style, now_epoch: str, codec: ValueCodec) -> None:
        self._fetch = fetch
        self._style = style
        self._now = now_epoch
        self._codec = codec

    async def backlog(self, after_position: int) -> Backlog:
        p = Params(self._style)
        after = p.add(after_position)
        rows = await self._fetch(
            f"SELECT position, occurred_at FROM events WHERE position > {after} ORDER BY position LIMIT 1", p.values
        )
        if not rows:
            return Backlog(0, None)
        last = await self._fetch("SELECT max(position) AS position FROM events", [])
        return Backlog(last[0]["position"] - after_position, self._codec.datetime_out(rows[0]["occurred_at"]))

    async def start_position(self, since: datetime | None) -> int:
        if since is None:
            return 0
        p = Params(self._style)
        rows = await self._fetch(
            "SELECT coalesce(min(position) - 1, (SELECT coalesce(max(position), 0) FROM events)) AS position "
            f"FROM events WHERE occurred_at >= {p.add(self._codec.datetime_in(since))}",
            p.values,
        )
        position: int = rows[0]["position"]
        return position

    async def inspect(self, position: int) -> RawEvent | None:
        p = Params(self._style)
        rows = await self._fetch(f"SELECT {RAW_COLUMNS} FROM events WHERE position = {p.add(position)}", p.values)
        return raw_event(rows[0]) if rows else None

    async def claim(self, topic: str, owner: str, lease_seconds: float, start: int) -> int | None:
        p = Params(self._style)
        values = f"{p.add(topic)}, {p.add(start)}, {p.add(owner)}, {self._now} + {p.add(lease_seconds)}"
        rows = await self._fetch(
            "INSERT INTO relay_state AS r (topic, position, owner, lease_expires_at, status) "
            f"VALUES ({values}, 'publishing') "
            "ON CONFLICT (topic) DO UPDATE SET owner = excluded.owner, lease_expires_at = excluded.lease_expires_at "
            f"WHERE r.owner = excluded.owner OR r.owner IS NULL OR r.lease_expires_at < {self._now} "
            "RETURNING position",
            p.values,
        )
        return rows[0]["position"] if rows else None

    async def advance(self, topic: str, owner: str, position: int) -> bool:
        p = Params(self._style)
        rows = await self._fetch(
            f"UPDATE relay_state SET position = {p.add(position)}, updated_at = {self._timestamp()} "
            f"WHERE topic = {p.add(topic)} AND owner = {p.add(owner)} RETURNING topic",
            p.values,
        )
        return bool(rows)

    async def report(self, topic: str, owner: str, status: str, detail: str | None) -> None:
        p = Params(self._style)
        await self._fetch(
            f"UPDATE relay_state SET status = {p.add(status)}, detail = {p.add(detail)}, "
            f"updated_at = {self._timestamp()} WHERE topic = {p.add(topic)} AND owner = {p.add(owner)} RETURNING topic",
            p.values,
        )

    async def release(self, topic: str, owner: str) -> None:
        p = Params(self._style)
        await self._fetch(
            "UPDATE relay_state SET owner = NULL, lease_expires_at = 0 "
            f"WHERE topic = {p.add(topic)} AND owner = {p.add(owner)} RETURNING topic",
            p.values,
        )

    async def record(self, topic: str) -> RelayRecord | None:
        p = Params(self._style)
        rows = await self._fetch(
            f"SELECT topic, position, owner, lease_expires_at - {self._now} AS lease_left, status, detail, updated_at "
            f"FROM relay_state WHERE topic = {p.add(topic)}",
            p.values,
        )
        if not rows:
            return None
        row = rows[0]
        return RelayRecord(
            topic=row["topic"],
            position=row["position"],
            owner=row["owner"],
            lease_seconds_left=max(float(row["lease_left"]), 0.0) if row["owner"] else 0.0,
            status=row["status"],
            detail=row["detail"],
            updated_at=self._codec.datetime_out(row["updated_at"]),
        )

    def _timestamp(self) -> str:
        return "now()" if self._style == "numeric" else "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
