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
  return BandAroundPath(path, n, m, std::vector<size_t>(n + 1, w));
}

Band BandAroundPath(const std::vector<Point>& path, size_t n, size_t m, const std::vector<size_t>& widths) {
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
  Band band;
  band.half_width = *std::max_element(widths.begin(), widths.end());
  band.lo.resize(n + 1);
  band.hi.resize(n + 1);
  for (size_t i = 0; i <= n; ++i) {
    band.lo[i] = path_lo[i] >= widths[i] ? path_lo[i] - widths[i] : 0;
    band.hi[i] = std::min(m, path_hi[i] + widths[i]);
  }
  // Monotone edges keep every row connected to the next.
  for (size_t i = 1; i <= n; ++i) band.hi[i] = std::max(band.hi[i], band.hi[i - 1]);
  for (size_t i = n; i-- > 0;) band.lo[i] = std::min(band.lo[i], band.lo[i + 1]);
  band.lo[0] = 0;
  band.hi[n] = m;
  band.offset.resize(n + 2);
  band.offset[0] = 0;
  for (size_t i = 0; i <= n; ++i) band.offset[i + 1] = band.offset[i] + (band.hi[i] - band.lo[i] + 1);
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

std::vector<size_t> RowsTouchingEdge(const std::vector<Point>& path, const Band& band, size_t m) {
  std::vector<size_t> rows;
  for (const Point p : path) {
    const bool low = band.lo[p.i] > 0 && p.j <= band.lo[p.i] + 2;
    const bool high = band.hi[p.i] < m && p.j + 2 >= band.hi[p.i];
    if ((low || high) && (rows.empty() || rows.back() != p.i)) rows.push_back(p.i);
  }
  return rows;
}

std::vector<Point> PathOf(const std::vector<Bead>& beads) {
  std::vector<Point> path;
  path.reserve(beads.size() + 1);
  path.push_back({0, 0});
  for (const Bead& b : beads) path.push_back({b.src_begin + b.src_count, b.tgt_begin + b.tgt_count});
  return path;
}

namespace {

// A function sampled on [0, limit) at `steps_per_unit` points per unit, read
// with linear interpolation. Built once, thread-safe after construction
// (function-local statics).
template <int kStepsPerUnit, int kLimit>
class Table {
 public:
  template <typename Fn>
  explicit Table(Fn&& fn) : values_(kStepsPerUnit * kLimit + 2) {
    for (size_t k = 0; k < values_.size(); ++k) values_[k] = fn(static_cast<double>(k) / kStepsPerUnit);
  }
  // REQUIRES: 0 <= x < kLimit.
  double operator()(double x) const {
    const double at = x * kStepsPerUnit;
    const size_t k = static_cast<size_t>(at);
    const double f = at - static_cast<double>(k);
    return values_[k] + f * (values_[k + 1] - values_[k]);
  }

 private:
  std::vector<double> values_;
};

}  // namespace

double Log1pExpNegative(double d) {
  static const Table<128, 32> table([](double x) { return std::log1p(std::exp(-x)); });
  return d < 32 ? table(d) : 0.0;
}

double TailCost(double z) {
  // -log erfc(x) for x = |z|/√2: a table below 8 (error below 1e-5), the
  // asymptotic series erfc(x) ≈ exp(-x²)/(x√π)·(1 − 1/(2x²)) above.
  static const Table<256, 8> table([](double x) { return -std::log(std::erfc(x)); });
  const double x = std::fabs(z) / std::numbers::sqrt2;
  if (x < 8) return table(x);
  return x * x + std::log(x * std::sqrt(std::numbers::pi)) - std::log1p(-1 / (2 * x * x));
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

namespace internal {

std::vector<Point> CoarsePath(std::span<const size_t> src_lengths, std::span<const size_t> tgt_lengths,
                              const GaleChurchParams& params) {
  // 4·10⁶ cells is 4 MB of back-pointers and about 0.1 s.
  constexpr size_t kFullTableCells = 4'000'000;
  constexpr size_t kBlock = 8;
  const size_t n = src_lengths.size();
  const size_t m = tgt_lengths.size();
  const std::vector<double> src = PrefixSums(src_lengths);
  const std::vector<double> tgt = PrefixSums(tgt_lengths);
  const Priors priors = MakePriors(params);
  if ((n + 1) * (m + 1) <= kFullTableCells) {
    return PathOf(BestPath(FullBand(n, m), n, m, priors.allowed, PlainCost{src, tgt, priors, params}));
  }
  auto blocks = [](std::span<const size_t> lengths) {
    std::vector<size_t> sums((lengths.size() + kBlock - 1) / kBlock, 0);
    for (size_t k = 0; k < lengths.size(); ++k) sums[k / kBlock] += lengths[k];
    return sums;
  };
  const std::vector<size_t> src_blocks = blocks(src_lengths);
  const std::vector<size_t> tgt_blocks = blocks(tgt_lengths);
  // Blocks are aligned like segments, with a band around their own coarse path.
  const std::vector<Point> block_path = CoarsePath(src_blocks, tgt_blocks, params);
  const std::vector<double> src_block_sums = PrefixSums(src_blocks);
  const std::vector<double> tgt_block_sums = PrefixSums(tgt_blocks);
  const std::vector<Bead> block_beads =
      SearchWithWidening(src_blocks.size(), tgt_blocks.size(), params, priors, block_path, params.initial_band,
                         PlainCost{src_block_sums, tgt_block_sums, priors, params}, nullptr);
  std::vector<Point> path;
  for (const Point p : PathOf(block_beads)) path.push_back({std::min(n, p.i * kBlock), std::min(m, p.j * kBlock)});
  return path;
}

}  // namespace internal

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
  result.beads = internal::SearchWithWidening(n, m, params, priors, internal::CoarsePath(src_lengths, tgt_lengths, params),
                                              params.initial_band,
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
