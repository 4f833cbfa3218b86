"""How each database holds the values that Python keeps as dates, datetimes and Decimals.

PostgreSQL takes them natively. SQLite has no such types, so it gets ISO-8601 text (UTC for
datetimes) and exact decimal text; it never sees a float.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, Protocol


class ValueCodec(Protocol):
    def date_in(self, value: date) -> Any: ...
    def date_out(self, value: Any) -> date: ...
    def datetime_in(self, value: datetime) -> Any: ...
    def datetime_out(self, value: Any) -> datetime: ...
    def decimal_in(self, value: Decimal) -> Any: ...
    def decimal_out(self, value: Any) -> Decimal: ...


class NativeValues:
    def date_in(self, value: date) -> Any:
        return value

    def date_out(self, value: Any) -> date:
        assert isinstance(value, date)
        return value

    def datetime_in(self, value: datetime) -> Any:
        return value

    def datetime_out(self, value: Any) -> datetime:
        assert isinstance(value, datetime)
        return value.astimezone(UTC)

    def decimal_in(self, value: Decimal) -> Any:
        return value

    def decimal_out(self, value: Any) -> Decimal:
        assert isinstance(value, Decimal)
        return value


class TextValues:
    def date_in(self, value: date) -> Any:
        return value.isoformat()

    def date_out(self, value: Any) -> date:
        return date.fromisoformat(value)

    def datetime_in(self, value: datetime) -> Any:
        return value.astimezone(UTC).isoformat()

    def datetime_out(self, value: Any) -> datetime:
        return datetime.fromisoformat(value)

    def decimal_in(self, value: Decimal) -> Any:
        return str(value)

    def decimal_out(self, value: Any) -> Decimal:
        return Decimal(value)
