"""Settings for benchmarks: production-like (DEBUG off, manifest static files) plus a bare view."""

import os

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("SECRET_KEY", "bench-only-key-" + "x" * 50)

from hevruta.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
