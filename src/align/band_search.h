// Private to align/: the banded dynamic programme shared by every pass.
//
// Legend: n, m are the numbers of source and target segments; a cell (i, j)
// means "the first i source and first j target segments are aligned"; a bead
// type (di, dj) moves from (i, j) to (i+di, j+dj). The band gives, for each
// row i in [0, n], the columns [lo[i], hi[i]] searched; lo and hi never
// decrease, lo[0] = 0 and hi[n] = m, so (n, m) is always reachable.
//
// Memory: one byte of back-pointer per band cell plus four rows of costs;
// never an n×m table unless the band is asked to be the full table.
#ifndef TMKIT_ALIGN_BAND_SEARCH_H_
#define TMKIT_ALIGN_BAND_SEARCH_H_

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

#include "align/gale_church.h"

namespace tmkit::align::internal {

struct BeadType {
  int di;
  int dj;
};

// Order matters only for ties (the first wins): 1-1 first.
inline constexpr BeadType kBeadTypes[] = {{1, 1}, {1, 0}, {0, 1}, {2, 1}, {1, 2}, {2, 2}, {3, 1}, {1, 3}};
inline constexpr int kBeadTypeCount = 8;

// The index in kBeadTypes of bead type (di, dj). REQUIRES: it is one of them.
inline int TypeIndex(int di, int dj) {
  static constexpr int kIndex[4][4] = {{-1, 2, -1, -1}, {1, 0, 4, 7}, {-1, 3, 5, -1}, {-1, 6, -1, -1}};
  return kIndex[di][dj];
}

struct Band {
  std::vector<size_t> lo;      // per row, first column searched
  std::vector<size_t> hi;      // per row, last column searched (inclusive)
  std::vector<size_t> offset;  // per row, index of (i, lo[i]) in a flat cell array; size n+2
  size_t half_width = 0;       // the W it was built with (0 for the full table)

  size_t rows() const { return lo.size(); }
  size_t cells() const { return offset.back(); }
  bool Contains(size_t i, size_t j) const { return i < lo.size() && j >= lo[i] && j <= hi[i]; }
};

// A point of a path: cell (i, j).
struct Point {
  size_t i;
  size_t j;
};

// The whole table: every column of every row.
Band FullBand(size_t n, size_t m);

// The band of half-width `w` around `path` (points from (0,0) to (n,m), in
// order): row i covers the columns the path visits in row i (or jumps over,
// for beads of 2 or 3 rows), plus w columns either side.
Band BandAroundPath(const std::vector<Point>& path, size_t n, size_t m, size_t w);
// The same with a half-width per row (widths has n+1 entries).
Band BandAroundPath(const std::vector<Point>& path, size_t n, size_t m, const std::vector<size_t>& widths);

// The straight line from (0, 0) to (n, m).
std::vector<Point> DiagonalPath(size_t n, size_t m);

// The rows where a point of `path` lies within 2 columns of an edge of `band`
// that is not the edge of the table: there the best path was squeezed, and
// the band must grow.
std::vector<size_t> RowsTouchingEdge(const std::vector<Point>& path, const Band& band, size_t m);

// Bead end points of `beads`, starting with (0, 0).
std::vector<Point> PathOf(const std::vector<Bead>& beads);

// Called by the sweeps every kRowsPerReport rows with the rows done so far
// (out of n + 1), for a progress bar; may be empty.
using RowProgress = std::function<void(size_t rows_done)>;
inline constexpr size_t kRowsPerReport = 256;

// Bead costs by end cell and allowed type, filled by BestPath and read by
// SetPosteriors: a bead cost (lengths, tail, pair scores) is the dearest part
// of a cell, and this way each is computed once per band, not twice.
// Kept as float (4 bytes per allowed type per band cell, whole Bible pass 1:
// about 25 MB): the sums need no more (Viterbi uses the exact costs), and
// half the memory is half the page faults. NaN where the bead's start was
// unreachable.
struct CostCache {
  size_t slot[kBeadTypeCount] = {};  // index of an allowed type among the allowed ones
  size_t slots = 0;
  std::vector<float> values;  // (band.offset[i] + j - band.lo[i]) * slots + slot[t]

