// Store: schema, import with its duplicate policies and transactions, reading
// units back. Lookup is in tm_lookup_test.cpp, durability in
// tm_durability_test.cpp.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "tests/support/test_support.h"
#include "tests/tm_test_units.h"
#include "text/unicode.h"
#include "tm/store.h"
#include "tm/store_internal.h"
#include "tm/trigram_index.h"

namespace tmkit::tm {
namespace {

using testing::ScopedTempDir;

// A unit with every field set, to prove nothing is lost.
TranslationUnit RichUnit() {
  TranslationUnit unit;
  unit.id = "tu-42";
  unit.attributes = {{"srclang", "en-US"}, {"datatype", "plaintext"}, {"creationtool", "tmkit"}};
  unit.properties = {{"x-domain", "software", "", ""}, {"x-project", "Ünïcode ✓", "de", "UTF-8"}};
  unit.notes = {{"checked by Ana", "", ""}, {"zweite Notiz", "de", "base64"}};
  unit.created = Timestamp(std::chrono::seconds(1700000000));
  unit.changed = Timestamp(std::chrono::seconds(1700000123));
  Variant en{.language = LanguageTag("en-US"),
             .original_language = "EN_us",
             .text = "Click Save to keep your changes.",
             .inline_tags = {{InlineTagKind::kBpt, 6, "<bpt i=\"1\">&lt;b&gt;</bpt>"},
                             {InlineTagKind::kEpt, 10, "<ept i=\"1\">&lt;/b&gt;</ept>"},
                             {InlineTagKind::kPh, 32, "<ph x=\"2\">{0}</ph>"}},
             .attributes = {{"o-tmf", "xliff"}},
             .properties = {{"x-state", "final", "", ""}},
             .notes = {{"UI string", "en", ""}},
             .created = Timestamp(std::chrono::seconds(1600000000)),
             .changed = std::nullopt};
  Variant de{.language = LanguageTag("de-DE"),
             .text = "Klicken Sie auf Speichern, um Ihre Änderungen zu behalten.",
             .inline_tags = {{InlineTagKind::kHi, 16, "<hi type=\"b\">"}}};
  unit.variants = {en, de};
  return unit;
}

std::vector<TranslationUnit> AllUnits(const Store& store, const ExportFilter& filter = {}) {
  std::vector<TranslationUnit> units;
  store.ForEachUnit(filter, [&](const TranslationUnit& u) { units.push_back(u); });
  return units;
}

TEST(Store, RoundTripsEveryFieldOfAUnit) {
  ScopedTempDir dir;
  const TranslationUnit rich = RichUnit();
  const TranslationUnit plain = Pair("Open the file.", "Öffnen Sie die Datei.");
  {
    Store store = Store::Open((dir / "tm.tmkit").string());
    const ImportReport report = store.Import(std::vector{rich, plain}, {.origin = "sample.tmx"});
    EXPECT_EQ(report.units_read, 2u);
    EXPECT_EQ(report.units_stored, 2u);
  }
  Store store = Store::Open((dir / "tm.tmkit").string(), {.read_only = true});
  const std::vector<TranslationUnit> units = AllUnits(store);
  ASSERT_EQ(units.size(), 2u);
  EXPECT_EQ(units[0], rich);
  EXPECT_EQ(units[1], plain);
  EXPECT_EQ(units[0].origin.file, "sample.tmx");
  const std::optional<TranslationUnit> found = store.FindUnit(1);
  ASSERT_TRUE(found);
  EXPECT_EQ(*found, rich);
  EXPECT_FALSE(store.FindUnit(99));
}

TEST(Store, OriginDefaultsToTheUnitsOwnFileAndLocation) {
  ScopedTempDir dir;
  Store store = Store::Open((dir / "tm.tmkit").string());
  TranslationUnit unit = Pair("a b c", "x y z");
  unit.origin = {.file = "in.tmx", .line = 12, .column = 3, .record = "tu 7"};
  store.Import(std::vector{unit}, {});
  const TranslationUnit back = *store.FindUnit(1);
  EXPECT_EQ(back.origin.file, "in.tmx");
  EXPECT_EQ(back.origin.line, 12);
  EXPECT_EQ(back.origin.column, 3);
  EXPECT_EQ(back.origin.record, "tu 7");
}

TEST(Store, StoresAnIdenticalPairOnceWhateverThePolicy) {
  ScopedTempDir dir;
  Store store = Store::Open((dir / "tm.tmkit").string());
  for (OnDuplicate policy : {OnDuplicate::kSkip, OnDuplicate::kOverwrite, OnDuplicate::kKeepBoth}) {
    const ImportReport report = store.Import(std::vector{Pair("Hello.", "Hallo.")}, {.on_duplicate = policy});
    EXPECT_EQ(report.units_stored, policy == OnDuplicate::kSkip ? 1u : 0u);
  }
  // Within one import too, and NFC-equivalent text is the same text.
  const ImportReport report =
      store.Import(std::vector{Pair("Caf\u00e9.", "Kaffee."), Pair("Cafe\u0301.", "Kaffee.")}, {});
  EXPECT_EQ(report.units_stored, 1u);
  EXPECT_EQ(report.duplicates, 1u);
  EXPECT_EQ(store.Stats().units, 2u);
}

// An import into an empty TM checks duplicates against its own units only
// (through a filter of their source keys): each policy still applies.
TEST(Store, DuplicatesWithinTheFirstImportFollowThePolicy) {
  const std::vector units{Pair("Save.", "Speichern."), Pair("Open.", "Öffnen."), Pair("Save.", "Speichern."),
                          Pair("Save.", "Sichern."), Pair("Open.", "Aufmachen.")};
  struct Expected {
    OnDuplicate policy;
    size_t stored;
    size_t units_after;
  };
  for (const Expected& e : {Expected{OnDuplicate::kSkip, 2, 2}, Expected{OnDuplicate::kKeepBoth, 4, 4},
                            Expected{OnDuplicate::kOverwrite, 4, 2}}) {
    ScopedTempDir dir;
    Store store = Store::Open((dir / "tm.tmkit").string());
    const ImportReport report = store.Import(units, {.on_duplicate = e.policy});
    EXPECT_EQ(report.duplicates, 3u);
    EXPECT_EQ(report.units_stored, e.stored);
    EXPECT_EQ(store.Stats().units, e.units_after);
  }
}

TEST(Store, SameSourceOtherTargetFollowsThePolicy) {
  ScopedTempDir dir;
  Store store = Store::Open((dir / "tm.tmkit").string());
  store.Import(std::vector{Pair("Save.", "Speichern.")}, {});

  ImportReport skip =
      store.Import(std::vector{Pair("Save.", "Sichern.")}, {.on_duplicate = OnDuplicate::kSkip});
  EXPECT_EQ(skip.duplicates, 1u);
  EXPECT_EQ(skip.units_stored, 0u);
  ASSERT_EQ(AllUnits(store).size(), 1u);
  EXPECT_EQ(AllUnits(store)[0].variants[1].text, "Speichern.");

  ImportReport keep =
      store.Import(std::vector{Pair("Save.", "Sichern.")}, {.on_duplicate = OnDuplicate::kKeepBoth});
  EXPECT_EQ(keep.duplicates, 1u);
  EXPECT_EQ(keep.units_stored, 1u);
  ASSERT_EQ(AllUnits(store).size(), 2u);

  ImportReport overwrite =
      store.Import(std::vector{Pair("Save.", "Abspeichern.")}, {.on_duplicate = OnDuplicate::kOverwrite});
  EXPECT_EQ(overwrite.units_stored, 1u);
  const std::vector<TranslationUnit> units = AllUnits(store);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].variants[1].text, "Abspeichern.");
  // The overwritten units are gone from the indexes too.
  EXPECT_TRUE(store.Concordance("Sichern", LanguageTag("de"), {}).empty());
  const std::vector<Match> matches = store.Lookup("Save.", {LanguageTag("en"), LanguageTag("de")}, {});
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].target().text, "Abspeichern.");
}

