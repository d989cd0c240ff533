"""allauth's own strings, said in our words.

Django reads our catalogue (LOCALE_PATHS) before allauth's, so a msgid listed here and translated in
hevruta/locale replaces allauth's Hebrew and Arabic, whose voice and spelling differ from ours
("אשר את כתובת הדואל" where we say "אישור כתובת הדוא"ל"). Listing them keeps makemessages from
dropping them as obsolete. Nothing imports this module; it is read by makemessages only.
"""

from django.utils.translation import gettext_noop

ALLAUTH_STRINGS = (
    gettext_noop("Email"),
    gettext_noop("Email (again)"),
    gettext_noop("Email address confirmation"),
    gettext_noop("Password"),
    gettext_noop("Password (again)"),
    gettext_noop("Current Password"),
    gettext_noop("New Password"),
    gettext_noop("New Password (again)"),
    gettext_noop("Remember Me"),
    gettext_noop("Forgot your password?"),
    gettext_noop("Code"),
    gettext_noop("Confirm"),
    gettext_noop("Cancel"),
    gettext_noop("You must type the same password each time."),
    gettext_noop("A user is already registered with this email address."),
    gettext_noop("Incorrect password."),
    gettext_noop("Please type your current password."),
    gettext_noop("Invalid or expired key."),
    gettext_noop("The password reset token was invalid."),
    gettext_noop("Be patient, you are sending too many requests."),
    gettext_noop("This account is currently inactive."),
    gettext_noop("Your primary email address must be verified."),
    gettext_noop("Successfully signed in as %(name)s."),
    gettext_noop("You have signed out."),
    gettext_noop("Confirmation email sent to %(email)s."),
    gettext_noop("You have confirmed %(email)s."),
    gettext_noop("Password successfully changed."),
)
