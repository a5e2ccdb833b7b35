#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <unicode/uchar.h>
#include <unicode/unistr.h>

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

TEST(Unicode, FindIgnoringCaseLowersEachCodePointAndGivesByteRanges) {
  using Ranges = std::vector<std::pair<size_t, size_t>>;
  EXPECT_EQ(FindIgnoringCase("Ünïcode ÜNÏCODE", "üNï"), (Ranges{{0, 5}, {10, 15}}));
  // "İ" (2 bytes) lowers to "i" (1 byte): the range is in the haystack's bytes.
  EXPECT_EQ(FindIgnoringCase("xİy", "iY"), (Ranges{{1, 4}}));
  EXPECT_EQ(FindIgnoringCase("aaaa", "AA"), (Ranges{{0, 2}, {2, 4}}));
  // One code point to one: no full folding.
  EXPECT_TRUE(FindIgnoringCase("Straße", "strasse").empty());
  EXPECT_TRUE(FindIgnoringCase("abc", "").empty());
  EXPECT_TRUE(FindIgnoringCase("", "abc").empty());
}

// The key of three code points, as LoweredTrigrams packs them.
uint64_t Key(char32_t a, char32_t b, char32_t c) {
  return (uint64_t{a} << 42) | (uint64_t{b} << 21) | uint64_t{c};
}

TEST(Unicode, LoweredTrigramsAreRunsOfThreeLoweredCodePointsInOrder) {
  std::vector<uint64_t> keys;
  LoweredTrigrams("AbcAbc", keys);
  EXPECT_EQ(keys, (std::vector<uint64_t>{Key('a', 'b', 'c'), Key('b', 'c', 'a'), Key('c', 'a', 'b'),
                                         Key('a', 'b', 'c')}));
  // Code points, not bytes: "ÜbÉ" is one trigram of 5 bytes, lowered.
  LoweredTrigrams("ÜbÉ", keys);
  EXPECT_EQ(keys, (std::vector<uint64_t>{Key(U'ü', 'b', U'é')}));
  LoweredTrigrams("日本語", keys);
  EXPECT_EQ(keys, (std::vector<uint64_t>{Key(U'日', U'本', U'語')}));
  LoweredTrigrams("ab", keys);
  EXPECT_TRUE(keys.empty());
  LoweredTrigrams("", keys);
  EXPECT_TRUE(keys.empty());
}

// What the TM's concordance relies on: wherever FindIgnoringCase finds a
// needle, the haystack holds every trigram key of the needle.
TEST(Unicode, EveryMatchOfFindIgnoringCaseHoldsTheNeedlesTrigrams) {
  const std::vector<std::string> texts = {
      "Ünïcode ÜNÏCODE", "xİy İSTANBUL istanbul", "Σίσυφος ΣΊΣΥΦΟΣ", "Straße STRASSE", "ǅungla ǄUNGLA ǆungla",
      "ﬁne FINE", "日本語のテキスト", "Ωmega ωMEGA"};
  std::vector<uint64_t> hay_keys;
  std::vector<uint64_t> needle_keys;
  for (const std::string& hay : texts) {
    // Every substring of every text, in code points, is a needle.
    std::vector<size_t> starts;
    for (size_t i = 0; i <= hay.size(); ++i) {
      if (i == hay.size() || (static_cast<unsigned char>(hay[i]) & 0xC0) != 0x80) starts.push_back(i);
    }
    for (const std::string& source : texts) {
      for (size_t a = 0; a + 1 < starts.size(); ++a) {
        for (size_t b = a + 3; b < starts.size(); ++b) {
          const std::string needle = hay.substr(starts[a], starts[b] - starts[a]);
          if (FindIgnoringCase(source, needle).empty()) continue;
          LoweredTrigrams(source, hay_keys);
          std::sort(hay_keys.begin(), hay_keys.end());
          LoweredTrigrams(needle, needle_keys);
          std::sort(needle_keys.begin(), needle_keys.end());
          EXPECT_TRUE(std::includes(hay_keys.begin(), hay_keys.end(), needle_keys.begin(), needle_keys.end()))
              << "needle \"" << needle << "\" in \"" << source << "\"";
        }
      }
    }
  }
}

