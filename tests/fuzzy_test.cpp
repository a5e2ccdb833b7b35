#include <gtest/gtest.h>

#include <random>

#include "core/error.h"
#include "fuzzy/match_score.h"
#include "text/unicode.h"

namespace tmkit::fuzzy {
namespace {

ScoreResult ScoreWords(std::string_view query, std::string_view source) {
  return Score({.text = query, .inline_tags = {}}, {.text = source, .inline_tags = {}}, Granularity::kWord);
}

std::vector<std::string> Keys(const std::vector<Token>& tokens) {
  std::vector<std::string> keys;
  for (const Token& t : tokens) keys.push_back(t.key);
  return keys;
}

// The textbook O(n·m) Levenshtein, as the reference for the banded one.
size_t PlainDistance(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] =
          std::min({d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1), d[i - 1][j] + 1, d[i][j - 1] + 1});
    }
  }
  return d[a.size()][b.size()];
}

TEST(Tokenize, FoldsCaseAppliesNfcAndKeepsNumbersAndPunctuation) {
  // "Cafe\u0301" is not NFC; it becomes "café" (one code point for é).
  const std::vector<Token> tokens = Tokenize("The Cafe\u0301 opens at 9.30!", Granularity::kWord);
  EXPECT_EQ(Keys(tokens), (std::vector<std::string>{"the", "caf\u00e9", "opens", "at", "9.30", "!"}));
  EXPECT_EQ(tokens[4].kind, TokenKind::kNumber);
  EXPECT_EQ(tokens[5].kind, TokenKind::kPunctuation);
  EXPECT_EQ(tokens[0].kind, TokenKind::kWord);
  // Offsets are into the NFC text: "The café" → "café" is bytes [4, 9).
  EXPECT_EQ(tokens[1].begin_bytes, 4u);
  EXPECT_EQ(tokens[1].end_bytes, 9u);
}

TEST(Tokenize, CharacterGranularityGivesOneTokenPerCodePoint) {
  const std::vector<Token> tokens = Tokenize("文件 已保存。", Granularity::kCharacter);
  EXPECT_EQ(Keys(tokens), (std::vector<std::string>{"文", "件", "已", "保", "存", "。"}));
  EXPECT_EQ(tokens.back().kind, TokenKind::kPunctuation);
}

TEST(Tokenize, RejectsInvalidUtf8WithItsOffset) {
  try {
    Tokenize("ab\xff", Granularity::kWord);
    FAIL() << "no exception";
  } catch (const ParseError& e) {
    EXPECT_EQ(e.message(), "invalid UTF-8 at byte 2");
    EXPECT_EQ(e.location().offset_bytes, 2);
  }
}

// An import takes the keys through AppendTokenKeys: they must be Tokenize's
// keys, in both granularities, on text the Latin shortcuts take and on text
// ICU must handle (Greek, Turkish, Chinese, a "don't" and a "3.5").
TEST(AppendTokenKeys, GivesTokenizesKeysAndAppends) {
  const char* const texts[] = {
      "Click SAVE, then Straße & Öffnen: 3 files (v1.2)!",
      "Don't pay 3.5 EUR at user@example.org",
      "ΣΊΣΥΦΟΣ ὀδύσσεια İstanbul ıi",
      "保存をクリックしてください。价格是3.5元！",
      "",
      "   \t ",
      "e\u0301t\u00e9 caf\u00c9",  // made NFC below: only NFC goes in
  };
  for (const char* raw : texts) {
    const std::string nfc = text::Nfc(raw);
    for (Granularity granularity : {Granularity::kWord, Granularity::kCharacter}) {
      std::string keys = "before";
      std::vector<size_t> ends{6};
      AppendTokenKeys(nfc, granularity, keys, ends);
      std::vector<std::string> split;
      for (size_t i = 1; i < ends.size(); ++i)
        split.push_back(keys.substr(ends[i - 1], ends[i] - ends[i - 1]));
      EXPECT_EQ(keys.substr(0, 6), "before");
      EXPECT_EQ(ends.back(), keys.size());
      EXPECT_EQ(split, Keys(Tokenize(nfc, granularity))) << raw;
    }
  }
}

TEST(Granularity, IsCharacterForChineseJapaneseThaiOnly) {
  EXPECT_EQ(GranularityFor(LanguageTag("zh-Hant-TW")), Granularity::kCharacter);
  EXPECT_EQ(GranularityFor(LanguageTag("ja")), Granularity::kCharacter);
  EXPECT_EQ(GranularityFor(LanguageTag("th")), Granularity::kCharacter);
  EXPECT_EQ(GranularityFor(LanguageTag("ko")), Granularity::kWord);
  EXPECT_EQ(GranularityFor(LanguageTag("de-CH")), Granularity::kWord);
}

