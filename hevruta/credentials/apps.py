from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CredentialsConfig(AppConfig):
    name = "hevruta.credentials"
    label = "credentials"
    verbose_name = _("Credentials")

    def ready(self) -> None:
        from django.core.signals import setting_changed

        from .contexts import forget_cached_contexts

        # Tests point CREDENTIALS_CONTEXT_DIR at a fresh folder; what was read from the old one is dropped.
        setting_changed.connect(forget_cached_contexts, dispatch_uid="credentials_forget_contexts")
