"""The signed-in session: a signed, HttpOnly, SameSite=Lax cookie, checked and renewed on every request.

The cookie holds who signed in (tenant, user, how), their language, the CSRF token of their
forms and when they signed in; itsdangerous signs it with the session secret and stamps the
time it was last renewed. A session ends after `idle` without a request, or `lifetime` after
signing in, whichever is first. A local user's roles are read afresh on every request (so a
disabled account or a changed password ends its sessions at once: the cookie carries a
fingerprint of the password hash); an identity provider's user keeps the roles it signed in with.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from starlette.requests import Request
from starlette.responses import Response

from hisab.kernel.language import Language

COOKIE = "hisab_session"
# Renewing the cookie on every request would send a Set-Cookie with every response; once a minute is enough.
_RENEW_AFTER_SECONDS = 60

Kind = Literal["local", "oidc"]


@dataclass(frozen=True, slots=True)
class Session:
    tenant_id: str
    user_id: str
    kind: Kind
    display_name: str
    language: str
    csrf_token: str
    signed_in_at: float
    # A local user's password-hash fingerprint; an identity provider's user's roles.
    fingerprint: str = ""
    roles: tuple[str, ...] = ()

    @property
    def lang(self) -> Language:
        return Language(self.language)


def new_session(
    tenant_id: str, user_id: str, kind: Kind, display_name: str, language: Language, *,
    fingerprint: str = "", roles: tuple[str, ...] = (),
) -> Session:  # fmt: skip
    return Session(
        tenant_id, user_id, kind, display_name, language.value, secrets.token_urlsafe(32), time.time(),
        fingerprint, roles,
    )  # fmt: skip


def password_fingerprint(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class SessionRead:
    session: Session | None
    expired: bool = False
    renew: bool = False


class SessionCookies:
    def __init__(self, secret: str, *, idle_seconds: int, lifetime_seconds: int, secure: bool) -> None:
        self._serializer = URLSafeTimedSerializer(secret, salt="hisab.web.session")
        self._idle = idle_seconds
        self._lifetime = lifetime_seconds
        self.secure = secure

    def read(self, request: Request) -> SessionRead:
        raw = request.cookies.get(COOKIE)
        if not raw:
            return SessionRead(None)
        try:
            payload, renewed_at = self._serializer.loads(raw, max_age=self._idle, return_timestamp=True)
            session = Session(**{**payload, "roles": tuple(payload.get("roles", ()))})
        except SignatureExpired:
            return SessionRead(None, expired=True)
        except (BadSignature, TypeError, ValueError):
            return SessionRead(None)
        if time.time() - session.signed_in_at > self._lifetime:
            return SessionRead(None, expired=True)
        return SessionRead(session, renew=time.time() - renewed_at.timestamp() > _RENEW_AFTER_SECONDS)

    def sign(self, session: Session) -> str:
        """The cookie's value for `session`, signed and stamped now."""
        return self._serializer.dumps(_payload(session))

    def write(self, response: Response, session: Session) -> None:
        response.set_cookie(
            COOKIE, self.sign(session), max_age=self._lifetime, httponly=True,
            secure=self.secure, samesite="lax", path="/",
        )  # fmt: skip

    def clear(self, response: Response) -> None:
        response.delete_cookie(COOKIE, httponly=True, secure=self.secure, samesite="lax", path="/")


def _payload(session: Session) -> dict[str, Any]:
    return {**asdict(session), "roles": list(session.roles)}


def with_language(session: Session, language: Language) -> Session:
    return replace(session, language=language.value)
