"""Settings shared by every environment. Environment-specific files import this and override."""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from lanzarote.settings.env import BASE_DIR, PACKAGE_DIR, env

VAR_DIR = Path(env.str("LANZAROTE_VAR_DIR", default=str(BASE_DIR / "var")))

# Required in production; the one-machine settings generate one under var/ when it is unset.
SECRET_KEY = env.str("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Behind a TLS-terminating proxy (nginx, a load balancer) the application sees plain HTTP from the
# proxy's address. BEHIND_TLS_PROXY=1 trusts the proxy's X-Forwarded-Proto, so that HTTPS is
# recognised (CSRF's origin check, secure cookies, no redirect loop), and its X-Forwarded-For for
# the client's address (rate limits, sign-in lockouts). Never set it without such a proxy: a
# client could then claim any scheme and address.
BEHIND_TLS_PROXY = env.bool("BEHIND_TLS_PROXY", default=False)
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1 if BEHIND_TLS_PROXY else 0)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Only when the proxy rewrites Host and passes the original in X-Forwarded-Host.
USE_X_FORWARDED_HOST = env.bool("USE_X_FORWARDED_HOST", default=False)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "axes",
    "django_tasks_db",
    "lanzarote.core",
    "lanzarote.registry",
    "lanzarote.documents",
    "lanzarote.accounts",
    "lanzarote.accession",
    "lanzarote.readiness",
    "lanzarote.committee",
    "lanzarote.monitoring",
    "lanzarote.api",
    "lanzarote.web",
    # After the project's apps, so that their templates (the site's layout for the account
    # pages, lanzarote/accounts/templates/allauth/) override allauth's own.
    "allauth",
    "allauth.account",
    "allauth.mfa",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Above the session, CSRF and messages middleware: it sees the cookies they set, and never
    # compresses an answer that holds a secret (docs/adr/0007-http-caching-and-compression.md).
    "lanzarote.core.http.caching.CachingMiddleware",
    # Before anything reads the body, the session or the user: limits and malformed input.
    "lanzarote.core.http.middleware.EdgeMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # The header's count of waiting work, dropped after a change (lanzarote.web.work).
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Last, as django-axes asks: it turns a lockout raised during authentication into a page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lanzarote.urls"
WSGI_APPLICATION = "lanzarote.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lanzarote.web.context_processors.site",
            ],
            # "1er février" in French wherever a template writes a date (`date` filter), and
            # the tags of the parts every page repeats (`breadcrumbs`).
            "builtins": [
                "lanzarote.core.templatetags.dates_in_words",
                "lanzarote.core.templatetags.page_parts",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'lanzarote.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers proceed while the registry desk writes; IMMEDIATE avoids lock upgrades.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The registry's covering index (`treatyevent_consent_or_fix`) includes its read columns on
# PostgreSQL; SQLite builds it on its key columns alone, which is all it needs at its size.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# A second copy of the database fed by streaming replication: selector reads go there, writes
# and whatever a request reads after writing go to the primary (lanzarote.core.db_routing).
DATABASE_REPLICA_URL = env.str("DATABASE_REPLICA_URL", default="")
DATABASE_ROUTERS: list[str] = []
REPLICA_PIN_SECONDS = env.int("REPLICA_PIN_SECONDS", default=5)
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = env.db_url_config(DATABASE_REPLICA_URL)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["lanzarote.core.db_routing.ReplicaRouter"]
    # Before anything reads: decides which copy of the database the request reads from.
    MIDDLEWARE.insert(1, "lanzarote.core.db_routing.PrimaryPinMiddleware")

# One process: its own memory. Several instances: one Redis that they share (REDIS_URL), for
# derived views, rendered pages, rate-limit counters and sessions; the site keeps serving from
# the database when Redis is down (lanzarote.core.cache).
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "lanzarote.core.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="lz"),
            "TIMEOUT": 3600,
            # A cache that takes longer than this is slower than the database it spares.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    # Read from Redis, written to both: a session survives Redis going away.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "lanzarote",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

# Background work (e-mails, renders, imports, index rebuilds) through Django's Tasks framework
# (docs/adr/0006-tasks.md). `immediate` runs a task in the process that enqueues it, after the
# commit (one machine, `make run`); `database` queues it in the database for `lanzarote worker`.
TASK_BACKENDS = {
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS = {
    "default": {
        "BACKEND": TASK_BACKENDS[env.str("TASKS_BACKEND", default="immediate")],
        "QUEUES": ["default", "mail"],
    }
}
# A failed task is tried again after 30 s, 2 min, 8 min, 32 min, then left failed on the desk;
# a task claimed by a worker that died is queued again once its lease has run out.
LANZAROTE_TASK_MAX_ATTEMPTS = env.int("LANZAROTE_TASK_MAX_ATTEMPTS", default=5)
LANZAROTE_TASK_RETRY_SECONDS = env.int("LANZAROTE_TASK_RETRY_SECONDS", default=30)
LANZAROTE_TASK_LEASE_SECONDS = env.int("LANZAROTE_TASK_LEASE_SECONDS", default=600)

# How long a worker trusts its cached data versions before asking the database again
# (lanzarote.core.versions): with a per-process cache, how late another worker may see a write.
LANZAROTE_VERSION_SECONDS = env.int("LANZAROTE_VERSION_SECONDS", default=10)
# Names the running code in every cache key and ETag (lanzarote.core.versions.release); by default a
# digest of the package's files, so set it only to name releases yourself (a tag, a commit).
LANZAROTE_RELEASE = env.str("LANZAROTE_RELEASE", default="")

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first, so a locked-out account is refused before its password is checked.
    "axes.backends.AxesStandaloneBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "web:my_home"
LOGOUT_REDIRECT_URL = "web:home"

# Accounts are created by the Treaty Office or the secretariat (`lanzarote users create`), never
# by sign-up; people set their password through the reset link. Staff may add a second factor.
ACCOUNT_ADAPTER = "lanzarote.accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Lanzarote"

# Lockout after repeated failed sign-ins (django-axes) per account and address, never per address
# alone: behind a proxy many people may share one address, and made-up names sent from it must
# not lock out the Treaty Office. Guessing one account from many addresses is slowed by allauth's
# own per-account rate on failed sign-ins (ACCOUNT_RATE_LIMITS, "key"). The address is the real
# client's, read from the trusted proxy only when one is configured (TRUSTED_PROXY_COUNT).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "lanzarote.core.http.throttle.client_address"
AXES_USERNAME_CALLABLE = "lanzarote.accounts.adapters.sign_in_name"
AXES_USERNAME_FORM_FIELD = "login"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Paris"
USE_TZ = True

MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media/"  # uploads (scanned letters) are served by views that check permissions

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

NINJA_PAGINATION_CLASS = "lanzarote.core.schemas.BoundedPagination"
NINJA_PAGINATION_PER_PAGE = 100
NINJA_PAGINATION_MAX_LIMIT = 1000  # core.http.lists.MAX_LIMIT

# Limits on what a client sends (lanzarote.core.http; docs/adr/0005-edge-limits.md). Every body
# is capped; the routes that take files have their own cap, by URL name, a little above the
# largest file they accept so that the multipart envelope fits.
MB = 1024 * 1024
LANZAROTE_MAX_BODY_BYTES = env.int("LANZAROTE_MAX_BODY_BYTES", default=1 * MB)
_ENVELOPE = 64 * 1024
LANZAROTE_UPLOAD_LIMITS = {
    # readiness answers exported as JSON (at most 2 MB)
    "readiness:import": 2 * MB + _ENVELOPE,
    "readiness:anonymous_import": 2 * MB + _ENVELOPE,
    "api:assessment_import": 2 * MB + _ENVELOPE,
    # CSV/XLSX imports of replies and recommendations (at most 5 MB)
    "monitoring:desk_import": 5 * MB + _ENVELOPE,
    "api:import_file": 5 * MB + _ENVELOPE,
    # the depositary's chart, saved as a web page, CSV or XLSX (at most 2 MB)
    "registry_desk:chart_import": 2 * MB + _ENVELOPE,
    # PDF/DOCX attachments and scanned letters (at most 10 MB)
    "monitoring:attachment_add": 10 * MB + _ENVELOPE,
    "api:attachment_add": 10 * MB + _ENVELOPE,
    "accession:file_request": 10 * MB + _ENVELOPE,
}
# Django's own guards, in line with the caps: form fields kept in memory, files in memory before
# they go to a temporary file, and how many fields and files a form may have.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * MB + _ENVELOPE
FILE_UPLOAD_MAX_MEMORY_SIZE = 1 * MB
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
DATA_UPLOAD_MAX_NUMBER_FILES = 10

# Per-client rates on what is expensive to produce (lanzarote.core.http.throttle).
LANZAROTE_RATE_LIMIT_CACHE = env.str("LANZAROTE_RATE_LIMIT_CACHE", default="default")
LANZAROTE_RATE_LIMITS = {
    "pdf": env.str("RATE_LIMIT_PDF", default="20/minute"),
    "map": env.str("RATE_LIMIT_MAP", default="60/minute"),
    "search": env.str("RATE_LIMIT_SEARCH", default="60/minute"),
    "report": env.str("RATE_LIMIT_REPORT", default="10/minute"),
    "open_data": env.str("RATE_LIMIT_OPEN_DATA", default="30/minute"),
    # Requests for an account sent on the public form (counted in its view, on POST only).
    "access_request": env.str("RATE_LIMIT_ACCESS_REQUEST", default="10/hour"),
}
# Which routes count towards which rate, by URL name (the edge middleware applies them).
LANZAROTE_RATE_LIMITED_VIEWS = {
    "web:notification_pdf": "pdf",
    "accession:draft_letter": "pdf",
    "web:request_letter": "pdf",
    "accession:invitation_letter": "pdf",
    "api:draft_letter": "pdf",
    "web:map_svg": "map",
    "web:map_pdf": "map",
    "monitoring:search": "search",
    "api:search": "search",
    "readiness:report_pdf": "report",
    "readiness:report_docx": "report",
    "readiness:anonymous_report_pdf": "report",
    "readiness:anonymous_report_docx": "report",
    "web:open_data_download": "open_data",
}

CSRF_FAILURE_VIEW = "lanzarote.core.http.errors.csrf_failure"

# The public contacts shown in the footer and on the contacts page. The defaults are those the
# Council of Europe's leaflet "Why join the Lanzarote Convention?" gives; an operator may change
# each. They are addresses to write to, never the sender of the product's own e-mail, which is
# DEFAULT_FROM_EMAIL below: a test or demonstration instance must not write in the name of the
# Treaty Office.
LANZAROTE_CONTACTS = {
    "committee_secretariat": env.str(
        "LANZAROTE_CONTACT_COMMITTEE_SECRETARIAT", default="lanzarote.committee@coe.int"
    ),
    "treaty_office": env.str("LANZAROTE_CONTACT_TREATY_OFFICE", default="TreatyOffice@coe.int"),
    "children_site": env.str(
        "LANZAROTE_CONTACT_CHILDREN_SITE", default="https://www.coe.int/children"
    ),
    "council_of_europe_site": env.str(
        "LANZAROTE_CONTACT_COUNCIL_OF_EUROPE_SITE", default="https://www.coe.int"
    ),
}
# The Convention's texts, linked from each article on the Convention page. The default is the
# official publication of both authentic texts that the project's reference notes cite (Netherlands
# Treaty Series, Tractatenblad 2008, 58); the notes give no Council of Europe address for the
# authentic texts or the explanatory report, so those stay empty until an operator sets them.
LANZAROTE_CONVENTION_TEXTS = {
    "authentic_texts": env.str(
        "LANZAROTE_CONVENTION_AUTHENTIC_TEXTS",
        default="https://zoek.officielebekendmakingen.nl/dossier/trb-2008-58.html",
    ),
    "english": env.str("LANZAROTE_CONVENTION_TEXT_EN", default=""),
    "french": env.str("LANZAROTE_CONVENTION_TEXT_FR", default=""),
    "explanatory_report": env.str("LANZAROTE_CONVENTION_EXPLANATORY_REPORT", default=""),
}

# The sender of depositary notifications and case e-mails.
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="lanzarote@localhost")
# Where the site is served, for the links in e-mails (read outside any request).
LANZAROTE_SITE_URL = env.str("LANZAROTE_SITE_URL", default="http://127.0.0.1:8000")

# The licence stated on the open-data page and in every download; an operator may change it.
LANZAROTE_OPEN_DATA_LICENCE = env.str(
    "LANZAROTE_OPEN_DATA_LICENCE",
    default="Open data licence: CC BY 4.0 — attribution: Lanzarote registry",
)
LANZAROTE_OPEN_DATA_LICENCE_URL = env.str(
    "LANZAROTE_OPEN_DATA_LICENCE_URL", default="https://creativecommons.org/licenses/by/4.0/"
)
