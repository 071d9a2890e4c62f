"""The extractors' one error type."""


class ExtractionError(Exception):
    """The file could not be read; the message says why, for the user."""
