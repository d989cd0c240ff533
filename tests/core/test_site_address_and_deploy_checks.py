"""The site's own address follows what `make run` serves unless SITE_URL is set, and `check --deploy`
refuses the development secret key and warns about a SITE_URL a deployment has not set."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import run_checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from hevruta.core.checks import DEVELOPMENT_SECRET_KEY

ROOT = Path(__file__).resolve().parents[2]
OUR_CHECKS = ("hevruta.E001", "hevruta.W001", "hevruta.W002", "hevruta.W003")


def site_url_with(**environment: str) -> str:
    """SITE_URL as settings.py computes it in a fresh process with this environment."""
    env = {key: value for key, value in os.environ.items() if key not in ("SITE_URL", "MAKE_RUN_URL")}
    env.update(environment, DJANGO_SETTINGS_MODULE="hevruta.settings")
    code = "from django.conf import settings; print(settings.SITE_URL, settings.SITE_URL_IS_SET)"
    completed = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True, timeout=60
    )
    return completed.stdout.strip()


def test_the_site_url_follows_the_address_make_run_serves():
    assert site_url_with() == "http://127.0.0.1:8000 False"  # runserver's own default address
    assert site_url_with(MAKE_RUN_URL="http://127.0.0.1:8101") == "http://127.0.0.1:8101 False"
    explicit = site_url_with(MAKE_RUN_URL="http://127.0.0.1:8101", SITE_URL="https://hevruta.example.org")
    assert explicit == "https://hevruta.example.org True"


def test_the_makefile_passes_the_address_it_serves():
    dry_run = subprocess.run(
        ["make", "-n", "-p", "run", "PORT=8101"], cwd=ROOT, capture_output=True, text=True, check=False, timeout=60
    ).stdout
    assert "manage.py serve 127.0.0.1:8101" in dry_run  # the web server and a worker, at that address
    assert "run: MAKE_RUN_URL := http://127.0.0.1:8101" in dry_run


def our_messages(**kwargs) -> dict[str, str]:  # type: ignore[no-untyped-def]
    messages = run_checks(tags=["security"], **kwargs)
    return {message.id: message.msg for message in messages if message.id in OUR_CHECKS}


def test_check_deploy_fails_on_the_development_secret_key(settings):
    settings.SECRET_KEY = DEVELOPMENT_SECRET_KEY
    with pytest.raises(SystemCheckError, match=r"hevruta\.E001"):
        call_command("check", "--deploy", "--tag", "security")
    # A developer's laptop is not a deployment: the plain check says nothing.
    assert "hevruta.E001" not in our_messages(include_deployment_checks=False)


def test_a_deployment_that_sets_its_key_and_address_passes_our_checks(settings):
    settings.SECRET_KEY = "a-long-random-key-of-this-deployment-" + "x7Qp" * 10
    settings.SITE_URL, settings.SITE_URL_IS_SET = "https://hevruta.example.org", True
    assert our_messages(include_deployment_checks=True) == {}


def test_check_deploy_warns_when_the_site_url_is_unset_local_or_not_https(settings):
    settings.SECRET_KEY = "a-long-random-key-of-this-deployment-" + "x7Qp" * 10
    settings.SITE_URL, settings.SITE_URL_IS_SET = "http://127.0.0.1:8000", False
    unset = our_messages(include_deployment_checks=True)
    assert set(unset) == {"hevruta.W001", "hevruta.W003"}
    assert "not set" in unset["hevruta.W001"]
    settings.SITE_URL, settings.SITE_URL_IS_SET = "http://localhost:8100", True
    assert set(our_messages(include_deployment_checks=True)) == {"hevruta.W002", "hevruta.W003"}
    # Warnings inform; only the secret key stops the deployment check.
    with open(os.devnull, "w") as sink:
        call_command("check", "--deploy", "--tag", "security", "--fail-level", "ERROR", stdout=sink, stderr=sink)
