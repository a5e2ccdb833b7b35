// Tests of pipeline::AlignDocuments and ReadSentenceLines, on the sample pair
// (gold-segmented, so that the result does not depend on the segmenter).
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <tuple>

#include "core/error.h"
#include "pipeline/align_documents.h"
#include "tests/support/test_support.h"

namespace tmkit::pipeline {
namespace {

using BeadKey = std::tuple<size_t, size_t, size_t, size_t>;

// The beads of a gold file ("[i,j]:[k]" a line) as (src_begin, src_count,
// tgt_begin, tgt_count).
std::set<BeadKey> ReadGold(const std::string& relative) {
  std::ifstream in(testing::SourcePath(relative));
  std::set<BeadKey> beads;
  std::string line;
  const std::regex bead(R"(\[([0-9,]*)\]:\[([0-9,]*)\])");
  while (std::getline(in, line)) {
    std::smatch m;
    if (!std::regex_search(line, m, bead)) continue;
    auto side = [](const std::string& s, size_t* begin) {
      size_t count = 0;
      size_t comma = 0;
      for (size_t start = 0; start < s.size(); start = comma + 1) {
        comma = s.find(',', start);
        if (comma == std::string::npos) comma = s.size();
        if (count++ == 0) *begin = std::stoul(s.substr(start, comma - start));
      }
      return count;
    };
    size_t sb = 0;
    size_t tb = 0;
    const size_t sc = side(m[1].str(), &sb);
    const size_t tc = side(m[2].str(), &tb);
    beads.insert({sb, sc, tb, tc});
  }
  return beads;
}

AlignedDocuments AlignSample(const std::string& target) {
  AlignDocumentsOptions options{.src_language = LanguageTag("en"), .tgt_language = LanguageTag(target),
                                .segmented = true};
  return AlignDocuments(testing::ReadFile(testing::SourcePath("samples/dprk-cuba/en.sentences.txt")),
                        testing::ReadFile(testing::SourcePath("samples/dprk-cuba/" + target + ".sentences.txt")),
                        options);
}

class SampleTest : public ::testing::TestWithParam<std::string> {};

TEST_P(SampleTest, MatchesTheGoldAlignmentExactly) {
  const std::string target = GetParam();
  const AlignedDocuments result = AlignSample(target);
  const std::set<BeadKey> gold = ReadGold("samples/dprk-cuba/en-" + target + ".gold");
  std::set<BeadKey> hyp;
  for (const align::Bead& b : result.alignment.beads) hyp.insert({b.src_begin, b.src_count, b.tgt_begin, b.tgt_count});
  EXPECT_EQ(hyp, gold);
}

TEST_P(SampleTest, MakesOneUnitPerTwoSidedBeadWithConfidence) {
  const AlignedDocuments result = AlignSample(GetParam());
  size_t two_sided = 0;
  for (const align::Bead& b : result.alignment.beads) two_sided += b.src_count > 0 && b.tgt_count > 0;
  ASSERT_EQ(result.units.size(), two_sided);
  const TranslationUnit& unit = result.units[0];
  ASSERT_EQ(unit.variants.size(), 2u);
  EXPECT_EQ(unit.variants[0].language, LanguageTag("en"));
  EXPECT_EQ(unit.variants[1].language, LanguageTag(GetParam()));
  EXPECT_EQ(unit.variants[0].text, result.src_segments[0].text);
  ASSERT_EQ(unit.properties.size(), 1u);
  EXPECT_EQ(unit.properties[0].type, kConfidenceProperty);
  const double confidence = std::stod(unit.properties[0].value);
  EXPECT_GE(confidence, 0.0);
  EXPECT_LE(confidence, 1.0);
}

INSTANTIATE_TEST_SUITE_P(EnglishTo, SampleTest, ::testing::Values("ko", "es"));

TEST(AlignDocumentsTest, MergedBeadsJoinTheirSentences) {
  const AlignedDocuments result = AlignSample("ko");
  // Gold [5,6]:[5]: two English sentences, one Korean.
  for (const TranslationUnit& unit : result.units) {
    if (unit.variants[1].text == result.tgt_segments[5].text) {
      EXPECT_EQ(unit.variants[0].text, result.src_segments[5].text + " " + result.src_segments[6].text);
      return;
    }
  }
  ADD_FAILURE() << "no unit for Korean sentence 5";
}

TEST(AlignDocumentsTest, MinConfidenceDropsUnits) {
  AlignDocumentsOptions options{.src_language = LanguageTag("en"), .tgt_language = LanguageTag("es"),
                                .segmented = true, .min_confidence = 1.01};
  const AlignedDocuments result = AlignDocuments("One.\nTwo.\n", "Uno.\nDos.\n", options);
  EXPECT_EQ(result.alignment.beads.size(), 2u);
  EXPECT_TRUE(result.units.empty());
}

TEST(ReadSentenceLinesTest, LinesAreSentencesAndBlankLinesSeparateParagraphs) {
  const std::string text = "  First one.\nSecond.\n\n \t\n\nThird é\xCC\x81.\n";
  const std::vector<Segment> s = ReadSentenceLines(text, "x");
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0].text, "First one.");
  EXPECT_EQ(s[0].begin, 2u);
  EXPECT_EQ(text.substr(s[2].begin, s[2].end - s[2].begin), s[2].text);
  EXPECT_EQ(s[0].paragraph, 0u);
  EXPECT_EQ(s[1].paragraph, 0u);
  EXPECT_EQ(s[2].paragraph, 1u);
  // "é" + combining acute composes to one code point under NFC: 9 in all.
  EXPECT_EQ(s[2].length, 9u);
}

TEST(AlignDocumentsTest, InvalidUtf8IsAParseErrorWithItsLocation) {
  AlignDocumentsOptions options{.src_language = LanguageTag("en"), .tgt_language = LanguageTag("ko"),
                                .src_name = "a.txt", .tgt_name = "b.txt"};
  try {
    AlignDocuments("Fine.\n", "Good.\nBad \xFF here.\n", options);
    FAIL() << "no exception";
  } catch (const ParseError& e) {
    EXPECT_STREQ(e.what(), "b.txt:2:5: invalid UTF-8 at byte 10");
  }
}

TEST(AlignDocumentsBatchTest, OneResultPerPairAndErrorsNameTheirFile) {
  const AlignDocumentsOptions options{.src_language = LanguageTag("en"), .tgt_language = LanguageTag("es"),
                                      .segmented = true};
  const std::vector<AlignedDocuments> results = AlignDocumentsBatch(
      {{"One.\nTwo.\n", "Uno.\nDos.\n", "a.en", "a.es"}, {"Three.\n", "Tres.\n", "b.en", "b.es"}}, options);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].units.size(), 2u);
  ASSERT_EQ(results[1].units.size(), 1u);
  EXPECT_EQ(results[1].units[0].variants[1].text, "Tres.");
  EXPECT_EQ(results[1].units[0].origin.file, "b.en");
  try {
    AlignDocumentsBatch({{"One.\n", "Uno.\n", "a.en", "a.es"}, {"Two.\n", "D\xC3os.\n", "b.en", "b.es"}}, options);
    FAIL() << "no exception";
  } catch (const ParseError& e) {
    EXPECT_STREQ(e.what(), "b.es:1:2: invalid UTF-8 at byte 1");
  }
}

}  // namespace
}  // namespace tmkit::pipeline
