// Seeded synthetic parallel "texts" for the aligner's tests and benchmarks:
// source sentence lengths, target lengths drawn around c times them, and the
// true beads (1-1 mostly, with merges, splits, and optional omissions).
// Header-only so bench/ and tests/ share it without a build change.
#ifndef TMKIT_TESTS_SUPPORT_ALIGN_GENERATOR_H_
#define TMKIT_TESTS_SUPPORT_ALIGN_GENERATOR_H_

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include "align/gale_church.h"

namespace tmkit::testing {

struct SyntheticPair {
  std::vector<size_t> src_lengths;
  std::vector<size_t> tgt_lengths;
  std::vector<align::Bead> gold;  // covers both sides, in order
};

struct SyntheticOptions {
  size_t beads = 1000;          // number of beads before any omission
  double ratio = 1.0;           // target characters per source character
  double noise = 0.08;          // relative standard deviation of a target length
  double merge_rate = 0.03;     // share of 2-1 beads
  double split_rate = 0.03;     // share of 1-2 beads
  size_t omit_at = 0;           // first bead whose target side is deleted...
  size_t omit_count = 0;        // ...and how many consecutive ones (0: none)
};

inline SyntheticPair MakeSyntheticPair(uint32_t seed, const SyntheticOptions& options) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::lognormal_distribution<double> sentence(4.3, 0.5);  // median about 74 characters
  std::normal_distribution<double> noise(0.0, options.noise);
  auto draw = [&] { return std::max<size_t>(5, static_cast<size_t>(sentence(rng))); };
  // At least 1 character. (Clamped before the conversion: a noise below -1
  // once turned into a length of about 1.8e19, whose bead costs of 1e18
  // left the sums of the confidence test without any precision.)
  auto translate = [&](double src_total) {
    return static_cast<size_t>(std::lround(std::max(1.0, src_total * options.ratio * (1.0 + noise(rng)))));
  };
  SyntheticPair pair;
  for (size_t b = 0; b < options.beads; ++b) {
    const double r = unit(rng);
    align::Bead bead{.src_begin = pair.src_lengths.size(), .tgt_begin = pair.tgt_lengths.size()};
    const bool omitted = options.omit_count > 0 && b >= options.omit_at && b < options.omit_at + options.omit_count;
    if (r < options.merge_rate) {
      const size_t a = draw();
      const size_t c = draw();
      pair.src_lengths.insert(pair.src_lengths.end(), {a, c});
      bead.src_count = 2;
      if (!omitted) {
        pair.tgt_lengths.push_back(translate(static_cast<double>(a + c)));
        bead.tgt_count = 1;
      }
    } else if (r < options.merge_rate + options.split_rate) {
      const size_t a = draw();
      pair.src_lengths.push_back(a);
      bead.src_count = 1;
      if (!omitted) {
        const size_t total = translate(static_cast<double>(a));
        const size_t first = std::max<size_t>(1, static_cast<size_t>(total * (0.3 + 0.4 * unit(rng))));
        pair.tgt_lengths.insert(pair.tgt_lengths.end(), {first, std::max<size_t>(1, total - first)});
        bead.tgt_count = 2;
      }
    } else {
      const size_t a = draw();
      pair.src_lengths.push_back(a);
      bead.src_count = 1;
      if (!omitted) {
        pair.tgt_lengths.push_back(translate(static_cast<double>(a)));
        bead.tgt_count = 1;
      }
    }
    if (omitted) {
      // An omitted merge is two 1-0 beads, not a 2-0 bead.
      for (size_t k = 0; k < bead.src_count; ++k) {
        pair.gold.push_back({.src_begin = bead.src_begin + k, .src_count = 1, .tgt_begin = bead.tgt_begin});
      }
    } else {
      pair.gold.push_back(bead);
    }
  }
  return pair;
}

// Number of beads of `hyp` that are also in `gold` (same four indices).
inline size_t CountCorrect(const std::vector<align::Bead>& gold, const std::vector<align::Bead>& hyp) {
  size_t correct = 0;
  size_t g = 0;
  for (const align::Bead& h : hyp) {
    while (g < gold.size() && (gold[g].src_begin < h.src_begin ||
                               (gold[g].src_begin == h.src_begin && gold[g].tgt_begin < h.tgt_begin))) {
      ++g;
    }
    if (g < gold.size() && gold[g].src_begin == h.src_begin && gold[g].tgt_begin == h.tgt_begin &&
        gold[g].src_count == h.src_count && gold[g].tgt_count == h.tgt_count) {
      ++correct;
    }
  }
  return correct;
}

}  // namespace tmkit::testing

#endif  // TMKIT_TESTS_SUPPORT_ALIGN_GENERATOR_H_
