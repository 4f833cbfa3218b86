"""Permissions: what a caller may do, from the roles and permissions its token carries.

Every field of Query and Mutation declares the permission it needs with the schema directive
`@requires(permission: ...)`; a root field without one makes the schema fail to build, so a
new field is closed until someone decides who may use it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from ariadne import SchemaDirectiveVisitor
from graphql import GraphQLField, GraphQLInterfaceType, GraphQLObjectType, GraphQLSchema, default_field_resolver

from hisab.kernel.errors import ErrorCode, HisabError

if TYPE_CHECKING:
    from hisab.api.context import Info

ROOT_TYPES = ("Query", "Mutation")


class Permission(StrEnum):
    INVOICE_READ = "invoice:read"
    INVOICE_CREATE = "invoice:create"
    INVOICE_APPROVE = "invoice:approve"
    INVOICE_CANCEL = "invoice:cancel"
    TENANT_ADMIN = "tenant:admin"


ALL_PERMISSIONS = frozenset(Permission)


class PermissionDeniedError(HisabError):
    """The caller is known but lacks the permission the field declares."""

    code = ErrorCode.FORBIDDEN

    def __init__(self, permission: Permission) -> None:
        super().__init__(f"Forbidden: missing permission {permission.value}")
        self.permission = permission


def granted(
    roles: Iterable[str], permissions: Iterable[str], role_map: Mapping[str, Iterable[str]]
) -> frozenset[Permission]:
    """The permissions of the roles (as `role_map` defines them) and of the explicit permissions.

    Names this service does not know are ignored: an identity provider may carry roles of
    other applications in the same token.
    """
    named = {p for role in roles for p in role_map.get(role, ())} | set(permissions)
    return frozenset(Permission(name) for name in named if name in _KNOWN)


_KNOWN = {p.value for p in Permission}


class RequiresDirective(SchemaDirectiveVisitor):
    """`@requires(permission: "invoice:approve")`: the field runs only for callers holding it."""

    def visit_field_definition(
        self, field: GraphQLField, object_type: GraphQLObjectType | GraphQLInterfaceType
    ) -> GraphQLField:
        permission = Permission(self.args["permission"])
        resolve: Callable[..., Awaitable[Any] | Any] = field.resolve or default_field_resolver

        def guarded(parent: Any, info: Info, **arguments: Any) -> Awaitable[Any] | Any:
            if permission not in info.context.principal.permissions:
                raise PermissionDeniedError(permission)
            return resolve(parent, info, **arguments)

        field.resolve = guarded
        return field


def ensure_every_root_field_declares_a_permission(schema: GraphQLSchema) -> None:
    """Refuse a schema with a Query or Mutation field that names no permission."""
    for type_name in ROOT_TYPES:
        root = schema.get_type(type_name)
        assert isinstance(root, GraphQLObjectType)
        for name, field in root.fields.items():
            node = field.ast_node
            if node is None or not any(d.name.value == "requires" for d in node.directives or ()):
                raise ValueError(f"{type_name}.{name} declares no @requires(permission: ...)")
