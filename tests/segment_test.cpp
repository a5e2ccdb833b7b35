// The Segmenter's contract: paragraphs, offsets, lengths, lists, soft wraps,
// invalid UTF-8, and the sample documents. Phenomena per language are in
// segment_cases_test.cpp; SRX files in srx_test.cpp.
#include <gtest/gtest.h>

#include <random>
#include <sstream>

#include "core/error.h"
#include "segment/segmenter.h"
#include "tests/segment_test_util.h"
#include "tests/support/test_support.h"
#include "text/unicode.h"

namespace tmkit::segment {
namespace {

SegmenterOptions English() { return {.language = LanguageTag("en")}; }

TEST(Segmenter, BlankLinesSeparateParagraphs) {
  const std::string text = "Title\n\nFirst one. Second one.\n \t\nThird.";
  std::vector<Segment> sentences = SplitSentences(text, English());
  EXPECT_EQ(Texts(sentences), (std::vector<std::string>{"Title", "First one.", "Second one.", "Third."}));
  std::vector<size_t> paragraphs;
  for (const Segment& s : sentences) paragraphs.push_back(s.paragraph);
  EXPECT_EQ(paragraphs, (std::vector<size_t>{0, 1, 1, 2}));
}

TEST(Segmenter, SoftWrappedSentenceKeepsItsLineBreakAndOffsets) {
  const std::string text = "This sentence wraps\nonto a second line. Then another.";
  std::vector<Segment> sentences = SplitSentences(text, English());
  ASSERT_EQ(sentences.size(), 2u);
  EXPECT_EQ(sentences[0].text, "This sentence wraps\nonto a second line.");
  EXPECT_EQ(sentences[0].begin, 0u);
  EXPECT_EQ(sentences[1].begin, text.find("Then"));
}

TEST(Segmenter, CrLfLineEndsAreSoftWrapsToo) {
  std::vector<Segment> sentences = SplitSentences("One line\r\ncontinues here. Next.\r\n\r\nNew paragraph.", English());
  EXPECT_EQ(Texts(sentences),
            (std::vector<std::string>{"One line\r\ncontinues here.", "Next.", "New paragraph."}));
  EXPECT_EQ(sentences[2].paragraph, 1u);
}

TEST(Segmenter, LinesWithListMarkersAreSeparateItems) {
  std::vector<Segment> sentences = SplitSentences("Steps:\n1. open it\n2. close it\n(3) done", English());
  EXPECT_EQ(Texts(sentences), (std::vector<std::string>{"Steps:", "1. open it", "2. close it", "(3) done"}));
}

TEST(Segmenter, ListItemContinuationLineIsASoftWrap) {
  std::vector<Segment> sentences =
      SplitSentences("- the first item is long and\n  goes on here\n- second item", English());
  EXPECT_EQ(Texts(sentences),
            (std::vector<std::string>{"- the first item is long and\n  goes on here", "- second item"}));
}

TEST(Segmenter, ListDetectionCanBeTurnedOff) {
  SegmenterOptions options = English();
  options.detect_lists = false;
  std::vector<Segment> sentences = SplitSentences("Apples\nPears\nPlums", options);
  EXPECT_EQ(Texts(sentences), (std::vector<std::string>{"Apples\nPears\nPlums"}));
  EXPECT_EQ(Texts(SplitSentences("Apples\nPears\nPlums", English())),
            (std::vector<std::string>{"Apples", "Pears", "Plums"}));
}

TEST(Segmenter, InvalidUtf8NamesTheOffset) {
  try {
    SplitSentences("Good.\nBad \xFF here.", English());
    FAIL() << "no exception";
  } catch (const ParseError& e) {
    EXPECT_EQ(e.message(), "invalid UTF-8 at byte 10");
    EXPECT_EQ(e.location().offset_bytes, 10);
    EXPECT_EQ(e.location().line, 2);
    EXPECT_EQ(e.location().column, 5);
  }
}

TEST(Segmenter, LengthCountsCodePointsAfterNfc) {
  std::vector<Segment> sentences = SplitSentences("평양에서 회담했다.", {.language = LanguageTag("ko")});
  ASSERT_EQ(sentences.size(), 1u);
  EXPECT_EQ(sentences[0].length, 10u);
  // "e" + combining acute (2 code points) is "é" (1) after NFC.
  sentences = SplitSentences("Caf\x65\xCC\x81 ouvert.", {.language = LanguageTag("fr")});
  ASSERT_EQ(sentences.size(), 1u);
  EXPECT_EQ(sentences[0].length, 12u);
}

TEST(Segmenter, EmptyAndBlankInputGiveNoSegments) {
  EXPECT_TRUE(SplitSentences("", English()).empty());
  EXPECT_TRUE(SplitSentences(" \n\t\n  ", English()).empty());
}

TEST(Segmenter, IsReusableAcrossTexts) {
  Segmenter segmenter(English());
  EXPECT_EQ(Texts(segmenter.Split("Mr. Lee left. He came back.")),
            (std::vector<std::string>{"Mr. Lee left.", "He came back."}));
  EXPECT_EQ(Texts(segmenter.Split("One. Two.")), (std::vector<std::string>{"One.", "Two."}));
}

TEST(Segmenter, SinkReceivesTheSameSegmentsInOrder) {
  const std::string text = "Mr. Lee left.\n\nHe came back. Then he sat.";
  Segmenter segmenter(English());
  std::vector<Segment> streamed;
  segmenter.Split(text, [&streamed](Segment&& s) { streamed.push_back(std::move(s)); });
  const std::vector<Segment> collected = segmenter.Split(text);
  ASSERT_EQ(streamed.size(), collected.size());
  for (size_t i = 0; i < streamed.size(); ++i) {
    EXPECT_EQ(streamed[i].text, collected[i].text);
    EXPECT_EQ(streamed[i].begin, collected[i].begin);
    EXPECT_EQ(streamed[i].paragraph, collected[i].paragraph);
  }
  EXPECT_EQ(Texts(collected), (std::vector<std::string>{"Mr. Lee left.", "He came back.", "Then he sat."}));
}

TEST(Segmenter, CascadeNamesTheRuleSetsApplied) {
  EXPECT_EQ(Segmenter({.language = LanguageTag("de-AT")}).rule_sets(),
            (std::vector<std::string>{"Leading", "German", "Common"}));
  EXPECT_EQ(Segmenter({.language = LanguageTag("sv")}).rule_sets(),
            (std::vector<std::string>{"Leading", "Generic", "Common"}));
  EXPECT_EQ(Segmenter({}).rule_sets(), (std::vector<std::string>{"Leading", "Generic", "Common"}));
}

TEST(Segmenter, SupplementaryCharactersKeepOffsetsExact) {
  const std::string text = "The emoji \xF0\x9F\x98\x80 is here. Next \xF0\x9D\x90\x80 one.";
  std::vector<Segment> sentences = SplitSentences(text, English());
  ASSERT_EQ(sentences.size(), 2u);
  for (const Segment& s : sentences) EXPECT_EQ(text.substr(s.begin, s.end - s.begin), s.text);
  EXPECT_EQ(sentences[0].length, 20u);
}

// A generator of messy multilingual text: sentences in several scripts,
// abbreviations, quotes, list lines, CRLF and wrapped lines, full-width and
// supplementary characters, odd white space.
std::string MessyText(uint32_t seed) {
  testing::TextGenerator generator(seed);
  static const std::vector<std::string> pieces = {
      "Mr. ", "U.S. ", "e.g. ", "3.14 ", "\xE2\x80\xA6 ", "\"", "\xE2\x80\x9D ", "(", ") ", "! ", "? ", ". ",
      "\n", "\r\n", "\n\n", "\n- ", "\n1. ", "\xE3\x80\x82", "\xEF\xBC\x81", "\xE4\xBD\xA0\xE5\xA5\xBD",
      "\xED\x95\x9C\xEA\xB5\xAD ", "\xF0\x9F\x98\x80", "\xC2\xA0", "\xE3\x80\x80", "e\xCC\x81", "\xC2\xBB ",
      "\xC2\xAB ", "www.x.org/?q=A ", "a@b.Com ", "\t", "  ", "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82. "};
  std::string text;
  for (int i = 0; i < 300; ++i) {
    if (generator.Uniform(0, 2) == 0) {
      text += pieces[generator.Uniform(0, static_cast<uint32_t>(pieces.size() - 1))];
    } else {
      text += generator.Sentence(1, 6);
      text += " ";
    }
  }
  return text;
}

TEST(Segmenter, PropertyOffsetsSliceBackToTextOnGeneratedInput) {
  for (const char* language : {"en", "de", "fr", "zh", "ja", "ko", "ru", "el", "hy", "und"}) {
    Segmenter segmenter({.language = LanguageTag(language)});
    for (uint32_t seed = 1; seed <= 20; ++seed) {
      const std::string text = MessyText(seed);
      std::vector<Segment> sentences = segmenter.Split(text);
      ASSERT_FALSE(sentences.empty());
      size_t previous_end = 0;
      size_t previous_paragraph = 0;
      for (const Segment& s : sentences) {
        ASSERT_LE(s.end, text.size());
        EXPECT_EQ(text.substr(s.begin, s.end - s.begin), s.text) << language << " seed " << seed;
        EXPECT_GE(s.begin, previous_end);
        EXPECT_LT(s.begin, s.end);
        EXPECT_GE(s.paragraph, previous_paragraph);
        EXPECT_EQ(s.length, text::CountCodePoints(text::Nfc(s.text)));
        EXPECT_FALSE(text::FindInvalidUtf8(s.text).has_value());
        // Trimmed: no white space at either end (ASCII, NBSP, ideographic).
        for (std::string_view space : {" ", "\t", "\n", "\r", "\xC2\xA0", "\xE3\x80\x80"}) {
          EXPECT_FALSE(s.text.starts_with(space)) << s.text;
          EXPECT_FALSE(s.text.ends_with(space)) << s.text;
        }
        EXPECT_EQ(s.text.find("\n\n"), std::string::npos);
        previous_end = s.end;
        previous_paragraph = s.paragraph;
      }
    }
  }
}

// Any valid UTF-8 (random scalar values from all planes, controls and
// unassigned ones included) segments without failing, and keeps the
// offset invariant.
TEST(Segmenter, PropertyRandomCodePointsNeverBreakTheInvariants) {
  std::mt19937 rng(3);
  for (const char* language : {"en", "zh", "ja", "el", "und"}) {
    Segmenter segmenter({.language = LanguageTag(language)});
    for (int round = 0; round < 30; ++round) {
      std::u32string code_points;
      for (int i = 0; i < 400; ++i) {
        const uint32_t kind = rng() % 4;
        uint32_t c = kind == 0 ? rng() % 0x80 : kind == 1 ? rng() % 0x3000 : kind == 2 ? rng() % 0x10000 : rng() % 0x110000;
        if (c >= 0xD800 && c <= 0xDFFF) c = ' ';
        code_points.push_back(c);
      }
      std::string text;
      for (char32_t c : code_points) {
        if (c < 0x80) {
          text += static_cast<char>(c);
        } else if (c < 0x800) {
          text += static_cast<char>(0xC0 | (c >> 6));
          text += static_cast<char>(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
          text += static_cast<char>(0xE0 | (c >> 12));
          text += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
          text += static_cast<char>(0x80 | (c & 0x3F));
        } else {
          text += static_cast<char>(0xF0 | (c >> 18));
          text += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
          text += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
          text += static_cast<char>(0x80 | (c & 0x3F));
        }
      }
      ASSERT_FALSE(text::FindInvalidUtf8(text).has_value());
      size_t previous_end = 0;
      for (const Segment& s : segmenter.Split(text)) {
        ASSERT_LE(s.end, text.size());
        EXPECT_EQ(text.substr(s.begin, s.end - s.begin), s.text);
        EXPECT_GE(s.begin, previous_end);
        previous_end = s.end;
      }
    }
  }
}

TEST(Segmenter, PropertyGeneratedEnglishSentencesComeBackOneByOne) {
  testing::TextGenerator generator(11);
  std::vector<std::string> expected;
  std::string text;
  while (expected.size() < 300) {
    std::string sentence = generator.Sentence(2, 15);
    // A one-letter last word reads as an initial ("... lorigorbi e."): skip.
    if (sentence[sentence.size() - 3] == ' ') continue;
    expected.push_back(sentence);
    text += expected.back() + (generator.Uniform(0, 3) == 0 ? "\n" : " ");
  }
  // Line ends after a full stop: soft wraps, still one sentence each.
  EXPECT_EQ(Texts(SplitSentences(text, {.language = LanguageTag("en"), .detect_lists = false})), expected);
}

std::string Flatten(const std::vector<Segment>& segments) {
  std::string out;
  for (size_t i = 0; i < segments.size(); ++i) {
    if (i > 0 && segments[i].paragraph != segments[i - 1].paragraph) out += "\n";
    out += segments[i].text + "\n";
  }
  return out;
}

class SampleDocument : public ::testing::TestWithParam<std::string> {};

TEST_P(SampleDocument, SegmentsExactlyIntoTheGoldSentences) {
  const std::string language = GetParam();
  const std::string text = testing::ReadFile(testing::SourcePath("samples/dprk-cuba/" + language + ".txt"));
  const std::string gold = testing::ReadFile(testing::SourcePath("samples/dprk-cuba/" + language + ".sentences.txt"));
  EXPECT_EQ(Flatten(SplitSentences(text, {.language = LanguageTag(language)})), gold);
}

INSTANTIATE_TEST_SUITE_P(DprkCuba, SampleDocument, ::testing::Values("en", "ko", "es"));

}  // namespace
}  // namespace tmkit::segment
