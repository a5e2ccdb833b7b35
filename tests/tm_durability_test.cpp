// The TM survives an import killed at any moment (fork + SIGKILL), and
// readers keep working, on the last committed state, while an import runs.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/support/test_support.h"
#include "tests/tm_test_units.h"
#include "tm/store.h"

namespace tmkit::tm {
namespace {

using testing::ScopedTempDir;

const LanguagePair kEnDe{LanguageTag("en"), LanguageTag("de")};

TranslationUnit Numbered(const std::string& prefix, int i) {
  return Pair(prefix + " sentence number " + std::to_string(i) + " of the import.",
              "Satz " + std::to_string(i) + " (" + prefix + ").");
}

void ImportBase(const std::string& path, int count) {
  Store store = Store::Open(path);
  std::vector<TranslationUnit> units;
  for (int i = 0; i < count; ++i) units.push_back(Numbered("base", i));
  ASSERT_EQ(store.Import(units, {}).units_stored, static_cast<size_t>(count));
}

std::string IntegrityCheck(const std::string& path) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  return db.execAndGet("PRAGMA integrity_check").getString();
}

// Where the child is when the parent kills it.
enum class KillPoint {
  kMidImport,     // after `signal_after` units, while still adding
  kAroundCommit,  // just before Commit; the kill races the commit
  kAfterCommit,   // after Commit returned
};

// Forks a child that imports `total` units into `path` and tells the parent
// (through a pipe) when it reaches `point`; the parent then SIGKILLs it.
void ImportAndGetKilled(const std::string& path, int total, int signal_after, KillPoint point) {
  int ready[2];
  ASSERT_EQ(pipe(ready), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(ready[0]);
    // The child never returns into the test framework: any failure is an
    // exit code the parent does not need.
    Store store = Store::Open(path);
    ImportSession session = store.BeginImport({});
    auto tell_parent = [&]() {
      const char byte = 'k';
      if (write(ready[1], &byte, 1) != 1) _exit(3);
    };
    for (int i = 0; i < total; ++i) {
      session.Add(Numbered("killed", i));
      if (point == KillPoint::kMidImport && i + 1 == signal_after) tell_parent();
    }
    if (point == KillPoint::kAroundCommit) tell_parent();
    session.Commit();
    if (point == KillPoint::kAfterCommit) tell_parent();
    pause();  // wait for the kill
    _exit(0);
  }
  close(ready[1]);
  char byte = 0;
  ASSERT_EQ(read(ready[0], &byte, 1), 1);
  close(ready[0]);
  ASSERT_EQ(kill(child, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status));
}

TEST(Durability, ImportKilledMidwayLeavesTheTmAsBefore) {
  for (int signal_after : {1, 700, 2500}) {
    ScopedTempDir dir;
    const std::string path = (dir / "tm.tmkit").string();
    ImportBase(path, 50);
    ImportAndGetKilled(path, 3000, signal_after, KillPoint::kMidImport);
    EXPECT_EQ(IntegrityCheck(path), "ok");
    Store store = Store::Open(path);
    EXPECT_EQ(store.Stats().units, 50u) << "killed after " << signal_after;
    EXPECT_TRUE(store.Lookup("killed sentence number 0 of the import.", kEnDe, {.min_score = 0.9}).empty());
    EXPECT_EQ(store.Lookup("base sentence number 7 of the import.", kEnDe, {.min_score = 1.0}).size(), 1u);
    EXPECT_TRUE(store.Concordance("Satz 0 (killed)", LanguageTag("de"), {}).empty());
    // And the TM takes the next import.
    EXPECT_EQ(store.Import(std::vector{Numbered("next", 1)}, {}).units_stored, 1u);
  }
}

std::string JournalMode(const std::string& path) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  return db.execAndGet("PRAGMA journal_mode").getString();
}

// Into an empty TM with no other connection, an import runs with a rollback
// journal (Store::Impl::BeginImportSettings): a kill must still leave the
// TM as it was, and the next open must find it whole.
TEST(Durability, BulkLoadIntoAnEmptyTmKilledMidwayLeavesItEmpty) {
  for (int signal_after : {1, 2500}) {
    ScopedTempDir dir;
    const std::string path = (dir / "tm.tmkit").string();
    Store::Open(path);  // created, empty
    ImportAndGetKilled(path, 3000, signal_after, KillPoint::kMidImport);
    // The kill left a rollback journal, not a WAL: the bulk-load path ran.
    EXPECT_TRUE(std::filesystem::exists(path + "-journal"));
    EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
    EXPECT_EQ(IntegrityCheck(path), "ok");
    Store store = Store::Open(path);
    EXPECT_EQ(store.Stats().units, 0u) << "killed after " << signal_after;
    EXPECT_TRUE(store.Concordance("Satz 0 (killed)", LanguageTag("de"), {}).empty());
    EXPECT_EQ(store.Import(std::vector{Numbered("next", 1)}, {}).units_stored, 1u);
    EXPECT_EQ(store.Lookup("next sentence number 1 of the import.", kEnDe, {.min_score = 1.0}).size(), 1u);
  }
}

