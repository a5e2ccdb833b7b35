#include "align/features.h"

#include <algorithm>
#include <functional>
#include <string_view>
#include <unordered_set>

#include "text/unicode.h"

namespace tmkit::align::internal {
namespace {

constexpr uint64_t kHashMask = (uint64_t{1} << 60) - 1;

uint64_t Key(KeyKind kind, std::string_view text) {
  return (static_cast<uint64_t>(kind) << 60) | (std::hash<std::string_view>{}(text)&kHashMask);
}

// Byte length of the UTF-8 sequence starting with `lead`.
size_t SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  return 2;
}

// The code point at `s[i]`, for valid UTF-8.
char32_t CodePointAt(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[i + k])); };
  switch (SequenceLength(static_cast<unsigned char>(s[i]))) {
    case 1:
      return b(0);
    case 2:
      return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
    case 3:
      return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
    default:
      return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
  }
}

// The first `count` code points of `word` (all of it when shorter), and the
// number of code points it has.
std::string_view Prefix(std::string_view word, size_t count, size_t* total) {
  size_t bytes = 0;
  size_t points = 0;
  size_t cut = word.size();
  while (bytes < word.size()) {
    if (points == count) cut = bytes;
    bytes += SequenceLength(static_cast<unsigned char>(word[bytes]));
    ++points;
  }
  *total = points;
  return word.substr(0, std::min(cut, word.size()));
}

bool IsHangul(char32_t c) { return (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF); }

// Punctuation classes that survive translation. Spanish ¿ ¡ and the
// full-width forms count as their plain class; every quotation mark counts
// as one class (translators change the style: "…" → «…» → 「…」).
const char* PunctuationClass(char32_t c) {
  switch (c) {
    case U'?':
    case U'¿':
    case U'？':
      return "?";
    case U'!':
    case U'¡':
    case U'！':
      return "!";
    case U'"':
    case U'“':
    case U'”':
    case U'„':
    case U'«':
    case U'»':
    case U'「':
    case U'」':
    case U'『':
    case U'』':
      return "\"";
    case U'(':
    case U'（':
      return "(";
    default:
      return nullptr;
  }
}

// What a character is to PunctuationOf: kComma, kColon and kStop match
// Ending's values; kSkip is a space, a closing quotation mark or a closing
// bracket (looked through at the end of a sentence); kOther anything else.
enum class MarkClass : uint8_t { kOther = 0, kComma = 1, kColon = 2, kStop = 3, kSkip = 4 };

MarkClass ClassOfMark(char32_t c) {
  switch (c) {
    case U' ': case U'\t': case U'\n': case U'\r': case U'\u00A0': case U'\u3000':
    case U'"': case U'\'': case U'\u201D': case U'\u2019': case U'\u00BB': case U'\u203A':
    case U')': case U']': case U'}': case U'\uFF09': case U'\uFF3D': case U'\uFF5D': case U'\uFF02':
    case U'\u300D': case U'\u300F': case U'\u3009': case U'\u300B': case U'\u3011': case U'\u3015':
      return MarkClass::kSkip;
    case U'.': case U'!': case U'?': case U'\u3002': case U'\uFF0E': case U'\uFF61': case U'\uFF01':
    case U'\uFF1F': case U'\u2026': case U'\u203C': case U'\u061F': case U'\u06D4': case U'\u0964':
    case U'\u0965': case U'\u1362': case U'\u0589': case U'\u104B':
      return MarkClass::kStop;
    case U';': case U':': case U'\uFF1B': case U'\uFF1A': case U'\u061B':
      return MarkClass::kColon;
    case U',': case U'\uFF0C': case U'\u3001': case U'\uFF64': case U'\u060C': case U'\u104A':
    case U'\u2014': case U'\u2015':
      return MarkClass::kComma;
    default:
      return MarkClass::kOther;
  }
}

