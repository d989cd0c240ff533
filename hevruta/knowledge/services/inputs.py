"""What a person writes about a resource, and the files they send, on their way to the services."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO

from hevruta.directory.models import GradeBand, Network, Organization, Person, Subject, Topic

from ..models import Licence, Resource
from ..uploads import CheckedUpload


@dataclass
class ResourceInput:
    """Everything an author writes about a resource, from a form or the API."""

    network: Network
    kind: str
    title: str
    body: str = ""
    language: str = ""
    licence: str = Licence.CC_BY
    video_url: str = ""
    subjects: Sequence[Subject] = ()
    grade_bands: Sequence[GradeBand] = ()
    topics: Sequence[Topic] = ()
    role_tags: Sequence[str] = ()
    keywords: Sequence[str] = ()
    links: Sequence[tuple[str, str]] = ()
    co_authors: Sequence[Person] = ()
    organizations: Sequence[Organization] = ()
    adapted_from: Resource | None = None


@dataclass
class Upload:
    """A file on its way in: its name as the person's computer called it, and its bytes."""

    name: str
    handle: IO[bytes]
    size: int | None = None
    checked: CheckedUpload | None = None
