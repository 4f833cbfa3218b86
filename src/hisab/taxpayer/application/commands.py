"""Commands of the taxpayer context."""

from __future__ import annotations

from dataclasses import dataclass

from hisab.taxpayer.domain.supplier import ProfileInput


@dataclass(frozen=True, slots=True)
class SetSupplierProfile:
    profile: ProfileInput
