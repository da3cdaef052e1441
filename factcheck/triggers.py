"""Database triggers that refuse a write, for rules a CHECK constraint cannot express (they look at the
old row or at other tables). Declared in models' Meta.triggers through django-pgtrigger, so migrations
install them.

A refusal raises SQLSTATE 23514 (check_violation) naming the rule as its constraint, so Django reports
it as an IntegrityError like any other constraint, and tests can assert which rule refused.
"""

from __future__ import annotations

import pgtrigger


def refuse(
    *,
    name: str,
    operation: pgtrigger.Operation,
    message: str,
    unless: str = "FALSE",
    condition: pgtrigger.Condition | None = None,
) -> pgtrigger.Trigger:
    """A BEFORE row trigger that raises `message` unless the SQL expression `unless` holds.

    `name` becomes the reported constraint name, prefixed with the table's app and model, e.g.
    "claims_claim_state_change_needs_event". `unless` may use NEW and OLD like any trigger.
    """
    returned = "OLD" if operation == pgtrigger.Delete else "NEW"
    escaped = message.replace("'", "''")
    return pgtrigger.Trigger(
        name=name,
        operation=operation,
        when=pgtrigger.Before,
        condition=condition,
        func=pgtrigger.Func(
            f"IF NOT ({unless}) THEN RAISE EXCEPTION '{escaped}' USING ERRCODE = 'check_violation', "
            f"CONSTRAINT = '{{meta.db_table}}_{name}'; END IF; RETURN {returned};"
        ),
    )