// WordSpans answers most Latin text without ICU: it must agree with ICU's
// break iterator everywhere, shortcut or not.
TEST(Unicode, WordSpansAgreesWithIcuOnLatinText) {
  const std::vector<std::string> samples = {
      "Save the file.",  "don't stop",  "3.5 and 1,960", "a:b c;d", "snake_case __x", "x.y.z 1.2.3",
      "abc123 123abc",   "12a3 a1b2",   "end. Start",    "a, b; c: d", "\"quoted\" (text)!", "tab\tnew\r\nline",
      "\x01\x1f\x7f ctl", "e.g. U.S.A.", "...", "a'", "'a", "5'", "x .y", "$100 - 20% = #1 @home"};
  for (const std::string& text : samples) EXPECT_EQ(WordSpans(text), IcuWordSpans(text)) << text;
  // Random ASCII, weighted toward the characters the rules care about.
  std::mt19937 rng(11);
  // Pieces of text, weighted toward what the rules care about: Latin
  // letters (the shortcut's) and their neighbours (× ÷ µ, a combining
  // accent, Greek, the euro sign: ICU's). Half the rounds without '_', '@'
  // and the others, so that most take the shortcut.
  const std::vector<std::string> shortcut = {"a", "Z", "9", " ",  ".", ",", ":",  ";",  "'",  "\"", "-", "!",
                                             "?", "(", ")", "\t", "\n", "ä", "Ö", "ß", "é", "È", "ñ", "ǅ", "ɏ"};
  const std::vector<std::string> others = {"_", "@", "×", "÷", "µ", "\u0301", "Ω", "€", "\u00A0", "ɐ"};
  for (int round = 0; round < 200000; ++round) {
    std::string text;
    for (size_t length = rng() % 24; length > 0; --length) {
      if (round % 2 == 0 && rng() % 4 == 0) {
        text += rng() % 2 == 0 ? std::string(1, static_cast<char>(rng() % 128)) : others[rng() % others.size()];
      } else {
        text += shortcut[rng() % shortcut.size()];
      }
    }
    ASSERT_EQ(WordSpans(text), IcuWordSpans(text)) << "\"" << text << "\"";
  }
}

// FoldCase folds ASCII and Latin-1 itself: it must agree with ICU's full
// case folding for every code point up to U+024F, alone and in company.
TEST(Unicode, FoldCaseAgreesWithIcuForEveryLatinCodePoint) {
  auto icu_fold = [](const std::string& text) {
    icu::UnicodeString s = icu::UnicodeString::fromUTF8(text);
    s.foldCase(U_FOLD_CASE_DEFAULT);
    std::string out;
    return s.toUTF8String(out);
  };
  for (UChar32 c = 1; c <= 0x24F; ++c) {
    std::string one;
    icu::UnicodeString(c).toUTF8String(one);
    for (const std::string& text : {one, "A" + one + "b", one + one + "ÄÖ", "x" + one + "€"}) {
      ASSERT_EQ(FoldCase(text), icu_fold(text)) << "U+" << std::hex << c;
    }
  }
}

