// Private to align/: what the aligner sees of a sentence besides its length.
//
// Anchors are keys that a sentence and its translation tend to share without
// any dictionary: numbers ("1960" in "주체49(1960)년"), identical words (names
// in the same script), cognate prefixes (the first 5 letters of words of 6 or
// more: "revolutionary"/"revolucionario"), and punctuation classes (question,
// exclamation, quotation, parenthesis). Words are the stems the lexical model
// (IBM Model 1) is trained on. Punctuation (how a sentence ends, how many
// marks it has before that) feeds the ending and split cues of pass 2. Keys are hashed to 64 bits with the kind in
// the top bits; a rare hash collision only adds a spurious match.
#ifndef TMKIT_ALIGN_FEATURES_H_
#define TMKIT_ALIGN_FEATURES_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <functional>
#include <vector>

#include "core/segment.h"

namespace tmkit::align::internal {

// kDictionary: translations from a bilingual dictionary (AlignOptions::dictionary).
enum class KeyKind : uint64_t {
  kNumber = 0,
  kIdentical = 1,
  kCognate = 2,
  kPunctuation = 3,
  kLexical = 4,
  kDictionary = 5
};
inline constexpr int kKeyKindCount = 6;

inline KeyKind KindOf(uint64_t key) { return static_cast<KeyKind>(key >> 60); }

// Per-kind score of one matched key, in nats.
using KeyWeights = std::array<double, kKeyKindCount>;

struct SentenceFeatures {
  std::vector<uint64_t> anchors;  // sorted; repeats kept (a multiset)
  std::vector<uint32_t> words;    // stem ids in the side's vocabulary, in text order
  std::array<uint16_t, kKeyKindCount> kind_counts{};  // anchors of each kind (CountKinds)
};

// Dense ids 0, 1, 2... for 64-bit keys, in the order first inserted: open
// addressing with linear probing, doubled when half full.
class KeyIds {
 public:
  static constexpr uint32_t kAbsent = 0xFFFFFFFFu;
  KeyIds();
  // The id of `key`, or kAbsent.
  uint32_t Find(uint64_t key) const;
  // The id of `key`, a new one (size() before the call) when absent.
  uint32_t Insert(uint64_t key);
  size_t size() const { return keys_.size(); }
  uint64_t key(uint32_t id) const { return keys_[id]; }

 private:
  void Place(uint64_t key, uint32_t id);
  std::vector<uint64_t> keys_;      // by id
  std::vector<uint64_t> slot_key_;  // size a power of 2
  std::vector<uint32_t> slot_id_;   // kAbsent: an empty slot
  int shift_ = 64;                  // 64 - log2(slots)
};

// Stem → id, for one language; shared by the documents of a batch so that
// the lexical model can learn from all of them. Stems are hashed to 64 bits
// (a collision would merge two stems, as for keys).
class Vocabulary {
 public:
  // The id of `stem`, a new one (size() before the call) when absent.
  uint32_t Insert(std::string_view stem) { return ids_.Insert(Hash(stem)); }
  // The id of `stem`, or KeyIds::kAbsent.
  uint32_t Find(std::string_view stem) const { return ids_.Find(Hash(stem)); }
  size_t size() const { return ids_.size(); }

