"""manage.py demo_logins prints every demo login that exists, with what it can do: the directory's and the
mentoring pair's (mentor@ and intern@, whom the mentoring demo signs in as people the directory demo made)."""

import io

import pytest
from django.core.management import call_command

from hevruta.accounts.models import User
from hevruta.mentoring.demo import INTERN_EMAIL, MENTOR_EMAIL, MENTORING_LOGINS

pytestmark = pytest.mark.django_db


def test_the_mentoring_pair_is_printed_with_its_role():
    for email in (MENTOR_EMAIL, INTERN_EMAIL, "manager@hevruta.example"):
        User.objects.create(email=email)
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    lines = out.getvalue().splitlines()
    for login in MENTORING_LOGINS:
        line = next(line for line in lines if line.startswith(login.email))
        assert str(login.can) in line
    assert any(line.startswith("manager@hevruta.example") for line in lines)
    assert not any(line.startswith("teacher@hevruta.example") for line in lines), "only logins that exist"
