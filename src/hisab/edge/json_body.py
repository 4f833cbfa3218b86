"""Reading a GraphQL request body as JSON, keeping every number exact (see `hisab.edge.exact_numbers`)."""

from __future__ import annotations

import json

from starlette.requests import Request

from hisab.edge.exact_numbers import EXACT_NUMBER_RULE, inexact_number_message, integer_is_exact, round_trips
from hisab.kernel.errors import ErrorCode, HisabError


class BodyError(HisabError):
    """The body cannot be read as a GraphQL request; the message says why, for the client.

    Its status is its own: a body too large is 413, not the 400 of other bad input.
    """

    code = ErrorCode.BAD_USER_INPUT

    def __init__(self, message: str, *, rule: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.rule = rule
        self.status = status


async def read_body(request: Request, limit: int) -> bytes:
    """The whole body, refused as soon as it grows past `limit` (a bound on memory per request).

    A body that announces its size is refused before a byte of it is read; one sent in chunks
    is refused when it grows past the limit.
    """
    too_large = BodyError(f"the request body is larger than {limit} bytes", rule="body_size", status=413)
    declared = request.headers.get("Content-Length", "")
    if declared.isascii() and declared.isdigit() and (len(declared) > 18 or int(declared) > limit):
        raise too_large
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise too_large
    return bytes(body)


def parse_json(body: bytes) -> object:
    """The decoded JSON, with floats only where they are exact; raise BodyError otherwise."""
    try:
        return json.loads(body, parse_float=_parse_float, parse_int=_parse_int, parse_constant=_refuse_constant)
    except BodyError:
        raise
    except (ValueError, RecursionError) as error:
        raise BodyError("the request body is not valid JSON", rule="json") from error


def _parse_float(text: str) -> float:
    if not round_trips(text):
        raise BodyError(inexact_number_message(text), rule=EXACT_NUMBER_RULE)
    return float(text)


def _parse_int(text: str) -> int:
    if not integer_is_exact(text):
        raise BodyError(inexact_number_message(text), rule=EXACT_NUMBER_RULE)
    return int(text)


def _refuse_constant(text: str) -> float:
    raise BodyError(f"{text} is not a number JSON allows", rule=EXACT_NUMBER_RULE)
