#include <gtest/gtest.h>

#include "text/unicode.h"

namespace tmkit::text {
namespace {

TEST(Utf8, FindsFirstInvalidByte) {
  EXPECT_EQ(FindInvalidUtf8("plain ascii"), std::nullopt);
  EXPECT_EQ(FindInvalidUtf8("한국어 español"), std::nullopt);
  EXPECT_EQ(FindInvalidUtf8("ab\xFF"), 2u);
  EXPECT_EQ(FindInvalidUtf8("ab\xC3"), 2u);              // truncated sequence
  EXPECT_EQ(FindInvalidUtf8("x\xC0\xAF"), 1u);           // overlong "/"
  EXPECT_EQ(FindInvalidUtf8("x\xED\xA0\x80"), 1u);       // encoded surrogate
  EXPECT_EQ(FindInvalidUtf8("\xF4\x90\x80\x80"), 0u);    // above U+10FFFF
}

TEST(Utf8, CheckReportsLineColumnAndOffset) {
  try {
    CheckUtf8("first line\nsé\xFFx", {.file = "in.txt"});
    FAIL() << "expected a ParseError";
  } catch (const ParseError& e) {
    EXPECT_STREQ(e.what(), "in.txt:2:3: invalid UTF-8 at byte 14");
    EXPECT_EQ(e.location().offset_bytes, 14);
  }
}

TEST(Utf8, ReplacesInvalidSequences) {
  EXPECT_EQ(ReplaceInvalidUtf8("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(ReplaceInvalidUtf8("ok é"), "ok é");
}

TEST(Unicode, NfcComposesDecomposedText) {
  EXPECT_EQ(Nfc("e\xCC\x81"), "\xC3\xA9");  // e + combining acute → é
  EXPECT_EQ(Nfc("already"), "already");
}

TEST(Unicode, CountsCodePointsAfterNfc) {
  EXPECT_EQ(CountCodePoints("한국"), 2u);
  EXPECT_EQ(CountCodePoints("e\xCC\x81"), 2u);
  EXPECT_EQ(CountNfcCodePoints("e\xCC\x81"), 1u);
  // Hangul jamo compose into one syllable under NFC.
  EXPECT_EQ(CountNfcCodePoints("\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB"), 1u);
}

TEST(Unicode, FoldCaseIsFullFolding) {
  EXPECT_EQ(FoldCase("Straße"), "strasse");
  EXPECT_EQ(FoldCase("ÉCOLE"), "école");
}

TEST(WordSpans, SplitsWordsNumbersAndPunctuation) {
  const std::string text = "In 1960, Cuba and the DPRK.";
  std::vector<TextSpan> spans = WordSpans(text);
  std::vector<std::string> pieces;
  for (const TextSpan& span : spans) pieces.push_back(text.substr(span.begin, span.end - span.begin));
  EXPECT_EQ(pieces, (std::vector<std::string>{"In", "1960", ",", "Cuba", "and", "the", "DPRK", "."}));
  EXPECT_EQ(spans[1].kind, WordKind::kNumber);
  EXPECT_EQ(spans[2].kind, WordKind::kPunctuation);
  EXPECT_EQ(spans[3].kind, WordKind::kLetters);
}

TEST(WordSpans, OffsetsAreBytesInUtf8) {
  const std::string text = "평양 시민";
  std::vector<TextSpan> spans = WordSpans(text);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(text.substr(spans[1].begin, spans[1].end - spans[1].begin), "시민");
}

TEST(Utf16, RoundTripsAndRejectsUnpairedSurrogates) {
  const std::string text = "tmkit 한국 😀";
  EXPECT_EQ(Utf16ToUtf8(Utf8ToUtf16(text)), text);
  std::u16string bad = u"ab";
  bad.push_back(static_cast<char16_t>(0xD800));
  EXPECT_THROW(Utf16ToUtf8(bad), ParseError);
}

TEST(CanonicalLanguageTag, UsesIcuCanonicalForm) {
  EXPECT_EQ(CanonicalLanguageTag("en_us"), "en-US");
  EXPECT_EQ(CanonicalLanguageTag("EN-US"), "en-US");
  EXPECT_EQ(CanonicalLanguageTag("iw"), "he");
  EXPECT_THROW(CanonicalLanguageTag("not a tag"), ParseError);
}

TEST(LocateOffset, CountsLinesAndCodePoints) {
  InputLocation at = LocateOffset("ab\n한국x", 9, "f.txt");
  EXPECT_EQ(at.line, 2);
  EXPECT_EQ(at.column, 3);
  EXPECT_EQ(at.file, "f.txt");
}

}  // namespace
}  // namespace tmkit::text
