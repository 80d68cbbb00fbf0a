"""What can go wrong when coordinator accounts are made."""


class AccountError(Exception):
    """A coordinator account could not be made; the message says why, for the command line."""


class UnknownVillage(AccountError):
    """No village has this slug."""


class WeakPassword(AccountError):
    """The password is too short to protect residents' addresses and phone numbers."""