// The reading thread numbers tokens as it meets them; a unit that is not
// stored (a duplicate, skipped) may be the first to use some, and later
// units in the same import refer to them by number.
TEST(Store, TokensFirstSeenInASkippedUnitIndexLaterUnits) {
  ScopedTempDir dir;
  Store store = Store::Open((dir / "tm.tmkit").string());
  const ImportReport report =
      store.Import(std::vector{Pair("Save.", "Speichern."), Pair("Save.", "Zebrafisch Quallenboot."),
                               Pair("Open the file.", "Zebrafisch Quallenboot.")},
                   {.on_duplicate = OnDuplicate::kSkip});
  EXPECT_EQ(report.duplicates, 1u);
  EXPECT_EQ(report.units_stored, 2u);
  const std::vector<Match> matches =
      store.Lookup("Zebrafisch Quallenboot.", {LanguageTag("de"), LanguageTag("en")}, {});
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].target().text, "Open the file.");
  EXPECT_EQ(matches[0].kind, MatchKind::kExact);
  // And the unit's own source tokens, shared with the first unit.
  const std::vector<Match> saves = store.Lookup("Save.", {LanguageTag("en"), LanguageTag("de")}, {});
  ASSERT_EQ(saves.size(), 1u);
  EXPECT_EQ(saves[0].target().text, "Speichern.");
}

TEST(Store, SkipsAndReportsBadUnits) {
  ScopedTempDir dir;
  Store store = Store::Open((dir / "tm.tmkit").string());
  TranslationUnit empty;
  empty.origin = {.file = "in.tmx", .line = 4, .column = 1};
  TranslationUnit bad_utf8 = Pair("ok", "bad \xC3");
  bad_utf8.origin = {.file = "in.tmx", .line = 9, .column = 5};
  const ImportReport report = store.Import(std::vector{empty, Pair("fine", "gut"), bad_utf8}, {});
  EXPECT_EQ(report.units_read, 3u);
  EXPECT_EQ(report.units_stored, 1u);
  EXPECT_EQ(report.units_skipped, 2u);
  ASSERT_EQ(report.diagnostics.size(), 2u);
  EXPECT_EQ(report.diagnostics[0].ToString(), "in.tmx:4:1: unit has no variants");
  EXPECT_EQ(report.diagnostics[1].ToString(), "in.tmx:9:5: variant 2: invalid UTF-8 at byte 4");
}

TEST(Store, StrictImportLeavesTmUntouchedOnBadUnit) {
  ScopedTempDir dir;
  Store store = Store::Open((dir / "tm.tmkit").string());
  store.Import(std::vector{Pair("before", "vorher")}, {});
  TranslationUnit bad;
  bad.origin = {.file = "in.tmx", .line = 2, .column = 3};
  try {
    store.Import(std::vector{Pair("one", "eins"), bad}, {.on_bad_record = OnBadRecord::kFail});
    FAIL() << "no exception";
  } catch (const StoreError& e) {
    EXPECT_EQ(std::string(e.what()), "in.tmx:2:3: unit has no variants");
  }
  EXPECT_EQ(store.Stats().units, 1u);
  // The store is usable afterwards: the next import works.
  EXPECT_EQ(store.Import(std::vector{Pair("one", "eins")}, {}).units_stored, 1u);
  EXPECT_EQ(store.Stats().units, 2u);
}

TEST(Store, SessionDestroyedWithoutCommitRollsBack) {
  ScopedTempDir dir;
  Store store = Store::Open((dir / "tm.tmkit").string());
  {
    ImportSession session = store.BeginImport({});
    session.Add(Pair("lost", "verloren"));
    EXPECT_EQ(session.report().units_stored, 1u);
  }
  EXPECT_EQ(store.Stats().units, 0u);
  EXPECT_TRUE(store.Lookup("lost", {LanguageTag("en"), LanguageTag("de")}, {}).empty());
  // Tokens and languages cached during the rolled-back session are not reused
  // as if they existed.
  store.Import(std::vector{Pair("lost again", "wieder verloren")}, {});
  EXPECT_EQ(store.Lookup("lost again", {LanguageTag("en"), LanguageTag("de")}, {}).size(), 1u);
}

