#include "segment/segmenter.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/uniset.h>
#include <unicode/utext.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <bit>
#include <climits>
#include <cstring>
#include <fstream>
#include <functional>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/error.h"
#include "segment/blocks_internal.h"
#include "segment/compiled_rule_internal.h"
#include "segment/rule_filter_internal.h"
#include "segment/srx_internal.h"
#include "text/icu_status.h"
#include "text/unicode.h"

namespace tmkit::segment {
namespace {

// ---------------------------------------------------------------------------
// Character classes, from ICU's Sentence_Break property (UAX #29), so that
// our candidate positions agree with the break iterator's idea of a
// terminator. A table for the BMP is built once (65,536 property lookups,
// about a millisecond); supplementary characters ask ICU each time.

enum CharFlags : uint8_t {
  kTerminator = 1,  // Sentence_Break STerm or ATerm (. ! ? … 。 ！ ？ । ...), and : ;
  kCloser = 2,      // Sentence_Break Close: quotes, brackets
  kSpace = 4,       // White_Space
};

// Conjunctions that, ending an inline list item, join it to the next one
// inside a sentence ("zwei Optionen: a) warten oder b) gehen."). Lower case;
// items are compared as written.
bool IsListConjunction(std::u16string_view word) {
  static constexpr std::u16string_view kWords[] = {
      u"and", u"or", u"und", u"oder", u"sowie", u"et", u"ou", u"y", u"o", u"e", u"u", u"ni", u"i", u"a",
      u"en", u"of", u"och", u"eller", u"og", u"ja", u"tai", u"ve", u"veya", u"és", u"vagy", u"și", u"sau",
      u"lub", u"albo", u"oraz", u"nebo", u"alebo", u"ili", u"и", u"или", u"либо", u"та", u"або", u"чи",
      u"και", u"ή", u"và", u"hoặc", u"dan", u"atau", u"या", u"और", u"و", u"یا", u"أو", u"או"};
  return std::find(std::begin(kWords), std::end(kWords), word) != std::end(kWords);
}

uint8_t ComputeFlags(UChar32 c) {
  uint8_t flags = 0;
  const int32_t sb = u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK);
  // ":" and ";" are not terminators for ICU, but end sentences in some
  // languages (Greek ";" is a question mark, Armenian text often uses ":" for
  // its full stop): candidates, so that break rules can act there.
  if (sb == U_SB_STERM || sb == U_SB_ATERM || c == ':' || c == ';' || c == 0x037E) flags |= kTerminator;
  if (sb == U_SB_CLOSE) flags |= kCloser;
  if (u_isUWhiteSpace(c)) flags |= kSpace;
  return flags;
}

const std::array<uint8_t, 0x10000>& BmpFlags() {
  static const auto* table = [] {
    auto* t = new std::array<uint8_t, 0x10000>();
    for (UChar32 c = 0; c < 0x10000; ++c) (*t)[static_cast<size_t>(c)] = ComputeFlags(c);
    return t;
  }();
  return *table;
}

// ASCII bytes as UTF-16 units, line breaks and other control white space
// (\t \n \v \f \r) made spaces, as the decoder does for all text.
constexpr std::array<char16_t, 128> kAsciiUnits = [] {
  std::array<char16_t, 128> units{};
  for (char16_t c = 0; c < 128; ++c) units[c] = c >= u'\t' && c <= u'\r' ? u' ' : c;
  return units;
}();

// Closing quotation marks that French typography puts after a space: the
// only closers that may follow the terminator's white space.
bool IsSpacedCloser(char16_t c) { return c == 0x00BB || c == 0x203A; }

std::string ReadSrxFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError("cannot open SRX file", InputLocation{.file = path});
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) throw IoError("cannot read SRX file", InputLocation{.file = path});
  return content.str();
}

}  // namespace

using internal::CompiledRule;
using internal::Range;

struct Segmenter::Impl {
  SegmenterOptions options;
  std::vector<std::string> rule_set_names;
  const std::array<uint8_t, 0x10000>* bmp_flags = &BmpFlags();
  std::vector<CompiledRule> rules;
  // Which rules' afterbreaks can match, by the characters after a position
  // (AfterMask). Bit r is rule r; rules past 63 are not filtered. A
  // two-way set-associative cache (a set of two slots per key hash, the
  // most recent key first; a new key pushes out the older): about 8,000
  // probes occur on 60 MB of real English (space variants times two-letter
  // word starts), which a direct-mapped table of this size kept missing
  // (20,000 misses, each one probe per rule). Key 0 (never a probe) marks
  // an empty slot.
  struct AfterMaskSlot {
    uint64_t key = 0;
    uint64_t mask = 0;
  };
  static constexpr int kAfterMaskSetBits = 13;
  std::vector<AfterMaskSlot> after_masks = std::vector<AfterMaskSlot>(size_t{2} << kAfterMaskSetBits);
  uint64_t break_rule_bits = 0;  // bit r: rule r (< 64) is a break rule
  // Rules 0-63 whose afterbreak is probed, grouped by the afterbreak's
  // text: a probe per group, not per rule (the starter lists and "\s"
  // recur in many rules; English has 26 rules and 13 distinct afterbreaks).
  struct AfterGroup {
    size_t rule;    // the rule whose probe answers for the group
    uint64_t bits;  // bit r: rule r has this afterbreak
  };
  std::vector<AfterGroup> after_groups;
  // Per ASCII character: bit r set when rule r (< 64) may match right
  // after it (its beforebreak may end with it, or its end is not known).
  // Most positions are after a space or a letter, where no built-in rule
  // ends: ruled out before the afterbreak cache is asked.
  std::array<uint64_t, 128> rules_ending_with{};

