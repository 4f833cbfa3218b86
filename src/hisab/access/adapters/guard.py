"""The door every authenticated request passes: rate limits, then the token, then the caller's bucket.

Two token buckets: one per (tenant, user) for authenticated requests, and a tighter one per
client address that only failed authentications drain. While an address's failure bucket is
empty, its requests are refused with 429 before their token is even looked at: guessing and
replaying tokens gets slow, and a flood of forged tokens costs no signature checks. The client
address is the peer's, or the one a trusted proxy forwards (uvicorn's --forwarded-allow-ips).
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

from starlette.requests import Request

from hisab.access.adapters.auth import AuthenticationError, ForbiddenError, TokenVerifier, check_tenant_header
from hisab.access.adapters.jwks import KeysUnavailableError
from hisab.access.application.dependencies import Access
from hisab.access.application.ports import RateLimit, RateLimiter
from hisab.edge.context import Principal
from hisab.edge.errors import RequestRefusedError
from hisab.kernel.errors import ErrorCode

_log = logging.getLogger(__name__)


def unauthenticated(reason: str) -> RequestRefusedError:
    return RequestRefusedError(ErrorCode.UNAUTHENTICATED, f"Unauthorized: {reason}")


def unavailable(what: str) -> RequestRefusedError:
    message = f"Service unavailable: {what}; try again shortly"
    return RequestRefusedError(ErrorCode.UNAVAILABLE, message, headers={"Retry-After": "5"})


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@dataclass(frozen=True, slots=True)
class Guard:
    verifier: TokenVerifier
    user_limit: RateLimit
    failure_limit: RateLimit

    async def admit(self, request: Request) -> Principal:
        """The caller, once its address may still try, its token is good and its bucket not empty."""
        limiter: RateLimiter = request.state.services.get(Access).rate_limiter
        await self.ensure_may_try(limiter, request)
        try:
            principal = await self.verifier.principal(request.headers.get("Authorization"))
            check_tenant_header(principal, request.headers.get("X-Tenant-ID"))
        except AuthenticationError as error:
            await self.record_failure(limiter, request, error.reason)
            raise unauthenticated(error.reason) from None
        except KeysUnavailableError:
            _log.exception("cannot verify tokens: no signing keys")
            raise unavailable("token keys cannot be read") from None
        except ForbiddenError as error:
            raise RequestRefusedError(error.code, f"Forbidden: {error}") from None
        await self.charge(limiter, principal.tenant_id, principal.user_id)
        # Left for what wraps the endpoints: the audit of an audited caller's reads.
        request.state.principal = principal
        return principal

    async def ensure_may_try(self, limiter: RateLimiter, request: Request) -> None:
        decision = await limiter.acquire(_failure_key(request), self.failure_limit, cost=0)
        if not decision.allowed:
            raise too_many(decision.retry_after_seconds, "too many failed authentications from this address")

    async def record_failure(self, limiter: RateLimiter, request: Request, reason: str) -> None:
        address = client_address(request)
        _log.info("authentication failed from %s: %s", address, reason)
        await limiter.acquire(_failure_key(request), self.failure_limit)

    async def charge(self, limiter: RateLimiter, tenant_id: str, user_id: str, cost: int = 1) -> None:
        """Take `cost` requests from the caller's bucket; raise a 429 refusal when it is empty."""
        # The tenant's length first, so that no tenant and user pair can spell another's key.
        decision = await limiter.acquire(f"user:{len(tenant_id)}:{tenant_id}:{user_id}", self.user_limit, cost)
        if not decision.allowed:
            raise too_many(decision.retry_after_seconds, "rate limit exceeded")


def too_many(retry_after_seconds: float, reason: str) -> RequestRefusedError:
    seconds = max(1, math.ceil(retry_after_seconds))
    message = f"Too many requests: {reason}; retry after {seconds} s"
    return RequestRefusedError(ErrorCode.RATE_LIMITED, message, headers={"Retry-After": str(seconds)})


def _failure_key(request: Request) -> str:
    return f"auth-failures:{client_address(request)}"