// Latin letters U+00C0-U+017F without their diacritics ('.' keeps the
// letter): "jesús" and "jesus", "république" and "republique" share keys.
// Derived from the Unicode canonical decompositions of the range.
constexpr std::string_view kLatinBase =
    "AAAAAA.CEEEEIIII.NOOOOO..UUUUY..aaaaaa.ceeeeiiii.nooooo..uuuuy.yAaAaAaCcCcCcCcDd..EeEeEeEeEeGgGgGgGgHh..IiIiIiIiI"
    "...JjKk.LlLlLl....NnNnNn...OoOoOo..RrRrRrSsSsSsSsTtTt..UuUuUuUuUuUuWwYyYZzZzZz.";

std::string FoldLatinAccents(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const size_t length = SequenceLength(static_cast<unsigned char>(text[i]));
    const char32_t c = CodePointAt(text, i);
    if (c >= 0xC0 && c < 0x180 && kLatinBase[c - 0xC0] != '.') {
      out.push_back(kLatinBase[c - 0xC0]);
    } else {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  return out;
}

// True when every code point of `text` is below U+0100 (ASCII and Latin-1:
// English, Spanish, French, German, Portuguese...) and none is a combining
// mark, so that case folding and word spans need no ICU. REQUIRES: valid UTF-8.
bool IsLatin1Text(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) continue;
    if (c != 0xC2 && c != 0xC3) return false;  // lead bytes of U+0080-U+00FF
    ++i;
  }
  return true;
}

bool IsLatin1Letter(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xF7) ||
         c == 0xAA || c == 0xB5 || c == 0xBA;
}

void AppendUtf8(char32_t c, std::string& out) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

// Full case folding of Latin-1 text, as ICU does it (ß → ss, µ → μ aside:
// µ is kept, it only has to fold the same way every time), and then
// FoldLatinAccents, in one pass.
std::string Latin1FoldForKeys(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 4);
  for (size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      const char c = text[i++];
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c);
      continue;
    }
    char32_t c = CodePointAt(text, i);
    i += 2;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) c += 0x20;
    if (c == 0xDF) {
      out += "ss";
    } else if (c >= 0xC0 && kLatinBase[c - 0xC0] != '.') {
      out.push_back(kLatinBase[c - 0xC0]);
    } else {
      AppendUtf8(c, out);
    }
  }
  return out;
}

// Word spans of folded Latin-1 text without ICU (ICU's per-call setup was a
// third of the aligner's time on English): runs of letters, with inner
// apostrophes kept as UAX #29 keeps them ("don't", "l'homme").
std::vector<text::TextSpan> Latin1WordSpans(std::string_view text) {
  std::vector<text::TextSpan> spans;
  size_t i = 0;
  while (i < text.size()) {
    if (!IsLatin1Letter(CodePointAt(text, i))) {
      i += SequenceLength(static_cast<unsigned char>(text[i]));
      continue;
    }
    size_t end = i;
    while (end < text.size()) {
      const size_t step = SequenceLength(static_cast<unsigned char>(text[end]));
      if (IsLatin1Letter(CodePointAt(text, end))) {
        end += step;
      } else if (text[end] == '\'' && end + 1 < text.size() && IsLatin1Letter(CodePointAt(text, end + 1))) {
        end += 1;
      } else {
        break;
      }
    }
    spans.push_back({i, end, text::WordKind::kLetters});
    i = end;
  }
  return spans;
}

void AddNumbers(std::string_view text, std::vector<uint64_t>& keys) {
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] < '0' || text[i] > '9') {
      ++i;
      continue;
    }
    // A run of digits with single inner separators: "1,960" and "1.960" are 1960.
    std::string digits;
    while (i < text.size()) {
      if (text[i] >= '0' && text[i] <= '9') {
        digits.push_back(text[i++]);
      } else if ((text[i] == ',' || text[i] == '.') && i + 1 < text.size() && text[i + 1] >= '0' &&
                 text[i + 1] <= '9') {
        ++i;
      } else {
        break;
      }
    }
    keys.push_back(Key(KeyKind::kNumber, digits));
  }
}

// Case and Latin accents folded, the form every key is made from.
std::string FoldForKeys(std::string_view text, bool* latin1) {
  *latin1 = IsLatin1Text(text);
  return *latin1 ? Latin1FoldForKeys(text) : FoldLatinAccents(text::FoldCase(text::Nfc(text)));
}

