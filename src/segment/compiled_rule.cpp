#include <algorithm>

#include "core/error.h"
#include "segment/compiled_rule_internal.h"

namespace tmkit::segment::internal {
namespace {

// ICU look-behind needs a bounded maximum length, and SRX files often write
// beforebreak patterns with * and +. Those are capped at this many repeats,
// which only matters for patterns that look further back than a sentence
// end usually needs.
constexpr int kLookBehindCap = 64;

// `pattern` with unbounded quantifiers (*, +, {n,}) turned into bounded ones,
// leaving lazy/possessive modifiers, escapes, \Q...\E and classes alone.
std::string BoundRepetitions(std::string_view pattern) {
  const std::string cap = std::to_string(kLookBehindCap);
  std::string out;
  int class_depth = 0;
  bool after_quantifier = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      if (pattern[i + 1] == 'Q') {
        size_t end = pattern.find("\\E", i + 2);
        end = end == std::string_view::npos ? pattern.size() : end + 2;
        out.append(pattern.substr(i, end - i));
        i = end - 1;
      } else {
        out.append(pattern.substr(i, 2));
        ++i;
      }
      after_quantifier = false;
      continue;
    }
    if (class_depth > 0) {
      if (c == '[') ++class_depth;
      if (c == ']') --class_depth;
      out += c;
      continue;
    }
    if (c == '[') {
      ++class_depth;
      if (i + 1 < pattern.size() && pattern[i + 1] == ']') {
        out += "[]";
        ++i;
      } else if (i + 2 < pattern.size() && pattern[i + 1] == '^' && pattern[i + 2] == ']') {
        out += "[^]";
        i += 2;
      } else {
        out += c;
      }
      after_quantifier = false;
      continue;
    }
    if ((c == '*' || c == '+' || c == '?') && after_quantifier) {
      out += c;  // a lazy or possessive modifier
      after_quantifier = false;
      continue;
    }
    if (c == '*' || c == '+') {
      out += c == '*' ? "{0," + cap + "}" : "{1," + cap + "}";
      after_quantifier = true;
      continue;
    }
    if (c == '{') {
      const size_t close = pattern.find('}', i);
      if (close != std::string_view::npos) {
        std::string_view body = pattern.substr(i + 1, close - i - 1);
        if (!body.empty() && body.back() == ',') {
          // {n,} becomes {n,max(n, cap)}.
          const std::string low(body.substr(0, body.size() - 1));
          const bool numeric =
              !low.empty() && low.size() < 6 && low.find_first_not_of("0123456789") == std::string::npos;
          const int high = numeric ? std::max(std::stoi(low), kLookBehindCap) : kLookBehindCap;
          out += "{" + low + "," + std::to_string(high) + "}";
        } else {
          out.append(pattern.substr(i, close - i + 1));
        }
        i = close;
        after_quantifier = true;
        continue;
      }
    }
    after_quantifier = c == '?' && !(i > 0 && pattern[i - 1] == '(');
    out += c;
  }
  return out;
}

// One rule as a zero-width pattern anchored at the candidate position: a
// look-ahead for the afterbreak and a look-behind for the beforebreak. The
// shorter pattern goes first, as a proxy for the cheaper one: "\s" rejects
// most positions at once, where a list of 150 sentence starters would try
// every alternative before failing.
std::string RuleAsPattern(const SrxRule& rule) {
  const std::string ahead = rule.after.empty() ? "" : "(?=" + rule.after + ")";
  const std::string behind = rule.before.empty() ? "" : "(?<=" + BoundRepetitions(rule.before) + ")";
  return rule.after.size() <= rule.before.size() ? ahead + behind : behind + ahead;
}

// Whether a probe of the afterbreak on the few characters after a position
// is exact: not when the afterbreak looks backwards (\b, \B, look-behind),
// which a probe that starts at the position cannot see.
bool AfterbreakProbeable(const SrxRule& rule) {
  return !rule.after.empty() && rule.after.find("\\b") == std::string::npos &&
         rule.after.find("\\B") == std::string::npos && rule.after.find("(?<") == std::string::npos;
}

