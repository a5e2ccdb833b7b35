// Runs the built `tmkit` binary: exit codes, stdout/stderr separation.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "tests/support/test_support.h"

namespace tmkit {
namespace {

using RunResult = testing::ProgramRun;

RunResult RunTmkit(const std::string& arguments, const std::string& stdin_text = "") {
  return testing::RunProgram(std::string(TMKIT_BINARY) + " " + arguments, stdin_text);
}

TEST(Cli, EveryVerbHasHelp) {
  for (const char* verb : {"segment", "align", "import", "export", "query", "concordance", "stats", "report"}) {
    RunResult result = RunTmkit(std::string(verb) + " --help");
    EXPECT_EQ(result.exit_code, 0) << verb;
    EXPECT_NE(result.out.find(verb), std::string::npos) << verb;
  }
}

TEST(Cli, UnknownFlagIsAUsageErrorWithHint) {
  RunResult result = RunTmkit("segment --lang en --no-such-flag");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("tmkit: error:"), std::string::npos);
  EXPECT_NE(result.err.find("see `tmkit segment --help`"), std::string::npos);
  EXPECT_EQ(result.out, "");
}

TEST(Cli, SegmentReadsStdinAndWritesOneSentenceALine) {
  RunResult result = RunTmkit("segment --lang en", "One here. Two there.\n\nThree.\n");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "One here.\nTwo there.\n\nThree.\n");
}

TEST(Cli, BadLanguageIsAUsageError) {
  RunResult result = RunTmkit("segment --lang 'not a tag'", "x");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("--lang: not a BCP 47 language tag"), std::string::npos);
}

TEST(Cli, MissingFileIsAnErrorNamingIt) {
  RunResult result = RunTmkit("segment --lang en /no/such/file.txt");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err, "tmkit: error: /no/such/file.txt: cannot open file\n");
}

TEST(Cli, InvalidUtf8IsAnErrorWithLocation) {
  RunResult result = RunTmkit("segment --lang en", "ok\nb\xFFx");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err, "tmkit: error: <stdin>:2:2: invalid UTF-8 at byte 4\n");
}

}  // namespace
}  // namespace tmkit

