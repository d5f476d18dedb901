"""Fast, isolated settings for the test suite (SQLite unless DATABASE_URL says otherwise)."""

from lanzarote.settings.base import *  # noqa: F403
from lanzarote.settings.base import DATABASES, env

DEBUG = False
SECRET_KEY = "tests-only"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
if not env.str("DATABASE_URL", default=""):
    DATABASES["default"] = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": ":memory:",
        "TEST": {"NAME": ":memory:"},
    }
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# A second connection to the test database, as a streaming replica would be: no test reads from
# it unless it installs the router (tests/core/test_replica_routing.py).
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
# Every write drops its domain's version in this process, so a test never needs the expiry; on
# a busy machine the default 10 s could pass between warming a page and counting its queries.
LANZAROTE_VERSION_SECONDS = 3600
