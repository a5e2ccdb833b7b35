// `tmkit segment` end to end: --srx, --lenient, --format json, soft wraps.
#include <gtest/gtest.h>

#include <string>

#include "tests/support/test_support.h"

namespace tmkit {
namespace {

using Outcome = testing::ProgramRun;

Outcome Segment(const std::string& flags, const std::string& input) {
  testing::ScopedTempDir dir;
  testing::WriteFile(dir / "in.txt", input);
  Outcome outcome =
      testing::RunProgram(std::string(TMKIT_BINARY) + " segment " + flags + " " + (dir / "in.txt").string());
  // Paths of the temp dir vary: make them stable for comparisons.
  for (std::string* text : {&outcome.out, &outcome.err}) {
    for (size_t at; (at = text->find((dir / "in.txt").string())) != std::string::npos;) {
      text->replace(at, (dir / "in.txt").string().size(), "IN");
    }
  }
  return outcome;
}

TEST(SegmentCommand, SoftWrappedSentenceIsPrintedOnOneLine) {
  Outcome result = Segment("--lang en", "A sentence that\nwraps. Next one.\n");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "A sentence that wraps.\nNext one.\n");
}

TEST(SegmentCommand, JsonKeepsExactOffsetsAndLineBreaks) {
  Outcome result = Segment("--lang en --format json", "Dr. Li\ncame. Bye.");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("\"text\": \"Dr. Li\\ncame.\""), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("\"begin\": 13"), std::string::npos) << result.out;
}

TEST(SegmentCommand, InvalidUtf8FailsWithLocation) {
  Outcome result = Segment("--lang en", "Fine.\nBad \xC3 here.");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err, "tmkit: error: IN:2:5: invalid UTF-8 at byte 10\n");
  EXPECT_EQ(result.out, "");
}

TEST(SegmentCommand, LenientReplacesInvalidUtf8AndWarns) {
  Outcome result = Segment("--lang en --lenient", "Fine.\nBad \xC3 here.");
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.err, "tmkit: warning: IN:2:5: invalid UTF-8 at byte 10 (and maybe later) replaced with U+FFFD\n");
  EXPECT_EQ(result.out, "Fine.\nBad \xEF\xBF\xBD here.\n");
}

TEST(SegmentCommand, SrxFileReplacesTheBuiltInRules) {
  testing::ScopedTempDir dir;
  testing::WriteFile(dir / "r.srx", R"(<srx version="2.0"><body><languagerules>
<languagerule languagerulename="Mine"><rule break="yes"><beforebreak>,</beforebreak><afterbreak>\s</afterbreak></rule>
</languagerule></languagerules><maprules><languagemap languagepattern=".*" languagerulename="Mine"/></maprules>
</body></srx>)");
  Outcome result = Segment("--lang en --srx " + (dir / "r.srx").string(), "One, two.");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "One,\ntwo.\n");
}

TEST(SegmentCommand, SrxPlainBreaksOnlyWhereARuleSaysSo) {
  testing::ScopedTempDir dir;
  testing::WriteFile(dir / "r.srx", R"(<srx version="2.0"><body><languagerules>
<languagerule languagerulename="Mine"><rule break="yes"><beforebreak>!</beforebreak><afterbreak>\s</afterbreak></rule>
</languagerule></languagerules><maprules><languagemap languagepattern=".*" languagerulename="Mine"/></maprules>
</body></srx>)");
  Outcome result = Segment("--lang en --srx-plain --srx " + (dir / "r.srx").string(), "One. Two! Three.");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "One. Two!\nThree.\n");
}

TEST(SegmentCommand, BadSrxFileIsAnErrorNamingItsLocation) {
  testing::ScopedTempDir dir;
  testing::WriteFile(dir / "r.srx", "<srx>\n<body>\n</srx>");
  Outcome result = Segment("--lang en --srx " + (dir / "r.srx").string(), "One.");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err, "tmkit: error: " + (dir / "r.srx").string() + ":3:3: malformed XML: Start-end tags mismatch\n");
}

}  // namespace
}  // namespace tmkit
