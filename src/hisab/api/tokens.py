"""Access tokens: HS256 JWTs carrying the user (`sub`) and the tenant (`tenant_id`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt

ALGORITHM = "HS256"
# RFC 7518 §3.2: an HS256 key must be at least as long as the hash; PyJWT warns below that.
MIN_SECRET_BYTES = 32
MAX_IDENTIFIER_LENGTH = 200


def check_secret(secret: str) -> None:
    """Refuse a signing secret too short to be safe."""
    if len(secret.encode()) < MIN_SECRET_BYTES:
        raise ValueError(f"the JWT secret must be at least {MIN_SECRET_BYTES} bytes long")


def mint_token(secret: str, tenant_id: str, user_id: str, ttl_seconds: int) -> str:
    """A signed token for `user_id` in `tenant_id`, valid for `ttl_seconds` from now."""
    check_secret(secret)
    if ttl_seconds <= 0:
        raise ValueError("a token must live for a positive number of seconds")
    for name, value in (("tenant", tenant_id), ("user", user_id)):
        if not value.strip() or len(value) > MAX_IDENTIFIER_LENGTH:
            raise ValueError(f"the {name} must be 1 to {MAX_IDENTIFIER_LENGTH} characters")
    now = datetime.now(UTC)
    claims = {"sub": user_id, "tenant_id": tenant_id, "iat": now, "exp": now + timedelta(seconds=ttl_seconds)}
    return jwt.encode(claims, secret, algorithm=ALGORITHM)
