"""Uploaded rosters go to a temporary media root, never into the checkout's var/."""

import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