// The session keeps postings back in memory and writes them sorted: a lookup
// during the session, and an overwrite of a unit added earlier in the same
// session, must still see them.
TEST(Store, SessionHoldsPostingsBackInvisibly) {
  ScopedTempDir dir;
  Store store = Store::Open((dir / "tm.tmkit").string());
  const LanguagePair en_de{LanguageTag("en"), LanguageTag("de")};
  ImportSession session = store.BeginImport({.on_duplicate = OnDuplicate::kOverwrite});
  session.Add(Pair("Save the file now.", "Speichern Sie die Datei jetzt."));
  const std::vector<Match> during = store.Lookup("Save the file now.", en_de, {});
  ASSERT_EQ(during.size(), 1u);
  EXPECT_EQ(during[0].target().text, "Speichern Sie die Datei jetzt.");
  session.Add(Pair("Close the window.", "Schliessen Sie das Fenster."));
  // The session began on an empty TM, so its trigram index is deferred: a
  // concordance during the session must still see its units.
  ASSERT_EQ(store.Concordance("Fenster", LanguageTag("de"), {}).size(), 1u);
  // Overwrites a unit whose postings were still pending.
  session.Add(Pair("Close the window.", "Fenster schliessen."));
  session.Commit();
  // Only the new translation is in the trigram index after the commit.
  const std::vector<ConcordanceHit> hits = store.Concordance("Fenster", LanguageTag("de"), {});
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].unit.variants[hits[0].variant].text, "Fenster schliessen.");
  EXPECT_TRUE(store.Concordance("Schliessen Sie", LanguageTag("de"), {}).empty());
  EXPECT_EQ(store.Stats().units, 2u);
  const std::vector<Match> after = store.Lookup("Close the window.", en_de, {});
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].target().text, "Fenster schliessen.");
  // No posting of the overwritten unit survives: the exhaustive scan agrees.
  const std::vector<Match> scan = store.Lookup("Close the window.", en_de, {.exhaustive = true});
  ASSERT_EQ(scan.size(), after.size());
  EXPECT_EQ(scan[0].unit_id, after[0].unit_id);
}

TEST(Store, OneSessionAtATime) {
  ScopedTempDir dir;
  Store store = Store::Open((dir / "tm.tmkit").string());
  ImportSession session = store.BeginImport({});
  try {
    store.BeginImport({});
    FAIL() << "no exception";
  } catch (const StoreError& e) {
    EXPECT_EQ(std::string(e.what()),
              (dir / "tm.tmkit").string() + ": cannot import: another import session of this Store is open");
  }
}

TEST(Store, ReadOnlyStoreRefusesImport) {
  ScopedTempDir dir;
  const std::string path = (dir / "tm.tmkit").string();
  Store::Open(path);
  Store store = Store::Open(path, {.read_only = true});
  try {
    store.BeginImport({});
    FAIL() << "no exception";
  } catch (const StoreError& e) {
    EXPECT_EQ(std::string(e.what()), path + ": cannot import: opened read-only");
  }
}

TEST(Store, OpenErrorsNameThePath) {
  ScopedTempDir dir;
  const std::string missing = (dir / "missing.tmkit").string();
  try {
    Store::Open(missing, {.create_if_missing = false});
    FAIL() << "no exception";
  } catch (const StoreError& e) {
    EXPECT_EQ(std::string(e.what()), missing + ": no translation memory at this path");
  }
  const std::string junk = (dir / "junk.tmkit").string();
  testing::WriteFile(junk, std::string(8192, 'x'));
  try {
    Store::Open(junk);
    FAIL() << "no exception";
  } catch (const StoreError& e) {
    EXPECT_EQ(std::string(e.what()), junk + ": cannot open translation memory: file is not a database");
  }
  const std::string other = (dir / "other.db").string();
  {
    SQLite::Database db(other, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("CREATE TABLE t(x)");
  }
  try {
    Store::Open(other);
    FAIL() << "no exception";
  } catch (const StoreError& e) {
    EXPECT_EQ(std::string(e.what()),
              other + ": not a tmkit translation memory (an SQLite database with other tables)");
  }
}

TEST(Store, RefusesANewerSchema) {
  ScopedTempDir dir;
  const std::string path = (dir / "tm.tmkit").string();
  Store::Open(path);
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    db.exec("PRAGMA user_version = 99");
  }
  try {
    Store::Open(path);
    FAIL() << "no exception";
  } catch (const StoreError& e) {
    EXPECT_EQ(std::string(e.what()), path + ": schema version 99 is newer than this tmkit reads (" +
                                         std::to_string(kSchemaVersion) + ")");
  }
}

// Makes the candidate index what versions 1 and 2 wrote: one posting row per
// variant and token, no blocks.
void UnpackPostings(SQLite::Database& db) {
  db.exec(
      "CREATE TABLE posting(base_id INTEGER NOT NULL, token_id INTEGER NOT NULL, length INTEGER NOT NULL, "
      "variant_id INTEGER NOT NULL, count INTEGER NOT NULL, signature INTEGER NOT NULL, "
      "PRIMARY KEY(base_id, token_id, length, variant_id)) WITHOUT ROWID");
  SQLite::Statement read(db, "SELECT base_id, token_id, length, first_variant, entries FROM posting_block");
  SQLite::Statement write(db, "INSERT INTO posting VALUES(?, ?, ?, ?, ?, ?)");
  std::vector<PostingEntry> entries;
  while (read.executeStep()) {
    const SQLite::Column blob = read.getColumn(4);
    ASSERT_TRUE(DecodePostingBlock(read.getColumn(3).getInt64(), blob.getBlob(),
                                   static_cast<size_t>(blob.getBytes()), entries));
    for (const PostingEntry& e : entries) {
      for (int c = 0; c < 3; ++c) write.bind(c + 1, read.getColumn(c).getInt64());
      write.bind(4, e.variant_id);
      write.bind(5, static_cast<int64_t>(e.count));
      write.bind(6, static_cast<int64_t>(e.signature));
      write.exec();
      write.reset();
    }
  }
  read.reset();
  db.exec("DROP TABLE posting_block");
}

