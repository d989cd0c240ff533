"""Operators' commands: issue a credential, rotate an issuer's key."""

import io

import pytest
from django.core.management import CommandError, call_command

from hevruta.credentials.models import IssuedCredential, IssuerKey
from hevruta.credentials.verifier import verify_credential

from .conftest import as_json

pytestmark = pytest.mark.django_db


def test_issue_credential_prints_the_public_url(world, issuer):
    out = io.StringIO()
    call_command(
        "issue_credential",
        "--email=MEMBER@example.org",
        f"--issuer={issuer.pk}",
        "--name=מורה מובילה",
        "--description=השלימה את תוכנית המורים המובילים",
        "--type=Certificate",
        "--language=he",
        stdout=out,
    )
    credential = IssuedCredential.objects.get()
    assert out.getvalue().strip() == f"http://127.0.0.1:8000/credentials/{credential.pk}/"
    assert credential.recipient == world.member
    assert as_json(credential)["credentialSubject"]["achievement"]["inLanguage"] == "he"
    assert verify_credential(as_json(credential)).verified


def test_issue_credential_says_what_is_missing(world, issuer):
    with pytest.raises(CommandError, match="No person"):
        call_command("issue_credential", "--email=nobody@x.org", f"--issuer={issuer.pk}", "--name=a", "--description=b")
    with pytest.raises(CommandError, match="No organization"):
        call_command("issue_credential", "--email=member@example.org", "--issuer=999999", "--name=a", "--description=b")


def test_rotate_issuer_key(issued, issuer):
    out = io.StringIO()
    call_command("rotate_issuer_key", str(issuer.pk), stdout=out)
    assert out.getvalue().split()[0].endswith("#key-2")
    assert IssuerKey.objects.filter(organization=issuer, retired_at__isnull=False).count() == 1
    assert verify_credential(as_json(issued)).verified
    call_command("rotate_issuer_key", str(issuer.pk), "--revoke-compromised", stdout=io.StringIO())
    assert IssuerKey.objects.filter(organization=issuer, revoked_at__isnull=False).count() == 1
    assert verify_credential(as_json(issued)).verified  # signed with key-1, which was only retired
