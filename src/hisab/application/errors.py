"""Errors of the application layer; the API renders each kind in one place."""


class ApplicationError(Exception):
    """Base of the errors a use case raises besides the domain's own."""


class NotFoundError(ApplicationError):
    """No such invoice for this tenant (another tenant's invoice is not found either)."""


class SegregationOfDutiesError(ApplicationError):
    """The caller may do this in general, but not to this invoice: it would check its own work."""


class ConflictError(ApplicationError):
    """The request collides with the current state of the data."""


class SupplierProfileMissingError(ConflictError):
    """A tax invoice cannot be printed without the registered person's profile and issuing unit."""


class ConcurrencyError(ConflictError):
    """The stream moved on since it was read: its expected version is stale."""


class IdempotencyKeyReusedError(ConflictError):
    """The idempotency key was already used for a request with a different body."""


class IdempotencyKeyTakenError(ApplicationError):
    """Another transaction recorded the same idempotency key first (the loser retries)."""


class InvalidCursorError(ApplicationError):
    """A pagination cursor that this service did not hand out."""


class UnavailableError(ApplicationError):
    """A service this one depends on does not answer; the request may be retried later."""
