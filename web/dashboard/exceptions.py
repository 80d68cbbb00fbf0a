"""What can go wrong when dashboard accounts are made."""


class AccountError(Exception):
    """A coordinator account could not be made; the message says why, for the command line."""


class UnknownVillage(AccountError):
    """No village has this slug."""


class WeakPassword(AccountError):
    """The password is too short to protect residents' addresses and phone numbers."""


class UnknownShop(AccountError):
    """A shopkeeper needs a shop of the village, and none has this shop_id (or none was named)."""
