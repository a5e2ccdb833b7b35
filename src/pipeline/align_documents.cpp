#include "pipeline/align_documents.h"

#include <cstdio>

#include "core/error.h"
#include "segment/segmenter.h"
#include "text/unicode.h"

namespace tmkit::pipeline {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

// Throws ParseError with file, line and column when `text` is not UTF-8.
void CheckText(std::string_view text, const std::string& name) {
  if (const auto bad = text::FindInvalidUtf8(text)) {
    throw ParseError("invalid UTF-8 at byte " + std::to_string(*bad), text::LocateOffset(text, *bad, name));
  }
}

std::vector<Segment> Split(std::string_view text, const LanguageTag& language, bool segmented,
                           const std::string& name) {
  CheckText(text, name);
  if (segmented) return ReadSentenceLines(text, name);
  return segment::SplitSentences(text, {.language = language});
}

// Scripts written without spaces between sentences.
bool JoinsWithoutSpace(const LanguageTag& language) {
  const std::string_view l = language.language();
  return l == "zh" || l == "ja" || l == "th" || l == "lo" || l == "km" || l == "my";
}

std::string Join(const std::vector<Segment>& segments, size_t begin, size_t count, const LanguageTag& language) {
  std::string joined;
  for (size_t k = begin; k < begin + count; ++k) {
    if (k > begin && !JoinsWithoutSpace(language)) joined.push_back(' ');
    joined += segments[k].text;
  }
  return joined;
}

}  // namespace

std::vector<Segment> ReadSentenceLines(std::string_view text, const std::string& name) {
  CheckText(text, name);
  std::vector<Segment> segments;
  size_t paragraph = 0;
  bool paragraph_open = false;
  size_t line_begin = 0;
  while (line_begin < text.size()) {
    size_t line_end = text.find('\n', line_begin);
    if (line_end == std::string_view::npos) line_end = text.size();
    size_t b = line_begin;
    size_t e = line_end;
    while (b < e && IsSpace(text[b])) ++b;
    while (e > b && IsSpace(text[e - 1])) --e;
    if (b == e) {
      if (paragraph_open) ++paragraph;
      paragraph_open = false;
    } else {
      Segment segment;
      segment.text = std::string(text.substr(b, e - b));
      segment.begin = b;
      segment.end = e;
      segment.paragraph = paragraph;
      segment.length = text::CountNfcCodePoints(segment.text);
      segments.push_back(std::move(segment));
      paragraph_open = true;
    }
    line_begin = line_end + 1;
  }
  return segments;
}

namespace {

// Units of the two-sided beads that pass min_confidence.
std::vector<TranslationUnit> MakeUnits(const AlignedDocuments& d, const AlignDocumentsOptions& options,
                                       const std::string& src_name) {
  std::vector<TranslationUnit> units;
  for (const align::Bead& bead : d.alignment.beads) {
    if (bead.src_count == 0 || bead.tgt_count == 0 || bead.confidence < options.min_confidence) continue;
    TranslationUnit unit;
    Variant src;
    src.language = options.src_language;
    src.text = Join(d.src_segments, bead.src_begin, bead.src_count, options.src_language);
    Variant tgt;
    tgt.language = options.tgt_language;
    tgt.text = Join(d.tgt_segments, bead.tgt_begin, bead.tgt_count, options.tgt_language);
    unit.variants = {std::move(src), std::move(tgt)};
    char confidence[16];
    std::snprintf(confidence, sizeof confidence, "%.3f", bead.confidence);
    unit.properties.push_back({.type = std::string(kConfidenceProperty), .value = confidence});
    unit.origin = InputLocation{
        .file = src_name, .offset_bytes = static_cast<long long>(d.src_segments[bead.src_begin].begin)};
    units.push_back(std::move(unit));
  }
  return units;
}

}  // namespace

AlignedDocuments AlignDocuments(std::string_view src_text, std::string_view tgt_text,
                                const AlignDocumentsOptions& options) {
  std::vector<AlignedDocuments> results = AlignDocumentsBatch(
      {{.src_text = src_text, .tgt_text = tgt_text, .src_name = options.src_name, .tgt_name = options.tgt_name}},
      options);
  return std::move(results[0]);
}

std::vector<AlignedDocuments> AlignDocumentsBatch(const std::vector<DocumentTexts>& documents,
                                                  const AlignDocumentsOptions& options) {
  std::vector<AlignedDocuments> results(documents.size());
  std::vector<align::DocumentSegments> segments(documents.size());
  for (size_t k = 0; k < documents.size(); ++k) {
    const DocumentTexts& d = documents[k];
    results[k].src_segments = Split(d.src_text, options.src_language, options.segmented, d.src_name);
    results[k].tgt_segments = Split(d.tgt_text, options.tgt_language, options.segmented, d.tgt_name);
    segments[k] = {&results[k].src_segments, &results[k].tgt_segments};
  }
  std::vector<align::Alignment> alignments = align::AlignBatch(segments, options.align);
  for (size_t k = 0; k < documents.size(); ++k) {
    results[k].alignment = std::move(alignments[k]);
    results[k].units = MakeUnits(results[k], options, documents[k].src_name);
  }
  return results;
}

}  // namespace tmkit::pipeline