  void IndexLastChars() {
    for (size_t r = 0; r < rules.size() && r < 64; ++r) {
      for (UChar32 c = 0; c < 128; ++c) {
        if (rules[r].MayEndWith(c)) rules_ending_with[static_cast<size_t>(c)] |= uint64_t{1} << r;
      }
    }
  }

  void GroupAfterbreaks() {
    std::unordered_map<std::string, size_t> group_of;
    for (size_t r = 0; r < rules.size() && r < 64; ++r) {
      const std::string& after = rules[r].after_source();
      if (after.empty()) continue;  // not probed: always possible
      auto [it, inserted] = group_of.try_emplace(after, after_groups.size());
      if (inserted) after_groups.push_back({r, 0});
      after_groups[it->second].bits |= uint64_t{1} << r;
    }
  }

  // The suffix filter of rules 0-63 (abbreviation lists), for all of them
  // at once: each literal suffix with the rules that have it, and per
  // length the ASCII first units (bit 127 stands for any other unit). One
  // lookup per length at a position instead of one per rule and length.
  std::unordered_map<std::u16string_view, uint64_t> suffix_rules;
  struct SuffixLength {
    size_t length;
    uint64_t heads[2] = {0, 0};
  };
  std::vector<SuffixLength> suffix_lengths;
  uint64_t suffix_rule_bits = 0;  // bit r: rule r (< 64) has a suffix filter
  // A Bloom filter (one hash) over the suffixes' length, first two and
  // next-to-last units: rules out most of the words that pass the first
  // unit's check ("the." against "Dr.") before hashing the whole string.
  static constexpr int kSuffixBloomBits = 16;
  std::vector<uint64_t> suffix_bloom = std::vector<uint64_t>((size_t{1} << kSuffixBloomBits) / 64);
  // The suffixes' last units (ASCII bitmap; any_suffix_last_unit when one
  // is empty or ends outside ASCII): "." for abbreviations, so the position
  // after a space is ruled out at once.
  uint64_t suffix_last_units[2] = {0, 0};
  bool any_suffix_last_unit = false;

  static size_t SuffixBloomSlot(const char16_t* suffix, size_t length) {
    const uint64_t second = length > 1 ? suffix[1] : 0;
    const uint64_t before_last = length > 2 ? suffix[length - 2] : 0;
    const uint64_t first = length > 0 ? suffix[0] : 0;
    const uint64_t key = (uint64_t{length} << 48 | first << 32 | second << 16 | before_last) + 1;
    return static_cast<size_t>((key * 0x9E3779B97F4A7C15ULL) >> (64 - kSuffixBloomBits));
  }

  void IndexSuffixes() {
    if (!options.use_prefilters) return;
    for (size_t r = 0; r < rules.size() && r < 64; ++r) {
      if (rules[r].SuffixSet().empty()) continue;
      suffix_rule_bits |= uint64_t{1} << r;
      for (const std::u16string& suffix : rules[r].SuffixSet()) {
        suffix_rules[suffix] |= uint64_t{1} << r;
        const size_t slot = SuffixBloomSlot(suffix.data(), suffix.size());
        suffix_bloom[slot >> 6] |= uint64_t{1} << (slot & 63);
        if (suffix.empty() || suffix.back() >= 128) {
          any_suffix_last_unit = true;
        } else {
          suffix_last_units[suffix.back() >> 6] |= uint64_t{1} << (suffix.back() & 63);
        }
        auto bucket = std::find_if(suffix_lengths.begin(), suffix_lengths.end(),
                                   [&](const SuffixLength& b) { return b.length == suffix.size(); });
        if (bucket == suffix_lengths.end()) bucket = suffix_lengths.insert(suffix_lengths.end(), {suffix.size()});
        const unsigned head = suffix.empty() || suffix[0] >= 128 ? 127 : suffix[0];
        bucket->heads[head >> 6] |= uint64_t{1} << (head & 63);
      }
    }
  }

  // Bit r set: rule r has a suffix filter and one of its suffixes ends at
  // `p`; rules without one keep their bit.
  uint64_t SuffixMask(int32_t p) const {
    uint64_t mask = ~suffix_rule_bits;
    const auto at = static_cast<size_t>(p);
    if (!any_suffix_last_unit) {
      if (at == 0) return mask;
      const char16_t last = buffer[at - 1];
      if (last >= 128 || !((suffix_last_units[last >> 6] >> (last & 63)) & 1)) return mask;
    }
    const std::u16string_view text(buffer);
    for (const SuffixLength& bucket : suffix_lengths) {
      if (bucket.length > at) continue;
      const char16_t head_unit = bucket.length == 0 ? char16_t{127} : buffer[at - bucket.length];
      const unsigned head = head_unit >= 128 ? 127 : head_unit;
      if (!((bucket.heads[head >> 6] >> (head & 63)) & 1)) continue;
      const size_t slot = SuffixBloomSlot(buffer.data() + (at - bucket.length), bucket.length);
      if (!((suffix_bloom[slot >> 6] >> (slot & 63)) & 1)) continue;
      auto found = suffix_rules.find(text.substr(at - bucket.length, bucket.length));
      if (found != suffix_rules.end()) mask |= found->second;
    }
    return mask;
  }
  size_t break_rules_end = 0;     // one past the last break rule
  size_t no_break_rules_end = 0;  // one past the last no-break rule
  std::unique_ptr<icu::BreakIterator> sentences;

