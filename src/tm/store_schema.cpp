// The TM schema and its migrations. docs/formats.md ("Translation memory
// schema") describes every table; change both together. Each entry of
// kMigrations takes the schema from version i to i + 1 and is never edited
// once released: a change is a new entry.
#include <map>
#include <optional>
#include <string_view>

#include "text/unicode.h"
#include "tm/store_internal.h"
#include "tm/trigram_index.h"

namespace tmkit::tm {
namespace {

// Version 0 → 1: units, variants and what hangs off them; the candidate index
// (one row per posting, replaced in version 3).
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

// Version 2 → 3: the postings packed into blocks (posting_block; see
// PostingEntry in store_internal.h), one row per block instead of one per
// posting. The rows of the old table are repacked in key order, then dropped.
// The trigram index keeps only which variants hold each trigram (detail=none,
// no column sizes): it builds in half the time and concordance checks each
// candidate's text itself.
constexpr std::string_view kToVersion3 = R"sql(
DROP TABLE variant_text;
CREATE VIRTUAL TABLE variant_text USING fts5(text, content='variant', content_rowid='id', tokenize='trigram', detail=none, columnsize=0);
INSERT INTO variant_text(variant_text) VALUES('rebuild');
CREATE TABLE posting_block(
  base_id INTEGER NOT NULL,
  token_id INTEGER NOT NULL,
  length INTEGER NOT NULL,
  first_variant INTEGER NOT NULL,
  entries BLOB NOT NULL,
  PRIMARY KEY(base_id, token_id, length, first_variant)
) WITHOUT ROWID;
)sql";

void PackPostings(SQLite::Database& db) {
  SQLite::Statement read(db,
                         "SELECT base_id, token_id, length, variant_id, count, signature FROM posting "
                         "ORDER BY base_id, token_id, length, variant_id");
  SQLite::Statement write(db, "INSERT INTO posting_block VALUES(?, ?, ?, ?, ?)");
  struct Key {
    int64_t base_id = -1, token_id = -1, length = -1;
    bool operator==(const Key&) const = default;
  };
  Key key;
  int64_t first = 0;
  int64_t previous = 0;
  size_t entries = 0;
  std::string blob;
  auto write_block = [&] {
    if (entries == 0) return;
    write.bind(1, key.base_id);
    write.bind(2, key.token_id);
    write.bind(3, key.length);
    write.bind(4, first);
    write.bind(5, blob.data(), static_cast<int>(blob.size()));
    write.exec();
    write.reset();
    blob.clear();
    entries = 0;
  };
  while (read.executeStep()) {
    const Key row{read.getColumn(0).getInt64(), read.getColumn(1).getInt64(), read.getColumn(2).getInt64()};
    const PostingEntry entry{read.getColumn(3).getInt64(),
                             static_cast<uint32_t>(read.getColumn(4).getInt64()),
                             static_cast<uint64_t>(read.getColumn(5).getInt64())};
    if (!(row == key) || entries == kPostingsPerBlock) {
      write_block();
      key = row;
      first = previous = entry.variant_id;
    }
    AppendPostingEntry(blob, previous, entry);
    ++entries;
  }
  write_block();
  read.reset();
  db.exec("DROP TABLE posting");
}

// Version 3 → 4: the concordance index becomes our own (trigram_block, see
// trigram_index.h): an import builds it from trigrams its reading thread
// extracted, where FTS5's rebuild at commit was about 40% of the storing
// thread's work. Variant ids are never given twice (counter.variant_id, the
// highest ever given), so an id left in the index by a deleted variant can
// only ever name nothing.
constexpr std::string_view kToVersion4 = R"sql(
DROP TABLE variant_text;
CREATE TABLE trigram_block(
  base_id INTEGER NOT NULL,
  trigram INTEGER NOT NULL,
  first_variant INTEGER NOT NULL,
  count INTEGER NOT NULL,
  variants BLOB NOT NULL,
  PRIMARY KEY(base_id, trigram, first_variant)
) WITHOUT ROWID;
CREATE TABLE counter(
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO counter VALUES('variant_id', (SELECT coalesce(max(id), 0) FROM variant));
)sql";

// The migration keys the builder by base_id itself.
int64_t BaseIdItself(int64_t base_id) { return base_id; }

void IndexTrigrams(SQLite::Database& db) {
  SQLite::Statement read(
      db,
      "SELECT v.id, l.base_id, v.text FROM variant v JOIN language l ON l.id = v.language_id "
      "ORDER BY v.id");
  TrigramIndexBuilder builder;
  std::vector<uint64_t> trigrams;
  while (read.executeStep()) {
    text::LoweredTrigrams(read.getColumn(2).getString(), trigrams);
    builder.Add(read.getColumn(1).getInt64(), read.getColumn(0).getInt64(), trigrams);
    if (builder.pending_bytes() > kTrigramBudgetBytes) WriteTrigramRows(db, builder.Seal(), BaseIdItself, {});
  }
  WriteTrigramRows(db, builder.Seal(), BaseIdItself, {});
}

// Version 4 → 5: a unit's and a variant's attributes, properties and notes,
// and a variant's inline tags, move from four side tables (a row per item)
// into blobs on the unit and variant rows (store_internal.h, "Extras"): an
// import writes two or three B-tree rows fewer per unit. And variant_by_unit
// is no longer UNIQUE: SQLite checked each new variant's (unit_id, position)
// with a seek of its own, and tmkit gives them out itself.
constexpr std::string_view kToVersion5 = R"sql(
ALTER TABLE unit ADD COLUMN extras BLOB;
ALTER TABLE variant ADD COLUMN extras BLOB;
ALTER TABLE variant ADD COLUMN inline_tags BLOB;
DROP INDEX variant_by_unit;
CREATE INDEX variant_by_unit ON variant(unit_id, position);
)sql";

