"""An email backend for a developer's console: the headers that matter and the text part, decoded.

Django's console backend prints the MIME message as sent, so Hebrew and Arabic come out as base64.
"""

import sys
from typing import Any

from django.core.mail.backends.console import EmailBackend

SHOWN_HEADERS = ("List-Unsubscribe", "List-Unsubscribe-Post", "Content-Language")


class ReadableConsoleBackend(EmailBackend):
    def write_message(self, message: Any) -> None:
        lines = [
            f"From: {message.from_email}",
            f"To: {', '.join(message.to)}",
            f"Subject: {message.subject}",
        ]
        lines += [f"{name}: {message.extra_headers[name]}" for name in SHOWN_HEADERS if name in message.extra_headers]
        alternatives = [getattr(part, "mimetype", "") for part in getattr(message, "alternatives", [])]
        if alternatives:
            lines.append(f"(also as {', '.join(alternatives)})")
        lines += ["", str(message.body), "-" * 79, ""]
        stream = getattr(self, "stream", sys.stdout)
        stream.write("\n".join(lines))
