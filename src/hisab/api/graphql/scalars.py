"""The Date and DateTime scalars."""

from __future__ import annotations

import re
from datetime import date, datetime

from ariadne import ScalarType

# date.fromisoformat also takes forms such as 20250115 and 2025-W03-3; the API takes one.
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

date_scalar = ScalarType("Date")
datetime_scalar = ScalarType("DateTime")


@date_scalar.serializer
def serialize_date(value: date) -> str:
    return value.isoformat()


@date_scalar.value_parser
def parse_date(value: object) -> date:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise ValueError("a Date is written YYYY-MM-DD, e.g. 2025-01-15")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value} is not a calendar date") from None


@datetime_scalar.serializer
def serialize_datetime(value: datetime) -> str:
    return value.isoformat()


@datetime_scalar.value_parser
def parse_datetime(value: object) -> datetime:
    """A moment needs its offset: 10:00 in Dhaka and 10:00 UTC are six hours apart."""
    message = "a DateTime is ISO-8601 with its UTC offset, e.g. 2026-12-02T10:00:00+06:00"
    if not isinstance(value, str):
        raise ValueError(message)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(message) from None
    if moment.tzinfo is None:
        raise ValueError(message)
    return moment
