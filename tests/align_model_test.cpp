// Tests of Align(): the full model (estimation, anchors, lexical model,
// paragraphs) on generated text and on the sample pair.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "align/features.h"
#include "align/gale_church.h"
#include "pipeline/align_documents.h"
#include "tests/support/align_generator.h"
#include "tests/support/test_support.h"

namespace tmkit::align {
namespace {

using testing::CountCorrect;

// Segments that carry only a length (no text, so no anchors).
std::vector<Segment> LengthOnly(const std::vector<size_t>& lengths) {
  std::vector<Segment> segments(lengths.size());
  for (size_t k = 0; k < lengths.size(); ++k) segments[k].length = lengths[k];
  return segments;
}

// A made-up "translation": every word spelled backwards, sentences kept with
// their numbers. The lexical model can learn it; identical-word anchors
// cannot see it (except for palindromes).
std::string Mirror(const std::string& sentence) {
  std::istringstream words(sentence);
  std::string word;
  std::string out;
  while (words >> word) {
    std::reverse(word.begin(), word.end());
    out += (out.empty() ? "" : " ") + word;
  }
  return out;
}

struct TextPair {
  std::vector<Segment> src;
  std::vector<Segment> tgt;
  std::vector<Bead> gold;
};

// 1-1 sentence pairs, one in ten with a number, and the target sentences of
// beads [omit_at, omit_at + omit_count) deleted.
TextPair MakeTextPair(uint32_t seed, size_t count, size_t omit_at, size_t omit_count) {
  testing::TextGenerator gen(seed);
  TextPair pair;
  for (size_t k = 0; k < count; ++k) {
    std::string sentence = gen.Sentence(4, 25);
    if (gen.Uniform(0, 9) == 0) sentence += " " + std::to_string(gen.Uniform(10, 3000));
    const bool omitted = k >= omit_at && k < omit_at + omit_count;
    pair.gold.push_back({.src_begin = pair.src.size(), .src_count = 1, .tgt_begin = pair.tgt.size(),
                         .tgt_count = omitted ? 0u : 1u});
    pair.src.push_back({.text = sentence, .length = sentence.size()});
    if (!omitted) {
      const std::string translated = Mirror(sentence);
      pair.tgt.push_back({.text = translated, .length = translated.size()});
    }
  }
  return pair;
}

TEST(AlignTest, EstimatesTheLengthRatioOfTheTextsItself) {
  // Like English → Korean: 0.38 target characters per source character.
  const auto pair = testing::MakeSyntheticPair(3, {.beads = 1500, .ratio = 0.38});
  const Alignment estimated = Align(LengthOnly(pair.src_lengths), LengthOnly(pair.tgt_lengths), {});
  EXPECT_NEAR(estimated.c, 0.38, 0.01);
  EXPECT_LT(estimated.s2, 6.8);
  const double right = static_cast<double>(CountCorrect(pair.gold, estimated.beads)) / pair.gold.size();
  EXPECT_GT(right, 0.97);
}

TEST(AlignTest, EstimatesEnglishKoreanRatioOnTheSample) {
  const auto en = testing::ReadFile(testing::SourcePath("samples/dprk-cuba/en.sentences.txt"));
  const auto ko = testing::ReadFile(testing::SourcePath("samples/dprk-cuba/ko.sentences.txt"));
  const Alignment a = Align(pipeline::ReadSentenceLines(en, "en"), pipeline::ReadSentenceLines(ko, "ko"), {});
  // About 2.6 English characters per Korean one.
  EXPECT_GT(a.c, 0.33);
  EXPECT_LT(a.c, 0.45);
}

TEST(AlignTest, RecoversFromAnOmissionOf200ConsecutiveSentences) {
  const TextPair pair = MakeTextPair(17, 1200, 500, 200);
  ASSERT_EQ(pair.tgt.size(), 1000u);
  const Alignment a = Align(pair.src, pair.tgt, {});
  ASSERT_TRUE(CoversInOrder(a.beads, 1200, 1000));
  const size_t right = CountCorrect(pair.gold, a.beads);
  EXPECT_GE(right, pair.gold.size() * 98 / 100) << right << " of " << pair.gold.size();
  size_t deletions = 0;
  for (const Bead& b : a.beads) deletions += b.tgt_count == 0;
  EXPECT_GE(deletions, 190u);
  EXPECT_LE(deletions, 210u);
}

// Issue 7's pathological shape: a long text against one sentence (and the
// reverse). The search must stay linear and cover everything, whatever the
// length ratio says (tmkit align on 1,000,000 against 1: 3.3 s CPU, 674 MB).
TEST(AlignTest, ManySentencesAgainstOneCoverBothSidesInOrder) {
  const TextPair pair = MakeTextPair(23, 20000, 0, 0);
  const std::vector<Segment> one(pair.tgt.begin() + 12345, pair.tgt.begin() + 12346);
  const Alignment forward = Align(pair.src, one, {});
  ASSERT_TRUE(CoversInOrder(forward.beads, 20000, 1));
  const Alignment backward = Align(one, pair.src, {});
  ASSERT_TRUE(CoversInOrder(backward.beads, 1, 20000));
  // Nearly everything is necessarily unaligned.
  size_t unaligned = 0;
  for (const Bead& b : forward.beads) unaligned += b.tgt_count == 0 ? b.src_count : 0;
  EXPECT_GE(unaligned, 19997u);
}

// A translator who tripled one sentence: its lengths alone say "deletion
// plus insertion"; joined, it is the 1-1 bead it really is, and only there
// does the option change anything.
TEST(AlignTest, JoinsADeletionNextToAnInsertionIntoOneBead) {
  TextPair pair = MakeTextPair(23, 300, 0, 0);
  std::vector<size_t> expanded;
  for (size_t k = 40; k < 300; k += 60) {
    Segment& t = pair.tgt[k];
    t.text = t.text + " " + Mirror(pair.src[k + 1].text) + " " + Mirror(pair.src[k + 2].text) + " " +
             Mirror(pair.src[k + 3].text);
    t.length = t.text.size();
    expanded.push_back(k);
  }
  AlignOptions separate;
  separate.join_opposite_deletions = false;
  const Alignment without = Align(pair.src, pair.tgt, separate);
  const Alignment with = Align(pair.src, pair.tgt, {});
  ASSERT_TRUE(CoversInOrder(without.beads, 300, 300));
  ASSERT_TRUE(CoversInOrder(with.beads, 300, 300));
  size_t opposite_pairs = 0;
  for (size_t b = 1; b < without.beads.size(); ++b) {
    const Bead& x = without.beads[b - 1];
    const Bead& y = without.beads[b];
    opposite_pairs += (x.src_count + y.src_count == 1 && x.tgt_count + y.tgt_count == 1 &&
                       (x.src_count == 0) != (y.src_count == 0));
  }
  EXPECT_GE(opposite_pairs, 1u);  // the case exists without the option
  EXPECT_EQ(CountCorrect(pair.gold, with.beads), pair.gold.size());
  EXPECT_EQ(with.beads.size(), 300u);
}

// A translation that covers half of the source, in two pieces, with its
// sentences as long as theirs (c = 1): the ratio of the whole texts (about
// 0.5) started the length model so far off that 1 bead of 400 came out
// right; the ratio of the mean sentences starts it right.
TEST(AlignTest, StartsTheLengthRatioFromTheMeanSentences) {
  TextPair pair = MakeTextPair(29, 300, 40, 100);
  {
    TextPair tail = MakeTextPair(31, 100, 0, 100);  // 100 more source sentences, untranslated
    for (Bead& b : tail.gold) b.src_begin += pair.src.size(), b.tgt_begin = pair.tgt.size();
    pair.src.insert(pair.src.end(), tail.src.begin(), tail.src.end());
    pair.gold.insert(pair.gold.end(), tail.gold.begin(), tail.gold.end());
  }
  ASSERT_EQ(pair.src.size(), 400u);
  ASSERT_EQ(pair.tgt.size(), 200u);
  const Alignment a = Align(pair.src, pair.tgt, {});
  ASSERT_TRUE(CoversInOrder(a.beads, 400, 200));
  EXPECT_NEAR(a.c, 1.0, 0.1);
  const size_t right = CountCorrect(pair.gold, a.beads);
  EXPECT_GE(right, pair.gold.size() * 95 / 100) << right << " of " << pair.gold.size();
}

TEST(AlignTest, BeadsCoverBothSidesInOrderWithRandomParagraphs) {
  std::mt19937 rng(99);
  for (int trial = 0; trial < 20; ++trial) {
    TextPair pair = MakeTextPair(static_cast<uint32_t>(trial), 30 + rng() % 60, rng() % 40, rng() % 10);
    // Paragraph breaks at random, unrelated on the two sides.
    size_t paragraph = 0;
    for (Segment& s : pair.src) s.paragraph = (paragraph += rng() % 4 == 0);
    paragraph = 0;
    for (Segment& s : pair.tgt) s.paragraph = (paragraph += rng() % 3 == 0);
    const Alignment a = Align(pair.src, pair.tgt, {});
    ASSERT_TRUE(CoversInOrder(a.beads, pair.src.size(), pair.tgt.size())) << "trial " << trial;
    for (const Bead& b : a.beads) {
      EXPECT_GE(b.confidence, 0.0);
      EXPECT_LE(b.confidence, 1.0);
    }
  }
}

TEST(AlignTest, KeepsBeadsInsideAlignedParagraphs) {
  // Two paragraphs; lengths alone would pair the last sentence of the first
  // with the first of the second, but the paragraph structure forbids it.
  const std::vector<Segment> src = {{.text = "Alpha beta gamma.", .paragraph = 0},
                                    {.text = "Delta epsilon.", .paragraph = 0},
                                    {.text = "Zeta eta theta iota kappa.", .paragraph = 1},
                                    {.text = "Lambda.", .paragraph = 1}};
  const std::vector<Segment> tgt = {{.text = "Ahpla ateb ammag.", .paragraph = 0},
                                    {.text = "Atled nolispe atez ate.", .paragraph = 1},
                                    {.text = "Ateht atoi appak adbmal.", .paragraph = 1}};
  const Alignment a = Align(src, tgt, {});
  ASSERT_TRUE(CoversInOrder(a.beads, 4, 3));
  for (const Bead& b : a.beads) {
    if (b.src_count > 0 && b.tgt_count > 0) {
      EXPECT_EQ(src[b.src_begin].paragraph, tgt[b.tgt_begin].paragraph) << b.src_begin << ":" << b.tgt_begin;
    }
  }
}

TEST(AlignBatchTest, OneDocumentIsAlign) {
  const TextPair pair = MakeTextPair(4, 150, 60, 3);
  const DocumentSegments document{&pair.src, &pair.tgt};
  const std::vector<Alignment> batch = AlignBatch(std::span(&document, 1), {});
  ASSERT_EQ(batch.size(), 1u);
  EXPECT_EQ(batch[0].beads, Align(pair.src, pair.tgt, {}).beads);
}

TEST(AlignBatchTest, AlignsEveryDocumentOfTheBatch) {
  const TextPair a = MakeTextPair(5, 200, 50, 2);
  const TextPair b = MakeTextPair(6, 30, 10, 1);
  const TextPair empty;
  const std::vector<DocumentSegments> documents = {{&a.src, &a.tgt}, {&empty.src, &empty.tgt}, {&b.src, &b.tgt}};
  const std::vector<Alignment> batch = AlignBatch(documents, {});
  ASSERT_EQ(batch.size(), 3u);
  EXPECT_TRUE(CoversInOrder(batch[0].beads, a.src.size(), a.tgt.size()));
  EXPECT_TRUE(batch[1].beads.empty());
  EXPECT_TRUE(CoversInOrder(batch[2].beads, b.src.size(), b.tgt.size()));
  EXPECT_GE(CountCorrect(a.gold, batch[0].beads), a.gold.size() * 97 / 100);
  EXPECT_GE(CountCorrect(b.gold, batch[2].beads), b.gold.size() * 90 / 100);
}

// Progress reports grow, never pass the total, end at it, and count six
// units a sentence (features, two passes, the lexical model), one for the
// plain model.
TEST(AlignBatchTest, ReportsProgressUpToTheTotal) {
  const TextPair a = MakeTextPair(5, 200, 50, 2);
  const TextPair b = MakeTextPair(6, 30, 10, 1);
  const std::vector<DocumentSegments> documents = {{&a.src, &a.tgt}, {&b.src, &b.tgt}};
  const size_t sentences = a.src.size() + a.tgt.size() + b.src.size() + b.tgt.size();
  for (const bool plain : {false, true}) {
    std::vector<std::pair<size_t, size_t>> calls;
    AlignOptions options;
    if (plain) {
      options = {.params = GaleChurchParams{}, .estimate_length_model = false, .use_anchors = false,
                 .use_lexical_model = false, .max_paragraph_ratio = 0};
    }
    options.progress = [&](size_t done, size_t total) { calls.push_back({done, total}); };
    AlignBatch(documents, options);
    ASSERT_FALSE(calls.empty()) << plain;
    const size_t total = plain ? sentences : 6 * sentences;
    for (size_t k = 0; k < calls.size(); ++k) {
      EXPECT_EQ(calls[k].second, total) << plain;
      EXPECT_LE(calls[k].first, total) << plain;
      if (k > 0) {
        EXPECT_GT(calls[k].first, calls[k - 1].first) << plain;
      }
    }
    EXPECT_EQ(calls.back().first, total) << plain;
    if (plain) {
      EXPECT_EQ(calls.size(), 2u);  // per document
    } else {
      EXPECT_GE(calls.size(), 7u);  // 3 per document + 1, and some during the searches
    }
  }
}

// A long document: the bar moves inside each pass (per band rows), not only
// between the stages.
TEST(AlignBatchTest, ReportsProgressDuringTheSearch) {
  const TextPair a = MakeTextPair(7, 3000, 1000, 5);
  const size_t sentences = a.src.size() + a.tgt.size();
  std::vector<size_t> done;
  AlignOptions options;
  options.progress = [&](size_t d, size_t total) {
    EXPECT_EQ(total, 6 * sentences);
    done.push_back(d);
  };
  const Alignment result = Align(a.src, a.tgt, options);
  ASSERT_TRUE(CoversInOrder(result.beads, a.src.size(), a.tgt.size()));
  ASSERT_FALSE(done.empty());
  EXPECT_TRUE(std::is_sorted(done.begin(), done.end()));
  EXPECT_EQ(std::adjacent_find(done.begin(), done.end()), done.end());  // strictly increasing
  EXPECT_EQ(done.back(), 6 * sentences);
  // Pass 1 runs from `sentences` (features done) to 3 * sentences; pass 2
  // from 4 * sentences (the lexical model done) to 6 * sentences.
  const auto inside = [&](size_t from, size_t to) {
    return std::count_if(done.begin(), done.end(), [&](size_t d) { return d > from && d < to; });
  };
  EXPECT_GE(inside(sentences, 3 * sentences), 10);
  EXPECT_GE(inside(4 * sentences, 6 * sentences), 10);
}

TEST(FeaturesTest, Latin1FastPathMatchesTheIcuPath) {
  // The second sentence has a code point beyond Latin-1 (☺), so it goes
  // through ICU; apart from it, both must give the same keys and stems.
  const std::vector<Segment> segments = {
      {.text = "Él DIJO: «¿Don't you see the Révolution of 1,960?» Straße."},
      {.text = "Él DIJO: «¿Don't you see the Révolution of 1,960?» Straße. ☺"}};
  internal::Vocabulary vocabulary;
  const internal::SideFeatures f = internal::ExtractFeatures(segments, vocabulary);
  EXPECT_EQ(f.sentences[0].anchors, f.sentences[1].anchors);
  EXPECT_EQ(f.sentences[0].words, f.sentences[1].words);
  // "révolution" and "revolution" share their identical-word key.
  const std::vector<Segment> plain = {{.text = "The revolution"}};
  const internal::SideFeatures g = internal::ExtractFeatures(plain, vocabulary);
  EXPECT_GE(internal::CountMatches(f.sentences[0].anchors, g.sentences[0].anchors)[1], 1);
}

// Dense ids in insertion order through several doublings of the table, the
// same id for a key inserted again, key 0 like any other (the first key
// here), kAbsent for keys never inserted.
TEST(FeaturesTest, KeyIdsAreDenseAndStable) {
  internal::KeyIds ids;
  std::vector<uint64_t> keys;
  for (uint64_t k = 0; k < 20000; ++k) keys.push_back((k * 0x9E3779B97F4A7C15ull) >> 4 | (k % 6) << 60);
  for (size_t k = 0; k < keys.size(); ++k) ASSERT_EQ(ids.Insert(keys[k]), k);
  EXPECT_EQ(ids.size(), keys.size());
  for (size_t k = 0; k < keys.size(); ++k) {
    EXPECT_EQ(ids.Insert(keys[k]), k);
    EXPECT_EQ(ids.Find(keys[k]), k);
    EXPECT_EQ(ids.key(static_cast<uint32_t>(k)), keys[k]);
  }
  EXPECT_EQ(ids.size(), keys.size());
  EXPECT_EQ(keys[0], 0u);
  EXPECT_EQ(ids.Find(0), 0u);
  EXPECT_EQ(ids.Find(keys[7] ^ (uint64_t{1} << 63)), internal::KeyIds::kAbsent);
  EXPECT_EQ(ids.Find(keys[7] + 1), internal::KeyIds::kAbsent);
}

// The indexed row scores of the search equal PairScore on every cell, for
// windows that move right by uneven steps, with repeated keys (a word twice
// in one sentence and once in the other counts once), and after Rewind().
TEST(FeaturesTest, PairScorerRowsEqualPairScore) {
  testing::TextGenerator gen(11);
  std::vector<Segment> src;
  std::vector<Segment> tgt;
  for (size_t k = 0; k < 120; ++k) {
    std::string sentence = gen.Sentence(3, 12);
    if (k % 3 == 0) sentence += " " + std::to_string(gen.Uniform(1, 40)) + " " + std::to_string(gen.Uniform(1, 40));
    if (k % 5 == 0) sentence += " (really?) \"yes\"";
    src.push_back({.text = sentence});
    // Targets: the same words, a few dropped and a neighbour's words mixed in.
    std::string target = sentence;
    if (k % 4 == 1) target = gen.Sentence(3, 12) + " " + target;
    if (k % 7 == 2) target += " " + target;
    tgt.push_back({.text = target});
  }
  tgt.push_back({.text = "A target with nothing in common 999."});
  internal::Vocabulary src_vocabulary;
  internal::Vocabulary tgt_vocabulary;
  internal::SideFeatures s = internal::ExtractFeatures(src, src_vocabulary);
  internal::SideFeatures t = internal::ExtractFeatures(tgt, tgt_vocabulary);
  internal::CountKinds(s);
  internal::CountKinds(t);
  internal::KeyModel model;
  model.weight = {2.5, 2.0, 0.8, 0.8, 0.6, 1.0};
  model.chance = internal::EstimateChance(s, t, 500);
  ASSERT_GT(model.chance[0], 0.0);
  internal::PairScorer scorer(s, t, model);
  size_t nonzero_matches = 0;
  for (int round = 0; round < 2; ++round) {
    size_t lo = 0;
    for (size_t i = 0; i < src.size(); ++i) {
      lo = std::min(t.sentences.size() - 1, lo + static_cast<size_t>(gen.Uniform(0, 2)));
      const size_t hi = std::min(t.sentences.size() - 1, lo + static_cast<size_t>(gen.Uniform(0, 9)));
      std::vector<float> row(hi - lo + 1, -1e9f);
      scorer.ScoreRow(i, lo, hi, row.data());
      for (size_t j = lo; j <= hi; ++j) {
        const double expected = internal::PairScore(s.sentences[i], t.sentences[j], model);
        EXPECT_NEAR(row[j - lo], expected, 1e-4) << i << " " << j;
        const auto matches = internal::CountMatches(s.sentences[i].anchors, t.sentences[j].anchors);
        for (int kind = 0; kind < internal::kKeyKindCount; ++kind) nonzero_matches += matches[kind] > 0;
      }
    }
    scorer.Rewind();
  }
  EXPECT_GT(nonzero_matches, 100u);  // the test compares real matches, not only chance terms
}

// A sentence of `length` characters with no word, number or other key
// (only '~' and spaces), ending in `ending`, with a comma after its first
// word when `inner_comma`: only its length and punctuation tell.
Segment Unreadable(size_t length, char ending, bool inner_comma) {
  std::string text;
  while (text.size() + 1 < length) text += (text.size() % 6 == 5) ? ' ' : '~';
  if (inner_comma) text[5] = ',';
  text += ending;
  return {.text = text, .length = text.size()};
}

// 1-1 pairs of unreadable sentences (every fifth ends in a comma on both
// sides, the rest in a full stop; no inner marks), with one place where the
// target folds a short source fragment into the next sentence: source
// "P." "F," "B." (80, 16 and 120 characters) against target "P'." "F' B'."
// (lengths given), the fragment's translation so short, and P' so much
// longer than P, that by lengths F belongs to P.
// Gold there: [P]:[P'] and [F, B]:[T].
struct FoldedPair {
  std::vector<Segment> src;
  std::vector<Segment> tgt;
  std::vector<Bead> gold;
};

FoldedPair MakeFoldedPair(size_t p_length, size_t t_length, bool target_has_inner_mark, char fragment_ending) {
  const auto lengths = testing::MakeSyntheticPair(29, {.beads = 200, .merge_rate = 0, .split_rate = 0});
  FoldedPair pair;
  for (size_t k = 0; k < lengths.src_lengths.size(); ++k) {
    if (k == 100) {
      pair.gold.push_back({.src_begin = pair.src.size(), .src_count = 1, .tgt_begin = pair.tgt.size(), .tgt_count = 1});
      pair.gold.push_back(
          {.src_begin = pair.src.size() + 1, .src_count = 2, .tgt_begin = pair.tgt.size() + 1, .tgt_count = 1});
      pair.src.push_back(Unreadable(80, '.', false));
      pair.src.push_back(Unreadable(16, fragment_ending, false));
      pair.src.push_back(Unreadable(120, '.', false));
      pair.tgt.push_back(Unreadable(p_length, '.', false));
      pair.tgt.push_back(Unreadable(t_length, '.', target_has_inner_mark));
    }
    const char ending = k % 5 == 0 ? ',' : '.';
    pair.gold.push_back({.src_begin = pair.src.size(), .src_count = 1, .tgt_begin = pair.tgt.size(), .tgt_count = 1});
    pair.src.push_back(Unreadable(lengths.src_lengths[k], ending, false));
    pair.tgt.push_back(Unreadable(lengths.tgt_lengths[k], ending, false));
  }
  return pair;
}

bool HasBead(const std::vector<Bead>& beads, const Bead& want) {
  return std::any_of(beads.begin(), beads.end(), [&](const Bead& b) {
    return b.src_begin == want.src_begin && b.src_count == want.src_count && b.tgt_begin == want.tgt_begin &&
           b.tgt_count == want.tgt_count;
  });
}

// AlignOptions::unmarked_split_cost decides the 2-1 bead: by lengths the
// fragment joins the sentence before, whose translation has no mark where
// it would have been split; the sentence after has one (a comma).
TEST(AlignTest, AManyToOneBeadNeedsAMarkInTheOneSentence) {
  const FoldedPair pair = MakeFoldedPair(92, 128, true, '.');
  const Bead folded = pair.gold[101];
  ASSERT_EQ(folded.src_count, 2u);
  AlignOptions options;
  options.ending_weight = 0;  // the fragment ends in a full stop, like everything: endings cannot tell
  options.unmarked_split_cost = 0;
  const Alignment without = Align(pair.src, pair.tgt, options);
  EXPECT_FALSE(HasBead(without.beads, folded));
  EXPECT_TRUE(HasBead(without.beads, {.src_begin = 100, .src_count = 2, .tgt_begin = 100, .tgt_count = 1}));
  options.unmarked_split_cost = AlignOptions{}.unmarked_split_cost;
  const Alignment with = Align(pair.src, pair.tgt, options);
  EXPECT_TRUE(HasBead(with.beads, folded));
  EXPECT_EQ(CountCorrect(pair.gold, with.beads), pair.gold.size());
  // Without the comma in the one sentence nothing tells the two readings
  // apart but the lengths, which win again.
  const FoldedPair unmarked = MakeFoldedPair(92, 128, false, '.');
  EXPECT_FALSE(HasBead(Align(unmarked.src, unmarked.tgt, options).beads, folded));
}

// AlignOptions::ending_weight decides the same bead when the fragment ends
// in a comma: a bead ending in a comma on one side and a full stop on the
// other is rare among this pair's confident beads, so the fragment goes
// with the sentence it continues. No inner mark anywhere: the split cue
// cannot tell.
TEST(AlignTest, ABeadEndingInACommaAgainstAFullStopCosts) {
  const FoldedPair pair = MakeFoldedPair(91, 129, false, ',');
  const Bead folded = pair.gold[101];
  AlignOptions options;
  options.unmarked_split_cost = 0;
  options.ending_weight = 0;
  const Alignment without = Align(pair.src, pair.tgt, options);
  EXPECT_FALSE(HasBead(without.beads, folded));
  options.ending_weight = AlignOptions{}.ending_weight;
  const Alignment with = Align(pair.src, pair.tgt, options);
  EXPECT_TRUE(HasBead(with.beads, folded));
  EXPECT_EQ(CountCorrect(pair.gold, with.beads), pair.gold.size());
}

TEST(FeaturesTest, PunctuationOfASentence) {
  using internal::Ending;
  using internal::PunctuationOf;
  EXPECT_EQ(PunctuationOf("Now, therefore,").ending, Ending::kComma);
  EXPECT_EQ(PunctuationOf("Now, therefore,").inner_marks, 1);
  EXPECT_EQ(PunctuationOf("The General Assembly").ending, Ending::kNone);
  EXPECT_EQ(PunctuationOf("The General Assembly").inner_marks, 0);
  EXPECT_EQ(PunctuationOf("He said: \"Go!\" ").ending, Ending::kStop);  // through the quote and the space
  EXPECT_EQ(PunctuationOf("He said: \"Go!\" ").inner_marks, 1);
  EXPECT_EQ(PunctuationOf("Really?!").inner_marks, 0);  // the whole final run is the ending
  EXPECT_EQ(PunctuationOf("因此现在，大会，发布；").ending, Ending::kColon);
  EXPECT_EQ(PunctuationOf("因此现在，大会，发布；").inner_marks, 2);
  EXPECT_EQ(PunctuationOf("「ええ、そうです。」").ending, Ending::kStop);
  EXPECT_EQ(PunctuationOf("「ええ、そうです。」").inner_marks, 1);
  EXPECT_EQ(PunctuationOf("鉴于对这些权利和自由的普遍了解、").ending, Ending::kComma);
  EXPECT_EQ(PunctuationOf("هل أنت هنا؟").ending, Ending::kStop);
  EXPECT_EQ(PunctuationOf("").ending, Ending::kNone);
  EXPECT_EQ(PunctuationOf("  ").inner_marks, 0);
}

TEST(AlignTest, EmptyInputs) {
  const std::vector<Segment> none;
  const std::vector<Segment> two = {{.text = "One."}, {.text = "Two."}};
  EXPECT_TRUE(Align(none, none, {}).beads.empty());
  EXPECT_TRUE(CoversInOrder(Align(two, none, {}).beads, 2, 0));
  EXPECT_TRUE(CoversInOrder(Align(none, two, {}).beads, 0, 2));
}

}  // namespace
}  // namespace tmkit::align
