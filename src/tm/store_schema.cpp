// The TM schema and its migrations. docs/formats.md ("Translation memory
// schema") describes every table; change both together. Each entry of
// kMigrations takes the schema from version i to i + 1 and is never edited
// once released: a change is a new entry.
#include <string_view>

#include "tm/store_internal.h"

namespace tmkit::tm {
namespace {

// Version 0 → 1: units, variants and what hangs off them; the candidate index.
constexpr std::string_view kToVersion1 = R"sql(
CREATE TABLE language(
  id INTEGER PRIMARY KEY,
  tag TEXT NOT NULL UNIQUE,
  base_id INTEGER NOT NULL
);
CREATE TABLE unit(
  id INTEGER PRIMARY KEY,
  tuid TEXT NOT NULL,
  origin_file TEXT NOT NULL,
  origin_line INTEGER NOT NULL,
  origin_column INTEGER NOT NULL,
  origin_record TEXT NOT NULL,
  created INTEGER,
  changed INTEGER,
  imported INTEGER NOT NULL,
  source_key INTEGER NOT NULL,
  content_key INTEGER NOT NULL,
  usage_count INTEGER NOT NULL DEFAULT 0,
  last_used INTEGER
);
CREATE INDEX unit_by_source_key ON unit(source_key);
CREATE TABLE variant(
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL,
  position INTEGER NOT NULL,
  language_id INTEGER NOT NULL,
  original_language TEXT NOT NULL,
  text TEXT NOT NULL,
  created INTEGER,
  changed INTEGER,
  token_count INTEGER NOT NULL,
  tokens BLOB NOT NULL
);
CREATE UNIQUE INDEX variant_by_unit ON variant(unit_id, position);
CREATE TABLE attribute(
  unit_id INTEGER NOT NULL,
  variant_position INTEGER NOT NULL,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY(unit_id, variant_position, position)
) WITHOUT ROWID;
CREATE TABLE property(
  unit_id INTEGER NOT NULL,
  variant_position INTEGER NOT NULL,
  position INTEGER NOT NULL,
  type TEXT NOT NULL,
  value TEXT NOT NULL,
  language TEXT NOT NULL,
  o_encoding TEXT NOT NULL,
  PRIMARY KEY(unit_id, variant_position, position)
) WITHOUT ROWID;
CREATE TABLE note(
  unit_id INTEGER NOT NULL,
  variant_position INTEGER NOT NULL,
  position INTEGER NOT NULL,
  text TEXT NOT NULL,
  language TEXT NOT NULL,
  o_encoding TEXT NOT NULL,
  PRIMARY KEY(unit_id, variant_position, position)
) WITHOUT ROWID;
CREATE TABLE inline_tag(
  unit_id INTEGER NOT NULL,
  variant_position INTEGER NOT NULL,
  position INTEGER NOT NULL,
  kind INTEGER NOT NULL,
  offset_bytes INTEGER NOT NULL,
  markup TEXT NOT NULL,
  PRIMARY KEY(unit_id, variant_position, position)
) WITHOUT ROWID;
CREATE TABLE token(
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE
);
CREATE TABLE posting(
  base_id INTEGER NOT NULL,
  token_id INTEGER NOT NULL,
  length INTEGER NOT NULL,
  variant_id INTEGER NOT NULL,
  count INTEGER NOT NULL,
  signature INTEGER NOT NULL,
  PRIMARY KEY(base_id, token_id, length, variant_id)
) WITHOUT ROWID;
CREATE TABLE term(
  base_id INTEGER NOT NULL,
  token_id INTEGER NOT NULL,
  df INTEGER NOT NULL,
  PRIMARY KEY(base_id, token_id)
) WITHOUT ROWID;
)sql";

// Version 1 → 2: the trigram full-text index for concordance, filled from
// the variants already stored.
constexpr std::string_view kToVersion2 = R"sql(
CREATE VIRTUAL TABLE variant_text USING fts5(text, content='variant', content_rowid='id', tokenize='trigram');
INSERT INTO variant_text(variant_text) VALUES('rebuild');
)sql";

constexpr std::string_view kMigrations[] = {kToVersion1, kToVersion2};
static_assert(std::size(kMigrations) == kSchemaVersion, "one migration per schema version");

}  // namespace

int SchemaVersion(SQLite::Database& db) { return db.execAndGet("PRAGMA user_version").getInt(); }

void MigrateSchema(SQLite::Database& db) {
  SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
  // Re-read inside the write lock: another process may have migrated already.
  for (int version = SchemaVersion(db); version < kSchemaVersion; ++version) {
    db.exec(std::string(kMigrations[version]));
    db.exec("PRAGMA user_version = " + std::to_string(version + 1));
  }
  transaction.commit();
}

}  // namespace tmkit::tm
