// Private to src/segment: cheap necessary conditions for an SRX rule,
// derived from its patterns once, so that most candidate positions are
// rejected without running ICU's regex engine (which costs about a
// microsecond per call, where ICU's break iterator spends a few nanoseconds
// per character).
//
// Everything here is conservative: "unknown" whenever a pattern uses a
// construct the analysis does not model, and a filter never rejects a
// position where the rule could match.
#ifndef TMKIT_SEGMENT_RULE_FILTER_INTERNAL_H_
#define TMKIT_SEGMENT_RULE_FILTER_INTERNAL_H_

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace tmkit::segment::internal {

// What every match of a beforebreak pattern ends with.
struct BeforeTail {
  // Every match ends with one of these literal strings (UTF-16); nullopt
  // when the pattern's end is not a small finite language.
  std::optional<std::set<std::u16string>> suffixes;
  // With `suffixes`: a UnicodeSet pattern for the character every match has
  // just before its suffix ("\d\s?(?:g|km)\." gives the digits and white
  // space, before "g." or "km."); "" when not known (a suffix may start the
  // match, or what precedes it is not a single character).
  std::u16string before_suffix;
  // Otherwise: UnicodeSet patterns ("[.]", "[\p{Lu}]") for the characters
  // every match ends with, last first; a `start_ok` entry is a non-word
  // character that \b demands before a word character, and may also be the
  // start of the text.
  struct Position {
    std::u16string set;
    bool start_ok = false;
  };
  std::vector<Position> trailing;
  // When every match starts at the start of the text (^): the most UTF-16
  // units a match can span; -1 when unknown or not anchored.
  int anchored_max_length = -1;
  // A character every match contains, and the most UTF-16 units a match can
  // span (so the character is within that distance before the position);
  // 0 / -1 when there is none or the length is unbounded. "《[^《》]{0,40}"
  // gives 《 within 81 units.
  char16_t required_char = 0;
  int max_length = -1;
  // Otherwise, strings one of which every match contains, within
  // max_length: from a mandatory group whose every branch has a literal
  // run ("(?:https?://|ftp://|\bwww\.|@[\w-])[^\s]{0,60}\." gives http,
  // ftp://, www., @). Empty when there are none.
  std::vector<std::u16string> required_any;
};

// Analyses a beforebreak pattern (ICU/Java regex syntax).
BeforeTail AnalyseBeforebreak(std::string_view pattern);

}  // namespace tmkit::segment::internal

#endif  // TMKIT_SEGMENT_RULE_FILTER_INTERNAL_H_