TEST(EditDistance, BandedEqualsPlainOnRandomSequences) {
  std::mt19937 rng(7);
  for (int round = 0; round < 2000; ++round) {
    std::vector<uint32_t> a(rng() % 12);
    std::vector<uint32_t> b(rng() % 12);
    for (uint32_t& x : a) x = rng() % 4;
    for (uint32_t& x : b) x = rng() % 4;
    const size_t plain = PlainDistance(a, b);
    const size_t bound = rng() % 13;
    const size_t banded = BoundedEditDistance(a, b, bound);
    if (plain <= bound) {
      ASSERT_EQ(banded, plain) << "round " << round;
    } else {
      ASSERT_EQ(banded, bound + 1) << "round " << round;
    }
  }
}

TEST(EditScript, HasAsManyEditsAsTheDistanceAndRebuildsTheQuery) {
  std::mt19937 rng(11);
  for (int round = 0; round < 500; ++round) {
    std::vector<uint32_t> query(rng() % 10);
    std::vector<uint32_t> source(rng() % 10);
    for (uint32_t& x : query) x = rng() % 3;
    for (uint32_t& x : source) x = rng() % 3;
    const std::vector<EditOp> ops = EditScript(query, source);
    // Apply the script to the source; the result must be the query, and the
    // ops' cost (max of the two sides of each op) must be the distance.
    std::vector<uint32_t> rebuilt;
    size_t source_at = 0;
    size_t cost = 0;
    for (const EditOp& op : ops) {
      ASSERT_EQ(op.source_begin - source_at, op.query_begin - rebuilt.size());
      rebuilt.insert(rebuilt.end(), source.begin() + static_cast<long>(source_at),
                     source.begin() + static_cast<long>(op.source_begin));
      rebuilt.insert(rebuilt.end(), query.begin() + static_cast<long>(op.query_begin),
                     query.begin() + static_cast<long>(op.query_end));
      source_at = op.source_end;
      cost += std::max(op.query_end - op.query_begin, op.source_end - op.source_begin);
    }
    rebuilt.insert(rebuilt.end(), source.begin() + static_cast<long>(source_at), source.end());
    ASSERT_EQ(rebuilt, query) << "round " << round;
    ASSERT_EQ(cost, PlainDistance(query, source)) << "round " << round;
  }
}

TEST(MaxDistance, NeverLosesAScoreAtTheThreshold) {
  for (size_t longer = 0; longer < 200; ++longer) {
    for (double min_score : {0.5, 0.7, 0.75, 0.8, 0.9, 1.0 / 3.0}) {
      const size_t max = MaxDistance(longer, min_score);
      for (size_t d = 0; d <= longer; ++d) {
        ASSERT_EQ(TokenScore(d, longer) >= min_score, d <= max) << longer << " " << d << " " << min_score;
      }
      ASSERT_LE(MaxDistance(longer, min_score), MaxDistance(longer + 1, min_score));
      ASSERT_LE(longer - MaxDistance(longer, min_score), longer + 1 - MaxDistance(longer + 1, min_score));
    }
  }
}

TEST(Score, IdenticalTextIsExactAndScoresOne) {
  const ScoreResult r = ScoreWords("Save the file.", "Save the file.");
  EXPECT_EQ(r.kind, MatchKind::kExact);
  EXPECT_EQ(r.score, 1.0);
  EXPECT_TRUE(r.diff.empty());
  EXPECT_EQ(r.differences, Differences{});
}

TEST(Score, OneReplacedWordOfFourScoresThreeQuarters) {
  // Tokens: save the file . / save the folder .  → d = 1, L = 4.
  const ScoreResult r = ScoreWords("Save the folder.", "Save the file.");
  EXPECT_EQ(r.kind, MatchKind::kFuzzy);
  EXPECT_DOUBLE_EQ(r.score, 0.75);
  ASSERT_EQ(r.diff.size(), 1u);
  EXPECT_EQ(r.diff[0], (EditOp{EditKind::kReplace, 2, 3, 2, 3}));
  EXPECT_TRUE(r.differences.words);
  EXPECT_FALSE(r.differences.numbers);
  EXPECT_FALSE(r.differences.punctuation);
}

TEST(Score, DividesByTheLongerSide) {
  // query 3 tokens, source 5 tokens, 2 deletions → 1 − 2/5.
  const ScoreResult r = ScoreWords("Delete all files", "Delete all the old files");
  EXPECT_DOUBLE_EQ(r.score, 0.6);
  ASSERT_EQ(r.diff.size(), 1u);
  EXPECT_EQ(r.diff[0], (EditOp{EditKind::kDelete, 2, 2, 2, 4}));
}

