"""Every write to roles and frameworks, one transaction each.

A published framework is frozen: every function that changes a framework's content refuses unless
it is a draft (`FrameworkFrozen`), whatever page or endpoint called it.
"""

from .editing import (
    LevelRow,
    add_item,
    add_link,
    delete_item,
    delete_link,
    move_item,
    save_levels,
    set_rubric_texts,
    update_item,
)
from .frameworks import (
    DEFAULT_LEVELS,
    FrameworkFrozen,
    create_framework,
    delete_draft,
    import_framework,
    new_draft,
    publish,
    retire,
    update_framework,
)
from .roles import assign_role, create_role, delete_role, unassign_role, update_role

__all__ = [
    "DEFAULT_LEVELS",
    "FrameworkFrozen",
    "LevelRow",
    "add_item",
    "add_link",
    "assign_role",
    "create_framework",
    "create_role",
    "delete_draft",
    "delete_item",
    "delete_link",
    "delete_role",
    "import_framework",
    "move_item",
    "new_draft",
    "publish",
    "retire",
    "save_levels",
    "set_rubric_texts",
    "unassign_role",
    "update_framework",
    "update_item",
    "update_role",
]
