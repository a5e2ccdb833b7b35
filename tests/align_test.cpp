// Tests of the length model and the banded search: AlignLengths,
// AlignLengthsFullTable and the bead invariants, on generated input.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <vector>

#include "align/band_search.h"
#include "align/gale_church.h"
#include "align/length_model.h"
#include "tests/support/align_generator.h"

namespace tmkit::align {
namespace {

using testing::CountCorrect;
using testing::MakeSyntheticPair;
using testing::SyntheticOptions;

double TotalCost(const Alignment& a) {
  return std::accumulate(a.beads.begin(), a.beads.end(), 0.0, [](double s, const Bead& b) { return s + b.cost; });
}

TEST(AlignLengthsTest, BeadsCoverBothSidesInOrderOnGeneratedInput) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 60; ++trial) {
    // Unrelated sides of unrelated sizes: the worst case for the invariant.
    const size_t n = rng() % 120;
    const size_t m = rng() % 120;
    std::vector<size_t> src(n);
    std::vector<size_t> tgt(m);
    for (size_t& l : src) l = rng() % 300;
    for (size_t& l : tgt) l = rng() % 300;
    const Alignment a = AlignLengths(src, tgt, {.initial_band = 4});
    ASSERT_TRUE(CoversInOrder(a.beads, n, m)) << "n=" << n << " m=" << m;
    for (const Bead& b : a.beads) {
      EXPECT_GE(b.confidence, 0.0);
      EXPECT_LE(b.confidence, 1.0);
      EXPECT_LE(b.src_count, 2u);
      EXPECT_LE(b.tgt_count, 2u);
    }
  }
}

TEST(AlignLengthsTest, EmptySidesGiveOneSidedBeads) {
  const std::vector<size_t> three = {10, 20, 30};
  const std::vector<size_t> none;
  EXPECT_TRUE(AlignLengths(none, none, {}).beads.empty());
  const Alignment only_src = AlignLengths(three, none, {});
  ASSERT_EQ(only_src.beads.size(), 3u);
  EXPECT_TRUE(CoversInOrder(only_src.beads, 3, 0));
  const Alignment only_tgt = AlignLengths(none, three, {});
  ASSERT_EQ(only_tgt.beads.size(), 3u);
  EXPECT_EQ(only_tgt.beads[2].tgt_begin, 2u);
  EXPECT_EQ(only_tgt.beads[2].src_count, 0u);
}

TEST(CoversInOrderTest, RejectsGapsOverlapsAndEmptyBeads) {
  const std::vector<Bead> good = {{0, 1, 0, 1}, {1, 2, 1, 1}, {3, 0, 2, 1}};
  EXPECT_TRUE(CoversInOrder(good, 3, 3));
  EXPECT_FALSE(CoversInOrder(good, 4, 3));
  const std::vector<Bead> gap = {{0, 1, 0, 1}, {2, 1, 1, 1}};
  EXPECT_FALSE(CoversInOrder(gap, 3, 2));
  const std::vector<Bead> empty_bead = {{0, 1, 0, 1}, {1, 0, 1, 0}};
  EXPECT_FALSE(CoversInOrder(empty_bead, 1, 1));
}

TEST(AlignLengthsTest, RecoversMergesAndSplitsOfCleanSyntheticText) {
  const auto pair = MakeSyntheticPair(11, {.beads = 2000});
  const Alignment a = AlignLengths(pair.src_lengths, pair.tgt_lengths, {});
  ASSERT_TRUE(CoversInOrder(a.beads, pair.src_lengths.size(), pair.tgt_lengths.size()));
  const double accuracy = static_cast<double>(CountCorrect(pair.gold, a.beads)) / pair.gold.size();
  EXPECT_GT(accuracy, 0.95);
}

TEST(AlignLengthsTest, BandedSearchFindsTheFullTableOptimum) {
  for (uint32_t seed : {1u, 2u, 3u}) {
    const auto pair = MakeSyntheticPair(seed, {.beads = 300, .noise = 0.2, .merge_rate = 0.1, .split_rate = 0.1});
    const Alignment banded = AlignLengths(pair.src_lengths, pair.tgt_lengths, {});
    const Alignment full = AlignLengthsFullTable(pair.src_lengths, pair.tgt_lengths, {});
    ASSERT_TRUE(CoversInOrder(full.beads, pair.src_lengths.size(), pair.tgt_lengths.size()));
    EXPECT_NEAR(TotalCost(banded), TotalCost(full), 1e-6 * TotalCost(full)) << "seed " << seed;
    EXPECT_EQ(banded.beads.size(), full.beads.size());
  }
}

