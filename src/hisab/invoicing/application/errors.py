"""Errors of invoicing's use cases."""

from hisab.kernel.errors import ConflictError


class SupplierProfileMissingError(ConflictError):
    """A tax invoice cannot be printed without the registered person's profile and issuing unit."""
