"""A tenant's own rules: reading them, and changing them (which is logged, with who did it)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from hisab.event_store.messages import Actor
from hisab.taxpayer.application.dependencies import Taxpayer
from hisab.taxpayer.domain.policy import TenantPolicy

_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class UpdateTenantSettings:
    policy: TenantPolicy


async def get_tenant_settings(actor: Actor, taxpayer: Taxpayer) -> TenantPolicy:
    return await taxpayer.settings.get(actor.tenant_id)


async def update_tenant_settings(command: UpdateTenantSettings, actor: Actor, taxpayer: Taxpayer) -> TenantPolicy:
    await taxpayer.settings.save(actor.tenant_id, command.policy, actor.user_id, taxpayer.clock())
    # Relaxing segregation of duties is an audit matter: say who did it, under which request.
    _log.warning(
        "tenant %s settings changed to %s by %s (request %s)",
        actor.tenant_id, command.policy, actor.user_id, actor.correlation_id,
    )  # fmt: skip
    return command.policy
