"""System checks of core: uploads left where an older version let them be served publicly."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import Warning, register


@register()
def uploads_not_in_public_folder(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    """Before uploads were private they lived in var/media, which DEBUG and the deployment notes served."""
    legacy = Path(settings.BASE_DIR) / "var" / "media"
    if legacy.resolve() == Path(settings.MEDIA_ROOT).resolve() or not legacy.is_dir() or not any(legacy.iterdir()):
        return []
    return [
        Warning(
            f"Uploaded files are still in {legacy}, a folder earlier versions served at /media/.",
            hint=f"Move them to the private folder ({settings.MEDIA_ROOT}) and remove any /media/ route from "
            "the proxy: uploads are now served only through views that check permission.",
            id="core.W001",
        )
    ]
