"""Who is calling: bearer tokens verified, and an X-Tenant-ID header that must agree with them.

The accepted algorithm is pinned by configuration (HS256, RS256 or ES256): a token whose
header names any other, `none` included, is refused before any key is looked at, so neither an
unsigned token nor an HS256 token "signed" with the RSA public key can pass.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import jwt

from hisab.access.adapters.jwks import JwksKeys, UnknownKeyError
from hisab.access.adapters.tokens import ACCESS, MAX_IDENTIFIER_LENGTH, REFRESH, REFRESH_ALGORITHM, Identity
from hisab.edge.context import Principal
from hisab.edge.permissions import granted
from hisab.kernel.errors import ErrorCode, HisabError

ACCESS_CLAIMS = ("exp", "iat", "sub", "tenant_id", "typ")
REFRESH_CLAIMS = (*ACCESS_CLAIMS, "jti", "fam")

# Checked in order: more specific PyJWT errors come before the ones they subclass.
_REASONS: tuple[tuple[type[jwt.PyJWTError], str], ...] = (
    (jwt.ExpiredSignatureError, "token expired"),
    (jwt.ImmatureSignatureError, "token not yet valid"),
    (jwt.InvalidAudienceError, "wrong audience"),
    (jwt.InvalidIssuerError, "wrong issuer"),
    (jwt.InvalidSignatureError, "bad signature"),
    (jwt.InvalidAlgorithmError, "algorithm not allowed"),
    (jwt.DecodeError, "malformed token"),
)


class AuthenticationError(HisabError):
    """The request does not prove who sends it. The reason is short and never quotes the token."""

    code = ErrorCode.UNAUTHENTICATED

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class ForbiddenError(HisabError):
    """The caller is known but may not do what the request asks."""

    code = ErrorCode.FORBIDDEN


@dataclass(frozen=True, slots=True)
class RefreshGrant:
    """A verified refresh token: whom it speaks for, its own id, and its family's id and expiry."""

    identity: Identity
    token_id: str
    family_id: str
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class TokenVerifier:
    """`access_key` is the HS256 secret, or the JWKS holding the RS256/ES256 public keys."""

    algorithm: str
    access_key: str | JwksKeys
    refresh_secret: str | None
    leeway_seconds: int
    role_map: Mapping[str, Sequence[str]]
    issuer: str | None = None
    audience: str | None = None

    async def principal(self, authorization: str | None) -> Principal:
        """The principal a `Bearer` Authorization header proves; raise AuthenticationError if none."""
        scheme, _, token = (authorization or "").strip().partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise AuthenticationError("missing bearer token")
        if _unverified(token, "typ") == REFRESH:
            raise AuthenticationError("a refresh token is not an access token")
        key = await self._access_key(token)
        claims = self._decode(token, key, self.algorithm, ACCESS_CLAIMS, ACCESS)
        identity = _identity(claims)
        return Principal(
            identity.tenant_id,
            identity.user_id,
            granted(identity.roles, identity.permissions, self.role_map),
            frozenset(role for role in identity.roles if role in self.role_map),
        )

    def refresh_grant(self, token: str) -> RefreshGrant:
        """The verified content of a refresh token; raise AuthenticationError if it is not one."""
        if _unverified(token, "typ") == ACCESS:
            raise AuthenticationError("an access token is not a refresh token")
        if self.refresh_secret is None:
            raise AuthenticationError("this service does not refresh tokens")
        claims = self._decode(token, self.refresh_secret, REFRESH_ALGORITHM, REFRESH_CLAIMS, REFRESH)
        return RefreshGrant(
            _identity(claims),
            _text_claim(claims, "jti"),
            _text_claim(claims, "fam"),
            datetime.fromtimestamp(claims["exp"], UTC),
        )

    async def _access_key(self, token: str) -> Any:
        header = _unverified_header(token)
        if header.get("alg") != self.algorithm:
            raise AuthenticationError("algorithm not allowed")
        if isinstance(self.access_key, str):
            return self.access_key
        kid = header.get("kid")
        try:
            return (await self.access_key.key_for(kid if isinstance(kid, str) else None)).key
        except UnknownKeyError:
            raise AuthenticationError("unknown signing key") from None

    def _decode(self, token: str, key: Any, algorithm: str, required: Sequence[str], kind: str) -> dict[str, Any]:
        wanted = [*required, *(["iss"] if self.issuer else []), *(["aud"] if self.audience else [])]
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key,
                algorithms=[algorithm],
                leeway=self.leeway_seconds,
                issuer=self.issuer,
                audience=self.audience,
                options={"require": wanted},
            )
        except jwt.MissingRequiredClaimError as error:
            raise AuthenticationError(f"missing claim {error.claim}") from None
        except jwt.PyJWTError as error:
            raise AuthenticationError(_reason(error)) from None
        if claims.get("typ") != kind:
            raise AuthenticationError("wrong token type")
        return claims


def check_tenant_header(principal: Principal, tenant_header: str | None) -> None:
    """A client that names its tenant must name the token's; raise ForbiddenError if not."""
    if tenant_header is not None and tenant_header.strip() != principal.tenant_id:
        raise ForbiddenError("the X-Tenant-ID header does not match the token's tenant")


def _unverified_header(token: str) -> dict[str, Any]:
    try:
        return jwt.get_unverified_header(token)
    except jwt.PyJWTError:
        raise AuthenticationError("malformed token") from None


def _unverified(token: str, claim: str) -> object:
    """A claim read before the signature is checked: only ever used to word a refusal."""
    try:
        return jwt.decode(token, options={"verify_signature": False}).get(claim)
    except jwt.PyJWTError:
        return None


def _identity(claims: dict[str, Any]) -> Identity:
    return Identity(
        _text_claim(claims, "tenant_id"),
        _text_claim(claims, "sub"),
        _names(claims, "roles"),
        _names(claims, "permissions") + _scope(claims),
    )


def _text_claim(claims: dict[str, Any], name: str) -> str:
    value = claims.get(name)
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_IDENTIFIER_LENGTH:
        raise AuthenticationError(f"invalid claim {name}")
    return value


def _names(claims: dict[str, Any], name: str) -> tuple[str, ...]:
    value = claims.get(name, [])
    if not isinstance(value, list) or len(value) > 100 or not all(isinstance(item, str) for item in value):
        raise AuthenticationError(f"invalid claim {name}")
    return tuple(value)


def _scope(claims: dict[str, Any]) -> tuple[str, ...]:
    """OAuth 2's space-separated `scope`, which identity providers use for permissions."""
    value = claims.get("scope", "")
    if not isinstance(value, str) or len(value) > 4000:
        raise AuthenticationError("invalid claim scope")
    return tuple(value.split())


def _reason(error: jwt.PyJWTError) -> str:
    return next((reason for kind, reason in _REASONS if isinstance(error, kind)), "invalid token")
