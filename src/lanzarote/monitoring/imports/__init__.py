"""Importing replies and recommendations from CSV or XLSX, with a preview.

Every row is checked first and every problem reported with its line in the file and the reason.
NOTHING is written while a single row is wrong: the person fixes the file and sends it again. A
clean file can then be imported, all rows in one transaction, through the services (so each
record gets its events, search document and audit trail like any other).

Replies (secretariat, e.g. replies received by e-mail or from an online survey):
    round, questionnaire_version, question, state, text, language, status, submitted_on
    status is `submitted` or `published`; questionnaire_version is optional (the newest).
Recommendations:
    report, number, text_en, text_fr, strength, addressees, articles, questions
    addressees is `all` or ISO codes separated by spaces, commas or semicolons; articles are
    numbers; questions are question numbers of the round's newest questionnaire.
"""

from lanzarote.monitoring.imports.files import (
    COLUMN_LIMITS,
    COLUMNS,
    MAX_BYTES,
    MAX_LINES,
    MAX_ROWS,
    MAX_TEXT,
    FileTooLarge,
    Preview,
    RowProblem,
    Unreadable,
    check_size,
    read_table,
)
from lanzarote.monitoring.imports.rows import (
    import_confirm,
    import_file,
    import_preview,
    preview,
)

__all__ = [
    "COLUMNS",
    "COLUMN_LIMITS",
    "MAX_BYTES",
    "MAX_LINES",
    "MAX_ROWS",
    "MAX_TEXT",
    "FileTooLarge",
    "Preview",
    "RowProblem",
    "Unreadable",
    "check_size",
    "import_confirm",
    "import_file",
    "import_preview",
    "preview",
    "read_table",
]
