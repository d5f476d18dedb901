"""The readiness pages: the public catalogue and mappings (`catalogue`), the interview and the
report for a State's team of officials (`team`), and what the team's interview shares with the
anonymous one in anonymous_views (`interview`)."""

from lanzarote.readiness.views.catalogue import (
    article,
    followups,
    index,
    mappings,
    obligations,
    obligations_csv,
    obligations_json,
)
from lanzarote.readiness.views.team import (
    assessment_settings,
    assessments,
    chapter,
    compare,
    duplicate,
    export,
    history,
    import_assessment,
    invite,
    overview,
    report,
    report_docx,
    report_pdf,
)

__all__ = [
    "article",
    "assessment_settings",
    "assessments",
    "chapter",
    "compare",
    "duplicate",
    "export",
    "followups",
    "history",
    "import_assessment",
    "index",
    "invite",
    "mappings",
    "obligations",
    "obligations_csv",
    "obligations_json",
    "overview",
    "report",
    "report_docx",
    "report_pdf",
]
