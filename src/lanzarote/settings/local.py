"""One machine, SQLite under var/ (the `make run` default): production-like — DEBUG off, static
files served by WhiteNoise — with a secret key generated under var/ when SECRET_KEY is unset.
`lanzarote serve --dev` (Django's development server) is the only way to turn DEBUG on."""

from lanzarote.settings.base import *  # noqa: F403
from lanzarote.settings.base import SECRET_KEY, VAR_DIR, env
from lanzarote.settings.env import local_secret_key, mailer_from_env

DEBUG = env.bool("DEBUG", default=False)
VAR_DIR.mkdir(parents=True, exist_ok=True)
SECRET_KEY = SECRET_KEY or local_secret_key(VAR_DIR)
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MAILERS = {"default": mailer_from_env("django.core.mail.backends.console.EmailBackend")}
