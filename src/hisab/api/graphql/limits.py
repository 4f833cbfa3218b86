"""Bounds on what one GraphQL document may ask for: depth, aliases and cost.

Cost counts one per field, and a field that takes `first` multiplies the cost of what it selects
by the number of items it may return (the literal, or the cap of 100 when it is a variable; its
default when absent). The bounds depend on the document alone, never on variables, so the
validation cache stays correct. Introspection fields are not counted: introspection is off in
production, and GraphiQL's own introspection query is deeper than any business query.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphql import (
    ASTValidationRule,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
)

from hisab.invoicing.application.queries import MAX_PAGE_SIZE

DEFAULT_PAGE = 20
_LIMIT_RULE = "query_limits"


def limit_rules(max_depth: int, max_aliases: int, max_cost: int) -> tuple[type[ASTValidationRule], ...]:
    """Validation rules enforcing the configured bounds."""

    class QueryLimitsRule(ValidationRule):
        def enter_document(self, node: DocumentNode, *_args: Any) -> None:
            aliases = sum(_count_aliases(definition.selection_set) for definition in node.definitions
                          if isinstance(definition, OperationDefinitionNode | FragmentDefinitionNode))  # fmt: skip
            if aliases > max_aliases:
                self._refuse(f"the query uses {aliases} aliases; at most {max_aliases} are allowed")

        def enter_operation_definition(self, node: OperationDefinitionNode, *_args: Any) -> None:
            walker = _Walker(self.context)
            depth, cost = walker.measure(node.selection_set)
            if depth > max_depth:
                self._refuse(f"the query is {depth} levels deep; at most {max_depth} are allowed")
            elif cost > max_cost:
                self._refuse(f"the query may cost {cost}; at most {max_cost} is allowed")

        def _refuse(self, message: str) -> None:
            self.report_error(GraphQLError(message, extensions={"rule": _LIMIT_RULE}))

    return (QueryLimitsRule,)


def _count_aliases(selection_set: SelectionSetNode | None) -> int:
    if selection_set is None:
        return 0
    count = 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode) and selection.alias is not None:
            count += 1
        if isinstance(selection, FieldNode | InlineFragmentNode):
            count += _count_aliases(selection.selection_set)
    return count


class _Walker:
    """Depth and cost of a selection, following fragments (a fragment cycle counts as nothing more)."""

    def __init__(self, context: ValidationContext) -> None:
        self._fragment: Callable[[str], FragmentDefinitionNode | None] = context.get_fragment
        self._active: set[str] = set()

    def measure(self, selection_set: SelectionSetNode | None) -> tuple[int, int]:
        if selection_set is None:
            return 0, 0
        depth, cost = 0, 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                if selection.name.value.startswith("__"):
                    continue
                inner_depth, inner_cost = self.measure(selection.selection_set)
                depth = max(depth, inner_depth + 1)
                cost += 1 + _items(selection) * inner_cost
            else:
                inner_depth, inner_cost = self._fragment_measure(selection)
                depth, cost = max(depth, inner_depth), cost + inner_cost
        return depth, cost

    def _fragment_measure(self, selection: Any) -> tuple[int, int]:
        if isinstance(selection, InlineFragmentNode):
            return self.measure(selection.selection_set)
        assert isinstance(selection, FragmentSpreadNode)
        name = selection.name.value
        fragment = self._fragment(name)
        if fragment is None or name in self._active:
            return 0, 0
        self._active.add(name)
        try:
            return self.measure(fragment.selection_set)
        finally:
            self._active.discard(name)


def _items(field: FieldNode) -> int:
    """How many items a field's selection may be repeated for."""
    for argument in field.arguments or ():
        if argument.name.value == "first":
            value = argument.value
            # A literal of many digits is refused by another rule; int() must not be asked to parse it.
            if isinstance(value, IntValueNode) and len(value.value) <= 6:
                return max(0, min(int(value.value), MAX_PAGE_SIZE))
            return MAX_PAGE_SIZE
    return DEFAULT_PAGE if field.name.value == "invoices" else 1
