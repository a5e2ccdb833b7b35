// Runs the built `tmkit align`: formats, batch mode, errors and exit codes.
#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "tests/support/test_support.h"

namespace tmkit {
namespace {

using Outcome = testing::ProgramRun;

// `tmkit align ARGS`, run from a fresh temp dir (which `dir` keeps).
Outcome Align(const std::string& args, const testing::ScopedTempDir& dir) {
  return testing::RunProgram(std::string(TMKIT_BINARY) + " align " + args, "", dir.path());
}

std::string Sample(const std::string& name) { return testing::SourcePath("samples/dprk-cuba/" + name).string(); }

TEST(AlignCli, BeadsOfTheSampleEqualTheGold) {
  testing::ScopedTempDir dir;
  const Outcome r = Align(Sample("en.sentences.txt") + " " + Sample("ko.sentences.txt") +
                              " --segmented --src-lang en --tgt-lang ko --format beads",
                          dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, testing::ReadFile(Sample("en-ko.gold")));
}

TEST(AlignCli, TsvIsTheDefaultAndHasThreeColumns) {
  testing::ScopedTempDir dir;
  testing::WriteFile(dir / "en.txt", "One sentence here.\nAnother one there.\n");
  testing::WriteFile(dir / "es.txt", "Una frase aquí.\nOtra\tfrase allí.\n");
  const Outcome r = Align("en.txt es.txt --segmented --src-lang en --tgt-lang es", dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // A tab inside a sentence becomes a space, so columns stay columns.
  EXPECT_NE(r.out.find("One sentence here.\tUna frase aquí.\t"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Another one there.\tOtra frase allí.\t"), std::string::npos) << r.out;
}

TEST(AlignCli, JsonChosenByExtensionHasBeadsTextsAndConfidence) {
  testing::ScopedTempDir dir;
  testing::WriteFile(dir / "en.txt", "One.\nTwo, three.\n");
  testing::WriteFile(dir / "es.txt", "Uno.\nDos, tres.\n");
  const Outcome r = Align("en.txt es.txt --segmented --src-lang en --tgt-lang es -o pairs.json", dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  const auto doc = nlohmann::json::parse(testing::ReadFile(dir / "pairs.json"));
  ASSERT_EQ(doc["beads"].size(), 2u);
  EXPECT_EQ(doc["beads"][1]["src"], nlohmann::json::array({1}));
  EXPECT_EQ(doc["beads"][1]["tgt_text"], "Dos, tres.");
  EXPECT_GE(doc["beads"][1]["confidence"].get<double>(), 0.0);
}

TEST(AlignCli, BatchWritesOneFilePerPair) {
  testing::ScopedTempDir dir;
  testing::WriteFile(dir / "a.en", "One.\nTwo.\n");
  testing::WriteFile(dir / "a.es", "Uno.\nDos.\n");
  testing::WriteFile(dir / "b.en", "Three.\n");
  testing::WriteFile(dir / "b.es", "Tres.\n");
  testing::WriteFile(dir / "pairs.tsv", "# source\ttarget\na.en\ta.es\nb.en\tb.es\n");
  const Outcome r = Align("--batch pairs.tsv --segmented --src-lang en --tgt-lang es --format beads -o result", dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(testing::ReadFile(dir / "result/a.beads"), "[0]:[0]\n[1]:[1]\n");
  EXPECT_EQ(testing::ReadFile(dir / "result/b.beads"), "[0]:[0]\n");
}

TEST(AlignCli, BadBatchLineNamesItsPlace) {
  testing::ScopedTempDir dir;
  testing::WriteFile(dir / "pairs.tsv", "a.en\ta.es\nonly-one-path\n");
  testing::WriteFile(dir / "a.en", "One.\n");
  testing::WriteFile(dir / "a.es", "Uno.\n");
  const Outcome r = Align("--batch pairs.tsv --src-lang en --tgt-lang es -o result", dir);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "tmkit: error: pairs.tsv:2:1: expected two paths separated by one tab\n");
}

TEST(AlignCli, UnwritableTmIsAnErrorNamingIt) {
  testing::ScopedTempDir dir;
  testing::WriteFile(dir / "en.txt", "One.\n");
  testing::WriteFile(dir / "es.txt", "Uno.\n");
  testing::WriteFile(dir / "not-a-tm.tmkit", "this is not an SQLite file, just text that is long enough to matter\n");
  const Outcome tm = Align("en.txt es.txt --src-lang en --tgt-lang es --tm not-a-tm.tmkit", dir);
  EXPECT_EQ(tm.exit_code, 1);
  EXPECT_NE(tm.err.find("not-a-tm.tmkit"), std::string::npos) << tm.err;
}

TEST(AlignCli, UsageErrorsExitWith2) {
  testing::ScopedTempDir dir;
  testing::WriteFile(dir / "en.txt", "One.\n");
  EXPECT_EQ(Align("en.txt --src-lang en --tgt-lang es", dir).exit_code, 2);
  EXPECT_EQ(Align("en.txt en.txt --tgt-lang es", dir).exit_code, 2);
  const Outcome bad_lang = Align("en.txt en.txt --src-lang 'e n' --tgt-lang es", dir);
  EXPECT_EQ(bad_lang.exit_code, 2);
  EXPECT_NE(bad_lang.err.find("see `tmkit align --help`"), std::string::npos) << bad_lang.err;
}

TEST(AlignCli, MissingFileIsAnIoError) {
  testing::ScopedTempDir dir;
  const Outcome r = Align("nothere.txt nothere.txt --src-lang en --tgt-lang es", dir);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "tmkit: error: nothere.txt: cannot open file\n");
}

TEST(AlignCli, DictionaryIsReadAndItsErrorsNamed) {
  testing::ScopedTempDir dir;
  testing::WriteFile(dir / "en.txt", "The house.\n\nThe light.\n");
  testing::WriteFile(dir / "es.txt", "La casa.\n\nLa luz.\n");
  const std::string dict = testing::SourcePath("tests/data/align/tiny.index").string();
  const Outcome good = Align("en.txt es.txt --src-lang en --tgt-lang es --format beads --dict " + dict, dir);
  ASSERT_EQ(good.exit_code, 0) << good.err;
  EXPECT_EQ(good.out, "[0]:[0]\n[1]:[1]\n");
  testing::WriteFile(dir / "bad.tsv", "house casa\n");
  const Outcome bad = Align("en.txt es.txt --src-lang en --tgt-lang es --dict bad.tsv", dir);
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_EQ(bad.err, "tmkit: error: bad.tsv:1:1: expected source<TAB>target\n");
  EXPECT_EQ(Align("en.txt es.txt --src-lang en --tgt-lang es --plain --dict bad.tsv", dir).exit_code, 2);
}

}  // namespace
}  // namespace tmkit
