"""A fresh install on a machine without network access, as a school network's IT person has: every
network access from Python fails, and yet migrate's localities are all there and the demo has signed
credentials that verify on the site and with Digital Bazaar's verifier, named by the site's address."""

import datetime
import importlib
import io
import json
import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from hevruta import settings as default_settings
from hevruta.credentials.contexts import VENDORED_DIR
from hevruta.credentials.models import IssuedCredential, StatusList
from hevruta.credentials.queries import issuer_did_document
from hevruta.credentials.verifier import verify_credential
from hevruta.directory.models import Locality
from hevruta.events.models import Attendance, Event, EventKind, RegistrationStatus, Series, SpeakerRole
from tests.credentials.conftest import require
from tests.credentials.test_independent_verifier import VERIFIER, run_verifier

pytestmark = pytest.mark.django_db


def _the_events_of_the_seed_documents() -> None:
    """The demo's events (hevruta/events/demo_content.py) with the real demo people in their parts."""
    meeting = Event.objects.get(title="מפגש השותפים בישראל של פרומנטורס")
    assert timezone.localdate(meeting.starts_at) == datetime.date(2022, 3, 2)
    assert [h.name for h in meeting.host_organizations.all()] == ["סמינר הקיבוצים"]
    stories, panel, issues = meeting.agenda.order_by("starts_at")
    assert stories.speakers.filter(person__isnull=False).count() == 3
    # Two principals, Ramat Gan's head of education, a current and a former general inspector.
    assert panel.speakers.filter(role=SpeakerRole.PANELIST, person__isnull=False).count() == 5
    assert set(issues.speakers.exclude(guest_name="").values_list("guest_name", flat=True)) == {
        "ד״ר בלהה בשן",
        "ד״ר ראומה דה גרוט",
    }
    assert meeting.attendance.filter(present=True).exists()
    kseifa = Event.objects.get(title__contains="בכסיפה")
    assert {h.name for h in kseifa.host_organizations.all()} == {"מכללת קיי", "מכללת לוינסקי לחינוך"}
    assert (
        Event.objects.filter(title__startswith="מפגש השיתוף והלמידה הארצי", network__slug="education-cities").count()
        == 2
    )
    kitchenette = Series.objects.get(name="המטבחון של ערים מחנכות")
    held = kitchenette.events.filter(ends_at__lt=timezone.now())
    assert held.count() >= 6 and Attendance.objects.filter(event__in=held, present=True).exists()
    tour = Event.objects.get(kind=EventKind.LEARNING_TOUR, title="סיור למידה בירוחם")
    sites = tour.agenda.filter(kind="site_visit")
    assert sites.count() == 2 and all(site.host_organization and site.locality for site in sites)
    conference = Event.objects.get(kind=EventKind.CONFERENCE)
    assert conference.registrations.filter(status=RegistrationStatus.WAITLISTED).count() >= 3
    # Nothing of these is also a cohort's session.
    assert not Event.objects.filter(cohort__isnull=False, kind=EventKind.LEARNING_TOUR).exists()


SITE = "http://127.0.0.1:8101"


def test_a_fresh_install_without_network_has_every_locality_and_verifiable_credentials(no_network, settings, tmp_path):
    settings.SITE_URL = SITE  # what `make run PORT=8101` passes
    settings.MEDIA_ROOT = tmp_path / "media"
    # The contexts as a fresh install reads them: from the package.
    assert Path(str(default_settings.CREDENTIALS_CONTEXT_DIR)) == VENDORED_DIR
    settings.CREDENTIALS_CONTEXT_DIR = VENDORED_DIR

    # migrate's data migration (conftest.py emptied the table the test database was migrated with).
    migration = importlib.import_module("hevruta.directory.migrations.0005_every_cbs_locality_from_the_package")
    migration.load(apps, schema_editor=None)
    assert Locality.objects.count() == 1228

    out = io.StringIO()
    call_command("load_demo", "--if-empty", stdout=out)
    assert "No credentials were issued" not in out.getvalue(), out.getvalue()
    _the_events_of_the_seed_documents()
    credentials = list(IssuedCredential.objects.all())
    assert len(credentials) >= 3
    for credential in credentials:
        document = json.loads(credential.signed_credential)
        assert document["id"].startswith(f"{SITE}/credentials/")
        assert document["issuer"]["id"].startswith("did:web:127.0.0.1%3A8101:credentials:issuers:")
        assert document["credentialStatus"]["statusListCredential"].startswith(f"{SITE}/credentials/status/")
        result = verify_credential(document)
        assert result.status == "valid", result.errors
    assert no_network == []  # nothing even tried

    node = shutil.which("node")
    require(node is not None, "node is not installed: the independent verifier cannot run (ours verified)")
    require(
        (VERIFIER / "node_modules" / "@digitalbazaar" / "vc").is_dir(),
        "the npm verifier is not installed (npm ci --prefix tests/credentials/verifier): ours verified",
    )
    credential = credentials[0]
    status_list = StatusList.objects.get(pk=credential.status_list_id).signed_credential
    theirs = run_verifier(
        node, tmp_path, credential.signed_credential, issuer_did_document(credential.issuer_id), status_list
    )
    assert theirs == {"verified": True, "revoked": False, "error": None}