// The stem of a word for the lexical model: Korean words carry their
// particles at the end ("쿠바와", "쿠바의"), so two syllables; alphabetic
// words six letters; ideographic words whole.
std::string_view StemOf(std::string_view word, text::WordKind kind) {
  if (kind != text::WordKind::kLetters) return word;
  size_t length = 0;
  return Prefix(word, IsHangul(CodePointAt(word, 0)) ? 2 : 6, &length);
}

}  // namespace

Punctuation PunctuationOf(std::string_view text) {
  Punctuation result;
  // Backwards to the last character that tells (kSkip: a space or a
  // closer), then over the run of marks that ends the sentence ("?!",
  // "...", "。」"); the marks before that run are the inner ones.
  size_t end = text.size();
  bool in_ending = true;
  bool seen = false;
  size_t inner = 0;
  while (end > 0) {
    size_t start = end - 1;
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    const MarkClass cls = ClassOfMark(CodePointAt(text, start));
    end = start;
    if (in_ending) {
      if (cls == MarkClass::kSkip) continue;
      if (cls == MarkClass::kOther) {
        in_ending = false;
        seen = true;
        continue;
      }
      if (!seen) result.ending = static_cast<Ending>(cls);
      seen = true;
      continue;
    }
    if (cls != MarkClass::kSkip && cls != MarkClass::kOther) ++inner;
  }
  result.inner_marks = static_cast<uint8_t>(std::min<size_t>(inner, 255));
  return result;
}

SideFeatures ExtractFeatures(const std::vector<Segment>& segments, Vocabulary& ids) {
  SideFeatures side;
  side.sentences.resize(segments.size());
  side.punctuation.resize(segments.size());
  for (size_t s = 0; s < segments.size(); ++s) {
    side.punctuation[s] = PunctuationOf(segments[s].text);
    SentenceFeatures& f = side.sentences[s];
    bool latin1 = false;
    const std::string folded = FoldForKeys(segments[s].text, &latin1);
    AddNumbers(folded, f.anchors);
    std::unordered_set<std::string_view> punctuation;
    for (size_t i = 0; i < folded.size(); i += SequenceLength(static_cast<unsigned char>(folded[i]))) {
      if (const char* cls = PunctuationClass(CodePointAt(folded, i))) punctuation.insert(cls);
    }
    for (std::string_view cls : punctuation) f.anchors.push_back(Key(KeyKind::kPunctuation, cls));
    for (const text::TextSpan& span : latin1 ? Latin1WordSpans(folded) : text::WordSpans(folded)) {
      if (span.kind != text::WordKind::kLetters && span.kind != text::WordKind::kIdeographic) continue;
      const std::string_view word = std::string_view(folded).substr(span.begin, span.end - span.begin);
      size_t length = 0;
      const std::string_view cognate = Prefix(word, 5, &length);
      if (span.kind == text::WordKind::kLetters && length >= 4) f.anchors.push_back(Key(KeyKind::kIdentical, word));
      if (span.kind == text::WordKind::kLetters && length >= 6) f.anchors.push_back(Key(KeyKind::kCognate, cognate));
      f.words.push_back(ids.Insert(StemOf(word, span.kind)));
    }
    std::sort(f.anchors.begin(), f.anchors.end());
  }
  side.vocabulary_size = ids.size();
  return side;
}

std::array<int, kKeyKindCount> CountMatches(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  std::array<int, kKeyKindCount> counts{};
  size_t i = 0;
  size_t j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++counts[static_cast<size_t>(KindOf(a[i]))];
      ++i;
      ++j;
    }
  }
  return counts;
}

void CountKinds(SideFeatures& side) {
  for (SentenceFeatures& f : side.sentences) {
    f.kind_counts = {};
    for (uint64_t key : f.anchors) ++f.kind_counts[static_cast<size_t>(KindOf(key))];
  }
}

double PairScore(const SentenceFeatures& src, const SentenceFeatures& tgt, const KeyModel& model) {
  const std::array<int, kKeyKindCount> matches = CountMatches(src.anchors, tgt.anchors);
  double score = 0;
  for (size_t k = 0; k < kKeyKindCount; ++k) {
    const double expected = model.chance[k] * src.kind_counts[k] * tgt.kind_counts[k];
    score += model.weight[k] * (matches[k] - expected);
  }
  return score;
}