 private:
  static uint64_t Hash(std::string_view stem) { return std::hash<std::string_view>{}(stem); }
  KeyIds ids_;
};

// How a sentence ends: its last character that is not a space, a closing
// quotation mark or a closing bracket. kStop: a sentence terminator (. ! ?
// and the CJK, Arabic, Devanagari, Ethiopic, Armenian and Myanmar ones, the
// ellipsis); kColon: a colon or semicolon (; : ； ： ؛); kComma: a comma
// (, ， 、 ، and the Myanmar section mark) or a dash (— ―); kNone:
// anything else (a letter, a digit: a title or heading, or a fragment).
enum class Ending : uint8_t { kNone = 0, kComma = 1, kColon = 2, kStop = 3 };
inline constexpr int kEndingCount = 4;

// A sentence's punctuation as the aligner sees it: its Ending, and how many
// marks of the kComma, kColon and kStop kinds it has before that ending
// (places where its translation may have ended a sentence), at most 255.
struct Punctuation {
  Ending ending = Ending::kNone;
  uint8_t inner_marks = 0;
};

// The Punctuation of `text`. REQUIRES: valid UTF-8.
Punctuation PunctuationOf(std::string_view text);

// The features of every sentence of one side.
struct SideFeatures {
  std::vector<SentenceFeatures> sentences;
  std::vector<Punctuation> punctuation;  // per sentence, PunctuationOf its text
  size_t vocabulary_size = 0;            // stem ids are below this
};

// Adds new stems to `vocabulary`. REQUIRES: every segment's text is valid UTF-8.
SideFeatures ExtractFeatures(const std::vector<Segment>& segments, Vocabulary& vocabulary);

// Sets every sentence's kind_counts from its anchors.
void CountKinds(SideFeatures& side);

// How matched keys score. For each kind k: weight[k] per matched key, and
// chance[k], the probability that a given source key and a given target key
// of that kind match in unrelated sentences. A pair of sentences scores
//   Σ_k weight[k] · (matches_k − chance[k] · n_k(source) · n_k(target)),
// matches above what chance gives; it is 0 on average for unrelated pairs,
// so the score of a bead can be the sum over its sentence pairs without
// favouring merged beads, whose cross pairs add nothing on average.
struct KeyModel {
  KeyWeights weight{};
  KeyWeights chance{};
};

double PairScore(const SentenceFeatures& src, const SentenceFeatures& tgt, const KeyModel& model);

// PairScore of one source sentence against a window of consecutive target
// sentences, for every row of a search band, without comparing the two key
// lists of every cell: the target keys are indexed once (a posting list of
// (sentence, count) per distinct key), and a row looks up only the source
// sentence's keys, reading the postings inside its window. Rows must come
// with windows whose first column never decreases (a band's rows in order);
// Rewind() starts over. Work per row is the source keys plus the matches,
// not the cells; the scores equal PairScore's up to rounding.
// Holds references: `src`, `tgt` and `model` must outlive it.
class PairScorer {
 public:
  PairScorer(const SideFeatures& src, const SideFeatures& tgt, const KeyModel& model);
  // out[j - lo] = PairScore(src i, tgt j) for j in [lo, hi].
  // REQUIRES: i < source size, lo <= hi < target size, lo not below the lo
  // of the previous call since construction or Rewind().
  void ScoreRow(size_t i, size_t lo, size_t hi, float* out);
  void Rewind();

 private:
  const SideFeatures& src_;
  const SideFeatures& tgt_;
  const KeyModel& model_;
  KeyIds ids_;                      // the target's distinct keys
  std::vector<uint32_t> start_;     // postings of id d: [start_[d], start_[d+1])
  std::vector<uint32_t> sentence_;  // posting: target sentence, ascending within an id
  std::vector<uint16_t> count_;     // posting: times the key occurs in it
  std::vector<uint32_t> cursor_;    // per id: first posting not yet known to lie before every later window
  std::vector<double> row_;         // scratch
};

// chance[k] measured on up to `samples` pairs drawn across the two sides
// (deterministically), nearly all of them unrelated.
KeyWeights EstimateChance(const SideFeatures& src, const SideFeatures& tgt, size_t samples);

// Matches per kind between two sorted key multisets.
std::array<int, kKeyKindCount> CountMatches(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b);

// IBM Model 1, p(target stem | source stem), trained by EM on sentence pairs.
// `pairs` are (source sentence, target sentence) indices. Frequent stems (in
// more than `max_df` of the pairs, when there are at least 20) are left out:
// they match everything and tell nothing about the position.
// Returns for each source stem id its likely translations, as lexical keys
// (KeyKind::kLexical over target stem ids): those with p ≥ min_probability,
// at most 3.
std::vector<std::vector<uint64_t>> TrainModel1(const SideFeatures& src, const SideFeatures& tgt,
                                               const std::vector<std::pair<size_t, size_t>>& pairs, int iterations,
                                               double max_df, double min_probability);

// A lexical key (or another translation kind) for target stem `id`.
inline uint64_t LexicalKey(uint32_t id, KeyKind kind = KeyKind::kLexical) {
  return (static_cast<uint64_t>(kind) << 60) | id;
}

// Adds translation keys of `kind` to every sentence's anchors: on the source
// side the translations of its stems (`translations`, indexed by source stem
// id, keys of `kind`), on the target side its own stems (only those marked in
// `target_stems`, when given); each key once per sentence. Keeps the anchors
// sorted.
void AddLexicalKeys(SideFeatures& src, SideFeatures& tgt, const std::vector<std::vector<uint64_t>>& translations,
                    KeyKind kind = KeyKind::kLexical, const std::vector<bool>* target_stems = nullptr);

// The stems of the words of `text` as ExtractFeatures makes them (case and
// accents folded; 6 letters, 2 Hangul syllables, whole ideographic words),
// in text order. REQUIRES: `text` is valid UTF-8.
std::vector<std::string> WordStems(std::string_view text);

}  // namespace tmkit::align::internal

#endif  // TMKIT_ALIGN_FEATURES_H_
