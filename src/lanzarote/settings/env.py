"""The one place that reads the environment. Every setting that varies between machines comes from here."""

import os
import secrets
import tempfile
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parents[3]
PACKAGE_DIR = Path(__file__).resolve().parents[1]

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)


def local_secret_key(var_dir: Path) -> str:
    """A key for one machine when SECRET_KEY is not set: generated once, kept under var/ (never
    committed), so `make run` works on a fresh clone and sessions survive a restart. Production
    settings refuse to start without SECRET_KEY."""
    path = var_dir / "secret_key"
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        # Written aside, then linked into place: the link fails if another process (a second
        # gunicorn worker starting at the same moment) got there first, and then its key is used.
        with tempfile.NamedTemporaryFile("w", dir=var_dir, delete=False) as draft:
            draft.write(secrets.token_urlsafe(50))
        os.chmod(draft.name, 0o600)
        try:
            os.link(draft.name, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(draft.name)
    return path.read_text().strip()


def mailer_from_env(default_backend: str) -> dict[str, object]:
    """The default mailer: `EMAIL_BACKEND`, with `EMAIL_FILE_PATH` for the file backend and the
    SMTP server's `EMAIL_HOST`, `EMAIL_PORT`, `EMAIL_HOST_USER`, `EMAIL_HOST_PASSWORD`,
    `EMAIL_USE_TLS` and `EMAIL_TIMEOUT` for SMTP."""
    backend = env.str("EMAIL_BACKEND", default=default_backend)
    options: dict[str, object] = {}
    if backend.endswith(".filebased.EmailBackend"):
        options["file_path"] = env.str("EMAIL_FILE_PATH", default=str(BASE_DIR / "var" / "mail"))
    elif backend.endswith(".smtp.EmailBackend"):
        options = {
            "host": env.str("EMAIL_HOST", default="localhost"),
            "port": env.int("EMAIL_PORT", default=25),
            "username": env.str("EMAIL_HOST_USER", default=""),
            "password": env.str("EMAIL_HOST_PASSWORD", default=""),
            "use_tls": env.bool("EMAIL_USE_TLS", default=False),
            "timeout": env.int("EMAIL_TIMEOUT", default=30),
        }
    return {"BACKEND": backend, "OPTIONS": options}
