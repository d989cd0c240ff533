from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "hevruta.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # The admin is entered through allauth's login, with two-factor and rate limits (admin_login.py).
        from .admin_login import route_admin_login_through_the_site

        route_admin_login_through_the_site()