namespace tmkit {
namespace {

TEST(Cli, ImportPrintsASummaryAndExportWritesValidTmx) {
  testing::ScopedTempDir dir;
  const std::string tm = "--tm " + (dir / "tm.tmkit").string();
  const std::string good = testing::TestDataPath("tmx/inline_bpt_ept.tmx").string();
  const std::string bad_units = testing::TestDataPath("tmx/bad_units.tmx").string();
  RunResult imported = RunTmkit("import " + tm + " " + good + " " + bad_units);
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_NE(imported.out.find("units read: "), std::string::npos);
  EXPECT_NE(imported.out.find("skipped: 4"), std::string::npos) << imported.out;
  EXPECT_NE(imported.err.find("bad_units.tmx:10:5: tu 2: <tu> has 1 variant"), std::string::npos) << imported.err;

  const std::string exported = (dir / "out.tmx").string();
  RunResult export_run = RunTmkit("export " + tm + " -o " + exported);
  ASSERT_EQ(export_run.exit_code, 0) << export_run.err;
  const std::string tmx = testing::ReadFile(exported);
  EXPECT_NE(tmx.find("<tmx version=\"1.4\">"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(exported + ".partial"));
}

// `-o /dev/null` (or a pipe) must be written in place: renaming a finished
// file over it, as for a regular output, replaced /dev/null itself when run
// as root. Tested with a FIFO the test holds open, so nothing blocks.
TEST(Cli, ExportToAPipeWritesIntoItInsteadOfReplacingIt) {
  testing::ScopedTempDir dir;
  const std::string tm = "--tm " + (dir / "tm.tmkit").string();
  ASSERT_EQ(RunTmkit("import " + tm + " " + testing::TestDataPath("tmx/inline_bpt_ept.tmx").string()).exit_code, 0);
  const std::string fifo = (dir / "pipe").string();
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  // Read and write ends in one descriptor: the export's open never waits
  // for a reader, and the small TMX fits in the pipe's buffer.
  const int fd = open(fifo.c_str(), O_RDWR | O_NONBLOCK);
  ASSERT_GE(fd, 0);
  const RunResult run = RunTmkit("export " + tm + " -o " + fifo);
  std::string written(1 << 16, '\0');
  const ssize_t got = read(fd, written.data(), written.size());
  close(fd);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(std::filesystem::is_fifo(fifo));
  ASSERT_GT(got, 0);
  written.resize(static_cast<size_t>(got));
  EXPECT_NE(written.find("<tmx version=\"1.4\">"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(fifo + ".partial"));
}

TEST(Cli, StrictImportOfABadUnitExitsOneAndStoresNothing) {
  testing::ScopedTempDir dir;
  const std::string tm = "--tm " + (dir / "tm.tmkit").string();
  RunResult result = RunTmkit("import --strict " + tm + " " + testing::TestDataPath("tmx/bad_units.tmx").string());
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("tmkit: error: "), std::string::npos);
  RunResult stats = RunTmkit("stats " + tm);
  EXPECT_NE(stats.out.find("units: 0"), std::string::npos) << stats.out;
}

TEST(Cli, ExportOfAMissingTmIsAnError) {
  testing::ScopedTempDir dir;
  RunResult result = RunTmkit("export --tm " + (dir / "none.tmkit").string());
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("none.tmkit"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace tmkit

namespace tmkit {
namespace {

TEST(Cli, AlignStoresPairsInTheTmAndWritesTheReviewPage) {
  testing::ScopedTempDir dir;
  const std::string en = testing::SourcePath("samples/dprk-cuba/en.txt").string();
  const std::string es = testing::SourcePath("samples/dprk-cuba/es.txt").string();
  const std::string tm = (dir / "tm.tmkit").string();
  const std::string page = (dir / "review.html").string();
  RunResult aligned = RunTmkit("align " + en + " " + es + " --src-lang en --tgt-lang es --format tsv --tm " + tm +
                               " --report " + page);
  ASSERT_EQ(aligned.exit_code, 0) << aligned.err;
  // Two-sided beads of the gold: 16 English and 16 Spanish sentences with two
  // merges and two splits give 14 pairs.
  EXPECT_NE(aligned.err.find("stored 14 pairs in " + tm), std::string::npos) << aligned.err;
  const std::string html = testing::ReadFile(page);
  EXPECT_NE(html.find("<title>Alignment review: " + en), std::string::npos);

  RunResult query = RunTmkit("query --tm " + tm + " --from en --to es --json", "Since then the history of friendship between the two countries began.\n");
  ASSERT_EQ(query.exit_code, 0) << query.err;
  EXPECT_NE(query.out.find("\"score\":100"), std::string::npos) << query.out;
}

TEST(Cli, AlignWritesTmxThatReadsBackAsItsPairs) {
  testing::ScopedTempDir dir;
  const std::string en = testing::SourcePath("samples/dprk-cuba/en.sentences.txt").string();
  const std::string ko = testing::SourcePath("samples/dprk-cuba/ko.sentences.txt").string();
  const std::string tmx = (dir / "pairs.tmx").string();
  RunResult aligned = RunTmkit("align --segmented " + en + " " + ko + " --src-lang en --tgt-lang ko -o " + tmx);
  ASSERT_EQ(aligned.exit_code, 0) << aligned.err;
  const std::string text = testing::ReadFile(tmx);
  EXPECT_NE(text.find("<prop type=\"x-tmkit-confidence\">"), std::string::npos);
  EXPECT_NE(text.find("<seg>이때부터 두 나라 사이의 친선의 역사가 시작되었다.</seg>"), std::string::npos);
  size_t units = 0;
  for (size_t at = text.find("<tu"); at != std::string::npos; at = text.find("<tu", at + 1)) {
    if (text.compare(at, 4, "<tu>") == 0 || text.compare(at, 4, "<tu ") == 0) ++units;
  }
  EXPECT_EQ(units, 14u);
}

}  // namespace
}  // namespace tmkit