TEST(AlignLengthsTest, RecoversFromAnOmissionOf200ConsecutiveSentences) {
  // 200 target sentences missing from the middle of 1,500: the band must
  // follow the path off the diagonal and find the diagonal again. Lengths
  // alone cannot say exactly where the gap is (it is explained partly with
  // 2-1 beads); Align() does better with lexical evidence (align_model_test).
  const auto pair = MakeSyntheticPair(5, {.beads = 1500, .merge_rate = 0.0, .split_rate = 0.0,
                                          .omit_at = 600, .omit_count = 200});
  ASSERT_EQ(pair.tgt_lengths.size(), 1300u);
  const Alignment a = AlignLengths(pair.src_lengths, pair.tgt_lengths,
                                      {.length_cost_for_deletions = false, .deletion_cost = 0, .initial_band = 16});
  ASSERT_TRUE(CoversInOrder(a.beads, 1500, 1300));
  // Before the gap, and after it with some slack at its edge, every source
  // sentence is paired with its own translation.
  size_t checked = 0;
  size_t right = 0;
  for (const Bead& b : a.beads) {
    const bool before = b.src_begin + 20 < 600;
    const bool after = b.src_begin >= 900;
    if ((before || after) && b.src_count == 1) {
      ++checked;
      right += b.tgt_count == 1 && b.tgt_begin + (after ? 200 : 0) == b.src_begin;
    }
  }
  EXPECT_GT(checked, 1100u);
  EXPECT_GE(right, checked * 93 / 100);
}

TEST(BandSearchTest, WidensTheBandToFollowAGap) {
  // From the diagonal, a band of 4 cannot hold the path around a gap of 200:
  // the search must widen it where the path is squeezed, until its path is
  // (nearly) the full table's optimum. Widening is local, so the result is a
  // local optimum: within 0.5% of the optimal cost. (Lengths alone leave the
  // place of each deletion nearly free, so the beads themselves may differ.)
  const auto pair = MakeSyntheticPair(5, {.beads = 800, .merge_rate = 0.0, .split_rate = 0.0, .omit_at = 300,
                                          .omit_count = 200});
  const GaleChurchParams params{.length_cost_for_deletions = false, .deletion_cost = 0};
  const std::vector<double> src = internal::PrefixSums(pair.src_lengths);
  const std::vector<double> tgt = internal::PrefixSums(pair.tgt_lengths);
  const internal::Priors priors = internal::MakePriors(params);
  auto cost = [&](size_t i, size_t j, int di, int dj) {
    const double prior = priors.cost[internal::TypeIndex(di, dj)];
    if (di == 0 || dj == 0) return prior;
    return prior + internal::LengthCost(src[i + static_cast<size_t>(di)] - src[i],
                                        tgt[j + static_cast<size_t>(dj)] - tgt[j], params.c, params.s2);
  };
  struct Cost {
    decltype(cost)& fn;
    void Prepare(const internal::Band&) {}
    double operator()(size_t i, size_t j, int di, int dj) const { return fn(i, j, di, dj); }
  };
  size_t band = 0;
  const std::vector<Bead> banded = internal::SearchWithWidening(
      800, 600, params, priors, internal::DiagonalPath(800, 600), 4, Cost{cost}, &band);
  const std::vector<Bead> full = internal::BestPath(internal::FullBand(800, 600), 800, 600, priors.allowed, cost);
  EXPECT_GE(band, 32u);
  ASSERT_TRUE(CoversInOrder(banded, 800, 600));
  double banded_cost = 0;
  double full_cost = 0;
  for (const Bead& b : banded) banded_cost += b.cost;
  for (const Bead& b : full) full_cost += b.cost;
  EXPECT_LE(banded_cost, full_cost + 0.005 * std::fabs(full_cost));
  // Without widening, the band of 4 around the diagonal is far worse.
  const std::vector<Bead> narrow =
      internal::BestPath(internal::BandAroundPath(internal::DiagonalPath(800, 600), 800, 600, 4), 800, 600,
                         priors.allowed, cost);
  double narrow_cost = 0;
  for (const Bead& b : narrow) narrow_cost += b.cost;
  EXPECT_GT(narrow_cost, full_cost + 0.05 * std::fabs(full_cost));
}

TEST(AlignLengthsTest, ConfidenceIsHighOnCleanBeadsAndLowerOnAmbiguousOnes) {
  const auto clean = MakeSyntheticPair(21, {.beads = 500, .noise = 0.03, .merge_rate = 0, .split_rate = 0});
  const Alignment a = AlignLengths(clean.src_lengths, clean.tgt_lengths, {});
  double clean_mean = 0;
  for (const Bead& b : a.beads) clean_mean += b.confidence;
  clean_mean /= a.beads.size();
  const auto noisy = MakeSyntheticPair(21, {.beads = 500, .noise = 0.4, .merge_rate = 0.1, .split_rate = 0.1});
  const Alignment b = AlignLengths(noisy.src_lengths, noisy.tgt_lengths, {});
  double noisy_mean = 0;
  for (const Bead& bead : b.beads) noisy_mean += bead.confidence;
  noisy_mean /= b.beads.size();
  EXPECT_GT(clean_mean, 0.9);
  EXPECT_LT(noisy_mean, clean_mean - 0.1);
}

}  // namespace
}  // namespace tmkit::align
