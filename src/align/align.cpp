// Align(): the full model on top of the length model.
//
// Passes: (1) lengths with the ratio of the whole texts + anchors, in a band
// around the coarse-to-fine path of the lengths; then c, s² and the key model
// are re-estimated on the confident 1-1 beads of pass 1, the ending model is
// estimated and IBM Model 1 is trained on them; (2) lengths + anchors +
// lexical keys + the punctuation cues (endings, unmarked splits), with 3-1
// and 1-3 beads, in a band around the path of pass 1. Paragraph boundaries,
// when both sides have comparable ones, cost in both passes.
// docs/alignment.md gives the reasons and the numbers.
#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <optional>
#include <string>
#include <utility>

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
// Dictionary translations count like lexical-model ones, a little more.
constexpr KeyWeights kDefaultWeights = {2.5, 2.0, 0.8, 0.8, 0.6, 1.0};

// Confident 1-1 beads: what estimation and the lexical model learn from.
constexpr double kConfident = 0.9;

// What a bead gains when its last source sentence ends in a and its last
// target sentence in b (internal::Ending), at a · kEndingCount + b
// (AlignOptions::ending_weight; EstimateEndings).
using EndingScores = std::array<float, internal::kEndingCount * internal::kEndingCount>;

// The cost of a bead in the full model: prior + paragraph mismatches +
// length (deletions: deletion_cost instead) − the key score of its pairs;
// in pass 2 also − the score of its endings + the cost of its unmarked
// splits.
struct ModelCost {
  const std::vector<double>& src_len;  // prefix sums of lengths
  const std::vector<double>& tgt_len;
  const internal::Priors& priors;
  const GaleChurchParams& params;
  const SideFeatures& src;
  const SideFeatures& tgt;
  const internal::KeyModel& keys;
  // Paragraph boundaries: boundary[i] is 1 when a paragraph starts at segment
  // i (and at 0 and at the end). Null: paragraphs are not used.
  const std::vector<uint8_t>* src_boundary;
  const std::vector<uint8_t>* tgt_boundary;
  double paragraph_cost;  // per boundary that only one side has, at a bead end or inside a bead
  const EndingScores* endings;  // null: endings are not used
  double split_cost;  // per inner boundary of a many-to-one bead that the one sentence has no mark for

  // PairScore of source segment i and target segment j for every cell a
  // bead starting in the search band can touch: row i of the search band,
  // widened to the left as far as the row two above starts (a 3-1 bead from
  // there reaches row i) and by 2 columns to the right (a 1-3 bead), computed
  // once per band. A bead scores the sum over its segment pairs (features.h
  // says why that does not favour merges).
  Band scored;  // rows 0..n-1, columns of each row clamped to [0, m-1]
  std::vector<float> pair_score;
  std::optional<internal::PairScorer> scorer;  // built at the first Prepare

  void Prepare(const Band& band) {
    const Band previous = std::move(scored);
    std::vector<float> previous_score = std::move(pair_score);
    const size_t n = src.sentences.size();
    const size_t m = tgt.sentences.size();
    scored = Band{};
    if (m == 0) return;
    scored.lo.resize(n);
    scored.hi.resize(n);
    scored.offset.assign(n + 1, 0);
    for (size_t i = 0; i < n; ++i) {
      scored.lo[i] = std::min(band.lo[i >= 2 ? i - 2 : 0], m);
      scored.hi[i] = std::max(std::min(band.hi[i] + 2, m), scored.lo[i]) - 1;  // lo - 1: an empty row
      scored.offset[i + 1] = scored.offset[i] + (scored.hi[i] + 1 - scored.lo[i]);
    }
    pair_score.assign(scored.cells(), 0.0f);
    if (!scorer) scorer.emplace(src, tgt, keys);
    scorer->Rewind();
    for (size_t i = 0; i < n; ++i) {
      const size_t lo = scored.lo[i];
      const size_t hi = scored.hi[i];
      if (lo > hi) continue;
      float* row = &pair_score[scored.offset[i]];
      if (i < previous.rows() && previous.lo[i] == lo && previous.hi[i] == hi) {
        std::copy_n(&previous_score[previous.offset[i]], hi - lo + 1, row);  // a row the widening kept
      } else {
        scorer->ScoreRow(i, lo, hi, row);
      }
    }
  }