std::unique_ptr<icu::RegexPattern> Compile(const std::string& pattern, UErrorCode& status) {
  UParseError parse_error{};
  return std::unique_ptr<icu::RegexPattern>(
      icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern), 0, parse_error, status));
}

}  // namespace

CompiledRule::CompiledRule(const SrxRule& rule) : is_break_(rule.is_break) {
  UErrorCode status = U_ZERO_ERROR;
  pattern_ = Compile(RuleAsPattern(rule), status);
  if (U_FAILURE(status)) {
    throw ParseError(std::string("rule cannot be evaluated (beforebreak must have a bounded length): ") +
                         u_errorName(status),
                     rule.where);
  }
  matcher_.reset(pattern_->matcher(status));
  text::CheckIcuStatus(status, "creating a rule matcher");
  if (AfterbreakProbeable(rule)) {
    UErrorCode probe_status = U_ZERO_ERROR;
    after_probe_ =
        std::make_unique<icu::RegexMatcher>(icu::UnicodeString::fromUTF8(rule.after), 0, probe_status);
    if (U_FAILURE(probe_status)) {
      after_probe_.reset();
    } else {
      after_source_ = rule.after;
    }
  }
  const BeforeTail tail = AnalyseBeforebreak(rule.before);
  if (tail.suffixes) {
    suffix_storage_ = std::move(*tail.suffixes);
    for (const std::u16string& suffix : suffix_storage_) {
      suffixes_.insert(suffix);
      auto bucket = std::find_if(suffix_lengths_.begin(), suffix_lengths_.end(),
                                 [&](const SuffixLength& b) { return b.length == suffix.size(); });
      if (bucket == suffix_lengths_.end())
        bucket = suffix_lengths_.insert(suffix_lengths_.end(), {suffix.size()});
      if (suffix.empty()) {
        any_last_unit_ = true;  // the empty suffix fits everywhere
      } else if (suffix.back() < 128) {
        last_units_[suffix.back() >> 6] |= uint64_t{1} << (suffix.back() & 63);
      } else {
        any_last_unit_ = true;
      }
      const char16_t head = suffix[0];
      if (head < 128) {
        bucket->ascii_heads[head >> 6] |= uint64_t{1} << (head & 63);
      } else {
        bucket->other_heads = true;
      }
    }
  }
  // A set pattern as a TrailingChar; nullopt when ICU cannot read it.
  auto char_filter = [](const std::u16string& pattern, bool start_ok) -> std::optional<TrailingChar> {
    UErrorCode set_status = U_ZERO_ERROR;
    icu::UnicodeSet set(icu::UnicodeString(pattern.data(), static_cast<int32_t>(pattern.size())), set_status);
    if (U_FAILURE(set_status)) return std::nullopt;
    set.freeze();
    TrailingChar filter{std::move(set), start_ok};
    for (char16_t c = 0; c < 128; ++c) {
      if (filter.set.contains(c)) filter.ascii[c >> 6] |= uint64_t{1} << (c & 63);
    }
    return filter;
  };
  if (!suffix_lengths_.empty() && !tail.before_suffix.empty()) {
    before_suffix_ = char_filter(tail.before_suffix, /*start_ok=*/false);
  }
  for (const BeforeTail::Position& position : tail.trailing) {
    std::optional<TrailingChar> trailing = char_filter(position.set, position.start_ok);
    if (!trailing) break;  // keep the positions understood so far
    trailing_.push_back(std::move(*trailing));
  }
  anchored_max_length_ = tail.anchored_max_length;
  if (tail.required_char != 0) {
    required_char_ = tail.required_char;
    required_within_ = static_cast<size_t>(tail.max_length);
  } else if (!tail.required_any.empty()) {
    required_any_ = std::move(tail.required_any);
    required_within_ = static_cast<size_t>(tail.max_length);
  }
}

}  // namespace tmkit::segment::internal