// Makes the extras what versions 1-4 wrote: a row per attribute, property,
// note and inline tag in four side tables, no blob columns.
void UnpackExtras(SQLite::Database& db) {
  db.exec(
      "CREATE TABLE attribute(unit_id INTEGER NOT NULL, variant_position INTEGER NOT NULL, "
      "position INTEGER NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, "
      "PRIMARY KEY(unit_id, variant_position, position)) WITHOUT ROWID; "
      "CREATE TABLE property(unit_id INTEGER NOT NULL, variant_position INTEGER NOT NULL, "
      "position INTEGER NOT NULL, type TEXT NOT NULL, value TEXT NOT NULL, language TEXT NOT NULL, "
      "o_encoding TEXT NOT NULL, PRIMARY KEY(unit_id, variant_position, position)) WITHOUT ROWID; "
      "CREATE TABLE note(unit_id INTEGER NOT NULL, variant_position INTEGER NOT NULL, "
      "position INTEGER NOT NULL, text TEXT NOT NULL, language TEXT NOT NULL, o_encoding TEXT NOT NULL, "
      "PRIMARY KEY(unit_id, variant_position, position)) WITHOUT ROWID; "
      "CREATE TABLE inline_tag(unit_id INTEGER NOT NULL, variant_position INTEGER NOT NULL, "
      "position INTEGER NOT NULL, kind INTEGER NOT NULL, offset_bytes INTEGER NOT NULL, markup TEXT NOT "
      "NULL, "
      "PRIMARY KEY(unit_id, variant_position, position)) WITHOUT ROWID");
  auto insert = [&db](const char* sql, int64_t unit_id, int position, size_t i,
                      std::vector<std::string> values) {
    SQLite::Statement q(db, sql);
    q.bind(1, unit_id);
    q.bind(2, position);
    q.bind(3, static_cast<int64_t>(i));
    for (size_t c = 0; c < values.size(); ++c) q.bind(static_cast<int>(c + 4), values[c]);
    q.exec();
  };
  auto unpack = [&](int64_t unit_id, int position, const SQLite::Column& extras) {
    std::vector<Attribute> attributes;
    std::vector<Property> properties;
    std::vector<Note> notes;
    ASSERT_TRUE(DecodeExtras(extras.getBlob(), static_cast<size_t>(extras.getBytes()), attributes, properties,
                             notes));
    for (size_t i = 0; i < attributes.size(); ++i) {
      insert("INSERT INTO attribute VALUES(?, ?, ?, ?, ?)", unit_id, position, i,
             {attributes[i].first, attributes[i].second});
    }
    for (size_t i = 0; i < properties.size(); ++i) {
      const Property& p = properties[i];
      insert("INSERT INTO property VALUES(?, ?, ?, ?, ?, ?, ?)", unit_id, position, i,
             {p.type, p.value, p.language, p.o_encoding});
    }
    for (size_t i = 0; i < notes.size(); ++i) {
      insert("INSERT INTO note VALUES(?, ?, ?, ?, ?, ?)", unit_id, position, i,
             {notes[i].text, notes[i].language, notes[i].o_encoding});
    }
  };
  SQLite::Statement units(db, "SELECT id, extras FROM unit");
  while (units.executeStep()) unpack(units.getColumn(0).getInt64(), -1, units.getColumn(1));
  units.reset();
  SQLite::Statement variants(db, "SELECT unit_id, position, extras, inline_tags FROM variant");
  while (variants.executeStep()) {
    const int64_t unit_id = variants.getColumn(0).getInt64();
    const int position = variants.getColumn(1).getInt();
    unpack(unit_id, position, variants.getColumn(2));
    std::vector<InlineTag> tags;
    const SQLite::Column blob = variants.getColumn(3);
    ASSERT_TRUE(DecodeInlineTags(blob.getBlob(), static_cast<size_t>(blob.getBytes()), tags));
    for (size_t i = 0; i < tags.size(); ++i) {
      SQLite::Statement q(db, "INSERT INTO inline_tag VALUES(?, ?, ?, ?, ?, ?)");
      q.bind(1, unit_id);
      q.bind(2, position);
      q.bind(3, static_cast<int64_t>(i));
      q.bind(4, static_cast<int>(tags[i].kind));
      q.bind(5, static_cast<int64_t>(tags[i].offset_bytes));
      q.bind(6, tags[i].markup);
      q.exec();
    }
  }
  variants.reset();
  db.exec(
      "ALTER TABLE unit DROP COLUMN extras; ALTER TABLE variant DROP COLUMN extras; "
      "ALTER TABLE variant DROP COLUMN inline_tags");
}

// Makes the concordance index what versions 2 and 3 kept: SQLite's FTS5
// trigram table, and no trigram blocks or counter.
void RestoreFts5Index(SQLite::Database& db) {
  db.exec(
      "DROP TABLE trigram_block; DROP TABLE counter; "
      "CREATE VIRTUAL TABLE variant_text USING fts5(text, content='variant', content_rowid='id', "
      "tokenize='trigram', detail=none, columnsize=0); "
      "INSERT INTO variant_text(variant_text) VALUES('rebuild')");
}

TEST(Store, MigratesVersion1ByBuildingTheConcordanceIndex) {
  ScopedTempDir dir;
  const std::string path = (dir / "tm.tmkit").string();
  Store::Open(path).Import(std::vector{Pair("Print the document.", "Drucken Sie das Dokument.")}, {});
  {
    // Make the file what version 1 wrote: no concordance table, a posting row each.
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    UnpackExtras(db);
    UnpackPostings(db);
    db.exec("DROP TABLE trigram_block; DROP TABLE counter; PRAGMA user_version = 1");
  }
  try {
    Store::Open(path, {.read_only = true});
    FAIL() << "no exception";
  } catch (const StoreError& e) {
    EXPECT_EQ(std::string(e.what()), path + ": schema version 1 must be migrated to " +
                                         std::to_string(kSchemaVersion) + "; open it once without read-only");
  }
  Store store = Store::Open(path);
  EXPECT_EQ(store.Stats().schema_version, kSchemaVersion);
  const std::vector<ConcordanceHit> hits = store.Concordance("document", LanguageTag("en"), {});
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].highlights, (std::vector<std::pair<size_t, size_t>>{{10, 18}}));
  EXPECT_EQ(store.Lookup("Print the document.", {LanguageTag("en"), LanguageTag("de")}, {}).size(), 1u);
}

// Every row a query returns, each as its columns' text joined by spaces.
std::vector<std::string> RowsAsText(const std::string& path, const char* sql) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  SQLite::Statement q(db, sql);
  std::vector<std::string> rows;
  while (q.executeStep()) {
    std::string row;
    for (int c = 0; c < q.getColumnCount(); ++c) row += q.getColumn(c).getString() + " ";
    rows.push_back(row);
  }
  return rows;
}

