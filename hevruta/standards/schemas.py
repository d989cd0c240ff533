"""The standards API's schemas: what goes in and what comes out, documented in the OpenAPI document."""

from datetime import datetime

from ninja import Schema

from hevruta.api.types import Id, Int, OmittableText, OmittableTexts, Text

from .models import Framework, Role


class PerformanceLevelOut(Schema):
    id: int
    name: str
    description: str
    position: int


class FrameworkOut(Schema):
    id: int
    identifier: str
    uri: str
    network: str | None
    status: str
    version_number: int
    previous_id: int | None
    title: str
    creator: str
    publisher: str
    description: str
    language: str
    subject: list[str]
    source: str
    published_at: datetime | None
    last_change: datetime

    @staticmethod
    def resolve_network(framework: Framework) -> str | None:
        return framework.network.slug if framework.network else None


class FrameworkDetailOut(FrameworkOut):
    levels: list[PerformanceLevelOut]

    @staticmethod
    def resolve_levels(framework: Framework) -> list:
        return list(framework.levels.order_by("position"))


class FrameworkIn(Schema):
    network: OmittableText = None
    title: Text
    creator: Text = ""
    publisher: Text = ""
    description: Text = ""
    language: Text = ""
    subject: list[Text] = []


class FrameworkPatch(Schema):
    title: OmittableText = None
    creator: OmittableText = None
    publisher: OmittableText = None
    description: OmittableText = None
    language: OmittableText = None
    subject: OmittableTexts = None
    notes: OmittableText = None


class FrameworkImportOut(Schema):
    framework: FrameworkOut
    items: int
    associations: int
    tree_links: int
    definitions: int
    levels: int
    rubric_texts: int
    linked_here: int
    linked_elsewhere: int
    notes: list[str]
    # True when the package was a newer version of a framework already here, updated in place (200).
    updated: bool
    changes: dict[str, int]
    changed: list[str]


class FrameworkImportProblemsOut(Schema):
    detail: str
    problems: list[str]


class FrameworkItemOut(Schema):
    id: int
    identifier: str
    uri: str
    parent_id: int | None
    position: int | None
    human_coding_scheme: str
    full_statement: str
    abbreviated_statement: str
    item_type: str
    language: str
    rubric: dict[str, str]


class FrameworkItemIn(Schema):
    parent_id: Id | None = None
    full_statement: Text
    human_coding_scheme: Text = ""
    abbreviated_statement: Text = ""
    item_type: Text = ""
    language: Text = ""
    notes: Text = ""


class FrameworkItemPatch(Schema):
    full_statement: OmittableText = None
    human_coding_scheme: OmittableText = None
    abbreviated_statement: OmittableText = None
    item_type: OmittableText = None
    language: OmittableText = None
    notes: OmittableText = None
    # Moving: the new parent (null: the top) and the 0-based place among its children.
    parent_id: Id | None = None
    position: Int | None = None


class RoleOut(Schema):
    id: int
    network: str
    name: str
    position_role: str
    purpose: str
    responsibilities: list[str]
    organization_kinds: list[str]
    career_track: str
    track_stage: int | None
    framework_id: int | None
    text_language: str

    @staticmethod
    def resolve_network(role: Role) -> str:
        return role.network.slug

    @staticmethod
    def resolve_responsibilities(role: Role) -> list[str]:
        return role.responsibility_list


class RoleFields(Schema):
    name: Text
    position_role: Text = ""
    purpose: Text = ""
    responsibilities: list[Text] = []
    organization_kinds: list[Text] = []
    career_track: Text = ""
    track_stage: Int | None = None
    framework_id: Id | None = None
    text_language: Text = ""


class RoleCreateIn(RoleFields):
    network: Text


class RolePatch(Schema):
    name: OmittableText = None
    position_role: OmittableText = None
    purpose: OmittableText = None
    responsibilities: OmittableTexts = None
    organization_kinds: OmittableTexts = None
    career_track: OmittableText = None
    track_stage: Int | None = None
    framework_id: Id | None = None
    text_language: OmittableText = None


class FrameworkItemRefOut(Schema):
    id: int
    identifier: str
