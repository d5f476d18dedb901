"""gunicorn's configuration for `lanzarote serve` (`--config python:lanzarote.gunicorn_config`).

Every value can be changed from the environment; docs/operations.md lists them. The point of each:
- `max_requests` with jitter: a worker is replaced after that many requests, so memory that a
  large request made Python keep (it rarely gives it back) is returned to the system, and the
  workers do not all restart at the same moment.
- `timeout`: a worker stuck longer than this (a pathological PDF, a lost database) is killed and
  replaced instead of holding its slot for ever; `graceful_timeout` lets requests in flight end.
- `limit_request_line` / `limit_request_fields` / `limit_request_field_size`: the request line and
  headers are bounded before Django sees them (bodies are bounded by lanzarote.core.http). One
  header, Cookie, may be larger than the usual 8 KB: anonymous readiness answers travel in it
  (lanzarote.readiness.browser_store, at most 19 KB), so a field may take 24 KB.
"""

import os


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


wsgi_app = "lanzarote.wsgi:application"
worker_class = "gthread"
workers = _int("WEB_CONCURRENCY", 2)
threads = _int("GUNICORN_THREADS", 4)

max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 100)
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)

limit_request_line = _int("GUNICORN_LIMIT_REQUEST_LINE", 4094)
limit_request_fields = _int("GUNICORN_LIMIT_REQUEST_FIELDS", 50)
limit_request_field_size = _int("GUNICORN_LIMIT_REQUEST_FIELD_SIZE", 24 * 1024)

# gunicorn itself believes X-Forwarded-* only from these addresses (the local proxy by default);
# Django trusts them only with BEHIND_TLS_PROXY=1.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