namespace {

// Runs of equal keys in a sorted multiset: calls fn(key, repeats).
template <typename Fn>
void ForEachDistinct(const std::vector<uint64_t>& keys, Fn&& fn) {
  for (size_t k = 0; k < keys.size();) {
    size_t end = k + 1;
    while (end < keys.size() && keys[end] == keys[k]) ++end;
    fn(keys[k], end - k);
    k = end;
  }
}

uint64_t MixKey(uint64_t key) { return key * 0x9E3779B97F4A7C15ull; }

}  // namespace

KeyIds::KeyIds() : slot_key_(1024, 0), slot_id_(1024, kAbsent), shift_(64 - 10) {}

void KeyIds::Place(uint64_t key, uint32_t id) {
  const size_t mask = slot_id_.size() - 1;
  size_t slot = MixKey(key) >> shift_;
  while (slot_id_[slot] != kAbsent) slot = (slot + 1) & mask;
  slot_key_[slot] = key;
  slot_id_[slot] = id;
}

uint32_t KeyIds::Find(uint64_t key) const {
  const size_t mask = slot_id_.size() - 1;
  for (size_t slot = MixKey(key) >> shift_;; slot = (slot + 1) & mask) {
    if (slot_id_[slot] == kAbsent || slot_key_[slot] == key) return slot_id_[slot];
  }
}

uint32_t KeyIds::Insert(uint64_t key) {
  const uint32_t found = Find(key);
  if (found != kAbsent) return found;
  const auto id = static_cast<uint32_t>(keys_.size());
  keys_.push_back(key);
  if (2 * keys_.size() > slot_id_.size()) {
    --shift_;
    slot_key_.assign(2 * slot_key_.size(), 0);
    slot_id_.assign(2 * slot_id_.size(), kAbsent);
    for (uint32_t k = 0; k < keys_.size(); ++k) Place(keys_[k], k);
  } else {
    Place(key, id);
  }
  return id;
}

PairScorer::PairScorer(const SideFeatures& src, const SideFeatures& tgt, const KeyModel& model)
    : src_(src), tgt_(tgt), model_(model) {
  // Dense ids, and the number of postings of each.
  std::vector<uint32_t> ids;  // per distinct key of each target sentence, in order
  std::vector<uint32_t> postings;
  for (const SentenceFeatures& f : tgt.sentences) {
    ForEachDistinct(f.anchors, [&](uint64_t key, size_t) {
      const uint32_t id = ids_.Insert(key);
      if (id == postings.size()) postings.push_back(0);
      ids.push_back(id);
      ++postings[id];
    });
  }
  // Counting sort by id: postings come out in sentence order.
  start_.assign(postings.size() + 1, 0);
  for (size_t d = 0; d < postings.size(); ++d) start_[d + 1] = start_[d] + postings[d];
  sentence_.resize(ids.size());
  count_.resize(ids.size());
  std::vector<uint32_t> next(start_.begin(), start_.end() - 1);
  size_t at = 0;
  for (size_t j = 0; j < tgt.sentences.size(); ++j) {
    ForEachDistinct(tgt.sentences[j].anchors, [&](uint64_t, size_t repeats) {
      const uint32_t p = next[ids[at++]]++;
      sentence_[p] = static_cast<uint32_t>(j);
      count_[p] = static_cast<uint16_t>(std::min<size_t>(repeats, 0xFFFF));
    });
  }
  Rewind();
}

void PairScorer::Rewind() { cursor_.assign(start_.begin(), start_.end() - 1); }

