// Sentence segmenter: UTF-8 text in, sentences (Segments) out.
//
// How it decides (docs/segmentation.md has the details):
//   1. Paragraphs are runs of lines between blank lines; a sentence never
//      crosses one. Inside a paragraph a line break is a soft wrap, unless the
//      lines form a list (lines that start with a bullet or an enumerator, or
//      short lines that do not read as wrapped prose): then each item is cut
//      off on its own. An inline list ("1. x 2. y") at the start of a block
//      or after a colon gets one segment per item.
//   2. ICU's sentence break iterator (UAX #29) proposes boundaries.
//   3. SRX 2.0 rules (the built-in ones of src/segment/rules/default.srx, or a
//      user's file) correct them. Rules are evaluated only at candidate
//      positions: ICU's boundaries and the places right after a sentence
//      terminator (. ! ? … 。 ！ ？ : ; ...) or any character a break rule
//      can end with. At a candidate, the first rule (in SRX order) whose
//      beforebreak matches up to the position and whose afterbreak matches
//      from it decides; when none matches, ICU decides. Cheap prefilters,
//      derived from the patterns, skip rules that cannot match.
//
// Invariants of the result, for `text` given to Split: segments are in order,
// do not overlap, never cross a paragraph, and for every segment s
// text.substr(s.begin, s.end - s.begin) == s.text, s.text has no leading or
// trailing white space, and s.length is its code point count after NFC.
//
// Thread-safety: a Segmenter holds ICU iterators with state; use one per
// thread. Constructing one parses and compiles the rules (about 10 ms for
// the built-in set, more for an SRX file, whose every pattern is checked);
// reuse it: Split may be called any number of times.
#ifndef TMKIT_SEGMENT_SEGMENTER_H_
#define TMKIT_SEGMENT_SEGMENTER_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/language.h"
#include "core/segment.h"

namespace tmkit::segment {

struct SegmenterOptions {
  // Language of the text; selects the break rules through the SRX maprules
  // (matched against the tag, case-insensitively) and ICU's locale tailoring.
  // Default: empty, which gets the rules every language shares.
  LanguageTag language;

  // An SRX 2.0 file to use instead of the built-in rules. Default: empty,
  // the built-in rules. Loading and compiling a file costs about as much as
  // segmenting a few kilobytes of text, once per Segmenter.
  std::string srx_path;

  // Where no rule matches at a candidate position, ICU's sentence boundary
  // decides (true: ICU boundaries are kept unless a no-break rule matches).
  // false gives plain SRX semantics: text breaks only where a break rule
  // matches, and rules are evaluated at every position, which is several
  // times slower. Default: true.
  bool icu_decides_by_default = true;

  // Skip a rule at a position when a cheap check (the characters around the
  // position, precomputed from the rule's patterns) proves it cannot match
  // there, and take the ASCII fast paths. Same results either way; false is
  // the straightforward path, which runs ICU's regex engine for every rule at
  // every candidate (14 times slower on English prose, 2.7 on Chinese).
  // Default: true; false is for tests and benchmarks.
  bool use_prefilters = true;

  // Treat a paragraph's lines as list items (one or more sentences each)
  // when they look like a list; otherwise line breaks are soft wraps.
  // Default: true. Cost: one pass over the line starts.
  bool detect_lists = true;
};

class Segmenter {
 public:
  // Loads and compiles the rules for options.language. Throws IoError when
  // options.srx_path cannot be read, ParseError "file:line:col: message" when
  // the SRX file is malformed (XML errors, unknown rule set names, regular
  // expressions ICU cannot compile).
  explicit Segmenter(const SegmenterOptions& options);
  ~Segmenter();
  Segmenter(Segmenter&&) noexcept;
  Segmenter& operator=(Segmenter&&) noexcept;
  Segmenter(const Segmenter&) = delete;
  Segmenter& operator=(const Segmenter&) = delete;

  // Splits `text` into sentences (see the invariants above). Throws
  // ParseError "invalid UTF-8 at byte N" (with line, column and offset) when
  // `text` is not valid UTF-8. Memory beyond the result is proportional to
  // the longest paragraph.
  std::vector<Segment> Split(std::string_view text);

  // Same, but hands each sentence to `sink` as soon as it is cut, in order,
  // so that memory beyond `text` stays proportional to the longest
  // paragraph whatever the input size. Throws what Split throws (invalid
  // UTF-8 is detected before the first call to `sink`), and what `sink`
  // throws.
  void Split(std::string_view text, const std::function<void(Segment&&)>& sink);

  // The names of the SRX language rule sets applied, in order (the cascade).
  const std::vector<std::string>& rule_sets() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Convenience: Segmenter(options).Split(text). Throws what both throw.
std::vector<Segment> SplitSentences(std::string_view text, const SegmenterOptions& options);

}  // namespace tmkit::segment

#endif  // TMKIT_SEGMENT_SEGMENTER_H_