  // Scratch, reused between blocks: the block in UTF-16 (line breaks made
  // spaces) and the byte offset in the block of every UTF-16 index (left
  // unfilled for an ASCII block, where the two are equal: see ByteAt).
  std::u16string buffer;
  std::vector<uint32_t> byte_at;
  bool ascii_block = false;

  uint32_t ByteAt(int32_t i) const {
    return ascii_block ? static_cast<uint32_t>(i) : byte_at[static_cast<size_t>(i)];
  }

  std::vector<int32_t> icu_boundaries;
  std::vector<int32_t> breaks;
  internal::BlockScratch block_scratch;
  UText utext = UTEXT_INITIALIZER;  // the block, for the rules' matchers
  uint64_t generation = 1;          // of the block in utext; see CompiledRule::Bind

  ~Impl() { utext_close(&utext); }

  void LoadRules() {
    const std::string file = options.srx_path.empty() ? "<built-in rules>" : options.srx_path;
    const std::string content = options.srx_path.empty() ? std::string() : ReadSrxFile(options.srx_path);
    const internal::SrxDocument document =
        options.srx_path.empty() ? internal::ParseSrx(internal::DefaultSrx(), file, /*check_patterns=*/false)
                                 : internal::ParseSrx(content, file);
    for (const internal::SrxRuleSet* set : internal::SelectRuleSets(document, options.language.str())) {
      rule_set_names.push_back(set->name);
      for (const internal::SrxRule& rule : set->rules) {
        if (rule.is_break && rules.size() < 64) break_rule_bits |= uint64_t{1} << rules.size();
        rules.emplace_back(rule);
        (rule.is_break ? break_rules_end : no_break_rules_end) = rules.size();
      }
    }
  }

  // Characters after which a break rule may fire, beyond the terminators
  // (a user's rule that breaks after ","): a BMP bitmap. When some break
  // rule's last character is unknown, every character is a candidate.
  std::vector<bool> extra_candidates;
  bool every_character_is_candidate = false;

  void FindExtraCandidates() {
    icu::UnicodeSet set;
    for (const CompiledRule& rule : rules) {
      if (rule.is_break() && !rule.AddLastChars(set)) every_character_is_candidate = true;
    }
    extra_candidates.assign(0x10000, false);
    candidate_units.assign(0x10000, 0);
    for (UChar32 c = 0; c < 0x10000; ++c) {
      const auto unit = static_cast<size_t>(c);
      if (set.contains(c) && !((*bmp_flags)[unit] & kTerminator)) extra_candidates[unit] = true;
      if (((*bmp_flags)[unit] & kTerminator) || extra_candidates[unit]) candidate_units[unit] = 1;
      if (U16_IS_LEAD(c)) candidate_units[unit] = 2;
    }
    // Paragraph separators inside a block (NEL, LS, PS): ICU breaks there.
    for (const char16_t separator : {u'\u0085', u'\u2028', u'\u2029'}) candidate_units[separator] = 1;
    for (size_t byte = 0; byte < 128; ++byte) ascii_candidates[byte] = candidate_units[kAsciiUnits[byte]];
#if defined(__SSE2__)
    // Few candidate bytes: compare with each (more would cost more than
    // the plain loop).
    int splats = 0;
    for (size_t byte = 0; byte < 128; ++byte) splats += ascii_candidates[byte];
    if (splats <= static_cast<int>(kMostSplats)) {
      for (size_t byte = 0; byte < 128; ++byte) {
        if (ascii_candidates[byte]) ascii_candidate_bytes.push_back(static_cast<char>(byte));
      }
    }
#endif
  }

  // Per UTF-16 unit: 1 a candidate, 2 ask IsCandidate (a lead surrogate),
  // 0 not a candidate. Decode notes the units that are not 0 in
  // candidate_starts, so that FindBreaks jumps from one to the next.
  std::vector<uint8_t> candidate_units;
  std::array<uint8_t, 128> ascii_candidates{};  // candidate_units of an ASCII byte, as decoded
  static constexpr size_t kMostSplats = 16;
  std::vector<char> ascii_candidate_bytes;  // the ASCII candidates for SSE2 compares; empty: too many
  std::vector<int32_t> candidate_starts;

  bool IsCandidate(int32_t i) const {
    if (FlagsAt(i) & kTerminator) return true;
    const char16_t unit = buffer[static_cast<size_t>(i)];
    if (every_character_is_candidate) return !(FlagsAt(i) & kSpace) && !U16_IS_LEAD(unit);
    return !U16_IS_SURROGATE(unit) && extra_candidates[unit];
  }

  void CreateBreakIterator() {
    UErrorCode status = U_ZERO_ERROR;
    icu::Locale locale = options.language.empty() ? icu::Locale::getRoot()
                                                  : icu::Locale::forLanguageTag(options.language.str(), status);
    text::CheckIcuStatus(status, "reading the language tag");
    sentences.reset(icu::BreakIterator::createSentenceInstance(locale, status));
    text::CheckIcuStatus(status, "creating a sentence break iterator");
  }

