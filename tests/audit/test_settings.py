"""Whose reads are audited is a setting; naming a role the service does not know is refused at start."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from hisab.config import Settings


def test_by_default_the_vat_officer_is_audited() -> None:
    settings = Settings()

    assert settings.audited_roles == ["vat_officer"]
    # The VAT officer reads every record, the purchases and the VAT registers and return among them.
    assert settings.roles["vat_officer"] == ["invoice:read", "receivable:read", "purchase:read", "vat:read"]


def test_an_audited_role_that_the_roles_do_not_define_is_refused() -> None:
    with pytest.raises(
        ValidationError, match="HISAB_AUDITED_ROLES names roles that HISAB_ROLES does not define: auditor"
    ):
        Settings(audited_roles=["vat_officer", "auditor"])


def test_custom_roles_without_the_officer_keep_the_default_audit_harmless() -> None:
    settings = Settings(roles={"viewer": ["invoice:read"]})

    assert settings.audited_roles == ["vat_officer"]
