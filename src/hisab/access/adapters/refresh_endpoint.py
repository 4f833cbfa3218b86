"""POST /auth/refresh: a refresh token, once, for a new access token and refresh token.

A refresh token that comes back after it was used means that two parties hold it: the token's
whole family is revoked, the reuse is logged as a warning, and both parties must sign in again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import JSONResponse

from hisab.access.adapters.auth import AuthenticationError, RefreshGrant
from hisab.access.adapters.guard import Guard, client_address, unauthenticated, unavailable
from hisab.access.adapters.tokens import TokenIssuer
from hisab.access.application.dependencies import Access
from hisab.access.application.ports import Redemption
from hisab.edge.errors import RequestRefusedError
from hisab.edge.json_body import BodyError, parse_json, read_body
from hisab.kernel.error_body import error_body
from hisab.kernel.errors import UnavailableError, Violation
from hisab.kernel.services import Services

MAX_REFRESH_BODY_BYTES = 16 * 1024
_log = logging.getLogger(__name__)
_REFUSALS = {
    Redemption.REUSED: "refresh token already used; every token of its sign-in is now revoked",
    Redemption.FAMILY_REVOKED: "refresh token revoked",
}


@dataclass(frozen=True, slots=True)
class RefreshEndpoint:
    guard: Guard
    issuer: TokenIssuer

    async def handle(self, request: Request) -> JSONResponse:
        services: Services = request.state.services
        try:
            await self.guard.ensure_may_try(services.get(Access).rate_limiter, request)
            token = _refresh_token(parse_json(await read_body(request, MAX_REFRESH_BODY_BYTES)))
            grant = await self._grant(request, services, token)
            await self._redeem(request, services, grant)
            await self.guard.charge(services.get(Access).rate_limiter, grant.identity.tenant_id, grant.identity.user_id)
        except RequestRefusedError as refused:
            return JSONResponse(refused.body, status_code=refused.status, headers=refused.headers)
        except BodyError as error:
            # Shaped like the API renders it (`hisab.edge.errors.http_error`), which this layer cannot import.
            violation = Violation("body", error.rule, error.message)
            return JSONResponse(error_body(error.message, error.code, (violation,)), error.status)
        pair = self.issuer.pair(grant.identity, (grant.family_id, grant.expires_at))
        return JSONResponse(pair.as_json())

    async def _grant(self, request: Request, services: Services, token: str) -> RefreshGrant:
        try:
            return self.guard.verifier.refresh_grant(token)
        except AuthenticationError as error:
            await self.guard.record_failure(services.get(Access).rate_limiter, request, error.reason)
            raise unauthenticated(error.reason) from None

    async def _redeem(self, request: Request, services: Services, grant: RefreshGrant) -> None:
        identity = grant.identity
        try:
            outcome = await services.get(Access).refresh_tokens.redeem(
                identity.tenant_id, grant.token_id, grant.family_id, grant.expires_at
            )
        except UnavailableError:
            _log.exception("cannot record a refresh token as used; refusing to refresh")
            raise unavailable("refresh tokens cannot be checked") from None
        if outcome is Redemption.FIRST_USE:
            return
        _log.warning(
            "refused %s: tenant %s, user %s, token %s, family %s, from %s",
            outcome.value, identity.tenant_id, identity.user_id, grant.token_id, grant.family_id,
            client_address(request),
        )  # fmt: skip
        await self.guard.record_failure(services.get(Access).rate_limiter, request, outcome.value)
        raise unauthenticated(_REFUSALS[outcome])


def _refresh_token(data: object) -> str:
    token = data.get("refreshToken") if isinstance(data, dict) else None
    if not isinstance(token, str) or not token:
        raise BodyError('the body is {"refreshToken": "<token>"}', rule="refresh_token_required")
    return token
