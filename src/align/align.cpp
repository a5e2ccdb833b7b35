// Align(): the full model on top of the length model.
//
// Passes: (0) paragraphs first, when both sides have comparable paragraph
// structure, which confines every later bead to one aligned paragraph group;
// (1) lengths with the ratio of the whole texts + anchors; then c, s² and the
// anchor weights are re-estimated on the confident 1-1 beads of pass 1, and
// IBM Model 1 is trained on them; (2) lengths + anchors + lexical keys, in a
// band around the path of pass 1. docs/alignment.md gives the reasons and the
// numbers.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "align/band_search.h"
#include "align/features.h"
#include "align/gale_church.h"
#include "align/length_model.h"
#include "text/unicode.h"

namespace tmkit::align {
namespace {

using internal::Band;
using internal::KeyWeights;
using internal::SideFeatures;

// Per matched key, in nats, before estimation: numbers are near-certain
// evidence, identical words strong, cognate prefixes and punctuation classes
// weak, lexical-model translations in between.
constexpr KeyWeights kDefaultWeights = {2.5, 2.0, 0.8, 0.8, 0.6};

// Confident 1-1 beads: what estimation and the lexical model learn from.
constexpr double kConfident = 0.9;

// The cost of a bead in the full model: prior + length (with deletions costed
// by deletion_cost) − matched key weights, and +inf for a bead that crosses
// an aligned paragraph group.
struct ModelCost {
  const std::vector<double>& src_len;  // prefix sums of lengths
  const std::vector<double>& tgt_len;
  const internal::Priors& priors;
  const GaleChurchParams& params;
  const SideFeatures& src;
  const SideFeatures& tgt;
  KeyWeights weights;
  const std::vector<size_t>* src_group;  // paragraph group of each segment; null: no constraint
  const std::vector<size_t>* tgt_group;

  // Matched-key scores of every two-sided bead that starts in the band,
  // computed once per band: score[cell * kBeadTypeCount + type]. A bead's
  // sides are multisets (the union of its segments' keys), so a key that
  // recurs in neighbouring sentences is not counted twice in a 2-2 bead.
  const Band* band = nullptr;
  std::vector<float> score;

  static std::vector<uint64_t> Union(const SideFeatures& side, size_t begin, size_t count) {
    std::vector<uint64_t> keys;
    for (size_t k = begin; k < begin + count; ++k) {
      const auto& more = side.sentences[k].anchors;
      std::vector<uint64_t> merged;
      merged.reserve(keys.size() + more.size());
      std::merge(keys.begin(), keys.end(), more.begin(), more.end(), std::back_inserter(merged));
      keys = std::move(merged);
    }
    return keys;
  }

  void Prepare(const Band& new_band) {
    band = &new_band;
    const size_t n = src.sentences.size();
    const size_t m = tgt.sentences.size();
    score.assign(new_band.cells() * internal::kBeadTypeCount, 0.0f);
    // Two-segment unions, made once per search rather than per bead.
    std::vector<std::vector<uint64_t>> src_two(n);
    std::vector<std::vector<uint64_t>> tgt_two(m);
    for (size_t i = 0; i + 1 < n; ++i) src_two[i] = Union(src, i, 2);
    for (size_t j = 0; j + 1 < m; ++j) tgt_two[j] = Union(tgt, j, 2);
    auto side = [&](const SideFeatures& f, const std::vector<std::vector<uint64_t>>& two, size_t begin, size_t count,
                    std::vector<uint64_t>& scratch) -> const std::vector<uint64_t>& {
      if (count == 1) return f.sentences[begin].anchors;
      if (count == 2) return two[begin];
      scratch = Union(f, begin, count);
      return scratch;
    };
    std::vector<uint64_t> scratch_src;
    std::vector<uint64_t> scratch_tgt;
    for (size_t i = 0; i <= n; ++i) {
      for (size_t j = new_band.lo[i]; j <= new_band.hi[i]; ++j) {
        const size_t cell = new_band.offset[i] + (j - new_band.lo[i]);
        for (int t = 0; t < internal::kBeadTypeCount; ++t) {
          const size_t di = static_cast<size_t>(internal::kBeadTypes[t].di);
          const size_t dj = static_cast<size_t>(internal::kBeadTypes[t].dj);
          if (di == 0 || dj == 0 || i + di > n || j + dj > m || !priors.allowed[t]) continue;
          score[cell * internal::kBeadTypeCount + static_cast<size_t>(t)] = static_cast<float>(internal::MatchScore(
              side(src, src_two, i, di, scratch_src), side(tgt, tgt_two, j, dj, scratch_tgt), weights));
        }
      }
    }
  }