// A session that forgets its token numbers (max_token_numbers) looks the
// keys up again: the TM it writes is the one a session that never forgets
// writes, row for row.
TEST(Store, ForgettingTokenNumbersWritesTheSameIndex) {
  std::vector<TranslationUnit> units;
  for (int i = 0; i < 60; ++i) {
    units.push_back(
        Pair("Open file " + std::to_string(i % 7) + " now, then save " + std::to_string(i),
             "Datei " + std::to_string(i % 5) + " öffnen und " + std::to_string(i) + " speichern"));
  }
  ScopedTempDir dir;
  const std::string forgetting = (dir / "forgetting.tmkit").string();
  const std::string remembering = (dir / "remembering.tmkit").string();
  Store::Open(forgetting).Import(units, {.max_token_numbers = 4});
  Store::Open(remembering).Import(units, {});
  for (const char* sql : {"SELECT id, key FROM token ORDER BY id", "SELECT * FROM term ORDER BY 1, 2",
                          "SELECT base_id, token_id, length, first_variant, hex(entries) FROM posting_block "
                          "ORDER BY 1, 2, 3, 4",
                          "SELECT id, hex(tokens) FROM variant ORDER BY id"}) {
    const std::vector<std::string> expected = RowsAsText(remembering, sql);
    ASSERT_GT(expected.size(), 10u) << sql;
    EXPECT_EQ(RowsAsText(forgetting, sql), expected) << sql;
  }
  Store store = Store::Open(forgetting);
  const std::vector<Match> found =
      store.Lookup("Open file 3 now, then save 59", {LanguageTag("en"), LanguageTag("de")}, {});
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0].target().text, "Datei 4 öffnen und 59 speichern");
}

// Every row of the candidate index: (key, first variant, entries).
std::vector<std::string> PostingBlocks(const std::string& path) {
  return RowsAsText(path,
                    "SELECT base_id, token_id, length, first_variant, hex(entries) FROM posting_block "
                    "ORDER BY 1, 2, 3, 4");
}

TEST(Store, MigratesVersion2ByPackingItsPostingsIntoBlocks) {
  ScopedTempDir dir;
  const std::string path = (dir / "tm.tmkit").string();
  std::vector<TranslationUnit> units;
  // 600 units share ("common", 3 tokens): more than two blocks of postings.
  for (int i = 0; i < 600; ++i) {
    units.push_back(Pair("common word " + std::to_string(i), "Wort " + std::to_string(i)));
  }
  units.push_back(Pair("Print the document twice.", "Drucken Sie das Dokument zweimal."));
  Store::Open(path).Import(units, {});
  const std::vector<std::string> packed = PostingBlocks(path);
  ASSERT_GT(packed.size(), 3u);
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    UnpackExtras(db);
    UnpackPostings(db);
    RestoreFts5Index(db);
    db.exec("PRAGMA user_version = 2");
  }
  Store store = Store::Open(path);
  EXPECT_EQ(store.Stats().schema_version, kSchemaVersion);
  EXPECT_EQ(PostingBlocks(path), packed);
  const LanguagePair en_de{LanguageTag("en"), LanguageTag("de")};
  const std::vector<Match> found = store.Lookup("Print the document.", en_de, {});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].target().text, "Drucken Sie das Dokument zweimal.");
  EXPECT_EQ(store.Lookup("common word 1", en_de, {.min_score = 0.6, .max_results = 1000}).size(), 600u);
}

// Every row of the concordance index: (key, first variant, count, variants).
std::vector<std::string> TrigramBlocks(const std::string& path) {
  return RowsAsText(path,
                    "SELECT base_id, trigram, first_variant, count, hex(variants) FROM trigram_block "
                    "ORDER BY 1, 2, 3");
}

TEST(Store, MigratesVersion3ByIndexingTheTrigramsOfEveryVariant) {
  ScopedTempDir dir;
  const std::string path = (dir / "tm.tmkit").string();
  std::vector<TranslationUnit> units;
  for (int i = 0; i < 300; ++i) {
    units.push_back(Pair("Line " + std::to_string(i) + " of the report", "Zeile " + std::to_string(i)));
  }
  units.push_back(Pair("Print the document.", "Drucken Sie das Dokument."));
  Store::Open(path).Import(units, {});
  const std::vector<std::string> built_by_import = TrigramBlocks(path);
  ASSERT_GT(built_by_import.size(), 20u);
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    UnpackExtras(db);
    RestoreFts5Index(db);
    db.exec("PRAGMA user_version = 3");
  }
  Store store = Store::Open(path);
  EXPECT_EQ(store.Stats().schema_version, kSchemaVersion);
  // The migration builds what an import into a new TM builds.
  EXPECT_EQ(TrigramBlocks(path), built_by_import);
  const std::vector<ConcordanceHit> hits = store.Concordance("DOKUMENT", LanguageTag("de"), {});
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].highlights, (std::vector<std::pair<size_t, size_t>>{{16, 24}}));
  EXPECT_EQ(store.Concordance("e 29", LanguageTag("en"), {.max_results = 100}).size(), 11u);  // 29, 290-299
  // The counter starts above every id: the next import's variants follow.
  store.Import(std::vector{Pair("Another document.", "Ein anderes Dokument.")}, {});
  EXPECT_EQ(store.Concordance("dokument", LanguageTag("de"), {}).size(), 2u);
}

TEST(Store, MigratesVersion4ByPackingTheSideRowsOfEachUnitAndVariant) {
  ScopedTempDir dir;
  const std::string path = (dir / "tm.tmkit").string();
  TranslationUnit rich = RichUnit();
  rich.variants[1].notes = {{"zweite Sprache", "", ""}};  // a variant without inline tags but a note
  std::vector<TranslationUnit> units{rich, Pair("Plain, nothing else.", "Schlicht.")};
  TranslationUnit only_tags = Pair("Press {0} now.", "Drücken Sie jetzt {0}.");
  only_tags.variants[0].inline_tags = {{InlineTagKind::kPh, 6, "<ph x=\"1\">{0}</ph>"}};
  units.push_back(only_tags);
  {
    Store store = Store::Open(path);
    store.Import(units, {});
  }
  const std::vector<TranslationUnit> before = AllUnits(Store::Open(path, {.read_only = true}));
  ASSERT_EQ(before.size(), 3u);
  EXPECT_EQ(before[0].notes, rich.notes);
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    UnpackExtras(db);
    db.exec("PRAGMA user_version = 4");
    ASSERT_GT(db.execAndGet("SELECT count(*) FROM attribute").getInt(), 3);
  }
  Store store = Store::Open(path);
  EXPECT_EQ(store.Stats().schema_version, kSchemaVersion);
  EXPECT_EQ(AllUnits(store), before);
  EXPECT_EQ(RowsAsText(path,
                       "SELECT name FROM sqlite_schema WHERE name IN ('attribute', 'property', 'note', "
                       "'inline_tag')"),
            std::vector<std::string>{});
  // Units without extras keep NULL, not an empty blob.
  EXPECT_EQ(RowsAsText(path, "SELECT count(*) FROM unit WHERE extras IS NULL"),
            std::vector<std::string>{"2 "});
}