  // Notes in candidate_starts the ASCII `bytes` that are candidates. With
  // SSE2, sixteen bytes at a time are compared with each candidate byte
  // (English has about ten), and only the hits are visited: about a byte in
  // thirty is one. Else, without branches: every index is written to the
  // next free slot, which only advances past a candidate.
  void FindAsciiCandidates(const uint8_t* bytes, int32_t length) {
    int32_t i = 0;
#if defined(__SSE2__)
    if (!ascii_candidate_bytes.empty() && length >= 16) {
      __m128i splats[kMostSplats];  // NOLINT: a C array (std::array drops __m128i's alignment attribute)
      const size_t splat_count = ascii_candidate_bytes.size();
      for (size_t k = 0; k < splat_count; ++k) splats[k] = _mm_set1_epi8(ascii_candidate_bytes[k]);
      for (; i + 16 <= length; i += 16) {
        const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + i));
        __m128i hits = _mm_setzero_si128();
        for (size_t k = 0; k < splat_count; ++k) hits = _mm_or_si128(hits, _mm_cmpeq_epi8(chunk, splats[k]));
        auto mask = static_cast<uint32_t>(_mm_movemask_epi8(hits));
        while (mask != 0) {
          candidate_starts.push_back(i + std::countr_zero(mask));
          mask &= mask - 1;
        }
      }
    }
