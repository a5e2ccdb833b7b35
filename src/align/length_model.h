// Private to align/: the Gale-Church length cost and the banded search loop
// with band widening, shared by AlignLengths() and Align().
//
// Legend: l1, l2 are the summed source and target lengths of a bead; c the
// expected target characters per source character; s2 the variance per
// character; z the normalised difference; all costs are in nats.
#ifndef TMKIT_ALIGN_LENGTH_MODEL_H_
#define TMKIT_ALIGN_LENGTH_MODEL_H_

#include <cmath>
#include <functional>
#include <span>
#include <vector>

#include "align/band_search.h"
#include "align/gale_church.h"

namespace tmkit::align::internal {

// -log P(|z| or more) for a standard normal, two-tailed: -log erfc(|z|/√2).
// Uses the asymptotic form where erfc would underflow.
double TailCost(double z);

// The length part of a bead's cost: TailCost of
// z = (l2 - c·l1) / sqrt(s2 · (l1 + l2/c) / 2), the form of Gale & Church's
// published program (the mean of the two lengths, in source units).
inline double LengthCost(double l1, double l2, double c, double s2) {
  const double mean = (l1 + l2 / c) / 2;
  if (mean <= 0) return 0;
  return TailCost((l2 - c * l1) / std::sqrt(s2 * mean));
}

// -log prior of each bead type of kBeadTypes, +inf for types turned off; and
// the types allowed.
struct Priors {
  double cost[kBeadTypeCount];
  bool allowed[kBeadTypeCount];
};
Priors MakePriors(const GaleChurchParams& params);

// Prefix sums of lengths, so a bead's total length is one subtraction.
std::vector<double> PrefixSums(std::span<const size_t> lengths);

// A first path for the banded search, coarse to fine: when the full table
// has more than kFullTableCells cells, the lengths are summed in blocks of
// kBlock segments and aligned the same way (recursively), and the block
// path's corners, scaled back, are the path; otherwise the plain length model
// over the full table gives it. Memory stays linear: each level has 1/kBlock
// of the segments of the one below.
std::vector<Point> CoarsePath(std::span<const size_t> src_lengths, std::span<const size_t> tgt_lengths,
                              const GaleChurchParams& params);

// Runs BestPath in a band around `first_path` (the diagonal when empty),
// doubling the band where the best path touches its edge, up to
// params.max_band; then sets posteriors. `cost.Prepare(band)` is called each
// time the band changes, before any cost is asked for inside it. Returns the beads and the band
// half-width used. `progress`, when given, gets the share of the search done,
// in [0, 1], never decreasing: the first Viterbi sweep is the first half,
// the two sums the second (a widened band's repeat of the sweep does not
// move it).
template <typename CostFn>
std::vector<Bead> SearchWithWidening(size_t n, size_t m, const GaleChurchParams& params, const Priors& priors,
                                     std::vector<Point> first_path, size_t start_band, CostFn&& cost,
                                     size_t* band_used, const std::function<void(double)>& progress = {}) {
  const double row_count = static_cast<double>(n + 1);
  double shown = 0;
  const auto show = [&](double share) {
    if (share > shown) {
      shown = share;
      progress(share);
    }
  };
  RowProgress first_sweep;
  RowProgress sums;
  if (progress) {
    first_sweep = [&](size_t done) { show(0.5 * static_cast<double>(done) / row_count); };
    sums = [&](size_t done) { show(0.5 + 0.25 * static_cast<double>(done) / row_count); };
  }
  std::vector<Point> path = first_path.empty() ? DiagonalPath(n, m) : std::move(first_path);
  // Half-width per row: doubled only around the rows where the path touched
  // the edge (over 4 times their width either side), so a missing page costs
  // a wide band there and nowhere else.
  std::vector<size_t> widths(n + 1, std::max<size_t>(start_band, 2));
  std::vector<Bead> beads;
  Band band;
  CostCache cache;
  for (;;) {
    band = BandAroundPath(path, n, m, widths);
    cost.Prepare(band);
    beads = BestPath(band, n, m, priors.allowed, cost, &cache, first_sweep);
    first_sweep = {};
    std::vector<size_t> rows;
    if (beads.empty() && n + m > 0) {
      // Nothing reaches (n, m) inside the band (the cost forbids what the
      // band allows): widen everywhere, around the same path.
      for (size_t i = 0; i <= n; ++i) rows.push_back(i);
    } else {
      path = PathOf(beads);
      rows = RowsTouchingEdge(path, band, m);
    }
    if (rows.empty() || band.half_width >= params.max_band) break;
    std::vector<size_t> grown = widths;
    for (size_t r : rows) {
      const size_t reach = 4 * widths[r];
      const size_t wider = std::min(2 * widths[r], params.max_band);
      for (size_t i = r >= reach ? r - reach : 0; i <= std::min(n, r + reach); ++i) grown[i] = std::max(grown[i], wider);
    }
    widths = std::move(grown);
  }
  if (beads.empty() && n + m > 0) {
    // Last resort, for a cost that forbids everything near the diagonal:
    // every segment unaligned. Keeps the invariant; never reached by Align().
    for (size_t i = 0; i < n; ++i) beads.push_back({.src_begin = i, .src_count = 1, .tgt_begin = 0});
    for (size_t j = 0; j < m; ++j) beads.push_back({.src_begin = n, .tgt_begin = j, .tgt_count = 1});
    if (band_used) *band_used = band.half_width;
    return beads;
  }
  SetPosteriors(band, n, m, priors.allowed, 1.0, beads, cost, cache, sums);
  if (band_used) *band_used = band.half_width;
  return beads;
}

}  // namespace tmkit::align::internal

#endif  // TMKIT_ALIGN_LENGTH_MODEL_H_
