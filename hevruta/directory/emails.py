"""The one email the directory sends itself: an invitation to an address that has no account yet
(people with an account hear of invitations through the notifications app)."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from hevruta.notifications.emails import absolute
from hevruta.notifications.kinds import in_language

from .models import Invitation, Person


def invitation_email(invitation: Invitation, language: str) -> EmailMultiAlternatives:
    with translation.override(language):
        network = invitation.network
        name = in_language({"he": network.name, "en": network.name_en, "ar": network.name_ar})
        inviter = Person.objects.filter(user_id=invitation.invited_by_id).first() if invitation.invited_by_id else None
        context = {
            "network": name,
            "inviter": inviter.full_name if inviter else "",
            "message": invitation.message,
            "url": absolute(reverse("directory:invitation", args=[invitation.token])),
            "language": language,
            "direction": "rtl" if get_language_bidi() else "ltr",
        }
        subject = f"[{_('Hevruta')}] " + _("An invitation to join %(network)s") % {"network": name}
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("directory/email/invitation.txt", context),
            to=[invitation.email],
            headers={"Content-Language": language},
        )
        message.attach_alternative(render_to_string("directory/email/invitation.html", context), "text/html")
        return message
