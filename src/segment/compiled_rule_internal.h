// Private to src/segment: one SRX rule compiled for evaluation at a
// position, with the prefilters that spare most regex calls (see
// rule_filter_internal.h and docs/segmentation.md). Not thread-safe: a rule
// holds ICU matchers with state; each Segmenter owns its rules.
#ifndef TMKIT_SEGMENT_COMPILED_RULE_INTERNAL_H_
#define TMKIT_SEGMENT_COMPILED_RULE_INTERNAL_H_

#include <unicode/regex.h>
#include <unicode/uniset.h>
#include <unicode/utext.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "segment/rule_filter_internal.h"
#include "segment/srx_internal.h"
#include "text/icu_status.h"

namespace tmkit::segment::internal {

// One rule, compiled, with its filters (rule_filter_internal.h):
// * after: the afterbreak run on the first few characters after the
//   position (a match, or a failure that hit the end of that probe, means
//   "possible"; Impl::AfterMask caches the answers of all rules together):
//   "\s" rules die at once before a letter, starter lists before most words;
// * before: the literal strings every beforebreak match ends with (an
//   abbreviation list is a hash lookup); the sets of its last few characters
//   ("\b\p{L}\." needs a letter after a non-letter); for "^..." patterns,
//   the distance from the start of the block; a character every match
//   contains ("《") within the pattern's longest span.
// Only when both pass does ICU's regex engine run.
class CompiledRule {
 public:
  // Compiles `rule` and derives its filters. Throws ParseError (at the
  // rule) when ICU cannot evaluate it as a look-behind/look-ahead pair.
  explicit CompiledRule(const SrxRule& rule);

  bool is_break() const { return is_break_; }

  // Adds to `set` every character a beforebreak match can end with; false
  // when that is not known (the rule may then match after anything).
  bool AddLastChars(icu::UnicodeSet& set) const {
    if (!suffix_storage_.empty()) {
      for (const std::u16string& suffix : suffix_storage_) {
        size_t at = suffix.size();
        UChar32 c;
        U16_PREV(suffix.data(), 0, at, c);
        set.add(c);
      }
      return true;
    }
    if (!trailing_.empty()) {
      set.addAll(trailing_.front().set);
      return true;
    }
    return false;
  }

  // Whether a beforebreak match may end with `c` (true when not known).
  bool MayEndWith(UChar32 c) const {
    if (!suffix_storage_.empty()) {
      return std::any_of(suffix_storage_.begin(), suffix_storage_.end(), [c](const std::u16string& suffix) {
        if (suffix.empty()) return true;
        size_t at = suffix.size();
        UChar32 last;
        U16_PREV(suffix.data(), 0, at, last);
        return last == c;
      });
    }
    if (!trailing_.empty() && !trailing_.front().start_ok) return trailing_.front().set.contains(c);
    return true;
  }

  // Points the matcher at `text` unless it already is for this
  // `generation` (one per block): blocks where the rule never runs cost
  // nothing.
  void Bind(UText* text, uint64_t generation) {
    if (generation_ == generation) return;
    matcher_->reset(text);
    matcher_->useTransparentBounds(true);
    generation_ = generation;
  }

  // Whether the rule matches at `p` in `buffer` (the text Bind was given).
  // REQUIRES: the afterbreak filter has passed (Segmenter::Impl::AfterMask).
  // `suffixes_known`: the caller has already checked that a suffix of
  // SuffixSet() ends at `p` (Segmenter::Impl::SuffixMask), for all rules
  // at once.
  bool MatchesAt(const std::u16string& buffer, int32_t p, bool filter, bool suffixes_known = false) {
    if (filter && !BeforeMayMatch(buffer, static_cast<size_t>(p), suffixes_known)) return false;
    UErrorCode status = U_ZERO_ERROR;
    const bool matched = matcher_->lookingAt(p, status);
    text::CheckIcuStatus(status, "matching segmentation rules");
    return matched;
  }

  // Whether the afterbreak can match at the start of `probe` (the first
  // characters after the position): a match, or a failure that needed more
  // input, means "possible". Uncached; the Segmenter caches the answers of
  // all rules together, and asks once per distinct afterbreak
  // (after_source()). The probe matcher keeps pointing at `probe` after
  // the call; it is only read again after the next reset.
  bool AfterMayMatch(const char16_t* probe, int32_t length) {
    if (!after_probe_) return true;
    UErrorCode status = U_ZERO_ERROR;
    utext_openUChars(&probe_text_, probe, length, &status);
    if (U_FAILURE(status)) return true;
    after_probe_->reset(&probe_text_);
    return after_probe_->lookingAt(status) || after_probe_->hitEnd() || U_FAILURE(status);
  }

  // The afterbreak pattern when it is probed (AfterMayMatch can say no),
  // else "": rules with the same afterbreak give the same answers.
  const std::string& after_source() const { return after_source_; }

  // The literal strings every beforebreak match ends with; empty when not
  // known (no suffix filter).
  const std::set<std::u16string>& SuffixSet() const { return suffix_storage_; }

