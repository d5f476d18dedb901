"""The Convention over time, drawn as server-side SVG that needs no JavaScript: the counts at
every change (`counts`), the step charts of Parties and of signatures against ratifications
(`steps`), and one State's timeline on its profile (`state`)."""

from lanzarote.web.charts.counts import (
    Accession,
    ChangeRow,
    History,
    Point,
    SignatureRow,
    history,
    party_rows,
    signature_rows,
)
from lanzarote.web.charts.state import (
    STAGE_COLOURS,
    STAGE_LABELS,
    Stage,
    state_stages,
    state_timeline,
)
from lanzarote.web.charts.steps import (
    BAND_COLOUR,
    CONSENTS_COLOUR,
    PARTIES_COLOUR,
    SIGNATURES_COLOUR,
    Frame,
    Marker,
    Series,
    count_text,
    parties_chart,
    signatures_chart,
    step_chart,
)

__all__ = [
    "BAND_COLOUR",
    "CONSENTS_COLOUR",
    "PARTIES_COLOUR",
    "SIGNATURES_COLOUR",
    "STAGE_COLOURS",
    "STAGE_LABELS",
    "Accession",
    "ChangeRow",
    "Frame",
    "History",
    "Marker",
    "Point",
    "Series",
    "SignatureRow",
    "Stage",
    "count_text",
    "history",
    "parties_chart",
    "party_rows",
    "signature_rows",
    "signatures_chart",
    "state_stages",
    "state_timeline",
    "step_chart",
]
