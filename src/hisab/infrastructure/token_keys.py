"""The keys that sign and verify tokens, as the settings name them (or, outside production, generate them)."""

from __future__ import annotations

import secrets

from pydantic import SecretStr

from hisab.access.adapters.auth import TokenVerifier
from hisab.access.adapters.jwks import JwksKeys
from hisab.access.adapters.tokens import SigningKey, TokenIssuer
from hisab.config import ConfigurationError, Settings
from hisab.edge.permissions import Permission


def jwt_secret(settings: Settings) -> str:
    """The access-token secret; outside production, a generated one kept in the data directory."""
    return _secret(settings, settings.jwt_secret, "jwt-secret", "HISAB_JWT_SECRET")


def token_issuer(settings: Settings) -> TokenIssuer | None:
    """What signs tokens here; None when an identity provider holds the only signing key."""
    if settings.jwt_algorithm == "HS256":
        signing = SigningKey("HS256", jwt_secret(settings))
    elif settings.jwt_private_key_file is not None:
        signing = SigningKey(settings.jwt_algorithm, settings.jwt_private_key_file.read_text(), settings.jwt_key_id)
    else:
        return None
    refresh = _secret(settings, settings.jwt_refresh_secret, "jwt-refresh-secret", "HISAB_JWT_REFRESH_SECRET")
    try:
        return TokenIssuer(
            signing, refresh, settings.access_token_ttl_seconds, settings.refresh_token_ttl_seconds,
            settings.jwt_issuer, settings.jwt_audience,
        )  # fmt: skip
    except ValueError as error:
        raise ConfigurationError(str(error)) from error


def token_verifier(settings: Settings, issuer: TokenIssuer | None) -> TokenVerifier:
    for role, names in settings.roles.items():
        unknown = sorted(set(names) - {p.value for p in Permission})
        if unknown:
            raise ConfigurationError(f"HISAB_ROLES: role {role} names unknown permissions {unknown}")
    access_key: str | JwksKeys
    if settings.jwt_algorithm == "HS256":
        access_key = jwt_secret(settings)
    elif settings.jwt_jwks:
        access_key = JwksKeys(
            settings.jwt_jwks, settings.jwt_algorithm, settings.jwks_cache_seconds, settings.jwks_min_reload_seconds
        )
    else:
        raise ConfigurationError(f"HISAB_JWT_JWKS must name the JWKS file or URL for {settings.jwt_algorithm}")
    return TokenVerifier(
        settings.jwt_algorithm, access_key, issuer.refresh_secret if issuer else None, settings.jwt_leeway_seconds,
        settings.roles, settings.jwt_issuer, settings.jwt_audience,
    )  # fmt: skip


def _secret(settings: Settings, configured: SecretStr | None, filename: str, variable: str) -> str:
    if configured is not None:
        return configured.get_secret_value()
    if settings.is_production:
        raise ConfigurationError(f"{variable} must be set in production")
    path = settings.data_dir / filename
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(48))
    return path.read_text().strip()


def session_secret(settings: Settings) -> str:
    """What signs the web app's session cookies: HISAB_SESSION_SECRET, or in development a kept random one."""
    return _secret(settings, settings.session_secret, "session-secret", "HISAB_SESSION_SECRET")
