// Store::Lookup and Store::Concordance: the candidate index equals a
// brute-force scan, languages, match kinds, and query text that is data.
#include <gtest/gtest.h>

#include <random>

#include "fuzzy/match_score.h"
#include "text/unicode.h"
#include "tests/support/test_support.h"
#include "tests/tm_test_units.h"
#include "tm/store.h"

namespace tmkit::tm {
namespace {

using testing::ScopedTempDir;

const LanguagePair kEnDe{LanguageTag("en"), LanguageTag("de")};

// Sentences over a small vocabulary, so that units share many words (and
// repeat them), with numbers, punctuation and case changes mixed in.
class SmallWorld {
 public:
  explicit SmallWorld(uint32_t seed) : rng_(seed) {}

  std::vector<std::string> Words(size_t count) {
    static const std::vector<std::string> kVocabulary = {
        "the",  "file", "open",   "save",  "a",      "to",   "is",    "not",   "and",
        "near", "of",   "folder", "print", "cannot", "be",   "found", "user",  "name",
        "3",    "42",   ",",      ".",     "!",      "Save", "File",  "close", "window"};
    std::vector<std::string> words;
    for (size_t i = 0; i < count; ++i) words.push_back(kVocabulary[rng_() % kVocabulary.size()]);
    return words;
  }

  // 1-3 random edits (replace, insert, delete).
  std::vector<std::string> Mutate(std::vector<std::string> words) {
    const int edits = 1 + static_cast<int>(rng_() % 3);
    for (int e = 0; e < edits; ++e) {
      const uint32_t what = rng_() % 3;
      if (what == 0 && !words.empty()) {
        words[rng_() % words.size()] = Words(1)[0];
      } else if (what == 1 || words.empty()) {
        words.insert(words.begin() + static_cast<long>(rng_() % (words.size() + 1)), Words(1)[0]);
      } else {
        words.erase(words.begin() + static_cast<long>(rng_() % words.size()));
      }
    }
    return words;
  }

  static std::string Join(const std::vector<std::string>& words) {
    std::string text;
    for (const std::string& w : words) text += (text.empty() ? "" : " ") + w;
    return text;
  }

  uint32_t Next() { return rng_(); }

