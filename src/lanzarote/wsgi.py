"""WSGI entry point for gunicorn and other servers."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lanzarote.settings.local")
django_application = get_wsgi_application()

from lanzarote.core.http.middleware import StreamingLimits  # noqa: E402 — after django.setup()

# Bodies are counted while they are read, and chunked ones spooled within the cap, before Django.
application = StreamingLimits(django_application)
