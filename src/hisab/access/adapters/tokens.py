"""Issuing tokens: short-lived access tokens and single-use refresh tokens.

Access tokens are signed with HS256 (HISAB_JWT_SECRET) or, with a private key, RS256/ES256;
refresh tokens are only ever read by this service, so they are HS256 under a secret of their
own (HISAB_JWT_REFRESH_SECRET). Each token says what it is in its `typ` claim and carries a
unique `jti`; a refresh token also carries `fam`, the family of every token refreshed from one
sign-in, which shares one expiry: rotating never makes a session outlive its first refresh token.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt

ACCESS, REFRESH = "access", "refresh"
REFRESH_ALGORITHM = "HS256"
# RFC 7518 §3.2: an HS256 key must be at least as long as the hash; PyJWT warns below that.
MIN_SECRET_BYTES = 32
MAX_IDENTIFIER_LENGTH = 200


def check_secret(secret: str, name: str = "JWT secret") -> None:
    """Refuse a signing secret too short to be safe."""
    if len(secret.encode()) < MIN_SECRET_BYTES:
        raise ValueError(f"the {name} must be at least {MIN_SECRET_BYTES} bytes long")


@dataclass(frozen=True, slots=True)
class Identity:
    """Whom a token speaks for, and the roles and permissions it grants."""

    tenant_id: str
    user_id: str
    roles: tuple[str, ...] = ()
    permissions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name, value in (("tenant", self.tenant_id), ("user", self.user_id)):
            if not value.strip() or len(value) > MAX_IDENTIFIER_LENGTH:
                raise ValueError(f"the {name} must be 1 to {MAX_IDENTIFIER_LENGTH} characters")


@dataclass(frozen=True, slots=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_in: int

    def as_json(self) -> dict[str, object]:
        return {
            "accessToken": self.access_token,
            "refreshToken": self.refresh_token,
            "tokenType": "Bearer",
            "expiresIn": self.expires_in,
        }


@dataclass(frozen=True, slots=True)
class SigningKey:
    """What access tokens are signed with: an HS256 secret, or an RS256/ES256 private key in PEM."""

    algorithm: str
    key: str
    key_id: str | None = None


@dataclass(frozen=True, slots=True)
class TokenIssuer:
    signing: SigningKey
    refresh_secret: str
    access_ttl_seconds: int
    refresh_ttl_seconds: int
    issuer: str | None = None
    audience: str | None = None

    def __post_init__(self) -> None:
        if self.signing.algorithm == "HS256":
            check_secret(self.signing.key)
            if self.signing.key == self.refresh_secret:
                raise ValueError("the refresh secret must differ from the access token secret")
        check_secret(self.refresh_secret, "JWT refresh secret")

    def access_token(self, identity: Identity, ttl_seconds: int | None = None) -> str:
        ttl = ttl_seconds if ttl_seconds is not None else self.access_ttl_seconds
        claims = self._claims(identity, ACCESS, datetime.now(UTC) + timedelta(seconds=_positive(ttl)))
        headers = {"kid": self.signing.key_id} if self.signing.key_id else None
        return jwt.encode(claims, self.signing.key, algorithm=self.signing.algorithm, headers=headers)

    def refresh_token(self, identity: Identity, family_id: str, expires_at: datetime) -> str:
        claims = {**self._claims(identity, REFRESH, expires_at), "fam": family_id}
        return jwt.encode(claims, self.refresh_secret, algorithm=REFRESH_ALGORITHM)

    def pair(self, identity: Identity, family: tuple[str, datetime] | None = None) -> TokenPair:
        """A new access token and refresh token; a refresh keeps its family and the family's expiry."""
        family_id, expires_at = family or (
            uuid.uuid4().hex,
            datetime.now(UTC) + timedelta(seconds=self.refresh_ttl_seconds),
        )
        return TokenPair(
            self.access_token(identity), self.refresh_token(identity, family_id, expires_at), self.access_ttl_seconds
        )

    def _claims(self, identity: Identity, kind: str, expires_at: datetime) -> dict[str, Any]:
        now = datetime.now(UTC)
        claims: dict[str, Any] = {
            "sub": identity.user_id,
            "tenant_id": identity.tenant_id,
            "typ": kind,
            "jti": uuid.uuid4().hex,
            "iat": now,
            "exp": expires_at,
        }
        if identity.roles:
            claims["roles"] = list(identity.roles)
        if identity.permissions:
            claims["permissions"] = list(identity.permissions)
        if self.issuer:
            claims["iss"] = self.issuer
        if self.audience:
            claims["aud"] = self.audience
        return claims


def _positive(ttl_seconds: int) -> int:
    if ttl_seconds <= 0:
        raise ValueError("a token must live for a positive number of seconds")
    return ttl_seconds
