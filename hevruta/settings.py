"""Hevruta settings: one file, every value from the environment with an embedded default.

The defaults run the platform on one machine with SQLite, local memory cache, console email and
tasks executed in-process. A deployment sets DATABASE_URL, REDIS_URL, SECRET_KEY, DEBUG=false and
ALLOWED_HOSTS (docs/deploy.md).
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)
# The default key is for a developer's laptop only; check --deploy refuses it (core/checks.py).
SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-hevruta-development-key-change-me")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The site's own address: credential ids, the issuer's did:web, status lists and CASE URIs are built
# from it. A deployment sets SITE_URL (check --deploy warns when it is unset); otherwise it is the
# address `make run` serves (it passes MAKE_RUN_URL), else runserver's default address.
SITE_URL_IS_SET = bool(env.str("SITE_URL", default=""))
SITE_URL = env.str("SITE_URL", default="") or env.str("MAKE_RUN_URL", default="http://127.0.0.1:8000")
# A refused form gets the site's page in the reader's language, not Django's English one.
CSRF_FAILURE_VIEW = "hevruta.core.errors.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "ninja",
    "django_tasks_db",
    "hevruta.core",
    "hevruta.accounts",
    "hevruta.directory",
    "hevruta.standards",
    "hevruta.credentials",
    "hevruta.programs",
    "hevruta.mentoring",
    "hevruta.events",
    "hevruta.api",
    "hevruta.knowledge",
    "hevruta.communities",
    "hevruta.notifications",
    "hevruta.insights",
    "hevruta.outcomes",
    "hevruta.surveys",
    "hevruta.consultations",
    "hevruta.demo",
]

MIDDLEWARE = [
    "hevruta.api.middleware.JsonErrorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "hevruta.urls"
WSGI_APPLICATION = "hevruta.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "hevruta" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hevruta.core.context_processors.site",
                "hevruta.notifications.context_processors.notifications",
            ],
        },
    },
]

DATABASES = {
    # An empty DATABASE_URL means the default, as an unset one does.
    "default": env.db_url_config(env.str("DATABASE_URL", default="") or f"sqlite:///{VAR_DIR / 'hevruta.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside the one writer; IMMEDIATE avoids "database is locked" on upgrade.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
    }
# A connection kept for a minute: opening one costs more than a page served from the cache.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("CONN_HEALTH_CHECKS", default=True)
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
# The default cache holds what every process must share: allauth's login rate limits and used TOTP
# codes, the wrong check-in codes' counts. Without Redis it is a table of the database (created by
# migrate), never a process's memory: with four web workers, five wrong passwords would become twenty.
# Visitors' pages have their own cache, "pages" (core/pagecache.py): each process's memory is enough.
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL},
        "pages": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL},
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "hevruta_cache"},
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }

# The API's rate limits (requests/second, minute, hour or day), counted in the default cache (Redis, or
# the database: every process sees the same counts): per client address for visitors without
# credentials and for refused credentials, per person for the signed in.
API_THROTTLE_RATES = {
    "anonymous": env.str("API_THROTTLE_ANONYMOUS", default="300/min"),
    "user": env.str("API_THROTTLE_USER", default="1200/min"),
    "failed_auth": env.str("API_THROTTLE_FAILED_AUTH", default="10/min"),
}
# The client's address is REMOTE_ADDR unless the site runs behind that many proxies that set
# X-Forwarded-For (a client could otherwise choose its address and escape the limits).
NINJA_NUM_PROXIES = env.int("NUM_PROXIES", default=0)

# Background work: the database backend by default, run by `manage.py work` (make run starts one
# beside the web server). TASKS_BACKEND=django.tasks.backends.immediate.ImmediateBackend runs every
# task inside the request instead, with no worker (the tests do, except those of the queue itself).
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# A running job's heartbeat and progress live in a cache every process shares (core/jobs): Redis where
# there is one, otherwise files on this machine. Not the database: the job's own transaction holds its rows.
JOBS_CACHE = "jobs"
if REDIS_URL:
    CACHES[JOBS_CACHE] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "jobs",
    }
else:
    CACHES[JOBS_CACHE] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(env.path("JOBS_CACHE_DIR", default=VAR_DIR / "jobs")),
    }
JOB_HEARTBEAT_SECONDS = env.float("JOB_HEARTBEAT_SECONDS", default=5.0)
# A job whose worker died is tried again until it has had this many attempts, then failed with the reason.
JOB_MAX_ATTEMPTS = env.int("JOB_MAX_ATTEMPTS", default=2)
# A mentoring program with more pending applications than this is matched by a worker, with its progress on
# the matching page; smaller ones in the request (a few thousand pairs solve and write in about a second).
MENTORING_MATCHING_IN_REQUEST = env.int("MENTORING_MATCHING_IN_REQUEST", default=2000)
JOB_HOUSEKEEPING_SECONDS = env.float("JOB_HOUSEKEEPING_SECONDS", default=30.0)
# How old the dashboards' summaries may grow before the housekeeping rebuilds them (docs/insights.md).
INSIGHTS_REFRESH_SECONDS = env.float("INSIGHTS_REFRESH_SECONDS", default=900.0)
# The insights map's background (docs/insights.md): an XYZ tile address such as
# https://tile.example.org/{z}/{x}/{y}.png and the credit its licence asks for. Empty: no tiles, the map
# draws from the localities' coordinates alone. The reader's browser loads the tiles; the server never does.
INSIGHTS_MAP_TILES = env.str("INSIGHTS_MAP_TILES", default="")
INSIGHTS_MAP_TILES_ATTRIBUTION = env.str("INSIGHTS_MAP_TILES_ATTRIBUTION", default="")

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:home"

# allauth: email is the login; an address must be confirmed before the account is used.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# Sign-up asks for a name too, so the directory profile made at the first login is not an email address.
ACCOUNT_SIGNUP_FORM_CLASS = "hevruta.accounts.forms.SignupNamesForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
# People are told by email when their password, address or two-factor settings change.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
ACCOUNT_ADAPTER = "hevruta.accounts.adapters.AccountAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_ADAPTER = "hevruta.accounts.adapters.MFAAdapter"  # encrypts TOTP secrets at rest
MFA_TOTP_ISSUER = "Hevruta"
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
# Single sign-on through any OpenID Connect provider (a ministry's or a college's identity server).
OIDC_SERVER_URL = env.str("OIDC_SERVER_URL", default="")
SOCIALACCOUNT_PROVIDERS: dict = {}
if OIDC_SERVER_URL:
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "APPS": [
            {
                "provider_id": env.str("OIDC_PROVIDER_ID", default="sso"),
                "name": env.str("OIDC_PROVIDER_NAME", default="Single sign-on"),
                "client_id": env.str("OIDC_CLIENT_ID", default=""),
                "secret": env.str("OIDC_CLIENT_SECRET", default=""),
                "settings": {"server_url": OIDC_SERVER_URL, "oauth_pkce_enabled": True},
            }
        ]
    }

# Email: printed to the console while DEBUG is on; otherwise sent through EMAIL_URL
# (smtp://user:password@host:587?tls=true; default: the machine's own mail server).
_email = env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
# Django's console backend prints the raw MIME message (Hebrew and Arabic as base64); ours prints the
# headers and the text part as they read.
_EMAIL_BACKENDS = {"django.core.mail.backends.console.EmailBackend": "hevruta.core.mail.ReadableConsoleBackend"}
MAILERS = {
    "default": {
        "BACKEND": _EMAIL_BACKENDS.get(_email["EMAIL_BACKEND"], _email["EMAIL_BACKEND"]),
        "OPTIONS": {
            "host": _email["EMAIL_HOST"],
            "port": _email["EMAIL_PORT"],
            "username": _email["EMAIL_HOST_USER"],
            "password": _email["EMAIL_HOST_PASSWORD"],
            "use_tls": bool(_email.get("EMAIL_USE_TLS")),
            "use_ssl": bool(_email.get("EMAIL_USE_SSL")),
            "timeout": 20,
        }
        if "smtp" in _email["EMAIL_BACKEND"]
        else {},
    }
}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Hevruta <noreply@hevruta.localhost>")

LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="he")
LANGUAGES = [
    ("he", _("Hebrew")),
    ("ar", _("Arabic")),
    ("en", _("English")),
]
LANGUAGES_BIDI = ["he", "ar"]
LOCALE_PATHS = [BASE_DIR / "hevruta" / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
# The switcher is a form posted to the server; no script reads the cookie, so it may be HttpOnly.
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Sent only over HTTPS wherever the site is served that way (every deployment: DEBUG off).
LANGUAGE_COOKIE_SECURE = env.bool("LANGUAGE_COOKIE_SECURE", default=not DEBUG or SITE_URL.startswith("https://"))
TIME_ZONE = "Asia/Jerusalem"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
STATICFILES_DIRS = [BASE_DIR / "hevruta" / "static"]
# Every upload is private (rosters, evidence, attachments): kept in a folder nothing serves, with no URL,
# and sent only through views that check permission (hevruta/core/files.py). MEDIA_ROOT is that folder;
# there is no MEDIA_URL. (MEDIA_ROOT is still read from the environment for older deployments.)
MEDIA_ROOT = env.path("PRIVATE_FILES_ROOT", default=env.str("MEDIA_ROOT", default=str(VAR_DIR / "private")))
STORAGES = {
    "default": {"BACKEND": "hevruta.core.files.PrivateStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Uploads: rosters of tens of thousands of rows fit in 20 MB; anything larger is refused with a message.
MAX_UPLOAD_BYTES = env.int("MAX_UPLOAD_BYTES", default=20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES + 1024 * 1024
# A roster nobody confirms, retries or discards is deleted (with its national IDs) after this long.
ROSTER_KEEP_HOURS = env.int("ROSTER_KEEP_HOURS", default=24)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# A national ID is never stored; only this keyed hash of it, to match re-imports.
NATIONAL_ID_HASH_KEY = env.str("NATIONAL_ID_HASH_KEY", default=SECRET_KEY)

# Credentials (docs/credentials.md): issuers' private keys are encrypted with a key derived from this
# secret; JSON-LD contexts are read only from this folder (by default the copies shipped in the
# package), each checked against its pinned SHA-256; nothing is downloaded.
CREDENTIALS_KEY_SECRET = env.str("CREDENTIALS_KEY_SECRET", default=SECRET_KEY)
CREDENTIALS_CONTEXT_DIR = env.path("CREDENTIALS_CONTEXT_DIR", default=BASE_DIR / "hevruta" / "credentials" / "jsonld")

# Images from the map's tile server only when one is configured (its scheme and host).
_tile_origin = "{0.scheme}://{0.netloc}".format(urlsplit(INSIGHTS_MAP_TILES)) if INSIGHTS_MAP_TILES else ""
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *([_tile_origin] if _tile_origin else [])],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

NINJA_PAGINATION_PER_PAGE = 50

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
    # Django logs two lines per task at INFO (started, finished), which bury what load_demo and the worker
    # say; failed tasks are logged at ERROR and still show.
    "loggers": {"django.tasks": {"level": env.str("TASKS_LOG_LEVEL", default="WARNING")}},
}