#endif
    const size_t first = candidate_starts.size();
    candidate_starts.resize(first + static_cast<size_t>(length - i));
    int32_t* starts = candidate_starts.data() + first;
    size_t count = 0;
    for (; i < length; ++i) {
      starts[count] = i;
      count += ascii_candidates[bytes[i]];
    }
    candidate_starts.resize(first + count);
  }

  // Fills buffer and byte_at from `block` (valid UTF-8).
  void Decode(std::string_view block) {
    // ICU indexes text with int32_t.
    if (block.size() >= static_cast<size_t>(INT32_MAX)) {
      throw ParseError("a paragraph longer than 2 GB cannot be segmented");
    }
    const auto* bytes = reinterpret_cast<const uint8_t*>(block.data());
    const auto length = static_cast<int32_t>(block.size());
    const uint8_t* candidates = candidate_units.data();
    candidate_starts.clear();
    ascii_block = options.use_prefilters && internal::IsAscii(block);
    if (ascii_block) {
      // One unit per byte, at its own offset: byte_at is not needed. Two
      // passes: the widening (which the compiler vectorises), then the
      // candidates.
      buffer.resize(block.size());
      char16_t* out = buffer.data();
      for (int32_t i = 0; i < length; ++i) {
        const uint8_t byte = bytes[i];
        out[i] = static_cast<char16_t>(static_cast<uint8_t>(byte - '\t') <= '\r' - '\t' ? ' ' : byte);
      }
      FindAsciiCandidates(bytes, length);
      return;
    }
    // UTF-16 never has more units than UTF-8 has bytes.
    buffer.resize(block.size());
    byte_at.resize(block.size() + 1);
    int32_t i = 0;
    size_t out = 0;
    while (i < length) {
      const int32_t start = i;
      UChar32 c;
      U8_NEXT_UNSAFE(bytes, i, c);
      if (c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v') c = ' ';
      if (c <= 0xFFFF) {
        if (candidates[c]) candidate_starts.push_back(static_cast<int32_t>(out));
        buffer[out] = static_cast<char16_t>(c);
        byte_at[out++] = static_cast<uint32_t>(start);
      } else {
        candidate_starts.push_back(static_cast<int32_t>(out));  // FindBreaks asks IsCandidate
        buffer[out] = static_cast<char16_t>(U16_LEAD(c));
        byte_at[out++] = static_cast<uint32_t>(start);
        buffer[out] = static_cast<char16_t>(U16_TRAIL(c));
        byte_at[out++] = static_cast<uint32_t>(start);
      }
    }
    buffer.resize(out);
    byte_at[out] = static_cast<uint32_t>(block.size());
    byte_at.resize(out + 1);
  }

  uint8_t FlagsAt(int32_t i) const {
    const char16_t unit = buffer[static_cast<size_t>(i)];
    if (!U16_IS_SURROGATE(unit)) return (*bmp_flags)[unit];
    if (U16_IS_LEAD(unit) && static_cast<size_t>(i) + 1 < buffer.size()) {
      return ComputeFlags(U16_GET_SUPPLEMENTARY(unit, buffer[static_cast<size_t>(i) + 1]));
    }
    return 0;
  }

  // Bit r set: rule r's afterbreak may match at `p`. The probe is the
  // position's next characters through the first two after up to two
  // spaces ("  Th"): at most 4 UTF-16 units, packed into the cache key (a
  // NUL unit, which would make two probes alike, disables the cache).
  // Longer runs of spaces are not probed: keyed by their length they made
  // so many distinct probes that computing them cost more than they saved.
  uint64_t AfterMask(int32_t p) {
    if (!options.use_prefilters) return ~uint64_t{0};
    const auto n = static_cast<int32_t>(buffer.size());
    int32_t q = p;
    while (q < n && q - p < 2 && (FlagsAt(q) & kSpace)) ++q;
    if (q >= n || (FlagsAt(q) & kSpace)) return ~uint64_t{0};
    const int32_t end = std::min(n, q + 2);
    uint64_t key = 0;
    for (int32_t i = p; i < end; ++i) {
      const char16_t unit = buffer[static_cast<size_t>(i)];
      if (unit == 0 || U16_IS_SURROGATE(unit)) return ~uint64_t{0};
      key = key << 16 | unit;
    }
    AfterMaskSlot* set = &after_masks[((key * 0x9E3779B97F4A7C15ULL) >> (64 - kAfterMaskSetBits)) * 2];
    if (set[0].key == key) return set[0].mask;
    if (set[1].key == key) {
      std::swap(set[0], set[1]);
      return set[0].mask;
    }
    uint64_t mask = ~uint64_t{0};
    for (const AfterGroup& group : after_groups) {
      if (!rules[group.rule].AfterMayMatch(buffer.data() + p, end - p)) mask &= ~group.bits;
    }
    set[1] = set[0];
    set[0] = {key, mask};
    return mask;
  }

  // Whether rule r matches at `p`: the before filter first, so that a rule
  // whose filter rules out every position of a block never binds its
  // matcher to the block (a reset costs as much as a few hundred filters).
  bool MatchesAt(size_t r, int32_t p, bool suffixes_known) {
    CompiledRule& rule = rules[r];
    if (options.use_prefilters && !rule.BeforeMayMatch(buffer, static_cast<size_t>(p), suffixes_known)) return false;
    rule.Bind(&utext, generation);
    return rule.MatchesAt(buffer, p, /*filter=*/false);
  }

  // The index of the first rule among [0, limit) that matches at `p`, only
  // looking at break rules (only_breaks) or at all; -1 when none does.
  int FirstMatch(int32_t p, size_t limit, bool only_breaks = false) {
    // Rules 0-63: only those whose bit survives (afterbreak filter, limit,
    // break rules), lowest first; rules past 63 have no afterbreak filter.
    uint64_t left = ~uint64_t{0};
    if (limit < 64) left &= (uint64_t{1} << limit) - 1;
    if (only_breaks) left &= break_rule_bits;
    if (options.use_prefilters && p > 0 && buffer[static_cast<size_t>(p) - 1] < 128) {
      left &= rules_ending_with[buffer[static_cast<size_t>(p) - 1]];
    }
    if (left != 0) left &= AfterMask(p);
    const bool suffixes_known = (left & suffix_rule_bits) != 0;
    if (suffixes_known) left &= SuffixMask(p);
    while (left != 0) {
      const auto r = static_cast<size_t>(std::countr_zero(left));
      left &= left - 1;
      if (MatchesAt(r, p, suffixes_known)) return static_cast<int>(r);
    }
    for (size_t r = 64; r < limit; ++r) {
      if (only_breaks && !rules[r].is_break()) continue;
      if (MatchesAt(r, p, false)) return static_cast<int>(r);
    }
    return -1;
  }

  // The decision of the first rule (in order, among rules [0, limit)) that
  // matches at position `p`: 1 break, 0 no break, -1 none matches.
  int Decide(int32_t p, size_t limit) {
    const int r = FirstMatch(p, limit);
    return r < 0 ? -1 : rules[static_cast<size_t>(r)].is_break() ? 1 : 0;
  }

  // Where ICU does not break, in the gap of positions [first, end]: the
  // position of a break, or -1. Same result as asking Decide at each
  // position in turn, but break rules (rare matches) are tried first and
  // the no-break rules only when one matches, so that a gap such as "3.5"
  // or "U.S." costs no no-break rule at all.
  int32_t BreakInQuietGap(int32_t first, int32_t end) {
    for (int32_t p = first; p <= end; ++p) {
      const int r = FirstMatch(p, break_rules_end, /*only_breaks=*/true);
      if (r < 0) continue;
      for (int32_t earlier = first; earlier < p; ++earlier) {
        if (FirstMatch(earlier, break_rules_end) >= 0) return -1;  // a no-break rule decided first
      }
      return FirstMatch(p, static_cast<size_t>(r)) >= 0 ? -1 : p;
    }
    return -1;
  }

  void ResetMatchers(int32_t n) {
    UErrorCode status = U_ZERO_ERROR;
    utext_openUChars(&utext, buffer.data(), n, &status);
    text::CheckIcuStatus(status, "opening text for rules");
    ++generation;
  }

  // Break positions (UTF-16 indices, strictly inside the block) by ICU and
  // the rules.
  void FindBreaks() {
    breaks.clear();
    const auto n = static_cast<int32_t>(buffer.size());
    if (n == 0) return;
    ResetMatchers(n);
    if (!options.icu_decides_by_default) {
      // Plain SRX: every position, first matching rule decides, default no.
      for (int32_t p = 1; p < n; ++p) {
        if (U16_IS_TRAIL(buffer[static_cast<size_t>(p)])) continue;
        if (Decide(p, rules.size()) == 1) breaks.push_back(p);
      }
      return;
    }
    // No candidate, no boundary: ICU breaks only after terminators and
    // paragraph separators, and those are candidates (list items such as
    // "- milk" end here).
    if (!every_character_is_candidate && candidate_starts.empty()) return;
    // The iterator takes its own shallow clone of the rules' UText (the
    // same buffer): no second UText per block.
    UErrorCode status = U_ZERO_ERROR;
    sentences->setText(&utext, status);
    text::CheckIcuStatus(status, "setting text for sentence breaks");
    icu_boundaries.clear();
    for (int32_t b = sentences->next(); b != icu::BreakIterator::DONE && b < n; b = sentences->next()) {
      icu_boundaries.push_back(b);
    }

    // Walk the terminator runs left to right; each run, with the closers and
    // spaces after it, is a gap whose positions are the candidates.
    size_t next_icu = 0;
    size_t next_candidate = 0;
    int32_t i = 0;
    while (i < n) {
      if (!every_character_is_candidate) {
        // Jump to the next unit Decode noted as a possible candidate.
        while (next_candidate < candidate_starts.size() && candidate_starts[next_candidate] < i) ++next_candidate;
        if (next_candidate == candidate_starts.size()) break;
        i = candidate_starts[next_candidate];
      }
      const uint8_t kind = every_character_is_candidate ? 2 : candidate_units[buffer[static_cast<size_t>(i)]];
      if (kind == 0 || (kind == 2 && !IsCandidate(i))) {
        ++i;
        continue;
      }
      const int32_t first = i + 1;
      int32_t end = first;
      while (end < n && (FlagsAt(end) & kTerminator)) ++end;
      while (end < n && (FlagsAt(end) & kCloser)) ++end;
      // One or two backticks right after the terminator, before a space or
      // the end, close a quotation written with backticks ("typed `make
      // install.` Nothing", TeX "``agreed.``"). ICU does not count "`" as
      // Sentence_Break Close and breaks before it; its break moves after
      // them, as it would after a closing quote.
      int32_t backticks = end;
      while (backticks < n && backticks - end < 2 && buffer[static_cast<size_t>(backticks)] == u'`') ++backticks;
      const bool backtick_closes =
          backticks > end && (backticks == n || (FlagsAt(backticks) & (kSpace | kCloser)));
      if (backtick_closes) end = backticks;
      while (end < n && (FlagsAt(end) & kSpace)) ++end;
      // French closes a quotation after a space: « Je reviens. » Il part.
      // The » belongs to the gap, so a rule can put the break after it.
      // English typesetting sometimes spaces nested closing quotes too:
      // "… a Cloistered Nun.’ ”) In 2007". A ” or ’ after a space closes when
      // a space, a closer or the end follows it (Swedish ”Hej” opens with one).
      auto spaced_quote_closes = [&](int32_t at) {
        const char16_t c = buffer[static_cast<size_t>(at)];
        return (c == 0x201D || c == 0x2019) && end > first && (FlagsAt(at - 1) & kSpace) &&
               (at + 1 >= n || (FlagsAt(at + 1) & (kSpace | kCloser)));
      };
      while (end < n && (IsSpacedCloser(buffer[static_cast<size_t>(end)]) || spaced_quote_closes(end))) {
        ++end;
        while (end < n && (FlagsAt(end) & kCloser)) ++end;
        while (end < n && (FlagsAt(end) & kSpace)) ++end;
      }
      // ICU boundaries before this gap were not after a terminator (rare:
      // ICU breaks only after terminators and paragraph separators); keep
      // them, after asking the rules.
      while (next_icu < icu_boundaries.size() && icu_boundaries[next_icu] < first) {
        const int32_t b = icu_boundaries[next_icu++];
        if (Decide(b, no_break_rules_end) != 0) breaks.push_back(b);
      }
      int32_t icu_break = -1;
      while (next_icu < icu_boundaries.size() && icu_boundaries[next_icu] <= end) {
        icu_break = icu_boundaries[next_icu++];
      }
      // ICU broke before the backticks; after them, its rules would have
      // gone on before a lower-case word ("`ls -l.` and", "`?` operator").
      if (backtick_closes && icu_break >= 0 && icu_break < backticks) {
        UChar32 next = 0;
        if (end < n) U16_GET(buffer.data(), 0, end, n, next);
        icu_break = u_islower(next) ? -1 : end;
      }
      if (end >= n) break;  // a gap at the end of the block cuts nothing
      if (icu_break < 0) {
        const int32_t at = BreakInQuietGap(first, end);
        if (at >= 0) breaks.push_back(at);
      } else {
        int decision = -1;
        int32_t at = end;
        for (int32_t p = first; p <= end && decision < 0 && no_break_rules_end > 0; ++p) {
          decision = Decide(p, no_break_rules_end);
          at = p;
        }
        if (decision != 0) breaks.push_back(decision == 1 ? at : icu_break);
      }
      i = end;
    }
    while (next_icu < icu_boundaries.size()) {
      const int32_t b = icu_boundaries[next_icu++];
      if (Decide(b, no_break_rules_end) != 0) breaks.push_back(b);
    }
  }

  // An inline list item: "1. ", "2.) ", "3) ", "(4) ", "a. ", "b) ", "(c) ", "• ", "• 9. ",
  // "ii.) ", "(iv) ".
  struct ListItem {
    int32_t start;    // the bullet or enumerator
    int32_t content;  // the item's text, after the marker and its spaces
    char style;       // '*' bullet, '1' number, 'a' letter, 'i' lower-case Roman numeral
    int value;        // the number, the letter's index, or the Roman numeral's value
    char16_t suffix;  // '.', ')', 'x' for ".)", or '(' for "(1)"
    int roman = 0;    // a letter's value read as a Roman numeral ("i" 1, "v" 5), else 0
  };

  // The value of a lower-case Roman numeral ("i" 1, "iv" 4, "xii" 12), or 0
  // when `letters` holds another letter.
  static int RomanValue(std::u16string_view letters) {
    int total = 0;
    int largest = 0;
    for (auto it = letters.rbegin(); it != letters.rend(); ++it) {
      const int v = *it == u'i' ? 1 : *it == u'v' ? 5 : *it == u'x' ? 10 : *it == u'l' ? 50 : *it == u'c' ? 100 : 0;
      if (v == 0) return 0;
      total += v < largest ? -v : v;
      largest = std::max(largest, v);
    }
    return total;
  }

  // A cheap test that rules out most words before ListItemAt: a marker
  // starts with a digit, "(", a bullet, or a lower-case letter followed by
  // "." or ")" (or by another of "ivx": "ii.", "xiv)").
  bool MayStartListItem(int32_t i) const {
    const auto n = static_cast<int32_t>(buffer.size());
    const char16_t c = buffer[static_cast<size_t>(i)];
    if (c >= u'a' && c <= u'z') {
      const char16_t next = i + 1 < n ? buffer[static_cast<size_t>(i) + 1] : u'\0';
      const auto ivx = [](char16_t l) { return l == u'i' || l == u'v' || l == u'x'; };
      return next == u'.' || next == u')' || (ivx(c) && ivx(next));
    }
    return (c >= u'0' && c <= u'9') || c == u'(' || c >= 0x2000;  // bullets are U+2022 and above
  }

  // The marker starting at `i` (a token start), or nullopt.
  std::optional<ListItem> ListItemAt(int32_t i) const {
    const auto n = static_cast<int32_t>(buffer.size());
    auto at = [&](int32_t k) -> char16_t { return k < n ? buffer[static_cast<size_t>(k)] : u'\0'; };
    ListItem item{i, i, '1', 0, u'.'};
    int32_t k = i;
    const bool open = at(k) == u'(';
    if (open) ++k;
    const int32_t token = k;
    const char16_t c = at(k);
    if (!open && (c == 0x2022 || c == 0x2043 || c == 0x25E6 || c == 0x25AA || c == 0x2023 || c == 0x25CF)) {
      ++k;
      while (at(k) == u' ') ++k;
      item.style = '*';
      item.content = k;
      // "• 9. text": the enumerator after the bullet belongs to the marker.
      if (std::optional<ListItem> inner = ListItemAt(k); inner && inner->style != '*') item.content = inner->content;
      return k > i + 1 || at(k) != u'\0' ? std::optional<ListItem>(item) : std::nullopt;
    }
    if (c >= u'0' && c <= u'9') {
      while (at(k) >= u'0' && at(k) <= u'9' && k - token < 2) item.value = item.value * 10 + (at(k++) - u'0');
      if (at(k) >= u'0' && at(k) <= u'9') return std::nullopt;
    } else if (c >= u'a' && c <= u'z') {
      item.style = 'a';
      item.value = c - u'a';
      // A letter is a marker only before "." or ")": reject every other word
      // at once (this runs at every word of a block). One letter ("i", "v")
      // may also be read as a Roman numeral; a run of Roman letters before
      // the suffix ("ii.", "xiv)") is one.
      const char16_t next = at(k + 1);
      if (next == u'.' || next == u')') {
        item.roman = RomanValue(std::u16string_view(&c, 1));
        ++k;
      } else {
        int32_t run = k;
        while (run < n && run - k < 5 && (at(run) == u'i' || at(run) == u'v' || at(run) == u'x')) ++run;
        if (run - k < 2 || (at(run) != u'.' && at(run) != u')')) return std::nullopt;
        item.roman = RomanValue(std::u16string_view(buffer).substr(static_cast<size_t>(k), static_cast<size_t>(run - k)));
        item.style = 'i';
        item.value = item.roman;
        k = run;
      }
    } else {
      return std::nullopt;
    }
    if (open) {
      if (at(k) != u')') return std::nullopt;
      item.suffix = u'(';
      ++k;
    } else if (at(k) == u'.' && at(k + 1) == u')') {
      item.suffix = u'x';
      k += 2;
    } else if (at(k) == u'.' || at(k) == u')') {
      item.suffix = at(k++);
    } else {
      return std::nullopt;
    }
    if (at(k) != u' ') return std::nullopt;
    while (at(k) == u' ') ++k;
    item.content = k;
    return item;
  }

  // Whether `item`, after the character `before`, may open an inline list:
  // at the block's start or after a colon, any marker (a letter only a or b);
  // after a sentence's terminator, only the first marker of its style ("1.",
  // "a)", "(a)", a bullet), so that "It was 1. Then it was 2." stays prose.
  static bool OpensList(const ListItem& item, char16_t before) {
    if (item.style == '*') return true;
    // "i" may open a list of Roman numerals as well as be the ninth letter.
    const bool first_roman = item.style == 'a' && item.roman == 1;
    if (before == u'\0' || before == u':') return item.style != 'a' || item.value <= 1 || first_roman;
    const bool terminator = before == u'.' || before == u'!' || before == u'?';
    return terminator && (item.value == (item.style == 'a' ? 0 : 1) || first_roman);
  }

  // Inline lists: "1. The first item 2. The second item" on one line. When
  // the block starts (or a colon or a finished sentence is followed) by a
  // marker, and markers of the same style follow in sequence (1, 2, 3 / a,
  // b, c / bullets), each item starts a segment and no break falls inside a
  // marker.
  void ApplyInlineList() {
    const auto n = static_cast<int32_t>(buffer.size());
    // Find the first place that opens a list (the block's first token, or
    // after a colon or a terminator), and scan tokens from there only.
    int32_t from = 0;
    while (from < n && (FlagsAt(from) & kSpace)) ++from;
    if (std::optional<ListItem> first = ListItemAt(from); !first || !OpensList(*first, u'\0')) {
      // ":" and the terminators are candidates, so Decode noted each of them
      // in candidate_starts (ascending): no scan of the whole block.
      from = n;
      for (const int32_t mark : candidate_starts) {
        const char16_t c = buffer[static_cast<size_t>(mark)];
        if (c != u':' && c != u'.' && c != u'!' && c != u'?') continue;
        int32_t k = mark + 1;
        while (k < n && (FlagsAt(k) & kSpace)) ++k;
        if (k == mark + 1) continue;
        if (std::optional<ListItem> item = ListItemAt(k); item && OpensList(*item, c)) {
          from = k;
          break;
        }
      }
    }
    std::vector<ListItem> chain;
    for (int32_t i = from; i < n; ++i) {
      if (i > 0 && !(FlagsAt(i - 1) & kSpace)) continue;
      if (!MayStartListItem(i)) continue;
      std::optional<ListItem> item = ListItemAt(i);
      if (!item) continue;
      // "i" opens a list of Roman numerals; "v" and "x" go on with one.
      if (chain.empty() && item->style == 'a' && item->roman == 1) {
        item->style = 'i';
        item->value = 1;
      } else if (!chain.empty() && chain.back().style == 'i' && item->style == 'a' && item->roman > 0) {
        item->style = 'i';
        item->value = item->roman;
      }
      if (chain.empty()) {
        int32_t before = i;
        while (before > 0 && (FlagsAt(before - 1) & kSpace)) --before;
        if (!OpensList(*item, before > 0 ? buffer[static_cast<size_t>(before - 1)] : u'\0')) continue;
        chain.push_back(*item);
      } else if (item->style == chain.back().style && item->suffix == chain.back().suffix &&
                 (item->style == '*' || item->value == chain.back().value + 1)) {
        chain.push_back(*item);
      }
      i = item->content - 1;
    }
    if (chain.size() < 2) return;
    // An item that ends with a comma or a semicolon before the next marker
    // is part of an enumeration inside a sentence ("son: a) rapidez,
    // b) precisión y c) coste."), not a list of sentences.
    for (size_t k = 1; k < chain.size(); ++k) {
      int32_t end = chain[k].start;
      while (end > 0 && (FlagsAt(end - 1) & kSpace)) --end;
      if (end > 0) {
        const char16_t last = buffer[static_cast<size_t>(end - 1)];
        if (last == u',' || last == u';' || last == u'，' || last == u'；' || last == u'、') return;
        // So does one that ends with a conjunction ("a) warten oder b) gehen").
        int32_t word = end;
        while (word > chain[k - 1].content && !(FlagsAt(word - 1) & kSpace)) --word;
        if (IsListConjunction(std::u16string_view(buffer).substr(static_cast<size_t>(word),
                                                                 static_cast<size_t>(end - word)))) {
          return;
        }
      }
    }
    std::vector<int32_t> kept;
    size_t next = 0;
    for (const int32_t b : breaks) {
      while (next < chain.size() && chain[next].content < b) ++next;
      const bool inside_marker = next < chain.size() && b > chain[next].start && b <= chain[next].content;
      if (!inside_marker) kept.push_back(b);
    }
    for (const ListItem& item : chain) {
      if (item.start > 0) kept.push_back(item.start);
    }
    std::sort(kept.begin(), kept.end());
    kept.erase(std::unique(kept.begin(), kept.end()), kept.end());
    breaks = std::move(kept);
  }

  void AppendSegments(std::string_view text, Range block, size_t paragraph,
                      const std::function<void(Segment&&)>& out) {
    Decode(text.substr(block.begin, block.end - block.begin));
    FindBreaks();
    if (options.detect_lists) ApplyInlineList();
    const auto n = static_cast<int32_t>(buffer.size());
    breaks.push_back(n);
    int32_t begin = 0;
    for (const int32_t end_index : breaks) {
      int32_t b = begin;
      int32_t e = end_index;
      begin = end_index;
      while (b < e && (FlagsAt(b) & kSpace)) ++b;
      while (e > b && (FlagsAt(e - 1) & kSpace)) --e;
      if (b == e) continue;
      Segment segment;
      segment.begin = block.begin + ByteAt(b);
      segment.end = block.begin + ByteAt(e);
      segment.text = std::string(text.substr(segment.begin, segment.end - segment.begin));
      segment.paragraph = paragraph;
      // ASCII is NFC already, one code point a byte.
      segment.length = ascii_block ? segment.text.size() : text::CountNfcCodePoints(segment.text);
      out(std::move(segment));
    }
  }
};