// Every cut of a blob short of its end is refused, never read past (the
// sanitizer builds run this too); the whole blob decodes to what went in.
TEST(Store, ExtrasBlobsDecodeWholeAndRefuseEveryTruncation) {
  const TranslationUnit unit = RichUnit();
  const Variant& en = unit.variants[0];
  const std::string extras = EncodeExtras(unit.attributes, unit.properties, unit.notes);
  const std::string tags = EncodeInlineTags(en.inline_tags);
  std::vector<Attribute> attributes;
  std::vector<Property> properties;
  std::vector<Note> notes;
  std::vector<InlineTag> inline_tags;
  ASSERT_TRUE(DecodeExtras(extras.data(), extras.size(), attributes, properties, notes));
  EXPECT_EQ(attributes, unit.attributes);
  EXPECT_EQ(properties, unit.properties);
  EXPECT_EQ(notes, unit.notes);
  ASSERT_TRUE(DecodeInlineTags(tags.data(), tags.size(), inline_tags));
  EXPECT_EQ(inline_tags, en.inline_tags);
  for (size_t size = 1; size < extras.size(); ++size) {
    const std::vector<char> cut(extras.begin(), extras.begin() + static_cast<std::ptrdiff_t>(size));
    EXPECT_FALSE(DecodeExtras(cut.data(), cut.size(), attributes, properties, notes)) << size;
  }
  for (size_t size = 1; size < tags.size(); ++size) {
    const std::vector<char> cut(tags.begin(), tags.begin() + static_cast<std::ptrdiff_t>(size));
    EXPECT_FALSE(DecodeInlineTags(cut.data(), cut.size(), inline_tags)) << size;
  }
  // Bytes after the last item, and an unknown tag kind, are damage too.
  EXPECT_FALSE(DecodeExtras((extras + "x").data(), extras.size() + 1, attributes, properties, notes));
  std::string bad_kind = tags;
  bad_kind[1] = 9;  // the first tag's kind
  EXPECT_FALSE(DecodeInlineTags(bad_kind.data(), bad_kind.size(), inline_tags));
  // Nothing at all is nothing.
  EXPECT_EQ(EncodeExtras({}, {}, {}), "");
  ASSERT_TRUE(DecodeExtras(nullptr, 0, attributes, properties, notes));
  EXPECT_TRUE(attributes.empty() && properties.empty() && notes.empty());
}

TEST(Store, DamagedExtrasAreAStoreErrorNamingTheTmAndUnit) {
  ScopedTempDir dir;
  const std::string path = (dir / "tm.tmkit").string();
  Store::Open(path).Import(std::vector{RichUnit()}, {});
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    // A count of 5 attributes, and the bytes of one.
    db.exec("UPDATE unit SET extras = X'0501610162'");
  }
  Store store = Store::Open(path);
  try {
    store.FindUnit(1);
    FAIL() << "no exception";
  } catch (const StoreError& e) {
    EXPECT_EQ(std::string(e.what()),
              path + ": unit 1 is damaged (its attributes, properties, notes or inline tags cannot be read)");
  }
}

// Overwriting the units that hold the highest variant ids (in another
// session, and in the same one) must not give those ids again: the
// concordance index still names them, and a new variant under an old id
// would be found by the old text's trigrams, or collide with its blocks.
TEST(Store, VariantIdsAreNeverGivenTwice) {
  ScopedTempDir dir;
  const std::string path = (dir / "tm.tmkit").string();
  Store store = Store::Open(path);
  store.Import(std::vector{Pair("First unit.", "Erste Einheit."), Pair("Last unit.", "Alte Fassung.")}, {});
  store.Import(std::vector{Pair("Last unit.", "Neue Fassung.")}, {.on_duplicate = OnDuplicate::kOverwrite});
  {
    ImportSession session = store.BeginImport({.on_duplicate = OnDuplicate::kOverwrite});
    session.Add(Pair("Other unit.", "Andere Fassung."));
    ASSERT_EQ(store.Concordance("Fassung", LanguageTag("de"), {}).size(), 2u);  // flushes the trigrams
    session.Add(Pair("Other unit.", "Dritte Fassung."));
    session.Commit();
  }
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  SQLite::Statement ids(db, "SELECT id FROM variant ORDER BY id");
  std::vector<int64_t> stored;
  while (ids.executeStep()) stored.push_back(ids.getColumn(0).getInt64());
  // 2 + 2 first, then 2 (replacing ids 3, 4), 2 (replaced in the session), 2.
  EXPECT_EQ(stored, (std::vector<int64_t>{1, 2, 5, 6, 9, 10}));
  EXPECT_EQ(db.execAndGet("SELECT value FROM counter WHERE name = 'variant_id'").getInt64(), 10);
  const std::vector<ConcordanceHit> hits = store.Concordance("fassung", LanguageTag("de"), {});
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].unit.variants[hits[0].variant].text, "Neue Fassung.");
  EXPECT_EQ(hits[1].unit.variants[hits[1].variant].text, "Dritte Fassung.");
  EXPECT_TRUE(store.Concordance("Alte", LanguageTag("de"), {}).empty());
  EXPECT_TRUE(store.Concordance("Andere", LanguageTag("de"), {}).empty());
}