TEST(Durability, BulkLoadKilledAroundCommitHoldsAllOrNothing) {
  for (int round = 0; round < 3; ++round) {
    ScopedTempDir dir;
    const std::string path = (dir / "tm.tmkit").string();
    Store::Open(path);
    ImportAndGetKilled(path, 2000, 0, KillPoint::kAroundCommit);
    EXPECT_EQ(IntegrityCheck(path), "ok");
    Store store = Store::Open(path);
    const size_t units = store.Stats().units;
    EXPECT_TRUE(units == 0u || units == 2000u) << units;
    EXPECT_EQ(store.Concordance("Satz 1999 (killed)", LanguageTag("de"), {}).size(), units == 0u ? 0u : 1u);
  }
}

TEST(Durability, BulkLoadLeavesTheTmInWalModeAndWaitsForNoReader) {
  ScopedTempDir dir;
  const std::string path = (dir / "tm.tmkit").string();
  {
    Store store = Store::Open(path);
    store.Import(std::vector{Numbered("bulk", 1), Numbered("bulk", 2)}, {});
  }
  EXPECT_EQ(JournalMode(path), "wal");
  // A reader open on an empty TM keeps the import in WAL mode, so that it
  // reads the empty state all along.
  ScopedTempDir other;
  const std::string empty = (other / "tm.tmkit").string();
  Store writer = Store::Open(empty);
  Store reader = Store::Open(empty, {.read_only = true});
  EXPECT_EQ(reader.Stats().units, 0u);
  ImportSession session = writer.BeginImport({});
  for (int i = 0; i < 3000; ++i) session.Add(Numbered("new", i));
  EXPECT_EQ(reader.Stats().units, 0u);
  EXPECT_TRUE(reader.Concordance("(new)", LanguageTag("de"), {}).empty());
  session.Commit();
  EXPECT_EQ(reader.Stats().units, 3000u);
  EXPECT_EQ(JournalMode(empty), "wal");
}

TEST(Durability, ImportKilledAroundCommitHoldsAllOrNothing) {
  for (int round = 0; round < 3; ++round) {
    ScopedTempDir dir;
    const std::string path = (dir / "tm.tmkit").string();
    ImportBase(path, 50);
    ImportAndGetKilled(path, 2000, 0, KillPoint::kAroundCommit);
    EXPECT_EQ(IntegrityCheck(path), "ok");
    Store store = Store::Open(path);
    const size_t units = store.Stats().units;
    EXPECT_TRUE(units == 50u || units == 2050u) << units;
    const bool has_new =
        !store.Lookup("killed sentence number 1999 of the import.", kEnDe, {.min_score = 1.0}).empty();
    EXPECT_EQ(has_new, units == 2050u);
  }
}

TEST(Durability, ImportKilledAfterCommitKeepsEverything) {
  ScopedTempDir dir;
  const std::string path = (dir / "tm.tmkit").string();
  ImportBase(path, 50);
  ImportAndGetKilled(path, 1000, 0, KillPoint::kAfterCommit);
  EXPECT_EQ(IntegrityCheck(path), "ok");
  Store store = Store::Open(path);
  EXPECT_EQ(store.Stats().units, 1050u);
  EXPECT_EQ(store.Lookup("killed sentence number 999 of the import.", kEnDe, {.min_score = 1.0}).size(), 1u);
}

TEST(Durability, ReadersSeeTheLastCommittedStateWhileAnImportRuns) {
  ScopedTempDir dir;
  const std::string path = (dir / "tm.tmkit").string();
  ImportBase(path, 20);
  Store writer = Store::Open(path);
  Store reader = Store::Open(path, {.read_only = true});
  {
    ImportSession session = writer.BeginImport({});
    // Enough units that SQLite spills pages into the WAL before the commit.
    for (int i = 0; i < 5000; ++i) session.Add(Numbered("new", i));
    // Another connection, opened during the import, reads too.
    Store late_reader = Store::Open(path, {.read_only = true});
    for (const Store* r : {&reader, &late_reader}) {
      EXPECT_EQ(r->Stats().units, 20u);
      EXPECT_EQ(r->Lookup("base sentence number 3 of the import.", kEnDe, {.min_score = 1.0}).size(), 1u);
      EXPECT_TRUE(r->Lookup("new sentence number 3 of the import.", kEnDe, {.min_score = 1.0}).empty());
      EXPECT_TRUE(r->Concordance("(new)", LanguageTag("de"), {}).empty());
      EXPECT_EQ(r->FindUnit(21), std::nullopt);
    }
    session.Commit();
  }
  EXPECT_EQ(reader.Stats().units, 5020u);
  EXPECT_EQ(reader.Lookup("new sentence number 3 of the import.", kEnDe, {.min_score = 1.0}).size(), 1u);
  EXPECT_EQ(reader.Concordance("(new)", LanguageTag("de"), {.max_results = 10}).size(), 10u);
}

}  // namespace
}  // namespace tmkit::tm