TEST(Score, FlagsNumberAndPunctuationDifferences) {
  const ScoreResult numbers = ScoreWords("Wait 5 seconds.", "Wait 10 seconds.");
  EXPECT_DOUBLE_EQ(numbers.score, 0.75);
  EXPECT_TRUE(numbers.differences.numbers);
  EXPECT_FALSE(numbers.differences.words);
  const ScoreResult punctuation = ScoreWords("Wait 5 seconds!", "Wait 5 seconds.");
  EXPECT_DOUBLE_EQ(punctuation.score, 0.75);
  EXPECT_TRUE(punctuation.differences.punctuation);
  EXPECT_FALSE(punctuation.differences.numbers);
}

TEST(Score, CaseOrWhitespaceOnlyScoresJustBelowOneAndSaysWhy) {
  const ScoreResult case_only = ScoreWords("save the file.", "Save the file.");
  EXPECT_EQ(case_only.kind, MatchKind::kNearExact);
  EXPECT_DOUBLE_EQ(case_only.score, 1.0 - kSurfacePenalty);
  EXPECT_TRUE(case_only.differences.letter_case);
  EXPECT_FALSE(case_only.differences.whitespace);

  const ScoreResult spaces = ScoreWords("Save  the file .", "Save the file.");
  EXPECT_EQ(spaces.kind, MatchKind::kNearExact);
  EXPECT_DOUBLE_EQ(spaces.score, 1.0 - kSurfacePenalty);
  EXPECT_TRUE(spaces.differences.whitespace);
  EXPECT_FALSE(spaces.differences.letter_case);

  const ScoreResult both = ScoreWords("save  the file.", "Save the file.");
  EXPECT_DOUBLE_EQ(both.score, 1.0 - 2 * kSurfacePenalty);
}

TEST(Score, NfcEquivalentTextsAreExact) {
  const ScoreResult r = ScoreWords("Caf\u00e9 open", "Cafe\u0301 open");
  EXPECT_EQ(r.kind, MatchKind::kExact);
  EXPECT_EQ(r.score, 1.0);
}

TEST(Score, InlineTagDifferenceIsPenalisedAndFlagged) {
  const std::vector<InlineTag> bold = {{InlineTagKind::kBpt, 5, "<bpt i=\"1\">&lt;b&gt;</bpt>"},
                                       {InlineTagKind::kEpt, 9, "<ept i=\"1\">&lt;/b&gt;</ept>"}};
  const ScoreResult r = Score({.text = "Open file now", .inline_tags = {}},
                              {.text = "Open file now", .inline_tags = bold}, Granularity::kWord);
  EXPECT_EQ(r.kind, MatchKind::kNearExact);
  EXPECT_DOUBLE_EQ(r.score, 1.0 - kSurfacePenalty);
  EXPECT_TRUE(r.differences.inline_tags);

  // Same tag kinds around the same words: no difference, even though the
  // markup (ids) differs.
  const std::vector<InlineTag> bold2 = {{InlineTagKind::kBpt, 5, "<bpt i=\"7\">&lt;b&gt;</bpt>"},
                                        {InlineTagKind::kEpt, 9, "<ept i=\"7\">&lt;/b&gt;</ept>"}};
  const ScoreResult same = Score({.text = "Open file now", .inline_tags = bold2},
                                 {.text = "Open file now", .inline_tags = bold}, Granularity::kWord);
  EXPECT_EQ(same.kind, MatchKind::kExact);

  // On a fuzzy match the penalty comes on top of the token score.
  const ScoreResult fuzzy = Score({.text = "Open file later", .inline_tags = {}},
                                  {.text = "Open file now", .inline_tags = bold}, Granularity::kWord);
  EXPECT_DOUBLE_EQ(fuzzy.score, 1.0 - 1.0 / 3.0 - kSurfacePenalty);
}

TEST(Score, ChineseIsScoredByCharacters) {
  // 文件已保存 vs 文件已删除: 5 characters, 2 replaced → 0.6.
  const ScoreResult r = Score({.text = "文件已保存", .inline_tags = {}},
                              {.text = "文件已删除", .inline_tags = {}}, Granularity::kCharacter);
  EXPECT_DOUBLE_EQ(r.score, 0.6);
  ASSERT_EQ(r.diff.size(), 1u);
  EXPECT_EQ(r.diff[0], (EditOp{EditKind::kReplace, 3, 5, 3, 5}));
}

TEST(Score, EmptyAgainstNonEmptyScoresZero) {
  EXPECT_EQ(ScoreWords("", "Save the file.").score, 0.0);
  EXPECT_EQ(ScoreWords("", "").kind, MatchKind::kExact);
}

}  // namespace
}  // namespace tmkit::fuzzy