  double Pair(size_t i, size_t j) const {
    if (scored.Contains(i, j)) return pair_score[scored.offset[i] + (j - scored.lo[i])];
    return internal::PairScore(src.sentences[i], tgt.sentences[j], keys);  // not reached from inside the band
  }

  // The paragraph part of a bead's cost: its end is a boundary on one side
  // only, or it spans a boundary inside.
  double ParagraphCost(size_t i, size_t j, size_t di, size_t dj) const {
    if (!src_boundary) return 0;
    double cost = (*src_boundary)[i + di] != (*tgt_boundary)[j + dj] ? paragraph_cost : 0;
    for (size_t k = 1; k < di; ++k) cost += (*src_boundary)[i + k] ? paragraph_cost : 0;
    for (size_t k = 1; k < dj; ++k) cost += (*tgt_boundary)[j + k] ? paragraph_cost : 0;
    return cost;
  }

  double operator()(size_t i, size_t j, int di_signed, int dj_signed) const {
    const size_t di = static_cast<size_t>(di_signed);
    const size_t dj = static_cast<size_t>(dj_signed);
    const double prior = priors.cost[internal::TypeIndex(di_signed, dj_signed)] + ParagraphCost(i, j, di, dj);
    if (di == 0 || dj == 0) return prior + params.deletion_cost;
    const double l1 = src_len[i + di] - src_len[i];
    const double l2 = tgt_len[j + dj] - tgt_len[j];
    double matched = 0;
    if (di == 2 && dj == 2) {
      // Only the two diagonal pairs: the cross pairs of neighbouring
      // sentences share topic words, which would make 2-2 beads win over
      // two right 1-1 beads (Bible, 4 books, no paragraphs: F1 .78 with
      // all four pairs, .975 with the diagonal).
      matched = Pair(i, j) + Pair(i + 1, j + 1);
    } else {
      for (size_t s = i; s < i + di; ++s) {
        for (size_t t = j; t < j + dj; ++t) matched += Pair(s, t);
      }
    }
    if (endings) {
      matched += (*endings)[static_cast<size_t>(src.punctuation[i + di - 1].ending) * internal::kEndingCount +
                            static_cast<size_t>(tgt.punctuation[j + dj - 1].ending)];
    }
    if (split_cost > 0 && di != dj && (di == 1 || dj == 1)) {
      // A sentence of one side against several of the other: each of their
      // inner boundaries needs a mark inside the one sentence.
      const size_t splits = std::max(di, dj) - 1;
      const size_t marks = di == 1 ? src.punctuation[i].inner_marks : tgt.punctuation[j].inner_marks;
      if (marks < splits) matched -= split_cost * static_cast<double>(splits - marks);
    }
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

// The key model estimated on the pair, from its confident 1-1 beads (s, t)
// and their neighbouring, wrong pairs (s, t+1) and (s+1, t):
// - chance[k]: matches per key pair on the neighbours. Neighbours, not
//   random pairs: adjacent sentences share their topic, so this is the
//   chance level that the cross pairs of a 2-2 bead really have.
// - weight[k]: the log ratio of matches on the beads to matches on the
//   neighbours, shrunk towards the defaults when there are few beads (30
//   beads weigh as much as the defaults).
// Returns `fallback` when there are no such beads.
internal::KeyModel EstimateKeyModel(const std::vector<Bead>& beads, const SideFeatures& src, const SideFeatures& tgt,
                                    const internal::KeyModel& fallback) {
  std::array<double, internal::kKeyKindCount> right{};
  std::array<double, internal::kKeyKindCount> wrong{};
  std::array<double, internal::kKeyKindCount> wrong_products{};
  double count = 0;
  for (const Bead& b : beads) {
    if (b.src_count != 1 || b.tgt_count != 1 || b.confidence < kConfident) continue;
    if (b.src_begin + 1 >= src.sentences.size() || b.tgt_begin + 1 >= tgt.sentences.size()) continue;
    const auto& s = src.sentences[b.src_begin];
    const auto& t = tgt.sentences[b.tgt_begin];
    const auto& s_next = src.sentences[b.src_begin + 1];
    const auto& t_next = tgt.sentences[b.tgt_begin + 1];
    const auto r = internal::CountMatches(s.anchors, t.anchors);
    const auto w1 = internal::CountMatches(s.anchors, t_next.anchors);
    const auto w2 = internal::CountMatches(s_next.anchors, t.anchors);
    for (size_t k = 0; k < right.size(); ++k) {
      right[k] += r[k];
      wrong[k] += (w1[k] + w2[k]) / 2.0;
      wrong_products[k] += (s.kind_counts[k] * t_next.kind_counts[k] + s_next.kind_counts[k] * t.kind_counts[k]) / 2.0;
    }
    ++count;
  }
  if (count == 0) return fallback;
  internal::KeyModel model;
  constexpr double kPrior = 30;
  for (size_t k = 0; k < model.weight.size(); ++k) {
    const double ratio = (right[k] / count + 0.01) / (wrong[k] / count + 0.01);
    const double estimated = std::clamp(std::log(ratio), 0.0, 4.0);
    model.weight[k] = (count * estimated + kPrior * kDefaultWeights[k]) / (count + kPrior);
    model.chance[k] = wrong_products[k] > 0 ? wrong[k] / wrong_products[k] : fallback.chance[k];
  }
  return model;
}

// AlignOptions::ending_weight: the score of a bead whose last sentences end
// in a and b is weight · log(P(a, b | aligned) / (P(a) · P(b))), estimated
// on the confident 1-1 beads of pass 1: P(a) and P(b) their marginals (plus
// one half), P(a, b | aligned) their joint rate shrunk towards P(a) · P(b)
// with a prior of kPrior beads (as the key weights are), so a pair with few
// beads, or endings that tell nothing, scores about 0. The null is the
// product of the marginals rather than the neighbouring pairs (the key
// model's): neighbouring sentences end alike as often (the seven "Whereas
// ..." clauses of the UDHR all end in a comma), which would hide exactly the
// contrast that matters, a comma against a full stop.
EndingScores EstimateEndings(const std::vector<Bead>& beads, const SideFeatures& src, const SideFeatures& tgt,
                             double weight) {
  constexpr size_t kN = internal::kEndingCount;
  std::array<double, kN * kN> joint{};
  std::array<double, kN> src_marginal{};
  std::array<double, kN> tgt_marginal{};
  double count = 0;
  for (const Bead& b : beads) {
    if (b.src_count != 1 || b.tgt_count != 1 || b.confidence < kConfident) continue;
    const auto a = static_cast<size_t>(src.punctuation[b.src_begin].ending);
    const auto t = static_cast<size_t>(tgt.punctuation[b.tgt_begin].ending);
    joint[a * kN + t] += 1;
    src_marginal[a] += 1;
    tgt_marginal[t] += 1;
    ++count;
  }
  EndingScores scores{};
  if (count == 0 || weight == 0) return scores;
  constexpr double kPrior = 30;
  const double smoothed = count + 0.5 * kN;
  for (size_t a = 0; a < kN; ++a) {
    for (size_t t = 0; t < kN; ++t) {
      const double independent = (src_marginal[a] + 0.5) / smoothed * (tgt_marginal[t] + 0.5) / smoothed;
      const double aligned = (joint[a * kN + t] + kPrior * independent) / (count + kPrior);
      scores[a * kN + t] = static_cast<float>(weight * std::log(aligned / independent));
    }
  }
  return scores;
}

// One search over segments with the full cost; returns the beads.
std::vector<Bead> Pass(std::span<const size_t> src_lengths, std::span<const size_t> tgt_lengths,
                       const SideFeatures& src, const SideFeatures& tgt, const GaleChurchParams& params,
                       const internal::KeyModel& keys, const std::vector<uint8_t>* src_boundary,
                       const std::vector<uint8_t>* tgt_boundary, double paragraph_cost,
                       const EndingScores* endings, double split_cost, std::vector<internal::Point> first_path,
                       size_t start_band, size_t* band_used, const std::function<void(double)>& progress) {
  const std::vector<double> src_len = internal::PrefixSums(src_lengths);
  const std::vector<double> tgt_len = internal::PrefixSums(tgt_lengths);
  const internal::Priors priors = internal::MakePriors(params);
  ModelCost cost{src_len,      tgt_len,      priors,         params,  src, tgt, keys,
                 src_boundary, tgt_boundary, paragraph_cost, endings, split_cost, {}, {}, {}};
  return internal::SearchWithWidening(src_lengths.size(), tgt_lengths.size(), params, priors, std::move(first_path),
                                      start_band, cost, band_used, progress);
}

// Paragraph boundaries of `segments` (see ModelCost), or nothing when there
// is a single paragraph.
std::vector<uint8_t> Boundaries(const std::vector<Segment>& segments, size_t* paragraphs) {
  std::vector<uint8_t> boundary(segments.size() + 1, 0);
  *paragraphs = segments.empty() ? 0 : 1;
  boundary[0] = 1;
  boundary[segments.size()] = 1;
  for (size_t k = 1; k < segments.size(); ++k) {
    if (segments[k].paragraph != segments[k - 1].paragraph) {
      boundary[k] = 1;
      ++*paragraphs;
    }
  }
  return boundary;
}

// One document pair through the passes of AlignBatch.
struct Document {
  std::vector<size_t> src_lengths;
  std::vector<size_t> tgt_lengths;
  SideFeatures src_features;
  SideFeatures tgt_features;
  std::vector<uint8_t> src_boundary;
  std::vector<uint8_t> tgt_boundary;
  bool use_paragraphs = false;
  GaleChurchParams params;
  internal::KeyModel keys;
  EndingScores endings{};  // AlignOptions::ending_weight, estimated after pass 1
  bool last_pass = false;   // the punctuation cues count (pass 2)
  std::vector<Bead> beads;
  size_t band = 0;
  // Gets the share of a search done (SearchWithWidening); may be empty.
  std::function<void(double)> search_progress;

  std::vector<Bead> Search(const AlignOptions& options, std::vector<internal::Point> first_path,
                           size_t start_band) {
    return Pass(src_lengths, tgt_lengths, src_features, tgt_features, params, keys,
                use_paragraphs ? &src_boundary : nullptr, use_paragraphs ? &tgt_boundary : nullptr,
                options.paragraph_mismatch_cost, last_pass && options.ending_weight > 0 ? &endings : nullptr,
                last_pass ? options.unmarked_split_cost : 0, std::move(first_path), start_band, &band,
                search_progress);
  }
};

constexpr size_t kChanceSamples = 4000;

// AlignOptions::join_opposite_deletions: [i]:[] next to []:[j] (either
// order) becomes [i]:[j].
void JoinOppositeDeletions(std::vector<Bead>& beads) {
  std::vector<Bead> joined;
  joined.reserve(beads.size());
  for (const Bead& b : beads) {
    if (!joined.empty()) {
      Bead& last = joined.back();
      const bool opposite = (last.src_count == 1 && last.tgt_count == 0 && b.src_count == 0 && b.tgt_count == 1) ||
                            (last.src_count == 0 && last.tgt_count == 1 && b.src_count == 1 && b.tgt_count == 0);
      if (opposite) {
        last.src_count = 1;
        last.tgt_count = 1;
        last.cost += b.cost;
        last.confidence *= b.confidence;
        continue;
      }
    }
    joined.push_back(b);
  }
  beads = std::move(joined);
}

// A dictionary's word pairs as pairs of stems (the words of a phrase pair
// with each other), sorted and unique.
using StemPairs = std::vector<std::pair<std::string, std::string>>;

StemPairs DictionaryStems(const Dictionary& dictionary) {
  StemPairs pairs;
  for (const WordPair& pair : dictionary.pairs) {
    const std::vector<std::string> source = internal::WordStems(pair.source);
    const std::vector<std::string> target = internal::WordStems(pair.target);
    for (const std::string& s : source) {
      for (const std::string& t : target) pairs.emplace_back(s, t);
    }
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  return pairs;
}

// Adds the dictionary keys (KeyKind::kDictionary) of the stem pairs whose
// two stems occur in the vocabularies.
void AddDictionaryKeys(const StemPairs& pairs, const internal::Vocabulary& src_vocabulary,
                       const internal::Vocabulary& tgt_vocabulary, Document& d) {
  std::vector<std::vector<uint64_t>> translations(src_vocabulary.size());
  std::vector<bool> target_stems(tgt_vocabulary.size(), false);
  for (const auto& [source, target] : pairs) {
    const uint32_t s = src_vocabulary.Find(source);
    const uint32_t t = tgt_vocabulary.Find(target);
    if (s == internal::KeyIds::kAbsent || t == internal::KeyIds::kAbsent) continue;
    translations[s].push_back(internal::LexicalKey(t, internal::KeyKind::kDictionary));
    target_stems[t] = true;
  }
  internal::AddLexicalKeys(d.src_features, d.tgt_features, translations, internal::KeyKind::kDictionary,
                           &target_stems);
}

// Features, starting parameters and pass 1.
void FirstPass(const std::vector<Segment>& src, const std::vector<Segment>& tgt, const AlignOptions& options,
               const StemPairs& dictionary, internal::Vocabulary& src_vocabulary,
               internal::Vocabulary& tgt_vocabulary, Document& d, const std::function<void()>& features_done) {
  d.src_features = internal::ExtractFeatures(src, src_vocabulary);
  d.tgt_features = internal::ExtractFeatures(tgt, tgt_vocabulary);
  if (!dictionary.empty()) AddDictionaryKeys(dictionary, src_vocabulary, tgt_vocabulary, d);
  internal::CountKinds(d.src_features);
  internal::CountKinds(d.tgt_features);
  features_done();
  if (options.use_anchors) {
    d.keys.weight = kDefaultWeights;
    d.keys.chance = internal::EstimateChance(d.src_features, d.tgt_features, kChanceSamples);
  }
  d.params = options.params;
  d.params.length_cost_for_deletions = false;
  d.params.prior_3_1 = 0;  // pass 2 only (AlignOptions::params says why)
  if (options.estimate_length_model) {
    // Start from the ratio of the mean sentence lengths, so that the first
    // pass is already close for pairs far from c = 1 (en-ko is about 0.38);
    // the variance scales with the square of the ratio. The mean sentence,
    // not the whole text: where one side lacks most of the other's
    // paragraphs (Debian Reference chapters with 6 French paragraphs
    // translated out of 73), the ratio of the whole texts was 0.08 and
    // pass 1 never recovered (de-fr with gaps: F1 .913 with the texts'
    // ratio, .944 with the sentences'; every other measured pair the same).
    const double total1 = std::accumulate(d.src_lengths.begin(), d.src_lengths.end(), 0.0);
    const double total2 = std::accumulate(d.tgt_lengths.begin(), d.tgt_lengths.end(), 0.0);
    if (total1 > 0 && total2 > 0) {
      d.params.c = (total2 / static_cast<double>(d.tgt_lengths.size())) /
                   (total1 / static_cast<double>(d.src_lengths.size()));
      d.params.s2 = options.params.s2 * std::min(1.0, d.params.c * d.params.c);
    }
  }
  // Paragraphs count when both sides have a comparable number of them.
  size_t src_paragraphs = 0;
  size_t tgt_paragraphs = 0;
  d.src_boundary = Boundaries(src, &src_paragraphs);
  d.tgt_boundary = Boundaries(tgt, &tgt_paragraphs);
  const double sp = static_cast<double>(src_paragraphs);
  const double tp = static_cast<double>(tgt_paragraphs);
  d.use_paragraphs = options.max_paragraph_ratio > 0 && sp > 1 && tp > 1 &&
                     std::max(sp, tp) / std::min(sp, tp) <= options.max_paragraph_ratio;
  d.beads = d.Search(options, internal::CoarsePath(d.src_lengths, d.tgt_lengths, d.params), d.params.initial_band);
  if (options.estimate_length_model) d.params = EstimateLengthModel(d.beads, d.src_lengths, d.tgt_lengths, d.params);
  if (options.use_anchors) d.keys = EstimateKeyModel(d.beads, d.src_features, d.tgt_features, d.keys);
}

// IBM Model 1 on the confident 1-1 beads of every document's pass 1, as
// TrainModel1's translations.
std::vector<std::vector<uint64_t>> TrainLexicalModel(const std::vector<Document>& documents, size_t src_vocabulary,
                                                     size_t tgt_vocabulary, int iterations) {
  // The training pairs, copied into one pair of sides.
  SideFeatures src{.vocabulary_size = src_vocabulary};
  SideFeatures tgt{.vocabulary_size = tgt_vocabulary};
  std::vector<std::pair<size_t, size_t>> pairs;
  for (const Document& d : documents) {
    for (const Bead& b : d.beads) {
      if (b.src_count != 1 || b.tgt_count != 1 || b.confidence < kConfident) continue;
      pairs.push_back({src.sentences.size(), tgt.sentences.size()});
      src.sentences.push_back({.words = d.src_features.sentences[b.src_begin].words});
      tgt.sentences.push_back({.words = d.tgt_features.sentences[b.tgt_begin].words});
    }
  }
  // EM time and memory grow with the pairs; beyond kMaxTrainingPairs, an
  // even sample of them. Measured on the whole Bible (27,000 confident
  // pairs): all of them F1 .9807 in 3.9 s CPU and 191 MB; 8,000: .9804;
  // 4,000: .9802 in 2.4 s and 84 MB.
  constexpr size_t kMaxTrainingPairs = 4000;
  if (pairs.size() > kMaxTrainingPairs) {
    std::vector<std::pair<size_t, size_t>> sample;
    for (size_t k = 0; k < kMaxTrainingPairs; ++k) sample.push_back(pairs[k * pairs.size() / kMaxTrainingPairs]);
    pairs = std::move(sample);
  }
  return internal::TrainModel1(src, tgt, pairs, iterations, 0.2, 0.15);
}

}  // namespace

std::vector<Alignment> AlignBatch(std::span<const DocumentSegments> documents, const AlignOptions& options) {
  std::vector<Alignment> results(documents.size());
  std::vector<Document> state(documents.size());
  for (size_t k = 0; k < documents.size(); ++k) {
    state[k].src_lengths = Lengths(*documents[k].src);
    state[k].tgt_lengths = Lengths(*documents[k].tgt);
  }
  if (!options.estimate_length_model && !options.use_anchors && !options.use_lexical_model &&
      options.max_paragraph_ratio <= 0) {
    size_t sentences = 0;
    for (const Document& d : state) sentences += d.src_lengths.size() + d.tgt_lengths.size();
    size_t done = 0;
    for (size_t k = 0; k < documents.size(); ++k) {  // plain Gale-Church
      results[k] = AlignLengths(state[k].src_lengths, state[k].tgt_lengths, options.params);
      done += state[k].src_lengths.size() + state[k].tgt_lengths.size();
      if (options.progress) options.progress(done, sentences);
    }
    return results;
  }
  internal::Vocabulary src_vocabulary;
  internal::Vocabulary tgt_vocabulary;
  const StemPairs dictionary = options.dictionary ? DictionaryStems(*options.dictionary) : StemPairs{};
  // Progress in sentences (see AlignOptions::progress): features 1, each
  // pass 2, the lexical model 1 per sentence of all documents.
  size_t sentences = 0;
  for (const Document& d : state) sentences += d.src_lengths.size() + d.tgt_lengths.size();
  const size_t total = 6 * sentences;
  size_t done = 0;
  size_t reported = 0;  // the last `done` passed to options.progress
  const auto advance = [&](size_t units) {
    done += units;
    reported = done;
    if (options.progress) options.progress(done, total);
  };
  // During a search of `units` work units: done + the share reached, below
  // done + units (which advance() reports at the end), never repeated.
  const auto during = [&](size_t units) -> std::function<void(double)> {
    if (!options.progress || units == 0) return {};
    return [&options, &done, &reported, total, units](double share) {
      const size_t at = std::min(done + static_cast<size_t>(share * static_cast<double>(units)), done + units - 1);
      if (at > reported) {
        reported = at;
        options.progress(at, total);
      }
    };
  };
  for (Document& d : state) d.search_progress = during(2 * (d.src_lengths.size() + d.tgt_lengths.size()));
  for (size_t k = 0; k < documents.size(); ++k) {
    FirstPass(*documents[k].src, *documents[k].tgt, options, dictionary, src_vocabulary, tgt_vocabulary, state[k],
              [&] { advance(state[k].src_lengths.size() + state[k].tgt_lengths.size()); });
    advance(2 * (state[k].src_lengths.size() + state[k].tgt_lengths.size()));
  }
  const bool second_pass = options.estimate_length_model || options.use_lexical_model;
  if (second_pass) {
    std::vector<std::vector<uint64_t>> translations;
    if (options.use_lexical_model) {
      translations =
          TrainLexicalModel(state, src_vocabulary.size(), tgt_vocabulary.size(), options.lexical_iterations);
    }
    advance(sentences);
    for (Document& d : state) {
      if (options.use_lexical_model) {
        internal::AddLexicalKeys(d.src_features, d.tgt_features, translations);
        internal::CountKinds(d.src_features);
        internal::CountKinds(d.tgt_features);
        // Weigh the lexical keys as the anchors, now that there are some.
        constexpr size_t kLexical = static_cast<size_t>(internal::KeyKind::kLexical);
        const internal::KeyModel with_lexical = EstimateKeyModel(d.beads, d.src_features, d.tgt_features, d.keys);
        d.keys.weight[kLexical] = with_lexical.weight[kLexical];
        d.keys.chance[kLexical] = with_lexical.chance[kLexical];
      }
      if (!options.use_anchors) {  // only the lexical and dictionary keys count
        for (size_t k = 0; k < static_cast<size_t>(internal::KeyKind::kLexical); ++k) d.keys.weight[k] = 0;
      }
      // The punctuation cues and 3-1 beads count in pass 2 only (model
      // items 8, 11, 12 in docs/alignment.md).
      if (options.ending_weight > 0) {
        d.endings = EstimateEndings(d.beads, d.src_features, d.tgt_features, options.ending_weight);
      }
      d.last_pass = true;
      d.params.prior_3_1 = options.params.prior_3_1;
      // Pass 2 searches a narrow band around the path of pass 1, widened
      // where that path was wrong enough to touch its edge.
      d.beads = d.Search(options, internal::PathOf(d.beads), 8);
      advance(2 * (d.src_lengths.size() + d.tgt_lengths.size()));
    }
  } else {
    advance(total - done);
  }
  for (size_t k = 0; k < documents.size(); ++k) {
    if (options.join_opposite_deletions) JoinOppositeDeletions(state[k].beads);
    results[k].beads = std::move(state[k].beads);
    results[k].c = state[k].params.c;
    results[k].s2 = state[k].params.s2;
    results[k].band = state[k].band;
  }
  return results;
}

Alignment Align(const std::vector<Segment>& src, const std::vector<Segment>& tgt, const AlignOptions& options) {
  const DocumentSegments document{&src, &tgt};
  return std::move(AlignBatch(std::span(&document, 1), options)[0]);
}

}  // namespace tmkit::align
