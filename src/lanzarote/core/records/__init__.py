"""The records kit: how a domain app declares, validates, saves and audits its rows.

- `bilingual`  — content in English and French: `Bilingual` fields and the localized accessor;
- `mixins`     — abstract models: `KnownDateFields`, `EndDateFields`, `Sourced`, `Demo`,
                 `Timestamped`;
- `inputs`     — cleaning what people type (dates as known, sources, lines, slugs);
- `saving`     — `record_save`: permission, validation, save only what changed, audit the diff;
                 `locked` re-reads a row under a lock.

Kept free of imports here so the mypy plugin (`mypy_plugin`) can load without Django settings.
"""
