"""The signed request letter a State uploads: checked before anything is recorded, and written to
storage only once the filing has committed, so a filing that fails leaves no confidential letter
behind on disk."""

from __future__ import annotations

import logging
import uuid

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext

from lanzarote.accession.models import AccessionCase
from lanzarote.core.errors import InvalidInput

logger = logging.getLogger("lanzarote.accession")
MAX_LETTER_BYTES = 10 * 1024 * 1024


def letter_check(upload: UploadedFile) -> None:
    """Refuse what is not a PDF of a sensible size (by its content, not only its name)."""
    if upload.size is not None and upload.size > MAX_LETTER_BYTES:
        raise InvalidInput(
            gettext("The scanned letter is %(size)s kB; the limit is %(limit)s MB.")
            % {"size": upload.size // 1024, "limit": MAX_LETTER_BYTES // 1024 // 1024},
            field="letter_file",
        )
    if not (upload.name or "").lower().endswith(".pdf"):
        raise InvalidInput(gettext("The scanned letter must be a PDF file."), field="letter_file")
    head = upload.read(5)
    upload.seek(0, 2)
    end = upload.tell()
    upload.seek(max(0, end - 1024))
    tail = upload.read()
    upload.seek(0)
    if head != b"%PDF-" or b"%%EOF" not in tail:
        raise InvalidInput(
            gettext("The file is not a PDF document (its content does not start as one)."),
            field="letter_file",
        )


def letter_attach_after_commit(case: AccessionCase, upload: UploadedFile) -> None:
    """Give the case the letter's storage name now, and write the content once the current
    transaction commits; if it rolls back, nothing is written. The name is unguessable, so no
    two filings (or a restored backup) can collide on it."""
    name = f"accession/letters/{case.reference}-{uuid.uuid4().hex}.pdf"
    case.letter_file.name = name
    storage = case.letter_file.storage
    # Held in memory (at most MAX_LETTER_BYTES, checked first): the upload's temporary file may
    # be closed by the time the commit comes, when the request is already answered.
    upload.seek(0)
    content = ContentFile(upload.read())

    def write() -> None:
        stored = storage.save(name, content)
        if stored != name:  # the storage chose another name: the case would not find it
            logger.error("The letter of %s was stored as %s, not %s.", case, stored, name)

    # robust: the filing is committed; a storage failure is logged (the download then answers
    # 404 and says so in the log) rather than turned into an error for a request that succeeded.
    transaction.on_commit(write, robust=True)