Segmenter::Segmenter(const SegmenterOptions& options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  impl_->LoadRules();
  impl_->FindExtraCandidates();
  impl_->IndexSuffixes();
  impl_->GroupAfterbreaks();
  impl_->IndexLastChars();
  impl_->CreateBreakIterator();
}

Segmenter::~Segmenter() = default;
Segmenter::Segmenter(Segmenter&&) noexcept = default;
Segmenter& Segmenter::operator=(Segmenter&&) noexcept = default;

const std::vector<std::string>& Segmenter::rule_sets() const { return impl_->rule_set_names; }

std::vector<Segment> Segmenter::Split(std::string_view text) {
  std::vector<Segment> segments;
  Split(text, [&segments](Segment&& segment) { segments.push_back(std::move(segment)); });
  return segments;
}

void Segmenter::Split(std::string_view text, const std::function<void(Segment&&)>& sink) {
  text::CheckUtf8(text);
  std::vector<Range> blocks;
  const std::vector<Range> paragraphs = internal::Paragraphs(text);
  for (size_t p = 0; p < paragraphs.size(); ++p) {
    blocks.clear();
    internal::AppendBlocks(text, paragraphs[p], impl_->options.detect_lists, blocks, impl_->block_scratch);
    for (const Range& block : blocks) impl_->AppendSegments(text, block, p, sink);
  }
}

std::vector<Segment> SplitSentences(std::string_view text, const SegmenterOptions& options) {
  return Segmenter(options).Split(text);
}

}  // namespace tmkit::segment