void PairScorer::ScoreRow(size_t i, size_t lo, size_t hi, float* out) {
  const SentenceFeatures& s = src_.sentences[i];
  // What chance gives, per target key of each kind.
  std::array<double, kKeyKindCount> expected{};
  for (size_t k = 0; k < kKeyKindCount; ++k) expected[k] = model_.weight[k] * model_.chance[k] * s.kind_counts[k];
  row_.resize(hi - lo + 1);
  for (size_t j = lo; j <= hi; ++j) {
    const SentenceFeatures& t = tgt_.sentences[j];
    double base = 0;
    for (size_t k = 0; k < kKeyKindCount; ++k) base -= expected[k] * t.kind_counts[k];
    row_[j - lo] = base;
  }
  ForEachDistinct(s.anchors, [&](uint64_t key, size_t repeats) {
    const uint32_t id = ids_.Find(key);
    if (id == KeyIds::kAbsent) return;
    const double weight = model_.weight[static_cast<size_t>(KindOf(key))];
    uint32_t& p = cursor_[id];
    const uint32_t end = start_[id + 1];
    while (p < end && sentence_[p] < lo) ++p;
    for (uint32_t q = p; q < end && sentence_[q] <= hi; ++q) {
      row_[sentence_[q] - lo] += weight * static_cast<double>(std::min<size_t>(repeats, count_[q]));
    }
  });
  for (size_t j = lo; j <= hi; ++j) out[j - lo] = static_cast<float>(row_[j - lo]);
}

KeyWeights EstimateChance(const SideFeatures& src, const SideFeatures& tgt, size_t samples) {
  KeyWeights chance{};
  const size_t n = src.sentences.size();
  const size_t m = tgt.sentences.size();
  if (n == 0 || m == 0) return chance;
  std::array<double, kKeyKindCount> matches{};
  std::array<double, kKeyKindCount> products{};
  for (size_t k = 0; k < samples; ++k) {
    // A fixed walk over the table; pairs far from any diagonal dominate.
    const size_t i = (k * 7919 + 3) % n;
    const size_t j = (k * 104729 + 11) % m;
    const auto& s = src.sentences[i];
    const auto& t = tgt.sentences[j];
    const std::array<int, kKeyKindCount> found = CountMatches(s.anchors, t.anchors);
    for (size_t kind = 0; kind < kKeyKindCount; ++kind) {
      matches[kind] += found[kind];
      products[kind] += static_cast<double>(s.kind_counts[kind]) * t.kind_counts[kind];
    }
  }
  for (size_t kind = 0; kind < kKeyKindCount; ++kind) {
    chance[kind] = products[kind] > 0 ? matches[kind] / products[kind] : 0.0;
  }
  return chance;
}

