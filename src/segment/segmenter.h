// Sentence segmenter: UTF-8 text in, sentences (Segments) out.
//
// Skeleton laid by the foundation (issue 2); the rules, SRX support and the
// `tmkit segment` verb are issue 3. Until then Segment() splits paragraphs at
// blank lines and sentences with ICU's sentence break iterator alone.
#ifndef TMKIT_SEGMENT_SEGMENTER_H_
#define TMKIT_SEGMENT_SEGMENTER_H_

#include <string_view>
#include <vector>

#include "core/language.h"
#include "core/segment.h"

namespace tmkit::segment {

struct SegmenterOptions {
  // Language of the text; selects the break rules. Default: root rules.
  LanguageTag language;
};

// Splits `text` into sentences. Paragraphs are separated by blank lines (one
// or more empty or white-space-only lines); a sentence never crosses one.
// Throws ParseError naming the byte offset when `text` is not valid UTF-8.
std::vector<Segment> SplitSentences(std::string_view text, const SegmenterOptions& options);

}  // namespace tmkit::segment

#endif  // TMKIT_SEGMENT_SEGMENTER_H_
