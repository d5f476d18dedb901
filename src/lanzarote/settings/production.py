"""PostgreSQL through DATABASE_URL, hashed static files, secure cookies. See docs/operations.md."""

from lanzarote.settings.base import *  # noqa: F403
from lanzarote.settings.base import DATABASES, env

DEBUG = False
SECRET_KEY = env.str("SECRET_KEY")
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
MAILERS = {
    "default": {
        "BACKEND": env.str("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
    }
}
