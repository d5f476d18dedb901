"""Full-text search over `monitoring_searchdocument`, one way per database vendor.

SQLite: an external-content FTS5 table (`unicode61 remove_diacritics 2`, so "réponse" finds
"reponse" and the reverse) kept in step by three triggers. PostgreSQL: a generated `tsvector`
column with a GIN index, built with `monitoring_fts`: a copy of the `simple` configuration that
first strips accents with the `unaccent` extension when it can be created (and is plain `simple`
otherwise), so queries and excerpts (`ts_headline`) treat "entraîneurs" and "entraineurs" alike.
"""

from typing import Any

from django.db import migrations


class VendorRunSQL(migrations.RunSQL):
    """RunSQL that runs only on one database vendor."""

    def __init__(self, vendor: str, sql: Any, reverse_sql: Any = None) -> None:
        super().__init__(sql, reverse_sql)
        self.vendor = vendor

    def database_forwards(self, app_label, schema_editor, from_state, to_state):  # type: ignore[no-untyped-def]
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):  # type: ignore[no-untyped-def]
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)


SQLITE = [
    "CREATE VIRTUAL TABLE monitoring_search_fts USING fts5("
    "title, body, tags, content='monitoring_searchdocument', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER monitoring_search_ai AFTER INSERT ON monitoring_searchdocument BEGIN "
    "INSERT INTO monitoring_search_fts(rowid, title, body, tags) "
    "VALUES (new.id, new.title, new.body, new.tags); END",
    "CREATE TRIGGER monitoring_search_ad AFTER DELETE ON monitoring_searchdocument BEGIN "
    "INSERT INTO monitoring_search_fts(monitoring_search_fts, rowid, title, body, tags) "
    "VALUES ('delete', old.id, old.title, old.body, old.tags); END",
    "CREATE TRIGGER monitoring_search_au AFTER UPDATE ON monitoring_searchdocument BEGIN "
    "INSERT INTO monitoring_search_fts(monitoring_search_fts, rowid, title, body, tags) "
    "VALUES ('delete', old.id, old.title, old.body, old.tags); "
    "INSERT INTO monitoring_search_fts(rowid, title, body, tags) "
    "VALUES (new.id, new.title, new.body, new.tags); END",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS monitoring_search_au",
    "DROP TRIGGER IF EXISTS monitoring_search_ad",
    "DROP TRIGGER IF EXISTS monitoring_search_ai",
    "DROP TABLE IF EXISTS monitoring_search_fts",
]

POSTGRESQL = [
    # A server without the contrib package, or a role that may not create extensions, still
    # gets search: only accents then matter.
    """
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS unaccent;
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'unaccent is not available (%); search will not ignore accents', SQLERRM;
END
$$;
""",
    # `simple` (no stemming: the texts are in English and in French) with accents removed
    # before the words are indexed, when the extension exists; plain `simple` otherwise.
    """
DO $$
DECLARE
  ext_schema text;
BEGIN
  CREATE TEXT SEARCH CONFIGURATION monitoring_fts (COPY = pg_catalog.simple);
  SELECT n.nspname INTO ext_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
   WHERE e.extname = 'unaccent';
  IF ext_schema IS NOT NULL THEN
    EXECUTE format(
      'ALTER TEXT SEARCH CONFIGURATION monitoring_fts '
      'ALTER MAPPING FOR hword, hword_part, word WITH %I.unaccent, simple',
      ext_schema);
  END IF;
END
$$;
""",
    "ALTER TABLE monitoring_searchdocument ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS ("
    "setweight(to_tsvector('monitoring_fts'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('monitoring_fts'::regconfig, coalesce(body, '')), 'B')"
    ") STORED",
    "CREATE INDEX monitoring_search_vector_gin ON monitoring_searchdocument USING gin (search_vector)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS monitoring_search_vector_gin",
    "ALTER TABLE monitoring_searchdocument DROP COLUMN IF EXISTS search_vector",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS monitoring_fts",
]


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0002_append_only")]

    operations = [
        VendorRunSQL("sqlite", SQLITE, SQLITE_REVERSE),
        VendorRunSQL("postgresql", POSTGRESQL, POSTGRESQL_REVERSE),
    ]