TEST(Unicode, FoldCaseIsFullFolding) {
  EXPECT_EQ(FoldCase("Straße"), "strasse");
  EXPECT_EQ(FoldCase("ÉCOLE"), "école");
  // ASCII takes a shortcut: it must agree with full folding, byte for byte.
  std::string ascii;
  for (int c = 1; c < 128; ++c) ascii += static_cast<char>(c);
  EXPECT_EQ(FoldCase(ascii), FoldCase(ascii + "é").substr(0, ascii.size()));
  EXPECT_EQ(FoldCase("Hello WORLD 42!"), "hello world 42!");
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

namespace tmkit::text {
namespace {

std::string ErrorOf(std::string_view bytes) {
  try {
    CheckTextInput(bytes, {.file = "in.txt"});
  } catch (const ParseError& e) {
    return e.what();
  }
  return "";
}

TEST(CheckTextInput, NamesUtf16AndUtf32ByTheirByteOrderMarks) {
  EXPECT_EQ(ErrorOf(std::string("\xFF\xFEH\0i\0", 6)),
            "in.txt: this is UTF-16 (byte order mark); tmkit reads UTF-8 text: convert it first, e.g. iconv -f "
            "UTF-16 -t UTF-8");
  EXPECT_EQ(ErrorOf(std::string("\xFE\xFF\0H\0i", 6)).substr(0, 40), "in.txt: this is UTF-16 (byte order mark)");
  EXPECT_EQ(ErrorOf(std::string("\xFF\xFE\0\0H\0\0\0", 8)).substr(0, 40), "in.txt: this is UTF-32 (byte order mark)");
}

TEST(CheckTextInput, RecognisesUtf16WithoutByteOrderMark) {
  EXPECT_EQ(ErrorOf(std::string("H\0e\0l\0l\0o\0.\0", 12)),
            "in.txt: this looks like UTF-16LE without a byte order mark; tmkit reads UTF-8 text: convert it first, "
            "e.g. iconv -f UTF-16LE -t UTF-8");
  EXPECT_NE(ErrorOf(std::string("\0H\0e\0l\0l\0o", 10)).find("UTF-16BE"), std::string::npos);
}

TEST(CheckTextInput, CallsABinaryFileByItsName) {
  EXPECT_EQ(ErrorOf(std::string("\x7F" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0\x01\0\0\0", 24)),
            "in.txt:1:8: this is not a text file (a NUL byte at byte 7)");
}

TEST(CheckTextInput, AcceptsUtf8WithOrWithoutBom) {
  EXPECT_EQ(ErrorOf("plain"), "");
  EXPECT_EQ(ErrorOf("\xEF\xBB\xBFwith BOM"), "");
  EXPECT_EQ(SkipUtf8Bom("\xEF\xBB\xBFwith BOM"), "with BOM");
  EXPECT_EQ(SkipUtf8Bom("no BOM"), "no BOM");
  EXPECT_EQ(ErrorOf("bad \xC3("), "in.txt:1:5: invalid UTF-8 at byte 4");
}

TEST(DescribeScriptMismatch, WarnsWhenTheLettersAreInAnotherScript) {
  const std::string french = "Les deux pays sont géographiquement éloignés l'un de l'autre.";
  EXPECT_EQ(DescribeScriptMismatch(french, LanguageTag("ko")),
            "the text is mostly in Latin script, but ko is written in Hangul or Han");
  EXPECT_EQ(DescribeScriptMismatch(french, LanguageTag("fr")), "");
  EXPECT_EQ(DescribeScriptMismatch(french, LanguageTag("ru")),
            "the text is mostly in Latin script, but ru is written in Cyrillic");
  const std::string korean = "두 나라는 지리적으로 멀리 떨어져 있지만 사회주의 사상과 이상에 기초한 의리는 변함이 없다.";
  EXPECT_EQ(DescribeScriptMismatch(korean, LanguageTag("ko")), "");
  EXPECT_NE(DescribeScriptMismatch(korean, LanguageTag("en")), "");
  const std::string japanese = "二つの国は地理的に遠く離れているが、友情は変わらない。ひらがなとカタカナ。";
  EXPECT_EQ(DescribeScriptMismatch(japanese, LanguageTag("ja")), "");
  EXPECT_EQ(DescribeScriptMismatch("两国在地理上相距遥远但是两国人民的友谊永远不变这是历史", LanguageTag("zh")), "");
}

// ASCII letters are counted apart from the others (without ICU): the two
// counts must still add up, whichever side has the majority.
TEST(DescribeScriptMismatch, AddsAsciiLettersToTheOtherLatinAndWeighsThemAgainstOtherScripts) {
  const std::string mostly_latin = "Straße Öl über Ärger and some plain ASCII words, мало кириллицы";
  EXPECT_EQ(DescribeScriptMismatch(mostly_latin, LanguageTag("ru")),
            "the text is mostly in Latin script, but ru is written in Cyrillic");
  EXPECT_EQ(DescribeScriptMismatch(mostly_latin, LanguageTag("de")), "");
  const std::string mostly_cyrillic = "Это почти целиком русский текст с парой слов in English.";
  EXPECT_EQ(DescribeScriptMismatch(mostly_cyrillic, LanguageTag("ru")), "");
  EXPECT_EQ(DescribeScriptMismatch(mostly_cyrillic, LanguageTag("en")),
            "the text is mostly in Cyrillic script, but en is written in Latin");
}

TEST(DescribeScriptMismatch, SaysNothingAboutShortOrLetterlessTexts) {
  EXPECT_EQ(DescribeScriptMismatch("Hello.", LanguageTag("ko")), "");
  EXPECT_EQ(DescribeScriptMismatch("1960 1986 1992 2015 2018 -- !! ?? 12345678901234567890", LanguageTag("ko")), "");
}

}  // namespace
}  // namespace tmkit::text
