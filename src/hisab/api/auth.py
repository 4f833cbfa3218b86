"""Who is calling: the bearer token is verified, and an X-Tenant-ID header must agree with it."""

from __future__ import annotations

from typing import Any

import jwt

from hisab.api.context import Principal
from hisab.api.tokens import ALGORITHM, MAX_IDENTIFIER_LENGTH

REQUIRED_CLAIMS = ("exp", "sub", "tenant_id")

# Checked in order: more specific PyJWT errors come before the ones they subclass.
_REASONS: tuple[tuple[type[jwt.PyJWTError], str], ...] = (
    (jwt.ExpiredSignatureError, "token expired"),
    (jwt.ImmatureSignatureError, "token not yet valid"),
    (jwt.InvalidSignatureError, "bad signature"),
    (jwt.InvalidAlgorithmError, "algorithm not allowed"),
    (jwt.DecodeError, "malformed token"),
)


class AuthenticationError(Exception):
    """The request does not prove who sends it. The reason is short and never quotes the token."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class ForbiddenError(Exception):
    """The caller is known but may not do what the request asks."""


def authenticate(authorization: str | None, secret: str, leeway_seconds: int) -> Principal:
    """The principal a `Bearer` Authorization header proves; raise AuthenticationError if none."""
    scheme, _, token = (authorization or "").strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthenticationError("missing bearer token")
    try:
        claims = jwt.decode(
            token.strip(),
            secret,
            algorithms=[ALGORITHM],
            leeway=leeway_seconds,
            options={"require": list(REQUIRED_CLAIMS)},
        )
    except jwt.MissingRequiredClaimError as error:
        raise AuthenticationError(f"missing claim {error.claim}") from None
    except jwt.PyJWTError as error:
        raise AuthenticationError(_reason(error)) from None
    return Principal(tenant_id=_identifier(claims, "tenant_id"), user_id=_identifier(claims, "sub"))


def check_tenant_header(principal: Principal, tenant_header: str | None) -> None:
    """A client that names its tenant must name the token's; raise ForbiddenError if not."""
    if tenant_header is not None and tenant_header.strip() != principal.tenant_id:
        raise ForbiddenError("the X-Tenant-ID header does not match the token's tenant")


def _reason(error: jwt.PyJWTError) -> str:
    return next((reason for kind, reason in _REASONS if isinstance(error, kind)), "invalid token")


def _identifier(claims: dict[str, Any], name: str) -> str:
    value = claims.get(name)
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_IDENTIFIER_LENGTH:
        raise AuthenticationError(f"invalid claim {name}")
    return value
