"""The failures of the market's domain that a caller may handle."""


class InvalidImport(Exception):
    """An import folder has bad rows; nothing of it was written."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class BadValue(ValueError):
    """A value of a spreadsheet cell that a check refuses; `code` names why, for the words people read."""

    def __init__(self, code: str, message: str):
        self.code = code
        super().__init__(message)


class InvalidPhone(ValueError):
    """A text that is not a phone number we can reach."""


class NotErasable(Exception):
    """A number that belongs to a shop or a volunteer: their records are changed by hand."""