// The variant ids the concordance index lists, over all its blocks.
std::multiset<int64_t> TrigramIndexedVariants(const std::string& path) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  SQLite::Statement blocks(db, "SELECT first_variant, variants FROM trigram_block");
  std::multiset<int64_t> ids;
  std::vector<int64_t> block;
  while (blocks.executeStep()) {
    block.clear();
    const SQLite::Column blob = blocks.getColumn(1);
    EXPECT_TRUE(DecodeTrigramBlock(blocks.getColumn(0).getInt64(), blob.getBlob(),
                                   static_cast<size_t>(blob.getBytes()), block));
    ids.insert(block.begin(), block.end());
  }
  return ids;
}

// Prepare numbers variants before Add knows whether it stores them: the ids
// of units not stored (duplicates, bad units) must not reach the index, so
// that importing a file twice leaves the index as it was.
TEST(Store, TheTrigramIndexListsOnlyStoredVariants) {
  ScopedTempDir dir;
  const std::string path = (dir / "tm.tmkit").string();
  Store store = Store::Open(path);
  std::vector<TranslationUnit> units;
  for (int i = 0; i < 40; ++i)
    units.push_back(Pair("Row " + std::to_string(i) + " abc", "Zeile " + std::to_string(i)));
  store.Import(units, {});
  const std::multiset<int64_t> first = TrigramIndexedVariants(path);
  store.Import(units, {});  // all duplicates
  EXPECT_EQ(TrigramIndexedVariants(path), first);
  // Duplicates, bad units and new units, interleaved.
  std::vector<TranslationUnit> mixed;
  for (int i = 0; i < 40; ++i) {
    mixed.push_back(units[static_cast<size_t>(i)]);
    if (i % 5 == 0) mixed.push_back(Pair("New row " + std::to_string(i), "Neue Zeile " + std::to_string(i)));
    if (i % 7 == 0) {
      TranslationUnit bad = Pair("Bad unit " + std::to_string(i), "Schlecht");
      bad.variants[1].language = LanguageTag();  // no language: never stored, never numbered
      mixed.push_back(bad);
    }
  }
  const ImportReport report = store.Import(mixed, {});
  EXPECT_EQ(report.units_stored, 8u);
  // Every stored variant is listed under each of its distinct trigrams;
  // nothing else is listed.
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  SQLite::Statement variants(db, "SELECT id, text FROM variant");
  std::multiset<int64_t> expected;
  std::vector<uint64_t> trigrams;
  while (variants.executeStep()) {
    text::LoweredTrigrams(variants.getColumn(1).getString(), trigrams);
    std::sort(trigrams.begin(), trigrams.end());
    const auto distinct = std::unique(trigrams.begin(), trigrams.end()) - trigrams.begin();
    for (auto k = 0; k < distinct; ++k) expected.insert(variants.getColumn(0).getInt64());
  }
  EXPECT_EQ(TrigramIndexedVariants(path), expected);
  EXPECT_EQ(report.units_skipped, 6u);
  EXPECT_EQ(report.duplicates, 40u);
  EXPECT_TRUE(store.Concordance("Bad unit", LanguageTag("en"), {}).empty());
  EXPECT_EQ(store.Concordance("new row", LanguageTag("en"), {.max_results = 100}).size(), 8u);
}

TEST(Store, ADamagedTrigramBlockIsAStoreErrorNamingTheTm) {
  ScopedTempDir dir;
  const std::string path = (dir / "tm.tmkit").string();
  Store::Open(path).Import(std::vector{Pair("Print the document.", "Drucken Sie das Dokument.")}, {});
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    // A varint that never ends.
    db.exec("UPDATE trigram_block SET variants = x'808080'");
  }
  Store store = Store::Open(path);
  try {
    store.Concordance("document", LanguageTag("en"), {});
    FAIL() << "no exception";
  } catch (const StoreError& e) {
    EXPECT_EQ(
        std::string(e.what()),
        path + ": the concordance index is damaged (a trigram block); rebuild the TM by export and import");
  }
}

TEST(Store, OverwritesInsideAndAtTheEdgesOfPostingBlocks) {
  ScopedTempDir dir;
  const std::string path = (dir / "tm.tmkit").string();
  Store store = Store::Open(path);
  std::vector<TranslationUnit> units;
  for (int i = 0; i < 3 * static_cast<int>(kPostingsPerBlock); ++i) {
    units.push_back(Pair("common word " + std::to_string(i), "Wort " + std::to_string(i)));
  }
  store.Import(units, {});
  // The first, a middle and the last unit of each block, then every unit of
  // the second block: blocks lose their first entry, shrink, and vanish.
  std::vector<TranslationUnit> changed;
  std::vector<int> indices;
  for (int block = 0; block < 3; ++block) {
    for (int offset : {0, 100, static_cast<int>(kPostingsPerBlock) - 1}) {
      indices.push_back(block * static_cast<int>(kPostingsPerBlock) + offset);
    }
  }
  for (int i = 1; i < static_cast<int>(kPostingsPerBlock) - 1; ++i) {
    if (i != 100) indices.push_back(static_cast<int>(kPostingsPerBlock) + i);
  }
  for (int i : indices)
    changed.push_back(Pair("common word " + std::to_string(i), "neu " + std::to_string(i)));
  const ImportReport report = store.Import(changed, {.on_duplicate = OnDuplicate::kOverwrite});
  EXPECT_EQ(report.units_stored, changed.size());
  EXPECT_EQ(store.Stats().units, units.size());
  {
    // The index holds exactly the stored variants, in ordered, disjoint blocks.
    SQLite::Database db(path, SQLite::OPEN_READONLY);
    SQLite::Statement q(
        db,
        "SELECT first_variant, entries FROM posting_block ORDER BY base_id, token_id, length, "
        "first_variant");
    std::set<int64_t> indexed_variants;
    std::vector<PostingEntry> entries;
    while (q.executeStep()) {
      const SQLite::Column blob = q.getColumn(1);
      ASSERT_TRUE(DecodePostingBlock(q.getColumn(0).getInt64(), blob.getBlob(),
                                     static_cast<size_t>(blob.getBytes()), entries));
      ASSERT_FALSE(entries.empty());
      ASSERT_LE(entries.size(), kPostingsPerBlock);
      EXPECT_EQ(entries.front().variant_id, q.getColumn(0).getInt64());
      for (size_t k = 1; k < entries.size(); ++k) ASSERT_LT(entries[k - 1].variant_id, entries[k].variant_id);
      for (const PostingEntry& e : entries) indexed_variants.insert(e.variant_id);
    }
    std::set<int64_t> stored_variants;
    SQLite::Statement v(db, "SELECT id FROM variant");
    while (v.executeStep()) stored_variants.insert(v.getColumn(0).getInt64());
    EXPECT_EQ(indexed_variants, stored_variants);
  }
  const LanguagePair en_de{LanguageTag("en"), LanguageTag("de")};
  for (int i : {0, 1, 100, 255, 256, 300, 511, 512, 700, 767}) {
    const std::string query = "common word " + std::to_string(i);
    const LookupOptions options{.min_score = 0.6, .max_results = 1000};
    LookupOptions exhaustive = options;
    exhaustive.exhaustive = true;
    const std::vector<Match> indexed = store.Lookup(query, en_de, options);
    const std::vector<Match> scanned = store.Lookup(query, en_de, exhaustive);
    ASSERT_EQ(indexed.size(), units.size()) << query;
    ASSERT_EQ(scanned.size(), indexed.size()) << query;
    for (size_t k = 0; k < indexed.size(); ++k) ASSERT_EQ(indexed[k].unit_id, scanned[k].unit_id) << query;
    const bool was_changed = std::find(indices.begin(), indices.end(), i) != indices.end();
    EXPECT_EQ(indexed[0].target().text, (was_changed ? "neu " : "Wort ") + std::to_string(i)) << query;
  }
}

