"""The standards API: roles, frameworks and their items, CASE import and export.

Reading follows the same visibility as the pages; writing is for the network's managers, and only
a draft framework's content changes (a published one answers 409).
"""

from . import frameworks, roles  # noqa: F401 - they add their endpoints to the router
from .common import router

__all__ = ["router"]