  void Reset(const Band& band, const bool (&allowed)[kBeadTypeCount]) {
    slots = 0;
    for (int t = 0; t < kBeadTypeCount; ++t) {
      if (allowed[t]) slot[t] = slots++;
    }
    values.resize(band.cells() * slots);
  }
  float* At(const Band& band, size_t i, size_t j) { return &values[(band.offset[i] + (j - band.lo[i])) * slots]; }
};

// Viterbi over `band`. `cost(i, j, di, dj)` is the cost of the bead from
// (i, j) to (i+di, j+dj), or +infinity when that bead is not allowed; it is
// called only for beads inside the table. `allowed[t]` turns bead type t off.
// Returns the beads of the best path, with their costs (confidence 0), or no
// beads when (n, m) cannot be reached inside the band. When `cache` is given,
// it is reset to `band` and holds every bead cost computed.
template <typename CostFn>
std::vector<Bead> BestPath(const Band& band, size_t n, size_t m, const bool (&allowed)[kBeadTypeCount],
                           CostFn&& cost, CostCache* cache = nullptr, const RowProgress& progress = {}) {
  constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
  if (cache) cache->Reset(band, allowed);
  constexpr double kInf = std::numeric_limits<double>::infinity();
  constexpr uint8_t kNone = 255;
  std::vector<uint8_t> back(band.cells(), kNone);
  // Rolling rows of costs: row i lives in rows[i % 4].
  std::vector<double> rows[4];
  auto at = [&](size_t i, size_t j) -> double {
    if (!band.Contains(i, j)) return kInf;
    return rows[i % 4][j - band.lo[i]];
  };
  for (size_t i = 0; i <= n; ++i) {
    if (progress && i % kRowsPerReport == 0 && i > 0) progress(i);
    std::vector<double>& row = rows[i % 4];
    row.assign(band.hi[i] - band.lo[i] + 1, kInf);
    for (size_t j = band.lo[i]; j <= band.hi[i]; ++j) {
      double best = (i == 0 && j == 0) ? 0.0 : kInf;
      uint8_t best_type = kNone;
      float* cached = cache ? cache->At(band, i, j) : nullptr;
      for (int t = 0; t < kBeadTypeCount; ++t) {
        if (!allowed[t]) continue;
        if (cached) cached[cache->slot[t]] = kNaN;
        const size_t di = static_cast<size_t>(kBeadTypes[t].di);
        const size_t dj = static_cast<size_t>(kBeadTypes[t].dj);
        if (di > i || dj > j) continue;
        // Row i's own earlier cells are already final (dj > 0 when di == 0).
        const double before = di == 0 ? (band.Contains(i, j - dj) ? row[j - dj - band.lo[i]] : kInf)
                                      : at(i - di, j - dj);
        if (before == kInf) continue;
        const double c = cost(i - di, j - dj, static_cast<int>(di), static_cast<int>(dj));
        if (cached) cached[cache->slot[t]] = static_cast<float>(c);
        const double total = before + c;
        if (total < best) {
          best = total;
          best_type = static_cast<uint8_t>(t);
        }
      }
      row[j - band.lo[i]] = best;
      back[band.offset[i] + (j - band.lo[i])] = best_type;
    }
  }
  std::vector<Bead> beads;
  size_t i = n;
  size_t j = m;
  if (at(n, m) == kInf) return beads;
  while (i > 0 || j > 0) {
    const uint8_t t = back[band.offset[i] + (j - band.lo[i])];
    assert(t != kNone);
    const size_t di = static_cast<size_t>(kBeadTypes[t].di);
    const size_t dj = static_cast<size_t>(kBeadTypes[t].dj);
    Bead bead{.src_begin = i - di, .src_count = di, .tgt_begin = j - dj, .tgt_count = dj};
    bead.cost = cost(i - di, j - dj, static_cast<int>(di), static_cast<int>(dj));
    beads.push_back(bead);
    i -= di;
    j -= dj;
  }
  std::reverse(beads.begin(), beads.end());
  return beads;
}

// log(exp(a) + exp(b)), with log1p(exp(-d)) read from a table (step 1/128,
// linear interpolation, error below 1e-5; 0 beyond d = 32): the forward and
// backward sums call it for every bead of every band cell.
double Log1pExpNegative(double d);
inline double LogAddExp(double a, double b) {
  if (a == -std::numeric_limits<double>::infinity()) return b;
  if (b == -std::numeric_limits<double>::infinity()) return a;
  return a > b ? a + Log1pExpNegative(a - b) : b + Log1pExpNegative(b - a);
}

// Sets each bead's confidence to its posterior probability among all paths
// inside `band`, with bead probabilities exp(-cost / temperature): forward
// and backward sums, rolling rows, values kept only at the path's points.
//
// `cache` holds the bead costs BestPath computed over the same band (or is
// empty: then they are computed here); the sums fill in what it lacks.
// `progress` counts the rows of both sweeps: n + 1 at the end of the forward
// one, 2(n + 1) at the end.
template <typename CostFn>
void SetPosteriors(const Band& band, size_t n, size_t m, const bool (&allowed)[kBeadTypeCount], double temperature,
                   std::vector<Bead>& beads, CostFn&& cost, CostCache& cache, const RowProgress& progress = {}) {
  constexpr double kNegInf = -std::numeric_limits<double>::infinity();
  if (beads.empty()) return;
  const std::vector<Point> path = PathOf(beads);  // path[k] is the start of beads[k], path[k+1] its end
  std::vector<double> alpha_at(path.size(), kNegInf);
  std::vector<double> beta_at(path.size(), kNegInf);
  std::vector<double> rows[4];
  if (cache.values.size() != band.cells() * cache.slots || cache.slots == 0) {
    cache.Reset(band, allowed);
    std::fill(cache.values.begin(), cache.values.end(), std::numeric_limits<float>::quiet_NaN());
  }
  const size_t slots = cache.slots;
  const size_t (&slot)[kBeadTypeCount] = cache.slot;
  std::vector<float>& costs = cache.values;
  auto at = [&](size_t i, size_t j) -> double {
    if (!band.Contains(i, j)) return kNegInf;
    return rows[i % 4][j - band.lo[i]];
  };
  // Forward: log of the summed probability of all paths from (0,0) to (i,j).
  size_t k = 0;
  for (size_t i = 0; i <= n; ++i) {
    if (progress && i % kRowsPerReport == 0 && i > 0) progress(i);
    std::vector<double>& row = rows[i % 4];
    row.assign(band.hi[i] - band.lo[i] + 1, kNegInf);
    for (size_t j = band.lo[i]; j <= band.hi[i]; ++j) {
      double sum = (i == 0 && j == 0) ? 0.0 : kNegInf;
      for (int t = 0; t < kBeadTypeCount; ++t) {
        if (!allowed[t]) continue;
        const size_t di = static_cast<size_t>(kBeadTypes[t].di);
        const size_t dj = static_cast<size_t>(kBeadTypes[t].dj);
        if (di > i || dj > j) continue;
        const double before = di == 0 ? (band.Contains(i, j - dj) ? row[j - dj - band.lo[i]] : kNegInf)
                                      : at(i - di, j - dj);
        if (before == kNegInf) continue;
        float& cached = costs[(band.offset[i] + (j - band.lo[i])) * slots + slot[t]];
        if (std::isnan(cached)) {
          cached = static_cast<float>(cost(i - di, j - dj, static_cast<int>(di), static_cast<int>(dj)));
        }
        const double c = cached;
        if (c == std::numeric_limits<double>::infinity()) continue;
        sum = LogAddExp(sum, before - c / temperature);
      }
      row[j - band.lo[i]] = sum;
    }
    while (k < path.size() && path[k].i == i) {
      alpha_at[k] = row[path[k].j - band.lo[i]];
      ++k;
    }
  }
  const double total = at(n, m);
  // Backward: log of the summed probability of all paths from (i,j) to (n,m).
  k = path.size();
  for (size_t i = n + 1; i-- > 0;) {
    if (progress && i % kRowsPerReport == 0 && i < n) progress(2 * n + 1 - i);
    std::vector<double>& row = rows[i % 4];
    row.assign(band.hi[i] - band.lo[i] + 1, kNegInf);
    for (size_t j = band.hi[i] + 1; j-- > band.lo[i];) {
      double sum = (i == n && j == m) ? 0.0 : kNegInf;
      for (int t = 0; t < kBeadTypeCount; ++t) {
        if (!allowed[t]) continue;
        const size_t di = static_cast<size_t>(kBeadTypes[t].di);
        const size_t dj = static_cast<size_t>(kBeadTypes[t].dj);
        if (i + di > n || j + dj > m) continue;
        const double after = di == 0 ? (band.Contains(i, j + dj) ? row[j + dj - band.lo[i]] : kNegInf)
                                     : at(i + di, j + dj);
        if (after == kNegInf) continue;
        // The forward sweep costed this bead at its end cell, unless its
        // start was unreachable there.
        double c = costs[(band.offset[i + di] + (j + dj - band.lo[i + di])) * slots + slot[t]];
        if (std::isnan(c)) c = cost(i, j, static_cast<int>(di), static_cast<int>(dj));
        if (c == std::numeric_limits<double>::infinity()) continue;
        sum = LogAddExp(sum, after - c / temperature);
      }
      row[j - band.lo[i]] = sum;
    }
    while (k > 0 && path[k - 1].i == i) {
      --k;
      beta_at[k] = row[path[k].j - band.lo[i]];
    }
  }
  for (size_t b = 0; b < beads.size(); ++b) {
    const double log_posterior = alpha_at[b] - beads[b].cost / temperature + beta_at[b + 1] - total;
    beads[b].confidence = std::clamp(std::exp(log_posterior), 0.0, 1.0);
  }
}

}  // namespace tmkit::align::internal

#endif  // TMKIT_ALIGN_BAND_SEARCH_H_