  bool InOneGroup(size_t i, size_t j, size_t di, size_t dj) const {
    if (!src_group) return true;
    const size_t n = src_group->size();
    const size_t m = tgt_group->size();
    const size_t g = di > 0 ? (*src_group)[i] : (*tgt_group)[j];
    for (size_t k = 0; k < di; ++k) {
      if ((*src_group)[i + k] != g) return false;
    }
    for (size_t k = 0; k < dj; ++k) {
      if ((*tgt_group)[j + k] != g) return false;
    }
    // A bead with an empty side must stand where its group is on that side.
    if (di == 0 && ((i > 0 && (*src_group)[i - 1] > g) || (i < n && (*src_group)[i] < g))) return false;
    if (dj == 0 && ((j > 0 && (*tgt_group)[j - 1] > g) || (j < m && (*tgt_group)[j] < g))) return false;
    return true;
  }

  double operator()(size_t i, size_t j, int di_signed, int dj_signed) const {
    const size_t di = static_cast<size_t>(di_signed);
    const size_t dj = static_cast<size_t>(dj_signed);
    if (!InOneGroup(i, j, di, dj)) return std::numeric_limits<double>::infinity();
    const double prior = priors.cost[internal::TypeIndex(di_signed, dj_signed)];
    if (di == 0 || dj == 0) return prior + params.deletion_cost;
    const double l1 = src_len[i + di] - src_len[i];
    const double l2 = tgt_len[j + dj] - tgt_len[j];
    const size_t cell = band->offset[i] + (j - band->lo[i]);
    const double matched = score[cell * internal::kBeadTypeCount +
                                 static_cast<size_t>(internal::TypeIndex(di_signed, dj_signed))];
    return prior + internal::LengthCost(l1, l2, params.c, params.s2) - matched;
  }
};

std::vector<size_t> Lengths(const std::vector<Segment>& segments) {
  std::vector<size_t> lengths(segments.size());
  for (size_t k = 0; k < segments.size(); ++k) {
    // Segment::length is the segmenter's NFC count; a caller that built
    // segments by hand may have left it 0.
    lengths[k] = segments[k].length > 0 || segments[k].text.empty() ? segments[k].length
                                                                   : text::CountNfcCodePoints(segments[k].text);
  }
  return lengths;
}

// The length model estimated on confident 1-1 beads: c = Σl2 / Σl1 and
// s² = Σ(l2 − c·l1)² / Σ(l1 + l2/c)/2, the variance LengthCost() assumes.
// Keeps `params` when there are fewer than 5 such beads.
GaleChurchParams EstimateLengthModel(const std::vector<Bead>& beads, std::span<const size_t> src,
                                     std::span<const size_t> tgt, GaleChurchParams params) {
  double sum1 = 0;
  double sum2 = 0;
  size_t count = 0;
  for (const Bead& b : beads) {
    if (b.src_count != 1 || b.tgt_count != 1 || b.confidence < kConfident) continue;
    sum1 += static_cast<double>(src[b.src_begin]);
    sum2 += static_cast<double>(tgt[b.tgt_begin]);
    ++count;
  }
  if (count < 5 || sum1 <= 0 || sum2 <= 0) return params;
  const double c = sum2 / sum1;
  double squares = 0;
  double means = 0;
  for (const Bead& b : beads) {
    if (b.src_count != 1 || b.tgt_count != 1 || b.confidence < kConfident) continue;
    const double l1 = static_cast<double>(src[b.src_begin]);
    const double l2 = static_cast<double>(tgt[b.tgt_begin]);
    squares += (l2 - c * l1) * (l2 - c * l1);
    means += (l1 + l2 / c) / 2;
  }
  params.c = c;
  if (means > 0) params.s2 = std::clamp(squares / means, 0.05, 50.0);
  return params;
}

// Anchor weights estimated on the pair: for each kind, the log ratio of the
// mean number of matches on confident 1-1 beads to that on neighbouring,
// wrong pairs (s, t+1) and (s+1, t), shrunk towards the defaults when there
// are few beads (30 beads weigh as much as the defaults).
KeyWeights EstimateWeights(const std::vector<Bead>& beads, const SideFeatures& src, const SideFeatures& tgt) {
  std::array<double, internal::kKeyKindCount> right{};
  std::array<double, internal::kKeyKindCount> wrong{};
  double count = 0;
  for (const Bead& b : beads) {
    if (b.src_count != 1 || b.tgt_count != 1 || b.confidence < kConfident) continue;
    if (b.src_begin + 1 >= src.sentences.size() || b.tgt_begin + 1 >= tgt.sentences.size()) continue;
    const auto& s = src.sentences[b.src_begin].anchors;
    const auto& t = tgt.sentences[b.tgt_begin].anchors;
    const auto r = internal::CountMatches(s, t);
    const auto w1 = internal::CountMatches(s, tgt.sentences[b.tgt_begin + 1].anchors);
    const auto w2 = internal::CountMatches(src.sentences[b.src_begin + 1].anchors, t);
    for (size_t k = 0; k < right.size(); ++k) {
      right[k] += r[k];
      wrong[k] += (w1[k] + w2[k]) / 2.0;
    }
    ++count;
  }
  KeyWeights weights = kDefaultWeights;
  if (count == 0) return weights;
  constexpr double kPrior = 30;
  for (size_t k = 0; k < weights.size(); ++k) {
    const double ratio = (right[k] / count + 0.01) / (wrong[k] / count + 0.01);
    const double estimated = std::clamp(std::log(ratio), 0.0, 4.0);
    weights[k] = (count * estimated + kPrior * kDefaultWeights[k]) / (count + kPrior);
  }
  return weights;
}

// One search over segments with the full cost; returns the beads.
std::vector<Bead> Pass(std::span<const size_t> src_lengths, std::span<const size_t> tgt_lengths,
                       const SideFeatures& src, const SideFeatures& tgt, const GaleChurchParams& params,
                       const KeyWeights& weights, const std::vector<size_t>* src_group,
                       const std::vector<size_t>* tgt_group, std::vector<internal::Point> first_path,
                       size_t start_band, size_t* band_used) {
  const std::vector<double> src_len = internal::PrefixSums(src_lengths);
  const std::vector<double> tgt_len = internal::PrefixSums(tgt_lengths);
  const internal::Priors priors = internal::MakePriors(params);
  ModelCost cost{src_len, tgt_len, priors, params, src, tgt, weights, src_group, tgt_group, nullptr, {}};
  return internal::SearchWithWidening(src_lengths.size(), tgt_lengths.size(), params, priors, std::move(first_path),
                                      start_band, cost, band_used);
}

// Paragraphs as units: lengths summed, anchors merged. `first` gets, for each
// paragraph, the index of its first segment.
struct Paragraphs {
  std::vector<size_t> lengths;
  SideFeatures features;
  std::vector<size_t> of_segment;  // paragraph index (0-based, renumbered) of each segment
};

Paragraphs GroupParagraphs(const std::vector<Segment>& segments, std::span<const size_t> lengths,
                           const SideFeatures& features) {
  Paragraphs p;
  p.of_segment.resize(segments.size());
  for (size_t k = 0; k < segments.size(); ++k) {
    if (k == 0 || segments[k].paragraph != segments[k - 1].paragraph) {
      p.lengths.push_back(0);
      p.features.sentences.emplace_back();
    }
    p.of_segment[k] = p.lengths.size() - 1;
    p.lengths.back() += lengths[k];
    auto& anchors = p.features.sentences.back().anchors;
    anchors.insert(anchors.end(), features.sentences[k].anchors.begin(), features.sentences[k].anchors.end());
  }
  for (auto& f : p.features.sentences) std::sort(f.anchors.begin(), f.anchors.end());
  return p;
}

}  // namespace

Alignment Align(const std::vector<Segment>& src, const std::vector<Segment>& tgt, const AlignOptions& options) {
  const std::vector<size_t> src_lengths = Lengths(src);
  const std::vector<size_t> tgt_lengths = Lengths(tgt);
  if (!options.estimate_length_model && !options.use_anchors && !options.use_lexical_model &&
      options.max_paragraph_ratio <= 0) {
    return AlignLengths(src_lengths, tgt_lengths, options.params);  // plain Gale-Church
  }
  SideFeatures src_features = internal::ExtractFeatures(src);
  SideFeatures tgt_features = internal::ExtractFeatures(tgt);
  const KeyWeights no_keys{};
  const KeyWeights start_weights = options.use_anchors ? kDefaultWeights : no_keys;

  GaleChurchParams params = options.params;
  params.length_cost_for_deletions = false;
  if (options.estimate_length_model) {
    // Start from the ratio of the whole texts, so that the first pass is
    // already close for pairs far from c = 1 (en-ko is about 0.38); the
    // variance scales with the square of the ratio.
    const double total1 = std::accumulate(src_lengths.begin(), src_lengths.end(), 0.0);
    const double total2 = std::accumulate(tgt_lengths.begin(), tgt_lengths.end(), 0.0);
    if (total1 > 0 && total2 > 0) {
      params.c = total2 / total1;
      params.s2 = options.params.s2 * std::min(1.0, params.c * params.c);
    }
  }

  // Pass 0: paragraphs first, when both sides have a comparable number.
  std::vector<size_t> src_group;
  std::vector<size_t> tgt_group;
  if (options.max_paragraph_ratio > 0 && !src.empty() && !tgt.empty()) {
    Paragraphs sp = GroupParagraphs(src, src_lengths, src_features);
    Paragraphs tp = GroupParagraphs(tgt, tgt_lengths, tgt_features);
    const double a = static_cast<double>(sp.lengths.size());
    const double b = static_cast<double>(tp.lengths.size());
    if (a > 1 && b > 1 && std::max(a, b) / std::min(a, b) <= options.max_paragraph_ratio) {
      const std::vector<Bead> groups = Pass(sp.lengths, tp.lengths, sp.features, tp.features, params, start_weights,
                                            nullptr, nullptr, {}, params.initial_band, nullptr);
      std::vector<size_t> src_paragraph_group(sp.lengths.size());
      std::vector<size_t> tgt_paragraph_group(tp.lengths.size());
      for (size_t g = 0; g < groups.size(); ++g) {
        for (size_t k = 0; k < groups[g].src_count; ++k) src_paragraph_group[groups[g].src_begin + k] = g;
        for (size_t k = 0; k < groups[g].tgt_count; ++k) tgt_paragraph_group[groups[g].tgt_begin + k] = g;
      }
      src_group.resize(src.size());
      tgt_group.resize(tgt.size());
      for (size_t k = 0; k < src.size(); ++k) src_group[k] = src_paragraph_group[sp.of_segment[k]];
      for (size_t k = 0; k < tgt.size(); ++k) tgt_group[k] = tgt_paragraph_group[tp.of_segment[k]];
    }
  }
  const std::vector<size_t>* sg = src_group.empty() ? nullptr : &src_group;
  const std::vector<size_t>* tg = tgt_group.empty() ? nullptr : &tgt_group;

  // Pass 1: lengths and anchors.
  Alignment result;
  std::vector<Bead> beads = Pass(src_lengths, tgt_lengths, src_features, tgt_features, params, start_weights, sg,
                                 tg, {}, params.initial_band, &result.band);
  const bool second_pass = options.estimate_length_model || options.use_lexical_model;
  if (second_pass) {
    if (options.estimate_length_model) params = EstimateLengthModel(beads, src_lengths, tgt_lengths, params);
    KeyWeights weights = start_weights;
    if (options.use_anchors) weights = EstimateWeights(beads, src_features, tgt_features);
    if (options.use_lexical_model) {
      std::vector<std::pair<size_t, size_t>> pairs;
      for (const Bead& b : beads) {
        if (b.src_count == 1 && b.tgt_count == 1 && b.confidence >= kConfident) pairs.push_back({b.src_begin, b.tgt_begin});
      }
      const auto translations = internal::TrainModel1(src_features, tgt_features, pairs, options.lexical_iterations,
                                                      0.2, 0.15);
      internal::AddLexicalKeys(src_features, tgt_features, translations);
      // Weigh the lexical keys as the anchors, now that there are some.
      const KeyWeights with_lexical = EstimateWeights(beads, src_features, tgt_features);
      constexpr size_t kLexical = static_cast<size_t>(internal::KeyKind::kLexical);
      weights[kLexical] = with_lexical[kLexical];
    }
    if (!options.use_anchors) {
      for (size_t k = 0; k + 1 < weights.size(); ++k) weights[k] = 0;
    }
    // Pass 2 searches a narrow band around the path of pass 1, widened
    // where that path was wrong enough to touch its edge.
    beads = Pass(src_lengths, tgt_lengths, src_features, tgt_features, params, weights, sg, tg,
                 internal::PathOf(beads), 8, &result.band);
  }
  result.beads = std::move(beads);
  result.c = params.c;
  result.s2 = params.s2;
  return result;
}

}  // namespace tmkit::align
