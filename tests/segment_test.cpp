#include <gtest/gtest.h>

#include "core/error.h"
#include "segment/segmenter.h"
#include "tests/support/test_support.h"

namespace tmkit::segment {
namespace {

std::vector<std::string> Texts(const std::vector<Segment>& segments) {
  std::vector<std::string> texts;
  for (const Segment& s : segments) texts.push_back(s.text);
  return texts;
}

TEST(Segmenter, BlankLinesSeparateParagraphs) {
  const std::string text = "Title\n\nFirst one. Second one.\n \t\nThird.";
  std::vector<Segment> sentences = SplitSentences(text, {.language = LanguageTag("en")});
  EXPECT_EQ(Texts(sentences), (std::vector<std::string>{"Title", "First one.", "Second one.", "Third."}));
  std::vector<size_t> paragraphs;
  for (const Segment& s : sentences) paragraphs.push_back(s.paragraph);
  EXPECT_EQ(paragraphs, (std::vector<size_t>{0, 1, 1, 2}));
}

TEST(Segmenter, OffsetsSliceBackToText) {
  testing::TextGenerator generator(7);
  std::string text;
  for (int i = 0; i < 200; ++i) {
    text += generator.Sentence(1, 12);
    text += generator.Uniform(0, 5) == 0 ? "\n\n" : "  ";
  }
  std::vector<Segment> sentences = SplitSentences(text, {.language = LanguageTag("en")});
  ASSERT_FALSE(sentences.empty());
  size_t previous_end = 0;
  for (const Segment& s : sentences) {
    EXPECT_EQ(text.substr(s.begin, s.end - s.begin), s.text);
    EXPECT_GE(s.begin, previous_end);
    EXPECT_EQ(s.length, s.text.size());  // ASCII: code points == bytes
    previous_end = s.end;
  }
}

TEST(Segmenter, InvalidUtf8NamesTheOffset) {
  try {
    SplitSentences("Good.\xFF Bad.", {.language = LanguageTag("en")});
    FAIL();
  } catch (const ParseError& e) {
    EXPECT_EQ(e.location().offset_bytes, 5);
  }
}

TEST(Segmenter, LengthCountsCodePoints) {
  std::vector<Segment> sentences = SplitSentences("평양에서 회담했다.", {.language = LanguageTag("ko")});
  ASSERT_EQ(sentences.size(), 1u);
  EXPECT_EQ(sentences[0].length, 10u);
}

}  // namespace
}  // namespace tmkit::segment
