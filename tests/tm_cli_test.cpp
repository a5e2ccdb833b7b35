// The TM verbs of the `tmkit` binary (query, concordance, stats) on a TM
// built through the Store API.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/support/test_support.h"
#include "tests/tm_test_units.h"
#include "tm/store.h"

namespace tmkit::tm {
namespace {

class TmCli : public ::testing::Test {
 protected:
  void SetUp() override {
    Store store = Store::Open(tm_path());
    TranslationUnit tagged = Pair("Press Enter to continue.", "Drücken Sie die Eingabetaste.");
    tagged.variants[0].inline_tags = {{InlineTagKind::kPh, 6, "<ph>&lt;kbd&gt;</ph>"}};
    store.Import(std::vector{Pair("Open the file.", "Öffnen Sie die Datei."),
                             Pair("Delete 3 files now.", "Jetzt 3 Dateien löschen.", "en-US", "de"), tagged},
                 {});
  }

  std::string tm_path() const { return (dir_ / "tm.tmkit").string(); }

  // Runs tmkit with `arguments` (shell words) and `input` on stdin; sets
  // out_, err_ and returns the exit code.
  int Run(const std::string& arguments, const std::string& input = "") {
    const testing::ProgramRun run = testing::RunProgram(std::string(TMKIT_BINARY) + " " + arguments, input);
    out_ = run.out;
    err_ = run.err;
    return run.exit_code;
  }

  std::vector<nlohmann::json> JsonLines() const {
    std::vector<nlohmann::json> lines;
    std::istringstream in(out_);
    for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
    return lines;
  }

  testing::ScopedTempDir dir_;
  std::string out_;
  std::string err_;
};

TEST_F(TmCli, QueryShowsScoreKindAndTheMarkedDifference) {
  ASSERT_EQ(Run("query --tm " + tm_path() + " --from en --to de 'Open the folder.'"), 0) << err_;
  EXPECT_EQ(out_,
            "75% fuzzy #1 (en → de) differs in: words\n"
            "  source: Open the [-file-]{+folder+}.\n"
            "  target: Öffnen Sie die Datei.\n");
}

TEST_F(TmCli, QueryJsonWritesOneObjectPerLineEvenWithoutMatches) {
  ASSERT_EQ(Run("query --tm " + tm_path() + " --from en --to de --json --min 50",
                "Open the folder.\nnothing like it\nDelete 4 files now.\nPress Enter to continue.\n"),
            0)
      << err_;
  // The exact bytes of the example in docs/usage.md.
  EXPECT_EQ(
      out_.substr(0, out_.find('\n')),
      R"({"matches":[{"diff":[{"op":"replace","query":"folder","source":"file"}],"differences":["words"],)"
      R"("id":1,"kind":"fuzzy","score":75.0,"source":"Open the file.","source_language":"en",)"
      R"("target":"Öffnen Sie die Datei.","target_language":"de"}],"query":"Open the folder."})");
  const std::vector<nlohmann::json> lines = JsonLines();
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0]["query"], "Open the folder.");
  ASSERT_EQ(lines[0]["matches"].size(), 1u);
  EXPECT_EQ(lines[0]["matches"][0]["id"], 1);
  EXPECT_EQ(lines[0]["matches"][0]["score"], 75.0);
  EXPECT_EQ(lines[0]["matches"][0]["source"], "Open the file.");
  EXPECT_EQ(lines[0]["matches"][0]["target"], "Öffnen Sie die Datei.");
  EXPECT_EQ(lines[0]["matches"][0]["diff"],
            nlohmann::json::parse(R"([{"op": "replace", "source": "file", "query": "folder"}])"));
  EXPECT_EQ(lines[1], nlohmann::json::parse(R"({"query": "nothing like it", "matches": []})"));
  EXPECT_EQ(lines[2]["matches"][0]["differences"], nlohmann::json::parse(R"(["numbers"])"));
  EXPECT_EQ(lines[2]["matches"][0]["source_language"], "en-US");
  EXPECT_EQ(lines[2]["matches"][0]["score"], 80.0);
  EXPECT_EQ(lines[3]["matches"][0]["kind"], "near-exact");
  EXPECT_EQ(lines[3]["matches"][0]["score"], 99.0);
  EXPECT_EQ(lines[3]["matches"][0]["differences"], nlohmann::json::parse(R"(["tags"])"));
}

TEST_F(TmCli, QueryReportsABadLineAndGoesOn) {
  EXPECT_EQ(Run("query --tm " + tm_path() + " --from en --to de --json", "bad \xFF line\nOpen the file.\n"),
            1);
  const std::vector<nlohmann::json> lines = JsonLines();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["error"], "query: invalid UTF-8 at byte 4");
  EXPECT_EQ(lines[0]["matches"].size(), 0u);
  EXPECT_EQ(lines[1]["matches"][0]["kind"], "exact");
  EXPECT_EQ(lines[1]["matches"][0]["score"], 100.0);
}

TEST_F(TmCli, QueryOnAMissingTmFailsNamingIt) {
  const std::string missing = (dir_ / "missing.tmkit").string();
  EXPECT_EQ(Run("query --tm " + missing + " --from en --to de hello"), 1);
  EXPECT_EQ(err_, "tmkit: error: " + missing + ": no translation memory at this path\n");
  EXPECT_EQ(Run("query --tm " + tm_path() + " --from 'e n' --to de hello"), 2);
}

TEST_F(TmCli, ConcordanceHighlightsHitsAndShowsTheTranslation) {
  ASSERT_EQ(Run("concordance --tm " + tm_path() + " --lang en FILE"), 0) << err_;
  EXPECT_EQ(out_,
            "#1 en: Open the [file].\n  de: Öffnen Sie die Datei.\n#2 en-US: Delete 3 [file]s now.\n"
            "  de: Jetzt 3 Dateien löschen.\n");
  ASSERT_EQ(Run("concordance --tm " + tm_path() + " --lang en 'NOT \"file*'"), 0) << err_;
  EXPECT_EQ(out_, "");
}

TEST_F(TmCli, StatsPrintsThePathAndWhatTheTmHolds) {
  ASSERT_EQ(Run("stats --tm " + tm_path()), 0) << err_;
  EXPECT_NE(out_.find("tm: " + tm_path() + "\nschema version: " + std::to_string(kSchemaVersion) + "\n"),
            std::string::npos)
      << out_;
  EXPECT_NE(out_.find("units: 3\nvariants: 6\n"), std::string::npos) << out_;
  EXPECT_NE(out_.find("  de ↔ en-US: 1 unit\n"), std::string::npos) << out_;
  // Without --tm: the default path, here from $TMKIT_TM.
  const std::string fresh = (dir_ / "fresh.tmkit").string();
  setenv("TMKIT_TM", fresh.c_str(), 1);
  ASSERT_EQ(Run("stats"), 0);
  unsetenv("TMKIT_TM");
  EXPECT_EQ(out_, "tm: " + fresh + "\nno translation memory there yet (`tmkit import` creates it)\n");
}

}  // namespace
}  // namespace tmkit::tm
