"""A Python client generated from the OpenAPI document with openapi-python-client, used over real HTTP
against a live server: it reads a credential, sends a knowledge review and lists people. Before issue 10
the generated client crashed on `get_credential` and could not send a review at all (the document had
another app's schema under the same name)."""

import importlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hevruta.accounts.services import create_api_token
from hevruta.credentials import services as credentials
from hevruta.credentials.openbadges import AchievementSpec
from hevruta.directory.models import NetworkOrganization
from hevruta.knowledge import services as knowledge
from hevruta.knowledge.models import Resource
from tests.credentials.conftest import SHARED_CONTEXTS, require
from tests.factories import OrganizationFactory
from tests.knowledge.conftest import write

GENERATOR = Path(sys.executable).parent / "openapi-python-client"


def _generate(url: str, where: Path) -> object:
    config = where / "generator.yaml"
    # Files (certificates, spreadsheets) are read as bytes: the generator knows only octet-stream as such.
    config.write_text(
        "post_hooks: []\npackage_name_override: hevruta_api_client\ncontent_type_overrides:\n"
        "  application/pdf: application/octet-stream\n"
        "  application/vnd.openxmlformats-officedocument.spreadsheetml.sheet: application/octet-stream\n"
    )
    package = where / "hevruta_api_client"
    run = subprocess.run(
        [
            str(GENERATOR),
            "generate",
            "--url",
            url,
            "--meta",
            "none",
            "--output-path",
            str(package),
            "--config",
            str(config),
            "--fail-on-warning",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    sys.path.insert(0, str(where))
    try:
        return importlib.import_module("hevruta_api_client")
    finally:
        sys.path.remove(str(where))


@pytest.fixture
def issued_and_in_review(world, settings, tmp_path):  # type: ignore[no-untyped-def]
    require(SHARED_CONTEXTS.is_dir(), f"the reference contexts are missing: {SHARED_CONTEXTS}")
    shutil.copytree(SHARED_CONTEXTS, tmp_path / "contexts")
    settings.CREDENTIALS_CONTEXT_DIR = tmp_path / "contexts"
    settings.CREDENTIALS_FETCH_CONTEXTS = False
    settings.MEDIA_ROOT = tmp_path / "media"
    issuer = OrganizationFactory(name="המכון להוראה מתקדמת", name_en="Institute for Advanced Teaching")
    NetworkOrganization.objects.create(network=world.home, organization=issuer)
    credential = credentials.issue_credential(
        issuer,
        world.member,
        AchievementSpec(name="מנחת קהילה", description="הנחיית קהילה מקצועית.", criteria="שישה מפגשים.", language="he"),
    )
    resource = write(world.member, world.home)
    knowledge.submit_resource(resource)
    return credential, resource


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_generated_client_reads_a_credential_reviews_a_resource_and_lists_people(
    world, issued_and_in_review, live_server, tmp_path
):
    credential, resource = issued_and_in_review
    client_package = _generate(f"{live_server.url}/api/v1/openapi.json", tmp_path)
    from hevruta_api_client import AuthenticatedClient, Client  # type: ignore[import-not-found]
    from hevruta_api_client.api.credentials import get_credential  # type: ignore[import-not-found]
    from hevruta_api_client.api.directory import list_people  # type: ignore[import-not-found]
    from hevruta_api_client.api.knowledge import review_resource  # type: ignore[import-not-found]
    from hevruta_api_client.models import (  # type: ignore[import-not-found]
        CredentialDetailOut,
        ErrorOut,
        ResourceReviewIn,
        ResourceReviewOut,
    )

    assert client_package is not None
    _token, secret = create_api_token(world.manager.user, "generated client")
    manager = AuthenticatedClient(base_url=live_server.url, token=secret)

    read = get_credential.sync(credential_id=credential.pk, client=manager)
    assert isinstance(read, CredentialDetailOut), read
    assert read.name == "מנחת קהילה" and read.status == "valid" and str(credential.pk) in read.credential["id"]

    body = ResourceReviewIn(decision="publish", accuracy=4, classroom_readiness=3, clarity=4, alignment=3)
    review = review_resource.sync(resource_id=resource.pk, client=manager, body=body)
    assert isinstance(review, ResourceReviewOut), review
    assert (review.decision, review.accuracy) == ("publish", 4)
    assert Resource.objects.get(pk=resource.pk).status == "published"

    people = list_people.sync(client=Client(base_url=live_server.url), limit=50)
    names = {person.family_name for person in people.items}
    assert "Public" in names and "Private" not in names and "Networked" not in names
    # Errors come typed as the document declares them.
    missing = review_resource.sync_detailed(resource_id=999_999, client=manager, body=body)
    assert missing.status_code == 404 and isinstance(missing.parsed, ErrorOut)