std::vector<std::vector<uint64_t>> TrainModel1(const SideFeatures& src, const SideFeatures& tgt,
                                               const std::vector<std::pair<size_t, size_t>>& pairs, int iterations,
                                               double max_df, double min_probability) {
  std::vector<std::vector<uint64_t>> translations(src.vocabulary_size);
  if (pairs.empty()) return translations;
  // Document frequencies over the training pairs, to leave out stems that
  // occur in most sentences.
  std::vector<uint32_t> src_df(src.vocabulary_size, 0);
  std::vector<uint32_t> tgt_df(tgt.vocabulary_size, 0);
  std::vector<std::vector<uint32_t>> src_words(pairs.size());
  std::vector<std::vector<uint32_t>> tgt_words(pairs.size());
  for (size_t p = 0; p < pairs.size(); ++p) {
    src_words[p] = src.sentences[pairs[p].first].words;
    tgt_words[p] = tgt.sentences[pairs[p].second].words;
    for (auto* words : {&src_words[p], &tgt_words[p]}) {
      std::sort(words->begin(), words->end());
      words->erase(std::unique(words->begin(), words->end()), words->end());
    }
    for (uint32_t w : src_words[p]) ++src_df[w];
    for (uint32_t w : tgt_words[p]) ++tgt_df[w];
  }
  const double limit = pairs.size() >= 20 ? max_df * static_cast<double>(pairs.size()) : 1e18;
  for (size_t p = 0; p < pairs.size(); ++p) {
    std::erase_if(src_words[p], [&](uint32_t w) { return src_df[w] > limit; });
    std::erase_if(tgt_words[p], [&](uint32_t w) { return tgt_df[w] > limit; });
  }
  // t(f | e) over the (source stem, target stem) pairs that co-occur, each
  // given a dense id, so that EM runs over flat arrays. A NULL source word
  // (id kNull) absorbs target words with no counterpart.
  const uint32_t kNull = static_cast<uint32_t>(src.vocabulary_size);
  auto key = [](uint32_t e, uint32_t f) { return (static_cast<uint64_t>(e) << 32) | f; };
  KeyIds table;               // id of each link (e, f)
  std::vector<uint32_t> ids;  // the link ids of every pair, target word by target word
  for (size_t p = 0; p < pairs.size(); ++p) {
    for (uint32_t f : tgt_words[p]) {
      ids.push_back(table.Insert(key(kNull, f)));
      for (uint32_t e : src_words[p]) ids.push_back(table.Insert(key(e, f)));
    }
  }
  std::vector<double> prob(table.size(), 1.0);
  std::vector<double> counts(table.size());
  std::vector<double> totals(src.vocabulary_size + 1);
  for (int iteration = 0; iteration < iterations; ++iteration) {
    std::fill(counts.begin(), counts.end(), 0.0);
    std::fill(totals.begin(), totals.end(), 0.0);
    size_t at = 0;
    for (size_t p = 0; p < pairs.size(); ++p) {
      const size_t width = src_words[p].size() + 1;
      for (size_t f = 0; f < tgt_words[p].size(); ++f, at += width) {
        double z = 0;
        for (size_t e = 0; e < width; ++e) z += prob[ids[at + e]];
        for (size_t e = 0; e < width; ++e) counts[ids[at + e]] += prob[ids[at + e]] / z;
      }
    }
    for (uint32_t k = 0; k < table.size(); ++k) totals[table.key(k) >> 32] += counts[k];
    for (uint32_t k = 0; k < table.size(); ++k) {
      const double total = totals[table.key(k) >> 32];
      prob[k] = total > 0 ? counts[k] / total : 0;
    }
  }
  std::vector<std::vector<std::pair<double, uint32_t>>> best(src.vocabulary_size);
  for (uint32_t k = 0; k < table.size(); ++k) {
    const uint32_t e = static_cast<uint32_t>(table.key(k) >> 32);
    if (e == kNull || prob[k] < min_probability) continue;
    best[e].push_back({prob[k], static_cast<uint32_t>(table.key(k) & 0xFFFFFFFFu)});
  }
  for (size_t e = 0; e < best.size(); ++e) {
    std::sort(best[e].begin(), best[e].end(), std::greater<>());
    if (best[e].size() > 3) best[e].resize(3);
    for (const auto& [p, f] : best[e]) translations[e].push_back(LexicalKey(f));
  }
  return translations;
}

std::vector<std::string> WordStems(std::string_view text) {
  bool latin1 = false;
  const std::string folded = FoldForKeys(text, &latin1);
  std::vector<std::string> stems;
  for (const text::TextSpan& span : latin1 ? Latin1WordSpans(folded) : text::WordSpans(folded)) {
    if (span.kind != text::WordKind::kLetters && span.kind != text::WordKind::kIdeographic) continue;
    stems.emplace_back(StemOf(std::string_view(folded).substr(span.begin, span.end - span.begin), span.kind));
  }
  return stems;
}

void AddLexicalKeys(SideFeatures& src, SideFeatures& tgt, const std::vector<std::vector<uint64_t>>& translations,
                    KeyKind kind, const std::vector<bool>* target_stems) {
  for (SentenceFeatures& f : src.sentences) {
    std::vector<uint64_t> keys;
    for (uint32_t w : f.words) {
      if (w < translations.size()) keys.insert(keys.end(), translations[w].begin(), translations[w].end());
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    std::vector<uint64_t> merged;
    std::merge(f.anchors.begin(), f.anchors.end(), keys.begin(), keys.end(), std::back_inserter(merged));
    f.anchors = std::move(merged);
  }
  for (SentenceFeatures& f : tgt.sentences) {
    std::vector<uint64_t> keys;
    for (uint32_t w : f.words) {
      if (!target_stems || (w < target_stems->size() && (*target_stems)[w])) keys.push_back(LexicalKey(w, kind));
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    std::vector<uint64_t> merged;
    std::merge(f.anchors.begin(), f.anchors.end(), keys.begin(), keys.end(), std::back_inserter(merged));
    f.anchors = std::move(merged);
  }
}

}  // namespace tmkit::align::internal