// Packs the side rows of every unit that has any, then drops the tables.
// The four tables are read side by side in key order (unit_id first), a
// unit at a time, so memory does not grow with the TM: a UNION of their
// unit ids built a temporary table (137 MB at 1M units).
void PackExtras(SQLite::Database& db) {
  // Unit-level rows of versions 1-4 have this variant_position.
  constexpr int kUnitLevel = -1;
  struct Side {
    std::vector<Attribute> attributes;
    std::vector<Property> properties;
    std::vector<Note> notes;
    std::vector<InlineTag> inline_tags;
  };
  using Sides = std::map<int, Side>;  // by variant_position; kUnitLevel first
  // One table's rows in key order; `add` files the current row into Sides.
  struct Stream {
    SQLite::Statement rows;
    void (*add)(SQLite::Statement&, Sides&);
    bool more = false;
    int64_t unit_id() { return rows.getColumn(0).getInt64(); }
  };
  Stream streams[] = {
      {SQLite::Statement(
           db, "SELECT unit_id, variant_position, name, value FROM attribute ORDER BY 1, 2, position"),
       [](SQLite::Statement& r, Sides& sides) {
         sides[r.getColumn(1).getInt()].attributes.emplace_back(r.getColumn(2).getString(),
                                                                r.getColumn(3).getString());
       }},
      {SQLite::Statement(db,
                         "SELECT unit_id, variant_position, type, value, language, o_encoding FROM property "
                         "ORDER BY 1, 2, position"),
       [](SQLite::Statement& r, Sides& sides) {
         sides[r.getColumn(1).getInt()].properties.push_back(
             {r.getColumn(2).getString(), r.getColumn(3).getString(), r.getColumn(4).getString(),
              r.getColumn(5).getString()});
       }},
      {SQLite::Statement(
           db,
           "SELECT unit_id, variant_position, text, language, o_encoding FROM note ORDER BY 1, 2, position"),
       [](SQLite::Statement& r, Sides& sides) {
         sides[r.getColumn(1).getInt()].notes.push_back(
             {r.getColumn(2).getString(), r.getColumn(3).getString(), r.getColumn(4).getString()});
       }},
      {SQLite::Statement(db,
                         "SELECT unit_id, variant_position, kind, offset_bytes, markup FROM inline_tag "
                         "ORDER BY 1, 2, position"),
       [](SQLite::Statement& r, Sides& sides) {
         sides[r.getColumn(1).getInt()].inline_tags.push_back(
             {static_cast<InlineTagKind>(r.getColumn(2).getInt()),
              static_cast<size_t>(r.getColumn(3).getInt64()), r.getColumn(4).getString()});
       }},
  };
  SQLite::Statement write_unit(db, "UPDATE unit SET extras = ? WHERE id = ?");
  SQLite::Statement write_variant(
      db, "UPDATE variant SET extras = ?, inline_tags = ? WHERE unit_id = ? AND position = ?");
  for (Stream& stream : streams) stream.more = stream.rows.executeStep();
  while (true) {
    std::optional<int64_t> unit_id;
    for (Stream& stream : streams) {
      if (stream.more && (!unit_id || stream.unit_id() < *unit_id)) unit_id = stream.unit_id();
    }
    if (!unit_id) break;
    Sides sides;
    for (Stream& stream : streams) {
      while (stream.more && stream.unit_id() == *unit_id) {
        stream.add(stream.rows, sides);
        stream.more = stream.rows.executeStep();
      }
    }
    for (const auto& [position, side] : sides) {
      const std::string extras = EncodeExtras(side.attributes, side.properties, side.notes);
      if (position == kUnitLevel) {
        BindBlobOrNull(write_unit, 1, extras);
        write_unit.bind(2, *unit_id);
        write_unit.exec();
        write_unit.reset();
        continue;
      }
      const std::string inline_tags = EncodeInlineTags(side.inline_tags);
      BindBlobOrNull(write_variant, 1, extras);
      BindBlobOrNull(write_variant, 2, inline_tags);
      write_variant.bind(3, *unit_id);
      write_variant.bind(4, position);
      write_variant.exec();
      write_variant.reset();
    }
  }
  for (Stream& stream : streams) stream.rows.reset();
  db.exec("DROP TABLE attribute; DROP TABLE property; DROP TABLE note; DROP TABLE inline_tag;");
}

struct Migration {
  std::string_view sql;
  void (*then)(SQLite::Database&) = nullptr;  // C++ work after the SQL, when SQL alone cannot do it
};

const Migration kMigrations[] = {{kToVersion1},
                                 {kToVersion2},
                                 {kToVersion3, PackPostings},
                                 {kToVersion4, IndexTrigrams},
                                 {kToVersion5, PackExtras}};
static_assert(std::size(kMigrations) == kSchemaVersion, "one migration per schema version");

}  // namespace

int SchemaVersion(SQLite::Database& db) { return db.execAndGet("PRAGMA user_version").getInt(); }

void MigrateSchema(SQLite::Database& db) {
  SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
  // Re-read inside the write lock: another process may have migrated already.
  for (int version = SchemaVersion(db); version < kSchemaVersion; ++version) {
    const Migration& step = kMigrations[version];
    db.exec(std::string(step.sql));
    if (step.then != nullptr) step.then(db);
    db.exec("PRAGMA user_version = " + std::to_string(version + 1));
  }
  transaction.commit();
}

}  // namespace tmkit::tm
