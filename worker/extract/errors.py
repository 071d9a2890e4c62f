"""The extractors' one error type."""


class ExtractionError(Exception):
    """The file could not be read; the message says why, for the user."""


class OverBudget(ExtractionError):
    """An archive's members, all together, would cost more than its budget: it fails whole."""
