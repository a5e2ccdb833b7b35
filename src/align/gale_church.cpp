#include "align/gale_church.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "align/band_search.h"
#include "align/length_model.h"

namespace tmkit::align {
namespace internal {

Band FullBand(size_t n, size_t m) {
  Band band;
  band.lo.assign(n + 1, 0);
  band.hi.assign(n + 1, m);
  band.offset.resize(n + 2);
  for (size_t i = 0; i <= n + 1; ++i) band.offset[i] = i * (m + 1);
  return band;
}

Band BandAroundPath(const std::vector<Point>& path, size_t n, size_t m, size_t w) {
  // Lowest and highest column the path visits in each row; rows the path
  // jumps over (2-x beads) take the columns of the points around them.
  std::vector<size_t> path_lo(n + 1, m);
  std::vector<size_t> path_hi(n + 1, 0);
  for (size_t k = 0; k < path.size(); ++k) {
    const Point p = path[k];
    path_lo[p.i] = std::min(path_lo[p.i], p.j);
    path_hi[p.i] = std::max(path_hi[p.i], p.j);
    if (k + 1 < path.size()) {
      for (size_t i = p.i + 1; i < path[k + 1].i; ++i) {
        path_lo[i] = std::min(path_lo[i], p.j);
        path_hi[i] = std::max(path_hi[i], path[k + 1].j);
      }
    }
  }
  // Make them monotone (a path is monotone; this guards odd input).
  for (size_t i = 1; i <= n; ++i) path_hi[i] = std::max(path_hi[i], path_hi[i - 1]);
  for (size_t i = n; i-- > 0;) path_lo[i] = std::min(path_lo[i], path_lo[i + 1]);
  Band band;
  band.half_width = w;
  band.lo.resize(n + 1);
  band.hi.resize(n + 1);
  band.offset.resize(n + 2);
  band.offset[0] = 0;
  for (size_t i = 0; i <= n; ++i) {
    const size_t from = path_lo[i >= w ? i - w : 0];
    const size_t to = path_hi[std::min(n, i + w)];
    band.lo[i] = from >= w ? from - w : 0;
    band.hi[i] = std::min(m, to + w);
    band.offset[i + 1] = band.offset[i] + (band.hi[i] - band.lo[i] + 1);
  }
  band.lo[0] = 0;
  band.hi[n] = m;
  return band;
}

std::vector<Point> DiagonalPath(size_t n, size_t m) {
  std::vector<Point> path;
  path.reserve(n + 2);
  for (size_t i = 0; i <= n; ++i) {
    const size_t j = n == 0 ? 0 : static_cast<size_t>(std::llround(static_cast<double>(i) * m / n));
    path.push_back({i, std::min(j, m)});
  }
  if (path.back().j != m) path.push_back({n, m});
  return path;
}

bool TouchesEdge(const std::vector<Point>& path, const Band& band, size_t m) {
  for (const Point p : path) {
    if (band.lo[p.i] > 0 && p.j <= band.lo[p.i] + 2) return true;
    if (band.hi[p.i] < m && p.j + 2 >= band.hi[p.i]) return true;
  }
  return false;
}

std::vector<Point> PathOf(const std::vector<Bead>& beads) {
  std::vector<Point> path;
  path.reserve(beads.size() + 1);
  path.push_back({0, 0});
  for (const Bead& b : beads) path.push_back({b.src_begin + b.src_count, b.tgt_begin + b.tgt_count});
  return path;
}

double TailCost(double z) {
  const double x = std::fabs(z) / std::numbers::sqrt2;
  if (x < 20) return -std::log(std::erfc(x));
  // erfc(x) ≈ exp(-x²) / (x √π) for large x.
  return x * x + std::log(x * std::sqrt(std::numbers::pi));
}

Priors MakePriors(const GaleChurchParams& params) {
  Priors priors{};
  const double by_type[kBeadTypeCount] = {
      params.prior_1_1,     params.prior_1_0 / 2, params.prior_1_0 / 2, params.prior_2_1 / 2,
      params.prior_2_1 / 2, params.prior_2_2,     params.prior_3_1 / 2, params.prior_3_1 / 2,
  };
  for (int t = 0; t < kBeadTypeCount; ++t) {
    priors.allowed[t] = by_type[t] > 0;
    priors.cost[t] = by_type[t] > 0 ? -std::log(by_type[t]) : std::numeric_limits<double>::infinity();
  }
  return priors;
}

std::vector<double> PrefixSums(std::span<const size_t> lengths) {
  std::vector<double> sums(lengths.size() + 1, 0.0);
  for (size_t i = 0; i < lengths.size(); ++i) sums[i + 1] = sums[i] + static_cast<double>(lengths[i]);
  return sums;
}

}  // namespace internal

namespace {

using internal::kBeadTypeCount;

// The plain Gale-Church cost of a bead, from prefix sums of lengths.
struct PlainCost {
  const std::vector<double>& src;
  const std::vector<double>& tgt;
  const internal::Priors& priors;
  const GaleChurchParams& params;
  void Prepare(const internal::Band&) {}
  double operator()(size_t i, size_t j, int di, int dj) const {
    const double prior = priors.cost[internal::TypeIndex(di, dj)];
    if ((di == 0 || dj == 0) && !params.length_cost_for_deletions) return prior + params.deletion_cost;
    const double l1 = src[i + static_cast<size_t>(di)] - src[i];
    const double l2 = tgt[j + static_cast<size_t>(dj)] - tgt[j];
    return prior + internal::LengthCost(l1, l2, params.c, params.s2);
  }
};

}  // namespace

Alignment AlignLengths(std::span<const size_t> src_lengths, std::span<const size_t> tgt_lengths,
                       const GaleChurchParams& params) {
  const std::vector<double> src = internal::PrefixSums(src_lengths);
  const std::vector<double> tgt = internal::PrefixSums(tgt_lengths);
  const internal::Priors priors = internal::MakePriors(params);
  Alignment result;
  result.c = params.c;
  result.s2 = params.s2;
  const size_t n = src_lengths.size();
  const size_t m = tgt_lengths.size();
  result.beads = internal::SearchWithWidening(n, m, params, priors, {}, params.initial_band,
                                              PlainCost{src, tgt, priors, params}, &result.band);
  return result;
}

Alignment AlignLengthsFullTable(std::span<const size_t> src_lengths, std::span<const size_t> tgt_lengths,
                                const GaleChurchParams& params) {
  const std::vector<double> src = internal::PrefixSums(src_lengths);
  const std::vector<double> tgt = internal::PrefixSums(tgt_lengths);
  const internal::Priors priors = internal::MakePriors(params);
  const size_t n = src_lengths.size();
  const size_t m = tgt_lengths.size();
  Alignment result;
  result.c = params.c;
  result.s2 = params.s2;
  result.beads = internal::BestPath(internal::FullBand(n, m), n, m, priors.allowed,
                                    PlainCost{src, tgt, priors, params});
  return result;
}

bool CoversInOrder(std::span<const Bead> beads, size_t src_size, size_t tgt_size) {
  size_t i = 0;
  size_t j = 0;
  for (const Bead& b : beads) {
    if (b.src_begin != i || b.tgt_begin != j) return false;
    if (b.src_count == 0 && b.tgt_count == 0) return false;
    i += b.src_count;
    j += b.tgt_count;
  }
  return i == src_size && j == tgt_size;
}

}  // namespace tmkit::align
