"""The kinds of notice the credentials app sends (hevruta/notifications, docs/notifications.md)."""

from django.utils.translation import gettext_lazy as _

from hevruta.notifications.kinds import Email, NoticeKind, register

CREDENTIAL_ISSUED = "credentials.credential_issued"

register(
    NoticeKind(
        key=CREDENTIAL_ISSUED,
        label=_("A credential was issued to you"),
        default_email=Email.IMMEDIATELY,
        text=_("You received the credential “%(name)s” from %(issuer)s"),
        email_body=_("Its page lets you download it, show its QR code and have anyone verify it."),
    )
)
