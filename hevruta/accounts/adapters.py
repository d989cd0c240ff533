from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Signing up makes a user; the directory profile is made on first visit to the home page."""