 private:
  std::mt19937 rng_;
};

// The reference: the score of every stored unit with German, by
// fuzzy::Score in the test, without the store's index or scan; best first.
std::vector<std::pair<int64_t, double>> ScoreAll(const std::vector<TranslationUnit>& stored,
                                                 const std::string& query) {
  std::vector<std::pair<int64_t, double>> scores;
  for (size_t i = 0; i < stored.size(); ++i) {
    const TranslationUnit& unit = stored[i];
    if (unit.variants.size() < 2 || unit.variants[1].language.str() != "de") continue;
    const fuzzy::ScoreResult r =
        fuzzy::Score({.text = query, .inline_tags = {}}, {.text = unit.variants[0].text, .inline_tags = {}},
                     fuzzy::Granularity::kWord);
    scores.emplace_back(static_cast<int64_t>(i + 1), r.score);
  }
  std::sort(scores.begin(), scores.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  return scores;
}

std::vector<std::pair<int64_t, double>> AtLeast(std::vector<std::pair<int64_t, double>> scores,
                                                double min_score) {
  std::erase_if(scores, [&](const auto& s) { return s.second < min_score; });
  return scores;
}

std::vector<std::pair<int64_t, double>> Found(const std::vector<Match>& matches) {
  std::vector<std::pair<int64_t, double>> found;
  for (const Match& m : matches) found.emplace_back(m.unit_id, m.score);
  return found;
}

TEST(Lookup, IndexFindsExactlyWhatBruteForceFindsOnRandomData) {
  ScopedTempDir dir;
  Store store = Store::Open((dir / "tm.tmkit").string());
  SmallWorld world(2024);
  std::vector<TranslationUnit> stored;
  std::vector<std::vector<std::string>> sentences;
  for (int i = 0; i < 1500; ++i) {
    std::vector<std::string> words = sentences.empty() || world.Next() % 2
                                         ? world.Words(1 + world.Next() % 14)
                                         : world.Mutate(sentences[world.Next() % sentences.size()]);
    sentences.push_back(words);
    // Every unit distinct (a unique target), a few without German.
    TranslationUnit unit = Pair(SmallWorld::Join(words), "de " + std::to_string(i));
    if (i % 50 == 7) unit.variants[1].language = LanguageTag("fr");
    stored.push_back(unit);
  }
  const ImportReport report = store.Import(stored, {.on_duplicate = OnDuplicate::kKeepBoth});
  ASSERT_EQ(report.units_stored, stored.size());

  size_t nonempty = 0;
  for (int q = 0; q < 200; ++q) {
    const std::string query =
        SmallWorld::Join(q % 3 == 0 ? world.Words(1 + world.Next() % 14)
                                    : world.Mutate(sentences[world.Next() % sentences.size()]));
    const auto all_scores = ScoreAll(stored, query);
    for (double min_score : {0.5, 0.7}) {
      const LookupOptions indexed{.min_score = min_score, .max_results = 100000, .exhaustive = false};
      LookupOptions exhaustive = indexed;
      exhaustive.exhaustive = true;
      const auto expected = AtLeast(all_scores, min_score);
      ASSERT_EQ(Found(store.Lookup(query, kEnDe, exhaustive)), expected) << query << " @ " << min_score;
      ASSERT_EQ(Found(store.Lookup(query, kEnDe, indexed)), expected) << query << " @ " << min_score;
      // Top-k is the head of the full list.
      const auto top = Found(store.Lookup(query, kEnDe, {.min_score = min_score, .max_results = 3}));
      ASSERT_EQ(top, std::vector(expected.begin(),
                                 expected.begin() + static_cast<long>(std::min<size_t>(3, expected.size()))));
      nonempty += expected.empty() ? 0 : 1;
    }
  }
  // The data must exercise the index: most queries have matches.
  EXPECT_GT(nonempty, 200u);
}

TEST(Lookup, ExactNearExactAndFuzzyMatchesSayWhatTheyAre) {
  ScopedTempDir dir;
  Store store = Store::Open((dir / "tm.tmkit").string());
  TranslationUnit tagged = Pair("Press Enter to continue.", "Drücken Sie die Eingabetaste.");
  tagged.variants[0].inline_tags = {{InlineTagKind::kPh, 6, "<ph>&lt;kbd&gt;</ph>"}};
  store.Import(std::vector{Pair("Open the file.", "Öffnen Sie die Datei."), tagged}, {});

  std::vector<Match> exact = store.Lookup("Open the file.", kEnDe, {});
  ASSERT_EQ(exact.size(), 1u);
  EXPECT_EQ(exact[0].kind, MatchKind::kExact);
  EXPECT_EQ(exact[0].score, 1.0);
  EXPECT_EQ(exact[0].target().text, "Öffnen Sie die Datei.");

  std::vector<Match> near = store.Lookup("Press Enter to continue.", kEnDe, {});
  ASSERT_EQ(near.size(), 1u);
  EXPECT_EQ(near[0].kind, MatchKind::kNearExact);
  EXPECT_LT(near[0].score, 1.0);
  EXPECT_TRUE(near[0].differences.inline_tags);

  std::vector<Match> fuzzy = store.Lookup("Open the folder.", kEnDe, {});
  ASSERT_EQ(fuzzy.size(), 1u);
  EXPECT_EQ(fuzzy[0].kind, MatchKind::kFuzzy);
  EXPECT_DOUBLE_EQ(fuzzy[0].score, 0.75);
  ASSERT_EQ(fuzzy[0].diff.size(), 1u);
  EXPECT_EQ(fuzzy[0].diff[0], (EditOp{fuzzy::EditKind::kReplace, 2, 3, 2, 3}));
  EXPECT_EQ(fuzzy[0].source_tokens[2].key, "file");
  EXPECT_EQ(fuzzy[0].query_tokens[2].key, "folder");

  EXPECT_TRUE(store.Lookup("Open the folder.", kEnDe, {.min_score = 0.8}).empty());
}

TEST(Lookup, EnFindsRegionalVariantsAndEnUsPrefersEnUs) {
  ScopedTempDir dir;
  Store store = Store::Open((dir / "tm.tmkit").string());
  // Same source text in three regional variants; unit ids 1, 2, 3.
  store.Import(std::vector{Pair("Pick a colour.", "Wähle eine Farbe (GB).", "en-GB", "de-DE"),
                           Pair("Pick a colour.", "Wähle eine Farbe (US).", "en-US", "de-DE"),
                           Pair("Pick a colour.", "Wähle eine Farbe.", "en", "de-AT")},
               {});
  std::vector<Match> any = store.Lookup("Pick a colour.", kEnDe, {});
  ASSERT_EQ(any.size(), 3u);
  EXPECT_EQ(any[0].source().language.str(), "en");  // the exact tag asked for comes first
  EXPECT_EQ(any[1].source().language.str(), "en-GB");
  EXPECT_EQ(any[2].source().language.str(), "en-US");
  EXPECT_EQ(any[1].target().language.str(), "de-DE");

  std::vector<Match> us = store.Lookup("Pick a colour.", {LanguageTag("en-US"), LanguageTag("de")}, {});
  ASSERT_EQ(us.size(), 3u);
  EXPECT_EQ(us[0].source().language.str(), "en-US");
  EXPECT_EQ(us[0].target().text, "Wähle eine Farbe (US).");

  // Within one unit, the variant in the asked tag is the one matched.
  TranslationUnit both;
  both.variants = {{.language = LanguageTag("en-GB"), .text = "The colour."},
                   {.language = LanguageTag("en-US"), .text = "The color."},
                   {.language = LanguageTag("de"), .text = "Die Farbe."}};
  store.Import(std::vector{both}, {});
  std::vector<Match> color = store.Lookup("The color.", {LanguageTag("en-US"), LanguageTag("de")}, {});
  ASSERT_EQ(color.size(), 1u);
  EXPECT_EQ(color[0].source().language.str(), "en-US");
  EXPECT_EQ(color[0].score, 1.0);

  // Deprecated codes are canonicalised: "iw" is Hebrew, as "he" is.
  store.Import(std::vector{Pair("Good morning", "בוקר טוב", "en", "iw")}, {});
  EXPECT_EQ(store.Lookup("Good morning", {LanguageTag("en"), LanguageTag("he")}, {}).size(), 1u);
  // A language the TM does not hold finds nothing.
  EXPECT_TRUE(store.Lookup("Good morning", {LanguageTag("en"), LanguageTag("sv")}, {}).empty());
}

TEST(Lookup, ChineseSourceIsMatchedByCharacters) {
  ScopedTempDir dir;
  Store store = Store::Open((dir / "tm.tmkit").string());
  store.Import(std::vector{Pair("文件已保存。", "The file was saved.", "zh-CN", "en")}, {});
  std::vector<Match> matches =
      store.Lookup("文件已删除。", {LanguageTag("zh"), LanguageTag("en")}, {.min_score = 0.6});
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_NEAR(matches[0].score, 1.0 - 2.0 / 6.0, 1e-12);
}

// Texts that would be syntax to FTS5 or SQL if they leaked into a query.
const std::vector<std::string> kHostileTexts = {"NOT",
                                                "AND",
                                                "NEAR",
                                                "OR",
                                                "this AND that",
                                                "NOT found",
                                                "NEAR(a b, 3)",
                                                "\"quoted\"",
                                                "say \"hi",
                                                "*",
                                                "pre*",
                                                "(a OR b)",
                                                "a)",
                                                "'; DROP TABLE unit; --",
                                                "x' OR '1'='1",
                                                "col:value",
                                                "^start",
                                                "-minus",
                                                "{braces}",
                                                "a\"b\"c",
                                                "\\",
                                                "%",
                                                "_"};

TEST(Lookup, QueryTextIsDataNeverSyntax) {
  ScopedTempDir dir;
  Store store = Store::Open((dir / "tm.tmkit").string());
  std::vector<TranslationUnit> units;
  for (size_t i = 0; i < kHostileTexts.size(); ++i)
    units.push_back(Pair(kHostileTexts[i], "t" + std::to_string(i)));
  store.Import(units, {});
  for (size_t i = 0; i < kHostileTexts.size(); ++i) {
    const std::vector<Match> matches = store.Lookup(kHostileTexts[i], kEnDe, {.min_score = 1.0});
    // "*", "%", "_" and "\\" are one punctuation token each; every text finds itself.
    ASSERT_FALSE(matches.empty()) << kHostileTexts[i];
    EXPECT_EQ(matches[0].source().text, kHostileTexts[i]);
    EXPECT_EQ(matches[0].kind, MatchKind::kExact);
  }
  EXPECT_EQ(store.Stats().units, kHostileTexts.size());
}

TEST(Lookup, VeryLongQueryIsAnsweredAndInvalidUtf8IsACleanError) {
  ScopedTempDir dir;
  Store store = Store::Open((dir / "tm.tmkit").string());
  store.Import(std::vector{Pair("the file", "die Datei")}, {});
  std::string long_query;
  for (int i = 0; i < 20000; ++i) long_query += "the file word" + std::to_string(i % 100) + " ";
  EXPECT_TRUE(store.Lookup(long_query, kEnDe, {}).empty());
  EXPECT_TRUE(store.Lookup(long_query, kEnDe, {.exhaustive = true}).empty());
  try {
    store.Lookup("the \xC0\xAF file", kEnDe, {});
    FAIL() << "no exception";
  } catch (const ParseError& e) {
    EXPECT_EQ(std::string(e.what()), "query: invalid UTF-8 at byte 4");
  }
  EXPECT_TRUE(store.Lookup("", kEnDe, {}).empty());
  EXPECT_TRUE(store.Lookup("   ", kEnDe, {}).empty());
}

TEST(Concordance, FindsSubstringsCaseInsensitivelyAndHighlightsThem) {
  ScopedTempDir dir;
  Store store = Store::Open((dir / "tm.tmkit").string());
  store.Import(std::vector{Pair("Save the file, then save it again.", "Speichern Sie die Datei."),
                           Pair("Unsaved changes.", "Ungespeicherte Änderungen."), Pair("Open.", "Öffnen.")},
               {});
  std::vector<ConcordanceHit> hits = store.Concordance("SAVE", LanguageTag("en"), {});
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].unit_id, 1);
  EXPECT_EQ(hits[0].highlights, (std::vector<std::pair<size_t, size_t>>{{0, 4}, {20, 24}}));
  EXPECT_EQ(hits[1].highlights, (std::vector<std::pair<size_t, size_t>>{{2, 6}}));
  // Target side, non-ASCII.
  std::vector<ConcordanceHit> german = store.Concordance("änderung", LanguageTag("de"), {});
  ASSERT_EQ(german.size(), 1u);
  EXPECT_EQ(german[0].unit.variants[german[0].variant].text, "Ungespeicherte Änderungen.");
  // Short texts scan.
  std::vector<ConcordanceHit> short_hits = store.Concordance("OP", LanguageTag("en"), {});
  ASSERT_EQ(short_hits.size(), 1u);
  EXPECT_EQ(short_hits[0].highlights, (std::vector<std::pair<size_t, size_t>>{{0, 2}}));
  // ... lowering each code point as the indexed path does: "ö" finds "Ö".
  std::vector<ConcordanceHit> short_german = store.Concordance("ö", LanguageTag("de"), {});
  ASSERT_EQ(short_german.size(), 1u);
  EXPECT_EQ(short_german[0].highlights, (std::vector<std::pair<size_t, size_t>>{{0, 2}}));
  EXPECT_EQ(store.Concordance("save", LanguageTag("en"), {.max_results = 1}).size(), 1u);
  EXPECT_TRUE(store.Concordance("save", LanguageTag("fr"), {}).empty());
  // Non-ASCII case differences, in both directions.
  ASSERT_EQ(store.Concordance("ÄNDERUNGEN", LanguageTag("de"), {}).size(), 1u);
  EXPECT_EQ(store.Concordance("öFFNEN", LanguageTag("de"), {}).at(0).highlights,
            (std::vector<std::pair<size_t, size_t>>{{0, 7}}));
}

// The trigram lists span many blocks (one per import, some interrupted by a
// concordance that flushes the session's trigrams) and hold ids of
// overwritten variants; the walk over them must still give exactly the
// variants a scan finds, in id order, up to max_results.
TEST(Concordance, FindsExactlyWhatAScanFindsAcrossBlocksAndOverwrites) {
  ScopedTempDir dir;
  Store store = Store::Open((dir / "tm.tmkit").string());
  SmallWorld world(7);
  for (int batch = 0; batch < 6; ++batch) {
    ImportSession session = store.BeginImport({.on_duplicate = OnDuplicate::kOverwrite});
    for (int i = 0; i < 60; ++i) {
      const std::string source = SmallWorld::Join(world.Words(2 + world.Next() % 6));
      const std::string target = SmallWorld::Join(world.Words(1 + world.Next() % 6));
      session.Add(Pair(source, target));
      if (i == 30) store.Concordance("the", LanguageTag("en"), {});  // flushes mid-session
    }
    session.Commit();
  }
  // The English texts stored, in unit order (which is variant id order):
  // what a scan would go through.
  std::vector<std::string> english;
  store.ForEachUnit({}, [&english](const TranslationUnit& unit) { english.push_back(unit.variants[0].text); });
  const std::vector<std::string> queries = {"the", "file", "e fi", "Save", "not be", "42 ,", "near of the",
                                            "window window", "zzz", "ave t", "ound"};
  for (const std::string& query : queries) {
    for (size_t max_results : {size_t{1}, size_t{5}, size_t{1000}}) {
      std::vector<std::string> expected;
      for (const std::string& text : english) {
        if (expected.size() < max_results && !text::FindIgnoringCase(text, query).empty()) expected.push_back(text);
      }
      std::vector<std::string> found;
      for (const ConcordanceHit& hit : store.Concordance(query, LanguageTag("en"), {.max_results = max_results})) {
        found.push_back(hit.unit.variants[hit.variant].text);
      }
      EXPECT_EQ(found, expected) << query << " max " << max_results;
    }
  }
}

TEST(Concordance, AVariantHoldingEveryTrigramButNotTheTextIsNoHit) {
  ScopedTempDir dir;
  Store store = Store::Open((dir / "tm.tmkit").string());
  // "abca cab" holds abc, bca and cab, the trigrams of "abcab", but not
  // "abcab" itself; it comes first, so it must not use up max_results.
  store.Import(std::vector{Pair("abca cab", "eins"), Pair("xabcaby", "zwei")}, {});
  const std::vector<ConcordanceHit> hits = store.Concordance("ABCAB", LanguageTag("en"), {.max_results = 1});
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].unit_id, 2);
  EXPECT_EQ(hits[0].highlights, (std::vector<std::pair<size_t, size_t>>{{1, 6}}));
}

