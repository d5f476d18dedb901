"""PostgreSQL through DATABASE_URL, hashed static files, HTTPS only. See docs/operations.md.

Everything that varies comes from the environment. With the documented values (SECRET_KEY,
ALLOWED_HOSTS, CSRF_TRUSTED_ORIGINS, BEHIND_TLS_PROXY=1 behind the TLS proxy) `lanzarote check
--deploy` reports nothing: HTTPS is redirected to and remembered by browsers (HSTS) by default.
"""

from lanzarote.settings.base import *  # noqa: F403
from lanzarote.settings.base import DATABASES, TASK_BACKENDS, TASKS, env
from lanzarote.settings.env import mailer_from_env

DEBUG = False
SECRET_KEY = env.str("SECRET_KEY")
for _database in DATABASES.values():
    _database["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    _database["CONN_HEALTH_CHECKS"] = True
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
# Safe behind the proxy only with BEHIND_TLS_PROXY=1 (otherwise every request looks like plain
# HTTP and is redirected again and again); a proxy that redirects itself may turn it off.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# The health check of a load balancer speaks plain HTTP to the instance.
SECURE_REDIRECT_EXEMPT = [r"^api/v1/health(/live)?$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
# Requests never send e-mail: they queue it for `lanzarote worker` (docs/adr/0006-tasks.md).
TASKS["default"]["BACKEND"] = TASK_BACKENDS[env.str("TASKS_BACKEND", default="database")]
# EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend writes to EMAIL_FILE_PATH.
MAILERS = {"default": mailer_from_env("django.core.mail.backends.smtp.EmailBackend")}
