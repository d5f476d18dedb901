"""Import of the depositary's chart of signatures and ratifications.

The Treaty Office publishes, for each treaty, a chart: one row per State with its signature,
its ratification (or acceptance, approval, accession), the entry into force for it, and marks
for reservations, declarations, authorities, territorial application, communications and
objections. This package reads that chart as a saved web page, a CSV file or an XLSX workbook
(`reading`, `tables`), compares it State by State with the record (`comparing`) and applies it
(`services`): each date the chart gives becomes a piece of depositary-grade evidence, and the
signature and consent events are narrowed from the evidence that then stands.

Nothing is written while a file has a problem: every problem names its row and column.
"""
