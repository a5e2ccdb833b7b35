// Tests of align/dictionary.h (the word-pair and FreeDict formats) and of
// the dictionary's effect on Align().
#include "align/dictionary.h"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

#include "align/gale_church.h"
#include "core/error.h"
#include "tests/support/test_support.h"

namespace tmkit::align {
namespace {

std::string ErrorOf(auto&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(WordPairs, SkipsCommentsBlankLinesAndCarriageReturns) {
  const Dictionary d = ParseWordPairs("\xEF\xBB\xBF# comment\n\nhouse\tcasa\r\n the light \t la luz\n", "d.tsv");
  EXPECT_EQ(d.pairs, (std::vector<WordPair>{{"house", "casa"}, {"the light", "la luz"}}));
}

TEST(WordPairs, ReportsLineWithoutTab) {
  EXPECT_EQ(ErrorOf([] { ParseWordPairs("house\tcasa\n# c\nlight luz\n", "d.tsv"); }),
            "d.tsv:3:1: expected source<TAB>target");
}

TEST(WordPairs, ReportsEmptySide) {
  EXPECT_EQ(ErrorOf([] { ParseWordPairs("house\t \n", "d.tsv"); }), "d.tsv:1:1: empty side in word pair");
}

TEST(WordPairs, ReportsInvalidUtf8WithColumnInCodePoints) {
  EXPECT_EQ(ErrorOf([] { ParseWordPairs("ok\tbien\nñu\t\xFF\n", "d.tsv"); }),
            "d.tsv:2:4: invalid UTF-8 in dictionary");
}

TEST(FreeDict, SplitsSensesAndDropsRemarksAndMetadata) {
  const std::string entries =
      "info\nabandon /x/\n1. abandonar\n2. dejar, desamparar (a alguien)\nhouse /y/\ncasa; hogar\n";
  // Offsets and lengths in dictd's base64 digits: A=0, F=5, W=22, 6=58, /=63.
  ASSERT_EQ(entries.substr(5, 58), "abandon /x/\n1. abandonar\n2. dejar, desamparar (a alguien)\n");
  ASSERT_EQ(entries.substr(63, 22), "house /y/\ncasa; hogar\n");
  const Dictionary d = ParseFreeDict("00databaseinfo\tA\tF\nabandon\tF\t6\nhouse\t/\tW\n", entries, "x.index");
  EXPECT_EQ(d.pairs, (std::vector<WordPair>{{"abandon", "abandonar"},
                                            {"abandon", "dejar"},
                                            {"abandon", "desamparar"},
                                            {"house", "casa"},
                                            {"house", "hogar"}}));
}

TEST(FreeDict, ReportsMalformedIndexLine) {
  EXPECT_EQ(ErrorOf([] { ParseFreeDict("house\tA\n", "house\n", "x.index"); }),
            "x.index:1:1: expected headword<TAB>offset<TAB>length (dictd base64)");
  EXPECT_EQ(ErrorOf([] { ParseFreeDict("house\tA\t*\n", "house\n", "x.index"); }),
            "x.index:1:1: expected headword<TAB>offset<TAB>length (dictd base64)");
}

TEST(FreeDict, ReportsEntryOutsideTheDictFile) {
  EXPECT_EQ(ErrorOf([] { ParseFreeDict("a\tA\tB\nhouse\tB\tZ\n", "a\nhouse\ncasa\n", "x.index"); }),
            "x.index:2:7: entry of 'house' lies outside the .dict file");
}

TEST(LoadDictionary, ReadsWordPairFile) {
  const Dictionary d = LoadDictionary(testing::TestDataPath("align/word_pairs.tsv").string());
  EXPECT_EQ(d.pairs, (std::vector<WordPair>{{"house", "casa"}, {"the light", "la luz"}}));
}

TEST(LoadDictionary, ReadsFreeDictFromIndexOrDictPath) {
  const std::vector<WordPair> expected = {{"abandon", "abandonar"}, {"abandon", "dejar"}, {"abandon", "desamparar"},
                                          {"house", "casa"},        {"house", "hogar"},   {"light", "luz"}};
  EXPECT_EQ(LoadDictionary(testing::TestDataPath("align/tiny.index").string()).pairs, expected);
  EXPECT_EQ(LoadDictionary(testing::TestDataPath("align/tiny.dict.dz").string()).pairs, expected);
}

TEST(LoadDictionary, ReportsMissingFile) {
  testing::ScopedTempDir dir;
  const std::string path = (dir / "none.tsv").string();
  EXPECT_EQ(ErrorOf([&] { LoadDictionary(path); }), path + ": cannot open dictionary");
}

TEST(LoadDictionary, ReportsBrokenGzip) {
  testing::ScopedTempDir dir;
  testing::WriteFile(dir / "bad.index", "house\tA\tB\n");
  testing::WriteFile(dir / "bad.dict.dz", "not gzip at all");
  EXPECT_EQ(ErrorOf([&] { LoadDictionary((dir / "bad.index").string()); }),
            (dir / "bad.dict.dz").string() + ": not a valid gzip file");
}

// Each bead's (src_begin, src_count, tgt_begin, tgt_count).
std::vector<std::array<size_t, 4>> Shape(const std::vector<Bead>& beads) {
  std::vector<std::array<size_t, 4>> shape;
  for (const Bead& b : beads) shape.push_back({b.src_begin, b.src_count, b.tgt_begin, b.tgt_count});
  return shape;
}

// A word of 5-7 letters from a fixed pseudo-random sequence.
std::string MadeUpWord(unsigned& state) {
  std::string word;
  state = state * 1103515245u + 12345u;
  const size_t length = 5 + (state >> 16) % 3;
  for (size_t k = 0; k < length; ++k) {
    state = state * 1103515245u + 12345u;
    word.push_back(static_cast<char>('a' + (state >> 16) % 26));
  }
  return word;
}

// Twelve source sentences of equal length, each of four words of its own; the
// target says the same with other words (prefixed with q, so no identical words
// or cognates), and its sentence 5 is missing. Lengths cannot place the
// deletion; the dictionary, pairing each source word with its target word,
// can.
TEST(AlignWithDictionary, PlacesADeletionThatLengthsCannotPlace) {
  unsigned state = 7;
  std::vector<Segment> src;
  std::vector<Segment> tgt;
  Dictionary dictionary;
  for (size_t s = 0; s < 12; ++s) {
    std::string source;
    std::string target;
    for (int w = 0; w < 4; ++w) {
      const std::string a = MadeUpWord(state);
      const std::string b = "q" + MadeUpWord(state);
      dictionary.pairs.push_back({a, b});
      source += (w ? " " : "") + a;
      target += (w ? " " : "") + b;
    }
    src.push_back({.text = source, .length = 30});
    if (s != 5) tgt.push_back({.text = target, .length = 30});
  }
  AlignOptions options;
  options.dictionary = &dictionary;
  const Alignment with = Align(src, tgt, options);
  std::vector<std::array<size_t, 4>> expected;
  for (size_t s = 0; s < 12; ++s) {
    if (s == 5) {
      expected.push_back({5, 1, 5, 0});
    } else {
      expected.push_back({s, 1, s < 5 ? s : s - 1, 1});
    }
  }
  EXPECT_EQ(Shape(with.beads), expected);
  // Without the dictionary the same input gives another alignment: the
  // evidence above came from it.
  EXPECT_NE(Shape(Align(src, tgt, AlignOptions{}).beads), expected);
}

}  // namespace
}  // namespace tmkit::align
