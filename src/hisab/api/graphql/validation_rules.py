"""Validation rules added to GraphQL's own."""

from __future__ import annotations

from typing import Any

from graphql import FloatValueNode, GraphQLError, IntValueNode
from graphql.validation import ASTValidationRule

from hisab.edge.exact_numbers import EXACT_NUMBER_RULE, inexact_number_message, integer_is_exact, round_trips


class ExactNumberLiteralsRule(ASTValidationRule):
    """Numbers written in the query text obey the same exactness rule as JSON variables."""

    def enter_float_value(self, node: FloatValueNode, *_args: Any) -> None:
        if not round_trips(node.value):
            self._refuse(node)

    def enter_int_value(self, node: IntValueNode, *_args: Any) -> None:
        if not integer_is_exact(node.value):
            self._refuse(node)

    def _refuse(self, node: FloatValueNode | IntValueNode) -> None:
        message = inexact_number_message(node.value)
        self.report_error(GraphQLError(message, node, extensions={"rule": EXACT_NUMBER_RULE}))


VALIDATION_RULES = (ExactNumberLiteralsRule,)
