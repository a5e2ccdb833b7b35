#include "segment/segmenter.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <memory>
#include <string>

#include "text/icu_status.h"
#include "text/unicode.h"

namespace tmkit::segment {
namespace {

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

// [begin, end) ranges of the paragraphs of `text`: runs of lines separated by
// one or more blank (empty or white-space-only) lines.
struct Range {
  size_t begin;
  size_t end;
};

std::vector<Range> Paragraphs(std::string_view text) {
  std::vector<Range> paragraphs;
  size_t paragraph_begin = std::string_view::npos;
  size_t last_content_end = 0;
  size_t line_begin = 0;
  while (line_begin < text.size()) {
    size_t line_end = text.find('\n', line_begin);
    if (line_end == std::string_view::npos) line_end = text.size();
    bool blank = true;
    for (size_t i = line_begin; i < line_end && blank; ++i) blank = IsAsciiSpace(text[i]);
    if (blank) {
      if (paragraph_begin != std::string_view::npos) {
        paragraphs.push_back({paragraph_begin, last_content_end});
        paragraph_begin = std::string_view::npos;
      }
    } else {
      if (paragraph_begin == std::string_view::npos) paragraph_begin = line_begin;
      last_content_end = line_end;
    }
    line_begin = line_end + 1;
  }
  if (paragraph_begin != std::string_view::npos) paragraphs.push_back({paragraph_begin, last_content_end});
  return paragraphs;
}

}  // namespace

std::vector<Segment> SplitSentences(std::string_view text, const SegmenterOptions& options) {
  text::CheckUtf8(text);
  std::vector<Segment> segments;
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale locale = options.language.empty() ? icu::Locale::getRoot()
                                                : icu::Locale::forLanguageTag(options.language.str(), status);
  text::CheckIcuStatus(status, "reading the language tag");
  std::unique_ptr<icu::BreakIterator> sentences(icu::BreakIterator::createSentenceInstance(locale, status));
  text::CheckIcuStatus(status, "creating a sentence break iterator");

  std::vector<Range> paragraphs = Paragraphs(text);
  for (size_t p = 0; p < paragraphs.size(); ++p) {
    const Range range = paragraphs[p];
    std::string_view paragraph = text.substr(range.begin, range.end - range.begin);
    UText* utext = utext_openUTF8(nullptr, paragraph.data(), static_cast<int64_t>(paragraph.size()), &status);
    text::CheckIcuStatus(status, "opening text for sentence breaks");
    sentences->setText(utext, status);
    text::CheckIcuStatus(status, "setting text for sentence breaks");
    int32_t begin = sentences->first();
    for (int32_t end = sentences->next(); end != icu::BreakIterator::DONE; begin = end, end = sentences->next()) {
      size_t b = static_cast<size_t>(begin);
      size_t e = static_cast<size_t>(end);
      while (b < e && IsAsciiSpace(paragraph[b])) ++b;
      while (e > b && IsAsciiSpace(paragraph[e - 1])) --e;
      if (b == e) continue;
      Segment segment;
      segment.text = std::string(paragraph.substr(b, e - b));
      segment.begin = range.begin + b;
      segment.end = range.begin + e;
      segment.paragraph = p;
      segment.length = text::CountNfcCodePoints(segment.text);
      segments.push_back(std::move(segment));
    }
    utext_close(utext);
  }
  return segments;
}

}  // namespace tmkit::segment