TEST(Concordance, QueryTextIsDataNeverSyntax) {
  ScopedTempDir dir;
  Store store = Store::Open((dir / "tm.tmkit").string());
  std::vector<TranslationUnit> units;
  for (size_t i = 0; i < kHostileTexts.size(); ++i) {
    units.push_back(Pair("before " + kHostileTexts[i] + " after", "t" + std::to_string(i)));
  }
  store.Import(units, {});
  for (const std::string& text : kHostileTexts) {
    const std::vector<ConcordanceHit> hits = store.Concordance(text, LanguageTag("en"), {.max_results = 100});
    ASSERT_FALSE(hits.empty()) << text;
    for (const ConcordanceHit& hit : hits) {
      const std::string& found = hit.unit.variants[hit.variant].text;
      ASSERT_FALSE(hit.highlights.empty()) << text;
      for (const auto& [begin, end] : hit.highlights) {
        std::string piece = found.substr(begin, end - begin);
        std::string lowered_piece = piece;
        std::string lowered_text = text;
        for (char& c : lowered_piece) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        for (char& c : lowered_text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        EXPECT_EQ(lowered_piece, lowered_text) << found;
      }
    }
  }
  EXPECT_TRUE(store.Concordance(std::string(100000, 'q'), LanguageTag("en"), {}).empty());
  EXPECT_TRUE(store.Concordance("", LanguageTag("en"), {}).empty());
  try {
    store.Concordance("ab\xFF", LanguageTag("en"), {});
    FAIL() << "no exception";
  } catch (const ParseError& e) {
    EXPECT_EQ(std::string(e.what()), "concordance text: invalid UTF-8 at byte 2");
  }
}

}  // namespace
}  // namespace tmkit::tm
