"""Run as `python -m tests.core.backup_scenario` against the database of DATABASE_URL: what a
backup must carry beyond the reference data — people, an accession of Brazil through to the
deposit (its case events, the registry's accession event, a depositary notification, the audit
trail) and the signed request letter in the media folder."""

from __future__ import annotations

import django


def main() -> None:
    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile

    from lanzarote.accession import services
    from tests.accession.helpers import Cast, advance, letter

    cast = Cast()
    upload = SimpleUploadedFile(
        "letter.pdf", b"%PDF-1.4\n% a signed letter\n%%EOF\n", content_type="application/pdf"
    )
    case = services.accession_request_file(
        user=cast.brazil, state_code="BR", letter=letter(), letter_file=upload
    )
    advance(case, "deposited", office=cast.office, official=cast.brazil)
    print(case.reference)


if __name__ == "__main__":
    main()
