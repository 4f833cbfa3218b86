"""The tenant's approval policy: set it (a command, recorded as an event) and read it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hisab.event_store.messages import Actor
from hisab.event_store.ports import Transaction
from hisab.event_store.streams import appending
from hisab.taxpayer.application.dependencies import Taxpayer
from hisab.taxpayer.application.policy_views import ApprovalPolicyView, project_policy
from hisab.taxpayer.domain.approval_policy import ApprovalPolicy, LevelInput, policy_stream_id, validate_policy


@dataclass(frozen=True, slots=True)
class SetApprovalPolicy:
    levels: tuple[LevelInput, ...]


async def set_approval_policy(command: SetApprovalPolicy, actor: Actor, taxpayer: Taxpayer) -> ApprovalPolicyView:
    """Record the whole policy as one event; an empty list of levels clears it."""
    decide = appending([validate_policy(command.levels, taxpayer.approving_roles)])
    stream_id = policy_stream_id(actor.tenant_id)
    recorded = await taxpayer.streams.change(actor, stream_id, decide, noun="approval policy", may_be_new=True)
    return project_policy(recorded.stream)


async def get_approval_policy(actor: Actor, taxpayer: Taxpayer) -> ApprovalPolicyView | None:
    """The policy and who set it last, or None if the tenant never set one."""
    return await taxpayer.approval_policies.get(actor.tenant_id)


async def policy_within(transaction: Transaction[Any], tenant_id: str) -> ApprovalPolicy:
    """The policy in force, read from its events inside the caller's transaction.

    A command deciding by the policy reads the truth in its own transaction, not a read model
    another connection may not have seen yet.
    """
    stored = await transaction.events.read_stream(tenant_id, policy_stream_id(tenant_id))
    return ApprovalPolicy.from_events(s.event for s in stored)