  bool BeforeMayMatch(const std::u16string& buffer, size_t p, bool suffixes_known = false) const {
    // A known character before the suffix means looking the suffix up
    // again, even when the caller knows one ends here: which one, and so
    // where that character stands, it does not know.
    if (!suffix_lengths_.empty() && (!suffixes_known || before_suffix_)) {
      // Every suffix ends with one of a few units ("." for abbreviations):
      // most positions fail here, before the loop over the lengths.
      if (p == 0 && !any_last_unit_) return false;
      if (p > 0 && !any_last_unit_) {
        const char16_t last = buffer[p - 1];
        if (last >= 128 || !((last_units_[last >> 6] >> (last & 63)) & 1)) return false;
      }
      const std::u16string_view text(buffer);
      bool found = false;
      for (const SuffixLength& bucket : suffix_lengths_) {
        const size_t length = bucket.length;
        if (length > p) continue;
        const char16_t head = buffer[p - length];
        if (head < 128 ? !((bucket.ascii_heads[head >> 6] >> (head & 63)) & 1) : !bucket.other_heads)
          continue;
        if (suffixes_.count(text.substr(p - length, length)) &&
            (!before_suffix_ || CharBeforeFits(*before_suffix_, buffer, p - length))) {
          found = true;
          break;
        }
      }
      if (!found) return false;
    }
    if (anchored_max_length_ >= 0 && p > static_cast<size_t>(anchored_max_length_)) return false;
    if (required_char_ != 0) {
      const size_t from = p > required_within_ ? p - required_within_ : 0;
      if (std::u16string_view(buffer).substr(from, p - from).find(required_char_) ==
          std::u16string_view::npos) {
        return false;
      }
    }
    if (!required_any_.empty()) {
      const size_t from = p > required_within_ ? p - required_within_ : 0;
      const std::u16string_view window = std::u16string_view(buffer).substr(from, p - from);
      const bool found =
          std::any_of(required_any_.begin(), required_any_.end(),
                      [&](const std::u16string& s) { return window.find(s) != std::u16string_view::npos; });
      if (!found) return false;
    }
    size_t at = p;
    for (const TrailingChar& position : trailing_) {
      if (at == 0) return position.start_ok;
      UChar32 c;
      U16_PREV(buffer.data(), 0, at, c);
      if (c < 128 ? !((position.ascii[c >> 6] >> (c & 63)) & 1) : !position.set.contains(c)) return false;
    }
    return true;
  }

  struct TrailingChar {
    icu::UnicodeSet set;
    bool start_ok;
    uint64_t ascii[2] = {0, 0};  // set's ASCII members as a bitmap: no binary search
  };
  // Whether the character before buffer[at] is one of `allowed`'s.
  static bool CharBeforeFits(const TrailingChar& allowed, const std::u16string& buffer, size_t at) {
    if (at == 0) return allowed.start_ok;
    UChar32 c;
    U16_PREV(buffer.data(), 0, at, c);
    return c < 128 ? ((allowed.ascii[c >> 6] >> (c & 63)) & 1) != 0 : allowed.set.contains(c);
  }

  bool is_break_;
  uint64_t generation_ = 0;  // of the block the matcher is bound to; 0: none
  std::unique_ptr<icu::RegexPattern> pattern_;
  std::unique_ptr<icu::RegexMatcher> matcher_;
  std::unique_ptr<icu::RegexMatcher> after_probe_;
  std::string after_source_;  // see after_source()
  // The probe's text for after_probe_, reopened on each probe (no
  // allocation: ICU fills this struct in place).
  UText probe_text_ = UTEXT_INITIALIZER;
  std::set<std::u16string> suffix_storage_;  // owns what suffixes_ views
  std::unordered_set<std::u16string_view> suffixes_;
  // The suffix lengths, each with the first characters its suffixes have
  // (an ASCII bitmap and a flag for the rest): most lengths are ruled out
  // without hashing.
  struct SuffixLength {
    size_t length;
    uint64_t ascii_heads[2] = {0, 0};
    bool other_heads = false;
  };
  std::vector<SuffixLength> suffix_lengths_;
  // The character every match has just before its suffix
  // (BeforeTail::before_suffix), when known.
  std::optional<TrailingChar> before_suffix_;
  // The last units of the suffixes: an ASCII bitmap, and whether any suffix
  // is empty or ends outside ASCII (then the bitmap is not consulted).
  uint64_t last_units_[2] = {0, 0};
  bool any_last_unit_ = false;
  std::vector<TrailingChar> trailing_;
  int anchored_max_length_ = -1;
  char16_t required_char_ = 0;                // 0: none
  std::vector<std::u16string> required_any_;  // one of them, when not empty
  size_t required_within_ = 0;                // the distance for either
};

}  // namespace tmkit::segment::internal

#endif  // TMKIT_SEGMENT_COMPILED_RULE_INTERNAL_H_