TEST(Store, ADamagedPostingBlockIsAStoreErrorNamingTheTm) {
  ScopedTempDir dir;
  const std::string path = (dir / "tm.tmkit").string();
  Store::Open(path).Import(std::vector{Pair("Print the document.", "Drucken Sie das Dokument.")}, {});
  {
    // A varint that never ends: what a damaged file could hold.
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    db.exec("UPDATE posting_block SET entries = x'FFFFFFFF'");
  }
  Store store = Store::Open(path);
  const LanguagePair en_de{LanguageTag("en"), LanguageTag("de")};
  try {
    store.Lookup("Print the document.", en_de, {});
    FAIL() << "no exception";
  } catch (const StoreError& e) {
    EXPECT_NE(
        std::string(e.what()).find(path + ": the candidate index is damaged (a posting block of token "),
        std::string::npos)
        << e.what();
  }
  // The units themselves are intact: the scan still finds them.
  EXPECT_EQ(store.Lookup("Print the document.", en_de, {.exhaustive = true}).size(), 1u);
  // An overwrite that must edit a damaged block fails the same way, and leaves the TM as it was.
  EXPECT_THROW(store.Import(std::vector{Pair("Print the document.", "Dokument drucken.")},
                            {.on_duplicate = OnDuplicate::kOverwrite}),
               StoreError);
  EXPECT_EQ(store.FindUnit(1)->variants[1].text, "Drucken Sie das Dokument.");
}

TEST(Store, StatsCountUnitsLanguagesAndPairs) {
  ScopedTempDir dir;
  Store store = Store::Open((dir / "tm.tmkit").string());
  TranslationUnit three = Pair("one", "eins");
  three.variants.push_back({.language = LanguageTag("fr"), .text = "un"});
  store.Import(std::vector{three, Pair("two", "zwei", "en-GB", "de"), Pair("three", "trois", "en", "fr")},
               {});
  const StoreStats stats = store.Stats();
  EXPECT_EQ(stats.schema_version, kSchemaVersion);
  EXPECT_EQ(stats.units, 3u);
  EXPECT_EQ(stats.variants, 7u);
  ASSERT_EQ(stats.languages.size(), 4u);
  EXPECT_EQ(stats.languages[0].language, "de");
  EXPECT_EQ(stats.languages[0].variants, 2u);
  EXPECT_EQ(stats.languages[1].language, "en");
  EXPECT_EQ(stats.languages[1].variants, 2u);
  EXPECT_EQ(stats.languages[2].language, "en-GB");
  EXPECT_EQ(stats.languages[3].language, "fr");
  ASSERT_EQ(stats.pairs.size(), 4u);
  EXPECT_EQ(stats.pairs[0].first + "|" + stats.pairs[0].second + "|" + std::to_string(stats.pairs[0].units),
            "de|en|1");
  EXPECT_EQ(stats.pairs[1].first + "|" + stats.pairs[1].second + "|" + std::to_string(stats.pairs[1].units),
            "de|en-GB|1");
  EXPECT_EQ(stats.pairs[2].first + "|" + stats.pairs[2].second + "|" + std::to_string(stats.pairs[2].units),
            "de|fr|1");
  EXPECT_EQ(stats.pairs[3].first + "|" + stats.pairs[3].second + "|" + std::to_string(stats.pairs[3].units),
            "en|fr|2");
  EXPECT_GT(stats.size_bytes, 0u);
}

TEST(Store, ExportFilterKeepsUnitsWithEveryLanguageAndOnlyThoseVariants) {
  ScopedTempDir dir;
  Store store = Store::Open((dir / "tm.tmkit").string());
  TranslationUnit three = Pair("one", "eins", "en-US", "de");
  three.variants.push_back({.language = LanguageTag("fr"), .text = "un"});
  store.Import(std::vector{three, Pair("three", "trois", "en", "fr")}, {});
  const std::vector<TranslationUnit> units =
      AllUnits(store, {.languages = {LanguageTag("en"), LanguageTag("de")}});
  ASSERT_EQ(units.size(), 1u);
  ASSERT_EQ(units[0].variants.size(), 2u);
  EXPECT_EQ(units[0].variants[0].language.str(), "en-US");
  EXPECT_EQ(units[0].variants[1].language.str(), "de");
}

TEST(Store, RecordUseCountsUses) {
  ScopedTempDir dir;
  const std::string path = (dir / "tm.tmkit").string();
  Store store = Store::Open(path);
  store.Import(std::vector{Pair("one", "eins")}, {});
  EXPECT_TRUE(store.RecordUse(1));
  EXPECT_TRUE(store.RecordUse(1));
  EXPECT_FALSE(store.RecordUse(2));
  SQLite::Database db(path);
  EXPECT_EQ(db.execAndGet("SELECT usage_count FROM unit WHERE id = 1").getInt(), 2);
}

}  // namespace
}  // namespace tmkit::tm
